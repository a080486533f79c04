//! Chinese and Korean personal names compared syllable by syllable.
//!
//! In a name whose every word reads as Chinese or Korean syllables (in characters, Hangul or a
//! romanisation, see [`embargo_names::cjk_word`]) and one of which may be a common Chinese or
//! Korean family name, two words are the same syllables under some romanisation (Jong /
//! Jeong / Chong, Ri / Lee / Yi, Zhang / Chang, 김 / Kim: a spelling variant) or different
//! syllables (Sik / Suk, Xiuying / Xiuling, Li / Lei: no credit), never a near match by edit
//! distance: one letter off is another name there, where it is a typo in other names.

use crate::scorer::TokenMatch;
use crate::token::{NameToken, TokenForms};
use embargo_names::{same_syllables, TokenRole};

/// What two syllable words that are the same syllables earn: a spelling variant's similarity.
pub(crate) const SAME_SYLLABLES_SIMILARITY: f32 = 0.95;

/// Whether a name reads as a Chinese or Korean person's name: two to four words, each a word of
/// a person's name read as syllables (a one-letter word too: the family name O, the given name
/// I), one of them a common family name or all of them Chinese
/// syllables (XI Jinping: pinyin and Wade-Giles are a closed set of syllables, where many
/// words of other languages read as Korean ones).
pub(crate) fn is_cjk_name(side: &[NameToken<'_>]) -> bool {
    (2..=4).contains(&side.len())
        && side.iter().all(|t| {
            matches!(t.role, TokenRole::Name | TokenRole::Given | TokenRole::Family | TokenRole::Initial)
                && t.forms.cjk.is_some()
        })
        && (side.iter().any(|t| t.forms.cjk.as_ref().is_some_and(|w| w.family))
            || side.iter().all(|t| t.forms.cjk.as_ref().is_some_and(|w| w.chinese)))
}

/// Whether a name read as a Chinese or Korean person's ([`is_cjk_name`]) is written in
/// characters or Hangul: a person's name, whose first word is the family name, whatever the
/// other name is.
pub(crate) fn is_native_name(side: &[NameToken<'_>]) -> bool {
    side[0].forms.cjk.as_ref().is_some_and(|w| w.native)
}

/// The similarity of two words of Chinese or Korean names (both read as syllables), in place
/// of `found` ([`crate::token_similarity`]): the same syllables score as a spelling variant,
/// different ones not at all. `None` when a word is not read as syllables.
pub(crate) fn syllable_similarity(
    a: &TokenForms,
    b: &TokenForms,
    found: (f32, TokenMatch),
) -> Option<(f32, TokenMatch)> {
    let (x, y) = (a.cjk.as_deref()?, b.cjk.as_deref()?);
    // The same text; otherwise the syllables decide, not the spelling tables of other
    // languages (Li / Lei / Lee are one name there).
    if found.0 >= 1.0 {
        return Some(found);
    }
    Some(if same_syllables(x, y) {
        let how = if a.non_latin != b.non_latin { TokenMatch::Transliterated } else { TokenMatch::Variant };
        (SAME_SYLLABLES_SIMILARITY, how)
    } else {
        (0.0, TokenMatch::None)
    })
}

/// Whether two adjacent one-syllable words (Jong Suk) and one word of two syllables (Jeongsuk)
/// may be the same syllables. `None` when a word is not read as syllables.
pub(crate) fn joined_same(first: &TokenForms, second: &TokenForms, single: &TokenForms) -> Option<bool> {
    let (f, s, w) = (first.cjk.as_deref()?, second.cjk.as_deref()?, single.cjk.as_deref()?);
    // Whether `id` is a syllable of a one-syllable reading of `word`.
    let may_be = |word: &embargo_names::CjkWord, syllable: &embargo_names::Syllable| {
        word.readings.iter().any(|r| r.len() == 1 && r[0].iter().any(|id| syllable.contains(id)))
    };
    Some(w.readings.iter().any(|r| r.len() == 2 && may_be(f, &r[0]) && may_be(s, &r[1])))
}

/// A similarity the syllable rule may raise two words to, for screening's bound: that of the
/// same syllables when they may be, else `ceiling`.
pub(crate) fn ceiling(a: &TokenForms, b: &TokenForms, ceiling: f32) -> f32 {
    if ceiling >= SAME_SYLLABLES_SIMILARITY {
        return ceiling;
    }
    match (a.cjk.as_deref(), b.cjk.as_deref()) {
        (Some(x), Some(y)) if same_syllables(x, y) => SAME_SYLLABLES_SIMILARITY,
        _ => ceiling,
    }
}

/// Raises to 1 the ceilings of two adjacent words of `side` and a word of `other` that may be
/// the same syllables written apart and joined (Jong Suk / Jeongsuk), for screening's bound.
pub(crate) fn mark_joinable(
    side: &[NameToken<'_>],
    other: &[NameToken<'_>],
    ceiling_side: &mut [f32],
    ceiling_other: &mut [f32],
) {
    for i in 0..side.len().saturating_sub(1) {
        for (j, t) in other.iter().enumerate() {
            if joined_same(side[i].forms, side[i + 1].forms, t.forms) == Some(true) {
                ceiling_side[i] = 1.0;
                ceiling_side[i + 1] = 1.0;
                ceiling_other[j] = 1.0;
            }
        }
    }
}
