//! Finding text in a document the way a reader means it: Latin letters without regard
//! to case, full-width and half-width forms of ASCII letters and digits as the same
//! (１２３１ finds 1231), and a match may run across a line break inside a paragraph.
//!
//! Matches are byte ranges of [`crate::document::Document::text`], in order, never overlapping.

use std::ops::Range;

/// The form a character is compared in: full-width ASCII (U+FF01–U+FF5E) as ASCII,
/// then ASCII letters in lower case. 三连冠 stays 三连冠; Ｗｏｒｄ becomes word.
pub fn fold_char(c: char) -> char {
    let half = match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    };
    half.to_ascii_lowercase()
}

/// A pattern ready to be matched: folded, with line breaks and surrounding spaces removed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pattern {
    folded: Vec<char>,
}

impl Pattern {
    /// `None` for a pattern with nothing to find.
    pub fn new(text: &str) -> Option<Self> {
        let folded: Vec<char> = text
            .trim()
            .chars()
            .filter(|c| *c != '\n')
            .map(fold_char)
            .collect();
        (!folded.is_empty()).then_some(Self { folded })
    }

    /// Every match in `text`, in order. A line break (and the indentation after it) in
    /// the text may sit between two characters of the pattern: 三连 at the end of one line
    /// and 冠 at the start of the next is still 三连冠.
    pub fn find_all(&self, text: &str) -> Vec<Range<usize>> {
        let mut matches = Vec::new();
        let Some(&first) = self.folded.first() else {
            return matches;
        };
        let mut from = 0;
        while let Some(rest) = text.get(from..) {
            let Some(start) = rest
                .char_indices()
                .find(|&(_, c)| fold_char(c) == first)
                .map(|(offset, _)| from + offset)
            else {
                break;
            };
            match self.match_at(text, start) {
                Some(end) => {
                    matches.push(start..end);
                    from = end;
                }
                None => {
                    from = start
                        + text
                            .get(start..)
                            .and_then(|s| s.chars().next())
                            .map_or(1, char::len_utf8);
                }
            }
        }
        matches
    }

    /// The end of a match starting at `start`, if there is one.
    fn match_at(&self, text: &str, start: usize) -> Option<usize> {
        let mut chars = text.get(start..)?.char_indices().peekable();
        let mut end = start;
        for (index, &wanted) in self.folded.iter().enumerate() {
            if index > 0 {
                // Skip a line break and the whitespace around it.
                let mut skipped_break = false;
                while let Some(&(_, c)) = chars.peek() {
                    if c == '\n' {
                        skipped_break = true;
                    } else if !(skipped_break && (c.is_whitespace() || c == '\u{3000}')) {
                        break;
                    }
                    chars.next();
                }
            }
            let (offset, c) = chars.next()?;
            if fold_char(c) != wanted {
                return None;
            }
            end = start + offset + c.len_utf8();
        }
        Some(end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(pattern: &str, text: &str) -> Vec<String> {
        Pattern::new(pattern)
            .map(|p| p.find_all(text))
            .unwrap_or_default()
            .into_iter()
            .map(|range| text.get(range).unwrap_or_default().to_owned())
            .collect()
    }

    #[test]
    fn finds_every_occurrence_in_order() {
        assert_eq!(
            find("三连冠", "争创“三连冠”，实现三连冠。"),
            ["三连冠", "三连冠"]
        );
    }

    #[test]
    fn latin_letters_ignore_case() {
        assert_eq!(find("xx", "XX日，Xx区长，xX"), ["XX", "Xx", "xX"]);
    }

    #[test]
    fn full_and_half_width_forms_match_each_other() {
        assert_eq!(find("１２３１", "推动“1231”总量目标"), ["1231"]);
        assert_eq!(find("1231", "推动“１２３１”总量目标"), ["１２３１"]);
        assert_eq!(find("ｘｘ", "XX日"), ["XX"]);
    }

    #[test]
    fn a_match_may_cross_a_line_break_inside_a_paragraph() {
        assert_eq!(find("三连冠", "争创三连\n  冠的目标"), ["三连\n  冠"]);
    }

    #[test]
    fn matches_do_not_overlap() {
        assert_eq!(find("XX", "XXXX"), ["XX", "XX"]);
    }

    #[test]
    fn an_empty_pattern_finds_nothing() {
        assert!(Pattern::new("  ").is_none());
    }
}
