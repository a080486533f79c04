//! Case and diacritic folding for the deck's *exact* comparisons (is a generated negative a
//! listed name?). Deliberately nothing more: no respelling, no transliteration, no phonetic
//! key, so that "unlisted" is decided by the lists alone, never by the matcher's keys.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// `name` lower-cased, compatibility-decomposed, combining marks (accents, Arabic short
/// vowels) dropped, the Arabic tatweel dropped, everything but letters and digits turned into
/// single spaces.
pub fn fold(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut space = true;
    for c in name.nfkd().filter(|c| !is_combining_mark(*c) && *c != '\u{0640}').flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
            space = false;
        } else if !space {
            out.push(' ');
            space = true;
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// The folded words of `name`, sorted: the same for `SMITH, John` and `John Smith`.
pub fn folded_words_sorted(name: &str) -> String {
    let folded = fold(name);
    let mut words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
    words.sort_unstable();
    words.join(" ")
}

/// The folded letters and digits of `name` without any space: the same for `王伟` and `王 伟`.
pub fn folded_run(name: &str) -> String {
    fold(name).replace(' ', "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_is_case_diacritics_and_punctuation_only() {
        assert_eq!(fold("  GARCÍA-López, José "), "garcia lopez jose");
        assert_eq!(fold("مُحَمَّد"), "محمد");
        assert_eq!(folded_words_sorted("SMITH, John"), folded_words_sorted("John Smith"));
        assert_eq!(folded_run("王 伟"), folded_run("王伟"));
        // No respelling: these stay different.
        assert_ne!(fold("Mohammad"), fold("Muhammad"));
    }
}
