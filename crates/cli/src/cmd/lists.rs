//! `embargo lists`: what is loaded; with `--all`, every version; with `--warnings LIST`, every
//! warning of a list's active version.

use anyhow::Context;
use embargo_store::{ListVersion, Store};
use std::path::Path;
use std::process::ExitCode;

/// `println!` into a `String` buffer, written out at once by [`write_stdout`].
macro_rules! outln {
    ($out:expr, $($arg:tt)*) => {{
        $out.push_str(&format!($($arg)*));
        $out.push('\n');
    }};
}
pub(crate) use outln;

/// Writes `text` to stdout. A closed pipe (`embargo lists | head`) is not an error: the reader
/// has all it wanted.
pub(crate) fn write_stdout(text: &str) -> anyhow::Result<()> {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(anyhow::Error::new(e).context("cannot write to stdout"))
        }
        _ => Ok(()),
    }
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    Table,
    Json,
}

#[derive(clap::Args)]
pub struct ListsArgs {
    #[arg(long, value_enum, default_value = "table")]
    format: OutputFormat,

    /// Show every stored version, not only the active ones.
    #[arg(long)]
    all: bool,

    /// Print every warning of the active version of LIST.
    #[arg(long, value_name = "LIST", conflicts_with = "all")]
    warnings: Option<String>,
}

/// One row of the output.
#[derive(serde::Serialize)]
struct Row {
    #[serde(flatten)]
    version: ListVersion,
    kinds: std::collections::BTreeMap<String, usize>,
    versions: usize,
}

pub fn run(data_dir: &Path, args: ListsArgs) -> anyhow::Result<ExitCode> {
    let mut out = String::new();
    let store =
        Store::open(data_dir).with_context(|| format!("cannot open the store in {}", data_dir.display()))?;
    if let Some(list) = &args.warnings {
        let active =
            store.lists()?.into_iter().find(|v| v.list == *list).with_context(|| {
                format!("no list {list:?} is loaded (embargo lists shows those that are)")
            })?;
        let details = store.version_details(list, active.version)?;
        match args.format {
            OutputFormat::Json => outln!(out, "{}", serde_json::to_string_pretty(&details.warnings)?),
            OutputFormat::Table => {
                outln!(out, "{} version {}: {} warnings", list, active.version, details.warnings.len());
                for warning in &details.warnings {
                    outln!(out, "{warning}");
                }
            }
        }
        write_stdout(&out)?;
        return Ok(ExitCode::SUCCESS);
    }

    let mut rows = Vec::new();
    for active in store.lists()? {
        let versions = store.versions(&active.list)?;
        let count = versions.len();
        let shown = if args.all { versions } else { vec![active] };
        for version in shown {
            let kinds = store.version_details(&version.list, version.version)?.kinds;
            rows.push(Row { version, kinds, versions: count });
        }
    }
    match args.format {
        OutputFormat::Json => outln!(out, "{}", serde_json::to_string_pretty(&rows)?),
        OutputFormat::Table if rows.is_empty() => {
            outln!(out, "no list is loaded in {} (embargo import PATH loads one)", data_dir.display())
        }
        OutputFormat::Table => print_table(&mut out, &rows, args.all),
    }
    write_stdout(&out)?;
    Ok(ExitCode::SUCCESS)
}

fn print_table(out: &mut String, rows: &[Row], all: bool) {
    let header = [
        "LIST",
        "VERSION",
        "PUBLISHED",
        "IMPORTED",
        "ENTITIES",
        "BY KIND",
        "WARNINGS",
        if all { "ACTIVE" } else { "VERSIONS" },
    ];
    let mut table: Vec<[String; 8]> = vec![header.map(str::to_owned)];
    for row in rows {
        let v = &row.version;
        let kinds: Vec<String> = row.kinds.iter().map(|(k, n)| format!("{k} {n}")).collect();
        table.push([
            v.list.clone(),
            v.version.to_string(),
            v.publication_date.map(|d| d.to_string()).unwrap_or_else(|| "-".to_owned()),
            v.imported_at.clone(),
            v.entities.to_string(),
            kinds.join(", "),
            v.warnings.to_string(),
            if all { (if v.active { "yes" } else { "" }).to_owned() } else { row.versions.to_string() },
        ]);
    }
    let widths: Vec<usize> =
        (0..8).map(|c| table.iter().map(|r| r[c].chars().count()).max().unwrap_or(0)).collect();
    for row in &table {
        let cells: Vec<String> = row.iter().zip(&widths).map(|(cell, w)| format!("{cell:<w$}")).collect();
        outln!(out, "{}", cells.join("  ").trim_end());
    }
}
