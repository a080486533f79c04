//! kill -9 at any moment (in a bulk record of screenings, in a decision, in an approval)
//! leaves the case store and the audit log consistent and verifiable: done for real, with a
//! child process killed by SIGKILL mid-write, six times over.

mod common;

use common::{context, hit, person, screening, subject_like};
use embargo_cases::{AlertFilter, AlertStatus, CaseStore, DecisionRequest, Outcome, Reason, ScreeningInput};
use embargo_testkit::TempDataDir;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const CHILD_DIR: &str = "EMBARGO_CASES_KILL_CHILD_DIR";

/// Run as a child only (the parent sets the variable): writes until killed.
#[test]
fn child_writes_until_killed() {
    let Some(dir) = std::env::var_os(CHILD_DIR) else { return };
    let cases = CaseStore::open(std::path::Path::new(&dir)).unwrap();
    let entities: Vec<_> = (0..40).map(person).collect();
    println!("ready");
    for round in 0u64.. {
        // A batch chunk: 400 screenings, about 12% with a hit.
        let inputs: Vec<ScreeningInput> = (0..400u64)
            .map(|i| {
                let e = &entities[((round * 7 + i) % 40) as usize];
                let subject = subject_like(&format!("K-{round}-{i}"), e);
                let hits = if i % 8 == 0 { vec![hit(e, 0.9)] } else { vec![] };
                screening(&subject, "batch:kill", hits)
            })
            .collect();
        cases.record_screenings(&context(), &inputs).unwrap();
        // Decisions and approvals on the open alerts.
        for (k, alert) in cases
            .alerts(&AlertFilter { status: Some(AlertStatus::Open), limit: 6, ..Default::default() })
            .unwrap()
            .into_iter()
            .enumerate()
        {
            let outcome = if k % 2 == 0 { Outcome::FalsePositive } else { Outcome::TrueMatch };
            let d = DecisionRequest {
                alert: alert.id.clone(),
                by: "alice".into(),
                outcome,
                reason: Reason::text("kill test"),
                expected_version: Some(alert.version),
            };
            cases.decide(&d).unwrap();
            if outcome == Outcome::TrueMatch {
                cases.approve(&alert.id, "bob", None).unwrap();
            }
        }
    }
}

#[test]
fn kill_9_mid_write_leaves_the_case_store_consistent_and_verifiable() {
    let dir = TempDataDir::new();
    let mut sizes = Vec::new();
    for round in 0..6u64 {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args(["child_writes_until_killed", "--exact", "--nocapture", "--test-threads=1"])
            .env(CHILD_DIR, dir.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let mut lines = BufReader::new(stdout).lines();
        let started = Instant::now();
        loop {
            let line = lines.next().expect("the child printed nothing").unwrap();
            if line.trim_end().ends_with("ready") {
                break;
            }
            assert!(started.elapsed() < Duration::from_secs(120), "the child never got ready");
        }
        // Let it write for a while: a different moment each round.
        std::thread::sleep(Duration::from_millis(300 + round * 170));
        child.kill().unwrap(); // SIGKILL on Unix
        let status = child.wait().unwrap();
        assert!(!status.success(), "the child was killed, not finished");

        let cases = CaseStore::open(dir.path()).unwrap();
        let report = cases.verify(None).unwrap_or_else(|e| panic!("round {round}: {e}"));
        sizes.push(report.records);
        // Nothing half-written: every alert's status agrees with its history, every final
        // false positive has its suppression, no alert waits on nothing.
        for alert in cases.alerts(&AlertFilter::default()).unwrap() {
            let view = cases.alert(&alert.id).unwrap();
            let last_status = view.history.iter().rev().find_map(|h| h.status).unwrap();
            assert_eq!(last_status, alert.status, "{}", alert.id);
            if alert.status == AlertStatus::FalsePositive {
                assert!(view.history.iter().any(|h| h.action == "suppression_created"), "{}", alert.id);
            }
        }
        drop(cases);
    }
    assert!(sizes.windows(2).all(|w| w[0] <= w[1]), "{sizes:?}");
    assert!(sizes.last().unwrap() > &sizes[0], "the children made progress: {sizes:?}");
}
