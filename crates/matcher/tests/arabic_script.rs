//! Names in Arabic script screened against the Latin names of the lists, and the ways Arabic and
//! Persian names are spelt differently in either script: the classes of issue 11 that keep
//! Arabic-script recall below the others.
//!
//! Cases come only from the EVEN half of the frozen split: an entity whose publisher id ends in
//! an even digit (`uk-ofsi:13452`, `un:IRi.004`). Its Arabic-script names are screened against
//! an index of every list with every name not in Latin letters taken out (the query must find
//! the entity through its Latin names, as a bank's Arabic-script customer record would), as
//! written and altered by the rules of this file (Arabic orthography: taa marbuta, ی/ي/ى,
//! ک/ك, بن/عبد/ابو joined or apart, the article, long vowels written or not, a word left out).
//! Its Latin names are respelt by the published practices of romanisation (French Maghrebi
//! `ou`/`ch`/`dj`/`-ine`, BGN/PCGN and ALA-LC's article, Turkic `x`) and screened against the
//! whole index.
//!
//! `EMBARGO_CLASS_REPORT=1 cargo test -p embargo-matcher --test arabic_script -- --nocapture`
//! prints each class's figure and its misses.

mod common;

use common::{even_half, index, load_lists, recall, recall_in};
use embargo_matcher::Index;
use embargo_model::EntityKind;
use embargo_names::{dominant_script, Script};
use std::sync::OnceLock;

fn latin(name: &str) -> bool {
    matches!(dominant_script(name), Script::Latin | Script::Common)
}

/// Every list with every name not written in Latin letters taken out (and the entities left
/// without a name).
fn latin_index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut entities = load_lists();
        for e in entities.iter_mut() {
            e.names.retain(|n| latin(&n.full));
        }
        entities.retain(|e| !e.names.is_empty());
        Index::build(entities)
    })
}

/// (Arabic-script name, entity id) of the even half, for entities that keep a Latin name.
fn arabic_names() -> Vec<(String, String)> {
    let latin_ids: std::collections::HashSet<&str> =
        latin_index().entities().iter().map(|e| e.id.as_str()).collect();
    let mut out: Vec<(String, String)> = index()
        .entities()
        .iter()
        .filter(|e| even_half(&e.id) && latin_ids.contains(e.id.as_str()))
        .flat_map(|e| {
            e.names
                .iter()
                .filter(|n| dominant_script(&n.full) == Script::Arabic)
                .map(move |n| (n.full.trim().to_owned(), e.id.clone()))
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

fn is_person(id: &str) -> bool {
    index().entity(id).is_some_and(|e| e.kind == EntityKind::Person)
}

/// The Arabic-script names of persons (organisations' are mostly translations of their Latin
/// names, which no spelling rule reaches).
fn arabic_person_names() -> Vec<(String, String)> {
    arabic_names().into_iter().filter(|(_, id)| is_person(id)).collect()
}

/// The Arabic-script names of persons altered by `alter` (cases it leaves unchanged dropped).
fn altered(alter: impl Fn(&str) -> Option<String>) -> Vec<(String, String)> {
    altered_from(arabic_person_names(), alter)
}

/// `names` altered by `alter` (cases it leaves unchanged dropped).
fn altered_from(
    names: Vec<(String, String)>,
    alter: impl Fn(&str) -> Option<String>,
) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = names
        .into_iter()
        .filter_map(|(name, id)| alter(&name).filter(|q| *q != name).map(|q| (q, id)))
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Applies `f` to each word (split on spaces) and joins them again.
fn per_word(name: &str, f: impl Fn(&str) -> String) -> String {
    name.split(' ').map(f).collect::<Vec<_>>().join(" ")
}

fn report_floor(class: &str, r: f64, floor: f64) {
    assert!(r >= floor, "{class}: recall {r:.3} below {floor}");
}

#[test]
fn arabic_script_names_against_latin_names() {
    let cases = arabic_names();
    let r = recall_in(latin_index(), "arabic_script_names_against_latin_names", &cases);
    // Before this round 76.1%, now 79.1%.
    report_floor("arabic_script_names_against_latin_names", r, 0.78);
    let persons = arabic_person_names();
    let r = recall_in(latin_index(), "arabic_script_person_names_against_latin_names", &persons);
    // Before this round 84.4%, now 87.9%.
    report_floor("arabic_script_person_names_against_latin_names", r, 0.87);
}

/// Taa marbuta written as a final ه (as Persian and most keyboards write it), and a final ه
/// written as ة (not that of الله, nor after alif: شاه). Names of organisations too: persons'
/// names with either ending are too few.
#[test]
fn taa_marbuta_and_final_ha() {
    let cases = altered_from(arabic_names(), |name| {
        Some(per_word(name, |w| {
            if let Some(stem) = w.strip_suffix('ة') {
                format!("{stem}ه")
            } else if let Some(stem) = w
                .strip_suffix('ه')
                .filter(|s| s.chars().count() >= 2 && !s.ends_with('ا') && !s.ends_with("لل"))
            {
                format!("{stem}ة")
            } else {
                w.to_owned()
            }
        }))
    });
    let r = recall_in(latin_index(), "taa_marbuta_and_final_ha", &cases);
    // Before this round 43.9%, now 45.5%.
    report_floor("taa_marbuta_and_final_ha", r, 0.44);
}

/// Persian letters for Arabic ones and back: ی for ي (and ى at the end), ک for ك.
#[test]
fn ya_and_kaf_letter_variants() {
    let cases = altered(|name| {
        let persian = name.contains(['ی', 'ک']);
        Some(per_word(name, |w| {
            if persian {
                w.replace('ی', "ي").replace('ک', "ك")
            } else {
                let n = w.chars().count();
                w.chars()
                    .enumerate()
                    .map(|(i, c)| match c {
                        'ي' if i + 1 == n => 'ى',
                        'ي' => 'ی',
                        'ك' => 'ک',
                        c => c,
                    })
                    .collect()
            }
        }))
    });
    let r = recall_in(latin_index(), "ya_and_kaf_letter_variants", &cases);
    // Before this round 75.0%, now 86.7%.
    report_floor("ya_and_kaf_letter_variants", r, 0.85);
}

/// عبد, ابو, بن and ابن written apart from the next word when joined to it, and joined when
/// apart.
#[test]
fn bin_abd_abu_joined_or_apart() {
    const PARTS: [&str; 4] = ["عبد", "ابو", "بن", "ابن"];
    let cases = altered(|name| {
        let words: Vec<&str> = name.split(' ').collect();
        let mut out: Vec<String> = Vec::new();
        let mut i = 0;
        while i < words.len() {
            let w = words[i];
            if PARTS.contains(&w) && i + 1 < words.len() {
                out.push(format!("{w}{}", words[i + 1]));
                i += 2;
                continue;
            }
            match PARTS.iter().find(|p| w.starts_with(**p) && w.chars().count() >= p.chars().count() + 3) {
                Some(p) if *p != "بن" && *p != "ابن" => {
                    out.push((*p).to_owned());
                    out.push(w[p.len()..].to_owned());
                }
                _ => out.push(w.to_owned()),
            }
            i += 1;
        }
        Some(out.join(" "))
    });
    let r = recall_in(latin_index(), "bin_abd_abu_joined_or_apart", &cases);
    // Before this round 64.2%, now 86.2%.
    report_floor("bin_abd_abu_joined_or_apart", r, 0.85);
}

/// The article ال left out of a word that has it (الهاشمي → هاشمي), or written apart (ال هاشمي).
#[test]
fn article_written_or_left_out() {
    let cases = altered(|name| {
        let words: Vec<&str> = name.split(' ').collect();
        let at = words.iter().position(|w| w.starts_with("ال") && w.chars().count() >= 5 && *w != "الله")?;
        let mut out: Vec<String> = words.iter().map(|w| (*w).to_owned()).collect();
        out[at] = if at % 2 == 0 { words[at][4..].to_owned() } else { format!("ال {}", &words[at][4..]) };
        Some(out.join(" "))
    });
    let r = recall_in(latin_index(), "article_written_or_left_out", &cases);
    // Before this round 79.9%, now 85.4%.
    report_floor("article_written_or_left_out", r, 0.84);
}

/// A long ā (an alif inside a word) left unwritten, as older and Quranic spellings do (ابرهيم,
/// سليمن, اسمعيل, عثمن).
#[test]
fn long_vowels_written_or_not() {
    let cases = altered(|name| {
        let words: Vec<&str> = name.split(' ').collect();
        // The longest word, its first inner long vowel dropped.
        let (at, w) = words.iter().enumerate().max_by_key(|(_, w)| w.chars().count())?;
        let chars: Vec<char> = w.chars().collect();
        if chars.len() < 4 {
            return None;
        }
        // An alif inside the word, not that of the article (ال).
        let drop = (1..chars.len() - 1).find(|&i| chars[i] == 'ا' && chars[i + 1] != 'ل')?;
        let mut out: Vec<String> = words.iter().map(|w| (*w).to_owned()).collect();
        out[at] = chars.iter().enumerate().filter(|(i, _)| *i != drop).map(|(_, c)| *c).collect();
        Some(out.join(" "))
    });
    let r = recall_in(latin_index(), "long_vowels_written_or_not", &cases);
    // Before this round 78.6%, now 81.8%.
    report_floor("long_vowels_written_or_not", r, 0.80);
}

/// A person's name of three words or more with one word (not the first) left out: the Latin form lists
/// a grandfather's name or a nisba the Arabic form does not, or the other way round.
#[test]
fn a_word_missing_in_one_form() {
    let cases: Vec<(String, String)> = altered(|name| {
        let words: Vec<&str> = name.split(' ').collect();
        if words.len() < 3 {
            return None;
        }
        let drop = 1 + name.len() % (words.len() - 1);
        Some(
            words
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != drop)
                .map(|(_, w)| *w)
                .collect::<Vec<_>>()
                .join(" "),
        )
    });
    let r = recall_in(latin_index(), "a_word_missing_in_one_form", &cases);
    // Before this round 49.2%, now 50.5%.
    report_floor("a_word_missing_in_one_form", r, 0.49);
}

/// The Latin names (ASCII, two words or more) of the even-half entities that also have an
/// Arabic-script name: Arabic and Persian names as the lists romanise them.
fn romanised_arabic_names() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = index()
        .entities()
        .iter()
        .filter(|e| even_half(&e.id) && e.names.iter().any(|n| dominant_script(&n.full) == Script::Arabic))
        .flat_map(|e| {
            e.names
                .iter()
                .filter(|n| n.full.is_ascii() && n.full.split_whitespace().count() >= 2)
                .map(move |n| (n.full.clone(), e.id.clone()))
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Rewrites each word of `name` (lower-cased) with `f`, keeping the upper case of words
/// written in capitals.
fn respelt(name: &str, f: impl Fn(&str) -> String) -> String {
    name.split(' ')
        .map(|w| {
            let upper =
                w.chars().any(|c| c.is_ascii_uppercase()) && !w.chars().any(|c| c.is_ascii_lowercase());
            let out = f(&w.to_ascii_lowercase());
            if upper {
                out.to_ascii_uppercase()
            } else {
                let mut c = out.chars();
                c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn respelt_cases(f: impl Fn(&str) -> String + Copy) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = romanised_arabic_names()
        .into_iter()
        .filter_map(|(name, id)| {
            let q = respelt(&name, f);
            (!q.eq_ignore_ascii_case(&name)).then_some((q, id))
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

/// French romanisation of Maghrebi names: u and w as ou, sh as ch, j as dj, a final -in as -ine
/// (Bouteflika, Chérif, Djamel, Lamine).
fn french_maghrebi(w: &str) -> String {
    let mut out = String::with_capacity(w.len() + 4);
    let b = w.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i] as char;
        let prev = if i > 0 { b[i - 1] as char } else { ' ' };
        match c {
            's' if b.get(i + 1) == Some(&b'h') => {
                out.push_str("ch");
                i += 2;
                continue;
            }
            'u' if prev != 'o' => out.push_str("ou"),
            'w' => out.push_str("ou"),
            'j' if prev != 'd' => out.push_str("dj"),
            _ => out.push(c),
        }
        i += 1;
    }
    if out.ends_with("in") && out.len() >= 4 {
        out.push('e');
    }
    out
}

#[test]
fn french_maghrebi_romanisation() {
    let cases = respelt_cases(french_maghrebi);
    let r = recall("french_maghrebi_romanisation", &cases);
    // Before this round 89.9%, now 90.9%.
    report_floor("french_maghrebi_romanisation", r, 0.90);
}

/// Final vowels and endings written as English spellings do: final i as ee or y, final a as ah
/// and ah as a or eh, oo for u (Alee, Abdoo, Zahrah, Fatemeh).
fn english_endings(w: &str) -> String {
    if let Some(stem) = w.strip_suffix("ah") {
        format!("{stem}eh")
    } else if let Some(stem) = w.strip_suffix('i').filter(|s| s.len() >= 2) {
        if stem.len() % 2 == 0 {
            format!("{stem}ee")
        } else {
            format!("{stem}y")
        }
    } else if w.ends_with('a') && w.len() >= 3 {
        format!("{w}h")
    } else {
        w.replacen('u', "oo", 1)
    }
}

#[test]
fn english_vowel_endings() {
    let cases = respelt_cases(english_endings);
    let r = recall("english_vowel_endings", &cases);
    // Before this round 78.2%, now 79.0%.
    report_floor("english_vowel_endings", r, 0.78);
}

/// The article as ALA-LC and BGN/PCGN write it before sun letters (al-Rashid / ar-Rashid /
/// ash-Shami), as el, or run into the word (Alrashid, Abdurrahman).
fn article_forms(w: &str) -> String {
    const SUN: &[&str] = &["sh", "th", "dh", "t", "d", "r", "z", "s", "n"];
    for prefix in ["al-", "el-", "al"] {
        let Some(rest) = w.strip_prefix(prefix) else { continue };
        if rest.len() < 3 {
            continue;
        }
        if let Some(sun) = SUN.iter().find(|s| rest.starts_with(**s)) {
            let first = &sun[..1];
            return format!("a{first}-{rest}");
        }
        return if prefix == "al-" { format!("el-{rest}") } else { format!("al{rest}") };
    }
    w.to_owned()
}

#[test]
fn article_assimilated_or_not() {
    let cases = respelt_cases(article_forms);
    let r = recall("article_assimilated_or_not", &cases);
    // Before this round 100.0%, now 100.0%.
    report_floor("article_assimilated_or_not", r, 0.99);
}

/// Turkic and Persian letter groups: kh as x (Uzbek), q as k,
/// dh/th as z/s (Persian reading of ذ/ث).
fn turkic_persian(w: &str) -> String {
    w.replace("kh", "x").replace('q', "k").replace("dh", "z").replace("th", "s")
}

#[test]
fn turkic_and_persian_letter_groups() {
    let cases = respelt_cases(turkic_persian);
    let r = recall("turkic_and_persian_letter_groups", &cases);
    // Before this round 62.8%, now 64.7%.
    report_floor("turkic_and_persian_letter_groups", r, 0.63);
}

/// Not a test: prints the comparison of each `query|listed` line of `EMBARGO_PAIRS`, with the
/// analysis of both (`EMBARGO_PAIRS=$'علي|Ali' cargo test ... -- --ignored --nocapture explain`).
#[test]
#[ignore]
fn explain_pairs() {
    let pairs = std::env::var("EMBARGO_PAIRS").unwrap_or_default();
    for line in pairs.lines().filter(|l| l.contains('|')) {
        let (q, l) = line.split_once('|').unwrap();
        let c = embargo_matcher::compare(q, l, None);
        let (pq, pl) = (
            embargo_matcher::PreparedName::analyze(q, None),
            embargo_matcher::PreparedName::analyze(l, None),
        );
        let bound =
            embargo_matcher::Scorer::upper_bound(&embargo_matcher::AlignmentScorer, &pq.view(), &pl.view());
        println!("{q} | {l}: {:.3} (bound {bound:.3})", c.score);
        for name in [q, l] {
            let a = embargo_names::analyze(name, None);
            let t: Vec<String> = a
                .tokens
                .iter()
                .map(|t| format!("{}[{:?} {:?} {} {}]", t.text, t.role, t.variants, t.skeleton, t.phonetic))
                .collect();
            println!("   {}", t.join(" "));
        }
        if std::env::var_os("EMBARGO_EXPLAIN").is_some() {
            println!("{}", c.explanation);
        }
    }
}

/// Not a test: screens each line of `EMBARGO_QUERIES` against the Latin-only index and prints
/// the five best hits.
#[test]
#[ignore]
fn screen_queries() {
    let queries = std::env::var("EMBARGO_QUERIES").unwrap_or_default();
    let options = embargo_matcher::ScreenOptions { limit: usize::MAX, ..Default::default() };
    for q in queries.lines().filter(|l| !l.trim().is_empty()) {
        println!("{q}");
        for h in latin_index().screen(&embargo_matcher::Query::name(q), &options) {
            println!("   {:.3} {} {:?}", h.score, h.entity.id, h.matched_name);
        }
    }
}

/// Common Arabic and Persian given names and family names in Arabic script, written for this
/// test (frequent names of the Arab world and Iran, and nisba and Persian family-name patterns).
const AR_GIVEN: &[&str] = &[
    "ياسر",
    "طارق",
    "وليد",
    "نادر",
    "فادي",
    "رامي",
    "سامر",
    "باسل",
    "هشام",
    "مازن",
    "نبيل",
    "عماد",
    "شادي",
    "أيمن",
    "حازم",
    "زياد",
    "مهند",
    "تامر",
    "كريم",
    "لؤي",
    "ريم",
    "سلمى",
    "دينا",
    "هالة",
    "منى",
    "رانيا",
    "نادية",
    "سميرة",
    "ليلى",
    "هدى",
    "بهروز",
    "کاوه",
    "آرش",
    "سیاوش",
    "پرویز",
    "فرهاد",
    "شهرام",
    "بابک",
    "کامران",
    "نیما",
    "مهسا",
    "شیرین",
    "پریسا",
    "نسرین",
    "مریم",
];
const AR_FAMILY: &[&str] = &[
    "الخطيب",
    "النجار",
    "الحداد",
    "الصباغ",
    "العطار",
    "الحلبي",
    "الشامي",
    "المصري",
    "البغدادي",
    "الدمشقي",
    "الطويل",
    "القصير",
    "الأحمر",
    "السقا",
    "الخياط",
    "الفخراني",
    "الزين",
    "العلي",
    "حمدان",
    "عيسى",
    "سليمان",
    "خوري",
    "حداد",
    "نصار",
    "منصور",
    "عطية",
    "درويش",
    "شاهین",
    "کریمی",
    "رستمی",
    "اکبری",
    "صادقی",
    "نوروزی",
    "جعفری",
    "کاظمی",
    "مرادی",
    "قاسمی",
    "حیدری",
    "طاهری",
    "یزدانی",
    "شریفی",
    "فراهانی",
    "تهرانی",
    "شیرازی",
    "اصفهانی",
];

/// Given name and family name pairs in Arabic script: people on no list (kept only if no listed
/// name is written so). Many share a family name or a given name with a listed person; that
/// alone is no hit.
fn arabic_script_negatives() -> Vec<String> {
    let mut out = Vec::new();
    for (i, g) in AR_GIVEN.iter().enumerate() {
        for (j, f) in AR_FAMILY.iter().enumerate() {
            if (i * 7 + j * 3) % 4 == 0 {
                out.push(format!("{g} {f}"));
            }
        }
    }
    out
}

#[test]
fn arabic_script_names_on_no_list_do_not_alert() {
    let rate = common::alert_rate("arabic_script_negatives", &arabic_script_negatives());
    // 4.34% before the Arabic-script rules of this file's round, 4.14% with them; most alerts are
    // namesakes of listed people (عماد خوري / Imad Khuri), which this list of negatives does not
    // tell from other people: the floor keeps the rules from adding alerts.
    assert!(rate <= 0.045, "Arabic-script negatives: {rate:.3} alert");
}

/// The rules of this round, pair by pair: another reading of a word in Arabic script (Persian
/// و as v, Arabic as w; ض as d or z), its readings joined against one Latin word, عبد with the
/// article of the next name, بن run into a name.
#[test]
fn other_readings_of_arabic_script_words_meet_latin_spellings() {
    for (query, listed) in [
        ("محمد جواد وزیری", "MOHAMMAD JAWAD WAZIRI"),
        ("ولی جان", "WALIJAN"),
        ("عبد القادر", "ABDELKADER"),
        ("عبد الرحمن", "ABDERRAHMANE"),
        ("عبدالرحيم", "Abdolrahim"),
        ("عادل بنيوسف", "ADEL BEN YOUSSEF"),
    ] {
        let score = embargo_matcher::compare(query, listed, None).score;
        assert!(score >= 0.8, "{query} / {listed}: {score:.3}");
    }
    // A one-word name met by its Persian reading (ض as z): 0 on main, now a near match.
    let score = embargo_matcher::compare("فيض", "FAIZ", None).score;
    assert!(score >= 0.75, "فيض / FAIZ: {score:.3}");
}
