//! The UN Security Council Consolidated List, XML (`schemas/UN_consolidated.xsd`).
//!
//! Proven on the real list of 2026-02-27 (730 individuals, 273 entities).
//!
//! The file is `<CONSOLIDATED_LIST dateGenerated="...">` holding `<INDIVIDUALS>` and
//! `<ENTITIES>`; each `<INDIVIDUAL>` or `<ENTITY>` record is read whole (one record in memory at
//! a time, through a pull parser) and turned into one [`Entity`] with id `un:<REFERENCE_NUMBER>`:
//!
//! - names: `FIRST_NAME`..`FOURTH_NAME` joined into the primary name (parts kept in
//!   [`Name::parts`](embargo_model::Name)), `NAME_ORIGINAL_SCRIPT` kept as written with its
//!   script detected (`Arab`, `Cyrl`, ...), aliases by `QUALITY` (`Good`/`a.k.a.` strong, `Low`
//!   weak, `f.k.a.` former);
//! - dates of birth by `TYPE_OF_DATE` (`EXACT`, `APPROXIMATELY`, `BETWEEN` with
//!   `FROM_YEAR`/`TO_YEAR`), places of birth, nationalities, typed documents, addresses;
//! - `DESIGNATION` as positions, `TITLE`, `GENDER`, `UN_LIST_TYPE` as program, `LISTED_ON`,
//!   `LAST_DAY_UPDATED` (the latest), `COMMENTS1` as remarks; `DATAID` in
//!   `provenance.references["un_dataid"]`.
//!
//! ```no_run
//! use embargo_readers::{un_xml::UnXmlReader, ListReader};
//! use std::path::PathBuf;
//!
//! let mut ids = Vec::new();
//! let report = UnXmlReader.read(&[PathBuf::from("UN_consolidated.xml")], &mut |e| ids.push(e.id)).unwrap();
//! assert_eq!(report.list, "un");
//! ```

use crate::detect_script;
use crate::xml::{tree::Element, XmlPull};
use crate::{Format, ListReader, Location, ReadError, ReadReport};
use embargo_model::{
    Address, Country, DateSpec, Entity, EntityKind, Gender, IdKind, Identifier, Name, NamePart, NamePartKind,
    NameRole, PartialDate, Program,
};
use std::path::{Path, PathBuf};

/// Reader of the UN consolidated XML.
pub struct UnXmlReader;

const LIST_ID: &str = "un";
const PUBLISHER: &str = "United Nations Security Council";
const ROOT: &str = "CONSOLIDATED_LIST";

impl ListReader for UnXmlReader {
    fn format(&self) -> Format {
        Format::UnXml
    }

    fn read(&self, files: &[PathBuf], sink: &mut dyn FnMut(Entity)) -> Result<ReadReport, ReadError> {
        let file = crate::single_file(files, "one UN consolidated XML file")?;
        let mut xml = XmlPull::open(file)?;
        let root = xml.root()?;
        if root.name != ROOT {
            return Err(ReadError::new(
                file,
                Location::Byte(root.offset),
                format!("a <{ROOT}> root element"),
                format!("the root element is <{}>", root.name),
            ));
        }
        let mut report = ReadReport::new(LIST_ID, PUBLISHER, Format::UnXml);
        report.publication_date = root.attr("dateGenerated").and_then(PartialDate::parse_iso);
        // Records sit at depth 2: CONSOLIDATED_LIST / INDIVIDUALS / INDIVIDUAL.
        while let Some(record) = xml.next_element_at(2)? {
            let kind = match record.name.as_str() {
                "INDIVIDUAL" => EntityKind::Person,
                "ENTITY" => EntityKind::Organization,
                other => {
                    report.warn(
                        file,
                        Location::Byte(record.offset),
                        format!("skipped unknown record <{other}>"),
                    );
                    continue;
                }
            };
            let entity = entity_from_record(file, &record, kind)?;
            report.emit(entity, sink);
        }
        Ok(report)
    }
}

fn entity_from_record(file: &Path, record: &Element, kind: EntityKind) -> Result<Entity, ReadError> {
    let reference = record.text_of("REFERENCE_NUMBER").ok_or_else(|| {
        ReadError::new(
            file,
            Location::Byte(record.offset),
            "a <REFERENCE_NUMBER> in every record",
            format!("<{}> has no reference number", record.name),
        )
    })?;
    let mut e = Entity::new(LIST_ID, reference, kind);
    if let Some(dataid) = record.text_of("DATAID") {
        e.provenance.references.insert("un_dataid".into(), dataid.to_owned());
    }
    if let Some(version) = record.text_of("VERSIONNUM") {
        e.provenance.references.insert("un_versionnum".into(), version.to_owned());
    }

    // The primary name, from its parts.
    let part_kinds: [(&str, NamePartKind); 4] = if kind == EntityKind::Person {
        [
            ("FIRST_NAME", NamePartKind::Given),
            ("SECOND_NAME", NamePartKind::Family),
            ("THIRD_NAME", NamePartKind::Other),
            ("FOURTH_NAME", NamePartKind::Other),
        ]
    } else {
        [
            ("FIRST_NAME", NamePartKind::Other),
            ("SECOND_NAME", NamePartKind::Other),
            ("THIRD_NAME", NamePartKind::Other),
            ("FOURTH_NAME", NamePartKind::Other),
        ]
    };
    // "na" (not available) in a name part is the file's placeholder, not a name: FAIZULLAH
    // KHAN NOORZAI na (TAi.153) was listed with a fourth word no query holds.
    let parts: Vec<NamePart> = part_kinds
        .iter()
        .filter_map(|(tag, kind)| record.text_of(tag).map(|v| NamePart { kind: *kind, value: v.to_owned() }))
        .filter(|p| !p.value.trim().eq_ignore_ascii_case("na"))
        .collect();
    let full = parts.iter().map(|p| p.value.as_str()).collect::<Vec<_>>().join(" ");
    if kind == EntityKind::Person {
        let mut primary = Name::new(full, NameRole::Primary);
        primary.parts = parts;
        e.push_name(primary);
    } else {
        // An entity's name field sometimes holds two names: "CAGL ; GREAT LAKES BUSINESS
        // COMPANY (GLBC)". The first is the primary name, the others are names it goes by.
        for (i, name) in full.split(" ; ").map(str::trim).filter(|n| !n.is_empty()).enumerate() {
            let role = if i == 0 { NameRole::Primary } else { NameRole::StrongAlias };
            e.push_name(Name::new(name, role));
        }
    }
    if let Some(original) = record.text_of("NAME_ORIGINAL_SCRIPT") {
        // The file wraps some long names over two lines (QDi.426): the break and the
        // indentation after it are layout, not part of the name.
        let original = original.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut name = Name::new(&original, NameRole::StrongAlias);
        name.script = detect_script(&original).map(str::to_owned);
        name.note = Some("original script".into());
        e.push_name(name);
    }
    let alias_tag = if kind == EntityKind::Person { "INDIVIDUAL_ALIAS" } else { "ENTITY_ALIAS" };
    for alias in record.children_named(alias_tag) {
        let Some(text) = alias.text_of("ALIAS_NAME") else { continue };
        let quality = alias.text_of("QUALITY");
        let role = match quality.map(str::to_ascii_lowercase).as_deref() {
            Some("low") => NameRole::WeakAlias,
            Some("f.k.a.") => NameRole::FormerName,
            _ => NameRole::StrongAlias,
        };
        // One ALIAS_NAME sometimes holds several spellings separated by ';'.
        for spelling in text.split(';').map(str::trim).filter(|s| !s.is_empty()) {
            let mut name = Name::new(spelling, role);
            name.script = detect_script(spelling).filter(|s| *s != "Latn").map(str::to_owned);
            name.note = quality.map(str::to_owned);
            e.push_name(name);
        }
        if let Some(dob) = alias.text_of("DATE_OF_BIRTH") {
            e.birth_dates.push(DateSpec::parse(dob));
        }
        if let Some(pob) = alias.text_of("CITY_OF_BIRTH") {
            e.birth_places.push(Address {
                full: pob.to_owned(),
                city: Some(pob.to_owned()),
                ..Address::default()
            });
        }
        if let Some(country) = alias.text_of("COUNTRY_OF_BIRTH") {
            e.birth_places.push(address_with_country(country));
        }
        if let Some(note) = alias.text_of("NOTE") {
            e.push_extra("Alias note", format!("{text}: {note}"));
        }
    }

    for title in record.values_of("TITLE") {
        e.titles.push(title.to_owned());
    }
    for position in record.values_of("DESIGNATION") {
        e.positions.push(position.to_owned());
    }
    for nationality in record.values_of("NATIONALITY") {
        e.nationalities.push(Country::from_published(nationality));
    }
    for list_type in record.values_of("LIST_TYPE") {
        e.push_extra("List type", list_type);
    }
    if let Some(program) = record.text_of("UN_LIST_TYPE") {
        e.programs.push(Program::new(program));
    }
    e.listed_on = record.text_of("LISTED_ON").and_then(PartialDate::parse);
    e.last_updated = record.values_of("LAST_DAY_UPDATED").filter_map(PartialDate::parse).max();
    if let Some(gender) = record.text_of("GENDER") {
        e.gender = Gender::parse(gender);
    }
    if let Some(comments) = record.text_of("COMMENTS1") {
        e.remarks.push(comments.to_owned());
    }
    if let Some(sort_key) = record.text_of("SORT_KEY") {
        e.push_extra("Sort key", sort_key);
    }

    let address_tag = if kind == EntityKind::Person { "INDIVIDUAL_ADDRESS" } else { "ENTITY_ADDRESS" };
    for address in record.children_named(address_tag) {
        if let Some(address) = address_from(address) {
            e.addresses.push(address);
        }
    }
    for dob in record.children_named("INDIVIDUAL_DATE_OF_BIRTH") {
        if let Some(date) = date_of_birth(dob) {
            e.birth_dates.push(date);
        }
    }
    for pob in record.children_named("INDIVIDUAL_PLACE_OF_BIRTH") {
        if let Some(place) = address_from(pob) {
            e.birth_places.push(place);
        }
    }
    for document in record.children_named("INDIVIDUAL_DOCUMENT") {
        if let Some(id) = document_from(document) {
            e.identifiers.push(id);
        }
    }
    Ok(e)
}

fn address_with_country(country: &str) -> Address {
    Address {
        full: country.to_owned(),
        country: Some(Country::from_published(country)),
        ..Address::default()
    }
}

/// An `*_ADDRESS` or `INDIVIDUAL_PLACE_OF_BIRTH` element; `None` when every field is empty.
fn address_from(el: &Element) -> Option<Address> {
    let street = el.text_of("STREET").map(str::to_owned);
    let city = el.text_of("CITY").map(str::to_owned);
    let region = el.text_of("STATE_PROVINCE").map(str::to_owned);
    let postal_code = el.text_of("ZIP_CODE").map(str::to_owned);
    let country = el.text_of("COUNTRY").map(Country::from_published);
    let note = el.text_of("NOTE").map(str::to_owned);
    let full = [&street, &city, &region, &postal_code]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .chain(country.as_ref().map(|c| c.name.as_str()))
        .collect::<Vec<_>>()
        .join(", ");
    if full.is_empty() && note.is_none() {
        return None;
    }
    Some(Address { full, street, city, region, postal_code, country, note })
}

/// An `INDIVIDUAL_DATE_OF_BIRTH` element: `EXACT` / `APPROXIMATELY` with `DATE` or `YEAR`,
/// `BETWEEN` with `FROM_YEAR` and `TO_YEAR`.
fn date_of_birth(el: &Element) -> Option<DateSpec> {
    let type_of_date = el.text_of("TYPE_OF_DATE").map(str::to_ascii_uppercase);
    let approximate = type_of_date.as_deref() == Some("APPROXIMATELY");
    let note = el.text_of("NOTE");
    let mut spec = if let (Some(from), Some(to)) = (el.text_of("FROM_YEAR"), el.text_of("TO_YEAR")) {
        let raw = format!("{from} to {to}");
        match (PartialDate::parse(from), PartialDate::parse(to)) {
            (Some(f), Some(t)) => DateSpec::range(raw, f, t),
            _ => DateSpec::parse(&raw),
        }
    } else if let Some(date) = el.text_of("DATE").or_else(|| el.text_of("YEAR")) {
        DateSpec::parse(date)
    } else if let Some(note) = note {
        DateSpec::parse(note)
    } else {
        return None;
    };
    spec.approximate |= approximate;
    // A NOTE beside a date refines it ("Approximately", a month "Sep." for a YEAR) or says
    // something about it ("from false passport"): applied where it reads, kept in `raw` always.
    if let (Some(note), Some(_)) = (note, spec.from) {
        let lower = note.to_ascii_lowercase();
        if lower.starts_with("approx") {
            spec.approximate = true;
        } else if let (Some(year), None) = (el.text_of("YEAR"), spec.to) {
            if let Some(with_month) = PartialDate::parse(&format!("{note} {year}")) {
                spec.from = Some(with_month);
            }
        }
        spec.raw = format!("{} ({note})", spec.raw);
    }
    Some(spec)
}

/// An `INDIVIDUAL_DOCUMENT`, typed from `TYPE_OF_DOCUMENT` (`Passport`, `National Identification
/// Number`, Spanish and French passport labels) with `TYPE_OF_DOCUMENT2` as a refinement.
fn document_from(el: &Element) -> Option<Identifier> {
    let number = el.text_of("NUMBER");
    let type1 = el.text_of("TYPE_OF_DOCUMENT");
    let type2 = el.text_of("TYPE_OF_DOCUMENT2");
    let note = el.text_of("NOTE");
    let value = match number {
        Some(n) => n,
        // A document without a number says something only through its note.
        None => note?,
    };
    let mut id = Identifier::new(document_kind(type1, type2), value);
    id.country =
        el.text_of("ISSUING_COUNTRY").or_else(|| el.text_of("COUNTRY_OF_ISSUE")).map(Country::from_published);
    let mut notes = Vec::new();
    // TYPE_OF_DOCUMENT2 refines TYPE_OF_DOCUMENT ("FARDC ID"); alone, it typed the document.
    if let (Some(_), Some(refined)) = (type1, type2) {
        notes.push(format!("type: {refined}"));
    }
    if let Some(issued) = el.text_of("DATE_OF_ISSUE") {
        notes.push(format!("issued {issued}"));
    }
    if let Some(city) = el.text_of("CITY_OF_ISSUE") {
        notes.push(format!("issued in {city}"));
    }
    if let (Some(note), Some(_)) = (note, number) {
        notes.push(note.to_owned());
    }
    if !notes.is_empty() {
        id.note = Some(notes.join("; "));
    }
    Some(id)
}

fn document_kind(type1: Option<&str>, type2: Option<&str>) -> IdKind {
    for label in [type1, type2].into_iter().flatten() {
        let l = label.to_lowercase();
        if l.contains("passport") || l.contains("pasaporte") || l.contains("passeport") {
            return IdKind::Passport;
        }
        if l.contains("national identi") || l.contains("identity card") || l.contains("tazkira") {
            return IdKind::NationalId;
        }
        if l.contains("tax") {
            return IdKind::TaxId;
        }
    }
    IdKind::Other(type1.or(type2).unwrap_or("document").trim().to_owned())
}
