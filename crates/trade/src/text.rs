//! Words of free text (goods descriptions, addresses, place names), folded so that a phrase
//! of the rules data meets the text however it is cased, punctuated or pluralised.

/// The words of `text`: lower case, split at anything that is not a letter or a digit, and
/// English plurals folded (`bearings` → `bearing`, `memories` → `memory`), so that phrases
/// and texts folded alike compare word by word.
pub(crate) fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| singular(&w.to_lowercase()))
        .collect()
}

/// Russian and Ukrainian case and number endings, longest first: a light stemmer, so that
/// `микроконтроллеры`, `подшипников` and `Российской` meet `микроконтроллер`, `подшипник` and
/// `Российская`.
const CYRILLIC_ENDINGS: [&str; 38] = [
    "ого", "его", "ому", "ему", "ими", "ыми", "ами", "ями", "ой", "ая", "яя", "ий", "ый", "ое", "ее", "ые",
    "ие", "ую", "юю", "их", "ых", "ов", "ев", "ей", "ам", "ям", "ах", "ях", "ом", "ем", "ы", "и", "а", "я",
    "у", "ю", "е", "ь",
];

/// An English plural's singular, a Cyrillic word without its ending; other words as they are.
fn singular(word: &str) -> String {
    if word.chars().all(|c| ('\u{400}'..='\u{4ff}').contains(&c)) {
        if word.chars().count() > 5 {
            if let Some(stem) = CYRILLIC_ENDINGS.iter().find_map(|ending| word.strip_suffix(ending)) {
                return stem.to_owned();
            }
        }
        return word.to_owned();
    }
    if !word.is_ascii() || word.len() <= 3 {
        return word.to_owned();
    }
    if let Some(stem) = word.strip_suffix("ies") {
        return format!("{stem}y");
    }
    if word.ends_with("ss") || word.ends_with("us") || word.ends_with("is") {
        return word.to_owned();
    }
    word.strip_suffix('s').unwrap_or(word).to_owned()
}

/// Whether `phrase` (folded words) occurs in `words` as consecutive words.
pub(crate) fn contains_phrase(words: &[String], phrase: &[String]) -> bool {
    !phrase.is_empty() && words.windows(phrase.len()).any(|window| window == phrase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals_case_and_punctuation_fold() {
        assert_eq!(words("Ball-Bearings, 6204"), ["ball", "bearing", "6204"]);
        assert_eq!(words("DDR3 memories"), ["ddr3", "memory"]);
        assert_eq!(words("glass; bus; chassis"), ["glass", "bus", "chassis"]);
        assert_eq!(words("Подшипники"), ["подшипник"]);
        assert_eq!(words("микроконтроллеров"), words("микроконтроллер"));
        assert_eq!(words("Севастополе"), words("Севастополь"));
        assert_eq!(words("Российской Федерации"), words("Российская Федерация"));
        assert_eq!(words("танталовые конденсаторы"), words("танталовый конденсатор"));
        let text = words("10 pcs tantalum capacitors 10uF");
        assert!(contains_phrase(&text, &words("tantalum capacitor")));
        assert!(!contains_phrase(&text, &words("ceramic capacitor")));
    }
}
