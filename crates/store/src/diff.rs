//! What changed between two versions of a list. Entities are compared by body id first (equal
//! bodies are stored once, so equal ids mean equal records); only
//! the changed ones are parsed, to name the fields that differ.

use crate::StoreError;
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{BTreeSet, HashMap};

/// An entity named in a diff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntitySummary {
    pub id: String,
    pub kind: String,
    pub caption: String,
}

/// An entity present in both versions whose record differs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangedEntity {
    pub id: String,
    /// The caption in the newer version.
    pub caption: String,
    /// The fields that differ (`names`, `addresses`, `provenance.references`, ...), sorted.
    pub fields: Vec<String>,
}

/// Entities added, removed and changed from version `from` to version `to` of `list`, each
/// sorted by id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diff {
    pub list: String,
    pub from: u32,
    pub to: u32,
    pub added: Vec<EntitySummary>,
    pub removed: Vec<EntitySummary>,
    pub changed: Vec<ChangedEntity>,
}

struct Row {
    body: i64,
    kind: String,
    caption: String,
}

fn version_rows(conn: &Connection, list: &str, version: u32) -> Result<HashMap<String, Row>, StoreError> {
    let exists: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM list_versions WHERE list = ?1 AND version = ?2)",
        params![list, version],
        |r| r.get(0),
    )?;
    if !exists {
        return Err(StoreError::VersionNotFound { list: list.to_owned(), version });
    }
    let mut stmt = conn.prepare(
        "SELECT entity_id, body, kind, caption FROM version_entities WHERE list = ?1 AND version = ?2",
    )?;
    let rows = stmt.query_map(params![list, version], |r| {
        Ok((r.get::<_, String>(0)?, Row { body: r.get(1)?, kind: r.get(2)?, caption: r.get(3)? }))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn body(conn: &Connection, id: i64) -> Result<Value, StoreError> {
    let text: String = conn.query_row("SELECT body FROM entity_bodies WHERE id = ?1", [id], |r| r.get(0))?;
    serde_json::from_str(&text)
        .map_err(|e| StoreError::Corrupt(format!("a stored entity body is unreadable: {e}")))
}

pub(crate) fn diff(conn: &Connection, list: &str, from: u32, to: u32) -> Result<Diff, StoreError> {
    let old = version_rows(conn, list, from)?;
    let new = version_rows(conn, list, to)?;
    let summary = |id: &String, row: &Row| EntitySummary {
        id: id.clone(),
        kind: row.kind.clone(),
        caption: row.caption.clone(),
    };
    let mut added: Vec<EntitySummary> =
        new.iter().filter(|(id, _)| !old.contains_key(*id)).map(|(id, row)| summary(id, row)).collect();
    let mut removed: Vec<EntitySummary> =
        old.iter().filter(|(id, _)| !new.contains_key(*id)).map(|(id, row)| summary(id, row)).collect();
    let mut changed = Vec::new();
    for (id, now) in &new {
        let Some(before) = old.get(id) else { continue };
        if before.body == now.body {
            continue;
        }
        let fields = changed_fields(&body(conn, before.body)?, &body(conn, now.body)?);
        changed.push(ChangedEntity { id: id.clone(), caption: now.caption.clone(), fields });
    }
    added.sort_by(|a, b| a.id.cmp(&b.id));
    removed.sort_by(|a, b| a.id.cmp(&b.id));
    changed.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(Diff { list: list.to_owned(), from, to, added, removed, changed })
}

/// The top-level fields whose values differ; inside `provenance`, the sub-fields, since "the
/// provenance changed" says nothing useful.
pub(crate) fn changed_fields(before: &Value, after: &Value) -> Vec<String> {
    let mut fields = BTreeSet::new();
    compare_objects(before, after, "", &mut fields);
    fields.into_iter().collect()
}

fn compare_objects(before: &Value, after: &Value, prefix: &str, out: &mut BTreeSet<String>) {
    let empty = serde_json::Map::new();
    let a = before.as_object().unwrap_or(&empty);
    let b = after.as_object().unwrap_or(&empty);
    for key in a.keys().chain(b.keys()) {
        let (x, y) = (a.get(key), b.get(key));
        if x == y {
            continue;
        }
        let path = format!("{prefix}{key}");
        let both_objects = x.is_some_and(Value::is_object) && y.is_some_and(Value::is_object);
        if prefix.is_empty() && key == "provenance" && both_objects {
            compare_objects(x.unwrap_or(&Value::Null), y.unwrap_or(&Value::Null), "provenance.", out);
        } else {
            out.insert(path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::changed_fields;
    use serde_json::json;

    #[test]
    fn changed_fields_name_added_removed_and_nested_provenance_fields() {
        let before = json!({"id": "un:1", "names": ["A"], "gender": "male",
            "provenance": {"list": "un", "source_id": "1", "references": {"a": "1"}}});
        let after = json!({"id": "un:1", "names": ["A", "B"], "remarks": ["x"],
            "provenance": {"list": "un", "source_id": "1", "references": {"a": "2"}}});
        assert_eq!(changed_fields(&before, &after), ["gender", "names", "provenance.references", "remarks"]);
        assert!(changed_fields(&before, &before).is_empty());
    }
}
