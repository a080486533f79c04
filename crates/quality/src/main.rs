//! `embargo-quality`: the independent test deck's scorecard on the real lists.
//!
//! `cargo run --release -p embargo-quality [-- --seed N --per-treatment N --per-culture N
//! --examples N --data DIR --json]`. The data folder is `$EMBARGO_SHARED_DATA` or
//! `../shared/data` beside the checkout.

use embargo_quality::deck::{self, report::Scorecard, Config};
use embargo_quality::lists;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

struct Args {
    data: PathBuf,
    config: Config,
    examples: usize,
    json: bool,
}

fn parse_args() -> Result<Args, String> {
    let data = std::env::var_os("EMBARGO_SHARED_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"));
    let mut args = Args { data, config: Config::default(), examples: 5, json: false };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut number = |name: &str| -> Result<u64, String> {
            let v = it.next().ok_or_else(|| format!("{name} needs a value"))?;
            v.parse().map_err(|_| format!("{name}: expected a number, got {v:?}"))
        };
        match flag.as_str() {
            "--json" => args.json = true,
            "--seed" => args.config.seed = number("--seed")?,
            "--per-treatment" => args.config.per_treatment = number("--per-treatment")? as usize,
            "--per-culture" => args.config.per_culture = number("--per-culture")? as usize,
            "--examples" => args.examples = number("--examples")? as usize,
            "--data" => args.data = PathBuf::from(it.next().ok_or("--data needs a value")?),
            "-h" | "--help" => {
                println!(
                    "usage: embargo-quality [--seed N] [--per-treatment N] [--per-culture N] [--examples N] [--data DIR] [--json]"
                );
                std::process::exit(0);
            }
            other => return Err(format!("unknown option {other:?} (try --help)")),
        }
    }
    Ok(args)
}

fn main() -> ExitCode {
    match parse_args().and_then(run) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("embargo-quality: {e}");
            ExitCode::from(2)
        }
    }
}

fn run(args: Args) -> Result<(), String> {
    let start = Instant::now();
    let lists = lists::load_newest(&args.data.join("lists"))?;
    let mut progress = |msg: &str| eprintln!("· {:>5.1}s {msg}", start.elapsed().as_secs_f64());
    progress(&format!("{} entities read", lists.entities.len()));
    let run = deck::run(&lists.entities, &args.config, &mut progress);
    let card = Scorecard::of(&run);
    if args.json {
        let out = serde_json::json!({ "lists": lists.editions, "problems": lists.problems, "scorecard": card, "deck": run });
        println!("{}", serde_json::to_string_pretty(&out).map_err(|e| e.to_string())?);
        return Ok(());
    }
    println!(
        "embargo independent test deck (seed {}, {} positives per treatment, {} negatives per culture)",
        args.config.seed, args.config.per_treatment, args.config.per_culture
    );
    for e in &lists.editions {
        println!("  {e}");
    }
    for p in &lists.problems {
        println!("  NOT LOADED: {p}");
    }
    println!(
        "  indexed: {} entities, {} names (Latin-only index for cross-script: {} names)\n",
        run.entities, run.names, run.latin_names
    );
    print!("{}", card.to_text(&run, args.examples));
    Ok(())
}
