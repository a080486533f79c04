//! Suppressions: listing, reading and revoking them. They are made by final `false_positive`
//! decisions (`alerts`), used by screenings (`screening`) and closed by delisting.

use crate::ids;
use crate::ledger::{read_envelope, read_personal};
use crate::record::{Event, SuppressionRecord, TextPersonal};
use crate::{require, CaseError, CaseStore, RecordKind};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

/// Whether a suppression is in force.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SuppressionStatus {
    /// In force.
    Active,
    /// Revoked by a person.
    Revoked,
    /// Replaced by a newer suppression of the same pair (after a re-review).
    Superseded,
    /// Closed: every entity it covered was removed from its list.
    Delisted,
}

impl SuppressionStatus {
    /// The status in snake case.
    pub fn as_str(self) -> &'static str {
        match self {
            SuppressionStatus::Active => "active",
            SuppressionStatus::Revoked => "revoked",
            SuppressionStatus::Superseded => "superseded",
            SuppressionStatus::Delisted => "delisted",
        }
    }

    /// Parses [`SuppressionStatus::as_str`].
    pub fn parse(text: &str) -> Option<SuppressionStatus> {
        [
            SuppressionStatus::Active,
            SuppressionStatus::Revoked,
            SuppressionStatus::Superseded,
            SuppressionStatus::Delisted,
        ]
        .into_iter()
        .find(|s| s.as_str() == text)
    }
}

/// A suppression with its history.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SuppressionView {
    /// `S12`.
    pub id: String,
    /// The subject.
    pub subject_id: String,
    /// The listed entity or party suppressed.
    pub entity_id: String,
    /// The alert whose false-positive decision made it.
    pub alert: String,
    /// Its status now.
    pub status: SuppressionStatus,
    /// When it was made.
    pub created_at: String,
    /// Who decided the false positive.
    pub decided_by: String,
    /// Who approved it, under four eyes.
    pub approved_by: Option<String>,
    /// The entities it covers.
    pub entities: Vec<String>,
    /// How many screenings it suppressed a hit in.
    pub uses: u64,
    /// (record, time, actor, action, text) of each record about it, oldest first.
    pub history: Vec<(u64, String, String, String, Option<String>)>,
}

/// Which suppressions to list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SuppressionFilter {
    /// Only this status.
    pub status: Option<SuppressionStatus>,
    /// Only this subject.
    pub subject: Option<String>,
    /// Only suppressions after this one (`S12`), for paging.
    pub after: Option<String>,
    /// At most this many (0: no limit).
    pub limit: usize,
}

impl CaseStore {
    /// Suppressions matching `filter`, oldest first.
    pub fn suppressions(&self, filter: &SuppressionFilter) -> Result<Vec<SuppressionView>, CaseError> {
        let after =
            filter.after.as_deref().map(|a| ids::parse(ids::SUPPRESSION, a)).transpose()?.unwrap_or(0);
        let conn = self.conn();
        let limit = if filter.limit == 0 { -1 } else { filter.limit as i64 };
        let nums: Vec<i64> = conn
            .prepare(
                "SELECT num FROM suppressions WHERE num > ?1 AND (?2 IS NULL OR status = ?2)
                 AND (?3 IS NULL OR subject_id = ?3) ORDER BY num LIMIT ?4",
            )?
            .query_map(
                params![after as i64, filter.status.map(|s| s.as_str()), filter.subject, limit],
                |r| r.get(0),
            )?
            .collect::<Result<_, _>>()?;
        nums.into_iter().map(|n| view(&conn, n as u64)).collect()
    }

    /// One suppression by id (`S12`).
    pub fn suppression(&self, id: &str) -> Result<SuppressionView, CaseError> {
        let num = ids::parse(ids::SUPPRESSION, id)?;
        view(&self.conn(), num)
    }

    /// Revokes an active suppression: the pair alerts again at its next screening.
    pub fn revoke_suppression(&self, id: &str, by: &str, reason: &str) -> Result<SuppressionView, CaseError> {
        require(by, "who revokes (`by`)")?;
        require(reason, "a reason for the revocation")?;
        let num = ids::parse(ids::SUPPRESSION, id)?;
        let id = ids::format(ids::SUPPRESSION, num);
        self.write(|w| {
            let status: Option<String> = w
                .conn
                .query_row("SELECT status FROM suppressions WHERE num = ?1", [num as i64], |r| r.get(0))
                .optional()?;
            let status = status.ok_or_else(|| CaseError::not_found(RecordKind::Suppression, &id))?;
            if status != SuppressionStatus::Active.as_str() {
                return Err(CaseError::InvalidTransition(format!(
                    "suppression {id} is {status}: it cannot be revoked"
                )));
            }
            let personal = TextPersonal { text: reason.to_owned() };
            w.append(by, &Event::SuppressionRevoked { suppression: id.clone() }, Some(&personal))?;
            Ok(())
        })?;
        view(&self.conn(), num)
    }
}

fn view(conn: &Connection, num: u64) -> Result<SuppressionView, CaseError> {
    let id = ids::format(ids::SUPPRESSION, num);
    let row: Option<(i64, String)> = conn
        .query_row("SELECT seq, status FROM suppressions WHERE num = ?1", [num as i64], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    let (seq, status) = row.ok_or_else(|| CaseError::not_found(RecordKind::Suppression, &id))?;
    let envelope = read_envelope(conn, seq as u64)?;
    let Event::SuppressionCreated(record) = envelope.event else {
        return Err(CaseError::Corrupt(format!("audit record {seq} is not a suppression")));
    };
    let SuppressionRecord { subject_id, pair_key, alert, decided_by, approved_by, entities, .. } = record;
    let seqs: Vec<i64> = conn
        .prepare_cached("SELECT seq FROM suppression_events WHERE suppression_num = ?1 ORDER BY seq")?
        .query_map([num as i64], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let mut history = Vec::new();
    let mut uses = 0;
    for seq in seqs {
        let e = read_envelope(conn, seq as u64)?;
        if matches!(e.event, Event::SuppressionUsed { .. }) {
            uses += 1;
            continue;
        }
        let text = read_personal::<TextPersonal>(conn, seq as u64)?.map(|t| t.text);
        history.push((seq as u64, e.at, e.actor, e.event.kind().to_owned(), text));
    }
    Ok(SuppressionView {
        id,
        subject_id,
        entity_id: pair_key,
        alert,
        status: SuppressionStatus::parse(&status).ok_or_else(|| {
            CaseError::Corrupt(format!("suppression S{num} has an unknown status {status:?}"))
        })?,
        created_at: envelope.at,
        decided_by,
        approved_by,
        entities: entities.into_keys().collect(),
        uses,
        history,
    })
}
