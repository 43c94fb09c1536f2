//! The text reports of `briefing search` and `briefing stats`, as lines and as JSON.

use std::io::{self, Write};

use serde::Serialize;

use crate::document::{Document, visible_chars};
use crate::search::Pattern;
use crate::speaking::{format_duration, seconds_for};

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

/// Every match of `pattern` with its line, heading path and context.
pub fn search_hits(doc: &Document, pattern: &str) -> Vec<SearchHit> {
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
                        .map(|i| doc.node_title(i))
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

/// Speaking time of one heading.
#[derive(Debug, Serialize)]
pub struct HeadingStats {
    pub depth: usize,
    pub marker: Option<String>,
    pub label: String,
    pub line: usize,
    pub chars: usize,
    pub seconds: u64,
}

/// `briefing stats`: characters and speaking time per heading and in total.
#[derive(Debug, Serialize)]
pub struct Stats {
    pub rate: u32,
    pub chars: usize,
    pub seconds: u64,
    pub headings: Vec<HeadingStats>,
}

impl Stats {
    pub fn new(doc: &Document, rate: u32) -> Self {
        let chars = doc.chars();
        let headings = doc
            .nodes
            .iter()
            .filter(|node| node.kind.is_section())
            .map(|node| {
                let chars = visible_chars(doc.slice(&node.span));
                HeadingStats {
                    depth: node.depth,
                    marker: node.marker.clone(),
                    label: node.label.clone(),
                    line: node.line,
                    chars,
                    seconds: seconds_for(chars, rate),
                }
            })
            .collect();
        Self {
            rate,
            chars,
            seconds: seconds_for(chars, rate),
            headings,
        }
    }

    /// A table: time, characters, then the heading indented by depth.
    pub fn write_text(&self, out: &mut (impl Write + ?Sized)) -> io::Result<()> {
        writeln!(
            out,
            "{:>7}  {:>6}  heading (at {} characters a minute)",
            "time", "chars", self.rate
        )?;
        for heading in &self.headings {
            writeln!(
                out,
                "{:>7}  {:>6}  {}{}{}",
                format_duration(heading.seconds),
                heading.chars,
                "  ".repeat(heading.depth),
                heading.marker.as_deref().unwrap_or_default(),
                heading.label
            )?;
        }
        writeln!(
            out,
            "{:>7}  {:>6}  total",
            format_duration(self.seconds),
            self.chars
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse_text;

    #[test]
    fn hits_carry_line_path_and_context() {
        let doc =
            parse_text("讲话\n\n一、认清形势\n存在困难。一是创建“三连冠”要求高。二是难度大。\n");
        let hits = search_hits(&doc, "三连冠");
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
        assert_eq!(stats.chars, 16);
    }
}
