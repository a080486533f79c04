//! Alerts: listing and reading them, and every change of their state: decisions, four-eyes
//! approvals and rejections, comments, assignment, delisting.
//!
//! | from | action | to |
//! |---|---|---|
//! | open, re_review | escalate | escalated |
//! | open, re_review, escalated | true match / false positive, no approval needed | true_match / false_positive |
//! | open, re_review, escalated | true match / false positive, four eyes | pending_approval |
//! | pending_approval | approve (another person) | the decision's status |
//! | pending_approval | reject (another person) | the status before the decision |
//! | any but closed | every listed entity delisted | delisted |
//!
//! A final `false_positive` creates a suppression (superseding the pair's earlier one).

use crate::ids;
use crate::ledger::{read_envelope, read_personal, Writer};
use crate::model::{AlertStatus, DecisionRequest, Outcome, ReasonCode};
use crate::record::{
    AlertEntity, AlertRecord, Event, HitPersonal, ReReview, SuppressionRecord, TextPersonal,
};
use crate::screening::next_num;
use crate::{require, settings_in, CaseError, CaseStore, RecordKind};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use std::collections::BTreeMap;

/// An alert in a list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AlertSummary {
    /// `A12`.
    pub id: String,
    /// The subject's id.
    pub subject_id: String,
    /// The listed entity (or the party) alerted on.
    pub entity_id: String,
    /// The party, when hits of several listings were grouped.
    pub party_id: Option<String>,
    /// Its status now.
    pub status: AlertStatus,
    /// The best score.
    pub score: f64,
    /// When it was created, RFC 3339 UTC.
    pub created_at: String,
    /// The screening that created it.
    pub screening: String,
    /// Who it is assigned to.
    pub assignee: Option<String>,
    /// The number of its last record: pass it as `expected_version` to decide.
    pub version: u64,
    /// The listed entities it covers.
    pub entities: Vec<String>,
}

/// One record of an alert's history.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HistoryEntry {
    /// The audit record.
    pub record: u64,
    /// When.
    pub at: String,
    /// Who.
    pub actor: String,
    /// `alert_created`, `alert_decided`, `alert_approved`, ...
    pub action: String,
    /// The status it led to, when it changed the status.
    pub status: Option<AlertStatus>,
    /// The outcome decided, for decisions.
    pub outcome: Option<Outcome>,
    /// Reason codes, for decisions.
    pub codes: Vec<ReasonCode>,
    /// The free text (reason, comment), unless erased.
    pub text: Option<String>,
    /// The assignee, for assignments; the suppression, for suppressions made.
    pub detail: Option<String>,
}

/// An alert with everything an analyst needs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AlertView {
    /// The summary.
    pub summary: AlertSummary,
    /// Each listed entity with its score, matched name, content hash and fingerprint.
    pub entities: Vec<AlertEntity>,
    /// Query names and explanations, per entity; empty once erased.
    pub hits: Vec<HitPersonal>,
    /// For a re-review: the earlier decision and what changed.
    pub re_review: Option<ReReview>,
    /// Every record about the alert, oldest first.
    pub history: Vec<HistoryEntry>,
}

/// Which alerts to list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AlertFilter {
    /// Only this status.
    pub status: Option<AlertStatus>,
    /// Only this subject.
    pub subject: Option<String>,
    /// Only alerts assigned to this person.
    pub assignee: Option<String>,
    /// Only alerts after this one (`A12`), for paging.
    pub after: Option<String>,
    /// At most this many (0: no limit).
    pub limit: usize,
}

/// An alert's current row.
pub(crate) struct State {
    /// `A12`, written the one way.
    pub(crate) id: String,
    pub(crate) num: u64,
    pub(crate) seq: u64,
    pub(crate) status: AlertStatus,
    last_seq: u64,
}

pub(crate) fn load(conn: &Connection, id: &str) -> Result<State, CaseError> {
    let num = ids::parse(ids::ALERT, id)?;
    let row: Option<(i64, String, i64)> = conn
        .query_row("SELECT seq, status, last_seq FROM alerts WHERE num = ?1", [num as i64], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?;
    let (seq, status, last_seq) = row.ok_or_else(|| CaseError::not_found(RecordKind::Alert, id))?;
    let status = AlertStatus::parse(&status)
        .ok_or_else(|| CaseError::Corrupt(format!("alert {id} has an unknown status {status:?}")))?;
    Ok(State { id: ids::format(ids::ALERT, num), num, seq: seq as u64, status, last_seq: last_seq as u64 })
}

/// Refuses when the alert changed since the caller read it, or when it is not in a status
/// that allows the action: a conflict when the caller gave no version (another analyst most
/// likely came first) or an outdated one, an invalid transition when the caller saw the
/// current state.
fn check(
    conn: &Connection,
    id: &str,
    state: &State,
    expected: Option<u64>,
    allowed: &[AlertStatus],
    action: &str,
) -> Result<(), CaseError> {
    let last = || -> Result<String, CaseError> {
        let e = read_envelope(conn, state.last_seq)?;
        Ok(format!("by {} at {}", e.actor, e.at))
    };
    if let Some(v) = expected {
        if v != state.last_seq {
            return Err(CaseError::Conflict {
                alert: id.to_owned(),
                status: state.status,
                message: format!(
                    "alert {id} changed since version {v}: it is now {} (version {}, {}); {action} not recorded",
                    state.status,
                    state.last_seq,
                    last()?
                ),
            });
        }
    }
    if allowed.contains(&state.status) {
        return Ok(());
    }
    if expected.is_some() {
        return Err(CaseError::InvalidTransition(format!(
            "alert {id} is {}: cannot {action} it",
            state.status
        )));
    }
    Err(CaseError::Conflict {
        alert: id.to_owned(),
        status: state.status,
        message: format!("alert {id} is now {} ({}); {action} not recorded", state.status, last()?),
    })
}

impl CaseStore {
    /// Alerts matching `filter`, oldest first.
    pub fn alerts(&self, filter: &AlertFilter) -> Result<Vec<AlertSummary>, CaseError> {
        let after = filter.after.as_deref().map(|a| ids::parse(ids::ALERT, a)).transpose()?.unwrap_or(0);
        let conn = self.conn();
        let mut stmt = conn.prepare(
            "SELECT a.num, a.status, a.last_seq, a.assignee, e.body FROM alerts a JOIN events e ON e.seq = a.seq
             WHERE a.num > ?1 AND (?2 IS NULL OR a.status = ?2) AND (?3 IS NULL OR a.subject_id = ?3)
               AND (?4 IS NULL OR a.assignee = ?4)
             ORDER BY a.num LIMIT ?5",
        )?;
        let limit = if filter.limit == 0 { -1 } else { filter.limit as i64 };
        let rows = stmt.query_map(
            params![after as i64, filter.status.map(|s| s.as_str()), filter.subject, filter.assignee, limit],
            |r| {
                Ok((
                    r.get::<_, String>(1)?,
                    r.get::<_, i64>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, String>(4)?,
                ))
            },
        )?;
        let mut out = Vec::new();
        for row in rows {
            let (status, last_seq, assignee, body) = row?;
            let (record, at) = alert_record(&body)?;
            out.push(summary(record, at, &status, last_seq as u64, assignee)?);
        }
        Ok(out)
    }

    /// One alert with its entities, explanation and history.
    pub fn alert(&self, id: &str) -> Result<AlertView, CaseError> {
        let conn = self.conn();
        alert_view(&conn, id)
    }

    /// Records a decision. With four eyes in force (see [`crate::FourEyes`]) a true match, or
    /// closing an escalated alert, waits as `pending_approval`; a final false positive creates
    /// a suppression. Returns the alert as it now is.
    pub fn decide(&self, request: &DecisionRequest) -> Result<AlertView, CaseError> {
        require(&request.by, "who decides (`by`)")?;
        if request.reason.codes.is_empty() && request.reason.text.trim().is_empty() {
            return Err(CaseError::InvalidRequest(format!(
                "a decision on {} needs a reason: a reason code or some text",
                request.alert
            )));
        }
        let id = self.write(|w| {
            let state = load(w.conn, &request.alert)?;
            let id = state.id.as_str();
            let allowed: &[AlertStatus] = match request.outcome {
                Outcome::Escalate => &[AlertStatus::Open, AlertStatus::ReReview],
                Outcome::TrueMatch | Outcome::FalsePositive => {
                    &[AlertStatus::Open, AlertStatus::ReReview, AlertStatus::Escalated]
                }
            };
            let action = format!("decide {}", request.outcome.status());
            check(w.conn, id, &state, request.expected_version, allowed, &action)?;
            let four_eyes = settings_in(w.conn)?.four_eyes;
            let clearing_escalated = state.status == AlertStatus::Escalated && four_eyes.clear_escalated;
            let needs_approval = match request.outcome {
                Outcome::TrueMatch => four_eyes.true_match || clearing_escalated,
                Outcome::FalsePositive => four_eyes.false_positive || clearing_escalated,
                Outcome::Escalate => false,
            };
            let to = if needs_approval { AlertStatus::PendingApproval } else { request.outcome.status() };
            let event = Event::AlertDecided {
                alert: id.to_owned(),
                from: state.status,
                outcome: request.outcome,
                to,
                codes: request.reason.codes.clone(),
            };
            w.append(&request.by, &event, text(&request.reason.text).as_ref())?;
            if to == AlertStatus::FalsePositive {
                create_suppression(w, &state, &request.by, None)?;
            }
            Ok(state.id.clone())
        })?;
        self.alert(&id)
    }

    /// Approves the decision waiting on `alert`: it takes effect. The approver must not be
    /// the person who decided.
    pub fn approve(
        &self,
        alert: &str,
        by: &str,
        expected_version: Option<u64>,
    ) -> Result<AlertView, CaseError> {
        self.second_look(alert, by, expected_version, None)
    }

    /// Rejects the decision waiting on `alert`: the alert goes back to the status it had
    /// before. The person rejecting must not be the person who decided.
    pub fn reject(
        &self,
        alert: &str,
        by: &str,
        reason: &str,
        expected_version: Option<u64>,
    ) -> Result<AlertView, CaseError> {
        require(reason, "a reason for the rejection")?;
        self.second_look(alert, by, expected_version, Some(reason))
    }

    fn second_look(
        &self,
        alert: &str,
        by: &str,
        expected_version: Option<u64>,
        rejection: Option<&str>,
    ) -> Result<AlertView, CaseError> {
        require(by, "who approves or rejects (`by`)")?;
        let id = self.write(|w| {
            let state = load(w.conn, alert)?;
            let id = state.id.as_str();
            let action =
                if rejection.is_some() { "reject the decision on" } else { "approve the decision on" };
            check(w.conn, id, &state, expected_version, &[AlertStatus::PendingApproval], action)?;
            let (decision, decider, from, outcome) = pending_decision(w.conn, &state)?;
            if decider == by.trim() {
                return Err(CaseError::FourEyes(format!(
                    "{by} decided {} on alert {id} and cannot {} it: four eyes needs a second person",
                    outcome.status(),
                    if rejection.is_some() { "reject" } else { "approve" }
                )));
            }
            match rejection {
                Some(reason) => {
                    let event = Event::AlertRejected { alert: id.to_owned(), decision, to: from };
                    w.append(by, &event, text(reason).as_ref())?;
                }
                None => {
                    let to = outcome.status();
                    w.append::<()>(by, &Event::AlertApproved { alert: id.to_owned(), decision, to }, None)?;
                    if to == AlertStatus::FalsePositive {
                        create_suppression(w, &state, &decider, Some(by))?;
                    }
                }
            }
            Ok(state.id.clone())
        })?;
        self.alert(&id)
    }

    /// Adds a comment to an alert.
    pub fn comment(&self, alert: &str, by: &str, comment: &str) -> Result<AlertView, CaseError> {
        require(by, "who comments (`by`)")?;
        require(comment, "the comment")?;
        let id = self.write(|w| {
            let state = load(w.conn, alert)?;
            w.append(by, &Event::AlertCommented { alert: state.id.clone() }, text(comment).as_ref())?;
            Ok(state.id)
        })?;
        self.alert(&id)
    }

    /// Assigns an alert to a person (`None`: unassigns it).
    pub fn assign(&self, alert: &str, by: &str, assignee: Option<&str>) -> Result<AlertView, CaseError> {
        require(by, "who assigns (`by`)")?;
        let id = self.write(|w| {
            let state = load(w.conn, alert)?;
            if state.status.is_closed() {
                return Err(CaseError::InvalidTransition(format!(
                    "alert {} is {}: nothing to assign",
                    state.id, state.status
                )));
            }
            let event =
                Event::AlertAssigned { alert: state.id.clone(), assignee: assignee.map(str::to_owned) };
            w.append::<()>(by, &event, None)?;
            Ok(state.id)
        })?;
        self.alert(&id)
    }

    /// Entities removed from their lists (the store's diff between two versions): every alert
    /// not yet closed whose entities are all delisted closes as `delisted`, and every active
    /// suppression whose entities are all delisted closes. Returns the alerts and
    /// suppressions closed.
    pub fn delist(&self, by: &str, entity_ids: &[String]) -> Result<(Vec<String>, Vec<String>), CaseError> {
        require(by, "who delists (`by`)")?;
        self.write(|w| {
            let mut closed_alerts = Vec::new();
            for (num, entities) in touched(w.conn, "alert_entities", "alert_num", entity_ids)? {
                let id = ids::format(ids::ALERT, num);
                let state = load(w.conn, &id)?;
                if state.status.is_closed() {
                    continue;
                }
                let remaining = still_listed(w.conn, "alert_entities", "alert_num", num)? - entities.len();
                let to = if remaining == 0 { AlertStatus::Delisted } else { state.status };
                w.append::<()>(by, &Event::AlertDelisted { alert: id.clone(), entities, to }, None)?;
                if to == AlertStatus::Delisted {
                    closed_alerts.push(id);
                }
            }
            let mut closed_suppressions = Vec::new();
            for (num, entities) in touched(w.conn, "suppression_entities", "suppression_num", entity_ids)? {
                let status: String = w.conn.query_row(
                    "SELECT status FROM suppressions WHERE num = ?1",
                    [num as i64],
                    |r| r.get(0),
                )?;
                if status != "active" {
                    continue;
                }
                let remaining =
                    still_listed(w.conn, "suppression_entities", "suppression_num", num)? - entities.len();
                let id = ids::format(ids::SUPPRESSION, num);
                let closed = remaining == 0;
                w.append::<()>(
                    by,
                    &Event::SuppressionDelisted { suppression: id.clone(), entities, closed },
                    None,
                )?;
                if closed {
                    closed_suppressions.push(id);
                }
            }
            Ok((closed_alerts, closed_suppressions))
        })
    }
}

/// The records (alerts or suppressions) that hold any of `entity_ids` not yet delisted, with
/// the entities of each that are delisted now.
fn touched(
    conn: &Connection,
    table: &str,
    column: &str,
    entity_ids: &[String],
) -> Result<BTreeMap<u64, Vec<String>>, CaseError> {
    let mut stmt =
        conn.prepare(&format!("SELECT {column} FROM {table} WHERE entity_id = ?1 AND delisted_seq IS NULL"))?;
    let mut out: BTreeMap<u64, Vec<String>> = BTreeMap::new();
    for entity in entity_ids {
        for num in stmt.query_map([entity], |r| r.get::<_, i64>(0))? {
            let list = out.entry(num? as u64).or_default();
            if !list.contains(entity) {
                list.push(entity.clone());
            }
        }
    }
    Ok(out)
}

fn still_listed(conn: &Connection, table: &str, column: &str, num: u64) -> Result<usize, CaseError> {
    Ok(conn.query_row(
        &format!("SELECT COUNT(*) FROM {table} WHERE {column} = ?1 AND delisted_seq IS NULL"),
        [num as i64],
        |r| r.get::<_, i64>(0),
    )? as usize)
}

fn text(text: &str) -> Option<TextPersonal> {
    (!text.trim().is_empty()).then(|| TextPersonal { text: text.to_owned() })
}

/// The decision waiting on a `pending_approval` alert: its record, who made it, the status
/// before it and its outcome.
fn pending_decision(
    conn: &Connection,
    state: &State,
) -> Result<(u64, String, AlertStatus, Outcome), CaseError> {
    let mut stmt =
        conn.prepare_cached("SELECT seq FROM alert_events WHERE alert_num = ?1 ORDER BY seq DESC")?;
    let seqs: Vec<i64> = stmt.query_map([state.num as i64], |r| r.get(0))?.collect::<Result<_, _>>()?;
    for seq in seqs {
        let e = read_envelope(conn, seq as u64)?;
        if let Event::AlertDecided { from, outcome, to: AlertStatus::PendingApproval, .. } = e.event {
            return Ok((seq as u64, e.actor, from, outcome));
        }
    }
    Err(CaseError::Corrupt(format!("alert A{} waits for approval but no decision is recorded", state.num)))
}

/// Makes the suppression of a final false positive, superseding the pair's active one.
fn create_suppression(
    w: &mut Writer<'_>,
    state: &State,
    decided_by: &str,
    approved_by: Option<&str>,
) -> Result<(), CaseError> {
    let Event::AlertCreated(alert) = read_envelope(w.conn, state.seq)?.event else {
        return Err(CaseError::Corrupt(format!("audit record {} is not an alert", state.seq)));
    };
    let id = ids::format(ids::SUPPRESSION, next_num(w.conn, "suppressions")?);
    let actor = approved_by.unwrap_or(decided_by);
    let active: Vec<i64> = w
        .conn
        .prepare(
            "SELECT num FROM suppressions WHERE subject_id = ?1 AND pair_key = ?2 AND status = 'active'",
        )?
        .query_map(params![alert.subject_id, alert.pair_key], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for num in active {
        let event = Event::SuppressionSuperseded {
            suppression: ids::format(ids::SUPPRESSION, num as u64),
            by: id.clone(),
        };
        w.append::<()>(actor, &event, None)?;
    }
    let record = SuppressionRecord {
        id,
        subject_id: alert.subject_id,
        pair_key: alert.pair_key,
        alert: alert.id,
        decided_by: decided_by.to_owned(),
        approved_by: approved_by.map(str::to_owned),
        subject_fingerprint: alert.subject_fingerprint,
        entities: alert.entities.into_iter().map(|e| (e.entity_id, e.fingerprint)).collect(),
    };
    w.append::<()>(actor, &Event::SuppressionCreated(record), None)?;
    Ok(())
}

fn alert_record(body: &str) -> Result<(AlertRecord, String), CaseError> {
    let envelope: crate::record::Envelope =
        serde_json::from_str(body).map_err(|e| CaseError::corrupt_json("an alert record", e))?;
    match envelope.event {
        Event::AlertCreated(a) => Ok((a, envelope.at)),
        _ => Err(CaseError::Corrupt(format!("audit record {} is not an alert", envelope.seq))),
    }
}

fn summary(
    record: AlertRecord,
    created_at: String,
    status: &str,
    version: u64,
    assignee: Option<String>,
) -> Result<AlertSummary, CaseError> {
    Ok(AlertSummary {
        status: AlertStatus::parse(status).ok_or_else(|| {
            CaseError::Corrupt(format!("alert {} has an unknown status {status:?}", record.id))
        })?,
        id: record.id,
        subject_id: record.subject_id,
        entity_id: record.pair_key,
        party_id: record.party_id,
        score: record.score,
        created_at,
        screening: record.screening,
        assignee,
        version,
        entities: record.entities.iter().map(|e| e.entity_id.clone()).collect(),
    })
}

pub(crate) fn alert_view(conn: &Connection, id: &str) -> Result<AlertView, CaseError> {
    let state = load(conn, id)?;
    let assignee: Option<String> =
        conn.query_row("SELECT assignee FROM alerts WHERE num = ?1", [state.num as i64], |r| r.get(0))?;
    let envelope = read_envelope(conn, state.seq)?;
    let Event::AlertCreated(record) = envelope.event else {
        return Err(CaseError::Corrupt(format!("audit record {} is not an alert", state.seq)));
    };
    let hits: Vec<HitPersonal> = read_personal(conn, state.seq)?.unwrap_or_default();
    let entities = record.entities.clone();
    let re_review = record.re_review.clone();
    let summary = summary(record, envelope.at, state.status.as_str(), state.last_seq, assignee)?;
    let mut history = Vec::new();
    let mut stmt = conn.prepare_cached("SELECT seq FROM alert_events WHERE alert_num = ?1 ORDER BY seq")?;
    let seqs: Vec<i64> = stmt.query_map([state.num as i64], |r| r.get(0))?.collect::<Result<_, _>>()?;
    for seq in seqs {
        history.push(history_entry(conn, seq as u64)?);
    }
    Ok(AlertView { summary, entities, hits, re_review, history })
}

fn history_entry(conn: &Connection, seq: u64) -> Result<HistoryEntry, CaseError> {
    let e = read_envelope(conn, seq)?;
    let mut entry = HistoryEntry {
        record: seq,
        at: e.at,
        actor: e.actor,
        action: e.event.kind().to_owned(),
        status: None,
        outcome: None,
        codes: Vec::new(),
        text: None,
        detail: None,
    };
    let with_text = |entry: &mut HistoryEntry| -> Result<(), CaseError> {
        entry.text = read_personal::<TextPersonal>(conn, seq)?.map(|t| t.text);
        Ok(())
    };
    match e.event {
        Event::AlertCreated(a) => entry.status = Some(a.status),
        Event::AlertDecided { outcome, to, codes, .. } => {
            (entry.status, entry.outcome, entry.codes) = (Some(to), Some(outcome), codes);
            with_text(&mut entry)?;
        }
        Event::AlertApproved { to, .. } => entry.status = Some(to),
        Event::AlertRejected { to, .. } => {
            entry.status = Some(to);
            with_text(&mut entry)?;
        }
        Event::AlertCommented { .. } => with_text(&mut entry)?,
        Event::AlertAssigned { assignee, .. } => entry.detail = assignee,
        Event::AlertDelisted { to, entities, .. } => {
            entry.status = Some(to);
            entry.detail = Some(entities.join(", "));
        }
        Event::SuppressionCreated(s) => entry.detail = Some(s.id),
        Event::AlertEntityChanged { entity, version, fields, score, threshold, .. } => {
            let now = match score {
                Some(s) if s >= threshold => format!("still hits it at {s:.3}"),
                Some(s) => format!("now scores {s:.3} against it, below the threshold {threshold}"),
                None => "no longer comes near any of its names".to_owned(),
            };
            entry.detail =
                Some(format!("{entity} changed in {version} ({}): the subject {now}", fields.join(", ")));
        }
        _ => {}
    }
    Ok(entry)
}
