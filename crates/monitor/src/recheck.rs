//! Re-checking the open alerts whose listed entity changed: each alert's subject (as its
//! screening screened it) is scored against the entity as listed now, and the answer goes
//! into the alert's history ([`CaseStore::record_entity_rechecks`]). A delta run screens the
//! monitored subjects against the changed entities, but that finds only pairs that still hit:
//! an alert whose entity changed so that it no longer hits (a name corrected, an alias
//! dropped), or whose subject is not monitored at all (a one-off screening), would otherwise
//! wait for a decision on an entry that no longer reads as it did.

use crate::{query_of, MonitorError};
use embargo_cases::{CaseStore, EntityRecheck, Fingerprint};
use embargo_matcher::{Index, ScreenOptions};
use embargo_store::{Store, StoreError};
use std::collections::{BTreeMap, BTreeSet};

/// What re-checking found.
#[derive(Debug, Default)]
pub(crate) struct Rechecked {
    /// Alerts whose entity changed, with the change written into their history.
    pub noted: Vec<String>,
    /// Of those, the alerts whose subject no longer hits the changed entity.
    pub below_threshold: Vec<String>,
}

/// Re-checks the open alerts on `changed` entities against the versions in force.
pub(crate) fn open_alerts(
    store: &Store,
    cases: &CaseStore,
    by: &str,
    changed: &BTreeSet<String>,
    screen: &ScreenOptions,
) -> Result<Rechecked, MonitorError> {
    if changed.is_empty() {
        return Ok(Rechecked::default());
    }
    let ids: Vec<String> = changed.iter().cloned().collect();
    let mut by_entity: BTreeMap<String, Vec<embargo_cases::AlertOnEntity>> = BTreeMap::new();
    for on in cases.open_alerts_on(&ids)? {
        by_entity.entry(on.entity_id.clone()).or_default().push(on);
    }
    // Every score is wanted, however low: the threshold only decides what the note says.
    let options = ScreenOptions { threshold: 0.0, limit: 1, lists: None, ..screen.clone() };
    let mut rechecks = Vec::new();
    for (id, alerts) in by_entity {
        let entity = match store.entity(&id) {
            Ok(entity) => entity,
            // Removed since: delisting closes its alerts.
            Err(StoreError::EntityNotFound(_)) => continue,
            Err(e) => return Err(e.into()),
        };
        let fingerprint = Fingerprint::of_entity(&entity);
        let version = format!("{}@{}", entity.provenance.list, entity.provenance.list_version);
        let index = Index::build(vec![entity]);
        for on in alerts {
            // Unchanged for this alert (it was made on the new version already), or its
            // subject's data was erased: nothing to say.
            let Some(subject) = on.subject.filter(|_| on.known != fingerprint) else { continue };
            let score = index.screen(&query_of(&subject), &options).first().map(|h| h.score);
            rechecks.push(EntityRecheck {
                alert: on.alert,
                entity_id: id.clone(),
                version: version.clone(),
                fingerprint: fingerprint.clone(),
                score,
                threshold: screen.threshold,
            });
        }
    }
    let noted = cases.record_entity_rechecks(by, &rechecks)?;
    let below_threshold = rechecks
        .iter()
        .filter(|r| r.score.is_none_or(|s| s < r.threshold) && noted.contains(&r.alert))
        .map(|r| r.alert.clone())
        .collect();
    Ok(Rechecked { noted, below_threshold })
}
