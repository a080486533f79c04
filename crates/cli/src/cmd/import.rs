//! `embargo import PATH...`: find the lists in files and folders, and import each as a new
//! list version (or report it unchanged).

use crate::args::ImportArgs;
use crate::output::{outln, write_stdout};
use anyhow::{bail, Context};
use embargo_cases::SystemEvent;
use embargo_errors::ErrorCode;
use embargo_readers::custom_csv::{CustomCsvReader, Mapping};
use embargo_readers::detect::{detect, ListFiles};
use embargo_readers::{reader_for, Format, ListReader};
use embargo_store::{ImportOutcome, ImportStatus, Store};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// How many warnings an import prints before summarising the rest.
const WARNINGS_SHOWN: usize = 5;

/// One planned import: the files and the reader for them.
struct Plan {
    files: Vec<PathBuf>,
    reader: Box<dyn ListReader>,
    list_hint: String,
}

pub fn run(data_dir: &Path, args: ImportArgs) -> anyhow::Result<ExitCode> {
    let plans = plan(&args)?;
    let store =
        Store::open(data_dir).with_context(|| format!("cannot open the store in {}", data_dir.display()))?;
    let mut failed = 0;
    let mut outcomes = Vec::new();
    let mut events = Vec::new();
    for plan in &plans {
        match store.import(&plan.files, plan.reader.as_ref()) {
            Ok(outcome) => {
                events.extend(crate::load::import_event(&outcome));
                if !args.json {
                    write_stdout(&describe_outcome(&outcome, &plan.files))?;
                }
                outcomes.push(serde_json::json!({ "files": plan.files, "outcome": outcome }));
            }
            Err(err) => {
                failed += 1;
                events.push(SystemEvent::ListImportFailed {
                    source: format!("{} from {}", plan.list_hint, files_label(&plan.files)),
                    error: err.to_string(),
                });
                eprintln!(
                    "embargo: error: import of {} from {} failed, its previous version stays active: {err}",
                    plan.list_hint,
                    files_label(&plan.files)
                );
                outcomes.push(serde_json::json!({
                    "files": plan.files,
                    "error": { "code": err.error_code().as_str(), "message": err.to_string() },
                }));
            }
        }
    }
    if args.json {
        write_stdout(&format!("{}\n", serde_json::to_string_pretty(&outcomes)?))?;
    }
    crate::load::audit(data_dir, events)?;
    let imported: Vec<String> = outcomes
        .iter()
        .filter(|o| o["outcome"]["status"] == "new")
        .filter_map(|o| o["outcome"]["version"]["list"].as_str().map(str::to_owned))
        .collect();
    crate::load::after_import(data_dir, &imported, !args.no_monitor)
        .context("the lists were imported, but the self-test or monitoring run failed")?;
    Ok(if failed == 0 { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

fn plan(args: &ImportArgs) -> anyhow::Result<Vec<Plan>> {
    let mapping = if let Some(file) = &args.mapping {
        Some(Mapping::from_toml_file(file)?)
    } else if !args.map.is_empty() {
        Some(Mapping::from_pairs(args.map.iter().map(String::as_str))?)
    } else {
        None
    };
    let format = match &args.format {
        Some(name) => Some(Format::parse(name).with_context(|| {
            let known: Vec<&str> = Format::ALL.iter().map(|f| f.as_str()).collect();
            format!("unknown format {name:?}; expected one of {}", known.join(", "))
        })?),
        None => None,
    };

    if let Some(mut mapping) = mapping {
        if format.is_some_and(|f| f != Format::CustomCsv) {
            bail!(
                "--mapping and --map describe a custom CSV; they cannot be used with --format {}",
                format.unwrap()
            );
        }
        if let Some(list) = &args.list {
            mapping.list.clone_from(list);
        }
        let files = expand_files(&args.paths)?;
        let list_hint = mapping.list.clone();
        return Ok(vec![Plan { files, reader: Box::new(CustomCsvReader::from_mapping(mapping)), list_hint }]);
    }

    if let Some(format) = format {
        let reader = reader_for(format).with_context(|| {
            format!("--format {format} needs a column mapping: give --mapping FILE or --map KEY=VALUE")
        })?;
        let files = expand_files(&args.paths)?;
        let list_hint = args.list.clone().unwrap_or_else(|| format.to_string());
        return Ok(vec![Plan { files, reader, list_hint }]);
    }

    let found = detect(&args.paths)?;
    for skipped in &found.skipped {
        eprintln!("embargo: skipped {}: {}", skipped.path.display(), skipped.reason);
    }
    let sets: Vec<ListFiles> =
        found.lists.into_iter().filter(|set| args.list.as_ref().is_none_or(|l| *l == set.list)).collect();
    if sets.is_empty() {
        let paths: Vec<String> = args.paths.iter().map(|p| p.display().to_string()).collect();
        match &args.list {
            Some(list) => bail!("no files of list {list:?} found in {}", paths.join(", ")),
            None => bail!(
                "no list file recognised in {} (give --format, or --mapping for a custom CSV)",
                paths.join(", ")
            ),
        }
    }
    sets.into_iter()
        .map(|set| {
            let reader = set.reader().with_context(|| {
                format!(
                    "{} is a custom CSV: give its column mapping with --mapping FILE",
                    files_label(&set.files)
                )
            })?;
            Ok(Plan { files: set.files, reader, list_hint: set.list })
        })
        .collect()
}

/// The files of `paths`, the files directly inside a folder included (for --format and
/// --mapping, where the folder is one list version).
fn expand_files(paths: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(path).with_context(|| format!("cannot read {}", path.display()))?;
        if meta.is_dir() {
            let mut inside: Vec<PathBuf> = std::fs::read_dir(path)
                .with_context(|| format!("cannot read the folder {}", path.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    p.is_file() && !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.'))
                })
                .collect();
            inside.sort();
            if inside.is_empty() {
                bail!("the folder {} holds no file", path.display());
            }
            files.extend(inside);
        } else {
            files.push(path.clone());
        }
    }
    Ok(files)
}

fn files_label(files: &[PathBuf]) -> String {
    match files {
        [one] => one.display().to_string(),
        [first, rest @ ..] => format!("{} (+{} files)", first.display(), rest.len()),
        [] => "no file".to_owned(),
    }
}

fn describe_outcome(outcome: &ImportOutcome, files: &[PathBuf]) -> String {
    let mut out = String::new();
    let v = &outcome.version;
    let published = v.publication_date.map(|d| d.to_string()).unwrap_or_else(|| "date not stated".to_owned());
    let kinds: Vec<String> = outcome.kinds.iter().map(|(k, n)| format!("{k} {n}")).collect();
    match outcome.status {
        ImportStatus::New => outln!(
            out,
            "{}: version {} imported from {} (published {published}): {} entities ({}), {} warnings",
            v.list,
            v.version,
            files_label(files),
            v.entities,
            kinds.join(", "),
            v.warnings
        ),
        ImportStatus::Older => outln!(
            out,
            "{}: version {} stored from {} (published {published}) but NOT active: version {} in force \
             was published {}, and an older or undated publication never replaces it; {} entities, {} warnings",
            v.list,
            v.version,
            files_label(files),
            outcome.superseded_by.as_ref().map_or(0, |s| s.version),
            outcome
                .superseded_by
                .as_ref()
                .and_then(|s| s.publication_date)
                .map(|d| d.to_string())
                .unwrap_or_default(),
            v.entities,
            v.warnings
        ),
        ImportStatus::Unchanged => {
            let note = if v.active { "" } else { ", an older version than the active one" };
            outln!(
                out,
                "{}: unchanged: {} is already version {}{note} (same sha256); no new version",
                v.list,
                files_label(files),
                v.version
            );
            return out;
        }
    }
    for warning in outcome.warnings.iter().take(WARNINGS_SHOWN) {
        outln!(out, "  warning: {warning}");
    }
    if outcome.warnings.len() > WARNINGS_SHOWN {
        outln!(
            out,
            "  ... and {} more warnings (embargo lists --warnings {} shows them all)",
            outcome.warnings.len() - WARNINGS_SHOWN,
            v.list
        );
    }
    out
}
