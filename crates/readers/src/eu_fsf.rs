//! The EU Financial Sanctions Files (FSF) XML, version 1.1
//! (`schemas/EU_20171012-FULL-schema-1_1.xsd`, namespace `http://eu.europa.ec/fpi/fsd/export`).
//!
//! No real file was available: this reader is **proven on a fixture** written against the
//! schema (`tests/fixtures/eu/`).
//!
//! The file is `<export generationDate=".." globalFileId="..">` holding `<sanctionEntity>`
//! records, read one at a time through a pull parser. Each becomes one [`Entity`] with id
//! `eu-fsf:<logicalId>` and the EU reference number (`EU.7520.88`) in
//! `provenance.references["eu_reference_number"]`:
//!
//! - `subjectType` `P` is a person, `E` an organisation;
//! - every `nameAlias` is a name (the first is the primary name, later ones strong aliases, or
//!   weak when `strong="false"`), with its `nameLanguage`, its script, and its parts;
//!   `function` goes to positions, `title` to titles, `gender` to gender;
//! - `birthdate` gives a date (`birthdate`, or `year`/`monthOfYear`/`dayOfMonth`, or
//!   `yearRangeFrom`/`yearRangeTo`, `circa` for approximate) and a place;
//! - `citizenship`, `address` (with `contactInfo` phone, e-mail, web), `identification` typed
//!   by `identificationTypeCode` (`passport`, `id`, `fiscalcode`, `regnumber`, `swiftbic`, ...);
//! - `regulation` is the program (`programme`) with its legal basis (`numberTitle`, URL);
//! - `remark` elements are remarks; `additionalInformation` goes to `extra`.
//!
//! ```no_run
//! use embargo_readers::{eu_fsf::EuFsfReader, ListReader};
//! use std::path::PathBuf;
//!
//! let report = EuFsfReader.read(&[PathBuf::from("eu-fsf.xml")], &mut |e| println!("{}", e.id)).unwrap();
//! assert_eq!(report.list, "eu-fsf");
//! ```

use crate::detect_script;
use crate::single_file;
use crate::xml::{tree::Element, XmlPull};
use crate::{Format, ListReader, Location, ReadError, ReadReport};
use embargo_model::{
    Address, Country, DateSpec, Entity, EntityKind, Gender, IdKind, Identifier, Name, NamePart, NamePartKind,
    NameRole, PartialDate, Program,
};
use std::path::{Path, PathBuf};

/// Reader of the EU FSF XML 1.1.
pub struct EuFsfReader;

const LIST_ID: &str = "eu-fsf";
const PUBLISHER: &str = "European Commission (FPI), EU Financial Sanctions Files";
/// The namespace of FSF 1.1 files.
pub const NAMESPACE: &str = "http://eu.europa.ec/fpi/fsd/export";

impl ListReader for EuFsfReader {
    fn format(&self) -> Format {
        Format::EuFsfXml
    }

    fn read(&self, files: &[PathBuf], sink: &mut dyn FnMut(Entity)) -> Result<ReadReport, ReadError> {
        let file = single_file(files, "one EU FSF XML file")?;
        let mut xml = XmlPull::open(file)?;
        let root = xml.root()?;
        let expected_root = format!("an <export xmlns=\"{NAMESPACE}\"> root element");
        if root.name != "export" {
            return Err(ReadError::new(
                file,
                Location::Byte(root.offset),
                expected_root,
                format!("the root element is <{}>", root.name),
            ));
        }
        if !root.attrs.iter().any(|(k, v)| k.starts_with("xmlns") && v == NAMESPACE) {
            return Err(ReadError::new(
                file,
                Location::Byte(root.offset),
                expected_root,
                "the root element is not in the FSF namespace",
            ));
        }
        let mut report = ReadReport::new(LIST_ID, PUBLISHER, Format::EuFsfXml);
        report.publication_date = root.attr_value("generationDate").and_then(PartialDate::parse_iso);
        while let Some(record) = xml.next_element_at(1)? {
            if record.name != "sanctionEntity" {
                report.warn(
                    file,
                    Location::Byte(record.offset),
                    format!("skipped unknown element <{}>", record.name),
                );
                continue;
            }
            let entity = sanction_entity(file, &record, &mut report)?;
            report.emit(entity, sink);
        }
        Ok(report)
    }
}

fn sanction_entity(file: &Path, s: &Element, report: &mut ReadReport) -> Result<Entity, ReadError> {
    let logical_id = s.attr_value("logicalId").ok_or_else(|| {
        ReadError::new(
            file,
            Location::Byte(s.offset),
            "a logicalId attribute on every <sanctionEntity>",
            "no logicalId",
        )
    })?;
    let classification = s.child("subjectType").and_then(|t| t.attr_value("classificationCode"));
    let kind = match classification {
        Some("P") => EntityKind::Person,
        Some("E") => EntityKind::Organization,
        other => {
            let code = s.child("subjectType").and_then(|t| t.attr_value("code"));
            match code.and_then(EntityKind::parse) {
                Some(kind) => kind,
                None => {
                    report.warn(
                        file,
                        Location::Byte(s.offset),
                        format!("sanctionEntity {logical_id}: unknown subject type {other:?}"),
                    );
                    EntityKind::Unknown
                }
            }
        }
    };
    let mut e = Entity::new(LIST_ID, logical_id, kind);
    e.provenance.references.insert("eu_logical_id".into(), logical_id.to_owned());
    for (attr, key) in [("euReferenceNumber", "eu_reference_number"), ("unitedNationId", "un_reference")] {
        if let Some(v) = s.attr_value(attr) {
            e.provenance.references.insert(key.to_owned(), v.to_owned());
        }
    }
    e.listed_on = s.attr_value("designationDate").and_then(PartialDate::parse_iso);
    if let Some(details) = s.attr_value("designationDetails") {
        e.push_extra("Designation details", details);
    }
    if let Some(delisted) = s.attr_value("delistingDate") {
        e.push_extra("Delisting date", delisted);
    }
    for remark in s.children_named("remark").filter_map(Element::value) {
        e.remarks.push(remark.to_owned());
    }
    for info in s.children_named("additionalInformation") {
        if let (Some(key), Some(value)) = (info.attr_value("key"), info.attr_value("value")) {
            e.push_extra(key, value);
        }
    }
    for regulation in s.children_named("regulation") {
        let Some(programme) = regulation.attr_value("programme") else { continue };
        let mut program = Program::new(programme);
        let basis: Vec<&str> = [
            regulation.attr_value("regulationType"),
            regulation.attr_value("numberTitle"),
            regulation.text_of("publicationUrl"),
        ]
        .into_iter()
        .flatten()
        .collect();
        program.legal_basis = Some(basis.join(" ")).filter(|b| !b.is_empty());
        e.programs.push(program);
    }

    for (i, alias) in s.children_named("nameAlias").enumerate() {
        add_name_alias(&mut e, alias, i == 0);
    }
    for citizenship in s.children_named("citizenship") {
        if let Some(country) = country_of(citizenship) {
            if !e.citizenships.contains(&country) {
                e.citizenships.push(country);
            }
        }
    }
    for birthdate in s.children_named("birthdate") {
        add_birthdate(&mut e, birthdate);
    }
    for address in s.children_named("address") {
        add_address(&mut e, address);
    }
    for identification in s.children_named("identification") {
        add_identification(&mut e, identification);
    }
    Ok(e)
}

/// The country of an element with the FSF `country` attribute group; `00` / `UNKNOWN` is none.
fn country_of(el: &Element) -> Option<Country> {
    let code = el.attr_value("countryIso2Code").filter(|c| *c != "00");
    let name = el.attr_value("countryDescription").filter(|d| !d.eq_ignore_ascii_case("unknown"));
    match (code, name) {
        (None, None) => None,
        (code, name) => {
            let mut country = Country::from_published(name.or(code).unwrap_or_default());
            if let Some(code) = code {
                country.code = Some(code.to_ascii_uppercase());
            }
            Some(country)
        }
    }
}

fn add_name_alias(e: &mut Entity, alias: &Element, first: bool) {
    let parts: Vec<NamePart> = [
        ("firstName", NamePartKind::Given),
        ("middleName", NamePartKind::Middle),
        ("lastName", NamePartKind::Family),
    ]
    .into_iter()
    .filter_map(|(attr, kind)| alias.attr_value(attr).map(|v| NamePart { kind, value: v.to_owned() }))
    .collect();
    let whole = alias
        .attr_value("wholeName")
        .map(str::to_owned)
        .unwrap_or_else(|| parts.iter().map(|p| p.value.as_str()).collect::<Vec<_>>().join(" "));
    if whole.is_empty() {
        return;
    }
    let strong = alias.attr_value("strong").map(|s| s != "false").unwrap_or(true);
    let role = match (first, strong) {
        (true, _) => NameRole::Primary,
        (false, true) => NameRole::StrongAlias,
        (false, false) => NameRole::WeakAlias,
    };
    let mut name = Name::new(whole.as_str(), role);
    name.lang = alias.attr_value("nameLanguage").map(str::to_ascii_lowercase);
    name.script = detect_script(&whole).map(str::to_owned).filter(|s| s != "Latn" || name.lang.is_some());
    name.parts = parts;
    e.push_name(name);
    if let Some(function) = alias.attr_value("function") {
        if !e.positions.iter().any(|p| p == function) {
            e.positions.push(function.to_owned());
        }
    }
    if let Some(title) = alias.attr_value("title") {
        if !e.titles.iter().any(|t| t == title) {
            e.titles.push(title.to_owned());
        }
    }
    if e.gender.is_none() {
        e.gender = alias.attr_value("gender").and_then(Gender::parse).filter(|g| *g != Gender::Other);
    }
}

fn add_birthdate(e: &mut Entity, b: &Element) {
    let int = |attr: &str| b.attr_value(attr).and_then(|v| v.parse::<u16>().ok());
    let circa = b.attr_value("circa") == Some("true");
    let spec = if let Some(date) = b.attr_value("birthdate") {
        Some(DateSpec::parse(date))
    } else if let (Some(from), Some(to)) = (int("yearRangeFrom"), int("yearRangeTo")) {
        let raw = format!("{from} to {to}");
        match (PartialDate::new(from, None, None), PartialDate::new(to, None, None)) {
            (Some(f), Some(t)) => Some(DateSpec::range(raw, f, t)),
            _ => Some(DateSpec::parse(&raw)),
        }
    } else if let Some(year) = int("year") {
        let month = int("monthOfYear").and_then(|m| u8::try_from(m).ok());
        let day = int("dayOfMonth").and_then(|d| u8::try_from(d).ok());
        match PartialDate::new(year, month, day.filter(|_| month.is_some())) {
            Some(date) => Some(DateSpec::exact(date)),
            None => Some(DateSpec::parse(&year.to_string())),
        }
    } else {
        None
    };
    if let Some(mut spec) = spec {
        spec.approximate |= circa;
        if let Some(calendar) = b.attr_value("calendarType").filter(|c| *c != "GREGORIAN") {
            spec.raw = format!("{} ({calendar} calendar)", spec.raw);
        }
        e.birth_dates.push(spec);
    }
    if let Some(place) = place_of(b, &["city", "place", "region", "zipCode"]) {
        e.birth_places.push(place);
    }
}

/// An address from the FSF address attributes present on `el`; `None` when all are empty.
fn place_of(el: &Element, fields: &[&str]) -> Option<Address> {
    let country = country_of(el);
    let texts: Vec<&str> = fields.iter().filter_map(|f| el.attr_value(f)).collect();
    let full =
        texts.iter().copied().chain(country.as_ref().map(|c| c.name.as_str())).collect::<Vec<_>>().join(", ");
    if full.is_empty() {
        return None;
    }
    Some(Address {
        full,
        street: el.attr_value("street").map(str::to_owned),
        city: el.attr_value("city").or_else(|| el.attr_value("place")).map(str::to_owned),
        region: el.attr_value("region").map(str::to_owned),
        postal_code: el.attr_value("zipCode").map(str::to_owned),
        country,
        note: el.attr_value("poBox").map(|p| format!("PO box {p}")),
    })
}

fn add_address(e: &mut Entity, a: &Element) {
    if let Some(mut address) = place_of(a, &["street", "poBox", "city", "place", "region", "zipCode"]) {
        if a.attr_value("asAtListingTime") == Some("true") {
            let note = address.note.take().map(|n| format!("{n}; ")).unwrap_or_default();
            address.note = Some(format!("{note}as at listing time"));
        }
        e.addresses.push(address);
    }
    for contact in a.children_named("contactInfo") {
        let (Some(key), Some(value)) = (contact.attr_value("key"), contact.attr_value("value")) else {
            continue;
        };
        let kind = match key.to_ascii_uppercase().as_str() {
            "PHONE" | "FAX" => IdKind::Phone,
            "EMAIL" => IdKind::Email,
            "WEB" | "WEBSITE" => IdKind::Website,
            _ => IdKind::Other(key.to_owned()),
        };
        e.identifiers.push(Identifier::new(kind, value));
    }
}

fn add_identification(e: &mut Entity, id: &Element) {
    let Some(number) = id.attr_value("number").or_else(|| id.attr_value("latinNumber")) else { return };
    let code = id.attr_value("identificationTypeCode").unwrap_or("").to_ascii_lowercase();
    let description = id.attr_value("identificationTypeDescription");
    let kind = match code.as_str() {
        "passport" => IdKind::Passport,
        "id" | "nationalid" => IdKind::NationalId,
        "fiscalcode" | "tin" | "tax" => IdKind::TaxId,
        "regnumber" => IdKind::Registration,
        "swiftbic" | "bic" => IdKind::SwiftBic,
        "imo" => IdKind::Imo,
        _ => IdKind::Other(description.unwrap_or(&code).to_owned()),
    };
    let mut identifier = Identifier::new(kind, number);
    identifier.country = country_of(id);
    let mut notes: Vec<String> = Vec::new();
    if let Some(d) = description {
        notes.push(d.to_owned());
    }
    for flag in ["diplomatic", "knownExpired", "knownFalse", "reportedLost", "revokedByIssuer"] {
        if id.attr_value(flag) == Some("true") {
            notes.push(flag.to_owned());
        }
    }
    for (attr, label) in [
        ("issueDate", "issued"),
        ("issuedBy", "issued by"),
        ("validFrom", "valid from"),
        ("validTo", "valid to"),
        ("nameOnDocument", "name on document"),
        ("latinNumber", "latin number"),
    ] {
        if let Some(v) = id.attr_value(attr).filter(|v| *v != number) {
            notes.push(format!("{label} {v}"));
        }
    }
    notes.extend(id.children_named("remark").filter_map(Element::value).map(str::to_owned));
    identifier.note = Some(notes.join("; ")).filter(|n| !n.is_empty());
    e.identifiers.push(identifier);
}
