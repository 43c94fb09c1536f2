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
}

impl Mark {
    pub(super) fn patch(self, style: Style) -> Style {
        match self {
            Self::None => style,
            Self::Current => style.patch(HIGHLIGHT),
            Self::Match => style.bg(Color::Yellow).fg(Color::Black),
            Self::Placeholder => style.fg(Color::Magenta).add_modifier(Modifier::UNDERLINED),
        }
    }
}
