//! The US Consolidated Screening List (trade.gov): thirteen US export-control and sanctions
//! lists in one CSV, one row per listing.
//!
//! | code | source list | agency |
//! |---|---|---|
//! | `EL` | Entity List | Commerce, BIS |
//! | `DPL` | Denied Persons List | Commerce, BIS |
//! | `UVL` | Unverified List | Commerce, BIS |
//! | `MEU` | Military End User List | Commerce, BIS |
//! | `DTC` | ITAR Debarred | State, DDTC |
//! | `ISN` | Nonproliferation Sanctions | State, ISN |
//! | `SDN` | Specially Designated Nationals | Treasury, OFAC |
//! | `SSI` | Sectoral Sanctions Identifications | Treasury, OFAC |
//! | `FSE` | Foreign Sanctions Evaders | Treasury, OFAC |
//! | `PLC` | Palestinian Legislative Council | Treasury, OFAC |
//! | `CAP` | CAPTA List | Treasury, OFAC |
//! | `CMIC` | Non-SDN Chinese Military-Industrial Complex Companies | Treasury, OFAC |
//! | `MBS` | Non-SDN Menu-Based Sanctions | Treasury, OFAC |
//!
//! **One list, `us-csl`.** The file is one publication, so it is one list version (one import,
//! one entry in `lists`, one `diff` between two downloads); each entity keeps the source list of
//! each of its rows as a [`Listing`] (code, full name, programmes, licence requirement and
//! policy, Federal Register notice, start and end dates, standard order, source URL), which is
//! what export-control rules weigh: an Entity List hit blocks, an Unverified List hit asks for
//! review. One list id per source would need thirteen imports of the same bytes and give
//! versions trade.gov never published.
//!
//! **Ids.** An entity is `us-csl:<_id>`: OFAC's ent_num for the Treasury rows (so they can be
//! told apart from the same entry read from OFAC's own files: `references["ofac_uid"]`), a hash
//! of trade.gov's for the others. An OFAC entry on several Treasury lists (the SDN and CAPTA)
//! has one row per list under one `_id`; its rows become one entity with one listing each, names,
//! addresses, identifiers and programmes merged. The Treasury rows duplicate OFAC's own SDN and
//! Consolidated lists (imported as `ofac-sdn` and `ofac-cons`) as of the CSL's date; they are
//! kept, because a firm may screen against the CSL alone.
//!
//! **Columns.** Found by name in the header. `alt_names`, `addresses`, `dates_of_birth`,
//! `places_of_birth`, `nationalities`, `citizenships`, `programs` and `ids` hold `;`-separated
//! values. The Entity List writes its aliases as a sentence (`-A; -B; and C`): the leading `-`
//! and `and ` are dropped. An id is `[country, ][date, [date, ]]number, type` (for two dates, the
//! expiry comes first); its type goes through the OFAC remark rules (`ofac/remarks.rs`), so a
//! passport reads alike from the CSL and from OFAC's files. The file states no publication date:
//! the report's date is `None`, and a warning names the newest listing start date.
//!
//! ```no_run
//! use embargo_readers::{us_csl::UsCslReader, ListReader};
//! use std::path::PathBuf;
//!
//! let report = UsCslReader.read(&[PathBuf::from("consolidated.csv")], &mut |_| {}).unwrap();
//! assert_eq!(report.list, "us-csl");
//! ```

use crate::custom_csv::CsvRows;
use crate::ofac::{self, remarks::RemarkParser};
use crate::{Format, ListReader, Location, ReadError, ReadReport};
use embargo_model::{
    Address, DateSpec, Entity, EntityKind, IdKind, Identifier, Listing, Name, NameRole, PartialDate, Program,
    Relation,
};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Reads the US Consolidated Screening List CSV.
pub struct UsCslReader;

/// The list id.
pub const LIST: &str = "us-csl";
const PUBLISHER: &str = "US International Trade Administration (trade.gov), Consolidated Screening List";
const EXPECTED: &str = "the Consolidated Screening List CSV (header _id,source,...,name,...)";

/// The abbreviation a source name holds in parentheses, and the code kept for it.
const SOURCES: [(&str, &str); 13] = [
    ("EL", "EL"),
    ("DPL", "DPL"),
    ("UVL", "UVL"),
    ("MEU", "MEU"),
    ("DTC", "DTC"),
    ("ISN", "ISN"),
    ("SDN", "SDN"),
    ("SSI", "SSI"),
    ("FSE", "FSE"),
    ("PLC", "PLC"),
    ("CAP", "CAP"),
    ("CMIC", "CMIC"),
    ("NS-MBS List", "MBS"),
];

/// The header columns a CSL file must have; the others are read when present.
const REQUIRED: [&str; 3] = ["_id", "source", "name"];

/// Whether a CSV header row is the CSL's.
pub(crate) fn is_csl_header(header: &str) -> bool {
    let columns: Vec<&str> = header.split(',').map(str::trim).collect();
    REQUIRED.iter().chain(&["federal_register_notice", "license_requirement"]).all(|c| columns.contains(c))
}

/// Positions of the named columns of a file.
struct Columns(HashMap<String, usize>);

impl Columns {
    fn new(header: &[String], file: &Path, line: u64) -> Result<Columns, ReadError> {
        let map: HashMap<String, usize> =
            header.iter().enumerate().map(|(i, name)| (name.trim().to_owned(), i)).collect();
        if let Some(missing) = REQUIRED.iter().find(|c| !map.contains_key(**c)) {
            return Err(ReadError::new(
                file,
                Location::Line(line),
                EXPECTED,
                format!("no column `{missing}`; the header has: {}", header.join(", ")),
            ));
        }
        Ok(Columns(map))
    }

    /// The trimmed cell of `column`, empty when the file lacks the column.
    fn get<'r>(&self, row: &'r [String], column: &str) -> &'r str {
        self.0.get(column).and_then(|&i| row.get(i)).map_or("", |cell| cell.trim())
    }
}

impl ListReader for UsCslReader {
    fn format(&self) -> Format {
        Format::UsCsl
    }

    fn read(&self, files: &[PathBuf], sink: &mut dyn FnMut(Entity)) -> Result<ReadReport, ReadError> {
        let file = crate::single_file(files, "one consolidated.csv file")?;
        let mut report = ReadReport::new(LIST, PUBLISHER, Format::UsCsl);

        // Pass 1: how many rows each _id has, so that an entry's rows are merged and emitted
        // at its last row, holding only entries with rows still to come.
        let mut rows_left: HashMap<String, usize> = HashMap::new();
        for_each_row(file, |columns, _, row| {
            *rows_left.entry(columns.get(row, "_id").to_owned()).or_default() += 1;
            Ok(())
        })?;

        // Pass 2: one entity per _id.
        let mut parser = RemarkParser::default();
        let mut pending: HashMap<String, Entity> = HashMap::new();
        let mut unknown_sources: Vec<String> = Vec::new();
        let mut newest_start: Option<PartialDate> = None;
        for_each_row(file, |columns, line, row| {
            let at = Location::Line(line);
            let id = columns.get(row, "_id");
            if id.is_empty() {
                return Err(ReadError::new(file, at, "an _id in every row", "the _id cell is empty"));
            }
            let name = columns.get(row, "name");
            if name.is_empty() {
                return Err(ReadError::new(file, at, "a name in every row", format!("row {id} has no name")));
            }
            let listing = listing(columns, row, &mut unknown_sources);
            newest_start = newest_start.max(listing.start_date);
            let type_cell = columns.get(row, "type");
            let kind = match type_cell {
                // Commerce's and State's rows do not say.
                "" => EntityKind::Unknown,
                text => EntityKind::parse(text).unwrap_or_else(|| {
                    report.warn(file, at, format!("unknown type {text:?} read as unknown"));
                    EntityKind::Unknown
                }),
            };
            let mut entity = match pending.remove(id) {
                Some(entity) => entity,
                None => {
                    let mut entity = Entity::new(LIST, id, kind);
                    let entity_number = columns.get(row, "entity_number");
                    if !entity_number.is_empty() {
                        entity.provenance.references.insert("ofac_uid".to_owned(), entity_number.to_owned());
                    }
                    entity
                }
            };
            add_row(&mut entity, columns, row, kind, &mut parser);
            entity.listings.push(listing);
            let left = rows_left.get_mut(id).map(|n| {
                *n -= 1;
                *n
            });
            match left {
                Some(0) | None => report.emit(entity, sink),
                Some(_) => {
                    pending.insert(id.to_owned(), entity);
                }
            }
            Ok(())
        })?;
        for source in unknown_sources {
            report.warn(
                file,
                Location::File,
                format!("unknown source list {source:?}: kept under its own name"),
            );
        }
        report.warn(
            file,
            Location::File,
            match newest_start {
                Some(date) => format!(
                    "the file states no publication date; its newest listing starts on {date}, so it was \
                     published then or later"
                ),
                None => "the file states no publication date".to_owned(),
            },
        );
        Ok(report)
    }
}

/// Calls `each` with every data row and its line, after checking the header.
fn for_each_row(
    file: &Path,
    mut each: impl FnMut(&Columns, u64, &[String]) -> Result<(), ReadError>,
) -> Result<(), ReadError> {
    let mut rows = CsvRows::open(file, b',', EXPECTED)?;
    let mut cells = Vec::new();
    let Some(header_line) = rows.next_row(&mut cells)? else {
        return Err(ReadError::new(file, Location::File, EXPECTED, "no rows"));
    };
    let columns = Columns::new(&cells, file, header_line)?;
    let width = cells.len();
    while let Some(line) = rows.next_row(&mut cells)? {
        if cells.len() != width {
            if cells.len() == 1 && cells[0].trim().is_empty() {
                continue;
            }
            return Err(ReadError::new(
                file,
                Location::Line(line),
                format!("{width} columns, as in the header"),
                format!("found {} columns", cells.len()),
            ));
        }
        each(&columns, line, &cells)?;
    }
    Ok(())
}

/// The source list and terms of one row.
fn listing(columns: &Columns, row: &[String], unknown_sources: &mut Vec<String>) -> Listing {
    let source_name = columns.get(row, "source");
    let abbreviation = source_name
        .split_once('(')
        .and_then(|(_, rest)| rest.split_once(')'))
        .map_or(source_name, |(inside, _)| inside.trim());
    let code = match SOURCES.iter().find(|(published, _)| *published == abbreviation) {
        Some((_, code)) => *code,
        None => {
            if !unknown_sources.iter().any(|s| s == source_name) {
                unknown_sources.push(source_name.to_owned());
            }
            abbreviation
        }
    };
    let some = |column: &str| Some(columns.get(row, column).to_owned()).filter(|v| !v.is_empty());
    let mut listing = Listing::new(code, source_name);
    listing.programs = split(columns.get(row, "programs")).map(str::to_owned).collect();
    listing.license_requirement = some("license_requirement");
    listing.license_policy = some("license_policy");
    listing.federal_register_notice = some("federal_register_notice");
    listing.start_date = PartialDate::parse_iso(columns.get(row, "start_date"));
    listing.end_date = PartialDate::parse_iso(columns.get(row, "end_date"));
    listing.standard_order = match columns.get(row, "standard_order").to_ascii_uppercase().as_str() {
        "Y" => Some(true),
        "N" => Some(false),
        _ => None,
    };
    listing.source_url = some("source_information_url").or_else(|| some("source_list_url"));
    listing
}

/// The `;`-separated values of a cell, trimmed, blanks dropped.
fn split(cell: &str) -> impl Iterator<Item = &str> {
    cell.split(';').map(str::trim).filter(|v| !v.is_empty())
}

/// Adds what one row says to `entity` (a new one, or the entity of earlier rows of its `_id`).
fn add_row(
    entity: &mut Entity,
    columns: &Columns,
    row: &[String],
    kind: EntityKind,
    parser: &mut RemarkParser,
) {
    let person = kind == EntityKind::Person;
    let name_of = |full: &str, role: NameRole| {
        let mut name = Name::new(full, role);
        if person {
            name.parts = ofac::name_parts(full);
        }
        name
    };
    entity.push_name(name_of(columns.get(row, "name"), NameRole::Primary));
    for alias in split(columns.get(row, "alt_names")) {
        // The Entity List writes "a.k.a., the following aliases: -A; -B; and C".
        let alias = alias.trim_start_matches('-').trim_start();
        let alias = alias.strip_prefix("and ").unwrap_or(alias).trim();
        entity.push_name(name_of(alias, NameRole::StrongAlias));
    }
    for program in split(columns.get(row, "programs")) {
        if !entity.programs.iter().any(|p| p.name == program) {
            entity.programs.push(Program::new(program));
        }
    }
    for title in columns.get(row, "title").split("; ").map(str::trim).filter(|t| !t.is_empty()) {
        if !entity.titles.iter().any(|t| t == title) {
            entity.titles.push(title.to_owned());
        }
    }
    for address in split(columns.get(row, "addresses")) {
        if !entity.addresses.iter().any(|a| a.full == address) {
            entity.addresses.push(parse_address(address, parser));
        }
    }
    for (column, nationality) in [("nationalities", true), ("citizenships", false)] {
        for code in split(columns.get(row, column)) {
            let country = parser.country(code);
            let list = if nationality { &mut entity.nationalities } else { &mut entity.citizenships };
            if !list.contains(&country) {
                list.push(country);
            }
        }
    }
    for date in split(columns.get(row, "dates_of_birth")) {
        let date = DateSpec::parse(date);
        if !entity.birth_dates.contains(&date) {
            entity.birth_dates.push(date);
        }
    }
    for place in split(columns.get(row, "places_of_birth")) {
        let place = parser.place(place);
        if !entity.birth_places.contains(&place) {
            entity.birth_places.push(place);
        }
    }
    add_vessel(entity, columns, row, parser);
    for id in split(columns.get(row, "ids")) {
        add_id(entity, id, parser);
    }
    let remarks = columns.get(row, "remarks");
    if !remarks.is_empty() && !entity.remarks.iter().any(|r| r == remarks) {
        entity.remarks.push(remarks.to_owned());
    }
}

/// An address as the CSL writes it: its parts joined by commas, the last an ISO country code.
fn parse_address(text: &str, parser: &mut RemarkParser) -> Address {
    let mut address = Address { full: text.to_owned(), ..Address::default() };
    let last = text.rsplit(',').next().unwrap_or(text).trim();
    if last.len() == 2 && last.bytes().all(|b| b.is_ascii_uppercase()) {
        let country = parser.country(last);
        if country.code.is_some() {
            address.country = Some(country);
        }
    }
    address
}

fn add_vessel(entity: &mut Entity, columns: &Columns, row: &[String], parser: &mut RemarkParser) {
    let call_sign = columns.get(row, "call_sign");
    if !call_sign.is_empty() && !entity.identifiers.iter().any(|i| i.kind == IdKind::CallSign) {
        entity.identifiers.push(Identifier::new(IdKind::CallSign, call_sign));
    }
    for (column, label) in
        [("vessel_type", "Vessel Type"), ("gross_tonnage", "Tonnage"), ("gross_registered_tonnage", "GRT")]
    {
        entity.push_extra(label, columns.get(row, column));
    }
    let flag = columns.get(row, "vessel_flag");
    if !flag.is_empty() {
        entity.push_extra("Vessel Flag", flag);
        let country = parser.country(flag);
        if !entity.countries.contains(&country) {
            entity.countries.push(country);
        }
    }
    let owner = columns.get(row, "vessel_owner");
    if !owner.is_empty() && !entity.relations.iter().any(|r| r.target_name == owner) {
        entity.push_extra("Vessel Owner", owner);
        entity.relations.push(Relation {
            kind: "owned_by".to_owned(),
            target_id: None,
            target_name: owner.to_owned(),
        });
    }
}

/// One id, `[country, ][date, [date, ]]number, type`: read by the OFAC remark rules as
/// `type number (country)`, its dates noted; a type no rule reads is kept in `extra` under its
/// label (the CSL puts OFAC's labelled facts, such as directive dates and web pointers, among
/// its ids, so an unknown label is no identifier to match on).
fn add_id(entity: &mut Entity, text: &str, parser: &mut RemarkParser) {
    let mut pieces: Vec<&str> = text.split(", ").map(str::trim).collect();
    let Some(id_type) = pieces.pop().filter(|t| !t.is_empty()) else { return };
    let country = match pieces.first() {
        Some(code)
            if pieces.len() >= 2 && code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase()) =>
        {
            let code = *code;
            pieces.remove(0);
            embargo_model::country::name_of(code).or(Some(code))
        }
        _ => None,
    };
    let is_date = |piece: &str| piece.len() == 10 && PartialDate::parse_iso(piece).is_some();
    let mut dates = Vec::new();
    while pieces.len() >= 2 && is_date(pieces[0]) {
        dates.push(pieces.remove(0));
    }
    let number = pieces.join(", ");
    if number.is_empty() {
        return;
    }
    let note = match dates.as_slice() {
        [expires, issued] => Some(format!("issued {issued}; expires {expires}")),
        // One date, which the CSL does not say is the issue or the expiry date.
        [date] => Some(format!("dated {date}")),
        _ => None,
    };
    let mut segment = format!("{id_type} {number}");
    if let Some(country) = country {
        segment.push_str(&format!(" ({country})"));
    }
    let known = entity.identifiers.len();
    if !parser.apply(&segment, entity) {
        entity.push_extra(id_type.trim_end_matches([':', '-', ' ']), number);
        return;
    }
    if entity.identifiers[..known].iter().any(|i| entity.identifiers[known..].contains(i)) {
        // The same id on an earlier row of the entry.
        entity.identifiers.truncate(known);
        return;
    }
    if let (Some(added), Some(note)) = (entity.identifiers.get_mut(known), note) {
        let notes: Vec<String> = added.note.take().into_iter().chain([note]).collect();
        added.note = Some(notes.join("; "));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_read_country_dates_number_and_type() {
        let mut parser = RemarkParser::default();
        let mut e = Entity::new(LIST, "1", EntityKind::Person);
        add_id(&mut e, "JO, 2014-08-30, 2009-08-31, K475336, Passport", &mut parser);
        add_id(&mut e, "Male, Gender", &mut parser);
        add_id(&mut e, "5030056754, Tax ID No.", &mut parser);
        add_id(&mut e, "RU, 2017-05-30, 515458008, Passport", &mut parser);
        let passport = &e.identifiers[0];
        assert_eq!((passport.kind.clone(), passport.value.as_str()), (IdKind::Passport, "K475336"));
        assert_eq!(passport.country.as_ref().and_then(|c| c.code.as_deref()), Some("JO"));
        assert_eq!(passport.note.as_deref(), Some("issued 2009-08-31; expires 2014-08-30"));
        assert_eq!(e.gender, Some(embargo_model::Gender::Male));
        assert_eq!(e.identifiers[1].kind, IdKind::TaxId);
        assert_eq!(e.identifiers[2].note.as_deref(), Some("dated 2017-05-30"));
    }

    #[test]
    fn labelled_facts_among_the_ids_are_no_identifiers() {
        let mut parser = RemarkParser::default();
        let mut e = Entity::new(LIST, "1", EntityKind::Organization);
        add_id(&mut e, "Some Unheard Of Label, Weird Thing -", &mut parser);
        assert!(e.identifiers.is_empty());
        assert_eq!(e.extra["Weird Thing"], ["Some Unheard Of Label"]);
    }
}
