//! The records of the audit log: one [`Event`] per fact, in an envelope that names its place
//! in the log, its time and who caused it. The envelope's JSON is the exact byte string hashed
//! into the record's Merkle leaf.
//!
//! Personal data (a subject's names, the query names and explanations of hits, the free text
//! of decisions and comments) is not in the body: it sits beside it, and the body holds
//! `personal_hash = SHA-256(salt || personal JSON)` with a random salt kept beside the data. An
//! erasure request deletes the data and the salt; the body, its leaf and every proof stay
//! valid, and the salt makes the hash useless for checking a guessed name.

use crate::fingerprint::Fingerprint;
use crate::model::{AlertStatus, Disposition, Outcome, ReasonCode, ScreeningContext, Settings, Subject};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A record of the log as written: the envelope around an event.
#[derive(Debug, Serialize)]
pub(crate) struct EnvelopeRef<'a> {
    pub seq: u64,
    pub at: &'a str,
    pub actor: &'a str,
    pub event: &'a Event,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub personal_hash: Option<&'a str>,
}

/// A record of the log as read back.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Envelope {
    pub seq: u64,
    pub at: String,
    pub actor: String,
    pub event: Event,
    #[serde(default)]
    pub personal_hash: Option<String>,
}

/// Events of the world outside the case store that belong in the audit log: the CLI and the
/// server record them with [`crate::CaseStore::log_event`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum SystemEvent {
    /// A list version was imported.
    ListImported {
        /// List id.
        list: String,
        /// The new version.
        version: u32,
        /// sha256 of its input files.
        sha256: String,
        /// Entities in it.
        entities: u64,
    },
    /// An import or a download failed; the previous version stays in force.
    ListImportFailed {
        /// The list or source name.
        source: String,
        /// The error, as printed.
        error: String,
    },
    /// An API key was created.
    ApiKeyCreated {
        /// The key's name.
        name: String,
        /// Its roles (`screen`, `review`, `approve`, `admin`).
        roles: Vec<String>,
    },
    /// An API key was revoked.
    ApiKeyRevoked {
        /// The key's name.
        name: String,
    },
    /// The self-test of a list version after its import: a deck of its own names, exact and
    /// altered, screened against the lists in force.
    SelfTest {
        /// List id.
        list: String,
        /// The version tested.
        version: u32,
        /// Test names screened.
        cases: u64,
        /// Test names whose entity was found.
        found: u64,
        /// found / cases.
        recall: f64,
        /// The configured floor.
        floor: f64,
        /// recall >= floor.
        passed: bool,
    },
    /// A monitoring run finished: which versions the base was screened against and how.
    MonitoringRun {
        /// The run's id (`M3-1764892800000`), the middle of its screenings' request ids.
        run: String,
        /// `list@version` of every version in force.
        versions: Vec<String>,
        /// Registered subjects.
        subjects: u64,
        /// Screened against the whole lists.
        screened_full: u64,
        /// Screened against the entities added or changed.
        screened_delta: u64,
        /// Screenings recorded (with `--record hits`, only those with a hit).
        recorded: u64,
        /// Alerts created.
        new_alerts: u64,
        /// Alerts closed as delisted.
        delisted_alerts: u64,
    },
    /// A user of the web page was created (`embargo users create`).
    UserCreated {
        /// The user's name.
        name: String,
        /// Its roles (`screen`, `review`, `approve`, `admin`).
        roles: Vec<String>,
    },
}

/// One hit as written in a screening record (its personal part, the query name and the
/// explanation, is kept apart).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordedHit {
    /// `ofac-sdn:33574`.
    pub entity_id: String,
    /// List id.
    pub list: String,
    /// List version.
    pub list_version: u32,
    /// The party the caller grouped it in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub party_id: Option<String>,
    /// 0..1.
    pub score: f64,
    /// The listed name that scored best.
    pub matched_name: String,
    /// The entity's content hash.
    pub content_hash: String,
    /// What became of it.
    pub disposition: Disposition,
}

/// The personal part of one hit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HitPersonal {
    /// The query name that scored best.
    pub query_name: String,
    /// The matcher's explanation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explanation: Option<serde_json::Value>,
}

/// A screening record's body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct ScreeningRecord {
    pub id: String,
    pub subject_id: String,
    pub context: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    /// The input line of a batch run's screening; the run is named by the `batch_chunk`
    /// record that follows the chunk's screenings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub batch_line: Option<u64>,
    /// Keyed hash of the subject as screened (reproducibility without the data).
    pub input_hash: String,
    pub hits: Vec<RecordedHit>,
}

/// The personal part of a screening.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct ScreeningPersonal {
    pub subject: Subject,
    pub hits: Vec<HitPersonal>,
}

/// One listed entity of an alert.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AlertEntity {
    /// `ofac-sdn:33574`.
    pub entity_id: String,
    /// List id.
    pub list: String,
    /// List version.
    pub list_version: u32,
    /// Its best score.
    pub score: f64,
    /// The listed name that scored best.
    pub matched_name: String,
    /// Content hash of the entity as listed.
    pub content_hash: String,
    /// Fingerprint of its matching fields.
    pub fingerprint: Fingerprint,
}

/// What changed since a pair was cleared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    /// `subject`, `entity` (a listed entity's fields changed) or `new_entity` (an entity the
    /// suppression did not cover joined the party).
    pub side: String,
    /// The entity, for `entity` and `new_entity`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity_id: Option<String>,
    /// The field groups that differ ([`Fingerprint::changed_fields`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<String>,
}

/// Why an alert is a re-review, and of what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReReview {
    /// The suppression that no longer covers the pair.
    pub suppression: String,
    /// The alert whose `false_positive` decision made it.
    pub previous_alert: String,
    /// What changed.
    pub changes: Vec<Change>,
}

/// An alert's body at creation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct AlertRecord {
    pub id: String,
    pub subject_id: String,
    /// The party id, or the entity id of a single-entity alert.
    pub pair_key: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub party_id: Option<String>,
    pub screening: String,
    pub status: AlertStatus,
    pub score: f64,
    pub subject_fingerprint: Fingerprint,
    pub entities: Vec<AlertEntity>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub re_review: Option<ReReview>,
}

/// A suppression's body at creation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct SuppressionRecord {
    pub id: String,
    pub subject_id: String,
    pub pair_key: String,
    pub alert: String,
    pub decided_by: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approved_by: Option<String>,
    pub subject_fingerprint: Fingerprint,
    pub entities: BTreeMap<String, Fingerprint>,
}

/// Free text kept as personal data (reasons, comments).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct TextPersonal {
    pub text: String,
}

/// Every kind of record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "data", rename_all = "snake_case")]
pub(crate) enum Event {
    /// The first record: the key that signs this log's checkpoints.
    LogStarted {
        public_key: String,
        key_id: String,
    },
    ContextRegistered {
        context: String,
        hash: String,
        value: ScreeningContext,
    },
    Screening(ScreeningRecord),
    AlertCreated(AlertRecord),
    SuppressionUsed {
        suppression: String,
        screening: String,
    },
    AlertDecided {
        alert: String,
        from: AlertStatus,
        outcome: Outcome,
        to: AlertStatus,
        codes: Vec<ReasonCode>,
    },
    AlertApproved {
        alert: String,
        decision: u64,
        to: AlertStatus,
    },
    AlertRejected {
        alert: String,
        decision: u64,
        to: AlertStatus,
    },
    AlertCommented {
        alert: String,
    },
    AlertAssigned {
        alert: String,
        assignee: Option<String>,
    },
    AlertDelisted {
        alert: String,
        entities: Vec<String>,
        to: AlertStatus,
    },
    /// A listed entity of an open alert changed: what the subject scores against it now
    /// (the alert keeps its status).
    AlertEntityChanged {
        alert: String,
        entity: String,
        /// `list@version` read.
        version: String,
        /// The field groups changed since the alert last knew the entity.
        fields: Vec<String>,
        fingerprint: Fingerprint,
        score: Option<f64>,
        threshold: f64,
    },
    SuppressionCreated(SuppressionRecord),
    SuppressionRevoked {
        suppression: String,
    },
    SuppressionDelisted {
        suppression: String,
        entities: Vec<String>,
        closed: bool,
    },
    SuppressionSuperseded {
        suppression: String,
        by: String,
    },
    SubjectRegistered {
        subject_id: String,
        fingerprint: String,
    },
    SubjectRemoved {
        subject_id: String,
    },
    SettingsChanged {
        before: Settings,
        after: Settings,
    },
    Erasure {
        subject_id: String,
        records: Vec<u64>,
    },
    System(SystemEvent),
    /// A chunk of batch run `run` recorded: the screenings `first_screening` to
    /// `last_screening` just before this record, of input lines `first_line` to `last_line`.
    BatchChunk {
        run: String,
        first_line: u64,
        last_line: u64,
        first_screening: String,
        last_screening: String,
    },
}

impl Event {
    /// The kind, as the `events.kind` column and exports show it.
    pub(crate) fn kind(&self) -> &'static str {
        match self {
            Event::LogStarted { .. } => "log_started",
            Event::ContextRegistered { .. } => "context_registered",
            Event::Screening(_) => "screening",
            Event::AlertCreated(_) => "alert_created",
            Event::SuppressionUsed { .. } => "suppression_used",
            Event::AlertDecided { .. } => "alert_decided",
            Event::AlertApproved { .. } => "alert_approved",
            Event::AlertRejected { .. } => "alert_rejected",
            Event::AlertCommented { .. } => "alert_commented",
            Event::AlertAssigned { .. } => "alert_assigned",
            Event::AlertDelisted { .. } => "alert_delisted",
            Event::AlertEntityChanged { .. } => "alert_entity_changed",
            Event::SuppressionCreated(_) => "suppression_created",
            Event::SuppressionRevoked { .. } => "suppression_revoked",
            Event::SuppressionDelisted { .. } => "suppression_delisted",
            Event::SuppressionSuperseded { .. } => "suppression_superseded",
            Event::SubjectRegistered { .. } => "subject_registered",
            Event::SubjectRemoved { .. } => "subject_removed",
            Event::SettingsChanged { .. } => "settings_changed",
            Event::Erasure { .. } => "erasure",
            Event::System(_) => "system",
            Event::BatchChunk { .. } => "batch_chunk",
        }
    }
}
