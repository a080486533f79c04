//! Property tests of the OFAC readers: real lines and fixtures, mutated (bytes flipped,
//! inserted, cut) or replaced by random bytes, must give entities or a `ReadError` naming one of
//! the files read, never a panic.

use embargo_readers::{
    ofac_advanced::OfacAdvancedReader, ofac_csv::OfacCsvReader, ofac_xml::OfacXmlReader, ListReader,
};
use embargo_testkit::shared_data;
use proptest::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

/// Every 40th line of the real SDN.CSV and ALT.CSV (some 400 and 500 lines): entries of every
/// kind and age, with their remarks.
fn real_lines(file: &str) -> &'static [u8] {
    static SDN: OnceLock<Vec<u8>> = OnceLock::new();
    static ALT: OnceLock<Vec<u8>> = OnceLock::new();
    let (cell, path) = match file {
        "SDN.CSV" => (&SDN, "lists/ofac/sdn-csv-2024-07-02/SDN.CSV"),
        _ => (&ALT, "lists/ofac/sdn-add-alt-comments-2025-12-24-watchman/ALT.CSV"),
    };
    cell.get_or_init(|| {
        let bytes = std::fs::read(shared_data().join(path)).expect("real OFAC data in ../shared/data");
        bytes.split_inclusive(|b| *b == b'\n').step_by(40).flatten().copied().collect()
    })
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ofac").join(name)).unwrap()
}

/// A fresh directory per case, so cases never read each other's files; removed when dropped.
struct CaseDir(PathBuf);

impl CaseDir {
    fn new() -> CaseDir {
        static CASE: AtomicUsize = AtomicUsize::new(0);
        let n = CASE.fetch_add(1, Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("embargo-ofac-prop-{}-{n}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        CaseDir(dir)
    }

    fn join(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for CaseDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[derive(Debug, Clone)]
enum Mutation {
    Flip(usize, u8),
    Insert(usize, Vec<u8>),
    Delete(usize, usize),
    Truncate(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    // Bytes that matter to the formats: quotes, separators, line ends, markup, EOF, NUL, high.
    let special =
        prop::sample::select(vec![b'"', b',', b'\n', b'\r', b'<', b'>', b'&', b';', 0x1A, 0, 0xFF, b'\'']);
    let any_byte = prop_oneof![special, any::<u8>()];
    prop_oneof![
        (any::<usize>(), any_byte.clone()).prop_map(|(at, b)| Mutation::Flip(at, b)),
        (any::<usize>(), prop::collection::vec(any_byte, 1..8)).prop_map(|(at, b)| Mutation::Insert(at, b)),
        (any::<usize>(), 1usize..64).prop_map(|(at, n)| Mutation::Delete(at, n)),
        any::<usize>().prop_map(Mutation::Truncate),
    ]
}

fn mutate(mut bytes: Vec<u8>, mutations: &[Mutation]) -> Vec<u8> {
    for m in mutations {
        let len = bytes.len().max(1);
        match m {
            Mutation::Flip(at, b) => {
                if !bytes.is_empty() {
                    bytes[at % len] = *b;
                }
            }
            Mutation::Insert(at, new) => {
                let at = at % (bytes.len() + 1);
                bytes.splice(at..at, new.iter().copied());
            }
            Mutation::Delete(at, n) => {
                let at = at % len;
                let end = (at + n).min(bytes.len());
                if at < end {
                    bytes.drain(at..end);
                }
            }
            Mutation::Truncate(at) => bytes.truncate(at % len),
        }
    }
    bytes
}

/// Reads `files` and checks the outcome is entities or an error about one of them.
fn read_never_panics(reader: &dyn ListReader, files: &[PathBuf]) -> Result<(), TestCaseError> {
    let mut seen = 0usize;
    match reader.read(files, &mut |_| seen += 1) {
        Ok(report) => prop_assert_eq!(report.entities, seen),
        Err(e) => {
            prop_assert!(files.contains(&e.file), "error names another file: {}", e);
            prop_assert!(!e.expected.is_empty() && !e.message.is_empty(), "{}", e);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn mutated_real_csv_lines_never_panic(
        sdn_mutations in prop::collection::vec(mutation(), 0..6),
        alt_mutations in prop::collection::vec(mutation(), 0..4),
    ) {
        let dir = CaseDir::new();
        let sdn = dir.join("SDN.CSV");
        let alt = dir.join("ALT.CSV");
        std::fs::write(&sdn, mutate(real_lines("SDN.CSV").to_vec(), &sdn_mutations)).unwrap();
        std::fs::write(&alt, mutate(real_lines("ALT.CSV").to_vec(), &alt_mutations)).unwrap();
        read_never_panics(&OfacCsvReader, &[sdn, alt])?;
    }

    #[test]
    fn arbitrary_remarks_never_panic(remarks in "[ -~\u{a0}-\u{ff}]{0,300}", kind in 0usize..4) {
        // Any text in the remarks column of a well-formed row, Latin-1 encoded.
        let kind = ["individual", "-0- ", "vessel", "aircraft"][kind];
        let mut row = format!("1,\"X, Y\",\"{kind}\",\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"").into_bytes();
        row.extend(remarks.replace('"', "\"\"").chars().map(|c| c as u32 as u8));
        row.extend_from_slice(b"\"\r\n");
        let dir = CaseDir::new();
        let sdn = dir.join("SDN.CSV");
        std::fs::write(&sdn, row).unwrap();
        let mut kept = Vec::new();
        let report = OfacCsvReader.read(std::slice::from_ref(&sdn), &mut |e| kept.push(e));
        prop_assert!(report.is_ok(), "{:?}", report.err());
        prop_assert_eq!(kept.len(), 1);
    }

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let dir = CaseDir::new();
        for (reader, name) in [
            (&OfacCsvReader as &dyn ListReader, "SDN.CSV"),
            (&OfacXmlReader, "sdn.xml"),
            (&OfacAdvancedReader, "sdn_advanced.xml"),
        ] {
            let path = dir.join(name);
            std::fs::write(&path, &bytes).unwrap();
            read_never_panics(reader, &[path])?;
        }
    }

    #[test]
    fn mutated_xml_fixtures_never_panic(mutations in prop::collection::vec(mutation(), 1..6)) {
        let dir = CaseDir::new();
        let xml = dir.join("sdn.xml");
        std::fs::write(&xml, mutate(fixture("sdn.xml"), &mutations)).unwrap();
        read_never_panics(&OfacXmlReader, &[xml])?;
        let advanced = dir.join("sdn_advanced.xml");
        std::fs::write(&advanced, mutate(fixture("sdn_advanced.xml"), &mutations)).unwrap();
        read_never_panics(&OfacAdvancedReader, &[advanced])?;
    }
}
