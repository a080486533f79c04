//! The trade rules data file (`data/trade-rules.toml`): party rules by list and source list,
//! embargoed countries and regions, diversion countries, goods recognisers, and the sources
//! and legal bases of each. Read once, checked whole (every source and region a rule names
//! exists, every country code resolves, every pattern compiles), then compiled for screening.

use crate::report::{Severity, SourceRef};
use crate::text::words;
use regex::{Regex, RegexSet};
use serde::Deserialize;
use std::collections::HashSet;

/// The data file compiled into the crate.
const BUILTIN: &str = include_str!("../data/trade-rules.toml");

/// The format of the data file this code reads.
const FORMAT: u32 = 1;

/// A data file that cannot be used: what is wrong, naming the key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("trade rules {source_name}: {message}")]
pub struct RulesError {
    /// The file, or `built-in`.
    pub source_name: String,
    /// What is wrong, naming the key.
    pub message: String,
}

impl embargo_errors::ErrorCode for RulesError {
    fn error_code(&self) -> embargo_errors::Code {
        embargo_errors::Code::InvalidTradeRules
    }
}

/// The rules a shipment is screened by.
#[derive(Debug, Clone)]
pub struct Rules {
    pub(crate) version: String,
    pub(crate) party_threshold: f64,
    pub(crate) sources: Vec<Source>,
    pub(crate) party_rules: Vec<PartyRule>,
    pub(crate) party_default: PartyRule,
    pub(crate) party_location: PartyLocation,
    pub(crate) embargoes: Vec<Embargo>,
    pub(crate) regions: Vec<Region>,
    /// Country names beyond the ISO table (Cyrillic ones), folded into words, with their code.
    pub(crate) country_names: Vec<(String, Vec<String>)>,
    pub(crate) diversion: Diversion,
    pub(crate) goods: GoodsRules,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RulesFile {
    format: u32,
    version: String,
    party_threshold: f64,
    sources: Vec<Source>,
    party_rules: Vec<PartyRule>,
    party_default: PartyRule,
    party_location: PartyLocation,
    embargoes: Vec<Embargo>,
    regions: Vec<RegionFile>,
    country_names: Vec<CountryNames>,
    diversion: Diversion,
    goods: GoodsFile,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct CountryNames {
    code: String,
    names: Vec<String>,
}

/// A document rules rest on.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Source {
    pub id: String,
    pub title: String,
    pub publisher: String,
    pub date: String,
}

/// What a hit on some lists, or on some source lists of a bundled list, weighs.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PartyRule {
    pub rule: String,
    pub severity: Severity,
    /// List ids (`ofac-sdn`).
    #[serde(default)]
    pub lists: Vec<String>,
    /// Source codes of an entity's listings (`EL`, `UVL`).
    #[serde(default)]
    pub listing_sources: Vec<String>,
    pub legal_basis: String,
}

/// What a forwarder or bank in an embargoed place weighs.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PartyLocation {
    pub rule: String,
    pub severity: Severity,
    pub legal_basis: String,
}

/// A set of embargoed countries and regions.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Embargo {
    pub id: String,
    pub rule: String,
    #[serde(default)]
    pub countries: Vec<String>,
    #[serde(default)]
    pub regions: Vec<String>,
    /// For CHPL items and items with a controlled ECCN.
    pub controlled_items: Severity,
    /// For any other goods.
    pub other_items: Severity,
    pub legal_basis: String,
    #[serde(default)]
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RegionFile {
    id: String,
    name: String,
    country: String,
    names: Vec<String>,
}

/// An occupied region, with its names folded into words.
#[derive(Debug, Clone)]
pub(crate) struct Region {
    pub id: String,
    pub name: String,
    pub country: String,
    pub names: Vec<Vec<String>>,
}

/// Third countries named as transshipment points.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Diversion {
    pub rule: String,
    pub controlled_items: Severity,
    pub legal_basis: String,
    pub countries: Vec<DiversionCountry>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct DiversionCountry {
    pub code: String,
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct GoodsFile {
    chpl_list: String,
    chpl_rule: String,
    inferred_rule: String,
    chpl_legal_basis: String,
    chpl_sources: Vec<String>,
    description_min_words: usize,
    ignore_words: Vec<String>,
    mismatch_rule: String,
    mismatch_severity: Severity,
    mismatch_legal_basis: String,
    recognise: Vec<RecogniserFile>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RecogniserFile {
    hs6: String,
    what: String,
    #[serde(default)]
    part_numbers: Vec<String>,
    #[serde(default)]
    phrases: Vec<String>,
    #[serde(default)]
    unless: Vec<String>,
}

/// How goods are told.
#[derive(Debug, Clone)]
pub(crate) struct GoodsRules {
    pub chpl_list: String,
    pub chpl_rule: String,
    pub inferred_rule: String,
    pub chpl_legal_basis: String,
    pub chpl_sources: Vec<String>,
    pub description_min_words: usize,
    pub ignore_words: HashSet<String>,
    pub mismatch_rule: String,
    pub mismatch_severity: Severity,
    pub mismatch_legal_basis: String,
    pub recognisers: Vec<Recogniser>,
    /// Every recogniser's part-number patterns in one set, matched once per word of a
    /// description rather than pattern by pattern.
    pub part_numbers: RegexSet,
    /// Per pattern of `part_numbers`, the position of its recogniser.
    pub part_number_owner: Vec<usize>,
}

/// What tells goods of one HS-6 code from a description.
#[derive(Debug, Clone)]
pub(crate) struct Recogniser {
    pub hs6: String,
    pub what: String,
    /// Phrases, folded into words.
    pub phrases: Vec<Vec<String>>,
    pub unless: Vec<Vec<String>>,
}

impl Rules {
    /// The rules compiled into the crate (`data/trade-rules.toml`).
    pub fn builtin() -> Rules {
        // The built-in file is checked by the crate's tests; failing here is a build defect.
        Rules::from_toml_str(BUILTIN, "built-in").expect("the built-in trade rules are valid")
    }

    /// Reads rules from the text of a data file; `source_name` names it in errors.
    pub fn from_toml_str(text: &str, source_name: &str) -> Result<Rules, RulesError> {
        let error = |message: String| RulesError { source_name: source_name.to_owned(), message };
        let file: RulesFile = toml::from_str(text).map_err(|e| error(e.to_string()))?;
        if file.format != FORMAT {
            return Err(error(format!(
                "format {} is not the format {FORMAT} this embargo reads",
                file.format
            )));
        }
        if !(0.0..=1.0).contains(&file.party_threshold) {
            return Err(error(format!("party_threshold {} is not between 0 and 1", file.party_threshold)));
        }
        let source_ids: HashSet<&str> = file.sources.iter().map(|s| s.id.as_str()).collect();
        let check_sources = |what: &str, sources: &[String]| match sources
            .iter()
            .find(|s| !source_ids.contains(s.as_str()))
        {
            Some(unknown) => {
                Err(error(format!("{what} names the source {unknown:?}, which [[sources]] lacks")))
            }
            None => Ok(()),
        };
        let check_country = |what: &str, code: &str| match embargo_model::country::name_of(code) {
            Some(_) if code.len() == 2 && code == code.to_ascii_uppercase() => Ok(()),
            _ => Err(error(format!("{what}: {code:?} is not an ISO 3166 alpha-2 code in upper case"))),
        };
        let region_ids: HashSet<&str> = file.regions.iter().map(|r| r.id.as_str()).collect();
        for embargo in &file.embargoes {
            check_sources(&format!("embargo {}", embargo.id), &embargo.sources)?;
            for code in &embargo.countries {
                check_country(&format!("embargo {}", embargo.id), code)?;
            }
            if let Some(unknown) = embargo.regions.iter().find(|r| !region_ids.contains(r.as_str())) {
                return Err(error(format!(
                    "embargo {} names the region {unknown:?}, which [[regions]] lacks",
                    embargo.id
                )));
            }
            if embargo.countries.is_empty() && embargo.regions.is_empty() {
                return Err(error(format!("embargo {} has neither countries nor regions", embargo.id)));
            }
        }
        for region in &file.regions {
            check_country(&format!("region {}", region.id), &region.country)?;
        }
        for names in &file.country_names {
            check_country("country_names", &names.code)?;
        }
        for country in &file.diversion.countries {
            check_country("diversion", &country.code)?;
            check_sources(&format!("diversion country {}", country.code), &country.sources)?;
        }
        for rule in &file.party_rules {
            if rule.lists.is_empty() && rule.listing_sources.is_empty() {
                return Err(error(format!(
                    "party rule {} names neither lists nor listing_sources",
                    rule.rule
                )));
            }
        }
        check_sources("goods", &file.goods.chpl_sources)?;
        let goods = compile_goods(file.goods).map_err(error)?;
        Ok(Rules {
            version: file.version,
            party_threshold: file.party_threshold,
            sources: file.sources,
            party_rules: file.party_rules,
            party_default: file.party_default,
            party_location: file.party_location,
            embargoes: file.embargoes,
            regions: file
                .regions
                .into_iter()
                .map(|r| Region {
                    names: r.names.iter().map(|n| words(n)).filter(|w| !w.is_empty()).collect(),
                    id: r.id,
                    name: r.name,
                    country: r.country,
                })
                .collect(),
            country_names: file
                .country_names
                .iter()
                .flat_map(|c| c.names.iter().map(|n| (c.code.clone(), words(n))))
                .filter(|(_, w)| !w.is_empty())
                .collect(),
            diversion: file.diversion,
            goods,
        })
    }

    /// The version of the data file (`2026-11-22.1`), reported with every screening.
    pub fn version(&self) -> &str {
        &self.version
    }

    /// The score at or above which a party hit counts.
    pub fn party_threshold(&self) -> f64 {
        self.party_threshold
    }

    /// The list id the CHPL is imported as.
    pub fn chpl_list(&self) -> &str {
        &self.goods.chpl_list
    }

    /// The sources with these ids, as reasons cite them.
    pub(crate) fn source_refs(&self, ids: &[String]) -> Vec<SourceRef> {
        ids.iter()
            .filter_map(|id| self.sources.iter().find(|s| &s.id == id))
            .map(|s| SourceRef {
                id: s.id.clone(),
                title: s.title.clone(),
                publisher: s.publisher.clone(),
                date: s.date.clone(),
            })
            .collect()
    }

    /// The rule a hit on `list` with listings of `sources` falls under: the weightiest of the
    /// rules naming one of its listing sources, else the rule naming the list, else the default.
    pub(crate) fn party_rule(&self, list: &str, listing_sources: &[&str]) -> &PartyRule {
        let by_source = self
            .party_rules
            .iter()
            .filter(|r| r.listing_sources.iter().any(|s| listing_sources.contains(&s.as_str())))
            .max_by_key(|r| r.severity);
        by_source
            .or_else(|| self.party_rules.iter().find(|r| r.lists.iter().any(|l| l == list)))
            .unwrap_or(&self.party_default)
    }
}

fn compile_goods(file: GoodsFile) -> Result<GoodsRules, String> {
    let mut recognisers = Vec::with_capacity(file.recognise.len());
    let (mut patterns, mut part_number_owner) = (Vec::new(), Vec::new());
    for r in file.recognise {
        if r.hs6.len() != 6 || !r.hs6.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!("goods.recognise hs6 {:?} is not six digits", r.hs6));
        }
        for p in &r.part_numbers {
            if !p.starts_with('^') || !p.ends_with('$') {
                return Err(format!(
                    "goods.recognise {}: part number pattern {p:?} is not anchored (^...$)",
                    r.hs6
                ));
            }
            // Compiled alone first, so that an error names its pattern.
            Regex::new(p).map_err(|e| format!("goods.recognise {}: pattern {p:?}: {e}", r.hs6))?;
            patterns.push(p.clone());
            part_number_owner.push(recognisers.len());
        }
        let fold = |phrases: &[String]| phrases.iter().map(|p| words(p)).filter(|w| !w.is_empty()).collect();
        recognisers.push(Recogniser {
            phrases: fold(&r.phrases),
            unless: fold(&r.unless),
            hs6: r.hs6,
            what: r.what,
        });
    }
    Ok(GoodsRules {
        chpl_list: file.chpl_list,
        chpl_rule: file.chpl_rule,
        inferred_rule: file.inferred_rule,
        chpl_legal_basis: file.chpl_legal_basis,
        chpl_sources: file.chpl_sources,
        description_min_words: file.description_min_words.max(1),
        ignore_words: file.ignore_words.iter().flat_map(|w| words(w)).collect(),
        mismatch_rule: file.mismatch_rule,
        mismatch_severity: file.mismatch_severity,
        mismatch_legal_basis: file.mismatch_legal_basis,
        recognisers,
        part_numbers: RegexSet::new(&patterns).map_err(|e| format!("goods.recognise part numbers: {e}"))?,
        part_number_owner,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_rules_load_and_name_what_exists() {
        let rules = Rules::from_toml_str(BUILTIN, "built-in").unwrap();
        assert!(rules.version().starts_with("20"));
        assert_eq!(rules.chpl_list(), "chpl");
        assert_eq!(rules.regions.len(), 6);
        assert!(rules.diversion.countries.len() >= 18);
        assert!(rules.goods.recognisers.iter().any(|r| r.hs6 == "854231"));
    }

    #[test]
    fn a_broken_data_file_is_an_error_naming_the_key() {
        let broken = BUILTIN.replace("code = \"KZ\"", "code = \"QQ\"");
        let err = Rules::from_toml_str(&broken, "rules.toml").unwrap_err();
        assert!(err.to_string().contains("rules.toml") && err.message.contains("\"QQ\""), "{err}");
        let broken = BUILTIN.replace("sources = [\"tri-seal-2023\"]", "sources = [\"nowhere\"]");
        assert!(Rules::from_toml_str(&broken, "x").unwrap_err().message.contains("\"nowhere\""));
        let broken = BUILTIN.replace("'^STM32[A-Z0-9]*$'", "'^STM32[A-Z0-9*$'");
        assert!(Rules::from_toml_str(&broken, "x").unwrap_err().message.contains("STM32"));
        let broken = BUILTIN.replace("severity = \"block\"", "severity = \"maybe\"");
        assert!(Rules::from_toml_str(&broken, "x").is_err());
        let broken = BUILTIN.replace("format = 1", "format = 2");
        assert!(Rules::from_toml_str(&broken, "x").unwrap_err().message.contains("format 2"));
    }

    #[test]
    fn a_listing_source_outranks_the_list_and_the_weightiest_source_wins() {
        let rules = Rules::builtin();
        assert_eq!(rules.party_rule("us-csl", &["UVL"]).rule, "party.unverified");
        assert_eq!(rules.party_rule("us-csl", &["UVL", "EL"]).rule, "party.entity_list");
        assert_eq!(rules.party_rule("ofac-sdn", &[]).rule, "party.sanctions.us");
        assert_eq!(rules.party_rule("us-csl", &["XYZ"]).rule, "party.listed");
        assert_eq!(rules.party_rule("someone-elses", &[]).severity, Severity::Review);
    }
}
