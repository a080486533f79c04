//! The test set of short texts (`tests/testset/texts.json`) and its scoring: recall of the
//! listed parties each text names, alerts that name none of them, unlisted people alerting,
//! jurisdictions found. Shared by the test `real_lists` (debug build, the lists of
//! `common::TEST_LISTS`) and the example `scorecard` (release build, every list).

use embargo_text::{Markup, TextOptions, TextScreener};
use serde::Deserialize;
use std::fmt::Write;

/// A listed party a text names: any of `ids` found counts.
#[derive(Debug, Clone, Deserialize)]
pub struct Party {
    pub name: String,
    pub ids: Vec<String>,
}

/// One text of the set.
#[derive(Debug, Clone, Deserialize)]
pub struct Case {
    pub id: String,
    pub lang: String,
    pub text: String,
    #[serde(default)]
    pub markup: Option<Markup>,
    pub parties: Vec<Party>,
    pub unlisted: Vec<String>,
    pub jurisdictions: Vec<String>,
}

/// The set, read from the crate's `tests/testset/texts.json`.
pub fn cases() -> Vec<Case> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/testset/texts.json");
    let json = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&json).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// An article of `words` words for the speed figures: the plain English texts of the set one
/// after the other, again and again (names recur, as in a long article). For the benchmark and
/// the `article` example; the tests do not time.
#[allow(dead_code)]
pub fn article(cases: &[Case], words: usize) -> String {
    let paragraphs: Vec<&str> =
        cases.iter().filter(|c| c.lang == "en" && c.markup.is_none()).map(|c| c.text.as_str()).collect();
    let mut article = String::new();
    let mut count = 0;
    'fill: loop {
        for paragraph in &paragraphs {
            for word in paragraph.split(' ') {
                if count == words {
                    break 'fill;
                }
                article.push_str(word);
                article.push(' ');
                count += 1;
            }
            article.push_str("\n\n");
        }
    }
    article
}

/// What the screener did on the set.
#[derive(Debug, Default)]
pub struct Outcome {
    pub texts: usize,
    pub words: usize,
    pub parties: usize,
    pub found: usize,
    pub alerts: usize,
    pub true_alerts: usize,
    /// (text id, mention, its best hit).
    pub false_alerts: Vec<(String, String, String)>,
    /// (text id, party).
    pub missed: Vec<(String, String)>,
    /// (text id, unlisted name that alerted).
    pub unlisted_alerting: Vec<(String, String)>,
    pub jurisdictions: usize,
    pub jurisdictions_found: usize,
    /// The most false alerts in one text.
    pub worst_text_false_alerts: usize,
    /// Per language: (texts, parties, found, alerts, false alerts).
    pub by_lang: Vec<(String, [usize; 5])>,
}

impl Outcome {
    pub fn recall(&self) -> f64 {
        if self.parties == 0 {
            1.0
        } else {
            self.found as f64 / self.parties as f64
        }
    }

    pub fn precision(&self) -> f64 {
        if self.alerts == 0 {
            1.0
        } else {
            self.true_alerts as f64 / self.alerts as f64
        }
    }
}

/// Screens every case and scores the result.
pub fn evaluate(screener: &TextScreener, cases: &[Case], threshold: f64) -> Outcome {
    let mut out = Outcome::default();
    for case in cases {
        let options = TextOptions {
            threshold,
            limit: 50,
            markup: case.markup.unwrap_or(Markup::Auto),
            ..TextOptions::default()
        };
        let found = screener.screen_text(&case.text, &options).expect("a text of the set screens");
        out.texts += 1;
        out.words += case.text.split_whitespace().count();
        let expected = |id: &str| case.parties.iter().any(|p| p.ids.iter().any(|e| same_entry(e, id)));
        let mut false_here = 0;
        let mut alerts_here = 0;
        for mention in &found.mentions {
            out.alerts += 1;
            alerts_here += 1;
            if mention.hits.iter().any(|h| expected(&h.entity_id)) {
                out.true_alerts += 1;
            } else {
                false_here += 1;
                let best = &mention.hits[0];
                out.false_alerts.push((
                    case.id.clone(),
                    mention.text.clone(),
                    format!("{} {} {:.3}", best.entity_id, best.caption, best.score),
                ));
                for name in &case.unlisted {
                    let overlaps = name.split_whitespace().any(|w| mention.text.contains(w));
                    if overlaps {
                        out.unlisted_alerting.push((case.id.clone(), name.clone()));
                    }
                }
            }
        }
        let mut found_here = 0;
        for party in &case.parties {
            out.parties += 1;
            let hit = found
                .mentions
                .iter()
                .any(|m| m.hits.iter().any(|h| party.ids.iter().any(|e| same_entry(e, &h.entity_id))));
            if hit {
                out.found += 1;
                found_here += 1;
            } else {
                out.missed.push((case.id.clone(), party.name.clone()));
            }
        }
        for code in &case.jurisdictions {
            out.jurisdictions += 1;
            if found.jurisdictions.iter().any(|j| &j.code == code) {
                out.jurisdictions_found += 1;
            }
        }
        out.worst_text_false_alerts = out.worst_text_false_alerts.max(false_here);
        let row = match out.by_lang.iter_mut().find(|(l, _)| *l == case.lang) {
            Some((_, row)) => row,
            None => {
                out.by_lang.push((case.lang.clone(), [0; 5]));
                &mut out.by_lang.last_mut().unwrap().1
            }
        };
        row[0] += 1;
        row[1] += case.parties.len();
        row[2] += found_here;
        row[3] += alerts_here;
        row[4] += false_here;
    }
    out
}

/// Whether two entity ids are the same entry: equal, or the same OFAC SDN entry number in the
/// two editions of `shared/data` (`ofac-sdn:35173` and `ofac-sdn-2026:35173`).
fn same_entry(expected: &str, id: &str) -> bool {
    expected == id
        || expected.strip_prefix("ofac-sdn:").is_some_and(|n| id.strip_prefix("ofac-sdn-2026:") == Some(n))
}

/// The scorecard as Markdown.
pub fn report(outcome: &Outcome) -> String {
    let mut s = String::new();
    let o = outcome;
    let _ = writeln!(s, "| texts | words | listed parties | found | recall | alerts | false alerts | precision | most false alerts in a text | jurisdictions found |");
    let _ = writeln!(s, "|---|---|---|---|---|---|---|---|---|---|");
    let _ = writeln!(
        s,
        "| {} | {} | {} | {} | {:.1}% | {} | {} | {:.1}% | {} | {}/{} |",
        o.texts,
        o.words,
        o.parties,
        o.found,
        100.0 * o.recall(),
        o.alerts,
        o.false_alerts.len(),
        100.0 * o.precision(),
        o.worst_text_false_alerts,
        o.jurisdictions_found,
        o.jurisdictions
    );
    let _ = writeln!(
        s,
        "\n| language | texts | listed parties | found | alerts | false alerts |\n|---|---|---|---|---|---|"
    );
    for (lang, [texts, parties, found, alerts, false_alerts]) in &o.by_lang {
        let _ = writeln!(s, "| {lang} | {texts} | {parties} | {found} | {alerts} | {false_alerts} |");
    }
    for (id, party) in &o.missed {
        let _ = writeln!(s, "\nmissed in {id}: {party}");
    }
    for (id, mention, hit) in &o.false_alerts {
        let _ = writeln!(s, "\nfalse alert in {id}: '{mention}' -> {hit}");
    }
    for (id, name) in &o.unlisted_alerting {
        let _ = writeln!(s, "\nunlisted person alerting in {id}: {name}");
    }
    s
}
