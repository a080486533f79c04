//! Reading real lists with `embargo-readers`, for the tests, the scorecard and the benchmark.

use embargo_matcher::Index;
use embargo_model::Entity;
use embargo_text::Gazetteer;
use std::collections::HashSet;
use std::path::PathBuf;

/// Reads the lists under `paths` (files or folders) with the readers' format detection; an
/// entity id read twice (two editions of a list) is kept once.
pub fn read_lists(paths: &[PathBuf]) -> Vec<Entity> {
    let found = embargo_readers::detect::detect(paths).expect("list folders readable");
    let mut entities = Vec::new();
    let mut ids = HashSet::new();
    for set in &found.lists {
        let reader = set.reader().unwrap_or_else(|| panic!("no reader for {:?}", set.files));
        reader
            .read(&set.files, &mut |e| {
                if ids.insert(e.id.clone()) {
                    entities.push(e)
                }
            })
            .unwrap_or_else(|e| panic!("{e}"));
    }
    entities
}

/// Every list of `shared/data/lists`, indexed, with its gazetteer (for the scorecard and the
/// benchmark; the tests read fewer).
#[allow(dead_code)]
pub fn every_list() -> (Index, Gazetteer) {
    let index = Index::build(read_lists(&[embargo_testkit::lists_dir()]));
    let gazetteer = Gazetteer::build(&index);
    (index, gazetteer)
}
