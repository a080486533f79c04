//! Recording screenings: one record per screening, each hit with its disposition, alerts for
//! new pairs, suppressions applied or lifted.

use crate::fingerprint::Fingerprint;
use crate::ids;
use crate::ledger::{read_envelope, read_personal, Writer};
use crate::model::{Disposition, EntityChangePolicy, HitInput, ScreeningContext, ScreeningInput, Subject};
use crate::record::{
    AlertEntity, AlertRecord, Change, Event, HitPersonal, ReReview, RecordedHit, ScreeningPersonal,
    ScreeningRecord, SuppressionRecord,
};
use crate::{settings_in, AlertStatus, CaseError, CaseStore, RecordKind};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// What recording one screening gave.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recorded {
    /// The screening's id (`SCR12`): the HTTP `/match` screening id.
    pub id: String,
    /// The disposition of each input hit, in input order.
    pub hits: Vec<Disposition>,
    /// `true` when a screening with the same `request_id` was recorded before: nothing new
    /// was written, and this is what the first recording gave.
    pub duplicate: bool,
}

impl Recorded {
    /// The alerts this screening created (new and re-review).
    pub fn new_alerts(&self) -> Vec<&str> {
        let mut out: Vec<&str> = self
            .hits
            .iter()
            .filter_map(|d| match d {
                Disposition::NewAlert { alert } | Disposition::ReReview { alert, .. } => Some(alert.as_str()),
                _ => None,
            })
            .collect();
        out.dedup();
        out
    }
}

/// One screening of a batch run: the input line it was read from, and the screening.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BatchScreening {
    /// The line of the run's input the record starts on.
    pub line: u64,
    /// The screening (without a `request_id`: the run and line key it).
    pub screening: ScreeningInput,
}

/// What recording a chunk of a batch run gave.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchChunkRecorded {
    /// The screenings recorded now, in input order.
    pub recorded: Vec<Recorded>,
    /// Screenings of the chunk that an earlier attempt of the run had recorded.
    pub already_recorded: usize,
}

/// A recorded screening, read back.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScreeningView {
    /// `SCR12`.
    pub id: String,
    /// The audit record holding it.
    pub record: u64,
    /// When, RFC 3339 UTC.
    pub at: String,
    /// Who screened.
    pub by: String,
    /// The subject's id.
    pub subject_id: String,
    /// The subject as screened; `None` once erased.
    pub subject: Option<Subject>,
    /// The context's id (`C3`).
    pub context_id: String,
    /// Lists, versions, threshold, algorithm, matcher version, options hash.
    pub context: ScreeningContext,
    /// Keyed hash of the subject as screened.
    pub input_hash: String,
    /// The idempotency key, if one was given.
    pub request_id: Option<String>,
    /// The input line, for a screening of a batch run.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub batch_line: Option<u64>,
    /// Every hit with its disposition.
    pub hits: Vec<RecordedHit>,
    /// The query name and explanation of each hit; empty once erased.
    pub hit_details: Vec<HitPersonal>,
}

/// One hit's personal part, borrowed for writing (the JSON of [`HitPersonal`]).
#[derive(Serialize)]
struct HitPersonalRef<'a> {
    query_name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    explanation: Option<&'a serde_json::Value>,
}

impl CaseStore {
    /// Records one screening; see [`CaseStore::record_screenings`].
    pub fn record_screening(
        &self,
        context: &ScreeningContext,
        input: &ScreeningInput,
    ) -> Result<Recorded, CaseError> {
        let mut out = self.record_screenings(context, std::slice::from_ref(input))?;
        out.pop().ok_or_else(|| CaseError::Corrupt("recording a screening gave no result".into()))
    }

    /// Records many screenings of one context in one transaction (batch runs: one call per
    /// chunk). Each screening is one audit record; each hit group at or above the threshold
    /// opens an alert, joins the pair's open alert, is a known true match, is suppressed, or
    /// re-opens as `re_review` when a suppressed pair changed. All or nothing: an error
    /// leaves no trace of any of them.
    pub fn record_screenings(
        &self,
        context: &ScreeningContext,
        inputs: &[ScreeningInput],
    ) -> Result<Vec<Recorded>, CaseError> {
        validate(context, inputs)?;
        let mut context = context.clone();
        context.lists.sort_by(|a, b| (&a.list, a.version).cmp(&(&b.list, b.version)));
        self.write(|w| {
            let context_id = intern_context(w, &context)?;
            let policy = settings_in(w.conn)?.on_entity_change;
            let mut next = Numbers::read(w.conn)?;
            inputs
                .iter()
                .map(|input| record_one(w, &context_id, &context, policy, &mut next, input, None))
                .collect()
        })
    }

    /// Records a chunk of batch run `run` (`embargo screen --input --record`): each screening
    /// as [`CaseStore::record_screenings`] does, with its input line, then a `batch_chunk`
    /// record naming the run, the lines and the screenings. A run records its chunks in input
    /// order, each in one transaction, so what a run has recorded is all its lines up to the
    /// last one recorded: the lines of `chunk` up to that one (a chunk screened again by a
    /// resumed run) are skipped, found with one lookup rather than one per screening.
    pub fn record_batch_chunk(
        &self,
        context: &ScreeningContext,
        run: &str,
        chunk: &[BatchScreening],
    ) -> Result<BatchChunkRecorded, CaseError> {
        if run.trim().is_empty() {
            return Err(CaseError::InvalidRequest("a batch chunk needs its run's id".into()));
        }
        if let Some(pair) = chunk.windows(2).find(|p| p[1].line <= p[0].line) {
            return Err(CaseError::InvalidRequest(format!(
                "batch run {run}: line {} comes after line {}: a chunk's lines must increase",
                pair[1].line, pair[0].line
            )));
        }
        if let Some(keyed) = chunk.iter().find(|b| b.screening.request_id.is_some()) {
            return Err(CaseError::InvalidRequest(format!(
                "batch run {run}, line {}: a batch screening is keyed by its run and line, not by a request id",
                keyed.line
            )));
        }
        validate_context(context)?;
        for b in chunk {
            validate_input(&b.screening).map_err(|what| {
                CaseError::InvalidRequest(format!("batch run {run}, line {}: {what}", b.line))
            })?;
        }
        let mut context = context.clone();
        context.lists.sort_by(|a, b| (&a.list, a.version).cmp(&(&b.list, b.version)));
        self.write(|w| {
            let done: Option<i64> = w
                .conn
                .query_row("SELECT last_line FROM batch_runs WHERE run = ?1", [run], |r| r.get(0))
                .optional()?;
            let new = match done {
                Some(last) => &chunk[chunk.partition_point(|b| b.line as i64 <= last)..],
                None => chunk,
            };
            let (Some(first), Some(last)) = (new.first(), new.last()) else {
                return Ok(BatchChunkRecorded { recorded: Vec::new(), already_recorded: chunk.len() });
            };
            let context_id = intern_context(w, &context)?;
            let policy = settings_in(w.conn)?.on_entity_change;
            let mut next = Numbers::read(w.conn)?;
            let recorded = new
                .iter()
                .map(|b| record_one(w, &context_id, &context, policy, &mut next, &b.screening, Some(b.line)))
                .collect::<Result<Vec<Recorded>, CaseError>>()?;
            let event = Event::BatchChunk {
                run: run.to_owned(),
                first_line: first.line,
                last_line: last.line,
                first_screening: recorded[0].id.clone(),
                last_screening: recorded[recorded.len() - 1].id.clone(),
            };
            w.append::<()>(&first.screening.by, &event, None)?;
            Ok(BatchChunkRecorded { recorded, already_recorded: chunk.len() - new.len() })
        })
    }

    /// A recorded screening by id (`SCR12`).
    pub fn screening(&self, id: &str) -> Result<ScreeningView, CaseError> {
        let num = ids::parse(ids::SCREENING, id)?;
        let conn = self.conn();
        let seq: Option<i64> = conn
            .query_row("SELECT seq FROM screenings WHERE num = ?1", [num as i64], |r| r.get(0))
            .optional()?;
        let seq = seq.ok_or_else(|| CaseError::not_found(RecordKind::Screening, id))?;
        screening_view(&conn, seq as u64)
    }
}

pub(crate) fn screening_view(conn: &Connection, seq: u64) -> Result<ScreeningView, CaseError> {
    let envelope = read_envelope(conn, seq)?;
    let Event::Screening(s) = envelope.event else {
        return Err(CaseError::Corrupt(format!("audit record {seq} is not a screening")));
    };
    let (context_id, context) = context(conn, &s.context)?;
    let personal: Option<ScreeningPersonal> = read_personal(conn, seq)?;
    let (subject, hit_details) = match personal {
        Some(p) => (Some(p.subject), p.hits),
        None => (None, Vec::new()),
    };
    Ok(ScreeningView {
        id: s.id,
        record: seq,
        at: envelope.at,
        by: envelope.actor,
        subject_id: s.subject_id,
        subject,
        context_id,
        context,
        input_hash: s.input_hash,
        request_id: s.request_id,
        batch_line: s.batch_line,
        hits: s.hits,
        hit_details,
    })
}

fn context(conn: &Connection, id: &str) -> Result<(String, ScreeningContext), CaseError> {
    let num = ids::parse(ids::CONTEXT, id)?;
    let seq: i64 = conn.query_row("SELECT seq FROM contexts WHERE num = ?1", [num as i64], |r| r.get(0))?;
    match read_envelope(conn, seq as u64)?.event {
        Event::ContextRegistered { context, value, .. } => Ok((context, value)),
        _ => Err(CaseError::Corrupt(format!("audit record {seq} is not a screening context"))),
    }
}

fn validate(context: &ScreeningContext, inputs: &[ScreeningInput]) -> Result<(), CaseError> {
    validate_context(context)?;
    for (i, input) in inputs.iter().enumerate() {
        validate_input(input).map_err(|what| {
            CaseError::InvalidRequest(format!("screening {} of {}: {what}", i + 1, inputs.len()))
        })?;
    }
    Ok(())
}

fn validate_context(context: &ScreeningContext) -> Result<(), CaseError> {
    if !(context.threshold.is_finite() && (0.0..=1.0).contains(&context.threshold)) {
        return Err(CaseError::InvalidRequest(format!("threshold {} is outside 0..1", context.threshold)));
    }
    Ok(())
}

/// What is wrong with one screening, if anything.
fn validate_input(input: &ScreeningInput) -> Result<(), String> {
    if input.subject.id.trim().is_empty() {
        return Err("the subject has no id".into());
    }
    if input.by.trim().is_empty() {
        return Err("who screened (`by`) is not given".into());
    }
    for hit in &input.hits {
        if !(hit.score.is_finite() && (0.0..=1.0).contains(&hit.score)) {
            return Err(format!("hit {} has score {} outside 0..1", hit.entity_id, hit.score));
        }
        if hit.entity_id.trim().is_empty() {
            return Err("a hit has no entity id".into());
        }
    }
    Ok(())
}

/// The next number of each kind of record a screening makes, read once per transaction and
/// counted up.
struct Numbers {
    screening: u64,
    alert: u64,
}

impl Numbers {
    fn read(conn: &Connection) -> Result<Numbers, CaseError> {
        Ok(Numbers { screening: next_num(conn, "screenings")?, alert: next_num(conn, "alerts")? })
    }

    fn take(counter: &mut u64) -> u64 {
        *counter += 1;
        *counter - 1
    }
}

/// The next number of the records of a projection table.
pub(crate) fn next_num(conn: &Connection, table: &str) -> Result<u64, CaseError> {
    Ok(conn
        .query_row(&format!("SELECT COALESCE(MAX(num), 0) + 1 FROM {table}"), [], |r| r.get::<_, i64>(0))?
        as u64)
}

/// The context's id, registering it on first use.
fn intern_context(w: &mut Writer<'_>, context: &ScreeningContext) -> Result<String, CaseError> {
    let json = serde_json::to_vec(context)
        .map_err(|e| CaseError::InvalidRequest(format!("screening context: {e}")))?;
    let hash = crate::audit::to_hex(&Sha256::digest(&json));
    let found: Option<i64> =
        w.conn.query_row("SELECT num FROM contexts WHERE hash = ?1", [&hash], |r| r.get(0)).optional()?;
    if let Some(num) = found {
        return Ok(ids::format(ids::CONTEXT, num as u64));
    }
    let id = ids::format(ids::CONTEXT, next_num(w.conn, "contexts")?);
    let event = Event::ContextRegistered { context: id.clone(), hash, value: context.clone() };
    w.append::<()>("embargo", &event, None)?;
    Ok(id)
}

mod erased {
    /// Serialisation to a JSON string behind `dyn`, so one closure serialises any value.
    pub(super) trait Json {
        fn to_json(&self) -> serde_json::Result<String>;
    }
    impl<T: serde::Serialize> Json for T {
        fn to_json(&self) -> serde_json::Result<String> {
            serde_json::to_string(self)
        }
    }
}

/// A pending alert or suppression use, written after the screening record it comes from.
enum Follow {
    Alert(Box<AlertRecord>, Vec<HitPersonal>),
    SuppressionUsed(String),
}

fn record_one(
    w: &mut Writer<'_>,
    context_id: &str,
    context: &ScreeningContext,
    policy: EntityChangePolicy,
    next: &mut Numbers,
    input: &ScreeningInput,
    batch_line: Option<u64>,
) -> Result<Recorded, CaseError> {
    if let Some(request_id) = &input.request_id {
        if let Some(seq) = w.find_request(request_id)? {
            let view = screening_view(w.conn, seq)?;
            return Ok(Recorded {
                id: view.id,
                hits: view.hits.into_iter().map(|h| h.disposition).collect(),
                duplicate: true,
            });
        }
    }
    let key = *w.signer().fingerprint_key();
    let to_json = |value: &dyn erased::Json| {
        value.to_json().map_err(|e| CaseError::InvalidRequest(format!("subject {}: {e}", input.subject.id)))
    };
    let subject_json = to_json(&input.subject)?;
    let mut h = Sha256::new();
    h.update(key);
    h.update(subject_json.as_bytes());
    // 128 bits: the hash tells equal inputs apart; it protects nothing.
    let input_hash = crate::audit::to_hex(&h.finalize()[..16]);
    let id = ids::format(ids::SCREENING, Numbers::take(&mut next.screening));

    let mut dispositions: Vec<Disposition> = vec![Disposition::BelowThreshold; input.hits.len()];
    let mut follows: Vec<Follow> = Vec::new();
    let groups = group_hits(&input.hits, context.threshold);
    if !groups.is_empty() {
        let subject_fp = Fingerprint::of_subject(&input.subject, &key);
        for (pair_key, members) in groups {
            let hits: Vec<&HitInput> = members.iter().map(|&i| &input.hits[i]).collect();
            let (disposition, follow) =
                dispose(w.conn, &id, &input.subject.id, &pair_key, &hits, &subject_fp, policy, next)?;
            for &i in &members {
                dispositions[i] = disposition.clone();
            }
            follows.extend(follow);
        }
    }
    let record = ScreeningRecord {
        id: id.clone(),
        subject_id: input.subject.id.clone(),
        context: context_id.to_owned(),
        request_id: input.request_id.clone(),
        batch_line,
        input_hash,
        hits: input
            .hits
            .iter()
            .zip(&dispositions)
            .map(|(h, d)| RecordedHit {
                entity_id: h.entity_id.clone(),
                list: h.list.clone(),
                list_version: h.list_version,
                party_id: h.party_id.clone(),
                score: h.score,
                matched_name: h.matched_name.clone(),
                content_hash: h.content_hash.clone(),
                disposition: d.clone(),
            })
            .collect(),
    };
    // The personal part is `{"subject":..,"hits":[..]}` (ScreeningPersonal), put together
    // from the subject's JSON made above for the input hash rather than serialised twice.
    let hits: Vec<HitPersonalRef<'_>> = input
        .hits
        .iter()
        .map(|h| HitPersonalRef { query_name: &h.query_name, explanation: h.explanation.as_ref() })
        .collect();
    let personal = format!(r#"{{"subject":{subject_json},"hits":{}}}"#, to_json(&hits)?);
    w.append_json(&input.by, &Event::Screening(record), Some(personal))?;
    for follow in follows {
        match follow {
            Follow::Alert(alert, personal) => {
                w.append(&input.by, &Event::AlertCreated(*alert), Some(&personal))?;
            }
            Follow::SuppressionUsed(suppression) => {
                let event = Event::SuppressionUsed { suppression, screening: id.clone() };
                w.append::<()>(&input.by, &event, None)?;
            }
        }
    }
    Ok(Recorded { id, hits: dispositions, duplicate: false })
}

/// Hits at or above the threshold, grouped by party (or entity), in first-seen order; each
/// group the indexes of its hits.
fn group_hits(hits: &[HitInput], threshold: f64) -> Vec<(String, Vec<usize>)> {
    let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
    for (i, hit) in hits.iter().enumerate() {
        if hit.score < threshold {
            continue;
        }
        let key = hit.party_id.as_deref().unwrap_or(&hit.entity_id);
        match groups.iter_mut().find(|(k, _)| k == key) {
            Some((_, members)) => members.push(i),
            None => groups.push((key.to_owned(), vec![i])),
        }
    }
    groups
}

/// The newest alert of a subject × party (or entity) pair.
const LATEST_ALERT_OF_PAIR: &str =
    "SELECT num, status FROM alerts WHERE subject_id = ?1 AND pair_key = ?2 ORDER BY num DESC LIMIT 1";

/// The suppression in force for a subject × party (or entity) pair.
const ACTIVE_SUPPRESSION_OF_PAIR: &str = "SELECT num, seq FROM suppressions
    WHERE subject_id = ?1 AND pair_key = ?2 AND status = 'active' ORDER BY num DESC LIMIT 1";

/// What becomes of one hit group of a subject.
#[allow(clippy::too_many_arguments)]
fn dispose(
    conn: &Connection,
    screening: &str,
    subject_id: &str,
    pair_key: &str,
    hits: &[&HitInput],
    subject_fp: &Fingerprint,
    policy: EntityChangePolicy,
    next: &mut Numbers,
) -> Result<(Disposition, Option<Follow>), CaseError> {
    let latest: Option<(i64, String)> = conn
        .prepare_cached(LATEST_ALERT_OF_PAIR)?
        .query_row(params![subject_id, pair_key], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    if let Some((num, status)) = &latest {
        let alert = ids::format(ids::ALERT, *num as u64);
        match AlertStatus::parse(status) {
            Some(s) if !s.is_closed() => return Ok((Disposition::OpenAlert { alert }, None)),
            Some(AlertStatus::TrueMatch) => return Ok((Disposition::KnownMatch { alert }, None)),
            Some(_) => {}
            None => {
                return Err(CaseError::Corrupt(format!("alert {alert} has an unknown status {status:?}")))
            }
        }
    }
    let suppression: Option<(i64, i64)> = conn
        .prepare_cached(ACTIVE_SUPPRESSION_OF_PAIR)?
        .query_row(params![subject_id, pair_key], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let mut re_review = None;
    if let Some((num, seq)) = suppression {
        let Event::SuppressionCreated(s) = read_envelope(conn, seq as u64)?.event else {
            return Err(CaseError::Corrupt(format!("audit record {seq} is not a suppression")));
        };
        let changes = changes_since(&s, hits, subject_fp, policy);
        let id = ids::format(ids::SUPPRESSION, num as u64);
        if changes.is_empty() {
            return Ok((
                Disposition::Suppressed { suppression: id.clone() },
                Some(Follow::SuppressionUsed(id)),
            ));
        }
        re_review = Some(ReReview { suppression: id, previous_alert: s.alert, changes });
    }
    let alert_id = ids::format(ids::ALERT, Numbers::take(&mut next.alert));
    let mut entities: Vec<AlertEntity> = Vec::new();
    let mut personal: Vec<HitPersonal> = Vec::new();
    for hit in hits {
        if let Some(e) = entities.iter_mut().find(|e| e.entity_id == hit.entity_id) {
            // The same entity hit by several names of the subject: keep its best.
            if hit.score > e.score {
                e.score = hit.score;
                e.matched_name.clone_from(&hit.matched_name);
            }
            continue;
        }
        entities.push(AlertEntity {
            entity_id: hit.entity_id.clone(),
            list: hit.list.clone(),
            list_version: hit.list_version,
            score: hit.score,
            matched_name: hit.matched_name.clone(),
            content_hash: hit.content_hash.clone(),
            fingerprint: hit.fingerprint.clone(),
        });
        personal
            .push(HitPersonal { query_name: hit.query_name.clone(), explanation: hit.explanation.clone() });
    }
    let disposition = match &re_review {
        Some(r) => Disposition::ReReview { alert: alert_id.clone(), suppression: r.suppression.clone() },
        None => Disposition::NewAlert { alert: alert_id.clone() },
    };
    let alert = AlertRecord {
        id: alert_id,
        subject_id: subject_id.to_owned(),
        pair_key: pair_key.to_owned(),
        party_id: hits.iter().find_map(|h| h.party_id.clone()),
        screening: screening.to_owned(),
        status: if re_review.is_some() { AlertStatus::ReReview } else { AlertStatus::Open },
        score: entities.iter().map(|e| e.score).fold(0.0, f64::max),
        subject_fingerprint: subject_fp.clone(),
        entities,
        re_review,
    };
    Ok((disposition, Some(Follow::Alert(Box::new(alert), personal))))
}

/// What changed since `suppression` was made: the subject's fields, each covered entity's
/// fields (unless the policy keeps suppressions through entity changes), entities it does
/// not cover.
fn changes_since(
    suppression: &SuppressionRecord,
    hits: &[&HitInput],
    subject_fp: &Fingerprint,
    policy: EntityChangePolicy,
) -> Vec<Change> {
    let mut changes = Vec::new();
    if suppression.subject_fingerprint != *subject_fp {
        changes.push(Change {
            side: "subject".into(),
            entity_id: None,
            fields: suppression.subject_fingerprint.changed_fields(subject_fp),
        });
    }
    for hit in hits {
        if changes.iter().any(|c| c.entity_id.as_deref() == Some(hit.entity_id.as_str())) {
            continue;
        }
        match suppression.entities.get(&hit.entity_id) {
            None => changes.push(Change {
                side: "new_entity".into(),
                entity_id: Some(hit.entity_id.clone()),
                fields: vec![],
            }),
            Some(fp) if *fp != hit.fingerprint && policy == EntityChangePolicy::ReReview => {
                changes.push(Change {
                    side: "entity".into(),
                    entity_id: Some(hit.entity_id.clone()),
                    fields: fp.changed_fields(&hit.fingerprint),
                })
            }
            Some(_) => {}
        }
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ListUsed;
    use rusqlite::StatementStatus;

    /// Recording a batch chunk compiled the two lookups of every hit group again (a tenth of
    /// what recording cost): SQLite marked them to be re-planned whenever a text was bound, see
    /// [`crate::tune_statements`].
    #[test]
    fn recording_hits_never_compiles_the_pair_lookups_again() {
        let dir = embargo_testkit::TempDataDir::new();
        let cases = CaseStore::open(dir.path()).unwrap();
        let entity = embargo_testkit::person("un", "QDi.001", "Saeed AGHAJANI").build();
        let context = ScreeningContext {
            lists: vec![ListUsed { list: "un".into(), version: 1, sha256: "9f".repeat(32) }],
            threshold: 0.8,
            algorithm: "alignment".into(),
            matcher_version: "embargo-matcher 0.1.0".into(),
            options_hash: "0d".repeat(32),
            delta_from: None,
        };
        let inputs: Vec<ScreeningInput> = (0..6)
            .map(|n| ScreeningInput {
                subject: Subject {
                    id: format!("C-{n}"),
                    names: vec!["Saeed Aghajani".into()],
                    ..Subject::default()
                },
                by: "batch".into(),
                hits: vec![HitInput::from_entity(&entity, 0.9, "Saeed AGHAJANI", "Saeed Aghajani")],
                request_id: Some(format!("batch:run:{n}")),
            })
            .collect();
        cases.record_screenings(&context, &inputs[..3]).unwrap();
        cases.record_screenings(&context, &inputs[3..]).unwrap();
        let conn = cases.conn();
        for sql in [LATEST_ALERT_OF_PAIR, ACTIVE_SUPPRESSION_OF_PAIR] {
            let statement = conn.prepare_cached(sql).unwrap();
            assert_eq!(statement.get_status(StatementStatus::RePrepare), 0, "{sql}");
        }
    }
}
