//! The OFAC `sdn.xml` reader on a fixture written against `OFAC_xml.xsd`, and on bad input.

use embargo_model::{Entity, EntityKind, IdKind, NamePartKind, NameRole, PartialDate};
use embargo_readers::{
    ofac_xml::OfacXmlReader, ListReader, Location, ReadError, ReadReport, MAX_FIELD_BYTES,
};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ofac/sdn.xml")
}

fn read(path: &Path) -> Result<(ReadReport, HashMap<String, Entity>), ReadError> {
    let mut entities = HashMap::new();
    let report = OfacXmlReader.read(&[path.to_owned()], &mut |e| {
        entities.insert(e.id.clone(), e);
    })?;
    Ok((report, entities))
}

fn ids_of(e: &Entity, kind: IdKind) -> Vec<&str> {
    e.identifiers.iter().filter(|i| i.kind == kind).map(|i| i.value.as_str()).collect()
}

fn temp_file(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("embargo-ofac-xml-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn fixture_reads_with_publication_date_and_kinds() {
    let (report, entities) = read(&fixture()).unwrap();
    assert_eq!(report.list, "ofac-sdn");
    assert_eq!(report.publication_date, PartialDate::new(2024, Some(7), Some(2)));
    assert_eq!(report.entities, 5);
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    let kinds: Vec<(&str, usize)> = report.kinds.iter().map(|(k, n)| (k.as_str(), *n)).collect();
    assert_eq!(kinds, [("aircraft", 1), ("organization", 1), ("person", 2), ("vessel", 1)]);
    assert_eq!(entities["ofac-sdn:18150"].kind, EntityKind::Aircraft);
}

#[test]
fn person_entry_matches_the_csv_model() {
    let (_, entities) = read(&fixture()).unwrap();
    let e = &entities["ofac-sdn:33574"];
    assert_eq!(e.caption(), "AGHAJANI, Saeed", "names read as the legacy CSV writes them");
    assert_eq!(e.names[0].parts[0].kind, NamePartKind::Family);
    assert_eq!(e.titles, ["Brigadier General"]);
    let programs: Vec<&str> = e.programs.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(programs, ["SDGT", "IRGC", "IFSR"]);
    let passport = &e.identifiers.iter().find(|i| i.kind == IdKind::Passport).unwrap();
    assert_eq!(passport.value, "V47528711");
    assert_eq!(passport.country.as_ref().unwrap().name, "Iran");
    assert_eq!(passport.note.as_deref(), Some("issued 01 Jan 2015"));
    assert_eq!(e.gender, Some(embargo_model::Gender::Male));
    assert_eq!(e.extra["Additional Sanctions Information"], ["Subject to Secondary Sanctions"]);
    assert_eq!(e.birth_dates[0].from, PartialDate::new(1969, Some(4), Some(3)));
    assert!(e.birth_dates[1].approximate);
    assert_eq!(e.birth_places[0].city.as_deref(), Some("Tehran"));
    assert_eq!(e.nationalities[0].name, "Iran");
    let aliases: Vec<(&str, NameRole)> = e.names[1..].iter().map(|n| (n.full.as_str(), n.role)).collect();
    assert_eq!(aliases, [("AQAJANI, Saeid", NameRole::StrongAlias), ("Abu Saeed", NameRole::WeakAlias)]);
    // "Linked To:" in the remarks resolves against an entry read later in the file.
    assert_eq!(e.relations[0].target_id.as_deref(), Some("ofac-sdn:12055"));
}

#[test]
fn organisation_vessel_and_aircraft_fields() {
    let (_, entities) = read(&fixture()).unwrap();
    let org = &entities["ofac-sdn:12055"];
    assert_eq!(org.names[2].role, NameRole::FormerName);
    let address = &org.addresses[0];
    assert_eq!(address.full, "Pasdaran Avenue, Building 4, Tehran, 19395, Iran");
    assert_eq!(address.postal_code.as_deref(), Some("19395"));

    let vessel = &entities["ofac-sdn:15036"];
    assert_eq!(ids_of(vessel, IdKind::Imo), ["9187629"]);
    assert_eq!(ids_of(vessel, IdKind::Mmsi), ["572469210"]);
    assert_eq!(ids_of(vessel, IdKind::CallSign), ["T2EU4"]);
    assert_eq!(vessel.extra["Former Vessel Flag"], ["Malta"]);
    assert_eq!(vessel.extra["GRT"], ["56068"]);
    let owner = vessel.relations.iter().find(|r| r.kind == "owned_by").unwrap();
    assert_eq!(owner.target_id.as_deref(), Some("ofac-sdn:12055"));

    let aircraft = &entities["ofac-sdn:18150"];
    assert_eq!(ids_of(aircraft, IdKind::AircraftSerial), ["391"]);
    assert_eq!(ids_of(aircraft, IdKind::AircraftTail), ["EP-MMH"]);
    assert_eq!(aircraft.extra["Aircraft Model"], ["Airbus A340-642"]);
}

#[test]
fn unknown_id_types_and_unparsed_remarks_are_kept() {
    let (_, entities) = read(&fixture()).unwrap();
    let e = &entities["ofac-sdn:25308"];
    let wallet = e.identifiers.iter().find(|i| i.kind == IdKind::CryptoWallet).unwrap();
    assert_eq!(wallet.note.as_deref(), Some("XBT"));
    let seafarer = e.identifiers.iter().find(|i| i.kind == IdKind::Other("Seafarer Book".into())).unwrap();
    assert_eq!(seafarer.value, "SB-1234");
    assert_eq!(seafarer.country.as_ref().unwrap().name, "China");
    // Entities and character references are resolved; unlabelled remarks stay verbatim.
    assert_eq!(e.remarks, ["Research & development", "Spécial note"]);
    assert_eq!(e.citizenships[0].name, "China");
}

#[test]
fn truncated_xml_names_the_open_element() {
    let bytes = std::fs::read(fixture()).unwrap();
    let cut = &bytes[..bytes.len() / 2];
    let path = temp_file("sdn-truncated.xml", cut);
    let err = read(&path).unwrap_err();
    assert_eq!(err.file, path);
    assert!(matches!(err.location, Location::Byte(n) if n > 0), "{err}");
    assert!(err.message.contains("truncated") || err.expected.contains("well-formed"), "{err}");
}

#[test]
fn wrong_root_element_is_refused() {
    let path =
        temp_file("un.xml", b"<?xml version=\"1.0\"?><CONSOLIDATED_LIST><INDIVIDUALS/></CONSOLIDATED_LIST>");
    let err = read(&path).unwrap_err();
    assert!(err.expected.contains("<sdnList>"), "{err}");
}

#[test]
fn empty_binary_and_csv_files_are_refused() {
    let empty = temp_file("empty.xml", b"");
    assert_eq!(read(&empty).unwrap_err().location, Location::File);
    let binary: Vec<u8> = (0u8..=255).cycle().take(2000).collect();
    assert!(read(&temp_file("binary.xml", &binary)).is_err());
    let csv = temp_file("sdn-as-csv.xml", b"36,\"AEROCARIBBEAN AIRLINES\",-0- ,\"CUBA\"\r\n");
    let err = read(&csv).unwrap_err();
    assert!(err.expected.contains("markup") || err.expected.contains("root"), "{err}");
}

#[test]
fn invalid_utf8_is_an_error_with_offset() {
    let path = temp_file(
        "bad-utf8.xml",
        b"<?xml version=\"1.0\" encoding=\"UTF-8\"?><sdnList><sdnEntry><uid>1</uid><lastName>\xff\xfe</lastName><sdnType>Entity</sdnType></sdnEntry></sdnList>",
    );
    let err = read(&path).unwrap_err();
    assert!(matches!(err.location, Location::Byte(_)), "{err}");
}

#[test]
fn oversized_text_is_refused() {
    let mut bytes = b"<sdnList><sdnEntry><uid>1</uid><lastName>".to_vec();
    bytes.extend(std::iter::repeat_n(b'A', MAX_FIELD_BYTES + 10));
    bytes.extend_from_slice(b"</lastName><sdnType>Entity</sdnType></sdnEntry></sdnList>");
    let err = read(&temp_file("huge.xml", &bytes)).unwrap_err();
    assert!(err.expected.contains(&MAX_FIELD_BYTES.to_string()), "{err}");
}

#[test]
fn entry_without_uid_or_with_unknown_type_is_an_error() {
    let no_uid = temp_file(
        "no-uid.xml",
        b"<sdnList><sdnEntry><lastName>X</lastName><sdnType>Entity</sdnType></sdnEntry></sdnList>",
    );
    assert!(read(&no_uid).unwrap_err().expected.contains("<uid>"));
    let bad_type =
        temp_file("bad-type.xml", b"<sdnList><sdnEntry><uid>1</uid><lastName>X</lastName><sdnType>Spaceship</sdnType></sdnEntry></sdnList>");
    assert!(read(&bad_type).unwrap_err().expected.contains("sdnType"));
}

#[test]
fn record_count_mismatch_is_a_warning() {
    let bytes = std::fs::read_to_string(fixture()).unwrap().replace("<Record_Count>5<", "<Record_Count>6<");
    let (report, _) = read(&temp_file("sdn-count.xml", bytes.as_bytes())).unwrap();
    assert_eq!(report.warnings.len(), 1);
    assert!(report.warnings[0].message.contains("Record_Count says 6"));
}

#[test]
fn a_declared_encoding_other_than_utf8_is_refused() {
    let mut bytes =
        b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><sdnList><sdnEntry><uid>7</uid>".to_vec();
    bytes.extend_from_slice(
        b"<lastName>MU\xd1OZ</lastName><sdnType>Individual</sdnType></sdnEntry></sdnList>",
    );
    let err = read(&temp_file("latin1.xml", &bytes)).unwrap_err();
    assert!(err.expected.contains("UTF-8"), "{err}");
    assert!(err.message.contains("iso-8859-1"), "{err}");
}
