//! The document laid out as screen lines for one text-pane width: what the reader's text
//! pane draws and what `briefing render` prints, from one code path.
//!
//! Invariants: no line is wider than the pane width; every line knows the byte span of
//! the document it shows, so jumps, scroll-spy and highlights work on source offsets.

use std::ops::Range;

use crate::document::{BlockRole, Document, NodeKind, partition_point_near};
use crate::text::{AmbiguousWidth, ScreenLine, joins_with_space, wrap};

/// How the text is set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RenderOptions {
    /// Inner width of the text pane in columns.
    pub width: usize,
    /// First-line indent of body paragraphs in columns (two full-width characters: 4).
    pub indent: usize,
    /// Longest line in columns, however wide the pane.
    pub measure: usize,
    pub ambiguous: AmbiguousWidth,
}

impl Default for RenderOptions {
    fn default() -> Self {
        Self {
            width: 80,
            indent: 4,
            measure: 80,
            ambiguous: AmbiguousWidth::Narrow,
        }
    }
}

/// How a piece of text is shown. The reader maps these to colours; `render` prints plain text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Emphasis {
    Plain,
    Title,
    /// Subtitle, byline, 文号, footer.
    Meta,
    /// A heading's marker and text, with its depth.
    Heading(usize),
    /// The marker of a point (一是).
    PointMarker,
    Salutation,
}

/// One screen line of the laid-out document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DisplayLine {
    /// Index into [`Document::blocks`]; `None` for the blank line between paragraphs.
    pub block: Option<usize>,
    /// Columns of space before the text (indent, centring).
    pub pad: usize,
    /// Byte offset in the document of the paragraph text that `screen` offsets are relative to.
    pub base: usize,
    pub screen: ScreenLine,
}

impl DisplayLine {
    /// The byte span of the document shown on this line (empty for a blank line).
    pub fn source(&self) -> Range<usize> {
        self.base + self.screen.source.start..self.base + self.screen.source.end
    }

    /// The line as plain text, padding included, no trailing spaces.
    pub fn plain(&self) -> String {
        if self.screen.text.is_empty() {
            return String::new();
        }
        format!("{}{}", " ".repeat(self.pad), self.screen.text)
    }

    /// Splits the drawn text into runs of clusters that `key` gives the same value,
    /// `key` being asked about each cluster's byte offset in the document.
    pub fn segments_by<K: PartialEq + Copy>(&self, key: impl Fn(usize) -> K) -> Vec<(&str, K)> {
        let text = &self.screen.text;
        let mut out: Vec<(&str, K)> = Vec::new();
        let mut run: Option<(usize, K)> = None;
        for &(text_offset, source_offset) in &self.screen.clusters {
            let value = key(self.base + source_offset as usize);
            let text_offset = text_offset as usize;
            match run {
                Some((_, current)) if current == value => {}
                Some((start, current)) => {
                    out.push((text.get(start..text_offset).unwrap_or_default(), current));
                    run = Some((text_offset, value));
                }
                None => run = Some((text_offset, value)),
            }
        }
        if let Some((start, current)) = run {
            out.push((text.get(start..).unwrap_or_default(), current));
        }
        out
    }
}

/// The emphasis of the byte at `offset`, given spans sorted by start and not overlapping.
pub fn emphasis_at(spans: &[(Range<usize>, Emphasis)], offset: usize) -> Emphasis {
    span_at(spans, |(range, _)| range, offset).map_or(Emphasis::Plain, |(_, emphasis)| *emphasis)
}

/// The item of `items` (sorted by span, spans not overlapping) whose span holds `offset`.
pub fn span_at<T>(items: &[T], span: impl Fn(&T) -> &Range<usize>, offset: usize) -> Option<&T> {
    let after = items.partition_point(|item| span(item).start <= offset);
    after
        .checked_sub(1)
        .and_then(|i| items.get(i))
        .filter(|item| span(item).contains(&offset))
}

/// The items of `items` (sorted by span, spans not overlapping) whose spans overlap
/// `range`.
pub fn spans_over<'a, T>(
    items: &'a [T],
    span: impl Fn(&T) -> &Range<usize>,
    range: &Range<usize>,
) -> &'a [T] {
    let first = items.partition_point(|item| span(item).end <= range.start);
    let rest = items.get(first..).unwrap_or_default();
    let count = rest.partition_point(|item| span(item).start < range.end);
    &rest[..count]
}

/// The block and the node where a search of the document is expected to end.
#[derive(Clone, Copy, Debug, Default)]
pub struct Near {
    pub block: usize,
    pub node: usize,
}

/// The emphasised spans that touch `range` of the text: title lines, meta lines,
/// headings, point markers, the salutation. Sorted by start and non-overlapping (a
/// point marker never lies inside a heading's head). Found by searches of the blocks and
/// nodes from `near`, so the reader asks only for what it shows.
pub fn emphasis_spans(
    doc: &Document,
    range: Range<usize>,
    near: Near,
) -> Vec<(Range<usize>, Emphasis)> {
    let first_block = partition_point_near(&doc.blocks, near.block, |block| {
        block.span.end <= range.start
    });
    let mut spans: Vec<(Range<usize>, Emphasis)> = doc.blocks[first_block..]
        .iter()
        .take_while(|block| block.span.start < range.end)
        .filter_map(|block| match block.role {
            BlockRole::Title => Some((block.span.clone(), Emphasis::Title)),
            BlockRole::Subtitle
            | BlockRole::Byline
            | BlockRole::DocNumber
            | BlockRole::Footer
            | BlockRole::Signature
            | BlockRole::Contents => Some((block.span.clone(), Emphasis::Meta)),
            _ => None,
        })
        .collect();
    // Heads never overlap and are sorted by start, so their ends are sorted too.
    let first_node =
        partition_point_near(&doc.nodes, near.node, |node| node.head.end <= range.start);
    spans.extend(
        doc.nodes[first_node..]
            .iter()
            .take_while(|node| node.head.start < range.end)
            .filter_map(|node| match node.kind {
                NodeKind::Heading | NodeKind::Attachment => {
                    Some((node.head.clone(), Emphasis::Heading(node.depth)))
                }
                NodeKind::Point => {
                    let marker_len = node.marker.as_ref().map_or(0, String::len);
                    Some((
                        node.head.start..node.head.start + marker_len,
                        Emphasis::PointMarker,
                    ))
                }
                NodeKind::Salutation => Some((node.head.clone(), Emphasis::Salutation)),
                NodeKind::Closing | NodeKind::Footer => None,
            }),
    );
    spans.sort_by_key(|(range, _)| range.start);
    spans
}

/// Lays out the whole document for a pane `options.width` columns wide.
pub fn render(doc: &Document, options: &RenderOptions) -> Vec<DisplayLine> {
    (0..doc.blocks.len())
        .flat_map(|index| block_lines(doc, index, options))
        .collect()
}

/// Lays out one block: the blank line that separates it from the block before (none
/// inside the title group or the footer), then its wrapped lines: title lines centred,
/// signature lines flush right, within the measure. Laying out block by
/// block is what lets the reader lay out only what it shows.
pub fn block_lines(doc: &Document, index: usize, options: &RenderOptions) -> Vec<DisplayLine> {
    let Some(block) = doc.blocks.get(index) else {
        return Vec::new();
    };
    let width = options.width.max(1);
    let measure = options.measure.clamp(1, width);
    // A pane wider than the measure keeps the text column in its middle.
    let offset = (width - measure) / 2;
    let is_front = |role| {
        matches!(
            role,
            BlockRole::Title | BlockRole::Subtitle | BlockRole::Byline | BlockRole::DocNumber
        )
    };
    let front = is_front(block.role);
    let mut lines = Vec::new();
    let previous = index.checked_sub(1).and_then(|i| doc.blocks.get(i));
    if let Some(previous) = previous.filter(|_| !block.continues) {
        let same_group = previous.role == block.role
            || (previous.role.is_footer() && block.role.is_footer())
            || (front && is_front(previous.role) && previous.role != BlockRole::Title)
            || (front && previous.role == BlockRole::Title && block.role == BlockRole::Title);
        if !same_group {
            lines.push(blank(block.span.start));
        }
    }
    let text = doc.slice(&block.span);
    let indent = match block.role {
        BlockRole::Preamble | BlockRole::Body | BlockRole::Closing | BlockRole::Backmatter => {
            options.indent
        }
        BlockRole::Heading if is_run_in_heading(doc, block.span.start) => options.indent,
        _ => 0,
    };
    let indent = if indent >= measure || block.continues {
        0
    } else {
        indent
    };
    for (i, screen) in wrap_joined(text, measure, indent, options.ambiguous)
        .into_iter()
        .enumerate()
    {
        let first_indent = if i == 0 { indent } else { 0 };
        // As print sets them: the title and the lines under it centred in the measure,
        // the signature and its date flush right, the rest flush left.
        let room = measure - screen.width.min(measure);
        let aligned = if front {
            room / 2
        } else if block.role == BlockRole::Signature {
            room
        } else {
            0
        };
        lines.push(DisplayLine {
            block: Some(index),
            pad: offset + first_indent + aligned,
            base: block.span.start,
            screen,
        });
    }
    lines
}

/// Wraps a paragraph that may span several lines of a hard-wrapped text as one flow:
/// the line breaks (and the indentation after them) are taken out before wrapping,
/// with a space kept between two Latin words ([`joins_with_space`]), and the source offsets of the screen
/// lines are mapped back onto the paragraph as it stands in the document.
fn wrap_joined(
    text: &str,
    width: usize,
    indent: usize,
    ambiguous: AmbiguousWidth,
) -> Vec<ScreenLine> {
    if !text.contains('\n') {
        return wrap(text, width, indent, ambiguous);
    }
    // (offset in `joined`, offset in `text`) where each run of kept text starts.
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut joined = String::with_capacity(text.len());
    let mut pieces = text.split('\n').peekable();
    let mut at: usize = 0;
    while let Some(piece) = pieces.next() {
        let kept = if at == 0 {
            piece
        } else {
            piece.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{3000}')
        };
        let skipped = piece.len() - kept.len();
        if joins_with_space(&joined, kept) {
            // The space stands for the line break before this piece.
            runs.push((joined.len(), at.saturating_sub(1)));
            joined.push(' ');
        }
        runs.push((joined.len(), at + skipped));
        joined.push_str(kept.trim_end_matches(['\r']));
        at += piece.len() + 1;
        if pieces.peek().is_none() {
            break;
        }
    }
    let to_source = |offset: usize| {
        let run = runs
            .partition_point(|&(start, _)| start <= offset)
            .saturating_sub(1);
        runs.get(run)
            .map_or(offset, |&(start, source)| source + (offset - start))
    };
    wrap(&joined, width, indent, ambiguous)
        .into_iter()
        .map(|mut line| {
            line.source = to_source(line.source.start)..to_source(line.source.end);
            for cluster in &mut line.clusters {
                let source = to_source(cluster.1 as usize);
                cluster.1 = u32::try_from(source).unwrap_or(u32::MAX);
            }
            line
        })
        .collect()
}

fn is_run_in_heading(doc: &Document, start: usize) -> bool {
    let at = doc.nodes.partition_point(|node| node.head.start < start);
    doc.nodes[at..]
        .iter()
        .take_while(|node| node.head.start == start)
        .any(|node| node.kind == NodeKind::Heading && node.run_in)
}

fn blank(at: usize) -> DisplayLine {
    DisplayLine {
        block: None,
        pad: 0,
        base: at,
        screen: ScreenLine {
            source: 0..0,
            text: String::new(),
            width: 0,
            clusters: Vec::new(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse_text;
    use crate::text::str_width;

    fn options(width: usize) -> RenderOptions {
        RenderOptions {
            width,
            ..RenderOptions::default()
        }
    }

    #[test]
    fn paragraphs_get_a_two_character_indent_replacing_their_own() {
        let doc = parse_text("标题\n\n　　同志们：\n  今天开会。\n");
        let lines: Vec<String> = render(&doc, &options(40))
            .iter()
            .map(DisplayLine::plain)
            .collect();
        assert!(lines.contains(&"    今天开会。".to_owned()), "{lines:?}");
        assert!(lines.contains(&"同志们：".to_owned()), "{lines:?}");
    }

    #[test]
    fn the_measure_caps_line_length_and_centres_the_column() {
        let doc = parse_text(&format!("标题\n\n{}\n", "字".repeat(200)));
        let lines = render(
            &doc,
            &RenderOptions {
                width: 200,
                measure: 40,
                ..RenderOptions::default()
            },
        );
        let body: Vec<&DisplayLine> = lines
            .iter()
            .filter(|l| l.screen.width > 0)
            .skip(1)
            .collect();
        assert!(body.iter().all(|l| l.screen.width <= 40));
        assert_eq!(body.get(1).map(|l| l.pad), Some(80));
    }

    /// Where each line's text starts and ends within the pane, by its text.
    fn columns(lines: &[DisplayLine]) -> Vec<(String, usize, usize)> {
        lines
            .iter()
            .filter(|line| line.screen.width > 0)
            .map(|line| {
                (
                    line.screen.text.clone(),
                    line.pad,
                    line.pad + line.screen.width,
                )
            })
            .collect()
    }

    #[test]
    fn the_title_is_centred_and_the_signature_set_flush_right_in_the_measure() {
        let doc = parse_text(
            "关于进一步加强\n基层治理工作的意见\n——在全市工作会议上的讲话\n\n同志们：\n\n今天开会。\n\nXX市人民政府\n2024年1月5日\n（此件公开发布）\n",
        );
        let lines = render(
            &doc,
            &RenderOptions {
                width: 60,
                measure: 40,
                ..RenderOptions::default()
            },
        );
        // The 40-column measure sits in the middle of the 60-column pane: columns 10 to 50.
        let at = columns(&lines);
        let find = |text: &str| {
            at.iter()
                .find(|(t, ..)| t == text)
                .map(|(_, from, to)| (*from, *to))
        };
        assert_eq!(find("关于进一步加强"), Some((23, 37)), "{at:?}");
        assert_eq!(find("基层治理工作的意见"), Some((21, 39)), "{at:?}");
        assert_eq!(find("——在全市工作会议上的讲话"), Some((18, 42)), "{at:?}");
        assert_eq!(find("XX市人民政府"), Some((38, 50)), "{at:?}");
        assert_eq!(find("2024年1月5日"), Some((38, 50)), "{at:?}");
        // A note after the date is no part of the signature: flush left, no indent.
        assert_eq!(find("（此件公开发布）"), Some((10, 26)), "{at:?}");
        assert_eq!(find("今天开会。"), Some((14, 24)), "{at:?}");
    }

    #[test]
    fn a_signature_wider_than_the_measure_wraps_flush_right() {
        let organ = "某某省某某市某某县人民政府办公室";
        let doc = parse_text(&format!("标题\n\n今天开会。\n\n{organ}\n2024年1月5日\n"));
        let lines = render(&doc, &options(20));
        let signature: Vec<&DisplayLine> = lines
            .iter()
            .filter(|line| {
                line.block
                    .is_some_and(|b| doc.blocks[b].role == BlockRole::Signature)
            })
            .collect();
        assert_eq!(signature.len(), 3, "{lines:?}");
        assert!(
            signature
                .iter()
                .all(|line| line.pad + line.screen.width == 20),
            "{signature:?}"
        );
    }

    #[test]
    fn no_line_is_wider_than_the_pane() {
        let doc = parse_text(include_str!("../data/briefing.txt"));
        for width in [1, 2, 3, 7, 20, 33, 80] {
            for line in render(&doc, &options(width)) {
                assert!(
                    line.pad + str_width(&line.screen.text, AmbiguousWidth::Narrow) <= width,
                    "width {width}: {line:?}"
                );
            }
        }
    }

    #[test]
    fn shipped_briefing_at_every_width_in_both_modes() {
        let doc = parse_text(include_str!("../data/briefing.txt"));
        for ambiguous in [AmbiguousWidth::Narrow, AmbiguousWidth::Wide] {
            for width in 1..=200 {
                let options = RenderOptions {
                    width,
                    ambiguous,
                    ..RenderOptions::default()
                };
                for line in render(&doc, &options) {
                    let text = &line.screen.text;
                    assert!(
                        line.pad + str_width(text, ambiguous) <= width,
                        "{ambiguous:?} width {width}: {text:?} is too wide"
                    );
                    if width >= 10 {
                        let first = text.chars().next();
                        let last = text.chars().last();
                        assert!(
                            !first.is_some_and(crate::text::is_no_start),
                            "{ambiguous:?} width {width}: {text:?} starts with a closing mark"
                        );
                        assert!(
                            !last.is_some_and(crate::text::is_no_end),
                            "{ambiguous:?} width {width}: {text:?} ends with an opening mark"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn a_hard_wrapped_paragraph_flows_as_one() {
        let lines = wrap_joined(
            "今天召开推进\n大会，主要任务是\n  贯彻 Hello\nworld。",
            13,
            0,
            AmbiguousWidth::Narrow,
        );
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            texts,
            ["今天召开推进", "大会，主要任", "务是贯彻", "Hello world。"]
        );
        let source = "今天召开推进\n大会，主要任务是\n  贯彻 Hello\nworld。";
        let third = &lines[2];
        assert_eq!(source.get(third.source.clone()), Some("务是\n  贯彻"));
        let last = &lines[3];
        assert_eq!(source.get(last.source.clone()), Some("Hello\nworld。"));
    }

    #[test]
    fn segments_follow_the_emphasised_spans() {
        let doc = parse_text("标题\n\n一、认清形势\n正文。一是甲。二是乙。\n");
        let spans = emphasis_spans(&doc, 0..doc.text.len(), Near::default());
        let lines = render(&doc, &options(40));
        let heading = lines
            .iter()
            .find(|l| l.screen.text.starts_with("一、"))
            .expect("heading line");
        assert_eq!(
            heading.segments_by(|offset| emphasis_at(&spans, offset)),
            vec![("一、认清形势", Emphasis::Heading(0))]
        );
        let body = lines
            .iter()
            .find(|l| l.screen.text.contains("一是"))
            .expect("body line");
        let segments = body.segments_by(|offset| emphasis_at(&spans, offset));
        assert!(
            segments.contains(&("一是", Emphasis::PointMarker)),
            "{segments:?}"
        );
        assert!(
            segments.contains(&("二是", Emphasis::PointMarker)),
            "{segments:?}"
        );
    }
}
