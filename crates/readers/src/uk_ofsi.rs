//! The UK OFSI Consolidated List of financial sanctions targets, as CSV (`ConList.csv`) or as the
//! official XLSX workbook.
//!
//! Both files have the same layout: row 1 is `Last Updated,dd/mm/yyyy` (the publication date),
//! row 2 the header, then one row per *name* of a target. A target is a *group*
//! (`Group ID`); every row repeats the group's facts beside one of its names, and may add its
//! own (a second date of birth, another address). This reader folds the rows of a group into
//! one [`Entity`] with id `uk-ofsi:<Group ID>`:
//!
//! - `Name 1`..`Name 5` are given and middle names, `Name 6` the family name (the whole name of
//!   an entity or ship); `Alias Type` and `Alias Quality` give the role (`Primary name` or
//!   `Prime Alias` → primary, `Primary name variation` and `AKA` → strong alias, `Low quality`
//!   → weak alias, `FKA` → former name);
//! - `Name Non-Latin Script` is kept as written, as a strong alias with its ISO 15924 script and
//!   the published language;
//! - numbered cells (`(1) Germany. (2) Morocco`) are split into their items;
//! - `Other Information` is kept verbatim in the remarks, and its labelled parts are typed:
//!   `(UK Sanctions List Ref)` and `(UN Ref)` become references, `(Gender)` the gender,
//!   `(IMO number)`, `(Phone number)`, `(Email address)`, `(Website)`, `(Business Reg No)`
//!   identifiers, `(Parent company)`, `(Subsidiaries)`, `(Current owners)` relations and the
//!   ship facts (`Flag of ship`, `Type of ship`, ...) entries of [`Entity::extra`].
//!
//! Memory: the rows of one group are not adjacent (the 2025-04-10 list goes back to an earlier
//! group 3,818 times), so no group is complete before the end of the file. The reader keeps
//! every group in a map keyed by group id and emits them, in order of first appearance, once
//! the file is read: memory grows with the number of groups (a few thousand entities, a few
//! tens of MB), not with the file's rows, and an error anywhere in the file emits nothing.
//!
//! ```no_run
//! use embargo_readers::{uk_ofsi::UkOfsiReader, ListReader};
//! use std::path::PathBuf;
//!
//! let mut groups = Vec::new();
//! let report = UkOfsiReader::csv()
//!     .read(&[PathBuf::from("ConList.csv")], &mut |e| groups.push(e))
//!     .unwrap();
//! assert_eq!(report.entities, groups.len());
//! ```

use crate::custom_csv::CsvRows;
use crate::{Format, ListReader, Location, ReadError, ReadReport, MAX_FIELD_BYTES};
use embargo_model::{
    Address, Country, DateSpec, Entity, EntityKind, Gender, IdKind, Identifier, Name, NamePart, NamePartKind,
    NameRole, PartialDate, Program, Relation,
};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

const LIST_ID: &str = "uk-ofsi";
const PUBLISHER: &str = "HM Treasury, Office of Financial Sanctions Implementation (OFSI)";
/// A sheet wider than this is not a ConList (it has 36 columns); refusing it bounds memory.
const MAX_COLUMNS: usize = 512;

/// Reads the OFSI Consolidated List from its CSV or its XLSX workbook.
pub struct UkOfsiReader {
    format: Format,
}

impl UkOfsiReader {
    /// A reader of `ConList.csv` (UTF-8, comma-separated).
    pub fn csv() -> UkOfsiReader {
        UkOfsiReader { format: Format::UkOfsiCsv }
    }

    /// A reader of the `ConList.xlsx` workbook (first sheet).
    pub fn xlsx() -> UkOfsiReader {
        UkOfsiReader { format: Format::UkOfsiXlsx }
    }
}

impl ListReader for UkOfsiReader {
    fn format(&self) -> Format {
        self.format
    }

    fn read(&self, files: &[PathBuf], sink: &mut dyn FnMut(Entity)) -> Result<ReadReport, ReadError> {
        let file = crate::single_file(files, "exactly one ConList file")?;
        let mut list = ConList::new(file, self.format);
        match self.format {
            Format::UkOfsiXlsx => read_xlsx(file, &mut list)?,
            _ => read_csv(file, &mut list)?,
        }
        list.finish(sink)
    }
}

fn read_csv(file: &Path, list: &mut ConList) -> Result<(), ReadError> {
    let mut rows = CsvRows::open(file, b',', "an OFSI ConList CSV (`Last Updated` row, header, name rows)")?;
    let mut cells = Vec::new();
    while let Some(line) = rows.next_row(&mut cells)? {
        list.row(Location::Line(line), &cells)?;
    }
    Ok(())
}

fn read_xlsx(file: &Path, list: &mut ConList) -> Result<(), ReadError> {
    // calamine parses a zip archive and XML that a hostile file controls; should it panic on
    // something it did not foresee, the file is reported as unreadable instead of taking the
    // process down.
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| read_xlsx_cells(file, list))).unwrap_or_else(
        |_| {
            Err(ReadError::new(
                file,
                Location::File,
                "an XLSX workbook",
                "the workbook parser failed on malformed content",
            ))
        },
    )
}

fn read_xlsx_cells(file: &Path, list: &mut ConList) -> Result<(), ReadError> {
    use calamine::{open_workbook, Reader, Xlsx};
    let expected = "an OFSI ConList XLSX workbook";
    let error = |location, message: String| ReadError::new(file, location, expected, message);
    if std::fs::metadata(file).map(|m| m.len() == 0).unwrap_or(false) {
        return Err(error(Location::File, "the file is empty".into()));
    }
    let mut workbook: Xlsx<_> = open_workbook(file)
        .map_err(|e| error(Location::File, format!("not a readable XLSX workbook: {e}")))?;
    let sheet = workbook
        .sheet_names()
        .first()
        .cloned()
        .ok_or_else(|| error(Location::File, "the workbook has no sheet".into()))?;
    let mut cells = workbook
        .worksheet_cells_reader(&sheet)
        .map_err(|e| error(Location::File, format!("sheet `{sheet}` cannot be read: {e}")))?;
    let mut row: Vec<String> = Vec::new();
    let mut current: Option<u32> = None;
    loop {
        let cell = match cells.next_cell() {
            Ok(Some(cell)) => cell,
            Ok(None) => break,
            Err(e) => {
                let at = current.map_or(Location::File, |r| Location::Row(u64::from(r) + 1));
                return Err(error(at, format!("sheet `{sheet}` is malformed: {e}")));
            }
        };
        let (r, c) = cell.get_position();
        if current != Some(r) {
            if let Some(previous) = current {
                list.row(Location::Row(u64::from(previous) + 1), &row)?;
            }
            row.clear();
            current = Some(r);
        }
        let at = Location::Row(u64::from(r) + 1);
        let c = c as usize;
        if c >= MAX_COLUMNS {
            return Err(error(
                at,
                format!("a cell in column {}, beyond the {MAX_COLUMNS} a ConList may use", c + 1),
            ));
        }
        let text = cell_text(cell.get_value());
        if text.len() > MAX_FIELD_BYTES {
            return Err(ReadError::new(
                file,
                at,
                format!("cells of at most {MAX_FIELD_BYTES} bytes"),
                format!("column {} holds {} bytes", c + 1, text.len()),
            ));
        }
        if row.len() <= c {
            row.resize(c + 1, String::new());
        }
        row[c] = text;
    }
    if let Some(last) = current {
        list.row(Location::Row(u64::from(last) + 1), &row)?;
    }
    Ok(())
}

/// A cell as the text the CSV export would hold. OFSI writes every cell as text; numbers and
/// dates are rendered the way the CSV shows them in case a workbook stores them typed.
fn cell_text(value: &calamine::DataRef<'_>) -> String {
    use calamine::DataRef;
    match value {
        DataRef::SharedString(s) => (*s).to_owned(),
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        DataRef::Float(f) => f.to_string(),
        DataRef::Bool(b) => b.to_string(),
        DataRef::DateTime(d) => {
            let (y, m, day, ..) = d.to_ymd_hms_milli();
            format!("{day:02}/{m:02}/{y:04}")
        }
        DataRef::Error(_) | DataRef::Empty => String::new(),
    }
}

/// The columns of a ConList, found by their header text.
struct Columns {
    width: usize,
    names: [Option<usize>; 6],
    title: Option<usize>,
    non_latin: Option<usize>,
    non_latin_type: Option<usize>,
    non_latin_lang: Option<usize>,
    dob: Option<usize>,
    town_of_birth: Option<usize>,
    country_of_birth: Option<usize>,
    nationality: Option<usize>,
    passport_number: Option<usize>,
    passport_details: Option<usize>,
    national_id_number: Option<usize>,
    national_id_details: Option<usize>,
    position: Option<usize>,
    address: [Option<usize>; 6],
    post_code: Option<usize>,
    country: Option<usize>,
    other_information: Option<usize>,
    group_type: usize,
    alias_type: Option<usize>,
    alias_quality: Option<usize>,
    regime: Option<usize>,
    listed_on: Option<usize>,
    date_designated: Option<usize>,
    last_updated: Option<usize>,
    group_id: usize,
}

impl Columns {
    fn from_header(file: &Path, at: Location, header: &[String]) -> Result<Columns, ReadError> {
        let find = |name: &str| header.iter().position(|h| h.trim().eq_ignore_ascii_case(name));
        let require = |name: &str| {
            find(name).ok_or_else(|| {
                ReadError::new(
                    file,
                    at,
                    "the ConList header (`Name 6,Name 1,...,Group ID`)",
                    format!("no `{name}` column; the header has: {}", header.join(", ")),
                )
            })
        };
        let group_id = require("Group ID")?;
        let group_type = require("Group Type")?;
        let family = require("Name 6")?;
        let name = |n: usize| find(&format!("Name {n}"));
        let address = |n: usize| find(&format!("Address {n}"));
        Ok(Columns {
            width: header.len(),
            names: [name(1), name(2), name(3), name(4), name(5), Some(family)],
            title: find("Title"),
            non_latin: find("Name Non-Latin Script"),
            non_latin_type: find("Non-Latin Script Type"),
            non_latin_lang: find("Non-Latin Script Language"),
            dob: find("DOB"),
            town_of_birth: find("Town of Birth"),
            country_of_birth: find("Country of Birth"),
            nationality: find("Nationality"),
            passport_number: find("Passport Number"),
            passport_details: find("Passport Details"),
            national_id_number: find("National Identification Number"),
            national_id_details: find("National Identification Details"),
            position: find("Position"),
            address: [address(1), address(2), address(3), address(4), address(5), address(6)],
            post_code: find("Post/Zip Code"),
            country: find("Country"),
            other_information: find("Other Information"),
            group_type,
            alias_type: find("Alias Type"),
            alias_quality: find("Alias Quality"),
            regime: find("Regime"),
            listed_on: find("Listed On"),
            date_designated: find("UK Sanctions List Date Designated"),
            last_updated: find("Last Updated"),
            group_id,
        })
    }
}

/// The rows read so far: the publication date, the header, and the groups being built.
struct ConList<'a> {
    file: &'a Path,
    rows_seen: u64,
    columns: Option<Columns>,
    /// Groups in order of first appearance; `index` maps a group id to its place here.
    groups: Vec<Entity>,
    index: HashMap<String, usize>,
    report: ReadReport,
}

impl<'a> ConList<'a> {
    fn new(file: &'a Path, format: Format) -> ConList<'a> {
        ConList {
            file,
            rows_seen: 0,
            columns: None,
            groups: Vec::new(),
            index: HashMap::new(),
            report: ReadReport::new(LIST_ID, PUBLISHER, format),
        }
    }

    fn row(&mut self, at: Location, cells: &[String]) -> Result<(), ReadError> {
        if cells.iter().all(|c| c.trim().is_empty()) {
            return Ok(());
        }
        self.rows_seen += 1;
        match self.rows_seen {
            1 => self.last_updated_row(at, cells),
            2 => {
                self.columns = Some(Columns::from_header(self.file, at, cells)?);
                Ok(())
            }
            _ => self.name_row(at, cells),
        }
    }

    fn last_updated_row(&mut self, at: Location, cells: &[String]) -> Result<(), ReadError> {
        let label = cells.first().map(|c| c.trim()).unwrap_or("");
        if !label.eq_ignore_ascii_case("Last Updated") {
            return Err(ReadError::new(
                self.file,
                at,
                "`Last Updated,dd/mm/yyyy` as the first row of an OFSI ConList",
                format!("the first row starts with `{}`", truncate(label, 60)),
            ));
        }
        let date = cells.get(1).map(|c| c.trim()).unwrap_or("");
        let parsed = PartialDate::parse(date).ok_or_else(|| {
            ReadError::new(
                self.file,
                at,
                "a publication date dd/mm/yyyy after `Last Updated`",
                format!("found `{}`", truncate(date, 60)),
            )
        })?;
        self.report.publication_date = Some(parsed);
        Ok(())
    }

    fn name_row(&mut self, at: Location, cells: &[String]) -> Result<(), ReadError> {
        let Some(columns) = &self.columns else {
            return Err(ReadError::new(self.file, at, "a header row before the name rows", "no header row"));
        };
        // The XLSX omits trailing empty cells, so only a row *wider* than the header is wrong
        // there; a CSV row must match the header exactly.
        let short_ok = matches!(at, Location::Row(_));
        if cells.len() > columns.width || (!short_ok && cells.len() != columns.width) {
            return Err(ReadError::new(
                self.file,
                at,
                format!("{} columns, as in the header", columns.width),
                format!("found {} columns", cells.len()),
            ));
        }
        let cell = |col: Option<usize>| col.and_then(|c| cells.get(c)).map(|s| s.trim()).unwrap_or("");
        let group_id = cell(Some(columns.group_id));
        if group_id.is_empty() {
            self.report.warn(self.file, at, "a name row without a Group ID was skipped");
            return Ok(());
        }
        let group_type = cell(Some(columns.group_type));
        let kind = match group_type.to_ascii_lowercase().as_str() {
            "individual" => EntityKind::Person,
            "entity" => EntityKind::Organization,
            "ship" => EntityKind::Vessel,
            _ => {
                self.report.warn(
                    self.file,
                    at,
                    format!("unknown Group Type `{group_type}` for group {group_id}"),
                );
                EntityKind::Unknown
            }
        };
        let slot = match self.index.get(group_id) {
            Some(&slot) => slot,
            None => {
                self.index.insert(group_id.to_owned(), self.groups.len());
                self.groups.push(Entity::new(LIST_ID, group_id, kind));
                self.groups.len() - 1
            }
        };
        let entity = &mut self.groups[slot];
        if entity.kind != kind && kind != EntityKind::Unknown {
            let message =
                format!("group {group_id} is both {} and {kind}; kept {}", entity.kind, entity.kind);
            self.report.warn(self.file, at, message);
        }
        add_names(entity, columns, &cell);
        add_person_facts(entity, columns, &cell);
        add_address(entity, columns, &cell);
        if let Some(text) = Some(cell(columns.other_information)).filter(|t| !t.is_empty()) {
            if !entity.remarks.iter().any(|r| r == text) {
                entity.remarks.push(text.to_owned());
                add_other_information(entity, text);
            }
        }
        let regime = cell(columns.regime);
        if !regime.is_empty() && !entity.programs.iter().any(|p| p.name == regime) {
            entity.programs.push(Program::new(regime));
        }
        if let Some(d) = PartialDate::parse(cell(columns.listed_on)) {
            entity.listed_on = Some(entity.listed_on.map_or(d, |e| e.min(d)));
        }
        if let Some(d) = PartialDate::parse(cell(columns.last_updated)) {
            entity.last_updated = Some(entity.last_updated.map_or(d, |e| e.max(d)));
        }
        entity.push_extra("UK Sanctions List Date Designated", cell(columns.date_designated));
        Ok(())
    }

    fn finish(mut self, sink: &mut dyn FnMut(Entity)) -> Result<ReadReport, ReadError> {
        if self.rows_seen < 2 {
            let what = if self.rows_seen == 0 { "no rows" } else { "no header row" };
            return Err(ReadError::new(
                self.file,
                Location::File,
                "a `Last Updated` row, a header row and name rows",
                format!("the file has {what}"),
            ));
        }
        for mut entity in std::mem::take(&mut self.groups) {
            // The model wants the primary name first; rows come in any order. The sort is
            // stable, so the names keep the file's order within each rank.
            entity.names.sort_by_key(|n| n.role != NameRole::Primary);
            self.report.emit(entity, sink);
        }
        Ok(self.report)
    }
}

fn add_names<'r>(entity: &mut Entity, columns: &Columns, cell: &dyn Fn(Option<usize>) -> &'r str) {
    let mut parts = Vec::new();
    for (i, col) in columns.names.iter().enumerate() {
        let value = cell(*col);
        if value.is_empty() {
            continue;
        }
        let kind = match i {
            0 => NamePartKind::Given,
            5 => NamePartKind::Family,
            _ => NamePartKind::Middle,
        };
        parts.push(NamePart { kind, value: value.to_owned() });
    }
    let alias_type = cell(columns.alias_type);
    let quality = cell(columns.alias_quality);
    let role = match (alias_type.to_ascii_lowercase().as_str(), quality.to_ascii_lowercase().as_str()) {
        // "Prime Alias" is how later OFSI files label the primary name.
        ("primary name" | "prime alias", _) => NameRole::Primary,
        ("fka", _) => NameRole::FormerName,
        (_, q) if q.starts_with("low") => NameRole::WeakAlias,
        _ => NameRole::StrongAlias,
    };
    let note = [alias_type, quality].iter().filter(|s| !s.is_empty()).copied().collect::<Vec<_>>().join(", ");
    if !parts.is_empty() {
        let full = parts.iter().map(|p| p.value.as_str()).collect::<Vec<_>>().join(" ");
        if !entity.names.iter().any(|n| n.full == full && n.role == role) {
            let mut name = Name::new(full, role);
            name.parts = if parts.len() > 1 { parts } else { Vec::new() };
            name.note = Some(note).filter(|n| !n.is_empty());
            entity.push_name(name);
        }
    }
    let non_latin = cell(columns.non_latin);
    if !non_latin.is_empty() {
        let script_type = cell(columns.non_latin_type);
        let mut name = Name::new(non_latin, NameRole::StrongAlias);
        name.script = script_code(script_type).map(str::to_owned);
        name.lang = Some(cell(columns.non_latin_lang)).filter(|l| !l.is_empty()).map(str::to_owned);
        name.note = Some(script_type).filter(|s| !s.is_empty()).map(|s| format!("Non-Latin script: {s}"));
        if !entity.names.iter().any(|n| n.full == name.full) {
            entity.push_name(name);
        }
    }
}

/// The ISO 15924 code of the script names OFSI writes in `Non-Latin Script Type` (with the
/// misspellings and language names found in real files).
fn script_code(published: &str) -> Option<&'static str> {
    Some(match published.trim().to_ascii_lowercase().as_str() {
        "cyrillic" | "cryillic" | "cyrilic" | "russian" | "ukrainian" | "belarusian" => "Cyrl",
        "arabic" | "persian" | "farsi" | "urdu" => "Arab",
        "chinese" => "Hani",
        "georgian" => "Geor",
        "hebrew" => "Hebr",
        "hangul" | "korean" => "Hang",
        "thai" => "Thai",
        "greek" => "Grek",
        "armenian" => "Armn",
        "japanese" => "Jpan",
        _ => return None,
    })
}

fn add_person_facts<'r>(entity: &mut Entity, columns: &Columns, cell: &dyn Fn(Option<usize>) -> &'r str) {
    let title = cell(columns.title);
    for t in split_numbered(title) {
        if !entity.titles.contains(&t) {
            entity.titles.push(t);
        }
    }
    let dob = cell(columns.dob);
    if !dob.is_empty() && !entity.birth_dates.iter().any(|d| d.raw == dob) {
        entity.birth_dates.push(DateSpec::parse(dob));
    }
    let town = cell(columns.town_of_birth);
    let country = cell(columns.country_of_birth);
    if !town.is_empty() || !country.is_empty() {
        let full = [town, country].iter().filter(|s| !s.is_empty()).copied().collect::<Vec<_>>().join(", ");
        if !entity.birth_places.iter().any(|p| p.full == full) {
            entity.birth_places.push(Address {
                full,
                city: Some(town.to_owned()).filter(|t| !t.is_empty()),
                // "(1) Tunisia (2) Morocco (3) Egypt" names no single country.
                country: Some(country)
                    .filter(|c| !c.is_empty() && !c.starts_with("(1)"))
                    .map(Country::from_published),
                ..Address::default()
            });
        }
    }
    for nationality in split_numbered(cell(columns.nationality)) {
        if !entity.nationalities.iter().any(|n| n.name == nationality) {
            entity.nationalities.push(Country::from_published(&nationality));
        }
    }
    add_identifiers(entity, IdKind::Passport, cell(columns.passport_number), cell(columns.passport_details));
    add_identifiers(
        entity,
        IdKind::NationalId,
        cell(columns.national_id_number),
        cell(columns.national_id_details),
    );
    for position in split_numbered(cell(columns.position)) {
        if !entity.positions.contains(&position) {
            entity.positions.push(position);
        }
    }
}

/// Pairs numbered numbers with numbered details: `(1) A1 (2) B2` with `(1) Libya (2) British`.
/// Details that are not numbered describe every number.
fn add_identifiers(entity: &mut Entity, kind: IdKind, numbers: &str, details: &str) {
    let numbers = split_numbered(numbers);
    let details_list = split_numbered(details);
    let numbered_details = details.trim_start().starts_with("(1)") && details_list.len() == numbers.len();
    for (i, value) in numbers.into_iter().enumerate() {
        let note = if numbered_details { details_list.get(i).cloned() } else { Some(details.to_owned()) };
        let mut id = Identifier::new(kind.clone(), value);
        id.note = note.filter(|n| !n.is_empty());
        if !entity.identifiers.contains(&id) {
            entity.identifiers.push(id);
        }
    }
}

fn add_address<'r>(entity: &mut Entity, columns: &Columns, cell: &dyn Fn(Option<usize>) -> &'r str) {
    let lines: Vec<&str> = columns.address.iter().map(|c| cell(*c)).filter(|s| !s.is_empty()).collect();
    let post_code = cell(columns.post_code);
    let country = cell(columns.country);
    if lines.is_empty() && post_code.is_empty() {
        if !country.is_empty() && !entity.countries.iter().any(|c| c.name == country) {
            entity.countries.push(Country::from_published(country));
        }
        return;
    }
    let full = lines
        .iter()
        .chain([post_code, country].iter())
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    if entity.addresses.iter().any(|a| a.full == full) {
        return;
    }
    entity.addresses.push(Address {
        full,
        street: lines.first().map(|s| s.to_string()),
        postal_code: Some(post_code.to_owned()).filter(|p| !p.is_empty()),
        country: Some(country).filter(|c| !c.is_empty()).map(Country::from_published),
        ..Address::default()
    });
}

/// The labels of `Other Information` that carry typed facts. Only these split the text: the
/// free text also holds parentheses followed by a colon (`resolution 2662 (2022):`).
const OTHER_INFORMATION_LABELS: &[&str] = &[
    "UK Sanctions List Ref",
    "UK Statement of Reasons",
    "UN Ref",
    "Gender",
    "Phone number",
    "Email address",
    "Website",
    "Type of entity",
    "Parent company",
    "Business Reg No",
    "Subsidiaries",
    "IMO number",
    "Flag of ship",
    "Type of ship",
    "Tonnage of ship",
    "Length of ship",
    "Year built",
    "Current owners",
    "Previous flags",
    "Fax",
    "Tel",
];

/// Types the labelled parts of `Other Information` (the text itself is already in the remarks).
fn add_other_information(entity: &mut Entity, text: &str) {
    for (label, value) in labelled_parts(text) {
        let value = value.trim().trim_end_matches('.').trim();
        if value.is_empty() {
            continue;
        }
        match label {
            "UK Sanctions List Ref" => {
                let reference = value.split(|c: char| c == '.' || c.is_whitespace()).next().unwrap_or(value);
                entity.provenance.references.insert("uk_sanctions_list_ref".into(), reference.to_owned());
            }
            "UN Ref" => {
                let reference = value.split(|c: char| c.is_whitespace()).next().unwrap_or(value);
                let reference = reference.trim_end_matches('.');
                entity.provenance.references.insert("un_reference".into(), reference.to_owned());
            }
            "Gender" => entity.gender = Gender::parse(value),
            "IMO number" => push_identifier(entity, IdKind::Imo, value),
            "Business Reg No" => {
                for v in split_numbered(value) {
                    push_identifier(entity, IdKind::Registration, &v);
                }
            }
            "Phone number" | "Tel" | "Fax" => {
                for v in split_list(value) {
                    let mut id = Identifier::new(IdKind::Phone, v);
                    id.note = (label == "Fax").then(|| "fax".to_owned());
                    if !entity.identifiers.contains(&id) {
                        entity.identifiers.push(id);
                    }
                }
            }
            "Email address" | "Website" => {
                for v in split_list(value) {
                    let kind = if v.contains('@') { IdKind::Email } else { IdKind::Website };
                    push_identifier(entity, kind, &v);
                }
            }
            "Parent company" | "Subsidiaries" | "Current owners" => {
                let kind = match label {
                    "Parent company" => "parent_company",
                    "Subsidiaries" => "subsidiary",
                    _ => "owned_by",
                };
                for target in split_numbered(value) {
                    let relation = Relation { kind: kind.to_owned(), target_id: None, target_name: target };
                    if !entity.relations.contains(&relation) {
                        entity.relations.push(relation);
                    }
                }
            }
            "Flag of ship" => {
                if !entity.countries.iter().any(|c| c.name == value) {
                    entity.countries.push(Country::from_published(value));
                }
                entity.push_extra(label, value);
            }
            // The statement of reasons is long prose, already in the remarks.
            "UK Statement of Reasons" => {}
            _ => entity.push_extra(label, value),
        }
    }
}

fn push_identifier(entity: &mut Entity, kind: IdKind, value: &str) {
    let id = Identifier::new(kind, value.trim());
    if !id.value.is_empty() && !entity.identifiers.contains(&id) {
        entity.identifiers.push(id);
    }
}

/// Splits `(Label):value (Other):value` at the known labels, in order of appearance.
fn labelled_parts(text: &str) -> Vec<(&'static str, &str)> {
    let mut marks: Vec<(usize, usize, &'static str)> = Vec::new();
    for label in OTHER_INFORMATION_LABELS {
        let needle = format!("({label}):");
        let mut from = 0;
        while let Some(found) = text[from..].find(&needle) {
            let start = from + found;
            marks.push((start, start + needle.len(), label));
            from = start + needle.len();
        }
    }
    marks.sort_unstable();
    marks
        .iter()
        .enumerate()
        .map(|(i, &(_, value_start, label))| {
            let end = marks.get(i + 1).map_or(text.len(), |m| m.0);
            (label, &text[value_start..end.max(value_start)])
        })
        .collect()
}

/// Splits a numbered cell, `(1) Germany. (2) Morocco`, into its items; any other text is one
/// item. Items lose a trailing `.`.
pub(crate) fn split_numbered(text: &str) -> Vec<String> {
    let text = text.trim();
    if text.is_empty() {
        return Vec::new();
    }
    if !text.starts_with("(1)") {
        return vec![text.to_owned()];
    }
    let mut items = Vec::new();
    let mut rest = &text[3..];
    let mut n = 2;
    loop {
        let marker = format!("({n})");
        match rest.find(&marker) {
            Some(at) => {
                items.push(rest[..at].to_owned());
                rest = &rest[at + marker.len()..];
                n += 1;
            }
            None => {
                items.push(rest.to_owned());
                break;
            }
        }
    }
    items
        .into_iter()
        .map(|s| s.trim().trim_end_matches([',', ';']).trim().trim_end_matches('.').trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}

/// Splits a list of phone numbers, e-mails or web sites written `a. b, c; d` or numbered.
fn split_list(text: &str) -> Vec<String> {
    split_numbered(text)
        .iter()
        .flat_map(|item| {
            item.split(". ")
                .flat_map(|s| s.split(", "))
                .flat_map(|s| s.split("; "))
                .map(|s| s.trim().trim_end_matches('.').trim().to_owned())
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
        })
        .collect()
}

fn truncate(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", &s[..at]),
        None => s.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered_cells_split_into_items() {
        assert_eq!(split_numbered("(1) Germany. (2) Morocco"), ["Germany", "Morocco"]);
        assert_eq!(split_numbered("(1) OR801168 (2) 4117921"), ["OR801168", "4117921"]);
        assert_eq!(split_numbered("Pakistan"), ["Pakistan"]);
        assert!(split_numbered("  ").is_empty());
    }

    #[test]
    fn other_information_splits_only_at_known_labels() {
        let text = "(UK Sanctions List Ref):SOM0025. (UN Ref):SOi.023. Listed pursuant to resolution \
                    2662 (2022): (i) participating (Gender):Male";
        let parts = labelled_parts(text);
        let labels: Vec<_> = parts.iter().map(|p| p.0).collect();
        assert_eq!(labels, ["UK Sanctions List Ref", "UN Ref", "Gender"]);
        let mut e = Entity::new(LIST_ID, "1", EntityKind::Person);
        add_other_information(&mut e, text);
        assert_eq!(e.provenance.references["uk_sanctions_list_ref"], "SOM0025");
        assert_eq!(e.provenance.references["un_reference"], "SOi.023");
        assert_eq!(e.gender, Some(Gender::Male));
    }

    #[test]
    fn phone_lists_split_into_numbers() {
        assert_eq!(
            split_list("00375(17)7762032. 00375(17)7765479"),
            ["00375(17)7762032", "00375(17)7765479"]
        );
    }
}
