//! SWIFT MT103: the fields of block 4, read strictly.
//!
//! A message is either a whole FIN message (`{1:...}{2:...}{3:...}{4:` ... `-}{5:...}`) or
//! block 4 alone (starting with `:20:`). Each field starts a line with `:TAG:` (two digits and
//! an optional option letter) and runs to the next tag or the closing `-`. Checked: the
//! mandatory fields of MT103 (20, 23B, 32A, 50a, 59a, 71A), the option letters of the party
//! fields, lines of at most 35 characters and the number of lines of each party and text
//! field, the numbered lines of 50F and 59F (`1/` name, `2/` address, `3/` country and town),
//! BICs of option A. Every error names the field and the line of the message.

use super::{codes, Field, FieldContent, Party, Payment, PaymentFormat};
use crate::error::PaymentError;

const FORMAT: &str = "MT103";

/// One field as written: tag, the line of the message its tag is on (1-based), its lines.
struct RawField<'m> {
    tag: &'m str,
    line: usize,
    lines: Vec<&'m str>,
}

/// What each party and text field is, and how many lines it may have (account line apart).
fn describe(tag: &str) -> Option<(&'static str, usize)> {
    Some(match tag {
        "50A" | "50F" | "50K" => ("ordering customer", 4),
        "52A" | "52D" => ("ordering institution", 4),
        "53A" | "53B" | "53D" => ("sender's correspondent", 4),
        "54A" | "54B" | "54D" => ("receiver's correspondent", 4),
        "55A" | "55B" | "55D" => ("third reimbursement institution", 4),
        "56A" | "56C" | "56D" => ("intermediary institution", 4),
        "57A" | "57B" | "57C" | "57D" => ("account with institution", 4),
        "59" | "59A" | "59F" => ("beneficiary customer", 4),
        "70" => ("remittance information", 4),
        "72" => ("sender to receiver information", 6),
        _ => return None,
    })
}

/// Parses an MT103.
pub fn parse(message: &str) -> Result<Payment, PaymentError> {
    let (body, first_line) = block4(message)?;
    let fields = split_fields(body, first_line)?;
    for mandatory in ["20", "23B", "32A", "71A"] {
        if !fields.iter().any(|f| f.tag == mandatory) {
            return Err(PaymentError::malformed(
                FORMAT,
                format!("field {mandatory}"),
                "mandatory field missing",
            ));
        }
    }
    for (family, options) in [("50", "A, F or K"), ("59", "no letter, A or F")] {
        if !fields.iter().any(|f| f.tag.starts_with(family)) {
            return Err(PaymentError::malformed(
                FORMAT,
                format!("field {family}a"),
                format!("mandatory field missing (option {options})"),
            ));
        }
    }
    let mut payment = Payment { format: PaymentFormat::Mt103, reference: None, fields: Vec::new() };
    for field in &fields {
        if field.tag == "20" {
            payment.reference = field.lines.first().map(|l| l.trim().to_owned());
        }
        let family = &field.tag[..2];
        if matches!(family, "50" | "52" | "53" | "54" | "55" | "56" | "57" | "59" | "70" | "72")
            && describe(field.tag).is_none()
        {
            return Err(PaymentError::malformed(
                FORMAT,
                at(field, 0),
                format!("option {:?} is not one MT103 allows for field {family}", &field.tag[2..]),
            ));
        }
        let Some((label, max_lines)) = describe(field.tag) else { continue };
        for (k, line) in field.lines.iter().enumerate() {
            let chars = line.chars().count();
            if chars > 35 {
                return Err(PaymentError::malformed(
                    FORMAT,
                    at(field, k),
                    format!("{chars} characters; lines hold at most 35"),
                ));
            }
        }
        let content = match field.tag {
            "70" | "72" => FieldContent::Text(free_text(field, max_lines)?),
            "50F" | "59F" => FieldContent::Party(numbered_party(field)?),
            tag if tag.ends_with('A') => FieldContent::Party(bic_party(field)?),
            _ => FieldContent::Party(name_and_address(field, max_lines)?),
        };
        payment.fields.push(Field { field: field.tag.to_owned(), label, content });
    }
    Ok(payment)
}

/// `field 59 line 3 (message line 14)`.
fn at(field: &RawField, k: usize) -> String {
    format!("field {} line {} (message line {})", field.tag, k + 1, field.line + k)
}

/// Block 4 and the message line it starts on.
fn block4(message: &str) -> Result<(&str, usize), PaymentError> {
    let message = message.trim_start_matches('\u{feff}');
    let Some(open) = message.find("{4:") else {
        if message.trim_start().starts_with(":20:") {
            let skipped = message.len() - message.trim_start().len();
            return Ok((message.trim_start(), 1 + message[..skipped].matches('\n').count()));
        }
        return Err(PaymentError::malformed(
            FORMAT,
            "block 4",
            "no text block '{4:' and no field ':20:' first",
        ));
    };
    let body = &message[open + 3..];
    let close = body
        .find("\n-}")
        .or_else(|| body.find("\r\n-}"))
        .or_else(|| body.rfind("-}"))
        .ok_or_else(|| PaymentError::malformed(FORMAT, "block 4", "not closed by '-}'"))?;
    let first_line = 1 + message[..open + 3].matches('\n').count();
    Ok((&body[..close], first_line))
}

fn split_fields(body: &str, first_line: usize) -> Result<Vec<RawField<'_>>, PaymentError> {
    let mut fields: Vec<RawField> = Vec::new();
    for (k, raw_line) in body.split('\n').enumerate() {
        let line = raw_line.strip_suffix('\r').unwrap_or(raw_line);
        let number = first_line + k;
        if let Some(rest) = line.strip_prefix(':') {
            if let Some(end) = rest.find(':') {
                let tag = &rest[..end];
                if is_tag(tag) {
                    fields.push(RawField { tag, line: number, lines: vec![&rest[end + 1..]] });
                    continue;
                }
            }
        }
        if line == "-" {
            break;
        }
        match fields.last_mut() {
            Some(field) => field.lines.push(line),
            None if line.trim().is_empty() => {}
            None => {
                return Err(PaymentError::malformed(
                    FORMAT,
                    format!("line {number}"),
                    format!("expected a field tag such as ':20:', found {:?}", truncate(line)),
                ))
            }
        }
    }
    // Trailing empty lines belong to no field.
    for field in &mut fields {
        while field.lines.len() > 1 && field.lines.last().is_some_and(|l| l.trim().is_empty()) {
            field.lines.pop();
        }
    }
    Ok(fields)
}

fn truncate(line: &str) -> String {
    line.chars().take(40).collect()
}

fn is_tag(tag: &str) -> bool {
    let b = tag.as_bytes();
    (b.len() == 2 || b.len() == 3)
        && b[0].is_ascii_digit()
        && b[1].is_ascii_digit()
        && b[2..].iter().all(u8::is_ascii_uppercase)
}

/// Splits off an account line (`/DE89...`, `//RU044525593`) at the start of a party field.
fn account_line<'f, 'm>(field: &'f RawField<'m>) -> (Option<String>, &'f [&'m str]) {
    match field.lines.split_first() {
        Some((first, rest)) if first.starts_with('/') => {
            (Some(first.trim_start_matches('/').trim().to_owned()), rest)
        }
        _ => (None, &field.lines[..]),
    }
}

fn bic_party(field: &RawField) -> Result<Party, PaymentError> {
    let (account, rest) = account_line(field);
    let offset = field.lines.len() - rest.len();
    let bic = rest
        .first()
        .map(|b| b.trim())
        .ok_or_else(|| PaymentError::malformed(FORMAT, at(field, offset), "option A needs a BIC line"))?;
    if codes::bic_country(bic).is_none() {
        return Err(PaymentError::malformed(
            FORMAT,
            at(field, offset),
            format!("{bic:?} is not a BIC (4 letters, 2 letters of country, 2 of location, 3 of branch)"),
        ));
    }
    if rest.len() > 1 {
        return Err(PaymentError::malformed(
            FORMAT,
            at(field, offset + 1),
            "option A holds nothing after the BIC",
        ));
    }
    Ok(Party { bic: Some(bic.to_owned()), account, ..Party::default() })
}

/// Options K, D, no letter (59), B and C: an optional account line, then name and address.
fn name_and_address(field: &RawField, max_lines: usize) -> Result<Party, PaymentError> {
    let (account, rest) = account_line(field);
    let rest: Vec<&str> = rest.iter().map(|l| l.trim()).filter(|l| !l.is_empty()).collect();
    if rest.len() > max_lines {
        return Err(PaymentError::malformed(
            FORMAT,
            at(field, field.lines.len() - 1),
            format!("{} lines of name and address; at most {max_lines}", rest.len()),
        ));
    }
    if matches!(field.tag, "56C" | "57C") || field.tag == "57B" {
        return Ok(Party {
            account,
            address: rest.iter().map(|l| (*l).to_owned()).collect(),
            ..Party::default()
        });
    }
    let mut lines = rest.into_iter();
    let name = lines.next().map(str::to_owned);
    if name.is_none() && account.is_none() {
        return Err(PaymentError::malformed(
            FORMAT,
            at(field, 0),
            "empty: a name (or an account) is expected",
        ));
    }
    let address: Vec<String> = lines.map(str::to_owned).collect();
    // The last address line often ends with the country ("MOSCOW RU", "TEHRAN, IRAN").
    let country = address.last().and_then(|l| last_word_country(l));
    Ok(Party { name, address, country, account, ..Party::default() })
}

fn last_word_country(line: &str) -> Option<String> {
    let last = line.rsplit([' ', ',']).find(|w| !w.is_empty())?;
    let code = embargo_model::country::resolve(last)?;
    // A two-letter word is a code only in capitals ("RU", not "of").
    (last.len() > 2 || last.chars().all(|c| c.is_ascii_uppercase())).then(|| code.to_owned())
}

/// Options F of 50 and 59: a party identifier or account line, then numbered lines.
fn numbered_party(field: &RawField) -> Result<Party, PaymentError> {
    let mut party = Party::default();
    let mut lines = field.lines.iter().enumerate().peekable();
    // 59F starts with an optional account; 50F with a party identifier (account, or
    // CODE/country/identifier).
    if let Some((_, first)) = lines.peek() {
        if first.starts_with('/') {
            party.account = Some(first.trim_start_matches('/').trim().to_owned());
            lines.next();
        } else if field.tag == "50F" && !first.starts_with(|c: char| c.is_ascii_digit()) {
            party.identifiers.push(first.trim().to_owned());
            lines.next();
        }
    }
    let mut names: Vec<&str> = Vec::new();
    for (k, line) in lines {
        let (number, text) = line
            .split_once('/')
            .filter(|(n, _)| n.len() == 1 && n.as_bytes()[0].is_ascii_digit())
            .ok_or_else(|| {
                PaymentError::malformed(
                    FORMAT,
                    at(field, k),
                    format!("expected a numbered line 'n/...', found {:?}", truncate(line)),
                )
            })?;
        let text = text.trim();
        match (number, field.tag) {
            ("1", _) => names.push(text),
            ("2", _) => party.address.push(text.to_owned()),
            ("3", _) => {
                let (country, town) = text.split_once('/').unwrap_or((text, ""));
                if country.len() != 2 || !country.chars().all(|c| c.is_ascii_uppercase()) {
                    return Err(PaymentError::malformed(
                        FORMAT,
                        at(field, k),
                        format!("line 3 starts with a two-letter country code, found {country:?}"),
                    ));
                }
                party.country = Some(country.to_owned());
                if !town.trim().is_empty() {
                    party.town = Some(town.trim().to_owned());
                }
            }
            ("4" | "5" | "6" | "7" | "8", "50F") => party.other.push(format!("{number}/{text}")),
            _ => {
                return Err(PaymentError::malformed(
                    FORMAT,
                    at(field, k),
                    format!("line number {number} is not one field {} allows", field.tag),
                ))
            }
        }
    }
    if names.is_empty() {
        return Err(PaymentError::malformed(FORMAT, at(field, 0), "no name line '1/'"));
    }
    party.name = Some(names.join(" "));
    Ok(party)
}

/// Fields 70 and 72: the codes of 72 (`/INS/`, `/ACC/`) and of 70 (`/INV/`, `/RFB/`) are
/// dropped from the text screened. The lines of 70 are one text wrapped at 35 characters and
/// are joined with spaces; each coded line of 72 is a line of its own, continued by `//`
/// lines.
fn free_text(field: &RawField, max_lines: usize) -> Result<String, PaymentError> {
    if field.lines.len() > max_lines {
        return Err(PaymentError::malformed(
            FORMAT,
            at(field, max_lines),
            format!("{} lines; field {} holds at most {max_lines}", field.lines.len(), field.tag),
        ));
    }
    let mut text = String::new();
    for line in &field.lines {
        let mut line = line.trim();
        let mut separator = if field.tag == "72" { '\n' } else { ' ' };
        if let Some(rest) = line.strip_prefix("//") {
            line = rest;
            separator = ' ';
        } else if let Some(rest) = line.strip_prefix('/') {
            if let Some((code, after)) = rest.split_once('/') {
                if code.len() <= 8 && code.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()) {
                    line = after;
                }
            }
        }
        if !text.is_empty() {
            text.push(separator);
        }
        text.push_str(line.trim());
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MT103: &str = "{1:F01DEUTDEFFAXXX0000000000}{2:I103UNCRRUMMXXXXN}{3:{108:REF}}{4:\r\n\
:20:INV-2024-118\r\n\
:23B:CRED\r\n\
:32A:240105EUR125000,\r\n\
:50F:/DE89370400440532013000\r\n\
1/MUELLER ELEKTRONIK GMBH\r\n\
2/HAUPTSTRASSE 5\r\n\
3/DE/HAMBURG\r\n\
:52A:DEUTDEFF\r\n\
:57A:UNCRRUMM\r\n\
:59F:/RU0204452560040702810412345678901\r\n\
1/JSC SPECIAL ECONOMIC ZONE OF\r\n\
1/INDUSTRIAL PRODUCTION ALABUGA\r\n\
2/YELABUGA\r\n\
3/RU/YELABUGA\r\n\
:70:/INV/ 2024-118 MICROCONTROLLERS\r\n\
:71A:SHA\r\n\
-}{5:{CHK:123456789ABC}}";

    #[test]
    fn a_whole_fin_message_is_read_field_by_field() {
        let p = parse(MT103).unwrap();
        assert_eq!(p.reference.as_deref(), Some("INV-2024-118"));
        let tags: Vec<&str> = p.fields.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(tags, ["50F", "52A", "57A", "59F", "70"]);
        let FieldContent::Party(beneficiary) = &p.fields[3].content else { panic!() };
        assert_eq!(
            beneficiary.name.as_deref(),
            Some("JSC SPECIAL ECONOMIC ZONE OF INDUSTRIAL PRODUCTION ALABUGA")
        );
        assert_eq!(beneficiary.country.as_deref(), Some("RU"));
        assert_eq!(beneficiary.town.as_deref(), Some("YELABUGA"));
        let FieldContent::Party(agent) = &p.fields[2].content else { panic!() };
        assert_eq!(agent.bic.as_deref(), Some("UNCRRUMM"));
        assert_eq!(p.fields[4].content, FieldContent::Text("2024-118 MICROCONTROLLERS".into()));
    }

    fn error(message: &str) -> String {
        parse(message).unwrap_err().to_string()
    }

    #[test]
    fn malformed_messages_name_the_field_and_line() {
        let missing = MT103.replace(":71A:SHA\r\n", "");
        assert_eq!(error(&missing), "malformed MT103: field 71A: mandatory field missing");
        let long = MT103.replace("2/HAUPTSTRASSE 5", "2/HAUPTSTRASSE 5 HINTERHAUS DRITTER STOCK LINKS");
        assert_eq!(
            error(&long),
            "malformed MT103: field 50F line 3 (message line 7): 47 characters; lines hold at most 35"
        );
        let bad_bic = MT103.replace(":57A:UNCRRUMM", ":57A:UNCR-RU");
        assert!(error(&bad_bic)
            .starts_with("malformed MT103: field 57A line 1 (message line 10): \"UNCR-RU\" is not a BIC"));
        let bad_line = MT103.replace("3/RU/YELABUGA", "RU YELABUGA");
        assert!(error(&bad_line).contains("field 59F line 5 (message line 15): expected a numbered line"));
        let bad_country = MT103.replace("3/RU/YELABUGA", "3/RUSSIA/YELABUGA");
        assert!(error(&bad_country).contains("two-letter country code"));
        let bad_option = MT103.replace(":59F:", ":59K:");
        assert!(error(&bad_option).contains("option \"K\" is not one MT103 allows for field 59"));
        assert!(error("{1:F01}{4:\r\n:20:X\r\n").contains("not closed"));
        assert!(error("{1:F01}{4:\r\nhello\r\n-}").contains("line 2: expected a field tag"));
    }

    #[test]
    fn block_4_alone_and_option_k() {
        let p = parse(":20:R1\n:23B:CRED\n:32A:240105USD10,\n:50K:/123\nIVAN PETROV\nLENINA 1\nSEVASTOPOL\n:59:/IR580540105180021273113007\nPARS TRADING\nTEHRAN IR\n:70:/RFB/DRONE ENGINES\n:72:/INS/BMJIIRTH\n//VIA DUBAI\n:71A:OUR\n").unwrap();
        let FieldContent::Party(ordering) = &p.fields[0].content else { panic!() };
        assert_eq!(ordering.name.as_deref(), Some("IVAN PETROV"));
        assert_eq!(ordering.address, ["LENINA 1", "SEVASTOPOL"]);
        let FieldContent::Party(beneficiary) = &p.fields[1].content else { panic!() };
        assert_eq!(beneficiary.country.as_deref(), Some("IR"));
        assert_eq!(p.fields[3].content, FieldContent::Text("BMJIIRTH VIA DUBAI".into()));
    }
}
