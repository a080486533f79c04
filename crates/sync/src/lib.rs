//! `embargo sync`: bring the store up to date with the lists the publishers publish today.
//!
//! - [`sync`] downloads every configured source ([`config::SyncConfig`], a TOML file in the
//!   data directory created with the official addresses on first use), with timeouts, retries
//!   with exponential backoff, a size cap and sha256 checksums (recorded, and checked when the
//!   config pins one), then imports what arrived through [`embargo_readers::detect`] and
//!   [`embargo_store::Store::import`]. Each source stands alone: when one fails, the others
//!   still update, and the failed one keeps its last good version, reported as stale with its
//!   age. Per-source status (last attempt, last success, last error, file checksums) is kept in
//!   `sync-status.json`, always replaced atomically.
//! - [`import_paths`] imports local files or folders (`embargo sync --from PATH`): a folder such
//!   as `shared/data/lists` imports every list it holds.
//!
//! Downloaded files are kept in `<data dir>/downloads/<source id>/`: the last good download of
//! each source, replaced only once a new one has been imported.
//!
//! ```no_run
//! use embargo_store::Store;
//! use embargo_sync::{config::SyncConfig, sync};
//! use std::path::Path;
//!
//! let data_dir = Path::new("/var/lib/embargo");
//! let store = Store::open(data_dir).unwrap();
//! let config = SyncConfig::load_or_create(&SyncConfig::path_in(data_dir)).unwrap();
//! let report = sync(data_dir, &store, &config, &[]).unwrap();
//! for source in &report.sources {
//!     println!("{}: {}", source.id, source.summary());
//! }
//! ```

pub mod config;
pub mod fetch;
pub mod status;

use config::{Source, SyncConfig};
use embargo_errors::{Code, ErrorCode};
use embargo_readers::detect::{detect, ListFiles, Skipped};
use embargo_store::{ImportStatus, Store, StoreError};
use serde::Serialize;
use status::{FileRecord, SourceStatus, SyncStatus};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A failure that stops a whole sync (as opposed to one source failing).
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error("{}: {source}", path.display())]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{}: {message}", path.display())]
    Config { path: PathBuf, message: String },
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Read(#[from] embargo_readers::ReadError),
}

impl SyncError {
    pub(crate) fn io(path: &Path, source: std::io::Error) -> SyncError {
        SyncError::Io { path: path.to_owned(), source }
    }
}

impl ErrorCode for SyncError {
    fn error_code(&self) -> Code {
        match self {
            SyncError::Io { .. } => Code::Io,
            SyncError::Config { .. } => Code::SyncConfig,
            SyncError::Store(e) => e.error_code(),
            SyncError::Read(e) => e.error_code(),
        }
    }
}

/// One list version imported (or found already imported).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Imported {
    pub list: String,
    pub version: u32,
    /// `true` when the files were those of the active version: nothing new stored.
    pub unchanged: bool,
    pub entities: usize,
    pub warnings: usize,
}

/// What happened to one source in a sync.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceReport {
    pub id: String,
    #[serde(flatten)]
    pub outcome: SourceOutcome,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum SourceOutcome {
    /// Every file downloaded and imported.
    Updated { imported: Vec<Imported>, files: Vec<FileRecord>, attempts: u32 },
    /// The source failed; what the store holds of it is stale.
    Failed {
        error: String,
        /// Unix seconds of the last good sync, if there ever was one.
        last_success: Option<u64>,
        /// Seconds since the last good sync.
        stale_for_secs: Option<u64>,
        /// The list versions still in force from the last good sync.
        kept_versions: BTreeMap<String, u32>,
    },
    /// `enabled = false` in the config.
    Disabled,
}

impl SourceReport {
    pub fn failed(&self) -> bool {
        matches!(self.outcome, SourceOutcome::Failed { .. })
    }

    /// One line for people.
    pub fn summary(&self) -> String {
        match &self.outcome {
            SourceOutcome::Updated { imported, .. } => imported
                .iter()
                .map(|i| {
                    let what = if i.unchanged { "unchanged" } else { "new version" };
                    format!(
                        "{} {what} {} ({} entities, {} warnings)",
                        i.list, i.version, i.entities, i.warnings
                    )
                })
                .collect::<Vec<_>>()
                .join("; "),
            SourceOutcome::Failed { error, stale_for_secs, kept_versions, .. } => {
                let kept = if kept_versions.is_empty() {
                    "nothing imported from it yet".to_owned()
                } else {
                    let versions: Vec<String> =
                        kept_versions.iter().map(|(l, v)| format!("{l} version {v}")).collect();
                    format!("keeping {}", versions.join(", "))
                };
                let age = match stale_for_secs {
                    Some(secs) => format!("stale, last good sync {} ago", status::age(*secs)),
                    None => "never synced".to_owned(),
                };
                format!("FAILED: {error}; {kept} ({age})")
            }
            SourceOutcome::Disabled => "disabled in the config".to_owned(),
        }
    }
}

/// The result of [`sync`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SyncReport {
    pub sources: Vec<SourceReport>,
}

impl SyncReport {
    pub fn any_failed(&self) -> bool {
        self.sources.iter().any(SourceReport::failed)
    }
}

/// Downloads and imports every enabled source of `config` (only those in `only` when it is
/// not empty). Fails as a whole only when the status file cannot be read or written; a
/// source's own failure is in its [`SourceReport`].
pub fn sync(
    data_dir: &Path,
    store: &Store,
    config: &SyncConfig,
    only: &[String],
) -> Result<SyncReport, SyncError> {
    for id in only {
        if !config.sources.iter().any(|s| &s.id == id) {
            let known: Vec<&str> = config.sources.iter().map(|s| s.id.as_str()).collect();
            return Err(SyncError::Config {
                path: config::SyncConfig::path_in(data_dir),
                message: format!("no source {id:?} (known: {})", known.join(", ")),
            });
        }
    }
    let status_path = SyncStatus::path_in(data_dir);
    let mut status = SyncStatus::load(&status_path)?;
    let fetcher = fetch::Fetcher::new(config);
    let downloads = data_dir.join("downloads");
    std::fs::create_dir_all(&downloads).map_err(|e| SyncError::io(&downloads, e))?;
    let mut report = SyncReport { sources: Vec::new() };
    for source in config.sources.iter().filter(|s| only.is_empty() || only.contains(&s.id)) {
        if !source.enabled {
            report.sources.push(SourceReport { id: source.id.clone(), outcome: SourceOutcome::Disabled });
            continue;
        }
        let started = status::now_unix();
        let refusal = source.files.iter().find_map(|f| config.refuse_plain_http(&source.id, &f.url));
        let result = match refusal {
            Some(refusal) => Err(refusal),
            None => sync_source(&downloads, store, &fetcher, source),
        };
        let entry = status.sources.entry(source.id.clone()).or_default();
        entry.last_attempt = Some(started);
        let outcome = match result {
            Ok((imported, files, attempts)) => {
                entry.last_success = Some(started);
                entry.last_error = None;
                entry.files = files.clone();
                entry.versions = imported.iter().map(|i| (i.list.clone(), i.version)).collect();
                SourceOutcome::Updated { imported, files, attempts }
            }
            Err(error) => {
                entry.last_error = Some(error.clone());
                failed_outcome(error, entry, started)
            }
        };
        // Saved after every source, so an interrupted sync still records what it did.
        status.save(&status_path)?;
        report.sources.push(SourceReport { id: source.id.clone(), outcome });
    }
    Ok(report)
}

fn failed_outcome(error: String, entry: &SourceStatus, now: u64) -> SourceOutcome {
    SourceOutcome::Failed {
        error,
        last_success: entry.last_success,
        stale_for_secs: entry.last_success.map(|t| now.saturating_sub(t)),
        kept_versions: entry.versions.clone(),
    }
}

type SourceSuccess = (Vec<Imported>, Vec<FileRecord>, u32);

/// Downloads one source into a staging folder, swaps it in as the source's download folder,
/// and imports it; on any failure the previous download folder is put back.
fn sync_source(
    downloads: &Path,
    store: &Store,
    fetcher: &fetch::Fetcher,
    source: &Source,
) -> Result<SourceSuccess, String> {
    let staging = downloads.join(format!(".{}.partial", source.id));
    let current = downloads.join(&source.id);
    let previous = downloads.join(format!(".{}.previous", source.id));
    remove_dir_if_exists(&staging)?;
    std::fs::create_dir_all(&staging).map_err(|e| format!("{}: {e}", staging.display()))?;

    let mut files = Vec::new();
    let mut attempts = 0;
    for file in &source.files {
        let (record, tries) = fetcher.fetch(file, &staging.join(&file.name)).map_err(|e| e.message)?;
        attempts += tries;
        files.push(record);
    }

    remove_dir_if_exists(&previous)?;
    if current.exists() {
        std::fs::rename(&current, &previous).map_err(|e| format!("{}: {e}", current.display()))?;
    }
    std::fs::rename(&staging, &current).map_err(|e| format!("{}: {e}", staging.display()))?;
    match import_folder(store, &current) {
        Ok(imported) => {
            remove_dir_if_exists(&previous).ok();
            Ok((imported, files, attempts))
        }
        Err(err) => {
            // The last good download goes back in place; the failed one is dropped.
            remove_dir_if_exists(&current).ok();
            if previous.exists() {
                std::fs::rename(&previous, &current).ok();
            }
            Err(err)
        }
    }
}

fn remove_dir_if_exists(dir: &Path) -> Result<(), String> {
    match std::fs::remove_dir_all(dir) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(format!("{}: {e}", dir.display())),
    }
}

/// Imports every list found in a freshly downloaded folder; any failure fails the source.
fn import_folder(store: &Store, folder: &Path) -> Result<Vec<Imported>, String> {
    let detection = detect(&[folder.to_owned()]).map_err(|e| e.to_string())?;
    if detection.lists.is_empty() {
        let reasons: Vec<String> =
            detection.skipped.iter().map(|s| format!("{}: {}", s.path.display(), s.reason)).collect();
        return Err(format!("the downloaded files hold no list embargo can read ({})", reasons.join("; ")));
    }
    detection.lists.iter().map(|set| import_set(store, set)).collect()
}

fn import_set(store: &Store, set: &ListFiles) -> Result<Imported, String> {
    let reader = set
        .reader()
        .ok_or_else(|| format!("{}: a custom CSV needs a column mapping", set.files[0].display()))?;
    let outcome = store.import(&set.files, reader.as_ref()).map_err(|e| e.to_string())?;
    Ok(Imported {
        list: outcome.version.list.clone(),
        version: outcome.version.version,
        unchanged: outcome.status == ImportStatus::Unchanged,
        entities: outcome.version.entities,
        warnings: outcome.version.warnings,
    })
}

/// What [`import_paths`] did with each list found.
#[derive(Debug, Clone, PartialEq)]
pub struct LocalImport {
    /// Per list version found: its files and the import result (an error leaves the list's
    /// previous version active).
    pub lists: Vec<(ListFiles, Result<Imported, String>)>,
    /// Files found but not imported, with the reason.
    pub skipped: Vec<Skipped>,
}

impl LocalImport {
    pub fn any_failed(&self) -> bool {
        self.lists.iter().any(|(_, r)| r.is_err())
    }
}

/// Imports the lists in local files or folders (`embargo sync --from PATH`). Each list stands
/// alone: one that fails to import does not stop the others.
pub fn import_paths(store: &Store, paths: &[PathBuf]) -> Result<LocalImport, SyncError> {
    let detection = detect(paths)?;
    let lists = detection
        .lists
        .into_iter()
        .map(|set| {
            let result = import_set(store, &set);
            (set, result)
        })
        .collect();
    Ok(LocalImport { lists, skipped: detection.skipped })
}
