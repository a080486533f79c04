//! Class: a digit run into a word where a letter it looks like belongs (`SHARAF1`, `BANC0`,
//! `KAMA2`, `5BIC`), screened against the real lists: the listed name is found, and a digit
//! that is a number (MEDIA1 for MEDIA 1) still finds its name among names of common words.

mod common;

use common::index;
use embargo_matcher::{Query, ScreenOptions};

fn finds(query: &str, entity: &str) {
    let hits = index().screen(&Query::name(query), &ScreenOptions::default());
    assert!(
        hits.iter().any(|h| h.entity.id == entity),
        "{query}: {entity} not among {:?}",
        hits.iter().map(|h| (&h.entity.id, h.score)).collect::<Vec<_>>()
    );
}

/// "AL SHARAF1 OIL COMPANIES SERVICES" scored 0.78 against AL SHARAFI OIL COMPANIES SERVICES,
/// "KAMA2" found nothing for KAMAZ: the digit was a number of its own, unmatched.
#[test]
fn a_digit_that_looks_like_a_letter_is_read_as_the_letter() {
    finds("AL SHARAF1 OIL COMPANIES SERVICES", "ofac-sdn:56698");
    finds("BANC0 BANDES", "ofac-sdn:26587");
    finds("KAMA2", "uk-ofsi:15332");
    finds("5BIC", "uk-ofsi:16128");
}

/// Weighing the digit like a particle in the score must not drop it as evidence: "LIMITED
/// LIABILITY COMPANY MEDIA1 MANAGEMENT" lost its listed name to the candidate cap.
#[test]
fn a_digit_run_into_a_word_is_still_evidence_of_the_numbered_name() {
    finds("LIMITED LIABILITY COMPANY MEDIA1 MANAGEMENT", "ofac-sdn:45972");
}
