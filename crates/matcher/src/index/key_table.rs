//! The key table: the comparison keys a token form is filed under (and a query token looked
//! up by), and the open-addressing table from a key to the token forms it leads to.

use super::prefetch;
use crate::text::{deletion_keys, edit_budget, key};
use crate::token::TokenForms;
use embargo_names::TokenRole;
use std::ops::RangeInclusive;

/// Key namespaces. A query token is looked up in each; the number is also its rank when
/// candidates are ordered by evidence.
pub(super) const NS_FORM: u8 = 1;
pub(super) const NS_PHONETIC: u8 = 2;
pub(super) const NS_SKELETON: u8 = 3;
pub(super) const NS_DELETION: u8 = 4;
/// The namespace of whole names as written (see `Index::written`), in a table of their own.
pub(super) const NS_WRITTEN: u8 = 5;
/// The namespace of registration marks and their one-character deletions (see
/// [`crate::code`]), in the table of whole names.
pub(super) const NS_MARK: u8 = 6;

/// How much a hit through a key counts as evidence for a candidate, by the key's namespace.
pub(super) fn key_quality(key: u64) -> f32 {
    match (key & 7) as u8 {
        NS_FORM => 1.0,
        NS_PHONETIC => 0.8,
        NS_SKELETON => 0.75,
        _ => 0.7,
    }
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
pub(super) struct KeyTable {
    /// (stored key bits, data); stored bits 0 mark an empty slot. Data with
    /// [`KeyTable::RUN`] set is the offset in `runs` of a run `[length, ids...]`; otherwise it
    /// is the one token-form id the key leads to.
    slots: Vec<(u32, u32)>,
    runs: Vec<u32>,
    keys: usize,
}

impl KeyTable {
    const RUN: u32 = 1 << 31;

    /// [`KeyTable::locate`] of a key not in the table: the data of a run at an offset no table
    /// reaches (see [`KeyTable::build`]).
    pub(super) const ABSENT: u32 = u32::MAX;

    /// Builds from `(key, posting)` pairs in any order, repeats allowed.
    pub(super) fn build(mut pairs: Vec<(u64, u32)>) -> KeyTable {
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
                debug_assert!(at | Self::RUN != Self::ABSENT);
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
    pub(super) fn get(&self, k: u64) -> &[u32] {
        let Some(slot) = self.find(k) else { return &[] };
        self.postings(&self.slots[slot].1)
    }

    /// The data of the slot holding `k` ([`KeyTable::ABSENT`] for an unknown key), for
    /// [`KeyTable::postings`]: a key located once, to prefetch its postings, need not be
    /// searched again to read them (searching twice cost 1.0% of screening's instructions).
    pub(super) fn locate(&self, k: u64) -> u32 {
        match self.find(k) {
            Some(slot) => self.slots[slot].1,
            None => Self::ABSENT,
        }
    }

    /// The token forms of a key [`KeyTable::locate`] found (none for [`KeyTable::ABSENT`]).
    pub(super) fn postings<'a>(&'a self, data: &'a u32) -> &'a [u32] {
        if *data == Self::ABSENT {
            return &[];
        }
        if data & Self::RUN == 0 {
            return std::slice::from_ref(data);
        }
        let at = (data & !Self::RUN) as usize;
        &self.runs[at + 1..at + 1 + self.runs[at] as usize]
    }

    /// Hints the CPU to load the postings of a key [`KeyTable::locate`] found, when they are
    /// not in its slot (the slot itself should be in the cache by now, see
    /// [`KeyTable::prefetch`]).
    pub(super) fn prefetch_postings(&self, data: u32) {
        if data != Self::ABSENT && data & Self::RUN != 0 {
            prefetch(&self.runs[(data & !Self::RUN) as usize]);
        }
    }

    /// Hints the CPU to load the slot where a lookup of `k` starts.
    pub(super) fn prefetch(&self, k: u64) {
        if let Some(slot) = self.slots.get(self.home(k)) {
            prefetch(slot);
        }
    }

    pub(super) fn len(&self) -> usize {
        self.keys
    }

    pub(super) fn heap_bytes(&self) -> usize {
        self.slots.len() * 8 + self.runs.len() * 4
    }
}

/// The keys under which a token form is filed (and, for a query token, looked up), with
/// deletion neighbourhoods up to `deletion_depth` (capped by the token's edit budget).
pub(super) fn form_keys(forms: &TokenForms, deletion_depth: usize, out: &mut Vec<u64>) {
    if form_keys_but_deletions(forms, out) {
        deletion_keys(&forms.chars, deletion_depths(forms.len, deletion_depth), NS_DELETION, out);
    }
}

/// The depths of the deletion keys of a form of `len` letters up to `deletion_depth`, capped by
/// its edit budget.
pub(super) fn deletion_depths(len: usize, deletion_depth: usize) -> RangeInclusive<usize> {
    0..=deletion_depth.min(edit_budget(len))
}

/// [`form_keys`] but the deletion keys; whether the form has deletion keys at all (a form of
/// digits has none).
fn form_keys_but_deletions(forms: &TokenForms, out: &mut Vec<u64>) -> bool {
    if forms.text.is_empty() {
        return false;
    }
    written_keys(forms, out);
    if forms.numeric {
        // Digits must agree exactly: no fuzzy keys.
        return false;
    }
    // Codes of three letters or more only: two-letter ones would reach thousands of forms.
    if forms.phonetic.chars().nth(2).is_some() {
        out.push(key(NS_PHONETIC, &forms.phonetic));
    }
    if forms.skeleton.chars().nth(2).is_some() {
        out.push(key(NS_SKELETON, &forms.skeleton));
    }
    if !forms.alt_keys.is_empty() {
        // A word written in Arabic script: the sound and consonants of its other readings too.
        for v in forms.variants.iter().filter(|v| v.is_ascii()) {
            let (phonetic, skeleton) = (embargo_names::phonetic(v), embargo_names::skeleton(v));
            for k in [
                (phonetic.len() >= 3).then(|| key(NS_PHONETIC, &phonetic)),
                (skeleton.len() >= 3).then(|| key(NS_SKELETON, &skeleton)),
            ]
            .into_iter()
            .flatten()
            {
                if !out.contains(&k) {
                    out.push(k);
                }
            }
        }
    }
    syllable_keys(forms, out);
    true
}

/// The keys [`form_keys`] files `forms` under at a deletion depth of two and not at one: the
/// deletions of two letters of a word whose edit budget allows two edits (none otherwise). The
/// query's wider look-up builds only these, rather than every key of the word again.
pub(super) fn two_edit_keys(forms: &TokenForms, out: &mut Vec<u64>) {
    if two_edit_keys_apply(forms) {
        deletion_keys(&forms.chars, 2..=2, NS_DELETION, out);
    }
}

/// Whether [`two_edit_keys`] gives `forms` any keys.
pub(super) fn two_edit_keys_apply(forms: &TokenForms) -> bool {
    !forms.text.is_empty() && !forms.numeric && edit_budget(forms.len) >= 2
}

/// Keys of the syllables a word of one Chinese or Korean syllable may be (see
/// [`embargo_names::cjk_word`]), in the namespace of sounds: one syllable written in two
/// romanisations (Gim / Kim, Chien / Jian, Guk / Kuk) meets as no letters would.
fn syllable_keys(forms: &TokenForms, out: &mut Vec<u64>) {
    let Some(word) = forms.cjk.as_deref() else { return };
    // Words that may be Korean syllables only are many words of other languages too (Dan,
    // Joe, Al): keys of theirs would bring candidates by the thousand. Chinese syllables, family
    // names and words in Hangul or characters only.
    if !(word.chinese || word.family || word.native) {
        return;
    }
    for reading in &word.readings {
        match &reading[..] {
            [one] => {
                for id in one {
                    out.push(key(NS_PHONETIC, &format!("\u{1}cjk{id}")));
                }
            }
            // Two syllables written as one word (Tianxin / Tienhsin): a key per pair, for
            // readings of a few pairs.
            [first, second] if first.len() * second.len() <= 12 => {
                for a in first {
                    for b in second {
                        out.push(key(NS_PHONETIC, &format!("\u{1}cjk{a}-{b}")));
                    }
                }
            }
            _ => {}
        }
    }
}

/// The keys of a token form as written and of its variants (no sound, consonants or typos).
pub(super) fn written_keys(forms: &TokenForms, out: &mut Vec<u64>) {
    if forms.text.is_empty() {
        return;
    }
    out.push(key(NS_FORM, &forms.text));
    for v in &forms.variants {
        out.push(key(NS_FORM, v));
    }
}

/// The keys a query probe looks up first: its forms and one-edit neighbourhood. Two Latin words
/// run together (`joined`) meet a listed word as written or within an edit; their sound or
/// consonants alone ("alaqsa": ALKS, the code of WALLEX and YULLUX) meet rare single words by
/// accident, and such a word, wholly credited, outranked the very name queried
/// ("AL-AQSA CHARITABLE ORGANIZATION"). Words transliterated from another script keep these
/// keys: their vowels are guesses.
///
/// Without `deletions`, the deletion keys are left out (the caller has the forms they reach).
pub(super) fn near_keys(probe: &TokenForms, joined: bool, deletions: bool, out: &mut Vec<u64>) {
    let from = out.len();
    if deletions {
        form_keys(probe, 1, out);
    } else {
        form_keys_but_deletions(probe, out);
    }
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
pub(super) fn joinable(forms: &TokenForms, role: TokenRole) -> bool {
    !forms.numeric && forms.len >= 2 && role != TokenRole::LegalForm
}

#[cfg(test)]
mod tests {
    use super::{near_keys, KeyTable, NS_DELETION, NS_FORM};
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
            near_keys(&forms, joined, true, &mut keys);
            keys.iter().map(|k| (k & 7) as u8).collect::<Vec<_>>()
        };
        let run_together = namespaces("AL AQSA", true);
        assert!(!run_together.is_empty());
        assert!(run_together.iter().all(|ns| matches!(*ns, NS_FORM | NS_DELETION)), "{run_together:?}");
        // A word as written keeps every key, and so do words from another script.
        assert!(namespaces("ALAQSA", false).iter().any(|ns| !matches!(*ns, NS_FORM | NS_DELETION)));
        assert!(namespaces("АЛЬ АКСА", true).iter().any(|ns| !matches!(*ns, NS_FORM | NS_DELETION)));
    }

    /// Two query words joined to be looked up reach what their full joined form reaches.
    #[test]
    fn words_joined_to_look_up_have_the_keys_of_their_joined_form() {
        let names =
            ["AL AQSA", "Aqa Jani", "Jaish i Mohammed", "LLC MILUR", "АЛЬ АКСА", "ولی جان", "Kim Jong Un"];
        for name in names {
            let prepared = PreparedName::analyze(name, None);
            assert!(prepared.forms.len() >= 2, "{name}");
            for pair in prepared.forms.windows(2) {
                let (full, to_look_up) = (
                    TokenForms::joined(&pair[0], &pair[1]),
                    TokenForms::joined_to_look_up(&pair[0], &pair[1]),
                );
                let keys = |forms: &TokenForms| {
                    let mut keys = Vec::new();
                    near_keys(forms, true, true, &mut keys);
                    keys
                };
                assert_eq!(keys(&to_look_up), keys(&full), "{name}");
                assert_eq!(
                    (&to_look_up.chars, to_look_up.len, to_look_up.letters),
                    (&full.chars, full.len, full.letters)
                );
            }
        }
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
    }
}
