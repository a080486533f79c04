//! The database layout and its migrations, tracked by SQLite's `user_version`.
//!
//! Two parts:
//!
//! - **The ledger** (`events`, `leaves`, `nodes`, `checkpoints`): the audit log, the only
//!   source of truth. Rows are appended and never updated, but for one case: an erasure
//!   request empties `events.personal` and `events.salt` of the records it names (and is
//!   itself a record).
//! - **Projections** (every other table): indexes and current state derived from the ledger
//!   (an alert's status, whether a suppression is in force), updated in the same transaction
//!   as the records they derive from. [`crate::audit`]'s `verify` rebuilds them from the
//!   ledger into an in-memory database and compares, so an edit of a projection with a plain
//!   SQLite client is found too. [`PROJECTIONS`] is the current projection layout, which the
//!   rebuild uses.

use crate::CaseError;
use rusqlite::Connection;

/// The ledger: records, their leaf hashes, stored Merkle nodes, signed checkpoints.
const LEDGER: &str = "
    CREATE TABLE events (
        seq INTEGER PRIMARY KEY,   -- the record's leaf index, from 0
        kind TEXT NOT NULL,
        body TEXT NOT NULL,        -- the canonical JSON hashed into the leaf
        personal TEXT,             -- personal data, committed in the body by a salted hash
        salt BLOB
    );
    CREATE TABLE leaves (
        seq INTEGER PRIMARY KEY,
        hash BLOB NOT NULL
    );
    -- Hashes of perfect subtrees at levels 8, 16, 24, ...: proofs and the tree's right edge
    -- are computed from them and the leaves without reading more than 255 hashes per level.
    CREATE TABLE nodes (
        level INTEGER NOT NULL,
        idx INTEGER NOT NULL,
        hash BLOB NOT NULL,
        PRIMARY KEY (level, idx)
    ) WITHOUT ROWID;
    CREATE TABLE checkpoints (
        size INTEGER PRIMARY KEY,
        root BLOB NOT NULL,
        at TEXT NOT NULL,
        key_id TEXT NOT NULL,
        signature BLOB NOT NULL
    );
";

/// Projections of the ledger: what queries read. Rebuilt by `verify` from the ledger alone
/// (never from personal data, which may be erased). The first layout; later migrations add
/// to it ([`PROJECTIONS`] is all of them).
const PROJECTIONS_V1: &str = "
    CREATE TABLE contexts (
        num INTEGER PRIMARY KEY,
        hash TEXT NOT NULL UNIQUE,
        seq INTEGER NOT NULL
    );
    CREATE TABLE screenings (
        num INTEGER PRIMARY KEY,
        seq INTEGER NOT NULL,
        subject_id TEXT NOT NULL,
        request_id TEXT
    );
    CREATE INDEX screenings_by_subject ON screenings (subject_id, num);
    CREATE UNIQUE INDEX screenings_by_request ON screenings (request_id) WHERE request_id IS NOT NULL;
    CREATE TABLE alerts (
        num INTEGER PRIMARY KEY,
        seq INTEGER NOT NULL,
        subject_id TEXT NOT NULL,
        pair_key TEXT NOT NULL,
        status TEXT NOT NULL,
        last_seq INTEGER NOT NULL,
        assignee TEXT
    );
    CREATE INDEX alerts_by_pair ON alerts (subject_id, pair_key, num);
    CREATE INDEX alerts_by_status ON alerts (status, num);
    CREATE TABLE alert_entities (
        entity_id TEXT NOT NULL,
        alert_num INTEGER NOT NULL,
        delisted_seq INTEGER,
        PRIMARY KEY (entity_id, alert_num)
    ) WITHOUT ROWID;
    CREATE TABLE alert_events (
        alert_num INTEGER NOT NULL,
        seq INTEGER NOT NULL,
        PRIMARY KEY (alert_num, seq)
    ) WITHOUT ROWID;
    CREATE TABLE suppressions (
        num INTEGER PRIMARY KEY,
        seq INTEGER NOT NULL,
        subject_id TEXT NOT NULL,
        pair_key TEXT NOT NULL,
        alert_num INTEGER NOT NULL,
        status TEXT NOT NULL,
        last_seq INTEGER NOT NULL
    );
    CREATE INDEX suppressions_by_pair ON suppressions (subject_id, pair_key, num);
    CREATE TABLE suppression_entities (
        entity_id TEXT NOT NULL,
        suppression_num INTEGER NOT NULL,
        delisted_seq INTEGER,
        PRIMARY KEY (entity_id, suppression_num)
    ) WITHOUT ROWID;
    CREATE TABLE suppression_events (
        suppression_num INTEGER NOT NULL,
        seq INTEGER NOT NULL,
        PRIMARY KEY (suppression_num, seq)
    ) WITHOUT ROWID;
    CREATE TABLE subjects (
        id TEXT PRIMARY KEY,
        seq INTEGER NOT NULL,
        registered INTEGER NOT NULL,
        fingerprint TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE subject_events (
        subject_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        PRIMARY KEY (subject_id, seq)
    ) WITHOUT ROWID;
    CREATE TABLE settings (
        name TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        seq INTEGER NOT NULL
    ) WITHOUT ROWID;
";

/// How far each batch run has recorded: the last input line of its last recorded chunk.
/// A resumed run skips the lines up to it in one lookup per chunk (schema version 3; before,
/// each screening of a run carried an idempotency key `batch:<run>:<line>` looked up one by
/// one, which cost a batch run a tenth of its recording time).
const BATCH_RUNS: &str = "
    CREATE TABLE batch_runs (
        run TEXT PRIMARY KEY,
        last_line INTEGER NOT NULL,
        seq INTEGER NOT NULL
    ) WITHOUT ROWID;
";

/// The current projection layout, which `verify` rebuilds into.
pub(crate) const PROJECTIONS: &[&str] = &[PROJECTIONS_V1, BATCH_RUNS];

/// The projection tables, in the order `verify` compares them, with their key columns.
pub(crate) const PROJECTION_TABLES: &[(&str, &str)] = &[
    ("contexts", "num"),
    ("screenings", "num"),
    ("alerts", "num"),
    ("alert_entities", "entity_id, alert_num"),
    ("alert_events", "alert_num, seq"),
    ("suppressions", "num"),
    ("suppression_entities", "entity_id, suppression_num"),
    ("suppression_events", "suppression_num, seq"),
    ("subjects", "id"),
    ("subject_events", "subject_id, seq"),
    ("settings", "name"),
    ("batch_runs", "run"),
];

/// System events (imports, syncs, keys, self-tests, monitoring runs) found without scanning
/// the screenings: a partial index, so the many screening records pay nothing for it.
const SYSTEM_EVENTS_INDEX: &str = "CREATE INDEX events_system ON events (seq) WHERE kind = 'system';";

/// Each entry migrates from schema version `index` to `index + 1`, its scripts in order.
const MIGRATIONS: &[&[&str]] = &[&[LEDGER, PROJECTIONS_V1], &[SYSTEM_EVENTS_INDEX], &[BATCH_RUNS]];

/// The schema version this code reads and writes: the number of migrations.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

/// Brings the database up to [`SCHEMA_VERSION`], each step in its own transaction.
pub(crate) fn migrate(conn: &mut Connection) -> Result<(), CaseError> {
    loop {
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let current: u32 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if current > SCHEMA_VERSION {
            return Err(CaseError::SchemaTooNew(format!(
                "the case store's schema version {current} is newer than this embargo knows \
                 (up to {SCHEMA_VERSION}); upgrade embargo"
            )));
        }
        if current == SCHEMA_VERSION {
            return Ok(());
        }
        for script in MIGRATIONS[current as usize] {
            tx.execute_batch(script)?;
        }
        tx.pragma_update(None, "user_version", current + 1)?;
        tx.commit()?;
    }
}
