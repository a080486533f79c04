//! Opening the store and loading the lists, with the context a person needs when it fails.

use anyhow::Context;
use embargo_engine::{Selection, Snapshot};
use embargo_store::Store;
use std::path::Path;

/// Opens the store in `data_dir`.
pub fn open_store(data_dir: &Path) -> anyhow::Result<Store> {
    Store::open(data_dir).with_context(|| format!("opening the store in {}", data_dir.display()))
}

/// Loads the active versions of `lists` (all when `None`); the engine refuses an empty store
/// and lists that are not imported, naming those that are.
pub fn snapshot(data_dir: &Path, lists: Option<&[String]>) -> anyhow::Result<Snapshot> {
    let store = open_store(data_dir)?;
    let selection = Selection::Active { lists: lists.map(<[String]>::to_vec) };
    Snapshot::load(&store, &selection).map_err(anyhow::Error::new)
}

/// Opens the case store in `data_dir` (and its audit key).
pub fn open_cases(data_dir: &Path) -> anyhow::Result<embargo_cases::CaseStore> {
    embargo_cases::CaseStore::open(data_dir)
        .with_context(|| format!("opening the case store in {}", data_dir.display()))
}

/// What a recorded hit became, in words: `new alert A12`, `suppressed by S3`, ...
pub fn disposition(d: &embargo_cases::Disposition) -> String {
    use embargo_cases::Disposition;
    match d {
        Disposition::BelowThreshold => "below the threshold".into(),
        Disposition::NewAlert { alert } => format!("new alert {alert}"),
        Disposition::ReReview { alert, suppression } => {
            format!("re-review {alert} (no longer covered by {suppression})")
        }
        Disposition::OpenAlert { alert } => format!("alert {alert} already open"),
        Disposition::KnownMatch { alert } => format!("known true match ({alert})"),
        Disposition::Suppressed { suppression } => format!("suppressed by {suppression}"),
    }
}

/// Opens the snapshot file `file` when one is given (checking that it holds `lists`), else
/// loads the active versions of `lists` from the store in `data_dir`.
pub fn snapshot_or_file(
    data_dir: &Path,
    file: Option<&Path>,
    lists: Option<&[String]>,
) -> anyhow::Result<Snapshot> {
    let Some(file) = file else {
        return snapshot(data_dir, lists);
    };
    let snapshot = Snapshot::open_file(file).map_err(anyhow::Error::new)?;
    if let Some(lists) = lists {
        snapshot.check_lists(lists)?;
    }
    Ok(snapshot)
}

/// [`snapshot_or_file`], or the versions `as_of` names when given.
pub fn snapshot_as_of(
    data_dir: &Path,
    file: Option<&Path>,
    lists: Option<&[String]>,
    as_of: Option<&embargo_engine::AsOf>,
) -> anyhow::Result<Snapshot> {
    let Some(as_of) = as_of else {
        return snapshot_or_file(data_dir, file, lists);
    };
    let store = open_store(data_dir)?;
    let selection = as_of.selection(&store, lists)?;
    let snapshot = Snapshot::load(&store, &selection)?;
    if let Some(lists) = lists {
        snapshot.check_lists(lists)?;
    }
    Ok(snapshot)
}

/// Who acts on this machine when no `--by` is given: the login name, else `cli`.
pub fn actor() -> String {
    std::env::var("USER")
        .ok()
        .filter(|u| !u.trim().is_empty())
        .map_or_else(|| "cli".into(), |u| format!("cli:{u}"))
}

/// Writes `events` (imports, failed imports, keys made or revoked) to the audit log. An event
/// that cannot be written is an error: the change happened, and the log must not lose it
/// silently.
pub fn audit(data_dir: &Path, events: Vec<embargo_cases::SystemEvent>) -> anyhow::Result<()> {
    if events.is_empty() {
        return Ok(());
    }
    let cases = open_cases(data_dir)?;
    let actor = actor();
    for event in events {
        cases
            .log_event(&actor, event)
            .context("the change was made, but its audit record could not be written")?;
    }
    Ok(())
}

/// The audit event of one list imported by `embargo import` or `sync`: a new version (or an
/// older publication kept inactive); nothing for files already imported.
pub fn import_event(outcome: &embargo_store::ImportOutcome) -> Option<embargo_cases::SystemEvent> {
    (outcome.status != embargo_store::ImportStatus::Unchanged).then(|| {
        embargo_cases::SystemEvent::ListImported {
            list: outcome.version.list.clone(),
            version: outcome.version.version,
            sha256: outcome.version.sha256.clone(),
            entities: outcome.version.entities as u64,
        }
    })
}
