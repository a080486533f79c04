//! `embargo lists` (being written).

use std::path::Path;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct ListsArgs {}

pub fn run(_data_dir: &Path, _args: ListsArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`embargo lists` is not written yet")
}
