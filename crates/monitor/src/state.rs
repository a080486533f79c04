//! `monitor.sqlite`: which list versions (and which data, under which settings) each subject
//! was last screened with, the runs (to resume one killed), and the self-test results.

use crate::MonitorError;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

/// The state database inside a data directory.
pub const STATE_FILE: &str = "monitor.sqlite";

/// The layout of the state database (`PRAGMA user_version`).
const SCHEMA_VERSION: i64 = 1;

/// What a subject was last screened with: its data's hash and the run (whose target
/// versions and settings it was screened with).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Screened {
    pub data_hash: String,
    /// The run's number (`runs.num`).
    pub run: i64,
}

/// A run's target versions and settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RunInfo {
    pub target: String,
    pub settings_hash: String,
}

/// One self-test of a list version.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SelfTestRow {
    /// List id.
    pub list: String,
    /// Version tested.
    pub version: u32,
    /// Test names screened.
    pub cases: u64,
    /// Test names whose entity was found at the threshold.
    pub found: u64,
    /// found / cases.
    pub recall: f64,
    /// The floor in force when it ran.
    pub floor: f64,
    /// RFC 3339 UTC.
    pub at: String,
}

pub(crate) struct State {
    path: PathBuf,
    conn: Mutex<Connection>,
}

impl State {
    pub fn open(dir: &Path) -> Result<State, MonitorError> {
        let path = dir.join(STATE_FILE);
        let err = |e: rusqlite::Error| MonitorError::State {
            path: path.display().to_string(),
            message: e.to_string(),
        };
        let conn = Connection::open(&path).map_err(err)?;
        conn.busy_timeout(Duration::from_secs(30)).map_err(err)?;
        conn.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(())).map_err(err)?;
        conn.pragma_update(None, "synchronous", "NORMAL").map_err(err)?;
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(err)?;
        if version > SCHEMA_VERSION {
            return Err(MonitorError::State {
                path: path.display().to_string(),
                message: format!(
                    "schema version {version} was written by a newer embargo (this one reads {SCHEMA_VERSION})"
                ),
            });
        }
        conn.execute_batch(
            "CREATE TABLE IF NOT EXISTS screened (
                subject_id TEXT PRIMARY KEY,
                data_hash TEXT NOT NULL,
                run INTEGER NOT NULL
            ) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS runs (
                num INTEGER PRIMARY KEY,
                id TEXT NOT NULL UNIQUE,
                target TEXT NOT NULL,
                settings_hash TEXT NOT NULL,
                full INTEGER NOT NULL,
                resumable INTEGER NOT NULL,
                started_at TEXT NOT NULL,
                finished_at TEXT
            );
            CREATE TABLE IF NOT EXISTS self_tests (
                list TEXT NOT NULL,
                version INTEGER NOT NULL,
                cases INTEGER NOT NULL,
                found INTEGER NOT NULL,
                recall REAL NOT NULL,
                floor REAL NOT NULL,
                at TEXT NOT NULL,
                PRIMARY KEY (list, version)
            );
            CREATE TABLE IF NOT EXISTS settings (name TEXT PRIMARY KEY, value TEXT NOT NULL);",
        )
        .map_err(err)?;
        conn.pragma_update(None, "user_version", SCHEMA_VERSION).map_err(err)?;
        Ok(State { path, conn: Mutex::new(conn) })
    }

    fn conn(&self) -> MutexGuard<'_, Connection> {
        self.conn.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn err(&self, e: rusqlite::Error) -> MonitorError {
        MonitorError::State { path: self.path.display().to_string(), message: e.to_string() }
    }

    /// Every subject's last screening state, in subject id order (the order of
    /// `CaseStore::registered_subjects`, so the two are merged without a hash map).
    pub fn screened(&self) -> Result<Vec<(String, Screened)>, MonitorError> {
        let conn = self.conn();
        let mut stmt = conn
            .prepare("SELECT subject_id, data_hash, run FROM screened ORDER BY subject_id")
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, Screened { data_hash: r.get(1)?, run: r.get(2)? })))
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// The target and settings of every run, by number.
    pub fn runs(&self) -> Result<std::collections::HashMap<i64, RunInfo>, MonitorError> {
        let conn = self.conn();
        let mut stmt =
            conn.prepare("SELECT num, target, settings_hash FROM runs").map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, RunInfo { target: r.get(1)?, settings_hash: r.get(2)? })))
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// Records that `subjects` were screened (one transaction).
    pub fn mark_screened(&self, subjects: &[(&str, &str)], run: i64) -> Result<(), MonitorError> {
        let mut conn = self.conn();
        let tx = conn.transaction().map_err(|e| self.err(e))?;
        {
            let mut stmt = tx
                .prepare_cached(
                    "INSERT INTO screened (subject_id, data_hash, run) VALUES (?1, ?2, ?3)
                     ON CONFLICT (subject_id) DO UPDATE SET data_hash = ?2, run = ?3",
                )
                .map_err(|e| self.err(e))?;
            for (id, hash) in subjects {
                stmt.execute(params![id, hash, run]).map_err(|e| self.err(e))?;
            }
        }
        tx.commit().map_err(|e| self.err(e))
    }

    /// Forgets subjects (removed from monitoring).
    pub fn forget(&self, ids: &[String]) -> Result<(), MonitorError> {
        let conn = self.conn();
        for id in ids {
            conn.execute("DELETE FROM screened WHERE subject_id = ?1", [id]).map_err(|e| self.err(e))?;
        }
        Ok(())
    }

    /// The unfinished resumable run for `target` and settings, if one was interrupted; else a
    /// new one (resumable or not). Returns (run id, run number, resumed).
    pub fn start_run(
        &self,
        target: &str,
        settings_hash: &str,
        full: bool,
        resumable: bool,
    ) -> Result<(String, i64, bool), MonitorError> {
        let conn = self.conn();
        if resumable {
            let found: Option<(String, i64)> = conn
                .query_row(
                    "SELECT id, num FROM runs WHERE target = ?1 AND settings_hash = ?2 AND full = ?3
                     AND resumable = 1 AND finished_at IS NULL ORDER BY num DESC LIMIT 1",
                    params![target, settings_hash, full],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()
                .map_err(|e| self.err(e))?;
            if let Some((id, num)) = found {
                return Ok((id, num, true));
            }
        }
        let now = jiff::Timestamp::now();
        let num: i64 = conn
            .query_row("SELECT COALESCE(MAX(num), 0) + 1 FROM runs", [], |r| r.get(0))
            .map_err(|e| self.err(e))?;
        let id = format!("M{num}-{}", now.as_millisecond());
        conn.execute(
            "INSERT INTO runs (num, id, target, settings_hash, full, resumable, started_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![num, id, target, settings_hash, full, resumable, format!("{now:.0}")],
        )
        .map_err(|e| self.err(e))?;
        Ok((id, num, false))
    }

    /// Marks a run finished.
    pub fn finish_run(&self, id: &str) -> Result<(), MonitorError> {
        let now = format!("{:.0}", jiff::Timestamp::now());
        self.conn()
            .execute("UPDATE runs SET finished_at = ?2 WHERE id = ?1", params![id, now])
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// The target of the last finished run, if any.
    pub fn last_target(&self) -> Result<Option<String>, MonitorError> {
        self.conn()
            .query_row(
                "SELECT target FROM runs WHERE finished_at IS NOT NULL AND resumable = 1 ORDER BY num DESC LIMIT 1",
                [],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    pub fn setting(&self, name: &str) -> Result<Option<String>, MonitorError> {
        self.conn()
            .query_row("SELECT value FROM settings WHERE name = ?1", [name], |r| r.get(0))
            .optional()
            .map_err(|e| self.err(e))
    }

    pub fn set_setting(&self, name: &str, value: &str) -> Result<(), MonitorError> {
        self.conn()
            .execute("INSERT OR REPLACE INTO settings (name, value) VALUES (?1, ?2)", params![name, value])
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    pub fn save_self_test(&self, row: &SelfTestRow) -> Result<(), MonitorError> {
        self.conn()
            .execute(
                "INSERT OR REPLACE INTO self_tests (list, version, cases, found, recall, floor, at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    row.list,
                    row.version,
                    row.cases as i64,
                    row.found as i64,
                    row.recall,
                    row.floor,
                    row.at
                ],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    pub fn self_tests(&self) -> Result<Vec<SelfTestRow>, MonitorError> {
        let conn = self.conn();
        let mut stmt = conn
            .prepare("SELECT list, version, cases, found, recall, floor, at FROM self_tests ORDER BY at DESC, list")
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| {
                Ok(SelfTestRow {
                    list: r.get(0)?,
                    version: r.get(1)?,
                    cases: r.get::<_, i64>(2)? as u64,
                    found: r.get::<_, i64>(3)? as u64,
                    recall: r.get(4)?,
                    floor: r.get(5)?,
                    at: r.get(6)?,
                })
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }
}
