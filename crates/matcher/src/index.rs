//! The inverted index: token forms of every listed name, comparison keys that lead to them, and
//! candidate generation for a query.

use crate::attributes;
use crate::scorer::Scorer;
use crate::text::{deletion_neighbourhood, edit_budget, key};
use crate::token::{is_low_information, NameToken, NameView, PreparedName, TokenForms};
use crate::{Explanation, Hit, Query, ScreenOptions};
use embargo_model::{normalize_identifier, Entity};
use embargo_names::TokenRole;
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

/// Key namespaces. A query token is looked up in each; the number is also its rank when
/// candidates are ordered by evidence.
const NS_FORM: u8 = 1;
const NS_PHONETIC: u8 = 2;
const NS_SKELETON: u8 = 3;
const NS_DELETION: u8 = 4;

/// How much a hit through each namespace counts as evidence for a candidate.
fn key_quality(namespace: u8) -> f32 {
    match namespace {
        NS_FORM => 1.0,
        NS_PHONETIC => 0.8,
        NS_SKELETON => 0.75,
        _ => 0.7,
    }
}

/// At most this many listed names (the best by evidence) are scored exactly per query name.
pub const CANDIDATE_CAP: usize = 64;

/// A token of a listed name, as stored: its forms by id, its role and weight.
#[derive(Debug, Clone, Copy)]
struct StoredToken {
    forms: u32,
    role: TokenRole,
    weight: f32,
}

#[derive(Debug)]
struct ListedName {
    entity: u32,
    /// Index into the entity's `names`.
    name: u32,
    tokens: Box<[StoredToken]>,
}

/// Sorted 64-bit keys with their postings, found through a table of buckets on the high bits
/// of the key: one or two cache misses per lookup and 16 bytes per key, against 40 or so for a
/// hash map of vectors.
#[derive(Debug, Default)]
struct KeyTable {
    shift: u32,
    buckets: Vec<u32>,
    keys: Vec<u64>,
    /// `offsets[i]..offsets[i + 1]` are the postings of `keys[i]`.
    offsets: Vec<u32>,
    postings: Vec<u32>,
}

impl KeyTable {
    /// Builds from `(key, posting)` pairs in any order, repeats allowed.
    fn build(mut pairs: Vec<(u64, u32)>) -> KeyTable {
        pairs.sort_unstable();
        pairs.dedup();
        let bits = (usize::BITS - pairs.len().max(1).leading_zeros()).clamp(4, 24);
        let shift = 64 - bits;
        let mut table = KeyTable {
            shift,
            buckets: vec![0; (1usize << bits) + 1],
            keys: Vec::new(),
            offsets: Vec::new(),
            postings: Vec::with_capacity(pairs.len()),
        };
        for (k, p) in pairs {
            if table.keys.last() != Some(&k) {
                table.keys.push(k);
                table.offsets.push(table.postings.len() as u32);
            }
            table.postings.push(p);
        }
        table.offsets.push(table.postings.len() as u32);
        // buckets[b] = index of the first key whose high bits are >= b.
        let mut at = 0usize;
        for b in 0..table.buckets.len() {
            while at < table.keys.len() && ((table.keys[at] >> shift) as usize) < b {
                at += 1;
            }
            table.buckets[b] = at as u32;
        }
        table.keys.shrink_to_fit();
        table.offsets.shrink_to_fit();
        table
    }

    fn get(&self, k: u64) -> &[u32] {
        if self.keys.is_empty() {
            return &[];
        }
        let b = (k >> self.shift) as usize;
        let (lo, hi) = (self.buckets[b] as usize, self.buckets[b + 1] as usize);
        match self.keys[lo..hi].binary_search(&k) {
            Ok(i) => {
                let i = lo + i;
                &self.postings[self.offsets[i] as usize..self.offsets[i + 1] as usize]
            }
            Err(_) => &[],
        }
    }

    fn heap_bytes(&self) -> usize {
        self.buckets.len() * 4 + self.keys.len() * 8 + self.offsets.len() * 4 + self.postings.len() * 4
    }
}

/// The keys under which a token form is filed (and, for a query token, looked up).
fn form_keys(forms: &TokenForms, deletions: bool, out: &mut Vec<(u8, u64)>) {
    if forms.text.is_empty() {
        return;
    }
    out.push((NS_FORM, key(NS_FORM, &forms.text)));
    for v in &forms.variants {
        out.push((NS_FORM, key(NS_FORM, v)));
    }
    if forms.numeric {
        // Digits must agree exactly: no fuzzy keys.
        return;
    }
    if forms.phonetic.chars().nth(1).is_some() {
        out.push((NS_PHONETIC, key(NS_PHONETIC, &forms.phonetic)));
    }
    if forms.skeleton.chars().nth(1).is_some() {
        out.push((NS_SKELETON, key(NS_SKELETON, &forms.skeleton)));
    }
    if deletions {
        for d in deletion_neighbourhood(&forms.text, edit_budget(forms.len)) {
            out.push((NS_DELETION, key(NS_DELETION, &d)));
        }
    }
}

/// Evidence accumulated per listed name during one query, reused across queries of a thread.
#[derive(Default)]
struct Scratch {
    evidence: Vec<f32>,
    /// Query tokens already credited to the name (bit per token).
    credited: Vec<u64>,
    touched: Vec<u32>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// An index over the names of listed entities, built once when lists load and shared across
/// threads (`Index: Send + Sync`). See the crate docs for how it finds names.
pub struct Index {
    entities: Vec<Arc<Entity>>,
    by_id: HashMap<String, u32>,
    /// Per entity, the position of its list in `lists`.
    entity_list: Vec<u16>,
    lists: Vec<String>,
    forms: Vec<TokenForms>,
    names: Vec<ListedName>,
    /// Per form, the names it occurs in (as a token or as two tokens joined).
    form_names: KeyTable,
    keys: KeyTable,
    identifiers: HashMap<String, Vec<u32>>,
}

/// Sizes of an index, for logs and benchmarks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IndexStats {
    pub entities: usize,
    pub names: usize,
    pub distinct_token_forms: usize,
    pub keys: usize,
    /// Approximate heap bytes of the index structures (not of the entities).
    pub index_bytes: usize,
}

impl Index {
    /// Indexes `entities`: analyses every name (on all cores), files each distinct token form
    /// under its keys.
    pub fn build(entities: Vec<Entity>) -> Index {
        let entities: Vec<Arc<Entity>> = entities.into_iter().map(Arc::new).collect();
        let work: Vec<(u32, u32)> = entities
            .iter()
            .enumerate()
            .flat_map(|(e, ent)| (0..ent.names.len()).map(move |n| (e as u32, n as u32)))
            .collect();
        let analyzed = parallel_map(&work, |&(e, n)| {
            let entity = &entities[e as usize];
            PreparedName::analyze(&entity.names[n as usize].full, Some(entity.kind))
        });

        let mut form_ids: HashMap<String, u32> = HashMap::new();
        let mut forms: Vec<TokenForms> = Vec::new();
        let mut intern = |f: TokenForms, forms: &mut Vec<TokenForms>| -> u32 {
            let k = f.dedup_key();
            *form_ids.entry(k).or_insert_with(|| {
                forms.push(f);
                (forms.len() - 1) as u32
            })
        };
        let mut names = Vec::with_capacity(work.len());
        let mut joined_forms = vec![false; 0];
        let mut form_name_pairs: Vec<(u64, u32)> = Vec::with_capacity(work.len() * 5);
        for (&(entity, name), prepared) in work.iter().zip(analyzed) {
            if prepared.forms.is_empty() {
                continue;
            }
            let name_id = names.len() as u32;
            let mut tokens = Vec::with_capacity(prepared.forms.len());
            for (i, f) in prepared.forms.iter().enumerate() {
                let id = intern(f.clone(), &mut forms);
                tokens.push(StoredToken { forms: id, role: prepared.roles[i], weight: prepared.weights[i] });
                form_name_pairs.push((u64::from(id), name_id));
            }
            for w in prepared.forms.windows(2) {
                if w[0].numeric || w[1].numeric || w[0].len < 2 || w[1].len < 2 {
                    continue;
                }
                let id = intern(TokenForms::joined(&w[0], &w[1]), &mut forms);
                if joined_forms.len() <= id as usize {
                    joined_forms.resize(id as usize + 1, false);
                }
                joined_forms[id as usize] = true;
                form_name_pairs.push((u64::from(id), name_id));
            }
            names.push(ListedName { entity, name, tokens: tokens.into_boxed_slice() });
        }
        joined_forms.resize(forms.len(), false);
        let form_names = KeyTable::build(form_name_pairs);

        let form_indices: Vec<u32> = (0..forms.len() as u32).collect();
        let key_lists = parallel_map(&form_indices, |&id| {
            let mut out = Vec::new();
            let f = &forms[id as usize];
            // A joined form is filed with its one-edit neighbourhood only: a query word joined
            // from two listed words rarely carries two typos as well, and two-edit
            // neighbourhoods of every adjacent pair would triple the index.
            if joined_forms[id as usize] && edit_budget(f.len) > 1 {
                form_keys(f, false, &mut out);
                for d in deletion_neighbourhood(&f.text, 1) {
                    out.push((NS_DELETION, key(NS_DELETION, &d)));
                }
            } else {
                form_keys(f, true, &mut out);
            }
            out.into_iter().map(|(_, k)| (k, id)).collect::<Vec<_>>()
        });
        let keys = KeyTable::build(key_lists.into_iter().flatten().collect());

        let mut lists: Vec<String> = Vec::new();
        let entity_list = entities
            .iter()
            .map(|e| match lists.iter().position(|l| *l == e.provenance.list) {
                Some(i) => i as u16,
                None => {
                    lists.push(e.provenance.list.clone());
                    (lists.len() - 1) as u16
                }
            })
            .collect();
        let mut identifiers: HashMap<String, Vec<u32>> = HashMap::new();
        for (i, e) in entities.iter().enumerate() {
            for id in &e.identifiers {
                let v = normalize_identifier(&id.value);
                if v.chars().count() >= attributes::MIN_IDENTIFIER_LEN {
                    let list = identifiers.entry(v).or_default();
                    if list.last() != Some(&(i as u32)) {
                        list.push(i as u32);
                    }
                }
            }
        }
        let by_id = entities.iter().enumerate().map(|(i, e)| (e.id.clone(), i as u32)).collect();
        Index { entities, by_id, entity_list, lists, forms, names, form_names, keys, identifiers }
    }

    pub fn len(&self) -> usize {
        self.entities.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entities.is_empty()
    }

    pub fn entity(&self, id: &str) -> Option<&Arc<Entity>> {
        self.by_id.get(id).map(|&i| &self.entities[i as usize])
    }

    /// Every indexed entity, in the order given to [`Index::build`].
    pub fn entities(&self) -> &[Arc<Entity>] {
        &self.entities
    }

    pub fn stats(&self) -> IndexStats {
        let forms_bytes: usize = self
            .forms
            .iter()
            .map(|f| {
                std::mem::size_of::<TokenForms>()
                    + f.original.len()
                    + f.text.len()
                    + f.skeleton.len()
                    + f.phonetic.len()
                    + f.variants.iter().map(|v| v.len() + 24).sum::<usize>()
            })
            .sum();
        let names_bytes: usize =
            self.names.iter().map(|n| std::mem::size_of::<ListedName>() + n.tokens.len() * 12).sum();
        IndexStats {
            entities: self.entities.len(),
            names: self.names.len(),
            distinct_token_forms: self.forms.len(),
            keys: self.keys.keys.len(),
            index_bytes: forms_bytes + names_bytes + self.keys.heap_bytes() + self.form_names.heap_bytes(),
        }
    }

    /// Screens one query with the default scorer: the hits at or above the threshold, best
    /// first.
    pub fn screen(&self, query: &Query, options: &ScreenOptions) -> Vec<Hit> {
        self.screen_with(&crate::AlignmentScorer, query, options)
    }

    /// Screens one query with `scorer`.
    pub fn screen_with(&self, scorer: &dyn Scorer, query: &Query, options: &ScreenOptions) -> Vec<Hit> {
        let allowed: Option<Vec<bool>> = options
            .lists
            .as_ref()
            .map(|wanted| self.lists.iter().map(|l| wanted.iter().any(|w| w == l)).collect());
        let entity_allowed = |e: u32| match &allowed {
            None => true,
            Some(a) => a[self.entity_list[e as usize] as usize],
        };

        // Best name score per entity: (score, listed name id, query name index).
        let mut best: HashMap<u32, (f64, u32, usize)> = HashMap::new();
        let prepared: Vec<PreparedName> =
            query.names.iter().map(|n| PreparedName::analyze(n, query.kind)).collect();
        for (qi, q) in prepared.iter().enumerate() {
            let view = q.view();
            for name_id in self.candidates(&view, &entity_allowed) {
                self.score_into(scorer, &view, qi, name_id, &mut best);
            }
        }
        // An identifier given with the query brings its entity in whatever the names say.
        for id in &query.identifiers {
            let Some(found) = self.identifiers.get(&normalize_identifier(id)) else { continue };
            for &e in found {
                if !entity_allowed(e) || best.contains_key(&e) {
                    continue;
                }
                let name_ids: Vec<u32> = self.names_of(e);
                for (qi, q) in prepared.iter().enumerate() {
                    let view = q.view();
                    for &n in &name_ids {
                        self.score_into(scorer, &view, qi, n, &mut best);
                    }
                }
                best.entry(e).or_insert((0.0, u32::MAX, 0));
            }
        }

        let mut hits: Vec<(f64, u32, u32, usize, Vec<Explanation>)> = best
            .into_iter()
            .filter_map(|(e, (name_score, name_id, qi))| {
                let entity = &self.entities[e as usize];
                let (score, why) = attributes::adjust(query, entity, name_score);
                (score >= options.threshold).then_some((score, e, name_id, qi, why))
            })
            .collect();
        hits.sort_by(|x, y| {
            y.0.total_cmp(&x.0)
                .then_with(|| self.entities[x.1 as usize].id.cmp(&self.entities[y.1 as usize].id))
        });
        hits.truncate(options.limit);
        hits.into_iter()
            .map(|(score, e, name_id, qi, attribute_why)| {
                let entity = self.entities[e as usize].clone();
                let listed = self.names.get(name_id as usize);
                let matched_name = listed
                    .map(|n| entity.names[n.name as usize].full.clone())
                    .unwrap_or_else(|| entity.caption().to_owned());
                let explanation = options.explain.then(|| {
                    let mut children = Vec::new();
                    if let Some(n) = listed {
                        let qv = prepared[qi].view();
                        let name = scorer.score(&qv, &self.view(n), true);
                        let mut node = name.explanation.unwrap_or_else(|| Explanation::leaf(name.score, ""));
                        node.why = format!("name, {} scorer: {}", scorer.name(), node.why);
                        children.push(node);
                    } else {
                        children.push(Explanation::leaf(0.0, "no listed name met the query names"));
                    }
                    children.extend(attribute_why);
                    Explanation {
                        value: score,
                        why: format!(
                            "{} '{}' ({} {}): query '{}' against listed '{}'",
                            entity.id,
                            entity.caption(),
                            entity.provenance.list,
                            entity.provenance.list_version,
                            query.names.get(qi).map(String::as_str).unwrap_or(""),
                            matched_name
                        ),
                        children,
                    }
                });
                Hit {
                    entity,
                    score,
                    matched_name,
                    query_name: query.names.get(qi).cloned().unwrap_or_default(),
                    explanation,
                }
            })
            .collect()
    }

    fn names_of(&self, entity: u32) -> Vec<u32> {
        // Names are stored in entity order, so the entity's names are one run.
        let start = self.names.partition_point(|n| n.entity < entity);
        (start..self.names.len()).take_while(|&i| self.names[i].entity == entity).map(|i| i as u32).collect()
    }

    fn view(&self, name: &ListedName) -> NameView<'_> {
        let entity = &self.entities[name.entity as usize];
        NameView {
            original: &entity.names[name.name as usize].full,
            tokens: name
                .tokens
                .iter()
                .map(|t| NameToken { forms: &self.forms[t.forms as usize], role: t.role, weight: t.weight })
                .collect(),
        }
    }

    fn score_into(
        &self,
        scorer: &dyn Scorer,
        query: &NameView<'_>,
        query_index: usize,
        name_id: u32,
        best: &mut HashMap<u32, (f64, u32, usize)>,
    ) {
        let name = &self.names[name_id as usize];
        let score = scorer.score(query, &self.view(name), false).score;
        let slot = best.entry(name.entity).or_insert((-1.0, name_id, query_index));
        if score > slot.0 {
            *slot = (score, name_id, query_index);
        }
    }

    /// The listed names worth scoring for one query name: those reached through any key of
    /// any informative query token (or of two adjacent query tokens joined), the best
    /// [`CANDIDATE_CAP`] by evidence. Evidence per name sums, over the query tokens that reached
    /// it, the key quality times the token weight times the rarity of the listed form.
    fn candidates(&self, query: &NameView<'_>, allowed: &dyn Fn(u32) -> bool) -> Vec<u32> {
        let tokens = &query.tokens;
        if tokens.is_empty() || self.names.is_empty() {
            return Vec::new();
        }
        let informative: Vec<usize> = {
            let v: Vec<usize> = (0..tokens.len()).filter(|&i| !is_low_information(tokens[i].role)).collect();
            if v.is_empty() {
                (0..tokens.len()).collect()
            } else {
                v
            }
        };
        // (query token bit, weight, forms) to look up: tokens, then adjacent pairs joined.
        let mut probes: Vec<(u32, f32, TokenForms)> = Vec::new();
        for &i in informative.iter().take(63) {
            probes.push((i as u32, tokens[i].weight, tokens[i].forms.clone()));
        }
        for i in 0..tokens.len().saturating_sub(1).min(62) {
            let (x, y) = (&tokens[i], &tokens[i + 1]);
            if !x.forms.numeric && !y.forms.numeric && x.forms.len >= 2 && y.forms.len >= 2 {
                probes.push((i as u32, x.weight + y.weight, TokenForms::joined(x.forms, y.forms)));
            }
        }
        let total = self.names.len() as f32;
        SCRATCH.with(|cell| {
            let mut scratch = cell.borrow_mut();
            let scratch = &mut *scratch;
            if scratch.evidence.len() < self.names.len() {
                scratch.evidence.resize(self.names.len(), 0.0);
                scratch.credited.resize(self.names.len(), 0);
            }
            let mut keys = Vec::new();
            let mut reached: Vec<(u32, f32)> = Vec::new();
            for (bit, weight, forms) in &probes {
                keys.clear();
                form_keys(forms, true, &mut keys);
                reached.clear();
                for &(ns, k) in &keys {
                    let q = key_quality(ns);
                    reached.extend(self.keys.get(k).iter().map(|&f| (f, q)));
                }
                // Best quality first, so that a name is credited with its best way in.
                reached.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
                reached.dedup_by_key(|r| r.0);
                reached.sort_unstable_by(|a, b| b.1.total_cmp(&a.1));
                let mask = 1u64 << bit;
                for &(form, quality) in &reached {
                    let postings = self.form_names.get(u64::from(form));
                    let rarity = 1.0 + (total / postings.len().max(1) as f32).ln();
                    let credit = quality * weight * rarity;
                    for &n in postings {
                        let n = n as usize;
                        if scratch.credited[n] & mask != 0 {
                            continue;
                        }
                        if scratch.credited[n] == 0 {
                            scratch.touched.push(n as u32);
                        }
                        scratch.credited[n] |= mask;
                        scratch.evidence[n] += credit;
                    }
                }
            }
            let mut found: Vec<(f32, u32)> = Vec::with_capacity(scratch.touched.len());
            for &n in &scratch.touched {
                let i = n as usize;
                if allowed(self.names[i].entity) {
                    found.push((scratch.evidence[i], n));
                }
                scratch.evidence[i] = 0.0;
                scratch.credited[i] = 0;
            }
            scratch.touched.clear();
            if found.len() > CANDIDATE_CAP {
                found.select_nth_unstable_by(CANDIDATE_CAP - 1, |a, b| {
                    b.0.total_cmp(&a.0).then(a.1.cmp(&b.1))
                });
                found.truncate(CANDIDATE_CAP);
            }
            found.into_iter().map(|(_, n)| n).collect()
        })
    }
}

/// Maps `items` on all available cores (at most four), keeping order.
fn parallel_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(4);
    if threads <= 1 || items.len() < 1024 {
        return items.iter().map(&f).collect();
    }
    let chunk = items.len().div_ceil(threads);
    std::thread::scope(|s| {
        let handles: Vec<_> =
            items.chunks(chunk).map(|c| s.spawn(|| c.iter().map(&f).collect::<Vec<R>>())).collect();
        handles.into_iter().flat_map(|h| h.join().expect("index build worker panicked")).collect()
    })
}
