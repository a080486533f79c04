//! `embargo screen NAME` and `embargo compare`: the real binary against the real UN list.

use std::process::{Command, Output};

use embargo_readers::{reader_for, Format};

mod common;
use common::{data_dir, un_xml};

/// A listed person of the UN list: (entity id, primary name).
fn listed_person() -> (String, String) {
    let mut found = None;
    reader_for(Format::UnXml)
        .unwrap()
        .read(&[un_xml()], &mut |e| {
            if found.is_none()
                && e.kind == embargo_model::EntityKind::Person
                && e.caption().split(' ').count() >= 3
            {
                found = Some((e.id.clone(), e.caption().to_owned()));
            }
        })
        .unwrap();
    found.expect("the UN list has people")
}

fn embargo(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_embargo")).arg("--data-dir").arg(data_dir()).args(args).output().unwrap()
}

fn stdout(out: &Output) -> String {
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout.clone()).unwrap()
}

#[test]
fn screen_json_lists_the_listed_entity_first_with_its_list_version() {
    let (id, name) = listed_person();
    let out = stdout(&embargo(&["screen", &name, "--format", "json", "--kind", "person"]));
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    let hit = &doc["hits"][0];
    assert_eq!(hit["entity_id"], id.as_str());
    assert_eq!(hit["list"], "un");
    assert_eq!(hit["list_version"], "1");
    assert_eq!(hit["matched_name"], name.as_str());
    assert!(hit["score"].as_f64().unwrap() > 0.99);
    assert_eq!(doc["lists"][0], "un@1");
}

#[test]
fn screen_table_with_explain_shows_score_list_and_explanation() {
    let (id, name) = listed_person();
    let out = stdout(&embargo(&["screen", &name.to_lowercase(), "--explain"]));
    let first_hit = out.lines().nth(1).unwrap();
    assert!(first_hit.contains("un@1") && first_hit.contains(&id), "{out}");
    assert!(out.lines().count() > 2, "the explanation follows the hit: {out}");
}

#[test]
fn screen_fail_on_hit_and_errors_give_exit_codes() {
    let (_, name) = listed_person();
    assert_eq!(embargo(&["screen", &name, "--fail-on-hit"]).status.code(), Some(1));
    assert_eq!(embargo(&["screen", "Margaret Thornbury", "--fail-on-hit"]).status.code(), Some(0));
    let bad = embargo(&["screen", &name, "--lists", "eu-fsf"]);
    assert_eq!(bad.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert!(
        stderr.contains("error [unknown_list]: ") && stderr.contains("the lists loaded are un"),
        "{stderr}"
    );
    let bad = embargo(&["screen", &name, "--threshold", "1.5"]);
    assert_eq!(bad.status.code(), Some(2));
    let bad = embargo(&["screen", &name, "--kind", "banana"]);
    assert!(String::from_utf8_lossy(&bad.stderr).contains("unknown kind \"banana\""));
}

#[test]
fn compare_identical_names_scores_one_and_matches() {
    let out = stdout(&embargo(&["compare", "Saeed AGHAJANI", "Saeed AGHAJANI", "--format", "json"]));
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["score"], 1.0);
    assert_eq!(doc["match"], true);
    let out = stdout(&embargo(&["compare", "Saeed AGHAJANI", "Blue Meadow Farms", "--kind", "person"]));
    assert!(out.contains("no match"), "{out}");
}

#[test]
fn compare_pairs_keeps_every_input_column_and_row_order() {
    let dir = tempfile::tempdir().unwrap();
    let pairs = dir.path().join("pairs.csv");
    std::fs::write(
        &pairs,
        "label,name1,name2,schema\n\
         yes,Saeed AGHAJANI,Saeed AGHAJANI,Person\n\
         no,\"ACME, Trading\",Totally Different Name,Company\n\
         yes,FUYUAN YU 7613,FUYUAN YU 7613,Vessel\n",
    )
    .unwrap();
    let out = stdout(&embargo(&["compare", "--pairs", pairs.to_str().unwrap()]));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "label,name1,name2,schema,score,match");
    assert_eq!(lines[1], "yes,Saeed AGHAJANI,Saeed AGHAJANI,Person,1.0000,true");
    assert!(lines[2].starts_with("no,\"ACME, Trading\",Totally Different Name,Company,"), "{out}");
    assert!(lines[2].ends_with(",false"), "{out}");
    assert!(lines[3].ends_with(",1.0000,true"), "{out}");
    assert_eq!(lines.len(), 4);

    let out = stdout(&embargo(&["compare", "--pairs", pairs.to_str().unwrap(), "--format", "json"]));
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc.as_array().unwrap().len(), 3);
    assert_eq!(doc[1]["label"], "no");
    assert_eq!(doc[1]["match"], false);
}

#[test]
fn compare_pairs_without_name_columns_fails_naming_the_header() {
    let dir = tempfile::tempdir().unwrap();
    let pairs = dir.path().join("pairs.csv");
    std::fs::write(&pairs, "a,b\nx,y\n").unwrap();
    let out = embargo(&["compare", "--pairs", pairs.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("name1 and name2; it has: a, b"));
}

#[test]
fn the_ofac_algorithm_is_selectable_and_an_unknown_one_is_refused_with_its_code() {
    let out = stdout(&embargo(&[
        "compare",
        "AHMAD",
        "AHMAD, Mohammad Hassan",
        "--algorithm",
        "ofac",
        "--format",
        "json",
    ]));
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!((doc["algorithm"].as_str(), doc["score"].as_f64()), (Some("ofac"), Some(1.0)), "{doc}");
    let (_, name) = listed_person();
    let out = stdout(&embargo(&["screen", &name, "--algorithm", "ofac", "--format", "json"]));
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["algorithm"], "ofac");
    assert!(doc["hits"][0]["party_id"].is_string(), "{doc}");
    let bad = embargo(&["screen", &name, "--algorithm", "jaro"]);
    assert_eq!(bad.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert!(stderr.contains("[unknown_algorithm]") && stderr.contains("embargo, ofac"), "{stderr}");
}
