//! Word tables: titles, particles, patronymic endings, organisation words, spelling variants.
//!
//! The legal forms, organisation symbols, person symbols and name prefixes come from the rigour
//! reference tables (generated into `OUT_DIR` by `build.rs`); the tables written here cover what
//! those do not: military and religious titles, name particles, and the spelling variants of
//! the names that fill sanctions lists. The data sits in modules of its own
//! ([`person_words`], [`org_words`], [`spellings`], [`arabic_names`]); this module builds the
//! look-up [`Tables`] from it once, with the legal-form typo index ([`legal_typos`]) and the
//! key filters that spare look-ups of words in no table ([`key_filter`]).

mod arabic_names;
mod key_filter;
mod legal_typos;
mod nicknames;
mod org_words;
mod person_words;
mod spellings;

use arabic_names::{ARABIC_MORE_NAMES, ARABIC_NAMES};
use key_filter::{key_hash, KeyFilter};
pub(crate) use legal_typos::{correct_legal_word, legal_word, Corrections, LegalWord};
use legal_typos::{deletions, non_letters, TypoIndex};
pub(crate) use org_words::abbreviation_pair;
use org_words::{EXTRA_LEGAL_FORMS, ORG_COMMON, ORG_STOPWORDS};
use person_words::{
    ATTACHED_ARTICLES, NAME_SUFFIXES, NUMERAL_SUFFIXES, PARTICLES, PATRONYMIC_ENDINGS, TITLES,
};
use spellings::{PREFIX_VARIANTS, SUFFIX_VARIANTS, VARIANT_GROUPS};

/// The tables' maps: keys are short words looked up several times per token, for which
/// SipHash was a tenth of the analysis time; foldhash with a fixed seed is several times faster
/// (and the keys come from the crate's own tables, not from callers, so flooding is moot).
type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::FixedState>;
type HashSet<K> = std::collections::HashSet<K, foldhash::fast::FixedState>;
use std::sync::OnceLock;

#[allow(clippy::all)]
mod reference {
    include!(concat!(env!("OUT_DIR"), "/reference_tables.rs"));
}

use reference::{OBJ_NAME_PREFIXES, ORG_TYPES};

/// Whether [`fold_arabic`] drops a character: vowel signs, the tatweel and invisible
/// characters (the zero-width non-joiner of Persian خامنه‌ای, direction marks), which the
/// dictionary's names are written without.
pub(crate) fn folds_away(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}') || crate::normalize::is_invisible(c)
}

/// Folds Arabic-script letter forms that spellings use interchangeably.
pub(crate) fn fold_arabic(word: &str) -> String {
    word.chars()
        .filter(|c| !folds_away(*c))
        .map(|c| match c {
            'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
            'ى' | 'ی' | 'ئ' => 'ي',
            'ة' | 'ھ' | 'ہ' | 'ۃ' => 'ه',
            'ے' => 'ي',
            'ک' => 'ك',
            'ؤ' => 'و',
            other => other,
        })
        .collect()
}

/// What a qualifier makes of a legal form: (generic form qualified, (generic, specific) forms
/// of the whole).
pub(crate) type QualifiedForm = (String, (String, String));

pub(crate) struct Tables {
    pub titles: HashMap<String, usize>,
    pub max_title_len: usize,
    /// The one-word titles that [`crate::arabic_respelling`] respells (mullah → `mula`, hajji
    /// → `haji`), by their respelling: Moullah and Mulah are the title too.
    pub respelled_titles: HashSet<String>,
    /// Generational suffixes and post-nominal letters ([`NAME_SUFFIXES`]), folded, with
    /// whether the suffix is a roman numeral ([`NUMERAL_SUFFIXES`]).
    pub name_suffixes: HashMap<String, bool>,
    pub max_suffix_len: usize,
    pub particles: HashMap<&'static str, f32>,
    pub variants: HashMap<&'static str, &'static str>,
    pub arabic_names: HashMap<String, &'static str>,
    pub org_common: HashMap<String, String>,
    pub org_stopwords: HashMap<&'static str, ()>,
    pub generic_person: HashMap<String, ()>,
    /// Folded alias token sequence (space-joined) → (canonical generic form, specific form).
    pub legal_forms: HashMap<String, (String, String)>,
    pub max_legal_form_len: usize,
    /// The scripts (bit `Script as usize`) that the legal forms of each key of `legal_forms`
    /// are written in: a word of a script with no such legal form is none, whatever its
    /// romanisation spells (the surnames 顾 `gu`, 勾 `gou`, 牟 `mou`, 都 `dou` are not ГУ, ГОУ,
    /// МОУ, ДОУ; the Hebrew given name אור `aor` is no legal form).
    pub legal_form_scripts: HashMap<String, u32>,
    /// The legal forms of one word of seven letters or more in Latin letters (`charity`,
    /// `cooperative`, `stiftung`, `limitada`), longest first, by their first letter (`a` at 0)
    /// and by their last: no ordinary word of a name starts or ends with one, so one run into a
    /// word is split off it. By letter, since every word of an organisation's name is tried.
    pub long_legal_words_by_first: Vec<Vec<String>>,
    pub long_legal_words_by_last: Vec<Vec<String>>,
    /// Words that qualify a legal form (`public` in `public joint stock company`, `publichnoe`
    /// in `publichnoe aktsionernoe obshchestvo`): word → (generic form of the rest, forms of
    /// the whole). `PUBLICHNOE JSC` is the public joint stock company.
    pub legal_qualifiers: HashMap<String, Vec<QualifiedForm>>,
    /// Words of legal forms (4 letters or more) by each of their one-letter deletions, and
    /// themselves: a symmetric-deletion index for typo correction.
    pub legal_words: HashMap<String, Vec<LegalWord>>,
    /// The legal-form words of 8 letters or more by each of their two-letter deletions.
    pub legal_deletions2: HashMap<String, Vec<LegalWord>>,
    /// What each legal-form word may itself be a typo of (`limted`, a misspelt alias of the
    /// table, of `limited`), computed once: (within one typo, within two).
    pub vocabulary_corrections: HashMap<&'static str, Corrections>,
    /// First words of the legal-form aliases: a window of a name can only be a legal form if it
    /// starts with one.
    pub legal_first_words: HashSet<String>,
    /// The legal forms of several words by their words after the first (`joint stock company`
    /// of `closed joint stock company`): the first words that may be run into the word before.
    pub legal_heads_by_rest: HashMap<String, Vec<String>>,
    /// The legal forms of several words by their words before the last (`limited liability` of
    /// `limited liability company`): the last words that may be run into the word after.
    pub legal_tails_by_start: HashMap<String, Vec<String>>,
    /// The first words of the keys of `legal_heads_by_rest` and the last words of those of
    /// `legal_tails_by_start`: a word next to neither has nothing to look up.
    pub legal_rest_first_words: HashSet<String>,
    pub legal_start_last_words: HashSet<String>,
    /// [`key_hash`] of the keys of `legal_words`, then of `legal_deletions2`: pre-filters
    /// small enough to stay in cache, where the maps are not.
    pub legal_word_keys: KeyFilter,
    pub legal_deletion2_keys: KeyFilter,
    /// The most bytes other than letters in a legal-form word (none, in practice): a word with
    /// more than this plus one per typo is no typo of one (`7613`).
    pub legal_word_max_non_letters: usize,
    /// The longest key of `obj_prefixes`, in bytes.
    pub obj_prefix_max_len: usize,
    /// [`key_hash`] of every key of the word tables looked up per token (titles, particles,
    /// spelling variants, organisation words and stopwords, generic and symbol person names,
    /// first words of legal forms): see [`Tables::may_list`].
    pub table_words: KeyFilter,
    pub obj_prefixes: HashMap<String, ()>,
    /// rigour person symbols: one-word alias → symbol (`ibn` → `bin`, `shaykh` → `sheikh`).
    pub person_symbols: HashMap<String, String>,
    /// Pet form of a given name → the formal names it may stand for (`bob` → `robert`).
    pub nicknames: HashMap<String, Vec<&'static str>>,
}

impl Tables {
    /// Whether `word` may be a key of the word tables (see [`Tables::table_words`]); false is
    /// certain, and spares the look-ups of a distinctive word (most are in no table).
    pub(crate) fn may_list(&self, word: &str) -> bool {
        self.table_words.may_contain(key_hash(word.as_bytes()))
    }
}

/// Tables are built once, on first use, from the constants above and the generated rigour
/// tables: the aliases go through the same tokenizer as names, so that `ООО`, `O.O.O.` and
/// `ooo` land on the same key.
pub(crate) fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(build_tables)
}

fn folded_key(phrase: &str) -> String {
    crate::plain_token_texts(phrase).join(" ")
}

fn build_tables() -> Tables {
    let mut titles = HashMap::default();
    let mut max_title_len = 1;
    for t in TITLES.iter().copied().chain(reference::PERSON_NAME_PREFIXES.iter().copied()) {
        let key = folded_key(t);
        let len = key.split(' ').count();
        if key.is_empty() || key == "the" {
            continue;
        }
        max_title_len = max_title_len.max(len);
        titles.insert(key, len);
    }
    let respelled_titles: HashSet<String> =
        titles.keys().filter_map(|t| crate::arabic_respelling(t).filter(|r| r != t)).collect();
    let name_suffixes: HashMap<String, bool> = (NAME_SUFFIXES.iter().map(|s| (s, false)))
        .chain(NUMERAL_SUFFIXES.iter().map(|s| (s, true)))
        .map(|(s, numeral)| (folded_key(s), numeral))
        .collect();
    let max_suffix_len = name_suffixes.keys().map(|s| s.split(' ').count()).max().unwrap_or(1);
    let particles: HashMap<&str, f32> = PARTICLES.iter().copied().collect();
    let mut variants = HashMap::default();
    for group in VARIANT_GROUPS {
        for v in group.iter() {
            variants.entry(*v).or_insert(group[0]);
        }
    }
    let mut nicknames: HashMap<String, Vec<&'static str>> = HashMap::default();
    for (formal, pets) in nicknames::NICKNAMES {
        for pet in pets.iter() {
            for spelling in std::iter::once((*pet).to_owned()).chain(other_diminutive_spellings(pet)) {
                let formals = nicknames.entry(spelling).or_default();
                if !formals.contains(formal) {
                    formals.push(formal);
                }
            }
        }
    }
    let mut arabic_names: HashMap<String, &'static str> = HashMap::default();
    for (arabic, key) in ARABIC_NAMES.iter().chain(ARABIC_MORE_NAMES) {
        arabic_names.entry(fold_arabic(arabic)).or_insert(key);
    }
    let mut org_common = HashMap::default();
    for (symbol, aliases) in reference::ORG_SYMBOLS {
        for alias in aliases.iter() {
            let key = folded_key(alias);
            // Short words of other languages (chang, mir, lu, islam) are names as often as
            // they are organisation words: only the longer ones are taken.
            if key.len() >= 6 && !key.contains(' ') {
                org_common.entry(key).or_insert_with(|| symbol.to_lowercase());
            }
        }
    }
    for word in ORG_COMMON {
        org_common.entry((*word).to_owned()).or_insert_with(|| (*word).to_owned());
    }
    let org_stopwords: HashMap<&str, ()> = ORG_STOPWORDS.iter().map(|w| (*w, ())).collect();
    let generic_person: HashMap<String, ()> = reference::GENERIC_PERSON_NAMES
        .iter()
        .map(|n| folded_key(n))
        .filter(|k| !k.contains(' '))
        .map(|k| (k, ()))
        .collect();
    let mut legal_forms: HashMap<String, (String, String)> = HashMap::default();
    let mut max_legal_form_len = 1;
    let mut legal_form_scripts: HashMap<String, u32> = HashMap::default();
    for (display, compare, generic, aliases) in ORG_TYPES {
        let specific = folded_key(if compare.is_empty() { display } else { compare }).replace(' ', "");
        let specific = if specific.is_empty() {
            aliases.first().map(|a| folded_key(a).replace(' ', "")).unwrap_or_default()
        } else {
            specific
        };
        let canonical = if generic.is_empty() { specific.clone() } else { generic.to_lowercase() };
        for alias in aliases.iter().chain([display, compare]) {
            let key = folded_key(alias);
            if key.is_empty() {
                continue;
            }
            *legal_form_scripts.entry(key.clone()).or_default() |=
                1 << crate::script::dominant_script(alias) as u32;
            max_legal_form_len = max_legal_form_len.max(key.split(' ').count());
            legal_forms.entry(key).or_insert_with(|| (canonical.clone(), specific.clone()));
        }
    }
    for (alias, generic, specific) in EXTRA_LEGAL_FORMS {
        let key = folded_key(alias);
        max_legal_form_len = max_legal_form_len.max(key.split(' ').count());
        *legal_form_scripts.entry(key.clone()).or_default() |=
            1 << crate::script::dominant_script(alias) as u32;
        legal_forms.entry(key).or_insert_with(|| ((*generic).to_owned(), (*specific).to_owned()));
    }
    let mut long_legal_words: Vec<String> = legal_forms
        .keys()
        .filter(|k| k.len() >= 7 && k.bytes().all(|b| b.is_ascii_lowercase()))
        .cloned()
        .collect();
    long_legal_words.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
    let by_letter = |letter: fn(&str) -> u8| {
        let mut by: Vec<Vec<String>> = vec![Vec::new(); 26];
        for word in &long_legal_words {
            by[usize::from(letter(word) - b'a')].push(word.clone());
        }
        by
    };
    let long_legal_words_by_first = by_letter(|w| w.as_bytes()[0]);
    let long_legal_words_by_last = by_letter(|w| w.as_bytes()[w.len() - 1]);
    // (qualifier, generic form of the rest, whole alias, its forms)
    let mut qualified: Vec<(&str, &str, &str, &(String, String))> = Vec::new();
    for (key, forms) in &legal_forms {
        let Some((word, rest)) = key.split_once(' ') else { continue };
        if let Some(rest_forms) = legal_forms.get(rest) {
            if word.len() >= 4 {
                qualified.push((word, &rest_forms.0, key, forms));
            }
        }
    }
    // The shortest alias gives the reading (`public jsc` rather than `public joint stock
    // commercial bank`), the same whatever the hash order.
    qualified.sort_by_key(|(word, generic, key, _)| (*word, *generic, key.len(), *key));
    let mut legal_qualifiers: HashMap<String, Vec<QualifiedForm>> = HashMap::default();
    for (i, (word, generic, _, forms)) in qualified.iter().enumerate() {
        // A qualifier qualifies several forms (`public jsc`, `public limited company`); a word
        // before one alias only is as likely an ordinary word (`trade free zone company`).
        let aliases = qualified.iter().filter(|q| q.0 == *word).count();
        let first_of_generic = i == 0 || qualified[i - 1].0 != *word || qualified[i - 1].1 != *generic;
        if aliases >= 2 && first_of_generic {
            legal_qualifiers
                .entry((*word).to_owned())
                .or_default()
                .push(((*generic).to_owned(), (*forms).clone()));
        }
    }
    let mut vocabulary: Vec<&'static str> = Vec::new();
    let leak = |w: String| -> &'static str {
        // Built once per process (tables live in a OnceLock): the leak is bounded and intended.
        Box::leak(w.into_boxed_str())
    };
    for key in legal_forms.keys() {
        if !key.contains(' ') && key.len() < 6 {
            continue;
        }
        // Words of four letters too (FREE ZONE, BANK): a correction stands only where it
        // completes a legal form ("HAMRIYAH STEEL EREE ZONE COMPANY" kept EREE and ZONE).
        for word in key.split(' ') {
            if word.len() >= 4 && word.is_ascii() && !vocabulary.contains(&word) {
                vocabulary.push(leak(word.to_owned()));
            }
        }
    }
    vocabulary.sort_unstable();
    let mut legal_word_uses: HashMap<&'static str, u32> = HashMap::default();
    for key in legal_forms.keys() {
        for word in key.split(' ') {
            if let Ok(i) = vocabulary.binary_search(&word) {
                *legal_word_uses.entry(vocabulary[i]).or_default() += 1;
            }
        }
    }
    let mut legal_words: HashMap<String, Vec<LegalWord>> = HashMap::default();
    for &word in &vocabulary {
        let legal_word = LegalWord { word, uses: legal_word_uses.get(word).copied().unwrap_or(0) };
        for variant in std::iter::once(word.to_owned()).chain(deletions(word)) {
            let entry = legal_words.entry(variant).or_default();
            if !entry.contains(&legal_word) {
                entry.push(legal_word);
            }
        }
    }
    let obj_prefixes: HashMap<String, ()> = OBJ_NAME_PREFIXES
        .iter()
        .map(|p| folded_key(p))
        .filter(|k| !k.is_empty() && k != "the")
        .chain(["mv", "m v", "mt", "m t", "ms"].map(str::to_owned))
        .map(|k| (k, ()))
        .collect();
    let obj_prefix_max_len = obj_prefixes.keys().map(String::len).max().unwrap_or(0);
    let mut person_symbols = HashMap::default();
    for (symbol, aliases) in reference::PERSON_SYMBOLS {
        for alias in aliases.iter() {
            let key = folded_key(alias);
            if !key.is_empty() && !key.contains(' ') {
                person_symbols.entry(key).or_insert_with(|| symbol.to_lowercase());
            }
        }
    }
    let mut legal_deletions2: HashMap<String, Vec<LegalWord>> = HashMap::default();
    for (variant, words) in &legal_words {
        for &word in words {
            if word.word.len() >= 8 && variant.len() + 1 == word.word.len() {
                for second in deletions(variant) {
                    let entry = legal_deletions2.entry(second).or_default();
                    if !entry.contains(&word) {
                        entry.push(word);
                    }
                }
            }
        }
    }
    let legal_first_words: HashSet<String> =
        legal_forms.keys().map(|k| k.split(' ').next().unwrap_or("").to_owned()).collect();
    let (mut legal_heads_by_rest, mut legal_tails_by_start) =
        (HashMap::<String, Vec<String>>::default(), HashMap::<String, Vec<String>>::default());
    for key in legal_forms.keys().filter(|k| k.bytes().all(|b| b.is_ascii_lowercase() || b == b' ')) {
        if let (Some((head, rest)), Some((start, tail))) = (key.split_once(' '), key.rsplit_once(' ')) {
            legal_heads_by_rest.entry(rest.to_owned()).or_default().push(head.to_owned());
            legal_tails_by_start.entry(start.to_owned()).or_default().push(tail.to_owned());
        }
    }
    // In one order, whatever the map's: a word that fits two forms splits the same way.
    for words in legal_heads_by_rest.values_mut().chain(legal_tails_by_start.values_mut()) {
        words.sort_unstable();
        words.dedup();
    }
    let legal_rest_first_words: HashSet<String> =
        legal_heads_by_rest.keys().map(|k| k.split(' ').next().unwrap_or("").to_owned()).collect();
    let legal_start_last_words: HashSet<String> =
        legal_tails_by_start.keys().map(|k| k.rsplit(' ').next().unwrap_or("").to_owned()).collect();
    let table_words = KeyFilter::new(
        titles
            .keys()
            .map(String::as_str)
            .chain(particles.keys().copied())
            .chain(variants.keys().copied())
            .chain(org_common.keys().map(String::as_str))
            .chain(org_stopwords.keys().copied())
            .chain(generic_person.keys().map(String::as_str))
            .chain(person_symbols.keys().map(String::as_str))
            .chain(nicknames.keys().map(String::as_str))
            .chain(legal_first_words.iter().map(String::as_str))
            .map(|k| key_hash(k.as_bytes())),
        17,
    );
    let legal_word_max_non_letters = vocabulary.iter().map(|w| non_letters(w)).max().unwrap_or(0);
    let legal_word_keys = KeyFilter::new(legal_words.keys().map(|k| key_hash(k.as_bytes())), 17);
    let legal_deletion2_keys = KeyFilter::new(legal_deletions2.keys().map(|k| key_hash(k.as_bytes())), 19);
    let typo_index = TypoIndex {
        words: &legal_words,
        deletions2: &legal_deletions2,
        word_keys: &legal_word_keys,
        deletion2_keys: &legal_deletion2_keys,
        max_non_letters: legal_word_max_non_letters,
    };
    let vocabulary_corrections = vocabulary
        .iter()
        .map(|&word| {
            let own_uses = legal_word_uses.get(word).copied().unwrap_or(0);
            (
                word,
                (typo_index.corrections(word, own_uses, false), typo_index.corrections(word, own_uses, true)),
            )
        })
        .filter(|(_, (one, two))| !one.is_empty() || !two.is_empty())
        .collect();
    Tables {
        legal_word_keys,
        legal_deletion2_keys,
        legal_word_max_non_letters,
        obj_prefix_max_len,
        table_words,
        vocabulary_corrections,
        legal_deletions2,
        legal_first_words,
        legal_heads_by_rest,
        legal_tails_by_start,
        legal_rest_first_words,
        legal_start_last_words,
        legal_words,
        person_symbols,
        nicknames,
        titles,
        max_title_len,
        respelled_titles,
        name_suffixes,
        max_suffix_len,
        particles,
        variants,
        arabic_names,
        org_common,
        org_stopwords,
        generic_person,
        legal_forms,
        legal_form_scripts,
        max_legal_form_len,
        long_legal_words_by_first,
        long_legal_words_by_last,
        legal_qualifiers,
        obj_prefixes,
    }
}

pub(crate) fn is_attached_article(word: &str) -> bool {
    ATTACHED_ARTICLES.contains(&word)
}

/// The canonical key of a name spelling (`mohammed` → `muhammad`), with compound affixes
/// canonicalised (`abdolrahman` → `abdulrahman`, `rahmatollah` → `rahmatullah`).
pub fn canonical_spelling(word: &str) -> Option<String> {
    let t = tables();
    if let Some(c) = t.may_list(word).then(|| t.variants.get(word)).flatten() {
        return Some((*c).to_owned());
    }
    if let Some(c) = respelled_known_name(word) {
        return Some(c.to_owned());
    }
    let mut out = None::<String>;
    for (prefix, canonical) in PREFIX_VARIANTS {
        if word.len() > prefix.len() + 2 && word.starts_with(prefix) {
            let rest = &word[prefix.len()..];
            let rest = t.variants.get(rest).copied().unwrap_or(rest);
            out = Some(format!("{canonical}{rest}"));
            break;
        }
    }
    let base = out.as_deref().unwrap_or(word);
    for (suffix, canonical) in SUFFIX_VARIANTS {
        if base.len() > suffix.len() + 2 && base.ends_with(suffix) {
            let stem = &base[..base.len() - suffix.len()];
            return Some(format!("{stem}{canonical}"));
        }
    }
    out.filter(|o| o != word)
}

/// The canonical key of a known name written with a romanisation's own spelling of its end or
/// of `kh`, which the variant groups do not list one by one: final `ee` for `i` (English: Alee,
/// Hadee, Saidee), final `eh` for `a` or `ah` (the Persian reading of a final ه: Rezeh, Leileh,
/// Yahyeh), `x` for `kh` (Uzbek and Turkic: Xalid, Xaled). Only when the respelling is a known
/// name: "Renee" or "Alexei" are not respelled.
fn respelled_known_name(word: &str) -> Option<&'static str> {
    let t = tables();
    let known = |candidate: &str| t.variants.get(candidate).copied();
    if word.len() < 3 {
        return None;
    }
    if word.contains('x') {
        return known(&word.replace('x', "kh"));
    }
    if word.len() < 4 {
        return None;
    }
    if let Some(stem) = word.strip_suffix("ee") {
        if let Some(c) = known(&format!("{stem}i")) {
            return Some(c);
        }
    }
    if let Some(stem) = word.strip_suffix("eh") {
        if let Some(c) = known(&format!("{stem}a")).or_else(|| known(&format!("{stem}ah"))) {
            return Some(c);
        }
    }
    None
}

/// Whether two words are spellings of two *different* known names (`hassan` / `hussein`,
/// `karimi` / `rahimi` are not, `ahmad` / `mahmud` are): their skeletons or phonetic codes may
/// agree, their canonical keys do not, so a matcher should not take them for respellings.
///
/// ```
/// assert!(embargo_names::distinct_known_names("hassan", "hussein"));
/// assert!(!embargo_names::distinct_known_names("hossein", "husayn"));
/// assert!(!embargo_names::distinct_known_names("hassan", "zakani"));
/// ```
pub fn distinct_known_names(a: &str, b: &str) -> bool {
    match (canonical_spelling(a), canonical_spelling(b)) {
        (Some(x), Some(y)) => x != y,
        _ => false,
    }
}

/// The known spellings of a name (the whole group, canonical key first), if the word is one of
/// them: `yousef` → `[yusuf, yousef, youssef, ...]`.
pub fn spelling_variants(word: &str) -> Option<&'static [&'static str]> {
    let canonical = *tables().variants.get(word)?;
    VARIANT_GROUPS.iter().copied().find(|g| g[0] == canonical)
}

pub(crate) fn patronymic_ending(word: &str) -> bool {
    PATRONYMIC_ENDINGS.iter().any(|e| word.len() >= e.len() + 3 && word.ends_with(e))
}

/// The other spellings of an English diminutive: `-y`, `-ie` and `-ey` after a consonant
/// (Peggy / Peggie, Aggie / Aggy, Bernie / Berney, Mickey / Micky), and `-i` after two (Abby /
/// Abbi, Terry / Terri, Becky / Becki), which name lists and customer files write each way;
/// none for a pet form of three letters or fewer or of another ending. Not `-i` after one
/// consonant: Sadi, Jami, Miki are names of their own.
fn other_diminutive_spellings(pet: &str) -> impl Iterator<Item = String> + '_ {
    const ENDINGS: [&str; 4] = ["ie", "ey", "y", "i"];
    fn ending_allowed(stem: &str, end: &str) -> bool {
        let consonant = |b: &u8| !b"aeiouy".contains(b);
        match stem.as_bytes() {
            [.., x, y] if end == "i" => consonant(x) && consonant(y),
            [.., y] => consonant(y),
            [] => false,
        }
    }
    let stem = (pet.len() >= 4)
        .then(|| ENDINGS.into_iter().find_map(|end| pet.strip_suffix(end).map(|stem| (stem, end))))
        .flatten()
        .filter(|(stem, end)| ending_allowed(stem, end));
    stem.into_iter().flat_map(move |(stem, written)| {
        ENDINGS
            .into_iter()
            .filter(move |end| *end != written && ending_allowed(stem, end))
            .map(move |end| format!("{stem}{end}"))
    })
}
