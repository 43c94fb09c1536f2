//! `briefing outline`: the structure tree as aligned text or as JSON in a fixed shape
//! that other tools rely on.

use std::io::{self, Write};

use serde::Serialize;

use crate::document::{Document, NodeKind};
use crate::strings::Strings;
use crate::terms::placeholders;

/// The JSON shape of `briefing outline --format json`.
#[derive(Debug, Serialize)]
pub struct Outline<'d> {
    pub title: Option<&'d str>,
    pub subtitle: Option<&'d str>,
    pub encoding: &'d str,
    pub chars: usize,
    pub entries: Vec<Entry<'d>>,
    /// The blanks of a draft still to be filled in: XX日, XX区长.
    pub placeholders: Vec<PlaceholderEntry>,
    pub warnings: Vec<&'d str>,
    /// Why each line was read as it was: only with `--explain`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub explanations: Vec<ExplanationEntry<'d>>,
}

/// One decision of the recognizer in JSON.
#[derive(Debug, Serialize)]
pub struct ExplanationEntry<'d> {
    pub line: usize,
    pub what: &'d str,
}

/// A placeholder in JSON.
#[derive(Debug, Serialize)]
pub struct PlaceholderEntry {
    pub text: String,
    pub line: usize,
}

/// One node of the tree in JSON.
#[derive(Debug, Serialize)]
pub struct Entry<'d> {
    pub kind: &'static str,
    pub depth: usize,
    pub marker: Option<&'d str>,
    pub label: &'d str,
    pub line: usize,
    pub run_in: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<&'d str>,
}

impl<'d> Outline<'d> {
    pub fn new(doc: &'d Document) -> Self {
        Self {
            title: doc.title.as_deref(),
            subtitle: doc.subtitle.as_deref(),
            encoding: doc.encoding,
            chars: doc.chars(),
            entries: doc
                .nodes
                .iter()
                .map(|node| Entry {
                    kind: node.kind.name(),
                    depth: node.depth,
                    marker: node.marker.as_deref(),
                    label: &node.label,
                    line: node.line,
                    run_in: node.run_in,
                    url: (node.kind == NodeKind::Footer)
                        .then_some(doc.footer_url.as_deref())
                        .flatten(),
                })
                .collect(),
            placeholders: placeholders(doc)
                .into_iter()
                .map(|p| PlaceholderEntry {
                    text: p.text(doc).to_owned(),
                    line: p.line,
                })
                .collect(),
            warnings: doc.warnings.iter().map(|w| w.message.as_str()).collect(),
            explanations: doc
                .explanations
                .iter()
                .map(|e| ExplanationEntry {
                    line: e.line,
                    what: &e.what,
                })
                .collect(),
        }
    }
}

/// Writes the outline as JSON.
pub fn write_json(out: &mut (impl Write + ?Sized), doc: &Document) -> io::Result<()> {
    crate::json::write_pretty(out, &Outline::new(doc))
}

/// Writes the outline as text: line numbers in a right-aligned ASCII column, so every
/// label starts at the same column whatever the width of its characters, then each
/// node indented two columns per depth. Labels are one line each, so a multi-line footer is
/// shown with its lines joined by ` / `.
pub fn write_text(
    out: &mut (impl Write + ?Sized),
    doc: &Document,
    strings: Strings,
) -> io::Result<()> {
    let last_line = doc.nodes.iter().map(|n| n.line).max().unwrap_or(1);
    let number_width = last_line.to_string().len();
    if let Some(title) = &doc.title {
        writeln!(out, "{:>number_width$}  {title}", "")?;
    }
    if let Some(subtitle) = &doc.subtitle {
        writeln!(out, "{:>number_width$}  {subtitle}", "")?;
    }
    for node in &doc.nodes {
        let indent = "  ".repeat(node.depth);
        let label = node.label.replace('\n', " / ");
        let text = match (&node.marker, node.kind) {
            (Some(marker), NodeKind::Point | NodeKind::Attachment) => format!("{marker} {label}"),
            (Some(marker), _) => format!("{marker}{label}"),
            (None, NodeKind::Closing) => strings.outline_closing(&label),
            (None, NodeKind::Footer) => strings.outline_footer(&label),
            (None, _) => label,
        };
        writeln!(out, "{:>number_width$}  {indent}{text}", node.line)?;
    }
    Ok(())
}

/// Writes why each line was read as it was, after the outline: the line number, the
/// line's first characters and the evidence.
pub fn write_explanations(
    out: &mut (impl Write + ?Sized),
    doc: &Document,
    strings: Strings,
) -> io::Result<()> {
    /// Characters of a line shown before its explanation.
    const LINE_START_CHARS: usize = 14;
    writeln!(out)?;
    writeln!(out, "{}", strings.why_heading())?;
    let last_line = doc.explanations.iter().map(|e| e.line).max().unwrap_or(1);
    let number_width = last_line.to_string().len();
    for explanation in &doc.explanations {
        let start = doc
            .line_start(explanation.line)
            .and_then(|start| doc.text.get(start..))
            .unwrap_or_default();
        let line = start.lines().next().unwrap_or_default().trim();
        let mut shown: String = line.chars().take(LINE_START_CHARS).collect();
        if line.chars().nth(LINE_START_CHARS).is_some() {
            shown.push('…');
        }
        writeln!(
            out,
            "{:>number_width$}  {shown}  — {}",
            explanation.line, explanation.what
        )?;
    }
    Ok(())
}
