//! Regression net for changes to name analysis: the analysis of thousands of real list names
//! (the UK OFSI consolidated list in the shared data, Latin and non-Latin script, in
//! `LAST, First` and `First LAST` order, with and without a kind) and of names that exercise
//! what the list lacks is written one line per name, and compared with the snapshot files in
//! `tests/snapshots/` (for the list's names, a digest per line: the names stay in the shared
//! data). A change shows as the lines that changed (input → tokens, roles,
//! weights, variants and keys); when it is deliberate, rewrite the snapshots with
//! `EMBARGO_UPDATE_SNAPSHOTS=1 cargo test -p embargo-names --test unchanged_results` and
//! commit them with the change, so that the diff shows what the change did.

use embargo_model::EntityKind;
use embargo_names::{analyze, joined_forms, normalize, AnalyzedName};
use embargo_testkit::shared_data;
use sha2::{Digest, Sha256};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

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

/// The names of the OFSI list as the test reads them, each with a kind and without.
fn list_names() -> Vec<(String, Option<EntityKind>)> {
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
    assert!(names.len() > 10_000, "only {} names read from {}", names.len(), path.display());
    names
}

fn kind_code(kind: Option<EntityKind>) -> &'static str {
    match kind {
        None => "-",
        Some(EntityKind::Person) => "P",
        Some(EntityKind::Organization) => "O",
        Some(EntityKind::Vessel) => "V",
        Some(EntityKind::Aircraft) => "A",
        Some(EntityKind::Unknown) => "U",
    }
}

/// One line: kind, input, script → each token as `text:role(weight)<as written>[variants]
/// {skeleton/phonetic}`, then the titles dropped, the joined forms and the normalised input.
/// What is implied is left out, to keep the snapshots readable: the token as written when it
/// folds to its text, the joined forms when they are every run of two or three tokens but
/// numbers and legal forms, the normalised input when it is the token texts.
fn snapshot_line(name: &str, kind: Option<EntityKind>, a: &AnalyzedName) -> String {
    let mut line = format!("{} {:?} [{}] →", kind_code(kind), name, a.script);
    for t in &a.tokens {
        let role = serde_json_role(t);
        write!(line, " {}:{role}({:.2})", t.text, t.weight).unwrap();
        if normalize(&t.original).replace(' ', "") != t.text {
            write!(line, "<{}>", t.original).unwrap();
        }
        if !t.variants.is_empty() {
            write!(line, "[{}]", t.variants.join("|")).unwrap();
        }
        write!(line, "{{{}/{}}}", t.skeleton, t.phonetic).unwrap();
    }
    if !a.titles.is_empty() {
        write!(line, " titles {:?}", a.titles).unwrap();
    }
    let joined: Vec<String> = joined_forms(a).into_iter().map(|j| j.text).collect();
    if joined != implied_joined_forms(a) {
        write!(line, " joined {}", joined.join("|")).unwrap();
    }
    let normalized = normalize(name);
    if normalized != a.texts().join(" ") {
        write!(line, " norm {normalized:?}").unwrap();
    }
    line
}

/// The joined forms [`joined_forms`] is documented to give: the texts of every run of two or
/// three tokens that holds no number or legal form.
fn implied_joined_forms(a: &AnalyzedName) -> Vec<String> {
    use embargo_names::TokenRole;
    let mut out = Vec::new();
    for start in 0..a.tokens.len() {
        for len in 2..=3 {
            let Some(run) = a.tokens.get(start..start + len) else { break };
            if run.iter().any(|t| matches!(t.role, TokenRole::Number | TokenRole::LegalForm)) {
                break;
            }
            out.push(run.iter().map(|t| t.text.as_str()).collect());
        }
    }
    out
}

fn serde_json_role(t: &embargo_names::Token) -> String {
    format!("{:?}", t.role).to_lowercase()
}

/// Compares `lines` with the snapshot `file`, or rewrites it when `EMBARGO_UPDATE_SNAPSHOTS`
/// is set; on a difference, fails showing the first lines that differ.
fn check_snapshot(file: &str, lines: &[String]) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots").join(file);
    let actual = lines.join("\n") + "\n";
    if std::env::var_os("EMBARGO_UPDATE_SNAPSHOTS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &actual).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}; write it with EMBARGO_UPDATE_SNAPSHOTS=1", path.display()));
    if expected == actual {
        return;
    }
    let (old, new): (Vec<&str>, Vec<&str>) = (expected.lines().collect(), actual.lines().collect());
    let mut report = String::new();
    let mut differing = 0;
    for i in 0..old.len().max(new.len()) {
        let (o, n) = (old.get(i).copied().unwrap_or(""), new.get(i).copied().unwrap_or(""));
        if o != n {
            differing += 1;
            if differing <= 20 {
                writeln!(report, "line {}:\n  - {o}\n  + {n}", i + 1).unwrap();
            }
        }
    }
    panic!(
        "analysis changed on {differing} of {} lines of {} (first 20 below); if deliberate, \
         rewrite with EMBARGO_UPDATE_SNAPSHOTS=1 and commit the snapshot\n{report}",
        new.len(),
        path.display()
    );
}

/// [`check_snapshot`] for lines made of the lists' names, which stay in the shared data and
/// are never copied into the repository: the snapshot holds a digest of each line (the first
/// 8 hex digits of its SHA-256), and a difference shows the lines that changed as they read now.
fn check_digest_snapshot(file: &str, lines: &[String]) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots").join(file);
    let digest =
        |line: &str| Sha256::digest(line.as_bytes())[..4].iter().map(|b| format!("{b:02x}")).collect();
    let actual: Vec<String> = lines.iter().map(|l| digest(l)).collect();
    if std::env::var_os("EMBARGO_UPDATE_SNAPSHOTS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual.join("\n") + "\n").unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}; write it with EMBARGO_UPDATE_SNAPSHOTS=1", path.display()));
    let expected: Vec<&str> = expected.lines().collect();
    assert_eq!(
        expected.len(),
        actual.len(),
        "{} has {} lines, the analysis {}: did the list file change?",
        path.display(),
        expected.len(),
        actual.len()
    );
    let changed: Vec<usize> = (0..actual.len()).filter(|&i| expected[i] != actual[i]).collect();
    if changed.is_empty() {
        return;
    }
    let mut report = String::new();
    for &i in changed.iter().take(20) {
        writeln!(report, "line {}, now: {}", i + 1, lines[i]).unwrap();
    }
    panic!(
        "analysis changed on {} of {} lines of {} (first 20 below, as they read now); if \
         deliberate, rewrite with EMBARGO_UPDATE_SNAPSHOTS=1 and commit the snapshot\n{report}",
        changed.len(),
        lines.len(),
        path.display()
    );
}

#[test]
fn analysis_of_list_names_is_unchanged() {
    let lines: Vec<String> =
        list_names().iter().map(|(name, kind)| snapshot_line(name, *kind, &analyze(name, *kind))).collect();
    check_digest_snapshot("ofsi_names.sha256", &lines);
}

#[test]
fn analysis_of_unusual_names_is_unchanged() {
    let mut lines = Vec::new();
    for extra in EXTRA {
        for kind in [None, Some(EntityKind::Person), Some(EntityKind::Organization), Some(EntityKind::Vessel)]
        {
            lines.push(snapshot_line(extra, kind, &analyze(extra, kind)));
        }
    }
    check_snapshot("unusual_names.txt", &lines);
}
