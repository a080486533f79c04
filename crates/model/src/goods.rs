//! Items of goods lists: customs and export-control codes that a list names, such as the
//! Common High Priority List (HS-6 codes in tiers), the annexes of EU Regulation 833/2014 (CN
//! and HS codes) or the US Commerce Control List (ECCNs).
//!
//! A goods list is imported, versioned and diffed like any list: each item is an
//! [`Entity`](crate::Entity) whose [`goods`](crate::Entity::goods) is set, whose primary name is
//! the item's description, and whose id is `<list>:<code>` (`chpl:854231`). Goods are never
//! parties: [`Entity::is_goods`](crate::Entity::is_goods) tells them apart, and screening
//! indexes keep them out.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The code system of a goods item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum GoodsScheme {
    /// The Harmonized System and the nomenclatures built on it (EU CN, US HTS): digits, where
    /// a longer code refines a shorter one, so a listed code covers every code it prefixes.
    Hs,
    /// A US Export Control Classification Number (`3A001`, `5A992.c`).
    Eccn,
}

impl GoodsScheme {
    /// `hs` or `eccn`.
    pub fn as_str(self) -> &'static str {
        match self {
            GoodsScheme::Hs => "hs",
            GoodsScheme::Eccn => "eccn",
        }
    }
}

impl fmt::Display for GoodsScheme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a goods list says of one code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Goods {
    pub scheme: GoodsScheme,
    /// The code, normalised: digits only for [`GoodsScheme::Hs`] (`854231`), upper case
    /// without spaces for ECCNs (`3A001`).
    pub code: String,
    /// The list's grading of the item: the CHPL tier (`Tier 1`), an EU annex, a reason for
    /// control.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
}

impl Goods {
    /// Whether this item covers `hs_digits` (a normalised HS code of any length): an HS item
    /// covers every code it is a prefix of (`854231` covers `85423190` and `8542310000`).
    pub fn covers_hs(&self, hs_digits: &str) -> bool {
        self.scheme == GoodsScheme::Hs && !self.code.is_empty() && hs_digits.starts_with(&self.code)
    }
}
