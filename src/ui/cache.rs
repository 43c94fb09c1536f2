//! What drawing works out once and keeps between frames, on the drawing's side so that
//! the app holds only its state: tree labels (a tree row is drawn again whenever it
//! changes), the status line's location (drawn with every frame, the same for most), and
//! the characters of each node whose row was drawn (a point's count runs through its
//! paragraph). All of it is let go when the app's generation changes.

use std::collections::HashMap;
use std::rc::Rc;

use crate::app::{App, TreeRow};
use crate::speaking::seconds_for;

/// Tree labels kept: many screens of rows, far fewer than a large document's nodes.
const MAX_CACHED_LABELS: usize = 4096;

#[derive(Debug, Default)]
pub struct DrawCache {
    /// The app's generation the rest was made for.
    generation: u64,
    labels: HashMap<(TreeRow, usize), Rc<str>>,
    status_location: Option<(TreeRow, usize, Rc<str>)>,
    node_chars: HashMap<usize, usize>,
}

impl DrawCache {
    /// Lets go of everything when the app has changed beyond what frames tell.
    fn check(&mut self, app: &App) {
        if self.generation != app.generation() {
            *self = Self {
                generation: app.generation(),
                ..Self::default()
            };
        }
    }

    /// [`App::row_label`], kept by row and width.
    pub fn row_label(&mut self, app: &App, row: TreeRow, width: usize) -> Rc<str> {
        self.check(app);
        // Widths change with every resize; what was drawn at other sizes is let go.
        if self.labels.len() >= MAX_CACHED_LABELS {
            self.labels.clear();
        }
        Rc::clone(
            self.labels
                .entry((row, width))
                .or_insert_with(|| app.row_label(row, width).into()),
        )
    }

    /// [`App::status_location`], kept for the selected row and the width.
    pub fn status_location(&mut self, app: &App, width: usize) -> Rc<str> {
        self.check(app);
        match &self.status_location {
            Some((row, made_for, text)) if *row == app.selected() && *made_for == width => {
                Rc::clone(text)
            }
            _ => {
                let text: Rc<str> = app.status_location(width).into();
                self.status_location = Some((app.selected(), width, Rc::clone(&text)));
                text
            }
        }
    }

    /// Seconds it takes to deliver a node's text, its characters counted once.
    pub fn node_seconds(&mut self, app: &App, index: usize) -> Option<u64> {
        self.check(app);
        let chars = if let Some(&chars) = self.node_chars.get(&index) {
            chars
        } else {
            let chars = app.node_chars(index)?;
            self.node_chars.insert(index, chars);
            chars
        };
        Some(seconds_for(chars, app.settings().rate))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::action::Msg;
    use crate::app::Settings;
    use crate::parse::parse_text;
    use crate::text::AmbiguousWidth;

    #[test]
    fn what_is_kept_is_let_go_when_the_app_changes_beyond_a_frame() {
        let mut app = App::new(
            parse_text("讲话\n一、认清形势\n正文。\n"),
            Settings::default(),
            100,
            30,
        );
        let mut cache = DrawCache::default();
        let row = app.tree_rows()[1];
        let before = cache.row_label(&app, row, 40);
        assert_eq!(&*before, "一、认清形势");
        // The same row and width: the same label, not made again.
        assert!(Rc::ptr_eq(&before, &cache.row_label(&app, row, 40)));
        app.receive(Msg::WidthProbed(AmbiguousWidth::Wide));
        let after = cache.row_label(&app, row, 40);
        assert!(!Rc::ptr_eq(&before, &after));
        assert!(cache.node_seconds(&app, 0).is_some());
    }
}
