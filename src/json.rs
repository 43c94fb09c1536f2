//! JSON output that is safe to print to a terminal and lossless to read back.
//!
//! `serde_json` escapes only U+0000–U+001F; this formatter also escapes DEL, the C1
//! controls, the bidi controls and the line/paragraph separators as `\uXXXX`, so that a
//! document's hostile characters never reach a terminal raw through `--format json`.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::{CompactFormatter, Formatter, PrettyFormatter, Serializer};

/// True for characters that must never be written raw to a terminal: DEL and C1, the
/// line and paragraph separators, BOM, and every bidi formatting character (the marks
/// U+200E, U+200F and U+061C ARABIC LETTER MARK, embeddings, overrides and isolates).
fn needs_escape(c: char) -> bool {
    matches!(c, '\u{7F}'..='\u{9F}' | '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{2028}' | '\u{2029}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

struct TerminalSafe<F>(F);

impl<F: Formatter> Formatter for TerminalSafe<F> {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut plain_from = 0;
        for (offset, c) in fragment.char_indices() {
            if needs_escape(c) {
                writer.write_all(
                    fragment
                        .get(plain_from..offset)
                        .unwrap_or_default()
                        .as_bytes(),
                )?;
                write!(writer, "\\u{:04x}", u32::from(c))?;
                plain_from = offset + c.len_utf8();
            }
        }
        writer.write_all(fragment.get(plain_from..).unwrap_or_default().as_bytes())
    }

    // Delegate the layout methods so pretty output stays pretty.
    fn begin_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_array(writer)
    }
    fn end_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array(writer)
    }
    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_array_value(writer, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array_value(writer)
    }
    fn begin_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object(writer)
    }
    fn end_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object(writer)
    }
    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_object_key(writer, first)
    }
    fn end_object_key<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object_key(writer)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object_value(writer)
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object_value(writer)
    }
}

/// Writes `value` as pretty-printed, terminal-safe JSON followed by a newline.
pub fn write_pretty<W: Write + ?Sized, T: Serialize>(writer: &mut W, value: &T) -> io::Result<()> {
    let mut serializer = Serializer::with_formatter(
        &mut *writer,
        TerminalSafe(PrettyFormatter::with_indent(b"  ")),
    );
    // `io::Error::from` keeps the kind of a write error (a closed pipe stays BrokenPipe,
    // which the caller treats as the end of output, not a failure).
    value.serialize(&mut serializer).map_err(io::Error::from)?;
    writer.write_all(b"\n")
}

/// Writes `value` as compact, terminal-safe JSON followed by a newline: for output
/// that can run to millions of entries (`check` on a large document), where indentation
/// would be a third of the bytes.
pub fn write_compact<W: Write + ?Sized, T: Serialize>(writer: &mut W, value: &T) -> io::Result<()> {
    let mut serializer = Serializer::with_formatter(&mut *writer, TerminalSafe(CompactFormatter));
    value.serialize(&mut serializer).map_err(io::Error::from)?;
    writer.write_all(b"\n")
}

/// Serialises `value` as compact, terminal-safe JSON.
pub fn to_compact_string<T: Serialize>(value: &T) -> String {
    let mut out = Vec::new();
    let mut serializer = Serializer::with_formatter(&mut out, TerminalSafe(CompactFormatter));
    if value.serialize(&mut serializer).is_err() {
        return String::new();
    }
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_characters_are_escaped_and_come_back() {
        let text = "a\u{1b}b\u{7f}c\u{85}d\u{202e}e\u{2066}f\u{2028}g\u{61c}h中";
        let json = to_compact_string(&text);
        assert!(
            json.chars().all(|c| !needs_escape(c) && !c.is_control()),
            "{json}"
        );
        assert!(json.contains("\\u001b") && json.contains("\\u007f") && json.contains("\\u202e"));
        assert!(json.contains("\\u061c"), "{json}");
        let back: String = serde_json::from_str(&json).expect("valid JSON");
        assert_eq!(back, text);
    }

    #[test]
    fn a_closed_pipe_stays_a_broken_pipe() {
        struct Closed;
        impl Write for Closed {
            fn write(&mut self, _: &[u8]) -> io::Result<usize> {
                Err(io::ErrorKind::BrokenPipe.into())
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let error = write_pretty(&mut Closed, &serde_json::json!({"k": "v"}))
            .expect_err("nothing can be written");
        assert_eq!(error.kind(), io::ErrorKind::BrokenPipe);
    }

    #[test]
    fn pretty_output_is_valid_json() {
        let mut out = Vec::new();
        write_pretty(&mut out, &serde_json::json!({"k": ["\u{9b}", 1]})).expect("writes");
        let text = String::from_utf8(out).expect("utf-8");
        assert!(text.contains("\\u009b"));
        let value: serde_json::Value = serde_json::from_str(&text).expect("valid");
        assert_eq!(value["k"][0], "\u{9b}");
    }
}
