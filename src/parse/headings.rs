//! Headings: which line-initial markers and unnumbered lines are headings, and their
//! depth in this document's own nesting.

use super::ending::is_attachment_line;
use super::markers::{
    HeadingFamily, HeadingMarker, PointFamily, is_clause_mark, is_date_line, is_han,
    is_punctuation, is_space,
};
use super::{FoundHeading, Parser, markers, points};
use crate::document::BlockRole;
use std::collections::HashMap;
use std::ops::Range;

/// Characters a heading with no siblings may have: a lone 一、 or 1. must be a short line
/// of its own (or a short lead, below) to be taken for a heading.
const MAX_LONE_HEADING_CHARS: usize = 30;
/// The same for a run-in heading's lead.
const MAX_LONE_RUN_IN_CHARS: usize = 12;

/// The evidence of form a marker with no siblings needs.
#[derive(Clone, Copy, Debug)]
struct Form {
    /// A short line of its own, or a short lead before a stop (一、认清形势。…).
    stands_alone: bool,
    /// A short line of its own with no sentence ended on it (四、保障措施).
    heading_line: bool,
}

/// 一、二月份 or 三至五年: the marker is the first number of a range, not a marker.
fn starts_with_number_range(label: &str) -> bool {
    markers::chinese_numeral(label).is_some_and(|(_, len)| {
        label.get(len..).is_some_and(|rest| {
            rest.starts_with(['、', '月', '季', '年', '至', '到', '-', '—', '～', '~'])
        })
    })
}

/// Why a numbered marker was taken as a heading: the sequence it belongs to.
#[derive(Clone, Copy, Debug)]
enum Sequence {
    First,
    FollowsInScope(u32),
    FollowsInDocument(u32),
    /// A run that starts mid-way, with this number after it.
    StartsRun(u32),
    /// Out of any run, but a heading line of its own.
    Alone,
    Unnumbered,
}

impl Sequence {
    fn describe(self) -> String {
        match self {
            Self::First => "the first number".to_owned(),
            Self::FollowsInScope(n) => format!("follows {n} at its level"),
            Self::FollowsInDocument(n) => format!("follows {n} in the document"),
            Self::StartsRun(next) => format!("starts a run that {next} continues later"),
            Self::Alone => "in no run, but a short heading line of its own".to_owned(),
            Self::Unnumbered => String::new(),
        }
    }
}

/// A heading whose section is still open while the headings below it are read.
struct OpenHeading {
    family: HeadingFamily,
    /// Its index among the headings found.
    index: usize,
    number: u32,
    /// Numbered headings came before it (an unnumbered heading may then hold a run).
    after_numbered: bool,
    /// An unnumbered heading holding the numbered run that follows it.
    holds: bool,
}

/// The numbering read so far: which families are open above the next heading, the
/// last number of each, and where each (family, number) is last seen as a marker.
#[derive(Default)]
struct Nesting {
    stack: Vec<OpenHeading>,
    last_number: HashMap<HeadingFamily, u32>,
    /// A copy that starts mid-way begins its run at any number, shown by the next
    /// number after it.
    last_seen: HashMap<(HeadingFamily, u32), usize>,
}

impl Nesting {
    /// Whether a numbered marker at paragraph `index` continues a sequence: the first
    /// number, the next one in its scope or in the document (one may be missing: 一、
    /// then 三、 is a typo, not a reason to drop every later heading of the style), or
    /// the start of a run whose next number comes later.
    fn accepts(
        &mut self,
        family: HeadingFamily,
        number: u32,
        index: usize,
        form: Form,
    ) -> Option<Sequence> {
        if family == HeadingFamily::Unnumbered {
            return Some(Sequence::Unnumbered);
        }
        let in_scope = self
            .stack
            .iter()
            .rev()
            .find(|open| open.family == family)
            .map(|open| open.number);
        let anywhere = self.last_number.get(&family).copied();
        let follows =
            |previous: Option<u32>| previous.filter(|&n| number == n + 1 || number == n + 2);
        let next_after = [1, 2].iter().find_map(|step| {
            self.last_seen
                .get(&(family, number.saturating_add(*step)))
                .filter(|&&later| later > index)
                .map(|_| number.saturating_add(*step))
        });
        let sequence = if number == 1 && (next_after.is_some() || form.stands_alone) {
            Sequence::First
        } else if number == 1 {
            // 1. at the start of one paragraph with no 2. anywhere after it is a sentence
            // that starts with a number, unless it is a short line of its own.
            return None;
        } else if let Some(previous) = follows(in_scope) {
            Sequence::FollowsInScope(previous)
        } else if let Some(previous) = follows(anywhere) {
            Sequence::FollowsInDocument(previous)
        } else if let (None, Some(next)) = (in_scope, next_after) {
            Sequence::StartsRun(next)
        } else if in_scope.is_none()
            && (form.heading_line || form.stands_alone && self.last_number.is_empty())
        {
            // A copy that starts mid-way may hold the last of a run alone (四、保障措施),
            // or start inside one (（三）强化监督检查。… before anything else).
            Sequence::Alone
        } else {
            return None;
        };
        self.last_number.insert(family, number);
        Some(sequence)
    }

    /// Opens a heading: closes the sections it ends and returns its depth and parent.
    fn open(
        &mut self,
        family: HeadingFamily,
        number: u32,
        paragraph: usize,
        found: &[FoundHeading],
    ) -> (usize, Option<usize>) {
        // An unnumbered heading after numbered sections that is followed at once by a
        // new run from 1 (结　　论, then 一 … 五 alone on their lines) holds that run.
        if number == 1
            && let Some(top) = self.stack.last_mut()
            && top.family == HeadingFamily::Unnumbered
            && top.after_numbered
            && top.index + 1 == found.len()
            && found.last().is_some_and(|h| h.paragraph + 2 >= paragraph)
        {
            top.holds = true;
        }
        // An unnumbered heading between two numbered ones of a run (一、… 经济运行稳中向好
        // … 二、) is a heading inside the section that run is in, not the run's sibling.
        if family == HeadingFamily::Unnumbered {
            while self
                .stack
                .last()
                .is_some_and(|top| top.family == family && !top.holds)
            {
                self.stack.pop();
            }
            let inside = self.stack.last().is_some_and(|top| {
                top.family != family
                    && [1, 2].iter().any(|step| {
                        self.last_seen
                            .get(&(top.family, top.number.saturating_add(*step)))
                            .is_some_and(|&later| later > paragraph)
                    })
            });
            if inside {
                return self.push(family, number, found.len());
            }
        }
        while let Some(top) = self.stack.last() {
            let same = top.family == family;
            let outranks = if top.holds {
                family == HeadingFamily::Unnumbered
                    || family.rank() < HeadingFamily::NumeralComma.rank()
            } else {
                top.family.rank() >= family.rank()
            };
            if !(same || outranks) {
                break;
            }
            self.stack.pop();
            if same {
                break;
            }
        }
        self.push(family, number, found.len())
    }

    /// Opens a heading on top of those open: its depth and parent.
    fn push(&mut self, family: HeadingFamily, number: u32, index: usize) -> (usize, Option<usize>) {
        let parent = self.stack.last().map(|open| open.index);
        let depth = self.stack.len();
        self.stack.push(OpenHeading {
            family,
            index,
            number,
            after_numbered: !self.last_number.is_empty(),
            holds: false,
        });
        (depth, parent)
    }
}

impl Parser<'_> {
    /// Finds headings and their depths. Depth follows the nesting in this document: a
    /// stack of the numbering families open above the current heading.
    pub(super) fn headings(&mut self, body_start: usize, body_end: usize) -> Vec<FoundHeading> {
        self.mark_attachment_lists(body_start, body_end);
        let marker_at = self.line_markers(body_start, body_end);
        let unnumbered_candidates = (body_start..body_end)
            .filter(|&i| {
                self.roles[i].is_none()
                    && !self.paragraphs[i].continues
                    && marker_at[i - body_start].is_none()
                    && self.is_unnumbered_candidate(i, body_end)
            })
            .count();
        let several_unnumbered = unnumbered_candidates >= 3;
        let mut nesting = Nesting::default();
        for (index, marker) in (body_start..body_end).zip(&marker_at) {
            if let Some(marker) = marker {
                nesting
                    .last_seen
                    .insert((marker.family, marker.number), index);
            }
        }
        let mut found: Vec<FoundHeading> = Vec::new();
        for (index, marker) in (body_start..body_end).zip(marker_at) {
            if self.roles[index].is_some() || self.paragraphs[index].continues {
                continue;
            }
            let (family, number, marker_len) = if let Some(marker) = marker {
                (marker.family, marker.number, Some(marker.len))
            } else if self.is_unnumbered_heading(index, body_end, several_unnumbered) {
                (HeadingFamily::Unnumbered, 0, None)
            } else {
                continue;
            };
            let paragraph = self.paragraphs[index].clone();
            let marker = marker_len.map(|len| paragraph.span.start..paragraph.span.start + len);
            let after_marker = marker.as_ref().map_or(paragraph.span.start, |m| m.end);
            let (label, run_in, body_start_at) =
                heading_label(self.text, after_marker..paragraph.span.end);
            let label_text = self.text.get(label.clone()).unwrap_or_default();
            let form = self.form(index, label_text, run_in);
            // （2）… on the line after one that opened an inline list with （1） continues
            // that list: a point of the paragraph above, not a heading.
            if matches!(family, HeadingFamily::DigitParen | HeadingFamily::Circled)
                && number > 1
                && index > body_start
                && self.continues_inline_list(index - 1, number - 1)
            {
                self.note(index, || {
                    "not a heading: continues the inline list of the line above".to_owned()
                });
                continue;
            }
            // 一、二季度分别增长… or 一、二、三产业协调发展: the 、 joins two numbers of a
            // range, it does not end a marker. （一）一季度… is a marker all the same.
            let marker_text = marker
                .as_ref()
                .and_then(|m| self.text.get(m.clone()))
                .unwrap_or_default();
            if marker_text.ends_with('、') && starts_with_number_range(label_text) {
                self.note(index, || {
                    "not a heading: the marker is the first number of a range (一、二季度)"
                        .to_owned()
                });
                continue;
            }
            let Some(sequence) = nesting.accepts(family, number, index, form) else {
                self.note(index, || {
                    format!(
                        "not a heading: {} {number} forms no sequence (no number before it, none after) and is not a short line of its own",
                        family.example()
                    )
                });
                continue;
            };
            let (depth, parent) = nesting.open(family, number, index, &found);
            self.note(index, || {
                let inside = parent
                    .and_then(|p| found.get(p))
                    .and_then(|p| p.marker.clone())
                    .and_then(|m| self.text.get(m))
                    .map_or_else(String::new, |m| format!(", inside {m}"));
                let why = if family == HeadingFamily::Unnumbered {
                    self.unnumbered_reason(index, several_unnumbered)
                } else {
                    format!(
                        "{} number {number}, {}",
                        family.example(),
                        sequence.describe()
                    )
                };
                format!("heading at depth {depth}: {why}{inside}")
            });
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

    /// Whether paragraph `index` holds, after its start, the inline point marker numbered
    /// `number` (（1） in 主要有以下三个特点：（1）…), or starts with it and is such a
    /// continued item itself.
    fn continues_inline_list(&self, index: usize, number: u32) -> bool {
        let Some(range) = self.paragraphs.get(index).map(|p| p.span.clone()) else {
            return false;
        };
        let mut found = Vec::new();
        points::candidates(self.text, range.clone(), &mut found);
        found.iter().any(|candidate| {
            candidate.marker.number == number
                && matches!(
                    candidate.marker.family,
                    PointFamily::DigitParen | PointFamily::Circled
                )
                && (candidate.at > range.start || self.roles[index] != Some(BlockRole::Heading))
        })
    }

    /// The form of a heading candidate at paragraph `index` with this label: what a
    /// marker with no siblings needs. A short line of its own, or a short lead before a
    /// stop (一、认清形势。…); 一、二月份，… reads 一、 as the first of a range of numbers,
    /// not as a marker.
    fn form(&self, index: usize, label_text: &str, run_in: bool) -> Form {
        let longest = if run_in {
            MAX_LONE_RUN_IN_CHARS
        } else {
            MAX_LONE_HEADING_CHARS
        };
        let stands_alone =
            label_text.chars().nth(longest).is_none() && !starts_with_number_range(label_text);
        // A heading line of its own: no body after it, no sentence ended on it.
        let heading_line = stands_alone
            && !run_in
            && !self
                .para_text(index)
                .ends_with(['。', '！', '？', '；', '!', '?', ';']);
        Form {
            stands_alone,
            heading_line,
        }
    }

    /// Each paragraph's line-initial marker, read once, keeping those that can head a
    /// section here.
    fn line_markers(&self, body_start: usize, body_end: usize) -> Vec<Option<HeadingMarker>> {
        let marker_at: Vec<Option<HeadingMarker>> = (body_start..body_end)
            .map(|i| {
                (self.roles[i].is_none() && !self.paragraphs[i].continues)
                    .then(|| markers::heading_marker(self.para_text(i)))
                    .flatten()
            })
            .collect();
        // A digit and a space (1 总则) heads a section only in a document numbered in
        // decimals (1.1, 1.2.1), and only as a short title: elsewhere it is a table row or
        // a spaced-out number, and 1 主干管每周巡查一次； is an item of a clause's list.
        let decimal_document = marker_at
            .iter()
            .flatten()
            .any(|m| matches!(m.family, HeadingFamily::Decimal(levels) if levels >= 2));
        let marker_at: Vec<Option<HeadingMarker>> = (body_start..body_end)
            .zip(marker_at)
            .map(|(index, marker)| {
                marker.filter(|m| {
                    let text = self.para_text(index);
                    let decimal_title = m.family != HeadingFamily::Decimal(1)
                        || decimal_document
                            && text.chars().nth(MAX_LONE_HEADING_CHARS).is_none()
                            && !text.contains(['，', '。', '；', '：', ',', ';']);
                    // A numeral alone on its line heads what follows it: prose, a
                    // heading, or a short line above prose; in a table flattened one cell
                    // a line (一 / 税收收入 / 52000) it is a cell.
                    let introduces = || {
                        let next = self.para_text(index + 1);
                        is_prose(next)
                            || markers::heading_marker(next).is_some()
                            || is_short_line(next) && is_prose(self.para_text(index + 2))
                    };
                    let alone = m.len == text.len();
                    decimal_title && (!alone || introduces())
                })
            })
            .collect();
        marker_at
    }

    /// The 附件说明 (附件：1.… 2.…) lists attachments; its numbers are not headings.
    fn mark_attachment_lists(&mut self, body_start: usize, body_end: usize) {
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
    }

    /// 引　　言 or 结束语: a short line with no punctuation between body paragraphs. A
    /// section word or a spaced-out line is a heading on its own; other short lines
    /// only when the document has several of them (unnumbered section titles), so a
    /// lone name or signature in the text does not become structure.
    pub(super) fn is_unnumbered_heading(
        &self,
        index: usize,
        body_end: usize,
        several: bool,
    ) -> bool {
        let text = self.para_text(index);
        let compact: String = text.chars().filter(|c| !is_space(*c)).collect();
        let spaced_out = text.trim().contains(['\u{3000}', ' ']) && compact.chars().count() <= 6;
        self.is_unnumbered_candidate(index, body_end)
            && (several || spaced_out || markers::is_section_word(&compact))
    }

    /// Why an unnumbered line is a heading, for `outline --explain`.
    fn unnumbered_reason(&self, index: usize, several: bool) -> String {
        let compact: String = self
            .para_text(index)
            .chars()
            .filter(|c| !is_space(*c))
            .collect();
        let form = if markers::is_section_word(&compact) {
            "a section word (引言, 结束语, 附则…)"
        } else if several {
            "one of several short lines above prose"
        } else {
            "a spaced-out short line (结　　论)"
        };
        format!("an unnumbered line, {form}")
    }

    /// A short unpunctuated line that stands above prose. A run of such lines (verse, a
    /// table flattened into one cell a line, a signature over its date) is not headings:
    /// a heading introduces text, so the line after it is prose and the line before it
    /// is not another line of the same list.
    pub(super) fn is_unnumbered_candidate(&self, index: usize, body_end: usize) -> bool {
        let text = self.para_text(index);
        // What a heading introduces: prose, or the numbered headings under it.
        let next_is_prose = index + 1 < body_end
            && self.roles[index + 1].is_none()
            && (is_prose(self.para_text(index + 1))
                || markers::heading_marker(self.para_text(index + 1)).is_some());
        let previous_is_short_line = index > 0
            && self.roles[index - 1].is_none()
            && is_short_line(self.para_text(index - 1))
            && markers::heading_marker(self.para_text(index - 1)).is_none();
        // A line that ends in a figure (税收收入 52000) is a table's row, not a heading.
        let ends_in_figure =
            text.ends_with(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c));
        is_short_line(text)
            && next_is_prose
            && !previous_is_short_line
            && !ends_in_figure
            && text.chars().any(is_han)
            && !is_date_line(text)
            && index > 0
    }
}

/// A line of 2 to 16 visible characters with no punctuation but 、 and ·: what an
/// unnumbered heading, a table cell or a line of verse printed without marks looks like.
pub(super) fn is_short_line(text: &str) -> bool {
    let visible = text.chars().filter(|c| !is_space(*c)).count();
    (2..=16).contains(&visible)
        && text
            .chars()
            .all(|c| !is_punctuation(c) || matches!(c, '、' | '·'))
}

/// Running text: a sentence or clause mark, or a line longer than a heading would be.
pub(super) fn is_prose(text: &str) -> bool {
    text.contains(['。', '，', '；', '！', '？', ',', ';'])
        || text.ends_with(['：', ':'])
        || text.chars().nth(30).is_some()
}

/// A heading's label after its marker: up to the first 。！？： outside quotes when body
/// text follows (run-in), else the whole line without its trailing punctuation.
/// Returns the label span, whether it is run in, and where the body text starts.
pub(super) fn heading_label(text: &str, range: Range<usize>) -> (Range<usize>, bool, usize) {
    let rest = text.get(range.clone()).unwrap_or_default();
    let leading = rest.len() - rest.trim_start_matches(is_space).len();
    let start = range.start + leading;
    let content = rest.get(leading..).unwrap_or_default();
    // An inline list after the heading's words ends the heading: 一、工作要求（1）…；（2）….
    let mut candidates = Vec::new();
    points::candidates(text, start..range.end, &mut candidates);
    let inline_list = points::runs(&candidates)
        .first()
        .and_then(|run| run.first())
        .map(|first| first.at)
        .filter(|&at| at > start);
    let mut quote_depth = 0u32;
    for (offset, c) in content.char_indices() {
        if inline_list == Some(start + offset) {
            let label = content
                .get(..offset)
                .unwrap_or_default()
                .trim_end_matches(|ch: char| is_space(ch) || is_clause_mark(ch));
            return (start..start + label.len(), true, start + offset);
        }
        match c {
            '“' | '《' | '「' | '『' => quote_depth += 1,
            '”' | '》' | '」' | '』' => quote_depth = quote_depth.saturating_sub(1),
            // 8:30 is a time, not a stop.
            ':' if is_time_colon(content, offset) => {}
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

/// Whether the `:` at `offset` stands between two digits, as in a time (8:30).
fn is_time_colon(content: &str, offset: usize) -> bool {
    let digit = |c: char| c.is_ascii_digit();
    content
        .get(..offset)
        .is_some_and(|before| before.ends_with(digit))
        && content
            .get(offset + 1..)
            .is_some_and(|after| after.starts_with(digit))
}

pub(super) fn is_terminal_mark(c: char) -> bool {
    matches!(c, '。' | '；' | '：' | '！' | '？' | ';' | ':' | '!' | '?')
}
