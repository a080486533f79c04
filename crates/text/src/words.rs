//! Running text split into words, each with its character span, how it is written (case,
//! script) and what separates it from the word before (a space, a hyphen, a comma, the end of a
//! sentence): the cues that tell where a name may start and stop.

use embargo_names::Script;

/// How a word is capitalised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Case {
    /// `Bagheri`, `Шойгу`.
    Title,
    /// `BAGHERI`, `IRGC`.
    Upper,
    /// `said`.
    Lower,
    /// A script without case (Arabic, Persian, Chinese) or digits: capitals tell nothing.
    None,
}

/// What stands between a word and the one before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Gap {
    /// Spaces only (or an inline dot after an initial or an abbreviation: `Gen. Bagheri`).
    Space,
    /// A hyphen joining two words (`Aqa-Jani`, `al-Quds`).
    Hyphen,
    /// Punctuation that ends a name but not a sentence (`,`, `;`, `(`, quotes, a dash).
    Clause,
    /// The end of a sentence or a line, or the start of the text.
    Sentence,
}

/// One word of the text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Word<'t> {
    /// Character offsets in the text, end exclusive; a possessive `'s` is outside.
    pub start: usize,
    pub end: usize,
    /// As written (without a possessive ending).
    pub text: &'t str,
    pub case: Case,
    pub script: Script,
    pub gap: Gap,
    /// Written with a possessive ending (`Putin's`, `Guards'`): a name ends here.
    pub possessive: bool,
    /// On a line written in capitals (a headline): its case tells nothing.
    pub shouted: bool,
}

/// Abbreviations whose dot does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "gen", "col", "lt", "maj", "brig", "capt", "cpt", "sgt", "adm", "cmdr", "mr", "mrs", "ms", "dr", "prof",
    "st", "jr", "sr", "no", "co", "inc", "ltd", "corp", "messrs", "rev", "sen", "rep", "gov", "pres", "vs",
    "ген", "им", "г",
];

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
        || matches!(c as u32, 0x0300..=0x036F | 0x064B..=0x065F | 0x0670 | 0x200C | 0x200D | 0x0483..=0x0487)
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | '`' | 'ʹ')
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑')
}

/// Splits `text` into words.
pub(crate) fn split(text: &str) -> Vec<Word<'_>> {
    let mut words: Vec<Word> = Vec::with_capacity(text.len() / 6);
    // (byte, char) positions walked together.
    let mut chars = text.char_indices().enumerate().peekable();
    let mut gap = Gap::Sentence;
    while let Some((ci, (bi, c))) = chars.next() {
        if !is_word_char(c) {
            gap = gap.max(gap_of(c, &words, text, bi));
            continue;
        }
        // A word: letters and digits, with apostrophes inside (O'Brien, Ma'soud).
        let (start_char, start_byte) = (ci, bi);
        let mut end_char = ci + 1;
        let mut end_byte = bi + c.len_utf8();
        let mut possessive = false;
        while let Some(&(nci, (nbi, nc))) = chars.peek() {
            if is_word_char(nc) {
                chars.next();
                end_char = nci + 1;
                end_byte = nbi + nc.len_utf8();
                continue;
            }
            if is_apostrophe(nc) {
                let rest = &text[nbi + nc.len_utf8()..];
                let mut after = rest.chars();
                let next = after.next();
                let next_next = after.next();
                let s_ending = matches!(next, Some('s' | 'S')) && !next_next.is_some_and(is_word_char);
                if s_ending {
                    // `Putin's`: the word ends before the apostrophe.
                    chars.next();
                    chars.next();
                    possessive = true;
                } else if next.is_some_and(is_word_char) {
                    chars.next();
                    continue;
                } else if text[start_byte..end_byte].ends_with(['s', 'S']) {
                    // `the Guards'`.
                    chars.next();
                    possessive = true;
                }
            }
            break;
        }
        let word = &text[start_byte..end_byte];
        words.push(Word {
            start: start_char,
            end: end_char,
            text: word,
            case: case_of(word),
            script: script_of(word),
            gap,
            possessive,
            shouted: false,
        });
        gap = Gap::Space;
    }
    mark_shouted_lines(&mut words);
    words
}

/// The gap a separator character makes after the words read so far.
fn gap_of(c: char, words: &[Word], text: &str, byte: usize) -> Gap {
    match c {
        ' ' | '\t' | '\u{a0}' | '\u{200B}' | '\u{feff}' => Gap::Space,
        c if is_hyphen(c) => {
            // A hyphen joins only when it touches the words on both sides.
            let before = text[..byte].chars().next_back().is_some_and(is_word_char);
            let after = text[byte + c.len_utf8()..].chars().next().is_some_and(is_word_char);
            if before && after {
                Gap::Hyphen
            } else {
                Gap::Clause
            }
        }
        '.' => {
            let Some(last) = words.last() else { return Gap::Sentence };
            let touching = text[..byte].chars().next_back().is_some_and(is_word_char);
            let lower = last.text.to_lowercase();
            let initial = last.text.chars().count() == 1 && last.case == Case::Upper;
            if touching && (initial || ABBREVIATIONS.contains(&lower.as_str())) {
                Gap::Space
            } else {
                Gap::Sentence
            }
        }
        '!' | '?' | '…' | '\n' | '\r' | '。' | '؟' | '|' => Gap::Sentence,
        _ => Gap::Clause,
    }
}

/// The script of a word; ASCII words without the general look-up.
fn script_of(word: &str) -> Script {
    if word.is_ascii() {
        if word.bytes().any(|b| b.is_ascii_alphabetic()) {
            Script::Latin
        } else {
            Script::Common
        }
    } else {
        embargo_names::dominant_script(word)
    }
}

fn case_of(word: &str) -> Case {
    let mut upper = 0;
    let mut lower = 0;
    let mut first = None;
    for c in word.chars() {
        if c.is_uppercase() {
            upper += 1;
            first.get_or_insert(Case::Upper);
        } else if c.is_lowercase() {
            lower += 1;
            first.get_or_insert(Case::Lower);
        }
    }
    match (first, upper, lower) {
        (None, _, _) => Case::None,
        (Some(Case::Lower), _, _) => Case::Lower,
        (_, _, 0) => Case::Upper,
        _ => Case::Title,
    }
}

/// Words on a line written in capitals (headlines, wire slugs): at least three cased words,
/// four in five of them in capitals.
fn mark_shouted_lines(words: &mut [Word]) {
    let mut line_start = 0;
    for i in 0..=words.len() {
        // Words keep no separators, so a line is approximated by a sentence: a headline has no
        // full stop inside.
        let new_line = i == words.len() || (i > 0 && words[i].gap == Gap::Sentence);
        if !new_line {
            continue;
        }
        let line = &mut words[line_start..i];
        let cased = line.iter().filter(|w| matches!(w.case, Case::Upper | Case::Title | Case::Lower)).count();
        let upper = line.iter().filter(|w| w.case == Case::Upper && w.text.chars().count() > 1).count();
        if cased >= 3 && upper * 5 >= cased * 4 {
            for w in line.iter_mut() {
                w.shouted = true;
            }
        }
        line_start = i;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(t: &str) -> Vec<(String, Gap, bool)> {
        split(t).into_iter().map(|w| (w.text.to_owned(), w.gap, w.possessive)).collect()
    }

    #[test]
    fn possessives_hyphens_initials_and_sentences() {
        let words =
            split("Russia's Alabuga zone. Gen. Mohammad H. Bagheri, the Guards' chief, met Aqa-Jani.");
        let t: Vec<&str> = words.iter().map(|w| w.text).collect();
        assert_eq!(
            t,
            [
                "Russia", "Alabuga", "zone", "Gen", "Mohammad", "H", "Bagheri", "the", "Guards", "chief",
                "met", "Aqa", "Jani"
            ]
        );
        assert!(words[0].possessive && words[8].possessive);
        assert_eq!(words[3].gap, Gap::Sentence);
        assert_eq!(words[4].gap, Gap::Space, "the dot of Gen. ends no sentence");
        assert_eq!(words[6].gap, Gap::Space, "the dot of an initial ends no sentence");
        assert_eq!(words[7].gap, Gap::Clause);
        assert_eq!(words[12].gap, Gap::Hyphen);
        assert_eq!((words[1].start, words[1].end), (9, 16));
    }

    #[test]
    fn apostrophes_inside_names_stay() {
        assert_eq!(texts("Ma'soud O’Brien")[1].0, "O’Brien");
        assert_eq!(texts("Ma'soud O’Brien")[0].0, "Ma'soud");
    }

    #[test]
    fn cases_and_scripts() {
        let words = split("IRGC Шойгу said باقری 924");
        let cases: Vec<Case> = words.iter().map(|w| w.case).collect();
        assert_eq!(cases, [Case::Upper, Case::Title, Case::Lower, Case::None, Case::None]);
        assert_eq!(words[1].script, Script::Cyrillic);
        assert_eq!(words[3].script, Script::Arabic);
    }

    #[test]
    fn headlines_in_capitals_are_marked() {
        let words = split("EU SANCTIONS IRANIAN GENERALS OVER DRONES\nThe Council said.");
        assert!(words[..6].iter().all(|w| w.shouted));
        assert!(!words[6].shouted);
    }

    #[test]
    fn character_offsets_count_characters_not_bytes() {
        let words = split("Генерал Шойгу");
        assert_eq!((words[1].start, words[1].end), (8, 13));
    }
}
