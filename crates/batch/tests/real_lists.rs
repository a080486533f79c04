//! Batch screening against a real list (the UN consolidated list, imported into a store).

use embargo_batch::{BatchError, BatchOptions, ColumnMapping, Summary};
use embargo_engine::{Selection, Snapshot};
use embargo_errors::{Code, ErrorCode};
use embargo_model::EntityKind;
use embargo_readers::{reader_for, Format};
use embargo_store::Store;
use embargo_testkit::shared_data;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The UN list imported into a store in a temporary directory, loaded once per test binary.
fn snapshot() -> &'static Snapshot {
    static SNAPSHOT: OnceLock<(tempfile::TempDir, Snapshot)> = OnceLock::new();
    &SNAPSHOT
        .get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            let store = Store::open(dir.path()).unwrap();
            let un = shared_data().join("lists/un/UN_consolidated-2026-02-27.xml");
            store.import(&[un], reader_for(Format::UnXml).unwrap().as_ref()).unwrap();
            let snapshot = Snapshot::load(&store, &Selection::active()).unwrap();
            assert!(snapshot.entity_count() > 900, "the UN list has about 1,000 entries");
            (dir, snapshot)
        })
        .1
}

fn run(options: &BatchOptions) -> Result<Summary, BatchError> {
    embargo_batch::run(snapshot(), options, &mut |_| {})
}

/// Reads a CSV written by the batch (our own reader, so quoting is checked too).
fn read_csv(path: &Path) -> Vec<Vec<String>> {
    use embargo_batch::input::{read_csv_header, CsvRows, LineReader};
    let text = std::fs::read(path).unwrap();
    let mut lines = LineReader::new(&text[..], 0, 1);
    let (columns, _) = read_csv_header(&mut lines, Some(b',')).unwrap();
    let mut rows = CsvRows::new(lines, b',', columns.len());
    let mut out = vec![columns];
    while let Some(row) = rows.next_row().unwrap() {
        out.push(row.content.unwrap());
    }
    out
}

fn column(rows: &[Vec<String>], name: &str) -> usize {
    rows[0].iter().position(|c| c == name).unwrap_or_else(|| panic!("no column {name} in {:?}", rows[0]))
}

/// Listed entities to screen: every 25th of the list, people and organisations.
fn listed_sample() -> Vec<(String, String, EntityKind)> {
    let mut ids = Vec::new();
    // The index does not expose iteration: take the entities from a fresh read of the list.
    let un = shared_data().join("lists/un/UN_consolidated-2026-02-27.xml");
    reader_for(Format::UnXml)
        .unwrap()
        .read(&[un], &mut |e| {
            if !e.caption().trim().is_empty() {
                ids.push((e.id.clone(), e.caption().to_owned(), e.kind));
            }
        })
        .unwrap();
    ids.into_iter().step_by(25).collect()
}

fn write(dir: &Path, name: &str, content: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, content).unwrap();
    path
}

#[test]
fn every_listed_name_in_the_file_is_found() {
    let dir = tempfile::tempdir().unwrap();
    let sample = listed_sample();
    let mut csv = String::from("id,name,kind\n");
    for (id, name, kind) in &sample {
        csv.push_str(&format!("{id},\"{}\",{}\n", name.replace('"', "\"\""), kind.as_str()));
    }
    let input = write(dir.path(), "customers.csv", csv.as_bytes());
    let options = BatchOptions::new(input, dir.path().join("hits.csv"));
    let summary = run(&options).unwrap();
    assert_eq!(summary.counters.records_read, sample.len() as u64);
    assert_eq!(summary.counters.rejected, 0);
    assert_eq!(summary.counters.with_hits, sample.len() as u64, "every listed name has a hit");
    assert!(summary.lists[0].starts_with("un@"));
    let rows = read_csv(&options.output);
    let (input_id, entity_id, list, version) = (
        column(&rows, "input_id"),
        column(&rows, "entity_id"),
        column(&rows, "list"),
        column(&rows, "list_version"),
    );
    for (id, name, _) in &sample {
        assert!(
            rows[1..].iter().any(|r| &r[input_id] == id && &r[entity_id] == id),
            "{name} ({id}) not found among its hits"
        );
    }
    assert!(rows[1..].iter().all(|r| r[list] == "un" && !r[version].is_empty()));
    assert!(!options.partial_path().exists() && !options.checkpoint_path().exists());
}

#[test]
fn names_on_no_list_give_no_hits() {
    let dir = tempfile::tempdir().unwrap();
    let names = [
        "Margaret Thornbury",
        "Lindqvist Bakery AB",
        "Hiroshi Tanakawa",
        "Оксана Петренко-Вишнева",
        "Fernanda Oliveira da Costa",
        "Blue Meadow Organic Farms LLC",
        "Giuseppe Verdelli",
        "Ngozi Adebayo-Okafor",
    ];
    let mut jsonl = String::new();
    for (i, name) in names.iter().enumerate() {
        jsonl.push_str(&serde_json::json!({"id": format!("c{i}"), "name": name}).to_string());
        jsonl.push('\n');
    }
    let input = write(dir.path(), "customers.jsonl", jsonl.as_bytes());
    let mut options = BatchOptions::new(input, dir.path().join("hits.jsonl"));
    options.all = true;
    let summary = run(&options).unwrap();
    assert_eq!(summary.counters.screened, names.len() as u64);
    assert_eq!(summary.counters.with_hits, 0);
    let out = std::fs::read_to_string(&options.output).unwrap();
    let rows: Vec<serde_json::Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(rows.len(), names.len(), "--all writes one row per record without hits");
    assert!(rows.iter().all(|r| r["entity_id"].is_null()));
    assert_eq!(rows[3]["query_name"], "Оксана Петренко-Вишнева");
}

#[test]
fn bad_rows_go_to_the_rejects_file_and_the_run_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let (_, listed, _) = listed_sample().remove(0);
    let mut input = Vec::new();
    input.extend_from_slice(b"id;name;country\n");
    input.extend_from_slice(b"1;;IR\n"); // missing name
    input.extend_from_slice(b"2;\"broken\"quote;IR\n"); // text after a closing quote
    input.extend_from_slice(b"3;too;many;fields\n"); // wrong column count
    input.extend_from_slice(b"4;Bad \xff UTF-8;IR\n"); // invalid UTF-8
    input.extend_from_slice(format!("5;\"{listed}\";\n").as_bytes());
    input.extend_from_slice(b"6;\"never closed;IR\n");
    input.extend_from_slice(b"7;Nobody Special;FR\n");
    let input = write(dir.path(), "semicolons.csv", &input);
    let mut options = BatchOptions::new(input, dir.path().join("hits.csv"));
    options.rejects = Some(dir.path().join("bad.csv"));
    let summary = run(&options).unwrap();
    let c = &summary.counters;
    assert_eq!((c.records_read, c.rejected, c.screened, c.with_hits), (7, 5, 2, 1));
    let rejects = read_csv(&dir.path().join("bad.csv"));
    let lines: Vec<&str> = rejects[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(lines, ["2", "3", "4", "5", "7"]);
    let reasons: Vec<&str> = rejects[1..].iter().map(|r| r[1].as_str()).collect();
    assert!(reasons[0].starts_with("missing name"), "{reasons:?}");
    assert!(reasons[1].starts_with("broken quote"), "{reasons:?}");
    assert!(reasons[2].contains("expected 3 fields, found 4"), "{reasons:?}");
    assert!(reasons[3].contains("invalid UTF-8"), "{reasons:?}");
    assert!(reasons[4].contains("never closed"), "{reasons:?}");
    assert_eq!(rejects[2][2], "2;\"broken\"quote;IR", "the raw line is kept");
    let hits = read_csv(&options.output);
    assert!(hits[1..].iter().all(|r| r[0] == "5"));
}

#[test]
fn a_mapping_naming_an_absent_column_fails_at_once_naming_those_that_exist() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "in.csv", b"customer,first,last\n1,A,B\n");
    let mut options = BatchOptions::new(input, dir.path().join("hits.csv"));
    options.mapping =
        ColumnMapping { name_col: vec!["first".into(), "surname".into()], ..Default::default() };
    let err = run(&options).unwrap_err();
    assert_eq!(err.error_code(), Code::BatchMapping);
    let message = err.to_string();
    assert!(
        message.contains("\"surname\"") && message.contains("\"customer\", \"first\", \"last\""),
        "{message}"
    );
    assert!(!options.output.exists() && !options.partial_path().exists());
}

/// Simulates a crash in the middle of a run: the progress callback panics after two chunks,
/// and half a chunk of rows plus half a checkpoint line are left behind, as a kill during the
/// next write would leave them. The resumed run must give exactly the uninterrupted output.
#[test]
fn resume_after_a_crash_mid_write_gives_the_uninterrupted_output() {
    let dir = tempfile::tempdir().unwrap();
    let sample = listed_sample();
    let mut csv = String::from("ref\tfirst\tlast\n");
    for (i, (_, name, _)) in sample.iter().enumerate() {
        let (first, last) = name.split_once(' ').unwrap_or((name, ""));
        csv.push_str(&format!("r{i}\t{first}\t{last}\n"));
        csv.push_str(&format!("x{i}\tUnlisted\tPerson {i}\n"));
    }
    let input = write(dir.path(), "in.tsv", csv.as_bytes());
    let mut options = BatchOptions::new(input, dir.path().join("clean.csv"));
    options.mapping = ColumnMapping {
        id_col: Some("ref".into()),
        name_col: vec!["first".into(), "last".into()],
        ..Default::default()
    };
    options.chunk_size = 7;
    options.screen.explain = true;
    let clean = run(&options).unwrap();
    let expected = std::fs::read(&options.output).unwrap();

    options.output = dir.path().join("resumed.csv");
    let mut chunks = 0;
    let crashed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        embargo_batch::run(snapshot(), &options, &mut |_| {
            chunks += 1;
            if chunks == 2 {
                panic!("simulated crash");
            }
        })
    }));
    assert!(crashed.is_err());
    let partial = options.partial_path();
    let mut torn = std::fs::read(&partial).unwrap();
    assert!(torn.len() > 100, "two chunks were written");
    torn.extend_from_slice(b"r99,99,half a row");
    std::fs::write(&partial, torn).unwrap();
    let mut journal = std::fs::read(options.checkpoint_path()).unwrap();
    journal.extend_from_slice(b"{\"type\":\"checkpoint\",\"chunk\":3,\"input_off");
    std::fs::write(options.checkpoint_path(), journal).unwrap();
    assert!(!options.output.exists(), "the final path appears only when complete");

    options.resume = true;
    let resumed = run(&options).unwrap();
    assert_eq!(std::fs::read(&options.output).unwrap(), expected);
    assert_eq!(resumed.counters, clean.counters);
    assert!(resumed.resumed_at.is_some_and(|n| n > 0));
}

#[test]
fn resume_is_refused_when_the_options_changed() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "in.csv", b"name\nAlice Example\nBob Example\nCarol Example\n");
    let mut options = BatchOptions::new(input, dir.path().join("hits.csv"));
    options.chunk_size = 1;
    let crashed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        embargo_batch::run(snapshot(), &options, &mut |_| panic!("crash after the first chunk"))
    }));
    assert!(crashed.is_err());
    options.resume = true;
    options.screen.threshold = 0.5;
    let err = run(&options).unwrap_err();
    assert_eq!(err.error_code(), Code::BatchResume);
    assert!(err.to_string().contains("threshold"), "{err}");
    options.screen.threshold = embargo_matcher::DEFAULT_THRESHOLD;
    let summary = run(&options).unwrap();
    assert_eq!(summary.counters.records_read, 3);
    assert_eq!(summary.resumed_at, Some(1));
}

#[test]
fn resume_with_a_journal_that_vouches_for_nothing_starts_over() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "in.csv", b"name\nAlice Example\nBob Example\n");
    let mut options = BatchOptions::new(input, dir.path().join("hits.csv"));
    options.all = true;
    options.resume = true;
    // Killed right after the journal was created: its start entry only, and junk in the output.
    std::fs::write(options.checkpoint_path(), b"{\"type\":\"start\",\"fingerprint\":{}}\n").unwrap();
    std::fs::write(options.partial_path(), b"junk").unwrap();
    let summary = run(&options).unwrap();
    assert_eq!(summary.resumed_at, None);
    let out = std::fs::read_to_string(&options.output).unwrap();
    assert!(out.starts_with("input_id,") && out.lines().count() == 3, "{out}");
}

#[test]
fn json_lines_input_takes_arrays_and_csv_output_carries_the_explanation_as_json() {
    let dir = tempfile::tempdir().unwrap();
    let (id, name, _) = listed_sample().remove(3);
    let (first, rest) = name.split_once(' ').unwrap_or((&name, ""));
    let line = serde_json::json!({"ref": 42, "parts": [first, rest], "passport": ["X1", null]});
    let input = write(dir.path(), "in.ndjson", format!("{line}\n").as_bytes());
    let mut options = BatchOptions::new(input, dir.path().join("hits.csv"));
    options.mapping = ColumnMapping {
        id_col: Some("ref".into()),
        name_col: vec!["parts".into()],
        id_number_col: vec!["passport".into()],
        ..Default::default()
    };
    options.screen.explain = true;
    let summary = run(&options).unwrap();
    assert_eq!(summary.counters.with_hits, 1);
    let rows = read_csv(&options.output);
    let hit =
        rows[1..].iter().find(|r| r[column(&rows, "entity_id")] == id).expect("the listed entity is hit");
    assert_eq!(hit[column(&rows, "input_id")], "42");
    assert_eq!(hit[column(&rows, "query_name")], format!("{first} {rest}").trim());
    let explanation: serde_json::Value = serde_json::from_str(&hit[column(&rows, "explanation")]).unwrap();
    assert!(explanation["value"].as_f64().is_some() && explanation["why"].is_string(), "{explanation}");
}
