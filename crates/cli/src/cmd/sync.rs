//! `embargo sync` (being written).

use std::path::Path;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct SyncArgs {}

pub fn run(_data_dir: &Path, _args: SyncArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`embargo sync` is not written yet")
}
