//! What the matcher's tests on real data share.

use embargo_model::Entity;
use embargo_readers::detect;
use embargo_testkit::shared_data;
use std::collections::HashSet;

/// Every list found under the shared data's `lists/`, each through its reader; an entity id
/// seen twice (the same list in two formats, or two editions of the OFAC SDN) is kept once,
/// as first read. A list that fails to read fails the test.
pub fn load_lists() -> Vec<Entity> {
    let lists = shared_data().join("lists");
    let found = detect::detect(std::slice::from_ref(&lists))
        .unwrap_or_else(|e| panic!("no lists under {}: {e}", lists.display()));
    let mut entities = Vec::new();
    let mut ids = HashSet::new();
    for set in &found.lists {
        let Some(reader) = set.reader() else { continue };
        let mut read = Vec::new();
        if let Err(err) = reader.read(&set.files, &mut |e| read.push(e)) {
            panic!("{} ({}): {err}", set.list, set.format);
        }
        entities.extend(read.into_iter().filter(|e| ids.insert(e.id.clone())));
    }
    assert!(entities.len() > 30_000, "only {} entities under {}", entities.len(), lists.display());
    entities
}
