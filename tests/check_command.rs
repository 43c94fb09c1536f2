//! `briefing check` as a user runs it: the report, its JSON, the exit codes, and the
//! fixes written back.

#[path = "support/program.rs"]
mod program;

use std::process::{Output, Stdio};

use program::{briefing_command, briefing_command_in};

fn run(args: &[&str]) -> Output {
    briefing_command()
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("briefing runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn the_shipped_briefing_has_its_half_width_commas_and_blanks_and_no_structural_finding() {
    let output = run(&["check", "--format", "json"]);
    assert_eq!(output.status.code(), Some(1), "something found: exit 1");
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let findings = report["findings"].as_array().expect("a list of findings");
    let count = |code: &str, suggestion: Option<&str>| {
        findings
            .iter()
            .filter(|f| f["code"] == code && suggestion.is_none_or(|s| f["suggestion"] == s))
            .count()
    };
    let commas = include_str!("../data/briefing.txt").matches(',').count();
    assert_eq!(commas, 102);
    assert_eq!(count("punct-halfwidth", Some("，")), commas);
    assert_eq!(count("placeholder", None), 7);
    let structural = [
        "numbering-gap",
        "numbering-duplicate",
        "numbering-order",
        "marker-style",
        "points-gap",
        "points-duplicate",
        "count-mismatch",
    ];
    assert!(structural.iter().all(|code| count(code, None) == 0));
    let first = &findings[0];
    for key in [
        "file",
        "line",
        "column",
        "code",
        "severity",
        "message",
        "suggestion",
    ] {
        assert!(first.get(key).is_some(), "{key} missing from {first}");
    }
}

#[test]
fn the_text_report_reads_like_a_compilers_with_a_caret_under_the_spot() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("draft.txt");
    std::fs::write(&path, "讲话\n\n同志们,大家好。\n").expect("written");
    let path = path.to_str().expect("UTF-8 path");
    let output = briefing_command_in("zh_CN.UTF-8")
        .args(["check", path])
        .output()
        .expect("briefing runs");
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        format!("{path}:3:4: 警告 punct-halfwidth: 中文里的半角标点“,”应为“，”")
    );
    assert_eq!(lines[1], "    同志们,大家好。");
    // 同志们 is six columns wide: the caret stands under the comma.
    assert_eq!(lines[2], "          ^");
    assert_eq!(lines[3], "共1处：0个错误，1个警告，0个提示");
    std::fs::write(dir.path().join("clean.txt"), "讲话\n\n同志们，大家好。\n").expect("written");
    let clean = run(&[
        "check",
        dir.path().join("clean.txt").to_str().expect("path"),
    ]);
    assert_eq!(clean.status.code(), Some(0), "nothing found: exit 0");
    assert_eq!(run(&["check", "/no/such/file"]).status.code(), Some(2));
}

#[test]
fn fix_twice_is_fix_once_and_in_place_keeps_the_encoding_and_the_original() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("draft.txt");
    let draft = "讲话\r\n\r\n同志们,大家好!我们的的目标。。。\r\n";
    let (bytes, _, _) = encoding_rs::GB18030.encode(draft);
    std::fs::write(&path, &bytes).expect("written");
    let name = path.to_str().expect("UTF-8 path");
    let once = run(&["check", "--fix", name]);
    assert_eq!(stdout(&once), "讲话\n\n同志们，大家好！我们的目标……\n");
    let fixed = dir.path().join("fixed.txt");
    std::fs::write(&fixed, &once.stdout).expect("written");
    let twice = run(&["check", "--fix", fixed.to_str().expect("path")]);
    assert_eq!(twice.stdout, once.stdout, "a second fix changes nothing");

    let in_place = run(&["check", "--fix", "--in-place", name]);
    assert_eq!(in_place.status.code(), Some(0));
    let (expected, _, _) =
        encoding_rs::GB18030.encode("讲话\r\n\r\n同志们，大家好！我们的目标……\r\n");
    assert_eq!(
        std::fs::read(&path).expect("read"),
        expected.into_owned(),
        "GB18030 and CR LF kept"
    );
    let original = dir.path().join("draft.txt.orig");
    assert_eq!(
        std::fs::read(original).expect("the original kept"),
        bytes.into_owned()
    );
}
