//! `cargo run --release -p embargo-quality --example roles`: how `embargo-names` reads the
//! names of the real lists when the kind is not given (as most screening queries come): persons
//! read as organisations, organisations read as persons, titles and legal forms found, with
//! examples. A check of the analyser on real data, beside the harness.

use embargo_model::EntityKind;
use embargo_names::{analyze, TokenRole};
use std::collections::BTreeMap;
use std::path::Path;

fn main() {
    let data = std::env::var_os("EMBARGO_SHARED_DATA")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"));
    let found = embargo_readers::detect::detect(&[data.join("lists")]).expect("lists folder");
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    let mut examples: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    let mut note = |what: &'static str, example: String| {
        *counts.entry(what).or_default() += 1;
        let e = examples.entry(what).or_default();
        if e.len() < 60 {
            e.push(example);
        }
    };
    for set in &found.lists {
        let Some(reader) = set.reader() else { continue };
        let _ = reader.read(&set.files, &mut |e| {
            for n in &e.names {
                let a = analyze(&n.full, None);
                let org_like = a
                    .tokens
                    .iter()
                    .any(|t| matches!(t.role, TokenRole::LegalForm | TokenRole::OrgCommon | TokenRole::Core));
                match e.kind {
                    EntityKind::Person => {
                        note("person names", String::new());
                        if org_like {
                            let why: Vec<String> = a
                                .tokens
                                .iter()
                                .filter(|t| t.role != TokenRole::Core && t.role != TokenRole::Initial)
                                .map(|t| format!("{}:{:?}", t.text, t.role))
                                .collect();
                            note("person read as organisation", format!("{} <- {}", n.full, why.join(" ")));
                        }
                        if !a.titles.is_empty() {
                            note("person with titles", format!("{} -> {:?}", n.full, a.titles));
                        }
                    }
                    EntityKind::Organization => {
                        note("organisation names", String::new());
                        if !org_like && a.tokens.len() > 1 {
                            note("organisation read as person", n.full.clone());
                        }
                        if !a.titles.is_empty() {
                            note("organisation with titles", format!("{} -> {:?}", n.full, a.titles));
                        }
                    }
                    _ => {}
                }
            }
        });
    }
    for (what, n) in &counts {
        println!("{what}: {n}");
        for e in examples.get(what).into_iter().flatten().filter(|e| !e.is_empty()) {
            println!("    {e}");
        }
    }
}
