//! Ongoing monitoring: the firm's base of subjects (registered in the case store) re-screened
//! whenever the lists change, against what changed only.
//!
//! - [`Monitor::register`] registers or updates subjects (`embargo monitor import|add`); a
//!   subject whose screened data changed is screened again in full at the next run, an
//!   unchanged one is not.
//! - [`Monitor::run`] (`embargo monitor run`, and after `import`/`sync`) screens each subject
//!   against the entities *added or changed* since the list versions it was last screened
//!   with: the store's diff between those versions and the active ones gives the entity ids,
//!   a small matcher [`embargo_matcher::Index`] is built over those entities alone, and every
//!   subject is screened against it. Hits go through the case store like any screening, so a
//!   new pair opens an alert, an open pair joins its alert, a suppressed pair stays suppressed
//!   unless its entity changed (then `re_review`). Entities *removed* close their open alerts
//!   as `delisted` ([`embargo_cases::CaseStore::delist`], audited). Open alerts on entities
//!   *changed* are re-checked, monitored subject or not: the subject's score against the
//!   entity as listed now goes into the alert's history, above all when it no longer hits
//!   (`recheck`). New subjects, changed
//!   subjects and `--full` runs screen against the whole snapshot. One screening per subject
//!   and run is recorded, keyed `monitor:<run>:<subject>`: a run killed at any point and run
//!   again resumes under the same run id, and the case store returns the screenings it already
//!   holds instead of recording them (and their alerts) twice.
//! - [`selftest`] screens a deck made from a new list version itself after each import.
//!
//! The monitor's own state (which versions each subject was last screened with, runs, self
//! tests) is kept in `monitor.sqlite` in the data directory; the case store stays the record.

mod plan;
mod recheck;
mod run;
pub mod selftest;
mod state;

pub use plan::{delta, Delta, DeltaPlan};
pub use run::{RunOptions, RunProgress, RunSummary};
pub use selftest::{SelfTestReport, DEFAULT_RECALL_FLOOR};
pub use state::{SelfTestRow, STATE_FILE};

use embargo_cases::{CaseError, CaseStore, RegisterOutcome, Subject};
use embargo_engine::EngineError;
use embargo_errors::{Code, ErrorCode};
use embargo_matcher::Query;
use embargo_model::DateSpec;
use embargo_store::{Store, StoreError};
use sha2::{Digest, Sha256};
use std::path::Path;

/// A monitoring failure, with the stable code of its cause.
#[derive(Debug, thiserror::Error)]
pub enum MonitorError {
    /// The case store failed.
    #[error(transparent)]
    Cases(#[from] CaseError),
    /// Loading lists failed.
    #[error(transparent)]
    Engine(#[from] EngineError),
    /// The list store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The monitor's state database failed.
    #[error("the monitoring state {path}: {message}")]
    State {
        /// `monitor.sqlite`.
        path: String,
        /// What failed.
        message: String,
    },
    /// A file of subjects cannot be read.
    #[error("{0}")]
    Input(String),
}

impl ErrorCode for MonitorError {
    fn error_code(&self) -> Code {
        match self {
            MonitorError::Cases(e) => e.error_code(),
            MonitorError::Engine(e) => e.error_code(),
            MonitorError::Store(e) => e.error_code(),
            MonitorError::State { .. } => Code::Database,
            MonitorError::Input(_) => Code::MonitorInput,
        }
    }
}

/// The monitored base of a data directory: the list store, the case store and the state.
pub struct Monitor<'a> {
    store: &'a Store,
    cases: &'a CaseStore,
    state: state::State,
}

impl<'a> Monitor<'a> {
    /// Opens (creating if needed) the monitoring state in `dir` beside the two stores.
    pub fn open(dir: &Path, store: &'a Store, cases: &'a CaseStore) -> Result<Monitor<'a>, MonitorError> {
        Ok(Monitor { store, cases, state: state::State::open(dir)? })
    }

    /// The list store.
    pub fn store(&self) -> &Store {
        self.store
    }

    /// The case store.
    pub fn cases(&self) -> &CaseStore {
        self.cases
    }

    /// Registers or updates `subjects` (one transaction), by `by`. New and changed subjects
    /// are screened in full at the next [`Monitor::run`]; unchanged ones are left alone.
    pub fn register(&self, by: &str, subjects: &[Subject]) -> Result<Vec<RegisterOutcome>, MonitorError> {
        Ok(self.cases.register_subjects(by, subjects)?)
    }

    /// Removes a subject from monitoring (its records stay); registering it again screens it
    /// in full.
    pub fn remove(&self, id: &str, by: &str) -> Result<(), MonitorError> {
        self.cases.remove_subject(id, by)?;
        self.state.forget(&[id.to_owned()])
    }

    /// Every registered subject, in id order.
    pub fn subjects(&self) -> Result<Vec<Subject>, MonitorError> {
        Ok(self.cases.registered_subjects()?)
    }

    /// The recall floor of the self-test ([`DEFAULT_RECALL_FLOOR`] unless set).
    pub fn recall_floor(&self) -> Result<f64, MonitorError> {
        Ok(self.state.setting("recall_floor")?.and_then(|v| v.parse().ok()).unwrap_or(DEFAULT_RECALL_FLOOR))
    }

    /// Sets the recall floor (0..1).
    pub fn set_recall_floor(&self, floor: f64) -> Result<(), MonitorError> {
        if !(0.0..=1.0).contains(&floor) {
            return Err(MonitorError::Input(format!("recall floor {floor} is outside 0..1")));
        }
        self.state.set_setting("recall_floor", &floor.to_string())
    }

    /// The self-test results recorded, newest first.
    pub fn self_tests(&self) -> Result<Vec<SelfTestRow>, MonitorError> {
        self.state.self_tests()
    }
}

/// The self-test results recorded in data directory `dir`, newest first; none when monitoring
/// never ran there (nothing is created).
pub fn self_tests_in(dir: &Path) -> Result<Vec<SelfTestRow>, MonitorError> {
    if !dir.join(STATE_FILE).exists() {
        return Ok(Vec::new());
    }
    state::State::open(dir)?.self_tests()
}

/// The query that screens `subject`.
pub fn query_of(subject: &Subject) -> Query {
    Query {
        names: subject.names.clone(),
        kind: subject.kind,
        birth_dates: subject.birth_dates.iter().map(|d| DateSpec::parse(d)).collect(),
        countries: subject.countries.clone(),
        identifiers: subject.identifiers.clone(),
        gender: None,
    }
}

/// A hash of what is screened of `subject` (its tags are not screened).
pub fn data_hash(subject: &Subject) -> String {
    let screened = Subject { tags: Vec::new(), ..subject.clone() };
    let json = serde_json::to_vec(&screened).unwrap_or_default();
    hex(&Sha256::digest(&json)[..16])
}

/// A subject from a batch input record (`monitor import`): the record's id, names, kind,
/// dates, countries and identifiers.
pub fn subject_of(record: &embargo_batch::Record, tags: Vec<String>) -> Subject {
    embargo_cases::from_engine::subject(&record.id, &record.query, tags)
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
