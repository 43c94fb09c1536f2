//! Word (.docx) to the text the parser reads: the paragraphs of `word/document.xml` in
//! order, one a line with a blank line between, as a typed briefing has them.
//!
//! Written here rather than with a .docx crate: the one with the features (docx-rs)
//! pulls in some 60 crates and misread namespace-prefixed files and text boxes; a walk of
//! the XML with roxmltree is a few hundred lines and reads what a reader of the
//! document sees:
//! - Word's automatic numbering written into the text (`numbering`), so that a heading
//!   whose 一、 exists only in numbering.xml reads 一、 as on screen;
//! - tables as one line a row, cells parted by ` | `;
//! - a text box once (its VML copy for old Word, `mc:Fallback` and `w:pict`, skipped);
//! - tracked changes as accepted: deletions out, insertions in;
//! - comments, page headers and footers, and field results such as a table of contents
//!   or a page number left out;
//! - footnotes and endnotes as back matter under 注释, marked `[1]` where they are cited.

mod numbering;

use std::collections::HashMap;

use roxmltree::Node;

use self::numbering::Numbering;
use super::LoadError;
use super::format::DocFormat;
use super::xml::{self, MAX_DEPTH, attribute, name_in};
use super::zipped::Archive;

/// `WordprocessingML`, transitional and strict.
const W: &[&str] = &[
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
];
/// Markup compatibility: `mc:AlternateContent`.
const MC: &[&str] = &["http://schemas.openxmlformats.org/markup-compatibility/2006"];

/// The main part. The package's relationships could name another, but Word, WPS and
/// `LibreOffice` all write this one.
pub const DOCUMENT_PART: &str = "word/document.xml";

/// Reads the .docx in `archive`.
pub fn text(archive: &mut Archive<'_>) -> Result<String, LoadError> {
    let format = DocFormat::Docx;
    let document = archive
        .text(DOCUMENT_PART)?
        .ok_or_else(|| LoadError::Damaged {
            format,
            detail: format!("no {DOCUMENT_PART}"),
        })?;
    // Numbering and styles only add to the text: a file without them, or with them
    // damaged, is read without.
    let numbering = match archive.text("word/numbering.xml")? {
        Some(text) => xml::parse(&text, format)
            .map(|tree| Numbering::read(&tree))
            .unwrap_or_default(),
        None => Numbering::default(),
    };
    let styles = match archive.text("word/styles.xml")? {
        Some(text) => xml::parse(&text, format)
            .map(|tree| Styles::read(&tree))
            .unwrap_or_default(),
        None => Styles::default(),
    };
    let tree = xml::parse(&document, format)?;
    let mut walk = Walk {
        numbering,
        styles,
        ..Walk::default()
    };
    let body = tree
        .root_element()
        .children()
        .find(|node| name_in(*node, W) == Some("body"))
        .ok_or_else(|| LoadError::Damaged {
            format,
            detail: "no w:body".to_owned(),
        })?;
    walk.children(body, 0);
    let mut paragraphs = std::mem::take(&mut walk.paragraphs);
    let notes = std::mem::take(&mut walk.notes);
    if !notes.is_empty() {
        paragraphs.push("注释".to_owned());
        paragraphs.extend(note_texts(archive, &notes, &mut walk)?);
    }
    let mut out = paragraphs.join("\n\n");
    out.push('\n');
    Ok(out)
}

/// The cited notes, in the order of citation, as `[1] text`.
fn note_texts(
    archive: &mut Archive<'_>,
    notes: &[(NoteKind, String)],
    walk: &mut Walk,
) -> Result<Vec<String>, LoadError> {
    let mut found: HashMap<(NoteKind, String), String> = HashMap::new();
    for (kind, part, element) in [
        (NoteKind::Foot, "word/footnotes.xml", "footnote"),
        (NoteKind::End, "word/endnotes.xml", "endnote"),
    ] {
        if !notes.iter().any(|(k, _)| *k == kind) {
            continue;
        }
        let Some(text) = archive.text(part)? else {
            continue;
        };
        let Ok(tree) = xml::parse(&text, DocFormat::Docx) else {
            continue;
        };
        for note in tree.root_element().children() {
            if name_in(note, W) != Some(element) {
                continue;
            }
            let Some(id) = attribute(note, W, "id") else {
                continue;
            };
            walk.children(note, 0);
            let text = std::mem::take(&mut walk.paragraphs).join(" ");
            found.insert((kind, id.to_owned()), text);
        }
    }
    Ok(notes
        .iter()
        .enumerate()
        .map(|(index, key)| {
            let text = found.get(key).map_or("", String::as_str);
            format!("[{}] {text}", index + 1)
        })
        .collect())
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum NoteKind {
    Foot,
    End,
}

/// The first child element of `node` named `name` in `WordprocessingML`.
fn child<'a, 'input>(node: Node<'a, 'input>, name: &str) -> Option<Node<'a, 'input>> {
    node.children().find(|n| name_in(*n, W) == Some(name))
}

/// The `w:val` of an element.
fn val<'a>(node: Node<'a, '_>) -> Option<&'a str> {
    attribute(node, W, "val")
}

/// A paragraph style: where it inherits from and the list it numbers with.
#[derive(Debug, Default)]
struct Style {
    based_on: Option<String>,
    num_id: Option<String>,
    level: Option<usize>,
}

#[derive(Debug, Default)]
struct Styles(HashMap<String, Style>);

impl Styles {
    fn read(xml: &roxmltree::Document<'_>) -> Self {
        let mut styles = HashMap::new();
        for node in xml.root_element().children() {
            if name_in(node, W) != Some("style") {
                continue;
            }
            let Some(id) = attribute(node, W, "styleId") else {
                continue;
            };
            let num_pr = child(node, "pPr").and_then(|ppr| child(ppr, "numPr"));
            styles.insert(
                id.to_owned(),
                Style {
                    based_on: child(node, "basedOn").and_then(val).map(str::to_owned),
                    num_id: num_pr
                        .and_then(|n| child(n, "numId"))
                        .and_then(val)
                        .map(str::to_owned),
                    level: num_pr
                        .and_then(|n| child(n, "ilvl"))
                        .and_then(val)
                        .and_then(|v| v.parse().ok()),
                },
            );
        }
        Self(styles)
    }

    /// The list and level a style numbers with, from it or the styles it is based on
    /// (a chain that loops, or runs longer than any real one, is cut).
    fn numbering(&self, style: &str) -> (Option<&str>, Option<usize>) {
        let mut num_id = None;
        let mut level = None;
        let mut current = Some(style);
        for _ in 0..32 {
            let Some(found) = current.and_then(|id| self.0.get(id)) else {
                break;
            };
            num_id = num_id.or(found.num_id.as_deref());
            level = level.or(found.level);
            current = found.based_on.as_deref();
        }
        (num_id, level)
    }
}

/// A complex field (`w:fldChar` begin … separate … end) being read.
#[derive(Debug, Default)]
struct Field {
    instruction: String,
    /// Past `separate`: the field's result, which is what Word shows.
    in_result: bool,
}

impl Field {
    /// Fields whose result is not the document's text: a table of contents, page
    /// numbers, an index.
    fn is_hidden(&self) -> bool {
        hidden_field(&self.instruction)
    }
}

fn hidden_field(instruction: &str) -> bool {
    let keyword = instruction
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_ascii_uppercase();
    matches!(
        keyword.as_str(),
        "TOC" | "PAGE" | "NUMPAGES" | "SECTIONPAGES" | "INDEX" | "PAGEREF" | "XE" | "TC" | "TA"
    )
}

/// The state of the walk through the document's elements.
#[derive(Debug, Default)]
struct Walk {
    numbering: Numbering,
    styles: Styles,
    /// Finished paragraphs, in order.
    paragraphs: Vec<String>,
    /// The text of the paragraphs being read: more than one when a text box's
    /// paragraphs sit inside a paragraph.
    open: Vec<String>,
    fields: Vec<Field>,
    /// Notes cited so far, in order.
    notes: Vec<(NoteKind, String)>,
}

impl Walk {
    fn children(&mut self, node: Node<'_, '_>, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        for child in node.children() {
            self.element(child, depth + 1);
        }
    }

    fn push_text(&mut self, text: &str) {
        // Inside a field's instruction, or the result of a table of contents or a page
        // number, text is not the document's.
        if self
            .fields
            .iter()
            .any(|field| !field.in_result || field.is_hidden())
        {
            return;
        }
        if let Some(open) = self.open.last_mut() {
            open.push_str(text);
        }
    }

    fn element(&mut self, node: Node<'_, '_>, depth: usize) {
        if name_in(node, MC) == Some("AlternateContent") {
            // The first choice is what Word shows; the fallback is the same content
            // again for older readers (a text box's VML copy).
            if let Some(choice) = node.children().find(|n| name_in(*n, MC) == Some("Choice")) {
                self.children(choice, depth);
            }
            return;
        }
        let Some(name) = name_in(node, W) else {
            // Drawings and other markup hold text boxes (w:txbxContent) deeper down.
            if node.is_element() {
                self.children(node, depth);
            }
            return;
        };
        match name {
            "p" => self.paragraph(node, depth),
            "tbl" => self.table(node, depth),
            "t" => {
                if let Some(text) = node.text() {
                    self.push_text(text);
                }
            }
            "tab" | "ptab" => self.push_text("\t"),
            "br" | "cr" => {
                // A page or column break is layout, not a line of the text.
                if attribute(node, W, "type").is_none_or(|kind| kind == "textWrapping") {
                    self.push_text("\n");
                }
            }
            "noBreakHyphen" => self.push_text("-"),
            "r" => {
                let hidden = child(node, "rPr")
                    .and_then(|rpr| child(rpr, "vanish"))
                    .is_some_and(|v| !matches!(val(v), Some("0" | "false")));
                if !hidden {
                    self.children(node, depth);
                }
            }
            "fldChar" => match attribute(node, W, "fldCharType") {
                Some("begin") => self.fields.push(Field::default()),
                Some("separate") => {
                    if let Some(field) = self.fields.last_mut() {
                        field.in_result = true;
                    }
                }
                Some("end") => {
                    self.fields.pop();
                }
                _ => {}
            },
            "instrText" => {
                if let (Some(field), Some(text)) = (self.fields.last_mut(), node.text()) {
                    field.instruction.push_str(text);
                }
            }
            "fldSimple" => {
                if !attribute(node, W, "instr").is_some_and(hidden_field) {
                    self.children(node, depth);
                }
            }
            "footnoteReference" | "endnoteReference" => {
                let kind = if name == "footnoteReference" {
                    NoteKind::Foot
                } else {
                    NoteKind::End
                };
                if let Some(id) = attribute(node, W, "id") {
                    self.notes.push((kind, id.to_owned()));
                    let mark = format!("[{}]", self.notes.len());
                    self.push_text(&mark);
                }
            }
            "sdt" => {
                let is_contents = child(node, "sdtPr")
                    .and_then(|pr| child(pr, "docPartObj"))
                    .and_then(|obj| child(obj, "docPartGallery"))
                    .and_then(val)
                    .is_some_and(|gallery| gallery.contains("Table of Contents"));
                if !is_contents && let Some(content) = child(node, "sdtContent") {
                    self.children(content, depth);
                }
            }
            // Not text: properties, deleted revisions, the old VML copy of a drawing,
            // the section's page setup (which names the headers and footers).
            "pPr"
            | "rPr"
            | "tblPr"
            | "tblGrid"
            | "trPr"
            | "tcPr"
            | "sectPr"
            | "del"
            | "delText"
            | "moveFrom"
            | "delInstrText"
            | "pict"
            | "object"
            | "footnoteRef"
            | "endnoteRef"
            | "separator"
            | "continuationSeparator" => {}
            _ => self.children(node, depth),
        }
    }

    fn paragraph(&mut self, node: Node<'_, '_>, depth: usize) {
        let label = self.number_of(node);
        self.open.push(label.unwrap_or_default());
        self.children(node, depth);
        let text = self.open.pop().unwrap_or_default();
        let text = text.trim();
        if !text.is_empty() {
            self.paragraphs.push(text.to_owned());
        }
    }

    /// The paragraph's automatic number, counted, when it has one: from its own
    /// `numPr`, else from its style's chain.
    fn number_of(&mut self, paragraph: Node<'_, '_>) -> Option<String> {
        let properties = child(paragraph, "pPr")?;
        let direct = child(properties, "numPr");
        let style = child(properties, "pStyle").and_then(val);
        let (style_num, style_level) = style.map_or((None, None), |s| self.styles.numbering(s));
        let num_id = direct
            .and_then(|n| child(n, "numId"))
            .and_then(val)
            .or(style_num)?;
        // numId 0 takes a numbered style's number away.
        if num_id == "0" {
            return None;
        }
        let level = direct
            .and_then(|n| child(n, "ilvl"))
            .and_then(val)
            .and_then(|v| v.parse().ok())
            .or(style_level)
            .or_else(|| style.and_then(|s| self.numbering.level_of_style(num_id, s)))
            .unwrap_or(0);
        let num_id = num_id.to_owned();
        self.numbering.next_label(&num_id, level)
    }

    /// A table as lines, one a row, its cells parted by ` | `; a cell's paragraphs
    /// joined by a space.
    fn table(&mut self, node: Node<'_, '_>, depth: usize) {
        for row in node.children().filter(|n| name_in(*n, W) == Some("tr")) {
            let mut cells = Vec::new();
            for cell in row.children().filter(|n| name_in(*n, W) == Some("tc")) {
                let mark = self.paragraphs.len();
                self.children(cell, depth + 1);
                let text: Vec<String> = self.paragraphs.drain(mark..).collect();
                cells.push(text.join(" "));
            }
            if cells.iter().any(|cell| !cell.is_empty()) {
                self.paragraphs.push(cells.join(" | "));
            }
        }
    }
}

#[cfg(test)]
pub(super) mod tests;
