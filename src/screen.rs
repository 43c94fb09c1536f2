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
    /// The cells a frame wrote, in order, and where each character of them went (column,
    /// row, cells), on their way into `shown`.
    written: Vec<Cell>,
    written_at: Vec<(u16, u16, usize)>,
}

/// The terminal's cells, row by row, so that a scroll moves rows instead of cells: a
/// frame touches only the cells it draws, not the whole screen twice over, which is most
/// of the time a key takes when the processor's caches have gone cold between keys.
#[derive(Debug)]
struct Shown {
    area: Rect,
    rows: Vec<Vec<Cell>>,
    /// The scroll of the frame being drawn and the rows it pushed off the screen, which
    /// cells may still be carried from.
    scrolled: Option<(Scroll, Vec<Vec<Cell>>)>,
    /// Blank rows for the lines a scroll brings in.
    spare: Vec<Vec<Cell>>,
}

impl Shown {
    fn blank(area: Rect) -> Self {
        Self {
            area,
            rows: vec![Self::blank_row(area); usize::from(area.height)],
            scrolled: None,
            spare: Vec::new(),
        }
    }

    fn blank_row(area: Rect) -> Vec<Cell> {
        vec![Cell::EMPTY; usize::from(area.width)]
    }

    fn row(&self, y: u16) -> &[Cell] {
        &self.rows[usize::from(y - self.area.y)]
    }

    /// Moves the rows as the terminal does on `scroll`: the lines that come in are blank.
    /// The rows pushed off are kept until [`Shown::scrolled_over`].
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
        let mut gone = Vec::with_capacity(shift);
        for row in incoming {
            let blank = self
                .spare
                .pop()
                .unwrap_or_else(|| Self::blank_row(self.area));
            gone.push(std::mem::replace(row, blank));
        }
        self.scrolled = Some((scroll.clone(), gone));
    }

    /// Row `y` of the screen as it was before the scroll of the frame being drawn.
    fn before_scroll(&self, y: u16) -> &[Cell] {
        let Some((scroll, gone)) = &self.scrolled else {
            return self.row(y);
        };
        if !scroll.rows.contains(&y) {
            return self.row(y);
        }
        let now = usize::from(y)
            .checked_add_signed(-scroll.shift)
            .and_then(|now| u16::try_from(now).ok());
        match now {
            Some(now) if scroll.rows.contains(&now) => self.row(now),
            // Pushed off: the first rows of the region for a scroll up, in order, or the
            // last ones for a scroll down.
            _ if scroll.shift > 0 => &gone[usize::from(y - scroll.rows.start)],
            _ => &gone[usize::from(y) + gone.len() - usize::from(scroll.rows.end)],
        }
    }

    /// Ends the frame being drawn: the rows a scroll pushed off become spare blank rows.
    fn scrolled_over(&mut self) {
        if let Some((_, gone)) = self.scrolled.take() {
            for mut row in gone {
                row.fill(Cell::EMPTY);
                self.spare.push(row);
            }
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
            written: Vec::new(),
            written_at: Vec::new(),
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
        self.clear_drawn(area, &plan);
        if let Some(scroll) = &plan.scroll {
            self.shown.scroll(scroll);
        }
        render(&mut self.next, &plan);
        let scroll = plan.scroll.as_ref();
        if let Some(scroll) = scroll {
            queue_scroll(&mut self.writer, scroll)?;
        }
        let changes = changed_cells(&self.shown, &self.next, scroll, &plan.carried);
        write_cells(
            &mut self.writer,
            changes.iter().map(|&(x, y, cells)| (x, y, &cells[0])),
        )?;
        self.writer.flush()?;
        // Taken out before any row is written to, a cell carried from one row of the copy
        // may go to another; into buffers kept from frame to frame, so that drawing
        // leaves no small allocations behind for the next frame's to sort through.
        self.written.clear();
        self.written_at.clear();
        for (x, y, cells) in changes {
            self.written.extend_from_slice(cells);
            self.written_at.push((x, y, cells.len()));
        }
        let mut written = self.written.drain(..);
        for &(x, y, count) in &self.written_at {
            let row = &mut self.shown.rows[usize::from(y - area.y)];
            let left = usize::from(x - area.x);
            for (at, cell) in row[left..].iter_mut().zip(written.by_ref().take(count)) {
                *at = cell;
            }
        }
        drop(written);
        self.shown.scrolled_over();
        Ok(())
    }

    /// Makes blank the cells of the next frame that `render` draws: those the plan does
    /// not carry over from the frame on screen.
    fn clear_drawn(&mut self, area: Rect, plan: &Plan) {
        let rows = if area.width == 0 {
            0..0
        } else {
            area.top()..area.bottom()
        };
        let mut carried = plan.carried.iter().peekable();
        for y in rows {
            let row = self.next.index_of(area.left(), y);
            let mut x = area.left();
            while let Some(span) = carried.next_if(|span| span.y == y) {
                let start = span.columns.start.max(x);
                let clear =
                    row + usize::from(x - area.left())..row + usize::from(start - area.left());
                self.next.content[clear].fill(Cell::EMPTY);
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

/// The cells to write on a terminal that shows `shown`, which has been moved by `scroll`
/// if any, for it to show the next frame: the cells `carried` (sorted by row) from the
/// frame on screen, and the rest of `next`. Each change is where it goes and the cells
/// of its character: one, or a wide character's two.
///
/// Not ratatui's `Buffer::diff`, for two reasons: it compares two whole buffers, where
/// the cells carried over are on screen already or can be read from the copy of the
/// screen, and it asks the width of every cell, equal or not, which was a sixth of the
/// time to draw a frame. Here an equal cell is passed over (a wide character equal to
/// the one shown has equal trailing cells too), and widths are asked only of the cells
/// that change. A wide character that is overwritten is erased by the terminal as a
/// whole, so every column it covered is written again.
fn changed_cells<'a>(
    shown: &'a Shown,
    next: &'a Buffer,
    scroll: Option<&Scroll>,
    carried: &[Carried],
) -> Vec<(u16, u16, &'a [Cell])> {
    let width = usize::from(next.area.width);
    let mut changes = Vec::new();
    if width == 0 || shown.area != next.area {
        return changes;
    }
    let mut known = carried.iter().peekable();
    let mut segments = Vec::new();
    for (row, drawn) in next.content.chunks_exact(width).enumerate() {
        let y = next.area.y + u16::try_from(row).unwrap_or(u16::MAX);
        let origin = scroll.map_or(Some(y), |scroll| scroll.origin(y));
        let old = shown.row(y);
        segments.clear();
        let mut x = 0;
        while let Some(carried) = known.next_if(|carried| carried.y <= y) {
            let start = usize::from(carried.columns.start - next.area.x).max(x);
            let end = usize::from(carried.columns.end - next.area.x);
            if carried.y < y || end <= start {
                continue;
            }
            if x < start {
                segments.push(Segment::new(x..start, drawn));
            }
            segments.push(if Some(carried.from) == origin {
                // On the terminal already, where the scroll left it.
                Segment::on_screen(start..end, old)
            } else {
                Segment::new(start..end, shown.before_scroll(carried.from))
            });
            x = end;
        }
        if x < width {
            segments.push(Segment::new(x..width, drawn));
        }
        changed_in_row(next.area.x, y, old, &segments, &mut changes);
    }
    changes
}

/// Columns of a row of the next frame and the row of cells they are read from.
struct Segment<'a> {
    columns: Range<usize>,
    cells: &'a [Cell],
    /// The terminal shows these cells already: they are not compared.
    on_screen: bool,
}

impl<'a> Segment<'a> {
    fn new(columns: Range<usize>, cells: &'a [Cell]) -> Self {
        Self {
            columns,
            cells,
            on_screen: false,
        }
    }

    fn on_screen(columns: Range<usize>, cells: &'a [Cell]) -> Self {
        Self {
            columns,
            cells,
            on_screen: true,
        }
    }
}

/// The changes of row `y`, whose terminal cells are `old`, to the cells `segments` give.
fn changed_in_row<'a>(
    left: u16,
    y: u16,
    old: &[Cell],
    segments: &[Segment<'a>],
    changes: &mut Vec<(u16, u16, &'a [Cell])>,
) {
    let width_of = |cell: &Cell| usize::from(columns_of(cell));
    let mut x = 0;
    // Columns before which every cell is written: the rest of an erased wide character.
    let mut rewrite_until = 0;
    for segment in segments {
        x = x.max(segment.columns.start);
        while x < segment.columns.end {
            if segment.on_screen && x >= rewrite_until {
                x = segment.columns.end;
                break;
            }
            let Some(cell) = segment.cells.get(x) else {
                break;
            };
            if x >= rewrite_until && old.get(x) == Some(cell) {
                x += 1;
                continue;
            }
            let end = (x + width_of(cell)).min(segment.cells.len());
            for (covered, under) in old.iter().enumerate().take(end).skip(x) {
                rewrite_until = rewrite_until.max(covered + width_of(under));
            }
            changes.push((
                left + u16::try_from(x).unwrap_or(u16::MAX),
                y,
                &segment.cells[x..end],
            ));
            x = end;
        }
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
        (last, terminal, screen.shown.rows.concat())
    }

    fn numbered(prefix: &str, count: usize) -> Vec<String> {
        (0..count).map(|index| format!("{prefix}{index}")).collect()
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
            assert_eq!(shown, last.content, "after {count} frames");
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
        assert_eq!(shown, last.content);
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
            let (last, terminal, shown) = draw_views(area, &lines, &tree, &views);
            prop_assert_eq!(terminal, frame_cells(&last));
            prop_assert_eq!(&shown, &last.content);
        }
    }
}
