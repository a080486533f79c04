//! `embargo screen --input FILE --output FILE`: batch screening of a file of records (see the
//! `embargo-batch` crate and docs/batch.md).
//!
//! Exit codes: 0 the file was screened (hits or not); 1 it was screened and some record had a
//! hit, with `--fail-on-hit`; 2 an error (bad flags, wrong mapping, unreadable input, refused
//! resume). Bad rows do not make the run fail: they are counted and written to the rejects file.

use crate::args::{BatchRun, ProgressMode};
use anyhow::Context;
use embargo_batch::{BatchOptions, ChunkObserver, Progress, Summary};
use embargo_cases::from_engine::BatchRecorder;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// Screens the input file of `run` into its output file.
pub fn run(data_dir: &Path, run: BatchRun) -> anyhow::Result<ExitCode> {
    let BatchRun { snapshot, options, progress, fail_on_hit, record, as_of } = run;
    let snapshot = crate::load::snapshot_as_of(
        data_dir,
        snapshot.as_deref(),
        options.screen.lists.as_deref(),
        as_of.as_ref(),
    )?;
    if progress != ProgressMode::None {
        eprintln!(
            "embargo: {} entities from {} list(s) loaded in {:.1}s",
            snapshot.entity_count(),
            snapshot.lists().len(),
            snapshot.load_time().as_secs_f64()
        );
    }
    let cases = record.as_ref().map(|_| crate::load::open_cases(data_dir)).transpose()?;
    let mut recorder = match (&cases, &record) {
        (Some(cases), Some(recording)) => {
            Some(BatchRecorder::new(cases, &snapshot, &options.screen, &recording.by))
        }
        _ => None,
    };
    let mut reporter = Reporter::new(progress);
    let summary = embargo_batch::run_observed(
        &snapshot,
        &options,
        &mut |p| reporter.update(p),
        recorder.as_mut().map(|r| r as &mut (dyn ChunkObserver + Send)),
    )
    .with_context(|| format!("screening {}", options.input.display()))?;
    reporter.finish();
    print_summary(&summary, &options);
    if let Some(r) = &recorder {
        eprintln!(
            "  recorded       {} screenings in the case store ({} new alerts; {} already recorded by an earlier attempt)",
            r.screenings, r.new_alerts, r.duplicates
        );
    }
    Ok(if fail_on_hit && summary.counters.with_hits > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// Shows progress on stderr: an indicatif bar on a terminal, or a plain line every few seconds
/// for logs.
struct Reporter {
    mode: ProgressMode,
    bar: Option<ProgressBar>,
    last_log: Option<Instant>,
}

impl Reporter {
    const LOG_EVERY: Duration = Duration::from_secs(10);

    fn new(mode: ProgressMode) -> Reporter {
        let bar = (mode == ProgressMode::Bar).then(|| {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr_with_hz(10));
            bar.set_style(
                ProgressStyle::with_template("[{bar:30}] {percent:>3}% {msg} ({eta} left)")
                    .expect("the template is valid")
                    .progress_chars("#>-"),
            );
            bar
        });
        Reporter { mode, bar, last_log: None }
    }

    fn update(&mut self, p: &Progress) {
        let stats = format!(
            "{} records, {:.0}/s, {} with hits ({} hits), {} rejected",
            p.records,
            p.rate(),
            p.with_hits,
            p.hits,
            p.rejected
        );
        match self.mode {
            ProgressMode::None => {}
            ProgressMode::Bar => {
                if let Some(bar) = &self.bar {
                    bar.set_length(p.bytes_total);
                    bar.set_position(p.bytes_done);
                    bar.set_message(stats);
                }
            }
            ProgressMode::Log => {
                let now = Instant::now();
                if self.last_log.is_some_and(|t| now - t < Self::LOG_EVERY) && p.bytes_done < p.bytes_total {
                    return;
                }
                self.last_log = Some(now);
                let eta = p.eta().map(|d| format!("{}s", d.as_secs())).unwrap_or_else(|| "?".into());
                eprintln!("embargo: {:.1}% {stats}, {eta} left", p.fraction() * 100.0);
            }
        }
    }

    fn finish(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish();
        }
    }
}

fn print_summary(summary: &Summary, options: &BatchOptions) {
    let c = &summary.counters;
    let mut out = String::new();
    out.push_str(&format!(
        "embargo: screened {} in {:.1}s ({:.0} records/s{})\n",
        options.input.display(),
        summary.elapsed.as_secs_f64(),
        summary.rate,
        summary.resumed_at.map(|n| format!(", resumed after {n} records")).unwrap_or_default()
    ));
    out.push_str(&format!("  records read   {}\n", c.records_read));
    out.push_str(&format!("  rejected       {} ({})\n", c.rejected, summary.rejects.display()));
    out.push_str(&format!("  screened       {}\n", c.screened));
    out.push_str(&format!("  with hits      {} ({} hits)\n", c.with_hits, c.hits));
    let by_list: Vec<String> = c.hits_by_list.iter().map(|(l, n)| format!("{l} {n}")).collect();
    out.push_str(&format!(
        "  hits by list   {}\n",
        if by_list.is_empty() { "-".to_owned() } else { by_list.join(", ") }
    ));
    out.push_str(&format!("  lists          {}\n", summary.lists.join(", ")));
    out.push_str(&format!("  output         {}\n", summary.output.display()));
    eprint!("{out}");
}
