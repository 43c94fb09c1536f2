//! OFD (GB/T 33190, the national electronic document format) to the text of its
//! paragraphs. An OFD is a zip of XML: `OFD.xml` names the document's root, the root
//! lists its pages, and each page draws text objects whose characters stand at
//! positions (`ofd:TextCode`, with `X`, `Y` and the advance of each character in
//! `DeltaX`). Like a PDF's, the page knows no paragraphs: the characters become visual
//! lines, and the lines paragraphs, by the same rules as a PDF's (`super::pdf`).

use roxmltree::Node;

use super::LoadError;
use super::format::DocFormat;
use super::pdf::{Glyph, lines_of, paragraphs};
use super::xml::{self, attribute, name_in};
use super::zipped::Archive;

/// The part every OFD package starts from.
pub const ENTRY_PART: &str = "OFD.xml";

/// The namespace of OFD's elements (GB/T 33190-2016).
const NAMESPACES: &[&str] = &["http://www.ofdspec.org/2016", "http://www.ofdspec.org"];

fn damaged(detail: String) -> LoadError {
    LoadError::Damaged {
        format: DocFormat::Ofd,
        detail,
    }
}

/// Reads the OFD in `archive`: every page of its first document, in order.
pub fn text(archive: &mut Archive<'_>) -> Result<String, LoadError> {
    let entry = archive
        .text(ENTRY_PART)?
        .ok_or_else(|| damaged(format!("no {ENTRY_PART}")))?;
    let root = {
        let entry = xml::parse(&entry, DocFormat::Ofd)?;
        entry
            .descendants()
            .find(|node| name_in(*node, NAMESPACES) == Some("DocRoot"))
            .and_then(|node| node.text())
            .map(|path| path.trim().trim_start_matches('/').to_owned())
            .ok_or_else(|| damaged("no DocRoot in OFD.xml".to_owned()))?
    };
    let document = archive
        .text(&root)?
        .ok_or_else(|| damaged(format!("no {root}")))?;
    // Page locations are relative to the document's own folder.
    let folder = root.rsplit_once('/').map_or("", |(folder, _)| folder);
    let pages: Vec<String> = {
        let document = xml::parse(&document, DocFormat::Ofd)?;
        document
            .descendants()
            .filter(|node| name_in(*node, NAMESPACES) == Some("Page"))
            .filter_map(|node| attribute(node, NAMESPACES, "BaseLoc"))
            .map(|location| join(folder, location))
            .collect()
    };
    let mut lines = Vec::with_capacity(pages.len());
    for page in pages {
        let Some(content) = archive.text(&page)? else {
            continue;
        };
        let content = xml::parse(&content, DocFormat::Ofd)?;
        lines.push(lines_of(&glyphs_of(content.root())));
    }
    if lines.iter().all(Vec::is_empty) {
        return Err(LoadError::NoTextLayer);
    }
    let mut out = paragraphs(&lines).join("\n\n");
    out.push('\n');
    Ok(out)
}

/// `location` in the package: absolute (`/Doc_0/…`) or relative to `folder`.
fn join(folder: &str, location: &str) -> String {
    match location.strip_prefix('/') {
        Some(absolute) => absolute.to_owned(),
        None if folder.is_empty() => location.to_owned(),
        None => format!("{folder}/{location}"),
    }
}

/// Numbers of an attribute, space-separated.
fn numbers(text: &str) -> Vec<f64> {
    text.split_whitespace()
        .filter_map(|word| word.parse().ok())
        .collect()
}

/// The advances of a `DeltaX`: numbers, where `g N D` stands for N advances of D.
fn advances(text: &str) -> Vec<f64> {
    let mut out = Vec::new();
    let mut words = text.split_whitespace();
    while let Some(word) = words.next() {
        if word == "g" {
            let count: usize = words.next().and_then(|n| n.parse().ok()).unwrap_or(0);
            let advance: f64 = words.next().and_then(|d| d.parse().ok()).unwrap_or(0.0);
            // A count no page could hold is a crafted file: capped, not trusted.
            out.extend(std::iter::repeat_n(advance, count.min(10_000)));
        } else if let Ok(advance) = word.parse() {
            out.push(advance);
        }
    }
    out
}

/// The characters a page draws, where they stand: each text object's boundary places
/// its text codes, and each code's characters follow one another by its advances.
fn glyphs_of(page: Node<'_, '_>) -> Vec<Glyph> {
    let mut glyphs = Vec::new();
    let objects = page
        .descendants()
        .filter(|node| name_in(*node, NAMESPACES) == Some("TextObject"));
    for object in objects {
        let boundary = attribute(object, NAMESPACES, "Boundary").map_or_else(Vec::new, numbers);
        let (left, top) = (
            boundary.first().copied().unwrap_or(0.0),
            boundary.get(1).copied().unwrap_or(0.0),
        );
        let size = attribute(object, NAMESPACES, "Size")
            .and_then(|size| size.trim().parse::<f64>().ok())
            .filter(|size| *size > 0.0)
            .unwrap_or(1.0);
        let codes = object
            .children()
            .filter(|node| name_in(*node, NAMESPACES) == Some("TextCode"));
        for code in codes {
            let number = |name| {
                attribute(code, NAMESPACES, name)
                    .and_then(|value| value.trim().parse::<f64>().ok())
                    .unwrap_or(0.0)
            };
            let mut x = left + number("X");
            let y = top + number("Y");
            let steps = attribute(code, NAMESPACES, "DeltaX").map_or_else(Vec::new, advances);
            let text = code.text().unwrap_or_default();
            for (index, c) in text.chars().enumerate() {
                let advance = steps.get(index).copied().unwrap_or(size);
                glyphs.push(Glyph {
                    x,
                    y,
                    end: x + advance,
                    size,
                    text: c.to_string(),
                });
                x += advance;
            }
        }
    }
    glyphs
}

#[cfg(test)]
mod tests {
    use super::super::docx::tests::zip_of;
    use super::*;
    use crate::source::{LoadOptions, decode_bytes};
    use std::fmt::Write as _;

    /// An OFD of one page drawing `codes`: (x, y, text) of each text code, in mm.
    fn ofd_of(codes: &[(f64, f64, &str)]) -> Vec<u8> {
        let mut objects = String::new();
        for (x, y, text) in codes {
            let advances = vec!["5"; text.chars().count()].join(" ");
            let _ = write!(
                objects,
                r#"<ofd:TextObject ID="1" Size="5" Boundary="{x} {y} 150 6"><ofd:TextCode X="0" Y="5" DeltaX="{advances}">{text}</ofd:TextCode></ofd:TextObject>"#
            );
        }
        let page = format!(
            r#"<ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content><ofd:Layer>{objects}</ofd:Layer></ofd:Content></ofd:Page>"#
        );
        zip_of(&[
            (
                "OFD.xml",
                r#"<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>"#,
            ),
            (
                "Doc_0/Document.xml",
                r#"<ofd:Document xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Pages><ofd:Page ID="2" BaseLoc="Pages/Page_0/Content.xml"/></ofd:Pages></ofd:Document>"#,
            ),
            ("Doc_0/Pages/Page_0/Content.xml", &page),
        ])
    }

    #[test]
    fn an_ofd_page_becomes_its_paragraphs() {
        let bytes = ofd_of(&[
            (60.0, 20.0, "关于做好工作的通知"),
            (28.0, 40.0, "各单位："),
            // An indented first line that runs to the margin, then the rest of it.
            (
                38.0,
                50.0,
                "为进一步做好工作现将有关事项通知如下请认真贯彻落实",
            ),
            (28.0, 60.0, "切实抓出成效。"),
        ]);
        let decoded = decode_bytes(bytes, LoadOptions::default()).expect("an OFD is read");
        assert_eq!(decoded.encoding, "OFD");
        assert!(
            decoded
                .text
                .contains("为进一步做好工作现将有关事项通知如下请认真贯彻落实切实抓出成效。"),
            "{}",
            decoded.text
        );
        assert!(
            decoded.text.starts_with("关于做好工作的通知\n"),
            "{}",
            decoded.text
        );
    }

    #[test]
    fn an_ofd_without_text_is_refused() {
        let bytes = ofd_of(&[]);
        assert!(matches!(
            decode_bytes(bytes, LoadOptions::default()),
            Err(LoadError::NoTextLayer)
        ));
    }

    #[test]
    fn advances_expand_their_repeats() {
        assert_eq!(advances("5.5 g 3 2.5 1"), [5.5, 2.5, 2.5, 2.5, 1.0]);
        assert_eq!(
            advances("g 99999999 1").len(),
            10_000,
            "a crafted count is capped"
        );
    }

    #[test]
    fn page_locations_are_read_from_the_documents_folder() {
        assert_eq!(
            join("Doc_0", "Pages/Page_0/Content.xml"),
            "Doc_0/Pages/Page_0/Content.xml"
        );
        assert_eq!(join("Doc_0", "/Doc_0/Pages/P.xml"), "Doc_0/Pages/P.xml");
    }
}
