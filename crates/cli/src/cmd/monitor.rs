//! `embargo monitor`: the monitored base (import, add, remove, list) and monitoring runs
//! (see the `embargo-monitor` crate and docs/monitoring.md).
//!
//! Exit codes: 0 done; 1 `self-test` below the floor; 2 error.

use crate::args::{MonitorAction, MonitorArgs};
use crate::output::{outln, write_stdout};
use anyhow::bail;
use embargo_cases::{RegisterOutcome, Subject};
use embargo_engine::{Selection, Snapshot};
use embargo_matcher::{ScreenOptions, DEFAULT_THRESHOLD};
use embargo_monitor::{Monitor, RunOptions};
use std::path::Path;
use std::process::ExitCode;

pub fn run(data_dir: &Path, args: MonitorArgs) -> anyhow::Result<ExitCode> {
    let store = crate::load::open_store(data_dir)?;
    let cases = crate::load::open_cases(data_dir)?;
    let monitor = Monitor::open(data_dir, &store, &cases)?;
    match args.action {
        MonitorAction::Import { file, columns, tags, by, no_monitor, progress } => {
            let options = columns.batch_options(&file)?;
            let (records, rejects) = embargo_batch::read_records(&options)?;
            for reject in &rejects {
                eprintln!("embargo: {}: line {}: rejected: {}", file.display(), reject.line, reject.reason);
            }
            let mut subjects: Vec<Subject> =
                records.iter().map(|r| embargo_monitor::subject_of(r, tags.clone())).collect();
            // The same id twice in one file: the last row wins, as a later update would.
            let mut seen = std::collections::HashMap::new();
            for (i, s) in subjects.iter().enumerate() {
                seen.insert(s.id.clone(), i);
            }
            let mut keep: Vec<usize> = seen.into_values().collect();
            keep.sort_unstable();
            subjects = keep.into_iter().map(|i| subjects[i].clone()).collect();
            let outcomes = monitor.register(&crate::args::actor(by.as_deref())?, &subjects)?;
            print_registered(&outcomes, rejects.len());
            if !no_monitor {
                let mut progress = crate::load::run_progress(crate::args::progress_mode(&progress)?);
                crate::load::print_run(&monitor.run(&RunOptions::default(), &mut progress)?);
            }
            Ok(ExitCode::SUCCESS)
        }
        MonitorAction::Add { id, names, kind, dob, country, identifiers, tags, by, no_monitor } => {
            if id.trim().is_empty() || names.iter().all(|n| n.trim().is_empty()) {
                bail!("a subject needs an id and a name");
            }
            let subject = Subject {
                id: id.trim().to_owned(),
                kind: kind.as_deref().map(crate::args::parse_kind).transpose()?,
                names,
                birth_dates: dob,
                countries: country,
                identifiers,
                tags,
            };
            let outcomes = monitor.register(&crate::args::actor(by.as_deref())?, &[subject])?;
            print_registered(&outcomes, 0);
            if !no_monitor {
                let mut progress = crate::load::run_progress(crate::args::progress_mode("none")?);
                crate::load::print_run(&monitor.run(&RunOptions::default(), &mut progress)?);
            }
            Ok(ExitCode::SUCCESS)
        }
        MonitorAction::Remove { id, by } => {
            monitor.remove(&id, &crate::args::actor(by.as_deref())?)?;
            eprintln!("embargo: subject {id} is no longer monitored (its records stay)");
            Ok(ExitCode::SUCCESS)
        }
        MonitorAction::List { format } => {
            let subjects = monitor.subjects()?;
            let mut out = String::new();
            match format.as_str() {
                "json" => outln!(out, "{}", serde_json::to_string_pretty(&subjects)?),
                "table" => {
                    outln!(out, "{} subjects monitored", subjects.len());
                    for s in &subjects {
                        let kind = s.kind.map(|k| k.as_str().to_owned()).unwrap_or_else(|| "-".into());
                        outln!(out, "{}  {}  {}", s.id, kind, s.names.join(" / "));
                    }
                }
                other => bail!("unknown --format {other:?}: expected table or json"),
            }
            write_stdout(&out)?;
            Ok(ExitCode::SUCCESS)
        }
        MonitorAction::Run { full, threshold, record, chunk_size, by, progress, json } => {
            let threshold = threshold.unwrap_or(DEFAULT_THRESHOLD);
            if !(0.0..=1.0).contains(&threshold) {
                bail!("--threshold {threshold} is out of range: expected a score between 0 and 1");
            }
            if chunk_size == 0 {
                bail!("--chunk-size must be at least 1");
            }
            let record_all = match record.as_str() {
                "all" => true,
                "hits" => false,
                other => bail!("unknown --record {other:?}: expected all or hits"),
            };
            let options = RunOptions {
                full,
                screen: ScreenOptions { threshold, ..ScreenOptions::default() },
                by: by.unwrap_or_else(|| "monitor".into()),
                chunk_size,
                record_all,
                only: None,
            };
            let mut progress = crate::load::run_progress(crate::args::progress_mode(&progress)?);
            let summary = monitor.run(&options, &mut progress)?;
            if json {
                write_stdout(&format!("{}\n", serde_json::to_string_pretty(&summary)?))?;
            } else {
                crate::load::print_run(&summary);
            }
            Ok(ExitCode::SUCCESS)
        }
        MonitorAction::SelfTest { list, floor } => {
            let floor = match floor {
                Some(f) if !(0.0..=1.0).contains(&f) => bail!("--floor {f} is outside 0..1"),
                Some(f) => f,
                None => monitor.recall_floor()?,
            };
            let snapshot = Snapshot::load(&store, &Selection::active())?;
            let lists: Vec<String> = match list {
                Some(l) => {
                    snapshot.check_lists(std::slice::from_ref(&l))?;
                    vec![l]
                }
                None => snapshot.lists().iter().map(|v| v.list.clone()).collect(),
            };
            let mut failed = false;
            for list in &lists {
                let report = monitor.self_test(
                    &snapshot,
                    list,
                    &ScreenOptions::default(),
                    floor,
                    &crate::load::actor(),
                )?;
                crate::load::print_self_test(&report);
                failed |= !report.passed;
            }
            Ok(if failed { ExitCode::from(1) } else { ExitCode::SUCCESS })
        }
        MonitorAction::SetFloor { floor } => {
            monitor.set_recall_floor(floor)?;
            eprintln!("embargo: the self-test's recall floor is now {:.1}%", floor * 100.0);
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn print_registered(outcomes: &[RegisterOutcome], rejected: usize) {
    let count = |o: RegisterOutcome| outcomes.iter().filter(|x| **x == o).count();
    eprintln!(
        "embargo: {} subjects registered: {} new, {} changed, {} unchanged{}",
        outcomes.len(),
        count(RegisterOutcome::New),
        count(RegisterOutcome::Changed),
        count(RegisterOutcome::Unchanged),
        if rejected > 0 { format!("; {rejected} rows rejected") } else { String::new() }
    );
}
