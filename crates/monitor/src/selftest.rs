//! The self-test after an import: a deck made from the new list version itself (a sample of its
//! names, exact and with the alterations examiners try: a typo, the words reordered, the
//! middle name dropped, the name written in Cyrillic), screened against the lists in force.
//! The recall is recorded in the audit log and in the monitoring state (`embargo lists`,
//! `/lists` show it); below the floor the caller warns loudly.

use crate::state::SelfTestRow;
use crate::{Monitor, MonitorError};
use embargo_cases::SystemEvent;
use embargo_engine::Snapshot;
use embargo_matcher::{Query, ScreenOptions};
use embargo_model::{Entity, EntityKind};
use rayon::prelude::*;
use serde::Serialize;
use sha2::{Digest, Sha256};

/// The recall below which a list version's self-test fails, unless configured otherwise.
pub const DEFAULT_RECALL_FLOOR: f64 = 0.9;

/// Names sampled from a version by default.
pub const DEFAULT_SAMPLE: usize = 100;

/// One test name of the deck.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TestCase {
    /// The entity it must find.
    pub entity_id: String,
    /// `exact`, `typo`, `word_order`, `dropped_middle`, `cyrillic`.
    pub alteration: &'static str,
    /// The name screened.
    pub name: String,
    /// The entity's kind, given with the query as a firm would.
    pub kind: EntityKind,
}

/// A self-test's result.
#[derive(Debug, Clone, Serialize)]
pub struct SelfTestReport {
    /// The result as stored.
    pub row: SelfTestRow,
    /// Whether the recall is at or above the floor.
    pub passed: bool,
    /// The test names missed (at most 20).
    pub missed: Vec<TestCase>,
}

/// The deck of `entities` (one list version): up to `sample` entities, chosen by a hash of
/// their ids (the same entities for the same version), each with its alterations.
pub fn deck(entities: &[&Entity], sample: usize) -> Vec<TestCase> {
    let mut chosen: Vec<(&[u8], &Entity)> = Vec::new();
    let mut keyed: Vec<([u8; 8], &Entity)> = entities
        .iter()
        .filter(|e| !e.caption().trim().is_empty())
        .map(|e| {
            let h = Sha256::digest(e.id.as_bytes());
            let mut k = [0u8; 8];
            k.copy_from_slice(&h[..8]);
            (k, *e)
        })
        .collect();
    keyed.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.id.cmp(&b.1.id)));
    chosen.extend(keyed.iter().take(sample).map(|(k, e)| (&k[..], *e)));
    let mut deck = Vec::new();
    for (_, entity) in chosen {
        let name = entity.caption().trim().to_owned();
        let case = |alteration, name: String| TestCase {
            entity_id: entity.id.clone(),
            alteration,
            name,
            kind: entity.kind,
        };
        let words: Vec<&str> = name.split_whitespace().collect();
        deck.push(case("exact", name.clone()));
        if let Some(typo) = typo(&words) {
            deck.push(case("typo", typo));
        }
        if words.len() >= 2 && entity.kind == EntityKind::Person {
            let mut reordered = words.clone();
            reordered.rotate_left(1);
            deck.push(case("word_order", reordered.join(" ")));
        }
        if words.len() >= 3 && entity.kind == EntityKind::Person {
            let dropped: Vec<&str> =
                words.iter().enumerate().filter(|(i, _)| *i != 1).map(|(_, w)| *w).collect();
            deck.push(case("dropped_middle", dropped.join(" ")));
        }
        if entity.kind == EntityKind::Person && name.chars().all(|c| c.is_ascii_alphabetic() || c == ' ') {
            deck.push(case("cyrillic", cyrillic(&name)));
        }
    }
    deck
}

/// One letter of the longest word (of five letters or more) replaced by its neighbour in the
/// alphabet: a one-letter typo.
fn typo(words: &[&str]) -> Option<String> {
    let (at, longest) = words
        .iter()
        .enumerate()
        .filter(|(_, w)| w.chars().count() >= 5 && w.chars().all(char::is_alphabetic))
        .max_by_key(|(_, w)| w.chars().count())?;
    let mut letters: Vec<char> = longest.chars().collect();
    let i = letters.len() / 2;
    let c = letters[i];
    letters[i] = match c {
        'a' => 'e',
        'e' => 'a',
        'A' => 'E',
        'E' => 'A',
        'z' => 'y',
        'Z' => 'Y',
        c if c.is_ascii_alphabetic() => (c as u8 + 1) as char,
        _ => return None,
    };
    let mut out: Vec<String> = words.iter().map(|w| (*w).to_owned()).collect();
    out[at] = letters.into_iter().collect();
    Some(out.join(" "))
}

/// A Latin name written in Cyrillic letter by letter (as a Russian clerk would type it).
fn cyrillic(name: &str) -> String {
    let lower = name.to_lowercase();
    let mut out = String::new();
    let chars: Vec<char> = lower.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let pair: String = chars[i..(i + 2).min(chars.len())].iter().collect();
        let two = match pair.as_str() {
            "sh" => Some("ш"),
            "ch" => Some("ч"),
            "kh" => Some("х"),
            "zh" => Some("ж"),
            "ts" => Some("ц"),
            "yu" => Some("ю"),
            "ya" => Some("я"),
            _ => None,
        };
        if let Some(t) = two {
            out.push_str(t);
            i += 2;
            continue;
        }
        out.push_str(match chars[i] {
            'a' => "а",
            'b' => "б",
            'c' => "к",
            'd' => "д",
            'e' => "е",
            'f' => "ф",
            'g' => "г",
            'h' => "х",
            'i' => "и",
            'j' => "дж",
            'k' => "к",
            'l' => "л",
            'm' => "м",
            'n' => "н",
            'o' => "о",
            'p' => "п",
            'q' => "к",
            'r' => "р",
            's' => "с",
            't' => "т",
            'u' => "у",
            'v' => "в",
            'w' => "в",
            'x' => "кс",
            'y' => "й",
            'z' => "з",
            ' ' => " ",
            _ => "",
        });
        i += 1;
    }
    out
}

impl Monitor<'_> {
    /// Screens the deck of `list`'s version in `snapshot` against it, records the recall (audit
    /// log and state) and says whether it reached `floor`.
    pub fn self_test(
        &self,
        snapshot: &Snapshot,
        list: &str,
        options: &ScreenOptions,
        floor: f64,
        by: &str,
    ) -> Result<SelfTestReport, MonitorError> {
        let version = snapshot.version_of(list).map(|v| v.version).ok_or_else(|| {
            MonitorError::Input(format!("list {list:?} is not in the snapshot to self-test"))
        })?;
        let entities: Vec<&Entity> =
            snapshot.index().entities().iter().filter(|e| e.provenance.list == list).map(|e| &**e).collect();
        let deck = deck(&entities, DEFAULT_SAMPLE);
        let options =
            ScreenOptions { limit: options.limit.max(10), lists: None, explain: false, ..options.clone() };
        let found: Vec<bool> = deck
            .par_iter()
            .map(|case| {
                let query =
                    Query { names: vec![case.name.clone()], kind: Some(case.kind), ..Query::default() };
                let party = snapshot.index().party_id(&case.entity_id).map(str::to_owned);
                snapshot.screen_unchecked(&query, &options).iter().any(|h| {
                    h.score >= options.threshold
                        && (h.entity.id == case.entity_id || party.as_deref() == Some(h.party_id.as_str()))
                })
            })
            .collect();
        let hits = found.iter().filter(|f| **f).count() as u64;
        let cases = deck.len() as u64;
        let recall = if cases == 0 { 1.0 } else { hits as f64 / cases as f64 };
        let row = SelfTestRow {
            list: list.to_owned(),
            version,
            cases,
            found: hits,
            recall,
            floor,
            at: format!("{:.0}", jiff::Timestamp::now()),
        };
        self.state.save_self_test(&row)?;
        let passed = recall >= floor;
        self.cases.log_event(
            by,
            SystemEvent::SelfTest {
                list: list.to_owned(),
                version,
                cases,
                found: hits,
                recall,
                floor,
                passed,
            },
        )?;
        let missed = deck.into_iter().zip(&found).filter(|(_, f)| !**f).map(|(c, _)| c).take(20).collect();
        Ok(SelfTestReport { row, passed, missed })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alterations_are_what_they_say() {
        assert_eq!(typo(&["Saeed", "AGHAJANI"]).unwrap(), "Saeed AGHAKANI");
        assert_eq!(cyrillic("Sergey Shoygu"), "сергей шойгу");
        let e = embargo_testkit_free_person("un:1", "Saeed Mohammad AGHAJANI");
        let d = deck(&[&e], 10);
        let kinds: Vec<&str> = d.iter().map(|c| c.alteration).collect();
        assert_eq!(kinds, ["exact", "typo", "word_order", "dropped_middle", "cyrillic"]);
        assert_eq!(d[3].name, "Saeed AGHAJANI");
        assert_eq!(d[2].name, "Mohammad AGHAJANI Saeed");
    }

    fn embargo_testkit_free_person(id: &str, name: &str) -> Entity {
        let (list, local) = id.split_once(':').unwrap();
        let mut e = Entity::new(list, local, EntityKind::Person);
        e.names.push(embargo_model::Name::new(name, embargo_model::NameRole::Primary));
        e
    }
}
