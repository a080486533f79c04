//! The terms of a listing, for lists that bundle several source lists or attach export-control
//! terms to an entry: the US Consolidated Screening List puts the BIS Entity List, the Denied
//! Persons List, OFAC's SDN and ten other lists in one file, each row with its source list,
//! licence requirement and policy and Federal Register notice.

use crate::PartialDate;
use serde::{Deserialize, Serialize};

/// One listing of an entry on a source list.
///
/// An entry listed by several source lists of one publication (an OFAC entry on the SDN and
/// the CAPTA list) has one listing each, so rules can weigh each source on its own terms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Listing {
    /// The source list's short code, as its publisher abbreviates it: `EL` (BIS Entity List),
    /// `DPL` (Denied Persons), `UVL` (Unverified), `MEU` (Military End User), `SDN`, `SSI`, ...
    pub source: String,
    /// The source list's full name as published (`Entity List (EL) - Bureau of Industry and
    /// Security`).
    pub source_name: String,
    /// Sanctions or statutory programmes of this listing (`RUSSIA-EO14024`, `E.O. 13382`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub programs: Vec<String>,
    /// What needs an export licence (`For all items subject to the EAR.`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub license_requirement: Option<String>,
    /// How licence applications are reviewed (`Policy of denial.`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub license_policy: Option<String>,
    /// The Federal Register notice(s) of the listing (`87 FR 20299`), as published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub federal_register_notice: Option<String>,
    /// When the listing took effect.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_date: Option<PartialDate>,
    /// When the listing ends (Denied Persons orders run for a term).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_date: Option<PartialDate>,
    /// Denied Persons: whether the order is BIS's standard denial order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub standard_order: Option<bool>,
    /// Where the publisher explains the source list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_url: Option<String>,
}

impl Listing {
    /// A listing on `source` (short code) named `source_name`, with no terms yet.
    pub fn new(source: impl Into<String>, source_name: impl Into<String>) -> Listing {
        Listing {
            source: source.into(),
            source_name: source_name.into(),
            programs: Vec::new(),
            license_requirement: None,
            license_policy: None,
            federal_register_notice: None,
            start_date: None,
            end_date: None,
            standard_order: None,
            source_url: None,
        }
    }
}
