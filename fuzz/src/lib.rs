//! What the fuzz targets check, as plain functions: libFuzzer calls them with its inputs
//! (`fuzz_targets/`), and the tests below call them with the hostile documents of the main
//! crate's tests, so the checks also run on a stable toolchain.
//!
//! Each function panics when an invariant of the terminal-safety promises breaks
//! (docs/SECURITY.md); returning is success.

use briefing::source::{LoadOptions, document_from_bytes};
use briefing::text::{AmbiguousWidth, str_width, wrap};
use briefing::outline::Outline;

/// A character no text we show or print may hold raw: a control other than LF and TAB
/// (C0, DEL, C1) or a bidi embedding, override, isolate or mark.
pub fn is_forbidden(c: char) -> bool {
    (c.is_control() && !matches!(c, '\n' | '\t'))
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}')
}

fn assert_inert(what: &str, text: &str) {
    if let Some(c) = text.chars().find(|&c| is_forbidden(c)) {
        panic!("{what} holds U+{:04X}: {text:?}", u32::from(c));
    }
}

/// Loading any bytes as `briefing --force FILE` does (decode, sanitise, parse) never
/// panics, and every text a widget or a command gets is inert.
pub fn load_parse(data: &[u8]) {
    let options = LoadOptions {
        force: true,
        ..LoadOptions::default()
    };
    let doc = document_from_bytes(data.to_vec(), options).expect("forced loading never fails");
    assert_inert("the document text", &doc.text);
    for node in &doc.nodes {
        assert_inert("a node label", &node.label);
        if let Some(marker) = &node.marker {
            assert_inert("a node marker", marker);
        }
    }
    for text in [&doc.title, &doc.subtitle].into_iter().flatten() {
        assert_inert("the title", text);
    }
}

/// A document read from `bytes` in whatever format they are: never a panic; either one
/// error, or a document whose every shown text is inert.
fn read_any(bytes: Vec<u8>) {
    if let Ok(doc) = document_from_bytes(bytes, LoadOptions::default()) {
        assert_inert("the document text", &doc.text);
        for node in &doc.nodes {
            assert_inert("a node label", &node.label);
        }
    }
}

/// Any bytes as the `word/document.xml` of a .docx (numbering and styles beside it when
/// the input holds a NUL, split there): the XML walk never panics or hangs, whatever the
/// markup.
pub fn docx(data: &[u8]) {
    use std::io::Write;
    let (document, numbering) = match data.iter().position(|&b| b == 0) {
        Some(at) => (&data[..at], Some(&data[at + 1..])),
        None => (data, None),
    };
    let mut zipped = Vec::new();
    {
        let mut writer = zip::ZipWriter::new(std::io::Cursor::new(&mut zipped));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        let mut part = |name: &str, bytes: &[u8]| {
            writer.start_file(name, options).expect("a zip part starts");
            writer.write_all(bytes).expect("a zip part is written");
        };
        part("word/document.xml", document);
        if let Some(numbering) = numbering {
            part("word/numbering.xml", numbering);
        }
        writer.finish().expect("the zip is finished");
    }
    read_any(zipped);
}

/// Any bytes after an HTML doctype: the article extraction never panics or hangs.
pub fn html(data: &[u8]) {
    let mut page = b"<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>".to_vec();
    page.extend_from_slice(data);
    read_any(page);
}

/// Wrapping any text at any width: no line wider than asked, its width is what it
/// measures, and nothing drawn is a control. The first two bytes choose the width, the
/// third the ambiguous width and the first-line indent.
pub fn layout(data: &[u8]) {
    let [low, high, flags, rest @ ..] = data else {
        return;
    };
    let width = usize::from(u16::from_le_bytes([*low, *high]) % 300);
    let ambiguous = if flags & 1 == 0 {
        AmbiguousWidth::Narrow
    } else {
        AmbiguousWidth::Wide
    };
    let indent = usize::from(flags >> 1);
    let text = String::from_utf8_lossy(rest);
    for line in wrap(&text, width, indent, ambiguous) {
        assert!(
            line.width <= width.max(1),
            "a line of {} columns at width {width}: {:?}",
            line.width,
            line.text
        );
        assert_eq!(
            str_width(&line.text, ambiguous),
            line.width,
            "measured width of {:?}",
            line.text
        );
        assert_inert("a wrapped line", &line.text);
        assert!(line.source.end <= text.len(), "source range past the text");
    }
}

/// JSON output is inert and lossless: any string, and the outline of any document,
/// written by `briefing::json` and read back by `serde_json`, comes back unchanged.
pub fn json_round_trip(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let json = briefing::json::to_compact_string(&text);
    assert_inert("JSON", &json);
    let back: String = serde_json::from_str(&json).expect("valid JSON");
    assert_eq!(back, text, "a string survives the round trip");

    let options = LoadOptions {
        force: true,
        ..LoadOptions::default()
    };
    let doc = document_from_bytes(data.to_vec(), options).expect("forced loading never fails");
    let outline = Outline::new(&doc);
    let json = briefing::json::to_compact_string(&outline);
    assert_inert("outline JSON", &json);
    let value: serde_json::Value = serde_json::from_str(&json).expect("valid outline JSON");
    assert_eq!(value["title"].as_str(), outline.title);
    let entries = value["entries"].as_array().expect("an entry list");
    assert_eq!(entries.len(), outline.entries.len());
    for (read, written) in entries.iter().zip(&outline.entries) {
        assert_eq!(read["label"].as_str(), Some(written.label));
        assert_eq!(read["marker"].as_str(), written.marker);
    }
}

// The hostile-input generator of the main crate's tests makes the seeds.
#[cfg(test)]
#[path = "../../tests/support/hostile_inputs.rs"]
mod inputs;

#[cfg(test)]
mod tests {
    use super::inputs;
    use super::*;

    /// The seeds: every small hostile document, and the shipped briefing.
    fn seeds() -> Vec<Vec<u8>> {
        let mut seeds: Vec<Vec<u8>> = inputs::documents().into_iter().map(|d| d.bytes).collect();
        seeds.push(include_bytes!("../../data/briefing.txt").to_vec());
        seeds
    }

    #[test]
    fn load_parse_holds_on_the_seeds() {
        for seed in seeds() {
            load_parse(&seed);
        }
    }

    #[test]
    fn layout_holds_on_the_seeds_at_several_widths() {
        for seed in seeds() {
            for (width, flags) in [
                (0u16, 0u8),
                (1, 1),
                (2, 0),
                (3, 9),
                (7, 1),
                (40, 8),
                (80, 0),
            ] {
                let mut data = width.to_le_bytes().to_vec();
                data.push(flags);
                data.extend_from_slice(&seed);
                layout(&data);
            }
        }
    }

    #[test]
    fn the_docx_and_html_readers_hold_on_the_seeds() {
        for seed in seeds() {
            docx(&seed);
            html(&seed);
        }
    }

    #[test]
    fn json_round_trip_holds_on_the_seeds() {
        for seed in seeds() {
            json_round_trip(&seed);
        }
    }
}
