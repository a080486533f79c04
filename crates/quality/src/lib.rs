//! The quality harness of embargo's matcher, on the real lists: an independent test deck, and
//! the old harness beside it.
//!
//! A bank validates a screening engine with its own test deck. [`deck`] is that deck: its
//! positives come from a generator with its own rules and data (keyboard and OCR typos,
//! romanisation systems, a licensed nickname list, titles, legal forms, numbers, particles,
//! word order...), its negatives from other people's name data (Python Faker's names of 23
//! cultures), its cross-script cases from a frozen split of the lists that no table of the
//! matcher is built from. It reads no name through `embargo-names` and uses the matcher only
//! through its screening API, so it cannot grow around the matcher. [`legacy`] is the old
//! harness (feature `legacy`, on by default), whose cases were chosen with the matcher's own
//! name analysis: its scorecard stays beside the deck's so that the gap between them shows.
//!
//! Both index the newest edition of each list ([`lists::load_newest`]), as the product keeps
//! one active version per list id.
//!
//! ```sh
//! cargo run --release -p embargo-quality                        # the deck's scorecard
//! cargo run --release -p embargo-quality -- --json             # every case and outcome
//! cargo run --release -p embargo-quality --bin embargo-quality-old   # the old scorecard
//! ```
//!
//! As a library:
//!
//! ```no_run
//! use embargo_quality::deck::{self, report::Scorecard, Config};
//! use embargo_quality::lists;
//!
//! let lists = lists::load_newest("../shared/data/lists".as_ref()).unwrap();
//! let config = Config { seed: 7, per_treatment: 200, per_culture: 50 };
//! let run = deck::run(&lists.entities, &config, &mut |msg| eprintln!("{msg}"));
//! let card = Scorecard::of(&run);
//! println!("recall {:.2}%, alerts {:.2}%", card.overall.recall() * 100.0, card.alert_rate() * 100.0);
//! ```
//!
//! `tests/ci_sample.rs` runs a small seeded deck in `cargo test` and fails below floors, so a
//! change that loses recall or raises the alert rate fails CI.

pub mod deck;
#[cfg(feature = "legacy")]
#[allow(missing_docs)] // the old harness, kept as it was so that its scorecard stays comparable
pub mod legacy;
pub mod lists;
pub mod rng;
