//! Comparison keys that survive what romanisation cannot settle.
//!
//! * [`skeleton`]: the consonants of a romanised word, doubled letters collapsed. Arabic and
//!   Persian script write no short vowels, so `محمد` romanises to `mhmd`, whose skeleton equals
//!   the skeleton of `Muhammad`, `Mohammed` and `Mohamad`.
//! * [`phonetic`]: a Metaphone-like code designed for the names on sanctions lists, where the
//!   same sound is spelt differently by each publisher. Vowels are dropped (a leading vowel is
//!   kept as `A`), and consonant spellings that lists use interchangeably share one code:
//!
//! | spellings | code | why |
//! |---|---|---|
//! | `k`, `q`, `c` (hard), `ck`, `gh` | `K` | Qasem / Ghasem / Kasem (ق is q in Arabic, gh in Persian) |
//! | `kh`, `h`, `x` (Spanish j excluded) | `H` | Khamenei / Hamenei, Mikhail / Mihail |
//! | `sh`, `sch`, `shch`, `sz`, `ch`, `tch`, `tsch`, `cz` | `X` | Shevardnadze / Chevardnadze, Cz / Ch |
//! | `s`, `z`, `ss`, `ts`, `tz`, `c` (soft) | `S` | Ramzan / Ramsan, Tsoi / Soi |
//! | `zh`, `j`, `dj`, `dzh`, `dz`, `g` before nothing special stays `G` | `J` | Zhukov / Joukov, Djafar / Jafar |
//! | `v` | `V` | |
//! | `w` | a vowel | Arabic و is written `w`, `ou` or `u`: Djouadi / Jwadi, Marouane / Marwan |
//! | `f`, `ph` | `F` | |
//! | `th`, `t` | `T` | Uthman / Utman |
//! | `dh`, `d` | `D` | |
//! | `x` | `KS` | |
//! | a final `h` after a vowel | dropped | Abdullah / Abdulla |
//!
//! Doubled codes collapse (`Hussein` = `Husein` = `HSN`). The code is deliberately coarse: it
//! finds candidates and confirms respellings; the matcher still weighs the spelling itself.
//!
//! * [`within_one_edit`]: whether two words are one typo apart, the budget the matcher's
//!   deletion keys and the legal-form typo index verify against.

/// The consonant skeleton of a romanised (ASCII, lower-case) word: vowels, `y` and `w` removed,
/// doubled letters collapsed. A word without consonants keeps its letters, so that no key is
/// ever empty for a non-empty word.
///
/// ```
/// use embargo_names::keys::skeleton;
/// assert_eq!(skeleton("muhammad"), "mhmd");
/// assert_eq!(skeleton("mohammed"), "mhmd");
/// assert_eq!(skeleton("hossein"), "hsn");
/// ```
pub fn skeleton(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut last = '\0';
    for c in word.chars() {
        if matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'w') {
            continue;
        }
        if c != last {
            out.push(c);
            last = c;
        }
    }
    if out.is_empty() {
        word.to_owned()
    } else {
        out
    }
}

/// The phonetic code of a romanised (ASCII, lower-case) word; see the module documentation.
/// Non-ASCII letters (scripts without a romanisation) are kept as they are.
///
/// ```
/// use embargo_names::keys::phonetic;
/// assert_eq!(phonetic("qasem"), phonetic("ghasem"));
/// assert_eq!(phonetic("hossein"), phonetic("husayn"));
/// assert_eq!(phonetic("aghajani"), phonetic("aqajani"));
/// assert_ne!(phonetic("7613"), phonetic("7631"));
/// ```
pub fn phonetic(word: &str) -> String {
    let b = word.as_bytes();
    let n = b.len();
    let mut out = String::with_capacity(n);
    // Codes are ASCII: `out` ends with one when its last byte is it (no byte of a longer
    // UTF-8 character is ASCII).
    let push = |out: &mut String, code: &str| {
        for c in code.bytes() {
            if !c.is_ascii_digit() && out.as_bytes().last() == Some(&c) {
                continue;
            }
            out.push(char::from(c));
        }
    };
    let at = |i: usize| -> u8 {
        if i < n {
            b[i]
        } else {
            0
        }
    };
    let is_vowel = |c: u8| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y' | b'w');
    let mut i = 0;
    while i < n {
        let c = b[i];
        if !c.is_ascii() {
            // Keep whole characters of scripts without a romanisation.
            let ch = word[i..].chars().next().unwrap_or('\u{FFFD}');
            out.push(ch);
            i += ch.len_utf8();
            continue;
        }
        let next = at(i + 1);
        let (code, len): (&str, usize) = match c {
            b'0'..=b'9' => {
                out.push(c as char);
                i += 1;
                continue;
            }
            _ if is_vowel(c) && i == 0 => ("A", 1),
            _ if is_vowel(c) => ("", 1),
            b'b' => ("B", 1),
            b'c' => match next {
                b'h' => ("X", 2),
                b'z' => ("X", 2),
                b'k' => ("K", 2),
                b'e' | b'i' | b'y' => ("S", 1),
                _ => ("K", 1),
            },
            b'd' => match (next, at(i + 2)) {
                (b'z', b'h') => ("J", 3),
                (b'j', _) | (b'z', _) => ("J", 2),
                (b'h', _) => ("D", 2),
                _ => ("D", 1),
            },
            b'f' => ("F", 1),
            b'g' => match next {
                b'h' => ("K", 2),
                _ => ("G", 1),
            },
            b'h' => {
                if i > 0 && is_vowel(b[i - 1]) && (i + 1 == n || !next.is_ascii_alphabetic()) {
                    ("", 1)
                } else {
                    ("H", 1)
                }
            }
            b'j' => ("J", 1),
            b'k' => match next {
                b'h' => ("H", 2),
                _ => ("K", 1),
            },
            b'l' => ("L", 1),
            b'm' => ("M", 1),
            b'n' => ("N", 1),
            b'p' => match next {
                b'h' => ("F", 2),
                _ => ("P", 1),
            },
            b'q' => ("K", 1),
            b'r' => ("R", 1),
            b's' => match (next, at(i + 2), at(i + 3)) {
                (b'h', b'c', b'h') => ("X", 4),
                (b'c', b'h', _) => ("X", 3),
                (b'h', _, _) | (b'z', _, _) => ("X", 2),
                _ => ("S", 1),
            },
            b't' => match (next, at(i + 2), at(i + 3)) {
                (b's', b'c', b'h') => ("X", 4),
                (b'c', b'h', _) => ("X", 3),
                (b'h', _, _) => ("T", 2),
                (b's', _, _) | (b'z', _, _) => ("S", 2),
                _ => ("T", 1),
            },
            b'v' => ("V", 1),
            b'x' => ("KS", 1),
            b'z' => match next {
                b'h' => ("J", 2),
                _ => ("S", 1),
            },
            _ => ("", 1),
        };
        push(&mut out, code);
        i += len;
    }
    out
}

/// Whether `a` and `b` (characters or bytes) are at most one edit apart (an insertion, a
/// deletion, a substitution or a transposition of neighbours): the optimal string alignment
/// distance with a budget of 1, in one pass and no table. The matcher checks most forms a
/// query's deletion keys reach against it, and the legal-form typo index its short words.
///
/// ```
/// use embargo_names::within_one_edit;
/// assert!(within_one_edit(b"limtied", b"limited"));
/// assert!(!within_one_edit(b"gemb", b"gmbh"));
/// ```
pub fn within_one_edit<T: PartialEq>(a: &[T], b: &[T]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if long.len() - short.len() > 1 {
        return false;
    }
    let Some(at) = short.iter().zip(long).position(|(x, y)| x != y) else {
        return true;
    };
    if short.len() < long.len() {
        // One letter more in `long` at `at`.
        return short[at..] == long[at + 1..];
    }
    short[at + 1..] == long[at + 1..]
        || (at + 1 < short.len()
            && short[at] == long[at + 1]
            && short[at + 1] == long[at]
            && short[at + 2..] == long[at + 2..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phonetic_merges_the_respellings_lists_use() {
        let same = [
            ["mohammad", "muhammad", "mohammed"],
            ["mohamad", "mohamed", "mhmd"],
            ["qasem", "ghasem", "kasem"],
            ["qoreishi", "ghoreishi", "qureishi"],
            ["yusuf", "yousef", "youssef"],
            ["sergey", "sergei", "serguei"],
            ["khodorkovsky", "hodorkovsky", "khodorkovskiy"],
            ["abdullah", "abdulla", "abdollah"],
            ["shevardnadze", "chevardnadze", "shevardnadze"],
            ["djouadi", "jwadi", "jawadi"],
            ["marwan", "marouane", "marwane"],
        ];
        for group in same {
            let codes: Vec<String> = group.iter().map(|w| phonetic(w)).collect();
            assert!(codes.iter().all(|c| *c == codes[0]), "{group:?} -> {codes:?}");
        }
    }

    #[test]
    fn phonetic_keeps_digits_in_order() {
        assert_eq!(phonetic("7613"), "7613");
        assert_eq!(phonetic("1122"), "1122");
        assert_ne!(phonetic("fuyuan7613"), phonetic("fuyuan7631"));
    }

    #[test]
    fn skeleton_survives_missing_short_vowels() {
        assert_eq!(skeleton("mhmd"), skeleton("mohammad"));
        assert_eq!(skeleton("hashmi"), skeleton("hashimi"));
        assert_eq!(skeleton("aya"), "aya");
    }
}
