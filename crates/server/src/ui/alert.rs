//! One alert: the subject as screened and each listed entity side by side with the matched
//! words highlighted, the explanation as a readable breakdown, the alert's history and the
//! earlier decisions on the same pair, and the decision or four-eyes form.

use super::html::{self, esc, score, status, url};
use super::{blocking, check_form, error_page, ok_page, Current, FormData};
use crate::keys::Role;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use embargo_cases::{
    AlertFilter, AlertStatus, AlertView, DecisionRequest, HistoryEntry, Outcome, Reason, ReasonCode,
    ScreeningView, Subject,
};
use embargo_errors::{Code, ErrorCode};
use embargo_model::Entity;
use std::collections::HashSet;
use std::fmt::Write;
use std::sync::Arc;

/// Two words of a query and a listed name count as matched from this similarity on.
const WORD_MATCH: f64 = 0.8;

fn words(name: &str) -> Vec<String> {
    name.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

/// The words of `query` and of `listed` that match a word of the other (the same, or similar
/// as the matcher scores single words), lower case.
pub fn matched_words(query: &str, listed: &str) -> (HashSet<String>, HashSet<String>) {
    let (qw, lw) = (words(query), words(listed));
    let (mut q_marked, mut l_marked) = (HashSet::new(), HashSet::new());
    for q in &qw {
        for l in &lw {
            let similar = q == l
                || (q.chars().count() >= 3
                    && l.chars().count() >= 3
                    && embargo_matcher::compare(q, l, None).score >= WORD_MATCH);
            if similar {
                q_marked.insert(q.clone());
                l_marked.insert(l.clone());
            }
        }
    }
    (q_marked, l_marked)
}

/// A value of an enum as its snake-case name (`strong_alias`).
fn snake<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

fn cell_list(items: &[String]) -> String {
    if items.is_empty() {
        return "<span class=\"none\">—</span>".to_owned();
    }
    let mut out = String::from("<ul class=\"plain\">");
    for item in items {
        let _ = write!(out, "<li>{item}</li>");
    }
    out.push_str("</ul>");
    out
}

fn escaped(items: impl IntoIterator<Item = String>) -> Vec<String> {
    items.into_iter().map(|s| esc(&s)).collect()
}

/// The rows of one column: the subject as screened.
fn subject_column(subject: Option<&Subject>, marked: &HashSet<String>) -> [String; 8] {
    let Some(s) = subject else {
        let erased = "<span class=\"none\">erased</span>".to_owned();
        return std::array::from_fn(|_| erased.clone());
    };
    [
        cell_list(&s.names.iter().map(|n| html::highlight(n, marked)).collect::<Vec<_>>()),
        esc(&s.kind.map(|k| k.to_string()).unwrap_or_else(|| "—".into())),
        cell_list(&escaped(s.birth_dates.clone())),
        cell_list(&escaped(s.countries.clone())),
        cell_list(&escaped(s.identifiers.clone())),
        cell_list(&[]),
        cell_list(&[]),
        cell_list(&escaped(s.tags.iter().map(|t| format!("tag: {t}")))),
    ]
}

fn country(c: &embargo_model::Country) -> String {
    match &c.code {
        Some(code) if !code.eq_ignore_ascii_case(&c.name) => format!("{} ({code})", c.name),
        _ => c.name.clone(),
    }
}

/// The rows of one column: a listed entity as the lists in force hold it.
fn entity_column(
    e: &Entity,
    marked: &HashSet<String>,
    alerted_version: &str,
    in_force: Option<u32>,
) -> [String; 8] {
    let names: Vec<String> = e
        .names
        .iter()
        .map(|n| {
            format!(
                "{} <small class=\"role\">{}</small>",
                html::highlight(&n.full, marked),
                esc(&snake(&n.role).replace('_', " "))
            )
        })
        .collect();
    let mut countries: Vec<String> = Vec::new();
    for (label, list) in
        [("nationality", &e.nationalities), ("citizenship", &e.citizenships), ("country", &e.countries)]
    {
        countries.extend(list.iter().map(|c| format!("{} <small>{label}</small>", esc(&country(c)))));
    }
    let ids: Vec<String> = e
        .identifiers
        .iter()
        .map(|i| {
            let mut s = format!("{}: {}", esc(&snake(&i.kind).replace('_', " ")), esc(&i.value));
            if let Some(c) = &i.country {
                let _ = write!(s, " <small>({})</small>", esc(&country(c)));
            }
            s
        })
        .collect();
    let mut provenance = vec![
        format!("<a href=\"/ui/entity?id={}\">{}</a>", url(&e.id), esc(&e.id)),
        format!("list version as alerted: {}", esc(alerted_version)),
        match in_force {
            Some(v) => format!("in force now: {}@{v}", esc(&e.provenance.list)),
            None => "list not in force".to_owned(),
        },
    ];
    if let Some(d) = &e.listed_on {
        provenance.push(format!("listed on {}", esc(&d.to_string())));
    }
    provenance.extend(e.provenance.references.iter().map(|(k, v)| format!("{}: {}", esc(k), esc(v))));
    [
        cell_list(&names),
        esc(&e.kind.to_string()),
        cell_list(&escaped(e.birth_dates.iter().map(|d| d.raw.clone()))),
        cell_list(&countries),
        cell_list(&ids),
        cell_list(&escaped(e.addresses.iter().map(|a| a.full.clone()))),
        cell_list(&escaped(e.programs.iter().map(|p| p.name.clone()))),
        cell_list(&provenance),
    ]
}

const ROWS: [&str; 8] = [
    "Names",
    "Kind",
    "Dates of birth",
    "Nationalities, countries",
    "Identifiers",
    "Addresses",
    "Programmes",
    "Provenance",
];

fn history_table(entries: &[(String, HistoryEntry)], with_alert: bool) -> String {
    let mut out = String::from("<table class=\"history\"><thead><tr>");
    if with_alert {
        out.push_str("<th scope=\"col\">Alert</th>");
    }
    out.push_str(
        "<th scope=\"col\">When</th><th scope=\"col\">Who</th><th scope=\"col\">What</th>\
         <th scope=\"col\">Status</th><th scope=\"col\">Reasons</th><th scope=\"col\">Comment</th></tr></thead><tbody>",
    );
    for (alert, h) in entries {
        out.push_str("<tr>");
        if with_alert {
            let _ = write!(out, "<td><a href=\"/ui/alerts/{}\">{}</a></td>", url(alert), esc(alert));
        }
        let what = match h.outcome {
            Some(o) => format!("{} → {}", h.action.replace('_', " "), snake(&o).replace('_', " ")),
            None => h.action.replace('_', " "),
        };
        let codes: Vec<&str> = h.codes.iter().map(|c| c.as_str()).collect();
        let _ = write!(
            out,
            "<td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&h.at),
            esc(&h.actor),
            esc(&what),
            h.status.map(|s| status(s.as_str())).unwrap_or_default(),
            esc(&codes.join(", ")),
            esc(h.text.as_deref().or(h.detail.as_deref()).unwrap_or("")),
        );
    }
    out.push_str("</tbody></table>");
    out
}

struct Loaded {
    alert: AlertView,
    screening: ScreeningView,
    earlier: Vec<(String, HistoryEntry)>,
}

fn load(state: &AppState, id: &str) -> Result<Loaded, (Code, String)> {
    let err = |e: embargo_cases::CaseError| (e.error_code(), e.to_string());
    let alert = state.cases.alert(id).map_err(err)?;
    let screening = state.cases.screening(&alert.summary.screening).map_err(err)?;
    let filter = AlertFilter { subject: Some(alert.summary.subject_id.clone()), ..AlertFilter::default() };
    let mut earlier = Vec::new();
    for other in state.cases.alerts(&filter).map_err(err)? {
        if other.id == alert.summary.id || other.entity_id != alert.summary.entity_id {
            continue;
        }
        let view = state.cases.alert(&other.id).map_err(err)?;
        for h in view.history {
            if h.action != "alert_created" {
                earlier.push((other.id.clone(), h));
            }
        }
    }
    Ok(Loaded { alert, screening, earlier })
}

pub async fn show(State(state): State<Arc<AppState>>, current: Current, Path(id): Path<String>) -> Response {
    if let Err(refused) = current.require(Role::Review) {
        return *refused;
    }
    let loading = state.clone();
    let Loaded { alert, screening, earlier } = match blocking(move || load(&loading, &id)).await {
        Ok(loaded) => loaded,
        Err((code, message)) => return error_page(Some(&current), code, &message),
    };
    let snapshot = state.snapshot();
    let s = &alert.summary;
    let mut body = String::new();
    let _ = write!(
        body,
        "<h1>Alert {} {}</h1><dl class=\"facts\">\
         <dt>Subject</dt><dd>{}</dd><dt>Score</dt><dd>{}</dd><dt>Created</dt><dd>{}</dd>\
         <dt>Screening</dt><dd>{} by {} at {}</dd><dt>Lists screened</dt><dd>{}</dd>\
         <dt>Threshold</dt><dd>{} ({})</dd><dt>Assignee</dt><dd>{}</dd><dt>Version</dt><dd>{}</dd></dl>",
        esc(&s.id),
        status(s.status.as_str()),
        esc(&s.subject_id),
        score(s.score),
        esc(&s.created_at),
        esc(&screening.id),
        esc(&screening.by),
        esc(&screening.at),
        esc(&screening
            .context
            .lists
            .iter()
            .map(|l| format!("{}@{}", l.list, l.version))
            .collect::<Vec<_>>()
            .join(", ")),
        score(screening.context.threshold),
        esc(&screening.context.algorithm),
        esc(s.assignee.as_deref().unwrap_or("—")),
        s.version,
    );
    if let Some(rr) = &alert.re_review {
        let changes: Vec<String> = rr
            .changes
            .iter()
            .map(|c| format!("{} {}: {}", c.side, c.entity_id.as_deref().unwrap_or(""), c.fields.join(", ")))
            .collect();
        let _ = write!(
            body,
            "<p class=\"notice\">Re-review: the pair was cleared by <a href=\"/ui/alerts/{}\">{}</a> (suppression {}), \
             and since then changed: {}.</p>",
            url(&rr.previous_alert),
            esc(&rr.previous_alert),
            esc(&rr.suppression),
            esc(&changes.join("; "))
        );
    }

    // Side by side.
    let mut subject_marked = HashSet::new();
    let mut columns: Vec<(String, [String; 8])> = Vec::new();
    for (i, ae) in alert.entities.iter().enumerate() {
        let hit = alert.hits.get(i);
        let query_name = hit.map(|h| h.query_name.as_str()).unwrap_or("");
        let (q, l) = matched_words(query_name, &ae.matched_name);
        subject_marked.extend(q);
        let alerted = format!("{}@{}", ae.list, ae.list_version);
        let heading = format!("{} <small>{}</small>", esc(&ae.entity_id), score(ae.score));
        let cells = match snapshot.as_ref().and_then(|snap| snap.entity(&ae.entity_id).map(|e| (snap, e))) {
            Some((snap, e)) => entity_column(e, &l, &alerted, snap.version_of(&ae.list).map(|v| v.version)),
            None => {
                let mut cells: [String; 8] =
                    std::array::from_fn(|_| "<span class=\"none\">—</span>".to_owned());
                cells[0] = cell_list(&[html::highlight(&ae.matched_name, &l)]);
                cells[7] = format!(
                    "{}<br>list version as alerted: {}<br><strong>not in the lists in force</strong>",
                    esc(&ae.entity_id),
                    esc(&alerted)
                );
                cells
            }
        };
        columns.push((heading, cells));
    }
    let subject = subject_column(screening.subject.as_ref(), &subject_marked);
    body.push_str("<section aria-labelledby=\"h-side\"><h2 id=\"h-side\">Subject and listed entities</h2><div class=\"scroll\"><table class=\"side\" id=\"side-by-side\"><thead><tr><th scope=\"col\"><span class=\"sr-only\">Field</span></th><th scope=\"col\">Subject as screened</th>");
    for (heading, _) in &columns {
        let _ = write!(body, "<th scope=\"col\">{heading}</th>");
    }
    body.push_str("</tr></thead><tbody>");
    for (row, label) in ROWS.iter().enumerate() {
        let _ = write!(body, "<tr><th scope=\"row\">{label}</th><td>{}</td>", subject[row]);
        for (_, cells) in &columns {
            let _ = write!(body, "<td>{}</td>", cells[row]);
        }
        body.push_str("</tr>");
    }
    body.push_str("</tbody></table></div></section>");

    // Why they matched.
    body.push_str("<section aria-labelledby=\"h-why\"><h2 id=\"h-why\">Why they matched</h2>");
    for (i, ae) in alert.entities.iter().enumerate() {
        let hit = alert.hits.get(i);
        let query_name = hit.map(|h| h.query_name.as_str()).unwrap_or("");
        let _ = write!(
            body,
            "<h3>{} — “{}” against “{}”: {}</h3>",
            esc(&ae.entity_id),
            esc(query_name),
            esc(&ae.matched_name),
            score(ae.score)
        );
        match hit.and_then(|h| h.explanation.as_ref()) {
            Some(tree) => body.push_str(&html::explanation(tree)),
            None if !query_name.is_empty() => {
                let kind = snapshot.as_ref().and_then(|s| s.entity(&ae.entity_id)).map(|e| e.kind);
                let names = embargo_matcher::compare(query_name, &ae.matched_name, kind);
                let tree = serde_json::to_value(&names.explanation).unwrap_or_default();
                body.push_str(
                    "<p class=\"hint\">The screening was recorded without an explanation; this is the \
                     comparison of the two names by the matcher now (names only, no other attributes).</p>",
                );
                body.push_str(&html::explanation(&tree));
            }
            None => body.push_str("<p class=\"none\">No explanation (erased).</p>"),
        }
    }
    body.push_str("</section>");

    // History, earlier decisions.
    let own: Vec<(String, HistoryEntry)> = alert.history.iter().map(|h| (s.id.clone(), h.clone())).collect();
    let _ = write!(
        body,
        "<section aria-labelledby=\"h-hist\"><h2 id=\"h-hist\">History</h2>{}</section>",
        history_table(&own, false)
    );
    body.push_str(
        "<section aria-labelledby=\"h-earlier\"><h2 id=\"h-earlier\">Earlier decisions on this pair</h2>",
    );
    if earlier.is_empty() {
        body.push_str("<p class=\"none\">None: this subject was not alerted on this entity before.</p>");
    } else {
        body.push_str(&history_table(&earlier, true));
    }
    body.push_str("</section>");

    // Forms.
    let can_decide = matches!(s.status, AlertStatus::Open | AlertStatus::ReReview | AlertStatus::Escalated);
    if can_decide && current.who.roles.allows(Role::Review) {
        body.push_str(&decision_form(&current, &s.id, s.version, s.status != AlertStatus::Escalated));
    }
    if s.status == AlertStatus::PendingApproval {
        let pending = alert
            .history
            .iter()
            .rev()
            .find(|h| h.status == Some(AlertStatus::PendingApproval) && h.outcome.is_some());
        body.push_str(
            "<section aria-labelledby=\"h-approve\"><h2 id=\"h-approve\">Four eyes: approve or reject</h2>",
        );
        if let Some(p) = pending {
            let codes: Vec<&str> = p.codes.iter().map(|c| c.as_str()).collect();
            let _ = write!(
                body,
                "<p>{} decided <strong>{}</strong> at {} ({}): {}</p>",
                esc(&p.actor),
                esc(&p.outcome.map(|o| snake(&o).replace('_', " ")).unwrap_or_default()),
                esc(&p.at),
                esc(&codes.join(", ")),
                esc(p.text.as_deref().unwrap_or(""))
            );
            if p.actor == current.actor {
                body.push_str("<p class=\"notice\">You made this decision: a second person must approve or reject it.</p>");
            }
        }
        if current.who.roles.allows(Role::Approve) {
            let _ = write!(
                body,
                "<form method=\"post\" action=\"/ui/alerts/{}/approve\" id=\"approve-form\">{}\
                 <input type=\"hidden\" name=\"version\" value=\"{}\">\
                 <label for=\"reason\">Reason (needed to reject)</label>\
                 <textarea id=\"reason\" name=\"reason\" rows=\"2\"></textarea>\
                 <div class=\"buttons\"><button type=\"submit\" name=\"decision\" value=\"approve\" id=\"approve\">Approve</button>\
                 <button type=\"submit\" name=\"decision\" value=\"reject\" id=\"reject\" class=\"secondary\">Reject</button></div></form>",
                url(&s.id),
                html::csrf_field(&current),
                s.version
            );
        } else {
            body.push_str("<p class=\"none\">Approving needs the approve role.</p>");
        }
        body.push_str("</section>");
    }
    ok_page(&format!("Alert {}", s.id), &current, &body)
}

fn decision_form(current: &Current, id: &str, version: u64, can_escalate: bool) -> String {
    let mut out = format!(
        "<section aria-labelledby=\"h-decide\"><h2 id=\"h-decide\">Decision</h2>\
         <form method=\"post\" action=\"/ui/alerts/{}/decide\" id=\"decide-form\">{}\
         <input type=\"hidden\" name=\"version\" value=\"{version}\">\
         <fieldset><legend>Outcome</legend>\
         <span class=\"choice\"><input type=\"radio\" id=\"o-fp\" name=\"outcome\" value=\"false_positive\" required><label for=\"o-fp\">False positive</label></span>\
         <span class=\"choice\"><input type=\"radio\" id=\"o-tm\" name=\"outcome\" value=\"true_match\"><label for=\"o-tm\">True match</label></span>",
        url(id),
        html::csrf_field(current)
    );
    if can_escalate {
        out.push_str("<span class=\"choice\"><input type=\"radio\" id=\"o-esc\" name=\"outcome\" value=\"escalate\"><label for=\"o-esc\">Escalate</label></span>");
    }
    out.push_str("</fieldset><fieldset><legend>Reason codes</legend>");
    for code in ReasonCode::ALL {
        let _ = write!(
            out,
            "<span class=\"choice\"><input type=\"checkbox\" id=\"c-{0}\" name=\"code\" value=\"{0}\"><label for=\"c-{0}\">{1}</label></span>",
            code.as_str(),
            code.as_str().replace('_', " ")
        );
    }
    out.push_str(
        "</fieldset><label for=\"comment\">Comment</label><textarea id=\"comment\" name=\"comment\" rows=\"3\"></textarea>\
         <button type=\"submit\" id=\"record\">Record decision</button></form></section>",
    );
    out
}

fn version_of(form: &FormData) -> Result<Option<u64>, Box<Response>> {
    match form.get("version") {
        None => Ok(None),
        Some(v) => v.parse().map(Some).map_err(|_| {
            Box::new(error_page(None, Code::InvalidParameter, "The form's version is not a number."))
        }),
    }
}

fn done(id: &str, view: &AlertView) -> Response {
    Redirect::to(&format!("/ui/?done={}&to={}", url(id), view.summary.status.as_str())).into_response()
}

pub async fn decide(
    State(state): State<Arc<AppState>>,
    current: Current,
    Path(id): Path<String>,
    headers: HeaderMap,
    form: FormData,
) -> Response {
    if let Err(refused) = check_form(&current, &headers, &form) {
        return *refused;
    }
    if let Err(refused) = current.require(Role::Review) {
        return *refused;
    }
    let outcome = match form.get("outcome") {
        Some("true_match") => Outcome::TrueMatch,
        Some("false_positive") => Outcome::FalsePositive,
        Some("escalate") => Outcome::Escalate,
        _ => {
            return error_page(
                Some(&current),
                Code::InvalidParameter,
                "Choose an outcome: false positive, true match or escalate.",
            )
        }
    };
    let mut codes = Vec::new();
    for c in form.all("code") {
        match ReasonCode::parse(c) {
            Some(code) => codes.push(code),
            None => {
                return error_page(
                    Some(&current),
                    Code::InvalidParameter,
                    &format!("Unknown reason code {c:?}."),
                )
            }
        }
    }
    let expected_version = match version_of(&form) {
        Ok(v) => v,
        Err(r) => return *r,
    };
    let request = DecisionRequest {
        alert: id.clone(),
        by: current.actor.clone(),
        outcome,
        reason: Reason::new(&codes, form.get("comment").unwrap_or("")),
        expected_version,
    };
    let cases = state.clone();
    match blocking(move || cases.cases.decide(&request).map_err(|e| (e.error_code(), e.to_string()))).await {
        Ok(view) => done(&id, &view),
        Err((code, message)) => error_page(Some(&current), code, &message),
    }
}

pub async fn approve(
    State(state): State<Arc<AppState>>,
    current: Current,
    Path(id): Path<String>,
    headers: HeaderMap,
    form: FormData,
) -> Response {
    if let Err(refused) = check_form(&current, &headers, &form) {
        return *refused;
    }
    if let Err(refused) = current.require(Role::Approve) {
        return *refused;
    }
    let expected_version = match version_of(&form) {
        Ok(v) => v,
        Err(r) => return *r,
    };
    let approve = match form.get("decision") {
        Some("approve") => true,
        Some("reject") => false,
        _ => return error_page(Some(&current), Code::InvalidParameter, "Choose approve or reject."),
    };
    let reason = form.get("reason").map(str::to_owned);
    let by = current.actor.clone();
    let alert = id.clone();
    let cases = state.clone();
    let result = blocking(move || {
        let result = if approve {
            cases.cases.approve(&alert, &by, expected_version)
        } else {
            cases.cases.reject(&alert, &by, reason.as_deref().unwrap_or(""), expected_version)
        };
        result.map_err(|e| (e.error_code(), e.to_string()))
    })
    .await;
    match result {
        Ok(view) => done(&id, &view),
        Err((code, message)) => error_page(Some(&current), code, &message),
    }
}
