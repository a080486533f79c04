//! The UN consolidated XML reader on the real list of 2026-02-27, and on broken input.

use embargo_model::{Entity, EntityKind, IdKind, NameRole, PartialDate};
use embargo_readers::{un_xml::UnXmlReader, Location, ReadError, MAX_FIELD_BYTES};
use embargo_testkit::shared_data;
use proptest::prelude::*;
use std::path::{Path, PathBuf};

mod common;

fn un_file() -> PathBuf {
    shared_data().join("lists/un/UN_consolidated-2026-02-27.xml")
}

fn read_file(path: &Path) -> Result<(Vec<Entity>, embargo_readers::ReadReport), ReadError> {
    common::read_file(&UnXmlReader, path)
}

fn read_bytes(bytes: &[u8]) -> Result<Vec<Entity>, ReadError> {
    common::read_bytes(&UnXmlReader, "input.xml", bytes).map(|(e, _)| e)
}

fn real_list() -> (Vec<Entity>, embargo_readers::ReadReport) {
    read_file(&un_file()).expect("the real UN list reads")
}

fn by_id<'a>(entities: &'a [Entity], id: &str) -> &'a Entity {
    entities.iter().find(|e| e.id == id).unwrap_or_else(|| panic!("{id} is in the list"))
}

/// The head of the real file with its first `records` individuals, closed properly.
fn small_real_sample(records: usize) -> Vec<u8> {
    let text = std::fs::read_to_string(un_file()).unwrap();
    let cut = text.match_indices("<INDIVIDUAL>").nth(records).map(|(i, _)| i).unwrap();
    format!("{}</INDIVIDUALS><ENTITIES/></CONSOLIDATED_LIST>\n", &text[..cut]).into_bytes()
}

#[test]
fn real_list_has_730_individuals_and_273_entities() {
    let (entities, report) = real_list();
    assert_eq!(report.list, "un");
    assert_eq!(report.kinds.get("person"), Some(&730));
    assert_eq!(report.kinds.get("organization"), Some(&273));
    assert_eq!(report.entities, 1003);
    assert_eq!(entities.len(), 1003);
    assert_eq!(report.publication_date, PartialDate::new(2026, Some(2), Some(27)));
    let mut ids: Vec<&str> = entities.iter().map(|e| e.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 1003, "entity ids are unique");
}

#[test]
fn iranian_entry_keeps_names_passports_and_provenance() {
    let (entities, _) = real_list();
    let e = by_id(&entities, "un:IRi.003");
    assert_eq!(e.kind, EntityKind::Person);
    assert_eq!(e.caption(), "AZIM AGHAJANI");
    assert_eq!(e.names[0].parts.len(), 2);
    assert_eq!(e.names[0].parts[1].value, "AGHAJANI");
    assert_eq!(e.provenance.source_id, "IRi.003");
    assert_eq!(e.provenance.references.get("un_dataid").map(String::as_str), Some("110444"));
    let aliases: Vec<&str> =
        e.names.iter().filter(|n| n.role == NameRole::StrongAlias).map(|n| n.full.as_str()).collect();
    assert_eq!(aliases, ["Azim Adhajani", "Azim Agha-Jani"]);
    let passports: Vec<&str> =
        e.identifiers.iter().filter(|i| i.kind == IdKind::Passport).map(|i| i.value.as_str()).collect();
    assert_eq!(passports, ["6620505", "9003213"]);
    assert_eq!(e.identifiers[0].country.as_ref().and_then(|c| c.code.as_deref()), Some("IR"));
    assert_eq!(e.programs[0].name, "Iran");
    assert_eq!(e.listed_on, PartialDate::new(2012, Some(4), Some(18)));
    assert_eq!(e.last_updated, PartialDate::new(2014, Some(12), Some(17)));
    assert!(e.positions[0].starts_with("Member of the IRGC-Qods Force"));
    assert!(e.remarks[0].contains("resolution 1747"));
    assert_eq!(e.nationalities[0].code.as_deref(), Some("IR"));
}

/// TAi.153 gives "na" (not available) as its FOURTH_NAME: it was read as a fourth word of the
/// name, FAIZULLAH KHAN NOORZAI na.
#[test]
fn a_name_part_given_as_na_is_no_word_of_the_name() {
    let (entities, _) = real_list();
    assert_eq!(by_id(&entities, "un:TAi.153").caption(), "FAIZULLAH KHAN NOORZAI");
    let words_na =
        entities.iter().flat_map(|e| &e.names).filter(|n| n.full.split(' ').any(|w| w == "na")).count();
    assert_eq!(words_na, 0);
}

#[test]
fn arabic_original_script_name_is_kept_with_its_script() {
    let (entities, _) = real_list();
    let e = by_id(&entities, "un:IQi.001");
    assert_eq!(e.caption(), "SADDAM HUSSEIN AL-TIKRITI");
    let arabic = e.names.iter().find(|n| n.script.as_deref() == Some("Arab")).expect("an Arabic name");
    assert_eq!(arabic.full, "صدام حسين التكريتي");
    let weak: Vec<&str> =
        e.names.iter().filter(|n| n.role == NameRole::WeakAlias).map(|n| n.full.as_str()).collect();
    assert_eq!(weak, ["Abu Ali"]);
    assert_eq!(e.birth_dates[0].from, PartialDate::new(1937, Some(4), Some(28)));
    assert_eq!(e.birth_places[0].city.as_deref(), Some("al-Awja, near Tikrit"));
    assert_eq!(e.birth_places[0].country.as_ref().map(|c| c.name.as_str()), Some("Iraq"));
}

#[test]
fn date_of_birth_between_years_is_a_range() {
    let (entities, _) = real_list();
    let e = by_id(&entities, "un:CDi.030");
    assert_eq!(e.birth_dates.len(), 1);
    assert_eq!(e.birth_dates[0].from, Some(PartialDate::year(1973)));
    assert_eq!(e.birth_dates[0].to, Some(PartialDate::year(1974)));
    let approximate = by_id(&entities, "un:CDi.001");
    assert_eq!(approximate.birth_dates[0].from, Some(PartialDate::year(1971)));
    assert!(!approximate.birth_dates[0].approximate);
    let month_in_note = by_id(&entities, "un:QDi.395");
    assert_eq!(month_in_note.birth_dates[0].from, PartialDate::new(1958, Some(9), None));
    let approximately_in_note = by_id(&entities, "un:TAi.083");
    assert!(approximately_in_note.birth_dates[0].approximate);
    assert!(approximately_in_note.birth_dates[0].to.is_some());
    let false_passport = by_id(&entities, "un:QDi.295");
    assert!(false_passport
        .birth_dates
        .iter()
        .any(|d| d.raw.contains("from false passport") && d.from.is_some()));
    let circa = entities.iter().filter(|e| e.birth_dates.iter().any(|d| d.approximate)).count();
    assert!(circa > 50, "APPROXIMATELY dates are marked approximate ({circa})");
}

#[test]
fn entity_records_have_aliases_and_addresses() {
    let (entities, _) = real_list();
    let e = by_id(&entities, "un:CDe.002");
    assert_eq!(e.kind, EntityKind::Organization);
    assert_eq!(e.caption(), "BUTEMBO AIRLINES (BAL)");
    assert!(e.names[0].parts.is_empty());
    let with_address =
        entities.iter().filter(|e| e.kind == EntityKind::Organization && !e.addresses.is_empty());
    assert!(with_address.count() > 150);
    let two_names = by_id(&entities, "un:CDe.003");
    assert_eq!(two_names.caption(), "COMPAGNIE AERIENNE DES GRANDS LACS (CAGL)");
    assert_eq!(two_names.names[1].full, "GREAT LAKES BUSINESS COMPANY (GLBC)");
    assert_eq!(two_names.names[1].role, NameRole::StrongAlias);
    let fdlr = by_id(&entities, "un:CDe.005");
    assert!(fdlr.names.len() > 1, "FDLR has aliases");
}

#[test]
fn national_id_documents_are_typed() {
    let (entities, _) = real_list();
    let national =
        entities.iter().flat_map(|e| &e.identifiers).filter(|i| i.kind == IdKind::NationalId).count();
    let passports =
        entities.iter().flat_map(|e| &e.identifiers).filter(|i| i.kind == IdKind::Passport).count();
    assert!(national >= 150, "{national} national ids");
    assert!(passports >= 300, "{passports} passports");
}

fn assert_error_at(result: Result<Vec<Entity>, ReadError>, expected_word: &str) -> ReadError {
    let err = result.expect_err("broken input is refused");
    assert!(
        err.expected.contains(expected_word) || err.message.contains(expected_word),
        "error mentions {expected_word:?}: {err}"
    );
    assert!(err.file.ends_with("input.xml"), "{err}");
    err
}

#[test]
fn truncated_file_names_the_unclosed_element() {
    let sample = small_real_sample(2);
    let err = assert_error_at(read_bytes(&sample[..sample.len() / 2]), "closing tag");
    assert!(matches!(err.location, Location::Byte(n) if n > 0));
}

#[test]
fn wrong_root_element_is_refused() {
    let err = assert_error_at(read_bytes(b"<?xml version=\"1.0\"?><sdnList></sdnList>"), "CONSOLIDATED_LIST");
    assert!(err.message.contains("sdnList"));
}

#[test]
fn empty_and_binary_files_are_refused() {
    assert_error_at(read_bytes(b""), "root element");
    let err = assert_error_at(read_bytes(&[0u8, 1, 2, 0xFF, 0xFE, 7, 8, 9]), "XML");
    assert!(matches!(err.location, Location::Byte(_)), "{err}");
    assert_error_at(read_bytes(b"just some text, no markup"), "root element");
}

#[test]
fn invalid_utf8_is_refused_with_offset() {
    let mut sample = small_real_sample(1);
    let at = sample.windows(5).position(|w| w == b"ERIC<").unwrap();
    sample[at] = 0xC3;
    sample[at + 1] = 0x28;
    let err = read_bytes(&sample).expect_err("invalid UTF-8 is refused");
    assert!(matches!(err.location, Location::Byte(_)), "{err}");
}

#[test]
fn field_larger_than_the_limit_is_refused() {
    let huge = "A".repeat(MAX_FIELD_BYTES + 10);
    let xml = format!(
        "<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><REFERENCE_NUMBER>X</REFERENCE_NUMBER>\
         <COMMENTS1>{huge}</COMMENTS1></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>"
    );
    let err = assert_error_at(read_bytes(xml.as_bytes()), "bytes");
    assert!(err.message.contains("COMMENTS1"), "{err}");
}

#[test]
fn record_without_reference_number_is_refused() {
    let xml = "<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><FIRST_NAME>A</FIRST_NAME></INDIVIDUAL>\
               </INDIVIDUALS></CONSOLIDATED_LIST>";
    assert_error_at(read_bytes(xml.as_bytes()), "REFERENCE_NUMBER");
}

#[test]
fn small_real_sample_reads() {
    let entities = read_bytes(&small_real_sample(3)).unwrap();
    assert_eq!(entities.len(), 3);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn truncated_real_input_never_panics(cut in 0usize..100_000) {
        let sample = small_real_sample(6);
        let cut = cut % (sample.len() - 2);
        prop_assert!(read_bytes(&sample[..cut]).is_err());
    }

    #[test]
    fn flipped_bytes_never_panic(flips in proptest::collection::vec((0usize..1_000_000, any::<u8>()), 1..8)) {
        let mut sample = small_real_sample(4);
        for (at, byte) in flips {
            let at = at % sample.len();
            sample[at] = byte;
        }
        let _ = read_bytes(&sample);
    }

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = read_bytes(&bytes);
    }
}

/// Regression: QDi.426's name in Arabic script is wrapped over two lines in the file, and the
/// line break with its indentation ended up in the name (and in batch output's CSV field).
#[test]
fn a_name_wrapped_over_lines_in_the_file_is_one_line() {
    let (entities, _) = real_list();
    let names: Vec<&str> = entities.iter().flat_map(|e| e.names.iter().map(|n| n.full.as_str())).collect();
    let broken: Vec<&&str> =
        names.iter().filter(|n| n.contains(['\n', '\r', '\t']) || n.contains("  ")).collect();
    assert!(broken.is_empty(), "names with layout whitespace: {broken:?}");
    assert!(by_id(&entities, "un:QDi.426")
        .names
        .iter()
        .any(|n| n.full == "أمیر محمد سعید عبد الرحمن السلبي"));
}
