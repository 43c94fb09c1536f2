//! Structure recognition: from plain text with no markup to a [`Document`].
//!
//! A paragraph is a non-empty line, or several joined when the text was hard-wrapped,
//! cut into pieces when over 64 KiB. The parse runs in passes over the paragraphs, each
//! giving roles to the ones still unclaimed: front matter (title, subtitle, byline, 文号),
//! backmatter (notes and attachments after a rule), footer (source and signature lines
//! at the end), salutation, headings (with their depth in this document), the closing,
//! and finally the enumerated points inside each heading's own text.

mod attachments;
mod ending;
mod front;
mod headings;
mod markers;
mod nodes;
mod paragraphs;
mod points;
mod salutation;

use std::ops::Range;

use ending::find_url;
use paragraphs::{
    Line, MAX_PIECE_BYTES, continues_wrapped_line, hard_wrap_width, joined_lines,
    split_long_paragraphs, trimmed_lines,
};

use memchr::memchr_iter;

use crate::decode::Decoded;
use std::cell::RefCell;

use crate::document::{Block, BlockRole, Document, Explanation, Node, Warning};
use crate::text::sanitize;

pub use markers::{
    CHINESE_DIGITS, HeadingFamily, HeadingMarker, LAST, PointFamily, chinese_counting,
    chinese_numeral, counted, digit, heading_marker, is_han,
};
/// Point markers at clause boundaries outside quotes, for `check`, which looks at the
/// ones no run took as well.
pub use points::{Candidate as PointCandidate, candidates as point_candidates};

/// Parses decoded text: sanitises it (controls become visible pictures) and finds its structure.
pub fn parse(decoded: Decoded) -> Document {
    parse_with(decoded, false)
}

/// Parses like [`parse`] and keeps why each line was read as it was
/// ([`Document::explanations`]).
pub fn parse_explained(decoded: Decoded) -> Document {
    parse_with(decoded, true)
}

fn parse_with(decoded: Decoded, explain: bool) -> Document {
    let mut warnings = Vec::new();
    if decoded.replaced > 0 {
        warnings.push(Warning {
            message: format!(
                "{} byte sequence{} could not be decoded as {} and {} shown as �",
                decoded.replaced,
                if decoded.replaced == 1 { "" } else { "s" },
                decoded.encoding,
                if decoded.replaced == 1 { "is" } else { "are" },
            ),
        });
    }
    let text = match sanitize(&decoded.text) {
        std::borrow::Cow::Borrowed(_) => decoded.text,
        std::borrow::Cow::Owned(clean) => clean,
    };
    let structure = Parser::new(&text, explain).run();
    Document {
        text,
        encoding: decoded.encoding,
        warnings,
        blocks: structure.blocks,
        nodes: structure.nodes,
        title: structure.title,
        subtitle: structure.subtitle,
        footer_url: structure.footer_url,
        line_starts: structure.line_starts,
        explanations: structure.explanations,
    }
}

/// Parses text that is already decoded (tests and generated documents).
pub fn parse_text(text: &str) -> Document {
    parse(Decoded {
        text: text.to_owned(),
        encoding: "UTF-8",
        replaced: 0,
    })
}

/// What the parser finds, before it joins the text in a [`Document`].
struct Structure {
    blocks: Vec<Block>,
    nodes: Vec<Node>,
    title: Option<String>,
    subtitle: Option<String>,
    footer_url: Option<String>,
    line_starts: Vec<usize>,
    explanations: Vec<Explanation>,
}

/// One paragraph (a non-empty line, or hard-wrapped lines joined), trimmed.
#[derive(Clone, Debug)]
struct Paragraph {
    span: Range<usize>,
    line: usize,
    /// A blank line separates it from the paragraph before.
    gap_before: bool,
    /// A piece of a paragraph too long to lay out at once, after its first piece.
    continues: bool,
}

/// A heading found in the body, before it becomes a [`Node`].
struct FoundHeading {
    paragraph: usize,
    depth: usize,
    parent: Option<usize>,
    marker: Option<Range<usize>>,
    label: Range<usize>,
    run_in: bool,
    /// Where the body text after a run-in heading starts (the paragraph end otherwise).
    body_start: usize,
}

struct Parser<'t> {
    text: &'t str,
    line_starts: Vec<usize>,
    paragraphs: Vec<Paragraph>,
    roles: Vec<Option<BlockRole>>,
    /// The decisions and their evidence, kept when `explain` is set. A log that every
    /// pass writes to, the ones that only read the text too: hence a `RefCell`.
    explain: bool,
    notes: RefCell<Vec<Explanation>>,
}

impl<'t> Parser<'t> {
    fn new(text: &'t str, explain: bool) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(memchr_iter(b'\n', text.as_bytes()).map(|at| at + 1));
        let lines = trimmed_lines(text, &line_starts);
        let wrap_width = hard_wrap_width(&lines);
        let mut paragraphs: Vec<Paragraph> = Vec::new();
        let mut previous: Option<&Line> = None;
        for line in &lines {
            let joins = wrap_width.is_some_and(|width| {
                previous.is_some_and(|before| continues_wrapped_line(text, before, line, width))
            });
            previous = Some(line);
            if joins && let Some(last) = paragraphs.last_mut() {
                last.span.end = line.span.end;
                continue;
            }
            paragraphs.push(Paragraph {
                span: line.span.clone(),
                line: line.number,
                gap_before: line.gap_before,
                continues: false,
            });
        }
        let has_long = paragraphs.iter().any(|p| p.span.len() > MAX_PIECE_BYTES);
        let paragraphs = if has_long {
            split_long_paragraphs(text, paragraphs)
        } else {
            paragraphs
        };
        let roles = vec![None; paragraphs.len()];
        Self {
            text,
            line_starts,
            paragraphs,
            roles,
            explain,
            notes: RefCell::new(Vec::new()),
        }
    }

    /// Records why paragraph `index` was read as it was, when explanations are kept.
    fn note(&self, index: usize, what: impl FnOnce() -> String) {
        if self.explain
            && let Some(paragraph) = self.paragraphs.get(index)
        {
            self.notes.borrow_mut().push(Explanation {
                line: paragraph.line,
                what: what(),
            });
        }
    }

    fn para_text(&self, index: usize) -> &'t str {
        self.paragraphs
            .get(index)
            .and_then(|p| self.text.get(p.span.clone()))
            .unwrap_or_default()
    }

    fn run(mut self) -> Structure {
        let body_start = self.front_matter();
        let text_end = self.backmatter(body_start);
        let body_start = self.contents(body_start, text_end);
        let attachments = self.attachments(body_start, text_end);
        // The signature and date above an attachment close the main text, but the
        // document's footer is what follows its last attachment.
        let (main_end, body_end) = if let (Some(first), Some(last)) =
            (attachments.first(), attachments.last())
        {
            let signature = self.signature_start(body_start, first.first);
            self.claim_footer(signature..first.first);
            self.note(signature, || {
                "signature above an attachment: closes the main text, not the footer".to_owned()
            });
            for attachment in &attachments {
                self.note(attachment.first, || {
                        "attachment: a 附件 line after the signature, with a title; its headings are numbered anew"
                            .to_owned()
                    });
            }
            (signature, self.footer(last.body_start, text_end))
        } else {
            let end = self.footer(body_start, text_end);
            (end, end)
        };
        let salutation = self.salutation(body_start, main_end);
        let headings = self.headings(body_start, main_end);
        let closing = self.closing(body_start, main_end, &headings);
        self.give_body_roles(body_start..main_end, headings.first(), BlockRole::Preamble);
        let mut nodes: Vec<Node> = salutation.into_iter().collect();
        let sections_end = self.sections_end(closing.unwrap_or(main_end));
        self.opening_nodes(&mut nodes, &headings, sections_end);
        self.push_heading_nodes(&mut nodes, &headings, sections_end);
        nodes.extend(self.closing_node(closing, main_end));
        for (k, attachment) in attachments.iter().enumerate() {
            let end = attachments.get(k + 1).map_or(body_end, |next| next.first);
            for index in attachment.first..attachment.body_start {
                self.roles[index] = Some(BlockRole::Heading);
            }
            let headings = self.headings(attachment.body_start, end);
            self.give_body_roles(attachment.body_start..end, None, BlockRole::Body);
            let sections_end = self.sections_end(end);
            self.push_attachment_node(&mut nodes, attachment, &headings, end);
            self.push_heading_nodes(&mut nodes, &headings, sections_end);
        }
        nodes.extend(self.footer_node(body_end));

        let title = self.joined(BlockRole::Title);
        let subtitle = self.joined(BlockRole::Subtitle);
        let footer_url = (body_end..self.paragraphs.len())
            .filter(|&i| self.roles[i].is_some_and(BlockRole::is_footer))
            .find_map(|i| find_url(self.para_text(i)));
        let blocks = self
            .paragraphs
            .iter()
            .zip(&self.roles)
            .map(|(paragraph, role)| Block {
                role: role.unwrap_or(BlockRole::Body),
                span: paragraph.span.clone(),
                line: paragraph.line,
                continues: paragraph.continues,
            })
            .collect();
        Structure {
            blocks,
            nodes,
            title,
            subtitle,
            footer_url,
            line_starts: self.line_starts,
            explanations: {
                let mut explanations = self.notes.into_inner();
                explanations.sort_by_key(|explanation| explanation.line);
                explanations
            },
        }
    }

    /// Gives the paragraphs of `range` that no pass claimed their role: `before` for
    /// those above the first heading, body text for the rest.
    fn give_body_roles(
        &mut self,
        range: Range<usize>,
        first_heading: Option<&FoundHeading>,
        before: BlockRole,
    ) {
        for index in range {
            if self.roles[index].is_none() {
                let before_first_heading = first_heading.is_none_or(|h| index < h.paragraph);
                self.roles[index] = Some(if before_first_heading {
                    before
                } else {
                    BlockRole::Body
                });
            }
        }
    }

    /// Where the sections before paragraph `end` stop: the end of the text before it.
    fn sections_end(&self, end: usize) -> usize {
        let start = self
            .paragraphs
            .get(end)
            .map_or(self.text.len(), |p| p.span.start);
        self.last_end_before(start)
    }

    /// The lines of a role joined as one (see [`joined_lines`]).
    fn joined(&self, role: BlockRole) -> Option<String> {
        joined_lines(
            (0..self.paragraphs.len())
                .filter(|&i| self.roles[i] == Some(role))
                .map(|i| self.para_text(i)),
        )
    }

    fn line_of(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&start| start <= offset)
    }
}

#[cfg(test)]
mod tests;
