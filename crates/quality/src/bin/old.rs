//! The old quality harness of embargo's matcher, kept runnable so that its scorecard stands
//! beside the independent deck's (`embargo-quality`) and the gap between them stays visible.
//! Its cases are chosen with `embargo-names` (the matcher's own analysis), which is why it
//! flatters the matcher; see `docs/quality.md`.
//!
//! `cargo run --release -p embargo-quality --bin embargo-quality-old [-- OPTIONS]` reads the newest edition of every list in
//! `shared/data/lists` with the readers of `embargo-readers`, indexes them with
//! `embargo-matcher`, and measures:
//!
//! * **recall per variation type**: listed names changed the way real data changes them (case
//!   and punctuation, one and two typos, word order, a dropped middle name, a title added,
//!   respellings, legal-form variants, joined and split words) must still find their entity at
//!   the default threshold; cross-script queries (the non-Latin names of the UK OFSI list) must
//!   find their entity in an index that holds no non-Latin name at all;
//! * **the alert rate on names that are on no list**: people and companies of many cultures,
//!   generated from name parts and checked against the lists;
//! * **vessels screened as companies**: a listed vessel's name screened with kind
//!   `organization` should not alert on the vessel;
//! * **precision, recall and F1 on labelled pairs** (`data/pairs.csv`), with hard negatives;
//! * a **threshold sweep** of all three.
//!
//! Everything is seeded: the same seed, lists and matcher give the same figures. Options:
//! `--json` (the whole report as JSON on stdout), `--seed N` (default 42), `--per-type N`
//! (positives per variation, default 1000), `--negatives N` (default 2000), `--cross-script N`
//! (default: all), `--data DIR` (default `$EMBARGO_SHARED_DATA` or `../shared/data` beside the
//! checkout), `--pairs FILE`, `--misses N` (misses shown per variation, default 3).

use embargo_matcher::{compare, Index, Query, ScreenOptions, DEFAULT_THRESHOLD};
use embargo_model::{Entity, EntityKind};
use embargo_quality::legacy::{negatives, pairs, variations};
use embargo_quality::lists::{self, ListEdition};
use embargo_quality::rng::Rng;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;
use variations::{Case, Variation};

/// Hits are collected down to this score, so that any threshold of the sweep can be evaluated
/// from one screening per query.
const SWEEP_FLOOR: f64 = 0.5;
const SWEEP: [f64; 9] = [0.60, 0.65, 0.70, 0.75, 0.80, 0.85, 0.88, 0.90, 0.95];
/// Hits kept per query: enough that the expected entity is not crowded out by namesakes.
const HIT_LIMIT: usize = 50;

struct Args {
    data: PathBuf,
    pairs: PathBuf,
    per_type: usize,
    negatives: usize,
    cross_script: usize,
    seed: u64,
    json: bool,
    misses: usize,
}

fn parse_args() -> Result<Args, String> {
    let default_data = std::env::var_os("EMBARGO_SHARED_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"));
    let mut args = Args {
        data: default_data,
        pairs: Path::new(env!("CARGO_MANIFEST_DIR")).join("data/pairs.csv"),
        per_type: 1000,
        negatives: 2000,
        cross_script: 100_000,
        seed: 42,
        json: false,
        misses: 3,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = |name: &str| it.next().ok_or_else(|| format!("{name} needs a value"));
        let number = |name: &str, v: String| {
            v.parse::<u64>().map_err(|_| format!("{name}: expected a number, got {v:?}"))
        };
        match flag.as_str() {
            "--json" => args.json = true,
            "--data" => args.data = PathBuf::from(value("--data")?),
            "--pairs" => args.pairs = PathBuf::from(value("--pairs")?),
            "--seed" => args.seed = number("--seed", value("--seed")?)?,
            "--per-type" => args.per_type = number("--per-type", value("--per-type")?)? as usize,
            "--negatives" => args.negatives = number("--negatives", value("--negatives")?)? as usize,
            "--cross-script" => {
                args.cross_script = number("--cross-script", value("--cross-script")?)? as usize
            }
            "--misses" => args.misses = number("--misses", value("--misses")?)? as usize,
            "-h" | "--help" => {
                println!(
                    "usage: embargo-quality-old [--json] [--seed N] [--per-type N] [--negatives N] [--cross-script N] \
                     [--data DIR] [--pairs FILE] [--misses N]"
                );
                std::process::exit(0);
            }
            other => return Err(format!("unknown option {other:?} (try --help)")),
        }
    }
    Ok(args)
}

/// The entities with every name written in a non-Latin script removed.
fn latin_only(entities: &[Entity]) -> Vec<Entity> {
    entities
        .iter()
        .map(|e| {
            let mut e = e.clone();
            e.names.retain(|n| {
                matches!(
                    embargo_names::dominant_script(&n.full),
                    embargo_names::Script::Latin | embargo_names::Script::Common
                )
            });
            e
        })
        .filter(|e| !e.names.is_empty())
        .collect()
}

/// One screened positive.
#[derive(Serialize, Clone)]
struct Outcome {
    #[serde(flatten)]
    case: Case,
    /// Score of the expected entity (0 when it was not among the hits).
    score: f64,
    /// The best hit, when it is not the expected entity.
    #[serde(skip_serializing_if = "Option::is_none")]
    best_other: Option<(String, String, f64)>,
    /// For a miss: `compare(query, source)`. At or above the threshold, the scorer agrees and
    /// the candidate search lost the entity; below, the scorer itself does not match them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pair_score: Option<f64>,
}

fn options() -> ScreenOptions {
    ScreenOptions {
        threshold: SWEEP_FLOOR,
        limit: HIT_LIMIT,
        lists: None,
        explain: false,
        ..ScreenOptions::default()
    }
}

fn screen_case(index: &Index, case: &Case, timings: &mut Vec<f64>) -> Outcome {
    let start = Instant::now();
    let hits = index.screen(&Query::name(case.query.clone()), &options());
    timings.push(start.elapsed().as_secs_f64() * 1e6);
    let score = hits.iter().filter(|h| h.entity.id == case.entity_id).map(|h| h.score).fold(0.0, f64::max);
    let best_other = hits
        .iter()
        .find(|h| h.entity.id != case.entity_id && h.score > score)
        .map(|h| (h.entity.id.clone(), h.matched_name.clone(), h.score));
    let pair_score = (score < DEFAULT_THRESHOLD).then(|| compare(&case.query, &case.source, None).score);
    Outcome { case: case.clone(), score, best_other, pair_score }
}

#[derive(Serialize)]
struct VariationReport {
    variation: &'static str,
    cases: usize,
    recall: f64,
    target: Option<f64>,
    meets_target: Option<bool>,
    /// Finer breakdown (cross-script by script).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    by_detail: BTreeMap<String, (usize, f64)>,
    /// Misses whose pair score reaches the threshold: lost by the candidate search.
    search_misses: usize,
    /// Misses the scorer itself does not match.
    score_misses: usize,
    misses: Vec<Outcome>,
}

#[derive(Serialize)]
struct NegativeReport {
    queries: usize,
    rejected_as_listed: usize,
    alerts: usize,
    alert_rate: f64,
    by_origin: BTreeMap<String, (usize, usize)>,
    alerting: Vec<(String, String, String, f64)>,
}

#[derive(Serialize)]
struct SweepRow {
    threshold: f64,
    recall: f64,
    alert_rate: f64,
    vessel_as_company_alert_rate: f64,
    pairs: pairs::Prf,
}

#[derive(Serialize)]
struct Report {
    seed: u64,
    default_threshold: f64,
    lists: Vec<ListEdition>,
    problems: Vec<String>,
    entities: usize,
    names: usize,
    index_build_seconds: f64,
    latin_index_build_seconds: f64,
    variations: Vec<VariationReport>,
    recall_all: f64,
    negatives: NegativeReport,
    vessel_as_company: (usize, usize),
    pairs: usize,
    pairs_at_default: pairs::Prf,
    pair_errors: Vec<(String, String, String, bool, f64)>,
    sweep: Vec<SweepRow>,
    query_median_us: f64,
    query_p99_us: f64,
    queries: usize,
}

fn main() -> ExitCode {
    match parse_args().and_then(run) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("embargo-quality-old: {e}");
            ExitCode::from(2)
        }
    }
}

fn run(args: Args) -> Result<(), String> {
    let progress = |msg: &str| {
        if !args.json {
            eprintln!("· {msg}");
        }
    };
    let loaded = lists::load_newest(&args.data.join("lists"))?;
    let entities = loaded.entities;
    let names: usize = entities.iter().map(|e| e.names.len()).sum();
    progress(&format!("{} entities, {names} names read", entities.len()));

    let start = Instant::now();
    let index = Index::build(entities.clone());
    let index_build_seconds = start.elapsed().as_secs_f64();
    let start = Instant::now();
    let latin_index = Index::build(latin_only(&entities));
    let latin_index_build_seconds = start.elapsed().as_secs_f64();
    progress(&format!("indexes built in {index_build_seconds:.2}s and {latin_index_build_seconds:.2}s"));

    let mut rng = Rng::new(args.seed);
    let mut cases = variations::latin_cases(&entities, args.per_type, &mut rng);
    cases.extend(variations::cross_script_cases(&entities, "uk-ofsi", args.cross_script, &mut rng));
    progress(&format!("screening {} positives", cases.len()));
    let mut timings = Vec::with_capacity(cases.len() + args.negatives);
    let outcomes: Vec<Outcome> = cases
        .iter()
        .map(|c| {
            let idx = if c.variation.is_cross_script() { &latin_index } else { &index };
            screen_case(idx, c, &mut timings)
        })
        .collect();

    progress("building negatives");
    let listed = negatives::ListedKeys::build(&entities);
    let (negs, rejected) = negatives::generate(&listed, args.negatives, &mut rng);
    let neg_scores: Vec<(f64, String, String)> = negs
        .iter()
        .map(|n| {
            let start = Instant::now();
            let hits = index.screen(&Query::name(n.query.clone()), &options());
            timings.push(start.elapsed().as_secs_f64() * 1e6);
            hits.first().map(|h| (h.score, h.entity.id.clone(), h.matched_name.clone())).unwrap_or_default()
        })
        .collect();

    // Vessels screened as companies: the vessel itself should not alert.
    let mut vessel_scores = Vec::new();
    for e in entities.iter().filter(|e| e.kind == EntityKind::Vessel) {
        let Some(name) = e.names.first() else { continue };
        let query = Query {
            names: vec![name.full.clone()],
            kind: Some(EntityKind::Organization),
            ..Query::default()
        };
        let hits = index.screen(&query, &options());
        vessel_scores.push(hits.iter().filter(|h| h.entity.id == e.id).map(|h| h.score).fold(0.0, f64::max));
    }

    let pair_set = pairs::read(&args.pairs)?;
    let pair_scores: Vec<f64> =
        pair_set.iter().map(|p| compare(&p.name1, &p.name2, p.kind()).score).collect();
    let pair_labels: Vec<bool> = pair_set.iter().map(|p| p.label).collect();

    // Figures.
    let mut variations_report = Vec::new();
    for v in Variation::ALL {
        let of: Vec<&Outcome> = outcomes.iter().filter(|o| o.case.variation == v).collect();
        let found = of.iter().filter(|o| o.score >= DEFAULT_THRESHOLD).count();
        let recall = ratio(found, of.len());
        let mut by_detail: BTreeMap<String, (usize, f64)> = BTreeMap::new();
        if v.is_cross_script() {
            let mut counts: BTreeMap<String, (usize, usize)> = BTreeMap::new();
            for o in &of {
                let c = counts.entry(o.case.detail.clone()).or_default();
                c.0 += 1;
                c.1 += usize::from(o.score >= DEFAULT_THRESHOLD);
            }
            by_detail = counts.into_iter().map(|(k, (n, f))| (k, (n, ratio(f, n)))).collect();
        }
        let misses: Vec<Outcome> = of
            .iter()
            .filter(|o| o.score < DEFAULT_THRESHOLD)
            .take(args.misses.max(20))
            .map(|o| (*o).clone())
            .collect();
        let missed: Vec<&&Outcome> = of.iter().filter(|o| o.score < DEFAULT_THRESHOLD).collect();
        let search_misses =
            missed.iter().filter(|o| o.pair_score.is_some_and(|p| p >= DEFAULT_THRESHOLD)).count();
        variations_report.push(VariationReport {
            search_misses,
            score_misses: missed.len() - search_misses,
            variation: v.as_str(),
            cases: of.len(),
            recall,
            target: v.target(),
            meets_target: v.target().map(|t| !of.is_empty() && recall >= t),
            by_detail,
            misses,
        });
    }
    // Recall over every positive with a target (translated organisation names excluded).
    let targeted: Vec<&Outcome> = outcomes.iter().filter(|o| o.case.variation.target().is_some()).collect();
    let recall_at = |t: f64| ratio(targeted.iter().filter(|o| o.score >= t).count(), targeted.len());
    let alerts_at = |t: f64| neg_scores.iter().filter(|s| s.0 >= t).count();
    let vessel_alerts_at = |t: f64| vessel_scores.iter().filter(|s| **s >= t).count();

    let mut by_origin: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for (n, s) in negs.iter().zip(&neg_scores) {
        let origin = n.origin.split(':').next().unwrap_or("").to_owned();
        let e = by_origin.entry(origin).or_default();
        e.0 += 1;
        e.1 += usize::from(s.0 >= DEFAULT_THRESHOLD);
    }
    let alerting = negs
        .iter()
        .zip(&neg_scores)
        .filter(|(_, s)| s.0 >= DEFAULT_THRESHOLD)
        .map(|(n, s)| (n.query.clone(), s.1.clone(), s.2.clone(), s.0))
        .collect();
    let negatives_report = NegativeReport {
        queries: negs.len(),
        rejected_as_listed: rejected,
        alerts: alerts_at(DEFAULT_THRESHOLD),
        alert_rate: ratio(alerts_at(DEFAULT_THRESHOLD), negs.len()),
        by_origin,
        alerting,
    };
    let mut thresholds: Vec<f64> = SWEEP.to_vec();
    if !thresholds.iter().any(|t| (t - DEFAULT_THRESHOLD).abs() < 1e-9) {
        thresholds.push(DEFAULT_THRESHOLD);
        thresholds.sort_by(f64::total_cmp);
    }
    let sweep = thresholds
        .iter()
        .map(|&t| SweepRow {
            threshold: t,
            recall: recall_at(t),
            alert_rate: ratio(alerts_at(t), negs.len()),
            vessel_as_company_alert_rate: ratio(vessel_alerts_at(t), vessel_scores.len()),
            pairs: pairs::prf(&pair_scores, &pair_labels, t),
        })
        .collect();
    let pair_errors = pair_set
        .iter()
        .zip(&pair_scores)
        .filter(|(p, s)| (**s >= DEFAULT_THRESHOLD) != p.label)
        .map(|(p, s)| (p.name1.clone(), p.name2.clone(), p.schema.clone(), p.label, *s))
        .collect();
    timings.sort_by(f64::total_cmp);
    let report = Report {
        seed: args.seed,
        default_threshold: DEFAULT_THRESHOLD,
        lists: loaded.editions,
        problems: loaded.problems,
        entities: entities.len(),
        names,
        index_build_seconds,
        latin_index_build_seconds,
        variations: variations_report,
        recall_all: recall_at(DEFAULT_THRESHOLD),
        negatives: negatives_report,
        vessel_as_company: (vessel_alerts_at(DEFAULT_THRESHOLD), vessel_scores.len()),
        pairs: pair_set.len(),
        pairs_at_default: pairs::prf(&pair_scores, &pair_labels, DEFAULT_THRESHOLD),
        pair_errors,
        sweep,
        query_median_us: percentile(&timings, 0.5),
        query_p99_us: percentile(&timings, 0.99),
        queries: timings.len(),
    };
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?);
    } else {
        print_text(&report, args.misses);
    }
    Ok(())
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn pct(x: f64) -> String {
    format!("{:.2}%", x * 100.0)
}

fn print_text(r: &Report, misses: usize) {
    println!("embargo quality harness (seed {}, default threshold {:.2})", r.seed, r.default_threshold);
    for l in &r.lists {
        println!("  {l}");
    }
    for p in &r.problems {
        println!("  NOT LOADED: {p}");
    }
    println!(
        "  {} entities, {} names; index built in {:.2}s (Latin-only index for cross-script: {:.2}s)\n",
        r.entities, r.names, r.index_build_seconds, r.latin_index_build_seconds
    );
    println!("Recall at the default threshold (listed names changed the way real data changes them)");
    println!(
        "  {:<24} {:>6} {:>9} {:>8}  {:>13}",
        "variation", "cases", "recall", "target", "misses: search/score"
    );
    for v in &r.variations {
        let verdict = match v.meets_target {
            Some(true) => "ok",
            Some(false) => "BELOW TARGET",
            None => "(no target: mostly translations)",
        };
        let target = v.target.map(pct).unwrap_or_else(|| "-".to_owned());
        println!(
            "  {:<24} {:>6} {:>9} {:>8}  {:>6}/{:<6} {verdict}",
            v.variation,
            v.cases,
            pct(v.recall),
            target,
            v.search_misses,
            v.score_misses
        );
        for (detail, (n, recall)) in &v.by_detail {
            println!("    {detail:<22} {n:>6} {:>9}", pct(*recall));
        }
    }
    println!(
        "  {:<24} {:>6} {:>9}\n",
        "all with a target",
        r.variations.iter().filter(|v| v.target.is_some()).map(|v| v.cases).sum::<usize>(),
        pct(r.recall_all)
    );
    let n = &r.negatives;
    println!(
        "Alerts on names that are on no list: {}/{} = {} (target <= 1.00%; {} generated names rejected as listed)",
        n.alerts,
        n.queries,
        pct(n.alert_rate),
        n.rejected_as_listed
    );
    for (origin, (q, a)) in &n.by_origin {
        println!("  {origin:<10} {a}/{q}");
    }
    for (q, id, name, s) in n.alerting.iter().take(misses.max(5)) {
        println!("  alert: {q:?} -> {id} {name:?} ({s:.3})");
    }
    println!(
        "Vessels screened with kind organization that alert on the vessel: {}/{}\n",
        r.vessel_as_company.0, r.vessel_as_company.1
    );
    let p = &r.pairs_at_default;
    println!(
        "Labelled pairs ({} pairs) at {:.2}: precision {}, recall {}, F1 {:.3} (TP {}, FP {}, FN {})",
        r.pairs,
        p.threshold,
        pct(p.precision),
        pct(p.recall),
        p.f1,
        p.true_positives,
        p.false_positives,
        p.false_negatives
    );
    for (a, b, schema, label, s) in r.pair_errors.iter().take(misses.max(10)) {
        let what = if *label { "missed match" } else { "false match" };
        println!("  {what}: {a:?} / {b:?} ({schema}) scored {s:.3}");
    }
    println!("\nThreshold sweep");
    println!(
        "  {:>9} {:>9} {:>11} {:>15} {:>10} {:>10} {:>7}",
        "threshold", "recall", "alert rate", "vessel-as-co", "pair P", "pair R", "pair F1"
    );
    for s in &r.sweep {
        println!(
            "  {:>9.2} {:>9} {:>11} {:>15} {:>10} {:>10} {:>7.3}",
            s.threshold,
            pct(s.recall),
            pct(s.alert_rate),
            pct(s.vessel_as_company_alert_rate),
            pct(s.pairs.precision),
            pct(s.pairs.recall),
            s.pairs.f1
        );
    }
    println!("\nMisses (first {misses} per variation)");
    for v in &r.variations {
        for o in v.misses.iter().take(misses) {
            let other = o
                .best_other
                .as_ref()
                .map(|(id, name, s)| format!("; best other {id} {name:?} {s:.3}"))
                .unwrap_or_default();
            let pair = o.pair_score.map(|p| format!("; pair score {p:.3}")).unwrap_or_default();
            println!(
                "  {:<20} {:?} (from {:?}, {}) scored {:.3}{pair}{other}",
                v.variation, o.case.query, o.case.source, o.case.entity_id, o.score
            );
        }
    }
    println!(
        "\nQuery time in this run (informational, the matcher's benchmarks are the reference): median {:.1} µs, p99 {:.1} µs over {} queries",
        r.query_median_us, r.query_p99_us, r.queries
    );
}
