//! ISO 20022 pacs.008, pain.001 and pain.008: the parties, accounts and free text, read from
//! the XML wherever the message puts them.
//!
//! Party elements (`Dbtr`, `Cdtr`, `UltmtDbtr`, `UltmtCdtr`, `InitgPty` and the agents
//! `DbtrAgt`, `CdtrAgt`, `IntrmyAgt1..3`, `InstgAgt`, `InstdAgt`, `PrvsInstgAgt1..3`) give a
//! [`Party`] each: `Nm` (the party's own or its `FinInstnId`'s, not a contact's), the postal
//! address (`StrtNm`, `BldgNb`, `PstCd`, `TwnNm`, `CtrySubDvsn`, `Ctry`, `AdrLine`), `CtryOfRes`,
//! the BIC (`BIC`, `BICFI`, `AnyBIC`, `BICOrBEI`) and other identifiers. Account elements
//! (`DbtrAcct`, `CdtrAcct`, `CdtrAgtAcct`...) give their party's IBAN or other number. Free
//! text: `RmtInf/Ustrd`, `Strd/AddtlRmtInf`, `InstrForCdtrAgt/InstrInf`,
//! `InstrForNxtAgt/InstrInf`. Checked: well-formed XML, a known message element, `MsgId`, at
//! least one transaction, a creditor in every credit transfer and a debtor in every direct
//! debit and in every pacs.008 transaction, names of at most 140 characters, two-letter
//! country codes, BICs of a BIC's shape. Errors name the element path and the line.

use super::{codes, Field, FieldContent, Party, Payment, PaymentFormat};
use crate::error::PaymentError;
use quick_xml::events::Event;
use quick_xml::Reader;

/// The message element of each format read.
const MESSAGES: &[(&str, PaymentFormat)] = &[
    ("FIToFICstmrCdtTrf", PaymentFormat::Pacs008),
    ("CstmrCdtTrfInitn", PaymentFormat::Pain001),
    ("CstmrDrctDbtInitn", PaymentFormat::Pain008),
];

/// The format of an XML message, from its message element.
pub fn detect(xml: &str) -> Result<PaymentFormat, PaymentError> {
    for (element, format) in MESSAGES {
        let mut from = 0;
        while let Some(at) = xml[from..].find(element) {
            let at = from + at;
            let before = xml[..at].chars().next_back();
            let after = xml[at + element.len()..].chars().next();
            if matches!(before, Some('<' | ':')) && matches!(after, Some('>' | ' ' | '\t' | '\r' | '\n')) {
                return Ok(*format);
            }
            from = at + element.len();
        }
    }
    Err(PaymentError::UnknownFormat(
        "XML without a FIToFICstmrCdtTrf (pacs.008), CstmrCdtTrfInitn (pain.001) or CstmrDrctDbtInitn (pain.008) element"
            .into(),
    ))
}

fn party_label(tag: &str) -> Option<&'static str> {
    Some(match tag {
        "Dbtr" => "debtor",
        "Cdtr" => "creditor",
        "UltmtDbtr" => "ultimate debtor",
        "UltmtCdtr" => "ultimate creditor",
        "InitgPty" => "initiating party",
        "DbtrAgt" => "debtor agent",
        "CdtrAgt" => "creditor agent",
        "IntrmyAgt1" | "IntrmyAgt2" | "IntrmyAgt3" => "intermediary agent",
        "InstgAgt" => "instructing agent",
        "InstdAgt" => "instructed agent",
        "PrvsInstgAgt1" | "PrvsInstgAgt2" | "PrvsInstgAgt3" => "previous instructing agent",
        _ => return None,
    })
}

/// The party an account element belongs to (`DbtrAcct` → `Dbtr`).
fn account_owner(tag: &str) -> Option<&str> {
    tag.strip_suffix("Acct").filter(|owner| party_label(owner).is_some())
}

/// Elements that number their repetitions in field paths.
const REPEATED: &[&str] = &["PmtInf", "CdtTrfTxInf", "DrctDbtTxInf"];

/// An open party element.
struct OpenParty {
    tag: String,
    depth: usize,
    path: String,
    party: Party,
}

/// The state of one transaction (or pain payment information block) for the checks.
struct Scope {
    tag: String,
    path: String,
    parties: Vec<String>,
}

struct Parser<'m> {
    xml: &'m str,
    format: PaymentFormat,
    /// Open elements (local names).
    open: Vec<String>,
    /// Open repeated elements with their 1-based numbers, for paths.
    numbered: Vec<(usize, String)>,
    /// Repetitions seen of each repeated element under the current parent.
    counts: Vec<Vec<(String, usize)>>,
    parties: Vec<OpenParty>,
    scopes: Vec<Scope>,
    /// The account element open, and the party it belongs to.
    account: Option<(usize, String)>,
    text: String,
    fields: Vec<Field>,
    reference: Option<String>,
    transactions: usize,
}

/// Parses a pacs.008, pain.001 or pain.008 message.
pub fn parse(message: &str) -> Result<Payment, PaymentError> {
    let xml = message.trim_start_matches('\u{feff}');
    let format = detect(xml)?;
    let mut parser = Parser {
        xml,
        format,
        open: Vec::new(),
        numbered: Vec::new(),
        counts: vec![Vec::new()],
        parties: Vec::new(),
        scopes: Vec::new(),
        account: None,
        text: String::new(),
        fields: Vec::new(),
        reference: None,
        transactions: 0,
    };
    parser.run()?;
    if parser.reference.is_none() {
        return Err(parser.error_at(xml.len(), "GrpHdr/MsgId", "the group header's message id is missing"));
    }
    if parser.transactions == 0 {
        return Err(parser.error_at(xml.len(), "message", "no transaction (CdtTrfTxInf or DrctDbtTxInf)"));
    }
    Ok(Payment { format, reference: parser.reference, fields: parser.fields })
}

impl<'m> Parser<'m> {
    fn format_name(&self) -> &'static str {
        self.format.as_str()
    }

    fn line_of(&self, byte: usize) -> usize {
        1 + self.xml.as_bytes()[..byte.min(self.xml.len())].iter().filter(|&&b| b == b'\n').count()
    }

    fn error_at(&self, byte: usize, at: &str, message: impl Into<String>) -> PaymentError {
        PaymentError::malformed(self.format_name(), format!("{at} (line {})", self.line_of(byte)), message)
    }

    /// The path of the element about to be opened or just read: numbered scopes and `leaf`.
    fn path(&self, leaf: &str) -> String {
        let mut path = String::new();
        for (n, tag) in &self.numbered {
            path.push_str(&format!("{tag}[{n}]/"));
        }
        if path.is_empty() && self.open.iter().any(|t| t == "GrpHdr") {
            path.push_str("GrpHdr/");
        }
        path.push_str(leaf);
        path
    }

    fn run(&mut self) -> Result<(), PaymentError> {
        let mut reader = Reader::from_str(self.xml);
        loop {
            let position = reader.buffer_position() as usize;
            let event = reader.read_event().map_err(|e| {
                let at = reader.error_position() as usize;
                self.error_at(at, "XML", format!("not well-formed: {e}"))
            })?;
            match event {
                Event::Start(start) => {
                    let tag = start.local_name().into_inner().to_owned();
                    self.open_element(tag, position)?;
                }
                Event::Empty(start) => {
                    let tag = start.local_name().into_inner().to_owned();
                    self.open_element(tag, position)?;
                    self.close_element(position)?;
                }
                Event::End(_) => self.close_element(position)?,
                Event::Text(t) => {
                    self.text.push_str(&t.xml10_content());
                }
                Event::CData(c) => {
                    self.text.push_str(&c.xml10_content());
                }
                Event::GeneralRef(r) => {
                    let resolved = match r.resolve_char_ref() {
                        Ok(Some(c)) => c.to_string(),
                        _ => match &*r {
                            "amp" => "&".into(),
                            "lt" => "<".into(),
                            "gt" => ">".into(),
                            "quot" => "\"".into(),
                            "apos" => "'".into(),
                            other => {
                                return Err(self.error_at(
                                    position,
                                    "XML",
                                    format!("unknown entity &{other};"),
                                ))
                            }
                        },
                    };
                    self.text.push_str(&resolved);
                }
                Event::Eof => {
                    if let Some(open) = self.open.last() {
                        return Err(self.error_at(
                            position,
                            "XML",
                            format!("the message ends inside <{open}> (truncated?)"),
                        ));
                    }
                    return Ok(());
                }
                _ => {}
            }
        }
    }

    fn open_element(&mut self, tag: String, _position: usize) -> Result<(), PaymentError> {
        self.text.clear();
        if REPEATED.contains(&tag.as_str()) {
            let counts = self.counts.last_mut().expect("a count level per open element");
            let n = match counts.iter_mut().find(|(t, _)| *t == tag) {
                Some((_, n)) => {
                    *n += 1;
                    *n
                }
                None => {
                    counts.push((tag.clone(), 1));
                    1
                }
            };
            self.numbered.push((n, tag.clone()));
            if tag != "PmtInf" {
                self.transactions += 1;
            }
            let path = self.path("");
            self.scopes.push(Scope {
                tag: tag.clone(),
                path: path.trim_end_matches('/').to_owned(),
                parties: Vec::new(),
            });
        }
        if self.parties.is_empty() && self.account.is_none() {
            if party_label(&tag).is_some() {
                let path = self.path(&tag);
                self.parties.push(OpenParty {
                    tag: tag.clone(),
                    depth: self.open.len(),
                    path,
                    party: Party::default(),
                });
            } else if let Some(owner) = account_owner(&tag) {
                self.account = Some((self.open.len(), owner.to_owned()));
            }
        }
        self.open.push(tag);
        self.counts.push(Vec::new());
        Ok(())
    }

    fn close_element(&mut self, position: usize) -> Result<(), PaymentError> {
        let Some(tag) = self.open.pop() else { return Ok(()) };
        self.counts.pop();
        let depth = self.open.len();
        let parent = self.open.last().cloned().unwrap_or_default();
        let text = std::mem::take(&mut self.text).trim().to_owned();
        // Leaves inside a party.
        if let Some(open) = self.parties.last() {
            if depth > open.depth && !text.is_empty() {
                let path = format!("{}/{}", open.path, tag);
                let party_tag = open.tag.clone();
                self.party_leaf(&tag, &parent, &party_tag, text.clone(), &path, position)?;
            }
        }
        if let Some((account_depth, owner)) = self.account.clone() {
            if depth > account_depth && !text.is_empty() {
                self.account_leaf(&tag, &owner, text.clone());
            }
            if depth == account_depth {
                self.account = None;
            }
        }
        match tag.as_str() {
            "MsgId" if parent == "GrpHdr" => self.reference = Some(text.clone()),
            "Ustrd" | "AddtlRmtInf" => self.free_text(&tag, "remittance information", text.clone()),
            "InstrInf" => self.free_text(&tag, "instruction to an agent", text.clone()),
            _ => {}
        }
        if self.parties.last().is_some_and(|p| p.depth == depth && p.tag == tag) {
            let open = self.parties.pop().expect("checked above");
            let label = party_label(&open.tag).unwrap_or("party");
            if let Some(scope) = self.scopes.last_mut() {
                scope.parties.push(open.tag.clone());
            }
            self.fields.push(Field { field: open.path, label, content: FieldContent::Party(open.party) });
        }
        if REPEATED.contains(&tag.as_str()) {
            self.numbered.pop();
            let scope = self.scopes.pop().expect("a scope per repeated element");
            self.check_scope(&scope, position)?;
        }
        Ok(())
    }

    /// The parties each transaction must have.
    fn check_scope(&self, scope: &Scope, position: usize) -> Result<(), PaymentError> {
        let has = |tag: &str| scope.parties.iter().any(|p| p == tag);
        let inherited_debtor = || self.scopes.iter().any(|s| s.parties.iter().any(|p| p == "Dbtr"));
        let missing = match (self.format, scope.tag.as_str()) {
            (PaymentFormat::Pacs008, "CdtTrfTxInf") if !has("Dbtr") => Some("Dbtr"),
            (_, "CdtTrfTxInf") if !has("Cdtr") => Some("Cdtr"),
            (PaymentFormat::Pain001, "PmtInf") if !has("Dbtr") => Some("Dbtr"),
            (_, "DrctDbtTxInf") if !has("Dbtr") => Some("Dbtr"),
            (PaymentFormat::Pain008, "PmtInf") if !has("Cdtr") => Some("Cdtr"),
            _ => None,
        };
        // A pain.001 transaction's debtor is its payment information block's.
        let missing = missing
            .filter(|m| !(*m == "Dbtr" && self.format == PaymentFormat::Pain001 && inherited_debtor()));
        match missing {
            Some(tag) => {
                Err(self.error_at(position, &format!("{}/{tag}", scope.path), "mandatory party missing"))
            }
            None => Ok(()),
        }
    }

    fn party_leaf(
        &mut self,
        tag: &str,
        parent: &str,
        party_tag: &str,
        text: String,
        path: &str,
        position: usize,
    ) -> Result<(), PaymentError> {
        match tag {
            "Nm" if parent == party_tag || parent == "FinInstnId" => {
                let chars = text.chars().count();
                if chars > 140 {
                    return Err(self.error_at(
                        position,
                        path,
                        format!("{chars} characters; a name holds at most 140"),
                    ));
                }
                self.current().name = Some(text);
            }
            "Ctry" | "CtryOfRes" => {
                if text.len() != 2 || !text.bytes().all(|b| b.is_ascii_uppercase()) {
                    return Err(self.error_at(
                        position,
                        path,
                        format!("{text:?} is not a two-letter country code"),
                    ));
                }
                let party = self.current();
                if tag == "Ctry" || party.country.is_none() {
                    party.country = Some(text);
                }
            }
            "TwnNm" => self.current().town = Some(text),
            "StrtNm" | "BldgNb" | "PstCd" | "CtrySubDvsn" | "AdrLine" | "TwnLctnNm" | "DstrctNm"
            | "BldgNm" => self.current().address.push(text),
            "BIC" | "BICFI" | "AnyBIC" | "BICOrBEI" => {
                if codes::bic_country(&text).is_none() {
                    return Err(self.error_at(position, path, format!("{text:?} is not a BIC")));
                }
                self.current().bic = Some(text);
            }
            "Id" if parent == "Othr" => self.current().identifiers.push(text),
            "MmbId" | "LEI" => self.current().identifiers.push(text),
            _ => {}
        }
        Ok(())
    }

    fn current(&mut self) -> &mut Party {
        &mut self.parties.last_mut().expect("a party is open").party
    }

    /// An account's number goes to the last party of its owner's tag in this scope.
    fn account_leaf(&mut self, tag: &str, owner: &str, text: String) {
        if !matches!(tag, "IBAN" | "Id") {
            return;
        }
        let scope = self.path("");
        let owner_path = format!("{scope}{owner}");
        let target = self.fields.iter_mut().rev().find(|f| f.field == owner_path);
        match target {
            Some(Field { content: FieldContent::Party(party), .. }) => {
                if party.account.is_none() || tag == "IBAN" {
                    party.account = Some(text);
                }
            }
            _ => {
                // The account came before its party: a field of its own, screened for its
                // country only.
                let label = party_label(owner).unwrap_or("party");
                let party = Party { account: Some(text), ..Party::default() };
                self.fields.push(Field { field: owner_path, label, content: FieldContent::Party(party) });
            }
        }
    }

    fn free_text(&mut self, tag: &str, label: &'static str, text: String) {
        if !text.is_empty() {
            self.fields.push(Field { field: self.path(tag), label, content: FieldContent::Text(text) });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PACS008: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08">
  <FIToFICstmrCdtTrf>
    <GrpHdr><MsgId>P8-1</MsgId><NbOfTxs>1</NbOfTxs></GrpHdr>
    <CdtTrfTxInf>
      <Dbtr><Nm>Mueller Elektronik GmbH</Nm><PstlAdr><TwnNm>Hamburg</TwnNm><Ctry>DE</Ctry></PstlAdr></Dbtr>
      <DbtrAcct><Id><IBAN>DE89370400440532013000</IBAN></Id></DbtrAcct>
      <DbtrAgt><FinInstnId><BICFI>DEUTDEFF</BICFI></FinInstnId></DbtrAgt>
      <CdtrAgt><FinInstnId><BICFI>UNCRRUMM</BICFI><Nm>UniCredit Bank AO</Nm></FinInstnId></CdtrAgt>
      <Cdtr><Nm>Ivan Petrov &amp; Sons</Nm><PstlAdr><TwnNm>Sevastopol</TwnNm><Ctry>UA</Ctry></PstlAdr></Cdtr>
      <RmtInf><Ustrd>Invoice 17, thermal cameras</Ustrd></RmtInf>
    </CdtTrfTxInf>
  </FIToFICstmrCdtTrf>
</Document>"#;

    #[test]
    fn parties_accounts_and_text_of_a_pacs_008() {
        let p = parse(PACS008).unwrap();
        assert_eq!(p.format, PaymentFormat::Pacs008);
        assert_eq!(p.reference.as_deref(), Some("P8-1"));
        let paths: Vec<&str> = p.fields.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(
            paths,
            [
                "CdtTrfTxInf[1]/Dbtr",
                "CdtTrfTxInf[1]/DbtrAgt",
                "CdtTrfTxInf[1]/CdtrAgt",
                "CdtTrfTxInf[1]/Cdtr",
                "CdtTrfTxInf[1]/Ustrd"
            ]
        );
        let FieldContent::Party(debtor) = &p.fields[0].content else { panic!() };
        assert_eq!(debtor.account.as_deref(), Some("DE89370400440532013000"));
        assert_eq!((debtor.town.as_deref(), debtor.country.as_deref()), (Some("Hamburg"), Some("DE")));
        let FieldContent::Party(agent) = &p.fields[2].content else { panic!() };
        assert_eq!(
            (agent.bic.as_deref(), agent.name.as_deref()),
            (Some("UNCRRUMM"), Some("UniCredit Bank AO"))
        );
        let FieldContent::Party(creditor) = &p.fields[3].content else { panic!() };
        assert_eq!(creditor.name.as_deref(), Some("Ivan Petrov & Sons"));
    }

    fn error(xml: &str) -> String {
        parse(xml).unwrap_err().to_string()
    }

    #[test]
    fn malformed_messages_name_the_element_and_line() {
        assert_eq!(
            error(&PACS008.replace("<Ctry>UA</Ctry>", "<Ctry>Ukraine</Ctry>")),
            "malformed pacs.008: CdtTrfTxInf[1]/Cdtr/Ctry (line 10): \"Ukraine\" is not a two-letter country code"
        );
        assert!(error(&PACS008.replace("</Cdtr>", "</Cdtor>"))
            .starts_with("malformed pacs.008: XML (line 10): not well-formed"));
        assert_eq!(
            error(&PACS008.replace(r#"<Cdtr><Nm>Ivan Petrov &amp; Sons</Nm><PstlAdr><TwnNm>Sevastopol</TwnNm><Ctry>UA</Ctry></PstlAdr></Cdtr>"#, "")),
            "malformed pacs.008: CdtTrfTxInf[1]/Cdtr (line 12): mandatory party missing"
        );
        assert!(error(&PACS008.replace("UNCRRUMM", "UNICREDIT"))
            .contains("CdtrAgt/BICFI (line 9): \"UNICREDIT\" is not a BIC"));
        assert!(error(&PACS008.replace("<MsgId>P8-1</MsgId>", "")).contains("GrpHdr/MsgId"));
        let cut = PACS008.find("  </FIToFICstmrCdtTrf>").unwrap();
        assert!(error(&PACS008[..cut]).contains("ends inside <FIToFICstmrCdtTrf> (truncated?)"));
        let mid_tag = error(&PACS008[..cut - 10]);
        assert!(mid_tag.starts_with("malformed pacs.008: XML (line 12): not well-formed"), "{mid_tag}");
        assert!(error("<Document><Foo/></Document>").starts_with("not a payment message"));
        let long = "X".repeat(141);
        assert!(error(&PACS008.replace("Mueller Elektronik GmbH", &long)).contains("141 characters"));
    }
}
