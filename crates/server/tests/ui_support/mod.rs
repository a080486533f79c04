//! The real server for the web page's tests: the UN list imported into a temporary data
//! directory, users and keys created through the same stores as `embargo users` and
//! `embargo keys`, and alerts made by recorded screenings through `/match`.

#![allow(dead_code)]

use embargo_readers::{reader_for, Format};
use embargo_server::keys::{KeyStore, Role, Roles};
use embargo_server::users::UserStore;
use embargo_server::{serve, ServerConfig};
use embargo_store::Store;
use embargo_testkit::shared_data;
use serde_json::{json, Value};
use std::net::SocketAddr;
use std::time::{Duration, Instant};
use tokio::sync::oneshot;

/// Every test user's password.
pub const PASSWORD: &str = "a password of 24 chars!!";

/// A subject id that would run a script if it were not escaped.
pub const HOSTILE_SUBJECT: &str = "C-<img src=x onerror=alert(1)>";

pub struct UiServer {
    pub addr: SocketAddr,
    /// A key with every role, for checking state through the JSON API.
    pub admin_key: String,
    /// A key with the review role, to log in with.
    pub review_key: String,
    pub data_dir: tempfile::TempDir,
    stop: Option<oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<anyhow::Result<()>>,
}

impl UiServer {
    /// A server over the UN list with users `alice` (screen, review), `bob` (review, approve),
    /// `root` (admin) and `sam` (screen), sessions lasting `session_ttl`, and alerts for the subjects `C-1`
    /// (Azim Aghajani), `C-2` (Kim Kwang Il) and [`HOSTILE_SUBJECT`] (Azim Aghajani).
    pub async fn start(session_ttl: Duration) -> UiServer {
        let data_dir = tempfile::tempdir().unwrap();
        let store = Store::open(data_dir.path()).unwrap();
        let reader = reader_for(Format::UnXml).unwrap();
        store
            .import(&[shared_data().join("lists/un/UN_consolidated-2026-02-27.xml")], reader.as_ref())
            .unwrap();
        let keys = KeyStore::open(data_dir.path()).unwrap();
        let admin_key = keys.create("tests", Roles::of(&[Role::Admin])).unwrap();
        let review_key = keys.create("reviewer-key", Roles::of(&[Role::Review])).unwrap();
        let users = UserStore::open(data_dir.path()).unwrap();
        users.create("alice", Roles::of(&[Role::Screen, Role::Review]), PASSWORD).unwrap();
        users.create("bob", Roles::of(&[Role::Review, Role::Approve]), PASSWORD).unwrap();
        users.create("root", Roles::of(&[Role::Admin]), PASSWORD).unwrap();
        users.create("sam", Roles::of(&[Role::Screen]), PASSWORD).unwrap();
        let mut config = ServerConfig::new(data_dir.path());
        config.reload_interval = Duration::from_millis(200);
        config.session_ttl = session_ttl;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(serve(config, listener, async {
            let _ = stopped.await;
        }));
        let server = UiServer { addr, admin_key, review_key, data_dir, stop: Some(stop), task };
        server.wait_ready().await;
        let screenings = [
            ("C-1", json!({"name": ["Azim Aghajani"], "birthDate": ["1971-05-02"], "nationality": ["Iran"]})),
            ("C-2", json!({"name": ["Kim Kwang Il"]})),
            (HOSTILE_SUBJECT, json!({"name": ["Azim Aghajani"]})),
        ];
        for (subject, properties) in screenings {
            let body = json!({"queries": {"q": {"schema": "Person", "subject_id": subject, "properties": properties}}});
            let (status, response) =
                server.api(reqwest::Method::POST, "/match?explain=true", Some(&body)).await;
            assert_eq!(status, 200, "{response}");
            let alerts = &response["responses"]["q"]["recorded"]["alerts"];
            assert!(alerts.as_array().is_some_and(|a| !a.is_empty()), "{subject} made no alert: {response}");
        }
        server
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    async fn wait_ready(&self) {
        let client = reqwest::Client::new();
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            if let Ok(r) = client.get(self.url("/readyz")).send().await {
                if r.status() == 200 {
                    return;
                }
            }
            assert!(Instant::now() < deadline, "server not ready within 60 s");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// A call of the JSON API with the admin key.
    pub async fn api(&self, method: reqwest::Method, path: &str, body: Option<&Value>) -> (u16, Value) {
        let mut request = reqwest::Client::new().request(method, self.url(path)).bearer_auth(&self.admin_key);
        if let Some(body) = body {
            request = request.json(body);
        }
        let r = request.send().await.unwrap();
        let status = r.status().as_u16();
        (status, r.json().await.unwrap_or(Value::Null))
    }

    /// The id of the first alert of `subject`.
    pub async fn alert_of(&self, subject: &str) -> String {
        let path = format!("/alerts?subject={}", urlencode(subject));
        let (status, body) = self.api(reqwest::Method::GET, &path, None).await;
        assert_eq!(status, 200, "{body}");
        body["alerts"][0]["id"]
            .as_str()
            .unwrap_or_else(|| panic!("no alert for {subject}: {body}"))
            .to_owned()
    }

    /// An alert's status, through the JSON API.
    pub async fn status_of(&self, alert: &str) -> String {
        let (status, body) = self.api(reqwest::Method::GET, &format!("/alerts/{alert}"), None).await;
        assert_eq!(status, 200, "{body}");
        body["alert"]["summary"]["status"].as_str().unwrap().to_owned()
    }

    pub async fn stop(mut self) {
        let _ = self.stop.take().unwrap().send(());
        self.task.await.unwrap().unwrap();
    }
}

pub fn urlencode(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}
