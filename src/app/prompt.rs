//! The one-line editor of the reader's prompts (search, go to): the text, the cursor,
//! the editing keys a shell's line has, and a history of what was entered.
//!
//! Hand-written: tui-input, the crate made for a prompt's line, keeps its cursor as a
//! count of chars, so ← could stop inside a grapheme cluster (a letter and its combining
//! mark, an emoji sequence) and a deletion split it; here every move and deletion is by
//! grapheme cluster, as the text is drawn.

use unicode_segmentation::UnicodeSegmentation;

use crate::action::Edit;

/// Entries a history keeps; the oldest goes first.
pub const HISTORY_LIMIT: usize = 50;

/// A line being typed, and where the cursor stands in it (a byte offset at a grapheme
/// cluster boundary).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LineEditor {
    text: String,
    cursor: usize,
}

impl LineEditor {
    /// A line holding `text`, the cursor at its end.
    pub fn with_text(text: &str) -> Self {
        Self {
            text: text.to_owned(),
            cursor: text.len(),
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The text before the cursor.
    pub fn before_cursor(&self) -> &str {
        self.text.get(..self.cursor).unwrap_or_default()
    }

    pub fn insert(&mut self, c: char) {
        self.text.insert(self.cursor, c);
        self.cursor += c.len_utf8();
    }

    /// Applies an editing key; true when the text changed (the cursor alone moving
    /// does not search again).
    pub fn apply(&mut self, edit: Edit) -> bool {
        let before = self.text.len();
        match edit {
            Edit::Left => self.cursor = self.previous_boundary(),
            Edit::Right => self.cursor = self.next_boundary(),
            Edit::Home => self.cursor = 0,
            Edit::End => self.cursor = self.text.len(),
            Edit::DeleteBack => {
                let start = self.previous_boundary();
                self.delete(start..self.cursor);
            }
            Edit::DeleteForward => self.delete(self.cursor..self.next_boundary()),
            Edit::DeleteToStart => self.delete(0..self.cursor),
            Edit::DeleteToEnd => self.delete(self.cursor..self.text.len()),
            Edit::DeleteWordBack => self.delete(self.word_start()..self.cursor),
        }
        self.text.len() != before
    }

    fn delete(&mut self, range: std::ops::Range<usize>) {
        self.cursor = range.start;
        self.text.replace_range(range, "");
    }

    fn previous_boundary(&self) -> usize {
        self.before_cursor()
            .grapheme_indices(true)
            .next_back()
            .map_or(0, |(at, _)| at)
    }

    fn next_boundary(&self) -> usize {
        self.text
            .get(self.cursor..)
            .unwrap_or_default()
            .graphemes(true)
            .next()
            .map_or(self.cursor, |grapheme| self.cursor + grapheme.len())
    }

    /// Where Ctrl-W deletes back to, as in a shell: over spaces and punctuation, then over
    /// the run of other characters before them, which stops at a space or a punctuation
    /// mark (a Chinese query has no spaces, and its phrases are marked off by
    /// punctuation).
    fn word_start(&self) -> usize {
        let is_separator =
            |c: char| c.is_whitespace() || c.is_ascii_punctuation() || is_cjk_punctuation(c);
        let before = self.before_cursor();
        let trimmed = before.trim_end_matches(is_separator);
        trimmed
            .char_indices()
            .rev()
            .find(|&(_, c)| is_separator(c))
            .map_or(0, |(at, c)| at + c.len_utf8())
    }
}

/// The punctuation of Chinese text (CJK Symbols and Punctuation, full-width forms).
fn is_cjk_punctuation(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303F}' | '\u{FF01}'..='\u{FF0F}' | '\u{FF1A}'..='\u{FF20}' | '\u{2018}'..='\u{201F}')
}

/// What was entered at a prompt, newest last, and where ↑/↓ stand in it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct History {
    entries: Vec<String>,
    /// The entry shown, counted from the newest (0 = the line being typed).
    back: usize,
    /// The line being typed before ↑ was first pressed, given back by ↓.
    typed: String,
}

impl History {
    pub fn from_entries(entries: Vec<String>) -> Self {
        Self {
            entries,
            ..Self::default()
        }
    }

    pub fn entries(&self) -> &[String] {
        &self.entries
    }

    /// The newest entry.
    pub fn last(&self) -> Option<&str> {
        self.entries.last().map(String::as_str)
    }

    /// Keeps `entry` as the newest (once: an older copy goes), the oldest going beyond
    /// the limit.
    pub fn push(&mut self, entry: &str) {
        if entry.is_empty() {
            return;
        }
        self.entries.retain(|kept| kept != entry);
        self.entries.push(entry.to_owned());
        let excess = self.entries.len().saturating_sub(HISTORY_LIMIT);
        self.entries.drain(..excess);
        self.rewind();
    }

    /// Back to the line being typed (a prompt opened or closed).
    pub fn rewind(&mut self) {
        self.back = 0;
        self.typed.clear();
    }

    /// ↑ (`older`) or ↓: the line to show instead of `line`, if there is one.
    pub fn step(&mut self, line: &str, older: bool) -> Option<String> {
        let back = if older {
            (self.back < self.entries.len()).then_some(self.back + 1)?
        } else {
            self.back.checked_sub(1)?
        };
        if self.back == 0 {
            line.clone_into(&mut self.typed);
        }
        self.back = back;
        Some(match back {
            0 => std::mem::take(&mut self.typed),
            n => self.entries[self.entries.len() - n].clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(text: &str) -> LineEditor {
        let mut line = LineEditor::default();
        text.chars().for_each(|c| line.insert(c));
        line
    }

    #[test]
    fn the_cursor_moves_and_types_inside_the_line() {
        let mut line = typed("三冠");
        line.apply(Edit::Left);
        line.insert('连');
        assert_eq!(line.text(), "三连冠");
        assert_eq!(line.before_cursor(), "三连");
        line.apply(Edit::Home);
        line.apply(Edit::DeleteForward);
        assert_eq!(line.text(), "连冠");
        line.apply(Edit::End);
        line.apply(Edit::DeleteBack);
        assert_eq!(line.text(), "连");
    }

    #[test]
    fn moves_and_deletions_keep_grapheme_clusters_whole() {
        let mut line = typed("ae\u{301}");
        assert!(line.apply(Edit::DeleteBack));
        assert_eq!(line.text(), "a");
        let mut line = typed("e\u{301}x");
        line.apply(Edit::Left);
        line.apply(Edit::Left);
        assert_eq!(line.before_cursor(), "");
    }

    #[test]
    fn ctrl_u_ctrl_k_and_ctrl_w_delete_as_in_a_shell() {
        let mut line = typed("双拥 创建，三连冠");
        assert!(line.apply(Edit::DeleteWordBack));
        assert_eq!(line.text(), "双拥 创建，");
        line.apply(Edit::DeleteWordBack);
        assert_eq!(line.text(), "双拥 ");
        line.apply(Edit::DeleteWordBack);
        assert_eq!(line.text(), "");
        let mut line = typed("三连冠");
        line.apply(Edit::Left);
        line.apply(Edit::DeleteToStart);
        assert_eq!((line.text(), line.before_cursor()), ("冠", ""));
        line.apply(Edit::DeleteToEnd);
        assert_eq!(line.text(), "");
        assert!(!line.apply(Edit::DeleteBack), "nothing left to delete");
    }

    #[test]
    fn the_history_steps_back_and_returns_to_the_line_typed() {
        let mut history = History::from_entries(vec!["一".into(), "二".into()]);
        assert_eq!(history.step("三", true).as_deref(), Some("二"));
        assert_eq!(history.step("二", true).as_deref(), Some("一"));
        assert_eq!(history.step("一", true), None, "no older entry");
        assert_eq!(history.step("一", false).as_deref(), Some("二"));
        assert_eq!(history.step("二", false).as_deref(), Some("三"));
        assert_eq!(history.step("三", false), None);
        history.push("一");
        assert_eq!(history.entries(), ["二", "一"], "a repeat moves to the end");
        for n in 0..HISTORY_LIMIT + 5 {
            history.push(&n.to_string());
        }
        assert_eq!(history.entries().len(), HISTORY_LIMIT);
        assert_eq!(history.last(), Some("54"));
    }
}
