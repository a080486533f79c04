//! Free text, payment messages and shipments over HTTP: `POST /screen/text`,
//! `POST /screen/payment` and `POST /screen/shipment` (screen role). Thin handlers over
//! `embargo-text` and `embargo-trade`: the body is read within the same limit as `/match`
//! (413 `body_too_large`), parsed (400 `malformed_json`, 422 for fields), screened on the
//! blocking pool against the snapshot in force, and library errors answer with their own
//! codes through [`ApiError::from_error`] (422 `invalid_payment_message` naming the field or
//! line, 422 `invalid_shipment` naming the field, 503 `goods_list_missing`).
//!
//! What these screeners need beside the matcher's index (the gazetteer of listed words, the
//! trade rules with the CHPL) is built once per snapshot, at the first request that needs it
//! after a reload, and kept until the next reload ([`Screeners`]).
//!
//! A payment or shipment request that names a `subject` is recorded in the case store, one
//! screening per party (`embargo_cases::from_screeners`), like `/match` with a `subject_id`.

use crate::error::ApiError;
use crate::keys::Principal;
use crate::state::AppState;
use axum::body::Body;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap};
use axum::{Extension, Json};
use embargo_cases::from_screeners;
use embargo_engine::Snapshot;
use embargo_errors::Code;
use embargo_text::{Gazetteer, Markup, TextOptions, TextScreener};
use embargo_trade::{GoodsListMissing, Rules, Shipment};
use serde::{Deserialize, Serialize};
use std::sync::{Arc, Mutex, Weak};
use utoipa::{IntoParams, ToSchema};

/// What text, payment and shipment screening need beside the snapshot's index, built for one
/// snapshot and kept while it is in force.
#[derive(Default)]
pub struct Screeners {
    prepared: Mutex<Option<Arc<Prepared>>>,
}

/// The gazetteer and the shipment screener of one snapshot.
struct Prepared {
    /// The snapshot they were built from (weak: a replaced snapshot is not kept alive).
    snapshot: Weak<Snapshot>,
    gazetteer: Gazetteer,
    trade: Result<embargo_trade::Screener, GoodsListMissing>,
    /// The lists holding parties (not goods); `None` when that is every list.
    party_lists: Option<Vec<String>>,
    /// `list@version` of the party lists.
    party_labels: Vec<String>,
}

impl Screeners {
    /// The screeners of `snapshot`, built at the first call after it came into force.
    /// Blocking (a gazetteer takes 2.4 s over every list of shared/data/lists in a release build): call on the blocking pool.
    fn of(&self, snapshot: &Arc<Snapshot>) -> Arc<Prepared> {
        let mut slot = self.prepared.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(prepared) = slot.as_ref() {
            if Weak::ptr_eq(&prepared.snapshot, &Arc::downgrade(snapshot)) {
                return prepared.clone();
            }
        }
        let index = snapshot.index();
        let goods: std::collections::HashSet<&str> =
            index.entities().iter().filter(|e| e.is_goods()).map(|e| e.provenance.list.as_str()).collect();
        let party_lists = (!goods.is_empty()).then(|| {
            snapshot.lists().iter().map(|v| v.list.clone()).filter(|l| !goods.contains(l.as_str())).collect()
        });
        let party_labels =
            snapshot.lists().iter().filter(|v| !goods.contains(v.list.as_str())).map(|v| v.label()).collect();
        let prepared = Arc::new(Prepared {
            snapshot: Arc::downgrade(snapshot),
            gazetteer: Gazetteer::build(index),
            trade: embargo_trade::Screener::new(
                Rules::builtin(),
                index.entities().iter().map(|e| e.as_ref()),
            ),
            party_lists,
            party_labels,
        });
        *slot = Some(prepared.clone());
        prepared
    }
}

/// The snapshot in force, or 503 `not_ready`.
fn snapshot(state: &AppState) -> Result<Arc<Snapshot>, ApiError> {
    state
        .snapshot()
        .filter(|s| !s.lists().is_empty())
        .ok_or_else(|| ApiError::not_ready("no lists are loaded yet; import lists and wait for /readyz"))
}

/// The body, within the size limit of the service (413 `body_too_large` before reading when
/// the declared length is over it).
async fn body_bytes(
    state: &AppState,
    headers: &HeaderMap,
    body: Body,
) -> Result<axum::body::Bytes, ApiError> {
    let max = state.config.limits.max_body_bytes;
    if let Some(length) =
        headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<u64>().ok())
    {
        if length > max as u64 {
            return Err(ApiError::new(
                Code::BodyTooLarge,
                format!("the request body is {length} bytes; at most {max} are allowed"),
            ));
        }
    }
    crate::routes::read_body(body, max).await
}

/// A JSON body as `T`: 400 `malformed_json` when it is no JSON, 422 `invalid_request` naming
/// the field when it is not shaped as `T`.
fn parse_json<T: serde::de::DeserializeOwned>(bytes: &[u8], expected: &str) -> Result<T, ApiError> {
    serde_json::from_slice(bytes).map_err(|e| match e.classify() {
        serde_json::error::Category::Data => {
            ApiError::new(Code::InvalidRequest, format!("{e} (expected {expected})"))
        }
        _ => ApiError::new(
            Code::MalformedJson,
            format!("the body is not valid JSON: {e} (expected {expected})"),
        ),
    })
}

/// Runs `work` on the blocking pool.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(work).await.map_err(|e| {
        tracing::error!(error = %e, "screening task failed");
        ApiError::internal("screening failed; the request was logged")
    })?
}

/// The options of a text or payment request, as given.
struct RawOptions {
    threshold: Option<f64>,
    limit: Option<usize>,
    lists: Option<Vec<String>>,
    explain: Option<bool>,
    markup: Markup,
}

/// The options of a text or payment request, checked.
fn text_options(
    state: &AppState,
    snapshot: &Snapshot,
    prepared: &Prepared,
    raw: RawOptions,
) -> Result<TextOptions, ApiError> {
    let RawOptions { threshold, limit, lists, explain, markup } = raw;
    let max = state.config.limits.max_results;
    let limit = limit.unwrap_or(10);
    if !(1..=max).contains(&limit) {
        return Err(ApiError::new(
            Code::InvalidParameter,
            format!("limit: expected a whole number from 1 to {max}"),
        ));
    }
    if let Some(lists) = &lists {
        snapshot.check_lists(lists).map_err(|e| ApiError::from_error(&e))?;
    }
    Ok(TextOptions {
        threshold: threshold.unwrap_or(embargo_matcher::DEFAULT_THRESHOLD),
        limit,
        lists: lists.or_else(|| prepared.party_lists.clone()),
        explain: explain.unwrap_or(false),
        markup,
    })
}

/// `POST /screen/text`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TextRequest {
    /// The text: plain, HTML or Markdown (UTF-8), within the body limit.
    text: String,
    /// Hits scoring below this in context are not listed (default 0.8).
    threshold: Option<f64>,
    /// Hits per mention at most (default 10).
    limit: Option<usize>,
    /// List ids to screen against (default: every list of parties).
    lists: Option<Vec<String>>,
    /// Attach the explanation in context to each hit.
    explain: Option<bool>,
    /// `auto` (default), `plain`, `html` or `markdown`.
    #[schema(value_type = Option<String>)]
    markup: Option<Markup>,
}

/// `POST /screen/text`: the mentions of listed parties and the sanctioned jurisdictions.
#[derive(Debug, Serialize, ToSchema)]
pub struct TextResponse {
    /// UUIDv7 of this screening, for the logs.
    pub screening_id: String,
    /// `{"start", "end", "text", "hits": [{"entity_id", "list", "caption", "score",
    /// "matched_name", "kind"}], "linked_to"}` in text order; offsets count characters of the
    /// input. Every hit listed is an alert.
    #[schema(value_type = Vec<Object>)]
    pub mentions: Vec<embargo_text::Mention>,
    /// `{"start", "end", "text", "code", "name", "regime"}` of each sanctioned jurisdiction named.
    #[schema(value_type = Vec<Object>)]
    pub jurisdictions: Vec<embargo_text::JurisdictionMention>,
    /// `{"list", "version"}` of each list screened against.
    #[schema(value_type = Vec<Object>)]
    pub lists: Vec<embargo_text::ListVersion>,
}

#[utoipa::path(
    post,
    path = "/screen/text",
    tag = "screening",
    summary = "Find the listed parties and sanctioned jurisdictions a text names (a news article, a remittance line).",
    request_body = TextRequest,
    responses((status = 200, description = "Mentions and jurisdictions", body = TextResponse)),
    security(("bearer" = []), ("apiKey" = []))
)]
async fn screen_text(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    body: Body,
) -> Result<Json<TextResponse>, ApiError> {
    let bytes = body_bytes(&state, &headers, body).await?;
    let request: TextRequest = parse_json(&bytes, r#"{"text": "..."}"#)?;
    let snapshot = snapshot(&state)?;
    let task_state = state.clone();
    let screening = blocking(move || {
        let prepared = task_state.screeners.of(&snapshot);
        let options = text_options(
            &task_state,
            &snapshot,
            &prepared,
            RawOptions {
                threshold: request.threshold,
                limit: request.limit,
                lists: request.lists,
                explain: request.explain,
                markup: request.markup.unwrap_or_default(),
            },
        )?;
        TextScreener::new(snapshot.index(), &prepared.gazetteer)
            .screen_text(&request.text, &options)
            .map_err(|e| ApiError::from_error(&e))
    })
    .await?;
    Ok(Json(TextResponse {
        screening_id: uuid::Uuid::now_v7().to_string(),
        mentions: screening.mentions,
        jurisdictions: screening.jurisdictions,
        lists: screening.lists,
    }))
}

/// `POST /screen/payment`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PaymentRequest {
    /// The message as sent: SWIFT MT103 (block 4, or the whole FIN message) or ISO 20022
    /// pacs.008, pain.001 or pain.008 XML; the format is detected.
    message: String,
    /// Hits scoring below this are not listed (default 0.8).
    threshold: Option<f64>,
    /// List ids to screen against (default: every list of parties).
    lists: Option<Vec<String>>,
    /// Attach explanations.
    explain: Option<bool>,
    /// The firm's reference of the payment: each party field is recorded in the case store as
    /// subject `{subject}/{field}` (hits at the threshold become alerts).
    subject: Option<String>,
}

/// A party of a payment or shipment recorded in the case store.
#[derive(Debug, Serialize, ToSchema)]
pub struct RecordedParty {
    /// The subject recorded (`PAY-7/59`, `PO-4711/parties[1]`).
    pub subject: String,
    /// The screening record's id (`SCR12`).
    pub screening_id: String,
    /// Alerts it created.
    pub alerts: Vec<String>,
    /// What each hit became, in hit order.
    #[schema(value_type = Vec<Object>)]
    pub dispositions: Vec<embargo_cases::Disposition>,
}

/// `POST /screen/payment`: every field, what was screened and what was found.
#[derive(Debug, Serialize, ToSchema)]
pub struct PaymentResponse {
    /// UUIDv7 of this screening, for the logs.
    pub screening_id: String,
    /// `MT103`, `pacs.008`, `pain.001` or `pain.008`.
    pub format: String,
    /// The message's reference (MT field 20, ISO `MsgId`).
    pub reference: Option<String>,
    /// Whether any field has a hit, a mention or a sanctioned jurisdiction.
    pub alerts: bool,
    /// Per field: `{"field", "label", "screened_as", "value", "countries", "bic", "account",
    /// "hits", "mentions", "jurisdictions", "notes"}`, in message order.
    #[schema(value_type = Vec<Object>)]
    pub fields: Vec<embargo_text::FieldScreening>,
    /// `{"list", "version"}` of each list screened against.
    #[schema(value_type = Vec<Object>)]
    pub lists: Vec<embargo_text::ListVersion>,
    /// When a `subject` was given: each party field recorded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recorded: Option<Vec<RecordedParty>>,
}

/// Records the screenings of the parties in the case store (one transaction) and says, per
/// party, its screening id, the alerts it opened and each hit's disposition.
fn record_parties(
    cases: &embargo_cases::CaseStore,
    context: &embargo_cases::ScreeningContext,
    inputs: Vec<embargo_cases::ScreeningInput>,
) -> Result<Vec<RecordedParty>, ApiError> {
    let recorded = cases.record_screenings(context, &inputs).map_err(|e| ApiError::from_error(&e))?;
    Ok(inputs
        .into_iter()
        .zip(recorded)
        .map(|(input, r)| RecordedParty {
            subject: input.subject.id,
            screening_id: r.id.clone(),
            alerts: r.new_alerts().into_iter().map(str::to_owned).collect(),
            dispositions: r.hits,
        })
        .collect())
}

/// The subject a request names, checked; and who records, and the idempotency key.
fn recording(
    subject: Option<String>,
    principal: &Principal,
    headers: &HeaderMap,
    kind: &str,
) -> Result<Option<(String, String, Option<String>)>, ApiError> {
    let Some(subject) = subject else {
        return Ok(None);
    };
    let subject = subject.trim().to_owned();
    if subject.is_empty() || subject.chars().count() > 200 {
        return Err(ApiError::new(
            Code::InvalidParameter,
            "subject: expected the firm's reference, 1 to 200 characters",
        ));
    }
    let request_id = headers
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .map(|r| format!("http:{r}:{kind}:{subject}"));
    Ok(Some((subject, format!("api:{}", principal.name), request_id)))
}

#[utoipa::path(
    post,
    path = "/screen/payment",
    tag = "screening",
    summary = "Screen every field of a payment message (MT103, pacs.008, pain.001, pain.008): parties as names, free text as text, places against sanctioned jurisdictions.",
    request_body = PaymentRequest,
    responses((status = 200, description = "Each field screened", body = PaymentResponse)),
    security(("bearer" = []), ("apiKey" = []))
)]
async fn screen_payment(
    State(state): State<Arc<AppState>>,
    Extension(principal): Extension<Principal>,
    headers: HeaderMap,
    body: Body,
) -> Result<Json<PaymentResponse>, ApiError> {
    let bytes = body_bytes(&state, &headers, body).await?;
    let request: PaymentRequest = parse_json(&bytes, r#"{"message": "..."}"#)?;
    let record = recording(request.subject.clone(), &principal, &headers, "payment")?;
    // A malformed message is refused before anything is screened, naming the field or line.
    let parsed = embargo_text::payment::parse(&request.message).map_err(|e| ApiError::from_error(&e))?;
    let party_fields = parsed
        .fields
        .iter()
        .filter(|f| matches!(f.content, embargo_text::payment::FieldContent::Party(_)))
        .count();
    crate::routes::charge(&state, &principal, party_fields.saturating_sub(1))?;
    let snapshot = snapshot(&state)?;
    let task_state = state.clone();
    let (screening, recorded) = blocking(move || {
        let prepared = task_state.screeners.of(&snapshot);
        let options = text_options(
            &task_state,
            &snapshot,
            &prepared,
            RawOptions {
                threshold: request.threshold,
                limit: None,
                lists: request.lists,
                explain: request.explain,
                markup: Markup::Plain,
            },
        )?;
        let screening = TextScreener::new(snapshot.index(), &prepared.gazetteer)
            .screen_payment(&request.message, &options)
            .map_err(|e| ApiError::from_error(&e))?;
        let recorded = match record {
            Some((subject, by, request_id)) => {
                let context = from_screeners::payment_context(&snapshot, &options);
                let inputs = from_screeners::payment_screenings(
                    &snapshot,
                    &subject,
                    &screening,
                    &by,
                    request_id.as_deref(),
                );
                Some(record_parties(&task_state.cases, &context, inputs)?)
            }
            None => None,
        };
        Ok((screening, recorded))
    })
    .await?;
    Ok(Json(PaymentResponse {
        screening_id: uuid::Uuid::now_v7().to_string(),
        format: screening.format.as_str().to_owned(),
        reference: screening.reference.clone(),
        alerts: screening.alerts(),
        fields: screening.fields,
        lists: screening.lists,
        recorded,
    }))
}

/// `POST /screen/shipment` query string.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ShipmentParams {
    /// The firm's reference of the shipment: each party is recorded in the case store as
    /// subject `{subject}/parties[N]` (hits at the rules' party threshold become alerts).
    subject: Option<String>,
}

/// `POST /screen/shipment` (the body): one shipment, as `embargo screen-shipment` reads it.
/// Every field but the parties' names and the destination is optional; unknown fields are
/// refused (a misspelt `hs_cod` would leave an item unclassified).
#[derive(Debug, ToSchema)]
#[allow(dead_code)] // a document of the body, read by utoipa only
pub struct ShipmentBody {
    /// The caller's reference (order, booking or invoice number).
    id: Option<String>,
    /// `{"role": "exporter | consignee | intermediate_consignee | end_user | purchaser |
    /// freight_forwarder | bank", "name", "country", "address"}`.
    #[schema(value_type = Vec<Object>)]
    parties: Vec<()>,
    /// The country (name or ISO code) or region the goods go to.
    destination: String,
    /// Countries or regions the goods pass through.
    transit: Option<Vec<String>>,
    /// `{"description", "hs_code", "eccn", "quantity", "value", "currency"}`.
    #[schema(value_type = Vec<Object>)]
    items: Vec<()>,
}

/// `POST /screen/shipment`: block, review or clear, and why.
#[derive(Debug, Serialize, ToSchema)]
pub struct ShipmentResponse {
    /// UUIDv7 of this screening, for the logs.
    pub screening_id: String,
    /// The shipment's own reference.
    pub id: Option<String>,
    /// `block`, `review` or `clear`.
    #[schema(value_type = String)]
    pub decision: embargo_trade::Decision,
    /// Every reason, the weightiest first: `{"rule", "severity", "message", "legal_basis",
    /// "party", "item", "list", "list_version", "entity_id", "score", "hs6", "tier",
    /// "inferred", "place", "country", "region", "sources"}`.
    #[schema(value_type = Vec<Object>)]
    pub reasons: Vec<embargo_trade::Reason>,
    /// The list versions screened against (`us-csl@1`, `chpl@1`).
    pub lists: Vec<String>,
    /// The version of the trade rules data file.
    pub rules_version: String,
    /// When a `subject` was given: each party recorded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recorded: Option<Vec<RecordedParty>>,
}

#[utoipa::path(
    post,
    path = "/screen/shipment",
    tag = "screening",
    summary = "Export-control check of one shipment: parties against every list, goods against the CHPL, destination and transit against embargoes and diversion routes.",
    params(ShipmentParams),
    request_body = ShipmentBody,
    responses((status = 200, description = "The decision and its reasons", body = ShipmentResponse)),
    security(("bearer" = []), ("apiKey" = []))
)]
async fn screen_shipment(
    State(state): State<Arc<AppState>>,
    Extension(principal): Extension<Principal>,
    params: Result<Query<ShipmentParams>, QueryRejection>,
    headers: HeaderMap,
    body: Body,
) -> Result<Json<ShipmentResponse>, ApiError> {
    let Query(params) = params.map_err(|e| ApiError::new(Code::InvalidQueryString, e.body_text()))?;
    let bytes = body_bytes(&state, &headers, body).await?;
    let value: serde_json::Value = parse_json(&bytes, "one shipment object")?;
    let shipment = Shipment::from_value(&value).map_err(|e| ApiError::from_error(&e))?;
    let record = recording(params.subject, &principal, &headers, "shipment")?;
    crate::routes::charge(&state, &principal, shipment.parties.len().saturating_sub(1))?;
    let snapshot = snapshot(&state)?;
    let task_state = state.clone();
    let (screening, recorded) = blocking(move || {
        let prepared = task_state.screeners.of(&snapshot);
        let screener = prepared.trade.as_ref().map_err(ApiError::from_error)?;
        let screening = screener
            .screen(&shipment, snapshot.index(), &prepared.party_labels)
            .map_err(|e| ApiError::from_error(&e))?;
        let recorded = match record {
            Some((subject, by, request_id)) => {
                let context = from_screeners::shipment_context(&snapshot, screener.rules());
                let inputs = from_screeners::shipment_screenings(
                    &snapshot,
                    &subject,
                    &shipment,
                    &screening,
                    &by,
                    request_id.as_deref(),
                );
                Some(record_parties(&task_state.cases, &context, inputs)?)
            }
            None => None,
        };
        Ok((screening, recorded))
    })
    .await?;
    Ok(Json(ShipmentResponse {
        screening_id: uuid::Uuid::now_v7().to_string(),
        id: screening.id,
        decision: screening.decision,
        reasons: screening.reasons,
        lists: screening.lists,
        rules_version: screening.rules_version,
        recorded,
    }))
}

/// The screening routes of this module, with the role they need and their OpenAPI document.
pub fn routes() -> Vec<(crate::keys::Role, utoipa_axum::router::OpenApiRouter<Arc<AppState>>)> {
    use utoipa_axum::router::OpenApiRouter;
    use utoipa_axum::routes;
    vec![(
        crate::keys::Role::Screen,
        OpenApiRouter::new()
            .routes(routes!(screen_text))
            .routes(routes!(screen_payment))
            .routes(routes!(screen_shipment)),
    )]
}
