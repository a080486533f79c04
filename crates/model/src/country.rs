//! Country names as lists write them, resolved to ISO 3166-1 alpha-2 codes.
//!
//! Lists name countries in many ways ("Russia", "Russian Federation", "Iran (Islamic Republic
//! of)", "Korea, North", "RU", "RUS"); matching compares codes, so readers resolve names here
//! and keep the published name beside the code. The table holds every ISO 3166-1 country with
//! its alpha-2 and alpha-3 codes, its English short name first, then the variants lists use,
//! plus Kosovo (`XK`, user-assigned but used by every sanctions list).
//!
//! ```
//! use embargo_model::country::{name_of, resolve};
//!
//! assert_eq!(resolve("Russian Federation"), Some("RU"));
//! assert_eq!(resolve("Korea, North"), Some("KP"));
//! assert_eq!(resolve("Türkiye"), Some("TR"));
//! assert_eq!(resolve("irn"), Some("IR"));
//! assert_eq!(resolve("Iraq (previous address)"), Some("IQ"));
//! assert_eq!(resolve("Former USSR (now Belarus)"), Some("BY"));
//! assert_eq!(name_of("CD"), Some("Democratic Republic of the Congo"));
//! ```

use std::collections::HashMap;
use std::sync::OnceLock;

/// Resolves a country name, alpha-2 or alpha-3 code to its alpha-2 code (upper case).
///
/// Case, punctuation and spacing do not matter. A name followed by a note in parentheses
/// ("Iraq (previous address)") resolves to the country when the whole text is not itself a
/// known name.
pub fn resolve(name: &str) -> Option<&'static str> {
    let index = index();
    let key = fold(name);
    if key.is_empty() {
        return None;
    }
    if let Some(code) = index.get(&key) {
        return Some(code);
    }
    // Places of birth name former states with the present one: "Former USSR (now Belarus)",
    // "Kazakh SSR (now Kazakhstan)", "former USSR Currently Russia".
    let lower = name.to_lowercase();
    for marker in ["now ", "currently "] {
        if let Some(at) = lower.rfind(marker) {
            if let Some(code) = index.get(&fold(&lower[at + marker.len()..])) {
                return Some(code);
            }
        }
    }
    let without_note = match name.find('(') {
        Some(at) if at > 0 => &name[..at],
        _ => return None,
    };
    index.get(&fold(without_note)).copied()
}

/// [`resolve`] of a text already folded as the index keys are (lower case, letters and digits,
/// single spaces, no note): one look-up, no copy, for callers that resolve every word of a name.
pub fn resolve_folded(key: &str) -> Option<&'static str> {
    index().get(key).copied()
}

/// The English short name of an alpha-2 code.
pub fn name_of(code: &str) -> Option<&'static str> {
    COUNTRIES
        .iter()
        .find(|(c, _, _)| c.eq_ignore_ascii_case(code))
        .and_then(|(_, _, names)| names.first().copied())
}

/// Folded name or code → alpha-2, built once: `resolve` runs for every country of every entry
/// of every list, so it must not scan the table.
fn index() -> &'static HashMap<String, &'static str> {
    static INDEX: OnceLock<HashMap<String, &'static str>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index = HashMap::with_capacity(COUNTRIES.len() * 6);
        for (alpha2, alpha3, names) in COUNTRIES {
            index.insert(fold(alpha2), *alpha2);
            index.insert(fold(alpha3), *alpha2);
            for name in *names {
                index.insert(fold(name), *alpha2);
            }
        }
        index
    })
}

/// Lower case, letters and digits only, single spaces; apostrophes and dots vanish so that
/// "People's" and "Peoples", "U.S." and "US" meet.
fn fold(s: &str) -> String {
    let mut folded = String::with_capacity(s.len());
    let mut space = false;
    for c in s.trim().chars() {
        if c.is_alphanumeric() {
            if space && !folded.is_empty() {
                folded.push(' ');
            }
            space = false;
            folded.extend(c.to_lowercase());
        } else if c.is_whitespace() || matches!(c, ',' | '-' | '(' | ')' | '/' | '&') {
            space = true;
        }
    }
    folded
}

/// (alpha-2, alpha-3, names): the first name is the English short name.
static COUNTRIES: &[(&str, &str, &[&str])] = &[
    (
        "AF",
        "AFG",
        &["Afghanistan", "Islamic Republic of Afghanistan", "Islamic Emirate of Afghanistan", "Afghan"],
    ),
    ("AX", "ALA", &["Åland Islands", "Aland Islands", "Aland"]),
    ("AL", "ALB", &["Albania", "Republic of Albania"]),
    ("DZ", "DZA", &["Algeria", "People's Democratic Republic of Algeria"]),
    ("AS", "ASM", &["American Samoa"]),
    ("AD", "AND", &["Andorra"]),
    ("AO", "AGO", &["Angola"]),
    ("AI", "AIA", &["Anguilla"]),
    ("AQ", "ATA", &["Antarctica"]),
    ("AG", "ATG", &["Antigua and Barbuda", "Antigua & Barbuda"]),
    ("AR", "ARG", &["Argentina"]),
    ("AM", "ARM", &["Armenia", "Armenian SSR"]),
    ("AW", "ABW", &["Aruba"]),
    ("AU", "AUS", &["Australia"]),
    ("AT", "AUT", &["Austria"]),
    ("AZ", "AZE", &["Azerbaijan", "Azerbaijan SSR", "Azerbaijani"]),
    ("BS", "BHS", &["Bahamas", "The Bahamas", "Bahamas, The"]),
    ("BH", "BHR", &["Bahrain", "Kingdom of Bahrain"]),
    ("BD", "BGD", &["Bangladesh"]),
    ("BB", "BRB", &["Barbados"]),
    (
        "BY",
        "BLR",
        &[
            "Belarus",
            "Republic of Belarus",
            "Byelorussia",
            "Belarusian SSR",
            "Byelorussian SSR",
            "Belarusian",
            "Belrus",
        ],
    ),
    ("BE", "BEL", &["Belgium"]),
    ("BZ", "BLZ", &["Belize"]),
    ("BJ", "BEN", &["Benin"]),
    ("BM", "BMU", &["Bermuda"]),
    ("BT", "BTN", &["Bhutan"]),
    ("BO", "BOL", &["Bolivia", "Bolivia (Plurinational State of)", "Plurinational State of Bolivia"]),
    ("BQ", "BES", &["Bonaire, Sint Eustatius and Saba", "Caribbean Netherlands"]),
    ("BA", "BIH", &["Bosnia and Herzegovina", "Bosnia & Herzegovina", "Bosnia-Herzegovina", "Bosnia"]),
    ("BW", "BWA", &["Botswana"]),
    ("BV", "BVT", &["Bouvet Island"]),
    ("BR", "BRA", &["Brazil"]),
    ("IO", "IOT", &["British Indian Ocean Territory"]),
    ("BN", "BRN", &["Brunei", "Brunei Darussalam"]),
    ("BG", "BGR", &["Bulgaria"]),
    ("BF", "BFA", &["Burkina Faso"]),
    ("BI", "BDI", &["Burundi"]),
    ("CV", "CPV", &["Cabo Verde", "Cape Verde"]),
    ("KH", "KHM", &["Cambodia"]),
    ("CM", "CMR", &["Cameroon"]),
    ("CA", "CAN", &["Canada"]),
    ("KY", "CYM", &["Cayman Islands"]),
    ("CF", "CAF", &["Central African Republic"]),
    ("TD", "TCD", &["Chad"]),
    ("CL", "CHL", &["Chile"]),
    (
        "CN",
        "CHN",
        &[
            "China",
            "People's Republic of China",
            "China, People's Republic of",
            "PRC",
            "Mainland China",
            "Chinese",
        ],
    ),
    ("CX", "CXR", &["Christmas Island"]),
    ("CC", "CCK", &["Cocos (Keeling) Islands", "Cocos Islands"]),
    ("CO", "COL", &["Colombia"]),
    ("KM", "COM", &["Comoros"]),
    (
        "CG",
        "COG",
        &[
            "Congo",
            "Republic of the Congo",
            "Congo, Republic of the",
            "Congo-Brazzaville",
            "Congo (Brazzaville)",
            "Republic of Congo",
        ],
    ),
    (
        "CD",
        "COD",
        &[
            "Democratic Republic of the Congo",
            "Congo, Democratic Republic of the",
            "Congo, The Democratic Republic of the",
            "Democratic Republic of Congo",
            "DR Congo",
            "DRC",
            "Congo-Kinshasa",
            "Congo (Kinshasa)",
            "Congo, Democratic Republic",
            "Zaire",
        ],
    ),
    ("CK", "COK", &["Cook Islands"]),
    ("CR", "CRI", &["Costa Rica"]),
    ("CI", "CIV", &["Côte d'Ivoire", "Cote d'Ivoire", "Ivory Coast"]),
    ("HR", "HRV", &["Croatia"]),
    ("CU", "CUB", &["Cuba"]),
    ("CW", "CUW", &["Curaçao", "Curacao"]),
    ("CY", "CYP", &["Cyprus"]),
    ("CZ", "CZE", &["Czechia", "Czech Republic"]),
    ("DK", "DNK", &["Denmark"]),
    ("DJ", "DJI", &["Djibouti"]),
    ("DM", "DMA", &["Dominica"]),
    ("DO", "DOM", &["Dominican Republic"]),
    ("EC", "ECU", &["Ecuador"]),
    ("EG", "EGY", &["Egypt", "Arab Republic of Egypt"]),
    ("SV", "SLV", &["El Salvador"]),
    ("GQ", "GNQ", &["Equatorial Guinea"]),
    ("ER", "ERI", &["Eritrea"]),
    ("EE", "EST", &["Estonia"]),
    ("SZ", "SWZ", &["Eswatini", "Swaziland"]),
    ("ET", "ETH", &["Ethiopia"]),
    ("FK", "FLK", &["Falkland Islands", "Falkland Islands (Malvinas)"]),
    ("FO", "FRO", &["Faroe Islands", "Faeroe Islands"]),
    ("FJ", "FJI", &["Fiji"]),
    ("FI", "FIN", &["Finland"]),
    ("FR", "FRA", &["France"]),
    ("GF", "GUF", &["French Guiana"]),
    ("PF", "PYF", &["French Polynesia"]),
    ("TF", "ATF", &["French Southern Territories"]),
    ("GA", "GAB", &["Gabon"]),
    ("GM", "GMB", &["Gambia", "The Gambia", "Gambia, The"]),
    ("GE", "GEO", &["Georgia", "Georgian SSR"]),
    (
        "DE",
        "DEU",
        &[
            "Germany",
            "Federal Republic of Germany",
            "German",
            "Former German Democratic Republic",
            "German Democratic Republic",
            "East Germany",
            "West Germany",
        ],
    ),
    ("GH", "GHA", &["Ghana"]),
    ("GI", "GIB", &["Gibraltar"]),
    ("GR", "GRC", &["Greece"]),
    ("GL", "GRL", &["Greenland"]),
    ("GD", "GRD", &["Grenada"]),
    ("GP", "GLP", &["Guadeloupe"]),
    ("GU", "GUM", &["Guam"]),
    ("GT", "GTM", &["Guatemala"]),
    ("GG", "GGY", &["Guernsey"]),
    ("GN", "GIN", &["Guinea", "Republic of Guinea"]),
    ("GW", "GNB", &["Guinea-Bissau", "Guinea Bissau"]),
    ("GY", "GUY", &["Guyana"]),
    ("HT", "HTI", &["Haiti"]),
    ("HM", "HMD", &["Heard Island and McDonald Islands"]),
    ("VA", "VAT", &["Holy See", "Vatican", "Vatican City", "Holy See (Vatican City State)"]),
    ("HN", "HND", &["Honduras"]),
    (
        "HK",
        "HKG",
        &[
            "Hong Kong",
            "Hong Kong SAR",
            "Hong Kong, China",
            "Hong Kong Special Administrative Region",
            "Hong Kong SAR China",
            "China, Hong Kong Special Administrative Region",
        ],
    ),
    ("HU", "HUN", &["Hungary"]),
    ("IS", "ISL", &["Iceland"]),
    ("IN", "IND", &["India"]),
    ("ID", "IDN", &["Indonesia"]),
    (
        "IR",
        "IRN",
        &[
            "Iran",
            "Iran (Islamic Republic of)",
            "Islamic Republic of Iran",
            "Iran, Islamic Republic of",
            "Persia",
            "Iranian",
        ],
    ),
    ("IQ", "IRQ", &["Iraq", "Republic of Iraq", "Iraqi"]),
    ("IE", "IRL", &["Ireland", "Republic of Ireland"]),
    ("IM", "IMN", &["Isle of Man"]),
    ("IL", "ISR", &["Israel"]),
    ("IT", "ITA", &["Italy"]),
    ("JM", "JAM", &["Jamaica"]),
    ("JP", "JPN", &["Japan"]),
    ("JE", "JEY", &["Jersey"]),
    ("JO", "JOR", &["Jordan", "Hashemite Kingdom of Jordan"]),
    (
        "KZ",
        "KAZ",
        &["Kazakhstan", "Republic of Kazakhstan", "Kazakh SSR", "Kazakh Soviet Socialist Republic", "Kazakh"],
    ),
    ("KE", "KEN", &["Kenya"]),
    ("KI", "KIR", &["Kiribati"]),
    (
        "KP",
        "PRK",
        &[
            "North Korea",
            "Democratic People's Republic of Korea",
            "Korea, North",
            "Korea, Democratic People's Republic of",
            "Korea (Democratic People's Republic of)",
            "DPRK",
            "DPR Korea",
            "D.P.R.K.",
            "North Korean",
        ],
    ),
    (
        "KR",
        "KOR",
        &["South Korea", "Republic of Korea", "Korea, South", "Korea, Republic of", "Korea (Republic of)"],
    ),
    ("KW", "KWT", &["Kuwait"]),
    ("KG", "KGZ", &["Kyrgyzstan", "Kyrgyz Republic", "Kyrgyzia", "Kyrgyz SSR", "Kirghiz SSR"]),
    ("LA", "LAO", &["Laos", "Lao People's Democratic Republic", "Lao PDR"]),
    ("LV", "LVA", &["Latvia"]),
    ("LB", "LBN", &["Lebanon", "Lebanese Republic", "Lebanese"]),
    ("LS", "LSO", &["Lesotho"]),
    ("LR", "LBR", &["Liberia"]),
    ("LY", "LBY", &["Libya", "Libyan Arab Jamahiriya", "State of Libya", "Libyan"]),
    ("LI", "LIE", &["Liechtenstein"]),
    ("LT", "LTU", &["Lithuania"]),
    ("LU", "LUX", &["Luxembourg"]),
    (
        "MO",
        "MAC",
        &["Macao", "Macau", "Macao SAR", "Macau SAR", "China, Macao Special Administrative Region"],
    ),
    ("MG", "MDG", &["Madagascar"]),
    ("MW", "MWI", &["Malawi"]),
    ("MY", "MYS", &["Malaysia"]),
    ("MV", "MDV", &["Maldives"]),
    ("ML", "MLI", &["Mali"]),
    ("MT", "MLT", &["Malta"]),
    ("MH", "MHL", &["Marshall Islands"]),
    ("MQ", "MTQ", &["Martinique"]),
    ("MR", "MRT", &["Mauritania"]),
    ("MU", "MUS", &["Mauritius"]),
    ("YT", "MYT", &["Mayotte"]),
    ("MX", "MEX", &["Mexico"]),
    (
        "FM",
        "FSM",
        &[
            "Micronesia",
            "Micronesia (Federated States of)",
            "Federated States of Micronesia",
            "Micronesia, Federated States of",
        ],
    ),
    (
        "MD",
        "MDA",
        &[
            "Moldova",
            "Republic of Moldova",
            "Moldova, Republic of",
            "Moldovan SSR",
            "Moldavian SSR",
            "Moldovian SSR",
            "Repubic of Moldova",
            "Republic of Moldovia",
            "Moldavia",
        ],
    ),
    ("MC", "MCO", &["Monaco"]),
    ("MN", "MNG", &["Mongolia"]),
    ("ME", "MNE", &["Montenegro"]),
    ("MS", "MSR", &["Montserrat"]),
    ("MA", "MAR", &["Morocco"]),
    ("MZ", "MOZ", &["Mozambique"]),
    ("MM", "MMR", &["Myanmar", "Burma", "Myanmar (Burma)", "Republic of the Union of Myanmar"]),
    ("NA", "NAM", &["Namibia"]),
    ("NR", "NRU", &["Nauru"]),
    ("NP", "NPL", &["Nepal"]),
    ("NL", "NLD", &["Netherlands", "The Netherlands", "Holland", "Netherlands, The"]),
    ("NC", "NCL", &["New Caledonia"]),
    ("NZ", "NZL", &["New Zealand"]),
    ("NI", "NIC", &["Nicaragua"]),
    ("NE", "NER", &["Niger"]),
    ("NG", "NGA", &["Nigeria"]),
    ("NU", "NIU", &["Niue"]),
    ("NF", "NFK", &["Norfolk Island"]),
    (
        "MK",
        "MKD",
        &[
            "North Macedonia",
            "Macedonia",
            "Republic of North Macedonia",
            "The former Yugoslav Republic of Macedonia",
            "Former Yugoslav Republic of Macedonia",
            "Macedonia, The Former Yugoslav Republic of",
        ],
    ),
    ("MP", "MNP", &["Northern Mariana Islands"]),
    ("NO", "NOR", &["Norway"]),
    ("OM", "OMN", &["Oman"]),
    ("PK", "PAK", &["Pakistan", "Islamic Republic of Pakistan", "Pakistani"]),
    ("PW", "PLW", &["Palau"]),
    (
        "PS",
        "PSE",
        &[
            "Palestine",
            "State of Palestine",
            "Palestinian",
            "Palestinian Territories",
            "Palestinian Territory",
            "Occupied Palestinian Territory",
            "Palestinian Territory, Occupied",
            "Palestine, State of",
            "West Bank",
            "Gaza",
            "Gaza Strip",
            "West Bank and Gaza",
            "Occupied Palestinian Territories",
            "Palestinian Occupied Territories",
        ],
    ),
    ("PA", "PAN", &["Panama"]),
    ("PG", "PNG", &["Papua New Guinea"]),
    ("PY", "PRY", &["Paraguay"]),
    ("PE", "PER", &["Peru"]),
    ("PH", "PHL", &["Philippines", "The Philippines"]),
    ("PN", "PCN", &["Pitcairn", "Pitcairn Islands"]),
    ("PL", "POL", &["Poland"]),
    ("PT", "PRT", &["Portugal"]),
    ("PR", "PRI", &["Puerto Rico"]),
    ("QA", "QAT", &["Qatar", "State of Qatar"]),
    ("RE", "REU", &["Réunion", "Reunion"]),
    ("RO", "ROU", &["Romania"]),
    (
        "RU",
        "RUS",
        &[
            "Russia",
            "Russian Federation",
            "Russian Federation (the)",
            "Russian SFSR",
            "RSFSR",
            "Russian Soviet Federative Socialist Republic",
            "Russian Soviet Federative Socialist Republic (RSFSR)",
            "Russian",
        ],
    ),
    ("RW", "RWA", &["Rwanda"]),
    ("BL", "BLM", &["Saint Barthélemy", "Saint Barthelemy"]),
    ("SH", "SHN", &["Saint Helena, Ascension and Tristan da Cunha", "Saint Helena"]),
    (
        "KN",
        "KNA",
        &[
            "Saint Kitts and Nevis",
            "St Kitts and Nevis",
            "St. Kitts and Nevis",
            "Saint Christopher and Nevis",
        ],
    ),
    ("LC", "LCA", &["Saint Lucia", "St Lucia", "St. Lucia"]),
    ("MF", "MAF", &["Saint Martin (French part)", "Saint Martin"]),
    ("PM", "SPM", &["Saint Pierre and Miquelon"]),
    (
        "VC",
        "VCT",
        &[
            "Saint Vincent and the Grenadines",
            "St Vincent and the Grenadines",
            "St. Vincent and the Grenadines",
        ],
    ),
    ("WS", "WSM", &["Samoa"]),
    ("SM", "SMR", &["San Marino"]),
    ("ST", "STP", &["Sao Tome and Principe", "São Tomé and Príncipe"]),
    ("SA", "SAU", &["Saudi Arabia", "Kingdom of Saudi Arabia"]),
    ("SN", "SEN", &["Senegal"]),
    ("RS", "SRB", &["Serbia", "Republic of Serbia"]),
    ("SC", "SYC", &["Seychelles"]),
    ("SL", "SLE", &["Sierra Leone"]),
    ("SG", "SGP", &["Singapore"]),
    ("SX", "SXM", &["Sint Maarten (Dutch part)", "Sint Maarten"]),
    ("SK", "SVK", &["Slovakia", "Slovak Republic"]),
    ("SI", "SVN", &["Slovenia"]),
    ("SB", "SLB", &["Solomon Islands"]),
    ("SO", "SOM", &["Somalia", "Somali"]),
    ("ZA", "ZAF", &["South Africa"]),
    ("GS", "SGS", &["South Georgia and the South Sandwich Islands"]),
    ("SS", "SSD", &["South Sudan", "Republic of South Sudan"]),
    ("ES", "ESP", &["Spain"]),
    ("LK", "LKA", &["Sri Lanka"]),
    ("SD", "SDN", &["Sudan", "Republic of the Sudan", "The Sudan", "Sundan", "Sudanese"]),
    ("SR", "SUR", &["Suriname", "Surinam"]),
    ("SJ", "SJM", &["Svalbard and Jan Mayen"]),
    ("SE", "SWE", &["Sweden"]),
    ("CH", "CHE", &["Switzerland"]),
    ("SY", "SYR", &["Syria", "Syrian Arab Republic", "Syrian Arab Republic (the)", "Syrian"]),
    (
        "TW",
        "TWN",
        &[
            "Taiwan",
            "Taiwan, Province of China",
            "Republic of China",
            "Chinese Taipei",
            "Taiwan (Province of China)",
        ],
    ),
    ("TJ", "TJK", &["Tajikistan", "Tajik SSR"]),
    ("TZ", "TZA", &["Tanzania", "United Republic of Tanzania", "Tanzania, United Republic of"]),
    ("TH", "THA", &["Thailand"]),
    ("TL", "TLS", &["Timor-Leste", "East Timor"]),
    ("TG", "TGO", &["Togo"]),
    ("TK", "TKL", &["Tokelau"]),
    ("TO", "TON", &["Tonga"]),
    ("TT", "TTO", &["Trinidad and Tobago", "Trinidad & Tobago"]),
    ("TN", "TUN", &["Tunisia"]),
    ("TR", "TUR", &["Türkiye", "Turkey", "Turkiye", "Republic of Türkiye", "Republic of Turkey"]),
    ("TM", "TKM", &["Turkmenistan", "Turkmen SSR"]),
    ("TC", "TCA", &["Turks and Caicos Islands"]),
    ("TV", "TUV", &["Tuvalu"]),
    ("UG", "UGA", &["Uganda"]),
    ("UA", "UKR", &["Ukraine", "Ukrainian SSR", "Ukrainian"]),
    ("AE", "ARE", &["United Arab Emirates", "UAE", "U.A.E.", "Emirates"]),
    (
        "GB",
        "GBR",
        &[
            "United Kingdom",
            "UK",
            "U.K.",
            "Great Britain",
            "Britain",
            "United Kingdom of Great Britain and Northern Ireland",
            "England",
            "Scotland",
            "Wales",
            "Northern Ireland",
            "British",
        ],
    ),
    ("US", "USA", &["United States", "United States of America", "US", "U.S.", "U.S.A."]),
    ("UM", "UMI", &["United States Minor Outlying Islands"]),
    ("UY", "URY", &["Uruguay"]),
    (
        "UZ",
        "UZB",
        &["Uzbekistan", "Republic of Uzbekistan", "Uzbek SSR", "Uzbekistan SSR", "Uzbekhistan", "Uzbek"],
    ),
    ("VU", "VUT", &["Vanuatu"]),
    (
        "VE",
        "VEN",
        &[
            "Venezuela",
            "Venezuela (Bolivarian Republic of)",
            "Bolivarian Republic of Venezuela",
            "Venezuela, Bolivarian Republic of",
        ],
    ),
    ("VN", "VNM", &["Vietnam", "Viet Nam", "Socialist Republic of Vietnam"]),
    ("VG", "VGB", &["British Virgin Islands", "Virgin Islands (British)", "Virgin Islands, British", "BVI"]),
    (
        "VI",
        "VIR",
        &[
            "United States Virgin Islands",
            "Virgin Islands (U.S.)",
            "Virgin Islands, U.S.",
            "US Virgin Islands",
        ],
    ),
    ("WF", "WLF", &["Wallis and Futuna"]),
    ("EH", "ESH", &["Western Sahara"]),
    ("YE", "YEM", &["Yemen", "Republic of Yemen", "Yemeni"]),
    ("ZM", "ZMB", &["Zambia"]),
    ("ZW", "ZWE", &["Zimbabwe"]),
    ("XK", "XKX", &["Kosovo", "Republic of Kosovo"]),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_country_resolves_by_codes_and_names() {
        assert_eq!(COUNTRIES.len(), 250);
        for (alpha2, alpha3, names) in COUNTRIES {
            assert_eq!(resolve(alpha2), Some(*alpha2));
            assert_eq!(resolve(alpha3), Some(*alpha2), "{alpha3}");
            for name in *names {
                assert_eq!(resolve(name), Some(*alpha2), "{name} resolves elsewhere");
            }
        }
    }

    #[test]
    fn variants_lists_use_resolve() {
        for (name, code) in [
            ("Russian Federation", "RU"),
            ("Iran (Islamic Republic of)", "IR"),
            ("Korea, North", "KP"),
            ("Democratic People's Republic of Korea", "KP"),
            ("Syrian Arab Republic", "SY"),
            ("Türkiye", "TR"),
            ("Turkey", "TR"),
            ("Congo, Democratic Republic of the", "CD"),
            ("Democratic Republic of the Congo", "CD"),
            ("Burma", "MM"),
            ("Palestinian", "PS"),
            ("Palestinian Territories", "PS"),
            ("Kosovo", "XK"),
            ("  united   kingdom. ", "GB"),
            ("Iraq (previous address)", "IQ"),
            ("Kazakh SSR (now Kazakhstan)", "KZ"),
            ("former USSR Currently Russia", "RU"),
            ("Former USSR, now Ukraine", "UA"),
        ] {
            assert_eq!(resolve(name), Some(code), "{name}");
        }
        assert_eq!(resolve("Atlantis"), None);
        assert_eq!(resolve(""), None);
        assert_eq!(resolve("(1) Tunisia (2) Morocco"), None);
    }

    #[test]
    fn names_of_codes() {
        assert_eq!(name_of("ru"), Some("Russia"));
        assert_eq!(name_of("XK"), Some("Kosovo"));
        assert_eq!(name_of("ZZ"), None);
    }
}
