//! Prometheus metrics, kept in atomics and rendered in the text exposition format.
//!
//! Routes are a fixed set (the router's templates), so every series is allocated up front and
//! recording a request is a few atomic adds plus one short lock for the status counter.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::sync::Mutex;
use std::time::Duration;

/// The route label of a request that matched no route.
pub const UNROUTED: &str = "other";

/// Upper bounds of the latency histogram buckets, in seconds.
const BUCKETS: [f64; 14] =
    [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0];

#[derive(Default)]
struct RouteSeries {
    statuses: Mutex<BTreeMap<u16, u64>>,
    buckets: [AtomicU64; BUCKETS.len()],
    count: AtomicU64,
    sum_nanos: AtomicU64,
}

/// Counters and histograms of the service.
#[derive(Default)]
pub struct Metrics {
    /// By route template (`/alerts/{id}`): the router's templates are a fixed, small set, so
    /// the labels stay bounded whatever paths clients send (unrouted ones are [`UNROUTED`]).
    routes: Mutex<BTreeMap<String, Arc<RouteSeries>>>,
    pub queries: AtomicU64,
    pub hits: AtomicU64,
    pub matches: AtomicU64,
    pub reloads_ok: AtomicU64,
    pub reloads_failed: AtomicU64,
    /// Microseconds the last snapshot load took.
    pub last_load_micros: AtomicU64,
    pub rate_limited: AtomicU64,
    pub unauthorized: AtomicU64,
    /// Requests refused for a key without the endpoint's role.
    pub forbidden: AtomicU64,
    /// Query entities not screened because their request timed out.
    pub queries_cancelled: AtomicU64,
}

impl Metrics {
    /// Records one finished request of `route` (a route template, or [`UNROUTED`]).
    pub fn record(&self, route: &str, status: u16, elapsed: Duration) {
        let series = {
            let mut routes = self.routes.lock().unwrap_or_else(|p| p.into_inner());
            routes.entry(route.to_owned()).or_default().clone()
        };
        *series.statuses.lock().unwrap_or_else(|p| p.into_inner()).entry(status).or_default() += 1;
        let secs = elapsed.as_secs_f64();
        if let Some(b) = BUCKETS.iter().position(|le| secs <= *le) {
            series.buckets[b].fetch_add(1, Ordering::Relaxed);
        }
        series.count.fetch_add(1, Ordering::Relaxed);
        series.sum_nanos.fetch_add(elapsed.as_nanos() as u64, Ordering::Relaxed);
    }

    /// Appends the request and screening series to `out`.
    pub fn render(&self, out: &mut String) {
        out.push_str("# HELP embargo_http_requests_total HTTP requests by route and status.\n");
        out.push_str("# TYPE embargo_http_requests_total counter\n");
        let routes: Vec<(String, Arc<RouteSeries>)> = {
            let routes = self.routes.lock().unwrap_or_else(|p| p.into_inner());
            routes.iter().map(|(r, s)| (r.clone(), s.clone())).collect()
        };
        for (route, series) in &routes {
            let statuses = series.statuses.lock().unwrap_or_else(|p| p.into_inner()).clone();
            for (status, n) in statuses {
                let _ =
                    writeln!(out, "embargo_http_requests_total{{route=\"{route}\",status=\"{status}\"}} {n}");
            }
        }
        out.push_str("# HELP embargo_http_request_duration_seconds Request latency by route.\n");
        out.push_str("# TYPE embargo_http_request_duration_seconds histogram\n");
        for (route, series) in &routes {
            let count = series.count.load(Ordering::Relaxed);
            if count == 0 {
                continue;
            }
            let mut cumulative = 0;
            for (le, bucket) in BUCKETS.iter().zip(&series.buckets) {
                cumulative += bucket.load(Ordering::Relaxed);
                let _ = writeln!(
                    out,
                    "embargo_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"{le}\"}} {cumulative}"
                );
            }
            let _ = writeln!(
                out,
                "embargo_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"+Inf\"}} {count}"
            );
            let sum = series.sum_nanos.load(Ordering::Relaxed) as f64 / 1e9;
            let _ = writeln!(out, "embargo_http_request_duration_seconds_sum{{route=\"{route}\"}} {sum}");
            let _ = writeln!(out, "embargo_http_request_duration_seconds_count{{route=\"{route}\"}} {count}");
        }
        let counters = [
            ("embargo_screening_queries_total", "Query entities screened.", &self.queries),
            ("embargo_screening_results_total", "Results returned by /match.", &self.hits),
            ("embargo_screening_matches_total", "Results at or above the threshold.", &self.matches),
            ("embargo_rate_limited_total", "Requests refused by the rate limit.", &self.rate_limited),
            (
                "embargo_unauthorized_total",
                "Requests refused for a missing or invalid key.",
                &self.unauthorized,
            ),
            ("embargo_forbidden_total", "Requests refused for a key without the role.", &self.forbidden),
            (
                "embargo_screening_queries_cancelled_total",
                "Query entities left unscreened because their request timed out.",
                &self.queries_cancelled,
            ),
        ];
        for (name, help, value) in counters {
            let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} counter");
            let _ = writeln!(out, "{name} {}", value.load(Ordering::Relaxed));
        }
        out.push_str("# HELP embargo_reloads_total Snapshot loads by result.\n");
        out.push_str("# TYPE embargo_reloads_total counter\n");
        let _ = writeln!(
            out,
            "embargo_reloads_total{{result=\"ok\"}} {}",
            self.reloads_ok.load(Ordering::Relaxed)
        );
        let _ = writeln!(
            out,
            "embargo_reloads_total{{result=\"error\"}} {}",
            self.reloads_failed.load(Ordering::Relaxed)
        );
        out.push_str("# HELP embargo_snapshot_load_seconds Time the last snapshot load took.\n");
        out.push_str("# TYPE embargo_snapshot_load_seconds gauge\n");
        let load = self.last_load_micros.load(Ordering::Relaxed) as f64 / 1e6;
        let _ = writeln!(out, "embargo_snapshot_load_seconds {load}");
    }
}

/// Escapes a label value for the text format.
pub fn label(value: &str) -> String {
    value.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn histogram_buckets_are_cumulative() {
        let m = Metrics::default();
        m.record("/match", 200, Duration::from_micros(300));
        m.record("/match", 200, Duration::from_millis(3));
        m.record("/match", 422, Duration::from_millis(30));
        m.record(UNROUTED, 404, Duration::from_millis(1));
        let mut out = String::new();
        m.render(&mut out);
        assert!(out.contains("embargo_http_requests_total{route=\"/match\",status=\"200\"} 2"));
        assert!(out.contains("embargo_http_requests_total{route=\"other\",status=\"404\"} 1"));
        assert!(out.contains("route=\"/match\",le=\"0.0005\"} 1"));
        assert!(out.contains("route=\"/match\",le=\"0.005\"} 2"));
        assert!(out.contains("route=\"/match\",le=\"+Inf\"} 3"));
    }

    #[test]
    fn label_values_are_escaped() {
        assert_eq!(label("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
    }
}
