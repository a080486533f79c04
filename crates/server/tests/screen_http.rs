//! `POST /screen/text`, `/screen/payment` and `/screen/shipment` on the real server
//! (127.0.0.1, ephemeral port) over the real UN list, US Consolidated Screening List and CHPL,
//! called with a real HTTP client: shapes, recording, OpenAPI, and every error case (401, 403,
//! 413, 400, 422, 503).

use embargo_readers::{reader_for, Format};
use embargo_server::keys::{KeyStore, Role, Roles};
use embargo_server::{serve, Limits, ServerConfig};
use embargo_store::Store;
use embargo_testkit::shared_data;
use reqwest::StatusCode;
use serde_json::{json, Value};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use tokio::sync::oneshot;

struct TestServer {
    addr: SocketAddr,
    /// A key with the screen role.
    key: String,
    data_dir: tempfile::TempDir,
    client: reqwest::Client,
    stop: Option<oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<anyhow::Result<()>>,
}

/// A data directory with `lists` (format, path under shared/data) imported.
fn data_dir(lists: &[(Format, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    for (format, path) in lists {
        store.import(&[shared_data().join(path)], reader_for(*format).unwrap().as_ref()).unwrap();
    }
    dir
}

const UN: (Format, &str) = (Format::UnXml, "lists/un/UN_consolidated-2026-02-27.xml");
const CSL: (Format, &str) = (Format::UsCsl, "export-control/us-csl-2022-04-21/consolidated.csv");
const CHPL: (Format, &str) = (Format::ChplCsv, "export-control/chpl_hs6_2024-02-23.csv");

impl TestServer {
    async fn start(data_dir: tempfile::TempDir, limits: Limits) -> TestServer {
        let key =
            KeyStore::open(data_dir.path()).unwrap().create("gateway", Roles::of(&[Role::Screen])).unwrap();
        let mut config = ServerConfig::new(data_dir.path());
        config.limits = limits;
        config.reload_interval = Duration::from_millis(200);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(serve(config, listener, async {
            let _ = stopped.await;
        }));
        let server =
            TestServer { addr, key, data_dir, client: reqwest::Client::new(), stop: Some(stop), task };
        let deadline = Instant::now() + Duration::from_secs(120);
        loop {
            if let Ok(r) = server.client.get(server.url("/readyz")).send().await {
                if r.status() == StatusCode::OK {
                    break;
                }
            }
            assert!(Instant::now() < deadline, "server not ready within 120 s");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        server
    }

    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    async fn post_as(
        &self,
        key: Option<&str>,
        path: &str,
        body: impl Into<reqwest::Body>,
    ) -> (StatusCode, Value) {
        let mut request =
            self.client.post(self.url(path)).header("content-type", "application/json").body(body);
        if let Some(key) = key {
            request = request.bearer_auth(key);
        }
        let r = request.send().await.unwrap();
        let status = r.status();
        (status, r.json().await.unwrap_or(Value::Null))
    }

    async fn post(&self, path: &str, body: &Value) -> (StatusCode, Value) {
        self.post_as(Some(&self.key), path, serde_json::to_vec(body).unwrap()).await
    }

    async fn post_raw(&self, path: &str, body: impl Into<reqwest::Body>) -> (StatusCode, Value) {
        self.post_as(Some(&self.key), path, body).await
    }

    /// A new key with `roles`, once the server has read it (keys are read at a reload tick).
    async fn key_with(&self, name: &str, roles: &[Role]) -> String {
        let key = KeyStore::open(self.data_dir.path()).unwrap().create(name, Roles::of(roles)).unwrap();
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let r = self.client.get(self.url("/lists")).bearer_auth(&key).send().await.unwrap();
            if r.status() != StatusCode::UNAUTHORIZED || Instant::now() > deadline {
                return key;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    async fn stop(mut self) {
        let _ = self.stop.take().unwrap().send(());
        self.task.await.unwrap().unwrap();
    }
}

fn error_code(body: &Value) -> &str {
    body["error"]["code"].as_str().unwrap_or("<no error code>")
}

fn text_fixture(name: &str) -> String {
    let path: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR")).join("../text/tests/fixtures").join(name);
    std::fs::read_to_string(path).unwrap()
}

const ARTICLE: &str = "Iranian state media said Major General Mohammad Bagheri met commanders of the \
    Islamic Revolutionary Guard Corps in Tehran on Monday. Bagheri later flew to Crimea, the \
    reporter Jane Whitcombe wrote.";

const MT103: &str = "{1:F01DEUTDEFFAXXX0000000000}{2:I103BKIDIRTHXXXXN}{4:\n\
:20:PAY-2024-0311\n:23B:CRED\n:32A:240311EUR98000,00\n\
:50K:/DE89370400440532013000\nHANSA PUMPEN GMBH\nHAMBURG\n\
:57A:BKIDIRTH\n\
:59:/IR580540105180021273113007\nISLAMIC REVOLUTIONARY GUARD CORPS\nTEHRAN\n\
:70:INVOICE 311 SPARE PARTS\n:71A:SHA\n-}";

fn shipment() -> Value {
    json!({"id": "PO-77", "destination": "Pakistan",
           "parties": [{"role": "exporter", "name": "Hansa Pumpen GmbH", "country": "DE"},
                       {"role": "consignee", "name": "Al Technique Corporation of Pakistan Ltd", "country": "PK"}],
           "items": [{"description": "STM32F407VGT6 microcontrollers", "quantity": 500}]})
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn text_payment_and_shipment_screen_over_real_lists_and_record_with_a_subject() {
    let server = TestServer::start(data_dir(&[UN, CSL, CHPL]), Limits::default()).await;

    let (status, doc) = server.post("/screen/text", &json!({"text": ARTICLE})).await;
    assert_eq!(status, StatusCode::OK, "{doc}");
    let mentions = doc["mentions"].as_array().unwrap();
    let texts: Vec<&str> = mentions.iter().map(|m| m["text"].as_str().unwrap()).collect();
    assert_eq!(texts, ["Mohammad Bagheri", "Islamic Revolutionary Guard Corps", "Bagheri"]);
    assert_eq!((mentions[0]["start"].as_u64(), mentions[0]["end"].as_u64()), (Some(39), Some(55)));
    let hit = &mentions[0]["hits"][0];
    assert_eq!((hit["entity_id"].as_str(), hit["list"].as_str()), (Some("us-csl:27850"), Some("us-csl")));
    assert_eq!(hit["caption"], "BAGHERI, Mohammad");
    assert!(hit["score"].as_f64().unwrap() >= 0.99);
    assert_eq!(doc["jurisdictions"][1]["code"], "UA-43");
    let lists: Vec<&str> =
        doc["lists"].as_array().unwrap().iter().map(|l| l["list"].as_str().unwrap()).collect();
    assert_eq!(lists, ["un", "us-csl"], "the CHPL names no party");
    assert!(doc["screening_id"].as_str().is_some());
    // Options: a threshold, a list filter, HTML.
    let (_, strict) =
        server.post("/screen/text", &json!({"text": ARTICLE, "threshold": 0.95, "lists": ["un"]})).await;
    assert!(strict["mentions"].as_array().unwrap().is_empty(), "none of them is on the UN list: {strict}");
    let html = format!("<html><body><h1>News</h1><p>{ARTICLE}</p></body></html>");
    let (status, doc) = server.post("/screen/text", &json!({"text": html, "markup": "html"})).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(doc["mentions"][0]["text"], "Mohammad Bagheri");

    let (status, doc) = server.post("/screen/payment", &json!({"message": MT103})).await;
    assert_eq!(status, StatusCode::OK, "{doc}");
    assert_eq!((doc["format"].as_str(), doc["reference"].as_str()), (Some("MT103"), Some("PAY-2024-0311")));
    assert_eq!(doc["alerts"], true);
    let fields = doc["fields"].as_array().unwrap();
    let beneficiary = fields.iter().find(|f| f["field"] == "59").unwrap();
    assert_eq!(beneficiary["hits"][0]["entity_id"], "us-csl:10391");
    assert!(doc.get("recorded").is_none(), "nothing is recorded without a subject");
    // The real ISO 20022 sample paying roubles to a Russian bank.
    let rub = std::fs::read_to_string(shared_data().join("payments/International_payment_RUB_naujas_1.xml"))
        .unwrap();
    let (status, doc) = server.post("/screen/payment", &json!({"message": rub})).await;
    assert_eq!(status, StatusCode::OK, "{doc}");
    assert_eq!(doc["format"], "pain.001");
    let bank = doc["fields"].as_array().unwrap().iter().find(|f| f["value"] == "UNICREDIT BANK AO").unwrap();
    assert_eq!(bank["jurisdictions"][0]["code"], "RU");

    let (status, doc) = server.post("/screen/shipment", &shipment()).await;
    assert_eq!(status, StatusCode::OK, "{doc}");
    assert_eq!((doc["id"].as_str(), doc["decision"].as_str()), (Some("PO-77"), Some("block")));
    assert_eq!(doc["reasons"][0]["rule"], "party.entity_list");
    let lists: Vec<&str> = doc["lists"].as_array().unwrap().iter().map(|l| l.as_str().unwrap()).collect();
    assert_eq!(lists, ["un@1", "us-csl@1", "chpl@1"]);
    let (_, clear) = server
        .post(
            "/screen/shipment",
            &json!({"destination": "Sweden", "parties": [{"name": "Nordic Home Furniture AB"}]}),
        )
        .await;
    assert_eq!(clear["decision"], "clear", "{clear}");

    // With a subject, each party is recorded; an alert is made for the listed one.
    let (status, doc) =
        server.post("/screen/payment", &json!({"message": MT103, "subject": "PAY-311"})).await;
    assert_eq!(status, StatusCode::OK, "{doc}");
    let recorded = doc["recorded"].as_array().unwrap();
    let subjects: Vec<&str> = recorded.iter().map(|r| r["subject"].as_str().unwrap()).collect();
    assert_eq!(subjects, ["PAY-311/50K", "PAY-311/57A", "PAY-311/59"]);
    let payment_alert = recorded[2]["alerts"][0].as_str().expect("the listed beneficiary alerts").to_owned();
    let (status, doc) = server.post("/screen/shipment?subject=PO-77", &shipment()).await;
    assert_eq!(status, StatusCode::OK, "{doc}");
    let recorded = doc["recorded"].as_array().unwrap();
    assert_eq!(recorded[1]["subject"], "PO-77/parties[1]");
    let shipment_alert =
        recorded[1]["alerts"][0].as_str().expect("the Entity List consignee alerts").to_owned();
    let reviewer = server.key_with("reviewer", &[Role::Review]).await;
    for (alert, subject) in [(payment_alert, "PAY-311/59"), (shipment_alert, "PO-77/parties[1]")] {
        let r = server
            .client
            .get(server.url(&format!("/alerts/{alert}")))
            .bearer_auth(&reviewer)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        let body: Value = r.json().await.unwrap();
        assert_eq!(body["alert"]["summary"]["subject_id"], subject, "{body}");
    }

    // The OpenAPI document has the three operations, and the metrics count them by route.
    let openapi: Value =
        server.client.get(server.url("/openapi.json")).send().await.unwrap().json().await.unwrap();
    for path in ["/screen/text", "/screen/payment", "/screen/shipment"] {
        let op = &openapi["paths"][path]["post"];
        assert!(op["requestBody"].is_object() && op["responses"]["200"].is_object(), "{path}: {op}");
    }
    let metrics = server.client.get(server.url("/metrics")).send().await.unwrap().text().await.unwrap();
    assert!(metrics.contains("route=\"/screen/shipment\""), "{metrics}");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_requests_get_their_status_and_stable_code() {
    let limits = Limits { max_body_bytes: 16 * 1024, ..Limits::default() };
    let server = TestServer::start(data_dir(&[UN, CHPL]), limits).await;
    let text = || serde_json::to_vec(&json!({"text": ARTICLE})).unwrap();

    // No key: 401; a key without the screen role: 403; every endpoint.
    let reviewer = server.key_with("reviewer", &[Role::Review]).await;
    for path in ["/screen/text", "/screen/payment", "/screen/shipment"] {
        let (status, body) = server.post_as(None, path, text()).await;
        assert_eq!((status, error_code(&body)), (StatusCode::UNAUTHORIZED, "missing_api_key"), "{path}");
        let (status, body) = server.post_as(Some("not-a-key"), path, text()).await;
        assert_eq!((status, error_code(&body)), (StatusCode::UNAUTHORIZED, "invalid_api_key"), "{path}");
        let (status, body) = server.post_as(Some(&reviewer), path, text()).await;
        assert_eq!((status, error_code(&body)), (StatusCode::FORBIDDEN, "forbidden"), "{path}");
        // Over the body limit: 413.
        let big = serde_json::to_vec(&json!({"text": "word ".repeat(4000), "message": "x"})).unwrap();
        let (status, body) = server.post_raw(path, big).await;
        assert_eq!((status, error_code(&body)), (StatusCode::PAYLOAD_TOO_LARGE, "body_too_large"), "{path}");
        // Not JSON: 400.
        let (status, body) = server.post_raw(path, "name=Azim").await;
        assert_eq!((status, error_code(&body)), (StatusCode::BAD_REQUEST, "malformed_json"), "{path}");
    }

    let cases: Vec<(&str, &str, Value, StatusCode, &str, &str)> = vec![
        (
            "text missing",
            "/screen/text",
            json!({"txt": "x"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_request",
            "unknown field `txt`",
        ),
        (
            "threshold",
            "/screen/text",
            json!({"text": "x", "threshold": 3}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_parameter",
            "threshold 3",
        ),
        (
            "limit",
            "/screen/text",
            json!({"text": "x", "limit": 0}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_parameter",
            "limit",
        ),
        (
            "unknown list",
            "/screen/text",
            json!({"text": "x", "lists": ["mars"]}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "unknown_list",
            "mars",
        ),
        (
            "markup",
            "/screen/text",
            json!({"text": "x", "markup": "rtf"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_request",
            "rtf",
        ),
        (
            "bad MT103 line",
            "/screen/payment",
            json!({"message": text_fixture("mt103-bad-59f-line.txt")}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_payment_message",
            "field 59F line 4 (message line 12)",
        ),
        (
            "missing MT103 field",
            "/screen/payment",
            json!({"message": text_fixture("mt103-missing-59.txt")}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_payment_message",
            "field 59a: mandatory field missing",
        ),
        (
            "bad ISO country",
            "/screen/payment",
            json!({"message": text_fixture("pacs008-bad-country.xml")}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_payment_message",
            "CdtTrfTxInf[1]/Cdtr/Ctry (line 25)",
        ),
        (
            "truncated XML",
            "/screen/payment",
            json!({"message": text_fixture("pain001-truncated.xml")}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_payment_message",
            "(line 34)",
        ),
        (
            "not a payment",
            "/screen/payment",
            json!({"message": "hello"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "unknown_payment_format",
            "not a payment message",
        ),
        (
            "empty subject",
            "/screen/payment",
            json!({"message": MT103, "subject": " "}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_parameter",
            "subject",
        ),
        (
            "bad role",
            "/screen/shipment",
            json!({"destination": "DE", "parties": [{"role": "shipper", "name": "X"}]}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_shipment",
            "parties[0].role: unknown role \"shipper\"",
        ),
        (
            "no destination",
            "/screen/shipment",
            json!({"parties": []}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_shipment",
            "destination: missing",
        ),
        (
            "bad HS code",
            "/screen/shipment",
            json!({"destination": "DE", "items": [{"hs_code": "85x"}]}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_shipment",
            "items[0].hs_code",
        ),
        (
            "unknown place",
            "/screen/shipment",
            json!({"destination": "Narnia"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_shipment",
            "destination: \"Narnia\" names no country",
        ),
        (
            "array body",
            "/screen/shipment",
            json!([1]),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_shipment",
            "a shipment object",
        ),
    ];
    for (what, path, body, status, code, message) in cases {
        let (got, response) = server.post(path, &body).await;
        assert_eq!((got, error_code(&response)), (status, code), "{what}: {response}");
        let text = response["error"]["message"].as_str().unwrap_or_default();
        assert!(text.contains(message), "{what}: {text}");
    }
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_the_chpl_shipments_get_503_and_text_still_screens() {
    let server = TestServer::start(data_dir(&[UN]), Limits::default()).await;
    let (status, body) = server.post("/screen/shipment", &shipment()).await;
    assert_eq!(
        (status, error_code(&body)),
        (StatusCode::SERVICE_UNAVAILABLE, "goods_list_missing"),
        "{body}"
    );
    assert!(body["error"]["message"].as_str().unwrap().contains("embargo import chpl"), "{body}");
    let (status, body) = server.post("/screen/text", &json!({"text": "Reporters met in Oslo."})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["lists"][0]["list"], "un");
    server.stop().await;
}
