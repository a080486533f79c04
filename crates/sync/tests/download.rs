//! `sync` against a local HTTP server on 127.0.0.1 serving the real list files of
//! `../shared/data`: a good source, a failing one, a slow one, a checksum mismatch, a flaky one
//! and an oversized one.

use embargo_store::Store;
use embargo_sync::config::{Source, SourceFile, SyncConfig};
use embargo_sync::status::SyncStatus;
use embargo_sync::{import_paths, sync, SourceOutcome, SourceReport, SyncReport};
use embargo_testkit::shared_data;
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

const UN: &str = "lists/un/UN_consolidated-2026-02-27.xml";

/// A tiny HTTP/1.1 server over `shared/data`, one thread per connection:
/// - `/files/<path>` serves the file;
/// - `/fail/<path>` always answers 500;
/// - `/truncated/<path>` sends half of the file it announces;
/// - `/slow/<path>` waits 3 s before answering;
/// - `/flaky/<n>/<path>` answers 503 to the first `n` requests, then serves the file.
struct TestServer {
    base: String,
    hits: Arc<Mutex<HashMap<String, u32>>>,
}

impl TestServer {
    fn start() -> TestServer {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let hits: Arc<Mutex<HashMap<String, u32>>> = Arc::default();
        let counter = hits.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let counter = counter.clone();
                std::thread::spawn(move || serve(stream, &counter));
            }
        });
        TestServer { base, hits }
    }

    fn url(&self, path: &str) -> String {
        format!("{}/{path}", self.base)
    }

    fn hits(&self, path: &str) -> u32 {
        self.hits.lock().unwrap().get(&format!("/{path}")).copied().unwrap_or(0)
    }
}

fn serve(stream: TcpStream, hits: &Mutex<HashMap<String, u32>>) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    loop {
        let mut header = String::new();
        match reader.read_line(&mut header) {
            Ok(0) | Err(_) => break,
            Ok(_) if header == "\r\n" => break,
            Ok(_) => {}
        }
    }
    let path = request_line.split_whitespace().nth(1).unwrap_or("/").to_owned();
    let count = {
        let mut hits = hits.lock().unwrap();
        let n = hits.entry(path.clone()).or_default();
        *n += 1;
        *n
    };
    let mut stream = stream;
    let respond = |stream: &mut TcpStream, status: &str, body: &[u8]| {
        let head =
            format!("HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", body.len());
        stream.write_all(head.as_bytes()).ok();
        stream.write_all(body).ok();
    };
    let file = |rel: &str| std::fs::read(shared_data().join(rel)).ok();
    let mut parts = path.trim_start_matches('/').splitn(2, '/');
    let (route, rest) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    match route {
        "files" => match file(rest) {
            Some(body) => respond(&mut stream, "200 OK", &body),
            None => respond(&mut stream, "404 Not Found", b"no such file"),
        },
        "fail" => respond(&mut stream, "500 Internal Server Error", b"broken"),
        "truncated" => {
            // Announces the whole file, sends half of it, and hangs up.
            let body = file(rest).unwrap_or_default();
            let head =
                format!("HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", body.len());
            stream.write_all(head.as_bytes()).ok();
            stream.write_all(&body[..body.len() / 2]).ok();
        }
        "slow" => {
            std::thread::sleep(Duration::from_secs(3));
            respond(&mut stream, "200 OK", &file(rest).unwrap_or_default());
        }
        "flaky" => {
            let (n, rel) = rest.split_once('/').unwrap_or(("0", rest));
            if count <= n.parse().unwrap_or(0) {
                respond(&mut stream, "503 Service Unavailable", b"try later");
            } else {
                respond(&mut stream, "200 OK", &file(rel).unwrap_or_default());
            }
        }
        _ => respond(&mut stream, "404 Not Found", b""),
    }
}

fn source(id: &str, files: &[(String, &str)]) -> Source {
    Source {
        id: id.to_owned(),
        description: String::new(),
        enabled: true,
        files: files
            .iter()
            .map(|(url, name)| SourceFile { url: url.clone(), name: (*name).to_owned(), sha256: None })
            .collect(),
    }
}

fn test_config(sources: Vec<Source>) -> SyncConfig {
    SyncConfig {
        connect_timeout_secs: 2,
        read_timeout_secs: 1,
        total_timeout_secs: 30,
        retries: 2,
        backoff_ms: 10,
        max_bytes: 50 * 1024 * 1024,
        // The test server listens on plain HTTP on 127.0.0.1.
        allow_insecure_http: true,
        sources,
        ..SyncConfig::default()
    }
}

fn outcome<'a>(report: &'a SyncReport, id: &str) -> &'a SourceReport {
    report.sources.iter().find(|s| s.id == id).unwrap()
}

fn failure(report: &SyncReport, id: &str) -> String {
    match &outcome(report, id).outcome {
        SourceOutcome::Failed { error, .. } => error.clone(),
        other => panic!("{id} should fail, got {other:?}"),
    }
}

#[test]
fn failing_slow_and_mismatched_sources_do_not_stop_the_others() {
    let server = TestServer::start();
    let data = tempfile::tempdir().unwrap();
    let store = Store::open(data.path()).unwrap();
    let mut mismatch = source("mismatch", &[(server.url(&format!("files/{UN}")), "UN_consolidated.xml")]);
    mismatch.files[0].sha256 = Some("0".repeat(64));
    let config = test_config(vec![
        source("broken", &[(server.url("fail/x.xml"), "x.xml")]),
        source("slow", &[(server.url(&format!("slow/{UN}")), "UN_consolidated.xml")]),
        mismatch,
        source("un", &[(server.url(&format!("files/{UN}")), "UN_consolidated.xml")]),
    ]);
    let report = sync(data.path(), &store, &config, &[]).unwrap();

    assert!(failure(&report, "broken").contains("HTTP 500"));
    assert_eq!(server.hits("fail/x.xml"), 3, "a 500 is retried twice");
    assert!(failure(&report, "slow").to_lowercase().contains("timeout"), "{}", failure(&report, "slow"));
    assert!(failure(&report, "mismatch").contains("checksum mismatch"));
    assert_eq!(server.hits(&format!("files/{UN}")), 2, "a checksum mismatch is not retried");

    match &outcome(&report, "un").outcome {
        SourceOutcome::Updated { imported, files, attempts } => {
            assert_eq!(imported.len(), 1);
            assert_eq!(imported[0].list, "un");
            assert_eq!(imported[0].entities, 1003);
            assert!(!imported[0].unchanged);
            assert_eq!(*attempts, 1);
            let expected = sha256_of(&shared_data().join(UN));
            assert_eq!(files[0].sha256, expected);
        }
        other => panic!("un should update, got {other:?}"),
    }
    assert!(report.any_failed());
    let lists = store.lists().unwrap();
    assert_eq!(lists.iter().map(|l| l.list.as_str()).collect::<Vec<_>>(), ["un"]);

    let status = SyncStatus::load(&SyncStatus::path_in(data.path())).unwrap();
    assert!(status.sources["un"].last_success.is_some());
    assert!(status.sources["un"].last_error.is_none());
    assert!(status.sources["broken"].last_success.is_none());
    assert!(status.sources["broken"].last_error.as_deref().unwrap_or("").contains("HTTP 500"));
    assert!(status.sources["slow"].last_attempt.is_some());
    assert!(data.path().join("downloads/un/UN_consolidated.xml").exists());
    assert!(!data.path().join("downloads/broken").exists(), "a failed first download leaves nothing behind");
}

fn sha256_of(path: &Path) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(std::fs::read(path).unwrap());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn failed_source_keeps_its_last_good_version_and_is_reported_stale() {
    let server = TestServer::start();
    let data = tempfile::tempdir().unwrap();
    let store = Store::open(data.path()).unwrap();
    let good =
        test_config(vec![source("un", &[(server.url(&format!("files/{UN}")), "UN_consolidated.xml")])]);
    let first = sync(data.path(), &store, &good, &[]).unwrap();
    assert!(!first.any_failed(), "{first:?}");

    let again = sync(data.path(), &store, &good, &[]).unwrap();
    match &outcome(&again, "un").outcome {
        SourceOutcome::Updated { imported, .. } => {
            assert!(imported[0].unchanged, "same files, no new version")
        }
        other => panic!("{other:?}"),
    }

    let broken = test_config(vec![source("un", &[(server.url("fail/un.xml"), "UN_consolidated.xml")])]);
    let report = sync(data.path(), &store, &broken, &[]).unwrap();
    match &outcome(&report, "un").outcome {
        SourceOutcome::Failed { last_success, stale_for_secs, kept_versions, .. } => {
            assert!(last_success.is_some());
            assert!(stale_for_secs.is_some());
            assert_eq!(kept_versions.get("un"), Some(&1));
        }
        other => panic!("{other:?}"),
    }
    let line = outcome(&report, "un").summary();
    assert!(line.contains("keeping un version 1") && line.contains("stale, last good sync"), "{line}");
    let lists = store.lists().unwrap();
    assert_eq!(lists[0].version, 1);
    assert!(lists[0].active);
    assert!(data.path().join("downloads/un/UN_consolidated.xml").exists(), "the last good download stays");
}

#[test]
fn flaky_source_succeeds_after_retries_and_oversized_source_is_refused() {
    let server = TestServer::start();
    let data = tempfile::tempdir().unwrap();
    let store = Store::open(data.path()).unwrap();
    let flaky = format!("flaky/2/{UN}");
    let mut config = test_config(vec![source("un", &[(server.url(&flaky), "UN_consolidated.xml")])]);
    let report = sync(data.path(), &store, &config, &[]).unwrap();
    match &outcome(&report, "un").outcome {
        SourceOutcome::Updated { attempts, .. } => assert_eq!(*attempts, 3),
        other => panic!("{other:?}"),
    }
    assert_eq!(server.hits(&flaky), 3);

    config.max_bytes = 10_000;
    config.sources[0].files[0].url = server.url(&format!("files/{UN}"));
    let report = sync(data.path(), &store, &config, &[]).unwrap();
    assert!(failure(&report, "un").contains("max_bytes"), "{}", failure(&report, "un"));
}

/// Before: `http://` sources were downloaded like `https://` ones, with nothing to notice an
/// altered file (the default sources pin no sha256).
#[test]
fn plain_http_is_refused_unless_allowed_and_nothing_is_fetched() {
    let server = TestServer::start();
    let data = tempfile::tempdir().unwrap();
    let store = Store::open(data.path()).unwrap();
    let config = SyncConfig {
        allow_insecure_http: false,
        ..test_config(vec![source("plain", &[(server.url("ok/un.xml"), "un.xml")])])
    };
    let report = sync(data.path(), &store, &config, &[]).unwrap();
    let error = failure(&report, "plain");
    assert!(error.contains("plain HTTP") && error.contains("allow_insecure_http"), "{error}");
    assert_eq!(server.hits("ok/un.xml"), 0);
    let text = "[[source]]\nid = \"x\"\nfiles = [{ url = \"http://example.org/a.xml\", name = \"a.xml\" }]\n";
    let err = SyncConfig::parse(text, Path::new("sync.toml")).unwrap_err().to_string();
    assert!(err.contains("plain HTTP"), "{err}");
    let allowed = format!("allow_insecure_http = true\n{text}");
    assert!(SyncConfig::parse(&allowed, Path::new("sync.toml")).is_ok());
}

#[test]
fn disabled_and_unselected_sources_are_not_fetched() {
    let server = TestServer::start();
    let data = tempfile::tempdir().unwrap();
    let store = Store::open(data.path()).unwrap();
    let mut off = source("off", &[(server.url("fail/off.xml"), "off.xml")]);
    off.enabled = false;
    let config = test_config(vec![off, source("other", &[(server.url("fail/other.xml"), "other.xml")])]);
    let report = sync(data.path(), &store, &config, &["off".to_owned()]).unwrap();
    assert_eq!(report.sources.len(), 1);
    assert_eq!(outcome(&report, "off").outcome, SourceOutcome::Disabled);
    assert_eq!(server.hits("fail/off.xml") + server.hits("fail/other.xml"), 0);
    assert!(sync(data.path(), &store, &config, &["nope".to_owned()]).is_err());
}

#[test]
fn config_file_is_created_with_official_defaults_on_first_use() {
    let data = tempfile::tempdir().unwrap();
    let path = SyncConfig::path_in(data.path());
    let config = SyncConfig::load_or_create(&path).unwrap();
    assert!(path.exists());
    let ids: Vec<&str> = config.sources.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["ofac-sdn", "ofac-cons", "un", "uk-fcdo", "eu-fsf"]);
    assert!(config.sources.iter().flat_map(|s| &s.files).all(|f| f.url.starts_with("https://")));
    // The user's edits are read back.
    let edited = std::fs::read_to_string(&path).unwrap().replace("retries = 3", "retries = 7");
    std::fs::write(&path, edited).unwrap();
    assert_eq!(SyncConfig::load_or_create(&path).unwrap().retries, 7);
}

#[test]
fn import_from_folder_imports_every_list_it_holds() {
    let data = tempfile::tempdir().unwrap();
    let store = Store::open(data.path()).unwrap();
    let result =
        import_paths(&store, &[shared_data().join("lists/un"), shared_data().join("lists/uk")]).unwrap();
    let imported: Vec<&str> =
        result.lists.iter().filter_map(|(_, r)| r.as_ref().ok()).map(|i| i.list.as_str()).collect();
    assert!(imported.contains(&"un"), "{:?}", result.lists);
    assert!(imported.contains(&"uk-fcdo"), "{:?}", result.lists);
    let again = import_paths(&store, &[shared_data().join("lists/un")]).unwrap();
    assert!(again.lists[0].1.as_ref().unwrap().unchanged);
}

#[test]
fn truncated_download_is_retried_then_refused() {
    let server = TestServer::start();
    let data = tempfile::tempdir().unwrap();
    let store = Store::open(data.path()).unwrap();
    let path = format!("truncated/{UN}");
    let config = test_config(vec![source("un", &[(server.url(&path), "UN_consolidated.xml")])]);
    let report = sync(data.path(), &store, &config, &[]).unwrap();
    let error = failure(&report, "un");
    assert!(error.contains("after 3 attempts"), "{error}");
    assert_eq!(server.hits(&path), 3);
    assert!(store.lists().unwrap().is_empty());
}
