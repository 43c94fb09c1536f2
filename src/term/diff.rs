//! Which cells of the next frame differ from the copy of the screen, row by row and in
//! runs, so that only those are written.

use super::{Buffer, Carried, Cell, DiffCell, Packed, Range, Row, Scroll, Shown};

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
pub(super) fn changed_cells<'a>(
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
pub(super) enum Source<'a> {
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
    pub(super) fn changed(self, old: &Row, x: usize) -> Option<DiffCell<'a>> {
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
                Some(drawn) => Some(DiffCell::Packed(drawn.with_columns())),
                None => {
                    let glyph = DiffCell::Whole(&cells[x]);
                    (shown != Packed::WHOLE || old.glyph(x) != glyph).then_some(glyph)
                }
            },
        }
    }

    #[inline]
    pub(super) fn glyph(self, x: usize) -> DiffCell<'a> {
        match self {
            Source::Drawn(cells) => DiffCell::of(&cells[x]),
            Source::Shown(row) => row.glyph(x),
        }
    }

    pub(super) fn len(self) -> usize {
        match self {
            Source::Drawn(cells) => cells.len(),
            Source::Shown(row) => row.cells.len(),
        }
    }
}

/// Columns of a row of the next frame and where their cells are read.
pub(super) struct Segment<'a> {
    pub(super) columns: Range<usize>,
    pub(super) source: Source<'a>,
    /// The terminal shows these cells already: they are not compared.
    pub(super) on_screen: bool,
}

impl<'a> Segment<'a> {
    pub(super) fn new(columns: Range<usize>, source: Source<'a>) -> Self {
        Self {
            columns,
            source,
            on_screen: false,
        }
    }

    pub(super) fn on_screen(columns: Range<usize>, shown: &'a Row) -> Self {
        Self {
            columns,
            source: Source::Shown(shown),
            on_screen: true,
        }
    }
}

/// A character to write: at column `x` of row `y` of the terminal, read from the
/// `columns` of its source row (one, or a wide character's two).
pub(super) struct Change<'a> {
    pub(super) x: u16,
    pub(super) y: u16,
    pub(super) columns: Range<usize>,
    pub(super) source: Source<'a>,
    /// The cell of the first column, read once.
    pub(super) glyph: DiffCell<'a>,
    pub(super) kind: ChangeKind,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum ChangeKind {
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
    pub(super) fn cells(&self) -> impl Iterator<Item = (usize, DiffCell<'a>)> {
        let trailing = self.columns.start + 1..self.columns.end;
        let erase = self.kind == ChangeKind::Erase;
        std::iter::once((self.columns.start, self.glyph)).chain(trailing.map(move |column| {
            let glyph = if erase {
                DiffCell::Packed(Packed::BLANK)
            } else {
                self.source.glyph(column)
            };
            (column, glyph)
        }))
    }
}

/// The changes of row `y`, whose terminal cells are `old`, to the cells `segments` give.
pub(super) fn changed_in_row<'a>(
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
                    glyph: DiffCell::Packed(Packed::BLANK),
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
pub(super) fn blank_end(cells: &[Cell]) -> usize {
    let blank = Packed::BLANK.0 & !Packed::COLUMNS_MASK;
    cells
        .iter()
        .rposition(|cell| Packed::without_columns(cell).is_none_or(|packed| packed.0 != blank))
        .map_or(0, |last| last + 1)
}
