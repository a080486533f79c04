//! The independent test deck: positives from a generator with its own rules and data,
//! negatives from other people's name data, cross-script cases from a frozen split.
//!
//! The deck uses the matcher only through its public screening API ([`Index::build`],
//! [`Index::screen`], [`Query`], [`ScreenOptions`], [`DEFAULT_THRESHOLD`]) and never reads names
//! through `embargo-names` (`tests/independence.rs` fails if it does): it cannot choose its
//! cases by how the matcher analyses them.
//!
//! * **Positives** ([`treatments`]): listed Latin names changed by keyboard and OCR errors
//!   ([`typos`]), romanisation systems ([`translit`]), nicknames (the `nicknames` dataset),
//!   titles, legal forms, numbers, particles, word order, dropped middle names, joined and
//!   split words, aliases combined; listed Cyrillic and hangul names romanised by published
//!   systems; listed vessels screened with no kind.
//! * **Cross-script** positives: the non-Latin names of the entities of the *test half* of the
//!   frozen split ([`in_test_half`]), screened against an index of Latin names only.
//! * **Negatives** ([`negatives`]): Faker's names of 23 cultures, in their scripts and in Latin.
//!
//! A miss is a *search miss* when the entity, indexed alone, is found by the same query at the
//! threshold (the full index lost it among the others), else a *score miss* (the matcher does
//! not match the two names even alone).

pub mod fold;
pub mod negatives;
pub mod report;
pub mod script;
pub mod translit;
pub mod treatments;
pub mod typos;

use crate::rng::Rng;
use embargo_matcher::{Index, Query, ScreenOptions, DEFAULT_THRESHOLD};
use embargo_model::{Entity, EntityKind, NameRole};
use negatives::{ListedNames, Negative};
use script::{script_of, Script};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use translit::{romanize_cyrillic, romanize_hangul, CyrillicSystem, HangulSystem};
use treatments::{Context, Treatment};

const NICKNAMES: &str = include_str!("../../data/deck/nicknames.csv");

/// Hits are collected down to this score, so that recall and alerts can be read at a few
/// thresholds from one screening.
pub const SCORE_FLOOR: f64 = 0.6;
/// Thresholds reported beside the default.
pub const THRESHOLDS: [f64; 5] = [0.70, 0.75, 0.80, 0.85, 0.90];
/// Hits kept per query: enough that the expected entity is not cut off by namesakes.
const HIT_LIMIT: usize = 100;

/// How big a deck to make.
#[derive(Debug, Clone)]
pub struct Config {
    /// Seed of every random choice.
    pub seed: u64,
    /// Positives per treatment (cross-script: all of the test half up to this times 4).
    pub per_treatment: usize,
    /// Negative people per culture (and a quarter as many companies).
    pub per_culture: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config { seed: 42, per_treatment: 1000, per_culture: 300 }
    }
}

/// Which index a case is screened against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Against {
    /// Every name of every list in force.
    Full,
    /// Only the names written in Latin letters.
    LatinOnly,
}

/// One positive: screening `query` must find entity `entity_id`.
#[derive(Debug, Clone, Serialize)]
pub struct Case {
    /// The treatment.
    pub treatment: Treatment,
    /// Finer label (the rule, the system, the script).
    pub detail: String,
    /// The query.
    pub query: String,
    /// The kind given with the query (`None`: as most customer files, no kind).
    pub kind: Option<EntityKind>,
    /// The listed name it was made from.
    pub source: String,
    /// The entity to find.
    pub entity_id: String,
    /// The script of the query.
    pub script: Script,
    /// The index it is screened against.
    pub against: Against,
}

/// Whether an entity is in the test half of the frozen split: the digits of its publisher id
/// (OFSI Group ID `13301`, UN reference `IRi.003` → 3, FCDO reference `RUS0268` → 268) read
/// as a number are odd. The matcher's engineers may build tables from the even half only.
pub fn in_test_half(entity: &Entity) -> bool {
    entity
        .provenance
        .source_id
        .chars()
        .rev()
        .find(char::is_ascii_digit)
        .and_then(|c| c.to_digit(10))
        .is_some_and(|d| d % 2 == 1)
}

/// Reads the nicknames dataset: each name → its shorter nicknames. The dataset relates names
/// both ways (`bob` has the nickname `robert` too); a nickname shortens a name, so only
/// shorter ones are kept (`Ali` does not become `Allyson`, `Kim` not `Kimberley`).
pub fn nicknames() -> HashMap<String, Vec<String>> {
    let mut map: HashMap<String, Vec<String>> = HashMap::new();
    for line in NICKNAMES.lines().skip(1) {
        let mut cols = line.split(',');
        let (Some(a), Some(rel), Some(b)) = (cols.next(), cols.next(), cols.next()) else { continue };
        if rel != "has_nickname" || b.len() < 2 || b.len() >= a.len() {
            continue;
        }
        map.entry(a.to_owned()).or_default().push(b.to_owned());
    }
    for v in map.values_mut() {
        v.sort();
        v.dedup();
    }
    map
}

fn case(t: Treatment, detail: String, query: String, source: &str, e: &Entity, against: Against) -> Case {
    Case {
        treatment: t,
        detail,
        script: script_of(&query),
        query,
        kind: None,
        source: source.to_owned(),
        entity_id: e.id.clone(),
        against,
    }
}

/// Builds every positive of the deck.
pub fn positives(entities: &[Entity], config: &Config, rng: &mut Rng) -> Vec<Case> {
    let nick = nicknames();
    let mut sources: Vec<(&Entity, &str)> = Vec::new();
    for e in entities {
        for n in &e.names {
            if matches!(n.role, NameRole::Primary | NameRole::StrongAlias)
                && script_of(&n.full) == Script::Latin
                && n.full.split_whitespace().count() <= 12
            {
                sources.push((e, &n.full));
            }
        }
    }
    let mut cases = Vec::new();
    let mut ocr_outside = Vec::new();
    for t in Treatment::ALL.into_iter().filter(|t| t.is_latin_rewrite()) {
        // One generator per treatment: a change in one treatment moves no other's cases.
        let rng = &mut Rng::new(rng.next_u64());
        let mut order: Vec<usize> = (0..sources.len()).collect();
        rng.shuffle(&mut order);
        let mut made = 0;
        let mut seen = std::collections::HashSet::new();
        for i in order {
            if made >= config.per_treatment {
                break;
            }
            let (e, name) = sources[i];
            let cx = Context { entity: e, nicknames: &nick };
            let Some(r) = treatments::apply(t, name, &cx, rng) else { continue };
            if r.query.trim().is_empty() || !seen.insert((r.query.clone(), e.id.clone())) {
                continue;
            }
            if r.outside_budget {
                if ocr_outside.len() < config.per_treatment {
                    ocr_outside.push(case(
                        Treatment::TypoOcrOutsideBudget,
                        r.detail,
                        r.query,
                        name,
                        e,
                        Against::Full,
                    ));
                }
                continue;
            }
            cases.push(case(t, r.detail, r.query, name, e, Against::Full));
            made += 1;
        }
    }
    cases.extend(ocr_outside);
    cases.extend(vessels(entities, config, &mut Rng::new(rng.next_u64())));
    cases.extend(from_other_scripts(entities, config, &mut Rng::new(rng.next_u64())));
    cases
}

fn vessels(entities: &[Entity], config: &Config, rng: &mut Rng) -> Vec<Case> {
    let mut vessels: Vec<&Entity> = entities.iter().filter(|e| e.kind == EntityKind::Vessel).collect();
    rng.shuffle(&mut vessels);
    let mut out = Vec::new();
    for e in vessels.iter().take(config.per_treatment) {
        let Some(name) = e.names.first().map(|n| n.full.as_str()) else { continue };
        out.push(case(Treatment::VesselNoKind, String::new(), name.to_owned(), name, e, Against::Full));
        let ws: Vec<&str> = name.split_whitespace().collect();
        let long: Vec<usize> =
            (0..ws.len()).filter(|i| ws[*i].chars().filter(|c| c.is_alphabetic()).count() >= 4).collect();
        if long.is_empty() {
            continue;
        }
        let i = *rng.pick(&long);
        if let Some((w, kind)) = typos::keyboard_slip(ws[i], rng) {
            let mut q: Vec<String> = ws.iter().map(|s| (*s).to_owned()).collect();
            q[i] = w;
            let mut c = case(Treatment::VesselTypo, kind.to_owned(), q.join(" "), name, e, Against::Full);
            c.kind = Some(EntityKind::Vessel);
            out.push(c);
        }
    }
    out
}

/// Cases from the non-Latin names of the test half: romanised (Cyrillic, hangul) against the
/// full index, and as written against the Latin-only index.
fn from_other_scripts(entities: &[Entity], config: &Config, rng: &mut Rng) -> Vec<Case> {
    let mut cyrillic = Vec::new();
    let mut hangul = Vec::new();
    let mut cross = Vec::new();
    for e in entities.iter().filter(|e| in_test_half(e)) {
        let latin =
            e.names.iter().find(|n| script_of(&n.full) == Script::Latin).map_or("", |n| n.full.as_str());
        for n in &e.names {
            let s = script_of(&n.full);
            if s.is_latin_or_none() {
                continue;
            }
            let t = if e.kind == EntityKind::Person {
                Treatment::CrossScript
            } else {
                Treatment::CrossScriptNonPerson
            };
            let mut c = case(
                t,
                format!("{}:{}", s.as_str(), e.provenance.list),
                n.full.clone(),
                latin,
                e,
                Against::LatinOnly,
            );
            c.source = format!("{} ({})", latin, n.full);
            cross.push(c);
            if e.kind != EntityKind::Person {
                continue;
            }
            if s == Script::Cyrillic {
                let system = *rng.pick(&CyrillicSystem::ALL);
                let q = romanize_cyrillic(&n.full, system);
                cyrillic.push(case(
                    Treatment::TranslitCyrillic,
                    system.as_str().to_owned(),
                    q,
                    &n.full,
                    e,
                    Against::Full,
                ));
            }
            if s == Script::Hangul {
                let system = if rng.chance(0.5) {
                    HangulSystem::RevisedRomanization
                } else {
                    HangulSystem::McCuneReischauer
                };
                if let Some(q) = romanize_hangul(&n.full, system) {
                    hangul.push(case(
                        Treatment::TranslitHangul,
                        system.as_str().to_owned(),
                        q,
                        &n.full,
                        e,
                        Against::Full,
                    ));
                }
            }
        }
    }
    let mut out = Vec::new();
    for (mut v, cap) in
        [(cyrillic, config.per_treatment), (hangul, config.per_treatment), (cross, config.per_treatment * 4)]
    {
        rng.shuffle(&mut v);
        v.truncate(cap);
        out.extend(v);
    }
    out
}

/// The entities with their names in Latin letters only (entities left with none dropped).
pub fn latin_only(entities: &[Entity]) -> Vec<Entity> {
    entities
        .iter()
        .filter_map(|e| {
            let mut e = e.clone();
            e.names.retain(|n| script_of(&n.full).is_latin_or_none());
            (!e.names.is_empty()).then_some(e)
        })
        .collect()
}

/// Why a positive was missed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Miss {
    /// Found when its entity is indexed alone: the full index lost it.
    Search,
    /// Not found even alone: the matcher does not match the two names.
    Score,
}

/// One screened positive.
#[derive(Debug, Clone, Serialize)]
pub struct Outcome {
    /// The case.
    #[serde(flatten)]
    pub case: Case,
    /// The expected entity's score (0 when it was not among the hits).
    pub score: f64,
    /// The best hit that scored above it, if any: (entity id, matched name, score).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub best_other: Option<(String, String, f64)>,
    /// For a miss at the default threshold: where it was lost, and the score alone.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub miss: Option<(Miss, f64)>,
}

fn options() -> ScreenOptions {
    ScreenOptions {
        threshold: SCORE_FLOOR,
        limit: HIT_LIMIT,
        lists: None,
        explain: false,
        ..ScreenOptions::default()
    }
}

fn query(text: &str, kind: Option<EntityKind>) -> Query {
    Query { names: vec![text.to_owned()], kind, ..Query::default() }
}

/// Screens one positive.
pub fn screen_case(index: &Index, case: &Case, entity: &Entity) -> Outcome {
    let q = query(&case.query, case.kind);
    let hits = index.screen(&q, &options());
    let score = hits.iter().filter(|h| h.entity.id == case.entity_id).map(|h| h.score).fold(0.0, f64::max);
    let best_other = hits
        .iter()
        .find(|h| h.entity.id != case.entity_id && h.score > score)
        .map(|h| (h.entity.id.clone(), h.matched_name.clone(), h.score));
    let miss = (score < DEFAULT_THRESHOLD).then(|| {
        let alone = Index::build(vec![entity.clone()]);
        let opts = ScreenOptions {
            threshold: 0.0,
            limit: 1,
            lists: None,
            explain: false,
            ..ScreenOptions::default()
        };
        let s = alone.screen(&q, &opts).first().map_or(0.0, |h| h.score);
        (if s >= DEFAULT_THRESHOLD { Miss::Search } else { Miss::Score }, s)
    });
    Outcome { case: case.clone(), score, best_other, miss }
}

/// One screened negative.
#[derive(Debug, Clone, Serialize)]
pub struct NegativeOutcome {
    /// The name.
    #[serde(flatten)]
    pub negative: Negative,
    /// The best hit: (entity id, matched name, score); score 0 when none reached the floor.
    pub best: (String, String, f64),
}

/// Everything a run measured.
#[derive(Debug, Serialize)]
pub struct Deck {
    /// Seed and sizes.
    pub seed: u64,
    /// Entities and names indexed, and of the Latin-only index.
    pub entities: usize,
    /// Names indexed.
    pub names: usize,
    /// Names in the Latin-only index.
    pub latin_names: usize,
    /// Every positive, screened.
    pub positives: Vec<Outcome>,
    /// Every negative, screened.
    pub negatives: Vec<NegativeOutcome>,
    /// Generated names dropped because they are listed, per culture.
    pub rejected_as_listed: BTreeMap<String, usize>,
}

/// Builds the deck over `entities` (the lists in force) and screens it.
pub fn run(entities: &[Entity], config: &Config, progress: &mut dyn FnMut(&str)) -> Deck {
    let by_id: HashMap<&str, &Entity> = entities.iter().map(|e| (e.id.as_str(), e)).collect();
    progress("building the indexes");
    let full = Index::build(entities.to_vec());
    let latin = latin_only(entities);
    let latin_by_id: HashMap<&str, &Entity> = latin.iter().map(|e| (e.id.as_str(), e)).collect();
    let latin_names = latin.iter().map(|e| e.names.len()).sum();
    let latin_index = Index::build(latin.clone());
    let mut rng = Rng::new(config.seed);
    let cases = positives(entities, config, &mut Rng::new(rng.next_u64()));
    progress(&format!("screening {} positives", cases.len()));
    let positives = cases
        .iter()
        .filter_map(|c| {
            // A miss is looked up in an index of the entity alone, as the case's index holds it.
            let (index, e) = match c.against {
                Against::Full => (&full, by_id.get(c.entity_id.as_str())?),
                Against::LatinOnly => (&latin_index, latin_by_id.get(c.entity_id.as_str())?),
            };
            Some(screen_case(index, c, e))
        })
        .collect();
    let listed = ListedNames::build(entities);
    let made = negatives::generate(&listed, config.per_culture, &mut Rng::new(rng.next_u64()));
    progress(&format!("screening {} negatives", made.names.len()));
    let negatives = made
        .names
        .into_iter()
        .map(|n| {
            let hits = full.screen(&query(&n.query, None), &options());
            let best = hits
                .first()
                .map(|h| (h.entity.id.clone(), h.matched_name.clone(), h.score))
                .unwrap_or_default();
            NegativeOutcome { negative: n, best }
        })
        .collect();
    Deck {
        seed: config.seed,
        entities: entities.len(),
        names: entities.iter().map(|e| e.names.len()).sum(),
        latin_names,
        positives,
        negatives,
        rejected_as_listed: made.rejected_as_listed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_split_reads_the_last_digit_of_the_publisher_id() {
        let e = |list: &str, id: &str| embargo_testkit::person(list, id, "x").build();
        assert!(in_test_half(&e("uk-ofsi", "13301")));
        assert!(!in_test_half(&e("uk-ofsi", "13300")));
        assert!(in_test_half(&e("un", "IRi.003")));
        assert!(!in_test_half(&e("uk-fcdo", "RUS0268")));
        assert!(!in_test_half(&e("opensanctions", "NK-abc")));
    }

    #[test]
    fn the_nicknames_dataset_reads_formal_to_nickname() {
        let n = nicknames();
        assert!(n["robert"].contains(&"bob".to_owned()));
        assert!(!n.get("bob").is_some_and(|v| v.contains(&"robert".to_owned())));
        assert!(n["william"].contains(&"bill".to_owned()));
    }
}
