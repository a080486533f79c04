//! Appending records: each write transaction of the case store goes through a [`Writer`],
//! which turns events into log records (canonical body, salted personal part, leaf hash),
//! grows the Merkle tree, updates the projections, and ends with a signed checkpoint, all
//! in the one SQLite transaction: a kill at any moment leaves either all of it or none.

use crate::audit::checkpoint::{Checkpoint, Signer};
use crate::audit::merkle::{leaf_hash, Frontier, Hash, Subtrees, STORED_LEVEL_STEP};
use crate::audit::to_hex;
use crate::ids;
use crate::record::{EnvelopeRef, Event};
use crate::CaseError;
use rusqlite::{params, CachedStatement, Connection, OptionalExtension};
use serde::Serialize;
use sha2::{Digest, Sha256};

/// Subtree hashes read from the database: leaves, stored nodes, and levels between stored
/// ones combined from the level below (at most 128 hashes).
pub(crate) struct DbSubtrees<'c> {
    pub conn: &'c Connection,
}

impl Subtrees for DbSubtrees<'_> {
    type Error = CaseError;

    fn subtree(&mut self, level: u32, index: u64) -> Result<Hash, CaseError> {
        let base = level / STORED_LEVEL_STEP * STORED_LEVEL_STEP;
        let count = 1u64 << (level - base);
        let first = index << (level - base);
        let mut hashes: Vec<Hash> = Vec::with_capacity(count as usize);
        let missing = || {
            CaseError::Tampered(crate::audit::Tamper::new(
                Some(index << level),
                format!("the Merkle tree lacks the hashes of records from {} (level {base})", index << level),
            ))
        };
        let mut read = |sql: &str, p: &[&dyn rusqlite::ToSql]| -> Result<(), CaseError> {
            let mut stmt = self.conn.prepare_cached(sql)?;
            let mut rows = stmt.query(p)?;
            while let Some(row) = rows.next()? {
                let blob: Vec<u8> = row.get(0)?;
                hashes.push(blob.try_into().map_err(|_| missing())?);
            }
            Ok(())
        };
        let (lo, hi) = (first as i64, (first + count) as i64);
        if base == 0 {
            read("SELECT hash FROM leaves WHERE seq >= ?1 AND seq < ?2 ORDER BY seq", &[&lo, &hi])?;
        } else {
            read(
                "SELECT hash FROM nodes WHERE level = ?1 AND idx >= ?2 AND idx < ?3 ORDER BY idx",
                &[&base, &lo, &hi],
            )?;
        }
        if hashes.len() as u64 != count {
            return Err(missing());
        }
        while hashes.len() > 1 {
            hashes = hashes.chunks(2).map(|p| crate::audit::merkle::node_hash(&p[0], &p[1])).collect();
        }
        Ok(hashes[0])
    }
}

/// The number of records in the log.
pub(crate) fn log_size(conn: &Connection) -> Result<u64, CaseError> {
    Ok(conn.query_row("SELECT COALESCE(MAX(seq) + 1, 0) FROM leaves", [], |r| r.get::<_, i64>(0))? as u64)
}

/// Appends records within one transaction.
pub(crate) struct Writer<'t> {
    pub(crate) conn: &'t Connection,
    signer: &'t Signer,
    frontier: Frontier,
    start: u64,
    at: String,
    /// Secret of this transaction from which each record's salt is derived (SHA-256 of it
    /// and the record's number): one call for randomness per transaction, not per record.
    salt_seed: [u8; 32],
    nodes: Vec<(u32, u64, Hash)>,
    /// The statements every record runs, held for the transaction rather than taken from
    /// the statement cache per record (a batch chunk appends thousands of records, and each
    /// trip through the cache hashes the statement's text).
    insert_event: CachedStatement<'t>,
    insert_leaf: CachedStatement<'t>,
    find_request: CachedStatement<'t>,
}

impl<'t> Writer<'t> {
    pub(crate) fn new(
        conn: &'t Connection,
        signer: &'t Signer,
        frontier: Frontier,
    ) -> Result<Writer<'t>, CaseError> {
        let mut salt_seed = [0u8; 32];
        getrandom::fill(&mut salt_seed)
            .map_err(|e| CaseError::Io(format!("no randomness for salts: {e}")))?;
        Ok(Writer {
            conn,
            signer,
            start: frontier.size(),
            frontier,
            at: crate::time::now(),
            salt_seed,
            nodes: Vec::new(),
            insert_event: conn.prepare_cached(
                "INSERT INTO events (seq, kind, body, personal, salt) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?,
            insert_leaf: conn.prepare_cached("INSERT INTO leaves (seq, hash) VALUES (?1, ?2)")?,
            find_request: conn.prepare_cached("SELECT seq FROM screenings WHERE request_id = ?1")?,
        })
    }

    /// The record of the screening recorded with idempotency key `request_id`, if any.
    pub(crate) fn find_request(&mut self, request_id: &str) -> Result<Option<u64>, CaseError> {
        let seq: Option<i64> = self.find_request.query_row([request_id], |r| r.get(0)).optional()?;
        Ok(seq.map(|s| s as u64))
    }

    pub(crate) fn signer(&self) -> &Signer {
        self.signer
    }

    /// The number the next record gets.
    pub(crate) fn next_seq(&self) -> u64 {
        self.frontier.size()
    }

    /// Appends `event` by `actor`, with optional personal data; returns its number.
    pub(crate) fn append<P: Serialize>(
        &mut self,
        actor: &str,
        event: &Event,
        personal: Option<&P>,
    ) -> Result<u64, CaseError> {
        let personal = personal
            .map(serde_json::to_string)
            .transpose()
            .map_err(|e| CaseError::Corrupt(format!("personal data cannot be serialised: {e}")))?;
        self.append_json(actor, event, personal)
    }

    /// [`Writer::append`] with the personal data already serialised as JSON.
    pub(crate) fn append_json(
        &mut self,
        actor: &str,
        event: &Event,
        personal: Option<String>,
    ) -> Result<u64, CaseError> {
        let seq = self.frontier.size();
        let (personal_json, salt, personal_hash) = match personal {
            Some(json) => {
                let mut h = Sha256::new();
                h.update(self.salt_seed);
                h.update(seq.to_le_bytes());
                let salt: [u8; 16] = h.finalize()[..16].try_into().unwrap_or_default();
                let mut h = Sha256::new();
                h.update(salt);
                h.update(json.as_bytes());
                (Some(json), Some(salt), Some(to_hex(&h.finalize())))
            }
            None => (None, None, None),
        };
        let envelope =
            EnvelopeRef { seq, at: &self.at, actor, event, personal_hash: personal_hash.as_deref() };
        let body = serde_json::to_string(&envelope)
            .map_err(|e| CaseError::Corrupt(format!("a record cannot be serialised: {e}")))?;
        let leaf = leaf_hash(body.as_bytes());
        self.insert_event.execute(params![
            seq as i64,
            event.kind(),
            body,
            personal_json,
            salt.as_ref().map(|s| &s[..])
        ])?;
        self.insert_leaf.execute(params![seq as i64, &leaf[..]])?;
        let nodes = &mut self.nodes;
        self.frontier.push(leaf, |level, idx, hash| nodes.push((level, idx, *hash)));
        apply(self.conn, seq, event)?;
        Ok(seq)
    }

    /// Stores the new Merkle nodes and signs a checkpoint when records were appended.
    pub(crate) fn finish(self) -> Result<(Frontier, Option<Checkpoint>), CaseError> {
        let mut insert =
            self.conn.prepare_cached("INSERT INTO nodes (level, idx, hash) VALUES (?1, ?2, ?3)")?;
        for (level, idx, hash) in &self.nodes {
            insert.execute(params![level, *idx as i64, &hash[..]])?;
        }
        if self.frontier.size() == self.start {
            return Ok((self.frontier, None));
        }
        let root = self.frontier.root();
        let checkpoint = self.signer.sign(self.frontier.size(), &root, self.at.clone());
        let signature = crate::audit::merkle::bytes_from_hex(&checkpoint.signature).unwrap_or_default();
        self.conn.execute(
            "INSERT INTO checkpoints (size, root, at, key_id, signature) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![checkpoint.size as i64, &root[..], checkpoint.at, checkpoint.key_id, signature],
        )?;
        Ok((self.frontier, Some(checkpoint)))
    }
}

/// Updates the projections for one record. The only code that writes projections: writers
/// call it as they append, and `verify` calls it to rebuild them from the log.
pub(crate) fn apply(conn: &Connection, seq: u64, event: &Event) -> Result<(), CaseError> {
    let seq = seq as i64;
    let num = |prefix: &str, id: &str| ids::parse(prefix, id).map(|n| n as i64);
    let alert_event = |alert: &str| -> Result<i64, CaseError> {
        let n = num(ids::ALERT, alert)?;
        conn.prepare_cached("INSERT INTO alert_events (alert_num, seq) VALUES (?1, ?2)")?
            .execute(params![n, seq])?;
        Ok(n)
    };
    let set_status = |alert: &str, status: &str| -> Result<(), CaseError> {
        let n = alert_event(alert)?;
        conn.prepare_cached("UPDATE alerts SET status = ?2, last_seq = ?3 WHERE num = ?1")?
            .execute(params![n, status, seq])?;
        Ok(())
    };
    let suppression_event = |s: &str| -> Result<i64, CaseError> {
        let n = num(ids::SUPPRESSION, s)?;
        conn.prepare_cached("INSERT INTO suppression_events (suppression_num, seq) VALUES (?1, ?2)")?
            .execute(params![n, seq])?;
        Ok(n)
    };
    let set_suppression = |s: &str, status: &str| -> Result<(), CaseError> {
        let n = suppression_event(s)?;
        conn.prepare_cached("UPDATE suppressions SET status = ?2, last_seq = ?3 WHERE num = ?1")?
            .execute(params![n, status, seq])?;
        Ok(())
    };
    let subject_event = |subject: &str| -> Result<(), CaseError> {
        conn.prepare_cached("INSERT OR IGNORE INTO subject_events (subject_id, seq) VALUES (?1, ?2)")?
            .execute(params![subject, seq])?;
        Ok(())
    };
    match event {
        Event::LogStarted { .. } | Event::System(_) => {}
        Event::ContextRegistered { context, hash, .. } => {
            conn.prepare_cached("INSERT INTO contexts (num, hash, seq) VALUES (?1, ?2, ?3)")?
                .execute(params![num(ids::CONTEXT, context)?, hash, seq])?;
        }
        Event::Screening(s) => {
            conn.prepare_cached(
                "INSERT INTO screenings (num, seq, subject_id, request_id) VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![num(ids::SCREENING, &s.id)?, seq, s.subject_id, s.request_id])?;
        }
        Event::AlertCreated(a) => {
            let n = num(ids::ALERT, &a.id)?;
            conn.prepare_cached(
                "INSERT INTO alerts (num, seq, subject_id, pair_key, status, last_seq, assignee)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?2, NULL)",
            )?
            .execute(params![n, seq, a.subject_id, a.pair_key, a.status.as_str()])?;
            let mut entity = conn.prepare_cached(
                "INSERT OR IGNORE INTO alert_entities (entity_id, alert_num, delisted_seq) VALUES (?1, ?2, NULL)",
            )?;
            for e in &a.entities {
                entity.execute(params![e.entity_id, n])?;
            }
            alert_event(&a.id)?;
            subject_event(&a.subject_id)?;
        }
        Event::SuppressionUsed { suppression, .. } => {
            suppression_event(suppression)?;
        }
        Event::AlertDecided { alert, to, .. }
        | Event::AlertApproved { alert, to, .. }
        | Event::AlertRejected { alert, to, .. } => set_status(alert, to.as_str())?,
        Event::AlertCommented { alert } | Event::AlertEntityChanged { alert, .. } => {
            let n = alert_event(alert)?;
            conn.prepare_cached("UPDATE alerts SET last_seq = ?2 WHERE num = ?1")?
                .execute(params![n, seq])?;
        }
        Event::AlertAssigned { alert, assignee } => {
            let n = alert_event(alert)?;
            conn.prepare_cached("UPDATE alerts SET assignee = ?2, last_seq = ?3 WHERE num = ?1")?
                .execute(params![n, assignee, seq])?;
        }
        Event::AlertDelisted { alert, entities, to } => {
            set_status(alert, to.as_str())?;
            let n = num(ids::ALERT, alert)?;
            let mut mark = conn.prepare_cached(
                "UPDATE alert_entities SET delisted_seq = ?3 WHERE entity_id = ?1 AND alert_num = ?2",
            )?;
            for e in entities {
                mark.execute(params![e, n, seq])?;
            }
        }
        Event::SuppressionCreated(s) => {
            let n = num(ids::SUPPRESSION, &s.id)?;
            conn.prepare_cached(
                "INSERT INTO suppressions (num, seq, subject_id, pair_key, alert_num, status, last_seq)
                 VALUES (?1, ?2, ?3, ?4, ?5, 'active', ?2)",
            )?
            .execute(params![n, seq, s.subject_id, s.pair_key, num(ids::ALERT, &s.alert)?])?;
            let mut entity = conn.prepare_cached(
                "INSERT INTO suppression_entities (entity_id, suppression_num, delisted_seq) VALUES (?1, ?2, NULL)",
            )?;
            for e in s.entities.keys() {
                entity.execute(params![e, n])?;
            }
            suppression_event(&s.id)?;
            alert_event(&s.alert)?;
            subject_event(&s.subject_id)?;
        }
        Event::SuppressionRevoked { suppression } => set_suppression(suppression, "revoked")?,
        Event::SuppressionSuperseded { suppression, .. } => set_suppression(suppression, "superseded")?,
        Event::SuppressionDelisted { suppression, entities, closed } => {
            let n = num(ids::SUPPRESSION, suppression)?;
            if *closed {
                set_suppression(suppression, "delisted")?;
            } else {
                suppression_event(suppression)?;
            }
            let mut mark = conn.prepare_cached(
                "UPDATE suppression_entities SET delisted_seq = ?3 WHERE entity_id = ?1 AND suppression_num = ?2",
            )?;
            for e in entities {
                mark.execute(params![e, n, seq])?;
            }
        }
        Event::SubjectRegistered { subject_id, fingerprint } => {
            conn.prepare_cached(
                "INSERT INTO subjects (id, seq, registered, fingerprint) VALUES (?1, ?2, 1, ?3)
                 ON CONFLICT (id) DO UPDATE SET seq = ?2, registered = 1, fingerprint = ?3",
            )?
            .execute(params![subject_id, seq, fingerprint])?;
            subject_event(subject_id)?;
        }
        Event::SubjectRemoved { subject_id } => {
            conn.prepare_cached("UPDATE subjects SET seq = ?2, registered = 0 WHERE id = ?1")?
                .execute(params![subject_id, seq])?;
            subject_event(subject_id)?;
        }
        Event::SettingsChanged { after, .. } => {
            let value = serde_json::to_string(after).unwrap_or_default();
            conn.prepare_cached(
                "INSERT INTO settings (name, value, seq) VALUES ('settings', ?1, ?2)
                 ON CONFLICT (name) DO UPDATE SET value = ?1, seq = ?2",
            )?
            .execute(params![value, seq])?;
        }
        Event::Erasure { subject_id, .. } => subject_event(subject_id)?,
        Event::BatchChunk { run, last_line, .. } => {
            // Chunks of a run are recorded in input order; a resumed run records only after
            // the last line, so the newest chunk holds the run's last line.
            conn.prepare_cached(
                "INSERT INTO batch_runs (run, last_line, seq) VALUES (?1, ?2, ?3)
                 ON CONFLICT (run) DO UPDATE SET last_line = ?2, seq = ?3",
            )?
            .execute(params![run, *last_line as i64, seq])?;
        }
    }
    Ok(())
}

/// The record numbered `seq`, parsed.
pub(crate) fn read_envelope(conn: &Connection, seq: u64) -> Result<crate::record::Envelope, CaseError> {
    let body: Option<String> = conn
        .prepare_cached("SELECT body FROM events WHERE seq = ?1")?
        .query_row([seq as i64], |r| r.get(0))
        .optional()?;
    let body = body
        .ok_or_else(|| CaseError::not_found(crate::RecordKind::AuditRecord, ids::format(ids::EVENT, seq)))?;
    serde_json::from_str(&body).map_err(|e| CaseError::corrupt_json(&format!("audit record {seq}"), e))
}

/// The personal part of record `seq`, or `None` when it has none or it was erased.
pub(crate) fn read_personal<T: serde::de::DeserializeOwned>(
    conn: &Connection,
    seq: u64,
) -> Result<Option<T>, CaseError> {
    let text: Option<Option<String>> = conn
        .prepare_cached("SELECT personal FROM events WHERE seq = ?1")?
        .query_row([seq as i64], |r| r.get(0))
        .optional()?;
    match text.flatten() {
        None => Ok(None),
        Some(t) => serde_json::from_str(&t)
            .map(Some)
            .map_err(|e| CaseError::corrupt_json(&format!("personal data of audit record {seq}"), e)),
    }
}
