//! The OFAC `sdn_advanced.xml` reader on a fixture written after OFAC's advanced schema.

use embargo_model::{Entity, EntityKind, Gender, IdKind, NamePartKind, NameRole, PartialDate};
use embargo_readers::{ofac_advanced::OfacAdvancedReader, ListReader, ReadError, ReadReport};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ofac/sdn_advanced.xml")
}

fn read(path: &Path) -> Result<(ReadReport, HashMap<String, Entity>), ReadError> {
    let mut entities = HashMap::new();
    let report = OfacAdvancedReader.read(&[path.to_owned()], &mut |e| {
        entities.insert(e.id.clone(), e);
    })?;
    Ok((report, entities))
}

fn temp_file(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("embargo-ofac-adv-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn fixture_reads_with_date_of_issue_and_kinds() {
    let (report, entities) = read(&fixture()).unwrap();
    assert_eq!(report.list, "ofac-sdn");
    assert_eq!(report.publication_date, PartialDate::new(2024, Some(7), Some(2)));
    assert_eq!(report.entities, 3);
    assert_eq!(entities["ofac-sdn:33574"].kind, EntityKind::Person);
    assert_eq!(entities["ofac-sdn:15036"].kind, EntityKind::Vessel);
    assert_eq!(entities["ofac-sdn:12055"].kind, EntityKind::Organization);
}

#[test]
fn names_keep_parts_scripts_and_roles() {
    let (_, entities) = read(&fixture()).unwrap();
    let e = &entities["ofac-sdn:33574"];
    assert_eq!(e.caption(), "AGHAJANI, Saeed", "the same name as the legacy CSV writes");
    assert_eq!(e.names[0].parts[0].kind, NamePartKind::Family);
    assert_eq!(e.names[0].script.as_deref(), Some("Latn"));
    let names: Vec<(&str, NameRole, Option<&str>)> =
        e.names.iter().map(|n| (n.full.as_str(), n.role, n.script.as_deref())).collect();
    assert_eq!(
        names[1..],
        [
            ("AQAJANI, Saeid", NameRole::StrongAlias, Some("Latn")),
            ("АГАДЖАНИ, Саид", NameRole::StrongAlias, Some("Cyrl")),
            ("Abu Saeed", NameRole::WeakAlias, Some("Latn")),
        ]
    );
    assert_eq!(entities["ofac-sdn:15036"].names[1].role, NameRole::FormerName);
}

#[test]
fn features_documents_programs_and_relations() {
    let (_, entities) = read(&fixture()).unwrap();
    let e = &entities["ofac-sdn:33574"];
    assert_eq!(e.birth_dates[0].from, PartialDate::new(1969, Some(4), Some(3)));
    assert_eq!(e.birth_dates[0].to, None);
    let circa = &e.birth_dates[1];
    assert!(circa.approximate);
    assert_eq!(circa.year_span(), Some((1964, 1966)));
    assert_eq!(e.birth_places[0].city.as_deref(), Some("Tehran"));
    assert_eq!(e.nationalities[0].name, "Iran");
    assert_eq!(e.nationalities[0].code.as_deref(), Some("IR"));
    assert_eq!(e.gender, Some(Gender::Male));
    let passport = e.identifiers.iter().find(|i| i.kind == IdKind::Passport).unwrap();
    assert_eq!(
        (passport.value.as_str(), passport.country.as_ref().unwrap().name.as_str()),
        ("V47528711", "Iran")
    );
    let wallet = e.identifiers.iter().find(|i| i.kind == IdKind::CryptoWallet).unwrap();
    assert_eq!(wallet.note.as_deref(), Some("XBT"));
    assert_eq!(e.extra["Additional Sanctions Information"], ["Subject to Secondary Sanctions"]);
    assert_eq!(e.extra["Unusual Feature"], ["kept by its label"]);
    let programs: Vec<&str> = e.programs.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(programs, ["SDGT", "IRGC"], "only measures of type Program");
    assert_eq!(e.listed_on, PartialDate::new(2020, Some(3), Some(26)));
    let link = &e.relations[0];
    assert_eq!(link.kind, "linked_to");
    assert_eq!(link.target_id.as_deref(), Some("ofac-sdn:12055"));
    assert_eq!(link.target_name, "ISLAMIC REVOLUTIONARY GUARD CORPS AIR FORCE");

    let vessel = &entities["ofac-sdn:15036"];
    let ids: Vec<(IdKind, &str)> =
        vessel.identifiers.iter().map(|i| (i.kind.clone(), i.value.as_str())).collect();
    assert!(ids.contains(&(IdKind::Imo, "9187629")), "{ids:?}");
    assert!(ids.contains(&(IdKind::Mmsi, "572469210")), "{ids:?}");
    assert!(ids.contains(&(IdKind::CallSign, "T2EU4")), "{ids:?}");
    assert_eq!(vessel.extra["Vessel Flag"], ["Iran"]);
    assert_eq!(vessel.relations[0].kind, "owned_or_controlled_by");

    let org = &entities["ofac-sdn:12055"];
    assert_eq!(org.addresses[0].full, "Pasdaran Avenue 4, Tehran, 19395, Iran");
    assert_eq!(org.addresses[0].postal_code.as_deref(), Some("19395"));
}

#[test]
fn bad_input_is_an_error_never_a_panic() {
    let bytes = std::fs::read(fixture()).unwrap();
    let truncated = temp_file("adv-truncated.xml", &bytes[..bytes.len() * 2 / 3]);
    assert!(read(&truncated).is_err());
    let wrong = temp_file("adv-wrong.xml", b"<sdnList><sdnEntry/></sdnList>");
    assert!(read(&wrong).unwrap_err().expected.contains("<Sanctions>"));
    assert!(read(&temp_file("adv-empty.xml", b"")).is_err());
    let bad_year =
        String::from_utf8(bytes.clone()).unwrap().replacen("<Year>2024</Year>", "<Year>20x4</Year>", 1);
    assert!(read(&temp_file("adv-year.xml", bad_year.as_bytes())).unwrap_err().expected.contains("<Year>"));
    let mut huge = b"<Sanctions><DistinctParties><DistinctParty FixedRef=\"".to_vec();
    huge.extend(std::iter::repeat_n(b'1', embargo_readers::MAX_FIELD_BYTES + 1));
    huge.extend_from_slice(b"\"/></DistinctParties></Sanctions>");
    let err = read(&temp_file("adv-huge.xml", &huge)).unwrap_err();
    assert!(err.expected.contains("attribute values of at most"), "{err}");
    let no_kind = String::from_utf8(bytes).unwrap().replace("PartySubTypeID=\"4\"", "PartySubTypeID=\"99\"");
    assert!(read(&temp_file("adv-kind.xml", no_kind.as_bytes()))
        .unwrap_err()
        .message
        .contains("PartySubTypeID"));
}
