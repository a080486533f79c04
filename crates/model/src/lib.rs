//! The entity model of embargo.
//!
//! Every list reader (OFAC, UN, EU, UK, OpenSanctions, custom lists) turns its publisher's
//! records into [`Entity`] values; the store keeps them as versioned snapshots; the matcher
//! indexes their names; the server and the CLI show them. One model for every source, rich
//! enough that nothing a list says is thrown away: what has no typed field goes to
//! [`Entity::extra`] or [`Entity::remarks`], verbatim.
//!
//! Entity ids are stable across list versions and carry the publisher's own id:
//! `ofac-sdn:33574`, `un:IRi.003`, `uk-ofsi:15672`.
//!
//! ```
//! use embargo_model::{Entity, EntityKind, Name, NameRole, PartialDate, DateSpec};
//!
//! let mut e = Entity::new("un", "IRi.003", EntityKind::Person);
//! e.names.push(Name::new("Saeed AGHAJANI", NameRole::Primary));
//! e.birth_dates.push(DateSpec::parse("circa 1964"));
//! assert_eq!(e.id, "un:IRi.003");
//! assert_eq!(e.birth_dates[0].from, Some(PartialDate::year(1964)));
//! assert!(e.birth_dates[0].approximate);
//! ```

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

pub mod country;
mod date;
mod goods;
mod listing;

pub use date::{DateSpec, PartialDate};
pub use goods::{Goods, GoodsScheme};
pub use listing::Listing;

/// What kind of thing a listed entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    /// Companies, organisations, government bodies, military units.
    Organization,
    Vessel,
    Aircraft,
    Unknown,
}

impl EntityKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Organization => "organization",
            EntityKind::Vessel => "vessel",
            EntityKind::Aircraft => "aircraft",
            EntityKind::Unknown => "unknown",
        }
    }

    /// Parses the kind names used across publishers and FollowTheMoney schemas
    /// (`individual`, `entity`, `Company`, `LegalEntity`, `Airplane`, `ship`, ...).
    /// Unrecognised values give `None`, so callers can report them.
    pub fn parse(s: &str) -> Option<EntityKind> {
        let k = s.trim().to_ascii_lowercase();
        Some(match k.as_str() {
            "person" | "individual" | "individuals" | "p" | "natural person" => EntityKind::Person,
            "organization" | "organisation" | "entity" | "entities" | "company" | "legalentity"
            | "legal entity" | "business" | "enterprise" | "o" | "e" => EntityKind::Organization,
            "vessel" | "ship" | "ships" | "v" => EntityKind::Vessel,
            "aircraft" | "airplane" | "a" => EntityKind::Aircraft,
            "unknown" | "thing" | "" => EntityKind::Unknown,
            _ => return None,
        })
    }
}

impl fmt::Display for EntityKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How a name relates to the entity, as the publisher qualified it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NameRole {
    Primary,
    /// "a.k.a.", UN "Good quality", OFSI "Primary name variation" and unqualified aliases.
    StrongAlias,
    /// "Low quality" aliases, OFAC weak aliases: worth screening, with less confidence.
    WeakAlias,
    /// "f.k.a.", "formerly", former names of companies and vessels.
    FormerName,
}

/// One part of a name where the publisher gave names split into fields
/// (UN FIRST_NAME/SECOND_NAME, OFSI Name 1..6, OFAC "LAST, First").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamePart {
    pub kind: NamePartKind,
    pub value: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NamePartKind {
    Given,
    Middle,
    Family,
    Patronymic,
    Other,
}

/// A name as the list wrote it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Name {
    /// The whole name, as published (non-Latin script kept as written).
    pub full: String,
    pub role: NameRole,
    /// ISO 15924 script code where the source says it (`Cyrl`, `Arab`, `Latn`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub script: Option<String>,
    /// Language where the source says it (ISO 639 code or the publisher's word).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// The name split into parts where the source splits it; empty otherwise.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<NamePart>,
    /// The publisher's own note about this name (quality, "alias type" text, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Name {
    pub fn new(full: impl Into<String>, role: NameRole) -> Name {
        Name { full: full.into(), role, script: None, lang: None, parts: Vec::new(), note: None }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Gender {
    Male,
    Female,
    Other,
}

impl Gender {
    pub fn parse(s: &str) -> Option<Gender> {
        match s.trim().to_ascii_lowercase().as_str() {
            "male" | "m" | "man" => Some(Gender::Male),
            "female" | "f" | "woman" => Some(Gender::Female),
            "" | "unknown" => None,
            _ => Some(Gender::Other),
        }
    }
}

/// A country as a list names it, with its ISO 3166-1 alpha-2 code where it could be resolved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Country {
    /// ISO 3166-1 alpha-2, upper case (`RU`, `IR`); `None` when the name did not resolve.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// As published.
    pub name: String,
}

impl Country {
    /// Builds a country from a published name or code, resolving the ISO code when known.
    pub fn from_published(name: &str) -> Country {
        let name = name.trim();
        Country { code: country::resolve(name).map(str::to_owned), name: name.to_owned() }
    }
}

/// A place of birth or an address.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Address {
    /// The whole address or place as published, one string.
    pub full: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub street: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<Country>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The type of an identifier. Matching treats an agreeing identifier as decisive, so readers
/// type them as precisely as the source allows and fall back to `Other` with the label kept.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IdKind {
    Passport,
    NationalId,
    /// Tax identification number (Russian INN, ...).
    TaxId,
    /// Company registration number (Russian OGRN, ...).
    Registration,
    /// Legal Entity Identifier.
    Lei,
    Imo,
    Mmsi,
    CallSign,
    AircraftSerial,
    /// Aircraft tail (registration) number.
    AircraftTail,
    SwiftBic,
    CryptoWallet,
    Email,
    Website,
    Phone,
    /// Anything else, with the publisher's label.
    Other(String),
}

/// A typed identifier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identifier {
    pub kind: IdKind,
    /// As published.
    pub value: String,
    /// Issuing country where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<Country>,
    /// Anything else the publisher said (issue and expiry dates, "diplomatic", currency of a
    /// wallet).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Identifier {
    pub fn new(kind: IdKind, value: impl Into<String>) -> Identifier {
        Identifier { kind, value: value.into(), country: None, note: None }
    }

    /// The value reduced for comparison: alphanumerics only, upper case. `"AB 12-345"` and
    /// `"ab12345"` are the same passport.
    pub fn normalized_value(&self) -> String {
        normalize_identifier(&self.value)
    }
}

/// Reduces an identifier value to its upper-case alphanumerics, for comparison.
pub fn normalize_identifier(value: &str) -> String {
    value.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_uppercase).collect()
}

/// A sanctions programme or regime, with its legal basis where published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Program {
    /// Programme code or regime name (`SDGT`, `RUSSIA-EO14024`, `Russia`, `IRq`).
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legal_basis: Option<String>,
}

impl Program {
    pub fn new(name: impl Into<String>) -> Program {
        Program { name: name.into(), legal_basis: None }
    }
}

/// A "linked to" (or owner, associate, ...) relation from one entry to another.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Relation {
    /// `linked_to`, `owned_by`, `associate`, ... as the source qualifies it.
    pub kind: String,
    /// The target's entity id, when the reader could resolve it within the same list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_id: Option<String>,
    /// The target as the source wrote it.
    pub target_name: String,
}

/// Where an entity came from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provenance {
    /// The list id, e.g. `ofac-sdn`, `un`, `uk-ofsi`.
    pub list: String,
    /// The list version (assigned by the store at import; empty before).
    #[serde(default)]
    pub list_version: String,
    /// The publisher's own id of the record (OFAC ent_num, UN reference number, OFSI group id).
    pub source_id: String,
    /// Other references the publisher gives, by name: `uk_sanctions_list_ref` → `RUS1653`,
    /// `un_reference` → `IRi.003`, `eu_logical_id` → `13`, `ofac_uid` → `33574`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub references: BTreeMap<String, String>,
}

/// One listed entry: a person, an organisation, a vessel or an aircraft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    /// `{list}:{publisher id}`, stable across versions.
    pub id: String,
    pub kind: EntityKind,
    /// Primary name first, then aliases, in published order.
    pub names: Vec<Name>,
    /// Dates of birth (people) or of incorporation/registration (organisations).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub birth_dates: Vec<DateSpec>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub birth_places: Vec<Address>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub nationalities: Vec<Country>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub citizenships: Vec<Country>,
    /// Other countries the entity is tied to (residence, jurisdiction, flag, "country" fields).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub countries: Vec<Country>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub addresses: Vec<Address>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub identifiers: Vec<Identifier>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<Gender>,
    /// Titles and honorifics (`Dr`, `Brigadier General`, `Haji`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub titles: Vec<String>,
    /// Positions and designations held.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub positions: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub programs: Vec<Program>,
    /// Date first listed, as published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub listed_on: Option<PartialDate>,
    /// Date of the publisher's last update to this entry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_updated: Option<PartialDate>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub relations: Vec<Relation>,
    /// Remarks as published, and any remark a reader could not parse, verbatim.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub remarks: Vec<String>,
    /// Facts without a typed field, by the publisher's label (vessel type, tonnage, owner,
    /// "Additional Sanctions Information", ...). Values kept as published.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: BTreeMap<String, Vec<String>>,
    /// The source lists and terms of the listing, for lists that bundle several (the US
    /// Consolidated Screening List); empty for lists that are one source.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub listings: Vec<Listing>,
    /// Set for an item of a goods list (a CHPL code), which is no party: see
    /// [`Entity::is_goods`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub goods: Option<Goods>,
    pub provenance: Provenance,
}

impl Entity {
    /// A new entity of `list` with the publisher id `source_id`; its id is `list:source_id`.
    pub fn new(list: &str, source_id: &str, kind: EntityKind) -> Entity {
        Entity {
            id: entity_id(list, source_id),
            kind,
            names: Vec::new(),
            birth_dates: Vec::new(),
            birth_places: Vec::new(),
            nationalities: Vec::new(),
            citizenships: Vec::new(),
            countries: Vec::new(),
            addresses: Vec::new(),
            identifiers: Vec::new(),
            gender: None,
            titles: Vec::new(),
            positions: Vec::new(),
            programs: Vec::new(),
            listed_on: None,
            last_updated: None,
            relations: Vec::new(),
            remarks: Vec::new(),
            extra: BTreeMap::new(),
            listings: Vec::new(),
            goods: None,
            provenance: Provenance {
                list: list.to_owned(),
                list_version: String::new(),
                source_id: source_id.to_owned(),
                references: BTreeMap::new(),
            },
        }
    }

    /// A new item of the goods list `list`: its id is `list:<code>`, its primary name the
    /// description.
    pub fn goods(list: &str, goods: Goods, description: &str) -> Entity {
        let mut entity = Entity::new(list, &goods.code, EntityKind::Unknown);
        entity.push_name(Name::new(description, NameRole::Primary));
        entity.goods = Some(goods);
        entity
    }

    /// Whether this is an item of a goods list rather than a party (a person, an
    /// organisation, a vessel, an aircraft). Goods are never screened as parties: whoever
    /// builds a party index from a store's entities leaves these out.
    pub fn is_goods(&self) -> bool {
        self.goods.is_some()
    }

    /// The kind to count and show: `goods` for goods items, else the [`EntityKind`].
    pub fn kind_label(&self) -> &'static str {
        if self.is_goods() {
            "goods"
        } else {
            self.kind.as_str()
        }
    }

    /// The name to show: the first primary name, or the first name of any role.
    pub fn caption(&self) -> &str {
        self.names
            .iter()
            .find(|n| n.role == NameRole::Primary)
            .or_else(|| self.names.first())
            .map(|n| n.full.as_str())
            .unwrap_or("")
    }

    /// Adds a name unless the same text with the same role is already there (lists repeat
    /// names across rows, e.g. OFSI one row per name variation).
    pub fn push_name(&mut self, name: Name) {
        if name.full.trim().is_empty() {
            return;
        }
        if !self.names.iter().any(|n| n.full == name.full && n.role == name.role) {
            self.names.push(name);
        }
    }

    /// Adds a value to [`Entity::extra`] under `label`, skipping empty and repeated values.
    pub fn push_extra(&mut self, label: &str, value: impl Into<String>) {
        let value = value.into();
        if value.trim().is_empty() {
            return;
        }
        let values = self.extra.entry(label.to_owned()).or_default();
        if !values.contains(&value) {
            values.push(value);
        }
    }

    /// Every country tied to the entity: nationalities, citizenships, other countries,
    /// countries of addresses and places of birth.
    pub fn all_countries(&self) -> impl Iterator<Item = &Country> {
        self.nationalities
            .iter()
            .chain(&self.citizenships)
            .chain(&self.countries)
            .chain(self.addresses.iter().filter_map(|a| a.country.as_ref()))
            .chain(self.birth_places.iter().filter_map(|a| a.country.as_ref()))
    }
}

/// The id of an entity: `{list}:{source_id}`.
pub fn entity_id(list: &str, source_id: &str) -> String {
    format!("{list}:{}", source_id.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entity_round_trips_through_json() {
        let mut e = Entity::new("ofac-sdn", "33574", EntityKind::Person);
        e.push_name(Name::new("AGHAJANI, Saeed", NameRole::Primary));
        e.push_name(Name::new("AGHAJANI, Saeed", NameRole::Primary));
        e.push_name(Name::new("AQA JANI, Saeed", NameRole::StrongAlias));
        e.identifiers.push(Identifier::new(IdKind::Other("Tonnage".into()), "1234"));
        e.birth_dates.push(DateSpec::parse("1964 to 1966"));
        e.push_extra("Vessel Type", "Tanker");
        let json = serde_json::to_string(&e).unwrap();
        let back: Entity = serde_json::from_str(&json).unwrap();
        assert_eq!(back, e);
        assert_eq!(e.names.len(), 2);
        assert_eq!(e.caption(), "AGHAJANI, Saeed");
        assert_eq!(e.id, "ofac-sdn:33574");
    }

    #[test]
    fn goods_items_are_no_parties_and_cover_longer_codes() {
        let goods = Goods { scheme: GoodsScheme::Hs, code: "854231".into(), category: Some("Tier 1".into()) };
        let item = Entity::goods("chpl", goods, "Electronic integrated circuits: Processors and controllers");
        assert_eq!(item.id, "chpl:854231");
        assert!(item.is_goods() && item.kind_label() == "goods");
        let json = serde_json::to_string(&item).unwrap();
        assert!(json.contains(r#""goods":{"scheme":"hs","code":"854231","category":"Tier 1"}"#), "{json}");
        assert_eq!(serde_json::from_str::<Entity>(&json).unwrap(), item);
        let goods = item.goods.as_ref().unwrap();
        assert!(goods.covers_hs("8542310000") && goods.covers_hs("854231") && !goods.covers_hs("854232"));
        assert!(!goods.covers_hs("8542"), "a shorter code is not covered");
        let party = Entity::new("un", "IRi.003", EntityKind::Person);
        assert!(!party.is_goods() && party.kind_label() == "person");
    }

    #[test]
    fn bodies_without_listings_or_goods_serialise_as_before() {
        let e = Entity::new("un", "IRi.003", EntityKind::Person);
        let json = serde_json::to_string(&e).unwrap();
        assert!(!json.contains("listings") && !json.contains("goods"), "{json}");
    }

    #[test]
    fn kinds_parse_across_publishers() {
        assert_eq!(EntityKind::parse("individual"), Some(EntityKind::Person));
        assert_eq!(EntityKind::parse("LegalEntity"), Some(EntityKind::Organization));
        assert_eq!(EntityKind::parse("Airplane"), Some(EntityKind::Aircraft));
        assert_eq!(EntityKind::parse("Vessel"), Some(EntityKind::Vessel));
        assert_eq!(EntityKind::parse("banana"), None);
    }

    #[test]
    fn identifiers_compare_on_alphanumerics() {
        let id = Identifier::new(IdKind::Passport, "ab 12-345");
        assert_eq!(id.normalized_value(), "AB12345");
    }
}
