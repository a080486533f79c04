//! The API's documents as types, and the OpenAPI document generated from them.
//!
//! Handlers return these types (never ad-hoc JSON), and each handler carries a
//! `#[utoipa::path]` naming them, so `GET /openapi.json` is generated from the handlers and the
//! types they really serialise: it cannot drift from them. What is not in a type is added by
//! [`ApiDoc`]'s modifiers from the same constants the server uses: the error responses of every
//! operation from the one table of codes (`embargo_errors::Code`), the security schemes, the
//! accepted schemas and the limits.

use crate::limits::Limits;
use crate::yente::{MatchResult, SCHEMAS};
use embargo_errors::Code;
use serde::Serialize;
use std::collections::BTreeMap;
use utoipa::openapi::path::Operation;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{ContentBuilder, OpenApi as OpenApiDoc, RefOr, ResponseBuilder};
use utoipa::{IntoParams, Modify, OpenApi, ToSchema};

/// `POST /match` (the body). Parsed by hand in `yente.rs` for field-level errors; this type
/// documents the same shape.
#[derive(Debug, ToSchema)]
#[allow(dead_code)] // a document of the body, read by utoipa only
pub struct MatchRequestBody {
    /// Query entities by the client's keys (at most `max_queries`).
    queries: BTreeMap<String, QueryEntity>,
    /// Score from which a result is a match (default 0.8).
    threshold: Option<f64>,
    /// Lowest score returned (default: the threshold).
    cutoff: Option<f64>,
    /// Results per query (1..=max_results, default 10).
    limit: Option<usize>,
    /// List ids to screen against (default: all).
    lists: Option<Vec<String>>,
    /// Attach the explanation tree to each result.
    explain: Option<bool>,
    /// `embargo` (default) or `ofac` (OFAC's Sanctions List Search scoring); yente's algorithm
    /// names are accepted and screen with the default.
    algorithm: Option<String>,
}

/// One party described by example, in FollowTheMoney terms.
#[derive(Debug, ToSchema)]
#[allow(dead_code)] // a document of the body, read by utoipa only
pub struct QueryEntity {
    /// `Person`, `Organization`, `Company`, `PublicBody`, `Vessel`, `Airplane`, `Aircraft`, or
    /// `LegalEntity`, `Thing`, `Asset`, `Entity` for every kind.
    schema: String,
    /// The firm's id of the party: the screening is recorded in the case store (hits at the
    /// threshold become alerts) and the response carries its `screening_id`.
    subject_id: Option<String>,
    /// FollowTheMoney properties, each a string or an array of strings: name, alias,
    /// previousName, weakAlias, firstName, middleName, lastName, fatherName, birthDate,
    /// incorporationDate, nationality, citizenship, country, jurisdiction, idNumber,
    /// passportNumber, taxNumber, registrationNumber, innCode, ogrnCode, leiCode, imoNumber,
    /// mmsi, swiftBic, gender, ... Others are accepted and listed as ignored_properties.
    properties: BTreeMap<String, Vec<String>>,
}

/// Query-string options of `/match` (they win over the body's).
#[derive(Debug, IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)] // a document of the query string, read by utoipa only
pub struct MatchOptions {
    /// Score from which a result is a match (default 0.8).
    threshold: Option<f64>,
    /// Lowest score returned (default: the threshold).
    cutoff: Option<f64>,
    /// Results per query.
    limit: Option<usize>,
    /// Comma-separated list ids to screen against (default: all).
    lists: Option<String>,
    /// Attach explanations.
    explain: Option<bool>,
    /// `embargo` (default) or `ofac`.
    algorithm: Option<String>,
    /// Screen the list versions in force at this time (RFC 3339, e.g. `2026-12-01T00:00:00Z`)
    /// or exactly these versions (`ofac-sdn@3,un@2`) instead of the active ones; `lists` in
    /// the response names the versions used.
    as_of: Option<String>,
}

/// `POST /match`: results per query, the screening's id and the list versions it used.
#[derive(Debug, Serialize, ToSchema)]
pub struct MatchResponse {
    /// UUIDv7; also in the X-Screening-Id header and the access log.
    pub screening_id: String,
    /// RFC 3339 UTC.
    pub screened_at: String,
    /// One response per query key of the request.
    pub responses: BTreeMap<String, QueryResponse>,
    /// The match threshold applied.
    pub threshold: f64,
    /// The lowest score returned.
    pub cutoff: f64,
    /// Results per query at most.
    pub limit: usize,
    /// The scorer used: `embargo` or `ofac`.
    pub algorithm: &'static str,
    /// Every list version the screening used.
    pub lists: Vec<ListUsed>,
}

/// The results of one query entity.
#[derive(Debug, Serialize, ToSchema)]
pub struct QueryResponse {
    /// 200 (yente compatibility).
    pub status: u16,
    /// Best first.
    pub results: Vec<MatchResult>,
    /// How many results.
    pub total: Total,
    /// The query as understood.
    pub query: QueryEcho,
    /// Properties given that screening does not use.
    pub ignored_properties: Vec<String>,
    /// When the query named a `subject_id`: the recorded screening.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recorded: Option<RecordedScreening>,
}

/// A screening recorded in the case store.
#[derive(Debug, Serialize, ToSchema)]
pub struct RecordedScreening {
    /// The screening record's id (`SCR12`).
    pub screening_id: String,
    /// Alerts it created (new and re-review).
    pub alerts: Vec<String>,
    /// What each result became: `new_alert`, `open_alert`, `suppressed` (by `S12`),
    /// `known_match`, `re_review`, `below_threshold`, in result order.
    #[schema(value_type = Vec<Object>)]
    pub dispositions: Vec<embargo_cases::Disposition>,
}

/// yente's result count.
#[derive(Debug, Serialize, ToSchema)]
pub struct Total {
    /// The number of results.
    pub value: usize,
    /// Always `eq`.
    pub relation: &'static str,
}

/// A query as understood: its schema and the names screened.
#[derive(Debug, Serialize, ToSchema)]
pub struct QueryEcho {
    /// The schema given.
    pub schema: String,
    /// The names screened.
    pub names: Vec<String>,
}

/// One list version a screening used.
#[derive(Debug, Serialize, ToSchema)]
pub struct ListUsed {
    /// The list id.
    pub list: String,
    /// Its version.
    pub version: u32,
    /// sha256 of the files the version was imported from.
    pub sha256: String,
}

/// `GET /search` query string.
#[derive(Debug, IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)] // a document of the query string, read by utoipa only
pub struct SearchParams {
    /// The words to find (each must match a word of one name: exactly, as a prefix or within
    /// edits); at most 200 characters.
    q: String,
    /// Results per page (1..=max_results, default 20).
    limit: Option<usize>,
    /// Results to skip (default 0).
    offset: Option<usize>,
}

/// `GET /search`: one page of entities.
#[derive(Debug, Serialize, ToSchema)]
pub struct SearchResponse {
    /// The query as given.
    pub q: String,
    /// The page size.
    pub limit: usize,
    /// Results skipped.
    pub offset: usize,
    /// Entities found in all.
    pub total: usize,
    /// The page, best first.
    pub results: Vec<SearchHit>,
}

/// One entity found by `/search`.
#[derive(Debug, Serialize, ToSchema)]
pub struct SearchHit {
    /// The entity id.
    pub id: String,
    /// Its primary name.
    pub caption: String,
    /// person, organization, vessel, aircraft.
    pub kind: String,
    /// The list id.
    pub list: String,
    /// The list version.
    pub list_version: String,
    /// The name that matched best.
    pub matched_name: String,
    /// 0..1: 1 when every word of the name was typed exactly.
    pub score: f64,
}

impl From<embargo_engine::SearchResult> for SearchHit {
    fn from(r: embargo_engine::SearchResult) -> SearchHit {
        SearchHit {
            id: r.id,
            caption: r.caption,
            kind: r.kind.as_str().to_owned(),
            list: r.list,
            list_version: r.list_version,
            matched_name: r.matched_name,
            score: r.score,
        }
    }
}

/// `GET /entities/{id}`: the entity and the list version it is from.
#[derive(Debug, Serialize, ToSchema)]
pub struct EntityResponse {
    /// Every field of the entity (the model of `embargo-model`: names, dates, countries,
    /// identifiers, addresses, programmes, provenance ...).
    #[schema(value_type = Object)]
    pub entity: std::sync::Arc<embargo_model::Entity>,
    /// The list version in force that holds it.
    #[schema(value_type = Option<Object>)]
    pub list: Option<embargo_store::ListVersion>,
}

/// `GET /lists`: the list versions in force.
#[derive(Debug, Serialize, ToSchema)]
pub struct ListsResponse {
    /// Each version: list, version, publisher, format, publication_date, imported_at, sha256,
    /// entities, warnings, reader_version, active.
    #[schema(value_type = Vec<Object>)]
    pub lists: Vec<embargo_store::ListVersion>,
    /// Entities in all.
    pub entities: usize,
    /// RFC 3339 UTC time the lists in force were loaded.
    pub loaded_at: Option<String>,
    /// How long loading them took.
    pub load_ms: u64,
    /// The self-test of each version in force, if it ran after its import: list, version,
    /// cases, found, recall, floor, at.
    #[schema(value_type = Vec<Object>)]
    pub self_tests: Vec<embargo_monitor::SelfTestRow>,
}

/// `GET /healthz`.
#[derive(Debug, Serialize, ToSchema)]
pub struct HealthResponse {
    /// `ok`.
    pub status: &'static str,
}

/// `GET /readyz` when ready.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReadyResponse {
    /// `ready`.
    pub status: &'static str,
    /// `list@version` of every list in force.
    pub lists: Vec<String>,
    /// Entities in all.
    pub entities: usize,
}

/// Every error response: `{"error": {"code", "message"}}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    /// The error.
    pub error: ErrorDetail,
}

/// A stable code and a message for people.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorDetail {
    /// A code of the table in docs/errors.md (`x-error-codes` lists them).
    pub code: String,
    /// What was wrong and where.
    pub message: String,
}

/// The OpenAPI document: paths come from the handlers' `#[utoipa::path]` (collected by the
/// router in `routes.rs`), components from the types above.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "embargo screening API",
        description = "Sanctions screening. /match is compatible with the OpenSanctions yente API. Error codes: docs/errors.md."
    ),
    components(schemas(ErrorBody, ErrorDetail, MatchRequestBody, QueryEntity)),
    modifiers(&Security)
)]
pub struct ApiDoc;

struct Security;

impl Modify for Security {
    fn modify(&self, openapi: &mut OpenApiDoc) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
        components.add_security_scheme(
            "apiKey",
            SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::new("X-API-Key"))),
        );
    }
}

/// Completes the generated document with what the types do not say: every operation's error
/// responses (one per HTTP status of the code table that can answer it), the table of codes, the
/// accepted schemas and the limits.
pub fn finish(mut doc: OpenApiDoc, limits: &Limits) -> serde_json::Value {
    doc.info.version = env!("CARGO_PKG_VERSION").to_owned();
    for (path, item) in doc.paths.paths.iter_mut() {
        let public = matches!(path.as_str(), "/healthz" | "/readyz" | "/metrics" | "/openapi.json");
        for operation in
            [&mut item.get, &mut item.post, &mut item.put, &mut item.delete].into_iter().flatten()
        {
            add_error_responses(operation, public);
        }
    }
    let mut value = serde_json::to_value(&doc).expect("the OpenAPI document serialises");
    let codes: Vec<serde_json::Value> = Code::ALL
        .iter()
        .map(|c| {
            serde_json::json!({"code": c.as_str(), "status": c.http_status(), "kind": c.kind().as_str(), "description": c.description()})
        })
        .collect();
    value["x-error-codes"] = codes.into();
    value["x-schemas"] = SCHEMAS.iter().map(|(name, _)| *name).collect::<Vec<_>>().into();
    value["x-limits"] = serde_json::json!({
        "max_body_bytes": limits.max_body_bytes,
        "max_queries": limits.max_queries,
        "max_value_chars": limits.max_value_chars,
        "max_values_per_property": limits.max_values_per_property,
        "max_results": limits.max_results,
        "max_offset": limits.max_offset,
        "request_timeout_ms": limits.request_timeout.as_millis() as u64,
        "rate_per_second": limits.rate_per_second,
        "rate_burst": limits.rate_burst,
    });
    value
}

/// Adds an error response for each status of the code table that `operation` can answer:
/// every status for an authenticated operation, the generic ones for a public one.
fn add_error_responses(operation: &mut Operation, public: bool) {
    let mut by_status: BTreeMap<u16, Vec<&'static str>> = BTreeMap::new();
    for code in Code::ALL {
        let status = code.http_status();
        let applies = !public || matches!(status, 404 | 405 | 408 | 500 | 503);
        if applies {
            by_status.entry(status).or_default().push(code.as_str());
        }
    }
    for (status, codes) in by_status {
        let key = status.to_string();
        if operation.responses.responses.contains_key(&key) {
            continue;
        }
        let response = ResponseBuilder::new()
            .description(format!("Error; code one of: {}", codes.join(", ")))
            .content(
                "application/json",
                ContentBuilder::new()
                    .schema(Some(RefOr::Ref(utoipa::openapi::Ref::from_schema_name("ErrorBody"))))
                    .build(),
            )
            .build();
        operation.responses.responses.insert(key, RefOr::T(response));
    }
}
