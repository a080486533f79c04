//! Class: names that are codes (registration marks, tail numbers, numbered names) written with
//! other separators, or one character off, screened against the real lists.

mod common;

use common::index;
use embargo_matcher::{Query, ScreenOptions};

fn score_of(query: &str, entity: &str) -> Option<f64> {
    let hits = index().screen(&Query::name(query), &ScreenOptions::default());
    hits.iter().find(|h| h.entity.id == entity).map(|h| h.score)
}

/// "EW001PA" found nothing for the aircraft EW-001PA: analysis cut the listed mark into `ew`,
/// `001` and `pa` (a legal form), the query into one word, and no word met another.
#[test]
fn a_code_with_its_hyphen_dropped_or_spaced_finds_its_entity() {
    for (query, entity) in [
        ("EW001PA", "ofac-sdn:41416"),
        ("EW 001PA", "ofac-sdn:41416"),
        ("3AMGU", "ofac-sdn:37456"),
        ("T7 OKY", "ofac-sdn:36378"),
        ("IMPERIYA 1931 OOO", "ofac-sdn:36327"),
    ] {
        let score = score_of(query, entity);
        assert!(score.is_some_and(|s| s >= 0.95), "{query}: {entity} scored {score:?}");
    }
}

/// "RA-02792" scored 0.44 against the listed RA-02791: the numbers disagreed, as two hulls of
/// one fleet do; a registration mark is copied by hand, and one character off is a slip.
#[test]
fn a_registration_mark_one_character_off_finds_its_entity() {
    for (query, entity) in
        [("RA-02792", "ofac-sdn:27197"), ("RA02781", "ofac-sdn:27197"), ("YV2495", "ofac-sdn:28321")]
    {
        let score = score_of(query, entity);
        assert!(score.is_some_and(|s| s >= 0.8), "{query}: {entity} scored {score:?}");
    }
}
