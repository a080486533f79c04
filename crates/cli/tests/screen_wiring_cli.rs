//! `embargo screen-text`, `screen-payment` and `screen-shipment`: the real binary against the
//! real UN list, the real US Consolidated Screening List and the real CHPL imported into a
//! temporary store; the real ISO 20022 samples of `shared/data/payments`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;

use embargo_readers::{reader_for, Format};
use embargo_store::Store;
use embargo_testkit::shared_data;
use serde_json::Value;

mod common;

/// A data directory with the UN list, the CSL and the CHPL imported, made once per test binary.
fn data_dir() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        for (format, path) in [
            (Format::UnXml, "lists/un/UN_consolidated-2026-02-27.xml"),
            (Format::UsCsl, "export-control/us-csl-2022-04-21/consolidated.csv"),
            (Format::ChplCsv, "export-control/chpl_hs6_2024-02-23.csv"),
        ] {
            store.import(&[shared_data().join(path)], reader_for(format).unwrap().as_ref()).unwrap();
        }
        dir
    })
    .path()
}

fn embargo_in(dir: &Path, args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_embargo"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin.unwrap_or("").as_bytes()).unwrap();
    drop(input);
    child.wait_with_output().unwrap()
}

fn embargo(args: &[&str]) -> Output {
    embargo_in(data_dir(), args, None)
}

fn stdout(out: &Output) -> String {
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn json(out: &Output) -> Value {
    serde_json::from_str(&stdout(out)).unwrap()
}

fn text_fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../text/tests/fixtures").join(name)
}

fn write(dir: &Path, name: &str, content: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, content).unwrap();
    path
}

const ARTICLE: &str = "Iranian state media said Major General Mohammad Bagheri met commanders of the \
    Islamic Revolutionary Guard Corps in Tehran on Monday. Bagheri later flew to Crimea, the \
    reporter Jane Whitcombe wrote.";

#[test]
fn screen_text_json_has_mentions_with_spans_and_hits_jurisdictions_and_list_versions() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "article.txt", ARTICLE);
    let doc = json(&embargo(&["screen-text", file.to_str().unwrap(), "--format", "json"]));
    let mentions = doc["mentions"].as_array().unwrap();
    let texts: Vec<&str> = mentions.iter().map(|m| m["text"].as_str().unwrap()).collect();
    assert_eq!(texts, ["Mohammad Bagheri", "Islamic Revolutionary Guard Corps", "Bagheri"], "{doc:#}");
    let first = &mentions[0];
    let chars: Vec<char> = ARTICLE.chars().collect();
    let (start, end) = (first["start"].as_u64().unwrap() as usize, first["end"].as_u64().unwrap() as usize);
    assert_eq!(chars[start..end].iter().collect::<String>(), "Mohammad Bagheri");
    let hit = &first["hits"][0];
    assert_eq!(hit["entity_id"], "us-csl:27850");
    assert_eq!(hit["list"], "us-csl");
    assert_eq!(hit["caption"], "BAGHERI, Mohammad");
    assert!(hit["score"].as_f64().unwrap() >= 0.99);
    assert_eq!(mentions[2]["linked_to"], 0, "the family name alone names the same man");
    let places: Vec<&str> =
        doc["jurisdictions"].as_array().unwrap().iter().map(|j| j["code"].as_str().unwrap()).collect();
    assert_eq!(places, ["IR", "UA-43"]);
    let lists: Vec<String> = doc["lists"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| format!("{}@{}", l["list"].as_str().unwrap(), l["version"].as_str().unwrap()))
        .collect();
    assert_eq!(lists, ["un@1", "us-csl@1"], "the CHPL is a goods list, not screened as parties");
    // Every hit listed is at or above the threshold; a higher one lists fewer.
    let all = |doc: &Value| -> Vec<f64> {
        doc["mentions"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|m| m["hits"].as_array().unwrap().clone())
            .map(|h| h["score"].as_f64().unwrap())
            .collect()
    };
    let strict =
        json(&embargo(&["screen-text", file.to_str().unwrap(), "--format", "json", "--threshold", "0.95"]));
    assert!(all(&strict).iter().all(|s| *s >= 0.95), "{strict:#}");
    assert!(all(&strict).len() < all(&doc).len());
}

#[test]
fn screen_text_reads_stdin_prints_a_table_and_refuses_bad_flags() {
    let out = embargo_in(data_dir(), &["screen-text", "-"], Some(ARTICLE));
    let table = stdout(&out);
    assert!(table.contains("1. \"Mohammad Bagheri\" at 39..55"), "{table}");
    assert!(table.contains("us-csl:27850"), "{table}");
    assert!(table.contains("\"Crimea\"") && table.contains("lists: un@1 us-csl@1"), "{table}");
    let unlisted =
        embargo_in(data_dir(), &["screen-text"], Some("The weather in Oslo was mild, Kari Nordmann said."));
    assert!(stdout(&unlisted).starts_with("no listed party named"));
    let bad = embargo(&["screen-text", "-", "--threshold", "2"]);
    assert_eq!(bad.status.code(), Some(2));
    let bad = embargo(&["screen-text", "-", "--lists", "eu-fsf"]);
    assert!(String::from_utf8_lossy(&bad.stderr).contains("error [unknown_list]"), "{bad:?}");
}

#[test]
fn the_real_iso_20022_samples_parse_and_screen() {
    let payments = shared_data().join("payments");
    let rub = json(&embargo(&[
        "screen-payment",
        payments.join("International_payment_RUB_naujas_1.xml").to_str().unwrap(),
        "--format",
        "json",
    ]));
    assert_eq!(rub["format"], "pain.001");
    assert_eq!(rub["reference"], "MSGID0003");
    let fields = rub["fields"].as_array().unwrap();
    let bank =
        fields.iter().find(|f| f["value"] == "UNICREDIT BANK AO").expect("the Russian bank is screened");
    assert_eq!(bank["jurisdictions"][0]["code"], "RU", "{bank:#}");
    for field in fields {
        for key in ["field", "label", "screened_as", "value", "hits", "jurisdictions"] {
            assert!(field.get(key).is_some(), "{key} missing in {field:#}");
        }
    }
    let swiss = json(&embargo(&[
        "screen-payment",
        payments.join("musterfile_pain.001_Nov2020.xml").to_str().unwrap(),
        "--format",
        "json",
    ]));
    assert_eq!(swiss["format"], "pain.001");
    assert!(swiss["fields"].as_array().unwrap().len() > 10);
    let debit = embargo(&["screen-payment", payments.join("pain008-musterfile.xml").to_str().unwrap()]);
    let table = stdout(&debit);
    assert!(table.starts_with("pain.008 message MsgId-CHDD-Musterfile:"), "{table}");
    assert!(table.contains("(creditor): name \"Robert Schneider SA\""), "{table}");
}

#[test]
fn a_malformed_payment_fails_naming_the_field_and_line_with_its_code() {
    for (fixture, expected) in [
        (
            "mt103-bad-59f-line.txt",
            "error [invalid_payment_message]: malformed MT103: field 59F line 4 (message line 12)",
        ),
        (
            "mt103-missing-59.txt",
            "error [invalid_payment_message]: malformed MT103: field 59a: mandatory field missing",
        ),
        (
            "pacs008-bad-country.xml",
            "error [invalid_payment_message]: malformed pacs.008: CdtTrfTxInf[1]/Cdtr/Ctry (line 25)",
        ),
        ("unknown-format.json", "error [unknown_payment_format]: not a payment message"),
    ] {
        let out = embargo(&["screen-payment", text_fixture(fixture).to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2), "{fixture}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(expected), "{fixture}: {stderr}");
    }
}

const MT103: &str = "{1:F01DEUTDEFFAXXX0000000000}{2:I103BKIDIRTHXXXXN}{4:\n\
:20:PAY-2024-0311\n:23B:CRED\n:32A:240311EUR98000,00\n\
:50K:/DE89370400440532013000\nHANSA PUMPEN GMBH\nHAMBURG\n\
:57A:BKIDIRTH\n\
:59:/IR580540105180021273113007\nISLAMIC REVOLUTIONARY GUARD CORPS\nTEHRAN\n\
:70:INVOICE 311 SPARE PARTS\n:71A:SHA\n-}";

#[test]
fn screen_payment_screens_each_field_and_records_the_parties_under_the_subject() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "pay.txt", MT103);
    let doc = json(&embargo(&[
        "screen-payment",
        file.to_str().unwrap(),
        "--format",
        "json",
        "--subject",
        "PAY-311",
        "--by",
        "alice",
    ]));
    assert_eq!(doc["format"], "MT103");
    let fields = doc["fields"].as_array().unwrap();
    let beneficiary = fields.iter().find(|f| f["field"] == "59").unwrap();
    assert_eq!(beneficiary["screened_as"], "party");
    assert_eq!(beneficiary["hits"][0]["entity_id"], "us-csl:10391", "{beneficiary:#}");
    assert!(beneficiary["jurisdictions"]
        .as_array()
        .unwrap()
        .iter()
        .any(|j| j["code"] == "IR" && j["source"] == "iban"));
    let ordering = fields.iter().find(|f| f["field"] == "50K").unwrap();
    assert!(ordering["hits"].as_array().unwrap().is_empty(), "the German exporter is on no list");
    let recorded = doc["recorded"].as_array().unwrap();
    let subjects: Vec<&str> = recorded.iter().map(|r| r["subject"].as_str().unwrap()).collect();
    assert_eq!(subjects, ["PAY-311/50K", "PAY-311/57A", "PAY-311/59"]);
    let alerts = recorded[2]["alerts"].as_array().unwrap();
    assert!(!alerts.is_empty(), "{doc:#}");
    let listed = json(&embargo(&["alerts", "list", "--subject", "PAY-311/59", "--format", "json"]));
    let listed = listed.as_array().or_else(|| listed["alerts"].as_array()).unwrap().clone();
    assert!(listed.iter().any(|a| a["id"] == alerts[0] && a["entity_id"] == "us-csl:10391"), "{listed:?}");
    let bad = embargo(&["screen-payment", file.to_str().unwrap(), "--by", "alice"]);
    assert!(String::from_utf8_lossy(&bad.stderr).contains("give --subject ID too"));
}

const ENTITY_LIST_SHIPMENT: &str = r#"{"id": "PO-77", "destination": "Pakistan",
  "parties": [{"role": "exporter", "name": "Hansa Pumpen GmbH", "country": "DE"},
              {"role": "consignee", "name": "Al Technique Corporation of Pakistan Ltd", "country": "PK"}],
  "items": [{"description": "STM32F407VGT6 microcontrollers", "quantity": 500}]}"#;

#[test]
fn screen_shipment_json_gives_the_decision_its_reasons_and_list_versions() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "po.json", ENTITY_LIST_SHIPMENT);
    let doc = json(&embargo(&["screen-shipment", file.to_str().unwrap(), "--format", "json"]));
    assert_eq!(doc["id"], "PO-77");
    assert_eq!(doc["decision"], "block");
    let reasons = doc["reasons"].as_array().unwrap();
    assert_eq!(reasons[0]["rule"], "party.entity_list", "{doc:#}");
    assert_eq!(reasons[0]["party"]["index"], 1);
    assert!(reasons.iter().any(|r| r["rule"] == "goods.chpl_inferred" && r["hs6"] == "854231"));
    let lists: Vec<&str> = doc["lists"].as_array().unwrap().iter().map(|l| l.as_str().unwrap()).collect();
    assert_eq!(lists, ["un@1", "us-csl@1", "chpl@1"]);
    let table = stdout(&embargo(&["screen-shipment", file.to_str().unwrap()]));
    assert!(table.starts_with("PO-77: BLOCK\n   block   party.entity_list"), "{table}");
}

#[test]
fn json_lines_in_give_json_lines_out_with_an_error_line_naming_the_line_and_field() {
    let lines = [
        r#"{"id": "S-1", "destination": "Sweden", "parties": [{"role": "exporter", "name": "Nordic Home Furniture AB"}], "items": [{"description": "oak tables", "hs_code": "9403.60"}]}"#,
        r#"{"id": "S-2", "destination": "RU", "parties": [{"role": "shipper", "name": "X"}]}"#,
        "",
        r#"{"id": "S-3", "destination": "Russia", "parties": [{"name": "OOO Vector"}], "items": [{"hs_code": "8542.31.00"}]}"#,
    ];
    let out = embargo_in(data_dir(), &["screen-shipment", "-", "--format", "json"], Some(&lines.join("\n")));
    assert_eq!(out.status.code(), Some(2), "a line failed");
    let text = String::from_utf8(out.stdout).unwrap();
    let docs: Vec<Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(docs.len(), 3, "{text}");
    assert_eq!((docs[0]["id"].as_str(), docs[0]["decision"].as_str()), (Some("S-1"), Some("clear")));
    assert_eq!(docs[1]["line"], 2);
    assert_eq!(docs[1]["error"]["code"], "invalid_shipment");
    assert_eq!(docs[1]["error"]["field"], "parties[0].role");
    assert!(docs[1]["error"]["message"].as_str().unwrap().contains("unknown role \"shipper\""));
    assert_eq!((docs[2]["id"].as_str(), docs[2]["decision"].as_str()), (Some("S-3"), Some("block")));
}

#[test]
fn a_malformed_shipment_fails_naming_the_field_with_its_code() {
    for (shipment, expected) in [
        (
            r#"{"destination": "DE", "parties": [{"role": "consignee"}]}"#,
            "error [invalid_shipment]: parties[0].name: missing",
        ),
        (
            r#"{"destination": "DE", "items": [{"hs_code": "85x"}]}"#,
            "error [invalid_shipment]: items[0].hs_code",
        ),
        (r#"{"parties": []}"#, "error [invalid_shipment]: destination: missing"),
        (
            r#"{"destination": "Narnia"}"#,
            "error [invalid_shipment]: destination: \"Narnia\" names no country or region",
        ),
        ("not json", "error [invalid_shipment]: not JSON"),
    ] {
        let out = embargo_in(data_dir(), &["screen-shipment", "-"], Some(shipment));
        assert_eq!(out.status.code(), Some(2), "{shipment}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(expected), "{shipment}: {stderr}");
    }
}

#[test]
fn screen_shipment_records_each_party_and_an_entity_list_hit_becomes_an_alert() {
    let out = embargo_in(
        data_dir(),
        &["screen-shipment", "-", "--format", "json", "--subject", "PO-77", "--by", "bob"],
        Some(ENTITY_LIST_SHIPMENT),
    );
    let doc: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let recorded = doc["recorded"].as_array().unwrap();
    let subjects: Vec<&str> = recorded.iter().map(|r| r["subject"].as_str().unwrap()).collect();
    assert_eq!(subjects, ["PO-77/parties[0]", "PO-77/parties[1]"]);
    assert!(recorded[0]["alerts"].as_array().unwrap().is_empty());
    let alert = recorded[1]["alerts"][0].as_str().expect("the Entity List consignee alerts").to_owned();
    let shown = stdout(&embargo(&["alerts", "show", &alert]));
    assert!(shown.contains("PO-77/parties[1]"), "{shown}");
}

#[test]
fn without_the_chpl_shipment_screening_says_what_to_import() {
    let out = embargo_in(common::data_dir(), &["screen-shipment", "-"], Some(ENTITY_LIST_SHIPMENT));
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("error [goods_list_missing]") && stderr.contains("embargo import chpl"),
        "{stderr}"
    );
}
