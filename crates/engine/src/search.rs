//! Name search for analysts (`GET /search`): every query word must match a word of one name of
//! the entity, exactly, as a prefix (`ahm` finds `ahmad`) or within a small edit distance
//! (`aghajany` finds `aghajani`). Built beside the matcher's index at each load; it holds only
//! names and ids, the entities themselves stay in the snapshot.
//!
//! ```
//! use embargo_model::{Entity, EntityKind, Name, NameRole};
//! use embargo_engine::SearchIndex;
//!
//! let mut e = Entity::new("un", "IRi.003", EntityKind::Person);
//! e.names.push(Name::new("Saeed AGHAJANI", NameRole::Primary));
//! let index = SearchIndex::build(&[e]);
//! let page = index.search("aghajany sae", 10, 0);
//! assert_eq!(page.total, 1);
//! assert_eq!(page.results[0].id, "un:IRi.003");
//! ```

use embargo_matcher::osa_distance;
use embargo_model::{Entity, EntityKind};
use serde::Serialize;
use std::collections::HashMap;

/// The most query words considered; the rest are ignored (they only narrow the results).
pub const MAX_QUERY_WORDS: usize = 8;

struct Doc {
    id: String,
    caption: String,
    kind: EntityKind,
    list: String,
    list_version: String,
}

struct NameEntry {
    doc: u32,
    full: String,
    words: u16,
}

/// The search index of one snapshot.
pub struct SearchIndex {
    docs: Vec<Doc>,
    names: Vec<NameEntry>,
    /// Distinct words, sorted, so a prefix is a contiguous range.
    words: Vec<String>,
    /// For each word of `words`, the names containing it.
    postings: Vec<Vec<u32>>,
}

/// One entity found.
#[derive(Debug, Clone, Serialize)]
pub struct SearchResult {
    /// The entity id (`un:IRi.003`).
    pub id: String,
    /// The entity's primary name.
    pub caption: String,
    /// Person, organisation, vessel or aircraft.
    pub kind: EntityKind,
    /// The list id.
    pub list: String,
    /// The list version the entity was read from.
    pub list_version: String,
    /// The name of the entity that matched best.
    pub matched_name: String,
    /// 0..1: 1 when every word of the name was typed exactly.
    pub score: f64,
}

/// One page of results.
#[derive(Debug, Clone, Serialize)]
pub struct SearchPage {
    /// Entities found in all.
    pub total: usize,
    /// The page asked for, best first.
    pub results: Vec<SearchResult>,
}

/// Splits a name into the words the search compares.
fn words(text: &str) -> impl Iterator<Item = String> {
    embargo_names::normalize(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect::<Vec<_>>()
        .into_iter()
}

impl SearchIndex {
    /// Indexes the names of `entities`.
    pub fn build(entities: &[Entity]) -> SearchIndex {
        let mut docs = Vec::with_capacity(entities.len());
        let mut names = Vec::new();
        let mut word_names: HashMap<String, Vec<u32>> = HashMap::new();
        for entity in entities {
            let doc = docs.len() as u32;
            docs.push(Doc {
                id: entity.id.clone(),
                caption: entity.caption().to_owned(),
                kind: entity.kind,
                list: entity.provenance.list.clone(),
                list_version: entity.provenance.list_version.clone(),
            });
            for name in &entity.names {
                let name_idx = names.len() as u32;
                let mut count = 0u16;
                for word in words(&name.full) {
                    count = count.saturating_add(1);
                    let postings = word_names.entry(word).or_default();
                    if postings.last() != Some(&name_idx) {
                        postings.push(name_idx);
                    }
                }
                if count > 0 {
                    names.push(NameEntry { doc, full: name.full.clone(), words: count });
                }
            }
        }
        let mut pairs: Vec<_> = word_names.into_iter().collect();
        pairs.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let (words, postings) = pairs.into_iter().unzip();
        SearchIndex { docs, names, words, postings }
    }

    /// Entities whose names match every word of `query`, best first, `limit` from `offset`.
    pub fn search(&self, query: &str, limit: usize, offset: usize) -> SearchPage {
        let query_words: Vec<String> = words(query).take(MAX_QUERY_WORDS).collect();
        if query_words.is_empty() {
            return SearchPage { total: 0, results: Vec::new() };
        }
        // name -> (words matched, sum of word scores)
        let mut per_name: HashMap<u32, (usize, f64)> = HashMap::new();
        for (qi, qword) in query_words.iter().enumerate() {
            let mut best: HashMap<u32, f64> = HashMap::new();
            for (word_idx, score) in self.word_matches(qword) {
                for &name in &self.postings[word_idx] {
                    let entry = best.entry(name).or_insert(0.0);
                    *entry = entry.max(score);
                }
            }
            for (name, score) in best {
                if qi == 0 {
                    per_name.insert(name, (1, score));
                } else if let Some(acc) = per_name.get_mut(&name) {
                    if acc.0 == qi {
                        *acc = (qi + 1, acc.1 + score);
                    }
                }
            }
        }
        let n = query_words.len();
        let mut per_doc: HashMap<u32, (f64, u32)> = HashMap::new();
        for (name, (matched, sum)) in per_name {
            if matched != n {
                continue;
            }
            let entry = &self.names[name as usize];
            // Mostly how well the typed words matched, a little how much of the name they cover,
            // so "ali" ranks "ALI" above "ALI HASSAN MOHAMMED".
            let score = 0.9 * sum / n as f64 + 0.1 * (n as f64 / entry.words as f64).min(1.0);
            let best = per_doc.entry(entry.doc).or_insert((score, name));
            if score > best.0 {
                *best = (score, name);
            }
        }
        let mut ranked: Vec<(u32, f64, u32)> =
            per_doc.into_iter().map(|(d, (s, name))| (d, s, name)).collect();
        ranked.sort_unstable_by(|a, b| {
            b.1.total_cmp(&a.1).then_with(|| self.docs[a.0 as usize].id.cmp(&self.docs[b.0 as usize].id))
        });
        let total = ranked.len();
        let results = ranked
            .into_iter()
            .skip(offset)
            .take(limit)
            .map(|(doc, score, name)| {
                let d = &self.docs[doc as usize];
                SearchResult {
                    id: d.id.clone(),
                    caption: d.caption.clone(),
                    kind: d.kind,
                    list: d.list.clone(),
                    list_version: d.list_version.clone(),
                    matched_name: self.names[name as usize].full.clone(),
                    score: (score * 1000.0).round() / 1000.0,
                }
            })
            .collect();
        SearchPage { total, results }
    }

    /// Indexed words matching `qword` with their score: exact 1, prefix 0.7..0.95, fuzzy below.
    fn word_matches(&self, qword: &str) -> Vec<(usize, f64)> {
        let mut found = Vec::new();
        let start = self.words.partition_point(|w| w.as_str() < qword);
        for (i, word) in self.words[start..].iter().enumerate() {
            if !word.starts_with(qword) {
                break;
            }
            let score = if word.len() == qword.len() {
                1.0
            } else {
                0.7 + 0.25 * qword.chars().count() as f64 / word.chars().count() as f64
            };
            found.push((start + i, score));
        }
        let query_len = qword.chars().count();
        let max_edits = match query_len {
            0..=3 => return found,
            4..=7 => 1,
            _ => 2,
        };
        for (i, word) in self.words.iter().enumerate() {
            let len = word.chars().count();
            if len.abs_diff(query_len) > max_edits || word.starts_with(qword) {
                continue;
            }
            if let Some(d) = osa_distance(qword, word, max_edits) {
                found.push((i, 0.85 - 0.1 * (d as f64 - 1.0)));
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use embargo_model::{Name, NameRole};

    fn entity(list: &str, id: &str, names: &[&str]) -> Entity {
        let mut e = Entity::new(list, id, EntityKind::Person);
        for (i, n) in names.iter().enumerate() {
            let role = if i == 0 { NameRole::Primary } else { NameRole::StrongAlias };
            e.names.push(Name::new(*n, role));
        }
        e
    }

    fn index() -> SearchIndex {
        SearchIndex::build(&[
            entity("un", "1", &["Saeed AGHAJANI", "Saeed AQA JANI"]),
            entity("un", "2", &["ALI"]),
            entity("un", "3", &["ALI HASSAN MOHAMMED"]),
            entity("ofac-sdn", "4", &["BANK MELLI IRAN"]),
        ])
    }

    #[test]
    fn every_query_word_must_match_one_name() {
        let idx = index();
        assert_eq!(idx.search("saeed aghajani", 10, 0).total, 1);
        assert_eq!(idx.search("aghajani hassan", 10, 0).total, 0, "words of different entities");
        assert_eq!(idx.search("saeed jani", 10, 0).results[0].matched_name, "Saeed AQA JANI");
        assert_eq!(idx.search("jani aghajani", 10, 0).total, 0, "words of two names of one entity");
    }

    #[test]
    fn prefixes_and_typos_find_names() {
        let idx = index();
        assert_eq!(idx.search("melli", 10, 0).results[0].id, "ofac-sdn:4");
        assert_eq!(idx.search("mel", 10, 0).results[0].id, "ofac-sdn:4");
        assert_eq!(idx.search("mellli", 10, 0).results[0].id, "ofac-sdn:4");
        assert_eq!(idx.search("aghajany", 10, 0).results[0].id, "un:1");
        assert_eq!(idx.search("zzzz", 10, 0).total, 0);
    }

    #[test]
    fn shorter_exact_names_rank_first_and_pages_do_not_overlap() {
        let idx = index();
        let all = idx.search("ali", 10, 0);
        assert_eq!(all.total, 2);
        assert_eq!(all.results[0].id, "un:2");
        let second = idx.search("ali", 1, 1);
        assert_eq!(second.total, 2);
        assert_eq!(second.results.len(), 1);
        assert_eq!(second.results[0].id, "un:3");
        assert!(idx.search("ali", 10, 5).results.is_empty());
    }

    #[test]
    fn punctuation_only_queries_find_nothing() {
        assert_eq!(index().search(" -- ;; ", 10, 0).total, 0);
    }
}
