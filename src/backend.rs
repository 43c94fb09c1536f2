//! The terminal backend of the reader: ratatui's crossterm backend, but it knows where
//! the cursor is after a wide character.
//!
//! ratatui-crossterm moves the cursor explicitly before every cell that does not sit one
//! column after the previous one, so each cell after a Chinese character costs a
//! `CSI row;col H` of 6–8 bytes: 10 of the 14 KB of a frame of the shipped briefing.
//! Here the cursor is known to stand `width` columns on after printing a cell of that
//! width (the width ratatui itself gives the cell, `ForcedWidth` included), so a move is
//! written only where the next cell really is somewhere else. A frame is a third of the
//! size and reaches the screen sooner.

use std::io::{self, Write};

use crossterm::cursor::{Hide, MoveTo, Show};
use crossterm::queue;
use crossterm::style::{
    Attribute, Color as CColor, Colors, Print, SetAttribute, SetBackgroundColor, SetColors,
    SetForegroundColor,
};
use crossterm::terminal::{self, Clear};
use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::{Cell, CellWidth};
use ratatui::layout::{Position, Size};
use ratatui::style::{Color, Modifier};

/// Draws on a crossterm terminal through `writer`.
pub struct ReaderBackend<W: Write> {
    writer: W,
}

impl<W: Write> ReaderBackend<W> {
    pub fn new(writer: W) -> Self {
        Self { writer }
    }
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

impl<W: Write> Backend for ReaderBackend<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let mut fg = Color::Reset;
        let mut bg = Color::Reset;
        let mut modifier = Modifier::empty();
        // Where the cursor stands after the last cell printed.
        let mut cursor: Option<(u16, u16)> = None;
        for (x, y, cell) in content {
            if cursor != Some((x, y)) {
                queue!(self.writer, MoveTo(x, y))?;
            }
            if cell.modifier != modifier {
                if (modifier - cell.modifier).is_empty() {
                    queue_added(&mut self.writer, cell.modifier - modifier)?;
                } else {
                    // Taking an attribute off means starting again from none, which
                    // resets the colours too.
                    queue!(self.writer, SetAttribute(Attribute::Reset))?;
                    queue_added(&mut self.writer, cell.modifier)?;
                    fg = Color::Reset;
                    bg = Color::Reset;
                }
                modifier = cell.modifier;
            }
            if cell.fg != fg || cell.bg != bg {
                queue!(
                    self.writer,
                    SetColors(Colors::new(
                        crossterm_color(cell.fg),
                        crossterm_color(cell.bg)
                    ))
                )?;
                fg = cell.fg;
                bg = cell.bg;
            }
            queue!(self.writer, Print(cell.symbol()))?;
            let width = cell.cell_width().max(1);
            cursor = Some((x.saturating_add(width), y));
        }
        queue!(
            self.writer,
            SetForegroundColor(CColor::Reset),
            SetBackgroundColor(CColor::Reset),
            SetAttribute(Attribute::Reset)
        )
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        queue!(self.writer, Hide)?;
        self.writer.flush()
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        queue!(self.writer, Show)?;
        self.writer.flush()
    }

    /// The reader never needs to know: it draws full screen. Asking (CSI 6n) would race
    /// the input thread for the answer.
    fn get_cursor_position(&mut self) -> io::Result<Position> {
        Ok(Position::ORIGIN)
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        let Position { x, y } = position.into();
        queue!(self.writer, MoveTo(x, y))?;
        self.writer.flush()
    }

    fn clear(&mut self) -> io::Result<()> {
        self.clear_region(ClearType::All)
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        let kind = match clear_type {
            ClearType::All => terminal::ClearType::All,
            ClearType::AfterCursor => terminal::ClearType::FromCursorDown,
            ClearType::BeforeCursor => terminal::ClearType::FromCursorUp,
            ClearType::CurrentLine => terminal::ClearType::CurrentLine,
            ClearType::UntilNewLine => terminal::ClearType::UntilNewLine,
        };
        queue!(self.writer, Clear(kind))?;
        self.writer.flush()
    }

    fn size(&self) -> io::Result<Size> {
        let (width, height) = terminal::size()?;
        Ok(Size { width, height })
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        let size = terminal::window_size()?;
        Ok(WindowSize {
            columns_rows: Size {
                width: size.columns,
                height: size.rows,
            },
            pixels: Size {
                width: size.width,
                height: size.height,
            },
        })
    }

    fn flush(&mut self) -> io::Result<()> {
        self.writer.flush()
    }
}
