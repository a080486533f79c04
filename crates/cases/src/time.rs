//! Time stamps: RFC 3339 UTC with milliseconds, always the same width, so that they sort as
//! text in the order they were taken.

use crate::CaseError;
use jiff::Timestamp;

/// Now, as `2026-11-21T13:47:23.481Z`.
pub(crate) fn now() -> String {
    format_timestamp(Timestamp::now())
}

pub(crate) fn format_timestamp(t: Timestamp) -> String {
    t.strftime("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

/// Reads an RFC 3339 time stamp given by a caller (`2026-01-31T00:00:00Z`, or with an offset).
pub fn parse_timestamp(text: &str) -> Result<Timestamp, CaseError> {
    text.trim().parse::<Timestamp>().map_err(|e| {
        CaseError::InvalidRequest(format!(
            "{text:?} is not an RFC 3339 time stamp (2026-01-31T00:00:00Z): {e}"
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_stamps_have_a_fixed_width_and_sort_as_text() {
        let a = format_timestamp("2026-02-27T10:00:05Z".parse().unwrap());
        let b = format_timestamp("2026-02-27T10:00:05.120Z".parse().unwrap());
        assert_eq!(a, "2026-02-27T10:00:05.000Z");
        assert_eq!(b, "2026-02-27T10:00:05.120Z");
        assert!(a < b);
        assert_eq!(
            parse_timestamp("2026-02-27T11:00:05+01:00").unwrap(),
            "2026-02-27T10:00:05Z".parse().unwrap()
        );
        assert!(parse_timestamp("yesterday").is_err());
    }
}
