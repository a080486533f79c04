//! `/match?as_of=WHEN`: screening against past list versions. Loading versions builds an
//! index (seconds), so the last snapshot loaded this way is kept and reused while the same
//! versions are asked for again.

use crate::error::ApiError;
use crate::state::AppState;
use embargo_engine::{AsOf, Selection, Snapshot};
use embargo_store::{Store, VersionRef};
use std::sync::{Arc, Mutex};

/// The last past snapshot loaded, by the versions it holds.
static LAST: Mutex<Option<(Vec<VersionRef>, Arc<Snapshot>)>> = Mutex::new(None);

/// The snapshot of the versions `when` names (blocking: run it on the blocking pool).
pub fn snapshot(state: &AppState, when: &str) -> Result<Arc<Snapshot>, ApiError> {
    let as_of = AsOf::parse(when).map_err(|e| ApiError::from_error(&e))?;
    let store = Store::open(&state.config.data_dir).map_err(|e| ApiError::from_error(&e))?;
    let selection = as_of.selection(&store, None).map_err(|e| ApiError::from_error(&e))?;
    let Selection::Versions(mut refs) = selection else {
        return Err(ApiError::internal("an as-of selection names versions"));
    };
    refs.sort();
    let mut last = LAST.lock().unwrap_or_else(|p| p.into_inner());
    if let Some((held, snapshot)) = last.as_ref() {
        if *held == refs {
            return Ok(snapshot.clone());
        }
    }
    let snapshot = Arc::new(
        Snapshot::load(&store, &Selection::Versions(refs.clone())).map_err(|e| ApiError::from_error(&e))?,
    );
    *last = Some((refs, snapshot.clone()));
    Ok(snapshot)
}
