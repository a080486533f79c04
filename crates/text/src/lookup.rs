//! What is known of each word of a text before any screening: its class in running text
//! (function word, title, place...), its Latin comparison forms, and how the listed names hold
//! it (through the [`Gazetteer`]).

use crate::gazetteer::{Gazetteer, WordStats};
use crate::lexicon;
use crate::words::{Case, Word};
use embargo_names::{analyze, Script, Token};
use foldhash::{HashMap, HashMapExt};
use std::rc::Rc;

/// What a word is in running text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Class {
    /// `the`, `said`, `и`, `در`: ends a run.
    Function,
    /// `Russian`, `ministry`: inside names, never one alone.
    Generic,
    /// `General`, `Minister`, `سردار`: before names, never part of them.
    Title,
    /// `of`, `al`, `bin` in lower case: may join a name.
    Connector,
    /// A sanctioned jurisdiction, a country or a city.
    Place,
    /// One capital letter.
    Initial,
    /// Anything else.
    Other,
}

/// What is known of one word at one place of the text: its class there (a word of a
/// jurisdiction's name is a place whatever it is alone) and what is known of the word, shared
/// by its every occurrence (a long article writes the same words again).
#[derive(Debug, Clone)]
pub(crate) struct WordInfo {
    pub class: Class,
    described: Rc<Described>,
}

impl std::ops::Deref for WordInfo {
    type Target = Described;

    fn deref(&self) -> &Described {
        &self.described
    }
}

/// What is known of one word, wherever it stands.
#[derive(Debug)]
pub(crate) struct Described {
    /// `embargo_names::normalize` of the word as written.
    pub folded: String,
    /// Its Latin comparison forms: the folded word and its canonical spelling (Latin script),
    /// or its romanisations (other scripts; of its base form for an inflected Russian word).
    pub forms: Vec<String>,
    /// The form given to the matcher: the word, or its Russian base form when only that is
    /// listed.
    pub query: String,
    /// How the listed names hold the word (its first form they hold), if any does.
    pub stats: Option<WordStats>,
    /// Listed parties holding a word that sounds alike, when none holds it as written.
    pub phonetic_holders: u32,
    /// The phonetic codes of its forms (for the gazetteer's pairs).
    pub codes: Vec<String>,
    /// Its class alone.
    pub class: Class,
}

impl WordInfo {
    /// A word that can carry a name: listed, of no class, and long enough (or an acronym).
    pub fn informative(&self, word: &Word) -> bool {
        let letters = self.folded.chars().count();
        let long_enough = letters >= 3 || (letters == 2 && word.case == Case::Upper && !word.shouted);
        self.known() && self.class == Class::Other && long_enough
    }
}

impl Described {
    /// Whether some listed name holds the word, or one that sounds alike.
    pub fn known(&self) -> bool {
        self.stats.is_some() || self.phonetic_holders > 0
    }

    /// Whether the word may be `token` of a listed name: a form equal to its text or one of
    /// its variants, or sounding alike.
    pub fn may_be(&self, token: &Token) -> bool {
        self.forms.iter().any(|f| {
            *f == token.text
                || token.variants.iter().any(|v| v == f)
                || (!token.phonetic.is_empty() && embargo_names::phonetic(f) == token.phonetic)
        })
    }
}

/// Russian case endings, longest first: `Путина`, `Шойгу`, `Кадырова` are looked up without
/// them when the word as written is in no listed name.
const RUSSIAN_ENDINGS: &[&str] = &[
    "ами", "ями", "ого", "его", "ому", "ему", "ыми", "ими", "ой", "ей", "ом", "ем", "ым", "им", "ую", "ая",
    "ах", "ях", "а", "я", "у", "ю", "е", "ы",
];

/// Describes every word of a text, each distinct word (as written, in or out of a headline)
/// once.
pub(crate) fn describe_all(words: &[Word], gazetteer: &Gazetteer) -> Vec<WordInfo> {
    let mut seen: HashMap<(&str, bool), Rc<Described>> = HashMap::with_capacity(words.len() / 2);
    words
        .iter()
        .map(|word| {
            let described =
                seen.entry((word.text, word.shouted)).or_insert_with(|| Rc::new(describe(word, gazetteer)));
            WordInfo { class: described.class, described: Rc::clone(described) }
        })
        .collect()
}

/// Describes one word. A word in lower case of a script with case is only classified: it can
/// join a name (a connector) or end one, never start one, so the lists are not asked about it
/// (three words in four of English prose).
fn describe(word: &Word, gazetteer: &Gazetteer) -> Described {
    let folded = embargo_names::normalize(word.text);
    let class = classify(word, &folded);
    let mut query = word.text.to_owned();
    let cased_script = !matches!(
        word.script,
        Script::Arabic | Script::Hebrew | Script::Han | Script::Hangul | Script::Kana | Script::Other
    );
    if word.case == Case::Lower && cased_script && !word.shouted {
        return Described {
            folded,
            forms: Vec::new(),
            query,
            stats: None,
            phonetic_holders: 0,
            codes: Vec::new(),
            class,
        };
    }
    let mut forms = latin_forms(word.text, &folded, word.script);
    let mut stats = std::iter::once(&folded).chain(&forms).find_map(|f| gazetteer.word(f));
    if stats.is_none() && word.script == Script::Cyrillic {
        let lower = word.text.to_lowercase();
        for ending in RUSSIAN_ENDINGS {
            let Some(stem) = lower.strip_suffix(ending).filter(|s| s.chars().count() >= 3) else { continue };
            let stem_folded = embargo_names::normalize(stem);
            let stem_forms = latin_forms(stem, &stem_folded, word.script);
            if let Some(found) =
                std::iter::once(&stem_folded).chain(&stem_forms).find_map(|f| gazetteer.word(f))
            {
                stats = Some(found);
                query = stem.to_owned();
                forms = stem_forms;
                break;
            }
        }
    }
    let mut codes: Vec<String> =
        forms.iter().map(|f| embargo_names::phonetic(f)).filter(|c| !c.is_empty()).collect();
    codes.dedup();
    let phonetic_holders = match (&stats, codes.first()) {
        (None, Some(code)) if class == Class::Other && word.case != Case::Lower => {
            gazetteer.phonetic_holders(code)
        }
        _ => 0,
    };
    Described { folded, forms, query, stats, phonetic_holders, codes, class }
}

fn classify(word: &Word, folded: &str) -> Class {
    if lexicon::is_connector(folded) && word.case == Case::Lower {
        Class::Connector
    } else if lexicon::is_function(folded) {
        Class::Function
    } else if lexicon::is_title(folded) {
        Class::Title
    } else if lexicon::is_generic(folded) {
        Class::Generic
    } else if lexicon::is_place(folded) {
        Class::Place
    } else if folded.chars().count() == 1 && word.case == Case::Upper {
        Class::Initial
    } else {
        Class::Other
    }
}

/// The Latin comparison forms of a word: as folded and in its canonical spelling (Latin), the
/// analyser's romanisations with its dictionary of names (Arabic script: `باقری` → `baqeri`,
/// `bagheri`), or the romanisations of the script.
fn latin_forms(text: &str, folded: &str, script: Script) -> Vec<String> {
    match script {
        Script::Latin | Script::Common => {
            let mut forms = vec![folded.to_owned()];
            forms.extend(embargo_names::canonical_spelling(folded));
            forms
        }
        Script::Arabic => analyze(text, None)
            .tokens
            .into_iter()
            .flat_map(|t| std::iter::once(t.text).chain(t.variants))
            .collect(),
        _ => embargo_names::romanize(folded).iter().map(|r| embargo_names::normalize(r)).collect(),
    }
}
