//! OFAC's XML layouts on real files in `../shared/data/formats`: the Consolidated (non-SDN) list
//! in the `sdnList` layout of 2024 and 2018 (older namespace) and in the advanced layout of 2020.

use embargo_model::{Entity, EntityKind, PartialDate};
use embargo_readers::ofac_advanced::OfacAdvancedReader;
use embargo_readers::ofac_xml::OfacXmlReader;
use embargo_readers::{ListReader, ReadError, ReadReport};
use embargo_testkit::shared_file;
use std::path::Path;

fn read_file(reader: &dyn ListReader, path: &Path) -> Result<(Vec<Entity>, ReadReport), ReadError> {
    let mut entities = Vec::new();
    let report = reader.read(&[path.to_owned()], &mut |e| entities.push(e))?;
    Ok((entities, report))
}

#[test]
fn consolidated_xml_2024_reads_its_443_entries_as_ofac_cons() {
    let path = shared_file("formats/ofac-consolidated-xml-2024-05-06/consolidated.xml");
    let (entities, report) = read_file(&OfacXmlReader, &path).unwrap();
    assert_eq!(report.list, "ofac-cons");
    assert_eq!(report.entities, 443);
    assert!(report.warnings.is_empty(), "Record_Count agrees: {:?}", report.warnings);
    assert_eq!(report.publication_date, PartialDate::new(2024, Some(5), Some(6)));
    assert_eq!((report.kinds["person"], report.kinds["organization"]), (79, 364));
    let haniya = entities.iter().find(|e| e.id == "ofac-cons:9639").unwrap();
    assert_eq!(haniya.caption(), "HANIYA, Ismail Abdul Salah");
    assert_eq!(haniya.kind, EntityKind::Person);
}

#[test]
fn consolidated_xml_2018_in_the_older_namespace_reads_its_639_entries() {
    let path = shared_file("formats/ofac-consolidated-xml-2018-04-06/consolidated.xml");
    let (entities, report) = read_file(&OfacXmlReader, &path).unwrap();
    assert_eq!(report.list, "ofac-cons");
    assert_eq!(report.entities, 639);
    assert!(report.warnings.is_empty(), "Record_Count agrees: {:?}", report.warnings);
    assert_eq!(report.publication_date, PartialDate::new(2018, Some(4), Some(6)));
    assert_eq!(report.kinds["vessel"], 74);
    assert!(entities.iter().any(|e| e.caption() == "BANK MARKAZI JOMHOURI ISLAMI IRAN"));
}

#[test]
fn cons_advanced_2020_reads_its_375_parties_as_ofac_cons_not_ofac_sdn() {
    let path = shared_file("formats/ofac-cons-advanced-2020-03-17/cons_advanced.xml");
    let (entities, report) = read_file(&OfacAdvancedReader, &path).unwrap();
    assert_eq!(report.list, "ofac-cons", "the file's sanctions entries are on the Consolidated List");
    assert_eq!(report.entities, 375);
    assert_eq!((report.kinds["person"], report.kinds["organization"]), (82, 293));
    assert_eq!(report.publication_date, PartialDate::new(2020, Some(3), Some(17)));
    assert!(entities.iter().all(|e| e.id.starts_with("ofac-cons:")));
    assert!(entities
        .iter()
        .flat_map(|e| &e.relations)
        .all(|r| r.target_id.as_deref().is_none_or(|t| t.starts_with("ofac-cons:"))));
    // The same entry as in the 2024 sdnList file, under the same id.
    assert!(entities.iter().any(|e| e.id == "ofac-cons:9639"));
}
