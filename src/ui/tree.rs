//! The section tree pane (and the same tree drawn over the text on a narrow terminal):
//! a row per node, indented by depth, with fold marks, search marks and speaking times.

use super::overlays::draw_box;
use super::theme::{BOX_TITLE, HIGHLIGHT, SELECTED_UNFOCUSED, TREE_MINOR, TREE_TOP_LEVEL};
use crate::app::{App, Focus, Rect, TreeRow, geometry};
use crate::document::NodeKind;
use crate::speaking::format_duration;
use std::cell::RefCell;

use super::cache::DrawCache;
use crate::term::Plan;
use crate::text::{AmbiguousWidth, str_width};
use ratatui::buffer::Buffer;
use ratatui::style::Style;
use ratatui::widgets::Widget;

use super::{Area, from_area, is_carried};
use super::{fill, put_str, to_u16};

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
        put_str(buf, x, to_u16(row), x + 1, bar, TREE_MINOR, ambiguous);
    }
}

/// Whether a tree row holds a search match, and whether it is folded.
pub(super) fn match_and_fold(app: &App, row: TreeRow) -> (bool, bool) {
    match row {
        TreeRow::Title => (false, false),
        TreeRow::Node(index) => (app.node_has_match(index), app.is_collapsed(index)),
    }
}

/// Draws the tree's rows in `area`, but those `carried` over from the frame on screen.
fn draw_tree(
    app: &App,
    buf: &mut Buffer,
    area: Rect,
    carried: &impl Fn(usize) -> bool,
    cache: &RefCell<DrawCache>,
) {
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
            TreeRow::Node(index) => cache
                .borrow_mut()
                .node_seconds(app, *index)
                .map(|seconds| format_duration(seconds, app.settings().lang)),
            TreeRow::Title => Some(format_duration(app.total_seconds(), app.settings().lang)),
        };
        let time_width = time.as_deref().map_or(0, |t| str_width(t, ambiguous) + 1);
        let show_time = area.width >= 24 + time_width;
        let label_width = area
            .width
            .saturating_sub(str_width(&prefix, ambiguous))
            .saturating_sub(if show_time { time_width } else { 0 });
        let label = cache.borrow_mut().row_label(app, *row, label_width);
        let mut style = match kind {
            None => BOX_TITLE,
            Some(NodeKind::Heading | NodeKind::Attachment) if depth == 1 => TREE_TOP_LEVEL,
            Some(NodeKind::Point | NodeKind::Closing | NodeKind::Footer | NodeKind::Salutation) => {
                TREE_MINOR
            }
            Some(NodeKind::Heading | NodeKind::Attachment) => Style::new(),
        };
        if *row == selected {
            style = if app.focus() == Focus::Tree {
                HIGHLIGHT
            } else {
                style.patch(SELECTED_UNFOCUSED)
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
            put_str(buf, x, y, end, &time, style.patch(TREE_MINOR), ambiguous);
        }
    }
}

/// The tree pane beside the text as a widget: its rows and the border on its right,
/// but the rows the plan carries over from the frame on screen.
pub struct TreePane<'a> {
    pub app: &'a App,
    pub plan: &'a Plan,
    pub cache: &'a RefCell<DrawCache>,
}

impl Widget for &TreePane<'_> {
    fn render(self, area: Area, buf: &mut Buffer) {
        let pane = from_area(area);
        let ambiguous = self.app.settings().ambiguous;
        let columns = pane.x..pane.x + pane.width;
        let carried = |y: usize| is_carried(self.plan, y, &columns);
        draw_tree(
            self.app,
            buf,
            geometry::tree_rows(&pane),
            &carried,
            self.cache,
        );
        draw_separator(buf, pane, ambiguous, &carried);
    }
}

/// The tree drawn over the text on a narrow terminal (`t`), in a box.
pub struct TreeOverlay<'a> {
    pub app: &'a App,
    pub cache: &'a RefCell<DrawCache>,
}

impl Widget for &TreeOverlay<'_> {
    fn render(self, area: Area, buf: &mut Buffer) {
        let ambiguous = self.app.settings().ambiguous;
        let inner = draw_box(
            buf,
            from_area(area),
            self.app.strings().tree_overlay_title(),
            ambiguous,
        );
        draw_tree(self.app, buf, inner, &|_| false, self.cache);
    }
}
