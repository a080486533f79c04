//! `embargo screen --input FILE --output FILE`: batch screening of a file of records (see the
//! `embargo-batch` crate and docs/batch.md).
//!
//! Exit codes: 0 the file was screened (hits or not); 1 it was screened and some record had a
//! hit, with `--fail-on-hit`; 2 an error (bad flags, wrong mapping, unreadable input, refused
//! resume). Bad rows do not make the run fail: they are counted and written to the rejects file.

use anyhow::{bail, Context};
use embargo_batch::{BatchOptions, ColumnMapping, InputFormat, OutputFormat, Progress, Summary};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// Raw flags of batch screening, flattened into `embargo screen`.
#[derive(clap::Args)]
pub struct BatchArgs {
    /// A CSV (with a header) or JSON-lines file of records to screen.
    #[arg(long, value_name = "FILE")]
    pub input: Option<PathBuf>,

    /// Where the hits go: CSV, or JSON lines for .jsonl/.ndjson/.json (or --format).
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// The input's format: csv or jsonl (default: by its extension).
    #[arg(long, value_name = "FORMAT")]
    pub input_format: Option<String>,

    /// Column holding the record's id (default: `id`, else the line number).
    #[arg(long, value_name = "COLUMN")]
    pub id_col: Option<String>,

    /// Column of the name; repeat to join several (first and last name). Default: `name`.
    #[arg(long, value_name = "COLUMN")]
    pub name_col: Vec<String>,

    /// Column holding the kind of each record (default: `schema` or `kind`).
    #[arg(long, value_name = "COLUMN")]
    pub kind_col: Option<String>,

    /// Column of the date of birth or incorporation (default: `dob`).
    #[arg(long, value_name = "COLUMN")]
    pub dob_col: Option<String>,

    /// Column of the country (default: `country`).
    #[arg(long, value_name = "COLUMN")]
    pub country_col: Option<String>,

    /// Column of an identifier (passport, tax id, IMO); repeatable.
    #[arg(long, value_name = "COLUMN")]
    pub id_number_col: Vec<String>,

    /// A JSON mapping file with the keys id_col, name_col, kind_col, kind, dob_col,
    /// country_col, id_number_col; flags override it.
    #[arg(long, value_name = "FILE")]
    pub mapping: Option<PathBuf>,

    /// The CSV delimiter (one character, or `tab`); default: sniffed from the header.
    #[arg(long, value_name = "CHAR")]
    pub delimiter: Option<String>,

    /// Also write a row for records without hits.
    #[arg(long)]
    pub all: bool,

    /// Where bad rows go (default: OUTPUT.rejects.csv).
    #[arg(long, value_name = "FILE")]
    pub rejects: Option<PathBuf>,

    /// Go on from where an interrupted run with the same arguments stopped.
    #[arg(long)]
    pub resume: bool,

    /// Exit with code 1 when there is a hit (the run still completes).
    #[arg(long)]
    pub fail_on_hit: bool,

    /// Progress display: auto (a bar on a terminal, log lines otherwise), bar, log or none.
    #[arg(long, value_name = "MODE", default_value = "auto")]
    pub progress: String,

    /// Records per chunk (each chunk is a checkpoint).
    #[arg(long, value_name = "N", default_value_t = embargo_batch::DEFAULT_CHUNK_SIZE)]
    pub chunk_size: usize,
}

impl BatchArgs {
    /// Fails on batch flags given without --input.
    pub fn reject_batch_only_flags(&self) -> anyhow::Result<()> {
        let given = [
            ("--output", self.output.is_some()),
            ("--input-format", self.input_format.is_some()),
            ("--id-col", self.id_col.is_some()),
            ("--name-col", !self.name_col.is_empty()),
            ("--kind-col", self.kind_col.is_some()),
            ("--dob-col", self.dob_col.is_some()),
            ("--country-col", self.country_col.is_some()),
            ("--id-number-col", !self.id_number_col.is_empty()),
            ("--mapping", self.mapping.is_some()),
            ("--delimiter", self.delimiter.is_some()),
            ("--all", self.all),
            ("--rejects", self.rejects.is_some()),
            ("--resume", self.resume),
        ];
        let flags: Vec<&str> = given.iter().filter(|(_, on)| *on).map(|(f, _)| *f).collect();
        if !flags.is_empty() {
            bail!("{} only make(s) sense with --input FILE", flags.join(", "));
        }
        Ok(())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ProgressMode {
    Bar,
    Log,
    None,
}

/// Turns the raw flags into batch options.
fn batch_options(args: &super::screen::ScreenArgs) -> anyhow::Result<(BatchOptions, ProgressMode)> {
    let raw = &args.batch;
    let input = raw.input.clone().expect("batch mode has --input");
    if args.name.is_some() {
        bail!("give either a NAME or --input FILE, not both");
    }
    for (flag, given) in [
        ("--dob", !args.dob.is_empty()),
        ("--country", !args.country.is_empty()),
        ("--id", !args.identifiers.is_empty()),
        ("--gender", args.gender.is_some()),
    ] {
        if given {
            bail!("{flag} is for one name; with --input map a column instead (see --help)");
        }
    }
    let Some(output) = raw.output.clone() else {
        bail!("--input needs --output FILE (the hits are written there)");
    };
    let mut options = BatchOptions::new(input, output);
    options.screen = super::screen::screen_options(args)?;
    options.input_format = match raw.input_format.as_deref() {
        None => None,
        Some("csv") => Some(InputFormat::Csv),
        Some("jsonl" | "ndjson" | "json") => Some(InputFormat::JsonLines),
        Some(other) => bail!("unknown --input-format {other:?}: expected csv or jsonl"),
    };
    options.output_format = match args.format.as_deref() {
        None => None,
        Some("csv") => Some(OutputFormat::Csv),
        Some("jsonl" | "ndjson" | "json") => Some(OutputFormat::JsonLines),
        Some(other) => bail!("unknown --format {other:?} for --input: expected csv or jsonl"),
    };
    options.delimiter = raw.delimiter.as_deref().map(parse_delimiter).transpose()?;
    let flags = ColumnMapping {
        id_col: raw.id_col.clone(),
        name_col: raw.name_col.clone(),
        kind_col: raw.kind_col.clone(),
        kind: args.kind.as_deref().map(super::screen::parse_kind).transpose()?,
        dob_col: raw.dob_col.clone(),
        country_col: raw.country_col.clone(),
        id_number_col: raw.id_number_col.clone(),
    };
    options.mapping = match &raw.mapping {
        Some(path) => ColumnMapping::from_file(path)?.overridden_by(flags),
        None => flags,
    };
    options.rejects = raw.rejects.clone();
    options.all = raw.all;
    options.resume = raw.resume;
    if raw.chunk_size == 0 {
        bail!("--chunk-size must be at least 1");
    }
    options.chunk_size = raw.chunk_size;
    let mode = match raw.progress.as_str() {
        "auto" if std::io::stderr().is_terminal() => ProgressMode::Bar,
        "auto" | "log" => ProgressMode::Log,
        "bar" => ProgressMode::Bar,
        "none" => ProgressMode::None,
        other => bail!("unknown --progress {other:?}: expected auto, bar, log or none"),
    };
    Ok((options, mode))
}

fn parse_delimiter(value: &str) -> anyhow::Result<u8> {
    match value {
        "tab" | "\\t" | "\t" => Ok(b'\t'),
        v if v.len() == 1 && v.is_ascii() && !matches!(v, "\"" | "\n" | "\r") => Ok(v.as_bytes()[0]),
        _ => bail!("--delimiter {value:?}: expected one ASCII character (or `tab`)"),
    }
}

pub fn run(data_dir: &Path, args: super::screen::ScreenArgs) -> anyhow::Result<ExitCode> {
    let (options, mode) = batch_options(&args)?;
    let fail_on_hit = args.batch.fail_on_hit;
    let snapshot = super::screen::load_snapshot(data_dir, options.screen.lists.as_deref())?;
    if mode != ProgressMode::None {
        eprintln!(
            "embargo: {} entities from {} list(s) loaded in {:.1}s",
            snapshot.index.len(),
            snapshot.lists.len(),
            snapshot.load_time.as_secs_f64()
        );
    }
    let mut reporter = Reporter::new(mode);
    let summary = embargo_batch::run(&snapshot, &options, &mut |p| reporter.update(p))
        .with_context(|| format!("screening {}", options.input.display()))?;
    reporter.finish();
    print_summary(&summary, &options);
    Ok(if fail_on_hit && summary.counters.with_hits > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// Draws progress on stderr: a bar redrawn in place on a terminal, or a plain line every few
/// seconds for logs.
struct Reporter {
    mode: ProgressMode,
    last: Option<Instant>,
    drawn: bool,
}

impl Reporter {
    const LOG_EVERY: Duration = Duration::from_secs(10);
    const BAR_EVERY: Duration = Duration::from_millis(100);

    fn new(mode: ProgressMode) -> Reporter {
        Reporter { mode, last: None, drawn: false }
    }

    fn update(&mut self, p: &Progress) {
        let every = match self.mode {
            ProgressMode::None => return,
            ProgressMode::Bar => Self::BAR_EVERY,
            ProgressMode::Log => Self::LOG_EVERY,
        };
        let now = Instant::now();
        if self.last.is_some_and(|t| now - t < every) && p.bytes_done < p.bytes_total {
            return;
        }
        self.last = Some(now);
        let eta = p.eta().map(format_duration).unwrap_or_else(|| "?".into());
        let stats = format!(
            "{} records, {:.0}/s, {} with hits ({} hits), {} rejected, {} left",
            p.records,
            p.rate(),
            p.with_hits,
            p.hits,
            p.rejected,
            eta
        );
        let mut err = std::io::stderr().lock();
        match self.mode {
            ProgressMode::Bar => {
                const WIDTH: usize = 30;
                let filled = ((p.fraction() * WIDTH as f64) as usize).min(WIDTH);
                let bar = format!("{}{}", "#".repeat(filled), "-".repeat(WIDTH - filled));
                let _ = write!(err, "\r\x1b[2K[{bar}] {:>3.0}% {stats}", p.fraction() * 100.0);
                let _ = err.flush();
                self.drawn = true;
            }
            ProgressMode::Log => {
                let _ = writeln!(err, "embargo: {:.1}% {stats}", p.fraction() * 100.0);
            }
            ProgressMode::None => {}
        }
    }

    fn finish(&mut self) {
        if self.drawn {
            eprintln!();
        }
    }
}

fn format_duration(d: Duration) -> String {
    let s = d.as_secs();
    if s >= 3600 {
        format!("{}h{:02}m", s / 3600, (s % 3600) / 60)
    } else {
        format!("{}m{:02}s", s / 60, s % 60)
    }
}

fn print_summary(summary: &Summary, options: &BatchOptions) {
    let c = &summary.counters;
    let mut out = String::new();
    out.push_str(&format!(
        "embargo: screened {} in {:.1}s ({:.0} records/s{})\n",
        options.input.display(),
        summary.elapsed.as_secs_f64(),
        summary.rate,
        summary.resumed_at.map(|n| format!(", resumed after {n} records")).unwrap_or_default()
    ));
    out.push_str(&format!("  records read   {}\n", c.records_read));
    out.push_str(&format!("  rejected       {} ({})\n", c.rejected, summary.rejects.display()));
    out.push_str(&format!("  screened       {}\n", c.screened));
    out.push_str(&format!("  with hits      {} ({} hits)\n", c.with_hits, c.hits));
    let by_list: Vec<String> = c.hits_by_list.iter().map(|(l, n)| format!("{l} {n}")).collect();
    out.push_str(&format!(
        "  hits by list   {}\n",
        if by_list.is_empty() { "-".to_owned() } else { by_list.join(", ") }
    ));
    out.push_str(&format!("  lists          {}\n", summary.lists.join(", ")));
    out.push_str(&format!("  output         {}\n", summary.output.display()));
    eprint!("{out}");
}
