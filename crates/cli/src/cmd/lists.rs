//! `embargo lists`: what is loaded; with `--all`, every version; with `--warnings LIST`, every
//! warning of a list's active version.

use crate::args::{ListsArgs, ListsFormat};
use crate::output::{outln, write_stdout};
use anyhow::Context;
use embargo_store::{ListVersion, Store};
use std::path::Path;
use std::process::ExitCode;

/// One row of the output.
#[derive(serde::Serialize)]
struct Row {
    #[serde(flatten)]
    version: ListVersion,
    kinds: std::collections::BTreeMap<String, usize>,
    versions: usize,
    /// The self-test of this version after its import, if it ran.
    #[serde(skip_serializing_if = "Option::is_none")]
    self_test: Option<embargo_monitor::SelfTestRow>,
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
            ListsFormat::Json => outln!(out, "{}", serde_json::to_string_pretty(&details.warnings)?),
            ListsFormat::Table => {
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
    let self_tests = embargo_monitor::self_tests_in(data_dir)?;
    for active in store.lists()? {
        let versions = store.versions(&active.list)?;
        let count = versions.len();
        let shown = if args.all { versions } else { vec![active] };
        for version in shown {
            let kinds = store.version_details(&version.list, version.version)?.kinds;
            let self_test =
                self_tests.iter().find(|t| t.list == version.list && t.version == version.version).cloned();
            rows.push(Row { version, kinds, versions: count, self_test });
        }
    }
    match args.format {
        ListsFormat::Json => outln!(out, "{}", serde_json::to_string_pretty(&rows)?),
        ListsFormat::Table if rows.is_empty() => {
            outln!(out, "no list is loaded in {} (embargo import PATH loads one)", data_dir.display())
        }
        ListsFormat::Table => print_table(&mut out, &rows, args.all),
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
        "SELF-TEST",
    ];
    let mut table: Vec<[String; 9]> = vec![header.map(str::to_owned)];
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
            match &row.self_test {
                Some(t) if t.recall >= t.floor => format!("recall {:.1}%", t.recall * 100.0),
                Some(t) => format!("FAILED recall {:.1}% < {:.0}%", t.recall * 100.0, t.floor * 100.0),
                None => "-".to_owned(),
            },
        ]);
    }
    let widths: Vec<usize> =
        (0..9).map(|c| table.iter().map(|r| r[c].chars().count()).max().unwrap_or(0)).collect();
    for row in &table {
        let cells: Vec<String> = row.iter().zip(&widths).map(|(cell, w)| format!("{cell:<w$}")).collect();
        outln!(out, "{}", cells.join("  ").trim_end());
    }
}
