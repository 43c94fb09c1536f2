//! The reader's colours and styles, in one place: the text's emphasis by role, the
//! marks over it (the current marker, matches, placeholders), the tree's rows and the
//! borders of overlays.

use crate::layout::Emphasis;
use ratatui::style::{Color, Modifier, Style};

pub(super) fn style_of(emphasis: Emphasis) -> Style {
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

pub(super) const HIGHLIGHT: Style = Style::new().add_modifier(Modifier::REVERSED);

/// What lies over the text's own emphasis at a position.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Mark {
    None,
    /// The marker, match or placeholder last jumped to.
    Current,
    Match,
    /// A blank of the draft (XX日).
    Placeholder,
    /// A spot `check` finds wrong.
    Finding,
}

impl Mark {
    pub(super) fn patch(self, style: Style) -> Style {
        match self {
            Self::None => style,
            Self::Current => style.patch(HIGHLIGHT),
            Self::Match => style.bg(Color::Yellow).fg(Color::Black),
            Self::Placeholder => style.fg(Color::Magenta).add_modifier(Modifier::UNDERLINED),
            Self::Finding => style.fg(Color::Red).add_modifier(Modifier::UNDERLINED),
        }
    }
}

/// A rehearsal's band, the line being spoken: a background across the pane, which
/// without colour is bold and underlined.
pub(super) const BAND: Style = Style::new().bg(Color::Blue).fg(Color::White);

/// The border of an overlay's box.
pub(super) const BORDER: Style = Style::new().fg(Color::DarkGray);
/// An overlay's title in its border, and the title row of the tree.
pub(super) const BOX_TITLE: Style = Style::new().add_modifier(Modifier::BOLD);
/// The keys column of the help.
pub(super) const HELP_KEYS: Style = Style::new().fg(Color::Cyan);
/// The status line.
pub(super) const STATUS: Style = Style::new().add_modifier(Modifier::REVERSED);
/// A top-level section's row in the tree.
pub(super) const TREE_TOP_LEVEL: Style = Style::new().fg(Color::Yellow);
/// Rows of points, the salutation, closing and footer, and every row's time: dark grey.
/// ANSI grey (37) is the palette's "white", faint on a light background; and a row of
/// one colour needs no change of colour between its label and its time, nor from the
/// row above, which a line down repaints beside the scrolled text (a tenth of its bytes).
pub(super) const TREE_MINOR: Style = Style::new().fg(Color::DarkGray);
/// The selected row when the text has the focus.
pub(super) const SELECTED_UNFOCUSED: Style = Style::new().bg(Color::DarkGray).fg(Color::White);

/// The frame for a terminal that is to show no colour (`NO_COLOR`): every colour goes, and
/// what a background colour marked (a match, the tree's selected row) is bold and
/// underlined instead, so that it still stands out; reverse, bold and underline stay as
/// they were, and with them the current marker and the status line.
pub(super) fn without_colour(buffer: &mut ratatui::buffer::Buffer) {
    for cell in &mut buffer.content {
        if cell.bg != Color::Reset {
            cell.modifier |= Modifier::BOLD | Modifier::UNDERLINED;
        }
        cell.fg = Color::Reset;
        cell.bg = Color::Reset;
    }
}
