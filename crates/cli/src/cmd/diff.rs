//! `embargo diff` (being written).

use std::path::Path;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct DiffArgs {}

pub fn run(_data_dir: &Path, _args: DiffArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`embargo diff` is not written yet")
}
