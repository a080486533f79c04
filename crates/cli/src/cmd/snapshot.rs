//! `embargo snapshot export PATH`: the active version of every list, and everything screening
//! needs, in one portable file that `screen --snapshot`, the Python package and Spark executors
//! open without the store (format: `embargo_engine::file`).
//!
//! Exit codes: 0 written, 2 error (nothing is imported, the file cannot be written).

use crate::args::{SnapshotAction, SnapshotArgs};
use crate::output::{outln, write_stdout};
use anyhow::Context;
use std::path::Path;
use std::process::ExitCode;

/// Runs a `snapshot` subcommand.
pub fn run(data_dir: &Path, args: SnapshotArgs) -> anyhow::Result<ExitCode> {
    match args.action {
        SnapshotAction::Export { path } => export(data_dir, &path),
    }
}

fn export(data_dir: &Path, path: &Path) -> anyhow::Result<ExitCode> {
    let snapshot = crate::load::snapshot(data_dir, None)?;
    let written = snapshot.write_file(path).with_context(|| "writing the snapshot file".to_owned())?;
    let mut out = String::new();
    outln!(
        out,
        "wrote {}: {} entities of {} ({:.1} MB, checksum {})",
        written.path.display(),
        written.entities,
        written.lists.join(" "),
        written.bytes as f64 / 1e6,
        written.checksum
    );
    write_stdout(&out)?;
    Ok(ExitCode::SUCCESS)
}
