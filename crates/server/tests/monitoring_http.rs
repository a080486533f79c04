//! Monitoring over HTTP on the real UN list: subjects registered with `PUT /subjects/{id}`,
//! a changed list imported while the server runs (its reload runs monitoring and closes the
//! delisted alert), `DELETE` and `GET /subjects`, and `/match?as_of=`.

use embargo_readers::{reader_for, Format};
use embargo_server::keys::{KeyStore, Role, Roles};
use embargo_server::{serve, Limits, ServerConfig};
use embargo_store::Store;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use std::time::{Duration, Instant};
use tokio::sync::oneshot;

fn import(dir: &std::path::Path, file: std::path::PathBuf) {
    let store = Store::open(dir).unwrap();
    store.import(&[file], reader_for(Format::UnXml).unwrap().as_ref()).unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn subjects_are_monitored_over_http_and_match_screens_as_of_a_version() {
    let data = tempfile::tempdir().unwrap();
    import(data.path(), embargo_testkit::un_xml());
    let keys = KeyStore::open(data.path()).unwrap();
    let reviewer = keys.create("alice", Roles::of(&[Role::Screen, Role::Review])).unwrap();
    let screener = keys.create("gateway", Roles::of(&[Role::Screen])).unwrap();
    let mut config = ServerConfig::new(data.path());
    config.limits = Limits::default();
    config.reload_interval = Duration::from_millis(200);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = oneshot::channel::<()>();
    let task = tokio::spawn(serve(config, listener, async {
        let _ = stopped.await;
    }));
    let client = reqwest::Client::new();
    let call = |method: Method, path: &str, key: &str, body: Option<Value>| {
        let mut request = client.request(method, format!("http://{addr}{path}")).bearer_auth(key);
        if let Some(body) = body {
            request = request.json(&body);
        }
        async move {
            let r = request.send().await.unwrap();
            let status = r.status();
            (status, r.json::<Value>().await.unwrap_or(Value::Null))
        }
    };
    let deadline = Instant::now() + Duration::from_secs(60);
    // Ready: the lists are loaded (and the monitoring run of that first load is done).
    while call(Method::GET, "/readyz", &reviewer, None).await.0 != StatusCode::OK {
        assert!(Instant::now() < deadline, "server not ready");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let person = |name: &str| json!({"kind": "person", "names": [name]});

    let (status, body) = call(Method::PUT, "/subjects/C-1", &reviewer, Some(person("Eric Badege"))).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["outcome"], "new");
    assert_eq!(body["alerts"].as_array().unwrap().len(), 1, "{body}");
    let eric_alert = body["alerts"][0].as_str().unwrap().to_owned();
    let (_, again) = call(Method::PUT, "/subjects/C-1", &reviewer, Some(person("Eric Badege"))).await;
    assert_eq!(
        (again["outcome"].as_str(), again["screening"].is_null()),
        (Some("unchanged"), true),
        "{again}"
    );
    let (status, body) = call(Method::PUT, "/subjects/C-3", &reviewer, Some(person("Zoran Petrovic"))).await;
    assert_eq!((status, body["alerts"].as_array().unwrap().len()), (StatusCode::OK, 0), "{body}");
    let (status, body) = call(Method::PUT, "/subjects/C-4", &reviewer, Some(json!({"names": []}))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(call(Method::GET, "/subjects", &screener, None).await.0, StatusCode::FORBIDDEN);

    // The next day's list: the server reloads, runs monitoring, closes Eric's alert as
    // delisted and alerts on the newly listed Zoran Petrovic.
    let tmp = tempfile::tempdir().unwrap();
    import(data.path(), embargo_testkit::write_changed_un(tmp.path()));
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let (_, alerts) = call(Method::GET, "/alerts?subject=C-3", &reviewer, None).await;
        let (_, eric) = call(Method::GET, &format!("/alerts/{eric_alert}"), &reviewer, None).await;
        if alerts["alerts"].as_array().is_some_and(|a| a.len() == 1)
            && eric["alert"]["summary"]["status"] == "delisted"
        {
            assert_eq!(alerts["alerts"][0]["entity_id"], embargo_testkit::ADDED);
            break;
        }
        assert!(Instant::now() < deadline, "monitoring after the reload did not run: {alerts} {eric}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    // As of version 1, Eric Badege is listed; now he is not.
    let query = json!({"queries": {"q": {"schema": "Person", "properties": {"name": ["Eric Badege"]}}}});
    let (status, old) = call(Method::POST, "/match?as_of=un@1", &screener, Some(query.clone())).await;
    assert_eq!(status, StatusCode::OK, "{old}");
    assert_eq!(old["lists"][0]["version"], 1);
    assert_eq!(old["responses"]["q"]["results"][0]["id"], embargo_testkit::REMOVED);
    let (_, now) = call(Method::POST, "/match", &screener, Some(query.clone())).await;
    assert_eq!(now["lists"][0]["version"], 2);
    assert!(now["responses"]["q"]["results"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["id"] != embargo_testkit::REMOVED));
    let (status, bad) = call(Method::POST, "/match?as_of=someday", &screener, Some(query)).await;
    assert_eq!(
        (status, bad["error"]["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("invalid_as_of"))
    );

    // Removing a subject keeps its records.
    let (status, _) = call(Method::DELETE, "/subjects/C-1", &reviewer, None).await;
    assert_eq!(status, StatusCode::OK);
    let (_, listed) = call(Method::GET, "/subjects", &reviewer, None).await;
    let ids: Vec<&str> =
        listed["subjects"].as_array().unwrap().iter().map(|s| s["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["C-3"]);
    let (status, gone) = call(Method::DELETE, "/subjects/C-1", &reviewer, None).await;
    assert_eq!((status, gone["error"]["code"].as_str()), (StatusCode::NOT_FOUND, Some("subject_not_found")));
    let (status, _) = call(Method::GET, "/subjects/C-1", &reviewer, None).await;
    assert_eq!(status, StatusCode::OK, "the subject's records stay");

    let _ = stop.send(());
    task.await.unwrap().unwrap();
}
