//! The XML of .docx and OFD parts: parsed with limits, and read by namespace and local
//! name so that any prefix a writer chose (`w:`, `ns0:`, none) reads the same.

use roxmltree::{Document, Node, ParsingOptions};

use super::LoadError;
use super::format::DocFormat;

/// The most nodes one part may hold: a 100-page report has a few hundred thousand. Past
/// this a part is refused, so that a crafted file cannot make the tree take gigabytes.
const NODES_LIMIT: u32 = 4_000_000;

/// How deep the readers follow elements. Real documents nest a few dozen levels (a
/// table in a text box in a table); deeper content is left out, so that a crafted file
/// nested a million levels cannot exhaust the stack.
pub const MAX_DEPTH: usize = 200;

/// Parses a part. A DTD is refused (roxmltree's default): no Office or OFD writer puts
/// one in, and it is how entity expansion ("billion laughs") would get in.
pub fn parse(text: &str, format: DocFormat) -> Result<Document<'_>, LoadError> {
    let options = ParsingOptions {
        allow_dtd: false,
        nodes_limit: NODES_LIMIT,
        ..ParsingOptions::default()
    };
    Document::parse_with_options(text, options).map_err(|error| LoadError::Damaged {
        format,
        detail: error.to_string(),
    })
}

/// The local name of an element in one of `namespaces`.
pub fn name_in<'a>(node: Node<'a, '_>, namespaces: &[&str]) -> Option<&'a str> {
    if !node.is_element() {
        return None;
    }
    let tag = node.tag_name();
    match tag.namespace() {
        Some(namespace) if namespaces.contains(&namespace) => Some(tag.name()),
        _ => None,
    }
}

/// An attribute's value, by local name in one of `namespaces`, or without a namespace
/// (some writers leave attributes unqualified).
pub fn attribute<'a>(node: Node<'a, '_>, namespaces: &[&str], name: &str) -> Option<&'a str> {
    node.attributes()
        .find(|attribute| {
            attribute.name() == name
                && attribute
                    .namespace()
                    .is_none_or(|namespace| namespaces.contains(&namespace))
        })
        .map(|attribute| attribute.value())
}
