//! What a user can ask of the reader, what else happens to it, and what the event loop
//! does next: the vocabulary shared by the keymap (keys and the mouse become actions),
//! the app (`update` takes an action, `receive` a message, and each returns an effect)
//! and the terminal loop. It names the document and the saved state it carries, and
//! imports nothing of the reader.

use crate::check::Finding;
use std::time::Instant;

use crate::document::Document;
use crate::resume::Saved;
use crate::text::AmbiguousWidth;

/// Everything a user can ask for. Keys, mouse and resize events become actions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Down,
    Up,
    PageDown,
    PageUp,
    HalfPageDown,
    HalfPageUp,
    Top,
    Bottom,
    ToggleFocus,
    /// Open the selected tree node and jump to it.
    Open,
    /// Fold the selected tree node, or go to its parent.
    Fold,
    NextPoint,
    PreviousPoint,
    NextHeading,
    PreviousHeading,
    /// The N-th top-level heading, from 1.
    TopLevelHeading(usize),
    TreeNarrower,
    TreeWider,
    ToggleTree,
    /// Open the search prompt (`/`).
    Search,
    SearchNext,
    SearchPrevious,
    /// The go-to prompt (`:`): a top-level heading's number, a line, a percentage.
    GoTo,
    /// A character typed into a prompt (or pasted).
    Input(char),
    /// A key that edits the prompt's line.
    Edit(Edit),
    /// ↑ and ↓ in a prompt: the previous and next entry of its history.
    HistoryPrevious,
    HistoryNext,
    /// Enter in a prompt: keep the search, go where it says.
    Accept,
    /// `m`: the next letter sets a mark.
    SetMark,
    /// `'`: the next letter returns to a mark; `''` to where the last jump started.
    GoToMark,
    /// The letter after `m` or `'`.
    Letter(char),
    /// The panel of key formulations (`f`).
    Formulations,
    /// The panel of `check`'s findings (`!`).
    Findings,
    NextFinding,
    PreviousFinding,
    NextPlaceholder,
    PreviousPlaceholder,
    Help,
    /// `r`: rehearse from here; while rehearsing, end it with its summary.
    Rehearse,
    /// While rehearsing: stop or restart the clock and the band.
    Pause,
    /// While rehearsing: the rate up or down by [`RATE_STEP`] characters a minute.
    Faster,
    Slower,
    Escape,
    /// Give the terminal back and stop (Ctrl-z); the reader redraws when continued.
    Suspend,
    Quit,
    Resize {
        width: usize,
        height: usize,
    },
    /// Mouse wheel: lines to scroll (negative: up) at a screen position.
    Scroll {
        column: usize,
        row: usize,
        lines: isize,
    },
    Click {
        column: usize,
        row: usize,
    },
}

/// The editing keys of a prompt's line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edit {
    Left,
    Right,
    Home,
    End,
    DeleteBack,
    DeleteForward,
    /// Ctrl-U: everything before the cursor.
    DeleteToStart,
    /// Ctrl-K: everything after the cursor.
    DeleteToEnd,
    /// Ctrl-W: the word before the cursor.
    DeleteWordBack,
}

/// What the event loop does after an update.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Effect {
    None,
    Redraw,
    Suspend,
    Quit,
}

/// How keys are read: through the keymap, as text for a prompt, or as a mark letter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputMode {
    Normal,
    Text,
    Letter,
    /// A rehearsal is under way: its own keys.
    Rehearsal,
}

/// How much `+` and `-` change the rate while rehearsing, in characters a minute.
pub const RATE_STEP: u32 = 10;

/// What happens to the reader besides a user's actions: work done in the background,
/// the terminal's answers, the saved state. Each goes through the app's one door for
/// them, [`crate::app::App::receive`], as actions go through `update`.
#[derive(Debug)]
pub enum Msg {
    /// Only the start of a large document is shown while the rest loads.
    Loading,
    /// The saved state of the document shown; resume its position when `resume`.
    Resume { saved: Saved, resume: bool },
    /// The whole of a large document, read in the background, and its saved state
    /// (resumed only when `resume` and the reader has not moved meanwhile).
    Loaded {
        doc: Box<Document>,
        saved: Saved,
        resume: bool,
    },
    /// What `check` found in the whole of a large document, worked out after it loaded.
    Checked(Vec<Finding>),
    /// Reading the whole of a large document failed: its start stays shown.
    LoadFailed(String),
    /// The terminal answered the probe: ambiguous characters take this many columns.
    WidthProbed(AmbiguousWidth),
    /// The reading position could not be saved.
    SaveFailed(String),
    /// Something to say once when the reader opens (the config file was not used).
    Notice(String),
    /// The time, given before every batch of events and when a rehearsal's next line
    /// falls due: the reader reads no clock of its own. `unix` is seconds since 1970.
    Tick { at: Instant, unix: u64 },
}
