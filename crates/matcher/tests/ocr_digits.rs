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

/// A digit among a word's letters was a variant read after the word's role was decided:
/// "JOINT STOCK COMPANY 8ANK UNITED CAPITAL" weighed 8ANK as a distinctive word and lost its
/// listed name to the candidate cap, "NA5R AL-DIN" and "NUR-AL-D1N" were not joined as the
/// compounds they spell (0.46, 0.30), "5EVENTH OF TIR" was not the number (0.49).
#[test]
fn a_digit_among_a_words_letters_is_read_before_the_word_is() {
    finds("JOINT STOCK COMPANY 8ANK UNITED CAPITAL", "ofac-sdn:51665");
    finds("NA5R AL-DIN, Hajj Ghazi 'Atif", "ofac-sdn:10891");
    finds("NUR-AL-D1N, Jawad", "ofac-sdn:27787");
    finds("5EVENTH OF TIR", "ofac-sdn:10863");
}

/// An ordinal in digits stays a number ("1ST CREDIT BANK" is FIRST CREDIT BANK), and a code
/// written with its hyphen dropped still meets it ("S5SAD" / S5-SAD, the digit read as `s`).
#[test]
fn an_ordinal_or_a_code_with_a_digit_is_not_read_as_letters() {
    finds("1ST CREDIT BANK", "ofac-sdn:22985");
    finds("S5SAD", "ofac-sdn:40563");
}
