//! Payment messages: SWIFT MT103 and ISO 20022 pacs.008, pain.001 (and pain.008, whose
//! parties are the same), parsed field by field and screened.
//!
//! **Parsers.** Written here, small and strict, rather than taken from `swift-mt-message` and
//! `mx-message`: those crates model every message type of their standards (thousands of
//! generated types, a long build, dependencies such as regex engines and date libraries) to
//! give typed access to fields this crate would then flatten again, and their errors name a
//! serde path rather than the line or field an operator reads. Screening needs the parties,
//! their addresses, BICs and accounts and the free text; the MT parser ([`mt`]) reads the
//! fields of block 4 with the MT103 rules (mandatory fields, 35-character lines, the numbered
//! lines of 50F and 59F), the ISO 20022 parser ([`mx`]) walks the XML with `quick-xml`
//! (already used by the list readers) and collects the party elements wherever they stand.
//!
//! **Screening.** Every party field is screened as a name, with the countries of its address,
//! BIC (letters 5–6) and IBAN (first two letters) as attributes and its BIC as an identifier;
//! an agent known only by its BIC is screened by that identifier. Free-text fields (MT 70 and
//! 72, `RmtInf/Ustrd`, instructions to agents) are screened as text. Countries, towns and
//! address lines are checked against the sanctioned jurisdictions.

pub mod codes;
pub mod mt;
pub mod mx;

use crate::error::PaymentError;
use crate::gazetteer::ListVersion;
use crate::{jurisdiction, Mention, TextHit, TextOptions, TextScreener};
use embargo_matcher::{Query, ScreenOptions};
use serde::Serialize;

/// The formats read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum PaymentFormat {
    /// SWIFT MT103 (single customer credit transfer).
    #[serde(rename = "MT103")]
    Mt103,
    /// ISO 20022 FI to FI customer credit transfer.
    #[serde(rename = "pacs.008")]
    Pacs008,
    /// ISO 20022 customer credit transfer initiation.
    #[serde(rename = "pain.001")]
    Pain001,
    /// ISO 20022 customer direct debit initiation (the same parties as pain.001).
    #[serde(rename = "pain.008")]
    Pain008,
}

impl PaymentFormat {
    /// The name of the format (`MT103`, `pacs.008`).
    pub fn as_str(self) -> &'static str {
        match self {
            PaymentFormat::Mt103 => "MT103",
            PaymentFormat::Pacs008 => "pacs.008",
            PaymentFormat::Pain001 => "pain.001",
            PaymentFormat::Pain008 => "pain.008",
        }
    }
}

/// A party of a payment: a customer or an agent (bank).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Party {
    /// The name, as written.
    pub name: Option<String>,
    /// Address lines (street, building, post code, free lines).
    pub address: Vec<String>,
    /// The town.
    pub town: Option<String>,
    /// The country of the address (ISO code as written).
    pub country: Option<String>,
    /// The BIC (agents, and parties identified by one).
    pub bic: Option<String>,
    /// The account (IBAN or other number).
    pub account: Option<String>,
    /// Other identifiers (organisation or private ids, clearing member ids).
    pub identifiers: Vec<String>,
    /// Other lines (date and place of birth of 50F).
    pub other: Vec<String>,
}

/// What a field holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldContent {
    /// A party.
    Party(Party),
    /// Free text.
    Text(String),
}

/// One field of a message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Field {
    /// The MT tag (`50K`) or the ISO 20022 element path (`PmtInf[1]/CdtTrfTxInf[2]/Cdtr`).
    pub field: String,
    /// What the field is (`ordering customer`, `creditor agent`, `remittance information`).
    pub label: &'static str,
    /// Its content.
    pub content: FieldContent,
}

/// A message parsed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Payment {
    /// Its format.
    pub format: PaymentFormat,
    /// Its reference (MT field 20, ISO `MsgId`).
    pub reference: Option<String>,
    /// The fields screened, in message order.
    pub fields: Vec<Field>,
}

/// How a field was screened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ScreenedAs {
    /// As a name with attributes (countries, BIC).
    Party,
    /// As an identifier only (an agent known by its BIC).
    Identifier,
    /// As free text.
    Text,
    /// Nothing to screen by name (an address only): jurisdictions only.
    Jurisdiction,
}

/// A sanctioned jurisdiction found in a field.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldJurisdiction {
    /// ISO 3166 code (`RU`, `UA-43`).
    pub code: String,
    /// English name.
    pub name: String,
    /// `comprehensive`, `extensive` or `occupied region`.
    pub regime: String,
    /// Where it was seen: `country`, `town`, `address`, `bic`, `iban`, `text`.
    pub source: String,
    /// The value it was seen in.
    pub value: String,
}

/// One field screened: what was screened and what was found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldScreening {
    /// The MT tag or ISO 20022 path.
    pub field: String,
    /// What the field is.
    pub label: String,
    /// How it was screened.
    pub screened_as: ScreenedAs,
    /// What was screened: the name, the BIC, or the text.
    pub value: String,
    /// Country codes used as attributes of the name.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub countries: Vec<String>,
    /// The BIC screened as an identifier.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bic: Option<String>,
    /// The account.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub account: Option<String>,
    /// Hits of a party field (alerts).
    pub hits: Vec<TextHit>,
    /// Mentions found in a free-text field.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub mentions: Vec<Mention>,
    /// Sanctioned jurisdictions in the field.
    pub jurisdictions: Vec<FieldJurisdiction>,
    /// Remarks on the field (an IBAN whose check digits fail, a country code not known).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

/// A payment message screened.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PaymentScreening {
    /// The format detected.
    pub format: PaymentFormat,
    /// The message's reference.
    pub reference: Option<String>,
    /// Every field screened, in message order.
    pub fields: Vec<FieldScreening>,
    /// The lists (and versions) screened against.
    pub lists: Vec<ListVersion>,
}

impl PaymentScreening {
    /// Whether any field alerts (a hit, a mention or a sanctioned jurisdiction).
    pub fn alerts(&self) -> bool {
        self.fields
            .iter()
            .any(|f| !f.hits.is_empty() || !f.mentions.is_empty() || !f.jurisdictions.is_empty())
    }
}

/// The format of `message`, from its first bytes: MT103 (a `{1:` basic header, or `:20:`
/// first), or the ISO 20022 message element (`FIToFICstmrCdtTrf`, `CstmrCdtTrfInitn`,
/// `CstmrDrctDbtInitn`).
pub fn detect(message: &str) -> Result<PaymentFormat, PaymentError> {
    let head = message.trim_start_matches('\u{feff}').trim_start();
    if head.starts_with("{1:") || head.starts_with(":20:") {
        return Ok(PaymentFormat::Mt103);
    }
    if head.starts_with('<') {
        return mx::detect(head);
    }
    let first: String = head.chars().take(20).collect();
    Err(PaymentError::UnknownFormat(format!("it starts with {first:?}, neither '{{1:', ':20:' nor XML")))
}

/// Parses `message` in the format detected.
pub fn parse(message: &str) -> Result<Payment, PaymentError> {
    if message.len() > crate::MAX_TEXT_BYTES {
        return Err(crate::TextError::TooLarge { bytes: message.len(), limit: crate::MAX_TEXT_BYTES }.into());
    }
    match detect(message)? {
        PaymentFormat::Mt103 => mt::parse(message),
        _ => mx::parse(message),
    }
}

/// Parses and screens `message`.
pub(crate) fn screen(
    screener: &TextScreener,
    message: &str,
    options: &TextOptions,
) -> Result<PaymentScreening, PaymentError> {
    let payment = parse(message)?;
    let mut fields = Vec::with_capacity(payment.fields.len());
    for field in &payment.fields {
        fields.push(match &field.content {
            FieldContent::Party(party) => screen_party(screener, field, party, options),
            FieldContent::Text(text) => screen_free_text(screener, field, text, options)?,
        });
    }
    Ok(PaymentScreening {
        format: payment.format,
        reference: payment.reference,
        fields,
        lists: screener.gazetteer().lists().to_vec(),
    })
}

fn found(j: jurisdiction::Jurisdiction, source: &str, value: &str) -> FieldJurisdiction {
    FieldJurisdiction {
        code: j.code.to_owned(),
        name: j.name.to_owned(),
        regime: j.regime.to_owned(),
        source: source.to_owned(),
        value: value.to_owned(),
    }
}

fn screen_party(
    screener: &TextScreener,
    field: &Field,
    party: &Party,
    options: &TextOptions,
) -> FieldScreening {
    let mut countries: Vec<String> = Vec::new();
    let mut jurisdictions = Vec::new();
    let mut notes = Vec::new();
    let mut add_country =
        |code: &str, source: &str, value: &str, jurisdictions: &mut Vec<FieldJurisdiction>| {
            let code = code.to_ascii_uppercase();
            if let Some(j) = jurisdiction::by_code(&code) {
                if !jurisdictions.iter().any(|f: &FieldJurisdiction| f.code == j.code && f.source == source) {
                    jurisdictions.push(found(j, source, value));
                }
            }
            if !countries.contains(&code) {
                countries.push(code);
            }
        };
    if let Some(country) = &party.country {
        match embargo_model::country::resolve(country) {
            Some(code) => add_country(code, "country", country, &mut jurisdictions),
            None => notes.push(format!("country {country:?} is no ISO country")),
        }
    }
    if let Some(bic) = &party.bic {
        match codes::bic_country(bic) {
            Some(code) => add_country(code, "bic", bic, &mut jurisdictions),
            None => notes.push(format!("{bic:?} is not shaped as a BIC")),
        }
    }
    if let Some(account) = &party.account {
        if let Some(iban) = codes::iban(account) {
            if embargo_model::country::name_of(&iban.country).is_some() {
                add_country(&iban.country, "iban", &iban.compact, &mut jurisdictions);
            }
            if !iban.valid {
                notes.push(format!("IBAN {} fails its check digits", iban.compact));
            }
        }
    }
    // Towns and address lines: regions (Crimea, Sevastopol, Donetsk...) and countries written out.
    for (source, value) in
        party.town.iter().map(|t| ("town", t)).chain(party.address.iter().map(|a| ("address", a)))
    {
        for (_, _, j) in jurisdiction::find_in_words(&crate::words::split(value)) {
            if !jurisdictions.iter().any(|f| f.code == j.code) {
                jurisdictions.push(found(j, source, value));
            }
        }
    }
    let screen_options = ScreenOptions {
        threshold: options.threshold,
        limit: options.limit.max(1),
        lists: options.lists.clone(),
        explain: options.explain,
        ..ScreenOptions::default()
    };
    let (screened_as, value, hits) = match (&party.name, &party.bic) {
        (Some(name), bic) => {
            let query = Query {
                names: vec![name.clone()],
                countries: countries.clone(),
                identifiers: bic.iter().cloned().chain(party.identifiers.iter().cloned()).collect(),
                ..Query::default()
            };
            (ScreenedAs::Party, name.clone(), screener.index().screen(&query, &screen_options))
        }
        (None, Some(bic)) => {
            let query = Query { identifiers: vec![bic.clone()], ..Query::default() };
            (ScreenedAs::Identifier, bic.clone(), screener.index().screen(&query, &screen_options))
        }
        (None, None) => {
            let value = party.account.clone().or_else(|| party.address.first().cloned()).unwrap_or_default();
            (ScreenedAs::Jurisdiction, value, Vec::new())
        }
    };
    FieldScreening {
        field: field.field.clone(),
        label: field.label.to_owned(),
        screened_as,
        value,
        countries,
        bic: party.bic.clone(),
        account: party.account.clone(),
        // Goods items (the CHPL) share the store's index but are no parties.
        hits: hits.into_iter().filter(|h| !h.entity.is_goods()).map(|h| TextHit::from_hit(&h)).collect(),
        mentions: Vec::new(),
        jurisdictions,
        notes,
    }
}

fn screen_free_text(
    screener: &TextScreener,
    field: &Field,
    text: &str,
    options: &TextOptions,
) -> Result<FieldScreening, PaymentError> {
    let options = TextOptions { markup: crate::Markup::Plain, ..options.clone() };
    let screened = screener.screen_text(text, &options)?;
    let jurisdictions = screened.jurisdictions.iter().map(|j| FieldJurisdiction {
        code: j.code.clone(),
        name: j.name.clone(),
        regime: j.regime.clone(),
        source: "text".to_owned(),
        value: j.text.clone(),
    });
    Ok(FieldScreening {
        field: field.field.clone(),
        label: field.label.to_owned(),
        screened_as: ScreenedAs::Text,
        value: text.to_owned(),
        countries: Vec::new(),
        bic: None,
        account: None,
        hits: Vec::new(),
        jurisdictions: jurisdictions.collect(),
        mentions: screened.mentions,
        notes: Vec::new(),
    })
}
