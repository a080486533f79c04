//! Building the index: every listed name analysed once, its token forms interned, names
//! written alike grouped, postings from forms to groups, and the keys of every form.

use super::key_table::{deletion_depths, form_keys, joinable, KeyTable, NS_MARK, NS_WRITTEN};
use super::parties::Parties;
use super::{kind_bit, FormFacts, Index, ListedName, StoredToken, NO_NAME};
use crate::attributes::{self, AttributeTable};
use crate::code;
use crate::text::{deletion_keys, edit_budget, key};
use crate::token::{is_connector, is_low_information, PreparedName, TokenForms};
use embargo_model::{normalize_identifier, Entity, EntityKind};
use embargo_names::TokenRole;
use std::collections::HashMap;
use std::sync::Arc;

/// Marks a joined form's id during the build, before joined forms are numbered after the
/// token forms.
const JOINED: u32 = 1 << 31;

type FastMap<K, V> = HashMap<K, V, foldhash::fast::RandomState>;

/// Every listed name analysed: the distinct token forms, the joined forms (pairs of adjacent
/// token forms), the names and their tokens, and which form occurs in which name.
struct Analysed {
    forms: Vec<TokenForms>,
    joined: Vec<(u32, u32)>,
    names: Vec<ListedName>,
    name_texts: String,
    tokens: Vec<StoredToken>,
    /// (form, name), joined forms marked with [`JOINED`] until their ids are known.
    form_name_pairs: Vec<(u32, u32)>,
    /// (token form, name) for a form two or more tokens of the name hold ("Aung Aung").
    repeated_form_pairs: Vec<(u32, u32)>,
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
        let Analysed { forms, joined, names, name_texts, tokens, form_name_pairs, repeated_form_pairs } =
            analyse(&entities);
        let name_groups = group_names(&names, &name_texts, &tokens);
        let mut repeated_forms: Vec<(u32, u32)> =
            repeated_form_pairs.into_iter().map(|(form, name)| (form, name_groups[name as usize])).collect();
        repeated_forms.sort_unstable();
        repeated_forms.dedup();
        let group_next = chain_groups(&name_groups);
        let token_forms = forms.len() as u32;
        let (form_starts, form_names) = postings(form_name_pairs, &name_groups, token_forms, joined.len());
        let keys = file_keys(&forms, &joined);
        let written = file_written(&names, &name_texts, &name_groups);
        let (form_facts, form_chars) = form_facts(&forms, &joined);
        let name_weights = names
            .iter()
            .map(|n| {
                tokens[n.first_token as usize..(n.first_token + n.token_count) as usize]
                    .iter()
                    .filter(|t| !is_low_information(t.role))
                    .map(|t| t.weight)
                    .sum()
            })
            .collect();
        let name_kinds: Vec<EntityKind> = names.iter().map(|n| entities[n.entity as usize].kind).collect();
        let mut group_kinds = vec![0u8; names.len()];
        for (n, &g) in name_groups.iter().enumerate() {
            group_kinds[g as usize] |= kind_bit(name_kinds[n]);
        }
        let (lists, entity_list) = lists_of(&entities);
        let identifiers = identifiers_of(&entities);
        let attributes = AttributeTable::build(&entities);
        let parties = Parties::build(&entities, &names, &name_groups, &attributes);
        let mut by_id: Vec<u32> = (0..entities.len() as u32).collect();
        by_id.sort_unstable_by(|&x, &y| entities[x as usize].id.cmp(&entities[y as usize].id));
        let mut index = Index {
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
            repeated_forms,
            joined,
            form_facts,
            form_chars,
            neighbour_starts: Vec::new(),
            neighbours: Vec::new(),
            name_weights,
            identity: Arc::new(()),
            name_kinds,
            groups: name_groups.iter().enumerate().filter(|&(n, &g)| g as usize == n).count(),
            group_kinds,
            group_next,
            keys,
            written,
            identifiers,
            attributes,
            parties,
        };
        index.file_deletion_neighbours();
        index
    }

    /// Fills [`Index::neighbours`] once the key table is built.
    fn file_deletion_neighbours(&mut self) {
        let mut starts = Vec::with_capacity(2 * self.forms.len() + 1);
        let mut all = Vec::new();
        let (mut keys, mut found) = (Vec::new(), Vec::new());
        for (form, forms) in self.forms.iter().enumerate() {
            // Whatever the form's role: a query word of the same letters may be of another.
            let letters = !forms.text.is_empty();
            starts.push(all.len() as u32);
            if letters {
                self.find_neighbours(form as u32, deletion_depths(forms.len, 1), &mut keys, &mut found);
                all.extend_from_slice(&found);
            }
            starts.push(all.len() as u32);
            if letters && edit_budget(forms.len) >= 2 {
                self.find_neighbours(form as u32, 2..=2, &mut keys, &mut found);
                all.extend_from_slice(&found);
            }
        }
        starts.push(all.len() as u32);
        all.shrink_to_fit();
        self.neighbour_starts = starts;
        self.neighbours = all;
    }
}

/// Analyses every name of `entities` (with its entity's kind) and interns its token forms.
///
/// One thread: analysing on several (each allocating in its own heap) was no faster once names
/// were cheap to analyse, and it left some 45 MB of freed but resident memory in the other
/// threads' heaps.
fn analyse(entities: &[Arc<Entity>]) -> Analysed {
    let name_count: usize = entities.iter().map(|e| e.names.len()).sum();
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
    let mut joined_ids: FastMap<(u32, u32), u32> = FastMap::default();
    let mut out = Analysed {
        forms: Vec::new(),
        joined: Vec::new(),
        names: Vec::with_capacity(name_count),
        name_texts: String::new(),
        tokens: Vec::with_capacity(name_count * 3),
        form_name_pairs: Vec::with_capacity(name_count * 5),
        repeated_form_pairs: Vec::new(),
    };
    for (entity, e) in entities.iter().enumerate() {
        for (name, listed) in e.names.iter().enumerate() {
            let prepared = PreparedName::analyze(&listed.full, Some(e.kind));
            if prepared.forms.is_empty() {
                continue;
            }
            let name_id = out.names.len() as u32;
            let first_token = out.tokens.len() as u32;
            let token_count = prepared.forms.len() as u32;
            let PreparedName { forms: name_forms, roles, weights, .. } = prepared;
            for ((f, role), weight) in name_forms.into_iter().zip(roles).zip(weights) {
                let id = intern(f, &mut forms);
                out.tokens.push(StoredToken { forms: id, role, weight });
                out.form_name_pairs.push((id, name_id));
            }
            let name_tokens = &out.tokens[first_token as usize..];
            // A form the name holds twice or more, once (at its last token).
            for (i, t) in name_tokens.iter().enumerate() {
                if name_tokens[..i].iter().any(|u| u.forms == t.forms)
                    && !name_tokens[i + 1..].iter().any(|u| u.forms == t.forms)
                {
                    out.repeated_form_pairs.push((t.forms, name_id));
                }
            }
            // Adjacent words, and the words on either side of a connector ("JAISH-I-MOHAMMED"
            // as `jaishmohammed`, which a query's "JAISHIMOHAMMED" reaches one edit off).
            let adjacent = name_tokens.windows(2).map(|w| (&w[0], &w[1]));
            let connected = name_tokens
                .windows(3)
                .filter(|w| is_connector(&forms[w[1].forms as usize], w[1].role))
                .map(|w| (&w[0], &w[2]));
            for (a, b) in adjacent.chain(connected) {
                let (x, y) = (&forms[a.forms as usize], &forms[b.forms as usize]);
                if !joinable(x, a.role) || !joinable(y, b.role) {
                    continue;
                }
                let id = *joined_ids.entry((a.forms, b.forms)).or_insert_with(|| {
                    out.joined.push((a.forms, b.forms));
                    (out.joined.len() - 1) as u32
                });
                out.form_name_pairs.push((id | JOINED, name_id));
            }
            let (text_start, text_len) = (out.name_texts.len() as u32, listed.full.len() as u32);
            out.name_texts.push_str(&listed.full);
            out.names.push(ListedName {
                entity: entity as u32,
                name: name as u32,
                first_token,
                token_count,
                text_start,
                text_len,
            });
        }
    }
    out.forms = forms;
    out
}

/// Per name, the first name of its group: names written and analysed alike are one name to
/// the scorer (see `Index::group_next`).
fn group_names(names: &[ListedName], name_texts: &str, tokens: &[StoredToken]) -> Vec<u32> {
    type Written<'t> = (&'t str, Vec<(u32, TokenRole, u32)>);
    let mut first: FastMap<Written<'_>, u32> = FastMap::default();
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
}

/// Per name, the next name of its group ([`NO_NAME`] after the last).
fn chain_groups(name_groups: &[u32]) -> Vec<u32> {
    let mut group_next = vec![NO_NAME; name_groups.len()];
    let mut group_last: FastMap<u32, u32> = FastMap::default();
    for (id, &group) in name_groups.iter().enumerate() {
        let last = group_last.entry(group).or_insert(group);
        if *last != id as u32 {
            group_next[*last as usize] = id as u32;
            *last = id as u32;
        }
    }
    group_next
}

/// The postings: per form (token forms, then joined ones numbered after them), the groups
/// (by their first name) it occurs in, as `form_names[form_starts[f]..form_starts[f + 1]]`.
fn postings(
    mut form_name_pairs: Vec<(u32, u32)>,
    name_groups: &[u32],
    token_forms: u32,
    joined_forms: usize,
) -> (Vec<u32>, Vec<u32>) {
    let all_forms = token_forms as usize + joined_forms;
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
    (form_starts, form_names)
}

/// [`Index::form_facts`] of the token forms, then of the joined forms (`joined`, by the two
/// token forms each joins), and [`Index::form_chars`], the token forms' letters end to end (a
/// joined form's are its two forms', which it points to the first of).
fn form_facts(forms: &[TokenForms], joined: &[(u32, u32)]) -> (Vec<FormFacts>, Vec<char>) {
    let mut facts = Vec::with_capacity(forms.len() + joined.len());
    let mut chars = Vec::new();
    for f in forms {
        facts.push(FormFacts {
            letters: f.letters,
            chars_start: chars.len() as u32,
            len: f.chars.len() as u32,
        });
        chars.extend_from_slice(&f.chars);
    }
    for &(x, y) in joined {
        let (x, y) = (facts[x as usize], facts[y as usize]);
        facts.push(FormFacts {
            letters: x.letters | y.letters,
            chars_start: x.chars_start,
            len: x.len + y.len,
        });
    }
    chars.shrink_to_fit();
    (facts, chars)
}

/// Files every form under its keys: token forms with their two-edit neighbourhoods, joined
/// forms with their one-edit neighbourhoods only (a query word joined from two listed words
/// rarely carries two typos as well, and two-edit neighbourhoods of every adjacent pair would
/// triple the index).
fn file_keys(forms: &[TokenForms], joined: &[(u32, u32)]) -> KeyTable {
    let mut all_keys = Vec::new();
    let mut out = Vec::new();
    for (id, f) in forms.iter().enumerate() {
        out.clear();
        form_keys(f, 2, &mut out);
        all_keys.extend(out.iter().map(|&k| (k, id as u32)));
    }
    for (j, &(x, y)) in joined.iter().enumerate() {
        out.clear();
        form_keys(&TokenForms::joined(&forms[x as usize], &forms[y as usize]), 1, &mut out);
        all_keys.extend(out.iter().map(|&k| (k, (forms.len() + j) as u32)));
    }
    KeyTable::build(all_keys)
}

/// Files every group under its name as written, up to case, diacritics, punctuation and
/// spacing ([`embargo_names::normalize`]; all spacing, in a name with digits: a code), and a
/// registration mark under its deletions of one character too ([`crate::code`]): the keys of
/// [`Index::written_groups`].
fn file_written(names: &[ListedName], name_texts: &str, name_groups: &[u32]) -> KeyTable {
    let mut pairs = Vec::new();
    let mut marks = Vec::new();
    for (n, name) in names.iter().enumerate().filter(|&(n, _)| name_groups[n] as usize == n) {
        let text = &name_texts[name.text_start as usize..(name.text_start + name.text_len) as usize];
        pairs.push((written_key(text), n as u32));
        if let Some(mark) = code::mark_characters(text) {
            marks.clear();
            deletion_keys(&mark, 0..=1, NS_MARK, &mut marks);
            pairs.extend(marks.iter().map(|&k| (k, n as u32)));
        }
    }
    KeyTable::build(pairs)
}

/// The key of a name as written (see [`file_written`]).
pub(super) fn written_key(name: &str) -> u64 {
    let written = embargo_names::normalize(name);
    if code::has_digit(&written) {
        key(NS_WRITTEN, &written.replace(' ', ""))
    } else {
        key(NS_WRITTEN, &written)
    }
}

/// The lists of the entities, in order of first appearance, and per entity its list's position.
fn lists_of(entities: &[Arc<Entity>]) -> (Vec<String>, Vec<u16>) {
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
    (lists, entity_list)
}

/// Normalised identifier → the entities that carry it (identifiers too short to be decisive
/// are left out).
fn identifiers_of(entities: &[Arc<Entity>]) -> HashMap<String, Vec<u32>> {
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
    identifiers
}
