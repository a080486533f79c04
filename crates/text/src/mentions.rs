//! Finding the listed parties a text names.
//!
//! 1. **Words.** Each word of the text is described once ([`crate::lookup`]): its class in
//!    running text, its Latin forms, and how many listed parties hold it (the [`Gazetteer`]):
//!    most words of an article are in no listed name and cost one hash look-up.
//! 2. **Runs.** Capitalised words (in a script with case; any listed word in Persian or Arabic;
//!    any listed word on a headline in capitals) form runs, which `of`, `al`, `bin` may join
//!    and which a comma, a full stop, a possessive (`Russia's`) or a function word ends. A
//!    title or rank (`Major General`, `Foreign Minister`) ends a run too, and marks the next one
//!    as a person's name. Words no listed name holds are trimmed from the ends; a run left with
//!    no informative word (only generic words, titles, places) is not screened.
//! 3. **Runs of several words** are screened through the matcher's index like a name typed in
//!    a form: every word was written as part of the name, and the form-field score holds. When
//!    the whole run scores below the threshold, the words of each candidate's listed name are
//!    looked for inside the run, and the narrower window they span is scored again
//!    (`Чечни Рамзан Кадыров` → `Рамзан Кадыров`). A run of mixed case that names no listed
//!    party is a name of someone else (a journalist, a spokesperson); a run of a line in
//!    capitals (a headline, a remittance line) is no name as a whole and its words are taken
//!    one by one.
//! 4. **Single words.** A single word that is a word of a longer name elsewhere in the text
//!    (the nearest before it, else the first after) names the same party: it takes that name's
//!    hits, and none when that name was no listed party's ("Smith" after the unlisted "John
//!    Smith"). Otherwise, in a script with case, it is scored as *similarity × distinctiveness*
//!    (see [`distinctiveness`]), capped at [`SINGLE_WORD_CAP`]: in a form "Putin" alone is a
//!    poor query that the matcher scores below the threshold (the given name is missing), but
//!    prose names a known party by its family name or its company's one distinctive word.

use crate::gazetteer::Gazetteer;
use crate::lookup::{describe_all, Class, WordInfo};
use crate::words::{Case, Gap, Word};
use embargo_matcher::{compare, Explanation, Hit, Index, Query, ScreenOptions};
use embargo_model::EntityKind;
use embargo_names::{analyze, AnalyzedName, Script, TokenRole};
use foldhash::{HashMap, HashMapExt};
use std::ops::Range;
use std::rc::Rc;

/// The most a single word scores in context.
pub(crate) const SINGLE_WORD_CAP: f64 = 0.9;
/// What distinctiveness loses for each other listed organisation named by the word alone.
pub(crate) const DISTINCTIVENESS_STEP: f64 = 0.04;
/// What distinctiveness loses for each other listed person holding a family name.
pub(crate) const FAMILY_NAME_STEP: f64 = 0.02;
/// Candidates below this are not asked from the index (for a single word, whose form-field
/// score is low by design, or for a run whose narrower window may score higher).
const PROBE_FLOOR: f64 = 0.5;
/// Candidates of a single word below this are not asked for: an exact family name alone
/// scores about 0.78 as a form-field query, a respelled one 0.7.
const SINGLE_WORD_FLOOR: f64 = 0.68;
/// How many candidates of a run below the threshold are looked for inside it.
const WINDOW_CANDIDATES: usize = 8;
/// What a name made only of ordinary words (dictionary words, generic words, places) must
/// score to alert.
pub(crate) const ORDINARY_WORDS_FLOOR: f64 = 0.93;
/// The longest run screened as one name; longer runs are cut.
const MAX_RUN_WORDS: usize = 10;

/// A run of words that may be a name.
#[derive(Debug, Clone)]
struct Run {
    words: Range<usize>,
    /// A title or rank stood just before it: a person's name.
    person: bool,
}

/// A hit in context, before it is turned into output.
#[derive(Debug, Clone)]
pub(crate) struct ContextHit {
    pub hit: Hit,
    pub score: f64,
    pub why: String,
}

/// A name of several words screened, or a single word waiting to be.
#[derive(Debug, Clone)]
enum Candidate {
    /// Several words, screened: hits (maybe none: a name of no listed party).
    Name { words: Range<usize>, hits: Vec<ContextHit> },
    /// One word.
    Single { word: usize, person: bool },
}

impl Candidate {
    fn start(&self) -> usize {
        match self {
            Candidate::Name { words, .. } => words.start,
            Candidate::Single { word, .. } => *word,
        }
    }
}

/// A mention found: its words and hits, and the mention it is linked to.
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
    gazetteer: &'a Gazetteer,
    settings: Settings<'a>,
    words: &'a [Word<'t>],
    infos: Vec<WordInfo>,
    /// Screening results by query (names repeat in an article).
    probes: HashMap<(String, Option<EntityKind>, u64), Rc<[Hit]>>,
    /// Analysed listed names by (name, kind).
    listed: HashMap<(String, EntityKind), AnalyzedName>,
}

impl<'a, 't> Finder<'a, 't> {
    pub fn new(
        index: &'a Index,
        gazetteer: &'a Gazetteer,
        settings: Settings<'a>,
        words: &'a [Word<'t>],
    ) -> Finder<'a, 't> {
        let infos = describe_all(words, gazetteer);
        Finder { index, gazetteer, settings, words, infos, probes: HashMap::new(), listed: HashMap::new() }
    }

    /// The sanctioned jurisdictions the words name (first word, end word, jurisdiction); their
    /// words are places from now on, never names.
    pub fn jurisdictions(&mut self) -> Vec<(usize, usize, crate::jurisdiction::Jurisdiction)> {
        let folded: Vec<&str> = self.infos.iter().map(|i| i.folded.as_str()).collect();
        let found = crate::jurisdiction::find(&folded);
        for &(start, end, _) in &found {
            for info in &mut self.infos[start..end] {
                info.class = Class::Place;
            }
        }
        found
    }

    /// Every mention with hits, in text order.
    pub fn find(mut self) -> Vec<Found> {
        let mut candidates = Vec::new();
        for run in self.runs() {
            if self.name_words(&run.words) >= 2 {
                self.screen_run(&run, &mut candidates);
            } else {
                candidates.push(Candidate::Single { word: run.words.start, person: run.person });
            }
        }
        candidates.sort_by_key(Candidate::start);
        // Single words: linked to a name, or scored alone.
        let mut results: Vec<(Range<usize>, Vec<ContextHit>, Option<usize>)> =
            Vec::with_capacity(candidates.len());
        let names = self.names_by_word(&candidates);
        let mut singles = Vec::new();
        for (c, candidate) in candidates.iter().enumerate() {
            if let Candidate::Single { word, .. } = candidate {
                singles.push((c, self.antecedent(&names, c, *word)));
            }
        }
        drop(names);
        let mut singles = singles.into_iter();
        for candidate in candidates.iter() {
            match candidate {
                Candidate::Name { words, hits } => results.push((words.clone(), hits.clone(), None)),
                Candidate::Single { word, person } => match singles.next().and_then(|(_, a)| a) {
                    Some(a) => {
                        let Candidate::Name { words, hits } = &candidates[a] else { unreachable!() };
                        let full = self.span_text(words);
                        let why = format!("in context: the same party as the full mention '{full}'");
                        let hits =
                            hits.iter().map(|h| ContextHit { why: why.clone(), ..h.clone() }).collect();
                        results.push((*word..*word + 1, hits, Some(a)));
                    }
                    None => results.push((*word..*word + 1, self.screen_single(*word, *person), None)),
                },
            }
        }
        // Only mentions with hits are reported; links point into that list.
        let position: Vec<Option<usize>> = results
            .iter()
            .scan(0, |next, (_, hits, _)| {
                let here = (!hits.is_empty()).then_some(*next);
                *next += usize::from(!hits.is_empty());
                Some(here)
            })
            .collect();
        results
            .into_iter()
            .filter(|(_, hits, _)| !hits.is_empty())
            .map(|(words, hits, link)| Found { words, hits, linked_to: link.and_then(|a| position[a]) })
            .collect()
    }

    fn is_nameish(&self, i: usize) -> bool {
        let word = &self.words[i];
        let info = &self.infos[i];
        if info.class == Class::Function {
            return false;
        }
        if has_case(word.script) {
            if word.shouted {
                // A headline in capitals: only what the lists hold as written.
                return info.stats.is_some() || info.class == Class::Title;
            }
            return matches!(word.case, Case::Title | Case::Upper);
        }
        match word.script {
            // Digits continue no run on their own.
            Script::Common => false,
            // Without case, only what the lists hold as written, or a word that sounds like a
            // listed one beside such a word (`محمد باقری`: bagheri is written without its vowels).
            _ => {
                let exact =
                    |k: usize| self.infos[k].stats.is_some() && self.infos[k].class != Class::Function;
                let beside = (i > 0 && exact(i - 1) && word.gap == Gap::Space)
                    || self.words.get(i + 1).is_some_and(|next| next.gap == Gap::Space && exact(i + 1));
                info.stats.is_some() || info.class == Class::Title || (info.phonetic_holders > 0 && beside)
            }
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

    /// Splits a run after each of its titles (`Major General | Mohammad Bagheri`, `محمد باقری |
    /// رئیس | ستاد کل`), trims the parts and keeps those worth screening. A title inside a name
    /// ("General Staff of the Armed Forces": a title followed by a title or a connector) stays.
    fn split_titles(&self, words: Range<usize>, runs: &mut Vec<Run>) {
        let mut start = words.start;
        let mut person = false;
        for k in words.clone() {
            let title = self.infos[k].class == Class::Title;
            let next_is_name =
                k + 1 < words.end && !matches!(self.infos[k + 1].class, Class::Title | Class::Connector);
            if title && next_is_name {
                if let Some(run) = self.trim(start..k, person) {
                    runs.push(run);
                }
                start = k + 1;
                person = true;
            }
        }
        if let Some(run) = self.trim(start..words.end, person) {
            runs.push(run);
        }
    }

    fn trim(&self, mut words: Range<usize>, person: bool) -> Option<Run> {
        let droppable = |info: &WordInfo| {
            !info.known() || matches!(info.class, Class::Function | Class::Title | Class::Connector)
        };
        // A capital at the start of a sentence is grammar, not a name: there only a word the
        // lists hold as written stays ("Политолог Алексей ...": a sound-alike does not).
        let loose_sentence_start = |k: usize| {
            self.words[k].gap == Gap::Sentence
                && self.infos[k].stats.is_none()
                && has_case(self.words[k].script)
        };
        while !words.is_empty() && (droppable(&self.infos[words.start]) || loose_sentence_start(words.start))
        {
            words.start += 1;
        }
        while !words.is_empty() && droppable(&self.infos[words.end - 1]) {
            words.end -= 1;
        }
        if words.is_empty() || !words.clone().any(|k| self.infos[k].informative(&self.words[k])) {
            return None;
        }
        Some(Run { words, person })
    }

    /// Words that are not connectors or initials.
    fn name_words(&self, words: &Range<usize>) -> usize {
        self.infos[words.clone()]
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

    fn probe(&mut self, query: String, kind: Option<EntityKind>, floor: f64) -> Rc<[Hit]> {
        let key = (query, kind, floor.to_bits());
        if let Some(hits) = self.probes.get(&key) {
            return hits.clone();
        }
        let options = ScreenOptions {
            threshold: floor,
            limit: self.settings.limit.max(WINDOW_CANDIDATES),
            lists: self.settings.lists.clone(),
            explain: self.settings.explain,
            ..ScreenOptions::default()
        };
        let hits: Rc<[Hit]> = self
            .index
            .screen(&Query { names: vec![key.0.clone()], kind, ..Query::default() }, &options)
            .into_iter()
            // Goods items (the CHPL) share the store's index but are no parties.
            .filter(|h| !h.entity.is_goods())
            .collect::<Vec<Hit>>()
            .into();
        self.probes.insert(key, Rc::clone(&hits));
        hits
    }

    fn listed(&mut self, hit: &Hit) -> &AnalyzedName {
        let kind = hit.entity.kind;
        self.listed
            .entry((hit.matched_name.clone(), kind))
            .or_insert_with(|| analyze(&hit.matched_name, Some(kind)))
    }

    /// A run of several words: the name as written, scored as in a form; else the narrower
    /// windows that candidates' names span inside it.
    fn screen_run(&mut self, run: &Run, out: &mut Vec<Candidate>) {
        if !self.may_name_a_listed_party(&run.words) {
            // No two of its words are in one listed name: no listed name of several words.
            self.unlisted_run(run, &[], out);
            return;
        }
        let text = self.span_text(&run.words);
        let kind = run.person.then_some(EntityKind::Person);
        let threshold = self.settings.threshold;
        // First at the threshold (the index prunes what cannot reach it), then, for a run of
        // three words or more that names none as a whole, lower: a narrower window may.
        let floor = self.ordinary_words_floor(&run.words);
        let mut strong: Vec<ContextHit> = self
            .probe(text.clone(), kind, threshold)
            .iter()
            .filter(|hit| hit.score >= floor)
            .map(|hit| ContextHit {
                score: hit.score,
                why: "in context: the name as written".into(),
                hit: hit.clone(),
            })
            .collect();
        if !strong.is_empty() {
            strong.truncate(self.settings.limit);
            out.push(Candidate::Name { words: run.words.clone(), hits: strong });
            return;
        }
        let hits = if self.name_words(&run.words) >= 3 {
            self.probe(text.clone(), kind, PROBE_FLOOR.min(threshold))
        } else {
            Rc::from([])
        };
        let mut windows: Vec<(Range<usize>, Vec<ContextHit>)> = Vec::new();
        // Candidates by listed name (the same name on several lists is scored once).
        let mut names: Vec<&str> = Vec::new();
        for hit in hits.iter() {
            if !names.contains(&hit.matched_name.as_str()) {
                if names.len() == WINDOW_CANDIDATES {
                    continue;
                }
                names.push(&hit.matched_name);
            }
            // Publishers add an acronym in parentheses ("DEFENSE INDUSTRIES ORGANIZATION
            // (DIO)"); prose writes the name or the acronym.
            if let Some(bare) = without_parentheses(&hit.matched_name) {
                let score = compare(&text, &bare, Some(hit.entity.kind)).score;
                if score >= floor {
                    let why = format!(
                        "in context: the name as written, against the listed '{bare}' without its parentheses"
                    );
                    strong.push(ContextHit { hit: hit.clone(), score, why });
                    continue;
                }
            }
            let Some(window) = self.matched_window(run, hit) else { continue };
            if window == run.words || self.name_words(&window) < 2 {
                continue;
            }
            let score = compare(&self.span_text(&window), &hit.matched_name, Some(hit.entity.kind)).score;
            if score < self.ordinary_words_floor(&window) {
                continue;
            }
            let why = format!("in context: the words '{}' of the run '{text}'", self.span_text(&window));
            let context_hit = ContextHit { hit: hit.clone(), score, why };
            match windows.iter_mut().find(|(w, _)| *w == window) {
                Some((_, hits)) => hits.push(context_hit),
                None => windows.push((window, vec![context_hit])),
            }
        }
        if !strong.is_empty() {
            strong.sort_by(|a, b| b.score.total_cmp(&a.score));
            strong.truncate(self.settings.limit);
            out.push(Candidate::Name { words: run.words.clone(), hits: strong });
            return;
        }
        let covered: Vec<Range<usize>> = windows.iter().map(|(w, _)| w.clone()).collect();
        for (words, mut hits) in windows {
            hits.sort_by(|a, b| b.score.total_cmp(&a.score));
            hits.truncate(self.settings.limit);
            out.push(Candidate::Name { words, hits });
        }
        self.unlisted_run(run, &covered, out);
    }

    /// A run that names no listed party as a whole (but maybe in windows, `covered`).
    fn unlisted_run(&self, run: &Run, covered: &[Range<usize>], out: &mut Vec<Candidate>) {
        if self.words[run.words.clone()].iter().all(|w| w.shouted || !has_case(w.script)) {
            // A line in capitals (a remittance line, a headline) or a caseless script: the run
            // is no name as a whole, and its other words are taken one by one, but for a
            // family name after a given name ("IVAN SOKOLOV": a name of no listed party).
            for k in run.words.clone() {
                let after_given =
                    k > run.words.start && self.infos[k - 1].stats.is_some_and(|s| s.mostly_given());
                let inside = covered.iter().any(|w| w.contains(&k));
                if self.infos[k].informative(&self.words[k]) && !after_given && !inside {
                    out.push(Candidate::Single { word: k, person: run.person });
                }
            }
            return;
        }
        if covered.is_empty() {
            // The name of no listed party: it silences its family name later.
            out.push(Candidate::Name { words: run.words.clone(), hits: Vec::new() });
        }
    }

    /// Whether two words of the run (or two adjacent words written as one: `Aqa Jani`) sound
    /// like two words of one listed name, or like one listed word.
    fn may_name_a_listed_party(&self, words: &Range<usize>) -> bool {
        let members: Vec<usize> = words
            .clone()
            .filter(|&k| !matches!(self.infos[k].class, Class::Connector | Class::Initial | Class::Title))
            .collect();
        for (i, &a) in members.iter().enumerate() {
            for &b in &members[i + 1..] {
                let (ca, cb) = (&self.infos[a].codes, &self.infos[b].codes);
                if ca.iter().any(|x| cb.iter().any(|y| self.gazetteer.pair(x, y))) {
                    return true;
                }
            }
        }
        members.windows(2).any(|pair| {
            let (a, b) = (&self.infos[pair[0]], &self.infos[pair[1]]);
            a.forms.iter().any(|x| {
                b.forms.iter().any(|y| {
                    self.gazetteer.phonetic_holders(&embargo_names::phonetic(&format!("{x}{y}"))) > 0
                })
            })
        })
    }

    /// The score a name made only of ordinary words must reach: the threshold, or
    /// [`ORDINARY_WORDS_FLOOR`] when every word is a dictionary word, a generic word or a place
    /// ("Red Sea" is no "RED SEA TRADING CORPORATION", "Revolutionary Guards" is the
    /// "Revolutionary Guard Corps"): such words name a party only nearly as listed.
    fn ordinary_words_floor(&self, words: &Range<usize>) -> f64 {
        let ordinary = words.clone().all(|k| {
            let info = &self.infos[k];
            matches!(info.class, Class::Generic | Class::Place | Class::Connector | Class::Function)
                || crate::lexicon::is_dictionary_word(&info.folded)
        });
        if ordinary {
            self.settings.threshold.max(ORDINARY_WORDS_FLOOR)
        } else {
            self.settings.threshold
        }
    }

    /// The words of `run` from the first to the last that may be a token of `hit`'s name, if
    /// one of them is a distinctive token of it (not a legal form or a common word of
    /// organisations: "Defense Industries" names no "DEFENSE INDUSTRIES SYSTEM").
    fn matched_window(&mut self, run: &Run, hit: &Hit) -> Option<Range<usize>> {
        let listed = self.listed(hit).clone();
        let matches = |k: usize| listed.tokens.iter().any(|t| self.infos[k].may_be(t));
        let first = run.words.clone().find(|&k| matches(k))?;
        let last = run.words.clone().rev().find(|&k| matches(k))?;
        let distinctive = (first..=last).any(|k| {
            listed
                .tokens
                .iter()
                .any(|t| crate::gazetteer::is_distinctive(t.role) || t.role == TokenRole::Given)
                && listed
                    .tokens
                    .iter()
                    .filter(|t| crate::gazetteer::is_distinctive(t.role))
                    .any(|t| self.infos[k].may_be(t))
        });
        distinctive.then_some(first..last + 1)
    }

    /// The names of several words by the keys of their words ([`word_keys`]), in text order.
    /// A given name (but for the last word of a name) is not how a text refers back to a
    /// person, and is not filed.
    fn names_by_word<'c>(&'c self, candidates: &[Candidate]) -> HashMap<&'c str, Vec<usize>> {
        let mut by_word: HashMap<&str, Vec<usize>> = HashMap::new();
        for (a, candidate) in candidates.iter().enumerate() {
            let Candidate::Name { words, .. } = candidate else { continue };
            for k in words.clone() {
                let info = &self.infos[k];
                if info.stats.is_some_and(|s| s.mostly_given()) && k + 1 < words.end {
                    continue;
                }
                for key in word_keys(&info.folded) {
                    let filed = by_word.entry(key).or_default();
                    if filed.last() != Some(&a) {
                        filed.push(a);
                    }
                }
            }
        }
        by_word
    }

    /// The name of several words holding `word`: the nearest before the single word `c`, else
    /// the first after.
    fn antecedent(&self, names: &HashMap<&str, Vec<usize>>, c: usize, word: usize) -> Option<usize> {
        let mut before = None;
        let mut after = None;
        for key in word_keys(&self.infos[word].folded) {
            let Some(filed) = names.get(key) else { continue };
            let at = filed.partition_point(|&a| a < c);
            if at > 0 {
                before = before.max(Some(filed[at - 1]));
            }
            if let Some(&a) = filed.get(at) {
                after = Some(after.map_or(a, |b: usize| b.min(a)));
            }
        }
        before.or(after)
    }

    /// A single word: similarity × distinctiveness, for family names and the one distinctive
    /// word of an organisation.
    fn screen_single(&mut self, word: usize, person: bool) -> Vec<ContextHit> {
        let written = &self.words[word];
        if !has_case(written.script) {
            // Without capitals nothing tells a name from a word.
            return Vec::new();
        }
        let model_number = self.words.get(word + 1).is_some_and(|next| {
            next.gap == Gap::Hyphen && next.text.chars().next().is_some_and(|c| c.is_ascii_digit())
        });
        if model_number {
            // `Shahed-136`, `Geran-2`: a product, not its maker.
            return Vec::new();
        }
        let info = self.infos[word].clone();
        let Some(distinctiveness) = distinctiveness(&info, written) else { return Vec::new() };
        let whole_name_listed = info.stats.is_some_and(|s| s.whole > 0);
        if SINGLE_WORD_CAP * distinctiveness < self.settings.threshold && !whole_name_listed {
            // Even an exact match would stay below the threshold: the index is not asked.
            return Vec::new();
        }
        let kind = person.then_some(EntityKind::Person);
        let hits = self.probe(info.query.clone(), kind, SINGLE_WORD_FLOOR);
        let mut out = Vec::new();
        for hit in hits.iter().cloned() {
            if self.whole_name(&info, &hit) {
                let why = "in context: one word, the whole listed name but for its legal form".to_owned();
                out.push(ContextHit { score: hit.score, hit, why });
                continue;
            }
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
        out.retain(|h| h.score >= self.settings.threshold);
        out.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.hit.entity.id.cmp(&b.hit.entity.id)));
        out.truncate(self.settings.limit);
        out
    }

    /// Whether the word is an organisation's whole listed name but for its legal form
    /// ("Gazprombank" for "GAZPROMBANK JOINT STOCK COMPANY"): then it is the name as written,
    /// however many subsidiaries share the word.
    fn whole_name(&mut self, info: &WordInfo, hit: &Hit) -> bool {
        if hit.entity.kind == EntityKind::Person {
            return false;
        }
        let listed = self.listed(hit);
        let mut rest = listed.tokens.iter().filter(|t| t.role != TokenRole::LegalForm);
        matches!((rest.next(), rest.next()), (Some(only), None) if info.forms.contains(&only.text))
    }

    /// How well one word names the listed name of `hit`: `None` unless the word is the
    /// person's family name or the organisation's one distinctive word.
    fn single_word_similarity(&mut self, info: &WordInfo, hit: &Hit) -> Option<f64> {
        let kind = hit.entity.kind;
        let person = kind == EntityKind::Person;
        let listed = self.listed(hit);
        let strong = |role: TokenRole| {
            if person {
                matches!(role, TokenRole::Family | TokenRole::Name)
            } else {
                crate::gazetteer::is_distinctive(role)
            }
        };
        if person && listed.tokens.len() < 2 {
            // A listed one-word name of a person (an alias "JOHN") is no family name.
            return None;
        }
        let strong_tokens: Vec<&embargo_names::Token> =
            listed.tokens.iter().filter(|t| strong(t.role)).collect();
        if !person && strong_tokens.len() != 1 {
            // The word is only part of what distinguishes the organisation.
            return None;
        }
        let token = strong_tokens.iter().find(|t| info.may_be(t)).or_else(|| strong_tokens.last())?;
        let exact = info.forms.iter().any(|f| *f == token.text || token.variants.contains(f));
        let similarity = if exact { 1.0 } else { compare(&info.query, &token.original, Some(kind)).score };
        (similarity >= 0.8).then_some(similarity)
    }
}

/// `name` without its parts in parentheses, if it has any.
fn without_parentheses(name: &str) -> Option<String> {
    let open = name.find('(')?;
    let mut bare = name[..open].to_owned();
    if let Some(close) = name[open..].find(')') {
        bare.push_str(&name[open + close + 1..]);
    }
    let bare = bare.split_whitespace().collect::<Vec<_>>().join(" ");
    (!bare.is_empty()).then_some(bare)
}

/// The keys under which a folded word meets the same word elsewhere in the text: itself, and
/// for a Russian word its forms without one or two last letters (of at least four), so that
/// case endings apart (`Шойгу`, `Путина` and `Путину`) the words meet.
fn word_keys(folded: &str) -> impl Iterator<Item = &str> {
    let cyrillic = folded.starts_with(|c: char| ('\u{400}'..='\u{4ff}').contains(&c));
    let ends: Vec<usize> =
        folded.char_indices().map(|(at, _)| at).chain(std::iter::once(folded.len())).collect();
    let letters = ends.len() - 1;
    let shortest = if cyrillic { letters.saturating_sub(2).max(4).min(letters) } else { letters };
    (shortest..=letters).rev().map(move |n| &folded[..ends[n]])
}

/// How distinctive a word alone is, in 0..1; `None` when it cannot name a party alone.
///
/// Nil for dictionary words, given names, generic words, places and short words (acronyms in
/// capitals excepted). Otherwise it falls with the listed parties the word may name: by
/// [`FAMILY_NAME_STEP`] for each other person holding a family name (relatives share one:
/// four listed PUTINs, and "Putin" still names a listed party whichever it is), by
/// [`DISTINCTIVENESS_STEP`] for each other organisation named by the word alone (a word that
/// only subsidiaries add to ("SBERBANK LEASING") does not count against "Sberbank").
fn distinctiveness(info: &WordInfo, word: &Word) -> Option<f64> {
    if !info.informative(word) || crate::lexicon::is_dictionary_word(&info.folded) {
        return None;
    }
    let letters = info.folded.chars().count();
    let acronym = word.case == Case::Upper && !word.shouted;
    if letters < 4 && !acronym {
        return None;
    }
    let (holders, step) = match info.stats {
        Some(stats) if stats.mostly_given() => return None,
        Some(stats) if stats.family >= stats.core => (stats.holders, FAMILY_NAME_STEP),
        Some(stats) if stats.alone == 0 => return None,
        Some(stats) => (stats.alone, DISTINCTIVENESS_STEP),
        None => (info.phonetic_holders, DISTINCTIVENESS_STEP),
    };
    let d = 1.0 - step * f64::from(holders.saturating_sub(1));
    (d > 0.0).then_some(d)
}

fn has_case(script: Script) -> bool {
    matches!(script, Script::Latin | Script::Cyrillic | Script::Greek | Script::Armenian | Script::Georgian)
}

/// The explanation of a hit in context: the context's reasoning above the matcher's tree.
pub(crate) fn explain(hit: &ContextHit) -> Explanation {
    Explanation {
        value: hit.score,
        why: hit.why.clone(),
        children: hit.hit.explanation.clone().into_iter().collect(),
    }
}
