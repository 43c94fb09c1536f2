//! What a document's bytes are, told from the bytes alone: a name's extension says what
//! a file was meant to be, not what it is (a .doc that is really .docx, a page saved as
//! .txt, a download without a name).

/// A kind of file that is turned into text before the parser reads it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DocFormat {
    /// Word 2007 and later, and what WPS saves as .docx.
    Docx,
    /// A zip archive that could not be opened: a .docx or an OFD cut short, most often.
    Zip,
    Html,
    Pdf,
    /// GB/T 33190, the national electronic document format (a zip of XML).
    Ofd,
}

impl DocFormat {
    /// Its name in messages, in either language (the names are what a user sees on the
    /// file), and as the status line's encoding.
    pub fn name(self) -> &'static str {
        match self {
            Self::Docx => "Word (.docx)",
            Self::Zip => "zip (.docx/.ofd)",
            Self::Html => "HTML",
            Self::Pdf => "PDF",
            Self::Ofd => "OFD",
        }
    }
}

/// What the bytes were found to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sniffed {
    /// Text, read by the decoder (or refused as binary).
    Text,
    /// A format turned into text by its reader.
    Document(DocFormat),
    /// An OLE compound file: Word 97–2003 (.doc), WPS (.wps), or another Office 97–2003
    /// file, none of which is read.
    CompoundFile,
}

/// The OLE compound file signature (MS-CFB 2.2).
const COMPOUND_FILE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// How far into a file `%PDF-` may start: readers accept junk before the header within
/// the first 1024 bytes (ISO 32000-1, annex H), and so do we.
const PDF_HEADER_WITHIN: usize = 1024;

/// Tells what `bytes` are. A zip archive is named by its first entries only here; which
/// kind of zip it is, is told by [`super::zipped`] once it is opened.
pub fn sniff(bytes: &[u8]) -> Sniffed {
    if bytes.starts_with(COMPOUND_FILE_MAGIC) {
        return Sniffed::CompoundFile;
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return Sniffed::Document(DocFormat::Zip);
    }
    let head = bytes.get(..PDF_HEADER_WITHIN).unwrap_or(bytes);
    if memchr::memmem::find(head, b"%PDF-").is_some() {
        return Sniffed::Document(DocFormat::Pdf);
    }
    if looks_like_html(bytes) {
        return Sniffed::Document(DocFormat::Html);
    }
    Sniffed::Text
}

/// The tags that open an HTML document, after the WHATWG MIME sniffing standard (7.1,
/// "the rules for identifying an unknown MIME type"): a file that begins, after
/// whitespace and a byte-order mark, with one of these followed by a space or `>` is a
/// page. A text briefing never begins with `<p>` or `<!DOCTYPE`.
const HTML_OPENINGS: &[&[u8]] = &[
    b"<!doctype html",
    b"<html",
    b"<head",
    b"<script",
    b"<iframe",
    b"<h1",
    b"<div",
    b"<font",
    b"<table",
    b"<a",
    b"<style",
    b"<title",
    b"<b",
    b"<body",
    b"<br",
    b"<p",
    b"<!--",
    b"<meta",
    b"<td",
    b"<tr",
];

fn looks_like_html(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = bytes
        .iter()
        .position(|byte| !byte.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    let rest = bytes.get(start..).unwrap_or_default();
    // An XML declaration may stand before XHTML.
    let rest = if rest.starts_with(b"<?xml") {
        let after = memchr::memmem::find(rest, b"?>").map_or(rest.len(), |end| end + 2);
        let rest = rest.get(after..).unwrap_or_default();
        let skip = rest
            .iter()
            .position(|byte| !byte.is_ascii_whitespace())
            .unwrap_or(rest.len());
        rest.get(skip..).unwrap_or_default()
    } else {
        rest
    };
    HTML_OPENINGS.iter().any(|opening| {
        rest.get(..opening.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(opening))
            && rest
                .get(opening.len())
                .is_some_and(|&next| next == b' ' || next == b'>' || *opening == b"<!--")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_told_from_their_bytes() {
        assert_eq!(
            sniff(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest"),
            Sniffed::CompoundFile
        );
        assert_eq!(sniff(b"PK\x03\x04rest"), Sniffed::Document(DocFormat::Zip));
        assert_eq!(sniff(b"%PDF-1.7\n"), Sniffed::Document(DocFormat::Pdf));
        assert_eq!(
            sniff(b"\n  <!DOCTYPE html>\n<html>"),
            Sniffed::Document(DocFormat::Html)
        );
        assert_eq!(
            sniff(b"<?xml version=\"1.0\"?>\n<html xmlns=\"x\">"),
            Sniffed::Document(DocFormat::Html)
        );
        assert_eq!(
            sniff("<p>一、总体要求</p>".as_bytes()),
            Sniffed::Document(DocFormat::Html)
        );
    }

    #[test]
    fn text_stays_text() {
        assert_eq!(sniff("一、总体要求\n".as_bytes()), Sniffed::Text);
        // A text that speaks of markup is not a page.
        assert_eq!(sniff("<p标签的用法".as_bytes()), Sniffed::Text);
        assert_eq!(sniff(b"<pre"), Sniffed::Text);
        assert_eq!(sniff(b""), Sniffed::Text);
    }
}
