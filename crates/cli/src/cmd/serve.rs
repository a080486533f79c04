//! `embargo serve` (being written).

use std::path::Path;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct ServeArgs {}

pub fn run(_data_dir: &Path, _args: ServeArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`embargo serve` is not written yet")
}
