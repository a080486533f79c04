//! The inverted index: token forms of every listed name, comparison keys that lead to them, and
//! candidate generation for a query.

use crate::attributes::{self, AttributeTable, QueryFacts};
use crate::scorer::Scorer;
use crate::text::{deletion_keys, edit_budget, key, osa_distance_chars, within_one_edit};
use crate::token::{is_low_information, NameToken, NameView, PreparedName, TokenForms};
use crate::{Explanation, Hit, Query, ScreenOptions};
use embargo_model::{normalize_identifier, Entity, EntityKind};
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

/// At most this many listed names (the best by evidence) are scored exactly per query name,
/// counting names written and analysed alike once: the same name listed by several
/// publishers (a quarter of the lists' names) is one candidate, so 48 is some 64 names.
pub const CANDIDATE_CAP: usize = 48;

/// Marks a joined form's id during the build, before joined forms are numbered after the
/// token forms.
const JOINED: u32 = 1 << 31;

/// Candidates whose evidence is within this share of the best's tie with it (see
/// [`TIED_CANDIDATE_CAP`]).
const TIED_EVIDENCE: f32 = 0.999;

/// At most this many names tied with the best evidence are scored when they outnumber
/// [`CANDIDATE_CAP`].
const TIED_CANDIDATE_CAP: usize = 512;

/// Candidates with less evidence than this share of the best candidate's are not scored.
pub const RELATIVE_EVIDENCE_FLOOR: f32 = 0.4;

/// How much each listed token that no query token reached discounts a candidate's evidence.
const EXTRA_TOKEN_DISCOUNT: f32 = 0.3;

/// A common form's postings up to this many times longer than the names a query reached are
/// scanned against them; for longer ones, each name reached is searched in the postings by
/// galloping (see `Index::candidates`).
const SCAN_RATIO: usize = 32;

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

/// 64-bit keys with their postings, in an open-addressing table probed linearly: a lookup
/// usually reads one cache line of slots and nothing else, because most keys (deletion
/// neighbours) lead to one token form, whose id sits in the slot itself. A slot holds 32 bits
/// of the key (the bits that did not choose the slot) and the data, 8 bytes in all, at a load
/// of 0.7.
///
/// Keys already are hashes: the high 32 bits choose the slot (scaled to the table's size) and
/// the slot keeps 31 low bits, so that an unknown key is taken for a listed one with odds of
/// about 1 in 10⁹ per lookup (it would add a candidate, which scoring then judges).
#[derive(Debug, Default)]
struct KeyTable {
    /// (stored key bits, data); stored bits 0 mark an empty slot. Data with
    /// [`KeyTable::RUN`] set is the offset in `runs` of a run `[length, ids...]`; otherwise it
    /// is the one token-form id the key leads to.
    slots: Vec<(u32, u32)>,
    runs: Vec<u32>,
    keys: usize,
}

impl KeyTable {
    const RUN: u32 = 1 << 31;

    /// Builds from `(key, posting)` pairs in any order, repeats allowed.
    fn build(mut pairs: Vec<(u64, u32)>) -> KeyTable {
        pairs.sort_unstable();
        pairs.dedup();
        let keys = pairs.chunk_by(|x, y| x.0 == y.0).count();
        let size = (keys * 10 / 7).max(16);
        let mut table = KeyTable { slots: vec![(0, 0); size], runs: Vec::new(), keys };
        for group in pairs.chunk_by(|x, y| x.0 == y.0) {
            let k = group[0].0;
            let data = if let [(_, form)] = group {
                debug_assert!(*form < Self::RUN);
                *form
            } else {
                let at = table.runs.len() as u32;
                table.runs.push(group.len() as u32);
                table.runs.extend(group.iter().map(|p| p.1));
                at | Self::RUN
            };
            let mut slot = table.home(k);
            while table.slots[slot].0 != 0 {
                slot = table.next(slot);
            }
            table.slots[slot] = (Self::stored(k), data);
        }
        table.runs.shrink_to_fit();
        table
    }

    /// The slot where the search for `k` starts: its high half scaled to the table's size.
    fn home(&self, k: u64) -> usize {
        (((k >> 32) * self.slots.len() as u64) >> 32) as usize
    }

    fn next(&self, slot: usize) -> usize {
        if slot + 1 == self.slots.len() {
            0
        } else {
            slot + 1
        }
    }

    /// The key bits kept in a slot: bits 3 to 34 (above the namespace), never 0.
    fn stored(k: u64) -> u32 {
        ((k >> 3) as u32) | 1
    }

    /// The slot holding `k`, if `k` is in the table.
    fn find(&self, k: u64) -> Option<usize> {
        if self.keys == 0 {
            return None;
        }
        let (want, mut slot) = (Self::stored(k), self.home(k));
        loop {
            match self.slots[slot].0 {
                0 => return None,
                stored if stored == want => return Some(slot),
                _ => slot = self.next(slot),
            }
        }
    }

    /// The token forms `k` leads to (none for an unknown key).
    fn get(&self, k: u64) -> &[u32] {
        let Some(slot) = self.find(k) else { return &[] };
        let data = &self.slots[slot].1;
        if data & Self::RUN == 0 {
            return std::slice::from_ref(data);
        }
        let at = (data & !Self::RUN) as usize;
        &self.runs[at + 1..at + 1 + self.runs[at] as usize]
    }

    /// Hints the CPU to load the postings of `k` when they are not in its slot (the slot
    /// itself should be in the cache by now, see [`KeyTable::prefetch`]).
    fn prefetch_postings(&self, k: u64) {
        if let Some(slot) = self.find(k) {
            let data = self.slots[slot].1;
            if data & Self::RUN != 0 {
                prefetch(&self.runs[(data & !Self::RUN) as usize]);
            }
        }
    }

    /// Hints the CPU to load the slot where a lookup of `k` starts.
    fn prefetch(&self, k: u64) {
        if let Some(slot) = self.slots.get(self.home(k)) {
            prefetch(slot);
        }
    }

    fn len(&self) -> usize {
        self.keys
    }

    fn heap_bytes(&self) -> usize {
        self.slots.len() * 8 + self.runs.len() * 4
    }
}

/// The cache lines of a [`TokenForms`] that token similarity reads (its inline fields).
const TOKEN_FORMS_LINES_READ: usize = 3;

/// Hints the CPU to load the cache line holding `item` (a no-op where there is no such hint):
/// the index is far larger than the caches, and candidate search and scoring read it at
/// scattered places they know in advance.
#[inline(always)]
fn prefetch<T>(item: &T) {
    prefetch_lines(item, 1);
}

/// [`prefetch`] for the first `lines` cache lines of `item`.
#[inline(always)]
fn prefetch_lines<T>(item: &T, lines: usize) {
    let bytes = std::mem::size_of::<T>().clamp(1, lines * 64);
    let start = (item as *const T).cast::<u8>();
    for offset in (0..bytes).step_by(64) {
        let line = start.wrapping_add(offset);
        // SAFETY: a prefetch is a hint: it neither faults nor changes memory, whatever the
        // address (here always inside `item`). It is `unsafe` only as a `target_feature`
        // function (SSE, part of every x86_64 CPU).
        #[cfg(target_arch = "x86_64")]
        unsafe {
            std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(line.cast());
        }
        #[cfg(not(target_arch = "x86_64"))]
        let _ = line;
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

/// The keys a query probe looks up first: its forms and one-edit neighbourhood. Two Latin words
/// run together (`joined`) meet a listed word as written or within an edit; their sound or
/// consonants alone ("alaqsa": ALKS, the code of WALLEX and YULLUX) meet rare single words by
/// accident, and such a word, wholly credited, outranked the very name queried
/// ("AL-AQSA CHARITABLE ORGANIZATION"). Words transliterated from another script keep these
/// keys: their vowels are guesses.
fn near_keys(probe: &TokenForms, joined: bool, out: &mut Vec<u64>) {
    let from = out.len();
    form_keys(probe, 1, out);
    if joined && !probe.non_latin {
        let mut kept = from;
        for at in from..out.len() {
            if matches!((out[at] & 7) as u8, NS_FORM | NS_DELETION) {
                out[kept] = out[at];
                kept += 1;
            }
        }
        out.truncate(kept);
    }
}

/// Whether a token may be one half of a joined form. Numbers and legal forms are never
/// written run together with a name, and a joined probe such as "llcmilur" (from "LLC MILUR")
/// only reaches names by accident (its skeleton is that of "Lucy MILLER").
fn joinable(forms: &TokenForms, role: TokenRole) -> bool {
    !forms.numeric && forms.len >= 2 && role != TokenRole::LegalForm
}

/// How far below the floor a scorer's upper bound must be before a candidate is skipped.
const BOUND_SLACK: f64 = 1e-6;

/// A query name being scored against candidates: its view, its position among the query's
/// names, the name score below which no candidate can become a hit whatever its attributes,
/// and the query's attributes and threshold that say what a given candidate's allow.
struct ScoredQueryName<'v, 'q> {
    view: &'v NameView<'q>,
    index: usize,
    floor: f64,
    facts: &'v QueryFacts,
    threshold: f64,
}

/// Best name score per entity during one query: (score, listed name id, query name index).
type BestPerEntity = HashMap<u32, (f64, u32, usize), foldhash::fast::RandomState>;

/// Every entity kind, for masks of kinds.
const ALL_KINDS: [EntityKind; 5] = [
    EntityKind::Person,
    EntityKind::Organization,
    EntityKind::Vessel,
    EntityKind::Aircraft,
    EntityKind::Unknown,
];

fn kind_bit(kind: EntityKind) -> u8 {
    match kind {
        EntityKind::Person => 1,
        EntityKind::Organization => 2,
        EntityKind::Vessel => 4,
        EntityKind::Aircraft => 8,
        EntityKind::Unknown => 16,
    }
}

/// The end of a chain of names (see `Index::group_next`).
const NO_NAME: u32 = u32::MAX;

/// What one query name has found of a group of alike listed names (see `Index::group_next`),
/// shared by the names of the group: nothing yet, a bound below the floor, or the scorer's
/// bound and its score once computed.
#[derive(Clone, Copy)]
enum GroupScore {
    Unknown,
    BelowFloor,
    Bounded(f64, Option<f64>),
}

/// What one query has found of one listed name so far.
#[derive(Debug, Clone, Copy, Default)]
struct Tally {
    evidence: f32,
    /// Query tokens already credited to the name (bit per token).
    credited: u32,
}

/// Query tokens past this position are not looked up (they are still scored): a bit per token
/// in [`Tally::credited`].
const MAX_PROBED_TOKENS: usize = 32;

/// Evidence accumulated per listed name during one query, reused across queries of a thread.
/// Evidence and credited tokens of a name sit side by side: crediting a name touches one
/// cache line.
#[derive(Default)]
struct Scratch {
    tally: Vec<Tally>,
    touched: Vec<u32>,
    /// `touched` in ascending order (see the common forms in `Index::candidates`).
    sorted_touched: Vec<u32>,
    /// `touched` as a bit per listed name (12 KB for the lists' 96,000 names: it stays in the
    /// nearest cache while a common form's names are tested against it).
    touched_bits: Vec<u64>,
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
    /// Entity positions sorted by entity id, for [`Index::entity`] (the ids stay in the
    /// entities, not copied into a map).
    by_id: Vec<u32>,
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
    /// The joined forms, by the two token forms they join: joined form `j` has the form id
    /// `forms.len() + j`.
    joined: Vec<(u32, u32)>,
    /// Per form (token forms, then joined ones), its `letters` and `len`, apart from the bulky
    /// `TokenForms`: most forms a deletion key reaches are ruled out by these alone.
    form_letters: Vec<u64>,
    form_lens: Vec<u8>,
    /// Per listed name, its number of tokens (at most 255), read for every name a query reaches.
    name_token_counts: Vec<u8>,
    /// Per listed name, its entity's kind: a query of another kind can leave a name out as soon
    /// as it reaches it.
    name_kinds: Vec<EntityKind>,
    /// Per group (at its first name), a bit per kind of its names' entities
    /// ([`kind_bit`]): the kind filter rules a group out without walking it.
    group_kinds: Vec<u8>,
    /// Names written the same way with the same tokens, roles and weights form a group: the
    /// same person or company listed by several publishers (or twice by one) is one name to
    /// the scorer, which is asked about it once per query name. Postings hold only the first
    /// name of each group, so that a query reaches and ranks the group once; this is, per
    /// listed name, the next name of its group ([`NO_NAME`] after the last).
    group_next: Vec<u32>,
    /// How many groups there are (see [`IndexStats::distinct_names`]).
    groups: usize,
    keys: KeyTable,
    identifiers: HashMap<String, Vec<u32>>,
    /// What screening reads of the entities' attributes before scoring their names.
    attributes: AttributeTable,
}

/// Sizes of an index, for logs and benchmarks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IndexStats {
    pub entities: usize,
    pub names: usize,
    /// Names that differ in how they are written or analysed (the same name listed by several
    /// publishers counts once): what a query's scorer may be asked about.
    pub distinct_names: usize,
    pub distinct_token_forms: usize,
    pub keys: usize,
    /// Approximate heap bytes of the index structures (not of the entities).
    pub index_bytes: usize,
}

impl Index {
    /// Indexes `entities`: analyses every name, files each distinct token form
    /// under its keys.
    pub fn build(entities: Vec<Entity>) -> Index {
        // Collected into a new vector: an in-place collect would keep the entities' own buffer
        // (472 bytes each) as that of the 8-byte `Arc`s, 22 MB of the lists held for nothing.
        let mut shared: Vec<Arc<Entity>> = Vec::with_capacity(entities.len());
        shared.extend(entities.into_iter().map(Arc::new));
        let entities = shared;
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
        // Two adjacent listed tokens written as one ("AGHA JANI" → "aghajani") are a joined
        // form, known by the pair of token forms it joins: its keys are made from it at the
        // end, and nothing else of it is kept (most listed forms are joined ones).
        let mut joined_ids: HashMap<(u32, u32), u32, foldhash::fast::RandomState> = HashMap::default();
        let mut joined: Vec<(u32, u32)> = Vec::new();
        let mut names = Vec::with_capacity(work.len());
        let mut name_texts = String::new();
        let mut tokens: Vec<StoredToken> = Vec::with_capacity(work.len() * 3);
        // (form, name), joined forms marked with JOINED until their ids are known.
        let mut form_name_pairs: Vec<(u32, u32)> = Vec::with_capacity(work.len() * 5);
        // Analysed in chunks, so that the short-lived strings of one chunk are freed before the
        // next is analysed: the allocator reuses them instead of growing the heap.
        // One thread: analysing on several (each allocating in its own heap) was no faster once
        // names were cheap to analyse, and it left some 45 MB of freed but resident memory in
        // the other threads' heaps.
        for &(entity, name) in &work {
            let prepared = {
                let entity = &entities[entity as usize];
                PreparedName::analyze(&entity.names[name as usize].full, Some(entity.kind))
            };
            if prepared.forms.is_empty() {
                continue;
            }
            let name_id = names.len() as u32;
            let first_token = tokens.len() as u32;
            let token_count = prepared.forms.len() as u32;
            let PreparedName { forms: name_forms, roles, weights, .. } = prepared;
            for ((f, role), weight) in name_forms.into_iter().zip(roles).zip(weights) {
                let id = intern(f, &mut forms);
                tokens.push(StoredToken { forms: id, role, weight });
                form_name_pairs.push((id, name_id));
            }
            for w in tokens[first_token as usize..].windows(2) {
                let (x, y) = (&forms[w[0].forms as usize], &forms[w[1].forms as usize]);
                if !joinable(x, w[0].role) || !joinable(y, w[1].role) {
                    continue;
                }
                let id = *joined_ids.entry((w[0].forms, w[1].forms)).or_insert_with(|| {
                    joined.push((w[0].forms, w[1].forms));
                    (joined.len() - 1) as u32
                });
                form_name_pairs.push((id | JOINED, name_id));
            }
            let full = &entities[entity as usize].names[name as usize].full;
            let (text_start, text_len) = (name_texts.len() as u32, full.len() as u32);
            name_texts.push_str(full);
            names.push(ListedName { entity, name, first_token, token_count, text_start, text_len });
        }
        drop(form_ids);
        drop(joined_ids);
        // Names written and analysed alike are one name to the scorer (see `group_next`): per
        // name, the first name of its group.
        let name_groups: Vec<u32> = {
            type Written<'t> = (&'t str, Vec<(u32, TokenRole, u32)>);
            let mut first: HashMap<Written<'_>, u32, foldhash::fast::RandomState> = HashMap::default();
            names
                .iter()
                .enumerate()
                .map(|(id, n)| {
                    let text = &name_texts[n.text_start as usize..(n.text_start + n.text_len) as usize];
                    let tokens = tokens[n.first_token as usize..(n.first_token + n.token_count) as usize]
                        .iter()
                        .map(|t| (t.forms, t.role, t.weight.to_bits()))
                        .collect();
                    *first.entry((text, tokens)).or_insert(id as u32)
                })
                .collect()
        };
        let mut group_next = vec![NO_NAME; names.len()];
        let mut group_last: HashMap<u32, u32, foldhash::fast::RandomState> = HashMap::default();
        for (id, &group) in name_groups.iter().enumerate() {
            let last = group_last.entry(group).or_insert(group);
            if *last != id as u32 {
                group_next[*last as usize] = id as u32;
                *last = id as u32;
            }
        }
        drop(group_last);
        // Joined forms are numbered after the token forms.
        let token_forms = forms.len() as u32;
        let all_forms = forms.len() + joined.len();
        for pair in &mut form_name_pairs {
            if pair.0 & JOINED != 0 {
                pair.0 = token_forms + (pair.0 & !JOINED);
            }
            pair.1 = name_groups[pair.1 as usize];
        }
        form_name_pairs.sort_unstable();
        form_name_pairs.dedup();
        let mut form_starts = Vec::with_capacity(all_forms + 1);
        let mut form_names = Vec::with_capacity(form_name_pairs.len());
        let mut pairs = form_name_pairs.into_iter().peekable();
        for f in 0..all_forms as u32 {
            form_starts.push(form_names.len() as u32);
            while let Some((_, n)) = pairs.next_if(|p| p.0 == f) {
                form_names.push(n);
            }
        }
        form_starts.push(form_names.len() as u32);

        let mut all_keys = Vec::new();
        let mut out = Vec::new();
        for id in 0..all_forms as u32 {
            out.clear();
            if id < token_forms {
                form_keys(&forms[id as usize], 2, &mut out);
            } else {
                // A joined form is filed with its one-edit neighbourhood only: a query word
                // joined from two listed words rarely carries two typos as well, and two-edit
                // neighbourhoods of every adjacent pair would triple the index.
                let (x, y) = joined[(id - token_forms) as usize];
                form_keys(&TokenForms::joined(&forms[x as usize], &forms[y as usize]), 1, &mut out);
            }
            all_keys.extend(out.iter().map(|&k| (k, id)));
        }
        let keys = KeyTable::build(all_keys);
        let form_letters = forms
            .iter()
            .map(|f| f.letters)
            .chain(joined.iter().map(|&(x, y)| forms[x as usize].letters | forms[y as usize].letters))
            .collect();
        let form_lens = forms
            .iter()
            .map(|f| f.len)
            .chain(joined.iter().map(|&(x, y)| forms[x as usize].len + forms[y as usize].len))
            .map(|len| len.min(255) as u8)
            .collect();
        let name_token_counts = names.iter().map(|n| n.token_count.min(255) as u8).collect();
        let name_kinds: Vec<EntityKind> = names.iter().map(|n| entities[n.entity as usize].kind).collect();
        let mut group_kinds = vec![0u8; names.len()];
        for (n, &g) in name_groups.iter().enumerate() {
            group_kinds[g as usize] |= kind_bit(name_kinds[n]);
        }

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
        let attributes = AttributeTable::build(&entities);
        let mut by_id: Vec<u32> = (0..entities.len() as u32).collect();
        by_id.sort_unstable_by(|&x, &y| entities[x as usize].id.cmp(&entities[y as usize].id));
        release_freed_memory();
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
            joined,
            form_letters,
            form_lens,
            name_token_counts,
            name_kinds,
            groups: name_groups.iter().enumerate().filter(|&(n, &g)| g as usize == n).count(),
            group_kinds,
            group_next,
            keys,
            identifiers,
            attributes,
        }
    }

    pub fn len(&self) -> usize {
        self.entities.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entities.is_empty()
    }

    pub fn entity(&self, id: &str) -> Option<&Arc<Entity>> {
        let at = self.by_id.partition_point(|&i| self.entities[i as usize].id.as_str() < id);
        let &i = self.by_id.get(at)?;
        (self.entities[i as usize].id == id).then(|| &self.entities[i as usize])
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
            distinct_names: self.groups,
            distinct_token_forms: self.forms.len(),
            keys: self.keys.len(),
            index_bytes: forms_bytes
                + names_bytes
                + self.keys.heap_bytes()
                + (self.form_starts.len() + self.form_names.len()) * 4
                + self.joined.len() * 8
                + self.form_letters.len() * 9
                + self.name_token_counts.len()
                + self.name_kinds.len() * std::mem::size_of::<EntityKind>()
                + self.group_kinds.len()
                + self.group_next.len() * 4
                + self.attributes.heap_bytes(),
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
        // Above the threshold an entity of a contradicting kind could reach, its names are no
        // candidates: they would take the place of names that could become hits.
        let wanted_kind = query.kind.filter(|_| !attributes::a_kind_conflict_can_reach(options.threshold));
        let name_allowed = |n: u32| {
            wanted_kind.is_none_or(|k| !attributes::kinds_conflict(k, self.name_kinds[n as usize]))
                && (allowed.is_none() || entity_allowed(self.names[n as usize].entity))
        };
        let filtered = allowed.is_some() || wanted_kind.is_some();
        let wanted_kinds: u8 = ALL_KINDS
            .iter()
            .filter(|&&kind| wanted_kind.is_none_or(|k| !attributes::kinds_conflict(k, kind)))
            .fold(0, |bits, &kind| bits | kind_bit(kind));
        // A group is a candidate when one of its names may be.
        let group_allowed = |first: u32| {
            self.group_kinds[first as usize] & wanted_kinds != 0
                && (allowed.is_none() || self.group(first).any(name_allowed))
        };
        let filter: Option<&dyn Fn(u32) -> bool> = filtered.then_some(&group_allowed);

        // Best name score per entity: (score, listed name id, query name index).
        let mut best: BestPerEntity = BestPerEntity::default();
        // No attribute of the query could lift a name scoring below this to the threshold:
        // such names are not scored exactly, and their attributes are not compared.
        let lowest_name_score = attributes::lowest_name_score_that_can_reach(query, options.threshold);
        let facts = QueryFacts::of(query);
        // One token buffer for every candidate of the query: no allocation per candidate.
        let mut listed = NameView { original: "", tokens: Vec::with_capacity(16) };
        let prepared: Vec<PreparedName> =
            query.names.iter().map(|n| PreparedName::analyze(n, query.kind)).collect();
        for (qi, q) in prepared.iter().enumerate() {
            let view = q.view();
            let candidates = self.candidates(&view, filter);
            let scored = ScoredQueryName {
                view: &view,
                index: qi,
                floor: lowest_name_score,
                facts: &facts,
                threshold: options.threshold,
            };
            for &n in candidates.iter().take(6) {
                prefetch(&self.names[n as usize]);
            }
            for (at, &first) in candidates.iter().enumerate() {
                self.prefetch_ahead(&candidates, at);
                let mut group = GroupScore::Unknown;
                for name_id in self.group(first) {
                    if !filtered || name_allowed(name_id) {
                        self.score_into(scorer, &scored, name_id, &mut listed, &mut group, &mut best);
                    }
                }
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
                        let scored = ScoredQueryName {
                            view: &view,
                            index: qi,
                            floor: f64::NEG_INFINITY,
                            facts: &facts,
                            threshold: f64::NEG_INFINITY,
                        };
                        let mut group = GroupScore::Unknown;
                        self.score_into(scorer, &scored, n, &mut listed, &mut group, &mut best);
                    }
                }
                best.entry(e).or_insert((0.0, u32::MAX, 0));
            }
        }

        let mut hits: Vec<(f64, u32, u32, usize, Vec<Explanation>)> = best
            .into_iter()
            .filter_map(|(e, (name_score, name_id, qi))| {
                if name_score < lowest_name_score {
                    return None;
                }
                let entity = &self.entities[e as usize];
                let (score, why) = attributes::adjust(query, entity, name_score, options.explain);
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

    /// The names of the group whose first name is `first`, in order.
    fn group(&self, first: u32) -> impl Iterator<Item = u32> + '_ {
        std::iter::successors(Some(first), |&n| {
            Some(self.group_next[n as usize]).filter(|&next| next != NO_NAME)
        })
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
        query: &ScoredQueryName<'_, '_>,
        name_id: u32,
        listed: &mut NameView<'s>,
        group: &mut GroupScore,
        best: &mut BestPerEntity,
    ) {
        let name = &self.names[name_id as usize];
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
                let bound = scorer.upper_bound(query.view, listed) + BOUND_SLACK;
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
                if !viewed {
                    self.view_into(name, listed);
                }
                let score = scorer.score(query.view, listed, false).score;
                *group = GroupScore::Bounded(bound, Some(score));
                score
            }
        };
        let slot = best.entry(name.entity).or_insert((-1.0, name_id, query.index));
        if score > slot.0 {
            *slot = (score, name_id, query.index);
        }
    }

    /// Asks the CPU to bring in what scoring `candidates[at..]` will read (names, tokens and token
    /// forms, scattered over some 50 MB) a few candidates ahead of scoring them: a candidate's
    /// name 6 ahead, its tokens 4 ahead, its token forms 2 ahead. The misses then overlap with
    /// the scoring of the candidates before, without asking for more lines at once than the
    /// CPU can fetch.
    fn prefetch_ahead(&self, candidates: &[u32], at: usize) {
        if let Some(&n) = candidates.get(at + 6) {
            prefetch(&self.names[n as usize]);
        }
        if let Some(&n) = candidates.get(at + 4) {
            let name = &self.names[n as usize];
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

    /// Calls `f` with the letters of form `form` (a token form or a joined one).
    fn with_form_chars<R>(&self, form: u32, f: impl FnOnce(&[char]) -> R) -> R {
        match self.joined.get((form as usize).wrapping_sub(self.forms.len())) {
            None => f(&self.forms[form as usize].chars),
            Some(&(x, y)) => {
                let (x, y) = (&self.forms[x as usize].chars, &self.forms[y as usize].chars);
                let chars: smallvec::SmallVec<[char; 32]> = x.iter().chain(y.iter()).copied().collect();
                f(&chars)
            }
        }
    }

    fn names_with_form(&self, form: u32) -> &[u32] {
        let f = form as usize;
        &self.form_names[self.form_starts[f] as usize..self.form_starts[f + 1] as usize]
    }

    /// Looks up `keys` of one query probe and adds the forms they reach to `reached[start..]`
    /// as (form, key quality, query bit, weight), one entry per form at its best quality.
    /// Forms reached through deletion keys are kept only within the edit budget.
    fn look_up(
        &self,
        probe: &TokenForms,
        keys: &[u64],
        (bit, weight): (u32, f32),
        start: usize,
        reached: &mut Vec<(u32, f32, u32, f32)>,
        deletion_hits: &mut Vec<u32>,
    ) {
        for &k in keys {
            let postings = self.keys.get(k);
            if (k & 7) as u8 != NS_DELETION {
                let q = key_quality(k);
                reached.extend(postings.iter().map(|&f| (f, q, bit, weight)));
            } else {
                // Verified once per form below: a form near the probe shares many deletions.
                deletion_hits.extend_from_slice(postings);
            }
        }
        deletion_hits.sort_unstable();
        deletion_hits.dedup();
        for &form in deletion_hits.iter() {
            prefetch(&self.form_letters[form as usize]);
        }
        let deletion_quality = key_quality(u64::from(NS_DELETION));
        // One entry per form reached so far, at its best quality, in form order for the search
        // below.
        reached[start..].sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
        let mut w = start;
        for r in start..reached.len() {
            if r == start || reached[r].0 != reached[w - 1].0 {
                reached[w] = reached[r];
                w += 1;
            }
        }
        reached.truncate(w);
        // Deletion neighbourhoods of depth two also meet words three or four edits apart:
        // keep only forms truly within the edit budget of the shorter token (forms already
        // reached through a better key need no check, they are kept at that quality). The
        // forms added are distinct and new: the entries stay one per form.
        let better = reached.len();
        for &form in deletion_hits.iter() {
            if reached[start..better].binary_search_by_key(&form, |r| r.0).is_ok() {
                continue;
            }
            let (letters, len) = (self.form_letters[form as usize], self.form_lens[form as usize]);
            let budget = edit_budget(probe.len).max(edit_budget(usize::from(len)));
            let apart = (probe.letters & !letters).count_ones().max((letters & !probe.letters).count_ones());
            if apart as usize <= budget
                && self.with_form_chars(form, |chars| match budget {
                    1 => within_one_edit(&probe.chars, chars),
                    _ => osa_distance_chars(&probe.chars, chars, budget).is_some(),
                })
            {
                reached.push((form, deletion_quality, bit, weight));
            }
        }
        deletion_hits.clear();
    }

    /// The listed names worth scoring for one query name, each standing for its group of names
    /// written alike (see `group_next`): those reached through any key of any informative
    /// query token (or of two adjacent query tokens joined), the best [`CANDIDATE_CAP`] by
    /// evidence. Evidence per name sums, over the query tokens that reached
    /// it, the key quality times the token weight times the rarity of the listed form.
    ///
    /// Forms held by more than [`COMMON_FORM_NAMES`] names (MUHAMMAD, ALI, LLC) only add
    /// evidence to names already reached when another query token met a rare form exactly;
    /// with no such token, the common forms of the query token that holds the fewest names are
    /// walked in full and the others only add evidence.
    ///
    /// `allowed`, when given, says which groups (by their first name) may be candidates at all.
    fn candidates(&self, query: &NameView<'_>, allowed: Option<&dyn Fn(u32) -> bool>) -> Vec<u32> {
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
        for &i in informative.iter().filter(|&&i| i < MAX_PROBED_TOKENS) {
            probes.push((i as u32, tokens[i].weight, std::borrow::Cow::Borrowed(tokens[i].forms)));
        }
        for i in 0..tokens.len().saturating_sub(1).min(MAX_PROBED_TOKENS - 1) {
            let (x, y) = (&tokens[i], &tokens[i + 1]);
            if joinable(x.forms, x.role) && joinable(y.forms, y.role) {
                probes.push((
                    i as u32,
                    x.weight + y.weight,
                    std::borrow::Cow::Owned(TokenForms::joined(x.forms, y.forms)),
                ));
            }
        }
        // Every (form, quality, query bit, weight) reached, best quality first per probe.
        let mut reached: Vec<(u32, f32, u32, f32)> = Vec::new();
        let mut deletion_hits: Vec<u32> = Vec::new();
        // One-edit neighbourhoods of every probe first, their table slots prefetched together.
        // A query word of eight letters or more may carry two typos, but its two-edit
        // neighbourhood (some 40 keys) is looked up only when no listed form equals it or one
        // of its variants: a word found as written names what it says, and most of a query's
        // lookups are saved. A joined probe looks up one-edit deletions only: with the listed
        // word's own two-edit neighbourhood that still meets it two edits away when one of
        // them is on the query side.
        let mut keys = Vec::new();
        let mut probe_keys = Vec::with_capacity(probes.len() + 1);
        for (_, _, probe) in &probes {
            probe_keys.push(keys.len());
            near_keys(probe, matches!(probe, std::borrow::Cow::Owned(_)), &mut keys);
        }
        probe_keys.push(keys.len());
        for &k in &keys {
            self.keys.prefetch(k);
        }
        for &k in &keys {
            self.keys.prefetch_postings(k);
        }
        let mut wider = Vec::new();
        for (p, (bit, weight, probe)) in probes.iter().enumerate() {
            let start = reached.len();
            let near = &keys[probe_keys[p]..probe_keys[p + 1]];
            self.look_up(probe, near, (*bit, *weight), start, &mut reached, &mut deletion_hits);
            let joined = matches!(probe, std::borrow::Cow::Owned(_));
            let found_as_written = reached[start..].iter().any(|r| r.1 >= 1.0);
            if !joined && !found_as_written && edit_budget(probe.len) >= 2 {
                wider.clear();
                form_keys(probe, 2, &mut wider);
                // Both neighbourhoods are sorted after the non-deletion keys they share.
                wider.retain(|k| (k & 7) as u8 == NS_DELETION && !near.contains(k));
                for &k in &wider {
                    self.keys.prefetch(k);
                }
                self.look_up(probe, &wider, (*bit, *weight), start, &mut reached, &mut deletion_hits);
            }
            // Best quality first (a name is credited once per query token, by the first form
            // that reaches it), then by form, so that the order never depends on how the
            // entries were gathered.
            reached[start..].sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        }
        for r in &reached {
            prefetch(&self.form_starts[r.0 as usize]);
        }
        for r in &reached {
            if let Some(first) = self.form_names.get(self.form_starts[r.0 as usize] as usize) {
                prefetch(first);
            }
        }
        let total = self.names.len() as f32;
        SCRATCH.with(|cell| {
            let mut scratch = cell.borrow_mut();
            let scratch = &mut *scratch;
            if scratch.tally.len() < self.names.len() {
                scratch.tally.resize(self.names.len(), Tally::default());
            }
            let mut common = Vec::new();
            // Query tokens that met a rare listed form exactly (or as a variant): a true match
            // reached through such a token is already touched, so the common forms of the
            // *other* query tokens need only add evidence to the names touched.
            let mut anchored: u32 = 0;
            for &(form, ..) in &reached {
                let postings = self.names_with_form(form);
                if postings.len() <= COMMON_FORM_NAMES {
                    postings.iter().for_each(|&n| prefetch(&scratch.tally[n as usize]));
                }
            }
            for &(form, quality, bit, weight) in &reached {
                let postings = self.names_with_form(form);
                if postings.len() > COMMON_FORM_NAMES {
                    common.push((form, quality, bit, weight));
                    continue;
                }
                if quality >= key_quality(u64::from(NS_FORM)) && !postings.is_empty() {
                    anchored |= 1 << bit;
                }
                let credit = quality * weight * (1.0 + (total / postings.len().max(1) as f32).ln());
                scratch.credit(postings, 1 << bit, credit);
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
                    anchored = 1 << rarest.0;
                    // Names reached so far through rare forms stay; the walk adds to them.
                }
            }
            let (boost_only, walk): (Vec<_>, Vec<_>) =
                common.into_iter().partition(|c| anchored & !(1 << c.2) != 0);
            for &(form, quality, bit, weight) in &walk {
                let postings = self.names_with_form(form);
                let credit = quality * weight * (1.0 + (total / postings.len().max(1) as f32).ln());
                scratch.credit(postings, 1 << bit, credit);
            }
            // Common forms only add to the names already reached: a form's names are tested
            // against the set of names reached, or, when the form holds far more names than
            // were reached, each name reached is searched in the form's sorted postings (in
            // order, so each search gallops forward from where the last one stopped).
            // The names reached are sorted only when a form needs them sorted: there are
            // thousands when a common form was walked, and then the bit set serves.
            let mut sorted = false;
            if !boost_only.is_empty() {
                scratch.touched_bits.resize(self.names.len().div_ceil(64), 0);
                for &n in &scratch.touched {
                    scratch.touched_bits[n as usize / 64] |= 1 << (n % 64);
                }
            }
            for &(form, quality, bit, weight) in &boost_only {
                let mut postings = self.names_with_form(form);
                let credit = quality * weight * (1.0 + (total / postings.len().max(1) as f32).ln());
                let mask = 1u32 << bit;
                let Scratch { tally, touched, sorted_touched, touched_bits } = &mut *scratch;
                if postings.len() <= touched.len() * SCAN_RATIO {
                    // Postings not much longer than the names reached: each of their names is
                    // tested against the bit set of the names reached, which stays in the cache.
                    for &n in postings {
                        if touched_bits[n as usize / 64] & (1 << (n % 64)) != 0
                            && tally[n as usize].credited & mask == 0
                        {
                            tally[n as usize].credited |= mask;
                            tally[n as usize].evidence += credit;
                        }
                    }
                    continue;
                }
                if !sorted {
                    sorted_touched.clear();
                    sorted_touched.extend_from_slice(touched);
                    sorted_touched.sort_unstable();
                    sorted = true;
                }
                for &n in sorted_touched.iter() {
                    if tally[n as usize].credited & mask != 0 {
                        continue;
                    }
                    postings = skip_below(postings, n);
                    if postings.is_empty() {
                        break;
                    }
                    if postings[0] == n {
                        tally[n as usize].credited |= mask;
                        tally[n as usize].evidence += credit;
                    }
                }
            }
            let mut found: Vec<(f32, u32)> = Vec::with_capacity(scratch.touched.len());
            for &n in &scratch.touched {
                let i = n as usize;
                let tally = std::mem::take(&mut scratch.tally[i]);
                if allowed.is_none_or(|allowed| allowed(n)) {
                    // Tokens of the listed name that no query token reached count against it,
                    // so that "SIERRA" outranks "SIERRA NEVADA TRADING" for the query "Sierra".
                    let extra =
                        u32::from(self.name_token_counts[i]).saturating_sub(tally.credited.count_ones());
                    found.push((tally.evidence / (1.0 + EXTRA_TOKEN_DISCOUNT * extra as f32), n));
                }
            }
            if !boost_only.is_empty() {
                for &n in &scratch.touched {
                    scratch.touched_bits[n as usize / 64] = 0;
                }
            }
            scratch.touched.clear();
            // Names with far less evidence than the best cannot compete with it for the top of
            // the hits: they met only minor tokens of the query.
            let strongest = found.iter().map(|f| f.0).fold(0.0f32, f32::max);
            found.retain(|f| f.0 >= strongest * RELATIVE_EVIDENCE_FLOOR);
            if found.len() > CANDIDATE_CAP {
                // Namesakes: when more names than the cap share the best evidence (the same
                // name listed for many entities), evidence cannot rank them, and all of them
                // are scored, up to a larger cap, rather than an arbitrary 64.
                let tied = found.iter().filter(|f| f.0 >= strongest * TIED_EVIDENCE).count();
                let keep = tied.clamp(CANDIDATE_CAP, TIED_CANDIDATE_CAP).min(found.len());
                if keep < found.len() {
                    found.select_nth_unstable_by(keep - 1, |a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
                    found.truncate(keep);
                }
            }
            found.into_iter().map(|(_, n)| n).collect()
        })
    }
}

impl Scratch {
    /// Credits every name of `postings` not yet credited for the query token `mask`.
    fn credit(&mut self, postings: &[u32], mask: u32, credit: f32) {
        // Borrowed apart, so that pushing to `touched` does not make the compiler reload
        // `tally` at every name.
        let (tallies, touched) = (&mut self.tally[..], &mut self.touched);
        for &n in postings {
            let tally = &mut tallies[n as usize];
            if tally.credited & mask != 0 {
                continue;
            }
            if tally.credited == 0 {
                touched.push(n);
            }
            tally.credited |= mask;
            tally.evidence += credit;
        }
    }
}

/// Hands the memory freed during the build (analyses, key lists: some 50 MB) back to the
/// system. glibc keeps freed memory for reuse unless it sits at the top of the heap, so without
/// this a long-lived process would stay larger than what it holds.
fn release_freed_memory() {
    // SAFETY: malloc_trim only returns free pages to the system; it touches no live memory.
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    unsafe {
        libc::malloc_trim(0);
    }
}

#[cfg(test)]
mod tests {
    use super::{near_keys, skip_below, KeyTable, NS_DELETION, NS_FORM};
    use crate::token::{PreparedName, TokenForms};

    /// Regression: see [`near_keys`] ("AL-AQSA CHARITABLE ORGANIZATION" did not find itself).
    #[test]
    fn latin_words_run_together_are_not_looked_up_by_sound_or_consonants() {
        let namespaces = |name: &str, joined: bool| {
            let prepared = PreparedName::analyze(name, None);
            let forms = match &prepared.forms[..] {
                [one] => one.clone(),
                [x, y] => TokenForms::joined(x, y),
                _ => unreachable!(),
            };
            let mut keys = Vec::new();
            near_keys(&forms, joined, &mut keys);
            keys.iter().map(|k| (k & 7) as u8).collect::<Vec<_>>()
        };
        let run_together = namespaces("AL AQSA", true);
        assert!(!run_together.is_empty());
        assert!(run_together.iter().all(|ns| matches!(*ns, NS_FORM | NS_DELETION)), "{run_together:?}");
        // A word as written keeps every key, and so do words from another script.
        assert!(namespaces("ALAQSA", false).iter().any(|ns| !matches!(*ns, NS_FORM | NS_DELETION)));
        assert!(namespaces("АЛЬ АКСА", true).iter().any(|ns| !matches!(*ns, NS_FORM | NS_DELETION)));
    }
    use proptest::prelude::*;
    use std::collections::BTreeMap;

    proptest! {
        #[test]
        fn key_table_finds_every_key_and_only_those(
            pairs in prop::collection::vec((0u64..400, 0u32..50), 0..600),
            absent in prop::collection::vec(400u64..800, 0..50),
        ) {
            // Spread the small numbers over the whole 64-bit range, as hashed keys are.
            let spread = |k: u64| k.wrapping_mul(0x9e37_79b9_7f4a_7c15);
            let mut expected: BTreeMap<u64, Vec<u32>> = BTreeMap::new();
            for &(k, p) in &pairs {
                expected.entry(spread(k)).or_default().push(p);
            }
            let table = KeyTable::build(pairs.iter().map(|&(k, p)| (spread(k), p)).collect());
            prop_assert_eq!(table.len(), expected.len());
            for (k, mut postings) in expected {
                postings.sort_unstable();
                postings.dedup();
                prop_assert_eq!(table.get(k), &postings[..]);
            }
            for k in absent {
                prop_assert!(table.get(spread(k)).is_empty());
            }
        }

        #[test]
        fn skip_below_agrees_with_binary_search(mut postings in prop::collection::vec(0u32..500, 0..300), n in 0u32..520) {
            postings.sort_unstable();
            postings.dedup();
            let expected = &postings[postings.partition_point(|&p| p < n)..];
            prop_assert_eq!(skip_below(&postings, n), expected);
        }
    }
}
