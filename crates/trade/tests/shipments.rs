//! Shipments screened against the real lists (the 2024 OFAC SDN, the 2022 US Consolidated
//! Screening List, the 2026 UN list) and the real CHPL of 2024-02-23: each rule firing alone,
//! none firing, names in Cyrillic and with legal forms, HS codes in every written form,
//! description-only items, malformed shipments.

use embargo_matcher::Index;
use embargo_model::Entity;
use embargo_readers::{reader_for, Format};
use embargo_testkit::shared_file;
use embargo_trade::{
    party_list_labels, Decision, Rules, Screener, Screening, Severity, Shipment, ShipmentInput,
};
use std::sync::LazyLock;

/// The real lists, indexed once for every test of this file.
struct Fixture {
    screener: Screener,
    index: Index,
    lists: Vec<String>,
}

fn read(format: Format, path: &str, version: &str) -> Vec<Entity> {
    let mut entities = Vec::new();
    reader_for(format).unwrap().read(&[shared_file(path)], &mut |e| entities.push(e)).unwrap();
    for e in &mut entities {
        e.provenance.list_version = version.to_owned();
    }
    entities
}

static FIXTURE: LazyLock<Fixture> = LazyLock::new(|| {
    let chpl = read(Format::ChplCsv, "export-control/chpl_hs6_2024-02-23.csv", "1");
    let mut parties = read(Format::OfacCsv, "lists/ofac/sdn-csv-2024-07-02/SDN.CSV", "2");
    parties.extend(read(Format::UsCsl, "export-control/us-csl-2022-04-21/consolidated.csv", "1"));
    parties.extend(read(Format::UnXml, "lists/un/UN_consolidated-2026-02-27.xml", "3"));
    let index = Index::build(parties);
    let lists = party_list_labels(&index);
    Fixture { screener: Screener::new(Rules::builtin(), &chpl).unwrap(), index, lists }
});

fn screen(json: &str) -> Screening {
    let shipment = Shipment::from_json(json).unwrap_or_else(|e| panic!("{e}"));
    FIXTURE.screener.screen(&shipment, &FIXTURE.index, &FIXTURE.lists).unwrap_or_else(|e| panic!("{e}"))
}

/// The rules of the reasons that are not info, in order.
fn weighty(s: &Screening) -> Vec<(&str, Severity)> {
    s.reasons.iter().filter(|r| r.severity != Severity::Info).map(|r| (r.rule.as_str(), r.severity)).collect()
}

fn rules_of(s: &Screening) -> Vec<&str> {
    s.reasons.iter().map(|r| r.rule.as_str()).collect()
}

#[test]
fn a_benign_shipment_is_clear_with_no_reason() {
    let s = screen(
        r#"{"id": "SO-1", "destination": "Sweden",
            "parties": [{"role": "exporter", "name": "Müller Möbelwerk GmbH", "country": "DE"},
                        {"role": "consignee", "name": "Nordic Home Furniture AB", "country": "SE", "address": "Storgatan 1, Malmö"},
                        {"role": "freight_forwarder", "name": "Acme Freight Forwarding GmbH", "country": "Germany"}],
            "transit": ["Denmark"],
            "items": [{"description": "oak dining tables", "hs_code": "9403.60.10", "quantity": 40, "value": 18000, "currency": "EUR"},
                      {"description": "cotton t-shirts", "hs_code": "6109.10"}]}"#,
    );
    assert_eq!(s.decision, Decision::Clear, "{s:#?}");
    assert!(s.reasons.is_empty(), "{:#?}", s.reasons);
    assert_eq!(s.id.as_deref(), Some("SO-1"));
    assert!(
        s.lists.contains(&"chpl@1".to_owned()) && s.lists.contains(&"us-csl@1".to_owned()),
        "{:?}",
        s.lists
    );
    assert_eq!(s.rules_version, Rules::builtin().version());
}

#[test]
fn an_entity_list_consignee_alone_blocks() {
    let s = screen(
        r#"{"destination": "Pakistan", "parties": [{"role": "consignee", "name": "Al Technique Corporation of Pakistan Ltd"}],
            "items": [{"description": "office chairs", "hs_code": "9401.30"}]}"#,
    );
    assert_eq!(s.decision, Decision::Block);
    assert_eq!(weighty(&s), [("party.entity_list", Severity::Block)]);
    let reason = &s.reasons[0];
    assert_eq!(reason.list.as_deref(), Some("us-csl"));
    assert_eq!(reason.list_version.as_deref(), Some("1"));
    assert_eq!(reason.listing_sources, ["EL"]);
    assert!(reason.legal_basis.contains("744.11"), "{}", reason.legal_basis);
    assert_eq!(reason.party.as_ref().unwrap().role.as_deref(), Some("consignee"));
    assert!(reason.score.unwrap() >= 0.8);
}

#[test]
fn a_denied_person_alone_blocks() {
    let s = screen(
        r#"{"destination": "US", "parties": [{"role": "purchaser", "name": "Douglas Glover"}],
            "items": [{"description": "garden hoses"}]}"#,
    );
    assert_eq!(weighty(&s), [("party.denied_persons", Severity::Block)]);
    assert_eq!(s.decision, Decision::Block);
}

#[test]
fn a_sanctioned_party_blocks_by_its_ofac_listing_and_its_csl_row() {
    let s = screen(
        r#"{"destination": "Germany", "parties": [{"role": "end_user", "name": "Qods Aviation Industries"}],
            "items": [{"description": "printing paper", "hs_code": "4802.56"}]}"#,
    );
    assert_eq!(s.decision, Decision::Block);
    let lists: Vec<(&str, &str)> =
        s.reasons.iter().map(|r| (r.rule.as_str(), r.list.as_deref().unwrap())).collect();
    assert!(lists.contains(&("party.sanctions.us", "ofac-sdn")), "{lists:?}");
    assert!(lists.contains(&("party.sanctions.us", "us-csl")), "{lists:?}");
    assert!(s.reasons.iter().all(|r| r.rule == "party.sanctions.us"), "{:?}", rules_of(&s));
    let sdn = s.reasons.iter().find(|r| r.list.as_deref() == Some("ofac-sdn")).unwrap();
    assert_eq!((sdn.list_version.as_deref(), sdn.entity_id.as_deref()), (Some("2"), Some("ofac-sdn:16418")));
}

#[test]
fn unverified_and_military_end_user_parties_ask_for_review() {
    let s = screen(
        r#"{"destination": "Hong Kong", "parties": [{"role": "consignee", "name": "Lion Chip Electronics Limited"}],
            "items": [{"description": "plastic toys"}]}"#,
    );
    assert_eq!(weighty(&s), [("party.unverified", Severity::Review)]);
    assert_eq!(s.decision, Decision::Review);
    let s = screen(
        r#"{"destination": "CN", "parties": [{"role": "end_user", "name": "Chengdu Holy Aviation Science and Technology"}],
            "items": [{"description": "wooden pallets"}]}"#,
    );
    assert_eq!(weighty(&s), [("party.military_end_user", Severity::Review)]);
    assert_eq!(s.decision, Decision::Review);
}

#[test]
fn names_in_cyrillic_and_with_legal_forms_find_the_listed_parties() {
    // "ООО" is the Russian LLC; the SDN writes RADIOAVTOMATIKA LLC, the Entity List Radioavtomatika.
    let s = screen(
        r#"{"destination": "Kyrgyzstan", "parties": [{"role": "purchaser", "name": "ООО «Радиоавтоматика»", "country": "KG"}],
            "items": [{"description": "cardboard boxes"}]}"#,
    );
    assert_eq!(s.decision, Decision::Block);
    let ids: Vec<&str> = s.reasons.iter().filter_map(|r| r.entity_id.as_deref()).collect();
    assert!(ids.contains(&"ofac-sdn:35348"), "{ids:?}");
    assert!(s.reasons.iter().any(|r| r.rule == "party.entity_list"), "{:?}", rules_of(&s));
    // A legal form written out or abbreviated, in either script.
    for name in ["Kronshtadt JSC", "АО «Кронштадт»", "Joint-Stock Company Kronshtadt"] {
        let s = screen(&format!(
            r#"{{"destination": "Kazakhstan", "parties": [{{"role": "end_user", "name": "{name}"}}], "items": [{{"description": "paint"}}]}}"#
        ));
        assert_eq!(s.decision, Decision::Block, "{name}");
        assert!(
            s.reasons.iter().any(|r| r.entity_id.as_deref() == Some("ofac-sdn:35854")),
            "{name}: {:?}",
            rules_of(&s)
        );
    }
}

#[test]
fn hs_codes_in_every_written_form_meet_the_chpl_with_their_tier() {
    for code in [
        "8542.31",
        "854231",
        "8542 31",
        "8542.31.00",
        "8542.31.0000",
        "8542 31 90 00",
        "HS 8542.31.90",
        "85423190",
    ] {
        let s = screen(&format!(
            r#"{{"destination": "France", "items": [{{"hs_code": "{code}", "description": "controllers"}}]}}"#
        ));
        assert_eq!(s.decision, Decision::Clear, "{code}: a CHPL item to France is information");
        assert_eq!(rules_of(&s), ["goods.chpl"], "{code}");
        let r = &s.reasons[0];
        assert_eq!(
            (r.hs6.as_deref(), r.tier.as_deref(), r.inferred),
            (Some("854231"), Some("Tier 1"), false),
            "{code}"
        );
        assert_eq!((r.list.as_deref(), r.list_version.as_deref()), (Some("chpl"), Some("1")));
        assert_eq!(r.sources[0].date, "2024-02-23");
    }
    let s = screen(r#"{"destination": "France", "items": [{"hs_code": 848210}]}"#);
    assert_eq!(s.reasons[0].tier.as_deref(), Some("Tier 3.B"), "a code as a JSON integer");
    let s = screen(r#"{"destination": "France", "items": [{"hs_code": "8542.10"}]}"#);
    assert!(s.reasons.is_empty(), "8542.10 (cards with circuits) is not on the CHPL");
}

#[test]
fn description_only_items_are_recognised_and_the_code_said_to_be_inferred() {
    let cases = [
        ("STM32F407VGT6 microcontrollers, 500 pcs", "854231", "part number STM32F407VGT6"),
        ("ATmega328P-AU", "854231", "part number ATMEGA328P-AU"),
        ("TI TMS320F28335PGFA digital signal processor", "854231", "part number TMS320F28335PGFA"),
        ("Xilinx XC7A35T-1CPG236C", "854239", "part number XC7A35T-1CPG236C"),
        ("Intel/Altera EP4CE22F17C8N Cyclone IV", "854239", "part number EP4CE22F17C8N"),
        ("u-blox NEO-M8N GNSS module", "852691", "part number NEO-M8N"),
        ("Samsung K4B4G1646E-BCMA DDR3 SDRAM", "854232", "part number K4B4G1646E-BCMA"),
        ("SKF 6204-2RS deep groove bearings", "848210", "part number 6204-2RS"),
        ("digital storage oscilloscope, 4 channels", "903020", "\"oscilloscope\""),
        ("Tantalum capacitors 10uF 16V", "853221", "\"tantalum capacitor\""),
        ("микроконтроллеры для промышленной автоматики", "854231", "\"микроконтроллер\""),
        ("Czochralski pullers for silicon boules and wafers", "848610", "shares with the CHPL description"),
        ("electronic components, assorted", "854239", "\"electronic component\""),
        ("HS code 8541.21 small transistors", "854121", "8541.21 written in the description"),
    ];
    for (description, hs6, evidence) in cases {
        let s =
            screen(&format!(r#"{{"destination": "Spain", "items": [{{"description": "{description}"}}]}}"#));
        assert_eq!(rules_of(&s), ["goods.chpl_inferred"], "{description}");
        let r = &s.reasons[0];
        assert_eq!(r.hs6.as_deref(), Some(hs6), "{description}: {}", r.message);
        assert!(r.inferred, "{description}");
        let from = r.inferred_from.as_deref().unwrap().to_lowercase();
        assert!(from.contains(&evidence.to_lowercase().replace("part number ", "")), "{description}: {from}");
        assert!(r.message.contains("inferred"), "{}", r.message);
        assert_eq!(s.decision, Decision::Clear);
    }
    for description in [
        "office chairs",
        "LED diodes 5mm",
        "canvas camera bag",
        "load-bearing steel beams",
        "printed books",
        "wood chips",
    ] {
        let s =
            screen(&format!(r#"{{"destination": "Spain", "items": [{{"description": "{description}"}}]}}"#));
        assert!(s.reasons.is_empty(), "{description}: {:?}", s.reasons.first().map(|r| &r.message));
    }
}

#[test]
fn chpl_items_to_russia_belarus_iran_or_north_korea_block() {
    let destinations = [
        "Russia",
        "RU",
        "Russian Federation",
        "Россия",
        "Moscow",
        "г. Москва",
        "Belarus",
        "Минск",
        "Iran",
        "Tehran",
        "North Korea",
    ];
    for destination in destinations {
        let s = screen(&format!(
            r#"{{"destination": "{destination}", "items": [{{"hs_code": "8542.32.0000", "description": "DRAM"}}]}}"#
        ));
        assert_eq!(s.decision, Decision::Block, "{destination}");
        assert_eq!(weighty(&s), [("destination.embargoed", Severity::Block)], "{destination}");
        assert!(s.reasons[0].message.contains("items[0] HS 8542.32 (Tier 1)"), "{}", s.reasons[0].message);
    }
}

#[test]
fn the_occupied_regions_of_ukraine_block_chpl_items_wherever_they_are_named() {
    for destination in [
        "Crimea",
        "Simferopol, Ukraine",
        "Sevastopol",
        "Donetsk",
        "Luhansk, Ukraine",
        "Zaporizhzhia",
        "Kherson oblast",
        "Mariupol",
        "Крым",
        "UA-43",
    ] {
        let s = screen(&format!(
            r#"{{"destination": "{destination}", "items": [{{"description": "u-blox NEO-6M GPS receivers"}}]}}"#
        ));
        assert_eq!(weighty(&s), [("destination.embargoed", Severity::Block)], "{destination}");
        assert!(s.reasons[0].region.is_some(), "{destination}");
    }
    // A consignee's address names the region while the country says Ukraine.
    let s = screen(
        r#"{"destination": "Ukraine", "parties": [{"role": "consignee", "name": "Tavria Trade", "country": "UA", "address": "vul. Pushkina 10, Yevpatoria"}],
            "items": [{"hs_code": "8542.31"}]}"#,
    );
    assert_eq!(weighty(&s), [("destination.embargoed", Severity::Block)]);
    assert_eq!(
        (s.reasons[0].place.as_deref(), s.reasons[0].region.as_deref()),
        (Some("parties[0]"), Some("crimea"))
    );
    // Ukraine elsewhere is no embargo.
    assert_eq!(
        screen(r#"{"destination": "Kyiv, Ukraine", "items": [{"hs_code": "8542.31"}]}"#).decision,
        Decision::Clear
    );
}

#[test]
fn other_goods_to_embargoed_places_are_reviewed_or_blocked_as_the_embargo_says() {
    let to = |destination: &str| {
        screen(&format!(
            r#"{{"destination": "{destination}", "items": [{{"description": "cotton towels", "hs_code": "6302.60"}}]}}"#
        ))
    };
    assert_eq!(weighty(&to("Russia")), [("destination.embargoed", Severity::Review)]);
    assert_eq!(weighty(&to("Iran")), [("destination.embargoed", Severity::Review)]);
    assert_eq!(weighty(&to("North Korea")), [("destination.embargoed", Severity::Block)]);
    assert_eq!(weighty(&to("Sevastopol")), [("destination.embargoed", Severity::Block)]);
    assert_eq!(weighty(&to("Kherson")), [("destination.embargoed", Severity::Review)]);
}

#[test]
fn chpl_items_to_a_diversion_country_ask_for_review_with_the_guidance_and_its_date() {
    let destinations = [
        "Kazakhstan",
        "Armenia",
        "United Arab Emirates",
        "Dubai",
        "Turkey",
        "Kyrgyzstan",
        "Бишкек",
        "Hong Kong",
        "CN",
    ];
    for destination in destinations {
        let s = screen(&format!(
            r#"{{"destination": "{destination}", "items": [{{"hs_code": "8526.91.20", "description": "GPS receivers"}}]}}"#
        ));
        assert_eq!(s.decision, Decision::Review, "{destination}");
        assert_eq!(weighty(&s), [("destination.diversion_risk", Severity::Review)], "{destination}");
        let source = &s.reasons[0].sources[0];
        assert_eq!((source.id.as_str(), source.date.as_str()), ("tri-seal-2023", "2023-03-02"));
        assert!(s.reasons[0].message.contains("Tri-Seal"), "{}", s.reasons[0].message);
    }
    // Other goods to those countries are nothing to look at.
    let s = screen(
        r#"{"destination": "Kazakhstan", "items": [{"hs_code": "6302.60", "description": "towels"}]}"#,
    );
    assert_eq!(s.decision, Decision::Clear);
}

#[test]
fn transit_counts_like_the_destination() {
    let s = screen(
        r#"{"destination": "Mongolia", "transit": ["Russia"], "items": [{"description": "STM32F103C8T6"}]}"#,
    );
    assert_eq!(weighty(&s), [("destination.embargoed", Severity::Block)]);
    assert_eq!(s.reasons[0].place.as_deref(), Some("transit[0]"));
    let s =
        screen(r#"{"destination": "Germany", "transit": ["Georgia"], "items": [{"hs_code": "9030.20"}]}"#);
    assert_eq!(weighty(&s), [("destination.diversion_risk", Severity::Review)]);
}

#[test]
fn a_receiving_party_in_russia_blocks_chpl_items_sent_to_a_third_country() {
    let s = screen(
        r#"{"destination": "Kazakhstan",
            "parties": [{"role": "consignee", "name": "Almaty Components LLP", "country": "KZ"},
                        {"role": "end_user", "name": "Volga Instruments", "country": "Russia", "address": "Kazan"}],
            "items": [{"hs_code": "8542.39", "description": "FPGA"}]}"#,
    );
    assert_eq!(s.decision, Decision::Block);
    let places: Vec<(&str, &str)> =
        s.reasons.iter().filter_map(|r| Some((r.rule.as_str(), r.place.as_deref()?))).collect();
    assert!(places.contains(&("destination.embargoed", "parties[1]")), "{places:?}");
    assert!(places.contains(&("destination.diversion_risk", "destination")), "{places:?}");
}

#[test]
fn a_forwarder_or_bank_in_an_embargoed_country_asks_for_review() {
    let s = screen(
        r#"{"destination": "Germany",
            "parties": [{"role": "freight_forwarder", "name": "Baltic Cargo Express", "country": "RU"}],
            "items": [{"description": "ceramic tiles", "hs_code": "6907.21"}]}"#,
    );
    assert_eq!(weighty(&s), [("party.embargoed_location", Severity::Review)]);
}

#[test]
fn a_part_number_under_a_declared_code_off_the_chpl_is_a_mismatch_and_screened_as_chpl() {
    let s = screen(
        r#"{"destination": "Russia", "items": [{"description": "STM32F103C8T6 boards", "hs_code": "9403.60"}]}"#,
    );
    assert_eq!(s.decision, Decision::Block);
    assert_eq!(
        weighty(&s),
        [("destination.embargoed", Severity::Block), ("goods.code_mismatch", Severity::Review)]
    );
    let mismatch = s.reasons.iter().find(|r| r.rule == "goods.code_mismatch").unwrap();
    assert_eq!((mismatch.hs6.as_deref(), mismatch.inferred), (Some("854231"), true));
}

#[test]
fn an_item_with_a_controlled_eccn_counts_as_controlled() {
    let s = screen(
        r#"{"destination": "Belarus", "items": [{"description": "encryption software", "eccn": "5d002"}]}"#,
    );
    assert_eq!(weighty(&s), [("destination.embargoed", Severity::Block)]);
    assert!(s.reasons[0].message.contains("ECCN 5D002"), "{}", s.reasons[0].message);
    let s = screen(r#"{"destination": "Belarus", "items": [{"description": "toys", "eccn": "EAR99"}]}"#);
    assert_eq!(weighty(&s), [("destination.embargoed", Severity::Review)]);
}

#[test]
fn a_malformed_shipment_is_an_error_naming_the_field() {
    let err = Shipment::from_json(
        r#"{"destination": "DE", "parties": [{"name": "A"}, {"name": "B"}, {"role": "shipper", "name": "C"}]}"#,
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "parties[2].role: unknown role \"shipper\"; expected exporter, consignee, intermediate_consignee, end_user, \
         purchaser, freight_forwarder, bank"
    );
    let cases = [
        (r#"{"parties": []}"#, "destination: missing"),
        (r#"{"destination": "DE", "parties": [{"role": "consignee"}]}"#, "parties[0].name: missing"),
        (r#"{"destination": "DE", "parties": [{"name": "  "}]}"#, "parties[0].name: empty"),
        (
            r#"{"destination": "DE", "items": [{"hs_code": "8542.3"}]}"#,
            "items[0].hs_code: \"8542.3\" has 5 digits",
        ),
        (
            r#"{"destination": "DE", "items": [{"hs_code": 8542.31}]}"#,
            "items[0].hs_code: 8542.31 as a JSON number",
        ),
        (r#"{"destination": "DE", "items": [{"hs_cod": "854231"}]}"#, "items[0].hs_cod: unknown field"),
        (r#"{"destination": "DE", "items": [{"quantity": 3}]}"#, "items[0]: an item needs a description"),
        (
            r#"{"destination": "DE", "items": [{"description": "x", "quantity": -3}]}"#,
            "items[0].quantity: -3",
        ),
        (
            r#"{"destination": "DE", "items": [{"description": "x", "eccn": "3Z001"}]}"#,
            "items[0].eccn: \"3Z001\"",
        ),
        (r#"{"destination": "DE", "transit": "RU"}"#, "transit: expected an array"),
        (r#"{"destination": 7}"#, "destination: expected text"),
        (r#"["destination"]"#, "expected a shipment object"),
        (r#"{"destination": "DE""#, "not JSON"),
    ];
    for (json, expected) in cases {
        let err = Shipment::from_json(json).unwrap_err();
        assert!(err.to_string().starts_with(expected) || err.to_string().contains(expected), "{json}: {err}");
    }
    let huge = format!(r#"{{"destination": "DE", "parties": [{{"name": "{}"}}]}}"#, "A".repeat(5000));
    assert!(Shipment::from_json(&huge).unwrap_err().to_string().contains("parties[0].name: 5000 bytes"));
}

#[test]
fn a_place_that_names_no_country_is_an_error_naming_the_field() {
    let screen_err = |json: &str| {
        let shipment = Shipment::from_json(json).unwrap();
        FIXTURE.screener.screen(&shipment, &FIXTURE.index, &FIXTURE.lists).unwrap_err().to_string()
    };
    assert!(screen_err(r#"{"destination": "Atlantis"}"#)
        .starts_with("destination: \"Atlantis\" names no country"));
    assert!(screen_err(r#"{"destination": "DE", "transit": ["PL", "Narnia"]}"#).starts_with("transit[1]:"));
    let err = screen_err(r#"{"destination": "DE", "parties": [{"name": "X", "country": "Mordor"}]}"#);
    assert!(err.starts_with("parties[0].country:"), "{err}");
}

#[test]
fn json_lines_give_one_screening_or_one_error_per_line() {
    let input = ShipmentInput::parse(
        "{\"id\": \"a\", \"destination\": \"RU\", \"items\": [{\"hs_code\": \"8542.31\"}]}\n\
         \n\
         {\"id\": \"b\", \"destination\": \"DE\", \"parties\": [{\"role\": \"shipper\", \"name\": \"X\"}]}\n\
         {\"id\": \"c\", \"destination\": \"KZ\", \"items\": [{\"description\": \"ball bearings\"}]}\n",
    );
    assert!(input.json_lines);
    assert_eq!(input.shipments.len(), 3);
    let err = input.shipments[1].as_ref().unwrap_err();
    assert_eq!(err.line, Some(3));
    assert!(err.to_string().starts_with("line 3: parties[0].role: unknown role \"shipper\""), "{err}");
    let decisions: Vec<Decision> = [&input.shipments[0], &input.shipments[2]]
        .iter()
        .map(|s| {
            FIXTURE.screener.screen(s.as_ref().unwrap(), &FIXTURE.index, &FIXTURE.lists).unwrap().decision
        })
        .collect();
    assert_eq!(decisions, [Decision::Block, Decision::Review]);
    // A pretty-printed document is one shipment, not lines.
    let one = ShipmentInput::parse("{\n  \"destination\": \"DE\"\n}\n");
    assert!(!one.json_lines && one.shipments[0].is_ok());
}

#[test]
fn the_output_is_the_documented_json() {
    let s = screen(
        r#"{"id": "PO-9", "destination": "Kazakhstan", "parties": [{"role": "consignee", "name": "Rich Star General Trading"}],
            "items": [{"description": "EP4CE22F17C8N"}]}"#,
    );
    let json = serde_json::to_value(&s).unwrap();
    assert_eq!(json["id"], "PO-9");
    assert_eq!(json["decision"], "review");
    assert!(json["lists"].as_array().unwrap().iter().any(|l| l == "chpl@1"));
    let first = &json["reasons"][0];
    for key in ["rule", "severity", "message", "legal_basis"] {
        assert!(first[key].is_string(), "{key}: {first}");
    }
    let party = json["reasons"].as_array().unwrap().iter().find(|r| r["rule"] == "party.unverified").unwrap();
    assert_eq!(party["party"]["role"], "consignee");
    assert_eq!((party["list"].as_str(), party["list_version"].as_str()), (Some("us-csl"), Some("1")));
    assert!(party["score"].as_f64().unwrap() > 0.9);
    let item =
        json["reasons"].as_array().unwrap().iter().find(|r| r["rule"] == "goods.chpl_inferred").unwrap();
    assert_eq!((item["item"]["index"].as_u64(), item["inferred"].as_bool()), (Some(0), Some(true)));
    let back: Screening = serde_json::from_value(json).unwrap();
    assert_eq!(back, s);
}

#[test]
fn without_the_chpl_the_screener_says_what_to_import() {
    let err = Screener::new(Rules::builtin(), std::iter::empty::<&Entity>()).unwrap_err();
    assert!(err.to_string().contains("chpl") && err.to_string().contains("import"), "{err}");
    use embargo_errors::ErrorCode;
    assert_eq!(err.error_code(), embargo_errors::Code::GoodsListMissing);
}
