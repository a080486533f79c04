//! Export-control screening of shipments: block, review or clear, and why.
//!
//! Since 2022 the processors, memories and GNSS receivers found in Russian weapons, Shahed
//! drones among them, have reached Russia through third countries. The US, the EU, the UK and
//! Japan answered with the **Common High Priority List** (CHPL: the HS codes of those items, in
//! tiers) and told exporters, forwarders and banks to check every order: who buys it, who uses
//! it, where it goes and through whom. This crate is that check for one shipment at a time. It
//! does no I/O: the caller gives the shipment, the matcher index over the party lists, and the
//! CHPL as the store holds it.
//!
//! # The checks
//!
//! | rule | fires when | weighs |
//! |---|---|---|
//! | `party.sanctions.*` | a party matches a sanctions list (OFAC, UN, EU, UK) or the CSL's Treasury rows | block |
//! | `party.entity_list`, `party.denied_persons`, `party.nonproliferation` | a party is on the BIS Entity List, the Denied Persons List, State's nonproliferation sanctions | block |
//! | `party.unverified`, `party.military_end_user`, `party.itar_debarred` | a party is on the Unverified List, the MEU List, ITAR debarred | review |
//! | `goods.chpl` | an item's HS code (6, 8 or 10 digits) falls under a CHPL code | info |
//! | `goods.chpl_inferred` | an item without a code reads as a CHPL item (part number, phrase, CHPL description) | info |
//! | `goods.code_mismatch` | a part number says CHPL item under a declared code that is not one | review |
//! | `destination.embargoed` | goods go to Russia, Belarus, Iran, North Korea or an occupied region of Ukraine (destination, transit, a receiving party's place) | block for CHPL and controlled items; review or block for other goods |
//! | `destination.diversion_risk` | CHPL or controlled items go to a third country named as a transshipment point | review |
//! | `party.embargoed_location` | a forwarder or bank sits in an embargoed country or region | review |
//!
//! The decision is `block` if any reason blocks, else `review` if any asks for review, else
//! `clear`. Every reason carries its rule, severity, legal basis, and the list version or the
//! dated sources it rests on. The rules, country sets, regions, goods recognisers and sources
//! live in a versioned data file, `data/trade-rules.toml` (see `docs/trade.md`), not in code.
//!
//! # Example
//!
//! ```
//! use embargo_matcher::Index;
//! use embargo_model::{Entity, EntityKind, Goods, GoodsScheme, Listing, Name, NameRole};
//! use embargo_trade::{Decision, Rules, Screener, ShipmentInput};
//!
//! // The CHPL, as a goods list of the store.
//! let mut chips = Entity::goods(
//!     "chpl",
//!     Goods { scheme: GoodsScheme::Hs, code: "854231".into(), category: Some("Tier 1".into()) },
//!     "Electronic integrated circuits: Processors and controllers",
//! );
//! chips.provenance.list_version = "1".into();
//! let screener = Screener::new(Rules::builtin(), [&chips]).unwrap();
//!
//! // The party lists, indexed by the caller.
//! let mut listed = Entity::new("us-csl", "el-1", EntityKind::Unknown);
//! listed.names.push(Name::new("Radiotech Trading LLC", NameRole::Primary));
//! listed.listings.push(Listing::new("EL", "Entity List (EL) - Bureau of Industry and Security"));
//! let index = Index::build(vec![listed]);
//!
//! let input = ShipmentInput::parse(
//!     r#"{"id": "PO-1", "destination": "Kazakhstan",
//!         "parties": [{"role": "consignee", "name": "Radiotech Trading"}],
//!         "items": [{"description": "STM32F407VGT6 microcontrollers"}]}"#,
//! );
//! let shipment = input.shipments[0].as_ref().unwrap();
//! let screening = screener.screen(shipment, &index, &["us-csl@4".to_owned()]).unwrap();
//! assert_eq!(screening.decision, Decision::Block);
//! let rules: Vec<&str> = screening.reasons.iter().map(|r| r.rule.as_str()).collect();
//! assert_eq!(rules, ["party.entity_list", "destination.diversion_risk", "goods.chpl_inferred"]);
//! println!("{}", serde_json::to_string_pretty(&screening).unwrap());
//! ```
//!
//! # Input errors
//!
//! A malformed shipment is a [`ShipmentError`] naming the line (for JSON lines) and the field:
//! `line 3: parties[2].role: unknown role "shipper"; expected exporter, consignee, ...`. A
//! destination that names no country or region is one too, from [`Screener::screen`].

mod goods;
mod hs;
mod parties;
mod places;
mod report;
mod rules;
mod screen;
mod shipment;
mod text;

pub use hs::HsCode;
pub use report::{Decision, ItemRef, PartyRef, Reason, Screening, Severity, SourceRef};
pub use rules::{Rules, RulesError};
pub use screen::{GoodsListMissing, Screener};
pub use shipment::{
    Item, Party, Role, Shipment, ShipmentError, ShipmentInput, MAX_ITEMS, MAX_PARTIES, MAX_TEXT_BYTES,
    MAX_TRANSIT,
};

/// The list versions of a party index, as screenings name them (`ofac-sdn@3`), sorted: what
/// the caller passes to [`Screener::screen`] when it has no labels of its own. It walks every
/// entity, so it is computed once per index, not per shipment.
pub fn party_list_labels(index: &embargo_matcher::Index) -> Vec<String> {
    let mut labels: Vec<String> = index
        .entities()
        .iter()
        .filter(|e| !e.is_goods())
        .map(|e| format!("{}@{}", e.provenance.list, e.provenance.list_version))
        .collect();
    labels.sort();
    labels.dedup();
    labels
}
