//! The deck's scorecard: recall per treatment and per script, misses split into search and
//! score misses, alert rate per culture, the false alerts with their scores.

use super::treatments::Treatment;
use super::{Deck, Miss, Outcome, THRESHOLDS};
use embargo_matcher::DEFAULT_THRESHOLD;
use embargo_model::EntityKind;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write;

/// Recall of one group of positives.
#[derive(Debug, Clone, Serialize, Default)]
pub struct RecallRow {
    /// The group (treatment, script).
    pub name: String,
    /// Positives.
    pub cases: usize,
    /// Found at the default threshold.
    pub found: usize,
    /// Lost by the search (found when indexed alone).
    pub search_misses: usize,
    /// Not matched even alone.
    pub score_misses: usize,
    /// Whether the group counts towards the overall recall.
    pub in_scope: bool,
}

impl RecallRow {
    /// found / cases.
    pub fn recall(&self) -> f64 {
        ratio(self.found, self.cases)
    }

    fn add(&mut self, o: &Outcome) {
        self.cases += 1;
        match o.miss {
            None => self.found += 1,
            Some((Miss::Search, _)) => self.search_misses += 1,
            Some((Miss::Score, _)) => self.score_misses += 1,
        }
    }
}

/// Alerts on the negatives of one culture.
#[derive(Debug, Clone, Serialize, Default)]
pub struct AlertRow {
    /// The culture (with `/company` for its companies).
    pub name: String,
    /// Names screened.
    pub names: usize,
    /// Names whose best hit reaches the default threshold.
    pub alerts: usize,
}

/// The figures of a run.
#[derive(Debug, Serialize)]
pub struct Scorecard {
    /// Per treatment, in report order.
    pub treatments: Vec<RecallRow>,
    /// Per script of the query (positives in scope only).
    pub scripts: Vec<RecallRow>,
    /// All positives in scope.
    pub overall: RecallRow,
    /// Per culture.
    pub cultures: Vec<AlertRow>,
    /// All negatives.
    pub alerts: AlertRow,
    /// Recall in scope and alert rate at other thresholds.
    pub sweep: Vec<(f64, f64, f64)>,
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

fn pct(x: f64) -> String {
    format!("{:.2}%", x * 100.0)
}

impl Scorecard {
    /// Sums up a run.
    pub fn of(deck: &Deck) -> Scorecard {
        let mut treatments: BTreeMap<Treatment, RecallRow> = BTreeMap::new();
        let mut scripts: BTreeMap<&str, RecallRow> = BTreeMap::new();
        let mut overall = RecallRow { name: "all in scope".into(), in_scope: true, ..Default::default() };
        for o in &deck.positives {
            let t = o.case.treatment;
            treatments
                .entry(t)
                .or_insert_with(|| RecallRow {
                    name: t.as_str().into(),
                    in_scope: t.in_scope(),
                    ..Default::default()
                })
                .add(o);
            if t.in_scope() {
                let s = o.case.script.as_str();
                scripts
                    .entry(s)
                    .or_insert_with(|| RecallRow { name: s.into(), in_scope: true, ..Default::default() })
                    .add(o);
                overall.add(o);
            }
        }
        let mut cultures: BTreeMap<String, AlertRow> = BTreeMap::new();
        let mut alerts = AlertRow { name: "all".into(), ..Default::default() };
        for n in &deck.negatives {
            let name = match n.negative.kind {
                EntityKind::Person => n.negative.culture.clone(),
                _ => format!("{}/company", n.negative.culture),
            };
            let row = cultures.entry(name.clone()).or_insert_with(|| AlertRow { name, ..Default::default() });
            let alert = n.best.2 >= DEFAULT_THRESHOLD;
            row.names += 1;
            row.alerts += usize::from(alert);
            alerts.names += 1;
            alerts.alerts += usize::from(alert);
        }
        let in_scope: Vec<&Outcome> = deck.positives.iter().filter(|o| o.case.treatment.in_scope()).collect();
        let sweep = THRESHOLDS
            .iter()
            .map(|&t| {
                let recall = ratio(in_scope.iter().filter(|o| o.score >= t).count(), in_scope.len());
                let alert =
                    ratio(deck.negatives.iter().filter(|n| n.best.2 >= t).count(), deck.negatives.len());
                (t, recall, alert)
            })
            .collect();
        Scorecard {
            treatments: Treatment::ALL.iter().filter_map(|t| treatments.remove(t)).collect(),
            scripts: scripts.into_values().collect(),
            overall,
            cultures: cultures.into_values().collect(),
            alerts,
            sweep,
        }
    }

    /// The recall of a treatment (0 when it has no case).
    pub fn recall_of(&self, t: Treatment) -> f64 {
        self.treatments.iter().find(|r| r.name == t.as_str()).map_or(0.0, RecallRow::recall)
    }

    /// The alert rate over all negatives.
    pub fn alert_rate(&self) -> f64 {
        ratio(self.alerts.alerts, self.alerts.names)
    }

    /// The scorecard as text; `examples` misses per treatment and false alerts are listed.
    pub fn to_text(&self, deck: &Deck, examples: usize) -> String {
        let mut s = String::new();
        let row = |s: &mut String, r: &RecallRow, note: &str| {
            let _ = writeln!(
                s,
                "  {:<26} {:>6} {:>9} {:>7}/{:<7} {note}",
                r.name,
                r.cases,
                pct(r.recall()),
                r.search_misses,
                r.score_misses
            );
        };
        let _ = writeln!(s, "Recall at the default threshold {DEFAULT_THRESHOLD:.2}, per treatment");
        let _ =
            writeln!(s, "  {:<26} {:>6} {:>9} {:>15}", "treatment", "cases", "recall", "misses search/score");
        for r in &self.treatments {
            row(
                &mut s,
                r,
                if r.in_scope { "" } else { "(no target: outside the edit budget / translations)" },
            );
        }
        row(&mut s, &self.overall, "target >= 99%");
        let _ = writeln!(s, "\nRecall per script of the query (treatments in scope)");
        for r in &self.scripts {
            row(&mut s, r, if r.cases > 0 && r.recall() < 0.95 { "BELOW 95%" } else { "" });
        }
        let _ = writeln!(
            s,
            "\nAlerts on names that are on no list: {}/{} = {} (target <= 1%)",
            self.alerts.alerts,
            self.alerts.names,
            pct(self.alert_rate())
        );
        let rejected: usize = deck.rejected_as_listed.values().sum();
        let _ = writeln!(s, "  ({rejected} generated names dropped as listed, by exact folded comparison)");
        for c in &self.cultures {
            let _ = writeln!(
                s,
                "  {:<28} {:>4}/{:<5} {}",
                c.name,
                c.alerts,
                c.names,
                pct(ratio(c.alerts, c.names))
            );
        }
        let mut alerting: Vec<_> = deck.negatives.iter().filter(|n| n.best.2 >= DEFAULT_THRESHOLD).collect();
        alerting.sort_by(|a, b| b.best.2.total_cmp(&a.best.2));
        let _ = writeln!(s, "\nFalse alerts (all {}, best score first)", alerting.len());
        for n in alerting.iter().take(examples.max(40)) {
            let _ = writeln!(
                s,
                "  {:.3}  {:<14} {:?} -> {} {:?}",
                n.best.2, n.negative.culture, n.negative.query, n.best.0, n.best.1
            );
        }
        let _ = writeln!(s, "\nThreshold sweep (treatments in scope; all negatives)");
        let _ = writeln!(s, "  {:>9} {:>9} {:>11}", "threshold", "recall", "alert rate");
        for (t, r, a) in &self.sweep {
            let _ = writeln!(s, "  {:>9.2} {:>9} {:>11}", t, pct(*r), pct(*a));
        }
        let _ = writeln!(s, "\nMisses (first {examples} per treatment)");
        for t in Treatment::ALL {
            for o in
                deck.positives.iter().filter(|o| o.case.treatment == t && o.miss.is_some()).take(examples)
            {
                let (miss, alone) = o.miss.unwrap_or((Miss::Score, 0.0));
                let other = o
                    .best_other
                    .as_ref()
                    .map(|(id, name, sc)| format!("; best other {id} {name:?} {sc:.3}"))
                    .unwrap_or_default();
                let _ = writeln!(
                    s,
                    "  {:<24} {:?} (from {:?}, {}; {}) scored {:.3}; {} miss, alone {:.3}{other}",
                    t.as_str(),
                    o.case.query,
                    o.case.source,
                    o.case.entity_id,
                    o.case.detail,
                    o.score,
                    match miss {
                        Miss::Search => "search",
                        Miss::Score => "score",
                    },
                    alone
                );
            }
        }
        s
    }
}
