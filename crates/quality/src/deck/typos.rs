//! Typing and OCR errors, from tables of our own.
//!
//! * Keyboard slips on a QWERTY layout (the classes of Damerau 1964 and of the keyboard-error
//!   studies since: a neighbouring key struck instead of the right one or as well, a letter
//!   left out or doubled, two letters swapped).
//! * OCR confusions of printed Latin text: the character classes that OCR accuracy tests
//!   report as confused (rn/m, cl/d, vv/w, li/h, l/1/I, O/0, S/5, B/8, Z/2, e/c, u/v, n/h).
//!
//! The deck also measures each error's edit distance (optimal string alignment, our own) so
//! that errors outside the matcher's documented edit budget (one edit in a word of 4–7
//! letters, two from 8) are reported as their own rows, without a target.

use crate::rng::Rng;

/// The QWERTY neighbours of each lower-case letter (same row and the rows above and below).
fn neighbours(c: char) -> &'static str {
    match c {
        'q' => "wa",
        'w' => "qeas",
        'e' => "wrds",
        'r' => "etdf",
        't' => "ryfg",
        'y' => "tugh",
        'u' => "yihj",
        'i' => "uojk",
        'o' => "ipkl",
        'p' => "ol",
        'a' => "qwsz",
        's' => "awedxz",
        'd' => "serfcx",
        'f' => "drtgvc",
        'g' => "ftyhbv",
        'h' => "gyujnb",
        'j' => "huikmn",
        'k' => "jiolm",
        'l' => "kop",
        'z' => "asx",
        'x' => "zsdc",
        'c' => "xdfv",
        'v' => "cfgb",
        'b' => "vghn",
        'n' => "bhjm",
        'm' => "njk",
        _ => "",
    }
}

/// OCR confusions of lower-case text: what is printed, and what OCR reads.
const OCR_LOWER: &[(&str, &str)] = &[
    ("m", "rn"),
    ("rn", "m"),
    ("d", "cl"),
    ("cl", "d"),
    ("w", "vv"),
    ("h", "li"),
    ("l", "1"),
    ("i", "l"),
    ("l", "i"),
    ("o", "0"),
    ("e", "c"),
    ("c", "e"),
    ("u", "v"),
    ("n", "h"),
    ("h", "n"),
    ("s", "5"),
    ("g", "q"),
    ("a", "o"),
    ("f", "t"),
    ("t", "f"),
];

/// OCR confusions of upper-case text.
const OCR_UPPER: &[(&str, &str)] = &[
    ("O", "0"),
    ("0", "O"),
    ("I", "1"),
    ("I", "L"),
    ("L", "I"),
    ("S", "5"),
    ("B", "8"),
    ("Z", "2"),
    ("G", "6"),
    ("D", "O"),
    ("O", "D"),
    ("E", "F"),
    ("F", "E"),
    ("P", "F"),
    ("R", "B"),
    ("M", "NN"),
    ("W", "VV"),
    ("H", "N"),
    ("C", "G"),
    ("Q", "O"),
];

/// One keyboard slip in `word` (a single word of letters), and its kind.
pub fn keyboard_slip(word: &str, rng: &mut Rng) -> Option<(String, &'static str)> {
    let chars: Vec<char> = word.chars().collect();
    if chars.len() < 2 {
        return None;
    }
    let upper = chars.iter().all(|c| !c.is_lowercase());
    let styled = |c: char| if upper { c.to_ascii_uppercase() } else { c };
    for _ in 0..8 {
        let i = rng.below(chars.len());
        let lower = chars[i].to_lowercase().next().unwrap_or(chars[i]);
        let near: Vec<char> = neighbours(lower).chars().collect();
        let mut out = chars.clone();
        let kind = match rng.below(5) {
            0 if !near.is_empty() => {
                out[i] = styled(*rng.pick(&near));
                "neighbour_key"
            }
            1 if !near.is_empty() => {
                let at = i + rng.below(2);
                out.insert(at, styled(*rng.pick(&near)));
                "neighbour_key_added"
            }
            2 => {
                out.remove(i);
                "letter_left_out"
            }
            3 => {
                out.insert(i, chars[i]);
                "letter_doubled"
            }
            _ if i + 1 < chars.len() && !chars[i].eq_ignore_ascii_case(&chars[i + 1]) => {
                out.swap(i, i + 1);
                "letters_swapped"
            }
            _ => continue,
        };
        let out: String = out.into_iter().collect();
        if out != word {
            return Some((out, kind));
        }
    }
    None
}

/// One OCR confusion in `word`, and what was confused.
pub fn ocr_confusion(word: &str, rng: &mut Rng) -> Option<(String, String)> {
    let upper = word.chars().all(|c| !c.is_lowercase());
    let table = if upper { OCR_UPPER } else { OCR_LOWER };
    let mut options: Vec<(usize, &str, &str)> = Vec::new();
    for (from, to) in table {
        for (i, _) in word.match_indices(from) {
            options.push((i, from, to));
        }
    }
    if options.is_empty() {
        return None;
    }
    let (i, from, to) = *rng.pick(&options);
    let out = format!("{}{}{}", &word[..i], to, &word[i + from.len()..]);
    Some((out, format!("{from}->{to}")))
}

/// Optimal string alignment distance (Levenshtein with adjacent transpositions), on chars,
/// case-insensitive.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().flat_map(char::to_lowercase).collect();
    let b: Vec<char> = b.chars().flat_map(char::to_lowercase).collect();
    let width = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * width];
    for i in 0..=a.len() {
        d[i * width] = i;
    }
    for (j, cell) in d.iter_mut().enumerate().take(width) {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[(i - 1) * width + j] + 1)
                .min(d[i * width + j - 1] + 1)
                .min(d[(i - 1) * width + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[(i - 2) * width + j - 2] + 1);
            }
            d[i * width + j] = best;
        }
    }
    d[a.len() * width + b.len()]
}

/// Whether changing a word of `letters` letters by `edits` stays within the matcher's
/// documented edit budget (one edit from 4 letters, two from 8).
pub fn within_budget(letters: usize, edits: usize) -> bool {
    match edits {
        0 => true,
        1 => letters >= 4,
        2 => letters >= 8,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keyboard_slips_are_one_edit() {
        let mut rng = Rng::new(9);
        for _ in 0..200 {
            let (w, kind) = keyboard_slip("Soleimani", &mut rng).unwrap();
            assert_eq!(edit_distance(&w, "Soleimani"), 1, "{w} {kind}");
        }
    }

    #[test]
    fn ocr_confusions_follow_the_case_of_the_word() {
        let mut rng = Rng::new(3);
        for _ in 0..50 {
            let (w, _) = ocr_confusion("ROSOBORONEXPORT", &mut rng).unwrap();
            assert!(w.chars().all(|c| !c.is_lowercase()), "{w}");
        }
        assert_eq!(ocr_confusion("xyz", &mut rng), None);
    }

    #[test]
    fn edit_distance_counts_a_swap_as_one() {
        assert_eq!(edit_distance("Hassan", "Hasasn"), 1);
        assert_eq!(edit_distance("Karimi", "Rahimi"), 2);
        assert_eq!(edit_distance("modern", "modem"), 2);
        assert!(within_budget(8, 2) && !within_budget(7, 2) && !within_budget(3, 1));
    }
}
