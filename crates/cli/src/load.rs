//! Opening the store and loading the lists, with the context a person needs when it fails.

use anyhow::Context;
use embargo_engine::{Selection, Snapshot};
use embargo_store::Store;
use std::path::Path;

/// Opens the store in `data_dir`.
pub fn open_store(data_dir: &Path) -> anyhow::Result<Store> {
    Store::open(data_dir).with_context(|| format!("opening the store in {}", data_dir.display()))
}

/// Loads the active versions of `lists` (all when `None`); the engine refuses an empty store
/// and lists that are not imported, naming those that are.
pub fn snapshot(data_dir: &Path, lists: Option<&[String]>) -> anyhow::Result<Snapshot> {
    let store = open_store(data_dir)?;
    let selection = Selection::Active { lists: lists.map(<[String]>::to_vec) };
    Snapshot::load(&store, &selection).map_err(anyhow::Error::new)
}

/// Opens the case store in `data_dir` (and its audit key).
pub fn open_cases(data_dir: &Path) -> anyhow::Result<embargo_cases::CaseStore> {
    embargo_cases::CaseStore::open(data_dir)
        .with_context(|| format!("opening the case store in {}", data_dir.display()))
}

/// What a recorded hit became, in words: `new alert A12`, `suppressed by S3`, ...
pub fn disposition(d: &embargo_cases::Disposition) -> String {
    use embargo_cases::Disposition;
    match d {
        Disposition::BelowThreshold => "below the threshold".into(),
        Disposition::NewAlert { alert } => format!("new alert {alert}"),
        Disposition::ReReview { alert, suppression } => {
            format!("re-review {alert} (no longer covered by {suppression})")
        }
        Disposition::OpenAlert { alert } => format!("alert {alert} already open"),
        Disposition::KnownMatch { alert } => format!("known true match ({alert})"),
        Disposition::Suppressed { suppression } => format!("suppressed by {suppression}"),
    }
}

/// Opens the snapshot file `file` when one is given (checking that it holds `lists`), else
/// loads the active versions of `lists` from the store in `data_dir`.
pub fn snapshot_or_file(
    data_dir: &Path,
    file: Option<&Path>,
    lists: Option<&[String]>,
) -> anyhow::Result<Snapshot> {
    let Some(file) = file else {
        return snapshot(data_dir, lists);
    };
    let snapshot = Snapshot::open_file(file).map_err(anyhow::Error::new)?;
    if let Some(lists) = lists {
        snapshot.check_lists(lists)?;
    }
    Ok(snapshot)
}

/// [`snapshot_or_file`], or the versions `as_of` names when given.
pub fn snapshot_as_of(
    data_dir: &Path,
    file: Option<&Path>,
    lists: Option<&[String]>,
    as_of: Option<&embargo_engine::AsOf>,
) -> anyhow::Result<Snapshot> {
    let Some(as_of) = as_of else {
        return snapshot_or_file(data_dir, file, lists);
    };
    let store = open_store(data_dir)?;
    let selection = as_of.selection(&store, lists)?;
    let snapshot = Snapshot::load(&store, &selection)?;
    if let Some(lists) = lists {
        snapshot.check_lists(lists)?;
    }
    Ok(snapshot)
}

/// Who acts on this machine when no `--by` is given: the login name, else `cli`.
pub fn actor() -> String {
    std::env::var("USER")
        .ok()
        .filter(|u| !u.trim().is_empty())
        .map_or_else(|| "cli".into(), |u| format!("cli:{u}"))
}

/// Writes `events` (imports, failed imports, keys made or revoked) to the audit log. An event
/// that cannot be written is an error: the change happened, and the log must not lose it
/// silently.
pub fn audit(data_dir: &Path, events: Vec<embargo_cases::SystemEvent>) -> anyhow::Result<()> {
    if events.is_empty() {
        return Ok(());
    }
    let cases = open_cases(data_dir)?;
    let actor = actor();
    for event in events {
        cases
            .log_event(&actor, event)
            .context("the change was made, but its audit record could not be written")?;
    }
    Ok(())
}

/// The audit event of one list imported by `embargo import` or `sync`: a new version (or an
/// older publication kept inactive); nothing for files already imported.
pub fn import_event(outcome: &embargo_store::ImportOutcome) -> Option<embargo_cases::SystemEvent> {
    (outcome.status != embargo_store::ImportStatus::Unchanged).then(|| {
        embargo_cases::SystemEvent::ListImported {
            list: outcome.version.list.clone(),
            version: outcome.version.version,
            sha256: outcome.version.sha256.clone(),
            entities: outcome.version.entities as u64,
        }
    })
}

/// Shows a monitoring run's progress on stderr: an indicatif bar on a terminal, a line every
/// ten seconds in logs.
pub fn run_progress(mode: crate::args::ProgressMode) -> impl FnMut(&embargo_monitor::RunProgress) {
    use crate::args::ProgressMode;
    use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
    let bar = (mode == ProgressMode::Bar).then(|| {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr_with_hz(10));
        bar.set_style(
            ProgressStyle::with_template(
                "[{bar:30}] {pos}/{len} subjects, {msg} ({elapsed} elapsed, {eta} left)",
            )
            .expect("the template is valid")
            .progress_chars("#>-"),
        );
        bar
    });
    let mut last_log: Option<std::time::Instant> = None;
    move |p| match mode {
        ProgressMode::None => {}
        ProgressMode::Bar => {
            if let Some(bar) = &bar {
                bar.set_length(p.total);
                bar.set_position(p.done);
                bar.set_message(format!("{} new alerts", p.new_alerts));
                if p.done >= p.total {
                    bar.finish();
                }
            }
        }
        ProgressMode::Log => {
            let now = std::time::Instant::now();
            if last_log.is_some_and(|t| now - t < std::time::Duration::from_secs(10)) && p.done < p.total {
                return;
            }
            last_log = Some(now);
            eprintln!("embargo: monitoring {}/{} subjects, {} new alerts", p.done, p.total, p.new_alerts);
        }
    }
}

/// Prints what a monitoring run did, on stderr.
pub fn print_run(summary: &embargo_monitor::RunSummary) {
    let s = summary;
    eprintln!(
        "embargo: monitoring run {}{} against {}: {} subjects, {} up to date, {} screened against {} changed \
         entities, {} screened in full; {} screenings recorded ({} already recorded), {} new alerts, {} alerts \
         closed as delisted ({} entities removed), {} open alerts on changed entities re-checked ({} no longer \
         hit); {:.1}s",
        s.run,
        if s.resumed { " (resumed)" } else { "" },
        s.versions.join(", "),
        s.subjects,
        s.up_to_date,
        s.screened_delta,
        s.delta_entities,
        s.screened_full,
        s.recorded,
        s.duplicates,
        s.new_alerts.len(),
        s.delisted_alerts.len(),
        s.removed_entities,
        s.rechecked_alerts.len(),
        s.rechecked_below_threshold.len(),
        s.elapsed_secs
    );
}

/// After new list versions were imported (`import`, `sync`): the self-test of each (recall
/// recorded in the audit log, a loud warning below the floor), then a monitoring run unless
/// `monitor` is false.
pub fn after_import(data_dir: &Path, lists: &[String], monitor: bool) -> anyhow::Result<()> {
    if lists.is_empty() {
        return Ok(());
    }
    let store = open_store(data_dir)?;
    let cases = open_cases(data_dir)?;
    let monitor_state = embargo_monitor::Monitor::open(data_dir, &store, &cases)?;
    let snapshot = Snapshot::load(&store, &Selection::active())?;
    let floor = monitor_state.recall_floor()?;
    for list in lists {
        let report = monitor_state.self_test(
            &snapshot,
            list,
            &embargo_matcher::ScreenOptions::default(),
            floor,
            &actor(),
        )?;
        print_self_test(&report);
    }
    if monitor {
        let mode = crate::args::progress_mode("auto")?;
        let summary = monitor_state.run_on(
            &embargo_monitor::RunOptions::default(),
            Some(&snapshot),
            &mut run_progress(mode),
        )?;
        if summary.subjects > 0 {
            print_run(&summary);
        }
    }
    Ok(())
}

/// Prints a self-test, loudly when it failed.
pub fn print_self_test(report: &embargo_monitor::SelfTestReport) {
    let r = &report.row;
    if report.passed {
        eprintln!(
            "embargo: self-test of {}@{}: recall {:.1}% ({} of {} test names found; floor {:.0}%)",
            r.list,
            r.version,
            r.recall * 100.0,
            r.found,
            r.cases,
            r.floor * 100.0
        );
    } else {
        eprintln!(
            "embargo: WARNING: SELF-TEST FAILED for {}@{}: recall {:.1}% ({} of {} test names found) is BELOW \
             THE FLOOR of {:.0}%. Screening against this version misses names it lists; missed for example:",
            r.list,
            r.version,
            r.recall * 100.0,
            r.found,
            r.cases,
            r.floor * 100.0
        );
        for case in report.missed.iter().take(5) {
            eprintln!("  {} ({}): {:?}", case.entity_id, case.alteration, case.name);
        }
    }
}

/// Reads the text, message or shipment file at `path` (standard input for `None`), which must
/// be UTF-8; the error names the file and the byte where it is not.
pub fn read_input(path: Option<&Path>) -> anyhow::Result<String> {
    use std::io::Read;
    let (bytes, name) = match path {
        Some(path) => (
            std::fs::read(path).with_context(|| format!("reading {}", path.display()))?,
            path.display().to_string(),
        ),
        None => {
            let mut bytes = Vec::new();
            std::io::stdin().read_to_end(&mut bytes).context("reading standard input")?;
            (bytes, "standard input".to_owned())
        }
    };
    String::from_utf8(bytes).map_err(|e| {
        anyhow::anyhow!(
            "{name}: byte {} is not UTF-8; the input must be UTF-8 text",
            e.utf8_error().valid_up_to()
        )
    })
}

/// The lists a text or payment is screened against: `wanted`, or every list of `snapshot`
/// that holds parties (goods lists such as the CHPL share the store but name no party).
/// `None` when that is every list.
pub fn party_lists(snapshot: &Snapshot, wanted: Option<&[String]>) -> Option<Vec<String>> {
    if let Some(wanted) = wanted {
        return Some(wanted.to_vec());
    }
    let goods: std::collections::HashSet<&str> = snapshot
        .index()
        .entities()
        .iter()
        .filter(|e| e.is_goods())
        .map(|e| e.provenance.list.as_str())
        .collect();
    if goods.is_empty() {
        return None;
    }
    Some(snapshot.lists().iter().map(|v| v.list.clone()).filter(|l| !goods.contains(l.as_str())).collect())
}
