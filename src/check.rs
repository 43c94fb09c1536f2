//! `briefing check`: the mechanical mistakes of a draft, found the way the reader finds
//! its structure. Structure findings (`check/structure.rs`) come from the recognizer's
//! own sequences of headings and points, and the markers it did not take; punctuation,
//! repeated words and placeholders (`check/punctuation.rs`) are read off the text.
//! `check/fix.rs` applies the fixes that cannot change a word.

use std::ops::Range;

use serde::Serialize;

use crate::document::Document;

mod fix;
mod punctuation;
mod structure;

pub use fix::{fix_text, write_fixed};

/// What kind of mistake a finding is: stable names, documented in README.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Code {
    NumberingGap,
    NumberingDuplicate,
    NumberingOrder,
    MarkerStyle,
    MarkerNonstandard,
    PointsGap,
    PointsDuplicate,
    CountMismatch,
    PunctHalfwidth,
    PunctUnbalanced,
    PunctDoubled,
    PunctEllipsis,
    PunctDash,
    RepeatedWord,
    Placeholder,
}

impl Code {
    pub const ALL: [Self; 15] = [
        Self::NumberingGap,
        Self::NumberingDuplicate,
        Self::NumberingOrder,
        Self::MarkerStyle,
        Self::MarkerNonstandard,
        Self::PointsGap,
        Self::PointsDuplicate,
        Self::CountMismatch,
        Self::PunctHalfwidth,
        Self::PunctUnbalanced,
        Self::PunctDoubled,
        Self::PunctEllipsis,
        Self::PunctDash,
        Self::RepeatedWord,
        Self::Placeholder,
    ];

    /// The code as printed and in JSON: `numbering-gap`.
    pub fn name(self) -> &'static str {
        match self {
            Self::NumberingGap => "numbering-gap",
            Self::NumberingDuplicate => "numbering-duplicate",
            Self::NumberingOrder => "numbering-order",
            Self::MarkerStyle => "marker-style",
            Self::MarkerNonstandard => "marker-nonstandard",
            Self::PointsGap => "points-gap",
            Self::PointsDuplicate => "points-duplicate",
            Self::CountMismatch => "count-mismatch",
            Self::PunctHalfwidth => "punct-halfwidth",
            Self::PunctUnbalanced => "punct-unbalanced",
            Self::PunctDoubled => "punct-doubled",
            Self::PunctEllipsis => "punct-ellipsis",
            Self::PunctDash => "punct-dash",
            Self::RepeatedWord => "repeated-word",
            Self::Placeholder => "placeholder",
        }
    }

    /// How bad it is: a broken structure is an error a listener notices; a mark of the
    /// wrong form a warning; a blank still to fill, or a form GB/T 9704 does not use, a
    /// note.
    pub fn severity(self) -> Severity {
        match self {
            Self::NumberingGap
            | Self::NumberingDuplicate
            | Self::NumberingOrder
            | Self::PointsGap
            | Self::PointsDuplicate
            | Self::CountMismatch => Severity::Error,
            Self::MarkerStyle
            | Self::PunctHalfwidth
            | Self::PunctUnbalanced
            | Self::PunctDoubled
            | Self::PunctEllipsis
            | Self::PunctDash
            | Self::RepeatedWord => Severity::Warning,
            Self::MarkerNonstandard | Self::Placeholder => Severity::Info,
        }
    }

    /// True for the findings about the document's structure (numbering, markers, points,
    /// announced counts), as opposed to its punctuation and words.
    pub fn is_structural(self) -> bool {
        matches!(
            self,
            Self::NumberingGap
                | Self::NumberingDuplicate
                | Self::NumberingOrder
                | Self::MarkerStyle
                | Self::MarkerNonstandard
                | Self::PointsGap
                | Self::PointsDuplicate
                | Self::CountMismatch
        )
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

/// One mistake: where it is, what kind, what was found and what was expected, and the
/// text to put in its place when that is certain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// Byte span in the document's text of what the finding is about.
    pub span: Range<usize>,
    pub code: Code,
    /// What stands there (a marker, a mark, a word).
    pub found: String,
    /// What the sequence or the rule expects there, when it says.
    pub expected: Option<String>,
    /// The replacement a fix would make; None when only a person can decide.
    pub suggestion: Option<String>,
}

/// Which rules to add to the default ones.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Profile {
    /// GB/T 9704: report marker forms it does not use (1、 ① ASCII parentheses).
    pub gbt9704: bool,
}

/// Every finding in a document, in text order.
pub fn check(doc: &Document, profile: Profile) -> Vec<Finding> {
    // The two passes read the document and nothing else: on two processors a large
    // document is checked in the time of the longer one.
    let (mut findings, punctuation) = std::thread::scope(|scope| {
        let punctuation = scope.spawn(|| punctuation::findings(doc));
        let structure = structure::findings(doc, profile);
        // A panic in the pass is the program's own bug: it goes on as one here.
        let punctuation = punctuation
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (structure, punctuation)
    });
    findings.extend(punctuation);
    findings.sort_unstable_by_key(|finding| (finding.span.start, finding.code));
    findings.dedup_by(|a, b| a.span == b.span && a.code == b.code);
    findings
}

#[cfg(test)]
mod tests;

/// Where a finding is, as an editor counts: the 1-based line, and the 1-based column in
/// characters.
pub fn position(doc: &Document, at: usize) -> (usize, usize) {
    let line = doc.line_of(at);
    let start = doc.line_start(line).unwrap_or(0);
    let column = doc
        .text
        .get(start..at)
        .map_or(0, |before| before.chars().count())
        + 1;
    (line, column)
}

/// Lines and columns of offsets given in increasing order, each counted from the one
/// before on the same line: a long paragraph with many findings is not counted from its
/// start for every one of them.
pub struct Positions<'d> {
    doc: &'d Document,
    /// The line, its start, and the last offset asked on it with its column.
    last: Option<(usize, usize, usize, usize)>,
}

impl<'d> Positions<'d> {
    pub fn new(doc: &'d Document) -> Self {
        Self { doc, last: None }
    }

    /// The line and column of `at` (see [`position`]).
    pub fn of(&mut self, at: usize) -> (usize, usize) {
        if let Some((line, start, last_at, last_column)) = self.last
            && at >= last_at
            && self.doc.line_start(line + 1).is_none_or(|next| at < next)
        {
            let column = last_column
                + self
                    .doc
                    .text
                    .get(last_at..at)
                    .map_or(0, |between| between.chars().count());
            self.last = Some((line, start, at, column));
            return (line, column);
        }
        let (line, column) = position(self.doc, at);
        let start = self.doc.line_start(line).unwrap_or(0);
        self.last = Some((line, start, at, column));
        (line, column)
    }
}

/// A finding in `check --format json`.
#[derive(Debug, Serialize)]
pub struct JsonFinding<'a> {
    pub file: &'a str,
    pub line: usize,
    pub column: usize,
    pub code: Code,
    pub severity: Severity,
    pub message: String,
    pub suggestion: Option<&'a str>,
}

impl<'a> JsonFinding<'a> {
    pub fn new(
        file: &'a str,
        (line, column): (usize, usize),
        finding: &'a Finding,
        message: String,
    ) -> Self {
        Self {
            file,
            line,
            column,
            code: finding.code,
            severity: finding.code.severity(),
            message,
            suggestion: finding.suggestion.as_deref(),
        }
    }
}

/// The line a finding is on (around its spot, when the line is a long paragraph), and
/// the caret line under the spot, columns counted by display width so the caret stands
/// under a Chinese character too.
pub fn caret_lines(doc: &Document, finding: &Finding) -> (String, String) {
    use crate::text::{AmbiguousWidth, str_width};
    /// Characters shown on either side of the spot in a long line.
    const AROUND: usize = 30;
    let line = doc.line_of(finding.span.start);
    let start = doc.line_start(line).unwrap_or(0);
    let before_all = doc.text.get(start..finding.span.start).unwrap_or_default();
    let marked_text = doc.text.get(finding.span.clone()).unwrap_or_default();
    let after_all = doc
        .text
        .get(finding.span.end..)
        .unwrap_or_default()
        .split('\n')
        .next()
        .unwrap_or_default();
    let before_chars = before_all.chars().count();
    let before: String = before_all
        .chars()
        .skip(before_chars.saturating_sub(AROUND))
        .collect();
    let before = if before_chars > AROUND {
        format!("…{before}")
    } else {
        before
    };
    let mut after: String = after_all.chars().take(AROUND).collect();
    if after_all.chars().nth(AROUND).is_some() {
        after.push('…');
    }
    let width = |s: &str| str_width(s, AmbiguousWidth::Narrow);
    let caret = format!(
        "{}{}",
        " ".repeat(width(&before)),
        "^".repeat(width(marked_text).max(1))
    );
    (format!("{before}{marked_text}{after}"), caret)
}
