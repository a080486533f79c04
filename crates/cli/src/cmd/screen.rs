//! `embargo screen NAME`: one party against the loaded lists.
//!
//! Exit codes: 0 screened (with or without hits), 1 hits found and `--fail-on-hit` given,
//! 2 error.

use crate::args::{ScreenOne, SingleFormat};
use crate::output::{outln, write_stdout};
use embargo_cases::{from_engine, Recorded};
use embargo_engine::Snapshot;
use embargo_matcher::{Algorithm, Hit, Query};
use std::path::Path;
use std::process::ExitCode;

/// Screens `one.query` and prints its hits.
pub fn run(data_dir: &Path, one: ScreenOne) -> anyhow::Result<ExitCode> {
    let snapshot = crate::load::snapshot_as_of(
        data_dir,
        one.snapshot.as_deref(),
        one.options.lists.as_deref(),
        one.as_of.as_ref(),
    )?;
    let hits = snapshot.screen(&one.query, &one.options)?;
    let recorded = match &one.record {
        Some(recording) => {
            let cases = crate::load::open_cases(data_dir)?;
            let context = from_engine::context(&snapshot, &one.options, one.options.algorithm.name());
            let subject = recording.subject.as_deref().expect("one name is recorded under --subject");
            let input = from_engine::screening(subject, &one.query, &hits, &recording.by, None);
            Some(cases.record_screening(&context, &input)?)
        }
        None => None,
    };
    let text = match one.format {
        SingleFormat::Table => {
            let mut text = table(&snapshot, &one.query, &hits);
            if one.as_of.is_some() {
                outln!(text, "as of: {}", snapshot.labels().join(", "));
            }
            if let Some(recorded) = &recorded {
                outln!(text, "recorded as screening {}", recorded.id);
                for (hit, disposition) in hits.iter().zip(&recorded.hits) {
                    outln!(text, "  {}: {}", hit.entity.id, crate::load::disposition(disposition));
                }
            }
            text
        }
        SingleFormat::Json => json(&snapshot, &one.query, &hits, one.options.algorithm, recorded.as_ref())?,
    };
    write_stdout(&text)?;
    Ok(if one.fail_on_hit && !hits.is_empty() { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn table(snapshot: &Snapshot, query: &Query, hits: &[Hit]) -> String {
    let mut out = String::new();
    let name = query.names.first().map(String::as_str).unwrap_or("");
    if hits.is_empty() {
        outln!(out, "no hit for {name:?} ({} entities screened)", snapshot.entity_count());
        return out;
    }
    let rows: Vec<[String; 5]> = hits
        .iter()
        .map(|h| {
            [
                format!("{:.3}", h.score),
                format!("{}@{}", h.entity.provenance.list, snapshot.version_label_of(&h.entity)),
                h.entity.id.clone(),
                h.entity.kind.as_str().to_owned(),
                h.matched_name.clone(),
            ]
        })
        .collect();
    let header = ["SCORE", "LIST", "ENTITY", "KIND", "MATCHED NAME"];
    let mut widths = header.map(|h| h.chars().count());
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |out: &mut String, cells: &[&str]| {
        let mut text = String::new();
        for (i, cell) in cells.iter().enumerate() {
            if i + 1 < cells.len() {
                text.push_str(&format!("{cell:<width$}  ", width = widths[i]));
            } else {
                text.push_str(cell);
            }
        }
        outln!(out, "{}", text.trim_end());
    };
    line(&mut out, &header);
    let indent = widths[0] + 2;
    for (row, hit) in rows.iter().zip(hits) {
        line(&mut out, &row.each_ref().map(String::as_str));
        let caption = hit.entity.caption();
        if caption != hit.matched_name {
            outln!(out, "{:indent$}(listed as {caption})", "");
        }
        if let Some(explanation) = &hit.explanation {
            for tree_line in explanation.to_string().lines() {
                outln!(out, "{:indent$}{tree_line}", "");
            }
        }
    }
    out
}

fn json(
    snapshot: &Snapshot,
    query: &Query,
    hits: &[Hit],
    algorithm: Algorithm,
    recorded: Option<&Recorded>,
) -> anyhow::Result<String> {
    let hits: Vec<serde_json::Value> = hits
        .iter()
        .map(|h| {
            serde_json::json!({
                "score": h.score,
                "entity_id": h.entity.id,
                "list": h.entity.provenance.list,
                "list_version": snapshot.version_label_of(&h.entity),
                "kind": h.entity.kind,
                "caption": h.entity.caption(),
                "matched_name": h.matched_name,
                "query_name": h.query_name,
                "party_id": h.party_id,
                "explanation": h.explanation,
            })
        })
        .collect();
    let mut doc = serde_json::json!({ "query": query, "lists": snapshot.labels(), "algorithm": algorithm.name(), "hits": hits });
    if let Some(recorded) = recorded {
        doc["screening"] = serde_json::json!({ "id": recorded.id, "dispositions": recorded.hits, "alerts": recorded.new_alerts() });
    }
    Ok(format!("{}\n", serde_json::to_string_pretty(&doc)?))
}
