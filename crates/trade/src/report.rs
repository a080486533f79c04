//! The output: a decision and its reasons, as serde types (`{"id", "decision", "reasons":
//! [...], "lists": [...]}`), each reason with its rule, severity, legal basis and the list
//! version or source it rests on.

use serde::{Deserialize, Serialize};
use std::fmt;

/// What to do with a shipment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Decision {
    /// No reason to stop it.
    Clear,
    /// An analyst must look before it ships.
    Review,
    /// It must not ship as it is.
    Block,
}

impl Decision {
    /// `clear`, `review` or `block`.
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Clear => "clear",
            Decision::Review => "review",
            Decision::Block => "block",
        }
    }
}

impl fmt::Display for Decision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How much a reason weighs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Said for the record (an item is on the CHPL); decides nothing.
    Info,
    /// Asks for review.
    Review,
    /// Blocks.
    Block,
}

impl Severity {
    /// `info`, `review` or `block`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Review => "review",
            Severity::Block => "block",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The party a reason is about.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PartyRef {
    /// Its position in the shipment's `parties`.
    pub index: usize,
    /// Its role (`consignee`), when the shipment says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// Its name as the shipment writes it.
    pub name: String,
}

/// The item a reason is about.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemRef {
    /// Its position in the shipment's `items`.
    pub index: usize,
    /// Its description, when the shipment gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The HS code as declared (digits), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hs_code: Option<String>,
}

/// One reason for the decision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reason {
    /// The rule that fired (`party.entity_list`, `destination.embargoed`, `goods.chpl`, ...).
    pub rule: String,
    /// What the reason weighs.
    pub severity: Severity,
    /// For people: what was found, where.
    pub message: String,
    /// The law or measure the rule rests on.
    pub legal_basis: String,
    /// The party the reason is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub party: Option<PartyRef>,
    /// The item the reason is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<ItemRef>,
    /// The list the reason rests on (`us-csl`, `chpl`), with its version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub list: Option<String>,
    /// The version of `list` (the store's version number).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub list_version: Option<String>,
    /// Party hits: the listed entity, the name that matched and the score.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity_id: Option<String>,
    /// The listed name that matched best.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub matched_name: Option<String>,
    /// The matcher's score, 0 to 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
    /// Party hits on a bundled list: the source lists the entity is on (`EL`, `UVL`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub listing_sources: Vec<String>,
    /// Goods: the HS-6 code on the CHPL, its tier, and whether the code was inferred from the
    /// description (and from what) rather than declared.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hs6: Option<String>,
    /// The CHPL tier of `hs6`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tier: Option<String>,
    /// Whether `hs6` was inferred from the description rather than declared.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub inferred: bool,
    /// What `hs6` was inferred from (a part number, a phrase, shared words).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inferred_from: Option<String>,
    /// Places: where (`destination`, `transit[1]`, `parties[2]`), the country code and the
    /// region found there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// The ISO alpha-2 code of the place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// The id of the occupied region named there (`crimea`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// The documents the rule's country set or goods come from, with their dates.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<SourceRef>,
}

impl Reason {
    /// A reason with only its rule, severity, message and legal basis set.
    pub fn new(rule: &str, severity: Severity, message: String, legal_basis: &str) -> Reason {
        Reason {
            rule: rule.to_owned(),
            severity,
            message,
            legal_basis: legal_basis.to_owned(),
            party: None,
            item: None,
            list: None,
            list_version: None,
            entity_id: None,
            matched_name: None,
            score: None,
            listing_sources: Vec::new(),
            hs6: None,
            tier: None,
            inferred: false,
            inferred_from: None,
            place: None,
            country: None,
            region: None,
            sources: Vec::new(),
        }
    }
}

/// A document a rule rests on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceRef {
    /// Its id in the rules data file.
    pub id: String,
    /// Its title, as published.
    pub title: String,
    /// Who published it.
    pub publisher: String,
    /// Its publication date (`2023-03-02`).
    pub date: String,
}

/// The screening of one shipment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Screening {
    /// The shipment's own reference.
    #[serde(default)]
    pub id: Option<String>,
    /// Block, review or clear.
    pub decision: Decision,
    /// Every reason, the weightiest first.
    pub reasons: Vec<Reason>,
    /// The list versions screened against (`ofac-sdn@3`, `chpl@1`).
    pub lists: Vec<String>,
    /// The version of the trade rules data file.
    pub rules_version: String,
}

impl Screening {
    /// The decision `reasons` make: block if any blocks, else review if any asks for it, else
    /// clear.
    pub fn decide(reasons: &[Reason]) -> Decision {
        match reasons.iter().map(|r| r.severity).max() {
            Some(Severity::Block) => Decision::Block,
            Some(Severity::Review) => Decision::Review,
            Some(Severity::Info) | None => Decision::Clear,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_weightiest_reason_decides() {
        let reason = |severity| Reason::new("r", severity, String::new(), "");
        assert_eq!(Screening::decide(&[]), Decision::Clear);
        assert_eq!(Screening::decide(&[reason(Severity::Info)]), Decision::Clear);
        assert_eq!(Screening::decide(&[reason(Severity::Info), reason(Severity::Review)]), Decision::Review);
        assert_eq!(
            Screening::decide(&[reason(Severity::Review), reason(Severity::Block), reason(Severity::Info)]),
            Decision::Block
        );
    }
}
