//! Shared by the case store's tests: real entities of the UN list, contexts, hits, subjects.
#![allow(dead_code)]

use embargo_cases::{HitInput, ListUsed, ScreeningContext, ScreeningInput, Subject};
use embargo_model::{Entity, EntityKind};
use embargo_readers::{reader_for, Format};
use std::sync::OnceLock;

/// Every entity of the real UN consolidated list (2026-02-27), as version 1.
pub fn un() -> &'static [Entity] {
    static ENTITIES: OnceLock<Vec<Entity>> = OnceLock::new();
    ENTITIES.get_or_init(|| {
        let path = embargo_testkit::shared_file("lists/un/UN_consolidated-2026-02-27.xml");
        let mut out = Vec::new();
        reader_for(Format::UnXml)
            .unwrap()
            .read(&[path], &mut |mut e: Entity| {
                e.provenance.list_version = "1".into();
                out.push(e);
            })
            .unwrap();
        assert!(out.len() > 900, "the UN list has 1,003 entries");
        out
    })
}

/// The `n`-th person of the UN list with a date of birth and a nationality.
pub fn person(n: usize) -> Entity {
    un().iter()
        .filter(|e| e.kind == EntityKind::Person && !e.birth_dates.is_empty() && !e.nationalities.is_empty())
        .nth(n)
        .expect("enough UN persons")
        .clone()
}

/// The context of a screening against UN version 1.
pub fn context() -> ScreeningContext {
    ScreeningContext {
        lists: vec![ListUsed { list: "un".into(), version: 1, sha256: "9f2c".repeat(16) }],
        threshold: 0.8,
        algorithm: "alignment".into(),
        matcher_version: "embargo-matcher 0.1.0".into(),
        options_hash: "0d1e".repeat(16),
        delta_from: None,
    }
}

/// A hit on `entity` with `score`, its caption matched.
pub fn hit(entity: &Entity, score: f64) -> HitInput {
    let mut h = HitInput::from_entity(entity, score, entity.caption(), entity.caption());
    h.explanation = Some(serde_json::json!({"value": score, "why": "test"}));
    h
}

/// A subject named like `entity`.
pub fn subject_like(id: &str, entity: &Entity) -> Subject {
    Subject {
        id: id.into(),
        kind: Some(entity.kind),
        names: vec![entity.caption().to_owned()],
        birth_dates: vec!["1990-01-01".into()],
        countries: vec!["FR".into()],
        identifiers: vec![],
        tags: vec!["customer".into()],
    }
}

/// A screening of `subject` by `by` with `hits`.
pub fn screening(subject: &Subject, by: &str, hits: Vec<HitInput>) -> ScreeningInput {
    ScreeningInput { subject: subject.clone(), by: by.into(), hits, request_id: None }
}
