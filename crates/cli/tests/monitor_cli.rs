//! `embargo monitor`, `screen --as-of` and `screenings replay` on the real UN list, and a
//! monitoring run killed with SIGKILL and run again.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn embargo(dir: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_embargo"));
    cmd.env("EMBARGO_DATA_DIR", dir).env("USER", "tester").args(args);
    cmd
}

fn run(dir: &Path, args: &[&str]) -> Output {
    let out = embargo(dir, args).output().unwrap();
    assert!(
        out.status.success() || out.status.code() == Some(1),
        "embargo {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// (subject, entity, status) of every alert.
fn alerts(dir: &Path) -> Vec<(String, String, String)> {
    let out = run(dir, &["alerts", "list", "--format", "json", "--limit", "100000"]);
    let list: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    list.iter()
        .map(|a| {
            (
                a["subject_id"].as_str().unwrap().to_owned(),
                a["entity_id"].as_str().unwrap().to_owned(),
                a["status"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// A file of `n` subjects: every tenth a name of the UN list, the others ordinary names.
fn subjects_file(dir: &Path, n: usize) -> std::path::PathBuf {
    let xml = std::fs::read_to_string(embargo_testkit::un_xml()).unwrap();
    let mut listed = Vec::new();
    for part in xml.split("<FIRST_NAME>").skip(1) {
        let first = &part[..part.find('<').unwrap()];
        if let Some(rest) = part.split("<SECOND_NAME>").nth(1) {
            let second = &rest[..rest.find('<').unwrap()];
            if !first.is_empty() && !second.is_empty() && !first.contains('&') && !second.contains('&') {
                listed.push(format!("{first} {second}"));
            }
        }
    }
    assert!(listed.len() > 100);
    let mut csv = String::from("id,name,kind\n");
    for i in 0..n {
        let name = if i % 10 == 0 {
            listed[(i / 10) % listed.len()].clone()
        } else {
            format!("Ordinary Customer {i}")
        };
        csv.push_str(&format!("C-{i:05},\"{name}\",person\n"));
    }
    let path = dir.join("subjects.csv");
    std::fs::write(&path, csv).unwrap();
    path
}

#[test]
fn monitoring_a_changed_list_and_screening_as_of_the_old_version() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let out = run(&data, &["import", embargo_testkit::un_xml().to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("self-test of un@1: recall"));
    let file = dir.path().join("base.csv");
    std::fs::write(
        &file,
        "id,name,kind\nC-1,Eric Badege,person\nC-2,Frank Kakolele Bwambale,person\nC-3,Zoran Petrovic,person\nC-4,Margaret Thornbury,person\n",
    )
    .unwrap();
    let out = run(&data, &["monitor", "import", file.to_str().unwrap(), "--progress", "none"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("4 subjects registered: 4 new"), "{err}");
    assert!(err.contains("2 new alerts"), "{err}");
    assert_eq!(alerts(&data).len(), 2);
    // Registering the same file again changes nothing and screens nobody.
    let out = run(&data, &["monitor", "import", file.to_str().unwrap(), "--progress", "none"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("0 new, 0 changed, 4 unchanged") && err.contains("4 up to date"), "{err}");

    // The changed copy: the import runs monitoring itself.
    let v2 = embargo_testkit::write_changed_un(dir.path());
    let out = run(&data, &["import", v2.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("screened against 2 changed entities"), "{err}");
    assert!(err.contains("1 new alerts, 1 alerts closed as delisted"), "{err}");
    let all = alerts(&data);
    assert_eq!(all.len(), 3, "{all:?}");
    assert!(all.contains(&("C-1".into(), embargo_testkit::REMOVED.into(), "delisted".into())));
    assert!(all.contains(&("C-3".into(), embargo_testkit::ADDED.into(), "open".into())));
    // Frank's alert is open and its entity changed: the run re-checked it, and says so.
    assert!(err.contains("1 open alerts on changed entities re-checked (0 no longer hit)"), "{err}");
    let list: Vec<serde_json::Value> = serde_json::from_slice(
        &run(&data, &["alerts", "list", "--subject", "C-2", "--format", "json"]).stdout,
    )
    .unwrap();
    let shown = stdout(&run(&data, &["alerts", "show", list[0]["id"].as_str().unwrap()]));
    assert!(
        shown.contains("alert_entity_changed")
            && shown.contains("un:CDi.002 changed in un@2 (nationalities): the subject still hits it"),
        "{shown}"
    );
    let again = run(&data, &["monitor", "run", "--json", "--progress", "none"]);
    let summary: serde_json::Value = serde_json::from_slice(&again.stdout).unwrap();
    assert_eq!(summary["new_alerts"].as_array().unwrap().len(), 0);
    assert_eq!(summary["up_to_date"], 4);

    // As of version 1 the removed entity is found, and the output names the version.
    let old = stdout(&run(&data, &["screen", "Eric Badege", "--as-of", "un@1"]));
    assert!(old.contains(embargo_testkit::REMOVED) && old.contains("as of: un@1"), "{old}");
    let now = stdout(&run(&data, &["screen", "Eric Badege"]));
    assert!(!now.contains(embargo_testkit::REMOVED), "{now}");
    let json = stdout(&run(&data, &["screen", "Eric Badege", "--as-of", "2999-01-01", "--format", "json"]));
    assert!(json.contains("\"un@2\""), "{json}");
    // And for a whole file.
    let input = dir.path().join("one.csv");
    std::fs::write(&input, "id,name\nX-1,Eric Badege\n").unwrap();
    let hits = dir.path().join("hits.csv");
    let args =
        ["screen", "--input", input.to_str().unwrap(), "-o", hits.to_str().unwrap(), "--progress", "none"];
    let out = run(&data, &[&args[..], &["--as-of", "un@1"]].concat());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("un@1"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(std::fs::read_to_string(&hits).unwrap().contains(embargo_testkit::REMOVED));
    run(&data, &args);
    assert!(!std::fs::read_to_string(&hits).unwrap().contains(embargo_testkit::REMOVED));
    let bad = embargo(&data, &["screen", "Eric Badege", "--as-of", "last tuesday"]).output().unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("[invalid_as_of]"));

    // The first screening replays the same on the versions it used.
    let replay = run(&data, &["screenings", "replay", "SCR1"]);
    assert_eq!(replay.status.code(), Some(0), "{}", stdout(&replay));
    assert!(stdout(&replay).contains("same: 1 hit(s)"), "{}", stdout(&replay));

    // `embargo lists` shows the self-test.
    let lists = stdout(&run(&data, &["lists"]));
    assert!(lists.contains("SELF-TEST") && lists.contains("recall"), "{lists}");
    run(&data, &["audit", "verify"]);
}

fn screened(data: &Path) -> i64 {
    let Ok(conn) = rusqlite::Connection::open_with_flags(
        data.join("monitor.sqlite"),
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
    ) else {
        return 0;
    };
    conn.query_row("SELECT COUNT(*) FROM screened", [], |r| r.get(0)).unwrap_or(0)
}

#[test]
fn a_run_killed_with_sigkill_resumes_without_duplicate_alerts() {
    const SUBJECTS: usize = 3000;
    let dir = tempfile::tempdir().unwrap();
    let file = subjects_file(dir.path(), SUBJECTS);
    let setup = |data: &Path| {
        run(data, &["import", embargo_testkit::un_xml().to_str().unwrap(), "--no-monitor"]);
        run(data, &["monitor", "import", file.to_str().unwrap(), "--no-monitor"]);
    };
    let clean = dir.path().join("clean");
    setup(&clean);
    run(&clean, &["monitor", "run", "--chunk-size", "10", "--progress", "none"]);
    let expected = alerts(&clean);
    assert!(expected.len() >= SUBJECTS / 20, "listed names alert: {}", expected.len());

    let killed = dir.path().join("killed");
    setup(&killed);
    for round in 0..2 {
        let mut child = embargo(&killed, &["monitor", "run", "--chunk-size", "10", "--progress", "none"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let before = screened(&killed);
        let deadline = Instant::now() + Duration::from_secs(120);
        while screened(&killed) < before + 300 && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(2));
        }
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        let done = screened(&killed);
        assert!(done < SUBJECTS as i64, "round {round}: the run finished before it could be killed");
    }
    let out = run(&killed, &["monitor", "run", "--json", "--chunk-size", "10", "--progress", "none"]);
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(summary["resumed"], true, "{summary}");
    let got = alerts(&killed);
    let mut pairs: BTreeMap<(String, String), usize> = BTreeMap::new();
    for (subject, entity, _) in &got {
        *pairs.entry((subject.clone(), entity.clone())).or_default() += 1;
    }
    assert!(pairs.values().all(|n| *n == 1), "a pair alerted twice");
    let strip = |v: &[(String, String, String)]| -> Vec<(String, String)> {
        let mut v: Vec<_> = v.iter().map(|(s, e, _)| (s.clone(), e.clone())).collect();
        v.sort();
        v
    };
    assert_eq!(strip(&got), strip(&expected), "the killed and resumed run alerts exactly as the clean one");
    // One screening per subject: the run's screenings are keyed by run and subject.
    let conn = rusqlite::Connection::open(killed.join("cases.sqlite")).unwrap();
    let (screenings, distinct): (i64, i64) = conn
        .query_row(
            "SELECT COUNT(*), COUNT(DISTINCT subject_id) FROM screenings WHERE request_id LIKE 'monitor:%'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((screenings, distinct), (SUBJECTS as i64, SUBJECTS as i64));
    let again = run(&killed, &["monitor", "run", "--json", "--progress", "none"]);
    let summary: serde_json::Value = serde_json::from_slice(&again.stdout).unwrap();
    assert_eq!(summary["up_to_date"], SUBJECTS as u64);
    run(&killed, &["audit", "verify"]);
}

/// A monitoring run's delta screening covers only the entities changed since the subject's
/// last screening; its replay screened the whole lists and reported a hit on an unchanged
/// entity as DIFFERENT (exit 1), though the screening was reproduced exactly.
#[test]
fn replaying_a_delta_screening_compares_the_entities_it_covered() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    run(&data, &["import", embargo_testkit::un_xml().to_str().unwrap()]);
    // Gaston Iyamuremye (un:CDi.003) is listed in both versions, unchanged.
    let out = run(&data, &["monitor", "add", "C-9", "--name", "Gaston Iyamuremye", "--kind", "person"]);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("1 new alerts"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v2 = embargo_testkit::write_changed_un(dir.path());
    let out = run(&data, &["import", v2.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("screened against 2 changed entities"), "{err}");

    // SCR1: the full screening at registration, with its hit; SCR2: the delta screening, none.
    let full = run(&data, &["screenings", "replay", "SCR1"]);
    assert!(stdout(&full).contains("same: 1 hit(s)"), "{}", stdout(&full));
    let delta = embargo(&data, &["screenings", "replay", "SCR2"]).output().unwrap();
    let text = stdout(&delta);
    assert_eq!(delta.status.code(), Some(0), "{text}");
    assert!(text.contains("covered the 2 entities added or changed since un@1"), "{text}");
    assert!(text.contains("same: 0 hit(s)"), "{text}");
    let json = stdout(&run(&data, &["screenings", "replay", "SCR2", "--json"]));
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!((doc["same"].as_bool(), doc["delta_from"].as_str()), (Some(true), Some("un@1")), "{json}");
}
