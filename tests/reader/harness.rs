//! Runs the real `briefing` binary in a pseudo-terminal and reads its screen back with
//! vt100, answering the cursor-position query of the ambiguous-width probe the way a
//! terminal does. Keeps every byte the program wrote, for the terminal-safety checks.

// Shared by several test crates (`tests/reader`, `tests/terminal`), each using a part.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

#[path = "../support/program.rs"]
pub mod program;

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// How long a test waits for the screen to show what it expects.
const PATIENCE: Duration = Duration::from_secs(30);

struct Shared {
    parser: vt100::Parser,
    /// Every byte the program wrote.
    bytes: Vec<u8>,
    /// Where each read of the terminal ended in `bytes`: the pieces the output came in.
    read_ends: Vec<usize>,
    /// The terminal side is closed: every process holding it has ended.
    closed: bool,
    /// The terminal draws East Asian Ambiguous characters two columns wide.
    ambiguous_wide: bool,
}

/// How the terminal in the pseudo-terminal answers the cursor-position query.
#[derive(Clone, Copy, Default)]
pub struct Answer {
    /// It draws East Asian Ambiguous characters two columns wide (a CJK locale's
    /// setting): its cursor report after “ says so.
    pub wide: bool,
    /// How long the answer takes, as over a remote connection.
    pub delay: Duration,
}

pub struct Session {
    shared: Arc<Mutex<Shared>>,
    /// The keyboard side, shared with the thread that answers cursor-position queries
    /// (a pseudo-terminal gives out one writer only).
    writer: Arc<Mutex<Box<dyn Write + Send>>>,
    child: Box<dyn Child + Send + Sync>,
    master: Box<dyn MasterPty + Send>,
}

impl Session {
    /// Starts `briefing ARGS` at `cols` × `rows` with extra environment variables.
    pub fn start(args: &[&str], cols: u16, rows: u16, env: &[(&str, &str)]) -> Self {
        Self::start_program(env!("CARGO_BIN_EXE_briefing"), args, cols, rows, env)
    }

    /// Like [`Session::start`], on a terminal that draws East Asian Ambiguous characters
    /// two columns wide (a CJK locale's setting): its cursor report after “ says so.
    pub fn start_wide(args: &[&str], cols: u16, rows: u16, env: &[(&str, &str)]) -> Self {
        let answer = Answer {
            wide: true,
            ..Answer::default()
        };
        Self::start_answering(args, cols, rows, env, answer)
    }

    /// Like [`Session::start`], on a terminal that answers the cursor-position query
    /// as `answer` says.
    pub fn start_answering(
        args: &[&str],
        cols: u16,
        rows: u16,
        env: &[(&str, &str)],
        answer: Answer,
    ) -> Self {
        Self::spawn(
            env!("CARGO_BIN_EXE_briefing"),
            args,
            (cols, rows),
            env,
            answer,
        )
    }

    /// Starts any program (`sh -c …` around briefing, say) in the pseudo-terminal.
    pub fn start_program(
        program: &str,
        args: &[&str],
        cols: u16,
        rows: u16,
        env: &[(&str, &str)],
    ) -> Self {
        Self::spawn(program, args, (cols, rows), env, Answer::default())
    }

    fn spawn(
        program: &str,
        args: &[&str],
        (cols, rows): (u16, u16),
        env: &[(&str, &str)],
        answer: Answer,
    ) -> Self {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pseudo-terminal opens");
        let mut command = CommandBuilder::new(program);
        command.args(args);
        command.env("TERM", "xterm-256color");
        // Chinese, as the reader's users read it, unless a test says otherwise; and no
        // config file of the machine's.
        for (name, value) in program::test_environment("zh_CN.UTF-8") {
            command.env(name, value);
        }
        command.env_remove("LC_ALL");
        command.env_remove("LC_MESSAGES");
        command.env_remove("NO_COLOR");
        for (key, value) in env {
            command.env(key, value);
        }
        let child = pty.slave.spawn_command(command).expect("briefing starts");
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().expect("pty reader");
        let writer = Arc::new(Mutex::new(pty.master.take_writer().expect("pty writer")));
        // vt100 needs at least one cell; the program still sees the real (maybe 0×0) size.
        let shared = Arc::new(Mutex::new(Shared {
            parser: vt100::Parser::new(rows.max(1), cols.max(1), 0),
            bytes: Vec::new(),
            read_ends: Vec::new(),
            closed: false,
            ambiguous_wide: answer.wide,
        }));
        let thread_shared = Arc::clone(&shared);
        let reply_writer = Arc::clone(&writer);
        std::thread::spawn(move || {
            let mut buffer = [0u8; 8192];
            while let Ok(read) = reader.read(&mut buffer) {
                if read == 0 {
                    break;
                }
                let chunk = &buffer[..read];
                let mut shared = thread_shared.lock().expect("lock");
                shared.bytes.extend_from_slice(chunk);
                let end = shared.bytes.len();
                shared.read_ends.push(end);
                // Answer CSI 6n (cursor position report) as a terminal would: with where
                // the cursor is when the question is read, not after what follows it.
                let query = b"\x1b[6n";
                let mut rest = chunk;
                while let Some(at) = rest.windows(query.len()).position(|w| w == query) {
                    let (before, after) = rest.split_at(at + query.len());
                    shared.parser.process(before);
                    let screen = shared.parser.screen();
                    let (row, mut col) = screen.cursor_position();
                    // vt100 draws “ one column wide; a wide terminal is a column further on.
                    let after_quote = col
                        .checked_sub(1)
                        .and_then(|left| screen.cell(row, left))
                        .is_some_and(|cell| cell.contents() == "\u{201C}");
                    if shared.ambiguous_wide && after_quote {
                        col += 1;
                    }
                    let reply = format!("\x1b[{};{}R", row + 1, col + 1);
                    let writer = Arc::clone(&reply_writer);
                    let send = move || {
                        let mut writer = writer.lock().expect("lock");
                        let _ = writer.write_all(reply.as_bytes());
                        let _ = writer.flush();
                    };
                    if answer.delay.is_zero() {
                        send();
                    } else {
                        std::thread::spawn(move || {
                            std::thread::sleep(answer.delay);
                            send();
                        });
                    }
                    rest = after;
                }
                shared.parser.process(rest);
            }
            thread_shared.lock().expect("lock").closed = true;
        });
        Self {
            shared,
            writer,
            child,
            master: pty.master,
        }
    }

    /// Every byte the program has written so far.
    pub fn bytes(&self) -> Vec<u8> {
        self.shared.lock().expect("lock").bytes.clone()
    }

    /// Every byte the program has written so far, in the pieces the terminal read.
    pub fn pieces(&self) -> Vec<Vec<u8>> {
        let shared = self.shared.lock().expect("lock");
        let mut start = 0;
        shared
            .read_ends
            .iter()
            .map(|&end| {
                let piece = shared.bytes[start..end].to_vec();
                start = end;
                piece
            })
            .collect()
    }

    /// The process id of the program started (the shell, for `sh -c`).
    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("the child has a process id")
    }

    /// Sends `signal` to process `pid` (the program, or one it started).
    pub fn signal(pid: u32, signal: rustix::process::Signal) {
        let pid = i32::try_from(pid)
            .ok()
            .and_then(rustix::process::Pid::from_raw)
            .expect("a valid process id");
        rustix::process::kill_process(pid, signal).expect("the signal is sent");
    }

    /// Resizes the terminal (the program gets SIGWINCH) and the screen model with it.
    pub fn resize(&self, cols: u16, rows: u16) {
        // The screen takes its new size first: whatever the program draws once it learns
        // of the resize is then read at that size, not clipped to the old one.
        self.shared
            .lock()
            .expect("lock")
            .parser
            .screen_mut()
            .set_size(rows.max(1), cols.max(1));
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("the pseudo-terminal resizes");
    }

    /// Runs `look` on the screen as it is now.
    pub fn screen<R>(&self, look: impl FnOnce(&vt100::Screen) -> R) -> R {
        look(self.shared.lock().expect("lock").parser.screen())
    }

    /// Waits until the bytes written so far satisfy `check`.
    pub fn wait_for_bytes(&self, what: &str, check: impl Fn(&[u8]) -> bool) {
        let deadline = Instant::now() + PATIENCE;
        loop {
            if check(&self.shared.lock().expect("lock").bytes) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}; output: {:?}",
                String::from_utf8_lossy(&self.bytes())
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits until every process holding the terminal has ended and all their output is read.
    pub fn wait_closed(&self) {
        let deadline = Instant::now() + PATIENCE;
        while !self.shared.lock().expect("lock").closed {
            assert!(
                Instant::now() < deadline,
                "the terminal was never closed; screen:\n{}",
                self.rows().join("\n")
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Sends keys (bytes as a terminal would send them).
    pub fn send(&mut self, keys: &str) {
        let mut writer = self.writer.lock().expect("lock");
        writer.write_all(keys.as_bytes()).expect("keys are sent");
        writer.flush().expect("keys are flushed");
    }

    /// The screen's text, one string per row.
    pub fn rows(&self) -> Vec<String> {
        let shared = self.shared.lock().expect("lock");
        let (_, cols) = shared.parser.screen().size();
        shared.parser.screen().rows(0, cols).collect()
    }

    /// Runs `check` on the screen until it holds; panics with the screen if it never does.
    pub fn wait_for(&self, what: &str, check: impl Fn(&vt100::Screen) -> bool) {
        let deadline = Instant::now() + PATIENCE;
        loop {
            {
                let shared = self.shared.lock().expect("lock");
                if check(shared.parser.screen()) {
                    return;
                }
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}; screen:\n{}",
                self.rows().join("\n")
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits until the screen shows `text` somewhere.
    pub fn wait_for_text(&self, text: &str) {
        self.wait_for(text, |screen| screen.contents().contains(text));
    }

    /// Waits for the program to end and returns its exit code.
    pub fn wait_exit(&mut self) -> u32 {
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Some(status) = self.child.try_wait().expect("child status") {
                // Let the reader thread take the last bytes.
                std::thread::sleep(Duration::from_millis(100));
                return status.exit_code();
            }
            assert!(Instant::now() < deadline, "briefing did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// True while the program shows the alternate screen.
    pub fn alternate_screen(&self) -> bool {
        self.shared
            .lock()
            .expect("lock")
            .parser
            .screen()
            .alternate_screen()
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}
