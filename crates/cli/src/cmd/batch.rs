//! `embargo screen --input FILE`: batch screening (being written).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct BatchArgs {
    /// A CSV or JSON-lines file of records to screen.
    #[arg(long)]
    pub input: Option<PathBuf>,
}

pub fn run(_data_dir: &Path, _args: super::screen::ScreenArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("batch screening is not written yet")
}
