//! The reader's screen: the frame the terminal shows, the next one, and the bytes that
//! turn one into the other. ratatui's `Terminal` does this for any backend; the reader
//! does it itself for three savings that need the whole of both frames.
//!
//! The cursor after a wide character: ratatui-crossterm moves the cursor explicitly
//! before every cell that does not sit one column after the previous one, so each cell
//! after a Chinese character costs a `CSI row;col H` of 6–8 bytes: 10 of the 14 KB of a
//! frame of the shipped briefing. Here the cursor is known to stand `width` columns on
//! after printing a cell of that width (the width ratatui gives the cell, `ForcedWidth`
//! included), so a move is written only where the next cell really is somewhere else.
//!
//! Scrolling: when the text pane moves by a few lines (`j`, `k`, a jump nearby), every
//! one of its cells changes, and a diff repaints the whole pane: 5 KB for one line at
//! 120×40, more than a pseudo-terminal hands over in one read. Terminals scroll only
//! whole rows (left and right margins, DECSLRM, are missing from tmux and many others),
//! so the rows of the pane are scrolled with DECSTBM and line feeds, and each row is
//! diffed against the row it scrolled from: that repairs the tree beside the pane, which
//! moved with it. A `j` then writes the new line, the status line and the tree cells
//! that differ from the row below them.
//!
//! Carrying over: whoever draws knows which cells of the next frame are those of the
//! frame on screen (a text line one row up, a tree row unchanged), and says so in a
//! [`Plan`]. The ones the terminal already shows where they are (after the scroll) are
//! neither drawn, nor copied, nor compared; the others are copied from the copy of the
//! screen instead of drawn. The copy is kept row by row and scrolled as the terminal is,
//! so a `j` touches the cells of the new line, the status line and the tree, not the
//! whole screen.

use std::io::{self, Write};
use std::ops::Range;

use crossterm::cursor::MoveTo;
use crossterm::queue;
use crossterm::style::{
    Attribute, Color as CColor, Colors, SetAttribute, SetBackgroundColor, SetColors,
    SetForegroundColor,
};
use crossterm::terminal::{Clear, ClearType};
use ratatui::buffer::{Buffer, Cell, CellDiffOption, CellWidth};
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};

use crate::layout::standalone_width;

/// Draws frames on a terminal through `writer`.
pub struct Screen<W: Write> {
    writer: W,
    /// What the terminal shows: the last frame drawn, or blank after a clear.
    shown: Shown,
    /// Where the next frame is drawn. Only what differs from the frame on screen is
    /// drawn and compared: the cells the terminal already shows in place are left as they
    /// were, whatever they hold.
    next: Buffer,
}

/// The terminal's cells, row by row, so that a scroll moves rows instead of cells: a
/// frame touches only the cells it draws, not the whole screen twice over, which is most
/// of the time a key takes when the processor's caches have gone cold between keys.
#[derive(Debug)]
struct Shown {
    area: Rect,
    rows: Vec<Vec<Cell>>,
}

impl Shown {
    fn blank(area: Rect) -> Self {
        let row = vec![Cell::EMPTY; usize::from(area.width)];
        Self {
            area,
            rows: vec![row; usize::from(area.height)],
        }
    }

    fn row(&self, y: u16) -> &[Cell] {
        &self.rows[usize::from(y - self.area.y)]
    }

    /// Moves the rows as the terminal does on `scroll`: the lines that come in are blank.
    fn scroll(&mut self, scroll: &Scroll) {
        let top = usize::from(scroll.rows.start - self.area.y);
        let region = &mut self.rows[top..top + scroll.rows.len()];
        let shift = scroll.shift.unsigned_abs().min(region.len());
        let incoming = if scroll.shift > 0 {
            region.rotate_left(shift);
            let len = region.len();
            &mut region[len - shift..]
        } else {
            region.rotate_right(shift);
            &mut region[..shift]
        };
        for row in incoming {
            row.fill(Cell::EMPTY);
        }
    }
}

/// How the next frame relates to the one on screen, as whoever draws it knows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Plan {
    /// Rows whose content moved up or down as a whole.
    pub scroll: Option<Scroll>,
    /// Cells the next frame takes from the frame on screen instead of drawing them.
    pub carried: Vec<Carried>,
}

/// Rows of the screen that moved up (`shift` positive) or down by `shift` lines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scroll {
    pub rows: Range<u16>,
    pub shift: isize,
}

/// Columns of row `from` of the frame on screen that the next frame shows on row `y`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Carried {
    pub y: u16,
    pub from: u16,
    pub columns: Range<u16>,
}

impl<W: Write> Screen<W> {
    /// A screen of `area` that shows nothing yet, as the alternate screen on entering it.
    pub fn new(writer: W, area: Rect) -> Self {
        Self {
            writer,
            shown: Shown::blank(area),
            next: Buffer::empty(area),
        }
    }

    #[cfg(test)]
    pub(crate) fn writer(&self) -> &W {
        &self.writer
    }

    /// Clears the terminal, which is now `area` large: the next frame is drawn in full.
    pub fn clear(&mut self, area: Rect) -> io::Result<()> {
        queue!(self.writer, Clear(ClearType::All))?;
        self.shown = Shown::blank(area);
        Ok(())
    }

    /// Draws a frame of `area`, writing only what differs from the screen. The frame is
    /// made of the cells `plan` carries over from the frame on screen and of what
    /// `render` draws, which is given the plan as it stands: none of it when the screen
    /// had to be cleared. The plan's rows are scrolled on the terminal first.
    pub fn draw(
        &mut self,
        area: Rect,
        mut plan: Plan,
        render: impl FnOnce(&mut Buffer, &Plan),
    ) -> io::Result<()> {
        if area != self.shown.area {
            self.clear(area)?;
            plan = Plan::default();
        }
        plan.carried.retain(|carried| {
            carried.y < area.bottom()
                && carried.from < area.bottom()
                && area.left() <= carried.columns.start
                && carried.columns.start <= carried.columns.end
                && carried.columns.end <= area.right()
        });
        plan.carried
            .sort_by_key(|carried| (carried.y, carried.columns.start));
        if !plan.scroll.as_ref().is_some_and(|scroll| {
            area.width > 0 && scroll.rows.len() >= 2 && scroll.rows.end <= area.bottom()
        }) {
            plan.scroll = None;
        }
        self.next.resize(area);
        self.prepare_next(area, &plan);
        if let Some(scroll) = &plan.scroll {
            self.shown.scroll(scroll);
        }
        render(&mut self.next, &plan);
        let scroll = plan.scroll.as_ref();
        if let Some(scroll) = scroll {
            queue_scroll(&mut self.writer, scroll)?;
        }
        let changes = changed_cells(&self.shown, &self.next, scroll, &plan.carried);
        write_cells(&mut self.writer, changes.iter().copied())?;
        self.writer.flush()?;
        for (x, y, cell) in changes {
            let row = &mut self.shown.rows[usize::from(y - area.y)];
            let left = usize::from(x - area.x);
            let end = (left + usize::from(columns_of(cell))).min(row.len());
            let from = self.next.index_of(x, y);
            row[left..end].clone_from_slice(&self.next.content[from..from + end - left]);
        }
        Ok(())
    }

    /// Makes every cell of the next frame blank, or the cell the plan carries over to it,
    /// but the cells the terminal shows where they are carried to: those are left alone,
    /// neither drawn nor compared. Runs before the copy of the screen is scrolled.
    fn prepare_next(&mut self, area: Rect, plan: &Plan) {
        let rows = if area.width == 0 {
            0..0
        } else {
            area.top()..area.bottom()
        };
        let mut carried = plan.carried.iter().peekable();
        for y in rows {
            let row = self.next.index_of(area.left(), y);
            let origin = plan
                .scroll
                .as_ref()
                .map_or(Some(y), |scroll| scroll.origin(y));
            let mut x = area.left();
            while let Some(span) = carried.next_if(|span| span.y == y) {
                let start = span.columns.start.max(x);
                let clear =
                    row + usize::from(x - area.left())..row + usize::from(start - area.left());
                self.next.content[clear].fill(Cell::EMPTY);
                if origin != Some(span.from) {
                    let from = usize::from(start - area.left());
                    let width = usize::from(span.columns.end.saturating_sub(start));
                    let to = self.next.index_of(start, y);
                    self.next.content[to..to + width]
                        .clone_from_slice(&self.shown.row(span.from)[from..from + width]);
                }
                x = span.columns.end.max(x);
            }
            let end = row + usize::from(area.width);
            self.next.content[row + usize::from(x - area.left())..end].fill(Cell::EMPTY);
        }
    }
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

/// The cells of `next` to write on a terminal that shows `shown`, which has been moved
/// by `scroll` if any; `carried` (sorted by row) says which cells of `next` were taken
/// from the frame on screen.
///
/// Not ratatui's `Buffer::diff`, for two reasons: it compares every cell of two whole
/// buffers, where the cells carried over are on screen already, and it asks the width of
/// every cell, equal or not, which was a sixth of the time to draw a frame. Here an equal
/// cell is passed over (a wide character equal to the one shown has equal trailing cells
/// too), and widths are asked only of the cells that change. A wide character that is
/// overwritten is erased by the terminal as a whole, so every column it covered is
/// written again.
fn changed_cells<'a>(
    shown: &Shown,
    next: &'a Buffer,
    scroll: Option<&Scroll>,
    carried: &[Carried],
) -> Vec<(u16, u16, &'a Cell)> {
    let width = usize::from(next.area.width);
    let mut changes = Vec::new();
    if width == 0 || shown.area != next.area {
        return changes;
    }
    let mut known = carried.iter().peekable();
    let mut same = Vec::new();
    for (row, new) in next.content.chunks_exact(width).enumerate() {
        let y = next.area.y + u16::try_from(row).unwrap_or(u16::MAX);
        let origin = scroll.map_or(Some(y), |scroll| scroll.origin(y));
        // Cells carried over from the row the terminal now shows here are on screen
        // already: they are not compared.
        same.clear();
        while let Some(carried) = known.next_if(|carried| carried.y <= y) {
            if carried.y == y && Some(carried.from) == origin {
                let left = usize::from(carried.columns.start - next.area.x);
                same.push(left..left + carried.columns.len());
            }
        }
        changed_in_row(next.area.x, y, shown.row(y), new, &same, &mut changes);
    }
    changes
}

fn changed_in_row<'a>(
    left: u16,
    y: u16,
    old: &[Cell],
    new: &'a [Cell],
    same: &[Range<usize>],
    changes: &mut Vec<(u16, u16, &'a Cell)>,
) {
    let width_of = |cell: &Cell| usize::from(columns_of(cell));
    let mut x = 0;
    // Columns before which every cell is written: the rest of an erased wide character.
    let mut rewrite_until = 0;
    while let Some(cell) = new.get(x) {
        if let Some(same) = same
            .iter()
            .find(|same| same.contains(&x))
            .filter(|_| x >= rewrite_until)
        {
            x = same.end;
            continue;
        }
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

/// How many columns the terminal advances over `cell`, as ratatui says (at least one).
/// Most cells hold a character that stands alone: its width comes without the string
/// walk, which was a tenth of the time to diff and write a frame.
fn columns_of(cell: &Cell) -> u16 {
    let plain = cell.diff_option == CellDiffOption::None;
    plain
        .then(|| standalone_width(cell.symbol()))
        .flatten()
        .and_then(|width| u16::try_from(width).ok())
        .unwrap_or_else(|| cell.cell_width())
        .max(1)
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
        let width = columns_of(cell);
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
pub(crate) mod tests {
    use proptest::prelude::*;
    use ratatui::style::Style;

    use super::*;
    use crate::layout::AmbiguousWidth;
    use crate::view;

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
                let style = if usize::from(row) == selected {
                    Style::new().add_modifier(Modifier::REVERSED)
                } else {
                    Style::new()
                };
                view::put_str(buffer, 0, y, 6, label, style, AmbiguousWidth::Narrow);
            }
            let index = first + usize::from(row);
            if let Some(line) = lines.get(index).filter(|_| !carried(PANE_LEFT)) {
                // Every third line in reverse video, like a search match.
                let style = if index % 3 == 0 {
                    Style::new().add_modifier(Modifier::REVERSED)
                } else {
                    Style::new()
                };
                let right = area.right();
                view::put_str(
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
            if let Some(from) = from.filter(|from| *from < usize::from(pane_rows) && index < lines)
            {
                carried.push(Carried {
                    y: row,
                    from: u16::try_from(from).expect("small"),
                    columns: PANE_LEFT..area.right(),
                });
            }
        }
        let scroll = (scroll && shift != 0 && shift.unsigned_abs() < usize::from(pane_rows))
            .then_some(Scroll {
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
            lines in prop::collection::vec("[a-z 中文，。“”]{0,14}", 1..40),
            tree in prop::collection::vec("[a-z一二]{0,5}", 0..12),
            views in prop::collection::vec((0usize..40, 0usize..12, any::<bool>(), any::<bool>()), 1..8),
            height in 2u16..12,
        ) {
            let area = Rect::new(0, 0, 22, height);
            let mut screen = Screen::new(Vec::new(), area);
            let mut before: Option<(usize, usize)> = None;
            let mut last = Buffer::empty(area);
            for &(top, selected, carry, scroll) in &views {
                let now = (top, selected);
                let plan = match before.filter(|_| carry) {
                    Some(before) => pane_plan(area, lines.len(), before, now, scroll),
                    None => Plan::default(),
                };
                screen
                    .draw(area, plan, |buffer, plan| pane_frame(buffer, &lines, now, &tree, plan))
                    .expect("writing to memory");
                last = Buffer::empty(area);
                pane_frame(&mut last, &lines, now, &tree, &Plan::default());
                before = Some(now);
            }
            prop_assert_eq!(terminal_cells(&screen.writer, area), frame_cells(&last));
            let shown: Vec<Cell> = screen.shown.rows.concat();
            prop_assert_eq!(&shown, &last.content);
        }
    }
}
