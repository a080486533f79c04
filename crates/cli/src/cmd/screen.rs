//! `embargo screen`: one name; with `--input`, a whole file (see [`super::batch`]).

use std::path::Path;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct ScreenArgs {
    /// The name to screen (omit with --input).
    pub name: Option<String>,

    /// Flags of batch screening (`--input FILE` and the column mapping).
    #[command(flatten)]
    pub batch: super::batch::BatchArgs,
}

pub fn run(data_dir: &Path, args: ScreenArgs) -> anyhow::Result<ExitCode> {
    if args.batch.input.is_some() {
        return super::batch::run(data_dir, args);
    }
    anyhow::bail!("`embargo screen NAME` is not written yet")
}
