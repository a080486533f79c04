//! What happened at the last syncs, per source, kept in `sync-status.json` in the data
//! directory. The file is always replaced whole (temp file + rename), so a crash mid-write
//! leaves the previous status, never half a file.

use crate::SyncError;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The status file name inside the data directory.
pub const STATUS_FILE: &str = "sync-status.json";

/// The status of every source ever synced, by source id.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncStatus {
    #[serde(default)]
    pub sources: BTreeMap<String, SourceStatus>,
}

/// The sync history of one source.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceStatus {
    /// Unix seconds of the last attempt, successful or not.
    pub last_attempt: Option<u64>,
    /// Unix seconds of the last attempt that downloaded and imported every file.
    pub last_success: Option<u64>,
    /// The error of the last attempt; `None` when it succeeded.
    pub last_error: Option<String>,
    /// The files of the last good download, with their sha256.
    #[serde(default)]
    pub files: Vec<FileRecord>,
    /// The list versions the last good download gave (`un` → 3).
    #[serde(default)]
    pub versions: BTreeMap<String, u32>,
}

impl SourceStatus {
    /// Whether the last good sync is older than `stale_after_hours` (or never happened) at
    /// `now` (Unix seconds).
    pub fn is_stale(&self, stale_after_hours: u64, now: u64) -> bool {
        match self.last_success {
            Some(t) => now.saturating_sub(t) > stale_after_hours.saturating_mul(3600),
            None => true,
        }
    }
}

/// One downloaded file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileRecord {
    pub name: String,
    pub url: String,
    pub sha256: String,
    pub bytes: u64,
}

impl SyncStatus {
    pub fn path_in(data_dir: &Path) -> PathBuf {
        data_dir.join(STATUS_FILE)
    }

    /// Reads the status; a missing file is an empty status.
    pub fn load(path: &Path) -> Result<SyncStatus, SyncError> {
        match std::fs::read(path) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| SyncError::Config {
                path: path.to_owned(),
                message: format!("unreadable sync status ({e}); delete the file to start afresh"),
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(SyncStatus::default()),
            Err(e) => Err(SyncError::io(path, e)),
        }
    }

    pub fn save(&self, path: &Path) -> Result<(), SyncError> {
        let json = serde_json::to_vec_pretty(self).unwrap_or_default();
        write_atomically(path, &json)
    }
}

/// Writes `bytes` to `path` through a temporary file in the same folder, synced to disk,
/// then renamed over `path`: readers see the old content or the new, never a mix.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), SyncError> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| SyncError::io(dir, e))?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        std::fs::remove_file(&tmp).ok();
        return Err(SyncError::io(path, e));
    }
    Ok(())
}

/// Seconds since the Unix epoch, now.
pub fn now_unix() -> u64 {
    jiff::Timestamp::now().as_second().max(0) as u64
}

/// `1772150400` → `2026-02-27T00:00:00Z`.
pub fn rfc3339(unix: u64) -> String {
    match i64::try_from(unix).ok().and_then(|s| jiff::Timestamp::from_second(s).ok()) {
        Some(t) => format!("{t:.0}"),
        None => format!("{unix} (out of range)"),
    }
}

/// A duration in words: `45s`, `12m`, `5h`, `3d 4h`.
pub fn age(seconds: u64) -> String {
    match seconds {
        s if s < 60 => format!("{s}s"),
        s if s < 3600 => format!("{}m", s / 60),
        s if s < 86_400 => format!("{}h", s / 3600),
        s => format!("{}d {}h", s / 86_400, s % 86_400 / 3600),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unix_seconds_format_as_rfc3339() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(1_772_150_409), "2026-02-27T00:00:09Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
    }

    #[test]
    fn source_is_stale_after_the_configured_hours_or_when_never_synced() {
        let synced = SourceStatus { last_success: Some(1_000), ..SourceStatus::default() };
        assert!(!synced.is_stale(1, 1_000 + 3600));
        assert!(synced.is_stale(1, 1_000 + 3601));
        assert!(SourceStatus::default().is_stale(48, 0));
    }

    #[test]
    fn ages_read_as_words() {
        assert_eq!(age(59), "59s");
        assert_eq!(age(3 * 86_400 + 4 * 3600 + 5), "3d 4h");
    }

    #[test]
    fn status_survives_a_round_trip_and_leaves_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = SyncStatus::path_in(dir.path());
        let mut status = SyncStatus::default();
        status.sources.insert(
            "un".into(),
            SourceStatus { last_attempt: Some(5), last_success: Some(5), ..SourceStatus::default() },
        );
        status.save(&path).unwrap();
        assert_eq!(SyncStatus::load(&path).unwrap(), status);
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, [STATUS_FILE]);
    }
}
