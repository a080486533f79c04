//! The delta planner: from the versions a subject was last screened with to the versions in
//! force, which entities were added or changed (to screen) and which were removed (to delist).

use crate::MonitorError;
use embargo_store::{ListVersion, Store, VersionRef};
use std::collections::{BTreeMap, BTreeSet};

/// What changed from one set of versions to the versions in force.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Delta {
    /// Entities added or changed (to screen against), sorted.
    pub changed: BTreeSet<String>,
    /// Entities removed (their alerts close as delisted), sorted.
    pub removed: BTreeSet<String>,
    /// Lists new since the baseline (every entity counts as added).
    pub new_lists: Vec<String>,
}

/// The deltas of a run, one per distinct baseline.
#[derive(Debug, Default)]
pub struct DeltaPlan {
    /// Baseline (`list@v,...`) → delta to the target.
    pub deltas: BTreeMap<String, Delta>,
}

/// `list@version,...` of `versions`, sorted: how versions are written in the state.
pub fn versions_key(versions: &[VersionRef]) -> String {
    let mut labels: Vec<String> = versions.iter().map(ToString::to_string).collect();
    labels.sort();
    labels.join(",")
}

/// Parses [`versions_key`].
pub fn parse_key(key: &str) -> Vec<VersionRef> {
    key.split(',').filter_map(VersionRef::parse).collect()
}

/// The delta from `baseline` (a [`versions_key`]) to `target`.
pub fn delta(store: &Store, baseline: &str, target: &[ListVersion]) -> Result<Delta, MonitorError> {
    let before: BTreeMap<String, u32> =
        parse_key(baseline).into_iter().map(|r| (r.list, r.version)).collect();
    let mut delta = Delta::default();
    for now in target {
        match before.get(&now.list) {
            Some(&v) if v == now.version => {}
            Some(&v) => {
                let diff = store.diff(&now.list, v, now.version)?;
                delta.changed.extend(diff.added.into_iter().map(|e| e.id));
                delta.changed.extend(diff.changed.into_iter().map(|e| e.id));
                delta.removed.extend(diff.removed.into_iter().map(|e| e.id));
            }
            None => delta.new_lists.push(now.list.clone()),
        }
    }
    Ok(delta)
}
