//! Candidate generation: the listed names (groups of names written alike) worth scoring for
//! one query name, found through the key table and ranked by evidence.
//!
//! Four steps, each a function: the query's *probes* (informative tokens and adjacent pairs
//! joined), the token forms their keys *reach* (deletion hits verified against the edit
//! budget), the *credit* of evidence to the names holding those forms (rare forms first,
//! common forms only where they can still rank a name), and the *ranking* that keeps the best
//! [`CANDIDATE_CAP`].

use super::key_table::{form_keys, joinable, key_quality, near_keys, NS_DELETION, NS_FORM};
use super::{prefetch, Index};
use crate::text::{edit_budget, osa_distance_chars, within_one_edit};
use crate::token::{is_low_information, NameView, TokenForms};
use std::borrow::Cow;
use std::cell::RefCell;

/// At most this many listed names (the best by evidence) are scored exactly per query name,
/// counting names written and analysed alike once: the same name listed by several
/// publishers (a quarter of the lists' names) is one candidate, so 48 is some 64 names.
pub const CANDIDATE_CAP: usize = 48;

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
/// galloping (see [`Index::credit_common`]).
const SCAN_RATIO: usize = 32;

/// A token form held by more names than this is "common" (see [`Index::credit_common`]).
pub const COMMON_FORM_NAMES: usize = 150;

/// Query tokens past this position are not looked up (they are still scored): a bit per token
/// in [`Tally::credited`].
const MAX_PROBED_TOKENS: usize = 32;

/// What is looked up for one query token, or for two adjacent ones joined: the bit of the
/// (first) query token it credits, its weight, and its forms.
struct Probe<'q> {
    bit: u32,
    weight: f32,
    forms: Cow<'q, TokenForms>,
}

impl Probe<'_> {
    /// Two query tokens read as one word (their forms are built, not borrowed).
    fn is_joined(&self) -> bool {
        matches!(self.forms, Cow::Owned(_))
    }
}

/// A token form a probe reached: (form, key quality, query token bit, weight).
type Reached = (u32, f32, u32, f32);

/// What one query has found of one listed name so far.
#[derive(Debug, Clone, Copy, Default)]
struct Tally {
    evidence: f32,
    /// Query tokens already credited to the name (bit per token).
    credited: u32,
}

/// Evidence accumulated per listed name during one query, reused across queries of a thread.
/// Evidence and credited tokens of a name sit side by side: crediting a name touches one
/// cache line.
#[derive(Default)]
struct Scratch {
    tally: Vec<Tally>,
    touched: Vec<u32>,
    /// `touched` in ascending order (see [`Index::credit_common`]).
    sorted_touched: Vec<u32>,
    /// `touched` as a bit per listed name (12 KB for the lists' 96,000 names: it stays in the
    /// nearest cache while a common form's names are tested against it).
    touched_bits: Vec<u64>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
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

/// The probes of a query name: its informative tokens (all of them when none is), then every
/// pair of adjacent joinable tokens written as one.
fn probes<'q>(query: &NameView<'q>) -> Vec<Probe<'q>> {
    let tokens = &query.tokens;
    let informative: Vec<usize> = {
        let v: Vec<usize> = (0..tokens.len()).filter(|&i| !is_low_information(tokens[i].role)).collect();
        if v.is_empty() {
            (0..tokens.len()).collect()
        } else {
            v
        }
    };
    let mut probes = Vec::new();
    for &i in informative.iter().filter(|&&i| i < MAX_PROBED_TOKENS) {
        probes.push(Probe { bit: i as u32, weight: tokens[i].weight, forms: Cow::Borrowed(tokens[i].forms) });
    }
    for i in 0..tokens.len().saturating_sub(1).min(MAX_PROBED_TOKENS - 1) {
        let (x, y) = (&tokens[i], &tokens[i + 1]);
        if joinable(x.forms, x.role) && joinable(y.forms, y.role) {
            probes.push(Probe {
                bit: i as u32,
                weight: x.weight + y.weight,
                forms: Cow::Owned(TokenForms::joined(x.forms, y.forms)),
            });
        }
    }
    probes
}

/// The rarity factor of a form held by `names` of `total` names: `1 + ln(total / names)`.
fn credit_of(quality: f32, weight: f32, total: f32, names: usize) -> f32 {
    quality * weight * (1.0 + (total / names.max(1) as f32).ln())
}

impl Index {
    /// The listed names worth scoring for one query name, each standing for its group of names
    /// written alike (see `Index::group_next`): those reached through any key of any
    /// informative query token (or of two adjacent query tokens joined), the best
    /// [`CANDIDATE_CAP`] by evidence. Evidence per name sums, over the query tokens that
    /// reached it, the key quality times the token weight times the rarity of the listed form.
    ///
    /// `allowed`, when given, says which groups (by their first name) may be candidates at all.
    pub(super) fn candidates(&self, query: &NameView<'_>, allowed: Option<&dyn Fn(u32) -> bool>) -> Vec<u32> {
        if query.tokens.is_empty() || self.names.is_empty() {
            return Vec::new();
        }
        let reached = self.reach(&probes(query));
        SCRATCH.with(|cell| {
            let mut scratch = cell.borrow_mut();
            let scratch = &mut *scratch;
            if scratch.tally.len() < self.names.len() {
                scratch.tally.resize(self.names.len(), Tally::default());
            }
            let (common, anchored) = self.credit_rare(scratch, &reached);
            self.credit_common(scratch, common, anchored);
            self.rank(scratch, allowed)
        })
    }

    /// Every token form the probes' keys reach, as (form, key quality, query bit, weight), one
    /// entry per form and probe at its best quality, best quality first per probe.
    ///
    /// One-edit neighbourhoods of every probe first, their table slots prefetched together. A
    /// query word of eight letters or more may carry two typos, but its two-edit neighbourhood
    /// (some 40 keys) is looked up only when no listed form equals it or one of its variants: a
    /// word found as written names what it says, and most of a query's lookups are saved. A
    /// joined probe looks up one-edit deletions only: with the listed word's own two-edit
    /// neighbourhood that still meets it two edits away when one of them is on the query side.
    fn reach(&self, probes: &[Probe<'_>]) -> Vec<Reached> {
        let mut reached: Vec<Reached> = Vec::new();
        let mut deletion_hits: Vec<u32> = Vec::new();
        let mut keys = Vec::new();
        let mut probe_keys = Vec::with_capacity(probes.len() + 1);
        for probe in probes {
            probe_keys.push(keys.len());
            near_keys(&probe.forms, probe.is_joined(), &mut keys);
        }
        probe_keys.push(keys.len());
        for &k in &keys {
            self.keys.prefetch(k);
        }
        for &k in &keys {
            self.keys.prefetch_postings(k);
        }
        let mut wider = Vec::new();
        for (p, probe) in probes.iter().enumerate() {
            let start = reached.len();
            let near = &keys[probe_keys[p]..probe_keys[p + 1]];
            let token = (probe.bit, probe.weight);
            self.look_up(&probe.forms, near, token, start, &mut reached, &mut deletion_hits);
            let found_as_written = reached[start..].iter().any(|r| r.1 >= 1.0);
            if !probe.is_joined() && !found_as_written && edit_budget(probe.forms.len) >= 2 {
                wider.clear();
                form_keys(&probe.forms, 2, &mut wider);
                // Both neighbourhoods are sorted after the non-deletion keys they share.
                wider.retain(|k| (k & 7) as u8 == NS_DELETION && !near.contains(k));
                for &k in &wider {
                    self.keys.prefetch(k);
                }
                self.look_up(&probe.forms, &wider, token, start, &mut reached, &mut deletion_hits);
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
        reached
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
        reached: &mut Vec<Reached>,
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

    /// Credits the names holding each rare form reached (held by at most
    /// [`COMMON_FORM_NAMES`] names); returns the common forms reached, for
    /// [`Index::credit_common`], and the query tokens that met a rare listed form exactly (or
    /// as a variant), as a bit per token.
    fn credit_rare(&self, scratch: &mut Scratch, reached: &[Reached]) -> (Vec<Reached>, u32) {
        let total = self.names.len() as f32;
        let mut common = Vec::new();
        let mut anchored: u32 = 0;
        for &(form, ..) in reached {
            let postings = self.names_with_form(form);
            if postings.len() <= COMMON_FORM_NAMES {
                postings.iter().for_each(|&n| prefetch(&scratch.tally[n as usize]));
            }
        }
        for &(form, quality, bit, weight) in reached {
            let postings = self.names_with_form(form);
            if postings.len() > COMMON_FORM_NAMES {
                common.push((form, quality, bit, weight));
                continue;
            }
            if quality >= key_quality(u64::from(NS_FORM)) && !postings.is_empty() {
                anchored |= 1 << bit;
            }
            scratch.credit(postings, 1 << bit, credit_of(quality, weight, total, postings.len()));
        }
        (common, anchored)
    }

    /// Credits the common forms reached (MUHAMMAD, ALI, LLC). A true match reached through an
    /// *anchored* query token (one that met a rare form exactly) is already touched, so the
    /// common forms of the other query tokens only add evidence to the names touched. With no
    /// anchor, the query token whose common forms hold the fewest names is walked in full and
    /// the others only add evidence: a name that holds none of the rarest token's forms is one
    /// among thousands sharing only common words, which evidence could not rank anyway.
    fn credit_common(&self, scratch: &mut Scratch, common: Vec<Reached>, mut anchored: u32) {
        let total = self.names.len() as f32;
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
            scratch.credit(postings, 1 << bit, credit_of(quality, weight, total, postings.len()));
        }
        if boost_only.is_empty() {
            return;
        }
        // Common forms only add to the names already reached: a form's names are tested
        // against the set of names reached, or, when the form holds far more names than
        // were reached, each name reached is searched in the form's sorted postings (in
        // order, so each search gallops forward from where the last one stopped).
        // The names reached are sorted only when a form needs them sorted: there are
        // thousands when a common form was walked, and then the bit set serves.
        let mut sorted = false;
        scratch.touched_bits.resize(self.names.len().div_ceil(64), 0);
        for &n in &scratch.touched {
            scratch.touched_bits[n as usize / 64] |= 1 << (n % 64);
        }
        for &(form, quality, bit, weight) in &boost_only {
            let mut postings = self.names_with_form(form);
            let credit = credit_of(quality, weight, total, postings.len());
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
        for &n in &scratch.touched {
            scratch.touched_bits[n as usize / 64] = 0;
        }
    }

    /// The names touched, allowed and with the most evidence (see [`CANDIDATE_CAP`]); clears
    /// the scratch for the next query.
    fn rank(&self, scratch: &mut Scratch, allowed: Option<&dyn Fn(u32) -> bool>) -> Vec<u32> {
        let mut found: Vec<(f32, u32)> = Vec::with_capacity(scratch.touched.len());
        for &n in &scratch.touched {
            let i = n as usize;
            let tally = std::mem::take(&mut scratch.tally[i]);
            if allowed.is_none_or(|allowed| allowed(n)) {
                // Tokens of the listed name that no query token reached count against it,
                // so that "SIERRA" outranks "SIERRA NEVADA TRADING" for the query "Sierra".
                let extra = u32::from(self.name_token_counts[i]).saturating_sub(tally.credited.count_ones());
                found.push((tally.evidence / (1.0 + EXTRA_TOKEN_DISCOUNT * extra as f32), n));
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
    }
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
