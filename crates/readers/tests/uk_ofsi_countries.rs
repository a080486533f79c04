//! Country resolution (`embargo_model::country`) on every country name written in the real UN
//! and OFSI lists.

use embargo_model::country::resolve;
use embargo_testkit::shared_data;
use std::collections::BTreeMap;

/// Distinct country texts with how often they occur.
type Names = BTreeMap<String, usize>;

fn ofsi_country_names() -> Names {
    let path = shared_data().join("lists/uk/ofsi-conlist-2025-04-10/ConList_2025-04-10.csv");
    let mut rows = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_path(path).unwrap();
    let mut names = Names::new();
    // Country of Birth, Nationality, Country: numbered cells hold several countries.
    for row in rows.records().skip(2) {
        let row = row.unwrap();
        for col in [12, 13, 26] {
            for name in split_numbered(&row[col]) {
                *names.entry(name).or_default() += 1;
            }
        }
    }
    names
}

fn split_numbered(cell: &str) -> Vec<String> {
    let mut items = vec![cell.to_owned()];
    if cell.trim_start().starts_with("(1)") {
        items =
            cell.split(['(', ')']).filter(|s| s.trim().parse::<u32>().is_err()).map(str::to_owned).collect();
    }
    items
        .into_iter()
        .map(|s| s.trim().trim_end_matches('.').trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}

fn un_country_names() -> Names {
    let path = shared_data().join("lists/un/UN_consolidated-2026-02-27.xml");
    let xml = std::fs::read_to_string(path).unwrap();
    let mut names = Names::new();
    for tag in ["COUNTRY", "ISSUING_COUNTRY", "COUNTRY_OF_ISSUE"] {
        let open = format!("<{tag}>");
        for piece in xml.split(&open).skip(1) {
            let value = piece.split('<').next().unwrap().trim();
            if !value.is_empty() {
                *names.entry(value.to_owned()).or_default() += 1;
            }
        }
    }
    // Nationalities are <NATIONALITY><VALUE>...</VALUE></NATIONALITY>.
    for piece in xml.split("<NATIONALITY>").skip(1) {
        let block = piece.split("</NATIONALITY>").next().unwrap();
        for value in block.split("<VALUE>").skip(1) {
            let value = value.split('<').next().unwrap().trim();
            if !value.is_empty() {
                *names.entry(value.to_owned()).or_default() += 1;
            }
        }
    }
    names
}

fn share_resolved(names: &Names) -> (f64, Vec<&String>) {
    let total: usize = names.values().sum();
    let unresolved: Vec<&String> = names.keys().filter(|n| resolve(n).is_none()).collect();
    let missed: usize = unresolved.iter().map(|n| names[*n]).sum();
    (1.0 - missed as f64 / total as f64, unresolved)
}

#[test]
fn over_99_percent_of_ofsi_and_un_country_mentions_resolve() {
    for (list, names) in [("OFSI", ofsi_country_names()), ("UN", un_country_names())] {
        assert!(names.len() > 50, "{list}: only {} distinct names read", names.len());
        let (share, unresolved) = share_resolved(&names);
        let distinct_share = 1.0 - unresolved.len() as f64 / names.len() as f64;
        eprintln!(
            "{list}: {} distinct country texts, {:.2}% of mentions and {:.2}% of distinct texts resolve; unresolved: {unresolved:?}",
            names.len(),
            share * 100.0,
            distinct_share * 100.0
        );
        assert!(share > 0.99, "{list}: {:.2}% resolve; unresolved: {unresolved:?}", share * 100.0);
    }
}

#[test]
fn list_spellings_resolve_to_their_codes() {
    for (name, code) in [
        ("Democratic People's Republic of Korea", "KP"),
        ("Iran (Islamic Republic of)", "IR"),
        ("Syrian Arab Republic", "SY"),
        ("Democratic Republic of the Congo", "CD"),
        ("Russia", "RU"),
        ("Iraq (previous address)", "IQ"),
    ] {
        assert_eq!(resolve(name), Some(code), "{name}");
    }
}
