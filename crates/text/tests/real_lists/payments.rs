//! Payment messages: the real ISO 20022 samples and the fixtures, screened against real lists.

use crate::common::screening;
use embargo_text::payment::{self, FieldScreening};
use embargo_text::{PaymentFormat, PaymentScreening, ScreenedAs, TextOptions};

fn screen(message: &str) -> PaymentScreening {
    screening().screener().screen_payment(message, &TextOptions::default()).unwrap_or_else(|e| panic!("{e}"))
}

fn field<'s>(s: &'s PaymentScreening, path: &str) -> &'s FieldScreening {
    s.fields.iter().find(|f| f.field == path).unwrap_or_else(|| panic!("no field {path}: {s:#?}"))
}

fn shared(name: &str) -> String {
    std::fs::read_to_string(embargo_testkit::shared_file(&format!("payments/{name}"))).unwrap()
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

#[test]
fn the_real_rouble_payment_to_a_russian_bank_parses_and_screens() {
    let s = screen(&shared("International_payment_RUB_naujas_1.xml"));
    assert_eq!(s.format, PaymentFormat::Pain001);
    assert_eq!(s.reference.as_deref(), Some("MSGID0003"));
    let agent = field(&s, "PmtInf[1]/CdtTrfTxInf[1]/CdtrAgt");
    assert_eq!(agent.value, "UNICREDIT BANK AO");
    assert_eq!(agent.jurisdictions[0].code, "RU");
    let debtor = field(&s, "PmtInf[1]/Dbtr");
    assert_eq!(debtor.account.as_deref(), Some("LT007180000000000000"));
    assert!(debtor.notes[0].contains("fails its check digits"));
    let remittance = field(&s, "PmtInf[1]/CdtTrfTxInf[1]/Ustrd");
    assert_eq!(
        (remittance.screened_as, remittance.value.as_str()),
        (ScreenedAs::Text, "PREPAYMENT RUB 1000,00")
    );
    assert!(remittance.mentions.is_empty());
}

#[test]
fn the_real_swiss_samples_parse_and_screen_without_alerts() {
    let s = screen(&shared("musterfile_pain.001_Nov2020.xml"));
    assert_eq!(s.format, PaymentFormat::Pain001);
    let creditors = s.fields.iter().filter(|f| f.field.ends_with("/Cdtr")).count();
    // Eight transactions (the group header says seven: the sample's own slip), one creditor each.
    assert_eq!(creditors, 8);
    assert!(s.fields.iter().all(|f| f.hits.is_empty() && f.jurisdictions.is_empty()), "{s:#?}");
    let d = screen(&shared("pain008-musterfile.xml"));
    assert_eq!(d.format, PaymentFormat::Pain008);
    assert!(d.fields.iter().any(|f| f.field.ends_with("/Dbtr") && f.value == "Maria Bernasconi"));
}

#[test]
fn mt103_fixture_with_listed_and_unlisted_parties() {
    let s = screen(&fixture("mt103-alabuga.txt"));
    assert_eq!(s.format, PaymentFormat::Mt103);
    let ordering = field(&s, "50F");
    assert!(ordering.hits.is_empty(), "the German exporter is on no list: {ordering:?}");
    let beneficiary = field(&s, "59F");
    assert_eq!(beneficiary.hits[0].entity_id, "uk-fcdo:RUS2080");
    assert!(beneficiary.countries.contains(&"RU".to_owned()));
    let agent = field(&s, "57A");
    assert_eq!((agent.screened_as, agent.jurisdictions[0].source.as_str()), (ScreenedAs::Identifier, "bic"));
    let remittance = field(&s, "70");
    assert_eq!(remittance.mentions[0].hits[0].entity_id, "uk-fcdo:RUS1655", "{remittance:?}");
    let instructions = field(&s, "72");
    assert_eq!(instructions.jurisdictions[0].code, "UA-40");
}

#[test]
fn pacs_008_fixture_with_a_crimean_creditor() {
    let s = screen(&fixture("pacs008-sevastopol.xml"));
    assert_eq!(s.format, PaymentFormat::Pacs008);
    let creditor = field(&s, "CdtTrfTxInf[1]/Cdtr");
    assert!(creditor.hits.is_empty());
    let codes: Vec<&str> = creditor.jurisdictions.iter().map(|j| j.code.as_str()).collect();
    assert_eq!(codes, ["UA-40"], "{creditor:?}");
    let ultimate = field(&s, "CdtTrfTxInf[1]/UltmtCdtr");
    assert_eq!(ultimate.hits[0].entity_id, "uk-fcdo:RUS1097", "{ultimate:?}");
}

#[test]
fn pain_001_fixture_with_an_iranian_beneficiary() {
    let s = screen(&fixture("pain001-qods.xml"));
    let creditor = field(&s, "PmtInf[1]/CdtTrfTxInf[1]/Cdtr");
    assert_eq!(creditor.hits[0].entity_id, "uk-fcdo:INU0253", "{creditor:?}");
    let sources: Vec<&str> = creditor.jurisdictions.iter().map(|j| j.source.as_str()).collect();
    assert!(sources.contains(&"iban") && sources.contains(&"country"), "{creditor:?}");
    let second = field(&s, "PmtInf[1]/CdtTrfTxInf[2]/Cdtr");
    assert!(second.hits.is_empty() && second.jurisdictions.is_empty(), "{second:?}");
    assert!(s.alerts());
}

#[test]
fn malformed_fixtures_fail_with_the_field_or_line() {
    for (name, expected) in [
        ("mt103-missing-59.txt", "malformed MT103: field 59a: mandatory field missing"),
        ("mt103-bad-59f-line.txt", "malformed MT103: field 59F line 4 (message line 12): expected a numbered line"),
        ("pacs008-bad-country.xml", "malformed pacs.008: CdtTrfTxInf[1]/Cdtr/Ctry (line 25): \"Russia\" is not a two-letter country code"),
        ("pain001-truncated.xml", "malformed pain.001: XML (line"),
        ("unknown-format.json", "not a payment message read here"),
    ] {
        let err = payment::parse(&fixture(name)).unwrap_err().to_string();
        assert!(err.starts_with(expected), "{name}: {err}");
    }
}
