//! One shipment through every check: parties, goods, places; then the decision.

use crate::goods::{part_number, Catalogue, ChplItem, Evidence};
use crate::hs::dotted_hs6;
use crate::places::Place;
use crate::report::{ItemRef, Reason, Screening, Severity};
use crate::rules::Rules;
use crate::shipment::{Item, Role, Shipment, ShipmentError};
use embargo_matcher::Index;
use embargo_model::Entity;

/// The goods list the screener needs is not loaded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "shipment screening needs the goods list {list:?} (the Common High Priority List), which is not loaded: \
     import it first (embargo import chpl_hs6_2024-02-23.csv)"
)]
pub struct GoodsListMissing {
    /// The list id the rules name for the CHPL.
    pub list: String,
}

impl embargo_errors::ErrorCode for GoodsListMissing {
    fn error_code(&self) -> embargo_errors::Code {
        embargo_errors::Code::GoodsListMissing
    }
}

/// Screens shipments by a set of rules against a CHPL version; built once per loaded state.
#[derive(Debug, Clone)]
pub struct Screener {
    rules: Rules,
    chpl: Catalogue,
}

/// What an item is, for the rules of places.
struct ItemClass<'c> {
    /// The CHPL code it falls under, and how that was found when not declared.
    chpl: Option<(&'c ChplItem, Option<Evidence>)>,
    /// An ECCN other than EAR99: the item is on the Commerce Control List.
    controlled_eccn: Option<String>,
}

impl ItemClass<'_> {
    fn controlled(&self) -> bool {
        self.chpl.is_some() || self.controlled_eccn.is_some()
    }

    /// `items[0] HS 8542.31 (Tier 1)`, `items[2] ECCN 5A992.C`.
    fn label(&self, index: usize) -> String {
        let mut label = format!("items[{index}]");
        if let Some((chpl, evidence)) = &self.chpl {
            label.push_str(&format!(" HS {}", dotted_hs6(&chpl.code)));
            if evidence.is_some() {
                label.push_str(" inferred");
            }
            if let Some(tier) = &chpl.tier {
                label.push_str(&format!(" ({tier})"));
            }
        }
        if let Some(eccn) = &self.controlled_eccn {
            label.push_str(&format!(" ECCN {eccn}"));
        }
        label
    }
}

impl Screener {
    /// A screener by `rules`, with the CHPL taken from `goods` (the entities of the goods
    /// lists, as the store gives them; others are passed over).
    pub fn new<'e>(
        rules: Rules,
        goods: impl IntoIterator<Item = &'e Entity>,
    ) -> Result<Screener, GoodsListMissing> {
        let chpl = Catalogue::from_entities(rules.chpl_list(), goods, &rules.goods)
            .ok_or_else(|| GoodsListMissing { list: rules.chpl_list().to_owned() })?;
        Ok(Screener { rules, chpl })
    }

    /// The rules screened by.
    pub fn rules(&self) -> &Rules {
        &self.rules
    }

    /// The CHPL list version screened against (`chpl@1`).
    pub fn goods_list(&self) -> String {
        self.chpl.label()
    }

    /// Screens `shipment`: its parties against `parties` (the caller's matcher index over the
    /// party lists, whose versions `party_lists` names), its goods against the CHPL, its
    /// destination, transit and parties' places against the embargoes and diversion countries.
    /// A destination, transit entry or party country that names no country or region is an
    /// error naming the field.
    pub fn screen(
        &self,
        shipment: &Shipment,
        parties: &Index,
        party_lists: &[String],
    ) -> Result<Screening, ShipmentError> {
        let mut reasons = crate::parties::screen(&self.rules, shipment, parties);
        let classes: Vec<ItemClass<'_>> =
            shipment.items.iter().enumerate().map(|(i, item)| self.classify(i, item, &mut reasons)).collect();
        self.places(shipment, &classes, &mut reasons)?;
        reasons.sort_by_key(|r| std::cmp::Reverse(r.severity));
        let mut lists: Vec<String> = party_lists.to_vec();
        lists.push(self.chpl.label());
        lists.dedup();
        Ok(Screening {
            id: shipment.id.clone(),
            decision: Screening::decide(&reasons),
            reasons,
            lists,
            rules_version: self.rules.version().to_owned(),
        })
    }

    /// What item `index` is, with its goods reasons.
    fn classify(&self, index: usize, item: &Item, reasons: &mut Vec<Reason>) -> ItemClass<'_> {
        let goods = &self.rules.goods;
        let controlled_eccn = item.eccn.clone().filter(|e| e != "EAR99");
        let item_ref = || ItemRef {
            index,
            description: item.description.clone(),
            hs_code: item.hs_code.as_ref().map(|c| c.digits().to_owned()),
        };
        let chpl = match (&item.hs_code, &item.description) {
            (Some(code), description) => match self.chpl.find(code.digits()) {
                Some(chpl) => {
                    let message = format!(
                        "items[{index}] HS {code} is on the CHPL under {} ({}): {}",
                        dotted_hs6(&chpl.code),
                        chpl.tier.as_deref().unwrap_or("no tier"),
                        chpl.description
                    );
                    reasons.push(self.goods_reason(
                        &goods.chpl_rule,
                        Severity::Info,
                        message,
                        chpl,
                        item_ref(),
                    ));
                    Some((chpl, None))
                }
                None => {
                    // A part number that is a CHPL item under a code that is not one.
                    let recognised = description.as_deref().and_then(|d| part_number(goods, d));
                    let found =
                        recognised.and_then(|r| self.chpl.find(&r.hs6).map(|chpl| (chpl, r.evidence)));
                    if let Some((chpl, evidence)) = &found {
                        let message = format!(
                            "items[{index}] is declared as HS {code}, which is not on the CHPL, but {} reads as HS {} \
                             ({}) on the CHPL; it is screened as a CHPL item",
                            evidence.describe(),
                            dotted_hs6(&chpl.code),
                            chpl.tier.as_deref().unwrap_or("no tier"),
                        );
                        let mut reason = self.goods_reason(
                            &goods.mismatch_rule,
                            goods.mismatch_severity,
                            message,
                            chpl,
                            item_ref(),
                        );
                        reason.legal_basis.clone_from(&goods.mismatch_legal_basis);
                        reason.inferred = true;
                        reason.inferred_from = Some(evidence.describe());
                        reasons.push(reason);
                    }
                    found.map(|(chpl, evidence)| (chpl, Some(evidence)))
                }
            },
            (None, Some(description)) => {
                let found = self
                    .chpl
                    .recognise(goods, description)
                    .and_then(|r| self.chpl.find(&r.hs6).map(|chpl| (chpl, r.evidence)));
                if let Some((chpl, evidence)) = &found {
                    let message = format!(
                        "items[{index}] has no HS code; its description reads as HS {} ({}: {}), inferred from {}",
                        dotted_hs6(&chpl.code),
                        chpl.tier.as_deref().unwrap_or("no tier"),
                        chpl.description,
                        evidence.describe()
                    );
                    let mut reason =
                        self.goods_reason(&goods.inferred_rule, Severity::Info, message, chpl, item_ref());
                    reason.inferred = true;
                    reason.inferred_from = Some(evidence.describe());
                    reasons.push(reason);
                }
                found.map(|(chpl, evidence)| (chpl, Some(evidence)))
            }
            (None, None) => None,
        };
        ItemClass { chpl, controlled_eccn }
    }

    fn goods_reason(
        &self,
        rule: &str,
        severity: Severity,
        message: String,
        chpl: &ChplItem,
        item: ItemRef,
    ) -> Reason {
        let goods = &self.rules.goods;
        let mut reason = Reason::new(rule, severity, message, &goods.chpl_legal_basis);
        reason.item = Some(item);
        reason.list = Some(self.chpl.list.clone());
        reason.list_version = Some(self.chpl.version.clone()).filter(|v| !v.is_empty());
        reason.hs6 = Some(chpl.code.clone());
        reason.tier.clone_from(&chpl.tier);
        reason.sources = self.rules.source_refs(&goods.chpl_sources);
        reason
    }

    /// The reasons of the places the goods go to or through, and of the parties' places.
    fn places(
        &self,
        shipment: &Shipment,
        classes: &[ItemClass<'_>],
        reasons: &mut Vec<Reason>,
    ) -> Result<(), ShipmentError> {
        let rules = &self.rules;
        let unknown = |field: String, text: &str| {
            ShipmentError {
            line: None,
            field,
            message: format!(
                "{text:?} names no country or region; expected a country name or ISO code (Kazakhstan, KZ) or an \
                 occupied region of Ukraine (Crimea)"
            ),
        }
        };
        // (field, place, whether the goods go there)
        let mut places: Vec<(String, Place<'_>, Option<Role>, bool)> = Vec::new();
        let destination = Place::read(rules, &[&shipment.destination]);
        if !destination.is_known() {
            return Err(unknown("destination".to_owned(), &shipment.destination));
        }
        places.push(("destination".to_owned(), destination, None, true));
        for (i, text) in shipment.transit.iter().enumerate() {
            let place = Place::read(rules, &[text]);
            if !place.is_known() {
                return Err(unknown(format!("transit[{i}]"), text));
            }
            places.push((format!("transit[{i}]"), place, None, true));
        }
        for (i, party) in shipment.parties.iter().enumerate() {
            if let Some(country) = &party.country {
                if !Place::read(rules, &[country]).is_known() {
                    return Err(unknown(format!("parties[{i}].country"), country));
                }
            }
            let texts: Vec<&str> = party.country.iter().chain(&party.address).map(String::as_str).collect();
            let place = Place::read(rules, &texts);
            if place.is_known() {
                // A party of no stated role may be the one receiving the goods.
                let receives = party.role.is_none_or(Role::receives_goods);
                places.push((format!("parties[{i}]"), place, party.role, receives));
            }
        }

        let controlled: Vec<String> =
            classes.iter().enumerate().filter(|(_, c)| c.controlled()).map(|(i, c)| c.label(i)).collect();
        for (field, place, role, receives) in &places {
            let what = match (field.as_str(), role) {
                ("destination", _) => format!("destination {}", place.label()),
                (_, Some(role)) => {
                    format!("{field} ({}) in {}", role.as_str().replace('_', " "), place.label())
                }
                _ => format!("{field} in {}", place.label()),
            };
            let embargoes = place.embargoes(rules);
            if !receives {
                if matches!(role, Some(Role::FreightForwarder | Role::Bank)) && !embargoes.is_empty() {
                    let rule = &rules.party_location;
                    let message = format!("{what}, which is under embargo, handles the shipment");
                    reasons.push(self.place_reason(
                        &rule.rule,
                        rule.severity,
                        message,
                        &rule.legal_basis,
                        (field, place),
                        &[],
                    ));
                }
                continue;
            }
            for embargo in &embargoes {
                let (severity, goods) = if controlled.is_empty() {
                    let goods = if classes.is_empty() {
                        "the goods are not declared".to_owned()
                    } else {
                        "no item is a CHPL or controlled item, but exports there are restricted beyond them"
                            .to_owned()
                    };
                    (embargo.other_items, goods)
                } else {
                    (embargo.controlled_items, format!("CHPL or controlled items: {}", controlled.join(", ")))
                };
                let message = format!("{what} is under embargo ({}); {goods}", embargo.id);
                reasons.push(self.place_reason(
                    &embargo.rule,
                    severity,
                    message,
                    &embargo.legal_basis,
                    (field, place),
                    &embargo.sources,
                ));
            }
            if let (true, false, Some(sources)) =
                (embargoes.is_empty(), controlled.is_empty(), place.diversion_sources(rules))
            {
                let diversion = &rules.diversion;
                // The title up to its colon ("Tri-Seal Compliance Note"): the reason's sources
                // carry it whole.
                let named_by: Vec<String> = rules
                    .source_refs(sources)
                    .iter()
                    .map(|s| format!("{}, {}", s.title.split(':').next().unwrap_or(&s.title), s.date))
                    .collect();
                let message = format!(
                    "{what} is a common transshipment point to Russia (named by {}); CHPL or controlled items: {}",
                    named_by.join("; "),
                    controlled.join(", ")
                );
                reasons.push(self.place_reason(
                    &diversion.rule,
                    diversion.controlled_items,
                    message,
                    &diversion.legal_basis,
                    (field, place),
                    sources,
                ));
            }
        }
        Ok(())
    }

    /// A reason about `place`, read from the shipment's field `field`.
    fn place_reason(
        &self,
        rule: &str,
        severity: Severity,
        message: String,
        legal_basis: &str,
        (field, place): (&str, &Place<'_>),
        sources: &[String],
    ) -> Reason {
        let mut reason = Reason::new(rule, severity, message, legal_basis);
        reason.place = Some(field.to_owned());
        reason.country = place.country.map(str::to_owned).or_else(|| place.region.map(|r| r.country.clone()));
        reason.region = place.region.map(|r| r.id.clone());
        reason.sources = self.rules.source_refs(sources);
        reason
    }
}
