//! The FCDO UK Sanctions List XML reader, on a hand-written fixture (no real file available),
//! and on broken input.

use embargo_model::{Entity, EntityKind, Gender, IdKind, NameRole, PartialDate};
use embargo_readers::{uk_fcdo::UkFcdoReader, Location, ReadError, ReadReport};
use proptest::prelude::*;
use std::path::{Path, PathBuf};

mod common;

fn fixture() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/uk_fcdo/UK_Sanctions_List.xml"))
}

fn read_file(path: &Path) -> Result<(Vec<Entity>, ReadReport), ReadError> {
    common::read_file(&UkFcdoReader, path)
}

fn read_bytes(bytes: &[u8]) -> Result<Vec<Entity>, ReadError> {
    common::read_bytes(&UkFcdoReader, "input.xml", bytes).map(|(e, _)| e)
}

fn fixture_list() -> (Vec<Entity>, ReadReport) {
    read_file(&fixture()).expect("the fixture reads")
}

#[test]
fn fixture_reads_every_designation_with_its_kind() {
    let (entities, report) = fixture_list();
    assert_eq!(report.list, "uk-fcdo");
    assert_eq!(entities.len(), 4);
    assert_eq!(report.publication_date, PartialDate::new(2026, Some(4), Some(29)));
    let kinds: Vec<EntityKind> = entities.iter().map(|e| e.kind).collect();
    assert_eq!(kinds, [EntityKind::Person, EntityKind::Organization, EntityKind::Vessel, EntityKind::Person]);
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
}

#[test]
fn individual_keeps_names_scripts_dates_documents_and_references() {
    let (entities, _) = fixture_list();
    let e = &entities[0];
    assert_eq!(e.id, "uk-fcdo:RUS1653");
    assert_eq!(e.caption(), "Saeed AGHAJANI");
    assert_eq!(e.names[0].parts.len(), 2);
    assert_eq!(e.names[1].role, NameRole::StrongAlias);
    assert_eq!(e.names[2].role, NameRole::WeakAlias);
    let persian = &e.names[3];
    assert_eq!(persian.full, "سعید آقاجانی");
    assert_eq!(persian.script.as_deref(), Some("Arab"));
    assert_eq!(persian.lang.as_deref(), Some("Farsi"));
    assert_eq!(e.provenance.references.get("ofsi_group_id").map(String::as_str), Some("15605"));
    assert!(!e.provenance.references.contains_key("un_reference"));
    assert_eq!(e.birth_dates[0].from, Some(PartialDate::year(1964)));
    assert_eq!(e.birth_places[0].city.as_deref(), Some("Tehran"));
    assert_eq!(e.nationalities[0].code.as_deref(), Some("IR"));
    assert_eq!(e.gender, Some(Gender::Male));
    assert_eq!(e.listed_on, PartialDate::new(2022, Some(10), Some(20)));
    assert_eq!(e.programs[0].name, "The Russia (Sanctions) (EU Exit) Regulations 2019");
    assert_eq!(e.identifiers[0].kind, IdKind::Passport);
    assert_eq!(e.identifiers[0].value, "F12345678");
    assert_eq!(e.identifiers[1].kind, IdKind::NationalId);
    assert_eq!(e.positions, ["Commander of the IRGC Aerospace Force UAV Command"]);
    assert_eq!(e.extra["Sanctions imposed"], ["Asset freeze|Travel Ban"]);
    assert!(e.remarks[0].contains("UAV Command"));
}

#[test]
fn entity_and_ship_keep_their_details() {
    let (entities, _) = fixture_list();
    let company = &entities[1];
    assert_eq!(company.names[2].full, "АО \"ПРИМЕР АЭРО\"");
    assert_eq!(company.names[2].script.as_deref(), Some("Cyrl"));
    assert!(company.identifiers.iter().any(|i| i.kind == IdKind::Registration && i.value == "1027700000000"));
    assert!(company.identifiers.iter().any(|i| i.kind == IdKind::Email));
    assert_eq!(company.addresses[0].postal_code.as_deref(), Some("125167"));
    assert_eq!(company.addresses[0].country.as_ref().and_then(|c| c.code.as_deref()), Some("RU"));
    assert!(company.names[0].parts.is_empty());

    let ship = &entities[2];
    assert_eq!(ship.names[1].role, NameRole::FormerName);
    assert_eq!(ship.identifiers[0].kind, IdKind::Imo);
    assert_eq!(ship.extra["Type of ship"], ["Crude Oil Tanker"]);
    assert_eq!(ship.extra["Previous flag"], ["Liberia"]);

    let un = &entities[3];
    assert_eq!(un.provenance.references.get("un_reference").map(String::as_str), Some("QDi.011"));
    assert_eq!(un.birth_dates[0].from, PartialDate::new(1951, Some(6), Some(19)));
    assert_eq!(un.titles, ["Dr"]);
}

#[test]
fn wrong_root_truncation_and_missing_id_are_refused() {
    let err = read_bytes(b"<CONSOLIDATED_LIST></CONSOLIDATED_LIST>").unwrap_err();
    assert!(err.expected.contains("Designations"), "{err}");
    let data = std::fs::read(fixture()).unwrap();
    let err = read_bytes(&data[..data.len() / 2]).unwrap_err();
    assert!(matches!(err.location, Location::Byte(_)), "{err}");
    let err = read_bytes(b"<Designations><Designation><Names/></Designation></Designations>").unwrap_err();
    assert!(err.expected.contains("UniqueID"), "{err}");
    assert!(read_bytes(b"").is_err());
    assert!(read_bytes(&[0xFF, 0x00, 0x12]).is_err());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn mutated_fixture_never_panics(
        flips in proptest::collection::vec((0usize..1_000_000, any::<u8>()), 0..8),
        cut in 0usize..1_000_000,
    ) {
        let mut data = std::fs::read(fixture()).unwrap();
        data.truncate(cut % (data.len() + 1));
        let len = data.len();
        if len > 0 {
            for (at, byte) in flips {
                data[at % len] = byte;
            }
        }
        let _ = read_bytes(&data);
    }
}
