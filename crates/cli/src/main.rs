//! `embargo`: the command line. A thin layer: raw flags are parsed (`args::Cli`), validated
//! into the options of a library crate, dispatched here to one command module, and what the
//! library returns is printed. Command modules import `args`, `output`, `load` and library
//! crates, never each other.

use clap::Parser;
use embargo_errors::ErrorCode;
use std::process::ExitCode;

mod args;
mod cmd;
mod data_dir;
mod load;
mod output;

use args::{Cli, Command, CompareAction, ScreenAction};

/// mimalloc rather than the system allocator: screening and recording allocate many small,
/// short-lived strings on several threads at once, where glibc's malloc spends a tenth of a
/// recorded batch run (`bench_batch --record`: 55 -> 51 µs of CPU a record; docs/cases.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let data_dir = data_dir::resolve(cli.data_dir);
    let result = match cli.command {
        Command::Import(args) => cmd::import::run(&data_dir, args),
        Command::Lists(args) => cmd::lists::run(&data_dir, args),
        Command::Show(args) => cmd::show::run(&data_dir, args),
        Command::Diff(args) => cmd::diff::run(&data_dir, args),
        Command::Sync(args) => cmd::sync::run(&data_dir, args),
        Command::Screen(args) => match args.validate() {
            Ok(ScreenAction::One(one)) => cmd::screen::run(&data_dir, *one),
            Ok(ScreenAction::Batch(run)) => cmd::batch::run(&data_dir, *run),
            Err(e) => Err(e),
        },
        Command::Compare(args) => match args.validate() {
            Ok(CompareAction::One { a, b, kind, explain, json, algorithm }) => {
                cmd::compare::one(&a, &b, kind, explain, json, algorithm)
            }
            Ok(CompareAction::Pairs { path, kind, json, algorithm }) => {
                cmd::compare::pairs(&path, kind, json, algorithm)
            }
            Err(e) => Err(e),
        },
        Command::Serve(args) => cmd::serve::run(&data_dir, args),
        Command::Keys(args) => cmd::keys::run(&data_dir, args),
        Command::Alerts(args) => cmd::alerts::run(&data_dir, args),
        Command::Suppressions(args) => cmd::suppressions::run(&data_dir, args),
        Command::Audit(args) => cmd::audit::run(&data_dir, args),
        Command::Snapshot(args) => cmd::snapshot::run(&data_dir, args),
        Command::Monitor(args) => cmd::monitor::run(&data_dir, *args),
        Command::Screenings(args) => cmd::screenings::run(&data_dir, args),
        Command::ScreenText(args) => args.validate().and_then(|run| cmd::screen_text::run(&data_dir, run)),
        Command::ScreenPayment(args) => {
            args.validate().and_then(|run| cmd::screen_payment::run(&data_dir, run))
        }
        Command::ScreenShipment(args) => {
            args.validate().and_then(|run| cmd::screen_shipment::run(&data_dir, run))
        }
        Command::Users(args) => cmd::users::run(&data_dir, args),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("embargo: error{}: {err:#}", code_of(&err));
            ExitCode::from(2)
        }
    }
}

/// ` [code]` of the first library error in the chain that has a stable code, for scripts.
fn code_of(err: &anyhow::Error) -> String {
    /// The code of `cause` if it is one of the library error types (anyhow can only downcast
    /// to concrete types, so each type that reaches the CLI is named once here).
    macro_rules! code_of_any {
        ($cause:expr, $($error:ty),+ $(,)?) => {
            None$(.or_else(|| $cause.downcast_ref::<$error>().map(ErrorCode::error_code)))+
        };
    }
    let code = err.chain().find_map(|cause| {
        code_of_any!(
            cause,
            embargo_engine::EngineError,
            embargo_engine::AsOfError,
            embargo_engine::SnapshotFileError,
            embargo_store::StoreError,
            embargo_batch::BatchError,
            embargo_sync::SyncError,
            embargo_readers::ReadError,
            embargo_cases::CaseError,
            embargo_matcher::UnknownAlgorithm,
            embargo_server::keys::KeyError,
            embargo_monitor::MonitorError,
            embargo_text::TextError,
            embargo_text::PaymentError,
            embargo_trade::ShipmentError,
            embargo_trade::GoodsListMissing,
        )
    });
    code.map(|c| format!(" [{c}]")).unwrap_or_default()
}
