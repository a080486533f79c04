//! `embargo show ID`: one entity of an active list version, every field, with its provenance.
//!
//! The text form walks the entity's JSON rather than its Rust fields, so a field added to the
//! model later is shown without touching this file.

use crate::args::{ShowArgs, ShowFormat};
use crate::output::{outln, write_stdout};
use anyhow::Context;
use embargo_store::{Store, StoreError};
use serde_json::{Map, Value};
use std::path::Path;
use std::process::ExitCode;

pub fn run(data_dir: &Path, args: ShowArgs) -> anyhow::Result<ExitCode> {
    let store =
        Store::open(data_dir).with_context(|| format!("cannot open the store in {}", data_dir.display()))?;
    let found = match args.version {
        Some(version) => {
            let list = args.id.split_once(':').map(|(list, _)| list).with_context(|| {
                format!("{:?} is not an entity id: expected `list:publisher id`, e.g. `un:IRi.003`", args.id)
            })?;
            store.entity_in_version(&args.id, list, version)
        }
        None => store.entity(&args.id),
    };
    let entity = match found {
        Ok(entity) => entity,
        Err(StoreError::EntityNotFound(_)) => {
            eprintln!("embargo: error: no entity {:?} in {}", args.id, where_(args.version));
            return Ok(ExitCode::from(1));
        }
        Err(err) => return Err(err.into()),
    };
    let mut out = String::new();
    let details = store.version_details(&entity.provenance.list, entity.provenance.list_version.parse()?)?;
    match args.format {
        ShowFormat::Json => {
            let json = serde_json::json!({ "entity": entity, "list_version": details.version });
            outln!(out, "{}", serde_json::to_string_pretty(&json)?);
        }
        ShowFormat::Text => {
            let v = &details.version;
            outln!(out, "{}  {}  {}", entity.id, entity.kind, entity.caption());
            let value = serde_json::to_value(&entity)?;
            let object = value.as_object().cloned().unwrap_or_default();
            // The model's order; a field it gains later is shown after these, by name.
            let known = FIELD_ORDER.iter().filter_map(|k| object.get_key_value(*k));
            let others = object.iter().filter(|(k, _)| !FIELD_ORDER.contains(&k.as_str()));
            for (key, field) in known.chain(others) {
                if key == "id" || key == "kind" || key == "provenance" {
                    continue;
                }
                print_field(&mut out, key, field, 0);
            }
            let published =
                v.publication_date.map(|d| d.to_string()).unwrap_or_else(|| "not stated".to_owned());
            outln!(out, "provenance:");
            outln!(out, "  list: {} ({}, {})", v.list, v.publisher, v.format);
            outln!(
                out,
                "  version: {}{} (published {published}, imported {}, sha256 {})",
                v.version,
                if v.active { ", active" } else { "" },
                v.imported_at,
                v.sha256
            );
            outln!(out, "  source id: {}", entity.provenance.source_id);
            for (name, reference) in &entity.provenance.references {
                outln!(out, "  reference {name}: {reference}");
            }
        }
    }
    write_stdout(&out)?;
    Ok(ExitCode::SUCCESS)
}

/// The entity fields in the order of the model, for reading.
const FIELD_ORDER: [&str; 18] = [
    "names",
    "gender",
    "titles",
    "positions",
    "birth_dates",
    "birth_places",
    "nationalities",
    "citizenships",
    "countries",
    "addresses",
    "identifiers",
    "programs",
    "listed_on",
    "last_updated",
    "relations",
    "remarks",
    "extra",
    "provenance",
];

fn where_(version: Option<u32>) -> String {
    match version {
        Some(v) => format!("version {v} of its list"),
        None => "the active list versions (embargo lists shows them)".to_owned(),
    }
}

fn print_field(out: &mut String, key: &str, value: &Value, depth: usize) {
    let pad = "  ".repeat(depth);
    match value {
        Value::Array(items) => {
            outln!(out, "{pad}{key}:");
            for item in items {
                outln!(out, "{pad}  - {}", inline(item));
            }
        }
        Value::Object(map) if !is_date(map) => {
            outln!(out, "{pad}{key}:");
            for (k, v) in map {
                print_field(out, k, v, depth + 1);
            }
        }
        other => outln!(out, "{pad}{key}: {}", inline(other)),
    }
}

/// `{year, month, day}`: a partial date.
fn is_date(map: &Map<String, Value>) -> bool {
    map.contains_key("year") && map.keys().all(|k| matches!(k.as_str(), "year" | "month" | "day"))
}

/// One value on one line: an object shows its main text (`full`, `value`, `name`, `raw`) and
/// then its other fields in parentheses.
fn inline(value: &Value) -> String {
    match value {
        Value::Null => "-".to_owned(),
        Value::String(s) => s.clone(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::Array(items) => items.iter().map(inline).collect::<Vec<_>>().join("; "),
        Value::Object(map) if is_date(map) => {
            let part = |k: &str| map.get(k).and_then(Value::as_u64);
            let mut text = format!("{:04}", part("year").unwrap_or(0));
            if let Some(m) = part("month") {
                text.push_str(&format!("-{m:02}"));
                if let Some(d) = part("day") {
                    text.push_str(&format!("-{d:02}"));
                }
            }
            text
        }
        Value::Object(map) => {
            let main = ["full", "value", "name", "raw"]
                .into_iter()
                .find(|k| map.get(*k).is_some_and(Value::is_string));
            // What kind of name or identifier this is reads first; the details after.
            let mut shown: Vec<(&String, &Value)> = map
                .iter()
                .filter(|(k, v)| Some(k.as_str()) != main && !matches!(v, Value::Bool(false) | Value::Null))
                .collect();
            shown.sort_by_key(|(k, _)| !matches!(k.as_str(), "role" | "kind"));
            let rest: Vec<String> = shown.iter().map(|(k, v)| format!("{k}: {}", inline(v))).collect();
            match (main.and_then(|k| map.get(k)).and_then(Value::as_str), rest.is_empty()) {
                (Some(text), true) => text.to_owned(),
                (Some(text), false) => format!("{text} ({})", rest.join(", ")),
                (None, _) => rest.join(", "),
            }
        }
    }
}
