//! Drawing the reader: reads the [`App`] and writes cells, never changes state.
//!
//! Text is placed cluster by cluster at the columns our own width functions give, not
//! through ratatui's string writer: in `wide` ambiguous mode a “ takes two columns on the
//! terminal while ratatui counts one, so such cells carry `CellDiffOption::ForcedWidth`,
//! by which the screen knows the cursor stands that many columns on.

use std::cell::RefCell;
use std::num::NonZeroU16;
use std::ops::Range;

use ratatui::buffer::{Buffer, CellDiffOption, CellWidth};
use ratatui::style::Style;

use crate::app::{App, Focus, Overlay, Rect, TreeRow, geometry};
use crate::layout::{span_at, spans_over};
use crate::term::{Carried, Plan, Screen, Scroll};
use crate::text::{AmbiguousWidth, clusters, drawn_and_natural_width};
use cache::DrawCache;
use overlays::{Panel, PanelOverlay};
use ratatui::layout::Rect as Area;
use ratatui::widgets::Widget;
use status::StatusBar;
use text_pane::TextPane;
use text_pane::drawn_range;
use theme::Mark;
use tree::match_and_fold;
use tree::{TreeOverlay, TreePane};

/// True when `offset` lies in one of `ranges` (sorted, not overlapping).
fn in_sorted(ranges: &[Range<usize>], offset: usize) -> bool {
    span_at(ranges, |range| range, offset).is_some()
}

/// Writes `text` from column `x` on row `y`, never past `end` (exclusive). Returns the
/// column after the last cluster written. A cluster that does not fit is not written.
pub fn put_str(
    buf: &mut Buffer,
    x: u16,
    y: u16,
    end: u16,
    text: &str,
    style: Style,
    ambiguous: AmbiguousWidth,
) -> u16 {
    let area = buf.area;
    if y < area.top() || y >= area.bottom() || area.width == 0 {
        return x;
    }
    let end = usize::from(end.min(area.right()).saturating_sub(area.left()));
    let mut column = usize::from(x.max(area.left()) - area.left());
    // The row itself, indexed from the area's left: one bounds check a cell, not the
    // position arithmetic of `buf[(x, y)]`.
    let row_start = buf.index_of(area.left(), y);
    let row = &mut buf.content[row_start..row_start + usize::from(area.width)];
    for cluster in clusters(text) {
        let (drawn, natural) = drawn_and_natural_width(cluster, ambiguous);
        if drawn == 0 {
            continue;
        }
        if column + drawn > end {
            break;
        }
        let (first, trailing) = row[column..column + drawn].split_at_mut(1);
        let cell = &mut first[0];
        cell.set_symbol(cluster).set_style(style);
        if let Some(forced) = NonZeroU16::new(to_u16(drawn)).filter(|_| drawn != natural) {
            cell.set_diff_option(CellDiffOption::ForcedWidth(forced));
        }
        for covered in trailing {
            covered.reset();
            covered.set_style(style);
        }
        column += drawn;
    }
    area.left() + to_u16(column)
}

/// Clears `rect` with `style`. A wide character just left of it would still cover its
/// first column on the terminal, so that character is blanked too.
fn fill(buf: &mut Buffer, rect: Rect, style: Style) {
    for row in rect.y..rect.y + rect.height {
        let left_neighbour = rect
            .x
            .checked_sub(1)
            .and_then(|left| buf.cell_mut((to_u16(left), to_u16(row))));
        if let Some(cell) = left_neighbour.filter(|cell| cell.cell_width() > 1) {
            cell.reset();
        }
        for column in rect.x..rect.x + rect.width {
            if let Some(cell) = buf.cell_mut((to_u16(column), to_u16(row))) {
                cell.reset();
                cell.set_style(style);
            }
        }
    }
}

fn to_u16(value: usize) -> u16 {
    u16::try_from(value).unwrap_or(u16::MAX)
}

/// Draws the whole reader.
pub fn draw(app: &App, buf: &mut Buffer) {
    draw_planned(app, buf, &Plan::default(), &RefCell::default());
}

/// Draws the reader but what `plan` carries over from the frame on screen.
pub fn draw_planned(app: &App, buf: &mut Buffer, plan: &Plan, cache: &RefCell<DrawCache>) {
    let ambiguous = app.settings().ambiguous;
    let panes = *app.panes();
    if panes.too_small {
        // Wrapped over the rows there are, so that it is read whole where it fits.
        let width = usize::from(buf.area.width);
        let lines = crate::text::wrap_lines(app.strings().too_small(), width.max(1), ambiguous);
        for (y, line) in (0..buf.area.height).zip(lines) {
            put_str(buf, 0, y, buf.area.width, &line, Style::new(), ambiguous);
        }
        return;
    }
    if panes.tree.width > 0 {
        TreePane { app, plan, cache }.render(to_area(panes.tree), buf);
    }
    TextPane { app, plan }.render(to_area(panes.text), buf);
    StatusBar { app, cache }.render(to_area(panes.status), buf);
    let above_status = to_area(geometry::above_status(&panes));
    match app.overlay() {
        Some(Overlay::Help) => PanelOverlay {
            app,
            panel: Panel::Help,
        }
        .render(above_status, buf),
        Some(Overlay::Tree) => {
            TreeOverlay { app, cache }.render(to_area(geometry::tree_overlay_box(&panes)), buf);
        }
        Some(Overlay::Formulations) => PanelOverlay {
            app,
            panel: Panel::Formulations,
        }
        .render(above_status, buf),
        Some(Overlay::Findings) => PanelOverlay {
            app,
            panel: Panel::Findings,
        }
        .render(above_status, buf),
        Some(Overlay::Summary) => PanelOverlay {
            app,
            panel: Panel::Summary,
        }
        .render(above_status, buf),
        None => {}
    }
}

/// A ratatui area for a rectangle of the app's geometry (cells as `u16`, saturating).
fn to_area(rect: Rect) -> Area {
    Area::new(
        to_u16(rect.x),
        to_u16(rect.y),
        to_u16(rect.width),
        to_u16(rect.height),
    )
}

/// The app's rectangle for a ratatui area.
fn from_area(area: Area) -> Rect {
    Rect {
        x: usize::from(area.x),
        y: usize::from(area.y),
        width: usize::from(area.width),
        height: usize::from(area.height),
    }
}

/// What a frame draws in its text rows and its tree, in terms that tell whether another
/// frame draws the same cells there: equal keys, equal cells.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FrameKeys {
    text: Rect,
    /// For each row of the text pane, the line drawn there.
    lines: Vec<LineKey>,
    /// What drawing the tree beside the text reads.
    tree: Option<TreeKey>,
}

/// A laid-out line, for a given layout (which the text pane's size fixes), and the
/// marks on it that change while reading: the highlight and search matches. Emphasis
/// and placeholders are the document's own, the same whenever the line is drawn.
#[derive(Clone, Debug, PartialEq, Eq)]
struct LineKey {
    block: Option<usize>,
    source: Range<usize>,
    pad: usize,
    marks: Vec<(Range<usize>, Mark)>,
    /// A rehearsal's band is on it.
    band: bool,
}

/// The tree pane and, for each of its rows, the tree row drawn there.
#[derive(Clone, Debug, PartialEq, Eq)]
struct TreeKey {
    pane: Rect,
    rows: Vec<Option<TreeRowKey>>,
}

/// A tree row as drawn: the row, its search mark, whether it is folded, and whether it
/// is selected (and then whether the tree has the focus).
#[derive(Clone, Debug, PartialEq, Eq)]
struct TreeRowKey {
    row: TreeRow,
    has_match: bool,
    folded: bool,
    selected: Option<bool>,
}

/// The keys of the frame `app` draws now. Nothing has a key under an overlay.
pub fn frame_keys(app: &App) -> FrameKeys {
    let panes = app.panes();
    if panes.too_small || app.overlay().is_some() {
        return FrameKeys::default();
    }
    let highlight = app.highlight();
    let matches: &[Range<usize>] = app.search().map_or(&[], |search| &search.matches);
    let lines = app
        .window()
        .iter()
        .take(panes.text.height)
        .map(|line| {
            let mut marks = Vec::new();
            if let Some((_, drawn)) = drawn_range(line) {
                let overlaps =
                    |range: &Range<usize>| range.start < drawn.end && drawn.start < range.end;
                if let Some(range) = highlight.filter(|range| overlaps(range)) {
                    marks.push((range.clone(), Mark::Current));
                }
                let on_line = spans_over(matches, |range| range, &drawn);
                marks.extend(on_line.iter().map(|range| (range.clone(), Mark::Match)));
            }
            LineKey {
                block: line.block,
                source: line.source(),
                pad: line.pad,
                marks,
                band: text_pane::is_band(app, line),
            }
        })
        .collect();
    let tree = (panes.tree.width > 0).then(|| {
        let selected = app.selected();
        let focused = app.focus() == Focus::Tree;
        let mut shown = app.tree_rows().iter().skip(app.tree_top());
        let rows = (0..panes.tree.height)
            .map(|_| {
                shown.next().map(|row| {
                    let (has_match, folded) = match_and_fold(app, *row);
                    TreeRowKey {
                        row: *row,
                        has_match,
                        folded,
                        selected: (*row == selected).then_some(focused),
                    }
                })
            })
            .collect();
        TreeKey {
            pane: panes.tree,
            rows,
        }
    });
    FrameKeys {
        text: panes.text,
        lines,
        tree,
    }
}

/// What the frame keyed `next` can take from the frame keyed `previous`, which the
/// terminal shows (`frame_width` columns wide): the text rows that show the same lines,
/// found by how far the text moved, and the tree when nothing it shows changed. The text
/// pane's rows are scrolled when the lines they bring back hold more cells than the tree
/// beside them, which a scroll makes to be written again.
pub fn plan(previous: Option<&FrameKeys>, next: &FrameKeys, frame_width: usize) -> Plan {
    let Some(previous) = previous.filter(|previous| previous.text == next.text) else {
        return Plan::default();
    };
    let text = next.text;
    let origin = |row: usize, shift: isize| {
        row.checked_add_signed(shift)
            .filter(|from| *from < text.height)
            .and_then(|from| previous.lines.get(from).map(|key| (from, key)))
    };
    // The smallest shift under which more than half of the lines that stay in view are
    // the same lines.
    let rows = text.height.cast_signed();
    let shift = std::iter::once(0)
        .chain((1..rows).flat_map(|distance| [distance, -distance]))
        .find(|&shift| {
            let (mut staying, mut same) = (0, 0);
            for (row, key) in next.lines.iter().enumerate() {
                if let Some((_, old)) = origin(row, shift) {
                    staying += 1;
                    same += usize::from(old == key);
                }
            }
            same > 0 && same * 2 > staying
        })
        .unwrap_or(0);
    let tree = next
        .tree
        .as_ref()
        .zip(previous.tree.as_ref())
        .filter(|(tree, before)| tree.pane == before.pane);
    let mut carried = Vec::new();
    let mut reappearing = 0;
    for y in text.y..text.y + text.height {
        let tree_row = tree.and_then(|(tree, before)| {
            let row = y.checked_sub(tree.pane.y)?;
            let same = row < tree.pane.height && tree.rows.get(row) == before.rows.get(row);
            same.then_some(tree.pane)
        });
        if let Some(pane) = tree_row {
            carried.push(Carried {
                y: to_u16(y),
                from: to_u16(y),
                columns: to_u16(pane.x)..to_u16(pane.x + pane.width),
            });
        }
        let row = y - text.y;
        let same = next
            .lines
            .get(row)
            .and_then(|key| origin(row, shift).filter(|(_, old)| *old == key));
        if let Some((from, _)) = same {
            reappearing += 1;
            carried.push(Carried {
                y: to_u16(y),
                from: to_u16(text.y + from),
                columns: to_u16(text.x)..to_u16(text.x + text.width),
            });
        }
    }
    let repaired = frame_width.saturating_sub(text.width) * text.height;
    let scroll = (shift != 0 && reappearing * text.width > repaired).then(|| Scroll {
        rows: to_u16(text.y)..to_u16(text.y + text.height),
        shift,
    });
    Plan { scroll, carried }
}

/// The reader on a terminal: draws frames of the app, carrying over what the frame on
/// screen already shows.
pub struct ReaderScreen<W: std::io::Write> {
    screen: Screen<W>,
    /// The keys of the frame on screen; None when they cannot be trusted.
    keys: Option<FrameKeys>,
    /// What drawing keeps between frames.
    cache: RefCell<DrawCache>,
}

impl<W: std::io::Write> ReaderScreen<W> {
    /// A reader's screen that shows nothing yet, as the alternate screen on entering it.
    pub fn new(writer: W, app: &App) -> Self {
        Self {
            screen: Screen::new(writer, frame_area(app)),
            keys: None,
            cache: RefCell::default(),
        }
    }

    pub fn draw(&mut self, app: &App) -> std::io::Result<()> {
        let keys = frame_keys(app);
        let area = frame_area(app);
        let plan = plan(self.keys.as_ref(), &keys, usize::from(area.width));
        let cache = &self.cache;
        self.screen.set_cursor(status::prompt_cursor(app));
        let colour = app.settings().colour;
        self.screen.draw(area, plan, |buffer, plan| {
            draw_planned(app, buffer, plan, cache);
            if !colour {
                theme::without_colour(buffer);
            }
        })?;
        self.keys = Some(keys);
        Ok(())
    }

    /// Clears the terminal and forgets what was on it.
    pub fn clear(&mut self, app: &App) -> std::io::Result<()> {
        self.keys = None;
        self.screen.clear(frame_area(app))
    }

    /// Forgets what the frame on screen showed, for a change its keys do not tell (a
    /// document replaced by a longer one).
    pub fn forget(&mut self) {
        self.keys = None;
    }

    #[cfg(test)]
    pub(crate) fn writer(&self) -> &W {
        self.screen.writer()
    }
}

/// The whole terminal, at the size the reader's panes were made for.
fn frame_area(app: &App) -> ratatui::layout::Rect {
    let (width, height) = app.size();
    ratatui::layout::Rect::new(0, 0, to_u16(width), to_u16(height))
}

/// True when `plan` carries row `y` of `columns` over from the frame on screen.
fn is_carried(plan: &Plan, y: usize, columns: &Range<usize>) -> bool {
    let first = plan
        .carried
        .partition_point(|carried| usize::from(carried.y) < y);
    plan.carried[first..]
        .iter()
        .take_while(|carried| usize::from(carried.y) == y)
        .any(|carried| {
            usize::from(carried.columns.start) == columns.start
                && usize::from(carried.columns.end) == columns.end
        })
}

mod cache;
mod overlays;
mod status;
mod text_pane;
mod theme;
mod tree;

#[cfg(test)]
mod tests;
