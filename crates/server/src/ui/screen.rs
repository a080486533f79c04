//! Screening a name by hand (with a date of birth and a country) and looking up an entity.
//! Nothing is recorded: a screening to keep goes through `/match` with a subject.

use super::html::{self, esc, score, url};
use super::{error_page, ok_page, Current};
use crate::keys::Role;
use crate::state::AppState;
use axum::extract::{Query, State};
use axum::response::Response;
use embargo_errors::Code;
use embargo_matcher::{Query as MatchQuery, ScreenOptions};
use embargo_model::{DateSpec, EntityKind};
use std::collections::HashMap;
use std::fmt::Write;
use std::sync::Arc;

const MAX_CHARS: usize = 200;

pub async fn screen(
    State(state): State<Arc<AppState>>,
    current: Current,
    Query(params): Query<HashMap<String, String>>,
) -> Response {
    if let Err(refused) = current.require(Role::Screen) {
        return *refused;
    }
    let param = |name: &str| params.get(name).map(|v| v.trim()).filter(|v| !v.is_empty());
    let (name, dob, country, kind) = (param("name"), param("dob"), param("country"), param("kind"));
    if [name, dob, country].iter().flatten().any(|v| v.chars().count() > MAX_CHARS) {
        return error_page(
            Some(&current),
            Code::ValueTooLong,
            &format!("At most {MAX_CHARS} characters a field."),
        );
    }
    let kind = match kind {
        None => None,
        Some(k) => match EntityKind::parse(k) {
            Some(k) => Some(k),
            None => {
                return error_page(Some(&current), Code::InvalidParameter, &format!("Unknown kind {k:?}."))
            }
        },
    };
    let mut body = String::from("<h1>Screen a name</h1>");
    let _ = write!(
        body,
        "<form method=\"get\" action=\"/ui/screen\" class=\"filters\" role=\"search\">\
         <span class=\"field\"><label for=\"s-name\">Name</label><input id=\"s-name\" name=\"name\" required value=\"{}\" autofocus></span>\
         <span class=\"field\"><label for=\"s-dob\">Date of birth</label><input id=\"s-dob\" name=\"dob\" placeholder=\"1964 or 1964-03-12\" value=\"{}\"></span>\
         <span class=\"field\"><label for=\"s-country\">Country</label><input id=\"s-country\" name=\"country\" placeholder=\"IR or Iran\" value=\"{}\"></span>\
         <span class=\"field\"><label for=\"s-kind\">Kind</label><select id=\"s-kind\" name=\"kind\"><option value=\"\">any</option>",
        esc(name.unwrap_or("")),
        esc(dob.unwrap_or("")),
        esc(country.unwrap_or(""))
    );
    for k in ["person", "organization", "vessel", "aircraft"] {
        let sel = if param("kind") == Some(k) { " selected" } else { "" };
        let _ = write!(body, "<option value=\"{k}\"{sel}>{k}</option>");
    }
    body.push_str(
        "</select></span><button type=\"submit\" id=\"do-screen\">Screen</button></form>\
         <form method=\"get\" action=\"/ui/entity\" class=\"filters\"><span class=\"field\"><label for=\"e-id\">Entity id</label>\
         <input id=\"e-id\" name=\"id\" placeholder=\"un:IRi.003\"></span><button type=\"submit\">Look up</button></form>",
    );
    let _ = write!(
        body,
        "<form method=\"get\" action=\"/ui/screen\" class=\"filters\" role=\"search\"><span class=\"field\"><label for=\"q\">Find entities by name</label>\
         <input id=\"q\" name=\"q\" placeholder=\"prefix or fuzzy: aghaj\" value=\"{}\"></span><button type=\"submit\">Search</button></form>",
        esc(param("q").unwrap_or(""))
    );
    if let Some(q) = param("q") {
        if q.chars().count() > MAX_CHARS {
            return error_page(
                Some(&current),
                Code::ValueTooLong,
                &format!("At most {MAX_CHARS} characters a field."),
            );
        }
        let Some(snapshot) = state.snapshot() else {
            return error_page(Some(&current), Code::NotReady, "No lists are loaded yet.");
        };
        let (searching, q_owned) = (snapshot.clone(), q.to_owned());
        let page = match tokio::task::spawn_blocking(move || searching.search().search(&q_owned, 20, 0)).await
        {
            Ok(page) => page,
            Err(_) => return error_page(Some(&current), Code::Internal, "The search failed; it was logged."),
        };
        let _ = write!(
            body,
            "<h2 id=\"found\">{} entit{} found for “{}”</h2><ol class=\"hits\">",
            page.total,
            if page.total == 1 { "y" } else { "ies" },
            esc(q)
        );
        for r in &page.results {
            let _ = write!(
                body,
                "<li><a href=\"/ui/entity?id={}\">{}</a> <small>{} · {} · {}@{}</small> matched “{}” {}</li>",
                url(&r.id),
                esc(&r.caption),
                esc(&r.id),
                esc(&r.kind.to_string()),
                esc(&r.list),
                esc(&r.list_version),
                esc(&r.matched_name),
                score(r.score)
            );
        }
        body.push_str("</ol>");
    }
    if let Some(name) = name {
        let Some(snapshot) = state.snapshot().filter(|s| !s.lists().is_empty()) else {
            return error_page(Some(&current), Code::NotReady, "No lists are loaded yet.");
        };
        let query = MatchQuery {
            names: vec![name.to_owned()],
            kind,
            birth_dates: dob.map(|d| vec![DateSpec::parse(d)]).unwrap_or_default(),
            countries: country.map(|c| vec![c.to_owned()]).unwrap_or_default(),
            ..MatchQuery::default()
        };
        let options = ScreenOptions { explain: true, limit: 10, ..ScreenOptions::default() };
        let threshold = options.threshold;
        let screening = snapshot.clone();
        let hits =
            match tokio::task::spawn_blocking(move || screening.screen_unchecked(&query, &options)).await {
                Ok(hits) => hits,
                Err(_) => {
                    return error_page(Some(&current), Code::Internal, "The screening failed; it was logged.")
                }
            };
        let _ = write!(
            body,
            "<h2 id=\"hits\">{} hit{} at or above {} <small>(lists {})</small></h2>",
            hits.len(),
            if hits.len() == 1 { "" } else { "s" },
            score(threshold),
            esc(&snapshot.labels().join(", "))
        );
        if hits.is_empty() {
            body.push_str("<p class=\"empty\">No listed entity scores at or above the threshold.</p>");
        } else {
            body.push_str("<ol class=\"hits\">");
            for hit in &hits {
                let e = &hit.entity;
                let tree = hit.explanation.as_ref().and_then(|t| serde_json::to_value(t).ok());
                let _ = write!(
                    body,
                    "<li><p><a href=\"/ui/entity?id={}\">{}</a> <small>{} · {}</small> <strong>{}</strong><br>\
                     matched “{}” as “{}”</p><details><summary>Why</summary>{}</details></li>",
                    url(&e.id),
                    esc(e.names.first().map(|n| n.full.as_str()).unwrap_or(&e.id)),
                    esc(&e.id),
                    esc(&format!("{}@{}", e.provenance.list, snapshot.version_label_of(e))),
                    score(hit.score),
                    esc(&hit.query_name),
                    esc(&hit.matched_name),
                    tree.map(|t| html::explanation(&t)).unwrap_or_default()
                );
            }
            body.push_str("</ol>");
        }
    }
    ok_page("Screen", &current, &body)
}

pub async fn entity(
    State(state): State<Arc<AppState>>,
    current: Current,
    Query(params): Query<HashMap<String, String>>,
) -> Response {
    if let Err(refused) = current.require(Role::Screen) {
        return *refused;
    }
    let id = params.get("id").map(|v| v.trim()).unwrap_or("");
    let Some(snapshot) = state.snapshot() else {
        return error_page(Some(&current), Code::NotReady, "No lists are loaded yet.");
    };
    let Some(e) = snapshot.entity(id) else {
        let shown: String = id.chars().take(120).collect();
        return error_page(
            Some(&current),
            Code::EntityNotFound,
            &format!("No entity {shown:?} in the lists in force."),
        );
    };
    let json = serde_json::to_string_pretty(&**e).unwrap_or_default();
    let body = format!(
        "<h1>{} <small>{}</small></h1><p>{} · {}</p><pre class=\"entity\">{}</pre>",
        esc(e.names.first().map(|n| n.full.as_str()).unwrap_or("")),
        esc(&e.id),
        esc(&e.kind.to_string()),
        esc(&format!("{}@{}", e.provenance.list, snapshot.version_label_of(e))),
        esc(&json)
    );
    ok_page(&e.id, &current, &body)
}
