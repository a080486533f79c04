//! A small, seeded run of the independent deck on the real lists, with floors: a change to the
//! matcher that loses recall (or raises the alert rate) fails `cargo test`.
//!
//! The floors sit a little under what the matcher achieved on this sample when they were set
//! (the sample is seeded, so the figures are exact for a given matcher and lists; see
//! `docs/quality.md` for the full scorecard). They guard against regressions; they are not
//! the product's targets (recall >= 99%, >= 95% per script, alerts <= 1%), which the matcher
//! does not meet yet. Raise them as the matcher improves.

use embargo_quality::deck::treatments::Treatment;
use embargo_quality::deck::{self, report::Scorecard, Config};
use embargo_quality::lists;

/// The sample: 150 positives per treatment, 40 people (and 10 companies) per culture.
const CONFIG: Config = Config { seed: 20_261_204, per_treatment: 150, per_culture: 40 };

/// Floors: (treatment, lowest recall accepted). Set on 2026-12-04 from this sample's figures
/// (exact 99.33%: "Hafiz Muhammad" is lost among namesakes, issue 11's first class; raise
/// exact to 100% when the exact-name path lands), a point or two under each.
const TREATMENT_FLOORS: &[(Treatment, f64)] = &[
    (Treatment::Exact, 0.99),
    (Treatment::CasePunctuation, 0.98),
    (Treatment::TypoKeyboard, 0.98),
    (Treatment::TwoTyposLong, 0.97),
    (Treatment::WordOrder, 0.98),
    (Treatment::DroppedMiddleName, 0.95),
    (Treatment::TranslitSlavic, 0.96),
    (Treatment::CrossScript, 0.92),
];
/// Lowest recall accepted over every treatment in scope (the sample gave 87.14%).
const OVERALL_FLOOR: f64 = 0.85;
/// Highest alert rate accepted on the negatives (the sample gave 2.38%).
const ALERT_CEILING: f64 = 0.03;

#[test]
fn a_small_deck_stays_above_its_floors() {
    let lists = lists::load_newest(&embargo_testkit::lists_dir()).expect("lists read");
    let run = deck::run(&lists.entities, &CONFIG, &mut |msg| eprintln!("{msg}"));
    let card = Scorecard::of(&run);
    eprintln!("{}", card.to_text(&run, 3));
    assert!(run.positives.len() >= 2_500 && run.negatives.len() >= 1_000, "sample too small");
    let mut failures = Vec::new();
    for (t, floor) in TREATMENT_FLOORS {
        let recall = card.recall_of(*t);
        if recall < *floor {
            failures.push(format!(
                "{}: recall {:.2}% below the floor {:.2}%",
                t.as_str(),
                recall * 100.0,
                floor * 100.0
            ));
        }
    }
    if card.overall.recall() < OVERALL_FLOOR {
        failures.push(format!(
            "overall recall {:.2}% below {:.2}%",
            card.overall.recall() * 100.0,
            OVERALL_FLOOR * 100.0
        ));
    }
    if card.alert_rate() > ALERT_CEILING {
        failures.push(format!(
            "alert rate {:.2}% above {:.2}%",
            card.alert_rate() * 100.0,
            ALERT_CEILING * 100.0
        ));
    }
    assert!(failures.is_empty(), "the deck fell below its floors:\n{}", failures.join("\n"));
}
