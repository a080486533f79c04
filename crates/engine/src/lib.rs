//! The loaded screening state shared by the CLI, batch screening and the server.
//!
//! A [`Snapshot`] is the active version of each list, read from the store, and the matcher's
//! index built over their entities. An [`Engine`] holds the current snapshot behind an atomic
//! pointer: readers take a cheap `Arc` to the snapshot they started with, and a reload builds a
//! new snapshot off to the side and swaps it in, so no request ever sees half-loaded lists.

use arc_swap::ArcSwap;
use embargo_matcher::{Hit, Index, Query, ScreenOptions};
use embargo_store::{ListVersion, Store, StoreError};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The lists in force and the index over them.
pub struct Snapshot {
    pub index: Index,
    /// The active version of every list in the index.
    pub lists: Vec<ListVersion>,
    /// How long reading the store and building the index took.
    pub load_time: Duration,
}

impl Snapshot {
    /// Reads the active versions of `lists` (all when `None`) from `store` and indexes them.
    pub fn load(store: &Store, lists: Option<&[String]>) -> Result<Snapshot, StoreError> {
        let started = Instant::now();
        let mut versions = store.lists()?;
        if let Some(wanted) = lists {
            versions.retain(|v| wanted.contains(&v.list));
        }
        let entities = store.load_entities(lists)?;
        let index = Index::build(entities);
        Ok(Snapshot { index, lists: versions, load_time: started.elapsed() })
    }

    /// Screens one query against this snapshot.
    pub fn screen(&self, query: &Query, options: &ScreenOptions) -> Vec<Hit> {
        self.index.screen(query, options)
    }

    /// `list@version` of every list in force, for output rows and audit (`ofac-sdn@3`).
    pub fn version_of(&self, list: &str) -> Option<u32> {
        self.lists.iter().find(|v| v.list == list).map(|v| v.version)
    }
}

/// The current snapshot, swappable while in use.
pub struct Engine {
    current: ArcSwap<Snapshot>,
}

impl Engine {
    pub fn new(snapshot: Snapshot) -> Engine {
        Engine { current: ArcSwap::from_pointee(snapshot) }
    }

    /// The snapshot in force now; hold it for the length of one request or batch.
    pub fn snapshot(&self) -> Arc<Snapshot> {
        self.current.load_full()
    }

    /// Puts `snapshot` in force; requests already holding the old one finish with it.
    pub fn swap(&self, snapshot: Snapshot) {
        self.current.store(Arc::new(snapshot));
    }
}
