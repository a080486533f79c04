//! `embargo diff LIST`: entities added, removed and changed (with the fields that changed)
//! between two versions of a list; by default the previous version against the active one.

use crate::args::{DiffArgs, DiffFormat};
use crate::output::{outln, write_stdout};
use anyhow::{bail, Context};
use embargo_store::Store;
use std::path::Path;
use std::process::ExitCode;

pub fn run(data_dir: &Path, args: DiffArgs) -> anyhow::Result<ExitCode> {
    let store =
        Store::open(data_dir).with_context(|| format!("cannot open the store in {}", data_dir.display()))?;
    let versions = store.versions(&args.list)?;
    let numbers: Vec<u32> = versions.iter().map(|v| v.version).collect();
    let known = || numbers.iter().map(u32::to_string).collect::<Vec<_>>().join(", ");
    let to = match args.to {
        Some(to) => to,
        None => {
            versions.iter().find(|v| v.active).map(|v| v.version).context("the list has no active version")?
        }
    };
    let from = match args.from {
        Some(from) => from,
        None => match numbers.iter().copied().filter(|v| *v < to).max() {
            Some(previous) => previous,
            None => bail!(
                "list {} has no version before {to} to compare with (versions: {}); give --from and --to",
                args.list,
                known()
            ),
        },
    };
    for v in [from, to] {
        if !numbers.contains(&v) {
            bail!("list {} has no version {v} (versions: {})", args.list, known());
        }
    }
    let diff = store.diff(&args.list, from, to)?;
    let mut out = String::new();
    match args.format {
        DiffFormat::Json => outln!(out, "{}", serde_json::to_string_pretty(&diff)?),
        DiffFormat::Text => {
            outln!(
                out,
                "{}: version {} -> {}: {} added, {} removed, {} changed",
                diff.list,
                diff.from,
                diff.to,
                diff.added.len(),
                diff.removed.len(),
                diff.changed.len()
            );
            for e in &diff.added {
                outln!(out, "+ {}  {}  {}", e.id, e.kind, e.caption);
            }
            for e in &diff.removed {
                outln!(out, "- {}  {}  {}", e.id, e.kind, e.caption);
            }
            for e in &diff.changed {
                outln!(out, "~ {}  {}  changed: {}", e.id, e.caption, e.fields.join(", "));
            }
        }
    }
    write_stdout(&out)?;
    Ok(ExitCode::SUCCESS)
}
