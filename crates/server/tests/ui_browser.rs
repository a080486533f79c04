//! The web page in a real browser: headless Chromium driven through chromedriver (WebDriver)
//! by fantoccini, against the real server on 127.0.0.1 over the real UN list. An analyst logs
//! in, opens the queue and an alert, decides it a false positive and sees it leave the queue;
//! a true match waits for a second person, who approves it; a form posted without its CSRF
//! token is refused; the session expires.
//!
//! chromedriver must be on the PATH (Debian: `apt-get install chromium chromium-driver`; CI
//! installs them): without it this test FAILS, it does not pass silently.
//!
//! `EMBARGO_UPDATE_DOCS=1` saves screenshots of the queue and an alert page into `docs/ui/`.

mod ui_support;

use fantoccini::{Client, ClientBuilder, Locator};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use ui_support::{UiServer, PASSWORD};

const WAIT: Duration = Duration::from_secs(20);

fn on_path(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|dir| dir.join(program)).find(|p| p.is_file())
}

/// chromedriver on a free port, stopped when dropped.
struct Driver {
    child: Child,
    port: u16,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Driver {
    fn start() -> Driver {
        let Some(chromedriver) = on_path("chromedriver") else {
            panic!(
                "chromedriver is not on the PATH: the browser tests of the web page need Debian's \
                 chromium and chromium-driver (`apt-get install -y chromium chromium-driver`; .ci/run \
                 installs them)"
            );
        };
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let child = Command::new(&chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", chromedriver.display()));
        let driver = Driver { child, port };
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not listen on port {port} within 20 s");
            std::thread::sleep(Duration::from_millis(50));
        }
        driver
    }

    async fn browser(&self) -> Client {
        let mut options = serde_json::json!({
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1440,1000", "--force-device-scale-factor=1"]
        });
        if let Some(chromium) = on_path("chromium") {
            options["binary"] = chromium.display().to_string().into();
        }
        let mut caps = serde_json::Map::new();
        caps.insert("goog:chromeOptions".into(), options);
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        ClientBuilder::new(connector)
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{}", self.port))
            .await
            .unwrap_or_else(|e| panic!("cannot open a Chromium session through chromedriver: {e}"))
    }
}

async fn login(browser: &Client, server: &UiServer, user: &str) {
    browser.goto(&server.url("/ui/")).await.unwrap();
    browser
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Id("user"))
        .await
        .unwrap()
        .send_keys(user)
        .await
        .unwrap();
    browser.find(Locator::Id("password")).await.unwrap().send_keys(PASSWORD).await.unwrap();
    browser.find(Locator::Css("form.login button[type=submit]")).await.unwrap().click().await.unwrap();
    browser.wait().at_most(WAIT).for_element(Locator::Id("queue-summary")).await.unwrap();
    let heading = browser.find(Locator::Css("main h1")).await.unwrap().text().await.unwrap();
    assert_eq!(heading, "Review queue", "{user} is not on the queue after logging in");
}

async fn logout(browser: &Client) {
    browser.find(Locator::Css("form.logout button")).await.unwrap().click().await.unwrap();
    browser.wait().at_most(WAIT).for_element(Locator::Id("user")).await.unwrap();
}

/// Saves a screenshot of the whole page (the window made as tall as the page, then back).
async fn screenshot(browser: &Client, name: &str) {
    if std::env::var_os("EMBARGO_UPDATE_DOCS").is_none() {
        return;
    }
    let height = browser.execute("return document.documentElement.scrollHeight", vec![]).await.unwrap();
    let height = height.as_u64().unwrap_or(1000).clamp(600, 4000) as u32;
    browser.set_window_size(1440, height + 140).await.unwrap();
    let png = browser.screenshot().await.unwrap();
    browser.set_window_size(1440, 1000).await.unwrap();
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/ui");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(name), png).unwrap();
}

/// The text of the page's status message after a decision.
async fn flash(browser: &Client) -> String {
    browser.wait().at_most(WAIT).for_element(Locator::Id("flash")).await.unwrap().text().await.unwrap()
}

/// Accessibility basics of the page in the browser: a language, one h1, and a label for every
/// field a person fills in; returns what is wrong.
async fn unlabelled(browser: &Client) -> serde_json::Value {
    let script =
        "var bad = Array.from(document.querySelectorAll('input:not([type=hidden]), select, textarea'))\
        .filter(function (e) { return e.labels.length === 0; }).map(function (e) { return e.id || e.name; });\
        if (document.documentElement.lang !== 'en') bad.push('no lang');\
        if (document.querySelectorAll('h1').length !== 1) bad.push('not one h1');\
        return bad;";
    browser.execute(script, vec![]).await.unwrap()
}

async fn queue_has(browser: &Client, alert: &str) -> bool {
    browser.find(Locator::Id(&format!("row-{alert}"))).await.is_ok()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn analysts_triage_alerts_in_a_real_browser() {
    let driver = Driver::start();
    let ttl = Duration::from_secs(6);
    let server = UiServer::start(ttl).await;
    let cleared = server.alert_of("C-1").await;
    let matched = server.alert_of("C-2").await;
    let browser = driver.browser().await;

    // Alice logs in and sees the queue with its counts.
    browser.goto(&server.url("/ui/")).await.unwrap();
    assert_eq!(unlabelled(&browser).await, serde_json::json!([]), "the login page");
    login(&browser, &server, "alice").await;
    assert_eq!(unlabelled(&browser).await, serde_json::json!([]), "the queue");
    assert!(queue_has(&browser, &cleared).await && queue_has(&browser, &matched).await);
    let open = browser.find(Locator::Css("strong[data-count=open]")).await.unwrap().text().await.unwrap();
    let (_, alerts) = server.api(reqwest::Method::GET, "/alerts?status=open", None).await;
    let expected = alerts["alerts"].as_array().unwrap().len();
    assert!(expected >= 3, "{alerts}");
    assert_eq!(open, expected.to_string(), "the count of open alerts");
    // Keyboard triage: j selects the first row.
    browser.find(Locator::Css("body")).await.unwrap().send_keys("j").await.unwrap();
    let selected =
        browser.execute("return document.querySelectorAll('tr.selected').length", vec![]).await.unwrap();
    assert_eq!(selected, 1, "j selects a row");
    screenshot(&browser, "queue.png").await;

    // She opens C-1's alert: the subject and the listed entity side by side, the matched
    // words highlighted, the explanation.
    browser
        .find(Locator::Css(&format!("a[href='/ui/alerts/{cleared}']")))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let side = browser.wait().at_most(WAIT).for_element(Locator::Id("side-by-side")).await.unwrap();
    let text = side.text().await.unwrap();
    assert!(text.contains("Subject as screened") && text.contains("un:IRi.003"), "{text}");
    assert!(text.contains("AZIM AGHAJANI") && text.contains("Iran"), "{text}");
    let marks = browser.find_all(Locator::Css("#side-by-side mark")).await.unwrap();
    let mut marked = Vec::new();
    for m in &marks {
        marked.push(m.text().await.unwrap().to_lowercase());
    }
    assert!(marked.contains(&"aghajani".to_owned()) && marked.contains(&"azim".to_owned()), "{marked:?}");
    let why = browser.find(Locator::Css("ul.explain")).await.unwrap().text().await.unwrap();
    assert!(why.contains("Aghajani"), "{why}");
    assert_eq!(unlabelled(&browser).await, serde_json::json!([]), "the alert page");
    screenshot(&browser, "alert.png").await;

    // False positive: the alert leaves the queue.
    browser.find(Locator::Css("label[for=o-fp]")).await.unwrap().click().await.unwrap();
    browser.find(Locator::Css("label[for=c-different_date_of_birth]")).await.unwrap().click().await.unwrap();
    browser.find(Locator::Id("comment")).await.unwrap().send_keys("born 1990, listed 1963").await.unwrap();
    browser.find(Locator::Id("record")).await.unwrap().click().await.unwrap();
    assert_eq!(flash(&browser).await, format!("Alert {cleared} is now false positive."));
    assert!(!queue_has(&browser, &cleared).await, "a false positive leaves the queue");
    assert_eq!(server.status_of(&cleared).await, "false_positive");

    // A true match waits for a second person.
    browser.goto(&server.url(&format!("/ui/alerts/{matched}"))).await.unwrap();
    browser
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css("label[for=o-tm]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    browser
        .find(Locator::Id("comment"))
        .await
        .unwrap()
        .send_keys("same person, same passport")
        .await
        .unwrap();
    browser.find(Locator::Id("record")).await.unwrap().click().await.unwrap();
    assert_eq!(flash(&browser).await, format!("Alert {matched} is now pending approval."));
    assert!(queue_has(&browser, &matched).await, "pending approval stays in the queue");

    // She screens a name by hand.
    browser.goto(&server.url("/ui/screen")).await.unwrap();
    browser
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Id("s-name"))
        .await
        .unwrap()
        .send_keys("Azim Aghajani")
        .await
        .unwrap();
    browser.find(Locator::Id("s-country")).await.unwrap().send_keys("IR").await.unwrap();
    browser.find(Locator::Id("do-screen")).await.unwrap().click().await.unwrap();
    let hits =
        browser.wait().at_most(WAIT).for_element(Locator::Id("hits")).await.unwrap().text().await.unwrap();
    assert!(hits.starts_with("1 hit"), "{hits}");
    assert!(browser.find(Locator::Css("a[href='/ui/entity?id=un%3AIRi.003']")).await.is_ok());
    assert_eq!(unlabelled(&browser).await, serde_json::json!([]), "the screen page");
    logout(&browser).await;

    // Bob approves it.
    login(&browser, &server, "bob").await;
    browser.goto(&server.url(&format!("/ui/alerts/{matched}"))).await.unwrap();
    let section = browser.wait().at_most(WAIT).for_element(Locator::Id("approve-form")).await.unwrap();
    assert!(browser.source().await.unwrap().contains("user:alice decided <strong>true match</strong>"));
    section.find(Locator::Id("approve")).await.unwrap().click().await.unwrap();
    assert_eq!(flash(&browser).await, format!("Alert {matched} is now true match."));
    assert!(!queue_has(&browser, &matched).await);
    assert_eq!(server.status_of(&matched).await, "true_match");

    // Bob has no screen role: no link to the screen page; Alice's pages are checked above.
    assert!(browser.find(Locator::Css("a[href='/ui/screen']")).await.is_err());

    // A form posted without its CSRF token is refused, and nothing changes.
    let other = server.alert_of(ui_support::HOSTILE_SUBJECT).await;
    let forge = format!(
        "var f = document.createElement('form'); f.method = 'post'; f.action = '/ui/alerts/{other}/decide';\
         var i = document.createElement('input'); i.name = 'outcome'; i.value = 'false_positive'; f.appendChild(i);\
         document.body.appendChild(f); f.submit();"
    );
    browser.execute(&forge, vec![]).await.unwrap();
    let deadline = Instant::now() + WAIT;
    loop {
        // The page changes under the test: find the heading anew each time.
        if let Ok(heading) = browser.find(Locator::Css("main h1")).await {
            if heading.text().await.is_ok_and(|t| t == "Refused") {
                break;
            }
        }
        assert!(Instant::now() < deadline, "no refusal page after a CSRF-less post");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(browser.source().await.unwrap().contains("csrf_rejected"));
    assert_eq!(server.status_of(&other).await, "open");

    // The session expires after its TTL without a request.
    tokio::time::sleep(ttl + Duration::from_secs(1)).await;
    browser.goto(&server.url(&format!("/ui/alerts/{other}"))).await.unwrap();
    browser.wait().at_most(WAIT).for_element(Locator::Id("user")).await.unwrap();
    assert!(browser.current_url().await.unwrap().as_str().ends_with("/ui/?expired=1"));
    assert!(browser.source().await.unwrap().contains("Your session has expired"));

    browser.close().await.unwrap();
    server.stop().await;
    drop(driver);
}
