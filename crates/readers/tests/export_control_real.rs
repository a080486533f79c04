//! The export-control lists on the real files: the US Consolidated Screening List of 2022-04-21
//! (14,160 rows from 13 source lists) and the Common High Priority List of 2024-02-23 (50 HS-6
//! codes in tiers).

mod common;

use common::{read_bytes, read_file};
use embargo_model::{EntityKind, GoodsScheme, IdKind, NameRole, PartialDate};
use embargo_readers::chpl::ChplReader;
use embargo_readers::us_csl::UsCslReader;
use embargo_readers::{Format, Location};
use embargo_testkit::shared_file;
use std::collections::BTreeMap;

const CSL: &str = "export-control/us-csl-2022-04-21/consolidated.csv";
const CHPL: &str = "export-control/chpl_hs6_2024-02-23.csv";

#[test]
fn the_csl_keeps_every_row_as_a_listing_of_its_source_list() {
    let (entities, report) = read_file(&UsCslReader, &shared_file(CSL)).unwrap();
    assert_eq!((report.list.as_str(), report.format), ("us-csl", Format::UsCsl));
    let mut by_source: BTreeMap<&str, usize> = BTreeMap::new();
    for listing in entities.iter().flat_map(|e| &e.listings) {
        *by_source.entry(listing.source.as_str()).or_default() += 1;
    }
    let expected = [
        ("CAP", 53),
        ("CMIC", 68),
        ("DPL", 462),
        ("DTC", 727),
        ("EL", 2_001),
        ("FSE", 3),
        ("ISN", 163),
        ("MBS", 17),
        ("MEU", 71),
        ("PLC", 78),
        ("SDN", 10_026),
        ("SSI", 290),
        ("UVL", 201),
    ];
    assert_eq!(by_source, BTreeMap::from(expected));
    assert_eq!(by_source.values().sum::<usize>(), 14_160, "every row is a listing");
    // 71 OFAC entries are on two or three Treasury lists under one _id: one entity each.
    assert_eq!(report.entities, 14_048);
    assert_eq!(entities.len(), 14_048);
    assert_eq!(report.kinds["person"], 5_284);
    assert_eq!(report.kinds["unknown"], 3_625, "Commerce's and State's rows state no type");
    // No date in the file: a warning says so and names the newest listing.
    assert_eq!(report.publication_date, None);
    assert_eq!(report.warnings.len(), 1);
    assert!(report.warnings[0].message.contains("2022-04-21"), "{}", report.warnings[0]);
}

#[test]
fn an_entity_list_row_keeps_its_terms_and_aliases() {
    let (entities, _) = read_file(&UsCslReader, &shared_file(CSL)).unwrap();
    let plant = entities.iter().find(|e| e.caption() == "140 Repair Plant JSC").unwrap();
    let listing = &plant.listings[0];
    assert_eq!(listing.source, "EL");
    assert_eq!(listing.source_name, "Entity List (EL) - Bureau of Industry and Security");
    assert_eq!(listing.license_policy.as_deref(), Some("Policy of denial."));
    assert!(listing.license_requirement.as_deref().unwrap().starts_with("For all items subject to the EAR."));
    assert_eq!(listing.federal_register_notice.as_deref(), Some("87 FR 20299"));
    assert_eq!(listing.start_date, PartialDate::new(2022, Some(4), Some(7)));
    let aliases: Vec<&str> =
        plant.names.iter().filter(|n| n.role == NameRole::StrongAlias).map(|n| n.full.as_str()).collect();
    // Published as "Open Joint Stock Company 140 Repair Plant; and JSC 140 Repair Plant".
    assert_eq!(aliases, ["Open Joint Stock Company 140 Repair Plant", "JSC 140 Repair Plant"]);
    assert_eq!(plant.addresses[0].country.as_ref().unwrap().code.as_deref(), Some("BY"));

    let denied = entities.iter().find(|e| e.caption() == "I. ASH").unwrap();
    assert_eq!(denied.listings[0].source, "DPL");
    assert_eq!(denied.listings[0].end_date, PartialDate::new(2056, Some(6), Some(29)));
    assert_eq!(denied.listings[0].standard_order, Some(true));
    assert_eq!(denied.addresses[0].country.as_ref().unwrap().code.as_deref(), Some("US"));

    let meu = entities.iter().find(|e| e.caption() == "AECC Aero Science & Technology Co. Ltd.").unwrap();
    assert_eq!(meu.listings[0].source, "MEU");
}

#[test]
fn treasury_rows_keep_the_ofac_uid_ids_and_dates_of_birth_and_merge_across_lists() {
    let (entities, _) = read_file(&UsCslReader, &shared_file(CSL)).unwrap();
    let by_id = |id: &str| entities.iter().find(|e| e.id == id).unwrap();
    let arimero = by_id("us-csl:34616");
    let sources: Vec<&str> = arimero.listings.iter().map(|l| l.source.as_str()).collect();
    assert_eq!(sources, ["CAP", "SDN"]);
    assert_eq!(arimero.provenance.references["ofac_uid"], "34616");
    assert_eq!(arimero.identifiers[0].kind, IdKind::Registration);

    let asadi = by_id("us-csl:26860");
    assert_eq!(asadi.kind, EntityKind::Person);
    assert_eq!(asadi.names[0].parts.len(), 2, "LAST, First is split");
    assert_eq!(asadi.birth_dates[0].from, PartialDate::new(1957, Some(10), Some(10)));
    assert_eq!(asadi.programs.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), ["IFSR", "IRGC", "SDGT"]);

    let sufian = by_id("us-csl:9935");
    assert_eq!(sufian.names.iter().filter(|n| n.role == NameRole::StrongAlias).count(), 14);
    let passport = sufian.identifiers.iter().find(|i| i.kind == IdKind::Passport).unwrap();
    assert_eq!(passport.value, "BC166787");
    assert_eq!(passport.country.as_ref().unwrap().code.as_deref(), Some("CA"));
    assert_eq!(sufian.nationalities.len(), 2);
    assert_eq!(sufian.birth_places.len(), 2);
}

#[test]
fn a_broken_csl_is_an_error_naming_the_line_or_the_column() {
    let header = "_id,source,name,federal_register_notice,license_requirement\n";
    let short = format!("{header}1,Entity List (EL) - Bureau of Industry and Security,X\n");
    let err = read_bytes(&UsCslReader, "consolidated.csv", short.as_bytes()).unwrap_err();
    assert_eq!(err.location, Location::Line(2));
    assert!(err.expected.contains("5 columns"), "{err}");

    let no_name = format!("{header}1,Entity List (EL) - Bureau of Industry and Security,,,\n");
    let err = read_bytes(&UsCslReader, "consolidated.csv", no_name.as_bytes()).unwrap_err();
    assert_eq!(err.location, Location::Line(2));
    assert!(err.message.contains("no name"), "{err}");

    let err = read_bytes(&UsCslReader, "consolidated.csv", b"_id,name\n1,X\n").unwrap_err();
    assert!(err.message.contains("no column `source`"), "{err}");
    assert!(read_bytes(&UsCslReader, "consolidated.csv", b"").is_err());
}

#[test]
fn an_unknown_source_list_is_kept_and_warned_about() {
    let csv = "_id,source,name,federal_register_notice,license_requirement\n\
               1,Brand New List (BNL) - Somewhere,ACME,,\n";
    let (entities, report) = read_bytes(&UsCslReader, "consolidated.csv", csv.as_bytes()).unwrap();
    assert_eq!(entities[0].listings[0].source, "BNL");
    assert!(
        report.warnings.iter().any(|w| w.message.contains("unknown source list")),
        "{:?}",
        report.warnings
    );
}

#[test]
fn the_chpl_gives_50_goods_codes_in_tiers() {
    let (codes, report) = read_file(&ChplReader, &shared_file(CHPL)).unwrap();
    assert_eq!((report.list.as_str(), report.format), ("chpl", Format::ChplCsv));
    assert_eq!(report.entities, 50);
    assert_eq!(report.kinds["goods"], 50);
    assert_eq!(report.publication_date, PartialDate::new(2024, Some(2), Some(23)));
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    let mut tiers: BTreeMap<&str, usize> = BTreeMap::new();
    for item in &codes {
        assert!(item.is_goods());
        let goods = item.goods.as_ref().unwrap();
        assert_eq!(goods.scheme, GoodsScheme::Hs);
        assert_eq!(item.id, format!("chpl:{}", goods.code));
        *tiers.entry(goods.category.as_deref().unwrap()).or_default() += 1;
    }
    let expected = BTreeMap::from([
        ("Tier 1", 4),
        ("Tier 2", 5),
        ("Tier 3.A", 16),
        ("Tier 3.B", 9),
        ("Tier 4.A", 11),
        ("Tier 4.B", 5),
    ]);
    assert_eq!(tiers, expected);
    let processors = &codes[0];
    assert_eq!(processors.id, "chpl:854231");
    assert!(processors.caption().starts_with("Electronic integrated circuits: Processors and controllers"));
    assert_eq!(processors.extra["HS code as written"], ["8542.31"]);
}

#[test]
fn a_broken_chpl_is_an_error_naming_the_line() {
    let header = "hs6,hs_dotted,tier,description,description_note\n";
    let bad = format!("{header}854231,8542.31,Tier 1,Processors,\n8542.32,8542.32,Tier 1,Memories,\n");
    let err = read_bytes(&ChplReader, "chpl.csv", bad.as_bytes()).unwrap_err();
    assert_eq!(err.location, Location::Line(3));
    assert!(err.expected.contains("six digits"), "{err}");
    let err = read_bytes(&ChplReader, "chpl.csv", b"code,tier\n854231,Tier 1\n").unwrap_err();
    assert_eq!(err.location, Location::Line(1));
    let (_, report) =
        read_bytes(&ChplReader, "chpl.csv", format!("{header}854231,8542.31,Tier 1,P,\n").as_bytes())
            .unwrap();
    assert!(report.warnings[0].message.contains("no publication date"), "{:?}", report.warnings);
}
