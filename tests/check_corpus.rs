//! `briefing check` on the real documents of the corpus (`BRIEFING_CORPUS`, as for
//! tests/corpus.rs; run by .ci/run): every structural finding on the documents as they
//! are is one listed, with its reason, in tests/check-corpus-expected.txt; and mistakes
//! of every kind, put into copies of the documents at known lines, are found there.

use std::collections::BTreeSet;
use std::path::PathBuf;

use briefing::check::{Code, Profile, check, position};
use briefing::document::{BlockRole, Document, NodeKind};
use briefing::parse::{counted, heading_marker, parse_text};

fn corpus() -> Vec<(String, String)> {
    let root = PathBuf::from(
        std::env::var("BRIEFING_CORPUS").expect("BRIEFING_CORPUS names the corpus folder"),
    );
    let mut documents: Vec<(String, String)> = std::fs::read_dir(root.join("texts"))
        .expect("the corpus's texts")
        .filter_map(|entry| {
            let path = entry.ok()?.path();
            let name = path.file_name()?.to_str()?.to_owned();
            let text = std::fs::read_to_string(&path).ok()?;
            let is_text = path
                .extension()
                .is_some_and(|ext| ext.eq_ignore_ascii_case("txt"));
            is_text.then_some((name, text))
        })
        .collect();
    documents.sort();
    documents
}

#[test]
#[ignore = "needs the corpus folder in BRIEFING_CORPUS"]
fn every_structural_finding_on_the_corpus_is_a_listed_mistake() {
    let expected: BTreeSet<String> = include_str!("check-corpus-expected.txt")
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .map(|line| {
            line.split('#')
                .next()
                .unwrap_or_default()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    let mut found = BTreeSet::new();
    for (name, text) in corpus() {
        let doc = parse_text(&text);
        for finding in check(&doc, Profile::default()) {
            if finding.code.is_structural() {
                let (line, column) = position(&doc, finding.span.start);
                found.insert(format!("{name}:{line}:{column} {}", finding.code.name()));
            }
        }
    }
    let unexpected: Vec<_> = found.difference(&expected).collect();
    let missing: Vec<_> = expected.difference(&found).collect();
    println!(
        "structural findings on the corpus: {} found, {} listed",
        found.len(),
        expected.len()
    );
    assert!(
        unexpected.is_empty() && missing.is_empty(),
        "not listed: {unexpected:?}; listed but not found: {missing:?}"
    );
}

/// A mistake put into a copy of a document: the new text, and the line it is on.
struct Injected {
    text: String,
    line: usize,
}

/// The byte offset of the first character of line `line` (1-based) in `text`.
fn line_of(text: &str, at: usize) -> usize {
    text.get(..at)
        .map_or(1, |before| before.matches('\n').count() + 1)
}

fn replace(text: &str, at: usize, old_len: usize, new: &str) -> Injected {
    let mut out = String::with_capacity(text.len() + new.len());
    out.push_str(text.get(..at).unwrap_or_default());
    out.push_str(new);
    out.push_str(text.get(at + old_len..).unwrap_or_default());
    Injected {
        line: line_of(text, at),
        text: out,
    }
}

/// A body paragraph in the middle of the document holding a ，between Chinese
/// characters: where the punctuation mistakes go.
fn comma_spot(doc: &Document) -> Option<usize> {
    let body: Vec<_> = doc
        .blocks
        .iter()
        .filter(|b| b.role == BlockRole::Body)
        .collect();
    let middle = body.len() / 2;
    body.iter()
        .skip(middle)
        .chain(body.iter().take(middle))
        .find_map(|block| {
            let text = doc.text.get(block.span.clone())?;
            text.char_indices().find_map(|(at, c)| {
                let before = text.get(..at)?.chars().next_back()?;
                let after = text.get(at + c.len_utf8()..)?.chars().next()?;
                (c == '，'
                    && briefing::parse::is_han(before)
                    && briefing::parse::is_han(after)
                    && before != '的'
                    && after != '的')
                    .then_some(block.span.start + at)
            })
        })
}

/// A numbered top-level-or-deeper heading with a sibling before it (taken by the
/// recognizer), as (offset, marker length, family-typed marker text, number).
fn heading_spot(doc: &Document) -> Option<(usize, String, u32)> {
    doc.nodes
        .iter()
        .enumerate()
        .rev()
        .find_map(|(index, node)| {
            if node.kind != NodeKind::Heading {
                return None;
            }
            let marker_text = node.marker.clone()?;
            let marker = heading_marker(&marker_text)?;
            let sibling_before = doc.nodes[..index].iter().any(|other| {
                other.kind == NodeKind::Heading
                    && other.parent == node.parent
                    && other
                        .marker
                        .as_deref()
                        .and_then(heading_marker)
                        .is_some_and(|m| m.family == marker.family)
            });
            let usable = sibling_before && marker.number >= 3 && !marker_text.contains('第');
            usable.then_some((node.head.start, marker_text, marker.number))
        })
}

/// `marker` with its number replaced by `number`, in the same numerals.
fn renumbered(marker: &str, number: u32) -> String {
    let chinese = marker.chars().any(|c| "一二三四五六七八九十".contains(c));
    let digits: String = marker
        .chars()
        .filter(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(*c))
        .collect();
    let new = if chinese {
        counted(number)
    } else {
        number.to_string()
    };
    marker.replacen(&digits, &new, 1)
}

/// The copies of `text` with one mistake of `code` each (none when the document has no
/// place for that mistake: no headings, no run of points).
fn inject(text: &str, code: Code) -> Option<Injected> {
    let doc = parse_text(text);
    let heading = || heading_spot(&doc);
    match code {
        Code::NumberingGap | Code::NumberingDuplicate | Code::NumberingOrder => {
            let (at, marker, number) = heading()?;
            let new_number = match code {
                Code::NumberingGap => number + 1,
                Code::NumberingDuplicate => number - 1,
                _ => number - 2,
            };
            Some(replace(
                text,
                at,
                marker.len(),
                &renumbered(&marker, new_number),
            ))
        }
        Code::MarkerStyle => {
            let (at, marker, _) = heading()?;
            let restyled = if marker.ends_with('、') {
                marker.replace('、', "．")
            } else if marker.ends_with(['.', '．']) {
                marker.replace(['.', '．'], "、")
            } else {
                format!("{marker}、")
            };
            Some(replace(text, at, marker.len(), &restyled))
        }
        Code::PointsGap | Code::PointsDuplicate => {
            // The last point of a run of three or more 是/要 points.
            let point = doc.nodes.iter().enumerate().rev().find(|(index, node)| {
                node.kind == NodeKind::Point
                    && node.marker.as_deref().is_some_and(|m| {
                        m.starts_with(['三', '四', '五']) && m.ends_with(['是', '要'])
                    })
                    && doc
                        .nodes
                        .get(index.saturating_sub(1))
                        .is_some_and(|p| p.kind == NodeKind::Point)
            })?;
            let marker = point.1.marker.clone()?;
            let numeral = marker.chars().next()?;
            let number = "一二三四五六七八九".find(numeral).map(|at| at / 3 + 1)?;
            let replacement = match code {
                Code::PointsGap => "一二三四五六七八九十".chars().nth(number + 1)?,
                _ => "一二三四五六七八九".chars().nth(number - 2)?,
            };
            Some(replace(
                text,
                point.1.head.start,
                numeral.len_utf8(),
                &replacement.to_string(),
            ))
        }
        Code::CountMismatch => {
            let first = doc
                .nodes
                .iter()
                .find(|n| n.kind == NodeKind::Heading && n.depth == 0 && n.parent.is_none())?;
            let count = doc
                .nodes
                .iter()
                .filter(|n| n.kind == NodeKind::Heading && n.depth == 0 && n.parent.is_none())
                .count();
            let wrong =
                ["", "", "两", "三", "四", "五", "六", "七", "八", "九", "十"].get(count + 1)?;
            let line_start = text
                .get(..first.head.start)?
                .rfind('\n')
                .map_or(0, |at| at + 1);
            let announcement = format!("下面，我讲{wrong}点意见。\n");
            let mut injected = replace(text, line_start, 0, &announcement);
            injected.line = line_of(text, line_start);
            Some(injected)
        }
        Code::PunctHalfwidth => Some(replace(text, comma_spot(&doc)?, '，'.len_utf8(), ",")),
        Code::PunctDoubled => Some(replace(text, comma_spot(&doc)?, '，'.len_utf8(), "，，")),
        Code::PunctEllipsis => Some(replace(text, comma_spot(&doc)?, '，'.len_utf8(), "…")),
        Code::PunctDash => Some(replace(text, comma_spot(&doc)?, '，'.len_utf8(), "—")),
        Code::PunctUnbalanced => Some(replace(text, comma_spot(&doc)?, '，'.len_utf8(), "，《")),
        Code::RepeatedWord => {
            let at = comma_spot(&doc)?;
            Some(replace(text, at, '，'.len_utf8(), "，和和"))
        }
        Code::Placeholder => Some(replace(text, comma_spot(&doc)?, '，'.len_utf8(), "，XX年")),
        Code::MarkerNonstandard => None,
    }
}

#[test]
#[ignore = "needs the corpus folder in BRIEFING_CORPUS"]
fn mistakes_put_into_the_corpus_are_found_at_their_line() {
    let documents = corpus();
    let mut failed = Vec::new();
    let mut below = Vec::new();
    for code in Code::ALL {
        let (mut tried, mut caught) = (0, 0);
        for (name, text) in &documents {
            let Some(injected) = inject(text, code) else {
                continue;
            };
            tried += 1;
            let doc = parse_text(&injected.text);
            let hit = check(&doc, Profile::default())
                .iter()
                .any(|f| f.code == code && position(&doc, f.span.start).0 == injected.line);
            if hit {
                caught += 1;
            } else {
                failed.push(format!("{name}:{} {}", injected.line, code.name()));
            }
        }
        if tried == 0 {
            continue;
        }
        let share = f64::from(caught) / f64::from(tried);
        println!(
            "{:<20} {caught:>3}/{tried:<3} {:.0}%",
            code.name(),
            share * 100.0
        );
        if share < 0.95 {
            below.push(code.name());
        }
    }
    assert!(below.is_empty(), "below 95%: {below:?}; missed: {failed:?}");
}
