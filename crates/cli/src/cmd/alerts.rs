//! `embargo alerts`: list, show, decide, approve and reject the alerts of recorded screenings
//! (the case store; docs/cases.md).
//!
//! Exit codes: 0 done, 2 error (among them a conflict: the alert changed since it was read;
//! four eyes: nobody approves their own decision).

use crate::args::{AlertsAction, AlertsArgs};
use crate::output::{outln, write_stdout};
use anyhow::{bail, Context};
use embargo_cases::{AlertFilter, AlertStatus, AlertView, DecisionRequest, Outcome, Reason, ReasonCode};
use std::path::Path;
use std::process::ExitCode;

/// Runs one `alerts` subcommand.
pub fn run(data_dir: &Path, args: AlertsArgs) -> anyhow::Result<ExitCode> {
    let cases = crate::load::open_cases(data_dir)?;
    let mut out = String::new();
    match args.action {
        AlertsAction::List { status, subject, assignee, limit, format } => {
            let status = status
                .as_deref()
                .map(|s| {
                    AlertStatus::parse(s).with_context(|| {
                        let known: Vec<&str> = AlertStatus::ALL.iter().map(|s| s.as_str()).collect();
                        format!("unknown --status {s:?}: expected one of {}", known.join(", "))
                    })
                })
                .transpose()?;
            let filter = AlertFilter { status, subject, assignee, after: None, limit: limit.unwrap_or(0) };
            let alerts = cases.alerts(&filter)?;
            match format.as_str() {
                "json" => outln!(out, "{}", serde_json::to_string_pretty(&alerts)?),
                "table" if alerts.is_empty() => outln!(out, "no alert"),
                "table" => {
                    outln!(
                        out,
                        "{:<8} {:<18} {:<30} {:<6} {:<22} {:<10} ASSIGNEE",
                        "ID",
                        "STATUS",
                        "ENTITY",
                        "SCORE",
                        "CREATED",
                        "SUBJECT"
                    );
                    for a in &alerts {
                        outln!(
                            out,
                            "{:<8} {:<18} {:<30} {:<6.3} {:<22} {:<10} {}",
                            a.id,
                            a.status.as_str(),
                            a.party_id.as_deref().unwrap_or(&a.entity_id),
                            a.score,
                            a.created_at,
                            a.subject_id,
                            a.assignee.as_deref().unwrap_or("-")
                        );
                    }
                }
                other => bail!("unknown --format {other:?}: expected table or json"),
            }
        }
        AlertsAction::Show { id, format } => {
            let alert = cases.alert(&id)?;
            let screening = cases.screening(&alert.summary.screening)?;
            match format.as_str() {
                "json" => {
                    let doc = serde_json::json!({ "alert": alert, "screening": screening });
                    outln!(out, "{}", serde_json::to_string_pretty(&doc)?);
                }
                "text" => show(&mut out, &alert, &screening),
                other => bail!("unknown --format {other:?}: expected text or json"),
            }
        }
        AlertsAction::Decide {
            id,
            true_match,
            false_positive,
            escalate,
            reason,
            codes,
            by,
            expect_version,
        } => {
            let outcome = match (true_match, false_positive, escalate) {
                (true, false, false) => Outcome::TrueMatch,
                (false, true, false) => Outcome::FalsePositive,
                (false, false, true) => Outcome::Escalate,
                _ => bail!("give one of --true-match, --false-positive or --escalate"),
            };
            let codes = codes
                .iter()
                .map(|c| {
                    ReasonCode::parse(c).with_context(|| {
                        let known: Vec<&str> = ReasonCode::ALL.iter().map(|c| c.as_str()).collect();
                        format!("unknown --code {c:?}: expected one of {}", known.join(", "))
                    })
                })
                .collect::<anyhow::Result<Vec<_>>>()?;
            let view = cases.decide(&DecisionRequest {
                alert: id,
                by,
                outcome,
                reason: Reason::new(&codes, reason),
                expected_version: expect_version,
            })?;
            outln!(out, "{} is now {}", view.summary.id, view.summary.status.as_str());
        }
        AlertsAction::Approve { id, by } => {
            let view = cases.approve(&id, &by, None)?;
            outln!(out, "{} approved: now {}", view.summary.id, view.summary.status.as_str());
        }
        AlertsAction::Reject { id, by, reason } => {
            let view = cases.reject(&id, &by, &reason, None)?;
            outln!(out, "{} rejected: back to {}", view.summary.id, view.summary.status.as_str());
        }
    }
    write_stdout(&out)?;
    Ok(ExitCode::SUCCESS)
}

/// The alert for a person: what was screened, what it met, why, and what happened since.
fn show(out: &mut String, alert: &AlertView, screening: &embargo_cases::ScreeningView) {
    let a = &alert.summary;
    outln!(out, "alert {}  {}  score {:.3}  version {}", a.id, a.status.as_str(), a.score, a.version);
    outln!(
        out,
        "subject {}  (screening {} at {} by {})",
        a.subject_id,
        screening.id,
        screening.at,
        screening.by
    );
    if let Some(subject) = &screening.subject {
        outln!(out, "  names      {}", subject.names.join(" | "));
        for (label, values) in [
            ("birth", &subject.birth_dates),
            ("countries", &subject.countries),
            ("ids", &subject.identifiers),
            ("tags", &subject.tags),
        ] {
            if !values.is_empty() {
                outln!(out, "  {label:<10} {}", values.join(", "));
            }
        }
    }
    let lists: Vec<String> =
        screening.context.lists.iter().map(|l| format!("{}@{}", l.list, l.version)).collect();
    outln!(
        out,
        "lists {}  threshold {}  {}",
        lists.join(" "),
        screening.context.threshold,
        screening.context.matcher_version
    );
    for (entity, hit) in alert.entities.iter().zip(alert.hits.iter().map(Some).chain(std::iter::repeat(None)))
    {
        outln!(out, "");
        outln!(
            out,
            "{}  ({}@{})  {:.3}  matched {:?}",
            entity.entity_id,
            entity.list,
            entity.list_version,
            entity.score,
            entity.matched_name
        );
        if let Some(hit) = hit {
            outln!(out, "  query name {:?}", hit.query_name);
            if let Some(explanation) = hit
                .explanation
                .as_ref()
                .and_then(|e| serde_json::from_value::<embargo_matcher::Explanation>(e.clone()).ok())
            {
                for line in explanation.to_string().lines() {
                    outln!(out, "    {line}");
                }
            }
        }
    }
    if let Some(re) = &alert.re_review {
        outln!(out, "");
        outln!(out, "re-review: {} cleared it under {}; changed since:", re.previous_alert, re.suppression);
        for change in &re.changes {
            outln!(out, "  {}", serde_json::to_string(change).unwrap_or_default());
        }
    }
    outln!(out, "");
    outln!(out, "history");
    for h in &alert.history {
        let status = h.status.map(|s| format!(" -> {}", s.as_str())).unwrap_or_default();
        let codes: Vec<&str> = h.codes.iter().map(|c| c.as_str()).collect();
        let text = h.text.as_deref().map(|t| format!(" {t:?}")).unwrap_or_default();
        // The assignee, the delisted entities, the suppression made, an entity's change.
        let detail = h.detail.as_deref().map(|d| format!(" ({d})")).unwrap_or_default();
        outln!(
            out,
            "  #{:<6} {} {:<10} {}{status} {}{text}{detail}",
            h.record,
            h.at,
            h.actor,
            h.action,
            codes.join(",")
        );
    }
}
