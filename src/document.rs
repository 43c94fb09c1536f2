//! The immutable document: sanitised text, its paragraphs (blocks) and its structure tree.
//!
//! Invariants: every span lies on char boundaries of [`Document::text`]; blocks are in
//! text order and do not overlap; nodes are in document order (by span start) and a
//! node's parent comes before it.

use std::ops::Range;

/// What a paragraph of the document is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockRole {
    /// A line of the main title (a title printed over two or three lines is several).
    Title,
    /// ——在…上的讲话 under the title.
    Subtitle,
    /// Speaker, author or date lines under the title.
    Byline,
    /// 国发〔2019〕3号.
    DocNumber,
    /// 同志们： or a 主送机关 line.
    Salutation,
    /// Body text before the first heading.
    Preamble,
    /// A paragraph that starts with a heading (the heading may run into body text).
    Heading,
    /// Ordinary body text.
    Body,
    /// The final exhortation or thanks.
    Closing,
    /// Source, attribution and other notes at the end (（来源：新华社）, （此件公开发布）),
    /// set flush left.
    Footer,
    /// The 落款 at the end: who signs the text (an organ, a speaker's name) and its date
    /// (XX市人民政府 / 2024年1月5日), set flush right as print sets them. Part of the footer.
    Signature,
    /// Notes or attachments after the speech proper (注释, 附件).
    Backmatter,
    /// A table of contents (目录) and its entries: a guide to the text, not part of it.
    Contents,
}

impl BlockRole {
    /// A line of the footer: a note at the end or the signature and date.
    pub fn is_footer(self) -> bool {
        matches!(self, Self::Footer | Self::Signature)
    }
}

/// One paragraph: a non-empty line of the text (or hard-wrapped lines joined, or a piece
/// of a line over 64 KiB), without its surrounding whitespace.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    pub role: BlockRole,
    /// Byte span of the paragraph text, leading and trailing whitespace excluded.
    pub span: Range<usize>,
    /// 1-based line number in the decoded text.
    pub line: usize,
    /// A later piece of a paragraph too long to lay out at once: it goes on the
    /// same paragraph, without a gap or an indent.
    pub continues: bool,
}

/// The kind of a node of the structure tree.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NodeKind {
    Salutation,
    Heading,
    /// An attachment after the signature (附件1 and its title); its headings follow it.
    Attachment,
    Point,
    Closing,
    Footer,
}

impl NodeKind {
    /// A node that opens a part of the text the reader jumps between by section: a
    /// heading or an attachment.
    pub fn is_section(self) -> bool {
        matches!(self, Self::Heading | Self::Attachment)
    }

    /// The name used in JSON output.
    pub fn name(self) -> &'static str {
        match self {
            Self::Salutation => "salutation",
            Self::Heading => "heading",
            Self::Attachment => "attachment",
            Self::Point => "point",
            Self::Closing => "closing",
            Self::Footer => "footer",
        }
    }
}

/// One entry of the structure tree (heading 一、, point 一是, salutation, closing, footer).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Node {
    pub kind: NodeKind,
    /// Nesting depth: headings from 0; a point one deeper than the node whose text holds it.
    pub depth: usize,
    /// The marker as printed (一、 （一） 1. 一是 第一 首先), without a point's trailing punctuation.
    pub marker: Option<String>,
    /// Heading text, a point's lead phrase, or the text of the salutation, closing, footer.
    pub label: String,
    /// Byte span of the marker and label as they stand in the text.
    pub head: Range<usize>,
    /// Byte span of everything this node covers (a heading: up to the next heading of
    /// the same or a shallower depth).
    pub span: Range<usize>,
    /// 1-based line of the marker.
    pub line: usize,
    /// True when body text follows the heading on the same line.
    pub run_in: bool,
    /// Index of the enclosing node in [`Document::nodes`].
    pub parent: Option<usize>,
}

/// A decode problem worth telling the user about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    pub message: String,
}

/// Characters (whitespace not counted) before each of `doc`'s blocks, and the total
/// after the last: what the reader's share of the text and the speaking times count.
pub fn chars_before_blocks(doc: &Document) -> Vec<usize> {
    let mut before = Vec::with_capacity(doc.blocks.len() + 1);
    let mut total = 0;
    for block in &doc.blocks {
        before.push(total);
        total += visible_chars(doc.slice(&block.span));
    }
    before.push(total);
    before
}

/// Characters of text, whitespace not counted: the unit of speaking time and of `chars`.
pub fn visible_chars(text: &str) -> usize {
    text.chars().filter(|c| !c.is_whitespace()).count()
}

/// A parsed briefing. Built once by [`crate::parse::parse`]; never changes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    pub text: String,
    pub encoding: &'static str,
    pub warnings: Vec<Warning>,
    pub blocks: Vec<Block>,
    pub nodes: Vec<Node>,
    /// The title, its lines joined with one space.
    pub title: Option<String>,
    pub subtitle: Option<String>,
    /// The URL in the footer (文章地址:http://…), when it has one.
    pub footer_url: Option<String>,
    /// Byte offset of the start of each line, for turning offsets into line numbers.
    pub(crate) line_starts: Vec<usize>,
    /// Why each line was read as it was, in line order; empty unless asked for
    /// (`briefing outline --explain`).
    pub explanations: Vec<Explanation>,
}

/// One decision of the recognizer and the evidence for it: "heading 一、 (number 2,
/// follows 1 in its scope)".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Explanation {
    /// 1-based line the decision is about.
    pub line: usize,
    pub what: String,
}

impl Document {
    /// The text of a span; empty if the span is not on char boundaries (it always is).
    pub fn slice(&self, span: &Range<usize>) -> &str {
        self.text.get(span.clone()).unwrap_or_default()
    }

    /// 1-based line number of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&start| start <= offset)
    }

    /// Byte offset where a 1-based line starts.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        line.checked_sub(1)
            .and_then(|index| self.line_starts.get(index))
            .copied()
    }

    /// Characters of text, whitespace not counted.
    pub fn chars(&self) -> usize {
        visible_chars(&self.text)
    }

    /// Whether the document has no visible text: an empty file, or one of blank lines,
    /// spaces (U+3000 too) and the zero-width U+200B and U+2060 that the text keeps for
    /// line breaking. Such a file lays out blank; callers say it is empty instead.
    pub fn is_empty(&self) -> bool {
        self.text
            .chars()
            .all(|c| c.is_whitespace() || matches!(c, '\u{200B}' | '\u{2060}'))
    }

    /// A node as the tree and paths name it: 一、认清形势, 一是 创建要求越来越高; one
    /// line. A node with no words of its own (the closing, the footer) is named by
    /// `unnamed`, in the interface's language.
    pub fn node_title(&self, index: usize, unnamed: impl Fn(NodeKind) -> &'static str) -> String {
        self.nodes.get(index).map_or_else(String::new, |node| {
            let label = node.label.replace('\n', " ");
            match (node.kind, &node.marker) {
                (NodeKind::Point | NodeKind::Attachment, Some(marker)) => {
                    format!("{marker} {label}")
                }
                (_, Some(marker)) => format!("{marker}{label}"),
                (kind @ (NodeKind::Closing | NodeKind::Footer), None) => unnamed(kind).to_owned(),
                (_, None) => label,
            }
        })
    }

    /// The deepest node whose span holds `offset`, if any.
    pub fn node_at(&self, offset: usize) -> Option<usize> {
        self.deepest_before(
            self.nodes.partition_point(|node| node.span.start <= offset),
            offset,
        )
    }

    /// [`Document::node_at`], searched from node `near`, where it is expected.
    pub fn node_at_near(&self, offset: usize, near: usize) -> Option<usize> {
        let upto = partition_point_near(&self.nodes, near, |node| node.span.start <= offset);
        self.deepest_before(upto, offset)
    }

    /// The deepest node holding `offset` among the nodes before `upto`, the first node
    /// that starts after it.
    fn deepest_before(&self, upto: usize, offset: usize) -> Option<usize> {
        // Nodes are sorted by start; walk back from the last one starting at or before
        // `offset` until one covers it, then keep the deepest among equals by order.
        let mut candidate = upto.checked_sub(1)?;
        loop {
            let node = self.nodes.get(candidate)?;
            if node.span.contains(&offset) {
                return Some(candidate);
            }
            candidate = node.parent.or_else(|| candidate.checked_sub(1))?;
        }
    }

    /// The path of node labels from the top down to `index`: 一、认清形势 › 一是 创建要求越来越高.
    pub fn path(&self, index: usize) -> Vec<usize> {
        let mut path = Vec::new();
        let mut current = Some(index);
        while let Some(at) = current {
            path.push(at);
            current = self.nodes.get(at).and_then(|node| node.parent);
        }
        path.reverse();
        path
    }
}

/// `slice.partition_point(is_before)`, searched outward from index `near`, where the
/// answer is expected: steps of 1, 2, 4… then a binary search between the last two. A
/// key moves the reader a little, so the answer is a few entries from the last one; a
/// plain binary search over the hundreds of thousands of blocks or nodes of a large
/// document fetches some twenty entries far apart, from memory that went cold between
/// keys.
pub fn partition_point_near<T>(slice: &[T], near: usize, is_before: impl Fn(&T) -> bool) -> usize {
    let near = near.min(slice.len());
    let (low, high) = if slice.get(near).is_some_and(&is_before) {
        let mut low = near + 1;
        let mut step = 1;
        loop {
            let probe = near.saturating_add(step);
            match slice.get(probe) {
                None => break (low, slice.len()),
                Some(entry) if !is_before(entry) => break (low, probe),
                Some(_) => low = probe + 1,
            }
            step = step.saturating_mul(2);
        }
    } else {
        let mut high = near;
        let mut step = 1;
        loop {
            let Some(probe) = near.checked_sub(step) else {
                break (0, high);
            };
            if is_before(&slice[probe]) {
                break (probe + 1, high);
            }
            high = probe;
            step = step.saturating_mul(2);
        }
    };
    low + slice[low..high].partition_point(is_before)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::{partition_point_near, visible_chars};
    use crate::parse::parse_text;

    proptest! {
        /// From wherever the search starts, it finds what a binary search finds.
        #[test]
        fn searching_from_near_agrees_with_a_binary_search(
            before in 0usize..300,
            after in 0usize..300,
            near in 0usize..700,
        ) {
            let slice: Vec<bool> = (0..before + after).map(|at| at < before).collect();
            prop_assert_eq!(partition_point_near(&slice, near, |is| *is), before);
        }
    }

    #[test]
    fn node_at_finds_the_deepest_node() {
        let doc = parse_text("标题\n\n一、第一部分\n一是甲。二是乙。\n二、第二部分\n正文。\n");
        let second_point = doc.text.find("二是").expect("present");
        let node = doc.node_at(second_point).expect("inside a point");
        assert_eq!(doc.nodes[node].marker.as_deref(), Some("二是"));
        let heading = doc
            .node_at(doc.text.find("正文").expect("present"))
            .expect("inside");
        assert_eq!(doc.nodes[heading].marker.as_deref(), Some("二、"));
        assert_eq!(doc.node_at(0), None);
    }

    #[test]
    fn a_document_without_visible_text_is_empty() {
        for text in ["", "\n\n", " \u{3000}\t\r\n", "\u{200B}\n\u{2060}"] {
            assert!(parse_text(text).is_empty(), "{text:?}");
        }
        // A control is drawn as its picture (␁), so it is text to see.
        for text in ["一", "\n\n。\n", "\u{1}", "a"] {
            assert!(!parse_text(text).is_empty(), "{text:?}");
        }
    }

    #[test]
    fn line_of_counts_from_one() {
        let doc = parse_text("甲\n乙\n丙");
        assert_eq!(doc.line_of(0), 1);
        assert_eq!(doc.line_of(doc.text.find('丙').expect("present")), 3);
    }

    #[test]
    fn visible_chars_skips_every_kind_of_whitespace() {
        let spaces = "\t\n\u{b}\u{c}\r \u{85}\u{a0}\u{1680}\u{2000}\u{200a}\u{2028}\u{2029}\u{202f}\u{205f}\u{3000}";
        assert_eq!(
            visible_chars(&format!("{spaces}一、{spaces}a。\u{3001}")),
            5
        );
    }
}
