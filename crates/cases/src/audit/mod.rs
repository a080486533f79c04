//! The audit log: verification, inclusion and consistency proofs, export.
//!
//! # Format
//!
//! Record `n` (from 0) is the JSON envelope `{"seq":n,"at":..,"actor":..,"event":{"kind":..,
//! "data":..},"personal_hash":..}`, stored byte for byte in `events.body`; its leaf hash is
//! `SHA-256(0x00 || body)` in `leaves`; the tree is RFC 6962's (`SHA-256(0x01 || l || r)` for
//! nodes). Each write transaction ends with a [`Checkpoint`] signed with the installation's
//! Ed25519 key.
//!
//! # What verification finds
//!
//! [`crate::CaseStore::verify`] reads the whole log in one snapshot and names the first
//! record that fails, with a plain SQLite client as the assumed tool of the tamperer:
//!
//! | tampering | found as |
//! |---|---|
//! | a body edited | its hash differs from its leaf |
//! | a body edited and its leaf recomputed | the root differs from the first signed checkpoint covering it |
//! | a record deleted | a gap in the numbers (or a checkpoint whose size is beyond the end) |
//! | records reordered | a body whose `seq` is not its place |
//! | a record inserted in the middle | the same (the records after it move), or a bad root |
//! | a record appended | records beyond the last signed checkpoint |
//! | personal data edited or deleted without an erasure | its salted hash in the body |
//! | a projection edited (an alert's status) | rebuilding the projections from the log |
//! | a checkpoint edited | its signature |
//!
//! Someone holding the signing key can rewrite the database consistently and sign new
//! checkpoints: that is why checkpoints are also written out to `cases-checkpoints.jsonl` for
//! write-once storage, and why [`crate::CaseStore::verify`] takes an examiner's checkpoint.

pub(crate) mod checkpoint;
pub mod merkle;

pub use merkle::{
    hash_from_hex, leaf_hash, node_hash, root_from_inclusion, to_hex, verify_consistency, Hash,
};

use crate::ids;
use crate::ledger::{apply, DbSubtrees};
use crate::record::{Envelope, Event};
use crate::schema::{PROJECTIONS, PROJECTION_TABLES};
use crate::{CaseError, CaseStore, RecordKind};
use checkpoint::{Checkpoint, PublicKey};
use merkle::Frontier;
use rusqlite::types::Value;
use rusqlite::{Connection, OpenFlags, OptionalExtension};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::io::Write;

/// Where verification failed: the first record found edited, deleted, reordered or
/// inserted (or `None` when the failure is not one record's, such as a checkpoint).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Tamper {
    /// The record's number.
    pub record: Option<u64>,
    /// What was found.
    pub message: String,
}

impl Tamper {
    pub(crate) fn new(record: Option<u64>, message: String) -> Tamper {
        Tamper { record, message }
    }
}

impl fmt::Display for Tamper {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

fn tampered(record: Option<u64>, message: String) -> CaseError {
    CaseError::Tampered(Tamper::new(record, message))
}

/// What a successful verification checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VerifyReport {
    /// Records in the log.
    pub records: u64,
    /// The root of the whole log, hex.
    pub root: String,
    /// Signed checkpoints checked (database, checkpoint file, and the one given).
    pub checkpoints: usize,
    /// Records whose personal data was erased on request.
    pub erased: usize,
}

/// An inclusion proof: record `record` is leaf `record` of the tree that `checkpoint` signs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InclusionProof {
    /// The record's number (leaf index).
    pub record: u64,
    /// The record itself, byte for byte as hashed.
    pub body: String,
    /// `SHA-256(0x00 || body)`, hex.
    pub leaf_hash: String,
    /// The audit path, hex, leaf side first (RFC 9162 §2.1.3).
    pub path: Vec<String>,
    /// The signed tree head the path leads to.
    pub checkpoint: Checkpoint,
}

impl InclusionProof {
    /// Checks the proof as an examiner would, with nothing but the installation's public key:
    /// the checkpoint's signature, the body's hash, its number, and the path to the root.
    pub fn check(&self, key: &PublicKey) -> Result<(), CaseError> {
        self.checkpoint.verify_signature(key)?;
        let root = self.checkpoint.root_hash()?;
        let leaf = leaf_hash(self.body.as_bytes());
        if to_hex(&leaf) != self.leaf_hash {
            return Err(CaseError::ProofMismatch(format!(
                "record {}: the body does not hash to the leaf hash",
                self.record
            )));
        }
        let seq = serde_json::from_str::<serde_json::Value>(&self.body).ok().and_then(|v| v["seq"].as_u64());
        if seq != Some(self.record) {
            return Err(CaseError::ProofMismatch(format!("the body is not record {}", self.record)));
        }
        let path = parse_path(&self.path)?;
        match root_from_inclusion(self.record, self.checkpoint.size, &leaf, &path) {
            Some(r) if r == root => Ok(()),
            _ => Err(CaseError::ProofMismatch(format!(
                "record {} is not in the log of {} records signed at {}: the path does not lead to its root",
                self.record, self.checkpoint.size, self.checkpoint.at
            ))),
        }
    }
}

/// A consistency proof: the log signed by `old` is a prefix of the log signed by `new`
/// (nothing in it was changed or removed since).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsistencyProof {
    /// The earlier checkpoint.
    pub old: Checkpoint,
    /// The later checkpoint.
    pub new: Checkpoint,
    /// The proof's hashes, hex (RFC 9162 §2.1.4).
    pub path: Vec<String>,
}

impl ConsistencyProof {
    /// Checks both signatures and the proof.
    pub fn check(&self, key: &PublicKey) -> Result<(), CaseError> {
        self.old.verify_signature(key)?;
        self.new.verify_signature(key)?;
        let path = parse_path(&self.path)?;
        if verify_consistency(
            self.old.size,
            self.new.size,
            &self.old.root_hash()?,
            &self.new.root_hash()?,
            &path,
        ) {
            Ok(())
        } else {
            Err(CaseError::ProofMismatch(format!(
                "the log of {} records signed at {} is not a prefix of the log of {} records signed at {}",
                self.old.size, self.old.at, self.new.size, self.new.at
            )))
        }
    }
}

fn parse_path(path: &[String]) -> Result<Vec<Hash>, CaseError> {
    path.iter()
        .map(|h| {
            hash_from_hex(h)
                .ok_or_else(|| CaseError::InvalidCheckpoint(format!("{h:?} in a proof is not 64 hex digits")))
        })
        .collect()
}

/// The format of an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    /// One JSON object per line.
    JsonLines,
    /// CSV with a header: `record,at,kind,actor,leaf_hash,body,personal`.
    Csv,
}

/// One record as exported: its place, hash and bytes, so that the export can be checked
/// against the log's checkpoints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportedRecord {
    /// The record's number.
    pub record: u64,
    /// When.
    pub at: String,
    /// Its kind (`screening`, `alert_decided`, ...).
    pub kind: String,
    /// Who.
    pub actor: String,
    /// Its leaf hash, hex.
    pub leaf_hash: String,
    /// The record's body, byte for byte as hashed.
    pub body: String,
    /// Its personal data (JSON), when asked for and not erased.
    pub personal: Option<String>,
}

impl CaseStore {
    /// A read-only connection of its own: verification and export read one consistent
    /// snapshot without holding up writers.
    fn reader(&self) -> Result<Connection, CaseError> {
        let conn = Connection::open_with_flags(self.db_path(), OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        conn.busy_timeout(std::time::Duration::from_secs(30))?;
        Ok(conn)
    }

    /// The latest signed checkpoint (`None` only for a log without records).
    pub fn latest_checkpoint(&self) -> Result<Option<Checkpoint>, CaseError> {
        let conn = self.conn();
        Ok(read_checkpoints(&conn, "WHERE size = (SELECT MAX(size) FROM checkpoints)", 0)?.pop())
    }

    /// Recomputes everything: every record's hash, the Merkle root at every signed checkpoint
    /// (those of the database, of the checkpoint file, and `checkpoint` when given, such as
    /// one kept in write-once storage), the stored tree nodes, the personal data's hashes and
    /// the projections. Fails with [`CaseError::Tampered`] naming the first record edited,
    /// deleted, reordered or inserted.
    pub fn verify(&self, checkpoint: Option<&Checkpoint>) -> Result<VerifyReport, CaseError> {
        let key = self.public_key();
        let mut conn = self.reader()?;
        let tx = conn.transaction()?;
        let mut signed: BTreeMap<u64, (Checkpoint, &'static str)> = BTreeMap::new();
        let mut add = |c: Checkpoint, source: &'static str| -> Result<(), CaseError> {
            c.verify_signature(&key)
                .map_err(|e| tampered(None, format!("a checkpoint of the {source} fails its check: {e}")))?;
            if let Some((other, other_source)) = signed.get(&c.size) {
                if other.root != c.root {
                    return Err(tampered(
                        None,
                        format!(
                            "two signed checkpoints of size {} disagree (root {} in the {other_source}, {} in the {source}): \
                             the log was rewritten and re-signed",
                            c.size, other.root, c.root
                        ),
                    ));
                }
                return Ok(());
            }
            signed.insert(c.size, (c, source));
            Ok(())
        };
        for c in read_checkpoints(&tx, "", 0)? {
            add(c, "database")?;
        }
        if self.checkpoint_file().exists() {
            for c in Checkpoint::read_file(self.checkpoint_file())? {
                add(c, "checkpoint file")?;
            }
        }
        if let Some(c) = checkpoint {
            c.verify_signature(&key)?;
            add(c.clone(), "checkpoint given")?;
        }
        let checkpoints = signed.len();

        let replay = Connection::open_in_memory()?;
        crate::tune_statements(&replay)?;
        for script in PROJECTIONS {
            replay.execute_batch(script)?;
        }
        let replay_tx = replay.unchecked_transaction()?;
        let mut frontier = Frontier::empty();
        let mut new_nodes: Vec<(u32, u64, Hash)> = Vec::new();
        let mut stored_nodes = 0u64;
        let mut erased_needed: BTreeSet<u64> = BTreeSet::new();
        let mut erased_listed: BTreeSet<u64> = BTreeSet::new();
        let mut previous_checkpoint = 0u64;
        let mut events = tx.prepare("SELECT seq, kind, body, personal, salt FROM events ORDER BY seq")?;
        let mut leaves = tx.prepare("SELECT seq, hash FROM leaves ORDER BY seq")?;
        let mut event_rows = events.query([])?;
        let mut leaf_rows = leaves.query([])?;
        let mut expected = 0u64;
        loop {
            let event = event_rows.next()?;
            let leaf = leaf_rows.next()?;
            let (event, leaf) = match (event, leaf) {
                (None, None) => break,
                (Some(e), Some(l)) => (e, l),
                (Some(_), None) => {
                    return Err(tampered(
                        Some(expected),
                        format!(
                            "record {expected} has a body but no leaf hash: inserted, or its leaf deleted"
                        ),
                    ))
                }
                (None, Some(_)) => {
                    return Err(tampered(
                        Some(expected),
                        format!("record {expected} has a leaf hash but no body: deleted"),
                    ))
                }
            };
            let (seq, leaf_seq): (i64, i64) = (event.get(0)?, leaf.get(0)?);
            if seq as u64 != expected || leaf_seq as u64 != expected {
                let missing = if seq as u64 != expected { "body" } else { "leaf hash" };
                return Err(tampered(
                    Some(expected),
                    format!("record {expected} is missing (its {missing} was deleted): the next one is numbered {}", seq.min(leaf_seq)),
                ));
            }
            let n = expected;
            let kind: String = event.get(1)?;
            let body: String = event.get(2)?;
            let personal: Option<String> = event.get(3)?;
            let salt: Option<Vec<u8>> = event.get(4)?;
            let leaf_stored: Vec<u8> = leaf.get(1)?;
            let envelope: Envelope = serde_json::from_str(&body).map_err(|e| {
                tampered(Some(n), format!("record {n} was edited: its body is not a record ({e})"))
            })?;
            if envelope.seq != n {
                return Err(tampered(
                    Some(n),
                    format!(
                        "record {n} holds the body of record {}: records were reordered, or one was inserted or deleted before it",
                        envelope.seq
                    ),
                ));
            }
            let leaf_now = leaf_hash(body.as_bytes());
            if leaf_stored[..] != leaf_now[..] {
                return Err(tampered(
                    Some(n),
                    format!(
                        "record {n} ({}) was edited: its body no longer hashes to its leaf",
                        envelope.event.kind()
                    ),
                ));
            }
            if kind != envelope.event.kind() {
                return Err(tampered(
                    Some(n),
                    format!(
                        "record {n} was edited: its kind column says {kind}, its body {}",
                        envelope.event.kind()
                    ),
                ));
            }
            match (&envelope.personal_hash, &personal, &salt) {
                (Some(expected_hash), Some(data), Some(salt)) => {
                    let mut h = Sha256::new();
                    h.update(salt);
                    h.update(data.as_bytes());
                    if to_hex(&h.finalize()) != *expected_hash {
                        return Err(tampered(
                            Some(n),
                            format!("record {n}'s personal data was edited: it no longer matches its hash"),
                        ));
                    }
                }
                (Some(_), None, None) => {
                    erased_needed.insert(n);
                }
                (None, None, None) => {}
                _ => {
                    return Err(tampered(
                        Some(n),
                        format!("record {n}'s personal data or salt was edited, inserted or deleted"),
                    ));
                }
            }
            if let Event::Erasure { records, .. } = &envelope.event {
                erased_listed.extend(records.iter().copied());
            }
            apply(&replay_tx, n, &envelope.event).map_err(|e| {
                tampered(
                    Some(n),
                    format!("record {n} cannot be replayed ({e}): it refers to records that do not exist"),
                )
            })?;
            frontier.push(leaf_now, |level, idx, hash| new_nodes.push((level, idx, *hash)));
            for (level, idx, hash) in new_nodes.drain(..) {
                let stored: Option<Vec<u8>> = tx
                    .prepare_cached("SELECT hash FROM nodes WHERE level = ?1 AND idx = ?2")?
                    .query_row(rusqlite::params![level, idx as i64], |r| r.get(0))
                    .optional()?;
                if stored.as_deref() != Some(&hash[..]) {
                    let first = idx << level;
                    return Err(tampered(
                        Some(first),
                        format!(
                            "the stored tree node over records {first}..{} was edited or deleted",
                            first + (1 << level)
                        ),
                    ));
                }
                stored_nodes += 1;
            }
            expected += 1;
            if let Some((c, source)) = signed.get(&expected) {
                if c.root_hash()? != frontier.root() {
                    return Err(tampered(
                        Some(previous_checkpoint),
                        format!(
                            "records {previous_checkpoint}..{} no longer have the root signed at {} (checkpoint of size {} \
                             in the {source}): one of them was edited with its leaf hash recomputed, or records were \
                             reordered",
                            expected - 1,
                            c.at,
                            c.size
                        ),
                    ));
                }
                previous_checkpoint = expected;
            }
        }
        let size = expected;
        if let Some((c, source)) = signed.range(size + 1..).next().map(|(_, v)| v) {
            return Err(tampered(
                Some(size),
                format!(
                    "the {source} holds a checkpoint of {} records signed at {}, but the log ends at {size}: records from {size} on were deleted",
                    c.size, c.at
                ),
            ));
        }
        if size > previous_checkpoint {
            return Err(tampered(
                Some(previous_checkpoint),
                format!(
                    "records {previous_checkpoint}..{} are covered by no signed checkpoint: appended outside the case store",
                    size - 1
                ),
            ));
        }
        let node_rows: i64 = tx.query_row("SELECT COUNT(*) FROM nodes", [], |r| r.get(0))?;
        if node_rows as u64 != stored_nodes {
            return Err(tampered(None, format!("the tree holds {node_rows} stored nodes where the log makes {stored_nodes}: nodes were inserted")));
        }
        if let Some(n) = erased_needed.difference(&erased_listed).next() {
            return Err(tampered(
                Some(*n),
                format!("record {n}'s personal data was deleted without an erasure record"),
            ));
        }
        compare_projections(&tx, &replay_tx)?;
        Ok(VerifyReport {
            records: size,
            root: to_hex(&frontier.root()),
            checkpoints,
            erased: erased_needed.len(),
        })
    }

    /// The record number of `id`: an audit record (`E12` or `12`), or the record that created
    /// a screening (`SCR12`), alert (`A12`), suppression (`S12`) or context (`C3`).
    pub fn record_of(&self, id: &str) -> Result<u64, CaseError> {
        let id = id.trim();
        if let Ok(n) = id.parse::<u64>() {
            return Ok(n);
        }
        let table = [
            (ids::SCREENING, "screenings"),
            (ids::EVENT, ""),
            (ids::ALERT, "alerts"),
            (ids::SUPPRESSION, "suppressions"),
            (ids::CONTEXT, "contexts"),
        ];
        let upper = id.to_ascii_uppercase();
        let Some((prefix, table)) = table
            .iter()
            .find(|(p, _)| upper.starts_with(p) && upper[p.len()..].bytes().all(|b| b.is_ascii_digit()))
        else {
            return Err(CaseError::InvalidRequest(format!(
                "{id:?} is not a record id (E12, SCR12, A12, S12, C3)"
            )));
        };
        let num = ids::parse(prefix, id)?;
        if table.is_empty() {
            return Ok(num);
        }
        let conn = self.conn();
        let seq: Option<i64> = conn
            .query_row(&format!("SELECT seq FROM {table} WHERE num = ?1"), [num as i64], |r| r.get(0))
            .optional()?;
        seq.map(|s| s as u64).ok_or_else(|| CaseError::not_found(RecordKind::AuditRecord, id))
    }

    /// An inclusion proof of the record `id` (see [`CaseStore::record_of`]) in the log signed
    /// by `checkpoint` (the latest when `None`).
    pub fn prove(&self, id: &str, checkpoint: Option<&Checkpoint>) -> Result<InclusionProof, CaseError> {
        let record = self.record_of(id)?;
        let checkpoint = match checkpoint {
            Some(c) => c.clone(),
            None => {
                self.latest_checkpoint()?.ok_or_else(|| CaseError::not_found(RecordKind::AuditRecord, id))?
            }
        };
        if record >= checkpoint.size {
            return Err(CaseError::InvalidRequest(format!(
                "record {record} is not in the log of {} records that the checkpoint signs",
                checkpoint.size
            )));
        }
        let conn = self.conn();
        let body: String =
            conn.query_row("SELECT body FROM events WHERE seq = ?1", [record as i64], |r| r.get(0))?;
        let path = merkle::inclusion_path(&mut DbSubtrees { conn: &conn }, record, checkpoint.size)?;
        Ok(InclusionProof {
            record,
            leaf_hash: to_hex(&leaf_hash(body.as_bytes())),
            body,
            path: path.iter().map(|h| to_hex(h)).collect(),
            checkpoint,
        })
    }

    /// A proof that the log signed by `old` is a prefix of the log signed by `new` (the
    /// latest when `None`).
    pub fn prove_consistency(
        &self,
        old: &Checkpoint,
        new: Option<&Checkpoint>,
    ) -> Result<ConsistencyProof, CaseError> {
        let new = match new {
            Some(c) => c.clone(),
            None => self
                .latest_checkpoint()?
                .ok_or_else(|| CaseError::InvalidRequest("the log is empty".into()))?,
        };
        if old.size == 0 || old.size > new.size {
            return Err(CaseError::InvalidRequest(format!(
                "no consistency proof from a log of {} records to one of {}",
                old.size, new.size
            )));
        }
        let conn = self.conn();
        let path = merkle::consistency_path(&mut DbSubtrees { conn: &conn }, old.size, new.size)?;
        Ok(ConsistencyProof { old: old.clone(), new, path: path.iter().map(|h| to_hex(h)).collect() })
    }

    /// Writes the records at or after `from` and before `to` (RFC 3339), with their hashes, to
    /// `out`; personal data only when `personal` is true. Returns the number written.
    pub fn export(
        &self,
        from: Option<&str>,
        to: Option<&str>,
        format: ExportFormat,
        personal: bool,
        out: &mut dyn Write,
    ) -> Result<u64, CaseError> {
        let from = from.map(crate::time::parse_timestamp).transpose()?.map(crate::time::format_timestamp);
        let to = to.map(crate::time::parse_timestamp).transpose()?.map(crate::time::format_timestamp);
        let conn = self.reader()?;
        let mut stmt = conn.prepare(
            "SELECT e.seq, e.kind, e.body, e.personal, l.hash FROM events e JOIN leaves l ON l.seq = e.seq ORDER BY e.seq",
        )?;
        let mut rows = stmt.query([])?;
        let mut sink = match format {
            ExportFormat::Csv => Sink::Csv(Box::new(csv::Writer::from_writer(out))),
            ExportFormat::JsonLines => Sink::Json(out),
        };
        let mut written = 0;
        while let Some(row) = rows.next()? {
            let body: String = row.get(2)?;
            let envelope: Envelope =
                serde_json::from_str(&body).map_err(|e| CaseError::corrupt_json("an audit record", e))?;
            if from.as_ref().is_some_and(|f| envelope.at < *f)
                || to.as_ref().is_some_and(|t| envelope.at >= *t)
            {
                continue;
            }
            let leaf: Vec<u8> = row.get(4)?;
            sink.write(&ExportedRecord {
                record: row.get::<_, i64>(0)? as u64,
                at: envelope.at,
                kind: row.get(1)?,
                actor: envelope.actor,
                leaf_hash: to_hex(&leaf),
                body,
                personal: if personal { row.get(3)? } else { None },
            })?;
            written += 1;
        }
        sink.finish()?;
        Ok(written)
    }
}

/// Where exported records go.
enum Sink<'a> {
    Csv(Box<csv::Writer<&'a mut dyn Write>>),
    Json(&'a mut dyn Write),
}

impl Sink<'_> {
    fn write(&mut self, record: &ExportedRecord) -> Result<(), CaseError> {
        let failed = |e: &dyn fmt::Display| CaseError::Io(format!("cannot write the export: {e}"));
        match self {
            Sink::Csv(w) => w.serialize(record).map_err(|e| failed(&e)),
            Sink::Json(w) => {
                serde_json::to_writer(&mut **w, record).map_err(|e| failed(&e))?;
                w.write_all(b"\n").map_err(|e| failed(&e))
            }
        }
    }

    fn finish(self) -> Result<(), CaseError> {
        let result = match self {
            Sink::Csv(mut w) => w.flush(),
            Sink::Json(w) => w.flush(),
        };
        result.map_err(|e| CaseError::Io(format!("cannot write the export: {e}")))
    }
}

/// Checkpoints of size greater than `after`, by size.
pub(crate) fn checkpoints_after(conn: &Connection, after: u64) -> Result<Vec<Checkpoint>, CaseError> {
    read_checkpoints(conn, "WHERE size > ?1", after)
}

fn read_checkpoints(conn: &Connection, filter: &str, arg: u64) -> Result<Vec<Checkpoint>, CaseError> {
    let sql = format!("SELECT size, root, at, key_id, signature FROM checkpoints {filter} ORDER BY size");
    let mut stmt = conn.prepare(&sql)?;
    let map = |r: &rusqlite::Row<'_>| -> rusqlite::Result<Checkpoint> {
        let root: Vec<u8> = r.get(1)?;
        let signature: Vec<u8> = r.get(4)?;
        Ok(Checkpoint {
            size: r.get::<_, i64>(0)? as u64,
            root: to_hex(&root),
            at: r.get(2)?,
            key_id: r.get(3)?,
            signature: to_hex(&signature),
        })
    };
    let rows =
        if filter.contains("?1") { stmt.query_map([arg as i64], map)? } else { stmt.query_map([], map)? };
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Compares every projection table of the database with the one rebuilt from the log.
fn compare_projections(stored: &Connection, rebuilt: &Connection) -> Result<(), CaseError> {
    for (table, key) in PROJECTION_TABLES {
        let sql = format!("SELECT * FROM {table} ORDER BY {key}");
        let mut a = stored.prepare(&sql)?;
        let mut b = rebuilt.prepare(&sql)?;
        let columns = a.column_count();
        let mut ra = a.query([])?;
        let mut rb = b.query([])?;
        loop {
            let (x, y) = (ra.next()?, rb.next()?);
            let row = |r: &rusqlite::Row<'_>| -> rusqlite::Result<Vec<Value>> {
                (0..columns).map(|i| r.get(i)).collect()
            };
            let (x, y) = match (x, y) {
                (None, None) => break,
                (x, y) => (x.map(row).transpose()?, y.map(row).transpose()?),
            };
            if x != y {
                let show = |v: &Option<Vec<Value>>| match v {
                    None => "nothing".to_owned(),
                    Some(v) => format!("{v:?}"),
                };
                return Err(tampered(
                    None,
                    format!(
                        "the table {table} was edited outside the case store: it holds {} where the log makes {}",
                        show(&x),
                        show(&y)
                    ),
                ));
            }
        }
    }
    Ok(())
}
