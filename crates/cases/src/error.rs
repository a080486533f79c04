//! The case store's error type and its stable codes.

use embargo_errors::{Code, ErrorCode};

/// What kind of record an id names, for [`CaseError::NotFound`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordKind {
    /// An alert (`A12`).
    Alert,
    /// A suppression (`S12`).
    Suppression,
    /// A recorded screening (`SCR12`).
    Screening,
    /// A subject (the firm's own id).
    Subject,
    /// A record of the audit log (`E12`, or the id of what it records).
    AuditRecord,
}

impl RecordKind {
    fn as_str(self) -> &'static str {
        match self {
            RecordKind::Alert => "alert",
            RecordKind::Suppression => "suppression",
            RecordKind::Screening => "screening",
            RecordKind::Subject => "subject",
            RecordKind::AuditRecord => "audit record",
        }
    }
}

/// A failure of the case store; its stable code comes from [`ErrorCode`].
#[derive(Debug, thiserror::Error)]
pub enum CaseError {
    /// The database failed (locked too long, disk full, I/O).
    #[error("case store database error: {0}")]
    Database(#[from] rusqlite::Error),
    /// A file of the data directory (the key, the checkpoint file) could not be read or written.
    #[error("{0}")]
    Io(String),
    /// Stored data cannot be read back.
    #[error("{0}")]
    Corrupt(String),
    /// The database was written by a newer embargo.
    #[error("{0}")]
    SchemaTooNew(String),
    /// No record with this id.
    #[error("no {} {id:?} in the case store", kind.as_str())]
    NotFound {
        /// What was looked for.
        kind: RecordKind,
        /// The id asked for.
        id: String,
    },
    /// An argument is invalid (an empty name, a malformed id, a threshold outside 0..1).
    #[error("{0}")]
    InvalidRequest(String),
    /// The alert changed since the caller read it, or is no longer in a state for this action:
    /// another analyst came first. The message names its status now.
    #[error("{message}")]
    Conflict {
        /// The alert's id.
        alert: String,
        /// Its status now.
        status: crate::AlertStatus,
        /// What happened, for people.
        message: String,
    },
    /// The action is not possible from the current status (approving an alert that waits for
    /// no approval, revoking a suppression no longer in force).
    #[error("{0}")]
    InvalidTransition(String),
    /// Four eyes: the decider cannot approve or reject their own decision.
    #[error("{0}")]
    FourEyes(String),
    /// The audit log failed verification.
    #[error("audit log verification failed: {0}")]
    Tampered(crate::audit::Tamper),
    /// The signing key cannot be read, or does not match.
    #[error("{0}")]
    Key(String),
    /// A checkpoint or proof handed in cannot be read.
    #[error("{0}")]
    InvalidCheckpoint(String),
    /// A proof or a checkpoint signature does not verify.
    #[error("{0}")]
    ProofMismatch(String),
}

impl ErrorCode for CaseError {
    fn error_code(&self) -> Code {
        match self {
            CaseError::Database(_) => Code::Database,
            CaseError::Io(_) => Code::Io,
            CaseError::Corrupt(_) => Code::StoreCorrupt,
            CaseError::SchemaTooNew(_) => Code::StoreVersionUnsupported,
            CaseError::NotFound { kind, .. } => match kind {
                RecordKind::Alert => Code::AlertNotFound,
                RecordKind::Suppression => Code::SuppressionNotFound,
                RecordKind::Screening => Code::ScreeningNotFound,
                RecordKind::Subject => Code::SubjectNotFound,
                RecordKind::AuditRecord => Code::AuditRecordNotFound,
            },
            CaseError::InvalidRequest(_) => Code::InvalidParameter,
            CaseError::Conflict { .. } => Code::AlertConflict,
            CaseError::InvalidTransition(_) => Code::InvalidTransition,
            CaseError::FourEyes(_) => Code::FourEyes,
            CaseError::Tampered(_) => Code::AuditTampered,
            CaseError::Key(_) => Code::AuditKey,
            CaseError::InvalidCheckpoint(_) => Code::InvalidCheckpoint,
            CaseError::ProofMismatch(_) => Code::ProofMismatch,
        }
    }
}

impl CaseError {
    pub(crate) fn not_found(kind: RecordKind, id: impl Into<String>) -> CaseError {
        CaseError::NotFound { kind, id: id.into() }
    }

    pub(crate) fn corrupt_json(what: &str, err: serde_json::Error) -> CaseError {
        CaseError::Corrupt(format!("{what} cannot be read back: {err}"))
    }
}
