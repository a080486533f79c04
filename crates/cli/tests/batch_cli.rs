//! `embargo screen --input`: the real binary against the real UN list, including a run killed
//! with SIGKILL and resumed.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use embargo_readers::{reader_for, Format};

mod common;
use common::{data_dir, un_xml};

/// Primary names of every 20th UN entry, with their entity ids.
fn listed_names() -> Vec<(String, String)> {
    let mut names = Vec::new();
    reader_for(Format::UnXml)
        .unwrap()
        .read(&[un_xml()], &mut |e| {
            if !e.caption().trim().is_empty() {
                names.push((e.id.clone(), e.caption().to_owned()));
            }
        })
        .unwrap();
    names.into_iter().step_by(20).collect()
}

fn embargo(args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_embargo"));
    cmd.arg("--data-dir").arg(data_dir()).args(args);
    cmd
}

fn run(args: &[&str]) -> Output {
    embargo(args).output().unwrap()
}

fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

#[test]
fn listed_names_are_found_and_fail_on_hit_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let listed = listed_names();
    let mut csv = String::from("id,name\n");
    for (id, name) in &listed {
        csv.push_str(&format!("{id},{}\n", quote(name)));
    }
    let input = dir.path().join("in.csv");
    std::fs::write(&input, csv).unwrap();
    let output = dir.path().join("hits.csv");
    let out =
        run(&["screen", "--input", input.to_str().unwrap(), "-o", output.to_str().unwrap(), "--fail-on-hit"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains(&format!("with hits      {}", listed.len())), "{stderr}");
    assert!(stderr.contains("lists          un@1"), "{stderr}");
    let hits = std::fs::read_to_string(&output).unwrap();
    for (id, name) in &listed {
        assert!(
            hits.lines().any(|l| l.starts_with(&format!("{id},")) && l.contains(&format!(",{id},"))),
            "{name}"
        );
    }
}

#[test]
fn unlisted_names_exit_0_with_no_hit_rows() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.csv");
    std::fs::write(&input, "name\nMargaret Thornbury\nLindqvist Bakery AB\nHiroshi Tanakawa\n").unwrap();
    let output = dir.path().join("hits.csv");
    let out =
        run(&["screen", "--input", input.to_str().unwrap(), "-o", output.to_str().unwrap(), "--fail-on-hit"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let hits = std::fs::read_to_string(&output).unwrap();
    assert_eq!(hits.lines().count(), 1, "only the header: {hits}");
    // stderr is not a terminal here: plain log lines, no bar drawing.
    assert!(stderr.contains("embargo: 100.0% 3 records"), "{stderr}");
    assert!(!stderr.contains('\r'), "{stderr}");
}

#[test]
fn wrong_mapping_exits_2_naming_the_columns() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.csv");
    std::fs::write(&input, "cust_id;given;family\n1;A;B\n").unwrap();
    let output = dir.path().join("hits.csv");
    let out = run(&[
        "screen",
        "--input",
        input.to_str().unwrap(),
        "-o",
        output.to_str().unwrap(),
        "--name-col",
        "given",
        "--name-col",
        "surname",
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("\"surname\"") && stderr.contains("\"cust_id\", \"given\", \"family\""),
        "{stderr}"
    );
    assert!(!output.exists());
}

#[test]
fn rejects_file_gets_bad_rows_with_line_and_reason() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.csv");
    std::fs::write(&input, b"id,name\n1,Good Name\n2,\n3,\"open\n4,a,b\n5,\xc3\x28\n").unwrap();
    let output = dir.path().join("hits.csv");
    let rejects = dir.path().join("bad.csv");
    let out = run(&[
        "screen",
        "--input",
        input.to_str().unwrap(),
        "-o",
        output.to_str().unwrap(),
        "--rejects",
        rejects.to_str().unwrap(),
        "--progress",
        "none",
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("rejected       4"), "{stderr}");
    let bad = std::fs::read_to_string(&rejects).unwrap();
    let lines: Vec<&str> = bad.lines().skip(1).map(|l| l.split(',').next().unwrap()).collect();
    assert_eq!(lines, ["3", "4", "5", "6"], "{bad}");
}

/// Counts complete checkpoint lines (start entry excluded).
fn checkpoints(path: &Path) -> usize {
    std::fs::read_to_string(path).map(|s| s.matches("\"type\":\"checkpoint\"").count()).unwrap_or(0)
}

#[test]
fn killed_with_sigkill_and_resumed_gives_exactly_the_uninterrupted_output() {
    let dir = tempfile::tempdir().unwrap();
    let listed = listed_names();
    let mut csv = String::from("id|name|country\n");
    for i in 0..4000 {
        let name = if i % 10 == 0 {
            listed[(i / 10) % listed.len()].1.clone()
        } else {
            format!("Customer Number {i} Ltd")
        };
        csv.push_str(&format!("c{i}|{}|{}\n", quote(&name), if i % 3 == 0 { "IR" } else { "" }));
    }
    let input = dir.path().join("in.csv");
    std::fs::write(&input, csv).unwrap();
    let args = |output: &Path| -> Vec<String> {
        ["screen", "--input", input.to_str().unwrap(), "-o", output.to_str().unwrap(), "--all", "--explain"]
            .iter()
            .map(|s| s.to_string())
            .chain(["--chunk-size", "20", "--progress", "none"].map(String::from))
            .collect()
    };

    let clean = dir.path().join("clean.csv");
    let out = embargo(&args(&clean).iter().map(String::as_str).collect::<Vec<_>>()).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let expected = std::fs::read(&clean).unwrap();

    let output = dir.path().join("killed.csv");
    let journal = PathBuf::from(format!("{}.checkpoint", output.display()));
    let arg_list = args(&output);
    let arg_refs: Vec<&str> = arg_list.iter().map(String::as_str).collect();
    // Kill twice: once in the first run, once in the first resumed run.
    for (round, resume) in [(0, false), (1, true)] {
        let mut cmd = embargo(&arg_refs);
        if resume {
            cmd.arg("--resume");
        }
        let mut child = cmd.stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
        let before = checkpoints(&journal);
        let deadline = Instant::now() + Duration::from_secs(120);
        while checkpoints(&journal) < before + 5 && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(2));
        }
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        assert!(!output.exists(), "round {round}: the run finished before it could be killed");
    }
    let out = embargo(&arg_refs).arg("--resume").output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("resumed after"), "{stderr}");
    assert!(stderr.contains("records read   4000"), "{stderr}");
    let got = std::fs::read(&output).unwrap();
    assert_eq!(got.len(), expected.len());
    assert!(got == expected, "resumed output differs from the uninterrupted one");
    assert!(!journal.exists(), "the checkpoint is removed once done");
}

#[test]
fn resume_with_other_arguments_is_refused_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.csv");
    std::fs::write(&input, "name\nA B\n").unwrap();
    let output = dir.path().join("hits.csv");
    std::fs::write(
        format!("{}.checkpoint", output.display()),
        concat!(
            "{\"type\":\"start\",\"fingerprint\":{\"threshold\":0.5}}\n",
            "{\"type\":\"checkpoint\",\"chunk\":0,\"input_offset\":5,\"next_line\":2,\"output_len\":0,",
            "\"rejects_len\":0,\"counters\":{\"records_read\":0,\"rejected\":0,\"screened\":0,",
            "\"with_hits\":0,\"hits\":0,\"hits_by_list\":{}}}\n"
        ),
    )
    .unwrap();
    let out =
        run(&["screen", "--input", input.to_str().unwrap(), "-o", output.to_str().unwrap(), "--resume"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("cannot resume"), "{stderr}");
}
