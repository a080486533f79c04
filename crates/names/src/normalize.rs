//! Script-preserving normalisation: compatibility forms, case, diacritics, punctuation, spacing.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Unicode normalisation (NFKD), case folding, diacritics and other combining marks removed,
/// punctuation turned into single spaces, apostrophes dropped (`O'Brien` → `obrien`), spacing
/// collapsed. The script is kept: `Сергей` stays Cyrillic (`сергеи`, the breve being a mark);
/// transliteration is [`crate::analyze`]'s business.
///
/// Idempotent: `normalize(&normalize(s)) == normalize(s)` for every string.
///
/// ```
/// assert_eq!(embargo_names::normalize("  José  O'Brien-Núñez, Jr. "), "jose obrien nunez jr");
/// assert_eq!(embargo_names::normalize("STRAßE"), "strasse");
/// ```
pub fn normalize(s: &str) -> String {
    if s.is_ascii() {
        return fold_ascii(s);
    }
    // Lower-casing may produce decomposable characters and compatibility decomposition may
    // produce upper-case ones (`㎆` → `MB`); folding again until nothing changes makes the
    // result a fixed point, which is what idempotence needs. Real names converge at once.
    let mut folded = fold_once(s);
    if folded.chars().all(folds_to_itself) {
        // Folding again would change nothing (lower-case letters and digits, single inner
        // spaces, no marks): the usual case, which spares the second pass.
        return folded;
    }
    for _ in 0..4 {
        let again = fold_once(&folded);
        if again == folded {
            break;
        }
        folded = again;
    }
    folded
}

/// ASCII fast path: lower case, apostrophes dropped, other punctuation to single spaces.
fn fold_ascii(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(b.to_ascii_lowercase() as char);
        } else if !is_apostrophe(b as char) {
            space = true;
        }
    }
    out
}

/// Characters that [`fold_once`] keeps as they are, alone or beside each other (a test checks
/// every one and every pair): lower-case ASCII letters and digits, the space, lower-case basic
/// Cyrillic letters but `й`, Arabic letters but the hamza and madda forms (they decompose),
/// lower-case Greek letters without accents, the unified Chinese characters (a name in Greek or
/// Chinese letters folded twice cost 0.45% of screening's instructions).
fn folds_to_itself(c: char) -> bool {
    matches!(c, 'a'..='z' | '0'..='9' | ' ' | 'а'..='и' | 'к'..='я' | '\u{0621}' | '\u{0627}'..='\u{063A}' | '\u{0641}'..='\u{064A}' | 'α'..='ω' | '\u{4E00}'..='\u{9FFF}')
}

fn fold_once(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut space = false;
    for c in s.chars().flat_map(char::to_lowercase).nfkd() {
        if is_combining_mark(c) || is_invisible(c) || is_apostrophe(c) {
            continue;
        }
        if crate::script::is_letter_or_digit(c) {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            match latin_fold(c) {
                Some(folded) => out.push_str(folded),
                None => out.extend(c.to_lowercase()),
            }
        } else if !is_apostrophe(c) {
            space = true;
        }
    }
    if out.is_ascii() {
        out
    } else {
        // Recompose what decomposition split without marks (Hangul syllables).
        out.nfc().collect()
    }
}

/// Apostrophes and similar signs inside words are dropped rather than split on: `O'Brien`,
/// `Ma'ruf`, `Qur'an`, the Arabic ʿayn written as `ʿ` or `‘`.
pub(crate) fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '`' | '´' | '‘' | '’' | 'ʼ' | 'ʻ' | 'ʽ' | 'ʾ' | 'ʿ' | '′' | 'ˈ' | 'ꞌ' | 'ʹ' | 'ʺ')
}

/// Format characters that carry no letter: joiners, direction marks, the Arabic tatweel.
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{0640}' | '\u{00AD}')
}

/// Latin letters that Unicode does not decompose but that every publisher folds.
pub(crate) fn latin_fold(c: char) -> Option<&'static str> {
    Some(match c {
        'ß' => "ss",
        'ø' => "o",
        'đ' | 'ð' => "d",
        'ł' => "l",
        'æ' => "ae",
        'œ' => "oe",
        'þ' => "th",
        'ħ' => "h",
        'ı' => "i",
        'ŀ' => "l",
        'ŋ' => "ng",
        'ƒ' => "f",
        'ə' => "a",
        'ɨ' => "i",
        'ĸ' => "k",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diacritics_case_and_punctuation_fold() {
        assert_eq!(normalize("Ğüneş  ÇELİK"), "gunes celik");
        assert_eq!(normalize("Al-Hāshimī"), "al hashimi");
        assert_eq!(normalize("\u{FEFF}ŁÓDŹ\u{200F}"), "lodz");
        assert_eq!(normalize("ﬁnance ＡＢＣ"), "finance abc");
    }

    #[test]
    fn apostrophes_join_rather_than_split() {
        assert_eq!(normalize("D’Arcy O'Neil"), "darcy oneil");
    }

    #[test]
    fn non_latin_scripts_are_kept() {
        assert_eq!(normalize("Сергей ИВАНОВ"), "сергеи иванов");
        assert_eq!(normalize("김정은"), "김정은");
        assert_eq!(normalize("مُحَمَّد"), "محمد");
    }

    #[test]
    fn characters_that_fold_to_themselves_do_so_alone_and_in_pairs() {
        // Below U+0700 every character; of the Chinese ones, every one alone and one in 97 in
        // pairs (all pairs would take minutes).
        let han = (0x4E00..=0x9FFF).filter_map(char::from_u32);
        for a in han.clone() {
            assert!(folds_to_itself(a));
            assert_eq!(fold_once(&a.to_string()), a.to_string(), "U+{:04X}", a as u32);
        }
        let stable: Vec<char> = (0..0x700)
            .filter_map(char::from_u32)
            .chain(han.step_by(97))
            .filter(|c| folds_to_itself(*c))
            .collect();
        for &a in &stable {
            if a != ' ' {
                assert_eq!(fold_once(&a.to_string()), a.to_string(), "U+{:04X}", a as u32);
            }
            for &b in &stable {
                if a != ' ' && b != ' ' {
                    let pair: String = [a, b].iter().collect();
                    assert_eq!(fold_once(&pair), pair, "U+{:04X} U+{:04X}", a as u32, b as u32);
                }
            }
        }
    }

    #[test]
    fn normalize_is_idempotent_on_compatibility_characters() {
        for s in ["㎆", "İstanbul", "ǅ", "ﷺ", "Ⅻ", "ᾈ", "ŉ"] {
            let once = normalize(s);
            assert_eq!(normalize(&once), once, "{s:?}");
        }
    }
}
