//! A web page to the text of its article: what a reader of the page reads, not the page.
//!
//! The article is found in the containers government sites keep it in (gov.cn
//! `#UCAP-CONTENT`, the TRS CMS of provincial sites `.TRS_Editor`, county sites
//! `#zoom`), else by `dom_smoothie`, a port of Mozilla's Readability, whose content tree is
//! then walked like a container. Paragraphs come from `<p>`, `<br>` and the other
//! blocks; a first-line indent (`text-indent`, U+3000, `&nbsp;`) is dropped; a table is
//! one line a row. Navigation, scripts, forms and the site's footer are never walked.
//! The title comes from the page's heading when the article does not begin with it.

use dom_query::{Document, NodeRef};
use dom_smoothie::{Config, Readability};
use encoding_rs::Encoding;

use super::LoadError;
use super::format::DocFormat;
use super::xml::MAX_DEPTH;

/// The containers that hold the article on Chinese government sites, most specific
/// first.
const CONTAINERS: &[&str] = &["#UCAP-CONTENT", ".TRS_Editor", "#zoom"];

/// Elements whose content is never the article's text.
const SKIPPED: &[&str] = &[
    "head", "script", "style", "noscript", "template", "iframe", "object", "embed", "svg",
    "canvas", "form", "button", "input", "select", "textarea", "nav", "footer", "aside",
];

/// Elements that stand as blocks: their content is a paragraph of its own.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "section",
    "article",
    "blockquote",
    "center",
    "pre",
    "address",
    "figure",
    "figcaption",
    "header",
    "main",
    "hr",
    "caption",
    "tbody",
    "thead",
    "tfoot",
];

/// How many bytes at the start of a page are searched for its declared charset (the
/// HTML standard's prescan looks at 1024; some CMS templates put it later).
const CHARSET_PRESCAN: usize = 4096;

/// The page's text, decoded as it declares (`<meta charset>`, older sites GB2312/GBK)
/// unless `--encoding` names another.
pub fn text(bytes: &[u8], forced: Option<&'static Encoding>) -> Result<String, LoadError> {
    if nested_deeper_than(bytes, MAX_NESTING) {
        return Err(LoadError::Damaged {
            format: DocFormat::Html,
            detail: format!("elements nested more than {MAX_NESTING} deep"),
        });
    }
    let encoding = forced.or_else(|| declared_charset(bytes));
    let page = crate::decode::decode(bytes, encoding).text;
    Ok(article(&page))
}

/// The deepest nesting of elements a page may have. Real pages nest a few dozen deep;
/// the HTML parser's work for each tag grows with the depth (the standard's "in scope"
/// checks walk the open elements), so a page nested 100 000 deep would take minutes.
const MAX_NESTING: usize = 1000;

/// Whether tags in `bytes` open more than `limit` elements that are not closed, counted
/// from the raw bytes before parsing. Elements that close themselves (`<br>`, `<img>`,
/// `<x/>`) or are closed by the next of their kind (`<p>`, `<li>`, `<td>`, `<tr>`, …) are
/// not counted, so untidy real pages stay far below the limit.
fn nested_deeper_than(bytes: &[u8], limit: usize) -> bool {
    const NOT_NESTING: &[&[u8]] = &[
        b"p", b"li", b"td", b"th", b"tr", b"dt", b"dd", b"option", b"br", b"img", b"hr", b"meta",
        b"link", b"input", b"area", b"base", b"col", b"embed", b"source", b"wbr", b"param",
        b"track",
    ];
    let mut depth = 0usize;
    let mut rest = bytes;
    while let Some(at) = memchr::memchr(b'<', rest) {
        rest = rest.get(at + 1..).unwrap_or_default();
        let closing = rest.first() == Some(&b'/');
        let name_from = usize::from(closing);
        let name_len = rest
            .iter()
            .skip(name_from)
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        let Some(name) = rest
            .get(name_from..name_from + name_len)
            .filter(|n| !n.is_empty())
        else {
            continue;
        };
        if !name.first().is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        let name = name.to_ascii_lowercase();
        if NOT_NESTING.contains(&name.as_slice()) {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
            continue;
        }
        let tag_end = memchr::memchr(b'>', rest).unwrap_or(rest.len());
        let self_closing = tag_end > 0 && rest.get(tag_end - 1) == Some(&b'/');
        if !self_closing {
            depth += 1;
            if depth > limit {
                return true;
            }
        }
    }
    false
}

/// The charset a page declares in its first bytes: `<meta charset="gb2312">` or
/// `<meta http-equiv="Content-Type" content="text/html; charset=gbk">`. A UTF-16 label
/// is ignored (a page read as ASCII so far cannot be UTF-16), as the HTML standard says.
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = bytes
        .get(..CHARSET_PRESCAN)
        .unwrap_or(bytes)
        .to_ascii_lowercase();
    let at = memchr::memmem::find(&head, b"charset")?;
    let rest = head.get(at + b"charset".len()..)?;
    let rest = rest.strip_prefix(b"=").or_else(|| {
        let skipped = rest.iter().position(|b| !b.is_ascii_whitespace())?;
        rest.get(skipped..)?.strip_prefix(b"=")
    })?;
    let rest: &[u8] = {
        let start = rest
            .iter()
            .position(|b| !b.is_ascii_whitespace() && *b != b'"' && *b != b'\'')?;
        rest.get(start..)?
    };
    let end = rest
        .iter()
        .position(|b| matches!(b, b'"' | b'\'' | b';' | b'>' | b' ' | b'/'))
        .unwrap_or(rest.len());
    let encoding = Encoding::for_label(rest.get(..end)?)?;
    (encoding != encoding_rs::UTF_16LE && encoding != encoding_rs::UTF_16BE).then_some(encoding)
}

/// The article of a page as paragraphs with a blank line between, its title first.
fn article(page: &str) -> String {
    let document = Document::from(page);
    let title = page_title(&document);
    let container = CONTAINERS.iter().find_map(|selector| {
        document
            .select(selector)
            .nodes()
            .iter()
            .find(|node| !node.text().trim().is_empty())
            .copied()
    });
    let mut paragraphs = if let Some(container) = container {
        paragraphs_of(&container)
    } else {
        // Readability's work grows with the square of the nesting depth: a page nested
        // deeper than any real one (a crafted page) is read without it.
        let readable = (nesting_depth(&document.root()) <= MAX_DEPTH)
            .then(|| readable_paragraphs(page))
            .flatten();
        readable.unwrap_or_else(|| {
            document
                .body()
                .map(|body| paragraphs_of(&body))
                .unwrap_or_default()
        })
    };
    join_split_title(&mut paragraphs);
    let mut out: Vec<String> = Vec::new();
    if let Some(title) = title {
        let squeeze = |text: &str| {
            text.chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
        };
        let begins_with_title = paragraphs
            .first()
            .is_some_and(|first| squeeze(&first.text).contains(&squeeze(&title)));
        if !begins_with_title {
            out.push(title);
        }
    }
    out.extend(paragraphs.into_iter().map(|paragraph| paragraph.text));
    let mut text = out.join("\n\n");
    text.push('\n');
    text
}

/// How deep elements nest under `root`, counted up to just past [`MAX_DEPTH`].
fn nesting_depth(root: &NodeRef<'_>) -> usize {
    let mut deepest = 0;
    let mut stack = vec![(*root, 0)];
    while let Some((node, depth)) = stack.pop() {
        deepest = deepest.max(depth);
        if deepest > MAX_DEPTH {
            break;
        }
        stack.extend(
            node.children_it(false)
                .filter(NodeRef::is_element)
                .map(|child| (child, depth + 1)),
        );
    }
    deepest
}

/// The article found by Readability, as paragraphs; `None` when it finds none.
fn readable_paragraphs(page: &str) -> Option<Vec<Paragraph>> {
    let config = Config {
        // A bound on the work done on a huge page; the article is near the top of any
        // page a reader would open.
        max_elements_to_parse: 200_000,
        ..Config::default()
    };
    let mut readability = Readability::new(page, None, Some(config)).ok()?;
    let found = readability.parse().ok()?;
    let content = Document::from(found.content.to_string());
    let paragraphs = paragraphs_of(&content.root());
    (!paragraphs.is_empty()).then_some(paragraphs)
}

/// The page's own title: the one CMS templates put in `<meta name="ArticleTitle">`, the
/// Open Graph title, a heading with text of its own (not a logo), or `<title>` less
/// the site's name after ` - ` or `_`.
fn page_title(document: &Document) -> Option<String> {
    let meta = |selector: &str| {
        document
            .select(selector)
            .nodes()
            .first()
            .and_then(|node| node.attr("content"))
            .map(|content| content.trim().to_owned())
            .filter(|content| !content.is_empty())
    };
    meta(r#"meta[name="ArticleTitle"]"#)
        .or_else(|| meta(r#"meta[property="og:title"]"#))
        .or_else(|| {
            document
                .select("h1")
                .nodes()
                .iter()
                .filter(|node| !is_link_only(node))
                .map(|node| collapse(&node.text()))
                .find(|text| !text.is_empty())
        })
        .or_else(|| {
            let title = collapse(&document.select("title").text());
            let cut = title
                .split([' ', '_', '|'])
                .next()
                .unwrap_or_default()
                .to_owned();
            (!cut.is_empty()).then_some(cut)
        })
}

/// Whitespace runs as one space, trimmed.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether an element's text is all inside links: a logo or a menu, not a heading.
fn is_link_only(node: &NodeRef<'_>) -> bool {
    let all = collapse(&node.text());
    let linked: String = node
        .descendants_it()
        .filter(|node| node.node_name().as_deref() == Some("a"))
        .map(|node| collapse(&node.text()))
        .collect();
    !all.is_empty() && all.chars().count() <= linked.chars().count()
}

/// A paragraph of the article and whether it was centred (a title line).
#[derive(Debug, Default)]
struct Paragraph {
    text: String,
    centred: bool,
}

/// The title of a gov.cn page is often set over two centred lines (国务院办公厅关于推进
/// / 政务新媒体健康有序发展的意见): they are one title. A centred line after it that holds
/// a number or a bracket is the 文号 or a date, and stays its own.
fn join_split_title(paragraphs: &mut Vec<Paragraph>) {
    let [first, second, ..] = paragraphs.as_slice() else {
        return;
    };
    let open_ended = !first.text.ends_with(|c: char| "。！？：；，”".contains(c));
    let plain = |text: &str| {
        !text
            .chars()
            .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
            && !text.contains(['〔', '[', '（', '(', '：'])
    };
    if first.centred && second.centred && open_ended && plain(&first.text) && plain(&second.text) {
        let second = paragraphs.remove(1);
        if let Some(first) = paragraphs.first_mut() {
            first.text.push_str(&second.text);
        }
    }
}

fn paragraphs_of(root: &NodeRef<'_>) -> Vec<Paragraph> {
    let mut walk = Walk::default();
    walk.children(root, 0, false);
    walk.flush();
    walk.paragraphs
}

/// The state of the walk through a container.
#[derive(Debug, Default)]
struct Walk {
    paragraphs: Vec<Paragraph>,
    current: String,
    centred: bool,
    /// Whitespace seen since the last character.
    space: bool,
}

impl Walk {
    fn flush(&mut self) {
        let text = self
            .current
            .trim_matches(|c: char| c.is_whitespace())
            .to_owned();
        self.current.clear();
        self.space = false;
        if !text.is_empty() {
            self.paragraphs.push(Paragraph {
                text,
                centred: self.centred,
            });
        }
    }

    fn push_text(&mut self, text: &str) {
        for c in text.chars() {
            // &nbsp; and the ideographic space of an indent are whitespace at a line's
            // start (dropped by `flush`); inside text they are kept as one space.
            if c.is_whitespace() {
                self.space = true;
                continue;
            }
            if self.space && !self.current.is_empty() {
                // A space from the source's line breaks between two Chinese characters
                // is layout of the HTML, not of the text.
                let between_wide = self
                    .current
                    .chars()
                    .last()
                    .is_some_and(|last| !last.is_ascii())
                    && !c.is_ascii();
                if !between_wide {
                    self.current.push(' ');
                }
            }
            self.space = false;
            self.current.push(c);
        }
    }

    fn children(&mut self, node: &NodeRef<'_>, depth: usize, centred: bool) {
        if depth > MAX_DEPTH {
            return;
        }
        for child in node.children_it(false) {
            self.node(&child, depth + 1, centred);
        }
    }

    fn node(&mut self, node: &NodeRef<'_>, depth: usize, centred: bool) {
        if node.is_text() {
            if self.current.is_empty() {
                self.centred = centred;
            }
            self.push_text(&node.text());
            return;
        }
        if !node.is_element() {
            return;
        }
        let name = node.node_name().unwrap_or_default();
        let name: &str = &name;
        if SKIPPED.contains(&name) || is_hidden(node) {
            return;
        }
        match name {
            "br" => self.flush(),
            "table" => self.table(node, depth),
            _ if BLOCKS.contains(&name) => {
                let centred = centred || name == "center" || is_centred(node);
                self.flush();
                self.children(node, depth, centred);
                self.flush();
            }
            _ => self.children(node, depth, centred),
        }
    }

    /// A table as one line a row, its cells parted by ` | `.
    fn table(&mut self, node: &NodeRef<'_>, depth: usize) {
        self.flush();
        // The table's own rows: those of a table inside a cell are read with the cell.
        let rows = node.element_children().into_iter().flat_map(|child| {
            match child.node_name().as_deref() {
                Some("tr") => vec![child],
                Some("tbody" | "thead" | "tfoot") => child
                    .element_children()
                    .into_iter()
                    .filter(|row| row.node_name().as_deref() == Some("tr"))
                    .collect(),
                _ => Vec::new(),
            }
        });
        for row in rows {
            let mut cells = Vec::new();
            for cell in row.element_children() {
                if !matches!(cell.node_name().as_deref(), Some("td" | "th")) {
                    continue;
                }
                let mark = self.paragraphs.len();
                self.children(&cell, depth + 1, false);
                self.flush();
                let text: Vec<String> = self.paragraphs.drain(mark..).map(|p| p.text).collect();
                cells.push(text.join(" "));
            }
            if cells.iter().any(|cell| !cell.is_empty()) {
                self.paragraphs.push(Paragraph {
                    text: cells.join(" | "),
                    centred: false,
                });
            }
        }
    }
}

fn style_of(node: &NodeRef<'_>) -> String {
    node.attr("style")
        .map(|style| style.to_ascii_lowercase().replace(' ', ""))
        .unwrap_or_default()
}

fn is_centred(node: &NodeRef<'_>) -> bool {
    style_of(node).contains("text-align:center")
        || node
            .attr("align")
            .is_some_and(|align| align.eq_ignore_ascii_case("center"))
}

fn is_hidden(node: &NodeRef<'_>) -> bool {
    node.has_attr("hidden") || style_of(node).contains("display:none")
}

#[cfg(test)]
mod tests;
