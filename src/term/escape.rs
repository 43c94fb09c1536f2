//! The bytes written to the terminal: cursor moves, scrolling regions and the SGR
//! sequences of styles, each as short as it can be.

use super::cells::ansi_number;
use super::{Color, DiffCell, Modifier, Packed, Scroll, io};
use std::io::Write;

/// Scrolls the terminal's rows as [`Scroll::origin`] says: within a scrolling region
/// (DECSTBM), line feeds on its last row move it up and reverse indexes on its first row
/// move it down; then the region is the whole screen again.
pub(super) fn queue_scroll(writer: &mut impl Write, scroll: &Scroll) -> io::Result<()> {
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
pub(super) fn write_csi(
    writer: &mut impl Write,
    parameters: &[u32],
    final_byte: u8,
) -> io::Result<()> {
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
pub(super) fn write_cuf(writer: &mut impl Write, columns: u32) -> io::Result<()> {
    match columns {
        0 => Ok(()),
        1 => writer.write_all(b"\x1b[C"),
        _ => write_csi(writer, &[columns], b'C'),
    }
}

/// The parameters of one SGR sequence: a frame sets a cell's modifiers and colours in
/// one, as `1;36` rather than `1` then `36`.
#[derive(Default)]
pub(super) struct Sgr {
    /// At most a reset, nine modifiers and two colours of five numbers.
    pub(super) parameters: [u32; 20],
    pub(super) count: usize,
}

impl Sgr {
    pub(super) fn push(&mut self, numbers: &[u32]) {
        self.parameters[self.count..self.count + numbers.len()].copy_from_slice(numbers);
        self.count += numbers.len();
    }

    pub(super) fn modifiers(&mut self, added: Modifier) {
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
    pub(super) fn colours(&mut self, fg: Option<Color>, bg: Option<Color>) {
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

    pub(super) fn write(&self, writer: &mut impl Write) -> io::Result<()> {
        if self.count == 0 {
            return Ok(());
        }
        write_csi(writer, &self.parameters[..self.count], b'm')
    }
}

/// The SGR numbers of the modifiers, in the order they are written.
pub(super) const ATTRIBUTES: [(Modifier, u32); 9] = [
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
pub(super) struct Painter {
    /// The terminal's columns.
    pub(super) width: u16,
    pub(super) fg: Color,
    pub(super) bg: Color,
    pub(super) modifier: Modifier,
    /// The colours and modifiers of the last packed cell printed, as packed: the next
    /// cell in the same ones (most of them) is printed without unpacking its own.
    pub(super) packed_style: Option<u64>,
    /// Where the cursor stands after the last cell printed.
    pub(super) cursor: Option<(u16, u16)>,
}

impl Painter {
    pub(super) fn new(width: u16) -> Self {
        Self {
            width,
            fg: Color::Reset,
            bg: Color::Reset,
            modifier: Modifier::empty(),
            packed_style: None,
            cursor: None,
        }
    }

    pub(super) fn paint(
        &mut self,
        writer: &mut impl Write,
        x: u16,
        y: u16,
        cell: DiffCell,
    ) -> io::Result<()> {
        self.move_to(writer, x, y)?;
        let style = match cell {
            DiffCell::Packed(packed) => Some(packed.style()),
            DiffCell::Whole(_) => None,
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

    pub(super) fn set_style(&mut self, writer: &mut impl Write, cell: DiffCell) -> io::Result<()> {
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
    pub(super) fn fill(
        &mut self,
        writer: &mut impl Write,
        x: u16,
        y: u16,
        cell: DiffCell,
    ) -> io::Result<()> {
        let as_it_is = self.bg == cell.bg() && !self.modifier.intersects(Packed::SHOWN_ON_BLANKS);
        if self.cursor != Some((x, y)) || !as_it_is {
            return Ok(());
        }
        self.cursor = Some((x + 1, y));
        writer.write_all(b" ")
    }

    /// Erases row `y` from column `x` to its end (EL), which leaves blanks in the
    /// default background.
    pub(super) fn erase_to_end(
        &mut self,
        writer: &mut impl Write,
        x: u16,
        y: u16,
    ) -> io::Result<()> {
        self.move_to(writer, x, y)?;
        let blank = DiffCell::Packed(Packed::BLANK);
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
    pub(super) fn move_to(&mut self, writer: &mut impl Write, x: u16, y: u16) -> io::Result<()> {
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
    pub(super) fn finish(self, writer: &mut impl Write) -> io::Result<()> {
        if self.fg == Color::Reset && self.bg == Color::Reset && self.modifier.is_empty() {
            return Ok(());
        }
        write_csi(writer, &[0], b'm')
    }
}
