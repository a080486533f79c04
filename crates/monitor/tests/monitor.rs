//! Monitoring on the real UN list: subjects registered against version 1, a changed copy
//! imported as version 2 (one entity changed, one added, one removed), delta runs.

use embargo_cases::{
    AlertFilter, AlertStatus, CaseStore, DecisionRequest, EntityRecheck, Outcome, Reason, RegisterOutcome,
    Subject,
};
use embargo_engine::{AsOf, Snapshot};
use embargo_matcher::{Query, ScreenOptions};
use embargo_model::EntityKind;
use embargo_monitor::{Monitor, RunOptions};
use embargo_readers::{reader_for, Format};
use embargo_store::Store;
use embargo_testkit::{write_changed_un, TempDataDir, ADDED, ADDED_NAME, CHANGED, REMOVED};

fn subject(id: &str, name: &str) -> Subject {
    Subject { id: id.into(), kind: Some(EntityKind::Person), names: vec![name.into()], ..Subject::default() }
}

fn import(store: &Store, path: std::path::PathBuf) -> u32 {
    store.import(&[path], reader_for(Format::UnXml).unwrap().as_ref()).unwrap().version.version
}

fn alerts(cases: &CaseStore, subject: &str) -> Vec<(String, AlertStatus, Vec<String>)> {
    cases
        .alerts(&AlertFilter { subject: Some(subject.into()), ..AlertFilter::default() })
        .unwrap()
        .into_iter()
        .map(|a| (a.id.clone(), a.status, a.entities.clone()))
        .collect()
}

#[test]
fn a_changed_list_alerts_exactly_the_changes_and_closes_the_delisted() {
    let dir = TempDataDir::new();
    let store = Store::open(dir.path()).unwrap();
    let cases = CaseStore::open(dir.path()).unwrap();
    let monitor = Monitor::open(dir.path(), &store, &cases).unwrap();
    assert_eq!(import(&store, embargo_testkit::un_xml()), 1);

    let base = [
        subject("C-1", "Eric Badege"),
        subject("C-2", "Frank Kakolele Bwambale"),
        subject("C-3", "Zoran Petrovic"),
        subject("C-4", "Margaret Thornbury"),
    ];
    let outcomes = monitor.register("onboarding", &base).unwrap();
    assert_eq!(outcomes, [RegisterOutcome::New; 4]);
    let options = RunOptions::default();
    let first = monitor.run(&options, &mut |_| {}).unwrap();
    assert_eq!((first.screened_full, first.screened_delta, first.recorded), (4, 0, 4));
    assert_eq!(first.new_alerts.len(), 2, "{first:?}");
    let eric = alerts(&cases, "C-1");
    assert_eq!(eric.len(), 1);
    assert_eq!(eric[0].2, [REMOVED]);
    let frank = alerts(&cases, "C-2");
    assert_eq!(frank[0].2, [CHANGED]);
    assert!(alerts(&cases, "C-3").is_empty() && alerts(&cases, "C-4").is_empty());

    // The analyst clears Frank: a suppression of the pair while neither side changes.
    cases
        .decide(&DecisionRequest {
            alert: frank[0].0.clone(),
            by: "alice".into(),
            outcome: Outcome::FalsePositive,
            reason: Reason::text("customer born 1990 in Lyon"),
            expected_version: None,
        })
        .unwrap();

    // Nothing changed: a second run screens nobody and records nothing.
    let idle = monitor.run(&options, &mut |_| {}).unwrap();
    assert_eq!((idle.up_to_date, idle.recorded, idle.new_alerts.len()), (4, 0, 0), "{idle:?}");

    // Version 2: CDi.001 removed, CDi.002 changed, CDi.999 added.
    let tmp = TempDataDir::new();
    assert_eq!(import(&store, write_changed_un(tmp.path())), 2);
    let diff = store.diff("un", 1, 2).unwrap();
    assert_eq!((diff.added.len(), diff.changed.len(), diff.removed.len()), (1, 1, 1), "{diff:?}");

    let delta = monitor.run(&options, &mut |_| {}).unwrap();
    assert_eq!((delta.screened_full, delta.screened_delta), (0, 4), "{delta:?}");
    assert_eq!(delta.delta_entities, 2, "only the added and the changed entity are screened");
    assert_eq!(delta.removed_entities, 1);
    assert_eq!(delta.delisted_alerts, [eric[0].0.clone()]);
    assert_eq!(delta.new_alerts.len(), 2, "{delta:?}");
    assert_eq!(alerts(&cases, "C-1")[0].1, AlertStatus::Delisted);
    let frank_now = alerts(&cases, "C-2");
    assert_eq!(frank_now.len(), 2);
    assert_eq!(frank_now[1].1, AlertStatus::ReReview, "the suppressed pair's entity changed");
    let zoran = alerts(&cases, "C-3");
    assert_eq!(zoran.len(), 1);
    assert_eq!((zoran[0].1, zoran[0].2.clone()), (AlertStatus::Open, vec![ADDED.to_owned()]));
    assert!(alerts(&cases, "C-4").is_empty());

    // And once more: nothing new.
    let again = monitor.run(&options, &mut |_| {}).unwrap();
    assert_eq!((again.up_to_date, again.recorded, again.new_alerts.len()), (4, 0, 0));

    // A changed subject is screened again in full; an unchanged one is not.
    let mut moved = base.clone();
    moved[3].names = vec![ADDED_NAME.into()];
    let outcomes = monitor.register("onboarding", &moved).unwrap();
    assert_eq!(outcomes[..3], [RegisterOutcome::Unchanged; 3]);
    assert_eq!(outcomes[3], RegisterOutcome::Changed);
    let changed = monitor.run(&options, &mut |_| {}).unwrap();
    assert_eq!((changed.screened_full, changed.up_to_date, changed.new_alerts.len()), (1, 3, 1));

    // As of version 1, Eric Badege is still listed; in force now, he is not.
    let query = Query { names: vec!["Eric Badege".into()], ..Query::default() };
    let old = AsOf::parse("un@1").unwrap().selection(&store, None).unwrap();
    let old = Snapshot::load(&store, &old).unwrap();
    assert_eq!(old.labels(), ["un@1"]);
    let hits = old.screen(&query, &ScreenOptions::default()).unwrap();
    assert_eq!(hits.first().map(|h| h.entity.id.as_str()), Some(REMOVED));
    let now = Snapshot::load(&store, &embargo_engine::Selection::active()).unwrap();
    assert!(now.screen(&query, &ScreenOptions::default()).unwrap().iter().all(|h| h.entity.id != REMOVED));
    let far_future = AsOf::parse("2999-01-01T00:00:00Z").unwrap().selection(&store, None).unwrap();
    assert_eq!(Snapshot::load(&store, &far_future).unwrap().labels(), ["un@2"]);
    assert!(AsOf::parse("2000-01-01T00:00:00Z").unwrap().selection(&store, None).is_err());

    // The audit log holds all of it (a record per run that screened anyone) and verifies.
    let mut exported = Vec::new();
    cases.export(None, None, embargo_cases::ExportFormat::JsonLines, false, &mut exported).unwrap();
    let runs = String::from_utf8(exported).unwrap().matches("monitoring_run").count();
    assert_eq!(runs, 3, "the first, the delta and the changed-subject runs");
    cases.verify(None).unwrap();
}

#[test]
fn the_self_test_finds_the_lists_own_names() {
    let dir = TempDataDir::new();
    let store = Store::open(dir.path()).unwrap();
    let cases = CaseStore::open(dir.path()).unwrap();
    let monitor = Monitor::open(dir.path(), &store, &cases).unwrap();
    import(&store, embargo_testkit::un_xml());
    let snapshot = Snapshot::load(&store, &embargo_engine::Selection::active()).unwrap();
    let report = monitor.self_test(&snapshot, "un", &ScreenOptions::default(), 0.9, "test").unwrap();
    assert!(report.row.cases >= 200, "{:?}", report.row);
    assert!(report.passed, "recall {} missed {:?}", report.row.recall, report.missed);
    assert_eq!(monitor.self_tests().unwrap()[0].version, 1);
    // A floor above what any matcher reaches fails loudly.
    let strict = monitor.self_test(&snapshot, "un", &ScreenOptions::default(), 1.01, "test").unwrap();
    assert!(!strict.passed);
}

/// Open alerts whose entity changed were re-checked only when the pair still hit (joining the
/// open alert); an alert whose entity changed so that it no longer hits kept waiting for a
/// decision on an entry that no longer read as it did, with nothing in its history.
#[test]
fn open_alerts_whose_entity_changed_are_rechecked_even_when_they_no_longer_hit() {
    let dir = TempDataDir::new();
    let store = Store::open(dir.path()).unwrap();
    let cases = CaseStore::open(dir.path()).unwrap();
    let monitor = Monitor::open(dir.path(), &store, &cases).unwrap();
    import(&store, embargo_testkit::un_xml());
    // C-1 hits the changed entity (CDi.002) by its primary name, C-2 by its alias AIGLE BLANC.
    let base = [subject("C-1", "Frank Kakolele Bwambale"), subject("C-2", "Aigle Blanc")];
    monitor.register("onboarding", &base).unwrap();
    let options = RunOptions::default();
    monitor.run(&options, &mut |_| {}).unwrap();
    let (frank, aigle) = (alerts(&cases, "C-1"), alerts(&cases, "C-2"));
    assert_eq!((frank.len(), aigle.len()), (1, 1));
    assert_eq!(
        (frank[0].2.clone(), aigle[0].2.clone()),
        (vec![CHANGED.to_owned()], vec![CHANGED.to_owned()])
    );

    // Version 2 also renames the alias: CDi.002 now has another nationality and no AIGLE BLANC.
    let tmp = TempDataDir::new();
    let path = write_changed_un(tmp.path());
    let xml = std::fs::read_to_string(&path).unwrap();
    let renamed =
        xml.replacen("<ALIAS_NAME>AIGLE BLANC</ALIAS_NAME>", "<ALIAS_NAME>FAUCON NOIR</ALIAS_NAME>", 1);
    assert_ne!(renamed, xml, "the alias is in the list");
    std::fs::write(&path, renamed).unwrap();
    import(&store, path);

    let run = monitor.run(&options, &mut |_| {}).unwrap();
    assert_eq!(run.rechecked_alerts, [frank[0].0.clone(), aigle[0].0.clone()], "{run:?}");
    assert_eq!(run.rechecked_below_threshold, [aigle[0].0.clone()], "{run:?}");
    assert!(run.new_alerts.is_empty(), "{run:?}");
    let note = |alert: &str| {
        let view = cases.alert(alert).unwrap();
        assert_eq!(view.summary.status, AlertStatus::Open, "a re-check decides nothing");
        let notes: Vec<String> = view
            .history
            .iter()
            .filter(|h| h.action == "alert_entity_changed")
            .filter_map(|h| h.detail.clone())
            .collect();
        assert_eq!(notes.len(), 1, "{notes:?}");
        notes[0].clone()
    };
    let frank_note = note(&frank[0].0);
    assert!(frank_note.contains("un@2") && frank_note.contains("nationalities"), "{frank_note}");
    assert!(frank_note.contains("still hits it"), "{frank_note}");
    let aigle_note = note(&aigle[0].0);
    assert!(aigle_note.contains("names") && !aigle_note.contains("still hits"), "{aigle_note}");

    // Nothing changed since: no second note. A run killed after its re-checks and run again
    // writes none either: each alert now knows the entity as it is.
    let again = monitor.run(&options, &mut |_| {}).unwrap();
    assert!(again.rechecked_alerts.is_empty(), "{again:?}");
    let on = cases.open_alerts_on(&[CHANGED.to_owned()]).unwrap();
    assert_eq!(on.len(), 2);
    let resumed: Vec<EntityRecheck> = on
        .iter()
        .map(|o| EntityRecheck {
            alert: o.alert.clone(),
            entity_id: o.entity_id.clone(),
            version: "un@2".into(),
            fingerprint: o.known.clone(),
            score: Some(0.5),
            threshold: 0.8,
        })
        .collect();
    assert!(cases.record_entity_rechecks("monitor", &resumed).unwrap().is_empty());
    assert_eq!(note(&aigle[0].0), aigle_note);
    cases.verify(None).unwrap();
}
