//! OFAC's `sdn.xml` (schema `OFAC_xml.xsd`: `<sdnList>` of `<sdnEntry>`), and the Consolidated
//! list's `consolidated.xml` in the same schema.
//!
//! Read with a pull parser, one entry at a time. The publication date comes from
//! `publshInformation/Publish_Date` (`MM/DD/YYYY`). Names are written `LAST, First` as in the
//! legacy CSV, so an entry has the same name whichever OFAC format it was read from; `idList`
//! entries go through the same label rules as the CSV remarks (`ofac/remarks.rs`), so an
//! `<idType>Passport</idType>` and a remark `Passport X (Iran)` become the same identifier.
//! "Linked To:" targets and vessel owners resolve to entity ids after a light first pass that
//! collects the primary names.
//!
//! The list is `ofac-cons` for a file named `cons*` (OFAC's `consolidated.xml`), else
//! `ofac-sdn`: the two files share schema and namespace. Proven on the real `consolidated.xml`
//! of 2024 (443 entries) and of 2018 (639, the older `tempuri` namespace), and on fixtures
//! written against the XSD for `sdn.xml`.
//!
//! ```no_run
//! use embargo_readers::{ofac_xml::OfacXmlReader, ListReader};
//! use std::path::PathBuf;
//!
//! let report = OfacXmlReader.read(&[PathBuf::from("sdn.xml")], &mut |_| {}).unwrap();
//! println!("published {:?}", report.publication_date);
//! ```

use crate::ofac::{self, remarks::RemarkParser};
use crate::xml::{Node, XmlPull};
use crate::{Format, ListReader, Location, ReadError, ReadReport};
use embargo_model::{
    Address, DateSpec, Entity, IdKind, Identifier, Name, NamePart, NamePartKind, NameRole, PartialDate,
    Relation,
};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Reads OFAC `sdn.xml` (or `consolidated.xml`).
pub struct OfacXmlReader;

/// The elements whose children form one record of an entry.
const RECORDS: [&str; 8] = [
    "id",
    "aka",
    "address",
    "nationality",
    "citizenship",
    "dateOfBirthItem",
    "placeOfBirthItem",
    "vesselInfo",
];

impl ListReader for OfacXmlReader {
    fn format(&self) -> Format {
        Format::OfacXml
    }

    fn read(&self, files: &[PathBuf], sink: &mut dyn FnMut(Entity)) -> Result<ReadReport, ReadError> {
        let path = crate::single_file(files, "exactly one sdn.xml file")?;
        let name = path.file_name().map(|n| n.to_string_lossy().to_ascii_uppercase()).unwrap_or_default();
        let list = ofac::list_of_file_name(&name);
        let names = primary_names(path)?;
        let mut report = ReadReport::new(list, ofac::PUBLISHER, Format::OfacXml);
        let mut entries = Entries { list, names: &names, parser: RemarkParser::default() };
        entries.read(path, &mut report, sink)?;
        Ok(report)
    }
}

/// Checks the root element is `<sdnList>`.
fn expect_root(xml: &XmlPull, name: &str) -> Result<(), ReadError> {
    if xml.depth() == 1 && name != "sdnList" {
        return Err(xml.error("an <sdnList> root element (OFAC sdn.xml)", format!("the root is <{name}>")));
    }
    Ok(())
}

/// First pass: the primary name of every entry, upper-cased, to its uid (`None` when shared).
fn primary_names(path: &Path) -> Result<ofac::PrimaryNames, ReadError> {
    let mut xml = XmlPull::open(path)?;
    let mut names = ofac::PrimaryNames::default();
    let (mut uid, mut first, mut last) = (String::new(), String::new(), String::new());
    loop {
        match xml.next()? {
            Node::Start { name, .. } => expect_root(&xml, &name)?,
            Node::End { name, text, .. } => {
                let in_entry = xml.ancestor(0) == Some("sdnEntry");
                match name.as_str() {
                    "uid" if in_entry => uid = text,
                    "firstName" if in_entry => first = text,
                    "lastName" if in_entry => last = text,
                    "sdnEntry" => {
                        let full = full_name(&std::mem::take(&mut last), &std::mem::take(&mut first));
                        let uid = std::mem::take(&mut uid);
                        names.insert(&full, &uid);
                    }
                    _ => {}
                }
            }
            Node::Eof => return Ok(names),
        }
    }
}

/// `LAST, First` as the legacy CSV writes it; `LAST` alone without a first name.
fn full_name(last: &str, first: &str) -> String {
    match (last.is_empty(), first.is_empty()) {
        (_, true) => last.to_owned(),
        (true, false) => first.to_owned(),
        (false, false) => format!("{last}, {first}"),
    }
}

struct Entries<'a> {
    list: &'static str,
    names: &'a ofac::PrimaryNames,
    parser: RemarkParser,
}

/// The children of the entry being read.
#[derive(Default)]
struct Draft {
    /// Direct children with text: uid, firstName, lastName, title, sdnType, remarks.
    fields: HashMap<String, String>,
    programs: Vec<String>,
    /// Each record element (`id`, `aka`, ...) with its children's text.
    records: Vec<(String, HashMap<String, String>)>,
    open_record: HashMap<String, String>,
}

impl Entries<'_> {
    fn read(
        &mut self,
        path: &Path,
        report: &mut ReadReport,
        sink: &mut dyn FnMut(Entity),
    ) -> Result<(), ReadError> {
        let mut xml = XmlPull::open(path)?;
        let mut draft = Draft::default();
        let mut record_count: Option<usize> = None;
        loop {
            match xml.next()? {
                Node::Start { name, .. } => {
                    expect_root(&xml, &name)?;
                    if name == "sdnEntry" {
                        draft = Draft::default();
                    }
                }
                Node::End { name, text, .. } => {
                    let parent = xml.ancestor(0).unwrap_or("");
                    match name.as_str() {
                        "Publish_Date" => {
                            let date = us_date(&text).ok_or_else(|| {
                                xml.error("a Publish_Date of the form MM/DD/YYYY", format!("found {text:?}"))
                            })?;
                            report.publication_date = Some(date);
                        }
                        "Record_Count" => record_count = text.parse().ok(),
                        "program" => draft.programs.push(text),
                        "sdnEntry" => {
                            let entity = self.build(&xml, std::mem::take(&mut draft))?;
                            report.emit(entity, sink);
                        }
                        _ if RECORDS.contains(&name.as_str()) && parent != "sdnEntry"
                            || name == "vesselInfo" =>
                        {
                            draft.records.push((name, std::mem::take(&mut draft.open_record)));
                        }
                        _ if parent == "sdnEntry" => {
                            draft.fields.insert(name, text);
                        }
                        _ if RECORDS.contains(&parent) => {
                            draft.open_record.insert(name, text);
                        }
                        _ => {}
                    }
                }
                Node::Eof => break,
            }
        }
        if let Some(count) = record_count.filter(|c| *c != report.entities) {
            report.warn(
                path,
                Location::File,
                format!("Record_Count says {count} entries, the file holds {}", report.entities),
            );
        }
        Ok(())
    }

    fn build(&mut self, xml: &XmlPull, draft: Draft) -> Result<Entity, ReadError> {
        let field = |name: &str| draft.fields.get(name).map(String::as_str).unwrap_or("");
        let uid = field("uid");
        if uid.is_empty() || !uid.bytes().all(|b| b.is_ascii_digit()) {
            return Err(xml.error("a numeric <uid> in every <sdnEntry>", format!("found {uid:?}")));
        }
        let kind = ofac::kind_of(field("sdnType")).ok_or_else(|| {
            xml.error(
                "an sdnType of Individual, Entity, Vessel or Aircraft",
                format!("found {:?}", field("sdnType")),
            )
        })?;
        let (last, first) = (field("lastName"), field("firstName"));
        if last.is_empty() && first.is_empty() {
            return Err(xml.error("a <lastName> in every <sdnEntry>", format!("entry {uid} has no name")));
        }
        let mut entity = Entity::new(self.list, uid, kind);
        entity.provenance.references.insert("ofac_uid".to_owned(), uid.to_owned());
        entity.push_name(split_name(full_name(last, first), last, first, NameRole::Primary));
        entity.titles.extend(field("title").split("; ").filter(|t| !t.trim().is_empty()).map(str::to_owned));
        entity.programs = draft.programs.iter().flat_map(|p| ofac::programs(p)).collect();
        for (record, values) in &draft.records {
            self.add_record(&mut entity, record, values);
        }
        let remarks = field("remarks");
        if !remarks.is_empty() {
            entity.push_extra("Remarks", remarks);
            self.parser.parse_into(remarks, &mut entity, false);
        }
        for relation in &mut entity.relations {
            self.names.resolve(relation, self.list);
        }
        Ok(entity)
    }

    fn add_record(&mut self, entity: &mut Entity, record: &str, values: &HashMap<String, String>) {
        let value = |name: &str| values.get(name).map(String::as_str).unwrap_or("");
        match record {
            "id" => self.add_identifier(entity, values),
            "aka" => {
                let role = match (value("type").to_ascii_lowercase().as_str(), value("category")) {
                    ("f.k.a.", _) => NameRole::FormerName,
                    (_, category) if category.eq_ignore_ascii_case("weak") => NameRole::WeakAlias,
                    _ => NameRole::StrongAlias,
                };
                let (last, first) = (value("lastName"), value("firstName"));
                let mut name = split_name(full_name(last, first), last, first, role);
                name.note = Some(format!("{} ({})", value("type"), value("category")));
                entity.push_name(name);
            }
            "address" => {
                let street: Vec<&str> = ["address1", "address2", "address3"]
                    .into_iter()
                    .map(value)
                    .filter(|s| !s.is_empty())
                    .collect();
                let some = |s: &str| (!s.is_empty()).then(|| s.to_owned());
                let street = street.join(", ");
                let parts: Vec<&str> = [
                    street.as_str(),
                    value("city"),
                    value("stateOrProvince"),
                    value("postalCode"),
                    value("country"),
                ]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect();
                if parts.is_empty() {
                    return;
                }
                entity.addresses.push(Address {
                    full: parts.join(", "),
                    street: some(&street),
                    city: some(value("city")),
                    region: some(value("stateOrProvince")),
                    postal_code: some(value("postalCode")),
                    country: some(value("country")).map(|c| self.parser.country(&c)),
                    note: some(value("region")),
                });
            }
            "nationality" | "citizenship" if !value("country").is_empty() => {
                let country = self.parser.country(value("country"));
                let list = if record == "nationality" {
                    &mut entity.nationalities
                } else {
                    &mut entity.citizenships
                };
                if !list.contains(&country) {
                    list.push(country);
                }
            }
            "dateOfBirthItem" if !value("dateOfBirth").is_empty() => {
                entity.birth_dates.push(DateSpec::parse(value("dateOfBirth")));
            }
            "placeOfBirthItem" if !value("placeOfBirth").is_empty() => {
                let place = self.parser.place(value("placeOfBirth"));
                entity.birth_places.push(place);
            }
            "vesselInfo" => {
                if !value("callSign").is_empty() {
                    entity.identifiers.push(Identifier::new(IdKind::CallSign, value("callSign")));
                }
                entity.push_extra("Vessel Type", value("vesselType"));
                entity.push_extra("Tonnage", value("tonnage"));
                entity.push_extra("GRT", value("grossRegisteredTonnage"));
                if !value("vesselFlag").is_empty() {
                    entity.push_extra("Vessel Flag", value("vesselFlag"));
                    let flag = self.parser.country(value("vesselFlag"));
                    entity.countries.push(flag);
                }
                if !value("vesselOwner").is_empty() {
                    entity.push_extra("Vessel Owner", value("vesselOwner"));
                    entity.relations.push(Relation {
                        kind: "owned_by".to_owned(),
                        target_id: None,
                        target_name: value("vesselOwner").to_owned(),
                    });
                }
            }
            _ => {}
        }
    }

    /// An `<id>`: its type is a remark label (`Passport`, `Vessel Registration Identification`,
    /// `Digital Currency Address - XBT`, `Gender`, ...), read by the remark rules; a type they
    /// do not know is kept as an identifier of that type.
    fn add_identifier(&mut self, entity: &mut Entity, values: &HashMap<String, String>) {
        let value = |name: &str| values.get(name).map(String::as_str).unwrap_or("");
        let (id_type, number, country) = (value("idType"), value("idNumber"), value("idCountry"));
        if number.is_empty() {
            return;
        }
        let mut segment = format!("{id_type} {number}");
        if !country.is_empty() {
            segment.push_str(&format!(" ({country})"));
        }
        for (word, date) in [("issued", value("issueDate")), ("expires", value("expirationDate"))] {
            if !date.is_empty() {
                segment.push_str(&format!(" {word} {date}"));
            }
        }
        if self.parser.apply(&segment, entity) {
            return;
        }
        let mut identifier = Identifier::new(IdKind::Other(id_type.to_owned()), number);
        identifier.country = (!country.is_empty()).then(|| self.parser.country(country));
        let dates: Vec<String> = [("issued", value("issueDate")), ("expires", value("expirationDate"))]
            .into_iter()
            .filter(|(_, d)| !d.is_empty())
            .map(|(w, d)| format!("{w} {d}"))
            .collect();
        identifier.note = (!dates.is_empty()).then(|| dates.join(" "));
        entity.identifiers.push(identifier);
    }
}

/// A name with its family and given parts where the XML gives both.
fn split_name(full: String, last: &str, first: &str, role: NameRole) -> Name {
    let mut name = Name::new(full, role);
    if !last.is_empty() && !first.is_empty() {
        name.parts = vec![
            NamePart { kind: NamePartKind::Family, value: last.to_owned() },
            NamePart { kind: NamePartKind::Given, value: first.to_owned() },
        ];
    }
    name
}

/// OFAC's `MM/DD/YYYY`.
fn us_date(text: &str) -> Option<PartialDate> {
    let mut parts = text.trim().split('/');
    let (m, d, y) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    PartialDate::new(y.parse().ok()?, Some(m.parse().ok()?), Some(d.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn publish_date_is_month_first() {
        assert_eq!(us_date("07/02/2024"), PartialDate::new(2024, Some(7), Some(2)));
        assert_eq!(us_date("13/02/2024"), None);
        assert_eq!(us_date("2024-07-02"), None);
    }
}
