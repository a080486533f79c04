//! Batch screening benchmark: generates N realistic records (deterministic seed) and screens
//! them against every list in the shared data folder, printing records/s and peak memory.
//!
//! ```text
//! cargo run --release -p embargo-batch --example bench_batch -- --records 1000000
//! ```
//!
//! Flags: `--records N` (default 1,000,000), `--work DIR` (store, generated input and output;
//! default a folder under the system temp dir, reused across runs), `--chunk-size N`,
//! `--empty-index` (screen against an index of no entity: measures what batch screening itself
//! costs, reading, parsing, writing and checkpointing, apart from the matcher), `--record`
//! (record every screening in a fresh case store, as `embargo screen --input --record` does:
//! compare its rate and CPU time with a run without).
//! Peak memory is the process's VmHWM: run once per size (scripts/bench-batch.sh does) to see
//! that it stays flat as the input grows.

use embargo_batch::{BatchOptions, ColumnMapping};
use embargo_engine::{Selection, Snapshot};
use embargo_model::EntityKind;
use embargo_readers::detect::detect;
use embargo_store::Store;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// The allocator of the `embargo` binary, so the figures are the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    if let Err(e) = real_main() {
        eprintln!("bench_batch: {e}");
        std::process::exit(2);
    }
}

fn real_main() -> Result<(), Box<dyn std::error::Error>> {
    let mut records = 1_000_000usize;
    let mut chunk_size = embargo_batch::DEFAULT_CHUNK_SIZE;
    let mut work = std::env::temp_dir().join("embargo-bench-batch");
    let mut empty_index = false;
    let mut record = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--records" => records = value()?.replace('_', "").parse()?,
            "--chunk-size" => chunk_size = value()?.parse()?,
            "--work" => work = PathBuf::from(value()?),
            "--empty-index" => empty_index = true,
            "--record" => record = true,
            other => return Err(format!("unknown flag {other}").into()),
        }
    }
    let data = std::env::var_os("EMBARGO_SHARED_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data")));
    std::fs::create_dir_all(&work)?;

    let store = Store::open(&work.join("store"))?;
    let started = Instant::now();
    let found = detect(&[data.join("lists")])?;
    for set in &found.lists {
        let reader = set.reader().ok_or_else(|| format!("no reader for {}", set.list))?;
        store.import(&set.files, reader.as_ref())?;
    }
    eprintln!("lists imported (or unchanged) in {:.1}s", started.elapsed().as_secs_f64());

    let snapshot = if empty_index {
        Snapshot::from_entities(Vec::new(), Vec::new())
    } else {
        Snapshot::load(&store, &Selection::active())?
    };
    let lists = snapshot.labels();
    println!(
        "lists: {} ({} entities); loaded and indexed in {:.2}s; VmHWM after load {} MB",
        lists.join(", "),
        snapshot.entity_count(),
        snapshot.load_time().as_secs_f64(),
        vm_hwm_mb()
    );

    let input = work.join(format!("records-{records}.csv"));
    if !input.exists() {
        // Listed names to plant in the input (read apart from the snapshot, and dropped before
        // the run, so they do not count in the run's memory when the input already exists).
        let listed: Vec<(String, EntityKind)> = store
            .load_entities(None)?
            .iter()
            .flat_map(|e| e.names.iter().map(move |n| (n.full.clone(), e.kind)))
            .collect();
        let t = Instant::now();
        generate(&input, records, &listed)?;
        eprintln!("generated {} in {:.1}s", input.display(), t.elapsed().as_secs_f64());
    }

    let output =
        if empty_index { format!("hits-{records}-empty.csv") } else { format!("hits-{records}.csv") };
    let mut options = BatchOptions::new(input, work.join(output));
    options.mapping = ColumnMapping { name_col: vec!["name".into()], ..Default::default() };
    options.chunk_size = chunk_size;
    // A fresh case store per run: recording cost is measured from an empty log.
    let cases_dir = work.join("cases");
    if cases_dir.exists() {
        std::fs::remove_dir_all(&cases_dir)?;
    }
    let cases = record.then(|| embargo_cases::CaseStore::open(&cases_dir)).transpose()?;
    let mut recorder = cases.as_ref().map(|cases| TimedObserver {
        inner: embargo_cases::from_engine::BatchRecorder::new(cases, &snapshot, &options.screen, "bench"),
        cpu: std::time::Duration::ZERO,
    });
    let t = Instant::now();
    let cpu_before = cpu_seconds();
    let mut last_log = Instant::now();
    let summary = embargo_batch::run_observed(
        &snapshot,
        &options,
        &mut |p| {
            if last_log.elapsed().as_secs() >= 10 {
                eprintln!("  {:.0}% {} records {:.0}/s", p.fraction() * 100.0, p.records, p.rate());
                last_log = Instant::now();
            }
        },
        recorder.as_mut().map(|r| r as &mut (dyn embargo_batch::ChunkObserver + Send)),
    )?;
    let secs = t.elapsed().as_secs_f64();
    let cpu = cpu_seconds() - cpu_before;
    let c = &summary.counters;
    println!(
        "records: {}  screened: {}  rejected: {}  with hits: {} ({:.2}%)  hits: {}",
        c.records_read,
        c.screened,
        c.rejected,
        c.with_hits,
        100.0 * c.with_hits as f64 / c.screened.max(1) as f64,
        c.hits
    );
    println!("hits by list: {:?}", c.hits_by_list);
    if let Some(r) = &recorder {
        println!(
            "recorded: {} screenings, {} new alerts; recording's own CPU {:.1}s ({:.1} us a record)",
            r.inner.screenings,
            r.inner.new_alerts,
            r.cpu.as_secs_f64(),
            r.cpu.as_secs_f64() * 1e6 / c.records_read.max(1) as f64
        );
    }
    println!(
        "cpu: {cpu:.1}s user+sys for the run ({:.1} us a record){}",
        cpu * 1e6 / c.records_read.max(1) as f64,
        if record { ", recording included" } else { "" }
    );
    println!(
        "time: {secs:.1}s  rate: {:.0} records/s  threads: {}  VmHWM: {} MB  VmRSS at the end: {} MB",
        c.records_read as f64 / secs,
        rayon::current_num_threads(),
        vm_hwm_mb(),
        proc_status_mb("VmRSS:")
    );
    Ok(())
}

/// The recorder, with the CPU time of the thread that runs it counted over its calls: what
/// recording itself costs, apart from what sharing the cores does to the screening threads.
struct TimedObserver<O> {
    inner: O,
    cpu: std::time::Duration,
}

impl<O: embargo_batch::ChunkObserver> embargo_batch::ChunkObserver for TimedObserver<O> {
    fn screened(
        &mut self,
        run_id: &str,
        records: &[embargo_batch::ScreenedRecord<'_>],
    ) -> Result<(), embargo_batch::BatchError> {
        let before = thread_cpu();
        let result = self.inner.screened(run_id, records);
        self.cpu += thread_cpu().saturating_sub(before);
        result
    }
}

/// This thread's CPU time so far (Linux: `/proc/thread-self/schedstat`, nanoseconds on a
/// core); zero elsewhere.
fn thread_cpu() -> std::time::Duration {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|n| n.parse().ok()))
        .map(std::time::Duration::from_nanos)
        .unwrap_or_default()
}

/// User and system CPU seconds this process has used (getrusage): unlike the wall clock, not
/// inflated when other processes share the cores.
fn cpu_seconds() -> f64 {
    // SAFETY: getrusage fills the struct it is given; RUSAGE_SELF is always valid.
    let usage = unsafe {
        let mut usage = std::mem::zeroed::<libc::rusage>();
        libc::getrusage(libc::RUSAGE_SELF, &mut usage);
        usage
    };
    let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    secs(usage.ru_utime) + secs(usage.ru_stime)
}

/// Peak resident memory of this process, from /proc (0 where unavailable).
fn vm_hwm_mb() -> u64 {
    proc_status_mb("VmHWM:")
}

fn proc_status_mb(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with(field)).and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .map(|kb: u64| kb / 1024)
        .unwrap_or(0)
}

/// SplitMix64: a small, fast deterministic generator (the input must be the same every run).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// Given names and family names by culture, in the script their bearers write them.
const PEOPLE: &[(&[&str], &[&str])] = &[
    (
        &["James", "Mary", "Robert", "Patricia", "Michael", "Jennifer", "David", "Linda", "Emily", "Thomas"],
        &["Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Taylor", "Clarke"],
    ),
    (
        &["José", "María", "Carmen", "Javier", "Lucía", "Alejandro", "Sofía", "Andrés", "Valentina", "Diego"],
        &["García", "Fernández", "López", "Martínez", "Sánchez", "Pérez", "Gómez", "Ruiz", "Díaz", "Moreno"],
    ),
    (
        &["Lukas", "Anna", "Jürgen", "Sabine", "Matthias", "Katrin", "Stefan", "Ulrike", "Tobias", "Heike"],
        &[
            "Müller",
            "Schmidt",
            "Schneider",
            "Fischer",
            "Weber",
            "Becker",
            "Hoffmann",
            "Schäfer",
            "Koch",
            "Wagner",
        ],
    ),
    (
        &["Mehmet", "Ayşe", "Mustafa", "Fatma", "Emre", "Zeynep", "Burak", "Elif", "Oğuz", "Selin"],
        &["Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Öztürk", "Aydın", "Arslan", "Doğan"],
    ),
    (
        &["Ahmed", "Fatima", "Omar", "Layla", "Youssef", "Mariam", "Khalid", "Noor", "Tariq", "Hana"],
        &["Haddad", "Khoury", "Nasser", "Saleh", "Mansour", "Farouk", "Aziz", "Hamdan", "Qureshi", "Rahman"],
    ),
    (
        &["Дмитрий", "Анна", "Сергей", "Ольга", "Алексей", "Наталья", "Игорь", "Екатерина", "Павел", "Ирина"],
        &[
            "Смирнов",
            "Кузнецов",
            "Попов",
            "Васильев",
            "Соколов",
            "Михайлов",
            "Новиков",
            "Федоров",
            "Морозов",
            "Волков",
        ],
    ),
    (
        &["محمد", "فاطمة", "علي", "زينب", "حسن", "مريم", "يوسف", "سارة", "خالد", "ليلى"],
        &[
            "العلي",
            "الحسيني",
            "الخطيب",
            "النجار",
            "السعدي",
            "الحداد",
            "القاسم",
            "الشامي",
            "البغدادي",
            "المصري",
        ],
    ),
    (
        &["伟", "芳", "娜", "敏", "静", "磊", "洋", "艳", "勇", "军"],
        &["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周"],
    ),
    (
        &["Wei", "Fang", "Xiaoming", "Jing", "Lei", "Yan", "Hao", "Min", "Jun", "Ling"],
        &["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou"],
    ),
    (
        &["Giorgos", "Maria", "Nikos", "Eleni", "Kostas", "Dimitra", "Yannis", "Sofia", "Petros", "Katerina"],
        &[
            "Papadopoulos",
            "Nikolaidis",
            "Georgiou",
            "Vlachos",
            "Oikonomou",
            "Karalis",
            "Pappas",
            "Dimitriou",
            "Antoniou",
            "Makris",
        ],
    ),
    (
        &[
            "Γιώργος",
            "Μαρία",
            "Νίκος",
            "Ελένη",
            "Κώστας",
            "Δήμητρα",
            "Γιάννης",
            "Σοφία",
            "Πέτρος",
            "Αικατερίνη",
        ],
        &[
            "Παπαδόπουλος",
            "Νικολαΐδης",
            "Γεωργίου",
            "Βλάχος",
            "Οικονόμου",
            "Καραλής",
            "Παππάς",
            "Δημητρίου",
            "Αντωνίου",
            "Μακρής",
        ],
    ),
    (
        &["Aarav", "Priya", "Rohan", "Ananya", "Vikram", "Kavya", "Arjun", "Meera", "Sanjay", "Divya"],
        &["Sharma", "Patel", "Gupta", "Reddy", "Iyer", "Nair", "Singh", "Mehta", "Chopra", "Banerjee"],
    ),
    (
        &["Hiroshi", "Yuki", "Takeshi", "Akiko", "Kenji", "Naomi", "Satoshi", "Haruka", "Daisuke", "Mei"],
        &[
            "Sato",
            "Suzuki",
            "Takahashi",
            "Tanaka",
            "Watanabe",
            "Ito",
            "Yamamoto",
            "Nakamura",
            "Kobayashi",
            "Kato",
        ],
    ),
    (
        &["Chinedu", "Ngozi", "Oluwaseun", "Amara", "Emeka", "Folake", "Tunde", "Adaeze", "Kwame", "Abena"],
        &["Okafor", "Adebayo", "Eze", "Okonkwo", "Mensah", "Boateng", "Nwosu", "Balogun", "Owusu", "Abiodun"],
    ),
];

const ORG_WORDS: &[&str] = &[
    "Northern",
    "Atlas",
    "Blue",
    "River",
    "Summit",
    "Pioneer",
    "Golden",
    "Harbor",
    "Crescent",
    "Evergreen",
    "Delta",
    "Union",
    "Falcon",
    "Orion",
    "Silk Road",
    "Meridian",
    "Cedar",
    "Baltic",
    "Pacific",
    "Sahara",
];
const ORG_TRADES: &[&str] = &[
    "Trading",
    "Logistics",
    "Shipping",
    "Industries",
    "Holdings",
    "Consulting",
    "Foods",
    "Textiles",
    "Engineering",
    "Petroleum",
    "Pharma",
    "Electronics",
    "Capital",
    "Construction",
    "Agro",
];
const ORG_FORMS: &[&str] =
    &["LLC", "Ltd", "GmbH", "SA", "S.p.A.", "JSC", "OOO", "FZE", "Co., Ltd.", "AB", "BV", "Inc.", "PJSC"];
const ORG_NON_LATIN: &[&str] = &[
    "ООО «Северный Торговый Дом»",
    "АО «Балтийская Логистика»",
    "شركة النور للتجارة",
    "مؤسسة الصحراء للنقل",
    "上海远洋贸易有限公司",
    "深圳华信电子有限公司",
    "Ελληνική Ναυτιλιακή Α.Ε.",
];
const COUNTRIES: &[&str] = &[
    "US", "GB", "DE", "FR", "ES", "IT", "TR", "RU", "CN", "IN", "JP", "NG", "AE", "IR", "SY", "GR", "BR",
    "NL",
];

/// Share of records (in percent) whose name is a listed name, exact or lightly altered: about
/// what a real customer file of a sanctions-exposed business shows, and enough to exercise the
/// scorer and the output path.
const LISTED_PERCENT: u64 = 2;

fn generate(path: &Path, records: usize, listed: &[(String, EntityKind)]) -> std::io::Result<()> {
    let tmp = path.with_extension("tmp");
    let mut out = BufWriter::with_capacity(1 << 20, std::fs::File::create(&tmp)?);
    writeln!(out, "id,name,kind,dob,country")?;
    let mut rng = Rng(0x0E3B_A760);
    for i in 0..records {
        let (name, kind) = if rng.chance(LISTED_PERCENT) && !listed.is_empty() {
            let (name, kind) = rng.pick(listed);
            (alter(&mut rng, name), *kind)
        } else if rng.chance(70) {
            let (given, family) = rng.pick(PEOPLE);
            let name = match rng.below(3) {
                0 => format!("{} {} {}", rng.pick(given), rng.pick(given), rng.pick(family)),
                1 if family[0].chars().next().is_some_and(|c| c.is_ascii()) => {
                    format!("{}, {}", rng.pick(family).to_uppercase(), rng.pick(given))
                }
                _ => format!("{} {}", rng.pick(given), rng.pick(family)),
            };
            (name, EntityKind::Person)
        } else if rng.chance(15) {
            (rng.pick(ORG_NON_LATIN).to_string(), EntityKind::Organization)
        } else {
            let name = format!("{} {} {}", rng.pick(ORG_WORDS), rng.pick(ORG_TRADES), rng.pick(ORG_FORMS));
            (name, EntityKind::Organization)
        };
        let kind_text = match kind {
            _ if rng.chance(20) => "",
            EntityKind::Person => "person",
            EntityKind::Organization => "company",
            other => other.as_str(),
        };
        let dob = if kind == EntityKind::Person && rng.chance(70) {
            format!("{}-{:02}-{:02}", 1940 + rng.below(66), 1 + rng.below(12), 1 + rng.below(28))
        } else {
            String::new()
        };
        let country = if rng.chance(80) { *rng.pick(COUNTRIES) } else { "" };
        let mut line = Vec::with_capacity(96);
        line.extend_from_slice(format!("C{i:07},").as_bytes());
        embargo_batch::output::write_csv_field(&mut line, &name);
        line.extend_from_slice(format!(",{kind_text},{dob},{country}\n").as_bytes());
        out.write_all(&line)?;
    }
    out.flush()?;
    drop(out);
    std::fs::rename(tmp, path)
}

/// A listed name as customer files carry it: as listed, in other case, or with one typo.
fn alter(rng: &mut Rng, name: &str) -> String {
    match rng.below(4) {
        0 | 1 => name.to_owned(),
        2 => name.to_lowercase(),
        _ => {
            let mut chars: Vec<char> = name.chars().collect();
            if chars.len() > 6 {
                let i = 1 + rng.below(chars.len() - 2);
                if chars[i].is_alphabetic() && chars[i + 1].is_alphabetic() {
                    chars.swap(i, i + 1);
                }
            }
            chars.into_iter().collect()
        }
    }
}
