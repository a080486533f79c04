//! What OFAC's three formats (legacy CSV, `sdn.xml`, `sdn_advanced.xml`) share: list ids, the
//! remarks parser, programme and name conventions.

pub(crate) mod remarks;

use embargo_model::{EntityKind, NamePart, NamePartKind, Program, Relation};
use std::collections::HashMap;

pub(crate) const PUBLISHER: &str = "US Treasury OFAC";
pub(crate) const SDN_LIST: &str = "ofac-sdn";
pub(crate) const CONS_LIST: &str = "ofac-cons";

/// The list of an OFAC file by its (upper-cased) name: OFAC names the Consolidated list's
/// files `CONS_*.CSV`, `consolidated.xml` and `cons_advanced.xml`, the SDN's `SDN*`.
pub(crate) fn list_of_file_name(upper_name: &str) -> &'static str {
    if upper_name.starts_with("CONS") {
        CONS_LIST
    } else {
        SDN_LIST
    }
}

/// The primary names of a file, upper-cased, to the publisher id of their entry; `None` for a
/// name that two entries share, which resolves to neither.
#[derive(Default)]
pub(crate) struct PrimaryNames(HashMap<String, Option<String>>);

impl PrimaryNames {
    pub fn insert(&mut self, name: &str, source_id: &str) {
        self.0
            .entry(name.to_uppercase())
            .and_modify(|id| *id = None)
            .or_insert_with(|| Some(source_id.to_owned()));
    }

    /// Points `relation` at the one entry named like its target. A name that ends a remark lost
    /// its period to the remark's closing one ("Linked To: X CO., LTD."), so the name with a
    /// period restored is tried too, and kept when it is the one that resolves.
    pub fn resolve(&self, relation: &mut Relation, list: &str) {
        let key = relation.target_name.to_uppercase();
        let mut found = self.0.get(&key).cloned().flatten();
        if found.is_none() {
            found = self.0.get(&format!("{key}.")).cloned().flatten();
            if found.is_some() {
                relation.target_name.push('.');
            }
        }
        relation.target_id = found.map(|id| embargo_model::entity_id(list, &id));
    }
}

/// OFAC's entry types: `individual`, `vessel`, `aircraft`, and `-0-` (empty) or `Entity` for
/// organisations.
pub(crate) fn kind_of(sdn_type: &str) -> Option<EntityKind> {
    match sdn_type.trim().to_ascii_lowercase().as_str() {
        "individual" => Some(EntityKind::Person),
        "" | "entity" => Some(EntityKind::Organization),
        "vessel" => Some(EntityKind::Vessel),
        "aircraft" => Some(EntityKind::Aircraft),
        _ => None,
    }
}

/// "SDGT] [IRGC" (the legacy CSV joins programmes with `] [`) → `SDGT`, `IRGC`.
pub(crate) fn programs(text: &str) -> Vec<Program> {
    text.split("] [")
        .map(|p| p.trim().trim_matches(['[', ']']).trim())
        .filter(|p| !p.is_empty())
        .map(Program::new)
        .collect()
}

/// OFAC writes individuals "LAST, First Middle": one comma splits family from given names.
/// Names without exactly one comma are not split.
pub(crate) fn name_parts(full: &str) -> Vec<NamePart> {
    let mut halves = full.split(',');
    match (halves.next(), halves.next(), halves.next()) {
        (Some(family), Some(given), None) if !family.trim().is_empty() && !given.trim().is_empty() => vec![
            NamePart { kind: NamePartKind::Family, value: family.trim().to_owned() },
            NamePart { kind: NamePartKind::Given, value: given.trim().to_owned() },
        ],
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joined_programs_split() {
        let p = programs("SDGT] [IRGC] [IFSR");
        assert_eq!(p.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), ["SDGT", "IRGC", "IFSR"]);
    }

    #[test]
    fn last_comma_first_names_split_into_parts() {
        let parts = name_parts("AGHAJANI, Saeed");
        assert_eq!(parts[0].value, "AGHAJANI");
        assert_eq!(parts[1].kind, NamePartKind::Given);
        assert!(name_parts("BANCO NACIONAL DE CUBA").is_empty());
        assert!(name_parts("A, B, C").is_empty());
    }
}
