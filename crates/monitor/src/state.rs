//! `monitor.sqlite`: which list versions (and which data, under which settings) each subject
//! was last screened with, the runs (to resume one killed), and the self-test results.

use crate::MonitorError;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

/// The state database inside a data directory.
pub const STATE_FILE: &str = "monitor.sqlite";

/// What a subject was last screened with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Screened {
    pub data_hash: String,
    /// `list@version` of every version, sorted, joined by `,`.
    pub versions: String,
    pub settings_hash: String,
    /// The run that screened it last.
    pub run: String,
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
        conn.execute_batch(
            "CREATE TABLE IF NOT EXISTS screened (
                subject_id TEXT PRIMARY KEY,
                data_hash TEXT NOT NULL,
                versions TEXT NOT NULL,
                settings_hash TEXT NOT NULL,
                run TEXT NOT NULL
            );
            CREATE TABLE IF NOT EXISTS runs (
                id TEXT PRIMARY KEY,
                target TEXT NOT NULL,
                settings_hash TEXT NOT NULL,
                full INTEGER NOT NULL,
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
        Ok(State { path, conn: Mutex::new(conn) })
    }

    fn conn(&self) -> MutexGuard<'_, Connection> {
        self.conn.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn err(&self, e: rusqlite::Error) -> MonitorError {
        MonitorError::State { path: self.path.display().to_string(), message: e.to_string() }
    }

    /// Every subject's last screening state.
    pub fn screened(&self) -> Result<HashMap<String, Screened>, MonitorError> {
        let conn = self.conn();
        let mut stmt = conn
            .prepare("SELECT subject_id, data_hash, versions, settings_hash, run FROM screened")
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get(0)?,
                    Screened {
                        data_hash: r.get(1)?,
                        versions: r.get(2)?,
                        settings_hash: r.get(3)?,
                        run: r.get(4)?,
                    },
                ))
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// Records that `subjects` were screened (one transaction).
    pub fn mark_screened(&self, subjects: &[(&str, Screened)]) -> Result<(), MonitorError> {
        let mut conn = self.conn();
        let tx = conn.transaction().map_err(|e| self.err(e))?;
        {
            let mut stmt = tx
                .prepare_cached(
                    "INSERT INTO screened (subject_id, data_hash, versions, settings_hash, run) VALUES (?1, ?2, ?3, ?4, ?5)
                     ON CONFLICT (subject_id) DO UPDATE SET data_hash = ?2, versions = ?3, settings_hash = ?4, run = ?5",
                )
                .map_err(|e| self.err(e))?;
            for (id, s) in subjects {
                stmt.execute(params![id, s.data_hash, s.versions, s.settings_hash, s.run])
                    .map_err(|e| self.err(e))?;
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

    /// The unfinished run for `target` and settings, if one was interrupted; else a new one.
    /// Returns (run id, resumed).
    pub fn start_run(
        &self,
        target: &str,
        settings_hash: &str,
        full: bool,
    ) -> Result<(String, bool), MonitorError> {
        let conn = self.conn();
        let found: Option<String> = conn
            .query_row(
                "SELECT id FROM runs WHERE target = ?1 AND settings_hash = ?2 AND full = ?3 AND finished_at IS NULL
                 ORDER BY started_at DESC LIMIT 1",
                params![target, settings_hash, full],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.err(e))?;
        if let Some(id) = found {
            return Ok((id, true));
        }
        let now = jiff::Timestamp::now();
        let count: i64 =
            conn.query_row("SELECT COUNT(*) FROM runs", [], |r| r.get(0)).map_err(|e| self.err(e))?;
        let id = format!("M{}-{}", count + 1, now.as_millisecond());
        conn.execute(
            "INSERT INTO runs (id, target, settings_hash, full, started_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![id, target, settings_hash, full, format!("{now:.0}")],
        )
        .map_err(|e| self.err(e))?;
        Ok((id, false))
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
                "SELECT target FROM runs WHERE finished_at IS NOT NULL ORDER BY finished_at DESC LIMIT 1",
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
