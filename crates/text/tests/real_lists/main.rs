//! Text and payment screening against real lists (read once per run: see `common`).

mod common;
mod mentions;
mod payments;
mod robustness;
mod testset;
