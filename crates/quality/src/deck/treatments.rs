//! How a listed Latin name is changed into a positive query: each treatment takes a name as
//! the list publishes it (and its entity, for the facts a list states: kind, countries, other
//! names) and returns the query an analyst, a customer file or a payment would plausibly hold,
//! or `None` when it does not apply. The word lists (titles, particles, legal forms, number
//! words) are the deck's own; nothing here asks the matcher how it reads a name.

use super::translit::{respell_word, Origin};
use super::typos::{edit_distance, keyboard_slip, ocr_confusion, within_budget};
use crate::rng::Rng;
use embargo_model::{Entity, EntityKind};

/// Titles and honorifics written before a name: English, military, religious and courtesy
/// titles of the cultures the lists hold most (our list; spellings as found in print).
pub const TITLES_BEFORE: &[&str] = &[
    "Mr",
    "Mr.",
    "Mrs",
    "Ms.",
    "Miss",
    "Dr",
    "Dr.",
    "Prof.",
    "Professor",
    "Eng.",
    "Engr.",
    "Hon.",
    "Rev.",
    "Sir",
    "Dame",
    "Lord",
    "Lady",
    "H.E.",
    "His Excellency",
    "Capt.",
    "Captain",
    "Col.",
    "Colonel",
    "Gen.",
    "General",
    "Lt.",
    "Lt. Gen.",
    "Maj.",
    "Maj. Gen.",
    "Brig. Gen.",
    "Brigadier",
    "Adm.",
    "Admiral",
    "Sgt.",
    "Marshal",
    "Commander",
    "Sheikh",
    "Shaikh",
    "Shaykh",
    "Cheikh",
    "Sayyid",
    "Seyed",
    "Sayed",
    "Syed",
    "Seyyed",
    "Hajji",
    "Haji",
    "Hadj",
    "Al-Hajj",
    "Alhaji",
    "Mullah",
    "Mulla",
    "Maulvi",
    "Mawlawi",
    "Molvi",
    "Maulana",
    "Imam",
    "Ustad",
    "Qari",
    "Emir",
    "Amir",
    "Prince",
    "Princess",
    "Ayatollah",
    "Hojatoleslam",
    "Sardar",
    "Mohandes",
    "Herr",
    "Frau",
    "Señor",
    "Sr.",
    "Sra.",
    "Don",
    "Doña",
    "Monsieur",
    "M.",
    "Mme",
    "Dott.",
    "Ing.",
    "Datuk",
    "Dato'",
    "Tan Sri",
    "Chief",
    "Pastor",
    "Father",
    "Gospodin",
];

/// Suffixes written after a name.
pub const TITLES_AFTER: &[&str] =
    &["Jr.", "Jr", "Sr.", "II", "III", "PhD", "Ph.D.", "MD", "Esq.", "OBE", "KBE"];

/// Name particles: articles and prepositions of family names, and the Arabic kinship and
/// article words that are written joined or apart (our list).
pub const PARTICLES: &[&str] = &[
    "van", "von", "der", "den", "de", "del", "della", "dela", "la", "le", "du", "des", "da", "dos", "das",
    "di", "al", "el", "ul", "bin", "ibn", "ben", "bint", "abu", "abou", "abd", "abdul", "abdel", "ould",
    "mac", "mc", "ter", "ten", "zu", "ap", "ag", "st", "st.", "san", "santa",
];

/// Legal forms as the words of their written forms with the dots removed (upper case), and
/// the other spellings of the same form in the same language (our table, after ISO 20275's
/// list of entity legal forms: abbreviation ↔ full name).
pub const LEGAL_FORMS: &[&[&str]] = &[
    &["SA DE CV", "SOCIEDAD ANONIMA DE CAPITAL VARIABLE"],
    &["S DE RL DE CV", "SOCIEDAD DE RESPONSABILIDAD LIMITADA DE CAPITAL VARIABLE"],
    &["S DE RL", "SOCIEDAD DE RESPONSABILIDAD LIMITADA"],
    &["SA", "SOCIEDAD ANONIMA"],
    &["SAL", "SOCIETE ANONYME LIBANAISE"],
    &["SARL", "SOCIETE A RESPONSABILITE LIMITEE"],
    &["SAS", "SOCIETE PAR ACTIONS SIMPLIFIEE"],
    &["SC", "SOCIEDAD CIVIL"],
    &["SRL", "SOCIETA A RESPONSABILITA LIMITATA"],
    &["SPA", "SOCIETA PER AZIONI"],
    &["LLC", "LIMITED LIABILITY COMPANY"],
    &["LTD", "LIMITED"],
    &["PLC", "PUBLIC LIMITED COMPANY"],
    &["INC", "INCORPORATED"],
    &["CORP", "CORPORATION"],
    &["CO", "COMPANY"],
    &["JSC", "JOINT STOCK COMPANY"],
    &["OJSC", "OPEN JOINT STOCK COMPANY"],
    &["CJSC", "CLOSED JOINT STOCK COMPANY"],
    &["PJSC", "PUBLIC JOINT STOCK COMPANY"],
    &["OOO", "OBSHCHESTVO S OGRANICHENNOY OTVETSTVENNOSTYU"],
    &["AO", "AKTSIONERNOE OBSHCHESTVO"],
    &["PAO", "PUBLICHNOE AKTSIONERNOE OBSHCHESTVO"],
    &["ZAO", "ZAKRYTOE AKTSIONERNOE OBSHCHESTVO"],
    &["OAO", "OTKRYTOE AKTSIONERNOE OBSHCHESTVO"],
    &["FZE", "FREE ZONE ESTABLISHMENT"],
    &["FZCO", "FREE ZONE COMPANY"],
    &["FZC", "FREE ZONE COMPANY"],
    &["DMCC"],
    &["GMBH", "GESELLSCHAFT MIT BESCHRANKTER HAFTUNG"],
    &["AG", "AKTIENGESELLSCHAFT"],
    &["BV", "BESLOTEN VENNOOTSCHAP"],
    &["NV", "NAAMLOZE VENNOOTSCHAP"],
    &["PTE LTD", "PRIVATE LIMITED"],
    &["PVT LTD", "PRIVATE LIMITED"],
    &["SDN BHD", "SENDIRIAN BERHAD"],
    &["CO LTD", "COMPANY LIMITED"],
    &["AS"],
    &["AB"],
    &["OY"],
    &["TOO"],
    &["TOV"],
    &["EOOD"],
    &["SPOL S RO"],
];

/// Legal forms added to names that have none (the common abbreviations).
const ADDED_FORMS: &[&str] =
    &["LLC", "LTD", "INC", "JSC", "CO", "SA", "GMBH", "FZE", "PLC", "CORP", "LIMITED", "COMPANY"];

/// Number words of English, for numbers written as words.
const ONES: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: [&str; 10] =
    ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
const ORDINALS: [(&str, &str); 12] = [
    ("1st", "first"),
    ("2nd", "second"),
    ("3rd", "third"),
    ("4th", "fourth"),
    ("5th", "fifth"),
    ("6th", "sixth"),
    ("7th", "seventh"),
    ("8th", "eighth"),
    ("9th", "ninth"),
    ("10th", "tenth"),
    ("11th", "eleventh"),
    ("12th", "twelfth"),
];

/// A number below 10,000 in English words ("forty-four", "one thousand two hundred").
pub fn number_in_words(n: u32) -> Option<String> {
    if n >= 10_000 {
        return None;
    }
    let mut parts = Vec::new();
    let mut rest = n;
    if rest >= 1000 {
        parts.push(format!("{} thousand", ONES[(rest / 1000) as usize]));
        rest %= 1000;
    }
    if rest >= 100 {
        parts.push(format!("{} hundred", ONES[(rest / 100) as usize]));
        rest %= 100;
    }
    if rest >= 20 {
        let t = TENS[(rest / 10) as usize];
        parts.push(if rest.is_multiple_of(10) {
            t.to_owned()
        } else {
            format!("{t}-{}", ONES[(rest % 10) as usize])
        });
    } else if rest > 0 || parts.is_empty() {
        parts.push(ONES[rest as usize].to_owned());
    }
    Some(parts.join(" "))
}

/// The words of a name split on white space.
pub fn words(name: &str) -> Vec<&str> {
    name.split_whitespace().collect()
}

fn letters(w: &str) -> usize {
    w.chars().filter(|c| c.is_alphabetic()).count()
}

fn is_letters(w: &str) -> bool {
    !w.is_empty() && w.chars().all(char::is_alphabetic)
}

fn bare_upper(w: &str) -> String {
    w.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_uppercase).collect()
}

fn lower_bare(w: &str) -> String {
    w.chars().filter(|c| c.is_alphanumeric() || *c == '.').flat_map(char::to_lowercase).collect()
}

/// Whether `w` is one of our particles.
pub fn is_particle(w: &str) -> bool {
    PARTICLES.contains(&lower_bare(w).trim_end_matches('.')) || PARTICLES.contains(&lower_bare(w).as_str())
}

/// Whether `w` is one of our titles (one word of it).
pub fn is_title_word(w: &str) -> bool {
    let w = bare_upper(w);
    !w.is_empty()
        && TITLES_BEFORE.iter().chain(TITLES_AFTER).any(|t| t.split_whitespace().any(|p| bare_upper(p) == w))
}

/// Where a legal form stands in a name: the range of words and the group of its spellings.
pub fn find_legal_form(ws: &[&str]) -> Option<(usize, usize, &'static [&'static str])> {
    let bare: Vec<String> = ws.iter().map(|w| bare_upper(w)).collect();
    let mut best: Option<(usize, usize, &'static [&'static str])> = None;
    for group in LEGAL_FORMS {
        for form in group.iter() {
            let fw: Vec<&str> = form.split(' ').collect();
            // A dotted abbreviation written as one word ("S.A.") or spaced letters: compare the
            // concatenation of a run of words with the form's letters.
            for start in 0..ws.len() {
                for end in start + 1..=ws.len().min(start + fw.len() + 4) {
                    let run: String = bare[start..end].concat();
                    let words_match =
                        end - start == fw.len() && bare[start..end].iter().zip(&fw).all(|(a, b)| a == b);
                    let letters_match = run == fw.concat() && ws[start..end].iter().any(|w| w.contains('.'));
                    if (words_match || letters_match) && best.is_none_or(|b| end - start > b.1 - b.0) {
                        best = Some((start, end, *group));
                    }
                }
            }
        }
    }
    best
}

/// The kind of change made to a listed name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Treatment {
    /// The name as published.
    Exact,
    /// Case, punctuation, diacritics, hyphens.
    CasePunctuation,
    /// One keyboard slip in a word of 4+ letters.
    TypoKeyboard,
    /// One OCR confusion, within the edit budget.
    TypoOcr,
    /// Two keyboard slips in one word of 8+ letters.
    TwoTyposLong,
    /// Two keyboard slips in one word of 5–7 letters: outside the edit budget, no target.
    TwoTyposShort,
    /// One OCR confusion that is outside the edit budget (rn→m in a short word): no target.
    TypoOcrOutsideBudget,
    /// Russian-origin names respelled as another romanisation system writes them.
    TranslitSlavic,
    /// Arabic- and Persian-origin names respelled as another romanisation writes them.
    TranslitArabicPersian,
    /// A listed Cyrillic name romanised by a published system.
    TranslitCyrillic,
    /// A listed Korean name in hangul romanised by RR or McCune–Reischauer.
    TranslitHangul,
    /// A given name replaced by a nickname or the formal name of a nickname.
    Nickname,
    /// A title or honorific added before or after the name.
    Title,
    /// A legal form written another way, run into a word, dropped or added.
    LegalForm,
    /// Numbers written as words or ordinals, run into the name, hyphen dropped.
    Number,
    /// A particle joined to the next word (van der Bilt → Vanderbilt).
    ParticleJoined,
    /// Words in another order.
    WordOrder,
    /// A middle name left out.
    DroppedMiddleName,
    /// Two words joined, or one split.
    JoinedSplit,
    /// Two names of the entity in one field: "X/Y", "X (Y)".
    AliasesCombined,
    /// A listed vessel's name screened with no kind, as shipping documents give it.
    VesselNoKind,
    /// A listed vessel's name with one keyboard slip, screened as a vessel.
    VesselTypo,
    /// A person's name in a non-Latin script, against an index of Latin names only.
    CrossScript,
    /// An organisation's name in a non-Latin script (often a translation): no target.
    CrossScriptNonPerson,
}

impl Treatment {
    /// Every treatment, in report order.
    pub const ALL: [Treatment; 24] = [
        Treatment::Exact,
        Treatment::CasePunctuation,
        Treatment::TypoKeyboard,
        Treatment::TypoOcr,
        Treatment::TwoTyposLong,
        Treatment::TwoTyposShort,
        Treatment::TypoOcrOutsideBudget,
        Treatment::TranslitSlavic,
        Treatment::TranslitArabicPersian,
        Treatment::TranslitCyrillic,
        Treatment::TranslitHangul,
        Treatment::Nickname,
        Treatment::Title,
        Treatment::LegalForm,
        Treatment::Number,
        Treatment::ParticleJoined,
        Treatment::WordOrder,
        Treatment::DroppedMiddleName,
        Treatment::JoinedSplit,
        Treatment::AliasesCombined,
        Treatment::VesselNoKind,
        Treatment::VesselTypo,
        Treatment::CrossScript,
        Treatment::CrossScriptNonPerson,
    ];

    /// The name in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Treatment::Exact => "exact",
            Treatment::CasePunctuation => "case_punctuation",
            Treatment::TypoKeyboard => "typo_keyboard",
            Treatment::TypoOcr => "typo_ocr",
            Treatment::TwoTyposLong => "two_typos_8plus",
            Treatment::TwoTyposShort => "two_typos_5to7",
            Treatment::TypoOcrOutsideBudget => "typo_ocr_outside_budget",
            Treatment::TranslitSlavic => "translit_slavic",
            Treatment::TranslitArabicPersian => "translit_arabic_persian",
            Treatment::TranslitCyrillic => "translit_cyrillic",
            Treatment::TranslitHangul => "translit_hangul",
            Treatment::Nickname => "nickname",
            Treatment::Title => "title",
            Treatment::LegalForm => "legal_form",
            Treatment::Number => "number",
            Treatment::ParticleJoined => "particle_joined",
            Treatment::WordOrder => "word_order",
            Treatment::DroppedMiddleName => "dropped_middle_name",
            Treatment::JoinedSplit => "joined_split",
            Treatment::AliasesCombined => "aliases_combined",
            Treatment::VesselNoKind => "vessel_no_kind",
            Treatment::VesselTypo => "vessel_typo",
            Treatment::CrossScript => "cross_script",
            Treatment::CrossScriptNonPerson => "cross_script_non_person",
        }
    }

    /// Whether the treatment counts towards the overall recall (the targets): not the errors
    /// outside the edit budget, not translated organisation names.
    pub fn in_scope(self) -> bool {
        !matches!(
            self,
            Treatment::TwoTyposShort | Treatment::TypoOcrOutsideBudget | Treatment::CrossScriptNonPerson
        )
    }

    /// The treatments made from the Latin names of the lists by [`apply`].
    pub fn is_latin_rewrite(self) -> bool {
        !matches!(
            self,
            Treatment::TranslitCyrillic
                | Treatment::TranslitHangul
                | Treatment::CrossScript
                | Treatment::CrossScriptNonPerson
                | Treatment::VesselNoKind
                | Treatment::VesselTypo
                | Treatment::TypoOcrOutsideBudget
        )
    }
}

/// What [`apply`] needs besides the name.
pub struct Context<'a> {
    /// The entity the name is of.
    pub entity: &'a Entity,
    /// Nicknames: lower-case name → its nicknames and formal names.
    pub nicknames: &'a std::collections::HashMap<String, Vec<String>>,
}

/// One rewrite: the query and a finer label; `outside_budget` for an OCR confusion that left
/// the edit budget (the case goes to its own row).
pub struct Rewrite {
    /// The query.
    pub query: String,
    /// The finer label (which rule, which system).
    pub detail: String,
    /// An OCR confusion outside the edit budget.
    pub outside_budget: bool,
}

fn rewrite(query: String, detail: impl Into<String>) -> Option<Rewrite> {
    Some(Rewrite { query, detail: detail.into(), outside_budget: false })
}

/// Applies a Latin-name treatment to `name`.
pub fn apply(t: Treatment, name: &str, cx: &Context, rng: &mut Rng) -> Option<Rewrite> {
    let kind = cx.entity.kind;
    let person = kind == EntityKind::Person;
    let out = match t {
        Treatment::Exact => rewrite(name.to_owned(), ""),
        Treatment::CasePunctuation => case_punctuation(name, rng),
        Treatment::TypoKeyboard => typos(name, 1, 4, 100, rng),
        Treatment::TwoTyposLong => typos(name, 2, 8, 100, rng),
        Treatment::TwoTyposShort => typos(name, 2, 5, 7, rng),
        Treatment::TypoOcr => ocr(name, rng),
        Treatment::TranslitSlavic => respell(name, Origin::Slavic, cx.entity, rng),
        Treatment::TranslitArabicPersian => respell(name, Origin::ArabicPersian, cx.entity, rng),
        Treatment::Nickname if person && english_speaking(cx.entity) => nickname(name, cx.nicknames, rng),
        Treatment::Title if person => title(name, rng),
        Treatment::LegalForm if kind == EntityKind::Organization => legal_form(name, rng),
        Treatment::Number => number(name, rng),
        Treatment::ParticleJoined => particle_joined(name, rng),
        Treatment::WordOrder if person => person_order(name, rng),
        Treatment::WordOrder if kind == EntityKind::Organization => organisation_order(name),
        Treatment::DroppedMiddleName if person => dropped_middle(name, cx.entity, rng),
        Treatment::JoinedSplit => joined_split(name, rng),
        Treatment::AliasesCombined => aliases_combined(name, cx.entity, rng),
        _ => None,
    }?;
    (t == Treatment::Exact || out.query != name).then_some(out)
}

/// Each word with a capital first letter and the rest in lower case.
pub fn title_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut start = true;
    for c in s.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        start = !c.is_alphanumeric();
    }
    out
}

fn case_punctuation(name: &str, rng: &mut Rng) -> Option<Rewrite> {
    use unicode_normalization::UnicodeNormalization;
    match rng.below(7) {
        0 => rewrite(name.to_lowercase(), "lower"),
        1 => rewrite(name.to_uppercase(), "upper"),
        2 => rewrite(title_case(name), "title_case"),
        3 => rewrite(
            name.chars().filter(|c| !matches!(c, ',' | '.' | '\'' | '"' | '(' | ')' | '’')).collect(),
            "punctuation_removed",
        ),
        4 => rewrite(name.replace(['-', '/'], " "), "hyphen_to_space"),
        5 => rewrite(
            name.nfd().filter(|c| !unicode_normalization::char::is_combining_mark(*c)).collect(),
            "diacritics_removed",
        ),
        _ => rewrite(name.replace(", ", " ").replace(',', " "), "comma_removed"),
    }
}

/// `edits` keyboard slips in one word of `min..=max` letters.
fn typos(name: &str, edits: usize, min: usize, max: usize, rng: &mut Rng) -> Option<Rewrite> {
    let ws = words(name);
    let fit: Vec<usize> =
        (0..ws.len()).filter(|i| is_letters(ws[*i]) && (min..=max).contains(&letters(ws[*i]))).collect();
    if fit.is_empty() {
        return None;
    }
    let i = *rng.pick(&fit);
    let mut word = ws[i].to_owned();
    let mut kinds = Vec::new();
    for _ in 0..edits {
        let (w, kind) = keyboard_slip(&word, rng)?;
        word = w;
        kinds.push(kind);
    }
    // Two slips can undo each other or overlap: keep only cases that are as many edits apart.
    if edit_distance(&word, ws[i]) != edits {
        return None;
    }
    let mut out: Vec<String> = ws.iter().map(|w| (*w).to_owned()).collect();
    out[i] = word;
    rewrite(out.join(" "), kinds.join("+"))
}

fn ocr(name: &str, rng: &mut Rng) -> Option<Rewrite> {
    let ws = words(name);
    let fit: Vec<usize> = (0..ws.len()).filter(|i| letters(ws[*i]) >= 2).collect();
    if fit.is_empty() {
        return None;
    }
    let i = *rng.pick(&fit);
    let (word, detail) = ocr_confusion(ws[i], rng)?;
    let outside_budget = !within_budget(letters(ws[i]), edit_distance(&word, ws[i]));
    let mut out: Vec<String> = ws.iter().map(|w| (*w).to_owned()).collect();
    out[i] = word;
    Some(Rewrite { query: out.join(" "), detail, outside_budget })
}

/// Countries whose names the lists romanise from Russian (and other East Slavic languages).
const SLAVIC_COUNTRIES: &[&str] = &["RU", "BY", "UA", "KZ", "KG", "MD"];
/// Countries whose names are mostly Arabic or Persian.
const ARABIC_PERSIAN_COUNTRIES: &[&str] = &[
    "IR", "IQ", "SY", "LB", "YE", "SA", "AE", "QA", "KW", "BH", "OM", "JO", "PS", "EG", "LY", "TN", "DZ",
    "MA", "SD", "SO", "AF", "PK", "MR",
];
/// Endings of East Slavic family names and patronymics, for entities whose list gives no
/// country (not `-in`: Arabic `-din`, `-ddin` end so too).
const SLAVIC_ENDINGS: &[&str] =
    &["ov", "ova", "ev", "eva", "ova", "sky", "skiy", "skaya", "vich", "vna", "evna", "enko", "yuk", "chuk"];
/// Words that mark a name as Arabic or Persian, for entities whose list gives no country.
const ARABIC_PERSIAN_MARKS: &[&str] = &[
    "mohammad", "mohammed", "muhammad", "ahmad", "ahmed", "ali", "hassan", "hasan", "hussein", "hossein",
    "husayn", "abdul", "abd", "abdel", "abu", "bin", "ibn", "al", "reza", "mahmoud", "mahmud", "omar",
    "umar", "khalid", "yousef", "yusuf", "ibrahim", "ismail", "said", "saeed", "hamid", "karim", "rahman",
    "allah",
];

/// The ISO codes of the countries a list gives for an entity (nationality, citizenship, others).
fn country_codes(e: &Entity) -> Vec<&str> {
    e.nationalities
        .iter()
        .chain(&e.citizenships)
        .chain(&e.countries)
        .filter_map(|c| c.code.as_deref())
        .collect()
}

/// Whether a name holds a word that marks it as Arabic or Persian.
fn arabic_persian_marks(name: &str) -> bool {
    name.to_lowercase().split(|c: char| !c.is_alphanumeric()).any(|w| ARABIC_PERSIAN_MARKS.contains(&w))
}

/// Whether a name (and its entity's countries) show the habits of `origin`.
fn has_origin(name: &str, entity: &Entity, origin: Origin) -> bool {
    let codes = country_codes(entity);
    let (countries, by_name) = match origin {
        Origin::Slavic => (
            SLAVIC_COUNTRIES,
            words(name).iter().any(|w| {
                let w = w.to_lowercase();
                SLAVIC_ENDINGS.iter().any(|e| w.trim_end_matches(',').ends_with(e) && w.len() > e.len() + 2)
            }),
        ),
        Origin::ArabicPersian => (ARABIC_PERSIAN_COUNTRIES, arabic_persian_marks(name)),
    };
    if codes.is_empty() {
        // A name with Arabic or Persian marks is not read as Slavic by its endings.
        by_name && (origin == Origin::ArabicPersian || !arabic_persian_marks(name))
    } else {
        codes.iter().any(|c| countries.contains(c))
    }
}

fn respell(name: &str, origin: Origin, entity: &Entity, rng: &mut Rng) -> Option<Rewrite> {
    if entity.kind != EntityKind::Person || !has_origin(name, entity, origin) {
        return None;
    }
    let ws = words(name);
    let mut order: Vec<usize> = (0..ws.len()).filter(|i| letters(ws[*i]) >= 3).collect();
    rng.shuffle(&mut order);
    for i in order {
        let core = ws[i].trim_end_matches(',');
        if let Some((w, why)) = respell_word(core, origin, rng) {
            let mut out: Vec<String> = ws.iter().map(|w| (*w).to_owned()).collect();
            out[i] = format!("{w}{}", &ws[i][core.len()..]);
            return rewrite(out.join(" "), why);
        }
    }
    None
}

/// Countries where English nicknames are used; an entity with no country at all counts too.
const ENGLISH_SPEAKING: &[&str] = &[
    "US", "GB", "CA", "AU", "NZ", "IE", "ZA", "NG", "GH", "KE", "LR", "SL", "JM", "TT", "BS", "BB", "PH",
    "ZW", "ZM", "UG", "MW", "BZ", "GY",
];

fn english_speaking(e: &Entity) -> bool {
    let codes = country_codes(e);
    codes.is_empty() || codes.iter().any(|c| ENGLISH_SPEAKING.contains(c))
}

/// A given name replaced by one of its nicknames (shorter names only, see [`super::nicknames`]). Given names are the words after the comma
/// of `FAMILY, Given`, or all words but the last of `Given Family`.
fn nickname(
    name: &str,
    nicknames: &std::collections::HashMap<String, Vec<String>>,
    rng: &mut Rng,
) -> Option<Rewrite> {
    let ws = words(name);
    let comma = ws.iter().position(|w| w.ends_with(','));
    let given = |i: usize| match comma {
        Some(c) => i > c,
        None => i + 1 < ws.len(),
    };
    let fit: Vec<(usize, &Vec<String>)> = ws
        .iter()
        .enumerate()
        .filter(|(i, _)| given(*i))
        .filter_map(|(i, w)| nicknames.get(&w.trim_end_matches(',').to_lowercase()).map(|n| (i, n)))
        .collect();
    if fit.is_empty() {
        return None;
    }
    let (i, options) = *rng.pick(&fit);
    let nick = rng.pick(options);
    let core = ws[i].trim_end_matches(',');
    let styled = if core.chars().all(|c| !c.is_lowercase()) { nick.to_uppercase() } else { title_case(nick) };
    let mut out: Vec<String> = ws.iter().map(|w| (*w).to_owned()).collect();
    out[i] = format!("{styled}{}", &ws[i][core.len()..]);
    rewrite(out.join(" "), format!("{}->{nick}", core.to_lowercase()))
}

fn title(name: &str, rng: &mut Rng) -> Option<Rewrite> {
    if rng.below(5) == 0 {
        let t = *rng.pick(TITLES_AFTER);
        return rewrite(format!("{name} {t}"), t);
    }
    let t = *rng.pick(TITLES_BEFORE);
    if let Some((last, first)) = name.split_once(',') {
        if rng.chance(0.5) {
            return rewrite(format!("{}, {t} {}", last.trim(), first.trim()), t);
        }
    }
    rewrite(format!("{t} {name}"), t)
}

/// A legal form's spelling written as the list's case writes it.
fn styled_like(form: &str, sample: &str) -> String {
    if sample.chars().any(char::is_lowercase) {
        title_case(form)
    } else {
        form.to_owned()
    }
}

fn legal_form(name: &str, rng: &mut Rng) -> Option<Rewrite> {
    let ws = words(name);
    let Some((start, end, group)) = find_legal_form(&ws) else {
        // A legal form the list does not write: "ROSOBORONEXPORT" screened as "Rosoboronexport JSC".
        let form = *rng.pick(ADDED_FORMS);
        return rewrite(format!("{name} {}", styled_like(form, name)), format!("added {form}"));
    };
    let written = ws[start..end].join(" ");
    let bare: String = bare_upper(&written);
    let before = ws[..start].join(" ");
    let after = ws[end..].join(" ");
    let around = |form: &str| -> String {
        [before.as_str(), form, after.as_str()]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let rest = [before.as_str(), after.as_str()]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" ");
    let options: Vec<(String, String)> = {
        let mut o = Vec::new();
        let no_dots = written.replace('.', " ").split_whitespace().collect::<Vec<_>>().join(" ");
        if no_dots != written {
            o.push((around(&no_dots), "dots_removed".to_owned()));
            o.push((around(&no_dots.to_lowercase()), "dots_removed_lower".to_owned()));
            // Letters spaced: "S.A. DE C.V." → "S A DE C V".
            let spaced: Vec<String> = written
                .split_whitespace()
                .map(|w| {
                    if w.contains('.') {
                        w.chars()
                            .filter(|c| c.is_alphanumeric())
                            .map(String::from)
                            .collect::<Vec<_>>()
                            .join(" ")
                    } else {
                        w.to_owned()
                    }
                })
                .collect();
            o.push((around(&spaced.join(" ")), "letters_spaced".to_owned()));
        }
        // Run into the neighbouring word: "XJSC", "XS.A.L.", "JOINT STOCK COMPANYX".
        if start > 0 && end == ws.len() {
            let mut o2: Vec<String> = ws.iter().map(|w| (*w).to_owned()).collect();
            let glued = format!("{}{}", o2[start - 1], o2[start]);
            o2.splice(start - 1..=start, [glued]);
            o.push((o2.join(" "), "run_into_previous_word".to_owned()));
            if end - start == 1 && ws[start].contains('.') {
                o.push((
                    format!("{}{}", ws[..start].join(" "), bare),
                    "run_into_previous_word_no_dots".to_owned(),
                ));
            }
        }
        if start == 0 && end < ws.len() {
            let mut o2: Vec<String> = ws.iter().map(|w| (*w).to_owned()).collect();
            let glued = format!("{}{}", o2[end - 1], o2[end]);
            o2.splice(end - 1..=end, [glued]);
            o.push((o2.join(" "), "run_into_next_word".to_owned()));
        }
        for other in group.iter().filter(|f| bare_upper(f) != bare) {
            o.push((around(&styled_like(other, &written)), format!("{bare}->{other}")));
        }
        if !rest.is_empty() && letters(&rest) >= 4 {
            o.push((rest.clone(), "dropped".to_owned()));
        }
        o
    };
    if options.is_empty() {
        return None;
    }
    let (q, d) = rng.pick(&options).clone();
    rewrite(q, d)
}

fn number(name: &str, rng: &mut Rng) -> Option<Rewrite> {
    let ws = words(name);
    let mut options: Vec<(String, String)> = Vec::new();
    let replace = |i: usize, with: String| -> String {
        let mut out: Vec<String> = ws.iter().map(|w| (*w).to_owned()).collect();
        out[i] = with;
        out.join(" ")
    };
    for (i, w) in ws.iter().enumerate() {
        let lower = w.to_lowercase();
        let upper = !w.chars().any(char::is_lowercase);
        let style = |s: &str| if upper { s.to_uppercase() } else { title_case(s) };
        if let Ok(n) = w.parse::<u32>() {
            // Numbers are written in words up to a hundred ("44" / "Forty-four"); nobody
            // writes a registration number 7622 in words.
            if let Some(words) = number_in_words(n).filter(|_| n <= 100) {
                options.push((replace(i, style(&words)), "digits_to_words".to_owned()));
            }
            if i > 0 && ws[i - 1].chars().all(char::is_alphabetic) {
                let mut out: Vec<String> = ws.iter().map(|w| (*w).to_owned()).collect();
                let joined = format!("{}{}", out[i - 1], out[i]);
                out.splice(i - 1..=i, [joined]);
                options.push((out.join(" "), "number_run_into_name".to_owned()));
            }
        }
        for (digits, word) in ORDINALS {
            if lower == digits {
                options.push((replace(i, style(word)), "ordinal_to_word".to_owned()));
            } else if lower == word {
                options.push((
                    replace(i, if upper { digits.to_uppercase() } else { digits.to_owned() }),
                    "ordinal_to_digits".to_owned(),
                ));
            }
        }
        if let Some(n) = ONES.iter().position(|o| *o == lower).filter(|n| *n > 0) {
            options.push((replace(i, n.to_string()), "word_to_digits".to_owned()));
        }
        // Registration marks and tail numbers: "RA-12345" → "RA12345" / "RA 12345".
        if let Some((a, b)) = w.split_once('-') {
            if !a.is_empty()
                && !b.is_empty()
                && (a.chars().any(|c| c.is_ascii_digit()) || b.chars().any(|c| c.is_ascii_digit()))
            {
                options.push((replace(i, format!("{a}{b}")), "hyphen_dropped".to_owned()));
                options.push((replace(i, format!("{a} {b}")), "hyphen_to_space".to_owned()));
            }
        }
    }
    if options.is_empty() {
        return None;
    }
    let (q, d) = rng.pick(&options).clone();
    rewrite(q, d)
}

fn particle_joined(name: &str, rng: &mut Rng) -> Option<Rewrite> {
    let ws = words(name);
    // "DE" in "S. DE R.L. DE C.V." is part of a legal form, not a name particle.
    let legal = find_legal_form(&ws).map(|(s, e, _)| s..e);
    let in_name = |i: usize| legal.as_ref().is_none_or(|r| !r.contains(&i));
    let mut options = Vec::new();
    for (i, w) in ws.iter().enumerate().filter(|(i, _)| in_name(*i)) {
        // "al-Hashimi" written as one word.
        if let Some((p, rest)) = w.split_once('-') {
            if is_particle(p) && letters(rest) >= 2 {
                let joined = format!("{p}{}", rest.to_lowercase());
                options.push((i, i + 1, joined, "hyphenated_particle_joined"));
            }
        }
        if is_particle(w) && (i == 0 || !is_particle(ws[i - 1])) {
            // Particles in a row are joined together with the name ("van der Bilt" → "Vanderbilt").
            let mut end = i + 1;
            while end < ws.len() && is_particle(ws[end]) {
                end += 1;
            }
            if end < ws.len()
                && in_name(end)
                && is_letters(ws[end].trim_end_matches(','))
                && letters(ws[end]) >= 2
            {
                let joined: String = ws[i..=end]
                    .iter()
                    .enumerate()
                    .map(|(k, p)| if k == 0 { (*p).to_owned() } else { p.to_lowercase() })
                    .collect();
                options.push((i, end + 1, joined, "particle_joined"));
            }
        }
    }
    if options.is_empty() {
        return None;
    }
    let (start, end, joined, detail) = rng.pick(&options).clone();
    let mut out: Vec<String> = ws.iter().map(|w| (*w).to_owned()).collect();
    out.splice(start..end, [joined]);
    rewrite(out.join(" "), detail)
}

fn person_order(name: &str, rng: &mut Rng) -> Option<Rewrite> {
    if let Some((last, first)) = name.split_once(',') {
        let (last, first) = (last.trim(), first.trim());
        if last.is_empty() || first.is_empty() || first.contains(',') {
            return None;
        }
        return if rng.chance(0.5) {
            rewrite(format!("{first} {last}"), "comma_to_given_first")
        } else {
            rewrite(format!("{last} {first}"), "comma_dropped_family_first")
        };
    }
    let ws = words(name);
    if ws.len() < 2 {
        return None;
    }
    match rng.below(3) {
        0 => {
            let (last, rest) = ws.split_last()?;
            rewrite(format!("{last}, {}", rest.join(" ")), "given_first_to_comma")
        }
        1 => {
            let mut r = ws.clone();
            r.reverse();
            rewrite(r.join(" "), "reversed")
        }
        _ => {
            let mut s = ws.clone();
            for _ in 0..5 {
                rng.shuffle(&mut s);
                if s != ws {
                    return rewrite(s.join(" "), "shuffled");
                }
            }
            None
        }
    }
}

fn organisation_order(name: &str) -> Option<Rewrite> {
    let ws = words(name);
    let (start, end, _) = find_legal_form(&ws)?;
    if start == 0 && end < ws.len() {
        return rewrite(format!("{} {}", ws[end..].join(" "), ws[..end].join(" ")), "legal_form_to_end");
    }
    if end == ws.len() && start > 0 {
        let before = ws[..start].join(" ");
        return rewrite(
            format!("{} {}", ws[start..].join(" "), before.trim_end_matches(',')),
            "legal_form_to_front",
        );
    }
    None
}

/// Countries whose given names are of two syllables written apart (Korean, Chinese,
/// Vietnamese): a syllable of a given name is not a middle name.
const SYLLABLE_NAME_COUNTRIES: &[&str] = &["KP", "KR", "CN", "TW", "HK", "VN", "SG", "MM"];

fn droppable(ws: &[&str], i: usize) -> bool {
    letters(ws[i]) >= 3 && !is_particle(ws[i]) && !is_title_word(ws[i]) && !is_particle(ws[i - 1])
}

fn dropped_middle(name: &str, entity: &Entity, rng: &mut Rng) -> Option<Rewrite> {
    let syllable_names = country_codes(entity).iter().any(|c| SYLLABLE_NAME_COUNTRIES.contains(c));
    if syllable_names {
        return None;
    }
    let named = |ws: &[&str]| ws.iter().filter(|w| !is_title_word(w) && !is_particle(w)).count();
    if let Some((last, first)) = name.split_once(',') {
        let rest = words(first);
        if named(&rest) < 2 || letters(last) < 3 {
            return None;
        }
        let fit: Vec<usize> = (1..rest.len()).filter(|i| droppable(&rest, *i)).collect();
        let drop = *rng.pick(if fit.is_empty() { return None } else { &fit });
        let kept: Vec<&str> = rest.iter().enumerate().filter(|(i, _)| *i != drop).map(|(_, w)| *w).collect();
        return rewrite(format!("{}, {}", last.trim(), kept.join(" ")), rest[drop]);
    }
    let ws = words(name);
    if ws.len() < 3 || named(&ws) < 3 {
        return None;
    }
    let fit: Vec<usize> = (1..ws.len() - 1).filter(|i| droppable(&ws, *i)).collect();
    if fit.is_empty() {
        return None;
    }
    let drop = *rng.pick(&fit);
    let kept: Vec<&str> = ws.iter().enumerate().filter(|(i, _)| *i != drop).map(|(_, w)| *w).collect();
    rewrite(kept.join(" "), ws[drop])
}

/// Parts of Arabic and Persian compound names where they are written joined or apart (our
/// list, after the name-formation rules in ALA-LC's Arabic and Persian tables).
const COMPOUND_STARTS: &[&str] = &[
    "abdul", "abdel", "abdol", "abdal", "abu", "abou", "nasr", "nur", "nour", "zain", "saif", "seif", "ali",
    "gholam", "gol", "mir",
];
const COMPOUND_ENDS: &[&str] = &[
    "ullah", "ollah", "allah", "uddin", "eddin", "addin", "aldin", "jani", "zadeh", "zada", "pour", "abadi",
    "nejad", "nezhad", "far", "khani", "ali", "reza",
];

fn joined_split(name: &str, rng: &mut Rng) -> Option<Rewrite> {
    let ws = words(name);
    let legal = find_legal_form(&ws).map(|(s, e, _)| s..e);
    let plain = |i: usize| {
        is_letters(ws[i]) && legal.as_ref().is_none_or(|r| !r.contains(&i)) && !is_title_word(ws[i])
    };
    let mut options: Vec<(Vec<String>, &str)> = Vec::new();
    for i in 0..ws.len() {
        let mut out: Vec<String> = ws.iter().map(|w| (*w).to_owned()).collect();
        if i + 1 < ws.len() && plain(i) && plain(i + 1) && letters(ws[i]) >= 2 && letters(ws[i + 1]) >= 2 {
            let mut j = out.clone();
            let second = if rng.chance(0.5) { ws[i + 1].to_lowercase() } else { ws[i + 1].to_owned() };
            j.splice(i..i + 2, [format!("{}{second}", ws[i])]);
            options.push((j, "joined"));
        }
        if ws[i].contains('-') && letters(ws[i]) >= 5 && legal.as_ref().is_none_or(|r| !r.contains(&i)) {
            out[i] = ws[i].replace('-', " ");
            options.push((out.clone(), "hyphen_split"));
            out[i] = ws[i].replace('-', "");
            options.push((out.clone(), "hyphen_joined"));
            out[i] = ws[i].to_owned();
        }
        if plain(i) {
            let lower = ws[i].to_lowercase();
            let mut at = Vec::new();
            for s in COMPOUND_STARTS {
                if lower.starts_with(s) && lower.len() >= s.len() + 3 {
                    at.push(s.len());
                }
            }
            for e in COMPOUND_ENDS {
                if lower.ends_with(e) && lower.len() >= e.len() + 3 {
                    at.push(lower.len() - e.len());
                }
            }
            for a in at {
                if lower.len() == ws[i].len() {
                    let (x, y) = ws[i].split_at(a);
                    let y = if x.chars().next().is_some_and(char::is_uppercase)
                        && !x.chars().any(char::is_lowercase)
                    {
                        y.to_owned()
                    } else {
                        title_case(y)
                    };
                    out[i] = format!("{x} {y}");
                    options.push((out.clone(), "compound_split"));
                    out[i] = ws[i].to_owned();
                }
            }
        }
    }
    if options.is_empty() {
        return None;
    }
    let (out, detail) = rng.pick(&options).clone();
    rewrite(out.join(" "), detail)
}

fn aliases_combined(name: &str, entity: &Entity, rng: &mut Rng) -> Option<Rewrite> {
    let others: Vec<&str> = entity
        .names
        .iter()
        .map(|n| n.full.as_str())
        .filter(|n| *n != name && super::script::script_of(n).is_latin_or_none() && words(n).len() <= 8)
        .collect();
    if others.is_empty() {
        return None;
    }
    let other = *rng.pick(&others);
    let (a, b) = if rng.chance(0.5) { (name, other) } else { (other, name) };
    match rng.below(4) {
        0 => rewrite(format!("{a}/{b}"), "slash"),
        1 => rewrite(format!("{a} / {b}"), "spaced_slash"),
        2 => rewrite(format!("{a} ({b})"), "parentheses"),
        _ => rewrite(format!("{a} aka {b}"), "aka"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use embargo_model::Entity;

    fn cx<'a>(e: &'a Entity, nick: &'a std::collections::HashMap<String, Vec<String>>) -> Context<'a> {
        Context { entity: e, nicknames: nick }
    }

    #[test]
    fn numbers_are_written_in_words() {
        assert_eq!(number_in_words(44).as_deref(), Some("forty-four"));
        assert_eq!(number_in_words(7622).as_deref(), Some("seven thousand six hundred twenty-two"));
        assert_eq!(number_in_words(0).as_deref(), Some("zero"));
        assert_eq!(number_in_words(10_000), None);
    }

    #[test]
    fn legal_forms_are_found_dotted_spaced_or_as_words() {
        let ws = words("SERVICIOS ALFA S.A. DE C.V.");
        let (s, e, g) = find_legal_form(&ws).unwrap();
        assert_eq!((s, e, g[0]), (2, 5, "SA DE CV"));
        let ws = words("ROMASHKA LIMITED LIABILITY COMPANY");
        assert_eq!(find_legal_form(&ws).map(|(s, e, _)| (s, e)), Some((1, 4)));
        // "SA" inside a word, or a word that merely contains the letters, is no legal form.
        assert!(find_legal_form(&words("SAMSUNG SANTA")).is_none());
    }

    #[test]
    fn legal_form_rewrites_spaced_run_together_and_expanded() {
        let e = embargo_testkit::organization("t", "1", "SERVICIOS ALFA S.A. DE C.V.").build();
        let nick = Default::default();
        let mut seen = std::collections::BTreeSet::new();
        for seed in 0..200 {
            let r = apply(
                Treatment::LegalForm,
                "SERVICIOS ALFA S.A. DE C.V.",
                &cx(&e, &nick),
                &mut Rng::new(seed),
            )
            .unwrap();
            seen.insert(r.query);
        }
        for expected in [
            "SERVICIOS ALFA S A DE C V",
            "SERVICIOS ALFA s a de c v",
            "SERVICIOS ALFAS.A. DE C.V.",
            "SERVICIOS ALFA SOCIEDAD ANONIMA DE CAPITAL VARIABLE",
            "SERVICIOS ALFA",
        ] {
            assert!(seen.contains(expected), "{expected} not in {seen:?}");
        }
    }

    #[test]
    fn legal_forms_run_into_the_neighbouring_word() {
        let nick = Default::default();
        let mut seen = std::collections::BTreeSet::new();
        for (name, seeds) in
            [("ROMASHKA JSC", 0..60), ("DART AIRLINES S.A.L.", 0..60), ("JOINT STOCK COMPANY POLIMER", 0..60)]
        {
            let e = embargo_testkit::organization("t", "1", name).build();
            for seed in seeds {
                seen.insert(
                    apply(Treatment::LegalForm, name, &cx(&e, &nick), &mut Rng::new(seed)).unwrap().query,
                );
            }
        }
        for expected in [
            "ROMASHKAJSC",
            "DART AIRLINESS.A.L.",
            "DART AIRLINESSAL",
            "JOINT STOCK COMPANYPOLIMER",
            "POLIMER",
        ] {
            assert!(seen.contains(expected), "{expected} not in {seen:?}");
        }
    }

    #[test]
    fn a_legal_form_is_no_particle_and_an_arabic_name_is_not_slavic() {
        let nick = Default::default();
        let e = embargo_testkit::organization("t", "1", "x").build();
        for seed in 0..30 {
            let r = apply(
                Treatment::ParticleJoined,
                "SUNCAN MEXICO, S. DE R.L. DE C.V.",
                &cx(&e, &nick),
                &mut Rng::new(seed),
            );
            assert!(r.is_none(), "{:?}", r.map(|r| r.query));
        }
        let p = embargo_testkit::person("t", "2", "x").build();
        assert!(
            apply(Treatment::TranslitSlavic, "Nejm-addin Khrait", &cx(&p, &nick), &mut Rng::new(1)).is_none()
        );
        assert!(apply(
            Treatment::TranslitSlavic,
            "Arkady Viktorovich BAKHIN",
            &cx(&p, &nick),
            &mut Rng::new(1)
        )
        .is_some());
    }

    #[test]
    fn particles_are_joined_with_the_name() {
        let e = embargo_testkit::person("t", "1", "Cornelius van der Bilt").build();
        let nick = Default::default();
        let r = apply(Treatment::ParticleJoined, "Cornelius van der Bilt", &cx(&e, &nick), &mut Rng::new(1))
            .unwrap();
        assert_eq!(r.query, "Cornelius vanderbilt");
        let r =
            apply(Treatment::ParticleJoined, "Ahmad al-Hashimi", &cx(&e, &nick), &mut Rng::new(1)).unwrap();
        assert_eq!(r.query, "Ahmad alhashimi");
    }

    #[test]
    fn a_middle_name_is_dropped_but_not_a_particle_title_or_korean_syllable() {
        let nick = Default::default();
        let e = embargo_testkit::person("t", "1", "x").build();
        let r = apply(
            Treatment::DroppedMiddleName,
            "CHEREZOV, Andrey Vladimirovich",
            &cx(&e, &nick),
            &mut Rng::new(1),
        )
        .unwrap();
        assert_eq!(r.query, "CHEREZOV, Andrey");
        assert!(apply(Treatment::DroppedMiddleName, "Abdul Rahman Yasin", &cx(&e, &nick), &mut Rng::new(1))
            .is_none());
        let kp = embargo_testkit::person("t", "2", "KIM, Chol Sam").country("KP").build();
        assert!(
            apply(Treatment::DroppedMiddleName, "KIM, Chol Sam", &cx(&kp, &nick), &mut Rng::new(1)).is_none()
        );
    }

    #[test]
    fn numbers_change_form() {
        let e = embargo_testkit::organization("t", "1", "x").build();
        let nick = Default::default();
        let mut seen = std::collections::BTreeSet::new();
        for seed in 0..100 {
            if let Some(r) = apply(Treatment::Number, "NAME 7622", &cx(&e, &nick), &mut Rng::new(seed)) {
                seen.insert(r.query);
            }
            if let Some(r) = apply(Treatment::Number, "RA-12345", &cx(&e, &nick), &mut Rng::new(seed)) {
                seen.insert(r.query);
            }
            if let Some(r) = apply(Treatment::Number, "1st Battalion", &cx(&e, &nick), &mut Rng::new(seed)) {
                seen.insert(r.query);
            }
            if let Some(r) = apply(Treatment::Number, "DIVISION 44", &cx(&e, &nick), &mut Rng::new(seed)) {
                seen.insert(r.query);
            }
        }
        assert!(!seen.iter().any(|q| q.contains("THOUSAND")), "{seen:?}");
        for expected in ["DIVISION FORTY-FOUR", "NAME7622", "RA12345", "RA 12345", "First Battalion"] {
            assert!(seen.contains(expected), "{expected} not in {seen:?}");
        }
    }

    #[test]
    fn nicknames_replace_a_given_name_in_the_case_of_the_list() {
        let e = embargo_testkit::person("t", "1", "x").build();
        let mut nick = std::collections::HashMap::new();
        nick.insert("robert".to_owned(), vec!["bob".to_owned()]);
        let r = apply(Treatment::Nickname, "SMITH, ROBERT", &cx(&e, &nick), &mut Rng::new(1)).unwrap();
        assert_eq!(r.query, "SMITH, BOB");
    }
}
