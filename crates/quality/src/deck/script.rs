//! The writing system of a name, by Unicode ranges of our own (the deck does not use the
//! matcher's script detection): the script with the most letters wins.

use serde::Serialize;

/// A writing system, as the deck reports recall per script.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Script {
    /// Latin letters (with or without diacritics).
    Latin,
    /// Cyrillic.
    Cyrillic,
    /// Arabic script (Arabic, Persian, Urdu, Pashto letters).
    Arabic,
    /// Chinese characters (hanzi, kanji).
    Han,
    /// Japanese kana.
    Kana,
    /// Korean hangul.
    Hangul,
    /// Greek.
    Greek,
    /// Georgian.
    Georgian,
    /// Hebrew.
    Hebrew,
    /// Armenian.
    Armenian,
    /// Devanagari and the other Indic scripts.
    Indic,
    /// Thai, Lao, Khmer, Myanmar.
    SoutheastAsian,
    /// Any other letter.
    Other,
    /// No letter at all (digits, punctuation).
    None,
}

impl Script {
    /// The name printed in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Script::Latin => "latin",
            Script::Cyrillic => "cyrillic",
            Script::Arabic => "arabic",
            Script::Han => "han",
            Script::Kana => "kana",
            Script::Hangul => "hangul",
            Script::Greek => "greek",
            Script::Georgian => "georgian",
            Script::Hebrew => "hebrew",
            Script::Armenian => "armenian",
            Script::Indic => "indic",
            Script::SoutheastAsian => "southeast_asian",
            Script::Other => "other",
            Script::None => "none",
        }
    }

    /// Whether a name in this script belongs in an index of Latin names only.
    pub fn is_latin_or_none(self) -> bool {
        matches!(self, Script::Latin | Script::None)
    }
}

/// The script of one character; `None` for what is no letter.
pub fn script_of_char(c: char) -> Script {
    if !c.is_alphabetic() {
        return Script::None;
    }
    match c as u32 {
        0x0041..=0x024F | 0x1E00..=0x1EFF | 0x2C60..=0x2C7F | 0xA720..=0xA7FF | 0xFF21..=0xFF5A => {
            Script::Latin
        }
        0x0370..=0x03FF | 0x1F00..=0x1FFF => Script::Greek,
        0x0400..=0x052F | 0x1C80..=0x1C8F | 0x2DE0..=0x2DFF | 0xA640..=0xA69F => Script::Cyrillic,
        0x0530..=0x058F => Script::Armenian,
        0x0590..=0x05FF | 0xFB1D..=0xFB4F => Script::Hebrew,
        0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => {
            Script::Arabic
        }
        0x0900..=0x0DFF => Script::Indic,
        0x0E00..=0x0EFF | 0x1000..=0x109F | 0x1780..=0x17FF => Script::SoutheastAsian,
        0x10A0..=0x10FF | 0x1C90..=0x1CBF | 0x2D00..=0x2D2F => Script::Georgian,
        0x1100..=0x11FF | 0x3130..=0x318F | 0xA960..=0xA97F | 0xAC00..=0xD7FF => Script::Hangul,
        0x3040..=0x30FF | 0x31F0..=0x31FF | 0xFF66..=0xFF9F => Script::Kana,
        0x2E80..=0x2FDF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F => {
            Script::Han
        }
        _ => Script::Other,
    }
}

/// The script of most of the letters of `name` (`None` when it has no letter). Japanese names
/// mixing kanji and kana count as kana when any kana is present.
pub fn script_of(name: &str) -> Script {
    let mut counts: Vec<(Script, usize)> = Vec::new();
    for c in name.chars() {
        let s = script_of_char(c);
        if s == Script::None {
            continue;
        }
        match counts.iter_mut().find(|(k, _)| *k == s) {
            Some((_, n)) => *n += 1,
            None => counts.push((s, 1)),
        }
    }
    if counts.iter().any(|(s, _)| *s == Script::Kana) {
        return Script::Kana;
    }
    counts.iter().max_by_key(|(s, n)| (*n, std::cmp::Reverse(*s))).map_or(Script::None, |(s, _)| *s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_of_real_names() {
        assert_eq!(script_of("AGHAJANI, Saeed"), Script::Latin);
        assert_eq!(script_of("Müller-Lüdenscheidt"), Script::Latin);
        assert_eq!(script_of("Сергей Шойгу"), Script::Cyrillic);
        assert_eq!(script_of("سعید آقاجانی"), Script::Arabic);
        assert_eq!(script_of("陈龙"), Script::Han);
        assert_eq!(script_of("김정은"), Script::Hangul);
        assert_eq!(script_of("佐藤 あきら"), Script::Kana);
        assert_eq!(script_of("Ελένη"), Script::Greek);
        assert_eq!(script_of("ნინო"), Script::Georgian);
        assert_eq!(script_of("דוד"), Script::Hebrew);
        assert_eq!(script_of("12-34"), Script::None);
    }
}
