//! BIC and IBAN: their shape, and the country each gives (a BIC's letters 5–6, an IBAN's first
//! two letters).

/// The country of a BIC (`UNCRRUMM` → `RU`), if `bic` has a BIC's shape: 4 letters (bank), 2
/// letters (country), 2 letters or digits (location), optionally 3 more (branch).
pub fn bic_country(bic: &str) -> Option<&str> {
    let b = bic.as_bytes();
    let shaped = matches!(b.len(), 8 | 11)
        && b[..6].iter().all(u8::is_ascii_uppercase)
        && b[6..].iter().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    shaped.then(|| &bic[4..6])
}

/// An IBAN read from an account field: its country, and whether its check digits hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Iban {
    /// The IBAN without spaces, in capitals.
    pub compact: String,
    /// Its first two letters.
    pub country: String,
    /// Whether the ISO 13616 mod-97 check passes (published samples often fail it).
    pub valid: bool,
}

/// Reads `account` as an IBAN (spaces allowed): two letters, two digits, 11 to 30 letters or
/// digits. `None` for any other account number.
pub fn iban(account: &str) -> Option<Iban> {
    let trimmed = account.trim().trim_start_matches('/');
    let compact: String = trimmed.chars().filter(|c| *c != ' ').collect::<String>().to_ascii_uppercase();
    let b = compact.as_bytes();
    let shaped = (15..=34).contains(&b.len())
        && b[..2].iter().all(u8::is_ascii_alphabetic)
        && b[2..4].iter().all(u8::is_ascii_digit)
        && b[4..].iter().all(u8::is_ascii_alphanumeric);
    if !shaped {
        return None;
    }
    let country = compact[..2].to_owned();
    let valid = mod97(&compact);
    Some(Iban { compact, country, valid })
}

/// ISO 13616: the IBAN rearranged (first four characters last, letters as 10..35) is 1 mod 97.
fn mod97(iban: &str) -> bool {
    let mut remainder: u32 = 0;
    for c in iban[4..].chars().chain(iban[..4].chars()) {
        let value = c.to_digit(36).unwrap_or(0);
        remainder = if value >= 10 { (remainder * 100 + value) % 97 } else { (remainder * 10 + value) % 97 };
    }
    remainder == 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bic_countries() {
        assert_eq!(bic_country("UNCRRUMM"), Some("RU"));
        assert_eq!(bic_country("BMJIIRTHXXX"), Some("IR"));
        assert_eq!(bic_country("POFICHBEXXX"), Some("CH"));
        assert_eq!(bic_country("UNCRRUM"), None);
        assert_eq!(bic_country("uncrrumm"), None);
    }

    #[test]
    fn ibans_give_their_country_and_check_digits() {
        let de = iban("DE89 3704 0044 0532 0130 00").unwrap();
        assert_eq!((de.country.as_str(), de.valid), ("DE", true));
        assert!(iban("/IR580540105180021273113007").unwrap().valid);
        let sample = iban("LT007180000000000000").unwrap();
        assert_eq!((sample.country.as_str(), sample.valid), ("LT", false));
        assert_eq!(iban("/ de89 3704 0044 0532 0130 00").unwrap().country, "DE");
        assert_eq!(iban("1234567890"), None);
    }
}
