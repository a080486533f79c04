//! The deck must stay independent of the matcher: it reads no name through `embargo-names`
//! (the dependency exists only for the old harness, behind the `legacy` feature) and uses the
//! matcher only through its screening API. These tests read the manifest and the deck's
//! sources, so a change that breaks either rule fails CI.

use std::path::{Path, PathBuf};

/// Items of `embargo_matcher` the deck may use: the public screening API.
const ALLOWED_MATCHER_ITEMS: &[&str] = &["Index", "Query", "ScreenOptions", "DEFAULT_THRESHOLD"];

fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every source file of the deck and of what it uses (lists, rng, the binary).
fn deck_sources() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let src = crate_dir().join("src");
    let mut files = Vec::new();
    walk(&src.join("deck"), &mut files);
    files.extend(["lists.rs", "rng.rs", "main.rs"].iter().map(|f| src.join(f)));
    assert!(files.len() >= 8, "deck sources not found: {files:?}");
    files
}

#[test]
fn the_deck_does_not_import_embargo_names() {
    for file in deck_sources() {
        let text = std::fs::read_to_string(&file).unwrap();
        // Comments may name the crate (to say the deck does not use it); code may not.
        for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.trim_start().starts_with("//")) {
            assert!(
                !line.contains("embargo_names") && !line.contains("embargo-names"),
                "{}:{}: the deck must not use embargo-names: {line}",
                file.display(),
                n + 1
            );
        }
    }
}

/// The names used after `embargo_matcher::` in `text` (in `use` lists and paths).
fn matcher_items(text: &str) -> Vec<String> {
    let mut items = Vec::new();
    for (i, _) in text.match_indices("embargo_matcher::") {
        let rest = &text[i + "embargo_matcher::".len()..];
        let list = if let Some(inner) = rest.strip_prefix('{') {
            &inner[..inner.find('}').unwrap_or(inner.len())]
        } else {
            &rest[..rest.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(rest.len())]
        };
        items.extend(list.split(',').map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()));
    }
    items
}

#[test]
fn the_deck_uses_the_matcher_only_through_its_screening_api() {
    let mut seen = Vec::new();
    for file in deck_sources() {
        let text = std::fs::read_to_string(&file).unwrap();
        for item in matcher_items(&text) {
            assert!(
                ALLOWED_MATCHER_ITEMS.contains(&item.as_str()),
                "{}: the deck uses embargo_matcher::{item}; only {ALLOWED_MATCHER_ITEMS:?} are allowed",
                file.display()
            );
            seen.push(item);
        }
        assert!(
            !text.contains(".screen_with("),
            "{}: screen_with takes a scorer of the deck's choosing",
            file.display()
        );
    }
    assert!(seen.iter().any(|i| i == "Index"), "the scan found no use of the matcher at all: {seen:?}");
}

#[test]
fn the_scan_sees_a_forbidden_item() {
    assert_eq!(matcher_items("use embargo_matcher::{compare, Index};"), ["compare", "Index"]);
    assert_eq!(matcher_items("let s = embargo_matcher::compare(a, b, None);"), ["compare"]);
}

#[test]
fn embargo_names_is_a_dependency_of_the_old_harness_only() {
    let manifest: toml::Table =
        std::fs::read_to_string(crate_dir().join("Cargo.toml")).unwrap().parse().expect("Cargo.toml parses");
    let names = &manifest["dependencies"]["embargo-names"];
    assert_eq!(names.get("optional").and_then(|v| v.as_bool()), Some(true), "embargo-names must be optional");
    let features = manifest["features"].as_table().unwrap();
    for (feature, enables) in features {
        let pulls_names = enables
            .as_array()
            .unwrap()
            .iter()
            .any(|v| v.as_str().is_some_and(|s| s.contains("embargo-names")));
        assert!(!pulls_names || feature == "legacy", "feature {feature} pulls in embargo-names");
    }
    for section in ["dev-dependencies", "build-dependencies"] {
        if let Some(deps) = manifest.get(section).and_then(|d| d.as_table()) {
            assert!(!deps.contains_key("embargo-names"), "{section} has embargo-names");
        }
    }
    let lib = std::fs::read_to_string(crate_dir().join("src/lib.rs")).unwrap();
    assert!(
        lib.contains("#[cfg(feature = \"legacy\")]\n#[allow(missing_docs)]"),
        "the legacy module must be behind the feature"
    );
}
