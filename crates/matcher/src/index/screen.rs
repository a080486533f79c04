//! Screening one query: the query prepared once for the index (its analysed names, filters
//! and floor: tantivy's `Weight` to a `Query`), its candidates bounded and scored group by
//! group, and a collector that keeps each entity's best name and turns it into a hit
//! (tantivy's `Collector`).

use super::{kind_bit, prefetch, prefetch_lines, Index, ALL_KINDS, TOKEN_FORMS_LINES_READ};
use crate::attributes::{self, QueryFacts};
use crate::scorer::{QueryBounds, Scorer};
use crate::token::{NameView, PreparedName};
use crate::{Explanation, Hit, Query, ScreenOptions};
use embargo_model::{normalize_identifier, EntityKind};
use std::borrow::Cow;
use std::collections::HashMap;

/// How far below the floor a scorer's upper bound must be before a candidate is skipped.
const BOUND_SLACK: f64 = 1e-6;

/// A query prepared for one index: its names analysed, the lists and kinds its options allow,
/// its attributes in the form the index's attribute table compares, and the name score below
/// which no name can become a hit whatever its attributes.
pub(super) struct PreparedQuery<'q> {
    query: &'q Query,
    /// The query's names, then the aliases of those that hold several
    /// ([`embargo_names::alias_parts`]: `X/Y`, `X a.k.a. Y`), each screened as a name.
    texts: Vec<Cow<'q, str>>,
    names: Vec<PreparedName>,
    facts: QueryFacts,
    /// No kind given, but every name of the query has a legal form (see
    /// [`attributes::is_organisation_by_name`]).
    organisation_by_name: bool,
    threshold: f64,
    /// No attribute of the query could lift a name scoring below this to the threshold: such
    /// names are not scored exactly, and their attributes are not compared.
    floor: f64,
    /// Per list of the index (by position), whether the options allow it; `None`: all.
    lists: Option<Vec<bool>>,
    /// The query's kind when names of a contradicting kind are no candidates: above the
    /// threshold such an entity could reach, its names would only take the place of names that
    /// could become hits.
    wanted_kind: Option<EntityKind>,
    /// [`kind_bit`]s of the kinds that do not contradict `wanted_kind`.
    wanted_kinds: u8,
}

impl<'q> PreparedQuery<'q> {
    pub(super) fn new(index: &Index, query: &'q Query, options: &ScreenOptions) -> PreparedQuery<'q> {
        let lists = options
            .lists
            .as_ref()
            .map(|wanted| index.lists.iter().map(|l| wanted.iter().any(|w| w == l)).collect());
        let wanted_kind = query.kind.filter(|_| !attributes::a_kind_conflict_can_reach(options.threshold));
        let wanted_kinds = ALL_KINDS
            .iter()
            .filter(|&&kind| wanted_kind.is_none_or(|k| !attributes::kinds_conflict(k, kind)))
            .fold(0, |bits, &kind| bits | kind_bit(kind));
        let mut texts: Vec<Cow<'q, str>> = query.names.iter().map(|n| Cow::Borrowed(n.as_str())).collect();
        for name in &query.names {
            for alias in embargo_names::alias_parts(name) {
                if !texts.iter().any(|t| *t == alias) {
                    texts.push(Cow::Owned(alias));
                }
            }
        }
        let names: Vec<PreparedName> = texts.iter().map(|n| PreparedName::analyze(n, query.kind)).collect();
        let organisation_by_name = query.kind.is_none() && attributes::is_organisation_by_name(&names);
        PreparedQuery {
            query,
            names,
            texts,
            organisation_by_name,
            facts: QueryFacts::of(query, organisation_by_name),
            threshold: options.threshold,
            floor: attributes::lowest_name_score_that_can_reach(query, options.threshold),
            lists,
            wanted_kind,
            wanted_kinds,
        }
    }

    fn entity_allowed(&self, index: &Index, e: u32) -> bool {
        match &self.lists {
            None => true,
            Some(allowed) => allowed[index.entity_list[e as usize] as usize],
        }
    }

    fn name_allowed(&self, index: &Index, n: u32) -> bool {
        self.wanted_kind.is_none_or(|k| !attributes::kinds_conflict(k, index.name_kinds[n as usize]))
            && (self.lists.is_none() || self.entity_allowed(index, index.names[n as usize].entity))
    }

    /// Whether some names may be left out by the options (another list, a contradicting kind).
    fn filters_names(&self) -> bool {
        self.lists.is_some() || self.wanted_kind.is_some()
    }

    /// Whether a group (by its first name) may be a candidate: when one of its names may be.
    fn group_allowed(&self, index: &Index, first: u32) -> bool {
        index.group_kinds[first as usize] & self.wanted_kinds != 0
            && (self.lists.is_none() || index.group(first).any(|n| self.name_allowed(index, n)))
    }
}

/// A query name being scored against candidates: its view, its position among the query's
/// names, the kind it was read as when not the query's own (see [`Index::score_written`]), and
/// the prepared query's floor, attributes and threshold that say what a given candidate's
/// allow.
struct ScoredQueryName<'v, 'q> {
    view: &'v NameView<'q>,
    index: usize,
    read_as: Option<EntityKind>,
    floor: f64,
    facts: &'v QueryFacts,
    threshold: f64,
}

/// What one query name has found of a group of alike listed names (see `Index::group_next`),
/// shared by the names of the group: nothing yet, a bound below the floor, or the scorer's
/// bound and its score once computed (below the floor, what [`Scorer::score_from`] answered: a
/// value between the score and the floor, which makes no hit either).
#[derive(Clone, Copy)]
enum GroupScore {
    Unknown,
    BelowFloor,
    Bounded(f64, Option<f64>),
}

/// The best name of an entity met during one query.
#[derive(Debug, Clone, Copy)]
struct Best {
    score: f64,
    /// The listed name; `u32::MAX` for an entity met only through an identifier.
    name_id: u32,
    /// The query name, by position, and the kind it was read as when not the query's own.
    query_name: usize,
    read_as: Option<EntityKind>,
}

/// The best name of each entity met during one query.
#[derive(Default)]
struct HitCollector {
    best: HashMap<u32, Best, foldhash::fast::RandomState>,
    /// Entities whose best name scored 1.0, which no other name can beat: a few at most (one
    /// name listed by several publishers), tested before any other name of theirs is bounded.
    perfect: Vec<u32>,
}

impl HitCollector {
    /// Keeps `score` of listed name `name_id` for `entity` if it is the best so far.
    fn collect(&mut self, entity: u32, name_id: u32, query: &ScoredQueryName<'_, '_>, score: f64) {
        let best = Best { score, name_id, query_name: query.index, read_as: query.read_as };
        let slot = self.best.entry(entity).or_insert(Best { score: -1.0, ..best });
        if score > slot.score {
            *slot = best;
            if score >= 1.0 {
                self.perfect.push(entity);
            }
        }
    }

    /// Whether a name of `entity` already scored 1.0, the most any name can (the [`Scorer`]
    /// contract).
    #[inline]
    fn is_perfect(&self, entity: u32) -> bool {
        !self.perfect.is_empty() && self.perfect.contains(&entity)
    }

    /// Makes sure `entity` is among the hits' candidates, with a name score of 0 if none of its
    /// names was scored (an identifier brought it in).
    fn include(&mut self, entity: u32) {
        self.best.entry(entity).or_insert(Best {
            score: 0.0,
            name_id: u32::MAX,
            query_name: 0,
            read_as: None,
        });
    }

    fn contains(&self, entity: u32) -> bool {
        self.best.contains_key(&entity)
    }

    /// Whether a name of `entity` scoring at most `bound` could change its best: only a score
    /// above the best so far replaces it ([`HitCollector::collect`]).
    fn could_improve(&self, entity: u32, bound: f64) -> bool {
        self.best.get(&entity).is_none_or(|best| bound > best.score)
    }

    /// The hits: every entity whose name score, with the query's attributes applied, reaches
    /// the threshold, best first (ties by entity id), at most `options.limit`, explained when
    /// asked.
    fn into_hits(
        self,
        index: &Index,
        scorer: &dyn Scorer,
        prepared: &PreparedQuery<'_>,
        options: &ScreenOptions,
    ) -> Vec<Hit> {
        let query = prepared.query;
        let mut hits: Vec<(f64, u32, Best, Vec<Explanation>)> = self
            .best
            .into_iter()
            .filter_map(|(e, best)| {
                if best.score < prepared.floor {
                    return None;
                }
                let entity = &index.entities[e as usize];
                let (score, why) = attributes::adjust(
                    query,
                    prepared.organisation_by_name,
                    entity,
                    best.score,
                    options.explain,
                );
                (score >= options.threshold).then_some((score, e, best, why))
            })
            .collect();
        hits.sort_by(|x, y| {
            y.0.total_cmp(&x.0)
                .then_with(|| index.entities[x.1 as usize].id.cmp(&index.entities[y.1 as usize].id))
        });
        hits.truncate(options.limit);
        hits.into_iter()
            .map(|(score, e, best, attribute_why)| {
                let entity = index.entities[e as usize].clone();
                let listed = index.names.get(best.name_id as usize);
                let qi = best.query_name;
                let matched_name = listed
                    .map(|n| entity.names[n.name as usize].full.clone())
                    .unwrap_or_else(|| entity.caption().to_owned());
                let query_name = prepared.texts.get(qi).map(|t| t.as_ref()).unwrap_or("");
                let explanation = options.explain.then(|| {
                    let mut children = Vec::new();
                    if let Some(n) = listed {
                        let read_as = best.read_as.map(|kind| PreparedName::analyze(query_name, Some(kind)));
                        let qv = read_as.as_ref().unwrap_or(&prepared.names[qi]).view();
                        let name = scorer.score(&qv, &index.view(n), true);
                        let mut node = name.explanation.unwrap_or_else(|| Explanation::leaf(name.score, ""));
                        let how = match best.read_as {
                            Some(kind) => format!(
                                ", the query read as the listed name is (kind {})",
                                format!("{kind:?}").to_lowercase()
                            ),
                            None => String::new(),
                        };
                        node.why = format!("name, {} scorer{how}: {}", scorer.name(), node.why);
                        children.push(node);
                    } else {
                        children.push(Explanation::leaf(0.0, "no listed name met the query names"));
                    }
                    children.extend(attribute_why);
                    let list = if entity.provenance.list_version.is_empty() {
                        entity.provenance.list.clone()
                    } else {
                        format!("{} {}", entity.provenance.list, entity.provenance.list_version)
                    };
                    Explanation {
                        value: score,
                        why: format!(
                            "{} '{}' ({list}): query '{query_name}' against listed '{matched_name}'",
                            entity.id,
                            entity.caption(),
                        ),
                        children,
                    }
                });
                let party_id = index.entities[index.parties.representative(e) as usize].id.clone();
                Hit { entity, party_id, score, matched_name, query_name: query_name.to_owned(), explanation }
            })
            .collect()
    }
}

impl Index {
    /// Screens one query with the scorer of `options.algorithm`: the hits at or above the
    /// threshold, best first.
    pub fn screen(&self, query: &Query, options: &ScreenOptions) -> Vec<Hit> {
        self.screen_with(options.algorithm.scorer(), query, options)
    }

    /// Screens one query with `scorer`.
    pub fn screen_with(&self, scorer: &dyn Scorer, query: &Query, options: &ScreenOptions) -> Vec<Hit> {
        let prepared = PreparedQuery::new(self, query, options);
        let group_allowed = |first: u32| prepared.group_allowed(self, first);
        let filter: Option<&dyn Fn(u32) -> bool> = prepared.filters_names().then_some(&group_allowed);
        let mut collector = HitCollector::default();
        // One token buffer for every candidate of the query: no allocation per candidate.
        let mut listed = NameView { original: "", tokens: Vec::with_capacity(16), kind: None };
        for (qi, q) in prepared.names.iter().enumerate() {
            let view = q.view();
            // Listed names written as the query are scored whatever the ranking (and only
            // there: they may be read differently, see `score_written`).
            let mut written = self.written_groups(&q.original);
            written.retain(|&g| filter.is_none_or(|f| f(g)));
            let mut candidates = self.candidates(&view, filter, prepared.floor);
            if !written.is_empty() {
                candidates.retain(|g| !written.contains(g));
            }
            let scored = ScoredQueryName {
                view: &view,
                index: qi,
                read_as: None,
                floor: prepared.floor,
                facts: &prepared.facts,
                threshold: prepared.threshold,
            };
            let mut bounds = scorer.query_bounds(&view);
            // Written as listed first: a name met as written mostly scores 1.0, and then no
            // other name of its entity (its aliases, often candidates too) is bounded or scored.
            self.score_written(
                scorer,
                &prepared,
                (&scored, &mut *bounds),
                &written,
                &mut listed,
                &mut collector,
            );
            for &n in candidates.iter().take(6) {
                prefetch(&self.names[n as usize]);
            }
            for (at, &first) in candidates.iter().enumerate() {
                self.prefetch_ahead(&candidates, at);
                let mut group = GroupScore::Unknown;
                for name_id in self.group(first) {
                    if !prepared.filters_names() || prepared.name_allowed(self, name_id) {
                        let bounds = &mut *bounds;
                        self.score_into(
                            scorer,
                            (&scored, bounds),
                            name_id,
                            &mut listed,
                            &mut group,
                            &mut collector,
                        );
                    }
                }
            }
        }
        self.collect_identified(scorer, &prepared, &mut listed, &mut collector);
        collector.into_hits(self, scorer, &prepared, options)
    }

    /// Scores the groups whose name is written as the query name (see
    /// [`Index::written_groups`]). A query of no kind is read, for each listed name, as the
    /// listed name's kind reads it: "MARSHAL ZHUKOV" of no kind loses its title as a person's
    /// name would, where the listed vessel keeps it; a name written as listed must score as
    /// listed.
    fn score_written<'s>(
        &'s self,
        scorer: &dyn Scorer,
        prepared: &PreparedQuery<'_>,
        (query, bounds): (&ScoredQueryName<'_, '_>, &mut dyn QueryBounds<'s>),
        written: &[u32],
        listed: &mut NameView<'s>,
        collector: &mut HitCollector,
    ) {
        // The query name read as each kind (by `kind_bit` position), when first needed.
        let mut read_as: [Option<PreparedName>; ALL_KINDS.len()] = Default::default();
        for &first in written {
            // Names of one group share their analysis but not always their entity's kind.
            let mut groups = [GroupScore::Unknown; ALL_KINDS.len()];
            for name_id in self.group(first) {
                if prepared.filters_names() && !prepared.name_allowed(self, name_id) {
                    continue;
                }
                let kind = self.name_kinds[name_id as usize];
                let slot = kind_bit(kind).trailing_zeros() as usize;
                if prepared.query.kind.is_some() {
                    self.score_into(scorer, (query, bounds), name_id, listed, &mut groups[slot], collector);
                    continue;
                }
                let text = &prepared.texts[query.index];
                let listed_name = &self.names[name_id as usize];
                if self.text_of(listed_name) == text.as_ref() {
                    // Written exactly as listed and read as the listed name is, the query is the
                    // listed name: it scores 1.0, as every listed name does against itself
                    // (`tests/real_lists.rs`), without a second analysis.
                    let as_listed = ScoredQueryName { read_as: Some(kind), ..*query };
                    collector.collect(listed_name.entity, name_id, &as_listed, 1.0);
                    continue;
                }
                let name = read_as[slot].get_or_insert_with(|| PreparedName::analyze(text, Some(kind)));
                let view = name.view();
                let as_listed = ScoredQueryName { view: &view, read_as: Some(kind), ..*query };
                let mut as_listed_bounds = scorer.query_bounds(&view);
                let bounds = &mut *as_listed_bounds;
                self.score_into(scorer, (&as_listed, bounds), name_id, listed, &mut groups[slot], collector);
            }
        }
    }

    /// An identifier given with the query brings its entity in whatever the names say: each
    /// of its names is scored, with no floor.
    fn collect_identified<'s>(
        &'s self,
        scorer: &dyn Scorer,
        prepared: &PreparedQuery<'_>,
        listed: &mut NameView<'s>,
        collector: &mut HitCollector,
    ) {
        for id in &prepared.query.identifiers {
            let Some(found) = self.identifiers.get(&normalize_identifier(id)) else { continue };
            for &e in found {
                if !prepared.entity_allowed(self, e) || collector.contains(e) {
                    continue;
                }
                let name_ids: Vec<u32> = self.names_of(e);
                for (qi, q) in prepared.names.iter().enumerate() {
                    let view = q.view();
                    let mut bounds = scorer.query_bounds(&view);
                    for &n in &name_ids {
                        let scored = ScoredQueryName {
                            view: &view,
                            index: qi,
                            read_as: None,
                            floor: f64::NEG_INFINITY,
                            facts: &prepared.facts,
                            threshold: f64::NEG_INFINITY,
                        };
                        let mut group = GroupScore::Unknown;
                        self.score_into(scorer, (&scored, &mut *bounds), n, listed, &mut group, collector);
                    }
                }
                collector.include(e);
            }
        }
    }

    /// Scores listed name `name_id` (of a group whose state is `group`) for one query name,
    /// unless the scorer's bound (from the query name's `bounds`), or the bound with its
    /// entity's attributes, cannot reach a hit.
    fn score_into<'s>(
        &'s self,
        scorer: &dyn Scorer,
        (query, bounds): (&ScoredQueryName<'_, '_>, &mut dyn QueryBounds<'s>),
        name_id: u32,
        listed: &mut NameView<'s>,
        group: &mut GroupScore,
        collector: &mut HitCollector,
    ) {
        let name = &self.names[name_id as usize];
        if collector.is_perfect(name.entity) {
            return;
        }
        let mut viewed = false;
        let (bound, known_score) = match *group {
            GroupScore::BelowFloor => return,
            GroupScore::Bounded(bound, score) => (bound, score),
            GroupScore::Unknown => {
                self.view_into(name, listed);
                viewed = true;
                // Most candidates cannot come near a hit; the scorer says so more cheaply than
                // it scores them. (The slack covers rounding: bound and score add the same
                // weights in another order.)
                let bound = bounds.upper_bound(listed) + BOUND_SLACK;
                if bound < query.floor {
                    *group = GroupScore::BelowFloor;
                    return;
                }
                *group = GroupScore::Bounded(bound, None);
                (bound, None)
            }
        };
        // The floor assumed every attribute of the query agreeing; this entity's own
        // attributes (a birth date years apart, another kind) may rule out what the bound
        // allows, for much less than a score costs.
        if !self.attributes.could_reach(query.facts, name.entity, bound, query.threshold) {
            return;
        }
        let score = match known_score {
            Some(score) => score,
            None => {
                // An entity's aliases are often candidates together ("Mohammad Ali HASSAN",
                // "Muhammad Ali HASAN"): once one has scored, another whose bound cannot beat it
                // changes nothing, and the score is skipped (a quarter of the survey's scores).
                if !collector.could_improve(name.entity, bound) {
                    return;
                }
                if !viewed {
                    self.view_into(name, listed);
                }
                // Below the floor, the scorer may answer with a bound: no hit either way.
                let score = scorer.score_from(query.view, listed, query.floor);
                *group = GroupScore::Bounded(bound, Some(score));
                score
            }
        };
        collector.collect(name.entity, name_id, query, score);
    }

    /// Asks the CPU to bring in what scoring `candidates[at..]` will read (names, tokens and token
    /// forms, scattered over some 50 MB) a few candidates ahead of scoring them: a candidate's
    /// name 6 ahead, its tokens and the next name of its group 4 ahead (the group's next name,
    /// read once the candidate is scored, was a third of this loop's stalls), its token forms 2
    /// ahead. The misses then overlap with the scoring of the candidates before, without asking
    /// for more lines at once than the CPU can fetch.
    fn prefetch_ahead(&self, candidates: &[u32], at: usize) {
        if let Some(&n) = candidates.get(at + 6) {
            prefetch(&self.names[n as usize]);
        }
        if let Some(&n) = candidates.get(at + 4) {
            let name = &self.names[n as usize];
            prefetch(&self.group_next[n as usize]);
            prefetch(&self.tokens[name.first_token as usize]);
            prefetch(&self.name_texts.as_bytes()[name.text_start as usize]);
        }
        if let Some(&n) = candidates.get(at + 2) {
            let name = &self.names[n as usize];
            for t in &self.tokens[name.first_token as usize..(name.first_token + name.token_count) as usize] {
                prefetch_lines(&self.forms[t.forms as usize], TOKEN_FORMS_LINES_READ);
            }
        }
    }
}
