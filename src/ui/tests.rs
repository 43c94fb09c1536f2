//! Drawing tests: what a frame draws, what it carries over, and how it is styled.

use crate::term::Screen;
use crate::text::cluster_width;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect as Area;
use ratatui::style::{Color, Modifier};
use unicode_segmentation::UnicodeSegmentation;

use super::*;
use proptest::prelude::{Just, Strategy, prop_oneof};

use crate::app::{Action, Settings};
use crate::term::tests::{frame_cells, terminal_cells};

fn reader(width: u16, height: u16) -> App {
    App::new(
        crate::parse::parse_text(include_str!("../../data/briefing.txt")),
        Settings::default(),
        usize::from(width),
        usize::from(height),
    )
}

fn full_frame(app: &App) -> Buffer {
    let (width, height) = app.size();
    let mut frame = Buffer::empty(Area::new(0, 0, to_u16(width), to_u16(height)));
    draw(app, &mut frame);
    frame
}

#[test]
fn one_line_down_scrolls_the_text_and_carries_its_lines_over() {
    let mut app = reader(120, 40);
    let mut carrying = ReaderScreen::new(Vec::new(), &app);
    let mut repainting = Screen::new(Vec::new(), frame_area(&app));
    carrying.draw(&app).expect("drawn");
    repainting
        .draw(frame_area(&app), Plan::default(), |buffer, _| {
            draw(&app, buffer);
        })
        .expect("drawn");
    let before = (carrying.writer().len(), repainting.writer().len());
    app.update(Action::Down);
    carrying.draw(&app).expect("drawn");
    repainting
        .draw(frame_area(&app), Plan::default(), |buffer, _| {
            draw(&app, buffer);
        })
        .expect("drawn");
    let scrolled = &carrying.writer()[before.0..];
    let repainted = &repainting.writer()[before.1..];
    assert!(String::from_utf8_lossy(scrolled).contains("\x1b[1;39r"));
    assert!(
        scrolled.len() * 2 < repainted.len(),
        "{} bytes scrolled against {} repainted",
        scrolled.len(),
        repainted.len()
    );
    let area = frame_area(&app);
    assert_eq!(
        terminal_cells(carrying.writer(), area),
        frame_cells(&full_frame(&app))
    );
}

/// The shipped briefing as one section of many: a part heading and sections of the
/// speech's three headings and their points, so that the tree fills a tall pane.
fn sectioned_briefing(sections: usize) -> String {
    let briefing = include_str!("../../data/briefing.txt");
    let start = briefing.find("  一、").expect("the first heading");
    let end = briefing.rfind("同志们").expect("the closing");
    let piece = |range: std::ops::Range<usize>| briefing.get(range).expect("on characters");
    let mut text = piece(0..start).to_owned();
    text.push_str("  第一部分　全区双拥创建工作部署\n\n");
    for section in 1..=sections {
        text.push_str("  第");
        text.push_str(&section.to_string());
        text.push_str("节　推进会讲话要点\n\n");
        text.push_str(piece(start..end));
    }
    text.push_str(piece(end..briefing.len()));
    text
}

/// A line down beside a tree that fills the pane is written in one piece of at most
/// 2 KiB, the most a terminal's kernel driver passes on at once: a larger frame can
/// reach the terminal in two reads, and show half drawn in between.
#[test]
fn a_line_down_beside_a_full_tree_takes_one_write_of_the_terminal() {
    const TERMINAL_WRITE: usize = 2048;
    let doc = crate::parse::parse_text(&sectioned_briefing(3));
    let mut app = App::new(doc, Settings::default(), 120, 40);
    assert!(app.tree_rows().len() > 40, "the tree fills the pane");
    let mut screen = ReaderScreen::new(Vec::new(), &app);
    screen.draw(&app).expect("drawn");
    for _ in 0..5 {
        let before = screen.writer().len();
        app.update(Action::Down);
        screen.draw(&app).expect("drawn");
        let written = screen.writer().len() - before;
        assert!(written <= TERMINAL_WRITE, "{written} bytes for a line down");
    }
    assert_eq!(
        terminal_cells(screen.writer(), frame_area(&app)),
        frame_cells(&full_frame(&app))
    );
}

fn action() -> impl Strategy<Value = Vec<Action>> {
    prop_oneof![
        Just(vec![Action::Down]),
        Just(vec![Action::Up]),
        Just(vec![Action::PageDown]),
        Just(vec![Action::PageUp]),
        Just(vec![Action::HalfPageDown]),
        Just(vec![Action::Top]),
        Just(vec![Action::Bottom]),
        Just(vec![Action::NextPoint]),
        Just(vec![Action::PreviousPoint]),
        Just(vec![Action::NextHeading]),
        Just(vec![Action::PreviousHeading]),
        Just(vec![Action::ToggleFocus]),
        Just(vec![Action::Fold]),
        Just(vec![Action::TreeWider]),
        Just(vec![Action::NextPlaceholder]),
        Just(vec![
            Action::Search,
            Action::Input('双'),
            Action::Input('拥'),
            Action::Accept
        ]),
        Just(vec![Action::SearchNext]),
        Just(vec![Action::Escape]),
        Just(vec![Action::Help]),
        (40usize..140, 8usize..45)
            .prop_map(|(width, height)| vec![Action::Resize { width, height }]),
    ]
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig {
        cases: 64,
        // Shrunk failures are reported in the test output; the tree is not ours to write to.
        failure_persistence: None,
        ..proptest::prelude::ProptestConfig::default()
    })]

    /// Whatever the reader does, carrying cells over and scrolling leave on the
    /// terminal exactly what drawing the whole frame afresh gives.
    #[test]
    fn the_terminal_shows_what_a_whole_frame_shows(
        steps in proptest::collection::vec(action(), 1..16),
    ) {
        let mut app = reader(100, 30);
        let mut screen = ReaderScreen::new(Vec::new(), &app);
        screen.draw(&app).expect("drawn");
        for step in &steps {
            for action in step {
                app.update(*action);
            }
            screen.draw(&app).expect("drawn");
            let area = frame_area(&app);
            // The terminal a resize leaves behind is cleared, as the reader's own
            // loop does it; here only what was written since is looked at.
            proptest::prop_assert_eq!(
                terminal_cells(screen.writer(), area),
                frame_cells(&full_frame(&app)),
                "after {:?}", step
            );
        }
    }
}

/// The style of each character of `needle` where it first shows right of `left`.
fn styles_at(frame: &Buffer, left: usize, needle: &str) -> Vec<Style> {
    for y in frame.area.top()..frame.area.bottom() {
        // The row's text, and the column each of its characters starts at.
        let mut row = String::new();
        let mut columns = Vec::new();
        let mut x = to_u16(left);
        while x < frame.area.right() {
            let cell = &frame[(x, y)];
            row.push_str(cell.symbol());
            columns.push((row.len(), x));
            x += cell.cell_width().max(1);
        }
        if let Some(at) = row.find(needle) {
            let first = columns
                .iter()
                .position(|(end, _)| *end > at)
                .expect("a column");
            return columns[first..first + needle.chars().count()]
                .iter()
                .map(|&(_, x)| frame[(x, y)].style())
                .collect();
        }
    }
    panic!("{needle} is not on screen");
}

#[test]
fn text_is_styled_by_its_role_and_its_marks() {
    use crate::app::{Action, Settings};
    let mut app = App::new(
        crate::parse::parse_text(include_str!("../../data/briefing.txt")),
        Settings::default(),
        120,
        40,
    );
    app.update(Action::Search);
    for c in "双拥工作".chars() {
        app.update(Action::Input(c));
    }
    app.update(Action::Accept);
    let mut frame = Buffer::empty(Area::new(0, 0, 120, 40));
    draw(&app, &mut frame);
    let text = app.panes().text.x;
    let heading = styles_at(&frame, text, "认清形势");
    assert!(
        heading
            .iter()
            .all(|style| style.add_modifier.contains(Modifier::BOLD))
    );
    let plain = styles_at(&frame, text, "中国人民");
    assert!(plain.iter().all(|style| style.bg == Some(Color::Reset)
        && style.fg == Some(Color::Reset)
        && style.add_modifier.is_empty()));
    let point = styles_at(&frame, text, "一是创建");
    assert_eq!(point[0].fg, Some(Color::Cyan));
    assert_eq!(point[2].fg, Some(Color::Reset));
    let matched = styles_at(&frame, text, "双拥工作的标准");
    assert!(
        matched[..4]
            .iter()
            .all(|style| style.bg == Some(Color::Yellow))
    );
    assert_eq!(matched[4].bg, Some(Color::Reset));
    let placeholder = styles_at(&frame, text, "XX年我区");
    assert!(placeholder[0].add_modifier.contains(Modifier::UNDERLINED));
}

#[test]
fn our_width_agrees_with_ratatuis_buffer_on_the_shipped_briefing() {
    let text = include_str!("../../data/briefing.txt");
    let mut buffer = Buffer::empty(Area::new(0, 0, 8, 1));
    let mut checked = 0;
    for cluster in text
        .graphemes(true)
        .filter(|g| !g.chars().any(char::is_control))
    {
        let (next_x, _) = buffer.set_stringn(0, 0, cluster, 8, Style::new());
        assert_eq!(
            usize::from(next_x),
            cluster_width(cluster, AmbiguousWidth::Narrow),
            "{cluster:?}"
        );
        checked += 1;
    }
    assert!(checked > 2000);
}

/// A terminal that draws East Asian Ambiguous characters two columns wide: follows
/// cursor moves (CSI row;col H) and prints clusters, skipping other escape sequences.
/// Returns the cluster that starts at each column of row 0.
fn wide_terminal_row(bytes: &[u8], width: usize) -> Vec<Option<String>> {
    let text = String::from_utf8_lossy(bytes);
    let mut row = vec![None; width];
    let (mut x, mut y) = (0usize, 0usize);
    let mut rest: &str = &text;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("\x1b[") {
            let end = after
                .find(|c: char| c.is_ascii_alphabetic())
                .expect("a final byte");
            let (params, tail) = after.split_at(end);
            if tail.starts_with('H') {
                let mut numbers = params.split(';').map(|n| n.parse::<usize>().unwrap_or(1));
                y = numbers.next().unwrap_or(1) - 1;
                x = numbers.next().unwrap_or(1) - 1;
            }
            rest = tail.get(1..).unwrap_or_default();
            continue;
        }
        let cluster = rest.graphemes(true).next().unwrap_or_default();
        rest = rest.get(cluster.len()..).unwrap_or_default();
        if y == 0 && x < width {
            row[x] = Some(cluster.to_owned());
        }
        x += cluster_width(cluster, AmbiguousWidth::Wide);
    }
    row
}

#[test]
fn wide_mode_rows_stay_aligned_in_the_escape_output() {
    let width = 16u16;
    let mut written = Vec::new();
    let area = Area::new(0, 0, width, 1);
    let mut screen = Screen::new(&mut written, area);
    // A previous frame leaves other text under the cells that the wide characters'
    // second halves cover, so a naive diff would rewrite them and shift the row.
    for text in ["abcdefghijklmnop", "“好”…中①X"] {
        screen
            .draw(area, Plan::default(), |buffer, _| {
                put_str(
                    buffer,
                    0,
                    0,
                    width,
                    text,
                    Style::new(),
                    AmbiguousWidth::Wide,
                );
            })
            .expect("draws");
    }
    drop(screen);
    let bytes = written;
    let row = wide_terminal_row(&bytes, usize::from(width));
    let at = |x: usize| row[x].as_deref();
    // “ 0-1, 好 2-3, ” 4-5, … 6-7, 中 8-9, ① 10-11, X 12.
    assert_eq!(
        [at(0), at(2), at(4), at(6), at(8), at(10), at(12)],
        [
            Some("“"),
            Some("好"),
            Some("”"),
            Some("…"),
            Some("中"),
            Some("①"),
            Some("X")
        ],
        "{:?}",
        String::from_utf8_lossy(&bytes)
    );
}

/// The parameters of every SGR sequence in `bytes`.
fn sgr_parameters(bytes: &[u8]) -> Vec<u16> {
    let text = String::from_utf8_lossy(bytes);
    text.split("\x1b[")
        .skip(1)
        .filter_map(|rest| {
            let (params, after) =
                rest.split_at(rest.find(|c: char| !(c.is_ascii_digit() || c == ';'))?);
            after.starts_with('m').then(|| params.to_owned())
        })
        .flat_map(|params| {
            params
                .split(';')
                .filter_map(|p| p.parse().ok())
                .collect::<Vec<u16>>()
        })
        .collect()
}

fn searched_frame_bytes(colour: bool) -> Vec<u8> {
    let settings = Settings {
        colour,
        ..Settings::default()
    };
    let doc = crate::parse::parse_text(include_str!("../../data/briefing.txt"));
    let mut app = App::new(doc, settings, 100, 30);
    app.update(Action::Search);
    for c in "三连冠".chars() {
        app.update(Action::Input(c));
    }
    app.update(Action::Accept);
    app.update(Action::ToggleFocus);
    app.update(Action::ToggleFocus);
    let mut screen = ReaderScreen::new(Vec::new(), &app);
    screen.draw(&app).expect("drawn");
    screen.writer().clone()
}

#[test]
fn without_colour_nothing_is_coloured_and_the_marks_still_stand_out() {
    let is_colour = |p: &u16| matches!(p, 30..=49 | 90..=107);
    let coloured = sgr_parameters(&searched_frame_bytes(true));
    assert!(coloured.iter().any(is_colour), "the scan finds colours");
    let plain = sgr_parameters(&searched_frame_bytes(false));
    assert!(!plain.iter().any(is_colour), "{plain:?}");
    // The matches (a background colour before) are bold and underlined; the current
    // one and the status line reversed.
    for attribute in [1, 4, 7] {
        assert!(plain.contains(&attribute), "SGR {attribute} missing");
    }
}

#[test]
fn the_cursor_shows_at_the_prompts_input_point_and_hides_after() {
    let mut app = reader(100, 30);
    let mut screen = ReaderScreen::new(Vec::new(), &app);
    screen.draw(&app).expect("drawn");
    assert!(!String::from_utf8_lossy(screen.writer()).contains("\x1b[?25h"));
    app.update(Action::Search);
    for c in "三连".chars() {
        app.update(Action::Input(c));
    }
    app.update(Action::Edit(crate::action::Edit::Left));
    screen.draw(&app).expect("drawn");
    let written = String::from_utf8_lossy(screen.writer()).into_owned();
    // The status line is row 30; " /三" takes columns 1–4, the cursor stands on 连 (5).
    assert!(written.ends_with("\x1b[30;5H\x1b[?25h"), "{written:?}");
    app.update(Action::Accept);
    screen.draw(&app).expect("drawn");
    assert!(String::from_utf8_lossy(screen.writer()).ends_with("\x1b[?25l"));
}

#[test]
fn a_long_query_shows_its_end_and_the_cursor_stays_in_the_line() {
    let mut app = reader(40, 15);
    app.update(Action::Search);
    let query = "创建全国双拥模范城推进会上的讲话三连冠目标";
    for c in query.chars() {
        app.update(Action::Input(c));
    }
    let frame = full_frame(&app);
    // A wide character's second cell holds a blank: left out to read the line.
    let status: String = (0..40)
        .map(|x| frame[(x, 14)].symbol().to_owned())
        .collect::<String>()
        .replace(' ', "");
    assert!(status.contains("三连冠目标"), "{status}");
    assert!(status.contains('…'), "cut at its start: {status}");
    let (x, y) = status::prompt_cursor(&app).expect("a cursor");
    assert_eq!(y, 14);
    assert!(x < 40, "{x}");
}

#[test]
fn the_status_line_names_the_file_and_its_encoding_when_there_is_room() {
    let mut app = reader(120, 30);
    app.set_source("讲话.txt");
    let status = |app: &App| {
        let frame = full_frame(app);
        let (width, height) = app.size();
        (0..to_u16(width))
            .map(|x| frame[(x, to_u16(height - 1))].symbol().to_owned())
            .collect::<String>()
            .replace(' ', "")
    };
    assert!(status(&app).contains("讲话.txt·UTF-8"), "{}", status(&app));
    // At 60 columns the location needs the room: the name gives way first.
    app.update(Action::Resize {
        width: 60,
        height: 30,
    });
    let narrow = status(&app);
    assert!(
        !narrow.contains("讲话.txt") && narrow.contains('余'),
        "{narrow}"
    );
}
