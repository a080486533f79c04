//! The case store over HTTP: alerts (review role), decisions (review), approvals (approve),
//! subjects (review) and the audit log's verification (admin). Thin handlers: each reads or
//! writes through `embargo_cases::CaseStore` on the blocking pool and maps its errors through
//! their stable codes (a conflicting decision is 409 `alert_conflict`, approving one's own
//! decision 403 `four_eyes`).

use crate::error::ApiError;
use crate::keys::Principal;
use crate::state::AppState;
use axum::extract::{Path, Query, State};
use axum::{Extension, Json};
use embargo_cases::{AlertFilter, AlertStatus, CaseError, DecisionRequest, Outcome, Reason, ReasonCode};
use embargo_errors::Code;
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use utoipa::{IntoParams, ToSchema};

/// Runs `work` against the case store on the blocking pool (SQLite calls block).
async fn blocking<T: Send + 'static>(
    state: &Arc<AppState>,
    work: impl FnOnce(&embargo_cases::CaseStore) -> Result<T, CaseError> + Send + 'static,
) -> Result<T, ApiError> {
    let state = state.clone();
    tokio::task::spawn_blocking(move || work(&state.cases))
        .await
        .map_err(|_| ApiError::internal("the case store call failed; the request was logged"))?
        .map_err(|e| ApiError::from_error(&e))
}

/// `GET /alerts` query string.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AlertsQuery {
    /// Only this status: open, escalated, pending_approval, re_review, true_match,
    /// false_positive, delisted.
    status: Option<String>,
    /// Only this subject.
    subject: Option<String>,
    /// Only alerts assigned to this person.
    assignee: Option<String>,
    /// Only alerts after this one (`A12`), for paging.
    after: Option<String>,
    /// At most this many (default 100, at most 1000).
    limit: Option<usize>,
}

/// `GET /alerts`: alerts, oldest first.
#[derive(Debug, Serialize, ToSchema)]
pub struct AlertsResponse {
    /// Each with at least `id`, `subject_id`, `entity_id`, `status`, `score`, `created_at`,
    /// and `version` (to pass back as `expected_version` when deciding).
    #[schema(value_type = Vec<Object>)]
    pub alerts: Vec<embargo_cases::AlertSummary>,
}

#[utoipa::path(
    get,
    path = "/alerts",
    tag = "cases",
    summary = "Alerts of recorded screenings, oldest first, filtered and paged.",
    params(AlertsQuery),
    responses((status = 200, description = "Alerts", body = AlertsResponse)),
    security(("bearer" = []), ("apiKey" = []))
)]
async fn list_alerts(
    State(state): State<Arc<AppState>>,
    Query(query): Query<AlertsQuery>,
) -> Result<Json<AlertsResponse>, ApiError> {
    let status = query
        .status
        .as_deref()
        .map(|s| {
            AlertStatus::parse(s).ok_or_else(|| {
                let known: Vec<&str> = AlertStatus::ALL.iter().map(|s| s.as_str()).collect();
                ApiError::new(
                    Code::InvalidParameter,
                    format!("parameter status: unknown status; expected one of {}", known.join(", ")),
                )
            })
        })
        .transpose()?;
    let limit = query.limit.unwrap_or(100);
    if !(1..=1000).contains(&limit) {
        return Err(ApiError::new(Code::InvalidParameter, "parameter limit: expected 1 to 1000"));
    }
    let filter =
        AlertFilter { status, subject: query.subject, assignee: query.assignee, after: query.after, limit };
    let alerts = blocking(&state, move |cases| cases.alerts(&filter)).await?;
    Ok(Json(AlertsResponse { alerts }))
}

/// `GET /alerts/{id}`: the alert and the screening that made it.
#[derive(Debug, Serialize, ToSchema)]
pub struct AlertResponse {
    /// The alert: summary, entities, the subject's hits and explanations, re-review, history.
    #[schema(value_type = Object)]
    pub alert: embargo_cases::AlertView,
    /// The screening that created it: the subject as screened, lists, threshold, hits.
    #[schema(value_type = Object)]
    pub screening: embargo_cases::ScreeningView,
}

#[utoipa::path(
    get,
    path = "/alerts/{id}",
    tag = "cases",
    summary = "One alert with its screening, entities, explanations and history.",
    params(("id" = String, Path, example = "A12")),
    responses((status = 200, description = "The alert", body = AlertResponse)),
    security(("bearer" = []), ("apiKey" = []))
)]
async fn get_alert(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
) -> Result<Json<AlertResponse>, ApiError> {
    let (alert, screening) = blocking(&state, move |cases| {
        let alert = cases.alert(&id)?;
        let screening = cases.screening(&alert.summary.screening)?;
        Ok((alert, screening))
    })
    .await?;
    Ok(Json(AlertResponse { alert, screening }))
}

/// `POST /alerts/{id}/decisions`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionBody {
    /// `true_match`, `false_positive` or `escalate`.
    outcome: String,
    /// Why, in words.
    reason: String,
    /// Standard reasons: name_only, different_date_of_birth, different_country,
    /// different_gender, different_kind, other.
    #[serde(default)]
    codes: Vec<String>,
    /// The alert's `version` as read: refused with 409 `alert_conflict` if it changed since.
    expected_version: Option<u64>,
}

/// An alert after a decision or approval.
#[derive(Debug, Serialize, ToSchema)]
pub struct AlertChanged {
    /// The alert's id.
    pub id: String,
    /// Its status now (`pending_approval` while four eyes wait).
    pub status: String,
    /// Its version now.
    pub version: u64,
}

impl From<embargo_cases::AlertView> for AlertChanged {
    fn from(view: embargo_cases::AlertView) -> AlertChanged {
        AlertChanged {
            id: view.summary.id,
            status: view.summary.status.as_str().to_owned(),
            version: view.summary.version,
        }
    }
}

#[utoipa::path(
    post,
    path = "/alerts/{id}/decisions",
    tag = "cases",
    summary = "Decide an alert as the key's holder (review role); under four eyes it waits for approval.",
    params(("id" = String, Path, example = "A12")),
    request_body = DecisionBody,
    responses((status = 200, description = "The alert after the decision", body = AlertChanged)),
    security(("bearer" = []), ("apiKey" = []))
)]
async fn decide(
    State(state): State<Arc<AppState>>,
    Extension(principal): Extension<Principal>,
    Path(id): Path<String>,
    body: Result<Json<DecisionBody>, axum::extract::rejection::JsonRejection>,
) -> Result<Json<AlertChanged>, ApiError> {
    let Json(body) = body.map_err(|e| ApiError::new(Code::InvalidRequest, e.body_text()))?;
    let outcome = match body.outcome.as_str() {
        "true_match" => Outcome::TrueMatch,
        "false_positive" => Outcome::FalsePositive,
        "escalate" => Outcome::Escalate,
        other => {
            return Err(ApiError::new(
                Code::InvalidRequest,
                format!(
                    "outcome: unknown outcome {other:?}; expected true_match, false_positive or escalate"
                ),
            ))
        }
    };
    let codes = body
        .codes
        .iter()
        .map(|c| {
            ReasonCode::parse(c).ok_or_else(|| {
                let known: Vec<&str> = ReasonCode::ALL.iter().map(|c| c.as_str()).collect();
                ApiError::new(
                    Code::InvalidRequest,
                    format!("codes: unknown code {c:?}; expected {}", known.join(", ")),
                )
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let request = DecisionRequest {
        alert: id,
        by: format!("api:{}", principal.name),
        outcome,
        reason: Reason::new(&codes, body.reason),
        expected_version: body.expected_version,
    };
    let view = blocking(&state, move |cases| cases.decide(&request)).await?;
    Ok(Json(view.into()))
}

/// `POST /alerts/{id}/approvals`: the second pair of eyes.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ApprovalBody {
    /// `true` approves the waiting decision; `false` rejects it (give a reason).
    approve: bool,
    /// Why, for a rejection.
    reason: Option<String>,
    /// The alert's `version` as read.
    expected_version: Option<u64>,
}

#[utoipa::path(
    post,
    path = "/alerts/{id}/approvals",
    tag = "cases",
    summary = "Approve or reject the decision waiting on an alert (approve role; never one's own).",
    params(("id" = String, Path, example = "A12")),
    request_body = ApprovalBody,
    responses((status = 200, description = "The alert after the approval", body = AlertChanged)),
    security(("bearer" = []), ("apiKey" = []))
)]
async fn approve(
    State(state): State<Arc<AppState>>,
    Extension(principal): Extension<Principal>,
    Path(id): Path<String>,
    body: Result<Json<ApprovalBody>, axum::extract::rejection::JsonRejection>,
) -> Result<Json<AlertChanged>, ApiError> {
    let Json(body) = body.map_err(|e| ApiError::new(Code::InvalidRequest, e.body_text()))?;
    let by = format!("api:{}", principal.name);
    let view = if body.approve {
        blocking(&state, move |cases| cases.approve(&id, &by, body.expected_version)).await?
    } else {
        let reason = body
            .reason
            .filter(|r| !r.trim().is_empty())
            .ok_or_else(|| ApiError::new(Code::InvalidRequest, "reason: a rejection needs a reason"))?;
        blocking(&state, move |cases| cases.reject(&id, &by, &reason, body.expected_version)).await?
    };
    Ok(Json(view.into()))
}

/// `GET /subjects/{id}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct SubjectResponse {
    /// The subject as last screened or registered, its screenings and alerts.
    #[schema(value_type = Object)]
    pub subject: embargo_cases::SubjectView,
}

#[utoipa::path(
    get,
    path = "/subjects/{id}",
    tag = "cases",
    summary = "One subject: its data as last screened, its screenings and alerts.",
    params(("id" = String, Path, example = "C-1001")),
    responses((status = 200, description = "The subject", body = SubjectResponse)),
    security(("bearer" = []), ("apiKey" = []))
)]
async fn get_subject(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
) -> Result<Json<SubjectResponse>, ApiError> {
    let subject = blocking(&state, move |cases| cases.subject(&id)).await?;
    Ok(Json(SubjectResponse { subject }))
}

/// `GET /audit/verify`.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuditVerifyResponse {
    /// `verified`.
    pub status: &'static str,
    /// Records, root, checkpoints checked, erasures.
    #[schema(value_type = Object)]
    pub report: embargo_cases::VerifyReport,
}

#[utoipa::path(
    get,
    path = "/audit/verify",
    tag = "cases",
    summary = "Recompute the audit log (admin role): 200 when it verifies, 500 audit_tampered naming the first record otherwise.",
    responses((status = 200, description = "Verified", body = AuditVerifyResponse)),
    security(("bearer" = []), ("apiKey" = []))
)]
async fn verify_audit(State(state): State<Arc<AppState>>) -> Result<Json<AuditVerifyResponse>, ApiError> {
    let report = blocking(&state, |cases| cases.verify(None)).await?;
    Ok(Json(AuditVerifyResponse { status: "verified", report }))
}

/// The case routes by the role each needs, with their OpenAPI document.
pub fn routes() -> Vec<(crate::keys::Role, utoipa_axum::router::OpenApiRouter<Arc<AppState>>)> {
    use crate::keys::Role;
    use utoipa_axum::router::OpenApiRouter;
    use utoipa_axum::routes;
    vec![
        (
            Role::Review,
            OpenApiRouter::new()
                .routes(routes!(list_alerts))
                .routes(routes!(get_alert))
                .routes(routes!(decide))
                .routes(routes!(get_subject)),
        ),
        (Role::Approve, OpenApiRouter::new().routes(routes!(approve))),
        (Role::Admin, OpenApiRouter::new().routes(routes!(verify_audit))),
    ]
}
