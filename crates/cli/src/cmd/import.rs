//! `embargo import` (being written).

use std::path::Path;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct ImportArgs {}

pub fn run(_data_dir: &Path, _args: ImportArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`embargo import` is not written yet")
}
