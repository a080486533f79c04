//! Candidate generation: the listed names (groups of names written alike) worth scoring for
//! one query name, found through the key table and ranked by evidence.
//!
//! Four steps, each a function: the query's *probes* (informative tokens and adjacent pairs
//! joined), the token forms their keys *reach* (deletion hits verified against the edit
//! budget), the *credit* of evidence to the names holding those forms (rare forms first,
//! common forms only where they can still rank a name), and the *ranking* that keeps the best
//! [`CANDIDATE_CAP`].

use super::build::written_key;
use super::key_table::{
    joinable, key_quality, near_keys, two_edit_keys, two_edit_keys_apply, written_keys, NS_DELETION, NS_FORM,
    NS_MARK,
};
use super::{prefetch, Index};
use crate::code;
use crate::text::{deletion_keys, edit_budget, key, osa_distance_chars, within_one_edit};
use crate::token::{is_connector, is_low_information, NameView, TokenForms};
use embargo_names::TokenRole;
use std::borrow::Cow;
use std::cell::RefCell;
use std::ops::RangeInclusive;
use std::sync::{Arc, Weak};

/// At most this many listed names (the best by evidence) are scored exactly per query name,
/// counting names written and analysed alike once: the same name listed by several
/// publishers (a quarter of the lists' names) is one candidate, so 48 is some 64 names.
pub const CANDIDATE_CAP: usize = 48;

/// Candidates whose estimate is within this share of the best's tie with it (see
/// [`TIED_CANDIDATE_CAP`]).
const TIED_ESTIMATE: f32 = 0.99;

/// At most this many names tied with the best estimate are scored when they outnumber
/// [`CANDIDATE_CAP`].
const TIED_CANDIDATE_CAP: usize = 512;

/// How far below the lowest name score that can make a hit a candidate's estimate may be and
/// still be scored like a tie with the best (up to [`TIED_CANDIDATE_CAP`]) when such
/// candidates outnumber [`CANDIDATE_CAP`]: estimates of 0.7 turn into scores of 0.815 (the
/// oracle test of `tests/real_lists.rs`, "Abdul Rahman").
const LIKELY_HIT_MARGIN: f32 = 0.1;

/// Candidates whose estimate is below this share of the best candidate's are not scored.
pub const RELATIVE_ESTIMATE_FLOOR: f32 = 0.5;

/// Candidates whose estimate is this far below the lowest name score that can make a hit (under
/// 0.45 at the default threshold of 0.8) are not scored. The estimate is no bound (a query
/// token may meet a listed one that no key reached it through, as an initial does), so the
/// margin is wide: of 10,000 bench_batch records' candidates, the 39% estimated that low gave
/// no hit, 2 names of 154,000 above the floor, and their bounds took a tenth of screening's
/// instructions. The independent deck's recall and alerts do not change on three seeds.
const ESTIMATE_BELOW_FLOOR: f32 = 0.35;

/// What a token unmatched on one side only costs in the estimate, as the scorer counts it
/// (`MISSING_TOKEN_SHARE` of the alignment scorer).
const MISSING_SHARE: f32 = 0.75;

/// A common form's postings up to this many times longer than the names a query reached are
/// scanned against them; for longer ones, each name reached is searched in the postings by
/// galloping (see [`Index::credit_common`]).
const SCAN_RATIO: usize = 32;

/// A token form held by more names than this is "common": it only adds evidence to names other
/// query tokens reached, unless no query token met a rare form exactly.
pub const COMMON_FORM_NAMES: usize = 150;

/// A form of a boost-only probe held by more names than this adds no evidence (see
/// [`Index::credit_common`]).
const BOOST_MAX_NAMES: usize = 300;

/// How many keys ahead of reading its slot the key table is asked for it (see
/// [`Index::reach`]): enough misses in flight to cover one's latency, not more than the CPU
/// can keep.
const SLOTS_AHEAD: usize = 16;

/// Query tokens past this position are not looked up (they are still scored): a bit per token
/// in [`Tally::credited`].
const MAX_PROBED_TOKENS: usize = 32;

/// What is looked up for one query token, or for two adjacent ones joined: the query tokens
/// it credits (a bit per token), its weight, and its forms.
struct Probe<'q> {
    mask: u32,
    weight: f32,
    forms: Cow<'q, TokenForms>,
    /// A token of little information (a particle, a legal form, a common word of
    /// organisations) beside informative ones: looked up as written only, and it only adds
    /// evidence to names the others reached ("VTB BANK BELARUS CJSC" then ranks "BANK VTB
    /// (BELARUS)" above "VTB CAPITAL"; looked up alone, "BANK" would reach thousands).
    boost_only: bool,
}

impl Probe<'_> {
    /// Two query tokens read as one word (their forms are built, not borrowed).
    fn is_joined(&self) -> bool {
        matches!(self.forms, Cow::Owned(_))
    }
}

/// A token form a probe reached: (form, key quality, query tokens credited, weight).
type Reached = (u32, f32, u32, f32);

/// A form that only adds evidence to names reached otherwise, and whether it counts as met in
/// the estimate (a common form of an informative word does; a word of little information does
/// not).
type Boost = (Reached, bool);

/// What one query has found of one listed name so far, and the name's weight.
///
/// The weight is the index's (`Index::name_weights`), copied here when a thread's scratch
/// first serves an index: ranking reads it for every name touched, and from an array of its
/// own it cost an L2 miss a name (1.5M of the survey's 15.5M, callgrind's cache model), where
/// beside the tally it comes in the line crediting the name brought. 32 bytes, aligned: a
/// tally never straddles two cache lines.
#[derive(Debug, Clone, Copy, Default)]
#[repr(align(32))]
struct Tally {
    /// Σ key quality × weight × rarity over the query tokens that reached the name: breaks
    /// ties of the estimate, rare words first.
    evidence: f32,
    /// Σ weight × the credit a match through that key earns, over the query tokens that
    /// reached the name (see [`Index::rank`]).
    matched: f32,
    /// Σ weight of the query tokens that reached the name.
    met: f32,
    /// Query tokens already credited to the name (bit per token).
    credited: u32,
    /// The listed name's weight (see above); the only field that outlives a query.
    name_weight: f32,
}

impl Tally {
    /// The tally of a name the query has not touched.
    fn untouched(name_weight: f32) -> Tally {
        Tally { name_weight, ..Tally::default() }
    }
}

/// Evidence accumulated per listed name during one query, reused across queries of a thread.
/// Evidence and credited tokens of a name sit side by side: crediting a name touches one
/// cache line.
#[derive(Default)]
struct Scratch {
    tally: Vec<Tally>,
    /// `Index::identity` of the index whose names' weights `tally` holds.
    tally_index: Option<Weak<()>>,
    /// The tallies of the other indexes the thread served last (while they live), the latest
    /// first: monitoring screens each subject against the whole lists or against the index of
    /// a list's changes, in turn, and the tallies of each are kept rather than refilled with
    /// its names' weights at every switch.
    parked: Vec<(Weak<()>, Vec<Tally>)>,
    touched: Vec<u32>,
    /// `touched` in ascending order (see [`Index::credit_common`]).
    sorted_touched: Vec<u32>,
    /// `touched` as a bit per listed name (12 KB for the lists' 96,000 names: it stays in the
    /// nearest cache while a common form's names are tested against it).
    touched_bits: Vec<u64>,
    /// [`LookUp::at`], one entry per token form of the index.
    reached_at: Vec<u32>,
    /// What [`Index::reach`] gathers, kept for the thread's next query: grown afresh for every
    /// query, these buffers cost more to grow than to fill.
    reached: Vec<Reached>,
    keys: Vec<u64>,
    /// [`KeyTable::locate`] of each of `keys`.
    ///
    /// [`KeyTable::locate`]: super::key_table::KeyTable::locate
    located: Vec<u32>,
    wider_keys: Vec<u64>,
    /// [`KeyTable::locate`] of each of `wider_keys`.
    ///
    /// [`KeyTable::locate`]: super::key_table::KeyTable::locate
    wider_located: Vec<u32>,
    deletion_hits: Vec<u32>,
    /// The forms one probe reached, as the sort keys of [`Index::reach`].
    order: Vec<u64>,
    /// [`Scratch::rarity`] by the number of names holding a form (NaN: not computed yet), for
    /// an index of `rarity_total` names.
    rarity: Vec<f32>,
    rarity_total: usize,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

impl Scratch {
    /// `1 + ln(total / names)`, the rarity of a form held by `names` of the index's `total`
    /// names, computed once per count of names and thread: the logarithm of every form reached
    /// cost 1.4% of screening's instructions.
    #[inline]
    fn rarity(&mut self, total: usize, names: usize) -> f32 {
        match self.rarity.get(names) {
            Some(&known) if self.rarity_total == total && !known.is_nan() => known,
            _ => self.compute_rarity(total, names),
        }
    }

    #[cold]
    fn compute_rarity(&mut self, total: usize, names: usize) -> f32 {
        if self.rarity_total != total {
            self.rarity.clear();
            self.rarity_total = total;
        }
        if self.rarity.len() <= names {
            self.rarity.resize(names + 1, f32::NAN);
        }
        let rarity = 1.0 + (total as f32 / names.max(1) as f32).ln();
        self.rarity[names] = rarity;
        rarity
    }

    /// Makes `tally` that of the index known by `identity`, whose names weigh `name_weights`:
    /// the one parked for it, or a new one; the current one is parked, and those of indexes
    /// dropped since are freed.
    #[cold]
    fn serve(&mut self, identity: &Arc<()>, name_weights: &[f32]) {
        self.parked.retain(|(index, _)| index.strong_count() > 0);
        let wanted = match self.parked.iter().position(|(index, _)| is_index(index, identity)) {
            Some(at) => self.parked.remove(at).1,
            None => name_weights.iter().map(|&w| Tally::untouched(w)).collect(),
        };
        let served = std::mem::replace(&mut self.tally, wanted);
        if let Some(previous) = self.tally_index.replace(Arc::downgrade(identity)) {
            if previous.strong_count() > 0 {
                self.parked.insert(0, (previous, served));
                self.parked.truncate(PARKED_TALLIES);
            }
        }
    }

    /// Credits every name of `postings` credited for none of the query tokens of `mask`.
    fn credit(&mut self, postings: &[u32], mask: u32, credit: Credit) {
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
            credit.add_to(tally, mask);
        }
    }
}

/// How many other indexes' tallies a thread keeps (see [`Scratch::parked`]).
const PARKED_TALLIES: usize = 3;

/// Whether `served` (a scratch's reference) is the index known by `identity`. A weak
/// reference keeps its allocation, so no later index is known by the same address.
fn is_index(served: &Weak<()>, identity: &Arc<()>) -> bool {
    std::ptr::eq(served.as_ptr(), Arc::as_ptr(identity))
}

/// What one reached form adds to the tally of each name holding it.
#[derive(Debug, Clone, Copy)]
struct Credit {
    evidence: f32,
    matched: f32,
    weight: f32,
}

impl Credit {
    /// The credit of a form of `rarity` ([`Scratch::rarity`]), reached through a key of
    /// `quality` by query tokens of `weight`: evidence `quality × weight × rarity`, and the
    /// weight times what the scorer credits a pair met through such a key (an exact form 1, a
    /// typo or a sound about 0.8).
    fn of(quality: f32, weight: f32, rarity: f32) -> Credit {
        let met = if quality >= 1.0 { 1.0 } else { 0.8 };
        Credit { evidence: quality * weight * rarity, matched: weight * met, weight }
    }

    fn add_to(self, tally: &mut Tally, mask: u32) {
        tally.credited |= mask;
        tally.evidence += self.evidence;
        tally.matched += self.matched;
        tally.met += self.weight;
    }
}

/// [`LookUp::at`] of a form no key of the current probe reached.
const NOT_REACHED: u32 = u32::MAX;

/// [`LookUp::at`] of a form a deletion key reached that is beyond the edit budget.
const TOO_FAR: u32 = u32::MAX - 1;

/// The forms one probe has reached so far, and where each stands among them: one entry per
/// form at its best quality without sorting what the keys bring (a thousand entries a query
/// name, sorted by form to merge them, cost a tenth of screening).
struct LookUp<'a> {
    reached: &'a mut Vec<Reached>,
    /// Where the current probe's entries start in `reached`.
    start: usize,
    /// Per token form: its entry in `reached`, [`NOT_REACHED`] or [`TOO_FAR`]. Every entry
    /// other than `NOT_REACHED` is reset by [`LookUp::forget_probe`] (or by `look_up` for
    /// `TOO_FAR`) so that the table is clean for the next probe.
    at: &'a mut [u32],
    deletion_hits: &'a mut Vec<u32>,
}

impl LookUp<'_> {
    /// Adds `form` reached through a key of `quality`, or raises its entry to that quality.
    #[inline]
    fn reach(&mut self, form: u32, quality: f32, mask: u32, weight: f32) {
        let slot = &mut self.at[form as usize];
        if *slot == NOT_REACHED {
            *slot = self.reached.len() as u32;
            self.reached.push((form, quality, mask, weight));
        } else {
            let entry = &mut self.reached[*slot as usize];
            if quality > entry.1 {
                entry.1 = quality;
            }
        }
    }

    /// Resets the table of the forms the current probe reached.
    fn forget_probe(&mut self) {
        for r in &self.reached[self.start..] {
            self.at[r.0 as usize] = NOT_REACHED;
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

/// Drops from `reached` the forms a query token reached only by sound, consonants or edits when
/// another query token met them as written (or as a variant): a listed word meets one query
/// word. Credited twice, the names of a common word whose sound another query word shares
/// (MAHMODI sounds as MUHAMMAD: MHMD) crowded out the name sought ("MAHMODI, Mohammad" lost
/// MAHMOUDI, Mohammad to the cap). `at` (the thread's slot table, clean: every form
/// [`NOT_REACHED`]) holds, for the time of the call, the query tokens that met each form
/// exactly, and is left clean.
///
/// The forms dropped are returned: a listed name that holds one on two words ("Said Said" for
/// "Said Sqid") is credited with both query words (see [`Index::credit_repeated`]).
fn drop_forms_met_exactly_by_another_token(reached: &mut Vec<Reached>, at: &mut [u32]) -> Vec<Reached> {
    let exact_quality = key_quality(u64::from(NS_FORM));
    let mut dropped = Vec::new();
    if reached.iter().all(|r| r.1 >= exact_quality) {
        return dropped;
    }
    for &(form, quality, mask, _) in reached.iter() {
        if quality >= exact_quality {
            let slot = &mut at[form as usize];
            *slot = if *slot == NOT_REACHED { mask } else { *slot | mask };
        }
    }
    reached.retain(|&r| {
        let (form, quality, mask, _) = r;
        let met = at[form as usize];
        let kept = quality >= exact_quality || met == NOT_REACHED || met & !mask == 0;
        if !kept {
            dropped.push(r);
        }
        kept
    });
    // A dropped form's slot is that of a form kept (met exactly), reset with it.
    for &(form, ..) in reached.iter() {
        at[form as usize] = NOT_REACHED;
    }
    dropped
}

/// The probes of a query name: its tokens (those of little information only add evidence,
/// unless no token is informative), then every pair of adjacent joinable tokens written as one.
fn probes<'q>(query: &NameView<'q>) -> Vec<Probe<'q>> {
    let tokens = &query.tokens;
    let all_low = tokens.iter().all(|t| is_low_information(t.role));
    let mut probes = Vec::new();
    for (i, t) in tokens.iter().enumerate().take(MAX_PROBED_TOKENS) {
        let boost_only = !all_low && is_low_information(t.role);
        // A number is evidence of a name whatever it weighs in the score: a digit run into a
        // word (MEDIA1) weighs like a particle there, since it may be a misread letter, but it
        // still tells MEDIA 1 MANAGEMENT from the other names of common words. (A weight above
        // the score's only raises the bound: no hit is lost.)
        let weight = if t.role == TokenRole::Number { t.weight.max(1.0) } else { t.weight };
        probes.push(Probe { mask: 1 << i, weight, forms: Cow::Borrowed(t.forms), boost_only });
    }
    for i in 0..tokens.len().saturating_sub(1).min(MAX_PROBED_TOKENS - 1) {
        let (x, y) = (&tokens[i], &tokens[i + 1]);
        if joinable(x.forms, x.role) && joinable(y.forms, y.role) {
            probes.push(Probe {
                mask: 0b11 << i,
                weight: x.weight + y.weight,
                forms: Cow::Owned(TokenForms::joined_to_look_up(x.forms, y.forms)),
                boost_only: false,
            });
        }
    }
    // The words on either side of a connector, joined ("Jaish i Mohammed" reaches a listed
    // JAISHIMOHAMMED one edit off).
    for i in 1..tokens.len().saturating_sub(1).min(MAX_PROBED_TOKENS - 1) {
        let (x, connector, y) = (&tokens[i - 1], &tokens[i], &tokens[i + 1]);
        if is_connector(connector.forms, connector.role)
            && joinable(x.forms, x.role)
            && joinable(y.forms, y.role)
        {
            probes.push(Probe {
                mask: 0b111 << (i - 1),
                weight: x.weight + y.weight,
                forms: Cow::Owned(TokenForms::joined_to_look_up(x.forms, y.forms)),
                boost_only: false,
            });
        }
    }
    probes
}

impl Index {
    /// The groups (by their first name) whose name is written as `name`, up to case,
    /// diacritics, punctuation and spacing (a code: up to its separators), and the
    /// registration marks one character off a query that is one ([`crate::code`]): scored
    /// whatever their evidence, so that no cap crowds out a listed name written as listed
    /// ("HONG KONG ELECTRONICS", made of common words, or "Hassan", one of hundreds).
    pub(super) fn written_groups(&self, name: &str) -> Vec<u32> {
        let mut groups = self.written.get(written_key(name)).to_vec();
        if let Some(mark) = code::mark_characters(name) {
            let mut keys = Vec::new();
            deletion_keys(&mark, 0..=1, NS_MARK, &mut keys);
            for k in keys {
                groups.extend_from_slice(self.written.get(k));
            }
            groups.sort_unstable();
            groups.dedup();
        }
        groups
    }

    /// The listed names worth scoring for one query name, each standing for its group of names
    /// written alike (see `Index::group_next`): those reached through any key of any
    /// informative query token (or of two adjacent query tokens joined), the best
    /// [`CANDIDATE_CAP`] by evidence. Evidence per name sums, over the query tokens that
    /// reached it, the key quality times the token weight times the rarity of the listed form.
    ///
    /// `allowed`, when given, says which groups (by their first name) may be candidates at all;
    /// `floor` is the lowest name score that can make a hit.
    pub(super) fn candidates(
        &self,
        query: &NameView<'_>,
        allowed: Option<&dyn Fn(u32) -> bool>,
        floor: f64,
    ) -> Vec<u32> {
        if query.tokens.is_empty() || self.names.is_empty() {
            return Vec::new();
        }
        let probes = probes(query);
        SCRATCH.with(|cell| {
            let mut scratch = cell.borrow_mut();
            let scratch = &mut *scratch;
            let (reached, boosts, repeated) = self.reach(&probes, scratch);
            let unreached = unreached_hebrew_weight(query, &reached, &repeated);
            if !scratch.tally_index.as_ref().is_some_and(|served| is_index(served, &self.identity)) {
                scratch.serve(&self.identity, &self.name_weights);
            }
            let (common, anchored) = self.credit_rare(scratch, &reached);
            self.credit_repeated(scratch, &repeated);
            scratch.reached = reached;
            self.credit_common(scratch, common, anchored, boosts);
            if unreached > 0.0 {
                self.count_unreached_as_met(scratch, unreached);
            }
            self.rank(scratch, allowed, query, floor as f32)
        })
    }

    /// Every token form the probes' keys reach, as (form, key quality, query tokens, weight), one
    /// entry per form and probe at its best quality, best quality first per probe; the forms
    /// reached by boost-only probes apart.
    ///
    /// One-edit neighbourhoods of every probe first, their table slots prefetched together,
    /// then the two-edit neighbourhoods of words of eight letters or more, even of a word found
    /// as written: a listed word two edits away may still make a hit with the rest of the name.
    /// A word whose letters are a listed form's takes the forms that form's deletions reach,
    /// filed at build (the same forms: they depend on the letters alone); another looks up its
    /// own deletions. A joined probe looks up one-edit deletions only (and the
    /// scorer allows it no more). The thread's [`LookUp::at`] is grown to the index's forms and
    /// left clean; the forms reached are returned in the scratch's buffer, to be given back.
    fn reach(&self, probes: &[Probe<'_>], scratch: &mut Scratch) -> (Vec<Reached>, Vec<Boost>, Vec<Reached>) {
        let mut reached = std::mem::take(&mut scratch.reached);
        reached.clear();
        let mut boosts: Vec<Boost> = Vec::new();
        let Scratch {
            reached_at: at,
            keys,
            located,
            wider_keys: wider,
            wider_located,
            deletion_hits,
            order,
            ..
        } = scratch;
        // A probe whose letters are a listed form's reaches through deletions the forms that
        // form's own deletions reach, which the index files at build: the probes' written keys
        // are located first, and such a probe looks up none of its deletion keys (some 8 a
        // word, and some 40 more two edits away for a word of eight letters or more, each a
        // slot of a table larger than the caches).
        keys.clear();
        for probe in probes.iter().filter(|p| !p.boost_only && !p.forms.text.is_empty()) {
            keys.push(key(NS_FORM, &probe.forms.text));
        }
        self.locate_all(keys, located);
        let mut written = located.iter();
        let written_as: Vec<Option<u32>> = probes
            .iter()
            .map(|p| match p.boost_only || p.forms.text.is_empty() {
                true => None,
                false => written.next().and_then(|&data| self.listed_form_written_as(&p.forms, data)),
            })
            .collect();
        keys.clear();
        wider.clear();
        // Where each probe's keys start in `keys` and in `wider`.
        let mut probe_keys = Vec::with_capacity(probes.len() + 1);
        for (probe, form) in probes.iter().zip(&written_as) {
            probe_keys.push((keys.len(), wider.len()));
            if probe.boost_only {
                written_keys(&probe.forms, keys);
            } else {
                near_keys(&probe.forms, probe.is_joined(), form.is_none(), keys);
                if !probe.is_joined() && form.is_none() {
                    two_edit_keys(&probe.forms, wider);
                }
            }
        }
        probe_keys.push((keys.len(), wider.len()));
        self.locate_all(keys, located);
        self.locate_all(wider, wider_located);
        if at.len() < self.form_facts.len() {
            at.resize(self.form_facts.len(), NOT_REACHED);
        }
        let mut look = LookUp { reached: &mut reached, start: 0, at, deletion_hits };
        let deletion_quality = key_quality(u64::from(NS_DELETION));
        for (p, probe) in probes.iter().enumerate() {
            look.start = look.reached.len();
            let ((from, wider_from), (to, wider_to)) = (probe_keys[p], probe_keys[p + 1]);
            let token = (probe.mask, probe.weight);
            self.look_up(&probe.forms, &keys[from..to], &located[from..to], token, &mut look);
            if let Some(form) = written_as[p].filter(|_| !probe.forms.numeric) {
                let two_edits = !probe.is_joined() && two_edit_keys_apply(&probe.forms);
                let (near, wider) = self.deletion_neighbours(form);
                for &reached in near.iter().chain(if two_edits { wider } else { &[] }) {
                    look.reach(reached, deletion_quality, probe.mask, probe.weight);
                }
            }
            if wider_from < wider_to {
                let (wider, wider_located) =
                    (&wider[wider_from..wider_to], &wider_located[wider_from..wider_to]);
                self.look_up(&probe.forms, wider, wider_located, token, &mut look);
            }
            look.forget_probe();
            let start = look.start;
            if probe.boost_only {
                boosts.extend(look.reached.drain(start..).map(|r| (r, false)));
                continue;
            }
            // Best quality first (a name is credited once per query token, by the first
            // form that reaches it), then by form, so that the order never depends on how
            // the entries were gathered. The probe's entries differ only in form and quality
            // (positive: its bits order it), so they sort as one integer each, quality
            // inverted above the form: sorted by a comparison of both fields, screening took
            // 1.2% more instructions.
            order.clear();
            order.extend(
                look.reached[start..].iter().map(|r| u64::from(!r.1.to_bits()) << 32 | u64::from(r.0)),
            );
            order.sort_unstable();
            for (r, &k) in look.reached[start..].iter_mut().zip(order.iter()) {
                *r = (k as u32, f32::from_bits(!((k >> 32) as u32)), probe.mask, probe.weight);
            }
        }
        let repeated = drop_forms_met_exactly_by_another_token(look.reached, look.at);
        for r in &reached {
            prefetch(&self.form_starts[r.0 as usize]);
        }
        for r in &reached {
            if let Some(first) = self.form_names.get(self.form_starts[r.0 as usize] as usize) {
                prefetch(first);
            }
        }
        (reached, boosts, repeated)
    }

    /// The located data of each of `keys` in the key table, in order. The slots are asked for
    /// [`SLOTS_AHEAD`] keys ahead of reading them: asked for and read one by one, their misses
    /// did not overlap, and asked for all at once, the prefetches stalled on the misses in
    /// flight.
    fn locate_all(&self, keys: &[u64], located: &mut Vec<u32>) {
        located.clear();
        for &k in keys.iter().take(SLOTS_AHEAD) {
            self.keys.prefetch(k);
        }
        for (i, &k) in keys.iter().enumerate() {
            if let Some(&ahead) = keys.get(i + SLOTS_AHEAD) {
                self.keys.prefetch(ahead);
            }
            let data = self.keys.locate(k);
            self.keys.prefetch_postings(data);
            located.push(data);
        }
    }

    /// The listed token form whose letters are those of `probe`, among the forms its written
    /// key leads to (`written`: that key's located data), if one is.
    fn listed_form_written_as(&self, probe: &TokenForms, written: u32) -> Option<u32> {
        // Joined forms (ids past the token forms') have no neighbours filed.
        let token_form = |form: u32| (form as usize) < self.forms.len();
        self.keys.postings(&written).iter().copied().filter(|&form| token_form(form)).find(|&form| {
            let facts = &self.form_facts[form as usize];
            facts.len as usize == probe.chars.len()
                && self.form_chars[facts.chars_start as usize..][..probe.chars.len()] == probe.chars[..]
        })
    }

    /// Whether form `form` (a token form or a joined one) is within the edit budget of `probe`,
    /// the budget of the longer of the two.
    fn within_edit_budget(&self, probe: &TokenForms, form: u32) -> bool {
        let facts = &self.form_facts[form as usize];
        let budget = edit_budget(probe.len).max(edit_budget(facts.len as usize));
        let letters = facts.letters;
        let apart = (probe.letters & !letters).count_ones().max((letters & !probe.letters).count_ones());
        apart as usize <= budget
            && self.with_form_chars(form, facts, |chars| match budget {
                1 => within_one_edit(&probe.chars, chars),
                _ => osa_distance_chars(&probe.chars, chars, budget).is_some(),
            })
    }

    /// The forms other than token form `form` that a look-up of the deletions of `depths`
    /// letters of its letters reaches within the edit budget, sorted: what a query word whose
    /// letters are `form`'s finds through those deletion keys (see [`Index::reach`]). Filed at
    /// build for every token form.
    pub(super) fn find_neighbours(
        &self,
        form: u32,
        depths: RangeInclusive<usize>,
        keys: &mut Vec<u64>,
        out: &mut Vec<u32>,
    ) {
        let forms = &self.forms[form as usize];
        keys.clear();
        out.clear();
        deletion_keys(&forms.chars, depths, NS_DELETION, keys);
        for &k in keys.iter() {
            out.extend_from_slice(self.keys.get(k));
        }
        out.sort_unstable();
        out.dedup();
        out.retain(|&near| near != form && self.within_edit_budget(forms, near));
    }

    /// Looks up `keys` of one query probe (`located` in the key table) and adds the forms they
    /// reach to `look.reached[look.start..]` as (form, key quality, query tokens, weight), one
    /// entry per form at its best quality. Forms reached through deletion keys are kept only
    /// within the edit budget.
    fn look_up(
        &self,
        probe: &TokenForms,
        keys: &[u64],
        located: &[u32],
        (mask, weight): (u32, f32),
        look: &mut LookUp<'_>,
    ) {
        for (&k, data) in keys.iter().zip(located) {
            let postings = self.keys.postings(data);
            if (k & 7) as u8 != NS_DELETION {
                let q = key_quality(k);
                for &form in postings {
                    look.reach(form, q, mask, weight);
                }
            } else {
                // Verified once per form below: a form near the probe shares many deletions.
                look.deletion_hits.extend_from_slice(postings);
            }
        }
        // Each form's facts, then the letters of those not reached yet: asked for together, the
        // misses overlap.
        for &form in look.deletion_hits.iter() {
            prefetch(&self.form_facts[form as usize]);
        }
        for &form in look.deletion_hits.iter() {
            if look.at[form as usize] == NOT_REACHED {
                if let Some(first) = self.form_chars.get(self.form_facts[form as usize].chars_start as usize)
                {
                    prefetch(first);
                }
            }
        }
        let deletion_quality = key_quality(u64::from(NS_DELETION));
        // Deletion neighbourhoods of depth two also meet words three or four edits apart:
        // keep only forms truly within the edit budget of the shorter token (forms already
        // reached, through a better key or a deletion verified already, need no check; a form
        // found too far is marked so, and not checked again).
        for i in 0..look.deletion_hits.len() {
            let form = look.deletion_hits[i];
            if look.at[form as usize] != NOT_REACHED {
                continue;
            }
            if self.within_edit_budget(probe, form) {
                look.reach(form, deletion_quality, mask, weight);
            } else {
                look.at[form as usize] = TOO_FAR;
            }
        }
        // Forms found too far are checked again by the next probe (and its deletions).
        for i in 0..look.deletion_hits.len() {
            let form = look.deletion_hits[i] as usize;
            if look.at[form] == TOO_FAR {
                look.at[form] = NOT_REACHED;
            }
        }
        look.deletion_hits.clear();
    }

    /// Credits the names holding each rare form reached (held by at most
    /// [`COMMON_FORM_NAMES`] names); returns the common forms reached, for
    /// [`Index::credit_common`], and the query tokens that met a rare listed form exactly (or
    /// as a variant) and no common one, as a bit per token.
    ///
    /// A name is credited once per query token: two query tokens joined credit a name that
    /// neither of them reached alone (the listed word they make, "Aghajani" for "Aqa Jani"),
    /// not one they reached already. Counted again, they lifted the names where the two words
    /// stand together far above one where another word stands between ("Alexander
    /// BORTNIKOV" over "BORTNIKOV, Alexander Vasilievich"), out of the candidates.
    fn credit_rare(&self, scratch: &mut Scratch, reached: &[Reached]) -> (Vec<Reached>, u32) {
        let total = self.names.len();
        let exact = key_quality(u64::from(NS_FORM));
        let mut common = Vec::new();
        let mut anchored: u32 = 0;
        // Query tokens that met a common form exactly too: one word is several forms (HASSAN
        // as a given name and as a family name carry other variants), and the names that hold
        // the common one are reached through no rare form.
        let mut met_common_exactly: u32 = 0;
        for &(form, ..) in reached {
            let postings = self.names_with_form(form);
            if postings.len() <= COMMON_FORM_NAMES {
                postings.iter().for_each(|&n| prefetch(&scratch.tally[n as usize]));
            }
        }
        for &(form, quality, mask, weight) in reached {
            let postings = self.names_with_form(form);
            let single_word = mask.count_ones() == 1;
            if postings.len() > COMMON_FORM_NAMES {
                if quality >= exact && single_word {
                    met_common_exactly |= mask;
                }
                common.push((form, quality, mask, weight));
                continue;
            }
            // A joined probe anchors nothing: the names where its words stand apart are found
            // through the words.
            if quality >= exact && !postings.is_empty() && single_word {
                anchored |= mask;
            }
            let rarity = scratch.rarity(total, postings.len());
            scratch.credit(postings, mask, Credit::of(quality, weight, rarity));
        }
        (common, anchored & !met_common_exactly)
    }

    /// Credits the forms another query token met exactly (see
    /// [`drop_forms_met_exactly_by_another_token`]) to the few names that hold such a form on
    /// two words: "Said Sqid" meets "Said Said" word for word, and credited for one word only it
    /// ranked below hundreds of other Saids, out of the candidates.
    fn credit_repeated(&self, scratch: &mut Scratch, repeated: &[Reached]) {
        let total = self.names.len();
        for &(form, quality, mask, weight) in repeated {
            let mut names = self.names_repeating(form).peekable();
            if names.peek().is_none() {
                continue;
            }
            let credit = Credit::of(quality, weight, scratch.rarity(total, self.names_with_form(form).len()));
            for n in names {
                scratch.credit(&[n], mask, credit);
            }
        }
    }

    /// Counts query words no key reached (`unreached`, their weight: see
    /// [`unreached_hebrew_weight`]) as met by a sound in every name touched, as far as the name
    /// has words left to meet them. Apart from [`Index::rank`], whose loop over the names
    /// touched is screening's hottest but one, for the few queries that need it.
    fn count_unreached_as_met(&self, scratch: &mut Scratch, unreached: f32) {
        for &n in &scratch.touched {
            let tally = &mut scratch.tally[n as usize];
            let assumed = unreached.min(tally.name_weight - tally.met).max(0.0);
            tally.met += assumed;
            tally.matched += 0.8 * assumed;
        }
    }

    /// Credits the common forms reached (MUHAMMAD, ALI, LLC). A true match reached through an
    /// *anchored* query token (one that met a rare form exactly) is already touched, so the
    /// common forms of the other query tokens only add evidence to the names touched. With no
    /// anchor, the query token whose common forms hold the fewest names is walked in full and
    /// the others only add evidence: a name that holds none of the rarest token's forms is one
    /// among thousands sharing only common words, which evidence could not rank anyway.
    ///
    /// `boosts`, the forms reached by boost-only probes, only add evidence.
    fn credit_common(
        &self,
        scratch: &mut Scratch,
        common: Vec<Reached>,
        mut anchored: u32,
        boosts: Vec<Boost>,
    ) {
        let total = self.names.len();
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
                anchored = rarest.0;
                // Names reached so far through rare forms stay; the walk adds to them.
            }
        }
        let (boost_only, walk): (Vec<_>, Vec<_>) = common.into_iter().partition(|c| anchored & !c.2 != 0);
        // Common forms of informative tokens count as met; forms of tokens of little information
        // add evidence only, and one of thousands of names (LLC, AL) says too little to rank by.
        let boost_only: Vec<Boost> = boost_only
            .into_iter()
            .map(|c| (c, true))
            .chain(boosts.into_iter().filter(|b| self.names_with_form(b.0 .0).len() <= BOOST_MAX_NAMES))
            .collect();
        for &(form, quality, mask, weight) in &walk {
            let postings = self.names_with_form(form);
            let rarity = scratch.rarity(total, postings.len());
            scratch.credit(postings, mask, Credit::of(quality, weight, rarity));
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
        // The bit set as a slice apart from the tallies, in the loops below: through the
        // vector, every name tested reloaded where it lives, as writing a tally might move it.
        let bits = &mut scratch.touched_bits[..];
        for &n in &scratch.touched {
            bits[n as usize / 64] |= 1 << (n % 64);
        }
        for &((form, quality, mask, weight), counts_as_met) in &boost_only {
            let mut postings = self.names_with_form(form);
            let mut credit = Credit::of(quality, weight, scratch.rarity(total, postings.len()));
            if !counts_as_met {
                credit.matched = 0.0;
                credit.weight = 0.0;
            }
            let Scratch { tally, touched, sorted_touched, touched_bits, .. } = &mut *scratch;
            if postings.len() <= touched.len() * SCAN_RATIO {
                // Postings not much longer than the names reached: each of their names is
                // tested against the bit set of the names reached, which stays in the cache.
                let (bits, tally) = (&touched_bits[..], &mut tally[..]);
                for &n in postings {
                    if bits[n as usize / 64] & (1 << (n % 64)) != 0 && tally[n as usize].credited & mask == 0
                    {
                        credit.add_to(&mut tally[n as usize], mask);
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
                    credit.add_to(&mut tally[n as usize], mask);
                }
            }
        }
        let bits = &mut scratch.touched_bits[..];
        for &n in &scratch.touched {
            bits[n as usize / 64] = 0;
        }
    }

    /// The names touched and allowed that the scorer is likeliest to find alike (see
    /// [`CANDIDATE_CAP`]); clears the scratch for the next query.
    ///
    /// Each name is ranked by an estimate of its score, made the way the scorer makes it from
    /// what the keys found: the query tokens that reached it matched (at what their keys
    /// suggest), the rest of the query's weight and as much of the listed name's weight
    /// unmatched. A listed name made only of what the query holds ("VTB" for "AO VTB
    /// DEVELOPMENT") ranks by that, not below longer names that hold rarer words of the query.
    /// Evidence (rarity) breaks ties.
    fn rank(
        &self,
        scratch: &mut Scratch,
        allowed: Option<&dyn Fn(u32) -> bool>,
        query: &NameView<'_>,
        floor: f32,
    ) -> Vec<u32> {
        let likely_hit = floor - LIKELY_HIT_MARGIN;
        // Tokens of little information count in the estimate only when all are.
        let all_low = query.tokens.iter().all(|t| is_low_information(t.role));
        let query_weight: f32 =
            query.tokens.iter().filter(|t| all_low || !is_low_information(t.role)).map(|t| t.weight).sum();
        // Names estimated far below a hit's score are left out as they are met (below, the same
        // test would drop them with those far below the best, which they cannot be).
        let below_floor = floor - ESTIMATE_BELOW_FLOOR;
        let mut found: Vec<(f32, f32, u32)> = Vec::with_capacity(scratch.touched.len());
        for &n in &scratch.touched {
            let i = n as usize;
            let slot = &mut scratch.tally[i];
            let tally = std::mem::replace(slot, Tally::untouched(slot.name_weight));
            let met = tally.met;
            let left_query = (query_weight - met).max(0.0);
            let left_listed = (tally.name_weight - met).max(0.0);
            let share = if left_query > 0.05 && left_listed > 0.05 { 1.0 } else { MISSING_SHARE };
            let denominator = 2.0 * met + share * (left_query + left_listed);
            let estimate = if denominator > 0.0 { 2.0 * tally.matched / denominator } else { 0.0 };
            // The filter is asked after the estimate, of the third of the names it keeps: it
            // rules out few, and asked of every name touched it cost 0.16% more of screening's
            // instructions (a call through `dyn Fn` per name).
            if estimate >= below_floor && allowed.is_none_or(|allowed| allowed(n)) {
                found.push((estimate, tally.evidence, n));
            }
        }
        scratch.touched.clear();
        // Names estimated far below the best cannot compete with it for the top of the hits:
        // they met only minor tokens of the query. Names estimated far below a hit's score
        // would not make one.
        let best = found.iter().map(|f| f.0).fold(0.0f32, f32::max);
        let lowest = (best * RELATIVE_ESTIMATE_FLOOR).max(below_floor);
        found.retain(|f| f.0 >= lowest);
        if found.len() > CANDIDATE_CAP {
            // Namesakes: when more names than the cap share the best estimate (the same
            // name listed for many entities), the estimate cannot rank them, and all of them
            // are scored, up to a larger cap, rather than an arbitrary 48.
            // Likewise when more names than the cap are estimated at a hit's score (a query
            // of common given names, "Abdul Rahman", met whole by hundreds of longer names):
            // the estimate cannot tell which of them the scorer will put above the threshold.
            let tied = found.iter().filter(|f| f.0 >= best * TIED_ESTIMATE || f.0 >= likely_hit).count();
            let keep = tied.clamp(CANDIDATE_CAP, TIED_CANDIDATE_CAP).min(found.len());
            if keep < found.len() {
                // Best estimate first, then most evidence, then the name's id. Both are positive
                // (or +0), where the order of their bits is `total_cmp`'s: inverted and put
                // together, they compare as one integer at each step of the selection (two
                // float comparisons chained took 0.46% more of screening's instructions). The
                // comparisons give what they gave, so the selection leaves the same order. The
                // keys are put together once per name, not at each comparison (0.17% of
                // screening's instructions).
                let key =
                    |f: &(f32, f32, u32)| (u64::from(!f.0.to_bits()) << 32 | u64::from(!f.1.to_bits()), f.2);
                let mut keyed: Vec<(u64, u32)> = found.iter().map(key).collect();
                keyed.select_nth_unstable(keep - 1);
                return keyed[..keep].iter().map(|&(_, n)| n).collect();
            }
        }
        found.into_iter().map(|(.., n)| n).collect()
    }
}

/// The weight of the query's words written in Hebrew letters that no key reached a listed form
/// through: a word of two consonants (עדן, נעם) has no consonant skeleton or sound long enough
/// to be a key, and its readings, vowels left out, are seldom spelt so in a list. The estimate
/// counts them as met by a sound rather than as words the name lacks: "נעם פדרמן", met through
/// FEDERMAN alone, was estimated at 0.44, under the floor, and scores 0.83 against Noam
/// FEDERMAN. Not Arabic-script words, whose dictionary readings are keys: on the independent
/// deck the same rule for them found nothing more and gave one false alert more.
fn unreached_hebrew_weight(query: &NameView<'_>, reached: &[Reached], repeated: &[Reached]) -> f32 {
    if !query.tokens.iter().any(|t| t.forms.hebrew) {
        return 0.0;
    }
    let met = reached.iter().chain(repeated).fold(0u32, |mask, r| mask | r.2);
    query
        .tokens
        .iter()
        .take(MAX_PROBED_TOKENS)
        .enumerate()
        .filter(|(i, t)| t.forms.hebrew && met & (1 << i) == 0)
        .map(|(_, t)| t.weight)
        .sum()
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
