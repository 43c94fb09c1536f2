//! Terminal safety of the reader in a real pseudo-terminal (checklist rules 2 and 3): the
//! bytes it writes never carry a document's escape sequences, and every way out (q, Ctrl-c,
//! SIGTERM, SIGHUP, SIGINT, SIGQUIT, a panic) leaves the terminal as it was found; Ctrl-z
//! and SIGTSTP give the terminal back and SIGCONT takes it again and redraws.
//!
//! The reader runs under `sh -c` (no job control) so that nothing repairs the terminal
//! after it: `stty -g` before and after must print the same settings.

#![cfg(target_os = "linux")]

#[path = "../reader/harness.rs"]
mod harness;
#[path = "../support/hostile_inputs.rs"]
mod inputs;

use std::path::Path;
use std::time::{Duration, Instant};

use harness::Session;
use rustix::process::Signal;

const BIN: &str = env!("CARGO_BIN_EXE_briefing");
const COLS: u16 = 100;
const ROWS: u16 = 30;

/// What the reader shows of every document made by [`inputs::briefing_with`].
const HEADING: &str = "认清形势";

/// Quotes `text` for `sh`.
fn quoted(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

/// `sh -c 'stty -g; briefing ARGS; echo EXIT=$?; stty -g'` in a pseudo-terminal.
fn start_under_sh(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Session {
    start_script(dir, &format!("{} {}", quoted(BIN), shell_args(args)), env)
}

fn shell_args(args: &[&str]) -> String {
    args.iter()
        .map(|arg| quoted(arg))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Runs `command` between two `stty -g` and reports its exit status.
fn start_script(dir: &Path, command: &str, env: &[(&str, &str)]) -> Session {
    let script = format!("stty -g; {command}; echo EXIT=$?; stty -g");
    let state = state_home(dir);
    let mut env = env.to_vec();
    env.push(("XDG_STATE_HOME", &state));
    Session::start_program("sh", &["-c", &script], COLS, ROWS, &env)
}

/// Where the reader keeps its state files in a test: in the test's own directory, not the
/// user's (a position saved by one test would move the reader of the next).
fn state_home(dir: &Path) -> String {
    dir.join("state")
        .to_str()
        .expect("a UTF-8 temporary path")
        .to_owned()
}

/// `briefing ARGS` in a pseudo-terminal of `cols` × `rows`, state files kept in `dir`.
fn reader(dir: &Path, args: &[&str], cols: u16, rows: u16) -> Session {
    let state = state_home(dir);
    Session::start(args, cols, rows, &[("XDG_STATE_HOME", &state)])
}

/// The pid of the briefing process started by the shell `parent`.
fn briefing_pid(parent: u32) -> u32 {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        if let Some(pid) = child_named(parent, "briefing") {
            return pid;
        }
        assert!(Instant::now() < deadline, "briefing never started");
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Fields of `/proc/PID/stat` after the command name: state, ppid, …
fn stat_fields(pid: u32) -> Option<(String, Vec<String>)> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let (head, rest) = stat.rsplit_once(')')?;
    let name = head.split_once('(')?.1.to_owned();
    Some((name, rest.split_whitespace().map(str::to_owned).collect()))
}

fn child_named(parent: u32, name: &str) -> Option<u32> {
    std::fs::read_dir("/proc").ok()?.find_map(|entry| {
        let pid: u32 = entry.ok()?.file_name().to_str()?.parse().ok()?;
        let (comm, fields) = stat_fields(pid)?;
        let its_parent: u32 = fields.get(1)?.parse().ok()?;
        (its_parent == parent && comm == name).then_some(pid)
    })
}

/// The one-letter state of a process: `T` when stopped.
fn process_state(pid: u32) -> Option<String> {
    stat_fields(pid).and_then(|(_, fields)| fields.into_iter().next())
}

fn wait_until(what: &str, check: impl Fn() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(15);
    while !check() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Waits until the reader is drawn: the alternate screen shows the document.
fn wait_for_reader(session: &Session, text: &str) {
    session.wait_for("the reader", |screen| {
        screen.alternate_screen() && screen.contents().contains(text)
    });
}

/// The lines `stty -g` printed, and the status `echo EXIT=$?` printed.
fn stty_and_exit(bytes: &[u8]) -> (Vec<String>, Option<u32>) {
    let text = String::from_utf8_lossy(bytes);
    let mut settings = Vec::new();
    let mut exit = None;
    for line in text.split(['\r', '\n']) {
        let line = line.trim();
        if line.matches(':').count() >= 20
            && line.chars().all(|c| c == ':' || c.is_ascii_hexdigit())
        {
            settings.push(line.to_owned());
        }
        // The status may share a line with what the reader left on the main screen.
        if let Some((_, code)) = line.rsplit_once("EXIT=") {
            exit = code.parse().ok();
        }
    }
    (settings, exit)
}

/// Checklist rule 2 after the shell has finished: alternate screen off, cursor shown, mouse
/// and paste reporting off, terminal settings as before; and the exit status.
fn assert_restored(session: &Session, how: &str, expected_exit: u32) {
    session.wait_closed();
    let bytes = session.bytes();
    let (settings, exit) = stty_and_exit(&bytes);
    let screen = session.rows().join("\n");
    assert_eq!(settings.len(), 2, "{how}: two stty -g lines in:\n{screen}");
    assert_eq!(
        settings.first(),
        settings.last(),
        "{how}: terminal settings changed"
    );
    assert_eq!(
        exit,
        Some(expected_exit),
        "{how}: exit status; screen:\n{screen}"
    );
    session.screen(|screen| {
        assert!(
            !screen.alternate_screen(),
            "{how}: alternate screen left on"
        );
        assert!(!screen.hide_cursor(), "{how}: cursor left hidden");
        assert_eq!(
            screen.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "{how}: mouse reporting left on"
        );
        assert!(!screen.bracketed_paste(), "{how}: bracketed paste left on");
    });
    let forbidden = inputs::forbidden_in_terminal_stream(&bytes);
    assert!(forbidden.is_empty(), "{how}: {forbidden:?}");
}

fn write_doc(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("the document is written");
    path.to_str().expect("a UTF-8 temporary path").to_owned()
}

/// Opens `bytes` in the reader, looks at every part of it (tree, help, bottom), quits, and
/// checks what was written to the terminal.
fn open_and_quit(name: &str, bytes: &[u8], shows: Option<&str>) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write_doc(dir.path(), &format!("{name}.txt"), bytes);
    let mut session = reader(dir.path(), &[&path], COLS, ROWS);
    wait_for_reader(&session, HEADING);
    if let Some(shows) = shows {
        session.wait_for_text(shows);
    }
    // Jump through the headings and points, open the help, scroll to the end: every
    // label and line of the document is drawn at least once.
    for keys in ["}", "]", "]", "?", "\u{1b}", "G", "t", "t", "g"] {
        session.send(keys);
    }
    session.send("q");
    assert_eq!(session.wait_exit(), 0, "{name}: exit status");
    session.wait_closed();
    let bytes = session.bytes();
    let forbidden = inputs::forbidden_in_terminal_stream(&bytes);
    assert!(
        forbidden.is_empty(),
        "{name}: the terminal received {forbidden:?}"
    );
    assert!(
        !session.alternate_screen(),
        "{name}: alternate screen left on"
    );
}

#[test]
fn escape_sequences_in_a_document_never_reach_the_terminal() {
    for (name, payload) in inputs::escape_payloads() {
        let shows = payload.contains(&0x1b).then_some("␛");
        open_and_quit(name, &inputs::briefing_with(&payload), shows);
    }
}

#[test]
fn controls_invisibles_and_broken_text_never_reach_the_terminal() {
    for doc in inputs::documents() {
        if doc.name.starts_with("esc-") || doc.expect != inputs::Expect::Shown {
            continue;
        }
        // Only documents that have the usual heading are waited for by their text.
        if !String::from_utf8_lossy(&doc.bytes).contains(HEADING) {
            continue;
        }
        // vt100 drops U+FFFD when it draws, so it cannot be looked for on its screen.
        let shows = doc.shows.iter().copied().find(|s| !s.contains('\u{FFFD}'));
        open_and_quit(&doc.name, &doc.bytes, shows);
    }
}

#[test]
fn nul_bytes_are_refused_before_the_terminal_is_touched_and_forced_open_as_pictures() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write_doc(dir.path(), "nul.txt", &inputs::briefing_with(b"\0"));
    let session = start_under_sh(dir.path(), &[&path], &[]);
    assert_restored(&session, "binary refused", 2);
    let bytes = session.bytes();
    assert!(
        !bytes.windows(8).any(|w| w == b"\x1b[?1049h"),
        "the alternate screen was entered for a refused file"
    );
    let screen = session.rows().join("\n");
    assert!(screen.contains("briefing: 错误: "), "{screen}");

    let mut forced = reader(dir.path(), &["--force", &path], COLS, ROWS);
    wait_for_reader(&forced, HEADING);
    forced.wait_for_text("␀");
    forced.send("q");
    assert_eq!(forced.wait_exit(), 0);
}

/// Starts the reader under `sh`, waits for it to draw, and returns it with briefing's pid.
fn reader_under_sh(env: &[(&str, &str)]) -> (tempfile::TempDir, Session, u32) {
    let dir = tempfile::tempdir().expect("tempdir");
    let payload = b"\x1b]0;pwned\x07\x1b[?1049h";
    let path = write_doc(dir.path(), "doc.txt", &inputs::briefing_with(payload));
    let session = start_under_sh(dir.path(), &[&path], env);
    wait_for_reader(&session, HEADING);
    let pid = briefing_pid(session.pid());
    (dir, session, pid)
}

#[test]
fn q_and_ctrl_c_leave_the_terminal_as_found() {
    for (how, key) in [("q", "q"), ("Ctrl-c", "\u{3}")] {
        let (_dir, mut session, _) = reader_under_sh(&[]);
        session.send(key);
        assert_restored(&session, how, 0);
    }
}

#[test]
fn terminating_signals_leave_the_terminal_as_found_and_exit_128_plus_n() {
    for (how, signal, code) in [
        ("SIGTERM", Signal::TERM, 143),
        ("SIGHUP", Signal::HUP, 129),
        ("SIGINT", Signal::INT, 130),
        ("SIGQUIT", Signal::QUIT, 131),
    ] {
        let (_dir, session, pid) = reader_under_sh(&[]);
        Session::signal(pid, signal);
        assert_restored(&session, how, code);
    }
}

#[test]
#[cfg_attr(
    not(debug_assertions),
    ignore = "the key that panics is read only by debug builds"
)]
fn a_panic_leaves_the_terminal_as_found_and_its_message_readable() {
    let (_dir, mut session, _) = reader_under_sh(&[("BRIEFING_TEST_PANIC_KEY", "x")]);
    session.send("x");
    assert_restored(&session, "panic", 101);
    let screen = session.rows().join("\n");
    assert!(
        screen.contains("test panic requested"),
        "the panic message lands on the main screen:\n{screen}"
    );
}

#[test]
#[cfg_attr(
    not(debug_assertions),
    ignore = "the key that panics is read only by debug builds"
)]
fn a_panic_on_a_helper_thread_ends_the_reader_and_restores_the_terminal() {
    let (_dir, mut session, _) = reader_under_sh(&[("BRIEFING_TEST_THREAD_PANIC_KEY", "x")]);
    session.send("x");
    assert_restored(&session, "panic on a helper thread", 101);
    let screen = session.rows().join("\n");
    assert!(
        screen.contains("test panic on a helper thread"),
        "the panic message lands on the main screen:\n{screen}"
    );
}

/// Suspends the reader with `suspend`, checks the terminal is given back while it is
/// stopped, continues it with SIGCONT and checks it redraws.
fn suspend_and_resume(how: &str, suspend: impl FnOnce(&mut Session, u32)) {
    let (_dir, mut session, pid) = reader_under_sh(&[]);
    suspend(&mut session, pid);
    wait_until("the reader to stop", || {
        process_state(pid).as_deref() == Some("T")
    });
    session.wait_for("the terminal to be given back", |screen| {
        !screen.alternate_screen() && !screen.hide_cursor()
    });
    session.screen(|screen| {
        assert_eq!(
            screen.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "{how}: mouse reporting on while suspended"
        );
        assert!(!screen.contents().contains(HEADING), "{how}: main screen");
    });
    let written = session.bytes().len();
    Session::signal(pid, Signal::CONT);
    session.wait_for("the reader to be redrawn", |screen| {
        screen.alternate_screen() && screen.hide_cursor() && screen.contents().contains(HEADING)
    });
    assert!(session.bytes().len() > written, "{how}: redrawn");
    session.send("q");
    assert_restored(&session, how, 0);
}

#[test]
fn ctrl_z_suspends_and_sigcont_redraws() {
    suspend_and_resume("Ctrl-z", |session, _| session.send("\u{1a}"));
}

#[test]
fn sigtstp_from_outside_suspends_and_sigcont_redraws() {
    suspend_and_resume("SIGTSTP", |_, pid| Session::signal(pid, Signal::TSTP));
}

#[test]
fn a_signal_while_the_document_is_being_laid_out_still_restores() {
    // 1.8 MB, under the size that opens in two steps: the whole document is laid out
    // before the first frame, and the signal comes while that happens (or, on a fast
    // machine, just after: the terminal must be restored either way).
    let dir = tempfile::tempdir().expect("tempdir");
    let mut text = inputs::briefing_with(b"");
    let body = "今天我们开会，主要任务是传达精神、部署工作。".repeat(50);
    for _ in 0..550 {
        text.extend_from_slice("一、标题\n".as_bytes());
        text.extend_from_slice(body.as_bytes());
        text.push(b'\n');
    }
    let path = write_doc(dir.path(), "big.txt", &text);
    let session = start_under_sh(dir.path(), &[&path], &[]);
    let pid = briefing_pid(session.pid());
    // The moment the alternate screen is entered, before the first frame.
    session.wait_for_bytes("the alternate screen", |bytes| {
        bytes.windows(8).any(|w| w == b"\x1b[?1049h")
    });
    Session::signal(pid, Signal::TERM);
    assert_restored(&session, "SIGTERM during loading", 143);
}

#[test]
fn keys_come_from_the_terminal_when_the_document_comes_from_a_pipe() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write_doc(dir.path(), "doc.txt", &inputs::briefing_with(b""));
    let command = format!("cat {} | {} -", quoted(&path), quoted(BIN));
    let mut session = start_script(dir.path(), &command, &[]);
    wait_for_reader(&session, HEADING);
    session.send("}");
    session.send("q");
    assert_restored(&session, "document on stdin", 0);
}

#[test]
fn tiny_terminals_at_start_and_after_resizes_never_panic() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write_doc(dir.path(), "doc.txt", &inputs::briefing_with(b""));
    for (cols, rows) in [(0, 0), (1, 1), (2, 1), (1, 5)] {
        let mut session = reader(dir.path(), &[&path], cols, rows);
        session.wait_for_bytes("the alternate screen", |bytes| {
            bytes.windows(8).any(|w| w == b"\x1b[?1049h")
        });
        // Give it time to draw (or fail to) at this size.
        std::thread::sleep(Duration::from_millis(300));
        session.send("jq");
        let code = session.wait_exit();
        let output = String::from_utf8_lossy(&session.bytes()).into_owned();
        assert!(!output.contains("panicked"), "{cols}x{rows}: {output}");
        assert_eq!(code, 0, "{cols}x{rows}: {output}");
    }

    let mut session = reader(dir.path(), &[&path], 80, 24);
    wait_for_reader(&session, HEADING);
    for (cols, rows) in [(0, 0), (1, 1), (0, 24), (80, 0), (3, 2), (19, 3), (80, 24)] {
        session.resize(cols, rows);
        session.send("j");
        std::thread::sleep(Duration::from_millis(100));
    }
    wait_for_reader(&session, HEADING);
    session.send("q");
    let code = session.wait_exit();
    let output = String::from_utf8_lossy(&session.bytes()).into_owned();
    assert!(!output.contains("panicked"), "{output}");
    assert_eq!(code, 0);
}

/// Closing the terminal (an SSH connection dropped, a terminal window closed) hangs it
/// up: the reader must end, not spin on a terminal that reads as an endless end of file.
/// It runs in a session of its own (`setsid`), so the terminal is not its controlling
/// one and no SIGHUP comes to end it: only its input tells it. The terminal is closed
/// the moment the first frame shows, when the reader is still getting ready for keys,
/// and again a little after; each time the reader itself must be gone, not only the
/// `setsid` above it, which the hangup kills.
#[test]
fn the_reader_ends_when_its_terminal_is_closed() {
    for pause in [Duration::ZERO, Duration::from_millis(300)] {
        for _ in 0..3 {
            close_the_terminal_after_the_first_frame(pause);
        }
    }
}

fn close_the_terminal_after_the_first_frame(pause: Duration) {
    use std::io::Read;

    use portable_pty::{CommandBuilder, PtySize, native_pty_system};

    let state = tempfile::tempdir().expect("a temporary directory");
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: ROWS,
            cols: COLS,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("a pseudo-terminal");
    let mut command = CommandBuilder::new("setsid");
    command.args(["-w", BIN, "--no-resume", "--ambiguous-width", "narrow"]);
    command.env("TERM", "xterm-256color");
    command.env("XDG_STATE_HOME", state.path());
    let mut setsid = pty.slave.spawn_command(command).expect("briefing starts");
    drop(pty.slave);
    let mut reader = pty.master.try_clone_reader().expect("pty reader");
    let mut seen = Vec::new();
    let mut chunk = [0u8; 4096];
    while !String::from_utf8_lossy(&seen).contains("同志们") {
        let read = reader.read(&mut chunk).expect("the first frame");
        assert!(read > 0, "the terminal closed before the first frame");
        seen.extend_from_slice(&chunk[..read]);
    }
    let reader_pid = child_of(setsid.process_id().expect("setsid's pid"));
    std::thread::sleep(pause);
    drop(reader);
    drop(pty.master);
    let deadline = Instant::now() + Duration::from_secs(10);
    // Gone, or a zombie: ended either way.
    while process_state(reader_pid).is_some_and(|state| state != "Z") {
        if Instant::now() >= deadline {
            let pid = i32::try_from(reader_pid)
                .ok()
                .and_then(rustix::process::Pid::from_raw);
            if let Some(pid) = pid {
                let _ = rustix::process::kill_process(pid, Signal::KILL);
            }
            panic!(
                "briefing still runs 10 s after its terminal closed ({pause:?} after its first frame)"
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = setsid.kill();
    let _ = setsid.wait();
}

/// The process `setsid -w` started: its only child, read from the kernel's list of
/// `pid`'s children. Not [`briefing_pid`], which reads every process's stat: by the time
/// it has found the reader, the moment just after the first frame has passed.
fn child_of(pid: u32) -> u32 {
    let children = format!("/proc/{pid}/task/{pid}/children");
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let listed = std::fs::read_to_string(&children).unwrap_or_default();
        if let Some(child) = listed.split_whitespace().next() {
            return child.parse().expect("a process id");
        }
        assert!(Instant::now() < deadline, "setsid started nothing");
        std::thread::sleep(Duration::from_millis(5));
    }
}
