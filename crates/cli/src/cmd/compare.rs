//! `embargo compare "NAME A" "NAME B"`: the score of one pair and its explanation;
//! `embargo compare --pairs FILE.csv`: a whole labelled file of pairs, for calibrating
//! thresholds.
//!
//! The pairs file is a CSV with a header holding at least `name1` and `name2`, and optionally
//! `schema` (FollowTheMoney schema names: Person, Company, Organization, LegalEntity, Vessel,
//! Airplane). The output repeats every input column, then `score` and `match` (whether the score
//! reaches the default threshold), one row per input row, in input order.

use anyhow::{bail, Context};
use embargo_batch::input::{read_csv_header, CsvRows, LineReader};
use embargo_batch::output::write_csv_field;
use embargo_matcher::{compare, Explanation, DEFAULT_THRESHOLD};
use embargo_model::EntityKind;
use std::fs::File;
use std::io::{BufReader, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Raw flags of `embargo compare`.
#[derive(clap::Args)]
#[command(
    after_help = "--pairs FILE.csv: a header with name1, name2 and optionally schema (Person, Company, \
                        Organization, LegalEntity, Vessel, Airplane). Output: every input column, then score and \
                        match (at the default threshold), one row per input row, in order.\nExit codes: 0 done, 2 error."
)]
pub struct CompareArgs {
    /// The two names to compare (omit with --pairs).
    #[arg(value_name = "NAME", num_args = 0..=2)]
    pub names: Vec<String>,

    /// What both names are: person, organization, vessel or aircraft.
    #[arg(long, value_name = "KIND")]
    pub kind: Option<String>,

    /// Show how the score was made.
    #[arg(long)]
    pub explain: bool,

    /// A CSV file of pairs with the columns name1, name2 and optionally schema.
    #[arg(long, value_name = "FILE")]
    pub pairs: Option<PathBuf>,

    /// Output format: text or json for one pair; csv or json for --pairs.
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
}

pub fn run(args: CompareArgs) -> anyhow::Result<ExitCode> {
    let kind = args.kind.as_deref().map(super::screen::parse_kind).transpose()?;
    match (&args.pairs, args.names.as_slice()) {
        (Some(path), []) => {
            let json = match args.format.as_deref() {
                None | Some("csv") => false,
                Some("json") => true,
                Some(other) => bail!("unknown --format {other:?} for --pairs: expected csv or json"),
            };
            if args.explain {
                bail!("--explain is for one pair; --pairs writes scores only");
            }
            compare_pairs(path, kind, json)?;
        }
        (Some(_), _) => bail!("give either two names or --pairs FILE, not both"),
        (None, [a, b]) => {
            let json = match args.format.as_deref() {
                None | Some("text") => false,
                Some("json") => true,
                Some(other) => bail!("unknown --format {other:?}: expected text or json"),
            };
            let comparison = compare(a, b, kind);
            let is_match = comparison.score >= DEFAULT_THRESHOLD;
            if json {
                let doc = serde_json::json!({
                    "name1": a,
                    "name2": b,
                    "kind": kind,
                    "score": comparison.score,
                    "match": is_match,
                    "threshold": DEFAULT_THRESHOLD,
                    "explanation": args.explain.then_some(&comparison.explanation),
                });
                println!("{}", serde_json::to_string_pretty(&doc)?);
            } else {
                println!(
                    "{:.3}  {} (default threshold {DEFAULT_THRESHOLD})",
                    comparison.score,
                    if is_match { "match" } else { "no match" }
                );
                if args.explain {
                    print_tree(&comparison.explanation, 2);
                }
            }
        }
        (None, _) => bail!("give two names to compare, or --pairs FILE.csv"),
    }
    Ok(ExitCode::SUCCESS)
}

fn print_tree(node: &Explanation, indent: usize) {
    println!("{:indent$}{:+.3}  {}", "", node.value, node.why, indent = indent);
    for child in &node.children {
        print_tree(child, indent + 4);
    }
}

/// Scores every pair of `path` and streams the rows to stdout.
fn compare_pairs(path: &PathBuf, kind: Option<EntityKind>, json: bool) -> anyhow::Result<()> {
    let file = File::open(path).with_context(|| format!("opening {}", path.display()))?;
    let mut lines = LineReader::new(BufReader::new(file), 0, 1);
    let (columns, delimiter) =
        read_csv_header(&mut lines, None).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    let find = |name: &str| columns.iter().position(|c| c.eq_ignore_ascii_case(name));
    let (Some(name1), Some(name2)) = (find("name1"), find("name2")) else {
        bail!(
            "{}: the header must have the columns name1 and name2; it has: {}",
            path.display(),
            columns.join(", ")
        );
    };
    let schema = find("schema");
    let mut rows = CsvRows::new(lines, delimiter, columns.len());
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut first = true;
    if json {
        out.write_all(b"[")?;
    } else {
        let mut header = Vec::new();
        for column in &columns {
            write_csv_field(&mut header, column);
            header.push(b',');
        }
        header.extend_from_slice(b"score,match\n");
        out.write_all(&header)?;
    }
    while let Some(row) = rows.next_row().with_context(|| format!("reading {}", path.display()))? {
        let fields = row
            .content
            .map_err(|reason| anyhow::anyhow!("{}: line {}: {reason}", path.display(), row.line))?;
        let row_kind = match schema.map(|i| fields[i].trim()).filter(|s| !s.is_empty()) {
            Some(value) => match EntityKind::parse(value) {
                Some(EntityKind::Unknown) => None,
                Some(k) => Some(k),
                None => bail!(
                    "{}: line {}: unknown schema {value:?} (expected Person, Company, Organization, \
                     LegalEntity, Vessel or Airplane)",
                    path.display(),
                    row.line
                ),
            },
            None => kind,
        };
        let score = compare(&fields[name1], &fields[name2], row_kind).score;
        let is_match = score >= DEFAULT_THRESHOLD;
        if json {
            let mut object = serde_json::Map::new();
            for (column, value) in columns.iter().zip(&fields) {
                object.insert(column.clone(), serde_json::Value::String(value.clone()));
            }
            object.insert("score".into(), serde_json::json!(round4(score)));
            object.insert("match".into(), serde_json::Value::Bool(is_match));
            out.write_all(if first { b"\n" } else { b",\n" })?;
            serde_json::to_writer(&mut out, &object)?;
        } else {
            let mut line = Vec::new();
            for field in &fields {
                write_csv_field(&mut line, field);
                line.push(b',');
            }
            line.extend_from_slice(format!("{:.4},{is_match}\n", score).as_bytes());
            out.write_all(&line)?;
        }
        first = false;
    }
    if json {
        out.write_all(if first { b"]\n" } else { b"\n]\n" })?;
    }
    out.flush()?;
    Ok(())
}

fn round4(score: f64) -> f64 {
    (score * 10_000.0).round() / 10_000.0
}
