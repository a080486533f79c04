//! Detection of every format from small files written here, and of files that are no list.

use embargo_readers::detect::detect;
use embargo_readers::Format;
use std::path::{Path, PathBuf};

/// A fresh folder under the system temp dir, removed when dropped.
struct Folder(PathBuf);

impl Folder {
    fn new(name: &str) -> Folder {
        let path = std::env::temp_dir().join(format!("embargo-detect-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).unwrap();
        Folder(path)
    }

    fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.0.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, bytes).unwrap();
        path
    }
}

impl Drop for Folder {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn formats_of(dir: &Path) -> Vec<(Format, String, String)> {
    detect(&[dir.to_owned()])
        .unwrap()
        .lists
        .into_iter()
        .map(|l| (l.format, l.list, l.files[0].file_name().unwrap().to_string_lossy().into_owned()))
        .collect()
}

#[test]
fn every_xml_format_is_recognised_by_its_root_element_whatever_the_file_name() {
    let dir = Folder::new("xml");
    dir.write(
        "a.xml",
        b"<?xml version=\"1.0\"?>\n<sdnList xmlns=\"http://tempuri.org/sdnList.xsd\"><publshInformation/>",
    );
    dir.write("b.xml", b"\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"utf-8\"?><Sanctions xmlns=\"x\">");
    dir.write("c.xml", b"<!-- generated -->\n<CONSOLIDATED_LIST dateGenerated=\"2026-02-27\">");
    dir.write(
        "d.dat",
        b"<?xml version=\"1.0\"?><ns2:export xmlns:ns2=\"http://eu.europa.ec/fpi/fsd/export\">",
    );
    dir.write("e.xml", b"<?xml version=\"1.0\"?>\r\n<Designations>");
    assert_eq!(
        formats_of(&dir.0),
        [
            (Format::OfacXml, "ofac-sdn".to_owned(), "a.xml".to_owned()),
            (Format::OfacAdvancedXml, "ofac-sdn".to_owned(), "b.xml".to_owned()),
            (Format::UnXml, "un".to_owned(), "c.xml".to_owned()),
            (Format::EuFsfXml, "eu-fsf".to_owned(), "d.dat".to_owned()),
            (Format::UkFcdo, "uk-fcdo".to_owned(), "e.xml".to_owned()),
        ]
    );
}

#[test]
fn csv_layouts_and_ftm_json_lines_are_recognised_by_their_first_line() {
    let dir = Folder::new("csv");
    dir.write("conlist.csv", b"Last Updated,10/04/2025,,\r\nName 6,Name 1\r\n");
    dir.write("os.json", b"{\"id\":\"NK-1\",\"schema\":\"Person\",\"properties\":{}}\n");
    dir.write("sdn/sdn.csv", b"36,\"AEROCARIBBEAN AIRLINES\",-0- ,\"CUBA\"\r\n");
    dir.write("sdn/alt.csv", b"36,12,\"aka\",\"AERO-CARIBBEAN\",-0- \r\n");
    assert_eq!(
        formats_of(&dir.0),
        [
            (Format::UkOfsiCsv, "uk-ofsi".to_owned(), "conlist.csv".to_owned()),
            (Format::FtmJson, "opensanctions".to_owned(), "os.json".to_owned()),
            (Format::OfacCsv, "ofac-sdn".to_owned(), "sdn.csv".to_owned()),
        ]
    );
    let found = detect(std::slice::from_ref(&dir.0)).unwrap();
    assert_eq!(found.lists[2].files.len(), 2, "ALT.CSV joins its SDN.CSV, names matched case-insensitively");
}

#[test]
fn files_that_are_no_list_are_skipped_with_a_reason() {
    let dir = Folder::new("junk");
    dir.write("empty.csv", b"");
    dir.write("binary.bin", &[0u8, 159, 146, 150, 255, 0, 1]);
    dir.write("archive.zip", b"PK\x03\x04rest");
    dir.write("notes.xml", b"<html><body/></html>");
    dir.write("blocklist.csv", b"Name,Country\nAcme,RU\n");
    dir.write("doc.json", b"{\n  \"name\": \"x\"\n}\n");
    dir.write(".hidden", b"<CONSOLIDATED_LIST>");
    let found = detect(std::slice::from_ref(&dir.0)).unwrap();
    assert!(found.lists.is_empty(), "{:?}", found.lists);
    let reasons: Vec<(String, String)> = found
        .skipped
        .iter()
        .map(|s| (s.path.file_name().unwrap().to_string_lossy().into_owned(), s.reason.clone()))
        .collect();
    let expect = [
        ("archive.zip", "ZIP archive"),
        ("binary.bin", "a binary file"),
        ("blocklist.csv", "first line: \"Name,Country\""),
        ("doc.json", "JSON document"),
        ("empty.csv", "empty file"),
        ("notes.xml", "root element <html>"),
    ];
    assert_eq!(reasons.len(), expect.len(), "{reasons:?}");
    for ((name, reason), (want_name, want_reason)) in reasons.iter().zip(expect) {
        assert_eq!(name, want_name);
        assert!(reason.contains(want_reason), "{name}: {reason}");
    }
}

#[test]
fn a_missing_path_is_an_error_naming_it() {
    let err = detect(&[PathBuf::from("/nonexistent/embargo/lists")]).unwrap_err();
    assert!(err.to_string().contains("/nonexistent/embargo/lists"), "{err}");
}

mod random_input {
    use super::Folder;
    use embargo_readers::detect::detect;
    use proptest::prelude::*;

    const NAMES: [&str; 8] = [
        "list.xml",
        "SDN.CSV",
        "CONS_ALT.CSV",
        "subjects.csv",
        "subject_names.csv",
        "a.xlsx",
        "x.json",
        "noext",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Whatever the bytes, detection classifies or skips; it never panics or fails.
        #[test]
        fn detection_never_panics_on_random_bytes(
            files in proptest::collection::vec((0..NAMES.len(), proptest::collection::vec(any::<u8>(), 0..300)), 1..5),
            prefix in prop_oneof![Just(&b""[..]), Just(&b"<?xml version=\"1.0\"?><"[..]), Just(&b"PK\x03\x04"[..]), Just(&b"{\"id\":"[..]), Just(&b"Last Updated,"[..])],
        ) {
            let dir = Folder::new("random");
            for (name, bytes) in &files {
                let mut content = prefix.to_vec();
                content.extend_from_slice(bytes);
                dir.write(NAMES[*name], &content);
            }
            let found = detect(std::slice::from_ref(&dir.0)).unwrap();
            let written: std::collections::BTreeSet<usize> = files.iter().map(|(n, _)| *n).collect();
            let accounted = found.lists.iter().map(|l| l.files.len()).sum::<usize>() + found.skipped.len();
            prop_assert_eq!(accounted, written.len(), "every file is either in a list or skipped");
        }
    }
}
