//! `cargo bench -p embargo-names`: time to analyse one name, by kind of name.
//!
//! A bench binary (no criterion: this crate has no heavy dependencies to keep its build light);
//! it prints the median and 99th percentile over many rounds of each sample.

use embargo_model::EntityKind;
use embargo_names::{analyze, normalize};
use std::hint::black_box;
use std::time::Instant;

const SAMPLES: &[(&str, &str, Option<EntityKind>)] = &[
    ("latin person", "AGHAJANI, Saeed", Some(EntityKind::Person)),
    ("latin person with title", "Brigadier General Qasem SOLEIMANI", None),
    (
        "organisation",
        "Shahid Bakeri Industrial Group Limited Liability Company",
        Some(EntityKind::Organization),
    ),
    ("vessel", "FUYUAN YU 7613", Some(EntityKind::Vessel)),
    ("cyrillic", "Иванов Сергей Петрович", Some(EntityKind::Person)),
    ("arabic", "محمد جواد ظريف", None),
    ("chinese", "习近平", None),
    ("korean", "김정은", None),
];

/// Inputs of `normalize` alone (the matcher normalises names for its exact-match keys).
const NORMALIZE_SAMPLES: &[(&str, &str)] = &[
    ("normalize ascii", "AGHAJANI, Saeed"),
    ("normalize diacritics", "José O'Brien-Núñez, Jr."),
    ("normalize cyrillic", "Иванов Сергей Петрович"),
];

fn main() {
    // Tables are built on first use; keep that out of the figures.
    black_box(analyze("warm up", None));
    println!("{:<26} {:>10} {:>10}", "name", "median", "p99");
    for (label, name, kind) in SAMPLES {
        let mut times: Vec<u128> = Vec::with_capacity(20_000);
        for _ in 0..20_000 {
            let start = Instant::now();
            black_box(analyze(black_box(name), *kind));
            times.push(start.elapsed().as_nanos());
        }
        times.sort_unstable();
        let median = times[times.len() / 2];
        let p99 = times[times.len() * 99 / 100];
        println!("{label:<26} {:>8.2}µs {:>8.2}µs", median as f64 / 1000.0, p99 as f64 / 1000.0);
    }
    for (label, name) in NORMALIZE_SAMPLES {
        let mut times: Vec<u128> = Vec::with_capacity(20_000);
        for _ in 0..20_000 {
            let start = Instant::now();
            black_box(normalize(black_box(name)));
            times.push(start.elapsed().as_nanos());
        }
        times.sort_unstable();
        let median = times[times.len() / 2];
        let p99 = times[times.len() * 99 / 100];
        println!("{label:<26} {:>8.2}µs {:>8.2}µs", median as f64 / 1000.0, p99 as f64 / 1000.0);
    }
}
