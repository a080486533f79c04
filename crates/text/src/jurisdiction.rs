//! Sanctioned jurisdictions: countries under comprehensive or extensive sanctions and the
//! occupied regions of Ukraine, found by name in text (English, Russian, Persian; names,
//! demonyms and the towns of the regions) and by ISO code in payment fields.
//!
//! A place is not a party: "Iran", "Russia" or "Crimea" in an article or a payment is reported
//! as a jurisdiction mention, never as a hit on a listed entity whose name holds the word.

use crate::words::Word;
use foldhash::{HashMap, HashMapExt};
use serde::Serialize;
use std::sync::OnceLock;

/// A sanctioned jurisdiction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Jurisdiction {
    /// ISO 3166-1 alpha-2 for a country (`IR`), ISO 3166-2 for a region (`UA-43` Crimea).
    pub code: &'static str,
    /// English name.
    pub name: &'static str,
    /// Why it is flagged: `comprehensive` (Iran, North Korea, Syria, Cuba, Crimea, the
    /// so-called people's republics), `extensive` (Russia, Belarus: sectoral sanctions and
    /// export controls) or `occupied region` (Zaporizhzhia and Kherson, EU regime of 2022).
    pub regime: &'static str,
}

/// The jurisdictions and the words that name them (lower case; `*` ends a Cyrillic stem that
/// takes case endings: `крым*` is Крым, Крыму, Крыма).
const TABLE: &[(Jurisdiction, &[&str])] = &[
    (
        Jurisdiction { code: "IR", name: "Iran", regime: "comprehensive" },
        &["iran", "islamic republic of iran", "iranian", "persia", "иран*", "ایران", "ایرانی", "إيران"],
    ),
    (
        Jurisdiction { code: "KP", name: "North Korea", regime: "comprehensive" },
        &[
            "north korea",
            "north korean",
            "dprk",
            "democratic people's republic of korea",
            "democratic peoples republic of korea",
            "кндр",
            "северная корея",
            "северной кореи",
            "کره شمالی",
        ],
    ),
    (
        Jurisdiction { code: "SY", name: "Syria", regime: "comprehensive" },
        &["syria", "syrian arab republic", "syrian", "сири*", "سوریه", "سوريا"],
    ),
    (
        Jurisdiction { code: "CU", name: "Cuba", regime: "comprehensive" },
        &["cuba", "cuban", "куба", "кубы", "кубе", "کوبا"],
    ),
    (
        Jurisdiction { code: "RU", name: "Russia", regime: "extensive" },
        &[
            "russia",
            "russian federation",
            "россия",
            "россии",
            "россию",
            "российская федерация",
            "روسیه",
            "روسيا",
        ],
    ),
    (
        Jurisdiction { code: "BY", name: "Belarus", regime: "extensive" },
        &["belarus", "byelorussia", "belarusian", "беларус*", "белорусси*", "بلاروس"],
    ),
    (
        Jurisdiction { code: "UA-43", name: "Crimea", regime: "comprehensive" },
        &[
            "crimea",
            "crimean",
            "crimean peninsula",
            "autonomous republic of crimea",
            "republic of crimea",
            "krym",
            "simferopol",
            "yalta",
            "kerch",
            "feodosia",
            "feodosiya",
            "yevpatoria",
            "evpatoria",
            "dzhankoi",
            "крым*",
            "симферопол*",
            "ялт*",
            "керч*",
            "феодоси*",
            "евпатори*",
            "کریمه",
        ],
    ),
    (
        Jurisdiction { code: "UA-40", name: "Sevastopol", regime: "comprehensive" },
        &["sevastopol", "sebastopol", "севастопол*"],
    ),
    (
        Jurisdiction { code: "UA-14", name: "Donetsk", regime: "comprehensive" },
        &[
            "donetsk",
            "donetsk people's republic",
            "donetsk peoples republic",
            "dpr",
            "dnr",
            "makiivka",
            "makeyevka",
            "horlivka",
            "gorlovka",
            "mariupol",
            "донецк*",
            "днр",
            "макеевк*",
            "горловк*",
            "мариупол*",
            "دونتسک",
        ],
    ),
    (
        Jurisdiction { code: "UA-09", name: "Luhansk", regime: "comprehensive" },
        &[
            "luhansk",
            "lugansk",
            "luhansk people's republic",
            "luhansk peoples republic",
            "lugansk people's republic",
            "lpr",
            "lnr",
            "alchevsk",
            "луганск*",
            "лнр",
            "алчевск*",
            "لوهانسک",
        ],
    ),
    (
        Jurisdiction { code: "UA-23", name: "Zaporizhzhia", regime: "occupied region" },
        &[
            "zaporizhzhia",
            "zaporozhye",
            "zaporizhia",
            "melitopol",
            "berdyansk",
            "enerhodar",
            "запорож*",
            "мелитопол*",
            "бердянск*",
        ],
    ),
    (
        Jurisdiction { code: "UA-65", name: "Kherson", regime: "occupied region" },
        &["kherson", "херсон*", "nova kakhovka"],
    ),
];

/// One phrase of the table, in folded words.
struct Phrase {
    words: Vec<String>,
    /// The last word is a stem: it matches words that start with it and are at most three
    /// letters longer.
    stem: bool,
    jurisdiction: usize,
}

struct Table {
    /// By first word (for stems: by the stem's first three letters).
    phrases: HashMap<String, Vec<Phrase>>,
    /// ISO codes (alpha-2 of countries) to table entries.
    by_code: HashMap<&'static str, usize>,
}

fn fold(word: &str) -> String {
    embargo_names::normalize(word)
}

fn table() -> &'static Table {
    static TABLE_CELL: OnceLock<Table> = OnceLock::new();
    TABLE_CELL.get_or_init(|| {
        let mut phrases: HashMap<String, Vec<Phrase>> = HashMap::new();
        let mut by_code = HashMap::new();
        for (i, (jurisdiction, names)) in TABLE.iter().enumerate() {
            by_code.insert(jurisdiction.code, i);
            for name in *names {
                let stem = name.ends_with('*');
                let words: Vec<String> =
                    crate::words::split(name.trim_end_matches('*')).iter().map(|w| fold(w.text)).collect();
                let key = if stem && words.len() == 1 { stem_key(&words[0]) } else { words[0].clone() };
                phrases.entry(key).or_default().push(Phrase { words, stem, jurisdiction: i });
            }
        }
        Table { phrases, by_code }
    })
}

fn stem_key(word: &str) -> String {
    word.chars().take(3).collect()
}

/// The jurisdiction of an ISO code (`IR`, `ir`, `UA-43`), if it is sanctioned.
pub fn by_code(code: &str) -> Option<Jurisdiction> {
    let upper = code.trim().to_ascii_uppercase();
    table().by_code.get(upper.as_str()).map(|&i| TABLE[i].0)
}

/// The jurisdiction a place name (a town, a region, a country) names, if it is sanctioned.
pub fn by_place(place: &str) -> Option<Jurisdiction> {
    let words = crate::words::split(place);
    let folded: Vec<String> = words.iter().map(|w| fold(w.text)).collect();
    find(&folded).into_iter().next().map(|(_, _, j)| j)
}

/// The jurisdictions named in `folded` words: (first word, end word exclusive, jurisdiction).
pub(crate) fn find<S: AsRef<str>>(folded: &[S]) -> Vec<(usize, usize, Jurisdiction)> {
    let table = table();
    let mut found = Vec::new();
    let mut i = 0;
    while i < folded.len() {
        let mut best: Option<(usize, usize)> = None;
        let word = folded[i].as_ref();
        // Stems are Cyrillic: keyed by their first three letters.
        let stem = word
            .starts_with(|c: char| ('\u{400}'..='\u{4ff}').contains(&c))
            .then(|| word.char_indices().nth(3).map_or(word, |(at, _)| &word[..at]));
        for key in std::iter::once(word).chain(stem) {
            let Some(candidates) = table.phrases.get(key) else { continue };
            for phrase in candidates {
                let n = phrase.words.len();
                if i + n > folded.len() {
                    continue;
                }
                let matches = phrase.words.iter().enumerate().all(|(k, w)| {
                    let word = folded[i + k].as_ref();
                    if phrase.stem && k + 1 == n {
                        word.starts_with(w.as_str()) && word.chars().count() <= w.chars().count() + 3
                    } else {
                        word == w.as_str()
                    }
                });
                if matches && best.is_none_or(|(len, _)| n > len) {
                    best = Some((n, phrase.jurisdiction));
                }
            }
        }
        match best {
            Some((n, j)) => {
                found.push((i, i + n, TABLE[j].0));
                i += n;
            }
            None => i += 1,
        }
    }
    found
}

/// [`find`] over words, folding them first.
pub(crate) fn find_in_words(words: &[Word]) -> Vec<(usize, usize, Jurisdiction)> {
    let folded: Vec<String> = words.iter().map(|w| fold(w.text)).collect();
    find(&folded)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<&'static str> {
        find_in_words(&crate::words::split(text)).into_iter().map(|(_, _, j)| j.name).collect()
    }

    #[test]
    fn countries_regions_and_towns_in_three_languages() {
        assert_eq!(names("Drones from Iran reached Russia via Crimea."), ["Iran", "Russia", "Crimea"]);
        assert_eq!(names("The Donetsk People's Republic and Sevastopol"), ["Donetsk", "Sevastopol"]);
        assert_eq!(names("поставки в Крым и Россию из Ирана"), ["Crimea", "Russia", "Iran"]);
        assert_eq!(names("پهپادهای ایرانی در روسیه"), ["Iran", "Russia"]);
        assert_eq!(names("a transfer to Simferopol"), ["Crimea"]);
        assert!(names("Irani, Crimson and Kubok").is_empty());
    }

    #[test]
    fn codes_and_places() {
        assert_eq!(by_code("ir").map(|j| j.name), Some("Iran"));
        assert_eq!(by_code("DE"), None);
        assert_eq!(by_place("SEVASTOPOL").map(|j| j.code), Some("UA-40"));
        assert_eq!(by_place("Berlin"), None);
    }
}
