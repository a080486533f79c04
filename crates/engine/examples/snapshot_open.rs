//! How long opening a snapshot file takes, phase by phase: map and check (header, length,
//! checksum, metadata), decode the entities, build the indexes; against loading the same
//! versions from the store.
//!
//! ```text
//! cargo run --release -p embargo-engine --example snapshot_open -- DATA_DIR [FILE] [RUNS]
//! ```
//!
//! DATA_DIR holds a store (`embargo sync --from ../shared/data/lists --data-dir DATA_DIR`);
//! FILE (default `DATA_DIR/lists.embargo`) is written from its active versions first.

use embargo_engine::{SearchIndex, Selection, Snapshot, SnapshotFile};
use embargo_matcher::Index;
use embargo_store::Store;
use std::path::PathBuf;
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let data_dir = PathBuf::from(args.next().ok_or("usage: snapshot_open DATA_DIR [FILE] [RUNS]")?);
    let file = args.next().map(PathBuf::from).unwrap_or_else(|| data_dir.join("lists.embargo"));
    let runs: usize = args.next().map(|r| r.parse()).transpose()?.unwrap_or(5);

    let store = Store::open(&data_dir)?;
    let from_store = Snapshot::load(&store, &Selection::active())?;
    println!(
        "store: {} entities of {} loaded in {:.3}s",
        from_store.entity_count(),
        from_store.labels().join(" "),
        from_store.load_time().as_secs_f64()
    );
    let written = from_store.write_file(&file)?;
    println!(
        "file: {} ({:.1} MB, checksum {})",
        file.display(),
        written.bytes as f64 / 1e6,
        written.checksum
    );
    drop(from_store);

    for run in 1..=runs {
        let t = Instant::now();
        let opened = SnapshotFile::open(&file)?;
        let checked = t.elapsed();
        let entities = opened.entities()?;
        let decoded = t.elapsed();
        // What `Snapshot::from_entities` does, timed apart.
        let search = SearchIndex::build(&entities);
        let searched = t.elapsed();
        let index = Index::build(entities);
        let total = t.elapsed();
        println!(
            "run {run}: open+check {:.3}s  decode {:.3}s  search index {:.3}s  matcher index {:.3}s  total {:.3}s ({} entities)",
            checked.as_secs_f64(),
            (decoded - checked).as_secs_f64(),
            (searched - decoded).as_secs_f64(),
            (total - searched).as_secs_f64(),
            total.as_secs_f64(),
            index.len()
        );
        drop(search);
    }
    let t = Instant::now();
    let snapshot = Snapshot::open_file(&file)?;
    println!("Snapshot::open_file: {:.3}s ({} entities)", t.elapsed().as_secs_f64(), snapshot.entity_count());
    Ok(())
}
