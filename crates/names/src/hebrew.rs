//! Whether a Latin spelling is a reading of a word written in Hebrew letters.
//!
//! Hebrew writes consonants and, with the letters א ה ו י ע, some vowels; the short vowels are
//! left out. A romanisation therefore differs from the letters in exactly what a consonant
//! skeleton ignores, and the skeleton alone cannot tell `Eden` (עדן: ayin, dalet, nun) from
//! `Adan` or `Odin`. [`hebrew_spells`] reads the Latin word against the letters: each letter
//! as one of the sounds it stands for (bet `b` or `v`, vav `v`, `w`, `o` or `u`, the gutturals
//! alef and ayin a vowel or nothing), and a vowel of the Latin word where Hebrew writes none.
//! Consonants must agree letter for letter; a Latin vowel is either written or a short one
//! Hebrew leaves out, never more than two in a row, and never the first or last letter (a
//! name that begins or ends with a vowel writes it: `Alireza` is no reading of לירז, Liraz).
//!
//! Written here rather than taken from a library: the transliteration libraries romanise
//! Hebrew one way (or need the vowel points, which names seldom carry); a screening needs
//! to know whether any of the ways a name is commonly spelt is this one.

/// The Latin letters a Hebrew letter may be read as (final forms with their letter; `""`:
/// silent or a vowel Hebrew does not write).
fn readings(letter: char) -> &'static [&'static str] {
    match letter {
        'א' => &["", "a", "e", "i", "o"],
        // w: the German spelling of v (Leibowitz, ליבוביץ).
        'ב' => &["b", "v", "w"],
        'ג' => &["g", "j"],
        'ד' => &["d"],
        // Never silent: a final he writes a vowel (Moshe, Sarah), another one the h.
        'ה' => &["h", "a", "e", "o"],
        'ו' => &["v", "w", "o", "u"],
        // s: the German spelling of z between vowels (Rosen, Eisenkot).
        'ז' => &["z", "zh", "j", "s"],
        'ח' => &["kh", "ch", "h", "k"],
        'ט' => &["t"],
        // j: the German and Latin spelling of y (Jakob, Benjamin).
        'י' => &["y", "i", "e", "j"],
        'כ' | 'ך' => &["k", "kh", "ch", "c"],
        'ל' => &["l"],
        'מ' | 'ם' => &["m"],
        'נ' | 'ן' => &["n"],
        'ס' => &["s", "c"],
        'ע' => &["", "a", "e", "o", "i"],
        'פ' | 'ף' => &["p", "f", "ph"],
        'צ' | 'ץ' => &["ts", "tz", "z", "c", "ch"],
        'ק' => &["k", "q", "c", "ck"],
        'ר' => &["r"],
        'ש' => &["sh", "s"],
        'ת' => &["t", "th", "s"],
        _ => &[],
    }
}

fn is_hebrew_letter(c: char) -> bool {
    ('\u{05D0}'..='\u{05EA}').contains(&c)
}

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Whether `latin` (folded: ASCII lower-case letters) may be a romanisation of `hebrew`, a word
/// in Hebrew letters (points, geresh and other marks are skipped). Words of fewer than two
/// Hebrew letters or three Latin ones are never said to agree: too little to tell.
///
/// ```
/// use embargo_names::hebrew::hebrew_spells;
/// assert!(hebrew_spells("עדן", "eden"));
/// assert!(hebrew_spells("לוי", "levi"));
/// assert!(hebrew_spells("לוי", "levy"));
/// assert!(hebrew_spells("פדרמן", "federman"));
/// assert!(hebrew_spells("עילאי", "ilay"));
/// assert!(hebrew_spells("נעם", "noam"));
/// assert!(hebrew_spells("משה", "moshe"));
/// assert!(hebrew_spells("כהן", "cohen"));
/// assert!(hebrew_spells("חיים", "chaim"));
/// assert!(hebrew_spells("אלכסנדר", "alexander"));
/// // Other consonants, or vowels where Hebrew writes a consonant, are another name.
/// assert!(!hebrew_spells("עדן", "adam"));
/// assert!(!hebrew_spells("לוי", "lee"));
/// assert!(!hebrew_spells("כהן", "kagan"));
/// assert!(!hebrew_spells("לירז", "alireza"));
/// assert!(!hebrew_spells("מוראד", "moradi"));
/// assert!(!hebrew_spells("שלמה", "salim"));
/// ```
pub fn hebrew_spells(hebrew: &str, latin: &str) -> bool {
    let letters: Vec<char> = hebrew.chars().filter(|&c| is_hebrew_letter(c)).collect();
    // An x is the kaf and samekh of אלכסנדר (Alexander, Maxim).
    let latin: std::borrow::Cow<'_, str> =
        if latin.contains('x') { latin.replace('x', "ks").into() } else { latin.into() };
    let latin = latin.as_bytes();
    if letters.len() < 2 || latin.len() < 3 || !latin.iter().all(u8::is_ascii_lowercase) {
        return false;
    }
    // reached[i][j][k]: the first i letters read as the first j Latin letters, the last k of
    // them vowels Hebrew leaves out (k ≤ 2). Words are short: a table of a few hundred cells.
    let (n, m) = (letters.len(), latin.len());
    let at = |i: usize, j: usize, k: usize| (i * (m + 1) + j) * 3 + k;
    let mut reached = vec![false; (n + 1) * (m + 1) * 3];
    reached[at(0, 0, 0)] = true;
    for i in 0..=n {
        for j in 0..=m {
            for k in 0..3 {
                if !reached[at(i, j, k)] {
                    continue;
                }
                // A vowel Hebrew does not write: never the first or the last letter of the
                // word, which Hebrew writes (with alef or ayin, he or yod).
                if j > 0 && j < m && k < 2 && is_vowel(latin[j]) {
                    reached[at(i, j + 1, k + 1)] = true;
                }
                if i == n {
                    continue;
                }
                // A yod or vav written double is one consonant or diphthong (חיים Chaim, Haim;
                // דוויד David): the second may be read as nothing.
                if i > 0 && letters[i] == letters[i - 1] && matches!(letters[i], 'י' | 'ו') {
                    reached[at(i + 1, j, k)] = true;
                }
                for reading in readings(letters[i]) {
                    let r = reading.as_bytes();
                    if latin[j..].starts_with(r) {
                        reached[at(i + 1, j + r.len(), 0)] = true;
                        // A consonant written double (Federmann, Levvy).
                        let doubled = r.len() == 1 && !is_vowel(r[0]) && latin.get(j + 1) == Some(&r[0]);
                        if doubled {
                            reached[at(i + 1, j + 2, 0)] = true;
                        }
                    }
                }
            }
        }
    }
    reached[at(n, m, 0)]
}
