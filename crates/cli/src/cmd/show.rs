//! `embargo show` (being written).

use std::path::Path;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct ShowArgs {}

pub fn run(_data_dir: &Path, _args: ShowArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`embargo show` is not written yet")
}
