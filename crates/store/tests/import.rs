//! Imports: versions, unchanged inputs, atomicity under reader failures and a killed process.

use embargo_errors::{Code, ErrorCode};
use embargo_model::{Entity, EntityKind, Name, NameRole, PartialDate};
use embargo_readers::custom_csv::{CustomCsvReader, Mapping};
use embargo_readers::{reader_for, Format, ListReader, Location, ReadError, ReadReport};
use embargo_store::{ImportStatus, ListVersion, Store, StoreError};
use embargo_testkit::shared_file;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// A reader of a toy format: one line per entity, `id|kind|name[|remark]`. A line `FAIL` makes it
/// fail there; a line `SLOW` makes it emit entities forever, slowly (for the kill test); a line
/// `@published DATE` sets the publication date (2026-02-27 by default). Files whose name starts
/// with `other` hold the list `other-list`, all others `test-list`.
struct LinesReader;

impl ListReader for LinesReader {
    fn format(&self) -> Format {
        Format::FtmJson
    }

    fn read(&self, files: &[PathBuf], sink: &mut dyn FnMut(Entity)) -> Result<ReadReport, ReadError> {
        let other = files[0].file_name().is_some_and(|n| n.to_string_lossy().starts_with("other"));
        let list = if other { "other-list" } else { "test-list" };
        let mut report = ReadReport::new(list, "Test Publisher", Format::FtmJson);
        report.publication_date = PartialDate::new(2026, Some(2), Some(27));
        for file in files {
            let text = std::fs::read_to_string(file)
                .map_err(|e| ReadError::new(file, Location::File, "a text file", e.to_string()))?;
            for (n, line) in text.lines().enumerate() {
                if let Some(date) = line.strip_prefix("@published ") {
                    report.publication_date = PartialDate::parse_iso(date);
                    continue;
                }
                if line == "FAIL" {
                    return Err(ReadError::new(file, Location::Line(n as u64 + 1), "an entity line", "FAIL"));
                }
                if line == "SLOW" {
                    let marker = std::env::var("EMBARGO_TEST_MARKER").unwrap();
                    for i in 0.. {
                        let e = Entity::new(list, &format!("slow{i}"), EntityKind::Person);
                        report.emit(e, sink);
                        if i == 1000 {
                            std::fs::write(&marker, "mid-import").unwrap();
                        }
                        if i > 1000 {
                            std::thread::sleep(Duration::from_millis(1));
                        }
                    }
                }
                let fields: Vec<&str> = line.split('|').collect();
                let mut e = Entity::new(list, fields[0], EntityKind::parse(fields[1]).unwrap());
                e.push_name(Name::new(fields[2], NameRole::Primary));
                if let Some(remark) = fields.get(3) {
                    e.remarks.push(remark.to_string());
                }
                report.emit(e, sink);
            }
        }
        Ok(report)
    }
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

const V1: &str = "1|person|Ali Ahmad\n2|organization|Acme Trading LLC\n3|vessel|SEA STAR";
const V2: &str = "1|person|Ali Ahmad|listed again\n3|vessel|SEA STAR\n4|aircraft|EP-ABC";

#[test]
fn importing_the_same_files_twice_makes_no_new_version() {
    let tmp = tempfile::tempdir().unwrap();
    let file = write(tmp.path(), "list.txt", V1);
    let store = Store::open(&tmp.path().join("data")).unwrap();
    let first = store.import(std::slice::from_ref(&file), &LinesReader).unwrap();
    assert_eq!(first.status, ImportStatus::New);
    assert_eq!(first.version.version, 1);
    assert_eq!(first.version.entities, 3);
    assert_eq!(first.kinds.get("vessel"), Some(&1));
    assert_eq!(first.version.publication_date.unwrap().to_string(), "2026-02-27");
    let second = store.import(&[file], &LinesReader).unwrap();
    assert_eq!(second.status, ImportStatus::Unchanged);
    assert_eq!(second.version.version, 1);
    assert_eq!(second.kinds, first.kinds);
    assert_eq!(store.versions("test-list").unwrap().len(), 1);
}

#[test]
fn a_changed_file_makes_a_new_active_version_and_diff_names_the_changes() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(&tmp.path().join("data")).unwrap();
    store.import(&[write(tmp.path(), "v1.txt", V1)], &LinesReader).unwrap();
    let second = store.import(&[write(tmp.path(), "v2.txt", V2)], &LinesReader).unwrap();
    assert_eq!((second.status, second.version.version), (ImportStatus::New, 2));

    let versions = store.versions("test-list").unwrap();
    assert_eq!(versions.iter().map(|v| (v.version, v.active)).collect::<Vec<_>>(), [(1, false), (2, true)]);
    assert_eq!(store.lists().unwrap().len(), 1);
    assert_eq!(store.lists().unwrap()[0].version, 2);

    let entities = store.load_entities(None).unwrap();
    let ids: Vec<&str> = entities.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["test-list:1", "test-list:3", "test-list:4"], "file order is kept");
    assert!(entities.iter().all(|e| e.provenance.list_version == "2"));
    assert!(store.load_entities(Some(&["other".to_owned()])).unwrap().is_empty());

    assert!(matches!(store.entity("test-list:2"), Err(StoreError::EntityNotFound(_))));
    assert_eq!(store.entity_in_version("test-list:2", "test-list", 1).unwrap().caption(), "Acme Trading LLC");

    let diff = store.diff("test-list", 1, 2).unwrap();
    assert_eq!(diff.added.iter().map(|e| e.id.as_str()).collect::<Vec<_>>(), ["test-list:4"]);
    assert_eq!(diff.removed.iter().map(|e| e.id.as_str()).collect::<Vec<_>>(), ["test-list:2"]);
    assert_eq!(diff.changed.len(), 1);
    assert_eq!(diff.changed[0].id, "test-list:1");
    assert_eq!(diff.changed[0].fields, ["remarks"]);

    // Going back to the first files makes a third version, equal in content to the first.
    let third = store.import(&[write(tmp.path(), "v3.txt", V1)], &LinesReader).unwrap();
    assert_eq!(third.version.version, 3);
    let back = store.diff("test-list", 1, 3).unwrap();
    assert!(back.added.is_empty() && back.removed.is_empty() && back.changed.is_empty());
}

#[test]
fn reimporting_the_files_of_an_older_version_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(&tmp.path().join("data")).unwrap();
    let (v1, v2) = (write(tmp.path(), "v1.txt", V1), write(tmp.path(), "v2.txt", V2));
    store.import(std::slice::from_ref(&v1), &LinesReader).unwrap();
    store.import(std::slice::from_ref(&v2), &LinesReader).unwrap();
    let again = store.import(&[v1], &LinesReader).unwrap();
    assert_eq!(again.status, ImportStatus::Unchanged);
    assert_eq!((again.version.version, again.version.active), (1, false));
    assert_eq!(store.lists().unwrap()[0].version, 2, "old files never replace the active version");
    assert_eq!(store.import(&[v2], &LinesReader).unwrap().status, ImportStatus::Unchanged);
    assert_eq!(store.versions("test-list").unwrap().len(), 2);
}

#[test]
fn a_reader_failing_midway_keeps_the_previous_version_active() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(&tmp.path().join("data")).unwrap();
    store.import(&[write(tmp.path(), "v1.txt", V1)], &LinesReader).unwrap();
    let broken = write(tmp.path(), "broken.txt", "7|person|New Person\n8|person|Other\nFAIL\n9|person|X");
    let err = store.import(&[broken], &LinesReader).unwrap_err();
    assert_eq!(err.error_code(), Code::InvalidListFile);
    assert!(err.to_string().contains("broken.txt: line 3"), "{err}");

    let versions = store.versions("test-list").unwrap();
    assert_eq!(versions.len(), 1);
    assert!(versions[0].active);
    let ids: Vec<String> = store.load_entities(None).unwrap().into_iter().map(|e| e.id).collect();
    assert_eq!(ids, ["test-list:1", "test-list:2", "test-list:3"]);
    assert!(matches!(store.entity("test-list:7"), Err(StoreError::EntityNotFound(_))));
    store.check_integrity().unwrap();
    // The store is still usable for the next import.
    assert_eq!(store.import(&[write(tmp.path(), "v2.txt", V2)], &LinesReader).unwrap().version.version, 2);
}

#[test]
fn an_empty_read_is_refused_and_a_missing_file_is_named() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(&tmp.path().join("data")).unwrap();
    let err = store.import(&[write(tmp.path(), "empty.txt", "")], &LinesReader).unwrap_err();
    assert!(err.to_string().contains("empty.txt") && err.to_string().contains("no entities"), "{err}");
    let err = store.import(&[tmp.path().join("absent.txt")], &LinesReader).unwrap_err();
    assert!(err.to_string().contains("absent.txt"), "{err}");
    assert!(store.lists().unwrap().is_empty());
}

#[test]
fn duplicate_ids_from_a_reader_are_kept_once_and_warned_about() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(&tmp.path().join("data")).unwrap();
    let outcome = store
        .import(&[write(tmp.path(), "dup.txt", "1|person|A\n1|person|B\n2|person|C")], &LinesReader)
        .unwrap();
    assert_eq!(outcome.version.entities, 2);
    assert_eq!(outcome.warnings.len(), 1);
    assert!(outcome.warnings[0].message.contains("test-list:1 appears twice"));
    assert_eq!(store.entity("test-list:1").unwrap().caption(), "A");
    let details = store.version_details("test-list", 1).unwrap();
    assert_eq!(details.warnings, outcome.warnings);
}

#[test]
fn a_full_disk_midway_keeps_the_previous_version_active() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(&tmp.path().join("data")).unwrap();
    store.import(&[write(tmp.path(), "v1.txt", V1)], &LinesReader).unwrap();
    let size = std::fs::metadata(store.db_path()).unwrap().len();
    store.limit_size(size + 64 * 1024).unwrap();
    // About 20 MB of entities: far past the limit.
    let long_remark = "x".repeat(2000);
    let big: String = (0..10_000).map(|i| format!("{i}|person|Person {i}|{long_remark}{i}\n")).collect();
    let err = store.import(&[write(tmp.path(), "big.txt", &big)], &LinesReader).unwrap_err();
    assert_eq!(err.error_code(), Code::Database, "{err}");
    assert!(err.to_string().contains("full"), "{err}");

    store.check_integrity().unwrap();
    let versions = store.versions("test-list").unwrap();
    assert_eq!(versions.len(), 1);
    assert!(versions[0].active);
    assert_eq!(store.load_entities(None).unwrap().len(), 3);
}

#[test]
fn two_processes_importing_at_once_both_succeed_one_after_the_other() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let big: String = (0..20_000).map(|i| format!("{i}|person|Person number {i}\n")).collect();
    let files = [write(tmp.path(), "big.txt", &big), write(tmp.path(), "other.txt", V2)];
    // Two handles on one directory stand for two processes: each has its own connection.
    let outcomes: Vec<_> = std::thread::scope(|scope| {
        let handles: Vec<_> = files
            .iter()
            .map(|file| {
                let data = &data;
                scope.spawn(move || {
                    Store::open(data).unwrap().import(std::slice::from_ref(file), &LinesReader)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for outcome in &outcomes {
        assert!(outcome.is_ok(), "{outcome:?}");
    }
    let store = Store::open(&data).unwrap();
    let lists: Vec<(String, usize)> =
        store.lists().unwrap().into_iter().map(|v| (v.list, v.entities)).collect();
    assert_eq!(lists, [("other-list".to_owned(), 3), ("test-list".to_owned(), 20_000)]);
    store.check_integrity().unwrap();
}

/// Run by `a_killed_import_leaves_the_previous_version_active` in a child process.
#[test]
#[ignore = "child process of the kill test"]
fn child_slow_import() {
    let Ok(dir) = std::env::var("EMBARGO_TEST_STORE") else { return };
    let store = Store::open(Path::new(&dir)).unwrap();
    let file = PathBuf::from(std::env::var("EMBARGO_TEST_INPUT").unwrap());
    let _ = store.import(&[file], &LinesReader);
}

#[test]
fn a_killed_import_leaves_the_previous_version_active() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    {
        let store = Store::open(&data).unwrap();
        store.import(&[write(tmp.path(), "v1.txt", V1)], &LinesReader).unwrap();
    }
    let marker = tmp.path().join("marker");
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "child_slow_import", "--ignored", "--nocapture"])
        .env("EMBARGO_TEST_STORE", &data)
        .env("EMBARGO_TEST_INPUT", write(tmp.path(), "slow.txt", "SLOW"))
        .env("EMBARGO_TEST_MARKER", &marker)
        .spawn()
        .unwrap();
    let started = Instant::now();
    while !marker.exists() {
        assert!(started.elapsed() < Duration::from_secs(60), "the child never got mid-import");
        assert!(child.try_wait().unwrap().is_none(), "the child exited before being killed");
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();

    let store = Store::open(&data).unwrap();
    store.check_integrity().unwrap();
    let versions = store.versions("test-list").unwrap();
    assert_eq!(versions.len(), 1);
    assert!(versions[0].active);
    assert_eq!(store.load_entities(None).unwrap().len(), 3);
    assert!(matches!(store.entity("test-list:slow5"), Err(StoreError::EntityNotFound(_))));
    assert_eq!(store.import(&[write(tmp.path(), "v2.txt", V2)], &LinesReader).unwrap().version.version, 2);
}

#[test]
fn a_store_written_by_a_newer_embargo_is_refused_not_damaged() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    drop(Store::open(&data).unwrap());
    let conn = rusqlite::Connection::open(data.join(embargo_store::DB_FILE)).unwrap();
    assert_eq!(
        conn.query_row("PRAGMA user_version", [], |r| r.get::<_, u32>(0)).unwrap(),
        embargo_store::SCHEMA_VERSION
    );
    conn.pragma_update(None, "user_version", embargo_store::SCHEMA_VERSION + 1).unwrap();
    drop(conn);
    let err = Store::open(&data).err().expect("a newer schema is refused");
    assert!(err.to_string().contains("newer than this embargo"), "{err}");
}

#[test]
fn an_older_publication_imported_after_a_newer_one_is_stored_inactive_and_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(&tmp.path().join("data")).unwrap();
    let newer = write(tmp.path(), "newer.txt", &format!("@published 2024-05-06\n{V2}"));
    let older = write(tmp.path(), "older.txt", &format!("@published 2018-04-06\n{V1}"));
    store.import(&[newer], &LinesReader).unwrap();
    let outcome = store.import(std::slice::from_ref(&older), &LinesReader).unwrap();
    assert_eq!(outcome.status, ImportStatus::Older);
    assert_eq!((outcome.version.version, outcome.version.active), (2, false));
    let in_force = outcome.superseded_by.as_ref().unwrap();
    assert_eq!((in_force.version, in_force.publication_date), (1, PartialDate::new(2024, Some(5), Some(6))));
    assert_eq!(store.lists().unwrap()[0].version, 1, "the newer publication stays in force");
    assert!(store.load_entities(None).unwrap().iter().all(|e| e.provenance.list_version == "1"));
    // The older version is kept: it can be shown and diffed.
    assert_eq!(store.entity_in_version("test-list:2", "test-list", 2).unwrap().caption(), "Acme Trading LLC");
    assert_eq!(store.diff("test-list", 2, 1).unwrap().added.len(), 1);
    // Importing it again changes nothing; a later publication, or one on the same day, is in force.
    assert_eq!(store.import(&[older], &LinesReader).unwrap().status, ImportStatus::Unchanged);
    let same_day = write(tmp.path(), "same-day.txt", &format!("@published 2024-05-06\n{V1}"));
    assert_eq!(store.import(&[same_day], &LinesReader).unwrap().status, ImportStatus::New);
    // Files without a date cannot be shown to be newer than a dated version in force.
    let undated = write(tmp.path(), "undated.txt", &format!("@published unknown\n{V2}"));
    assert_eq!(store.import(&[undated], &LinesReader).unwrap().status, ImportStatus::Older);
    assert_eq!(store.lists().unwrap()[0].version, 3);
}

/// Imports `first` then `second` into a fresh store; returns the list's versions as
/// (publication date, active).
fn import_in_order(
    first: (&[PathBuf], &dyn ListReader),
    second: (&[PathBuf], &dyn ListReader),
) -> Vec<(String, bool)> {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    let a = store.import(first.0, first.1).unwrap();
    let b = store.import(second.0, second.1).unwrap();
    assert_eq!(a.version.list, b.version.list);
    let versions = store.versions(&a.version.list).unwrap();
    let date = |v: &ListVersion| v.publication_date.map_or("undated".to_owned(), |d| d.to_string());
    versions.iter().map(|v| (date(v), v.active)).collect()
}

#[test]
fn the_2018_consolidated_xml_imported_after_the_2024_one_does_not_become_active() {
    let reader = reader_for(Format::OfacXml).unwrap();
    let y2024 = [shared_file("formats/ofac-consolidated-xml-2024-05-06/consolidated.xml")];
    let y2018 = [shared_file("formats/ofac-consolidated-xml-2018-04-06/consolidated.xml")];
    let newest_first = import_in_order((&y2024, reader.as_ref()), (&y2018, reader.as_ref()));
    assert_eq!(newest_first, [("2024-05-06".to_owned(), true), ("2018-04-06".to_owned(), false)]);
    let oldest_first = import_in_order((&y2018, reader.as_ref()), (&y2024, reader.as_ref()));
    assert_eq!(oldest_first, [("2018-04-06".to_owned(), false), ("2024-05-06".to_owned(), true)]);
}

#[test]
fn the_2026_sdn_edition_and_the_2024_sdn_csv_are_versions_of_ofac_sdn_the_newer_in_force() {
    let mapping = Mapping::from_toml_file(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../../config/mappings/ofac-sdn-kindrat86.toml"),
    )
    .unwrap();
    let kindrat86 = CustomCsvReader::from_mapping(mapping);
    let csv = reader_for(Format::OfacCsv).unwrap();
    let y2026 = [shared_file("lists/ofac/sdn-2026-08-20-kindrat86/ofac-sdn.csv")];
    let y2024 = [shared_file("lists/ofac/sdn-csv-2024-07-02/SDN.CSV")];
    // OFAC's legacy CSV states no date: it cannot be shown newer than the dated 2026 edition.
    let versions = import_in_order((&y2026, &kindrat86), (&y2024, csv.as_ref()));
    assert_eq!(versions, [("2026-08-20".to_owned(), true), ("undated".to_owned(), false)]);
    let versions = import_in_order((&y2024, csv.as_ref()), (&y2026, &kindrat86));
    assert_eq!(versions, [("undated".to_owned(), false), ("2026-08-20".to_owned(), true)]);
}

#[test]
fn goods_items_import_as_a_list_version_counted_as_goods() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    let chpl = reader_for(Format::ChplCsv).unwrap();
    let outcome =
        store.import(&[shared_file("export-control/chpl_hs6_2024-02-23.csv")], chpl.as_ref()).unwrap();
    assert_eq!(outcome.version.list, "chpl");
    assert_eq!(outcome.kinds, [("goods".to_owned(), 50)].into());
    let item = store.entity("chpl:854231").unwrap();
    assert!(item.is_goods());
    assert_eq!(item.goods.unwrap().category.as_deref(), Some("Tier 1"));
    assert_eq!(store.version_details("chpl", 1).unwrap().kinds, outcome.kinds);
}
