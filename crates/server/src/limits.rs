//! What one request may ask for. Every limit answers with its own status and stable code.

use std::time::Duration;

/// Request limits of the service.
#[derive(Debug, Clone, PartialEq)]
pub struct Limits {
    /// Largest request body (413 `body_too_large`).
    pub max_body_bytes: usize,
    /// Query entities in one `/match` request (422 `too_many_queries`).
    pub max_queries: usize,
    /// Characters in one property value, a name for instance (422 `value_too_long`).
    pub max_value_chars: usize,
    /// Values of one property of one query (422 `too_many_values`).
    pub max_values_per_property: usize,
    /// Largest `limit` of `/match` and `/search` (422 `invalid_parameter`).
    pub max_results: usize,
    /// Largest `offset` of `/search`.
    pub max_offset: usize,
    /// Time from the request line to the response (408 `request_timeout`).
    pub request_timeout: Duration,
    /// Requests per second per API key, on average; 0 for no limit (429 `rate_limited`).
    pub rate_per_second: f64,
    /// Requests a key may send at once before the rate applies.
    pub rate_burst: f64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_body_bytes: 256 * 1024,
            max_queries: 100,
            max_value_chars: 500,
            max_values_per_property: 50,
            max_results: 100,
            max_offset: 10_000,
            request_timeout: Duration::from_secs(10),
            rate_per_second: 1000.0,
            rate_burst: 2000.0,
        }
    }
}
