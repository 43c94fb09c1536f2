//! `briefing wrap` against every worked case of the layout conventions, through the real
//! binary: what a user typing `briefing wrap --width N` gets.

#[path = "support/program.rs"]
mod program;
use program::briefing_command;

use std::io::Write;
use std::process::Stdio;

use serde_json::Value;

fn wrap(text: &str, width: u64, ambiguous: &str) -> Vec<String> {
    let mut child = briefing_command()
        .args([
            "wrap",
            "--width",
            &width.to_string(),
            "--ambiguous-width",
            ambiguous,
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("briefing runs");
    child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(text.as_bytes())
        .expect("text is written");
    let output = child.wait_with_output().expect("briefing finishes");
    assert!(output.status.success(), "{text:?}: {:?}", output.status);
    String::from_utf8(output.stdout)
        .expect("UTF-8 output")
        .lines()
        .map(str::to_owned)
        .collect()
}

#[test]
fn every_worked_case_wraps_as_the_conventions_say() {
    let cases: Value =
        serde_json::from_str(include_str!("data/cjk-cases.json")).expect("valid cases");
    let mut checked = 0;
    for case in cases["cases"].as_array().expect("a case list") {
        if case["kind"] != "wrap" {
            continue;
        }
        let text = case["text"].as_str().expect("text");
        let width = case["width"].as_u64().expect("width");
        let ambiguous = case["ambiguous"].as_str().expect("mode");
        let expected: Vec<String> = case["lines"]
            .as_array()
            .expect("lines")
            .iter()
            .map(|line| line.as_str().expect("a line").to_owned())
            .collect();
        assert_eq!(
            wrap(text, width, ambiguous),
            expected,
            "{text:?} at {width} ({ambiguous})"
        );
        checked += 1;
    }
    assert!(checked >= 19, "only {checked} wrap cases found");
}

#[test]
fn each_input_line_is_wrapped_on_its_own() {
    assert_eq!(
        wrap("同志们好\n\n今天开会\n", 4, "narrow"),
        ["同志", "们好", "", "今天", "开会"]
    );
}
