//! Tokens as the matcher compares them: the comparison forms of an analysed token, plus the
//! role and weight it has in its name.

use crate::text;
use embargo_model::EntityKind;
use embargo_names::Script;
use embargo_names::{AnalyzedName, Token, TokenRole};
use smallvec::SmallVec;
use std::cell::RefCell;
use std::collections::HashMap;

/// The comparison forms of one token, independent of the name it sits in. The index keeps one
/// per distinct token of the lists, so that "MOHAMMAD" in 3,000 names is stored once.
///
/// The fields token similarity reads come first, inline (`repr(C)` keeps the order): scoring a
/// candidate then reads one compact record per token instead of chasing a pointer per field.
#[derive(Debug, Clone, PartialEq)]
#[repr(C)]
pub struct TokenForms {
    /// One bit per letter present (`a`..`z`, digits, one bit for anything else): the letters
    /// only one of two tokens has bound their edit distance from below, for free.
    pub letters: u64,
    /// Two bits per hash of `form_hashes`: tokens whose blooms share no bit share no form, which
    /// settles most pairs of tokens without comparing their hashes one by one.
    pub form_bloom: u64,
    /// Hash of `phonetic` when it has two letters or more, else 0.
    pub phonetic_hash: u64,
    /// Hash of `skeleton` when it has two letters or more, else 0.
    pub skeleton_hash: u64,
    /// Letters in `chars`.
    pub len: usize,
    /// Digits only or an ordinal: must agree exactly.
    pub numeric: bool,
    /// Written in a script other than Latin.
    pub non_latin: bool,
    /// Written in a script that leaves short vowels out (Arabic, Hebrew: see
    /// [`writes_no_short_vowels`]).
    pub vowelless: bool,
    /// Written in Hebrew letters: read against a Latin word by
    /// [`embargo_names::hebrew::hebrew_spells`].
    pub hebrew: bool,
    /// Has other romanisations to join ([`TokenForms::reading_sets`] is not empty).
    pub has_readings: bool,
    /// Written in a script that writes its vowels and is romanised by several systems
    /// (Cyrillic, Greek, Georgian, Armenian): each of its [`TokenForms::readings`] is a
    /// spelling a Latin word may be a typo of (see `writes_its_vowels`).
    pub spelled: bool,
    /// Written in Chinese characters: one syllable, whose romanisation one letter off is
    /// another syllable, not a typo.
    pub syllable: bool,
    /// One syllable of Chinese in pinyin (`chen`, `wei`) in a name that may be a person's:
    /// against another such syllable, one letter off is another name (Chen / Cheng), not a
    /// typo. Not in a name with a number (see [`PreparedName::from_analyzed`]).
    pub pinyin: bool,
    /// The word read as Chinese or Korean syllables, when it may be (see
    /// [`embargo_names::cjk_word`]).
    pub cjk: Option<Box<embargo_names::CjkWord>>,
    /// Hashes of `text` (first), `variants` and, for a legal form, of the letters it is
    /// written with, for a quick test of shared forms.
    pub form_hashes: SmallVec<[u64; 4]>,
    /// The letters edit distances are counted on (inline up to 16): those of `text`, except for
    /// a legal form written as one word, whose written letters (see [`written_legal_form`]).
    pub chars: SmallVec<[char; 16]>,
    /// Folded Latin text.
    pub text: String,
    /// As written (for explanations).
    pub original: String,
    /// Other romanisations and canonical spellings.
    pub variants: Vec<String>,
    pub skeleton: String,
    pub phonetic: String,
    /// Hashes (as [`TokenForms::skeleton_hash`]) of the consonant skeletons and phonetic codes
    /// of the other romanisations of a word written in Arabic or Hebrew script: its Arabic and
    /// Persian readings differ in letters the keys do not fold (و `w` / `v`, ض `d` / `z`, ث
    /// `th` / `s`), a name written with Persian letters may be an Arabic name (وزیری Waziri, فيض
    /// Faiz), and Hebrew vav and pe are vowel or consonant, p or f (לוי Levi). Empty for other
    /// tokens.
    pub alt_keys: Vec<u64>,
    /// The letter set and length of each of [`TokenForms::readings`] of a word written in
    /// another script with other romanisations (empty for other tokens): bounds for joining
    /// them cheaply.
    pub reading_sets: SmallVec<[(u64, usize); 4]>,
    /// The letters of all of `reading_sets`, and their shortest and longest length.
    pub reading_bounds: (u64, usize, usize),
    /// The consonant skeletons of the other romanisations of a word written in Arabic or Hebrew
    /// script (up to four, none equal to `skeleton`): what a name run together in that script
    /// is joined in against Latin words (the scorer's `skeleton_joins_across_scripts`). Empty
    /// for other tokens.
    pub reading_skeletons: SmallVec<[String; 2]>,
}

/// The script of a word, as that of its first letter outside ASCII (`None`: ASCII only).
fn script_of_word(original: &str) -> Option<Script> {
    original.chars().find(|c| !c.is_ascii()).map(embargo_names::script::script_of)
}

/// Whether a word is written in Arabic script.
fn is_arabic_script(original: &str) -> bool {
    script_of_word(original) == Some(Script::Arabic)
}

/// [`TokenForms::readings`] of a token's text and variants. Not the keys on which a Slavic
/// name's romanisations meet (`ru~sergei`): they are no spelling.
fn readings_of<'t>(text: &'t String, variants: &'t [String]) -> impl Iterator<Item = &'t String> {
    std::iter::once(text)
        .filter(|t| t.is_ascii())
        .chain(variants.iter().filter(|v| v.is_ascii() && !v.contains('~')).take(3))
}

/// Whether a word's script writes every vowel and has several systems of romanisation
/// (Сяргей: Syargey, Siargei, Sjargej).
fn writes_its_vowels(script: Script) -> bool {
    matches!(script, Script::Cyrillic | Script::Greek | Script::Georgian | Script::Armenian)
}

/// Whether a word's script leaves short vowels out (Arabic, Hebrew, and Ethiopic, whose sixth
/// order is a consonant with ə or none: ግርማይ is Girmay, Ghirmay or GHERMAY): its letters read
/// several ways, so that its other readings' consonants and sound are keys of it too, and a
/// romanisation of it differs from a list's spelling in its vowels.
fn writes_no_short_vowels(script: Script) -> bool {
    matches!(script, Script::Arabic | Script::Hebrew | Script::Ethiopic)
}

/// The [`TokenForms::alt_keys`] of a word written in Arabic script with these `variants`.
fn alt_keys(variants: &[String], skeleton_hash: u64, phonetic_hash: u64) -> Vec<u64> {
    let mut out = Vec::new();
    for v in variants.iter().filter(|v| v.is_ascii()) {
        for h in [key_hash(&embargo_names::skeleton(v)), key_hash(&embargo_names::phonetic(v))] {
            if h != 0 && h != skeleton_hash && h != phonetic_hash && !out.contains(&h) {
                out.push(h);
            }
        }
    }
    out
}

/// The bits of the digits in a [`letter_set`].
pub(crate) const DIGIT_BITS: u64 = 0x3ff << 26;

/// The letter set of a token (see [`TokenForms::letters`]).
pub(crate) fn letter_set(chars: &[char]) -> u64 {
    chars.iter().fold(0u64, |set, &c| {
        let bit = text::alphanumeric_slot(c).unwrap_or(36 + c as usize % 27);
        set | (1u64 << bit)
    })
}

fn form_bloom(hashes: &[u64]) -> u64 {
    hashes.iter().fold(0, |bloom, h| bloom | 1 << (h & 63) | 1 << ((h >> 6) & 63))
}

fn form_hashes(text: &str, variants: &[String]) -> SmallVec<[u64; 4]> {
    std::iter::once(text).chain(variants.iter().map(String::as_str)).map(|v| text::key(0, v)).collect()
}

/// The letters a legal form is written with, folded (`D.M.C.C.` → `dmcc`, `LIMITED` →
/// `limited`), when it is one word of Latin letters that differs from its canonical text.
/// A legal form is compared by its canonical form (`llc`, `jsc`), but a typo is made on what is
/// written (`MCC` for `DMCC`, `OJS` for `OJSC`), and the other name may not have read the word
/// as a legal form at all (`NPO GRAN` / `... NPO GRAN`).
fn written_legal_form(token: &Token) -> Option<String> {
    if token.role != TokenRole::LegalForm || !token.original.is_ascii() || token.original.contains(' ') {
        return None;
    }
    let written: String =
        token.original.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()).collect();
    (written.len() >= 2 && written != token.text).then_some(written)
}

/// Hashes a skeleton or phonetic code of two letters or more (0 otherwise). Codes of two
/// letters ("DN" of both Dina and Adnan) count only across scripts, see
/// [`crate::token_similarity`].
fn key_hash(key: &str) -> u64 {
    if key.chars().nth(1).is_some() {
        text::key(0, key) | 1
    } else {
        0
    }
}

impl TokenForms {
    pub fn from_token(token: &Token) -> TokenForms {
        TokenForms::from_owned_token(token.clone())
    }

    /// [`TokenForms::from_token`] taking the token's strings instead of copying them.
    pub fn from_owned_token(token: Token) -> TokenForms {
        let numeric = token.role == TokenRole::Number
            || (!token.text.is_empty() && token.text.bytes().all(|b| b.is_ascii_digit()));
        let written = written_legal_form(&token);
        let non_latin = !token.original.is_ascii() && text::is_non_latin(&token.original);
        let syllable = non_latin && token.original.chars().any(text::is_han);
        let Token { original, text, mut variants, skeleton, phonetic, .. } = token;
        variants.retain(|v| *v != text && !v.is_empty());
        let (skeleton_hash, phonetic_hash) = (key_hash(&skeleton), key_hash(&phonetic));
        let mut reading_skeletons = SmallVec::new();
        // The script of a word in another script than Latin, read once for the tests below.
        let script = if non_latin { script_of_word(&original) } else { None };
        let vowelless = script.is_some_and(writes_no_short_vowels);
        let hebrew = script == Some(Script::Hebrew);
        let alt_keys = if vowelless {
            for v in variants.iter().filter(|v| v.is_ascii()) {
                let k = embargo_names::skeleton(v);
                if k != skeleton && !reading_skeletons.contains(&k) && reading_skeletons.len() < 4 {
                    reading_skeletons.push(k);
                }
            }
            alt_keys(&variants, skeleton_hash, phonetic_hash)
        } else {
            Vec::new()
        };
        let letters_of = written.as_deref().unwrap_or(&text);
        let chars: SmallVec<[char; 16]> = if letters_of.is_ascii() {
            letters_of.bytes().map(char::from).collect()
        } else {
            letters_of.chars().collect()
        };
        let mut hashes = form_hashes(&text, &variants);
        if let Some(w) = &written {
            let h = text::key(0, w);
            if !hashes.contains(&h) {
                hashes.push(h);
            }
        }
        let mut reading_sets = SmallVec::new();
        if non_latin && !variants.is_empty() {
            for v in readings_of(&text, &variants) {
                let v_chars: SmallVec<[char; 16]> = v.bytes().map(char::from).collect();
                reading_sets.push((letter_set(&v_chars), v.len()));
            }
        }
        let spelled = !reading_sets.is_empty() && script.is_some_and(writes_its_vowels);
        let reading_bounds = reading_sets
            .iter()
            .fold((0, usize::MAX, 0), |(l, lo, hi), &(x, n)| (l | x, lo.min(n), hi.max(n)));
        TokenForms {
            has_readings: !reading_sets.is_empty(),
            spelled,
            reading_sets,
            reading_bounds,
            reading_skeletons,
            form_bloom: form_bloom(&hashes),
            form_hashes: hashes,
            letters: letter_set(&chars),
            phonetic_hash,
            skeleton_hash,
            numeric,
            non_latin,
            vowelless,
            hebrew,
            syllable,
            pinyin: embargo_names::is_pinyin_syllable(&text),
            cjk: None,
            len: chars.len(),
            chars,
            original,
            text,
            variants,
            skeleton,
            phonetic,
            alt_keys,
        }
    }

    /// The forms of two adjacent tokens written as one ("AGHA" + "JANI" → "aghajani"), used to
    /// find and score joined and split words.
    /// Words written in Arabic script are joined in each of their romanisations too (`ولی جان`
    /// gives `vlijan` and `walijan`), as variants.
    pub fn joined(first: &TokenForms, second: &TokenForms) -> TokenForms {
        // Concatenated, not formatted: through `format!`, the two strings cost 0.7% of
        // screening's instructions when a query joined every pair of adjacent words so.
        let text = [first.text.as_str(), second.text.as_str()].concat();
        let variants = joined_variants(first, second, &text);
        let form_hashes = form_hashes(&text, &variants);
        let mut joined = TokenForms {
            original: [first.original.as_str(), " ", second.original.as_str()].concat(),
            len: first.len + second.len,
            chars: first.chars.iter().chain(second.chars.iter()).copied().collect(),
            form_bloom: form_bloom(&form_hashes),
            form_hashes,
            letters: first.letters | second.letters,
            alt_keys: Vec::new(),
            has_readings: false,
            spelled: false,
            reading_sets: SmallVec::new(),
            reading_bounds: (0, usize::MAX, 0),
            reading_skeletons: SmallVec::new(),
            variants,
            skeleton: embargo_names::skeleton(&text),
            phonetic: embargo_names::phonetic(&text),
            text,
            phonetic_hash: 0,
            skeleton_hash: 0,
            numeric: false,
            non_latin: first.non_latin || second.non_latin,
            vowelless: first.vowelless || second.vowelless,
            hebrew: first.hebrew && second.hebrew,
            syllable: false,
            pinyin: false,
            cjk: None,
        };
        joined.phonetic_hash = key_hash(&joined.phonetic);
        joined.skeleton_hash = key_hash(&joined.skeleton);
        if !joined.variants.is_empty() {
            joined.alt_keys = alt_keys(&joined.variants, joined.skeleton_hash, joined.phonetic_hash);
        }
        joined
    }

    /// [`TokenForms::joined`] as the index looks two query words up: two words of the Latin
    /// alphabet are looked up by their letters only (see `index::key_table::near_keys`), so
    /// their joined form leaves out the sound, consonants, hashes and original that only the
    /// keys it drops and the scorer read (computing them cost 0.8% of screening's
    /// instructions). Words of another script are joined in full.
    pub(crate) fn joined_to_look_up(first: &TokenForms, second: &TokenForms) -> TokenForms {
        if first.non_latin || second.non_latin {
            return TokenForms::joined(first, second);
        }
        TokenForms {
            letters: first.letters | second.letters,
            form_bloom: 0,
            phonetic_hash: 0,
            skeleton_hash: 0,
            len: first.len + second.len,
            numeric: false,
            non_latin: false,
            vowelless: first.vowelless || second.vowelless,
            hebrew: first.hebrew && second.hebrew,
            has_readings: false,
            spelled: false,
            syllable: false,
            pinyin: false,
            cjk: None,
            form_hashes: SmallVec::new(),
            chars: first.chars.iter().chain(second.chars.iter()).copied().collect(),
            text: [first.text.as_str(), second.text.as_str()].concat(),
            original: String::new(),
            variants: Vec::new(),
            skeleton: String::new(),
            phonetic: String::new(),
            alt_keys: Vec::new(),
            reading_sets: SmallVec::new(),
            reading_bounds: (0, usize::MAX, 0),
            reading_skeletons: SmallVec::new(),
        }
    }

    /// The text and the first three other romanisations in Latin letters: what a word written
    /// in another script is joined in ([`TokenForms::joined`], the scorer's joined words) and,
    /// in a script that writes its vowels, spelt with typos.
    pub fn readings(&self) -> impl Iterator<Item = &String> {
        readings_of(&self.text, &self.variants)
    }

    /// A key under which the index deduplicates token forms.
    pub(crate) fn dedup_key(&self) -> String {
        let mut k = String::with_capacity(self.original.len() + self.text.len() * 3 + 8);
        for part in [&self.original, &self.text, &self.skeleton, &self.phonetic] {
            k.push_str(part);
            k.push('\u{1}');
        }
        // Read as syllables in a Chinese or Korean name, or not (see `PreparedName`).
        k.push(if self.cjk.is_some() { '\u{3}' } else { '\u{4}' });
        // A syllable in a name with a number takes typos; in another name it does not.
        k.push(if self.pinyin { '\u{5}' } else { '\u{6}' });
        for v in &self.variants {
            k.push_str(v);
            k.push('\u{2}');
        }
        k
    }
}

/// The romanisations of two adjacent words joined, other than `text` (their first ones joined),
/// when either is written in Arabic script (at most three of each word's); none otherwise.
fn joined_variants(first: &TokenForms, second: &TokenForms, text: &str) -> Vec<String> {
    let arabic = |t: &TokenForms| t.non_latin && !t.variants.is_empty() && is_arabic_script(&t.original);
    if !arabic(first) && !arabic(second) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for x in first.readings() {
        for y in second.readings() {
            let v = [x.as_str(), y.as_str()].concat();
            if v != text && !out.contains(&v) {
                out.push(v);
            }
        }
    }
    out
}

/// A token in its name: forms, role and the weight the scorer gives it.
#[derive(Debug, Clone, Copy)]
pub struct NameToken<'a> {
    pub forms: &'a TokenForms,
    pub role: TokenRole,
    pub weight: f32,
}

/// A name ready for scoring: its tokens in order.
#[derive(Debug, Clone)]
pub struct NameView<'a> {
    pub original: &'a str,
    pub tokens: Vec<NameToken<'a>>,
    /// The kind the name was analysed as when it is known for the name itself: a query's
    /// declared kind, both sides' in [`crate::compare`]. `None` for a query of no kind and for
    /// listed names of the index, whose names of one group may be of several kinds.
    pub kind: Option<EntityKind>,
}

/// An analysed name that owns its token forms (a query name, or one side of [`crate::compare`]).
#[derive(Debug, Clone)]
pub struct PreparedName {
    pub original: String,
    pub titles: Vec<String>,
    pub forms: Vec<TokenForms>,
    pub roles: Vec<TokenRole>,
    pub weights: Vec<f32>,
    /// The kind it was analysed as (see [`NameView::kind`]).
    pub kind: Option<EntityKind>,
}

impl PreparedName {
    pub fn analyze(name: &str, kind: Option<EntityKind>) -> PreparedName {
        PreparedName { kind, ..PreparedName::from_analyzed(embargo_names::analyze(name, kind)) }
    }

    pub fn from_analyzed(analyzed: AnalyzedName) -> PreparedName {
        let n = analyzed.tokens.len();
        let (mut forms, mut roles, mut weights) =
            (Vec::with_capacity(n), Vec::with_capacity(n), Vec::with_capacity(n));
        for token in analyzed.tokens.into_iter().filter(|t| !t.text.is_empty()) {
            roles.push(token.role);
            weights.push(scoring_weight(token.role, token.weight));
            forms.push(TokenForms::from_owned_token(token));
        }
        read_syllables(&mut forms, &roles);
        // A name with a number is a vessel's, a fleet's or a company's ("FU YUAN YU 7613",
        // "LONG XING 638"), no person's: its syllables take typos as other words do ("FU YUN
        // YU 7613" scored 0.77, the hull number and every other word alike).
        if forms.iter().any(|f| f.numeric) {
            forms.iter_mut().for_each(|f| f.pinyin = false);
        }
        PreparedName {
            forms,
            roles,
            weights,
            titles: analyzed.titles,
            original: analyzed.original,
            kind: None,
        }
    }

    pub fn view(&self) -> NameView<'_> {
        NameView {
            original: &self.original,
            tokens: self
                .forms
                .iter()
                .zip(&self.roles)
                .zip(&self.weights)
                .map(|((forms, &role), &weight)| NameToken { forms, role, weight })
                .collect(),
            kind: self.kind,
        }
    }
}

/// Reads the words of a name as Chinese or Korean syllables ([`TokenForms::cjk`]) when the name
/// may be a Chinese or Korean person's name (two to four words of a person's name, each read
/// as syllables: see `cjk::is_cjk_name`), and no word otherwise: only such names compare by
/// syllables, and reading every word of every query cost a fifth of screening.
fn read_syllables(forms: &mut [TokenForms], roles: &[TokenRole]) {
    if !(2..=4).contains(&forms.len())
        || !roles
            .iter()
            .all(|r| matches!(r, TokenRole::Name | TokenRole::Given | TokenRole::Family | TokenRole::Initial))
        || forms.iter().any(|f| f.numeric)
    {
        return;
    }
    for i in 0..forms.len() {
        match cjk_word_memo(&forms[i].original, &forms[i].text) {
            Some(word) => forms[i].cjk = Some(Box::new(word)),
            None => {
                forms[..i].iter_mut().for_each(|f| f.cjk = None);
                return;
            }
        }
    }
}

/// Words read as syllables by [`cjk_word_memo`], per thread.
const SYLLABLE_MEMO_WORDS: usize = 16_384;

thread_local! {
    static SYLLABLE_MEMO: RefCell<HashMap<Box<str>, Option<embargo_names::CjkWord>, foldhash::fast::RandomState>> =
        RefCell::default();
}

/// [`embargo_names::cjk_word`], remembered per thread for words written without Hangul or
/// Chinese characters (every letter below U+1100: Latin, Cyrillic, Arabic script...), whose
/// reading depends on their folded text only. Reading a word tries the romanisation tables
/// for every split and Korean spelling (some 2,000 instructions, a fortieth of screening a
/// name), while a customer file repeats its given and family names over and over: a memo hit
/// costs a hash and a copy. The memo is emptied when full, so it stays small whatever the input.
fn cjk_word_memo(original: &str, folded: &str) -> Option<embargo_names::CjkWord> {
    if original.chars().any(|c| c >= '\u{1100}') {
        return embargo_names::cjk_word(original, folded);
    }
    SYLLABLE_MEMO.with(|cell| {
        let mut memo = cell.borrow_mut();
        if let Some(word) = memo.get(folded) {
            return word.clone();
        }
        let word = embargo_names::cjk_word(original, folded);
        if memo.len() >= SYLLABLE_MEMO_WORDS {
            memo.clear();
        }
        memo.insert(folded.into(), word.clone());
        word
    })
}

/// The weight a token carries in the score: the analyser's weight (distinctive words more than
/// common ones, legal forms little) times a factor for its role in a person's name, because a
/// family name identifies more than a given name, and an initial or a patronymic less.
pub fn scoring_weight(role: TokenRole, analysed_weight: f32) -> f32 {
    let base = if analysed_weight.is_finite() { analysed_weight.clamp(0.05, 4.0) } else { 1.0 };
    let factor = match role {
        TokenRole::Family => 1.25,
        TokenRole::Patronymic => 0.8,
        TokenRole::Initial => 0.6,
        TokenRole::Number => 1.25,
        _ => 1.0,
    };
    base * factor
}

/// Whether a token says little about who or what is named (a particle, a legal form, a common
/// word of organisation names): the index does not look such tokens up when a name has other
/// tokens, since they would bring thousands of unrelated candidates.
pub fn is_low_information(role: TokenRole) -> bool {
    matches!(role, TokenRole::Particle | TokenRole::LegalForm | TokenRole::OrgCommon)
}

/// Whether a token may connect two words of one compound name, written apart or run together:
/// the Persian and Urdu izafat (`i`, `e`: JAISH-I-MOHAMMED, LASHKAR-E-JHANGVI) and the Arabic
/// article as names write it between words (`ul`, `ud`, `al`: JAMAAT-UL-AHRAR). A Latin word
/// of two letters or one, read as a particle or an initial. The index files the words on
/// either side of it joined, and the scorer reads the three as one word.
pub(crate) fn is_connector(forms: &TokenForms, role: TokenRole) -> bool {
    forms.len <= 2 && !forms.non_latin && matches!(role, TokenRole::Particle | TokenRole::Initial)
}

#[cfg(test)]
mod tests {
    use super::{cjk_word_memo, letter_set, DIGIT_BITS};

    #[test]
    fn the_digit_bits_are_the_bits_of_the_ten_digits() {
        let digits: Vec<char> = ('0'..='9').collect();
        assert_eq!(letter_set(&digits), DIGIT_BITS);
        assert_eq!(letter_set(&['a', 'z']) & DIGIT_BITS, 0);
    }

    /// The memo gives what reading the word gives, the first time and the next, for words of
    /// every script it keeps (Latin, Cyrillic, Arabic) and those it reads afresh (Hangul, hanzi).
    #[test]
    fn the_syllable_memo_reads_words_as_cjk_word_does() {
        let words = [
            ("Kim", "kim"),
            ("Jeongsuk", "jeongsuk"),
            ("Xiuying", "xiuying"),
            ("Petrov", "petrov"),
            ("Ким", "kim"),
            ("علی", "ali"),
            ("김정숙", "gimjeongsug"),
            ("陈", "chen"),
        ];
        for _ in 0..2 {
            for (original, folded) in words {
                assert_eq!(
                    cjk_word_memo(original, folded),
                    embargo_names::cjk_word(original, folded),
                    "{original}"
                );
            }
        }
    }
}
