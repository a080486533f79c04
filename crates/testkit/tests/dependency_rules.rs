//! The workspace's dependency rules (ARCHITECTURE.md, "Dependency rules"), checked over
//! `cargo metadata`: engines never use HTTP, SQLite or the terminal; only store crates use
//! SQLite; nothing but the binary parses flags or draws progress; nothing depends on the
//! binary, the quality harness or the test kit.

use std::collections::BTreeMap;
use std::process::Command;

const HTTP: &[&str] = &["axum", "hyper", "reqwest", "ureq", "tower", "tower-http", "tokio"];
const SQLITE: &[&str] = &["rusqlite"];
const TERMINAL: &[&str] = &["clap", "indicatif"];
/// Crates nobody may depend on (outside dev-dependencies).
const LEAVES: &[&str] = &["embargo", "embargo-quality", "embargo-testkit"];

/// What each workspace crate must not use directly, by category.
fn forbidden(package: &str) -> Option<Vec<&'static [&'static str]>> {
    Some(match package {
        // Engines: pure computation.
        "embargo-errors" | "embargo-model" | "embargo-names" | "embargo-matcher" | "embargo-text"
        | "embargo-trade" => vec![HTTP, SQLITE, TERMINAL],
        // Reads list files; no network, database or terminal.
        "embargo-readers" => vec![HTTP, SQLITE, TERMINAL],
        // The loaded state: SQLite only through the store.
        "embargo-engine" | "embargo-batch" => vec![HTTP, SQLITE, TERMINAL],
        // Store crates own their SQLite databases.
        "embargo-store" | "embargo-cases" => vec![HTTP, TERMINAL],
        // Monitoring owns its state database beside the case store; no network or terminal.
        "embargo-monitor" => vec![HTTP, TERMINAL],
        "embargo-sync" => vec![SQLITE, TERMINAL],
        "embargo-server" => vec![TERMINAL],
        "embargo" | "embargo-quality" | "embargo-testkit" | "embargo-python" => return None,
        _ => return Some(vec![]),
    })
}

#[test]
fn crates_use_only_what_their_layer_allows() {
    let manifest = concat!(env!("CARGO_MANIFEST_DIR"), "/../../Cargo.toml");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--no-deps", "--offline", "--manifest-path", manifest])
        .output()
        .expect("run cargo metadata");
    assert!(output.status.success(), "cargo metadata: {}", String::from_utf8_lossy(&output.stderr));
    let metadata: serde_json::Value = serde_json::from_slice(&output.stdout).expect("metadata is JSON");
    let mut violations = Vec::new();
    let mut checked = BTreeMap::new();
    for package in metadata["packages"].as_array().expect("packages") {
        let name = package["name"].as_str().expect("package name");
        let deps: Vec<&str> = package["dependencies"]
            .as_array()
            .expect("dependencies")
            .iter()
            .filter(|d| d["kind"].is_null() || d["kind"] == "build")
            .map(|d| d["name"].as_str().expect("dependency name"))
            .collect();
        for dep in &deps {
            if LEAVES.contains(dep) {
                violations.push(format!("{name} depends on {dep}, which nothing may depend on"));
            }
        }
        match forbidden(name) {
            Some(rules) if rules.is_empty() => {
                violations.push(format!("{name} has no rule: add it to tests/dependency_rules.rs"))
            }
            Some(rules) => {
                for dep in &deps {
                    if rules.iter().any(|category| category.contains(dep)) {
                        violations.push(format!("{name} must not depend on {dep}"));
                    }
                }
            }
            None => {}
        }
        checked.insert(name.to_owned(), deps.len());
    }
    assert!(checked.contains_key("embargo-matcher") && checked.len() >= 12, "metadata lists {checked:?}");
    assert!(violations.is_empty(), "dependency rules broken:\n{}", violations.join("\n"));
}

/// The check can fail: a matcher that used SQLite would be caught.
#[test]
fn a_forbidden_dependency_is_caught() {
    let rules = forbidden("embargo-matcher").expect("the matcher has rules");
    assert!(rules.iter().any(|c| c.contains(&"rusqlite")));
    assert!(forbidden("embargo-new-crate").is_some_and(|r| r.is_empty()), "an unknown crate must get a rule");
}
