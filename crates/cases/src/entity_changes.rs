//! Open alerts whose listed entity changed. A monitoring run re-checks each: what does the
//! subject, as the alert's screening screened it, score against the entity as listed now?
//! The answer goes into the alert's history (`alert_entity_changed`), so that whoever decides
//! the alert sees that the entry moved under it, which fields changed, and whether the subject
//! still hits it. The alert keeps its status: whether a changed entry still describes the
//! customer is a person's decision, and a score under the threshold is evidence for it, not the
//! decision. (Suppressions need no such step: a suppressed pair whose entity changed alerts
//! again as `re_review` the next time it hits, and never hits silently.)

use crate::alerts::load;
use crate::fingerprint::Fingerprint;
use crate::ids;
use crate::ledger::{read_envelope, read_personal};
use crate::model::Subject;
use crate::record::{Event, ScreeningPersonal};
use crate::{require, CaseError, CaseStore};
use rusqlite::Connection;

/// An open alert holding a listed entity, with what re-checking it needs.
#[derive(Debug, Clone, PartialEq)]
pub struct AlertOnEntity {
    /// `A12`.
    pub alert: String,
    /// The listed entity.
    pub entity_id: String,
    /// The entity's fingerprint as the alert last knew it: at its creation, or at its last
    /// re-check.
    pub known: Fingerprint,
    /// The subject as the alert's screening screened it (`None` once erased).
    pub subject: Option<Subject>,
}

/// What a re-check of one alert's entity found.
#[derive(Debug, Clone, PartialEq)]
pub struct EntityRecheck {
    /// `A12`.
    pub alert: String,
    /// The listed entity.
    pub entity_id: String,
    /// The list version it is read from (`un@2`).
    pub version: String,
    /// Its fingerprint now.
    pub fingerprint: Fingerprint,
    /// The subject's best score against it now; `None` when none of its names comes near.
    pub score: Option<f64>,
    /// The threshold of the run.
    pub threshold: f64,
}

impl CaseStore {
    /// The alerts not yet closed that hold any of `entity_ids` (still listed in them), one
    /// row per alert and entity, in alert order.
    pub fn open_alerts_on(&self, entity_ids: &[String]) -> Result<Vec<AlertOnEntity>, CaseError> {
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(
            "SELECT alert_num FROM alert_entities WHERE entity_id = ?1 AND delisted_seq IS NULL",
        )?;
        let mut pairs: Vec<(u64, &String)> = Vec::new();
        for entity in entity_ids {
            for num in stmt.query_map([entity], |r| r.get::<_, i64>(0))? {
                pairs.push((num? as u64, entity));
            }
        }
        pairs.sort();
        pairs.dedup();
        let mut out = Vec::new();
        for (num, entity) in pairs {
            let state = load(&conn, &ids::format(ids::ALERT, num))?;
            if state.status.is_closed() {
                continue;
            }
            let Event::AlertCreated(record) = read_envelope(&conn, state.seq)?.event else {
                return Err(CaseError::Corrupt(format!("audit record {} is not an alert", state.seq)));
            };
            let screening: i64 = conn.query_row(
                "SELECT seq FROM screenings WHERE num = ?1",
                [ids::parse(ids::SCREENING, &record.screening)? as i64],
                |r| r.get(0),
            )?;
            let subject = read_personal::<ScreeningPersonal>(&conn, screening as u64)?.map(|p| p.subject);
            out.push(AlertOnEntity {
                known: known_fingerprint(&conn, num, entity)?,
                alert: state.id,
                entity_id: entity.clone(),
                subject,
            });
        }
        Ok(out)
    }

    /// Writes each re-check into its alert's history, unless the alert closed meanwhile or
    /// already knows the entity as it is now (so that a run resumed after a kill writes
    /// nothing twice). Returns the alerts written to.
    pub fn record_entity_rechecks(
        &self,
        by: &str,
        rechecks: &[EntityRecheck],
    ) -> Result<Vec<String>, CaseError> {
        require(by, "who re-checks (`by`)")?;
        self.write(|w| {
            let mut noted = Vec::new();
            for r in rechecks {
                let state = load(w.conn, &r.alert)?;
                if state.status.is_closed() {
                    continue;
                }
                let known = known_fingerprint(w.conn, state.num, &r.entity_id)?;
                if known == r.fingerprint {
                    continue;
                }
                let event = Event::AlertEntityChanged {
                    alert: state.id.clone(),
                    entity: r.entity_id.clone(),
                    version: r.version.clone(),
                    fields: known.changed_fields(&r.fingerprint),
                    fingerprint: r.fingerprint.clone(),
                    score: r.score,
                    threshold: r.threshold,
                };
                w.append::<()>(by, &event, None)?;
                noted.push(state.id);
            }
            Ok(noted)
        })
    }
}

/// The fingerprint of `entity` as alert `num` last knew it: from its latest re-check of the
/// entity, or else from its creation.
fn known_fingerprint(conn: &Connection, num: u64, entity: &str) -> Result<Fingerprint, CaseError> {
    let mut stmt =
        conn.prepare_cached("SELECT seq FROM alert_events WHERE alert_num = ?1 ORDER BY seq DESC")?;
    let seqs: Vec<i64> = stmt.query_map([num as i64], |r| r.get(0))?.collect::<Result<_, _>>()?;
    for seq in seqs {
        match read_envelope(conn, seq as u64)?.event {
            Event::AlertEntityChanged { entity: e, fingerprint, .. } if e == entity => {
                return Ok(fingerprint)
            }
            Event::AlertCreated(record) => {
                return record
                    .entities
                    .into_iter()
                    .find(|e| e.entity_id == entity)
                    .map(|e| e.fingerprint)
                    .ok_or_else(|| {
                        CaseError::Corrupt(format!("alert A{num} does not hold the entity {entity}"))
                    })
            }
            _ => {}
        }
    }
    Err(CaseError::Corrupt(format!("alert A{num} has no creation record")))
}
