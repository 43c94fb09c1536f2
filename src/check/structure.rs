//! Findings about the structure: heading numbers out of sequence, marker forms mixed in
//! one level, runs of points with a number lost or said twice, and an announced count
//! (我讲三点意见) that the parts after it do not match.
//!
//! Read from the recognizer's own tree, plus the markers it did not take: a heading or
//! point whose number broke its sequence is left out of the tree, and is exactly what a
//! drafter needs to see.

use std::collections::{BTreeMap, HashMap};

use super::{Code, Finding, Profile};
use crate::document::{BlockRole, Document, NodeKind};
use crate::parse::{
    HeadingFamily, LAST, PointCandidate, PointFamily, chinese_numeral, counted, heading_marker,
    point_candidates,
};

pub fn findings(doc: &Document, profile: Profile) -> Vec<Finding> {
    let mut found = Vec::new();
    let headings = heading_markers(doc);
    numbering(doc, &headings, profile, &mut found);
    points(doc, &mut found);
    announced_counts(doc, &mut found);
    found
}

/// A heading marker at the start of a paragraph, taken as a heading by the recognizer or
/// not.
#[derive(Clone, Debug)]
struct HeadingMark {
    at: usize,
    family: HeadingFamily,
    number: u32,
    /// The marker as printed.
    text: String,
    /// The node the recognizer made of it, if it did.
    node: Option<usize>,
}

/// Families whose markers are numbered in sequence.
fn is_numbered(family: HeadingFamily) -> bool {
    !matches!(
        family,
        HeadingFamily::Unnumbered | HeadingFamily::NumeralSpace
    )
}

/// Every numbered heading marker at the start of a paragraph of the text.
fn heading_markers(doc: &Document) -> Vec<HeadingMark> {
    let taken: HashMap<usize, usize> = doc
        .nodes
        .iter()
        .enumerate()
        .filter(|(_, node)| node.kind == NodeKind::Heading)
        .map(|(index, node)| (node.head.start, index))
        .collect();
    doc.blocks
        .iter()
        // The closing too: a last heading whose number broke its sequence is read as the
        // closing paragraph.
        .filter(|block| {
            matches!(
                block.role,
                BlockRole::Heading | BlockRole::Body | BlockRole::Closing
            )
        })
        .filter_map(|block| {
            let text = doc.text.get(block.span.clone())?;
            let marker = heading_marker(text)?;
            is_numbered(marker.family).then(|| HeadingMark {
                at: block.span.start,
                family: marker.family,
                number: marker.number,
                text: text.get(..marker.len).unwrap_or_default().to_owned(),
                node: taken.get(&block.span.start).copied(),
            })
        })
        .collect()
}

/// Which attachment a position is in (0: the text itself), given where attachments
/// start: numbering starts again in each.
fn attachment_of(attachments: &[usize], at: usize) -> usize {
    attachments.partition_point(|&start| start <= at)
}

/// The nodes holding `at`, deepest first: the node there and its ancestors. Found by a
/// binary search and the parent links, so a document of 100 000 headings is not walked
/// once for every marker.
fn enclosing(doc: &Document, at: usize) -> impl Iterator<Item = usize> + '_ {
    std::iter::successors(doc.node_at(at), |&index| {
        doc.nodes.get(index).and_then(|node| node.parent)
    })
}

/// The heading a marker's sequence runs under: for a taken heading its parent; for one
/// the recognizer left, the deepest heading around it of a family that nests above its
/// own.
fn parent_of(
    doc: &Document,
    mark: &HeadingMark,
    families: &HashMap<usize, HeadingFamily>,
) -> Option<usize> {
    if let Some(node) = mark.node {
        return doc.nodes.get(node).and_then(|node| node.parent);
    }
    enclosing(doc, mark.at).find(|index| {
        doc.nodes
            .get(*index)
            .is_some_and(|node| node.kind == NodeKind::Heading)
            && families
                .get(index)
                .is_some_and(|family| family.rank() < mark.family.rank())
    })
}

/// The marker's form, its numbers taken out: 、 of 一、, （） of （一）, . of 1.
fn form(marker: &str) -> String {
    marker
        .chars()
        .filter(|&c| {
            !(c.is_ascii_digit() || chinese_numeral(&c.to_string()).is_some() || c == '十')
        })
        .collect()
}

fn numbering(doc: &Document, marks: &[HeadingMark], profile: Profile, found: &mut Vec<Finding>) {
    let families: HashMap<usize, HeadingFamily> = marks
        .iter()
        .filter_map(|mark| Some((mark.node?, mark.family)))
        .collect();
    // The families the recognizer took under each parent: only there is a left-out
    // marker part of a sequence rather than a line that happens to start with a number.
    let attachments: Vec<usize> = doc
        .nodes
        .iter()
        .filter(|node| node.kind == NodeKind::Attachment)
        .map(|node| node.head.start)
        .collect();
    let mut sequences: BTreeMap<(usize, Option<usize>, u8), Vec<&HeadingMark>> = BTreeMap::new();
    for mark in marks {
        let key = (
            attachment_of(&attachments, mark.at),
            parent_of(doc, mark, &families),
            mark.family.rank(),
        );
        sequences.entry(key).or_default().push(mark);
    }
    for sequence in sequences.values() {
        if sequence.iter().all(|mark| mark.node.is_none()) {
            continue;
        }
        let mut highest: Option<u32> = None;
        for mark in sequence {
            let span = mark.at..mark.at + mark.text.len();
            if let Some(last) = highest {
                let expected = last.saturating_add(1);
                let code = if mark.number == expected {
                    None
                } else if mark.number == last {
                    Some(Code::NumberingDuplicate)
                } else if mark.number < last {
                    Some(Code::NumberingOrder)
                } else {
                    Some(Code::NumberingGap)
                };
                if let Some(code) = code {
                    found.push(Finding {
                        span: span.clone(),
                        code,
                        found: mark.text.clone(),
                        expected: Some(number_in_form(&mark.text, expected)),
                        suggestion: None,
                    });
                }
            }
            highest = Some(highest.map_or(mark.number, |last| last.max(mark.number)));
            stray_mark_after(doc, mark, found);
            if profile.gbt9704 && is_nonstandard(&mark.text, mark.family) {
                found.push(Finding {
                    span,
                    code: Code::MarkerNonstandard,
                    found: mark.text.clone(),
                    expected: None,
                    suggestion: None,
                });
            }
        }
        mixed_forms(sequence, found);
    }
}

/// `expected` written in the numerals of `marker`: 三、 for 一、, 3. for 1.
fn number_in_form(marker: &str, expected: u32) -> String {
    let chinese = marker
        .chars()
        .any(|c| chinese_numeral(&c.to_string()).is_some() || c == '十');
    let number = if chinese {
        counted(expected)
    } else {
        expected.to_string()
    };
    let (before, after) = split_number(marker);
    format!("{before}{number}{after}")
}

/// What stands before and after the number of a marker: （ and ） of （一）.
fn split_number(marker: &str) -> (String, String) {
    let is_digit =
        |c: char| c.is_ascii_digit() || c == '十' || chinese_numeral(&c.to_string()).is_some();
    let before: String = marker.chars().take_while(|&c| !is_digit(c)).collect();
    let after: String = marker
        .chars()
        .skip_while(|&c| !is_digit(c))
        .skip_while(|&c| is_digit(c))
        .collect();
    (before, after)
}

/// （一）、: a mark after a marker that closes itself.
fn stray_mark_after(doc: &Document, mark: &HeadingMark, found: &mut Vec<Finding>) {
    let closes_itself = mark.text.ends_with(['）', ')']);
    let after = mark.at + mark.text.len();
    let next = doc.text.get(after..).and_then(|rest| rest.chars().next());
    if closes_itself && let Some(stray @ ('、' | '，' | '.' | '．')) = next {
        found.push(Finding {
            span: after..after + stray.len_utf8(),
            code: Code::MarkerStyle,
            found: format!("{}{stray}", mark.text),
            expected: Some(mark.text.clone()),
            suggestion: Some(String::new()),
        });
    }
}

/// Forms of one level that differ: the fewer of them are the ones out of place.
fn mixed_forms(sequence: &[&HeadingMark], found: &mut Vec<Finding>) {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for mark in sequence {
        *counts.entry(form(&mark.text)).or_default() += 1;
    }
    let Some((usual, _)) = counts
        .iter()
        .max_by_key(|(form, count)| (**count, std::cmp::Reverse((*form).clone())))
    else {
        return;
    };
    for mark in sequence {
        if form(&mark.text) != *usual {
            found.push(Finding {
                span: mark.at..mark.at + mark.text.len(),
                code: Code::MarkerStyle,
                found: mark.text.clone(),
                expected: Some(number_in_form_of(&mark.text, usual)),
                suggestion: None,
            });
        }
    }
}

/// The marker written in the usual form of its level: 1. for 1、 where 1. is usual.
fn number_in_form_of(marker: &str, usual: &str) -> String {
    let (before, _) = split_number(marker);
    let number: String = marker
        .chars()
        .skip(before.chars().count())
        .take_while(|&c| !usual.contains(c) && !"、.．）)".contains(c))
        .collect();
    let opening: String = usual.chars().filter(|c| matches!(c, '（' | '(')).collect();
    let closing: String = usual.chars().filter(|c| !matches!(c, '（' | '(')).collect();
    format!("{opening}{number}{closing}")
}

/// Forms GB/T 9704 does not use for headings: 1、 (its third level is 1.), circled
/// numbers, ASCII parentheses.
fn is_nonstandard(marker: &str, family: HeadingFamily) -> bool {
    matches!(family, HeadingFamily::Circled)
        || (family == HeadingFamily::DigitDot && marker.ends_with('、'))
        || marker.contains(['(', ')'])
}

/// Runs of points (一是…二是…) with a number lost or said twice, the points the
/// recognizer left out included.
fn points(doc: &Document, found: &mut Vec<Finding>) {
    let mut candidates: Vec<PointCandidate> = Vec::new();
    for block in doc.blocks.iter().filter(|block| {
        matches!(
            block.role,
            BlockRole::Body | BlockRole::Heading | BlockRole::Preamble
        )
    }) {
        point_candidates(&doc.text, block.span.clone(), &mut candidates);
    }
    // A run lives within one heading's text and one family of markers.
    let mut runs: BTreeMap<(Option<usize>, u8), Vec<&PointCandidate>> = BTreeMap::new();
    for candidate in &candidates {
        if matches!(candidate.marker.family, PointFamily::Sequence)
            || candidate.marker.number == LAST
        {
            continue;
        }
        let owner = enclosing(doc, candidate.at).find(|&index| {
            doc.nodes
                .get(index)
                .is_some_and(|node| node.kind.is_section())
        });
        runs.entry((owner, family_key(candidate.marker.family)))
            .or_default()
            .push(candidate);
    }
    // Which paragraph each candidate is in, by index: a run goes on from one paragraph
    // to the next (a point a paragraph, with a paragraph or two of its own between), not
    // across a stretch of other text.
    let paragraph_of = |candidate: &PointCandidate| {
        doc.blocks
            .partition_point(|block| block.span.start < candidate.paragraph.start)
    };
    for run in runs.values() {
        // One marker alone is a word in a sentence more often than a point.
        if run.len() < 2 {
            continue;
        }
        let mut last: Option<u32> = None;
        let mut last_paragraph: Option<usize> = None;
        for candidate in run {
            let number = candidate.marker.number;
            let paragraph = paragraph_of(candidate);
            if last_paragraph.is_some_and(|previous| paragraph > previous + MAX_PARAGRAPHS_APART) {
                last = None;
            }
            last_paragraph = Some(paragraph);
            let text = doc
                .text
                .get(candidate.at..candidate.at + candidate.marker.len)
                .unwrap_or_default()
                .to_owned();
            let span = candidate.at..candidate.at + candidate.marker.len;
            match last {
                // A run starts again at 1.
                _ if number == 1 => {}
                Some(previous) if number <= previous => found.push(Finding {
                    span,
                    code: Code::PointsDuplicate,
                    expected: Some(number_in_form(&text, previous + 1)),
                    found: text,
                    suggestion: None,
                }),
                Some(previous) if number > previous + 1 => found.push(Finding {
                    span,
                    code: Code::PointsGap,
                    expected: Some(number_in_form(&text, previous + 1)),
                    found: text,
                    suggestion: None,
                }),
                None => found.push(Finding {
                    span,
                    code: Code::PointsGap,
                    expected: Some(number_in_form(&text, 1)),
                    found: text,
                    suggestion: None,
                }),
                Some(_) => {}
            }
            last = Some(number);
        }
    }
}

/// How far apart, in paragraphs, two points of one run may be.
const MAX_PARAGRAPHS_APART: usize = 3;

/// Families counted as one run: 一是 and 一要 are different runs, as the recognizer
/// reads them.
fn family_key(family: PointFamily) -> u8 {
    match family {
        PointFamily::Shi => 0,
        PointFamily::Yao => 1,
        PointFamily::Ordinal => 2,
        PointFamily::Sequence => 3,
        PointFamily::DigitParen => 4,
        PointFamily::Circled => 5,
    }
}

/// What an announced count counts: 讲三点意见, 三个方面, 以下四项, 两个问题.
const COUNTED: &[&str] = &[
    "点意见",
    "点要求",
    "点建议",
    "点看法",
    "点体会",
    "点想法",
    "点认识",
    "个方面",
    "项工作",
    "项任务",
    "个问题",
    "条意见",
];

/// An announced count against the parts that follow it: the headings after the
/// paragraph that announces them, or the points in it after the announcement.
fn announced_counts(doc: &Document, found: &mut Vec<Finding>) {
    for block in doc.blocks.iter().filter(|block| {
        matches!(
            block.role,
            BlockRole::Body | BlockRole::Preamble | BlockRole::Heading
        )
    }) {
        let Some(paragraph) = doc.text.get(block.span.clone()) else {
            continue;
        };
        let mut previous = None;
        for (offset, c) in paragraph.char_indices() {
            // 第三个方面 is the third, not a count of three.
            let ordinal = previous == Some('第');
            previous = Some(c);
            if ordinal
                || !matches!(
                    c,
                    '两' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
                )
            {
                continue;
            }
            let Some(rest) = paragraph.get(offset..) else {
                continue;
            };
            let Some((announced, digits)) = announced_number(rest) else {
                continue;
            };
            let Some(counted) = rest
                .get(digits..)
                .and_then(|after| COUNTED.iter().find(|word| after.starts_with(**word)))
            else {
                continue;
            };
            // The announcement ends its paragraph (讲三点意见：), or points follow in it.
            let end = offset + digits + counted.len();
            let tail = paragraph.get(end..).unwrap_or_default();
            let at = block.span.start + offset;
            let actual = if tail.chars().count() <= 3 {
                headings_after(doc, block.span.end)
            } else {
                points_after(doc, block.span.start + end, block.span.end)
            };
            if let Some(actual) = actual
                && actual != announced
            {
                found.push(Finding {
                    span: at..at + digits,
                    code: Code::CountMismatch,
                    found: rest
                        .get(..digits + counted.len())
                        .unwrap_or_default()
                        .to_owned(),
                    expected: Some(actual.to_string()),
                    suggestion: None,
                });
            }
        }
    }
}

/// A small count written out (两, 三, 十): the number and its length.
fn announced_number(text: &str) -> Option<(u32, usize)> {
    if text.starts_with('两') {
        return Some((2, '两'.len_utf8()));
    }
    chinese_numeral(text).filter(|&(n, _)| (2..=20).contains(&n))
}

/// The top-level run of headings right after `end`: how many siblings of the first
/// heading there, if a heading comes next.
fn headings_after(doc: &Document, end: usize) -> Option<u32> {
    let first = doc.nodes.partition_point(|node| node.head.start < end);
    let node = doc.nodes.get(first)?;
    if node.kind != NodeKind::Heading
        || doc.text.get(end..node.head.start)?.trim().chars().count() > 0
    {
        return None;
    }
    let siblings = doc.nodes[first..]
        .iter()
        .take_while(|other| other.depth >= node.depth)
        .filter(|other| {
            other.kind == NodeKind::Heading
                && other.depth == node.depth
                && other.parent == node.parent
        })
        .count();
    u32::try_from(siblings).ok()
}

/// The points of the run that starts right after `from` in the same paragraph.
fn points_after(doc: &Document, from: usize, end: usize) -> Option<u32> {
    let mut candidates = Vec::new();
    point_candidates(&doc.text, from..end, &mut candidates);
    let first = candidates.first()?;
    // The run must start at once: the announcement is followed by its first point.
    if first.marker.number != 1 || doc.text.get(from..first.at)?.chars().count() > 2 {
        return None;
    }
    let family = first.marker.family;
    let mut count = 0;
    for candidate in candidates.iter().filter(|c| c.marker.family == family) {
        if candidate.marker.number == count + 1 {
            count += 1;
        }
    }
    Some(count)
}
