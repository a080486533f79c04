//! The OpenAPI 3.1 document served at `/openapi.json`, built from the same constants the
//! handlers use (schemas, the table of error codes of `embargo_errors`, limits), so it cannot drift from them silently: the
//! integration tests check every route and every error code against it.

use crate::limits::Limits;
use crate::yente::SCHEMAS;
use embargo_errors::Code;
use serde_json::{json, Value};

fn error_response(description: &str) -> Value {
    json!({"description": description, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}})
}

/// The document.
pub fn document(limits: &Limits) -> Value {
    let schemas: Vec<&str> = SCHEMAS.iter().map(|(name, _)| *name).collect();
    let codes: Vec<Value> = Code::ALL
        .iter()
        .map(|c| json!({"code": c.as_str(), "status": c.http_status(), "kind": c.kind().as_str(), "description": c.description()}))
        .collect();
    let auth = json!([{"bearer": []}, {"apiKey": []}]);
    let errors = json!({
        "400": error_response("Malformed JSON or query string."),
        "401": error_response("Missing or invalid API key."),
        "408": error_response("Request timeout."),
        "413": error_response("Body too large."),
        "422": error_response("Invalid request; the message names the field."),
        "429": error_response("Rate limited; see Retry-After."),
        "503": error_response("No lists loaded yet."),
    });
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "embargo screening API",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Sanctions screening. /match is compatible with the OpenSanctions yente API.",
        },
        "x-error-codes": codes,
        "x-limits": {
            "max_body_bytes": limits.max_body_bytes,
            "max_queries": limits.max_queries,
            "max_value_chars": limits.max_value_chars,
            "max_values_per_property": limits.max_values_per_property,
            "max_results": limits.max_results,
            "request_timeout_ms": limits.request_timeout.as_millis() as u64,
            "rate_per_second": limits.rate_per_second,
            "rate_burst": limits.rate_burst,
        },
        "paths": {
            "/match": {"post": {
                "summary": "Screen one or more query entities described by example (yente-compatible).",
                "security": auth,
                "parameters": [
                    {"name": "threshold", "in": "query", "schema": {"type": "number", "minimum": 0, "maximum": 1}, "description": "Score from which a result is a match (default 0.8)."},
                    {"name": "cutoff", "in": "query", "schema": {"type": "number", "minimum": 0, "maximum": 1}, "description": "Lowest score returned (default: the threshold)."},
                    {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": limits.max_results}},
                    {"name": "lists", "in": "query", "schema": {"type": "string"}, "description": "Comma-separated list ids to screen against (default all)."},
                    {"name": "explain", "in": "query", "schema": {"type": "boolean"}},
                ],
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/MatchRequest"}}}},
                "responses": merge(json!({"200": {"description": "Results per query", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/MatchResponse"}}}}}), &errors),
            }},
            "/match/{dataset}": {"post": {
                "summary": "yente's form of /match: dataset `default`, `sanctions` or `all` screens every list; another value is a list id.",
                "security": auth,
                "parameters": [{"name": "dataset", "in": "path", "required": true, "schema": {"type": "string"}, "example": "default"}],
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/MatchRequest"}}}},
                "responses": merge(json!({"200": {"description": "Results per query", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/MatchResponse"}}}}}), &errors),
            }},
            "/search": {"get": {
                "summary": "Find entities by name (prefix and fuzzy), paged.",
                "security": auth,
                "parameters": [
                    {"name": "q", "in": "query", "required": true, "schema": {"type": "string", "maxLength": 200}},
                    {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": limits.max_results, "default": 20}},
                    {"name": "offset", "in": "query", "schema": {"type": "integer", "minimum": 0, "maximum": limits.max_offset, "default": 0}},
                ],
                "responses": merge(json!({"200": {"description": "One page of entities"}}), &errors),
            }},
            "/entities/{id}": {"get": {
                "summary": "One entity, every field, with its provenance and list version.",
                "security": auth,
                "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}, "example": "un:IRi.003"}],
                "responses": merge(json!({"200": {"description": "The entity"}, "404": error_response("No such entity.")}), &errors),
            }},
            "/lists": {"get": {
                "summary": "The lists and versions in force.",
                "security": auth,
                "responses": merge(json!({"200": {"description": "Lists"}}), &errors),
            }},
            "/healthz": {"get": {"summary": "Alive (no key needed).", "responses": {"200": {"description": "Alive"}}}},
            "/readyz": {"get": {"summary": "Lists loaded and index built (no key needed).", "responses": {"200": {"description": "Ready"}, "503": error_response("Not ready")}}},
            "/metrics": {"get": {"summary": "Prometheus text format (no key needed).", "responses": {"200": {"description": "Metrics", "content": {"text/plain": {}}}}}},
            "/openapi.json": {"get": {"summary": "This document (no key needed).", "responses": {"200": {"description": "OpenAPI document"}}}},
        },
        "components": {
            "securitySchemes": {
                "bearer": {"type": "http", "scheme": "bearer"},
                "apiKey": {"type": "apiKey", "in": "header", "name": "X-API-Key"},
            },
            "schemas": {
                "Error": {"type": "object", "required": ["error"], "properties": {"error": {"type": "object", "required": ["code", "message"], "properties": {
                    "code": {"type": "string", "enum": Code::ALL.iter().map(|c| c.as_str()).collect::<Vec<_>>()},
                    "message": {"type": "string"},
                }}}},
                "MatchRequest": {"type": "object", "required": ["queries"], "properties": {
                    "queries": {"type": "object", "maxProperties": limits.max_queries, "additionalProperties": {"$ref": "#/components/schemas/QueryEntity"}},
                    "threshold": {"type": "number"}, "cutoff": {"type": "number"}, "limit": {"type": "integer"},
                    "lists": {"type": "array", "items": {"type": "string"}}, "explain": {"type": "boolean"},
                }},
                "QueryEntity": {"type": "object", "required": ["schema", "properties"], "properties": {
                    "schema": {"type": "string", "enum": schemas},
                    "properties": {"type": "object", "additionalProperties": {"type": "array", "maxItems": limits.max_values_per_property, "items": {"type": "string", "maxLength": limits.max_value_chars}},
                        "description": "FollowTheMoney properties: name, alias, previousName, weakAlias, firstName, middleName, lastName, fatherName, birthDate, incorporationDate, nationality, citizenship, country, jurisdiction, idNumber, passportNumber, taxNumber, registrationNumber, innCode, ogrnCode, leiCode, imoNumber, mmsi, swiftBic, gender, ... Others are accepted and listed as ignored_properties."},
                }},
                "MatchResponse": {"type": "object", "properties": {
                    "screening_id": {"type": "string", "description": "UUIDv7; also in the X-Screening-Id header and the access log."},
                    "screened_at": {"type": "string", "format": "date-time"},
                    "responses": {"type": "object", "additionalProperties": {"type": "object", "properties": {
                        "status": {"type": "integer"},
                        "results": {"type": "array", "items": {"$ref": "#/components/schemas/MatchResult"}},
                        "total": {"type": "object", "properties": {"value": {"type": "integer"}, "relation": {"type": "string"}}},
                        "ignored_properties": {"type": "array", "items": {"type": "string"}},
                    }}},
                    "threshold": {"type": "number"}, "cutoff": {"type": "number"}, "limit": {"type": "integer"},
                    "lists": {"type": "array", "items": {"type": "object", "properties": {"list": {"type": "string"}, "version": {"type": "integer"}, "sha256": {"type": "string"}}}},
                }},
                "MatchResult": {"type": "object", "properties": {
                    "id": {"type": "string"}, "caption": {"type": "string"}, "schema": {"type": "string"},
                    "list": {"type": "string"}, "list_version": {"type": "integer"}, "datasets": {"type": "array", "items": {"type": "string"}},
                    "score": {"type": "number"}, "match": {"type": "boolean"},
                    "matched_name": {"type": "string"}, "query_name": {"type": "string"},
                    "explanation": {"type": "object", "description": "Only with explain=true: {value, why, children}."},
                }},
            },
        },
    })
}

fn merge(mut a: Value, b: &Value) -> Value {
    if let (Some(a), Some(b)) = (a.as_object_mut(), b.as_object()) {
        for (k, v) in b {
            a.entry(k.clone()).or_insert_with(|| v.clone());
        }
    }
    a
}
