//! What the matcher's tests on real data share: the lists, their index, and the class
//! figures (recall of altered listed names, alerts on negatives). Each test binary uses a part.
#![allow(dead_code)]

use embargo_matcher::{Index, Query, ScreenOptions};
use embargo_model::Entity;
use embargo_readers::detect;
use embargo_testkit::shared_data;
use std::collections::HashSet;
use std::sync::OnceLock;

/// Every list found under the shared data's `lists/`, each through its reader; an entity id
/// seen twice (the same list in two formats, or two editions of the OFAC SDN) is kept once,
/// as first read. A list that fails to read fails the test.
pub fn load_lists() -> Vec<Entity> {
    let lists = shared_data().join("lists");
    let found = detect::detect(std::slice::from_ref(&lists))
        .unwrap_or_else(|e| panic!("no lists under {}: {e}", lists.display()));
    let mut entities = Vec::new();
    let mut ids = HashSet::new();
    for set in &found.lists {
        let Some(reader) = set.reader() else { continue };
        let mut read = Vec::new();
        if let Err(err) = reader.read(&set.files, &mut |e| read.push(e)) {
            panic!("{} ({}): {err}", set.list, set.format);
        }
        entities.extend(read.into_iter().filter(|e| ids.insert(e.id.clone())));
    }
    assert!(entities.len() > 30_000, "only {} entities under {}", entities.len(), lists.display());
    entities
}

/// The index of [`load_lists`], built once per test binary.
pub fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| Index::build(load_lists()))
}

/// Every listed name folded (lower case, letters and digits, words sorted): a negative written
/// as a listed name is no negative.
fn listed_written() -> &'static HashSet<String> {
    static WRITTEN: OnceLock<HashSet<String>> = OnceLock::new();
    WRITTEN.get_or_init(|| {
        index().entities().iter().flat_map(|e| e.names.iter().map(|n| folded(&n.full))).collect()
    })
}

pub fn folded(name: &str) -> String {
    let mut words: Vec<String> =
        embargo_names::normalize(name).split_whitespace().map(str::to_owned).collect();
    words.sort();
    words.join(" ")
}

fn parallel<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let chunk = items.len().div_ceil(threads).max(1);
    std::thread::scope(|s| {
        let handles: Vec<_> =
            items.chunks(chunk).map(|part| s.spawn(|| part.iter().map(&f).collect::<Vec<R>>())).collect();
        handles.into_iter().flat_map(|h| h.join().expect("worker panicked")).collect()
    })
}

/// How many misses or alerts a report prints (`EMBARGO_CLASS_SHOWN`, 40 by default).
fn shown() -> usize {
    std::env::var("EMBARGO_CLASS_SHOWN").ok().and_then(|v| v.parse().ok()).unwrap_or(40)
}

pub fn report() -> bool {
    std::env::var_os("EMBARGO_CLASS_REPORT").is_some()
}

/// Screens each (query, expected entity id) and returns the share found at the default
/// threshold; prints the misses when reporting.
pub fn recall(class: &str, cases: &[(String, String)]) -> f64 {
    recall_in(index(), class, cases)
}

/// [`recall`] against a given index (a Latin-only one, for queries in another script).
pub fn recall_in(index: &Index, class: &str, cases: &[(String, String)]) -> f64 {
    assert!(cases.len() >= 50, "{class}: only {} cases", cases.len());
    let options = ScreenOptions { limit: usize::MAX, ..ScreenOptions::default() };
    let misses: Vec<String> = parallel(cases, |(query, id)| {
        let hits = index.screen(&Query::name(query.clone()), &options);
        (!hits.iter().any(|h| &h.entity.id == id)).then(|| {
            let alone = index.entities().iter().find(|e| &e.id == id).map(|e| e.names[0].full.clone());
            format!("{query:?} -> {id} {alone:?}")
        })
    })
    .into_iter()
    .flatten()
    .collect();
    let share = 1.0 - misses.len() as f64 / cases.len() as f64;
    if report() {
        println!("class {class}: recall {:.1}% of {} cases", 100.0 * share, cases.len());
        for m in misses.iter().take(shown()) {
            println!("  miss {m}");
        }
    }
    share
}

/// Screens each negative (not written as any listed name) and returns the share that alerts.
pub fn alert_rate(class: &str, names: &[String]) -> f64 {
    let written = listed_written();
    let names: Vec<&String> = names.iter().filter(|n| !written.contains(&folded(n))).collect();
    assert!(names.len() >= 50, "{class}: only {} negatives", names.len());
    let index = index();
    let alerts: Vec<String> = parallel(&names, |name| {
        let hits = index.screen(&Query::name(name.as_str()), &ScreenOptions::default());
        hits.first().map(|h| format!("{name:?} -> {} {:?} {:.3}", h.entity.id, h.matched_name, h.score))
    })
    .into_iter()
    .flatten()
    .collect();
    let rate = alerts.len() as f64 / names.len() as f64;
    if report() {
        println!("class {class}: alerts {:.2}% of {} negatives", 100.0 * rate, names.len());
        for a in alerts.iter().take(shown()) {
            println!("  alert {a}");
        }
    }
    rate
}

/// A small deterministic generator (xorshift), so that every run draws the same cases.
pub struct Rng(pub u64);

impl Rng {
    pub fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n.max(1) as u64) as usize
    }
}

/// Whether an entity id is in the even half of the frozen split: the last digit of its
/// publisher id is even (uk-ofsi Group ID, UN reference number, UK FCDO ref). Ids without a
/// digit are in neither half. Tables and cases of the matcher's tests come from this half only.
pub fn even_half(id: &str) -> bool {
    id.chars().rev().find(char::is_ascii_digit).is_some_and(|d| (d as u8 - b'0').is_multiple_of(2))
}
