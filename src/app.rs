//! The reader's state and the only place it changes: `update(&mut App, Action) -> Effect`.
//!
//! No terminal and no I/O here: tests drive `update` with action scripts. Invariants
//! after every update: `top` is within `0..=max_top()`; the layout matches the current
//! text width; the tree selection is a visible row.

use std::collections::HashSet;
use std::ops::Range;

pub use crate::action::{Action, Effect, InputMode, Msg};
use std::time::Instant;

use crate::document::{
    Document, NodeKind, chars_before_blocks, partition_point_near, visible_chars,
};
use crate::layout::{DisplayLine, RenderOptions};
use crate::rehearsal::{Record, Summary};
use crate::resume::{Saved, StateFile};
use crate::speaking::{SpokenText, seconds_for};
use crate::strings::{Lang, Strings};
use crate::text::{AmbiguousWidth, str_width, truncate};
pub use geometry::{Panes, Rect};
pub use pages::LinePos;
use pages::Pages;
pub use reading::{Prompt, PromptKind};
pub use rehearsing::RehearsalStatus;

/// The tree's share of the width, in percent, unless the config file says otherwise.
pub const DEFAULT_TREE_PERCENT: usize = 30;

/// Between the node the status line shows and the headings it sits in.
const CONTEXT_SEPARATOR: &str = " ‹ ";

/// How much of the width `<` and `>` move the tree's border by, in percent.
const TREE_STEP_PERCENT: usize = 5;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    Text,
    Tree,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Overlay {
    Help,
    /// The tree drawn over the text on a narrow terminal.
    Tree,
    /// The key formulations, with the selected row.
    Formulations,
    /// The findings of `check`, with the selected row.
    Findings,
    /// The times of the rehearsal that just ended.
    Summary,
}

/// A row of the section tree: the title (root) or a node. Rows sort in tree order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TreeRow {
    Title,
    Node(usize),
}

/// Reader settings that do not change while reading.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Settings {
    pub indent: usize,
    pub measure: usize,
    pub ambiguous: AmbiguousWidth,
    /// Speaking rate, characters a minute.
    pub rate: u32,
    /// Colours on screen; without them (`NO_COLOR`) the marks are drawn with reverse,
    /// bold and underline only.
    pub colour: bool,
    /// The language of the interface.
    pub lang: Lang,
    /// The tree's share of the width at start, in percent.
    pub tree_percent: usize,
    /// `--rate auto`: the rate measured in the last rehearsal kept replaces `rate` once
    /// the saved state comes.
    pub rate_auto: bool,
    /// `--minutes`: a rehearsal's target length, shared among its sections by length.
    pub minutes: Option<u32>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            indent: 4,
            measure: 80,
            ambiguous: AmbiguousWidth::Narrow,
            rate: crate::speaking::DEFAULT_RATE,
            colour: true,
            lang: Lang::Zh,
            tree_percent: DEFAULT_TREE_PERCENT,
            rate_auto: false,
            minutes: None,
        }
    }
}

/// The parts of the state that decide what is drawn.
#[derive(PartialEq, Eq)]
struct ViewState {
    top: LinePos,
    tree_top: usize,
    focus: Focus,
    overlay: Option<Overlay>,
    selected: TreeRow,
    collapsed: usize,
    highlight: Option<Range<usize>>,
    tree_percent: usize,
    size: (usize, usize),
    aids: reading::AidsView,
    loading: bool,
    rehearsal: Option<rehearsing::View>,
}

/// The reader.
pub struct App {
    doc: Document,
    settings: Settings,
    size: (usize, usize),
    panes: Panes,
    /// Share of the width the tree takes, in percent, changed by `<` and `>`.
    tree_percent: usize,
    /// The text laid out on demand for the current width.
    pages: Pages,
    /// First screen line of the text pane, and the lines the pane shows from there.
    top: LinePos,
    window: Vec<DisplayLine>,
    /// Characters (whitespace not counted) before each block, and the total at the end.
    block_chars: Vec<usize>,
    /// What of the text is spoken, for the speaking times.
    spoken: SpokenText,
    /// Tree rows shown: nodes under a folded node are left out.
    rows: Vec<TreeRow>,
    focus: Focus,
    overlay: Option<Overlay>,
    collapsed: HashSet<usize>,
    selected: TreeRow,
    tree_top: usize,
    help_top: usize,
    /// The source span to highlight in the text (the marker of the node last jumped to).
    highlight: Option<Range<usize>>,
    aids: reading::Aids,
    /// Only the start of the document is shown while the rest loads.
    loading: bool,
    /// Where the reading position and marks of this document are saved (by the caller).
    state_file: Option<StateFile>,
    /// Where `window` starts, how many lines it was made for, and where its last line is.
    window_at: Option<(LinePos, usize, LinePos)>,
    /// Changes when what is drawn from the document changes beyond what a frame's keys
    /// tell (the whole of a large document arrived, ambiguous characters widened), so
    /// that the drawing's caches know to let go of what they kept.
    generation: u64,
    /// What is being read, for the status line: the file's name and its encoding.
    source_label: Option<String>,
    /// Where the top line was when the reader last moved, as a byte offset and whether
    /// it is a blank line: resizes lay the text out again from here, so that any run of
    /// them back to the same size shows the same top line.
    anchor: Option<(usize, bool)>,
    /// The rehearsal under way, and the summary of the last one while it is shown.
    rehearsing: Option<rehearsing::Rehearsing>,
    summary: Option<Summary>,
    /// The rehearsals kept for this document, oldest first.
    rehearsals: Vec<Record>,
    /// The time of the last [`Msg::Tick`] (and seconds since 1970): when the actions
    /// of the batch it came before happen.
    now: Option<(Instant, u64)>,
}

impl App {
    pub fn new(doc: Document, settings: Settings, width: usize, height: usize) -> Self {
        let block_chars = chars_before_blocks(&doc);
        let spoken = SpokenText::from_block_chars(&doc, &block_chars);
        let mut app = Self {
            block_chars,
            spoken,
            pages: Pages::default(),
            window: Vec::new(),
            rows: Vec::new(),
            doc,
            settings,
            size: (0, 0),
            panes: Panes::default(),
            tree_percent: settings.tree_percent,
            top: LinePos::default(),
            focus: Focus::Text,
            overlay: None,
            collapsed: HashSet::new(),
            selected: TreeRow::Title,
            tree_top: 0,
            help_top: 0,
            highlight: None,
            aids: reading::Aids::default(),
            loading: false,
            state_file: None,
            window_at: None,
            generation: 0,
            source_label: None,
            anchor: None,
            rehearsing: None,
            summary: None,
            rehearsals: Vec::new(),
            now: None,
        };
        app.aids.index(&app.doc);
        app.rebuild_rows();
        app.resize(width, height);
        if app.doc.is_empty() {
            app.aids.notice = Some(app.strings().empty_document().to_owned());
        }
        app
    }

    pub fn doc(&self) -> &Document {
        &self.doc
    }
    pub fn settings(&self) -> &Settings {
        &self.settings
    }
    /// A node as the tree and the status line name it, in the interface's language.
    pub fn node_title(&self, index: usize) -> String {
        let strings = self.strings();
        self.doc
            .node_title(index, |kind| strings.unnamed_node(kind))
    }

    /// The sentences of the interface's language.
    pub fn strings(&self) -> Strings {
        Strings(self.settings.lang)
    }
    /// The terminal size the panes were made for.
    pub fn size(&self) -> (usize, usize) {
        self.size
    }
    pub fn panes(&self) -> &Panes {
        &self.panes
    }
    /// The lines the text pane shows, from the top.
    pub fn window(&self) -> &[DisplayLine] {
        &self.window
    }
    pub fn top(&self) -> LinePos {
        self.top
    }
    pub fn focus(&self) -> Focus {
        self.focus
    }
    pub fn overlay(&self) -> Option<Overlay> {
        self.overlay
    }
    pub fn selected(&self) -> TreeRow {
        self.selected
    }
    /// First row of the help shown, when it is taller than the screen.
    pub fn help_top(&self) -> usize {
        self.help_top
    }

    /// Rows of help that fit inside its box.
    pub fn help_height(&self) -> usize {
        geometry::inside_border(self.help_layout().area)
            .height
            .max(1)
    }

    /// The help overlay's box and lines at the current size.
    pub fn help_layout(&self) -> geometry::HelpLayout {
        geometry::help_layout(&self.panes, self.settings.ambiguous, self.strings())
    }

    pub fn tree_top(&self) -> usize {
        self.tree_top
    }
    pub fn highlight(&self) -> Option<&Range<usize>> {
        self.highlight.as_ref()
    }
    pub fn is_collapsed(&self, node: usize) -> bool {
        self.collapsed.contains(&node)
    }

    /// True while only the start of the document is shown and the rest loads.
    pub fn loading(&self) -> bool {
        self.loading
    }

    fn set_loading(&mut self, loading: bool) {
        self.loading = loading;
    }

    /// The state file of this document, for the caller to save to.
    pub fn state_file(&self) -> Option<&StateFile> {
        self.state_file.as_ref()
    }

    fn set_state_file(&mut self, file: Option<StateFile>) {
        self.state_file = file;
    }

    /// Takes the whole document in place of the start shown while it loaded. The same
    /// text stays at the top (found again by line and column); marks, the search and
    /// the layout of the panes carry over.
    fn replace_document(&mut self, doc: Document) {
        let map_offset = |old: &Document, new: &Document, offset: usize| {
            let line = old.line_of(offset);
            let column = offset - old.line_start(line).unwrap_or(0);
            new.line_start(line)
                .map_or(new.text.len(), |start| start + column)
                .min(new.text.len())
        };
        let position = map_offset(&self.doc, &doc, self.position());
        let (width, height) = self.size;
        let mut next = App::new(doc, self.settings, width, height);
        next.tree_percent = self.tree_percent;
        next.focus = self.focus;
        next.overlay = self.overlay;
        next.aids.marks = std::mem::take(&mut self.aids.marks)
            .into_iter()
            .map(|(letter, offset)| (letter, map_offset(&self.doc, &next.doc, offset)))
            .collect();
        next.aids.warning = self.aids.warning.take();
        next.aids.searches = std::mem::take(&mut self.aids.searches);
        next.source_label = self.source_label.take();
        next.generation = self.generation + 1;
        next.resize(width, height);
        let top = next.line_at(position);
        next.top = next.clamp_top(top);
        next.refresh_window();
        next.follow_tree();
        if let Some(search) = self.aids.search.take() {
            next.carry_search(search);
        }
        next.now = self.now;
        // A rehearsal begun on the start of the document goes on over the whole of it,
        // from the top line, on a clock started again.
        if self.rehearsing.is_some() {
            next.start_rehearsal();
        }
        *self = next;
    }

    /// Lays the reader out again for a terminal that draws East Asian Ambiguous
    /// characters `ambiguous` wide.
    fn set_ambiguous(&mut self, ambiguous: AmbiguousWidth) {
        self.settings.ambiguous = ambiguous;
        self.generation += 1;
        let (width, height) = self.size;
        self.resize(width, height);
    }

    /// Rows of the text pane.
    pub fn page(&self) -> usize {
        self.panes.text.height.max(1)
    }

    /// The highest top line that still fills the pane.
    pub fn max_top(&mut self) -> LinePos {
        let page = self.page();
        self.pages.max_top(&self.doc, page)
    }

    /// `pos`, or the highest top line if `pos` is below it.
    fn clamp_top(&mut self, pos: LinePos) -> LinePos {
        pos.min(self.max_top())
    }

    /// Lays out what the text pane shows now: again only when the top line, the page or
    /// the layout changed, since every key asks.
    fn refresh_window(&mut self) {
        let page = self.page();
        let Some((top, made_for, last)) = self.window_at else {
            return self.make_window(page);
        };
        if made_for != page {
            return self.make_window(page);
        }
        if top == self.top {
            return;
        }
        // One line on, the commonest move: the window loses its first line and gains
        // the one after its last, instead of being copied again line by line.
        let one_line_on =
            self.window.len() == page && self.pages.next(&self.doc, top) == Some(self.top);
        let gained = one_line_on
            .then(|| self.pages.next(&self.doc, last))
            .flatten()
            .and_then(|next| Some((next, self.pages.get(&self.doc, next)?.clone())));
        match gained {
            Some((next, line)) => {
                self.window.remove(0);
                self.window.push(line);
                self.window_at = Some((self.top, page, next));
            }
            None => self.make_window(page),
        }
    }

    fn make_window(&mut self, page: usize) {
        let (window, last) = self.pages.window(&self.doc, self.top, page);
        self.window = window;
        self.window_at = Some((self.top, page, last));
    }

    /// Characters (whitespace not counted) before byte `offset`.
    fn chars_before(&self, offset: usize) -> usize {
        // Asked about what is on screen: searched from the window's first block.
        let block = partition_point_near(&self.doc.blocks, self.window_block(), |block| {
            block.span.start < offset
        });
        let Some(index) = block.checked_sub(1) else {
            return 0;
        };
        let span = &self.doc.blocks[index].span;
        let partial = visible_chars(self.doc.slice(&(span.start..offset.min(span.end))));
        self.block_chars.get(index).copied().unwrap_or(0) + partial
    }

    /// Handles one action.
    /// Takes in what happened besides a user's action (see [`Msg`]): the only other way
    /// the state changes.
    pub fn receive(&mut self, msg: Msg) -> Effect {
        match msg {
            Msg::Loading => self.set_loading(true),
            Msg::Resume { saved, resume } => self.apply_saved(saved, resume),
            Msg::Loaded { doc, saved, resume } => {
                // Resume only if the reader has not moved while the file loaded.
                let at_start = self.position() == 0;
                self.replace_document(*doc);
                self.set_loading(false);
                self.apply_saved(saved, resume && at_start);
            }
            Msg::LoadFailed(message) => {
                self.set_loading(false);
                self.set_warning(Some(self.strings().only_the_start_is_shown(&message)));
            }
            Msg::WidthProbed(ambiguous) => self.set_ambiguous(ambiguous),
            Msg::Notice(notice) => self.aids.notice = Some(notice),
            Msg::Checked(findings) => self.aids.findings = findings,
            Msg::SaveFailed(why) => self.set_warning(Some(self.strings().state_not_saved(&why))),
            Msg::Tick { at, unix } => return self.tick(at, unix),
        }
        Effect::Redraw
    }

    /// Puts the reader where it was left (unless not `resume`) with its marks.
    fn apply_saved(&mut self, saved: Saved, resume: bool) {
        match saved.state {
            Ok(Some(state)) => {
                // Not resuming keeps the reader where it is: at the top when it opens, or
                // wherever it went while a large document loaded.
                let position = if resume {
                    state.position
                } else {
                    self.position()
                };
                self.restore(position, state.marks);
                self.restore_searches(state.searches);
                self.restore_rehearsals(state.rehearsals);
                if resume && self.position() > 0 {
                    self.aids.notice = Some(self.strings().resumed());
                }
            }
            // Said once: the next key gives the status line back.
            Err(problem) => self.aids.notice = Some(self.strings().state_ignored(problem)),
            Ok(None) => {}
        }
        self.set_state_file(saved.file);
    }

    pub fn update(&mut self, action: Action) -> Effect {
        let before = self.snapshot();
        self.aids.notice = None;
        let effect = self.update_view(action, &before);
        // The reader moved: later resizes keep the new top line.
        let resizing = matches!(
            action,
            Action::Resize { .. } | Action::TreeNarrower | Action::TreeWider
        );
        if !resizing && self.top != before.top {
            self.anchor = None;
        }
        effect
    }

    fn update_view(&mut self, action: Action, before: &ViewState) -> Effect {
        if self.update_summary(action)
            || self.update_help(action)
            || self.update_rehearsal(action)
            || self.update_aids(action)
        {
            return self.effect_since(before);
        }
        match action {
            Action::Quit => return Effect::Quit,
            Action::Suspend => return Effect::Suspend,
            Action::Resize { width, height } => self.resize(width, height),
            Action::Escape => {
                if self.overlay.take().is_none() && self.focus == Focus::Tree {
                    self.focus = Focus::Text;
                }
            }
            Action::ToggleTree => self.toggle_tree(),
            Action::ToggleFocus => {
                if self.tree_visible() {
                    self.focus = match self.focus {
                        Focus::Text => Focus::Tree,
                        Focus::Tree => Focus::Text,
                    };
                } else {
                    self.aids.notice = Some(self.strings().tree_hidden());
                }
            }
            Action::TreeNarrower => {
                self.set_tree_percent(self.tree_percent.saturating_sub(TREE_STEP_PERCENT).max(10));
            }
            Action::TreeWider => {
                self.set_tree_percent((self.tree_percent + TREE_STEP_PERCENT).min(60));
            }
            Action::Down | Action::Up if self.tree_has_focus() => {
                self.move_selection(if action == Action::Down { 1 } else { -1 });
            }
            Action::Down => self.scroll_by(1),
            Action::Up => self.scroll_by(-1),
            Action::PageDown => self.scroll_by(signed(self.page())),
            Action::PageUp => self.scroll_by(-signed(self.page())),
            Action::HalfPageDown => self.scroll_by(signed(self.page().div_ceil(2))),
            Action::HalfPageUp => self.scroll_by(-signed(self.page().div_ceil(2))),
            Action::Top if self.tree_has_focus() => self.select_row_index(0),
            Action::Bottom if self.tree_has_focus() => self.select_row_index(usize::MAX),
            Action::Top => self.scroll_to(LinePos::default()),
            Action::Bottom => {
                let bottom = self.max_top();
                self.scroll_to(bottom);
            }
            Action::Open | Action::Fold if !self.tree_has_focus() => {
                self.aids.notice =
                    Some(self.strings().tree_keys_need_the_tree(self.tree_visible()));
            }
            Action::Open => self.open_selected(),
            Action::Fold => self.fold_selected(),
            Action::NextPoint
            | Action::PreviousPoint
            | Action::NextHeading
            | Action::PreviousHeading => self.jump_by(action),
            Action::Rehearse => self.start_rehearsal(),
            Action::TopLevelHeading(n) => self.go_to_top_level_heading(n),
            Action::Scroll { column, row, lines } => {
                if self.panes.tree.contains(column, row) && self.tree_visible() {
                    self.scroll_tree(lines);
                } else {
                    self.scroll_by(lines);
                }
            }
            Action::Click { column, row } => self.click(column, row),
            // Handled by the help and the reading aids above; here only in the wrong mode.
            Action::Help
            | Action::Search
            | Action::SearchNext
            | Action::SearchPrevious
            | Action::GoTo
            | Action::Input(_)
            | Action::Edit(_)
            | Action::HistoryPrevious
            | Action::HistoryNext
            | Action::Accept
            | Action::SetMark
            | Action::GoToMark
            | Action::Letter(_)
            | Action::Formulations
            | Action::Findings
            | Action::NextFinding
            | Action::PreviousFinding
            | Action::NextPlaceholder
            | Action::PreviousPlaceholder
            | Action::Pause
            | Action::Faster
            | Action::Slower => {}
        }
        self.effect_since(before)
    }

    /// `]` `[` `}` `{`: to the next or previous point or heading, or says there is none.
    fn jump_by(&mut self, action: Action) {
        let (points, forward) = match action {
            Action::NextPoint => (true, true),
            Action::PreviousPoint => (true, false),
            Action::NextHeading => (false, true),
            _ => (false, false),
        };
        let wanted: fn(NodeKind) -> bool = if points {
            |kind| kind == NodeKind::Point
        } else {
            NodeKind::is_section
        };
        if !self.jump_to_next(wanted, forward) {
            self.aids.notice = Some(if points {
                self.strings().no_point(forward)
            } else {
                self.strings().no_heading(forward)
            });
        }
    }

    /// `?` toggles the help; while it is open, the line and page keys scroll it and any
    /// other key closes it, so a stray key never acts unseen.
    fn update_help(&mut self, action: Action) -> bool {
        let open = self.overlay == Some(Overlay::Help);
        match action {
            Action::Help => {
                self.help_top = 0;
                self.overlay = if open { None } else { Some(Overlay::Help) };
            }
            Action::Down | Action::Up | Action::PageDown | Action::PageUp if open => {
                let step = match action {
                    Action::Down => 1,
                    Action::Up => -1,
                    Action::PageDown => signed(self.help_height()),
                    _ => -signed(self.help_height()),
                };
                let last = self
                    .help_layout()
                    .lines
                    .len()
                    .saturating_sub(self.help_height());
                self.help_top = self.help_top.saturating_add_signed(step).min(last);
            }
            Action::Resize { .. } | Action::Quit | Action::Suspend => return false,
            _ if open => self.overlay = None,
            _ => return false,
        }
        true
    }

    fn effect_since(&mut self, before: &ViewState) -> Effect {
        self.refresh_window();
        if self.snapshot() == *before {
            Effect::None
        } else {
            Effect::Redraw
        }
    }

    /// Everything the view depends on, to tell whether an update changed what is drawn.
    fn snapshot(&self) -> ViewState {
        ViewState {
            top: self.top,
            tree_top: self.tree_top + self.help_top,
            focus: self.focus,
            overlay: self.overlay,
            selected: self.selected,
            collapsed: self.collapsed.len(),
            highlight: self.highlight.clone(),
            tree_percent: self.tree_percent,
            size: self.size,
            aids: self.aids.view_state(),
            loading: self.loading,
            rehearsal: self.rehearsal_view(),
        }
    }

    /// Computes the panes for a terminal size and re-lays the text if its width changed,
    /// keeping the same text at the top.
    fn resize(&mut self, width: usize, height: usize) {
        let top_line = self.anchor.or_else(|| {
            self.window
                .first()
                .map(|line| (line.source().start, line.block.is_none()))
        });
        self.anchor = top_line;
        self.size = (width, height);
        self.panes = geometry::panes(width, height, self.shown_tree_percent());
        let tree_width = self.panes.tree.width;
        let text_inner = self.panes.text_width;
        if tree_width > 0 && self.overlay == Some(Overlay::Tree) {
            self.overlay = None;
        }
        if tree_width == 0 && self.overlay != Some(Overlay::Tree) && self.focus == Focus::Tree {
            self.focus = Focus::Text;
        }
        self.window_at = None;
        self.pages.set_options(RenderOptions {
            width: text_inner,
            indent: self.settings.indent,
            measure: self.settings.measure,
            ambiguous: self.settings.ambiguous,
        });
        let top = match top_line {
            Some((offset, blank)) => {
                let first = self.line_at(offset);
                // A blank line between paragraphs holds no text to be found again by:
                // the reader stays on it, the line before the paragraph it leads to,
                // instead of moving down a line at every resize or return from ^Z.
                let blank_before = blank
                    .then(|| self.pages.advance(&self.doc, first, -1))
                    .filter(|&before| {
                        before != first
                            && self
                                .pages
                                .get(&self.doc, before)
                                .is_some_and(|line| line.block.is_none())
                    });
                blank_before.unwrap_or(first)
            }
            None => self.top,
        };
        self.top = self.clamp_top(top);
        self.refresh_window();
        self.follow_tree();
        self.find_band_again();
    }

    /// The screen line that shows byte `offset` of the text.
    pub fn line_at(&mut self, offset: usize) -> LinePos {
        self.pages.line_at(&self.doc, offset)
    }

    fn scroll_by(&mut self, lines: isize) {
        let target = self.pages.advance(&self.doc, self.top, lines);
        self.scroll_to(target);
    }

    fn scroll_to(&mut self, pos: LinePos) {
        self.top = self.clamp_top(pos);
        self.highlight = None;
        self.refresh_window();
        self.follow_tree();
    }

    /// The first block the window shows, where a search for a block on screen starts.
    pub fn window_block(&self) -> usize {
        self.window.iter().find_map(|line| line.block).unwrap_or(0)
    }

    /// The number of top-level headings (一、二、…), which `1`–`9` and `:` go to.
    fn top_level_headings(&self) -> usize {
        self.doc
            .nodes
            .iter()
            .filter(|node| node.kind.is_section() && node.depth == 0)
            .count()
    }

    /// Jumps to the `n`-th top-level heading, from 1, or says there is none.
    fn go_to_top_level_heading(&mut self, n: usize) {
        let target = self
            .doc
            .nodes
            .iter()
            .enumerate()
            .filter(|(_, node)| node.kind.is_section() && node.depth == 0)
            .nth(n.saturating_sub(1))
            .map(|(index, _)| index);
        match target {
            Some(index) if n >= 1 => self.jump_to(index),
            _ => {
                self.aids.notice = Some(
                    self.strings()
                        .no_top_level_heading(n, self.top_level_headings()),
                );
            }
        }
    }

    /// Jumps to the next (or previous) node of a kind after (before) the current
    /// position; false when there is none that way.
    fn jump_to_next(&mut self, wanted: fn(NodeKind) -> bool, forward: bool) -> bool {
        let here = self.current_position();
        let nodes = &self.doc.nodes;
        // Nodes are in text order: start the walk where `here` falls.
        let target = if forward {
            let from = nodes.partition_point(|node| node.head.start <= here);
            nodes[from..]
                .iter()
                .position(|node| wanted(node.kind))
                .map(|offset| from + offset)
        } else {
            let before = nodes.partition_point(|node| node.head.start < here);
            nodes[..before].iter().rposition(|node| wanted(node.kind))
        };
        if let Some(index) = target {
            self.jump_to(index);
        }
        target.is_some()
    }

    /// The reading position: the highlighted marker after a jump, else the top line's start.
    fn current_position(&self) -> usize {
        self.highlight
            .as_ref()
            .map_or_else(|| self.position(), |range| range.start)
    }

    /// Puts the line holding the node's marker at the top and highlights the marker.
    pub fn jump_to(&mut self, index: usize) {
        let Some(node) = self.doc.nodes.get(index) else {
            return;
        };
        let head = node.head.clone();
        let marker_len = node.marker.as_ref().map_or(head.len(), String::len);
        self.jump_to_range(head.start..head.start + marker_len.min(head.len()).max(1));
        // Unfold the ancestors so the tree can show where we are.
        let mut unfolded = false;
        for ancestor in self.doc.path(index) {
            if ancestor != index {
                unfolded |= self.collapsed.remove(&ancestor);
            }
        }
        if unfolded {
            self.rebuild_rows();
        }
        self.selected = TreeRow::Node(index);
        self.keep_selection_visible();
    }

    /// Puts the line holding `range` at the top and highlights it; the place left is
    /// remembered for `''`. The tree follows unless the user is moving in it.
    fn jump_to_range(&mut self, range: Range<usize>) {
        self.aids.previous = Some(self.current_position());
        let top = self.line_at(range.start);
        self.top = self.clamp_top(top);
        self.highlight = Some(range);
        self.refresh_window();
        self.follow_highlight();
    }

    /// Scroll-spy for a jump: the deepest node holding the highlighted text.
    fn follow_highlight(&mut self) {
        if let Some(index) = self
            .highlight
            .as_ref()
            .and_then(|range| self.doc.node_at_near(range.start, self.selected_node()))
        {
            self.selected = self.row_for(Some(index));
            self.keep_selection_visible();
        }
    }

    /// The location for the status line, at most `width` columns: a space, the node the
    /// reader is in (the point, when in one) in full as far as it fits, then ` ‹ ` and the
    /// headings it sits in, shortened with … to what is left: the part a reader needs
    /// first is never the part cut.
    pub fn status_location(&self, width: usize) -> String {
        let ambiguous = self.settings.ambiguous;
        let TreeRow::Node(index) = self.selected else {
            let title = self.doc.title.clone().unwrap_or_default();
            return truncate(&format!(" {title}"), width, ambiguous);
        };
        let path = self.doc.path(index);
        let Some((&here, ancestors)) = path.split_last() else {
            return String::new();
        };
        let mut location = truncate(&format!(" {}", self.node_title(here)), width, ambiguous);
        let context = ancestors
            .iter()
            .map(|&i| self.node_title(i))
            .collect::<Vec<_>>()
            .join(" › ");
        let used = str_width(&location, ambiguous) + str_width(CONTEXT_SEPARATOR, ambiguous);
        // Less than a few columns of a heading says nothing: left out instead.
        let room = width.saturating_sub(used);
        if !context.is_empty() && room >= 4 {
            location.push_str(CONTEXT_SEPARATOR);
            location.push_str(&truncate(&context, room, ambiguous));
        }
        location
    }

    /// Names what is being read on the status line: `name · encoding`.
    pub fn set_source(&mut self, name: &str) {
        self.source_label = Some(format!("{name} · {}", self.doc.encoding));
    }

    /// The file's name and encoding, when known.
    pub fn source_label(&self) -> Option<&str> {
        self.source_label.as_deref()
    }

    /// See the field: changes when cached drawing must be let go of.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Where the reader is: heading › point of the top line.
    pub fn location(&self) -> String {
        match self.selected {
            TreeRow::Title => self.doc.title.clone().unwrap_or_default(),
            TreeRow::Node(index) => self
                .doc
                .path(index)
                .into_iter()
                .map(|i| self.node_title(i))
                .collect::<Vec<_>>()
                .join(" › "),
        }
    }

    /// Percent of the text above the bottom of the pane.
    pub fn percent(&self) -> usize {
        let total = self.total_chars();
        if total == 0 {
            return 100;
        }
        let bottom = self
            .window
            .last()
            .map_or(0, |line| line.source().end.max(line.base));
        let below_bottom = self.window.len() < self.page();
        if below_bottom {
            return 100;
        }
        self.chars_before(bottom) * 100 / total
    }

    fn total_chars(&self) -> usize {
        self.block_chars.last().copied().unwrap_or(0)
    }

    /// Spoken characters of a node's text (whitespace not counted; notes, the footer
    /// and attachments are not spoken): what its speaking time is worked out from.
    pub fn node_chars(&self, index: usize) -> Option<usize> {
        let node = self.doc.nodes.get(index)?;
        let before = |offset| self.spoken.before(&self.doc, offset);
        Some(before(node.span.end).saturating_sub(before(node.span.start)))
    }

    /// Seconds it takes to deliver the spoken text, as `briefing stats` counts it.
    pub fn total_seconds(&self) -> u64 {
        seconds_for(self.spoken.total(), self.settings.rate)
    }

    /// Seconds of speaking left from the top line at the configured rate.
    pub fn seconds_left(&self) -> u64 {
        let done = self.spoken.before(&self.doc, self.position());
        seconds_for(self.spoken.total().saturating_sub(done), self.settings.rate)
    }
}

fn signed(value: usize) -> isize {
    isize::try_from(value).unwrap_or(isize::MAX)
}

pub mod geometry;
mod pages;
mod prompt;
mod reading;
mod rehearsing;
#[cfg(test)]
mod tests;
mod tree;
