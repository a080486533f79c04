//! The store: every imported list version, kept in an embedded SQLite database.
//!
//! (API contract; the implementation is being written.)

use embargo_model::{Entity, PartialDate};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// A failure of the store, with a stable code.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Database(#[from] rusqlite::Error),
    #[error("{0}")]
    Read(#[from] embargo_readers::ReadError),
    #[error("not found: {0}")]
    NotFound(String),
    #[error("{0}")]
    Invalid(String),
}

/// One imported version of a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ListVersion {
    /// List id (`ofac-sdn`, `un`, ...).
    pub list: String,
    /// Version number within the list, 1, 2, ... in import order.
    pub version: u32,
    pub publisher: String,
    pub format: String,
    /// The publication date the files state.
    pub publication_date: Option<PartialDate>,
    /// RFC 3339 UTC.
    pub imported_at: String,
    /// sha256 over the input files, hex.
    pub sha256: String,
    pub entities: usize,
    pub warnings: usize,
    pub reader_version: String,
    /// Whether this is the version in force for its list.
    pub active: bool,
}

/// The store in a data directory.
pub struct Store {
    dir: PathBuf,
}

impl Store {
    /// Opens (creating if needed) the store in `dir`.
    pub fn open(dir: &Path) -> Result<Store, StoreError> {
        Ok(Store { dir: dir.to_owned() })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The active version of every list.
    pub fn lists(&self) -> Result<Vec<ListVersion>, StoreError> {
        Ok(Vec::new())
    }

    /// Every entity of the active versions of `lists` (all lists when `None`), with
    /// `provenance.list_version` set.
    pub fn load_entities(&self, _lists: Option<&[String]>) -> Result<Vec<Entity>, StoreError> {
        Ok(Vec::new())
    }

    /// One entity of an active list version.
    pub fn entity(&self, id: &str) -> Result<Entity, StoreError> {
        Err(StoreError::NotFound(id.to_owned()))
    }
}
