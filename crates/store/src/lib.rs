//! The store: every imported list version, kept in an embedded SQLite database.
//!
//! A data directory holds one database, `embargo.sqlite` (WAL mode). Each import of a list's
//! files becomes a new [`ListVersion`] of that list and the active one (unless its files state
//! an older publication than the active version's: [`ImportStatus::Older`]); older versions stay, so
//! [`Store::diff`] can say what changed and an audit can show what was in force when.
//!
//! Imports are atomic: the reader streams entities into one write transaction, and any failure
//! (a bad file, a full disk, a killed process) rolls it back, leaving the previous version
//! active. Importing files whose sha256 matches a stored version of their list makes no new
//! version (and never turns an older version back on).
//!
//! ```
//! use embargo_model::{Entity, EntityKind, Name, NameRole};
//! use embargo_readers::{Format, ListReader, ReadError, ReadReport};
//! use embargo_store::{ImportStatus, Store};
//! use std::path::PathBuf;
//!
//! /// A reader that makes one entity whatever the file holds.
//! struct OneEntity;
//! impl ListReader for OneEntity {
//!     fn format(&self) -> Format { Format::UnXml }
//!     fn read(&self, _: &[PathBuf], sink: &mut dyn FnMut(Entity)) -> Result<ReadReport, ReadError> {
//!         let mut report = ReadReport::new("un", "UN Security Council", Format::UnXml);
//!         let mut e = Entity::new("un", "IRi.003", EntityKind::Person);
//!         e.names.push(Name::new("Saeed AGHAJANI", NameRole::Primary));
//!         report.emit(e, sink);
//!         Ok(report)
//!     }
//! }
//!
//! let dir = tempfile::tempdir().unwrap();
//! let file = dir.path().join("un.xml");
//! std::fs::write(&file, "<CONSOLIDATED_LIST/>").unwrap();
//! let store = Store::open(&dir.path().join("data")).unwrap();
//!
//! let first = store.import(&[file.clone()], &OneEntity).unwrap();
//! assert_eq!((first.status, first.version.version), (ImportStatus::New, 1));
//! let again = store.import(&[file], &OneEntity).unwrap();
//! assert_eq!((again.status, again.version.version), (ImportStatus::Unchanged, 1));
//!
//! let e = store.entity("un:IRi.003").unwrap();
//! assert_eq!(e.provenance.list_version, "1");
//! ```

use embargo_errors::{Code, ErrorCode};
use embargo_model::{Entity, PartialDate};
use embargo_readers::{ListReader, ReadError, Warning};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

mod diff;
mod import;
mod schema;

pub use diff::{ChangedEntity, Diff, EntitySummary};
pub use import::{ImportOutcome, ImportStatus};
pub use schema::SCHEMA_VERSION;

/// The database file inside a data directory.
pub const DB_FILE: &str = "embargo.sqlite";

/// A failure of the store; its stable code comes from [`ErrorCode`].
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database failed (locked too long, disk full, I/O).
    #[error("database error: {0}")]
    Database(#[from] rusqlite::Error),
    /// A list file could not be read.
    #[error("{0}")]
    Read(#[from] embargo_readers::ReadError),
    /// The data directory could not be created or read.
    #[error("{0}")]
    Io(String),
    /// No version of this list is stored.
    #[error("list {0:?}: no version of it is stored")]
    ListNotFound(String),
    /// The list has no such version.
    #[error("list {list:?} has no version {version}")]
    VersionNotFound {
        /// The list id.
        list: String,
        /// The version asked for.
        version: u32,
    },
    /// No such entity where it was looked for; the message says where.
    #[error("not found: {0}")]
    EntityNotFound(String),
    /// Stored data cannot be read back.
    #[error("{0}")]
    Corrupt(String),
    /// The database was written by a newer embargo.
    #[error("{0}")]
    SchemaTooNew(String),
    /// An import was refused (no entities, entities of two lists); the previous version stays.
    #[error("{0}")]
    ImportRefused(String),
}

impl ErrorCode for StoreError {
    fn error_code(&self) -> Code {
        match self {
            StoreError::Database(_) => Code::Database,
            StoreError::Read(e) => e.error_code(),
            StoreError::Io(_) => Code::Io,
            StoreError::ListNotFound(_) => Code::ListNotFound,
            StoreError::VersionNotFound { .. } => Code::ListVersionNotFound,
            StoreError::EntityNotFound(_) => Code::EntityNotFound,
            StoreError::Corrupt(_) => Code::StoreCorrupt,
            StoreError::SchemaTooNew(_) => Code::StoreVersionUnsupported,
            StoreError::ImportRefused(_) => Code::ImportRefused,
        }
    }
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

impl ListVersion {
    /// `list@version`, as output rows, logs and audit records name a version (`ofac-sdn@3`).
    pub fn label(&self) -> String {
        format!("{}@{}", self.list, self.version)
    }

    /// The (list, version) pair that names this version.
    pub fn version_ref(&self) -> VersionRef {
        VersionRef { list: self.list.clone(), version: self.version }
    }
}

/// One version of one list, by name: what `--as-of ofac-sdn@3` and screening records refer to.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct VersionRef {
    /// The list id.
    pub list: String,
    /// The version number within the list.
    pub version: u32,
}

impl VersionRef {
    /// Parses `list@version` (`ofac-sdn@3`).
    pub fn parse(text: &str) -> Option<VersionRef> {
        let (list, version) = text.trim().rsplit_once('@')?;
        let version = version.parse().ok().filter(|v| *v > 0)?;
        (!list.is_empty()).then(|| VersionRef { list: list.to_owned(), version })
    }
}

impl std::fmt::Display for VersionRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}@{}", self.list, self.version)
    }
}

/// What the store keeps about a version beyond [`ListVersion`]: counts by kind, every
/// warning the reader gave, and the files it was read from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VersionDetails {
    pub version: ListVersion,
    /// Entities by kind (`person` → 730, ...).
    pub kinds: BTreeMap<String, usize>,
    pub warnings: Vec<Warning>,
    /// The input files, as given to the import.
    pub files: Vec<PathBuf>,
}

/// The store in a data directory.
///
/// A `Store` is `Send + Sync`: it holds one connection behind a mutex, so a server can share
/// it between threads. Several processes may open the same directory; SQLite's locking and WAL
/// keep them consistent (an import waits up to 30 s for another one to finish).
pub struct Store {
    dir: PathBuf,
    conn: Mutex<Connection>,
}

const VERSION_COLUMNS: &str = "list, version, publisher, format, publication_date, imported_at, sha256, \
     entities, warning_count, reader_version, active";

impl Store {
    /// Opens (creating if needed) the store in `dir`.
    pub fn open(dir: &Path) -> Result<Store, StoreError> {
        std::fs::create_dir_all(dir).map_err(|e| {
            StoreError::Io(format!("cannot create the data directory {}: {e}", dir.display()))
        })?;
        let path = dir.join(DB_FILE);
        let mut conn = Connection::open(&path)?;
        conn.busy_timeout(Duration::from_secs(30))?;
        // Only takes effect on a new database: larger pages hold an entity body (1-2 KB of
        // JSON) without overflow pages.
        conn.pragma_update(None, "page_size", 16384)?;
        // WAL: readers (a running server) never block an import, and an interrupted import
        // leaves only an uncommitted tail in the WAL that the next open discards.
        let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(StoreError::Corrupt(format!(
                "{}: cannot switch the database to WAL mode (got {mode})",
                path.display()
            )));
        }
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        // A large import makes a large WAL; once checkpointed, give the space back.
        conn.query_row("PRAGMA journal_size_limit = 33554432", [], |_| Ok(()))?;
        schema::migrate(&mut conn)?;
        Ok(Store { dir: dir.to_owned(), conn: Mutex::new(conn) })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The path of the database file.
    pub fn db_path(&self) -> PathBuf {
        self.dir.join(DB_FILE)
    }

    fn conn(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock cannot leave a half-written transaction behind
        // (rusqlite rolls back on drop), so a poisoned lock is safe to take over.
        self.conn.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The active version of every list, by list id.
    pub fn lists(&self) -> Result<Vec<ListVersion>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn.prepare(&format!(
            "SELECT {VERSION_COLUMNS} FROM list_versions WHERE active = 1 ORDER BY list"
        ))?;
        let rows = stmt.query_map([], version_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Every version of `list`, oldest first.
    pub fn versions(&self, list: &str) -> Result<Vec<ListVersion>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn.prepare(&format!(
            "SELECT {VERSION_COLUMNS} FROM list_versions WHERE list = ?1 ORDER BY version"
        ))?;
        let versions: Vec<ListVersion> =
            stmt.query_map([list], version_from_row)?.collect::<Result<_, _>>()?;
        if versions.is_empty() {
            return Err(StoreError::ListNotFound(list.to_owned()));
        }
        Ok(versions)
    }

    /// One version of `list`, active or not.
    pub fn version(&self, list: &str, version: u32) -> Result<ListVersion, StoreError> {
        let conn = self.conn();
        conn.query_row(
            &format!("SELECT {VERSION_COLUMNS} FROM list_versions WHERE list = ?1 AND version = ?2"),
            params![list, version],
            version_from_row,
        )
        .optional()?
        .ok_or_else(|| StoreError::VersionNotFound { list: list.to_owned(), version })
    }

    /// One version of `list` with its counts by kind, warnings and input files.
    pub fn version_details(&self, list: &str, version: u32) -> Result<VersionDetails, StoreError> {
        let conn = self.conn();
        let found = conn
            .query_row(
                &format!(
                    "SELECT {VERSION_COLUMNS}, kinds, warnings, files FROM list_versions
                     WHERE list = ?1 AND version = ?2"
                ),
                params![list, version],
                |row| {
                    let kinds: String = row.get(11)?;
                    let warnings: String = row.get(12)?;
                    let files: String = row.get(13)?;
                    Ok((version_from_row(row)?, kinds, warnings, files))
                },
            )
            .optional()?;
        let (version, kinds, warnings, files) =
            found.ok_or_else(|| StoreError::VersionNotFound { list: list.to_owned(), version })?;
        let corrupt = |what: &str, e: serde_json::Error| {
            StoreError::Corrupt(format!(
                "stored {what} of {list} version {} are unreadable: {e}",
                version.version
            ))
        };
        Ok(VersionDetails {
            kinds: serde_json::from_str(&kinds).map_err(|e| corrupt("kind counts", e))?,
            warnings: serde_json::from_str(&warnings).map_err(|e| corrupt("warnings", e))?,
            files: serde_json::from_str(&files).map_err(|e| corrupt("file names", e))?,
            version,
        })
    }

    /// Every entity of the active versions of `lists` (all lists when `None`), with
    /// `provenance.list_version` set, in list order and then in the order the files gave them.
    pub fn load_entities(&self, lists: Option<&[String]>) -> Result<Vec<Entity>, StoreError> {
        let versions: Vec<VersionRef> = self
            .lists()?
            .into_iter()
            .filter(|v| lists.is_none_or(|wanted| wanted.contains(&v.list)))
            .map(|v| v.version_ref())
            .collect();
        self.load_version_entities(&versions)
    }

    /// Every entity of the given list versions (active or not), with
    /// `provenance.list_version` set, in the order given and then in the order the files gave
    /// them. A version that is not stored is an error.
    pub fn load_version_entities(&self, versions: &[VersionRef]) -> Result<Vec<Entity>, StoreError> {
        // Reading rows is SQLite's work and stays on this thread, under the lock; parsing the
        // JSON bodies is most of the time, and is spread over the cores after the lock is freed.
        let bodies = {
            let conn = self.conn();
            let mut exists =
                conn.prepare_cached("SELECT 1 FROM list_versions WHERE list = ?1 AND version = ?2")?;
            let mut stmt = conn.prepare_cached(
                "SELECT b.body FROM version_entities ve
                 JOIN entity_bodies b ON b.id = ve.body
                 WHERE ve.list = ?1 AND ve.version = ?2
                 ORDER BY ve.seq",
            )?;
            // (index into `versions`, body)
            let mut bodies: Vec<(usize, String)> = Vec::new();
            for (i, v) in versions.iter().enumerate() {
                if !exists.exists(params![v.list, v.version])? {
                    return Err(StoreError::VersionNotFound { list: v.list.clone(), version: v.version });
                }
                let mut rows = stmt.query(params![v.list, v.version])?;
                while let Some(row) = rows.next()? {
                    bodies.push((i, row.get(0)?));
                }
            }
            bodies
        };
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 8);
        let chunk = bodies.len().div_ceil(threads).max(1);
        let version_texts: Vec<String> = versions.iter().map(|v| v.version.to_string()).collect();
        let parsed: Vec<Result<Vec<Entity>, StoreError>> = std::thread::scope(|scope| {
            let handles: Vec<_> = bodies
                .chunks(chunk)
                .map(|part| {
                    let (versions, version_texts) = (&versions, &version_texts);
                    scope.spawn(move || {
                        part.iter()
                            .map(|(i, body)| {
                                let v = &versions[*i];
                                let mut entity = parse_body(body, &v.list, v.version)?;
                                entity.provenance.list_version.clone_from(&version_texts[*i]);
                                Ok(entity)
                            })
                            .collect()
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
                .collect()
        });
        let mut entities = Vec::with_capacity(bodies.len());
        for part in parsed {
            entities.extend(part?);
        }
        Ok(entities)
    }

    /// One entity of an active list version, by id (`ofac-sdn:33574`).
    pub fn entity(&self, id: &str) -> Result<Entity, StoreError> {
        let conn = self.conn();
        let found: Option<(String, u32, String)> = conn
            .query_row(
                "SELECT ve.list, ve.version, b.body FROM version_entities ve
                 JOIN list_versions lv ON lv.list = ve.list AND lv.version = ve.version AND lv.active = 1
                 JOIN entity_bodies b ON b.id = ve.body
                 WHERE ve.entity_id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let (list, version, body) = found.ok_or_else(|| {
            StoreError::EntityNotFound(format!("entity {id:?} is in no active list version"))
        })?;
        let mut entity = parse_body(&body, &list, version)?;
        entity.provenance.list_version = version.to_string();
        Ok(entity)
    }

    /// One entity as it was in `version` of `list`.
    pub fn entity_in_version(&self, id: &str, list: &str, version: u32) -> Result<Entity, StoreError> {
        let conn = self.conn();
        let body: Option<String> = conn
            .query_row(
                "SELECT b.body FROM version_entities ve JOIN entity_bodies b ON b.id = ve.body
                 WHERE ve.entity_id = ?1 AND ve.list = ?2 AND ve.version = ?3",
                params![id, list, version],
                |r| r.get(0),
            )
            .optional()?;
        let body = body.ok_or_else(|| {
            StoreError::EntityNotFound(format!("entity {id:?} in version {version} of list {list:?}"))
        })?;
        let mut entity = parse_body(&body, list, version)?;
        entity.provenance.list_version = version.to_string();
        Ok(entity)
    }

    /// Caps the database file at about `max_bytes` for this handle (a quota): an import that
    /// would grow it further fails with a "database or disk is full" error and is rolled back,
    /// exactly as when the disk itself fills up.
    pub fn limit_size(&self, max_bytes: u64) -> Result<(), StoreError> {
        let conn = self.conn();
        let page_size: u64 = conn.query_row("PRAGMA page_size", [], |r| r.get::<_, i64>(0))?.max(512) as u64;
        conn.query_row(&format!("PRAGMA max_page_count = {}", (max_bytes / page_size).max(1)), [], |_| {
            Ok(())
        })?;
        Ok(())
    }

    /// Runs SQLite's `PRAGMA integrity_check`; `Ok(())` when the database is sound.
    pub fn check_integrity(&self) -> Result<(), StoreError> {
        let conn = self.conn();
        let mut stmt = conn.prepare("PRAGMA integrity_check")?;
        let problems: Vec<String> = stmt.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
        if problems == ["ok"] {
            Ok(())
        } else {
            Err(StoreError::Corrupt(format!("database integrity check failed: {}", problems.join("; "))))
        }
    }

    /// Imports `files` with `reader` as a new version of the list the reader reports, and makes
    /// it active unless its files state an older publication date than the active version's
    /// ([`ImportStatus::Older`]: stored, inactive); all in one transaction, so a failure anywhere (the reader's error, a full
    /// disk, a killed process) leaves the previous version active.
    ///
    /// Files whose sha256 (over names, lengths and bytes, in file-name order) matches a stored
    /// version of the same format and list give [`ImportStatus::Unchanged`] and store nothing.
    /// A reader that finds no entity is refused, so that an empty download cannot empty a list.
    /// An id the reader gives twice is kept once, with a warning.
    pub fn import(&self, files: &[PathBuf], reader: &dyn ListReader) -> Result<ImportOutcome, StoreError> {
        import::import(&mut self.conn(), files, reader)
    }

    /// What changed in `list` from version `from` to version `to`.
    pub fn diff(&self, list: &str, from: u32, to: u32) -> Result<Diff, StoreError> {
        diff::diff(&self.conn(), list, from, to)
    }
}

fn parse_body(body: &str, list: &str, version: u32) -> Result<Entity, StoreError> {
    serde_json::from_str(body).map_err(|e| {
        StoreError::Corrupt(format!("a stored entity of {list} version {version} is unreadable: {e}"))
    })
}

fn version_from_row(row: &Row<'_>) -> rusqlite::Result<ListVersion> {
    let publication_date: Option<String> = row.get(4)?;
    Ok(ListVersion {
        list: row.get(0)?,
        version: row.get(1)?,
        publisher: row.get(2)?,
        format: row.get(3)?,
        publication_date: publication_date.as_deref().and_then(PartialDate::parse_iso),
        imported_at: row.get(5)?,
        sha256: row.get(6)?,
        entities: row.get::<_, i64>(7)? as usize,
        warnings: row.get::<_, i64>(8)? as usize,
        reader_version: row.get(9)?,
        active: row.get(10)?,
    })
}

/// An I/O failure on an input file, as a read error naming the file.
fn io_error(file: &Path, err: std::io::Error) -> StoreError {
    StoreError::Read(ReadError::new(
        file,
        embargo_readers::Location::File,
        "a readable file",
        err.to_string(),
    ))
}
