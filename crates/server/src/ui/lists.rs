//! The lists: each list's version in force, its publication and import dates and age, its
//! sync status (stale when the last good sync is older than 48 hours, sync's default), every
//! version kept, and the last diff (added, removed, changed).

use super::html::esc;
use super::{blocking, error_page, ok_page, Current};
use crate::keys::Role;
use crate::state::AppState;
use axum::extract::State;
use axum::response::Response;
use embargo_cases::SystemEvent;
use embargo_errors::ErrorCode;
use embargo_store::{ListVersion, Store};
use std::fmt::Write;
use std::sync::Arc;

/// A sync older than this (hours) is stale: `embargo sync`'s default `stale_after_hours`.
const STALE_AFTER_HOURS: i64 = 48;

struct ListRow {
    active: ListVersion,
    versions: usize,
    diff: Option<(u32, usize, usize, usize)>,
}

fn age(seconds: i64) -> String {
    let days = seconds / 86_400;
    if days >= 2 {
        format!("{days} days")
    } else {
        format!("{} hours", seconds / 3600)
    }
}

pub async fn lists(State(state): State<Arc<AppState>>, current: Current) -> Response {
    if let Err(refused) = current.require(Role::Screen) {
        return *refused;
    }
    let dir = state.config.data_dir.clone();
    let rows = blocking(move || {
        let err = |e: embargo_store::StoreError| (e.error_code(), e.to_string());
        let store = Store::open(&dir).map_err(err)?;
        let mut rows = Vec::new();
        for active in store.lists().map_err(err)? {
            let versions = store.versions(&active.list).map_err(err)?.len();
            let diff = if active.version > 1 {
                let d = store.diff(&active.list, active.version - 1, active.version).map_err(err)?;
                Some((d.from, d.added.len(), d.removed.len(), d.changed.len()))
            } else {
                None
            };
            rows.push(ListRow { active, versions, diff });
        }
        let status: serde_json::Value = std::fs::read(dir.join("sync-status.json"))
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default();
        Ok((rows, status))
    })
    .await;
    let (rows, sync) = match rows {
        Ok(r) => r,
        Err((code, message)) => return error_page(Some(&current), code, &message),
    };
    let now = jiff::Timestamp::now();
    let mut body = String::from("<h1>Lists</h1>");
    if let Some(snapshot) = state.snapshot() {
        let _ = write!(
            body,
            "<p>In force in this server: {} ({} entities, loaded {}).</p>",
            esc(&snapshot.labels().join(", ")),
            snapshot.entity_count(),
            esc(state.loaded_at().as_deref().map(String::as_str).unwrap_or("—"))
        );
    }
    body.push_str(
        "<table class=\"lists\" id=\"lists\"><thead><tr><th scope=\"col\">List</th><th scope=\"col\">Version</th>\
         <th scope=\"col\">Publisher</th><th scope=\"col\">Published</th><th scope=\"col\">Imported</th>\
         <th scope=\"col\" class=\"num\">Entities</th><th scope=\"col\">Freshness</th><th scope=\"col\">Last diff</th>\
         <th scope=\"col\">sha256</th></tr></thead><tbody>",
    );
    for row in &rows {
        let v = &row.active;
        let imported = v.imported_at.parse::<jiff::Timestamp>().ok();
        let import_age = imported.map(|t| now.as_second() - t.as_second());
        let published_age = v.publication_date.as_ref().and_then(|d| {
            let day =
                jiff::civil::Date::new(d.year as i16, d.month.unwrap_or(1) as i8, d.day.unwrap_or(1) as i8)
                    .ok()?;
            let t = day.to_zoned_datetime(jiff::tz::TimeZone::UTC).ok()?.timestamp();
            Some(now.as_second() - t.as_second())
        });
        // A source synced by `embargo sync` whose last good sync is old is stale; a list only
        // imported by hand has no sync status, and its import age is shown instead.
        let source = sync["sources"].as_object().and_then(|sources| {
            sources
                .values()
                .find(|s| s["versions"].as_object().is_some_and(|v| v.contains_key(&row.active.list)))
        });
        let freshness = match source {
            Some(s) => {
                let last = s["last_success"].as_i64();
                let stale = last.is_none_or(|t| now.as_second() - t > STALE_AFTER_HOURS * 3600);
                let error = s["last_error"].as_str().map(|e| format!(": {}", esc(e))).unwrap_or_default();
                match (stale, last) {
                    (true, Some(t)) => format!(
                        "<span class=\"badge st-escalated\">stale</span> last good sync {} ago{error}",
                        age(now.as_second() - t)
                    ),
                    (true, None) => {
                        format!("<span class=\"badge st-escalated\">stale</span> never synced{error}")
                    }
                    (false, Some(t)) => format!(
                        "<span class=\"badge st-false_positive\">fresh</span> synced {} ago",
                        age(now.as_second() - t)
                    ),
                    (false, None) => String::new(),
                }
            }
            None => format!(
                "imported {} ago by hand (no sync status){}",
                import_age.map(age).unwrap_or_else(|| "?".into()),
                published_age.map(|a| format!("; published {} ago", age(a))).unwrap_or_default()
            ),
        };
        let diff = match row.diff {
            Some((from, added, removed, changed)) => {
                format!("from {from}: +{added} −{removed} ~{changed}")
            }
            None => "first version".to_owned(),
        };
        let _ = write!(
            body,
            "<tr><th scope=\"row\">{}</th><td>{} <small>of {}</small></td><td>{}</td><td>{}</td><td>{}</td>\
             <td class=\"num\">{}</td><td>{}</td><td>{}</td><td><code>{}</code></td></tr>",
            esc(&v.list),
            v.version,
            row.versions,
            esc(&v.publisher),
            esc(&v.publication_date.as_ref().map(|d| d.to_string()).unwrap_or_else(|| "—".into())),
            esc(&v.imported_at),
            v.entities,
            freshness,
            esc(&diff),
            esc(&v.sha256.chars().take(12).collect::<String>()),
        );
    }
    body.push_str("</tbody></table>");
    if rows.is_empty() {
        body.push_str("<p class=\"empty\">No list is imported: run <code>embargo sync</code> or <code>embargo import</code>.</p>");
    }
    body.push_str(&monitoring_runs(&state).await);
    ok_page("Lists", &current, &body)
}

/// At most this many monitoring runs are shown, newest first.
const MONITORING_RUNS_SHOWN: usize = 10;

/// The latest monitoring runs from the audit log, with their alert counts.
async fn monitoring_runs(state: &Arc<AppState>) -> String {
    let cases = state.clone();
    // System events are few (imports, syncs, keys, runs); 500 reach back far enough for 10 runs.
    let events =
        blocking(move || cases.cases.system_events(500).map_err(|e| (e.error_code(), e.to_string()))).await;
    let mut html = String::from("<h2>Monitoring runs</h2>");
    let events = match events {
        Ok(events) => events,
        Err((code, message)) => {
            let _ = write!(
                html,
                "<p class=\"error\">The audit log could not be read: {} ({code})</p>",
                esc(&message)
            );
            return html;
        }
    };
    let runs: Vec<_> = events
        .iter()
        .filter(|e| matches!(e.event, SystemEvent::MonitoringRun { .. }))
        .take(MONITORING_RUNS_SHOWN)
        .collect();
    if runs.is_empty() {
        html.push_str(
            "<p class=\"empty\">No monitoring run yet: <code>embargo monitor run</code>, or an import.</p>",
        );
        return html;
    }
    html.push_str(
        "<table class=\"lists\" id=\"monitoring-runs\"><thead><tr><th scope=\"col\">When</th><th scope=\"col\">Run</th>\
         <th scope=\"col\">By</th><th scope=\"col\" class=\"num\">Subjects</th><th scope=\"col\" class=\"num\">Screened in full</th>\
         <th scope=\"col\" class=\"num\">Screened against changes</th><th scope=\"col\" class=\"num\">New alerts</th>\
         <th scope=\"col\" class=\"num\">Alerts delisted</th><th scope=\"col\">Versions</th></tr></thead><tbody>",
    );
    for record in runs {
        if let SystemEvent::MonitoringRun {
            run,
            versions,
            subjects,
            screened_full,
            screened_delta,
            new_alerts,
            delisted_alerts,
            ..
        } = &record.event
        {
            let _ = write!(
                html,
                "<tr><td>{}</td><th scope=\"row\">{}</th><td>{}</td><td class=\"num\">{subjects}</td>\
                 <td class=\"num\">{screened_full}</td><td class=\"num\">{screened_delta}</td>\
                 <td class=\"num\">{new_alerts}</td><td class=\"num\">{delisted_alerts}</td><td>{}</td></tr>",
                esc(&record.at),
                esc(run),
                esc(&record.by),
                esc(&versions.join(", ")),
            );
        }
    }
    html.push_str("</tbody></table>");
    html
}
