//! String primitives of matching: bounded edit distance, deletion neighbourhoods, written-form
//! equality. They work on `char`s so that folded text with any leftover non-ASCII letter is
//! still measured in letters, not bytes.

use std::ops::RangeInclusive;

/// The number of edits a token of `len` letters may carry and still be found by the index
/// (see the crate docs): none for short tokens, where one edit already makes another word,
/// one from four letters, two from eight. The scorer tolerates no more (see
/// `scorer::edit_allowance`), so that the keys find every pair of words it finds alike.
pub(crate) fn edit_budget(len: usize) -> usize {
    match len {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

/// Optimal-string-alignment distance (Levenshtein plus adjacent transposition, the commonest
/// typing slip), or `None` when it exceeds `max`. Stops as soon as a whole row exceeds `max`.
pub fn osa_distance(a: &str, b: &str, max: usize) -> Option<usize> {
    let a: smallvec::SmallVec<[char; 32]> = a.chars().collect();
    let b: smallvec::SmallVec<[char; 32]> = b.chars().collect();
    osa_distance_chars(&a, &b, max)
}

/// [`osa_distance`] over letters already split: by [`osa_bit_vectors`] for the words of
/// folded names (letters a-z and digits, 64 at most), else by the table. Rows live on the stack
/// for tokens up to 63 letters (longer ones go to the heap); only the band of cells within `max`
/// of the diagonal is computed, since cells outside it cannot come back under `max`.
pub(crate) fn osa_distance_chars(a: &[char], b: &[char], max: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    if a.is_empty() || b.is_empty() {
        return Some(a.len().max(b.len()));
    }
    if let Some(d) = osa_bit_vectors(a, b) {
        return (d <= max).then_some(d);
    }
    const STACK: usize = 64;
    let width = b.len() + 1;
    let mut stack = [0u32; 3 * STACK];
    let mut heap = Vec::new();
    let rows: &mut [u32] = if width <= STACK {
        &mut stack[..3 * width]
    } else {
        heap.resize(3 * width, 0);
        &mut heap
    };
    // Rows i - 2, i - 1 and i, as three slices turned round after each row: indexing one table
    // by (row % 3) * width cost a division and an addition per cell read.
    let (before, rest) = rows.split_at_mut(width);
    let (above, here) = rest.split_at_mut(width);
    let (mut before, mut above, mut here) = (before, above, &mut here[..width]);
    let over = max as u32 + 1;
    for (j, cell) in above.iter_mut().enumerate() {
        *cell = (j as u32).min(over);
    }
    for i in 1..=a.len() {
        let lo = i.saturating_sub(max).max(1);
        let hi = (i + max).min(b.len());
        here[0] = (i as u32).min(over);
        if lo > 1 {
            here[lo - 1] = over;
        }
        let mut row_min = if lo == 1 { here[0] } else { over };
        let letter = a[i - 1];
        for j in lo..=hi {
            let cost = u32::from(letter != b[j - 1]);
            let mut d = (above[j] + 1).min(here[j - 1] + 1).min(above[j - 1] + cost);
            if i > 1 && j > 1 && letter == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(before[j - 2] + 1);
            }
            let d = d.min(over);
            here[j] = d;
            row_min = row_min.min(d);
        }
        if hi < b.len() {
            here[hi + 1] = over;
        }
        if row_min > max as u32 {
            return None;
        }
        // Row i - 1 becomes the row before, row i the row above, and the next row takes the
        // place of row i - 2.
        std::mem::swap(&mut before, &mut above);
        std::mem::swap(&mut above, &mut here);
    }
    let d = above[b.len()] as usize;
    (d <= max).then_some(d)
}

/// The position of a letter a-z or a digit in [`osa_bit_vectors`]'s table, and its bit in a
/// token's letter set (`token::letter_set`).
pub(crate) fn alphanumeric_slot(c: char) -> Option<usize> {
    match c {
        'a'..='z' => Some(c as usize - 'a' as usize),
        '0'..='9' => Some(26 + c as usize - '0' as usize),
        _ => None,
    }
}

/// The OSA distance of `a` and `b` (1 to 64 letters a-z and digits; `None` for other words)
/// by Hyyrö's bit-vector algorithm ("A bit-vector algorithm for computing Levenshtein and
/// Damerau edit distances", 2003): a column of the table is two bit vectors of its vertical
/// differences (+1, -1), and a letter of `a` advances the whole column in a dozen word
/// operations, where the table computes each cell of the band (which took a twentieth of the
/// survey's instructions: verifying the forms a probe's deletions reach, and scoring). Written
/// here rather than taken from the rapidfuzz crate, which has the algorithm: it is twenty lines
/// over the `char` slices the token forms already hold, in the matcher's hottest path, with the
/// banded table beside it for other scripts, where a crate would bring a general string API
/// and its dependencies for them. Checked against the full table on random words, and on words
/// of two letters for transpositions (`tests`).
fn osa_bit_vectors(a: &[char], b: &[char]) -> Option<usize> {
    let m = b.len();
    if m == 0 || m > 64 {
        return None;
    }
    // Per letter, the positions of `b` that hold it.
    let mut positions = [0u64; 36];
    for (j, &c) in b.iter().enumerate() {
        positions[alphanumeric_slot(c)?] |= 1 << j;
    }
    let last = 1u64 << (m - 1);
    // Vertical differences of the current column (all +1: the first column is 0, 1, 2...),
    // the diagonal zero-differences of the column and the positions of the previous letter.
    let (mut plus, mut minus, mut zero, mut previous) = (!0u64, 0u64, 0u64, 0u64);
    let mut distance = m;
    for &c in a {
        let here = positions[alphanumeric_slot(c)?];
        let transposed = ((!zero & here) << 1) & previous;
        zero = (((here & plus).wrapping_add(plus)) ^ plus) | here | minus | transposed;
        let horizontal_plus = minus | !(zero | plus);
        let horizontal_minus = zero & plus;
        if horizontal_plus & last != 0 {
            distance += 1;
        } else if horizontal_minus & last != 0 {
            distance -= 1;
        }
        let horizontal_plus = (horizontal_plus << 1) | 1;
        let horizontal_minus = horizontal_minus << 1;
        plus = horizontal_minus | !(zero | horizontal_plus);
        minus = horizontal_plus & zero;
        previous = here;
    }
    Some(distance)
}

pub(crate) use embargo_names::within_one_edit;

/// The odd multiplier of the deletion keys' polynomial hash (the golden ratio's bits).
const DELETION_HASH_BASE: u64 = 0x9E37_79B9_7F4A_7C15;

/// A 64-bit finaliser (MurmurHash3's): every input bit moves every output bit, so the key
/// table, which takes its slot from the high bits and keeps the low ones, gets both well mixed.
fn mix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xFF51_AFD7_ED55_8CCD);
    h ^= h >> 33;
    h = h.wrapping_mul(0xC4CE_B9FE_1A85_EC53);
    h ^ (h >> 33)
}

/// The keys (in `namespace`) of every string obtained from `chars` by deleting a number of
/// letters in `depths` (at most 2; 0 is the string itself), sorted and without repeats. Two
/// strings within `depth` edits of each other share at least one member of their
/// `0..=depth` neighbourhoods (the SymSpell observation), which is what lets the index find
/// typos by exact key lookups. A key hashes the length of its string, so keys of different
/// depths never meet: the depth-two neighbourhood alone (`2..=2`) is what a wider look-up
/// adds to a one-edit one.
pub(crate) fn deletion_keys(
    chars: &[char],
    depths: RangeInclusive<usize>,
    namespace: u8,
    out: &mut Vec<u64>,
) {
    let start = out.len();
    let n = chars.len();
    // Polynomial hashes of the prefixes: a string made by deleting letters is at most three
    // runs of `chars`, whose hash is put together from these in a few multiplications. A key
    // then costs the same whatever the word's length, where hashing each neighbour letter by
    // letter cost as many steps as it has letters (and a two-edit neighbourhood has ~n²/2).
    //
    // On the stack as slices for words of up to 23 letters: indexing a SmallVec tests where it
    // lives at every access, a few times per key.
    let (mut prefix_stack, mut power_stack) = ([0u64; 24], [0u64; 24]);
    let (mut prefix_heap, mut power_heap) = (Vec::new(), Vec::new());
    let (prefix, power): (&mut [u64], &mut [u64]) = if n < prefix_stack.len() {
        (&mut prefix_stack[..=n], &mut power_stack[..=n])
    } else {
        prefix_heap.resize(n + 1, 0);
        power_heap.resize(n + 1, 0);
        (&mut prefix_heap, &mut power_heap)
    };
    power[0] = 1;
    for (i, &c) in chars.iter().enumerate() {
        prefix[i + 1] = prefix[i].wrapping_mul(DELETION_HASH_BASE).wrapping_add(u64::from(c) + 1);
        power[i + 1] = power[i].wrapping_mul(DELETION_HASH_BASE);
    }
    let (prefix, power) = (&*prefix, &*power);
    // The hash of chars[a..b], and of `x` followed by `b - a` letters hashing to `y`.
    let run = |a: usize, b: usize| prefix[b].wrapping_sub(prefix[a].wrapping_mul(power[b - a]));
    let then = |x: u64, y: u64, len: usize| x.wrapping_mul(power[len]).wrapping_add(y);
    let push = |h: u64, len: usize, out: &mut Vec<u64>| {
        out.push((mix(h ^ (len as u64).wrapping_mul(0xD6E8_FEB8_6659_FD93)) & !7) | u64::from(namespace & 7));
    };
    if depths.contains(&0) {
        push(prefix[n], n, out);
    }
    let (one, two) = (depths.contains(&1), depths.contains(&2));
    if (one || two) && n > 1 {
        for i in 0..n {
            // Deleting either letter of a doubled pair gives the same string: skip the second.
            if i > 0 && chars[i] == chars[i - 1] {
                continue;
            }
            if one {
                push(then(prefix[i], run(i + 1, n), n - i - 1), n - 1, out);
            }
            if two && n > 2 {
                for j in i + 1..n {
                    if j > i + 1 && chars[j] == chars[j - 1] {
                        continue;
                    }
                    let head = then(prefix[i], run(i + 1, j), j - i - 1);
                    push(then(head, run(j + 1, n), n - j - 1), n - 2, out);
                }
            }
        }
    }
    // Repeats dropped in a slice of the keys: through the vector, every key reloaded where the
    // vector lives.
    let keys = &mut out[start..];
    keys.sort_unstable();
    let mut w = 0;
    for r in 0..keys.len() {
        if r == 0 || keys[r] != keys[w - 1] {
            keys[w] = keys[r];
            w += 1;
        }
    }
    out.truncate(start + w);
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

/// Whether `c` is a Chinese character (the CJK unified ideographs and their extension A).
pub(crate) fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}')
}

fn is_latin_letter(c: char) -> bool {
    c.is_ascii_alphabetic()
        || matches!(c, '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}' | '\u{0250}'..='\u{02AF}')
}

/// A 64-bit key of `(namespace, text)` for the inverted index; the namespace (below 8) is kept
/// in the low three bits so that a key found says how it was found.
pub(crate) fn key(namespace: u8, text: &str) -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = foldhash::fast::FixedState::with_seed(0x5eed_cafe).build_hasher();
    h.write_u8(namespace);
    h.write(text.as_bytes());
    (h.finish() & !7) | u64::from(namespace & 7)
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

    /// The textbook full-table OSA distance, to check the banded one against.
    fn osa_reference(a: &[char], b: &[char]) -> usize {
        let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
        for (i, row) in d.iter_mut().enumerate() {
            row[0] = i;
        }
        for (j, cell) in d[0].iter_mut().enumerate() {
            *cell = j;
        }
        for i in 1..=a.len() {
            for j in 1..=b.len() {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                d[i][j] = (d[i - 1][j] + 1).min(d[i][j - 1] + 1).min(d[i - 1][j - 1] + cost);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
                }
            }
        }
        d[a.len()][b.len()]
    }

    proptest::proptest! {
        #[test]
        fn one_edit_check_agrees_with_the_full_table(a in "[abc]{0,8}", b in "[abc]{0,8}") {
            let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
            proptest::prop_assert_eq!(within_one_edit(&a, &b), osa_reference(&a, &b) <= 1);
        }

        #[test]
        fn bit_vector_distance_agrees_with_the_full_table(a in "[a-e0-2]{0,70}", b in "[a-e0-2]{1,70}") {
            let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
            let expected = (b.len() <= 64).then(|| osa_reference(&a, &b));
            proptest::prop_assert_eq!(osa_bit_vectors(&a, &b), expected);
        }

        /// Two letters make transpositions at every turn.
        #[test]
        fn bit_vector_distance_counts_transpositions_as_the_table_does(a in "[ab]{0,20}", b in "[ab]{1,20}") {
            let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
            proptest::prop_assert_eq!(osa_bit_vectors(&a, &b), Some(osa_reference(&a, &b)));
        }

        #[test]
        fn banded_distance_agrees_with_the_full_table(a in "[abcé]{0,12}", b in "[abcé]{0,12}", max in 0usize..4) {
            let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
            let full = osa_reference(&a, &b);
            let banded = osa_distance_chars(&a, &b, max);
            proptest::prop_assert_eq!(banded, (full <= max).then_some(full));
        }
    }

    #[test]
    fn distance_of_tokens_longer_than_the_stack_rows() {
        let a: Vec<char> = "x".repeat(100).chars().collect();
        let mut b = a.clone();
        b[50] = 'y';
        assert_eq!(osa_distance_chars(&a, &b, 2), Some(1));
    }

    fn keys_of(s: &str, depth: usize) -> Vec<u64> {
        let chars: Vec<char> = s.chars().collect();
        let mut out = vec![7];
        deletion_keys(&chars, 0..=depth, 4, &mut out);
        assert_eq!(out[0], 7, "keys are appended");
        out.remove(0);
        out
    }

    /// The keys of a neighbourhood are put together from prefix hashes: each must be the key
    /// of the string with those letters deleted, hashed as a word of its own.
    #[test]
    fn a_neighbour_key_is_the_key_of_the_word_with_those_letters_deleted() {
        for word in ["aghajani", "mississippi", "x", "ab", "qoreishi", "قریشی", "Сергей"] {
            let chars: Vec<char> = word.chars().collect();
            let mut expected = Vec::new();
            let own = |kept: Vec<char>| keys_of(&kept.into_iter().collect::<String>(), 0)[0];
            expected.push(own(chars.clone()));
            for i in 0..chars.len() {
                let mut one = chars.clone();
                one.remove(i);
                if chars.len() > 1 {
                    expected.push(own(one.clone()));
                }
                for j in i..one.len() {
                    let mut two = one.clone();
                    two.remove(j);
                    if chars.len() > 2 {
                        expected.push(own(two));
                    }
                }
            }
            expected.sort_unstable();
            expected.dedup();
            assert_eq!(keys_of(word, 2), expected, "{word}");
        }
    }

    /// The neighbourhood of one depth is that of all depths up to it without those of the
    /// depths below: keys of different depths never meet, and none is left out.
    #[test]
    fn the_keys_of_one_depth_are_the_neighbourhood_less_the_depths_below() {
        for word in ["aghajani", "mississippi", "abc", "ab", "قریشی"] {
            let chars: Vec<char> = word.chars().collect();
            let mut two = Vec::new();
            deletion_keys(&chars, 2..=2, 4, &mut two);
            let below = keys_of(word, 1);
            let expected: Vec<u64> = keys_of(word, 2).into_iter().filter(|k| !below.contains(k)).collect();
            assert_eq!(two, expected, "{word}");
        }
    }

    #[test]
    fn neighbourhoods_of_words_two_edits_apart_intersect() {
        let a = keys_of("abdolrahman", 2);
        let b = keys_of("abdulrahmen", 2);
        assert!(a.iter().any(|k| b.contains(k)));
        let c = keys_of("vladimir", 2);
        assert!(!a.iter().any(|k| c.contains(k)));
        // aab: itself, "ab" (either a deleted), "aa".
        assert_eq!(keys_of("aab", 1).len(), 3);
        assert_eq!(keys_of("abc", 2).len(), 1 + 3 + 3);
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
