//! HS codes as declarations write them: `8542.31`, `8542 31 90`, `854231`, `8542.31.0000`,
//! `HS 8542.31.00` are all the Harmonized System subheading 8542.31 (with national digits).

use regex::Regex;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::sync::LazyLock;

/// An HS code of 6, 8 or 10 digits: the six of the Harmonized System, then the digits a
/// national nomenclature adds (the EU's CN to 8, TARIC and the US HTS to 10).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct HsCode(String);

impl HsCode {
    /// Reads a code written with dots, spaces or dashes between its digits, and an optional
    /// `HS`, `HTS`, `CN` or `TARIC` in front; the error says what was expected.
    pub fn parse(text: &str) -> Result<HsCode, String> {
        let trimmed = text.trim();
        let upper = trimmed.to_ascii_uppercase();
        let body = ["HTSUS", "TARIC", "HTS", "HS", "CN"]
            .iter()
            .find_map(|prefix| upper.strip_prefix(prefix))
            .map(|rest| rest.trim_start_matches([':', ' ']))
            .unwrap_or(&upper);
        let mut digits = String::with_capacity(10);
        for c in body.chars() {
            match c {
                '0'..='9' => digits.push(c),
                '.' | ' ' | '-' | '\u{a0}' => {}
                _ => {
                    return Err(format!(
                        "{trimmed:?} is not an HS code: {c:?} is neither a digit nor a separator"
                    ))
                }
            }
        }
        match digits.len() {
            6 | 8 | 10 => Ok(HsCode(digits)),
            n => Err(format!(
                "{trimmed:?} has {n} digits; an HS code has 6, 8 or 10 (dots and spaces allowed: 8542.31, 8542 31 90)"
            )),
        }
    }

    /// The HS code a free text writes after `HS`, `HTS`, `TARIC`, `CN` or `tariff` (`HS code
    /// 8542.31.00 processors`), if one is there.
    pub fn find_in(text: &str) -> Option<HsCode> {
        static WRITTEN: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?i)\b(?:hs|hts|htsus|taric|cn|tariff)(?:[ -]?code)?\s*(?:no\.?)?\s*[:#]?\s*(\d{4}(?:[. ]?\d{2}){1,3})\b")
                .expect("a valid pattern")
        });
        let code = WRITTEN.captures(text)?.get(1)?.as_str();
        HsCode::parse(code).ok()
    }

    /// The digits (`85423190`).
    pub fn digits(&self) -> &str {
        &self.0
    }

    /// The Harmonized System subheading, the first six digits (`854231`).
    pub fn hs6(&self) -> &str {
        &self.0[..6]
    }
}

/// Written as customs do: `8542.31`, `8542.31.90`, `8542.31.9000`.
impl fmt::Display for HsCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = &self.0;
        write!(f, "{}.{}", &d[..4], &d[4..6])?;
        if d.len() > 6 {
            write!(f, ".{}", &d[6..])?;
        }
        Ok(())
    }
}

/// The dotted form of a six-digit code (`854231` → `8542.31`).
pub fn dotted_hs6(hs6: &str) -> String {
    match hs6.len() {
        6 => format!("{}.{}", &hs6[..4], &hs6[4..]),
        _ => hs6.to_owned(),
    }
}

impl Serialize for HsCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for HsCode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<HsCode, D::Error> {
        let text = String::deserialize(deserializer)?;
        HsCode::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_written_form_reads_to_its_digits() {
        for (written, digits) in [
            ("8542.31", "854231"),
            ("854231", "854231"),
            ("8542 31", "854231"),
            ("8542.31.00", "85423100"),
            ("8542.31.0000", "8542310000"),
            ("8542 31 90 00", "8542319000"),
            ("8542-31-90", "85423190"),
            ("HS 8542.31", "854231"),
            ("hs:8542.31.90", "85423190"),
            ("HTS 8542.31.0001", "8542310001"),
            (" 8542.31 ", "854231"),
        ] {
            let code = HsCode::parse(written).unwrap();
            assert_eq!(code.digits(), digits, "{written}");
            assert_eq!(code.hs6(), "854231");
        }
        assert_eq!(HsCode::parse("8542319000").unwrap().to_string(), "8542.31.9000");
        assert_eq!(HsCode::parse("854231").unwrap().to_string(), "8542.31");
    }

    #[test]
    fn a_code_written_in_a_description_is_found() {
        let found = |text: &str| HsCode::find_in(text).map(|c| c.digits().to_owned());
        assert_eq!(found("Processors, HS code 8542.31.00, 500 pcs").as_deref(), Some("85423100"));
        assert_eq!(found("GPS receivers (HTS: 8526.91.0020)").as_deref(), Some("8526910020"));
        assert_eq!(found("tariff no. 8482 10").as_deref(), Some("848210"));
        assert_eq!(found("bearings 6204, 2000 pcs"), None);
        assert_eq!(found("chairs"), None);
    }

    #[test]
    fn wrong_lengths_and_letters_are_refused_with_the_reason() {
        assert!(HsCode::parse("8542").unwrap_err().contains("4 digits"));
        assert!(HsCode::parse("8542.3").unwrap_err().contains("5 digits"));
        assert!(HsCode::parse("8542.31.0").unwrap_err().contains("7 digits"));
        assert!(HsCode::parse("8542.3X").unwrap_err().contains("'X'"));
        assert!(HsCode::parse("").is_err());
    }
}
