//! Parties screened against every list of the caller's index with the matcher, each hit
//! weighed by the rule of its list or of its source lists (an Entity List listing blocks, an
//! Unverified List one asks for review).

use crate::report::{PartyRef, Reason};
use crate::rules::Rules;
use crate::shipment::Shipment;
use embargo_matcher::{Index, Query, ScreenOptions};

/// How many hits of one party are reported: the best ones, more would be noise.
const HITS_PER_PARTY: usize = 5;

/// A reason for every hit of every party at or above the rules' threshold.
pub(crate) fn screen(rules: &Rules, shipment: &Shipment, index: &Index) -> Vec<Reason> {
    let options = ScreenOptions {
        threshold: rules.party_threshold,
        limit: HITS_PER_PARTY,
        lists: None,
        explain: false,
        ..ScreenOptions::default()
    };
    let mut reasons = Vec::new();
    for (i, party) in shipment.parties.iter().enumerate() {
        // Names only: a front company's country differs from its listed parent's, and a
        // country that disagrees would lower the score of a true hit.
        for hit in index.screen(&Query::name(&party.name), &options) {
            let entity = &hit.entity;
            if entity.is_goods() {
                continue;
            }
            let list = entity.provenance.list.as_str();
            let sources: Vec<&str> = entity.listings.iter().map(|l| l.source.as_str()).collect();
            let rule = rules.party_rule(list, &sources);
            let role = party.role.map_or_else(|| "party".to_owned(), |r| r.as_str().replace('_', " "));
            let on =
                if sources.is_empty() { list.to_owned() } else { format!("{list} ({})", sources.join(", ")) };
            let message = format!(
                "{role} \"{}\" matches {} \"{}\" on {on} (score {:.2})",
                party.name, entity.id, hit.matched_name, hit.score
            );
            let mut reason = Reason::new(&rule.rule, rule.severity, message, &rule.legal_basis);
            reason.party = Some(PartyRef {
                index: i,
                role: party.role.map(|r| r.as_str().to_owned()),
                name: party.name.clone(),
            });
            reason.list = Some(list.to_owned());
            reason.list_version = Some(entity.provenance.list_version.clone()).filter(|v| !v.is_empty());
            reason.entity_id = Some(entity.id.clone());
            reason.matched_name = Some(hit.matched_name.clone());
            reason.score = Some((hit.score * 1000.0).round() / 1000.0);
            reason.listing_sources = sources.iter().map(|s| (*s).to_owned()).collect();
            reasons.push(reason);
        }
    }
    reasons
}
