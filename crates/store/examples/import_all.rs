//! Benchmark: imports every list version found in `../shared/data/lists` (or the folder given
//! as the first argument) into a fresh store, then loads all active entities back.
//!
//! ```text
//! cargo run --release -p embargo-store --example import_all [FOLDER]
//! ```
//!
//! Prints the time of each import, the total, the time of `load_entities` over everything, and
//! the peak resident memory of the process (`VmHWM`).

use embargo_readers::detect::detect;
use embargo_store::Store;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

fn main() -> ExitCode {
    let folder = std::env::args_os().nth(1).map(PathBuf::from).unwrap_or_else(|| {
        let shared = std::env::var_os("EMBARGO_SHARED_DATA")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data")));
        shared.join("lists")
    });
    let data = tempfile::tempdir().expect("a temporary directory");
    let store = match Store::open(data.path()) {
        Ok(store) => store,
        Err(e) => {
            eprintln!("cannot open a store: {e}");
            return ExitCode::FAILURE;
        }
    };
    let found = match detect(std::slice::from_ref(&folder)) {
        Ok(found) => found,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    println!("importing {} list versions from {}", found.lists.len(), folder.display());
    let started = Instant::now();
    let mut failures = 0;
    for set in &found.lists {
        let Some(reader) = set.reader() else {
            println!("{:<16} no reader (custom CSV without mapping)", set.list);
            continue;
        };
        let t = Instant::now();
        match store.import(&set.files, reader.as_ref()) {
            Ok(outcome) => println!(
                "{:<16} {:>8.3} s  {:>6} entities  {:>5} warnings  {}",
                outcome.version.list,
                t.elapsed().as_secs_f64(),
                outcome.version.entities,
                outcome.version.warnings,
                set.format
            ),
            Err(e) => {
                failures += 1;
                println!("{:<16} {:>8.3} s  FAILED: {e}", set.list, t.elapsed().as_secs_f64());
            }
        }
    }
    let total = started.elapsed();
    println!("total import      {:>8.3} s", total.as_secs_f64());

    // The OFSI workbook is skipped beside its CSV rendering; import it too, as the next
    // version of uk-ofsi, to time the XLSX reader and to check that both give the same list.
    for skipped in found.skipped.iter().filter(|s| s.path.extension().is_some_and(|e| e == "xlsx")) {
        let Some(reader) = embargo_readers::reader_for(embargo_readers::Format::UkOfsiXlsx) else { continue };
        let t = Instant::now();
        match store.import(std::slice::from_ref(&skipped.path), reader.as_ref()) {
            Ok(outcome) => {
                let v = &outcome.version;
                println!(
                    "{:<16} {:>8.3} s  {:>6} entities  (the workbook)",
                    v.list,
                    t.elapsed().as_secs_f64(),
                    v.entities
                );
                if v.version > 1 {
                    match store.diff(&v.list, v.version - 1, v.version) {
                        Ok(d) => println!(
                            "  workbook vs CSV: {} added, {} removed, {} changed",
                            d.added.len(),
                            d.removed.len(),
                            d.changed.len()
                        ),
                        Err(e) => println!("  diff failed: {e}"),
                    }
                }
            }
            Err(e) => println!("{:<16} FAILED: {e}", skipped.path.display()),
        }
    }

    println!("peak memory after the imports: {}", peak_memory());
    let t = Instant::now();
    match store.load_entities(None) {
        Ok(entities) => {
            println!(
                "load_entities     {:>8.3} s  {} entities (all active lists)",
                t.elapsed().as_secs_f64(),
                entities.len()
            )
        }
        Err(e) => println!("load_entities failed: {e}"),
    }
    let db_size = std::fs::metadata(store.db_path()).map(|m| m.len()).unwrap_or(0);
    println!("database size     {:>8.1} MB", db_size as f64 / 1e6);
    println!("peak memory       {} (after load_entities)", peak_memory());
    if failures == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// `VmHWM` of this process, from `/proc/self/status` (Linux).
fn peak_memory() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with("VmHWM:")).map(|l| l["VmHWM:".len()..].trim().to_owned())
        })
        .unwrap_or_else(|| "unknown (no /proc/self/status)".to_owned())
}
