//! OFAC's legacy CSV files: the SDN set (`SDN.CSV` with `ALT.CSV`, `ADD.CSV`,
//! `SDN_COMMENTS.CSV`) and the Consolidated non-SDN set (`CONS_PRIM.CSV`, `CONS_ALT.CSV`,
//! `CONS_ADD.CSV`, `CONS_COMMENTS.CSV`).
//!
//! Each file's role comes from its name (case-insensitive); only the primary file is required.
//! A folder stands for the OFAC files in it. The files are Latin-1 (a field that is valid UTF-8
//! is read as such) without a header row; `-0- ` is OFAC's null and the last byte may be the
//! DOS end-of-file mark 0x1A. `SDN.CSV` has 12 columns: ent_num, name, type, programs, title,
//! call sign, vessel type, tonnage, GRT, vessel flag, vessel owner, remarks. Remarks are cut at
//! 1000 characters, the rest continuing in the comments file, so a comment is appended to its
//! entry's remarks before `ofac/remarks.rs` parses them.
//!
//! The remarks as published are kept in [`Entity::extra`] under `Remarks`; each remark segment
//! that no rule reads is kept verbatim in [`Entity::remarks`].
//!
//! Rows of the companion files whose ent_num is absent from the primary file (OFAC's files of
//! different dates mixed) are counted and reported as one warning per file, never an error.
//! "Linked To:" relations and vessel owners are resolved to entity ids when they name exactly
//! one primary name of the same file; that takes a first, light pass over the primary file
//! (ids and names only), so that entities still stream out one by one on the second.
//!
//! ```no_run
//! use embargo_readers::{ofac_csv::OfacCsvReader, ListReader};
//! use std::path::PathBuf;
//!
//! let files = [PathBuf::from("SDN.CSV"), PathBuf::from("ALT.CSV")];
//! let report = OfacCsvReader.read(&files, &mut |e| println!("{}", e.caption())).unwrap();
//! assert_eq!(report.list, "ofac-sdn");
//! ```

use crate::ofac::{self, remarks::RemarkParser};
use crate::{Format, ListReader, Location, ReadError, ReadReport, MAX_FIELD_BYTES};
use embargo_model::{Address, Entity, EntityKind, IdKind, Identifier, Name, NameRole, Relation};
use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// Reads an OFAC legacy CSV set.
pub struct OfacCsvReader;

/// What a file of the set holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Primary,
    Aliases,
    Addresses,
    Comments,
}

impl Role {
    fn columns(self) -> usize {
        match self {
            Role::Primary => 12,
            Role::Aliases => 5,
            Role::Addresses => 6,
            Role::Comments => 2,
        }
    }
}

/// The file names of the two sets, by role.
const FILE_NAMES: [(&str, &str, Role); 8] = [
    ("SDN.CSV", ofac::SDN_LIST, Role::Primary),
    ("ALT.CSV", ofac::SDN_LIST, Role::Aliases),
    ("ADD.CSV", ofac::SDN_LIST, Role::Addresses),
    ("SDN_COMMENTS.CSV", ofac::SDN_LIST, Role::Comments),
    ("CONS_PRIM.CSV", ofac::CONS_LIST, Role::Primary),
    ("CONS_ALT.CSV", ofac::CONS_LIST, Role::Aliases),
    ("CONS_ADD.CSV", ofac::CONS_LIST, Role::Addresses),
    ("CONS_COMMENTS.CSV", ofac::CONS_LIST, Role::Comments),
];

/// OFAC cuts the remarks column at this many characters and continues it in the comments file.
const REMARKS_LIMIT: usize = 1000;

/// How many ent_nums a warning names.
const UNJOINED_SHOWN: usize = 5;

fn role_of(path: &Path) -> Result<(&'static str, Role), ReadError> {
    let name = path.file_name().map(|n| n.to_string_lossy().to_ascii_uppercase()).unwrap_or_default();
    FILE_NAMES.iter().find(|(file, _, _)| *file == name).map(|(_, list, role)| (*list, *role)).ok_or_else(
        || {
            ReadError::new(
                path,
                Location::File,
                "an OFAC file name: SDN.CSV, ALT.CSV, ADD.CSV, SDN_COMMENTS.CSV or CONS_PRIM.CSV, \
                 CONS_ALT.CSV, CONS_ADD.CSV, CONS_COMMENTS.CSV",
                format!("cannot tell the role of {name:?} from its name"),
            )
        },
    )
}

impl ListReader for OfacCsvReader {
    fn format(&self) -> Format {
        Format::OfacCsv
    }

    fn read(&self, files: &[PathBuf], sink: &mut dyn FnMut(Entity)) -> Result<ReadReport, ReadError> {
        let set = FileSet::classify(files)?;
        let mut report = ReadReport::new(set.list, ofac::PUBLISHER, Format::OfacCsv);

        // Pass 1: ent_nums and primary names, for joins and "Linked To:" resolution.
        let mut ids: HashSet<u64> = HashSet::new();
        let mut names = ofac::PrimaryNames::default();
        for_each_row(&set.primary, Role::Primary, |line, row, _| {
            let ent_num = ent_num(&set.primary, line, &row[0])?;
            if !ids.insert(ent_num) {
                return Err(ReadError::new(
                    &set.primary,
                    Location::Line(line),
                    "a unique ent_num",
                    format!("ent_num {ent_num} appears twice"),
                ));
            }
            names.insert(&row[1], &ent_num.to_string());
            Ok(())
        })?;

        let mut joins = Joins::default();
        for (path, role) in &set.companions {
            joins.read(path, *role, &ids, &mut report)?;
        }

        // Pass 2: one entity per primary row, joined with its companion rows.
        let mut parser = RemarkParser::default();
        let mut cut_remarks = Vec::new();
        let list = set.list;
        for_each_row(&set.primary, Role::Primary, |line, mut row, raw| {
            let ent_num = ent_num(&set.primary, line, &row[0])?;
            let kind = ofac::kind_of(&row[2]).ok_or_else(|| {
                ReadError::new(
                    &set.primary,
                    Location::Line(line),
                    "an SDN_Type of individual, vessel, aircraft or -0-",
                    format!("found {:?}", row[2]),
                )
            })?;
            let mut remarks = std::mem::take(&mut row[11]);
            let cut = match joins.comments.remove(&ent_num) {
                Some(rest) => {
                    remarks.push_str(&rest);
                    false
                }
                // A remark filling the column (one byte per Latin-1 character) was cut.
                None => raw.get(11).is_some_and(|published| published.len() >= REMARKS_LIMIT),
            };
            if cut {
                cut_remarks.push(ent_num);
            }
            let mut entity = build_entity(list, ent_num, kind, &row, &remarks, cut, &mut parser);
            for alias in joins.aliases.remove(&ent_num).unwrap_or_default() {
                entity.push_name(alias.into_name(kind));
            }
            entity.addresses.extend(joins.addresses.remove(&ent_num).unwrap_or_default());
            for relation in &mut entity.relations {
                names.resolve(relation, list);
            }
            report.emit(entity, sink);
            Ok(())
        })?;
        if !cut_remarks.is_empty() {
            let shown: Vec<String> = cut_remarks.iter().take(UNJOINED_SHOWN).map(u64::to_string).collect();
            report.warn(
                &set.primary,
                Location::File,
                format!(
                    "{} entries have remarks cut at OFAC's {REMARKS_LIMIT}-character limit and no \
                     comment row continuing them; their last remark segment is kept verbatim \
                     (ent_num {}{})",
                    cut_remarks.len(),
                    shown.join(", "),
                    if cut_remarks.len() > shown.len() { ", ..." } else { "" }
                ),
            );
        }
        Ok(report)
    }
}

/// The files of one read, sorted by role.
struct FileSet {
    list: &'static str,
    primary: PathBuf,
    companions: Vec<(PathBuf, Role)>,
}

impl FileSet {
    fn classify(paths: &[PathBuf]) -> Result<FileSet, ReadError> {
        let files = expand_folders(paths)?;
        let Some(first) = files.first() else {
            return Err(ReadError::new(
                Path::new(""),
                Location::File,
                "SDN.CSV or CONS_PRIM.CSV",
                "no file given",
            ));
        };
        let mut list = None;
        let mut primary = None;
        let mut companions = Vec::new();
        for path in &files {
            let (file_list, role) = role_of(path)?;
            if list.is_some_and(|l| l != file_list) {
                return Err(ReadError::new(
                    path,
                    Location::File,
                    "files of one list (all SDN or all CONS_*)",
                    "SDN and Consolidated files given together",
                ));
            }
            list = Some(file_list);
            let taken =
                primary.is_some() && role == Role::Primary || companions.iter().any(|(_, r)| *r == role);
            if taken {
                return Err(ReadError::new(
                    path,
                    Location::File,
                    "one file per role",
                    "a second file of this role",
                ));
            }
            match role {
                Role::Primary => primary = Some(path.clone()),
                _ => companions.push((path.clone(), role)),
            }
        }
        let list = list.unwrap_or(ofac::SDN_LIST);
        let primary = primary.ok_or_else(|| {
            let expected = if list == ofac::SDN_LIST { "SDN.CSV" } else { "CONS_PRIM.CSV" };
            ReadError::new(
                first,
                Location::File,
                format!("{expected} among the files"),
                "primary file missing",
            )
        })?;
        Ok(FileSet { list, primary, companions })
    }
}

/// Replaces each folder among `paths` by the OFAC files in it (other files are left out), so
/// a folder as published, or the two folders of a mixed set, can be given as is.
fn expand_folders(paths: &[PathBuf]) -> Result<Vec<PathBuf>, ReadError> {
    let mut files = Vec::new();
    for path in paths {
        if !path.is_dir() {
            files.push(path.clone());
            continue;
        }
        let entries = std::fs::read_dir(path)
            .map_err(|e| ReadError::new(path, Location::File, "a readable folder", e.to_string()))?;
        let mut found: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file() && role_of(p).is_ok())
            .collect();
        if found.is_empty() {
            return Err(ReadError::new(path, Location::File, "OFAC CSV files in the folder", "none found"));
        }
        found.sort();
        files.extend(found);
    }
    Ok(files)
}

/// Companion rows waiting for their primary row, by ent_num.
#[derive(Default)]
struct Joins {
    aliases: HashMap<u64, Vec<AliasRow>>,
    addresses: HashMap<u64, Vec<Address>>,
    comments: HashMap<u64, String>,
}

struct AliasRow {
    alt_type: String,
    name: String,
    remarks: String,
}

impl AliasRow {
    fn into_name(self, kind: EntityKind) -> Name {
        let role = match self.alt_type.to_ascii_lowercase().trim_end_matches('.') {
            "fka" | "f.k.a" => NameRole::FormerName,
            _ => NameRole::StrongAlias,
        };
        let mut name = Name::new(self.name, role);
        if kind == EntityKind::Person {
            name.parts = ofac::name_parts(&name.full);
        }
        let note = [self.alt_type, self.remarks].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>();
        name.note = (!note.is_empty()).then(|| note.join("; "));
        name
    }
}

impl Joins {
    fn read(
        &mut self,
        path: &Path,
        role: Role,
        ids: &HashSet<u64>,
        report: &mut ReadReport,
    ) -> Result<(), ReadError> {
        let mut unjoined = 0usize;
        let mut shown = Vec::new();
        let mut missing = HashSet::new();
        let mut first_line = None;
        for_each_row(path, role, |line, mut row, _| {
            let ent_num = ent_num(path, line, &row[0])?;
            if !ids.contains(&ent_num) {
                unjoined += 1;
                missing.insert(ent_num);
                first_line.get_or_insert(line);
                if shown.len() < UNJOINED_SHOWN && !shown.contains(&ent_num) {
                    shown.push(ent_num);
                }
                return Ok(());
            }
            match role {
                Role::Aliases => self.aliases.entry(ent_num).or_default().push(AliasRow {
                    alt_type: std::mem::take(&mut row[2]),
                    name: std::mem::take(&mut row[3]),
                    remarks: std::mem::take(&mut row[4]),
                }),
                Role::Addresses => {
                    if let Some(address) = address(&row) {
                        self.addresses.entry(ent_num).or_default().push(address);
                    }
                }
                Role::Comments => self.comments.entry(ent_num).or_default().push_str(&row[1]),
                Role::Primary => {}
            }
            Ok(())
        })?;
        if unjoined > 0 {
            let more = if missing.len() > shown.len() { ", ..." } else { "" };
            report.warn(
                path,
                Location::Line(first_line.unwrap_or(1)),
                format!(
                    "{unjoined} rows name one of {} ent_nums absent from the primary file and were \
                     skipped (ent_num {}{more})",
                    missing.len(),
                    shown.iter().map(u64::to_string).collect::<Vec<_>>().join(", ")
                ),
            );
        }
        Ok(())
    }
}

/// An `ADD.CSV` row: ent_num, add_num, address, city/state/postal code, country, remarks.
fn address(row: &[String]) -> Option<Address> {
    let full =
        [&row[2], &row[3], &row[4]].iter().filter(|s| !s.is_empty()).map(|s| s.as_str()).collect::<Vec<_>>();
    if full.is_empty() && row[5].is_empty() {
        return None;
    }
    let some = |s: &String| (!s.is_empty()).then(|| s.clone());
    Some(Address {
        full: full.join(", "),
        street: some(&row[2]),
        // OFAC's one column "City/State/Province/Postal Code"; the city comes first.
        city: some(&row[3]),
        region: None,
        postal_code: None,
        country: (!row[4].is_empty()).then(|| embargo_model::Country::from_published(&row[4])),
        note: some(&row[5]),
    })
}

fn build_entity(
    list: &str,
    ent_num: u64,
    kind: EntityKind,
    row: &[String],
    remarks: &str,
    cut: bool,
    parser: &mut RemarkParser,
) -> Entity {
    let mut entity = Entity::new(list, &ent_num.to_string(), kind);
    entity.provenance.references.insert("ofac_ent_num".to_owned(), ent_num.to_string());
    let mut primary = Name::new(row[1].clone(), NameRole::Primary);
    if kind == EntityKind::Person {
        primary.parts = ofac::name_parts(&primary.full);
    }
    entity.push_name(primary);
    entity.programs = ofac::programs(&row[3]);
    // Several titles are joined with "; " like remark segments.
    entity.titles.extend(row[4].split("; ").map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned));
    if !row[5].is_empty() {
        entity.identifiers.push(Identifier::new(IdKind::CallSign, row[5].clone()));
    }
    entity.push_extra("Vessel Type", row[6].clone());
    entity.push_extra("Tonnage", row[7].clone());
    entity.push_extra("GRT", row[8].clone());
    if !row[9].is_empty() {
        entity.push_extra("Vessel Flag", row[9].clone());
        let flag = parser.country(&row[9]);
        entity.countries.push(flag);
    }
    if !row[10].is_empty() {
        entity.push_extra("Vessel Owner", row[10].clone());
        entity.relations.push(Relation {
            kind: "owned_by".to_owned(),
            target_id: None,
            target_name: row[10].clone(),
        });
    }
    if !remarks.is_empty() {
        entity.push_extra("Remarks", remarks);
        parser.parse_into(remarks, &mut entity, cut);
    }
    entity
}

fn ent_num(path: &Path, line: u64, text: &str) -> Result<u64, ReadError> {
    text.trim().parse().map_err(|_| {
        ReadError::new(path, Location::Line(line), "a numeric ent_num in column 1", format!("found {text:?}"))
    })
}

/// A reader that refuses records larger than a bound, so a hostile file cannot make the CSV
/// parser buffer gigabytes, and remembers the last byte of the file, to tell a truncated file.
struct GuardedRead<R> {
    inner: R,
    since_record: usize,
    limit: usize,
    last_byte: Option<u8>,
}

impl<R: Read> Read for GuardedRead<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n > 0 {
            self.last_byte = Some(buf[n - 1]);
        }
        self.since_record += n;
        if self.since_record > self.limit {
            return Err(io::Error::other(RecordTooLarge));
        }
        Ok(n)
    }
}

#[derive(Debug)]
struct RecordTooLarge;

impl std::fmt::Display for RecordTooLarge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("record too large")
    }
}

impl std::error::Error for RecordTooLarge {}

/// OFAC's DOS end-of-file mark, the last byte of its files.
const EOF_MARK: u8 = 0x1A;

/// Streams the rows of `path`, checking each has the columns of `role`, decoding Latin-1 and
/// turning `-0-` nulls into empty strings. `on_row` gets the 1-based line number, the row and
/// the record as read (Latin-1 bytes, untrimmed).
fn for_each_row(
    path: &Path,
    role: Role,
    mut on_row: impl FnMut(u64, Vec<String>, &csv::ByteRecord) -> Result<(), ReadError>,
) -> Result<(), ReadError> {
    let columns = role.columns();
    let file = File::open(path)
        .map_err(|e| ReadError::new(path, Location::File, "a readable file", e.to_string()))?;
    let guard = GuardedRead {
        inner: file,
        since_record: 0,
        // A record may fill every column to the field limit, plus quotes and separators.
        limit: columns * (MAX_FIELD_BYTES + 3) + 2,
        last_byte: None,
    };
    // Records end at '\n' only: csv's default CRLF handling counts a line late, and the '\r'
    // left at the end of the last field is trimmed like OFAC's other padding.
    let mut csv = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .terminator(csv::Terminator::Any(b'\n'))
        .from_reader(guard);
    let mut record = csv::ByteRecord::new();
    let mut records = 0u64;
    let mut eof_mark_at: Option<u64> = None;
    loop {
        let start = csv.position().byte();
        match csv.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                let (location, expected, message) = match e.kind() {
                    csv::ErrorKind::Io(io) if io.get_ref().is_some_and(|i| i.is::<RecordTooLarge>()) => (
                        Location::Byte(start),
                        format!("a record of {columns} fields of at most {MAX_FIELD_BYTES} bytes each"),
                        "record too large".to_owned(),
                    ),
                    _ => (Location::Byte(start), "a readable CSV record".to_owned(), e.to_string()),
                };
                return Err(ReadError::new(path, location, expected, message));
            }
        }
        csv.get_mut().since_record = 0;
        let line = record.position().map_or(0, |p| p.line());
        if record.len() == 1 && record[0] == [EOF_MARK] {
            eof_mark_at = Some(line);
            continue;
        }
        if let Some(mark) = eof_mark_at {
            return Err(ReadError::new(
                path,
                Location::Line(line),
                "nothing after the 0x1A end-of-file byte",
                format!("data follows the end-of-file byte of line {mark}"),
            ));
        }
        if record.len() != columns {
            return Err(ReadError::new(
                path,
                Location::Line(line),
                format!("{columns} columns"),
                format!("found {} columns", record.len()),
            ));
        }
        let mut row = Vec::with_capacity(columns);
        for (column, field) in record.iter().enumerate() {
            if field.len() > MAX_FIELD_BYTES {
                return Err(ReadError::new(
                    path,
                    Location::Line(line),
                    format!("a field of at most {MAX_FIELD_BYTES} bytes"),
                    format!("column {} has {} bytes", column + 1, field.len()),
                ));
            }
            if field.contains(&0) {
                return Err(ReadError::new(
                    path,
                    Location::Line(line),
                    "Latin-1 text",
                    format!("column {} holds a NUL byte: a binary file?", column + 1),
                ));
            }
            row.push(latin1(field));
        }
        records += 1;
        on_row(line, row, &record)?;
    }
    let guard = csv.into_inner();
    if records == 0 {
        let what = if guard.last_byte.is_none() { "the file is empty" } else { "the file holds no record" };
        return Err(ReadError::new(
            path,
            Location::File,
            format!("at least one {columns}-column record"),
            what,
        ));
    }
    if !matches!(guard.last_byte, Some(b'\n' | b'\r' | EOF_MARK)) {
        let size = std::fs::metadata(path).map_or(0, |m| m.len());
        return Err(ReadError::new(
            path,
            Location::Byte(size),
            "a line break or the 0x1A end-of-file byte at the end of the file",
            "the file ends inside a record: truncated?",
        ));
    }
    Ok(())
}

/// Decodes Latin-1 (every byte is the code point of the same value) and maps OFAC's null
/// `-0-` (written `-0- ` with a trailing space) to the empty string. A field that is valid
/// UTF-8 with non-ASCII characters is read as UTF-8: a file re-saved as UTF-8 keeps its
/// names, and Latin-1 names almost never form valid UTF-8 sequences (`Ñ` then `O` does not).
fn latin1(bytes: &[u8]) -> String {
    let text: String = match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => bytes.iter().map(|&b| b as char).collect(),
    };
    // A file may end with 0x1A right after its last field, without a line break.
    let text = text.trim_matches(|c: char| c.is_whitespace() || c == EOF_MARK as char);
    if text == "-0-" {
        String::new()
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin1_decodes_every_byte_and_nulls_vanish() {
        assert_eq!(latin1(b"-0- "), "");
        assert_eq!(latin1(b"MU\xd1OZ"), "MUÑOZ");
        assert_eq!(latin1("MUÑOZ".as_bytes()), "MUÑOZ", "a file re-saved as UTF-8");
        assert_eq!(latin1(b" ABC "), "ABC");
        assert_eq!(latin1(b"-0- \x1a"), "");
    }

    #[test]
    fn roles_come_from_file_names_in_any_case() {
        assert_eq!(role_of(Path::new("/x/sdn.csv")).unwrap(), (ofac::SDN_LIST, Role::Primary));
        assert_eq!(role_of(Path::new("Cons_Alt.CSV")).unwrap(), (ofac::CONS_LIST, Role::Aliases));
        assert!(role_of(Path::new("names.csv")).is_err());
    }
}
