//! Country names as lists write them, resolved to ISO 3166-1 alpha-2 codes.
//!
//! Lists name countries in many ways ("Russia", "Russian Federation", "Iran (Islamic Republic
//! of)", "RU", "RUS"); matching compares codes, so readers resolve names here and keep the
//! published name beside the code.

/// Resolves a country name, alpha-2 or alpha-3 code to its alpha-2 code (upper case).
pub fn resolve(name: &str) -> Option<&'static str> {
    let key = fold(name);
    if key.is_empty() {
        return None;
    }
    COUNTRIES.iter().find_map(|(code, alpha3, names)| {
        let hit = key.eq_ignore_ascii_case(code)
            || key.eq_ignore_ascii_case(alpha3)
            || names.iter().any(|n| fold(n) == key);
        hit.then_some(*code)
    })
}

/// The English short name of an alpha-2 code.
pub fn name_of(code: &str) -> Option<&'static str> {
    COUNTRIES
        .iter()
        .find(|(c, _, _)| c.eq_ignore_ascii_case(code))
        .and_then(|(_, _, names)| names.first().copied())
}

fn fold(s: &str) -> String {
    s.trim()
        .trim_end_matches('.')
        .chars()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// (alpha-2, alpha-3, names): the first name is the English short name.
static COUNTRIES: &[(&str, &str, &[&str])] = &[
    ("RU", "RUS", &["Russia", "Russian Federation"]),
    ("IR", "IRN", &["Iran", "Iran (Islamic Republic of)", "Islamic Republic of Iran"]),
    ("UA", "UKR", &["Ukraine"]),
    ("BY", "BLR", &["Belarus"]),
    ("US", "USA", &["United States", "United States of America", "USA"]),
    (
        "GB",
        "GBR",
        &["United Kingdom", "UK", "Great Britain", "United Kingdom of Great Britain and Northern Ireland"],
    ),
    ("CN", "CHN", &["China", "People's Republic of China"]),
    ("KP", "PRK", &["North Korea", "Democratic People's Republic of Korea", "Korea, North", "DPRK"]),
    ("SY", "SYR", &["Syria", "Syrian Arab Republic"]),
    ("CU", "CUB", &["Cuba"]),
];
