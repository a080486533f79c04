//! The FtM reader on a small fixture covering each join, on broken files, and on random and
//! mutated input.

use embargo_model::{Entity, EntityKind, IdKind, NameRole, PartialDate};
use embargo_readers::ftm::FtmReader;
use embargo_readers::{ListReader, Location, ReadError, ReadReport, MAX_FIELD_BYTES};
use embargo_testkit::shared_data;
use proptest::prelude::*;
use std::path::{Path, PathBuf};

mod common;

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ftm/sample.ftm.json")
}

fn read_path(path: PathBuf) -> Result<(ReadReport, Vec<Entity>), ReadError> {
    common::read_file(&FtmReader, &path).map(|(entities, report)| (report, entities))
}

fn read_bytes(bytes: &[u8]) -> Result<(ReadReport, Vec<Entity>), ReadError> {
    common::read_bytes(&FtmReader, "input.ftm.json", bytes).map(|(entities, report)| (report, entities))
}

fn fixture_text() -> String {
    std::fs::read_to_string(fixture()).unwrap()
}

#[test]
fn fixture_joins_sanctions_addresses_documents_and_ownership() {
    let (report, entities) = read_path(fixture()).unwrap();
    assert_eq!(report.entities, 3);
    assert_eq!(report.publication_date, PartialDate::new(2024, Some(1), Some(20)));
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    let petrov = &entities[0];
    assert_eq!(petrov.id, "opensanctions:p1");
    assert_eq!(
        petrov.names.iter().map(|n| n.role).collect::<Vec<_>>(),
        [NameRole::Primary, NameRole::StrongAlias, NameRole::WeakAlias]
    );
    assert_eq!(petrov.programs[0].name, "RUSSIA-EO14024");
    assert_eq!(petrov.programs[0].legal_basis.as_deref(), Some("Block"));
    assert_eq!(petrov.listed_on, PartialDate::new(2022, Some(4), Some(6)));
    assert_eq!(petrov.extra["sanction.authority"], ["OFAC"]);
    assert_eq!(petrov.addresses[0].city.as_deref(), Some("Moscow"));
    assert_eq!(petrov.birth_dates[0].from, PartialDate::new(1960, Some(3), None));
    assert!(petrov.identifiers.iter().any(|i| i.kind == IdKind::Passport && i.value == "AB123456"));
    assert!(petrov.identifiers.iter().any(|i| i.kind == IdKind::TaxId && i.value == "770000000000"));
    let internal = petrov.identifiers.iter().find(|i| i.value == "4500 123456").unwrap();
    assert_eq!(internal.kind, IdKind::Passport);
    assert_eq!(internal.country.as_ref().unwrap().code.as_deref(), Some("RU"));
    assert_eq!(petrov.extra["hairColor"], ["grey"]);
    assert_eq!(petrov.relations[0].kind, "owner_of");
    assert_eq!(petrov.relations[0].target_id.as_deref(), Some("opensanctions:c1"));

    let acme = &entities[1];
    assert_eq!(acme.kind, EntityKind::Organization);
    assert_eq!(acme.relations[0].kind, "owned_by");
    assert_eq!(acme.relations[0].target_name, "Ivan PETROV");
    assert_eq!(acme.identifiers[0].kind, IdKind::Registration);
    assert_eq!(acme.birth_dates[0].from, Some(PartialDate::year(2001)));

    let ship = &entities[2];
    assert_eq!(ship.kind, EntityKind::Vessel);
    assert!(ship.identifiers.iter().any(|i| i.kind == IdKind::Imo && i.value == "9000001"));
    assert!(ship.identifiers.iter().any(|i| i.kind == IdKind::Mmsi));
    assert_eq!(ship.countries[0].code.as_deref(), Some("PA"));
}

#[test]
fn bad_json_line_is_an_error_naming_the_line() {
    let mut text = fixture_text();
    text = text.replacen("{\"id\": \"c1\"", "{\"id\": \"c1\" BROKEN", 1);
    let err = read_bytes(text.as_bytes()).unwrap_err();
    assert_eq!(err.location, Location::Line(4));
    assert!(err.message.contains("not a FollowTheMoney entity"), "{err}");
}

#[test]
fn bad_line_fails_before_anything_is_emitted() {
    let text = format!("{}{{\"truncated\": ", fixture_text());
    let mut emitted = 0;
    let path = std::env::temp_dir().join(format!("embargo-ftm-{}-late.json", std::process::id()));
    std::fs::write(&path, text).unwrap();
    let err = FtmReader.read(std::slice::from_ref(&path), &mut |_| emitted += 1).unwrap_err();
    std::fs::remove_file(path).ok();
    assert_eq!(err.location, Location::Line(8));
    assert_eq!(emitted, 0);
}

#[test]
fn object_without_id_or_schema_is_an_error() {
    let err = read_bytes(b"{\"caption\": \"x\", \"schema\": \"Person\"}\n").unwrap_err();
    assert_eq!(err.location, Location::Line(1));
    assert!(err.message.contains("id"), "{err}");
}

#[test]
fn empty_and_blank_files_are_errors() {
    assert!(read_bytes(b"").unwrap_err().message.contains("empty"));
    assert!(read_bytes(b"\n\n").unwrap_err().message.contains("no entity"));
}

#[test]
fn csv_given_to_the_ftm_reader_fails_on_line_1() {
    let err = read_bytes(b"uid,name,type\n1,ACME,entity\n").unwrap_err();
    assert_eq!(err.location, Location::Line(1));
    assert!(err.expected.contains("FollowTheMoney"), "{err}");
}

#[test]
fn invalid_utf8_names_the_line() {
    let mut bytes = fixture_text().into_bytes();
    let at = bytes.windows(4).position(|w| w == b"ACME").unwrap();
    bytes[at] = 0xC3;
    bytes[at + 1] = 0x28;
    let err = read_bytes(&bytes).unwrap_err();
    assert_eq!(err.location, Location::Line(4));
    assert!(err.message.contains("UTF-8"), "{err}");
}

#[test]
fn value_over_the_limit_is_refused() {
    let line = format!(
        "{{\"id\": \"x\", \"schema\": \"Person\", \"properties\": {{\"notes\": [\"{}\"]}}}}\n",
        "n".repeat(MAX_FIELD_BYTES + 1)
    );
    let err = read_bytes(line.as_bytes()).unwrap_err();
    assert!(err.message.contains("`notes`"), "{err}");
}

#[test]
fn binary_file_is_an_error() {
    let bytes: Vec<u8> = (0..4096u32).map(|i| (i * 7919 % 251) as u8).collect();
    assert!(read_bytes(&bytes).is_err());
}

fn real_zala() -> Vec<u8> {
    let root = shared_data();
    std::fs::read(root.join("lists/opensanctions/zala-2026-06-03/entities.ftm.json")).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = read_bytes(&bytes);
    }

    #[test]
    fn mutated_files_never_panic(
        cut in any::<usize>(),
        flips in proptest::collection::vec((any::<usize>(), any::<u8>()), 0..8),
        real in any::<bool>(),
    ) {
        let mut bytes = if real { real_zala() } else { fixture_text().into_bytes() };
        bytes.truncate(cut % (bytes.len() + 1));
        for (at, byte) in flips {
            if !bytes.is_empty() {
                let at = at % bytes.len();
                bytes[at] = byte;
            }
        }
        let _ = read_bytes(&bytes);
    }
}
