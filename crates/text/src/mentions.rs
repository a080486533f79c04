//! Finding the listed parties a text names.
//!
//! 1. **Words.** The text is split into words ([`crate::words`]); each is folded
//!    (`embargo_names::normalize`, romanised when not Latin, Russian case endings tried off) and
//!    looked up in the [`Gazetteer`]: most words of an article are in no listed name.
//! 2. **Runs.** Capitalised words (in a script with case; any listed word in Persian or Arabic;
//!    any listed word on a headline in capitals) form runs, which `of`, `al`, `bin` may join
//!    and which a comma, a full stop, a possessive (`Russia's`) or a function word ends. A
//!    title or rank (`Major General`, `Foreign Minister`) ends a run too, and marks the next one
//!    as a person's name. Words no listed name holds are trimmed from the ends; a run left with
//!    no informative word (only generic words, titles, places) is not looked up.
//! 3. **Screening in context.** A run of two or more words is screened through the matcher's
//!    index like a name typed in a form: every word was written as part of the name, and the
//!    form-field score holds. A single word is different: in a form, "Putin" alone is a poor
//!    query and the matcher scores it below the threshold (0.78) because the given name is
//!    missing; in prose a family name or a company's distinctive word alone is the normal way to
//!    name a party. So a single word is scored as *similarity × distinctiveness*, capped at
//!    0.9: it must be the family name of the listed person (never a given name) or the one
//!    distinctive word of the listed organisation, and distinctiveness falls with the number of
//!    listed parties holding the word (1.0 for one party, 0.04 less for each other), and is 0
//!    for words shorter than four letters (acronyms in capitals excepted), mostly given names,
//!    generic words and places.
//! 4. **Linking.** A single word that is a word of a longer run elsewhere in the text (the
//!    nearest before it, else the first after) names the same party: it takes that run's hits
//!    (and none when that run had none: "Smith" after the unlisted "John Smith" stays silent).

use crate::gazetteer::{Gazetteer, WordStats};
use crate::lexicon;
use crate::words::{Case, Gap, Word};
use embargo_matcher::{compare, Explanation, Hit, Index, Query, ScreenOptions};
use embargo_model::EntityKind;
use embargo_names::{analyze, AnalyzedName, Script, TokenRole};
use foldhash::{HashMap, HashMapExt};
use std::ops::Range;

/// The most a single word scores in context.
pub(crate) const SINGLE_WORD_CAP: f64 = 0.9;
/// What distinctiveness loses for each other listed party holding a word of organisations.
pub(crate) const DISTINCTIVENESS_STEP: f64 = 0.04;
/// What distinctiveness loses for each other listed person holding a family name.
pub(crate) const FAMILY_NAME_STEP: f64 = 0.02;
/// Hits below this are not asked from the index for a single word (its form-field score of a
/// one-word query is low by design; the context score decides).
const SINGLE_WORD_PROBE_FLOOR: f64 = 0.6;
/// The longest run screened as one name; longer runs are cut.
const MAX_RUN_WORDS: usize = 10;

/// What is known of one word of the text.
#[derive(Debug, Clone)]
struct WordInfo {
    folded: String,
    /// The form given to the matcher (the word, or its Russian base form when only that is listed).
    query: String,
    /// How listed names hold the word (the best of its forms), if any does.
    stats: Option<WordStats>,
    /// Listed parties holding a word that sounds alike, when none holds it as written.
    phonetic_holders: u32,
    class: Class,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Function,
    Generic,
    Title,
    Connector,
    Place,
    Initial,
    Other,
}

impl WordInfo {
    fn known(&self) -> bool {
        self.stats.is_some() || self.phonetic_holders > 0
    }

    fn informative(&self) -> bool {
        self.known() && self.class == Class::Other
    }
}

/// A run of words that may be a name.
#[derive(Debug, Clone)]
pub(crate) struct Run {
    pub words: Range<usize>,
    /// A title or rank stood just before it: a person's name.
    pub person: bool,
}

/// A hit in context, before it is turned into output.
#[derive(Debug, Clone)]
pub(crate) struct ContextHit {
    pub hit: Hit,
    pub score: f64,
    pub why: String,
}

/// A mention found: its words and hits, and the run it is linked to.
#[derive(Debug, Clone)]
pub(crate) struct Found {
    pub words: Range<usize>,
    pub hits: Vec<ContextHit>,
    /// Index (in the returned list) of the mention this one is linked to.
    pub linked_to: Option<usize>,
}

/// How to screen, as the finder needs it.
pub(crate) struct Settings<'o> {
    pub threshold: f64,
    pub limit: usize,
    pub lists: &'o Option<Vec<String>>,
    pub explain: bool,
}

/// The finder of one text.
pub(crate) struct Finder<'a, 't> {
    index: &'a Index,
    settings: Settings<'a>,
    words: &'a [Word<'t>],
    infos: Vec<WordInfo>,
    /// Screening results by query (names repeat in an article).
    probes: HashMap<(String, Option<EntityKind>), Vec<Hit>>,
    /// Analysed listed names by (name, kind), for single words.
    listed: HashMap<(String, EntityKind), AnalyzedName>,
}

impl<'a, 't> Finder<'a, 't> {
    pub fn new(
        index: &'a Index,
        gazetteer: &'a Gazetteer,
        settings: Settings<'a>,
        words: &'a [Word<'t>],
        places: &[(usize, usize)],
    ) -> Finder<'a, 't> {
        let mut infos: Vec<WordInfo> = words.iter().map(|w| describe(w, gazetteer)).collect();
        for &(start, end) in places {
            for info in &mut infos[start..end] {
                info.class = Class::Place;
            }
        }
        Finder { index, settings, words, infos, probes: HashMap::new(), listed: HashMap::new() }
    }

    /// Every mention with hits, in text order.
    pub fn find(mut self) -> Vec<Found> {
        let runs = self.runs();
        // Runs of several words, screened first: single words may link to them.
        let mut results: Vec<Option<Vec<ContextHit>>> = vec![None; runs.len()];
        for (r, run) in runs.iter().enumerate() {
            if self.name_words(run) >= 2 {
                results[r] = Some(self.screen_run(run));
            }
        }
        let mut linked: Vec<Option<usize>> = vec![None; runs.len()];
        for r in 0..runs.len() {
            if results[r].is_some() {
                continue;
            }
            match self.antecedent(&runs, &results, r) {
                Some(a) => {
                    let hits = results[a].clone().unwrap_or_default();
                    let full = self.span_text(&runs[a].words);
                    results[r] = Some(
                        hits.into_iter()
                            .map(|h| ContextHit {
                                why: format!("in context: the same party as the full mention '{full}'"),
                                ..h
                            })
                            .collect(),
                    );
                    linked[r] = Some(a);
                }
                None => results[r] = Some(self.screen_single(&runs[r])),
            }
        }
        // Only mentions with hits are reported; links point into that list.
        let mut position: Vec<Option<usize>> = vec![None; runs.len()];
        let mut found = Vec::new();
        for (r, run) in runs.iter().enumerate() {
            let hits = results[r].take().unwrap_or_default();
            if hits.is_empty() {
                continue;
            }
            position[r] = Some(found.len());
            found.push(Found {
                words: run.words.clone(),
                hits,
                linked_to: linked[r].and_then(|a| position.get(a).copied().flatten()),
            });
        }
        // A link forward (a family name in a headline before the full name) is set once the
        // later mention has its place.
        for r in 0..runs.len() {
            if let (Some(p), Some(a)) = (position[r], linked[r]) {
                if found[p].linked_to.is_none() && position[a].is_some() {
                    found[p].linked_to = position[a];
                }
            }
        }
        found
    }

    fn is_nameish(&self, i: usize) -> bool {
        let word = &self.words[i];
        let info = &self.infos[i];
        if info.class == Class::Function {
            return false;
        }
        if has_case(word.script) {
            if word.shouted {
                return info.known() || info.class == Class::Title;
            }
            return matches!(word.case, Case::Title | Case::Upper);
        }
        match word.script {
            // Digits continue no run on their own.
            Script::Common => false,
            // Without case, only what the lists hold.
            _ => info.stats.is_some() || info.class == Class::Title,
        }
    }

    /// The runs of the text, titles split off.
    fn runs(&self) -> Vec<Run> {
        let n = self.words.len();
        let mut runs = Vec::new();
        let mut i = 0;
        while i < n {
            if !self.is_nameish(i) {
                i += 1;
                continue;
            }
            let start = i;
            let mut end = i + 1;
            while end < n && end - start < MAX_RUN_WORDS && !self.words[end - 1].possessive {
                let next = &self.words[end];
                if next.gap >= Gap::Clause {
                    break;
                }
                if self.is_nameish(end) {
                    end += 1;
                    continue;
                }
                let joins = self.infos[end].class == Class::Connector
                    && !next.possessive
                    && end + 1 < n
                    && self.words[end + 1].gap <= Gap::Hyphen
                    && self.is_nameish(end + 1);
                if joins {
                    end += 2;
                    continue;
                }
                break;
            }
            self.split_titles(start..end, &mut runs);
            i = end;
        }
        runs
    }

    /// Splits a run after its titles (`Major General | Mohammad Bagheri`), trims it and keeps
    /// the parts worth screening.
    fn split_titles(&self, words: Range<usize>, runs: &mut Vec<Run>) {
        let mut start = words.start;
        let mut person = false;
        for k in words.clone() {
            let title = self.infos[k].class == Class::Title;
            let next_is_name =
                k + 1 < words.end && !matches!(self.infos[k + 1].class, Class::Title | Class::Connector);
            if title && next_is_name {
                start = k + 1;
                person = true;
            }
        }
        // Titles in front of the part kept are dropped; a title inside a name ("General Staff
        // of the Armed Forces") stays.
        if let Some(run) = self.trim(start..words.end, person) {
            runs.push(run);
        }
    }

    fn trim(&self, mut words: Range<usize>, person: bool) -> Option<Run> {
        let droppable_front = |info: &WordInfo| {
            !info.known() || matches!(info.class, Class::Function | Class::Title | Class::Connector)
        };
        let droppable_back = |info: &WordInfo| {
            !info.known() || matches!(info.class, Class::Function | Class::Title | Class::Connector)
        };
        while !words.is_empty() && droppable_front(&self.infos[words.start]) {
            words.start += 1;
        }
        while !words.is_empty() && droppable_back(&self.infos[words.end - 1]) {
            words.end -= 1;
        }
        if words.is_empty() || !self.infos[words.clone()].iter().any(WordInfo::informative) {
            return None;
        }
        Some(Run { words, person })
    }

    /// Words of the run that are not connectors or initials.
    fn name_words(&self, run: &Run) -> usize {
        self.infos[run.words.clone()]
            .iter()
            .filter(|i| !matches!(i.class, Class::Connector | Class::Initial))
            .count()
    }

    fn span_text(&self, words: &Range<usize>) -> String {
        let mut out = String::new();
        for k in words.clone() {
            if k > words.start {
                out.push(if self.words[k].gap == Gap::Hyphen { '-' } else { ' ' });
            }
            out.push_str(&self.infos[k].query);
        }
        out
    }

    fn probe(&mut self, query: String, kind: Option<EntityKind>, floor: f64) -> Vec<Hit> {
        let key = (query, kind);
        if let Some(hits) = self.probes.get(&key) {
            return hits.clone();
        }
        let options = ScreenOptions {
            threshold: floor,
            limit: self.settings.limit.max(20),
            lists: self.settings.lists.clone(),
            explain: self.settings.explain,
        };
        let hits =
            self.index.screen(&Query { names: vec![key.0.clone()], kind, ..Query::default() }, &options);
        self.probes.insert(key, hits.clone());
        hits
    }

    /// A run of several words: the name as written, scored as in a form.
    fn screen_run(&mut self, run: &Run) -> Vec<ContextHit> {
        let text = self.span_text(&run.words);
        let kind = run.person.then_some(EntityKind::Person);
        let threshold = self.settings.threshold;
        let mut hits: Vec<ContextHit> = self
            .probe(text, kind, threshold)
            .into_iter()
            .map(|hit| ContextHit { score: hit.score, why: "in context: the name as written".into(), hit })
            .collect();
        hits.truncate(self.settings.limit);
        hits
    }

    /// The run of several words holding the single word of run `r`: the nearest before, else
    /// the first after.
    fn antecedent(&self, runs: &[Run], results: &[Option<Vec<ContextHit>>], r: usize) -> Option<usize> {
        let word = run_word(&runs[r]);
        let info = &self.infos[word];
        let holds = |a: usize| {
            results[a].is_some()
                && runs[a].words.clone().any(|k| {
                    let other = &self.infos[k];
                    // A given name alone is not how a text refers back to a person.
                    let given = other.stats.is_some_and(|s| s.mostly_given()) && k + 1 < runs[a].words.end;
                    !given && same_word(&info.folded, &other.folded)
                })
        };
        (0..r).rev().find(|&a| holds(a)).or_else(|| (r + 1..runs.len()).find(|&a| holds(a)))
    }

    /// A single word: similarity × distinctiveness, for family names and the one distinctive
    /// word of an organisation.
    fn screen_single(&mut self, run: &Run) -> Vec<ContextHit> {
        let word = run_word(run);
        let info = self.infos[word].clone();
        let written = &self.words[word];
        let Some(distinctiveness) = distinctiveness(&info, written) else { return Vec::new() };
        let kind = run.person.then_some(EntityKind::Person);
        let hits = self.probe(info.query.clone(), kind, SINGLE_WORD_PROBE_FLOOR);
        let mut out = Vec::new();
        for hit in hits {
            let Some(similarity) = self.single_word_similarity(&info, &hit) else { continue };
            let score = similarity.min(SINGLE_WORD_CAP) * distinctiveness;
            if score >= self.settings.threshold {
                let why = format!(
                    "in context: one word, similarity {similarity:.3} (capped at {SINGLE_WORD_CAP}) × \
                     distinctiveness {distinctiveness:.3}"
                );
                out.push(ContextHit { hit, score, why });
            }
        }
        out.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.hit.entity.id.cmp(&b.hit.entity.id)));
        out.truncate(self.settings.limit);
        out
    }

    /// How well one word names the listed name of `hit`: `None` unless the word is the
    /// person's family name or the organisation's one distinctive word.
    fn single_word_similarity(&mut self, info: &WordInfo, hit: &Hit) -> Option<f64> {
        let kind = hit.entity.kind;
        let key = (hit.matched_name.clone(), kind);
        let listed = self.listed.entry(key).or_insert_with(|| analyze(&hit.matched_name, Some(kind)));
        let person = kind == EntityKind::Person;
        let strong = |role: TokenRole| {
            if person {
                matches!(role, TokenRole::Family | TokenRole::Name)
            } else {
                matches!(role, TokenRole::Core | TokenRole::Name | TokenRole::Family)
            }
        };
        let strong_tokens = listed.tokens.iter().filter(|t| strong(t.role)).count();
        if person && listed.tokens.len() < 2 {
            // A listed one-word name of a person (an alias "JOHN") is no family name.
            return None;
        }
        if !person && strong_tokens != 1 {
            // The word is only part of what distinguishes the organisation.
            return None;
        }
        let token = listed
            .tokens
            .iter()
            .filter(|t| strong(t.role))
            .max_by(|a, b| token_match(info, a).total_cmp(&token_match(info, b)))?;
        let mut similarity = token_match(info, token);
        if similarity < 1.0 {
            similarity = compare(&info.query, &token.original, Some(kind)).score;
        }
        (similarity >= 0.8).then_some(similarity)
    }
}

/// 1.0 when the word equals the listed token or one of its variants, else 0.
fn token_match(info: &WordInfo, token: &embargo_names::Token) -> f64 {
    let equal = token.text == info.folded || token.variants.iter().any(|v| *v == info.folded);
    if equal {
        1.0
    } else {
        0.0
    }
}

fn run_word(run: &Run) -> usize {
    run.words.start
}

/// Two folded words naming the same party: equal, or a Russian case ending apart.
fn same_word(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let cyrillic = long
        .chars()
        .next()
        .is_some_and(|c| embargo_names::dominant_script(&c.to_string()) == Script::Cyrillic);
    cyrillic
        && short.chars().count() >= 4
        && long.starts_with(short)
        && long.chars().count() - short.chars().count() <= 2
}

/// How distinctive a word alone is, in 0..1; `None` when it cannot name a party alone.
///
/// Nil for dictionary words, given names, generic words, places and words under four letters
/// (acronyms in capitals excepted). Otherwise it falls with the listed parties holding the
/// word: by [`FAMILY_NAME_STEP`] for each other party for a family name (relatives share
/// one: four listed PUTINs, and "Putin" still names a listed party whichever it is), by
/// [`DISTINCTIVENESS_STEP`] for a word of organisations' names (a place or a trade word
/// reused by many companies names none of them).
fn distinctiveness(info: &WordInfo, word: &Word) -> Option<f64> {
    if !info.informative() || lexicon::is_dictionary_word(&info.folded) {
        return None;
    }
    let letters = info.folded.chars().count();
    let acronym = word.case == Case::Upper && !word.shouted && letters >= 3;
    if letters < 4 && !acronym {
        return None;
    }
    let (holders, step) = match info.stats {
        Some(stats) if stats.mostly_given() => return None,
        Some(stats) if stats.family >= stats.core => (stats.holders, FAMILY_NAME_STEP),
        Some(stats) => (stats.holders, DISTINCTIVENESS_STEP),
        None => (info.phonetic_holders, DISTINCTIVENESS_STEP),
    };
    let d = 1.0 - step * f64::from(holders.saturating_sub(1));
    (d > 0.0).then_some(d)
}

fn has_case(script: Script) -> bool {
    matches!(script, Script::Latin | Script::Cyrillic | Script::Greek | Script::Armenian | Script::Georgian)
}

/// Russian case endings, longest first: `Путина`, `Шойгу`, `Хаджизаде` are looked up without
/// them when the word as written is in no listed name.
const RUSSIAN_ENDINGS: &[&str] = &[
    "ами", "ями", "ого", "его", "ому", "ему", "ыми", "ими", "ой", "ей", "ом", "ем", "ым", "им", "ую", "ая",
    "ах", "ях", "а", "я", "у", "ю", "е", "ы",
];

fn describe(word: &Word, gazetteer: &Gazetteer) -> WordInfo {
    let folded = embargo_names::normalize(word.text);
    let class = if lexicon::is_connector(&folded) && word.case == Case::Lower {
        Class::Connector
    } else if lexicon::is_function(&folded) {
        Class::Function
    } else if lexicon::is_title(&folded) {
        Class::Title
    } else if lexicon::is_generic(&folded) {
        Class::Generic
    } else if lexicon::is_place(&folded) {
        Class::Place
    } else if folded.chars().count() == 1 && word.case == Case::Upper {
        Class::Initial
    } else {
        Class::Other
    };
    let mut query = word.text.to_owned();
    let mut stats = lookup(&folded, word.script, gazetteer);
    if stats.is_none() && word.script == Script::Cyrillic {
        let lower = word.text.to_lowercase();
        for ending in RUSSIAN_ENDINGS {
            if let Some(stem) = lower.strip_suffix(ending).filter(|s| s.chars().count() >= 3) {
                if let Some(found) = lookup(&embargo_names::normalize(stem), word.script, gazetteer) {
                    stats = Some(found);
                    query = stem.to_owned();
                    break;
                }
            }
        }
    }
    let phonetic_holders = if stats.is_none() && class == Class::Other && word.case != Case::Lower {
        let latin = romanised(&folded, word.script).into_iter().next().unwrap_or_else(|| folded.clone());
        gazetteer.phonetic_holders(&embargo_names::phonetic(&latin))
    } else {
        0
    };
    WordInfo { folded, query, stats, phonetic_holders, class }
}

/// The word's romanisations (for Latin script: none).
fn romanised(folded: &str, script: Script) -> Vec<String> {
    if matches!(script, Script::Latin | Script::Common) {
        return Vec::new();
    }
    embargo_names::romanize(folded).iter().map(|r| embargo_names::normalize(r)).collect()
}

/// The stats of the first form of a word that the lists hold: as written, its canonical
/// spelling (Mohammed → muhammad), its romanisations.
fn lookup(folded: &str, script: Script, gazetteer: &Gazetteer) -> Option<WordStats> {
    if let Some(stats) = gazetteer.word(folded) {
        return Some(stats);
    }
    if let Some(canonical) = embargo_names::canonical_spelling(folded) {
        if let Some(stats) = gazetteer.word(&canonical) {
            return Some(stats);
        }
    }
    romanised(folded, script).iter().find_map(|r| gazetteer.word(r))
}

/// The explanation of a hit in context: the context's reasoning above the matcher's tree.
pub(crate) fn explain(hit: &ContextHit) -> Explanation {
    Explanation {
        value: hit.score,
        why: hit.why.clone(),
        children: hit.hit.explanation.clone().into_iter().collect(),
    }
}
