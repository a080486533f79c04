//! Record ids: a prefix and a number, `SCR12` (screening), `A12` (alert), `S12` (suppression),
//! `C3` (screening context), `E12` (audit record; its number is its leaf index).
//!
//! Why sequences and not UUIDv7: every id is allocated inside the write transaction that
//! records it (under SQLite's write lock), so numbers follow commit order exactly, with no
//! gaps and no clock involved; analysts read and say "alert A12" over the phone; and an alert
//! id tells which kind of record it is. A case store is one database per installation, so
//! global uniqueness (UUIDs' strength) is not needed.

use crate::CaseError;

/// The prefix of screening ids.
pub const SCREENING: &str = "SCR";
/// The prefix of alert ids.
pub const ALERT: &str = "A";
/// The prefix of suppression ids.
pub const SUPPRESSION: &str = "S";
/// The prefix of screening-context ids.
pub const CONTEXT: &str = "C";
/// The prefix of audit record ids.
pub const EVENT: &str = "E";

pub(crate) fn format(prefix: &str, num: u64) -> String {
    format!("{prefix}{num}")
}

/// The number of an id of the kind `prefix` (case-insensitive prefix), or an error naming it.
pub(crate) fn parse(prefix: &str, id: &str) -> Result<u64, CaseError> {
    let id = id.trim();
    let digits = id
        .get(..prefix.len())
        .filter(|p| p.eq_ignore_ascii_case(prefix))
        .map(|_| &id[prefix.len()..])
        .filter(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()));
    digits
        .and_then(|d| d.parse().ok())
        .ok_or_else(|| CaseError::InvalidRequest(format!("{id:?} is not an id of the form {prefix}12")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_parse_only_their_own_prefix() {
        assert_eq!(parse(ALERT, "A12").unwrap(), 12);
        assert_eq!(parse(SCREENING, "scr7").unwrap(), 7);
        assert!(parse(SUPPRESSION, "SCR7").is_err());
        assert!(parse(ALERT, "A").is_err());
        assert!(parse(ALERT, "A-1").is_err());
        assert_eq!(format(SUPPRESSION, 3), "S3");
    }
}
