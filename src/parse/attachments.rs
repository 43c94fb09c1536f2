//! Attachments (附件) after the signature: each is body again, read like the main text.
//! Its 附件 line and title make one node; its headings start a numbering of their own
//! at the top level (the corpus conventions: an attachment restarts the numbering).

use std::ops::Range;

use super::Parser;
use super::ending::is_attachment_line;
use super::front::{MAX_TITLE_LINES, ends_title, looks_like_title};
use super::markers::is_space;

/// An attachment found after the signature.
pub(super) struct Attachment {
    /// The paragraph of its 附件 line.
    pub(super) first: usize,
    /// 附件 or 附件1, as printed.
    pub(super) marker: Range<usize>,
    /// Its title: after 附件：on the same line, or the lines under it.
    pub(super) title: Vec<Range<usize>>,
    /// The first paragraph after its title.
    pub(super) body_start: usize,
}

impl Parser<'_> {
    /// The attachments between `body_start` and `body_end`: a 附件 line right after a
    /// signature's date (GB/T 9704 puts the 附件说明 list above the signature, and the
    /// attachments themselves after it), with a title. One with no title is a list of
    /// names, not a text, and is left to the back matter.
    pub(super) fn attachments(&self, body_start: usize, body_end: usize) -> Vec<Attachment> {
        let mut found: Vec<Attachment> = Vec::new();
        for index in body_start + 1..body_end {
            let text = self.para_text(index);
            if !is_attachment_line(text) {
                continue;
            }
            let after_signature = self.after_signature(index)
                || found.last().is_some_and(|last| last.body_start <= index);
            if !after_signature {
                continue;
            }
            if let Some(attachment) = self.attachment_at(index, body_end) {
                found.push(attachment);
            }
        }
        found
    }

    pub(super) fn attachment_at(&self, index: usize, body_end: usize) -> Option<Attachment> {
        let paragraph = self.paragraphs.get(index)?;
        let text = self.para_text(index);
        let start = paragraph.span.start;
        // 附件, 附件1, 附件一, then ：/a space and perhaps the title on the same line.
        let marker_len = text
            .char_indices()
            .find(|&(_, c)| matches!(c, '：' | ':') || is_space(c))
            .map_or(text.len(), |(at, _)| at);
        let marker = start..start + marker_len;
        let rest = text.get(marker_len..).unwrap_or_default();
        let title_on_line =
            rest.trim_start_matches(|c: char| is_space(c) || matches!(c, '：' | ':'));
        let mut title = Vec::new();
        let mut next = index + 1;
        if title_on_line.is_empty() {
            // Lines of the title, up to one that ends a title (…方案, …分工表): what
            // follows it is the attachment's text, or the cells of its table.
            while next < body_end.min(index + 1 + MAX_TITLE_LINES)
                && looks_like_title(self.para_text(next))
                && self.para_text(next).chars().count() <= 40
                && !(next > index + 1 && ends_title(self.para_text(next - 1)))
            {
                title.push(self.paragraphs[next].span.clone());
                next += 1;
            }
        } else {
            let end = paragraph.span.end;
            title.push(end - title_on_line.len()..end);
        }
        (!title.is_empty()).then_some(Attachment {
            first: index,
            marker,
            title,
            body_start: next,
        })
    }
}
