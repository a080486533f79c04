//! The case store: every screening recorded, alerts that analysts decide, cleared false
//! positives that stay cleared, and a tamper-evident audit log. No HTTP, no terminal: the CLI
//! and the server are thin layers over [`CaseStore`].
//!
//! # The model
//!
//! The case store is an append-only ledger in an embedded SQLite database, `cases.sqlite`
//! in the data directory (beside the list store's `embargo.sqlite`). Records are facts that
//! never change; state is derived from them:
//!
//! - A **screening** ([`CaseStore::record_screenings`]) keeps the subject as screened, who
//!   screened, the list versions with their sha256, threshold, algorithm, matcher version and
//!   options hash (a [`ScreeningContext`], stored once per run as `C3`), a keyed hash of the
//!   input, and every hit with its score and [`Disposition`]: a new alert, an alert already
//!   open, a known true match, "suppressed by S12", below the threshold. Nothing is dropped.
//!   A batch run records chunk by chunk ([`CaseStore::record_batch_chunk`]), keyed by run and
//!   input line, so a resumed run never records a line twice.
//! - An **alert** (`A12`) is one subject × one listed entity at or above the threshold, or
//!   one subject × one *party* when the caller groups hits of one real-world party listed by
//!   several publishers ([`HitInput::party_id`]). It keeps the best score, the matched names,
//!   the explanation, and each entity's content hash and [`Fingerprint`].
//! - Its **status** ([`AlertStatus`]) moves by decisions ([`CaseStore::decide`]), approvals
//!   and rejections under **four eyes** ([`FourEyes`]: nobody approves their own decision),
//!   and delisting ([`CaseStore::delist`]). Two analysts deciding one alert at once: one wins,
//!   the other gets [`CaseError::Conflict`] naming the new status.
//! - A final `false_positive` decision makes a **suppression** (`S12`): the same pair is
//!   suppressed in later screenings while the fingerprints of both sides stay the same; when
//!   one changes, the pair alerts again as `re_review`, linking the earlier decision and
//!   naming the field groups that changed ([`ReReview`]).
//!
//! # The audit log
//!
//! Every record is a leaf of an RFC 6962 Merkle tree; each write transaction ends with a
//! checkpoint (size, root, time) signed with the installation's Ed25519 key, stored in the
//! database and appended to `cases-checkpoints.jsonl` for write-once storage.
//! [`CaseStore::verify`] recomputes everything and names the first record edited, deleted,
//! reordered or inserted; [`CaseStore::prove`] gives an inclusion proof that
//! [`InclusionProof::check`] verifies as an examiner would, with nothing but the public key.
//! Personal data sits beside the records, committed by a salted hash, so that
//! [`CaseStore::erase_subject`] can delete it without breaking any proof. See `docs/cases.md`.
//!
//! ```
//! use embargo_cases::{CaseStore, DecisionRequest, HitInput, ListUsed, Outcome, Reason,
//!     ReasonCode, ScreeningContext, ScreeningInput, Subject, AlertStatus, Disposition};
//! use embargo_model::{Entity, EntityKind, Name, NameRole};
//!
//! let dir = embargo_testkit::TempDataDir::new();
//! let cases = CaseStore::open(dir.path()).unwrap();
//!
//! let mut listed = Entity::new("un", "IRi.003", EntityKind::Person);
//! listed.names.push(Name::new("Saeed AGHAJANI", NameRole::Primary));
//! listed.provenance.list_version = "4".into();
//!
//! let context = ScreeningContext {
//!     lists: vec![ListUsed { list: "un".into(), version: 4, sha256: "ab12".into() }],
//!     threshold: 0.8, algorithm: "alignment".into(),
//!     matcher_version: "embargo-matcher 0.1.0".into(), options_hash: "cd34".into(), delta_from: None,
//! };
//! let screening = |by: &str| ScreeningInput {
//!     subject: Subject { id: "C-1001".into(), names: vec!["Saeed Aghajany".into()], ..Default::default() },
//!     by: by.into(),
//!     hits: vec![HitInput::from_entity(&listed, 0.93, "Saeed AGHAJANI", "Saeed Aghajany")],
//!     request_id: None,
//! };
//!
//! // The first screening opens an alert.
//! let first = cases.record_screening(&context, &screening("api:onboarding")).unwrap();
//! let Disposition::NewAlert { alert } = &first.hits[0] else { panic!() };
//!
//! // An analyst clears it: different date of birth. The pair is now suppressed.
//! cases.decide(&DecisionRequest {
//!     alert: alert.clone(), by: "alice".into(), outcome: Outcome::FalsePositive,
//!     reason: Reason::new(&[ReasonCode::DifferentDateOfBirth], "born 1990, listed 1964"),
//!     expected_version: None,
//! }).unwrap();
//! assert_eq!(cases.alert(alert).unwrap().summary.status, AlertStatus::FalsePositive);
//!
//! let again = cases.record_screening(&context, &screening("api:payments")).unwrap();
//! assert!(matches!(&again.hits[0], Disposition::Suppressed { .. }));
//!
//! // The log verifies, and any record can be proved to an examiner.
//! let report = cases.verify(None).unwrap();
//! let proof = cases.prove(alert, None).unwrap();
//! proof.check(&cases.public_key()).unwrap();
//! assert!(report.records > 5);
//! ```

mod alerts;
pub mod audit;
mod entity_changes;
mod error;
mod fingerprint;
pub mod from_engine;
pub mod from_screeners;
mod ids;
mod ledger;
mod model;
mod record;
mod schema;
mod screening;
mod subjects;
mod suppressions;
mod time;

pub use alerts::{AlertFilter, AlertSummary, AlertView, HistoryEntry};
pub use audit::checkpoint::{Checkpoint, PublicKey, CHECKPOINT_FILE, KEY_FILE, PUBLIC_KEY_FILE};
pub use audit::{ConsistencyProof, ExportFormat, ExportedRecord, InclusionProof, Tamper, VerifyReport};
pub use entity_changes::{AlertOnEntity, EntityRecheck};
pub use error::{CaseError, RecordKind};
pub use fingerprint::{content_hash, Fingerprint};
pub use ids::{ALERT, CONTEXT, EVENT, SCREENING, SUPPRESSION};
pub use model::{
    AlertStatus, DecisionRequest, Disposition, EntityChangePolicy, FourEyes, HitInput, ListUsed, Outcome,
    Reason, ReasonCode, ScreeningContext, ScreeningInput, Settings, Subject,
};
pub use record::{AlertEntity, Change, HitPersonal, ReReview, RecordedHit, SystemEvent};
pub use schema::SCHEMA_VERSION;

/// A [`SystemEvent`] as the audit log holds it: its record number, when and by whom.
#[derive(Debug, Clone, PartialEq)]
pub struct SystemRecord {
    /// The audit record's number (its leaf index).
    pub record: u64,
    /// When, RFC 3339 UTC.
    pub at: String,
    /// Who (the actor of the record).
    pub by: String,
    /// What happened.
    pub event: SystemEvent,
}
pub use screening::{BatchChunkRecorded, BatchScreening, Recorded, ScreeningView};
pub use subjects::{RegisterOutcome, SubjectView};
pub use suppressions::{SuppressionFilter, SuppressionStatus, SuppressionView};
pub use time::parse_timestamp;

use audit::checkpoint::{CheckpointFile, Signer};
use audit::merkle::Frontier;
use ledger::{DbSubtrees, Writer};
use record::Event;
use rusqlite::{Connection, TransactionBehavior};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

/// Prepared statements kept per connection: the writer and the projections use some forty;
/// rusqlite's default of 16 made them evict each other and be compiled again and again.
pub(crate) const STATEMENT_CACHE: usize = 128;

/// Sets up a connection's statement handling: a statement cache that holds every statement the
/// store prepares, and SQLite's query planner stability guarantee. Without the guarantee,
/// SQLite marks a statement whose `WHERE` has an equality the chosen index does not cover
/// (`alerts ... WHERE subject_id = ?1 AND pair_key = ?2`) to be compiled again whenever a text
/// value is bound to it, hoping for a better plan from the value; with no statistics there is
/// none to find, and recording a batch chunk compiled two statements again per hit (10% of
/// what recording cost).
pub(crate) fn tune_statements(conn: &Connection) -> Result<(), rusqlite::Error> {
    conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
    conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
    Ok(())
}

/// The database file inside a data directory.
pub const DB_FILE: &str = "cases.sqlite";

/// The case store of a data directory.
///
/// `Send + Sync`: one connection behind a mutex, as the list store. Several processes may
/// open the same directory (the server and a CLI command): every write is an IMMEDIATE
/// transaction, so writers queue (up to 30 s) and numbers are allocated under the lock.
pub struct CaseStore {
    dir: PathBuf,
    conn: Mutex<Connection>,
    signer: Signer,
    /// The Merkle tree's right edge after the last write of this handle; reused when no
    /// other process wrote since (same size), read from the stored nodes otherwise.
    frontier: Mutex<Option<Frontier>>,
    checkpoints: CheckpointFile,
}

impl CaseStore {
    /// Opens (creating if needed) the case store in `dir`, and its audit key.
    pub fn open(dir: &Path) -> Result<CaseStore, CaseError> {
        std::fs::create_dir_all(dir)
            .map_err(|e| CaseError::Io(format!("cannot create the data directory {}: {e}", dir.display())))?;
        let path = dir.join(DB_FILE);
        let mut conn = Connection::open(&path)?;
        conn.busy_timeout(Duration::from_secs(30))?;
        conn.pragma_update(None, "page_size", 8192)?;
        let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(CaseError::Corrupt(format!(
                "{}: cannot switch the database to WAL mode (got {mode})",
                path.display()
            )));
        }
        // FULL: a committed decision survives a power cut, not only a killed process; a
        // checkpoint line is written out only after its commit is on disk, so the file never
        // holds a tree head the database lost.
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.query_row("PRAGMA journal_size_limit = 67108864", [], |_| Ok(()))?;
        // 64 MB of page cache: a batch chunk's transaction (8,192 screenings, some 7 MB) stays
        // in memory until its commit instead of spilling pages to the WAL halfway.
        conn.pragma_update(None, "cache_size", -65536)?;
        tune_statements(&conn)?;
        schema::migrate(&mut conn)?;
        let key = dir.join(KEY_FILE);
        if !key.exists() && ledger::log_size(&conn)? > 0 {
            // A new key could sign nothing this log already holds: refuse rather than make one.
            return Err(CaseError::Key(format!(
                "the audit key {} is missing but the log holds records: restore the key file",
                key.display()
            )));
        }
        let signer = Signer::load_or_create(dir)?;
        let store = CaseStore {
            dir: dir.to_owned(),
            conn: Mutex::new(conn),
            signer,
            frontier: Mutex::new(None),
            checkpoints: CheckpointFile::new(dir),
        };
        store.start_log()?;
        store.sync_checkpoint_file()?;
        Ok(store)
    }

    /// The data directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The database file.
    pub fn db_path(&self) -> PathBuf {
        self.dir.join(DB_FILE)
    }

    /// The checkpoint file (JSON lines) to ship to write-once storage.
    pub fn checkpoint_file(&self) -> &Path {
        self.checkpoints.path()
    }

    /// The installation's public key, which verifies every checkpoint.
    pub fn public_key(&self) -> PublicKey {
        self.signer.public().clone()
    }

    fn conn(&self) -> MutexGuard<'_, Connection> {
        // rusqlite rolls back an open transaction on drop, so a panic under the lock leaves
        // nothing half-written: a poisoned lock is safe to take over.
        self.conn.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Runs `f` in one IMMEDIATE transaction with a [`Writer`]; commits with a signed
    /// checkpoint when `f` succeeds, rolls everything back when it fails.
    fn write<T>(&self, f: impl FnOnce(&mut Writer<'_>) -> Result<T, CaseError>) -> Result<T, CaseError> {
        let mut conn = self.conn();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let size = ledger::log_size(&tx)?;
        let cached = self.frontier.lock().unwrap_or_else(|p| p.into_inner()).clone();
        let frontier = match cached {
            Some(f) if f.size() == size => f,
            _ => Frontier::load(&mut DbSubtrees { conn: &tx }, size)?,
        };
        let mut writer = Writer::new(&tx, &self.signer, frontier)?;
        let out = f(&mut writer)?;
        let (frontier, checkpoint) = writer.finish()?;
        tx.commit()?;
        *self.frontier.lock().unwrap_or_else(|p| p.into_inner()) = Some(frontier);
        drop(conn);
        if checkpoint.is_some() {
            // The commit is durable; the line is a copy. Should the append fail (a full
            // disk), the next write or open appends every checkpoint the file lacks.
            let _ = self.sync_checkpoint_file();
        }
        Ok(out)
    }

    /// Writes the first record (the signing key) into a new log, and refuses a key that is
    /// not the one the log was started with.
    fn start_log(&self) -> Result<(), CaseError> {
        let public = self.signer.public();
        let first = {
            let conn = self.conn();
            match ledger::log_size(&conn)? {
                0 => None,
                _ => Some(ledger::read_envelope(&conn, 0)?),
            }
        };
        match first {
            Some(envelope) => match envelope.event {
                Event::LogStarted { key_id, .. } if key_id == public.key_id() => Ok(()),
                Event::LogStarted { key_id, .. } => Err(CaseError::Key(format!(
                    "the audit key {} (id {}) is not the key this log was started with (id {key_id}): \
                     restore the original key file",
                    self.dir.join(KEY_FILE).display(),
                    public.key_id()
                ))),
                _ => Err(CaseError::Tampered(Tamper::new(
                    Some(0),
                    "record 0 is not the start of the log".into(),
                ))),
            },
            None => self.write(|w| {
                // Another process may have started the log between the check and the lock.
                if w.next_seq() == 0 {
                    let event = Event::LogStarted { public_key: public.to_hex(), key_id: public.key_id() };
                    w.append::<()>("embargo", &event, None)?;
                }
                Ok(())
            }),
        }
    }

    /// Appends to the checkpoint file every checkpoint of the database it lacks.
    fn sync_checkpoint_file(&self) -> Result<(), CaseError> {
        let last = self.checkpoints.last_size()?;
        let missing = audit::checkpoints_after(&self.conn(), last)?;
        self.checkpoints.append(&missing)
    }

    /// The latest `limit` events of the world outside the case store ([`SystemEvent`]s: lists
    /// imported, monitoring runs, self-tests...), newest first.
    pub fn system_events(&self, limit: usize) -> Result<Vec<SystemRecord>, CaseError> {
        let conn = self.conn();
        let mut stmt =
            conn.prepare_cached("SELECT body FROM events WHERE kind = 'system' ORDER BY seq DESC LIMIT ?1")?;
        let bodies = stmt
            .query_map([i64::try_from(limit).unwrap_or(i64::MAX)], |r| r.get::<_, String>(0))?
            .collect::<Result<Vec<_>, _>>()?;
        bodies
            .into_iter()
            .map(|body| {
                let envelope: record::Envelope =
                    serde_json::from_str(&body).map_err(|e| CaseError::corrupt_json("an audit record", e))?;
                match envelope.event {
                    record::Event::System(event) => {
                        Ok(SystemRecord { record: envelope.seq, at: envelope.at, by: envelope.actor, event })
                    }
                    _ => Err(CaseError::Corrupt(format!(
                        "audit record {} is not a system event",
                        envelope.seq
                    ))),
                }
            })
            .collect()
    }

    /// Records an event of the world outside the case store (a list imported, an API key
    /// created) in the audit log.
    pub fn log_event(&self, actor: &str, event: SystemEvent) -> Result<u64, CaseError> {
        self.write(|w| w.append::<()>(actor, &Event::System(event), None))
    }

    /// The settings in force.
    pub fn settings(&self) -> Result<Settings, CaseError> {
        settings_in(&self.conn())
    }

    /// Changes the settings (an audit record names who, the old and the new values).
    pub fn update_settings(&self, by: &str, settings: Settings) -> Result<(), CaseError> {
        require(by, "who changes the settings")?;
        self.write(|w| {
            let before = settings_in(w.conn)?;
            if before != settings {
                w.append::<()>(by, &Event::SettingsChanged { before, after: settings }, None)?;
            }
            Ok(())
        })
    }
}

pub(crate) fn settings_in(conn: &Connection) -> Result<Settings, CaseError> {
    use rusqlite::OptionalExtension;
    let value: Option<String> =
        conn.query_row("SELECT value FROM settings WHERE name = 'settings'", [], |r| r.get(0)).optional()?;
    match value {
        None => Ok(Settings::default()),
        Some(v) => serde_json::from_str(&v).map_err(|e| CaseError::corrupt_json("the settings", e)),
    }
}

/// Refuses an empty actor or text.
pub(crate) fn require(value: &str, what: &str) -> Result<(), CaseError> {
    if value.trim().is_empty() {
        return Err(CaseError::InvalidRequest(format!("{what} must be given")));
    }
    Ok(())
}
