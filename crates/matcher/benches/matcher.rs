//! Matcher benchmarks over the real lists in `../shared/data/lists` (override the data folder
//! with `EMBARGO_SHARED_DATA`): index build, one query, one pair.
//!
//! Before the criterion groups run, a latency survey screens 10,000 realistic queries (listed
//! names as given, with a typo, reordered, with a token dropped, and names on no list) and
//! prints the median, p90, p99 and max, since criterion reports means and medians of repeated
//! runs of one input, not the tail over many inputs; then the median of each kind of query.
//!
//! `cargo bench -p embargo-matcher`

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use embargo_matcher::{compare, AlignmentScorer, Index, PreparedName, Query, Scorer, ScreenOptions};
use embargo_model::Entity;
use embargo_readers::detect;
use embargo_testkit::shared_data;
use std::collections::HashSet;
use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// The allocator of the `embargo` binary (which serves `/match` and screens), so the figures
/// are the binary's: a query allocates many small, short-lived strings, and under the system
/// allocator their malloc and free were 5% of the survey's instructions.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn data_dir() -> PathBuf {
    shared_data()
}

/// Every list found under `lists/` (the readers' own format detection), each through its
/// reader; a set that fails is reported and skipped, so the benchmark runs on whatever loads.
/// An entity id seen twice (the same list in two formats) is kept once.
fn load_lists() -> Vec<Entity> {
    let lists = data_dir().join("lists");
    let found = match detect::detect(std::slice::from_ref(&lists)) {
        Ok(found) => found,
        Err(err) => {
            eprintln!("no lists under {}: {err}", lists.display());
            return Vec::new();
        }
    };
    let mut entities = Vec::new();
    let mut ids = HashSet::new();
    for set in &found.lists {
        let Some(reader) = set.reader() else { continue };
        let mut read = Vec::new();
        match reader.read(&set.files, &mut |e| read.push(e)) {
            Ok(report) => {
                eprintln!("loaded {} {} entities ({})", report.entities, report.list, set.format);
                entities.extend(read.into_iter().filter(|e| ids.insert(e.id.clone())));
            }
            Err(err) => eprintln!("skipped {} ({}): {err}", set.list, set.format),
        }
    }
    entities
}

/// A small deterministic generator (xorshift), so every run screens the same queries.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// What a survey query was made from: a listed name as given, with a typo, reversed, with a
/// word dropped, or words of listed names shuffled into a name on no list.
const QUERY_KINDS: [&str; 5] = ["as listed", "typo", "reversed", "word dropped", "on no list"];

/// 10,000 queries shaped like real screening traffic, each with its index in [`QUERY_KINDS`].
fn realistic_queries(entities: &[Entity], count: usize) -> Vec<(usize, String)> {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let names: Vec<&str> = entities.iter().flat_map(|e| e.names.iter().map(|n| n.full.as_str())).collect();
    let words: Vec<&str> = names.iter().flat_map(|n| n.split_whitespace()).filter(|w| w.len() > 2).collect();
    if names.is_empty() {
        return Vec::new();
    }
    (0..count)
        .map(|_| {
            let name = names[rng.below(names.len())];
            let mut tokens: Vec<String> = name.split_whitespace().map(str::to_owned).collect();
            match rng.below(10) {
                0..=2 => (0, name.to_owned()),
                3 | 4 => {
                    let t = rng.below(tokens.len());
                    let mut chars: Vec<char> = tokens[t].chars().collect();
                    let at = rng.below(chars.len());
                    chars[at] = if chars[at] == 'e' { 'a' } else { 'e' };
                    tokens[t] = chars.into_iter().collect();
                    (1, tokens.join(" "))
                }
                5 => {
                    tokens.reverse();
                    (2, tokens.join(" "))
                }
                6 if tokens.len() > 2 => {
                    tokens.remove(rng.below(tokens.len()));
                    (3, tokens.join(" "))
                }
                _ => {
                    // A name on no list: words of listed names, shuffled together.
                    let n = 2 + rng.below(2);
                    (4, (0..n).map(|_| words[rng.below(words.len())]).collect::<Vec<_>>().join(" "))
                }
            }
        })
        .collect()
}

fn rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

/// CPU time of this thread so far (from the scheduler's accounting), when Linux tells it: the
/// survey also reports CPU time per query, which other processes on the machine disturb less
/// than wall time.
fn thread_cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    Some(Duration::from_nanos(stat.split_whitespace().next()?.parse().ok()?))
}

/// Screens every query once, and prints the median, p90, p99 and max latency, then the median
/// of each kind of query (see [`QUERY_KINDS`]): what a change does to one kind is lost in the
/// overall median, which the largest kinds decide.
fn latency_survey(index: &Index, queries: &[(usize, String)]) {
    let options = ScreenOptions::default();
    let cpu_start = thread_cpu_time();
    let mut times = Vec::with_capacity(queries.len());
    let mut by_kind: Vec<Vec<Duration>> = vec![Vec::new(); QUERY_KINDS.len()];
    let mut hits = 0usize;
    for (kind, q) in queries {
        let query = Query::name(q.clone());
        let start = Instant::now();
        let found = index.screen(&query, &options);
        let elapsed = start.elapsed();
        times.push(elapsed);
        by_kind[*kind].push(elapsed);
        hits += usize::from(!found.is_empty());
    }
    let cpu =
        cpu_start.zip(thread_cpu_time()).map(|(start, end)| (end - start) / queries.len().max(1) as u32);
    times.sort();
    if times.is_empty() {
        return;
    }
    if let Some(cpu) = cpu {
        eprintln!("latency survey: mean CPU time per query {cpu:?}");
    }
    eprintln!(
        "latency survey: {} queries, {} with hits: median {:?}, p90 {:?}, p99 {:?}, max {:?}",
        times.len(),
        hits,
        percentile(&times, 0.5),
        percentile(&times, 0.9),
        percentile(&times, 0.99),
        times[times.len() - 1]
    );
    let medians: Vec<String> = QUERY_KINDS
        .iter()
        .zip(&mut by_kind)
        .filter(|(_, t)| !t.is_empty())
        .map(|(kind, t)| {
            t.sort();
            format!("{kind} ({}) {:?}", t.len(), percentile(t, 0.5))
        })
        .collect();
    eprintln!("latency survey: median by kind of query: {}", medians.join(", "));
}

fn benches(c: &mut Criterion) {
    if std::env::var_os("EMBARGO_BENCH_PAIRS_ONLY").is_some() {
        return pair_benches(c);
    }
    let entities = load_lists();
    let names: usize = entities.iter().map(|e| e.names.len()).sum();
    eprintln!(
        "{} entities, {} names; RSS after loading {:.0} MB",
        entities.len(),
        names,
        rss_mb().unwrap_or(0.0)
    );

    let queries = realistic_queries(&entities, 10_000);
    let start = Instant::now();
    for e in &entities {
        for n in &e.names {
            black_box(embargo_names::analyze(&n.full, Some(e.kind)));
        }
    }
    eprintln!("name analysis alone, one thread: {:?}", start.elapsed());

    let start = Instant::now();
    let index = Index::build(entities);
    eprintln!("index build: {:?}; {:?}", start.elapsed(), index.stats());
    eprintln!("RSS with lists and index: {:.0} MB", rss_mb().unwrap_or(0.0));
    // EMBARGO_SURVEY_ROUNDS repeats the survey (for profiling the query path alone).
    let rounds = std::env::var("EMBARGO_SURVEY_ROUNDS").ok().and_then(|r| r.parse().ok()).unwrap_or(1);
    for _ in 0..rounds {
        latency_survey(&index, &queries);
    }
    let entities: Vec<Entity> = index.entities().iter().map(|e| (**e).clone()).collect();

    let mut group = c.benchmark_group("index");
    group.sample_size(10).measurement_time(Duration::from_secs(20));
    group.bench_function("build_all_lists", |b| b.iter(|| Index::build(black_box(entities.clone()))));
    group.finish();

    let mut group = c.benchmark_group("screen");
    let options = ScreenOptions::default();
    for (label, q) in [
        ("listed", "Saeed AGHAJANI"),
        ("typo", "Vladimir Vladimirovich PUTEN"),
        ("common_given_names", "Mohammad Ali Hosseini"),
        ("organization", "Rosneft Trading SA"),
        ("not_listed", "Margaret Thornbury"),
    ] {
        let query = Query::name(q);
        group.bench_with_input(BenchmarkId::new("one_query", label), &query, |b, query| {
            b.iter(|| index.screen(black_box(query), &options))
        });
    }
    group.finish();
    pair_benches(c);
}

fn pair_benches(c: &mut Criterion) {
    let mut group = c.benchmark_group("compare");
    for (label, a, b) in [
        ("person_typo", "Saeed AGHAJANI", "Saeed Aghajany"),
        ("organization", "ROSNEFT TRADING S.A.", "Rosneft Trading SA"),
        ("vessel", "FUYUAN YU 7613", "FUYUAN YU 7631"),
    ] {
        group.bench_function(BenchmarkId::new("one_pair", label), |bench| {
            bench.iter(|| compare(black_box(a), black_box(b), None))
        });
        let (pa, pb) = (PreparedName::analyze(a, None), PreparedName::analyze(b, None));
        group.bench_function(BenchmarkId::new("score_analysed_pair", label), |bench| {
            bench.iter(|| AlignmentScorer.score(black_box(&pa.view()), black_box(&pb.view()), false))
        });
    }
    group.finish();
}

criterion_group!(matcher, benches);
criterion_main!(matcher);
