//! The OFSI reader on the real Consolidated List of 2025-04-10, as CSV and as XLSX.

use embargo_model::{Entity, EntityKind, Gender, IdKind, NamePartKind, NameRole, PartialDate};
use embargo_readers::uk_ofsi::UkOfsiReader;
use embargo_readers::{ListReader, ReadReport};
use embargo_testkit::shared_data;
use std::collections::HashMap;
use std::path::PathBuf;

fn conlist(extension: &str) -> PathBuf {
    shared_data().join(format!("lists/uk/ofsi-conlist-2025-04-10/ConList_2025-04-10.{extension}"))
}

fn read(reader: UkOfsiReader, file: PathBuf) -> (ReadReport, Vec<Entity>) {
    let mut entities = Vec::new();
    let report = reader.read(&[file], &mut |e| entities.push(e)).unwrap();
    (report, entities)
}

#[test]
fn csv_and_xlsx_give_the_same_4686_groups() {
    let (csv_report, from_csv) = read(UkOfsiReader::csv(), conlist("csv"));
    let (xlsx_report, from_xlsx) = read(UkOfsiReader::xlsx(), conlist("xlsx"));
    assert_eq!(csv_report.entities, 4686);
    assert_eq!(from_csv.len(), 4686);
    assert_eq!(xlsx_report.entities, 4686);
    assert_eq!(csv_report.publication_date, PartialDate::new(2025, Some(4), Some(10)));
    assert_eq!(xlsx_report.publication_date, csv_report.publication_date);
    assert_eq!(csv_report.kinds, xlsx_report.kinds);
    assert!(csv_report.warnings.is_empty(), "{:?}", &csv_report.warnings[..3.min(csv_report.warnings.len())]);
    for (a, b) in from_csv.iter().zip(&from_xlsx) {
        assert_eq!(a, b, "CSV and XLSX disagree on {}", a.id);
    }
}

#[test]
fn every_one_of_the_18796_name_rows_lands_in_its_group() {
    // Read the rows independently of the reader, and find each row's name in its group.
    let mut rows =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).from_path(conlist("csv")).unwrap();
    let (_, entities) = read(UkOfsiReader::csv(), conlist("csv"));
    let entities = by_id(entities);
    let mut name_rows = 0;
    for row in rows.records().skip(2) {
        let row = row.unwrap();
        let full = [1, 2, 3, 4, 5, 0]
            .iter()
            .map(|&i| row[i].trim())
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        let entity = &entities[&format!("uk-ofsi:{}", &row[35])];
        assert!(entity.names.iter().any(|n| n.full == full), "{full} missing from {}", entity.id);
        if !row[7].is_empty() {
            assert!(entity.names.iter().any(|n| n.full == row[7].trim()), "{} missing", &row[7]);
        }
        name_rows += 1;
    }
    assert_eq!(name_rows, 18_796);
    let referenced =
        entities.values().filter(|e| e.provenance.references.contains_key("uk_sanctions_list_ref")).count();
    // One row of the 2025-04-10 list (and so one group) has no UK Sanctions List Ref.
    assert_eq!(referenced, 4685);
}

fn by_id(entities: Vec<Entity>) -> HashMap<String, Entity> {
    entities.into_iter().map(|e| (e.id.clone(), e)).collect()
}

#[test]
fn real_entries_keep_their_fields() {
    let (_, entities) = read(UkOfsiReader::csv(), conlist("csv"));
    let entities = by_id(entities);

    // A Russian person: Cyrillic name, passport, address, reference, trust-services remark.
    let artyakov = &entities["uk-ofsi:15829"];
    assert_eq!(artyakov.kind, EntityKind::Person);
    assert_eq!(artyakov.caption(), "Vladimir Vladmimirovich ARTYAKOV");
    // The primary name comes first although its row follows the variation's in the file.
    let primary = &artyakov.names[0];
    assert_eq!(primary.role, NameRole::Primary);
    assert_eq!(primary.parts.iter().find(|p| p.kind == NamePartKind::Family).unwrap().value, "ARTYAKOV");
    assert_eq!(primary.parts[0].kind, NamePartKind::Given);
    let cyrillic = artyakov.names.iter().find(|n| n.script.as_deref() == Some("Cyrl")).unwrap();
    assert_eq!(cyrillic.full, "Владимир Владимирович Артяков");
    assert_eq!(cyrillic.lang.as_deref(), Some("Russian"));
    assert_eq!(cyrillic.role, NameRole::StrongAlias);
    assert!(artyakov.names.iter().any(|n| n.full == "Vladimir Vladimirovich ARTJAKOV"));
    assert_eq!(artyakov.birth_dates.len(), 1);
    assert_eq!(artyakov.birth_dates[0].from, PartialDate::new(1959, Some(7), Some(30)));
    let passport = artyakov.identifiers.iter().find(|i| i.kind == IdKind::Passport).unwrap();
    assert_eq!(passport.value, "511528697");
    assert_eq!(artyakov.nationalities[0].code.as_deref(), Some("RU"));
    assert_eq!(artyakov.provenance.references["uk_sanctions_list_ref"], "RUS1795");
    assert_eq!(artyakov.addresses.len(), 1);
    assert_eq!(artyakov.addresses[0].postal_code.as_deref(), Some("119634"));
    assert_eq!(artyakov.addresses[0].country.as_ref().unwrap().code.as_deref(), Some("RU"));
    assert_eq!(artyakov.programs[0].name, "Russia");
    assert!(artyakov.remarks[0].starts_with("(UK Sanctions List Ref):RUS1795. Financial sanctions"));

    // A Houthi minister: Arabic name, year-only date of birth written 00/00/1969.
    let atifi = &entities["uk-ofsi:16346"];
    let arabic = atifi.names.iter().find(|n| n.script.as_deref() == Some("Arab")).unwrap();
    assert_eq!(arabic.full, "محمد نارصالعاطف");
    assert_eq!(atifi.birth_dates[0].raw, "00/00/1969");
    assert_eq!(atifi.birth_dates[0].from, Some(PartialDate::year(1969)));
    assert_eq!(atifi.positions, ["Houthi Defence Minister"]);
    assert_eq!(atifi.nationalities[0].code.as_deref(), Some("YE"));

    // A DPRK ship: IMO number, flag, owner, ship facts.
    let ship = &entities["uk-ofsi:13660"];
    assert_eq!(ship.kind, EntityKind::Vessel);
    assert_eq!(ship.names.len(), 6);
    let imo = ship.identifiers.iter().find(|i| i.kind == IdKind::Imo).unwrap();
    assert_eq!(imo.value, "8503228");
    assert_eq!(ship.extra["Flag of ship"], ["North Korea"]);
    assert_eq!(ship.extra["Year built"], ["1985"]);
    assert_eq!(ship.countries[0].code.as_deref(), Some("KP"));
    assert_eq!(ship.relations[0].kind, "owned_by");
    assert_eq!(ship.relations[0].target_name, "Phyongchon Shipping & Marine");

    // A Syrian company: phone numbers, web site and e-mail typed from Other Information.
    let soroh = &entities["uk-ofsi:12066"];
    assert_eq!(soroh.kind, EntityKind::Organization);
    assert_eq!(soroh.caption(), "SOURUH COMPANY");
    assert_eq!(soroh.identifiers.iter().filter(|i| i.kind == IdKind::Phone).count(), 4);
    assert!(soroh.identifiers.iter().any(|i| i.kind == IdKind::Email && i.value == "sorohco@gmail.com"));
    assert_eq!(soroh.listed_on, PartialDate::new(2011, Some(9), Some(26)));
    assert_eq!(soroh.last_updated, PartialDate::new(2022, Some(5), Some(19)));

    // The gender of a person comes from "(Gender):Male".
    assert_eq!(entities["uk-ofsi:15672"].gender, Some(Gender::Male));
    assert_eq!(entities["uk-ofsi:15672"].provenance.references["uk_sanctions_list_ref"], "GHR0086");
}
