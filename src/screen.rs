//! The reader's screen: the frame the terminal shows, the next one, and the bytes that
//! turn one into the other. ratatui's `Terminal` does this for any backend; the reader
//! does it itself for two savings that need the whole of both frames.
//!
//! The cursor after a wide character: ratatui-crossterm moves the cursor explicitly before every cell that does not sit one
//! column after the previous one, so each cell after a Chinese character costs a
//! `CSI row;col H` of 6–8 bytes: 10 of the 14 KB of a frame of the shipped briefing.
//! Here the cursor is known to stand `width` columns on after printing a cell of that
//! width (the width ratatui itself gives the cell, `ForcedWidth` included), so a move is
//! written only where the next cell really is somewhere else. A frame is a third of the
//! size and reaches the screen sooner.
//!
//! Scrolling: when the text pane moves by a few lines (`j`, `k`, a jump nearby), every
//! one of its cells changes, and a diff repaints the whole pane: 5 KB for one line at
//! 120×40, more than a pseudo-terminal hands over in one read. Terminals scroll only
//! whole rows (left and right margins, DECSLRM, are missing from tmux and many others),
//! so the rows of the pane are scrolled with DECSTBM and line feeds, the copy of the
//! screen is scrolled the same way, and the diff against that copy repairs the tree
//! beside the pane, which moved with it. A `j` then writes the new line, the status
//! line and the tree cells that differ from the row below them.

use std::io::{self, Write};
use std::ops::Range;

use crossterm::cursor::MoveTo;
use crossterm::queue;
use crossterm::style::{
    Attribute, Color as CColor, Colors, SetAttribute, SetBackgroundColor, SetColors,
    SetForegroundColor,
};
use crossterm::terminal::{Clear, ClearType};
use ratatui::buffer::{Buffer, Cell, CellWidth};
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};

/// Draws frames on a terminal through `writer`.
pub struct Screen<W: Write> {
    writer: W,
    /// What the terminal shows: the last frame drawn, or blank after a clear.
    shown: Buffer,
    /// The frame being drawn.
    next: Buffer,
    /// Fingerprints of the rows of the scroll area in `shown`, kept from when it was
    /// drawn: the copy of the screen is then read once per frame, not twice.
    shown_rows: Option<(Rect, Vec<u64>)>,
}

impl<W: Write> Screen<W> {
    /// A screen of `area` that shows nothing yet, as the alternate screen on entering it.
    pub fn new(writer: W, area: Rect) -> Self {
        Self {
            writer,
            shown: Buffer::empty(area),
            next: Buffer::empty(area),
            shown_rows: None,
        }
    }

    /// Clears the terminal, which is now `area` large: the next frame is drawn in full.
    pub fn clear(&mut self, area: Rect) -> io::Result<()> {
        queue!(self.writer, Clear(ClearType::All))?;
        self.shown = Buffer::empty(area);
        self.shown_rows = None;
        Ok(())
    }

    /// Draws a frame of `area`, which `render` fills, writing only what differs from the
    /// screen. The rows of `scroll_area` are scrolled first when its content moved up or
    /// down as a whole.
    pub fn draw(
        &mut self,
        area: Rect,
        scroll_area: Option<Rect>,
        render: impl FnOnce(&mut Buffer),
    ) -> io::Result<()> {
        if area != self.shown.area {
            self.clear(area)?;
        }
        self.next.resize(area);
        self.next.reset();
        render(&mut self.next);
        let scroll = self.moved_lines(scroll_area.map(|scroll| scroll.intersection(area)));
        if let Some(scroll) = &scroll {
            queue_scroll(&mut self.writer, scroll)?;
        }
        let changes = changed_cells(&self.shown, &self.next, scroll.as_ref());
        write_cells(&mut self.writer, changes.into_iter())?;
        self.writer.flush()?;
        std::mem::swap(&mut self.shown, &mut self.next);
        Ok(())
    }

    /// The scroll of the rows of `area` that brings back most of what the next frame
    /// shows in it, if its content moved up or down as a whole. Whatever else the scroll
    /// moves (the tree beside the pane) the diff repairs.
    fn moved_lines(&mut self, area: Option<Rect>) -> Option<Scroll> {
        let kept = self.shown_rows.take();
        let area = area.filter(|area| area.height >= 2)?;
        let new = row_fingerprints(&self.next, area);
        let old = match kept {
            Some((kept_area, rows)) if kept_area == area => rows,
            _ => row_fingerprints(&self.shown, area),
        };
        let moved = detect_shift(&old, &new, area.width);
        self.shown_rows = Some((area, new));
        let (shift, reappearing) = moved?;
        // A scroll moves whole rows, so what lies beside the area on them is written
        // again: it pays only when the lines it brings back hold more cells than that.
        let beside = usize::from(self.next.area.width.saturating_sub(area.width));
        let repaired = beside * usize::from(area.height);
        (reappearing * usize::from(area.width) > repaired).then(|| Scroll {
            rows: area.top()..area.bottom(),
            shift,
        })
    }
}

/// Rows of the screen that moved up (`shift` positive) or down by `shift` lines.
struct Scroll {
    rows: Range<u16>,
    shift: isize,
}

impl Scroll {
    /// The row of the screen before the scroll that shows on row `y` after it; None for
    /// a line that came in blank.
    fn origin(&self, y: u16) -> Option<u16> {
        if !self.rows.contains(&y) {
            return Some(y);
        }
        let from = usize::from(y).checked_add_signed(self.shift)?;
        u16::try_from(from)
            .ok()
            .filter(|from| self.rows.contains(from))
    }
}

/// The cells of `next` to write on a terminal that shows `shown`, its rows moved by
/// `scroll` if any.
///
/// Not ratatui's `Buffer::diff`, for two reasons: it cannot compare a row with another
/// row, which a scroll needs, and it asks the width of every cell, equal or not, which
/// was a sixth of the time to draw a frame. Here an equal cell is passed over (a wide
/// character equal to the one shown has equal trailing cells too), and widths are asked
/// only of the cells that change. A wide character that is overwritten is erased by the
/// terminal as a whole, so every column it covered is written again.
fn changed_cells<'a>(
    shown: &Buffer,
    next: &'a Buffer,
    scroll: Option<&Scroll>,
) -> Vec<(u16, u16, &'a Cell)> {
    let width = usize::from(next.area.width);
    let mut changes = Vec::new();
    if width == 0 || shown.area != next.area {
        return changes;
    }
    let blank = vec![Cell::EMPTY; width];
    for (row, new) in next.content.chunks_exact(width).enumerate() {
        let y = next.area.y + u16::try_from(row).unwrap_or(u16::MAX);
        let old = match scroll.map_or(Some(y), |scroll| scroll.origin(y)) {
            Some(origin) => {
                let start = usize::from(origin - shown.area.y) * width;
                &shown.content[start..start + width]
            }
            None => &blank[..],
        };
        changed_in_row(next.area.x, y, old, new, &mut changes);
    }
    changes
}

fn changed_in_row<'a>(
    left: u16,
    y: u16,
    old: &[Cell],
    new: &'a [Cell],
    changes: &mut Vec<(u16, u16, &'a Cell)>,
) {
    let width_of = |cell: &Cell| usize::from(cell.cell_width().max(1));
    let mut x = 0;
    // Columns before which every cell is written: the rest of an erased wide character.
    let mut rewrite_until = 0;
    while let Some(cell) = new.get(x) {
        if x >= rewrite_until && old.get(x) == Some(cell) {
            x += 1;
            continue;
        }
        let end = x + width_of(cell);
        for (covered, under) in old.iter().enumerate().take(end).skip(x) {
            rewrite_until = rewrite_until.max(covered + width_of(under));
        }
        changes.push((left + u16::try_from(x).unwrap_or(u16::MAX), y, cell));
        x = end;
    }
}

/// Fingerprints of the rows of `area` in `buffer`, each cut to the columns of `area`.
/// They only choose which shift to try, and the diff after the scroll repairs whatever
/// they got wrong, so only the symbols are mixed in, with the multiplier of `FxHash`:
/// hashing whole cells through `Hash` took a tenth of a frame.
fn row_fingerprints(buffer: &Buffer, area: Rect) -> Vec<u64> {
    const SEED: u64 = 0x517c_c1b7_2722_0a95;
    let width = usize::from(area.width);
    (area.top()..area.bottom())
        .map(|y| {
            let start = buffer.index_of(area.left(), y);
            buffer.content[start..start + width]
                .iter()
                .fold(0u64, |hash, cell| {
                    let symbol = cell
                        .symbol()
                        .bytes()
                        .fold(0u64, |word, byte| (word << 8) | u64::from(byte));
                    (hash.rotate_left(5) ^ symbol).wrapping_mul(SEED)
                })
        })
        .collect()
}

/// How many lines the rows fingerprinted `old` moved up (positive) or down (negative)
/// to become the rows fingerprinted `new`: the smallest shift under which more than half
/// of the lines that stay in view reappear, not counting blank ones; with the number of
/// lines that reappear. None when there is no such shift.
fn detect_shift(old: &[u64], new: &[u64], width: u16) -> Option<(isize, usize)> {
    if old == new {
        return None;
    }
    let blank_row = Rect::new(0, 0, width, 1);
    let blank = row_fingerprints(&Buffer::empty(blank_row), blank_row)[0];
    let height = old.len().cast_signed();
    (1..height)
        .flat_map(|distance| [distance, -distance])
        .find_map(|shift| {
            let (mut staying, mut reappearing) = (0, 0);
            for (row, fingerprint) in new.iter().enumerate() {
                let Some(from) = row.checked_add_signed(shift).and_then(|from| old.get(from))
                else {
                    continue;
                };
                if *fingerprint != blank {
                    staying += 1;
                    reappearing += usize::from(from == fingerprint);
                }
            }
            (reappearing * 2 > staying).then_some((shift, reappearing))
        })
}

/// Scrolls the terminal's rows as [`Scroll::origin`] says: within a scrolling region
/// (DECSTBM), line feeds on its last row move it up and reverse indexes on its first row
/// move it down; then the region is the whole screen again.
fn queue_scroll(writer: &mut impl Write, scroll: &Scroll) -> io::Result<()> {
    let Scroll { rows, shift } = scroll;
    let shift = *shift;
    let (top, bottom) = (u32::from(rows.start) + 1, u32::from(rows.end));
    write!(writer, "\x1b[{top};{bottom}r")?;
    if shift > 0 {
        write!(writer, "\x1b[{bottom};1H")?;
        for _ in 0..shift {
            writer.write_all(b"\n")?;
        }
    } else {
        write!(writer, "\x1b[{top};1H")?;
        for _ in 0..shift.unsigned_abs() {
            writer.write_all(b"\x1bM")?;
        }
    }
    writer.write_all(b"\x1b[r")
}

fn crossterm_color(color: Color) -> CColor {
    match color {
        Color::Reset => CColor::Reset,
        Color::Black => CColor::Black,
        Color::Red => CColor::DarkRed,
        Color::Green => CColor::DarkGreen,
        Color::Yellow => CColor::DarkYellow,
        Color::Blue => CColor::DarkBlue,
        Color::Magenta => CColor::DarkMagenta,
        Color::Cyan => CColor::DarkCyan,
        Color::Gray => CColor::Grey,
        Color::DarkGray => CColor::DarkGrey,
        Color::LightRed => CColor::Red,
        Color::LightGreen => CColor::Green,
        Color::LightBlue => CColor::Blue,
        Color::LightYellow => CColor::Yellow,
        Color::LightMagenta => CColor::Magenta,
        Color::LightCyan => CColor::Cyan,
        Color::White => CColor::White,
        Color::Indexed(index) => CColor::AnsiValue(index),
        Color::Rgb(r, g, b) => CColor::Rgb { r, g, b },
    }
}

fn queue_added(writer: &mut impl Write, added: Modifier) -> io::Result<()> {
    let attributes = [
        (Modifier::BOLD, Attribute::Bold),
        (Modifier::DIM, Attribute::Dim),
        (Modifier::ITALIC, Attribute::Italic),
        (Modifier::UNDERLINED, Attribute::Underlined),
        (Modifier::SLOW_BLINK, Attribute::SlowBlink),
        (Modifier::RAPID_BLINK, Attribute::RapidBlink),
        (Modifier::REVERSED, Attribute::Reverse),
        (Modifier::HIDDEN, Attribute::Hidden),
        (Modifier::CROSSED_OUT, Attribute::CrossedOut),
    ];
    for (modifier, attribute) in attributes {
        if added.contains(modifier) {
            queue!(writer, SetAttribute(attribute))?;
        }
    }
    Ok(())
}

/// Writes `cells` (the cells that changed, in row order) with as few cursor moves and
/// attribute changes as their order allows, and leaves the attributes reset.
fn write_cells<'a>(
    writer: &mut impl Write,
    cells: impl Iterator<Item = (u16, u16, &'a Cell)>,
) -> io::Result<()> {
    let mut fg = Color::Reset;
    let mut bg = Color::Reset;
    let mut modifier = Modifier::empty();
    // Where the cursor stands after the last cell printed.
    let mut cursor: Option<(u16, u16)> = None;
    for (x, y, cell) in cells {
        if cursor != Some((x, y)) {
            queue!(writer, MoveTo(x, y))?;
        }
        if cell.modifier != modifier {
            if (modifier - cell.modifier).is_empty() {
                queue_added(writer, cell.modifier - modifier)?;
            } else {
                // Taking an attribute off means starting again from none, which
                // resets the colours too.
                queue!(writer, SetAttribute(Attribute::Reset))?;
                queue_added(writer, cell.modifier)?;
                fg = Color::Reset;
                bg = Color::Reset;
            }
            modifier = cell.modifier;
        }
        if cell.fg != fg || cell.bg != bg {
            queue!(
                writer,
                SetColors(Colors::new(
                    crossterm_color(cell.fg),
                    crossterm_color(cell.bg)
                ))
            )?;
            fg = cell.fg;
            bg = cell.bg;
        }
        // The bytes themselves: `Print` formats through `Display`, a fifth of the time
        // to write a frame.
        writer.write_all(cell.symbol().as_bytes())?;
        let width = cell.cell_width().max(1);
        cursor = Some((x.saturating_add(width), y));
    }
    queue!(
        writer,
        SetForegroundColor(CColor::Reset),
        SetBackgroundColor(CColor::Reset),
        SetAttribute(Attribute::Reset)
    )
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use ratatui::style::Style;

    use super::*;
    use crate::app::{Action, App, Settings};
    use crate::layout::AmbiguousWidth;
    use crate::parse::parse_text;
    use crate::view;

    /// What a terminal shows after `bytes`, cell by cell: the symbol of every cell that
    /// is not the second half of a wide character, and whether it is in reverse video.
    fn terminal_cells(bytes: &[u8], area: Rect) -> Vec<(String, bool)> {
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
    fn frame_cells(frame: &Buffer) -> Vec<(String, bool)> {
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

    /// Draws `frames` one after the other; returns the bytes of each.
    fn draw_all(frames: &[Buffer], scroll_area: Option<Rect>) -> Vec<Vec<u8>> {
        let area = frames[0].area;
        let mut screen = Screen::new(Vec::new(), area);
        let mut written = Vec::new();
        let mut before = 0;
        for frame in frames {
            screen
                .draw(area, scroll_area, |buffer| buffer.merge(frame))
                .expect("writing to memory");
            written.push(screen.writer[before..].to_vec());
            before = screen.writer.len();
        }
        written
    }

    fn reader_at(width: u16, height: u16) -> App {
        App::new(
            parse_text(include_str!("../data/briefing.txt")),
            Settings::default(),
            usize::from(width),
            usize::from(height),
        )
    }

    fn reader_frame(app: &App, area: Rect) -> Buffer {
        let mut frame = Buffer::empty(area);
        view::draw(app, &mut frame);
        frame
    }

    #[test]
    fn one_line_down_scrolls_the_pane_and_repairs_the_tree() {
        let area = Rect::new(0, 0, 120, 40);
        let mut app = reader_at(area.width, area.height);
        let first = reader_frame(&app, area);
        app.update(Action::Down);
        let second = reader_frame(&app, area);
        let scroll_area = view::scroll_area(&app);
        assert!(scroll_area.is_some());
        let frames = [first, second];
        let scrolled = draw_all(&frames, scroll_area);
        let repainted = draw_all(&frames, None);
        let scrolled_bytes = scrolled.concat();
        assert!(
            String::from_utf8_lossy(&scrolled[1]).contains("\x1b[1;39r"),
            "the text rows are scrolled as a region"
        );
        assert_eq!(
            terminal_cells(&scrolled_bytes, area),
            frame_cells(&frames[1])
        );
        assert_eq!(
            terminal_cells(&repainted.concat(), area),
            frame_cells(&frames[1])
        );
        assert!(
            scrolled[1].len() * 2 < repainted[1].len(),
            "{} bytes scrolled against {} repainted",
            scrolled[1].len(),
            repainted[1].len()
        );
    }

    #[test]
    fn one_line_up_scrolls_the_other_way() {
        let area = Rect::new(0, 0, 100, 30);
        let mut app = reader_at(area.width, area.height);
        app.update(Action::PageDown);
        let first = reader_frame(&app, area);
        app.update(Action::Up);
        let frames = [first, reader_frame(&app, area)];
        let written = draw_all(&frames, view::scroll_area(&app));
        assert!(String::from_utf8_lossy(&written[1]).contains("\x1b[1;1H\x1bM"));
        assert_eq!(
            terminal_cells(&written.concat(), area),
            frame_cells(&frames[1])
        );
    }

    #[test]
    fn a_page_down_is_repainted_rather_than_scrolled_by_a_whole_page() {
        let area = Rect::new(0, 0, 120, 40);
        let mut app = reader_at(area.width, area.height);
        let first = reader_frame(&app, area);
        app.update(Action::PageDown);
        let frames = [first, reader_frame(&app, area)];
        let written = draw_all(&frames, view::scroll_area(&app));
        // The few lines a scroll would bring back hold fewer cells than the tree beside
        // them, which a scroll would make to be written again.
        assert!(!String::from_utf8_lossy(&written[1]).contains("\x1b[1;39r"));
        assert_eq!(
            terminal_cells(&written.concat(), area),
            frame_cells(&frames[1])
        );
    }

    /// A frame of `rows` lines of text drawn from `lines` starting at `first`, with a
    /// left column that stays where it is (a stand-in for the tree) and its `selected`
    /// row in reverse video.
    fn pane_frame(
        area: Rect,
        lines: &[String],
        (first, selected): (usize, usize),
        tree: &[String],
    ) -> Buffer {
        let mut frame = Buffer::empty(area);
        for row in 0..area.height {
            let y = area.y + row;
            if let Some(label) = tree.get(usize::from(row)) {
                let style = if usize::from(row) == selected {
                    Style::new().add_modifier(Modifier::REVERSED)
                } else {
                    Style::new()
                };
                view::put_str(&mut frame, 0, y, 6, label, style, AmbiguousWidth::Narrow);
            }
            if let Some(line) = lines.get(first + usize::from(row)) {
                // Every third line in reverse video, like a search match.
                let style = if (first + usize::from(row)) % 3 == 0 {
                    Style::new().add_modifier(Modifier::REVERSED)
                } else {
                    Style::new()
                };
                view::put_str(
                    &mut frame,
                    7,
                    y,
                    area.right(),
                    line,
                    style,
                    AmbiguousWidth::Narrow,
                );
            }
        }
        frame
    }

    proptest! {
        #![proptest_config(ProptestConfig {
            cases: 300,
            // Shrunk failures are reported in the test output; the tree is not ours to write to.
            failure_persistence: None,
            ..ProptestConfig::default()
        })]

        /// Whatever the moves, the terminal ends up showing exactly the last frame.
        #[test]
        fn the_terminal_shows_every_frame_exactly(
            lines in prop::collection::vec("[a-z 中文，。“”]{0,14}", 1..40),
            tree in prop::collection::vec("[a-z一二]{0,5}", 0..12),
            views in prop::collection::vec((0usize..40, 0usize..12), 1..8),
            height in 2u16..12,
        ) {
            let area = Rect::new(0, 0, 22, height + 1);
            let pane = Rect::new(7, 0, 15, height);
            let frames: Vec<Buffer> = views
                .iter()
                .map(|&view| pane_frame(area, &lines, view, &tree))
                .collect();
            let written = draw_all(&frames, Some(pane)).concat();
            let last = frames.last().expect("at least one frame");
            prop_assert_eq!(terminal_cells(&written, area), frame_cells(last));
        }
    }
}
