//! How fast the web page answers with many alerts: imports the UN list into a temporary data
//! directory, records N screenings each making one alert (through the case store, as a batch
//! run records them), starts the server in this process, logs in as a user and times pages.
//!
//!   cargo run --release -p embargo-server --example bench_ui -- [ALERTS] [REQUESTS]
//!
//! (default 10000 alerts, 50 requests a page). Prints the median, p90 and maximum per page.

use embargo_cases::{CaseStore, HitInput, ListUsed, ScreeningContext, ScreeningInput, Subject};
use embargo_readers::{reader_for, Format};
use embargo_server::keys::{Role, Roles};
use embargo_server::users::UserStore;
use embargo_server::{serve, ServerConfig};
use embargo_store::Store;
use std::time::{Duration, Instant};

const PASSWORD: &str = "a bench password of some length";

fn urlencode(text: &str) -> String {
    text.bytes()
        .map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect()
}

struct Session {
    client: reqwest::Client,
    base: String,
    cookie: String,
}

impl Session {
    async fn get(&self, path: &str) -> (u16, String) {
        let r = self
            .client
            .get(format!("{}{path}", self.base))
            .header("cookie", &self.cookie)
            .send()
            .await
            .unwrap();
        (r.status().as_u16(), r.text().await.unwrap())
    }
}

fn cookie_of(response: &reqwest::Response, name: &str) -> String {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(&format!("{name}=")))
        .map(|v| v.split(';').next().unwrap().to_owned())
        .unwrap_or_default()
}

fn csrf_of(html: &str) -> String {
    let at = html.find("name=\"csrf\" value=\"").unwrap() + 19;
    html[at..at + 64].to_owned()
}

async fn login(client: &reqwest::Client, base: &str) -> (Session, Duration) {
    let form = client.get(format!("{base}/ui/")).send().await.unwrap();
    let login_cookie = cookie_of(&form, "embargo_login");
    let token = csrf_of(&form.text().await.unwrap());
    let started = Instant::now();
    let r = client
        .post(format!("{base}/ui/login"))
        .header("cookie", login_cookie)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("csrf={token}&user=bench&password={}", urlencode(PASSWORD)))
        .send()
        .await
        .unwrap();
    let took = started.elapsed();
    assert_eq!(r.status(), 303);
    (
        Session { client: client.clone(), base: base.to_owned(), cookie: cookie_of(&r, "embargo_session") },
        took,
    )
}

fn report(label: &str, mut times: Vec<Duration>) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{label:<44} median {:>8.2} ms   p90 {:>8.2} ms   max {:>8.2} ms   ({} requests)",
        ms(times[times.len() / 2]),
        ms(times[times.len() * 9 / 10]),
        ms(*times.last().unwrap()),
        times.len()
    );
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let alerts: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let requests: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(50);
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let un = embargo_testkit::shared_data().join("lists/un/UN_consolidated-2026-02-27.xml");
    store.import(&[un], reader_for(Format::UnXml).unwrap().as_ref()).unwrap();
    let entities = store.load_entities(None).unwrap();
    let version = store.lists().unwrap().remove(0);
    UserStore::open(dir.path()).unwrap().create("bench", Roles::of(&[Role::Admin]), PASSWORD).unwrap();

    let started = Instant::now();
    let cases = CaseStore::open(dir.path()).unwrap();
    let context = ScreeningContext {
        lists: vec![ListUsed {
            list: version.list.clone(),
            version: version.version,
            sha256: version.sha256,
        }],
        threshold: 0.8,
        algorithm: "embargo".into(),
        matcher_version: "bench".into(),
        options_hash: "bench".into(),
        delta_from: None,
    };
    let inputs: Vec<ScreeningInput> = (0..alerts)
        .map(|n| {
            let entity = &entities[n % entities.len()];
            let name = entity.names[0].full.clone();
            let score = 0.8 + (n % 200) as f64 / 1000.0;
            ScreeningInput {
                subject: Subject { id: format!("C-{n}"), names: vec![name.clone()], ..Subject::default() },
                by: "bench".into(),
                hits: vec![HitInput::from_entity(entity, score, &name, &name)],
                request_id: None,
            }
        })
        .collect();
    for chunk in inputs.chunks(2000) {
        cases.record_screenings(&context, chunk).unwrap();
    }
    drop(cases);
    println!("{alerts} alerts recorded in {:.1} s", started.elapsed().as_secs_f64());

    let mut config = ServerConfig::new(dir.path());
    config.reload_interval = Duration::from_secs(3600);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(serve(config, listener, std::future::pending()));
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    while client.get(format!("{base}/readyz")).send().await.map(|r| r.status() != 200).unwrap_or(true) {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }

    let mut logins = Vec::new();
    let mut session = None;
    for _ in 0..requests.min(20) {
        let (s, took) = login(&client, &base).await;
        logins.push(took);
        session = Some(s);
    }
    report("POST /ui/login (Argon2id)", logins);
    let session = session.unwrap();
    let middle = format!("/ui/alerts/A{}", alerts / 2);
    let pages = [
        ("GET /ui/ (queue, waiting, by score)", "/ui/".to_owned()),
        ("GET /ui/?sort=oldest&page=100", "/ui/?sort=oldest&page=100".to_owned()),
        ("GET /ui/?min_score=95&list=un", "/ui/?min_score=95&list=un".to_owned()),
        ("GET /ui/alerts/{id}", middle),
        (
            "GET /ui/screen?name=Azim+Aghajani&country=IR",
            "/ui/screen?name=Azim+Aghajani&country=IR".to_owned(),
        ),
        ("GET /ui/lists", "/ui/lists".to_owned()),
    ];
    for (label, path) in pages {
        let mut times = Vec::with_capacity(requests);
        for _ in 0..requests {
            let started = Instant::now();
            let (status, body) = session.get(&path).await;
            times.push(started.elapsed());
            assert_eq!(status, 200, "{path}: {body}");
        }
        report(label, times);
    }
}
