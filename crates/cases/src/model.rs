//! The records of the case store, as callers give and read them.

use crate::fingerprint::Fingerprint;
use embargo_model::{Entity, EntityKind};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A party the firm screens: a customer, a supplier, a beneficiary.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Subject {
    /// The firm's own id of the party (a customer number).
    pub id: String,
    /// Person, organisation, vessel... when the firm knows it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<EntityKind>,
    /// Names as screened.
    pub names: Vec<String>,
    /// Dates of birth or incorporation, as given.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub birth_dates: Vec<String>,
    /// Countries (names or ISO codes).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub countries: Vec<String>,
    /// Identifier values (passport, tax id, IMO...).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub identifiers: Vec<String>,
    /// Free tags of the firm (`customer`, `supplier`, `beneficiary`); not screened, so not in
    /// the subject's fingerprint.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
}

/// One list version a screening ran against.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListUsed {
    /// List id (`ofac-sdn`).
    pub list: String,
    /// Version number in the list store.
    pub version: u32,
    /// sha256 of the version's input files, hex.
    pub sha256: String,
}

/// What makes screenings reproducible, shared by every screening of a run: the lists and
/// versions, the threshold and algorithm, the matcher's version and a hash of the options.
/// The store keeps each distinct context once (`C3`) and screenings refer to it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScreeningContext {
    /// The list versions in force, sorted by list id by the store.
    pub lists: Vec<ListUsed>,
    /// Hits at or above it make alerts.
    pub threshold: f64,
    /// The scorer's name (`alignment`).
    pub algorithm: String,
    /// The matcher's version (`embargo-matcher 0.1.0`).
    pub matcher_version: String,
    /// sha256 of the screening options (limit, list filter, ...), hex; the caller's hash.
    pub options_hash: String,
    /// For a monitoring run's delta screening: the versions (`list@version,...`) the subject
    /// was screened with before. Only the entities added or changed since them (the store's
    /// diff) were screened, so a replay compares hits on those entities alone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delta_from: Option<String>,
}

/// A hit handed to the store: the matcher's result for one listed entity, as the caller
/// turned it into plain data (the store does not depend on the matcher).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HitInput {
    /// `ofac-sdn:33574`.
    pub entity_id: String,
    /// The list id.
    pub list: String,
    /// The list version the entity was read from.
    pub list_version: u32,
    /// The real-world party the entity is one listing of (the same person on OFAC, UN and UK
    /// lists); hits of one party in one screening make one alert. `None`: the entity alone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub party_id: Option<String>,
    /// 0..1.
    pub score: f64,
    /// The listed name that scored best.
    pub matched_name: String,
    /// The query name that scored best.
    pub query_name: String,
    /// The matcher's explanation, as JSON.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explanation: Option<serde_json::Value>,
    /// The entity's content hash ([`crate::content_hash`]).
    pub content_hash: String,
    /// The fingerprint of its matching fields ([`Fingerprint::of_entity`]).
    pub fingerprint: Fingerprint,
}

impl HitInput {
    /// A hit on `entity`, with its id, list, version, content hash and fingerprint filled from
    /// it. `entity.provenance.list_version` must hold the store's version number.
    pub fn from_entity(entity: &Entity, score: f64, matched_name: &str, query_name: &str) -> HitInput {
        let content_hash = crate::fingerprint::content_hash(entity);
        HitInput::with_facts(
            entity,
            score,
            matched_name,
            query_name,
            content_hash,
            Fingerprint::of_entity(entity),
        )
    }

    /// [`HitInput::from_entity`] with the entity's content hash and fingerprint computed
    /// before (see [`crate::from_engine::EntityFacts`]).
    pub fn with_facts(
        entity: &Entity,
        score: f64,
        matched_name: &str,
        query_name: &str,
        content_hash: String,
        fingerprint: Fingerprint,
    ) -> HitInput {
        HitInput {
            entity_id: entity.id.clone(),
            list: entity.provenance.list.clone(),
            list_version: entity.provenance.list_version.parse().unwrap_or(0),
            party_id: None,
            score,
            matched_name: matched_name.to_owned(),
            query_name: query_name.to_owned(),
            explanation: None,
            content_hash,
            fingerprint,
        }
    }
}

/// One screening to record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScreeningInput {
    /// The subject as screened.
    pub subject: Subject,
    /// Who screened: an API key's name, `--by`, a batch run's name.
    pub by: String,
    /// Every hit the matcher gave, at or above the threshold or not (those below are written
    /// too, and make no alert).
    pub hits: Vec<HitInput>,
    /// An idempotency key: a screening with the same key is recorded once (a retried HTTP
    /// request, a resumed batch or monitoring run); recording it again returns the first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
}

/// An alert's status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AlertStatus {
    /// New, waiting for an analyst.
    Open,
    /// Sent to a senior analyst or compliance officer.
    Escalated,
    /// A decision waits for a second person (four eyes).
    PendingApproval,
    /// A pair cleared earlier alerts again because the listed entry or the subject changed.
    ReReview,
    /// Closed: the subject is the listed party.
    TrueMatch,
    /// Closed: the subject is not the listed party; the pair is suppressed.
    FalsePositive,
    /// Closed: the listed entry was removed from its list.
    Delisted,
}

impl AlertStatus {
    /// Every status.
    pub const ALL: [AlertStatus; 7] = [
        AlertStatus::Open,
        AlertStatus::Escalated,
        AlertStatus::PendingApproval,
        AlertStatus::ReReview,
        AlertStatus::TrueMatch,
        AlertStatus::FalsePositive,
        AlertStatus::Delisted,
    ];

    /// The status in snake case.
    pub fn as_str(self) -> &'static str {
        match self {
            AlertStatus::Open => "open",
            AlertStatus::Escalated => "escalated",
            AlertStatus::PendingApproval => "pending_approval",
            AlertStatus::ReReview => "re_review",
            AlertStatus::TrueMatch => "true_match",
            AlertStatus::FalsePositive => "false_positive",
            AlertStatus::Delisted => "delisted",
        }
    }

    /// Parses [`AlertStatus::as_str`].
    pub fn parse(text: &str) -> Option<AlertStatus> {
        AlertStatus::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// Closed statuses take no more decisions.
    pub fn is_closed(self) -> bool {
        matches!(self, AlertStatus::TrueMatch | AlertStatus::FalsePositive | AlertStatus::Delisted)
    }
}

impl fmt::Display for AlertStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What an analyst decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// The subject is the listed party.
    TrueMatch,
    /// The subject is not the listed party.
    FalsePositive,
    /// Hand the alert on.
    Escalate,
}

impl Outcome {
    /// The status the outcome leads to once final.
    pub fn status(self) -> AlertStatus {
        match self {
            Outcome::TrueMatch => AlertStatus::TrueMatch,
            Outcome::FalsePositive => AlertStatus::FalsePositive,
            Outcome::Escalate => AlertStatus::Escalated,
        }
    }
}

/// Why a decision was made: the standard reasons analysts give.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReasonCode {
    /// Only the name agrees; nothing else links the two.
    NameOnly,
    /// The dates of birth differ.
    DifferentDateOfBirth,
    /// The countries differ.
    DifferentCountry,
    /// The genders differ.
    DifferentGender,
    /// A person against an organisation, a vessel against a company.
    DifferentKind,
    /// Anything else; the free text says what.
    Other,
}

impl ReasonCode {
    /// Every code, in order.
    pub const ALL: [ReasonCode; 6] = [
        ReasonCode::NameOnly,
        ReasonCode::DifferentDateOfBirth,
        ReasonCode::DifferentCountry,
        ReasonCode::DifferentGender,
        ReasonCode::DifferentKind,
        ReasonCode::Other,
    ];

    /// The code as written (`different_date_of_birth`).
    pub fn as_str(self) -> &'static str {
        match self {
            ReasonCode::NameOnly => "name_only",
            ReasonCode::DifferentDateOfBirth => "different_date_of_birth",
            ReasonCode::DifferentCountry => "different_country",
            ReasonCode::DifferentGender => "different_gender",
            ReasonCode::DifferentKind => "different_kind",
            ReasonCode::Other => "other",
        }
    }

    /// Parses [`ReasonCode::as_str`] (`-` and `_` alike).
    pub fn parse(text: &str) -> Option<ReasonCode> {
        let text = text.trim().replace('-', "_");
        ReasonCode::ALL.into_iter().find(|c| c.as_str() == text)
    }
}

/// Reason codes plus free text. The text may name people, so it is kept as personal data.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reason {
    /// Standard codes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub codes: Vec<ReasonCode>,
    /// Free text.
    #[serde(default)]
    pub text: String,
}

impl Reason {
    /// Free text only.
    pub fn text(text: impl Into<String>) -> Reason {
        Reason { codes: Vec::new(), text: text.into() }
    }

    /// Codes and text.
    pub fn new(codes: &[ReasonCode], text: impl Into<String>) -> Reason {
        Reason { codes: codes.to_vec(), text: text.into() }
    }
}

/// A decision on an alert.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionRequest {
    /// `A12`.
    pub alert: String,
    /// Who decides.
    pub by: String,
    /// What.
    pub outcome: Outcome,
    /// Why (at least a code or some text).
    pub reason: Reason,
    /// The alert's `version` as the analyst saw it: when another event came since, the
    /// decision is refused with a conflict. `None`: checked against the status only.
    #[serde(default)]
    pub expected_version: Option<u64>,
}

/// Who must look twice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FourEyes {
    /// A `true_match` decision waits for approval.
    pub true_match: bool,
    /// Closing an escalated alert (true match or false positive) waits for approval.
    pub clear_escalated: bool,
    /// Every `false_positive` decision (and so every suppression) waits for approval.
    pub false_positive: bool,
}

/// What a suppression does when the listed entry changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityChangePolicy {
    /// The pair alerts again as `re_review` (the default).
    ReReview,
    /// The suppression holds whatever the entry says (permanent exclusions).
    Keep,
}

/// The case store's settings; changes are audit records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    /// Four eyes.
    pub four_eyes: FourEyes,
    /// Suppressions and entity changes.
    pub on_entity_change: EntityChangePolicy,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            four_eyes: FourEyes { true_match: true, clear_escalated: true, false_positive: false },
            on_entity_change: EntityChangePolicy::ReReview,
        }
    }
}

/// What became of a hit in a recorded screening.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Disposition {
    /// Below the threshold: written, no alert.
    BelowThreshold,
    /// A new alert.
    NewAlert {
        /// `A12`.
        alert: String,
    },
    /// A new alert in `re_review`: the pair was suppressed, but a side changed.
    ReReview {
        /// The new alert.
        alert: String,
        /// The suppression that no longer covers the pair.
        suppression: String,
    },
    /// The pair already has an alert waiting for a decision: no second one.
    OpenAlert {
        /// The alert.
        alert: String,
    },
    /// The pair was decided a true match: no new alert.
    KnownMatch {
        /// The alert decided.
        alert: String,
    },
    /// Suppressed: "suppressed by S12".
    Suppressed {
        /// The suppression.
        suppression: String,
    },
}

impl Disposition {
    /// The alert this hit made or joined, if any.
    pub fn alert(&self) -> Option<&str> {
        match self {
            Disposition::NewAlert { alert }
            | Disposition::ReReview { alert, .. }
            | Disposition::OpenAlert { alert }
            | Disposition::KnownMatch { alert } => Some(alert),
            _ => None,
        }
    }
}
