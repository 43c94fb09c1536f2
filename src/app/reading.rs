//! Reading aids of the reader: search as you type, marks and the way back, the panel of
//! key formulations, and the placeholders of a draft. Like the rest of `App`, no I/O:
//! marks are saved by the caller when [`App::take_state_changed`] says so.

use std::collections::BTreeMap;
use std::ops::Range;

use super::prompt::{History, LineEditor};
use super::{Action, App, InputMode, LinePos, Overlay};
use crate::check::{Finding, Profile, check};
use crate::document::Document;
use crate::resume::SavedState;
use crate::search::Pattern;
use crate::terms::{Formulation, Placeholder, formulations, placeholders};

/// Documents up to this size are checked as they open (about 10 ms a megabyte).
const CHECKED_AT_OPEN_BYTES: usize = 2 * 1024 * 1024;

/// An active search.
#[derive(Clone, Debug, Default)]
pub struct Search {
    pub query: String,
    pub matches: Vec<Range<usize>>,
    /// Index into `matches` of the one last moved to.
    pub current: Option<usize>,
    /// Where the reader was when `/` was pressed, to return to on Esc.
    origin: (LinePos, Option<Range<usize>>),
}

/// What a prompt on the status line asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PromptKind {
    /// `/`: searched as it is typed.
    Search,
    /// `:`: a top-level heading's number, a line, a percentage; gone to on Enter.
    GoTo,
}

/// A prompt being typed on the status line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Prompt {
    pub kind: PromptKind,
    pub line: LineEditor,
}

/// The state of the reading aids.
#[derive(Clone, Debug, Default)]
pub struct Aids {
    pub search: Option<Search>,
    pub prompt: Option<Prompt>,
    /// The search before `/` opened the prompt, given back by Esc.
    search_before: Option<Search>,
    /// The searches entered, kept with the saved state.
    pub searches: History,
    /// Mark letter → byte offset in the text.
    pub marks: BTreeMap<char, usize>,
    /// Where the reader was before the last jump, for `''`.
    pub previous: Option<usize>,
    /// A one-line message for the status line, cleared by the next action.
    pub notice: Option<String>,
    /// A lasting warning (a state file that could not be read or written).
    pub warning: Option<String>,
    pending: Option<Pending>,
    pub formulations: Vec<Formulation>,
    pub formulation_selected: usize,
    /// What `check` finds in the document, in text order.
    pub findings: Vec<Finding>,
    pub finding_selected: usize,
    pub placeholders: Vec<Placeholder>,
    state_changed: bool,
}

/// What the next letter is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Pending {
    SetMark,
    GoToMark,
}

/// The parts of the aids that decide what is drawn.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AidsView {
    query: Option<(String, Option<usize>, usize)>,
    prompt: Option<Prompt>,
    notice: Option<String>,
    warning: Option<String>,
    pending: Option<Pending>,
    formulation_selected: usize,
    finding_selected: usize,
}

impl Aids {
    /// Finds the placeholders, and `check`'s findings in a document that is not large,
    /// once; the formulations wait until their panel is opened. A large document's
    /// findings are worked out in the background once it has loaded
    /// ([`crate::action::Msg::Checked`]): they take a second in 100 MB.
    pub fn index(&mut self, doc: &Document) {
        self.placeholders = placeholders(doc);
        if doc.text.len() <= CHECKED_AT_OPEN_BYTES {
            self.findings = check(doc, Profile::default());
        }
    }

    pub fn view_state(&self) -> AidsView {
        AidsView {
            query: self
                .search
                .as_ref()
                .map(|s| (s.query.clone(), s.current, s.matches.len())),
            prompt: self.prompt.clone(),
            notice: self.notice.clone(),
            warning: self.warning.clone(),
            pending: self.pending,
            formulation_selected: self.formulation_selected,
            finding_selected: self.finding_selected,
        }
    }
}

impl App {
    /// How the next key is to be read.
    pub fn input_mode(&self) -> InputMode {
        if self.aids.pending.is_some() {
            InputMode::Letter
        } else if self.aids.prompt.is_some() {
            InputMode::Text
        } else if self.rehearsing.is_some() {
            InputMode::Rehearsal
        } else {
            InputMode::Normal
        }
    }

    pub fn search(&self) -> Option<&Search> {
        self.aids.search.as_ref()
    }

    /// The prompt being typed on the status line, if one is open.
    pub fn prompt(&self) -> Option<&Prompt> {
        self.aids.prompt.as_ref()
    }

    /// What the status line asks for while a key waits for its letter (`m`, `'`).
    pub fn pending_prompt(&self) -> Option<String> {
        self.aids.pending.map(|pending| match pending {
            Pending::SetMark => self.strings().set_mark_prompt().to_owned(),
            Pending::GoToMark => self.strings().go_to_mark_prompt().to_owned(),
        })
    }

    /// True when the text of a node (its children's included) holds a search match,
    /// for the tree's marks. Matches are in text order: a binary search, asked only
    /// for the rows on screen.
    pub fn node_has_match(&self, index: usize) -> bool {
        let (Some(search), Some(node)) = (self.aids.search.as_ref(), self.doc.nodes.get(index))
        else {
            return false;
        };
        let first = search
            .matches
            .partition_point(|m| m.start < node.span.start);
        search
            .matches
            .get(first)
            .is_some_and(|m| m.start < node.span.end)
    }

    pub fn notice(&self) -> Option<&str> {
        self.aids.notice.as_deref().or(self.aids.warning.as_deref())
    }

    pub fn formulations(&self) -> &[Formulation] {
        &self.aids.formulations
    }

    pub fn formulation_selected(&self) -> usize {
        self.aids.formulation_selected
    }

    pub fn placeholders(&self) -> &[Placeholder] {
        &self.aids.placeholders
    }

    /// Which placeholder, from 0, the reader was last taken to (`x`, `X`), while it is
    /// still the one highlighted.
    pub fn current_placeholder(&self) -> Option<usize> {
        let highlight = self.highlight.as_ref()?;
        let placeholders = &self.aids.placeholders;
        let at = placeholders.partition_point(|p| p.span.start < highlight.start);
        placeholders
            .get(at)
            .is_some_and(|p| p.span == *highlight)
            .then_some(at)
    }

    pub fn marks(&self) -> &BTreeMap<char, usize> {
        &self.aids.marks
    }

    /// A warning to show in the status line until the next one.
    pub fn set_warning(&mut self, warning: Option<String>) {
        self.aids.warning = warning;
    }

    /// True once after marks changed, so the caller saves them.
    pub fn take_state_changed(&mut self) -> bool {
        std::mem::take(&mut self.aids.state_changed)
    }

    /// Something saved changed besides the marks (a rehearsal was kept).
    pub(super) fn mark_state_changed(&mut self) {
        self.aids.state_changed = true;
    }

    /// Byte offset of the top line: the reading position that is saved.
    pub fn position(&self) -> usize {
        self.window.first().map_or(0, |line| line.source().start)
    }

    /// What is saved of this reading: the position, the marks, the searches entered.
    pub fn saved_state(&self) -> SavedState {
        SavedState {
            position: self.position(),
            marks: self.aids.marks.clone(),
            searches: self.aids.searches.entries().to_vec(),
            rehearsals: self.rehearsals.clone(),
            ..SavedState::default()
        }
    }

    /// Takes back the searches of an earlier session, for ↑ in the search prompt.
    pub(super) fn restore_searches(&mut self, searches: Vec<String>) {
        self.aids.searches = History::from_entries(searches);
    }

    /// Restores a saved reading position and marks (clamped to this document).
    pub fn restore(&mut self, position: usize, marks: BTreeMap<char, usize>) {
        let end = self.doc.text.len();
        self.aids.marks = marks.into_iter().filter(|(_, at)| *at <= end).collect();
        let top = self.line_at(position.min(end));
        self.top = self.clamp_top(top);
        self.anchor = None;
        self.refresh_window();
        self.follow_tree();
    }

    /// Handles the actions of the reading aids; false when the action is not theirs.
    pub(super) fn update_aids(&mut self, action: Action) -> bool {
        if let Some(pending) = self.aids.pending.take() {
            if let Action::Letter(letter) = action {
                match pending {
                    Pending::SetMark => self.set_mark(letter),
                    Pending::GoToMark => self.go_to_mark(letter),
                }
            }
            return true;
        }
        if self.input_mode() == InputMode::Text {
            return self.edit_prompt(action);
        }
        if self.overlay == Some(Overlay::Formulations) {
            return self.formulations_panel(action);
        }
        if self.overlay == Some(Overlay::Findings) {
            return self.findings_panel(action);
        }
        match action {
            Action::Search => self.start_search(),
            Action::GoTo => {
                self.aids.prompt = Some(Prompt {
                    kind: PromptKind::GoTo,
                    line: LineEditor::default(),
                });
            }
            Action::SearchNext => self.step_search(true),
            Action::SearchPrevious => self.step_search(false),
            Action::SetMark => self.aids.pending = Some(Pending::SetMark),
            Action::GoToMark => self.aids.pending = Some(Pending::GoToMark),
            Action::Formulations => {
                // Counting every term walks the whole text: done on first use, not at start.
                if self.aids.formulations.is_empty() {
                    self.aids.formulations = formulations(&self.doc);
                }
                self.overlay = Some(Overlay::Formulations);
                self.aids.formulation_selected = 0;
            }
            Action::Findings => {
                // The panel opens on the first finding from where the reader is.
                let here = self.current_position();
                self.aids.finding_selected = self
                    .aids
                    .findings
                    .partition_point(|finding| finding.span.start < here)
                    .min(self.aids.findings.len().saturating_sub(1));
                self.overlay = Some(Overlay::Findings);
            }
            Action::NextFinding => self.step_finding(true),
            Action::PreviousFinding => self.step_finding(false),
            Action::NextPlaceholder => self.step_placeholder(true),
            Action::PreviousPlaceholder => self.step_placeholder(false),
            Action::Escape if self.aids.search.is_some() && self.overlay.is_none() => {
                self.aids.search = None;
            }
            _ => return false,
        }
        true
    }

    /// Keeps a search across a change of document: the same query, its matches found
    /// again, the view left where it is.
    pub(super) fn carry_search(&mut self, search: Search) {
        let matches =
            Pattern::new(&search.query).map_or_else(Vec::new, |p| p.find_all(&self.doc.text));
        self.aids.search = Some(Search {
            current: None,
            matches,
            origin: (self.top, None),
            ..search
        });
    }

    fn start_search(&mut self) {
        self.aids.search_before = self.aids.search.take();
        self.aids.searches.rewind();
        self.aids.search = Some(Search {
            origin: (self.top, self.highlight.clone()),
            ..Search::default()
        });
        self.aids.prompt = Some(Prompt {
            kind: PromptKind::Search,
            line: LineEditor::default(),
        });
    }

    /// Typing in a prompt. The search prompt searches again at every change and shows
    /// the first match at or after where the search started; the go-to prompt goes on
    /// Enter.
    fn edit_prompt(&mut self, action: Action) -> bool {
        let Some(prompt) = self.aids.prompt.as_mut() else {
            return false;
        };
        let kind = prompt.kind;
        let changed = match action {
            Action::Input(c) => {
                prompt.line.insert(c);
                true
            }
            Action::Edit(edit) => prompt.line.apply(edit),
            Action::HistoryPrevious | Action::HistoryNext if kind == PromptKind::Search => {
                let older = action == Action::HistoryPrevious;
                match self.aids.searches.step(prompt.line.text(), older) {
                    Some(entry) => {
                        prompt.line = LineEditor::with_text(&entry);
                        true
                    }
                    None => false,
                }
            }
            Action::Accept => {
                let line = self.aids.prompt.take().map(|p| p.line).unwrap_or_default();
                match kind {
                    PromptKind::Search => self.accept_search(line.text()),
                    PromptKind::GoTo => self.go_to(line.text()),
                }
                return true;
            }
            Action::Escape => {
                self.aids.prompt = None;
                if kind == PromptKind::Search {
                    self.cancel_search();
                }
                return true;
            }
            Action::Resize { .. } | Action::Quit | Action::Suspend => return false,
            _ => false,
        };
        if changed && kind == PromptKind::Search {
            let query = prompt.line.text().to_owned();
            if let Some(search) = self.aids.search.as_mut() {
                search.query = query;
            }
            self.run_search();
        }
        true
    }

    /// Esc in the search prompt: back where `/` was pressed, with the search before.
    fn cancel_search(&mut self) {
        let origin = self.aids.search.take().map(|search| search.origin);
        self.aids.search = self.aids.search_before.take();
        if let Some((top, highlight)) = origin {
            self.top = self.clamp_top(top);
            self.highlight = highlight;
            self.refresh_window();
            self.follow_tree();
        }
    }

    /// Enter in the search prompt. An empty line repeats the last search (as less does);
    /// a search that finds nothing says so and is kept for `n` and `N`.
    fn accept_search(&mut self, typed: &str) {
        self.aids.search_before = None;
        let query = if typed.is_empty() {
            let Some(last) = self.aids.searches.last() else {
                self.aids.search = None;
                return;
            };
            last.to_owned()
        } else {
            typed.to_owned()
        };
        self.aids.searches.push(&query);
        self.aids.state_changed = true;
        if typed.is_empty() {
            if let Some(search) = self.aids.search.as_mut() {
                search.query.clone_from(&query);
            }
            self.run_search();
        }
        if self
            .aids
            .search
            .as_ref()
            .is_some_and(|s| s.matches.is_empty())
        {
            self.aids.notice = Some(self.strings().not_found(&query));
        }
    }

    fn run_search(&mut self) {
        let Some(search) = self.aids.search.as_mut() else {
            return;
        };
        let (origin_top, _) = search.origin.clone();
        search.matches =
            Pattern::new(&search.query).map_or_else(Vec::new, |p| p.find_all(&self.doc.text));
        let origin = self
            .pages
            .get(&self.doc, origin_top)
            .map_or(0, |line| line.source().start);
        let first = search.matches.iter().position(|m| m.start >= origin).or(
            if search.matches.is_empty() {
                None
            } else {
                Some(0)
            },
        );
        search.current = first;
        if let Some(range) = first.and_then(|i| search.matches.get(i)).cloned() {
            let top = self.line_at(range.start);
            self.top = self.clamp_top(top);
            self.highlight = Some(range);
            self.refresh_window();
            self.follow_highlight();
        } else {
            self.top = self.clamp_top(origin_top);
            self.highlight = None;
            self.refresh_window();
            self.follow_tree();
        }
    }

    /// `n` / `N`: the next or previous match from where the reader is, wrapping round.
    fn step_search(&mut self, forward: bool) {
        let here = self.current_position();
        let strings = self.strings();
        let Some(search) = self.aids.search.as_mut() else {
            self.aids.notice = Some(strings.no_search());
            return;
        };
        if search.matches.is_empty() {
            self.aids.notice = Some(strings.not_found(&search.query));
            return;
        }
        let count = search.matches.len();
        // Matches are in text order: the next one is found by binary search.
        let (index, wrapped) = if forward {
            let after = search.matches.partition_point(|m| m.start <= here);
            if after < count {
                (after, false)
            } else {
                (0, true)
            }
        } else {
            match search
                .matches
                .partition_point(|m| m.start < here)
                .checked_sub(1)
            {
                Some(i) => (i, false),
                None => (count - 1, true),
            }
        };
        search.current = Some(index);
        let range = search.matches[index].clone();
        self.jump_to_range(range);
        if wrapped {
            self.aids.notice = Some(if forward {
                self.strings().search_wrapped_to_top().to_owned()
            } else {
                self.strings().search_wrapped_to_bottom().to_owned()
            });
        }
    }

    fn set_mark(&mut self, letter: char) {
        if !letter.is_ascii_alphabetic() {
            self.aids.notice = Some(self.strings().marks_are_letters().to_owned());
            return;
        }
        self.aids.marks.insert(letter, self.current_position());
        self.aids.state_changed = true;
        self.aids.notice = Some(self.strings().mark_set(letter));
    }

    fn go_to_mark(&mut self, letter: char) {
        let target = if letter == '\'' {
            self.aids.previous
        } else {
            self.aids.marks.get(&letter).copied()
        };
        match target {
            Some(offset) => {
                let end = offset
                    + self
                        .doc
                        .text
                        .get(offset..)
                        .and_then(|s| s.chars().next())
                        .map_or(0, char::len_utf8);
                self.jump_to_range(offset..end);
                self.highlight = None;
            }
            None => self.aids.notice = Some(self.strings().no_mark(letter)),
        }
    }

    pub fn findings(&self) -> &[Finding] {
        &self.aids.findings
    }

    pub fn finding_selected(&self) -> usize {
        self.aids.finding_selected
    }

    /// Which finding, from 0, the reader was last taken to, while it is highlighted.
    pub fn current_finding(&self) -> Option<usize> {
        let highlight = self.highlight.as_ref()?;
        let findings = &self.aids.findings;
        let at = findings.partition_point(|f| f.span.start < highlight.start);
        findings
            .get(at)
            .is_some_and(|f| f.span == *highlight)
            .then_some(at)
    }

    /// The findings panel: the line keys move in it, Enter goes to the finding.
    fn findings_panel(&mut self, action: Action) -> bool {
        let last = self.aids.findings.len().saturating_sub(1);
        let page = self.page();
        let selected = &mut self.aids.finding_selected;
        match action {
            Action::Down => *selected = (*selected + 1).min(last),
            Action::Up => *selected = selected.saturating_sub(1),
            Action::PageDown => *selected = (*selected + page).min(last),
            Action::PageUp => *selected = selected.saturating_sub(page),
            Action::Top => *selected = 0,
            Action::Bottom => *selected = last,
            Action::Escape | Action::Findings => self.overlay = None,
            Action::Open => {
                self.overlay = None;
                if let Some(span) = self
                    .aids
                    .findings
                    .get(self.aids.finding_selected)
                    .map(|f| f.span.clone())
                {
                    self.jump_to_range(span);
                }
            }
            Action::Resize { .. } | Action::Quit | Action::Suspend => return false,
            _ => {}
        }
        true
    }

    /// `e` / `E`: the next or previous finding.
    fn step_finding(&mut self, forward: bool) {
        let here = self.current_position();
        let findings = &self.aids.findings;
        let target = if forward {
            findings.iter().find(|f| f.span.start > here)
        } else {
            findings.iter().rev().find(|f| f.span.start < here)
        };
        match target.map(|f| f.span.clone()) {
            Some(span) => self.jump_to_range(span),
            None if findings.is_empty() => {
                self.aids.notice = Some(self.strings().no_findings().to_owned());
            }
            None => self.aids.notice = Some(self.strings().no_more_findings().to_owned()),
        }
    }

    fn formulations_panel(&mut self, action: Action) -> bool {
        let count = self.aids.formulations.len();
        match action {
            Action::Down => {
                self.aids.formulation_selected =
                    (self.aids.formulation_selected + 1).min(count.saturating_sub(1));
            }
            Action::Up => {
                self.aids.formulation_selected = self.aids.formulation_selected.saturating_sub(1);
            }
            Action::Top => self.aids.formulation_selected = 0,
            Action::Bottom => self.aids.formulation_selected = count.saturating_sub(1),
            Action::Escape | Action::Formulations => self.overlay = None,
            Action::Open => {
                self.overlay = None;
                if let Some(term) = self
                    .aids
                    .formulations
                    .get(self.aids.formulation_selected)
                    .map(|f| f.term.clone())
                {
                    // Stepping through a formulation is a search for it: n and N go on.
                    self.start_search();
                    self.aids.prompt = None;
                    if let Some(search) = self.aids.search.as_mut() {
                        search.query = term;
                    }
                    self.run_search();
                }
            }
            Action::Resize { .. } | Action::Quit | Action::Suspend => return false,
            _ => {}
        }
        true
    }

    /// `x` / `X`: the next or previous blank of the draft.
    fn step_placeholder(&mut self, forward: bool) {
        let here = self.current_position();
        let target = if forward {
            self.aids.placeholders.iter().find(|p| p.span.start > here)
        } else {
            self.aids
                .placeholders
                .iter()
                .rev()
                .find(|p| p.span.start < here)
        };
        match target.map(|p| p.span.clone()) {
            Some(span) => self.jump_to_range(span),
            None if self.aids.placeholders.is_empty() => {
                self.aids.notice = Some(self.strings().no_placeholders().to_owned());
            }
            None => {
                self.aids.notice = Some(self.strings().no_more_placeholders().to_owned());
            }
        }
    }

    /// Enter in the go-to prompt: goes where the line says (see [`GoToTarget::parse`]),
    /// or says why it cannot.
    fn go_to(&mut self, typed: &str) {
        let headings = self.top_level_headings();
        let target = match GoToTarget::parse(typed) {
            Some(GoToTarget::Number(n)) if n >= 1 && n <= headings => GoToTarget::Heading(n),
            Some(GoToTarget::Number(n)) => GoToTarget::Line(n),
            Some(other) => other,
            None => {
                self.aids.notice = Some(self.strings().go_to_not_understood(typed));
                return;
            }
        };
        match target {
            GoToTarget::Heading(n) => self.go_to_top_level_heading(n),
            GoToTarget::Line(n) => self.go_to_line(n),
            GoToTarget::Percent(percent) => {
                let offset = self.offset_at_share(percent);
                self.jump_to_range(offset..offset);
                self.highlight = None;
            }
            GoToTarget::Number(_) => {}
        }
    }

    /// Puts line `n` (as `outline` and `search` number lines) at the top, or says there
    /// is no such line.
    pub fn go_to_line(&mut self, n: usize) {
        let lines = self.doc.line_of(self.doc.text.len());
        match self.doc.line_start(n).filter(|_| n <= lines) {
            Some(start) => {
                // The line's text, not its indent, which belongs to no paragraph.
                let rest = self.doc.text.get(start..).unwrap_or_default();
                let line = rest.split('\n').next().unwrap_or_default();
                let text = start + (line.len() - line.trim_start().len());
                self.jump_to_range(text..text);
                self.highlight = None;
            }
            None => self.aids.notice = Some(self.strings().no_such_line(n, lines)),
        }
    }

    /// The start of the paragraph in which `percent` of the text's characters have been
    /// read: where a reader means "half way".
    fn offset_at_share(&self, percent: usize) -> usize {
        let wanted = self.total_chars() * percent.min(100) / 100;
        let block = self
            .block_chars
            .partition_point(|&before| before <= wanted)
            .saturating_sub(1);
        self.doc
            .blocks
            .get(block)
            .map_or(self.doc.text.len(), |block| block.span.start)
    }
}

/// Where the go-to prompt is asked to go.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum GoToTarget {
    /// 12: the 12th top-level heading when there is one, else line 12.
    Number(usize),
    /// 十二 or 十二、: the 12th top-level heading.
    Heading(usize),
    /// L120 or 120行: line 120, as `outline` and `search` number lines.
    Line(usize),
    /// 50%: half way through the text.
    Percent(usize),
}

impl GoToTarget {
    fn parse(typed: &str) -> Option<Self> {
        // Full-width digits and signs, as a Chinese input method types them, are read as
        // the ASCII ones.
        let text: String = typed
            .trim()
            .chars()
            .map(|c| match c {
                '０'..='９' | 'Ｌ' | 'ｌ' | '％' => {
                    char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c)
                }
                other => other,
            })
            .collect();
        let number = |digits: &str| {
            (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
                .then(|| digits.parse().ok())
                .flatten()
        };
        if let Some(digits) = text.strip_suffix('%') {
            return number(digits).filter(|&p| p <= 100).map(Self::Percent);
        }
        if let Some(digits) = text
            .strip_prefix(['L', 'l'])
            .or_else(|| text.strip_suffix('行'))
            .map(|rest| rest.strip_prefix('第').unwrap_or(rest))
        {
            return number(digits).map(Self::Line);
        }
        let bare = text.trim_end_matches(['、', '.', '．']);
        if let Some(n) = number(bare) {
            return Some(Self::Number(n));
        }
        match crate::parse::chinese_numeral(bare) {
            Some((n, length)) if length == bare.len() => usize::try_from(n).ok().map(Self::Heading),
            _ => None,
        }
    }
}
