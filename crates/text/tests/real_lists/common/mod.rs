//! The index the tests screen against: real lists read with `embargo-readers`, built once per
//! test binary.
//!
//! The debug build of the tests reads the UN list, the UK FCDO tables, OFAC's consolidated
//! non-SDN list and the OpenSanctions ZALA cluster (some 8,000 entities: every party of the
//! test texts and fixtures is on the UN or UK lists); the release harness
//! (`examples/scorecard.rs`) reads every list. One test binary (`tests/real_lists`) holds
//! every test on real lists, so that the index is built once.

pub mod lists;
pub mod testset;

use embargo_matcher::Index;
use embargo_text::{Gazetteer, TextScreener};
use std::path::PathBuf;
use std::sync::OnceLock;

/// The lists read by the tests, below `shared/data/lists`.
pub const TEST_LISTS: &[&str] = &[
    "un/UN_consolidated-2026-02-27.xml",
    "uk/fcdo-derived-2026-04-29-covyr",
    "ofac/consolidated-nonsdn-2025-12-19-watchman",
    "opensanctions/zala-2026-06-03",
];

pub struct Screening {
    pub index: Index,
    pub gazetteer: Gazetteer,
}

impl Screening {
    pub fn screener(&self) -> TextScreener<'_> {
        TextScreener::new(&self.index, &self.gazetteer)
    }
}

/// The shared index of the tests.
pub fn screening() -> &'static Screening {
    static CELL: OnceLock<Screening> = OnceLock::new();
    CELL.get_or_init(|| {
        let lists = embargo_testkit::lists_dir();
        let paths: Vec<PathBuf> = TEST_LISTS.iter().map(|p| lists.join(p)).collect();
        let index = Index::build(lists::read_lists(&paths));
        let gazetteer = Gazetteer::build(&index);
        Screening { index, gazetteer }
    })
}
