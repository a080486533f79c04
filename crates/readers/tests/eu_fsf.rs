//! The EU FSF XML 1.1 reader, on a fixture written against the XSD (no real file available),
//! and on broken input.

use embargo_model::{Entity, EntityKind, Gender, IdKind, NameRole, PartialDate};
use embargo_readers::{eu_fsf::EuFsfReader, Location, ReadError, ReadReport, MAX_FIELD_BYTES};
use proptest::prelude::*;
use std::path::{Path, PathBuf};

mod common;

fn fixture() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/eu/eu-fsf-1_1-sample.xml"))
}

fn read_file(path: &Path) -> Result<(Vec<Entity>, ReadReport), ReadError> {
    common::read_file(&EuFsfReader, path)
}

fn read_bytes(bytes: &[u8]) -> Result<Vec<Entity>, ReadError> {
    common::read_bytes(&EuFsfReader, "input.xml", bytes).map(|(e, _)| e)
}

fn fixture_list() -> (Vec<Entity>, ReadReport) {
    read_file(&fixture()).expect("the fixture reads")
}

#[test]
fn fixture_reads_every_sanction_entity() {
    let (entities, report) = fixture_list();
    assert_eq!(report.list, "eu-fsf");
    assert_eq!(report.publication_date, PartialDate::new(2026, Some(3), Some(2)));
    let ids: Vec<&str> = entities.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["eu-fsf:139001", "eu-fsf:13999", "eu-fsf:150001", "eu-fsf:160001"]);
    assert_eq!(report.kinds.get("person"), Some(&3));
    assert_eq!(report.kinds.get("organization"), Some(&1));
    assert!(report.warnings.is_empty());
}

#[test]
fn person_keeps_names_in_several_languages_and_circa_year() {
    let (entities, _) = fixture_list();
    let e = &entities[0];
    assert_eq!(e.provenance.references.get("eu_reference_number").map(String::as_str), Some("EU.7520.88"));
    assert_eq!(e.caption(), "Ivan Ivanovich PETROV");
    assert_eq!(e.names[0].parts.len(), 3);
    let russian = e.names.iter().find(|n| n.lang.as_deref() == Some("ru")).expect("a Russian name");
    assert_eq!(russian.full, "Иван Иванович ПЕТРОВ");
    assert_eq!(russian.script.as_deref(), Some("Cyrl"));
    assert_eq!(russian.role, NameRole::StrongAlias);
    assert!(e.names.iter().any(|n| n.lang.as_deref() == Some("de") && n.full == "Iwan Iwanowitsch PETROW"));
    assert_eq!(e.names.last().map(|n| n.role), Some(NameRole::WeakAlias));
    let dob = &e.birth_dates[0];
    assert_eq!(dob.from, Some(PartialDate::year(1964)));
    assert!(dob.approximate);
    assert_eq!(e.birth_places[0].city.as_deref(), Some("Leningrad"));
    assert_eq!(e.citizenships[0].code.as_deref(), Some("RU"));
    assert_eq!(e.gender, Some(Gender::Male));
    assert_eq!(e.positions, ["Deputy Minister of Defence"]);
    assert_eq!(e.listed_on, PartialDate::new(2022, Some(2), Some(28)));
    assert_eq!(e.programs[0].name, "UKR");
    assert!(e.programs[0].legal_basis.as_deref().unwrap_or("").contains("2022/336"));
    assert_eq!(e.identifiers[0].kind, IdKind::Passport);
    assert_eq!(e.identifiers[0].value, "751234567");
    assert!(e.identifiers[0].note.as_deref().unwrap_or("").contains("issued 2015-06-01"));
    assert_eq!(e.identifiers[1].kind, IdKind::TaxId);
    assert_eq!(e.addresses[0].postal_code.as_deref(), Some("119160"));
    assert_eq!(e.extra["Associated individuals"], ["Maria Sergeyevna PETROVA (spouse)"]);
    assert_eq!(e.remarks, ["Member of the board of a State-owned enterprise."]);
}

#[test]
fn un_reference_full_date_year_range_and_id_card() {
    let (entities, _) = fixture_list();
    let e = &entities[1];
    assert_eq!(e.provenance.references.get("un_reference").map(String::as_str), Some("QDi.999"));
    assert_eq!(e.names[1].script.as_deref(), Some("Arab"));
    assert_eq!(e.titles, ["Sheikh"]);
    assert_eq!(e.birth_dates[0].from, PartialDate::new(1966, Some(11), Some(14)));
    assert_eq!(e.birth_dates[1].from, Some(PartialDate::year(1964)));
    assert_eq!(e.birth_dates[1].to, Some(PartialDate::year(1966)));
    assert!(e.birth_places.is_empty(), "country 00 UNKNOWN is no place");
    let id = &e.identifiers[0];
    assert_eq!(id.kind, IdKind::NationalId);
    assert_eq!(id.country.as_ref().and_then(|c| c.code.as_deref()), Some("SA"));
    assert!(id.note.as_deref().unwrap_or("").contains("knownExpired"));
    assert!(id.note.as_deref().unwrap_or("").contains("Expired in 2004."));

    let month_year = &entities[3].birth_dates[0];
    assert_eq!(month_year.from, PartialDate::new(1978, Some(3), None));
    assert_eq!(entities[3].gender, Some(Gender::Female));
    assert_eq!(entities[3].names[1].lang.as_deref(), Some("be"));
}

#[test]
fn enterprise_keeps_registration_tax_id_and_contacts() {
    let (entities, _) = fixture_list();
    let e = &entities[2];
    assert_eq!(e.kind, EntityKind::Organization);
    assert_eq!(e.names[1].full, "Акционерное общество \"Пример Аэро\"");
    assert!(e.identifiers.iter().any(|i| i.kind == IdKind::Registration && i.value == "1021600000000"));
    assert!(e.identifiers.iter().any(|i| i.kind == IdKind::TaxId && i.value == "1655000000"));
    assert!(e.identifiers.iter().any(|i| i.kind == IdKind::Email && i.value == "office@exaero.invalid"));
    assert!(e.identifiers.iter().any(|i| i.kind == IdKind::Website));
    assert_eq!(e.addresses[0].region.as_deref(), Some("Republic of Tatarstan"));
    assert_eq!(e.extra["Designation details"], ["Entity designated for providing drones"]);
}

#[test]
fn wrong_namespace_and_wrong_root_are_refused() {
    let err = read_bytes(br#"<export generationDate="2026-01-01T00:00:00" globalFileId="1"></export>"#)
        .unwrap_err();
    assert!(err.message.contains("namespace"), "{err}");
    assert_eq!(err.location, Location::Byte(0));
    let err = read_bytes(b"<Designations></Designations>").unwrap_err();
    assert!(err.expected.contains("<export"), "{err}");
}

#[test]
fn truncated_empty_binary_and_huge_input_are_refused() {
    let data = std::fs::read(fixture()).unwrap();
    let err = read_bytes(&data[..data.len() - 20]).unwrap_err();
    assert!(matches!(err.location, Location::Byte(n) if n > 10_000), "{err}");
    let text = String::from_utf8(data.clone()).unwrap();
    let cut = text.rfind("</sanctionEntity>").unwrap();
    let err = read_bytes(&data[..cut]).unwrap_err();
    assert!(err.expected.contains("closing tag </sanctionEntity>"), "{err}");
    assert!(read_bytes(b"").is_err());
    assert!(read_bytes(&[0x89, b'P', b'N', b'G', 0, 0, 0x1A]).is_err());
    let huge = format!(
        r#"<export xmlns="http://eu.europa.ec/fpi/fsd/export" generationDate="2026-01-01T00:00:00" globalFileId="1"><sanctionEntity logicalId="1"><remark>{}</remark></sanctionEntity></export>"#,
        "x".repeat(MAX_FIELD_BYTES + 1)
    );
    let err = read_bytes(huge.as_bytes()).unwrap_err();
    assert!(err.message.contains("remark"), "{err}");
    let missing_id = r#"<export xmlns="http://eu.europa.ec/fpi/fsd/export" generationDate="2026-01-01T00:00:00" globalFileId="1"><sanctionEntity/></export>"#;
    assert!(read_bytes(missing_id.as_bytes()).unwrap_err().expected.contains("logicalId"));
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

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = read_bytes(&bytes);
    }
}
