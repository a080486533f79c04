//! `embargo sync`: download the current lists from their publishers and import them, or
//! `embargo sync --from PATH...` to import local files and folders.
//!
//! Exit status: 0 when every source (or every list found) updated, 1 when some failed (the
//! others still updated; the failed ones keep their last good version and are reported
//! stale), 2 on an error that stopped everything.

use crate::args::SyncArgs;
use crate::output::write_stdout;
use anyhow::Context;
use embargo_cases::SystemEvent;
use embargo_store::Store;
use embargo_sync::config::SyncConfig;
use embargo_sync::status::{age, now_unix, rfc3339, SyncStatus};
use embargo_sync::{Imported, SourceOutcome};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub fn run(data_dir: &Path, args: SyncArgs) -> anyhow::Result<ExitCode> {
    std::fs::create_dir_all(data_dir)
        .with_context(|| format!("cannot create the data directory {}", data_dir.display()))?;
    let config_path = args.config.clone().unwrap_or_else(|| SyncConfig::path_in(data_dir));
    if args.status {
        let config = SyncConfig::load_or_create(&config_path)?;
        return show_status(data_dir, &config, args.json);
    }
    let store =
        Store::open(data_dir).with_context(|| format!("cannot open the store in {}", data_dir.display()))?;
    if !args.from.is_empty() {
        return import_local(data_dir, &store, &args.from, args.json, !args.no_monitor);
    }
    let config = SyncConfig::load_or_create(&config_path)?;
    let report = embargo_sync::sync(data_dir, &store, &config, &args.sources)?;
    let mut events = Vec::new();
    for source in &report.sources {
        match &source.outcome {
            SourceOutcome::Updated { imported, .. } => {
                events.extend(imported.iter().filter_map(|i| imported_event(&store, i)));
            }
            SourceOutcome::Failed { error, .. } => {
                events.push(SystemEvent::ListImportFailed { source: source.id.clone(), error: error.clone() })
            }
            _ => {}
        }
    }
    crate::load::audit(data_dir, events)?;
    let imported: Vec<String> = report
        .sources
        .iter()
        .filter_map(|source| match &source.outcome {
            SourceOutcome::Updated { imported, .. } => Some(imported),
            _ => None,
        })
        .flatten()
        .filter(|i| !i.unchanged)
        .map(|i| i.list.clone())
        .collect();
    crate::load::after_import(data_dir, &imported, !args.no_monitor)
        .context("the lists were imported, but the self-test or monitoring run failed")?;
    if args.json {
        write_stdout(&format!("{}\n", serde_json::to_string_pretty(&report)?))?;
    } else {
        let mut out = String::new();
        for source in &report.sources {
            out.push_str(&format!("{}: {}\n", source.id, source.summary()));
        }
        write_stdout(&out)?;
    }
    Ok(if report.any_failed() { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// The audit event of a list version a sync imported (none for files already imported).
fn imported_event(store: &Store, imported: &Imported) -> Option<SystemEvent> {
    if imported.unchanged {
        return None;
    }
    let sha256 = store.version(&imported.list, imported.version).map(|v| v.sha256).unwrap_or_default();
    Some(SystemEvent::ListImported {
        list: imported.list.clone(),
        version: imported.version,
        sha256,
        entities: imported.entities as u64,
    })
}

fn import_local(
    data_dir: &Path,
    store: &Store,
    paths: &[PathBuf],
    json: bool,
    monitor: bool,
) -> anyhow::Result<ExitCode> {
    let result = embargo_sync::import_paths(store, paths)?;
    let events: Vec<SystemEvent> = result
        .lists
        .iter()
        .filter_map(|(set, outcome)| match outcome {
            Ok(imported) => imported_event(store, imported),
            Err(error) => {
                Some(SystemEvent::ListImportFailed { source: set.list.clone(), error: error.clone() })
            }
        })
        .collect();
    crate::load::audit(data_dir, events)?;
    let imported: Vec<String> = result
        .lists
        .iter()
        .filter_map(|(_, outcome)| outcome.as_ref().ok())
        .filter(|i| !i.unchanged)
        .map(|i| i.list.clone())
        .collect();
    crate::load::after_import(data_dir, &imported, monitor)
        .context("the lists were imported, but the self-test or monitoring run failed")?;
    if json {
        let lists: Vec<serde_json::Value> = result
            .lists
            .iter()
            .map(|(set, outcome)| match outcome {
                Ok(imported) => serde_json::json!({ "files": set.files, "imported": imported }),
                Err(error) => serde_json::json!({ "files": set.files, "list": set.list, "error": error }),
            })
            .collect();
        let skipped: Vec<serde_json::Value> = result
            .skipped
            .iter()
            .map(|s| serde_json::json!({ "path": s.path, "reason": s.reason }))
            .collect();
        let value = serde_json::json!({ "lists": lists, "skipped": skipped });
        write_stdout(&format!("{}\n", serde_json::to_string_pretty(&value)?))?;
    } else {
        let mut out = String::new();
        for (set, outcome) in &result.lists {
            let from = set.files[0].display();
            match outcome {
                Ok(i) => {
                    let what = if i.unchanged { "unchanged" } else { "new version" };
                    out.push_str(&format!(
                        "{}: {what} {} ({} entities, {} warnings) from {from}\n",
                        i.list, i.version, i.entities, i.warnings
                    ));
                }
                Err(error) => out.push_str(&format!(
                    "{}: FAILED from {from}: {error}; its previous version stays active\n",
                    set.list
                )),
            }
        }
        for skipped in &result.skipped {
            out.push_str(&format!("skipped {}: {}\n", skipped.path.display(), skipped.reason));
        }
        if result.lists.is_empty() {
            out.push_str("no list found\n");
        }
        write_stdout(&out)?;
    }
    let nothing = result.lists.is_empty();
    Ok(if result.any_failed() || nothing { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn show_status(data_dir: &Path, config: &SyncConfig, json: bool) -> anyhow::Result<ExitCode> {
    let status = SyncStatus::load(&SyncStatus::path_in(data_dir))?;
    if json {
        write_stdout(&format!("{}\n", serde_json::to_string_pretty(&status)?))?;
        return Ok(ExitCode::SUCCESS);
    }
    let now = now_unix();
    let when = |t: Option<u64>| match t {
        Some(t) => format!("{} ({} ago)", rfc3339(t), age(now.saturating_sub(t))),
        None => "never".to_owned(),
    };
    let mut out = String::new();
    for (id, s) in &status.sources {
        out.push_str(&format!(
            "{id}\n  last attempt: {}\n  last success: {}\n",
            when(s.last_attempt),
            when(s.last_success)
        ));
        if s.is_stale(config.stale_after_hours, now) {
            out.push_str(&format!("  STALE: no good sync in the last {} hours\n", config.stale_after_hours));
        }
        if let Some(error) = &s.last_error {
            out.push_str(&format!("  last error:   {error}\n"));
        }
        for file in &s.files {
            out.push_str(&format!("  {}  {} bytes  sha256 {}\n", file.name, file.bytes, file.sha256));
        }
    }
    if status.sources.is_empty() {
        out.push_str("no sync yet\n");
    }
    write_stdout(&out)?;
    Ok(ExitCode::SUCCESS)
}
