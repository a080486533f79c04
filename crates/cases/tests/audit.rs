//! The audit log: verification passes on an honest log and names the first record edited,
//! deleted, reordered or inserted with a plain SQLite client; proofs an examiner checks;
//! export; erasure that keeps every proof.

mod common;

use common::{context, hit, person, screening, subject_like};
use embargo_cases::audit::leaf_hash;
use embargo_cases::{
    CaseError, CaseStore, Checkpoint, DecisionRequest, ExportFormat, Outcome, PublicKey, Reason, SystemEvent,
    CHECKPOINT_FILE, DB_FILE, KEY_FILE, PUBLIC_KEY_FILE,
};
use embargo_errors::{Code, ErrorCode};
use embargo_testkit::TempDataDir;
use rusqlite::{params, Connection};
use std::path::Path;

/// A log with screenings, alerts, a decision under four eyes, a suppression used and a
/// system event: about 20 records over several transactions.
fn busy_log(dir: &Path) -> CaseStore {
    let cases = CaseStore::open(dir).unwrap();
    cases
        .log_event(
            "sync",
            SystemEvent::ListImported {
                list: "un".into(),
                version: 1,
                sha256: "ab".repeat(32),
                entities: 1003,
            },
        )
        .unwrap();
    for i in 0..4 {
        let a = person(20 + i);
        let subject = subject_like(&format!("C-{i}"), &a);
        let rec =
            cases.record_screening(&context(), &screening(&subject, "api", vec![hit(&a, 0.9)])).unwrap();
        let alert = rec.new_alerts()[0].to_owned();
        let d = DecisionRequest {
            alert: alert.clone(),
            by: "alice".into(),
            outcome: if i % 2 == 0 { Outcome::FalsePositive } else { Outcome::TrueMatch },
            reason: Reason::text("checked the date of birth"),
            expected_version: None,
        };
        cases.decide(&d).unwrap();
        if i % 2 == 1 {
            cases.approve(&alert, "bob", None).unwrap();
        } else {
            cases.record_screening(&context(), &screening(&subject, "batch", vec![hit(&a, 0.9)])).unwrap();
        }
    }
    cases
}

/// A plain SQLite client, as a tamperer would use.
fn sqlite(dir: &Path) -> Connection {
    Connection::open(dir.join(DB_FILE)).unwrap()
}

fn tamper_record(cases: &CaseStore) -> embargo_cases::Tamper {
    match cases.verify(None) {
        Err(CaseError::Tampered(t)) => t,
        other => panic!("verification should fail, got {other:?}"),
    }
}

/// The record number of the first alert decision.
fn decision_record(db: &Connection) -> i64 {
    db.query_row("SELECT MIN(seq) FROM events WHERE kind = 'alert_decided'", [], |r| r.get(0)).unwrap()
}

#[test]
fn an_honest_log_verifies_against_its_own_and_external_checkpoints() {
    let dir = TempDataDir::new();
    let cases = busy_log(dir.path());
    let report = cases.verify(None).unwrap();
    assert!(report.records >= 20, "{report:?}");
    assert!(report.checkpoints >= 10, "one checkpoint per write transaction: {report:?}");
    // The checkpoint file holds what the database holds; an examiner's copy verifies too.
    let file = Checkpoint::read_file(&dir.path().join(CHECKPOINT_FILE)).unwrap();
    assert_eq!(file.last().unwrap(), &cases.latest_checkpoint().unwrap().unwrap());
    assert_eq!(file.last().unwrap().size, report.records);
    let kept = file[3].clone();
    cases.verify(Some(&kept)).unwrap();
    // The key file is the installation's secret.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.path().join(KEY_FILE)).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    // Reopening keeps verifying and goes on appending.
    drop(cases);
    let cases = CaseStore::open(dir.path()).unwrap();
    cases
        .log_event(
            "admin",
            SystemEvent::ApiKeyCreated { name: "gateway".into(), roles: vec!["screen".into()] },
        )
        .unwrap();
    assert_eq!(cases.verify(Some(&kept)).unwrap().records, report.records + 1);
}

#[test]
fn verify_names_a_record_edited_with_sql() {
    let dir = TempDataDir::new();
    let cases = busy_log(dir.path());
    let db = sqlite(dir.path());
    let n = decision_record(&db);
    // Turn a false positive into a true match, in the body only.
    db.execute("UPDATE events SET body = replace(body, 'false_positive', 'true_match') WHERE seq = ?1", [n])
        .unwrap();
    let t = tamper_record(&cases);
    assert_eq!(t.record, Some(n as u64), "{t}");
    assert!(t.message.contains("edited"), "{t}");
    assert_eq!(CaseError::Tampered(t).error_code(), Code::AuditTampered);
}

#[test]
fn verify_finds_an_edit_whose_leaf_hash_was_recomputed_by_the_signed_root() {
    let dir = TempDataDir::new();
    let cases = busy_log(dir.path());
    let db = sqlite(dir.path());
    let n = decision_record(&db);
    let body: String = db.query_row("SELECT body FROM events WHERE seq = ?1", [n], |r| r.get(0)).unwrap();
    let forged = body.replace("false_positive", "true_match");
    db.execute("UPDATE events SET body = ?2 WHERE seq = ?1", params![n, forged]).unwrap();
    db.execute("UPDATE leaves SET hash = ?2 WHERE seq = ?1", params![n, &leaf_hash(forged.as_bytes())[..]])
        .unwrap();
    let t = tamper_record(&cases);
    // The decision's own transaction is the range named: it starts at the record.
    assert_eq!(t.record, Some(n as u64), "{t}");
    assert!(t.message.contains("root signed"), "{t}");
}

#[test]
fn verify_names_a_record_deleted_with_sql() {
    let dir = TempDataDir::new();
    let cases = busy_log(dir.path());
    let db = sqlite(dir.path());
    let n = decision_record(&db);
    db.execute("DELETE FROM events WHERE seq = ?1", [n]).unwrap();
    db.execute("DELETE FROM leaves WHERE seq = ?1", [n]).unwrap();
    let t = tamper_record(&cases);
    assert_eq!(t.record, Some(n as u64), "{t}");
    assert!(t.message.contains("missing"), "{t}");
}

#[test]
fn verify_names_records_reordered_with_sql() {
    let dir = TempDataDir::new();
    let cases = busy_log(dir.path());
    let db = sqlite(dir.path());
    let n = decision_record(&db);
    // Swap the decision with the record after it, bodies and leaves together.
    for table in ["events", "leaves"] {
        db.execute(&format!("UPDATE {table} SET seq = -1 WHERE seq = ?1"), [n]).unwrap();
        db.execute(&format!("UPDATE {table} SET seq = ?1 WHERE seq = ?2"), [n, n + 1]).unwrap();
        db.execute(&format!("UPDATE {table} SET seq = ?1 WHERE seq = -1"), [n + 1]).unwrap();
    }
    let t = tamper_record(&cases);
    assert_eq!(t.record, Some(n as u64), "{t}");
    assert!(t.message.contains("reordered"), "{t}");
}

#[test]
fn verify_names_a_record_inserted_with_sql() {
    let dir = TempDataDir::new();
    let cases = busy_log(dir.path());
    let db = sqlite(dir.path());
    let n = decision_record(&db);
    // Make room after the decision and slip in a forged approval with a correct leaf hash.
    for table in ["events", "leaves"] {
        db.execute(&format!("UPDATE {table} SET seq = -seq - 1 WHERE seq > ?1"), [n]).unwrap();
        db.execute(&format!("UPDATE {table} SET seq = -seq WHERE seq < 0"), []).unwrap();
    }
    let forged = format!(
        r#"{{"seq":{},"at":"2026-01-01T00:00:00.000Z","actor":"mallory","event":{{"kind":"system","data":{{"type":"api_key_revoked","name":"audit"}}}}}}"#,
        n + 1
    );
    db.execute("INSERT INTO events (seq, kind, body) VALUES (?1, 'system', ?2)", params![n + 1, forged])
        .unwrap();
    db.execute(
        "INSERT INTO leaves (seq, hash) VALUES (?1, ?2)",
        params![n + 1, &leaf_hash(forged.as_bytes())[..]],
    )
    .unwrap();
    let t = tamper_record(&cases);
    assert!(t.record.is_some_and(|r| r as i64 <= n + 2 && r as i64 >= n), "{t}");

    // Appending a well-formed record at the end is found too: no checkpoint signs it.
    let dir = TempDataDir::new();
    let cases = busy_log(dir.path());
    let db = sqlite(dir.path());
    let end: i64 = db.query_row("SELECT MAX(seq) + 1 FROM events", [], |r| r.get(0)).unwrap();
    let forged = forged.replace(&format!("\"seq\":{}", n + 1), &format!("\"seq\":{end}"));
    db.execute("INSERT INTO events (seq, kind, body) VALUES (?1, 'system', ?2)", params![end, forged])
        .unwrap();
    db.execute(
        "INSERT INTO leaves (seq, hash) VALUES (?1, ?2)",
        params![end, &leaf_hash(forged.as_bytes())[..]],
    )
    .unwrap();
    let t = tamper_record(&cases);
    assert_eq!(t.record, Some(end as u64), "{t}");
    assert!(t.message.contains("no signed checkpoint"), "{t}");
}

#[test]
fn verify_finds_an_edited_projection_a_deleted_tail_and_a_forged_checkpoint() {
    let dir = TempDataDir::new();
    let cases = busy_log(dir.path());
    let db = sqlite(dir.path());
    db.execute("UPDATE alerts SET status = 'false_positive' WHERE status = 'true_match'", []).unwrap();
    let t = tamper_record(&cases);
    assert!(t.message.contains("table alerts"), "{t}");
    db.execute("UPDATE alerts SET status = 'true_match' WHERE num IN (2, 4)", []).unwrap();
    cases.verify(None).unwrap();

    // Cut the last transaction, its checkpoint too: the checkpoint file still has it.
    let last: i64 = db.query_row("SELECT MAX(size) FROM checkpoints", [], |r| r.get(0)).unwrap();
    let previous: i64 =
        db.query_row("SELECT MAX(size) FROM checkpoints WHERE size < ?1", [last], |r| r.get(0)).unwrap();
    for sql in [
        "DELETE FROM events WHERE seq >= ?1",
        "DELETE FROM leaves WHERE seq >= ?1",
        "DELETE FROM checkpoints WHERE size > ?1",
    ] {
        db.execute(sql, [previous]).unwrap();
    }
    let t = tamper_record(&cases);
    assert_eq!(t.record, Some(previous as u64), "{t}");
    assert!(t.message.contains("deleted"), "{t}");

    // A checkpoint whose root was edited fails its signature.
    let dir = TempDataDir::new();
    let cases = busy_log(dir.path());
    sqlite(dir.path()).execute("UPDATE checkpoints SET root = zeroblob(32) WHERE size = 5", []).unwrap();
    let t = tamper_record(&cases);
    assert!(t.message.contains("signature"), "{t}");
}

#[test]
fn an_examiner_checks_an_inclusion_proof_with_the_public_key_alone() {
    let dir = TempDataDir::new();
    let cases = busy_log(dir.path());
    let key = PublicKey::read_file(&dir.path().join(PUBLIC_KEY_FILE)).unwrap();
    for id in ["A1", "S1", "SCR2", "E0", "7"] {
        let proof = cases.prove(id, None).unwrap();
        proof.check(&key).unwrap();
        // The proof travels as JSON.
        let back: embargo_cases::InclusionProof =
            serde_json::from_str(&serde_json::to_string(&proof).unwrap()).unwrap();
        back.check(&key).unwrap();
    }
    // Against an older checkpoint kept by the examiner.
    let old = Checkpoint::read_file(&dir.path().join(CHECKPOINT_FILE)).unwrap()[4].clone();
    cases.prove("A1", Some(&old)).unwrap().check(&key).unwrap();
    assert!(cases.prove("A4", Some(&old)).is_err(), "A4 came after that checkpoint");
    // A changed body, another record's path, another key: each fails.
    let mut proof = cases.prove("A1", None).unwrap();
    proof.body = proof.body.replace("\"open\"", "\"closed\"");
    assert_eq!(proof.check(&key).unwrap_err().error_code(), Code::ProofMismatch);
    let mut proof = cases.prove("A1", None).unwrap();
    proof.path = cases.prove("A2", None).unwrap().path;
    assert!(proof.check(&key).is_err());
    let other = TempDataDir::new();
    let stranger = CaseStore::open(other.path()).unwrap().public_key();
    assert!(cases.prove("A1", None).unwrap().check(&stranger).is_err());
    // Consistency: the old log is a prefix of today's.
    let consistency = cases.prove_consistency(&old, None).unwrap();
    consistency.check(&key).unwrap();
    let mut forged = consistency.clone();
    forged.old.root = "00".repeat(32);
    assert!(forged.check(&key).is_err());
}

#[test]
fn export_gives_every_record_with_its_hash_in_jsonl_and_csv() {
    let dir = TempDataDir::new();
    let cases = busy_log(dir.path());
    let size = cases.latest_checkpoint().unwrap().unwrap().size;
    let mut jsonl = Vec::new();
    assert_eq!(cases.export(None, None, ExportFormat::JsonLines, false, &mut jsonl).unwrap(), size);
    let records: Vec<embargo_cases::ExportedRecord> =
        String::from_utf8(jsonl).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    for r in &records {
        assert_eq!(r.leaf_hash, embargo_cases::audit::to_hex(&leaf_hash(r.body.as_bytes())));
        assert!(r.personal.is_none());
    }
    let mut csv = Vec::new();
    cases.export(Some("2000-01-01T00:00:00Z"), None, ExportFormat::Csv, true, &mut csv).unwrap();
    let mut reader = csv::Reader::from_reader(&csv[..]);
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        ["record", "at", "kind", "actor", "leaf_hash", "body", "personal"]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len() as u64, size);
    assert!(rows.iter().any(|r| r[2] == *"screening" && r[6].contains("names")), "personal data when asked");
    let mut none = Vec::new();
    assert_eq!(
        cases.export(Some("2999-01-01T00:00:00Z"), None, ExportFormat::JsonLines, false, &mut none).unwrap(),
        0
    );
    assert!(cases.export(Some("yesterday"), None, ExportFormat::Csv, false, &mut none).is_err());
}

#[test]
fn erasing_a_subject_keeps_every_proof_and_deleting_personal_data_by_hand_is_found() {
    let dir = TempDataDir::new();
    let cases = busy_log(dir.path());
    let proof_before = cases.prove("SCR1", None).unwrap();
    let erased = cases.erase_subject("C-0", "dpo").unwrap();
    assert!(erased >= 3, "screenings, the alert, the decision's text: {erased}");
    let view = cases.screening("SCR1").unwrap();
    assert!(view.subject.is_none() && view.hit_details.is_empty());
    assert_eq!(view.hits.len(), 1, "what is not personal stays");
    assert!(cases.alert("A1").unwrap().history.iter().all(|h| h.text.is_none()));
    let report = cases.verify(None).unwrap();
    assert_eq!(report.erased, erased);
    let key = cases.public_key();
    proof_before.check(&key).unwrap();
    cases.prove("SCR1", None).unwrap().check(&key).unwrap();

    // Deleting someone's data without an erasure record is tampering.
    let db = sqlite(dir.path());
    let n: i64 = db
        .query_row("SELECT seq FROM screenings WHERE subject_id = 'C-1' LIMIT 1", [], |r| r.get(0))
        .unwrap();
    db.execute("UPDATE events SET personal = NULL, salt = NULL WHERE seq = ?1", [n]).unwrap();
    let t = tamper_record(&cases);
    assert_eq!(t.record, Some(n as u64), "{t}");
    // Editing it is found too.
    let dir = TempDataDir::new();
    let cases = busy_log(dir.path());
    let db = sqlite(dir.path());
    db.execute("UPDATE events SET personal = replace(personal, 'C-1', 'C-X') WHERE kind = 'screening'", [])
        .unwrap();
    assert!(tamper_record(&cases).message.contains("personal data"));
}

#[test]
fn a_log_refuses_a_key_that_did_not_start_it() {
    let dir = TempDataDir::new();
    drop(busy_log(dir.path()));
    std::fs::remove_file(dir.path().join(KEY_FILE)).unwrap();
    std::fs::remove_file(dir.path().join(PUBLIC_KEY_FILE)).unwrap();
    let err = CaseStore::open(dir.path()).err().expect("a missing key must be refused");
    assert_eq!(err.error_code(), Code::AuditKey, "{err}");
    assert!(!dir.path().join(KEY_FILE).exists(), "no new key is made for an existing log");
    // Another installation's key is refused too.
    let other = TempDataDir::new();
    drop(CaseStore::open(other.path()).unwrap());
    std::fs::copy(other.path().join(KEY_FILE), dir.path().join(KEY_FILE)).unwrap();
    let err = CaseStore::open(dir.path()).err().expect("a foreign key must be refused");
    assert!(err.to_string().contains("not the key this log was started with"), "{err}");
}
