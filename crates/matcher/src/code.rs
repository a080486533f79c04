//! Names that are codes: registration marks, tail and hull numbers, numbered names
//! (`RA-12345`, `EW-001PA`, `3A-MGU`, `IMPERIYA 19-31 OOO`).
//!
//! Their separators are not part of them: `EW-001PA` is written `EW001PA` and `EW 001PA`,
//! and analysis cuts these writings into different words (`ew`, `001`, `pa` against the one
//! word `ew001pa`), which no alignment of words brings together. Two names with digits
//! written with the same letters and digits in the same order are therefore one name
//! ([`CodeAgreement::SameCharacters`]), however their words are cut, and the index files them
//! under that run of letters and digits (see `Index::written`).
//!
//! A name that is one code of at least [`MARK_MIN_DIGITS`] digits (a registration mark: no
//! space in it) also meets a code one character off ([`CodeAgreement::OneCharacterOff`]):
//! tail numbers are copied by hand and read off photographs, and `RA-12346` for `RA-12345` is
//! a slip to look at. A number beside words (`FU YUAN YU 7613` / `7614`) is not: those are the
//! hulls of one fleet, and the words already say which fleet.

use crate::text::same_written;

/// The fewest digits a registration mark has for a code one character off to meet it: with
/// fewer (`RUSSIA-1`, `P-532`) one character is another name or another aircraft of a short
/// series.
const MARK_MIN_DIGITS: usize = 3;

/// The fewest letters and digits of a registration mark, for the same reason.
const MARK_MIN_CHARACTERS: usize = 5;

/// How two names with digits agree as codes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CodeAgreement {
    /// The same letters and digits in the same order, separated otherwise (`EW001PA` /
    /// `EW-001PA`, `T7 OKY` / `T7-OKY`).
    SameCharacters,
    /// Two registration marks one letter or digit apart (`RA-12345` / `RA-12346`).
    OneCharacterOff,
}

impl CodeAgreement {
    /// What the agreement scores at least: the same characters nearly as an identical name,
    /// one character off just above the default threshold, so that an analyst sees it.
    pub(crate) fn score(self) -> f64 {
        match self {
            CodeAgreement::SameCharacters => 0.97,
            CodeAgreement::OneCharacterOff => 0.85,
        }
    }

    pub(crate) fn describe(self) -> &'static str {
        match self {
            CodeAgreement::SameCharacters => {
                "a code written with the same letters and digits, separated otherwise"
            }
            CodeAgreement::OneCharacterOff => "a registration mark one letter or digit off",
        }
    }
}

/// How two names agree as codes, if both have a digit and they do.
pub(crate) fn agreement(a: &str, b: &str) -> Option<CodeAgreement> {
    if !has_digit(a) || !has_digit(b) {
        return None;
    }
    if same_written(a, b) {
        return Some(CodeAgreement::SameCharacters);
    }
    let (x, y) = (mark_characters(a)?, mark_characters(b)?);
    let one_off = x.len() == y.len() && x.iter().zip(&y).filter(|(p, q)| p != q).count() == 1;
    one_off.then_some(CodeAgreement::OneCharacterOff)
}

/// The letters and digits of a name that is a registration mark (one word of letters, digits
/// and separators, at least [`MARK_MIN_DIGITS`] digits), lower case; `None` for other names.
pub(crate) fn mark_characters(name: &str) -> Option<Vec<char>> {
    // Every query name of one word comes here (`Index::written_groups`): most have no digit,
    // and are told so before anything is collected.
    let name = name.trim();
    if !has_digit(name) || name.chars().any(char::is_whitespace) {
        return None;
    }
    let characters: Vec<char> =
        name.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect();
    let digits = characters.iter().filter(|c| c.is_ascii_digit()).count();
    (digits >= MARK_MIN_DIGITS && characters.len() >= MARK_MIN_CHARACTERS).then_some(characters)
}

/// Whether the name has an ASCII digit: only such names are codes.
pub(crate) fn has_digit(name: &str) -> bool {
    name.bytes().any(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_meet_whatever_separates_their_letters_and_digits() {
        for (a, b) in
            [("EW001PA", "EW-001PA"), ("T7 OKY", "T7-OKY"), ("IMPERIYA 1931 OOO", "IMPERIYA 19-31 OOO")]
        {
            assert_eq!(agreement(a, b), Some(CodeAgreement::SameCharacters), "{a} / {b}");
        }
        assert_eq!(agreement("EP-CFD", "EPCFD"), None, "no digit: the words decide");
    }

    #[test]
    fn a_registration_mark_meets_a_mark_one_character_off_but_a_numbered_name_does_not() {
        assert_eq!(agreement("RA-12345", "RA-12346"), Some(CodeAgreement::OneCharacterOff));
        assert_eq!(agreement("RA-12345", "RB12345"), Some(CodeAgreement::OneCharacterOff));
        assert_eq!(agreement("RA-12345", "RA-12364"), None, "two characters off");
        assert_eq!(agreement("RUSSIA-1", "RUSSIA-2"), None, "one digit: another name");
        assert_eq!(agreement("FU YUAN YU 7613", "FU YUAN YU 7614"), None, "a fleet's hulls");
    }
}
