//! The OFSI reader on a small fixture (CSV, and the same rows as an XLSX workbook laid out
//! like the official one), on broken files, and on random and mutated input.

use embargo_model::{Entity, EntityKind, Gender, IdKind, NameRole, PartialDate};
use embargo_readers::uk_ofsi::UkOfsiReader;
use embargo_readers::{ListReader, Location, ReadError, ReadReport, MAX_FIELD_BYTES};
use embargo_testkit::shared_data;
use proptest::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/uk_ofsi").join(name)
}

/// Writes `bytes` to a fresh temporary file with `extension`.
fn temp_file(bytes: &[u8], extension: &str) -> PathBuf {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let path = std::env::temp_dir().join(format!("embargo-uk-ofsi-{}-{n}.{extension}", std::process::id()));
    std::fs::write(&path, bytes).unwrap();
    path
}

fn read_path(reader: UkOfsiReader, path: PathBuf) -> Result<(ReadReport, Vec<Entity>), ReadError> {
    let mut entities = Vec::new();
    let result = reader.read(std::slice::from_ref(&path), &mut |e| entities.push(e));
    result.map(|report| (report, entities))
}

fn read_csv_bytes(bytes: &[u8]) -> Result<(ReadReport, Vec<Entity>), ReadError> {
    let path = temp_file(bytes, "csv");
    let result = read_path(UkOfsiReader::csv(), path.clone());
    std::fs::remove_file(path).ok();
    result
}

fn read_xlsx_bytes(bytes: &[u8]) -> Result<(ReadReport, Vec<Entity>), ReadError> {
    let path = temp_file(bytes, "xlsx");
    let result = read_path(UkOfsiReader::xlsx(), path.clone());
    std::fs::remove_file(path).ok();
    result
}

fn fixture_csv() -> String {
    std::fs::read_to_string(fixture("conlist-small.csv")).unwrap()
}

#[test]
fn fixture_groups_fold_non_adjacent_rows() {
    let (report, entities) = read_path(UkOfsiReader::csv(), fixture("conlist-small.csv")).unwrap();
    assert_eq!(report.entities, 3);
    assert_eq!(report.publication_date, PartialDate::new(2025, Some(3), Some(2)));
    let ids: Vec<&str> = entities.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["uk-ofsi:100", "uk-ofsi:200", "uk-ofsi:300"]);

    let ivanov = &entities[0];
    assert_eq!(ivanov.kind, EntityKind::Person);
    assert_eq!(ivanov.caption(), "Ivan Ivanovich IVANOV");
    let roles: Vec<NameRole> = ivanov.names.iter().map(|n| n.role).collect();
    assert_eq!(roles, [NameRole::Primary, NameRole::StrongAlias, NameRole::WeakAlias]);
    assert_eq!(ivanov.names[1].script.as_deref(), Some("Cyrl"));
    assert_eq!(ivanov.birth_dates.len(), 2);
    assert_eq!(ivanov.birth_dates[0].from, Some(PartialDate::year(1961)));
    let passports: Vec<_> = ivanov.identifiers.iter().filter(|i| i.kind == IdKind::Passport).collect();
    assert_eq!(passports.len(), 2);
    assert_eq!(passports[1].value, "AB 99");
    assert_eq!(passports[1].note.as_deref(), Some("Cypriot passport, expires 01/01/2030"));
    let nationalities: Vec<_> = ivanov.nationalities.iter().map(|c| c.code.as_deref()).collect();
    assert_eq!(nationalities, [Some("RU"), Some("CY")]);
    assert_eq!(ivanov.gender, Some(Gender::Male));
    assert_eq!(ivanov.titles, ["Mr"]);
    assert_eq!(ivanov.last_updated, PartialDate::new(2023, Some(5), Some(21)));
    assert_eq!(ivanov.remarks.len(), 1);
    assert!(ivanov.remarks[0].contains("line one.\nLine two"));

    let acme = &entities[1];
    assert_eq!(acme.kind, EntityKind::Organization);
    assert_eq!(acme.identifiers.iter().filter(|i| i.kind == IdKind::Phone).count(), 2);
    assert!(acme
        .identifiers
        .iter()
        .any(|i| i.kind == IdKind::Registration && i.value == "OGRN 1027700000000"));

    let ship = &entities[2];
    assert_eq!(ship.kind, EntityKind::Vessel);
    assert_eq!(ship.names[1].role, NameRole::FormerName);
    assert_eq!(ship.identifiers[0].kind, IdKind::Imo);
    assert_eq!(ship.countries[0].code.as_deref(), Some("PA"));
}

#[test]
fn fixture_xlsx_reads_as_its_csv() {
    let (_, from_csv) = read_path(UkOfsiReader::csv(), fixture("conlist-small.csv")).unwrap();
    let (report, from_xlsx) = read_path(UkOfsiReader::xlsx(), fixture("conlist-small.xlsx")).unwrap();
    assert_eq!(report.format, embargo_readers::Format::UkOfsiXlsx);
    assert_eq!(from_csv, from_xlsx);
}

#[test]
fn empty_file_is_an_error() {
    let err = read_csv_bytes(b"").unwrap_err();
    assert_eq!(err.location, Location::File);
    assert!(err.message.contains("empty"), "{err}");
    let err = read_xlsx_bytes(b"").unwrap_err();
    assert!(err.message.contains("empty"), "{err}");
}

#[test]
fn file_without_header_row_is_an_error() {
    let err = read_csv_bytes(b"Last Updated,02/03/2025\n").unwrap_err();
    assert!(err.message.contains("no header row"), "{err}");
}

#[test]
fn file_of_another_format_fails_on_line_1() {
    let err = read_csv_bytes(b"{\"id\": \"x\", \"schema\": \"Person\"}\n").unwrap_err();
    assert_eq!(err.location, Location::Line(1));
    assert!(err.expected.contains("Last Updated"), "{err}");
    // The XLSX given to the CSV reader, and the CSV given to the XLSX reader.
    assert!(read_path(UkOfsiReader::csv(), fixture("conlist-small.xlsx")).is_err());
    let err = read_path(UkOfsiReader::xlsx(), fixture("conlist-small.csv")).unwrap_err();
    assert!(err.message.contains("not a readable XLSX"), "{err}");
}

#[test]
fn header_without_group_id_names_the_columns_found() {
    let text = fixture_csv().replacen(",Group ID", ",Group", 1);
    let err = read_csv_bytes(text.as_bytes()).unwrap_err();
    assert_eq!(err.location, Location::Line(2));
    assert!(err.message.contains("no `Group ID` column") && err.message.contains("Name 6"), "{err}");
}

#[test]
fn row_with_a_missing_column_names_its_line() {
    let text = fixture_csv().replacen("ACME SHIPPING LLC,", "ACME SHIPPING LLC", 1);
    let err = read_csv_bytes(text.as_bytes()).unwrap_err();
    assert!(matches!(err.location, Location::Line(n) if n > 3), "{err}");
    assert_eq!(err.expected, "36 columns, as in the header");
}

#[test]
fn broken_quote_is_an_error_not_a_panic() {
    let text = fixture_csv().replacen("SEA DRAGON,", "\"SEA DRAGON,", 1);
    let err = read_csv_bytes(text.as_bytes()).unwrap_err();
    assert!(matches!(err.location, Location::Line(_)), "{err}");
}

#[test]
fn invalid_utf8_names_line_and_column() {
    let mut bytes = fixture_csv().into_bytes();
    let at = bytes.windows(4).position(|w| w == b"ACME").unwrap();
    bytes[at + 1] = 0xFF;
    let err = read_csv_bytes(&bytes).unwrap_err();
    assert_eq!(err.expected, "UTF-8 text");
    assert!(err.message.contains("column 1"), "{err}");
    assert!(matches!(err.location, Location::Line(n) if n > 3), "{err}");
}

#[test]
fn binary_file_is_an_error() {
    let bytes: Vec<u8> = (0..4096u32).map(|i| (i * 7919 % 251) as u8).collect();
    assert!(read_csv_bytes(&bytes).is_err());
    assert!(read_xlsx_bytes(&bytes).is_err());
}

#[test]
fn field_over_the_limit_is_refused() {
    let huge = "x".repeat(MAX_FIELD_BYTES + 1);
    let text = fixture_csv().replacen("(UK Sanctions List Ref):RUS9998.", &huge, 1);
    let err = read_csv_bytes(text.as_bytes()).unwrap_err();
    assert!(err.expected.contains("at most"), "{err}");
}

#[test]
fn truncated_workbook_is_an_error() {
    let bytes = std::fs::read(fixture("conlist-small.xlsx")).unwrap();
    let err = read_xlsx_bytes(&bytes[..bytes.len() / 2]).unwrap_err();
    assert_eq!(err.location, Location::File);
}

/// The fixture workbook rebuilt with one of its parts (`xl/worksheets/sheet1.xml`,
/// `xl/sharedStrings.xml`) replaced: mutations inside the zip reach calamine's XML parsing,
/// where byte flips of the zip itself mostly stop at its checksums.
fn workbook_with_part(part: &str, content: &[u8]) -> Vec<u8> {
    use std::io::{Cursor, Read, Write};
    let original = std::fs::read(fixture("conlist-small.xlsx")).unwrap();
    let mut archive = zip::ZipArchive::new(Cursor::new(original)).unwrap();
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let name = file.name().unwrap().into_owned();
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes).unwrap();
        writer.start_file(name.as_str(), zip::write::SimpleFileOptions::default()).unwrap();
        writer.write_all(if name == part { content } else { &bytes }).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

fn workbook_part(part: &str) -> Vec<u8> {
    use std::io::{Cursor, Read};
    let original = std::fs::read(fixture("conlist-small.xlsx")).unwrap();
    let mut archive = zip::ZipArchive::new(Cursor::new(original)).unwrap();
    let mut bytes = Vec::new();
    archive.by_name(part).unwrap().read_to_end(&mut bytes).unwrap();
    bytes
}

#[test]
fn truncated_sheet_inside_the_workbook_is_an_error() {
    let sheet = workbook_part("xl/worksheets/sheet1.xml");
    let bytes = workbook_with_part("xl/worksheets/sheet1.xml", &sheet[..sheet.len() * 2 / 3]);
    assert!(read_xlsx_bytes(&bytes).is_err());
}

#[test]
fn workbook_rebuilt_unchanged_reads_as_the_fixture() {
    // Guards the mutation helper: with the part unchanged, the workbook still reads whole.
    let sheet = workbook_part("xl/worksheets/sheet1.xml");
    let (report, _) = read_xlsx_bytes(&workbook_with_part("xl/worksheets/sheet1.xml", &sheet)).unwrap();
    assert_eq!(report.entities, 3);
}

fn real_csv_head() -> Vec<u8> {
    let root = shared_data();
    let bytes = std::fs::read(root.join("lists/uk/ofsi-conlist-2025-04-10/ConList_2025-04-10.csv")).unwrap();
    bytes[..64 * 1024].to_vec()
}

fn mutate(mut bytes: Vec<u8>, cut: usize, flips: &[(usize, u8)]) -> Vec<u8> {
    bytes.truncate(cut % (bytes.len() + 1));
    for &(at, byte) in flips {
        if !bytes.is_empty() {
            let at = at % bytes.len();
            bytes[at] = byte;
        }
    }
    bytes
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = read_csv_bytes(&bytes);
        let _ = read_xlsx_bytes(&bytes);
    }

    #[test]
    fn mutated_csv_never_panics(
        cut in any::<usize>(),
        flips in proptest::collection::vec((any::<usize>(), any::<u8>()), 0..8),
        real in any::<bool>(),
    ) {
        let original = if real { real_csv_head() } else { fixture_csv().into_bytes() };
        let _ = read_csv_bytes(&mutate(original, cut, &flips));
    }

    #[test]
    fn mutated_workbook_parts_never_panic(
        cut in any::<usize>(),
        flips in proptest::collection::vec((any::<usize>(), any::<u8>()), 0..8),
        strings in any::<bool>(),
    ) {
        let part = if strings { "xl/sharedStrings.xml" } else { "xl/worksheets/sheet1.xml" };
        let mutated = mutate(workbook_part(part), cut, &flips);
        let _ = read_xlsx_bytes(&workbook_with_part(part, &mutated));
    }

    #[test]
    fn mutated_xlsx_never_panics(
        cut in any::<usize>(),
        flips in proptest::collection::vec((any::<usize>(), any::<u8>()), 0..8),
    ) {
        let original = std::fs::read(fixture("conlist-small.xlsx")).unwrap();
        let _ = read_xlsx_bytes(&mutate(original, cut, &flips));
    }
}
