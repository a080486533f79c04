//! The CHPL as the screener holds it (from the goods list's entities, so its version is the
//! store's), HS lookups by prefix, and goods recognised from a description: by part number,
//! by phrase, or by the words a description shares with a CHPL description.

use crate::hs::HsCode;
use crate::rules::GoodsRules;
use crate::text::{contains_phrase, words};
use embargo_model::{Entity, GoodsScheme};
use std::collections::HashSet;

/// One code of the CHPL.
#[derive(Debug, Clone)]
pub(crate) struct ChplItem {
    /// The code's digits (`854231`).
    pub code: String,
    /// The tier (`Tier 1`).
    pub tier: Option<String>,
    pub description: String,
    /// The description's words that tell it apart (ignore words dropped), once each.
    distinctive: Vec<String>,
}

/// The CHPL version loaded.
#[derive(Debug, Clone)]
pub(crate) struct Catalogue {
    pub list: String,
    pub version: String,
    items: Vec<ChplItem>,
}

/// How an item's goods were told from its description.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Evidence {
    /// An HS code written in the description itself (`HS code 8542.31`).
    WrittenCode { code: String },
    /// A part number of a known family (`STM32F407VGT6`): strong enough to doubt a declared code.
    PartNumber { token: String, what: String },
    /// A phrase of the rules (`ball bearing`).
    Phrase { phrase: String, what: String },
    /// Words shared with the CHPL description.
    Description { shared: Vec<String> },
}

impl Evidence {
    /// For people: what the code was inferred from.
    pub fn describe(&self) -> String {
        match self {
            Evidence::WrittenCode { code } => format!("the HS code {code} written in the description"),
            Evidence::PartNumber { token, what } => format!("the part number {token} ({what})"),
            Evidence::Phrase { phrase, what } => format!("the words \"{phrase}\" ({what})"),
            Evidence::Description { shared } => {
                format!("the words it shares with the CHPL description ({})", shared.join(", "))
            }
        }
    }
}

/// A description recognised as an HS-6 code.
#[derive(Debug, Clone)]
pub(crate) struct Recognition {
    pub hs6: String,
    pub evidence: Evidence,
}

impl Catalogue {
    /// The CHPL from the entities of the goods list `list` (others are passed over); `None`
    /// when there is none.
    pub fn from_entities<'e>(
        list: &str,
        entities: impl IntoIterator<Item = &'e Entity>,
        rules: &GoodsRules,
    ) -> Option<Catalogue> {
        let mut version = String::new();
        let mut items = Vec::new();
        for entity in entities {
            let Some(goods) = entity.goods.as_ref() else { continue };
            if entity.provenance.list != list || goods.scheme != GoodsScheme::Hs {
                continue;
            }
            version.clone_from(&entity.provenance.list_version);
            let description = entity.caption().to_owned();
            let mut distinctive: Vec<String> = Vec::new();
            for word in words(inclusive_part(&description)) {
                if !rules.ignore_words.contains(&word) && !distinctive.contains(&word) {
                    distinctive.push(word);
                }
            }
            items.push(ChplItem {
                code: goods.code.clone(),
                tier: goods.category.clone(),
                description,
                distinctive,
            });
        }
        (!items.is_empty()).then(|| Catalogue { list: list.to_owned(), version, items })
    }

    /// The list and version, as screenings name them (`chpl@1`).
    pub fn label(&self) -> String {
        format!("{}@{}", self.list, self.version)
    }

    /// The CHPL item that covers `hs_digits` (an HS code of any length): the one with the
    /// longest code that prefixes it.
    pub fn find(&self, hs_digits: &str) -> Option<&ChplItem> {
        self.items.iter().filter(|item| hs_digits.starts_with(&item.code)).max_by_key(|item| item.code.len())
    }

    /// Recognises the goods of `description`: by part number first, then by phrase, then by
    /// the words shared with a CHPL description, unless the description writes an HS code
    /// itself. `None` when nothing fits.
    pub fn recognise(&self, rules: &GoodsRules, description: &str) -> Option<Recognition> {
        HsCode::find_in(description)
            .map(|code| Recognition {
                hs6: code.digits().to_owned(),
                evidence: Evidence::WrittenCode { code: code.to_string() },
            })
            .or_else(|| part_number(rules, description))
            .or_else(|| phrase(rules, description))
            .or_else(|| self.shared_words(rules, description))
    }

    fn shared_words(&self, rules: &GoodsRules, description: &str) -> Option<Recognition> {
        let own: HashSet<String> = words(description)
            .into_iter()
            .filter(|w| !rules.ignore_words.contains(w) && !w.bytes().any(|b| b.is_ascii_digit()))
            .collect();
        self.items
            .iter()
            .filter_map(|item| {
                let shared: Vec<String> =
                    item.distinctive.iter().filter(|w| own.contains(*w)).cloned().collect();
                (shared.len() >= rules.description_min_words).then_some((item, shared))
            })
            // Most shared words, then the most specific (shortest) description.
            .max_by(|(a, sa), (b, sb)| {
                sa.len().cmp(&sb.len()).then_with(|| b.distinctive.len().cmp(&a.distinctive.len()))
            })
            .map(|(item, shared)| Recognition {
                hs6: item.code.clone(),
                evidence: Evidence::Description { shared },
            })
    }
}

/// What an HS description covers, without its exclusions: "Diodes, other than photosensitive
/// or light-emitting diodes (LED)" covers diodes, and a light-emitting diode shares no words
/// with what it covers.
fn inclusive_part(description: &str) -> &str {
    let lower = description.to_ascii_lowercase();
    let cut = [" other than ", "(excl", " excluding ", " except ", ", not "]
        .iter()
        .filter_map(|marker| lower.find(marker))
        .min()
        .unwrap_or(description.len());
    // The markers are ASCII, so the cut is a char boundary of the original as of the lower-cased.
    &description[..cut]
}

/// The first word of `description` that is a part number of a known family.
pub(crate) fn part_number(rules: &GoodsRules, description: &str) -> Option<Recognition> {
    description
        .split(|c: char| {
            c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')' | '[' | ']' | '"' | '\'' | '/' | '+')
        })
        .map(|token| token.trim_end_matches(['.', ':']).to_uppercase())
        .filter(|token| token.len() >= 3)
        .find_map(|token| {
            // The first recogniser of the file among those whose patterns match.
            let owner =
                rules.part_numbers.matches(&token).iter().map(|p| rules.part_number_owner[p]).min()?;
            let r = &rules.recognisers[owner];
            Some(Recognition {
                hs6: r.hs6.clone(),
                evidence: Evidence::PartNumber { token, what: r.what.clone() },
            })
        })
}

/// The recogniser with the longest phrase found in `description`, unless its exceptions are.
fn phrase(rules: &GoodsRules, description: &str) -> Option<Recognition> {
    let folded = words(description);
    rules
        .recognisers
        .iter()
        .filter(|r| !r.unless.iter().any(|u| contains_phrase(&folded, u)))
        .filter_map(|r| {
            r.phrases.iter().filter(|p| contains_phrase(&folded, p)).max_by_key(|p| p.len()).map(|p| (r, p))
        })
        // The longest phrase wins; among equals, the first recogniser of the file.
        .fold(None, |best: Option<(&crate::rules::Recogniser, &Vec<String>)>, (r, p)| match best {
            Some((_, bp)) if bp.len() >= p.len() => best,
            _ => Some((r, p)),
        })
        .map(|(r, p)| Recognition {
            hs6: r.hs6.clone(),
            evidence: Evidence::Phrase { phrase: p.join(" "), what: r.what.clone() },
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exclusions_of_hs_descriptions_are_cut() {
        assert_eq!(
            inclusive_part("Diodes, other than photosensitive or light-emitting diodes (LED)"),
            "Diodes,"
        );
        assert_eq!(
            inclusive_part("Thyristors, diacs and triacs (excl. photosensitive semiconductor devices)"),
            "Thyristors, diacs and triacs "
        );
        assert_eq!(
            inclusive_part("Other fixed capacitors: Tantalum capacitors"),
            "Other fixed capacitors: Tantalum capacitors"
        );
    }
}
