//! `embargo compare "NAME A" "NAME B"`: the score of one pair and its explanation;
//! `embargo compare --pairs FILE.csv`: a whole labelled file of pairs, for calibrating
//! thresholds.
//!
//! The pairs file is a CSV with a header holding at least `name1` and `name2`, and optionally
//! `schema` (FollowTheMoney schema names: Person, Company, Organization, LegalEntity, Vessel,
//! Airplane). The output repeats every input column, then `score` and `match` (whether the score
//! reaches the default threshold), one row per input row, in input order.

use crate::output::{outln, write_stdout};
use anyhow::{bail, Context};
use embargo_matcher::{compare_with, Algorithm, DEFAULT_THRESHOLD};
use embargo_model::EntityKind;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

/// Compares two names and prints the score (and its explanation).
pub fn one(
    a: &str,
    b: &str,
    kind: Option<EntityKind>,
    explain: bool,
    json: bool,
    algorithm: Algorithm,
) -> anyhow::Result<ExitCode> {
    let comparison = compare_with(algorithm.scorer(), a, b, kind);
    let is_match = comparison.score >= DEFAULT_THRESHOLD;
    let mut out = String::new();
    if json {
        let doc = serde_json::json!({
            "name1": a,
            "name2": b,
            "kind": kind,
            "score": comparison.score,
            "match": is_match,
            "threshold": DEFAULT_THRESHOLD,
            "algorithm": algorithm.name(),
            "explanation": explain.then_some(&comparison.explanation),
        });
        outln!(out, "{}", serde_json::to_string_pretty(&doc)?);
    } else {
        outln!(
            out,
            "{:.3}  {} (default threshold {DEFAULT_THRESHOLD})",
            comparison.score,
            if is_match { "match" } else { "no match" }
        );
        if explain {
            for line in comparison.explanation.to_string().lines() {
                outln!(out, "  {line}");
            }
        }
    }
    write_stdout(&out)?;
    Ok(ExitCode::SUCCESS)
}

/// Scores every pair of the CSV at `path` and streams the rows to stdout.
pub fn pairs(
    path: &Path,
    kind: Option<EntityKind>,
    json: bool,
    algorithm: Algorithm,
) -> anyhow::Result<ExitCode> {
    let at = |e: csv::Error| anyhow::anyhow!("{}: {e}", path.display());
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .from_path(path)
        .with_context(|| format!("opening {}", path.display()))?;
    let columns: Vec<String> = reader.headers().map_err(at)?.iter().map(str::to_owned).collect();
    let find = |name: &str| columns.iter().position(|c| c.trim().eq_ignore_ascii_case(name));
    let (Some(name1), Some(name2)) = (find("name1"), find("name2")) else {
        bail!(
            "{}: the header must have the columns name1 and name2; it has: {}",
            path.display(),
            columns.join(", ")
        );
    };
    let schema = find("schema");
    let mut sink = if json { PairsSink::json() } else { PairsSink::csv(&columns)? };
    for record in reader.records() {
        let record = record.map_err(at)?;
        let line = record.position().map_or(0, |p| p.line());
        let row_kind = match schema.and_then(|i| record.get(i)).map(str::trim).filter(|s| !s.is_empty()) {
            Some(value) => match EntityKind::parse(value) {
                Some(EntityKind::Unknown) => None,
                Some(k) => Some(k),
                None => bail!(
                    "{}: line {line}: unknown schema {value:?} (expected Person, Company, Organization, \
                     LegalEntity, Vessel or Airplane)",
                    path.display()
                ),
            },
            None => kind,
        };
        let score = compare_with(algorithm.scorer(), &record[name1], &record[name2], row_kind).score;
        sink.row(&columns, &record, score)?;
    }
    sink.finish()?;
    Ok(ExitCode::SUCCESS)
}

/// Where scored pairs go: CSV rows, or the elements of a JSON array, streamed to stdout.
enum PairsSink {
    Csv(Box<csv::Writer<std::io::StdoutLock<'static>>>),
    Json { out: std::io::BufWriter<std::io::StdoutLock<'static>>, first: bool },
}

impl PairsSink {
    fn csv(columns: &[String]) -> anyhow::Result<PairsSink> {
        let mut w = csv::Writer::from_writer(std::io::stdout().lock());
        w.write_record(columns.iter().map(String::as_str).chain(["score", "match"]))?;
        Ok(PairsSink::Csv(Box::new(w)))
    }

    fn json() -> PairsSink {
        PairsSink::Json { out: std::io::BufWriter::new(std::io::stdout().lock()), first: true }
    }

    fn row(&mut self, columns: &[String], record: &csv::StringRecord, score: f64) -> anyhow::Result<()> {
        let is_match = score >= DEFAULT_THRESHOLD;
        match self {
            PairsSink::Csv(w) => {
                let score = format!("{score:.4}");
                w.write_record(
                    record.iter().chain([score.as_str(), if is_match { "true" } else { "false" }]),
                )?;
            }
            PairsSink::Json { out, first } => {
                let mut object = serde_json::Map::new();
                for (column, value) in columns.iter().zip(record.iter()) {
                    object.insert(column.clone(), serde_json::Value::String(value.to_owned()));
                }
                object.insert("score".into(), serde_json::json!((score * 10_000.0).round() / 10_000.0));
                object.insert("match".into(), serde_json::Value::Bool(is_match));
                out.write_all(if *first { b"[\n" } else { b",\n" })?;
                serde_json::to_writer(&mut *out, &object)?;
                *first = false;
            }
        }
        Ok(())
    }

    fn finish(self) -> anyhow::Result<()> {
        let flushed = match self {
            PairsSink::Csv(mut w) => w.flush(),
            PairsSink::Json { mut out, first } => {
                out.write_all(if first { b"[]\n" } else { b"\n]\n" }).and_then(|()| out.flush())
            }
        };
        match flushed {
            // A closed pipe (`| head`): the reader has all it wanted.
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
            other => Ok(other?),
        }
    }
}
