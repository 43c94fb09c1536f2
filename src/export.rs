//! `briefing export`: the document as clean text, as Markdown, or whole as JSON. This is
//! also how a Word file, a web page or a PDF becomes a plain .txt.
//!
//! Every form is made from the parsed [`Document`]: its paragraphs (blocks, a long one
//! cut into pieces put back together, hard-wrapped lines joined) and its tree.

use std::collections::HashMap;
use std::io::{self, Write};

use serde::Serialize;

use crate::document::{BlockRole, Document, NodeKind};
use crate::outline::Outline;
use crate::text::joins_with_space;

/// A paragraph of the document as one line, and what it is.
struct Paragraph {
    role: BlockRole,
    line: usize,
    text: String,
    /// The depth of the heading it starts with, when it starts with one.
    heading: Option<usize>,
}

/// The document's paragraphs, in order, each on one line.
fn paragraphs(doc: &Document) -> Vec<Paragraph> {
    let headings: HashMap<usize, usize> = doc
        .nodes
        .iter()
        .filter(|node| node.kind == NodeKind::Heading)
        .map(|node| (node.line, node.depth))
        .collect();
    let mut out: Vec<Paragraph> = Vec::new();
    for block in &doc.blocks {
        let text = one_line(doc.slice(&block.span));
        match out.last_mut() {
            Some(previous) if block.continues => previous.text.push_str(&text),
            _ => out.push(Paragraph {
                role: block.role,
                line: block.line,
                text,
                heading: headings.get(&block.line).copied(),
            }),
        }
    }
    out
}

/// Lines of a hard-wrapped paragraph joined: without a space between Chinese
/// characters, with one between Latin words.
fn one_line(text: &str) -> String {
    let mut out = String::new();
    for line in text
        .split('\n')
        .map(str::trim)
        .filter(|line| !line.is_empty())
    {
        if joins_with_space(&out, line) {
            out.push(' ');
        }
        out.push_str(line);
    }
    out
}

/// One paragraph a line, with its markers, and a blank line between paragraphs.
pub fn write_txt(out: &mut (impl Write + ?Sized), doc: &Document) -> io::Result<()> {
    let all = paragraphs(doc);
    for (index, paragraph) in all.iter().enumerate() {
        if index > 0 {
            writeln!(out)?;
        }
        writeln!(out, "{}", paragraph.text)?;
    }
    Ok(())
}

/// Markdown: the title as `#`, headings as `##`, `###`… by depth (their markers kept,
/// as 一、 is part of the heading), the points inline in their paragraphs, the
/// signature and notes as they stand.
pub fn write_md(out: &mut (impl Write + ?Sized), doc: &Document) -> io::Result<()> {
    let all = paragraphs(doc);
    for (index, paragraph) in all.iter().enumerate() {
        if index > 0 {
            writeln!(out)?;
        }
        let text = escape_markdown(&paragraph.text);
        match (paragraph.role, paragraph.heading) {
            (BlockRole::Title, _) => writeln!(out, "# {text}")?,
            (_, Some(depth)) => {
                let hashes = "#".repeat((depth + 2).min(6));
                writeln!(out, "{hashes} {text}")?;
            }
            _ => writeln!(out, "{text}")?,
        }
    }
    Ok(())
}

/// What begins a Markdown block or marks emphasis, escaped so that the text reads as
/// text: `1.` at a line's start would become a list, `*` emphasis, `#` a heading.
fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    // A number and a full stop at the start (1.加强…) would become an ordered list.
    let digits = out.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && out.chars().nth(digits) == Some('.') {
        out.insert(digits, '\\');
    }
    out
}

/// The whole document as JSON: what `outline --format json` prints, and its
/// paragraphs with their roles and lines.
#[derive(Serialize)]
struct Export<'d> {
    #[serde(flatten)]
    outline: Outline<'d>,
    paragraphs: Vec<ExportParagraph>,
}

#[derive(Serialize)]
struct ExportParagraph {
    role: &'static str,
    line: usize,
    text: String,
}

pub fn write_json(out: &mut (impl Write + ?Sized), doc: &Document) -> io::Result<()> {
    let export = Export {
        outline: Outline::new(doc),
        paragraphs: paragraphs(doc)
            .into_iter()
            .map(|paragraph| ExportParagraph {
                role: role_name(paragraph.role),
                line: paragraph.line,
                text: paragraph.text,
            })
            .collect(),
    };
    crate::json::write_pretty(out, &export)
}

fn role_name(role: BlockRole) -> &'static str {
    match role {
        BlockRole::Title => "title",
        BlockRole::Subtitle => "subtitle",
        BlockRole::Byline => "byline",
        BlockRole::DocNumber => "doc_number",
        BlockRole::Salutation => "salutation",
        BlockRole::Preamble => "preamble",
        BlockRole::Heading => "heading",
        BlockRole::Body => "body",
        BlockRole::Closing => "closing",
        BlockRole::Footer => "footer",
        BlockRole::Signature => "signature",
        BlockRole::Backmatter => "backmatter",
        BlockRole::Contents => "contents",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{LoadOptions, Source, load};

    fn exported(write: fn(&mut Vec<u8>, &Document) -> io::Result<()>, text: &str) -> String {
        let doc =
            crate::source::document_from_bytes(text.as_bytes().to_vec(), LoadOptions::default())
                .expect("parsed");
        let mut out = Vec::new();
        write(&mut out, &doc).expect("written");
        String::from_utf8(out).expect("UTF-8")
    }

    const SPEECH: &str = "关于做好工作的通知\n\n同志们：\n\n  今天开会，主要是部署工作。\n\n一、总体要求\n\n  一是提高站位。要深入学习。二是狠抓落实。要压实责任。\n\n（一）工作目标\n\n  1.加强*领导*。\n";

    #[test]
    fn text_is_one_paragraph_a_line_with_its_markers() {
        let txt = exported(write_txt, SPEECH);
        assert!(
            txt.contains("\n一是提高站位。要深入学习。二是狠抓落实。要压实责任。\n"),
            "{txt}"
        );
        assert!(txt.starts_with("关于做好工作的通知\n\n同志们：\n"), "{txt}");
    }

    #[test]
    fn markdown_makes_headings_of_the_title_and_the_headings() {
        let md = exported(write_md, SPEECH);
        assert!(md.starts_with("# 关于做好工作的通知\n"), "{md}");
        assert!(md.contains("\n## 一、总体要求\n"), "{md}");
        assert!(md.contains("\n### （一）工作目标\n"), "{md}");
        assert!(md.contains("\n#### 1\\.加强\\*领导\\*。\n"), "{md}");
    }

    #[test]
    fn json_holds_the_structure_and_the_paragraphs() {
        let json = exported(write_json, SPEECH);
        let value: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
        assert_eq!(value["title"], "关于做好工作的通知");
        assert!(value["entries"].as_array().is_some_and(|e| !e.is_empty()));
        let paragraphs = value["paragraphs"].as_array().expect("paragraphs");
        assert_eq!(paragraphs[0]["role"], "title");
        assert!(
            paragraphs
                .iter()
                .any(|p| p["role"] == "heading" && p["text"] == "一、总体要求")
        );
    }

    #[test]
    fn the_shipped_briefing_exports_every_paragraph() {
        let doc = load(&Source::Embedded, LoadOptions::default()).expect("embedded");
        let mut out = Vec::new();
        write_txt(&mut out, &doc).expect("written");
        let txt = String::from_utf8(out).expect("UTF-8");
        assert_eq!(txt.split("\n\n").count(), paragraphs(&doc).len());
    }
}
