//! The words of the listed names, counted: which words of a text may be part of a listed name,
//! how many listed parties hold each word, and in which role (given name, family name,
//! distinctive word of an organisation, legal form). Built once per index from
//! [`Index::entities`] through `embargo_names::analyze`, so that a text's words are looked up
//! in a hash table before any of them is screened: most words of an article are in no listed
//! name and cost one look-up.
//!
//! A matcher API that gave the token forms it already holds (with the number of names holding
//! each) would save this second analysis of every listed name (a third of a second for the
//! 95,800 names of the real lists, release build).

use embargo_matcher::Index;
use embargo_model::EntityKind;
use embargo_names::{analyze, TokenRole};
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use serde::Serialize;

/// How a word occurs in the listed names.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WordStats {
    /// Listed parties (entities, those of several lists with the same primary name counted
    /// once) with a name holding the word.
    pub holders: u32,
    /// Names where the word is a given name or a patronymic.
    pub given: u32,
    /// Names where it is a family name or a word of a person's name of unknown role.
    pub family: u32,
    /// Names where it is a distinctive word of an organisation, vessel or aircraft.
    pub core: u32,
    /// Names where it is a legal form, a common organisation word, a particle or a number.
    pub weak: u32,
    /// Listed organisations (vessels, aircraft) with a name whose one distinctive word it is
    /// ("Sberbank", "PJSC Sberbank"; not "Sberbank Leasing").
    pub alone: u32,
    /// Listed organisations with a name that is the word and at most a legal form
    /// ("Gazprombank", "GAZPROMBANK JOINT STOCK COMPANY").
    pub whole: u32,
}

impl WordStats {
    /// Whether the word is mostly a given name (`Saeed`, `Mohammad`): no party alone.
    pub fn mostly_given(&self) -> bool {
        self.given > self.family + self.core
    }
}

/// A list and its version, as the index holds them.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct ListVersion {
    /// The list id (`ofac-sdn`, `un`).
    pub list: String,
    /// The version the store assigned (empty for lists read without a store).
    pub version: String,
}

/// The words of the listed names of one index, with their counts.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    words: HashMap<String, WordStats>,
    phonetic: HashMap<String, u32>,
    /// Hashes of the unordered pairs of phonetic codes of two words of one listed name.
    pairs: HashSet<u64>,
    lists: Vec<ListVersion>,
}

impl Gazetteer {
    /// Counts the words of every name of every party of `index` (goods items are passed over).
    pub fn build(index: &Index) -> Gazetteer {
        let mut words: HashMap<String, WordStats> = HashMap::with_capacity(index.len() * 3);
        let mut phonetic: HashMap<String, u32> = HashMap::with_capacity(index.len() * 3);
        let mut pairs: HashSet<u64> = HashSet::with_capacity(index.len() * 8);
        let mut lists = HashSet::new();
        // Words already counted for a party: (party key, word). A party is keyed by its
        // primary name's words, so that OFAC's and the UK's "Vladimir PUTIN" count once.
        let mut counted: HashSet<(u64, String)> = HashSet::new();
        let mut counted_phonetic: HashSet<(u64, String)> = HashSet::new();
        let mut counted_alone: HashSet<(u64, String)> = HashSet::new();
        let mut counted_whole: HashSet<(u64, String)> = HashSet::new();
        for entity in index.entities() {
            // Goods items (the CHPL's codes and descriptions) share the store's index but are
            // no parties: their words are no names.
            if entity.is_goods() {
                continue;
            }
            lists.insert(ListVersion {
                list: entity.provenance.list.clone(),
                version: entity.provenance.list_version.clone(),
            });
            let kind = Some(entity.kind);
            let mut party = None;
            for name in &entity.names {
                let analysed = analyze(&name.full, kind);
                let key = *party.get_or_insert_with(|| party_key(&analysed.texts()));
                if entity.kind != EntityKind::Person {
                    let mut strong = analysed.tokens.iter().filter(|t| is_distinctive(t.role));
                    if let (Some(only), None) = (strong.next(), strong.next()) {
                        let whole =
                            analysed.tokens.iter().filter(|t| t.role != TokenRole::LegalForm).count() == 1;
                        for form in std::iter::once(&only.text).chain(&only.variants) {
                            if counted_alone.insert((key, form.clone())) {
                                words.entry(form.clone()).or_default().alone += 1;
                            }
                            if whole && counted_whole.insert((key, form.clone())) {
                                words.entry(form.clone()).or_default().whole += 1;
                            }
                        }
                    }
                }
                let codes: Vec<&str> = analysed
                    .tokens
                    .iter()
                    .filter(|t| {
                        !matches!(t.role, TokenRole::LegalForm | TokenRole::Number) && !t.phonetic.is_empty()
                    })
                    .map(|t| t.phonetic.as_str())
                    .take(MAX_PAIRED_WORDS)
                    .collect();
                for (i, a) in codes.iter().enumerate() {
                    for b in &codes[i + 1..] {
                        pairs.insert(pair_key(a, b));
                    }
                }
                for token in &analysed.tokens {
                    for form in std::iter::once(&token.text).chain(&token.variants) {
                        let stats = words.entry(form.clone()).or_default();
                        match token.role {
                            TokenRole::Given | TokenRole::Patronymic | TokenRole::Initial => stats.given += 1,
                            TokenRole::Family | TokenRole::Name => stats.family += 1,
                            TokenRole::Core => stats.core += 1,
                            _ => stats.weak += 1,
                        }
                        if counted.insert((key, form.clone())) {
                            stats.holders += 1;
                        }
                    }
                    // Words as written in their script too (Persian and Russian names of the
                    // UK list), so that a text in that script finds them without romanising.
                    let written = embargo_names::normalize(&token.original);
                    if written != token.text && !written.is_empty() {
                        let stats = words.entry(written.clone()).or_default();
                        stats.family += u32::from(!matches!(token.role, TokenRole::Given));
                        stats.given += u32::from(matches!(token.role, TokenRole::Given));
                        if counted.insert((key, written)) {
                            stats.holders += 1;
                        }
                    }
                    if !token.phonetic.is_empty() && counted_phonetic.insert((key, token.phonetic.clone())) {
                        *phonetic.entry(token.phonetic.clone()).or_default() += 1;
                    }
                }
            }
        }
        let mut lists: Vec<ListVersion> = lists.into_iter().collect();
        lists.sort();
        // The word tables are built here rather than at the first text screened.
        crate::lexicon::warm_up();
        Gazetteer { words, phonetic, pairs, lists }
    }

    /// How `folded` (a word folded by `embargo_names::normalize`, or a romanisation) occurs in
    /// the listed names; `None` when no listed name holds it.
    pub fn word(&self, folded: &str) -> Option<WordStats> {
        self.words.get(folded).copied()
    }

    /// How many listed parties hold a word whose phonetic code is `code`.
    pub fn phonetic_holders(&self, code: &str) -> u32 {
        self.phonetic.get(code).copied().unwrap_or(0)
    }

    /// Whether some listed name holds two words sounding like `a` and `b` (phonetic codes, as
    /// `embargo_names::phonetic` gives them). A run of words of which no two are in one listed
    /// name cannot score as a name of several words, and is not screened as one.
    pub fn pair(&self, a: &str, b: &str) -> bool {
        self.pairs.contains(&pair_key(a, b))
    }

    /// The lists (and versions) of the index.
    pub fn lists(&self) -> &[ListVersion] {
        &self.lists
    }

    /// Distinct words counted.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Whether no word was counted (an empty index).
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

/// Whether a token of an organisation's name distinguishes it (not a legal form, a common
/// organisation word, a particle or a number).
pub(crate) fn is_distinctive(role: TokenRole) -> bool {
    matches!(role, TokenRole::Core | TokenRole::Name | TokenRole::Family)
}

/// The words of a listed name paired, at most (the longest names are addresses of
/// organisations; their first words are what a text writes).
const MAX_PAIRED_WORDS: usize = 8;

fn pair_key(a: &str, b: &str) -> u64 {
    use std::hash::BuildHasher;
    let pair = if a <= b { (a, b) } else { (b, a) };
    foldhash::fast::FixedState::with_seed(11).hash_one(pair)
}

fn party_key(texts: &[&str]) -> u64 {
    use std::hash::BuildHasher;
    foldhash::fast::FixedState::with_seed(7).hash_one(texts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use embargo_model::{Entity, Name, NameRole};

    fn entity(list: &str, id: &str, kind: EntityKind, names: &[&str]) -> Entity {
        let mut e = Entity::new(list, id, kind);
        for (i, n) in names.iter().enumerate() {
            e.names.push(Name::new(*n, if i == 0 { NameRole::Primary } else { NameRole::StrongAlias }));
        }
        e
    }

    #[test]
    fn words_are_counted_once_per_party_with_their_roles() {
        let index = Index::build(vec![
            entity("ofac-sdn", "1", EntityKind::Person, &["PUTIN, Vladimir", "Vladimir Vladimirovich PUTIN"]),
            entity("uk-ofsi", "2", EntityKind::Person, &["Vladimir PUTIN"]),
            entity("ofac-sdn", "3", EntityKind::Organization, &["ALABUGA MACHINERY LLC"]),
            entity("un", "4", EntityKind::Person, &["محمد باقری"]),
        ]);
        let g = Gazetteer::build(&index);
        let putin = g.word("putin").unwrap();
        assert_eq!(putin.holders, 1, "two lists, one party");
        assert!(putin.family >= 2 && !putin.mostly_given());
        assert!(g.word("vladimir").unwrap().mostly_given());
        assert_eq!(g.word("alabuga").unwrap().core, 1);
        assert_eq!(g.word("alabuga").unwrap().alone, 1, "MACHINERY is a common organisation word");
        assert!(g.word(&embargo_names::normalize("باقری")).is_some(), "the written form is kept");
        assert_eq!(g.lists().len(), 3);
        let (vladimir, putin) = (embargo_names::phonetic("vladimir"), embargo_names::phonetic("putin"));
        assert!(g.pair(&putin, &vladimir) && !g.pair(&putin, &embargo_names::phonetic("alabuga")));
    }

    #[test]
    fn goods_items_in_the_same_index_are_no_parties() {
        use embargo_model::{Goods, GoodsScheme};
        let goods = Goods { scheme: GoodsScheme::Hs, code: "854231".into(), category: Some("Tier 1".into()) };
        let index = Index::build(vec![
            Entity::goods("chpl", goods, "Zenith Processors and controllers"),
            entity("un", "1", EntityKind::Organization, &["ALABUGA MACHINERY LLC"]),
        ]);
        let g = Gazetteer::build(&index);
        assert!(g.word("zenith").is_none(), "a goods description holds no listed name");
        assert_eq!(g.lists().iter().map(|l| l.list.as_str()).collect::<Vec<_>>(), ["un"]);
        let screener = crate::TextScreener::new(&index, &g);
        let found = screener
            .screen_text(
                "Zenith Processors Ltd and Alabuga Machinery signed.",
                &crate::TextOptions::default(),
            )
            .unwrap();
        let ids: Vec<&str> =
            found.mentions.iter().flat_map(|m| &m.hits).map(|h| h.entity_id.as_str()).collect();
        assert_eq!(ids, ["un:1"]);
    }
}
