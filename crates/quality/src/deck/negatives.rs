//! Negatives: names of people and companies written by other people, that are on no list.
//!
//! The name parts are Python Faker's person and company providers (MIT licence), extracted
//! into `data/deck/faker-names.tsv` by `data/deck/extract_faker.py`: given names (by gender
//! where Faker splits them), family names (by gender for Russian, Ukrainian, Greek...),
//! patronymics, and legal-form words of companies, for 23 cultures, in their own scripts
//! (Cyrillic, Arabic, Persian, hanzi, hangul, kanji, Hebrew, Greek, Georgian, Devanagari) and
//! in Latin. Russian is also written in Latin by BGN/PCGN, and Japanese by Faker's own
//! romanisation. A generated name is kept only if it is not a listed name by *exact* comparison
//! (case and diacritics folded, word order ignored, spaces ignored), never by the matcher's keys:
//! what remains must not alert, and the share that does is the alert rate.

use super::fold::{folded_run, folded_words_sorted};
use super::script::{script_of, Script};
use super::translit::{romanize_cyrillic, CyrillicSystem};
use crate::rng::Rng;
use embargo_model::{Entity, EntityKind};
use std::collections::{BTreeMap, HashSet};

const FAKER_NAMES: &str = include_str!("../../data/deck/faker-names.tsv");

/// One culture's name parts.
#[derive(Default, Debug)]
struct Culture {
    given_m: Vec<String>,
    given_f: Vec<String>,
    given: Vec<String>,
    family_m: Vec<String>,
    family_f: Vec<String>,
    family: Vec<String>,
    middle_m: Vec<String>,
    middle_f: Vec<String>,
    company_suffix: Vec<String>,
    company_prefix: Vec<String>,
}

impl Culture {
    fn push(&mut self, part: &str, name: String) {
        let list = match part {
            "given_m" => &mut self.given_m,
            "given_f" => &mut self.given_f,
            "given" => &mut self.given,
            "family_m" => &mut self.family_m,
            "family_f" => &mut self.family_f,
            "family" => &mut self.family,
            "middle_m" => &mut self.middle_m,
            "middle_f" => &mut self.middle_f,
            "company_suffix" => &mut self.company_suffix,
            "company_prefix" => &mut self.company_prefix,
            _ => return,
        };
        list.push(name);
    }

    fn usable(&self) -> bool {
        let given = !self.given.is_empty() || (!self.given_m.is_empty() && !self.given_f.is_empty());
        let family = !self.family.is_empty() || (!self.family_m.is_empty() && !self.family_f.is_empty());
        given && family
    }
}

/// The cultures of the Faker data, by name (`russian`, `russian_latin`, `japanese_latin`...).
fn cultures() -> BTreeMap<String, Culture> {
    let mut out: BTreeMap<String, Culture> = BTreeMap::new();
    for line in FAKER_NAMES.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        let [culture, _locale, part, name, latin] = cols[..] else { continue };
        out.entry(culture.to_owned()).or_default().push(part, name.to_owned());
        if !latin.is_empty() {
            out.entry(format!("{culture}_latin")).or_default().push(part, latin.to_owned());
        }
        if culture == "russian" {
            out.entry("russian_latin".to_owned())
                .or_default()
                .push(part, romanize_cyrillic(name, CyrillicSystem::BgnPcgn));
        }
    }
    // Company words of a culture serve its romanised twin too: in Latin letters (Russian ones
    // romanised by BGN/PCGN), never mixing scripts in one name.
    let words: Vec<(String, Vec<String>, Vec<String>)> =
        out.iter().map(|(k, c)| (k.clone(), c.company_suffix.clone(), c.company_prefix.clone())).collect();
    for (name, suffix, prefix) in words {
        if let Some(twin) = out.get_mut(&format!("{name}_latin")) {
            if twin.company_suffix.is_empty() && twin.company_prefix.is_empty() {
                let latin = |words: Vec<String>| -> Vec<String> {
                    words
                        .into_iter()
                        .map(|w| {
                            if script_of(&w) == Script::Cyrillic {
                                romanize_cyrillic(&w, CyrillicSystem::BgnPcgn)
                            } else {
                                w
                            }
                        })
                        .filter(|w| script_of(w).is_latin_or_none())
                        .collect()
                };
                twin.company_suffix = latin(suffix);
                twin.company_prefix = latin(prefix);
            }
        }
    }
    out.retain(|_, c| c.usable());
    out
}

/// Cultures whose names are written family name first; in their own script, without spaces.
fn family_first(culture: &str) -> bool {
    matches!(culture, "chinese" | "korean" | "japanese" | "chinese_latin")
}

fn no_spaces(culture: &str) -> bool {
    matches!(culture, "chinese" | "korean" | "japanese")
}

/// Folded forms of every listed name, for the exact "is it listed?" test.
pub struct ListedNames {
    words_sorted: HashSet<String>,
    runs: HashSet<String>,
}

impl ListedNames {
    /// Every name of `entities`.
    pub fn build(entities: &[Entity]) -> ListedNames {
        let mut l = ListedNames { words_sorted: HashSet::new(), runs: HashSet::new() };
        for n in entities.iter().flat_map(|e| &e.names) {
            l.words_sorted.insert(folded_words_sorted(&n.full));
            l.runs.insert(folded_run(&n.full));
        }
        l
    }

    /// Whether `name` is written as a listed name: the same words in any order, or the same
    /// letters with other spaces, case and diacritics aside.
    pub fn contains(&self, name: &str) -> bool {
        self.words_sorted.contains(&folded_words_sorted(name)) || self.runs.contains(&folded_run(name))
    }
}

/// One negative query.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Negative {
    /// The culture of the name parts (`spanish`, `persian`, `russian_latin`...).
    pub culture: String,
    /// Person or organisation.
    pub kind: EntityKind,
    /// The script the name is written in.
    pub script: Script,
    /// The name screened.
    pub query: String,
}

/// What [`generate`] made.
pub struct Negatives {
    /// The names kept.
    pub names: Vec<Negative>,
    /// Generated names that are listed names (dropped), per culture.
    pub rejected_as_listed: BTreeMap<String, usize>,
}

fn pick_gendered<'a>(
    rng: &mut Rng,
    male: bool,
    m: &'a [String],
    f: &'a [String],
    any: &'a [String],
) -> Option<&'a str> {
    let list = match (male, m.is_empty(), f.is_empty()) {
        (true, false, _) => m,
        (false, _, false) => f,
        _ => any,
    };
    (!list.is_empty()).then(|| rng.pick(list).as_str())
}

fn person(culture: &str, c: &Culture, rng: &mut Rng) -> Option<String> {
    let male = rng.chance(0.5);
    let given = pick_gendered(rng, male, &c.given_m, &c.given_f, &c.given)?;
    let family = pick_gendered(rng, male, &c.family_m, &c.family_f, &c.family)?;
    let middle = if rng.chance(0.4) { pick_gendered(rng, male, &c.middle_m, &c.middle_f, &[]) } else { None };
    // Arabic names often give the father's name between the given and the family name.
    let father = if matches!(culture, "arabic" | "persian" | "pakistani" | "algerian") && rng.chance(0.3) {
        pick_gendered(rng, true, &c.given_m, &[], &c.given)
    } else {
        None
    };
    if family_first(culture) {
        let sep = if no_spaces(culture) { "" } else { " " };
        return Some(format!("{family}{sep}{given}"));
    }
    let mut parts = vec![given];
    parts.extend(middle);
    parts.extend(father);
    parts.push(family);
    Some(parts.join(" "))
}

fn company(c: &Culture, rng: &mut Rng) -> Option<String> {
    let family = |rng: &mut Rng| {
        let all: Vec<&String> = c.family.iter().chain(&c.family_m).collect();
        (!all.is_empty()).then(|| all[rng.below(all.len())].clone())
    };
    let a = family(rng)?;
    if !c.company_prefix.is_empty() && rng.chance(0.3) {
        return Some(format!("{} {a}", rng.pick(&c.company_prefix)));
    }
    let suffix = (!c.company_suffix.is_empty()).then(|| rng.pick(&c.company_suffix).clone())?;
    if rng.chance(0.3) {
        let b = family(rng)?;
        return Some(format!("{a}-{b} {suffix}"));
    }
    Some(format!("{a} {suffix}"))
}

/// Up to `per_culture` people and a quarter as many companies (where Faker has company words)
/// per culture, none of them a listed name.
pub fn generate(listed: &ListedNames, per_culture: usize, rng: &mut Rng) -> Negatives {
    let mut out = Negatives { names: Vec::new(), rejected_as_listed: BTreeMap::new() };
    for (name, c) in cultures() {
        // One generator per culture: a change in one culture's data moves no other's names.
        let rng = &mut Rng::new(rng.next_u64());
        let mut seen = HashSet::new();
        let companies =
            if c.company_suffix.is_empty() && c.company_prefix.is_empty() { 0 } else { per_culture / 4 };
        for (kind, want) in [(EntityKind::Person, per_culture), (EntityKind::Organization, companies)] {
            let mut made = 0;
            for _ in 0..want * 20 {
                if made >= want {
                    break;
                }
                let query = match kind {
                    EntityKind::Person => person(&name, &c, rng),
                    _ => company(&c, rng),
                };
                let Some(query) = query else { break };
                if !seen.insert(query.clone()) {
                    continue;
                }
                if listed.contains(&query) {
                    *out.rejected_as_listed.entry(name.clone()).or_default() += 1;
                    continue;
                }
                out.names.push(Negative { culture: name.clone(), kind, script: script_of(&query), query });
                made += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_faker_data_reads_into_cultures_in_their_scripts() {
        let c = cultures();
        for name in [
            "english",
            "spanish",
            "arabic",
            "persian",
            "russian",
            "russian_latin",
            "chinese",
            "chinese_latin",
            "korean",
            "japanese",
            "japanese_latin",
            "hebrew",
            "greek",
        ] {
            assert!(c.contains_key(name), "{name} missing from {:?}", c.keys().collect::<Vec<_>>());
        }
        assert_eq!(script_of(&c["persian"].family[0]), Script::Arabic);
        assert_eq!(script_of(&c["russian"].family_m[0]), Script::Cyrillic);
        assert_eq!(script_of(&c["russian_latin"].family_m[0]), Script::Latin);
    }

    #[test]
    fn a_listed_name_in_any_order_case_or_spacing_is_no_negative() {
        let e = embargo_testkit::person("t", "1", "GARCÍA, José").alias("王伟").build();
        let listed = ListedNames::build(&[e]);
        assert!(listed.contains("José García"));
        assert!(listed.contains("jose garcia"));
        assert!(listed.contains("王 伟"));
        // Exact comparison only: another spelling is not "listed".
        assert!(!listed.contains("Jose Garsia"));
    }

    #[test]
    fn generation_is_deterministic_and_skips_listed_names() {
        let listed = ListedNames::build(&[]);
        let a = generate(&listed, 20, &mut Rng::new(4));
        let b = generate(&listed, 20, &mut Rng::new(4));
        assert_eq!(
            a.names.iter().map(|n| &n.query).collect::<Vec<_>>(),
            b.names.iter().map(|n| &n.query).collect::<Vec<_>>()
        );
        let first = a.names[0].query.clone();
        let listed = ListedNames::build(&[embargo_testkit::person("t", "1", &first).build()]);
        let c = generate(&listed, 20, &mut Rng::new(4));
        assert!(c.names.iter().all(|n| n.query != first));
        assert!(c.rejected_as_listed.values().sum::<usize>() >= 1);
    }
}
