//! The OFAC legacy CSV reader on the real files in `../shared/data` (counts pinned, fields of
//! real entries spot-checked) and on small fixtures of bad input.

use embargo_model::{DateSpec, Entity, EntityKind, IdKind, NamePartKind, NameRole, PartialDate};
use embargo_readers::{
    ofac_csv::OfacCsvReader, ListReader, Location, ReadError, ReadReport, MAX_FIELD_BYTES,
};
use embargo_testkit::shared_data;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn ofac_dir(folder: &str) -> PathBuf {
    let dir = shared_data().join("lists/ofac").join(folder);
    assert!(dir.is_dir(), "real OFAC data missing at {} (set EMBARGO_SHARED_DATA)", dir.display());
    dir
}

fn read(files: &[PathBuf]) -> Result<(ReadReport, HashMap<String, Entity>), ReadError> {
    let mut entities = HashMap::new();
    let report = OfacCsvReader.read(files, &mut |e| {
        assert!(entities.insert(e.id.clone(), e).is_none(), "an entity id was emitted twice");
    })?;
    Ok((report, entities))
}

/// The real SDN set read once and shared by the tests that only look at it.
fn real_sdn_set() -> &'static (ReadReport, HashMap<String, Entity>) {
    static READ: OnceLock<(ReadReport, HashMap<String, Entity>)> = OnceLock::new();
    READ.get_or_init(|| read(&sdn_set()).unwrap())
}

fn sdn_set() -> Vec<PathBuf> {
    let sdn = ofac_dir("sdn-csv-2024-07-02");
    let rest = ofac_dir("sdn-add-alt-comments-2025-12-24-watchman");
    vec![sdn.join("SDN.CSV"), rest.join("ALT.CSV"), rest.join("ADD.CSV"), rest.join("SDN_COMMENTS.CSV")]
}

fn ids_of(e: &Entity, kind: IdKind) -> Vec<&str> {
    e.identifiers.iter().filter(|i| i.kind == kind).map(|i| i.value.as_str()).collect()
}

fn names_of(e: &Entity, role: NameRole) -> Vec<&str> {
    e.names.iter().filter(|n| n.role == role).map(|n| n.full.as_str()).collect()
}

#[test]
fn real_sdn_csv_of_2024_07_02_has_15443_entries_by_kind() {
    let file = ofac_dir("sdn-csv-2024-07-02").join("SDN.CSV");
    let (report, entities) = read(&[file]).unwrap();
    assert_eq!(report.list, "ofac-sdn");
    assert_eq!(report.publisher, "US Treasury OFAC");
    assert_eq!(report.entities, 15_443);
    assert_eq!(entities.len(), 15_443);
    let kinds: Vec<(&str, usize)> = report.kinds.iter().map(|(k, n)| (k.as_str(), *n)).collect();
    assert_eq!(kinds, [("aircraft", 374), ("organization", 7270), ("person", 6927), ("vessel", 872)]);
    // Without SDN_COMMENTS.CSV, the 19 remarks that fill OFAC's 1000-character column are cut.
    assert_eq!(report.warnings.len(), 1, "{:?}", report.warnings);
    assert!(report.warnings[0].message.starts_with("19 entries have remarks cut"), "{}", report.warnings[0]);
    assert_eq!(report.publication_date, None, "the legacy CSV does not state its date");
}

#[test]
fn later_companion_files_join_and_report_unjoined_rows() {
    let (report, entities) = real_sdn_set();
    assert_eq!(report.entities, 15_443);
    let warnings: Vec<String> = report.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(warnings.len(), 4, "{warnings:#?}");
    // The later comments file continues 18 of the 19 cut remarks.
    assert!(warnings[3].contains("1 entries have remarks cut"), "{}", warnings[3]);
    for (file, rows) in [("ALT.CSV", 2108), ("ADD.CSV", 4286), ("SDN_COMMENTS.CSV", 5)] {
        let w = report.warnings.iter().find(|w| w.file.ends_with(file)).expect(file);
        assert!(w.message.starts_with(&format!("{rows} rows ")), "{w}");
    }
    let comments = report.warnings.iter().find(|w| w.file.ends_with("SDN_COMMENTS.CSV")).unwrap();
    assert_eq!(comments.location, Location::Line(1));
    assert!(comments.message.contains("17016, 17143, 53033, 55505, 56429"), "{comments}");

    // Joined rows: aliases from ALT.CSV, addresses from ADD.CSV.
    let bnc = &entities["ofac-sdn:306"];
    assert_eq!(bnc.caption(), "BANCO NACIONAL DE CUBA");
    assert_eq!(names_of(bnc, NameRole::StrongAlias), ["NATIONAL BANK OF CUBA"]);
    assert_eq!(names_of(bnc, NameRole::WeakAlias), ["BNC"]);
    assert_eq!(bnc.addresses.len(), 4);
    let zurich = &bnc.addresses[0];
    assert_eq!(zurich.full, "Zweierstrasse 35, Zurich CH-8022, Switzerland");
    assert_eq!(zurich.street.as_deref(), Some("Zweierstrasse 35"));
    assert_eq!(zurich.country.as_ref().map(|c| c.name.as_str()), Some("Switzerland"));
    assert_eq!(entities["ofac-sdn:36"].addresses[0].full, "Havana, Cuba");
}

#[test]
fn folders_stand_for_the_ofac_files_in_them() {
    let folders = [ofac_dir("sdn-csv-2024-07-02"), ofac_dir("sdn-add-alt-comments-2025-12-24-watchman")];
    let (report, entities) = read(&folders).unwrap();
    assert_eq!(report.entities, 15_443);
    assert_eq!(report.warnings.len(), 4, "the companion files were found and joined");
    assert_eq!(&entities, &real_sdn_set().1);
    let empty = fixture_dir("no-ofac-files");
    assert!(read(&[empty]).unwrap_err().expected.contains("OFAC CSV files"));
}

#[test]
fn comments_continue_truncated_remarks_before_parsing() {
    let (_, entities) = real_sdn_set();
    let sber = &entities["ofac-sdn:17018"];
    // The SDN.CSV remark stops at 1000 characters inside "Directive 2"; the comment completes
    // it, so the label reads whole and the facts after the cut are parsed.
    assert_eq!(sber.extra["Listing Date (EO 14024 Directive 2)"], ["24 Feb 2022"]);
    assert_eq!(ids_of(sber, IdKind::TaxId), ["7707083893"]);
    assert_eq!(ids_of(sber, IdKind::Registration), ["1027700132195"]);
    assert_eq!(names_of(sber, NameRole::WeakAlias), ["SBERBANK INDIA", "SBERBANK MUMBAI"]);
    // A wallet address cut at "1Gq" reads whole once its comment continues it.
    let wallets = ids_of(&entities["ofac-sdn:30518"], IdKind::CryptoWallet);
    assert!(wallets.contains(&"1GqChmWqGtsaLrGbHfgdrV5Nkvahtjjuxr"), "{wallets:?}");
}

#[test]
fn a_cut_remark_without_continuation_keeps_its_last_segment_verbatim() {
    let file = ofac_dir("sdn-csv-2024-07-02").join("SDN.CSV");
    let (_, alone) = read(&[file]).unwrap();
    let e = &alone["ofac-sdn:30518"];
    assert_eq!(e.remarks.last().map(String::as_str), Some("alt. Digital Currency Address - XBT 1Gq"));
    assert!(!ids_of(e, IdKind::CryptoWallet).contains(&"1Gq"));
}

#[test]
fn real_irgc_general_saeed_aghajani_is_parsed_whole() {
    let (_, entities) = real_sdn_set();
    let e = &entities["ofac-sdn:33574"];
    assert_eq!(e.kind, EntityKind::Person);
    assert_eq!(e.caption(), "AGHAJANI, Saeed");
    let parts: Vec<(NamePartKind, &str)> =
        e.names[0].parts.iter().map(|p| (p.kind, p.value.as_str())).collect();
    assert_eq!(parts, [(NamePartKind::Family, "AGHAJANI"), (NamePartKind::Given, "Saeed")]);
    let programs: Vec<&str> = e.programs.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(programs, ["SDGT", "IRGC", "IFSR"]);
    assert_eq!(e.titles, ["Brigadier General"]);
    assert_eq!(e.birth_dates[0].from, PartialDate::new(1969, Some(4), Some(3)));
    assert_eq!(e.nationalities[0].name, "Iran");
    assert_eq!(e.gender, Some(embargo_model::Gender::Male));
    let passport = e.identifiers.iter().find(|i| i.kind == IdKind::Passport).unwrap();
    assert_eq!(passport.value, "V47528711");
    assert_eq!(passport.country.as_ref().map(|c| c.name.as_str()), Some("Iran"));
    assert_eq!(e.extra["Additional Sanctions Information"], ["Subject to Secondary Sanctions"]);
    let link = &e.relations[0];
    assert_eq!(link.kind, "linked_to");
    assert_eq!(link.target_name, "ISLAMIC REVOLUTIONARY GUARD CORPS AIR FORCE");
    assert_eq!(link.target_id.as_deref(), Some("ofac-sdn:12055"));
    assert!(e.remarks.is_empty(), "every segment is read: {:?}", e.remarks);
}

#[test]
fn real_dates_of_birth_keep_circa_ranges_and_alternatives() {
    let (_, entities) = real_sdn_set();
    let circa = &entities["ofac-sdn:7782"].birth_dates;
    assert_eq!(circa.len(), 1);
    assert!(circa[0].approximate);
    assert_eq!(circa[0].from, Some(PartialDate::year(1951)));
    let naqdi = &entities["ofac-sdn:12057"];
    let spans: Vec<Option<(u16, u16)>> = naqdi.birth_dates.iter().map(DateSpec::year_span).collect();
    assert_eq!(spans[..4], [Some((1951, 1953)), Some((1960, 1962)), Some((1961, 1961)), Some((1953, 1953))]);
    let pob = &entities["ofac-sdn:7782"].birth_places[0];
    assert_eq!(pob.full, "Foca, Bosnia-Herzegovina");
    assert_eq!(pob.city.as_deref(), Some("Foca"));
}

#[test]
fn real_vessel_artavil_has_imo_mmsi_flag_and_owner_link() {
    let (_, entities) = real_sdn_set();
    let v = &entities["ofac-sdn:15036"];
    assert_eq!(v.kind, EntityKind::Vessel);
    assert_eq!(ids_of(v, IdKind::Imo), ["9187629"]);
    assert_eq!(ids_of(v, IdKind::Mmsi), ["572469210"]);
    assert_eq!(ids_of(v, IdKind::CallSign), ["T2EU4"]);
    assert_eq!(v.extra["Vessel Type"], ["Crude/Oil Products Tanker"]);
    assert_eq!(v.extra["Tonnage"], ["99,144"]);
    assert_eq!(v.extra["GRT"], ["56,068"]);
    assert_eq!(v.extra["Vessel Flag"], ["Iran"]);
    assert_eq!(v.extra["Former Vessel Flag"], ["Malta", "Tuvalu", "None Identified", "Tanzania"]);
    // The weak f.k.a. of the remarks, then the former names of the (later) ALT.CSV.
    assert_eq!(names_of(v, NameRole::FormerName), ["ALPHA", "ABADAN", "SHONA"]);
    assert_eq!(v.names[1].note.as_deref(), Some("weak f.k.a. (OFAC remarks)"));
    let link = v.relations.iter().find(|r| r.kind == "linked_to").unwrap();
    assert_eq!(link.target_name, "NATIONAL IRANIAN TANKER COMPANY");
    assert!(link.target_id.as_deref().is_some_and(|id| id.starts_with("ofac-sdn:")));
}

#[test]
fn real_aircraft_has_msn_tail_number_and_model() {
    let (_, entities) = real_sdn_set();
    let a = &entities["ofac-sdn:18150"];
    assert_eq!(a.kind, EntityKind::Aircraft);
    assert_eq!(ids_of(a, IdKind::AircraftSerial), ["391"]);
    assert_eq!(ids_of(a, IdKind::AircraftTail), ["EP-MMH"]);
    assert_eq!(a.extra["Aircraft Model"], ["Airbus A340-642"]);
    assert_eq!(a.extra["Aircraft Manufacture Date"], ["2002"]);
    assert_eq!(a.relations[0].target_name, "MAHAN AIR");
    assert!(a.relations[0].target_id.is_some());
    // The operator of another aircraft becomes a relation resolved like "Linked To:".
    let operated = &entities["ofac-sdn:15436"];
    assert_eq!(ids_of(operated, IdKind::AircraftSerial), ["838"]);
    assert_eq!(operated.identifiers[0].note.as_deref(), Some("construction number"));
    let operator = operated.relations.iter().find(|r| r.kind == "operated_by").unwrap();
    assert_eq!(operator.target_id.as_deref(), Some("ofac-sdn:12927"));
}

#[test]
fn real_crypto_wallets_keep_their_currency() {
    let (_, entities) = real_sdn_set();
    let e = &entities["ofac-sdn:25308"];
    let wallets: Vec<_> = e.identifiers.iter().filter(|i| i.kind == IdKind::CryptoWallet).collect();
    assert_eq!(wallets.len(), 6);
    assert_eq!(wallets[0].value, "12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h");
    assert_eq!(wallets[0].note.as_deref(), Some("XBT"));
    assert_eq!(e.citizenships[0].name, "China");
    assert_eq!(names_of(e, NameRole::WeakAlias)[0], "ZHOU, William");
}

#[test]
fn remarks_are_kept_as_published_and_unread_segments_verbatim() {
    let (_, entities) = real_sdn_set();
    // Every remark segment is either read into a field or kept verbatim: count both ways.
    let mut verbatim = 0;
    let mut with_remarks = 0;
    for e in entities.values() {
        if let Some(published) = e.extra.get("Remarks") {
            with_remarks += 1;
            for kept in &e.remarks {
                assert!(published[0].contains(kept.as_str()), "{kept:?} not in {published:?}");
                verbatim += 1;
            }
        }
    }
    assert!(with_remarks > 10_000, "{with_remarks}");
    // Of some 60,000 segments, only unlabelled ones ("Scientific Studies and Research Center
    // Employee", "ICTY indictee") stay verbatim.
    assert!((1..1000).contains(&verbatim), "{verbatim} segments kept verbatim");
}

#[test]
fn remark_akas_are_weak_and_never_repeat_alt_names() {
    let (_, entities) = real_sdn_set();
    let mut weak = 0;
    for e in entities.values() {
        let strong = names_of(e, NameRole::StrongAlias);
        for name in names_of(e, NameRole::WeakAlias) {
            weak += 1;
            assert!(!strong.contains(&name), "{}: {name:?} is both weak and strong", e.id);
        }
    }
    assert!(weak > 3500, "{weak} weak aliases");
}

#[test]
fn linked_to_resolves_most_targets_within_the_file() {
    let (_, entities) = real_sdn_set();
    let links: Vec<_> =
        entities.values().flat_map(|e| &e.relations).filter(|r| r.kind == "linked_to").collect();
    let resolved = links.iter().filter(|r| r.target_id.is_some()).count();
    assert!(links.len() > 6000, "{}", links.len());
    // Unresolved targets are names absent from this file or shared by two entries.
    assert!(resolved * 1000 / links.len() >= 995, "{resolved} of {}", links.len());
}

#[test]
fn real_consolidated_set_has_442_entries() {
    let dir = ofac_dir("consolidated-nonsdn-2025-12-19-watchman");
    let files: Vec<PathBuf> = ["CONS_PRIM.CSV", "CONS_ALT.CSV", "CONS_ADD.CSV", "CONS_COMMENTS.CSV"]
        .iter()
        .map(|f| dir.join(f))
        .collect();
    let (report, entities) = read(&files).unwrap();
    assert_eq!(report.list, "ofac-cons");
    // 442 rows, then the 0x1A end-of-file byte on a line of its own (443 lines).
    assert_eq!(report.entities, 442);
    assert_eq!(report.kinds["person"], 79);
    assert_eq!(report.kinds["organization"], 363);
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    let haniya = &entities["ofac-cons:9639"];
    assert_eq!(haniya.caption(), "HANIYA, Ismail Abdul Salah");
    assert_eq!(haniya.programs[0].name, "NS-PLC");
    assert_eq!(haniya.birth_dates[0].from, Some(PartialDate::year(1962)));
    assert_eq!(haniya.birth_places[0].full, "Shati");
    assert!(names_of(haniya, NameRole::StrongAlias).contains(&"HANIYA, Ismail"));
}

// ---- bad input, on fixtures written here ----

fn fixture_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("embargo-ofac-csv-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(dir: &Path, file: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(file);
    std::fs::write(&path, bytes).unwrap();
    path
}

const GOOD_ROW: &[u8] =
    b"10,\"DOE, John\",\"individual\",\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"DOB 1960.\"\r\n";

#[test]
fn latin1_names_decode_and_eof_byte_is_ignored() {
    let dir = fixture_dir("latin1");
    let sdn = write(
        &dir,
        "sdn.csv",
        b"7,\"MU\xd1OZ, Jos\xe9\",\"individual\",\"SDNT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n\x1a",
    );
    let (report, entities) = read(&[sdn]).unwrap();
    assert_eq!(report.entities, 1);
    let e = &entities["ofac-sdn:7"];
    assert_eq!(e.caption(), "MUÑOZ, José");
    assert!(e.remarks.is_empty() && e.extra.is_empty());
}

#[test]
fn wrong_column_count_names_the_line_and_12_columns() {
    let dir = fixture_dir("columns");
    let mut bytes = GOOD_ROW.to_vec();
    bytes.extend_from_slice(b"11,\"X\",-0- ,\"SDGT\",-0- \r\n");
    let sdn = write(&dir, "SDN.CSV", &bytes);
    let err = read(std::slice::from_ref(&sdn)).unwrap_err();
    assert_eq!(err.file, sdn);
    assert_eq!(err.location, Location::Line(2));
    assert_eq!(err.expected, "12 columns");
    assert!(err.to_string().contains("found 5 columns"), "{err}");
}

#[test]
fn empty_file_is_an_error() {
    let dir = fixture_dir("empty");
    let sdn = write(&dir, "SDN.CSV", b"");
    let err = read(&[sdn]).unwrap_err();
    assert_eq!(err.location, Location::File);
    assert!(err.message.contains("empty"), "{err}");
}

#[test]
fn truncated_file_is_an_error_at_its_end() {
    let dir = fixture_dir("truncated");
    let mut bytes = GOOD_ROW.to_vec();
    bytes.extend_from_slice(
        b"11,\"ROE, Jane\",\"individual\",\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"DOB 19",
    );
    // The last record still has 12 columns (cut inside the quoted remarks): only the missing
    // end of the file tells.
    let sdn = write(&dir, "SDN.CSV", &bytes);
    let err = read(&[sdn]).unwrap_err();
    assert_eq!(err.location, Location::Byte(bytes.len() as u64));
    assert!(err.message.contains("truncated"), "{err}");
}

#[test]
fn binary_file_is_refused() {
    let dir = fixture_dir("binary");
    let mut bytes: Vec<u8> = (0u8..=255).cycle().take(4096).collect();
    bytes.push(b'\n');
    let sdn = write(&dir, "SDN.CSV", &bytes);
    let err = read(&[sdn]).unwrap_err();
    assert!(matches!(err.location, Location::Line(_) | Location::Byte(_)), "{err}");
}

#[test]
fn a_file_of_another_format_is_refused_at_line_1() {
    let dir = fixture_dir("xml");
    let sdn = write(&dir, "SDN.CSV", b"<?xml version=\"1.0\"?>\n<sdnList></sdnList>\n");
    let err = read(&[sdn]).unwrap_err();
    assert_eq!(err.location, Location::Line(1));
    assert_eq!(err.expected, "12 columns");
}

#[test]
fn a_field_over_the_limit_is_refused() {
    let dir = fixture_dir("huge");
    let mut bytes = b"10,\"".to_vec();
    bytes.extend(std::iter::repeat_n(b'A', MAX_FIELD_BYTES + 1));
    bytes.extend_from_slice(b"\",\"individual\",\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n");
    let sdn = write(&dir, "SDN.CSV", &bytes);
    let err = read(&[sdn]).unwrap_err();
    assert_eq!(err.location, Location::Line(1));
    assert!(err.expected.contains(&MAX_FIELD_BYTES.to_string()), "{err}");
}

#[test]
fn a_16_mb_line_is_refused_before_it_is_buffered_whole() {
    let dir = fixture_dir("16mb");
    let bytes = vec![b'x'; 16 << 20];
    let sdn = write(&dir, "SDN.CSV", &bytes);
    let err = read(&[sdn]).unwrap_err();
    assert_eq!(err.location, Location::Byte(0));
    assert!(err.message.contains("too large"), "{err}");
}

#[test]
fn non_numeric_ent_num_and_unknown_type_are_errors() {
    let dir = fixture_dir("values");
    let sdn = write(&dir, "SDN.CSV", b"abc,\"X\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n");
    assert!(read(&[sdn]).unwrap_err().expected.contains("numeric ent_num"));
    let sdn =
        write(&dir, "SDN.CSV", b"1,\"X\",\"spaceship\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n");
    assert!(read(&[sdn]).unwrap_err().expected.contains("SDN_Type"));
}

#[test]
fn file_roles_come_from_names_and_sets_do_not_mix() {
    let dir = fixture_dir("roles");
    let sdn = write(&dir, "SDN.CSV", GOOD_ROW);
    let alt =
        write(&dir, "alt.csv", b"10,1,\"fka\",\"ROE, Jon\",-0- \r\n99,2,\"aka\",\"GHOST\",-0- \r\n\x1a");
    let (report, entities) = read(&[alt.clone(), sdn.clone()]).unwrap();
    let e = &entities["ofac-sdn:10"];
    assert_eq!(names_of(e, NameRole::FormerName), ["ROE, Jon"]);
    assert_eq!(e.names[1].parts[0].value, "ROE");
    assert_eq!(report.warnings.len(), 1);
    assert_eq!(report.warnings[0].location, Location::Line(2));
    let cons = write(&dir, "CONS_ALT.CSV", b"10,1,\"aka\",\"X\",-0- \r\n");
    assert!(read(&[sdn.clone(), cons]).unwrap_err().expected.contains("one list"));
    let other = write(&dir, "names.csv", GOOD_ROW);
    assert!(read(&[other]).unwrap_err().expected.contains("OFAC file name"));
    assert!(read(&[alt]).unwrap_err().expected.contains("SDN.CSV"));
}
