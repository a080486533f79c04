//! Candidate search and scoring. No I/O.
//!
//! (API contract; the implementation is being written.)

use embargo_model::{DateSpec, Entity, EntityKind, Gender};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// The default alert threshold (documented with its precision and recall in docs/quality.md).
pub const DEFAULT_THRESHOLD: f64 = 0.80;

/// What is screened: one party described by example.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Query {
    /// One or more names of the same party (e.g. a name in Latin and in Cyrillic script).
    pub names: Vec<String>,
    #[serde(default)]
    pub kind: Option<EntityKind>,
    /// Dates of birth or incorporation, as given ("1964", "1964-03-12", "circa 1964").
    #[serde(default)]
    pub birth_dates: Vec<DateSpec>,
    /// Countries (names or ISO codes) of nationality, residence or registration.
    #[serde(default)]
    pub countries: Vec<String>,
    /// Identifier values (passport, INN, IMO, ...); compared on their alphanumerics.
    #[serde(default)]
    pub identifiers: Vec<String>,
    #[serde(default)]
    pub gender: Option<Gender>,
}

impl Query {
    pub fn name(name: impl Into<String>) -> Query {
        Query { names: vec![name.into()], ..Query::default() }
    }
}

/// How to screen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScreenOptions {
    /// Hits scoring below are dropped.
    pub threshold: f64,
    /// At most this many hits, best first.
    pub limit: usize,
    /// Only entities of these lists (list ids such as `ofac-sdn`); `None` for all.
    pub lists: Option<Vec<String>>,
    /// Attach an [`Explanation`] to each hit.
    pub explain: bool,
}

impl Default for ScreenOptions {
    fn default() -> Self {
        ScreenOptions { threshold: DEFAULT_THRESHOLD, limit: 10, lists: None, explain: false }
    }
}

/// A score explanation: a small tree of (value, why, children).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Explanation {
    pub value: f64,
    pub why: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<Explanation>,
}

/// One listed entity the query may be.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    pub entity: Arc<Entity>,
    /// 0..1; 1.0 only for an identical name.
    pub score: f64,
    /// The listed name that scored best.
    pub matched_name: String,
    /// The query name that scored best.
    pub query_name: String,
    pub explanation: Option<Explanation>,
}

/// The result of comparing one pair of names.
#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    pub score: f64,
    pub explanation: Explanation,
}

/// An index over the names of listed entities, built once when lists load and shared across
/// threads (`Index: Send + Sync`).
pub struct Index {
    entities: Vec<Arc<Entity>>,
}

impl Index {
    pub fn build(entities: Vec<Entity>) -> Index {
        Index { entities: entities.into_iter().map(Arc::new).collect() }
    }

    pub fn len(&self) -> usize {
        self.entities.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entities.is_empty()
    }

    pub fn entity(&self, id: &str) -> Option<&Arc<Entity>> {
        self.entities.iter().find(|e| e.id == id)
    }

    /// Screens one query: the hits at or above the threshold, best first.
    pub fn screen(&self, query: &Query, options: &ScreenOptions) -> Vec<Hit> {
        let mut hits = Vec::new();
        for e in &self.entities {
            if let Some(lists) = &options.lists {
                if !lists.contains(&e.provenance.list) {
                    continue;
                }
            }
            for qn in &query.names {
                for n in &e.names {
                    let c = compare(qn, &n.full, query.kind);
                    if c.score >= options.threshold {
                        hits.push(Hit {
                            entity: e.clone(),
                            score: c.score,
                            matched_name: n.full.clone(),
                            query_name: qn.clone(),
                            explanation: options.explain.then_some(c.explanation),
                        });
                    }
                }
            }
        }
        hits.sort_by(|a, b| b.score.total_cmp(&a.score));
        hits.truncate(options.limit);
        hits
    }
}

/// Compares two names.
pub fn compare(a: &str, b: &str, _kind: Option<EntityKind>) -> Comparison {
    let same = embargo_names::normalize(a) == embargo_names::normalize(b);
    let score = if same { 1.0 } else { 0.0 };
    Comparison {
        score,
        explanation: Explanation { value: score, why: "normalised equality".into(), children: vec![] },
    }
}
