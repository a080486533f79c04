//! The input: a shipment as JSON, one document or JSON lines, checked field by field so that
//! a malformed shipment is an error naming its field (`parties[2].role: unknown role
//! "shipper"; expected exporter, consignee, ...`) rather than a guess.
//!
//! ```json
//! {"id": "PO-4711",
//!  "parties": [{"role": "consignee", "name": "OOO Radiotech", "country": "KZ", "address": "Almaty"}],
//!  "destination": "Kazakhstan", "transit": ["TR"],
//!  "items": [{"description": "STM32F407VGT6 microcontrollers", "hs_code": "8542.31.00",
//!             "eccn": "5A992.c", "quantity": 500, "value": 2100.0, "currency": "EUR"}]}
//! ```
//!
//! Every field but the parties' names and the destination is optional. Unknown fields are
//! errors (a misspelt `hs_cod` would otherwise leave an item unclassified), and so are values
//! of the wrong type, empty names, oversized texts and counts beyond the limits below.

use crate::hs::HsCode;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::fmt;

/// The most parties one shipment may name.
pub const MAX_PARTIES: usize = 64;
/// The most items one shipment may carry.
pub const MAX_ITEMS: usize = 1_000;
/// The most transit countries.
pub const MAX_TRANSIT: usize = 16;
/// The longest text field (a name, an address, a description), in bytes.
pub const MAX_TEXT_BYTES: usize = 4_096;

/// One shipment to screen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Shipment {
    /// The caller's reference (order, booking or invoice number).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The parties: exporter, consignee, end user, forwarder, bank...
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parties: Vec<Party>,
    /// The country (name or ISO code) or region the goods go to.
    pub destination: String,
    /// Countries or regions the goods pass through.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub transit: Vec<String>,
    /// The goods.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<Item>,
}

/// A party to the shipment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Party {
    /// What it does in the shipment; `None` when not said (it is then taken as possibly
    /// receiving the goods).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    /// Its name, in any script, with its legal form as written.
    pub name: String,
    /// Country (name or ISO code) where the party is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Its address, one line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
}

/// What a party does in the shipment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Ships the goods.
    Exporter,
    /// Receives the goods.
    Consignee,
    /// Receives the goods on the way to the consignee.
    IntermediateConsignee,
    /// Uses the goods.
    EndUser,
    /// Buys the goods.
    Purchaser,
    /// Moves the goods.
    FreightForwarder,
    /// Moves the money.
    Bank,
}

impl Role {
    /// Every role, in the order the error messages list them.
    pub const ALL: [Role; 7] = [
        Role::Exporter,
        Role::Consignee,
        Role::IntermediateConsignee,
        Role::EndUser,
        Role::Purchaser,
        Role::FreightForwarder,
        Role::Bank,
    ];

    /// The role as written in shipments (`end_user`).
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Exporter => "exporter",
            Role::Consignee => "consignee",
            Role::IntermediateConsignee => "intermediate_consignee",
            Role::EndUser => "end_user",
            Role::Purchaser => "purchaser",
            Role::FreightForwarder => "freight_forwarder",
            Role::Bank => "bank",
        }
    }

    /// Parties that receive, buy or use the goods: where they are is where the goods go.
    pub fn receives_goods(self) -> bool {
        matches!(self, Role::Consignee | Role::IntermediateConsignee | Role::EndUser | Role::Purchaser)
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One line of goods.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Item {
    /// What the goods are, as the invoice says (part numbers welcome).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The HS code as declared, normalised to its digits (6, 8 or 10).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hs_code: Option<HsCode>,
    /// The US Export Control Classification Number (`3A001`, `5A992.c`, `EAR99`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eccn: Option<String>,
    /// How many.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quantity: Option<f64>,
    /// What they are worth, in `currency`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    /// ISO 4217 code of `value`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
}

/// A shipment that cannot be read: where (the line of JSON lines, the field) and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct ShipmentError {
    /// The 1-based line of a JSON-lines input; `None` for a single document.
    pub line: Option<u64>,
    /// The path of the field (`parties[2].role`), or empty for the document as a whole.
    pub field: String,
    /// What is wrong and what was expected.
    pub message: String,
}

impl fmt::Display for ShipmentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(line) = self.line {
            write!(f, "line {line}: ")?;
        }
        if !self.field.is_empty() {
            write!(f, "{}: ", self.field)?;
        }
        f.write_str(&self.message)
    }
}

impl embargo_errors::ErrorCode for ShipmentError {
    fn error_code(&self) -> embargo_errors::Code {
        embargo_errors::Code::InvalidShipment
    }
}

fn error(field: &str, message: impl Into<String>) -> ShipmentError {
    ShipmentError { line: None, field: field.to_owned(), message: message.into() }
}

impl Shipment {
    /// Reads one shipment from a JSON document.
    pub fn from_json(text: &str) -> Result<Shipment, ShipmentError> {
        let value: Value = serde_json::from_str(text).map_err(|e| {
            error("", format!("not JSON: {e} (a shipment is one JSON object, or one per line)"))
        })?;
        Shipment::from_value(&value)
    }

    /// Reads one shipment from a parsed JSON value.
    pub fn from_value(value: &Value) -> Result<Shipment, ShipmentError> {
        let object = Fields::of(value, "", "a shipment object")?;
        object.only(&["id", "parties", "destination", "transit", "items"])?;
        let parties = object
            .array("parties", MAX_PARTIES)?
            .iter()
            .enumerate()
            .map(|(i, party)| read_party(party, &format!("parties[{i}]")))
            .collect::<Result<_, _>>()?;
        let destination = object
            .text("destination")?
            .ok_or_else(|| error("destination", "missing: every shipment has a destination"))?;
        let transit = object
            .array("transit", MAX_TRANSIT)?
            .iter()
            .enumerate()
            .map(|(i, place)| required_text(place, &format!("transit[{i}]"), "a country or region"))
            .collect::<Result<_, _>>()?;
        let items = object
            .array("items", MAX_ITEMS)?
            .iter()
            .enumerate()
            .map(|(i, item)| read_item(item, &format!("items[{i}]")))
            .collect::<Result<_, _>>()?;
        Ok(Shipment { id: object.reference("id")?, parties, destination, transit, items })
    }
}

fn read_party(value: &Value, path: &str) -> Result<Party, ShipmentError> {
    let fields = Fields::of(value, path, "a party object")?;
    fields.only(&["role", "name", "country", "address"])?;
    let role = match fields.text("role")? {
        None => None,
        // `End User`, `end-user` and `end_user` are one role.
        Some(role) => Some(
            Role::ALL
                .into_iter()
                .find(|r| r.as_str() == role.to_lowercase().replace([' ', '-'], "_"))
                .ok_or_else(|| {
                    let known: Vec<&str> = Role::ALL.iter().map(|r| r.as_str()).collect();
                    error(
                        &fields.path("role"),
                        format!("unknown role {role:?}; expected {}", known.join(", ")),
                    )
                })?,
        ),
    };
    let name =
        fields.text("name")?.ok_or_else(|| error(&fields.path("name"), "missing: every party has a name"))?;
    Ok(Party { role, name, country: fields.text("country")?, address: fields.text("address")? })
}

fn read_item(value: &Value, path: &str) -> Result<Item, ShipmentError> {
    let fields = Fields::of(value, path, "an item object")?;
    fields.only(&["description", "hs_code", "eccn", "quantity", "value", "currency"])?;
    let hs_code = match fields.get("hs_code") {
        None | Some(Value::Null) => None,
        Some(Value::String(text)) if text.trim().is_empty() => None,
        Some(Value::String(text)) => {
            Some(HsCode::parse(text).map_err(|message| error(&fields.path("hs_code"), message))?)
        }
        Some(Value::Number(n)) if n.is_u64() => {
            Some(HsCode::parse(&n.to_string()).map_err(|message| error(&fields.path("hs_code"), message))?)
        }
        Some(Value::Number(n)) => {
            return Err(error(
                &fields.path("hs_code"),
                format!(
                    "{n} as a JSON number loses zeros (8542.10 reads as 8542.1): write the code as a string"
                ),
            ))
        }
        Some(other) => {
            return Err(error(
                &fields.path("hs_code"),
                format!("expected a string, found {}", kind_of(other)),
            ))
        }
    };
    let eccn = fields.text("eccn")?.map(|e| e.to_ascii_uppercase());
    if let Some(eccn) = &eccn {
        if !is_eccn(eccn) {
            return Err(error(
                &fields.path("eccn"),
                format!("{eccn:?} is not an ECCN (a digit, a letter A-E, three digits, optional paragraphs: 3A001.a.7) or EAR99"),
            ));
        }
    }
    let currency = fields.text("currency")?;
    if let Some(code) = &currency {
        if code.len() != 3 || !code.bytes().all(|b| b.is_ascii_alphabetic()) {
            return Err(error(
                &fields.path("currency"),
                format!("{code:?} is not an ISO 4217 code such as EUR"),
            ));
        }
    }
    let item = Item {
        description: fields.text("description")?,
        hs_code,
        eccn,
        quantity: fields.number("quantity")?,
        value: fields.number("value")?,
        currency: currency.map(|c| c.to_ascii_uppercase()),
    };
    if item.description.is_none() && item.hs_code.is_none() && item.eccn.is_none() {
        return Err(error(path, "an item needs a description, an hs_code or an eccn"));
    }
    Ok(item)
}

/// `3A001`, `5A992.c`, `9A610.x`, `0Y521`, or `EAR99`.
fn is_eccn(text: &str) -> bool {
    if text == "EAR99" {
        return true;
    }
    let b = text.as_bytes();
    b.len() >= 5
        && b[0].is_ascii_digit()
        && matches!(b[1], b'A'..=b'E' | b'Y')
        && b[2..5].iter().all(u8::is_ascii_digit)
        && (b.len() == 5
            || (b[5] == b'.'
                && b.len() > 6
                && text[6..].bytes().all(|c| c.is_ascii_alphanumeric() || c == b'.')))
}

/// Levenshtein distance, for telling a misspelt field name (a few ASCII letters) from another
/// field; written here because the names are short and nothing else needs one.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1).min(row[j] + 1).min(diagonal + usize::from(ca != *cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn required_text(value: &Value, path: &str, what: &str) -> Result<String, ShipmentError> {
    match value {
        Value::String(text) => checked_text(text, path),
        other => Err(error(path, format!("expected {what} as a string, found {}", kind_of(other)))),
    }
}

/// A trimmed, non-empty text of at most [`MAX_TEXT_BYTES`].
fn checked_text(text: &str, path: &str) -> Result<String, ShipmentError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(error(path, "empty"));
    }
    if text.len() > MAX_TEXT_BYTES {
        return Err(error(path, format!("{} bytes; at most {MAX_TEXT_BYTES}", text.len())));
    }
    Ok(text.to_owned())
}

/// The fields of one JSON object, with the path that names them in errors.
struct Fields<'v> {
    map: &'v Map<String, Value>,
    path: String,
}

impl<'v> Fields<'v> {
    fn of(value: &'v Value, path: &str, what: &str) -> Result<Fields<'v>, ShipmentError> {
        match value {
            Value::Object(map) => Ok(Fields { map, path: path.to_owned() }),
            other => Err(error(path, format!("expected {what}, found {}", kind_of(other)))),
        }
    }

    fn path(&self, key: &str) -> String {
        if self.path.is_empty() {
            key.to_owned()
        } else {
            format!("{}.{key}", self.path)
        }
    }

    /// Refuses a field that is a known one misspelt or otherwise written (`hs_cod`, `hsCode`):
    /// read as unknown, it would leave the item unclassified. Fields unlike any known one are
    /// the caller's own (an incoterm, a date) and are left alone.
    fn only(&self, known: &[&str]) -> Result<(), ShipmentError> {
        let fold = |key: &str| key.to_lowercase().replace(['_', '-', ' '], "");
        for key in self.map.keys().filter(|k| !known.contains(&k.as_str())) {
            let folded = fold(key);
            let near = known.iter().find(|k| {
                let k = fold(k);
                k == folded || (folded.len() >= 4 && edit_distance(&k, &folded) <= 2)
            });
            if let Some(meant) = near {
                return Err(error(
                    &self.path(key),
                    format!("unknown field; did you mean `{meant}`? (fields: {})", known.join(", ")),
                ));
            }
        }
        Ok(())
    }

    fn get(&self, key: &str) -> Option<&'v Value> {
        self.map.get(key)
    }

    /// An optional text field: absent or null is `None`; an empty string is an error.
    fn text(&self, key: &str) -> Result<Option<String>, ShipmentError> {
        match self.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(value) => required_text(value, &self.path(key), "text").map(Some),
        }
    }

    /// A reference: a string or an integer.
    fn reference(&self, key: &str) -> Result<Option<String>, ShipmentError> {
        match self.get(key) {
            Some(Value::Number(n)) if n.is_u64() || n.is_i64() => Ok(Some(n.to_string())),
            _ => self.text(key),
        }
    }

    fn number(&self, key: &str) -> Result<Option<f64>, ShipmentError> {
        match self.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Number(n)) => match n.as_f64() {
                Some(v) if v >= 0.0 && v.is_finite() => Ok(Some(v)),
                _ => Err(error(&self.path(key), format!("{n} is not a number of zero or more"))),
            },
            // Orders exported from spreadsheets write numbers as text.
            Some(Value::String(text)) => match text.trim().parse::<f64>() {
                Ok(v) if v >= 0.0 && v.is_finite() => Ok(Some(v)),
                _ => Err(error(&self.path(key), format!("{text:?} is not a number of zero or more"))),
            },
            Some(other) => {
                Err(error(&self.path(key), format!("expected a number, found {}", kind_of(other))))
            }
        }
    }

    fn array(&self, key: &str, max: usize) -> Result<&'v [Value], ShipmentError> {
        match self.get(key) {
            None | Some(Value::Null) => Ok(&[]),
            Some(Value::Array(values)) if values.len() > max => {
                Err(error(&self.path(key), format!("{} entries; at most {max}", values.len())))
            }
            Some(Value::Array(values)) => Ok(values),
            Some(other) => {
                Err(error(&self.path(key), format!("expected an array, found {}", kind_of(other))))
            }
        }
    }
}

/// The shipments of an input text: one JSON document, or JSON lines (one shipment per line,
/// blank lines skipped).
#[derive(Debug, Clone, PartialEq)]
pub struct ShipmentInput {
    /// Whether the text was JSON lines (answer in JSON lines too).
    pub json_lines: bool,
    /// Each shipment, or the error that names its line and field, in input order.
    pub shipments: Vec<Result<Shipment, ShipmentError>>,
}

impl ShipmentInput {
    /// Reads `text`: one JSON document when it parses as one (pretty-printed or not), else
    /// JSON lines. A broken line is an error of its own; the other lines are still read.
    pub fn parse(text: &str) -> ShipmentInput {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        if let Ok(value) = serde_json::from_str::<Value>(text) {
            return ShipmentInput { json_lines: false, shipments: vec![Shipment::from_value(&value)] };
        }
        let non_blank = text.lines().filter(|l| !l.trim().is_empty()).count();
        if non_blank <= 1 {
            return ShipmentInput { json_lines: false, shipments: vec![Shipment::from_json(text)] };
        }
        let shipments = text
            .lines()
            .enumerate()
            .filter(|(_, line)| !line.trim().is_empty())
            .map(|(n, line)| {
                Shipment::from_json(line).map_err(|mut e| {
                    e.line = Some(n as u64 + 1);
                    e
                })
            })
            .collect();
        ShipmentInput { json_lines: true, shipments }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn misspelt_fields_are_refused_and_foreign_ones_left_alone() {
        let item =
            |json: &str| Shipment::from_json(&format!(r#"{{"destination": "DE", "items": [{json}]}}"#));
        for typo in [
            r#"{"hs_cod": "854231"}"#,
            r#"{"hsCode": "854231"}"#,
            r#"{"HS-Code": "854231"}"#,
            r#"{"descripton": "x"}"#,
        ] {
            let err = item(typo).unwrap_err();
            assert!(err.message.contains("did you mean"), "{typo}: {err}");
        }
        let ok = item(r#"{"description": "x", "incoterm": "FCA", "unit_price": 3}"#).unwrap();
        assert_eq!(ok.items[0].description.as_deref(), Some("x"));
        assert_eq!(edit_distance("hscod", "hscode"), 1);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }

    #[test]
    fn roles_and_numbers_are_read_as_orders_write_them() {
        let shipment = Shipment::from_json(
            r#"{"destination": "DE", "parties": [{"role": "End User", "name": "A"}, {"role": "freight-forwarder", "name": "B"}],
                "items": [{"description": "x", "quantity": "12", "value": " 99.5 "}]}"#,
        )
        .unwrap();
        assert_eq!(shipment.parties[0].role, Some(Role::EndUser));
        assert_eq!(shipment.parties[1].role, Some(Role::FreightForwarder));
        assert_eq!((shipment.items[0].quantity, shipment.items[0].value), (Some(12.0), Some(99.5)));
    }

    #[test]
    fn eccns_are_checked_for_shape() {
        for ok in ["3A001", "5A992.C", "9A610.X", "0Y521", "EAR99", "3A001.A.7"] {
            assert!(is_eccn(ok), "{ok}");
        }
        for bad in ["3A01", "XA001", "3F001", "3A001.", "EAR", ""] {
            assert!(!is_eccn(bad), "{bad}");
        }
    }
}
