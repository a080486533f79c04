//! The audit log: its verification (every record recomputed, every checkpoint's signature
//! checked) and the last records of the past day.

use super::html::esc;
use super::{blocking, ok_page, Current};
use crate::keys::Role;
use crate::state::AppState;
use axum::extract::State;
use axum::response::Response;
use embargo_cases::{CaseError, ExportFormat, VerifyReport};
use embargo_errors::ErrorCode;
use std::fmt::Write;
use std::sync::Arc;

/// Records shown.
const LAST: usize = 50;

pub async fn audit(State(state): State<Arc<AppState>>, current: Current) -> Response {
    if let Err(refused) = current.require(Role::Admin) {
        return *refused;
    }
    let cases = state.clone();
    let outcome = blocking(move || {
        let verified: Result<VerifyReport, CaseError> = cases.cases.verify(None);
        let since = jiff::Timestamp::now() - jiff::SignedDuration::from_hours(24);
        let mut out = Vec::new();
        let recent = cases
            .cases
            .export(Some(&format!("{since:.0}")), None, ExportFormat::JsonLines, false, &mut out)
            .map(|_| out)
            .map_err(|e| (e.error_code(), e.to_string()));
        Ok((verified, recent, cases.cases.public_key().key_id()))
    })
    .await;
    let Ok((verified, recent, key_id)) = outcome else {
        return super::error_page(
            Some(&current),
            embargo_errors::Code::Internal,
            "The audit check failed; it was logged.",
        );
    };
    let mut body = String::from("<h1>Audit log</h1>");
    match verified {
        Ok(report) => {
            let _ = write!(
                body,
                "<p class=\"verified\" id=\"audit-status\" role=\"status\"><span class=\"badge st-false_positive\">verified</span> \
                 {} records, root <code>{}</code>, {} checkpoints checked, {} erased; signing key <code>{}</code>.</p>",
                report.records,
                esc(&report.root),
                report.checkpoints,
                report.erased,
                esc(&key_id)
            );
        }
        Err(e) => {
            let _ = write!(
                body,
                "<p class=\"error\" id=\"audit-status\" role=\"alert\"><span class=\"badge st-true_match\">failed</span> \
                 <code>{}</code>: {}</p>",
                esc(e.error_code().as_str()),
                esc(&e.to_string())
            );
        }
    }
    match recent {
        Ok(bytes) => {
            let text = String::from_utf8_lossy(&bytes);
            let records: Vec<serde_json::Value> =
                text.lines().filter_map(|l| serde_json::from_str(l).ok()).collect();
            let _ = write!(
                body,
                "<h2>Last records of the past day</h2><p>{} records in the past day.</p>",
                records.len()
            );
            body.push_str(
                "<table class=\"history\"><thead><tr><th scope=\"col\" class=\"num\">Record</th><th scope=\"col\">When</th>\
                 <th scope=\"col\">Who</th><th scope=\"col\">What</th><th scope=\"col\">Leaf hash</th></tr></thead><tbody>",
            );
            for r in records.iter().rev().take(LAST) {
                let _ = write!(
                    body,
                    "<tr><td class=\"num\">{}</td><td>{}</td><td>{}</td><td>{}</td><td><code>{}</code></td></tr>",
                    r["record"].as_u64().unwrap_or(0),
                    esc(r["at"].as_str().unwrap_or("")),
                    esc(r["actor"].as_str().unwrap_or("")),
                    esc(&r["kind"].as_str().unwrap_or("").replace('_', " ")),
                    esc(&r["leaf_hash"].as_str().unwrap_or("").chars().take(16).collect::<String>()),
                );
            }
            body.push_str("</tbody></table>");
        }
        Err((code, message)) => {
            let _ = write!(
                body,
                "<p class=\"error\">Records cannot be read ({}): {}</p>",
                esc(code.as_str()),
                esc(&message)
            );
        }
    }
    ok_page("Audit", &current, &body)
}
