//! Parties: the listings of one real-world party grouped, so that the same person listed by
//! OFAC, the UN and the UK comes back as one party with its listings.
//!
//! Two entities are one party when (union-find over the entities, built with the index):
//!
//! - **the lists say so**: an entity's own id and the references its publisher gives to other
//!   lists' records, read in one numbering each: OFAC entry numbers (`ofac-sdn:31126` of 2024
//!   and `ofac-sdn-2026:31126` are one entry in two editions; `ofac-cons:17013` moved to the
//!   SDN list keeps its number), UN reference numbers (`un:QDi.028`, and the `un_reference`
//!   of a UK entry), UK sanctions list references, OFSI group ids, EU logical ids,
//!   OpenSanctions ids;
//! - **a strong identifier is shared** by two entities of one kind: a passport, national id,
//!   tax or registration number, LEI, IMO number, aircraft serial or SWIFT/BIC code (at least
//!   six letters and digits; e-mail addresses, telephones, web sites and wallets are shared by
//!   parties that are not one, and are left out);
//! - **the same person by name and birth**: two people whose names are written and analysed
//!   alike and who were born on the same day.
//!
//! An identifier, or a name and birth day, that one list gives to two of its records links
//! nothing: the publisher says they are two parties (the UN lists AGHAJANI and TABATABAEI with
//! the same two passports).
//!
//! A party is known by the smallest id of its entities ([`crate::Hit::party_id`]), stable as
//! long as that listing stays.

use super::{Index, ListedName};
use crate::attributes::AttributeTable;
use embargo_model::{normalize_identifier, Entity, EntityKind, IdKind};
use std::collections::HashMap;
use std::sync::Arc;

/// The numbering an id of a list's records belongs to, by list id: records of lists that
/// share a numbering and an id are one record.
fn numbering_of_list(list: &str) -> Option<&'static str> {
    Some(match list {
        l if l.starts_with("ofac") => "ofac",
        "un" => "un",
        "uk-fcdo" => "uk",
        "uk-ofsi" => "ofsi",
        l if l.starts_with("eu") => "eu",
        "opensanctions" => "ftm",
        _ => return None,
    })
}

/// The numbering of a reference a publisher gives, by its name in `Provenance::references`.
fn numbering_of_reference(name: &str) -> Option<&'static str> {
    Some(match name {
        "ofac_ent_num" | "ofac_uid" | "ofac_profile_id" => "ofac",
        "un_reference" => "un",
        "uk_sanctions_list_ref" => "uk",
        "ofsi_group_id" => "ofsi",
        "eu_logical_id" => "eu",
        "ftm_id" => "ftm",
        _ => return None,
    })
}

/// Identifiers that name one party only (see the module docs), by a stable label.
fn strong_identifier(kind: &IdKind) -> Option<&'static str> {
    Some(match kind {
        IdKind::Passport => "passport",
        IdKind::NationalId => "national-id",
        IdKind::TaxId => "tax-id",
        IdKind::Registration => "registration",
        IdKind::Lei => "lei",
        IdKind::Imo => "imo",
        IdKind::AircraftSerial => "aircraft-serial",
        IdKind::SwiftBic => "swift-bic",
        _ => return None,
    })
}

/// Identifier values shorter than this (letters and digits) are not taken to name one party.
const MIN_STRONG_IDENTIFIER_LEN: usize = 6;

/// Disjoint sets of entity positions, by union by size with path halving.
struct UnionFind {
    parent: Vec<u32>,
    size: Vec<u32>,
}

impl UnionFind {
    fn new(n: usize) -> UnionFind {
        UnionFind { parent: (0..n as u32).collect(), size: vec![1; n] }
    }

    fn find(&mut self, mut x: u32) -> u32 {
        while self.parent[x as usize] != x {
            let grandparent = self.parent[self.parent[x as usize] as usize];
            self.parent[x as usize] = grandparent;
            x = grandparent;
        }
        x
    }

    fn union(&mut self, x: u32, y: u32) {
        let (mut x, mut y) = (self.find(x), self.find(y));
        if x == y {
            return;
        }
        if self.size[x as usize] < self.size[y as usize] {
            std::mem::swap(&mut x, &mut y);
        }
        self.parent[y as usize] = x;
        self.size[x as usize] += self.size[y as usize];
    }
}

/// The parties of an index: per entity, the party it belongs to, and each party's entities.
#[derive(Debug, Default)]
pub(super) struct Parties {
    /// Per entity position, the position of its party's representative (the entity of the
    /// party with the smallest id).
    party_of: Vec<u32>,
    /// Entity positions ordered by party representative, then by id: a party's entities are
    /// one run.
    members: Vec<u32>,
}

/// Whether two entities of these kinds can be one party (an unknown kind can be anything).
fn kinds_agree(a: EntityKind, b: EntityKind) -> bool {
    a == b || a == EntityKind::Unknown || b == EntityKind::Unknown
}

impl Parties {
    /// Links the entities into parties; `name_groups` gives, per listed name, the first name of
    /// its group of names written and analysed alike.
    pub(super) fn build(
        entities: &[Arc<Entity>],
        names: &[ListedName],
        name_groups: &[u32],
        attributes: &AttributeTable,
    ) -> Parties {
        let mut sets = UnionFind::new(entities.len());
        let mut first: HashMap<(&'static str, String), u32> = HashMap::new();
        // Entities by strong identifier, and people by name group and birth day.
        let mut identified: HashMap<(&'static str, String), Vec<u32>> = HashMap::new();
        let mut born: HashMap<(u32, u32), Vec<u32>> = HashMap::new();
        for (i, e) in entities.iter().enumerate() {
            let i = i as u32;
            let own = numbering_of_list(&e.provenance.list).map(|n| (n, e.provenance.source_id.clone()));
            let referenced = e.provenance.references.iter().filter_map(|(name, value)| {
                numbering_of_reference(name).map(|n| (n, value.trim().to_owned()))
            });
            for key in own.into_iter().chain(referenced).filter(|(_, v)| !v.is_empty()) {
                let other = *first.entry(key).or_insert(i);
                if kinds_agree(entities[other as usize].kind, e.kind) {
                    sets.union(other, i);
                }
            }
            for id in &e.identifiers {
                let Some(label) = strong_identifier(&id.kind) else { continue };
                let mut value = normalize_identifier(&id.value);
                if id.kind == IdKind::Imo {
                    // "IMO 9116412" and "9116412" are one number.
                    value.retain(|c| c.is_ascii_digit());
                }
                if value.chars().count() >= MIN_STRONG_IDENTIFIER_LEN {
                    identified.entry((label, value)).or_default().push(i);
                }
            }
        }
        for (n, name) in names.iter().enumerate() {
            if entities[name.entity as usize].kind == EntityKind::Person {
                for day in attributes.birth_days(name.entity) {
                    born.entry((name_groups[n], day)).or_default().push(name.entity);
                }
            }
        }
        for mut holders in identified.into_values().chain(born.into_values()) {
            holders.sort_unstable();
            holders.dedup();
            let lists: std::collections::HashSet<&str> =
                holders.iter().map(|&h| entities[h as usize].provenance.list.as_str()).collect();
            if lists.len() < holders.len() {
                continue;
            }
            for &h in &holders[1..] {
                if kinds_agree(entities[holders[0] as usize].kind, entities[h as usize].kind) {
                    sets.union(holders[0], h);
                }
            }
        }
        let roots: Vec<u32> = (0..entities.len() as u32).map(|i| sets.find(i)).collect();
        // The representative of each set: its entity with the smallest id.
        let mut representative: HashMap<u32, u32> = HashMap::new();
        for (i, &root) in roots.iter().enumerate() {
            let slot = representative.entry(root).or_insert(i as u32);
            if entities[i].id < entities[*slot as usize].id {
                *slot = i as u32;
            }
        }
        let party_of: Vec<u32> = roots.iter().map(|root| representative[root]).collect();
        let mut members: Vec<u32> = (0..entities.len() as u32).collect();
        members.sort_unstable_by(|&x, &y| {
            let (px, py) = (party_of[x as usize], party_of[y as usize]);
            entities[px as usize]
                .id
                .cmp(&entities[py as usize].id)
                .then_with(|| entities[x as usize].id.cmp(&entities[y as usize].id))
        });
        Parties { party_of, members }
    }

    /// The position of the representative of entity `e`'s party.
    pub(super) fn representative(&self, e: u32) -> u32 {
        self.party_of[e as usize]
    }

    pub(super) fn heap_bytes(&self) -> usize {
        (self.party_of.len() + self.members.len()) * 4
    }
}

impl Index {
    /// The id of the party of the entity `id` (see [`crate::Hit::party_id`]): the smallest id
    /// among the listings of that real-world party. `None` for an id that is not indexed.
    pub fn party_id(&self, id: &str) -> Option<&str> {
        let e = self.position(id)?;
        Some(&self.entities[self.parties.representative(e) as usize].id)
    }

    /// Every listing of the real-world party of the entity `id` (that entity included; a party
    /// id is the id of one of them), by id. Empty for an id that is not indexed.
    ///
    /// ```
    /// use embargo_matcher::Index;
    /// use embargo_model::{Entity, EntityKind, Name, NameRole};
    ///
    /// let mut un = Entity::new("un", "QDi.028", EntityKind::Person);
    /// un.names.push(Name::new("Ahmed ALI", NameRole::Primary));
    /// let mut uk = Entity::new("uk-ofsi", "6925", EntityKind::Person);
    /// uk.names.push(Name::new("Ahmed ALI", NameRole::Primary));
    /// uk.provenance.references.insert("un_reference".into(), "QDi.028".into());
    /// let index = Index::build(vec![un, uk]);
    /// let ids: Vec<&str> = index.party("un:QDi.028").iter().map(|e| e.id.as_str()).collect();
    /// assert_eq!(ids, ["uk-ofsi:6925", "un:QDi.028"]);
    /// assert_eq!(index.party_id("un:QDi.028"), Some("uk-ofsi:6925"));
    /// ```
    pub fn party(&self, id: &str) -> Vec<&Arc<Entity>> {
        let Some(e) = self.position(id) else { return Vec::new() };
        let representative = self.parties.representative(e);
        let party_key = |m: &u32| &self.entities[self.parties.representative(*m) as usize].id;
        let wanted = &self.entities[representative as usize].id;
        let start = self.parties.members.partition_point(|m| party_key(m) < wanted);
        self.parties.members[start..]
            .iter()
            .take_while(|&m| self.parties.representative(*m) == representative)
            .map(|&m| &self.entities[m as usize])
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use crate::{Index, Query, ScreenOptions};
    use embargo_model::IdKind;
    use embargo_testkit::{organization, person, vessel};

    fn party_ids(index: &Index, id: &str) -> Vec<String> {
        index.party(id).iter().map(|e| e.id.clone()).collect()
    }

    #[test]
    fn listings_linked_by_the_lists_references_are_one_party() {
        let mut uk = person("uk-ofsi", "6925", "Ahmed A").build();
        uk.provenance.references.insert("un_reference".into(), "QDi.028".into());
        let mut fcdo = person("uk-fcdo", "AQD0125", "Ahmed A").build();
        fcdo.provenance.references.insert("ofsi_group_id".into(), "6925".into());
        let index = Index::build(vec![
            person("un", "QDi.028", "Ahmed, A").build(),
            uk,
            fcdo,
            // One OFAC entry in two editions, and one moved from the consolidated list.
            person("ofac-sdn", "31126", "BORTNIKOV, Alexander Vasilievich").build(),
            person("ofac-sdn-2026", "31126", "BORTNIKOV, Alexander").build(),
            organization("ofac-cons", "17013", "OAO BANK VTB").build(),
            organization("ofac-sdn-2026", "17013", "VTB BANK PJSC").build(),
        ]);
        assert_eq!(party_ids(&index, "un:QDi.028"), ["uk-fcdo:AQD0125", "uk-ofsi:6925", "un:QDi.028"]);
        assert_eq!(index.party_id("uk-ofsi:6925"), Some("uk-fcdo:AQD0125"));
        assert_eq!(party_ids(&index, "ofac-sdn-2026:31126"), ["ofac-sdn-2026:31126", "ofac-sdn:31126"]);
        assert_eq!(party_ids(&index, "ofac-sdn-2026:17013"), ["ofac-cons:17013", "ofac-sdn-2026:17013"]);
        assert!(index.party("un:nothing").is_empty());
        // Hits carry the party.
        let hits = index.screen(&Query::name("Ahmed A"), &ScreenOptions::default());
        assert!(!hits.is_empty() && hits.iter().all(|h| h.party_id == "uk-fcdo:AQD0125"), "{hits:?}");
    }

    #[test]
    fn a_shared_strong_identifier_makes_one_party_of_one_kind() {
        let index = Index::build(vec![
            vessel("ofac-sdn", "1", "ADRIAN DARYA 1").id(IdKind::Imo, "IMO 9116412").build(),
            vessel("uk-ofsi", "2", "GRACE 1").id(IdKind::Imo, "9116412").build(),
            // A person with the same digits as a passport, and a short shared number: no link.
            person("un", "3", "John SMITH").id(IdKind::Passport, "9116412").build(),
            person("un", "4", "Jane DOE").id(IdKind::Passport, "A123").build(),
            person("un", "5", "Jim ROE").id(IdKind::Passport, "A123").build(),
            // A shared telephone is no link.
            organization("ofac-sdn", "6", "ALPHA LLC").id(IdKind::Phone, "+7 495 123 45 67").build(),
            organization("ofac-sdn", "7", "BETA LLC").id(IdKind::Phone, "+7 495 123 45 67").build(),
        ]);
        assert_eq!(party_ids(&index, "uk-ofsi:2"), ["ofac-sdn:1", "uk-ofsi:2"]);
        for alone in ["un:3", "un:4", "un:5", "ofac-sdn:6", "ofac-sdn:7"] {
            assert_eq!(party_ids(&index, alone), [alone]);
        }
    }

    /// Regression: the UN lists AGHAJANI and TABATABAEI with the same two passports, which
    /// made one party of them and, through the UK's references, of a third person.
    #[test]
    fn an_identifier_one_list_gives_to_two_records_links_nothing() {
        let index = Index::build(vec![
            person("un", "IRi.003", "AZIM AGHAJANI").id(IdKind::Passport, "6620505").build(),
            person("un", "IRi.041", "ALI AKBAR TABATABAEI").id(IdKind::Passport, "6620505").build(),
            person("ofac-sdn", "13106", "TABATABAEI, Sayyid Ali Akbar")
                .id(IdKind::Passport, "6620505")
                .build(),
        ]);
        for alone in ["un:IRi.003", "un:IRi.041", "ofac-sdn:13106"] {
            assert_eq!(party_ids(&index, alone), [alone]);
        }
    }

    #[test]
    fn a_person_named_alike_and_born_the_same_day_is_one_party() {
        let index = Index::build(vec![
            person("ofac-sdn", "1", "Qasem SOLEIMANI").dob("1957-03-11").build(),
            person("uk-ofsi", "2", "Qasem SOLEIMANI").dob("1957-03-11").dob("1955").build(),
            // Another day, or only a year: not shown to be the same person.
            person("un", "3", "Qasem SOLEIMANI").dob("1957-03-12").build(),
            person("eu", "4", "Qasem SOLEIMANI").dob("1957").build(),
        ]);
        assert_eq!(party_ids(&index, "ofac-sdn:1"), ["ofac-sdn:1", "uk-ofsi:2"]);
        assert_eq!(party_ids(&index, "un:3"), ["un:3"]);
        assert_eq!(party_ids(&index, "eu:4"), ["eu:4"]);
    }
}
