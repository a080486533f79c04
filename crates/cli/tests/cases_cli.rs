//! The case workflow through the real binary on the real UN list: a recorded screening opens
//! an alert, an analyst clears it, the pair stays cleared, a true match waits for a second
//! person, a batch run records every record once even when resumed, and `audit verify` passes
//! until someone edits the database by hand.

use std::path::Path;
use std::process::{Command, Output};

fn un_xml() -> std::path::PathBuf {
    embargo_testkit::shared_file("lists/un/UN_consolidated-2026-02-27.xml")
}

/// A fresh data directory with the UN list imported (each test decides alerts of its own).
fn data_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let out = embargo(dir.path(), &["import", un_xml().to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    dir
}

fn embargo(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_embargo")).arg("--data-dir").arg(dir).args(args).output().unwrap()
}

fn ok(out: Output) -> String {
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn json(out: Output) -> serde_json::Value {
    serde_json::from_str(&ok(out)).unwrap()
}

/// Screens AGHAJANI (un:IRi.003) for subject `subject`; returns the JSON document.
fn screen(dir: &Path, subject: &str) -> serde_json::Value {
    json(embargo(
        dir,
        &[
            "screen",
            "Azim Aghajani",
            "--kind",
            "person",
            "--subject",
            subject,
            "--by",
            "onboarding",
            "--format",
            "json",
        ],
    ))
}

#[test]
fn a_cleared_false_positive_stays_cleared_and_the_log_verifies() {
    let dir = data_dir();
    let first = screen(dir.path(), "C-1001");
    let alert = first["screening"]["alerts"][0].as_str().expect("a new alert").to_owned();
    let listed = json(embargo(dir.path(), &["alerts", "list", "--format", "json", "--subject", "C-1001"]));
    assert_eq!(listed[0]["id"], alert.as_str());
    assert_eq!(listed[0]["status"], "open");
    assert!(listed[0]["entity_id"].as_str().unwrap().starts_with("un:"));
    assert!(listed[0]["created_at"].as_str().unwrap().ends_with('Z'));

    ok(embargo(
        dir.path(),
        &[
            "alerts",
            "decide",
            &alert,
            "--false-positive",
            "--code",
            "different_date_of_birth",
            "--reason",
            "born 1990",
            "--by",
            "alice",
        ],
    ));
    let again = screen(dir.path(), "C-1001");
    let dispositions = again["screening"]["dispositions"].as_array().unwrap();
    assert!(dispositions.iter().any(|d| d["kind"] == "suppressed"), "{again}");
    assert!(again["screening"]["alerts"].as_array().unwrap().is_empty(), "a suppressed pair made an alert");
    let suppressions = json(embargo(dir.path(), &["suppressions", "list", "--format", "json"]));
    assert_eq!(suppressions[0]["alert"], alert.as_str());
    assert_eq!(suppressions[0]["uses"], 1);

    let shown = ok(embargo(dir.path(), &["alerts", "show", &alert]));
    assert!(shown.contains("false_positive") && shown.contains("alice"), "{shown}");
    let verified = ok(embargo(dir.path(), &["audit", "verify"]));
    assert!(verified.starts_with("audit log verified"), "{verified}");
    let proof = json(embargo(dir.path(), &["audit", "prove", &alert]));
    assert!(proof["path"].is_array() && proof["checkpoint"]["root"].is_string(), "{proof}");
}

#[test]
fn a_true_match_waits_for_a_second_person() {
    let dir = data_dir();
    let alert = screen(dir.path(), "C-2002")["screening"]["alerts"][0].as_str().unwrap().to_owned();
    ok(embargo(
        dir.path(),
        &["alerts", "decide", &alert, "--true-match", "--reason", "same passport", "--by", "alice"],
    ));
    let shown = json(embargo(dir.path(), &["alerts", "show", &alert, "--format", "json"]));
    assert_eq!(shown["alert"]["summary"]["status"], "pending_approval");
    let own = embargo(dir.path(), &["alerts", "approve", &alert, "--by", "alice"]);
    assert_eq!(own.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&own.stderr).contains("[four_eyes]"),
        "{}",
        String::from_utf8_lossy(&own.stderr)
    );
    ok(embargo(dir.path(), &["alerts", "approve", &alert, "--by", "bob"]));
    let shown = json(embargo(dir.path(), &["alerts", "show", &alert, "--format", "json"]));
    assert_eq!(shown["alert"]["summary"]["status"], "true_match");
}

#[test]
fn a_hand_edit_of_the_case_database_fails_verification_naming_the_record() {
    let dir = data_dir();
    screen(dir.path(), "C-3003");
    ok(embargo(dir.path(), &["audit", "verify"]));
    let conn = rusqlite::Connection::open(dir.path().join("cases.sqlite")).unwrap();
    let changed = conn
        .execute("UPDATE events SET body = replace(body, 'onboarding', 'someone else') WHERE seq = (SELECT MIN(seq) FROM events WHERE body LIKE '%onboarding%')", [])
        .unwrap();
    assert_eq!(changed, 1);
    drop(conn);
    let out = embargo(dir.path(), &["audit", "verify"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("[audit_tampered]") && stderr.contains("record "), "{stderr}");
}

#[test]
fn a_recorded_batch_run_records_each_record_once_even_when_resumed() {
    let dir = data_dir();
    let input = dir.path().join("customers.csv");
    let mut csv = String::from("id,name\n");
    for i in 0..30 {
        csv.push_str(&format!("C{i},{}\n", if i % 10 == 0 { "Azim Aghajani" } else { "Margaret Thornbury" }));
    }
    std::fs::write(&input, csv).unwrap();
    let output = dir.path().join("hits.csv");
    let args = [
        "screen",
        "--input",
        input.to_str().unwrap(),
        "--output",
        output.to_str().unwrap(),
        "--record",
        "--by",
        "nightly",
        "--chunk-size",
        "7",
        "--progress",
        "none",
    ];
    ok(embargo(dir.path(), &args));
    // The same run again, resumed from its end, and once more from scratch: records are keyed
    // by run and line, so the case store holds each record's screening once.
    let mut resumed = args.to_vec();
    resumed.push("--resume");
    ok(embargo(dir.path(), &resumed));
    ok(embargo(dir.path(), &args));
    let alerts = json(embargo(dir.path(), &["alerts", "list", "--format", "json"]));
    assert_eq!(alerts.as_array().unwrap().len(), 3, "C0, C10 and C20 each have one alert: {alerts}");
    let exported = ok(embargo(dir.path(), &["audit", "export", "--format", "jsonl"]));
    let screenings = exported.lines().filter(|l| l.contains("\"kind\":\"screening\"")).count();
    assert_eq!(screenings, 30, "every record recorded once");
    ok(embargo(dir.path(), &["audit", "verify"]));
}

#[test]
fn imports_and_keys_are_audit_events() {
    let dir = data_dir();
    ok(embargo(dir.path(), &["keys", "create", "gateway", "--role", "screen,review"]));
    ok(embargo(dir.path(), &["keys", "revoke", "gateway"]));
    let broken = dir.path().join("SDN.CSV");
    std::fs::write(&broken, "not,a,real\nsdn,file\n").unwrap();
    assert_eq!(embargo(dir.path(), &["import", broken.to_str().unwrap()]).status.code(), Some(1));
    let exported = ok(embargo(dir.path(), &["audit", "export", "--format", "jsonl"]));
    for kind in ["list_imported", "list_import_failed", "api_key_created", "api_key_revoked"] {
        assert!(exported.contains(kind), "no {kind} event in:\n{exported}");
    }
    assert!(exported.contains("\\\"un\\\""), "the import names its list: {exported}");
    ok(embargo(dir.path(), &["audit", "verify"]));
}

/// A recorded batch run killed with SIGKILL twice and resumed records every record exactly
/// once: a chunk is checkpointed only after it is recorded, and records are keyed by run and
/// line, so the chunks screened again after a kill are not recorded twice.
#[test]
fn a_recorded_batch_run_killed_and_resumed_records_each_record_once() {
    use std::process::Stdio;
    use std::time::{Duration, Instant};
    let dir = data_dir();
    let mut csv = String::from("id,name\n");
    for i in 0..3000 {
        csv.push_str(&format!(
            "K{i},{}\n",
            if i % 100 == 0 { "Azim Aghajani" } else { "Customer Number Ltd" }
        ));
    }
    let input = dir.path().join("in.csv");
    std::fs::write(&input, csv).unwrap();
    let output = dir.path().join("out.csv");
    let journal = dir.path().join("out.csv.checkpoint");
    let args = [
        "screen",
        "--input",
        input.to_str().unwrap(),
        "--output",
        output.to_str().unwrap(),
        "--record",
        "--chunk-size",
        "20",
        "--progress",
        "none",
    ];
    let checkpoints = || {
        std::fs::read_to_string(&journal).map(|s| s.matches("\"type\":\"checkpoint\"").count()).unwrap_or(0)
    };
    for resume in [false, true] {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_embargo"));
        cmd.arg("--data-dir").arg(dir.path()).args(args);
        if resume {
            cmd.arg("--resume");
        }
        let mut child = cmd.stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
        let before = checkpoints();
        let deadline = Instant::now() + Duration::from_secs(120);
        while checkpoints() < before + 5 && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(2));
        }
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        assert!(!output.exists(), "the run finished before it could be killed");
    }
    let mut resumed = args.to_vec();
    resumed.push("--resume");
    ok(embargo(dir.path(), &resumed));
    let exported = ok(embargo(dir.path(), &["audit", "export", "--format", "jsonl"]));
    let screenings = exported.lines().filter(|l| l.contains("\"kind\":\"screening\"")).count();
    assert_eq!(screenings, 3000, "every record recorded exactly once");
    let alerts = json(embargo(dir.path(), &["alerts", "list", "--format", "json"]));
    assert_eq!(alerts.as_array().unwrap().len(), 30, "one alert per listed record");
    ok(embargo(dir.path(), &["audit", "verify"]));
}
