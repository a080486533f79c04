//! Screening records from the payment and shipment screeners: a payment message screened by
//! `embargo-text` and a shipment screened by `embargo-trade` become one recorded screening per
//! party, so that their hits become alerts like those of `embargo screen --subject` and
//! `/match`. The CLI (`screen-payment --subject`, `screen-shipment --subject`) and the server
//! (`/screen/payment`, `/screen/shipment` with a `subject`) record through here, so a record
//! means the same whoever made it.
//!
//! A party is a subject of its own, named after the caller's reference and the party's place
//! in the message or shipment: `PAY-7/59` (the beneficiary of an MT103), `PAY-7/PmtInf[1]/
//! CdtTrfTxInf[2]/Cdtr`, `PO-4711/parties[1]`. Its names, countries and BIC are what was
//! screened; its tags say where it came from (`payment:MT103`, `field:beneficiary customer`,
//! `shipment:PO-4711`, `role:consignee`). Free-text fields (remittance lines) are not recorded:
//! a mention has no subject of its own; their hits are in the screening's output.

use crate::from_engine::{context, found_hit};
use crate::{ScreeningContext, ScreeningInput, Subject};
use embargo_engine::Snapshot;
use embargo_matcher::{Algorithm, ScreenOptions};
use embargo_text::{PaymentScreening, ScreenedAs, TextOptions};
use embargo_trade::{Rules, Screening, Shipment};

/// The hits a shipment's party screening reports per party (`embargo-trade`'s own limit).
const SHIPMENT_HITS_PER_PARTY: usize = 5;

/// The context of payment screenings run with `options` against `snapshot`.
pub fn payment_context(snapshot: &Snapshot, options: &TextOptions) -> ScreeningContext {
    let options = ScreenOptions {
        threshold: options.threshold,
        limit: options.limit,
        lists: options.lists.clone(),
        explain: options.explain,
        algorithm: Algorithm::default(),
    };
    context(snapshot, &options, Algorithm::default().name())
}

/// One screening per party field of `payment` (a name, or a BIC alone), as subject
/// `{subject}/{field}`. `request_id`, when given, is suffixed with the field to make each
/// record's idempotency key.
pub fn payment_screenings(
    snapshot: &Snapshot,
    subject: &str,
    payment: &PaymentScreening,
    by: &str,
    request_id: Option<&str>,
) -> Vec<ScreeningInput> {
    payment
        .fields
        .iter()
        .filter(|f| matches!(f.screened_as, ScreenedAs::Party | ScreenedAs::Identifier))
        .map(|field| {
            let names =
                if field.screened_as == ScreenedAs::Party { vec![field.value.clone()] } else { Vec::new() };
            let hits = field
                .hits
                .iter()
                .filter_map(|h| found_hit(snapshot, &h.entity_id, h.score, &h.matched_name, &field.value))
                .collect();
            ScreeningInput {
                subject: Subject {
                    id: format!("{subject}/{}", field.field),
                    kind: None,
                    names,
                    birth_dates: Vec::new(),
                    countries: field.countries.clone(),
                    identifiers: field.bic.iter().cloned().collect(),
                    tags: vec![
                        format!("payment:{}", payment.format.as_str()),
                        format!("field:{}", field.label),
                    ],
                },
                by: by.to_owned(),
                hits,
                request_id: request_id.map(|r| format!("{r}:{}", field.field)),
            }
        })
        .collect()
}

/// The context of shipment screenings by `rules` against `snapshot`: the party threshold of the
/// rules, every list.
pub fn shipment_context(snapshot: &Snapshot, rules: &Rules) -> ScreeningContext {
    let options = ScreenOptions {
        threshold: rules.party_threshold(),
        limit: SHIPMENT_HITS_PER_PARTY,
        lists: None,
        explain: false,
        algorithm: Algorithm::default(),
    };
    context(snapshot, &options, Algorithm::default().name())
}

/// One screening per party of `shipment` (screened as `screening`), as subject
/// `{subject}/parties[N]`, its hits those of the party reasons. `request_id`, when given, is
/// suffixed with the party's place.
pub fn shipment_screenings(
    snapshot: &Snapshot,
    subject: &str,
    shipment: &Shipment,
    screening: &Screening,
    by: &str,
    request_id: Option<&str>,
) -> Vec<ScreeningInput> {
    shipment
        .parties
        .iter()
        .enumerate()
        .map(|(i, party)| {
            let mut hits: Vec<crate::HitInput> = Vec::new();
            for reason in &screening.reasons {
                let (Some(of), Some(entity_id), Some(score)) =
                    (&reason.party, &reason.entity_id, reason.score)
                else {
                    continue;
                };
                if of.index != i || hits.iter().any(|h| &h.entity_id == entity_id) {
                    continue;
                }
                let matched = reason.matched_name.as_deref().unwrap_or_default();
                hits.extend(found_hit(snapshot, entity_id, score, matched, &party.name));
            }
            let mut tags = Vec::new();
            if let Some(id) = &shipment.id {
                tags.push(format!("shipment:{id}"));
            }
            if let Some(role) = party.role {
                tags.push(format!("role:{}", role.as_str()));
            }
            let place = format!("parties[{i}]");
            ScreeningInput {
                subject: Subject {
                    id: format!("{subject}/{place}"),
                    kind: None,
                    names: vec![party.name.clone()],
                    birth_dates: Vec::new(),
                    countries: party.country.iter().cloned().collect(),
                    identifiers: Vec::new(),
                    tags,
                },
                by: by.to_owned(),
                hits,
                request_id: request_id.map(|r| format!("{r}:{place}")),
            }
        })
        .collect()
}
