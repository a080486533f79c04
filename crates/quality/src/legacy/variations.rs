//! Positive cases: listed names changed the way real data changes them.
//!
//! Every transform takes a name exactly as a list publishes it and returns the query an
//! analyst, a customer file or another list would plausibly hold for the same party, or `None`
//! when the transform does not apply to that name (no long word for two typos, no legal form
//! for a legal-form swap...). Transforms never look at the matcher.

use crate::deck::treatments::title_case;
use crate::rng::Rng;
use embargo_model::{Entity, EntityKind, NameRole};
use embargo_names::{normalize, spelling_variants, TokenRole};
use serde::Serialize;

/// A kind of change, with the recall the issue asks for at the default threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Variation {
    Exact,
    CasePunctuation,
    OneTypo,
    TwoTypos,
    WordOrder,
    DroppedMiddleName,
    TitleAdded,
    Respelling,
    LegalForm,
    JoinedSplit,
    /// A person's name written in another script.
    CrossScript,
    /// An organisation's, vessel's or aircraft's name written in another script: often a
    /// translation (وزارة الدفاع for MINISTRY OF DEFENCE), not a transliteration, so it has no
    /// target; reported so that progress shows.
    CrossScriptOther,
}

impl Variation {
    pub const ALL: [Variation; 12] = [
        Variation::Exact,
        Variation::CasePunctuation,
        Variation::OneTypo,
        Variation::TwoTypos,
        Variation::WordOrder,
        Variation::DroppedMiddleName,
        Variation::TitleAdded,
        Variation::Respelling,
        Variation::LegalForm,
        Variation::JoinedSplit,
        Variation::CrossScript,
        Variation::CrossScriptOther,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Variation::Exact => "exact",
            Variation::CasePunctuation => "case_punctuation",
            Variation::OneTypo => "one_typo",
            Variation::TwoTypos => "two_typos",
            Variation::WordOrder => "word_order",
            Variation::DroppedMiddleName => "dropped_middle_name",
            Variation::TitleAdded => "title_added",
            Variation::Respelling => "respelling",
            Variation::LegalForm => "legal_form",
            Variation::JoinedSplit => "joined_split",
            Variation::CrossScript => "cross_script",
            Variation::CrossScriptOther => "cross_script_non_person",
        }
    }

    /// Target recall at the default threshold (issue 3); `None` for what is only reported.
    pub fn target(self) -> Option<f64> {
        Some(match self {
            Variation::Exact
            | Variation::CasePunctuation
            | Variation::OneTypo
            | Variation::WordOrder
            | Variation::TitleAdded
            | Variation::LegalForm => 0.995,
            Variation::TwoTypos
            | Variation::Respelling
            | Variation::DroppedMiddleName
            | Variation::JoinedSplit => 0.98,
            Variation::CrossScript => 0.95,
            Variation::CrossScriptOther => return None,
        })
    }

    pub fn is_cross_script(self) -> bool {
        matches!(self, Variation::CrossScript | Variation::CrossScriptOther)
    }
}

/// One positive: screening `query` must find entity `entity_id`.
#[derive(Debug, Clone, Serialize)]
pub struct Case {
    pub variation: Variation,
    /// Finer label (the script of a cross-script query, the kind of legal-form change).
    pub detail: String,
    pub query: String,
    /// The listed name the query was made from.
    pub source: String,
    pub entity_id: String,
}

/// A listed name usable as the source of Latin-script variations.
struct Source<'a> {
    entity: &'a Entity,
    name: &'a str,
}

/// Builds up to `per_type` cases of every variation but [`Variation::CrossScript`], from the
/// primary names and strong aliases in Latin script of `entities`.
pub fn latin_cases(entities: &[Entity], per_type: usize, rng: &mut Rng) -> Vec<Case> {
    let mut sources: Vec<Source> = Vec::new();
    for e in entities {
        for n in &e.names {
            let usable = matches!(n.role, NameRole::Primary | NameRole::StrongAlias)
                && embargo_names::dominant_script(&n.full) == embargo_names::Script::Latin
                && n.full.split_whitespace().count() <= 12;
            if usable {
                sources.push(Source { entity: e, name: &n.full });
            }
        }
    }
    let mut cases = Vec::new();
    for variation in Variation::ALL {
        if variation.is_cross_script() {
            continue;
        }
        // One generator per variation, seeded from the main one: a change in how one
        // variation draws does not move the cases of the others.
        let rng = &mut Rng::new(rng.next_u64());
        let mut order: Vec<usize> = (0..sources.len()).collect();
        rng.shuffle(&mut order);
        let mut seen = std::collections::HashSet::new();
        let mut made = 0;
        for i in order {
            if made >= per_type {
                break;
            }
            let s = &sources[i];
            let Some((query, detail)) = transform(variation, s.name, s.entity.kind, rng) else { continue };
            if query.trim().is_empty() || !seen.insert((query.clone(), s.entity.id.clone())) {
                continue;
            }
            cases.push(Case {
                variation,
                detail,
                query,
                source: s.name.to_owned(),
                entity_id: s.entity.id.clone(),
            });
            made += 1;
        }
    }
    cases
}

/// Cross-script cases: each name of `list` written in a non-Latin script, to be screened
/// against an index holding no non-Latin names at all.
pub fn cross_script_cases(entities: &[Entity], list: &str, limit: usize, rng: &mut Rng) -> Vec<Case> {
    let mut cases = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for e in entities.iter().filter(|e| e.provenance.list == list) {
        for n in &e.names {
            let script = embargo_names::dominant_script(&n.full);
            if matches!(script, embargo_names::Script::Latin | embargo_names::Script::Common) {
                continue;
            }
            if seen.insert((n.full.clone(), e.id.clone())) {
                let variation = if e.kind == EntityKind::Person {
                    Variation::CrossScript
                } else {
                    Variation::CrossScriptOther
                };
                cases.push(Case {
                    variation,
                    detail: script.code().to_owned(),
                    query: n.full.clone(),
                    source: e.names.first().map(|n| n.full.clone()).unwrap_or_default(),
                    entity_id: e.id.clone(),
                });
            }
        }
    }
    rng.shuffle(&mut cases);
    cases.truncate(limit);
    cases.sort_by(|a, b| (&a.detail, &a.entity_id).cmp(&(&b.detail, &b.entity_id)));
    cases
}

/// Applies one variation to a listed name.
pub fn transform(
    variation: Variation,
    name: &str,
    kind: EntityKind,
    rng: &mut Rng,
) -> Option<(String, String)> {
    let out = match variation {
        Variation::Exact => Some((name.to_owned(), String::new())),
        Variation::CasePunctuation => case_punctuation(name, rng),
        Variation::OneTypo => typos(name, 1, 4, rng),
        Variation::TwoTypos => typos(name, 2, 8, rng),
        Variation::WordOrder if kind == EntityKind::Person => word_order(name, rng),
        Variation::WordOrder => organisation_word_order(name, rng),
        Variation::DroppedMiddleName if kind == EntityKind::Person => dropped_middle(name, rng),
        Variation::TitleAdded if kind == EntityKind::Person => title_added(name, rng),
        Variation::Respelling => respelling(name, rng),
        Variation::LegalForm if kind == EntityKind::Organization => legal_form(name, rng),
        Variation::JoinedSplit => joined_split(name, kind, rng),
        _ => None,
    }?;
    (variation == Variation::Exact || out.0 != name).then_some(out)
}

fn words(name: &str) -> Vec<&str> {
    name.split_whitespace().collect()
}

fn is_alpha_word(w: &str) -> bool {
    w.chars().all(char::is_alphabetic)
}

fn case_punctuation(name: &str, rng: &mut Rng) -> Option<(String, String)> {
    let (out, detail) = match rng.below(6) {
        0 => (name.to_lowercase(), "lower"),
        1 => (name.to_uppercase(), "upper"),
        2 => (title_case(name), "title"),
        3 => (
            name.chars().filter(|c| !matches!(c, ',' | '.' | '\'' | '"' | '(' | ')')).collect(),
            "punct_removed",
        ),
        4 => (name.replace(['-', '/'], " ").replace("  ", " "), "hyphen_to_space"),
        _ => {
            let w = words(name);
            if w.len() < 2 {
                return None;
            }
            let i = rng.below(w.len() - 1);
            let mut s = String::new();
            for (j, word) in w.iter().enumerate() {
                s.push_str(word);
                if j + 1 < w.len() {
                    s.push_str(if j == i { " -  " } else { "  " });
                }
            }
            (s, "punct_added")
        }
    };
    Some((out, detail.to_owned()))
}

/// `edits` random edits (substitution, deletion, insertion, transposition) in one word of at
/// least `min_len` letters.
fn typos(name: &str, edits: usize, min_len: usize, rng: &mut Rng) -> Option<(String, String)> {
    let w = words(name);
    let candidates: Vec<usize> =
        (0..w.len()).filter(|i| is_alpha_word(w[*i]) && w[*i].chars().count() >= min_len).collect();
    if candidates.is_empty() {
        return None;
    }
    let target = *rng.pick(&candidates);
    let mut chars: Vec<char> = w[target].chars().collect();
    let upper = chars.iter().all(|c| !c.is_lowercase());
    let mut kinds = Vec::new();
    for _ in 0..edits {
        let pos = rng.below(chars.len());
        let letter = (b'a' + rng.below(26) as u8) as char;
        let letter = if upper { letter.to_ascii_uppercase() } else { letter };
        match rng.below(4) {
            0 => {
                chars[pos] = if chars[pos].eq_ignore_ascii_case(&letter) {
                    if upper {
                        'X'
                    } else {
                        'x'
                    }
                } else {
                    letter
                };
                kinds.push("sub");
            }
            1 if chars.len() > 3 => {
                chars.remove(pos);
                kinds.push("del");
            }
            2 => {
                chars.insert(pos, letter);
                kinds.push("ins");
            }
            _ if pos + 1 < chars.len() && chars[pos] != chars[pos + 1] => {
                chars.swap(pos, pos + 1);
                kinds.push("swap");
            }
            _ => {
                chars.insert(pos, letter);
                kinds.push("ins");
            }
        }
    }
    let mut out: Vec<String> = w.iter().map(|s| (*s).to_owned()).collect();
    out[target] = chars.into_iter().collect();
    Some((out.join(" "), kinds.join("+")))
}

fn word_order(name: &str, rng: &mut Rng) -> Option<(String, String)> {
    if let Some((last, first)) = name.split_once(',') {
        let (last, first) = (last.trim(), first.trim());
        if last.is_empty() || first.is_empty() || first.contains(',') {
            return None;
        }
        return Some((format!("{first} {last}"), "comma_to_natural".to_owned()));
    }
    let w = words(name);
    if w.len() < 2 {
        return None;
    }
    if rng.chance(0.5) {
        // "First Middle Last" → "Last, First Middle"
        let (last, rest) = w.split_last()?;
        return Some((format!("{last}, {}", rest.join(" ")), "natural_to_comma".to_owned()));
    }
    let mut shuffled = w.clone();
    for _ in 0..5 {
        rng.shuffle(&mut shuffled);
        if shuffled != w {
            return Some((shuffled.join(" "), "shuffled".to_owned()));
        }
    }
    None
}

/// Organisation names change order by where the legal form goes ("JOINT STOCK COMPANY RAMEC"
/// / "RAMEC JOINT STOCK COMPANY") or by two neighbouring words swapped.
fn organisation_word_order(name: &str, rng: &mut Rng) -> Option<(String, String)> {
    let analysed = embargo_names::analyze(name, Some(EntityKind::Organization));
    let tokens = &analysed.tokens;
    if tokens.len() >= 2 {
        let first = &tokens[0];
        let last = &tokens[tokens.len() - 1];
        if first.role == TokenRole::LegalForm && name.starts_with(first.original.as_str()) {
            let rest = name[first.original.len()..].trim_start_matches([' ', ',']);
            return Some((format!("{rest} {}", first.original), "legal_form_to_end".to_owned()));
        }
        if last.role == TokenRole::LegalForm && name.ends_with(last.original.as_str()) {
            let rest = name[..name.len() - last.original.len()].trim_end_matches([' ', ',']);
            return Some((format!("{} {rest}", last.original), "legal_form_to_front".to_owned()));
        }
    }
    // Otherwise two neighbouring words of the name itself (not inside a legal form or
    // among the common words: "S.A. DE C.V." keeps its order).
    let not_names = non_name_words(&analysed);
    let w = words(name);
    let swappable: Vec<usize> = (0..w.len().saturating_sub(1))
        .filter(|i| [w[*i], w[*i + 1]].iter().all(|x| !not_names.contains(&normalize(x))))
        .collect();
    if swappable.is_empty() {
        return None;
    }
    let i = *rng.pick(&swappable);
    let mut swapped = w.clone();
    swapped.swap(i, i + 1);
    (swapped != w).then(|| (swapped.join(" "), "neighbours_swapped".to_owned()))
}

/// The words (normalised) of legal forms, common organisation words and numbers of a name.
fn non_name_words(analysed: &embargo_names::AnalyzedName) -> std::collections::HashSet<String> {
    analysed
        .tokens
        .iter()
        .filter(|t| matches!(t.role, TokenRole::LegalForm | TokenRole::OrgCommon | TokenRole::Number))
        .flat_map(|t| t.original.split_whitespace().map(normalize).collect::<Vec<_>>())
        .chain(title_words(analysed))
        .collect()
}

/// The words (normalised) of the titles of a name (Sheikh, Haji, Mullah).
fn title_words(analysed: &embargo_names::AnalyzedName) -> Vec<String> {
    analysed.titles.iter().flat_map(|t| t.split_whitespace().map(normalize).collect::<Vec<_>>()).collect()
}

/// Words that begin a compound given name ("Abdul Satar", "Abu Bakr"): the word after them is
/// not a middle name that can go.
const COMPOUND_STARTS: &[&str] = &[
    "abdul", "abdel", "abdol", "abd", "abu", "abou", "al", "el", "bin", "ibn", "bint", "ul", "ud", "umm",
    "nur",
];

fn droppable(words: &[&str], i: usize) -> bool {
    let long_enough = |w: &str| w.chars().filter(|c| c.is_alphabetic()).count() >= 3;
    words[i].chars().filter(|c| c.is_alphabetic()).count() >= 4
        && !COMPOUND_STARTS
            .contains(&words[i - 1].to_lowercase().trim_matches(|c: char| !c.is_alphanumeric()))
        && words.iter().enumerate().all(|(j, w)| j == i || long_enough(w))
}

fn long_enough_family(last: &str) -> bool {
    last.chars().filter(|c| c.is_alphabetic()).count() >= 3
}

fn dropped_middle(name: &str, rng: &mut Rng) -> Option<(String, String)> {
    // A title is not a given name: "Mullah Baradar Akhund" has no middle name to drop.
    let titles = title_words(&embargo_names::analyze(name, Some(EntityKind::Person)));
    let is_title = |w: &str| titles.contains(&normalize(w));
    if let Some((last, first)) = name.split_once(',') {
        let rest = words(first);
        let given = rest.iter().filter(|w| !is_title(w)).count();
        let candidates: Vec<usize> =
            (1..rest.len()).filter(|i| given >= 2 && !is_title(rest[*i]) && droppable(&rest, *i)).collect();
        if candidates.is_empty() || !long_enough_family(last) {
            return None;
        }
        let drop = *rng.pick(&candidates);
        let kept: Vec<&str> = rest.iter().enumerate().filter(|(i, _)| *i != drop).map(|(_, w)| *w).collect();
        return Some((format!("{}, {}", last.trim(), kept.join(" ")), rest[drop].to_owned()));
    }
    let w = words(name);
    if w.len() < 3 {
        return None;
    }
    let named = w.iter().filter(|x| !is_title(x)).count();
    let candidates: Vec<usize> =
        (1..w.len() - 1).filter(|i| named >= 3 && !is_title(w[*i]) && droppable(&w, *i)).collect();
    if candidates.is_empty() {
        return None;
    }
    let drop = *rng.pick(&candidates);
    let kept: Vec<&str> = w.iter().enumerate().filter(|(i, _)| *i != drop).map(|(_, w)| *w).collect();
    Some((kept.join(" "), w[drop].to_owned()))
}

const TITLES: &[&str] = &[
    "Mr",
    "Mr.",
    "Dr",
    "Dr.",
    "General",
    "Brigadier General",
    "Colonel",
    "Major General",
    "Sheikh",
    "Haji",
    "Mullah",
    "Ayatollah",
    "Prof.",
    "Mrs",
    "Admiral",
    "Maulana",
    "Lieutenant General",
];

fn title_added(name: &str, rng: &mut Rng) -> Option<(String, String)> {
    let title = *rng.pick(TITLES);
    if let Some((last, first)) = name.split_once(',') {
        if rng.chance(0.5) {
            return Some((format!("{}, {title} {}", last.trim(), first.trim()), title.to_owned()));
        }
    }
    Some((format!("{title} {name}"), title.to_owned()))
}

/// Replaces one word by another spelling of the same name (Mohammad → Mohammed), keeping the
/// case style of the list.
fn respelling(name: &str, rng: &mut Rng) -> Option<(String, String)> {
    let w = words(name);
    let candidates: Vec<(usize, &'static [&'static str])> = w
        .iter()
        .enumerate()
        .filter_map(|(i, word)| {
            let clean = word.trim_matches(|c: char| !c.is_alphanumeric());
            let group = spelling_variants(&normalize(clean))?;
            (group.len() > 1).then_some((i, group))
        })
        .collect();
    if candidates.is_empty() {
        return None;
    }
    let (i, group) = *rng.pick(&candidates);
    let word = w[i];
    let clean = word.trim_matches(|c: char| !c.is_alphanumeric());
    let current = normalize(clean);
    let others: Vec<&str> = group.iter().copied().filter(|g| *g != current && g.len() > 2).collect();
    if others.is_empty() {
        return None;
    }
    let replacement = *rng.pick(&others);
    let styled = if clean.chars().all(|c| !c.is_lowercase()) {
        replacement.to_uppercase()
    } else {
        title_case(replacement)
    };
    let mut out: Vec<String> = w.iter().map(|s| (*s).to_owned()).collect();
    out[i] = word.replace(clean, &styled);
    Some((out.join(" "), format!("{current}->{replacement}")))
}

/// Groups of legal-form spellings that mean the same form.
const LEGAL_FORMS: &[&[&str]] = &[
    &["LLC", "Limited Liability Company", "OOO", "L.L.C.", "TOV"],
    &["JSC", "Joint Stock Company", "AO", "Aktsionernoe Obshchestvo", "J.S.C."],
    &["PJSC", "Public Joint Stock Company", "PAO"],
    &["OJSC", "Open Joint Stock Company", "OAO"],
    &["CJSC", "Closed Joint Stock Company", "ZAO"],
    &["Ltd", "Limited", "Ltd."],
    &["Inc.", "Incorporated", "Inc"],
    &["Corp.", "Corporation"],
    &["GmbH", "Gesellschaft mit beschraenkter Haftung"],
    &["S.A.", "SA", "Sociedad Anonima"],
    &["FZE", "Free Zone Establishment"],
    &["FZCO", "Free Zone Company"],
    &["PLC", "Public Limited Company"],
    &["Co.", "Company"],
];

fn legal_form(name: &str, rng: &mut Rng) -> Option<(String, String)> {
    let upper = name.to_uppercase();
    let mut best: Option<(usize, usize, &[&str], &str)> = None;
    for group in LEGAL_FORMS {
        for alias in group.iter() {
            let a = alias.to_uppercase();
            let mut from = 0;
            while let Some(pos) = upper[from..].find(&a).map(|p| p + from) {
                let end = pos + a.len();
                let boundary =
                    |c: Option<char>| c.is_none_or(|c| c.is_whitespace() || matches!(c, ',' | '(' | ')'));
                let before_ok = boundary(upper[..pos].chars().next_back());
                let after_ok = boundary(upper[end..].chars().next());
                if before_ok && after_ok && best.is_none_or(|b| a.len() > b.1 - b.0) {
                    best = Some((pos, end, group, alias));
                }
                from = end;
            }
        }
    }
    match best {
        Some((start, end, group, found)) if upper.len() == name.len() => {
            let others: Vec<&str> =
                group.iter().copied().filter(|g| !g.eq_ignore_ascii_case(found)).collect();
            let replacement = *rng.pick(&others);
            let out = format!("{}{}{}", &name[..start], replacement, &name[end..]);
            Some((out, format!("{found}->{replacement}")))
        }
        Some(_) => None,
        None => {
            // A legal form the list did not write: "ROSOBORONEXPORT" screened as "Rosoboronexport JSC".
            let group = rng.pick(LEGAL_FORMS);
            let form = *rng.pick(group);
            if rng.chance(0.5) {
                Some((format!("{name} {form}"), format!("+{form}")))
            } else {
                Some((format!("{form} {name}"), format!("{form}+")))
            }
        }
    }
}

const JOINABLE_PREFIXES: &[&str] = &[
    "abdul", "abdel", "abdol", "abdal", "abu", "abou", "al", "el", "nasr", "nur", "nour", "zain", "saif",
    "ali",
];
const JOINABLE_SUFFIXES: &[&str] =
    &["ullah", "ollah", "allah", "uddin", "eddin", "addin", "jani", "zadeh", "pour"];

/// Joins two adjacent words (`Aqa Jani` → `Aqajani`, `al-Hashimi` → `alHashimi`) or splits a
/// compound at a known boundary (`Abdulrahman` → `Abdul Rahman`, `Rahmatollah` → `Rahmat Ollah`).
fn joined_split(name: &str, kind: EntityKind, rng: &mut Rng) -> Option<(String, String)> {
    let w = words(name);
    // Legal forms and common organisation words are not where names get joined or split.
    // Words are judged within the whole name, since a legal form spans several of them
    // (OBSHCHESTVO S OGRANICHENNOI OTVETSTVENNOSTYU).
    let not_names = non_name_words(&embargo_names::analyze(name, Some(kind)));
    let name_word = |word: &str| normalize(word).split(' ').all(|w| !not_names.contains(w));
    let mut splits: Vec<(usize, usize)> = Vec::new();
    for (i, word) in w.iter().enumerate() {
        if !is_alpha_word(word) || !name_word(word) {
            continue;
        }
        let lower = word.to_lowercase();
        if lower.len() != word.len() {
            continue;
        }
        for p in JOINABLE_PREFIXES {
            if lower.starts_with(p) && lower.len() >= p.len() + 3 {
                splits.push((i, p.len()));
            }
        }
        for s in JOINABLE_SUFFIXES {
            if lower.ends_with(s) && lower.len() >= s.len() + 3 {
                splits.push((i, lower.len() - s.len()));
            }
        }
    }
    let hyphenated: Vec<usize> =
        (0..w.len()).filter(|i| w[*i].contains('-') && w[*i].len() > 4 && name_word(w[*i])).collect();
    let joins: Vec<usize> = (0..w.len().saturating_sub(1))
        .filter(|i| {
            is_alpha_word(w[*i])
                && is_alpha_word(w[*i + 1])
                && w[*i].len() >= 2
                && w[*i + 1].len() >= 2
                && name_word(w[*i])
                && name_word(w[*i + 1])
        })
        .collect();
    let mut out: Vec<String> = w.iter().map(|s| (*s).to_owned()).collect();
    let choice = rng.below(3);
    if choice == 0 && !splits.is_empty() {
        let (i, at) = *rng.pick(&splits);
        let (a, b) = w[i].split_at(at);
        out[i] = format!("{a} {b}");
        return Some((out.join(" "), "split".to_owned()));
    }
    if choice == 1 && !hyphenated.is_empty() {
        let i = *rng.pick(&hyphenated);
        out[i] = w[i].replace('-', "");
        return Some((out.join(" "), "hyphen_joined".to_owned()));
    }
    if !joins.is_empty() {
        let i = *rng.pick(&joins);
        let joined = format!("{}{}", w[i], w[i + 1].to_lowercase());
        out.splice(i..i + 2, [joined]);
        return Some((out.join(" "), "joined".to_owned()));
    }
    if !splits.is_empty() {
        let (i, at) = *rng.pick(&splits);
        let (a, b) = w[i].split_at(at);
        out[i] = format!("{a} {b}");
        return Some((out.join(" "), "split".to_owned()));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transforms_change_the_name_and_are_deterministic() {
        let name = "AL-HASHIMI, Abdulrahman Mohammed Yousef";
        for variation in Variation::ALL {
            if variation.is_cross_script() || variation == Variation::LegalForm {
                continue;
            }
            let a = transform(variation, name, EntityKind::Person, &mut Rng::new(3));
            let b = transform(variation, name, EntityKind::Person, &mut Rng::new(3));
            assert_eq!(a, b, "{variation:?}");
            let (query, _) = a.unwrap_or_else(|| panic!("{variation:?} should apply to {name}"));
            if variation != Variation::Exact {
                assert_ne!(query, name, "{variation:?}");
            }
        }
    }

    #[test]
    fn legal_form_swaps_within_a_group() {
        let (q, detail) =
            transform(Variation::LegalForm, "ROMASHKA LLC", EntityKind::Organization, &mut Rng::new(1))
                .unwrap();
        assert!(detail.starts_with("LLC->"), "{detail}");
        assert!(q.starts_with("ROMASHKA "), "{q}");
        // Legal forms are not swapped inside words.
        let (q, _) =
            transform(Variation::LegalForm, "COAL TRADING", EntityKind::Organization, &mut Rng::new(1))
                .unwrap();
        assert!(q.contains("COAL TRADING"), "{q}");
    }

    #[test]
    fn organisation_word_order_moves_the_legal_form() {
        let (q, detail) = transform(
            Variation::WordOrder,
            "JOINT STOCK COMPANY RAMEC VS",
            EntityKind::Organization,
            &mut Rng::new(1),
        )
        .unwrap();
        assert_eq!(q, "RAMEC VS JOINT STOCK COMPANY", "{detail}");
    }

    #[test]
    fn legal_forms_inside_dotted_abbreviations_are_left_alone() {
        let (q, _) = transform(
            Variation::LegalForm,
            "M.A.T.S.A. S.A. DE C.V.",
            EntityKind::Organization,
            &mut Rng::new(1),
        )
        .unwrap();
        assert!(q.starts_with("M.A.T.S.A. "), "{q}");
    }

    #[test]
    fn a_syllable_of_a_korean_given_name_is_not_a_middle_name() {
        assert!(transform(
            Variation::DroppedMiddleName,
            "KIM, Chol Sam",
            EntityKind::Person,
            &mut Rng::new(1)
        )
        .is_none());
        assert!(transform(
            Variation::DroppedMiddleName,
            "Abdul Satar Abdullah",
            EntityKind::Person,
            &mut Rng::new(1)
        )
        .is_none());
    }

    #[test]
    fn titles_are_neither_middle_names_nor_joined() {
        for seed in 0..20 {
            let dropped = transform(
                Variation::DroppedMiddleName,
                "Mullah Baradar Akhund",
                EntityKind::Person,
                &mut Rng::new(seed),
            );
            assert!(dropped.is_none(), "{dropped:?}");
            if let Some((q, _)) = transform(
                Variation::JoinedSplit,
                "NOORZAI, Haji Bashir",
                EntityKind::Person,
                &mut Rng::new(seed),
            ) {
                assert!(!q.contains("Hajibashir") && !q.contains("HajiBashir"), "{q}");
            }
        }
    }

    #[test]
    fn legal_forms_are_not_joined_to_names() {
        for seed in 0..20 {
            if let Some((q, _)) = transform(
                Variation::JoinedSplit,
                "YILUFA ELECTRONICS LIMITED",
                EntityKind::Organization,
                &mut Rng::new(seed),
            ) {
                panic!("joined a legal form or common word: {q}");
            }
        }
    }

    #[test]
    fn words_of_a_multiword_legal_form_are_not_joined() {
        let name = "OBSHCHESTVO S OGRANICHENNOI OTVETSTVENNOSTYU GUARD";
        for seed in 0..20 {
            if let Some((q, _)) =
                transform(Variation::JoinedSplit, name, EntityKind::Organization, &mut Rng::new(seed))
            {
                panic!("joined words of a legal form: {q}");
            }
        }
    }

    #[test]
    fn two_typos_need_a_long_word() {
        assert!(transform(Variation::TwoTypos, "LI WEI", EntityKind::Person, &mut Rng::new(1)).is_none());
        let (q, _) =
            transform(Variation::TwoTypos, "ROSOBORONEXPORT", EntityKind::Organization, &mut Rng::new(1))
                .unwrap();
        assert_ne!(q, "ROSOBORONEXPORT");
    }

    #[test]
    fn respelling_uses_the_variant_tables() {
        let (q, _) =
            transform(Variation::Respelling, "Mohammad RAHIMI", EntityKind::Person, &mut Rng::new(2))
                .unwrap();
        assert!(q.ends_with(" RAHIMI") && !q.starts_with("Mohammad "), "{q}");
    }
}
