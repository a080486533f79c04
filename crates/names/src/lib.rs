//! Name analysis for screening: no I/O, pure functions over strings.
//!
//! [`analyze`] turns a name as a list or a customer wrote it into comparable [`Token`]s:
//!
//! * **normalisation** ([`normalize`]): compatibility forms, case, diacritics, punctuation and
//!   spacing; the original is kept in [`Token::original`] for display;
//! * **scripts** ([`script`]): Cyrillic (Russian, Ukrainian, Belarusian, Kazakh, Serbian...),
//!   Arabic and Persian, Chinese (pinyin), Greek, Georgian, Armenian, Hebrew, Korean and
//!   Ethiopic (Tigrinya and Amharic names) are
//!   romanised, with every romanisation publishers use in [`Token::variants`] (a name written
//!   in Belarusian also as Belarusian passports write it: Сяргей Siarhei); whether a Latin word
//!   reads a Hebrew one, vowels and all, is [`hebrew::hebrew_spells`]; a Cyrillic or Greek
//!   letter among Latin ones is read as the Latin letter it looks like (`RОSNЕFТ` with a
//!   Cyrillic О, Е and Т is `rosneft`; Unicode's confusables) or romanised (`Zheљka`);
//! * **comparison keys** ([`keys`]): a consonant skeleton that survives the missing short vowels
//!   of Arabic script, and a phonetic code that merges the respellings of list names
//!   (Qasem / Ghasem / Kasem);
//! * **roles**: `LAST, First Middle` is reordered to `First Middle LAST` with `LAST` as the
//!   family name; patronymics, particles (`al`, `bin`, `van`, attached `al-` forms), initials,
//!   numbers and ordinals (`924th` → `924`, `No. 2` → `2`, `046` → `46`); a particle and its
//!   article are one word, in Latin letters or Arabic script (`Abd El Kader`, `Ibn El
//!   Khattab`, `أبو الحسن`, as Abdelkader, Ibnelkhattab and Abulhasan write them), and so are
//!   names in al-Din and al-Rahman however written (`Salah Eddine`, `Zia ur-Rahman`, `ضياء
//!   الرحمن`: Salaheddine, Ziaurrahman); titles, honorifics and name suffixes (Jr., PhD, Arabic
//!   الابن) are dropped
//!   from a person's name and returned in [`AnalyzedName::titles`]; legal forms are
//!   recognised from the rigour table (`OOO` = `LLC` = `Limited Liability Company` = `TOV`,
//!   Korean `(주)` = 주식회사; a word of another script than Latin and Cyrillic only as written
//!   in it: 顾, `gu`, is no ГУ) and compared by their canonical form; common organisation words
//!   weigh less than the distinctive core;
//! * **spelling variants** of the names that fill sanctions lists
//!   (Mohammad / Muhammad / Mohammed → `muhammad`) in [`Token::variants`], with the keys on
//!   which romanisations of one Slavic name ([`slavic_key`]) and of one Arabic or Persian name
//!   ([`arabic_respelling`]) meet, and a digit's reading as the letter it looks like (`BANC0`).
//!
//! ```
//! use embargo_names::{analyze, TokenRole};
//! use embargo_model::EntityKind;
//!
//! let n = analyze("SOLEIMANI, Major General Qasem", Some(EntityKind::Person));
//! let texts: Vec<&str> = n.tokens.iter().map(|t| t.text.as_str()).collect();
//! assert_eq!(texts, ["qasem", "soleimani"]);
//! assert_eq!(n.tokens[1].role, TokenRole::Family);
//! assert_eq!(n.titles, ["Major General"]);
//!
//! let cyr = analyze("Сергей Иванов", None);
//! assert_eq!(cyr.script, "Cyrl");
//! assert_eq!(cyr.tokens[0].text, "sergey");
//! assert!(cyr.tokens[0].variants.contains(&"sergei".to_owned()));
//!
//! let org = analyze("OOO Romashka", Some(EntityKind::Organization));
//! assert_eq!(org.tokens[0].role, TokenRole::LegalForm);
//! assert_eq!(org.tokens[0].text, "llc");
//! ```

use embargo_model::EntityKind;
use serde::{Deserialize, Serialize};
use smallvec::{smallvec, SmallVec};
use unicode_normalization::UnicodeNormalization;

mod aliases;
mod arabic_latin;
mod cjk;
mod ethiopic;
pub mod hebrew;
pub mod keys;
mod normalize;
mod pinyin_syllables;
pub mod script;
mod slavic;
mod tables;

pub use aliases::alias_parts;
pub use arabic_latin::arabic_respelling;
pub use cjk::{cjk_word, same_syllables, CjkWord, Syllable};
pub use keys::{phonetic, skeleton, within_one_edit};
pub use normalize::normalize;
pub use pinyin_syllables::is_pinyin_syllable;
pub use script::{dominant_script, romanize, Script};
pub use slavic::slavic_key;
pub use tables::{canonical_spelling, distinct_known_names, spelling_variants};

/// What a token is within its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenRole {
    /// A word of a person's name whose role is not known.
    Name,
    Given,
    Family,
    Patronymic,
    /// al, bin, ibn, van, de, ul ...
    Particle,
    /// A legal form (LLC, JSC, GmbH), compared by its canonical form.
    LegalForm,
    /// A common word of organisation names (INDUSTRIES, TRADING, GROUP): weighs less.
    OrgCommon,
    /// A distinctive word of an organisation, vessel or aircraft name.
    Core,
    /// Digits, ordinals ("924th" -> "924"), "No. 2".
    Number,
    Initial,
}

/// One token of an analysed name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Token {
    /// The token as written in the input (for display and explanations).
    pub original: String,
    /// Folded Latin form used for comparison (lower case, no diacritics, transliterated).
    pub text: String,
    pub role: TokenRole,
    /// Alternative comparison forms: other romanisations, canonical spelling variants
    /// (mohammad -> muhammad), the canonical legal form.
    pub variants: Vec<String>,
    /// Consonant skeleton of `text` (survives missing short vowels of Arabic and Persian script).
    pub skeleton: String,
    /// Phonetic code of `text`.
    pub phonetic: String,
    /// Relative weight in the name (distinctive words weigh more than common ones).
    pub weight: f32,
}

/// A name broken into comparable tokens.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnalyzedName {
    pub original: String,
    /// ISO 15924 code of the dominant script of the original (`Latn`, `Cyrl`, `Arab`, ...).
    pub script: String,
    pub tokens: Vec<Token>,
    /// Titles and honorifics found and dropped from the comparison (shown, not compared).
    pub titles: Vec<String>,
}

/// Adjacent tokens written as one word: what a joined query token (`Aghajani`) may match in a
/// split listed name (`Aqa Jani`), and the other way round. See [`joined_forms`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Joined {
    /// Index of the first token joined.
    pub start: usize,
    /// Number of tokens joined (2 or 3).
    pub len: usize,
    /// The token texts concatenated.
    pub text: String,
    pub skeleton: String,
    pub phonetic: String,
}

/// The concatenations of 2 and 3 adjacent name tokens (numbers and legal forms excluded), with
/// their keys: `Aqa Jani` gives `aqajani` whose phonetic code equals that of `Aghajani`.
///
/// ```
/// use embargo_names::{analyze, joined_forms, phonetic};
/// let split = analyze("Saeed Aqa Jani", None);
/// let joined = joined_forms(&split);
/// assert!(joined.iter().any(|j| j.phonetic == phonetic("aghajani")));
/// ```
pub fn joined_forms(name: &AnalyzedName) -> Vec<Joined> {
    let mut out = Vec::new();
    let joinable = |t: &Token| !matches!(t.role, TokenRole::Number | TokenRole::LegalForm);
    for start in 0..name.tokens.len() {
        let mut text = String::new();
        for len in 1..=3 {
            let Some(t) = name.tokens.get(start + len - 1) else { break };
            if !joinable(t) {
                break;
            }
            text.push_str(&t.text);
            if len >= 2 {
                out.push(Joined {
                    start,
                    len,
                    skeleton: skeleton(&text),
                    phonetic: phonetic(&text),
                    text: text.clone(),
                });
            }
        }
    }
    out
}

impl AnalyzedName {
    /// The comparison texts of the tokens, in order.
    pub fn texts(&self) -> Vec<&str> {
        self.tokens.iter().map(|t| t.text.as_str()).collect()
    }
}

/// The romanisations of a word: one for most (Latin script), inline.
type Texts = SmallVec<[String; 1]>;

/// Per-token working lists of a name (names have rarely more than eight words).
type PerToken<T> = SmallVec<[T; 8]>;

/// The legal forms found, by token: (generic, specific) forms borrowed from the tables.
type LegalByToken<'t> = PerToken<Option<&'t (String, String)>>;

/// A legal form found in a name: (first token, number of tokens, its forms in the tables).
type FoundForm<'t> = (usize, usize, &'t (String, String));

/// One word of the input, romanised but without a role yet.
#[derive(Debug, Clone)]
struct RawToken {
    original: String,
    /// Romanisations, folded; the first is the token's `text`.
    texts: Texts,
    /// Spellings found through the Arabic-script dictionary (`|`-separated, commonest first).
    dictionary_key: Option<&'static str>,
    /// Written hyphen-attached to the next word (`al-Hashimi`, `ad-Din`).
    joined_next: bool,
    /// Written before the comma of `LAST, First`.
    family_hint: bool,
    /// Written as a dotted abbreviation (`S.A.`): not an ordinary word.
    dotted: bool,
    /// A particle with the article after it joined (`Abou El` as `abouel`, see
    /// [`join_latin_particle_article`]): the particle, whose weight the word keeps.
    article_joined: Option<&'static str>,
}

impl RawToken {
    /// Whether the word is written in Chinese characters, Hangul or kana: a syllable of a
    /// name, never a title or a particle, whatever its romanisation spells.
    fn cjk_syllable(&self) -> bool {
        self.original
            .chars()
            .next()
            .is_some_and(|c| matches!(script::script_of(c), Script::Han | Script::Hangul | Script::Kana))
    }
}

/// A piece of the input between separators, as written.
struct Piece<'a> {
    text: std::borrow::Cow<'a, str>,
    joined_next: bool,
    /// A dotted abbreviation (`S.A.`, `L.L.C.`), its letters run together in `text`.
    dotted: bool,
}

/// Splits a name into pieces, and says after how many pieces the first comma came and how
/// many commas there were. With `tables` (not while they are built), a dotted legal form run
/// into the word before is split off it ([`glued_dotted_legal_form`]).
fn split_pieces<'a>(
    name: &'a str,
    tables: Option<&tables::Tables>,
) -> (Vec<Piece<'a>>, Option<usize>, usize) {
    let mut pieces: Vec<Piece> = Vec::new();
    let mut comma_at = None;
    let mut commas = 0;
    let mut previous_chunk: Option<&str> = None;
    for chunk in name.split_whitespace() {
        // Persian writes the suffix of خامنه‌ای after a zero-width non-joiner, and often after a
        // space instead ("خامنه ای"): the suffix alone is no word, it ends the word before.
        let previous = previous_chunk.replace(chunk);
        let suffix_of_arabic_word = matches!(chunk, "ای" | "اي" | "ی")
            && previous
                .and_then(|p| p.chars().last())
                .is_some_and(|c| script::script_of(c) == Script::Arabic && script::is_letter(c));
        if suffix_of_arabic_word {
            if let Some(word) = pieces.last_mut() {
                word.text = format!("{}\u{200c}{chunk}", word.text).into();
                continue;
            }
        }
        // Most chunks are one plain word; a number run into it ("NAME7622", "RA12345") is a
        // word of its own, as it is when written apart or after a hyphen.
        if chunk.bytes().all(|b| b.is_ascii_alphanumeric()) {
            if camel_case_split(chunk).is_some() {
                let mut rest = chunk;
                while let Some(at) = camel_case_split(rest) {
                    push_word(&mut pieces, &rest[..at], true);
                    rest = &rest[at..];
                }
                push_word(&mut pieces, rest, false);
                continue;
            }
            if push_glued_particles(&mut pieces, chunk, false) {
                continue;
            }
            let split =
                chunk.as_bytes().windows(2).position(|w| w[0].is_ascii_alphabetic() && w[1].is_ascii_digit());
            match split.map(|at| chunk.split_at(at + 1)) {
                Some((word, digits)) if digits.bytes().all(|b| b.is_ascii_digit()) => {
                    pieces.push(Piece { text: word.into(), joined_next: true, dotted: false });
                    pieces.push(Piece { text: digits.into(), joined_next: false, dotted: false });
                }
                _ => pieces.push(Piece { text: chunk.into(), joined_next: false, dotted: false }),
            }
            continue;
        }
        let trimmed = chunk.trim_end_matches([',', ';', '،', '，']);
        if let Some(abbrev) = dotted_abbreviation(trimmed) {
            pieces.push(Piece { text: abbrev.into(), joined_next: false, dotted: true });
        } else if let Some((word, abbrev)) = tables.and_then(|t| glued_dotted_legal_form(trimmed, t)) {
            pieces.push(Piece { text: word.into(), joined_next: false, dotted: false });
            pieces.push(Piece { text: abbrev.into(), joined_next: false, dotted: true });
        } else {
            let mut start = None;
            for (i, c) in trimmed.char_indices() {
                if is_word_char(c) {
                    if start.is_none() {
                        start = Some(i);
                    }
                    continue;
                }
                if c == '\u{200C}'
                    && start.is_some()
                    && trimmed[i..].chars().skip(1).take_while(|c| is_word_char(*c)).count() <= 2
                {
                    // A zero-width non-joiner before a short suffix (Persian خامنه‌ای) stays in
                    // the word; before a word (احمدی‌مقدم) it separates, like a hyphen.
                    continue;
                }
                if let Some(s) = start.take() {
                    let joined = matches!(c, '-' | '‐' | '‑' | '–' | '\u{200C}');
                    push_word(&mut pieces, &trimmed[s..i], joined);
                }
                if matches!(c, ',' | '،' | '，' | ';') {
                    commas += 1;
                    comma_at.get_or_insert(pieces.len());
                }
            }
            if let Some(s) = start {
                push_word(&mut pieces, &trimmed[s..], false);
            }
        }
        if trimmed.len() < chunk.len() {
            commas += 1;
            comma_at.get_or_insert(pieces.len());
        }
    }
    (pieces, comma_at, commas)
}

/// Where a word written in camel case begins its second word ("HafizAbdul", "FirstIslamic",
/// "EddineFARRAJ": two words run together, as forms and user names write them): at the first
/// capital after three small letters or more, the first of another word of two letters or
/// more. Not after a prefix of two letters (McDonald, DiCaprio, LeBlanc are one name). The two
/// are joined as a hyphen joins words, so that a name written whole still meets them.
fn camel_case_split(word: &str) -> Option<usize> {
    let b = word.as_bytes();
    let at = b.windows(2).position(|w| w[0].is_ascii_lowercase() && w[1].is_ascii_uppercase())? + 1;
    let first_small = b[..at].iter().rev().take_while(|c| c.is_ascii_lowercase()).count();
    let rest_letters = b[at..].iter().take_while(|c| c.is_ascii_alphabetic()).count();
    (first_small >= 3 && rest_letters >= 2).then_some(at)
}

/// Pushes a word as a piece, or as its words when particles are run into it
/// ([`push_glued_particles`]).
fn push_word<'a>(pieces: &mut Vec<Piece<'a>>, word: &'a str, joined_next: bool) {
    if !push_glued_particles(pieces, word, joined_next) {
        pieces.push(Piece { text: word.into(), joined_next, dotted: false });
    }
}

/// Pushes the words of a word that particles are run into ([`glued_particles`],
/// [`glued_arabic_particle`]), each joined to the next as a hyphen would join them; false,
/// and nothing pushed, for any other word.
fn push_glued_particles<'a>(pieces: &mut Vec<Piece<'a>>, word: &'a str, joined_next: bool) -> bool {
    let mut cuts: SmallVec<[usize; 2]> = SmallVec::new();
    if let Some((first, second)) = glued_particles(word) {
        cuts.extend([first, second]);
    } else if let Some(at) = glued_arabic_particle(word) {
        cuts.push(at);
        // The article is a word of its own too, as in BIN-AL-SHIBH: the particle and the
        // article are read together, as the lists write them apart.
        if !word[at..at + 3].eq_ignore_ascii_case("abd") {
            cuts.push(at + 2);
        }
    } else {
        return false;
    }
    let mut start = 0;
    for cut in cuts {
        pieces.push(Piece { text: word[start..cut].into(), joined_next: true, dotted: false });
        start = cut;
    }
    pieces.push(Piece { text: word[start..].into(), joined_next, dotted: false });
    true
}

/// Two particles run into the name after them ("Vanderbilt", "Vandenberg", "Delacroix"), as
/// (where the first ends, where the second ends): the three are words of their own, as in VAN
/// DER BILT ("vanderbilt" scored 0 against it: joins are of two words). The name after must
/// be four letters or more (Vanderlei and Vanderson are given names), five after `dela`
/// (Delaware, Delaney stay whole).
fn glued_particles(word: &str) -> Option<(usize, usize)> {
    const GLUED: [(&str, usize, usize); 5] =
        [("vander", 3, 4), ("vanden", 3, 4), ("vonder", 3, 4), ("vonden", 3, 4), ("dela", 2, 5)];
    let bytes = word.as_bytes();
    if bytes.len() < 8 || !matches!(bytes[0], b'v' | b'V' | b'd' | b'D') {
        return None;
    }
    GLUED.iter().find_map(|&(letters, first, fewest)| {
        let glued = bytes.len() >= letters.len() + fewest
            && bytes[..letters.len()].eq_ignore_ascii_case(letters.as_bytes())
            && bytes[letters.len()..].iter().all(u8::is_ascii_alphabetic);
        glued.then_some((first, letters.len()))
    })
}

/// Where an Arabic particle run into the name after it ends, when that name begins with the
/// article or `abd` ("BINabdulmadjid", "Abuabdulaziz", "OULDelamar", "Binalshibh"): the
/// particle is then a word of its own, joined to the next as a hyphen would join it
/// ("BIN-abdulmadjid" already met BIN ABDUL MADJID; run together it scored 0.29), and so is
/// the article ([`push_glued_particles`]). A name that only begins like a particle is left
/// whole: the rest must be five letters or more and begin with the article or `abd` (Benali,
/// Benelli, Abuelo stay one word).
fn glued_arabic_particle(chunk: &str) -> Option<usize> {
    const PARTICLES: [&str; 7] = ["abou", "ould", "abu", "bin", "ben", "ibn", "bou"];
    const FOLLOWING: [&str; 3] = ["abd", "al", "el"];
    let bytes = chunk.as_bytes();
    if bytes.len() < 8 || !matches!(bytes[0].to_ascii_lowercase(), b'a' | b'b' | b'i' | b'o') {
        return None;
    }
    let starts_with = |s: &[u8], prefix: &str| {
        s.len() >= prefix.len() && s[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
    };
    PARTICLES.iter().find_map(|p| {
        let rest = bytes.get(p.len()..).filter(|_| starts_with(bytes, p))?;
        let named = rest.len() >= 5
            && rest.iter().all(u8::is_ascii_alphabetic)
            && FOLLOWING.iter().any(|f| starts_with(rest, f));
        named.then_some(p.len())
    })
}

#[inline]
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || normalize::is_apostrophe(c);
    }
    c != '\u{200C}'
        && (script::is_letter_or_digit(c)
            || normalize::is_apostrophe(c)
            || unicode_normalization::char::is_combining_mark(c)
            || normalize::is_invisible(c))
}

/// `L.L.C.`, `S.A.`, `U.S.A` → `LLC`, `SA`, `USA`: single letters separated by dots.
fn dotted_abbreviation(chunk: &str) -> Option<String> {
    if !chunk.contains('.') {
        return None;
    }
    let mut letters = String::new();
    let mut expect_letter = true;
    for c in chunk.chars() {
        if expect_letter && script::is_letter(c) {
            letters.push(c);
            expect_letter = false;
        } else if !expect_letter && c == '.' {
            expect_letter = true;
        } else {
            return None;
        }
    }
    (letters.chars().count() >= 2).then_some(letters)
}

/// A word and the dotted legal form run into it ("BEIRUTS.A.L." is BEIRUT S.A.L., "ACMES.A."
/// ACME S.A.), when the dotted letters are a legal form: the word then ends a letter before
/// the first dot. Ph.D. and U.S.A. are left to [`dotted_abbreviation`].
fn glued_dotted_legal_form<'a>(chunk: &'a str, tables: &tables::Tables) -> Option<(&'a str, String)> {
    let dot = chunk.find('.')?;
    if dot < 3 || !chunk.is_ascii() || !chunk[..dot].bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let (word, dotted) = chunk.split_at(dot - 1);
    let letters = dotted_abbreviation(dotted)?;
    tables.legal_forms.contains_key(&letters.to_ascii_lowercase()).then_some((word, letters))
}

/// NFKC, then lower case. Text made only of [`stable_starter`]s is already in NFKC, which
/// saves the normaliser (and its table look-ups) for most names.
fn lower_nfkc(text: &str) -> String {
    if text.is_ascii() {
        text.to_ascii_lowercase()
    } else if text.chars().all(stable_starter) {
        let mut lowered = String::with_capacity(text.len());
        for c in text.chars() {
            push_lowercase(&mut lowered, c);
        }
        lowered
    } else {
        text.nfkc().flat_map(char::to_lowercase).collect()
    }
}

/// `c.to_lowercase()` pushed, with the Cyrillic and Arabic letters of names mapped without the
/// case tables' search (a test checks the first 0x700 code points against std).
#[inline]
fn push_lowercase(out: &mut String, c: char) {
    let lower = match c as u32 {
        0x41..=0x5A => c.to_ascii_lowercase(),
        0x410..=0x42F => char::from_u32(c as u32 + 0x20).unwrap_or(c),
        0x400..=0x40F => char::from_u32(c as u32 + 0x50).unwrap_or(c),
        0x61..=0x7A | 0x430..=0x45F | 0x621..=0x64A => c,
        _ => {
            out.extend(c.to_lowercase());
            return;
        }
    };
    out.push(lower);
}

/// Characters that NFKC leaves as they are whatever surrounds them (quick check `Yes`,
/// combining class 0): ASCII, Latin-1 letters, basic Cyrillic, Arabic letters without marks,
/// Greek letters (with their accents), the unified Chinese characters (a name in Greek or
/// Chinese letters through the normaliser cost 0.1% of screening's instructions).
fn stable_starter(c: char) -> bool {
    matches!(c as u32, 0..=0x7F | 0xC0..=0xD6 | 0xD8..=0xF6 | 0xF8..=0xFF | 0x400..=0x45F | 0x621..=0x63A | 0x641..=0x64A | 0x386 | 0x388..=0x38A | 0x38C | 0x38E..=0x3A1 | 0x3A3..=0x3CE | 0x4E00..=0x9FFF)
}

/// Romanises one piece; Chinese runs become family and given name, Arabic words lose an
/// attached article (`الهاشمي` → `al` + `hashmi`).
fn romanize_piece(piece: &Piece, name: script::NameLanguage, out: &mut Vec<RawToken>) {
    let lowered = lower_nfkc(&piece.text);
    let push = |out: &mut Vec<RawToken>, original: &str, mut texts: Texts, joined_next: bool| {
        // Folded in place, then the empty ones and repeats dropped (first occurrence kept).
        for text in texts.iter_mut() {
            *text = fold_romanisation_owned(std::mem::take(text));
        }
        let mut kept = 0;
        for i in 0..texts.len() {
            if !texts[i].is_empty() && !texts[..kept].contains(&texts[i]) {
                texts.swap(kept, i);
                kept += 1;
            }
        }
        texts.truncate(kept);
        if !texts.is_empty() {
            out.push(RawToken {
                original: original.to_owned(),
                texts,
                dictionary_key: None,
                joined_next,
                family_hint: false,
                dotted: piece.dotted,
                article_joined: None,
            });
        }
    };
    match dominant_script(&lowered) {
        Script::Hangul if lowered.chars().all(cjk::is_hangul) => {
            // One token per syllable, as lists write Korean names ("KIM Jong Un", "Kim Jong-un"),
            // in the McCune-Reischauer-like spelling of North Korean names first.
            for (i, syllable) in lowered.chars().enumerate() {
                let romanisations: Texts = if i == 0 && matches!(syllable, '이' | '리') {
                    smallvec!["ri".to_owned(), "lee".to_owned(), "yi".to_owned()]
                } else {
                    script::romanize(&syllable.to_string()).into_iter().rev().collect()
                };
                let joined = i + 1 < lowered.chars().count() || piece.joined_next;
                push(out, &syllable.to_string(), romanisations, joined);
            }
        }
        Script::Han => {
            for (original, romanised) in script::han_name_parts(&lowered) {
                push(out, &original, smallvec![romanised], false);
            }
        }
        Script::Arabic => {
            let parts = split_arabic(&lowered);
            let last = parts.len().saturating_sub(1);
            let start = out.len();
            for (i, (original, fixed, key)) in parts.into_iter().enumerate() {
                let before = out.len();
                let romanisations: Texts = match fixed {
                    Some(r) => r.iter().map(|s| (*s).to_owned()).collect(),
                    None => Texts::from_vec(script::romanize_in(&original, name)),
                };
                let joined = if i == last { piece.joined_next } else { true };
                push(out, &original, romanisations, joined);
                if out.len() > before {
                    out.last_mut().unwrap().dictionary_key = key;
                }
            }
            assimilate_articles(&mut out[start..]);
        }
        // Scripts without a romanisation table come back as written: no copy needed.
        Script::Latin if !lowered.is_ascii() && lowered.contains(['š', 'č', 'ž', 'ŝ', 'â', 'û']) => {
            // ISO 9 and the Latin alphabets of Slavic languages write with carons what English
            // spellings write with two letters (š sh, č ch, ž zh, ŝ shch; ц as c): both forms.
            let digraphs = iso9_digraphs(&lowered);
            push(out, &piece.text, smallvec![lowered, digraphs], piece.joined_next)
        }
        Script::Latin if !lowered.is_ascii() && lowered.chars().any(cyrillic_or_greek) => {
            // Read on the letters as written (their case tells which look alike), then
            // normalised as any other word.
            push(out, &piece.text, smallvec![lower_nfkc(&latin_look_alikes(&piece.text))], piece.joined_next)
        }
        Script::Latin | Script::Kana | Script::Other | Script::Common => {
            push(out, &piece.text, smallvec![lowered], piece.joined_next)
        }
        script => {
            let romanisations = Texts::from_vec(script::romanize_as(&lowered, script, name));
            push(out, &piece.text, romanisations, piece.joined_next)
        }
    }
}

fn cyrillic_or_greek(c: char) -> bool {
    matches!(script::script_of(c), Script::Cyrillic | Script::Greek)
}

/// A word in Latin letters with Cyrillic or Greek letters among them, in Latin letters only:
/// each letter that looks like a Latin one as that one (`Gаzprom` with a Cyrillic а, the
/// Cyrillic Р and Н of `ROSNЕFТ`: how a name is disguised, or typed on a keyboard switched
/// half-way), any other as its romanisation (`Zheљka`, a Serbian name romanised but for its
/// љ). Which letters look alike is Unicode's table of confusables (UTS #39, through
/// `unicode-security`), read on the letter as written: the capital В looks like B, the small
/// в does not.
fn latin_look_alikes(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        if !cyrillic_or_greek(c) {
            out.push(c);
            continue;
        }
        let mut buffer = [0; 4];
        let mut prototype = unicode_security::confusable_detection::skeleton(c.encode_utf8(&mut buffer));
        match (prototype.next(), prototype.next()) {
            (Some(l), None) if l.is_ascii_alphabetic() => out.push(l.to_ascii_lowercase()),
            _ => {
                let lower: String = c.to_lowercase().collect();
                match script::romanize(&lower).into_iter().next() {
                    Some(r) => out.push_str(&r),
                    None => out.push_str(&lower),
                }
            }
        }
    }
    out
}

/// A word written with ISO 9 (or Czech, Slovak, Croatian) letters in the English spelling of
/// the same letters: `maškaucan` → `mashkautsan`.
fn iso9_digraphs(word: &str) -> String {
    let mut out = String::with_capacity(word.len() + 4);
    let chars: Vec<char> = word.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        match c {
            'š' => out.push_str("sh"),
            'č' => out.push_str("ch"),
            'ž' => out.push_str("zh"),
            'ŝ' => out.push_str("shch"),
            'â' => out.push_str("ya"),
            'û' => out.push_str("yu"),
            'ë' => out.push_str("yo"),
            'c' if chars.get(i + 1) != Some(&'h') => out.push_str("ts"),
            _ => out.push(c),
        }
    }
    out
}

/// One part of an Arabic-script word: (original, fixed romanisations, dictionary key).
type ArabicPart = (String, Option<&'static [&'static str]>, Option<&'static str>);

/// Splits what Arabic and Persian script write attached: the article `ال`, `ابو`, `عبد`,
/// `محمد` in Persian compounds (`محمدعلی`), and two names run together when one of them is a
/// known name (`أمجدعباس`); a whole known name (`عبدالله`) stays one word. `الله` and `الدين`
/// get the spellings lists use for them, so that joined they meet `Abdullah` and `Nasiruddin`.
fn split_arabic(word: &str) -> Vec<ArabicPart> {
    const PREFIXES: [(&str, &[&str], Option<&str>); 4] = [
        ("ال", &["al"], None),
        ("ابو", &["abu"], Some("abu")),
        ("عبد", &["abd"], Some("abdul")),
        ("محمد", &["mhmd"], Some("muhammad")),
    ];
    const FIXED: [(&str, &[&str]); 2] =
        [("الله", &["allah", "ullah"]), ("الدين", &["uddin", "addin", "aldin", "din", "eddine"])];
    let names = &tables::tables().arabic_names;
    let mut parts: Vec<ArabicPart> = Vec::new();
    // The parts are cut from the word as written: the folded form only finds where to cut, and
    // the letters it folds read otherwise (الإمام is al-Imam, not al-Amam; المصطفى al-Mustafa).
    let mut rest = word;
    'outer: loop {
        let folded = tables::fold_arabic(rest);
        if let Some(key) = names.get(&folded) {
            parts.push((rest.to_owned(), None, Some(*key)));
            return parts;
        }
        if let Some((_, fixed)) = FIXED.iter().find(|(w, _)| *w == folded) {
            parts.push((rest.to_owned(), Some(*fixed), None));
            return parts;
        }
        let len = folded.chars().count();
        // بن run into the name it stands before (بنمحمد, بنالحبيب), when that is a known name
        // or begins with the article or عبد: بندر (Bandar) and بنيامين stay whole.
        if let Some(tail) = folded.strip_prefix("بن") {
            let name_follows = names.contains_key(tail)
                || ((tail.starts_with("ال") || tail.starts_with("عبد")) && tail.chars().count() >= 5);
            if name_follows {
                parts.push(("بن".to_owned(), None, Some("bin")));
                rest = split_folded(rest, 2).1;
                continue 'outer;
            }
        }
        for (prefix, romanised, key) in PREFIXES {
            if folded.starts_with(prefix) && len >= prefix.chars().count() + 2 {
                parts.push((prefix.to_owned(), Some(romanised), key));
                rest = split_folded(rest, prefix.chars().count()).1;
                continue 'outer;
            }
        }
        // Two names run together: split where either side is a known name (names are short:
        // longer runs are not searched, which also keeps hostile input linear).
        if (6..=24).contains(&len) {
            for at in 3..=len - 3 {
                let (head, tail) = (take_chars(&folded, at), skip_chars(&folded, at));
                let known = |w: &str| names.get(w).copied();
                if let Some(key) = known(tail).filter(|_| parts.is_empty() || known(head).is_some()) {
                    let (written_head, written_tail) = split_folded(rest, at);
                    parts.push((written_head.to_owned(), None, known(head)));
                    parts.push((written_tail.to_owned(), None, Some(key)));
                    return parts;
                }
                if let Some(key) = known(head) {
                    let (written_head, written_tail) = split_folded(rest, at);
                    parts.push((written_head.to_owned(), None, Some(key)));
                    rest = written_tail;
                    continue 'outer;
                }
            }
        }
        parts.push((rest.to_owned(), None, None));
        return parts;
    }
}

/// A word written in Arabic script cut after its first `n` letters as [`tables::fold_arabic`]
/// counts them (the vowel signs of the last of them go with it).
fn split_folded(word: &str, n: usize) -> (&str, &str) {
    let mut letters = 0;
    for (i, c) in word.char_indices() {
        if tables::folds_away(c) {
            continue;
        }
        if letters == n {
            return word.split_at(i);
        }
        letters += 1;
    }
    (word, "")
}

/// Joins `الله` and `الدين` written apart to the word before them (`رحمت الله` → `rhmtullah`,
/// `عز الدين` → `azuddin`): lists write these names joined (Rahmatullah, Ezzedine) far more often
/// than apart, and the matcher meets the split Latin forms through its joined forms.
fn join_arabic_compounds(raw: &mut Vec<RawToken>) {
    const SUFFIXES: [(&str, &[&str]); 2] =
        [("allah", &["ullah", "allah", "ollah"]), ("uddin", &["uddin", "eddin", "addin", "aldin", "eddine"])];
    if !raw.iter().any(|t| SUFFIXES.iter().any(|(first, _)| t.texts[0] == *first)) {
        return;
    }
    let mut joined: Vec<RawToken> = Vec::with_capacity(raw.len());
    for next in raw.drain(..) {
        let suffix = SUFFIXES.iter().find(|(first, _)| next.texts[0] == *first);
        let prev = joined.last_mut().filter(|prev| {
            suffix.is_some()
                && dominant_script(&next.original) == Script::Arabic
                && dominant_script(&prev.original) == Script::Arabic
                && prev.texts[0] != "al"
        });
        match (prev, suffix) {
            (Some(prev), Some((_, endings))) => {
                let stem = prev.texts[0].clone();
                prev.original = format!("{} {}", prev.original, next.original);
                prev.texts = endings.iter().map(|e| format!("{stem}{e}")).collect();
                prev.dictionary_key = match (prev.dictionary_key, endings[0]) {
                    (Some("abdul"), "ullah") => Some("abdullah"),
                    _ => None,
                };
                prev.joined_next = next.joined_next;
            }
            _ => joined.push(next),
        }
    }
    *raw = joined;
}

/// The endings of a name in `al-Rahman` joined to the word before (Ziaurrahman, Matiurrehman,
/// Azizurahman), in Arabic script ([`join_arabic_rahman`]) and Latin letters
/// ([`join_latin_compounds`]).
const RAHMAN_ENDINGS: [&str; 3] = ["urrahman", "urrehman", "urahman"];

/// Joins a name in `الرحمن` (`ضياء الرحمن`, `عزيز الرحمان`, but not `عبد الرحمن`, which is
/// [`join_abd_article`]'s) into one word, as lists write it in Latin letters, joined or in three
/// words (ZIAURRAHMAN, Zia-ur-Rahman, AZIZIRAHMAN): the article and the name apart met neither
/// ("ضياء الرحمن" scored 0 against ZIAURRAHMAN). The word is read with each reading of the
/// first (ضياء: `dya`, `zya`).
fn join_arabic_rahman(raw: &mut Vec<RawToken>) {
    let joins_at = |raw: &[RawToken], i: usize| {
        i + 2 < raw.len()
            && raw[i + 1].original == "ال"
            && matches!(raw[i + 2].texts[0].as_str(), "rhmn" | "rhman")
            && !matches!(raw[i].texts[0].as_str(), "al" | "abd" | "abdul")
            && dominant_script(&raw[i].original) == Script::Arabic
            && dominant_script(&raw[i + 2].original) == Script::Arabic
    };
    let mut i = 0;
    while i < raw.len() {
        if joins_at(raw, i) {
            let after: Vec<RawToken> = raw.drain(i + 1..i + 3).collect();
            let stem = &mut raw[i];
            let mut texts: Texts = smallvec![];
            for reading in stem.texts.iter().take(2) {
                texts.extend(RAHMAN_ENDINGS.iter().map(|e| format!("{reading}{e}")));
            }
            stem.original = format!("{} {}{}", stem.original, after[0].original, after[1].original);
            stem.texts = texts;
            stem.dictionary_key = None;
            stem.joined_next = after[1].joined_next;
        }
        i += 1;
    }
}

/// Gives the article `ال` before a sun letter its assimilated readings (`الصبار`: as-Sabar,
/// es-Sabar, written Essabar): lists write the article so, run into the name, which the article
/// read `al` joined to the name did not meet ("زكريا الصبار" scored 0.79 against ZAKARYA
/// ESSABAR).
fn assimilate_articles(tokens: &mut [RawToken]) {
    // The sun letters but lam, which the article's own l already spells.
    const SUN: [char; 13] = ['ت', 'ث', 'د', 'ذ', 'ر', 'ز', 'س', 'ش', 'ص', 'ض', 'ط', 'ظ', 'ن'];
    for i in 0..tokens.len().saturating_sub(1) {
        let (article, name) = (&tokens[i], &tokens[i + 1]);
        if article.original != "ال" || !name.original.starts_with(SUN) {
            continue;
        }
        let next = name.texts[0].as_str();
        let consonant = ["sh", "th", "dh"]
            .into_iter()
            .find(|c| next.starts_with(c))
            .unwrap_or_else(|| take_chars(next, 1));
        if consonant.is_empty() || !consonant.is_ascii() {
            continue;
        }
        let readings = [format!("a{consonant}"), format!("e{consonant}")];
        let article = &mut tokens[i];
        for r in readings {
            if !article.texts.contains(&r) {
                article.texts.push(r);
            }
        }
    }
}

/// Korean legal forms, written out (주식회사, 유한회사) or abbreviated in parentheses ((주), ㈜,
/// (유)) before or after the name, attached or apart, replaced by a romanisation the
/// legal-form table knows (`jusikhoesa`; `llc` for the limited company, whose table entry
/// abbreviates it `yu`, a family name). Read syllable by syllable as a name, "진 (유)" (Jin
/// Ltd) was the person YU, Jin (0.99), and 주식회사 ended in 사 read as S.A. `None` when the
/// name has none.
fn spell_korean_legal_forms(name: &str) -> Option<String> {
    const FORMS: [(&str, &str); 5] = [
        ("주식회사", "jusikhoesa"),
        ("유한회사", "llc"),
        ("(주)", "jusikhoesa"),
        ("\u{321c}", "jusikhoesa"),
        ("(유)", "llc"),
    ];
    if !name.chars().any(|c| matches!(c, '\u{321c}' | '주' | '유')) {
        return None;
    }
    let mut out = name.to_owned();
    for (form, romanised) in FORMS {
        if out.contains(form) {
            out = out.replace(form, &format!(" {romanised} "));
        }
    }
    (out != name).then(|| out.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// A name whose comma runs into the next word ("HAVANATUR,S.A.", "SMITH,John") with a space
/// after the comma, as it is written apart: the word after it is then read on its own (S.A.
/// a legal form, not the initials S and A of a given name). Not between digits (`1,000`).
/// `None` when no comma runs into a letter.
fn space_after_commas(name: &str) -> Option<String> {
    let runs_on = |(c, next): (char, char)| c == ',' && next.is_alphabetic();
    let mut chars = name.chars().zip(name.chars().skip(1));
    if !name.contains(',') || !chars.any(runs_on) {
        return None;
    }
    let mut out = String::with_capacity(name.len() + 4);
    let mut previous = ' ';
    for c in name.chars() {
        if previous == ',' && c.is_alphabetic() {
            out.push(' ');
        }
        out.push(c);
        previous = c;
    }
    Some(out)
}

/// The article `ال` written apart from the Arabic-script word it belongs to (`شمس ال دين`,
/// `ال مزيده`) attached to it, as Arabic writes it: the word is then read as when written
/// joined (`الدين` uddin, `المزيده` al + mzida). `None` when the name has no such article.
fn attach_detached_article(name: &str) -> Option<String> {
    if !name.contains("ال ") {
        return None;
    }
    let words: Vec<&str> = name.split(' ').collect();
    let mut out = String::with_capacity(name.len());
    let mut changed = false;
    for (i, w) in words.iter().enumerate() {
        out.push_str(w);
        let next_arabic = words
            .get(i + 1)
            .and_then(|n| n.chars().next())
            .is_some_and(|c| script::script_of(c) == Script::Arabic);
        if *w == "ال" && next_arabic {
            changed = true;
            continue;
        }
        if i + 1 < words.len() {
            out.push(' ');
        }
    }
    changed.then_some(out)
}

/// Joins `عبد` and the article of the name after it (`عبد القادر` → `abdul` + `qadr`): lists write
/// the pair as one word before the name (Abdul Qadir, Abdel Kader) or all of it as one
/// (Abdelkader, Abderrahmane, with the article's `l` assimilated before a sun letter), which
/// `abd`, `al`, `qadr` met only through a three-word join. The forms are `abdul` and its
/// spellings, the assimilated ones (`abdur`, `abder`) first before a sun letter.
fn join_abd_article(raw: &mut Vec<RawToken>) {
    let is_abd_article = |raw: &[RawToken], i: usize| {
        raw[i].texts[0] == "abd"
            && raw.get(i + 1).is_some_and(|t| t.texts[0] == "al" && t.original == "ال")
            && raw.get(i + 2).is_some_and(|t| dominant_script(&t.original) == Script::Arabic)
            && dominant_script(&raw[i].original) == Script::Arabic
    };
    if !(0..raw.len()).any(|i| is_abd_article(raw, i)) {
        return;
    }
    let mut i = 0;
    while i < raw.len() {
        if is_abd_article(raw, i) {
            let article = raw.remove(i + 1);
            let next = &raw[i + 1].texts[0];
            let sun =
                ["sh", "th", "dh", "t", "d", "r", "z", "s", "n"].into_iter().find(|c| next.starts_with(c));
            let mut texts: Texts = smallvec!["abdul".to_owned()];
            if let Some(c) = sun {
                texts.push(format!("abdu{c}"));
                texts.push(format!("abde{c}"));
            }
            texts.extend(["abdel", "abdal", "abdol"].map(str::to_owned));
            let abd = &mut raw[i];
            abd.original = format!("{} {}", abd.original, article.original);
            abd.texts = texts;
            abd.dictionary_key = Some("abdul");
            abd.joined_next = true;
        }
        i += 1;
    }
}

/// Reads `الابن` (the son) ending a name of three words or more as the suffix Jr., which is
/// how the lists write it in Arabic script ("DELOS REYES JR." is "ديلوس رييس الإبن"): one
/// token that meets `Jr.` and `Junior`, and a name suffix like them, where it was an article
/// and the word ibn weighing as a name.
fn read_arabic_son_as_junior(raw: &mut Vec<RawToken>) {
    let n = raw.len();
    let ends_with_son =
        n >= 4 && raw[n - 2].original == "ال" && tables::fold_arabic(&raw[n - 1].original) == "ابن";
    if ends_with_son {
        let son = raw.pop().expect("four tokens");
        let article = raw.last_mut().expect("three tokens");
        article.original.push_str(&son.original);
        article.texts = smallvec!["jr".to_owned(), "junior".to_owned()];
        article.dictionary_key = None;
        article.joined_next = false;
    }
}

/// A compound of a word, an article and a name that lists write as one word, two or three
/// (Saifuddin, Salah Eddine, Saif al-Din; Ziaurrahman, Zia ur-Rahman): see
/// [`join_latin_compounds`].
struct LatinCompound {
    /// The article as a word of its own (`al`, `ud`, `ur`).
    articles: &'static [&'static str],
    /// The name after it (`din`, `rahman`).
    names: &'static [&'static str],
    /// The article and the name written as one word (`eldin`, `urrehman`).
    joined: &'static [&'static str],
    /// The spellings of the compound's ending joined to the word before, commonest first.
    endings: &'static [&'static str],
}

const LATIN_COMPOUNDS: [LatinCompound; 2] = [
    LatinCompound {
        articles: &["al", "el", "ul", "ud", "ad", "ed"],
        names: &["din", "deen", "dine"],
        // Not `edin` or `udin`: Edin is a Bosnian name.
        joined: &[
            "aldin", "eldin", "uldin", "uddin", "addin", "eddin", "eddine", "uddeen", "aldeen", "eldeen",
        ],
        endings: &["uddin", "eddin", "addin", "aldin", "eddine"],
    },
    LatinCompound {
        articles: &["ur", "ul", "u", "ar", "al", "er", "el"],
        names: &["rahman", "rehman", "rahmaan", "rehmaan"],
        joined: &["urrahman", "urrehman", "urahman", "urehman", "arrahman"],
        endings: &RAHMAN_ENDINGS,
    },
];

/// Joins a name ending in `al-Din` or `al-Rahman` written in Latin letters as three words
/// (`Saif al-Din`, `SAIF-AL-DIN`, `Salah ad-Din`, `ZAKI-UR-REHMAN`) or as two (`Salah Eddine`,
/// `NOR ELDIN`) into one, as `الدين` is joined to the word before it (see
/// [`join_arabic_compounds`], [`join_arabic_rahman`]): lists write these names so, or joined
/// (Saifuddin, Salaheddine, Ziaurrahman), and a join of two words could not meet a word of
/// three; the two-word form met the name in Arabic script nowhere ("Salah Eddine" scored 0
/// against صلاح الدين). `Abd al-Rahman` is [`join_latin_particle_article`]'s. `comma_token`
/// (the token after the comma) follows the tokens it counts; no join crosses it.
fn join_latin_compounds(raw: &mut Vec<RawToken>, comma_token: &mut Option<usize>) {
    let latin = |t: &RawToken| t.original.is_ascii() && t.texts[0].bytes().all(|b| b.is_ascii_lowercase());
    // The compound whose ending follows the stem at `i`, and in how many words: two, one, or
    // none.
    let joins_at = |raw: &[RawToken], i: usize, comma: Option<usize>| -> Option<(&LatinCompound, usize)> {
        let stem = raw[i].texts[0].as_str();
        let next = |k: usize| raw.get(i + k).map(|t| t.texts[0].as_str());
        LATIN_COMPOUNDS.iter().find_map(|c| {
            let words = if next(1).is_some_and(|a| c.articles.contains(&a))
                && next(2).is_some_and(|n| c.names.contains(&n))
            {
                2
            } else if next(1).is_some_and(|j| c.joined.contains(&j)) {
                1
            } else {
                return None;
            };
            let fits = stem.len() >= 2
                && !c.articles.contains(&stem)
                && !stem.starts_with("abd")
                && raw[i..=i + words].iter().all(latin)
                && comma.is_none_or(|k| k <= i || k > i + words);
            fits.then_some((c, words))
        })
    };
    if !(0..raw.len()).any(|i| joins_at(raw, i, *comma_token).is_some()) {
        return;
    }
    let mut i = 0;
    while i < raw.len() {
        if let Some((compound, words)) = joins_at(raw, i, *comma_token) {
            let after: Vec<RawToken> = raw.drain(i + 1..=i + words).collect();
            let stem = &mut raw[i];
            let written = stem.texts[0].clone();
            // The spelling as written first.
            let mut texts: Texts = smallvec![after.iter().fold(written.clone(), |w, t| w + &t.texts[0])];
            for ending in compound.endings {
                let text = format!("{written}{ending}");
                if !texts.contains(&text) {
                    texts.push(text);
                }
            }
            for t in &after {
                stem.original.push(' ');
                stem.original.push_str(&t.original);
            }
            stem.texts = texts;
            stem.joined_next = after.last().is_some_and(|t| t.joined_next);
            if let Some(k) = comma_token.as_mut().filter(|k| **k > i) {
                *k -= words;
            }
        }
        i += 1;
    }
}

/// Joins a particle written in Latin letters and the article after it (`Abou El Kacem`, `Abd
/// al-Aziz`, `Ramzi bin al-Shibh`) into one word, as Arabic script writes them (see
/// [`join_abd_article`]): lists and customers also write the three words as one (Abouelkacem,
/// Abdelaziz, Binalshibh), which three words could not meet, a join being of two. The word
/// carries the pair in the usual romanisations of each (Abu al, Abou el, Aboul; Abd ar before
/// a sun letter), so that spellings still meet, and the particle alone, so that the name
/// written without its article does too; a kunya or filiation word keeps its weight. The name
/// after the article carries the article run into it (`Abu albara`).
/// `comma_token` follows the tokens it counts; no join crosses it.
fn join_latin_particle_article(raw: &mut Vec<RawToken>, comma_token: &mut Option<usize>) {
    // (spellings of the particle, each also a stem of its joined forms; the articles they
    // take; the particle's entry in the particle table: none for `abd`, a name word of its own)
    type Family = (&'static [&'static str], &'static [&'static str], Option<&'static str>);
    // `abo` for the Persian Abol- (Abolfazl, Abolghasem).
    const FAMILIES: [Family; 3] = [
        (&["abd"], &["ul", "el", "al", "ol"], None),
        (&["abu", "abou", "abo"], &["l", "al", "el"], Some("abu")),
        (&["bin", "ibn", "ben"], &["al", "el", "ul"], Some("bin")),
    ];
    const SUN: [&str; 9] = ["sh", "th", "dh", "t", "d", "r", "z", "s", "n"];
    let latin = |t: &RawToken| t.original.is_ascii() && t.texts[0].bytes().all(|b| b.is_ascii_lowercase());
    let arabic = |t: &RawToken| dominant_script(&t.original) == Script::Arabic;
    // The family of the particle at `i` and the sun letter the article is assimilated to,
    // when the particle, an article and a name follow each other.
    let joins_at = |raw: &[RawToken], i: usize, comma: Option<usize>| {
        if i + 2 >= raw.len() || comma.is_some_and(|k| k == i + 1 || k == i + 2) {
            return None;
        }
        if arabic(&raw[i]) && raw[i + 1].original == "ال" && arabic(&raw[i + 2]) {
            return arabic_family(&raw[i..i + 2]);
        }
        let family = FAMILIES.iter().find(|f| f.0.contains(&raw[i].texts[0].as_str()))?;
        let (article, name) = (raw[i + 1].texts[0].as_str(), raw[i + 2].texts[0].as_str());
        let sun = if matches!(article, "al" | "el" | "ul") {
            None
        } else if article.starts_with(['a', 'e', 'u']) {
            Some(SUN.into_iter().find(|c| &article[1..] == *c && name.starts_with(*c))?)
        } else {
            return None;
        };
        let name_ok = name.len() >= 3 && !matches!(name, "al" | "el" | "ul");
        (name_ok && raw[i..i + 3].iter().all(latin)).then_some((family, sun))
    };
    // The same in Arabic script (`أبو الحسن`, `بن الشيبة`: Abulhasan, BINALSHIBH, Abolfazl),
    // the family by the particle's romanisation, the sun letter by the article's assimilated
    // reading (see [`assimilate_articles`]).
    fn arabic_family(particle_article: &[RawToken]) -> Option<(&'static Family, Option<&'static str>)> {
        let family = match particle_article[0].texts[0].as_str() {
            "abu" | "abo" => &FAMILIES[1],
            "abn" | "bn" => &FAMILIES[2],
            _ => return None,
        };
        let assimilated = particle_article[1].texts.get(1).map(|t| &t[1..]);
        Some((family, SUN.into_iter().find(|c| assimilated == Some(*c))))
    }
    if !(0..raw.len()).any(|i| joins_at(raw, i, *comma_token).is_some()) {
        return;
    }
    let mut i = 0;
    while i < raw.len() {
        if let Some(((stems, articles, particle), sun)) = joins_at(raw, i, *comma_token) {
            let article = raw.remove(i + 1);
            let word = &mut raw[i];
            // A particle in Arabic script is spelt as the family's first spelling (ابن: ibn,
            // not its letter-by-letter `abn`).
            let written = if word.original.is_ascii() { word.texts[0].clone() } else { stems[0].to_owned() };
            let mut texts: Texts = smallvec![format!("{written}{}", article.texts[0])];
            let mut add = |t: String| {
                if !texts.contains(&t) {
                    texts.push(t);
                }
            };
            for stem in *stems {
                if let Some(c) = sun {
                    ["u", "e", "a"].iter().for_each(|v| add(format!("{stem}{v}{c}")));
                }
                articles.iter().for_each(|a| add(format!("{stem}{a}")));
            }
            add(written);
            word.original = format!("{} {}", word.original, article.original);
            word.texts = texts;
            word.joined_next = article.joined_next;
            word.article_joined = *particle;
            // The article may be written run into the name instead (`Abu albara`, `'Abd
            // Alsalam`): the name carries that spelling too.
            let name = &mut raw[i + 1];
            let plain = name.texts[0].clone();
            for a in [article.texts[0].as_str(), "al", "el"] {
                let joined = format!("{a}{plain}");
                if !name.texts.contains(&joined) {
                    name.texts.push(joined);
                }
            }
            if let Some(k) = comma_token.as_mut().filter(|k| **k > i) {
                *k -= 1;
            }
        }
        i += 1;
    }
}

fn take_chars(s: &str, n: usize) -> &str {
    s.char_indices().nth(n).map(|(i, _)| &s[..i]).unwrap_or(s)
}

fn skip_chars(s: &str, n: usize) -> &str {
    s.char_indices().nth(n).map(|(i, _)| &s[i..]).unwrap_or("")
}

/// [`fold_romanisation`] of an owned romanisation: ASCII ones (nearly all) are folded in place,
/// which for ASCII is all [`normalize`] does: letters and digits kept, lower case.
fn fold_romanisation_owned(mut r: String) -> String {
    // Most are folded already (a Latin word lower-cased).
    if r.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()) {
        return r;
    }
    if r.is_ascii() {
        r.retain(|c| c.is_ascii_alphanumeric());
        r.make_ascii_lowercase();
        r
    } else {
        fold_romanisation(&r)
    }
}

/// A romanisation folded to comparison form: one word, lower case, no diacritics.
fn fold_romanisation(r: &str) -> String {
    let mut folded = normalize(r);
    folded.retain(|c| c != ' ');
    folded
}

/// Tokenizes and romanises without roles or tables: how the reference tables' phrases are
/// keyed, so that they meet names on the same terms.
pub(crate) fn plain_token_texts(phrase: &str) -> Vec<String> {
    let (pieces, _, _) = split_pieces(phrase, None);
    let mut raw = Vec::new();
    for p in &pieces {
        let lowered = lower_nfkc(&p.text);
        if let Some(first) = script::romanize(&lowered).first() {
            let folded = fold_romanisation(first);
            if !folded.is_empty() {
                raw.push(folded);
            }
        }
    }
    raw
}

/// Analyses a name; `kind` (when known) decides whether legal forms and organisation words or
/// personal-name roles apply. Never panics; an input without letters or digits gives no tokens.
pub fn analyze(name: &str, kind: Option<EntityKind>) -> AnalyzedName {
    let tables = tables::tables();
    let person = kind == Some(EntityKind::Person);
    let orgish_kind =
        matches!(kind, Some(EntityKind::Organization | EntityKind::Vessel | EntityKind::Aircraft));

    let korean = spell_korean_legal_forms(name);
    let name = korean.as_deref().unwrap_or(name);
    let spaced = space_after_commas(name);
    let name = spaced.as_deref().unwrap_or(name);
    let attached = attach_detached_article(name);
    let (pieces, comma_at, commas) = split_pieces(attached.as_deref().unwrap_or(name), Some(tables));
    let mut raw: Vec<RawToken> = Vec::with_capacity(pieces.len() + 2);
    let mut comma_token = None;
    let language = script::NameLanguage::of(name);
    for (i, piece) in pieces.iter().enumerate() {
        if comma_at == Some(i) {
            comma_token = Some(raw.len());
        }
        romanize_piece(piece, language, &mut raw);
    }
    read_digits_as_letters(&mut raw);
    read_misread_article(&mut raw);
    join_arabic_compounds(&mut raw);
    join_arabic_rahman(&mut raw);
    join_abd_article(&mut raw);
    read_arabic_son_as_junior(&mut raw);
    join_latin_compounds(&mut raw, &mut comma_token);
    join_latin_particle_article(&mut raw, &mut comma_token);
    // On each side of the comma apart, which then stays between them ("CROWLANDS, S A DE C V").
    if !person {
        let mut after = raw.split_off(comma_token.unwrap_or(raw.len()));
        for part in [&mut raw, &mut after] {
            split_glued_legal_words(part, tables);
            split_legal_words_run_into_a_neighbour(part, tables);
            join_spaced_legal_letters(part, tables);
        }
        if comma_token.is_some() {
            comma_token = Some(raw.len());
        }
        raw.append(&mut after);
    }

    let mut titles: Vec<String> = Vec::new();

    // "LAST, First Middle" → "First Middle LAST".
    let mut reordered = false;
    if let Some(k) = comma_token {
        // A name that reads as an organisation's keeps its order ("V AND V ASTILLERO, DE C.V."):
        // what follows its comma is not a given name.
        // "KNOWLES, JR., Samuel": a generation between two commas is the family name's.
        let suffix_between_commas =
            commas == 2 && k + 1 < raw.len() && tables.name_suffixes.get(&raw[k].texts[0]) == Some(&false);
        let reorder = !orgish_kind
            && k > 0
            && k < raw.len()
            && (commas == 1 || person || suffix_between_commas)
            && !is_legal_form_run(&raw[k..], tables)
            && (person || !looks_like_organisation(&raw, tables));
        if reorder {
            let mut after: Vec<RawToken> = raw.split_off(k);
            if suffix_between_commas {
                titles.push(after.remove(0).original);
            }
            // Titles written before the family name ("Dr SMITH, John") or after the comma
            // ("SOLEIMANI, Major General Qasem").
            strip_titles(&mut raw, &mut titles, tables, false);
            strip_titles(&mut after, &mut titles, tables, true);
            // Suffixes end either part ("BILAL, Muhammad Jr.", "SMITH JR., John").
            strip_suffixes(&mut raw, &mut titles, tables);
            strip_suffixes(&mut after, &mut titles, tables);
            for t in raw.iter_mut() {
                t.family_hint = true;
            }
            after.append(&mut raw);
            raw = after;
            // "PAO, Yu Liang", "SIA, Agha": a name written LAST, First is a person's, and its
            // short words are not legal forms.
            reordered = true;
        }
    }

    // Legal forms, longest alias first, anywhere in the name (not in a person's name).
    // (generic, specific) forms, borrowed from the tables.
    let mut legal: LegalByToken = smallvec![None; raw.len()];
    if !person {
        // (start, length, forms) of each legal form found; most names have none.
        let mut found_forms: SmallVec<[FoundForm; 2]> = SmallVec::new();
        let n = raw.len();
        let corrected = legal_word_corrections(&raw, tables);
        // Dots make an abbreviation of `S.A.` in an organisation's name; in a person's they
        // mark initials (`Ahmed S.A. KHAN`).
        let dots_count =
            raw.iter().any(|t| t.dotted) && (orgish_kind || looks_like_organisation(&raw, tables));
        // Grown at the first window looked up (most names have none).
        let mut key = String::new();
        let mut i = 0;
        while i < n {
            let mut matched = None;
            let starts = |w: &str| tables.may_list(w) && tables.legal_first_words.contains(w);
            let max_len = if starts(&raw[i].texts[0]) || corrected[i].iter().any(|c| starts(c)) {
                tables.max_legal_form_len.min(n - i)
            } else {
                0
            };
            for len in (1..=max_len).rev() {
                if len == n && !orgish_kind {
                    // A name that is nothing but a legal form is a name.
                    continue;
                }
                let window = i..i + len;
                let dotted = dots_count && raw[i].dotted;
                let found = find_reading(&raw[window.clone()], &corrected[window], &mut key, |key, typo| {
                    // A typo makes a legal form of a window of words, or of one last word
                    // only for the commonest long forms ("LIMTIED"): "SADATI" is a name.
                    let single_ok = i + 1 == n && matches!(key, "limited" | "incorporated" | "limitada");
                    if typo && len == 1 && !single_ok {
                        return None;
                    }
                    let found = tables.legal_forms.get(key)?;
                    if len == 1 && (reordered || !short_legal_form_allowed(key, i, n, dotted)) {
                        return None;
                    }
                    // A word of a script other than Latin and Cyrillic (which romanise each
                    // other's abbreviations: ООО, LTD, Лтд) is a legal form only as written in
                    // its script; but Arabic and Hebrew letters also spell a foreign legal form
                    // out (لمتد, Limited), which a word of four letters or more may be.
                    if len == 1 {
                        let script = dominant_script(&raw[i].original);
                        let spelt_out = matches!(script, Script::Arabic | Script::Hebrew) && key.len() >= 4;
                        let written_so = |scripts: &u32| scripts & (1 << script as u32) != 0;
                        if !matches!(script, Script::Latin | Script::Cyrillic | Script::Common)
                            && !spelt_out
                            && !tables.legal_form_scripts.get(key).is_some_and(written_so)
                        {
                            return None;
                        }
                    }
                    // A legal form that is a title too (LT, Limited and the lieutenant) closes
                    // a name; before a word it is the title ("Lt. Gen. ABBAS").
                    if len == 1 && i + 1 != n && tables.titles.contains_key(key) {
                        return None;
                    }
                    Some(found)
                });
                if let Some(found) = found {
                    matched = Some((len, found));
                    break;
                }
            }
            match matched {
                Some((len, found)) => {
                    // A qualifying word just before (`PUBLICHNOE JSC`, `OPEN JSC`) belongs to the
                    // form, unless it ends another one.
                    let free_before = i > 0 && found_forms.last().is_none_or(|(s, l, _)| s + l < i);
                    let qualified = free_before
                        .then(|| tables.legal_qualifiers.get(&raw[i - 1].texts[0]))
                        .flatten()
                        .and_then(|forms| forms.iter().find(|(generic, _)| *generic == found.0));
                    match qualified {
                        Some((_, whole)) => found_forms.push((i - 1, len + 1, whole)),
                        None => found_forms.push((i, len, found)),
                    }
                    i += len;
                }
                None => i += 1,
            }
        }
        if !found_forms.is_empty() {
            // The words of each form become one token, in place: `kept` tokens are kept so far.
            let mut kept = 0;
            let mut forms = found_forms.into_iter().peekable();
            let mut i = 0;
            while i < n {
                match forms.next_if(|(start, _, _)| *start == i) {
                    Some((_, len, found)) => {
                        let mut original = String::with_capacity(
                            raw[i..i + len].iter().map(|t| t.original.len() + 1).sum::<usize>(),
                        );
                        for (k, t) in raw[i..i + len].iter().enumerate() {
                            if k > 0 {
                                original.push(' ');
                            }
                            original.push_str(&t.original);
                        }
                        raw[kept] = RawToken {
                            original,
                            texts: smallvec![found.0.clone()],
                            dictionary_key: None,
                            joined_next: false,
                            family_hint: false,
                            dotted: false,
                            article_joined: None,
                        };
                        legal[kept] = Some(found);
                        i += len;
                    }
                    None => {
                        raw.swap(kept, i);
                        legal[kept] = None;
                        i += 1;
                    }
                }
                kept += 1;
            }
            raw.truncate(kept);
            legal.truncate(kept);
        }
    }

    let has_legal_form = legal.iter().any(Option::is_some);
    let org_mode = orgish_kind || (!person && (has_legal_form || looks_like_organisation(&raw, tables)));

    // Titles at the start of a person's name go (kept in `titles`); in a name of unknown
    // kind they stay, weighing like a particle: the name may be a vessel's or a company's
    // whose list, knowing its kind, keeps them ("MARSHAL ZHUKOV", "LADY LEILA", "CAPTAIN
    // BEKLEMISHEV"). Vessel prefixes (M/V) of vessels and aircraft go.
    let mut legal_kept = legal;
    let mut weak_titles = 0;
    if person {
        let before = raw.len();
        strip_titles(&mut raw, &mut titles, tables, false);
        legal_kept.drain(..before - raw.len());
        strip_suffixes(&mut raw, &mut titles, tables);
        legal_kept.truncate(raw.len());
    } else if !org_mode {
        weak_titles = leading_titles(&raw, tables).0;
    } else if kind == Some(EntityKind::Vessel) || kind == Some(EntityKind::Aircraft) {
        let mut dropped = 0;
        for len in [2, 1] {
            if raw.len() > len {
                let key = raw[..len].iter().map(|t| t.texts[0].as_str()).collect::<Vec<_>>().join(" ");
                if tables.obj_prefixes.contains_key(&key) {
                    titles.push(raw[..len].iter().map(|t| t.original.as_str()).collect::<Vec<_>>().join(" "));
                    raw.drain(..len);
                    dropped += len;
                    break;
                }
            }
        }
        legal_kept.drain(..dropped);
    }
    // In a name of unknown kind a vessel prefix (`MT KONSTANTINOVSK`) stays, weighing like a
    // particle: the list, knowing a vessel, has dropped it.
    let vessel_prefix_len =
        if kind.is_none() && raw.first().is_some_and(|t| t.texts[0].len() <= tables.obj_prefix_max_len) {
            let mut key = String::new();
            (1..=2)
                .rev()
                .find(|&len| {
                    raw.len() > len
                        && legal_kept[..len].iter().all(Option::is_none)
                        && tables.obj_prefixes.contains_key(join_texts(&raw[..len], &mut key))
                })
                .unwrap_or(0)
        } else {
            0
        };

    // "No. 2", "Nr 2", "№ 2": the number sign goes, the number stays.
    let is_sign = |i: usize| {
        i + 1 < raw.len()
            && matches!(raw[i].texts[0].as_str(), "no" | "nr" | "num" | "number" | "n")
            && number_value(&raw[i + 1].texts[0]).is_some()
    };
    if (0..raw.len()).any(is_sign) {
        let signs: Vec<bool> = (0..raw.len()).map(is_sign).collect();
        let mut kept: Vec<RawToken> = Vec::with_capacity(raw.len());
        let mut kept_legal = LegalByToken::with_capacity(raw.len());
        let mut sign: Option<String> = None;
        let pairs = std::mem::take(&mut raw).into_iter().zip(std::mem::take(&mut legal_kept));
        for ((mut t, l), is_sign) in pairs.zip(signs) {
            if is_sign {
                sign = Some(t.original);
                continue;
            }
            if let Some(s) = sign.take() {
                t.original = format!("{s} {}", t.original);
            }
            kept.push(t);
            kept_legal.push(l);
        }
        raw = kept;
        legal_kept = kept_legal;
    }

    if !person {
        merge_number_words(&mut raw, &mut legal_kept);
    }

    let weak_prefix_len = vessel_prefix_len.max(weak_titles);
    // Name suffixes of a name of unknown kind stay, weighing like a particle, as its titles do;
    // not roman numerals, which may be a vessel's (OCEAN STAR III). So do titles after the name
    // ("AWEYS Sheikh", "KIRILL PATRIARCH": a name turned round, or a title written last).
    let weak_suffixes = if !person && !org_mode {
        let suffixes = trailing_suffixes(&raw[weak_prefix_len..], tables, false).0;
        suffixes + trailing_titles(&raw[weak_prefix_len..raw.len() - suffixes], tables)
    } else {
        0
    };
    // A roman numeral ending such a name is a person's generation (BIBA III, John Smith III) as
    // often as a vessel's number: it weighs less than a word (BIBA III scored 0.73 against
    // BIBA), and it is a number, so that two numerals that differ still disagree (OCEAN STAR II
    // stays apart from OCEAN STAR III).
    let numeral_at = (!person && !org_mode)
        .then(|| raw.len().checked_sub(weak_suffixes + 1))
        .flatten()
        .filter(|&at| at > weak_prefix_len && tables.name_suffixes.get(&raw[at].texts[0]) == Some(&true));
    let weak = WeakTokens { prefix_len: weak_prefix_len, suffix_len: weak_suffixes, numeral_at };
    let tokens = assign_roles(raw, &legal_kept, weak, kind, person, org_mode, tables);
    let script = dominant_script(name);
    AnalyzedName { original: name.to_owned(), script: script.code().to_owned(), tokens, titles }
}

/// Legal-form words that are split off a word they are run into (`ROSNEFTJSC`, `COMPANYALFA`,
/// `OTVETSTVENNOSTYUROMASHKA`, `PARTNERSPTE LTD`, `SHIPPINGPRIVATE LIMITED`), besides every
/// legal form of one word of seven letters or more (`CHARITYCOALITION`, `SEPAHCOOPERATIVE`:
/// [`tables::Tables::long_legal_words_by_first`]): long words, and
/// abbreviations of three letters or more that end or start no ordinary word (`OOOEAR`,
/// `PMCwagner`, `PSIDMCC`, `BEARINGSSDN BHD`, `GAZELLESPRL`, `SEYMEHSRL`, `FLAVICFZE`). Short forms (`co`, `sa`, `ag`,
/// `inc`, `sal`) are not split: `TELCO`, `ZINC`, `UNIVERSAL` keep their letters; nor are ZAO
/// and PAO, which begin Zaozhuang and Paolo.
const GLUED_LEGAL_WORDS: &[&str] = &[
    "otvetstvennostyu",
    "otvetstvennostiu",
    "otvetstvennostju",
    "obshchestvo",
    "publichnoe",
    "obshestvo",
    "incorporated",
    "corporation",
    "aktsionernoe",
    "zakrytoe",
    "otkrytoe",
    "limited",
    "company",
    "private",
    "joint",
    "stock",
    "pjsc",
    "ojsc",
    "cjsc",
    "gmbh",
    "sarl",
    "ltda",
    "fzllc",
    "llc",
    "jsc",
    "ltd",
    "pte",
    "pty",
    "ooo",
    "oao",
    "pmc",
    "dmcc",
    "sprl",
    "bvba",
    "fzco",
    "fze",
    "fzc",
    "srl",
    "kft",
    "plc",
    "sdn",
    "bhd",
];

/// [`GLUED_LEGAL_WORDS`] by their first (`false`) or last (`true`) letter: per letter, a bit per
/// word of the table.
const fn glued_legal_words_by(last: bool) -> [u64; 26] {
    assert!(GLUED_LEGAL_WORDS.len() <= 64);
    let mut by_letter = [0u64; 26];
    let mut i = 0;
    while i < GLUED_LEGAL_WORDS.len() {
        let word = GLUED_LEGAL_WORDS[i].as_bytes();
        let letter = if last { word[word.len() - 1] } else { word[0] };
        assert!(letter.is_ascii_lowercase());
        by_letter[(letter - b'a') as usize] |= 1 << i;
        i += 1;
    }
    by_letter
}

const GLUED_LEGAL_WORDS_BY_FIRST: [u64; 26] = glued_legal_words_by(false);
const GLUED_LEGAL_WORDS_BY_LAST: [u64; 26] = glued_legal_words_by(true);

/// The legal-form word `text` starts or ends with, and the rest, if the rest is a word of its
/// own (three letters or more); or the number `text` starts with and the legal form it is run
/// into (`138LLC`: a number is no word a legal form could end, so any form of the table splits
/// off it). `latin`: the word was written in Latin letters (the long legal forms of the table
/// split off such words only).
fn glued_legal_word(text: &str, latin: bool, tables: &tables::Tables) -> Option<(String, String)> {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 {
        let form = &text[digits..];
        let known = form.len() >= 2
            && form.bytes().all(|b| b.is_ascii_lowercase())
            && tables.legal_forms.contains_key(form);
        return known.then(|| (text[..digits].to_owned(), form.to_owned()));
    }
    if !text.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    let split = glued_legal_word_split(text, latin, tables)?;
    // A legal form itself (AKTIENGESELLSCHAFT, `youxiangongsi`) may begin with another.
    (!tables.legal_forms.contains_key(text)).then_some(split)
}

/// The split of [`glued_legal_word`] of a word of lower-case letters, if any.
fn glued_legal_word_split(text: &str, latin: bool, tables: &tables::Tables) -> Option<(String, String)> {
    let (&first, &last) = (text.as_bytes().first()?, text.as_bytes().last()?);
    // The first word of the table that `text` ends with, and the first it starts with: only the
    // words of its last and first letter are compared (every word of the table, tested by its
    // letter first, was 3.4% of analysing the survey's names).
    let first_of = |words: u64, found: &dyn Fn(&str) -> bool| {
        let mut words = words;
        while words != 0 {
            let i = words.trailing_zeros() as usize;
            words &= words - 1;
            let word = GLUED_LEGAL_WORDS[i];
            if text.len() >= word.len() + 3 && found(word) {
                return Some(i);
            }
        }
        None
    };
    let letter = |b: u8| usize::from(b - b'a');
    let ends = first_of(GLUED_LEGAL_WORDS_BY_LAST[letter(last)], &|w| text.ends_with(w));
    let starts = first_of(GLUED_LEGAL_WORDS_BY_FIRST[letter(first)], &|w| text.starts_with(w));
    // Of a word the table holds earlier, or of one word both ways, the end splits off.
    match (ends, starts) {
        (Some(i), j) if j.is_none_or(|j| i <= j) => {
            let word = GLUED_LEGAL_WORDS[i];
            return Some((text[..text.len() - word.len()].to_owned(), word.to_owned()));
        }
        (_, Some(j)) => {
            let word = GLUED_LEGAL_WORDS[j];
            return Some((word.to_owned(), text[word.len()..].to_owned()));
        }
        _ => {}
    }
    // Not in a word romanised from Chinese characters, whose syllables run together
    // (`youxianzerengongsi`).
    if !latin || text.len() < 10 {
        return None;
    }
    let letter = |at: usize| usize::from(text.as_bytes()[at] - b'a');
    let fits = |w: &&String| text.len() >= w.len() + 3;
    for word in tables.long_legal_words_by_last[letter(text.len() - 1)].iter().filter(fits) {
        if let Some(rest) = text.strip_suffix(word.as_str()) {
            return Some((rest.to_owned(), word.clone()));
        }
    }
    for word in tables.long_legal_words_by_first[letter(0)].iter().filter(fits) {
        if let Some(rest) = text.strip_prefix(word.as_str()) {
            return Some((word.clone(), rest.to_owned()));
        }
    }
    None
}

/// Splits legal-form words run into a neighbour (see [`GLUED_LEGAL_WORDS`]), in a name that is
/// not a person's.
fn split_glued_legal_words(raw: &mut Vec<RawToken>, tables: &tables::Tables) {
    let glued = |t: &RawToken| {
        (!t.dotted && t.texts.len() == 1)
            .then(|| glued_legal_word(&t.texts[0], t.original.is_ascii(), tables))
            .flatten()
    };
    if !raw.iter().any(|t| glued(t).is_some()) {
        return;
    }
    let mut out = Vec::with_capacity(raw.len() + 2);
    for t in raw.drain(..) {
        let split = glued(&t);
        match split {
            Some((first, second)) => {
                out.push(RawToken {
                    original: first.clone(),
                    texts: smallvec![first],
                    dictionary_key: None,
                    joined_next: false,
                    family_hint: t.family_hint,
                    dotted: false,
                    article_joined: None,
                });
                out.push(RawToken {
                    original: second.clone(),
                    texts: smallvec![second],
                    dictionary_key: None,
                    joined_next: t.joined_next,
                    family_hint: t.family_hint,
                    dotted: false,
                    article_joined: None,
                });
            }
            None => out.push(t),
        }
    }
    *raw = out;
}

/// Splits the first word of a legal form of several words off the word before it is run into,
/// when its other words follow ("ROSSIICLOSED JOINT STOCK COMPANY", "TRADINGFREE ZONE
/// ESTABLISHMENT"), and its last word off the word after ("LIMITED LIABILITY COMPANYKM GROUP"):
/// the words around make it the legal form, however short the rest (`km`, `dm`). Only words of
/// three letters or more split off, and never off a word of the legal forms itself. Words of
/// the glued list split without them ([`split_glued_legal_words`]).
fn split_legal_words_run_into_a_neighbour(raw: &mut Vec<RawToken>, tables: &tables::Tables) {
    let plain =
        |t: &RawToken| !t.dotted && t.texts.len() == 1 && t.texts[0].bytes().all(|b| b.is_ascii_lowercase());
    // A word of the legal forms itself, or one typo from one, is left whole: COMPANY, which
    // "JOINT STOCK CO" would cut, OTVETSTVENNOSTYU, COMPNY.
    let legal_word = |text: &str| {
        let known = tables::legal_word(text, tables);
        tables.legal_forms.contains_key(text)
            || tables.legal_first_words.contains(text)
            || known.is_some()
            || !tables::correct_legal_word(text, known, false, tables).is_empty()
    };
    let mut key = String::new();
    let mut i = 0;
    while i < raw.len() {
        let mut split = None;
        let rest_follows =
            raw.get(i + 1).is_some_and(|t| tables.legal_rest_first_words.contains(&t.texts[0]));
        let start_precedes = i > 0 && tables.legal_start_last_words.contains(&raw[i - 1].texts[0]);
        if (rest_follows || start_precedes) && plain(&raw[i]) && !legal_word(&raw[i].texts[0]) {
            let text = &raw[i].texts[0];
            for k in (1..tables.max_legal_form_len.min(raw.len() - i)).filter(|_| rest_follows) {
                if let Some(heads) = tables.legal_heads_by_rest.get(join_texts(&raw[i + 1..=i + k], &mut key))
                {
                    let fits =
                        |h: &&String| h.len() >= 3 && text.len() >= h.len() + 2 && text.ends_with(h.as_str());
                    // The longest that fits: `company`, not `comp`, ends LIMITED LIABILITY.
                    if let Some(head) = heads.iter().filter(fits).max_by_key(|h| h.len()) {
                        split = Some(text.len() - head.len());
                        break;
                    }
                }
            }
            for k in (1..tables.max_legal_form_len.min(i + 1)).filter(|_| start_precedes) {
                if split.is_some() {
                    break;
                }
                if let Some(tails) = tables.legal_tails_by_start.get(join_texts(&raw[i - k..i], &mut key)) {
                    let fits = |t: &&String| {
                        t.len() >= 3 && text.len() >= t.len() + 2 && text.starts_with(t.as_str())
                    };
                    if let Some(tail) = tails.iter().filter(fits).max_by_key(|t| t.len()) {
                        split = Some(tail.len());
                    }
                }
            }
        }
        match split {
            Some(at) => {
                let t = raw.remove(i);
                let (first, second) = t.texts[0].split_at(at);
                let piece = |text: &str, joined_next: bool| RawToken {
                    original: text.to_owned(),
                    texts: smallvec![text.to_owned()],
                    dictionary_key: None,
                    joined_next,
                    family_hint: t.family_hint,
                    dotted: false,
                    article_joined: None,
                };
                raw.insert(i, piece(second, t.joined_next));
                raw.insert(i, piece(first, false));
                i += 2;
            }
            None => i += 1,
        }
    }
}

/// Letters of a legal form written spaced, without dots (`s a de c v`, `s de r l de c v`): a run
/// of single letters and `de` whose letters, run together, make a legal form of several words
/// (or of one, at the end of the name: `acme s a`) becomes those words, as if dotted
/// (`sa de cv`).
fn join_spaced_legal_letters(raw: &mut Vec<RawToken>, tables: &tables::Tables) {
    let single =
        |t: &RawToken| !t.dotted && t.texts.len() == 1 && t.texts[0].len() == 1 && t.texts[0].is_ascii();
    let mut i = 0;
    while i < raw.len() {
        if !single(&raw[i]) {
            i += 1;
            continue;
        }
        let mut end = i;
        while end < raw.len() && (single(&raw[end]) || raw[end].texts[0] == "de") {
            end += 1;
        }
        let mut words: Vec<String> = Vec::new();
        let mut gap = true;
        for t in &raw[i..end] {
            if t.texts[0] == "de" {
                words.push("de".to_owned());
                gap = true;
            } else if gap {
                words.push(t.texts[0].clone());
                gap = false;
            } else if let Some(last) = words.last_mut() {
                last.push_str(&t.texts[0]);
            }
        }
        // One word (`s a`) only as the last of a name that has a word of its own before it.
        let last_of_a_name = end == raw.len() && i > 0 && raw[..i].iter().any(|t| t.texts[0].len() >= 3);
        // The letters of a form of two words run together (`p t e l t d`: PTE LTD) are those
        // two words.
        if words.len() == 1 && last_of_a_name && !tables.legal_forms.contains_key(&words[0]) {
            let letters = words[0].clone();
            let split = (2..letters.len().saturating_sub(1))
                .find(|&k| tables.legal_forms.contains_key(&format!("{} {}", &letters[..k], &letters[k..])));
            if let Some(k) = split {
                words = vec![letters[..k].to_owned(), letters[k..].to_owned()];
            }
        }
        let whole = words.len() >= 2 || (last_of_a_name && words[0].len() >= 2);
        // A form whose words are single letters (`e k`) is found as written.
        let as_written = raw[i..end].iter().map(|t| t.texts[0].as_str()).collect::<Vec<_>>().join(" ");
        if whole
            && !tables.legal_forms.contains_key(&as_written)
            && tables.legal_forms.contains_key(&words.join(" "))
        {
            let merged: Vec<RawToken> = words
                .into_iter()
                .map(|w| RawToken {
                    original: w.clone(),
                    texts: smallvec![w],
                    dictionary_key: None,
                    joined_next: false,
                    family_hint: false,
                    dotted: true,
                    article_joined: None,
                })
                .collect();
            let len = merged.len();
            raw.splice(i..end, merged);
            i += len;
        } else {
            i = end.max(i + 1);
        }
    }
}

/// Whether a name of unknown kind reads as an organisation's: a common organisation word
/// (that is not also a title), a compound ending in `bank` (Sberbank, Vneshtorgbank), or `of`,
/// `and`, `for` between two words (SBERBANK OF RUSSIA).
fn looks_like_organisation(raw: &[RawToken], tables: &tables::Tables) -> bool {
    let n = raw.len();
    raw.iter().enumerate().any(|(i, t)| {
        let text = t.texts[0].as_str();
        (tables.may_list(text) && tables.org_common.contains_key(text) && !tables.titles.contains_key(text))
            || (text.len() > 6 && text.ends_with("bank"))
            || (i > 0 && i + 1 < n && matches!(text, "of" | "and" | "for"))
    })
}

/// Whether the words after a comma are a legal form (`ACME, Inc.`, `ALMAZ, S.A.`, with a typo
/// `JETEE CO., LIMIZED`) rather than given names (`AL-FAQIH, Sa'd`): a short one-word form
/// counts only if it is one that is written after a comma.
fn is_legal_form_run(tokens: &[RawToken], tables: &tables::Tables) -> bool {
    const COMMA_FORMS_WORDS: &[&str] = &[
        "inc", "ltd", "llc", "co", "sa", "ag", "plc", "bv", "nv", "ab", "as", "oy", "srl", "spa", "sas",
        "jsc", "ooo", "ao", "pao", "oao", "zao", "lp", "llp", "pte", "pty", "bhd", "kft", "sro", "gmbh",
        "fze", "tov",
    ];
    const COMMA_FORMS: [u32; COMMA_FORMS_WORDS.len()] = packed_words(COMMA_FORMS_WORDS);
    if tokens.len() > tables.max_legal_form_len {
        return false;
    }
    let corrected = legal_word_corrections(tokens, tables);
    let mut key = String::with_capacity(64);
    find_reading(tokens, &corrected, &mut key, |key, typo| {
        let single = tokens.len() == 1;
        let typo_ok = !single || matches!(key, "limited" | "incorporated" | "limitada");
        let form_ok = !single || key.len() > 3 || in_short_list(&COMMA_FORMS, key);
        (tables.legal_forms.contains_key(key) && form_ok && (!typo || typo_ok)).then_some(())
    })
    .is_some()
}

/// For each word, the legal-form words it may be a typo of (`JOINT STOCLK COMPANY`,
/// `LIMTIED`), or the long form of an abbreviation (`CO` → `company`); read so only where that
/// completes a legal form. Two typos in one long word are read only next to an exact
/// legal-form word (`LIMITED LIBAIITY COMPANY`).
fn legal_word_corrections(raw: &[RawToken], tables: &tables::Tables) -> PerToken<Vec<&'static str>> {
    let n = raw.len();
    let known: PerToken<Option<&tables::LegalWord>> =
        raw.iter().map(|t| tables::legal_word(&t.texts[0], tables)).collect();
    raw.iter()
        .enumerate()
        .map(|(i, t)| {
            let text = t.texts[0].as_str();
            let exact_nearby = |j: usize| known[j].is_some() && !tables.titles.contains_key(&raw[j].texts[0]);
            let anchored = (i.saturating_sub(2)..(i + 3).min(n)).any(exact_nearby);
            let mut fixes = tables::correct_legal_word(text, known[i], anchored, tables);
            if fixes.is_empty() && text.len() <= 4 {
                fixes.extend(tables::abbreviation_pair(text));
            }
            fixes
        })
        .collect()
}

/// Readings of `words` tried in turn: as written, then with one word corrected, then with two
/// (`fixes[k]`: what word `k` may stand for); the first that `accept` takes, with whether a
/// word was corrected. A legal form with more typos than that is not read as one (its words
/// are compared as words), and at most 64 readings are tried whatever the input.
fn find_reading<T>(
    words: &[RawToken],
    fixes: &[Vec<&str>],
    key: &mut String,
    mut accept: impl FnMut(&str, bool) -> Option<T>,
) -> Option<T> {
    if let Some(found) = accept(join_texts(words, key), false) {
        return Some(found);
    }
    let fixable: Vec<usize> = (0..words.len()).filter(|&k| !fixes[k].is_empty()).collect();
    if fixable.is_empty() {
        return None;
    }
    let mut budget = 64usize;
    // (word, correction) pairs to apply: the second is ignored when it names no word.
    let mut try_reading = |first: (usize, &str), second: Option<(usize, &str)>| {
        key.clear();
        for (j, w) in words.iter().enumerate() {
            if j > 0 {
                key.push(' ');
            }
            let text = match second {
                _ if j == first.0 => first.1,
                Some((k, c)) if j == k => c,
                _ => &w.texts[0],
            };
            key.push_str(text);
        }
        accept(key, true)
    };
    for &k in &fixable {
        for &c in &fixes[k] {
            if budget == 0 {
                return None;
            }
            budget -= 1;
            if let Some(found) = try_reading((k, c), None) {
                return Some(found);
            }
        }
    }
    for (i, &k1) in fixable.iter().enumerate() {
        for &k2 in &fixable[i + 1..] {
            for &c1 in &fixes[k1] {
                for &c2 in &fixes[k2] {
                    if budget == 0 {
                        return None;
                    }
                    budget -= 1;
                    if let Some(found) = try_reading((k1, c1), Some((k2, c2))) {
                        return Some(found);
                    }
                }
            }
        }
    }
    None
}

/// Short one-word legal forms (`AO`, `SA`, `AS`) are also ordinary words: they count only at
/// either end of a longer name, and never for the commonest little words.
/// A dotted abbreviation (`S.A.`) in an organisation's name is not an ordinary word: it counts
/// anywhere.
fn short_legal_form_allowed(key: &str, position: usize, len: usize, dotted: bool) -> bool {
    // The unmistakable ones count anywhere ("INTERNATIONAL COMPANY OOO LEDAMEN").
    const ANYWHERE_WORDS: &[&str] =
        &["llc", "ltd", "ooo", "oao", "zao", "pao", "jsc", "pjsc", "ojsc", "cjsc", "gmbh", "fze"];
    const ANYWHERE: [u32; ANYWHERE_WORDS.len()] = packed_words(ANYWHERE_WORDS);
    if key.len() > 3 || (len >= 2 && in_short_list(&ANYWHERE, key)) {
        return true;
    }
    const NEVER_WORDS: &[&str] = &[
        "in", "is", "at", "na", "et", "da", "im", "ii", "yu", "on", "go", "ro", "ei", "od", "e", "i", "se",
        "pa", "no", "vo", "do", "ed", "pr", "ll", "lc", "an", "al", "bo", "ca", "ek", "ik", "ip", "kb", "ku",
        "ky", "ry", "rs", "rt", "sd", "sf", "pe", "ps", "ot", "ay", "ae", "ep", "eg", "ev", "hf", "ug",
        "ben", "bin", "as", "el", "la", "le", "de", "van", "von", "abu", "ali", "umm", "ibn", "mo", "ma",
        "oo", "sad", "sia",
    ];
    const NEVER: [u32; NEVER_WORDS.len()] = packed_words(NEVER_WORDS);
    // SAL is a name's word too (Sal, TAEK SAL): written without dots, it is the Lebanese
    // société anonyme only closing a name of three words or more (BEIRUT DIAM SAL).
    if key == "sal" && !dotted && (len < 3 || position + 1 != len) {
        return false;
    }
    len >= 2 && (dotted || position == 0 || position + 1 == len) && !in_short_list(&NEVER, key)
}

/// A word of four bytes or less as an integer (zero-padded: words hold no zero byte).
const fn packed_word(word: &str) -> u32 {
    let bytes = word.as_bytes();
    let mut packed = 0u32;
    let mut i = 0;
    while i < bytes.len() && i < 4 {
        packed |= (bytes[i] as u32) << (8 * i);
        i += 1;
    }
    packed
}

/// [`packed_word`] of each of the words (four bytes or less).
const fn packed_words<const N: usize>(words: &[&str]) -> [u32; N] {
    let mut packed = [0u32; N];
    let mut i = 0;
    while i < N {
        assert!(words[i].len() <= 4, "short-word lists hold words of four bytes or less");
        packed[i] = packed_word(words[i]);
        i += 1;
    }
    packed
}

/// Whether `word` is in `list` (see [`packed_words`]): the short-word lists are searched for
/// every short token, and integers compare faster than strings.
fn in_short_list(list: &[u32], word: &str) -> bool {
    word.len() <= 4 && list.contains(&packed_word(word))
}

/// Titles that are given names too (Prince Johnson, Duke Ellington, King Wenceslas).
const GIVEN_NAME_TITLES: [&str; 6] = ["prince", "princess", "duke", "earl", "king", "baron"];

/// The titles at the start of `tokens`, longest match first, repeatedly: how many tokens they
/// take, and each title as written. None when stripping them would leave no distinctive word
/// ("LADY D", a vessel: the title is all there is to find it by), and never every token.
fn leading_titles(tokens: &[RawToken], tables: &tables::Tables) -> (usize, Vec<String>) {
    let mut key = String::new();
    let (mut start, mut found_titles) = (0, Vec::new());
    let mut last_len = 0;
    loop {
        let left = tokens.len() - start;
        let mut found = 0;
        // A syllable written in Chinese characters or Hangul is a syllable of the name, whatever
        // its romanisation spells: 赫 reads `he`, the abbreviation of His Excellency, and
        // "赫丹" met DAN at 0.95, its family name weighing as a title.
        let cjk_syllable =
            tokens.get(start).is_some_and(RawToken::cjk_syllable) || pinyin_family_name(tokens, start);
        let longest = if cjk_syllable { 0 } else { tables.max_title_len.min(left.saturating_sub(1)) };
        for len in (1..=longest).rev() {
            if tables.titles.contains_key(join_texts(&tokens[start..start + len], &mut key)) {
                found = len;
                break;
            }
        }
        // A word of another script is a title in any of its readings: `حاجى` reads `haja` in
        // Arabic (a final ى is alif maqsura) and `haji` as Persian and Afghan hands write it.
        let other_reading = |t: &RawToken| {
            !t.original.is_ascii()
                && t.texts[1..].iter().any(|text| tables.titles.contains_key(text.as_str()))
        };
        // A Latin word respelt as Arabic and Persian titles are (Moullah, Mulah for Mullah).
        let respelt = |t: &RawToken| {
            t.original.is_ascii()
                && arabic_respelling(&t.texts[0]).is_some_and(|r| tables.respelled_titles.contains(&r))
        };
        if found == 0
            && !cjk_syllable
            && left > 1
            && (other_reading(&tokens[start]) || respelt(&tokens[start]))
        {
            found = 1;
        }
        if found == 0 {
            break;
        }
        found_titles.push(written(&tokens[start..start + found]));
        start += found;
        last_len = found;
    }
    // A title that is also a given name is the given name when one word would be left:
    // "JOHNSON, Prince" is Prince Johnson; read as JOHNSON alone, any Johnson met it at 0.80
    // ("Tom Johnson").
    if tokens.len() - start == 1
        && last_len == 1
        && GIVEN_NAME_TITLES.contains(&tokens[start - 1].texts[0].as_str())
    {
        start -= 1;
        found_titles.pop();
    }
    if !has_distinctive_word(&tokens[start..], tables) {
        return (0, Vec::new());
    }
    (start, found_titles)
}

/// Whether the word at `at` is the Chinese family name He (何, 贺) before a given name in
/// pinyin, not the abbreviation of His Excellency, which is written H.E.: "He Jun" met CHON at
/// 0.83, He weighing as a title.
fn pinyin_family_name(tokens: &[RawToken], at: usize) -> bool {
    let (Some(word), Some(next)) = (tokens.get(at), tokens.get(at + 1)) else { return false };
    !word.dotted && word.texts[0] == "he" && is_pinyin_syllable(&next.texts[0])
}

/// The titles read as titles after a name too: the honorifics of Muslim names and the
/// religious titles that lists of Afghan, Pakistani, Somali and Russian names write before a
/// name and records as often after it ("Mohammad Ghul Haji", "KIRILL PATRIARCH"). Not the
/// other titles of the table: after a name they are as often a family name (John Major, Daria
/// Donà, Jairaj Doctor: "Donà" and "Doctor" weighing as titles let the given name alone alert).
const TRAILING_TITLES: [&str; 20] = [
    "sheikh",
    "shaikh",
    "shaykh",
    "sheik",
    "haji",
    "hajji",
    "hajj",
    "alhaj",
    "alhajj",
    "qari",
    "hafiz",
    "mullah",
    "mulla",
    "maulana",
    "mawlana",
    "maulvi",
    "mawlawi",
    "moulvi",
    "patriarch",
    "metropolitan",
];

/// How many of the last tokens are titles (one word each: "Qari Alhaj") of the table and of
/// [`TRAILING_TITLES`], leaving a distinctive word before them; not one after an article
/// (EL-SHEIKH, AL-HAJJ: family names).
fn trailing_titles(tokens: &[RawToken], tables: &tables::Tables) -> usize {
    let mut end = tokens.len();
    let capitals = capitals_mark_family(tokens);
    while end > 1 {
        let text = tokens[end - 1].texts[0].as_str();
        // A family name is no title ("HAJI, Ali" read HAJI as one and found nothing for "HAJI,
        // Ali Ahmed", nor "Mohammad HAFIZ" for "Muhammad HAFIZ"), nor a Chinese syllable.
        if written_as_family_name(&tokens[end - 1], capitals) || tokens[end - 1].cjk_syllable() {
            break;
        }
        let after_article = tables::is_attached_article(&tokens[end - 2].texts[0])
            || tables.particles.contains_key(tokens[end - 2].texts[0].as_str());
        if after_article || !TRAILING_TITLES.contains(&text) || !tables.titles.contains_key(text) {
            break;
        }
        end -= 1;
    }
    if end < tokens.len() && has_distinctive_word(&tokens[..end], tables) {
        tokens.len() - end
    } else {
        0
    }
}

/// Whether a name's family name is known by its capitals: lists write it in capitals among
/// given names in small letters (Viktor YANUKOVYCH), so a name with a small letter somewhere.
fn capitals_mark_family(tokens: &[RawToken]) -> bool {
    tokens.iter().any(|t| t.original.chars().any(char::is_lowercase))
}

/// Whether a word is written as a family name: before the comma of `LAST, First`, or in
/// capitals (two letters or more, no small one) where `capitals` mark the family name.
fn written_as_family_name(t: &RawToken, capitals: bool) -> bool {
    let in_capitals = || {
        t.original.chars().filter(|c| c.is_alphabetic()).nth(1).is_some()
            && !t.original.chars().any(char::is_lowercase)
    };
    t.family_hint || (capitals && in_capitals())
}

/// The tokens as written, space-separated.
fn written(tokens: &[RawToken]) -> String {
    tokens.iter().map(|t| t.original.as_str()).collect::<Vec<_>>().join(" ")
}

/// Whether `tokens` hold a word that can tell a name apart: two letters or more, not a number
/// and not a particle.
fn has_distinctive_word(tokens: &[RawToken], tables: &tables::Tables) -> bool {
    tokens.iter().any(|t| {
        let text = t.texts[0].as_str();
        text.chars().nth(1).is_some()
            && number_value(text).is_none()
            && !(tables.may_list(text) && tables.particles.contains_key(text))
    })
}

/// Removes titles from the start of `tokens` (see [`leading_titles`]) and, with `also_end`,
/// from the end; at least one token, and one distinctive word if there was one, always remain.
fn strip_titles(
    tokens: &mut Vec<RawToken>,
    titles: &mut Vec<String>,
    tables: &tables::Tables,
    also_end: bool,
) {
    // Titles found at the front are counted first and removed at once (one shift, however
    // many titles a hostile input stacks up).
    let (start, found) = leading_titles(tokens, tables);
    titles.extend(found);
    tokens.drain(..start);
    // At the end only titles of two words or more ("SOLEIMANI, Qasem Major General"): a single
    // word there is as often a name (Khalid Shaikh MOHAMMED).
    let mut key = String::new();
    while also_end && !tokens.is_empty() {
        let n = tokens.len();
        let mut found = 0;
        for len in (2..=tables.max_title_len.min(n.saturating_sub(1))).rev() {
            if tables.titles.contains_key(join_texts(&tokens[n - len..], &mut key)) {
                found = len;
                break;
            }
        }
        if found == 0 || !has_distinctive_word(&tokens[..n - found], tables) {
            break;
        }
        titles.push(written(&tokens[n - found..]));
        tokens.truncate(n - found);
    }
}

/// The name suffixes at the end of `tokens` ([`tables::Tables::name_suffixes`]: Jr., PhD,
/// and with `numerals` III), longest match first, repeatedly: how many tokens they take, and
/// each as written. None when stripping them would leave no distinctive word.
fn trailing_suffixes(tokens: &[RawToken], tables: &tables::Tables, numerals: bool) -> (usize, Vec<String>) {
    let mut key = String::new();
    let (mut end, mut found_suffixes) = (tokens.len(), Vec::new());
    loop {
        let mut found = 0;
        for len in (1..=tables.max_suffix_len.min(end.saturating_sub(1))).rev() {
            let suffix = tables.name_suffixes.get(join_texts(&tokens[end - len..end], &mut key));
            if suffix.is_some_and(|&numeral| numerals || !numeral) {
                found = len;
                break;
            }
        }
        if found == 0 || !has_distinctive_word(&tokens[..end - found], tables) {
            break;
        }
        found_suffixes.push(written(&tokens[end - found..end]));
        end -= found;
    }
    found_suffixes.reverse();
    (tokens.len() - end, found_suffixes)
}

/// Removes the name suffixes at the end of a person's name `tokens` (see
/// [`trailing_suffixes`]), keeping them in `titles`.
fn strip_suffixes(tokens: &mut Vec<RawToken>, titles: &mut Vec<String>, tables: &tables::Tables) {
    let (count, found) = trailing_suffixes(tokens, tables, true);
    tokens.truncate(tokens.len() - count);
    titles.extend(found);
}

/// The comparison texts of `tokens` joined by spaces, in `key` (a buffer reused between the
/// look-ups of a name's windows).
fn join_texts<'k>(tokens: &[RawToken], key: &'k mut String) -> &'k str {
    key.clear();
    for (i, t) in tokens.iter().enumerate() {
        if i > 0 {
            key.push(' ');
        }
        key.push_str(&t.texts[0]);
    }
    key
}

/// The digits of a number or an ordinal (`924th`, `2nd`, `3e`, `1er`), if the text is one,
/// without leading zeros: ZVEZDA 046 is ZVEZDA 46 (and ZVEZDA FORTY-SIX).
fn number_value(text: &str) -> Option<&str> {
    let digits_end = text.find(|c: char| !c.is_ascii_digit()).unwrap_or(text.len());
    if digits_end == 0 {
        return None;
    }
    let (digits, suffix) = text.split_at(digits_end);
    let significant = digits.trim_start_matches('0');
    let value = if significant.is_empty() { &digits[digits.len() - 1..] } else { significant };
    matches!(
        suffix,
        "" | "st" | "nd" | "rd" | "th" | "e" | "er" | "eme" | "ieme" | "o" | "a" | "y" | "iy" | "ya"
    )
    .then_some(value)
}

/// The digits of an English number word or ordinal ("first", "twelve", "fortieth"), from
/// `one`/`first` to `twenty`/`twentieth` and the tens to `hundred`: read so in the names of
/// organisations, vessels and aircraft ("FIRST BATTALION" is the 1st), not in persons' (TEN is
/// a family name).
fn number_word(text: &str) -> Option<&'static str> {
    // A match on the text: its length, then a few comparisons (most words are none).
    Some(match text {
        "one" | "first" => "1",
        "two" | "second" => "2",
        "three" | "third" => "3",
        "four" | "fourth" => "4",
        "five" | "fifth" => "5",
        "six" | "sixth" => "6",
        "seven" | "seventh" => "7",
        "eight" | "eighth" => "8",
        "nine" | "ninth" => "9",
        "ten" | "tenth" => "10",
        "eleven" | "eleventh" => "11",
        "twelve" | "twelfth" => "12",
        "thirteen" | "thirteenth" => "13",
        "fourteen" | "fourteenth" => "14",
        "fifteen" | "fifteenth" => "15",
        "sixteen" | "sixteenth" => "16",
        "seventeen" | "seventeenth" => "17",
        "eighteen" | "eighteenth" => "18",
        "nineteen" | "nineteenth" => "19",
        "twenty" | "twentieth" => "20",
        "thirty" | "thirtieth" => "30",
        "forty" | "fortieth" => "40",
        "fifty" | "fiftieth" => "50",
        "sixty" | "sixtieth" => "60",
        "seventy" | "seventieth" => "70",
        "eighty" | "eightieth" => "80",
        "ninety" | "ninetieth" => "90",
        "hundred" | "hundredth" => "100",
        _ => return None,
    })
}

/// [`number_word`], and the compounds of a tens word and a unit word written as one
/// (`fortyfour`, `twentyfirst`: [`merge_number_words`] joins `forty-four`).
fn number_word_value(text: &str) -> Option<String> {
    if let Some(v) = number_word(text) {
        return Some(v.to_owned());
    }
    // Compounds start with the tens (`twenty`..`ninety`): t, f, s, e, n.
    if text.len() < 8 || !matches!(text.as_bytes()[0], b't' | b'f' | b's' | b'e' | b'n') {
        return None;
    }
    const TENS: [(&str, u32); 8] = [
        ("twenty", 20),
        ("thirty", 30),
        ("forty", 40),
        ("fifty", 50),
        ("sixty", 60),
        ("seventy", 70),
        ("eighty", 80),
        ("ninety", 90),
    ];
    let (tens, rest) = TENS.iter().find_map(|(w, v)| text.strip_prefix(w).map(|rest| (*v, rest)))?;
    let unit: u32 = number_word(rest)?.parse().ok().filter(|u| (1..=9).contains(u))?;
    Some((tens + unit).to_string())
}

/// Joins a tens word and the unit word after it (`FORTY-FOUR`, `twenty one`, `Twenty-First`)
/// into one word, read as one number.
fn merge_number_words(raw: &mut Vec<RawToken>, legal: &mut LegalByToken) {
    let is_tens = |t: &RawToken| {
        matches!(
            t.texts[0].as_str(),
            "twenty" | "thirty" | "forty" | "fifty" | "sixty" | "seventy" | "eighty" | "ninety"
        )
    };
    let is_unit = |t: &RawToken| {
        number_word(&t.texts[0]).and_then(|v| v.parse::<u32>().ok()).is_some_and(|v| (1..=9).contains(&v))
    };
    if !(0..raw.len().saturating_sub(1)).any(|i| is_tens(&raw[i]) && is_unit(&raw[i + 1])) {
        return;
    }
    let mut i = 0;
    while i + 1 < raw.len() {
        if is_tens(&raw[i]) && is_unit(&raw[i + 1]) && legal[i].is_none() && legal[i + 1].is_none() {
            let unit = raw.remove(i + 1);
            legal.remove(i + 1);
            let t = &mut raw[i];
            t.original = format!("{}-{}", t.original, unit.original);
            t.texts = smallvec![format!("{}{}", t.texts[0], unit.texts[0])];
            t.joined_next = unit.joined_next;
        }
        i += 1;
    }
}

/// The tokens of a name that weigh less than its words (see [`assign_roles`]).
struct WeakTokens {
    /// The first tokens: a vessel prefix, or titles kept in a name of unknown kind.
    prefix_len: usize,
    /// The last tokens: name suffixes kept in a name of unknown kind.
    suffix_len: usize,
    /// A roman numeral ending a name of unknown kind, before its suffixes.
    numeral_at: Option<usize>,
}

/// What a roman numeral ending a name of unknown kind weighs (see [`WeakTokens::numeral_at`]).
const NUMERAL_SUFFIX_WEIGHT: f32 = 0.4;

/// Gives each token its role and weight, and its variants. The [`WeakTokens`] of a prefix
/// and suffixes weigh like a particle, a roman numeral after the name
/// [`NUMERAL_SUFFIX_WEIGHT`].
fn assign_roles(
    raw: Vec<RawToken>,
    legal: &[Option<&(String, String)>],
    WeakTokens { prefix_len: weak_prefix_len, suffix_len: weak_suffix_len, numeral_at }: WeakTokens,
    kind: Option<EntityKind>,
    person: bool,
    org_mode: bool,
    tables: &tables::Tables,
) -> Vec<Token> {
    let n = raw.len();
    let mut roles: PerToken<TokenRole> = SmallVec::with_capacity(n);
    let mut weights: PerToken<f32> = SmallVec::with_capacity(n);
    // Countries named in two words ("RUSSIAN FEDERATION", "SAUDI ARABIA", "NORTH KOREA").
    let mut country_phrase: PerToken<bool> = smallvec![false; n];
    if org_mode && n > 2 {
        let mut key = String::new();
        for i in 0..n - 1 {
            let (a, b) = (raw[i].texts[0].as_str(), raw[i + 1].texts[0].as_str());
            if a.len() >= 3 && b.len() >= 3 && number_value(a).is_none() && number_value(b).is_none() {
                key.clear();
                key.push_str(a);
                key.push(' ');
                key.push_str(b);
                if resolves_to_country(&key) {
                    country_phrase[i] = true;
                    country_phrase[i + 1] = true;
                }
            }
        }
    }
    // A name written family name first, with a comma: the family name's words are hinted.
    let hinted = raw.iter().any(|t| t.family_hint);
    let capitals = capitals_mark_family(&raw);
    for (i, t) in raw.iter().enumerate() {
        let text = t.texts[0].as_str();
        let single_latin_letter = text.len() == 1 && text.as_bytes()[0].is_ascii_alphabetic();
        // A letter before a number, run into it, hyphened or apart (A7, B-52, S 7), is part of
        // a code, and weighs as its number does: as an initial, "Seven Ltd." met A7 LIMITED
        // LIABILITY COMPANY at 0.96. Not before one digit that looks like a letter: "C0" and
        // "A6" are as often CO and AG misread.
        let letter_of_code = single_latin_letter
            && raw.get(i + 1).is_some_and(|next| {
                let digits = next.texts[0].as_str();
                number_value(digits).is_some()
                    && !(digits.len() == 1 && digits.chars().next().and_then(digit_lookalikes).is_some())
            });
        let (role, weight) = if legal.get(i).is_some_and(Option::is_some) {
            (TokenRole::LegalForm, 0.25)
        } else if i < weak_prefix_len || i + weak_suffix_len >= n {
            (TokenRole::Particle, 0.15)
        } else if numeral_at == Some(i) {
            (TokenRole::Number, NUMERAL_SUFFIX_WEIGHT)
        } else if number_value(text).is_some() || (org_mode && number_word_value(text).is_some()) {
            (TokenRole::Number, 1.0)
        } else if t.original.chars().next().is_some_and(cjk::is_hangul) {
            // A Korean syllable is a syllable of the name whatever its romanisation looks like
            // (우 `u`, 오 `o`, 안 `an`): never an initial or a particle ("안영호" met "O, Yong
            // Ho" at 0.92, its family name weighing as a particle).
            (if org_mode { TokenRole::Core } else { TokenRole::Name }, 1.0)
        } else if letter_of_code {
            (TokenRole::Number, 1.0)
        } else if single_latin_letter {
            (TokenRole::Initial, 0.3)
        } else if org_mode {
            let listed = tables.may_list(text);
            if listed && tables.org_stopwords.contains_key(text) && n > 1 {
                (TokenRole::OrgCommon, 0.1)
            } else if let Some(w) = particle_weight(
                t,
                raw.get(i + 1),
                i > 0 && raw[i - 1].joined_next,
                hinted && !t.family_hint,
                i,
                n,
                tables,
            ) {
                (TokenRole::Particle, w)
            } else if listed && tables.org_common.contains_key(text) {
                (TokenRole::OrgCommon, 0.35)
            } else if n > 1 && (country_phrase[i] || (text.len() >= 4 && resolves_to_country(text))) {
                // A country in an organisation's name (BANK MELLI IRAN, SBERBANK OF RUSSIA) is
                // often left out and tells little apart.
                (TokenRole::OrgCommon, 0.35)
            } else {
                (TokenRole::Core, 1.0)
            }
        } else if let Some(w) = particle_weight(
            t,
            raw.get(i + 1),
            i > 0 && raw[i - 1].joined_next,
            hinted && !t.family_hint,
            i,
            n,
            tables,
        ) {
            (TokenRole::Particle, w)
        } else if kind != Some(EntityKind::Vessel)
            && tables::patronymic_ending(text)
            && n > 1
            && !written_as_family_name(t, capitals)
            && !(i + 1 == n && i > 0 && tables::patronymic_ending(&raw[i - 1].texts[0]))
        {
            // Not a word written before the comma of `LAST, First`, nor the word in capitals of
            // a name otherwise in small letters (Viktor YANUKOVYCH), nor the last word after a
            // patronymic (Viktorovyč Janukowytsch): that is the family name, however it ends
            // (VOLFOVICH, ABRAMOVICH, YANUKOVYCH). As a patronymic it was no search key, and
            // "VOLFOVICH, Alek" found nothing.
            (TokenRole::Patronymic, 0.6)
        } else {
            (TokenRole::Name, 1.0)
        };
        roles.push(role);
        weights.push(weight);
    }

    // A legal form weighs a quarter of a distinctive word; in a name of common words only
    // (HIZBULLAH OJSC, INTERNATIONAL TRADING LLC) a quarter of a common word, or it would
    // outweigh what identifies the name (and a list that leaves it out would lose the match).
    if org_mode && !roles.iter().any(|r| matches!(r, TokenRole::Core | TokenRole::Number)) {
        for (role, weight) in roles.iter().zip(weights.iter_mut()) {
            if *role == TokenRole::LegalForm {
                *weight *= 0.35;
            }
        }
    }

    if !org_mode {
        let nameish: Vec<usize> = (0..n).filter(|i| roles[*i] == TokenRole::Name).collect();
        let hinted = raw.iter().any(|t| t.family_hint);
        if hinted {
            for &i in &nameish {
                roles[i] = if raw[i].family_hint { TokenRole::Family } else { TokenRole::Given };
            }
        } else if person && nameish.len() >= 2 {
            // Russian order "IVANOV Sergey Petrovich": family name first when the patronymic
            // closes the name; otherwise the last name word is the family name.
            let patronymic_last = roles.last() == Some(&TokenRole::Patronymic);
            let family =
                if patronymic_last && nameish.len() >= 2 { nameish[0] } else { nameish[nameish.len() - 1] };
            for &i in &nameish {
                roles[i] = if i == family { TokenRole::Family } else { TokenRole::Given };
            }
        }
        for i in 0..n {
            match roles[i] {
                TokenRole::Family => weights[i] = 1.1,
                TokenRole::Given => weights[i] = 0.9,
                _ => {}
            }
        }
    }

    // A Slavic name's words also get the key on which their romanisations meet.
    let slavic = !org_mode
        && slavic::slavic_name(raw.iter().map(|t| {
            let cyrillic = !t.original.is_ascii() && dominant_script(&t.original) == Script::Cyrillic;
            // The last romanisation: the English digraphs of an ISO 9 word (`-vič` → `-vich`).
            (t.texts[t.texts.len() - 1].as_str(), cyrillic)
        }));
    let german_slavic = slavic
        && slavic::german_spelling(raw.iter().filter(|t| t.original.is_ascii()).map(|t| t.texts[0].as_str()));

    // A digit run into a word of letters where a letter it looks like belongs ("SHARAF1",
    // "BANC0", "KAMA2": a scan or a clerk's slip) is read both ways: the word gets the letter as a
    // variant, and the digit weighs like a particle (a number still disagrees with another).
    let mut ocr_letters: PerToken<&'static [char]> = smallvec![&[][..]; n];
    for i in 0..n.saturating_sub(1) {
        let (word, next) = (&raw[i].texts[0], &raw[i + 1].texts[0]);
        if raw[i].joined_next
            && roles[i + 1] == TokenRole::Number
            && word.len() >= 3
            && word.bytes().all(|b| b.is_ascii_lowercase())
        {
            if let Some(letters) = next.chars().next().filter(|_| next.len() == 1).and_then(digit_lookalikes)
            {
                ocr_letters[i] = letters;
                weights[i + 1] = 0.15;
            }
        }
    }

    // "CO" run into the word before "LTD" ("XIANGHE TRADECO., LTD." for XIANGHE TRADE CO.,
    // LTD.: a clerk's or a scan's slip, and the way a run-together legal form reads): the word
    // also reads without it. A variant rather than a split: TOBACCO LIMITED keeps its word.
    let mut co_run_in: PerToken<Option<String>> = smallvec![None; n];
    if org_mode {
        let starts_with = |word: &str, start: &str| {
            word.get(..start.len()).is_some_and(|head| head.eq_ignore_ascii_case(start))
        };
        for i in 0..n.saturating_sub(1) {
            let (word, next) = (&raw[i].texts[0], &raw[i + 1].original);
            if word.ends_with("co")
                && word.len() >= CO_RUN_IN_MIN_LETTERS
                && roles[i + 1] == TokenRole::LegalForm
                && (starts_with(next, "ltd") || starts_with(next, "limited"))
                && word.bytes().all(|b| b.is_ascii_lowercase())
            {
                co_run_in[i] = Some(word[..word.len() - 2].to_owned());
            }
        }
    }

    // The last of several name words of unknown role (a family name, in `First LAST` order).
    let last_name = roles
        .iter()
        .rposition(|r| *r == TokenRole::Name)
        .filter(|_| roles.iter().filter(|r| **r == TokenRole::Name).count() >= 2);

    raw.into_iter()
        .enumerate()
        .map(|(i, t)| {
            let role = roles[i];
            let mut weight = weights[i];
            let mut texts = t.texts.into_iter();
            let text = texts.next().unwrap_or_default();
            let text = if role == TokenRole::Number {
                number_value(&text).map(str::to_owned).or_else(|| number_word_value(&text)).unwrap_or(text)
            } else {
                text
            };
            let mut variants: Vec<String> = Vec::new();
            let add = |v: String, variants: &mut Vec<String>| {
                if v != text && !v.is_empty() && !variants.contains(&v) {
                    variants.push(v);
                }
            };
            match role {
                TokenRole::LegalForm => {
                    if let Some((_, specific)) = legal[i].filter(|(_, specific)| *specific != text) {
                        add(specific.clone(), &mut variants);
                    }
                }
                TokenRole::Number => {}
                _ => {
                    let alternatives: Vec<String> = texts.collect();
                    // Dictionary spellings of an Arabic-script word, `|`-separated.
                    for spelling in t.dictionary_key.into_iter().flat_map(|k| k.split('|')) {
                        if let Some(c) = canonical_spelling(spelling) {
                            add(c, &mut variants);
                        }
                        add(spelling.to_owned(), &mut variants);
                    }
                    if let Some(c) = canonical_spelling(&text) {
                        add(c, &mut variants);
                    }
                    if let Some(stem) = co_run_in[i].take() {
                        add(stem, &mut variants);
                    }
                    for alt in alternatives {
                        if let Some(c) = canonical_spelling(&alt) {
                            add(c, &mut variants);
                        }
                        add(alt, &mut variants);
                    }
                    for letter in ocr_letters[i] {
                        add(format!("{text}{letter}"), &mut variants);
                    }
                    let listed = tables.may_list(&text);
                    if let Some(symbol) = listed.then(|| tables.person_symbols.get(&text)).flatten() {
                        add(symbol.clone(), &mut variants);
                    }
                    // A number word in a name that is no organisation's (`AMBER SIX`, a
                    // person's alias `TANGO TWO`, the family name `TEN`) meets the number
                    // written in digits: a query of no kind writes "TANGO 2".
                    if !org_mode {
                        if let Some(digits) = number_word_value(&text) {
                            add(digits, &mut variants);
                        }
                    }
                    // A pet form stands for its formal names (Bob for Robert): they meet through
                    // the formal name and its canonical spelling.
                    // Given names only: one known to be given, or a name word before the last
                    // (JON ends a Korean name as its family name).
                    let pet = !org_mode
                        && (role == TokenRole::Given || (role == TokenRole::Name && Some(i) != last_name));
                    let formals: Option<&[&str]> = if text == "al" {
                        // Not a particle here (see `particle_weight`): a given name.
                        pet.then_some(&AL_FORMALS[..])
                    } else {
                        (pet && listed).then(|| tables.nicknames.get(text.as_str())).flatten().map(|f| &f[..])
                    };
                    if let Some(formals) = formals {
                        for formal in formals {
                            if let Some(c) = canonical_spelling(formal) {
                                add(c, &mut variants);
                            }
                            add((*formal).to_owned(), &mut variants);
                        }
                    }
                    if role == TokenRole::OrgCommon {
                        if let Some(symbol) = listed.then(|| tables.org_common.get(&text)).flatten() {
                            add(symbol.clone(), &mut variants);
                        }
                        if let Some(other) = tables::abbreviation_pair(&text) {
                            add(other.to_owned(), &mut variants);
                        }
                    }
                    if slavic
                        && matches!(
                            role,
                            TokenRole::Name | TokenRole::Given | TokenRole::Family | TokenRole::Patronymic
                        )
                    {
                        let german = german_slavic && t.original.is_ascii();
                        let keys: SmallVec<[String; 2]> = std::iter::once(text.as_str())
                            .chain(variants.iter().map(String::as_str))
                            .filter(|v| !v.starts_with("ru~"))
                            .flat_map(|v| slavic::slavic_keys(v, german))
                            .collect();
                        for key in keys {
                            add(key, &mut variants);
                        }
                    }
                    // A word of a person's name (or of a name of unknown kind) written in Latin
                    // letters also gets its respelling, on which romanisations of Arabic and
                    // Persian names meet (Leileh / Leila, Seif / Sayf).
                    if !org_mode
                        && t.original.is_ascii()
                        && matches!(
                            role,
                            TokenRole::Name | TokenRole::Given | TokenRole::Family | TokenRole::Patronymic
                        )
                    {
                        if let Some(respelt) = arabic_latin::arabic_respelling(&text) {
                            add(respelt, &mut variants);
                        }
                    }
                    let canonical = variants.first().map(String::as_str).unwrap_or(&text);
                    if !org_mode
                        && (tables.generic_person.contains_key(canonical)
                            || (listed && tables.generic_person.contains_key(&text)))
                    {
                        weight *= 0.6;
                    }
                }
            }
            Token {
                original: t.original,
                skeleton: skeleton(&text),
                phonetic: phonetic(&text),
                text,
                role,
                variants,
                weight,
            }
        })
        .collect()
}

/// The fewest letters of a word with "co" run into it for the word to read without it (see
/// `co_run_in` in the analysis): four before the "co".
const CO_RUN_IN_MIN_LETTERS: usize = 6;

/// The letters a digit is mistaken for, in scans and by hand (`0` O, `1` I or L, `2` Z, `5` S,
/// `6` G, `8` B), folded; none for the others.
pub fn digit_lookalikes(digit: char) -> Option<&'static [char]> {
    Some(match digit {
        '0' => &['o'],
        '1' => &['i', 'l'],
        '2' => &['z'],
        '5' => &['s'],
        '6' => &['g'],
        '8' => &['b'],
        _ => return None,
    })
}

/// A word of two letters or more and one digit among them, the digit read as the (first)
/// letter it looks like: `5bic` → `sbic`, `8ank` → `bank`, `d1n` → `din`. `None` for other
/// words (two digits or more are a code; a letter and a digit, `A1`, `G8`, are one too; an
/// ordinal, `1st`, is a number).
fn digits_read_as_letters(text: &str) -> Option<String> {
    let mut digits = text.chars().filter(char::is_ascii_digit);
    let digit = digits.next()?;
    if digits.next().is_some() || text.len() < 3 || !text.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return None;
    }
    // An ordinal in digits (`1st`, `8th`) is a number.
    if text.starts_with(digit) && matches!(&text[1..], "st" | "nd" | "rd" | "th") {
        return None;
    }
    let letter = digit_lookalikes(digit)?[0];
    Some(text.chars().map(|c| if c == digit { letter } else { c }).collect())
}

/// Reads a digit among the letters of a word ("8ANK", "5EVENTH", "NA5R", "NUR-AL-D1N": a scan
/// or a clerk's slip) as the letter it looks like, before anything else reads the word: the
/// word is then what it spells for roles, legal forms, number words and compounds (`bank` a
/// common word, `seventh` the number 7, `nasr al din` one compound), and keeps its digit as
/// another spelling. A digit ending the word is as often a number ("BOKWANG_NO5"): the
/// reading is only another spelling of it.
fn read_digits_as_letters(raw: &mut [RawToken]) {
    for t in raw.iter_mut() {
        if t.texts.len() == 1 && t.texts[0].bytes().any(|b| b.is_ascii_digit()) {
            if let Some(read) = digits_read_as_letters(&t.texts[0]) {
                let at = if t.texts[0].ends_with(|c: char| c.is_ascii_digit()) { 1 } else { 0 };
                t.texts.insert(at, read);
            }
        }
    }
}

/// Reads the Arabic article hyphen-attached to a word written with `I` or `1` for its `L`
/// ("JUND AI-AQSA", "Nur a1-Din": a scan, or a capital I typed for a capital L) as the article,
/// which it then is for particles and compounds. Not before a syllable of Chinese (Ai-Ling is
/// a given name).
fn read_misread_article(raw: &mut [RawToken]) {
    for i in 0..raw.len().saturating_sub(1) {
        let misread = matches!(raw[i].texts[0].as_str(), "ai" | "a1") && raw[i].texts.len() == 1;
        if misread && raw[i].joined_next && raw[i].original.is_ascii() {
            let next = &raw[i + 1].texts[0];
            if next.len() >= 3 && next.bytes().all(|b| b.is_ascii_lowercase()) && !is_pinyin_syllable(next) {
                raw[i].texts.insert(0, "al".to_owned());
            }
        }
    }
}

/// Whether a token's text (or two tokens' texts, a space between) names a country. Such a text
/// in lower-case ASCII letters and digits is already folded as the country index's keys are:
/// one look-up, unless it holds what `country::resolve` reads as a note ("... now X"). The
/// two words of every organisation's name resolved in full cost 0.4% of screening's
/// instructions.
fn resolves_to_country(text: &str) -> bool {
    let folded = text
        .split(' ')
        .all(|word| !word.is_empty() && word.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()));
    if folded && !text.contains("now ") && !text.contains("currently ") {
        embargo_model::country::resolve_folded(text).is_some()
    } else {
        embargo_model::country::resolve(text).is_some()
    }
}

/// A particle's weight, if the token is one here. The assimilated article forms (`ad`, `ar`,
/// `ash`) count only hyphen-attached; a particle never ends a name (`Ben`, `Abu` alone are
/// names) and `ben` does not start one.
/// The formal names `Al` is the pet form of, where it is a given name: after the family name
/// and a comma ("TOTOONOV, Al") or before a patronymic ("Al Bogdanovich KARLIN"); elsewhere it
/// is the Arabic article (the nickname table leaves it out).
const AL_FORMALS: [&str; 4] = ["alexander", "albert", "alfred", "alan"];

fn particle_weight(
    t: &RawToken,
    next: Option<&RawToken>,
    glued_to_previous: bool,
    given_after_comma: bool,
    position: usize,
    len: usize,
    tables: &tables::Tables,
) -> Option<f32> {
    // A particle written in Arabic script (بن, ابن, ولد) is known by its dictionary spelling,
    // not by its letters (`bn`, `abn`, `wld`): as BIN, IBN and OULD are.
    let text = t.article_joined.or(t.dictionary_key).unwrap_or(&t.texts[0]);
    // A Chinese character or a kana reads as a syllable of the name (德 `de`, 达 `da`), not
    // as the particle its romanisation spells.
    if position + 1 == len || len == 1 || t.cjk_syllable() {
        return None;
    }
    // The article stands before a name, never before a patronymic, nor alone after the family
    // name and a comma: "Al Bogdanovich KARLIN" and "TOTOONOV, Al" are Alexander (or Albert).
    if text == "al"
        && !t.joined_next
        && !glued_to_previous
        && (next.is_some_and(|n| tables::patronymic_ending(&n.texts[0]))
            || (given_after_comma && next.is_some_and(|n| n.family_hint)))
    {
        return None;
    }
    if t.joined_next && tables::is_attached_article(text) {
        return Some(0.15);
    }
    let weight = *tables.may_list(text).then(|| tables.particles.get(text)).flatten()?;
    if text == "ben" && position == 0 {
        return None;
    }
    Some(weight)
}

#[cfg(test)]
mod tests;
