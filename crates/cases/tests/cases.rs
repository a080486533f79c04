//! Alerts, decisions, four eyes, suppressions and conflicts, on real UN list entities.

mod common;

use common::{context, hit, person, screening, subject_like};
use embargo_cases::{
    AlertFilter, AlertStatus, BatchScreening, CaseError, CaseStore, DecisionRequest, Disposition,
    EntityChangePolicy, Outcome, Reason, ReasonCode, Settings, SuppressionStatus,
};
use embargo_errors::{Code, ErrorCode};
use embargo_model::{IdKind, Identifier};
use embargo_testkit::TempDataDir;

fn decision(alert: &str, by: &str, outcome: Outcome) -> DecisionRequest {
    DecisionRequest {
        alert: alert.into(),
        by: by.into(),
        outcome,
        reason: Reason::new(
            &[ReasonCode::DifferentDateOfBirth],
            "born 1990, the listed person decades earlier",
        ),
        expected_version: None,
    }
}

fn new_alert(d: &Disposition) -> String {
    match d {
        Disposition::NewAlert { alert } => alert.clone(),
        other => panic!("expected a new alert, got {other:?}"),
    }
}

#[test]
fn alerts_are_one_per_pair_or_party_and_hits_below_the_threshold_make_none() {
    let dir = TempDataDir::new();
    let cases = CaseStore::open(dir.path()).unwrap();
    let (a, b, c) = (person(0), person(1), person(2));
    let subject = subject_like("C-1", &a);
    let mut party_b = hit(&b, 0.88);
    let mut party_c = hit(&c, 0.91);
    party_b.party_id = Some("party:7".into());
    party_c.party_id = Some("party:7".into());
    let first = cases
        .record_screening(
            &context(),
            &screening(
                &subject,
                "api:onboarding",
                vec![hit(&a, 0.95), party_b, party_c, hit(&person(3), 0.5)],
            ),
        )
        .unwrap();
    assert_eq!(first.new_alerts(), ["A1", "A2"]);
    assert_eq!(first.hits[1], first.hits[2], "both hits of the party join one alert");
    assert_eq!(first.hits[3], Disposition::BelowThreshold);

    let party = cases.alert("A2").unwrap();
    assert_eq!(party.summary.entity_id, "party:7");
    assert_eq!(party.summary.entities, [b.id.clone(), c.id.clone()]);
    assert_eq!(party.summary.score, 0.91);
    assert_eq!(party.summary.status, AlertStatus::Open);
    assert_eq!(party.hits.len(), 2, "query names and explanations are kept");
    assert_eq!(party.entities[0].content_hash, embargo_cases::content_hash(&b));

    // The same pair again: the open alert is reused, no second alert.
    let again = cases
        .record_screening(&context(), &screening(&subject, "batch:nightly", vec![hit(&a, 0.97)]))
        .unwrap();
    assert_eq!(again.hits, [Disposition::OpenAlert { alert: "A1".into() }]);
    let all = cases.alerts(&AlertFilter::default()).unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(
        cases.alerts(&AlertFilter { subject: Some("C-2".into()), ..Default::default() }).unwrap().len(),
        0
    );

    // The screening record keeps everything, including the hit below the threshold.
    let view = cases.screening(&first.id).unwrap();
    assert_eq!(view.hits.len(), 4);
    assert_eq!(view.subject.as_ref().unwrap().names, subject.names);
    assert_eq!(view.context.lists[0].list, "un");
    assert_eq!(view.by, "api:onboarding");
    assert_eq!(cases.subject("C-1").unwrap().screenings.len(), 2);
}

#[test]
fn four_eyes_holds_a_true_match_until_another_person_approves() {
    let dir = TempDataDir::new();
    let cases = CaseStore::open(dir.path()).unwrap();
    let a = person(4);
    let subject = subject_like("C-9", &a);
    let rec = cases.record_screening(&context(), &screening(&subject, "api", vec![hit(&a, 0.99)])).unwrap();
    let alert = new_alert(&rec.hits[0]);

    let pending = cases.decide(&decision(&alert, "alice", Outcome::TrueMatch)).unwrap();
    assert_eq!(pending.summary.status, AlertStatus::PendingApproval);
    let err = cases.approve(&alert, "alice", None).unwrap_err();
    assert_eq!(err.error_code(), Code::FourEyes, "{err}");
    let err = cases.reject(&alert, "alice", "changed my mind", None).unwrap_err();
    assert_eq!(err.error_code(), Code::FourEyes);
    let done = cases.approve(&alert, "bob", None).unwrap();
    assert_eq!(done.summary.status, AlertStatus::TrueMatch);
    let actions: Vec<&str> = done.history.iter().map(|h| h.action.as_str()).collect();
    assert_eq!(actions, ["alert_created", "alert_decided", "alert_approved"]);
    assert_eq!(done.history[1].actor, "alice");
    assert_eq!(done.history[1].codes, [ReasonCode::DifferentDateOfBirth]);
    assert!(done.history[1].text.as_deref().unwrap().starts_with("born 1990"));

    // A known true match alerts no more.
    let later = cases.record_screening(&context(), &screening(&subject, "api", vec![hit(&a, 0.99)])).unwrap();
    assert_eq!(later.hits, [Disposition::KnownMatch { alert: alert.clone() }]);
}

#[test]
fn clearing_an_escalated_alert_needs_a_second_person_and_a_rejection_sends_it_back() {
    let dir = TempDataDir::new();
    let cases = CaseStore::open(dir.path()).unwrap();
    let a = person(5);
    let rec = cases
        .record_screening(&context(), &screening(&subject_like("C-5", &a), "api", vec![hit(&a, 0.9)]))
        .unwrap();
    let alert = new_alert(&rec.hits[0]);
    assert_eq!(
        cases.decide(&decision(&alert, "alice", Outcome::Escalate)).unwrap().summary.status,
        AlertStatus::Escalated
    );
    let pending = cases.decide(&decision(&alert, "carol", Outcome::FalsePositive)).unwrap();
    assert_eq!(pending.summary.status, AlertStatus::PendingApproval);
    assert!(cases.suppressions(&Default::default()).unwrap().is_empty(), "no suppression before approval");
    let back = cases.reject(&alert, "dave", "the passport number matches", None).unwrap();
    assert_eq!(back.summary.status, AlertStatus::Escalated);
    cases.decide(&decision(&alert, "carol", Outcome::FalsePositive)).unwrap();
    let cleared = cases.approve(&alert, "dave", None).unwrap();
    assert_eq!(cleared.summary.status, AlertStatus::FalsePositive);
    let s = &cases.suppressions(&Default::default()).unwrap()[0];
    assert_eq!((s.decided_by.as_str(), s.approved_by.as_deref()), ("carol", Some("dave")));
    // A decision needs a reason; an alert not pending cannot be approved.
    let mut no_reason = decision(&alert, "x", Outcome::TrueMatch);
    no_reason.reason = Reason::default();
    assert_eq!(cases.decide(&no_reason).unwrap_err().error_code(), Code::InvalidParameter);
    assert_eq!(cases.approve(&alert, "erin", None).unwrap_err().error_code(), Code::AlertConflict);
    assert_eq!(cases.alert("A99").unwrap_err().error_code(), Code::AlertNotFound);
}

#[test]
fn a_false_positive_stays_suppressed_while_nothing_changes_even_cosmetically() {
    let dir = TempDataDir::new();
    let cases = CaseStore::open(dir.path()).unwrap();
    let a = person(6);
    let subject = subject_like("C-6", &a);
    let rec = cases.record_screening(&context(), &screening(&subject, "api", vec![hit(&a, 0.86)])).unwrap();
    let alert = new_alert(&rec.hits[0]);
    cases.decide(&decision(&alert, "alice", Outcome::FalsePositive)).unwrap();
    let s = cases.suppressions(&Default::default()).unwrap();
    assert_eq!((s.len(), s[0].id.as_str(), s[0].status), (1, "S1", SuppressionStatus::Active));

    // The list republished the entry with cosmetic edits: upper case, another word order, a
    // new remark. Still the same entry: suppressed.
    let mut republished = a.clone();
    for name in &mut republished.names {
        name.full = name.full.to_uppercase();
    }
    republished.names.reverse();
    republished.remarks.push("Listed again with a new remark.".into());
    let mut cosmetic_subject = subject.clone();
    cosmetic_subject.names = vec![subject.names[0].to_lowercase()];
    let again = cases
        .record_screening(&context(), &screening(&cosmetic_subject, "batch", vec![hit(&republished, 0.86)]))
        .unwrap();
    assert_eq!(again.hits, [Disposition::Suppressed { suppression: "S1".into() }]);
    assert!(again.new_alerts().is_empty());
    // Written, not dropped: "suppressed by S1" in the screening record; the use is counted.
    let view = cases.screening(&again.id).unwrap();
    assert_eq!(view.hits[0].disposition, Disposition::Suppressed { suppression: "S1".into() });
    assert_eq!(cases.suppression("S1").unwrap().uses, 1);
}

#[test]
fn a_changed_entity_lifts_the_suppression_as_a_re_review_linking_the_decision() {
    let dir = TempDataDir::new();
    let cases = CaseStore::open(dir.path()).unwrap();
    let a = person(7);
    let subject = subject_like("C-7", &a);
    let rec = cases.record_screening(&context(), &screening(&subject, "api", vec![hit(&a, 0.84)])).unwrap();
    let first = new_alert(&rec.hits[0]);
    cases.decide(&decision(&first, "alice", Outcome::FalsePositive)).unwrap();

    // The publisher adds a passport to the real entry.
    let mut changed = a.clone();
    changed.identifiers.push(Identifier::new(IdKind::Passport, "K12345678"));
    changed.provenance.list_version = "2".into();
    let again = cases
        .record_screening(&context(), &screening(&subject, "monitor", vec![hit(&changed, 0.84)]))
        .unwrap();
    let Disposition::ReReview { alert, suppression } = &again.hits[0] else { panic!("{:?}", again.hits) };
    assert_eq!(suppression, "S1");
    let view = cases.alert(alert).unwrap();
    assert_eq!(view.summary.status, AlertStatus::ReReview);
    let re = view.re_review.unwrap();
    assert_eq!(re.previous_alert, first);
    assert_eq!(re.changes.len(), 1);
    assert_eq!(
        (re.changes[0].side.as_str(), re.changes[0].fields.as_slice()),
        ("entity", &["identifiers".to_string()][..])
    );
    assert_eq!(view.entities[0].list_version, 2);

    // Cleared again: the new suppression supersedes the old one, and holds for the new entry.
    cases.decide(&decision(alert, "bob", Outcome::FalsePositive)).unwrap();
    assert_eq!(cases.suppression("S1").unwrap().status, SuppressionStatus::Superseded);
    let third = cases
        .record_screening(&context(), &screening(&subject, "monitor", vec![hit(&changed, 0.84)]))
        .unwrap();
    assert_eq!(third.hits, [Disposition::Suppressed { suppression: "S2".into() }]);

    // The subject's own data changed (another date of birth): re-review on the subject side.
    let mut moved = subject.clone();
    moved.birth_dates = vec![changed.birth_dates[0].raw.clone()];
    let fourth =
        cases.record_screening(&context(), &screening(&moved, "api", vec![hit(&changed, 0.84)])).unwrap();
    let Disposition::ReReview { alert, .. } = &fourth.hits[0] else { panic!("{:?}", fourth.hits) };
    let changes = cases.alert(alert).unwrap().re_review.unwrap().changes;
    assert_eq!(
        (changes[0].side.as_str(), changes[0].fields.as_slice()),
        ("subject", &["birth_dates".to_string()][..])
    );
}

#[test]
fn the_keep_policy_holds_suppressions_through_entity_changes() {
    let dir = TempDataDir::new();
    let cases = CaseStore::open(dir.path()).unwrap();
    cases
        .update_settings(
            "admin",
            Settings { on_entity_change: EntityChangePolicy::Keep, ..Settings::default() },
        )
        .unwrap();
    assert_eq!(cases.settings().unwrap().on_entity_change, EntityChangePolicy::Keep);
    let a = person(8);
    let subject = subject_like("C-8", &a);
    let rec = cases.record_screening(&context(), &screening(&subject, "api", vec![hit(&a, 0.84)])).unwrap();
    cases.decide(&decision(&new_alert(&rec.hits[0]), "alice", Outcome::FalsePositive)).unwrap();
    let mut changed = a.clone();
    changed.names.push(embargo_model::Name::new("A NEW ALIAS", embargo_model::NameRole::StrongAlias));
    let again =
        cases.record_screening(&context(), &screening(&subject, "api", vec![hit(&changed, 0.84)])).unwrap();
    assert_eq!(again.hits, [Disposition::Suppressed { suppression: "S1".into() }]);
}

#[test]
fn delisting_closes_alerts_and_suppressions_once_every_entity_is_gone() {
    let dir = TempDataDir::new();
    let cases = CaseStore::open(dir.path()).unwrap();
    let (a, b, c) = (person(9), person(10), person(11));
    let mut hb = hit(&b, 0.9);
    let mut hc = hit(&c, 0.9);
    hb.party_id = Some("p".into());
    hc.party_id = Some("p".into());
    let rec = cases
        .record_screening(
            &context(),
            &screening(&subject_like("C-10", &a), "api", vec![hit(&a, 0.9), hb, hc]),
        )
        .unwrap();
    assert_eq!(rec.new_alerts(), ["A1", "A2"]);
    // A suppression on a third pair.
    let d = person(12);
    let rec = cases
        .record_screening(&context(), &screening(&subject_like("C-11", &d), "api", vec![hit(&d, 0.9)]))
        .unwrap();
    cases.decide(&decision(&new_alert(&rec.hits[0]), "alice", Outcome::FalsePositive)).unwrap();

    let (alerts, suppressions) =
        cases.delist("monitor", &[a.id.clone(), b.id.clone(), d.id.clone()]).unwrap();
    assert_eq!(alerts, ["A1"], "the party alert keeps a listed entity");
    assert_eq!(suppressions, ["S1"]);
    assert_eq!(cases.alert("A1").unwrap().summary.status, AlertStatus::Delisted);
    assert_eq!(cases.alert("A2").unwrap().summary.status, AlertStatus::Open);
    assert_eq!(cases.suppression("S1").unwrap().status, SuppressionStatus::Delisted);
    let (alerts, _) = cases.delist("monitor", std::slice::from_ref(&c.id)).unwrap();
    assert_eq!(alerts, ["A2"]);
    // Listed again later: a new alert.
    let rec = cases
        .record_screening(&context(), &screening(&subject_like("C-10", &a), "api", vec![hit(&a, 0.9)]))
        .unwrap();
    assert_eq!(rec.new_alerts(), ["A4"]);
}

#[test]
fn two_analysts_deciding_at_once_one_wins_the_other_gets_a_conflict_naming_the_status() {
    let dir = TempDataDir::new();
    let cases = CaseStore::open(dir.path()).unwrap();
    let a = person(13);
    let rec = cases
        .record_screening(&context(), &screening(&subject_like("C-13", &a), "api", vec![hit(&a, 0.9)]))
        .unwrap();
    let alert = new_alert(&rec.hits[0]);
    let version = cases.alert(&alert).unwrap().summary.version;

    // Two handles on one directory, as two processes would have: the race is on SQLite's lock.
    let results: Vec<Result<_, CaseError>> = std::thread::scope(|scope| {
        let handles: Vec<_> = ["alice", "bob"]
            .into_iter()
            .map(|by| {
                let (dir, alert) = (dir.path().to_owned(), alert.clone());
                scope.spawn(move || {
                    let mine = CaseStore::open(&dir).unwrap();
                    let mut d = decision(&alert, by, Outcome::FalsePositive);
                    d.expected_version = Some(version);
                    mine.decide(&d)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let (ok, err): (Vec<_>, Vec<_>) = results.into_iter().partition(|r| r.is_ok());
    assert_eq!((ok.len(), err.len()), (1, 1));
    let err = err.into_iter().next().unwrap().unwrap_err();
    assert_eq!(err.error_code(), Code::AlertConflict);
    assert!(matches!(&err, CaseError::Conflict { status: AlertStatus::FalsePositive, .. }), "{err}");
    assert!(err.to_string().contains("false_positive"), "{err}");
    // Nothing half-written: one decision, one suppression.
    let view = cases.alert(&alert).unwrap();
    assert_eq!(view.history.iter().filter(|h| h.action == "alert_decided").count(), 1);
    assert_eq!(cases.suppressions(&Default::default()).unwrap().len(), 1);
    cases.verify(None).unwrap();

    // Without a version, the second decision is refused on the status.
    let err = cases.decide(&decision(&alert, "carol", Outcome::TrueMatch)).unwrap_err();
    assert!(matches!(err, CaseError::Conflict { status: AlertStatus::FalsePositive, .. }));
}

#[test]
fn a_request_id_records_a_screening_once() {
    let dir = TempDataDir::new();
    let cases = CaseStore::open(dir.path()).unwrap();
    let a = person(14);
    let mut input = screening(&subject_like("C-14", &a), "batch", vec![hit(&a, 0.9)]);
    input.request_id = Some("run-1:line-17".into());
    let first = cases.record_screening(&context(), &input).unwrap();
    let second = cases.record_screening(&context(), &input).unwrap();
    assert!(!first.duplicate && second.duplicate);
    assert_eq!((first.id.as_str(), first.hits.clone()), (second.id.as_str(), second.hits));
    assert_eq!(cases.alerts(&Default::default()).unwrap().len(), 1);
}

/// A batch run killed after recording a chunk and before checkpointing it screens the chunk
/// again when resumed, from its last checkpoint: the lines the run already recorded are
/// skipped, the others recorded, and a run's progress is a projection `verify` checks.
#[test]
fn a_batch_chunk_screened_again_after_a_kill_records_only_its_new_lines() {
    let dir = TempDataDir::new();
    let cases = CaseStore::open(dir.path()).unwrap();
    let line = |n: u64| {
        let a = person(20 + n as usize);
        let hits = if n.is_multiple_of(3) { vec![hit(&a, 0.9)] } else { Vec::new() };
        BatchScreening {
            line: n,
            screening: screening(&subject_like(&format!("C-{n}"), &a), "nightly", hits),
        }
    };
    let chunk = |lines: std::ops::Range<u64>| lines.map(line).collect::<Vec<_>>();
    let first = cases.record_batch_chunk(&context(), "run-1", &chunk(2..6)).unwrap();
    assert_eq!((first.recorded.len(), first.already_recorded), (4, 0));
    assert_eq!(first.recorded.iter().flat_map(|r| r.new_alerts()).collect::<Vec<_>>(), ["A1"]);
    // Resumed from the checkpoint at line 4: lines 4 and 5 were recorded before the kill.
    let again = cases.record_batch_chunk(&context(), "run-1", &chunk(4..9)).unwrap();
    assert_eq!((again.recorded.len(), again.already_recorded), (3, 2));
    assert_eq!(again.recorded[0].id, "SCR5");
    assert_eq!(cases.screening("SCR5").unwrap().batch_line, Some(6));
    let whole = cases.record_batch_chunk(&context(), "run-1", &chunk(2..9)).unwrap();
    assert_eq!((whole.recorded.len(), whole.already_recorded), (0, 7));
    // Another run (other input or options) records its lines.
    let other = cases.record_batch_chunk(&context(), "run-2", &chunk(2..4)).unwrap();
    assert_eq!((other.recorded.len(), other.already_recorded), (2, 0));
    cases.verify(None).unwrap();

    let mut backwards = chunk(10..12);
    backwards.reverse();
    let keyed = {
        let mut c = chunk(10..11);
        c[0].screening.request_id = Some("r-1".into());
        c
    };
    let mut no_id = chunk(12..13);
    no_id[0].screening.subject.id = " ".into();
    for bad in [backwards, keyed, no_id] {
        let err = cases.record_batch_chunk(&context(), "run-1", &bad).unwrap_err();
        assert_eq!(err.error_code(), Code::InvalidParameter, "{err}");
        assert!(err.to_string().contains("batch run run-1") && err.to_string().contains("line 1"), "{err}");
    }
    drop(cases);
    let db = rusqlite::Connection::open(dir.path().join("cases.sqlite")).unwrap();
    db.execute("UPDATE batch_runs SET last_line = 100 WHERE run = 'run-1'", []).unwrap();
    drop(db);
    let err = CaseStore::open(dir.path()).unwrap().verify(None).unwrap_err();
    assert!(err.to_string().contains("batch_runs"), "{err}");
}

#[test]
fn a_revoked_suppression_lets_the_pair_alert_again() {
    let dir = TempDataDir::new();
    let cases = CaseStore::open(dir.path()).unwrap();
    let a = person(15);
    let subject = subject_like("C-15", &a);
    let rec = cases.record_screening(&context(), &screening(&subject, "api", vec![hit(&a, 0.9)])).unwrap();
    cases.decide(&decision(&new_alert(&rec.hits[0]), "alice", Outcome::FalsePositive)).unwrap();
    let revoked = cases.revoke_suppression("S1", "bob", "the customer's passport matches after all").unwrap();
    assert_eq!(revoked.status, SuppressionStatus::Revoked);
    assert_eq!(
        cases.revoke_suppression("S1", "bob", "again").unwrap_err().error_code(),
        Code::InvalidTransition
    );
    let again = cases.record_screening(&context(), &screening(&subject, "api", vec![hit(&a, 0.9)])).unwrap();
    assert_eq!(again.new_alerts(), ["A2"]);
}

#[test]
fn bad_input_is_refused_with_a_clear_error_and_writes_nothing() {
    let dir = TempDataDir::new();
    let cases = CaseStore::open(dir.path()).unwrap();
    let a = person(16);
    let good = screening(&subject_like("C-16", &a), "api", vec![hit(&a, 0.9)]);
    let mut no_id = good.clone();
    no_id.subject.id = " ".into();
    let mut nan = good.clone();
    nan.hits[0].score = f64::NAN;
    for bad in [no_id, nan] {
        let err = cases.record_screenings(&context(), &[good.clone(), bad]).unwrap_err();
        assert_eq!(err.error_code(), Code::InvalidParameter);
        assert!(err.to_string().contains("screening 2 of 2"), "{err}");
    }
    let mut ctx = context();
    ctx.threshold = 1.5;
    assert!(cases.record_screening(&ctx, &good).is_err());
    assert!(cases.alerts(&Default::default()).unwrap().is_empty());
    assert_eq!(cases.subject("C-16").unwrap_err().error_code(), Code::SubjectNotFound);
    assert_eq!(cases.screening("SCR1").unwrap_err().error_code(), Code::ScreeningNotFound);
    assert_eq!(cases.screening("A1").unwrap_err().error_code(), Code::InvalidParameter);
}

#[test]
fn monitored_subjects_register_once_per_change_and_can_be_removed() {
    let dir = TempDataDir::new();
    let cases = CaseStore::open(dir.path()).unwrap();
    let a = person(17);
    let s = subject_like("C-17", &a);
    use embargo_cases::RegisterOutcome::*;
    assert_eq!(cases.register_subjects("import", std::slice::from_ref(&s)).unwrap(), [New]);
    assert_eq!(cases.register_subjects("import", std::slice::from_ref(&s)).unwrap(), [Unchanged]);
    let mut moved = s.clone();
    moved.countries = vec!["DE".into()];
    assert_eq!(cases.register_subjects("import", &[moved.clone()]).unwrap(), [Changed]);
    assert_eq!(cases.registered_subjects().unwrap(), [moved]);
    cases.remove_subject("C-17", "import").unwrap();
    assert!(cases.registered_subjects().unwrap().is_empty());
    assert_eq!(cases.remove_subject("C-17", "import").unwrap_err().error_code(), Code::SubjectNotFound);
}

#[test]
fn system_events_come_back_newest_first_without_the_screenings_between_them() {
    let dir = TempDataDir::new();
    let cases = CaseStore::open(dir.path()).unwrap();
    let imported =
        embargo_cases::SystemEvent::ListImportFailed { source: "un".into(), error: "timeout".into() };
    cases.log_event("sync", imported.clone()).unwrap();
    let a = person(14);
    cases
        .record_screening(&context(), &screening(&subject_like("C-14", &a), "batch", vec![hit(&a, 0.9)]))
        .unwrap();
    let failed =
        embargo_cases::SystemEvent::ListImportFailed { source: "uk-ofsi".into(), error: "404".into() };
    cases.log_event("sync", failed.clone()).unwrap();
    let events = cases.system_events(10).unwrap();
    assert_eq!(events.iter().map(|e| e.event.clone()).collect::<Vec<_>>(), [failed.clone(), imported]);
    assert!(events[0].record > events[1].record && events.iter().all(|e| e.by == "sync"));
    assert_eq!(cases.system_events(1).unwrap().len(), 1);
    // A store made before the index and the batch runs (schema 1) gets them when opened; the
    // log still verifies.
    drop(cases);
    let conn = rusqlite::Connection::open(dir.path().join("cases.sqlite")).unwrap();
    conn.execute_batch("DROP INDEX events_system; DROP TABLE batch_runs; PRAGMA user_version = 1;").unwrap();
    drop(conn);
    let cases = CaseStore::open(dir.path()).unwrap();
    assert_eq!(cases.system_events(1).unwrap()[0].event, failed);
    cases.verify(None).unwrap();
}
