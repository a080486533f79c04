//! Screening records from the engine's results: the one mapping from what was screened (a
//! snapshot's list versions, a query, options, the matcher's hits) to what the case store
//! records. The CLI (`screen --subject`, batch `--record`), the server (`/match` with a
//! subject) and monitoring all record through it, so a record means the same whoever made it.

use crate::fingerprint::content_hash;
use crate::{
    BatchScreening, CaseStore, Fingerprint, HitInput, ListUsed, ScreeningContext, ScreeningInput, Subject,
};
use embargo_batch::{BatchError, ChunkObserver, ScreenedRecord};
use embargo_engine::Snapshot;
use embargo_errors::ErrorCode;
use embargo_matcher::{Hit, Query, ScreenOptions};
use sha2::{Digest, Sha256};
use std::collections::HashMap;

/// What identifies how a screening ran: the matcher's build (every crate of the workspace
/// shares one version) and the scorer.
pub fn matcher_version() -> String {
    format!("embargo-matcher {}", env!("CARGO_PKG_VERSION"))
}

/// The context of screenings run against `snapshot` with `options` by the scorer `algorithm`:
/// the list versions (those `options` screen) with their sha256, the threshold, the matcher's
/// version and a hash of the options, so a record can be replayed.
pub fn context(snapshot: &Snapshot, options: &ScreenOptions, algorithm: &str) -> ScreeningContext {
    let lists = snapshot
        .lists()
        .iter()
        .filter(|v| options.lists.as_ref().is_none_or(|wanted| wanted.contains(&v.list)))
        .map(|v| ListUsed { list: v.list.clone(), version: v.version, sha256: v.sha256.clone() })
        .collect();
    let options_json = serde_json::json!({
        "threshold": options.threshold,
        "limit": options.limit,
        "lists": options.lists,
        "explain": options.explain,
        "algorithm": algorithm,
    });
    ScreeningContext {
        lists,
        threshold: options.threshold,
        algorithm: algorithm.to_owned(),
        matcher_version: matcher_version(),
        options_hash: hex(&Sha256::digest(options_json.to_string().as_bytes())),
        delta_from: None,
    }
}

/// The subject `id` as `query` describes it, with the firm's `tags`.
pub fn subject(id: &str, query: &Query, tags: Vec<String>) -> Subject {
    Subject {
        id: id.to_owned(),
        kind: query.kind,
        names: query.names.clone(),
        birth_dates: query.birth_dates.iter().map(|d| d.raw.clone()).collect(),
        countries: query.countries.clone(),
        identifiers: query.identifiers.clone(),
        tags,
    }
}

/// The matcher's hits as records: each with its entity's content hash and fingerprint, the
/// explanation when the screening asked for one.
pub fn hits(hits: &[Hit]) -> Vec<HitInput> {
    EntityFacts::default().hits(hits)
}

/// The content hash and fingerprint of each listed entity hit so far, so that a run that
/// records many screenings (a batch, a monitoring run) computes them once per entity rather
/// than once per hit: both read the whole entity (the hash serialises a copy of it), and the
/// entities of common names are hit by thousands of subjects. Keyed by entity id, with the
/// list version the facts are of (a run reads one version of each list).
#[derive(Default)]
pub struct EntityFacts {
    known: HashMap<String, EntityFact>,
}

/// What [`EntityFacts`] keeps of one entity.
struct EntityFact {
    list_version: String,
    content_hash: String,
    fingerprint: Fingerprint,
}

impl EntityFacts {
    /// [`hits`], with the facts of entities seen before taken from this cache.
    pub fn hits(&mut self, hits: &[Hit]) -> Vec<HitInput> {
        hits.iter()
            .map(|hit| {
                let entity = &hit.entity;
                let version = &entity.provenance.list_version;
                // Looked up by `&str` first: a hit on a known entity allocates no key.
                if self.known.get(entity.id.as_str()).is_none_or(|f| &f.list_version != version) {
                    let fact = EntityFact {
                        list_version: version.clone(),
                        content_hash: content_hash(entity),
                        fingerprint: Fingerprint::of_entity(entity),
                    };
                    self.known.insert(entity.id.clone(), fact);
                }
                let fact = &self.known[entity.id.as_str()];
                let (content_hash, fingerprint) = (fact.content_hash.clone(), fact.fingerprint.clone());
                let mut input = HitInput::with_facts(
                    entity,
                    hit.score,
                    &hit.matched_name,
                    &hit.query_name,
                    content_hash,
                    fingerprint,
                );
                input.explanation = hit.explanation.as_ref().and_then(|e| serde_json::to_value(e).ok());
                // Listings of one real-world party make one alert; an entity alone is its own.
                input.party_id = (hit.party_id != entity.id).then(|| hit.party_id.clone());
                input
            })
            .collect()
    }
}

/// One screening of subject `id` (described by `query`) by `by`, with its hits.
pub fn screening(
    id: &str,
    query: &Query,
    found: &[Hit],
    by: &str,
    request_id: Option<String>,
) -> ScreeningInput {
    ScreeningInput {
        subject: subject(id, query, Vec::new()),
        by: by.to_owned(),
        hits: hits(found),
        request_id,
    }
}

/// Records each screened chunk of a batch run (`embargo screen --input --record`) before the
/// run checkpoints it, with [`CaseStore::record_batch_chunk`]: records are keyed by run and
/// line, so the chunks a resumed run screens again are not recorded twice.
pub struct BatchRecorder<'a> {
    cases: &'a CaseStore,
    context: ScreeningContext,
    by: String,
    facts: EntityFacts,
    /// Screenings recorded by this run.
    pub screenings: u64,
    /// Alerts they created.
    pub new_alerts: u64,
    /// Records an earlier attempt of the run had recorded already.
    pub duplicates: u64,
}

impl<'a> BatchRecorder<'a> {
    /// Records into `cases` screenings against `snapshot` with `options`, by `by`.
    pub fn new(
        cases: &'a CaseStore,
        snapshot: &Snapshot,
        options: &ScreenOptions,
        by: &str,
    ) -> BatchRecorder<'a> {
        BatchRecorder {
            cases,
            context: context(snapshot, options, options.algorithm.name()),
            by: by.to_owned(),
            facts: EntityFacts::default(),
            screenings: 0,
            new_alerts: 0,
            duplicates: 0,
        }
    }
}

impl ChunkObserver for BatchRecorder<'_> {
    fn screened(&mut self, run_id: &str, records: &[ScreenedRecord<'_>]) -> Result<(), BatchError> {
        let chunk: Vec<BatchScreening> = records
            .iter()
            .map(|r| BatchScreening {
                line: r.record.line,
                screening: ScreeningInput {
                    subject: subject(&r.record.id, &r.record.query, Vec::new()),
                    by: self.by.clone(),
                    hits: self.facts.hits(r.hits),
                    request_id: None,
                },
            })
            .collect();
        let done = self
            .cases
            .record_batch_chunk(&self.context, run_id, &chunk)
            .map_err(|e| BatchError::Observer { code: e.error_code(), message: e.to_string() })?;
        self.duplicates += done.already_recorded as u64;
        self.screenings += done.recorded.len() as u64;
        self.new_alerts += done.recorded.iter().map(|r| r.new_alerts().len() as u64).sum::<u64>();
        Ok(())
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A hit that another screener found over `snapshot`'s index (a party of a payment message or
/// of a shipment, screened by `embargo-text` or `embargo-trade`, which give the entity's id,
/// the score and the listed name rather than the matcher's [`Hit`]), as a record: the entity
/// read from the snapshot, its content hash, fingerprint and party. `None` when the snapshot
/// holds no entity of that id.
pub fn found_hit(
    snapshot: &Snapshot,
    entity_id: &str,
    score: f64,
    matched_name: &str,
    query_name: &str,
) -> Option<HitInput> {
    let entity = snapshot.entity(entity_id)?;
    let mut input = HitInput::from_entity(entity, score, matched_name, query_name);
    input.party_id = snapshot.index().party_id(entity_id).filter(|p| *p != entity_id).map(str::to_owned);
    Some(input)
}
