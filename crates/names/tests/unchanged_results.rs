//! Regression net for performance work: the analysis of thousands of real list names (the UK
//! OFSI consolidated list in the shared data, Latin and non-Latin script, in `LAST, First` and
//! `First LAST` order, with and without a kind) must give exactly the results the reference
//! implementation gave. The digest below was computed before any optimisation; a change to it
//! is a change of behaviour and must be deliberate.

use embargo_model::EntityKind;
use embargo_names::{analyze, joined_forms, normalize};
use embargo_testkit::shared_data;
use std::path::PathBuf;

/// FNV-1a digest of the `Debug` form of every result (stable across Rust versions, unlike
/// `DefaultHasher`).
#[derive(Default)]
struct Digest(u64, usize);

impl Digest {
    fn add(&mut self, text: &str) {
        if self.0 == 0 {
            self.0 = 0xcbf2_9ce4_8422_2325;
        }
        for b in text.bytes().chain([0xff]) {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
        self.1 += 1;
    }
}

fn conlist() -> PathBuf {
    let shared = shared_data();
    shared.join("lists/uk/ofsi-conlist-2025-04-10/ConList_2025-04-10.csv")
}

/// The fields of a CSV record (RFC 4180 quoting; records here never span lines that matter
/// for names, and a quoted newline only continues the record).
fn csv_records(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (false, c) => field.push(c),
        }
    }
    if !field.is_empty() || !record.is_empty() {
        record.push(field);
        records.push(record);
    }
    records
}

/// Names that exercise what the list lacks: other scripts, legal forms with typos, titles,
/// numbers, hostile punctuation.
const EXTRA: &[&str] = &[
    "Иванов Сергей Петрович",
    "محمد جواد ظريف",
    "علیرضا رضایی",
    "رحمت الله عز الدين",
    "习近平",
    "欧阳修文",
    "김정은",
    "리영호",
    "Γεώργιος Παπαδόπουλος",
    "მიხეილ სააკაშვილი",
    "Արամ Խաչատրյան",
    "בנימין נתניהו",
    "ТОВ Ромашка",
    "JOINT STOCLK COMPANY ROSNEFT",
    "LIMITED LIBAIITY COMPANY ALFA",
    "ACME, Inc.",
    "M/V FUYUAN YU No. 7613",
    "924th Regiment",
    "SOLEIMANI, Major General Qasem",
    "Dr SMITH, John",
    "L.L.C. Stroy",
    "  José  O'Brien-Núñez, Jr. ",
    "ﬁnance ＡＢＣ ㎆ ǅ İstanbul ŉ",
    "al-Hashimi ad-Din bin Laden",
    ",,,;;--''",
    "",
];

#[test]
fn analysis_of_list_names_is_unchanged() {
    let path = conlist();
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: cannot read the OFSI list for this test ({e})", path.display()));
    let mut names: Vec<(String, Option<EntityKind>)> = Vec::new();
    for record in csv_records(&text).into_iter().skip(2) {
        let field = |i: usize| record.get(i).map(|s| s.trim()).unwrap_or("");
        let kind = match field(28) {
            "Individual" => Some(EntityKind::Person),
            "Entity" => Some(EntityKind::Organization),
            "Ship" => Some(EntityKind::Vessel),
            _ => None,
        };
        let given: Vec<&str> = (1..=5).map(field).filter(|s| !s.is_empty()).collect();
        let last = field(0);
        if !given.is_empty() {
            names.push((format!("{last}, {}", given.join(" ")), kind));
            names.push((format!("{} {} {last}", field(6), given.join(" ")), None));
        } else if !last.is_empty() {
            names.push((last.to_owned(), kind));
            names.push((last.to_owned(), None));
        }
        if !field(7).is_empty() {
            names.push((field(7).to_owned(), kind));
        }
    }
    names.sort();
    names.dedup();
    for extra in EXTRA {
        for kind in [None, Some(EntityKind::Person), Some(EntityKind::Organization), Some(EntityKind::Vessel)]
        {
            names.push(((*extra).to_owned(), kind));
        }
    }
    assert!(names.len() > 10_000, "only {} names read from {}", names.len(), path.display());

    let mut analysed = Digest::default();
    let mut normalised = Digest::default();
    for (name, kind) in &names {
        let a = analyze(name, *kind);
        analysed.add(&format!("{a:?}"));
        analysed.add(&format!("{:?}", joined_forms(&a)));
        normalised.add(&normalize(name));
    }
    assert_eq!(
        (analysed.1, analysed.0, normalised.0),
        (57360, 12331835411030278653, 2344986017946572001),
        "analysis or normalisation of the {} list names changed",
        names.len()
    );
}
