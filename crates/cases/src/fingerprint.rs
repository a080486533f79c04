//! Fingerprints of what matching reads, so that a cleared pair stays cleared while neither
//! side changed, and alerts again when one did.
//!
//! A fingerprint is one short hash per *field group*. For a listed entity: `kind`, `gender`,
//! `names`, `birth_dates`, `birth_places`, `nationalities` (with citizenships), `countries`,
//! `identifiers`, `addresses`, `programs`. For a subject: `kind`, `names`, `birth_dates`,
//! `countries`, `identifiers`. Remarks, titles, positions, relations, listing dates and the
//! publisher's extra fields are left out: lists edit them often, and they do not decide
//! whether a customer is the listed party.
//!
//! Values are normalised before hashing so that cosmetic edits do not count: case,
//! punctuation and spacing are folded away, the words of a name are sorted (`AGHAJANI, Saeed`
//! = `Saeed Aghajani`), the values of a group are sorted and deduplicated (order does not
//! count), dates are compared as read (`12/03/1960` = `1960-03-12`), countries by ISO code
//! (`Iran (Islamic Republic of)` = `IR`) and identifiers by their letters and digits.
//!
//! Group hashes keep which group changed: a `re_review` alert says "names, identifiers
//! changed" without the old entity at hand. Subject fingerprints are keyed with a secret of
//! the installation, because a plain hash of a customer's name could be checked against a
//! guess; entity fingerprints are plain (listed entries are public), so callers compute them
//! with [`Fingerprint::of_entity`].
//!
//! ```
//! use embargo_cases::Fingerprint;
//! use embargo_model::{Entity, EntityKind, Name, NameRole};
//!
//! let mut a = Entity::new("un", "IRi.003", EntityKind::Person);
//! a.names.push(Name::new("AGHAJANI, Saeed", NameRole::Primary));
//! let mut b = a.clone();
//! b.names[0].full = "Saeed  Aghajani".into();
//! assert_eq!(Fingerprint::of_entity(&a), Fingerprint::of_entity(&b));
//! b.names.push(Name::new("Saeed AQA JANI", NameRole::StrongAlias));
//! assert_eq!(Fingerprint::of_entity(&a).changed_fields(&Fingerprint::of_entity(&b)), ["names"]);
//! ```

use crate::model::Subject;
use embargo_model::{country, normalize_identifier, Country, DateSpec, Entity, IdKind};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// One hash per field group (16 hex digits: 64 bits, ample to tell an edit of one entry).
/// Shared behind an `Arc`: a batch run hands the fingerprint of an entity to every hit on
/// it, and copying the map per hit cost a batch run a twentieth of its recording time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Fingerprint {
    fields: Arc<BTreeMap<String, String>>,
}

impl Fingerprint {
    /// The fingerprint of a listed entity's matching fields.
    pub fn of_entity(entity: &Entity) -> Fingerprint {
        let countries = |list: &mut dyn Iterator<Item = &Country>| list.map(country_key).collect::<Vec<_>>();
        let addresses = |list: &[embargo_model::Address]| {
            list.iter()
                .map(|a| {
                    format!(
                        "{}|{}",
                        fold_words(&a.full, false),
                        a.country.as_ref().map(country_key).unwrap_or_default()
                    )
                })
                .collect::<Vec<_>>()
        };
        let groups: [(&str, Vec<String>); 10] = [
            ("kind", vec![entity.kind.as_str().to_owned()]),
            ("gender", entity.gender.map(|g| format!("{g:?}").to_lowercase()).into_iter().collect()),
            ("names", entity.names.iter().map(|n| fold_words(&n.full, true)).collect()),
            ("birth_dates", entity.birth_dates.iter().map(date_key).collect()),
            ("birth_places", addresses(&entity.birth_places)),
            ("nationalities", countries(&mut entity.nationalities.iter().chain(&entity.citizenships))),
            ("countries", countries(&mut entity.countries.iter())),
            (
                "identifiers",
                entity
                    .identifiers
                    .iter()
                    .map(|i| format!("{}:{}", id_kind_key(&i.kind), normalize_identifier(&i.value)))
                    .collect(),
            ),
            ("addresses", addresses(&entity.addresses)),
            ("programs", entity.programs.iter().map(|p| fold_words(&p.name, false)).collect()),
        ];
        Fingerprint::from_groups(None, groups)
    }

    /// The fingerprint of a subject's screened data, keyed with `key`.
    pub(crate) fn of_subject(subject: &Subject, key: &[u8; 32]) -> Fingerprint {
        let groups: [(&str, Vec<String>); 5] = [
            ("kind", subject.kind.map(|k| k.as_str().to_owned()).into_iter().collect()),
            ("names", subject.names.iter().map(|n| fold_words(n, true)).collect()),
            ("birth_dates", subject.birth_dates.iter().map(|d| date_key(&DateSpec::parse(d))).collect()),
            (
                "countries",
                subject
                    .countries
                    .iter()
                    .map(|c| country::resolve(c).map_or_else(|| fold_words(c, false), str::to_owned))
                    .collect(),
            ),
            ("identifiers", subject.identifiers.iter().map(|i| normalize_identifier(i)).collect()),
        ];
        Fingerprint::from_groups(Some(key), groups)
    }

    fn from_groups<const N: usize>(key: Option<&[u8; 32]>, groups: [(&str, Vec<String>); N]) -> Fingerprint {
        let mut fields = BTreeMap::new();
        for (group, values) in groups {
            let values: BTreeSet<String> = values.into_iter().filter(|v| !v.is_empty()).collect();
            let mut h = Sha256::new();
            if let Some(key) = key {
                // A prefix-keyed hash: only equality of two values is ever read from it.
                h.update(key);
            }
            h.update(group.as_bytes());
            for v in &values {
                h.update([0u8]);
                h.update(v.as_bytes());
            }
            fields.insert(group.to_owned(), crate::audit::to_hex(&h.finalize()[..8]));
        }
        Fingerprint { fields: Arc::new(fields) }
    }

    /// The hash of each field group.
    pub fn fields(&self) -> &BTreeMap<String, String> {
        &self.fields
    }

    /// The field groups whose hashes differ (or that one side lacks), sorted.
    pub fn changed_fields(&self, other: &Fingerprint) -> Vec<String> {
        let groups: BTreeSet<&String> = self.fields.keys().chain(other.fields.keys()).collect();
        groups.into_iter().filter(|g| self.fields.get(*g) != other.fields.get(*g)).cloned().collect()
    }
}

/// The content hash of an entity as listed: sha256 of its JSON with the list version cleared,
/// hex, which is the hash under which the list store keeps the entity's body
/// (`embargo-store`'s `entity_bodies.hash`), so the exact record can be fetched back.
pub fn content_hash(entity: &Entity) -> String {
    let mut e = entity.clone();
    e.provenance.list_version.clear();
    // An entity is plain data: it always serialises.
    let body = serde_json::to_vec(&e).unwrap_or_default();
    crate::audit::to_hex(&Sha256::digest(&body))
}

/// Lower case, letters and digits only, words separated by one space; `sort` puts the words
/// in order (for names, whose word order lists vary).
fn fold_words(text: &str, sort: bool) -> String {
    let lower = text.to_lowercase();
    let mut words: Vec<&str> =
        lower.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    if sort {
        words.sort_unstable();
    }
    words.join(" ")
}

fn date_key(date: &DateSpec) -> String {
    match (date.from, date.to) {
        (Some(from), Some(to)) => format!("{from}..{to}{}", if date.approximate { "~" } else { "" }),
        (Some(from), None) => format!("{from}{}", if date.approximate { "~" } else { "" }),
        _ => format!("raw:{}", fold_words(&date.raw, false)),
    }
}

fn country_key(c: &Country) -> String {
    c.code.clone().unwrap_or_else(|| fold_words(&c.name, false))
}

fn id_kind_key(kind: &IdKind) -> String {
    match kind {
        IdKind::Other(label) => format!("other {}", fold_words(label, false)),
        known => serde_json::to_string(known).unwrap_or_default().trim_matches('"').to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use embargo_model::{Identifier, Name, NameRole};
    use embargo_testkit::person;

    #[test]
    fn cosmetic_edits_keep_the_fingerprint() {
        let a = person("un", "IRi.003", "AGHAJANI, Saeed")
            .alias("Saeed Aqa Jani")
            .dob("1964-03-12")
            .country("Iran (Islamic Republic of)")
            .id(IdKind::Passport, "D 9003517")
            .build();
        let mut b = person("un", "IRi.003", "saeed  aghajani")
            .alias("SAEED AQA-JANI")
            .dob("12/03/1960")
            .country("IR")
            .id(IdKind::Passport, "d9003517")
            .build();
        b.names.reverse();
        b.remarks.push("a new remark".into());
        let (fa, fb) = (Fingerprint::of_entity(&a), Fingerprint::of_entity(&b));
        assert_eq!(fa.changed_fields(&fb), ["birth_dates"], "only the year 1964 → 1960 is a real change");
        b.birth_dates = a.birth_dates.clone();
        assert_eq!(Fingerprint::of_entity(&b), fa);
    }

    #[test]
    fn real_changes_name_their_group() {
        let a = person("ofac-sdn", "1", "ZALA AERO").build();
        let mut b = a.clone();
        b.identifiers.push(Identifier::new(IdKind::TaxId, "7705012345"));
        b.names.push(Name::new("ZALA AERO GROUP", NameRole::StrongAlias));
        b.programs.push(embargo_model::Program::new("RUSSIA-EO14024"));
        let changed = Fingerprint::of_entity(&a).changed_fields(&Fingerprint::of_entity(&b));
        assert_eq!(changed, ["identifiers", "names", "programs"]);
    }

    #[test]
    fn subject_fingerprints_are_keyed() {
        let s = Subject { id: "C1".into(), names: vec!["Saeed Aghajani".into()], ..Subject::default() };
        let (k1, k2) = ([1u8; 32], [2u8; 32]);
        assert_eq!(Fingerprint::of_subject(&s, &k1), Fingerprint::of_subject(&s, &k1));
        assert_ne!(Fingerprint::of_subject(&s, &k1), Fingerprint::of_subject(&s, &k2));
        let mut t = s.clone();
        t.names = vec!["AGHAJANI,  saeed".into()];
        t.tags = vec!["customer".into()];
        assert_eq!(Fingerprint::of_subject(&s, &k1), Fingerprint::of_subject(&t, &k1));
    }
}
