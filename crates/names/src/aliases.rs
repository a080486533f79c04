//! Several names written in one string: customer files and payment messages hold one name
//! field, into which a clerk writes every name a party is known by: `X/Y`, `X a.k.a. Y`,
//! `X; Y`, `X (Y)`, `X formerly Y`. Each alias is a name of its own to screen.

/// Words that introduce another name of the same party (lower case, as whole words).
const ALIAS_WORDS: &[&str] = &[
    "also known as",
    "formerly known as",
    "now known as",
    "doing business as",
    "trading as",
    "a.k.a.",
    "a.k.a",
    "a/k/a",
    "aka",
    "f.k.a.",
    "f.k.a",
    "f/k/a",
    "fka",
    "n.k.a.",
    "n.k.a",
    "nka",
    "d.b.a.",
    "d.b.a",
    "d/b/a",
    "dba",
    "t/a",
    "alias",
    "formerly",
    "previously",
];

/// The first words of [`ALIAS_WORDS`] (a test checks them).
const ALIAS_FIRST_WORDS: &[&str] = &[
    "also",
    "formerly",
    "now",
    "doing",
    "trading",
    "a.k.a.",
    "a.k.a",
    "a/k/a",
    "aka",
    "f.k.a.",
    "f.k.a",
    "f/k/a",
    "fka",
    "n.k.a.",
    "n.k.a",
    "nka",
    "d.b.a.",
    "d.b.a",
    "d/b/a",
    "dba",
    "t/a",
    "alias",
    "previously",
];

/// Characters that separate aliases: `/` between two names (not in `A/S`, `C/O`: each side
/// needs three letters or digits), `;` and `|`.
const ALIAS_MARKS: &[char] = &['/', ';', '|'];

/// Letters and digits in `s`.
fn alphanumerics(s: &str) -> usize {
    s.chars().filter(|c| c.is_alphanumeric()).count()
}

/// Trims the separators and punctuation that surround an alias (`, a.k.a.` leaves a comma).
fn trim_part(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ':' | '-' | '–' | '"' | '\''))
}

/// The aliases of a string that holds several names (`"X/Y"`, `"X a.k.a. Y"`, `"X; Y"`,
/// `"X (Y)"`), each trimmed; empty when the string holds one name. An alias needs three
/// letters or digits: `A/S` (a Danish legal form), `C/O` and `(UK)` are not aliases.
///
/// ```
/// use embargo_names::alias_parts;
/// assert_eq!(alias_parts("IVANOV, Yuriy/IVANOV, Yurii"), ["IVANOV, Yuriy", "IVANOV, Yurii"]);
/// assert_eq!(alias_parts("Robert Smith a.k.a. Bob Smith"), ["Robert Smith", "Bob Smith"]);
/// assert_eq!(alias_parts("ACME TRADING (ACME GENERAL TRADING)"), ["ACME TRADING", "ACME GENERAL TRADING"]);
/// assert_eq!(alias_parts("NORDIC SHIPPING A/S"), Vec::<String>::new());
/// assert_eq!(alias_parts("John Smith"), Vec::<String>::new());
/// ```
pub fn alias_parts(name: &str) -> Vec<String> {
    let opens_alias = |w: &str| {
        let w = w.trim_matches(|c: char| matches!(c, ',' | ':' | '('));
        // Most words are ruled out by their length and first letter.
        let first = w.as_bytes().first().map(u8::to_ascii_lowercase);
        (2..=10).contains(&w.len())
            && matches!(first, Some(b'a' | b'f' | b'n' | b'd' | b't' | b'p'))
            && ALIAS_FIRST_WORDS.iter().any(|a| a.eq_ignore_ascii_case(w))
    };
    if !name.contains(ALIAS_MARKS) && !name.contains('(') && !name.split_whitespace().any(opens_alias) {
        return Vec::new();
    }
    let mut parts = Vec::new();
    // A parenthesised alias: the name without it, and what it holds.
    if let Some(open) = name.find('(') {
        if let Some(close) = name[open..].find(')').map(|c| open + c) {
            let inside = trim_alias_word(trim_part(&name[open + 1..close]));
            let outside = format!("{} {}", name[..open].trim_end(), name[close + 1..].trim_start());
            let outside = trim_part(&outside);
            if alphanumerics(inside) >= 3 && alphanumerics(outside) >= 3 {
                for part in [outside, inside] {
                    let split = alias_parts(part);
                    if split.is_empty() {
                        parts.push(part.to_owned());
                    } else {
                        parts.extend(split);
                    }
                }
                return parts;
            }
        }
    }
    let lower = name.to_ascii_lowercase();
    // Byte ranges of the separators found, in order.
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    let bytes = lower.as_bytes();
    let word_boundary = |at: usize| at == 0 || at >= bytes.len() || !bytes[at].is_ascii_alphanumeric();
    for word in ALIAS_WORDS {
        let mut from = 0;
        while let Some(found) = lower[from..].find(word) {
            let (start, end) = (from + found, from + found + word.len());
            let before_ok = start == 0 || word_boundary(start - 1);
            if before_ok && word_boundary(end) && !cuts.iter().any(|&(s, e)| start < e && s < end) {
                cuts.push((start, end));
            }
            from = end;
        }
    }
    for (at, c) in name.char_indices() {
        if ALIAS_MARKS.contains(&c) && !cuts.iter().any(|&(s, e)| (s..e).contains(&at)) {
            cuts.push((at, at + c.len_utf8()));
        }
    }
    if cuts.is_empty() {
        return Vec::new();
    }
    cuts.sort_unstable();
    // A mark between two short pieces (A/S) is no separator: merge it back.
    let mut start = 0;
    let mut pending = String::new();
    for (i, &(s, e)) in cuts.iter().enumerate() {
        let piece = &name[start..s];
        let next_end = cuts.get(i + 1).map_or(name.len(), |c| c.0);
        let next = &name[e..next_end];
        let is_mark = e - s == 1 && ALIAS_MARKS.contains(&(bytes[s] as char));
        // `A/S`, `C/O`: a slash between two short words, written without spaces. A spaced
        // slash, or one beside a longer word, separates (`MAHDI, Salih/AL ZAIDI, Shebl`).
        let spaced = name[..s].ends_with(char::is_whitespace) || next.starts_with(char::is_whitespace);
        let short =
            alphanumerics(last_word(&format!("{pending}{piece}"))) < 3 && alphanumerics(first_word(next)) < 3;
        if is_mark && bytes[s] == b'/' && short && !spaced {
            pending.push_str(&name[start..e]);
        } else {
            pending.push_str(piece);
            push_part(&mut parts, &pending);
            pending.clear();
        }
        start = e;
    }
    pending.push_str(&name[start..]);
    push_part(&mut parts, &pending);
    if parts.len() < 2 {
        parts.clear();
    }
    parts
}

/// Drops an alias word that opens a parenthesis (`(a.k.a. Y)`, `(formerly Y)`).
fn trim_alias_word(s: &str) -> &str {
    let lower = s.to_ascii_lowercase();
    for word in ALIAS_WORDS {
        if lower.starts_with(word) && lower[word.len()..].starts_with(' ') {
            return trim_part(&s[word.len()..]);
        }
    }
    s
}

fn last_word(s: &str) -> &str {
    s.trim_end().rsplit(char::is_whitespace).next().unwrap_or("")
}

fn first_word(s: &str) -> &str {
    s.trim_start().split(char::is_whitespace).next().unwrap_or("")
}

fn push_part(parts: &mut Vec<String>, part: &str) {
    let part = trim_part(part);
    if alphanumerics(part) >= 3 && !parts.iter().any(|p| p == part) {
        parts.push(part.to_owned());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_words_are_those_of_the_alias_words() {
        let mut firsts: Vec<&str> = ALIAS_WORDS.iter().map(|w| w.split(' ').next().unwrap()).collect();
        firsts.dedup();
        let mut listed = ALIAS_FIRST_WORDS.to_vec();
        firsts.sort_unstable();
        firsts.dedup();
        listed.sort_unstable();
        assert_eq!(firsts, listed);
        for w in ALIAS_FIRST_WORDS {
            assert!(
                (2..=10).contains(&w.len())
                    && matches!(w.as_bytes()[0], b'a' | b'f' | b'n' | b'd' | b't' | b'p')
            );
        }
    }

    /// "AL QARAWI, Abu Yahya / AL QARAWI, Saleh" was screened as one name (and found nothing):
    /// the slash was taken for the one of `A/S` because a word beside it (AL) is short.
    #[test]
    fn a_slash_beside_one_short_word_separates_aliases() {
        assert_eq!(
            alias_parts("AL QARAWI, Abu Yahya / AL QARAWI, Saleh"),
            ["AL QARAWI, Abu Yahya", "AL QARAWI, Saleh"]
        );
        assert_eq!(
            alias_parts("MAHDI, Ja'far Salih/AL ZAIDI, Shebl"),
            ["MAHDI, Ja'far Salih", "AL ZAIDI, Shebl"]
        );
        assert_eq!(
            alias_parts("NORD STREAM 2 AG/NEW EUROPEAN PIPELINE AG"),
            ["NORD STREAM 2 AG", "NEW EUROPEAN PIPELINE AG"]
        );
        assert_eq!(alias_parts("E. X. Co. / E. S. Co."), ["E. X. Co.", "E. S. Co."]);
    }

    #[test]
    fn several_aliases_in_one_string() {
        assert_eq!(alias_parts("X-RAY TRADING / ZULU SHIPPING"), ["X-RAY TRADING", "ZULU SHIPPING"]);
        assert_eq!(alias_parts("Odile TREMBLAY aka Odile DUPRE"), ["Odile TREMBLAY", "Odile DUPRE"]);
        assert_eq!(
            alias_parts("BANK ALPHA; BANK BETA | BANK GAMMA"),
            ["BANK ALPHA", "BANK BETA", "BANK GAMMA"]
        );
        assert_eq!(alias_parts("ACME LTD (FORMERLY ZENITH LTD)"), ["ACME LTD", "ZENITH LTD"]);
        assert!(alias_parts("C/O ACME LTD").is_empty());
        assert!(alias_parts("ACME A/S").is_empty());
        assert!(alias_parts("ACME LTD (UK)").is_empty());
        assert!(alias_parts("Alias Grace").is_empty() || alias_parts("Alias Grace") == ["Grace"]);
    }
}
