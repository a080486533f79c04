//! Typo correction of legal-form words (`LIMTIED`, `JOINT STOCLK COMPANY`): a symmetric-
//! deletion index of the words of the legal-form aliases, filtered by [`KeyFilter`]s.

use super::key_filter::{key_hash, DeletionHashes, KeyFilter};
use super::{HashMap, Tables};

/// A word of the legal-form aliases, with the number of aliases that use it: `limited` in
/// dozens, the misspelt aliases of the table (`limitd`, `limitted`) in one or a few.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct LegalWord {
    pub word: &'static str,
    pub uses: u32,
}

/// The legal-form words a word may be a typo of: within one typo, and within two.
pub(crate) type Corrections = (Vec<&'static str>, Vec<&'static str>);

/// The word with one letter deleted, at each position.
pub(super) fn deletions(word: &str) -> impl Iterator<Item = String> + '_ {
    word.char_indices().map(move |(i, c)| format!("{}{}", &word[..i], &word[i + c.len_utf8()..]))
}

/// The legal-form word `word` is, if it is one (`limited`, `obshchestvo`, `joint`...).
pub(crate) fn legal_word<'t>(word: &str, tables: &'t Tables) -> Option<&'t LegalWord> {
    // Most words are not: the filter says so without the map's memory traffic.
    if !tables.legal_word_keys.may_contain(key_hash(word.as_bytes())) {
        return None;
    }
    tables.legal_words.get(word)?.iter().find(|w| w.word == word)
}

/// The legal-form words `word` may miss by a typo (substitution, insertion, deletion or
/// transposition of neighbours), or, with `two_typos`, by two when one of the words has 8
/// letters or more (as the matcher's edit budget counts: `LABILTY` is LIABILITY with two letters
/// left out):
/// only words more legal forms use than `word` itself, the most used first, then the closest in
/// length. Empty for a word too short or far from all of them. Whether a correction stands is
/// decided by the caller: only where it completes a legal form, so every close word is offered
/// (`CENTURE` is as close to `centre` as to `venture`; only `JOINT VENTURE` is a legal form).
/// `known` is `word`'s own entry when it is a legal-form word (see [`legal_word`]).
pub(crate) fn correct_legal_word(
    word: &str,
    known: Option<&LegalWord>,
    two_typos: bool,
    tables: &Tables,
) -> Vec<&'static str> {
    if let Some(known) = known {
        // A legal-form word's corrections are the same every time: computed once.
        return match tables.vocabulary_corrections.get(known.word) {
            Some((one, two)) => if two_typos { two } else { one }.clone(),
            None => Vec::new(),
        };
    }
    let index = TypoIndex {
        words: &tables.legal_words,
        deletions2: &tables.legal_deletions2,
        word_keys: &tables.legal_word_keys,
        deletion2_keys: &tables.legal_deletion2_keys,
        max_non_letters: tables.legal_word_max_non_letters,
    };
    index.corrections(word, 0, two_typos)
}

/// The fewest letters of the longer word for two typos to be read in it.
const TWO_TYPOS_MIN_LETTERS: usize = 8;

/// Words shorter than this (of four letters) are corrected only one true edit away: a deletion
/// on either side also meets words two edits apart, which in four letters is another word
/// ("HELICS GEMB CO" read GEMB CO as GMBH & CO).
const SHORT_WORD_LETTERS: usize = 5;

/// The symmetric-deletion indexes of the legal-form words.
pub(super) struct TypoIndex<'t> {
    pub(super) words: &'t HashMap<String, Vec<LegalWord>>,
    pub(super) deletions2: &'t HashMap<String, Vec<LegalWord>>,
    pub(super) word_keys: &'t KeyFilter,
    pub(super) deletion2_keys: &'t KeyFilter,
    pub(super) max_non_letters: usize,
}

/// Bytes of `word` that are not ASCII letters.
pub(super) fn non_letters(word: &str) -> usize {
    word.bytes().filter(|b| !b.is_ascii_alphabetic()).count()
}

impl TypoIndex<'_> {
    /// See [`correct_legal_word`]; `own_uses`: in how many aliases `word` itself is.
    pub(super) fn corrections(&self, word: &str, own_uses: u32, two_typos: bool) -> Vec<&'static str> {
        let mut found: Vec<LegalWord> = Vec::new();
        // Legal-form words are short; longer words are not looked at (which also keeps the
        // two-typo search bounded on hostile input).
        if word.len() < 4 || word.len() > 32 || !word.is_ascii() {
            return Vec::new();
        }
        // Each typo brings one character at most that no legal-form word has.
        // Two typos in a word of 8 letters or more leave 6 at least.
        let two_typos = two_typos && word.len() >= TWO_TYPOS_MIN_LETTERS - 2;
        let typos = if two_typos { 2 } else { 1 };
        if non_letters(word) > self.max_non_letters + typos {
            return Vec::new();
        }
        // `min_letters`: of the longer of `word` and a candidate (for two typos).
        let consider =
            |map: &HashMap<String, Vec<LegalWord>>, key: &str, found: &mut Vec<LegalWord>, min_letters| {
                for &candidate in map.get(key).into_iter().flatten() {
                    if candidate.uses > own_uses
                        && candidate.word != word
                        && candidate.word.len().max(word.len()) >= min_letters
                        && (candidate.word.len().min(word.len()) >= SHORT_WORD_LETTERS
                            || crate::keys::within_one_edit(candidate.word.as_bytes(), word.as_bytes()))
                        && !found.contains(&candidate)
                    {
                        found.push(candidate);
                    }
                }
            };
        // Symmetric deletion: the word and its deletions (ASCII, checked above) meet the
        // legal-form words and their deletions; one typo needs one deletion on either side at
        // most. Most words are far from every legal-form word: a key whose hash the filter of
        // an index does not hold is not in it, and is neither built nor looked up.
        let hashes = DeletionHashes::new(word);
        let (in_words, in_deletions2) =
            (|hash| self.word_keys.may_contain(hash), |hash| self.deletion2_keys.may_contain(hash));
        // Allocated at the first key built (most words build none).
        let mut key = String::new();
        if in_words(hashes.whole()) {
            consider(self.words, word, &mut found, 0);
        }
        for skip in 0..word.len() {
            if !in_words(hashes.without(skip)) {
                continue;
            }
            key.clear();
            key.push_str(&word[..skip]);
            key.push_str(&word[skip + 1..]);
            consider(self.words, &key, &mut found, 0);
        }
        if found.is_empty() && two_typos {
            // Two typos (two substitutions need two deletions on each side).
            if in_deletions2(hashes.whole()) {
                consider(self.deletions2, word, &mut found, TWO_TYPOS_MIN_LETTERS);
            }
            for a in 0..word.len() {
                if in_deletions2(hashes.without(a)) {
                    key.clear();
                    key.push_str(&word[..a]);
                    key.push_str(&word[a + 1..]);
                    consider(self.deletions2, &key, &mut found, TWO_TYPOS_MIN_LETTERS);
                }
                for b in a + 1..word.len() {
                    let hash = hashes.without_two(a, b);
                    let (words, deletions2) = (in_words(hash), in_deletions2(hash));
                    if !words && !deletions2 {
                        continue;
                    }
                    key.clear();
                    key.push_str(&word[..a]);
                    key.push_str(&word[a + 1..b]);
                    key.push_str(&word[b + 1..]);
                    if words {
                        consider(self.words, &key, &mut found, TWO_TYPOS_MIN_LETTERS);
                    }
                    if deletions2 {
                        consider(self.deletions2, &key, &mut found, TWO_TYPOS_MIN_LETTERS);
                    }
                }
            }
        }
        found.sort_by_key(|c| (std::cmp::Reverse(c.uses), c.word.len().abs_diff(word.len()), c.word));
        found.into_iter().map(|c| c.word).collect()
    }
}
