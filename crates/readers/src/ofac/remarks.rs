//! The parser of OFAC's remarks column.
//!
//! OFAC's legacy files carry most facts about an entry in one free-text column, as segments
//! separated by `"; "` and closed by a period:
//!
//! ```text
//! DOB 1964; POB Tehran, Iran; nationality Iran; Passport A123 (Iran) issued 01 Jan 2010;
//! a.k.a. 'ABU X'; Linked To: ISLAMIC REVOLUTIONARY GUARD CORPS (IRGC).
//! ```
//!
//! Each segment starts with a label (`DOB`, `Passport`, `Linked To:`, ...), optionally prefixed
//! with `alt. ` for a second value of the same fact. [`RULES`] maps every label embargo knows to
//! an [`Action`]; the longest matching label wins, so `Aircraft Tail Number` and `Previous
//! Aircraft Tail Number` or `Passport` and `Diplomatic Passport` never shadow each other.
//! A segment that no rule claims, or whose value a rule cannot read, is kept verbatim in
//! [`Entity::remarks`]: nothing OFAC wrote is dropped.
//!
//! Aliases written in remarks (`a.k.a. 'X'`) are OFAC's *weak* aliases: OFAC puts its strong
//! aliases in `ALT.CSV` and writes the weak ones only in the remarks, in single quotes (OFAC's
//! FAQ on weak AKAs). The real files agree: of the 2,413 remark a.k.a.s of 2024-07-02
//! `SDN.CSV` entries that also have `ALT.CSV` rows, none repeats an `ALT.CSV` name; they are
//! short forms, acronyms, nicknames and partial names (`'BNC'`, `'EL ONDEADO'`, `'LAO SSU'`).
//! They become [`NameRole::WeakAlias`]; a remark `f.k.a.` becomes a [`NameRole::FormerName`]
//! noted as weak.

use embargo_model::{
    Address, Country, DateSpec, Entity, EntityKind, Gender, IdKind, Identifier, Name, NameRole, Relation,
};
use std::collections::HashMap;
use std::sync::LazyLock;

/// What to do with the value of a labelled remark segment.
#[derive(Debug, Clone)]
pub(crate) enum Action {
    /// A date of birth, partial, approximate or a range (`DOB circa 1964`).
    BirthDate,
    /// "Organization Established Date": an organisation's birth date, per the model.
    Established,
    /// "POB City, Region, Country".
    BirthPlace,
    Nationality,
    Citizenship,
    /// A country the entity is tied to (vessel or aircraft "Nationality of Registration").
    RegisteredIn,
    /// "Gender Male".
    GenderWord,
    /// An alias in single quotes, with the role a remark alias has.
    Alias(NameRole, &'static str),
    /// "Linked To: NAME": a relation, resolved to an entity id after the whole file is read.
    LinkedTo,
    /// An identifier: `VALUE[ (Country)][ issued DATE][ expires DATE]`, with an optional note.
    Id(IdKind, Option<&'static str>),
    /// "Vessel Registration Identification IMO 1234567": the IMO number, or another registry's
    /// identifier when the value does not start with `IMO`.
    VesselRegistration,
    /// "Digital Currency Address - XBT 1Kuf...": a wallet, its currency in the note.
    CryptoWallet,
    /// A labelled fact without a typed field, kept in [`Entity::extra`] under the label.
    Extra,
    /// A label that carries its own qualifier: up to a colon (`Listing Date (EO 14024
    /// Directive 2): 24 Feb 2022`, `Executive Order 14059 information: ...`) or a parenthesis
    /// (`Listing Date (CMIC) 03 Jun 2021`). The qualified label becomes the extra label.
    QualifiedExtra,
    /// "Aircraft Operator Iran Air": kept by label, and an `operated_by` relation.
    Operator,
}

/// One remark rule: a segment starting with `label` (then a space, a colon, a dash or the end
/// of the segment) is handled by `action`.
pub(crate) struct Rule {
    pub label: &'static str,
    pub action: Action,
}

fn rule(label: &'static str, action: Action) -> Rule {
    Rule { label, action }
}

fn id(kind: IdKind) -> Action {
    Action::Id(kind, None)
}

fn other_id(label: &'static str) -> Action {
    Action::Id(IdKind::Other(label.to_owned()), None)
}

/// Every label embargo reads in OFAC remarks, from a census of the labels in the real
/// 2024-07-02 `SDN.CSV` and the 2025 Consolidated list.
pub(crate) static RULES: LazyLock<Vec<Rule>> = LazyLock::new(|| {
    use Action::*;
    use IdKind as K;
    vec![
        // Dates and places of birth, nationality, gender.
        rule("DOB", BirthDate),
        rule("Organization Established Date", Established),
        rule("POB", BirthPlace),
        rule("nationality", Nationality),
        rule("citizen", Citizenship),
        rule("Nationality of Registration", RegisteredIn),
        rule("Gender", GenderWord),
        // Aliases written in remarks are OFAC's weak ones (see the module docs).
        rule("a.k.a.", Alias(NameRole::WeakAlias, "weak a.k.a. (OFAC remarks)")),
        rule("f.k.a.", Alias(NameRole::FormerName, "weak f.k.a. (OFAC remarks)")),
        // "now known as": a newer name, but written in the remarks like the weak a.k.a.s.
        rule("n.k.a.", Alias(NameRole::WeakAlias, "weak n.k.a. (OFAC remarks)")),
        rule("Linked To", LinkedTo),
        // Personal documents.
        rule("Passport", id(K::Passport)),
        rule("Diplomatic Passport", Id(K::Passport, Some("diplomatic"))),
        rule("Stateless Person Passport", Id(K::Passport, Some("stateless person"))),
        rule("National ID No.", id(K::NationalId)),
        rule("Identification Number", id(K::NationalId)),
        rule("Personal ID Card", id(K::NationalId)),
        rule("Turkish Identification Number", id(K::NationalId)),
        rule("Kenyan ID No.", id(K::NationalId)),
        rule("Cedula No.", Id(K::NationalId, Some("Cedula No."))),
        rule("C.U.R.P.", Id(K::NationalId, Some("C.U.R.P."))),
        rule("D.N.I.", Id(K::NationalId, Some("D.N.I."))),
        // Guatemala's Codigo Unico de Identificacion is its national identity number.
        rule("C.U.I.", Id(K::NationalId, Some("C.U.I."))),
        rule("SSN", Id(K::NationalId, Some("SSN"))),
        rule("National Foreign ID Number", Id(K::NationalId, Some("foreign national"))),
        rule("Numero de Identidad", id(K::NationalId)),
        rule("Citizen's Card Number", id(K::NationalId)),
        rule("Tazkira National ID Card", id(K::NationalId)),
        rule("UAE Identification", id(K::NationalId)),
        rule("Moroccan Personal ID No.", id(K::NationalId)),
        rule("Stateless Person ID Card", id(K::NationalId)),
        rule("Refugee ID Card", other_id("Refugee ID Card")),
        rule("Travel Document Number", other_id("Travel Document Number")),
        rule("Immigration No.", other_id("Immigration No.")),
        rule("VisaNumberID", other_id("VisaNumberID")),
        rule("Permit Number", other_id("Permit Number")),
        rule("SRE Permit No.", other_id("SRE Permit No.")),
        rule("Military Registration Number", other_id("Military Registration Number")),
        rule("Pilot License Number", other_id("Pilot License Number")),
        rule("C.U.I.P.", other_id("C.U.I.P.")),
        rule("Residency Number", other_id("Residency Number")),
        rule("Birth Certificate Number", other_id("Birth Certificate Number")),
        rule("Driver's License No.", other_id("Driver's License No.")),
        rule("Electoral Registry No.", other_id("Electoral Registry No.")),
        rule("Credencial electoral", other_id("Credencial electoral")),
        rule("I.F.E.", other_id("I.F.E.")),
        rule("Cartilla de Servicio Militar Nacional", other_id("Cartilla de Servicio Militar Nacional")),
        // Tax identifiers.
        rule("Tax ID No.", id(K::TaxId)),
        // Mexico's Registro Federal de Contribuyentes is its tax id, written both ways.
        rule("R.F.C.", Id(K::TaxId, Some("R.F.C."))),
        rule("RFC", Id(K::TaxId, Some("R.F.C."))),
        rule("V.A.T. Number", Id(K::TaxId, Some("V.A.T."))),
        rule("US FEIN", Id(K::TaxId, Some("US FEIN"))),
        rule("Italian Fiscal Code", Id(K::TaxId, Some("Italian Fiscal Code"))),
        // Latin American taxpayer registries: Colombia's NIT, Peru's and Ecuador's RUC,
        // Venezuela's RIF, Argentina's C.U.I.T., Honduras' RTN.
        rule("NIT #", Id(K::TaxId, Some("NIT"))),
        rule("RUC #", Id(K::TaxId, Some("RUC"))),
        rule("RIF #", Id(K::TaxId, Some("RIF"))),
        rule("C.U.I.T.", Id(K::TaxId, Some("C.U.I.T."))),
        rule("RTN", Id(K::TaxId, Some("RTN"))),
        rule("C.I.F.", Id(K::TaxId, Some("C.I.F."))),
        rule("Paraguayan tax identification number", id(K::TaxId)),
        rule("Numero Unico de Identificacao Tributaria (NUIT)", Id(K::TaxId, Some("NUIT"))),
        rule("Romanian Tax Registration", id(K::TaxId)),
        // Company registrations.
        rule("Registration Number", id(K::Registration)),
        rule("Business Registration Number", id(K::Registration)),
        rule("Business Registration Document #", id(K::Registration)),
        rule("Registration ID", id(K::Registration)),
        rule("Company Number", id(K::Registration)),
        rule("UK Company Number", id(K::Registration)),
        rule("Commercial Registry Number", id(K::Registration)),
        rule("Certificate of Incorporation Number", id(K::Registration)),
        rule("Public Registration Number", id(K::Registration)),
        rule("Central Registration System Number", id(K::Registration)),
        rule("Chamber of Commerce Number", id(K::Registration)),
        rule("Business Number", id(K::Registration)),
        rule("Enterprise Number", id(K::Registration)),
        rule("Branch Unit Number", id(K::Registration)),
        rule("C.R. No.", Id(K::Registration, Some("C.R. No."))),
        rule("Trade License No.", Id(K::Registration, Some("Trade License No."))),
        rule("Folio Mercantil No.", Id(K::Registration, Some("Folio Mercantil No."))),
        rule("Matricula Mercantil No", Id(K::Registration, Some("Matricula Mercantil No"))),
        // Russia's OKPO, as OFAC names it.
        rule("Government Gazette Number", Id(K::Registration, Some("Government Gazette Number"))),
        rule("Unified Social Credit Code (USCC)", Id(K::Registration, Some("USCC"))),
        rule("United Social Credit Code Certificate (USCCC)", Id(K::Registration, Some("USCC"))),
        rule("Registration Certificate Number (Dubai)", id(K::Registration)),
        rule("Organization Code", other_id("Organization Code")),
        rule("File Number", other_id("File Number")),
        rule("LE Number", other_id("LE Number")),
        rule("Trademark number", other_id("Trademark number")),
        rule("Economic Register Number (CBLS)", Id(K::Registration, Some("CBLS"))),
        rule("Istanbul Chamber of Comm. No.", Id(K::Registration, Some("Istanbul Chamber of Comm."))),
        rule(
            "Dubai Chamber of Commerce Membership No.",
            Id(K::Registration, Some("Dubai Chamber of Commerce")),
        ),
        rule("Registered Charity No.", Id(K::Registration, Some("Registered Charity No."))),
        rule("Legal Entity Number", id(K::Lei)),
        rule("D-U-N-S Number", other_id("D-U-N-S Number")),
        rule("BIK (RU)", other_id("BIK (RU)")),
        rule("License", other_id("License")),
        rule("Chinese Commercial Code", other_id("Chinese Commercial Code")),
        // Contacts and financial identifiers.
        rule("SWIFT/BIC", id(K::SwiftBic)),
        rule("Email Address", id(K::Email)),
        // Older entries write "Email:x@y" with no space.
        rule("Email", id(K::Email)),
        rule("Website", id(K::Website)),
        rule("Phone Number", id(K::Phone)),
        rule("Telephone", id(K::Phone)),
        rule("Phone", id(K::Phone)),
        rule("Fax", Id(K::Phone, Some("fax"))),
        rule("Telex", other_id("Telex")),
        rule("Digital Currency Address", CryptoWallet),
        // One entry spells it without the space.
        rule("DigitalCurrency Address", CryptoWallet),
        // Vessels.
        rule("Vessel Registration Identification", VesselRegistration),
        rule("International Maritime Organization No.", id(K::Imo)),
        rule("MMSI", id(K::Mmsi)),
        rule("Other Vessel Call Sign", Id(K::CallSign, Some("other call sign"))),
        rule("Vessel Year of Build", Extra),
        rule("Former Vessel Flag", Extra),
        rule("Other Vessel Flag", Extra),
        rule("Other Vessel Type", Extra),
        // Aircraft. "Construction Number (also called L/N or S/N or F/N)" is the serial too.
        rule(
            "Aircraft Construction Number (also called L/N or S/N or F/N)",
            Id(K::AircraftSerial, Some("construction number")),
        ),
        rule("Aircraft Manufacturer's Serial Number (MSN)", Id(K::AircraftSerial, Some("MSN"))),
        rule("Aircraft Serial Identification", id(K::AircraftSerial)),
        rule("Aircraft Tail Number", id(K::AircraftTail)),
        rule("Previous Aircraft Tail Number", Id(K::AircraftTail, Some("previous"))),
        rule("Aircraft Mode S Transponder Code", other_id("Aircraft Mode S Transponder Code")),
        rule("Aircraft Model", Extra),
        rule("Aircraft Operator", Operator),
        rule("Aircraft Manufacture Date", Extra),
        // Sanctions facts, kept by label.
        rule("Secondary sanctions risk", Extra),
        rule("Additional Sanctions Information", Extra),
        rule("Transactions Prohibited For Persons Owned or Controlled By U.S. Financial Institutions", Extra),
        // The same label, once published without the space after "U.S.".
        rule("Transactions Prohibited For Persons Owned or Controlled By U.S.Financial Institutions", Extra),
        rule("Organization Type", Extra),
        rule("Target Type", Extra),
        // "Executive Order 13662 Directive Determination - ...", "Executive Order 14059
        // information: ...": the order's number and subject qualify the label.
        rule("Executive Order", QualifiedExtra),
        rule("IFCA Determination", Extra),
        rule("CAATSA Section 235 Information", Extra),
        rule("Listing Date", QualifiedExtra),
        rule("Effective Date", QualifiedExtra),
        rule("Purchase/Sales For Divestment Date", QualifiedExtra),
        // Two wordings of OFAC's pointer to its web pages, each up to its colon.
        rule("For more information", QualifiedExtra),
        rule("Issuer Name", Extra),
        rule("Equity Ticker", Extra),
        rule("ISIN", other_id("ISIN")),
    ]
});

/// Parses remarks into an entity, with a cache of country-name lookups shared across entries
/// (country resolution scans a table; OFAC repeats a few hundred names tens of thousands of
/// times).
#[derive(Default)]
pub(crate) struct RemarkParser {
    countries: HashMap<String, Country>,
}

impl RemarkParser {
    pub fn country(&mut self, name: &str) -> Country {
        let name = name.trim();
        if let Some(c) = self.countries.get(name) {
            return c.clone();
        }
        let c = Country::from_published(name);
        self.countries.insert(name.to_owned(), c.clone());
        c
    }

    /// Parses `remarks` (the published text, `-0-` already removed) into `entity`. The unread
    /// segments land in `entity.remarks`, one per segment. When the text is `cut` (it stops at
    /// OFAC's column limit with no continuation), its last segment is incomplete ("Digital
    /// Currency Address - XBT 1Gq") and is kept verbatim instead of read as a value.
    pub fn parse_into(&mut self, remarks: &str, entity: &mut Entity, cut: bool) {
        let text = remarks.trim();
        // OFAC closes every remark with a period; values inside keep theirs ("Co.").
        let text = if cut { text } else { text.strip_suffix('.').unwrap_or(text) };
        let (text, cut_segment) = match text.rsplit_once("; ") {
            Some((head, last)) if cut => (head, Some(last)),
            None if cut => ("", Some(text)),
            _ => (text, None),
        };
        for segment in text.split("; ") {
            let segment = segment.trim();
            if segment.is_empty() {
                continue;
            }
            // OFAC repeats an individual's title among the remarks; the title column has it.
            if entity.titles.iter().any(|t| t == segment) {
                continue;
            }
            if !self.apply(segment, entity) {
                entity.remarks.push(segment.to_owned());
            }
        }
        entity.remarks.extend(cut_segment.map(str::to_owned));
    }

    /// Applies the rule for `segment`; `false` when no rule claims it or its value is unread.
    pub fn apply(&mut self, segment: &str, entity: &mut Entity) -> bool {
        let body = segment.strip_prefix("alt. ").or_else(|| segment.strip_prefix("Alt. ")).unwrap_or(segment);
        let Some((rule, value)) = find_rule(body) else { return false };
        // "Linked To: X", "Email:x@y": the colon after a label is not part of the value.
        let value = value.trim_start_matches([':', ' ']).trim_end();
        match &rule.action {
            Action::BirthDate | Action::Established => {
                let date = DateSpec::parse(value);
                if date.from.is_none() {
                    return false;
                }
                entity.birth_dates.push(date);
            }
            Action::BirthPlace => {
                if value.is_empty() {
                    return false;
                }
                let place = self.place(value);
                entity.birth_places.push(place);
            }
            Action::Nationality | Action::Citizenship | Action::RegisteredIn => {
                if value.is_empty() {
                    return false;
                }
                let country = self.country(value);
                let list = match rule.action {
                    Action::Nationality => &mut entity.nationalities,
                    Action::Citizenship => &mut entity.citizenships,
                    _ => &mut entity.countries,
                };
                if !list.contains(&country) {
                    list.push(country);
                }
            }
            Action::GenderWord => match Gender::parse(value) {
                Some(g) => entity.gender = Some(g),
                None => return false,
            },
            Action::Alias(role, note) => {
                let name = unquote(value);
                if name.is_empty() {
                    return false;
                }
                let mut name = Name::new(name, *role);
                name.note = Some((*note).to_owned());
                if entity.kind == EntityKind::Person {
                    name.parts = super::name_parts(&name.full);
                }
                entity.push_name(name);
            }
            Action::LinkedTo => {
                if value.is_empty() {
                    return false;
                }
                entity.relations.push(Relation {
                    kind: "linked_to".to_owned(),
                    target_id: None,
                    target_name: value.to_owned(),
                });
            }
            Action::Id(kind, note) => {
                let Some(identifier) = self.identifier(kind.clone(), value, *note) else { return false };
                entity.identifiers.push(identifier);
            }
            Action::VesselRegistration => {
                let (kind, value) = match value.strip_prefix("IMO ") {
                    Some(imo) => (IdKind::Imo, imo),
                    None => (IdKind::Other(rule.label.to_owned()), value),
                };
                let Some(identifier) = self.identifier(kind, value, None) else { return false };
                entity.identifiers.push(identifier);
            }
            Action::CryptoWallet => {
                // "- XBT 1Kuf...": the currency code, then the address.
                let rest = value.trim_start_matches(['-', ' ']);
                let Some((currency, address)) = rest.split_once(' ') else { return false };
                let address = address.trim();
                if address.is_empty() || address.contains(' ') {
                    return false;
                }
                let mut wallet = Identifier::new(IdKind::CryptoWallet, address);
                wallet.note = Some(currency.to_owned());
                entity.identifiers.push(wallet);
            }
            Action::Extra => {
                let value = value.trim_start_matches([':', '-', ' ']).trim();
                if value.is_empty() {
                    return false;
                }
                entity.push_extra(rule.label, value);
            }
            Action::QualifiedExtra => {
                let rest = body[rule.label.len()..].trim_start();
                let (label, value) = if let Some((label, value)) = body.split_once(": ") {
                    (label.trim(), value.trim())
                } else if let Some(close) = rest.strip_prefix('(').and_then(|r| r.find(')')) {
                    let end = body.len() - rest.len() + close + 2;
                    (body[..end].trim(), body[end..].trim())
                } else {
                    (rule.label, rest.trim_start_matches(['-', ' ']).trim())
                };
                if value.is_empty() {
                    return false;
                }
                entity.push_extra(label, value);
            }
            Action::Operator => {
                if value.is_empty() {
                    return false;
                }
                entity.push_extra(rule.label, value);
                entity.relations.push(Relation {
                    kind: "operated_by".to_owned(),
                    target_id: None,
                    target_name: value.to_owned(),
                });
            }
        }
        true
    }

    /// "City, Region, Country": OFAC ends a place with its country, so the last comma part is
    /// the country and the first the city. A place of one part is a country only when it
    /// resolves as one.
    pub fn place(&mut self, text: &str) -> Address {
        let mut place = Address { full: text.to_owned(), ..Address::default() };
        match text.rsplit_once(',') {
            Some((head, last)) => {
                place.country = Some(self.country(last));
                place.city = head.split(',').next().map(|c| c.trim().to_owned()).filter(|c| !c.is_empty());
            }
            None => {
                let country = self.country(text);
                if country.code.is_some() {
                    place.country = Some(country);
                }
            }
        }
        place
    }

    /// Reads `VALUE[ (Country)][ issued DATE][ expires DATE]` (and other trailing words) into an
    /// identifier; `None` when there is no value.
    fn identifier(&mut self, kind: IdKind, value: &str, note: Option<&str>) -> Option<Identifier> {
        let value = value.trim_start_matches([':', ' ']).trim();
        let mut notes: Vec<String> = note.map(str::to_owned).into_iter().collect();
        // Dates and qualifiers follow the value: cut at the first of them.
        let mut head = value;
        for marker in [" issued ", " expires ", " expired ", " expire "] {
            if let Some(at) = head.find(marker) {
                head = &head[..at];
            }
        }
        if head.len() < value.len() {
            notes.push(value[head.len()..].trim().to_owned());
        }
        let mut head = head.trim();
        let mut country = None;
        if let Some(open) = head.rfind(" (") {
            if head.ends_with(')') {
                // OFAC writes the issuing country in parentheses after the number; a
                // parenthesis with digits is part of the number instead.
                let inside = &head[open + 2..head.len() - 1];
                let looks_like_country = inside.starts_with(|c: char| c.is_uppercase())
                    && !inside.contains(|c: char| c.is_ascii_digit());
                if looks_like_country {
                    country = Some(self.country(inside));
                    head = head[..open].trim();
                }
            }
        }
        // "International Maritime Organization No. (5777731)": a number wholly in parentheses.
        if let Some(inner) = head.strip_prefix('(').and_then(|h| h.strip_suffix(')')) {
            if !inner.contains(['(', ')']) {
                head = inner.trim();
            }
        }
        if head.is_empty() {
            return None;
        }
        let mut identifier = Identifier::new(kind, head);
        identifier.country = country;
        identifier.note = (!notes.is_empty()).then(|| notes.join("; "));
        Some(identifier)
    }
}

/// The rule whose label starts `segment` (longest label first) and the value after it. Labels
/// match in any ASCII case: a few old entries shout theirs (`PHONE`, `FAX`) or lower them (`for
/// more information`).
fn find_rule(segment: &str) -> Option<(&'static Rule, &str)> {
    RULES
        .iter()
        .filter(|r| {
            segment.get(..r.label.len()).is_some_and(|head| head.eq_ignore_ascii_case(r.label))
                && segment[r.label.len()..].chars().next().is_none_or(|c| matches!(c, ' ' | ':' | '-' | ','))
        })
        .max_by_key(|r| r.label.len())
        .map(|r| (r, &segment[r.label.len()..]))
}

/// `'ABU X'` → `ABU X`; unquoted text is taken as is.
fn unquote(value: &str) -> &str {
    let v = value.trim();
    let v = v.strip_prefix('\'').unwrap_or(v);
    v.strip_suffix('\'').unwrap_or(v).trim()
}

#[cfg(test)]
mod tests {
    use super::*;
    use embargo_model::PartialDate;

    fn parse(kind: EntityKind, remarks: &str) -> Entity {
        let mut e = Entity::new("ofac-sdn", "1", kind);
        RemarkParser::default().parse_into(remarks, &mut e, false);
        e
    }

    #[test]
    fn dates_of_birth_keep_circa_ranges_and_alternatives() {
        let e = parse(EntityKind::Person, "DOB circa 1964; alt. DOB 1964 to 1966; DOB 10 Dec 1948.");
        assert_eq!(e.birth_dates.len(), 3);
        assert!(e.birth_dates[0].approximate);
        assert_eq!(e.birth_dates[1].year_span(), Some((1964, 1966)));
        assert_eq!(e.birth_dates[2].from, PartialDate::new(1948, Some(12), Some(10)));
        assert!(e.remarks.is_empty());
    }

    #[test]
    fn passports_carry_country_and_issue_dates() {
        let e = parse(
            EntityKind::Person,
            "Passport RL 1622378 (Lebanon) issued 01 Jan 2010 expires 01 Jan 2020; Diplomatic Passport 008827 (Iran).",
        );
        let p = &e.identifiers[0];
        assert_eq!((p.kind.clone(), p.value.as_str()), (IdKind::Passport, "RL 1622378"));
        assert_eq!(p.country.as_ref().map(|c| c.name.as_str()), Some("Lebanon"));
        assert_eq!(p.note.as_deref(), Some("issued 01 Jan 2010 expires 01 Jan 2020"));
        assert_eq!(e.identifiers[1].note.as_deref(), Some("diplomatic"));
    }

    #[test]
    fn remark_aliases_are_weak_and_unquoted() {
        let e = parse(EntityKind::Organization, "a.k.a. 'BNC'; f.k.a. 'OLD NAME CO.'.");
        assert_eq!(e.names[0].full, "BNC");
        assert_eq!(e.names[0].role, NameRole::WeakAlias);
        assert_eq!(e.names[1].full, "OLD NAME CO.");
        assert_eq!(e.names[1].role, NameRole::FormerName);
    }

    #[test]
    fn unknown_segments_are_kept_verbatim() {
        let e =
            parse(EntityKind::Person, "Member of the State Duma; DOB sometime; Gender Male; PHONE 850 2.");
        assert_eq!(e.remarks, vec!["Member of the State Duma", "DOB sometime"]);
        assert_eq!(e.gender, Some(Gender::Male));
        assert_eq!(e.identifiers[0].kind, IdKind::Phone);
    }

    #[test]
    fn a_cut_remark_keeps_its_last_segment_verbatim() {
        let mut e = Entity::new("ofac-sdn", "1", EntityKind::Person);
        RemarkParser::default().parse_into("DOB 1960; Digital Currency Address - XBT 1Gq", &mut e, true);
        assert_eq!(e.birth_dates.len(), 1);
        assert!(e.identifiers.is_empty());
        assert_eq!(e.remarks, ["Digital Currency Address - XBT 1Gq"]);
    }

    #[test]
    fn longest_label_wins() {
        let e = parse(
            EntityKind::Aircraft,
            "Aircraft Tail Number EP-ABC; Previous Aircraft Tail Number YI-NAE; Aircraft Model IL-76TD.",
        );
        assert_eq!(e.identifiers[0].kind, IdKind::AircraftTail);
        assert_eq!(e.identifiers[1].note.as_deref(), Some("previous"));
        assert_eq!(e.extra["Aircraft Model"], vec!["IL-76TD"]);
    }

    #[test]
    fn vessel_imo_and_crypto_wallets_are_typed() {
        let e = parse(
            EntityKind::Vessel,
            "Vessel Registration Identification IMO 7406784; MMSI 572469210; alt. Digital Currency Address - XBT 1Kuf2Rd8mDyAViwBozGTNYnvWL8uYFrkVo.",
        );
        assert_eq!(e.identifiers[0].kind, IdKind::Imo);
        assert_eq!(e.identifiers[0].value, "7406784");
        assert_eq!(e.identifiers[1].kind, IdKind::Mmsi);
        assert_eq!(e.identifiers[2].kind, IdKind::CryptoWallet);
        assert_eq!(e.identifiers[2].note.as_deref(), Some("XBT"));
    }

    #[test]
    fn directive_dates_keep_their_qualified_label() {
        let e = parse(
            EntityKind::Organization,
            "Listing Date (EO 14024 Directive 2): 24 Feb 2022; Listing Date (CMIC) 03 Jun 2021; \
             Executive Order 13662 Directive Determination - Subject to Directive 4; \
             Organization Established Date 1969.",
        );
        assert_eq!(e.extra["Listing Date (EO 14024 Directive 2)"], vec!["24 Feb 2022"]);
        assert_eq!(e.extra["Listing Date (CMIC)"], vec!["03 Jun 2021"]);
        assert_eq!(
            e.extra["Executive Order"],
            vec!["13662 Directive Determination - Subject to Directive 4"]
        );
        assert_eq!(e.birth_dates[0].from, Some(PartialDate::year(1969)));
    }
}
