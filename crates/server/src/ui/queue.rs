//! The review queue: alerts waiting for someone (open, re-review, escalated, pending approval)
//! or any status, filtered by list, minimum score and assignee, sorted and paged, with the
//! count of each status.

use super::html::{esc, score, status, url};
use super::{blocking, error_page, ok_page, Current};
use crate::keys::Role;
use crate::state::AppState;
use axum::extract::{Query, State};
use axum::response::Response;
use embargo_cases::{AlertFilter, AlertStatus, AlertSummary};
use embargo_errors::{Code, ErrorCode};
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;
use std::sync::Arc;

/// Alerts on one page.
pub const PAGE_SIZE: usize = 25;

/// Statuses that wait for someone: the queue's default.
const WAITING: [AlertStatus; 4] =
    [AlertStatus::Open, AlertStatus::ReReview, AlertStatus::Escalated, AlertStatus::PendingApproval];

fn list_of(alert: &AlertSummary) -> Vec<&str> {
    let mut lists: Vec<&str> =
        alert.entities.iter().filter_map(|e| e.split_once(':').map(|(l, _)| l)).collect();
    lists.dedup();
    lists
}

pub async fn queue(
    State(state): State<Arc<AppState>>,
    current: Current,
    Query(params): Query<HashMap<String, String>>,
) -> Response {
    if let Err(refused) = current.require(Role::Review) {
        return *refused;
    }
    let param = |name: &str| params.get(name).map(|v| v.trim()).filter(|v| !v.is_empty());
    let wanted_status = match param("status") {
        None | Some("waiting") => None,
        Some("any") => Some(None),
        Some(s) => match AlertStatus::parse(s) {
            Some(s) => Some(Some(s)),
            None => {
                return error_page(Some(&current), Code::InvalidParameter, &format!("Unknown status {s:?}."))
            }
        },
    };
    let min_score = match param("min_score").map(|s| s.parse::<f64>()) {
        None => 0.0,
        Some(Ok(v)) if (0.0..=100.0).contains(&v) => v / 100.0,
        Some(_) => {
            return error_page(
                Some(&current),
                Code::InvalidParameter,
                "The minimum score is a percentage from 0 to 100.",
            )
        }
    };
    let list = param("list").map(str::to_owned);
    let assignee = param("assignee").map(str::to_owned);
    let sort = param("sort").unwrap_or("score");
    let page: usize = param("page").and_then(|p| p.parse().ok()).filter(|p| *p >= 1).unwrap_or(1);

    let tag = param("tag").map(str::to_owned);
    let cases_state = state.clone();
    let wanted_tag = tag.clone();
    let all = match blocking(move || {
        let err = |e: embargo_cases::CaseError| (e.error_code(), e.to_string());
        let mut all = cases_state.cases.alerts(&AlertFilter::default()).map_err(err)?;
        // Tags are the firm's words about a subject, kept with the screening as screened: an
        // alert has the tag when the screening that made it had it.
        if let Some(tag) = &wanted_tag {
            let mut tagged = HashMap::new();
            for a in &all {
                if !tagged.contains_key(&a.screening) {
                    let screening = cases_state.cases.screening(&a.screening).map_err(err)?;
                    let has = screening.subject.is_some_and(|s| s.tags.iter().any(|t| t == tag));
                    tagged.insert(a.screening.clone(), has);
                }
            }
            all.retain(|a| tagged[&a.screening]);
        }
        Ok(all)
    })
    .await
    {
        Ok(all) => all,
        Err((code, message)) => return error_page(Some(&current), code, &message),
    };
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for a in &all {
        *counts.entry(a.status.as_str()).or_default() += 1;
    }
    let mut rows: Vec<&AlertSummary> = all
        .iter()
        .filter(|a| match wanted_status {
            None => WAITING.contains(&a.status),
            Some(None) => true,
            Some(Some(s)) => a.status == s,
        })
        .filter(|a| a.score >= min_score - 1e-9)
        .filter(|a| list.as_deref().is_none_or(|l| list_of(a).contains(&l)))
        .filter(|a| assignee.as_deref().is_none_or(|who| a.assignee.as_deref() == Some(who)))
        .collect();
    match sort {
        "oldest" => {}
        "newest" => rows.reverse(),
        _ => rows.sort_by(|a, b| b.score.total_cmp(&a.score)),
    }
    let total = rows.len();
    let pages = total.div_ceil(PAGE_SIZE).max(1);
    let page = page.min(pages);
    let shown = &rows[(page - 1) * PAGE_SIZE..(page * PAGE_SIZE).min(total)];

    let snapshot = state.snapshot();
    let mut body = String::from("<h1>Review queue</h1>");
    if let (Some(done), Some(to)) = (param("done"), param("to")) {
        let _ = write!(
            body,
            "<p class=\"notice\" role=\"status\" id=\"flash\">Alert {} is now {}.</p>",
            esc(done),
            esc(&to.replace('_', " "))
        );
    }
    body.push_str("<ul class=\"counts\" aria-label=\"Alerts by status\">");
    for s in AlertStatus::ALL {
        let n = counts.get(s.as_str()).copied().unwrap_or(0);
        let _ = write!(
            body,
            "<li><a href=\"/ui/?status={0}\">{1} <strong data-count=\"{0}\">{n}</strong></a></li>",
            s.as_str(),
            status(s.as_str())
        );
    }
    body.push_str("</ul>");

    // Filters.
    let selected = |cond: bool| if cond { " selected" } else { "" };
    let status_param = param("status").unwrap_or("waiting");
    body.push_str("<form class=\"filters\" method=\"get\" action=\"/ui/\" role=\"search\">");
    body.push_str("<span class=\"field\"><label for=\"f-status\">Status</label><select id=\"f-status\" name=\"status\">");
    let _ = write!(
        body,
        "<option value=\"waiting\"{}>waiting (open, re-review, escalated, pending)</option>",
        selected(status_param == "waiting")
    );
    let _ = write!(body, "<option value=\"any\"{}>any</option>", selected(status_param == "any"));
    for s in AlertStatus::ALL {
        let _ = write!(
            body,
            "<option value=\"{0}\"{1}>{2}</option>",
            s.as_str(),
            selected(status_param == s.as_str()),
            s.as_str().replace('_', " ")
        );
    }
    body.push_str("</select></span><span class=\"field\"><label for=\"f-list\">List</label><select id=\"f-list\" name=\"list\"><option value=\"\">all</option>");
    if let Some(snapshot) = &snapshot {
        for v in snapshot.lists() {
            let _ = write!(
                body,
                "<option value=\"{0}\"{1}>{0}</option>",
                esc(&v.list),
                selected(list.as_deref() == Some(&v.list))
            );
        }
    }
    let _ = write!(
        body,
        "</select></span><span class=\"field\"><label for=\"f-min\">Min score %</label>\
         <input id=\"f-min\" name=\"min_score\" type=\"number\" min=\"0\" max=\"100\" step=\"1\" value=\"{}\"></span>\
         <span class=\"field\"><label for=\"f-assignee\">Assignee</label><input id=\"f-assignee\" name=\"assignee\" value=\"{}\"></span>\
         <span class=\"field\"><label for=\"f-tag\">Subject tag</label><input id=\"f-tag\" name=\"tag\" value=\"{}\"></span>\
         <span class=\"field\"><label for=\"f-sort\">Sort</label><select id=\"f-sort\" name=\"sort\">\
         <option value=\"score\"{}>highest score</option><option value=\"oldest\"{}>oldest first</option>\
         <option value=\"newest\"{}>newest first</option></select></span>\
         <button type=\"submit\">Filter</button></form>",
        esc(param("min_score").unwrap_or("")),
        esc(assignee.as_deref().unwrap_or("")),
        esc(tag.as_deref().unwrap_or("")),
        selected(sort == "score"),
        selected(sort == "oldest"),
        selected(sort == "newest"),
    );

    let _ = write!(
        body,
        "<p id=\"queue-summary\">{total} alert{} match{}; page {page} of {pages}. \
         <span class=\"hint\">Keys: <kbd>j</kbd>/<kbd>k</kbd> move, <kbd>Enter</kbd> opens.</span></p>",
        if total == 1 { "" } else { "s" },
        if total == 1 { "es" } else { "" }
    );
    if shown.is_empty() {
        body.push_str("<p class=\"empty\">No alert matches.</p>");
    } else {
        body.push_str(
            "<table class=\"queue\" id=\"queue\"><caption class=\"sr-only\">Alerts</caption><thead><tr>\
             <th scope=\"col\">Alert</th><th scope=\"col\">Subject</th><th scope=\"col\">Listed entity</th>\
             <th scope=\"col\">List</th><th scope=\"col\" class=\"num\">Score</th><th scope=\"col\">Status</th>\
             <th scope=\"col\">Assignee</th><th scope=\"col\">Created</th></tr></thead><tbody>",
        );
        for a in shown {
            let caption = snapshot
                .as_ref()
                .and_then(|s| a.entities.first().and_then(|e| s.entity(e)))
                .and_then(|e| e.names.first().map(|n| n.full.clone()))
                .unwrap_or_default();
            let _ = write!(
                body,
                "<tr data-href=\"/ui/alerts/{0}\" id=\"row-{1}\"><td><a href=\"/ui/alerts/{0}\">{1}</a></td><td>{2}</td>\
                 <td>{3} <small>{4}</small></td><td>{5}</td><td class=\"num\">{6}</td><td>{7}</td><td>{8}</td><td>{9}</td></tr>",
                url(&a.id),
                esc(&a.id),
                esc(&a.subject_id),
                esc(&caption),
                esc(&a.entity_id),
                esc(&list_of(a).join(", ")),
                score(a.score),
                status(a.status.as_str()),
                esc(a.assignee.as_deref().unwrap_or("—")),
                esc(&a.created_at),
            );
        }
        body.push_str("</tbody></table>");
    }
    if pages > 1 {
        let mut query: Vec<(String, String)> = params
            .iter()
            .filter(|(k, _)| *k != "page" && *k != "done" && *k != "to")
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        query.sort();
        let base: String = query.iter().map(|(k, v)| format!("{}={}&amp;", url(k), url(v))).collect();
        body.push_str("<nav class=\"pages\" aria-label=\"Pages\">");
        if page > 1 {
            let _ = write!(body, "<a rel=\"prev\" href=\"/ui/?{base}page={}\">← previous</a> ", page - 1);
        }
        if page < pages {
            let _ = write!(body, "<a rel=\"next\" href=\"/ui/?{base}page={}\">next →</a>", page + 1);
        }
        body.push_str("</nav>");
    }
    ok_page("Queue", &current, &body)
}
