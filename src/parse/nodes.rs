//! The structure tree: heading, point, closing and footer nodes with their spans, in
//! document order with parents first.

use super::attachments::Attachment;
use super::markers::is_space;
use super::paragraphs::{flowed, joined_lines};
use super::{FoundHeading, Parser, points};
use crate::document::{BlockRole, Node, NodeKind};
use std::ops::Range;

impl Parser<'_> {
    /// The opening's nodes: the salutation holds the remarks up to the first heading,
    /// and the points outside any heading (in the preamble, or in the whole body when it
    /// has no headings) come before the headings. Pushing them first keeps the nodes in
    /// document order with no sort: each heading's own points follow it.
    pub(super) fn opening_nodes(
        &self,
        nodes: &mut Vec<Node>,
        headings: &[FoundHeading],
        structure_end: usize,
    ) {
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
        self.push_points(nodes, &outside, None, 0);
    }

    /// Heading nodes and their points, in document order, with spans and parents; the
    /// last sections end at `structure_end`.
    pub(super) fn push_heading_nodes(
        &self,
        nodes: &mut Vec<Node>,
        headings: &[FoundHeading],
        structure_end: usize,
    ) {
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
            self.push_points(nodes, &own_paragraphs, Some(owner_index), heading.depth + 1);
        }
    }

    /// An attachment's node (附件1 and its title) and the points of its text before its
    /// first heading; it spans that text, and its headings follow it at the top level.
    pub(super) fn push_attachment_node(
        &self,
        nodes: &mut Vec<Node>,
        attachment: &Attachment,
        headings: &[FoundHeading],
        end: usize,
    ) {
        let start = attachment.marker.start;
        let head_end = attachment
            .title
            .last()
            .map_or(attachment.marker.end, |t| t.end);
        let own_end = headings
            .first()
            .map_or(end, |h| h.paragraph)
            .max(attachment.body_start);
        let span_end = self.sections_end(own_end).max(head_end);
        let owner = nodes.len();
        nodes.push(Node {
            kind: NodeKind::Attachment,
            depth: 0,
            marker: self.text.get(attachment.marker.clone()).map(str::to_owned),
            label: joined_lines(
                attachment
                    .title
                    .iter()
                    .map(|range| self.text.get(range.clone()).unwrap_or_default()),
            )
            .unwrap_or_default(),
            head: start..head_end,
            span: start..span_end,
            line: self.paragraphs[attachment.first].line,
            run_in: false,
            parent: None,
        });
        let own: Vec<Range<usize>> = (attachment.body_start..own_end)
            .filter(|&i| self.roles[i] == Some(BlockRole::Body))
            .map(|i| self.paragraphs[i].span.clone())
            .collect();
        self.push_points(nodes, &own, Some(owner), 1);
    }

    /// The end of the last paragraph that ends at or before `offset`.
    pub(super) fn last_end_before(&self, offset: usize) -> usize {
        let count = self.paragraphs.partition_point(|p| p.span.end <= offset);
        count
            .checked_sub(1)
            .and_then(|i| self.paragraphs.get(i))
            .map_or(offset, |p| p.span.end)
    }

    /// The text a heading owns itself, before its first child: its body after a run-in
    /// heading, and the body paragraphs up to the next heading.
    pub(super) fn own_paragraph_ranges(
        &self,
        heading: &FoundHeading,
        own_end: usize,
    ) -> Vec<Range<usize>> {
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

    pub(super) fn push_points(
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
            if let Some(first) = run.first() {
                let paragraph = self.paragraphs.partition_point(|p| p.span.end <= first.at);
                self.note(paragraph, || {
                    format!(
                        "points: a run of {} {} numbered in order, in the text of {}",
                        run.len(),
                        first.marker.family.example(),
                        owner.and_then(|o| nodes.get(o)).map_or_else(
                            || "no heading".to_owned(),
                            |o| {
                                let label: String = o.label.chars().take(16).collect();
                                format!("{}{label}", o.marker.as_deref().unwrap_or_default())
                            }
                        )
                    )
                });
            }
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
                    marker: Some(flowed(self.text.get(marker.clone()).unwrap_or_default())),
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

    /// The closing's node: from paragraph `closing` to the end of the text before `end`.
    pub(super) fn closing_node(&self, closing: Option<usize>, end: usize) -> Option<Node> {
        let start = closing?;
        {
            let first = self.paragraphs[start].span.start;
            let end = self.paragraphs[start..end]
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
            Some(Node {
                kind: NodeKind::Closing,
                depth: 0,
                marker: None,
                label,
                head: first..label_end,
                span: first..end,
                line: self.paragraphs[start].line,
                run_in: false,
                parent: None,
            })
        }
    }

    /// The footer's node: the footer lines from paragraph `body_end` on, as one.
    pub(super) fn footer_node(&self, body_end: usize) -> Option<Node> {
        let footer: Vec<usize> = (body_end..self.paragraphs.len())
            .filter(|&i| self.roles[i].is_some_and(BlockRole::is_footer))
            .collect();
        let (Some(&first), Some(&last)) = (footer.first(), footer.last()) else {
            return None;
        };
        {
            let span = self.paragraphs[first].span.start..self.paragraphs[last].span.end;
            let label = footer
                .iter()
                .map(|&i| self.para_text(i))
                .collect::<Vec<_>>()
                .join("\n");
            Some(Node {
                kind: NodeKind::Footer,
                depth: 0,
                marker: None,
                label,
                head: span.clone(),
                span,
                line: self.paragraphs[first].line,
                run_in: false,
                parent: None,
            })
        }
    }
}

/// Characters a point's lead phrase may have in the outline.
pub(super) const MAX_POINT_LABEL_CHARS: usize = 40;

/// Characters of the closing shown as its label.
pub(super) const CLOSING_LABEL_CHARS: usize = 12;

/// A point's lead phrase: from `start` to the first clause mark, at most a few dozen characters.
pub(super) fn point_label(text: &str, start: usize, limit: usize) -> Range<usize> {
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
