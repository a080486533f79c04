//! `embargo suppressions`: the subject × entity pairs that false-positive decisions cleared,
//! listed and revoked.

use crate::args::{SuppressionsAction, SuppressionsArgs};
use crate::output::{outln, write_stdout};
use anyhow::{bail, Context};
use embargo_cases::{SuppressionFilter, SuppressionStatus};
use std::path::Path;
use std::process::ExitCode;

/// Runs one `suppressions` subcommand.
pub fn run(data_dir: &Path, args: SuppressionsArgs) -> anyhow::Result<ExitCode> {
    let cases = crate::load::open_cases(data_dir)?;
    let mut out = String::new();
    match args.action {
        SuppressionsAction::List { status, subject, format } => {
            let status = status
                .as_deref()
                .map(|s| {
                    SuppressionStatus::parse(s).with_context(|| {
                        format!("unknown --status {s:?}: expected active, revoked, superseded or delisted")
                    })
                })
                .transpose()?;
            let list = cases.suppressions(&SuppressionFilter { status, subject, after: None, limit: 0 })?;
            match format.as_str() {
                "json" => outln!(out, "{}", serde_json::to_string_pretty(&list)?),
                "table" if list.is_empty() => outln!(out, "no suppression"),
                "table" => {
                    outln!(
                        out,
                        "{:<8} {:<11} {:<10} {:<30} {:<8} {:<6} DECIDED BY",
                        "ID",
                        "STATUS",
                        "SUBJECT",
                        "ENTITY",
                        "ALERT",
                        "USES"
                    );
                    for s in &list {
                        outln!(
                            out,
                            "{:<8} {:<11} {:<10} {:<30} {:<8} {:<6} {}{}",
                            s.id,
                            s.status.as_str(),
                            s.subject_id,
                            s.entity_id,
                            s.alert,
                            s.uses,
                            s.decided_by,
                            s.approved_by
                                .as_deref()
                                .map(|a| format!(", approved by {a}"))
                                .unwrap_or_default()
                        );
                    }
                }
                other => bail!("unknown --format {other:?}: expected table or json"),
            }
        }
        SuppressionsAction::Revoke { id, by, reason } => {
            let s = cases.revoke_suppression(&id, &by, &reason)?;
            outln!(out, "{} is now {}", s.id, s.status.as_str());
        }
    }
    write_stdout(&out)?;
    Ok(ExitCode::SUCCESS)
}
