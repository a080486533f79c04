//! The inverted index: token forms of every listed name, comparison keys that lead to them, and
//! candidate generation for a query.

use crate::attributes;
use crate::scorer::Scorer;
use crate::text::{deletion_keys, edit_budget, key, osa_distance_chars};
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

/// How much a hit through a key counts as evidence for a candidate, by the key's namespace.
fn key_quality(key: u64) -> f32 {
    match (key & 7) as u8 {
        NS_FORM => 1.0,
        NS_PHONETIC => 0.8,
        NS_SKELETON => 0.75,
        _ => 0.7,
    }
}

/// At most this many listed names (the best by evidence) are scored exactly per query name.
pub const CANDIDATE_CAP: usize = 64;

/// Token forms per batch of key generation during the build.
const KEY_RANGE: usize = 16384;

/// Names analysed per parallel batch during the build.
const ANALYSIS_CHUNK: usize = 8192;

/// Candidates with less evidence than this share of the best candidate's are not scored.
pub const RELATIVE_EVIDENCE_FLOOR: f32 = 0.4;

/// How much each listed token that no query token reached discounts a candidate's evidence.
const EXTRA_TOKEN_DISCOUNT: f32 = 0.3;

/// A token form held by more names than this is "common" (see `Index::candidates`).
pub const COMMON_FORM_NAMES: usize = 150;

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
    /// The name's tokens are `Index::tokens[first_token..first_token + token_count]`.
    first_token: u32,
    token_count: u32,
    /// The name as written is `Index::name_texts[text_start..text_start + text_len]`: a copy
    /// next to the others, so that a candidate's view does not chase entity → names → text.
    text_start: u32,
    text_len: u32,
}

/// Sorted 64-bit keys with their postings, found through a table of buckets on the high bits
/// of the key: a lookup reads the bucket bounds, one cache line of entries and the postings,
/// and the table costs 20 bytes per key.
#[derive(Debug, Default)]
struct KeyTable {
    shift: u32,
    buckets: Vec<u32>,
    /// (key, start of its postings); the postings of entry `i` end where those of `i + 1` start
    /// (a sentinel entry closes the last).
    entries: Vec<(u64, u32)>,
    postings: Vec<u32>,
}

impl KeyTable {
    /// Builds from `(key, posting)` pairs in any order, repeats allowed.
    fn build(mut pairs: Vec<(u64, u32)>) -> KeyTable {
        pairs.sort_unstable();
        pairs.dedup();
        // About four keys per bucket: the bucket table stays small enough for the caches.
        let bits = (usize::BITS - (pairs.len() / 4).max(1).leading_zeros()).clamp(4, 24);
        let shift = 64 - bits;
        let mut entries: Vec<(u64, u32)> = Vec::new();
        let mut postings = Vec::with_capacity(pairs.len());
        for (k, p) in pairs {
            if entries.last().map(|e| e.0) != Some(k) {
                entries.push((k, postings.len() as u32));
            }
            postings.push(p);
        }
        let keys = entries.len();
        entries.push((u64::MAX, postings.len() as u32));
        entries.shrink_to_fit();
        // buckets[b] = index of the first key whose high bits are >= b.
        let mut buckets = vec![0u32; (1usize << bits) + 1];
        let mut at = 0usize;
        for (b, bucket) in buckets.iter_mut().enumerate() {
            while at < keys && ((entries[at].0 >> shift) as usize) < b {
                at += 1;
            }
            *bucket = at as u32;
        }
        KeyTable { shift, buckets, entries, postings }
    }

    fn get(&self, k: u64) -> &[u32] {
        if self.entries.len() <= 1 {
            return &[];
        }
        let b = (k >> self.shift) as usize;
        let (lo, hi) = (self.buckets[b] as usize, self.buckets[b + 1] as usize);
        match self.entries[lo..hi].iter().position(|e| e.0 == k) {
            Some(i) => {
                let i = lo + i;
                &self.postings[self.entries[i].1 as usize..self.entries[i + 1].1 as usize]
            }
            None => &[],
        }
    }

    fn len(&self) -> usize {
        self.entries.len().saturating_sub(1)
    }

    fn heap_bytes(&self) -> usize {
        self.buckets.len() * 4 + self.entries.len() * 16 + self.postings.len() * 4
    }
}

/// The keys under which a token form is filed (and, for a query token, looked up), with
/// deletion neighbourhoods up to `deletion_depth` (capped by the token's edit budget).
fn form_keys(forms: &TokenForms, deletion_depth: usize, out: &mut Vec<u64>) {
    if forms.text.is_empty() {
        return;
    }
    out.push(key(NS_FORM, &forms.text));
    for v in &forms.variants {
        out.push(key(NS_FORM, v));
    }
    if forms.numeric {
        // Digits must agree exactly: no fuzzy keys.
        return;
    }
    // Codes of three letters or more only: two-letter ones would reach thousands of forms.
    if forms.phonetic.chars().nth(2).is_some() {
        out.push(key(NS_PHONETIC, &forms.phonetic));
    }
    if forms.skeleton.chars().nth(2).is_some() {
        out.push(key(NS_SKELETON, &forms.skeleton));
    }
    deletion_keys(&forms.chars, deletion_depth.min(edit_budget(forms.len)), NS_DELETION, out);
}

/// Best name score per entity during one query: (score, listed name id, query name index).
type BestPerEntity = HashMap<u32, (f64, u32, usize), foldhash::fast::RandomState>;

/// Evidence accumulated per listed name during one query, reused across queries of a thread.
#[derive(Default)]
struct Scratch {
    evidence: Vec<f32>,
    /// Query tokens already credited to the name (bit per token).
    credited: Vec<u64>,
    touched: Vec<u32>,
    /// `touched` in ascending order (see the common forms in `Index::candidates`).
    sorted_touched: Vec<u32>,
}

/// The tail of the ascending `postings` from the first entry `>= n`, found by galloping from the
/// front: O(log distance) when successive searches move forward by small steps.
fn skip_below(postings: &[u32], n: u32) -> &[u32] {
    let mut step = 1;
    while step < postings.len() && postings[step] < n {
        step *= 2;
    }
    let end = (step + 1).min(postings.len());
    let from = step / 2;
    let at = from + postings[from..end].partition_point(|&p| p < n);
    &postings[at..]
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
    /// The listed names as written, end to end (see `ListedName::text_start`).
    name_texts: String,
    tokens: Vec<StoredToken>,
    /// Per form, the names it occurs in (as a token or as two tokens joined):
    /// `form_names[form_starts[f]..form_starts[f + 1]]`.
    form_starts: Vec<u32>,
    form_names: Vec<u32>,
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
        // Forms are deduplicated on a 64-bit hash of all their comparison fields: a collision
        // (odds about 1 in 10^9 for the lists' 130,000 forms) would merge two forms.
        let mut form_ids: HashMap<u64, u32> = HashMap::new();
        let mut forms: Vec<TokenForms> = Vec::new();
        let mut intern = |f: TokenForms, forms: &mut Vec<TokenForms>| -> u32 {
            *form_ids.entry(key(0, &f.dedup_key())).or_insert_with(|| {
                forms.push(f);
                (forms.len() - 1) as u32
            })
        };
        let mut names = Vec::with_capacity(work.len());
        let mut name_texts = String::new();
        let mut tokens: Vec<StoredToken> = Vec::with_capacity(work.len() * 3);
        let mut joined_forms = vec![false; 0];
        let mut form_name_pairs: Vec<(u32, u32)> = Vec::with_capacity(work.len() * 5);
        // Analysed in chunks, so that the short-lived strings of one chunk are freed before the
        // next is analysed: the allocator reuses them instead of growing the heap.
        for chunk in work.chunks(ANALYSIS_CHUNK) {
            let analyzed = parallel_map(chunk, |&(e, n)| {
                let entity = &entities[e as usize];
                PreparedName::analyze(&entity.names[n as usize].full, Some(entity.kind))
            });
            for (&(entity, name), prepared) in chunk.iter().zip(analyzed) {
                if prepared.forms.is_empty() {
                    continue;
                }
                let name_id = names.len() as u32;
                let first_token = tokens.len() as u32;
                let token_count = prepared.forms.len() as u32;
                for w in prepared.forms.windows(2) {
                    if w[0].numeric || w[1].numeric || w[0].len < 2 || w[1].len < 2 {
                        continue;
                    }
                    let id = intern(TokenForms::joined(&w[0], &w[1]), &mut forms);
                    if joined_forms.len() <= id as usize {
                        joined_forms.resize(id as usize + 1, false);
                    }
                    joined_forms[id as usize] = true;
                    form_name_pairs.push((id, name_id));
                }
                let PreparedName { forms: name_forms, roles, weights, .. } = prepared;
                for ((f, role), weight) in name_forms.into_iter().zip(roles).zip(weights) {
                    let id = intern(f, &mut forms);
                    tokens.push(StoredToken { forms: id, role, weight });
                    form_name_pairs.push((id, name_id));
                }
                let full = &entities[entity as usize].names[name as usize].full;
                let (text_start, text_len) = (name_texts.len() as u32, full.len() as u32);
                name_texts.push_str(full);
                names.push(ListedName { entity, name, first_token, token_count, text_start, text_len });
            }
        }
        drop(form_ids);
        joined_forms.resize(forms.len(), false);
        form_name_pairs.sort_unstable();
        form_name_pairs.dedup();
        let mut form_starts = Vec::with_capacity(forms.len() + 1);
        let mut form_names = Vec::with_capacity(form_name_pairs.len());
        let mut pairs = form_name_pairs.into_iter().peekable();
        for f in 0..forms.len() as u32 {
            form_starts.push(form_names.len() as u32);
            while let Some((_, n)) = pairs.next_if(|p| p.0 == f) {
                form_names.push(n);
            }
        }
        form_starts.push(form_names.len() as u32);

        // Keys are generated per range of forms into one vector per range: a few large
        // allocations, which the allocator hands back to the system once the table is built.
        let ranges: Vec<(u32, u32)> = (0..forms.len() as u32)
            .step_by(KEY_RANGE)
            .map(|start| (start, (start + KEY_RANGE as u32).min(forms.len() as u32)))
            .collect();
        let key_lists = parallel_map(&ranges, |&(start, end)| {
            let mut out = Vec::new();
            let mut pairs = Vec::new();
            for id in start..end {
                out.clear();
                // A joined form is filed with its one-edit neighbourhood only: a query word
                // joined from two listed words rarely carries two typos as well, and two-edit
                // neighbourhoods of every adjacent pair would triple the index.
                let depth = if joined_forms[id as usize] { 1 } else { 2 };
                form_keys(&forms[id as usize], depth, &mut out);
                pairs.extend(out.iter().map(|&k| (k, id)));
            }
            pairs
        });
        let mut all_keys = Vec::with_capacity(key_lists.iter().map(Vec::len).sum());
        for list in key_lists {
            all_keys.extend(list);
        }
        let keys = KeyTable::build(all_keys);

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
        Index {
            entities,
            by_id,
            entity_list,
            lists,
            forms,
            names,
            name_texts,
            tokens,
            form_starts,
            form_names,
            keys,
            identifiers,
        }
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
        let names_bytes = self.names.len() * std::mem::size_of::<ListedName>()
            + self.tokens.len() * std::mem::size_of::<StoredToken>()
            + self.name_texts.len();
        IndexStats {
            entities: self.entities.len(),
            names: self.names.len(),
            distinct_token_forms: self.forms.len(),
            keys: self.keys.len(),
            index_bytes: forms_bytes
                + names_bytes
                + self.keys.heap_bytes()
                + (self.form_starts.len() + self.form_names.len()) * 4,
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
        let mut best: BestPerEntity = BestPerEntity::default();
        // One token buffer for every candidate of the query: no allocation per candidate.
        let mut listed = NameView { original: "", tokens: Vec::with_capacity(16) };
        let prepared: Vec<PreparedName> =
            query.names.iter().map(|n| PreparedName::analyze(n, query.kind)).collect();
        for (qi, q) in prepared.iter().enumerate() {
            let view = q.view();
            for name_id in self.candidates(&view, &entity_allowed) {
                self.score_into(scorer, &view, qi, name_id, &mut listed, &mut best);
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
                        self.score_into(scorer, &view, qi, n, &mut listed, &mut best);
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
                            "{} '{}' ({}): query '{}' against listed '{}'",
                            entity.id,
                            entity.caption(),
                            if entity.provenance.list_version.is_empty() {
                                entity.provenance.list.clone()
                            } else {
                                format!("{} {}", entity.provenance.list, entity.provenance.list_version)
                            },
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
        let mut view = NameView { original: "", tokens: Vec::with_capacity(name.token_count as usize) };
        self.view_into(name, &mut view);
        view
    }

    /// Fills `view` with the listed name, reusing its token buffer.
    fn view_into<'s>(&'s self, name: &ListedName, view: &mut NameView<'s>) {
        view.original =
            &self.name_texts[name.text_start as usize..(name.text_start + name.text_len) as usize];
        view.tokens.clear();
        view.tokens.extend(
            self.tokens[name.first_token as usize..(name.first_token + name.token_count) as usize]
                .iter()
                .map(|t| NameToken { forms: &self.forms[t.forms as usize], role: t.role, weight: t.weight }),
        );
    }

    fn score_into<'s>(
        &'s self,
        scorer: &dyn Scorer,
        query: &NameView<'_>,
        query_index: usize,
        name_id: u32,
        listed: &mut NameView<'s>,
        best: &mut BestPerEntity,
    ) {
        let name = &self.names[name_id as usize];
        self.view_into(name, listed);
        let score = scorer.score(query, listed, false).score;
        let slot = best.entry(name.entity).or_insert((-1.0, name_id, query_index));
        if score > slot.0 {
            *slot = (score, name_id, query_index);
        }
    }

    fn names_with_form(&self, form: u32) -> &[u32] {
        let f = form as usize;
        &self.form_names[self.form_starts[f] as usize..self.form_starts[f + 1] as usize]
    }

    /// The listed names worth scoring for one query name: those reached through any key of
    /// any informative query token (or of two adjacent query tokens joined), the best
    /// [`CANDIDATE_CAP`] by evidence. Evidence per name sums, over the query tokens that reached
    /// it, the key quality times the token weight times the rarity of the listed form.
    ///
    /// Forms held by more than [`COMMON_FORM_NAMES`] names (MUHAMMAD, ALI, LLC) only add
    /// evidence to names already reached when another query token met a rare form exactly;
    /// with no such token, the common forms of the query token that holds the fewest names are
    /// walked in full and the others only add evidence.
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
        // (query token bit, weight, keys) to look up: tokens, then adjacent pairs joined.
        let mut probes: Vec<(u32, f32, std::borrow::Cow<'_, TokenForms>)> = Vec::new();
        for &i in informative.iter().take(63) {
            probes.push((i as u32, tokens[i].weight, std::borrow::Cow::Borrowed(tokens[i].forms)));
        }
        for i in 0..tokens.len().saturating_sub(1).min(62) {
            let (x, y) = (&tokens[i], &tokens[i + 1]);
            if !x.forms.numeric && !y.forms.numeric && x.forms.len >= 2 && y.forms.len >= 2 {
                probes.push((
                    i as u32,
                    x.weight + y.weight,
                    std::borrow::Cow::Owned(TokenForms::joined(x.forms, y.forms)),
                ));
            }
        }
        // Every (form, quality, query bit, weight) reached, best quality first per probe.
        let mut reached: Vec<(u32, f32, u32, f32)> = Vec::new();
        let mut keys = Vec::new();
        let mut deletion_hits: Vec<u32> = Vec::new();
        for (bit, weight, probe) in &probes {
            keys.clear();
            // A joined probe looks up one-edit deletions only: with the listed word's own
            // two-edit neighbourhood that still meets it two edits away when one of them is on
            // the query side, and it saves most of the lookups of a query.
            let depth = if matches!(probe, std::borrow::Cow::Owned(_)) { 1 } else { 2 };
            form_keys(probe, depth, &mut keys);
            let start = reached.len();
            for &k in &keys {
                let q = key_quality(k);
                let forms = self.keys.get(k).iter().map(|&f| (f, q, *bit, *weight));

                if (k & 7) as u8 != NS_DELETION {
                    reached.extend(forms);
                    continue;
                }
                // Verified once per form below: a form near the probe shares many deletions.
                deletion_hits.extend(self.keys.get(k).iter().copied());
            }
            deletion_hits.sort_unstable();
            deletion_hits.dedup();
            let deletion_quality = key_quality(u64::from(NS_DELETION));
            // Deletion neighbourhoods of depth two also meet words three or four edits apart:
            // keep only forms truly within the edit budget of the shorter token (forms already
            // reached through a better key need no check, they are kept at that quality).
            reached[start..].sort_unstable_by_key(|r| r.0);
            let better = reached.len();
            for &form in &deletion_hits {
                if reached[start..better].binary_search_by_key(&form, |r| r.0).is_ok() {
                    continue;
                }
                let f = &self.forms[form as usize];
                let budget = edit_budget(probe.len).max(edit_budget(f.len));
                let apart =
                    (probe.letters & !f.letters).count_ones().max((f.letters & !probe.letters).count_ones());
                if apart as usize <= budget && osa_distance_chars(&probe.chars, &f.chars, budget).is_some() {
                    reached.push((form, deletion_quality, *bit, *weight));
                }
            }
            deletion_hits.clear();
            let mine = &mut reached[start..];
            mine.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
            let mut w = start;
            for r in start..reached.len() {
                if r == start || reached[r].0 != reached[w - 1].0 {
                    reached[w] = reached[r];
                    w += 1;
                }
            }
            reached.truncate(w);
            reached[start..].sort_unstable_by(|a, b| b.1.total_cmp(&a.1));
        }
        let total = self.names.len() as f32;
        SCRATCH.with(|cell| {
            let mut scratch = cell.borrow_mut();
            let scratch = &mut *scratch;
            if scratch.evidence.len() < self.names.len() {
                scratch.evidence.resize(self.names.len(), 0.0);
                scratch.credited.resize(self.names.len(), 0);
            }
            let mut common = Vec::new();
            // Query tokens that met a rare listed form exactly (or as a variant): a true match
            // reached through such a token is already touched, so the common forms of the
            // *other* query tokens need only add evidence to the names touched.
            let mut anchored: u64 = 0;
            for &(form, quality, bit, weight) in &reached {
                let postings = self.names_with_form(form);
                if postings.len() > COMMON_FORM_NAMES {
                    common.push((form, quality, bit, weight));
                    continue;
                }
                if quality >= key_quality(u64::from(NS_FORM)) && !postings.is_empty() {
                    anchored |= 1u64 << bit;
                }
                let credit = quality * weight * (1.0 + (total / postings.len().max(1) as f32).ln());
                scratch.credit(postings, 1u64 << bit, credit);
            }
            // With no anchor, the query token whose common forms hold the fewest names is
            // walked in full and the others only add evidence: a name that holds none of
            // the rarest token's forms is one among thousands sharing only common words, which
            // evidence could not rank anyway.
            if anchored == 0 && !common.is_empty() {
                let mut held: Vec<(u32, usize)> = Vec::new();
                for c in &common {
                    let n = self.names_with_form(c.0).len();
                    match held.iter_mut().find(|h| h.0 == c.2) {
                        Some(h) => h.1 += n,
                        None => held.push((c.2, n)),
                    }
                }
                if let Some(rarest) = held.iter().min_by_key(|h| (h.1, h.0)) {
                    anchored = 1u64 << rarest.0;
                    // Names reached so far through rare forms stay; the walk adds to them.
                }
            }
            let (boost_only, walk): (Vec<_>, Vec<_>) =
                common.into_iter().partition(|c| anchored & !(1u64 << c.2) != 0);
            for &(form, quality, bit, weight) in &walk {
                let postings = self.names_with_form(form);
                let credit = quality * weight * (1.0 + (total / postings.len().max(1) as f32).ln());
                scratch.credit(postings, 1u64 << bit, credit);
            }
            // Walk the (few hundred) names already reached, not the thousands holding a common
            // form: a name holds the form if it is in the form's sorted postings. The names are
            // walked in order, so each search gallops forward from where the last one stopped.
            if !boost_only.is_empty() {
                scratch.sorted_touched.clear();
                scratch.sorted_touched.extend_from_slice(&scratch.touched);
                scratch.sorted_touched.sort_unstable();
            }
            for &(form, quality, bit, weight) in &boost_only {
                let mut postings = self.names_with_form(form);
                let credit = quality * weight * (1.0 + (total / postings.len().max(1) as f32).ln());
                let mask = 1u64 << bit;
                let reached = scratch.sorted_touched.len();
                if postings.len() <= reached * (2 + (postings.len() / reached.max(1)).max(1).ilog2() as usize)
                {
                    // Postings no longer than the searches would be: read them in order (a
                    // name is touched exactly when some query token credited it).
                    for &n in postings {
                        let seen = scratch.credited[n as usize];
                        if seen != 0 && seen & mask == 0 {
                            scratch.credited[n as usize] = seen | mask;
                            scratch.evidence[n as usize] += credit;
                        }
                    }
                    continue;
                }
                for &n in &scratch.sorted_touched {
                    if scratch.credited[n as usize] & mask != 0 {
                        continue;
                    }
                    postings = skip_below(postings, n);
                    if postings.is_empty() {
                        break;
                    }
                    if postings[0] == n {
                        scratch.credited[n as usize] |= mask;
                        scratch.evidence[n as usize] += credit;
                    }
                }
            }
            let mut found: Vec<(f32, u32)> = Vec::with_capacity(scratch.touched.len());
            for &n in &scratch.touched {
                let i = n as usize;
                let name = &self.names[i];
                if allowed(name.entity) {
                    // Tokens of the listed name that no query token reached count against it,
                    // so that "SIERRA" outranks "SIERRA NEVADA TRADING" for the query "Sierra".
                    let extra = name.token_count.saturating_sub(scratch.credited[i].count_ones());
                    found.push((scratch.evidence[i] / (1.0 + EXTRA_TOKEN_DISCOUNT * extra as f32), n));
                }
                scratch.evidence[i] = 0.0;
                scratch.credited[i] = 0;
            }
            scratch.touched.clear();
            // Names with far less evidence than the best cannot compete with it for the top of
            // the hits: they met only minor tokens of the query.
            let strongest = found.iter().map(|f| f.0).fold(0.0f32, f32::max);
            found.retain(|f| f.0 >= strongest * RELATIVE_EVIDENCE_FLOOR);
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

impl Scratch {
    /// Credits every name of `postings` not yet credited for the query token `mask`.
    fn credit(&mut self, postings: &[u32], mask: u64, credit: f32) {
        for &n in postings {
            let n = n as usize;
            let seen = self.credited[n];
            if seen & mask != 0 {
                continue;
            }
            if seen == 0 {
                self.touched.push(n as u32);
            }
            self.credited[n] = seen | mask;
            self.evidence[n] += credit;
        }
    }
}

/// Maps `items` on all available cores (at most four), keeping order.
fn parallel_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(4);
    if threads <= 1 || items.len() < 2 {
        return items.iter().map(&f).collect();
    }
    let chunk = items.len().div_ceil(threads);
    std::thread::scope(|s| {
        let handles: Vec<_> =
            items.chunks(chunk).map(|c| s.spawn(|| c.iter().map(&f).collect::<Vec<R>>())).collect();
        handles.into_iter().flat_map(|h| h.join().expect("index build worker panicked")).collect()
    })
}

#[cfg(test)]
mod tests {
    use super::skip_below;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn skip_below_agrees_with_binary_search(mut postings in prop::collection::vec(0u32..500, 0..300), n in 0u32..520) {
            postings.sort_unstable();
            postings.dedup();
            let expected = &postings[postings.partition_point(|&p| p < n)..];
            prop_assert_eq!(skip_below(&postings, n), expected);
        }
    }
}
