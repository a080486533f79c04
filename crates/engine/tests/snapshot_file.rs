//! Screening from a snapshot file gives the same hits as screening from the store, on every
//! official list in the shared data folder.

use embargo_engine::{Selection, Snapshot};
use embargo_matcher::{Hit, Query, ScreenOptions};
use embargo_readers::detect::detect;
use embargo_store::Store;
use embargo_testkit::{lists_dir, TempDataDir};

/// (entity id, score, matched name) of each hit, in order.
fn summary(hits: &[Hit]) -> Vec<(String, f64, String)> {
    hits.iter().map(|h| (h.entity.id.clone(), h.score, h.matched_name.clone())).collect()
}

/// Drops one letter in the middle of the name's longest word: a typo the matcher must catch.
fn with_typo(name: &str) -> String {
    let longest = name.split_whitespace().max_by_key(|w| w.chars().count()).unwrap_or("");
    let chars: Vec<char> = longest.chars().collect();
    if chars.len() < 5 {
        return name.to_owned();
    }
    let mut typo = chars.clone();
    typo.remove(chars.len() / 2);
    name.replacen(longest, &typo.iter().collect::<String>(), 1)
}

#[test]
fn screening_from_the_file_gives_the_hits_of_the_store() {
    let dir = TempDataDir::new();
    let store = Store::open(&dir.path().join("store")).unwrap();
    for set in detect(&[lists_dir()]).unwrap().lists {
        store.import(&set.files, set.reader().unwrap().as_ref()).unwrap();
    }
    let from_store = Snapshot::load(&store, &Selection::active()).unwrap();
    assert!(from_store.entity_count() > 30_000, "every list is loaded");

    let path = dir.path().join("lists.embargo");
    let written = from_store.write_file(&path).unwrap();
    assert_eq!(written.entities, from_store.entity_count());
    let from_file = Snapshot::open_file(&path).unwrap();
    assert_eq!(from_file.lists(), from_store.lists(), "ids, versions, sha256 and dates are kept");
    assert_eq!(from_file.entity_count(), from_store.entity_count());

    // Every 97th listed name as listed and with a typo, with and without a kind, explained.
    let names: Vec<(String, embargo_model::EntityKind)> = from_store
        .index()
        .entities()
        .iter()
        .flat_map(|e| e.names.iter().map(move |n| (n.full.clone(), e.kind)))
        .step_by(97)
        .collect();
    assert!(names.len() > 500, "{} names sampled", names.len());
    let options = ScreenOptions { explain: true, ..ScreenOptions::default() };
    let mut with_hits = 0;
    for (i, (name, kind)) in names.iter().enumerate() {
        let mut query = Query::name(if i % 2 == 0 { name.clone() } else { with_typo(name) });
        if i % 3 == 0 {
            query.kind = Some(*kind);
        }
        let expected = from_store.screen(&query, &options).unwrap();
        let actual = from_file.screen(&query, &options).unwrap();
        assert_eq!(summary(&actual), summary(&expected), "query {query:?}");
        let explanations = |hits: &[Hit]| hits.iter().map(|h| h.explanation.clone()).collect::<Vec<_>>();
        assert_eq!(explanations(&actual), explanations(&expected), "query {query:?}");
        for hit in &actual {
            assert_eq!(from_file.version_label_of(&hit.entity), from_store.version_label_of(&hit.entity));
        }
        with_hits += usize::from(!actual.is_empty());
    }
    assert!(with_hits * 10 > names.len() * 9, "listed names are found: {with_hits} of {}", names.len());
}
