//! The non-interactive commands through the real binary: output, exit codes, errors.

#[path = "support/program.rs"]
mod program;
use program::briefing_command;

use std::io::Write;
use std::path::Path;
use std::process::{Output, Stdio};

use serde_json::Value;

const BRIEFING: &str = include_str!("../data/briefing.txt");

fn briefing(args: &[&str]) -> Output {
    briefing_command()
        .args(args)
        .env("XDG_STATE_HOME", std::env::temp_dir())
        .output()
        .expect("briefing runs")
}

/// Runs `briefing ARGS` with `input` piped to its standard input.
fn briefing_piped(args: &[&str], input: &str) -> Output {
    let mut child = briefing_command()
        .args(args)
        .env("XDG_STATE_HOME", std::env::temp_dir())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("briefing starts");
    let mut stdin = child.stdin.take().expect("a pipe to its stdin");
    // A program given a FILE may end before it would read its input: the pipe is then
    // closed, which is no failure of the test.
    let written = stdin.write_all(input.as_bytes());
    assert!(
        written.as_ref().map_or_else(
            |error| error.kind() == std::io::ErrorKind::BrokenPipe,
            |()| true
        ),
        "input written: {written:?}"
    );
    drop(stdin);
    child.wait_with_output().expect("briefing ends")
}

/// A short briefing unlike the built-in one, to tell which of them was read.
const PIPED: &str = "在全市工作会议上的讲话\n同志们：\n一、总体要求\n一是抓落实。二是抓进度。\n二、主要任务\n正文正文。\n";

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

#[test]
fn search_prints_every_occurrence_with_its_path() {
    let output = briefing(&["search", "三连冠"]);
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), BRIEFING.matches("三连冠").count());
    assert!(lines.iter().all(|line| line.contains("三连冠")));
    assert!(
        lines.iter().any(|line| line
            .starts_with("9:一、认清形势、凝心聚力争创“三连冠” › 三是 创建竞争越来越激烈: ")),
        "{text}"
    );
}

#[test]
fn search_exit_codes_and_json() {
    assert_eq!(briefing(&["search", "不存在的词"]).status.code(), Some(1));
    let output = briefing(&["search", "ｘｘ", "--format", "json"]);
    assert_eq!(output.status.code(), Some(0));
    let json: Value = serde_json::from_str(&stdout(&output)).expect("valid JSON");
    assert_eq!(
        json["count"].as_u64(),
        Some(BRIEFING.matches("XX").count() as u64)
    );
    assert_eq!(json["matches"][0]["text"], "XX");
}

/// `stats --format json` of a document, checked: its rows at depth 0 add up to its
/// total, in characters and in seconds.
fn stats_adding_up(args: &[&str]) -> Value {
    let output = briefing(args);
    assert_eq!(output.status.code(), Some(0), "{args:?}");
    let json: Value = serde_json::from_str(&stdout(&output)).expect("valid JSON");
    let rows = json["rows"].as_array().expect("rows");
    let top = rows.iter().filter(|row| row["depth"] == 0);
    let sum = |key: &str| top.clone().filter_map(|row| row[key].as_u64()).sum::<u64>();
    assert_eq!(Some(sum("chars")), json["chars"].as_u64(), "{args:?}");
    assert_eq!(Some(sum("seconds")), json["seconds"].as_u64(), "{args:?}");
    json
}

#[test]
fn stats_add_up_to_the_whole() {
    let json = stats_adding_up(&["stats", "--format", "json", "--rate", "200"]);
    let chars = json["chars"].as_u64().expect("chars");
    // Spoken text only: the title (line 1) and the footer (line 21) are not read out.
    let line = |n: usize| BRIEFING.lines().nth(n - 1).expect("the line");
    let visible = |text: &str| text.chars().filter(|c| !c.is_whitespace()).count() as u64;
    assert_eq!(
        chars,
        visible(BRIEFING) - visible(line(1)) - visible(line(21))
    );
    assert_eq!(json["document_chars"].as_u64(), Some(visible(BRIEFING)));
    assert_eq!(json["seconds"].as_u64(), Some(chars * 60 / 200));
    assert_eq!(json["headings"].as_array().map(Vec::len), Some(3));
    let kinds: Vec<&str> = json["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .filter_map(|row| row["kind"].as_str())
        .collect();
    assert_eq!(kinds.first(), Some(&"opening"));
    assert_eq!(kinds.last(), Some(&"closing"));
    assert_eq!(kinds.iter().filter(|kind| **kind == "point").count(), 10);

    let text = stdout(&briefing(&["stats"]));
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines
            .iter()
            .any(|line| line.ends_with("    一是 创建要求越来越高")),
        "{text}"
    );
    assert!(lines[lines.len() - 2].ends_with("total"), "{text}");
    assert!(
        lines[lines.len() - 1].starts_with("Counted: the spoken text"),
        "{text}"
    );
}

#[test]
fn stats_add_up_on_every_corpus_document() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/texts");
    let Ok(entries) = std::fs::read_dir(&corpus) else {
        return;
    };
    for entry in entries {
        let path = entry.expect("a directory entry").path();
        if path.extension().is_some_and(|ext| ext == "txt") {
            let file = path.to_str().expect("UTF-8 path");
            for rate in ["220", "7"] {
                stats_adding_up(&["stats", "--format", "json", "--rate", rate, file]);
            }
        }
    }
}

#[test]
fn long_speeches_are_timed_in_hours() {
    // 2332 characters at 10 a minute: close to four hours.
    let text = stdout(&briefing(&["stats", "--rate", "10"]));
    let total = text
        .lines()
        .find(|line| line.ends_with("total"))
        .expect("a total");
    assert!(total.trim_start().starts_with("3h"), "{text}");
}

#[test]
fn outline_json_has_the_promised_shape() {
    let output = briefing(&["outline", "--format", "json"]);
    assert_eq!(output.status.code(), Some(0));
    let json: Value = serde_json::from_str(&stdout(&output)).expect("valid JSON");
    assert_eq!(
        json["title"],
        "区委书记在全区创建全国双拥模范城推进会上的讲话"
    );
    assert_eq!(json["encoding"], "UTF-8");
    let entries = json["entries"].as_array().expect("entries");
    let kinds: Vec<&str> = entries.iter().filter_map(|e| e["kind"].as_str()).collect();
    assert_eq!(kinds.first(), Some(&"salutation"));
    assert_eq!(kinds.iter().filter(|k| **k == "heading").count(), 3);
    assert_eq!(kinds.iter().filter(|k| **k == "point").count(), 10);
    let footer = entries
        .iter()
        .find(|e| e["kind"] == "footer")
        .expect("footer");
    assert_eq!(footer["url"], "http://www.sanweiyuan.com/news/74029.html");
    assert_eq!(json["placeholders"][0]["text"], "XX日");
    assert_eq!(json["placeholders"][0]["line"], 5);
}

#[test]
fn render_prints_plain_text_within_the_width() {
    let output = briefing(&["render", "--width", "30"]);
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    assert!(!text.contains('\u{1b}'));
    assert!(text.lines().any(|line| line.starts_with("一、认清形势")));
    let piped = briefing(&[]);
    assert_eq!(
        piped.status.code(),
        Some(0),
        "without a terminal the reader renders"
    );
    assert!(stdout(&piped).contains("二、突出重点"));
}

/// Asserts that `briefing ARGS` fails with exit 2 and one error line holding `what`.
fn refused(args: &[&str], what: &str) {
    let output = briefing(args);
    assert_eq!(output.status.code(), Some(2), "{args:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
    assert!(stderr.starts_with("briefing: error: "), "{stderr}");
    assert!(stderr.contains(what), "{args:?}: {stderr}");
    assert!(output.stdout.is_empty(), "{args:?}");
}

#[test]
fn numbers_out_of_range_are_refused_naming_the_option_and_the_range() {
    for (args, what) in [
        (
            vec!["render", "--width", "0"],
            "'--width <COLS>': give a whole number of columns from 1 to 1000",
        ),
        (vec!["render", "--width", "1001"], "'--width <COLS>'"),
        (vec!["wrap", "--width", "0"], "'--width <COLS>'"),
        (
            vec!["render", "--measure", "0"],
            "'--measure <COLS>': give a whole number of columns from 1 to 1000",
        ),
        (
            vec!["--indent", "41", "render"],
            "'--indent <COLS>': give a whole number of columns from 0 to 40",
        ),
        (
            vec!["stats", "--rate", "0"],
            "'--rate <CHARS>': give a whole number of characters a minute from 1 to 2000",
        ),
        (vec!["stats", "--rate", "2001"], "'--rate <CHARS>'"),
        (vec!["stats", "--rate", "fast"], "'--rate <CHARS>'"),
        (
            vec!["--line", "0"],
            "'--line <N>': give a line number, 1 or more",
        ),
    ] {
        refused(&args, what);
    }
    // The bounds themselves are accepted.
    for args in [
        ["render", "--width", "1"],
        ["render", "--measure", "1000"],
        ["render", "--indent", "0"],
        ["stats", "--rate", "2000"],
    ] {
        assert_eq!(briefing(&args).status.code(), Some(0), "{args:?}");
    }
}

#[test]
fn usage_mistakes_are_one_line_errors() {
    refused(
        &["A.txt", "B.txt"],
        "one FILE at a time: got A.txt and B.txt; run briefing once for each",
    );
    refused(
        &["outline", "A.txt", "B.txt", "C.txt"],
        "got A.txt, B.txt and 1 more",
    );
    refused(&["wrap", "A.txt", "B.txt"], "one FILE at a time");
    refused(&["search"], "not provided: <PATTERN>; see briefing --help");
    refused(
        &["--frobnicate"],
        "unexpected argument '--frobnicate' found",
    );
    assert_eq!(briefing(&["--help"]).status.code(), Some(0));
}

#[test]
fn piped_standard_input_is_the_document_of_every_command() {
    let outline = briefing_piped(&["outline"], PIPED);
    assert_eq!(outline.status.code(), Some(0));
    let text = stdout(&outline);
    assert!(
        text.lines()
            .next()
            .is_some_and(|line| line.trim() == "在全市工作会议上的讲话"),
        "{text}"
    );

    let search = briefing_piped(&["search", "进度"], PIPED);
    assert_eq!(search.status.code(), Some(0));
    assert!(
        stdout(&search).starts_with("4:一、总体要求 › 二是 抓进度: "),
        "{}",
        stdout(&search)
    );
    assert_eq!(
        briefing_piped(&["search", "三连冠"], PIPED).status.code(),
        Some(1)
    );

    let stats = briefing_piped(&["stats", "--format", "json"], PIPED);
    let json: Value = serde_json::from_slice(&stats.stdout).expect("JSON");
    assert_eq!(json["headings"].as_array().map(Vec::len), Some(2));

    for args in [&["render", "--width", "40"][..], &[]] {
        let render = stdout(&briefing_piped(args, PIPED));
        assert!(render.contains("二、主要任务"), "{args:?}: {render}");
        assert!(!render.contains("三连冠"), "{args:?}: {render}");
    }
}

#[test]
fn a_redirected_file_is_read_and_dev_null_is_not() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("speech.txt");
    std::fs::write(&path, PIPED).expect("written");
    let from_file = briefing_command()
        .arg("outline")
        .stdin(std::fs::File::open(&path).expect("opens"))
        .output()
        .expect("briefing runs");
    assert!(stdout(&from_file).contains("一、总体要求"));

    // Cron and test harnesses start programs on /dev/null: the built-in briefing opens.
    let from_null = briefing_command()
        .arg("outline")
        .stdin(Stdio::null())
        .output()
        .expect("briefing runs");
    assert_eq!(from_null.status.code(), Some(0));
    assert!(
        stdout(&from_null).contains("三连冠"),
        "{}",
        stdout(&from_null)
    );
}

#[test]
fn a_named_file_wins_over_piped_input() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("speech.txt");
    std::fs::write(&path, PIPED).expect("written");
    let output = briefing_piped(
        &["outline", path.to_str().expect("UTF-8 path")],
        "一、别的\n",
    );
    assert!(
        stdout(&output).contains("一、总体要求"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn bad_files_are_one_line_errors_with_exit_2() {
    let dir = tempfile::tempdir().expect("tempdir");
    let missing = dir.path().join("missing.txt");
    let missing = missing.to_string_lossy();
    let directory = dir.path().to_string_lossy();
    for args in [
        vec!["outline", missing.as_ref()],
        vec!["outline", directory.as_ref()],
        vec![missing.as_ref()],
        vec!["--encoding", "klingon", "outline"],
    ] {
        let output = briefing(&args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.starts_with("briefing: error: "), "{stderr}");
        assert!(output.stdout.is_empty());
    }
}

#[test]
fn gb18030_files_are_read_like_utf8() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("gbk.txt");
    let (bytes, _, _) = encoding_rs::GB18030.encode(BRIEFING);
    std::fs::write(&path, &bytes).expect("written");
    let output = briefing(&["outline", "--format", "json", &path.to_string_lossy()]);
    let json: Value = serde_json::from_str(&stdout(&output)).expect("valid JSON");
    assert_eq!(json["encoding"], "GB18030");
    assert_eq!(
        json["title"],
        "区委书记在全区创建全国双拥模范城推进会上的讲话"
    );
}

#[test]
fn outline_explain_gives_the_evidence_for_each_decision() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("draft.txt");
    std::fs::write(
        &path,
        "工作方案\n各单位：\n一、总体要求\n正文。\n五、六年来变化很大。\n二、主要任务\n一是抓交通；二是抓水利。\n",
    )
    .expect("written");
    let file = path.to_str().expect("UTF-8 path");
    let output = briefing(&["outline", "--explain", file]);
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    let why: Vec<&str> = text
        .split_once("Why:\n")
        .map(|(_, why)| why.lines().collect())
        .unwrap_or_default();
    let about = |line: &str| -> Vec<&str> {
        why.iter()
            .filter(|l| l.trim_start().starts_with(&format!("{line} ")))
            .copied()
            .collect()
    };
    assert!(about("1")[0].contains("title"), "{text}");
    assert!(about("2")[0].contains("salutation"), "{text}");
    assert!(about("3")[0].contains("一、 number 1"), "{text}");
    assert!(about("5")[0].contains("not a heading"), "{text}");
    assert!(about("6")[0].contains("follows 1"), "{text}");
    assert!(about("7")[0].contains("a run of 2 一是"), "{text}");

    let output = briefing(&["outline", "--explain", "--format", "json", file]);
    let json: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let explanations = json["explanations"].as_array().expect("explanations");
    assert!(explanations.iter().any(|e| e["line"] == 5));
    // Without --explain the JSON keeps its shape.
    let output = briefing(&["outline", "--format", "json", file]);
    let json: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert!(json.get("explanations").is_none());
}

#[test]
fn an_empty_document_is_said_to_be_empty() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("empty.txt");
    std::fs::write(&path, "\n\u{3000}\n").expect("written");
    let path = path.to_str().expect("a UTF-8 path");
    for command in ["outline", "render", "stats"] {
        let output = briefing(&[command, path]);
        assert_eq!(output.status.code(), Some(0), "{command}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(stderr.lines().count(), 1, "{command}: {stderr}");
        assert!(stderr.contains("the file is empty"), "{command}: {stderr}");
    }
    let output = briefing(&["outline"]);
    assert!(
        output.stderr.is_empty(),
        "the built-in briefing is not empty"
    );
}

#[test]
fn export_gives_clean_text_markdown_and_json() {
    let txt = stdout(&briefing_piped(&["export"], PIPED));
    assert_eq!(
        txt,
        "在全市工作会议上的讲话\n\n同志们：\n\n一、总体要求\n\n一是抓落实。二是抓进度。\n\n二、主要任务\n\n正文正文。\n"
    );
    let md = stdout(&briefing_piped(&["export", "--format", "md"], PIPED));
    assert!(md.starts_with("# 在全市工作会议上的讲话\n"), "{md}");
    assert!(md.contains("\n## 二、主要任务\n"), "{md}");
    let json: Value = serde_json::from_str(&stdout(&briefing_piped(
        &["export", "--format", "json"],
        PIPED,
    )))
    .expect("valid JSON");
    assert_eq!(json["paragraphs"][1]["text"], "同志们：");
    assert_eq!(json["paragraphs"][1]["role"], "salutation");
    assert!(json["entries"].is_array());
}
