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
//! neither drawn nor compared; the others are read from the copy of the screen instead
//! of drawn. The copy is kept row by row, scrolled as the terminal is, and packed 64 bits
//! a cell, so a `j` touches the new line, the status line and the tree, not the whole
//! screen, and those in a fifth of the memory of ratatui's cells.

use std::io::{self, Write};
use std::ops::Range;

use crossterm::queue;
use crossterm::terminal::{Clear, ClearType};
use ratatui::buffer::{Buffer, Cell, CellDiffOption, CellWidth};
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};

use crate::text::standalone_char_width;

/// Draws frames on a terminal through `writer`.
pub struct Screen<W: Write> {
    writer: W,
    /// What the terminal shows: the last frame drawn, or blank after a clear.
    shown: Shown,
    /// Where the next frame is drawn. Only what differs from the frame on screen is
    /// drawn and compared: the cells the terminal already shows in place are left as they
    /// were, whatever they hold.
    next: Buffer,
    /// The cells a frame wrote, on their way into `shown`; kept from frame to frame, so
    /// that drawing leaves no allocations behind.
    written: Written,
}

/// The terminal's cells, row by row, so that a scroll moves rows instead of cells, and
/// packed: a frame then touches only the cells it draws, and those at a fifth of the size
/// of ratatui's, which is most of the time a key takes when the processor's caches have
/// gone cold between keys.
#[derive(Debug)]
struct Shown {
    area: Rect,
    rows: Vec<Row>,
    /// The scroll of the frame being drawn and the rows it pushed off the screen, which
    /// cells may still be carried from.
    scrolled: Option<(Scroll, Vec<Row>)>,
    /// Blank rows for the lines a scroll brings in.
    spare: Vec<Row>,
}

impl Shown {
    fn blank(area: Rect) -> Self {
        Self {
            area,
            rows: vec![Row::blank(area.width); usize::from(area.height)],
            scrolled: None,
            spare: Vec::new(),
        }
    }

    fn row(&self, y: u16) -> &Row {
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
                .unwrap_or_else(|| Row::blank(self.area.width));
            gone.push(std::mem::replace(row, blank));
        }
        self.scrolled = Some((scroll.clone(), gone));
    }

    /// Row `y` of the screen as it was before the scroll of the frame being drawn.
    fn before_scroll(&self, y: u16) -> &Row {
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
                row.clear();
                self.spare.push(row);
            }
        }
    }
}

/// A row of the terminal's cells.
#[derive(Clone, Debug)]
struct Row {
    cells: Vec<Packed>,
    /// The cells that do not pack, by column, for the columns marked [`Packed::WHOLE`].
    whole: Vec<(usize, Cell)>,
}

impl Row {
    fn blank(width: u16) -> Self {
        Self {
            cells: vec![Packed::BLANK; usize::from(width)],
            whole: Vec::new(),
        }
    }

    fn clear(&mut self) {
        self.cells.fill(Packed::BLANK);
        self.whole.clear();
    }

    fn glyph(&self, x: usize) -> Glyph<'_> {
        match self.cells[x] {
            Packed::WHOLE => self
                .whole
                .binary_search_by_key(&x, |(column, _)| *column)
                .map_or(Glyph::Packed(Packed::BLANK), |at| {
                    Glyph::Whole(&self.whole[at].1)
                }),
            packed => Glyph::Packed(packed),
        }
    }

    /// Sets the cells from column `x` on.
    fn set_packed(&mut self, x: usize, cells: &[Packed]) {
        self.cells[x..x + cells.len()].copy_from_slice(cells);
        if !self.whole.is_empty() {
            self.whole
                .retain(|(column, _)| !(x..x + cells.len()).contains(column));
        }
    }

    fn set_whole(&mut self, x: usize, cell: Cell) {
        match self.whole.binary_search_by_key(&x, |(column, _)| *column) {
            Ok(at) => self.whole[at].1 = cell,
            Err(at) => self.whole.insert(at, (x, cell)),
        }
        self.cells[x] = Packed::WHOLE;
    }
}

/// A cell of one character in palette colours, its width its own, in 64 bits: the
/// character (21 bits), foreground and background (9 bits each: reset, the 16 named
/// colours, the 256 indexed ones), the modifiers (12 bits) and the columns it takes (2
/// bits), worked out once when it is packed: a scroll's repair of the tree asks the
/// width of every cell it rewrites and of every cell it overwrites. Two such cells are
/// equal when their numbers are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Packed(u64);

impl Packed {
    const BLANK: Packed = Packed(b' ' as u64 | 1 << Self::COLUMNS_SHIFT);
    /// Marks a cell that does not pack: kept whole beside the row.
    const WHOLE: Packed = Packed(u64::MAX);
    const CHAR_BITS: u32 = 21;
    const COLOUR_BITS: u32 = 9;
    const MODIFIER_SHIFT: u32 = Self::CHAR_BITS + 2 * Self::COLOUR_BITS;
    const COLUMNS_SHIFT: u32 = Self::MODIFIER_SHIFT + 12;
    /// The modifiers that draw a blank in its foreground colour.
    const SHOWN_ON_BLANKS: Modifier = Modifier::UNDERLINED
        .union(Modifier::REVERSED)
        .union(Modifier::CROSSED_OUT);
    /// The bits of the columns a cell takes.
    const COLUMNS_MASK: u64 = 0b11 << Self::COLUMNS_SHIFT;

    /// Whether a cell of `symbol` and `modifier` is a blank that shows its background
    /// only, whatever its foreground.
    fn foreground_unseen(symbol: char, modifier: Modifier) -> bool {
        symbol == ' ' && !modifier.intersects(Self::SHOWN_ON_BLANKS)
    }

    /// None for a cell of more than one character, in RGB colours or of a forced width.
    fn of(cell: &Cell) -> Option<Packed> {
        Self::without_columns(cell).map(Self::with_columns)
    }

    /// A cell packed by [`Packed::without_columns`], with the columns its character takes.
    fn with_columns(self) -> Packed {
        let symbol = self.symbol();
        let columns = standalone_char_width(symbol)
            .unwrap_or_else(|| usize::from(symbol.encode_utf8(&mut [0; 4]).cell_width()))
            .clamp(1, 3);
        Packed(self.0 | (columns as u64) << Self::COLUMNS_SHIFT)
    }

    /// The cell packed but for its width, which its character decides: enough to tell
    /// whether a cell drawn is the one on screen, without asking its width.
    fn without_columns(cell: &Cell) -> Option<Packed> {
        #[allow(deprecated)]
        let plain = !cell.skip && cell.diff_option == CellDiffOption::None;
        let mut chars = cell.symbol().chars();
        let (Some(symbol), None) = (chars.next(), chars.next()) else {
            return None;
        };
        let (mut fg, bg) = (colour_number(cell.fg)?, colour_number(cell.bg)?);
        if Self::foreground_unseen(symbol, cell.modifier) {
            // A blank shows its background only: blanks of any foreground are the same
            // blank, and the tree's rows of points and of headings, indented in different
            // colours, differ only where their text does.
            fg = 0;
        }
        plain.then(|| {
            Packed(
                u64::from(symbol)
                    | fg << Self::CHAR_BITS
                    | bg << (Self::CHAR_BITS + Self::COLOUR_BITS)
                    | u64::from(cell.modifier.bits()) << Self::MODIFIER_SHIFT,
            )
        })
    }

    fn symbol(self) -> char {
        u32::try_from(self.0 & ((1 << Self::CHAR_BITS) - 1))
            .ok()
            .and_then(char::from_u32)
            .unwrap_or(' ')
    }

    fn fg(self) -> Color {
        colour_of_number(self.0 >> Self::CHAR_BITS)
    }

    fn bg(self) -> Color {
        colour_of_number(self.0 >> (Self::CHAR_BITS + Self::COLOUR_BITS))
    }

    fn modifier(self) -> Modifier {
        let bits = self.0 >> Self::MODIFIER_SHIFT;
        Modifier::from_bits_truncate(u16::try_from(bits & 0xfff).unwrap_or(0))
    }

    fn columns(self) -> usize {
        usize::try_from(self.0 >> Self::COLUMNS_SHIFT & 0b11).unwrap_or(1)
    }

    /// The colours and modifiers, as packed.
    fn style(self) -> u64 {
        self.0 >> Self::CHAR_BITS & ((1 << (Self::COLUMNS_SHIFT - Self::CHAR_BITS)) - 1)
    }
}

/// The ANSI numbers of the named colours, which terminals also take as the first 16
/// indexed colours.
const NAMED_COLOURS: [Color; 16] = [
    Color::Black,
    Color::Red,
    Color::Green,
    Color::Yellow,
    Color::Blue,
    Color::Magenta,
    Color::Cyan,
    Color::Gray,
    Color::DarkGray,
    Color::LightRed,
    Color::LightGreen,
    Color::LightYellow,
    Color::LightBlue,
    Color::LightMagenta,
    Color::LightCyan,
    Color::White,
];

/// The ANSI number of a named colour (its place in [`NAMED_COLOURS`]).
fn ansi_number(colour: Color) -> Option<u8> {
    Some(match colour {
        Color::Black => 0,
        Color::Red => 1,
        Color::Green => 2,
        Color::Yellow => 3,
        Color::Blue => 4,
        Color::Magenta => 5,
        Color::Cyan => 6,
        Color::Gray => 7,
        Color::DarkGray => 8,
        Color::LightRed => 9,
        Color::LightGreen => 10,
        Color::LightYellow => 11,
        Color::LightBlue => 12,
        Color::LightMagenta => 13,
        Color::LightCyan => 14,
        Color::White => 15,
        Color::Reset | Color::Indexed(_) | Color::Rgb(..) => return None,
    })
}

/// 0 for reset, 1–16 for the named colours, 17–272 for the indexed ones; None for RGB.
fn colour_number(colour: Color) -> Option<u64> {
    match colour {
        Color::Reset => Some(0),
        Color::Indexed(index) => Some(17 + u64::from(index)),
        Color::Rgb(..) => None,
        named => ansi_number(named).map(|number| 1 + u64::from(number)),
    }
}

fn colour_of_number(bits: u64) -> Color {
    match bits & ((1 << Packed::COLOUR_BITS) - 1) {
        0 => Color::Reset,
        number @ 1..=16 => usize::try_from(number - 1)
            .ok()
            .and_then(|at| NAMED_COLOURS.get(at).copied())
            .unwrap_or(Color::Reset),
        number => u8::try_from(number - 17).map_or(Color::Reset, Color::Indexed),
    }
}

/// A cell as the diff reads it: packed, or a whole ratatui cell for one that does not
/// pack. A cell that packs never equals one that does not.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Glyph<'a> {
    Packed(Packed),
    Whole(&'a Cell),
}

impl<'a> Glyph<'a> {
    fn of(cell: &'a Cell) -> Self {
        Packed::of(cell).map_or(Glyph::Whole(cell), Glyph::Packed)
    }

    fn fg(self) -> Color {
        match self {
            Glyph::Packed(packed) => packed.fg(),
            Glyph::Whole(cell) => cell.fg,
        }
    }

    fn bg(self) -> Color {
        match self {
            Glyph::Packed(packed) => packed.bg(),
            Glyph::Whole(cell) => cell.bg,
        }
    }

    fn modifier(self) -> Modifier {
        match self {
            Glyph::Packed(packed) => packed.modifier(),
            Glyph::Whole(cell) => cell.modifier,
        }
    }

    /// How many columns the terminal advances over the cell, as ratatui says (at least
    /// one). Most cells hold a character that stands alone: its width comes without the
    /// string walk, which was a tenth of the time to diff and write a frame.
    #[inline]
    fn columns(self) -> usize {
        match self {
            Glyph::Packed(packed) => packed.columns(),
            Glyph::Whole(cell) => usize::from(cell.cell_width()).max(1),
        }
    }

    /// A blank of any foreground, as packed.
    fn is_blank(self) -> bool {
        match self {
            Glyph::Packed(packed) => Packed::foreground_unseen(packed.symbol(), packed.modifier()),
            Glyph::Whole(_) => false,
        }
    }

    fn write_symbol(self, writer: &mut impl Write) -> io::Result<()> {
        match self {
            Glyph::Packed(packed) => {
                let mut bytes = [0; 4];
                let symbol = packed.symbol().encode_utf8(&mut bytes).as_bytes();
                // Copied at a length the compiler knows, without a call to memcpy for
                // each of the thousand characters a j writes (a j and its frame: 31.0
                // -> 30.0 µs on the 10 MiB document).
                match symbol {
                    [a] => writer.write_all(&[*a]),
                    [a, b] => writer.write_all(&[*a, *b]),
                    [a, b, c] => writer.write_all(&[*a, *b, *c]),
                    other => writer.write_all(other),
                }
            }
            Glyph::Whole(cell) => writer.write_all(cell.symbol().as_bytes()),
        }
    }
}

/// The cells a frame writes, on their way into the copy of the screen: packed cells in
/// runs of columns, copied into a row at once (a `j` repairs a thousand cells of the
/// tree, row by row), and the rare cell that does not pack by itself.
#[derive(Debug, Default)]
struct Written {
    /// Row, first column, and where the run's cells start in `cells`; a run ends where
    /// the next one starts.
    runs: Vec<(u16, usize, usize)>,
    cells: Vec<Packed>,
    whole: Vec<(u16, usize, Cell)>,
}

impl Written {
    fn push(&mut self, y: u16, x: usize, glyph: Glyph) {
        match glyph {
            Glyph::Packed(packed) => {
                let next_in_run = self.runs.last().is_some_and(|&(row, first, start)| {
                    row == y && first + (self.cells.len() - start) == x
                });
                if !next_in_run {
                    self.runs.push((y, x, self.cells.len()));
                }
                self.cells.push(packed);
            }
            Glyph::Whole(cell) => self.whole.push((y, x, cell.clone())),
        }
    }

    /// Writes the cells into `rows`, the first of which is row `top`, and forgets them.
    fn write_into(&mut self, rows: &mut [Row], top: u16) {
        for (index, &(y, x, start)) in self.runs.iter().enumerate() {
            let end = self
                .runs
                .get(index + 1)
                .map_or(self.cells.len(), |run| run.2);
            rows[usize::from(y - top)].set_packed(x, &self.cells[start..end]);
        }
        for (y, x, cell) in self.whole.drain(..) {
            rows[usize::from(y - top)].set_whole(x, cell);
        }
        self.clear();
    }

    fn clear(&mut self) {
        self.runs.clear();
        self.cells.clear();
        self.whole.clear();
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
            written: Written::default(),
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
        // Each change is written as it is found, and taken out for the copy of the screen,
        // which is written to only once the whole frame has been compared with it: a cell
        // carried from one row of the copy may go to another.
        let mut painter = Painter::new(area.right());
        let mut written_out = Ok(());
        // Left over from a frame that failed to be written: its cells never reached the
        // terminal.
        self.written.clear();
        changed_cells(
            &self.shown,
            &self.next,
            scroll,
            &plan.carried,
            &mut |change| {
                if written_out.is_ok() {
                    let (x, y) = (change.x, change.y);
                    written_out = match change.kind {
                        ChangeKind::Write => painter.paint(&mut self.writer, x, y, change.glyph),
                        ChangeKind::Erase => painter.erase_to_end(&mut self.writer, x, y),
                        ChangeKind::Fill => painter.fill(&mut self.writer, x, y, change.glyph),
                    };
                }
                for (column, glyph) in change.cells() {
                    self.written.push(change.y, column, glyph);
                }
            },
        );
        written_out?;
        painter.finish(&mut self.writer)?;
        self.writer.flush()?;
        self.written.write_into(&mut self.shown.rows, area.y);
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
/// frame on screen, and the rest of `next`.
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
    each: &mut impl FnMut(Change<'a>),
) {
    let width = usize::from(next.area.width);
    if width == 0 || shown.area != next.area {
        return;
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
                segments.push(Segment::new(x..start, Source::Drawn(drawn)));
            }
            segments.push(if Some(carried.from) == origin {
                // On the terminal already, where the scroll left it.
                Segment::on_screen(start..end, old)
            } else {
                Segment::new(start..end, Source::Shown(shown.before_scroll(carried.from)))
            });
            x = end;
        }
        if x < width {
            segments.push(Segment::new(x..width, Source::Drawn(drawn)));
        }
        changed_in_row(next.area.x, y, old, &segments, each);
    }
}

/// Where the cells of a row of the next frame are read.
#[derive(Clone, Copy)]
enum Source<'a> {
    /// The row as drawn.
    Drawn(&'a [Cell]),
    /// A row of the copy of the screen.
    Shown(&'a Row),
}

impl<'a> Source<'a> {
    /// The cell at column `x` when it is not the one `old` holds there. Two rows of the
    /// copy (the tree beside a scroll, every row of it at every `j`) are compared as
    /// numbers unless a cell there does not pack; a drawn cell is packed once, and
    /// compared before its width is asked.
    #[inline]
    fn changed(self, old: &Row, x: usize) -> Option<Glyph<'a>> {
        let shown = old.cells[x];
        match self {
            Source::Shown(row) => {
                let new = row.cells[x];
                let same = if new != Packed::WHOLE && shown != Packed::WHOLE {
                    new == shown
                } else {
                    row.glyph(x) == old.glyph(x)
                };
                (!same).then(|| row.glyph(x))
            }
            Source::Drawn(cells) => match Packed::without_columns(&cells[x]) {
                Some(drawn)
                    if shown != Packed::WHOLE && shown.0 & !Packed::COLUMNS_MASK == drawn.0 =>
                {
                    None
                }
                Some(drawn) => Some(Glyph::Packed(drawn.with_columns())),
                None => {
                    let glyph = Glyph::Whole(&cells[x]);
                    (shown != Packed::WHOLE || old.glyph(x) != glyph).then_some(glyph)
                }
            },
        }
    }

    #[inline]
    fn glyph(self, x: usize) -> Glyph<'a> {
        match self {
            Source::Drawn(cells) => Glyph::of(&cells[x]),
            Source::Shown(row) => row.glyph(x),
        }
    }

    fn len(self) -> usize {
        match self {
            Source::Drawn(cells) => cells.len(),
            Source::Shown(row) => row.cells.len(),
        }
    }
}

/// Columns of a row of the next frame and where their cells are read.
struct Segment<'a> {
    columns: Range<usize>,
    source: Source<'a>,
    /// The terminal shows these cells already: they are not compared.
    on_screen: bool,
}

impl<'a> Segment<'a> {
    fn new(columns: Range<usize>, source: Source<'a>) -> Self {
        Self {
            columns,
            source,
            on_screen: false,
        }
    }

    fn on_screen(columns: Range<usize>, shown: &'a Row) -> Self {
        Self {
            columns,
            source: Source::Shown(shown),
            on_screen: true,
        }
    }
}

/// A character to write: at column `x` of row `y` of the terminal, read from the
/// `columns` of its source row (one, or a wide character's two).
struct Change<'a> {
    x: u16,
    y: u16,
    columns: Range<usize>,
    source: Source<'a>,
    /// The cell of the first column, read once.
    glyph: Glyph<'a>,
    kind: ChangeKind,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum ChangeKind {
    /// A cell that differs from the one on screen.
    Write,
    /// The columns are the blank end of the row, erased to the end of the row.
    Erase,
    /// A blank the same on screen, between two changes: written if it needs no change
    /// of attributes, one byte where moving the cursor over it takes three.
    Fill,
}

impl<'a> Change<'a> {
    /// The cells of the change's columns (a wide character's second column after it).
    fn cells(&self) -> impl Iterator<Item = (usize, Glyph<'a>)> {
        let trailing = self.columns.start + 1..self.columns.end;
        let erase = self.kind == ChangeKind::Erase;
        std::iter::once((self.columns.start, self.glyph)).chain(trailing.map(move |column| {
            let glyph = if erase {
                Glyph::Packed(Packed::BLANK)
            } else {
                self.source.glyph(column)
            };
            (column, glyph)
        }))
    }
}

/// The changes of row `y`, whose terminal cells are `old`, to the cells `segments` give.
fn changed_in_row<'a>(
    left: u16,
    y: u16,
    old: &Row,
    segments: &[Segment<'a>],
    each: &mut impl FnMut(Change<'a>),
) {
    let mut x = 0;
    // Columns before which every cell is written: the rest of an erased wide character.
    let mut rewrite_until = 0;
    for segment in segments {
        let source = segment.source;
        x = x.max(segment.columns.start);
        // Where the row's blank end starts, when this segment holds it: there, the row
        // is erased to its end (EL) instead of written blank by blank, a line feed's
        // worth of bytes for a text line shorter than the one it replaces. Worked out at
        // the segment's first change: most rows of a frame have none.
        let mut blank_end_at = None;
        let blank_end_of = || match source {
            Source::Drawn(cells) if segment.columns.end >= cells.len() => {
                Some(blank_end(&cells[segment.columns.start..]) + segment.columns.start)
            }
            _ => None,
        };
        // Where the last change of this segment ended: the cursor stands there.
        let mut last_end = None;
        while x < segment.columns.end.min(source.len()) {
            if segment.on_screen && x >= rewrite_until {
                x = segment.columns.end;
                break;
            }
            let glyph = if x < rewrite_until {
                source.glyph(x)
            } else if let Some(glyph) = source.changed(old, x) {
                glyph
            } else {
                x += 1;
                continue;
            };
            if blank_end_at
                .get_or_insert_with(blank_end_of)
                .is_some_and(|blank| x >= blank)
            {
                each(Change {
                    x: left + u16::try_from(x).unwrap_or(u16::MAX),
                    y,
                    columns: x..source.len(),
                    source,
                    glyph: Glyph::Packed(Packed::BLANK),
                    kind: ChangeKind::Erase,
                });
                return;
            }
            if let Some(gap) = last_end.map(|end| end..x)
                && gap.len() <= 3
                && gap.clone().all(|column| source.glyph(column).is_blank())
            {
                for column in gap {
                    each(Change {
                        x: left + u16::try_from(column).unwrap_or(u16::MAX),
                        y,
                        columns: column..column + 1,
                        source,
                        glyph: source.glyph(column),
                        kind: ChangeKind::Fill,
                    });
                }
            }
            let end = (x + glyph.columns()).min(source.len());
            for covered in x..end.min(old.cells.len()) {
                rewrite_until = rewrite_until.max(covered + old.glyph(covered).columns());
            }
            each(Change {
                x: left + u16::try_from(x).unwrap_or(u16::MAX),
                y,
                columns: x..end,
                source,
                glyph,
                kind: ChangeKind::Write,
            });
            x = end;
            last_end = Some(end);
        }
    }
}

/// How many of `cells` come before their blank end: the blanks in the default colours
/// and no modifiers (any foreground) that end them, which erasing leaves.
fn blank_end(cells: &[Cell]) -> usize {
    let blank = Packed::BLANK.0 & !Packed::COLUMNS_MASK;
    cells
        .iter()
        .rposition(|cell| Packed::without_columns(cell).is_none_or(|packed| packed.0 != blank))
        .map_or(0, |last| last + 1)
}

/// Scrolls the terminal's rows as [`Scroll::origin`] says: within a scrolling region
/// (DECSTBM), line feeds on its last row move it up and reverse indexes on its first row
/// move it down; then the region is the whole screen again.
fn queue_scroll(writer: &mut impl Write, scroll: &Scroll) -> io::Result<()> {
    let Scroll { rows, shift } = scroll;
    let shift = *shift;
    let (top, bottom) = (u32::from(rows.start) + 1, u32::from(rows.end));
    write_csi(writer, &[top, bottom], b'r')?;
    if shift > 0 {
        write_csi(writer, &[bottom, 1], b'H')?;
        for _ in 0..shift {
            writer.write_all(b"\n")?;
        }
    } else {
        write_csi(writer, &[top, 1], b'H')?;
        for _ in 0..shift.unsigned_abs() {
            writer.write_all(b"\x1bM")?;
        }
    }
    writer.write_all(b"\x1b[r")
}

/// Writes `CSI` `parameters` `final_byte`, numbers separated by semicolons. Not
/// crossterm's commands: they format through `Display`, which was a third of the time to
/// encode a frame.
fn write_csi(writer: &mut impl Write, parameters: &[u32], final_byte: u8) -> io::Result<()> {
    let mut numbers = itoa::Buffer::new();
    writer.write_all(b"\x1b[")?;
    for (index, parameter) in parameters.iter().enumerate() {
        if index > 0 {
            writer.write_all(b";")?;
        }
        writer.write_all(numbers.format(*parameter).as_bytes())?;
    }
    writer.write_all(&[final_byte])
}

/// Moves the cursor `columns` to the right (CUF), if any.
fn write_cuf(writer: &mut impl Write, columns: u32) -> io::Result<()> {
    match columns {
        0 => Ok(()),
        1 => writer.write_all(b"\x1b[C"),
        _ => write_csi(writer, &[columns], b'C'),
    }
}

/// The parameters of one SGR sequence: a frame sets a cell's modifiers and colours in
/// one, as `1;36` rather than `1` then `36`.
#[derive(Default)]
struct Sgr {
    /// At most a reset, nine modifiers and two colours of five numbers.
    parameters: [u32; 20],
    count: usize,
}

impl Sgr {
    fn push(&mut self, numbers: &[u32]) {
        self.parameters[self.count..self.count + numbers.len()].copy_from_slice(numbers);
        self.count += numbers.len();
    }

    fn modifiers(&mut self, added: Modifier) {
        for (modifier, number) in ATTRIBUTES {
            if added.contains(modifier) {
                self.push(&[number]);
            }
        }
    }

    /// The colours that change: the default (39, 49), the 16 named colours by their
    /// short numbers (30–37 and 90–97, 40–47 and 100–107), the other indexed ones
    /// (38;5;n) and RGB. crossterm writes every named colour as an indexed one: 12
    /// bytes where 5 do, on every row of the tree a scroll repairs.
    fn colours(&mut self, fg: Option<Color>, bg: Option<Color>) {
        for (base, colour) in [(30, fg), (40, bg)] {
            let Some(colour) = colour else {
                continue;
            };
            let numbers: &[u32] = &match colour {
                Color::Reset => [base + 9, 0, 0, 0, 0],
                Color::Indexed(index) => [base + 8, 5, u32::from(index), 0, 0],
                Color::Rgb(r, g, b) => [base + 8, 2, u32::from(r), u32::from(g), u32::from(b)],
                named => {
                    let number = u32::from(ansi_number(named).unwrap_or(0));
                    let bright = if number < 8 { 0 } else { 60 - 8 };
                    [base + number + bright, 0, 0, 0, 0]
                }
            }[..match colour {
                Color::Indexed(_) => 3,
                Color::Rgb(..) => 5,
                _ => 1,
            }];
            self.push(numbers);
        }
    }

    fn write(&self, writer: &mut impl Write) -> io::Result<()> {
        if self.count == 0 {
            return Ok(());
        }
        write_csi(writer, &self.parameters[..self.count], b'm')
    }
}

/// The SGR numbers of the modifiers, in the order they are written.
const ATTRIBUTES: [(Modifier, u32); 9] = [
    (Modifier::BOLD, 1),
    (Modifier::DIM, 2),
    (Modifier::ITALIC, 3),
    (Modifier::UNDERLINED, 4),
    (Modifier::SLOW_BLINK, 5),
    (Modifier::RAPID_BLINK, 6),
    (Modifier::REVERSED, 7),
    (Modifier::HIDDEN, 8),
    (Modifier::CROSSED_OUT, 9),
];

/// Writes changed cells, given in row order, with as few cursor moves and attribute
/// changes as their order allows.
struct Painter {
    /// The terminal's columns.
    width: u16,
    fg: Color,
    bg: Color,
    modifier: Modifier,
    /// The colours and modifiers of the last packed cell printed, as packed: the next
    /// cell in the same ones (most of them) is printed without unpacking its own.
    packed_style: Option<u64>,
    /// Where the cursor stands after the last cell printed.
    cursor: Option<(u16, u16)>,
}

impl Painter {
    fn new(width: u16) -> Self {
        Self {
            width,
            fg: Color::Reset,
            bg: Color::Reset,
            modifier: Modifier::empty(),
            packed_style: None,
            cursor: None,
        }
    }

    fn paint(&mut self, writer: &mut impl Write, x: u16, y: u16, cell: Glyph) -> io::Result<()> {
        self.move_to(writer, x, y)?;
        let style = match cell {
            Glyph::Packed(packed) => Some(packed.style()),
            Glyph::Whole(_) => None,
        };
        if style.is_none() || style != self.packed_style {
            self.set_style(writer, cell)?;
            // A blank leaves the foreground that was set, which its own may not be.
            self.packed_style = style.filter(|_| !cell.is_blank());
        }
        cell.write_symbol(writer)?;
        let width = u16::try_from(cell.columns()).unwrap_or(u16::MAX);
        self.cursor = Some((x.saturating_add(width), y));
        Ok(())
    }

    fn set_style(&mut self, writer: &mut impl Write, cell: Glyph) -> io::Result<()> {
        let (foreground, background, attributes) = (cell.fg(), cell.bg(), cell.modifier());
        let mut sgr = Sgr::default();
        if attributes != self.modifier {
            if (self.modifier - attributes).is_empty() {
                sgr.modifiers(attributes - self.modifier);
            } else {
                // Taking an attribute off means starting again from none, which
                // resets the colours too.
                sgr.push(&[0]);
                sgr.modifiers(attributes);
                self.fg = Color::Reset;
                self.bg = Color::Reset;
            }
            self.modifier = attributes;
        }
        // Whatever foreground is set does for a blank.
        let foreground = if cell.is_blank() { self.fg } else { foreground };
        sgr.colours(
            (foreground != self.fg).then_some(foreground),
            (background != self.bg).then_some(background),
        );
        self.fg = foreground;
        self.bg = background;
        sgr.write(writer)
    }

    /// Writes the blank `cell` at column `x` of row `y` if the cursor stands there and
    /// the attributes set print it as it is: then the cursor need not move over it.
    fn fill(&mut self, writer: &mut impl Write, x: u16, y: u16, cell: Glyph) -> io::Result<()> {
        let as_it_is = self.bg == cell.bg() && !self.modifier.intersects(Packed::SHOWN_ON_BLANKS);
        if self.cursor != Some((x, y)) || !as_it_is {
            return Ok(());
        }
        self.cursor = Some((x + 1, y));
        writer.write_all(b" ")
    }

    /// Erases row `y` from column `x` to its end (EL), which leaves blanks in the
    /// default background.
    fn erase_to_end(&mut self, writer: &mut impl Write, x: u16, y: u16) -> io::Result<()> {
        self.move_to(writer, x, y)?;
        let blank = Glyph::Packed(Packed::BLANK);
        self.set_style(writer, blank)?;
        self.packed_style = None;
        self.cursor = Some((x, y));
        writer.write_all(b"\x1b[K")
    }

    /// Moves the cursor to column `x` of row `y` the shortest way it knows: forward on
    /// the same row (CUF), to the start of a row just below (CR and line feeds, then
    /// forward), or to the place itself (CUP, 6–8 bytes). A frame moves the cursor at
    /// every change of the tree a scroll repairs, and the bytes of a frame decide how
    /// soon it is on the screen: the kernel hands a terminal 2 KiB at a time.
    fn move_to(&mut self, writer: &mut impl Write, x: u16, y: u16) -> io::Result<()> {
        let Some((from_x, from_y)) = self.cursor else {
            return write_csi(writer, &[u32::from(y) + 1, u32::from(x) + 1], b'H');
        };
        // After the last column the cursor waits to wrap, and moves relative to it are
        // not the same on every terminal; line feeds are never written on a row that
        // could scroll the screen (the cursor only moves down, to a row that exists).
        let forward = u32::from(x.saturating_sub(from_x));
        let down = u32::from(y.saturating_sub(from_y));
        let at_margin = from_x >= self.width;
        if (x, y) == (from_x, from_y) {
            Ok(())
        } else if y == from_y && x > from_x && !at_margin {
            write_cuf(writer, forward)
        } else if y > from_y && down <= 2 {
            writer.write_all(b"\r")?;
            for _ in 0..down {
                writer.write_all(b"\n")?;
            }
            write_cuf(writer, u32::from(x))
        } else {
            write_csi(writer, &[u32::from(y) + 1, u32::from(x) + 1], b'H')
        }
    }

    /// Leaves the attributes reset.
    fn finish(self, writer: &mut impl Write) -> io::Result<()> {
        if self.fg == Color::Reset && self.bg == Color::Reset && self.modifier.is_empty() {
            return Ok(());
        }
        write_csi(writer, &[0], b'm')
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use std::num::NonZeroU16;

    use proptest::prelude::*;
    use ratatui::style::Style;

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
    fn unpacked(glyph: Glyph) -> Cell {
        match glyph {
            Glyph::Packed(packed) => {
                let mut cell = Cell::EMPTY;
                cell.set_char(packed.symbol())
                    .set_fg(packed.fg())
                    .set_bg(packed.bg());
                cell.modifier = packed.modifier();
                cell
            }
            Glyph::Whole(cell) => cell.clone(),
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
                assert_eq!(unpacked(Glyph::Packed(packed)), cell, "{cell:?}");
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
        let glyph = Glyph::of(&cell);
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
                Glyph::Packed(packed).columns(),
                usize::from(cell.cell_width()).max(1),
                "{symbol:?}"
            );
        }
        assert_eq!(Glyph::Packed(Packed::BLANK).columns(), 1);
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
            assert_eq!(row.glyph(2), Glyph::Whole(&cell));
            row.set_packed(1, &[Packed::BLANK; 2]);
            assert_eq!(row.glyph(2), Glyph::Packed(Packed::BLANK));
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
}
