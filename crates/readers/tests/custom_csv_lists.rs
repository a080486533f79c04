//! The custom CSV reader: the shipped mapping of the 2026 OFAC SDN export, a firm's blocklist
//! fixture, and mappings that do not fit their file.

use embargo_model::{Entity, EntityKind, IdKind, NameRole, PartialDate};
use embargo_readers::custom_csv::{CustomCsvReader, Mapping};
use embargo_readers::{Format, ListReader, Location, ReadError, ReadReport};
use embargo_testkit::shared_data;
use std::path::{Path, PathBuf};

fn repo_file(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(path)
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/custom").join(name)
}

fn read(mapping: Mapping, file: PathBuf) -> Result<(ReadReport, Vec<Entity>), ReadError> {
    let mut entities = Vec::new();
    let report = CustomCsvReader::from_mapping(mapping).read(&[file], &mut |e| entities.push(e))?;
    Ok((report, entities))
}

#[test]
fn shipped_mapping_reads_19249_ofac_2026_entries_with_20194_aliases() {
    let mapping = Mapping::from_toml_file(&repo_file("config/mappings/ofac-sdn-kindrat86.toml")).unwrap();
    let file = shared_data().join("lists/ofac/sdn-2026-08-20-kindrat86/ofac-sdn.csv");
    let (report, entities) = read(mapping, file).unwrap();
    assert_eq!(report.format, Format::CustomCsv);
    assert_eq!(report.list, "ofac-sdn", "an edition of the SDN list");
    assert_eq!(report.publication_date, PartialDate::new(2026, Some(8), Some(20)), "from metadata.json");
    assert_eq!(report.entities, 19_249);
    assert!(report.warnings.is_empty(), "{:?}", report.warnings.first());
    let aliases: usize =
        entities.iter().map(|e| e.names.iter().filter(|n| n.role == NameRole::StrongAlias).count()).sum();
    assert_eq!(aliases, 20_194);
    // The publisher's counts by type (metadata.json of the export).
    assert_eq!(report.kinds["organization"], 9_871);
    assert_eq!(report.kinds["person"], 7_502);
    assert_eq!(report.kinds["vessel"], 1_534);
    assert_eq!(report.kinds["aircraft"], 342);

    let zomor = entities.iter().find(|e| e.id == "ofac-sdn:2677").unwrap();
    assert_eq!(zomor.kind, EntityKind::Person);
    assert_eq!(zomor.caption(), "AL-ZOMOR, Abboud Abdul Latif Hassan");
    assert_eq!(zomor.names.len(), 6);
    assert_eq!(zomor.names[1].full, "ZUMAR, Abbud");
    assert_eq!(zomor.programs[0].name, "SDGT");
    let multi = entities.iter().find(|e| e.programs.len() == 2).unwrap();
    assert!(multi.programs.iter().all(|p| !p.name.contains(';') && p.name == p.name.trim()));
}

#[test]
fn blocklist_fixture_maps_every_column() {
    let mapping = Mapping::from_toml_file(&fixture("blocklist.toml")).unwrap();
    let (report, entities) = read(mapping, fixture("blocklist.csv")).unwrap();
    assert_eq!(report.entities, 3);
    let petrov = &entities[0];
    assert_eq!(petrov.id, "acme-blocklist:B-1");
    assert_eq!(petrov.kind, EntityKind::Person);
    assert_eq!(petrov.names.len(), 3);
    assert_eq!(petrov.names[2].full, "I. PETROV");
    assert_eq!(petrov.programs.len(), 2);
    assert_eq!(petrov.birth_dates[0].from, PartialDate::new(1960, Some(3), Some(12)));
    assert_eq!(petrov.countries[0].code.as_deref(), Some("RU"));
    assert_eq!(petrov.identifiers[0].kind, IdKind::Passport);
    assert_eq!(petrov.identifiers[0].value, "AB123456");
    assert_eq!(petrov.remarks, ["Known to the fraud team"]);
    assert_eq!(entities[1].countries[0].code.as_deref(), Some("TR"));
    assert_eq!(entities[1].remarks, ["Shell company; see case 42"]);
    assert_eq!(entities[2].kind, EntityKind::Vessel);
    assert_eq!(entities[2].identifiers[0].kind, IdKind::Imo);
}

#[test]
fn mapping_naming_a_missing_column_fails_on_the_header_listing_the_columns() {
    let mut mapping = Mapping::from_toml_file(&fixture("blocklist.toml")).unwrap();
    mapping.dob_column = Some("Date of birth".into());
    let err = read(mapping, fixture("blocklist.csv")).unwrap_err();
    assert_eq!(err.location, Location::Line(1));
    assert!(err.message.contains("no column `Date of birth`"), "{err}");
    assert!(err.message.contains("Ref, Full name, Other names"), "{err}");
}

#[test]
fn command_line_mapping_reads_the_fixture() {
    let mapping = Mapping::from_pairs([
        "list=cli-list",
        "delimiter=;",
        "id_column=Ref",
        "name_column=Full name",
        "kind=organization",
        "identifier=passport:Passport",
    ])
    .unwrap();
    let (report, entities) = read(mapping, fixture("blocklist.csv")).unwrap();
    assert_eq!(report.entities, 3);
    // With no kind column, the fixed kind applies to every row.
    assert!(entities.iter().all(|e| e.kind == EntityKind::Organization));
    assert_eq!(entities[0].names.len(), 1);
}

#[test]
fn the_publication_date_comes_from_the_mapping_or_the_metadata_file_beside_the_csv() {
    let dir = embargo_testkit::TempDataDir::new();
    let csv = dir.write("names.csv", "uid,name\n1,ACME\n");
    let pairs = ["list=x", "id_column=uid", "name_column=name"];
    let with = |extra: &[&str]| Mapping::from_pairs(pairs.iter().chain(extra).copied()).unwrap();

    let (report, _) = read(with(&["publication_date=2026-08-20"]), csv.clone()).unwrap();
    assert_eq!(report.publication_date, PartialDate::new(2026, Some(8), Some(20)));

    let meta = ["publication_date_file=meta.json", "publication_date_field=about.published"];
    // A missing metadata file: no date, and a warning naming it.
    let (report, _) = read(with(&meta), csv.clone()).unwrap();
    assert_eq!(report.publication_date, None);
    assert!(report.warnings[0].message.contains("meta.json"), "{:?}", report.warnings);

    dir.write("meta.json", r#"{"about": {"published": "2025-01-31"}}"#);
    let (report, _) = read(with(&meta), csv.clone()).unwrap();
    assert_eq!(report.publication_date, PartialDate::new(2025, Some(1), Some(31)));

    dir.write("meta.json", r#"{"about": {"published": "last week"}}"#);
    let err = read(with(&meta), csv.clone()).unwrap_err();
    assert!(err.file.ends_with("meta.json") && err.message.contains("last week"), "{err}");
    dir.write("meta.json", "{not json");
    let err = read(with(&meta), csv).unwrap_err();
    assert!(err.file.ends_with("meta.json") && err.location == Location::Line(1), "{err}");

    let err = Mapping::from_pairs(pairs.iter().chain(&["publication_date=soon"]).copied()).unwrap_err();
    assert!(err.message.contains("publication_date"), "{err}");
    let err =
        Mapping::from_pairs(pairs.iter().chain(&["publication_date_file=m.json"]).copied()).unwrap_err();
    assert!(err.message.contains("go together"), "{err}");
}
