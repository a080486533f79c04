//! Romanisations of Russian, Ukrainian and Belarusian names met on one key.
//!
//! The same Cyrillic name reaches a list or a customer file through one of several systems:
//! BGN/PCGN (`Yakovlev`, `Yuriy`, `Khrushchev`), the Library of Congress (`Iakovlev`, `Iurii`),
//! ISO 9 / GOST 7.79 (`Âkovlev`, `Jurij`, `Hruŝev`), German Duden (`Jakowlew`, `Jurij`,
//! `Chruschtschow`), French (`Iakovlev`, `Iouri`, `Khrouchtchev`), and English habits (`-off`,
//! `-y`, `-ii`). [`slavic_key`] folds what these systems write differently for one letter:
//!
//! | Cyrillic | written | key |
//! |---|---|---|
//! | я ю е ё (and й before a vowel) | ya/ja/ia/â, yu/ju/iu/iou/û, ye/je/ie/e, yo/jo/io | the vowel (the glide dropped) |
//! | ё after a consonant | yo/jo/io/e (Pyotr, Fjodor; Russian print writes е) | `e` |
//! | й, ы, и at the end: -ий -ый -ій | iy/ii/ij/yj/yi/y/i | `i` |
//! | щ | shch/shtch/schtsch/chtch/sc | `Q` |
//! | ч | ch/tch/tsch/cz | `C` |
//! | ш, ж | sh/sch/sz, zh/ž/sch (j in French is read as й) | `S` (German writes both `sch`) |
//! | з, с | z/s (German writes both `s`) | `s` |
//! | х | kh/h, ch in German and Polish | `H` |
//! | ц | ts/tz/c before e, i, z in German | `T` |
//! | в | v/w/ff, -ov/-off/-ow | `v` |
//! | у | u/ou | `u` |
//! | кс | ks/x | `ks` |
//!
//! Doubled letters collapse. The key is coarse by design and is only made for names that read
//! as Slavic ([`slavic_name`]): a family name or patronymic with a Slavic ending, or a name
//! written in Cyrillic. It is given as a variant (marked `ru~` so that it never meets a plain
//! text), so that two romanisations of one name share a form.

/// Endings of Russian, Ukrainian and Belarusian family names and patronymics, in any of the
/// romanisations above (folded). Not `-ow`, `-uk`, `-yn` alone: Somali (Dubow), Persian
/// (Khosrow) and Arabic (Farouk, Husayn) names end so.
const ENDINGS: &[&str] = &[
    "ov", "ev", "ova", "eva", "off", "eff", "yov", "yev", "jev", "iev", "sky", "ski", "skiy", "skii", "skij",
    "skyi", "skaya", "skaja", "skaia", "enko", "vich", "vych", "witsch", "vitch", "vitsch", "vna", "wna",
    "ovna", "evna", "ivna", "yuk", "juk", "iuk", "chuk", "ets", "vic",
];

/// German endings (-ow, -ew), counted from six letters (Dubow, a Somali name, has five).
const GERMAN_ENDINGS: &[&str] = &["ow", "ew", "owa", "ewa", "owna", "ewna"];

/// Whether a word has a Slavic family-name or patronymic ending (and is long enough for it to
/// say so).
fn slavic_ending(word: &str) -> bool {
    // The last two letters of the endings rule out most words at once.
    let tail = word.len().checked_sub(2).map(|at| &word.as_bytes()[at..]);
    let possible = matches!(
        tail,
        Some(
            b"ov"
                | b"ev"
                | b"va"
                | b"ff"
                | b"ow"
                | b"ew"
                | b"wa"
                | b"ky"
                | b"ki"
                | b"iy"
                | b"ii"
                | b"ij"
                | b"yi"
                | b"ya"
                | b"ja"
                | b"ia"
                | b"ko"
                | b"ch"
                | b"na"
                | b"uk"
                | b"ts"
                | b"ic"
        )
    );
    possible
        && word.len() >= 5
        && word.bytes().all(|b| b.is_ascii_lowercase())
        && (ENDINGS.iter().any(|e| word.ends_with(e))
            || (word.len() >= 6 && GERMAN_ENDINGS.iter().any(|e| word.ends_with(e))))
}

/// Whether a name's words (folded texts, and whether written in Cyrillic) read as a Slavic
/// name: one of them is written in Cyrillic or ends as Slavic family names and patronymics do.
pub(crate) fn slavic_name<'a>(mut words: impl Iterator<Item = (&'a str, bool)>) -> bool {
    words.any(|(text, cyrillic)| cyrillic || slavic_ending(text))
}

/// Whether the words of a Slavic name are spelt as German or Polish write Cyrillic (`sch`,
/// `w`): then `ch` is х and `z` is ц in all of them (Jachnjuk, Achmed beside Wasiljewitsch).
pub(crate) fn german_spelling<'a>(mut words: impl Iterator<Item = &'a str>) -> bool {
    words.any(|w| contains(w.as_bytes(), b"sch") || w.contains('w'))
}

/// The key of a romanised (folded, ASCII) word of a Slavic name, marked `ru~`; `None` for a
/// word that is not plain ASCII letters or shorter than three letters. Whether the word is
/// spelt the German way is read from the word alone (the analyser reads it from the whole name).
///
/// ```
/// use embargo_names::slavic_key;
/// let same = |a: &str, b: &str| assert_eq!(slavic_key(a), slavic_key(b), "{a} / {b}");
/// same("yakovlev", "jakowlew");
/// same("yakovlev", "iakovlev");
/// same("yuriy", "iurii");
/// same("yuriy", "jurij");
/// same("khrushchev", "chruschtschow".replace("ow", "ew").as_str());
/// same("sergeyev", "sergejew");
/// same("sergeyev", "sergeev");
/// same("dmitriyev", "dmitriev");
/// same("viktor", "wiktor");
/// same("viktor", "victor");
/// same("shestakov", "chestakoff");
/// same("zhirov", "jiroff");
/// same("kolokoltsev", "kolokolzew");
/// same("khrushchev", "khrouchtchev");
/// same("ivanov", "ivanoff");
/// same("yevgeniy", "evgenii");
/// same("kaganskiy", "kaganskij");
/// same("zhuravlev", "schurawlew");
/// same("zakharova", "sacharowa");
/// same("morozov", "morosow");
/// same("kuznetsov", "kusnezow");
/// same("pyotr", "petr");
/// same("fjodorov", "fedorov");
/// same("ponomaryov", "ponomarjow");
/// same("berezkin", "berjoskin");
/// assert_ne!(slavic_key("mayorov"), slavic_key("maerov"));
/// assert_ne!(slavic_key("ivanov"), slavic_key("ivanova"));
/// ```
pub fn slavic_key(word: &str) -> Option<String> {
    slavic_clusters(word, german_spelling(std::iter::once(word))).map(|s| key_of_clusters(&s, false))
}

/// The keys of a word of a name spelt the German way (see [`german_spelling`]) or not: its
/// [`slavic_key`], and when it has a `c` read as `k` (Kolcov), the key with that `c` read as
/// ISO 9 does, ц (Koltsov).
pub(crate) fn slavic_keys(word: &str, german_name: bool) -> impl Iterator<Item = String> {
    // The clusters once for both readings of a `c`, which differ only after them.
    let clustered = slavic_clusters(word, german_name);
    let key = clustered.as_deref().map(|s| key_of_clusters(s, false));
    let iso9 = clustered.filter(|_| word.contains('c')).map(|s| key_of_clusters(&s, true));
    let iso9 = iso9.filter(|k| Some(k) != key.as_ref());
    key.into_iter().chain(iso9)
}

/// A word of a name spelt the German way or not with its multi-letter spellings folded to one
/// symbol each (the first step of [`slavic_key`]); `None` for a word that is not plain ASCII
/// letters or shorter than three letters.
fn slavic_clusters(word: &str, german_name: bool) -> Option<Vec<u8>> {
    if word.len() < 3 || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    // Multi-letter spellings first, longest first, each to one symbol (upper case: the word is
    // lower case).
    const CLUSTERS: &[(&str, &str)] = &[
        ("schtsch", "Q"),
        ("shtch", "Q"),
        ("shch", "Q"),
        ("chtch", "Q"),
        ("tsch", "C"),
        ("tch", "C"),
        ("sch", "S"),
        ("kh", "H"),
        ("zh", "S"),
        ("sh", "S"),
        ("sz", "S"),
        ("cz", "C"),
        ("ch", "C"),
        ("ts", "T"),
        ("tz", "T"),
        ("ks", "ks"),
        ("x", "ks"),
        ("z", "z"),
        ("ou", "u"),
        ("w", "v"),
        ("h", "H"),
        ("j", "y"),
    ];
    // German spelling (tsch, sch, w) writes х as ch, French (tch, ou, -off) writes ш as ch
    // and ж as j; English writes ч as ch.
    let german = german_name || german_spelling(std::iter::once(word));
    let french = !german
        && (contains(word.as_bytes(), b"tch")
            || contains(word.as_bytes(), b"ou")
            || word.ends_with("off")
            || word.ends_with("eff"));
    // The letters the word holds, as a bit each: a cluster is searched for only when they
    // include its letters (22 substring searches a word were a tenth of analysing a name).
    let letters =
        |s: &[u8]| s.iter().filter(|b| b.is_ascii_lowercase()).fold(0u32, |m, b| m | 1 << (b - b'a'));
    // Bytes, searched and replaced by hand: the word is a few ASCII letters, where `str`'s
    // searcher and `replace` (made for long texts, and a new string per cluster) cost some
    // 5,000 instructions a word, a seventh of analysing a name.
    let mut s = word.as_bytes().to_vec();
    let mut held = letters(&s);
    // The letters of each cluster, counted once.
    const NEEDED: [u32; CLUSTERS.len()] = {
        let mut needed = [0; CLUSTERS.len()];
        let mut k = 0;
        while k < CLUSTERS.len() {
            let from = CLUSTERS[k].0.as_bytes();
            let mut i = 0;
            while i < from.len() {
                needed[k] |= 1 << (from[i] - b'a');
                i += 1;
            }
            k += 1;
        }
        needed
    };
    for ((from, to), needed) in CLUSTERS.iter().zip(NEEDED) {
        if held & needed == needed && contains(&s, from.as_bytes()) {
            let to = match *from {
                "ch" if german => "H",
                "z" if german => "T",
                "ch" if french => "S",
                "j" if french => "S",
                _ => to,
            };
            s = replace_all(&s, from.as_bytes(), to.as_bytes());
            held = letters(&s);
        }
    }
    Some(s)
}

/// The key of a word's [`slavic_clusters`], a lone `c` before other letters than e, i, y read
/// as `k` or (`iso9_c`) as ц.
fn key_of_clusters(s: &[u8], iso9_c: bool) -> String {
    // A soft c (ISO 9 ц) before e, i, y.
    let mut out: Vec<u8> = Vec::with_capacity(s.len());
    for (i, &c) in s.iter().enumerate() {
        let next = s.get(i + 1).copied().unwrap_or(0);
        let c = match c {
            b'c' if matches!(next, b'e' | b'i' | b'y') => b'T',
            b'c' if iso9_c => b'T',
            b'c' => b'k',
            b'y' => b'i',
            b'z' => b's',
            _ => c,
        };
        out.push(c);
    }
    // -off/-eff: a final f is the v of -ov/-ev.
    if out.ends_with(b"ff") {
        out.pop();
    }
    if out.len() >= 4 && out.ends_with(b"f") && matches!(out[out.len() - 2], b'o' | b'e') {
        let last = out.len() - 1;
        out[last] = b'v';
    }
    // The glide i (y, j) before a vowel goes (ya, ia, ja → a; iye → e), then doubled letters
    // collapse (ii of -ii, ee of -eev, ss). After a consonant, a glide before o is ё, which
    // Russian print and most romanisations write e: Pyotr, Fjodor, Semyon, Ponomarjow,
    // Berjoskin are Petr, Fedor, Semen, Ponomarev, Berezkin (and ё folds to e).
    let is_vowel = |c: u8| matches!(c, b'a' | b'e' | b'o' | b'u');
    let mut kept: Vec<u8> = Vec::with_capacity(out.len());
    let mut yo = false;
    for (i, &c) in out.iter().enumerate() {
        if c == b'i' && out[i + 1..].iter().find(|&&n| n != b'i').is_some_and(|&n| is_vowel(n)) {
            yo = out[i + 1] == b'o' && kept.last().is_some_and(|&p| p != b'i' && !is_vowel(p));
            continue;
        }
        kept.push(if yo { b'e' } else { c });
        yo = false;
    }
    kept.dedup();
    let mut key = String::with_capacity(kept.len() + 3);
    key.push_str("ru~");
    key.extend(kept.iter().map(|&c| c as char));
    key
}

/// Whether `pattern` occurs in `bytes` (a word: a naive search is the quickest).
fn contains(bytes: &[u8], pattern: &[u8]) -> bool {
    pattern.is_empty() || bytes.windows(pattern.len()).any(|w| w == pattern)
}

/// `bytes` with every occurrence of `from` (not empty: a copy otherwise) replaced by `to`, left
/// to right and not overlapping, as `str::replace` does.
fn replace_all(bytes: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    if from.is_empty() {
        return bytes.to_vec();
    }
    let mut out = Vec::with_capacity(bytes.len() + to.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i..].starts_with(from) {
            out.extend_from_slice(to);
            i += from.len();
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_ending_passes_the_two_letter_filter() {
        for e in ENDINGS.iter().chain(GERMAN_ENDINGS) {
            let word = format!("abcde{e}");
            assert!(slavic_ending(&word), "{word}");
        }
        assert!(!slavic_ending("smith"));
        assert!(!slavic_ending("husayn"));
    }

    /// The byte replacement replaces as `str::replace` does: left to right, not overlapping.
    #[test]
    fn bytes_are_replaced_as_str_replace_does() {
        for (text, from, to) in [
            ("shchshch", "shch", "Q"),
            ("aaa", "aa", "b"),
            ("tschtsch", "tsch", "C"),
            ("x", "ks", "y"),
            ("", "a", "b"),
        ] {
            assert_eq!(
                replace_all(text.as_bytes(), from.as_bytes(), to.as_bytes()),
                text.replace(from, to).as_bytes()
            );
            assert_eq!(contains(text.as_bytes(), from.as_bytes()), text.contains(from), "{text} {from}");
        }
    }
}
