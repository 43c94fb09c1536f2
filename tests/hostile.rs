//! Hostile input through every non-interactive command of the real binary (checklist rules
//! 1, 3, 4, 6, 7): no panic, the documented exit code, one `briefing: error:` line for a
//! refused path, nothing in the output that could act on a terminal, valid JSON.
//!
//! The documents are generated at test time into a temporary directory (see
//! `support/hostile_inputs.rs`). The scale cases that take long in a debug build run only in
//! release builds: `cargo test --release --test hostile`.

#[path = "support/program.rs"]
mod program;
use program::briefing_command;

#[path = "support/hostile_inputs.rs"]
mod inputs;

use std::ffi::OsString;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use inputs::{Expect, Hostile, forbidden_in_output};

/// Longest a command may take on a small document (debug build, shared machine).
const SMALL_TIMEOUT: Duration = Duration::from_secs(30);
/// Longest a command may take on a scale document (these run in release builds).
const SCALE_TIMEOUT: Duration = Duration::from_secs(150);

/// How a command is fed the document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Feed {
    Path,
    Stdin,
}

/// One way to run the binary on a document: arguments before and after the path, and
/// whether the output is JSON and whether it is the rendered text at the default width.
struct Invocation {
    name: &'static str,
    before: &'static [&'static str],
    after: &'static [&'static str],
    feed: Feed,
    json: bool,
    rendered: bool,
}

/// Every non-interactive command. `briefing FILE` with stdout not a terminal renders.
/// `search` exits 1 when nothing matches, which for these documents is not an error.
const INVOCATIONS: &[Invocation] = &[
    Invocation {
        name: "outline",
        before: &["outline"],
        after: &[],
        feed: Feed::Path,
        json: false,
        rendered: false,
    },
    Invocation {
        name: "outline json",
        before: &["outline"],
        after: &["--format", "json"],
        feed: Feed::Path,
        json: true,
        rendered: false,
    },
    Invocation {
        name: "render",
        before: &["render"],
        after: &[],
        feed: Feed::Path,
        json: false,
        rendered: true,
    },
    Invocation {
        name: "render at 3 columns",
        before: &["render", "--width", "3"],
        after: &[],
        feed: Feed::Path,
        json: false,
        rendered: false,
    },
    Invocation {
        name: "wrap",
        before: &["wrap"],
        after: &[],
        feed: Feed::Path,
        json: false,
        rendered: false,
    },
    Invocation {
        name: "reader, output piped",
        before: &[],
        after: &[],
        feed: Feed::Path,
        json: false,
        rendered: true,
    },
    Invocation {
        name: "search",
        before: &["search", "认清"],
        after: &[],
        feed: Feed::Path,
        json: false,
        rendered: false,
    },
    Invocation {
        name: "search json for a control picture",
        before: &["search", "--format", "json", "␛"],
        after: &[],
        feed: Feed::Path,
        json: true,
        rendered: false,
    },
    Invocation {
        name: "stats",
        before: &["stats"],
        after: &[],
        feed: Feed::Path,
        json: false,
        rendered: false,
    },
    Invocation {
        name: "stats json",
        before: &["stats", "--format", "json"],
        after: &[],
        feed: Feed::Path,
        json: true,
        rendered: false,
    },
    Invocation {
        name: "export",
        before: &["export"],
        after: &[],
        feed: Feed::Path,
        json: false,
        rendered: false,
    },
    Invocation {
        name: "export json",
        before: &["export", "--format", "json"],
        after: &[],
        feed: Feed::Path,
        json: true,
        rendered: false,
    },
    Invocation {
        name: "wrap from stdin",
        before: &["wrap"],
        after: &[],
        feed: Feed::Stdin,
        json: false,
        rendered: false,
    },
    Invocation {
        name: "outline json from stdin",
        before: &["outline", "--format", "json", "-"],
        after: &[],
        feed: Feed::Stdin,
        json: true,
        rendered: false,
    },
];

/// What one run of the binary did.
struct Outcome {
    what: String,
    code: Option<i32>,
    stdout: Vec<u8>,
    stderr: String,
    elapsed: Duration,
}

static RUNS: AtomicUsize = AtomicUsize::new(0);

/// Runs `briefing ARGS` with stdout and stderr sent to files (outputs reach 55 MB), killing
/// it if it outlives `timeout`.
fn run(dir: &Path, args: &[OsString], stdin: Option<&Path>, timeout: Duration) -> Outcome {
    let n = RUNS.fetch_add(1, Ordering::Relaxed);
    let out_path = dir.join(format!("run-{n}.out"));
    let err_path = dir.join(format!("run-{n}.err"));
    let stdin = match stdin {
        Some(path) => Stdio::from(File::open(path).expect("stdin file opens")),
        None => Stdio::null(),
    };
    let start = Instant::now();
    let mut child = briefing_command()
        .args(args)
        .env_remove("COLUMNS")
        .stdin(stdin)
        .stdout(File::create(&out_path).expect("stdout file"))
        .stderr(File::create(&err_path).expect("stderr file"))
        .spawn()
        .expect("briefing starts");
    let what = format!("briefing {}", shown_args(args));
    let status = wait_with_timeout(&mut child, timeout, &what);
    let elapsed = start.elapsed();
    let stdout = std::fs::read(&out_path).expect("stdout is read back");
    let stderr = String::from_utf8_lossy(&std::fs::read(&err_path).expect("stderr is read back"))
        .into_owned();
    let _ = std::fs::remove_file(&out_path);
    let _ = std::fs::remove_file(&err_path);
    Outcome {
        what,
        code: status,
        stdout,
        stderr,
        elapsed,
    }
}

fn shown_args(args: &[OsString]) -> String {
    let shown: Vec<String> = args
        .iter()
        .map(|a| format!("{:?}", a.to_string_lossy()))
        .collect();
    shown.join(" ")
}

/// Waits for `child`; on timeout kills it and fails the test: a hang is a bug.
fn wait_with_timeout(child: &mut Child, timeout: Duration, what: &str) -> Option<i32> {
    let deadline = Instant::now() + timeout;
    loop {
        if let Some(status) = child.try_wait().expect("child status") {
            return status.code();
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{what} did not finish within {timeout:?}");
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Rule 1 for every run: never a panic.
fn assert_no_panic(outcome: &Outcome) {
    assert_ne!(
        outcome.code,
        Some(101),
        "{} panicked: {}",
        outcome.what,
        outcome.stderr
    );
    assert!(
        !outcome.stderr.contains("panicked"),
        "{} panicked: {}",
        outcome.what,
        outcome.stderr
    );
    assert!(
        outcome.code.is_some(),
        "{} was killed by a signal",
        outcome.what
    );
}

/// Rule 3 for stdout and stderr: nothing that can act on a terminal.
fn assert_inert(outcome: &Outcome) {
    if let Some(bad) = forbidden_in_output(&outcome.stdout) {
        panic!("{}: stdout holds {bad}", outcome.what);
    }
    if let Some(bad) = forbidden_in_output(outcome.stderr.as_bytes()) {
        panic!("{}: stderr holds {bad}: {:?}", outcome.what, outcome.stderr);
    }
}

/// Rule 6: exit 2, nothing on stdout, exactly one line on stderr.
fn assert_refused(outcome: &Outcome, reason: &str) {
    assert_no_panic(outcome);
    assert_inert(outcome);
    assert_eq!(
        outcome.code,
        Some(2),
        "{} should be refused: {}",
        outcome.what,
        outcome.stderr
    );
    assert!(
        outcome.stdout.is_empty(),
        "{} wrote to stdout when refusing",
        outcome.what
    );
    let lines: Vec<&str> = outcome.stderr.lines().collect();
    assert_eq!(
        lines.len(),
        1,
        "{}: one error line, got {:?}",
        outcome.what,
        outcome.stderr
    );
    assert!(
        outcome.stderr.starts_with("briefing: error: ") && outcome.stderr.ends_with('\n'),
        "{}: {:?}",
        outcome.what,
        outcome.stderr
    );
    assert!(
        outcome.stderr.contains(reason),
        "{}: the error should say {reason:?}: {:?}",
        outcome.what,
        outcome.stderr
    );
}

/// A shown document: exit 0, inert output, valid JSON, the expected text visible.
fn assert_shown(outcome: &Outcome, invocation: &Invocation, doc: &Hostile) {
    assert_no_panic(outcome);
    assert_inert(outcome);
    let searching = invocation.before.first() == Some(&"search");
    let must_find = searching && doc.shows.contains(&"一、认清形势") && !invocation.json;
    let expected: &[i32] = if searching && !must_find {
        &[0, 1]
    } else {
        &[0]
    };
    assert!(
        outcome.code.is_some_and(|code| expected.contains(&code)),
        "{} on {}: exit {:?}: {}",
        outcome.what,
        doc.name,
        outcome.code,
        outcome.stderr
    );
    if invocation.json {
        let value: serde_json::Value =
            serde_json::from_slice(&outcome.stdout).unwrap_or_else(|error| {
                panic!("{} on {}: invalid JSON: {error}", outcome.what, doc.name)
            });
        if invocation.before.first() == Some(&"outline") {
            assert!(
                value["entries"].is_array(),
                "{}: no entries in {value}",
                doc.name
            );
        }
    }
    if invocation.rendered {
        let text = String::from_utf8_lossy(&outcome.stdout);
        for shown in &doc.shows {
            assert!(
                text.contains(shown),
                "{} on {}: {shown:?} is not shown",
                outcome.what,
                doc.name
            );
        }
    }
}

/// The arguments of `invocation` on `path`, with `extra` options first.
fn arguments(invocation: &Invocation, path: &Path, extra: &[&str]) -> Vec<OsString> {
    let mut args: Vec<OsString> = invocation.before.iter().map(OsString::from).collect();
    args.extend(extra.iter().map(OsString::from));
    if invocation.feed == Feed::Path {
        args.push(path.as_os_str().to_owned());
    }
    args.extend(invocation.after.iter().map(OsString::from));
    args
}

fn run_invocation(
    dir: &Path,
    invocation: &Invocation,
    path: &Path,
    extra: &[&str],
    timeout: Duration,
) -> Outcome {
    let args = arguments(invocation, path, extra);
    let stdin = (invocation.feed == Feed::Stdin).then_some(path);
    run(dir, &args, stdin, timeout)
}

/// Writes `doc` into `dir` and runs every command on it.
fn check_document(dir: &Path, doc: &Hostile, timeout: Duration) -> Vec<(String, Duration)> {
    let path = dir.join(format!("{}.txt", doc.name));
    std::fs::write(&path, &doc.bytes).expect("the document is written");
    let mut times = Vec::new();
    for invocation in INVOCATIONS {
        let outcome = run_invocation(dir, invocation, &path, &[], timeout);
        times.push((format!("{} {}", invocation.name, doc.name), outcome.elapsed));
        match doc.expect {
            Expect::Shown => assert_shown(&outcome, invocation, doc),
            Expect::Binary => {
                assert_refused(&outcome, "binary");
                let forced = run_invocation(dir, invocation, &path, &["--force"], timeout);
                assert_shown(&forced, invocation, doc);
            }
        }
    }
    times
}

#[test]
fn escape_sequences_controls_encodings_and_invisibles_are_shown_inert() {
    let dir = tempfile::tempdir().expect("tempdir");
    let docs = inputs::documents();
    assert!(docs.len() > 60, "the generator makes every kind of input");
    for doc in &docs {
        check_document(dir.path(), doc, SMALL_TIMEOUT);
    }
}

/// The outline of `doc` as JSON.
fn outline_json(dir: &Path, doc: &Hostile) -> serde_json::Value {
    let path = dir.join(format!("{}.txt", doc.name));
    std::fs::write(&path, &doc.bytes).expect("the document is written");
    let outcome = run(
        dir,
        &[
            "outline".into(),
            path.into_os_string(),
            "--format".into(),
            "json".into(),
        ],
        None,
        SMALL_TIMEOUT,
    );
    assert_no_panic(&outcome);
    assert_inert(&outcome);
    assert_eq!(outcome.code, Some(0), "{}", outcome.stderr);
    serde_json::from_slice(&outcome.stdout).expect("valid JSON")
}

fn heading_labels(outline: &serde_json::Value) -> Vec<String> {
    outline["entries"]
        .as_array()
        .expect("entries")
        .iter()
        .filter(|entry| entry["kind"] == "heading")
        .map(|entry| {
            format!(
                "{}{}",
                entry["marker"].as_str().unwrap_or_default(),
                entry["label"].as_str().unwrap_or_default()
            )
        })
        .collect()
}

#[test]
fn byte_order_marks_and_feff_do_not_hide_headings() {
    let dir = tempfile::tempdir().expect("tempdir");
    let docs = inputs::documents();
    let find = |name: &str| {
        docs.iter()
            .find(|doc| doc.name == name)
            .expect("the generator has this document")
    };
    let bom = heading_labels(&outline_json(dir.path(), find("utf8-bom-first-heading")));
    assert_eq!(
        bom.first().map(String::as_str),
        Some("一、第一部分"),
        "{bom:?}"
    );
    let feff = heading_labels(&outline_json(
        dir.path(),
        find("feff-mid-text-and-heading-start"),
    ));
    assert_eq!(feff, ["一、认清形势", "二、突出重点"]);
    for name in [
        "utf16le-bom",
        "utf16be-bom",
        "gb18030-four-byte",
        "gbk",
        "cr-only",
        "crlf",
    ] {
        let headings = heading_labels(&outline_json(dir.path(), find(name)));
        assert_eq!(
            headings.first().map(String::as_str),
            Some("一、认清形势"),
            "{name}: {headings:?}"
        );
    }
}

#[test]
fn json_escapes_every_control_and_decodes_to_the_shown_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    let payload: String = ('\u{1}'..='\u{9f}')
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r'))
        .chain("\u{202e}\u{2066}\u{200f}".chars())
        .collect();
    let doc = Hostile {
        name: "json-controls".into(),
        bytes: inputs::briefing_with(payload.as_bytes()),
        expect: Expect::Shown,
        shows: Vec::new(),
    };
    let outline = outline_json(dir.path(), &doc);
    let label = outline["entries"][0]["label"]
        .as_str()
        .expect("the first heading");
    // The label decodes to exactly what the reader shows: pictures and U+FFFD, no bidi.
    let shown: String = ('\u{1}'..='\u{1f}')
        .filter(|c| !matches!(c, '\n' | '\r'))
        .map(|c| match c {
            '\t' => c,
            _ => char::from_u32(0x2400 + u32::from(c)).expect("a control picture"),
        })
        .collect();
    assert!(label.starts_with("认清形势"), "{label:?}");
    assert!(label.contains(&shown), "{label:?}");
    assert!(
        label.contains('␡') && label.contains('\u{FFFD}'),
        "{label:?}"
    );
    assert!(!label.chars().any(inputs::is_forbidden_char), "{label:?}");
}

/// Paths that are refused before anything is read, and names that could act on a terminal.
#[test]
fn refused_paths_give_one_error_line_and_exit_2() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    let mut refused: Vec<(PathBuf, &str)> = vec![
        (root.to_path_buf(), "is a directory"),
        (root.join("missing.txt"), "no such file"),
        (PathBuf::from("/dev/zero"), "not a regular file"),
        (PathBuf::from("/dev/urandom"), "not a regular file"),
    ];

    let fifo = root.join("fifo");
    let made = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success(), "mkfifo makes a FIFO");
    refused.push((fifo, "not a regular file (a FIFO)"));

    let dangling = root.join("dangling");
    std::os::unix::fs::symlink(root.join("nowhere"), &dangling).expect("a symlink");
    refused.push((dangling, "no such file"));

    // Over the 256 MiB cap; sparse, so it costs no disk.
    let huge = root.join("huge.txt");
    File::create(&huge)
        .and_then(|file| file.set_len(256 * 1024 * 1024 + 1))
        .expect("a sparse file");
    refused.push((huge, "limit"));

    let escaped_missing = root.join("evil\u{1b}]0;pwned\u{7}\u{1b}[2J\nname.txt");
    refused.push((escaped_missing, "no such file"));
    let escaped_dir = root.join("dir\u{1b}[31m\u{9b}\u{202e}");
    std::fs::create_dir(&escaped_dir).expect("a directory with escapes in its name");
    refused.push((escaped_dir, "is a directory"));

    let unreadable = root.join("unreadable.txt");
    std::fs::write(&unreadable, "一、标题\n").expect("written");
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&unreadable, std::fs::Permissions::from_mode(0o000))
            .expect("chmod 000");
    }
    // root reads anything: then the case cannot be tested here.
    if std::fs::read(&unreadable).is_err() {
        refused.push((unreadable, "permission denied"));
    } else {
        eprintln!("running as root: the unreadable-file case is skipped");
    }

    for (path, reason) in &refused {
        for invocation in INVOCATIONS.iter().filter(|i| i.feed == Feed::Path) {
            let outcome = run_invocation(root, invocation, path, &[], SMALL_TIMEOUT);
            assert_refused(&outcome, reason);
        }
    }

    let bad_encoding = run(
        root,
        &[
            "outline".into(),
            "--encoding".into(),
            "klingon\u{1b}[2J".into(),
        ],
        None,
        SMALL_TIMEOUT,
    );
    assert_refused(&bad_encoding, "unknown encoding");
}

/// A zip of these parts, deflated as Word writes them.
fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let deflated = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in parts {
        zip.start_file(*name, deflated).expect("entry");
        zip.write_all(bytes).expect("written");
    }
    zip.finish().expect("finished").into_inner()
}

const WORD_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// Files that claim to be documents and are not what they claim, or are built to cost
/// too much: each is refused in one line, exit 2, never a panic or a hang.
#[test]
fn damaged_and_crafted_documents_give_one_error_line_and_exit_2() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    let paragraph = format!(
        r#"<w:document xmlns:w="{WORD_NS}"><w:body><w:p><w:r><w:t>一、总体要求</w:t></w:r></w:p></w:body></w:document>"#
    );
    let whole = zip_of(&[("word/document.xml", paragraph.as_bytes())]);
    let mut cases: Vec<(&str, Vec<u8>, &str)> = vec![(
        "truncated.docx",
        whole.get(..whole.len() * 2 / 3).expect("a part").to_vec(),
        "damaged zip",
    )];
    // A bomb: 100 MiB of one letter inside a paragraph, a few hundred KiB packed.
    let mut bomb =
        format!(r#"<w:document xmlns:w="{WORD_NS}"><w:body><w:p><w:r><w:t>"#).into_bytes();
    bomb.resize(100 * 1024 * 1024, b'a');
    let bomb = zip_of(&[("word/document.xml", &bomb)]);
    assert!(bomb.len() < 2 * 1024 * 1024, "{}", bomb.len());
    cases.push(("bomb.docx", bomb, "unpacks to more than"));
    let laughs = format!(
        r#"<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]><w:document xmlns:w="{WORD_NS}"><w:body><w:p><w:r><w:t>&d;&d;&d;&d;</w:t></w:r></w:p></w:body></w:document>"#
    );
    cases.push((
        "laughs.docx",
        zip_of(&[("word/document.xml", laughs.as_bytes())]),
        "damaged Word (.docx)",
    ));
    let deep_page = format!(
        "<html><body>{}一、深{}</body></html>",
        "<div>".repeat(200_000),
        "</div>".repeat(200_000)
    );
    cases.push(("deep.html", deep_page.into_bytes(), "damaged HTML"));
    cases.push((
        "broken-xref.pdf",
        b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\nxref\n0 9\nbroken\ntrailer << /Root 1 0 R >>\nstartxref\n99999\n%%EOF\n".to_vec(),
        "damaged PDF",
    ));
    let mut old_word = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    old_word.resize(4096, 0);
    cases.push(("old.doc", old_word, "convert-to docx"));
    for (name, bytes, reason) in &cases {
        let path = root.join(name);
        std::fs::write(&path, bytes).expect("written");
        for invocation in INVOCATIONS.iter().filter(|i| i.feed == Feed::Path) {
            let outcome = run_invocation(root, invocation, &path, &[], SMALL_TIMEOUT);
            assert_refused(&outcome, reason);
        }
    }
}

#[test]
fn standard_input_over_the_cap_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let outcome = run(
        dir.path(),
        &["outline".into(), "-".into()],
        Some(Path::new("/dev/zero")),
        SMALL_TIMEOUT,
    );
    assert_refused(&outcome, "limit");
}

#[test]
fn file_names_with_escapes_and_newlines_open() {
    let dir = tempfile::tempdir().expect("tempdir");
    for name in [
        "esc\u{1b}[2J\u{1b}]0;t\u{7}.txt",
        "new\nline.txt",
        "c1\u{9b}bidi\u{202e}.txt",
    ] {
        let doc = Hostile {
            name: name.to_owned(),
            bytes: inputs::briefing_with(b""),
            expect: Expect::Shown,
            shows: vec!["一、认清形势"],
        };
        check_document(dir.path(), &doc, SMALL_TIMEOUT);
    }
}

/// `briefing outline big.txt | head -1`: the reader of the output goes away early.
fn closed_pipe_ends_quietly(dir: &Path, doc: &Hostile, timeout: Duration) {
    let path = dir.join(format!("{}.txt", doc.name));
    std::fs::write(&path, &doc.bytes).expect("the document is written");
    for invocation in INVOCATIONS.iter().filter(|i| i.feed == Feed::Path) {
        let args = arguments(invocation, &path, &[]);
        let what = format!("briefing {} | head -1", shown_args(&args));
        let mut child = briefing_command()
            .args(&args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("briefing starts");
        let mut first = String::new();
        BufReader::new(child.stdout.take().expect("stdout is piped"))
            .read_line(&mut first)
            .expect("a first line");
        // The reader is dropped here: the pipe is closed with output still to come.
        let mut stderr_pipe = child.stderr.take().expect("stderr is piped");
        let code = wait_with_timeout(&mut child, timeout, &what);
        let mut stderr = String::new();
        stderr_pipe
            .read_to_string(&mut stderr)
            .expect("stderr is read");
        let outcome = Outcome {
            what,
            code,
            stdout: first.into_bytes(),
            stderr,
            elapsed: Duration::ZERO,
        };
        assert_no_panic(&outcome);
        // A search that matches nothing says so with status 1 (the patterns: 认清, and ␛,
        // which is how ESC shows).
        let pattern = invocation.before.last().copied().unwrap_or_default();
        let nothing_found = invocation.before.first() == Some(&"search")
            && !String::from_utf8_lossy(&doc.bytes).contains(pattern)
            && !(pattern == "␛" && doc.bytes.contains(&0x1b));
        assert_eq!(
            outcome.code,
            Some(i32::from(nothing_found)),
            "{}: {}",
            outcome.what,
            outcome.stderr
        );
        assert!(
            outcome.stderr.is_empty(),
            "{}: {}",
            outcome.what,
            outcome.stderr
        );
    }
}

#[test]
fn closed_output_pipe_exits_0() {
    let dir = tempfile::tempdir().expect("tempdir");
    // 5,000 headings (each a match for both `search` patterns): outputs of 150 KB and more,
    // well past a 64 KiB pipe buffer.
    let mut text = String::from("区委书记讲话\n\n");
    for n in 1..=5000 {
        text.push_str(&inputs::chinese_number(n));
        text.push_str("、认清形势\u{1b}[2J\n正文。一是甲。二是乙。\n");
    }
    let doc = Hostile {
        name: "big".into(),
        bytes: text.into_bytes(),
        expect: Expect::Shown,
        shows: Vec::new(),
    };
    closed_pipe_ends_quietly(dir.path(), &doc, SMALL_TIMEOUT);
}

fn check_scale(doc: &Hostile, timeout: Duration) {
    let dir = tempfile::tempdir().expect("tempdir");
    for (what, elapsed) in check_document(dir.path(), doc, timeout) {
        eprintln!("{what}: {elapsed:.2?}");
    }
}

#[test]
fn scale_empty_lines_brackets_huge_heading_and_deep_nesting() {
    check_scale(&inputs::empty_lines(), SMALL_TIMEOUT);
    for doc in inputs::bracket_flood_and_huge_heading() {
        check_scale(&doc, SMALL_TIMEOUT);
    }
    check_scale(&inputs::deep_nesting(), SMALL_TIMEOUT);
}

#[test]
#[cfg_attr(
    debug_assertions,
    ignore = "minutes in a debug build; runs with cargo test --release --test hostile"
)]
fn scale_one_50_mb_line() {
    let doc = inputs::one_long_line();
    check_scale(&doc, SCALE_TIMEOUT);
    let dir = tempfile::tempdir().expect("tempdir");
    closed_pipe_ends_quietly(dir.path(), &doc, SCALE_TIMEOUT);
}

#[test]
#[cfg_attr(
    debug_assertions,
    ignore = "half a minute in a debug build; runs with cargo test --release --test hostile"
)]
fn scale_100_000_headings() {
    let doc = inputs::many_headings();
    check_scale(&doc, SCALE_TIMEOUT);
    let dir = tempfile::tempdir().expect("tempdir");
    let outline = outline_json(dir.path(), &doc);
    let headings = heading_labels(&outline);
    assert_eq!(headings.len(), 100_000);
    assert_eq!(headings.last().map(String::as_str), Some("一万、标题"));
}

/// Writes every generated document into `$BRIEFING_FUZZ_SEEDS` as fuzzing seeds
/// (`fuzz/seed.sh` runs this).
#[test]
#[ignore = "writes fuzz seeds; run by fuzz/seed.sh"]
fn write_fuzz_seeds() {
    let Some(dir) = std::env::var_os("BRIEFING_FUZZ_SEEDS") else {
        return;
    };
    let dir = PathBuf::from(dir);
    std::fs::create_dir_all(&dir).expect("the seed directory");
    for doc in inputs::documents() {
        std::fs::write(dir.join(&doc.name), &doc.bytes).expect("a seed is written");
    }
}

#[test]
fn the_checks_catch_what_they_look_for() {
    for bad in [
        &b"a\x1b[2J"[..],
        b"\x07",
        b"\x7f",
        b"\r",
        "\u{9b}".as_bytes(),
        b"\x9b",
        "\u{202e}".as_bytes(),
        "\u{2066}".as_bytes(),
    ] {
        assert!(forbidden_in_output(bad).is_some(), "{bad:?}");
    }
    assert_eq!(forbidden_in_output("一、标题\t␛[2J\n".as_bytes()), None);

    let ours = b"\x1b[?1049h\x1b[?25l\x1b[?1000h\x1b[?1006h\x1b[?2004h\x1b[H\x1b[8m\xe2\x80\x9c\x1b[28m\x1b[6n\x1b[1;1H\x1b[38;5;1m\xe2\x90\x9b\x1b[0m\x1b[2J\x1b[?2004l\x1b[?1049l\x1b[?25h";
    assert_eq!(
        inputs::forbidden_in_terminal_stream(ours),
        Vec::<String>::new()
    );
    for bad in [
        &b"\x1b]0;t\x07"[..],
        b"\x1b]52;c;?\x1b\\",
        b"\x1bP$q\"p\x1b\\",
        b"\x1b_G\x1b\\",
        b"\x1b^x\x1b\\",
        b"\x1bXx\x1b\\",
        b"\x1bc",
        b"\x1b[3J",
        b"\x1b[5n",
        b"\x1b[6n\x1b[?1049h",
        b"\x1b[?1049h\x1b[6n\x1b[6n",
        b"\x1b[c",
        b"\x1b[>c",
        b"\x1b[?1h",
        b"\x1b[?47h",
        b"\x1b(0",
        b"\x1b[21t",
        b"\x07",
        b"\x9b",
        "\u{9d}".as_bytes(),
        "\u{202e}".as_bytes(),
    ] {
        assert!(
            !inputs::forbidden_in_terminal_stream(bad).is_empty(),
            "{bad:?} is caught"
        );
    }
}
