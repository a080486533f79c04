//! String primitives of matching: bounded edit distance, deletion neighbourhoods, written-form
//! equality. They work on `char`s so that folded text with any leftover non-ASCII letter is
//! still measured in letters, not bytes.

/// The number of edits a token of `len` letters may carry and still be found by the index
/// (see the crate docs): none for short tokens, where one edit already makes another word,
/// one from four letters, two from eight.
pub(crate) fn edit_budget(len: usize) -> usize {
    match len {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

/// Optimal-string-alignment distance (Levenshtein plus adjacent transposition, the commonest
/// typing slip), or `None` when it exceeds `max`. Stops as soon as a whole row exceeds `max`.
pub(crate) fn osa_distance(a: &str, b: &str, max: usize) -> Option<usize> {
    let a: smallvec::SmallVec<[char; 32]> = a.chars().collect();
    let b: smallvec::SmallVec<[char; 32]> = b.chars().collect();
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    if a.is_empty() || b.is_empty() {
        return Some(a.len().max(b.len()));
    }
    let width = b.len() + 1;
    let mut prev2: smallvec::SmallVec<[usize; 32]> = smallvec::smallvec![0; width];
    let mut prev: smallvec::SmallVec<[usize; 32]> = (0..width).collect();
    let mut cur: smallvec::SmallVec<[usize; 32]> = smallvec::smallvec![0; width];
    for i in 1..=a.len() {
        cur[0] = i;
        let mut row_min = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(prev2[j - 2] + 1);
            }
            cur[j] = d;
            row_min = row_min.min(d);
        }
        if row_min > max {
            return None;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    let d = prev[b.len()];
    (d <= max).then_some(d)
}

/// Every string obtained from `s` by deleting up to `depth` letters, `s` itself included,
/// without repeats. Two strings within `depth` edits of each other share at least one member of
/// their neighbourhoods (the SymSpell observation), which is what lets the index find typos by
/// exact key lookups.
pub(crate) fn deletion_neighbourhood(s: &str, depth: usize) -> Vec<String> {
    let mut out = vec![s.to_owned()];
    let mut frontier = vec![s.to_owned()];
    for _ in 0..depth {
        let mut next = Vec::new();
        for word in &frontier {
            let chars: Vec<(usize, char)> = word.char_indices().collect();
            if chars.len() <= 1 {
                continue;
            }
            for &(at, c) in &chars {
                let mut shorter = String::with_capacity(word.len());
                shorter.push_str(&word[..at]);
                shorter.push_str(&word[at + c.len_utf8()..]);
                if !out.contains(&shorter) {
                    out.push(shorter.clone());
                    next.push(shorter);
                }
            }
        }
        frontier = next;
    }
    out
}

/// Whether two tokens are written the same but for case and punctuation
/// (`"AGHAJANI,"` and `"Aghajani"`), as opposed to differing in diacritics or script.
pub(crate) fn same_written(a: &str, b: &str) -> bool {
    let fold =
        |s: &str| s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect::<String>();
    if a.is_ascii() && b.is_ascii() {
        let mut x = a.bytes().filter(u8::is_ascii_alphanumeric);
        let mut y = b.bytes().filter(u8::is_ascii_alphanumeric);
        loop {
            match (x.next(), y.next()) {
                (None, None) => return true,
                (Some(p), Some(q)) if p.eq_ignore_ascii_case(&q) => {}
                _ => return false,
            }
        }
    }
    fold(a) == fold(b)
}

/// Whether a written token is in a script other than Latin (so that agreeing with a Latin token
/// means it was transliterated).
pub(crate) fn is_non_latin(written: &str) -> bool {
    written.chars().any(|c| c.is_alphabetic() && !is_latin_letter(c))
}

fn is_latin_letter(c: char) -> bool {
    c.is_ascii_alphabetic()
        || matches!(c, '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}' | '\u{0250}'..='\u{02AF}')
}

/// A 64-bit key of `(namespace, text)` for the inverted index.
pub(crate) fn key(namespace: u8, text: &str) -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = foldhash::fast::FixedState::with_seed(0x5eed_cafe).build_hasher();
    h.write_u8(namespace);
    h.write(text.as_bytes());
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn osa_counts_a_transposition_as_one_edit() {
        assert_eq!(osa_distance("aghajani", "agahjani", 2), Some(1));
        assert_eq!(osa_distance("rezaei", "rezaie", 2), Some(1));
        assert_eq!(osa_distance("kitten", "sitting", 3), Some(3));
        assert_eq!(osa_distance("kitten", "sitting", 2), None);
        assert_eq!(osa_distance("", "abc", 3), Some(3));
        assert_eq!(osa_distance("сергей", "сергеи", 1), Some(1));
    }

    #[test]
    fn neighbourhoods_of_words_two_edits_apart_intersect() {
        let a = deletion_neighbourhood("abdolrahman", 2);
        let b = deletion_neighbourhood("abdulrahmen", 2);
        assert!(a.iter().any(|k| b.contains(k)));
        let c = deletion_neighbourhood("vladimir", 2);
        assert!(!a.iter().any(|k| c.contains(k)));
        assert_eq!(deletion_neighbourhood("aab", 1), vec!["aab", "ab", "aa"]);
    }

    #[test]
    fn written_forms_ignore_case_and_punctuation_only() {
        assert!(same_written("AGHAJANI,", "Aghajani"));
        assert!(!same_written("José", "Jose"));
        assert!(same_written("JOSÉ", "josé"));
        assert!(!same_written("ab", "abc"));
    }

    #[test]
    fn scripts_other_than_latin_are_detected() {
        assert!(is_non_latin("Сергей"));
        assert!(is_non_latin("محمد"));
        assert!(!is_non_latin("Émile-Zoë"));
    }
}
