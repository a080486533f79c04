//! `embargo screen NAME`: one party against the loaded lists; with `--input`, a whole file (see
//! [`super::batch`]).
//!
//! Exit codes: 0 screened (with or without hits), 1 hits found and `--fail-on-hit` given,
//! 2 error.

use anyhow::{bail, Context};
use embargo_engine::Snapshot;
use embargo_matcher::{Explanation, Hit, Query, ScreenOptions, DEFAULT_THRESHOLD};
use embargo_model::{DateSpec, EntityKind, Gender};
use embargo_store::Store;
use std::path::Path;
use std::process::ExitCode;

/// Raw flags of `embargo screen`, shared by single-name and batch screening.
#[derive(clap::Args)]
#[command(
    after_help = "Exit codes: 0 screened (with or without hits), 1 hits found and --fail-on-hit given, \
                        2 error.\nBatch screening (--input) is described in docs/batch.md."
)]
pub struct ScreenArgs {
    /// The name to screen (omit with --input).
    pub name: Option<String>,

    /// What the party is: person, organization, vessel or aircraft (FtM schema names such as
    /// Company or LegalEntity are accepted). With --input: one kind for every record.
    #[arg(long, value_name = "KIND")]
    pub kind: Option<String>,

    /// Date of birth or incorporation ("1964", "1964-03-12", "circa 1964"); repeatable.
    #[arg(long, value_name = "DATE")]
    pub dob: Vec<String>,

    /// Country of nationality, residence or registration (name or ISO code); repeatable.
    #[arg(long, value_name = "COUNTRY")]
    pub country: Vec<String>,

    /// An identifier (passport, tax id, IMO ...); repeatable.
    #[arg(long = "id", value_name = "ID")]
    pub identifiers: Vec<String>,

    /// Gender of a person (male, female).
    #[arg(long)]
    pub gender: Option<String>,

    /// Screen only against these lists (ids as `embargo lists` shows them).
    #[arg(long, value_name = "LIST,...", value_delimiter = ',')]
    pub lists: Vec<String>,

    /// Hits scoring below this are not shown (0..1). Default: the matcher's default threshold.
    #[arg(long, value_name = "T")]
    pub threshold: Option<f64>,

    /// At most this many hits per name (default 10).
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,

    /// Explain each score: which token met which, and what each attribute added.
    #[arg(long)]
    pub explain: bool,

    /// Output format: table or json for one name; csv or jsonl for --input (default: by the
    /// output file's extension).
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,

    /// Flags of batch screening (`--input FILE` and the column mapping); boxed to keep the
    /// command enum small.
    #[command(flatten)]
    pub batch: Box<super::batch::BatchArgs>,
}

/// How `embargo screen NAME` prints its hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SingleFormat {
    Table,
    Json,
}

pub fn run(data_dir: &Path, args: ScreenArgs) -> anyhow::Result<ExitCode> {
    if args.batch.input.is_some() {
        return super::batch::run(data_dir, args);
    }
    let Some(name) = args.name.as_deref() else {
        bail!("give a NAME to screen, or --input FILE to screen a file");
    };
    if name.trim().is_empty() {
        bail!("the name to screen is empty");
    }
    args.batch.reject_batch_only_flags()?;
    let format = match args.format.as_deref() {
        None | Some("table") => SingleFormat::Table,
        Some("json") => SingleFormat::Json,
        Some(other) => bail!("unknown --format {other:?}: expected table or json"),
    };
    let options = screen_options(&args)?;
    let query = Query {
        names: vec![name.to_owned()],
        kind: args.kind.as_deref().map(parse_kind).transpose()?,
        birth_dates: args.dob.iter().map(|d| DateSpec::parse(d)).collect(),
        countries: args.country.clone(),
        identifiers: args.identifiers.clone(),
        gender: args.gender.as_deref().map(parse_gender).transpose()?,
    };
    let snapshot = load_snapshot(data_dir, options.lists.as_deref())?;
    let hits = snapshot.screen(&query, &options);
    match format {
        SingleFormat::Table => print_table(&snapshot, &query, &hits),
        SingleFormat::Json => print_json(&snapshot, &query, &hits)?,
    }
    Ok(if args.batch.fail_on_hit && !hits.is_empty() { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// Validates the screening flags shared with batch screening.
pub fn screen_options(args: &ScreenArgs) -> anyhow::Result<ScreenOptions> {
    let threshold = args.threshold.unwrap_or(DEFAULT_THRESHOLD);
    if !(0.0..=1.0).contains(&threshold) {
        bail!("--threshold {threshold} is out of range: expected a score between 0 and 1");
    }
    let limit = args.limit.unwrap_or(10);
    if limit == 0 {
        bail!("--limit must be at least 1");
    }
    let lists: Vec<String> =
        args.lists.iter().map(|l| l.trim().to_owned()).filter(|l| !l.is_empty()).collect();
    Ok(ScreenOptions {
        threshold,
        limit,
        lists: if lists.is_empty() { None } else { Some(lists) },
        explain: args.explain,
    })
}

pub fn parse_kind(value: &str) -> anyhow::Result<EntityKind> {
    match EntityKind::parse(value) {
        Some(kind) if kind != EntityKind::Unknown => Ok(kind),
        _ => bail!(
            "unknown kind {value:?}: expected person, organization, vessel or aircraft \
             (or an FtM schema: Person, Company, Organization, LegalEntity, Vessel, Airplane)"
        ),
    }
}

fn parse_gender(value: &str) -> anyhow::Result<Gender> {
    match Gender::parse(value) {
        Some(g @ (Gender::Male | Gender::Female)) => Ok(g),
        _ => bail!("unknown gender {value:?}: expected male or female"),
    }
}

/// Opens the store and indexes the active versions of `lists` (all when `None`), failing with
/// a useful message when nothing (or not what was asked for) is imported.
pub fn load_snapshot(data_dir: &Path, lists: Option<&[String]>) -> anyhow::Result<Snapshot> {
    let store =
        Store::open(data_dir).with_context(|| format!("opening the store in {}", data_dir.display()))?;
    let available = store.lists().context("reading the list versions")?;
    if available.is_empty() {
        bail!("no list is imported in {}: run `embargo import` or `embargo sync` first", data_dir.display());
    }
    if let Some(wanted) = lists {
        let unknown: Vec<&String> =
            wanted.iter().filter(|w| !available.iter().any(|v| &v.list == *w)).collect();
        if !unknown.is_empty() {
            let known: Vec<&str> = available.iter().map(|v| v.list.as_str()).collect();
            bail!("unknown list(s) {unknown:?}: the store holds {}", known.join(", "));
        }
    }
    Snapshot::load(&store, lists).context("loading the lists")
}

fn list_version(snapshot: &Snapshot, hit: &Hit) -> String {
    let list = &hit.entity.provenance.list;
    if !hit.entity.provenance.list_version.is_empty() {
        return hit.entity.provenance.list_version.clone();
    }
    snapshot.version_of(list).map(|v| v.to_string()).unwrap_or_else(|| "?".into())
}

fn print_table(snapshot: &Snapshot, query: &Query, hits: &[Hit]) {
    let name = query.names.first().map(String::as_str).unwrap_or("");
    if hits.is_empty() {
        println!("no hit for {name:?} ({} entities screened)", snapshot.index.len());
        return;
    }
    let rows: Vec<[String; 5]> = hits
        .iter()
        .map(|h| {
            [
                format!("{:.3}", h.score),
                format!("{}@{}", h.entity.provenance.list, list_version(snapshot, h)),
                h.entity.id.clone(),
                h.entity.kind.as_str().to_owned(),
                h.matched_name.clone(),
            ]
        })
        .collect();
    let header = ["SCORE", "LIST", "ENTITY", "KIND", "MATCHED NAME"];
    let mut widths = header.map(|h| h.chars().count());
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: &[&str]| {
        let mut out = String::new();
        for (i, cell) in cells.iter().enumerate() {
            if i + 1 < cells.len() {
                out.push_str(&format!("{cell:<width$}  ", width = widths[i]));
            } else {
                out.push_str(cell);
            }
        }
        println!("{}", out.trim_end());
    };
    line(&header);
    for (row, hit) in rows.iter().zip(hits) {
        line(&row.each_ref().map(String::as_str));
        let caption = hit.entity.caption();
        if caption != hit.matched_name {
            println!("{:indent$}(listed as {caption})", "", indent = widths[0] + 2);
        }
        if let Some(explanation) = &hit.explanation {
            print_explanation(explanation, widths[0] + 2);
        }
    }
}

/// Prints an explanation tree, one node a line, children indented under their parent.
fn print_explanation(node: &Explanation, indent: usize) {
    println!("{:indent$}{:+.3}  {}", "", node.value, node.why, indent = indent);
    for child in &node.children {
        print_explanation(child, indent + 4);
    }
}

fn print_json(snapshot: &Snapshot, query: &Query, hits: &[Hit]) -> anyhow::Result<()> {
    let hits: Vec<serde_json::Value> = hits
        .iter()
        .map(|h| {
            serde_json::json!({
                "score": h.score,
                "entity_id": h.entity.id,
                "list": h.entity.provenance.list,
                "list_version": list_version(snapshot, h),
                "kind": h.entity.kind,
                "caption": h.entity.caption(),
                "matched_name": h.matched_name,
                "query_name": h.query_name,
                "explanation": h.explanation,
            })
        })
        .collect();
    let lists: Vec<String> = snapshot.lists.iter().map(|v| format!("{}@{}", v.list, v.version)).collect();
    let doc = serde_json::json!({ "query": query, "lists": lists, "hits": hits });
    println!("{}", serde_json::to_string_pretty(&doc)?);
    Ok(())
}
