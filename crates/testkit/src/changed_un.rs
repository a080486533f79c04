//! A changed copy of the real UN consolidated list, as the next day's publication would be:
//! one entity changed, one added, one removed. Monitoring tests import it as version 2.

use std::path::{Path, PathBuf};

/// The real UN list file (version 1 of the tests).
pub fn un_xml() -> PathBuf {
    crate::shared_file("lists/un/UN_consolidated-2026-02-27.xml")
}

/// The UN reference of the entity [`write_changed_un`] removes (ERIC BADEGE).
pub const REMOVED: &str = "un:CDi.001";
/// The entity it changes (FRANK KAKOLELE BWAMBALE: nationality now Uganda).
pub const CHANGED: &str = "un:CDi.002";
/// The entity it adds (ZORAN PETROVIC, a copy of the removed one's record).
pub const ADDED: &str = "un:CDi.999";
/// The name of the added entity.
pub const ADDED_NAME: &str = "ZORAN PETROVIC";

/// Writes `UN_consolidated-2026-03-01.xml` into `dir`: [`REMOVED`] gone, [`CHANGED`] with
/// another nationality, [`ADDED`] new; everything else byte for byte. Returns its path.
pub fn write_changed_un(dir: &Path) -> PathBuf {
    let xml = std::fs::read_to_string(un_xml()).expect("read the UN list");
    let block = |reference: &str| -> (usize, usize) {
        let at = xml.find(&format!("<REFERENCE_NUMBER>{reference}</REFERENCE_NUMBER>")).expect("reference");
        let start = xml[..at].rfind("<INDIVIDUAL>").expect("block start");
        let end = at + xml[at..].find("</INDIVIDUAL>").expect("block end") + "</INDIVIDUAL>".len();
        (start, end)
    };
    let (s1, e1) = block("CDi.001");
    let (s2, e2) = block("CDi.002");
    assert!(e1 <= s2, "CDi.001 comes before CDi.002");
    let added = xml[s1..e1]
        .replace("<DATAID>6907993</DATAID>", "<DATAID>9999999</DATAID>")
        .replace("<FIRST_NAME>ERIC</FIRST_NAME>", "<FIRST_NAME>ZORAN</FIRST_NAME>")
        .replace("<SECOND_NAME>BADEGE</SECOND_NAME>", "<SECOND_NAME>PETROVIC</SECOND_NAME>")
        .replace("CDi.001", "CDi.999");
    let changed =
        xml[s2..e2].replacen("<VALUE>Democratic Republic of the Congo</VALUE>", "<VALUE>Uganda</VALUE>", 1);
    assert_ne!(changed, xml[s2..e2], "the nationality of CDi.002 is changed");
    let out = format!("{}{}{}{}{}", &xml[..s1], added, &xml[e1..s2], changed, &xml[e2..])
        .replace("dateGenerated=\"2026-02-27", "dateGenerated=\"2026-03-01");
    let path = dir.join("UN_consolidated-2026-03-01.xml");
    std::fs::write(&path, out).expect("write the changed UN list");
    path
}
