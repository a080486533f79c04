//! The database layout and its migrations, tracked by SQLite's `user_version`.
//!
//! Entity bodies are content-addressed: `entity_bodies` holds each distinct entity JSON once,
//! unique by its sha256, and `version_entities` says which bodies make up which list version.
//! An entity unchanged across ten versions is stored once, and a diff compares body ids before
//! it ever parses a body. Bodies live in a rowid table (they are large rows, which WITHOUT ROWID
//! tables store badly) and are joined by integer id.

use crate::StoreError;
use rusqlite::Connection;

/// Each entry migrates from schema version `index` to `index + 1`.
const MIGRATIONS: &[&str] = &[
    // 0 -> 1
    "CREATE TABLE list_versions (
         list TEXT NOT NULL,
         version INTEGER NOT NULL,
         publisher TEXT NOT NULL,
         format TEXT NOT NULL,
         publication_date TEXT,
         imported_at TEXT NOT NULL,
         sha256 TEXT NOT NULL,
         entities INTEGER NOT NULL,
         kinds TEXT NOT NULL,
         warning_count INTEGER NOT NULL,
         warnings TEXT NOT NULL,
         files TEXT NOT NULL,
         reader_version TEXT NOT NULL,
         active INTEGER NOT NULL,
         PRIMARY KEY (list, version)
     ) WITHOUT ROWID;
     CREATE UNIQUE INDEX list_versions_one_active ON list_versions (list) WHERE active = 1;
     CREATE INDEX list_versions_sha256 ON list_versions (sha256);
     CREATE TABLE entity_bodies (
         id INTEGER PRIMARY KEY,
         hash BLOB NOT NULL UNIQUE,
         body TEXT NOT NULL
     );
     CREATE TABLE version_entities (
         list TEXT NOT NULL,
         version INTEGER NOT NULL,
         seq INTEGER NOT NULL,
         entity_id TEXT NOT NULL,
         body INTEGER NOT NULL REFERENCES entity_bodies (id),
         kind TEXT NOT NULL,
         caption TEXT NOT NULL,
         PRIMARY KEY (list, version, seq)
     ) WITHOUT ROWID;
     CREATE UNIQUE INDEX version_entities_by_id ON version_entities (entity_id, list, version);",
];

/// The schema version this code reads and writes.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

/// Brings the database up to [`SCHEMA_VERSION`], each step in its own transaction.
pub fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    loop {
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let current: u32 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if current > SCHEMA_VERSION {
            return Err(StoreError::SchemaTooNew(format!(
                "the store's schema version {current} is newer than this embargo knows \
                 (up to {SCHEMA_VERSION}); upgrade embargo"
            )));
        }
        if current == SCHEMA_VERSION {
            return Ok(());
        }
        tx.execute_batch(MIGRATIONS[current as usize])?;
        tx.pragma_update(None, "user_version", current + 1)?;
        tx.commit()?;
    }
}
