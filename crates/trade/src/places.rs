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
        let country = texts.iter().find_map(|text| country_of(rules, text));
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

/// The country `text` names: the whole text as a name or code; else one of its
/// comma-separated parts, from the last (where addresses put the country); else a name of the
/// rules' `country_names`; else a run of one to three of its words, from the end ("Almaty
/// Kazakhstan"), of four letters or more so that "to" or "in" is not read as an ISO code.
fn country_of(rules: &Rules, text: &str) -> Option<&'static str> {
    use embargo_model::country::{name_of, resolve};
    if let Some(code) = resolve(text).or_else(|| text.rsplit(',').find_map(resolve)) {
        return Some(code);
    }
    let folded = words(text);
    if let Some((code, _)) = rules.country_names.iter().find(|(_, name)| contains_phrase(&folded, name)) {
        // The code was checked against the ISO table when the rules loaded.
        return name_of(code).and_then(|_| resolve(code));
    }
    let raw: Vec<&str> = text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    (1..=3.min(raw.len())).rev().find_map(|n| {
        raw.windows(n)
            .rev()
            .map(|run| run.join(" "))
            .filter(|run| run.chars().count() >= 4)
            .find_map(|run| resolve(&run))
    })
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
        let country = |text: &str| Place::read(&rules, &[text]).country;
        assert_eq!(country("Almaty Kazakhstan"), Some("KZ"));
        assert_eq!(country("г. Москва, Россия"), Some("RU"));
        assert_eq!(country("Российской Федерации"), Some("RU"));
        assert_eq!(country("Бишкек, Кыргызстан"), Some("KG"));
        assert_eq!(country("shipment to Germany"), Some("DE"), "\"to\" is not Tonga");
        assert_eq!(country("ul. Lenina 5, 420000 Kazan Russia"), Some("RU"));
    }
}
