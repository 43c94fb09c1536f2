//! Structure recognition: from plain text with no markup to a [`Document`].
//!
//! A paragraph is a non-empty line, or several joined when the text was hard-wrapped,
//! cut into pieces when over 64 KiB. The parse runs in passes over the paragraphs, each
//! giving roles to the ones still unclaimed: front matter (title, subtitle, byline, 文号),
//! backmatter (notes and attachments after a rule), footer (source and signature lines
//! at the end), salutation, headings (with their depth in this document), the closing,
//! and finally the enumerated points inside each heading's own text.

mod markers;
mod points;

use std::ops::Range;

use memchr::memchr_iter;

use crate::decode::Decoded;
use crate::document::{Block, BlockRole, Document, Node, NodeKind, Warning};
use crate::layout::sanitize;
use markers::{HeadingFamily, HeadingMarker, is_date_line, is_name_line, is_punctuation, is_space};

pub use markers::{chinese_numeral, is_han};

/// Lines a title may be printed over.
const MAX_TITLE_LINES: usize = 3;
/// Characters a point's lead phrase may have in the outline.
const MAX_POINT_LABEL_CHARS: usize = 40;
/// Short lines that may stand between the title and the salutation.
const MAX_LINES_ABOVE_SALUTATION: usize = 3;
/// Characters such a line may have (a dateline sentence: 2025年1月14日在…上作报告。).
const MAX_LINE_ABOVE_SALUTATION: usize = 60;
/// How many paragraphs from the end a closing that starts with an address may begin.
const CLOSING_LOOKBACK: usize = 5;
/// Characters of the closing shown as its label.
const CLOSING_LABEL_CHARS: usize = 12;

/// Parses decoded text: sanitises it (controls become visible pictures) and finds its structure.
pub fn parse(decoded: Decoded) -> Document {
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
    let structure = Parser::new(&text).run();
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
}

impl<'t> Parser<'t> {
    fn new(text: &'t str) -> Self {
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
        let body_end = self.backmatter(body_start);
        let body_end = self.footer(body_start, body_end);
        let mut nodes_before = Vec::new();
        let salutation = self.salutation(body_start, body_end);
        let headings = self.headings(body_start, body_end);
        let closing = self.closing(body_start, body_end, &headings);
        for index in body_start..body_end {
            if self.roles[index].is_none() {
                let before_first_heading = headings.first().is_none_or(|h| index < h.paragraph);
                self.roles[index] = Some(if before_first_heading {
                    BlockRole::Preamble
                } else {
                    BlockRole::Body
                });
            }
        }
        if let Some(node) = salutation {
            nodes_before.push(node);
        }
        let mut nodes = self.structure_nodes(nodes_before, &headings, closing, body_end);
        nodes.extend(self.closing_and_footer_nodes(closing, body_end));

        let title = self.joined(BlockRole::Title, " ");
        let subtitle = self.joined(BlockRole::Subtitle, " ");
        let footer_url = (body_end..self.paragraphs.len())
            .filter(|&i| self.roles[i] == Some(BlockRole::Footer))
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
        }
    }

    fn joined(&self, role: BlockRole, separator: &str) -> Option<String> {
        let parts: Vec<&str> = (0..self.paragraphs.len())
            .filter(|&i| self.roles[i] == Some(role))
            .map(|i| self.para_text(i))
            .collect();
        (!parts.is_empty()).then(|| parts.join(separator))
    }

    /// Claims the title and the lines under it; returns the first paragraph of the body.
    fn front_matter(&mut self) -> usize {
        let mut index = 0;
        let Some(first) = self.paragraphs.first() else {
            return 0;
        };
        // A dateline above the title (新华社北京3月5日电) is kept with the byline.
        if is_dateline(self.para_text(0)) && self.paragraphs.len() > 2 && first.span.len() <= 200 {
            self.roles[0] = Some(BlockRole::Byline);
            index = 1;
        }
        let first_text = self.para_text(index);
        let first_len = self.paragraphs[index].span.len();
        if !looks_like_title(first_text) || self.paragraphs.len() < index + 2 || first_len > 400 {
            if index > 0 {
                self.roles[0] = None;
            }
            return 0;
        }
        let title_start = index;
        self.roles[index] = Some(BlockRole::Title);
        index += 1;
        while index < (title_start + MAX_TITLE_LINES).min(self.paragraphs.len()) {
            let candidate = self.para_text(index);
            let previous = self.para_text(index - 1);
            let continues = !self.paragraphs[index].gap_before
                && !ends_title(previous)
                && looks_like_title(candidate)
                && front_matter_role(candidate).is_none()
                && candidate.chars().count() <= 30
                && index + 1 < self.paragraphs.len();
            if !continues {
                break;
            }
            self.roles[index] = Some(BlockRole::Title);
            index += 1;
        }
        while let Some(role) = (index < self.paragraphs.len())
            .then(|| under_title_role(self.para_text(index)))
            .flatten()
        {
            self.roles[index] = Some(role);
            index += 1;
        }
        index
    }

    /// Claims notes and attachments after the speech: from a rule line (------), a
    /// stand-alone 注释 or 附件 line on. Returns where the speech proper ends.
    fn backmatter(&mut self, body_start: usize) -> usize {
        // Attachments follow the signature and its date (GB/T 9704); a 附件 list before
        // the signature is the 附件说明 and stays in the text.
        let after_date = |i: usize| {
            let previous = self.para_text(i - 1);
            is_date_line(previous.trim_end_matches("印发")) || is_footer_line(previous)
        };
        let Some(start) = (body_start + 1..self.paragraphs.len()).find(|&i| {
            let text = self.para_text(i);
            is_backmatter_start(text) || (is_attachment_line(text) && after_date(i))
        }) else {
            return self.paragraphs.len();
        };
        for role in self.roles.iter_mut().skip(start) {
            *role = Some(BlockRole::Backmatter);
        }
        start
    }

    /// Claims trailing source, attribution, signature and date lines; returns the new end.
    fn footer(&mut self, body_start: usize, body_end: usize) -> usize {
        let mut start = body_end;
        while start > body_start + 1 {
            let text = self.para_text(start - 1);
            let below = self.para_text(start);
            let below_is_date = start < body_end
                && (is_date_line(below) || is_date_line(below.trim_end_matches("印发")));
            let signature = below_is_date && is_signature_line(text);
            if !(is_footer_line(text) || signature) {
                break;
            }
            start -= 1;
        }
        for role in &mut self.roles[start..body_end] {
            *role = Some(BlockRole::Footer);
        }
        start
    }

    /// The address at the top of the body: a line of its own, several lines that build
    /// one address (全国同胞们， / 尊敬的各位来宾， / 同志们、朋友们：), or the start of the
    /// first paragraph (同志们！今天…).
    fn salutation(&mut self, body_start: usize, body_end: usize) -> Option<Node> {
        // Short lines under the title (a source, a place and date, a repeated heading,
        // the sentence saying who spoke where) may come before it.
        let window = body_end.min(body_start + MAX_LINES_ABOVE_SALUTATION + 1);
        let (first, last, len) = (body_start..window)
            .take_while(|&i| i == body_start || may_stand_above_salutation(self.para_text(i - 1)))
            .find_map(|i| self.greeting(i, body_end).map(|(last, len)| (i, last, len)))?;
        for role in &mut self.roles[body_start..first] {
            *role = Some(BlockRole::Byline);
        }
        let last_text = self.para_text(last);
        let start = self.paragraphs[first].span.start;
        let head = start..self.paragraphs[last].span.start + len;
        for role in &mut self.roles[first..last] {
            *role = Some(BlockRole::Salutation);
        }
        if len == last_text.len() {
            self.roles[last] = Some(BlockRole::Salutation);
        }
        let label = (first..=last)
            .map(|i| {
                let text = self.para_text(i);
                if i == last {
                    text.get(..len).unwrap_or(text)
                } else {
                    text
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        Some(Node {
            kind: NodeKind::Salutation,
            depth: 0,
            marker: None,
            label,
            span: head.clone(),
            head,
            line: self.paragraphs[first].line,
            run_in: len < last_text.len(),
            parent: None,
        })
    }

    /// The greeting that starts at paragraph `first`: the paragraph where it ends and
    /// the byte length of the greeting in that paragraph.
    fn greeting(&self, first: usize, body_end: usize) -> Option<(usize, usize)> {
        let mut index = first;
        while index < body_end {
            let text = self.para_text(index);
            if let Some(len) = salutation_len(text).or_else(|| addressee_line_len(text)) {
                return Some((index, len));
            }
            if !is_greeting_part(text) {
                return None;
            }
            index += 1;
        }
        None
    }

    /// Finds headings and their depths. Depth follows the nesting in this document: a
    /// stack of the numbering families open above the current heading.
    fn headings(&mut self, body_start: usize, body_end: usize) -> Vec<FoundHeading> {
        let mut found: Vec<FoundHeading> = Vec::new();
        // (family, index in `found`, last number seen)
        let mut stack: Vec<(HeadingFamily, usize, u32)> = Vec::new();
        // The 附件说明 (附件：1.… 2.…) lists attachments; its numbers are not headings.
        let mut in_attachment_list = false;
        for index in body_start..body_end {
            let text = self.para_text(index);
            if is_attachment_line(text) {
                in_attachment_list = true;
                self.roles[index] = Some(BlockRole::Body);
            } else if in_attachment_list && markers::heading_marker(text).is_some() {
                self.roles[index] = Some(BlockRole::Body);
            } else {
                in_attachment_list = false;
            }
        }
        let unnumbered_candidates = (body_start..body_end)
            .filter(|&i| {
                self.roles[i].is_none()
                    && !self.paragraphs[i].continues
                    && markers::heading_marker(self.para_text(i)).is_none()
                    && self.is_unnumbered_candidate(i, body_end)
            })
            .count();
        let several_unnumbered = unnumbered_candidates >= 3;
        let mut last_number: std::collections::HashMap<HeadingFamily, u32> =
            std::collections::HashMap::new();
        for index in body_start..body_end {
            if self.roles[index].is_some() || self.paragraphs[index].continues {
                continue;
            }
            let paragraph = self.paragraphs[index].clone();
            let text = self.para_text(index);
            let (family, number, marker_len) = if let Some(HeadingMarker {
                family,
                number,
                len,
            }) = markers::heading_marker(text)
            {
                (family, number, Some(len))
            } else if self.is_unnumbered_heading(index, body_end, several_unnumbered) {
                (HeadingFamily::Unnumbered, 0, None)
            } else {
                continue;
            };
            if family != HeadingFamily::Unnumbered {
                let in_scope = stack
                    .iter()
                    .rev()
                    .find(|(f, _, _)| *f == family)
                    .map(|(_, _, n)| *n);
                let anywhere = last_number.get(&family).copied();
                // One number may be missing (一、 then 三、): a typo, not a reason to
                // drop every later heading of the style.
                let follows = |previous: Option<u32>| {
                    previous.is_some_and(|n| number == n + 1 || number == n + 2)
                };
                if !(number == 1 || follows(in_scope) || follows(anywhere)) {
                    continue;
                }
                last_number.insert(family, number);
            }
            while let Some(&(top_family, _, _)) = stack.last() {
                if top_family == family || top_family.rank() >= family.rank() {
                    stack.pop();
                    if top_family == family {
                        break;
                    }
                } else {
                    break;
                }
            }
            let parent = stack.last().map(|&(_, parent, _)| parent);
            let depth = stack.len();
            stack.push((family, found.len(), number));

            let marker = marker_len.map(|len| paragraph.span.start..paragraph.span.start + len);
            let after_marker = marker.as_ref().map_or(paragraph.span.start, |m| m.end);
            let (label, run_in, body_start_at) =
                heading_label(self.text, after_marker..paragraph.span.end);
            self.roles[index] = Some(BlockRole::Heading);
            found.push(FoundHeading {
                paragraph: index,
                depth,
                parent,
                marker,
                label,
                run_in,
                body_start: body_start_at,
            });
        }
        found
    }

    /// 引　　言 or 结束语: a short line with no punctuation between body paragraphs. A
    /// section word or a spaced-out line is a heading on its own; other short lines
    /// only when the document has several of them (unnumbered section titles), so a
    /// lone name or signature in the text does not become structure.
    fn is_unnumbered_heading(&self, index: usize, body_end: usize, several: bool) -> bool {
        let text = self.para_text(index);
        let compact: String = text.chars().filter(|c| !is_space(*c)).collect();
        let spaced_out = text.trim().contains(['\u{3000}', ' ']) && compact.chars().count() <= 6;
        self.is_unnumbered_candidate(index, body_end)
            && (several || spaced_out || markers::is_section_word(&compact))
    }

    /// A short unpunctuated line that stands above prose. A run of such lines (verse, a
    /// table flattened into one cell a line, a signature over its date) is not headings:
    /// a heading introduces text, so the line after it is prose and the line before it
    /// is not another line of the same list.
    fn is_unnumbered_candidate(&self, index: usize, body_end: usize) -> bool {
        let text = self.para_text(index);
        let next_is_prose = index + 1 < body_end
            && self.roles[index + 1].is_none()
            && is_prose(self.para_text(index + 1));
        let previous_is_short_line = index > 0
            && self.roles[index - 1].is_none()
            && is_short_line(self.para_text(index - 1))
            && markers::heading_marker(self.para_text(index - 1)).is_none();
        is_short_line(text)
            && next_is_prose
            && !previous_is_short_line
            && text.chars().any(is_han)
            && !is_date_line(text)
            && index > 0
    }

    /// The final exhortation or thanks after the last section.
    fn closing(
        &mut self,
        body_start: usize,
        body_end: usize,
        headings: &[FoundHeading],
    ) -> Option<usize> {
        let last = body_end.checked_sub(1)?;
        if last <= body_start || self.roles[last].is_some() {
            return None;
        }
        if headings.last().is_some_and(|h| h.paragraph >= last) {
            return None;
        }
        // The closing starts with an address (同志们，… / 女士们、先生们！…) among the last
        // few paragraphs, or is a final exhortation or thanks.
        let after_last_heading = headings.last().map_or(body_start, |h| h.paragraph + 1);
        let first_candidate = last
            .saturating_sub(CLOSING_LOOKBACK - 1)
            .max(after_last_heading)
            .max(body_start + 1);
        let addressed = (first_candidate..=last)
            .rev()
            .find(|&i| self.roles[i].is_none() && starts_with_address(self.para_text(i)));
        let start = match addressed {
            Some(start) => start,
            None if is_closing_paragraph(self.para_text(last)) => last,
            None if after_last_heading == last && self.items_are_single_paragraphs(headings) => {
                last
            }
            None => return None,
        };
        if (start..=last).any(|i| self.roles[i].is_some()) {
            return None;
        }
        for role in &mut self.roles[start..body_end] {
            *role = Some(BlockRole::Closing);
        }
        Some(start)
    }

    /// Whether the top-level headings are items of one paragraph each (一、关于…问题。…
    /// run in, the next item on the next line): then a paragraph after the last item is
    /// not more of it, as none of its siblings has a second paragraph, but the closing.
    fn items_are_single_paragraphs(&self, headings: &[FoundHeading]) -> bool {
        let top: Vec<&FoundHeading> = headings.iter().filter(|h| h.depth == 0).collect();
        top.len() >= 2
            && top.iter().all(|h| h.run_in)
            && headings
                .windows(2)
                .all(|pair| pair[1].paragraph == pair[0].paragraph + 1)
            && headings.iter().all(|h| h.depth == 0)
    }

    /// Heading and point nodes in document order, with spans and parents.
    fn structure_nodes(
        &self,
        mut nodes: Vec<Node>,
        headings: &[FoundHeading],
        closing: Option<usize>,
        body_end: usize,
    ) -> Vec<Node> {
        let structure_end = closing
            .or((body_end < self.paragraphs.len()).then_some(body_end))
            .and_then(|i| self.paragraphs.get(i))
            .map_or(self.text.len(), |p| p.span.start);
        let structure_end = self.last_end_before(structure_end);
        // Points outside any heading come first: the preamble (or the whole body when it has
        // no headings). Pushing them before the headings keeps the nodes in document order
        // with no sort: each heading's own points follow it, before its first child.
        let first_heading_start = headings
            .first()
            .and_then(|h| self.paragraphs.get(h.paragraph))
            .map_or(structure_end, |p| p.span.start);
        // The opening remarks under the address are spoken to it: reading them, the tree
        // keeps the address selected instead of going back up to the title, and its time
        // is the opening's.
        if let Some(salutation) = nodes.iter_mut().find(|n| n.kind == NodeKind::Salutation) {
            salutation.span.end = salutation
                .span
                .end
                .max(self.last_end_before(first_heading_start));
        }
        let outside: Vec<Range<usize>> = (0..self.paragraphs.len())
            .filter(|&i| {
                self.roles[i] == Some(BlockRole::Preamble)
                    && self.paragraphs[i].span.end <= first_heading_start
            })
            .map(|i| self.paragraphs[i].span.clone())
            .collect();
        let salutation_end = nodes
            .iter()
            .find(|n| n.kind == NodeKind::Salutation)
            .map_or(0, |n| n.head.end);
        let outside: Vec<Range<usize>> = outside
            .into_iter()
            .map(|range| range.start.max(salutation_end)..range.end)
            .filter(|range| !range.is_empty())
            .collect();
        self.push_points(&mut nodes, &outside, None, 0);
        let mut heading_node: Vec<usize> = Vec::with_capacity(headings.len());
        for (h, heading) in headings.iter().enumerate() {
            let start = heading
                .marker
                .as_ref()
                .map_or(heading.label.start, |marker| marker.start);
            let end = headings
                .iter()
                .skip(h + 1)
                .find(|next| next.depth <= heading.depth)
                .and_then(|next| self.paragraphs.get(next.paragraph))
                .map_or(structure_end, |p| self.last_end_before(p.span.start));
            let own_end = headings
                .get(h + 1)
                .and_then(|next| self.paragraphs.get(next.paragraph))
                .map_or(structure_end, |p| p.span.start);
            let owner_index = nodes.len();
            nodes.push(Node {
                kind: NodeKind::Heading,
                depth: heading.depth,
                marker: heading
                    .marker
                    .as_ref()
                    .map(|m| self.text.get(m.clone()).unwrap_or_default().to_owned()),
                label: flowed(self.text.get(heading.label.clone()).unwrap_or_default()),
                head: start..heading.label.end,
                span: start..end.max(heading.label.end),
                line: self.paragraphs[heading.paragraph].line,
                run_in: heading.run_in,
                parent: heading.parent.and_then(|p| heading_node.get(p).copied()),
            });
            heading_node.push(owner_index);
            let own_paragraphs = self.own_paragraph_ranges(heading, own_end);
            self.push_points(
                &mut nodes,
                &own_paragraphs,
                Some(owner_index),
                heading.depth + 1,
            );
        }
        nodes
    }

    /// The end of the last paragraph that ends at or before `offset`.
    fn last_end_before(&self, offset: usize) -> usize {
        let count = self.paragraphs.partition_point(|p| p.span.end <= offset);
        count
            .checked_sub(1)
            .and_then(|i| self.paragraphs.get(i))
            .map_or(offset, |p| p.span.end)
    }

    /// The text a heading owns itself, before its first child: its body after a run-in
    /// heading, and the body paragraphs up to the next heading.
    fn own_paragraph_ranges(&self, heading: &FoundHeading, own_end: usize) -> Vec<Range<usize>> {
        let mut ranges = Vec::new();
        let paragraph_end = self.paragraphs[heading.paragraph].span.end;
        if heading.body_start < paragraph_end {
            ranges.push(heading.body_start..paragraph_end);
        }
        for index in heading.paragraph + 1..self.paragraphs.len() {
            let paragraph = &self.paragraphs[index];
            if paragraph.span.start >= own_end {
                break;
            }
            if self.roles[index] == Some(BlockRole::Body) {
                ranges.push(paragraph.span.clone());
            }
        }
        ranges
    }

    fn push_points(
        &self,
        nodes: &mut Vec<Node>,
        ranges: &[Range<usize>],
        owner: Option<usize>,
        depth: usize,
    ) {
        let mut candidates = Vec::new();
        for range in ranges {
            points::candidates(self.text, range.clone(), &mut candidates);
        }
        // Candidates are in text order, so the next one is found by binary search.
        let all_starts: Vec<usize> = candidates.iter().map(|c| c.at).collect();
        let mut points = Vec::new();
        for run in points::runs(&candidates) {
            for (i, point) in run.iter().enumerate() {
                let marker = point.at..point.at + point.marker.len;
                let label_start = point.at + point.marker.len_with_punctuation;
                let next_any = all_starts.get(all_starts.partition_point(|&s| s <= point.at));
                let label = point_label(
                    self.text,
                    label_start,
                    point
                        .paragraph
                        .end
                        .min(next_any.copied().unwrap_or(usize::MAX)),
                );
                let end = run.get(i + 1).map_or(point.paragraph.end, |next| next.at);
                points.push(Node {
                    kind: NodeKind::Point,
                    depth,
                    marker: Some(self.text.get(marker.clone()).unwrap_or_default().to_owned()),
                    label: flowed(self.text.get(label.clone()).unwrap_or_default()),
                    head: marker.start..label.end.max(marker.end),
                    span: marker.start..end,
                    line: self.line_of(point.at),
                    run_in: false,
                    parent: owner,
                });
            }
        }
        // Runs of different styles interleave (第一，… 一是…二是… 第二，…): the points
        // of one owner go into the tree in text order. No node has a point as parent,
        // so reordering them moves no reference.
        points.sort_by_key(|point| point.head.start);
        nodes.extend(points);
    }

    fn closing_and_footer_nodes(&self, closing: Option<usize>, body_end: usize) -> Vec<Node> {
        let mut nodes = Vec::new();
        if let Some(start) = closing {
            let first = self.paragraphs[start].span.start;
            let end = self.paragraphs[start..body_end]
                .last()
                .map_or(first, |p| p.span.end);
            let first_paragraph = self.paragraphs[start].span.end;
            let label: String = flowed(self.text.get(first..first_paragraph).unwrap_or_default())
                .chars()
                .take(CLOSING_LABEL_CHARS)
                .collect();
            let label_end = self
                .text
                .get(first..end)
                .unwrap_or_default()
                .char_indices()
                .nth(CLOSING_LABEL_CHARS)
                .map_or(end, |(offset, _)| first + offset);
            nodes.push(Node {
                kind: NodeKind::Closing,
                depth: 0,
                marker: None,
                label,
                head: first..label_end,
                span: first..end,
                line: self.paragraphs[start].line,
                run_in: false,
                parent: None,
            });
        }
        let footer: Vec<usize> = (body_end..self.paragraphs.len())
            .filter(|&i| self.roles[i] == Some(BlockRole::Footer))
            .collect();
        if let (Some(&first), Some(&last)) = (footer.first(), footer.last()) {
            let span = self.paragraphs[first].span.start..self.paragraphs[last].span.end;
            let label = footer
                .iter()
                .map(|&i| self.para_text(i))
                .collect::<Vec<_>>()
                .join("\n");
            nodes.push(Node {
                kind: NodeKind::Footer,
                depth: 0,
                marker: None,
                label,
                head: span.clone(),
                span,
                line: self.paragraphs[first].line,
                run_in: false,
                parent: None,
            });
        }
        nodes
    }

    fn line_of(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&start| start <= offset)
    }
}

/// Text that may run over the lines of a hard-wrapped paragraph, as one line: the
/// line breaks and the spaces around them are taken out.
fn flowed(text: &str) -> String {
    if !text.contains('\n') {
        return text.to_owned();
    }
    text.split('\n')
        .map(|piece| piece.trim_matches(is_space))
        .collect()
}

/// A non-empty line of the text, trimmed.
struct Line {
    span: Range<usize>,
    /// 1-based.
    number: usize,
    gap_before: bool,
    /// It started with spaces or U+3000 (a first-line indent).
    indented: bool,
    chars: usize,
}

fn trimmed_lines(text: &str, line_starts: &[usize]) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut gap_before = false;
    for (index, &start) in line_starts.iter().enumerate() {
        let end = line_starts
            .get(index + 1)
            .map_or(text.len(), |next| next - 1);
        let line = text.get(start..end).unwrap_or_default();
        let trimmed_start = line.trim_start_matches(is_space);
        let trimmed = trimmed_start.trim_end_matches(is_space);
        if trimmed.is_empty() {
            gap_before = true;
            continue;
        }
        let from = start + (line.len() - trimmed_start.len());
        lines.push(Line {
            span: from..from + trimmed.len(),
            number: index + 1,
            gap_before,
            indented: trimmed_start.len() < line.len(),
            // Counting stops early: only short lines matter for hard wrapping.
            chars: trimmed.chars().take(MAX_WRAP_WIDTH + 8).count(),
        });
        gap_before = false;
    }
    lines
}

/// Widest line a hard-wrapped text is taken to be wrapped at, in characters.
const MAX_WRAP_WIDTH: usize = 120;

/// The width a text was hard-wrapped at (a copy from a PDF or an e-mail: every line of
/// a paragraph but its last nearly the same length), or `None` for a text with one
/// paragraph a line. Taken as the 90th percentile of line lengths when at least four
/// lines and 30% of all lines come within two characters of it.
fn hard_wrap_width(lines: &[Line]) -> Option<usize> {
    let mut counts: Vec<usize> = lines.iter().map(|line| line.chars).collect();
    counts.sort_unstable();
    let width = *counts.get((counts.len() * 9 / 10).checked_sub(1)?)?;
    let full = counts.iter().filter(|&&count| count + 2 >= width).count();
    ((16..=MAX_WRAP_WIDTH).contains(&width) && full >= 4 && full * 10 >= lines.len() * 3)
        .then_some(width)
}

/// In a hard-wrapped text, a line goes on the paragraph before it when that one filled
/// its line and this one neither is indented nor starts a heading.
fn continues_wrapped_line(text: &str, before: &Line, line: &Line, width: usize) -> bool {
    let starts_heading = text
        .get(line.span.clone())
        .is_some_and(|content| markers::heading_marker(content).is_some());
    !line.gap_before && !line.indented && !starts_heading && before.chars + 3 >= width
}

/// Paragraphs with the long ones cut into pieces (see [`split_long`]).
fn split_long_paragraphs(text: &str, paragraphs: Vec<Paragraph>) -> Vec<Paragraph> {
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
const MAX_PIECE_BYTES: usize = 64 * 1024;

/// Splits a paragraph at `from` into pieces of at most [`MAX_PIECE_BYTES`] (a little
/// more if one grapheme is longer), preferring to end a piece after a sentence
/// (。！？) and never before a zero-width character that belongs to the one before.
fn split_long(paragraph: &str, from: usize) -> Vec<Range<usize>> {
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

/// A heading's label after its marker: up to the first 。！？： outside quotes when body
/// text follows (run-in), else the whole line without its trailing punctuation.
/// Returns the label span, whether it is run in, and where the body text starts.
fn heading_label(text: &str, range: Range<usize>) -> (Range<usize>, bool, usize) {
    let rest = text.get(range.clone()).unwrap_or_default();
    let leading = rest.len() - rest.trim_start_matches(is_space).len();
    let start = range.start + leading;
    let content = rest.get(leading..).unwrap_or_default();
    let mut quote_depth = 0u32;
    for (offset, c) in content.char_indices() {
        match c {
            '“' | '《' | '「' | '『' => quote_depth += 1,
            '”' | '》' | '」' | '』' => quote_depth = quote_depth.saturating_sub(1),
            '。' | '！' | '？' | '：' | '!' | '?' | ':' if quote_depth == 0 => {
                let after = content.get(offset + c.len_utf8()..).unwrap_or_default();
                let body =
                    after.trim_start_matches(|ch: char| is_space(ch) || is_terminal_mark(ch));
                if body.is_empty() {
                    break;
                }
                let body_start = range.end - body.len();
                return (start..start + offset, true, body_start);
            }
            _ => {}
        }
    }
    let trimmed = content.trim_end_matches(|c: char| is_space(c) || is_terminal_mark(c));
    (start..start + trimmed.len(), false, range.end)
}

fn is_terminal_mark(c: char) -> bool {
    matches!(c, '。' | '；' | '：' | '！' | '？' | ';' | ':' | '!' | '?')
}

/// A point's lead phrase: from `start` to the first clause mark, at most a few dozen characters.
fn point_label(text: &str, start: usize, limit: usize) -> Range<usize> {
    let rest = text.get(start..limit.max(start)).unwrap_or_default();
    let rest_trimmed = rest.trim_start_matches(is_space);
    let start = start + (rest.len() - rest_trimmed.len());
    let mut end = start + rest_trimmed.len();
    for (count, (offset, c)) in rest_trimmed.char_indices().enumerate() {
        if count >= MAX_POINT_LABEL_CHARS
            || matches!(
                c,
                '。' | '！' | '？' | '；' | '：' | '，' | '!' | '?' | ';' | ':' | ','
            )
        {
            end = start + offset;
            break;
        }
    }
    start..end
}

/// A line of 2 to 16 visible characters with no punctuation but 、 and ·: what an
/// unnumbered heading, a table cell or a line of verse printed without marks looks like.
fn is_short_line(text: &str) -> bool {
    let visible = text.chars().filter(|c| !is_space(*c)).count();
    (2..=16).contains(&visible)
        && text
            .chars()
            .all(|c| !is_punctuation(c) || matches!(c, '、' | '·'))
}

/// Running text: a sentence or clause mark, or a line longer than a heading would be.
fn is_prose(text: &str) -> bool {
    text.contains(['。', '，', '；', '！', '？', ',', ';']) || text.chars().nth(30).is_some()
}

fn looks_like_title(text: &str) -> bool {
    let chars = text.chars().count();
    (2..=60).contains(&chars)
        && !text.contains(['。', '；'])
        && !text.ends_with(['：', ':', '，', ',', '！', '!', '？', '?'])
        && markers::heading_marker(text).is_none()
        && salutation_len(text).is_none()
        && !is_date_line(text)
        && !is_footer_line(text)
}

/// Words a complete title ends with: a second line after them is not part of the title.
fn ends_title(text: &str) -> bool {
    const FINAL_WORDS: &[&str] = &[
        "讲话", "报告", "意见", "通知", "决定", "方案", "办法", "规定", "纲要", "致辞", "发言",
        "总结", "计划", "要点", "方法", "批复", "公告", "通告", "决议", "纪要", "贺信", "讲稿",
        "说明", "指引", "细则", "条例",
    ];
    let text = text.trim_end_matches(|c: char| is_space(c) || matches!(c, '》' | '”' | '）' | ')'));
    FINAL_WORDS.iter().any(|word| text.ends_with(word))
}

/// Lines that belong under the title: ——subtitle, speaker, date, 文号.
fn front_matter_role(text: &str) -> Option<BlockRole> {
    let trimmed = text.trim_start_matches(is_space);
    if trimmed.starts_with("——") || trimmed.starts_with("--") || trimmed.starts_with('—') {
        return Some(BlockRole::Subtitle);
    }
    if is_doc_number(trimmed) {
        return Some(BlockRole::DocNumber);
    }
    if is_date_line(trimmed) || is_name_line(trimmed) {
        return Some(BlockRole::Byline);
    }
    let author = ["作者：", "作者:", "来源：", "来源:", "文/", "记者"];
    if author.iter().any(|a| trimmed.starts_with(a)) && trimmed.chars().count() <= 40 {
        return Some(BlockRole::Byline);
    }
    None
}

/// The role of a line printed under a title, if it is one: subtitle, 文号, date,
/// speaker, source line.
fn under_title_role(text: &str) -> Option<BlockRole> {
    front_matter_role(text).or_else(|| {
        (is_speaker_line(text) || is_front_matter_like(text)).then_some(BlockRole::Byline)
    })
}

/// An attribution line printed above a title: 新华社北京3月5日电, （本报讯）.
fn is_dateline(text: &str) -> bool {
    let inner = text.trim_matches(|c: char| is_space(c) || matches!(c, '（' | '）' | '(' | ')'));
    let count = inner.chars().count();
    (4..=40).contains(&count)
        && !inner.contains(['。', '，', '！', '？'])
        && (inner.ends_with('电') || inner.ends_with('讯'))
        && ["新华社", "记者", "本报", "日电", "网"]
            .iter()
            .any(|word| inner.contains(word))
}

/// A speaker line under a title: 国务院总理 李克强 (an office, a space, a name).
fn is_speaker_line(text: &str) -> bool {
    let trimmed = text.trim();
    let Some((office, name)) = trimmed.split_once([' ', '\u{3000}']) else {
        return false;
    };
    let office = office.trim();
    !office.is_empty()
        && office.chars().count() <= 20
        && office.chars().all(|c| is_han(c) || c == '、')
        && is_name_line(name)
}

/// A short line that is not a sentence: what may stand between a title and the
/// salutation (（2024年3月24日，北京）, 2024-03-05 09:12　来源：北方日报).
fn is_front_matter_like(text: &str) -> bool {
    let dated = text.contains('年') && text.contains('日')
        || text.chars().filter(char::is_ascii_digit).count() >= 6 && text.contains(['-', '/', '.']);
    text.chars().count() <= 40
        && !text.contains(['。', '！', '？'])
        && markers::heading_marker(text.trim_start_matches(is_space)).is_none()
        && (dated
            || ["来源", "作者", "记者", "编辑"]
                .iter()
                .any(|w| text.contains(w)))
}

/// 国发〔2019〕3号.
fn is_doc_number(text: &str) -> bool {
    let has_year_brackets = ["〔", "[", "［", "【"].iter().any(|open| {
        text.split_once(open)
            .is_some_and(|(_, rest)| rest.chars().take(4).filter(char::is_ascii_digit).count() == 4)
    });
    has_year_brackets && text.ends_with('号') && text.chars().count() <= 30
}

const ADDRESS_WORDS: &[&str] = &[
    "同志们",
    "朋友们",
    "女士们",
    "先生们",
    "同学们",
    "老师们",
    "代表们",
    "各位",
    "尊敬的",
    "亲爱的",
    "来宾",
];

const ORGANISATION_SUFFIXES: &[&str] = &[
    "人民政府",
    "政府",
    "机构",
    "部门",
    "单位",
    "委员会",
    "党委",
    "党组",
    "各部委",
    "厅",
    "局",
    "委",
    "办",
    "公司",
    "学校",
    "院",
    "所",
    "处",
    "室",
    "组",
    "中心",
    "会",
    "省",
    "市",
    "区",
    "县",
    "州",
    "旗",
    "镇",
    "乡",
    "街道",
];

/// Byte length of a salutation at the start of `text`: the whole line (同志们：, a 主送机关
/// line) or an address that runs into the paragraph (同志们！今天…).
fn salutation_len(text: &str) -> Option<usize> {
    let end_mark = |c: char| matches!(c, '：' | ':' | '！' | '!');
    let first_mark = text
        .char_indices()
        .find(|(_, c)| end_mark(*c) || matches!(c, '。' | '？' | '?'))?;
    let (offset, mark) = first_mark;
    if !end_mark(mark) {
        return None;
    }
    let head = text.get(..offset)?;
    let len = offset + mark.len_utf8();
    // A line of its own may describe its audience at length (东海老年护理医院全体职工同志们：);
    // one that runs into the paragraph is a few words.
    let longest_part = if len == text.len() { 24 } else { 12 };
    let is_address = head.chars().count() <= 40
        && ADDRESS_WORDS.iter().any(|w| head.contains(w))
        && head
            .split(['，', '、', ',', ' ', '\u{3000}'])
            .all(|part| part.is_empty() || part.chars().count() <= longest_part);
    if is_address {
        return Some(len);
    }
    // A 主送机关 line stands alone and ends in a colon: 各省、自治区、直辖市人民政府，国务院各部委：
    let is_addressees = len == text.len()
        && matches!(mark, '：' | ':')
        && head.chars().count() <= 120
        && (head.contains(['、', '，', ',']) || head.chars().count() <= 20)
        && head
            .split(['、', '，', ','])
            .all(|part| part.chars().count() <= 20)
        && ORGANISATION_SUFFIXES
            .iter()
            .any(|suffix| head.trim_end().ends_with(suffix));
    is_addressees.then_some(len)
}

/// A line that names its addressees and nothing else, standing alone at the top of the
/// body and ending in a colon: 武警总部：, 辛勤工作在全球各个岗位的公司全体员工：. It is a
/// noun phrase: no clause inside it (a sentence such as 现将有关事项通知如下： has a verb
/// that announces what follows).
fn addressee_line_len(text: &str) -> Option<usize> {
    let head = text.strip_suffix(['：', ':'])?;
    let count = head.chars().count();
    let announces = ["如下", "以下", "为", "是", "有"]
        .iter()
        .any(|w| head.ends_with(w));
    ((2..=30).contains(&count)
        && !announces
        && head
            .chars()
            .all(|c| !is_punctuation(c) || matches!(c, '、' | '（' | '）' | '(' | ')'))
        && head.chars().any(is_han))
    .then_some(text.len())
}

/// What may come between the title and the salutation: an editor's note, or a short
/// line that is not speech: a source, a heading repeated, a sentence that dates the
/// speech (2025年1月14日在…上作报告。). A sentence of the speech (今天开会。) or a
/// numbered heading means the salutation, if any, was before.
fn may_stand_above_salutation(text: &str) -> bool {
    let short = text.chars().nth(MAX_LINE_ABOVE_SALUTATION).is_none();
    is_editorial_note(text)
        || short
            && markers::heading_marker(text).is_none()
            && (!text.contains(['。', '！', '？', '!', '?']) || mentions_date(text))
}

/// An editor's note put above a published speech: 【导  读】…, 编者按：….
fn is_editorial_note(text: &str) -> bool {
    let labelled = text
        .strip_prefix('【')
        .and_then(|rest| rest.split_once('】'))
        .is_some_and(|(label, _)| {
            (1..=6).contains(&label.chars().filter(|c| !is_space(*c)).count())
        });
    labelled
        || ["编者按", "内容提要", "摘要：", "导读："]
            .iter()
            .any(|w| text.starts_with(w))
}

/// One line of a greeting printed over several (全国同胞们， / 尊敬的各位来宾，): a
/// short address ending in a comma.
fn is_greeting_part(text: &str) -> bool {
    let Some(head) = text.strip_suffix(['，', '、', ',']) else {
        return false;
    };
    head.chars().count() <= 40
        && !head.contains(['。', '！', '？', '：'])
        && (ADDRESS_WORDS.iter().any(|w| head.contains(w)) || head.ends_with('们'))
}

fn is_backmatter_start(text: &str) -> bool {
    let compact: String = text.chars().filter(|c| !is_space(*c)).collect();
    let is_rule = compact.chars().count() >= 5
        && compact.chars().all(|c| {
            matches!(
                c,
                '-' | '—' | '─' | '━' | '_' | '＿' | '=' | '＝' | '*' | '＊' | '·'
            )
        });
    let is_notes = matches!(compact.as_str(), "注释" | "注" | "参考文献" | "附注");
    is_rule || is_notes
}

/// 附件 / 附件1 / 附件：清单: the start of an attachment or of the attachment list.
fn is_attachment_line(text: &str) -> bool {
    text.trim_start_matches(is_space)
        .strip_prefix("附件")
        .is_some_and(|rest| {
            rest.is_empty()
                || rest.starts_with(['：', ':', ' ', '\u{3000}'])
                || rest.starts_with(|c: char| {
                    c.is_ascii_digit() || markers::chinese_numeral(&c.to_string()).is_some()
                })
        })
}

/// Source, attribution, link and date lines that close a published text.
fn is_footer_line(text: &str) -> bool {
    const PREFIXES: &[&str] = &[
        "（来源",
        "(来源",
        "来源：",
        "来源:",
        "作者：",
        "作者:",
        "（作者",
        "(作者",
        "责任编辑",
        "编辑：",
        "编辑:",
        "原标题",
        "文章来源",
        "出处",
        "（责编",
        "(责编",
        "责编：",
        "责编:",
        "（此件",
        "(此件",
        "抄送",
        "（根据",
        "(根据",
        "（本文",
        "(本文",
        "本文来源",
        "转载",
    ];
    let trimmed = text.trim_start_matches(is_space);
    find_url(trimmed).is_some()
        || PREFIXES.iter().any(|prefix| trimmed.starts_with(prefix))
            && trimmed.chars().count() <= 120
        || is_date_line(trimmed)
        // The 版记's 印发 line names the office and the date it printed the document
        // (市委办公室 2023年12月25日印发); a title may end in 印发 too (国务院关于印发).
        || trimmed.ends_with("印发") && trimmed.chars().count() <= 40 && mentions_date(trimmed)
}

/// A date somewhere in the text: a year and a month (2023年12月, 二〇〇四年六月).
fn mentions_date(text: &str) -> bool {
    text.split_once('年')
        .is_some_and(|(before, after)| before.ends_with(is_numeral_char) && after.contains('月'))
}

fn is_numeral_char(c: char) -> bool {
    c.is_ascii_digit()
        || ('０'..='９').contains(&c)
        || chinese_numeral(&c.to_string()).is_some()
        || matches!(c, '〇' | '○' | 'O')
}

/// A signature line above a date: 国务院, XX市人民政府办公室.
fn is_signature_line(text: &str) -> bool {
    let count = text.chars().count();
    (2..=30).contains(&count)
        && text
            .chars()
            .all(|c| !is_punctuation(c) || matches!(c, '（' | '）' | '(' | ')'))
}

fn find_url(text: &str) -> Option<String> {
    let start = ["http://", "https://", "www."]
        .iter()
        .filter_map(|p| text.find(p))
        .min()?;
    let rest = text.get(start..)?;
    let end = rest
        .char_indices()
        .find(|(_, c)| !c.is_ascii_graphic() || matches!(c, '"' | '<' | '>'))
        .map_or(rest.len(), |(offset, _)| offset);
    let url = rest.get(..end)?.trim_end_matches(['.', ',', ';', ')', ']']);
    (!url.is_empty()).then(|| url.to_owned())
}

/// 同志们，… / 女士们、先生们！… / 各位代表！…: a paragraph that turns to the audience:
/// a few words before the first mark, one of them an address.
fn starts_with_address(text: &str) -> bool {
    let Some((offset, _)) = text
        .char_indices()
        .find(|(_, c)| matches!(c, '，' | '、' | '！' | ',' | '!' | '：' | ':' | '。'))
    else {
        return false;
    };
    let head = text.get(..offset).unwrap_or_default();
    head.chars().count() <= 8 && ADDRESS_WORDS.iter().any(|word| head.contains(word))
}

/// A final exhortation (a paragraph that opens with 让我们) or thanks; an address at
/// the start counts too.
fn is_closing_paragraph(text: &str) -> bool {
    starts_with_address(text) || text.starts_with("让我们") || is_thanks_only(text)
}

/// Thanks that end a speech: 谢谢大家！, or a paragraph that opens by thanking the
/// audience again (再次感谢大家，…).
fn is_thanks_only(text: &str) -> bool {
    let thanks = text.trim_start_matches("再次").trim_start_matches("最后，");
    text.starts_with("谢谢") && text.chars().count() <= 12
        || thanks.len() < text.len() && (thanks.starts_with("感谢") || thanks.starts_with("谢谢"))
}

#[cfg(test)]
mod tests;
