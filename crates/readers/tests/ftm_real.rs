//! The FtM reader on the real OpenSanctions files: the ZALA Aero cluster and the t1 sample.

use embargo_model::{Entity, EntityKind, Gender, IdKind, NameRole, PartialDate};
use embargo_readers::ftm::FtmReader;
use embargo_readers::{ListReader, ReadReport};
use embargo_testkit::shared_data;

fn read(dataset: &str) -> (ReadReport, Vec<Entity>) {
    let file = shared_data().join("lists/opensanctions").join(dataset).join("entities.ftm.json");
    let mut entities = Vec::new();
    let report = FtmReader.read(&[file], &mut |e| entities.push(e)).unwrap();
    (report, entities)
}

#[test]
fn zala_cluster_gives_17_screenable_entities_of_91_lines() {
    // 91 lines: 6 Person, 11 Company, and 74 Sanction/Address/Ownership/Family/Directorship/
    // Passport entities that describe them.
    let (report, entities) = read("zala-2026-06-03");
    assert_eq!(report.entities, 17);
    assert_eq!(report.kinds["person"], 6);
    assert_eq!(report.kinds["organization"], 11);
    // The cluster is cut from a larger dataset: 16 address references lead outside it.
    assert_eq!(report.warnings.len(), 1, "{:?}", report.warnings);
    assert!(report.warnings[0].message.starts_with("16 addressEntity reference(s)"), "{:?}", report.warnings);
    assert!(entities.iter().all(|e| e.id.starts_with("opensanctions:") && !e.names.is_empty()));
    assert_eq!(report.publication_date.map(|d| d.year), Some(2026));
}

#[test]
fn zala_company_is_joined_with_its_sanctions_addresses_and_owners() {
    let (_, entities) = read("zala-2026-06-03");
    let cst = entities.iter().find(|e| e.id == "opensanctions:NK-abdzbEBkqyT29GyREbiURZ").unwrap();
    assert_eq!(cst.kind, EntityKind::Organization);
    assert_eq!(cst.caption(), "LLC CST");
    assert!(cst
        .names
        .iter()
        .any(|n| n.full == "ZALA AERO GROUP—Unmanned Systems" && n.role == NameRole::StrongAlias));
    assert!(cst.names.iter().any(|n| n.full == "ООО ЦСТ"));
    // 28 Sanction entities point at it; their programmes are joined, with legal basis.
    assert!(cst.programs.iter().any(|p| p.name == "RUSSIA-EO14024"));
    let au = cst.programs.iter().find(|p| p.name == "Autonomous (Russia)").unwrap();
    assert_eq!(au.legal_basis.as_deref(), Some("Targeted financial sanction"));
    assert!(cst.extra["sanction.authority"].iter().any(|a| a == "Department of Foreign Affairs and Trade"));
    assert!(cst.listed_on.is_some_and(|d| d <= PartialDate::new(2023, Some(2), Some(24)).unwrap()));
    // The structured address entity replaced its plain-text twin.
    let address =
        cst.addresses.iter().find(|a| a.full == "9 Salyama Adilya St., Office 3, Moscow, 123154").unwrap();
    assert_eq!(address.city.as_deref(), Some("Moscow"));
    assert_eq!(address.postal_code.as_deref(), Some("123154"));
    assert_eq!(address.country.as_ref().unwrap().code.as_deref(), Some("RU"));
    // Ownership: Kalashnikov owns it ("subsidiary of").
    let owner = cst.relations.iter().find(|r| r.kind == "owned_by").unwrap();
    assert_eq!(owner.target_name, "JSC Kalashnikov Concern");
    assert_eq!(owner.target_id.as_deref(), Some("opensanctions:NK-nR5AXM9AVPq4pQaSPSaVam"));
    assert!(cst.identifiers.iter().any(|i| i.kind == IdKind::TaxId));
    assert!(cst.identifiers.iter().any(|i| i.kind == IdKind::Registration));
    assert!(cst.extra["datasets"].iter().any(|d| d == "us_ofac_sdn"));
}

#[test]
fn zala_person_keeps_names_dates_and_identifiers() {
    let (_, entities) = read("zala-2026-06-03");
    let osetrova = entities.iter().find(|e| e.id == "opensanctions:NK-2Tbri3s6GgNtAwsSXh4qpL").unwrap();
    assert_eq!(osetrova.kind, EntityKind::Person);
    assert_eq!(osetrova.caption(), "Maria Aleksandrovna Osetrova");
    // Every `name` is primary and comes before the aliases (read first, alphabetically).
    let first_alias = osetrova.names.iter().position(|n| n.role != NameRole::Primary).unwrap();
    assert!(osetrova.names[first_alias..].iter().all(|n| n.role != NameRole::Primary));
    assert_eq!(first_alias, 12);
    assert!(osetrova
        .names
        .iter()
        .any(|n| n.full == "Мария Александровна Захарова" && n.role == NameRole::FormerName));
    assert_eq!(osetrova.birth_dates[0].from, PartialDate::new(1988, Some(1), Some(7)));
    assert_eq!(osetrova.gender, Some(Gender::Female));
    assert_eq!(osetrova.nationalities[0].code.as_deref(), Some("RU"));
    assert_eq!(osetrova.citizenships[0].code.as_deref(), Some("RU"));
    assert!(osetrova.identifiers.iter().any(|i| i.kind == IdKind::TaxId && i.value == "183116181362"));
    assert!(osetrova.birth_places.iter().any(|p| p.full == "Izhevsk"));
    assert!(osetrova.remarks.iter().any(|r| r == "Disqualified"));
    assert!(osetrova.extra["firstName"].contains(&"Мария".to_owned()));
    assert!(osetrova.relations.iter().any(|r| r.kind.starts_with("family")));
}

#[test]
fn t1_sample_gives_6_screenable_entities_of_7_lines() {
    let (report, entities) = read("t1-2024-07-05");
    assert_eq!(report.entities, 6);
    assert_eq!(report.kinds["person"], 4);
    assert_eq!(report.kinds["organization"], 2);
    assert!(report.warnings[0].message.starts_with("2 addressEntity reference(s)"), "{:?}", report.warnings);
    let tobacco = entities.iter().find(|e| e.id == "opensanctions:NK-2GdmHtZTeNXjNVrBGEXZNj").unwrap();
    assert_eq!(tobacco.caption(), "RAB „Inter Tobacco“");
    assert!(tobacco
        .names
        .iter()
        .any(|n| n.full == "Общество с ограниченной ответственностью “Интер Тобако”"));
    assert_eq!(tobacco.countries[0].code.as_deref(), Some("BY"));
    assert_eq!(tobacco.identifiers[0].kind, IdKind::Registration);
    assert_eq!(tobacco.identifiers[0].value, "808000714");
    assert_eq!(tobacco.listed_on, PartialDate::new(2022, Some(6), Some(3)));
    assert!(tobacco.extra["referents"].iter().any(|r| r == "ofac-32733"));
}
