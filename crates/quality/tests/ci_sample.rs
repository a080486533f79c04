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

/// Floors: (treatment, lowest recall accepted). Set on 2026-12-04 from this sample's figures, a
/// point or two under each; raised on 2026-12-05 (sixth session) to a point or two under that
/// day's: exact 100%, typo_ocr 97.33%, translit_slavic 100%, translit_arabic_persian 95.33%,
/// translit_cyrillic 98.00%, title 100%, legal_form 98.67%, aliases_combined 100%,
/// cross_script 96.39%; number and particle_joined added in the seventh session (99.33%, 100%);
/// nickname, vessel_typo and joined_split added and cross_script raised in the twelfth (92.00%,
/// 99.30%, 98.67%, 98.60%).
const TREATMENT_FLOORS: &[(Treatment, f64)] = &[
    (Treatment::Exact, 1.0),
    (Treatment::CasePunctuation, 0.98),
    (Treatment::TypoKeyboard, 0.98),
    (Treatment::TypoOcr, 0.95),
    (Treatment::TwoTyposLong, 0.97),
    (Treatment::WordOrder, 0.98),
    (Treatment::DroppedMiddleName, 0.95),
    (Treatment::TranslitSlavic, 0.98),
    (Treatment::TranslitArabicPersian, 0.93),
    (Treatment::TranslitCyrillic, 0.96),
    (Treatment::Title, 0.98),
    (Treatment::LegalForm, 0.97),
    (Treatment::AliasesCombined, 0.98),
    (Treatment::CrossScript, 0.97),
    (Treatment::Number, 0.97),
    (Treatment::ParticleJoined, 0.98),
    (Treatment::Nickname, 0.90),
    (Treatment::VesselTypo, 0.98),
    (Treatment::JoinedSplit, 0.97),
];
/// Lowest recall accepted over every treatment in scope (the sample gave 87.14% on 2026-12-04,
/// 98.09% on 2026-12-05, 98.71% at the end of the twelfth session).
const OVERALL_FLOOR: f64 = 0.98;
/// Highest alert rate accepted on the negatives (the sample gave 2.38% on 2026-12-04, 0.99%
/// on 2026-12-05, 0.83% at the end of the seventh session).
const ALERT_CEILING: f64 = 0.0125;

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
