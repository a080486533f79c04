//! `embargo screen-text [FILE|-]`: the listed parties and sanctioned jurisdictions a text names.
//!
//! Exit codes: 0 screened (with or without mentions), 2 error.

use crate::args::{SingleFormat, TextRun};
use crate::output::{outln, write_stdout};
use embargo_text::{Gazetteer, TextHit, TextOptions, TextScreener, TextScreening};
use std::path::Path;
use std::process::ExitCode;

/// Screens the text of `run.input` and prints its mentions.
pub fn run(data_dir: &Path, run: TextRun) -> anyhow::Result<ExitCode> {
    let text = crate::load::read_input(match &run.input {
        crate::args::InputSource::File(path) => Some(path.as_path()),
        crate::args::InputSource::Stdin => None,
    })?;
    let snapshot = crate::load::snapshot(data_dir, run.options.lists.as_deref())?;
    let options = TextOptions {
        lists: crate::load::party_lists(&snapshot, run.options.lists.as_deref()),
        ..run.options
    };
    let gazetteer = Gazetteer::build(snapshot.index());
    let screener = TextScreener::new(snapshot.index(), &gazetteer);
    let screening = screener.screen_text(&text, &options)?;
    let out = match run.format {
        SingleFormat::Json => format!("{}\n", serde_json::to_string_pretty(&screening)?),
        SingleFormat::Table => table(&screening),
    };
    write_stdout(&out)?;
    Ok(ExitCode::SUCCESS)
}

/// One hit as a table row: score, list, entity, kind, caption.
pub(crate) fn hit_line(hit: &TextHit) -> String {
    let mut line =
        format!("{:.3}  {}  {}  {}  {}", hit.score, hit.list, hit.entity_id, hit.kind.as_str(), hit.caption);
    if hit.matched_name != hit.caption {
        line.push_str(&format!(" (as {})", hit.matched_name));
    }
    line
}

fn table(screening: &TextScreening) -> String {
    let mut out = String::new();
    if screening.mentions.is_empty() {
        outln!(out, "no listed party named");
    }
    for (i, mention) in screening.mentions.iter().enumerate() {
        let linked = mention
            .linked_to
            .map(|to| format!(" (names again mention {} {:?})", to + 1, screening.mentions[to].text))
            .unwrap_or_default();
        outln!(out, "{}. {:?} at {}..{}{linked}", i + 1, mention.text, mention.start, mention.end);
        for hit in &mention.hits {
            outln!(out, "   {}", hit_line(hit));
            if let Some(explanation) = &hit.explanation {
                for line in explanation.to_string().lines() {
                    outln!(out, "         {line}");
                }
            }
        }
    }
    if !screening.jurisdictions.is_empty() {
        outln!(out, "sanctioned jurisdictions:");
        for j in &screening.jurisdictions {
            outln!(out, "   {:?} at {}..{}: {} {} ({})", j.text, j.start, j.end, j.code, j.name, j.regime);
        }
    }
    let lists: Vec<String> = screening.lists.iter().map(|l| format!("{}@{}", l.list, l.version)).collect();
    outln!(out, "lists: {}", lists.join(" "));
    out
}
