//! Where goods go: a destination, a transit entry or a party's country and address, read as an
//! ISO country and, when one is named, an occupied region of Ukraine (which a country code
//! alone cannot show: Crimea is `UA` to ISO 3166).

use crate::rules::{Embargo, Region, Rules};
use crate::text::{contains_phrase, words};

/// A place read from text.
#[derive(Debug, Clone)]
pub(crate) struct Place<'r> {
    /// The ISO alpha-2 code the text names, if any.
    pub country: Option<&'static str>,
    /// The region of the rules the text names, if any.
    pub region: Option<&'r Region>,
}

impl<'r> Place<'r> {
    /// Reads `texts` (a country field and an address, say) as one place: the first region any
    /// of them names, and the first country one of them resolves to (the whole text, else its
    /// comma-separated parts from the last, where addresses put the country).
    pub fn read(rules: &'r Rules, texts: &[&str]) -> Place<'r> {
        let region = texts.iter().find_map(|text| {
            let folded = words(text);
            rules.regions.iter().find(|r| r.names.iter().any(|name| contains_phrase(&folded, name)))
        });
        let country = texts.iter().find_map(|text| {
            embargo_model::country::resolve(text)
                .or_else(|| text.rsplit(',').find_map(|part| embargo_model::country::resolve(part)))
        });
        Place { country, region }
    }

    /// Whether the text named anything.
    pub fn is_known(&self) -> bool {
        self.country.is_some() || self.region.is_some()
    }

    /// How to show the place: `Crimea (Autonomous Republic of Crimea)`, `Russia (RU)`.
    pub fn label(&self) -> String {
        match (self.region, self.country) {
            (Some(region), _) => region.name.clone(),
            (None, Some(code)) => {
                format!("{} ({code})", embargo_model::country::name_of(code).unwrap_or(code))
            }
            (None, None) => "an unknown place".to_owned(),
        }
    }

    /// The embargoes that cover the place: by its region, or by its country.
    pub fn embargoes(&self, rules: &'r Rules) -> Vec<&'r Embargo> {
        rules
            .embargoes
            .iter()
            .filter(|e| {
                self.region.is_some_and(|r| e.regions.contains(&r.id))
                    || self.country.is_some_and(|c| e.countries.iter().any(|code| code == c))
            })
            .collect()
    }

    /// The diversion sources that name the place's country, if they do.
    pub fn diversion_sources(&self, rules: &'r Rules) -> Option<&'r [String]> {
        let country = self.country?;
        rules.diversion.countries.iter().find(|c| c.code == country).map(|c| c.sources.as_slice())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_outrank_countries_and_addresses_give_their_country() {
        let rules = Rules::builtin();
        let place = Place::read(&rules, &["Ukraine", "ul. Kievskaya 5, Simferopol"]);
        assert_eq!(place.region.map(|r| r.id.as_str()), Some("crimea"));
        assert_eq!(place.embargoes(&rules).len(), 1);
        let place = Place::read(&rules, &["Sevastopol, Ukraine"]);
        assert_eq!(place.region.map(|r| r.id.as_str()), Some("sevastopol"));
        let place = Place::read(&rules, &["Russian Federation"]);
        assert_eq!(place.country, Some("RU"));
        assert!(place.region.is_none());
        assert_eq!(place.embargoes(&rules)[0].id, "russia");
        let place = Place::read(&rules, &["Dostyk Ave 5, Almaty, Kazakhstan"]);
        assert_eq!(place.country, Some("KZ"));
        assert!(place.diversion_sources(&rules).is_some());
        assert!(place.embargoes(&rules).is_empty());
        let place = Place::read(&rules, &["Kyiv, Ukraine"]);
        assert_eq!(place.country, Some("UA"));
        assert!(place.region.is_none());
        assert!(place.embargoes(&rules).is_empty());
        assert!(!Place::read(&rules, &["Atlantis"]).is_known());
    }
}
