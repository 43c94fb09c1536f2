//! The copy of the screen: rows of cells packed in 64 bits (the character, its colours,
//! modifiers and width), and the cells a frame writes on their way into it.

use super::{
    Cell, CellDiffOption, Color, DiffCell, Modifier, Packed, Rect, Row, Scroll, Shown, Written, io,
    standalone_char_width,
};
use ratatui::buffer::CellWidth;
use std::io::Write;

impl Shown {
    pub(super) fn blank(area: Rect) -> Self {
        Self {
            area,
            rows: vec![Row::blank(area.width); usize::from(area.height)],
            scrolled: None,
            spare: Vec::new(),
        }
    }

    pub(super) fn row(&self, y: u16) -> &Row {
        &self.rows[usize::from(y - self.area.y)]
    }

    /// Moves the rows as the terminal does on `scroll`: the lines that come in are blank.
    /// The rows pushed off are kept until [`Shown::scrolled_over`].
    pub(super) fn scroll(&mut self, scroll: &Scroll) {
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
    pub(super) fn before_scroll(&self, y: u16) -> &Row {
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
    pub(super) fn scrolled_over(&mut self) {
        if let Some((_, gone)) = self.scrolled.take() {
            for mut row in gone {
                row.clear();
                self.spare.push(row);
            }
        }
    }
}

impl Row {
    pub(super) fn blank(width: u16) -> Self {
        Self {
            cells: vec![Packed::BLANK; usize::from(width)],
            whole: Vec::new(),
        }
    }

    pub(super) fn clear(&mut self) {
        self.cells.fill(Packed::BLANK);
        self.whole.clear();
    }

    pub(super) fn glyph(&self, x: usize) -> DiffCell<'_> {
        match self.cells[x] {
            Packed::WHOLE => self
                .whole
                .binary_search_by_key(&x, |(column, _)| *column)
                .map_or(DiffCell::Packed(Packed::BLANK), |at| {
                    DiffCell::Whole(&self.whole[at].1)
                }),
            packed => DiffCell::Packed(packed),
        }
    }

    /// Sets the cells from column `x` on.
    pub(super) fn set_packed(&mut self, x: usize, cells: &[Packed]) {
        self.cells[x..x + cells.len()].copy_from_slice(cells);
        if !self.whole.is_empty() {
            self.whole
                .retain(|(column, _)| !(x..x + cells.len()).contains(column));
        }
    }

    pub(super) fn set_whole(&mut self, x: usize, cell: Cell) {
        match self.whole.binary_search_by_key(&x, |(column, _)| *column) {
            Ok(at) => self.whole[at].1 = cell,
            Err(at) => self.whole.insert(at, (x, cell)),
        }
        self.cells[x] = Packed::WHOLE;
    }
}

impl Packed {
    pub(super) const BLANK: Packed = Packed(b' ' as u64 | 1 << Self::COLUMNS_SHIFT);
    /// Marks a cell that does not pack: kept whole beside the row.
    pub(super) const WHOLE: Packed = Packed(u64::MAX);
    pub(super) const CHAR_BITS: u32 = 21;
    pub(super) const COLOUR_BITS: u32 = 9;
    pub(super) const MODIFIER_SHIFT: u32 = Self::CHAR_BITS + 2 * Self::COLOUR_BITS;
    pub(super) const COLUMNS_SHIFT: u32 = Self::MODIFIER_SHIFT + 12;
    /// The modifiers that draw a blank in its foreground colour.
    pub(super) const SHOWN_ON_BLANKS: Modifier = Modifier::UNDERLINED
        .union(Modifier::REVERSED)
        .union(Modifier::CROSSED_OUT);
    /// The bits of the columns a cell takes.
    pub(super) const COLUMNS_MASK: u64 = 0b11 << Self::COLUMNS_SHIFT;

    /// Whether a cell of `symbol` and `modifier` is a blank that shows its background
    /// only, whatever its foreground.
    pub(super) fn foreground_unseen(symbol: char, modifier: Modifier) -> bool {
        symbol == ' ' && !modifier.intersects(Self::SHOWN_ON_BLANKS)
    }

    /// None for a cell of more than one character, in RGB colours or of a forced width.
    pub(super) fn of(cell: &Cell) -> Option<Packed> {
        Self::without_columns(cell).map(Self::with_columns)
    }

    /// A cell packed by [`Packed::without_columns`], with the columns its character takes.
    pub(super) fn with_columns(self) -> Packed {
        let symbol = self.symbol();
        let columns = standalone_char_width(symbol)
            .unwrap_or_else(|| usize::from(symbol.encode_utf8(&mut [0; 4]).cell_width()))
            .clamp(1, 3);
        Packed(self.0 | (columns as u64) << Self::COLUMNS_SHIFT)
    }

    /// The cell packed but for its width, which its character decides: enough to tell
    /// whether a cell drawn is the one on screen, without asking its width.
    pub(super) fn without_columns(cell: &Cell) -> Option<Packed> {
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

    pub(super) fn symbol(self) -> char {
        u32::try_from(self.0 & ((1 << Self::CHAR_BITS) - 1))
            .ok()
            .and_then(char::from_u32)
            .unwrap_or(' ')
    }

    pub(super) fn fg(self) -> Color {
        colour_of_number(self.0 >> Self::CHAR_BITS)
    }

    pub(super) fn bg(self) -> Color {
        colour_of_number(self.0 >> (Self::CHAR_BITS + Self::COLOUR_BITS))
    }

    pub(super) fn modifier(self) -> Modifier {
        let bits = self.0 >> Self::MODIFIER_SHIFT;
        Modifier::from_bits_truncate(u16::try_from(bits & 0xfff).unwrap_or(0))
    }

    pub(super) fn columns(self) -> usize {
        usize::try_from(self.0 >> Self::COLUMNS_SHIFT & 0b11).unwrap_or(1)
    }

    /// The colours and modifiers, as packed.
    pub(super) fn style(self) -> u64 {
        self.0 >> Self::CHAR_BITS & ((1 << (Self::COLUMNS_SHIFT - Self::CHAR_BITS)) - 1)
    }
}

/// The ANSI numbers of the named colours, which terminals also take as the first 16
/// indexed colours.
pub(super) const NAMED_COLOURS: [Color; 16] = [
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
pub(super) fn ansi_number(colour: Color) -> Option<u8> {
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
pub(super) fn colour_number(colour: Color) -> Option<u64> {
    match colour {
        Color::Reset => Some(0),
        Color::Indexed(index) => Some(17 + u64::from(index)),
        Color::Rgb(..) => None,
        named => ansi_number(named).map(|number| 1 + u64::from(number)),
    }
}

pub(super) fn colour_of_number(bits: u64) -> Color {
    match bits & ((1 << Packed::COLOUR_BITS) - 1) {
        0 => Color::Reset,
        number @ 1..=16 => usize::try_from(number - 1)
            .ok()
            .and_then(|at| NAMED_COLOURS.get(at).copied())
            .unwrap_or(Color::Reset),
        number => u8::try_from(number - 17).map_or(Color::Reset, Color::Indexed),
    }
}

impl<'a> DiffCell<'a> {
    pub(super) fn of(cell: &'a Cell) -> Self {
        Packed::of(cell).map_or(DiffCell::Whole(cell), DiffCell::Packed)
    }

    pub(super) fn fg(self) -> Color {
        match self {
            DiffCell::Packed(packed) => packed.fg(),
            DiffCell::Whole(cell) => cell.fg,
        }
    }

    pub(super) fn bg(self) -> Color {
        match self {
            DiffCell::Packed(packed) => packed.bg(),
            DiffCell::Whole(cell) => cell.bg,
        }
    }

    pub(super) fn modifier(self) -> Modifier {
        match self {
            DiffCell::Packed(packed) => packed.modifier(),
            DiffCell::Whole(cell) => cell.modifier,
        }
    }

    /// How many columns the terminal advances over the cell, as ratatui says (at least
    /// one). Most cells hold a character that stands alone: its width comes without the
    /// string walk, which was a tenth of the time to diff and write a frame.
    #[inline]
    pub(super) fn columns(self) -> usize {
        match self {
            DiffCell::Packed(packed) => packed.columns(),
            DiffCell::Whole(cell) => usize::from(cell.cell_width()).max(1),
        }
    }

    /// A blank of any foreground, as packed.
    pub(super) fn is_blank(self) -> bool {
        match self {
            DiffCell::Packed(packed) => {
                Packed::foreground_unseen(packed.symbol(), packed.modifier())
            }
            DiffCell::Whole(_) => false,
        }
    }

    pub(super) fn write_symbol(self, writer: &mut impl Write) -> io::Result<()> {
        match self {
            DiffCell::Packed(packed) => {
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
            DiffCell::Whole(cell) => writer.write_all(cell.symbol().as_bytes()),
        }
    }
}

impl Written {
    pub(super) fn push(&mut self, y: u16, x: usize, glyph: DiffCell) {
        match glyph {
            DiffCell::Packed(packed) => {
                let next_in_run = self.runs.last().is_some_and(|&(row, first, start)| {
                    row == y && first + (self.cells.len() - start) == x
                });
                if !next_in_run {
                    self.runs.push((y, x, self.cells.len()));
                }
                self.cells.push(packed);
            }
            DiffCell::Whole(cell) => self.whole.push((y, x, cell.clone())),
        }
    }

    /// Writes the cells into `rows`, the first of which is row `top`, and forgets them.
    pub(super) fn write_into(&mut self, rows: &mut [Row], top: u16) {
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

    pub(super) fn clear(&mut self) {
        self.runs.clear();
        self.cells.clear();
        self.whole.clear();
    }
}
