//! The loaded screening state: the one place that reads list versions from the store, builds
//! what a screening needs, checks what a request names, and swaps state on reload.
//!
//! The CLI, batch screening, the server, the case store's re-screening and the Python package
//! all screen through this crate, so there is one load path:
//!
//! - A [`Snapshot`] is a fixed set of list versions (the active ones, or any chosen set: what
//!   `--as-of` needs) and everything built from their entities: the matcher's [`Index`] and the
//!   analysts' [`SearchIndex`], built from the same entities so they always describe the same
//!   versions. It validates what a request names ([`Snapshot::check_lists`]) and labels its
//!   versions (`ofac-sdn@3`).
//! - An [`Engine`] holds the snapshot in force behind an atomic pointer: readers take a cheap
//!   `Arc` to the snapshot they started with, and [`Engine::reload`] builds a new one aside when
//!   the store's versions changed and swaps it in, so no request sees half-loaded lists. It says
//!   whether it reloaded, and hands back the replaced snapshot so that whoever owns memory
//!   policy (the server) can release it when its last reader is done.
//! - A snapshot is also one portable file ([`Snapshot::write_file`], [`Snapshot::open_file`];
//!   layout and guarantees in [`file`]): `embargo snapshot export`, `--snapshot PATH`, the
//!   Python package and Spark executors open it without the SQLite store.
//!
//! ```
//! use embargo_engine::{Engine, Reload, Selection};
//! use embargo_store::Store;
//! # fn demo(store: &Store) -> Result<(), embargo_engine::EngineError> {
//! let engine = Engine::new(Selection::active());
//! match engine.reload(store)? {
//!     Reload::Loaded { .. } => println!("loaded {}", engine.snapshot().unwrap().labels().join(" ")),
//!     Reload::Unchanged => {}
//! }
//! # Ok(()) }
//! ```
//!
//! The engine does not know HTTP or the terminal; its errors carry stable codes
//! ([`embargo_errors::ErrorCode`]).

mod as_of;
pub mod file;
mod search;

pub use as_of::{in_force, AsOf, AsOfError};

pub use file::{SnapshotFile, SnapshotFileError, SnapshotFileSummary, FORMAT_VERSION, MAGIC};
pub use search::{SearchIndex, SearchPage, SearchResult, MAX_QUERY_WORDS};

use arc_swap::ArcSwapOption;
use embargo_errors::{Code, ErrorCode};
use embargo_matcher::{Hit, Index, Query, ScreenOptions};
use embargo_model::Entity;
use embargo_store::{ListVersion, Store, StoreError, VersionRef};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// A failure to load or to screen, with a stable code.
#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    /// The store failed (database, corrupt data, a version that is not stored).
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The store holds no list at all.
    #[error("no list is imported in {0}: run `embargo import` or `embargo sync` first")]
    NoListsImported(String),
    /// The request names lists that are not loaded.
    #[error("unknown list(s) {}: the lists loaded are {}", quoted(.unknown), .known.join(", "))]
    UnknownList {
        /// The names given that are not loaded.
        unknown: Vec<String>,
        /// The lists that are loaded.
        known: Vec<String>,
    },
    /// An `as_of` that cannot be read, or a time at which nothing was in force.
    #[error(transparent)]
    AsOf(#[from] AsOfError),
}

fn quoted(names: &[String]) -> String {
    names.iter().map(|n| format!("{n:?}")).collect::<Vec<_>>().join(", ")
}

impl ErrorCode for EngineError {
    fn error_code(&self) -> Code {
        match self {
            EngineError::Store(e) => e.error_code(),
            EngineError::NoListsImported(_) => Code::NoListsImported,
            EngineError::UnknownList { .. } => Code::UnknownList,
            EngineError::AsOf(e) => e.error_code(),
        }
    }
}

/// Which list versions a snapshot holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection {
    /// The active version of each list (of these lists only, when given).
    Active {
        /// Only these list ids; `None` for every list.
        lists: Option<Vec<String>>,
    },
    /// Exactly these versions, active or not (screening as of a past date, replaying a record).
    Versions(Vec<VersionRef>),
}

impl Selection {
    /// The active version of every list.
    pub fn active() -> Selection {
        Selection::Active { lists: None }
    }

    /// The list versions this selection names in `store` now, in list order.
    pub fn resolve(&self, store: &Store) -> Result<Vec<ListVersion>, EngineError> {
        match self {
            Selection::Active { lists } => {
                let active = store.lists()?;
                if active.is_empty() {
                    return Err(EngineError::NoListsImported(store.dir().display().to_string()));
                }
                if let Some(wanted) = lists {
                    check_known(wanted, &active)?;
                    Ok(active.into_iter().filter(|v| wanted.contains(&v.list)).collect())
                } else {
                    Ok(active)
                }
            }
            Selection::Versions(refs) => {
                let mut versions =
                    refs.iter().map(|r| store.version(&r.list, r.version)).collect::<Result<Vec<_>, _>>()?;
                versions.sort_by(|a, b| a.list.cmp(&b.list));
                Ok(versions)
            }
        }
    }
}

fn check_known(wanted: &[String], loaded: &[ListVersion]) -> Result<(), EngineError> {
    let unknown: Vec<String> =
        wanted.iter().filter(|w| !loaded.iter().any(|v| &v.list == *w)).cloned().collect();
    if unknown.is_empty() {
        Ok(())
    } else {
        Err(EngineError::UnknownList { unknown, known: loaded.iter().map(|v| v.list.clone()).collect() })
    }
}

/// A fixed set of list versions and what screening them needs.
pub struct Snapshot {
    index: Index,
    search: SearchIndex,
    lists: Vec<ListVersion>,
    load_time: Duration,
}

impl Snapshot {
    /// Reads the versions `selection` names from `store` and builds the indexes.
    pub fn load(store: &Store, selection: &Selection) -> Result<Snapshot, EngineError> {
        let started = Instant::now();
        let lists = selection.resolve(store)?;
        let refs: Vec<VersionRef> = lists.iter().map(ListVersion::version_ref).collect();
        let entities = store.load_version_entities(&refs)?;
        let mut snapshot = Snapshot::from_entities(entities, lists);
        snapshot.load_time = started.elapsed();
        Ok(snapshot)
    }

    /// Builds a snapshot of `entities`, which belong to the versions `lists` (for tests and
    /// for callers that read entities without a store).
    pub fn from_entities(entities: Vec<Entity>, lists: Vec<ListVersion>) -> Snapshot {
        let started = Instant::now();
        // The search index is built from the same entities as the matcher's index, so both
        // always describe the same versions.
        let search = SearchIndex::build(&entities);
        let index = Index::build(entities);
        Snapshot { index, search, lists, load_time: started.elapsed() }
    }

    /// The matcher's index.
    pub fn index(&self) -> &Index {
        &self.index
    }

    /// The analysts' name search.
    pub fn search(&self) -> &SearchIndex {
        &self.search
    }

    /// The list versions in this snapshot, in list order.
    pub fn lists(&self) -> &[ListVersion] {
        &self.lists
    }

    /// How long reading the store and building the indexes took.
    pub fn load_time(&self) -> Duration {
        self.load_time
    }

    /// The number of entities.
    pub fn entity_count(&self) -> usize {
        self.index.len()
    }

    /// One entity by id, from the versions in this snapshot.
    pub fn entity(&self, id: &str) -> Option<&Arc<Entity>> {
        self.index.entity(id)
    }

    /// `list@version` of every version in this snapshot (`ofac-sdn@3`).
    pub fn labels(&self) -> Vec<String> {
        self.lists.iter().map(ListVersion::label).collect()
    }

    /// The version of `list` in this snapshot.
    pub fn version_of(&self, list: &str) -> Option<&ListVersion> {
        self.lists.iter().find(|v| v.list == list)
    }

    /// The version label of a hit's entity (`3`): from its provenance, else from the snapshot.
    pub fn version_label_of(&self, entity: &Entity) -> String {
        if !entity.provenance.list_version.is_empty() {
            return entity.provenance.list_version.clone();
        }
        self.version_of(&entity.provenance.list).map(|v| v.version.to_string()).unwrap_or_default()
    }

    /// Fails with [`EngineError::UnknownList`] when `wanted` names a list not in this snapshot.
    pub fn check_lists(&self, wanted: &[String]) -> Result<(), EngineError> {
        check_known(wanted, &self.lists)
    }

    /// Screens one query, after checking the lists `options` names.
    pub fn screen(&self, query: &Query, options: &ScreenOptions) -> Result<Vec<Hit>, EngineError> {
        if let Some(lists) = &options.lists {
            self.check_lists(lists)?;
        }
        Ok(self.index.screen(query, options))
    }

    /// Screens one query whose lists were already checked (the inner loop of batch screening).
    pub fn screen_unchecked(&self, query: &Query, options: &ScreenOptions) -> Vec<Hit> {
        self.index.screen(query, options)
    }

    /// What identifies the versions: (list, version, sha256) of each.
    fn fingerprint(lists: &[ListVersion]) -> Vec<(&str, u32, &str)> {
        lists.iter().map(|v| (v.list.as_str(), v.version, v.sha256.as_str())).collect()
    }
}

/// What [`Engine::reload`] did.
pub enum Reload {
    /// The store's versions are those in force: nothing was loaded.
    Unchanged,
    /// A new snapshot is in force.
    Loaded {
        /// The snapshot it replaced, if any: drop it when convenient (requests may still hold
        /// it; memory is freed when the last one finishes).
        previous: Option<Arc<Snapshot>>,
    },
}

/// The snapshot in force, swappable while in use.
pub struct Engine {
    selection: Selection,
    current: ArcSwapOption<Snapshot>,
}

impl Engine {
    /// An engine with nothing loaded yet, that will load what `selection` names.
    pub fn new(selection: Selection) -> Engine {
        Engine { selection, current: ArcSwapOption::empty() }
    }

    /// An engine with `snapshot` in force (loaded by the caller).
    pub fn with_snapshot(selection: Selection, snapshot: Snapshot) -> Engine {
        Engine { selection, current: ArcSwapOption::from_pointee(snapshot) }
    }

    /// The snapshot in force, once one is loaded; hold it for the length of one request or run.
    pub fn snapshot(&self) -> Option<Arc<Snapshot>> {
        self.current.load_full()
    }

    /// Loads a new snapshot if the versions `store` holds for the selection differ from those
    /// in force (or nothing is loaded yet), and puts it in force. Blocking; on failure the
    /// snapshot in force stays.
    pub fn reload(&self, store: &Store) -> Result<Reload, EngineError> {
        let versions = self.selection.resolve(store)?;
        if let Some(current) = self.snapshot() {
            if Snapshot::fingerprint(&current.lists) == Snapshot::fingerprint(&versions) {
                return Ok(Reload::Unchanged);
            }
        }
        let started = Instant::now();
        let refs: Vec<VersionRef> = versions.iter().map(ListVersion::version_ref).collect();
        let entities = store.load_version_entities(&refs)?;
        let mut snapshot = Snapshot::from_entities(entities, versions);
        snapshot.load_time = started.elapsed();
        let previous = self.current.swap(Some(Arc::new(snapshot)));
        Ok(Reload::Loaded { previous })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use embargo_model::{EntityKind, Name, NameRole};

    /// A list version of `list` for tests (also used by `file`'s tests).
    pub(crate) fn version(list: &str, version: u32) -> ListVersion {
        ListVersion {
            list: list.into(),
            version,
            publisher: "test".into(),
            format: "test".into(),
            publication_date: None,
            imported_at: "2026-12-04T00:00:00Z".into(),
            sha256: format!("{list}{version}"),
            entities: 1,
            warnings: 0,
            reader_version: "1".into(),
            active: true,
        }
    }

    fn snapshot() -> Snapshot {
        let mut e = Entity::new("un", "IRi.003", EntityKind::Person);
        e.names.push(Name::new("Saeed AGHAJANI", NameRole::Primary));
        Snapshot::from_entities(vec![e], vec![version("un", 2)])
    }

    #[test]
    fn unknown_lists_are_refused_with_the_lists_loaded() {
        let s = snapshot();
        let options = ScreenOptions { lists: Some(vec!["eu".into()]), ..ScreenOptions::default() };
        let err = s.screen(&Query::name("Saeed Aghajani"), &options).unwrap_err();
        assert_eq!(err.error_code(), Code::UnknownList);
        assert_eq!(err.to_string(), "unknown list(s) \"eu\": the lists loaded are un");
    }

    #[test]
    fn both_indexes_describe_the_same_entities() {
        let s = snapshot();
        assert_eq!(s.labels(), ["un@2"]);
        assert_eq!(s.search().search("aghajani", 10, 0).results[0].id, "un:IRi.003");
        let hits = s.screen(&Query::name("Saeed Aghajani"), &ScreenOptions::default()).unwrap();
        assert_eq!(hits[0].entity.id, "un:IRi.003");
        assert_eq!(s.version_label_of(&hits[0].entity), "2");
    }
}
