//! Subjects: the monitored base (registered for re-screening when lists change), what was
//! recorded about one subject, and erasure of a subject's personal data.

use crate::alerts::{AlertFilter, AlertSummary};
use crate::fingerprint::Fingerprint;
use crate::ledger::read_personal;
use crate::model::Subject;
use crate::record::Event;
use crate::screening::{screening_view, ScreeningView};
use crate::{require, CaseError, CaseStore, RecordKind};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

/// What registering a subject did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RegisterOutcome {
    /// Not registered before.
    New,
    /// Registered before with other data (a re-screen is due).
    Changed,
    /// Registered with the same data: nothing written.
    Unchanged,
}

/// Everything recorded about one subject.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SubjectView {
    /// The firm's id.
    pub id: String,
    /// The data registered for monitoring, if registered (and not erased).
    pub registered: Option<Subject>,
    /// Its screenings, oldest first.
    pub screenings: Vec<ScreeningView>,
    /// Its alerts, oldest first.
    pub alerts: Vec<AlertSummary>,
}

impl CaseStore {
    /// Registers (or updates) subjects for monitoring, in one transaction. A subject whose
    /// screened data did not change (same fingerprint) writes nothing.
    pub fn register_subjects(
        &self,
        by: &str,
        subjects: &[Subject],
    ) -> Result<Vec<RegisterOutcome>, CaseError> {
        require(by, "who registers (`by`)")?;
        for s in subjects {
            require(&s.id, "a subject's id")?;
        }
        self.write(|w| {
            let key = *w.signer().fingerprint_key();
            let mut out = Vec::with_capacity(subjects.len());
            for subject in subjects {
                let fingerprint = crate::audit::to_hex(
                    &sha2::Sha256::digest(
                        serde_json::to_vec(&Fingerprint::of_subject(subject, &key)).unwrap_or_default(),
                    )[..16],
                );
                let before: Option<(bool, String)> = w
                    .conn
                    .query_row(
                        "SELECT registered, fingerprint FROM subjects WHERE id = ?1",
                        [&subject.id],
                        |r| Ok((r.get(0)?, r.get(1)?)),
                    )
                    .optional()?;
                let outcome = match before {
                    Some((true, f)) if f == fingerprint => RegisterOutcome::Unchanged,
                    Some((true, _)) => RegisterOutcome::Changed,
                    _ => RegisterOutcome::New,
                };
                if outcome != RegisterOutcome::Unchanged {
                    let event = Event::SubjectRegistered { subject_id: subject.id.clone(), fingerprint };
                    w.append(by, &event, Some(subject))?;
                }
                out.push(outcome);
            }
            Ok(out)
        })
    }

    /// Removes a subject from monitoring (its records stay).
    pub fn remove_subject(&self, id: &str, by: &str) -> Result<(), CaseError> {
        require(by, "who removes (`by`)")?;
        self.write(|w| {
            let registered: Option<bool> = w
                .conn
                .query_row("SELECT registered FROM subjects WHERE id = ?1", [id], |r| r.get(0))
                .optional()?;
            if registered != Some(true) {
                return Err(CaseError::not_found(RecordKind::Subject, id));
            }
            w.append::<()>(by, &Event::SubjectRemoved { subject_id: id.to_owned() }, None)?;
            Ok(())
        })
    }

    /// Every registered subject with its data, in id order (erased ones are left out).
    pub fn registered_subjects(&self) -> Result<Vec<Subject>, CaseError> {
        // One query for the whole base (a million subjects for monitoring), not one per subject.
        let conn = self.conn();
        let mut stmt = conn.prepare(
            "SELECT s.seq, e.personal FROM subjects s JOIN events e ON e.seq = s.seq
             WHERE s.registered = 1 AND e.personal IS NOT NULL ORDER BY s.id",
        )?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            let seq: i64 = row.get(0)?;
            let text: String = row.get(1)?;
            out.push(
                serde_json::from_str::<Subject>(&text).map_err(|e| {
                    CaseError::corrupt_json(&format!("personal data of audit record {seq}"), e)
                })?,
            );
        }
        Ok(out)
    }

    /// Everything recorded about a subject: registration, screenings, alerts.
    pub fn subject(&self, id: &str) -> Result<SubjectView, CaseError> {
        let alerts = self.alerts(&AlertFilter { subject: Some(id.to_owned()), ..AlertFilter::default() })?;
        let conn = self.conn();
        let registered_seq: Option<i64> = conn
            .query_row("SELECT seq FROM subjects WHERE id = ?1 AND registered = 1", [id], |r| r.get(0))
            .optional()?;
        let registered = match registered_seq {
            Some(seq) => read_personal::<Subject>(&conn, seq as u64)?,
            None => None,
        };
        let seqs: Vec<i64> = conn
            .prepare("SELECT seq FROM screenings WHERE subject_id = ?1 ORDER BY num")?
            .query_map([id], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let known: bool =
            conn.query_row("SELECT EXISTS (SELECT 1 FROM subjects WHERE id = ?1)", [id], |r| r.get(0))?;
        if seqs.is_empty() && alerts.is_empty() && !known {
            return Err(CaseError::not_found(RecordKind::Subject, id));
        }
        let screenings =
            seqs.into_iter().map(|s| screening_view(&conn, s as u64)).collect::<Result<_, _>>()?;
        Ok(SubjectView { id: id.to_owned(), registered, screenings, alerts })
    }

    /// Erases a subject's personal data on request (names, dates, identifiers as screened,
    /// query names, explanations, free texts of its alerts): the data and its salts are
    /// deleted, the records and their hashes stay, so every proof still holds. The erasure is
    /// itself a record naming the records erased. Returns how many records were erased.
    pub fn erase_subject(&self, id: &str, by: &str) -> Result<usize, CaseError> {
        require(by, "who erases (`by`)")?;
        self.write(|w| {
            let mut seqs: Vec<i64> = Vec::new();
            let mut collect = |sql: &str| -> Result<(), CaseError> {
                let mut stmt = w.conn.prepare(sql)?;
                for s in stmt.query_map(params![id], |r| r.get::<_, i64>(0))? {
                    seqs.push(s?);
                }
                Ok(())
            };
            collect("SELECT seq FROM screenings WHERE subject_id = ?1")?;
            collect("SELECT seq FROM subject_events WHERE subject_id = ?1")?;
            collect(
                "SELECT ae.seq FROM alert_events ae JOIN alerts a ON a.num = ae.alert_num WHERE a.subject_id = ?1",
            )?;
            seqs.sort_unstable();
            seqs.dedup();
            let seqs_found = seqs.len();
            let mut erase =
                w.conn.prepare("UPDATE events SET personal = NULL, salt = NULL WHERE seq = ?1 AND personal IS NOT NULL")?;
            let mut erased = Vec::new();
            for seq in seqs {
                if erase.execute([seq])? > 0 {
                    erased.push(seq as u64);
                }
            }
            if seqs_found == 0 {
                return Err(CaseError::not_found(RecordKind::Subject, id));
            }
            if erased.is_empty() {
                return Ok(0);
            }
            let count = erased.len();
            w.append::<()>(by, &Event::Erasure { subject_id: id.to_owned(), records: erased }, None)?;
            Ok(count)
        })
    }
}

use sha2::Digest as _;
