//! End-to-end: the real binary in a pseudo-terminal, the screen read back as a user sees it.

mod harness;
mod rehearsal;

use std::fmt::Write as _;

use std::time::Duration;

use harness::{Answer, Session};

/// Where the text pane starts at 100 columns: a 30-column tree, then one column of padding.
const TEXT_X: u16 = 31;

#[test]
fn reading_the_shipped_briefing_by_keyboard() {
    let (_state, mut session) = open_shipped_briefing();
    let screen = session.rows().join("\n");
    assert!(
        screen.contains("一是 创建要求越来越高"),
        "the tree shows points:\n{screen}"
    );
    assert!(
        screen.contains("二、突出重点"),
        "the tree shows headings:\n{screen}"
    );

    session.send("}");
    wait_top_row(&session, "一、认清形势");

    session.send("]]");
    wait_top_row_contains(&session, "二是");
    session.wait_for("the tree highlights 二是", |screen| {
        let rows: Vec<String> = screen.rows(0, 30).collect();
        rows.iter()
            .position(|row| row.contains("二是 创建难度越来越大"))
            .is_some_and(|row| {
                let cell = screen.cell(u16::try_from(row).unwrap_or(0), 6);
                cell.is_some_and(|cell| cell.bgcolor() != vt100::Color::Default || cell.inverse())
            })
    });

    session.send("2");
    wait_top_row(&session, "二、突出重点");

    session.send("q");
    assert_eq!(session.wait_exit(), 0);
    assert!(!session.alternate_screen(), "the alternate screen is left");
}

#[test]
fn a_resize_alone_lays_the_reader_out_again_and_the_next_key_acts() {
    let (_state, mut session) = open_shipped_briefing();
    // No key after it: the resize itself must bring the new frame.
    session.resize(80, 24);
    session.wait_for("the status line on the last of 24 rows", |screen| {
        screen
            .rows(0, 80)
            .nth(23)
            .is_some_and(|row| row.contains('余') && row.contains("?帮助"))
    });
    // The tree takes 30 % of 80 columns now: the text starts at column 25.
    session.wait_for("the text pane at column 25", |screen| {
        screen
            .rows(25, 55)
            .next()
            .is_some_and(|row| row.trim_start().starts_with("区委书记"))
    });
    // The first key after a resize acts at once, not when a second one comes.
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
}

#[test]
fn line_opens_the_reader_at_a_line_as_outline_numbers_it() {
    let briefing = include_str!("../../data/briefing.txt");
    let line = briefing
        .lines()
        .position(|text| text.trim_start().starts_with("二、"))
        .expect("a second part")
        + 1;
    let state = tempfile::tempdir().expect("state dir");
    let state_home = state.path().to_string_lossy().into_owned();
    let mut session = Session::start(
        &["--line", &line.to_string()],
        100,
        30,
        &[("XDG_STATE_HOME", &state_home)],
    );
    wait_top_row(&session, "二、突出重点");
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
}

#[test]
fn the_config_files_rate_shows_on_the_status_line_and_an_option_overrides_it() {
    let home = tempfile::tempdir().expect("config home");
    std::fs::create_dir_all(home.path().join("briefing")).expect("config dir");
    std::fs::write(home.path().join("briefing/config.toml"), "rate = 1000\n").expect("written");
    let config_home = home.path().to_string_lossy().into_owned();
    let doc = briefing::source::load(
        &briefing::source::Source::Embedded,
        briefing::source::LoadOptions::default(),
    )
    .expect("the shipped briefing");
    let time_left = |rate| {
        let seconds = briefing::report::Stats::new(&doc, rate).seconds;
        format!(
            "余{}",
            briefing::speaking::format_duration(seconds, briefing::lang::Lang::Zh)
        )
    };
    for (args, rate) in [(&[][..], 1000), (&["--rate", "500"][..], 500)] {
        let state = tempfile::tempdir().expect("state dir");
        let state_home = state.path().to_string_lossy().into_owned();
        let env = [
            ("XDG_STATE_HOME", state_home.as_str()),
            ("XDG_CONFIG_HOME", config_home.as_str()),
        ];
        let mut session = Session::start(args, 100, 30, &env);
        let expected = time_left(rate);
        session.wait_for(&expected, |screen| {
            screen
                .rows(0, 100)
                .last()
                .is_some_and(|status| status.contains(&expected))
        });
        session.send("q");
        assert_eq!(session.wait_exit(), 0);
    }
}

#[test]
fn resizing_back_and_forth_keeps_the_top_line() {
    let state = tempfile::tempdir().expect("state dir");
    let state_home = state.path().to_string_lossy().into_owned();
    let mut session = Session::start(&[], 80, 24, &[("XDG_STATE_HOME", &state_home)]);
    session.wait_for_text("区委书记在全区创建全国双拥模范城推进会上的讲话");
    session.send("2");
    session.send(&"j".repeat(15));
    // The tree is 30 % of the width: the text starts at column 25 of 80.
    let text_at = |session: &Session, column: u16, cols: u16| {
        session.screen(|screen| {
            screen
                .rows(column, cols - column)
                .next()
                .unwrap_or_default()
        })
    };
    let wait_laid_out = |session: &Session, cols: u16, rows: u16| {
        session.wait_for("the reader at its new size", |screen| {
            screen
                .rows(0, cols)
                .nth(usize::from(rows) - 1)
                .is_some_and(|row| row.contains('余'))
        });
    };
    // Let the keys act before the top line is read.
    session.wait_for("the 15th line down", |screen| {
        !screen
            .rows(25, 55)
            .next()
            .unwrap_or_default()
            .contains("二、突出重点")
    });
    std::thread::sleep(Duration::from_millis(300));
    let top = text_at(&session, 25, 80);
    for _ in 0..6 {
        session.resize(120, 40);
        wait_laid_out(&session, 120, 40);
        session.resize(80, 24);
        wait_laid_out(&session, 80, 24);
        std::thread::sleep(Duration::from_millis(100));
        assert_eq!(text_at(&session, 25, 80), top);
    }
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
}

/// The reader on the shipped briefing at 100×30, with a state directory of its own (kept
/// while the returned guard lives), once its title is on screen.
fn open_shipped_briefing() -> (tempfile::TempDir, Session) {
    let state = tempfile::tempdir().expect("state dir");
    let state_home = state.path().to_string_lossy().into_owned();
    let session = Session::start(&[], 100, 30, &[("XDG_STATE_HOME", &state_home)]);
    session.wait_for_text("区委书记在全区创建全国双拥模范城推进会上的讲话");
    (state, session)
}

fn wait_top_row(session: &Session, start: &str) {
    session.wait_for(start, |screen| {
        screen
            .rows(TEXT_X, 100 - TEXT_X)
            .next()
            .is_some_and(|row| row.trim_start().starts_with(start))
    });
}

fn wait_top_row_contains(session: &Session, text: &str) {
    session.wait_for(text, |screen| {
        screen
            .rows(TEXT_X, 100 - TEXT_X)
            .next()
            .is_some_and(|row| row.contains(text))
    });
}

fn status_line(session: &Session) -> String {
    session.rows().last().cloned().unwrap_or_default()
}

#[test]
fn search_counts_matches_and_n_moves_on() {
    let expected = include_str!("../../data/briefing.txt")
        .matches("三连冠")
        .count();
    let (_state, mut session) = open_shipped_briefing();
    session.send("/三连冠");
    session.wait_for("the count", |screen| {
        screen.contents().contains(&format!("1/{expected}"))
    });
    session.send("\r");
    session.send("n");
    session.wait_for("n moves to the second match", |screen| {
        screen.contents().contains(&format!("2/{expected}"))
    });
    let screen = session.rows().join("\n");
    assert!(screen.contains("三连冠"), "{screen}");
    assert!(status_line(&session).contains(&format!("2/{expected}")));
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
}

#[test]
fn x_lands_on_the_next_placeholder() {
    let (_state, mut session) = open_shipped_briefing();
    session.send("}x");
    // After 一、 the next blank is XX是革命老区: its line comes to the top.
    wait_top_row_contains(&session, "XX是革命老区");
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
}

#[test]
fn a_mark_and_the_position_survive_quitting_and_reopening() {
    let state = tempfile::tempdir().expect("state dir");
    let state_home = state.path().to_string_lossy().into_owned();
    let env = [("XDG_STATE_HOME", state_home.as_str())];
    let mut first = Session::start(&[], 100, 30, &env);
    first.wait_for_text("区委书记在全区创建全国双拥模范城推进会上的讲话");
    first.send("}");
    wait_top_row(&first, "一、认清形势");
    first.send("ma");
    first.wait_for("the mark is set", |screen| {
        screen.contents().contains("已设标记 a")
    });
    first.send("2q");
    assert_eq!(first.wait_exit(), 0);

    let mut second = Session::start(&[], 100, 30, &env);
    wait_top_row(&second, "二、突出重点");
    second.send("g'a");
    wait_top_row(&second, "一、认清形势");
    second.send("q");
    assert_eq!(second.wait_exit(), 0);

    let mut fresh = Session::start(&["--no-resume"], 100, 30, &env);
    fresh.wait_for_text("区委书记在全区创建全国双拥模范城推进会上的讲话");
    fresh.send("'a");
    wait_top_row(&fresh, "一、认清形势");
    fresh.send("q");
    assert_eq!(fresh.wait_exit(), 0);
}

#[test]
fn the_ambiguous_width_is_asked_of_the_terminal() {
    let state = tempfile::tempdir().expect("state dir");
    let state_home = state.path().to_string_lossy().into_owned();
    let env = [("XDG_STATE_HOME", state_home.as_str())];
    // Box-drawing characters are ambiguous: a wide terminal gets the ASCII separator.
    let separator = |session: &Session| {
        let first = session.rows().first().cloned().unwrap_or_default();
        ['|', '│'].into_iter().find(|bar| first.contains(*bar))
    };
    // The first frame does not wait for the answer: the reader is laid out again once
    // it comes.
    let mut wide = Session::start_wide(&[], 100, 30, &env);
    wide.wait_for_text("区委书记在全区创建全国双拥模范城推进会上的讲话");
    wide.wait_for("the ASCII separator", |screen| {
        screen
            .rows(0, 100)
            .next()
            .is_some_and(|row| row.contains('|'))
    });
    wide.send("q");
    assert_eq!(wide.wait_exit(), 0);

    let mut narrow = Session::start(&[], 100, 30, &env);
    narrow.wait_for_text("区委书记在全区创建全国双拥模范城推进会上的讲话");
    assert_eq!(separator(&narrow), Some('│'));
    narrow.send("q");
    assert_eq!(narrow.wait_exit(), 0);

    let mut forced = Session::start_wide(&["--ambiguous-width", "narrow"], 100, 30, &env);
    forced.wait_for_text("区委书记在全区创建全国双拥模范城推进会上的讲话");
    assert_eq!(
        separator(&forced),
        Some('│'),
        "the option overrides the probe"
    );
    forced.send("q");
    assert_eq!(forced.wait_exit(), 0);
}

#[test]
fn keys_typed_while_the_reader_starts_are_kept() {
    let state = tempfile::tempdir().expect("state dir");
    let state_home = state.path().to_string_lossy().into_owned();
    let expected = include_str!("../../data/briefing.txt")
        .matches("三连冠")
        .count();
    // A terminal a slow round trip away, typed at before the reader has drawn anything:
    // the keys wait in the terminal ahead of the answer to the width probe.
    let answer = Answer {
        wide: true,
        delay: Duration::from_millis(600),
    };
    let mut session =
        Session::start_answering(&[], 100, 30, &[("XDG_STATE_HOME", &state_home)], answer);
    session.send("/三连冠\r");
    session.wait_for("the search typed at start", |screen| {
        screen.contents().contains(&format!("1/{expected}"))
    });
    session.wait_for("the wide layout", |screen| {
        screen
            .rows(0, 100)
            .next()
            .is_some_and(|row| row.contains('|'))
    });
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
    // Nothing of the probe reaches the main screen: it is asked on the alternate one.
    let bytes = session.bytes();
    let alternate = bytes
        .windows(8)
        .position(|w| w == b"\x1b[?1049h")
        .expect("the alternate screen is entered");
    let quote = "\u{201C}".as_bytes();
    assert!(
        !bytes[..alternate].windows(quote.len()).any(|w| w == quote),
        "“ printed on the main screen"
    );
}

#[test]
fn the_mouse_is_asked_for_clicks_and_the_wheel_only() {
    let (_state, mut session) = open_shipped_briefing();
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
    let bytes = String::from_utf8_lossy(&session.bytes()).into_owned();
    assert!(bytes.contains("\x1b[?1000h") && bytes.contains("\x1b[?1006h"));
    assert!(
        !bytes.contains("\x1b[?1003h"),
        "any-motion tracking asked for"
    );
    assert!(
        !bytes.contains("\x1b[?1002h"),
        "button-motion tracking asked for"
    );

    let state = tempfile::tempdir().expect("state dir");
    let state_home = state.path().to_string_lossy().into_owned();
    let mut without = Session::start(&["--no-mouse"], 100, 30, &[("XDG_STATE_HOME", &state_home)]);
    without.wait_for_text("区委书记在全区创建全国双拥模范城推进会上的讲话");
    without.send("q");
    assert_eq!(without.wait_exit(), 0);
    let bytes = String::from_utf8_lossy(&without.bytes()).into_owned();
    assert!(
        !bytes.contains("\x1b[?1000h"),
        "--no-mouse still asks for the mouse"
    );
}

/// A briefing over 3 MiB, large enough to be read in the background: the shipped one's
/// title, then numbered parts of its body, then a footer. Returns its path and the
/// number of the last part.
fn large_briefing(dir: &std::path::Path) -> (String, usize) {
    let briefing = include_str!("../../data/briefing.txt");
    let (head, body) = briefing.split_once("\n\n").expect("a title line");
    let mut text = format!("{head}\n\n");
    let mut part = 0;
    while text.len() < 3 * 1024 * 1024 {
        part += 1;
        let _ = write!(text, "第{part}部分 分报告\n\n{body}\n\n");
    }
    text.push_str("（来源：测试）\n");
    let path = dir.join("big.txt");
    std::fs::write(&path, &text).expect("written");
    (path.to_string_lossy().into_owned(), part)
}

/// Waits for the background load to end: a status line drawn (a frame can reach the
/// terminal in pieces, its status line last) that no longer says it is loading.
fn wait_loaded(session: &Session) {
    session.wait_for("the whole file has loaded", |screen| {
        screen
            .rows(0, 100)
            .last()
            .is_some_and(|status| status.contains('余') && !status.contains("载入中"))
    });
}

#[test]
fn a_large_file_opens_at_once_and_fills_in() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, part) = large_briefing(dir.path());
    let state_home = dir.path().join("state").to_string_lossy().into_owned();
    let mut session = Session::start(&[&path], 100, 30, &[("XDG_STATE_HOME", &state_home)]);
    wait_loaded(&session);
    session.send("G");
    session.wait_for_text("（来源：测试）");
    let status = status_line(&session);
    assert!(status.contains(&format!("第{part}部分")), "{status}");
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
}

#[test]
fn a_large_file_resumes_once_loaded_unless_told_not_to() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, _) = large_briefing(dir.path());
    let state_home = dir.path().join("state").to_string_lossy().into_owned();
    let env = [("XDG_STATE_HOME", state_home.as_str())];
    let mut first = Session::start(&[&path], 100, 30, &env);
    wait_loaded(&first);
    first.send("G");
    first.wait_for_text("（来源：测试）");
    first.send("q");
    assert_eq!(first.wait_exit(), 0);

    let mut resumed = Session::start(&[&path], 100, 30, &env);
    wait_loaded(&resumed);
    resumed.wait_for_text("（来源：测试）");
    resumed.send("q");
    assert_eq!(resumed.wait_exit(), 0);

    let mut fresh = Session::start(&["--no-resume", &path], 100, 30, &env);
    wait_loaded(&fresh);
    // Once loaded, it stays at the top: the title row.
    wait_top_row(&fresh, "区委书记在全区创建全国双拥模范城推进会上的讲话");
    let screen = fresh.rows().join("\n");
    assert!(!screen.contains("（来源：测试）"), "{screen}");
    fresh.send("q");
    assert_eq!(fresh.wait_exit(), 0);
}

/// Whether the terminal is left inside a scrolling region (DECSTBM set, not yet reset)
/// after `bytes`, starting `open` or not; and how many regions were set.
fn scrolling_region_open(bytes: &[u8], mut open: bool) -> (bool, usize) {
    let mut set = 0;
    let mut rest = bytes;
    while let Some(at) = rest.windows(2).position(|pair| pair == b"\x1b[") {
        let parameters = &rest[at + 2..];
        let length = parameters
            .iter()
            .position(|byte| !(byte.is_ascii_digit() || *byte == b';'))
            .unwrap_or(parameters.len());
        if parameters.get(length) == Some(&b'r') {
            open = length > 0;
            set += usize::from(open);
        }
        rest = &parameters[length..];
    }
    (open, set)
}

#[test]
fn a_scrolled_frame_reaches_the_terminal_whole() {
    let (_state, mut session) = open_shipped_briefing();
    // Each j is a chance for the pieces to split; one in three splits without the fix.
    for _ in 0..30 {
        let before = session.rows();
        session.send("j");
        session.wait_for("the text to move one line", |screen| {
            screen
                .rows(0, 100)
                .take(before.len())
                .ne(before.iter().cloned())
        });
    }
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
    let mut open = false;
    let mut regions = 0;
    for (index, piece) in session.pieces().iter().enumerate() {
        let (still_open, set) = scrolling_region_open(piece, open);
        assert!(
            !still_open,
            "piece {index} of the output ends inside a scroll: the terminal shows the text \
             scrolled and the tree beside it not yet repaired"
        );
        (open, regions) = (still_open, regions + set);
    }
    assert!(
        regions >= 30,
        "every j scrolls the text ({regions} scrolls)"
    );
}
