//! The interactive reader's terminal side: set-up and restore, the ambiguous-width probe,
//! signals, and the event loop (block on input, apply every queued event, draw once).
//!
//! Invariant: whatever was enabled (raw mode, alternate screen, hidden cursor, mouse
//! reporting, bracketed paste) is disabled exactly once on every way out: quit, error,
//! panic, a terminating signal; and around a suspend.

use std::io::{self, BufWriter, Read, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::{Duration, Instant, SystemTime};

use crossterm::event::{self, Event, KeyEvent};
use crossterm::{cursor, execute, terminal};

use crate::action::{Action, Effect, Msg};
use crate::app::App;
use crate::keymap::actions_for_event;
use crate::text::AmbiguousWidth;
use crate::ui;

/// Set while the terminal is in the reader's modes; restoring clears it, so restore
/// runs once however many exit paths race to it.
static TERMINAL_TAKEN: AtomicBool = AtomicBool::new(false);
/// Whether the reader asks for mouse reports (not with `--no-mouse`), read each time the
/// terminal is taken, at start and after a suspend.
static MOUSE_WANTED: AtomicBool = AtomicBool::new(true);

/// Mouse reports for presses and the wheel only (1000), in the SGR form (1006) that
/// carries any column. Not crossterm's `EnableMouseCapture`, which also asks for every
/// movement (1003): the reader would wake at each move of the pointer, and selecting text
/// to copy would need Shift.
const MOUSE_CLICKS_ON: &str = "\x1b[?1000h\x1b[?1006h";

/// How long a terminating signal waits for the loop to end the reader.
const TERMINATE_GRACE: Duration = Duration::from_secs(2);
/// Room for a whole frame, so it is written at once.
const FRAME_BUFFER_BYTES: usize = 64 * 1024;
/// The terminal the reader draws on.
type ReaderScreen = ui::ReaderScreen<BufWriter<std::fs::File>>;

/// What the event loop waits for.
enum Message {
    Input(Event),
    /// A signal that ends the reader: exit with 128 + n.
    Terminate(i32),
    Suspend,
    Continued,
    /// SIGWINCH: the size is read again after the batch.
    Resized,
    InputClosed,
    /// Work finished off the first frame's path (the whole of a large document).
    Received(Msg),
}

/// Starts work off the first frame's path (reading the whole of a large document) and
/// gives the channel its changes to the reader come back on. Started once the first frame
/// is on screen: on a machine of two processors it would otherwise take one from the
/// first frame, and delay it by a third.
pub type Background = Box<dyn FnOnce() -> Receiver<Msg>>;

/// Puts the terminal into the reader's modes.
fn take_terminal() -> io::Result<()> {
    terminal::enable_raw_mode()?;
    TERMINAL_TAKEN.store(true, Ordering::SeqCst);
    let mut stdout = io::stdout();
    execute!(
        stdout,
        terminal::EnterAlternateScreen,
        cursor::Hide,
        event::EnableBracketedPaste
    )?;
    if MOUSE_WANTED.load(Ordering::SeqCst) {
        stdout.write_all(MOUSE_CLICKS_ON.as_bytes())?;
        stdout.flush()?;
    }
    Ok(())
}

/// Gives the terminal back as it was found. Safe to call from any exit path; only the
/// first call after [`take_terminal`] does anything.
pub fn restore_terminal() {
    if TERMINAL_TAKEN.swap(false, Ordering::SeqCst) {
        let mut stdout = io::stdout();
        let _ = execute!(
            stdout,
            event::DisableBracketedPaste,
            event::DisableMouseCapture,
            terminal::LeaveAlternateScreen,
            cursor::Show
        );
        let _ = terminal::disable_raw_mode();
        let _ = stdout.flush();
    }
}

/// Restores the terminal before the panic message prints, so it lands on the main
/// screen in cooked mode.
///
/// A panic while the reader holds the terminal ends the process (status 101) once the
/// message is out, on whichever thread it happens: a panic on a helper thread (signals,
/// the background load) would otherwise leave the reader running on a terminal
/// it no longer holds, or waiting for keys that never come; and on the main thread,
/// unwinding would flush a half-written frame onto the restored screen.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let reader_running = TERMINAL_TAKEN.load(Ordering::SeqCst);
        restore_terminal();
        previous(info);
        if reader_running {
            std::process::exit(101);
        }
    }));
}

/// Asks the terminal how wide it draws an ambiguous character, once the first frame is
/// on screen: “ printed concealed (SGR 8) at the top left of the alternate screen, then
/// the cursor position asked through crossterm. crossterm reads the answer from the same
/// input as keys and keeps whatever else arrives meanwhile for the loop, in order, so
/// nothing typed while the reader starts is lost; over a remote connection the wait is a
/// round trip, and the keys typed in it are handled right after. Narrow when the terminal
/// does not answer (crossterm gives up after 2 s) or cannot be written to. The caller
/// draws the frame again over the probe's cell.
fn probe_ambiguous_width() -> AmbiguousWidth {
    let mut stdout = io::stdout();
    let asked = stdout
        .write_all(b"\x1b[H\x1b[8m\xe2\x80\x9c\x1b[28m")
        .and_then(|()| stdout.flush());
    match asked.and_then(|()| cursor::position()) {
        // The column is 0-based: after one narrow character it is 1.
        Ok((column, _)) if column >= 2 => AmbiguousWidth::Wide,
        _ => AmbiguousWidth::Narrow,
    }
}

/// A terminating signal ends the reader even when the loop cannot take it (stuck in a
/// read from a terminal that is gone, say): after a grace period in which the loop ends
/// the reader itself (saving the reading position), the terminal is given back and the
/// process exits with 128 + the signal's number.
fn end_if_not_ended(signal: i32) {
    std::thread::spawn(move || {
        std::thread::sleep(TERMINATE_GRACE);
        restore_terminal();
        std::process::exit(128 + signal);
    });
}

/// Hands messages from other threads to the event loop and wakes it: the loop waits in
/// `poll` on the terminal and on this pipe at once.
#[derive(Clone)]
struct Mailbox {
    sender: Sender<Message>,
    wake: Arc<io::PipeWriter>,
}

impl Mailbox {
    fn send(&self, message: Message) -> Result<(), ()> {
        self.sender.send(message).map_err(|_| ())?;
        (&*self.wake).write_all(&[1]).map_err(|_| ())
    }
}

/// Catches terminating, stop, continue and resize signals: from now on they wait, in
/// order, for [`forward_signals`] instead of acting by default.
fn catch_signals() -> io::Result<signal_hook::iterator::Signals> {
    use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP, SIGWINCH};
    signal_hook::iterator::Signals::new([
        SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGTSTP, SIGCONT, SIGWINCH,
    ])
}

/// Forwards the caught signals, those that came meanwhile first, to the event loop.
fn forward_signals(mut signals: signal_hook::iterator::Signals, mailbox: Mailbox) {
    use signal_hook::consts::{SIGCONT, SIGTSTP, SIGWINCH};
    std::thread::spawn(move || {
        for signal in signals.forever() {
            let message = match signal {
                SIGTSTP => Message::Suspend,
                SIGCONT => Message::Continued,
                SIGWINCH => Message::Resized,
                other => {
                    end_if_not_ended(other);
                    Message::Terminate(other)
                }
            };
            if mailbox.send(message).is_err() {
                break;
            }
        }
    });
}

/// The terminal keys come from, as crossterm chooses it: stdin when it is a terminal
/// (it may not be the controlling one), else /dev/tty. Every descriptor of a terminal
/// sees the same input.
fn input_terminal() -> io::Result<std::fs::File> {
    use std::os::fd::AsFd;
    let stdin = io::stdin();
    if rustix::termios::isatty(stdin.as_fd()) {
        file_of(&stdin)
    } else {
        std::fs::File::open("/dev/tty")
    }
}

/// Where the loop waits: the terminal's input and the mailbox's pipe.
struct Inbox {
    tty: std::fs::File,
    wake: io::PipeReader,
    receiver: Receiver<Message>,
}

impl Inbox {
    /// Blocks until there is input or mail, or `until` comes (a rehearsal's next line),
    /// then returns all there is: nothing when the time came first. Keys are read on this
    /// thread rather than handed over by another: a key then wakes one thread, not two,
    /// which on a busy machine is a tenth of a millisecond sooner on the screen.
    fn wait(&mut self, until: Option<Instant>) -> io::Result<Vec<Message>> {
        use rustix::event::{PollFd, PollFlags, Timespec, poll};
        let mut fds = [
            PollFd::new(&self.tty, PollFlags::IN),
            PollFd::new(&self.wake, PollFlags::IN),
        ];
        loop {
            // Asked again after an interruption: the time left is shorter.
            let timeout = until.map(|until| {
                let left = until.saturating_duration_since(Instant::now());
                Timespec {
                    tv_sec: left.as_secs().try_into().unwrap_or(i64::MAX),
                    tv_nsec: left.subsec_nanos().into(),
                }
            });
            match poll(&mut fds, timeout.as_ref()) {
                Ok(_) => break,
                Err(rustix::io::Errno::INTR) => {}
                Err(error) => return Err(error.into()),
            }
        }
        let (input, mail) = (fds[0].revents(), fds[1].revents());
        let mut messages = Vec::new();
        if !mail.is_empty() {
            let mut drained = [0u8; 64];
            let _ = self.wake.read(&mut drained);
            messages.extend(self.receiver.try_iter());
        }
        // crossterm hears SIGWINCH too, and when it finds its resize and a key ready at
        // once it returns the resize and drops the key's readiness (its descriptors are
        // edge-triggered): the key then waits for the next one. So it is asked at the
        // resize, before a key comes; only a key typed in the same instant still waits.
        let resized = messages
            .iter()
            .any(|message| matches!(message, Message::Resized));
        if is_hang_up(input) {
            messages.push(Message::InputClosed);
        } else if !input.is_empty() || resized {
            read_input(&mut messages);
        }
        Ok(messages)
    }
}

/// True for the poll events of a terminal that hung up. Such a terminal reads as an
/// endless end of file, and crossterm, asked to read it, loops on it for ever: it is not
/// asked.
fn is_hang_up(events: rustix::event::PollFlags) -> bool {
    use rustix::event::PollFlags;
    events.intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL)
}

/// True when the terminal has hung up already, asked without waiting.
fn has_hung_up(tty: &std::fs::File) -> bool {
    use rustix::event::{PollFd, PollFlags, Timespec, poll};
    let mut fds = [PollFd::new(tty, PollFlags::IN)];
    poll(&mut fds, Some(&Timespec::default())).is_ok_and(|_| is_hang_up(fds[0].revents()))
}

/// Ends the reader when its terminal hangs up (a window closed, an SSH connection
/// dropped), even when no SIGHUP comes (the terminal is not the session's) and the loop
/// cannot take the news: a hang-up in the instant between the loop's look at the
/// terminal and crossterm's read leaves crossterm reading the end of file for ever. The
/// loop is told, and given the grace a terminating signal gets.
fn watch_for_hang_up(tty: &std::fs::File, mailbox: Mailbox) -> io::Result<()> {
    use rustix::event::{PollFd, PollFlags, poll};
    let tty = tty.try_clone()?;
    std::thread::spawn(move || {
        // Asking for no events, poll returns on a hang-up or an error only, whatever
        // is typed meanwhile (on Linux; where it returns for anything else, the watch
        // stops rather than spin, and the loop still sees a hang-up it can take).
        let mut fds = [PollFd::new(&tty, PollFlags::empty())];
        loop {
            match poll(&mut fds, None) {
                Ok(_) if is_hang_up(fds[0].revents()) => break,
                Err(rustix::io::Errno::INTR) => {}
                Ok(_) | Err(_) => return,
            }
        }
        end_if_not_ended(signal_hook::consts::SIGHUP);
        let _ = mailbox.send(Message::InputClosed);
    });
    Ok(())
}

/// Every terminal event ready now. An error reading (the terminal is gone) ends input.
fn read_input(messages: &mut Vec<Message>) {
    loop {
        match event::poll(Duration::ZERO) {
            Ok(false) => return,
            Ok(true) => match event::read() {
                Ok(event) => messages.push(Message::Input(event)),
                Err(_) => break,
            },
            Err(_) => break,
        }
    }
    messages.push(Message::InputClosed);
}

/// A test-only way to panic inside the reader, to check the terminal is restored. It
/// exists only in debug builds and only when `variable` names the key:
/// `BRIEFING_TEST_PANIC_KEY` panics on the main thread, `BRIEFING_TEST_THREAD_PANIC_KEY`
/// on a helper thread.
fn is_test_panic_key(variable: &str, key: &KeyEvent) -> bool {
    cfg!(debug_assertions)
        && std::env::var(variable)
            .ok()
            .and_then(|k| k.chars().next())
            .is_some_and(|c| key.code == event::KeyCode::Char(c))
}

/// How the reader ended.
pub enum Exit {
    Quit,
    Signal(i32),
}

/// Runs the reader until the user quits or a signal ends it. `probe` asks the terminal
/// for its ambiguous width: `make_app` makes the reader for a narrow one, and when the
/// terminal answers wide, after the first frame, the reader is laid out again.
/// `settle` runs after every batch of events and once at the end (with `true`), for
/// the work that is not the reader's own: saving the reading position.
pub fn run(
    probe: bool,
    mouse: bool,
    make_app: impl FnOnce(AmbiguousWidth, usize, usize) -> App,
    mut settle: impl FnMut(&mut App, bool),
    background: Option<Background>,
) -> io::Result<Exit> {
    install_panic_hook();
    MOUSE_WANTED.store(mouse, Ordering::SeqCst);
    // Signals are caught before the terminal is touched: a SIGTERM or SIGHUP while the
    // reader is being set up would otherwise kill the process by default and leave the
    // terminal raw on the alternate screen. They wait until the first frame is drawn,
    // and then in the channel until the loop runs.
    let (sender, receiver) = mpsc::channel();
    let (wake_reader, wake_writer) = io::pipe()?;
    let mailbox = Mailbox {
        sender,
        wake: Arc::new(wake_writer),
    };
    let signals = catch_signals()?;
    let signals_handle = signals.handle();
    let result = terminal::enable_raw_mode().and_then(|()| {
        TERMINAL_TAKEN.store(true, Ordering::SeqCst);
        take_terminal()?;
        let tty = input_terminal()?;
        let (width, height) = terminal_size(&tty)?;
        let mut app = make_app(
            AmbiguousWidth::Narrow,
            usize::from(width),
            usize::from(height),
        );
        let inbox = Inbox {
            tty,
            wake: wake_reader,
            receiver,
        };
        let after_first_frame = AfterFirstFrame {
            signals,
            background,
        };
        let exit = event_loop(
            &mut app,
            &mut settle,
            after_first_frame,
            probe,
            &mailbox,
            inbox,
        );
        settle(&mut app, true);
        exit
    });
    restore_terminal();
    signals_handle.close();
    result
}

/// What starts once the first frame is on screen, so as not to delay it: the thread that
/// forwards signals and the work in the background.
struct AfterFirstFrame {
    signals: signal_hook::iterator::Signals,
    background: Option<Background>,
}

fn event_loop(
    app: &mut App,
    settle: &mut impl FnMut(&mut App, bool),
    after_first_frame: AfterFirstFrame,
    probe: bool,
    mailbox: &Mailbox,
    mut inbox: Inbox,
) -> io::Result<Exit> {
    // One write a frame. Not through `Stdout`: its line buffer writes up to the last line
    // feed at once, and a frame that scrolls with line feeds would reach the terminal in
    // two pieces, the first showing the text scrolled and the tree not yet repaired. Its
    // own buffer is 1 KiB besides, and a frame of Chinese text is 10–20 KiB.
    let output = BufWriter::with_capacity(FRAME_BUFFER_BYTES, standard_output()?);
    let mut screen = ReaderScreen::new(output, app);
    screen.draw(app)?;
    let AfterFirstFrame {
        signals,
        background,
    } = after_first_frame;
    forward_signals(signals, mailbox.clone());
    watch_for_hang_up(&inbox.tty, mailbox.clone())?;
    if probe {
        if probe_ambiguous_width() == AmbiguousWidth::Wide {
            app.receive(Msg::WidthProbed(AmbiguousWidth::Wide));
        }
        screen.clear(app)?;
        screen.draw(app)?;
    }
    // crossterm makes its reader of the terminal on first use: made now, while nothing
    // waits for it, rather than on the first key, which it would delay by 50 µs. Whatever
    // it reads meanwhile is handled at once. Not from a terminal closed already.
    let mut early = Vec::new();
    if has_hung_up(&inbox.tty) {
        early.push(Message::InputClosed);
    } else {
        read_input(&mut early);
    }
    if let Some(exit) = handle_batch(app, &mut screen, &inbox.tty, early)? {
        return Ok(exit);
    }
    if let Some(start) = background {
        let received = start();
        let forward = mailbox.clone();
        std::thread::spawn(move || {
            for msg in received {
                if forward.send(Message::Received(msg)).is_err() {
                    break;
                }
            }
        });
    }
    loop {
        let messages = inbox.wait(app.next_due())?;
        if let Some(exit) = handle_batch(app, &mut screen, &inbox.tty, messages)? {
            return Ok(exit);
        }
        settle(app, false);
    }
}

/// The time now, for the reader, which reads no clock of its own.
pub fn tick() -> Msg {
    let unix = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |since| since.as_secs());
    Msg::Tick {
        at: Instant::now(),
        unix,
    }
}

/// The standard output as a file of its own, which writes what it is given as it is.
fn standard_output() -> io::Result<std::fs::File> {
    file_of(&io::stdout())
}

/// A file on a descriptor of its own for the same open file as `stream`.
fn file_of(stream: &impl std::os::fd::AsFd) -> io::Result<std::fs::File> {
    Ok(stream.as_fd().try_clone_to_owned()?.into())
}

/// Applies `messages`, then draws once if anything changed.
fn handle_batch(
    app: &mut App,
    screen: &mut ReaderScreen,
    tty: &std::fs::File,
    messages: Vec<Message>,
) -> io::Result<Option<Exit>> {
    // The time first: a rehearsal's band moves on by the lines due by now, and the keys
    // that follow act at this moment.
    let mut redraw = app.receive(tick()) == Effect::Redraw;
    let mut full_redraw = false;
    let mut resized = false;
    for message in messages {
        match message {
            Message::Terminate(signal) => return Ok(Some(Exit::Signal(signal))),
            Message::InputClosed => return Ok(Some(Exit::Quit)),
            Message::Suspend => {
                suspend()?;
                full_redraw = true;
            }
            Message::Continued => full_redraw = true,
            Message::Resized => resized = true,
            Message::Received(msg) => {
                app.receive(msg);
                screen.forget();
                redraw = true;
            }
            Message::Input(event) => {
                resized |= matches!(event, Event::Resize(..));
                if let Event::Key(key) = &event {
                    assert!(
                        !is_test_panic_key("BRIEFING_TEST_PANIC_KEY", key),
                        "test panic requested by BRIEFING_TEST_PANIC_KEY"
                    );
                    if is_test_panic_key("BRIEFING_TEST_THREAD_PANIC_KEY", key) {
                        // Waited for, so that nothing is drawn after the panic hook
                        // has given the terminal back.
                        let helper = std::thread::spawn(|| {
                            panic!("test panic on a helper thread");
                        });
                        let _ = helper.join();
                    }
                }
                for action in actions_for_event(app.input_mode(), &event) {
                    match app.update(action) {
                        Effect::None => {}
                        Effect::Redraw => redraw = true,
                        Effect::Quit => return Ok(Some(Exit::Quit)),
                        Effect::Suspend => {
                            suspend()?;
                            full_redraw = true;
                        }
                    }
                }
            }
        }
    }
    if full_redraw {
        let (width, height) = terminal_size(tty)?;
        app.update(Action::Resize {
            width: usize::from(width),
            height: usize::from(height),
        });
        // Whatever was on the terminal meanwhile is forgotten: the next frame is drawn
        // in full.
        screen.clear(app)?;
    } else if resized {
        // The size is read again after a batch with a resize in it: resize events carry
        // the size read when SIGWINCH arrived, quick resizes coalesce, and a size of 0
        // rows can make crossterm drop one, so the last event may be stale or missing.
        // Every change of size sends SIGWINCH, which comes as `Resized` after the change.
        let (width, height) = terminal_size(tty)?;
        let size = (usize::from(width), usize::from(height));
        if size != app.size() {
            redraw |= app.update(Action::Resize {
                width: size.0,
                height: size.1,
            }) == Effect::Redraw;
        }
    }
    if redraw || full_redraw {
        screen.draw(app)?;
    }
    Ok(None)
}

/// The terminal's size in columns and rows, asked of the descriptor the loop holds
/// open (`terminal::size` opens /dev/tty for every call).
fn terminal_size(tty: &std::fs::File) -> io::Result<(u16, u16)> {
    let size = rustix::termios::tcgetwinsize(tty)?;
    Ok((size.ws_col, size.ws_row))
}

/// Gives the terminal back, stops the process as the default SIGTSTP action would, and
/// takes the terminal again when continued.
fn suspend() -> io::Result<()> {
    restore_terminal();
    signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGTSTP)?;
    take_terminal()
}
