//! The custom CSV reader on broken files, and on random and mutated input.

use embargo_readers::custom_csv::{CustomCsvReader, Mapping};
use embargo_readers::{ListReader, Location, ReadError, MAX_FIELD_BYTES};
use proptest::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/custom").join(name)
}

fn blocklist_mapping() -> Mapping {
    Mapping::from_toml_file(&fixture("blocklist.toml")).unwrap()
}

fn read_bytes(mapping: Mapping, bytes: &[u8]) -> Result<usize, ReadError> {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let path = std::env::temp_dir().join(format!("embargo-custom-{}-{n}.csv", std::process::id()));
    std::fs::write(&path, bytes).unwrap();
    let mut count = 0;
    let result =
        CustomCsvReader::from_mapping(mapping).read(std::slice::from_ref(&path), &mut |_| count += 1);
    std::fs::remove_file(path).ok();
    result.map(|report| {
        assert_eq!(report.entities, count);
        count
    })
}

fn fixture_text() -> String {
    std::fs::read_to_string(fixture("blocklist.csv")).unwrap()
}

#[test]
fn empty_file_is_an_error() {
    let err = read_bytes(blocklist_mapping(), b"").unwrap_err();
    assert_eq!(err.location, Location::File);
    assert!(err.message.contains("empty"), "{err}");
}

#[test]
fn row_with_an_extra_column_names_its_line() {
    let text = fixture_text().replacen("Known to the fraud team", "Known;extra", 1);
    let err = read_bytes(blocklist_mapping(), text.as_bytes()).unwrap_err();
    assert_eq!(err.location, Location::Line(2));
    assert_eq!(err.expected, "10 columns, as in the header");
    assert!(err.message.contains("11"), "{err}");
}

#[test]
fn broken_quote_is_an_error() {
    let text = fixture_text().replacen("B-2;ACME", "B-2;\"ACME", 1);
    let err = read_bytes(blocklist_mapping(), text.as_bytes()).unwrap_err();
    assert_eq!(err.location, Location::Line(3), "{err}");
}

#[test]
fn invalid_utf8_is_an_error_naming_line_and_column() {
    let mut bytes = fixture_text().into_bytes();
    let at = bytes.windows(5).position(|w| w == b"OCEAN").unwrap();
    bytes[at + 2] = 0xFE;
    let err = read_bytes(blocklist_mapping(), &bytes).unwrap_err();
    assert_eq!(err.location, Location::Line(4));
    assert!(err.message.contains("column 2"), "{err}");
}

#[test]
fn binary_file_is_an_error() {
    let mut bytes = b"Ref;Full name\n".to_vec();
    bytes.extend((0..2048u32).map(|i| (i * 31 % 256) as u8));
    assert!(read_bytes(blocklist_mapping(), &bytes).is_err());
}

#[test]
fn wrong_format_fails_on_the_header() {
    // An FtM JSON line is not a CSV with the mapped columns.
    let err = read_bytes(blocklist_mapping(), b"{\"id\": \"x\", \"schema\": \"Person\"}\n").unwrap_err();
    assert_eq!(err.location, Location::Line(1));
    assert!(err.message.contains("no column `Ref`"), "{err}");
}

#[test]
fn field_over_the_limit_is_refused() {
    let text = fixture_text().replacen("Known to the fraud team", &"k".repeat(MAX_FIELD_BYTES + 1), 1);
    let err = read_bytes(blocklist_mapping(), text.as_bytes()).unwrap_err();
    assert_eq!(err.location, Location::Line(2));
    assert!(err.expected.contains("at most"), "{err}");
}

#[test]
fn repeated_id_is_a_warning_and_the_row_is_skipped() {
    let text = fixture_text().replacen("B-3;", "B-1;", 1);
    assert_eq!(read_bytes(blocklist_mapping(), text.as_bytes()).unwrap(), 2);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = read_bytes(blocklist_mapping(), &bytes);
    }

    #[test]
    fn mutated_fixture_never_panics(
        cut in any::<usize>(),
        flips in proptest::collection::vec((any::<usize>(), any::<u8>()), 0..8),
    ) {
        let mut bytes = fixture_text().into_bytes();
        bytes.truncate(cut % (bytes.len() + 1));
        for (at, byte) in flips {
            if !bytes.is_empty() {
                let at = at % bytes.len();
                bytes[at] = byte;
            }
        }
        let _ = read_bytes(blocklist_mapping(), &bytes);
    }
}
