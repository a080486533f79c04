//! `embargo audit`: the case store's tamper-evident log. `verify` recomputes every leaf,
//! root and signature (and checks a shipped checkpoint file); `prove` prints an inclusion proof
//! an examiner checks with the public key alone; `export` writes the records with their hashes.
//!
//! Exit codes: 0 verified (or done), 1 the log failed verification (the message names the
//! first record edited, deleted, reordered or inserted), 2 another error.

use crate::args::{AuditAction, AuditArgs};
use crate::output::{outln, write_stdout};
use anyhow::bail;
use embargo_cases::{CaseError, Checkpoint, ExportFormat};
use std::path::Path;
use std::process::ExitCode;

/// Runs one `audit` subcommand.
pub fn run(data_dir: &Path, args: AuditArgs) -> anyhow::Result<ExitCode> {
    let cases = crate::load::open_cases(data_dir)?;
    let mut out = String::new();
    match args.action {
        AuditAction::Verify { checkpoint } => {
            let shipped = checkpoint.as_deref().map(Checkpoint::read_file).transpose()?;
            let last = shipped.as_ref().and_then(|c| c.last());
            match cases.verify(last) {
                Ok(report) => {
                    outln!(
                        out,
                        "audit log verified: {} records, root {}, {} signed checkpoints checked, {} erasures",
                        report.records,
                        report.root,
                        report.checkpoints,
                        report.erased
                    );
                }
                Err(CaseError::Tampered(tamper)) => {
                    let at = tamper.record.map(|r| format!("record {r}: ")).unwrap_or_default();
                    eprintln!(
                        "embargo: error [audit_tampered]: the audit log failed verification: {at}{tamper}"
                    );
                    return Ok(ExitCode::from(1));
                }
                Err(other) => return Err(other.into()),
            }
        }
        AuditAction::Prove { id } => {
            let proof = cases.prove(&id, None)?;
            outln!(out, "{}", serde_json::to_string_pretty(&proof)?);
        }
        AuditAction::Export { from, to, format, personal } => {
            let format = match format.as_str() {
                "jsonl" | "json" => ExportFormat::JsonLines,
                "csv" => ExportFormat::Csv,
                other => bail!("unknown --format {other:?}: expected jsonl or csv"),
            };
            let mut stdout = std::io::stdout().lock();
            cases.export(from.as_deref(), to.as_deref(), format, personal, &mut stdout)?;
        }
    }
    write_stdout(&out)?;
    Ok(ExitCode::SUCCESS)
}
