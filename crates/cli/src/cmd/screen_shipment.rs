//! `embargo screen-shipment FILE`: the export-control check of one shipment (a JSON document)
//! or many (JSON lines): block, review or clear, and why. With `--subject ID` each party is
//! recorded in the case store as subject `ID/parties[N]`.
//!
//! Exit codes: 0 every shipment screened (whatever the decisions), 2 error: a malformed
//! single shipment is an error naming the field (`invalid_shipment`); in JSON lines a
//! malformed line is answered by an error line naming the line and the field, the other lines
//! are screened, and the exit code is 2.

use crate::args::{InputSource, ShipmentRun, SingleFormat};
use crate::output::{outln, write_stdout};
use embargo_cases::{from_screeners, Recorded};
use embargo_errors::ErrorCode;
use embargo_trade::{Rules, Screener, Screening, ShipmentError, ShipmentInput};
use std::path::Path;
use std::process::ExitCode;

/// One shipment of the input, screened (and recorded) or refused.
struct Outcome {
    /// The 1-based line of a JSON-lines input.
    line: Option<u64>,
    result: Result<(Screening, Vec<(String, Recorded)>), ShipmentError>,
}

/// Screens the shipments of `run.input` and prints their decisions.
pub fn run(data_dir: &Path, run: ShipmentRun) -> anyhow::Result<ExitCode> {
    let text = crate::load::read_input(match &run.input {
        InputSource::File(path) => Some(path.as_path()),
        InputSource::Stdin => None,
    })?;
    let input = ShipmentInput::parse(&text);
    if !input.json_lines {
        // One document: a malformed one is the command's error, before the lists are loaded.
        if let Some(Err(e)) = input.shipments.first() {
            return Err(e.clone().into());
        }
    }
    let snapshot = crate::load::snapshot(data_dir, None)?;
    let rules = Rules::builtin();
    let screener = Screener::new(rules.clone(), snapshot.index().entities().iter().map(|e| e.as_ref()))?;
    let party_lists = crate::load::party_lists(&snapshot, None);
    let labels: Vec<String> = snapshot
        .lists()
        .iter()
        .filter(|v| party_lists.as_ref().is_none_or(|l| l.contains(&v.list)))
        .map(|v| v.label())
        .collect();
    let cases = run.record.as_ref().map(|_| crate::load::open_cases(data_dir)).transpose()?;
    let context = from_screeners::shipment_context(&snapshot, &rules);
    // The line of each shipment of JSON lines (blank lines are skipped by the parser).
    let lines: Vec<u64> = if input.json_lines {
        text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()).map(|(n, _)| n as u64 + 1).collect()
    } else {
        vec![]
    };
    let mut outcomes = Vec::with_capacity(input.shipments.len());
    for (n, shipment) in input.shipments.iter().enumerate() {
        let line = lines.get(n).copied();
        let result = shipment.clone().and_then(|shipment| {
            let screening = screener.screen(&shipment, snapshot.index(), &labels).map_err(|mut e| {
                e.line = line;
                e
            })?;
            Ok((shipment, screening))
        });
        let result = match (result, &run.record, &cases) {
            (Ok((shipment, screening)), Some(recording), Some(cases)) => {
                let base = recording.subject.as_deref().expect("shipments are recorded under --subject");
                let subject = match line {
                    None => base.to_owned(),
                    Some(line) => {
                        format!("{base}/{}", shipment.id.clone().unwrap_or_else(|| format!("line-{line}")))
                    }
                };
                let inputs = from_screeners::shipment_screenings(
                    &snapshot,
                    &subject,
                    &shipment,
                    &screening,
                    &recording.by,
                    None,
                );
                let recorded = cases.record_screenings(&context, &inputs)?;
                Ok((screening, inputs.into_iter().map(|i| i.subject.id).zip(recorded).collect()))
            }
            (result, _, _) => result.map(|(_, screening)| (screening, Vec::new())),
        };
        outcomes.push(Outcome { line, result });
    }
    let failed = outcomes.iter().any(|o| o.result.is_err());
    if !input.json_lines {
        if let Some(Outcome { result: Err(e), .. }) = outcomes.first() {
            return Err(e.clone().into());
        }
    }
    let recording = run.record.is_some();
    let out = match (run.format, input.json_lines) {
        (SingleFormat::Json, false) => {
            let (screening, recorded) = outcomes[0].result.as_ref().expect("errors were returned");
            format!("{}\n", serde_json::to_string_pretty(&json(screening, recorded, recording)?)?)
        }
        (SingleFormat::Json, true) => {
            let mut out = String::new();
            for outcome in &outcomes {
                let doc = match &outcome.result {
                    Ok((screening, recorded)) => json(screening, recorded, recording)?,
                    Err(e) => serde_json::json!({
                        "line": outcome.line,
                        "error": { "code": e.error_code().as_str(), "field": e.field, "message": e.to_string() },
                    }),
                };
                outln!(out, "{}", serde_json::to_string(&doc)?);
            }
            out
        }
        (SingleFormat::Table, _) => table(&outcomes),
    };
    write_stdout(&out)?;
    if failed {
        eprintln!("embargo: error [invalid_shipment]: some shipments could not be read; see their lines in the output");
        return Ok(ExitCode::from(2));
    }
    Ok(ExitCode::SUCCESS)
}

/// The screening as JSON, with what was recorded when recording.
fn json(
    screening: &Screening,
    recorded: &[(String, Recorded)],
    recording: bool,
) -> anyhow::Result<serde_json::Value> {
    let mut doc = serde_json::to_value(screening)?;
    if recording {
        doc["recorded"] = recorded
            .iter()
            .map(|(subject, r)| {
                serde_json::json!({ "subject": subject, "screening_id": r.id, "alerts": r.new_alerts(), "dispositions": r.hits })
            })
            .collect();
    }
    Ok(doc)
}

fn table(outcomes: &[Outcome]) -> String {
    let mut out = String::new();
    for outcome in outcomes {
        let at = outcome.line.map(|l| format!("line {l}: ")).unwrap_or_default();
        match &outcome.result {
            // The error names its line itself.
            Err(e) => outln!(out, "error [{}]: {e}", e.error_code()),
            Ok((screening, recorded)) => {
                let id = screening.id.as_deref().unwrap_or("(no id)");
                outln!(out, "{at}{id}: {}", screening.decision.as_str().to_uppercase());
                if screening.reasons.is_empty() {
                    outln!(out, "   no reason");
                }
                for reason in &screening.reasons {
                    outln!(out, "   {:<6}  {}  {}", reason.severity.as_str(), reason.rule, reason.message);
                    outln!(out, "           legal basis: {}", reason.legal_basis);
                }
                outln!(out, "   lists: {}; rules {}", screening.lists.join(" "), screening.rules_version);
                for (subject, r) in recorded {
                    let alerts = r.new_alerts();
                    let alerts = if alerts.is_empty() {
                        "no new alert".to_owned()
                    } else {
                        format!("new alerts {}", alerts.join(", "))
                    };
                    outln!(out, "   recorded {subject} as screening {}: {alerts}", r.id);
                }
            }
        }
    }
    out
}
