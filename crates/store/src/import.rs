//! Importing one list version: hash the inputs, stream the reader's entities into one write
//! transaction, and make the new version active only when everything was read and its files
//! state a publication no older than the active version's.

use crate::{io_error, version_from_row, ListVersion, StoreError, VERSION_COLUMNS};
use embargo_model::Entity;
use embargo_readers::{Format, ListReader, Location, Warning};
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashSet};
use std::io::Read;
use std::path::{Path, PathBuf};

/// Whether an import made a new version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportStatus {
    /// A new version was stored and is now active.
    New,
    /// A new version was stored but left inactive: its files state an older publication date
    /// than the active version's ([`ImportOutcome::superseded_by`]), or none while the active
    /// version's is known, and an older publication never silently replaces a newer one,
    /// whatever the import order. It is kept for audits and diffs.
    Older,
    /// The files are byte for byte those of a version already stored (same sha256): nothing
    /// stored. That version is usually the active one; when it is an older one (a folder
    /// holding two publications of one list, imported again), the active version stays: old
    /// files never silently replace newer ones.
    Unchanged,
}

/// The result of [`crate::Store::import`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportOutcome {
    pub status: ImportStatus,
    /// The version made, or for [`ImportStatus::Unchanged`] the version that already holds
    /// these files (see its `active` flag).
    pub version: ListVersion,
    /// Entities by kind.
    pub kinds: BTreeMap<String, usize>,
    /// Every warning of the version (for `Unchanged`, those recorded when it was imported).
    pub warnings: Vec<Warning>,
    /// For [`ImportStatus::Older`]: the active version, whose publication is newer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub superseded_by: Option<ListVersion>,
}

/// Imports `files` with `reader` as a new version of the list the reader reports.
pub(crate) fn import(
    conn: &mut Connection,
    files: &[PathBuf],
    reader: &dyn ListReader,
) -> Result<ImportOutcome, StoreError> {
    if files.is_empty() {
        return Err(StoreError::ImportRefused("nothing to import: no input file given".to_owned()));
    }
    let sha256 = hash_inputs(files)?;
    let format = reader.format();
    // The same bytes read by the same fixed-format reader give the same list, so a known sha256
    // saves reading them. A custom CSV's list comes from its mapping: only after reading is it
    // known which list the files are for.
    if format != Format::CustomCsv {
        if let Some(existing) = version_with_sha(conn, &sha256, format.as_str(), None)? {
            return unchanged(conn, existing);
        }
    }

    // IMMEDIATE: take the write lock now rather than fail halfway when another import holds it.
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    tx.execute_batch(
        "CREATE TEMP TABLE IF NOT EXISTS staged_entities (
             seq INTEGER PRIMARY KEY,
             entity_id TEXT NOT NULL,
             body INTEGER NOT NULL,
             kind TEXT NOT NULL,
             caption TEXT NOT NULL
         );
         DELETE FROM temp.staged_entities;",
    )?;

    let mut store_warnings: Vec<Warning> = Vec::new();
    let mut first_list: Option<String> = None;
    let mut sink_error: Option<StoreError> = None;
    let read = {
        let mut insert_body = tx.prepare_cached(
            "INSERT INTO entity_bodies (hash, body) VALUES (?1, ?2) ON CONFLICT (hash) DO NOTHING",
        )?;
        let mut find_body = tx.prepare_cached("SELECT id FROM entity_bodies WHERE hash = ?1")?;
        let mut stage = tx.prepare_cached(
            "INSERT INTO temp.staged_entities (seq, entity_id, body, kind, caption) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        let mut seen: HashSet<String> = HashSet::new();
        let mut seq: i64 = 0;
        let mut body = Vec::with_capacity(4096);
        let mut sink = |mut entity: Entity| {
            if sink_error.is_some() {
                return;
            }
            match &first_list {
                None => first_list = Some(entity.provenance.list.clone()),
                Some(list) if *list != entity.provenance.list => {
                    sink_error = Some(StoreError::ImportRefused(format!(
                        "{}: the reader gave entities of two lists ({list} and {}), expected one list per import",
                        files[0].display(),
                        entity.provenance.list
                    )));
                    return;
                }
                Some(_) => {}
            }
            if !seen.insert(entity.id.clone()) {
                store_warnings.push(Warning {
                    file: files[0].clone(),
                    location: Location::File,
                    message: format!("entity {} appears twice; the later record was ignored", entity.id),
                });
                return;
            }
            // The version is the store's to assign; the body must not depend on it, so that an
            // entity unchanged across versions hashes the same.
            entity.provenance.list_version.clear();
            body.clear();
            if let Err(e) = serde_json::to_writer(&mut body, &entity) {
                sink_error =
                    Some(StoreError::Corrupt(format!("entity {} cannot be serialised: {e}", entity.id)));
                return;
            }
            let hash: [u8; 32] = Sha256::digest(&body).into();
            // serde_json writes valid UTF-8.
            let text = std::str::from_utf8(&body).unwrap_or_default();
            seq += 1;
            let result = insert_body
                .execute(params![&hash[..], text])
                .and_then(|inserted| match inserted {
                    1 => Ok(tx.last_insert_rowid()),
                    _ => find_body.query_row([&hash[..]], |r| r.get::<_, i64>(0)),
                })
                .and_then(|body_id| {
                    stage.execute(params![seq, entity.id, body_id, entity.kind_label(), entity.caption()])
                });
            if let Err(e) = result {
                sink_error = Some(e.into());
            }
        };
        reader.read(files, &mut sink)
    };
    let report = read?;
    if let Some(err) = sink_error {
        return Err(err);
    }
    if report.entities == 0 {
        return Err(StoreError::ImportRefused(format!(
            "{}: the reader found no entities; an empty list is refused so that the previous version \
             stays active",
            files[0].display()
        )));
    }
    if let Some(list) = &first_list {
        if *list != report.list {
            return Err(StoreError::ImportRefused(format!(
                "{}: the reader reported list {} but its entities belong to {list}",
                files[0].display(),
                report.list
            )));
        }
    }

    let list = report.list.clone();
    if let Some(existing) = version_with_sha(&tx, &sha256, format.as_str(), Some(&list))? {
        return unchanged(&tx, existing);
    }
    let version: u32 = tx.query_row(
        "SELECT COALESCE(MAX(version), 0) + 1 FROM list_versions WHERE list = ?1",
        [&list],
        |r| r.get(0),
    )?;
    let stored: usize =
        tx.query_row("SELECT COUNT(*) FROM temp.staged_entities", [], |r| r.get::<_, i64>(0))? as usize;
    let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
    {
        let mut stmt = tx.prepare("SELECT kind, COUNT(*) FROM temp.staged_entities GROUP BY kind")?;
        for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))? {
            let (kind, n) = row?;
            kinds.insert(kind, n as usize);
        }
    }
    let mut warnings = report.warnings;
    warnings.extend(store_warnings);
    let to_json = |what: &str, r: serde_json::Result<String>| {
        r.map_err(|e| StoreError::Corrupt(format!("cannot serialise the {what} of the import: {e}")))
    };
    let warnings_json = to_json("warnings", serde_json::to_string(&warnings))?;
    let kinds_json = to_json("kind counts", serde_json::to_string(&kinds))?;
    let files_json = to_json("file names", serde_json::to_string(files))?;
    let imported_at = format!("{:.0}", jiff::Timestamp::now());
    let publication_date = report.publication_date.map(|d| d.to_string());

    // The publication the files state decides which version is in force, not the import order:
    // files of an older date, or of no date when the active version's is known (they cannot be
    // shown to be newer), are stored inactive. Between undated versions, the last import wins.
    let newer_active = active_version(&tx, &list)?.filter(|active| {
        match (report.publication_date, active.publication_date) {
            (Some(new), Some(old)) => new < old,
            (None, Some(_)) => true,
            (_, None) => false,
        }
    });
    let active = newer_active.is_none();
    if active {
        tx.execute("UPDATE list_versions SET active = 0 WHERE list = ?1 AND active = 1", [&list])?;
    }
    tx.execute(
        "INSERT INTO list_versions (list, version, publisher, format, publication_date, imported_at, sha256,
             entities, kinds, warning_count, warnings, files, reader_version, active)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        params![
            list,
            version,
            report.publisher,
            format.as_str(),
            publication_date,
            imported_at,
            sha256,
            stored as i64,
            kinds_json,
            warnings.len() as i64,
            warnings_json,
            files_json,
            report.reader_version,
            active,
        ],
    )?;
    tx.execute(
        "INSERT INTO version_entities (list, version, seq, entity_id, body, kind, caption)
         SELECT ?1, ?2, seq, entity_id, body, kind, caption FROM temp.staged_entities",
        params![list, version],
    )?;
    tx.execute("DELETE FROM temp.staged_entities", [])?;
    tx.commit()?;

    let version = ListVersion {
        list,
        version,
        publisher: report.publisher,
        format: format.as_str().to_owned(),
        publication_date: report.publication_date,
        imported_at,
        sha256,
        entities: stored,
        warnings: warnings.len(),
        reader_version: report.reader_version,
        active,
    };
    let status = if active { ImportStatus::New } else { ImportStatus::Older };
    Ok(ImportOutcome { status, version, kinds, warnings, superseded_by: newer_active })
}

/// The active version of `list`, if any.
fn active_version(conn: &Connection, list: &str) -> Result<Option<ListVersion>, StoreError> {
    Ok(conn
        .query_row(
            &format!("SELECT {VERSION_COLUMNS} FROM list_versions WHERE list = ?1 AND active = 1"),
            [list],
            version_from_row,
        )
        .optional()?)
}

/// The version made from the same input bytes with the same format (of `list`, when given):
/// the active one if it is, else the latest.
fn version_with_sha(
    conn: &Connection,
    sha256: &str,
    format: &str,
    list: Option<&str>,
) -> Result<Option<ListVersion>, StoreError> {
    Ok(conn
        .query_row(
            &format!(
                "SELECT {VERSION_COLUMNS} FROM list_versions
                 WHERE sha256 = ?1 AND format = ?2 AND (?3 IS NULL OR list = ?3)
                 ORDER BY active DESC, version DESC LIMIT 1"
            ),
            params![sha256, format, list],
            version_from_row,
        )
        .optional()?)
}

fn unchanged(conn: &Connection, version: ListVersion) -> Result<ImportOutcome, StoreError> {
    let (kinds, warnings): (String, String) = conn.query_row(
        "SELECT kinds, warnings FROM list_versions WHERE list = ?1 AND version = ?2",
        params![version.list, version.version],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let corrupt = |e: serde_json::Error| {
        StoreError::Corrupt(format!(
            "stored details of {} version {} are unreadable: {e}",
            version.list, version.version
        ))
    };
    Ok(ImportOutcome {
        status: ImportStatus::Unchanged,
        kinds: serde_json::from_str(&kinds).map_err(corrupt)?,
        warnings: serde_json::from_str(&warnings).map_err(corrupt)?,
        version,
        superseded_by: None,
    })
}

/// sha256 over the input files taken in file-name order (so `SDN.CSV ALT.CSV` and
/// `ALT.CSV SDN.CSV` are the same input), each as its name, its length and its bytes.
pub(crate) fn hash_inputs(files: &[PathBuf]) -> Result<String, StoreError> {
    let mut sorted: Vec<&PathBuf> = files.iter().collect();
    sorted.sort_by_key(|p| p.file_name().map(|n| n.to_owned()));
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    for path in sorted {
        hash_file(&mut hasher, path, &mut buf).map_err(|e| io_error(path, e))?;
    }
    Ok(hex(&hasher.finalize()))
}

fn hash_file(hasher: &mut Sha256, path: &Path, buf: &mut [u8]) -> std::io::Result<()> {
    let mut file = std::fs::File::open(path)?;
    let len = file.metadata()?.len();
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    hasher.update(name.as_bytes());
    hasher.update([0]);
    hasher.update(len.to_le_bytes());
    loop {
        let n = file.read(buf)?;
        if n == 0 {
            return Ok(());
        }
        hasher.update(&buf[..n]);
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
