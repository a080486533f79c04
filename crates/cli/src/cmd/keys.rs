//! `embargo keys` (being written).

use std::path::Path;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct KeysArgs {}

pub fn run(_data_dir: &Path, _args: KeysArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`embargo keys` is not written yet")
}
