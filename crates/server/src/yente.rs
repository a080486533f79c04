//! The `/match` request and response, shaped like the OpenSanctions `yente` API so that its
//! clients can switch: query entities described by example (`schema` and FollowTheMoney
//! `properties`), results per query under `responses`.
//!
//! The request is read from a `serde_json::Value` by hand rather than derived, so that every
//! wrong type or value is answered with its exact place (`queries.q1.properties.name[2]`).

use crate::error::ApiError;
use crate::limits::Limits;
use embargo_errors::Code;
use embargo_matcher::{Algorithm, Explanation, Hit, Query};
use embargo_model::{DateSpec, EntityKind, Gender};
use serde::Serialize;
use serde_json::{Map, Value};

/// Properties read as names of the party.
const NAME_PROPERTIES: [&str; 5] = ["name", "alias", "previousName", "weakAlias", "abbreviation"];
/// Name parts, joined into one more name in this order.
const NAME_PART_PROPERTIES: [&str; 5] = ["firstName", "secondName", "middleName", "fatherName", "lastName"];
const DATE_PROPERTIES: [&str; 2] = ["birthDate", "incorporationDate"];
const COUNTRY_PROPERTIES: [&str; 7] =
    ["nationality", "citizenship", "country", "jurisdiction", "mainCountry", "flag", "birthCountry"];
const IDENTIFIER_PROPERTIES: [&str; 18] = [
    "idNumber",
    "passportNumber",
    "taxNumber",
    "registrationNumber",
    "innCode",
    "ogrnCode",
    "leiCode",
    "vatCode",
    "imoNumber",
    "mmsi",
    "callSign",
    "swiftBic",
    "serialNumber",
    "icaoCode",
    "email",
    "phone",
    "website",
    "cryptoWallet",
];

/// The FollowTheMoney schemas `/match` accepts, and the kind each screens as (`None`: any).
pub const SCHEMAS: [(&str, Option<EntityKind>); 11] = [
    ("Person", Some(EntityKind::Person)),
    ("Organization", Some(EntityKind::Organization)),
    ("Company", Some(EntityKind::Organization)),
    ("PublicBody", Some(EntityKind::Organization)),
    ("Vessel", Some(EntityKind::Vessel)),
    ("Airplane", Some(EntityKind::Aircraft)),
    ("Aircraft", Some(EntityKind::Aircraft)),
    ("LegalEntity", None),
    ("Thing", None),
    ("Asset", None),
    ("Entity", None),
];

/// The FollowTheMoney schema shown for a listed entity.
pub fn schema_of(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "Person",
        EntityKind::Organization => "Organization",
        EntityKind::Vessel => "Vessel",
        EntityKind::Aircraft => "Airplane",
        EntityKind::Unknown => "LegalEntity",
    }
}

/// Screening options a request may set, in the body or the query string.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MatchParams {
    pub threshold: Option<f64>,
    /// Lowest score returned (yente's `cutoff`); defaults to the threshold.
    pub cutoff: Option<f64>,
    pub limit: Option<usize>,
    pub lists: Option<Vec<String>>,
    pub explain: Option<bool>,
    /// The scorer: `embargo` (default) or `ofac`; yente's own algorithm names screen with the
    /// default, so yente clients keep working.
    pub algorithm: Option<Algorithm>,
    /// Screen the list versions in force at this time (RFC 3339) or these versions
    /// (`ofac-sdn@3,un@2`) instead of those loaded.
    pub as_of: Option<String>,
}

impl MatchParams {
    /// Reads the query-string parameters; unknown ones (yente's `algorithm`, ...) are ignored.
    pub fn from_query_string(pairs: &[(String, String)], limits: &Limits) -> Result<MatchParams, ApiError> {
        let mut params = MatchParams::default();
        for (key, value) in pairs {
            match key.as_str() {
                "threshold" => params.threshold = Some(parse_score(key, value.trim().parse().ok())?),
                "cutoff" => params.cutoff = Some(parse_score(key, value.trim().parse().ok())?),
                "limit" => params.limit = Some(parse_limit(key, value.trim().parse().ok(), limits)?),
                "explain" => params.explain = Some(parse_bool(key, value)?),
                "algorithm" => params.algorithm = Some(parse_algorithm(value)?),
                "as_of" => params.as_of = Some(value.trim().to_owned()),
                "lists" | "list" => {
                    let lists = params.lists.get_or_insert_with(Vec::new);
                    lists
                        .extend(value.split(',').map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned));
                }
                _ => {}
            }
        }
        Ok(params)
    }

    /// Reads the same options from the request body; query-string values take precedence.
    fn merge_body(&mut self, body: &Map<String, Value>, limits: &Limits) -> Result<(), ApiError> {
        if let Some(v) = body.get("threshold").filter(|v| !v.is_null()) {
            let t = parse_score("threshold", v.as_f64())?;
            self.threshold.get_or_insert(t);
        }
        if let Some(v) = body.get("cutoff").filter(|v| !v.is_null()) {
            let t = parse_score("cutoff", v.as_f64())?;
            self.cutoff.get_or_insert(t);
        }
        if let Some(v) = body.get("limit").filter(|v| !v.is_null()) {
            let l = parse_limit("limit", v.as_u64().map(|n| n as usize), limits)?;
            self.limit.get_or_insert(l);
        }
        if let Some(v) = body.get("explain").filter(|v| !v.is_null()) {
            let e = v.as_bool().ok_or_else(|| invalid_parameter("explain", "expected true or false"))?;
            self.explain.get_or_insert(e);
        }
        if let Some(v) = body.get("algorithm").filter(|v| !v.is_null()) {
            let name = v.as_str().ok_or_else(|| invalid_parameter("algorithm", "expected a string"))?;
            let algorithm = parse_algorithm(name)?;
            self.algorithm.get_or_insert(algorithm);
        }
        if let Some(v) = body.get("as_of").filter(|v| !v.is_null()) {
            let when = v.as_str().ok_or_else(|| invalid_parameter("as_of", "expected a string"))?;
            self.as_of.get_or_insert_with(|| when.trim().to_owned());
        }
        if let Some(v) = body.get("lists").filter(|v| !v.is_null()) {
            let lists = match v {
                Value::String(s) => {
                    s.split(',').map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).collect()
                }
                Value::Array(items) => items
                    .iter()
                    .map(|i| i.as_str().map(str::to_owned))
                    .collect::<Option<Vec<_>>>()
                    .ok_or_else(|| invalid_parameter("lists", "expected an array of list ids"))?,
                _ => return Err(invalid_parameter("lists", "expected an array of list ids")),
            };
            if self.lists.is_none() {
                self.lists = Some(lists);
            }
        }
        Ok(())
    }
}

/// yente's algorithm names: accepted, and screened with embargo's default scorer.
const YENTE_ALGORITHMS: [&str; 7] =
    ["best", "logic-v1", "logic-v2", "name-based", "name-qualified", "regression-v1", "regression-v2"];

fn parse_algorithm(name: &str) -> Result<Algorithm, ApiError> {
    if YENTE_ALGORITHMS.contains(&name.trim()) {
        return Ok(Algorithm::default());
    }
    name.parse::<Algorithm>().map_err(|e| ApiError::from_error(&e))
}

fn invalid_parameter(name: &str, expected: &str) -> ApiError {
    ApiError::new(Code::InvalidParameter, format!("parameter {name}: {expected}"))
}

fn parse_score(name: &str, value: Option<f64>) -> Result<f64, ApiError> {
    value
        .filter(|v| (0.0..=1.0).contains(v))
        .ok_or_else(|| invalid_parameter(name, "expected a number from 0 to 1"))
}

fn parse_limit(name: &str, value: Option<usize>, limits: &Limits) -> Result<usize, ApiError> {
    value.filter(|v| (1..=limits.max_results).contains(v)).ok_or_else(|| {
        invalid_parameter(name, &format!("expected a whole number from 1 to {}", limits.max_results))
    })
}

fn parse_bool(name: &str, value: &str) -> Result<bool, ApiError> {
    match value.trim().to_ascii_lowercase().as_str() {
        "true" | "1" | "yes" | "" => Ok(true),
        "false" | "0" | "no" => Ok(false),
        _ => Err(invalid_parameter(name, "expected true or false")),
    }
}

/// One query entity of a request, ready to screen.
#[derive(Debug, Clone, PartialEq)]
pub struct MatchQuery {
    /// The client's key for it (`q1`).
    pub key: String,
    pub schema: String,
    pub query: Query,
    /// Properties given that screening does not use (addresses, notes, ...).
    pub ignored_properties: Vec<String>,
    /// The firm's id of the party (`subject_id` beside `schema`): the screening is then
    /// recorded in the case store and its hits at the threshold become alerts.
    pub subject_id: Option<String>,
}

/// A parsed `/match` request.
#[derive(Debug, Clone, PartialEq)]
pub struct MatchRequest {
    pub queries: Vec<MatchQuery>,
    pub params: MatchParams,
}

/// Reads a `/match` body (already parsed as JSON) with the query-string `params`.
pub fn parse_match(body: &Value, mut params: MatchParams, limits: &Limits) -> Result<MatchRequest, ApiError> {
    let body = body.as_object().ok_or_else(|| {
        ApiError::new(Code::InvalidRequest, "the body must be a JSON object with a \"queries\" object")
    })?;
    params.merge_body(body, limits)?;
    let queries = match body.get("queries") {
        Some(Value::Object(queries)) => queries,
        Some(_) => {
            return Err(ApiError::new(
                Code::InvalidRequest,
                "queries: expected an object of query entities by key ({\"q1\": {...}})",
            ))
        }
        None => return Err(ApiError::new(Code::InvalidRequest, "missing \"queries\"")),
    };
    if queries.is_empty() {
        return Err(ApiError::new(Code::InvalidRequest, "queries: at least one query entity is needed"));
    }
    if queries.len() > limits.max_queries {
        return Err(ApiError::new(
            Code::TooManyQueries,
            format!("{} queries in one request; at most {} are allowed", queries.len(), limits.max_queries),
        ));
    }
    let queries =
        queries.iter().map(|(key, value)| parse_query(key, value, limits)).collect::<Result<Vec<_>, _>>()?;
    Ok(MatchRequest { queries, params })
}

fn parse_query(key: &str, value: &Value, limits: &Limits) -> Result<MatchQuery, ApiError> {
    let at = format!("queries.{}", printable(key));
    let object = value
        .as_object()
        .ok_or_else(|| ApiError::new(Code::InvalidRequest, format!("{at}: expected an object")))?;
    let schema = match object.get("schema") {
        Some(Value::String(s)) => s.as_str(),
        Some(_) => {
            return Err(ApiError::new(Code::InvalidRequest, format!("{at}.schema: expected a string")))
        }
        None => return Err(ApiError::new(Code::InvalidRequest, format!("{at}: missing \"schema\""))),
    };
    let kind = SCHEMAS.iter().find(|(name, _)| *name == schema).map(|(_, kind)| *kind).ok_or_else(|| {
        let known: Vec<&str> = SCHEMAS.iter().map(|(n, _)| *n).collect();
        ApiError::new(
            Code::UnknownSchema,
            format!(
                "{at}.schema: unknown schema {:?}; expected one of {}",
                printable(schema),
                known.join(", ")
            ),
        )
    })?;
    let properties = match object.get("properties") {
        Some(Value::Object(p)) => p,
        Some(_) => {
            return Err(ApiError::new(Code::InvalidRequest, format!("{at}.properties: expected an object")))
        }
        None => return Err(ApiError::new(Code::InvalidRequest, format!("{at}: missing \"properties\""))),
    };
    let mut query = Query { kind, ..Query::default() };
    let mut ignored_properties = Vec::new();
    let mut name_parts: Vec<String> = Vec::new();
    for (property, values) in properties {
        let at = format!("{at}.properties.{}", printable(property));
        let values = property_values(&at, values, limits)?;
        let p = property.as_str();
        if NAME_PROPERTIES.contains(&p) {
            query.names.extend(values);
        } else if NAME_PART_PROPERTIES.contains(&p) {
            // Kept in the order of NAME_PART_PROPERTIES below, whatever the JSON order.
        } else if DATE_PROPERTIES.contains(&p) {
            for (i, v) in values.iter().enumerate() {
                let date = DateSpec::parse(v);
                if date.from.is_none() {
                    return Err(ApiError::new(
                        Code::InvalidDate,
                        format!(
                            "{at}[{i}]: {:?} is not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)",
                            printable(v)
                        ),
                    ));
                }
                query.birth_dates.push(date);
            }
        } else if COUNTRY_PROPERTIES.contains(&p) {
            query.countries.extend(values);
        } else if IDENTIFIER_PROPERTIES.contains(&p) {
            query.identifiers.extend(values);
        } else if p == "gender" {
            query.gender = values.first().and_then(|g| Gender::parse(g));
        } else {
            ignored_properties.push(printable(property));
        }
    }
    for part in NAME_PART_PROPERTIES {
        if let Some(values) = properties.get(part) {
            name_parts.extend(property_values(&at, values, limits)?.into_iter().take(1));
        }
    }
    if !name_parts.is_empty() {
        query.names.push(name_parts.join(" "));
    }
    query.names.dedup();
    if query.names.is_empty() && query.identifiers.is_empty() {
        return Err(ApiError::new(
            Code::EmptyQuery,
            format!("{at}: give at least one name (properties.name) or identifier to screen"),
        ));
    }
    let subject_id = match object.get("subject_id") {
        None | Some(Value::Null) => None,
        Some(Value::String(id)) if !id.trim().is_empty() && id.chars().count() <= limits.max_value_chars => {
            Some(id.trim().to_owned())
        }
        Some(_) => {
            return Err(ApiError::new(
                Code::InvalidRequest,
                format!(
                    "{at}.subject_id: expected a non-empty string of at most {} characters",
                    limits.max_value_chars
                ),
            ))
        }
    };
    Ok(MatchQuery { key: key.to_owned(), schema: schema.to_owned(), query, ignored_properties, subject_id })
}

/// The values of one property: a string or an array of strings, control characters removed,
/// blank values dropped, within the limits.
fn property_values(at: &str, value: &Value, limits: &Limits) -> Result<Vec<String>, ApiError> {
    let items: Vec<&Value> = match value {
        Value::Array(items) => items.iter().collect(),
        Value::Null => Vec::new(),
        single => vec![single],
    };
    if items.len() > limits.max_values_per_property {
        return Err(ApiError::new(
            Code::TooManyValues,
            format!("{at}: {} values; at most {} are allowed", items.len(), limits.max_values_per_property),
        ));
    }
    let mut values = Vec::with_capacity(items.len());
    for (i, item) in items.into_iter().enumerate() {
        let text = match item {
            Value::String(s) => s.as_str(),
            Value::Number(n) if at.ends_with("Date") => {
                values.push(n.to_string());
                continue;
            }
            other => {
                return Err(ApiError::new(
                    Code::InvalidRequest,
                    format!("{at}[{i}]: expected a string, found {}", json_type(other)),
                ))
            }
        };
        let chars = text.chars().count();
        if chars > limits.max_value_chars {
            return Err(ApiError::new(
                Code::ValueTooLong,
                format!("{at}[{i}]: {chars} characters; at most {} are allowed", limits.max_value_chars),
            ));
        }
        let clean: String = text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
        let clean = clean.trim();
        if !clean.is_empty() {
            values.push(clean.to_owned());
        }
    }
    Ok(values)
}

fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A client string made safe to echo in an error: control characters escaped, cut at 80
/// characters.
fn printable(s: &str) -> String {
    let mut out: String = s.chars().take(80).flat_map(char::escape_default).collect();
    if s.chars().count() > 80 {
        out.push('…');
    }
    out
}

/// One result of one query.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct MatchResult {
    /// The entity id (`un:IRi.003`).
    pub id: String,
    /// The entity's primary name.
    pub caption: String,
    /// The FollowTheMoney schema of the entity.
    pub schema: &'static str,
    /// The list id.
    pub list: String,
    /// The version of the list in force.
    pub list_version: Option<u32>,
    /// yente compatibility: the lists ("datasets") the entity is on.
    pub datasets: [String; 1],
    pub score: f64,
    /// Whether the score reaches the threshold.
    #[serde(rename = "match")]
    pub is_match: bool,
    /// The real-world party the entity is one listing of: the same person on several lists
    /// has one party id (the smallest id among its listings); an entity alone is its own party.
    pub party_id: String,
    /// The listed name that matched best.
    pub matched_name: String,
    /// The query's name it matched.
    pub query_name: String,
    /// Only with `explain`: a tree of `{value, why, children}`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Object>)]
    pub explanation: Option<Explanation>,
}

impl MatchResult {
    pub fn from_hit(hit: Hit, threshold: f64, list_version: Option<u32>) -> MatchResult {
        let entity = &hit.entity;
        MatchResult {
            id: entity.id.clone(),
            caption: entity.caption().to_owned(),
            schema: schema_of(entity.kind),
            list: entity.provenance.list.clone(),
            list_version,
            datasets: [entity.provenance.list.clone()],
            score: hit.score,
            is_match: hit.score >= threshold,
            party_id: hit.party_id,
            matched_name: hit.matched_name,
            query_name: hit.query_name,
            explanation: hit.explanation,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn parse(body: Value) -> Result<MatchRequest, ApiError> {
        parse_match(&body, MatchParams::default(), &Limits::default())
    }

    #[test]
    fn a_yente_person_query_becomes_a_matcher_query() {
        let req = parse(json!({"queries": {"q1": {"schema": "Person", "properties": {
            "name": ["Saeed Aghajani"], "birthDate": ["1964"], "nationality": ["ir"],
            "passportNumber": ["A123"], "gender": ["male"], "address": ["Tehran"]}}}}))
        .unwrap();
        let q = &req.queries[0];
        assert_eq!(q.key, "q1");
        assert_eq!(q.query.kind, Some(EntityKind::Person));
        assert_eq!(q.query.names, vec!["Saeed Aghajani"]);
        assert_eq!(q.query.birth_dates.len(), 1);
        assert_eq!(q.query.countries, vec!["ir"]);
        assert_eq!(q.query.identifiers, vec!["A123"]);
        assert_eq!(q.query.gender, Some(Gender::Male));
        assert_eq!(q.ignored_properties, vec!["address"]);
    }

    #[test]
    fn name_parts_are_joined_in_name_order() {
        let req = parse(json!({"queries": {"q": {"schema": "Person", "properties": {
            "lastName": "Aghajani", "firstName": ["Saeed"]}}}}))
        .unwrap();
        assert_eq!(req.queries[0].query.names, vec!["Saeed Aghajani"]);
    }

    #[test]
    fn wrong_shapes_are_named_with_their_place() {
        let err = parse(json!({"queries": {"q1": {"schema": "Person", "properties": {"name": ["a", 3]}}}}))
            .unwrap_err();
        assert_eq!(err.code.as_str(), "invalid_request");
        assert!(err.message.contains("queries.q1.properties.name[1]: expected a string, found a number"));
        assert_eq!(parse(json!([1])).unwrap_err().code.as_str(), "invalid_request");
        assert_eq!(parse(json!({"queries": []})).unwrap_err().code.as_str(), "invalid_request");
        assert_eq!(parse(json!({"queries": {}})).unwrap_err().code.as_str(), "invalid_request");
    }

    #[test]
    fn unknown_schema_is_refused() {
        let err = parse(json!({"queries": {"q": {"schema": "Banana", "properties": {"name": ["x"]}}}}))
            .unwrap_err();
        assert_eq!(err.code.as_str(), "unknown_schema");
        assert_eq!(err.status(), 422);
    }

    #[test]
    fn limits_are_enforced() {
        let limits =
            Limits { max_queries: 2, max_value_chars: 5, max_values_per_property: 2, ..Limits::default() };
        let q = |name: Value| json!({"schema": "Person", "properties": {"name": name}});
        let three = json!({"queries": {"a": q(json!("x")), "b": q(json!("x")), "c": q(json!("x"))}});
        assert_eq!(
            parse_match(&three, MatchParams::default(), &limits).unwrap_err().code.as_str(),
            "too_many_queries"
        );
        let long = json!({"queries": {"a": q(json!("abcdef"))}});
        assert_eq!(
            parse_match(&long, MatchParams::default(), &limits).unwrap_err().code.as_str(),
            "value_too_long"
        );
        let many = json!({"queries": {"a": q(json!(["a", "b", "c"]))}});
        assert_eq!(
            parse_match(&many, MatchParams::default(), &limits).unwrap_err().code.as_str(),
            "too_many_values"
        );
    }

    #[test]
    fn control_characters_are_removed_and_blank_queries_refused() {
        let req = parse(
            json!({"queries": {"q": {"schema": "Person", "properties": {"name": ["a\u{0}b\u{1b}[31m"]}}}}),
        )
        .unwrap();
        assert_eq!(req.queries[0].query.names, vec!["a b [31m"]);
        let err =
            parse(json!({"queries": {"q": {"schema": "Person", "properties": {"name": ["\u{0} \t"]}}}}))
                .unwrap_err();
        assert_eq!(err.code.as_str(), "empty_query");
    }

    #[test]
    fn query_string_parameters_win_over_body_fields() {
        let pairs =
            vec![("threshold".to_owned(), "0.9".to_owned()), ("lists".to_owned(), "un, ofac-sdn".to_owned())];
        let params = MatchParams::from_query_string(&pairs, &Limits::default()).unwrap();
        let req = parse_match(
            &json!({"threshold": 0.5, "limit": 3, "explain": true, "queries": {"q": {"schema": "Thing", "properties": {"name": "x"}}}}),
            params,
            &Limits::default(),
        )
        .unwrap();
        assert_eq!(req.params.threshold, Some(0.9));
        assert_eq!(req.params.limit, Some(3));
        assert_eq!(req.params.explain, Some(true));
        assert_eq!(req.params.lists, Some(vec!["un".to_owned(), "ofac-sdn".to_owned()]));
        let bad = vec![("threshold".to_owned(), "2".to_owned())];
        assert_eq!(
            MatchParams::from_query_string(&bad, &Limits::default()).unwrap_err().code.as_str(),
            "invalid_parameter"
        );
        let bad = vec![("limit".to_owned(), "0".to_owned())];
        assert_eq!(
            MatchParams::from_query_string(&bad, &Limits::default()).unwrap_err().code.as_str(),
            "invalid_parameter"
        );
    }

    #[test]
    fn bad_dates_are_refused() {
        let err = parse(
            json!({"queries": {"q": {"schema": "Person", "properties": {"name": "x", "birthDate": "soon"}}}}),
        )
        .unwrap_err();
        assert_eq!(err.code.as_str(), "invalid_date");
    }
}
