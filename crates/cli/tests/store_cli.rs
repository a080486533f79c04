//! The store commands (`import`, `lists`, `show`, `diff`) run as the built binary on the real
//! lists in `../shared/data/lists`, each test with its own data directory.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn lists_dir() -> PathBuf {
    embargo_testkit::lists_dir()
}

fn un_xml() -> PathBuf {
    lists_dir().join("un/UN_consolidated-2026-02-27.xml")
}

fn embargo(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_embargo"))
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .env_remove("EMBARGO_DATA_DIR")
        .output()
        .expect("the embargo binary runs")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn ok(data: &Path, args: &[&str]) -> String {
    let out = embargo(data, args);
    assert!(out.status.success(), "embargo {args:?} failed: {}{}", stdout(&out), stderr(&out));
    stdout(&out)
}

fn lists_json(data: &Path) -> Vec<Value> {
    serde_json::from_str::<Value>(&ok(data, &["lists", "--format", "json"]))
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

fn active<'a>(lists: &'a [Value], list: &str) -> &'a Value {
    lists.iter().find(|l| l["list"] == list).unwrap_or_else(|| panic!("{list} not loaded: {lists:?}"))
}

#[test]
fn importing_the_same_file_twice_makes_no_new_version() {
    let data = tempfile::tempdir().unwrap();
    let un = un_xml();
    let first = ok(data.path(), &["import", un.to_str().unwrap()]);
    assert!(first.contains("un: version 1 imported"), "{first}");
    assert!(first.contains("1003 entities (organization 273, person 730)"), "{first}");
    let second = ok(data.path(), &["import", un.to_str().unwrap()]);
    assert!(second.contains("un: unchanged"), "{second}");
    let lists = lists_json(data.path());
    assert_eq!(lists.len(), 1);
    assert_eq!(active(&lists, "un")["version"], 1);
    assert_eq!(active(&lists, "un")["versions"], 1);
    assert_eq!(active(&lists, "un")["publication_date"]["year"], 2026);
}

/// The UN list with the first individual renamed and the second one removed.
fn edited_un(dir: &Path) -> (PathBuf, String) {
    let text = std::fs::read_to_string(un_xml()).unwrap();
    let text = text.replacen("<FIRST_NAME>ERIC</FIRST_NAME>", "<FIRST_NAME>ERICK</FIRST_NAME>", 1);
    let second = text.match_indices("<INDIVIDUAL>").nth(1).unwrap().0;
    let end = second + text[second..].find("</INDIVIDUAL>").unwrap() + "</INDIVIDUAL>".len();
    let block = &text[second..end];
    let reference = block.split("<REFERENCE_NUMBER>").nth(1).unwrap().split('<').next().unwrap().to_owned();
    let edited = format!("{}{}", &text[..second], &text[end..]);
    let path = dir.join("UN_consolidated-edited.xml");
    std::fs::write(&path, edited).unwrap();
    (path, reference)
}

#[test]
fn a_failing_import_keeps_the_previous_version_and_names_the_file() {
    let data = tempfile::tempdir().unwrap();
    ok(data.path(), &["import", un_xml().to_str().unwrap()]);

    let truncated = data.path().join("UN_truncated.xml");
    let bytes = std::fs::read(un_xml()).unwrap();
    std::fs::write(&truncated, &bytes[..bytes.len() / 2]).unwrap();
    let out = embargo(data.path(), &["import", "--format", "un-xml", truncated.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let err = stderr(&out);
    assert!(err.contains("UN_truncated.xml") && err.contains("previous version stays active"), "{err}");

    let lists = lists_json(data.path());
    assert_eq!(active(&lists, "un")["version"], 1);
    assert_eq!(active(&lists, "un")["entities"], 1003);
    assert!(ok(data.path(), &["show", "un:CDi.001"]).contains("ERIC"));

    // An empty file, a binary file: refused the same way.
    let empty = data.path().join("empty.xml");
    std::fs::write(&empty, "").unwrap();
    let out = embargo(data.path(), &["import", "--format", "un-xml", empty.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("empty.xml"), "{}", stderr(&out));
    assert_eq!(active(&lists_json(data.path()), "un")["version"], 1);
}

#[test]
fn diff_names_added_removed_and_changed_fields_between_real_versions() {
    let data = tempfile::tempdir().unwrap();
    ok(data.path(), &["import", un_xml().to_str().unwrap()]);
    let (edited, removed) = edited_un(data.path());
    let out = ok(data.path(), &["import", edited.to_str().unwrap()]);
    assert!(out.contains("un: version 2 imported") && out.contains("1002 entities"), "{out}");

    let text = ok(data.path(), &["diff", "un"]);
    assert!(text.starts_with("un: version 1 -> 2: 0 added, 1 removed, 1 changed"), "{text}");
    assert!(text.contains(&format!("- un:{removed}  person")), "{text}");
    assert!(text.contains("~ un:CDi.001  ERICK BADEGE  changed: names"), "{text}");

    let json: Value = serde_json::from_str(&ok(
        data.path(),
        &["diff", "un", "--from", "2", "--to", "1", "--format", "json"],
    ))
    .unwrap();
    assert_eq!(json["added"][0]["id"], format!("un:{removed}"));
    assert_eq!(json["changed"][0]["fields"], serde_json::json!(["names"]));

    let out = embargo(data.path(), &["diff", "un", "--from", "7"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("no version 7 (versions: 1, 2)"), "{}", stderr(&out));
    // The old version of an entity is still there to see.
    assert!(ok(data.path(), &["show", &format!("un:{removed}"), "--version", "1"]).contains(&removed));
}

#[test]
fn the_whole_shared_folder_imports_and_lists_show_and_diff_describe_it() {
    let data = tempfile::tempdir().unwrap();
    let out = embargo(data.path(), &["import", lists_dir().to_str().unwrap()]);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    assert!(stderr(&out).contains("skipped"), "the files that are no list are named");

    let lists = lists_json(data.path());
    let count = |list: &str| active(&lists, list)["entities"].as_u64().unwrap();
    // The 2026 edition of the SDN is in force; the undated 2024 SDN.CSV is kept, inactive.
    assert_eq!(count("ofac-sdn"), 19_249);
    assert_eq!(count("un"), 1003);
    assert_eq!(count("uk-ofsi"), 4686);
    assert_eq!(active(&lists, "un")["kinds"]["person"], 730);
    for list in ["ofac-cons", "uk-fcdo", "opensanctions"] {
        assert!(count(list) > 0, "{list}");
    }
    let table = ok(data.path(), &["lists"]);
    assert!(table.starts_with("LIST "), "{table}");
    assert!(
        table.lines().any(|l| l.starts_with("uk-ofsi ") && l.contains("2025-04-10") && l.contains("4686")),
        "{table}"
    );

    // A second import of the same folder changes nothing.
    let again = ok(data.path(), &["import", lists_dir().to_str().unwrap()]);
    assert!(again.lines().all(|l| l.contains("unchanged")), "{again}");

    let show = ok(data.path(), &["show", "ofac-sdn:36"]);
    assert!(show.starts_with("ofac-sdn:36  organization  AEROCARIBBEAN AIRLINES"), "{show}");
    assert!(
        show.contains("provenance:") && show.contains("source id: 36") && show.contains("version: 1, active")
    );
    let json: Value =
        serde_json::from_str(&ok(data.path(), &["show", "un:CDi.001", "--format", "json"])).unwrap();
    assert_eq!(json["entity"]["provenance"]["list_version"], "1");
    assert_eq!(json["list_version"]["publication_date"]["day"], 27);

    let out = embargo(data.path(), &["show", "ofac-sdn:999999999"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("ofac-sdn:999999999"));
    let out = embargo(data.path(), &["diff", "un"]);
    assert!(stderr(&out).contains("no version before 1"), "{}", stderr(&out));
}

#[test]
fn bad_arguments_get_clear_errors() {
    let data = tempfile::tempdir().unwrap();
    let out = embargo(data.path(), &["import", "--format", "nope", un_xml().to_str().unwrap()]);
    assert!(
        stderr(&out).contains("unknown format \"nope\"") && stderr(&out).contains("un-xml"),
        "{}",
        stderr(&out)
    );
    let out = embargo(data.path(), &["import", "/nonexistent/lists.xml"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("/nonexistent/lists.xml"), "{}", stderr(&out));
    let out = embargo(data.path(), &["import", lists_dir().to_str().unwrap(), "--list", "no-such-list"]);
    assert!(stderr(&out).contains("no files of list \"no-such-list\""), "{}", stderr(&out));
    let out = embargo(data.path(), &["diff", "un"]);
    assert!(stderr(&out).contains("list \"un\""), "{}", stderr(&out));
    assert!(ok(data.path(), &["lists"]).contains("no list is loaded"));
}

#[test]
fn a_custom_csv_imports_through_a_mapping_given_on_the_command_line() {
    let data = tempfile::tempdir().unwrap();
    let csv = data.path().join("blocklist.csv");
    std::fs::write(&csv, "Ref,Name,Country\nB1,Acme Trading LLC,RU\nB2,Ivan PETROV,RU\n").unwrap();
    let out = ok(
        data.path(),
        &[
            "import",
            csv.to_str().unwrap(),
            "--map",
            "list=blocklist",
            "--map",
            "id_column=Ref",
            "--map",
            "name_column=Name",
        ],
    );
    assert!(out.contains("blocklist: version 1 imported") && out.contains("2 entities"), "{out}");
    assert!(ok(data.path(), &["show", "blocklist:B2"]).contains("Ivan PETROV"));
}

#[test]
fn an_import_killed_midway_leaves_only_whole_list_versions() {
    let data = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_embargo"))
        .arg("--data-dir")
        .arg(data.path())
        .arg("import")
        .arg(lists_dir())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Kill as soon as a transaction has written a good part of a list into the WAL.
    let wal = data.path().join(format!("{}-wal", embargo_store::DB_FILE));
    let started = std::time::Instant::now();
    while std::fs::metadata(&wal).map_or(0, |m| m.len()) < 2_000_000 {
        assert!(child.try_wait().unwrap().is_none(), "the import ended before it could be killed");
        assert!(started.elapsed().as_secs() < 120, "the import never wrote 2 MB");
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();

    let store = embargo_store::Store::open(data.path()).unwrap();
    store.check_integrity().unwrap();
    let whole = |list: &str, entities: usize| match list {
        "ofac-sdn" => entities == 19_249,
        "un" => entities == 1003,
        "uk-ofsi" => entities == 4686,
        "ofac-cons" => entities == 442,
        "uk-fcdo" => entities == 6046,
        "opensanctions" => entities == 6 || entities == 17,
        _ => false,
    };
    for v in store.lists().unwrap() {
        assert!(whole(&v.list, v.entities), "{} version {} holds {} entities", v.list, v.version, v.entities);
        assert_eq!(store.load_entities(Some(std::slice::from_ref(&v.list))).unwrap().len(), v.entities);
    }
    drop(store);

    // Running the import again completes it.
    ok(data.path(), &["import", lists_dir().to_str().unwrap()]);
    let lists = lists_json(data.path());
    assert_eq!(lists.len(), 6, "{lists:?}");
    for l in &lists {
        assert!(whole(l["list"].as_str().unwrap(), l["entities"].as_u64().unwrap() as usize), "{l}");
    }
}
