//! The router: endpoints, the request-context layer (request id, timeout, access log,
//! metrics), authentication with the per-key rate limit, and the panic guard.

use crate::api::{
    ApiDoc, EntityResponse, HealthResponse, ListUsed, ListsResponse, MatchOptions, MatchRequestBody,
    MatchResponse, QueryEcho, QueryResponse, ReadyResponse, RecordedScreening, SearchHit, SearchParams,
    SearchResponse, Total,
};
use crate::error::{ApiError, ResponseCode};
use crate::keys::{Principal, Role, Roles};
use crate::metrics::label;
use crate::state::AppState;
use crate::yente::{parse_match, MatchParams, MatchResult};
use axum::body::Body;
use axum::extract::rejection::QueryRejection;
use axum::extract::{MatchedPath, Path, Query, Request, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use axum::{Json, Router};
use embargo_errors::Code;
use embargo_matcher::ScreenOptions;
use serde::Deserialize;
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Instant;
use tower_http::catch_panic::CatchPanicLayer;
use tracing::Instrument;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The longest `/search` query, in characters.
const MAX_SEARCH_CHARS: usize = 200;

/// The name of the API key a request was authenticated with (`anonymous` under `--no-auth`),
/// left in the response for the access log.
#[derive(Debug, Clone)]
pub struct KeyName(pub Arc<str>);

/// The screening id of a `/match` response, for the access log.
#[derive(Debug, Clone)]
struct ScreeningId(String);

/// Builds the service.
pub fn router(state: Arc<AppState>) -> Router {
    let (routes, doc) = routes(&state);
    let _ = state.openapi.set(crate::api::finish(doc, &state.config.limits));
    routes
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(middleware::from_fn_with_state(state.clone(), request_context))
        .layer(CatchPanicLayer::custom(panic_response))
        .with_state(state)
}

/// Every route, with the OpenAPI document generated from the handlers' annotations. Each
/// group of routes checks its role; authentication runs before every group but the public one.
pub fn routes(state: &Arc<AppState>) -> (Router<Arc<AppState>>, utoipa::openapi::OpenApi) {
    let screening = OpenApiRouter::new()
        .routes(routes!(match_handler))
        .routes(routes!(match_dataset_handler))
        .routes(routes!(search_handler))
        .routes(routes!(entity_handler))
        .routes(routes!(lists_handler));
    let mut groups = vec![(Role::Screen, screening)];
    groups.extend(crate::case_routes::routes());
    groups.extend(crate::subject_routes::routes());
    groups.extend(crate::screen_routes::routes());
    let mut doc = ApiDoc::openapi();
    let mut protected = Router::new();
    for (role, group) in groups {
        let (router, group_doc) = group.split_for_parts();
        protected =
            protected.merge(router.route_layer(middleware::from_fn(move |r, n| require_role(role, r, n))));
        doc.merge(group_doc);
    }
    let (public, public_doc) = OpenApiRouter::new()
        .routes(routes!(healthz))
        .routes(routes!(readyz))
        .routes(routes!(metrics_handler))
        .routes(routes!(openapi_handler))
        .split_for_parts();
    doc.merge(public_doc);
    // The outer layer (authentication) runs before each group's role check.
    let protected = protected.route_layer(middleware::from_fn_with_state(state.clone(), authenticate));
    let mut all = public.merge(protected);
    if state.config.ui {
        // The web page authenticates by session cookie, not by key: outside `protected`.
        all = all.merge(crate::ui::router(state));
    }
    (all, doc)
}

fn panic_response(_: Box<dyn std::any::Any + Send + 'static>) -> Response {
    tracing::error!("a handler panicked; answered 500");
    ApiError::internal("internal error; the request was logged").into_response()
}

async fn not_found() -> ApiError {
    ApiError::new(Code::NotFound, "no such endpoint; see /openapi.json")
}

async fn method_not_allowed() -> ApiError {
    ApiError::new(Code::MethodNotAllowed, "method not allowed on this endpoint")
}

/// A request id from the client's `X-Request-Id` when it is short and plain, else a new one.
fn request_id(headers: &HeaderMap) -> String {
    headers
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .filter(|id| {
            !id.is_empty()
                && id.len() <= 64
                && id.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
        })
        .map(str::to_owned)
        .unwrap_or_else(|| uuid::Uuid::now_v7().to_string())
}

/// Request id, timeout, metrics and the access log, around every request.
async fn request_context(State(state): State<Arc<AppState>>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let id = request_id(request.headers());
    let route = request.extensions().get::<MatchedPath>().map(|p| p.as_str().to_owned());
    let method = request.method().clone();
    let span = tracing::info_span!("request", request_id = %id);
    let timeout = state.config.limits.request_timeout;
    let mut response = match tokio::time::timeout(timeout, next.run(request).instrument(span)).await {
        Ok(response) => response,
        Err(_) => ApiError::new(
            Code::RequestTimeout,
            format!("the request took longer than {} ms", timeout.as_millis()),
        )
        .into_response(),
    };
    let elapsed = started.elapsed();
    let route = route.as_deref().unwrap_or(crate::metrics::UNROUTED);
    let status = response.status().as_u16();
    state.metrics.record(route, status, elapsed);
    let code = response.extensions().get::<ResponseCode>().map(|c| c.0.as_str()).unwrap_or("");
    let screening_id = response.extensions().get::<ScreeningId>().map(|s| s.0.as_str()).unwrap_or("");
    let key = response.extensions().get::<KeyName>().map(|k| k.0.to_string()).unwrap_or_default();
    tracing::info!(
        target: "embargo_server::access",
        request_id = %id,
        method = %method,
        route,
        status,
        micros = elapsed.as_micros() as u64,
        key = %key,
        screening_id,
        error_code = code,
        "request"
    );
    if let Ok(value) = HeaderValue::from_str(&id) {
        response.headers_mut().insert("x-request-id", value);
    }
    response
}

/// Checks the API key (`Authorization: Bearer` or `X-API-Key`) and takes one token of the
/// key's rate limit; leaves the [`Principal`] in the request for the handlers.
async fn authenticate(State(state): State<Arc<AppState>>, mut request: Request, next: Next) -> Response {
    let principal = if state.config.require_auth {
        let headers = request.headers();
        let presented = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer ").or_else(|| v.strip_prefix("bearer ")))
            .or_else(|| headers.get("x-api-key").and_then(|v| v.to_str().ok()))
            .map(str::trim);
        let Some(presented) = presented else {
            state.metrics.unauthorized.fetch_add(1, Ordering::Relaxed);
            return with_challenge(ApiError::new(
                Code::MissingApiKey,
                "an API key is required: send `Authorization: Bearer <key>` or `X-API-Key: <key>`",
            ));
        };
        let Some(ring) = state.keys.load_full() else {
            return ApiError::new(
                Code::KeysUnavailable,
                "the key database cannot be read; requests are refused until it can (see the server log)",
            )
            .into_response();
        };
        match ring.verify(presented) {
            Some(principal) => principal,
            None => {
                state.metrics.unauthorized.fetch_add(1, Ordering::Relaxed);
                return with_challenge(ApiError::new(
                    Code::InvalidApiKey,
                    "the API key is not valid (unknown or revoked)",
                ));
            }
        }
    } else {
        Principal { name: Arc::from("anonymous"), roles: Roles::of(&[Role::Admin]) }
    };
    if let Err(err) = charge(&state, &principal, 1) {
        return err.into_response();
    }
    let name = principal.name.clone();
    request.extensions_mut().insert(principal);
    let mut response = next.run(request).await;
    response.extensions_mut().insert(KeyName(name));
    response
}

/// Takes `cost` tokens (names screened, or 1 for a request) from the key's rate limit.
pub(crate) fn charge(state: &AppState, principal: &Principal, cost: usize) -> Result<(), ApiError> {
    state.rate_limiter.check(&principal.name, cost as f64, Instant::now()).map_err(|retry_after| {
        state.metrics.rate_limited.fetch_add(1, Ordering::Relaxed);
        let mut err = ApiError::new(
            Code::RateLimited,
            format!(
                "more than {} names a second for this key (this request asks for {cost}); retry in {retry_after} s",
                state.config.limits.rate_per_second
            ),
        );
        err.retry_after = Some(retry_after);
        err
    })
}

/// Refuses a request whose key lacks `role` (403 `forbidden`).
async fn require_role(role: Role, request: Request, next: Next) -> Response {
    let allowed = request.extensions().get::<Principal>().is_some_and(|p| p.roles.allows(role));
    if !allowed {
        return ApiError::new(
            Code::Forbidden,
            format!("this endpoint needs a key with the {} role", role.as_str()),
        )
        .into_response();
    }
    next.run(request).await
}

/// One query entity screened (and recorded, when it named a subject).
struct Screened {
    query: crate::yente::MatchQuery,
    hits: Vec<embargo_matcher::Hit>,
    recorded: Option<RecordedScreening>,
}

/// Sets its flag when dropped: the request's future is dropped when the request times out, and
/// the screening it started on the blocking pool sees the flag and stops.
struct CancelOnDrop(Arc<AtomicBool>);

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

fn with_challenge(err: ApiError) -> Response {
    let mut response = err.into_response();
    response.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
    response
}

/// Reads the whole body, within the size limit.
pub(crate) async fn read_body(body: Body, max: usize) -> Result<axum::body::Bytes, ApiError> {
    axum::body::to_bytes(body, max).await.map_err(|err| {
        let inner = err.into_inner();
        let mut source: Option<&(dyn std::error::Error + 'static)> = Some(inner.as_ref());
        let mut too_large = false;
        while let Some(e) = source {
            too_large |= e.is::<http_body_util::LengthLimitError>();
            source = e.source();
        }
        if too_large {
            ApiError::new(Code::BodyTooLarge, format!("the request body is larger than {max} bytes"))
        } else {
            ApiError::new(Code::BodyReadError, format!("reading the request body: {inner}"))
        }
    })
}

fn query_pairs(
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Result<Vec<(String, String)>, ApiError> {
    query.map(|Query(pairs)| pairs).map_err(|e| ApiError::new(Code::InvalidQueryString, e.body_text()))
}

/// Dataset names of yente that mean "every list" here.
const ALL_LISTS_DATASETS: [&str; 3] = ["default", "sanctions", "all"];

/// `POST /match/{dataset}`, yente's form: a dataset of [`ALL_LISTS_DATASETS`] screens every list,
/// another name is a list id (as `lists=`).
#[utoipa::path(
    post,
    path = "/match/{dataset}",
    tag = "screening",
    summary = "yente's form of /match: dataset `default`, `sanctions` or `all` screens every list; another value is a list id.",
    params(("dataset" = String, Path, example = "default"), MatchOptions),
    request_body = MatchRequestBody,
    responses((status = 200, description = "Results per query", body = MatchResponse)),
    security(("bearer" = []), ("apiKey" = []))
)]
async fn match_dataset_handler(
    state: State<Arc<AppState>>,
    principal: Extension<Principal>,
    Path(dataset): Path<String>,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let dataset = (!ALL_LISTS_DATASETS.contains(&dataset.as_str())).then_some(dataset);
    screen_request(state, principal, dataset, query, headers, body).await
}

#[utoipa::path(
    post,
    path = "/match",
    tag = "screening",
    summary = "Screen one or more query entities described by example (yente-compatible).",
    params(MatchOptions),
    request_body = MatchRequestBody,
    responses((status = 200, description = "Results per query", body = MatchResponse)),
    security(("bearer" = []), ("apiKey" = []))
)]
async fn match_handler(
    state: State<Arc<AppState>>,
    principal: Extension<Principal>,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    screen_request(state, principal, None, query, headers, body).await
}

async fn screen_request(
    State(state): State<Arc<AppState>>,
    Extension(principal): Extension<Principal>,
    dataset: Option<String>,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let limits = &state.config.limits;
    if let Some(length) =
        headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<u64>().ok())
    {
        if length > limits.max_body_bytes as u64 {
            return Err(ApiError::new(
                Code::BodyTooLarge,
                format!("the request body is {length} bytes; at most {} are allowed", limits.max_body_bytes),
            ));
        }
    }
    let mut params = MatchParams::from_query_string(&query_pairs(query)?, limits)?;
    if let Some(list) = dataset {
        params.lists.get_or_insert_with(Vec::new).push(list);
    }
    let bytes = read_body(body, limits.max_body_bytes).await?;
    let body: Value = serde_json::from_slice(&bytes).map_err(|e| {
        ApiError::new(
            Code::MalformedJson,
            format!("the body is not valid JSON: {e} (expected {{\"queries\": {{...}}}})"),
        )
    })?;
    let request = parse_match(&body, params, limits)?;
    // The request took one token; the work it asks for is one token per name screened.
    let names: usize = request.queries.iter().map(|q| q.query.names.len().max(1)).sum();
    charge(&state, &principal, names.saturating_sub(1))?;
    let snapshot = match request.params.as_of.clone() {
        Some(when) => {
            let as_of_state = state.clone();
            tokio::task::spawn_blocking(move || crate::as_of::snapshot(&as_of_state, &when))
                .await
                .map_err(|_| ApiError::internal("loading the versions asked for failed"))??
        }
        None => state.snapshot().filter(|s| !s.lists().is_empty()).ok_or_else(|| {
            ApiError::not_ready("no lists are loaded yet; import lists and wait for /readyz")
        })?,
    };
    if let Some(lists) = &request.params.lists {
        snapshot.check_lists(lists).map_err(|e| ApiError::from_error(&e))?;
    }
    let threshold = request.params.threshold.unwrap_or(embargo_matcher::DEFAULT_THRESHOLD);
    let options = ScreenOptions {
        threshold: request.params.cutoff.unwrap_or(threshold).min(threshold),
        limit: request.params.limit.unwrap_or(10),
        lists: request.params.lists.clone(),
        explain: request.params.explain.unwrap_or(false),
        algorithm: request.params.algorithm.unwrap_or_default(),
    };
    let screening_id = uuid::Uuid::now_v7().to_string();
    let screen_snapshot = snapshot.clone();
    let screen_options = options.clone();
    let queries = request.queries;
    let cancelled = Arc::new(AtomicBool::new(false));
    let _cancel_on_timeout = CancelOnDrop(cancelled.clone());
    let task_state = state.clone();
    // CPU-bound: off the async workers, so slow screenings do not stall other connections. When
    // the request times out its future is dropped; the loop sees the flag and stops between
    // query entities instead of screening the rest for nobody.
    // Queries naming a subject are recorded in the case store: alerts at the match threshold
    // (not the cutoff), idempotent when the client sends the same X-Request-Id again.
    let record_context = queries.iter().any(|q| q.subject_id.is_some()).then(|| {
        let alert_options = ScreenOptions { threshold, ..options.clone() };
        embargo_cases::from_engine::context(&snapshot, &alert_options, options.algorithm.name())
    });
    let client_request_id = headers.get("x-request-id").and_then(|v| v.to_str().ok()).map(str::to_owned);
    let by = format!("api:{}", principal.name);
    let screened = tokio::task::spawn_blocking(move || -> Result<Vec<Screened>, ApiError> {
        let total = queries.len();
        let mut screened = Vec::with_capacity(total);
        for q in queries {
            if cancelled.load(Ordering::Relaxed) {
                let left = (total - screened.len()) as u64;
                task_state.metrics.queries_cancelled.fetch_add(left, Ordering::Relaxed);
                break;
            }
            let hits = screen_snapshot.screen_unchecked(&q.query, &screen_options);
            let recorded = match (&q.subject_id, &record_context) {
                (Some(subject), Some(context)) => {
                    let request_id = client_request_id.as_ref().map(|r| format!("http:{r}:{}", q.key));
                    let input =
                        embargo_cases::from_engine::screening(subject, &q.query, &hits, &by, request_id);
                    let recorded = task_state
                        .cases
                        .record_screening(context, &input)
                        .map_err(|e| ApiError::from_error(&e))?;
                    Some(RecordedScreening {
                        screening_id: recorded.id.clone(),
                        alerts: recorded.new_alerts().into_iter().map(str::to_owned).collect(),
                        dispositions: recorded.hits,
                    })
                }
                _ => None,
            };
            screened.push(Screened { query: q, hits, recorded });
        }
        Ok(screened)
    })
    .await
    .map_err(|e| {
        tracing::error!(error = %e, "screening task failed");
        ApiError::internal("screening failed; the request was logged")
    })??;
    let mut responses = BTreeMap::new();
    let (mut results_count, mut matches) = (0u64, 0u64);
    let query_count = screened.len() as u64;
    for Screened { query: q, hits, recorded } in screened {
        let results: Vec<MatchResult> = hits
            .into_iter()
            .map(|hit| {
                let version = snapshot.version_of(&hit.entity.provenance.list).map(|v| v.version);
                MatchResult::from_hit(hit, threshold, version)
            })
            .collect();
        results_count += results.len() as u64;
        matches += results.iter().filter(|r| r.is_match).count() as u64;
        let total = results.len();
        responses.insert(
            q.key,
            QueryResponse {
                status: 200,
                results,
                total: Total { value: total, relation: "eq" },
                query: QueryEcho { schema: q.schema, names: q.query.names },
                ignored_properties: q.ignored_properties,
                recorded,
            },
        );
    }
    state.metrics.queries.fetch_add(query_count, Ordering::Relaxed);
    state.metrics.hits.fetch_add(results_count, Ordering::Relaxed);
    state.metrics.matches.fetch_add(matches, Ordering::Relaxed);
    let lists = snapshot
        .lists()
        .iter()
        .filter(|v| options.lists.as_ref().is_none_or(|wanted| wanted.contains(&v.list)))
        .map(|v| ListUsed { list: v.list.clone(), version: v.version, sha256: v.sha256.clone() })
        .collect();
    let body = MatchResponse {
        screening_id: screening_id.clone(),
        screened_at: format!("{:.0}", jiff::Timestamp::now()),
        responses,
        threshold,
        cutoff: options.threshold,
        limit: options.limit,
        algorithm: options.algorithm.name(),
        lists,
    };
    let mut response = Json(body).into_response();
    if let Ok(value) = HeaderValue::from_str(&screening_id) {
        response.headers_mut().insert("x-screening-id", value);
    }
    response.extensions_mut().insert(ScreeningId(screening_id));
    Ok(response)
}

/// The raw query string of `/search` (validated by hand for field-level errors; documented by
/// [`crate::api::SearchParams`]).
#[derive(Deserialize)]
struct RawSearchParams {
    q: Option<String>,
    limit: Option<String>,
    offset: Option<String>,
}

#[utoipa::path(
    get,
    path = "/search",
    tag = "screening",
    summary = "Find entities by name (prefix and fuzzy), paged.",
    params(SearchParams),
    responses((status = 200, description = "One page of entities", body = SearchResponse)),
    security(("bearer" = []), ("apiKey" = []))
)]
async fn search_handler(
    State(state): State<Arc<AppState>>,
    params: Result<Query<RawSearchParams>, QueryRejection>,
) -> Result<Json<SearchResponse>, ApiError> {
    let limits = &state.config.limits;
    let Query(params) = params.map_err(|e| ApiError::new(Code::InvalidQueryString, e.body_text()))?;
    let q = params.q.unwrap_or_default();
    let q = q.trim();
    if q.is_empty() {
        return Err(ApiError::new(Code::InvalidParameter, "parameter q: a name to search for is required"));
    }
    let chars = q.chars().count();
    if chars > MAX_SEARCH_CHARS {
        return Err(ApiError::new(
            Code::ValueTooLong,
            format!("parameter q: {chars} characters; at most {MAX_SEARCH_CHARS} are allowed"),
        ));
    }
    let number =
        |name: &str, value: Option<String>, default: usize, range: std::ops::RangeInclusive<usize>| {
            match value {
                None => Ok(default),
                Some(v) => v.trim().parse::<usize>().ok().filter(|n| range.contains(n)).ok_or_else(|| {
                    ApiError::new(
                        Code::InvalidParameter,
                        format!(
                            "parameter {name}: expected a whole number from {} to {}",
                            range.start(),
                            range.end()
                        ),
                    )
                }),
            }
        };
    let limit = number("limit", params.limit, 20, 1..=limits.max_results)?;
    let offset = number("offset", params.offset, 0, 0..=limits.max_offset)?;
    let snapshot = state
        .snapshot()
        .ok_or_else(|| ApiError::not_ready("no lists are loaded yet; import lists and wait for /readyz"))?;
    let q_owned = q.to_owned();
    let page = tokio::task::spawn_blocking(move || snapshot.search().search(&q_owned, limit, offset))
        .await
        .map_err(|_| ApiError::internal("search failed; the request was logged"))?;
    Ok(Json(SearchResponse {
        q: q.to_owned(),
        limit,
        offset,
        total: page.total,
        results: page.results.into_iter().map(SearchHit::from).collect(),
    }))
}

#[utoipa::path(
    get,
    path = "/entities/{id}",
    tag = "screening",
    summary = "One entity, every field, with its provenance and list version.",
    params(("id" = String, Path, example = "un:IRi.003")),
    responses((status = 200, description = "The entity", body = EntityResponse)),
    security(("bearer" = []), ("apiKey" = []))
)]
async fn entity_handler(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
) -> Result<Json<EntityResponse>, ApiError> {
    let snapshot = state
        .snapshot()
        .ok_or_else(|| ApiError::not_ready("no lists are loaded yet; import lists and wait for /readyz"))?;
    let entity = snapshot.entity(&id).cloned().ok_or_else(|| {
        ApiError::new(Code::EntityNotFound, format!("no entity {:?} in the lists in force", truncate(&id)))
    })?;
    let list = snapshot.version_of(&entity.provenance.list).cloned();
    Ok(Json(EntityResponse { entity, list }))
}

fn truncate(s: &str) -> String {
    s.chars().take(120).collect()
}

#[utoipa::path(
    get,
    path = "/lists",
    tag = "screening",
    summary = "The lists and versions in force.",
    responses((status = 200, description = "Lists", body = ListsResponse)),
    security(("bearer" = []), ("apiKey" = []))
)]
async fn lists_handler(State(state): State<Arc<AppState>>) -> Result<Json<ListsResponse>, ApiError> {
    let snapshot = state
        .snapshot()
        .ok_or_else(|| ApiError::not_ready("no lists are loaded yet; import lists and wait for /readyz"))?;
    let dir = state.config.data_dir.clone();
    let self_tests = tokio::task::spawn_blocking(move || embargo_monitor::self_tests_in(&dir))
        .await
        .map_err(|_| ApiError::internal("reading the self-tests failed"))?
        .map_err(|e| ApiError::from_error(&e))?
        .into_iter()
        .filter(|t| snapshot.lists().iter().any(|v| v.list == t.list && v.version == t.version))
        .collect();
    Ok(Json(ListsResponse {
        lists: snapshot.lists().to_vec(),
        entities: snapshot.entity_count(),
        loaded_at: state.loaded_at().map(|t| t.to_string()),
        load_ms: snapshot.load_time().as_millis() as u64,
        self_tests,
    }))
}

#[utoipa::path(get, path = "/healthz", tag = "service", summary = "Alive (no key needed).",
    responses((status = 200, description = "Alive", body = HealthResponse)))]
async fn healthz() -> Json<HealthResponse> {
    Json(HealthResponse { status: "ok" })
}

#[utoipa::path(get, path = "/readyz", tag = "service", summary = "Lists loaded and index built (no key needed).",
    responses((status = 200, description = "Ready", body = ReadyResponse)))]
async fn readyz(State(state): State<Arc<AppState>>) -> Response {
    match state.snapshot() {
        Some(snapshot) if !snapshot.lists().is_empty() => Json(ReadyResponse {
            status: "ready",
            lists: snapshot.labels(),
            entities: snapshot.entity_count(),
        })
        .into_response(),
        Some(_) => ApiError::not_ready("the store has no lists; import some").into_response(),
        None => ApiError::not_ready("loading lists").into_response(),
    }
}

#[utoipa::path(get, path = "/metrics", tag = "service", summary = "Prometheus text format (no key needed).",
    responses((status = 200, description = "Metrics", content_type = "text/plain", body = String)))]
async fn metrics_handler(State(state): State<Arc<AppState>>) -> Response {
    let mut out = String::with_capacity(8 * 1024);
    state.metrics.render(&mut out);
    let ready = state.is_ready();
    let _ = writeln!(
        out,
        "# HELP embargo_ready Whether lists are loaded and indexed.\n# TYPE embargo_ready gauge"
    );
    let _ = writeln!(out, "embargo_ready {}", u8::from(ready));
    if let Some(snapshot) = state.snapshot() {
        let now = jiff::Timestamp::now().as_second();
        let _ = writeln!(
            out,
            "# HELP embargo_list_version Active version of each list.\n# TYPE embargo_list_version gauge"
        );
        for v in snapshot.lists() {
            let _ = writeln!(out, "embargo_list_version{{list=\"{}\"}} {}", label(&v.list), v.version);
        }
        let _ = writeln!(
            out,
            "# HELP embargo_list_entities Entities of each list.\n# TYPE embargo_list_entities gauge"
        );
        for v in snapshot.lists() {
            let _ = writeln!(out, "embargo_list_entities{{list=\"{}\"}} {}", label(&v.list), v.entities);
        }
        let _ = writeln!(
            out,
            "# HELP embargo_list_age_seconds Seconds since each active list version was imported.\n# TYPE embargo_list_age_seconds gauge"
        );
        for v in snapshot.lists() {
            if let Ok(imported) = v.imported_at.parse::<jiff::Timestamp>().map(|t| t.as_second()) {
                let _ = writeln!(
                    out,
                    "embargo_list_age_seconds{{list=\"{}\"}} {}",
                    label(&v.list),
                    now - imported
                );
            }
        }
        let _ = writeln!(
            out,
            "# HELP embargo_list_publication_age_seconds Seconds since the publication date of each active list version.\n# TYPE embargo_list_publication_age_seconds gauge"
        );
        for v in snapshot.lists() {
            if let Some(date) = &v.publication_date {
                let day = jiff::civil::Date::new(
                    date.year as i16,
                    date.month.unwrap_or(1) as i8,
                    date.day.unwrap_or(1) as i8,
                );
                let published = day
                    .and_then(|d| d.to_zoned_datetime(jiff::tz::TimeZone::UTC))
                    .map(|z| z.timestamp().as_second());
                if let Ok(published) = published {
                    let _ = writeln!(
                        out,
                        "embargo_list_publication_age_seconds{{list=\"{}\"}} {}",
                        label(&v.list),
                        now - published
                    );
                }
            }
        }
    }
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")], out).into_response()
}

#[utoipa::path(get, path = "/openapi.json", tag = "service", summary = "This document (no key needed).",
    responses((status = 200, description = "The OpenAPI 3.1 document", body = Object)))]
async fn openapi_handler(State(state): State<Arc<AppState>>) -> Json<Value> {
    Json(state.openapi.get().cloned().unwrap_or(Value::Null))
}

#[cfg(test)]
mod tests {
    use super::*;
    use tower::ServiceExt;

    async fn boom() -> &'static str {
        panic!("a bug")
    }

    #[tokio::test]
    async fn a_panicking_handler_is_answered_500_internal_not_a_dropped_connection() {
        let app = Router::new()
            .route("/boom", axum::routing::get(boom))
            .layer(CatchPanicLayer::custom(panic_response));
        let request = axum::http::Request::get("/boom").body(Body::empty()).unwrap();
        let response = app.oneshot(request).await.unwrap();
        assert_eq!(response.status(), axum::http::StatusCode::INTERNAL_SERVER_ERROR);
        let body = axum::body::to_bytes(response.into_body(), 1 << 16).await.unwrap();
        let body: Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(body["error"]["code"], "internal");
    }

    #[test]
    fn request_ids_from_clients_are_kept_only_when_plain() {
        let mut headers = HeaderMap::new();
        headers.insert("x-request-id", HeaderValue::from_static("abc-123_x.y"));
        assert_eq!(request_id(&headers), "abc-123_x.y");
        headers.insert("x-request-id", HeaderValue::from_static("a b\"quote"));
        assert_eq!(request_id(&headers).len(), 36, "replaced by a UUID");
    }
}
