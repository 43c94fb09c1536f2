//! The screen writer's tests: packed cells, the diff, scrolling and the bytes written.

use std::num::NonZeroU16;

use proptest::prelude::*;
use ratatui::style::Style;

use ratatui::buffer::CellWidth;

use super::cells::NAMED_COLOURS;
use super::escape::Sgr;
use super::*;
use crate::text::AmbiguousWidth;
use crate::ui;

/// What a terminal shows after `bytes`, cell by cell: the symbol of every cell that
/// is not the second half of a wide character, and whether it is in reverse video.
pub(crate) fn terminal_cells(bytes: &[u8], area: Rect) -> Vec<(String, bool)> {
    let mut terminal = vt100::Parser::new(area.height, area.width, 0);
    terminal.process(bytes);
    let screen = terminal.screen();
    let mut cells = Vec::new();
    for row in 0..area.height {
        for column in 0..area.width {
            let cell = screen.cell(row, column).expect("inside the screen");
            if !cell.is_wide_continuation() {
                let contents = cell.contents();
                let symbol = if contents.is_empty() { " " } else { contents };
                cells.push((symbol.to_owned(), cell.inverse()));
            }
        }
    }
    cells
}

/// The same for a frame: every cell that no wide character covers.
pub(crate) fn frame_cells(frame: &Buffer) -> Vec<(String, bool)> {
    let mut cells = Vec::new();
    for row in frame.area.top()..frame.area.bottom() {
        let mut column = frame.area.left();
        while column < frame.area.right() {
            let cell = &frame[(column, row)];
            let reversed = cell.modifier.contains(Modifier::REVERSED);
            cells.push((cell.symbol().to_owned(), reversed));
            column += cell.cell_width().max(1);
        }
    }
    cells
}

const PANE_LEFT: u16 = 7;

/// A frame of lines drawn from `lines` starting at `first`, beside a column that
/// stays where it is (a stand-in for the tree) with its `selected` row in reverse
/// video; rows that `plan` carries over are not drawn.
fn pane_frame(
    buffer: &mut Buffer,
    lines: &[String],
    (first, selected): (usize, usize),
    tree: &[String],
    plan: &Plan,
) {
    let area = buffer.area;
    for row in 0..area.height {
        let y = area.y + row;
        let carried = |left: u16| {
            plan.carried
                .iter()
                .any(|carried| carried.y == y && carried.columns.start == left)
        };
        if let Some(label) = tree.get(usize::from(row)).filter(|_| !carried(0)) {
            // The selected row in a colour that does not pack.
            let style = if usize::from(row) == selected {
                Style::new()
                    .add_modifier(Modifier::REVERSED)
                    .fg(Color::Rgb(200, 100, 0))
            } else {
                Style::new()
            };
            ui::put_str(buffer, 0, y, 6, label, style, AmbiguousWidth::Narrow);
        }
        let index = first + usize::from(row);
        if let Some(line) = lines.get(index).filter(|_| !carried(PANE_LEFT)) {
            // Every third line in reverse video, like a search match, in one of the
            // indexed colours; the next one in a named colour.
            let style = match index % 3 {
                0 => Style::new()
                    .add_modifier(Modifier::REVERSED)
                    .fg(Color::Indexed(u8::try_from(index * 37 % 256).unwrap_or(0))),
                1 => Style::new().fg(Color::LightCyan).bg(Color::DarkGray),
                _ => Style::new(),
            };
            let right = area.right();
            ui::put_str(
                buffer,
                PANE_LEFT,
                y,
                right,
                line,
                style,
                AmbiguousWidth::Narrow,
            );
        }
    }
}

/// The plan for showing lines from `top` where lines from `before` were shown: the
/// pane's rows that show a line shown before are carried over, scrolled when asked;
/// the tree column when it is the same.
fn pane_plan(
    area: Rect,
    lines: usize,
    before: (usize, usize),
    now: (usize, usize),
    scroll: bool,
) -> Plan {
    let pane_rows = area.height;
    let shift = now.0.cast_signed() - before.0.cast_signed();
    let mut carried = Vec::new();
    for row in 0..pane_rows {
        if before.1 == now.1 {
            carried.push(Carried {
                y: row,
                from: row,
                columns: 0..6,
            });
        }
        let index = now.0 + usize::from(row);
        let from = usize::from(row).checked_add_signed(shift);
        if let Some(from) = from.filter(|from| *from < usize::from(pane_rows) && index < lines) {
            carried.push(Carried {
                y: row,
                from: u16::try_from(from).expect("small"),
                columns: PANE_LEFT..area.right(),
            });
        }
    }
    let scroll =
        (scroll && shift != 0 && shift.unsigned_abs() < usize::from(pane_rows)).then_some(Scroll {
            rows: 0..pane_rows,
            shift,
        });
    Plan { scroll, carried }
}

#[test]
fn frames_without_columns_or_rows_draw_nothing() {
    for area in [Rect::new(0, 0, 0, 5), Rect::new(0, 0, 5, 0), Rect::ZERO] {
        let mut screen = Screen::new(Vec::new(), area);
        for _ in 0..2 {
            let plan = Plan {
                scroll: Some(Scroll {
                    rows: 0..5,
                    shift: 1,
                }),
                carried: vec![Carried {
                    y: 0,
                    from: 1,
                    columns: 0..0,
                }],
            };
            screen
                .draw(area, plan, |_, _| {})
                .expect("writing to memory");
        }
        assert!(
            !String::from_utf8_lossy(&screen.writer).contains('r'),
            "{area:?}"
        );
    }
}

/// Draws the frames of `views` (top line, selected tree row, carry over, scroll) one
/// after another, and returns the last frame drawn whole, the cells the terminal
/// shows and the screen's copy of them.
fn draw_views(
    area: Rect,
    lines: &[String],
    tree: &[String],
    views: &[(usize, usize, bool, bool)],
) -> (Buffer, Vec<(String, bool)>, Vec<Cell>) {
    let mut screen = Screen::new(Vec::new(), area);
    let mut before: Option<(usize, usize)> = None;
    let mut last = Buffer::empty(area);
    for &(top, selected, carry, scroll) in views {
        let now = (top, selected);
        let plan = match before.filter(|_| carry) {
            Some(before) => pane_plan(area, lines.len(), before, now, scroll),
            None => Plan::default(),
        };
        screen
            .draw(area, plan, |buffer, plan| {
                pane_frame(buffer, lines, now, tree, plan);
            })
            .expect("writing to memory");
        last = Buffer::empty(area);
        pane_frame(&mut last, lines, now, tree, &Plan::default());
        before = Some(now);
    }
    let terminal = terminal_cells(&screen.writer, area);
    let shown = screen
        .shown
        .rows
        .iter()
        .flat_map(|row| (0..row.cells.len()).map(|x| unpacked(row.glyph(x))))
        .collect();
    (last, terminal, shown)
}

/// Cells as a terminal shows them: a blank's foreground is not seen unless a modifier
/// draws it, and the copy of the screen keeps none.
fn as_seen(cells: &[Cell]) -> Vec<Cell> {
    cells
        .iter()
        .map(|cell| {
            let mut seen = cell.clone();
            if cell.symbol() == " " && Packed::foreground_unseen(' ', cell.modifier) {
                seen.fg = Color::Reset;
            }
            seen
        })
        .collect()
}

/// The ratatui cell a glyph stands for.
fn unpacked(glyph: DiffCell) -> Cell {
    match glyph {
        DiffCell::Packed(packed) => {
            let mut cell = Cell::EMPTY;
            cell.set_char(packed.symbol())
                .set_fg(packed.fg())
                .set_bg(packed.bg());
            cell.modifier = packed.modifier();
            cell
        }
        DiffCell::Whole(cell) => cell.clone(),
    }
}

fn numbered(prefix: &str, count: usize) -> Vec<String> {
    (0..count).map(|index| format!("{prefix}{index}")).collect()
}

#[test]
fn packed_cells_keep_their_character_colours_and_modifiers() {
    let mut colours = vec![Color::Reset];
    colours.extend(NAMED_COLOURS);
    colours.extend((0..=255).map(Color::Indexed));
    let modifiers = [
        Modifier::empty(),
        Modifier::REVERSED,
        Modifier::BOLD | Modifier::UNDERLINED,
        Modifier::all(),
    ];
    for (index, &fg) in colours.iter().enumerate() {
        let bg = colours[colours.len() - 1 - index];
        for (symbol, modifier) in ["a", "中", " ", "\u{10FFFF}"].into_iter().zip(modifiers) {
            let mut cell = Cell::EMPTY;
            cell.set_symbol(symbol).set_fg(fg).set_bg(bg);
            cell.modifier = modifier;
            let packed = Packed::of(&cell).expect("packs");
            assert_ne!(packed, Packed::WHOLE);
            assert_eq!(unpacked(DiffCell::Packed(packed)), cell, "{cell:?}");
        }
    }
}

fn colours(fg: Option<Color>, bg: Option<Color>) -> String {
    let mut bytes = Vec::new();
    let mut sgr = Sgr::default();
    sgr.colours(fg, bg);
    sgr.write(&mut bytes).expect("writing to memory");
    String::from_utf8_lossy(&bytes).into_owned()
}

#[test]
fn named_colours_take_their_short_numbers_and_only_changes_are_written() {
    assert_eq!(colours(Some(Color::Gray), None), "\x1b[37m");
    assert_eq!(colours(None, Some(Color::Blue)), "\x1b[44m");
    assert_eq!(
        colours(Some(Color::DarkGray), Some(Color::Reset)),
        "\x1b[90;49m"
    );
    assert_eq!(
        colours(Some(Color::White), Some(Color::LightBlue)),
        "\x1b[97;104m"
    );
    assert_eq!(colours(Some(Color::Indexed(17)), None), "\x1b[38;5;17m");
    assert_eq!(colours(None, Some(Color::Rgb(1, 2, 3))), "\x1b[48;2;1;2;3m");
    assert_eq!(colours(Some(Color::Reset), None), "\x1b[39m");
    assert_eq!(colours(None, None), "");
}

#[test]
fn the_cursor_moves_the_shortest_way() {
    let area = Rect::new(0, 0, 12, 6);
    let mut cell = Cell::EMPTY;
    cell.set_char('字');
    let glyph = DiffCell::of(&cell);
    let mut painter = Painter::new(area.width);
    let mut bytes = Vec::new();
    // Along a row, to the start of the next rows, to the last column and on from
    // there (the cursor waits to wrap), up, and far down.
    let places = [
        (2, 0),
        (6, 0),
        (0, 1),
        (4, 3),
        (10, 3),
        (1, 4),
        (3, 2),
        (5, 5),
    ];
    for (x, y) in places {
        painter
            .paint(&mut bytes, x, y, glyph)
            .expect("writing to memory");
    }
    let text = String::from_utf8_lossy(&bytes);
    assert_eq!(
        text,
        "\x1b[1;3H字\x1b[2C字\r\n字\r\n\n\x1b[4C字\x1b[4C字\r\n\x1b[C字\x1b[3;4H字\x1b[6;6H字"
    );
    let mut terminal = vt100::Parser::new(area.height, area.width, 0);
    terminal.process(&bytes);
    for (x, y) in places {
        let shown = terminal
            .screen()
            .cell(y, x)
            .map(|cell| cell.contents().to_owned());
        assert_eq!(shown.as_deref(), Some("字"), "at {x},{y}");
    }
}

#[test]
fn a_blank_in_another_foreground_is_the_same_blank_unless_a_modifier_shows_it() {
    let area = Rect::new(0, 0, 4, 1);
    let frame = |fg: Color, modifier: Modifier| {
        move |buffer: &mut Buffer, _: &Plan| {
            for x in 0..4 {
                buffer[(x, 0)].set_char(' ').set_fg(fg).modifier = modifier;
            }
        }
    };
    let mut screen = Screen::new(Vec::new(), area);
    screen
        .draw(
            area,
            Plan::default(),
            frame(Color::Reset, Modifier::empty()),
        )
        .expect("drawn");
    let before = screen.writer.len();
    screen
        .draw(
            area,
            Plan::default(),
            frame(Color::Yellow, Modifier::empty()),
        )
        .expect("drawn");
    assert_eq!(screen.writer.len(), before, "nothing to write");
    screen
        .draw(
            area,
            Plan::default(),
            frame(Color::Yellow, Modifier::UNDERLINED),
        )
        .expect("drawn");
    let underlined = String::from_utf8_lossy(&screen.writer[before..]).into_owned();
    // The modifier and the colour in one sequence.
    assert!(underlined.contains("\x1b[4;33m    "), "{underlined:?}");
}

#[test]
fn a_shorter_line_erases_the_rest_of_its_row() {
    let area = Rect::new(0, 0, 12, 2);
    let text = |first: &'static str, second: &'static str| {
        move |buffer: &mut Buffer, _: &Plan| {
            buffer.set_string(0, 0, first, Style::new());
            buffer.set_string(0, 1, second, Style::new().add_modifier(Modifier::REVERSED));
        }
    };
    let mut screen = Screen::new(Vec::new(), area);
    screen
        .draw(area, Plan::default(), text("中文字符abcd", "abc    "))
        .expect("drawn");
    let before = screen.writer.len();
    // The first row ends blank and is erased; the second ends in reverse-video
    // blanks, which erasing would not leave, and is written.
    screen
        .draw(area, Plan::default(), text("中", "a      "))
        .expect("drawn");
    let bytes = String::from_utf8_lossy(&screen.writer[before..]).into_owned();
    assert!(bytes.starts_with("\x1b[1;3H\x1b[K"), "{bytes:?}");
    assert_eq!(bytes.matches("\x1b[K").count(), 1, "{bytes:?}");
    assert_eq!(
        terminal_cells(&screen.writer, area),
        frame_cells(&{
            let mut frame = Buffer::empty(area);
            text("中", "a      ")(&mut frame, &Plan::default());
            frame
        })
    );
}

#[test]
fn a_short_blank_gap_between_changes_is_written_rather_than_moved_over() {
    let area = Rect::new(0, 0, 12, 1);
    let mut screen = Screen::new(Vec::new(), area);
    let mut frame = |draw: &dyn Fn(&mut Buffer)| {
        let before = screen.writer.len();
        screen
            .draw(area, Plan::default(), |buffer, _| draw(buffer))
            .expect("drawn");
        String::from_utf8_lossy(&screen.writer[before..]).into_owned()
    };
    frame(&|buffer| {
        buffer.set_string(0, 0, "a b  c", Style::new());
    });
    // The blanks between the changes are written, a byte each, where a move takes
    // three or four.
    let plain = frame(&|buffer| {
        buffer.set_string(0, 0, "x y  z", Style::new());
    });
    assert_eq!(plain, "\x1b[1;1Hx y  z");
    // After a reversed letter the blanks would print reversed: moved over.
    let reversed = frame(&|buffer| {
        buffer.set_string(0, 0, "x q  w", Style::new());
        buffer.set_string(2, 0, "q", Style::new().add_modifier(Modifier::REVERSED));
    });
    assert_eq!(reversed, "\x1b[1;3H\x1b[7mq\x1b[2C\x1b[0mw");
    let shown: String = terminal_cells(&screen.writer, area)
        .iter()
        .map(|(symbol, _)| symbol.as_str())
        .collect();
    assert_eq!(shown, "x q  w      ");
}

#[test]
fn a_packed_cell_takes_the_columns_ratatui_gives_it() {
    // Narrow, wide, ambiguous (narrow to ratatui), a wide emoji, fullwidth
    // punctuation, a combining accent alone.
    for symbol in ["a", "中", "“", "😀", "，", "\u{301}", " "] {
        let mut cell = Cell::EMPTY;
        cell.set_symbol(symbol);
        let packed = Packed::of(&cell).expect("one character packs");
        assert_eq!(
            DiffCell::Packed(packed).columns(),
            usize::from(cell.cell_width()).max(1),
            "{symbol:?}"
        );
    }
    assert_eq!(DiffCell::Packed(Packed::BLANK).columns(), 1);
}

#[test]
fn colours_and_modifiers_reach_the_terminal() {
    let mut colours: Vec<(Color, vt100::Color)> = vec![(Color::Reset, vt100::Color::Default)];
    colours.extend((0..16u8).map(|n| (NAMED_COLOURS[usize::from(n)], vt100::Color::Idx(n))));
    colours.extend([0u8, 17, 255].map(|n| (Color::Indexed(n), vt100::Color::Idx(n))));
    colours.push((Color::Rgb(1, 2, 3), vt100::Color::Rgb(1, 2, 3)));
    let modifiers = [
        Modifier::BOLD | Modifier::ITALIC,
        Modifier::empty(),
        Modifier::UNDERLINED | Modifier::REVERSED,
        Modifier::REVERSED,
    ];
    let area = Rect::new(0, 0, 2 * u16::try_from(colours.len()).unwrap_or(0), 1);
    let mut frame = Buffer::empty(area);
    for (index, &(colour, _)) in colours.iter().enumerate() {
        let behind = colours[colours.len() - 1 - index].0;
        let cell = &mut frame[(2 * u16::try_from(index).unwrap_or(0), 0)];
        cell.set_char('中').set_fg(colour).set_bg(behind);
        cell.modifier = modifiers[index % modifiers.len()];
    }
    let mut screen = Screen::new(Vec::new(), area);
    screen
        .draw(area, Plan::default(), |buffer, _| buffer.clone_from(&frame))
        .expect("writing to memory");
    let mut terminal = vt100::Parser::new(1, area.width, 0);
    terminal.process(&screen.writer);
    for (index, &(_, fg)) in colours.iter().enumerate() {
        let bg = colours[colours.len() - 1 - index].1;
        let column = 2 * u16::try_from(index).unwrap_or(0);
        let cell = terminal.screen().cell(0, column).expect("on screen");
        let modifier = modifiers[index % modifiers.len()];
        assert_eq!(cell.contents(), "中");
        assert_eq!((cell.fgcolor(), cell.bgcolor()), (fg, bg), "cell {index}");
        assert_eq!(
            (cell.bold(), cell.italic(), cell.underline(), cell.inverse()),
            (
                modifier.contains(Modifier::BOLD),
                modifier.contains(Modifier::ITALIC),
                modifier.contains(Modifier::UNDERLINED),
                modifier.contains(Modifier::REVERSED)
            ),
            "cell {index}"
        );
    }
}

#[test]
fn cells_that_do_not_pack_are_kept_whole() {
    let mut rgb = Cell::EMPTY;
    rgb.set_char('a').set_bg(Color::Rgb(1, 2, 3));
    let mut cluster = Cell::EMPTY;
    cluster.set_symbol("e\u{301}");
    let mut forced = Cell::EMPTY;
    forced
        .set_char('“')
        .set_diff_option(CellDiffOption::ForcedWidth(
            NonZeroU16::MIN.saturating_add(1),
        ));
    for cell in [rgb, cluster, forced] {
        assert_eq!(Packed::of(&cell), None, "{cell:?}");
        let mut row = Row::blank(4);
        row.set_whole(2, cell.clone());
        assert_eq!(row.glyph(2), DiffCell::Whole(&cell));
        row.set_packed(1, &[Packed::BLANK; 2]);
        assert_eq!(row.glyph(2), DiffCell::Packed(Packed::BLANK));
        assert!(row.whole.is_empty());
    }
}

#[test]
fn cells_are_carried_from_rows_a_scroll_pushed_off() {
    let area = Rect::new(0, 0, 16, 6);
    let (lines, tree) = (numbered("line", 20), numbered("t", 6));
    // Three lines up, then three down: the tree stays, and its first rows (then its
    // last ones) are carried from rows the scroll pushed off the screen.
    let views = [(5, 0, true, true), (8, 0, true, true), (5, 0, true, true)];
    for count in 2..=views.len() {
        let (last, terminal, shown) = draw_views(area, &lines, &tree, &views[..count]);
        assert_eq!(terminal, frame_cells(&last), "after {count} frames");
        assert_eq!(shown, as_seen(&last.content), "after {count} frames");
    }
}

#[test]
fn lines_a_scroll_brings_in_are_blank() {
    let area = Rect::new(0, 0, 16, 6);
    // Every line alike (and none of the three in reverse video, which every third
    // line is): the line brought in by the second scroll is the line the first scroll
    // pushed off, and only a blank copy of it tells the terminal's blank row from it.
    let (lines, tree) = (vec!["同一行".to_owned(); 20], numbered("t", 6));
    let views = [(1, 0, true, true), (2, 0, true, true), (3, 0, true, true)];
    let (last, terminal, shown) = draw_views(area, &lines, &tree, &views);
    assert_eq!(terminal, frame_cells(&last));
    assert_eq!(shown, as_seen(&last.content));
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 300,
        // Shrunk failures are reported in the test output; the tree is not ours to write to.
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Whatever the moves, scrolled or not, with cells carried over or drawn, the
    /// terminal ends up showing exactly the last frame.
    #[test]
    fn the_terminal_shows_every_frame_exactly(
        // With combining accents: clusters of more than one character do not pack.
        lines in prop::collection::vec("[a-z 中文，。“”\u{301}]{0,14}", 1..40),
        tree in prop::collection::vec("[a-z一二]{0,5}", 0..12),
        views in prop::collection::vec((0usize..40, 0usize..12, any::<bool>(), any::<bool>()), 1..8),
        height in 2u16..12,
    ) {
        let area = Rect::new(0, 0, 22, height);
        let (last, terminal, shown) = draw_views(area, &lines, &tree, &views);
        prop_assert_eq!(terminal, frame_cells(&last));
        prop_assert_eq!(&shown, &as_seen(&last.content));
    }
}
