//! The section tree's state: its rows (the title, then every node not under a folded
//! one), the selection, folding, the first row shown, and what its rows are labelled.
//! A click on the tree opens the node under it.

use super::{
    App, Focus, LinePos, Overlay, Rect, TreeRow, geometry, partition_point_near, truncate,
};

impl App {
    pub(super) fn tree_has_focus(&self) -> bool {
        self.focus == Focus::Tree && self.tree_visible()
    }

    /// The tree is shown beside the text on a wide terminal, or over it when asked.
    pub fn tree_visible(&self) -> bool {
        self.panes.tree.width > 0 || self.overlay == Some(Overlay::Tree)
    }

    pub(super) fn toggle_tree(&mut self) {
        if self.panes.tree.width > 0 {
            self.aids.notice = Some(self.strings().tree_already_shown().to_owned());
            return;
        }
        if self.overlay == Some(Overlay::Tree) {
            self.overlay = None;
            self.focus = Focus::Text;
        } else {
            self.overlay = Some(Overlay::Tree);
            self.focus = Focus::Tree;
        }
    }

    pub(super) fn set_tree_percent(&mut self, percent: usize) {
        self.tree_percent = percent;
        let (width, height) = self.size;
        self.resize(width, height);
    }

    /// Scroll-spy: the tree selects the deepest node holding the top line.
    pub(super) fn follow_tree(&mut self) {
        if self.tree_has_focus() {
            return;
        }
        let node = self
            .window
            .iter()
            .find(|line| line.block.is_some())
            .and_then(|line| {
                self.doc
                    .node_at_near(line.source().start, self.selected_node())
            });
        self.selected = self.row_for(node);
        self.keep_selection_visible();
    }

    /// The tree row that stands for a node: the node, or its folded ancestor.
    pub(super) fn row_for(&self, node: Option<usize>) -> TreeRow {
        node.map_or(TreeRow::Title, |index| {
            let folded = self
                .doc
                .path(index)
                .into_iter()
                .find(|ancestor| self.collapsed.contains(ancestor));
            TreeRow::Node(folded.unwrap_or(index))
        })
    }

    /// The rows of the tree as shown: the title, then nodes whose ancestors are all open.
    pub fn tree_rows(&self) -> &[TreeRow] {
        &self.rows
    }

    /// Rebuilds the rows after a node was folded or opened.
    pub(super) fn rebuild_rows(&mut self) {
        let mut rows = vec![TreeRow::Title];
        rows.extend(
            (0..self.doc.nodes.len())
                .filter(|&index| !self.has_folded_ancestor(index))
                .map(TreeRow::Node),
        );
        self.rows = rows;
    }

    pub(super) fn has_folded_ancestor(&self, index: usize) -> bool {
        let mut current = self.doc.nodes.get(index).and_then(|node| node.parent);
        while let Some(ancestor) = current {
            if self.collapsed.contains(&ancestor) {
                return true;
            }
            current = self.doc.nodes.get(ancestor).and_then(|node| node.parent);
        }
        false
    }

    /// True when a node has children in the tree (it can be folded).
    pub fn has_children(&self, index: usize) -> bool {
        self.doc
            .nodes
            .get(index + 1)
            .is_some_and(|next| next.parent == Some(index))
    }

    /// The row index of the selection: rows are in tree order, so a search, from the
    /// rows on screen.
    pub(super) fn selected_row_index(&self) -> usize {
        let index = partition_point_near(&self.rows, self.tree_top, |row| *row < self.selected);
        if self.rows.get(index) == Some(&self.selected) {
            index
        } else {
            0
        }
    }

    /// The node selected, where a search for the node of what is on screen starts.
    pub fn selected_node(&self) -> usize {
        match self.selected {
            TreeRow::Title => 0,
            TreeRow::Node(index) => index,
        }
    }

    pub(super) fn move_selection(&mut self, delta: isize) {
        let index = self.selected_row_index().saturating_add_signed(delta);
        self.select_row_index(index);
    }

    pub(super) fn select_row_index(&mut self, index: usize) {
        if let Some(row) = self.rows.get(index.min(self.rows.len().saturating_sub(1))) {
            self.selected = *row;
        }
        self.keep_selection_visible();
    }

    pub(super) fn tree_height(&self) -> usize {
        self.tree_area().height.max(1)
    }

    /// Where the tree's rows are: its pane, or inside the border of its overlay.
    pub(super) fn tree_area(&self) -> Rect {
        if self.overlay == Some(Overlay::Tree) {
            geometry::inside_border(geometry::tree_overlay_box(&self.panes))
        } else {
            geometry::tree_rows(&self.panes.tree)
        }
    }

    pub(super) fn keep_selection_visible(&mut self) {
        let rows = self.rows.len();
        let index = self.selected_row_index();
        let height = self.tree_height();
        if index < self.tree_top {
            self.tree_top = index;
        } else if index >= self.tree_top + height {
            self.tree_top = index + 1 - height;
        }
        self.tree_top = self.tree_top.min(rows.saturating_sub(height));
    }

    pub(super) fn scroll_tree(&mut self, lines: isize) {
        let rows = self.tree_rows().len();
        self.tree_top = self
            .tree_top
            .saturating_add_signed(lines)
            .min(rows.saturating_sub(self.tree_height()));
    }

    pub(super) fn open_selected(&mut self) {
        match self.selected {
            TreeRow::Title => self.scroll_to(LinePos::default()),
            TreeRow::Node(index) => {
                self.collapsed.remove(&index);
                self.rebuild_rows();
                self.jump_to(index);
            }
        }
        if self.overlay == Some(Overlay::Tree) {
            self.overlay = None;
            self.focus = Focus::Text;
        }
    }

    pub(super) fn fold_selected(&mut self) {
        let TreeRow::Node(index) = self.selected else {
            return;
        };
        if self.has_children(index) && !self.collapsed.contains(&index) {
            self.collapsed.insert(index);
            self.rebuild_rows();
        } else {
            self.selected = self
                .doc
                .nodes
                .get(index)
                .and_then(|n| n.parent)
                .map_or(TreeRow::Title, TreeRow::Node);
        }
        self.keep_selection_visible();
    }

    pub(super) fn click(&mut self, column: usize, row: usize) {
        let tree_area = self.tree_area();
        if !self.tree_visible() || !tree_area.contains(column, row) {
            return;
        }
        if let Some(target) = self.rows.get(self.tree_top + row - tree_area.y).copied() {
            self.selected = target;
            self.open_selected();
        }
    }

    /// The tree label of a row: marker and lead phrase, cut to `width` columns with `…`.
    pub fn row_label(&self, row: TreeRow, width: usize) -> String {
        let text = match row {
            TreeRow::Title => self
                .doc
                .title
                .clone()
                .unwrap_or_else(|| self.strings().untitled().to_owned()),
            TreeRow::Node(index) => self.node_title(index),
        };
        truncate(&text, width, self.settings.ambiguous)
    }
}
