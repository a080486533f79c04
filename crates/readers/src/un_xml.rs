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

use crate::{Format, ListReader, Location, ReadError, ReadReport};
use embargo_model::{
    Address, Country, DateSpec, Entity, EntityKind, Gender, IdKind, Identifier, Name, NamePart, NamePartKind,
    NameRole, PartialDate, Program,
};
use pull::{Element, XmlPull};
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
    let parts: Vec<NamePart> = part_kinds
        .iter()
        .filter_map(|(tag, kind)| record.text_of(tag).map(|v| NamePart { kind: *kind, value: v.to_owned() }))
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
        let mut name = Name::new(original, NameRole::StrongAlias);
        name.script = detect_script(original).map(str::to_owned);
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

/// A small streaming XML layer over quick-xml shared by the XML readers of this crate: it
/// yields the records of a file one at a time as owned element trees, so a reader holds one
/// record in memory, and it turns every parser failure into a [`ReadError`] with a byte offset.
pub(crate) mod pull {
    use crate::{Location, ReadError, MAX_FIELD_BYTES};
    use quick_xml::events::Event;
    use quick_xml::Reader;
    use std::fs::File;
    use std::io::BufReader;
    use std::path::{Path, PathBuf};

    /// Deeper nesting than this is refused: no list format nests more than a dozen levels, and
    /// a bound keeps hostile input from growing the element stack without limit.
    const MAX_DEPTH: usize = 64;
    /// The largest record (all text of one element tree) accepted, for the same reason as
    /// [`MAX_FIELD_BYTES`].
    const MAX_RECORD_BYTES: usize = 16 * MAX_FIELD_BYTES;

    /// One element with its attributes, text and children (local names, namespaces dropped).
    #[derive(Debug, Clone, Default)]
    pub(crate) struct Element {
        pub name: String,
        pub attrs: Vec<(String, String)>,
        /// The element's own text, entity references resolved, untrimmed.
        pub text: String,
        pub children: Vec<Element>,
        /// Byte offset of the start tag in the file.
        pub offset: u64,
    }

    impl Element {
        pub fn attr(&self, name: &str) -> Option<&str> {
            self.attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
        }

        /// The attribute, trimmed, `None` when absent or blank.
        pub fn attr_value(&self, name: &str) -> Option<&str> {
            self.attr(name).map(str::trim).filter(|v| !v.is_empty())
        }

        pub fn child(&self, name: &str) -> Option<&Element> {
            self.children.iter().find(|c| c.name == name)
        }

        pub fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
            self.children.iter().filter(move |c| c.name == name)
        }

        /// Every element named `name` below this one, depth first, in document order.
        pub fn descendants_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
            let mut stack: Vec<&'a Element> = self.children.iter().rev().collect();
            std::iter::from_fn(move || {
                while let Some(el) = stack.pop() {
                    stack.extend(el.children.iter().rev());
                    if el.name == name {
                        return Some(el);
                    }
                }
                None
            })
        }

        /// The trimmed text of this element, `None` when blank.
        pub fn value(&self) -> Option<&str> {
            Some(self.text.trim()).filter(|t| !t.is_empty())
        }

        /// The trimmed text of the first child `name`, `None` when absent or blank.
        pub fn text_of(&self, name: &str) -> Option<&str> {
            self.children.iter().filter(|c| c.name == name).find_map(Element::value)
        }

        /// The non-blank texts of the `VALUE` children of every child `name` (UN style
        /// `<NATIONALITY><VALUE>..</VALUE></NATIONALITY>`), or of the children themselves when
        /// they have no `VALUE`.
        pub fn values_of<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
            self.children_named(name).flat_map(|c| {
                let own = if c.children.is_empty() { c.value() } else { None };
                c.children_named("VALUE").filter_map(Element::value).chain(own)
            })
        }
    }

    /// A pull parser over one file, yielding the elements found at a given depth.
    pub(crate) struct XmlPull {
        reader: Reader<BufReader<File>>,
        file: PathBuf,
        buf: Vec<u8>,
        /// Names of the open elements above the cursor.
        open: Vec<String>,
    }

    impl XmlPull {
        pub fn open(file: &Path) -> Result<XmlPull, ReadError> {
            let f = File::open(file)
                .map_err(|e| ReadError::new(file, Location::File, "a readable file", e.to_string()))?;
            let reader = Reader::from_reader(BufReader::with_capacity(64 * 1024, f));
            Ok(XmlPull { reader, file: file.to_owned(), buf: Vec::new(), open: Vec::new() })
        }

        fn error(&self, offset: u64, expected: &str, message: impl Into<String>) -> ReadError {
            ReadError::new(&self.file, Location::Byte(offset), expected, message)
        }

        /// Reads up to the root element and returns it (name, attributes; no children).
        pub fn root(&mut self) -> Result<Element, ReadError> {
            loop {
                let offset = self.reader.buffer_position();
                self.buf.clear();
                let event = self.reader.read_event_into(&mut self.buf).map_err(|e| {
                    let at = self.reader.error_position();
                    ReadError::new(&self.file, Location::Byte(at), "well-formed XML", e.to_string())
                })?;
                match event {
                    Event::Start(start) => {
                        let el = element_head(&self.file, &start, offset)?;
                        self.open.push(el.name.clone());
                        return Ok(el);
                    }
                    // An empty root: a document without records.
                    Event::Empty(start) => return element_head(&self.file, &start, offset),
                    Event::Text(t) if t.trim().is_empty() => {}
                    Event::Decl(_) | Event::Comment(_) | Event::PI(_) | Event::DocType(_) => {}
                    Event::Eof => {
                        return Err(self.error(offset, "an XML root element", "the file has no XML element"));
                    }
                    _ => {
                        return Err(self.error(
                            offset,
                            "an XML root element",
                            "text or data before the root element",
                        ));
                    }
                }
            }
        }

        /// The next element whose depth (root = 0) is `depth`, read whole; `None` at the end of
        /// the document. Elements above that depth are entered and left as they come.
        pub fn next_element_at(&mut self, depth: usize) -> Result<Option<Element>, ReadError> {
            loop {
                let offset = self.reader.buffer_position();
                self.buf.clear();
                let event = self.reader.read_event_into(&mut self.buf).map_err(|e| {
                    let at = self.reader.error_position();
                    ReadError::new(&self.file, Location::Byte(at), "well-formed XML", e.to_string())
                })?;
                match event {
                    Event::Start(start) => {
                        let head = element_head(&self.file, &start, offset)?;
                        if self.open.len() == depth {
                            self.open.push(head.name.clone());
                            let el = self.read_subtree(head)?;
                            return Ok(Some(el));
                        }
                        if self.open.len() >= MAX_DEPTH {
                            return Err(self.error(offset, "less deeply nested XML", "too deeply nested"));
                        }
                        self.open.push(head.name);
                    }
                    Event::Empty(start) => {
                        let head = element_head(&self.file, &start, offset)?;
                        if self.open.len() == depth {
                            return Ok(Some(head));
                        }
                    }
                    Event::End(_) => {
                        self.open.pop();
                        if self.open.is_empty() {
                            self.expect_end_of_document()?;
                            return Ok(None);
                        }
                    }
                    Event::Eof => {
                        if let Some(inner) = self.open.last() {
                            return Err(self.error(
                                offset,
                                &format!("the closing tag </{inner}>"),
                                "the file ends in the middle of the document (truncated?)",
                            ));
                        }
                        return Ok(None);
                    }
                    _ => {}
                }
            }
        }

        fn expect_end_of_document(&mut self) -> Result<(), ReadError> {
            loop {
                let offset = self.reader.buffer_position();
                self.buf.clear();
                match self.reader.read_event_into(&mut self.buf) {
                    Ok(Event::Eof) => return Ok(()),
                    Ok(Event::Text(t)) if t.trim().is_empty() => {}
                    Ok(Event::Comment(_) | Event::PI(_)) => {}
                    Ok(_) => {
                        return Err(self.error(
                            offset,
                            "the end of the document",
                            "content after the root element",
                        ))
                    }
                    Err(e) => {
                        let at = self.reader.error_position();
                        return Err(self.error(at, "well-formed XML", e.to_string()));
                    }
                }
            }
        }

        /// Reads the children and text of `head` (whose start tag was just read) up to its end
        /// tag, without recursion.
        fn read_subtree(&mut self, head: Element) -> Result<Element, ReadError> {
            let mut stack = vec![head];
            let mut record_bytes = 0usize;
            loop {
                let offset = self.reader.buffer_position();
                self.buf.clear();
                let event = self.reader.read_event_into(&mut self.buf).map_err(|e| {
                    let at = self.reader.error_position();
                    ReadError::new(&self.file, Location::Byte(at), "well-formed XML", e.to_string())
                })?;
                let piece = match event {
                    Event::Start(start) => {
                        if self.open.len() >= MAX_DEPTH {
                            return Err(self.error(offset, "less deeply nested XML", "too deeply nested"));
                        }
                        let el = element_head(&self.file, &start, offset)?;
                        self.open.push(el.name.clone());
                        stack.push(el);
                        continue;
                    }
                    Event::Empty(start) => {
                        let el = element_head(&self.file, &start, offset)?;
                        if let Some(parent) = stack.last_mut() {
                            parent.children.push(el);
                        }
                        continue;
                    }
                    Event::End(_) => {
                        self.open.pop();
                        let done = stack.pop().unwrap_or_default();
                        match stack.last_mut() {
                            Some(parent) => {
                                parent.children.push(done);
                                continue;
                            }
                            None => return Ok(done),
                        }
                    }
                    Event::Text(t) => t.xml10_content().into_owned(),
                    Event::CData(c) => c.xml10_content().into_owned(),
                    Event::GeneralRef(r) => match resolve_reference(&r) {
                        Ok(text) => text,
                        Err((expected, message)) => return Err(self.error(offset, expected, message)),
                    },
                    Event::Eof => {
                        let inner = self.open.last().cloned().unwrap_or_default();
                        return Err(self.error(
                            offset,
                            &format!("the closing tag </{inner}>"),
                            "the file ends in the middle of a record (truncated?)",
                        ));
                    }
                    _ => continue,
                };
                let Some(current) = stack.last_mut() else { continue };
                if current.text.len() + piece.len() > MAX_FIELD_BYTES {
                    let name = current.name.clone();
                    return Err(self.error(
                        offset,
                        &format!("a field of at most {MAX_FIELD_BYTES} bytes"),
                        format!("the text of <{name}> is larger"),
                    ));
                }
                record_bytes += piece.len();
                if record_bytes > MAX_RECORD_BYTES {
                    return Err(self.error(
                        offset,
                        &format!("a record of at most {MAX_RECORD_BYTES} bytes"),
                        "the record is larger",
                    ));
                }
                current.text.push_str(&piece);
            }
        }
    }

    /// The text of `&name;`: a character reference or one of the five predefined entities.
    fn resolve_reference(r: &quick_xml::events::BytesRef) -> Result<String, (&'static str, String)> {
        match r.resolve_char_ref() {
            Ok(Some(c)) => Ok(c.to_string()),
            Ok(None) => match &**r {
                "amp" => Ok("&".into()),
                "lt" => Ok("<".into()),
                "gt" => Ok(">".into()),
                "quot" => Ok("\"".into()),
                "apos" => Ok("'".into()),
                other => Err((
                    "a predefined XML entity (&amp; &lt; &gt; &quot; &apos;)",
                    format!("unknown entity &{other};"),
                )),
            },
            Err(e) => Err(("a valid character reference", e.to_string())),
        }
    }

    /// Name (local part) and attributes of a start tag.
    fn element_head(
        file: &Path,
        start: &quick_xml::events::BytesStart,
        offset: u64,
    ) -> Result<Element, ReadError> {
        let name = start.local_name().into_inner().to_owned();
        let mut attrs = Vec::new();
        for attr in start.attributes() {
            let attr = attr.map_err(|e| {
                ReadError::new(file, Location::Byte(offset), "well-formed attributes", e.to_string())
            })?;
            let value = attr.normalized_value(quick_xml::XmlVersion::Implicit1_0).map_err(|e| {
                ReadError::new(file, Location::Byte(offset), "a well-formed attribute value", e.to_string())
            })?;
            if value.len() > MAX_FIELD_BYTES {
                return Err(ReadError::new(
                    file,
                    Location::Byte(offset),
                    format!("a field of at most {MAX_FIELD_BYTES} bytes"),
                    format!("an attribute of <{name}> is larger"),
                ));
            }
            // Namespace declarations keep their whole name (`xmlns`, `xmlns:fsd`) so a reader can
            // check the namespace; other attributes go by their local name.
            let key = attr.key.into_inner();
            let key = if key.starts_with("xmlns") { key } else { attr.key.local_name().into_inner() };
            attrs.push((key.to_owned(), value.into_owned()));
        }
        Ok(Element { name, attrs, text: String::new(), children: Vec::new(), offset })
    }
}
