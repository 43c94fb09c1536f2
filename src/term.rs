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

use crossterm::cursor::{Hide, MoveTo, Show};
use crossterm::queue;
use crossterm::terminal::{Clear, ClearType};
use ratatui::buffer::{Buffer, Cell, CellDiffOption};
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};

use crate::text::standalone_char_width;
use diff::{ChangeKind, changed_cells};
use escape::{Painter, queue_scroll};

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
    /// Where the terminal's cursor is to stand, shown, after the next frame; None keeps
    /// it hidden.
    cursor: Option<(u16, u16)>,
    /// The cursor is shown now.
    cursor_shown: bool,
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

/// A row of the terminal's cells.
#[derive(Clone, Debug)]
struct Row {
    cells: Vec<Packed>,
    /// The cells that do not pack, by column, for the columns marked [`Packed::WHOLE`].
    whole: Vec<(usize, Cell)>,
}

/// A cell of one character in palette colours, its width its own, in 64 bits: the
/// character (21 bits), foreground and background (9 bits each: reset, the 16 named
/// colours, the 256 indexed ones), the modifiers (12 bits) and the columns it takes (2
/// bits), worked out once when it is packed: a scroll's repair of the tree asks the
/// width of every cell it rewrites and of every cell it overwrites. Two such cells are
/// equal when their numbers are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Packed(u64);

/// A cell as the diff reads it: packed, or a whole ratatui cell for one that does not
/// pack. A cell that packs never equals one that does not.
#[derive(Clone, Copy, Debug, PartialEq)]
enum DiffCell<'a> {
    Packed(Packed),
    Whole(&'a Cell),
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
            cursor: None,
            cursor_shown: false,
        }
    }

    /// Shows the cursor at `at` after each frame from the next on (a prompt's input
    /// point, where an input method opens its window), or keeps it hidden (None).
    pub fn set_cursor(&mut self, at: Option<(u16, u16)>) {
        self.cursor = at;
    }

    #[cfg(test)]
    pub(crate) fn writer(&self) -> &W {
        &self.writer
    }

    /// Clears the terminal, which is now `area` large: the next frame is drawn in full.
    pub fn clear(&mut self, area: Rect) -> io::Result<()> {
        queue!(self.writer, Clear(ClearType::All))?;
        self.shown = Shown::blank(area);
        // Cleared on taking the terminal again after a suspend, which hides the cursor.
        self.cursor_shown = false;
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
        match self.cursor {
            Some((x, y)) => {
                queue!(self.writer, MoveTo(x, y))?;
                if !self.cursor_shown {
                    queue!(self.writer, Show)?;
                }
            }
            None if self.cursor_shown => queue!(self.writer, Hide)?,
            None => {}
        }
        self.cursor_shown = self.cursor.is_some();
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

mod cells;
mod diff;
mod escape;
#[cfg(test)]
pub(crate) mod tests;
