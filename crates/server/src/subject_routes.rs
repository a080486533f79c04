//! The monitored base over HTTP (review role): `PUT /subjects/{id}` registers or updates a
//! subject and screens it at once when it is new or changed (against the lists in force, its
//! alerts made as for any screening); `DELETE /subjects/{id}` removes it from monitoring (its
//! records stay); `GET /subjects` lists the registered subjects. After every reload the server
//! runs monitoring over the whole base ([`after_reload`]).

use crate::error::ApiError;
use crate::keys::Principal;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::{Extension, Json};
use embargo_cases::{RegisterOutcome, Subject};
use embargo_engine::Snapshot;
use embargo_errors::Code;
use embargo_model::EntityKind;
use embargo_monitor::{Monitor, MonitorError, RunOptions, RunSummary};
use embargo_store::Store;
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use utoipa::ToSchema;

/// Runs `work` with the monitor of the server's data directory on the blocking pool.
async fn with_monitor<T: Send + 'static>(
    state: &Arc<AppState>,
    work: impl FnOnce(&Monitor<'_>, Option<Arc<Snapshot>>) -> Result<T, MonitorError> + Send + 'static,
) -> Result<T, ApiError> {
    let state = state.clone();
    tokio::task::spawn_blocking(move || {
        let store = Store::open(&state.config.data_dir).map_err(MonitorError::from)?;
        let monitor = Monitor::open(&state.config.data_dir, &store, &state.cases)?;
        work(&monitor, state.snapshot())
    })
    .await
    .map_err(|_| ApiError::internal("the monitoring call failed; the request was logged"))?
    .map_err(|e| ApiError::from_error(&e))
}

/// `PUT /subjects/{id}`: the subject's screened data.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SubjectBody {
    /// `person`, `organization`, `vessel`, `aircraft` (or an FtM schema).
    kind: Option<String>,
    /// Names (at least one).
    names: Vec<String>,
    /// Dates of birth or incorporation.
    #[serde(default)]
    birth_dates: Vec<String>,
    /// Countries (names or ISO codes).
    #[serde(default)]
    countries: Vec<String>,
    /// Identifiers (passport, tax id, IMO).
    #[serde(default)]
    identifiers: Vec<String>,
    /// Free tags (customer, supplier...).
    #[serde(default)]
    tags: Vec<String>,
}

/// What `PUT /subjects/{id}` did.
#[derive(Debug, Serialize, ToSchema)]
pub struct SubjectRegistered {
    /// The subject's id.
    pub id: String,
    /// `new`, `changed` or `unchanged`.
    #[schema(value_type = String)]
    pub outcome: RegisterOutcome,
    /// The screening recorded (new or changed subjects).
    pub screening: Option<String>,
    /// Alerts it created.
    pub alerts: Vec<String>,
}

#[utoipa::path(
    put,
    path = "/subjects/{id}",
    tag = "monitoring",
    summary = "Register or update a monitored subject (review role); a new or changed subject is screened at once.",
    params(("id" = String, Path, example = "C-1001")),
    request_body = SubjectBody,
    responses((status = 200, description = "Registered", body = SubjectRegistered)),
    security(("bearer" = []), ("apiKey" = []))
)]
async fn put_subject(
    State(state): State<Arc<AppState>>,
    Extension(principal): Extension<Principal>,
    Path(id): Path<String>,
    body: Result<Json<SubjectBody>, axum::extract::rejection::JsonRejection>,
) -> Result<Json<SubjectRegistered>, ApiError> {
    let Json(body) = body.map_err(|e| ApiError::new(Code::InvalidRequest, e.body_text()))?;
    if id.trim().is_empty() {
        return Err(ApiError::new(Code::InvalidRequest, "id: the subject's id is empty"));
    }
    if body.names.iter().all(|n| n.trim().is_empty()) {
        return Err(ApiError::new(Code::InvalidRequest, "names: at least one name is required"));
    }
    let kind = match body.kind.as_deref() {
        None => None,
        Some(k) => match EntityKind::parse(k) {
            Some(kind) if kind != EntityKind::Unknown => Some(kind),
            _ => {
                return Err(ApiError::new(
                    Code::UnknownSchema,
                    format!("kind: unknown kind {k:?}; expected person, organization, vessel or aircraft"),
                ))
            }
        },
    };
    let subject = Subject {
        id: id.trim().to_owned(),
        kind,
        names: body.names,
        birth_dates: body.birth_dates,
        countries: body.countries,
        identifiers: body.identifiers,
        tags: body.tags,
    };
    let by = format!("api:{}", principal.name);
    let registered = with_monitor(&state, move |monitor, snapshot| {
        let outcome = monitor.register(&by, std::slice::from_ref(&subject))?[0];
        if outcome == RegisterOutcome::Unchanged {
            return Ok(SubjectRegistered { id: subject.id, outcome, screening: None, alerts: vec![] });
        }
        let options = RunOptions { by, only: Some(vec![subject.id.clone()]), ..RunOptions::default() };
        let summary = monitor.run_on(&options, snapshot.as_deref(), &mut |_| {})?;
        let screening = monitor.cases().subject(&subject.id)?.screenings.last().map(|s| s.id.clone());
        Ok(SubjectRegistered { id: subject.id, outcome, screening, alerts: summary.new_alerts })
    })
    .await?;
    Ok(Json(registered))
}

/// `DELETE /subjects/{id}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct SubjectRemoved {
    /// The subject's id.
    pub id: String,
    /// `removed`.
    pub status: &'static str,
}

#[utoipa::path(
    delete,
    path = "/subjects/{id}",
    tag = "monitoring",
    summary = "Remove a subject from monitoring (review role); its screenings and alerts stay.",
    params(("id" = String, Path, example = "C-1001")),
    responses((status = 200, description = "Removed", body = SubjectRemoved)),
    security(("bearer" = []), ("apiKey" = []))
)]
async fn delete_subject(
    State(state): State<Arc<AppState>>,
    Extension(principal): Extension<Principal>,
    Path(id): Path<String>,
) -> Result<Json<SubjectRemoved>, ApiError> {
    let by = format!("api:{}", principal.name);
    let removed = id.clone();
    with_monitor(&state, move |monitor, _| monitor.remove(&removed, &by)).await?;
    Ok(Json(SubjectRemoved { id, status: "removed" }))
}

/// `GET /subjects`.
#[derive(Debug, Serialize, ToSchema)]
pub struct SubjectsResponse {
    /// Every registered subject, in id order.
    #[schema(value_type = Vec<Object>)]
    pub subjects: Vec<Subject>,
}

#[utoipa::path(
    get,
    path = "/subjects",
    tag = "monitoring",
    summary = "The monitored subjects (review role), in id order.",
    responses((status = 200, description = "Subjects", body = SubjectsResponse)),
    security(("bearer" = []), ("apiKey" = []))
)]
async fn list_subjects(State(state): State<Arc<AppState>>) -> Result<Json<SubjectsResponse>, ApiError> {
    let subjects = with_monitor(&state, |monitor, _| monitor.subjects()).await?;
    Ok(Json(SubjectsResponse { subjects }))
}

/// The monitoring routes (review role), with their OpenAPI document.
pub fn routes() -> Vec<(crate::keys::Role, utoipa_axum::router::OpenApiRouter<Arc<AppState>>)> {
    use utoipa_axum::routes;
    vec![(
        crate::keys::Role::Review,
        utoipa_axum::router::OpenApiRouter::new()
            .routes(routes!(put_subject, delete_subject))
            .routes(routes!(list_subjects)),
    )]
}

/// After a reload put new versions in force: a monitoring run over the whole base with the
/// new snapshot (blocking; logged, never fatal to the reload).
pub fn after_reload(state: &AppState, snapshot: &Snapshot) {
    let run = || -> Result<RunSummary, MonitorError> {
        let store = Store::open(&state.config.data_dir)?;
        let monitor = Monitor::open(&state.config.data_dir, &store, &state.cases)?;
        monitor.run_on(&RunOptions::default(), Some(snapshot), &mut |_| {})
    };
    match run() {
        Ok(s) if s.subjects > 0 => tracing::info!(
            run = %s.run,
            subjects = s.subjects,
            screened = s.screened_delta + s.screened_full,
            new_alerts = s.new_alerts.len(),
            delisted = s.delisted_alerts.len(),
            "monitoring run"
        ),
        Ok(_) => {}
        Err(e) => tracing::error!(error = %e, "the monitoring run after the reload failed"),
    }
}
