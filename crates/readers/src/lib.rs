//! Readers of official sanctions and export-control lists, one module per publisher format.
//!
//! Every reader turns its publisher's files into [`embargo_model::Entity`] values, handed one by
//! one to a sink as they are read: XML goes through a pull parser and CSV through a streaming
//! CSV reader, so memory stays flat as files grow (a reader keeps only what a join needs, such
//! as OFAC's `ALT.CSV` rows waiting for their `SDN.CSV` entry).
//!
//! | format | module | list id | proven on real files |
//! |---|---|---|---|
//! | OFAC legacy CSV (`SDN.CSV`, `ALT.CSV`, `ADD.CSV`, `SDN_COMMENTS.CSV`, `CONS_*.CSV`) | [`ofac_csv`] | `ofac-sdn`, `ofac-cons` | yes |
//! | OFAC `sdn.xml`, `consolidated.xml` | [`ofac_xml`] | `ofac-sdn`, `ofac-cons` | yes (`consolidated.xml` 2018, 2024); `sdn.xml` fixtures |
//! | OFAC `sdn_advanced.xml`, `cons_advanced.xml` | [`ofac_advanced`] | `ofac-sdn`, `ofac-cons` | yes (`cons_advanced.xml` 2020); `sdn_advanced.xml` fixtures |
//! | UN Security Council consolidated XML | [`un_xml`] | `un` | yes |
//! | EU Financial Sanctions Files XML | [`eu_fsf`] | `eu-fsf` | fixtures (XSD) |
//! | UK OFSI consolidated list, CSV and XLSX | [`uk_ofsi`] | `uk-ofsi` | yes |
//! | UK FCDO UK Sanctions List | [`uk_fcdo`] | `uk-fcdo` | derived tables real; raw format fixtures |
//! | OpenSanctions FollowTheMoney JSON lines | [`ftm`] | `opensanctions` | yes |
//! | custom CSV with a column mapping | [`custom_csv`] | user's choice | yes (OFAC 2026 repackaging, as `ofac-sdn`) |
//! | US Consolidated Screening List CSV | [`us_csl`] | `us-csl` | yes |
//! | Common High Priority List (goods), CSV | [`chpl`] | `chpl` | yes |
//!
//! Bad input never panics: each failure is a [`ReadError`] that names the file, the place in it
//! (line or byte offset) and what was expected.
//!
//! ```no_run
//! use embargo_readers::{reader_for, Format};
//! use std::path::PathBuf;
//!
//! let reader = reader_for(Format::UnXml).unwrap();
//! let mut entities = Vec::new();
//! let report = reader
//!     .read(&[PathBuf::from("UN_consolidated.xml")], &mut |e| entities.push(e))
//!     .unwrap();
//! println!("{} entities, published {:?}", report.entities, report.publication_date);
//! ```

use embargo_model::{Entity, PartialDate};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::path::{Path, PathBuf};

pub mod chpl;
pub mod custom_csv;
pub mod detect;
pub mod eu_fsf;
pub mod ftm;
mod ofac;
pub mod ofac_advanced;
pub mod ofac_csv;
pub mod ofac_xml;
pub mod uk_fcdo;
pub mod uk_ofsi;
pub mod un_xml;
pub mod us_csl;
mod xml;

/// The largest single field (an XML text node, a CSV cell) a reader accepts. Real lists stay
/// far below it (the longest OFAC remark is a few KB); a larger field means a broken or hostile
/// file, and is refused with a [`ReadError`] instead of being held in memory.
pub const MAX_FIELD_BYTES: usize = 1 << 20;

/// A publisher format that embargo reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    /// OFAC legacy CSV set: SDN or Consolidated (`CONS_*`) files.
    OfacCsv,
    OfacXml,
    OfacAdvancedXml,
    UnXml,
    EuFsfXml,
    UkOfsiCsv,
    UkOfsiXlsx,
    /// The UK Sanctions List as published by the FCDO.
    UkFcdo,
    /// The UK Sanctions List normalised into five tables keyed by UK reference.
    UkFcdoTables,
    FtmJson,
    /// A CSV with a user-given column mapping; read with [`custom_csv::CustomCsvReader`].
    CustomCsv,
    /// The US Consolidated Screening List CSV (trade.gov).
    UsCsl,
    /// The Common High Priority List of goods (HS-6 codes in tiers), as CSV.
    ChplCsv,
}

impl Format {
    pub const ALL: [Format; 13] = [
        Format::OfacCsv,
        Format::OfacXml,
        Format::OfacAdvancedXml,
        Format::UnXml,
        Format::EuFsfXml,
        Format::UkOfsiCsv,
        Format::UkOfsiXlsx,
        Format::UkFcdo,
        Format::UkFcdoTables,
        Format::FtmJson,
        Format::CustomCsv,
        Format::UsCsl,
        Format::ChplCsv,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Format::OfacCsv => "ofac-csv",
            Format::OfacXml => "ofac-xml",
            Format::OfacAdvancedXml => "ofac-advanced-xml",
            Format::UnXml => "un-xml",
            Format::EuFsfXml => "eu-fsf-xml",
            Format::UkOfsiCsv => "uk-ofsi-csv",
            Format::UkOfsiXlsx => "uk-ofsi-xlsx",
            Format::UkFcdo => "uk-fcdo",
            Format::UkFcdoTables => "uk-fcdo-tables",
            Format::FtmJson => "ftm-json",
            Format::CustomCsv => "custom-csv",
            Format::UsCsl => "us-csl",
            Format::ChplCsv => "chpl-csv",
        }
    }

    pub fn parse(s: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.as_str() == s)
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A reader of one publisher format.
pub trait ListReader {
    fn format(&self) -> Format;

    /// Reads `files` (one list version: a single file, or a set such as OFAC's `SDN.CSV` with
    /// `ALT.CSV`, `ADD.CSV` and `SDN_COMMENTS.CSV`) and hands every entity to `sink` in file
    /// order. Returns what the files said about themselves and what was read.
    fn read(&self, files: &[PathBuf], sink: &mut dyn FnMut(Entity)) -> Result<ReadReport, ReadError>;
}

/// The reader for `format`; `None` for [`Format::CustomCsv`], which needs a column mapping.
pub fn reader_for(format: Format) -> Option<Box<dyn ListReader>> {
    Some(match format {
        Format::OfacCsv => Box::new(ofac_csv::OfacCsvReader),
        Format::OfacXml => Box::new(ofac_xml::OfacXmlReader),
        Format::OfacAdvancedXml => Box::new(ofac_advanced::OfacAdvancedReader),
        Format::UnXml => Box::new(un_xml::UnXmlReader),
        Format::EuFsfXml => Box::new(eu_fsf::EuFsfReader),
        Format::UkOfsiCsv => Box::new(uk_ofsi::UkOfsiReader::csv()),
        Format::UkOfsiXlsx => Box::new(uk_ofsi::UkOfsiReader::xlsx()),
        Format::UkFcdo => Box::new(uk_fcdo::UkFcdoReader),
        Format::UkFcdoTables => Box::new(uk_fcdo::UkFcdoTablesReader),
        Format::FtmJson => Box::new(ftm::FtmReader),
        Format::UsCsl => Box::new(us_csl::UsCslReader),
        Format::ChplCsv => Box::new(chpl::ChplReader),
        Format::CustomCsv => return None,
    })
}

/// What a reader learnt from the files it read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReadReport {
    /// List id, e.g. `ofac-sdn`, `un`, `uk-ofsi`.
    pub list: String,
    /// Who publishes the list, e.g. `US Treasury OFAC`.
    pub publisher: String,
    pub format: Format,
    /// The publication date the files state (UN `dateGenerated`, OFSI `Last Updated`, OFAC
    /// `Publish_Date`); `None` when the files do not say it.
    pub publication_date: Option<PartialDate>,
    /// Entities handed to the sink.
    pub entities: usize,
    /// Entities by kind (`person` → 730, ...; goods items count as `goods`).
    pub kinds: std::collections::BTreeMap<String, usize>,
    /// Rows that did not join, values that could not be read and were kept verbatim, ...
    pub warnings: Vec<Warning>,
    /// Version of the reader, so a store can tell which code produced a snapshot.
    pub reader_version: String,
}

impl ReadReport {
    pub fn new(list: &str, publisher: &str, format: Format) -> ReadReport {
        ReadReport {
            list: list.to_owned(),
            publisher: publisher.to_owned(),
            format,
            publication_date: None,
            entities: 0,
            kinds: Default::default(),
            warnings: Vec::new(),
            reader_version: concat!(env!("CARGO_PKG_NAME"), " ", env!("CARGO_PKG_VERSION")).to_owned(),
        }
    }

    /// Counts `entity` and hands it to `sink`.
    pub fn emit(&mut self, entity: Entity, sink: &mut dyn FnMut(Entity)) {
        self.entities += 1;
        *self.kinds.entry(entity.kind_label().to_owned()).or_default() += 1;
        sink(entity);
    }

    pub fn warn(&mut self, file: &Path, location: Location, message: impl Into<String>) {
        self.warnings.push(Warning { file: file.to_owned(), location, message: message.into() });
    }
}

/// Where in a file something happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Location {
    /// 1-based line number.
    Line(u64),
    /// Byte offset from the start of the file.
    Byte(u64),
    /// A spreadsheet cell row (1-based) of a named sheet.
    Row(u64),
    /// The file as a whole (empty file, missing companion file).
    File,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Line(n) => write!(f, "line {n}"),
            Location::Byte(n) => write!(f, "byte {n}"),
            Location::Row(n) => write!(f, "row {n}"),
            Location::File => f.write_str("whole file"),
        }
    }
}

/// Something a reader noticed but could carry on past.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    pub file: PathBuf,
    pub location: Location,
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {}", self.file.display(), self.location, self.message)
    }
}

/// A file that could not be read as the expected format.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}: {location}: {message} (expected {expected})", file.display())]
pub struct ReadError {
    pub file: PathBuf,
    pub location: Location,
    /// What was expected there, e.g. "12 columns", "a <CONSOLIDATED_LIST> root element".
    pub expected: String,
    /// What was wrong.
    pub message: String,
}

impl embargo_errors::ErrorCode for ReadError {
    fn error_code(&self) -> embargo_errors::Code {
        embargo_errors::Code::InvalidListFile
    }
}

impl ReadError {
    pub fn new(
        file: &Path,
        location: Location,
        expected: impl Into<String>,
        message: impl Into<String>,
    ) -> ReadError {
        ReadError { file: file.to_owned(), location, expected: expected.into(), message: message.into() }
    }
}

/// The one path of a single-file format, or an error saying so.
pub(crate) fn single_file<'a>(files: &'a [PathBuf], expected: &str) -> Result<&'a Path, ReadError> {
    match files {
        [file] => Ok(file),
        [] => Err(ReadError::new(Path::new(""), Location::File, expected, "no file given")),
        [first, ..] => {
            Err(ReadError::new(first, Location::File, expected, format!("{} files given", files.len())))
        }
    }
}

/// The ISO 15924 code of the first script other than Latin, Common and Inherited in `text`,
/// or `Latn` when the text has Latin letters only. `None` for text without letters.
pub(crate) fn detect_script(text: &str) -> Option<&'static str> {
    let mut latin = false;
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        let script = match c as u32 {
            0x0041..=0x024F | 0x1E00..=0x1EFF => {
                latin = true;
                continue;
            }
            0x0370..=0x03FF => "Grek",
            0x0400..=0x052F => "Cyrl",
            0x0530..=0x058F => "Armn",
            0x0590..=0x05FF => "Hebr",
            0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => "Arab",
            0x0900..=0x097F => "Deva",
            0x0E00..=0x0E7F => "Thai",
            0x10A0..=0x10FF => "Geor",
            0x1100..=0x11FF | 0xAC00..=0xD7AF => "Hang",
            0x3040..=0x309F => "Hira",
            0x30A0..=0x30FF => "Kana",
            0x4E00..=0x9FFF | 0x3400..=0x4DBF => "Hani",
            _ => continue,
        };
        return Some(script);
    }
    latin.then_some("Latn")
}
