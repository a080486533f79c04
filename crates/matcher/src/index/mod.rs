//! The inverted index over the names of listed entities, by stage:
//!
//! - [`key_table`]: the comparison keys of a token form and the table from keys to forms;
//! - [`build`]: analysing the listed names once, grouping names written alike, postings and keys;
//! - [`candidates`]: the listed names a query name reaches, ranked by evidence;
//! - [`screen`]: a query prepared for the index, its candidates bounded and scored, and the
//!   collector that turns each entity's best name into a hit.
//!
//! This module holds the index itself, what every stage reads of it, and the prefetch hints.

mod build;
mod candidates;
mod key_table;
mod parties;
mod screen;

pub use candidates::{CANDIDATE_CAP, COMMON_FORM_NAMES, RELATIVE_ESTIMATE_FLOOR};

use crate::attributes::AttributeTable;
use crate::token::{NameToken, NameView, TokenForms};
use embargo_model::{Entity, EntityKind};
use embargo_names::TokenRole;
use key_table::KeyTable;
use parties::Parties;
use std::collections::HashMap;
use std::sync::Arc;

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
    /// (token form, group by its first name) for the names that hold a form on two tokens or
    /// more ("Aung Aung", "Said Said"), sorted: a query word one letter off such a word meets
    /// the other one there (see `Index::names_repeating`).
    repeated_forms: Vec<(u32, u32)>,
    /// The joined forms, by the two token forms they join: joined form `j` has the form id
    /// `forms.len() + j`.
    joined: Vec<(u32, u32)>,
    /// Per form (token forms, then joined ones), what checks a deletion key's hit against the
    /// edit budget, apart from the bulky `TokenForms`: a form's `chars` sat one miss further,
    /// behind the `TokenForms`, and reading them stalled screening on a miss for each form
    /// checked.
    form_facts: Vec<FormFacts>,
    /// The letters of every token form, end to end (see [`Index::with_form_chars`]).
    form_chars: Vec<char>,
    /// Per token form, the forms its deletions reach within the edit budget (see
    /// `Index::find_neighbours`): those of up to one letter, then (for a form whose budget
    /// allows two edits) those of two, each a run of `neighbours` that `neighbour_starts`
    /// bounds (two runs a form; see [`Index::deletion_neighbours`]). A query word whose letters
    /// are a listed form's reads them here instead of looking up its own deletion keys.
    neighbour_starts: Vec<u32>,
    neighbours: Vec<u32>,
    /// Per listed name, the weight of its informative tokens (not particles, legal forms or
    /// common words of organisations), which ranking reads for every name a query reaches:
    /// copied into each thread's candidate tallies (see `candidates::Tally`).
    name_weights: Vec<f32>,
    /// What a thread's candidate scratch knows this index by, and whether it is still alive: the
    /// scratch keeps the names' weights of the indexes it served last (see `candidates::Tally`)
    /// and drops those of an index dropped.
    identity: Arc<()>,
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
    /// Every group (by its first name) by its name as written, up to case, diacritics,
    /// punctuation and spacing: a query that writes a listed name so is scored against it
    /// whatever the candidate ranking says (see [`Index::written_groups`]).
    written: KeyTable,
    identifiers: HashMap<String, Vec<u32>>,
    /// What screening reads of the entities' attributes before scoring their names.
    attributes: AttributeTable,
    /// The listings of one real-world party grouped (see [`Index::party`]).
    parties: Parties,
}

/// What a deletion key's hit is checked by (see `Index::form_facts`): 16 bytes, four to a
/// cache line.
#[derive(Debug, Clone, Copy)]
struct FormFacts {
    /// [`TokenForms::letters`].
    letters: u64,
    /// Where the form's letters start in `Index::form_chars` (a joined form's: those of the
    /// first form it joins).
    chars_start: u32,
    /// [`TokenForms::len`]: how many letters (a joined form's: both forms').
    len: u32,
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
    pub fn len(&self) -> usize {
        self.entities.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entities.is_empty()
    }

    pub fn entity(&self, id: &str) -> Option<&Arc<Entity>> {
        self.position(id).map(|i| &self.entities[i as usize])
    }

    /// The position of the entity `id` in [`Index::entities`].
    fn position(&self, id: &str) -> Option<u32> {
        let at = self.by_id.partition_point(|&i| self.entities[i as usize].id.as_str() < id);
        let &i = self.by_id.get(at)?;
        (self.entities[i as usize].id == id).then_some(i)
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
                + self.written.heap_bytes()
                + (self.form_starts.len() + self.form_names.len()) * 4
                + self.repeated_forms.len() * 8
                + self.joined.len() * 8
                + self.form_facts.len() * std::mem::size_of::<FormFacts>()
                + self.form_chars.len() * 4
                + (self.neighbour_starts.len() + self.neighbours.len()) * 4
                + self.name_weights.len() * 4
                + self.name_kinds.len() * std::mem::size_of::<EntityKind>()
                + self.group_kinds.len()
                + self.group_next.len() * 4
                + self.attributes.heap_bytes()
                + self.parties.heap_bytes(),
        }
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
        let mut view =
            NameView { original: "", tokens: Vec::with_capacity(name.token_count as usize), kind: None };
        self.view_into(name, &mut view);
        view
    }

    /// The listed name as written.
    fn text_of(&self, name: &ListedName) -> &str {
        &self.name_texts[name.text_start as usize..(name.text_start + name.text_len) as usize]
    }

    /// Fills `view` with the listed name, reusing its token buffer.
    fn view_into<'s>(&'s self, name: &ListedName, view: &mut NameView<'s>) {
        view.original = self.text_of(name);
        view.tokens.clear();
        view.tokens.extend(
            self.tokens[name.first_token as usize..(name.first_token + name.token_count) as usize]
                .iter()
                .map(|t| NameToken { forms: &self.forms[t.forms as usize], role: t.role, weight: t.weight }),
        );
    }

    /// Calls `f` with the letters of form `form` (a token form or a joined one), whose facts
    /// are `facts`. A joined form's are copied together from its two forms': kept end to end
    /// too, the joined forms' letters made the index 4.6 MB (6%) larger for 1% of the survey's
    /// time.
    fn with_form_chars<R>(&self, form: u32, facts: &FormFacts, f: impl FnOnce(&[char]) -> R) -> R {
        let of = |facts: &FormFacts| {
            &self.form_chars[facts.chars_start as usize..(facts.chars_start + facts.len) as usize]
        };
        match self.joined.get((form as usize).wrapping_sub(self.forms.len())) {
            None => f(of(facts)),
            Some(&(x, y)) => {
                let (x, y) = (of(&self.form_facts[x as usize]), of(&self.form_facts[y as usize]));
                let chars: smallvec::SmallVec<[char; 32]> = x.iter().chain(y.iter()).copied().collect();
                f(&chars)
            }
        }
    }

    /// The forms the deletions of token form `form` reach within the edit budget, of up to one
    /// letter and of two (see [`Index::neighbours`]).
    fn deletion_neighbours(&self, form: u32) -> (&[u32], &[u32]) {
        let at = |i: usize| self.neighbour_starts[2 * form as usize + i] as usize;
        (&self.neighbours[at(0)..at(1)], &self.neighbours[at(1)..at(2)])
    }

    fn names_with_form(&self, form: u32) -> &[u32] {
        let f = form as usize;
        &self.form_names[self.form_starts[f] as usize..self.form_starts[f + 1] as usize]
    }

    /// The names (groups, by their first name) that hold `form` on two tokens or more.
    fn names_repeating(&self, form: u32) -> impl Iterator<Item = u32> + '_ {
        let from = self.repeated_forms.partition_point(|&(f, _)| f < form);
        self.repeated_forms[from..].iter().take_while(move |&&(f, _)| f == form).map(|&(_, n)| n)
    }
}
