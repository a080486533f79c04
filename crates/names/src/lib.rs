//! Name analysis for screening: no I/O, pure functions over strings.
//!
//! (API contract; the implementation is being written.)

use embargo_model::EntityKind;
use serde::{Deserialize, Serialize};

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

/// Unicode normalisation, case folding, punctuation and spacing, diacritics folded.
/// Idempotent: `normalize(&normalize(s)) == normalize(s)`.
pub fn normalize(s: &str) -> String {
    s.split_whitespace().map(|w| w.to_lowercase()).collect::<Vec<_>>().join(" ")
}

/// Analyses a name; `kind` (when known) decides whether legal forms and organisation words or
/// personal-name roles apply.
pub fn analyze(name: &str, _kind: Option<EntityKind>) -> AnalyzedName {
    let tokens = normalize(name)
        .split(' ')
        .filter(|t| !t.is_empty())
        .map(|t| Token {
            original: t.to_owned(),
            text: t.to_owned(),
            role: TokenRole::Name,
            variants: Vec::new(),
            skeleton: t.to_owned(),
            phonetic: t.to_owned(),
            weight: 1.0,
        })
        .collect();
    AnalyzedName { original: name.to_owned(), script: "Latn".to_owned(), tokens, titles: Vec::new() }
}
