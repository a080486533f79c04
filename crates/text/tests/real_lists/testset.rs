//! The test set: every listed party named in a text is found, at most one false alert per
//! text, no unlisted person alerts.

use crate::common::{screening, testset};
use embargo_matcher::DEFAULT_THRESHOLD;

#[test]
fn the_test_set_finds_every_listed_party_with_at_most_one_false_alert_per_text() {
    let cases = testset::cases();
    assert!(cases.len() >= 30, "the set has {} texts", cases.len());
    let outcome = testset::evaluate(&screening().screener(), &cases, DEFAULT_THRESHOLD);
    let report = testset::report(&outcome);
    println!("{report}");
    assert!(outcome.missed.is_empty(), "{report}");
    assert!(outcome.worst_text_false_alerts <= 1, "{report}");
    assert!(outcome.unlisted_alerting.is_empty(), "{report}");
    assert!(outcome.precision() >= 0.9, "{report}");
    assert_eq!(outcome.jurisdictions_found, outcome.jurisdictions, "{report}");
}
