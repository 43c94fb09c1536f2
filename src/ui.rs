//! Drawing the reader: reads the [`App`] and writes cells, never changes state.
//!
//! Text is placed cluster by cluster at the columns our own width functions give, not
//! through ratatui's string writer: in `wide` ambiguous mode a “ takes two columns on the
//! terminal while ratatui counts one, so such cells carry `CellDiffOption::ForcedWidth`,
//! by which the screen knows the cursor stands that many columns on.

use std::num::NonZeroU16;
use std::ops::Range;
use std::rc::Rc;

use ratatui::buffer::{Buffer, CellDiffOption, CellWidth};
use ratatui::style::{Color, Modifier, Style};

use crate::app::{App, Focus, Overlay, Rect, TreeRow, geometry};
use crate::document::NodeKind;
use crate::keymap::help_rows;
use crate::layout::{
    DisplayLine, Emphasis, Near, emphasis_at, emphasis_spans, span_at, spans_over,
};
use crate::speaking::{format_duration, push_duration, push_number};
use crate::term::{Carried, Plan, Screen, Scroll};
use crate::text::{AmbiguousWidth, clusters, drawn_and_natural_width, str_width, truncate};

/// Shown alone when the terminal is smaller than the reader can use.
pub const TOO_SMALL: &str = "终端太小 terminal too small";

fn style_of(emphasis: Emphasis) -> Style {
    match emphasis {
        Emphasis::Plain => Style::new(),
        Emphasis::Heading(0) => Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
        Emphasis::Title | Emphasis::Heading(_) | Emphasis::Salutation => {
            Style::new().add_modifier(Modifier::BOLD)
        }
        Emphasis::Meta => Style::new().fg(Color::DarkGray),
        Emphasis::PointMarker => Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
    }
}

const HIGHLIGHT: Style = Style::new().add_modifier(Modifier::REVERSED);

/// What lies over the text's own emphasis at a position.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mark {
    None,
    /// The marker, match or placeholder last jumped to.
    Current,
    Match,
    /// A blank of the draft (XX日).
    Placeholder,
}

impl Mark {
    fn patch(self, style: Style) -> Style {
        match self {
            Self::None => style,
            Self::Current => style.patch(HIGHLIGHT),
            Self::Match => style.bg(Color::Yellow).fg(Color::Black),
            Self::Placeholder => style.fg(Color::Magenta).add_modifier(Modifier::UNDERLINED),
        }
    }
}

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
    draw_planned(app, buf, &Plan::default());
}

/// Draws the reader but what `plan` carries over from the frame on screen.
pub fn draw_planned(app: &App, buf: &mut Buffer, plan: &Plan) {
    let ambiguous = app.settings().ambiguous;
    let panes = *app.panes();
    if panes.too_small {
        let width = usize::from(buf.area.width);
        let notice = truncate(TOO_SMALL, width, ambiguous);
        put_str(buf, 0, 0, buf.area.width, &notice, Style::new(), ambiguous);
        return;
    }
    if panes.tree.width > 0 {
        let columns = panes.tree.x..panes.tree.x + panes.tree.width;
        let carried = |y: usize| is_carried(plan, y, &columns);
        draw_tree(app, buf, geometry::tree_rows(&panes), &carried);
        draw_separator(buf, panes.tree, ambiguous, &carried);
    }
    draw_text(app, buf, plan);
    draw_status(app, buf);
    match app.overlay() {
        Some(Overlay::Help) => draw_help(app, buf),
        Some(Overlay::Tree) => {
            let area = geometry::tree_overlay_box(&panes);
            let inner = draw_box(buf, area, "目录 contents", ambiguous);
            draw_tree(app, buf, inner, &|_| false);
        }
        Some(Overlay::Formulations) => draw_formulations(app, buf),
        None => {}
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
}

impl<W: std::io::Write> ReaderScreen<W> {
    /// A reader's screen that shows nothing yet, as the alternate screen on entering it.
    pub fn new(writer: W, app: &App) -> Self {
        Self {
            screen: Screen::new(writer, frame_area(app)),
            keys: None,
        }
    }

    pub fn draw(&mut self, app: &App) -> std::io::Result<()> {
        let keys = frame_keys(app);
        let area = frame_area(app);
        let plan = plan(self.keys.as_ref(), &keys, usize::from(area.width));
        self.screen.draw(area, plan, |buffer, plan| {
            draw_planned(app, buffer, plan);
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

/// The border between tree and text. Box-drawing characters are East Asian Ambiguous:
/// on a wide-ambiguous terminal they take two columns, so an ASCII bar is used there.
fn draw_separator(
    buf: &mut Buffer,
    tree: Rect,
    ambiguous: AmbiguousWidth,
    carried: &impl Fn(usize) -> bool,
) {
    let bar = match ambiguous {
        AmbiguousWidth::Narrow => "│",
        AmbiguousWidth::Wide => "|",
    };
    let x = to_u16(tree.x + tree.width.saturating_sub(1));
    for row in (tree.y..tree.y + tree.height).filter(|row| !carried(*row)) {
        put_str(
            buf,
            x,
            to_u16(row),
            x + 1,
            bar,
            Style::new().fg(Color::DarkGray),
            ambiguous,
        );
    }
}

/// Whether a tree row holds a search match, and whether it is folded.
fn match_and_fold(app: &App, row: TreeRow) -> (bool, bool) {
    match row {
        TreeRow::Title => (false, false),
        TreeRow::Node(index) => (app.node_has_match(index), app.is_collapsed(index)),
    }
}

/// Draws the tree's rows in `area`, but those `carried` over from the frame on screen.
fn draw_tree(app: &App, buf: &mut Buffer, area: Rect, carried: &impl Fn(usize) -> bool) {
    let ambiguous = app.settings().ambiguous;
    let rows = app.tree_rows();
    let selected = app.selected();
    let doc = app.doc();
    for (screen_row, row) in rows
        .iter()
        .skip(app.tree_top())
        .take(area.height)
        .enumerate()
    {
        if carried(area.y + screen_row) {
            continue;
        }
        let y = to_u16(area.y + screen_row);
        let (depth, kind) = match row {
            TreeRow::Title => (0, None),
            TreeRow::Node(index) => {
                let node = &doc.nodes[*index];
                (node.depth + 1, Some(node.kind))
            }
        };
        let (has_match, folded) = match_and_fold(app, *row);
        let marker = if has_match {
            "*"
        } else if folded {
            "+"
        } else {
            " "
        };
        let indent = depth.saturating_sub(1) * 2 + usize::from(depth > 0);
        let mut prefix = " ".repeat(indent);
        prefix.push_str(marker);
        let time = match row {
            TreeRow::Node(index) => app.node_seconds(*index).map(format_duration),
            TreeRow::Title => Some(format_duration(app.total_seconds())),
        };
        let time_width = time.as_deref().map_or(0, |t| str_width(t, ambiguous) + 1);
        let show_time = area.width >= 24 + time_width;
        let label_width = area
            .width
            .saturating_sub(str_width(&prefix, ambiguous))
            .saturating_sub(if show_time { time_width } else { 0 });
        let label = app.row_label(*row, label_width);
        let mut style = match kind {
            None => Style::new().add_modifier(Modifier::BOLD),
            Some(NodeKind::Heading | NodeKind::Attachment) if depth == 1 => {
                Style::new().fg(Color::Yellow)
            }
            // Dark grey, as their times are: ANSI grey (37) is the palette's "white",
            // faint on a light background; and a row of one colour needs no change of
            // colour between its label and its time, nor from the row above, which a
            // line down repaints beside the scrolled text (a tenth of its bytes).
            Some(NodeKind::Point | NodeKind::Closing | NodeKind::Footer | NodeKind::Salutation) => {
                Style::new().fg(Color::DarkGray)
            }
            Some(NodeKind::Heading | NodeKind::Attachment) => Style::new(),
        };
        if *row == selected {
            style = if app.focus() == Focus::Tree {
                HIGHLIGHT
            } else {
                style.bg(Color::DarkGray).fg(Color::White)
            };
            fill(
                buf,
                Rect {
                    y: area.y + screen_row,
                    height: 1,
                    ..area
                },
                style,
            );
        }
        let end = to_u16(area.x + area.width);
        let x = put_str(buf, to_u16(area.x), y, end, &prefix, style, ambiguous);
        put_str(buf, x, y, end, &label, style, ambiguous);
        if let (true, Some(time)) = (show_time, time) {
            let width = str_width(&time, ambiguous);
            let x = to_u16(area.x + area.width - width);
            put_str(buf, x, y, end, &time, style.fg(Color::DarkGray), ambiguous);
        }
    }
}

/// What can mark text in the lines on screen.
struct Marks<'a> {
    spans: Vec<(Range<usize>, Emphasis)>,
    highlight: Option<&'a Range<usize>>,
    matches: &'a [Range<usize>],
    placeholders: &'a [crate::terms::Placeholder],
}

impl<'a> Marks<'a> {
    fn of(app: &'a App) -> Self {
        let shown = app.window().first().map_or(0, |line| line.source().start)
            ..app.window().last().map_or(0, |line| line.source().end);
        Self {
            spans: emphasis_spans(
                app.doc(),
                shown,
                Near {
                    block: app.window_block(),
                    node: app.selected_node(),
                },
            ),
            highlight: app.highlight(),
            matches: app.search().map_or(&[], |search| &search.matches),
            placeholders: app.placeholders(),
        }
    }

    /// True when anything marks text in `drawn`.
    fn on(&self, drawn: &Range<usize>) -> bool {
        self.highlight
            .is_some_and(|range| range.start < drawn.end && drawn.start < range.end)
            || !spans_over(self.matches, |range| range, drawn).is_empty()
            || !spans_over(self.placeholders, |placeholder| &placeholder.span, drawn).is_empty()
            || !spans_over(&self.spans, |(range, _)| range, drawn).is_empty()
    }
}

/// Where a line's drawn text starts in it, and the document bytes it draws; None for a
/// line that draws nothing.
fn drawn_range(line: &DisplayLine) -> Option<(usize, Range<usize>)> {
    let (&(first_text, first_source), &(_, last_source)) =
        (line.screen.clusters.first()?, line.screen.clusters.last()?);
    let drawn = line.base + first_source as usize..line.base + last_source as usize + 1;
    Some((first_text as usize, drawn))
}

fn draw_text(app: &App, buf: &mut Buffer, plan: &Plan) {
    let ambiguous = app.settings().ambiguous;
    let panes = app.panes();
    let left = panes.text.x + 1;
    let end = to_u16(left + panes.text_width);
    let columns = panes.text.x..panes.text.x + panes.text.width;
    let marks = Marks::of(app);
    let visible = app.window().iter().take(panes.text.height);
    for (screen_row, line) in visible.enumerate() {
        let y = panes.text.y + screen_row;
        if is_carried(plan, y, &columns) {
            continue;
        }
        let y = to_u16(y);
        let mut x = to_u16(left + line.pad);
        let Some((first_text, drawn)) = drawn_range(line) else {
            continue;
        };
        // Most lines hold nothing marked: they are drawn in one piece, without asking
        // about every cluster.
        if !marks.on(&drawn) {
            let text = line.screen.text.get(first_text..).unwrap_or_default();
            let style = Mark::None.patch(style_of(Emphasis::Plain));
            put_str(buf, x, y, end, text, style, ambiguous);
            continue;
        }
        let Marks {
            spans,
            highlight,
            matches,
            placeholders,
        } = &marks;
        let segments = line.segments_by(|offset| {
            let mark = if highlight.is_some_and(|range| range.contains(&offset)) {
                Mark::Current
            } else if in_sorted(matches, offset) {
                Mark::Match
            } else if span_at(placeholders, |p| &p.span, offset).is_some() {
                Mark::Placeholder
            } else {
                Mark::None
            };
            (emphasis_at(spans, offset), mark)
        });
        for (text, (emphasis, mark)) in segments {
            x = put_str(
                buf,
                x,
                y,
                end,
                text,
                mark.patch(style_of(emphasis)),
                ambiguous,
            );
        }
    }
}

fn draw_status(app: &App, buf: &mut Buffer) {
    let ambiguous = app.settings().ambiguous;
    let status = app.panes().status;
    if status.height == 0 {
        return;
    }
    let style = Style::new().add_modifier(Modifier::REVERSED);
    fill(buf, status, style);
    let mut right = String::new();
    if let Some(search) = app.search() {
        right.push(' ');
        push_number(&mut right, search.current.map_or(0, |i| i + 1));
        right.push('/');
        push_number(&mut right, search.matches.len());
    }
    if app.loading() {
        right.push_str("  载入中 loading…");
    }
    let blanks = app.placeholders().len();
    if blanks > 0 {
        right.push_str("  空白");
        push_number(&mut right, blanks);
    }
    right.push_str("  ");
    push_number(&mut right, app.percent());
    right.push_str("%  余");
    push_duration(&mut right, app.seconds_left());
    right.push_str("  ?帮助 ");
    let right_width = str_width(&right, ambiguous);
    let y = to_u16(status.y);
    let end = to_u16(status.x + status.width);
    if right_width + 8 <= status.width {
        let width = status.width - right_width;
        let left: Rc<str> = match (app.search(), app.notice()) {
            (Some(search), _) if search.editing => {
                truncate(&format!(" /{}", search.query), width, ambiguous).into()
            }
            (_, Some(notice)) => truncate(&format!(" {notice}"), width, ambiguous).into(),
            _ => app.status_location(width),
        };
        put_str(buf, to_u16(status.x), y, end, &left, style, ambiguous);
        put_str(
            buf,
            to_u16(status.x + status.width - right_width),
            y,
            end,
            &right,
            style,
            ambiguous,
        );
    } else {
        let short = truncate(&right, status.width, ambiguous);
        put_str(buf, to_u16(status.x), y, end, &short, style, ambiguous);
    }
}

/// Clears `area`, draws a border with a title and returns the inside. ASCII corners on
/// wide-ambiguous terminals, for the same reason as the separator.
fn draw_box(buf: &mut Buffer, area: Rect, title: &str, ambiguous: AmbiguousWidth) -> Rect {
    fill(buf, area, Style::new());
    if area.width < 2 || area.height < 2 {
        return Rect::default();
    }
    let (horizontal, vertical, corners) = match ambiguous {
        AmbiguousWidth::Narrow => ("─", "│", ["┌", "┐", "└", "┘"]),
        AmbiguousWidth::Wide => ("-", "|", ["+", "+", "+", "+"]),
    };
    let border = Style::new().fg(Color::DarkGray);
    let (left, right) = (to_u16(area.x), to_u16(area.x + area.width - 1));
    let (top, bottom) = (to_u16(area.y), to_u16(area.y + area.height - 1));
    for column in left + 1..right {
        put_str(buf, column, top, column + 1, horizontal, border, ambiguous);
        put_str(
            buf,
            column,
            bottom,
            column + 1,
            horizontal,
            border,
            ambiguous,
        );
    }
    for row in top + 1..bottom {
        put_str(buf, left, row, left + 1, vertical, border, ambiguous);
        put_str(buf, right, row, right + 1, vertical, border, ambiguous);
    }
    for (corner, (x, y)) in
        corners
            .iter()
            .zip([(left, top), (right, top), (left, bottom), (right, bottom)])
    {
        put_str(buf, x, y, x + 1, corner, border, ambiguous);
    }
    let title = truncate(
        &format!(" {title} "),
        area.width.saturating_sub(4),
        ambiguous,
    );
    put_str(
        buf,
        left + 2,
        top,
        right,
        &title,
        Style::new().add_modifier(Modifier::BOLD),
        ambiguous,
    );
    geometry::inside_border(area)
}

fn draw_formulations(app: &App, buf: &mut Buffer) {
    let ambiguous = app.settings().ambiguous;
    let rows: Vec<String> = app
        .formulations()
        .iter()
        .map(|f| format!("{} ×{}", f.text, f.count))
        .collect();
    let widest = rows
        .iter()
        .map(|r| str_width(r, ambiguous))
        .max()
        .unwrap_or(0);
    let area = geometry::formulations_box(app.panes(), widest, rows.len());
    let inner = draw_box(buf, area, "提法 formulations — Enter 逐个查看", ambiguous);
    let end = to_u16(inner.x + inner.width);
    if rows.is_empty() {
        put_str(
            buf,
            to_u16(inner.x + 1),
            to_u16(inner.y),
            end,
            "（无）none",
            Style::new(),
            ambiguous,
        );
        return;
    }
    let selected = app.formulation_selected();
    let first = selected.saturating_sub(inner.height.saturating_sub(1));
    for (i, row) in rows.iter().enumerate().skip(first).take(inner.height) {
        let y = inner.y + i - first;
        let style = if i == selected {
            HIGHLIGHT
        } else {
            Style::new()
        };
        if i == selected {
            fill(
                buf,
                Rect {
                    y,
                    height: 1,
                    ..inner
                },
                style,
            );
        }
        let text = truncate(row, inner.width.saturating_sub(2), ambiguous);
        put_str(
            buf,
            to_u16(inner.x + 1),
            to_u16(y),
            end,
            &text,
            style,
            ambiguous,
        );
    }
}

fn draw_help(app: &App, buf: &mut Buffer) {
    let ambiguous = app.settings().ambiguous;
    let rows = help_rows();
    let (key_width, _) = geometry::help_columns(ambiguous);
    let area = geometry::help_box(app.panes(), ambiguous);
    let more = rows.len() > area.height.saturating_sub(2);
    let title = if more {
        "按键 keys — j/k 滚动 scroll, Esc 关闭"
    } else {
        "按键 keys — Esc 关闭"
    };
    let inner = draw_box(buf, area, title, ambiguous);
    let end = to_u16(inner.x + inner.width);
    let first = app.help_top().min(rows.len().saturating_sub(inner.height));
    for (i, (keys, help)) in rows.iter().skip(first).take(inner.height).enumerate() {
        let y = to_u16(inner.y + i);
        let x = to_u16(inner.x + 1);
        put_str(
            buf,
            x,
            y,
            end,
            keys,
            Style::new().fg(Color::Cyan),
            ambiguous,
        );
        put_str(
            buf,
            to_u16(inner.x + 2 + key_width),
            y,
            end,
            help,
            Style::new(),
            ambiguous,
        );
    }
}

#[cfg(test)]
mod tests;
