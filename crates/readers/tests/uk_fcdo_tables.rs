//! The UK Sanctions List five-table reader on the real export of 2026-04-29, and on broken
//! tables.

use embargo_model::{Entity, EntityKind, IdKind, NameRole, PartialDate};
use embargo_readers::{
    uk_fcdo::UkFcdoTablesReader, ListReader, Location, ReadError, ReadReport, MAX_FIELD_BYTES,
};
use embargo_testkit::shared_data;
use proptest::prelude::*;
use std::path::{Path, PathBuf};

const TABLES: [&str; 5] = [
    "subjects.csv",
    "subject_names.csv",
    "subject_countries.csv",
    "subject_dobs.csv",
    "subject_identifiers.csv",
];

fn real_dir() -> PathBuf {
    shared_data().join("lists/uk/fcdo-derived-2026-04-29-covyr")
}

fn paths_in(dir: &Path) -> Vec<PathBuf> {
    TABLES.iter().map(|t| dir.join(t)).collect()
}

fn read(files: &[PathBuf]) -> Result<(Vec<Entity>, ReadReport), ReadError> {
    let mut entities = Vec::new();
    let report = UkFcdoTablesReader.read(files, &mut |e| entities.push(e))?;
    Ok((entities, report))
}

fn real_list() -> (Vec<Entity>, ReadReport) {
    read(&paths_in(&real_dir())).expect("the real tables read")
}

fn by_id<'a>(entities: &'a [Entity], id: &str) -> &'a Entity {
    entities.iter().find(|e| e.id == id).unwrap_or_else(|| panic!("{id} is in the list"))
}

/// A scratch folder holding the five tables, each replaced by `tables[i]` when given, else a
/// small valid table.
struct Scratch(PathBuf);

impl Scratch {
    fn new(overrides: &[(&str, &[u8])]) -> Scratch {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static N: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "embargo-fcdo-test-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&dir).unwrap();
        let defaults: [(&str, &str); 5] = [
            (
                "subjects.csv",
                "unique_id,subject_type,un_reference_number,ofsi_group_id,date_designated,last_updated\n\
                 RUS1,individual,,100,20/10/2022,09/04/2025\nRUS2,ship,,,03/10/2017,18/12/2021\n",
            ),
            (
                "subject_names.csv",
                "name_id,unique_id,name_type,alias_strength,full_name,name_6,name_1,name_2,name_3,name_4,name_5\n\
                 1,RUS1,primary,,Ivan PETROV,PETROV,Ivan,,,,\n2,RUS2,primary,,SEA STAR,SEA STAR,,,,,\n\
                 3,GHOST9,alias,,Nobody,Nobody,,,,,\n",
            ),
            (
                "subject_countries.csv",
                "id,unique_id,raw_value,country_type,iso,resolution_method,iso_available\n1,RUS1,Russia,nationality,RU,direct,True\n",
            ),
            ("subject_dobs.csv", "dob_id,unique_id,year,month,day,precision,parse_issues\n1,RUS1,1970,,,year_only,\n"),
            (
                "subject_identifiers.csv",
                "id,unique_id,ofsi_group_id,raw_value,identifier_type,additional_info\n1,RUS2,,IMO1234567,imo,\n",
            ),
        ];
        for (name, content) in defaults {
            let bytes = overrides.iter().find(|(n, _)| *n == name).map(|(_, b)| b.to_vec());
            std::fs::write(dir.join(name), bytes.unwrap_or_else(|| content.as_bytes().to_vec())).unwrap();
        }
        Scratch(dir)
    }

    fn read(&self) -> Result<(Vec<Entity>, ReadReport), ReadError> {
        read(&paths_in(&self.0))
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        std::fs::remove_dir_all(&self.0).ok();
    }
}

#[test]
fn real_tables_have_6046_subjects() {
    let (entities, report) = real_list();
    assert_eq!(report.list, "uk-fcdo");
    assert_eq!(report.entities, 6046);
    assert_eq!(entities.len(), 6046);
    assert_eq!(report.kinds.get("person"), Some(&3883));
    assert_eq!(report.kinds.get("organization"), Some(&1531));
    assert_eq!(report.kinds.get("vessel"), Some(&632));
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    assert_eq!(report.publication_date.map(|d| d.year), Some(2026));
}

#[test]
fn real_tables_have_15050_name_rows_of_which_15048_distinct() {
    let rows = std::fs::read_to_string(real_dir().join("subject_names.csv")).unwrap();
    assert_eq!(csv_rows(&rows).len(), 15050);
    let (entities, _) = real_list();
    let names: usize = entities.iter().map(|e| e.names.len()).sum();
    // Two rows repeat another row of the same subject word for word.
    assert_eq!(names, 15048);
}

fn csv_rows(text: &str) -> Vec<String> {
    // Names never hold quotes with newlines in this export: a quoted-field-aware count.
    let mut rows = Vec::new();
    let mut in_quotes = false;
    let mut current = String::new();
    for c in text.chars() {
        match c {
            '"' => in_quotes = !in_quotes,
            '\n' if !in_quotes => {
                rows.push(std::mem::take(&mut current));
                continue;
            }
            _ => {}
        }
        current.push(c);
    }
    rows.remove(0);
    rows
}

#[test]
fn real_subject_keeps_names_references_and_countries() {
    let (entities, _) = real_list();
    let e = by_id(&entities, "uk-fcdo:RUS1653");
    assert_eq!(e.kind, EntityKind::Person);
    assert_eq!(e.caption(), "Saeed Aghajani");
    assert_eq!(e.names.len(), 4);
    assert_eq!(e.names.iter().filter(|n| n.role == NameRole::StrongAlias).count(), 3);
    assert_eq!(e.names[0].parts[0].value, "Saeed");
    assert_eq!(e.names[0].parts[1].value, "Aghajani");
    assert_eq!(e.provenance.references.get("ofsi_group_id").map(String::as_str), Some("15605"));
    assert_eq!(e.provenance.references.get("uk_sanctions_list_ref").map(String::as_str), Some("RUS1653"));
    assert_eq!(e.listed_on, PartialDate::new(2022, Some(10), Some(20)));
    assert_eq!(e.last_updated, PartialDate::new(2025, Some(4), Some(9)));
    assert_eq!(e.nationalities.len(), 1, "repeated country rows are kept once");
    assert_eq!(e.nationalities[0].code.as_deref(), Some("IR"));
    assert_eq!(e.birth_places.len(), 1);
}

#[test]
fn real_subject_keeps_dates_passports_and_un_reference() {
    let (entities, _) = real_list();
    let e = by_id(&entities, "uk-fcdo:AFG0006");
    assert_eq!(e.provenance.references.get("un_reference").map(String::as_str), Some("TAi.002"));
    assert_eq!(e.provenance.references.get("ofsi_group_id").map(String::as_str), Some("7172"));
    assert!(e.birth_dates.iter().any(|d| d.from == PartialDate::new(1967, Some(1), Some(1))));
    assert!(e.birth_dates.iter().any(|d| d.from == Some(PartialDate::year(1968))));
    let passport = e.identifiers.iter().find(|i| i.kind == IdKind::Passport).expect("a passport");
    assert_eq!(passport.value, "P04581926");
    assert!(passport.note.as_deref().unwrap_or("").contains("Kandahar"));

    let ship = by_id(&entities, "uk-fcdo:DPR0075");
    assert_eq!(ship.kind, EntityKind::Vessel);
    assert_eq!(ship.caption(), "Petrel 8");
    let imo: Vec<&str> =
        ship.identifiers.iter().filter(|i| i.kind == IdKind::Imo).map(|i| i.value.as_str()).collect();
    assert_eq!(imo, ["IMO9562233"], "repeated identifier rows are kept once");
}

#[test]
fn rows_of_unknown_subjects_are_counted_as_warnings() {
    let scratch = Scratch::new(&[]);
    let (entities, report) = scratch.read().unwrap();
    assert_eq!(entities.len(), 2);
    assert_eq!(report.warnings.len(), 1);
    assert!(report.warnings[0].message.contains("1 rows of subject_names.csv"), "{:?}", report.warnings);
    assert_eq!(entities[1].identifiers[0].kind, IdKind::Imo);
    assert_eq!(entities[0].birth_dates[0].from, Some(PartialDate::year(1970)));
}

#[test]
fn missing_column_names_the_file_and_the_column() {
    let scratch = Scratch::new(&[("subjects.csv", b"unique_id,subject_type\nRUS1,individual\n")]);
    let err = scratch.read().unwrap_err();
    assert!(err.file.ends_with("subjects.csv"));
    assert_eq!(err.location, Location::Line(1));
    assert!(err.message.contains("un_reference_number"), "{err}");
}

#[test]
fn row_with_extra_column_names_its_line() {
    let scratch = Scratch::new(&[(
        "subject_dobs.csv",
        b"dob_id,unique_id,year,month,day,precision,parse_issues\n1,RUS1,1970,,,year_only,\n2,RUS1,1971,,,x,,extra\n",
    )]);
    let err = scratch.read().unwrap_err();
    assert!(err.file.ends_with("subject_dobs.csv"));
    assert_eq!(err.location, Location::Line(3), "{err}");
    assert!(err.message.contains("columns"), "{err}");
}

#[test]
fn invalid_utf8_empty_binary_and_huge_fields_are_refused() {
    let mut bad = b"unique_id,subject_type,un_reference_number,ofsi_group_id,date_designated,last_updated\nRUS1,individual,,1,".to_vec();
    bad.extend_from_slice(&[0xFF, 0xFE, b',', b'x', b'\n']);
    let err = Scratch::new(&[("subjects.csv", &bad)]).read().unwrap_err();
    assert_eq!(err.location, Location::Line(2), "{err}");
    assert!(err.expected.contains("UTF-8"), "{err}");

    let err = Scratch::new(&[("subject_names.csv", b"")]).read().unwrap_err();
    assert!(err.file.ends_with("subject_names.csv"), "{err}");

    let err = Scratch::new(&[("subjects.csv", &[0u8, 159, 146, 150, 0, 1, 2, 3])]).read().unwrap_err();
    assert!(err.file.ends_with("subjects.csv"), "{err}");

    let huge = format!(
        "dob_id,unique_id,year,month,day,precision,parse_issues\n1,RUS1,1970,,,{},\n",
        "x".repeat(MAX_FIELD_BYTES + 1)
    );
    let err = Scratch::new(&[("subject_dobs.csv", huge.as_bytes())]).read().unwrap_err();
    assert!(err.message.contains("precision"), "{err}");
}

#[test]
fn unknown_file_name_and_missing_subjects_are_refused() {
    let scratch = Scratch::new(&[]);
    let err = read(&[scratch.0.join("subjects.csv"), scratch.0.join("other.csv")]).unwrap_err();
    assert!(err.file.ends_with("other.csv"));
    let err = read(&[scratch.0.join("subject_names.csv")]).unwrap_err();
    assert!(err.message.contains("subjects.csv"), "{err}");
}

fn real_head(table: &str, bytes: usize) -> Vec<u8> {
    let mut data = std::fs::read(real_dir().join(table)).unwrap();
    data.truncate(bytes);
    data
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn mutated_tables_never_panic(
        table in 0usize..5,
        flips in proptest::collection::vec((0usize..100_000, any::<u8>()), 0..8),
        cut in 0usize..20_000,
    ) {
        let name = TABLES[table];
        let mut data = real_head(name, 20_000);
        data.truncate(cut.max(1));
        let len = data.len();
        for (at, byte) in flips {
            data[at % len] = byte;
        }
        let _ = Scratch::new(&[(name, &data)]).read();
    }

    #[test]
    fn random_tables_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..1024), table in 0usize..5) {
        let _ = Scratch::new(&[(TABLES[table], &bytes)]).read();
    }
}
