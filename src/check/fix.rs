//! `check --fix`: the fixes that cannot change a word (half-width marks in Chinese text
//! to full width, doubled marks to one, ellipses and dashes to their Chinese forms,
//! a doubled function character to one), applied until nothing is left to fix, and the
//! text written back in its own encoding and line ends.

use super::punctuation::fixable;

/// How many times the fixes run at most: a fix can make a new finding (a half-width
/// comma before a full-width one becomes a doubled mark), which the next pass fixes.
const MAX_PASSES: usize = 4;

/// `text` with every safe fix made. Fixing the result again changes nothing.
pub fn fix_text(text: &str) -> String {
    let mut current = text.to_owned();
    for _ in 0..MAX_PASSES {
        let findings = fixable(&current);
        if findings.is_empty() {
            break;
        }
        let mut fixed = String::with_capacity(current.len());
        let mut copied = 0;
        for finding in &findings {
            let Some(suggestion) = &finding.suggestion else {
                continue;
            };
            if finding.span.start < copied {
                continue;
            }
            fixed.push_str(current.get(copied..finding.span.start).unwrap_or_default());
            fixed.push_str(suggestion);
            copied = finding.span.end;
        }
        fixed.push_str(current.get(copied..).unwrap_or_default());
        current = fixed;
    }
    current
}

/// The bytes of a fixed text for the file it came from: the same encoding (and byte
/// order mark), and CR LF line ends if the file had them.
pub fn write_fixed(fixed: &str, original: &[u8], encoding: &str) -> Vec<u8> {
    let crlf = has_crlf(original, encoding);
    let text = if crlf {
        fixed.replace('\n', "\r\n")
    } else {
        fixed.to_owned()
    };
    match encoding {
        "UTF-16LE" | "UTF-16BE" => {
            let little = encoding == "UTF-16LE";
            let mut bytes = Vec::with_capacity(text.len() * 2 + 2);
            let bom = if little { [0xFF, 0xFE] } else { [0xFE, 0xFF] };
            if original.starts_with(&bom) {
                bytes.extend_from_slice(&bom);
            }
            for unit in text.encode_utf16() {
                let pair = if little {
                    unit.to_le_bytes()
                } else {
                    unit.to_be_bytes()
                };
                bytes.extend_from_slice(&pair);
            }
            bytes
        }
        _ => {
            let target =
                encoding_rs::Encoding::for_label(encoding.as_bytes()).unwrap_or(encoding_rs::UTF_8);
            let mut bytes = Vec::new();
            if target == encoding_rs::UTF_8 && original.starts_with(b"\xEF\xBB\xBF") {
                bytes.extend_from_slice(b"\xEF\xBB\xBF");
            }
            let (encoded, _, _) = target.encode(&text);
            bytes.extend_from_slice(&encoded);
            bytes
        }
    }
}

/// Whether the original file ended its lines with CR LF.
fn has_crlf(original: &[u8], encoding: &str) -> bool {
    match encoding {
        "UTF-16LE" => original.windows(4).any(|w| w == [b'\r', 0, b'\n', 0]),
        "UTF-16BE" => original.windows(4).any(|w| w == [0, b'\r', 0, b'\n']),
        _ => original.windows(2).any(|w| w == b"\r\n"),
    }
}
