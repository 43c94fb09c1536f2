//! Where everything is on the screen, worked out in one place from the terminal's size
//! and the app's panes: the tree, the text, the status line, and the boxes of the
//! overlays. `update` asks it where a click landed and how far help scrolls; the
//! drawing asks it where to draw. Pure functions of sizes, in cells.

use crate::keymap::help_rows;
use crate::strings::Strings;
use crate::text::{AmbiguousWidth, str_width, truncate, wrap_lines};

/// Below this width the tree is hidden and `t` shows it over the text.
pub const TREE_HIDE_BELOW: usize = 60;
/// Below this size the reader shows only a "terminal too small" notice.
pub const MIN_WIDTH: usize = 20;
pub const MIN_HEIGHT: usize = 4;
/// The narrowest tree beside the text, in columns.
pub const TREE_MIN: usize = 16;

/// Screen rectangles of the panes, in cells.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Rect {
    pub x: usize,
    pub y: usize,
    pub width: usize,
    pub height: usize,
}

impl Rect {
    pub fn contains(&self, column: usize, row: usize) -> bool {
        (self.x..self.x + self.width).contains(&column)
            && (self.y..self.y + self.height).contains(&row)
    }
}

/// Where the panes are for the current terminal size.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Panes {
    /// The tree pane (its right border included); zero-sized when hidden.
    pub tree: Rect,
    /// The text pane, padding included.
    pub text: Rect,
    /// Inner width of the text pane: what the layout is made for.
    pub text_width: usize,
    pub status: Rect,
    pub too_small: bool,
}

/// The panes for a terminal of `width` × `height` with the tree taking `tree_percent`
/// of the width (when the terminal is wide enough to show it beside the text); 0 hides
/// it, for a rehearsal's text at full width.
pub fn panes(width: usize, height: usize, tree_percent: usize) -> Panes {
    let body_height = height.saturating_sub(1);
    let tree_width = if width >= TREE_HIDE_BELOW && tree_percent > 0 {
        (width * tree_percent / 100).clamp(TREE_MIN, width / 2)
    } else {
        0
    };
    let text = Rect {
        x: tree_width,
        y: 0,
        width: width.saturating_sub(tree_width),
        height: body_height,
    };
    Panes {
        tree: Rect {
            x: 0,
            y: 0,
            width: tree_width,
            height: body_height,
        },
        text,
        text_width: text_columns(&text).width,
        status: Rect {
            x: 0,
            y: body_height,
            width,
            height: usize::from(height > 0),
        },
        too_small: width < MIN_WIDTH || height < MIN_HEIGHT,
    }
}

/// The tree's rows in its pane: the pane without its right border.
pub fn tree_rows(tree: &Rect) -> Rect {
    Rect {
        width: tree.width.saturating_sub(1),
        ..*tree
    }
}

/// The text's columns in its pane: one column of padding either side.
pub fn text_columns(text: &Rect) -> Rect {
    Rect {
        x: text.x + 1,
        width: text.width.saturating_sub(2).max(1),
        ..*text
    }
}

/// Everything above the status line: where overlays are centred.
pub fn above_status(panes: &Panes) -> Rect {
    Rect {
        x: 0,
        y: 0,
        width: panes.status.width,
        height: panes.status.y,
    }
}

/// A rectangle of at most `width` × `height` centred in `within`.
pub fn centred(within: Rect, width: usize, height: usize) -> Rect {
    let width = width.min(within.width);
    let height = height.min(within.height);
    Rect {
        x: within.x + (within.width - width) / 2,
        y: within.y + (within.height - height) / 2,
        width,
        height,
    }
}

/// The inside of a box's border; empty when the box has no inside.
pub fn inside_border(area: Rect) -> Rect {
    if area.width < 2 || area.height < 2 {
        return Rect::default();
    }
    Rect {
        x: area.x + 1,
        y: area.y + 1,
        width: area.width - 2,
        height: area.height - 2,
    }
}

/// The box of the tree drawn over the text on a narrow terminal.
pub fn tree_overlay_box(panes: &Panes) -> Rect {
    centred(
        panes.text,
        panes.text.width.saturating_sub(2),
        panes.text.height,
    )
}

/// The help's rows: the keymap's, then what the status line's abbreviations mean.
fn help_rows_with_legend(strings: Strings) -> Vec<(String, &'static str)> {
    let mut rows = help_rows(strings.lang());
    rows.extend(
        strings
            .status_legend()
            .into_iter()
            .map(|(term, meaning)| (term.to_owned(), meaning)),
    );
    rows
}

/// Columns of the help's key column and of its descriptions.
fn help_columns(rows: &[(String, &str)], ambiguous: AmbiguousWidth) -> (usize, usize) {
    rows.iter()
        .fold((0, 0), |(keys_width, help_width), (keys, help)| {
            (
                keys_width.max(str_width(keys, ambiguous)),
                help_width.max(str_width(help, ambiguous)),
            )
        })
}

/// The help overlay laid out for the space above the status line: its box, and its
/// lines, each the keys (or nothing, below the first line of a row) and a piece of the
/// description. Descriptions wrap within their column; when that column would be
/// narrower than `HELP_TEXT_AT_LEAST`, the keys take a line of their own and the
/// description the lines below them, indented.
pub struct HelpLayout {
    pub area: Rect,
    pub lines: Vec<(String, String)>,
    /// Columns from the inside of the box to the descriptions.
    pub text_x: usize,
}

/// The narrowest column a description is wrapped in beside its keys.
const HELP_TEXT_AT_LEAST: usize = 16;

pub fn help_layout(panes: &Panes, ambiguous: AmbiguousWidth, strings: Strings) -> HelpLayout {
    let rows = help_rows_with_legend(strings);
    let (key_width, text_width) = help_columns(&rows, ambiguous);
    let within = above_status(panes);
    let width = (key_width + text_width + 6).min(within.width);
    // Inside the border: a column of margin either side.
    let inner = width.saturating_sub(4);
    let beside = inner.saturating_sub(key_width + 1);
    let (text_x, text_room) = if beside >= HELP_TEXT_AT_LEAST {
        (key_width + 2, beside)
    } else {
        (3, inner.saturating_sub(2).max(1))
    };
    let mut lines = Vec::new();
    for (keys, help) in rows {
        let pieces = wrap_lines(help, text_room, ambiguous);
        if beside < HELP_TEXT_AT_LEAST {
            lines.push((truncate(&keys, inner.max(1), ambiguous), String::new()));
            lines.extend(pieces.into_iter().map(|piece| (String::new(), piece)));
        } else {
            let mut pieces = pieces.into_iter();
            lines.push((keys, pieces.next().unwrap_or_default()));
            lines.extend(pieces.map(|piece| (String::new(), piece)));
        }
    }
    HelpLayout {
        area: centred(within, width, lines.len() + 2),
        lines,
        text_x,
    }
}

/// The box of an overlay's list (the key formulations, a rehearsal's summary) for rows
/// of `widest` columns.
pub fn list_box(panes: &Panes, widest: usize, rows: usize) -> Rect {
    centred(above_status(panes), widest.max(30) + 4, rows.max(1) + 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panes_share_the_width_and_hide_the_tree_when_narrow() {
        let wide = panes(120, 40, 30);
        assert_eq!(
            (wide.tree.width, wide.text.x, wide.text.width),
            (36, 36, 84)
        );
        assert_eq!((wide.status.y, wide.text_width), (39, 82));
        let narrow = panes(50, 20, 30);
        assert_eq!((narrow.tree.width, narrow.text.width), (0, 50));
        let hidden = panes(120, 40, 0);
        assert_eq!((hidden.tree.width, hidden.text.width), (0, 120));
        assert!(panes(19, 10, 30).too_small);
    }

    #[test]
    fn an_overlays_inside_excludes_its_border() {
        let panes = panes(50, 20, 30);
        let overlay = tree_overlay_box(&panes);
        let inside = inside_border(overlay);
        assert_eq!(inside.x, overlay.x + 1);
        assert_eq!(inside.width + 2, overlay.width);
        assert!(!inside.contains(overlay.x, overlay.y + 1));
        assert!(!inside.contains(overlay.x + 1, overlay.y));
        assert!(inside.contains(overlay.x + 1, overlay.y + 1));
    }
}
