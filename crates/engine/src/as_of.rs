//! Screening as of a past moment: `--as-of WHEN` and `/match?as_of=WHEN`, where WHEN is an
//! RFC 3339 time (the list versions in force then) or `list@version,...` (exactly those).
//!
//! The store keeps every version it imported, so "as of" loads those versions, never the
//! active ones. A version is *in force* at time T when it is the newest version of its list
//! imported at or before T (the order in which versions were imported is the order in which
//! they came into force).

use crate::{EngineError, Selection};
use embargo_errors::{Code, ErrorCode};
use embargo_store::{ListVersion, Store, VersionRef};
use jiff::Timestamp;

/// What an `as_of` names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AsOf {
    /// The versions in force at this time.
    Time(Timestamp),
    /// Exactly these versions.
    Versions(Vec<VersionRef>),
}

/// A WHEN that cannot be read, or a time at which no list was in force.
#[derive(Debug, thiserror::Error)]
pub enum AsOfError {
    /// Neither a time nor `list@version,...`.
    #[error(
        "as-of {0:?} is neither an RFC 3339 time (2026-12-04T10:00:00Z) nor list versions (ofac-sdn@3,un@2)"
    )]
    Invalid(String),
    /// No version of any list (of those asked for) was imported by then.
    #[error("no list version was in force at {0}: the first import came later")]
    NothingInForce(String),
}

impl ErrorCode for AsOfError {
    fn error_code(&self) -> Code {
        match self {
            AsOfError::Invalid(_) => Code::InvalidAsOf,
            AsOfError::NothingInForce(_) => Code::NothingInForce,
        }
    }
}

impl AsOf {
    /// Parses WHEN: an RFC 3339 time (a date alone means its end, 23:59:59 UTC), or
    /// `list@version` items separated by commas.
    pub fn parse(text: &str) -> Result<AsOf, AsOfError> {
        let text = text.trim();
        if text.contains('@') {
            let refs: Option<Vec<VersionRef>> =
                text.split(',').filter(|p| !p.trim().is_empty()).map(VersionRef::parse).collect();
            return match refs {
                Some(refs) if !refs.is_empty() => Ok(AsOf::Versions(refs)),
                _ => Err(AsOfError::Invalid(text.to_owned())),
            };
        }
        if let Ok(t) = text.parse::<Timestamp>() {
            return Ok(AsOf::Time(t));
        }
        if let Ok(date) = text.parse::<jiff::civil::Date>() {
            let end = date.at(23, 59, 59, 999_999_999);
            if let Ok(t) = jiff::tz::TimeZone::UTC.to_timestamp(end) {
                return Ok(AsOf::Time(t));
            }
        }
        Err(AsOfError::Invalid(text.to_owned()))
    }

    /// The selection of versions this names in `store`, limited to `lists` when given.
    pub fn selection(&self, store: &Store, lists: Option<&[String]>) -> Result<Selection, EngineError> {
        match self {
            AsOf::Versions(refs) => {
                let refs = refs
                    .iter()
                    .filter(|r| lists.is_none_or(|wanted| wanted.contains(&r.list)))
                    .cloned()
                    .collect();
                Ok(Selection::Versions(refs))
            }
            AsOf::Time(t) => {
                let mut refs = Vec::new();
                for active in store.lists()? {
                    if lists.is_some_and(|wanted| !wanted.contains(&active.list)) {
                        continue;
                    }
                    if let Some(v) = in_force(&store.versions(&active.list)?, *t) {
                        refs.push(v.version_ref());
                    }
                }
                if refs.is_empty() {
                    return Err(EngineError::AsOf(AsOfError::NothingInForce(t.to_string())));
                }
                Ok(Selection::Versions(refs))
            }
        }
    }
}

/// The version of one list in force at `t`: of the versions imported at or before `t`, the one
/// the store's import rule made active: the newest publication, the last imported among equals
/// (an import of an older or undated publication is stored but never replaces a newer one).
pub fn in_force(versions: &[ListVersion], t: Timestamp) -> Option<&ListVersion> {
    versions
        .iter()
        .filter(|v| v.imported_at.parse::<Timestamp>().is_ok_and(|at| at <= t))
        .max_by_key(|v| (v.publication_date, v.version))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn when_is_a_time_a_date_or_versions() {
        assert_eq!(
            AsOf::parse("ofac-sdn@3, un@2").unwrap(),
            AsOf::Versions(vec![
                VersionRef { list: "ofac-sdn".into(), version: 3 },
                VersionRef { list: "un".into(), version: 2 }
            ])
        );
        let AsOf::Time(t) = AsOf::parse("2026-12-04T10:00:00Z").unwrap() else { panic!() };
        assert_eq!(t.to_string(), "2026-12-04T10:00:00Z");
        let AsOf::Time(t) = AsOf::parse("2026-12-04").unwrap() else { panic!() };
        assert!(t.to_string().starts_with("2026-12-04T23:59:59"));
        for bad in ["yesterday", "un@", "un@0", "@3", ""] {
            let err = AsOf::parse(bad).unwrap_err();
            assert_eq!(err.error_code(), Code::InvalidAsOf, "{bad}");
        }
    }

    #[test]
    fn the_version_in_force_is_the_last_imported_by_then() {
        let mut v1 = crate::tests::version("un", 1);
        v1.imported_at = "2026-01-01T00:00:00Z".into();
        let mut v2 = crate::tests::version("un", 2);
        v2.imported_at = "2026-02-01T00:00:00Z".into();
        let versions = [v1, v2];
        let at = |s: &str| in_force(&versions, s.parse().unwrap()).map(|v| v.version);
        assert_eq!(at("2025-12-31T23:59:59Z"), None);
        assert_eq!(at("2026-01-01T00:00:00Z"), Some(1));
        assert_eq!(at("2026-01-31T00:00:00Z"), Some(1));
        assert_eq!(at("2026-03-01T00:00:00Z"), Some(2));
        // A third import of an older publication was stored but never in force.
        let mut v3 = crate::tests::version("un", 3);
        v3.imported_at = "2026-02-15T00:00:00Z".into();
        let mut versions = versions.to_vec();
        versions[0].publication_date = embargo_model::PartialDate::parse_iso("2026-01-01");
        versions[1].publication_date = embargo_model::PartialDate::parse_iso("2026-02-01");
        v3.publication_date = embargo_model::PartialDate::parse_iso("2025-06-01");
        versions.push(v3);
        let at = |s: &str| in_force(&versions, s.parse().unwrap()).map(|v| v.version);
        assert_eq!(at("2026-03-01T00:00:00Z"), Some(2));
    }
}
