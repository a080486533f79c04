//! Detection over the real list files in `../shared/data/lists`.

use embargo_readers::detect::detect;
use embargo_readers::Format;
use std::path::PathBuf;

fn lists_dir() -> PathBuf {
    embargo_testkit::lists_dir()
}

fn names(files: &[PathBuf]) -> Vec<String> {
    files.iter().map(|f| f.file_name().unwrap().to_string_lossy().into_owned()).collect()
}

#[test]
fn the_shared_lists_folder_yields_one_import_per_list_version() {
    let found = detect(&[lists_dir()]).unwrap();
    let summary: Vec<(Format, &str, Vec<String>)> =
        found.lists.iter().map(|l| (l.format, l.list.as_str(), names(&l.files))).collect();
    let expected: Vec<(Format, &str, Vec<&str>)> = vec![
        (
            Format::OfacCsv,
            "ofac-cons",
            vec!["CONS_PRIM.CSV", "CONS_ADD.CSV", "CONS_ALT.CSV", "CONS_COMMENTS.CSV"],
        ),
        (Format::CustomCsv, "ofac-sdn", vec!["ofac-sdn.csv"]),
        (Format::OfacCsv, "ofac-sdn", vec!["SDN.CSV"]),
        (Format::FtmJson, "opensanctions", vec!["entities.ftm.json"]),
        (Format::FtmJson, "opensanctions", vec!["entities.ftm.json"]),
        (
            Format::UkFcdoTables,
            "uk-fcdo",
            vec![
                "subjects.csv",
                "subject_countries.csv",
                "subject_dobs.csv",
                "subject_identifiers.csv",
                "subject_names.csv",
            ],
        ),
        (Format::UkOfsiCsv, "uk-ofsi", vec!["ConList_2025-04-10.csv"]),
        (Format::UnXml, "un", vec!["UN_consolidated-2026-02-27.xml"]),
    ];
    let expected: Vec<(Format, &str, Vec<String>)> =
        expected.into_iter().map(|(f, l, n)| (f, l, n.into_iter().map(str::to_owned).collect())).collect();
    assert_eq!(summary, expected);
    assert!(found.lists.iter().all(|l| l.reader().is_some()), "every detected set has a reader");

    // Everything else is reported with a reason, none silently dropped.
    let skipped: Vec<(String, &str)> = found
        .skipped
        .iter()
        .map(|s| (s.path.file_name().unwrap().to_string_lossy().into_owned(), s.reason.as_str()))
        .collect();
    let skipped_names: Vec<&str> = skipped.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        skipped_names,
        [
            "LICENSE",
            "metadata.json",
            "ofac-sdn.json",
            "ADD.CSV",
            "ALT.CSV",
            "SDN_COMMENTS.CSV",
            "LICENSE-yente-code-MIT.txt",
            "ConList_2025-04-10.xlsx"
        ]
    );
    assert!(skipped[3].1.contains("without SDN.CSV"), "{}", skipped[3].1);
    assert!(skipped[2].1.contains("JSON document"), "{}", skipped[2].1);
    assert!(skipped[7].1.contains("ConList_2025-04-10.csv"), "{}", skipped[7].1);
}

#[test]
fn the_ofsi_workbook_alone_is_detected_as_xlsx() {
    let xlsx = lists_dir().join("uk/ofsi-conlist-2025-04-10/ConList_2025-04-10.xlsx");
    let found = detect(&[xlsx]).unwrap();
    assert_eq!(found.lists.len(), 1);
    assert_eq!((found.lists[0].format, found.lists[0].list.as_str()), (Format::UkOfsiXlsx, "uk-ofsi"));
}

#[test]
fn explicit_ofac_files_form_one_set_with_the_primary_first() {
    let dir = lists_dir().join("ofac/consolidated-nonsdn-2025-12-19-watchman");
    let found = detect(&[dir.join("CONS_ALT.CSV"), dir.join("CONS_PRIM.CSV")]).unwrap();
    assert_eq!(found.lists.len(), 1);
    assert_eq!(names(&found.lists[0].files), ["CONS_PRIM.CSV", "CONS_ALT.CSV"]);
    assert!(found.skipped.is_empty());
}

/// The 2025 companion files have no `SDN.CSV` of their own; named on the command line beside
/// the 2024 `SDN.CSV`, they are joined to it (and the rows that do not join become warnings).
#[test]
fn companion_files_named_beside_an_sdn_csv_of_another_folder_join_it() {
    let ofac = lists_dir().join("ofac");
    let companions = ofac.join("sdn-add-alt-comments-2025-12-24-watchman");
    let found = detect(&[
        ofac.join("sdn-csv-2024-07-02/SDN.CSV"),
        companions.join("ALT.CSV"),
        companions.join("ADD.CSV"),
        companions.join("SDN_COMMENTS.CSV"),
    ])
    .unwrap();
    assert_eq!(found.lists.len(), 1, "{found:?}");
    assert_eq!(names(&found.lists[0].files), ["SDN.CSV", "ADD.CSV", "ALT.CSV", "SDN_COMMENTS.CSV"]);
    assert!(found.skipped.is_empty());
}

/// Found inside folders, companions still need a primary in their own folder.
#[test]
fn companion_files_found_in_a_folder_without_sdn_csv_are_skipped() {
    let found = detect(&[lists_dir().join("ofac/sdn-add-alt-comments-2025-12-24-watchman")]).unwrap();
    assert!(found.lists.is_empty());
    assert_eq!(found.skipped.len(), 3);
}

#[test]
fn export_control_files_and_ofac_formats_are_recognised_with_their_lists() {
    let found = detect(&[embargo_testkit::shared_file("export-control")]).unwrap();
    let summary: Vec<(Format, &str)> = found.lists.iter().map(|l| (l.format, l.list.as_str())).collect();
    assert_eq!(summary, [(Format::ChplCsv, "chpl"), (Format::UsCsl, "us-csl")]);
    assert!(found.skipped.is_empty(), "{:?}", found.skipped);

    let found = detect(&[embargo_testkit::shared_file("formats")]).unwrap();
    let summary: Vec<(Format, &str)> = found.lists.iter().map(|l| (l.format, l.list.as_str())).collect();
    assert_eq!(
        summary,
        [
            (Format::OfacAdvancedXml, "ofac-cons"),
            (Format::OfacXml, "ofac-cons"),
            (Format::OfacXml, "ofac-cons")
        ]
    );
}
