//! A list of one's own: any CSV, read through a column mapping.
//!
//! A firm's blocklist, or a third party's export of an official list (such as the 2026 OFAC
//! names repackaged as `uid,name,type,programs,alternate_names`), has no fixed layout; a
//! [`Mapping`] says which column holds what. Mappings are TOML files (see
//! `config/mappings/ofac-sdn-kindrat86.toml`) or `key=value` pairs from the command line:
//!
//! ```toml
//! list = "ofac-sdn"               # list id: entity ids are `ofac-sdn:<id>`
//! publisher = "US Treasury OFAC"
//! publication_date_file = "metadata.json"  # a JSON file beside the CSV ...
//! publication_date_field = "published"     # ... whose field (dots for nesting) holds the date
//! # publication_date = "2026-08-20"        # or the date itself
//! delimiter = ","
//! id_column = "uid"
//! name_column = "name"
//! alias_columns = ["alternate_names"]
//! alias_separator = ";"
//! kind_column = "type"            # or a fixed `kind = "organization"`
//! programs_column = "programs"
//! programs_separator = ";"
//! dob_column = "dob"
//! country_columns = ["country"]
//! remarks_columns = ["notes"]
//!
//! [[identifiers]]
//! column = "passport"
//! kind = "passport"               # passport, national_id, tax_id, imo, ... or any label
//! ```
//!
//! A mapping that names a column the file lacks fails on the header, naming the columns the
//! file has; every later row must have as many cells as the header.
//!
//! The publication date matters when the CSV is an edition of a list also read from other
//! files (the 2026 repackaging of the SDN is a version of `ofac-sdn`, beside the 2024
//! `SDN.CSV`): the store keeps the newest publication in force whatever the import order. It is
//! given in the mapping or read from the publisher's metadata file beside the CSV; a metadata
//! file that is missing is a warning (no date), one that is unreadable or lacks the date is an
//! error naming it.
//!
//! ```no_run
//! use embargo_readers::custom_csv::{CustomCsvReader, Mapping};
//! use embargo_readers::ListReader;
//! use std::path::{Path, PathBuf};
//!
//! let mapping = Mapping::from_toml_file(Path::new("config/mappings/ofac-sdn-kindrat86.toml")).unwrap();
//! let reader = CustomCsvReader::from_mapping(mapping);
//! let mut entities = Vec::new();
//! reader.read(&[PathBuf::from("ofac-sdn.csv")], &mut |e| entities.push(e)).unwrap();
//! ```

use crate::{Format, ListReader, Location, ReadError, ReadReport, MAX_FIELD_BYTES};
use embargo_model::{
    Country, DateSpec, Entity, EntityKind, IdKind, Identifier, Name, NameRole, PartialDate, Program,
};
use serde::Deserialize;
use std::collections::HashSet;
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

/// Which column of a custom CSV holds what.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    /// The list id; entity ids are `<list>:<id column value>`.
    pub list: String,
    #[serde(default)]
    pub publisher: Option<String>,
    /// One ASCII character; `,` by default (`\t` for tab-separated files).
    #[serde(default)]
    pub delimiter: Option<String>,
    pub id_column: String,
    pub name_column: String,
    #[serde(default)]
    pub alias_columns: Vec<String>,
    /// Splits an alias cell into several aliases; without it a cell is one alias.
    #[serde(default)]
    pub alias_separator: Option<String>,
    /// The column naming the kind (`individual`, `entity`, `vessel`, `aircraft`, ...).
    #[serde(default)]
    pub kind_column: Option<String>,
    /// The kind of every entry, or of those whose kind cell is empty.
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub programs_column: Option<String>,
    #[serde(default)]
    pub programs_separator: Option<String>,
    #[serde(default)]
    pub dob_column: Option<String>,
    /// Columns of countries (names or ISO codes); a cell may hold several, separated by `;`.
    #[serde(default)]
    pub country_columns: Vec<String>,
    #[serde(default)]
    pub remarks_columns: Vec<String>,
    #[serde(default)]
    pub identifiers: Vec<IdentifierColumn>,
    /// The publication date of the list version (`2026-08-20`).
    #[serde(default)]
    pub publication_date: Option<String>,
    /// A JSON file, beside the first CSV, that states the publication date...
    #[serde(default)]
    pub publication_date_file: Option<String>,
    /// ... in this field (`published`; dots for nested fields: `meta.published`).
    #[serde(default)]
    pub publication_date_field: Option<String>,
}

/// A column of identifiers of one kind.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IdentifierColumn {
    pub column: String,
    /// `passport`, `national_id`, `tax_id`, `registration`, `lei`, `imo`, `mmsi`, `call_sign`,
    /// `aircraft_serial`, `aircraft_tail`, `swift_bic`, `crypto_wallet`, `email`, `website`,
    /// `phone`; any other text is kept as the label of an [`IdKind::Other`].
    pub kind: String,
}

/// A mapping that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("column mapping {source_name}: {message}")]
pub struct MappingError {
    /// The file, or `command line`.
    pub source_name: String,
    pub message: String,
}

impl Mapping {
    /// Reads a TOML mapping file.
    pub fn from_toml_file(path: &Path) -> Result<Mapping, MappingError> {
        let source_name = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| MappingError {
            source_name: source_name.clone(),
            message: format!("cannot read: {e}"),
        })?;
        Mapping::from_toml_str(&text, &source_name)
    }

    /// Reads a TOML mapping; `source_name` names it in errors.
    pub fn from_toml_str(text: &str, source_name: &str) -> Result<Mapping, MappingError> {
        let mapping: Mapping = toml::from_str(text)
            .map_err(|e| MappingError { source_name: source_name.to_owned(), message: e.to_string() })?;
        mapping.validate(source_name)?;
        Ok(mapping)
    }

    /// Builds a mapping from command-line pairs such as `list=blocklist`, `name_column=Name`,
    /// `alias_columns=Alias 1,Alias 2` (lists are comma-separated) and
    /// `identifier=passport:Passport No` (repeatable).
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = &'a str>) -> Result<Mapping, MappingError> {
        const LISTS: [&str; 3] = ["alias_columns", "country_columns", "remarks_columns"];
        let source_name = "command line";
        let error = |message: String| MappingError { source_name: source_name.to_owned(), message };
        let mut table = toml::Table::new();
        let mut identifiers = Vec::new();
        for pair in pairs {
            let (key, value) = pair
                .split_once('=')
                .ok_or_else(|| error(format!("`{pair}` is not of the form key=value")))?;
            let key = key.trim();
            if key == "identifier" {
                let (kind, column) = value
                    .split_once(':')
                    .ok_or_else(|| error(format!("`{pair}`: expected identifier=KIND:COLUMN")))?;
                let mut id = toml::Table::new();
                id.insert("kind".into(), kind.trim().into());
                id.insert("column".into(), column.into());
                identifiers.push(toml::Value::Table(id));
            } else if LISTS.contains(&key) {
                let items = value.split(',').map(|s| toml::Value::from(s.trim())).collect::<Vec<_>>();
                table.insert(key.to_owned(), toml::Value::Array(items));
            } else {
                table.insert(key.to_owned(), value.into());
            }
        }
        if !identifiers.is_empty() {
            table.insert("identifiers".into(), toml::Value::Array(identifiers));
        }
        let mapping: Mapping =
            toml::Value::Table(table).try_into().map_err(|e: toml::de::Error| error(e.to_string()))?;
        mapping.validate(source_name)?;
        Ok(mapping)
    }

    fn validate(&self, source_name: &str) -> Result<(), MappingError> {
        let error = |message: String| Err(MappingError { source_name: source_name.to_owned(), message });
        if self.list.trim().is_empty() || self.list.contains(':') {
            return error(format!("list id `{}` must be non-empty and without `:`", self.list));
        }
        if let Err(message) = self.delimiter_byte() {
            return error(message);
        }
        if let Some(kind) = &self.kind {
            if EntityKind::parse(kind).is_none() {
                return error(format!(
                    "kind `{kind}` is not person, organization, vessel, aircraft or unknown"
                ));
            }
        }
        if let Some(date) = &self.publication_date {
            if PartialDate::parse_iso(date).is_none() {
                return error(format!("publication_date `{date}` is not a date such as 2026-08-20"));
            }
        }
        if self.publication_date_file.is_some() != self.publication_date_field.is_some() {
            return error("publication_date_file and publication_date_field go together".into());
        }
        if self.publication_date.is_some() && self.publication_date_file.is_some() {
            return error("give publication_date or publication_date_file, not both".into());
        }
        for sep in [&self.alias_separator, &self.programs_separator].into_iter().flatten() {
            if sep.is_empty() {
                return error("a separator must not be empty".into());
            }
        }
        Ok(())
    }

    /// The publication date the mapping gives, or reads from the metadata file beside `csv`.
    fn publication_date(
        &self,
        csv: &Path,
        report: &mut ReadReport,
    ) -> Result<Option<PartialDate>, ReadError> {
        if let Some(date) = &self.publication_date {
            return Ok(PartialDate::parse_iso(date));
        }
        let (Some(name), Some(field)) = (&self.publication_date_file, &self.publication_date_field) else {
            return Ok(None);
        };
        let path = csv.parent().unwrap_or(Path::new("")).join(name);
        let expected = format!("a JSON file whose field `{field}` is the publication date (YYYY-MM-DD)");
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                report.warn(
                    csv,
                    Location::File,
                    format!("no publication date: {} is missing", path.display()),
                );
                return Ok(None);
            }
            Err(e) => return Err(ReadError::new(&path, Location::File, expected, e.to_string())),
        };
        let json: serde_json::Value = serde_json::from_str(&text)
            .map_err(|e| ReadError::new(&path, Location::Line(e.line() as u64), &*expected, e.to_string()))?;
        let value = field.split('.').try_fold(&json, |value, key| value.get(key));
        match value.and_then(|v| v.as_str()).and_then(PartialDate::parse_iso) {
            Some(date) => Ok(Some(date)),
            None => Err(ReadError::new(&path, Location::File, expected, format!("`{field}` is {value:?}"))),
        }
    }

    fn delimiter_byte(&self) -> Result<u8, String> {
        match self.delimiter.as_deref() {
            None => Ok(b','),
            Some("\\t") | Some("tab") => Ok(b'\t'),
            Some(d) if d.len() == 1 && d.is_ascii() => Ok(d.as_bytes()[0]),
            Some(d) => Err(format!("delimiter `{d}` must be one ASCII character")),
        }
    }
}

/// Reads a CSV through a [`Mapping`].
pub struct CustomCsvReader {
    mapping: Mapping,
}

impl CustomCsvReader {
    pub fn from_mapping(mapping: Mapping) -> CustomCsvReader {
        CustomCsvReader { mapping }
    }

    pub fn mapping(&self) -> &Mapping {
        &self.mapping
    }
}

/// The mapping's columns resolved to positions in the file's header.
struct Resolved {
    width: usize,
    id: usize,
    name: usize,
    aliases: Vec<usize>,
    kind: Option<usize>,
    programs: Option<usize>,
    dob: Option<usize>,
    countries: Vec<usize>,
    remarks: Vec<(String, usize)>,
    identifiers: Vec<(IdKind, usize)>,
}

impl Resolved {
    fn new(mapping: &Mapping, header: &[String], file: &Path, at: Location) -> Result<Resolved, ReadError> {
        let find = |name: &str| {
            header.iter().position(|h| h.trim() == name.trim()).ok_or_else(|| {
                ReadError::new(
                    file,
                    at,
                    format!("a header with the mapped column `{name}`"),
                    format!("no column `{name}`; the file has: {}", header.join(", ")),
                )
            })
        };
        let optional = |name: &Option<String>| name.as_deref().map(find).transpose();
        let many = |names: &[String]| names.iter().map(|n| find(n)).collect::<Result<Vec<_>, _>>();
        Ok(Resolved {
            width: header.len(),
            id: find(&mapping.id_column)?,
            name: find(&mapping.name_column)?,
            aliases: many(&mapping.alias_columns)?,
            kind: optional(&mapping.kind_column)?,
            programs: optional(&mapping.programs_column)?,
            dob: optional(&mapping.dob_column)?,
            countries: many(&mapping.country_columns)?,
            remarks: mapping
                .remarks_columns
                .iter()
                .map(|n| find(n).map(|i| (n.clone(), i)))
                .collect::<Result<_, _>>()?,
            identifiers: mapping
                .identifiers
                .iter()
                .map(|c| find(&c.column).map(|i| (id_kind(&c.kind), i)))
                .collect::<Result<_, _>>()?,
        })
    }
}

fn id_kind(label: &str) -> IdKind {
    match label.trim().to_ascii_lowercase().replace([' ', '-'], "_").as_str() {
        "passport" => IdKind::Passport,
        "national_id" => IdKind::NationalId,
        "tax_id" | "inn" => IdKind::TaxId,
        "registration" | "ogrn" => IdKind::Registration,
        "lei" => IdKind::Lei,
        "imo" => IdKind::Imo,
        "mmsi" => IdKind::Mmsi,
        "call_sign" => IdKind::CallSign,
        "aircraft_serial" => IdKind::AircraftSerial,
        "aircraft_tail" => IdKind::AircraftTail,
        "swift_bic" | "swift" | "bic" => IdKind::SwiftBic,
        "crypto_wallet" => IdKind::CryptoWallet,
        "email" => IdKind::Email,
        "website" => IdKind::Website,
        "phone" => IdKind::Phone,
        _ => IdKind::Other(label.trim().to_owned()),
    }
}

fn split<'s>(text: &'s str, separator: Option<&'s str>) -> impl Iterator<Item = &'s str> + 's {
    let pieces: Box<dyn Iterator<Item = &'s str>> = match separator {
        Some(sep) => Box::new(text.split(sep)),
        None => Box::new(std::iter::once(text)),
    };
    pieces.map(str::trim).filter(|s| !s.is_empty())
}

impl ListReader for CustomCsvReader {
    fn format(&self) -> Format {
        Format::CustomCsv
    }

    fn read(&self, files: &[PathBuf], sink: &mut dyn FnMut(Entity)) -> Result<ReadReport, ReadError> {
        let mapping = &self.mapping;
        let publisher = mapping.publisher.as_deref().unwrap_or(&mapping.list);
        let mut report = ReadReport::new(&mapping.list, publisher, Format::CustomCsv);
        if files.is_empty() {
            return Err(ReadError::new(
                Path::new(""),
                Location::File,
                "one or more CSV files",
                "no file given",
            ));
        }
        report.publication_date = mapping.publication_date(&files[0], &mut report)?;
        let delimiter = mapping
            .delimiter_byte()
            .map_err(|m| ReadError::new(&files[0], Location::File, "a valid column mapping", m))?;
        let fixed_kind = mapping.kind.as_deref().and_then(EntityKind::parse).unwrap_or(EntityKind::Unknown);
        let mut seen = HashSet::new();
        for file in files {
            let mut rows = CsvRows::open(file, delimiter, "a CSV with a header row")?;
            let mut cells = Vec::new();
            let Some(header_line) = rows.next_row(&mut cells)? else {
                return Err(ReadError::new(file, Location::File, "a CSV with a header row", "no rows"));
            };
            let columns = Resolved::new(mapping, &cells, file, Location::Line(header_line))?;
            while let Some(line) = rows.next_row(&mut cells)? {
                let at = Location::Line(line);
                if cells.len() != columns.width {
                    if cells.len() == 1 && cells[0].trim().is_empty() {
                        continue;
                    }
                    return Err(ReadError::new(
                        file,
                        at,
                        format!("{} columns, as in the header", columns.width),
                        format!("found {} columns", cells.len()),
                    ));
                }
                let id = cells[columns.id].trim();
                if id.is_empty() {
                    report.warn(file, at, "a row without an id was skipped");
                    continue;
                }
                if !seen.insert(id.to_owned()) {
                    report.warn(file, at, format!("id `{id}` repeats an earlier row; this row was skipped"));
                    continue;
                }
                let kind = match columns.kind.map(|k| cells[k].trim()).filter(|k| !k.is_empty()) {
                    Some(text) => EntityKind::parse(text).unwrap_or_else(|| {
                        report.warn(file, at, format!("unknown kind `{text}` read as unknown"));
                        EntityKind::Unknown
                    }),
                    None => fixed_kind,
                };
                let mut entity = Entity::new(&mapping.list, id, kind);
                entity.push_name(Name::new(cells[columns.name].trim(), NameRole::Primary));
                if entity.names.is_empty() {
                    report.warn(file, at, format!("entry `{id}` has no name"));
                }
                for &col in &columns.aliases {
                    for alias in split(&cells[col], mapping.alias_separator.as_deref()) {
                        entity.push_name(Name::new(alias, NameRole::StrongAlias));
                    }
                }
                if let Some(col) = columns.programs {
                    for program in split(&cells[col], mapping.programs_separator.as_deref()) {
                        entity.programs.push(Program::new(program));
                    }
                }
                if let Some(dob) = columns.dob.map(|c| cells[c].trim()).filter(|d| !d.is_empty()) {
                    entity.birth_dates.push(DateSpec::parse(dob));
                }
                for &col in &columns.countries {
                    for country in split(&cells[col], Some(";")) {
                        entity.countries.push(Country::from_published(country));
                    }
                }
                for (kind, col) in &columns.identifiers {
                    let value = cells[*col].trim();
                    if !value.is_empty() {
                        entity.identifiers.push(Identifier::new(kind.clone(), value));
                    }
                }
                for (label, col) in &columns.remarks {
                    let text = cells[*col].trim();
                    if !text.is_empty() {
                        entity.remarks.push(if columns.remarks.len() > 1 {
                            format!("{label}: {text}")
                        } else {
                            text.to_owned()
                        });
                    }
                }
                report.emit(entity, sink);
            }
        }
        Ok(report)
    }
}

/// A streaming CSV reader that hands out rows as UTF-8 text, refusing what is not text.
///
/// Shared by the CSV readers of this crate: it checks every cell for valid UTF-8, NUL bytes
/// (binary files) and [`MAX_FIELD_BYTES`], and reports the line of the failing record.
pub(crate) struct CsvRows {
    file: PathBuf,
    expected: String,
    reader: csv::Reader<BufReader<File>>,
    record: csv::ByteRecord,
    first: bool,
    lines: LineCounter,
}

/// Line numbers of records, counted on a second handle of the file.
///
/// The csv crate's own line count lags by one after a CRLF line end (the `\n` of `\r\n` is
/// taken as the start of the next record), and OFSI writes CRLF; its byte offsets are right,
/// so lines are counted here up to each record's offset.
struct LineCounter {
    reader: BufReader<File>,
    offset: u64,
    line: u64,
}

impl LineCounter {
    /// The 1-based line on which the record at byte `start` begins: newlines before `start`,
    /// plus the line ends (and blank lines) the record's offset still points at.
    fn line_at(&mut self, start: u64) -> u64 {
        while self.offset < start {
            let Ok(buffer) = self.reader.fill_buf() else { break };
            if buffer.is_empty() {
                break;
            }
            let take = buffer.len().min((start - self.offset) as usize);
            self.line += buffer[..take].iter().filter(|&&b| b == b'\n').count() as u64;
            self.reader.consume(take);
            self.offset += take as u64;
        }
        while let Ok(&[byte, ..]) = self.reader.fill_buf() {
            match byte {
                b'\n' => self.line += 1,
                b'\r' => {}
                _ => break,
            }
            self.reader.consume(1);
            self.offset += 1;
        }
        self.line
    }
}

impl CsvRows {
    /// Opens `file`; an empty file is an error. `expected` describes the format in errors.
    pub(crate) fn open(file: &Path, delimiter: u8, expected: &str) -> Result<CsvRows, ReadError> {
        let error = |message: String| ReadError::new(file, Location::File, expected, message);
        let handle = File::open(file).map_err(|e| error(format!("cannot open: {e}")))?;
        let length = handle.metadata().map_err(|e| error(format!("cannot read: {e}")))?.len();
        if length == 0 {
            return Err(error("the file is empty".into()));
        }
        let lines = LineCounter {
            reader: BufReader::new(File::open(file).map_err(|e| error(format!("cannot open: {e}")))?),
            offset: 0,
            line: 1,
        };
        let reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .from_reader(BufReader::new(handle));
        Ok(CsvRows {
            file: file.to_owned(),
            expected: expected.to_owned(),
            reader,
            record: csv::ByteRecord::new(),
            first: true,
            lines,
        })
    }

    /// Reads the next record into `cells`; returns its 1-based line, or `None` at the end.
    pub(crate) fn next_row(&mut self, cells: &mut Vec<String>) -> Result<Option<u64>, ReadError> {
        match self.reader.read_byte_record(&mut self.record) {
            Ok(false) => return Ok(None),
            Ok(true) => {}
            Err(e) => {
                let location = match e.position() {
                    Some(p) => Location::Line(self.lines.line_at(p.byte())),
                    None => Location::File,
                };
                return Err(ReadError::new(
                    &self.file,
                    location,
                    &*self.expected,
                    format!("unreadable CSV: {e}"),
                ));
            }
        }
        let start = self.record.position().map_or(0, |p| p.byte());
        let line = self.lines.line_at(start);
        let at = Location::Line(line);
        cells.clear();
        for (i, field) in self.record.iter().enumerate() {
            if field.len() > MAX_FIELD_BYTES {
                return Err(ReadError::new(
                    &self.file,
                    at,
                    format!("fields of at most {MAX_FIELD_BYTES} bytes"),
                    format!("column {} holds {} bytes", i + 1, field.len()),
                ));
            }
            let field = if self.first && i == 0 {
                field.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(field)
            } else {
                field
            };
            let text = std::str::from_utf8(field).map_err(|e| {
                ReadError::new(
                    &self.file,
                    at,
                    "UTF-8 text",
                    format!("invalid UTF-8 in column {} at byte {} of the cell", i + 1, e.valid_up_to()),
                )
            })?;
            if text.contains('\0') {
                return Err(ReadError::new(
                    &self.file,
                    at,
                    "text, not binary data",
                    format!("a NUL byte in column {}", i + 1),
                ));
            }
            cells.push(text.to_owned());
        }
        self.first = false;
        Ok(Some(line))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn command_line_pairs_build_a_mapping() {
        let mapping = Mapping::from_pairs([
            "list=blocklist",
            "id_column=Ref",
            "name_column=Name",
            "alias_columns=Alias 1, Alias 2",
            "identifier=passport:Passport No",
            "kind=person",
        ])
        .unwrap();
        assert_eq!(mapping.alias_columns, ["Alias 1", "Alias 2"]);
        assert_eq!(mapping.identifiers[0].column, "Passport No");
        assert_eq!(id_kind(&mapping.identifiers[0].kind), IdKind::Passport);
    }

    #[test]
    fn mapping_errors_name_the_problem() {
        let err = Mapping::from_pairs(["list=x", "name_column=Name"]).unwrap_err();
        assert!(err.message.contains("id_column"), "{err}");
        let err =
            Mapping::from_toml_str("list='a'\nid_column='i'\nname_column='n'\ndelimiter=';;'", "m.toml")
                .unwrap_err();
        assert!(err.to_string().contains("m.toml") && err.message.contains("delimiter"), "{err}");
        let err = Mapping::from_toml_str("list='a'\nid_column='i'\nname_column='n'\ncolour='red'", "m.toml")
            .unwrap_err();
        assert!(err.message.contains("colour"), "{err}");
    }
}
