//! Monitoring benchmark: a base of synthetic subjects (names from a mix of list-like and
//! ordinary names) registered against every real list, a full first run, then a realistic
//! daily change (a changed copy of the real UN list: `--changed` entities changed, `--added`
//! added, 20 removed) and the delta run, then an idle run. Prints the time of each phase and
//! the peak resident memory; with `--inverse`, also times the other design (index the
//! subjects, screen the changed entities against them).
//!
//! ```text
//! cargo run --release -p embargo-monitor --example bench_monitor -- --subjects 1000000 --work /tmp/embargo-bench-monitor
//! ```

use embargo_cases::{CaseStore, Subject};
use embargo_engine::{Selection, Snapshot};
use embargo_matcher::{Index, Query, ScreenOptions};
use embargo_model::{Entity, EntityKind, Name, NameRole};
use embargo_monitor::{Monitor, RunOptions, RunSummary};
use embargo_readers::detect::detect;
use embargo_readers::{reader_for, Format};
use embargo_store::Store;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// The allocator of the `embargo` binary, so the figures are the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    if let Err(e) = real_main() {
        eprintln!("bench_monitor: {e}");
        std::process::exit(2);
    }
}

fn real_main() -> Result<(), Box<dyn std::error::Error>> {
    let mut subjects = 1_000_000usize;
    let mut changed = 250usize;
    let mut added = 100usize;
    let mut inverse = false;
    let mut record_all = true;
    let mut work = std::env::temp_dir().join("embargo-bench-monitor");
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--subjects" => subjects = value()?.replace('_', "").parse()?,
            "--changed" => changed = value()?.parse()?,
            "--added" => added = value()?.parse()?,
            "--work" => work = PathBuf::from(value()?),
            "--inverse" => inverse = true,
            "--record-hits" => record_all = false,
            other => return Err(format!("unknown flag {other}").into()),
        }
    }
    let data = std::env::var_os("EMBARGO_SHARED_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data")));
    if work.exists() {
        std::fs::remove_dir_all(&work)?;
    }
    std::fs::create_dir_all(&work)?;
    let dir = work.join("data");

    let store = Store::open(&dir)?;
    let t = Instant::now();
    let found = detect(&[data.join("lists")])?;
    for set in &found.lists {
        let reader = set.reader().ok_or_else(|| format!("no reader for {}", set.list))?;
        store.import(&set.files, reader.as_ref())?;
    }
    let entities: usize = store.lists()?.iter().map(|v| v.entities).sum();
    println!(
        "lists: {} lists, {entities} entities, imported in {:.1}s",
        store.lists()?.len(),
        t.elapsed().as_secs_f64()
    );

    let cases = CaseStore::open(&dir)?;
    let monitor = Monitor::open(&dir, &store, &cases)?;
    let t = Instant::now();
    let listed: Vec<String> =
        store.load_entities(None)?.iter().flat_map(|e| e.names.iter().map(|n| n.full.clone())).collect();
    let base = generate(subjects, &listed);
    drop(listed);
    println!("generated {subjects} subjects in {:.1}s", t.elapsed().as_secs_f64());
    let t = Instant::now();
    for chunk in base.chunks(100_000) {
        monitor.register("bench", chunk)?;
    }
    println!(
        "registered {subjects} subjects in {:.1}s ({:.0}/s)",
        t.elapsed().as_secs_f64(),
        subjects as f64 / t.elapsed().as_secs_f64()
    );

    let options = RunOptions { record_all, chunk_size: 8192, ..RunOptions::default() };
    let full = monitor.run(&options, &mut |_| {})?;
    report("full run (every subject new)", &full);

    // The daily change: a changed copy of the UN list.
    let un = data.join("lists/un/UN_consolidated-2026-02-27.xml");
    let v2 = changed_un(&un, &work, changed, added, 20)?;
    let t = Instant::now();
    let outcome = store.import(&[v2], reader_for(Format::UnXml).ok_or("no UN reader")?.as_ref())?;
    let diff = store.diff("un", outcome.version.version - 1, outcome.version.version)?;
    println!(
        "daily change: un@{} imported in {:.1}s: {} added, {} changed, {} removed",
        outcome.version.version,
        t.elapsed().as_secs_f64(),
        diff.added.len(),
        diff.changed.len(),
        diff.removed.len()
    );
    let delta = monitor.run(&options, &mut |_| {})?;
    report("delta run (the daily change)", &delta);
    let idle = monitor.run(&options, &mut |_| {})?;
    report("idle run (nothing changed)", &idle);

    if inverse {
        // The other design: index the subjects, screen the changed entities against them.
        let snapshot = Snapshot::load(&store, &Selection::active())?;
        let changed_ids: Vec<String> = diff
            .added
            .iter()
            .map(|e| e.id.clone())
            .chain(diff.changed.iter().map(|e| e.id.clone()))
            .collect();
        let t = Instant::now();
        let subject_entities: Vec<Entity> = base
            .iter()
            .map(|s| {
                let mut e = Entity::new("subjects", &s.id, s.kind.unwrap_or(EntityKind::Unknown));
                e.names.push(Name::new(s.names[0].clone(), NameRole::Primary));
                e
            })
            .collect();
        let index = Index::build(subject_entities);
        let build = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let pairs: usize = changed_ids
            .par_iter()
            .filter_map(|id| snapshot.entity(id))
            .map(|e| {
                let query = Query {
                    names: e.names.iter().map(|n| n.full.clone()).collect(),
                    kind: Some(e.kind),
                    ..Query::default()
                };
                index.screen(&query, &ScreenOptions { limit: 1000, ..ScreenOptions::default() }).len()
            })
            .sum();
        println!(
            "inverse design: index of {subjects} subjects built in {build:.1}s, {} changed entities screened \
             against it in {:.2}s ({pairs} pairs); VmHWM {} MB",
            changed_ids.len(),
            t.elapsed().as_secs_f64(),
            vm_hwm_mb()
        );
    }
    println!("peak resident memory (VmHWM): {} MB", vm_hwm_mb());
    Ok(())
}

fn report(what: &str, s: &RunSummary) {
    let screened = s.screened_delta + s.screened_full;
    println!(
        "{what}: {:.1}s for {} subjects ({} screened in full, {} against {} changed entities, {} up to date; \
         {:.0} subjects/s): plan {:.1}s, re-check {:.1}s, load {:.1}s, screen {:.1}s, record {:.1}s; {} recorded, \
         {} with hits, {} new alerts, {} delisted, {} open alerts re-checked ({} no longer hit); VmHWM {} MB",
        s.elapsed_secs,
        s.subjects,
        s.screened_full,
        s.screened_delta,
        s.delta_entities,
        s.up_to_date,
        screened as f64 / s.elapsed_secs.max(1e-9),
        s.plan_secs,
        s.recheck_secs,
        s.load_secs,
        s.screen_secs,
        s.record_secs,
        s.recorded,
        s.with_hits,
        s.new_alerts.len(),
        s.delisted_alerts.len(),
        s.rechecked_alerts.len(),
        s.rechecked_below_threshold.len(),
        vm_hwm_mb()
    );
}

/// SplitMix64.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next() % items.len() as u64) as usize]
    }
}

const GIVEN: &[&str] = &[
    "James", "Mary", "Robert", "Patricia", "Michael", "Jennifer", "David", "Linda", "José", "María",
    "Carmen", "Javier", "Lukas", "Anna", "Jürgen", "Sabine", "Mehmet", "Ayşe", "Mustafa", "Fatma", "Ahmed",
    "Fatima", "Omar", "Layla", "Youssef", "Mariam", "Dmitry", "Olga", "Sergei", "Natalia", "Wei", "Fang",
    "Giorgos", "Eleni", "Priya", "Rahul", "Aisha", "Kwame", "Chiara", "Luca",
];
const FAMILY: &[&str] = &[
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Jones",
    "Miller",
    "Davis",
    "Wilson",
    "García",
    "Fernández",
    "López",
    "Martínez",
    "Müller",
    "Schmidt",
    "Schneider",
    "Fischer",
    "Yılmaz",
    "Kaya",
    "Demir",
    "Haddad",
    "Khoury",
    "Nasser",
    "Saleh",
    "Mansour",
    "Ivanov",
    "Smirnov",
    "Kuznetsov",
    "Wang",
    "Li",
    "Zhang",
    "Papadopoulos",
    "Sharma",
    "Patel",
    "Mensah",
    "Rossi",
    "Bianchi",
    "Dubois",
    "Moreau",
    "Novak",
    "Horvat",
];
const COMPANY: &[&str] =
    &["Trading", "Logistics", "Holdings", "Shipping", "Energy", "Textiles", "Foods", "Capital"];
const FORMS: &[&str] = &["LLC", "Ltd", "GmbH", "SA", "LLP", "Inc"];

/// `n` subjects: 80% ordinary people and companies, 20% list-like (words of listed names
/// recombined: a listed given name with another listing's family name, as namesakes are).
fn generate(n: usize, listed: &[String]) -> Vec<Subject> {
    let listed_words: Vec<Vec<&str>> =
        listed.iter().map(|n| n.split_whitespace().collect::<Vec<_>>()).filter(|w| w.len() >= 2).collect();
    let mut rng = Rng(42);
    (0..n)
        .map(|i| {
            let roll = rng.next() % 100;
            let (name, kind) = if roll < 20 {
                let a = rng.pick(&listed_words);
                let b = rng.pick(&listed_words);
                (format!("{} {}", a[0], b[b.len() - 1]), EntityKind::Person)
            } else if roll < 90 {
                let middle = if rng.next().is_multiple_of(4) {
                    format!(" {}.", (b'A' + (rng.next() % 26) as u8) as char)
                } else {
                    String::new()
                };
                (format!("{}{middle} {}", rng.pick(GIVEN), rng.pick(FAMILY)), EntityKind::Person)
            } else {
                (
                    format!("{} {} {}", rng.pick(FAMILY), rng.pick(COMPANY), rng.pick(FORMS)),
                    EntityKind::Organization,
                )
            };
            Subject {
                id: format!("S{i:07}"),
                kind: Some(kind),
                names: vec![name],
                birth_dates: if kind == EntityKind::Person && i % 3 == 0 {
                    vec![format!("{}", 1950 + (i % 50))]
                } else {
                    vec![]
                },
                ..Subject::default()
            }
        })
        .collect()
}

/// A changed copy of the UN list: `changed` individuals with another nationality, `added` new
/// individuals (copies under new references, names recombined), `removed` removed.
fn changed_un(
    un: &Path,
    work: &Path,
    changed: usize,
    added: usize,
    removed: usize,
) -> Result<PathBuf, Box<dyn std::error::Error>> {
    let xml = std::fs::read_to_string(un)?;
    let mut blocks: Vec<(usize, usize)> = Vec::new();
    let mut at = 0;
    while let Some(s) = xml[at..].find("<INDIVIDUAL>") {
        let start = at + s;
        let end =
            start + xml[start..].find("</INDIVIDUAL>").ok_or("unclosed INDIVIDUAL")? + "</INDIVIDUAL>".len();
        blocks.push((start, end));
        at = end;
    }
    let mut out = String::with_capacity(xml.len() + added * 2000);
    let mut last = 0;
    let mut new_blocks = String::new();
    for (i, &(start, end)) in blocks.iter().enumerate() {
        out.push_str(&xml[last..start]);
        let block = &xml[start..end];
        if i < removed {
            // dropped
        } else if i < removed + changed {
            out.push_str(&block.replacen(
                "<NATIONALITY>",
                "<NATIONALITY>\n        <VALUE>Switzerland</VALUE>",
                1,
            ));
        } else {
            out.push_str(block);
        }
        if i < added {
            let reference = |b: &str| {
                b.split("<REFERENCE_NUMBER>")
                    .nth(1)
                    .and_then(|r| r.split('<').next())
                    .unwrap_or("")
                    .to_owned()
            };
            let r = reference(block);
            let copy = block
                .replace(&format!("<REFERENCE_NUMBER>{r}<"), &format!("<REFERENCE_NUMBER>NEW.{i:04}<"))
                .replacen("<FIRST_NAME>", &format!("<FIRST_NAME>{} ", GIVEN[i % GIVEN.len()]), 1);
            new_blocks.push_str(&copy);
        }
        last = end;
    }
    out.push_str(&xml[last..]);
    let close = out.find("</INDIVIDUALS>").ok_or("no </INDIVIDUALS>")?;
    out.insert_str(close, &new_blocks);
    let out = out.replace("dateGenerated=\"2026-02-27", "dateGenerated=\"2026-03-01");
    let path = work.join("UN_consolidated-2026-03-01.xml");
    std::fs::write(&path, out)?;
    Ok(path)
}

fn vm_hwm_mb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .map(|kb: u64| kb / 1024)
        .unwrap_or(0)
}
