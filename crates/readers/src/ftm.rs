//! OpenSanctions entities in the FollowTheMoney (FtM) format: JSON lines, one entity per line.
//!
//! Screenable schemas (`Person`, `Company`, `Organization`, `LegalEntity`, `PublicBody`,
//! `Vessel`, `Airplane`) become entities `opensanctions:<ftm id>`. The other schemas describe
//! them and are joined in:
//!
//! - `Sanction` (by its `entity`): programmes with their legal basis (`provisions`), listing
//!   dates, and the authority, reason and source under `sanction.*` in [`Entity::extra`];
//! - `Address` (by the entity's `addressEntity`): structured addresses;
//! - `Identification` and `Passport` (by `holder`), `CryptoWallet` (by `holder`): identifiers;
//! - `Ownership`, `Directorship`, `Family`, `Associate`, `Membership`, `Employment`,
//!   `Representation`, `Succession`, `UnknownLink`: relations on both ends (`owned_by` /
//!   `owner_of`, `director_of` / `has_director`, `family`, `linked_to`, ...).
//!
//! Typed properties fill the model's fields (names and their roles, dates, places, ISO
//! countries, identifiers, gender, titles, positions, notes); every other property is kept
//! under its FtM name in [`Entity::extra`], with `datasets`, `referents`, `topics` and the
//! `first_seen` / `last_seen` / `last_change` stamps. The publication date is the newest
//! `last_change` in the file: FtM files carry no date of their own.
//!
//! The file is streamed twice, line by line: the first pass checks every line and keeps only
//! what the joins need (the describing entities and each entity's caption); the second builds
//! and emits the screenable entities one at a time. Memory grows with the describing entities,
//! not with the whole file, and a bad line anywhere fails the read before anything is emitted.
//!
//! ```no_run
//! use embargo_readers::{ftm::FtmReader, ListReader};
//! use std::path::PathBuf;
//!
//! let mut entities = Vec::new();
//! let report = FtmReader.read(&[PathBuf::from("entities.ftm.json")], &mut |e| entities.push(e)).unwrap();
//! println!("{} screenable entities", report.entities);
//! ```

use crate::{Format, ListReader, Location, ReadError, ReadReport, MAX_FIELD_BYTES};
use embargo_model::{
    Address, Country, DateSpec, Entity, EntityKind, Gender, IdKind, Identifier, Name, NameRole, PartialDate,
    Program, Relation,
};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

const LIST_ID: &str = "opensanctions";
const PUBLISHER: &str = "OpenSanctions";
const EXPECTED: &str = "a FollowTheMoney entity: one JSON object per line with `id` and `schema`";
/// A line longer than this cannot be a real entity (fields are capped at [`MAX_FIELD_BYTES`]);
/// reading stops there instead of buffering an unbounded line.
const MAX_LINE_BYTES: usize = 8 * MAX_FIELD_BYTES;

/// Reads OpenSanctions FtM JSON lines files.
pub struct FtmReader;

/// One line of the file.
#[derive(Debug, Clone, Deserialize)]
struct Record {
    id: String,
    schema: String,
    #[serde(default)]
    caption: Option<String>,
    #[serde(default)]
    properties: BTreeMap<String, Vec<serde_json::Value>>,
    #[serde(default)]
    datasets: Vec<String>,
    #[serde(default)]
    referents: Vec<String>,
    #[serde(default)]
    first_seen: Option<String>,
    #[serde(default)]
    last_seen: Option<String>,
    #[serde(default)]
    last_change: Option<String>,
}

impl Record {
    /// The values of a property as text. Nested entities (some exports inline them) stand for
    /// their id.
    fn values(&self, property: &str) -> Vec<String> {
        self.properties
            .get(property)
            .map(|values| values.iter().map(value_text).collect())
            .unwrap_or_default()
    }

    fn first(&self, property: &str) -> Option<String> {
        self.values(property).into_iter().find(|v| !v.trim().is_empty())
    }

    fn kind(&self) -> Option<EntityKind> {
        Some(match self.schema.as_str() {
            "Person" => EntityKind::Person,
            "Company" | "Organization" | "LegalEntity" | "PublicBody" => EntityKind::Organization,
            "Vessel" => EntityKind::Vessel,
            "Airplane" => EntityKind::Aircraft,
            _ => return None,
        })
    }
}

fn value_text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Object(map) => match map.get("id") {
            Some(serde_json::Value::String(id)) => id.clone(),
            _ => value.to_string(),
        },
        other => other.to_string(),
    }
}

/// The two ends of each link schema and the relation kind seen from each end.
const LINKS: &[(&str, &str, &str, &str, &str)] = &[
    // (schema, from property, to property, kind on `from`, kind on `to`)
    ("Ownership", "owner", "asset", "owner_of", "owned_by"),
    ("Directorship", "director", "organization", "director_of", "has_director"),
    ("Family", "person", "relative", "family", "family"),
    ("Associate", "person", "associate", "associate", "associate"),
    ("Membership", "member", "organization", "member_of", "has_member"),
    ("Employment", "employee", "employer", "employee_of", "employer_of"),
    ("Representation", "agent", "client", "represents", "represented_by"),
    ("Succession", "predecessor", "successor", "succeeded_by", "successor_of"),
    ("UnknownLink", "subject", "object", "linked_to", "linked_to"),
];

/// What the first pass keeps for the joins.
#[derive(Default)]
struct Joins {
    sanctions: HashMap<String, Vec<Record>>,
    addresses: HashMap<String, Record>,
    identifications: HashMap<String, Vec<Record>>,
    /// (entity id, relation kind, other end's id, detail such as the family relationship)
    relations: HashMap<String, Vec<(String, String, Option<String>)>>,
    captions: HashMap<String, String>,
    screenable: std::collections::HashSet<String>,
    newest_change: Option<PartialDate>,
}

impl ListReader for FtmReader {
    fn format(&self) -> Format {
        Format::FtmJson
    }

    fn read(&self, files: &[PathBuf], sink: &mut dyn FnMut(Entity)) -> Result<ReadReport, ReadError> {
        if files.is_empty() {
            return Err(ReadError::new(Path::new(""), Location::File, EXPECTED, "no file given"));
        }
        let mut report = ReadReport::new(LIST_ID, PUBLISHER, Format::FtmJson);
        let mut joins = Joins::default();
        for file in files {
            let mut records = 0usize;
            for_each_record(file, &mut |_, record| {
                records += 1;
                collect(&mut joins, record);
            })?;
            if records == 0 {
                return Err(ReadError::new(file, Location::File, EXPECTED, "the file holds no entity"));
            }
        }
        report.publication_date = joins.newest_change;
        for file in files {
            let mut missing_addresses = Vec::new();
            for_each_record(file, &mut |line, record| {
                if record.kind().is_some() {
                    let entity = build(&joins, record, line, &mut missing_addresses);
                    report.emit(entity, sink);
                }
            })?;
            if let Some((line, first)) = missing_addresses.first() {
                let message = format!(
                    "{} addressEntity reference(s) name no Address entity of the file (first: {first})",
                    missing_addresses.len()
                );
                report.warn(file, Location::Line(*line), message);
            }
        }
        let dangling = joins.sanctions.keys().filter(|id| !joins.screenable.contains(*id)).count();
        if dangling > 0 {
            let message = format!("{dangling} sanctioned entity id(s) have no screenable entity in the file");
            report.warn(&files[0], Location::File, message);
        }
        Ok(report)
    }
}

/// Streams the records of `file` to `each` with their line numbers; the first bad line is an
/// error naming the line.
fn for_each_record(file: &Path, each: &mut dyn FnMut(u64, Record)) -> Result<(), ReadError> {
    let error = |location, message: String| ReadError::new(file, location, EXPECTED, message);
    let handle = File::open(file).map_err(|e| error(Location::File, format!("cannot open: {e}")))?;
    if handle.metadata().map(|m| m.len() == 0).unwrap_or(false) {
        return Err(error(Location::File, "the file is empty".into()));
    }
    let mut reader = BufReader::new(handle);
    let mut buffer = Vec::new();
    let mut line = 0u64;
    loop {
        buffer.clear();
        line += 1;
        let read = (&mut reader)
            .take(MAX_LINE_BYTES as u64 + 1)
            .read_until(b'\n', &mut buffer)
            .map_err(|e| error(Location::Line(line), format!("cannot read: {e}")))?;
        if read == 0 {
            return Ok(());
        }
        if buffer.len() > MAX_LINE_BYTES {
            return Err(ReadError::new(
                file,
                Location::Line(line),
                format!("lines of at most {MAX_LINE_BYTES} bytes"),
                "the line is longer",
            ));
        }
        let text = std::str::from_utf8(&buffer).map_err(|e| {
            error(Location::Line(line), format!("invalid UTF-8 at byte {} of the line", e.valid_up_to()))
        })?;
        let text = if line == 1 { text.trim_start_matches('\u{feff}') } else { text };
        if text.trim().is_empty() {
            continue;
        }
        let record: Record = serde_json::from_str(text)
            .map_err(|e| error(Location::Line(line), format!("not a FollowTheMoney entity: {e}")))?;
        if record.id.trim().is_empty() || record.schema.trim().is_empty() {
            return Err(error(Location::Line(line), "empty `id` or `schema`".into()));
        }
        if let Some((property, length)) = oversized(&record) {
            return Err(ReadError::new(
                file,
                Location::Line(line),
                format!("property values of at most {MAX_FIELD_BYTES} bytes"),
                format!("a value of `{property}` holds {length} bytes"),
            ));
        }
        each(line, record);
    }
}

fn oversized(record: &Record) -> Option<(String, usize)> {
    record.properties.iter().find_map(|(property, values)| {
        values
            .iter()
            .map(|v| value_text(v).len())
            .find(|&length| length > MAX_FIELD_BYTES)
            .map(|length| (property.clone(), length))
    })
}

fn collect(joins: &mut Joins, record: Record) {
    if let Some(change) = record.last_change.as_deref().and_then(PartialDate::parse_iso) {
        joins.newest_change = Some(joins.newest_change.map_or(change, |d| d.max(change)));
    }
    if let Some(caption) = &record.caption {
        joins.captions.insert(record.id.clone(), caption.clone());
    }
    if record.kind().is_some() {
        joins.screenable.insert(record.id.clone());
        return;
    }
    match record.schema.as_str() {
        "Sanction" => {
            for target in record.values("entity") {
                joins.sanctions.entry(target).or_default().push(record.clone());
            }
        }
        "Address" => {
            joins.addresses.insert(record.id.clone(), record);
        }
        "Identification" | "Passport" | "CryptoWallet" => {
            for holder in record.values("holder") {
                joins.identifications.entry(holder).or_default().push(record.clone());
            }
        }
        schema => {
            let Some(&(_, from, to, from_kind, to_kind)) = LINKS.iter().find(|link| link.0 == schema) else {
                return;
            };
            let detail = record.first("relationship").or_else(|| record.first("role"));
            for source in record.values(from) {
                for target in record.values(to) {
                    let relations = &mut joins.relations;
                    relations.entry(source.clone()).or_default().push((
                        from_kind.to_owned(),
                        target.clone(),
                        detail.clone(),
                    ));
                    relations.entry(target).or_default().push((
                        to_kind.to_owned(),
                        source.clone(),
                        detail.clone(),
                    ));
                }
            }
        }
    }
}

/// Properties given a typed place in the model; every other goes to `extra`.
fn identifier_kind(property: &str, kind: EntityKind) -> Option<IdKind> {
    Some(match property {
        "passportNumber" => IdKind::Passport,
        "idNumber" if kind == EntityKind::Person => IdKind::NationalId,
        "idNumber" => IdKind::Registration,
        "taxNumber" | "innCode" | "vatCode" => IdKind::TaxId,
        "registrationNumber" if kind == EntityKind::Aircraft => IdKind::AircraftTail,
        "registrationNumber" | "ogrnCode" => IdKind::Registration,
        "serialNumber" if kind == EntityKind::Aircraft => IdKind::AircraftSerial,
        "leiCode" => IdKind::Lei,
        "imoNumber" => IdKind::Imo,
        "mmsi" => IdKind::Mmsi,
        "callSign" => IdKind::CallSign,
        "swiftBic" | "bicCode" => IdKind::SwiftBic,
        "email" => IdKind::Email,
        "website" => IdKind::Website,
        "phone" => IdKind::Phone,
        "kppCode" | "okpoCode" | "ogrnipCode" | "uniqueEntityId" | "permId" | "dunsCode" | "icijId"
        | "npiCode" | "opencorporatesUrl" | "bvdId" | "sayariId" | "brightQueryId" | "wikidataId" => {
            IdKind::Other(property.to_owned())
        }
        _ => return None,
    })
}

/// Builds the entity of a screenable record; `addressEntity` references with no Address in
/// the file (common in extracts of a larger dataset) are added to `missing_addresses`.
fn build(joins: &Joins, record: Record, line: u64, missing_addresses: &mut Vec<(u64, String)>) -> Entity {
    let kind = record.kind().unwrap_or(EntityKind::Unknown);
    let mut entity = Entity::new(LIST_ID, &record.id, kind);
    entity.provenance.references.insert("ftm_id".into(), record.id.clone());
    if let Some(caption) = &record.caption {
        entity.push_name(Name::new(caption.trim(), NameRole::Primary));
    }
    for (property, values) in &record.properties {
        let texts: Vec<String> = values.iter().map(value_text).filter(|v| !v.trim().is_empty()).collect();
        for value in texts {
            let value = value.trim();
            if let Some(id_kind) = identifier_kind(property, kind) {
                let mut id = Identifier::new(id_kind, value);
                if !matches!(property.as_str(), "passportNumber" | "email" | "website" | "phone") {
                    id.note = Some(property.clone());
                }
                push_unique(&mut entity.identifiers, id);
                continue;
            }
            match property.as_str() {
                "name" => entity.push_name(Name::new(value, NameRole::Primary)),
                "alias" => entity.push_name(Name::new(value, NameRole::StrongAlias)),
                "abbreviation" => {
                    let mut name = Name::new(value, NameRole::StrongAlias);
                    name.note = Some("abbreviation".into());
                    entity.push_name(name);
                }
                "weakAlias" => entity.push_name(Name::new(value, NameRole::WeakAlias)),
                "previousName" => entity.push_name(Name::new(value, NameRole::FormerName)),
                "birthDate" | "incorporationDate" => {
                    push_unique(&mut entity.birth_dates, DateSpec::parse(value))
                }
                "birthPlace" => push_unique(
                    &mut entity.birth_places,
                    Address { full: value.into(), ..Address::default() },
                ),
                "birthCountry" => push_unique(
                    &mut entity.birth_places,
                    Address {
                        full: value.into(),
                        country: Some(Country::from_published(value)),
                        ..Address::default()
                    },
                ),
                "nationality" => push_unique(&mut entity.nationalities, Country::from_published(value)),
                "citizenship" => push_unique(&mut entity.citizenships, Country::from_published(value)),
                "country" | "jurisdiction" | "mainCountry" | "flag" | "pastFlags" => {
                    push_unique(&mut entity.countries, Country::from_published(value));
                    if matches!(property.as_str(), "flag" | "pastFlags" | "jurisdiction") {
                        entity.push_extra(property, value);
                    }
                }
                "address" => {
                    push_unique(&mut entity.addresses, Address { full: value.into(), ..Address::default() })
                }
                "addressEntity" => match joins.addresses.get(value) {
                    Some(address) => {
                        // The same address often also comes as plain `address` text: keep the
                        // structured form in its place.
                        let structured = address_of(address);
                        match entity.addresses.iter_mut().find(|a| a.full == structured.full) {
                            Some(plain) => *plain = structured,
                            None => entity.addresses.push(structured),
                        }
                    }
                    None => missing_addresses.push((line, value.to_owned())),
                },
                "gender" => entity.gender = Gender::parse(value),
                "title" => push_unique(&mut entity.titles, value.to_owned()),
                "position" => push_unique(&mut entity.positions, value.to_owned()),
                "notes" | "description" | "summary" => push_unique(&mut entity.remarks, value.to_owned()),
                "programId" | "program" => {
                    if !entity.programs.iter().any(|p| p.name == value) {
                        entity.programs.push(Program::new(value));
                    }
                }
                "createdAt" => {
                    entity.listed_on = min_date(entity.listed_on, PartialDate::parse(value));
                    entity.push_extra(property, value);
                }
                "modifiedAt" => {
                    entity.last_updated = max_date(entity.last_updated, PartialDate::parse(value));
                    entity.push_extra(property, value);
                }
                _ => entity.push_extra(property, value),
            }
        }
    }
    for sanction in joins.sanctions.get(&record.id).into_iter().flatten() {
        join_sanction(&mut entity, sanction);
    }
    for document in joins.identifications.get(&record.id).into_iter().flatten() {
        join_identification(&mut entity, document);
    }
    for (relation_kind, other, detail) in joins.relations.get(&record.id).into_iter().flatten() {
        let kind = match detail {
            Some(detail) if relation_kind == "family" => format!("family: {detail}"),
            _ => relation_kind.clone(),
        };
        let relation = Relation {
            kind,
            target_id: joins.screenable.contains(other).then(|| embargo_model::entity_id(LIST_ID, other)),
            target_name: joins.captions.get(other).cloned().unwrap_or_else(|| other.clone()),
        };
        push_unique(&mut entity.relations, relation);
    }
    // Properties come in alphabetical order (`alias` before `name`); the model wants the
    // primary names first, the rest in the order read.
    entity.names.sort_by_key(|n| n.role != NameRole::Primary);
    for dataset in &record.datasets {
        entity.push_extra("datasets", dataset.as_str());
    }
    for referent in &record.referents {
        entity.push_extra("referents", referent.as_str());
    }
    for (label, stamp) in [
        ("first_seen", &record.first_seen),
        ("last_seen", &record.last_seen),
        ("last_change", &record.last_change),
    ] {
        if let Some(stamp) = stamp {
            entity.push_extra(label, stamp.as_str());
        }
    }
    entity
}

fn join_sanction(entity: &mut Entity, sanction: &Record) {
    let legal_basis = sanction.first("provisions");
    let program_name = sanction.first("program").or_else(|| sanction.first("programId"));
    if let Some(name) = program_name {
        match entity.programs.iter_mut().find(|p| p.name == name) {
            Some(program) => {
                if program.legal_basis.is_none() {
                    program.legal_basis = legal_basis;
                }
            }
            None => entity.programs.push(Program { name, legal_basis }),
        }
    }
    for property in ["listingDate", "startDate"] {
        for date in sanction.values(property) {
            entity.listed_on = min_date(entity.listed_on, PartialDate::parse(&date));
        }
    }
    for date in sanction.values("modifiedAt") {
        entity.last_updated = max_date(entity.last_updated, PartialDate::parse(&date));
    }
    for (property, values) in &sanction.properties {
        if matches!(property.as_str(), "entity" | "program") {
            continue;
        }
        for value in values {
            entity.push_extra(&format!("sanction.{property}"), value_text(value));
        }
    }
}

fn join_identification(entity: &mut Entity, document: &Record) {
    let kind = match document.schema.as_str() {
        "Passport" => IdKind::Passport,
        "CryptoWallet" => IdKind::CryptoWallet,
        _ => match document.first("type").map(|t| t.to_lowercase()) {
            Some(t) if t.contains("passport") => IdKind::Passport,
            Some(t) if t.contains("tax") || t.contains("inn") => IdKind::TaxId,
            _ => IdKind::NationalId,
        },
    };
    let numbers = match kind {
        IdKind::CryptoWallet => document.values("publicKey"),
        _ => document.values("number"),
    };
    let country = document.first("country").map(|c| Country::from_published(&c));
    let note = ["type", "authority", "startDate", "endDate", "currency", "summary"]
        .iter()
        .filter_map(|p| document.first(p).map(|v| format!("{p}: {v}")))
        .collect::<Vec<_>>()
        .join("; ");
    for number in numbers.iter().filter(|n| !n.trim().is_empty()) {
        let mut id = Identifier::new(kind.clone(), number.trim());
        id.country = country.clone();
        id.note = Some(note.clone()).filter(|n| !n.is_empty());
        push_unique(&mut entity.identifiers, id);
    }
}

fn address_of(address: &Record) -> Address {
    let full = address.first("full").or_else(|| address.caption.clone()).unwrap_or_else(|| {
        ["street", "city", "postalCode", "region", "country"]
            .iter()
            .filter_map(|p| address.first(p))
            .collect::<Vec<_>>()
            .join(", ")
    });
    Address {
        full,
        street: address.first("street"),
        city: address.first("city"),
        region: address.first("region"),
        postal_code: address.first("postalCode"),
        country: address.first("country").map(|c| Country::from_published(&c)),
        note: address.first("postOfficeBox").map(|p| format!("PO Box {p}")),
    }
}

fn push_unique<T: PartialEq>(values: &mut Vec<T>, value: T) {
    if !values.contains(&value) {
        values.push(value);
    }
}

fn min_date(current: Option<PartialDate>, new: Option<PartialDate>) -> Option<PartialDate> {
    match (current, new) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

fn max_date(current: Option<PartialDate>, new: Option<PartialDate>) -> Option<PartialDate> {
    match (current, new) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    }
}
