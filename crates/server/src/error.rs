//! The one error shape every endpoint returns: `{"error": {"code": "...", "message": "..."}}`.
//!
//! Codes are stable: clients branch on them, so they are never renamed. They and their statuses
//! come from the one table of `embargo_errors::Code` (docs/errors.md, the OpenAPI document).

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use embargo_errors::{Code, ErrorCode};
use serde::Serialize;

/// An error answered to a client. Its HTTP status comes from its code's row in the one
/// table of codes (`embargo_errors::Code`), so no handler chooses a status.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    /// Stable, machine-readable (`body_too_large`, `unknown_schema`, ...).
    pub code: Code,
    /// For people: what was wrong and where.
    pub message: String,
    /// Seconds after which a rate-limited client may retry (`Retry-After`).
    pub retry_after: Option<u64>,
}

#[derive(Serialize)]
struct ErrorBody<'a> {
    error: ErrorDetail<'a>,
}

#[derive(Serialize)]
struct ErrorDetail<'a> {
    code: &'a str,
    message: &'a str,
}

impl ApiError {
    /// An error of `code`, with a message for people.
    pub fn new(code: Code, message: impl Into<String>) -> ApiError {
        ApiError { code, message: message.into(), retry_after: None }
    }

    /// The error of any library failure: its own code and message. The one place library
    /// errors become responses.
    pub fn from_error<E: ErrorCode + std::fmt::Display>(error: &E) -> ApiError {
        ApiError::new(error.error_code(), error.to_string())
    }

    /// The HTTP status of this error's code.
    pub fn status(&self) -> StatusCode {
        StatusCode::from_u16(self.code.http_status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }

    /// 500: a bug; the message says the request was logged.
    pub fn internal(message: impl Into<String>) -> ApiError {
        ApiError::new(Code::Internal, message)
    }

    /// 503: no lists are loaded yet.
    pub fn not_ready(message: impl Into<String>) -> ApiError {
        ApiError::new(Code::NotReady, message)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = ErrorBody { error: ErrorDetail { code: self.code.as_str(), message: &self.message } };
        let mut response = (self.status(), axum::Json(body)).into_response();
        if let Some(seconds) = self.retry_after {
            response.headers_mut().insert("retry-after", HeaderValue::from(seconds));
        }
        // The request's body was not read to its end: the connection cannot carry another
        // request, and is closed once this answer is sent. Said so, a client does not send its
        // next request on it; unsaid, hyper's client kept the connection for its next request,
        // which then failed as an incomplete message.
        if matches!(self.code, Code::BodyTooLarge | Code::BodyReadError) {
            response.headers_mut().insert(header::CONNECTION, HeaderValue::from_static("close"));
        }
        response.extensions_mut().insert(ResponseCode(self.code));
        response
    }
}

/// The stable code of an error response, left in the response extensions for the access log.
#[derive(Debug, Clone, Copy)]
pub struct ResponseCode(pub Code);
