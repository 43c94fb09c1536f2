//! Conformance with a corpus of real briefings and their expected structure.
//!
//! The corpus lives outside the repository; point `BRIEFING_CORPUS` at a folder with
//! `texts/NAME.txt` and `expected/NAME.json` (format: the corpus's CONVENTIONS.md) and run
//! `cargo test --test corpus -- --ignored`. `.ci/run` does this when the corpus is there.
//! The shipped briefing's own expectations are checked on every `cargo test`.

use std::path::{Path, PathBuf};

use briefing::input::{LoadOptions, Source, load};
use briefing::outline::Outline;
use serde_json::Value;

/// Text with punctuation and whitespace removed, as the conventions compare it.
fn normalised(text: &str) -> String {
    text.chars()
        .filter(|c| {
            !c.is_whitespace()
                && *c != '\u{3000}'
                && !c.is_ascii_punctuation()
                && !is_cjk_punctuation(*c)
        })
        .collect()
}

fn is_cjk_punctuation(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FF0F}' | '\u{FF1A}'..='\u{FF20}' | '\u{2010}'..='\u{2027}')
}

fn first_six(text: &str) -> String {
    normalised(text).chars().take(6).collect()
}

fn without_whitespace(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{3000}')
        .collect()
}

/// An expected section flattened: (level, marker, heading, points).
struct ExpectedSection {
    level: u64,
    marker: Option<String>,
    heading: String,
    points: Vec<String>,
}

fn flatten(sections: &[Value], out: &mut Vec<ExpectedSection>) {
    for section in sections {
        out.push(ExpectedSection {
            level: section["level"].as_u64().unwrap_or(0),
            marker: section["marker"].as_str().map(str::to_owned),
            heading: section["heading"].as_str().unwrap_or_default().to_owned(),
            points: strings(&section["points"]),
        });
        flatten(
            section["children"].as_array().map_or(&[], Vec::as_slice),
            out,
        );
    }
}

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// Compares one document's outline with its expectation; returns the mismatches, each
/// tagged with the field it concerns.
fn compare(outline: &Value, expected: &Value) -> Vec<(String, String)> {
    let mut problems = Vec::new();
    let entries = outline["entries"].as_array().cloned().unwrap_or_default();
    let of_kind =
        |kind: &str| -> Vec<&Value> { entries.iter().filter(|e| e["kind"] == kind).collect() };

    let expected_title = expected["title"].as_str().map(without_whitespace);
    let title = outline["title"].as_str().map(without_whitespace);
    if expected_title != title {
        problems.push((
            "title".into(),
            format!("title {title:?}, expected {expected_title:?}"),
        ));
    }

    let salutation = of_kind("salutation")
        .first()
        .and_then(|e| e["label"].as_str())
        .map(without_whitespace);
    let expected_salutation = expected["salutation"].as_str().map(without_whitespace);
    if salutation != expected_salutation {
        problems.push((
            "salutation".into(),
            format!("salutation {salutation:?}, expected {expected_salutation:?}"),
        ));
    }

    let closing = of_kind("closing")
        .first()
        .and_then(|e| e["label"].as_str())
        .map(first_six);
    let expected_closing = expected["closing_first_chars"].as_str().map(first_six);
    if closing != expected_closing {
        problems.push((
            "closing_first_chars".into(),
            format!("closing {closing:?}, expected {expected_closing:?}"),
        ));
    }

    let footer = of_kind("footer")
        .first()
        .and_then(|e| e["label"].as_str())
        .map(without_whitespace);
    let expected_footer = expected["footer"].as_str().map(without_whitespace);
    if footer != expected_footer {
        problems.push((
            "footer".into(),
            format!("footer {footer:?}, expected {expected_footer:?}"),
        ));
    }

    let mut sections = Vec::new();
    flatten(
        expected["sections"].as_array().map_or(&[], Vec::as_slice),
        &mut sections,
    );
    compare_headings(&entries, &sections, &mut problems);
    compare_points(&entries, &sections, expected, &mut problems);

    let lenient = strings(&expected["lenient"]);
    problems.retain(|(field, _)| {
        !(lenient.contains(field) || (field == "points" && lenient.iter().any(|l| l == "sections")))
    });
    problems
}

fn compare_headings(
    entries: &[Value],
    sections: &[ExpectedSection],
    problems: &mut Vec<(String, String)>,
) {
    let headings: Vec<&Value> = entries.iter().filter(|e| e["kind"] == "heading").collect();
    if headings.len() != sections.len() {
        problems.push((
            "sections".into(),
            format!("{} headings, expected {}", headings.len(), sections.len()),
        ));
    }
    for (heading, section) in headings.iter().zip(sections) {
        let depth = heading["depth"].as_u64().unwrap_or(u64::MAX);
        let marker = heading["marker"].as_str().map(str::to_owned);
        let label = heading["label"].as_str().unwrap_or_default();
        if depth + 1 != section.level
            || marker != section.marker
            || first_six(label) != first_six(&section.heading)
        {
            problems.push((
                "sections".into(),
                format!(
                    "heading {marker:?} {label:?} at depth {depth}, expected {:?} {:?} at level {}",
                    section.marker, section.heading, section.level
                ),
            ));
        }
    }
}

fn compare_points(
    entries: &[Value],
    sections: &[ExpectedSection],
    expected: &Value,
    problems: &mut Vec<(String, String)>,
) {
    // Points, grouped by the heading that holds them (None: outside any heading).
    let optional: Vec<String> = strings(&expected["optional_points"])
        .iter()
        .map(|p| first_six(p))
        .collect();
    let mut expected_groups: Vec<Vec<String>> = vec![strings(&expected["points"])];
    expected_groups.extend(sections.iter().map(|s| s.points.clone()));
    let mut actual_groups: Vec<Vec<String>> = vec![Vec::new(); expected_groups.len()];
    let mut heading_depths: Vec<u64> = Vec::new();
    for entry in entries {
        if entry["kind"] == "heading" {
            heading_depths.push(entry["depth"].as_u64().unwrap_or(0));
        } else if entry["kind"] == "point" {
            let depth = entry["depth"].as_u64().unwrap_or(0);
            // A point belongs to the last heading one level up, or to the top when depth 0.
            let owner = if depth == 0 {
                0
            } else {
                heading_depths
                    .iter()
                    .rposition(|&d| d + 1 == depth)
                    .map_or(0, |i| i + 1)
            };
            let text = format!(
                "{}{}",
                entry["marker"].as_str().unwrap_or_default(),
                entry["label"].as_str().unwrap_or_default()
            );
            if let Some(group) = actual_groups.get_mut(owner) {
                group.push(first_six(&text));
            }
        }
    }
    for (index, (actual, expected_points)) in actual_groups.iter().zip(&expected_groups).enumerate()
    {
        let expected_points: Vec<String> = expected_points.iter().map(|p| first_six(p)).collect();
        let actual: Vec<String> = actual
            .iter()
            .filter(|p| !optional.contains(p) || expected_points.contains(p))
            .cloned()
            .collect();
        if actual != expected_points {
            let place = if index == 0 {
                "top level".to_owned()
            } else {
                format!("section {index}")
            };
            problems.push((
                "points".into(),
                format!("points at {place}: {actual:?}, expected {expected_points:?}"),
            ));
        }
    }
}

fn outline_of(path: &Path) -> Value {
    let doc =
        load(&Source::File(path.to_path_buf()), LoadOptions::default()).expect("corpus text loads");
    serde_json::to_value(Outline::new(&doc)).expect("outline serialises")
}

#[test]
fn shipped_briefing_has_the_expected_structure() {
    let doc = load(&Source::Embedded, LoadOptions::default()).expect("embedded loads");
    let outline = serde_json::to_value(Outline::new(&doc)).expect("serialises");
    let expected: Value =
        serde_json::from_str(include_str!("data/seed-expected.json")).expect("expected JSON");
    let problems = compare(&outline, &expected);
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
#[ignore = "needs the corpus folder in BRIEFING_CORPUS"]
fn corpus_documents_have_their_expected_structure() {
    let root = PathBuf::from(
        std::env::var("BRIEFING_CORPUS").expect("BRIEFING_CORPUS names the corpus folder"),
    );
    let mut names: Vec<PathBuf> = std::fs::read_dir(root.join("expected"))
        .expect("expected/ exists")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    names.sort();
    assert!(!names.is_empty(), "no expectations found");
    let mut failures = Vec::new();
    for expected_path in &names {
        let stem = expected_path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        let expected: Value =
            serde_json::from_str(&std::fs::read_to_string(expected_path).expect("readable"))
                .expect("valid JSON");
        let outline = outline_of(&root.join("texts").join(format!("{stem}.txt")));
        for (_, problem) in compare(&outline, &expected) {
            failures.push(format!("{stem}: {problem}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} documents checked:\n{}",
        names.len(),
        failures.join("\n")
    );
}
