//! Recording benchmark: records N screenings (default 1,000,000; about 12% carry one or two
//! hits on real UN entities) in chunks of 8,192 (batch screening's chunk), as a batch run with
//! `--record` would, and prints screenings recorded per second; then verifies the whole log
//! and prints how long that took, the database size and the peak memory.
//!
//! ```text
//! cargo run --release -p embargo-cases --example bench_record -- --records 1000000
//! ```
//!
//! Flags: `--records N`, `--chunk N`, `--dir DIR` (the data directory; default a fresh folder
//! under the system temp dir, removed at the end unless `--keep`). The timed part is what a
//! batch run adds per chunk: turning hits into [`HitInput`]s (content hash and fingerprint of
//! each hit entity) and [`CaseStore::record_batch_chunk`]; building the subjects is not (a
//! batch run has its records already).

use embargo_cases::{
    BatchScreening, CaseStore, HitInput, ListUsed, ScreeningContext, ScreeningInput, Subject,
};
use embargo_model::{Entity, EntityKind};
use embargo_readers::{reader_for, Format};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// This thread's CPU time so far (Linux: `/proc/thread-self/schedstat`, nanoseconds on a
/// core); zero elsewhere.
fn thread_cpu() -> Duration {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|n| n.parse().ok()))
        .map(Duration::from_nanos)
        .unwrap_or_default()
}

/// The allocator of the `embargo` binary, so the figures are the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    if let Err(e) = real_main() {
        eprintln!("bench_record: {e}");
        std::process::exit(2);
    }
}

fn real_main() -> Result<(), Box<dyn std::error::Error>> {
    let mut records = 1_000_000usize;
    let mut chunk = 8192usize;
    let mut dir: Option<PathBuf> = None;
    let mut keep = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--records" => records = value()?.replace('_', "").parse()?,
            "--chunk" => chunk = value()?.parse()?,
            "--dir" => dir = Some(PathBuf::from(value()?)),
            "--keep" => keep = true,
            other => return Err(format!("unknown flag {other}").into()),
        }
    }
    let dir = dir
        .unwrap_or_else(|| std::env::temp_dir().join(format!("embargo-bench-record-{}", std::process::id())));
    if dir.exists() {
        return Err(format!("{} exists: give a new directory", dir.display()).into());
    }
    let data = std::env::var_os("EMBARGO_SHARED_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data")));
    let mut entities: Vec<Entity> = Vec::new();
    let un = data.join("lists/un/UN_consolidated-2026-02-27.xml");
    reader_for(Format::UnXml).ok_or("no UN reader")?.read(&[un], &mut |mut e: Entity| {
        e.provenance.list_version = "1".into();
        entities.push(e);
    })?;

    let cases = CaseStore::open(&dir)?;
    let context = ScreeningContext {
        lists: vec![ListUsed { list: "un".into(), version: 1, sha256: "9f".repeat(32) }],
        threshold: 0.8,
        algorithm: "alignment".into(),
        matcher_version: "embargo-matcher 0.1.0".into(),
        options_hash: "0d".repeat(32),
        delta_from: None,
    };
    let (mut timed, mut cpu, mut with_hits, mut alerts) = (Duration::ZERO, Duration::ZERO, 0usize, 0usize);
    let mut done = 0usize;
    while done < records {
        let n = chunk.min(records - done);
        // Subjects as a batch run has them; the hit entities it found (not timed).
        let batch: Vec<(Subject, Vec<(&Entity, f64)>)> = (done..done + n)
            .map(|i| {
                let kind = if i % 5 == 0 { EntityKind::Organization } else { EntityKind::Person };
                let subject = Subject {
                    id: format!("CUST-{i:08}"),
                    kind: Some(kind),
                    names: vec![format!("Customer {} {}", i % 7919, i / 7919)],
                    birth_dates: if kind == EntityKind::Person {
                        vec![format!("{}-0{}-1{}", 1950 + i % 50, 1 + i % 9, i % 10)]
                    } else {
                        vec![]
                    },
                    countries: vec![["FR", "DE", "IR", "RU", "AE"][i % 5].into()],
                    identifiers: vec![],
                    tags: vec!["customer".into()],
                };
                // 3 in 25 = 12% carry hits; one in four of those two hits.
                let hits = if i % 25 < 3 {
                    let e = &entities[(i * 31) % entities.len()];
                    let mut h = vec![(e, 0.8 + (i % 20) as f64 / 100.0)];
                    if i % 100 < 3 {
                        h.push((&entities[(i * 17 + 5) % entities.len()], 0.82));
                    }
                    h
                } else {
                    vec![]
                };
                (subject, hits)
            })
            .collect();
        let (started, cpu_started) = (Instant::now(), thread_cpu());
        let chunk: Vec<BatchScreening> = batch
            .into_iter()
            .enumerate()
            .map(|(n, (subject, hits))| BatchScreening {
                line: (done + n) as u64 + 2,
                screening: ScreeningInput {
                    request_id: None,
                    hits: hits
                        .into_iter()
                        .map(|(e, score)| HitInput::from_entity(e, score, e.caption(), &subject.names[0]))
                        .collect(),
                    subject,
                    by: "batch:bench".into(),
                },
            })
            .collect();
        with_hits += chunk.iter().filter(|b| !b.screening.hits.is_empty()).count();
        let recorded = cases.record_batch_chunk(&context, "0123456789abcdef", &chunk)?;
        timed += started.elapsed();
        cpu += thread_cpu().saturating_sub(cpu_started);
        alerts += recorded.recorded.iter().map(|r| r.new_alerts().len()).sum::<usize>();
        done += n;
    }
    let rate = records as f64 / timed.as_secs_f64();
    println!(
        "recorded {records} screenings ({with_hits} with hits, {alerts} alerts) in {:.2}s: {rate:.0} screenings/s",
        timed.as_secs_f64()
    );
    // On a machine shared with other work, wall-clock time counts the waits for a core; the
    // thread's own CPU time does not: it is what recording costs a batch run.
    println!(
        "CPU time {:.2}s: {:.1} µs per screening, {:.0} screenings per CPU-second",
        cpu.as_secs_f64(),
        cpu.as_secs_f64() * 1e6 / records as f64,
        records as f64 / cpu.as_secs_f64()
    );
    let started = Instant::now();
    let report = cases.verify(None)?;
    println!("verified {} records in {:.2}s", report.records, started.elapsed().as_secs_f64());
    let db = std::fs::metadata(cases.db_path())?.len();
    println!("database {:.0} MB ({:.0} bytes per screening)", db as f64 / 1e6, db as f64 / records as f64);
    if let Ok(status) = std::fs::read_to_string("/proc/self/status") {
        if let Some(line) = status.lines().find(|l| l.starts_with("VmHWM")) {
            println!("peak memory {}", line.trim_start_matches("VmHWM:").trim());
        }
    }
    drop(cases);
    if !keep {
        std::fs::remove_dir_all(&dir)?;
    }
    Ok(())
}
