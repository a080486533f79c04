//! `embargo`: the command line. A thin layer: each subcommand parses its raw flags, validates
//! them into the options of a library crate, and prints what the library returns.

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

mod cmd;
mod data_dir;

#[derive(Parser)]
#[command(name = "embargo", version, about = "Sanctions and export-control screening")]
struct Cli {
    /// Where the list store lives. Default: $XDG_DATA_HOME/embargo (~/.local/share/embargo).
    #[arg(long, global = true, env = "EMBARGO_DATA_DIR")]
    data_dir: Option<PathBuf>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Import list files or folders into the store as a new list version.
    Import(cmd::import::ImportArgs),
    /// Show what is loaded: lists, versions, dates, counts.
    Lists(cmd::lists::ListsArgs),
    /// Show one entity, every field, with its provenance.
    Show(cmd::show::ShowArgs),
    /// Entities added, removed and changed between two versions of a list.
    Diff(cmd::diff::DiffArgs),
    /// Download the current lists from their publishers (or import from --from PATH).
    Sync(cmd::sync::SyncArgs),
    /// Screen one name, or a whole file with --input.
    Screen(cmd::screen::ScreenArgs),
    /// Compare two names, or a CSV of pairs.
    Compare(cmd::compare::CompareArgs),
    /// Run the HTTP screening service.
    Serve(cmd::serve::ServeArgs),
    /// Manage API keys of the HTTP service.
    Keys(cmd::keys::KeysArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let data_dir = data_dir::resolve(cli.data_dir);
    let result = match cli.command {
        Command::Import(args) => cmd::import::run(&data_dir, args),
        Command::Lists(args) => cmd::lists::run(&data_dir, args),
        Command::Show(args) => cmd::show::run(&data_dir, args),
        Command::Diff(args) => cmd::diff::run(&data_dir, args),
        Command::Sync(args) => cmd::sync::run(&data_dir, args),
        Command::Screen(args) => cmd::screen::run(&data_dir, args),
        Command::Compare(args) => cmd::compare::run(args),
        Command::Serve(args) => cmd::serve::run(&data_dir, args),
        Command::Keys(args) => cmd::keys::run(&data_dir, args),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("embargo: error: {err:#}");
            ExitCode::from(2)
        }
    }
}
