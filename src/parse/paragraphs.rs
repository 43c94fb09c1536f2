//! From lines to paragraphs: trimmed lines, hard-wrapped lines joined again, paragraphs
//! over 64 KiB cut into pieces. Spans lie on char boundaries of the text.

use super::ending::is_page_number;
use super::markers::is_space;
use super::{Paragraph, markers};
use crate::text::joins_with_space;
use std::ops::Range;

/// Text that may run over the lines of a hard-wrapped paragraph, as one line: the
/// line breaks and the spaces around them are taken out (see [`joined_lines`]).
pub(super) fn flowed(text: &str) -> String {
    if !text.contains('\n') {
        return text.to_owned();
    }
    joined_lines(std::iter::once(text)).unwrap_or_default()
}

/// A non-empty line of the text, trimmed.
// Each flag is a separate fact about the line, read once where the line is read.
#[allow(clippy::struct_excessive_bools)]
pub(super) struct Line {
    pub(super) span: Range<usize>,
    /// 1-based.
    pub(super) number: usize,
    pub(super) gap_before: bool,
    /// It started with spaces or U+3000 (a first-line indent).
    pub(super) indented: bool,
    pub(super) chars: usize,
    /// It ends a sentence (。！？ or a closing quote after one).
    pub(super) ends_sentence: bool,
    /// It holds a clause mark (，、；): running text, not a list item or a heading.
    pub(super) has_clause_mark: bool,
    /// Blank lines right above it.
    blank_lines_before: usize,
}

pub(super) fn trimmed_lines(text: &str, line_starts: &[usize]) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut blank_lines = 0;
    for (index, &start) in line_starts.iter().enumerate() {
        let end = line_starts
            .get(index + 1)
            .map_or(text.len(), |next| next - 1);
        let line = text.get(start..end).unwrap_or_default();
        let trimmed_start = line.trim_start_matches(is_space);
        let trimmed = trimmed_start.trim_end_matches(is_space);
        if trimmed.is_empty() {
            blank_lines += 1;
            continue;
        }
        let from = start + (line.len() - trimmed_start.len());
        lines.push(Line {
            span: from..from + trimmed.len(),
            number: index + 1,
            gap_before: blank_lines > 0,
            indented: trimmed_start.len() < line.len(),
            // Counting stops early: only short lines matter for hard wrapping.
            chars: trimmed.chars().take(MAX_WRAP_WIDTH + 8).count(),
            ends_sentence: ends_sentence(trimmed),
            has_clause_mark: trimmed.contains(['，', '、', '；', ',', ';']),
            blank_lines_before: blank_lines,
        });
        blank_lines = 0;
    }
    // A copy with a blank line after every line (a web page's <p> per line) separates
    // paragraphs by nothing more: there, a single blank line is no break, two are.
    let gapped = lines.iter().skip(1).filter(|line| line.gap_before).count();
    if lines.len() > 4 && gapped * 10 >= (lines.len() - 1) * 8 {
        for line in &mut lines {
            line.gap_before = line.blank_lines_before >= 2;
        }
    }
    lines
}

/// Widest line a hard-wrapped text is taken to be wrapped at, in characters.
pub(super) const MAX_WRAP_WIDTH: usize = 120;

/// The width a text was hard-wrapped at (a copy from a PDF or an e-mail: every line of
/// a paragraph but its last nearly the same length), or `None` for a text with one
/// paragraph a line. Taken as the 90th percentile of line lengths when at least four
/// lines and 30% of all lines come within two characters of it.
pub(super) fn hard_wrap_width(lines: &[Line]) -> Option<usize> {
    let mut counts: Vec<usize> = lines.iter().map(|line| line.chars).collect();
    counts.sort_unstable();
    let width = *counts.get((counts.len() * 9 / 10).checked_sub(1)?)?;
    // Lines of running text only: a list of names or a table's cells of one length is
    // no sign of wrapping.
    let full: Vec<&Line> = lines
        .iter()
        .filter(|line| line.chars + 2 >= width && line.has_clause_mark)
        .collect();
    // Wrapping cuts lines anywhere; a text of one paragraph a line ends its longest
    // lines with a sentence. Most full lines ending one means no wrapping.
    let ending_sentences = full.iter().filter(|line| line.ends_sentence).count();
    ((16..=MAX_WRAP_WIDTH).contains(&width)
        && full.len() >= 4
        && full.len() * 10 >= lines.len() * 3
        && ending_sentences * 2 < full.len())
    .then_some(width)
}

/// A line that ends a sentence: 。！？ (or ！ ？ in ASCII), perhaps inside closing quotes.
fn ends_sentence(line: &str) -> bool {
    line.trim_end_matches(['”', '’', '」', '』', '）', ')'])
        .ends_with(['。', '！', '？', '!', '?'])
}

/// In a hard-wrapped text, a line goes on the paragraph before it when that one filled
/// its line and this one neither is indented nor starts a heading.
pub(super) fn continues_wrapped_line(text: &str, before: &Line, line: &Line, width: usize) -> bool {
    let starts_heading = text
        .get(line.span.clone())
        .is_some_and(|content| markers::heading_marker(content).is_some());
    // A heading line of its own (一、2023年预算执行情况) ends where its line does.
    let after_heading_line = !before.has_clause_mark
        && text
            .get(before.span.clone())
            .is_some_and(|content| markers::heading_marker(content).is_some());
    let page_number = |l: &Line| {
        text.get(l.span.clone()).is_some_and(|content| {
            let compact: String = content.chars().filter(|c| !is_space(*c)).collect();
            is_page_number(&compact)
        })
    };
    // A line after a finished sentence starts a new paragraph: joining it could glue a
    // heading or a signature onto the paragraph above.
    !line.gap_before
        && !line.indented
        && !starts_heading
        && !after_heading_line
        && !page_number(line)
        && !page_number(before)
        && !before.ends_sentence
        && before.chars + 3 >= width
}

/// Paragraphs with the long ones cut into pieces (see [`split_long`]).
pub(super) fn split_long_paragraphs(text: &str, paragraphs: Vec<Paragraph>) -> Vec<Paragraph> {
    paragraphs
        .into_iter()
        .flat_map(|paragraph| {
            let content = text.get(paragraph.span.clone()).unwrap_or_default();
            split_long(content, paragraph.span.start)
                .into_iter()
                .enumerate()
                .map(move |(piece, span)| Paragraph {
                    span,
                    gap_before: paragraph.gap_before && piece == 0,
                    continues: piece > 0,
                    ..paragraph
                })
        })
        .collect()
}

/// Longest piece of a paragraph, in bytes: a 50 MB line is laid out (and scrolled,
/// searched, jumped in) one piece at a time.
pub(super) const MAX_PIECE_BYTES: usize = 64 * 1024;

/// Splits a paragraph at `from` into pieces of at most [`MAX_PIECE_BYTES`] (a little
/// more if one grapheme is longer), preferring to end a piece after a sentence
/// (。！？) and never before a zero-width character that belongs to the one before.
pub(super) fn split_long(paragraph: &str, from: usize) -> Vec<Range<usize>> {
    use unicode_width::UnicodeWidthChar;
    let mut pieces = Vec::new();
    let mut start = 0;
    while paragraph.len() - start > MAX_PIECE_BYTES {
        let window = paragraph
            .get(start..start + MAX_PIECE_BYTES)
            .unwrap_or_else(|| {
                let mut end = start + MAX_PIECE_BYTES;
                while !paragraph.is_char_boundary(end) {
                    end -= 1;
                }
                paragraph.get(start..end).unwrap_or_default()
            });
        let sentence_end = window
            .char_indices()
            .rev()
            .take(2048)
            .find(|(_, c)| matches!(c, '。' | '！' | '？'))
            .map(|(at, c)| at + c.len_utf8());
        let mut cut = sentence_end.unwrap_or(window.len());
        let rest = paragraph.get(start..).unwrap_or_default();
        // Move the cut forward past marks that combine with the character before it.
        while let Some(next) = rest.get(cut..).and_then(|tail| tail.chars().next()) {
            if next.width() != Some(0) || next == '\u{200B}' {
                break;
            }
            cut += next.len_utf8();
        }
        if cut == 0 {
            break;
        }
        pieces.push(from + start..from + start + cut);
        start += cut;
    }
    pieces.push(from + start..from + paragraph.len());
    pieces
}

/// Lines of one title joined, the line breaks inside each (a hard-wrapped copy's) as
/// well: Chinese lines run on without a space (a title broken mid-phrase, 国务院关于促进
/// 综合保税区 / 高水平开放…, reads as one), Latin words keep one between them
/// ([`joins_with_space`]). `None` when there are no lines.
pub(super) fn joined_lines<'a>(lines: impl Iterator<Item = &'a str>) -> Option<String> {
    let mut joined: Option<String> = None;
    for line in lines
        .flat_map(|text| text.split('\n'))
        .map(|line| line.trim_matches(is_space))
    {
        match joined.as_mut() {
            None => joined = Some(line.to_owned()),
            Some(so_far) => {
                if joins_with_space(so_far, line) {
                    so_far.push(' ');
                }
                so_far.push_str(line);
            }
        }
    }
    joined
}
