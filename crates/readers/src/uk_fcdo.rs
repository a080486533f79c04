//! The UK Sanctions List published by the FCDO, in two shapes.
//!
//! - [`UkFcdoTablesReader`] reads a third-party normalisation of the list into five CSV tables
//!   keyed by the UK reference (`RUS1653`): `subjects.csv`, `subject_names.csv`,
//!   `subject_countries.csv`, `subject_dobs.csv`, `subject_identifiers.csv` (recognised by file
//!   name). **Proven on a real export** (2026-04-29: 6,046 subjects, 15,050 name rows). The side
//!   tables are not sorted by subject, so the reader groups them in memory (a few MB) and then
//!   streams `subjects.csv`, emitting one entity per subject.
//! - [`UkFcdoReader`] reads the FCDO's own XML (`<Designations>` of `<Designation>` records with
//!   `UniqueID`, `OFSIGroupID`, `Names/Name` (`Name1`..`Name6`, `NameType`), `NonLatinNames`,
//!   `RegimeName`, `IndividualEntityShip`, `Addresses`, `IndividualDetails`, `EntityDetails`,
//!   `ShipDetails`, ...). No real file was available: this reader is **proven on fixtures
//!   only**, written from the published layout of the list.
//!
//! Both give list id `uk-fcdo`, entity ids `uk-fcdo:<UniqueID>`, the OFSI group id in
//! `provenance.references["ofsi_group_id"]` and the UN reference in `["un_reference"]`.
//!
//! ```no_run
//! use embargo_readers::{uk_fcdo::UkFcdoTablesReader, ListReader};
//! use std::path::PathBuf;
//!
//! let dir = PathBuf::from("fcdo-derived");
//! let files: Vec<PathBuf> = ["subjects", "subject_names", "subject_countries", "subject_dobs", "subject_identifiers"]
//!     .iter()
//!     .map(|t| dir.join(format!("{t}.csv")))
//!     .collect();
//! let report = UkFcdoTablesReader.read(&files, &mut |_| {}).unwrap();
//! assert_eq!(report.list, "uk-fcdo");
//! ```

use crate::detect_script;
use crate::single_file;
use crate::xml::{tree::Element, XmlPull};
use crate::{Format, ListReader, Location, ReadError, ReadReport, MAX_FIELD_BYTES};
use embargo_model::{
    Address, Country, DateSpec, Entity, EntityKind, Gender, IdKind, Identifier, Name, NamePart, NamePartKind,
    NameRole, PartialDate, Program,
};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

const LIST_ID: &str = "uk-fcdo";
const PUBLISHER: &str = "UK Foreign, Commonwealth & Development Office";

/// Reader of the five-table normalisation of the UK Sanctions List.
pub struct UkFcdoTablesReader;

/// Reader of the FCDO's UK Sanctions List XML.
pub struct UkFcdoReader;

/// The five tables, by file name.
const TABLES: [&str; 5] = [
    "subjects.csv",
    "subject_names.csv",
    "subject_countries.csv",
    "subject_dobs.csv",
    "subject_identifiers.csv",
];

impl ListReader for UkFcdoTablesReader {
    fn format(&self) -> Format {
        Format::UkFcdoTables
    }

    fn read(&self, files: &[PathBuf], sink: &mut dyn FnMut(Entity)) -> Result<ReadReport, ReadError> {
        let mut by_table: [Option<&Path>; 5] = [None; 5];
        for file in files {
            let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("").to_ascii_lowercase();
            match TABLES.iter().position(|t| *t == name) {
                Some(i) => by_table[i] = Some(file),
                None => {
                    return Err(ReadError::new(
                        file,
                        Location::File,
                        format!("one of the tables {}", TABLES.join(", ")),
                        "unrecognised file name",
                    ))
                }
            }
        }
        let mut report = ReadReport::new(LIST_ID, PUBLISHER, Format::UkFcdoTables);
        let subjects = by_table[0].ok_or_else(|| {
            let any = files.first().map(PathBuf::as_path).unwrap_or(Path::new(""));
            ReadError::new(any, Location::File, "subjects.csv among the files", "subjects.csv is missing")
        })?;
        for (table, path) in TABLES.iter().zip(by_table).skip(1) {
            if path.is_none() {
                report.warn(subjects, Location::File, format!("{table} not given: its facts are absent"));
            }
        }

        let mut names = group_rows(by_table[1], &["unique_id", "name_type", "alias_strength", "full_name"])?;
        let mut countries = group_rows(by_table[2], &["unique_id", "raw_value", "country_type"])?;
        let mut dobs = group_rows(by_table[3], &["unique_id", "year", "month", "day", "precision"])?;
        let mut identifiers =
            group_rows(by_table[4], &["unique_id", "raw_value", "identifier_type", "additional_info"])?;

        let mut table = CsvTable::open(
            subjects,
            &[
                "unique_id",
                "subject_type",
                "un_reference_number",
                "ofsi_group_id",
                "date_designated",
                "last_updated",
            ],
        )?;
        let mut last_updated: Option<PartialDate> = None;
        while let Some(row) = table.next_row()? {
            let unique_id = row.get(0).trim();
            if unique_id.is_empty() {
                report.warn(subjects, Location::Line(row.line), "row without unique_id skipped");
                continue;
            }
            let kind_text = row.get(1);
            let kind = match kind_text.trim().to_ascii_lowercase().as_str() {
                "ship" => EntityKind::Vessel,
                other => EntityKind::parse(other).unwrap_or_else(|| {
                    report.warn(
                        subjects,
                        Location::Line(row.line),
                        format!("unknown subject_type {kind_text:?}"),
                    );
                    EntityKind::Unknown
                }),
            };
            let mut e = Entity::new(LIST_ID, unique_id, kind);
            e.provenance.references.insert("uk_sanctions_list_ref".into(), unique_id.to_owned());
            insert_ref(&mut e, "un_reference", row.get(2));
            insert_ref(&mut e, "ofsi_group_id", row.get(3));
            e.listed_on = PartialDate::parse(row.get(4));
            e.last_updated = PartialDate::parse(row.get(5));
            last_updated = last_updated.max(e.last_updated);

            for name in names.remove(unique_id).unwrap_or_default() {
                add_table_name(&mut e, &name);
            }
            for c in countries.remove(unique_id).unwrap_or_default() {
                add_table_country(&mut e, &c);
            }
            for d in dobs.remove(unique_id).unwrap_or_default() {
                add_table_dob(&mut e, &d);
            }
            for id in identifiers.remove(unique_id).unwrap_or_default() {
                add_table_identifier(&mut e, &id);
            }
            report.emit(e, sink);
        }
        // The tables carry no publication date; the latest last_updated is the closest fact.
        report.publication_date = last_updated;

        for ((table, path), left) in
            TABLES.iter().zip(by_table).skip(1).zip([&names, &countries, &dobs, &identifiers])
        {
            let orphans: usize = left.values().map(Vec::len).sum();
            if orphans > 0 {
                let path = path.unwrap_or(subjects);
                report.warn(
                    path,
                    Location::File,
                    format!("{orphans} rows of {table} name no subject in subjects.csv"),
                );
            }
        }
        Ok(report)
    }
}

fn insert_ref(e: &mut Entity, key: &str, value: &str) {
    let value = value.trim();
    if !value.is_empty() {
        e.provenance.references.insert(key.to_owned(), value.to_owned());
    }
}

/// A row of a side table: its wanted columns, in the order asked, and its line.
struct SideRow {
    values: Vec<String>,
    /// Name parts (`name_1`..`name_6`) for the names table; empty for others.
    parts: Vec<String>,
}

impl SideRow {
    fn get(&self, i: usize) -> &str {
        self.values.get(i).map(String::as_str).unwrap_or("").trim()
    }
}

/// Reads a side table whose first wanted column is `unique_id`, grouped by it (in file order).
fn group_rows(path: Option<&Path>, columns: &[&str]) -> Result<HashMap<String, Vec<SideRow>>, ReadError> {
    let mut groups: HashMap<String, Vec<SideRow>> = HashMap::new();
    let Some(path) = path else { return Ok(groups) };
    let mut table = CsvTable::open(path, columns)?;
    let part_columns: Vec<Option<usize>> =
        (1..=6).map(|i| table.optional_column(&format!("name_{i}"))).collect();
    while let Some(row) = table.next_row()? {
        let parts =
            part_columns.iter().map(|c| c.map(|c| row.raw(c)).unwrap_or("").trim().to_owned()).collect();
        let values: Vec<String> = (0..columns.len()).map(|i| row.get(i).to_owned()).collect();
        groups
            .entry(values[0].trim().to_owned())
            .or_default()
            .push(SideRow { values: values[1..].to_vec(), parts });
    }
    Ok(groups)
}

fn add_table_name(e: &mut Entity, row: &SideRow) {
    let (name_type, strength, full) = (row.get(0), row.get(1), row.get(2));
    let role = match (name_type, strength) {
        ("primary", _) => NameRole::Primary,
        (_, "low_quality_aka") => NameRole::WeakAlias,
        _ => NameRole::StrongAlias,
    };
    let mut name = Name::new(full, role);
    name.script = detect_script(full).filter(|s| *s != "Latn").map(str::to_owned);
    name.note = Some(if strength.is_empty() { name_type.to_owned() } else { strength.to_owned() });
    // name_1..name_5 are given and middle names, name_6 the family name (OFSI's layout).
    if e.kind == EntityKind::Person {
        name.parts = parts_of(row.parts.iter().map(String::as_str));
    }
    e.push_name(name);
}

/// Name parts from the six OFSI/FCDO name fields (`Name 1` given .. `Name 6` family).
fn parts_of<'a>(fields: impl Iterator<Item = &'a str>) -> Vec<NamePart> {
    fields
        .enumerate()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(i, v)| NamePart {
            kind: match i {
                0 => NamePartKind::Given,
                5 => NamePartKind::Family,
                _ => NamePartKind::Middle,
            },
            value: v.trim().to_owned(),
        })
        .collect()
}

fn add_table_country(e: &mut Entity, row: &SideRow) {
    let (raw, country_type) = (row.get(0), row.get(1));
    if raw.is_empty() {
        return;
    }
    let country = Country::from_published(raw);
    // The derived table repeats each country once per source row; keep one of each.
    match country_type {
        "nationality" => {
            if !e.nationalities.contains(&country) {
                e.nationalities.push(country);
            }
        }
        "birth" => {
            let place = Address { full: raw.to_owned(), country: Some(country), ..Address::default() };
            if !e.birth_places.contains(&place) {
                e.birth_places.push(place);
            }
        }
        "address" => {
            let address = Address { full: raw.to_owned(), country: Some(country), ..Address::default() };
            if !e.addresses.contains(&address) {
                e.addresses.push(address);
            }
        }
        _ => {
            if !e.countries.contains(&country) {
                e.countries.push(country);
            }
        }
    }
}

fn add_table_dob(e: &mut Entity, row: &SideRow) {
    let number = |s: &str| s.trim().parse::<u16>().ok();
    let (year, month, day) = (number(row.get(0)), number(row.get(1)), number(row.get(2)));
    let Some(year) = year else { return };
    let month = month.and_then(|m| u8::try_from(m).ok());
    let day = day.and_then(|d| u8::try_from(d).ok());
    let date = PartialDate::new(year, month, day.filter(|_| month.is_some()))
        .or_else(|| PartialDate::new(year, month, None))
        .or_else(|| PartialDate::new(year, None, None));
    let spec = match date {
        Some(date) => DateSpec::exact(date),
        None => DateSpec::parse(&format!("{}-{}-{}", row.get(0), row.get(1), row.get(2))),
    };
    if !e.birth_dates.contains(&spec) {
        e.birth_dates.push(spec);
    }
}

fn add_table_identifier(e: &mut Entity, row: &SideRow) {
    let (value, id_type, info) = (row.get(0), row.get(1), row.get(2));
    if value.is_empty() {
        return;
    }
    let kind = match id_type {
        "passport" => IdKind::Passport,
        "national" => IdKind::NationalId,
        "business_registration_numbers" => IdKind::Registration,
        "imo" => IdKind::Imo,
        other => IdKind::Other(other.to_owned()),
    };
    let mut id = Identifier::new(kind, value);
    id.note = Some(info.to_owned()).filter(|i| !i.is_empty());
    if !e.identifiers.contains(&id) {
        e.identifiers.push(id);
    }
}

/// A CSV table read row by row with its columns found by header name, every failure a
/// [`ReadError`] with the file and line.
struct CsvTable<'p> {
    path: &'p Path,
    reader: csv::Reader<std::fs::File>,
    /// Index in the file of each wanted column.
    wanted: Vec<usize>,
    headers: Vec<String>,
    record: csv::ByteRecord,
}

struct CsvRow<'r> {
    line: u64,
    record: &'r csv::ByteRecord,
    wanted: &'r [usize],
}

impl CsvRow<'_> {
    /// The wanted column `i` (as asked in [`CsvTable::open`]).
    fn get(&self, i: usize) -> &str {
        self.wanted.get(i).map(|&c| self.raw(c)).unwrap_or("")
    }

    /// Column `c` of the file. Cells were checked to be UTF-8 when the row was read.
    fn raw(&self, c: usize) -> &str {
        self.record.get(c).and_then(|b| std::str::from_utf8(b).ok()).unwrap_or("")
    }
}

impl<'p> CsvTable<'p> {
    fn open(path: &'p Path, columns: &[&str]) -> Result<CsvTable<'p>, ReadError> {
        let file = std::fs::File::open(path)
            .map_err(|e| ReadError::new(path, Location::File, "a readable file", e.to_string()))?;
        let mut reader = csv::ReaderBuilder::new().has_headers(true).flexible(false).from_reader(file);
        let expected_header = || format!("a CSV header with the columns {}", columns.join(", "));
        let header = reader.byte_headers().map_err(|e| csv_error(path, e, &expected_header()))?.clone();
        if header.is_empty() || header.iter().all(|h| h.is_empty()) {
            return Err(ReadError::new(path, Location::Line(1), expected_header(), "the file is empty"));
        }
        let headers: Vec<String> = header
            .iter()
            .map(|h| String::from_utf8_lossy(h).trim().trim_start_matches('\u{feff}').to_owned())
            .collect();
        let mut wanted = Vec::new();
        for column in columns {
            match headers.iter().position(|h| h == column) {
                Some(i) => wanted.push(i),
                None => {
                    return Err(ReadError::new(
                        path,
                        Location::Line(1),
                        expected_header(),
                        format!("no column {column:?} in the header"),
                    ))
                }
            }
        }
        Ok(CsvTable { path, reader, wanted, headers, record: csv::ByteRecord::new() })
    }

    fn optional_column(&self, name: &str) -> Option<usize> {
        self.headers.iter().position(|h| h == name)
    }

    fn next_row(&mut self) -> Result<Option<CsvRow<'_>>, ReadError> {
        let columns = self.headers.len();
        let more = self
            .reader
            .read_byte_record(&mut self.record)
            .map_err(|e| csv_error(self.path, e, &format!("{columns} columns per row")))?;
        if !more {
            return Ok(None);
        }
        let line = self.record.position().map(|p| p.line()).unwrap_or(0);
        for (i, cell) in self.record.iter().enumerate() {
            let column = self.headers.get(i).map(String::as_str).unwrap_or("?");
            if cell.len() > MAX_FIELD_BYTES {
                return Err(ReadError::new(
                    self.path,
                    Location::Line(line),
                    format!("a field of at most {MAX_FIELD_BYTES} bytes"),
                    format!("column {column:?} holds {} bytes", cell.len()),
                ));
            }
            if let Err(e) = std::str::from_utf8(cell) {
                return Err(ReadError::new(
                    self.path,
                    Location::Line(line),
                    "UTF-8 text",
                    format!("column {column:?}: invalid UTF-8 at byte {} of the cell", e.valid_up_to()),
                ));
            }
        }
        Ok(Some(CsvRow { line, record: &self.record, wanted: &self.wanted }))
    }
}

fn csv_error(path: &Path, err: csv::Error, expected: &str) -> ReadError {
    let location = err.position().map(|p| Location::Line(p.line())).unwrap_or(Location::File);
    let message = match err.kind() {
        csv::ErrorKind::UnequalLengths { expected_len, len, .. } => {
            format!("a row has {len} columns where the header has {expected_len}")
        }
        _ => err.to_string(),
    };
    ReadError::new(path, location, expected, message)
}

impl ListReader for UkFcdoReader {
    fn format(&self) -> Format {
        Format::UkFcdo
    }

    fn read(&self, files: &[PathBuf], sink: &mut dyn FnMut(Entity)) -> Result<ReadReport, ReadError> {
        let file = single_file(files, "one UK Sanctions List XML file")?;
        let mut xml = XmlPull::open(file)?;
        let root = xml.root()?;
        if root.name != "Designations" {
            return Err(ReadError::new(
                file,
                Location::Byte(root.offset),
                "a <Designations> root element",
                format!("the root element is <{}>", root.name),
            ));
        }
        let mut report = ReadReport::new(LIST_ID, PUBLISHER, Format::UkFcdo);
        report.publication_date = root.attr_value("DateGenerated").and_then(PartialDate::parse);
        while let Some(el) = xml.next_element_at(1)? {
            match el.name.as_str() {
                "Designation" => {
                    let entity = designation(file, &el, &mut report)?;
                    report.emit(entity, sink);
                }
                "DateGenerated" | "DateOfGeneration" | "PublicationDate" => {
                    report.publication_date = el.value().and_then(PartialDate::parse);
                }
                other => {
                    report.warn(file, Location::Byte(el.offset), format!("skipped unknown element <{other}>"))
                }
            }
        }
        Ok(report)
    }
}

fn designation(file: &Path, d: &Element, report: &mut ReadReport) -> Result<Entity, ReadError> {
    let unique_id = d.text_of("UniqueID").ok_or_else(|| {
        ReadError::new(file, Location::Byte(d.offset), "a <UniqueID> in every <Designation>", "no UniqueID")
    })?;
    let kind_text = d.text_of("IndividualEntityShip").unwrap_or("");
    let kind = match kind_text.to_ascii_lowercase().as_str() {
        "ship" => EntityKind::Vessel,
        other => EntityKind::parse(other).unwrap_or_else(|| {
            report.warn(
                file,
                Location::Byte(d.offset),
                format!("unknown IndividualEntityShip {kind_text:?}"),
            );
            EntityKind::Unknown
        }),
    };
    let mut e = Entity::new(LIST_ID, unique_id, kind);
    e.provenance.references.insert("uk_sanctions_list_ref".into(), unique_id.to_owned());
    insert_ref(&mut e, "ofsi_group_id", d.text_of("OFSIGroupID").unwrap_or(""));
    insert_ref(&mut e, "un_reference", d.text_of("UNReferenceNumber").unwrap_or(""));
    e.listed_on = d.text_of("DateDesignated").and_then(PartialDate::parse);
    e.last_updated = d.text_of("LastUpdated").and_then(PartialDate::parse);

    for name in d.descendants_named("Name") {
        let fields: Vec<&str> = (1..=6).map(|i| name.text_of(&format!("Name{i}")).unwrap_or("")).collect();
        // Name6 is the family name (or the whole name of an entity or ship): written last.
        let full = fields.iter().filter(|f| !f.is_empty()).copied().collect::<Vec<_>>().join(" ");
        let name_type = name.text_of("NameType").unwrap_or("");
        let strength = name.text_of("AliasStrength");
        let role = match (name_type.to_ascii_lowercase().as_str(), strength.map(str::to_ascii_lowercase)) {
            ("primary name", _) => NameRole::Primary,
            (_, Some(s)) if s.contains("low") => NameRole::WeakAlias,
            (t, _) if t.contains("former") => NameRole::FormerName,
            _ => NameRole::StrongAlias,
        };
        let mut n = Name::new(full.as_str(), role);
        n.note = Some(strength.unwrap_or(name_type).to_owned()).filter(|s| !s.is_empty());
        n.script = detect_script(&full).filter(|s| *s != "Latn").map(str::to_owned);
        if kind == EntityKind::Person {
            n.parts = parts_of(fields.into_iter());
        }
        e.push_name(n);
    }
    for non_latin in d.descendants_named("NonLatinName") {
        let Some(text) = non_latin.text_of("NameNonLatinScript") else { continue };
        let mut n = Name::new(text, NameRole::StrongAlias);
        n.script = detect_script(text).map(str::to_owned);
        n.lang = non_latin.text_of("NonLatinScriptLanguage").map(str::to_owned);
        n.note = non_latin.text_of("NonLatinScriptType").map(str::to_owned);
        e.push_name(n);
    }

    if let Some(regime) = d.text_of("RegimeName") {
        e.programs.push(Program::new(regime));
    }
    for (tag, label) in [
        ("DesignationSource", "Designation source"),
        ("SanctionsImposed", "Sanctions imposed"),
        ("UKStatementofReasons", "UK statement of reasons"),
        ("TypeOfEntity", "Type of entity"),
        ("TypeOfShip", "Type of ship"),
        ("Tonnage", "Tonnage"),
        ("Length", "Length"),
        ("YearBuilt", "Year built"),
        ("CurrentOwnerOperator", "Current owner/operator"),
        ("CurrentBelievedFlagOfShip", "Current believed flag"),
        ("PreviousFlag", "Previous flag"),
        ("ParentCompany", "Parent company"),
        ("Subsidiary", "Subsidiary"),
    ] {
        for el in d.descendants_named(tag) {
            if let Some(v) = el.value() {
                e.push_extra(label, v);
            }
        }
    }
    if let Some(other) = d.text_of("OtherInformation") {
        e.remarks.push(other.to_owned());
    }

    for a in d.descendants_named("Address") {
        let lines: Vec<&str> = (1..=6).filter_map(|i| a.text_of(&format!("AddressLine{i}"))).collect();
        let postal_code = a.text_of("AddressPostalCode");
        let country = a.text_of("AddressCountry");
        let full = lines.iter().copied().chain(postal_code).chain(country).collect::<Vec<_>>().join(", ");
        if full.is_empty() {
            continue;
        }
        e.addresses.push(Address {
            full,
            street: Some(lines.join(", ")).filter(|s| !s.is_empty()),
            postal_code: postal_code.map(str::to_owned),
            country: country.map(Country::from_published),
            ..Address::default()
        });
    }
    for (tag, kind) in
        [("PhoneNumber", IdKind::Phone), ("EmailAddress", IdKind::Email), ("Website", IdKind::Website)]
    {
        for el in d.descendants_named(tag) {
            if let Some(v) = el.value() {
                e.identifiers.push(Identifier::new(kind.clone(), v));
            }
        }
    }
    for dob in d.descendants_named("DOB") {
        if let Some(v) = dob.value() {
            e.birth_dates.push(fcdo_date(v));
        }
    }
    for nationality in d.descendants_named("Nationality") {
        if let Some(v) = nationality.value() {
            e.nationalities.push(Country::from_published(v));
        }
    }
    for position in d.descendants_named("Position") {
        if let Some(v) = position.value() {
            e.positions.push(v.to_owned());
        }
    }
    for title in d.descendants_named("Title") {
        if let Some(v) = title.value() {
            e.titles.push(v.to_owned());
        }
    }
    if let Some(gender) = d.descendants_named("Gender").find_map(Element::value) {
        e.gender = Gender::parse(gender);
    }
    for place in d.descendants_named("BirthDetails").flat_map(|b| b.children_named("Location")) {
        let city = place.text_of("TownOfBirth");
        let country = place.text_of("CountryOfBirth");
        let full = city.into_iter().chain(country).collect::<Vec<_>>().join(", ");
        if !full.is_empty() {
            e.birth_places.push(Address {
                full,
                city: city.map(str::to_owned),
                country: country.map(Country::from_published),
                ..Address::default()
            });
        }
    }
    for (container, number_tag, info_tag, kind) in [
        ("PassportDetail", "PassportNumber", "PassportAdditionalInformation", IdKind::Passport),
        (
            "NationalIdentifierDetail",
            "NationalIdentifierNumber",
            "NationalIdentifierAdditionalInformation",
            IdKind::NationalId,
        ),
    ] {
        for detail in d.descendants_named(container) {
            let Some(number) = detail.text_of(number_tag) else { continue };
            let mut id = Identifier::new(kind.clone(), number);
            id.note = detail.text_of(info_tag).map(str::to_owned);
            e.identifiers.push(id);
        }
    }
    for (tag, kind) in [
        ("BusinessRegistrationNumber", IdKind::Registration),
        ("IMONumber", IdKind::Imo),
        ("HIN", IdKind::Other("Hull identification number".into())),
    ] {
        for el in d.descendants_named(tag) {
            if let Some(v) = el.value() {
                e.identifiers.push(Identifier::new(kind.clone(), v));
            }
        }
    }
    Ok(e)
}

/// FCDO dates are `dd/mm/yyyy` with unknown parts written `dd/mm/` as `00`; anything else is
/// kept through [`DateSpec::parse`].
fn fcdo_date(text: &str) -> DateSpec {
    match PartialDate::parse(text) {
        Some(date) => DateSpec { raw: text.to_owned(), ..DateSpec::exact(date) },
        None => DateSpec::parse(text),
    }
}
