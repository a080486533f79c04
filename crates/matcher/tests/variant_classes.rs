//! Recall and false alerts by class of variation, on every list in `../shared/data/lists`,
//! with the queries made here from the listed names by rules of this file's own (common
//! English and Russian hypocorisms, the German (Duden), French, ISO 9 and Library of Congress
//! romanisations of Russian, the ways clerks write several aliases in one field), and negatives
//! made from common Chinese, Korean and company name parts, kept only if no listed name is
//! written the same.
//!
//! Each class is a test named after it with a floor: a change that loses recall in a class (or
//! raises false alerts) fails here. `EMBARGO_CLASS_REPORT=1` prints each class's figure and its
//! misses (`cargo test -p embargo-matcher --test variant_classes -- --nocapture`).

mod common;

use common::{alert_rate, folded, index, recall, Rng};
use embargo_model::EntityKind;

/// Persons' names written `LAST, First ...` or `First ... LAST`, in Latin letters, with their
/// entity id.
fn latin_persons() -> Vec<(&'static str, &'static str)> {
    index()
        .entities()
        .iter()
        .filter(|e| e.kind == EntityKind::Person)
        .flat_map(|e| e.names.iter().map(move |n| (e.id.as_str(), n.full.as_str())))
        .filter(|(_, n)| n.is_ascii() && n.split_whitespace().count() >= 2)
        .collect()
}

/// Replaces the first word of `name` (ASCII case-insensitively) that equals `from`, keeping
/// the case style of the word replaced.
fn replace_word(name: &str, from: &str, to: &str) -> Option<String> {
    let mut done = false;
    let words: Vec<String> = name
        .split(' ')
        .map(|w| {
            let core = w.trim_end_matches(',');
            if !done && core.eq_ignore_ascii_case(from) {
                done = true;
                let cased = if core.chars().all(|c| c.is_ascii_uppercase()) {
                    to.to_ascii_uppercase()
                } else {
                    let mut c = to.chars();
                    c.next().map(|f| f.to_ascii_uppercase().to_string() + c.as_str()).unwrap_or_default()
                };
                format!("{cased}{}", &w[core.len()..])
            } else {
                w.to_owned()
            }
        })
        .collect();
    done.then(|| words.join(" "))
}

/// Formal given names and the pet forms people go by (common English hypocorisms; Russian and
/// Spanish diminutives), written for this test.
const PET_FORMS: &[(&str, &str)] = &[
    ("robert", "bob"),
    ("robert", "rob"),
    ("william", "bill"),
    ("william", "will"),
    ("richard", "dick"),
    ("richard", "rick"),
    ("john", "jack"),
    ("john", "johnny"),
    ("james", "jim"),
    ("james", "jimmy"),
    ("joseph", "joe"),
    ("thomas", "tom"),
    ("charles", "charlie"),
    ("edward", "ted"),
    ("edward", "eddie"),
    ("michael", "mike"),
    ("christopher", "chris"),
    ("daniel", "danny"),
    ("david", "dave"),
    ("anthony", "tony"),
    ("andrew", "andy"),
    ("alexander", "alex"),
    ("steven", "steve"),
    ("stephen", "steve"),
    ("matthew", "matt"),
    ("nicholas", "nick"),
    ("patrick", "pat"),
    ("peter", "pete"),
    ("samuel", "sam"),
    ("timothy", "tim"),
    ("kenneth", "ken"),
    ("ronald", "ron"),
    ("gregory", "greg"),
    ("jeffrey", "jeff"),
    ("lawrence", "larry"),
    ("raymond", "ray"),
    ("frederick", "fred"),
    ("francis", "frank"),
    ("henry", "harry"),
    ("douglas", "doug"),
    ("elizabeth", "liz"),
    ("elizabeth", "betty"),
    ("margaret", "peggy"),
    ("catherine", "kate"),
    ("jennifer", "jenny"),
    ("susan", "sue"),
    ("sandra", "sandy"),
    ("victoria", "vicky"),
    ("jose", "pepe"),
    ("francisco", "paco"),
    ("aleksandr", "sasha"),
    ("vladimir", "volodya"),
    ("mikhail", "misha"),
    ("ivan", "vanya"),
    ("nikolay", "kolya"),
    ("pavel", "pasha"),
];

fn nickname_cases() -> Vec<(String, String)> {
    let mut cases = Vec::new();
    for (id, name) in latin_persons() {
        for (formal, pet) in PET_FORMS {
            if let Some(q) = replace_word(name, formal, pet) {
                cases.push((q, id.to_owned()));
                break;
            }
        }
    }
    cases.sort();
    cases.dedup();
    cases
}

#[test]
fn nicknames() {
    let cases = nickname_cases();
    let r = recall("nicknames", &cases);
    assert!(r >= 0.97, "nicknames: recall {r:.3}");
}

/// Entities with two names written differently, both given in one string the ways clerks write
/// them.
fn several_aliases_cases() -> Vec<(String, String)> {
    let formats: [fn(&str, &str) -> String; 6] = [
        |a, b| format!("{a}/{b}"),
        |a, b| format!("{a} / {b}"),
        |a, b| format!("{a} a.k.a. {b}"),
        |a, b| format!("{a}; {b}"),
        |a, b| format!("{a} (aka {b})"),
        |a, b| format!("{a} FKA {b}"),
    ];
    let mut cases = Vec::new();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for e in index().entities().iter() {
        if e.names.len() < 2 || rng.below(20) != 0 {
            continue;
        }
        let (a, b) = (&e.names[0].full, &e.names[1 + rng.below(e.names.len() - 1)].full);
        if folded(a) == folded(b) || a.contains(['/', ';', '(']) || b.contains(['/', ';', '(']) {
            continue;
        }
        let f = formats[rng.below(formats.len())];
        cases.push((f(a, b), e.id.clone()));
    }
    cases
}

#[test]
fn several_aliases_in_one_string() {
    let cases = several_aliases_cases();
    let r = recall("several_aliases_in_one_string", &cases);
    assert!(r >= 0.96, "several aliases: recall {r:.3}");
}

/// Whether a listed name looks Russian (a family name with a Russian ending).
fn russian_looking(name: &str) -> bool {
    const ENDINGS: &[&str] = &[
        "ov", "ev", "ova", "eva", "in", "ina", "sky", "skiy", "skaya", "enko", "ovich", "evich", "yev",
        "yeva",
    ];
    name.split(|c: char| !c.is_ascii_alphabetic()).any(|w| {
        let w = w.to_ascii_lowercase();
        w.len() >= 5 && ENDINGS.iter().any(|e| w.ends_with(e))
    }) && name.split_whitespace().count() >= 2
}

/// Rewrites a name romanised as lists romanise Russian (BGN/PCGN-like: kh, zh, ch, sh, shch,
/// ts, ya, yu, ye, -iy) in another system. `system`: 0 German (Duden), 1 French, 2 ISO 9 (with
/// its diacritics), 3 Library of Congress without diacritics, 4 common English variants
/// (-ov/-off, -iy/-y, ye/e).
fn romanise_again(name: &str, system: usize) -> String {
    // The letters of the source romanisation, each as one placeholder (upper case: the name is
    // lowered first), then written in the target system.
    const SOURCE: &[(&str, &str)] = &[
        ("shch", "Q"),
        ("kh", "H"),
        ("zh", "Z"),
        ("sh", "S"),
        ("ch", "C"),
        ("ts", "T"),
        ("ya", "A"),
        ("yu", "U"),
        ("ye", "E"),
        ("yo", "O"),
    ];
    let target: &[(&str, &str)] = match system {
        0 => &[
            ("Q", "schtsch"),
            ("H", "ch"),
            ("Z", "sch"),
            ("S", "sch"),
            ("C", "tsch"),
            ("T", "z"),
            ("A", "ja"),
            ("U", "ju"),
            ("E", "je"),
            ("O", "jo"),
            ("I", "ij"),
            ("v", "w"),
        ],
        1 => &[
            ("u", "ou"),
            ("Q", "chtch"),
            ("H", "kh"),
            ("Z", "j"),
            ("S", "ch"),
            ("C", "tch"),
            ("T", "ts"),
            ("A", "ia"),
            ("U", "iou"),
            ("E", "ie"),
            ("O", "io"),
            ("I", "i"),
        ],
        2 => &[
            ("Q", "ŝ"),
            ("H", "h"),
            ("Z", "ž"),
            ("S", "š"),
            ("C", "č"),
            ("T", "c"),
            ("A", "â"),
            ("U", "û"),
            ("E", "e"),
            ("O", "ë"),
            ("I", "ij"),
        ],
        3 => &[
            ("Q", "shch"),
            ("H", "kh"),
            ("Z", "zh"),
            ("S", "sh"),
            ("C", "ch"),
            ("T", "ts"),
            ("A", "ia"),
            ("U", "iu"),
            ("E", "e"),
            ("O", "e"),
            ("I", "ii"),
        ],
        _ => &[
            ("Q", "shch"),
            ("H", "kh"),
            ("Z", "zh"),
            ("S", "sh"),
            ("C", "ch"),
            ("T", "ts"),
            ("A", "ya"),
            ("U", "yu"),
            ("E", "e"),
            ("O", "yo"),
            ("I", "y"),
        ],
    };
    let lower = name.to_lowercase();
    let words: Vec<String> = lower
        .split(' ')
        .map(|w| {
            let (core, tail) = w.split_at(w.trim_end_matches(',').len());
            let mut s = core.to_owned();
            for ending in ["iy", "yy", "ii", "ij"] {
                if let Some(stem) = s.strip_suffix(ending) {
                    s = format!("{stem}I");
                }
            }
            for (from, to) in SOURCE {
                s = s.replace(from, to);
            }
            for (from, to) in target {
                s = s.replace(from, to);
            }
            if system == 1 || system == 4 {
                for (from, to) in [("ov", "off"), ("ev", "eff")] {
                    if let Some(stem) = s.strip_suffix(from) {
                        s = format!("{stem}{to}");
                    }
                }
            }
            format!("{s}{tail}")
        })
        .collect();
    words.join(" ")
}

fn cyrillic_transliteration_cases() -> Vec<(String, String)> {
    let mut cases = Vec::new();
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    for (id, name) in latin_persons() {
        if !russian_looking(name) || rng.below(4) != 0 {
            continue;
        }
        let system = rng.below(5);
        let q = romanise_again(name, system);
        if q != name.to_lowercase() {
            cases.push((q, id.to_owned()));
        }
    }
    cases
}

#[test]
fn cyrillic_transliteration_variants() {
    let cases = cyrillic_transliteration_cases();
    let r = recall("cyrillic_transliteration_variants", &cases);
    assert!(r >= 0.95, "cyrillic transliteration: recall {r:.3}");
}

/// Common Chinese family names and given-name syllables in pinyin.
const CN_FAMILY: &[&str] = &[
    "wang", "li", "zhang", "liu", "chen", "yang", "huang", "zhao", "wu", "zhou", "xu", "sun", "ma", "zhu",
    "hu", "guo", "he", "gao", "lin", "luo", "zheng", "liang", "xie", "song", "tang", "han", "feng", "deng",
    "cao", "peng", "zeng", "xiao", "tian", "dong", "pan", "yuan", "cai", "jiang", "yu", "du", "ye", "cheng",
    "wei", "su", "lu", "ding", "ren", "shen", "yao", "fang",
];
const CN_GIVEN: &[&str] = &[
    "wei", "fang", "na", "min", "jing", "li", "qiang", "lei", "jun", "yang", "yong", "yan", "jie", "tao",
    "ming", "chao", "xiu", "hua", "ping", "gang", "hui", "xin", "bo", "yu", "hao", "lin", "kai", "ting",
    "xue", "mei", "lan", "ying", "feng", "long", "peng", "bin", "dan", "rui", "zhi", "hong", "qing", "yi",
    "xia", "juan", "shan", "ning", "cheng", "liang", "song", "tian",
];

fn chinese_negatives() -> Vec<String> {
    let mut rng = Rng(0x1234_5678_9abc_def1);
    let mut out = Vec::new();
    for _ in 0..1500 {
        let family = CN_FAMILY[rng.below(CN_FAMILY.len())];
        let given = if rng.below(2) == 0 {
            CN_GIVEN[rng.below(CN_GIVEN.len())].to_owned()
        } else {
            format!("{}{}", CN_GIVEN[rng.below(CN_GIVEN.len())], CN_GIVEN[rng.below(CN_GIVEN.len())])
        };
        let cap = |s: &str| s[..1].to_uppercase() + &s[1..];
        out.push(if rng.below(2) == 0 {
            format!("{} {}", cap(&given), cap(family))
        } else {
            format!("{} {}", family.to_uppercase(), cap(&given))
        });
    }
    out.sort();
    out.dedup();
    out
}

#[test]
fn chinese_names_sharing_a_family_name_do_not_alert() {
    let rate = alert_rate("chinese_names_in_latin_letters", &chinese_negatives());
    assert!(rate <= 0.045, "chinese names: {rate:.3} alert");
}

/// Common Korean family names and given-name syllables (Revised Romanization and the older
/// spellings).
const KO_FAMILY: &[&str] = &[
    "kim", "lee", "park", "choi", "jung", "kang", "cho", "yoon", "jang", "lim", "han", "oh", "seo", "shin",
    "kwon", "hwang", "ahn", "song", "ryu", "hong", "jeon", "ko", "moon", "yang", "son", "bae", "baek", "heo",
    "nam", "noh",
];
const KO_GIVEN: &[&str] = &[
    "min", "jun", "seo", "yeon", "ji", "ho", "hyun", "woo", "soo", "young", "eun", "jin", "hye", "sung",
    "jae", "dong", "hoon", "kyung", "mi", "yun", "won", "seung", "chul", "hee", "joon", "ha", "yoon", "bin",
    "na", "ra",
];

fn korean_negatives() -> Vec<String> {
    let mut rng = Rng(0x0ddb_a11c_afe0_f00d);
    let mut out = Vec::new();
    for _ in 0..1500 {
        let family = KO_FAMILY[rng.below(KO_FAMILY.len())];
        let (a, b) = (KO_GIVEN[rng.below(KO_GIVEN.len())], KO_GIVEN[rng.below(KO_GIVEN.len())]);
        let cap = |s: &str| s[..1].to_uppercase() + &s[1..];
        out.push(match rng.below(3) {
            0 => format!("{} {}-{}", cap(family), cap(a), b),
            1 => format!("{} {} {}", family.to_uppercase(), cap(a), cap(b)),
            _ => format!("{}{} {}", cap(a), b, cap(family)),
        });
    }
    out.sort();
    out.dedup();
    out
}

#[test]
fn korean_names_sharing_a_family_name_do_not_alert() {
    let rate = alert_rate("korean_names_in_latin_letters", &korean_negatives());
    assert!(rate <= 0.03, "korean names: {rate:.3} alert");
}

/// Company names made of common words.
fn company_negatives() -> Vec<String> {
    const FIRST: &[&str] = &[
        "Global",
        "United",
        "National",
        "International",
        "Pacific",
        "Atlantic",
        "Northern",
        "Southern",
        "Eastern",
        "Western",
        "Central",
        "General",
        "Royal",
        "Golden",
        "Silver",
        "Blue",
        "Green",
        "Red",
        "Star",
        "Sun",
        "Ocean",
        "Mountain",
        "River",
        "Capital",
        "First",
        "Prime",
        "Alpha",
        "Delta",
        "Apex",
        "Summit",
    ];
    const SECOND: &[&str] = &[
        "Trading",
        "Logistics",
        "Shipping",
        "Energy",
        "Oil",
        "Gas",
        "Steel",
        "Chemicals",
        "Electronics",
        "Technologies",
        "Industries",
        "Holdings",
        "Investments",
        "Finance",
        "Insurance",
        "Construction",
        "Engineering",
        "Marine",
        "Aviation",
        "Foods",
        "Textiles",
        "Pharmaceuticals",
        "Mining",
        "Metals",
        "Motors",
        "Systems",
        "Solutions",
        "Services",
        "Consulting",
        "Partners",
    ];
    const FORMS: &[&str] =
        &["LLC", "Ltd", "Limited", "Inc", "Co", "Corporation", "Group", "GmbH", "S.A.", "FZE", "Company", ""];
    let mut rng = Rng(0xfeed_beef_cafe_babe);
    let mut out = Vec::new();
    for _ in 0..1500 {
        let (a, b, f) =
            (FIRST[rng.below(FIRST.len())], SECOND[rng.below(SECOND.len())], FORMS[rng.below(FORMS.len())]);
        out.push(format!("{a} {b} {f}").trim().to_owned());
    }
    out.sort();
    out.dedup();
    out
}

#[test]
fn companies_sharing_only_common_words_do_not_alert() {
    let rate = alert_rate("companies_of_common_words", &company_negatives());
    assert!(rate <= 0.21, "companies of common words: {rate:.3} alert");
}

/// English words for 1..99 (`forty-four`), written for this test.
fn number_in_words(n: u32) -> Option<String> {
    const UNITS: [&str; 20] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: [&str; 10] =
        ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
    match n {
        1..=19 => Some(UNITS[n as usize].to_owned()),
        20..=99 if n.is_multiple_of(10) => Some(TENS[(n / 10) as usize].to_owned()),
        21..=99 => Some(format!("{}-{}", TENS[(n / 10) as usize], UNITS[(n % 10) as usize])),
        _ => None,
    }
}

/// Names of organisations, vessels and aircraft holding a number, with the number written in
/// words (`12` → `TWELVE`, `44` → `FORTY-FOUR`), as an ordinal word (`1ST` → `FIRST`), or
/// run into the word before it (`NAME 7622` → `NAME7622`).
fn numbers_cases() -> Vec<(String, String)> {
    const ORDINALS: [(&str, &str); 5] =
        [("1st", "first"), ("2nd", "second"), ("3rd", "third"), ("4th", "fourth"), ("5th", "fifth")];
    let mut cases = Vec::new();
    for e in index().entities().iter().filter(|e| e.kind != EntityKind::Person) {
        for n in &e.names {
            let words: Vec<&str> = n.full.split(' ').collect();
            if !n.full.is_ascii() || words.len() < 2 {
                continue;
            }
            for (i, w) in words.iter().enumerate() {
                let lower = w.to_ascii_lowercase();
                let mut rewritten = words.iter().map(|w| (*w).to_owned()).collect::<Vec<_>>();
                if let Some((_, word)) = ORDINALS.iter().find(|(o, _)| *o == lower) {
                    rewritten[i] = word.to_uppercase();
                } else if let Some(value) = w.parse::<u32>().ok().filter(|_| w.len() <= 2) {
                    match number_in_words(value) {
                        Some(words) => rewritten[i] = words.to_uppercase(),
                        None => continue,
                    }
                } else if i > 0 && w.len() >= 3 && w.bytes().all(|b| b.is_ascii_digit()) {
                    let joined = format!("{}{}", rewritten[i - 1], w);
                    rewritten.remove(i);
                    rewritten[i - 1] = joined;
                } else {
                    continue;
                }
                cases.push((rewritten.join(" "), e.id.clone()));
                break;
            }
        }
    }
    cases.sort();
    cases.dedup();
    cases
}

#[test]
fn numbers_in_words_ordinals_and_joined() {
    let cases = numbers_cases();
    let r = recall("numbers_in_words_ordinals_and_joined", &cases);
    assert!(r >= 0.98, "numbers: recall {r:.3}");
}

/// Given names and short forms cut from them (truncations people go by), written for this test:
/// Russian, Ukrainian, Spanish, Arabic and German.
const TRUNCATIONS: &[(&str, &str)] = &[
    ("aleksandr", "alek"),
    ("aleksey", "alek"),
    ("anastasia", "ana"),
    ("anastasiya", "ana"),
    ("natalia", "nat"),
    ("natalya", "nat"),
    ("vladimir", "vlad"),
    ("vladislav", "vlad"),
    ("maksim", "max"),
    ("konstantin", "konst"),
    ("yevgeniy", "yevg"),
    ("oleksandr", "oleks"),
    ("oleksiy", "olek"),
    ("volodymyr", "volod"),
    ("bohdan", "bohd"),
    ("francisco", "fran"),
    ("guillermo", "guille"),
    ("fernando", "fer"),
    ("alejandro", "ale"),
    ("abdullah", "abd"),
    ("mohammed", "moh"),
    ("mohammad", "moh"),
    ("muhammad", "muh"),
    ("ibrahim", "ibra"),
    ("abdulrahman", "abdul"),
    ("wolfgang", "wolf"),
    ("christian", "chris"),
    ("friedrich", "fried"),
    ("maximilian", "max"),
];

/// Listed persons' names of two words or more whose given name (not the last word, or not the
/// first when a patronymic ends the name) is replaced by its other form in `table` (formal,
/// other): the first of the table's forms found in the name.
fn given_name_replaced_cases(table: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut cases = Vec::new();
    for (id, name) in latin_persons() {
        let words: Vec<String> =
            name.split_whitespace().map(|w| w.trim_end_matches(',').to_ascii_lowercase()).collect();
        let family = if name.contains(',')
            || words.last().is_some_and(|w| w.ends_with("vich") || w.ends_with("vna"))
        {
            0
        } else {
            words.len() - 1
        };
        for (full, other) in table {
            if words.iter().enumerate().any(|(i, w)| i != family && w == full) {
                if let Some(q) = replace_word(name, full, other) {
                    cases.push((q, id.to_owned()));
                    break;
                }
            }
        }
    }
    cases.sort();
    cases.dedup();
    cases
}

#[test]
fn given_name_short_forms_cut_from_the_name() {
    let cases = given_name_replaced_cases(TRUNCATIONS);
    let r = recall("given_name_short_forms_cut_from_the_name", &cases);
    assert!(r >= 0.9, "given-name truncations: recall {r:.3}");
}

/// Listed persons' two-word names (given, family) with the given name replaced by another that
/// begins alike but is no cut of it (Andrew / Ana), or the family name cut short: two people,
/// not one.
fn given_name_lookalike_negatives() -> Vec<String> {
    const OTHERS: &[(&str, &str)] = &[
        ("andrew", "ana"),
        ("andrey", "ana"),
        ("aleksandr", "alla"),
        ("natalia", "nadia"),
        ("vladimir", "vlasta"),
        ("maksim", "marat"),
        ("mohammed", "mona"),
        ("mohammad", "mona"),
        ("abdullah", "abbas"),
        ("francisco", "franco"),
        ("ibrahim", "ibro"),
        ("christian", "chrysa"),
    ];
    let mut out = Vec::new();
    for (_, name) in latin_persons() {
        let words: Vec<&str> = name.split_whitespace().collect();
        // Two words, given and family name: nothing else matches to carry the given name.
        if words.len() != 2 || name.contains(',') || name.contains('-') {
            continue;
        }
        for (full, other) in OTHERS {
            if let Some(q) = replace_word(name, full, other) {
                out.push(q);
                break;
            }
        }
        // "Aleksandr IVANOV" -> "Aleksandr IVA": a cut family name is not a short form.
        if words[1].len() >= 7 {
            out.push(format!("{} {}", words[0], &words[1][..4]));
        }
    }
    out.sort();
    out.dedup();
    out
}

#[test]
fn given_name_short_forms_do_not_raise_lookalike_names() {
    let rate = alert_rate("given_name_lookalikes", &given_name_lookalike_negatives());
    // 7.0% before the short-form rule, 7.1% with it: the alerts are cut family names met by
    // their consonants (Ali BARK / BARAKA, Ali), which this class does not fix; the floor keeps
    // the short-form rule from adding more.
    assert!(rate <= 0.075, "given-name lookalikes: {rate:.3} alert");
}

/// Given names and the pet forms made of them by the ways such forms are made rather than
/// listed in a table of hypocorisms, written for this test: the end cut off and an English
/// diminutive made of what is left (Sammy, Debbie, Josie), the beginning cut off (Tina, Rita).
const MADE_PET_FORMS: &[(&str, &str)] = &[
    ("samuel", "sammy"),
    ("timothy", "timmy"),
    ("kenneth", "kenny"),
    ("benjamin", "benny"),
    ("donald", "donny"),
    ("ronald", "ronnie"),
    ("deborah", "debbie"),
    ("jessica", "jessie"),
    ("josephine", "josie"),
    ("katerina", "katie"),
    ("bernard", "bernie"),
    ("christina", "tina"),
    ("antonina", "nina"),
    ("isabella", "bella"),
    ("alexandra", "sandra"),
    ("yelena", "lena"),
    ("margarita", "rita"),
    ("regina", "gina"),
    ("veronika", "nika"),
    ("svetlana", "lana"),
];

#[test]
fn given_name_pet_forms_made_by_a_diminutive_or_by_cutting_the_beginning() {
    let cases = given_name_replaced_cases(MADE_PET_FORMS);
    assert!(cases.len() >= 30, "only {} cases", cases.len());
    let r = recall("given_name_pet_forms_made_by_a_diminutive_or_by_cutting_the_beginning", &cases);
    assert!(r >= 0.9, "made pet forms: recall {r:.3}");
}
