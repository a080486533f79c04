//! The delta runner: what `embargo monitor run` does.

use crate::plan::{self, Delta};
use crate::recheck;
use crate::{data_hash, hex, query_of, Monitor, MonitorError};
use embargo_cases::{from_engine, ScreeningContext, ScreeningInput, Subject, SystemEvent};
use embargo_engine::{EngineError, Selection, Snapshot};
use embargo_matcher::{Hit, Index, ScreenOptions};
use embargo_store::{ListVersion, VersionRef};
use rayon::prelude::*;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};
use std::time::{Duration, Instant};

/// How to run.
#[derive(Debug, Clone)]
pub struct RunOptions {
    /// Screen every subject against the whole lists (a changed threshold or matcher).
    pub full: bool,
    /// Threshold, limit, algorithm.
    pub screen: ScreenOptions,
    /// Who runs, for the record (`monitor`, `cli:alice`).
    pub by: String,
    /// Subjects screened and recorded per transaction.
    pub chunk_size: usize,
    /// Record a screening for every subject screened (`true`, the default), or only for
    /// subjects with a hit at or above the threshold (every subject's state still moves to
    /// the new versions).
    pub record_all: bool,
    /// Only these subjects (a subject registered over HTTP is screened at once): no run is
    /// recorded as finished and nothing is delisted.
    pub only: Option<Vec<String>>,
}

impl Default for RunOptions {
    fn default() -> Self {
        RunOptions {
            full: false,
            screen: ScreenOptions::default(),
            by: "monitor".into(),
            chunk_size: 4096,
            record_all: true,
            only: None,
        }
    }
}

/// Where a run stands (handed to the progress callback after every chunk).
#[derive(Debug, Clone, Serialize)]
pub struct RunProgress {
    /// Subjects to screen in this run.
    pub total: u64,
    /// Screened so far.
    pub done: u64,
    /// Alerts created so far.
    pub new_alerts: u64,
}

/// What a run did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct RunSummary {
    /// The run's id (`M3-1764892800000`); a resumed run keeps the id of the one interrupted.
    pub run: String,
    /// Whether an interrupted run was resumed.
    pub resumed: bool,
    /// The versions screened against (`list@version`).
    pub versions: Vec<String>,
    /// Registered subjects.
    pub subjects: u64,
    /// Subjects already screened with these versions, data and settings: not screened.
    pub up_to_date: u64,
    /// Subjects screened against the whole lists (new, changed, `--full`).
    pub screened_full: u64,
    /// Subjects screened against the changed entities only.
    pub screened_delta: u64,
    /// Entities added or changed that the delta screened against (the largest delta).
    pub delta_entities: u64,
    /// Screenings recorded in the case store.
    pub recorded: u64,
    /// Screenings an interrupted attempt of this run had recorded already.
    pub duplicates: u64,
    /// Subjects with a hit at or above the threshold.
    pub with_hits: u64,
    /// Alerts created (new and re-review).
    pub new_alerts: Vec<String>,
    /// Entities removed from their lists since the subjects' versions.
    pub removed_entities: u64,
    /// Alerts closed as delisted.
    pub delisted_alerts: Vec<String>,
    /// Suppressions closed because their entities were delisted.
    pub delisted_suppressions: Vec<String>,
    /// Open alerts whose entity changed: re-checked, the subject's score against the entity
    /// as listed now written into their history (they keep their status).
    pub rechecked_alerts: Vec<String>,
    /// Of those, the alerts whose subject no longer hits the changed entity.
    pub rechecked_below_threshold: Vec<String>,
    /// Seconds: reading subjects and state, planning (delisting and re-checks come after).
    pub plan_secs: f64,
    /// Seconds: re-checking the open alerts on changed entities.
    pub recheck_secs: f64,
    /// Seconds: loading the lists and building the delta indexes.
    pub load_secs: f64,
    /// Seconds: screening (all cores).
    pub screen_secs: f64,
    /// Seconds: recording in the case store and the state (a chunk is recorded while the
    /// next is screened: the two overlap).
    pub record_secs: f64,
    /// Seconds in all.
    pub elapsed_secs: f64,
}

/// A chunk's subjects (by index) with their hits.
type Screened = Vec<(usize, Vec<Hit>)>;

/// What recording one chunk counted.
#[derive(Default)]
struct ChunkRecorded {
    screened_full: u64,
    screened_delta: u64,
    with_hits: u64,
    recorded: u64,
    duplicates: u64,
    new_alerts: Vec<String>,
}

/// What one subject needs.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Work {
    Skip,
    Full,
    /// Index into the delta indexes.
    Delta(usize),
}

impl Monitor<'_> {
    /// Screens the registered subjects against what changed since each was last screened (or
    /// everything: new and changed subjects, `options.full`), records the screenings and
    /// their alerts, and closes the alerts of delisted entities. Resumes an interrupted run
    /// of the same versions and settings.
    pub fn run(
        &self,
        options: &RunOptions,
        progress: &mut dyn FnMut(&RunProgress),
    ) -> Result<RunSummary, MonitorError> {
        self.run_on(options, None, progress)
    }

    /// [`Monitor::run`], screening with `loaded` when it holds the versions in force (the
    /// server's snapshot, or one the caller loaded for the self-test) instead of loading them.
    pub fn run_on(
        &self,
        options: &RunOptions,
        loaded: Option<&Snapshot>,
        progress: &mut dyn FnMut(&RunProgress),
    ) -> Result<RunSummary, MonitorError> {
        let started = Instant::now();
        let target: Vec<ListVersion> = self.store.lists()?;
        if target.is_empty() {
            return Err(EngineError::NoListsImported(self.store.dir().display().to_string()).into());
        }
        let target_refs: Vec<VersionRef> = target.iter().map(ListVersion::version_ref).collect();
        let target_key = plan::versions_key(&target_refs);
        let settings = settings_hash(&options.screen);
        let (run_id, run_num, resumed) =
            self.state.start_run(&target_key, &settings, options.full, options.only.is_none())?;
        let mut summary = RunSummary {
            run: run_id.clone(),
            resumed,
            versions: target.iter().map(ListVersion::label).collect(),
            ..RunSummary::default()
        };

        // Plan: what each subject needs, and the delta of each baseline.
        let mut subjects = self.cases.registered_subjects()?;
        if let Some(only) = &options.only {
            subjects.retain(|s| only.contains(&s.id));
        }
        let screened = self.state.screened()?;
        let runs = self.state.runs()?;
        summary.subjects = subjects.len() as u64;
        let mut baselines: BTreeMap<String, usize> = BTreeMap::new();
        let mut work = Vec::with_capacity(subjects.len());
        let hashes: Vec<String> = subjects.par_iter().map(data_hash).collect();
        // Both are in subject id order: merge them.
        let mut state = screened.iter().peekable();
        for (subject, hash) in subjects.iter().zip(&hashes) {
            while state.peek().is_some_and(|(id, _)| id.as_str() < subject.id.as_str()) {
                state.next();
            }
            let last = state.peek().filter(|(id, _)| *id == subject.id).map(|(_, s)| s);
            let info = last.and_then(|s| runs.get(&s.run));
            let w = match (last, info) {
                (Some(s), _) if options.full && s.run == run_num => Work::Skip,
                _ if options.full => Work::Full,
                (Some(s), Some(r)) if s.data_hash != *hash || r.settings_hash != settings => Work::Full,
                (Some(_), Some(r)) if r.target == target_key => Work::Skip,
                (Some(_), Some(r)) => {
                    let n = baselines.len();
                    Work::Delta(*baselines.entry(r.target.clone()).or_insert(n))
                }
                _ => Work::Full,
            };
            work.push(w);
        }
        drop(screened);
        let mut deltas: Vec<(String, Delta)> = vec![(String::new(), Delta::default()); baselines.len()];
        for (key, &i) in &baselines {
            deltas[i] = (key.clone(), plan::delta(self.store, key, &target)?);
        }
        // Delisting also covers entities removed since the last finished run, so that alerts
        // of one-off screenings close even when no monitored subject was screened before.
        // The same for the changed entities whose open alerts are re-checked.
        let mut removed: BTreeSet<String> =
            deltas.iter().flat_map(|(_, d)| d.removed.iter().cloned()).collect();
        let mut changed: BTreeSet<String> =
            deltas.iter().flat_map(|(_, d)| d.changed.iter().cloned()).collect();
        if options.only.is_some() {
            removed.clear();
            changed.clear();
        } else if let Some(last) = self.state.last_target()? {
            if last != target_key {
                let since_last = plan::delta(self.store, &last, &target)?;
                removed.extend(since_last.removed);
                changed.extend(since_last.changed);
            }
        }
        summary.removed_entities = removed.len() as u64;
        summary.plan_secs = started.elapsed().as_secs_f64();
        if !removed.is_empty() {
            let removed: Vec<String> = removed.into_iter().collect();
            let (alerts, suppressions) = self.cases.delist(&options.by, &removed)?;
            summary.delisted_alerts = alerts;
            summary.delisted_suppressions = suppressions;
        }
        let rechecking = Instant::now();
        let rechecked = recheck::open_alerts(self.store, self.cases, &options.by, &changed, &options.screen)?;
        summary.rechecked_alerts = rechecked.noted;
        summary.rechecked_below_threshold = rechecked.below_threshold;
        summary.recheck_secs = rechecking.elapsed().as_secs_f64();

        let todo: Vec<usize> = (0..subjects.len()).filter(|&i| work[i] != Work::Skip).collect();
        summary.up_to_date = (subjects.len() - todo.len()) as u64;
        if todo.is_empty() {
            self.state.finish_run(&run_id)?;
            summary.elapsed_secs = started.elapsed().as_secs_f64();
            return Ok(summary);
        }

        // Load the lists in force and build one small index per baseline's delta.
        let loading = Instant::now();
        let owned;
        let snapshot: &Snapshot = match loaded.filter(|s| s.labels() == summary.versions) {
            Some(s) => s,
            None => {
                owned = Snapshot::load(self.store, &Selection::Versions(target_refs))?;
                &owned
            }
        };
        let indexes: Vec<Index> = deltas
            .iter()
            .map(|(_, d)| {
                let entities = snapshot
                    .index()
                    .entities()
                    .iter()
                    .filter(|e| d.changed.contains(&e.id) || d.new_lists.contains(&e.provenance.list))
                    .map(|e| (**e).clone())
                    .collect();
                Index::build(entities)
            })
            .collect();
        summary.delta_entities = indexes.iter().map(|i| i.len() as u64).max().unwrap_or(0);
        summary.load_secs = loading.elapsed().as_secs_f64();

        // One context for full screenings, one per baseline for delta screenings (naming the
        // baseline, so that a replay knows which entities the screening covered).
        let full_context = from_engine::context(snapshot, &options.screen, options.screen.algorithm.name());
        let contexts: Vec<ScreeningContext> = std::iter::once(full_context.clone())
            .chain(deltas.iter().map(|(baseline, _)| ScreeningContext {
                delta_from: Some(baseline.clone()),
                ..full_context.clone()
            }))
            .collect();
        let mut facts = from_engine::EntityFacts::default();
        let mut screen_time = Duration::ZERO;
        let mut record_time = Duration::ZERO;
        let total = todo.len() as u64;
        let mut done = 0u64;
        let mut new_alerts = Vec::new();
        let screen_chunk = |chunk: &[usize]| -> Screened {
            chunk
                .par_iter()
                .map(|&i| {
                    let query = query_of(&subjects[i]);
                    let hits = match work[i] {
                        Work::Full => snapshot.screen_unchecked(&query, &options.screen),
                        Work::Delta(d) => {
                            let mut hits = indexes[d].screen(&query, &options.screen);
                            // The party (and the entity as loaded) is the whole snapshot's.
                            for hit in &mut hits {
                                if let Some(entity) = snapshot.entity(&hit.entity.id) {
                                    hit.entity = entity.clone();
                                }
                                if let Some(party) = snapshot.index().party_id(&hit.entity.id) {
                                    hit.party_id = party.to_owned();
                                }
                            }
                            hits
                        }
                        Work::Skip => Vec::new(),
                    };
                    (i, hits)
                })
                .collect()
        };
        // Records one screened chunk and moves its subjects' state to this run: what it
        // counted, and how long it took.
        let (cases, state) = (self.cases, &self.state);
        let record_chunk = |chunk: &[usize],
                            results: Screened,
                            facts: &mut from_engine::EntityFacts|
         -> Result<(ChunkRecorded, Duration), MonitorError> {
            let recording = Instant::now();
            let mut counted = ChunkRecorded::default();
            // Per context: full screenings, then each baseline's delta screenings.
            let mut inputs: Vec<Vec<ScreeningInput>> = contexts.iter().map(|_| Vec::new()).collect();
            for (i, hits) in &results {
                let subject: &Subject = &subjects[*i];
                let group = match work[*i] {
                    Work::Delta(d) => {
                        counted.screened_delta += 1;
                        d + 1
                    }
                    _ => {
                        counted.screened_full += 1;
                        0
                    }
                };
                let hit = hits.iter().any(|h| h.score >= options.screen.threshold);
                if hit {
                    counted.with_hits += 1;
                }
                if options.record_all || hit {
                    inputs[group].push(ScreeningInput {
                        subject: subject.clone(),
                        by: options.by.clone(),
                        hits: facts.hits(hits),
                        request_id: Some(format!("monitor:{run_id}:{}", subject.id)),
                    });
                }
            }
            for (context, inputs) in contexts.iter().zip(&inputs).filter(|(_, i)| !i.is_empty()) {
                for r in cases.record_screenings(context, inputs)? {
                    if r.duplicate {
                        counted.duplicates += 1;
                    } else {
                        counted.recorded += 1;
                        counted.new_alerts.extend(r.new_alerts().into_iter().map(str::to_owned));
                    }
                }
            }
            let marks: Vec<(&str, &str)> =
                chunk.iter().map(|&i| (subjects[i].id.as_str(), hashes[i].as_str())).collect();
            state.mark_screened(&marks, run_num)?;
            Ok((counted, recording.elapsed()))
        };
        // A chunk is screened while the one before it is recorded (before, every core but the
        // recording one waited), the recording on a scoped thread beside rayon's pool so that
        // screening keeps both of its workers. Chunks are recorded in order, each marked
        // screened once recorded, so a run killed at any point resumes after the last chunk
        // recorded.
        let mut chunks = todo.chunks(options.chunk_size.max(1));
        let mut pending: Option<(&[usize], Screened)> = None;
        loop {
            let next = chunks.next();
            let (screened, recorded) = std::thread::scope(|scope| {
                let recording = pending.take().map(|(chunk, results)| {
                    let facts = &mut facts;
                    let record_chunk = &record_chunk;
                    scope.spawn(move || (chunk.len() as u64, record_chunk(chunk, results, facts)))
                });
                let screening = Instant::now();
                let screened = next.map(|chunk| (chunk, screen_chunk(chunk)));
                screen_time += screening.elapsed();
                let recorded = recording
                    .map(|thread| thread.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)));
                (screened, recorded)
            });
            if let Some((len, recorded)) = recorded {
                let (counted, took) = recorded?;
                record_time += took;
                summary.screened_full += counted.screened_full;
                summary.screened_delta += counted.screened_delta;
                summary.with_hits += counted.with_hits;
                summary.recorded += counted.recorded;
                summary.duplicates += counted.duplicates;
                new_alerts.extend(counted.new_alerts);
                done += len;
                progress(&RunProgress { total, done, new_alerts: new_alerts.len() as u64 });
            }
            match screened {
                Some(chunk) => pending = Some(chunk),
                None => break,
            }
        }
        self.state.finish_run(&run_id)?;
        summary.new_alerts = new_alerts;
        if options.only.is_none() {
            self.cases.log_event(
                &options.by,
                SystemEvent::MonitoringRun {
                    run: run_id.clone(),
                    versions: summary.versions.clone(),
                    subjects: summary.subjects,
                    screened_full: summary.screened_full,
                    screened_delta: summary.screened_delta,
                    recorded: summary.recorded,
                    new_alerts: summary.new_alerts.len() as u64,
                    delisted_alerts: summary.delisted_alerts.len() as u64,
                },
            )?;
        }
        summary.screen_secs = screen_time.as_secs_f64();
        summary.record_secs = record_time.as_secs_f64();
        summary.elapsed_secs = started.elapsed().as_secs_f64();
        Ok(summary)
    }
}

/// What must be the same for a subject's last screening to still count: threshold, limit,
/// lists filter, algorithm and the matcher's version.
fn settings_hash(options: &ScreenOptions) -> String {
    let json = serde_json::json!({
        "threshold": options.threshold,
        "limit": options.limit,
        "lists": options.lists,
        "algorithm": options.algorithm.name(),
        "matcher": from_engine::matcher_version(),
    });
    hex(&Sha256::digest(json.to_string().as_bytes())[..16])
}
