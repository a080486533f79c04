//! `embargo snapshot export` and `embargo screen --snapshot`: the real binary against the real
//! UN list, screening from the file as from the store.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod common;
use common::{data_dir, un_xml};

fn embargo(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_embargo")).arg("--data-dir").arg(data_dir()).args(args).output().unwrap()
}

fn stdout(out: &Output) -> String {
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn export(dir: &Path) -> PathBuf {
    let path = dir.join("lists.embargo");
    let out = stdout(&embargo(&["snapshot", "export", path.to_str().unwrap()]));
    assert!(out.starts_with(&format!("wrote {}: ", path.display())) && out.contains("un@1"), "{out}");
    path
}

/// Names of the UN list, as listed.
fn listed_names() -> Vec<String> {
    let mut names = Vec::new();
    embargo_readers::reader_for(embargo_readers::Format::UnXml)
        .unwrap()
        .read(&[un_xml()], &mut |e| names.push(e.caption().to_owned()))
        .unwrap();
    names
}

#[test]
fn screen_from_the_snapshot_file_prints_what_screen_from_the_store_prints() {
    let dir = tempfile::tempdir().unwrap();
    let file = export(dir.path());
    for name in listed_names().iter().step_by(100).map(String::as_str).chain(["Saeed Aghajany"]) {
        let args = ["screen", name, "--format", "json", "--explain"];
        let from_store = stdout(&embargo(&args));
        let from_file = stdout(&embargo(&[&args[..], &["--snapshot", file.to_str().unwrap()]].concat()));
        assert_eq!(from_file, from_store, "{name}");
    }
}

#[test]
fn batch_from_the_snapshot_file_writes_the_rows_of_batch_from_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let file = export(dir.path());
    let input = dir.path().join("in.csv");
    let mut csv = String::from("id,name\n");
    for (i, name) in listed_names().iter().enumerate().step_by(7) {
        csv.push_str(&format!("{i},\"{}\"\n", name.replace('"', "\"\"")));
    }
    csv.push_str("x,\n");
    std::fs::write(&input, csv).unwrap();
    let run = |output: &Path, snapshot: Option<&Path>| {
        let mut args = vec!["screen", "--input", input.to_str().unwrap(), "-o", output.to_str().unwrap()];
        if let Some(s) = snapshot {
            args.extend(["--snapshot", s.to_str().unwrap()]);
        }
        stdout(&embargo(&args));
        std::fs::read_to_string(output).unwrap()
    };
    let from_store = run(&dir.path().join("store.csv"), None);
    let from_file = run(&dir.path().join("file.csv"), Some(&file));
    assert!(from_store.lines().count() > 100, "{from_store}");
    assert_eq!(from_file, from_store);
    let rejects = std::fs::read_to_string(dir.path().join("file.csv.rejects.csv")).unwrap();
    assert!(rejects.contains("missing name"), "{rejects}");
}

#[test]
fn a_damaged_or_foreign_snapshot_file_exits_2_with_its_code() {
    let dir = tempfile::tempdir().unwrap();
    let file = export(dir.path());
    let mut bytes = std::fs::read(&file).unwrap();
    bytes.truncate(bytes.len() - 10);
    std::fs::write(&file, &bytes).unwrap();
    let out = embargo(&["screen", "Saeed Aghajani", "--snapshot", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("error [snapshot_file_corrupt]: ") && stderr.contains("truncated"), "{stderr}");

    let out = embargo(&["screen", "Saeed Aghajani", "--snapshot", un_xml().to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("not an embargo snapshot file"), "{stderr}");

    let unknown =
        embargo(&["screen", "Saeed Aghajani", "--lists", "eu-fsf", "--snapshot", file.to_str().unwrap()]);
    assert_eq!(unknown.status.code(), Some(2));
}
