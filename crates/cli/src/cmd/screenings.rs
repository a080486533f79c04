//! `embargo screenings replay ID`: re-runs a recorded screening on the list versions it used
//! (checking their sha256), with its threshold and algorithm, and says whether the hits are
//! the same: the model-validation check banks are asked for.
//!
//! Exit codes: 0 the same; 1 different; 2 error (the screening, a version or the subject's
//! erased data is missing).

use crate::args::{ScreeningsAction, ScreeningsArgs};
use crate::output::{outln, write_stdout};
use anyhow::{bail, Context};
use embargo_cases::from_engine;
use embargo_engine::{Selection, Snapshot};
use embargo_matcher::{Algorithm, ScreenOptions};
use embargo_store::VersionRef;
use std::path::Path;
use std::process::ExitCode;

pub fn run(data_dir: &Path, args: ScreeningsArgs) -> anyhow::Result<ExitCode> {
    let ScreeningsAction::Replay { id, json } = args.action;
    let cases = crate::load::open_cases(data_dir)?;
    let store = crate::load::open_store(data_dir)?;
    let view = cases.screening(&id)?;
    let Some(subject) = &view.subject else {
        bail!("screening {id}: the subject's data was erased, so it cannot be replayed");
    };
    let context = &view.context;
    let refs: Vec<VersionRef> =
        context.lists.iter().map(|l| VersionRef { list: l.list.clone(), version: l.version }).collect();
    for l in &context.lists {
        let stored = store.version(&l.list, l.version)?;
        if stored.sha256 != l.sha256 {
            bail!(
                "screening {id} used {}@{} with sha256 {}, but the store holds sha256 {} for it",
                l.list,
                l.version,
                l.sha256,
                stored.sha256
            );
        }
    }
    let snapshot = Snapshot::load(&store, &Selection::Versions(refs))
        .with_context(|| format!("loading the versions screening {id} used"))?;
    let algorithm: Algorithm = context.algorithm.parse().unwrap_or_default();
    // The options are known by their hash: the defaults, with or without the list filter.
    let listed: Vec<String> = context.lists.iter().map(|l| l.list.clone()).collect();
    let base = ScreenOptions { threshold: context.threshold, algorithm, ..ScreenOptions::default() };
    let options = [
        base.clone(),
        ScreenOptions { lists: Some(listed), ..base.clone() },
        ScreenOptions { explain: true, ..base.clone() },
    ]
    .into_iter()
    .find(|o| from_engine::context(&snapshot, o, algorithm.name()).options_hash == context.options_hash)
    .unwrap_or(base);
    let query = embargo_monitor::query_of(subject);
    // A monitoring run's delta screening covered only the entities added or changed since the
    // subject's previous versions: the replay screens everything and keeps the hits on those
    // (with no limit before the cut, as the delta's small index had none of the others).
    let scope = match &context.delta_from {
        Some(baseline) => Some(
            embargo_monitor::delta(&store, baseline, snapshot.lists())
                .with_context(|| format!("the entities screening {id} covered (changed since {baseline})"))?,
        ),
        None => None,
    };
    let hits = match &scope {
        None => snapshot.screen_unchecked(&query, &options),
        Some(delta) => {
            let mut hits =
                snapshot.screen_unchecked(&query, &ScreenOptions { limit: usize::MAX, ..options.clone() });
            hits.retain(|h| {
                delta.changed.contains(&h.entity.id) || delta.new_lists.contains(&h.entity.provenance.list)
            });
            hits.truncate(options.limit);
            hits
        }
    };

    let key = |entity: &str, score: f64| format!("{entity} {score:.6}");
    let mut recorded: Vec<String> = view.hits.iter().map(|h| key(&h.entity_id, h.score)).collect();
    let mut replayed: Vec<String> = hits.iter().map(|h| key(&h.entity.id, h.score)).collect();
    recorded.sort();
    replayed.sort();
    let same = recorded == replayed;
    let mut out = String::new();
    if json {
        let doc = serde_json::json!({
            "screening": id,
            "versions": snapshot.labels(),
            "same": same,
            "delta_from": context.delta_from,
            "recorded": recorded,
            "replayed": replayed,
        });
        outln!(out, "{}", serde_json::to_string_pretty(&doc)?);
    } else {
        outln!(
            out,
            "screening {id} of {} at {}, replayed on {}",
            view.subject_id,
            view.at,
            snapshot.labels().join(", ")
        );
        if let (Some(baseline), Some(delta)) = (&context.delta_from, &scope) {
            outln!(
                out,
                "a monitoring delta screening: it covered the {} entities added or changed since {baseline}{}, \
                 and so does the replay",
                delta.changed.len(),
                if delta.new_lists.is_empty() {
                    String::new()
                } else {
                    format!(" and the new lists {}", delta.new_lists.join(", "))
                }
            );
        }
        if same {
            outln!(out, "same: {} hit(s), the same entities with the same scores", recorded.len());
        } else {
            outln!(out, "DIFFERENT:");
            for r in recorded.iter().filter(|r| !replayed.contains(r)) {
                outln!(out, "  recorded only: {r}");
            }
            for r in replayed.iter().filter(|r| !recorded.contains(r)) {
                outln!(out, "  replayed only: {r}");
            }
        }
    }
    write_stdout(&out)?;
    Ok(if same { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
