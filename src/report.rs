//! The text reports of `briefing search` and `briefing stats`, as lines and as JSON.

use std::io::{self, Write};
use std::ops::Range;

use serde::Serialize;

use crate::document::{Document, Node, NodeKind};
use crate::rehearsal::Record;
use crate::search::Pattern;
use crate::speaking::{SpokenText, format_duration, is_spoken, seconds_for};
use crate::strings::Strings;
use crate::text::{AmbiguousWidth, str_width};

/// Characters of context shown on each side of a match.
const CONTEXT_CHARS: usize = 16;

/// One match of `briefing search`.
#[derive(Debug, Serialize)]
pub struct SearchHit {
    pub line: usize,
    /// Labels from the top-level heading down to the point that holds the match.
    pub path: Vec<String>,
    /// The matched text as it stands in the document.
    pub text: String,
    /// The match with some text on each side, on one line.
    pub context: String,
}

#[derive(Debug, Serialize)]
struct SearchReport<'a> {
    pattern: &'a str,
    count: usize,
    matches: &'a [SearchHit],
}

/// Every match of `pattern` with its line, heading path and context; nodes without words
/// of their own in the path named by `unnamed`.
pub fn search_hits(
    doc: &Document,
    pattern: &str,
    unnamed: &dyn Fn(NodeKind) -> &'static str,
) -> Vec<SearchHit> {
    let Some(pattern) = Pattern::new(pattern) else {
        return Vec::new();
    };
    pattern
        .find_all(&doc.text)
        .into_iter()
        .map(|range| {
            let path = doc
                .node_at(range.start)
                .map(|node| {
                    doc.path(node)
                        .into_iter()
                        .map(|i| doc.node_title(i, unnamed))
                        .collect()
                })
                .unwrap_or_default();
            let before: String = {
                let head = doc.text.get(..range.start).unwrap_or_default();
                let line_start = head.rfind('\n').map_or(0, |at| at + 1);
                let mut chars: Vec<char> = head
                    .get(line_start..)
                    .unwrap_or_default()
                    .chars()
                    .rev()
                    .take(CONTEXT_CHARS)
                    .collect();
                chars.reverse();
                chars
                    .into_iter()
                    .collect::<String>()
                    .trim_start()
                    .to_owned()
            };
            let after: String = doc
                .text
                .get(range.end..)
                .unwrap_or_default()
                .chars()
                .take_while(|c| *c != '\n')
                .take(CONTEXT_CHARS)
                .collect();
            let text = doc.slice(&range).to_owned();
            SearchHit {
                line: doc.line_of(range.start),
                path,
                context: format!("{before}{}{after}", text.replace('\n', " ")),
                text,
            }
        })
        .collect()
}

/// Lines in grep's spirit: `LINE:PATH: CONTEXT`, PATH being `heading › point` or `-`.
pub fn write_search_text(out: &mut (impl Write + ?Sized), hits: &[SearchHit]) -> io::Result<()> {
    for hit in hits {
        let path = if hit.path.is_empty() {
            "-".to_owned()
        } else {
            hit.path.join(" › ")
        };
        writeln!(out, "{}:{}: {}", hit.line, path, hit.context)?;
    }
    Ok(())
}

pub fn write_search_json(
    out: &mut (impl Write + ?Sized),
    pattern: &str,
    hits: &[SearchHit],
) -> io::Result<()> {
    crate::json::write_pretty(
        out,
        &SearchReport {
            pattern,
            count: hits.len(),
            matches: hits,
        },
    )
}

/// What a row of `briefing stats` is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RowKind {
    /// The salutation and the remarks before the first heading.
    Opening,
    Heading,
    Point,
    /// The final exhortation or thanks.
    Closing,
}

/// One row of `briefing stats`: a part of the speech and the time it takes.
#[derive(Clone, Debug, Serialize)]
pub struct Row {
    pub kind: RowKind,
    /// 0 for the parts that add up to the whole (opening, top-level headings, closing);
    /// a part of a row is one deeper than it.
    pub depth: usize,
    pub marker: Option<String>,
    /// The heading or the point's lead phrase; for the opening its salutation (同志们：),
    /// for the closing its first words.
    pub label: String,
    pub line: usize,
    /// Spoken characters, whitespace not counted.
    pub chars: usize,
    /// From reaching the start of the row to reaching its end, speaking from the top:
    /// so the rows at depth 0 add up to the total to the second.
    pub seconds: u64,
    /// Byte offset where the row's text starts, for a rehearsal to tell which row the
    /// speaker is in.
    #[serde(skip)]
    pub start: usize,
}

impl Row {
    /// The row as the table names it: the marker and label, the opening and the
    /// closing said to be so.
    pub fn part(&self, strings: Strings) -> String {
        let marker = self.marker.as_deref().unwrap_or_default();
        match self.kind {
            RowKind::Opening => strings.stats_opening(&self.label),
            // The label is the closing's first words, as the outline shows them.
            RowKind::Closing => strings.stats_closing(&self.label),
            RowKind::Heading => format!("{marker}{}", self.label),
            RowKind::Point => format!("{marker} {}", self.label),
        }
    }
}

/// `briefing stats`: characters and speaking time of the spoken text, per part and in
/// total.
#[derive(Debug, Serialize)]
pub struct Stats {
    pub rate: u32,
    /// Spoken characters in all.
    pub chars: usize,
    pub seconds: u64,
    /// The heading rows alone (the key `stats --format json` has always had).
    pub headings: Vec<Row>,
    /// Every row in document order: opening, headings with their points, closing.
    pub rows: Vec<Row>,
    /// Characters of the whole document, spoken or not.
    pub document_chars: usize,
    /// The rehearsals kept with the document's saved state, the latest last.
    pub rehearsals: Vec<Record>,
}

impl Stats {
    pub fn new(doc: &Document, rate: u32) -> Self {
        let spoken = SpokenText::new(doc);
        let row = |kind, depth, marker: Option<&String>, label: &str, line, span: Range<usize>| {
            let (before, after) = (spoken.before(doc, span.start), spoken.before(doc, span.end));
            Row {
                kind,
                depth,
                marker: marker.cloned(),
                label: label.replace('\n', " "),
                line,
                chars: after - before,
                seconds: seconds_for(after, rate) - seconds_for(before, rate),
                start: span.start,
            }
        };
        let spoken_nodes: Vec<(usize, &Node)> = doc
            .nodes
            .iter()
            .enumerate()
            .filter(|(_, node)| node.span.start < spoken.end())
            .collect();
        // The rows at depth 0 run each from its start to the next one's, the opening
        // from the top and the last to the end of the spoken text: together they cover
        // it once, so they add up to the total.
        let top_starts: Vec<usize> = spoken_nodes
            .iter()
            .filter(|(_, node)| {
                node.parent.is_none() && matches!(node.kind, NodeKind::Heading | NodeKind::Closing)
            })
            .map(|(_, node)| node.span.start)
            .collect();
        let top_end = |start: usize| {
            top_starts
                .iter()
                .find(|&&next| next > start)
                .copied()
                .unwrap_or(spoken.end())
        };
        let mut rows = Vec::new();
        let opening = 0..top_starts.first().copied().unwrap_or(spoken.end());
        if spoken.before(doc, opening.end) > 0 {
            let salutation = doc.nodes.iter().find(|n| n.kind == NodeKind::Salutation);
            let first_spoken_line = doc
                .blocks
                .iter()
                .find(|block| is_spoken(block.role))
                .map_or(1, |block| block.line);
            rows.push(row(
                RowKind::Opening,
                0,
                None,
                salutation.map_or("", |node| node.label.as_str()),
                salutation.map_or(first_spoken_line, |node| node.line),
                opening,
            ));
        }
        for (index, node) in spoken_nodes {
            // The salutation's text is the opening's; the footer is not spoken.
            let (kind, depth, span) = match (node.kind, node.parent) {
                (NodeKind::Heading | NodeKind::Closing, None) => {
                    let kind = if node.kind == NodeKind::Closing {
                        RowKind::Closing
                    } else {
                        RowKind::Heading
                    };
                    (kind, 0, node.span.start..top_end(node.span.start))
                }
                (NodeKind::Heading, Some(_)) => (
                    RowKind::Heading,
                    doc.path(index).len() - 1,
                    node.span.clone(),
                ),
                // A point outside every heading is part of the opening.
                (NodeKind::Point, None) => (RowKind::Point, 1, node.span.clone()),
                (NodeKind::Point, Some(_)) => {
                    (RowKind::Point, doc.path(index).len() - 1, node.span.clone())
                }
                _ => continue,
            };
            rows.push(row(
                kind,
                depth,
                node.marker.as_ref(),
                &node.label,
                node.line,
                span,
            ));
        }
        let chars = spoken.total();
        Self {
            rate,
            chars,
            seconds: seconds_for(chars, rate),
            headings: rows
                .iter()
                .filter(|row| row.kind == RowKind::Heading)
                .cloned()
                .collect(),
            rows,
            document_chars: doc.chars(),
            rehearsals: Vec::new(),
        }
    }

    /// A table: time, characters, then the part indented by depth; the total; and what
    /// was counted. After a rehearsal, its time per section stands beside the estimate.
    pub fn write_text(&self, out: &mut (impl Write + ?Sized), strings: Strings) -> io::Result<()> {
        let lang = strings.lang();
        let total_time = format_duration(self.seconds, lang);
        let [time_head, chars_head, part_head] = strings.stats_heads(self.rate);
        let width = |text: &str| str_width(text, AmbiguousWidth::Narrow);
        // Every row's time is at most the total's, so the total's is the widest.
        let time_width = width(&total_time).max(width(&time_head)) + 2;
        let chars_width = self.chars.to_string().len().max(width(&chars_head)) + 2;
        // Right-aligned by display width: a Chinese head is two columns a character.
        let right = |text: &str, columns: usize| {
            format!("{}{text}", " ".repeat(columns.saturating_sub(width(text))))
        };
        let last = self.rehearsals.last();
        let rehearsed_head = strings.stats_rehearsed_head();
        let rehearsed_width = last.map_or(0, |record| {
            width(&format_duration(record.seconds, lang)).max(width(&rehearsed_head)) + 2
        });
        // The rehearsal's time of a row at depth 0, found by the line its section starts on.
        let rehearsed = |row: Option<&Row>| {
            let Some(record) = last else {
                return String::new();
            };
            let seconds = match row {
                None => Some(record.seconds),
                Some(row) if row.depth == 0 => record
                    .sections
                    .iter()
                    .find(|section| section.line == row.line)
                    .map(|section| section.seconds),
                Some(_) => None,
            };
            right(
                &seconds.map_or_else(String::new, |s| format_duration(s, lang)),
                rehearsed_width,
            )
        };
        writeln!(
            out,
            "{}{}{}  {part_head}",
            right(&time_head, time_width),
            right(
                if last.is_some() { &rehearsed_head } else { "" },
                rehearsed_width
            ),
            right(&chars_head, chars_width)
        )?;
        for row in &self.rows {
            writeln!(
                out,
                "{}{}{}  {}{}",
                right(&format_duration(row.seconds, lang), time_width),
                rehearsed(Some(row)),
                right(&row.chars.to_string(), chars_width),
                "  ".repeat(row.depth),
                row.part(strings),
            )?;
        }
        writeln!(
            out,
            "{}{}{}  {}",
            right(&total_time, time_width),
            rehearsed(None),
            right(&self.chars.to_string(), chars_width),
            strings.stats_total()
        )?;
        writeln!(
            out,
            "{}",
            strings.stats_counted(self.chars, self.document_chars)
        )?;
        if let Some(record) = last {
            writeln!(
                out,
                "{}",
                strings.stats_last_rehearsal(record.seconds, record.rate)
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse_text;
    use crate::strings::Lang;

    #[test]
    fn hits_carry_line_path_and_context() {
        let doc =
            parse_text("讲话\n\n一、认清形势\n存在困难。一是创建“三连冠”要求高。二是难度大。\n");
        let hits = search_hits(&doc, "三连冠", &|kind| {
            Strings(Lang::Zh).unnamed_node(kind)
        });
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].line, 4);
        assert_eq!(hits[0].path, ["一、认清形势", "一是 创建“三连冠”要求高"]);
        assert_eq!(
            hits[0].context,
            "存在困难。一是创建“三连冠”要求高。二是难度大。"
        );
        let mut out = Vec::new();
        write_search_text(&mut out, &hits).expect("writes");
        assert_eq!(
            String::from_utf8(out).expect("utf-8"),
            "4:一、认清形势 › 一是 创建“三连冠”要求高: 存在困难。一是创建“三连冠”要求高。二是难度大。\n"
        );
    }

    /// (kind, depth, chars) of each row.
    fn shape(stats: &Stats) -> Vec<(RowKind, usize, usize)> {
        stats
            .rows
            .iter()
            .map(|row| (row.kind, row.depth, row.chars))
            .collect()
    }

    fn depth_zero_sum(stats: &Stats) -> (usize, u64) {
        stats
            .rows
            .iter()
            .filter(|row| row.depth == 0)
            .fold((0, 0), |(chars, seconds), row| {
                (chars + row.chars, seconds + row.seconds)
            })
    }

    #[test]
    fn stats_add_up_per_heading() {
        let doc = parse_text("讲话\n\n一、甲\n正文。\n二、乙\n正文正文。\n");
        let stats = Stats::new(&doc, 60);
        let per_heading: Vec<(String, usize, u64)> = stats
            .headings
            .iter()
            .map(|h| (h.label.clone(), h.chars, h.seconds))
            .collect();
        assert_eq!(
            per_heading,
            [("甲".to_owned(), 6, 6), ("乙".to_owned(), 8, 8)]
        );
        // The title is not spoken.
        assert_eq!(stats.chars, 14);
        assert_eq!(stats.document_chars, 16);
    }

    #[test]
    fn rows_cover_the_opening_points_and_closing_and_add_up() {
        let doc = parse_text(
            "在全市工作会议上的讲话\n（2024年1月5日）\n编者按：这是一篇讲话。\n同志们：\n今天召开会议。\n\
             一、总体要求\n一是抓落实。二是抓进度。\n（一）分目标\n正文。\n二、主要任务\n正文正文。\n\
             同志们，让我们共同努力，谢谢大家！\n（来源：市政府网站）\n注释\n①《文选》，人民出版社2020年版，第3页。\n",
        );
        let stats = Stats::new(&doc, 60);
        assert_eq!(
            shape(&stats),
            [
                (RowKind::Opening, 0, 11),
                (RowKind::Heading, 0, 27),
                (RowKind::Point, 1, 6),
                (RowKind::Point, 1, 6),
                (RowKind::Heading, 1, 9),
                (RowKind::Heading, 0, 11),
                (RowKind::Closing, 0, 17),
            ]
        );
        assert_eq!(stats.rows[0].label, "同志们：");
        // Title, byline, editor's note, footer and notes are not spoken.
        assert_eq!(stats.chars, 66);
        assert_eq!(depth_zero_sum(&stats), (66, 66));
        assert_eq!(stats.headings.len(), 3);
    }

    #[test]
    fn points_outside_every_heading_are_parts_of_the_opening() {
        let doc = parse_text("讲话\n同志们：\n第一，要学习。第二，要落实。\n");
        let stats = Stats::new(&doc, 60);
        assert_eq!(
            shape(&stats),
            [
                (RowKind::Opening, 0, 18),
                (RowKind::Point, 1, 7),
                (RowKind::Point, 1, 7),
            ]
        );
        assert_eq!(depth_zero_sum(&stats).0, stats.chars);
    }

    #[test]
    fn attachments_are_not_spoken() {
        let doc = parse_text(
            "通知\n各单位：\n一、总则\n正文。\n二、要求\n正文。\n某某办公室\n2024年1月5日\n\
             附件1：工作安排\n一、时间\n正文。\n二、地点\n正文。\n",
        );
        let stats = Stats::new(&doc, 60);
        assert_eq!(
            shape(&stats),
            [
                (RowKind::Opening, 0, 4),
                (RowKind::Heading, 0, 7),
                (RowKind::Heading, 0, 7),
            ]
        );
        assert_eq!(stats.chars, 18);
    }

    #[test]
    fn row_times_add_up_to_the_total_to_the_second() {
        // Three headings of 3 characters at 100 a minute: 5.4 s in all, 5″; each row
        // floored alone, 1.8 s would be 1″ and the rows 3″.
        let doc = parse_text("讲话\n一、甲\n二、乙\n三、丙\n");
        let stats = Stats::new(&doc, 100);
        let (chars, seconds) = depth_zero_sum(&stats);
        assert_eq!(chars, stats.chars);
        assert_eq!(seconds, stats.seconds);
    }

    #[test]
    fn the_last_rehearsal_stands_beside_the_estimate() {
        let doc = parse_text("讲话\n\n一、甲\n正文。\n二、乙\n正文。\n");
        let mut stats = Stats::new(&doc, 60);
        stats.rehearsals = vec![Record {
            started: 1,
            seconds: 75,
            rate: 80,
            sections: vec![crate::rehearsal::SectionTime {
                label: "一、甲".to_owned(),
                line: 3,
                seconds: 70,
            }],
        }];
        let mut out = Vec::new();
        stats
            .write_text(&mut out, Strings(Lang::En))
            .expect("writes");
        let text = String::from_utf8(out).expect("UTF-8");
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[0],
            "   time  rehearsed  chars  part (at 60 characters a minute)"
        );
        assert_eq!(lines[1], "  0m06s      1m10s      6  一、甲");
        assert_eq!(lines[2], "  0m06s                 6  二、乙");
        assert_eq!(lines[3], "  0m12s      1m15s     12  total");
        assert!(
            lines[5].contains("1m15s at 80 characters a minute"),
            "{}",
            lines[5]
        );
    }

    #[test]
    fn text_output_ends_with_the_total_and_what_was_counted() {
        let doc = parse_text("讲话\n\n一、甲\n正文。\n");
        let mut out = Vec::new();
        Stats::new(&doc, 60)
            .write_text(&mut out, Strings(Lang::En))
            .expect("writes");
        let text = String::from_utf8(out).expect("UTF-8");
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "   time  chars  part (at 60 characters a minute)");
        assert_eq!(lines[1], "  0m06s      6  一、甲");
        assert_eq!(lines[2], "  0m06s      6  total");
        assert!(lines[3].starts_with("Counted: the spoken text, 6 of the document's 8"));
    }
}
