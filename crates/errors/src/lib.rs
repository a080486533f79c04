//! The one table of embargo's error codes.
//!
//! Every failure a caller can see (a CLI run, an HTTP response, a Python exception) carries a
//! stable code: clients branch on it, so a code is never renamed or given another meaning.
//! Codes live in one table, [`Code`], each with its [`ErrorKind`], the HTTP status the server
//! answers with and a description. Library errors implement [`ErrorCode`] to say which code
//! they are; the server maps them to responses in one place, and `docs/errors.md` and the
//! OpenAPI document are generated from [`Code::ALL`] (a test fails when the docs drift).
//!
//! This follows meilisearch's `Code` table: the engine crates know nothing of HTTP, but a code
//! knows its status, so no handler writes a status or a code literal.
//!
//! ```
//! use embargo_errors::{Code, ErrorCode, ErrorKind};
//!
//! #[derive(Debug)]
//! struct NoSuchList(String);
//! impl ErrorCode for NoSuchList {
//!     fn error_code(&self) -> Code {
//!         Code::UnknownList
//!     }
//! }
//!
//! let code = NoSuchList("eu".into()).error_code();
//! assert_eq!(code.as_str(), "unknown_list");
//! assert_eq!(code.http_status(), 422);
//! assert_eq!(code.kind(), ErrorKind::InvalidRequest);
//! assert_eq!(Code::from_str_code("unknown_list"), Some(Code::UnknownList));
//! ```

use std::fmt;

/// What kind of failure a code is: who can fix it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ErrorKind {
    /// The request or the command's arguments are wrong; the caller can fix them.
    InvalidRequest,
    /// An input file (a list, a batch file, a payment message, a shipment) is malformed.
    InvalidInput,
    /// No credentials, or credentials that are not valid.
    Authentication,
    /// Valid credentials without the right to do this.
    Authorization,
    /// What was asked for does not exist.
    NotFound,
    /// The state changed under the caller (another decision came first); retry after reading.
    Conflict,
    /// A limit of size, rate or time was reached.
    Limit,
    /// The service cannot answer now (nothing loaded yet, keys unreadable); retry later.
    Unavailable,
    /// Stored data failed a check (a tampered audit log, a corrupt database).
    Integrity,
    /// A failure of the system (disk, database, network) or a bug.
    Internal,
}

impl ErrorKind {
    /// The kind's name in snake case, as the docs show it.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::InvalidRequest => "invalid_request",
            ErrorKind::InvalidInput => "invalid_input",
            ErrorKind::Authentication => "authentication",
            ErrorKind::Authorization => "authorization",
            ErrorKind::NotFound => "not_found",
            ErrorKind::Conflict => "conflict",
            ErrorKind::Limit => "limit",
            ErrorKind::Unavailable => "unavailable",
            ErrorKind::Integrity => "integrity",
            ErrorKind::Internal => "internal",
        }
    }
}

/// Errors that know their stable code. Every library error type of embargo implements it.
pub trait ErrorCode {
    /// The code of this error.
    fn error_code(&self) -> Code;
}

macro_rules! codes {
    ($( $variant:ident = $code:literal, $kind:ident, $status:literal, $description:literal; )*) => {
        /// Every error code of embargo. Codes never change meaning; new ones are appended.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum Code {
            $(
                #[doc = $description]
                $variant,
            )*
        }

        impl Code {
            /// Every code, in table order.
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            /// The stable string clients see (`unknown_list`).
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $code,)* }
            }

            /// Who can fix it.
            pub fn kind(self) -> ErrorKind {
                match self { $(Code::$variant => ErrorKind::$kind,)* }
            }

            /// The HTTP status the server answers with.
            pub fn http_status(self) -> u16 {
                match self { $(Code::$variant => $status,)* }
            }

            /// When this code is given, for people.
            pub fn description(self) -> &'static str {
                match self { $(Code::$variant => $description,)* }
            }
        }
    };
}

codes! {
    // Requests and arguments.
    MalformedJson = "malformed_json", InvalidRequest, 400,
        "The body is not JSON (the parser's line and column are in the message), or it nests deeper than 128 levels.";
    InvalidQueryString = "invalid_query_string", InvalidRequest, 400,
        "The query string cannot be read.";
    BodyReadError = "body_read_error", InvalidRequest, 400,
        "The connection failed while the body was read.";
    InvalidRequest = "invalid_request", InvalidRequest, 422,
        "Valid JSON of the wrong shape or type; the message names the field.";
    InvalidParameter = "invalid_parameter", InvalidRequest, 422,
        "An option out of range: a threshold outside 0..1, a limit or offset out of range, a missing parameter.";
    UnknownSchema = "unknown_schema", InvalidRequest, 422,
        "A query's schema (kind) is not one that is accepted.";
    InvalidDate = "invalid_date", InvalidRequest, 422,
        "A date of birth or incorporation that is not a date.";
    EmptyQuery = "empty_query", InvalidRequest, 422,
        "A query with neither a name nor an identifier.";
    UnknownList = "unknown_list", InvalidRequest, 422,
        "The request names a list that is not loaded.";
    UnknownListVersion = "unknown_list_version", InvalidRequest, 422,
        "The request names a version of a list that the store does not hold.";
    TooManyQueries = "too_many_queries", Limit, 422,
        "More query entities in one request than the server allows.";
    TooManyValues = "too_many_values", Limit, 422,
        "More values of one property than the server allows.";
    ValueTooLong = "value_too_long", Limit, 422,
        "A name or value longer than the server allows.";
    BodyTooLarge = "body_too_large", Limit, 413,
        "The request body is larger than the server allows (by Content-Length or while reading).";
    RequestTimeout = "request_timeout", Limit, 408,
        "The request took longer than the server allows; the work it started is stopped.";
    RateLimited = "rate_limited", Limit, 429,
        "The key sent more requests (or names) than its rate allows; see Retry-After.";

    // Who is asking.
    MissingApiKey = "missing_api_key", Authentication, 401,
        "No API key was sent.";
    InvalidApiKey = "invalid_api_key", Authentication, 401,
        "The API key is unknown or revoked.";
    Forbidden = "forbidden", Authorization, 403,
        "The API key lacks the role this endpoint needs (screen, review, approve or admin).";

    // What is asked for.
    NotFound = "not_found", NotFound, 404,
        "No such endpoint.";
    MethodNotAllowed = "method_not_allowed", InvalidRequest, 405,
        "The endpoint exists but not with this method.";
    EntityNotFound = "entity_not_found", NotFound, 404,
        "No entity with this id in the lists in force (or in the version asked for).";
    ListNotFound = "list_not_found", NotFound, 404,
        "No version of this list is stored.";
    ListVersionNotFound = "list_version_not_found", NotFound, 404,
        "The list has no such version.";

    // Service state.
    NotReady = "not_ready", Unavailable, 503,
        "No list is loaded yet (import or sync one first).";
    NoListsImported = "no_lists_imported", Unavailable, 503,
        "The store holds no list: run `embargo import` or `embargo sync` first.";
    KeysUnavailable = "keys_unavailable", Unavailable, 503,
        "The key database cannot be read: every authenticated request is refused until it can (fail closed).";

    // Input files.
    InvalidListFile = "invalid_list_file", InvalidInput, 422,
        "A list file cannot be read: the message names the file, the line or byte, and what was expected.";
    StoreCorrupt = "store_corrupt", Integrity, 500,
        "Stored data cannot be read back (a corrupt or foreign database).";
    StoreVersionUnsupported = "store_version_unsupported", Integrity, 500,
        "The database was written by a newer embargo; upgrade embargo to read it.";
    ImportRefused = "import_refused", InvalidInput, 422,
        "An import was refused (the files hold no entity, or entities of two lists); the previous version stays active.";
    BatchMapping = "batch_mapping", InvalidRequest, 422,
        "The column mapping of a batch run names a column the input lacks, or is incoherent.";
    BatchInput = "batch_input", InvalidInput, 422,
        "The batch input cannot be read at all (empty, broken header).";
    BatchResume = "batch_resume", Conflict, 409,
        "A batch run cannot resume from its checkpoint (other input, options or list versions).";
    BatchOptions = "batch_options", InvalidRequest, 422,
        "The options of a batch run are invalid.";
    SyncConfig = "sync_config", InvalidInput, 422,
        "The sync configuration (sync.toml) is invalid; the message names the file and the key.";
    UnknownPaymentFormat = "unknown_payment_format", InvalidInput, 422,
        "A payment message to screen is neither SWIFT MT103 nor ISO 20022 pacs.008, pain.001 or pain.008.";
    InvalidPaymentMessage = "invalid_payment_message", InvalidInput, 422,
        "A payment message is malformed: the message names the field, line or element and what was expected.";
    TextTooLarge = "text_too_large", Limit, 413,
        "A text or payment message to screen is larger than 8 MiB.";

    // The system.
    Io = "io", Internal, 500,
        "A file could not be read or written; the message names it.";
    Database = "database", Internal, 500,
        "The embedded database failed (locked too long, disk full, I/O).";
    Internal = "internal", Internal, 500,
        "A bug: caught, logged with the request id, never expected.";

    // The case store (alerts, suppressions, audit log).
    AlertNotFound = "alert_not_found", NotFound, 404,
        "No alert with this id in the case store.";
    SuppressionNotFound = "suppression_not_found", NotFound, 404,
        "No suppression with this id in the case store.";
    ScreeningNotFound = "screening_not_found", NotFound, 404,
        "No recorded screening with this id in the case store.";
    SubjectNotFound = "subject_not_found", NotFound, 404,
        "No subject with this id was registered or screened with recording.";
    AuditRecordNotFound = "audit_record_not_found", NotFound, 404,
        "No audit record with this number or id.";
    AlertConflict = "alert_conflict", Conflict, 409,
        "The alert changed since the caller read it (another analyst decided first); the message names its new status.";
    InvalidTransition = "invalid_transition", Conflict, 409,
        "The action is not possible from the alert's or suppression's current status; the message names it.";
    FourEyes = "four_eyes", Authorization, 403,
        "Four eyes: the person who made a decision cannot approve or reject it.";
    AuditTampered = "audit_tampered", Integrity, 500,
        "The audit log failed verification: the message names the first record edited, deleted, reordered or inserted.";
    AuditKey = "audit_key", Integrity, 500,
        "The audit log's signing key cannot be read or does not match the checkpoints.";
    InvalidCheckpoint = "invalid_checkpoint", InvalidInput, 422,
        "A checkpoint or proof given to check cannot be read; the message names the line and field.";
    ProofMismatch = "proof_mismatch", Integrity, 500,
        "An inclusion or consistency proof, or a checkpoint signature, does not verify.";
    // Shipment screening.
    InvalidShipment = "invalid_shipment", InvalidInput, 422,
        "A shipment cannot be read: the message names the line (JSON lines) and the field (parties[2].role), and what was expected.";
    GoodsListMissing = "goods_list_missing", Unavailable, 503,
        "Shipment screening needs the Common High Priority List, which is not imported: import it first.";
    InvalidTradeRules = "invalid_trade_rules", Internal, 500,
        "The trade rules data file cannot be used: the message names the file and the key.";
    SnapshotFileCorrupt = "snapshot_file_corrupt", InvalidInput, 422,
        "A snapshot file cannot be read: not a snapshot file, truncated, or its content fails its checksum; the message names the file.";
    SnapshotFileVersion = "snapshot_file_version", InvalidInput, 422,
        "A snapshot file of another format version: export it again with this embargo (`embargo snapshot export`).";
    UnknownAlgorithm = "unknown_algorithm", InvalidRequest, 422,
        "The request names a matching algorithm that does not exist; the message lists the choices (embargo, ofac).";
    // Screening as of a past version, monitoring.
    InvalidAsOf = "invalid_as_of", InvalidRequest, 422,
        "An as-of is neither an RFC 3339 time nor list versions (`ofac-sdn@3,un@2`).";
    NothingInForce = "nothing_in_force", NotFound, 404,
        "No list version was in force at the time asked for (the first import came later).";
    MonitorInput = "monitor_input", InvalidInput, 422,
        "A file of subjects to monitor cannot be read; the message names the file, the line and the field.";
    CsrfRejected = "csrf_rejected", Authorization, 403,
        "A form of the web page (`/ui/`) was posted without the session's CSRF token, with another one, or from another origin.";
    InvalidLogin = "invalid_login", Authentication, 401,
        "The web page's login failed: unknown user, wrong password, or an API key that is unknown or revoked.";
}

impl Code {
    /// The code whose string is `code`, if there is one.
    pub fn from_str_code(code: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|c| c.as_str() == code)
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The table of every code as Markdown: what `docs/errors.md` holds between its markers.
pub fn markdown_table() -> String {
    let mut out = String::from("| code | kind | HTTP status | when |\n|---|---|---|---|\n");
    for code in Code::ALL {
        out.push_str(&format!(
            "| `{}` | {} | {} | {} |\n",
            code.as_str(),
            code.kind().as_str(),
            code.http_status(),
            code.description().replace('|', "\\|")
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_code_is_unique_and_snake_case() {
        let mut seen = HashSet::new();
        for code in Code::ALL {
            let s = code.as_str();
            assert!(seen.insert(s), "code {s} appears twice");
            assert!(
                !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
                "code {s} is not snake case"
            );
            assert!(code.description().ends_with('.'), "description of {s} is not a sentence");
            assert!((400..600).contains(&code.http_status()), "{s}: status {}", code.http_status());
            assert_eq!(Code::from_str_code(s), Some(*code));
        }
    }

    #[test]
    fn statuses_agree_with_kinds() {
        for code in Code::ALL {
            let status = code.http_status();
            let ok = match code.kind() {
                ErrorKind::Authentication => status == 401,
                ErrorKind::Authorization => status == 403,
                ErrorKind::NotFound => status == 404,
                ErrorKind::Conflict => status == 409,
                ErrorKind::Unavailable => status == 503,
                ErrorKind::Internal | ErrorKind::Integrity => status >= 500,
                ErrorKind::InvalidRequest | ErrorKind::InvalidInput | ErrorKind::Limit => {
                    (400..500).contains(&status)
                }
            };
            assert!(ok, "{}: kind {:?} with status {status}", code.as_str(), code.kind());
        }
    }

    /// docs/errors.md holds the generated table; regenerate it with
    /// `EMBARGO_UPDATE_DOCS=1 cargo test -p embargo-errors`.
    #[test]
    fn docs_list_every_code() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/errors.md");
        let doc = std::fs::read_to_string(path).expect("docs/errors.md");
        let (begin, end) = ("<!-- codes:begin -->\n", "<!-- codes:end -->");
        let start = doc.find(begin).expect("docs/errors.md lacks <!-- codes:begin -->") + begin.len();
        let stop = doc.find(end).expect("docs/errors.md lacks <!-- codes:end -->");
        let table = markdown_table();
        if doc[start..stop] != table {
            if std::env::var_os("EMBARGO_UPDATE_DOCS").is_some() {
                let updated = format!("{}{}{}", &doc[..start], table, &doc[stop..]);
                std::fs::write(path, updated).expect("write docs/errors.md");
            } else {
                panic!(
                    "docs/errors.md is out of date with the code table; run \
                     EMBARGO_UPDATE_DOCS=1 cargo test -p embargo-errors"
                );
            }
        }
    }
}
