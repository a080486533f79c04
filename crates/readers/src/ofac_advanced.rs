//! OFAC's `sdn_advanced.xml`: the "advanced" schema, where every value is a reference into
//! the file's own `ReferenceValueSets` (alias types, countries, feature types, name part types,
//! party types, scripts, ...).
//!
//! The file holds, in this order: `DateOfIssue`, `ReferenceValueSets`, `Locations`,
//! `IDRegDocuments`, `DistinctParties` (one per entry: a `Profile` with `Identity` → `Alias` →
//! `DocumentedName` → `NamePartValue`, and `Feature`s such as birth dates, nationalities,
//! genders, addresses, wallets), `ProfileRelationships` and `SanctionsEntries` (programmes,
//! listing dates). Entries come before their programmes and relations, so the reader makes two
//! passes: the first keeps the reference values, locations, documents, programmes, relations
//! and primary names; the second reads the distinct parties and emits one entity each, with
//! the id `<list>:<FixedRef>` (the legacy ent_num).
//!
//! The SDN list (`sdn_advanced.xml`) and the Consolidated non-SDN list (`cons_advanced.xml`)
//! share the layout. The file says which it is: every sanctions entry of the Consolidated file
//! is on the list its reference values call `Consolidated List` (some are on the `SDN List`
//! too), so a file with such an entry is `ofac-cons`, any other `ofac-sdn`.
//!
//! What is read: names (with their parts, script and role: primary, a.k.a., weak "low quality"
//! a.k.a., f.k.a.), kind, birth dates (periods with approximate bounds), places of birth,
//! nationality and citizenship, gender, addresses, identity documents (with their dates), vessel
//! call sign, flag and type, programmes, listing date, relations; any other feature goes through
//! the remark rules of the legacy CSV (`ofac/remarks.rs`) and, failing those, to
//! [`Entity::extra`] under its feature type. Proven on the real `cons_advanced.xml` of 2020
//! (375 parties) and on a fixture written from OFAC's published schema for `sdn_advanced.xml`.
//!
//! ```no_run
//! use embargo_readers::{ofac_advanced::OfacAdvancedReader, ListReader};
//! use std::path::PathBuf;
//!
//! let report = OfacAdvancedReader.read(&[PathBuf::from("sdn_advanced.xml")], &mut |_| {}).unwrap();
//! println!("{} entries", report.entities);
//! ```

use crate::ofac::{self, remarks::RemarkParser};
use crate::xml::{Node, XmlPull};
use crate::{Format, ListReader, ReadError, ReadReport};
use embargo_model::{
    Address, Country, DateSpec, Entity, EntityKind, Gender, IdKind, Identifier, Name, NamePart, NamePartKind,
    NameRole, PartialDate, Program, Relation,
};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Reads OFAC `sdn_advanced.xml`.
pub struct OfacAdvancedReader;

type Attributes = Vec<(String, String)>;

fn attr<'a>(attributes: &'a [(String, String)], key: &str) -> &'a str {
    attributes.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str()).unwrap_or("")
}

impl ListReader for OfacAdvancedReader {
    fn format(&self) -> Format {
        Format::OfacAdvancedXml
    }

    fn read(&self, files: &[PathBuf], sink: &mut dyn FnMut(Entity)) -> Result<ReadReport, ReadError> {
        let path = crate::single_file(files, "exactly one sdn_advanced.xml file")?;
        let mut report = ReadReport::new(ofac::SDN_LIST, ofac::PUBLISHER, Format::OfacAdvancedXml);
        let mut index = Index::default();
        scan(path, &mut index, None, &mut report)?;
        report.list = index.list().to_owned();
        scan(path, &mut index, Some(sink), &mut report)?;
        Ok(report)
    }
}

/// What the first pass keeps.
#[derive(Default)]
struct Index {
    /// `(set element, ID)` → text and attributes, e.g. `("Country", "11082")` → `Iran`.
    references: HashMap<(String, String), (String, Attributes)>,
    locations: HashMap<String, LocationDraft>,
    /// Identity ID → its documents.
    documents: HashMap<String, Vec<DocumentDraft>>,
    /// Profile ID → programme names.
    programs: HashMap<String, Vec<String>>,
    /// Profile ID → first listing date.
    listed_on: HashMap<String, PartialDate>,
    /// From-profile ID → (relation type ID, to-profile ID).
    relations: HashMap<String, Vec<(String, String)>>,
    /// Profile ID → primary name, for relation targets.
    names: HashMap<String, String>,
    /// Whether a sanctions entry is on the list OFAC calls "Consolidated List": the file is
    /// then the Consolidated (non-SDN) list, whose entries may be on the SDN list too.
    consolidated: bool,
    parser: RemarkParser,
}

impl Index {
    /// The list the file is, from its sanctions entries' lists.
    fn list(&self) -> &'static str {
        if self.consolidated {
            ofac::CONS_LIST
        } else {
            ofac::SDN_LIST
        }
    }

    fn reference(&self, set: &str, id: &str) -> &str {
        self.references.get(&(set.to_owned(), id.to_owned())).map(|(text, _)| text.as_str()).unwrap_or("")
    }

    fn reference_attr(&self, set: &str, id: &str, key: &str) -> &str {
        self.references.get(&(set.to_owned(), id.to_owned())).map(|(_, a)| attr(a, key)).unwrap_or("")
    }

    fn country(&mut self, id: &str) -> Option<Country> {
        let name = self.reference("Country", id).to_owned();
        if name.is_empty() {
            return None;
        }
        let mut country = self.parser.country(&name);
        let iso2 = self.reference_attr("Country", id, "ISO2");
        if country.code.is_none() && iso2.len() == 2 {
            country.code = Some(iso2.to_ascii_uppercase());
        }
        Some(country)
    }

    fn address(&mut self, location_id: &str) -> Option<Address> {
        let location = self.locations.get(location_id)?.clone();
        let mut address = Address::default();
        let mut street = Vec::new();
        for (type_id, value) in &location.parts {
            match self.reference("LocPartType", type_id) {
                "CITY" => address.city = Some(value.clone()),
                "STATE/PROVINCE" => address.region = Some(value.clone()),
                "POSTAL CODE" => address.postal_code = Some(value.clone()),
                "REGION" => address.note = Some(value.clone()),
                _ => street.push(value.as_str()),
            }
        }
        address.street = (!street.is_empty()).then(|| street.join(", "));
        address.country = location.country_id.as_deref().and_then(|id| self.country(id));
        let full: Vec<&str> = [
            address.street.as_deref(),
            address.city.as_deref(),
            address.region.as_deref(),
            address.postal_code.as_deref(),
            address.country.as_ref().map(|c| c.name.as_str()),
        ]
        .into_iter()
        .flatten()
        .collect();
        address.full = full.join(", ");
        Some(address)
    }
}

#[derive(Default, Clone)]
struct LocationDraft {
    country_id: Option<String>,
    /// (LocPartType ID, value).
    parts: Vec<(String, String)>,
}

struct DocumentDraft {
    type_id: String,
    number: String,
    country_id: String,
    /// (IDRegDocDateType ID, date): issue and expiry dates.
    dates: Vec<(String, PartialDate)>,
}

/// One `DistinctParty` as read.
#[derive(Default)]
struct PartyDraft {
    fixed_ref: String,
    profile_id: String,
    sub_type_id: String,
    identity_ids: Vec<String>,
    names: Vec<NameDraft>,
    /// NamePartGroup ID → NamePartType ID.
    groups: HashMap<String, String>,
    features: Vec<FeatureDraft>,
    alias: Attributes,
}

struct NameDraft {
    alias: Attributes,
    /// (NamePartGroup ID, script ID, value).
    parts: Vec<(String, String, String)>,
}

#[derive(Default)]
struct FeatureDraft {
    type_id: String,
    approximate: bool,
    /// (Start|End, From|To) → date.
    dates: HashMap<(String, String), PartialDate>,
    /// (DetailReference ID, text).
    details: Vec<(String, String)>,
    location_ids: Vec<String>,
}

/// One pass over the file. Without a sink (first pass) it fills `index`; with one it reads
/// the distinct parties and emits entities.
fn scan(
    path: &Path,
    index: &mut Index,
    mut sink: Option<&mut dyn FnMut(Entity)>,
    report: &mut ReadReport,
) -> Result<(), ReadError> {
    let first_pass = sink.is_none();
    let mut xml = XmlPull::open(path)?;
    let mut party = PartyDraft::default();
    let mut feature = FeatureDraft::default();
    let mut location = LocationDraft::default();
    let mut location_part_type = String::new();
    let mut document_number = String::new();
    let mut document_dates = Vec::new();
    let mut date_parts: HashMap<String, u16> = HashMap::new();
    let mut measure_comment = String::new();
    loop {
        match xml.next()? {
            Node::Start { name, .. } => {
                let attributes = xml.attributes();
                if xml.depth() == 1 && name != "Sanctions" {
                    return Err(xml.error(
                        "a <Sanctions> root element (OFAC sdn_advanced.xml)",
                        format!("the root is <{name}>"),
                    ));
                }
                match name.as_str() {
                    "DistinctParty" => {
                        party = PartyDraft {
                            fixed_ref: attr(attributes, "FixedRef").to_owned(),
                            ..Default::default()
                        }
                    }
                    "Profile" => {
                        party.profile_id = attr(attributes, "ID").to_owned();
                        party.sub_type_id = attr(attributes, "PartySubTypeID").to_owned();
                    }
                    "Identity" => party.identity_ids.push(attr(attributes, "ID").to_owned()),
                    "Alias" => party.alias = attributes.to_vec(),
                    "DocumentedName" => {
                        party.names.push(NameDraft { alias: party.alias.clone(), parts: Vec::new() })
                    }
                    "NamePartGroup" => {
                        party.groups.insert(
                            attr(attributes, "ID").to_owned(),
                            attr(attributes, "NamePartTypeID").to_owned(),
                        );
                    }
                    "Feature" => {
                        feature = FeatureDraft {
                            type_id: attr(attributes, "FeatureTypeID").to_owned(),
                            ..Default::default()
                        }
                    }
                    "Start" | "End" if xml.ancestor(1) == Some("DatePeriod") => {
                        feature.approximate |= attr(attributes, "Approximate") == "true";
                    }
                    "VersionLocation" => feature.location_ids.push(attr(attributes, "LocationID").to_owned()),
                    "Location" if xml.ancestor(1) == Some("Locations") => location = LocationDraft::default(),
                    "LocationCountry" => location.country_id = Some(attr(attributes, "CountryID").to_owned()),
                    "LocationPart" => location_part_type = attr(attributes, "LocPartTypeID").to_owned(),
                    "From" | "To" | "Date" | "DateOfIssue" => date_parts.clear(),
                    _ => {}
                }
            }
            Node::End { name, text, attributes } => {
                let parent = xml.ancestor(0).unwrap_or("");
                match name.as_str() {
                    "Year" | "Month" | "Day" => {
                        let value = text.parse().map_err(|_| {
                            xml.error(format!("a number in <{name}>"), format!("found {text:?}"))
                        })?;
                        date_parts.insert(name, value);
                    }
                    "From" | "To" if xml.ancestor(1) == Some("DatePeriod") => {
                        if let Some(date) = date_of(&date_parts) {
                            feature.dates.insert((parent.to_owned(), name), date);
                        }
                    }
                    "DateOfIssue" if first_pass => report.publication_date = date_of(&date_parts),
                    "NamePartValue" => {
                        if let Some(draft) = party.names.last_mut() {
                            draft.parts.push((
                                attr(&attributes, "NamePartGroupID").to_owned(),
                                attr(&attributes, "ScriptID").to_owned(),
                                text,
                            ));
                        }
                    }
                    "VersionDetail" => {
                        feature.details.push((attr(&attributes, "DetailReferenceID").to_owned(), text));
                    }
                    "Feature" => party.features.push(std::mem::take(&mut feature)),
                    "DistinctParty" => {
                        let draft = std::mem::take(&mut party);
                        if draft.fixed_ref.is_empty() || !draft.fixed_ref.bytes().all(|b| b.is_ascii_digit())
                        {
                            return Err(xml.error(
                                "a numeric FixedRef on every <DistinctParty>",
                                format!("found {:?}", draft.fixed_ref),
                            ));
                        }
                        match sink.as_mut() {
                            None => {
                                if let Some(name) = primary_name(index, &draft) {
                                    index.names.insert(draft.profile_id.clone(), name);
                                }
                            }
                            Some(sink) => {
                                let entity = build(index, draft).map_err(|message| {
                                    xml.error("a distinct party with a known party type and a name", message)
                                })?;
                                report.emit(entity, &mut **sink);
                            }
                        }
                    }
                    _ if !first_pass => {}
                    // First pass only: reference values, locations, documents, sanctions entries.
                    _ if xml.ancestor(1) == Some("ReferenceValueSets") => {
                        let id = attr(&attributes, "ID").to_owned();
                        index.references.insert((name, id), (text, attributes));
                    }
                    "Value" if xml.ancestor(1) == Some("LocationPart") => {
                        location.parts.push((location_part_type.clone(), text));
                    }
                    "Location" if parent == "Locations" => {
                        index
                            .locations
                            .insert(attr(&attributes, "ID").to_owned(), std::mem::take(&mut location));
                    }
                    "IDRegistrationNo" => document_number = text,
                    // The date is the last bound of its period read, which for a document's
                    // single day is the day itself.
                    "DocumentDate" => {
                        if let Some(date) = date_of(&date_parts) {
                            document_dates.push((attr(&attributes, "IDRegDocDateTypeID").to_owned(), date));
                        }
                    }
                    "IDRegDocument" => {
                        index.documents.entry(attr(&attributes, "IdentityID").to_owned()).or_default().push(
                            DocumentDraft {
                                type_id: attr(&attributes, "IDRegDocTypeID").to_owned(),
                                number: std::mem::take(&mut document_number),
                                country_id: attr(&attributes, "IssuedBy-CountryID").to_owned(),
                                dates: std::mem::take(&mut document_dates),
                            },
                        );
                    }
                    "ProfileRelationship" => {
                        index
                            .relations
                            .entry(attr(&attributes, "From-ProfileID").to_owned())
                            .or_default()
                            .push((
                                attr(&attributes, "RelationTypeID").to_owned(),
                                attr(&attributes, "To-ProfileID").to_owned(),
                            ));
                    }
                    "Comment" if parent == "SanctionsMeasure" => measure_comment = text,
                    "SanctionsMeasure" => {
                        let comment = std::mem::take(&mut measure_comment);
                        let is_program = index
                            .reference("SanctionsType", attr(&attributes, "SanctionsTypeID"))
                            == "Program";
                        if is_program && !comment.is_empty() {
                            let profile = entry_profile(&xml);
                            index.programs.entry(profile).or_default().push(comment);
                        }
                    }
                    "SanctionsEntry" => {
                        let list = index.reference("List", attr(&attributes, "ListID"));
                        index.consolidated |= list == "Consolidated List";
                    }
                    "EntryEvent" => {
                        if let Some(date) = date_of(&date_parts) {
                            index.listed_on.entry(entry_profile(&xml)).or_insert(date);
                        }
                    }
                    _ => {}
                }
            }
            Node::Eof => return Ok(()),
        }
    }
}

/// The ProfileID of the `SanctionsEntry` being read.
fn entry_profile(xml: &XmlPull) -> String {
    xml.open_attribute("SanctionsEntry", "ProfileID").unwrap_or_default()
}

fn date_of(parts: &HashMap<String, u16>) -> Option<PartialDate> {
    let year = *parts.get("Year")?;
    let month = parts.get("Month").map(|m| *m as u8);
    let day = parts.get("Day").map(|d| *d as u8);
    PartialDate::new(year, month, if month.is_some() { day } else { None })
}

/// A name: for people the family name, a comma, then the other parts, as the legacy CSV writes
/// it (`AGHAJANI, Saeed`); otherwise the parts in order.
fn compose(index: &Index, party: &PartyDraft, draft: &NameDraft, person: bool) -> Name {
    let part_kind = |group: &str| {
        let type_id = party.groups.get(group).map(String::as_str).unwrap_or("");
        match index.reference("NamePartType", type_id) {
            "Last Name" => NamePartKind::Family,
            "First Name" => NamePartKind::Given,
            "Middle Name" => NamePartKind::Middle,
            "Patronymic" => NamePartKind::Patronymic,
            _ => NamePartKind::Other,
        }
    };
    let parts: Vec<NamePart> = draft
        .parts
        .iter()
        .map(|(group, _, value)| NamePart { kind: part_kind(group), value: value.clone() })
        .collect();
    let family: Vec<&str> =
        parts.iter().filter(|p| p.kind == NamePartKind::Family).map(|p| p.value.as_str()).collect();
    let others: Vec<&str> =
        parts.iter().filter(|p| p.kind != NamePartKind::Family).map(|p| p.value.as_str()).collect();
    let full = if person && !family.is_empty() && !others.is_empty() {
        format!("{}, {}", family.join(" "), others.join(" "))
    } else {
        parts.iter().map(|p| p.value.as_str()).collect::<Vec<_>>().join(" ")
    };
    let alias_type = index.reference("AliasType", attr(&draft.alias, "AliasTypeID"));
    let role = if attr(&draft.alias, "Primary") == "true" {
        NameRole::Primary
    } else if alias_type == "F.K.A." {
        NameRole::FormerName
    } else if attr(&draft.alias, "LowQuality") == "true" {
        NameRole::WeakAlias
    } else {
        NameRole::StrongAlias
    };
    let mut name = Name::new(full, role);
    if person && parts.iter().any(|p| p.kind != NamePartKind::Other) {
        name.parts = parts;
    }
    let script_id = draft.parts.first().map(|(_, s, _)| s.as_str()).unwrap_or("");
    let script = index.reference_attr("Script", script_id, "ScriptCode");
    name.script = (!script.is_empty()).then(|| script.to_owned());
    if role != NameRole::Primary && !alias_type.is_empty() {
        name.note = Some(alias_type.to_owned());
    }
    name
}

fn kind_of(index: &Index, party: &PartyDraft) -> Option<EntityKind> {
    let sub_type = index.reference("PartySubType", &party.sub_type_id);
    let party_type =
        index.reference("PartyType", index.reference_attr("PartySubType", &party.sub_type_id, "PartyTypeID"));
    match (sub_type, party_type) {
        ("Vessel", _) => Some(EntityKind::Vessel),
        ("Aircraft", _) => Some(EntityKind::Aircraft),
        (_, "Individual") => Some(EntityKind::Person),
        (_, "Entity") => Some(EntityKind::Organization),
        _ => None,
    }
}

fn primary_name(index: &Index, party: &PartyDraft) -> Option<String> {
    let person = kind_of(index, party) == Some(EntityKind::Person);
    party
        .names
        .iter()
        .map(|n| compose(index, party, n, person))
        .find(|n| n.role == NameRole::Primary)
        .map(|n| n.full)
}

fn build(index: &mut Index, party: PartyDraft) -> Result<Entity, String> {
    let kind =
        kind_of(index, &party).ok_or_else(|| format!("unknown PartySubTypeID {:?}", party.sub_type_id))?;
    let list = index.list();
    let mut entity = Entity::new(list, &party.fixed_ref, kind);
    entity.provenance.references.insert("ofac_profile_id".to_owned(), party.profile_id.clone());
    let mut names: Vec<Name> =
        party.names.iter().map(|n| compose(index, &party, n, kind == EntityKind::Person)).collect();
    // Primary name first, then aliases in published order.
    names.sort_by_key(|n| n.role != NameRole::Primary);
    for name in names {
        entity.push_name(name);
    }
    if entity.names.is_empty() {
        return Err(format!("distinct party {} has no name", party.fixed_ref));
    }
    entity.programs = index.programs.get(&party.profile_id).into_iter().flatten().map(Program::new).collect();
    entity.listed_on = index.listed_on.get(&party.profile_id).copied();
    for identity in &party.identity_ids {
        let documents = index.documents.remove(identity).unwrap_or_default();
        for document in documents {
            add_document(index, &mut entity, document);
        }
    }
    for feature in &party.features {
        add_feature(index, &mut entity, feature);
    }
    for (type_id, target) in index.relations.get(&party.profile_id).cloned().unwrap_or_default() {
        let kind = index.reference("RelationType", &type_id).to_ascii_lowercase().replace(' ', "_");
        entity.relations.push(Relation {
            kind: if kind.is_empty() { "related_to".to_owned() } else { kind },
            target_id: Some(embargo_model::entity_id(list, &target)),
            target_name: index.names.get(&target).cloned().unwrap_or_else(|| target.clone()),
        });
    }
    Ok(entity)
}

fn add_document(index: &mut Index, entity: &mut Entity, document: DocumentDraft) {
    if document.number.is_empty() {
        return;
    }
    let doc_type = index.reference("IDRegDocType", &document.type_id).to_owned();
    let country = index.country(&document.country_id);
    // The document types are the labels of the legacy remarks ("Passport", "Vessel
    // Registration Identification", ...): the same rules type them.
    let mut segment = format!("{doc_type} {}", document.number);
    if let Some(country) = &country {
        segment.push_str(&format!(" ({})", country.name));
    }
    let dates: Vec<String> = document
        .dates
        .iter()
        .map(|(type_id, date)| {
            format!("{} {date}", index.reference("IDRegDocDateType", type_id)).trim().to_owned()
        })
        .collect();
    let known = entity.identifiers.len();
    if !index.parser.apply(&segment, entity) {
        entity.identifiers.push(Identifier::new(IdKind::Other(doc_type), document.number));
    }
    if let Some(added) = entity.identifiers.get_mut(known) {
        // The country resolved through the file's own ISO codes, and the document's dates.
        if country.is_some() {
            added.country = country;
        }
        if !dates.is_empty() {
            let notes: Vec<String> = added.note.take().into_iter().chain(dates).collect();
            added.note = Some(notes.join("; "));
        }
    }
}

fn add_feature(index: &mut Index, entity: &mut Entity, feature: &FeatureDraft) {
    let feature_type = index.reference("FeatureType", &feature.type_id).to_owned();
    let locations: Vec<Address> = feature.location_ids.iter().filter_map(|id| index.address(id)).collect();
    let details: Vec<String> = feature
        .details
        .iter()
        .map(|(reference, text)| {
            if text.is_empty() {
                index.reference("DetailReference", reference).to_owned()
            } else {
                text.clone()
            }
        })
        .filter(|d| !d.is_empty())
        .collect();
    match feature_type.as_str() {
        "Birthdate" => {
            if let Some(date) = period(feature) {
                entity.birth_dates.push(date);
            }
        }
        "Place of Birth" => {
            entity.birth_places.extend(locations);
            for text in details {
                let place = index.parser.place(&text);
                entity.birth_places.push(place);
            }
        }
        "Nationality Country" | "Citizenship Country" | "Vessel Flag" => {
            let countries = locations
                .into_iter()
                .filter_map(|a| a.country)
                .chain(details.iter().map(|d| index.parser.country(d)))
                .collect::<Vec<_>>();
            for country in countries {
                if feature_type == "Vessel Flag" {
                    entity.push_extra("Vessel Flag", country.name.clone());
                }
                let list = match feature_type.as_str() {
                    "Nationality Country" => &mut entity.nationalities,
                    "Citizenship Country" => &mut entity.citizenships,
                    _ => &mut entity.countries,
                };
                if !list.contains(&country) {
                    list.push(country);
                }
            }
        }
        "Location" => entity.addresses.extend(locations.into_iter().filter(|a| !a.full.is_empty())),
        "Gender" => entity.gender = details.first().and_then(|d| Gender::parse(d)),
        "Vessel Call Sign" => {
            entity.identifiers.extend(details.into_iter().map(|d| Identifier::new(IdKind::CallSign, d)));
        }
        _ => {
            // Other features are the labelled facts of the legacy remarks: the same rules
            // read them; what they cannot read is kept under the feature type.
            for text in details {
                if !index.parser.apply(&format!("{feature_type} {text}"), entity) {
                    entity.push_extra(&feature_type, text);
                }
            }
            for address in locations {
                entity.push_extra(&feature_type, address.full);
            }
        }
    }
}

/// A `DatePeriod` as a date spec: one day, a month or a year when the bounds say so ("1964"
/// is published as 1964-01-01 to 1964-12-31), otherwise a range.
fn period(feature: &FeatureDraft) -> Option<DateSpec> {
    let get = |a: &str, b: &str| feature.dates.get(&(a.to_owned(), b.to_owned())).copied();
    let from = get("Start", "From").or_else(|| get("Start", "To"))?;
    let to = get("End", "To").or_else(|| get("End", "From")).unwrap_or(from);
    let (from, to) = reduce(from, to);
    let mut spec = match to {
        Some(to) => DateSpec::range(format!("{from} to {to}"), from, to),
        None => DateSpec::exact(from),
    };
    spec.approximate = feature.approximate;
    if spec.approximate {
        spec.raw = format!("circa {}", spec.raw);
    }
    Some(spec)
}

/// Reduces whole years and months to partial dates: (1964-01-01, 1964-12-31) → 1964.
fn reduce(from: PartialDate, to: PartialDate) -> (PartialDate, Option<PartialDate>) {
    if from == to {
        return (from, None);
    }
    let starts_year = from.month == Some(1) && from.day == Some(1);
    let ends_year = to.month == Some(12) && to.day == Some(31);
    if starts_year && ends_year {
        let (a, b) = (PartialDate::year(from.year), PartialDate::year(to.year));
        return if a == b { (a, None) } else { (a, Some(b)) };
    }
    let whole_month =
        from.year == to.year && from.month == to.month && from.day == Some(1) && to.day >= Some(28);
    if whole_month {
        return (PartialDate { day: None, ..from }, None);
    }
    (from, Some(to))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_years_and_months_reduce_to_partial_dates() {
        let d = |y, m, day| PartialDate::new(y, Some(m), Some(day)).unwrap();
        assert_eq!(reduce(d(1964, 1, 1), d(1964, 12, 31)), (PartialDate::year(1964), None));
        assert_eq!(
            reduce(d(1964, 1, 1), d(1966, 12, 31)),
            (PartialDate::year(1964), Some(PartialDate::year(1966)))
        );
        assert_eq!(reduce(d(1961, 4, 1), d(1961, 4, 30)).0, PartialDate::new(1961, Some(4), None).unwrap());
        assert_eq!(reduce(d(1969, 4, 3), d(1969, 4, 3)), (d(1969, 4, 3), None));
    }
}
