//! Opening the store and loading the lists, with the context a person needs when it fails.

use anyhow::Context;
use embargo_engine::{Selection, Snapshot};
use embargo_store::Store;
use std::path::Path;

/// Opens the store in `data_dir`.
pub fn open_store(data_dir: &Path) -> anyhow::Result<Store> {
    Store::open(data_dir).with_context(|| format!("opening the store in {}", data_dir.display()))
}

/// Loads the active versions of `lists` (all when `None`); the engine refuses an empty store
/// and lists that are not imported, naming those that are.
pub fn snapshot(data_dir: &Path, lists: Option<&[String]>) -> anyhow::Result<Snapshot> {
    let store = open_store(data_dir)?;
    let selection = Selection::Active { lists: lists.map(<[String]>::to_vec) };
    Snapshot::load(&store, &selection).map_err(anyhow::Error::new)
}

/// Opens the snapshot file `file` when one is given (checking that it holds `lists`), else
/// loads the active versions of `lists` from the store in `data_dir`.
pub fn snapshot_or_file(
    data_dir: &Path,
    file: Option<&Path>,
    lists: Option<&[String]>,
) -> anyhow::Result<Snapshot> {
    let Some(file) = file else {
        return snapshot(data_dir, lists);
    };
    let snapshot = Snapshot::open_file(file).map_err(anyhow::Error::new)?;
    if let Some(lists) = lists {
        snapshot.check_lists(lists)?;
    }
    Ok(snapshot)
}
