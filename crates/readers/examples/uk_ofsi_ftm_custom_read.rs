//! Reads a list with the OFSI, FtM or custom CSV reader and prints what was read and how long
//! it took: the benchmark of these readers (run it in release mode; peak memory with
//! `/usr/bin/time -v`).
//!
//! ```text
//! cargo run --release -p embargo-readers --example uk_ofsi_ftm_custom_read -- \
//!     [--rounds N] (uk-ofsi-csv | uk-ofsi-xlsx | ftm-json | MAPPING.toml) FILE...
//! ```

use embargo_readers::custom_csv::{CustomCsvReader, Mapping};
use embargo_readers::{ftm::FtmReader, uk_ofsi::UkOfsiReader, ListReader};
use std::path::{Path, PathBuf};
use std::time::Instant;

fn main() {
    let mut rounds = 5usize;
    let mut args = std::env::args().skip(1).peekable();
    if args.peek().map(String::as_str) == Some("--rounds") {
        args.next();
        rounds = args.next().and_then(|n| n.parse().ok()).expect("--rounds N");
    }
    let which = args.next().expect("give a reader: uk-ofsi-csv, uk-ofsi-xlsx, ftm-json or a mapping file");
    let files: Vec<PathBuf> = args.map(PathBuf::from).collect();
    let reader: Box<dyn ListReader> = match which.as_str() {
        "uk-ofsi-csv" => Box::new(UkOfsiReader::csv()),
        "uk-ofsi-xlsx" => Box::new(UkOfsiReader::xlsx()),
        "ftm-json" => Box::new(FtmReader),
        mapping => Box::new(CustomCsvReader::from_mapping(
            Mapping::from_toml_file(Path::new(mapping)).unwrap_or_else(|e| panic!("{e}")),
        )),
    };
    let mut best = f64::MAX;
    for _ in 0..rounds.max(1) {
        let started = Instant::now();
        let mut names = 0usize;
        let report = reader.read(&files, &mut |e| names += e.names.len()).unwrap_or_else(|e| panic!("{e}"));
        let seconds = started.elapsed().as_secs_f64();
        best = best.min(seconds);
        println!(
            "{} entities, {names} names, {} warnings, published {:?}: {:.3} s",
            report.entities,
            report.warnings.len(),
            report.publication_date.map(|d| d.to_string()),
            seconds
        );
    }
    println!("best of {rounds}: {best:.3} s");
}
