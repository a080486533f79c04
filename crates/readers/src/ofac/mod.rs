//! What OFAC's three formats (legacy CSV, `sdn.xml`, `sdn_advanced.xml`) share: list ids, the
//! remarks parser, programme and name conventions.

pub(crate) mod remarks;
pub(crate) mod xml;

use embargo_model::{EntityKind, NamePart, NamePartKind, Program};

pub(crate) const PUBLISHER: &str = "US Treasury OFAC";
pub(crate) const SDN_LIST: &str = "ofac-sdn";
pub(crate) const CONS_LIST: &str = "ofac-cons";

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
