//! One module per subcommand: raw flags (clap `Args`) and `run`.

pub mod alerts;
pub mod audit;
pub mod batch;
pub mod compare;
pub mod diff;
pub mod import;
pub mod keys;
pub mod lists;
pub mod monitor;
pub mod screen;
pub mod screen_payment;
pub mod screen_shipment;
pub mod screen_text;
pub mod screenings;
pub mod serve;
pub mod show;
pub mod snapshot;
pub mod suppressions;
pub mod sync;
pub mod users;
