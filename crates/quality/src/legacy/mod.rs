//! The old harness's cases: variations chosen with `embargo-names` (the matcher's own name
//! analysis and spelling tables), negatives checked against the matcher's phonetic keys, the
//! labelled pairs. Kept unchanged so that its scorecard stays beside the deck's.

pub mod negatives;
pub mod pairs;
pub mod variations;
