//! Display width and Chinese line breaking, with no terminal dependency.
//!
//! This module owns three things every command relies on:
//!
//! * **what a piece of text looks like when drawn** ([`sanitize`], [`cluster_width`],
//!   [`str_width`], [`truncate`]): control characters become visible pictures, invisible
//!   formatting characters that could reorder or hide text are removed, and widths are
//!   measured per extended grapheme cluster with `unicode-width` (narrow or wide treatment of
//!   East Asian Ambiguous characters, see [`AmbiguousWidth`]);
//! * **where a paragraph breaks into screen lines** ([`wrap`], [`wrap_lines`]);
//! * **how drawn text maps back to the source** ([`ScreenLine::source`] and
//!   [`ScreenLine::clusters`]), so callers can style source ranges on the drawn text.
//!
//! The conventions are those of `tests/data/cjk-cases.json` (a copy of the shared case file);
//! the unit tests run every case in it.
//!
//! # Invariants
//!
//! * No screen line is wider than the width asked for, ever. A cluster wider than the whole
//!   width is drawn as one `>` column (a project convention, not a standard).
//! * No cluster is ever split, and drawn text never contains a raw C0/C1 control, DEL, BOM,
//!   soft hyphen, bidi control, U+200B or U+2060.
//! * A cluster of more than [`MAX_CLUSTER_CHARS`] code points (e.g. a letter carrying 20 000
//!   combining marks) draws only its first [`MAX_CLUSTER_CHARS`] code points, but its source
//!   range still covers all of it: terminals choke on such clusters and nobody can read them.
//! * Drawn clusters never fuse: a cluster that starts with a character which attaches to its
//!   neighbour (a combining mark or variation selector left alone after a control or a removed
//!   character) draws nothing, and a dangling ZWJ at the end of a cluster is not drawn.
//!   Otherwise removing U+200B from `😀\u{200D}\u{200B}😀` would draw one 2-column emoji where
//!   4 columns were counted, and `str_width` of a line's text would disagree with its width.
//! * Wrapping works on items (one visible cluster with the zero-width clusters after it, or a
//!   run of spaces); each line looks at no more than about two lines' worth of items, so the
//!   cost is linear in the input for a given width, and nothing recurses: a 50 MB paragraph
//!   without a break opportunity, or a letter with 20 000 combining marks, is fine.
//!
//! # Line breaking rules
//!
//! A break may fall between any two clusters (ideographs, kana, emoji, an ideograph and a
//! Latin word, after U+200B) except that:
//!
//! * no line starts with `，。、；：？！”’）》〉」』】〕〗］｝…‥·・％～` or ASCII `, . ; : ? ! ) ] } %`
//!   and no line ends with `“‘（《〈「『【〔〖［｛` or ASCII `( [ {` (GB/T 15834). A terminal
//!   cannot squeeze punctuation, so the character before a forbidden break moves down with it:
//!   `同志们好，今天开会` at 8 columns is `同志们` / `好，今天` / `开会`, never `同志们好` / `，今天开会`;
//! * units are never split: a run of ASCII graphic characters (a word, number or URL; breaks
//!   are still allowed after `/` unless it is inside `//`, and after `, ; : ! ?` followed by a
//!   letter), `——` and `……`. Zero-width clusters stay with the text before them, and U+2060
//!   WORD JOINER glues both its sides. Other Latin-like letters (`ō`, `é`, Greek, Cyrillic)
//!   count as word characters too, so `Zhōngwén` is one word;
//! * a line may break after a run of spaces (ASCII space, TAB, U+3000 and the other breaking
//!   spaces); the spaces at a break are dropped and never count against the width. Spaces at
//!   the very start of a paragraph are indentation and are kept as ordinary text.
//!
//! When the next cluster does not fit, the break is chosen by the first of these that exists:
//!
//! 1. the last position allowed by all rules (`推动“1231”总量目标` at 10 columns breaks
//!    between `”` and `总`);
//! 2. the last fitting position that respects no-start/no-end, breaking inside a unit only if
//!    that unit alone is wider than the line (`Zhōngwén中文` at 4 columns: `Zhōn` / `gwén` /
//!    `中文`);
//! 3. the last fitting position that keeps units whole, no-start/no-end relaxed (`中，中` at
//!    3 columns: `中` / `，` / `中`);
//! 4. the last fitting position (`……` at 2 columns with wide ambiguous characters: `…` / `…`).
//!
//! TAB expands to spaces up to the next multiple of [`TAB_STOP`] columns counted from the start
//! of the paragraph, before wrapping (so a tab keeps its size whichever line it lands on).
//! LF, CR LF and a lone CR inside a text given to [`wrap`] force a break.

use std::borrow::Cow;
use std::collections::VecDeque;
use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

#[cfg(test)]
mod tests;

/// Tab stops are every this many columns, counted from the start of the paragraph.
pub const TAB_STOP: usize = 4;

/// A cluster with more code points than this draws only its first `MAX_CLUSTER_CHARS`.
pub const MAX_CLUSTER_CHARS: usize = 32;

/// How East Asian Ambiguous characters (“ ” … — · ※ ○ ①) are measured.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum AmbiguousWidth {
    #[default]
    Narrow,
    Wide,
}

/// One screen line of a wrapped paragraph.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScreenLine {
    /// Byte range of the input text this line shows (spaces dropped at the break are outside it).
    pub source: Range<usize>,
    /// What to draw: sanitized, tabs expanded to spaces, U+200B/U+2060 removed, too-wide clusters as '>'.
    pub text: String,
    /// Display width of `text` in columns (never more than the width asked for).
    pub width: usize,
    /// For each drawn cluster: (byte offset in `text`, byte offset in the input). Strictly
    /// increasing; lets callers style source ranges (search matches, markers) on the drawn text.
    pub clusters: Vec<(u32, u32)>,
}

const ZWSP: char = '\u{200B}';
const WORD_JOINER: char = '\u{2060}';
const ELLIPSIS: &str = "\u{2026}";

/// Characters `sanitize` deletes: they are invisible and can hide or reorder text.
fn is_removed(c: char) -> bool {
    matches!(
        c,
        '\u{FEFF}'
            | '\u{00AD}'
            | '\u{061C}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}'
    )
}

/// Visible stand-in for a C0 control (other than TAB and LF) or DEL.
fn control_picture(c: char) -> Option<char> {
    match c {
        '\t' | '\n' => None,
        '\u{0}'..='\u{1F}' => char::from_u32(0x2400 + u32::from(c)),
        '\u{7F}' => Some('\u{2421}'),
        _ => None,
    }
}

fn is_c1(c: char) -> bool {
    matches!(c, '\u{80}'..='\u{9F}')
}

/// The visible, inert form of a whole text.
///
/// C0 controls except TAB and LF, and DEL, become control pictures (U+2400 + code, DEL as
/// U+2421); C1 controls (U+0080–U+009F) become U+FFFD; U+FEFF, U+00AD and the bidi controls
/// U+200E, U+200F, U+202A–U+202E, U+2066–U+2069 are removed. U+200B and U+2060 are kept
/// because they matter for line breaking. Following the case file's conventions ("CR LF and a
/// lone CR end a line like LF"), CR LF and a lone CR become LF instead of a picture.
///
/// Returns [`Cow::Borrowed`] when nothing changes; applying it twice changes nothing more.
pub fn sanitize(text: &str) -> Cow<'_, str> {
    let Some(first) = first_unclean(text.as_bytes()) else {
        return Cow::Borrowed(text);
    };
    let (clean, rest) = text.split_at(first);
    let mut out = String::with_capacity(text.len() + 16);
    out.push_str(clean);
    let mut chars = rest.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            // CR LF is one line end; the LF that follows is pushed on the next turn.
            if chars.peek() != Some(&'\n') {
                out.push('\n');
            }
        } else if let Some(picture) = control_picture(c) {
            out.push(picture);
        } else if is_c1(c) {
            out.push('\u{FFFD}');
        } else if !is_removed(c) {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Byte offset of the first character `sanitize` would change. Works on bytes because almost
/// all text is clean and this runs over every loaded document.
fn first_unclean(bytes: &[u8]) -> Option<usize> {
    let at = |i: usize| bytes.get(i).copied().unwrap_or(0);
    bytes.iter().enumerate().find_map(|(i, &b)| {
        let unclean = match b {
            b'\t' | b'\n' => false,
            0x00..=0x1F | 0x7F => true,
            // U+0080–U+009F (C1) and U+00AD
            0xC2 => matches!(at(i + 1), 0x80..=0x9F | 0xAD),
            // U+061C ARABIC LETTER MARK, a bidi control
            0xD8 => at(i + 1) == 0x9C,
            // U+200E U+200F U+202A–U+202E (E2 80 xx) and U+2066–U+2069 (E2 81 xx)
            0xE2 => match at(i + 1) {
                0x80 => matches!(at(i + 2), 0x8E | 0x8F | 0xAA..=0xAE),
                0x81 => matches!(at(i + 2), 0xA6..=0xA9),
                _ => false,
            },
            // U+FEFF
            0xEF => at(i + 1) == 0xBB && at(i + 2) == 0xBF,
            _ => false,
        };
        unclean.then_some(i)
    })
}

/// What one cluster draws as on a single line.
enum Glyph<'a> {
    /// Nothing: removed formatting characters, U+200B, U+2060 and orphaned marks (see
    /// [`attaches`]).
    Removed,
    /// A TAB; its width depends on the column.
    Tab,
    /// A stand-in character (control picture, U+FFFD).
    Char(char),
    /// The cluster itself, capped at [`MAX_CLUSTER_CHARS`] code points.
    Text(&'a str),
}

impl Glyph<'_> {
    fn width(&self, ambiguous: AmbiguousWidth) -> usize {
        match (self, ambiguous) {
            (Glyph::Removed | Glyph::Tab, _) => 0,
            (Glyph::Char(c), AmbiguousWidth::Narrow) => c.width().unwrap_or(1),
            (Glyph::Char(c), AmbiguousWidth::Wide) => c.width_cjk().unwrap_or(1),
            (Glyph::Text(t), ambiguous) => text_width(t, ambiguous),
        }
    }

    fn push_to(&self, out: &mut String) {
        match self {
            Glyph::Removed | Glyph::Tab => {}
            Glyph::Char(c) => out.push(*c),
            Glyph::Text(t) => out.push_str(t),
        }
    }
}

/// Whether `c` attaches to whatever character precedes it (combining marks, variation
/// selectors, emoji modifiers, ZWJ, spacing marks). A cluster that starts with one only exists
/// after a control, a removed character or at the start of the text: drawn, it would attach to
/// the wrong neighbour and change that neighbour's width, so it draws nothing.
fn attaches(c: char) -> bool {
    // Fast path for what Chinese text is made of: ASCII, ideographs, punctuation.
    if c.is_ascii() || stands_alone(c) || matches!(c, '\u{3400}'..='\u{4DBF}') {
        return false;
    }
    let mut buf = [0u8; 8];
    buf[0] = b'a';
    let len = c.encode_utf8(&mut buf[1..]).len();
    std::str::from_utf8(&buf[..=len]).is_ok_and(|s| s.graphemes(true).nth(1).is_none())
}

fn glyph(cluster: &str) -> Glyph<'_> {
    let mut chars = cluster.chars();
    let Some(c) = chars.next() else {
        return Glyph::Removed;
    };
    if attaches(c) {
        return Glyph::Removed;
    }
    if chars.as_str().is_empty() {
        return if c == '\t' {
            Glyph::Tab
        } else if is_removed(c) || c == ZWSP || c == WORD_JOINER {
            Glyph::Removed
        } else if c == '\n' {
            // Only reaches here on single-line paths (`wrap` breaks at it): keep it inert.
            Glyph::Char('\u{240A}')
        } else if let Some(picture) = control_picture(c) {
            Glyph::Char(picture)
        } else if is_c1(c) {
            Glyph::Char('\u{FFFD}')
        } else {
            Glyph::Text(cluster)
        };
    }
    if cluster == "\r\n" {
        return Glyph::Text("\u{240D}\u{240A}");
    }
    let capped = match cluster.char_indices().nth(MAX_CLUSTER_CHARS) {
        Some((cap, _)) => cluster.get(..cap).unwrap_or(cluster),
        None => cluster,
    };
    // A ZWJ at the end joins nothing, but drawn next to an emoji (once a removed character
    // between them is gone, or after the cap) it would fuse the two into one.
    Glyph::Text(capped.trim_end_matches('\u{200D}'))
}

/// Display width of one extended grapheme cluster as drawn by us (after the replacements of
/// [`sanitize`]; controls, LF and CR included, count as their 1-column pictures; a cluster
/// that starts with a combining mark draws nothing, see the module invariants). TAB is not
/// handled here (returns 0 for "\t"; [`str_width`] and [`wrap`] handle tabs).
pub fn cluster_width(cluster: &str, ambiguous: AmbiguousWidth) -> usize {
    glyph(cluster).width(ambiguous)
}

fn tab_width(col: usize) -> usize {
    TAB_STOP - col % TAB_STOP
}

/// The extended grapheme clusters of `text`, exactly as `graphemes(true)` gives them.
///
/// Chinese text is almost all characters that always stand alone, and UAX #29 puts a
/// boundary between any two of them (rule GB999), so those are cut without running the
/// segmenter, whose state machine took a fifth of the time to draw a frame. Anything
/// else goes to the segmenter, from a boundary.
pub fn clusters(text: &str) -> impl Iterator<Item = &str> {
    cluster_indices(text).map(|(_, cluster)| cluster)
}

/// [`clusters`] with each cluster's byte offset in `text`, as `grapheme_indices(true)`.
fn cluster_indices(text: &str) -> ClusterIndices<'_> {
    ClusterIndices { text, offset: 0 }
}

struct ClusterIndices<'a> {
    text: &'a str,
    offset: usize,
}

impl<'a> Iterator for ClusterIndices<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        let rest = self.text.get(self.offset..)?;
        let mut chars = rest.chars();
        let first = chars.next()?;
        let len = if stands_alone(first) && chars.next().is_none_or(stands_alone) {
            first.len_utf8()
        } else {
            rest.graphemes(true).next().map_or(rest.len(), str::len)
        };
        let at = self.offset;
        self.offset += len;
        rest.get(..len).map(|cluster| (at, cluster))
    }
}

/// Characters that no UAX #29 rule joins to a neighbour: printable ASCII, CJK ideographs,
/// CJK punctuation (not the tone marks U+302A–U+302F, which extend), full-width forms and
/// general punctuation (dashes, quotes, ellipsis, primes; not the line and paragraph
/// separators, the bidi controls, the word joiner and the invisible operators, which are
/// controls to UAX #29).
fn stands_alone(c: char) -> bool {
    matches!(
        c,
        ' '..='~'
            | '\u{4E00}'..='\u{9FFF}'
            | '\u{3000}'..='\u{3029}'
            | '\u{3030}'..='\u{303F}'
            | '\u{FF01}'..='\u{FF60}'
            | '\u{2010}'..='\u{2027}'
            | '\u{2030}'..='\u{205E}'
    )
}

/// The display width of `cluster` as drawn by us, and as a terminal that knows only
/// Unicode's widths (ambiguous narrow) would advance over it.
pub fn drawn_and_natural_width(cluster: &str, ambiguous: AmbiguousWidth) -> (usize, usize) {
    match single_standalone(cluster) {
        Some(c) => (
            char_width(c, ambiguous),
            char_width(c, AmbiguousWidth::Narrow),
        ),
        None => (cluster_width(cluster, ambiguous), cluster.width()),
    }
}

/// The width of a cluster's text. A single character that stands alone takes the short
/// way, one table lookup, instead of the string walk that handles sequences.
fn text_width(text: &str, ambiguous: AmbiguousWidth) -> usize {
    match (single_standalone(text), ambiguous) {
        (Some(c), _) => char_width(c, ambiguous),
        (None, AmbiguousWidth::Narrow) => text.width(),
        (None, AmbiguousWidth::Wide) => text.width_cjk(),
    }
}

/// The Unicode width of `text` when it is one character that stands alone, without the
/// string walk; None for anything else. For a terminal's cell: what it advances over it.
pub fn standalone_width(text: &str) -> Option<usize> {
    single_standalone(text).and_then(standalone_char_width)
}

/// The same for one character.
pub fn standalone_char_width(c: char) -> Option<usize> {
    stands_alone(c).then(|| char_width(c, AmbiguousWidth::Narrow))
}

fn single_standalone(text: &str) -> Option<char> {
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if stands_alone(c) => Some(c),
        _ => None,
    }
}

fn char_width(c: char, ambiguous: AmbiguousWidth) -> usize {
    // Most of a Chinese text, answered without the table: every CJK unified ideograph
    // is East Asian Wide, every printable ASCII character Narrow.
    match c {
        ' '..='~' => return 1,
        '\u{4E00}'..='\u{9FFF}' => return 2,
        _ => {}
    }
    match ambiguous {
        AmbiguousWidth::Narrow => c.width(),
        AmbiguousWidth::Wide => c.width_cjk(),
    }
    .unwrap_or(1)
}

/// Display width of a string, cluster by cluster, tabs expanded from column 0, controls as
/// pictures, removed characters 0.
pub fn str_width(text: &str, ambiguous: AmbiguousWidth) -> usize {
    clusters(text).fold(0, |col, cluster| match glyph(cluster) {
        Glyph::Tab => col + tab_width(col),
        g => col + g.width(ambiguous),
    })
}

/// Cut `text` to at most `max` columns, ending in `…` (counted with its ambiguous width) when
/// cut; never half a cluster; controls shown as pictures and tabs expanded from column 0, as
/// in [`str_width`]. `max` 0 gives "", and so does a cut that leaves no room for the `…`.
pub fn truncate(text: &str, max: usize, ambiguous: AmbiguousWidth) -> String {
    let ellipsis = Glyph::Text(ELLIPSIS).width(ambiguous);
    let mut out = String::new();
    let mut col = 0;
    // Length of `out` at the last point where an ellipsis would still fit after it.
    let mut cut = (ellipsis <= max).then_some(0);
    for cluster in clusters(text) {
        let g = glyph(cluster);
        let w = match g {
            Glyph::Tab => tab_width(col),
            _ => g.width(ambiguous),
        };
        if col + w > max {
            return match cut {
                Some(len) => {
                    out.truncate(len);
                    out.push_str(ELLIPSIS);
                    out
                }
                None => String::new(),
            };
        }
        match g {
            Glyph::Tab => out.extend(std::iter::repeat_n(' ', w)),
            _ => g.push_to(&mut out),
        }
        col += w;
        if col + ellipsis <= max {
            cut = Some(out.len());
        }
    }
    out
}

/// Lines of one paragraph as plain strings; see [`wrap`].
pub fn wrap_lines(text: &str, width: usize, ambiguous: AmbiguousWidth) -> Vec<String> {
    wrap(text, width, 0, ambiguous)
        .into_iter()
        .map(|line| line.text)
        .collect()
}

/// Lines of one paragraph for `width` columns (width 0 is treated as 1).
///
/// The paragraph should hold no line end, but LF, CR LF and a lone CR force a break anyway
/// (an empty piece gives an empty line, so "" gives one empty line). `first_line_indent`
/// columns are reserved at the start of the first line only (the caller draws them); an
/// indent of `width` or more is ignored. If the first cluster does not fit beside the indent,
/// the first line is empty. See the module documentation for the rules.
pub fn wrap(
    text: &str,
    width: usize,
    first_line_indent: usize,
    ambiguous: AmbiguousWidth,
) -> Vec<ScreenLine> {
    let width = width.max(1);
    let mut wrapper = Wrapper {
        text,
        width,
        ambiguous,
        avail: if first_line_indent < width {
            width - first_line_indent
        } else {
            width
        },
        lines: Vec::new(),
    };
    let bytes = text.as_bytes();
    let mut start = 0;
    while let Some(found) = bytes
        .get(start..)
        .and_then(|rest| memchr::memchr2(b'\n', b'\r', rest))
    {
        let end = start + found;
        wrapper.piece(start..end);
        start = if bytes.get(end..end + 2) == Some(b"\r\n") {
            end + 2
        } else {
            end + 1
        };
    }
    wrapper.piece(start..text.len());
    wrapper.lines
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// A run of breaking spaces inside the paragraph: dropped at a break.
    Space,
    /// Anything else, including the paragraph's leading indentation.
    Text,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Subst {
    None,
    /// Wider than the whole line: drawn as one '>'.
    TooWide,
    /// Indentation wider than the whole line: drawn as `width` spaces.
    Indent,
}

/// A slice of the paragraph the breaker treats as indivisible: one visible cluster with the
/// zero-width clusters that follow it, or a run of spaces (with the removed clusters among
/// them). Zero-width clusters stay with the text before them anyway, and merging them keeps
/// the breaker's window short even when the text is a flood of zero-width characters. (A
/// visible zero-width cluster right after spaces starts an item of its own, glued to them, so
/// that it is not dropped with the spaces at a break.)
#[derive(Clone, Debug)]
struct Item {
    start: usize,
    end: usize,
    /// Columns as laid out (after substitution).
    width: usize,
    /// Paragraph column where the item starts, before wrapping; fixes tab widths.
    col: usize,
    kind: Kind,
    subst: Subst,
    /// First character of the visible cluster: decides its classes.
    base: char,
    /// What its trailing zero-width clusters say about a break after it.
    tail: Tail,
    /// A break before this item would split a unit.
    glued: bool,
    /// A break before this item would start a line with a no-start mark or end one with a
    /// no-end mark.
    kinsoku: bool,
    /// Width of the unit this item belongs to, from its start through this item (saturating).
    unit_width: usize,
    /// Exactly one cluster, so drawing need not segment it again.
    single: bool,
}

/// Whether `wrap` draws nothing for this cluster.
fn is_removed_cluster(cluster: &str) -> bool {
    matches!(glyph(cluster), Glyph::Removed)
}

/// What zero-width clusters say about a break after them; the strongest one wins.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Tail {
    Plain,
    /// U+200B: a break is allowed, even inside a unit.
    Zwsp,
    /// U+2060: no break.
    Glue,
}

/// How a cluster takes part in breaking.
#[derive(Clone, Copy)]
enum Class {
    Tab,
    Space(usize),
    ZeroWidth(Tail),
    Visible(usize),
}

fn is_breaking_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\u{3000}' | '\u{1680}' | '\u{2000}'..='\u{2006}' | '\u{2008}'..='\u{200A}' | '\u{205F}'
    )
}

fn classify(cluster: &str, ambiguous: AmbiguousWidth) -> Class {
    classify_glyph(cluster, &glyph(cluster), ambiguous)
}

/// [`classify`] for a cluster whose glyph is already known.
fn classify_glyph(cluster: &str, g: &Glyph<'_>, ambiguous: AmbiguousWidth) -> Class {
    match g {
        Glyph::Tab => Class::Tab,
        Glyph::Removed => Class::ZeroWidth(match cluster {
            "\u{2060}" => Tail::Glue,
            "\u{200B}" => Tail::Zwsp,
            _ => Tail::Plain,
        }),
        _ => {
            let w = g.width(ambiguous);
            let mut chars = cluster.chars();
            let single_space =
                chars.next().is_some_and(is_breaking_space) && chars.next().is_none();
            if single_space {
                Class::Space(w)
            } else if w == 0 {
                Class::ZeroWidth(Tail::Plain)
            } else {
                Class::Visible(w)
            }
        }
    }
}

/// Part of a word, number or URL that must not be split.
fn is_word_char(c: char) -> bool {
    c.is_ascii_graphic()
        // Ideographs and CJK punctuation are wide or not alphanumeric: answered before
        // the slow alphanumeric lookup, which every Chinese character would otherwise take.
        || (!c.is_ascii()
            && !stands_alone(c)
            && c.is_alphanumeric()
            && c.width() == Some(1)
            // halfwidth katakana break like kana
            && !matches!(c, '\u{FF61}'..='\u{FF9F}'))
}

/// Whether `c` may not start a line: the marks of GB/T 15834 that close or pause, and
/// their ASCII counterparts.
pub fn is_no_start(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '”'
            | '’'
            | '）'
            | '》'
            | '〉'
            | '」'
            | '』'
            | '】'
            | '〕'
            | '〗'
            | '］'
            | '｝'
            | '…'
            | '‥'
            | '·'
            | '・'
            | '％'
            | '～'
            | ','
            | '.'
            | ';'
            | ':'
            | '?'
            | '!'
            | ')'
            | ']'
            | '}'
            | '%'
    )
}

/// Whether `c` may not end a line: the opening marks.
pub fn is_no_end(c: char) -> bool {
    matches!(
        c,
        '“' | '‘'
            | '（'
            | '《'
            | '〈'
            | '「'
            | '『'
            | '【'
            | '〔'
            | '〖'
            | '［'
            | '｛'
            | '('
            | '['
            | '{'
    )
}

/// Marks that form an unbreakable unit when doubled (`——`, `……`).
fn is_doubled_mark(c: char) -> bool {
    matches!(c, '\u{2014}' | '\u{2015}' | '\u{2026}' | '\u{22EF}')
}

/// What the lexer remembers of the previous item to classify the break before the next one.
#[derive(Clone, Copy)]
struct Prev {
    kind: Kind,
    base: char,
    tail: Tail,
    unit_width: usize,
}

fn glued(prev: &Prev, kind: Kind, base: char) -> bool {
    if prev.tail == Tail::Glue {
        return true;
    }
    if prev.kind == Kind::Space || kind == Kind::Space || prev.tail == Tail::Zwsp {
        return false;
    }
    let a = prev.base;
    if is_word_char(a) && is_word_char(base) {
        let after_slash = a == '/' && base != '/';
        let after_punct = matches!(a, ',' | ';' | ':' | '!' | '?') && base.is_alphabetic();
        return !(after_slash || after_punct);
    }
    a == base && is_doubled_mark(a)
}

/// Turns one forced-break-free piece of a paragraph into [`Item`]s, on demand.
struct Lexer<'a> {
    offset: usize,
    clusters: ClusterIndices<'a>,
    /// The next cluster, already classified (classifying is the costly part).
    peeked: Option<(usize, &'a str, Class)>,
    ambiguous: AmbiguousWidth,
    width: usize,
    col: usize,
    /// Still inside the paragraph's leading indentation.
    indenting: bool,
    prev: Option<Prev>,
    last_text_base: Option<char>,
}

impl<'a> Lexer<'a> {
    fn new(piece: &'a str, offset: usize, ambiguous: AmbiguousWidth, width: usize) -> Self {
        Lexer {
            offset,
            clusters: cluster_indices(piece),
            peeked: None,
            ambiguous,
            width,
            col: 0,
            indenting: true,
            prev: None,
            last_text_base: None,
        }
    }

    fn next_cluster(&mut self) -> Option<(usize, &'a str, Class)> {
        self.peeked.take().or_else(|| self.read_cluster())
    }

    fn peek_cluster(&mut self) -> Option<(usize, &'a str, Class)> {
        if self.peeked.is_none() {
            self.peeked = self.read_cluster();
        }
        self.peeked
    }

    fn read_cluster(&mut self) -> Option<(usize, &'a str, Class)> {
        let (at, cluster) = self.clusters.next()?;
        Some((self.offset + at, cluster, classify(cluster, self.ambiguous)))
    }

    /// Consumes the clusters that ride along with the item just started.
    fn absorb(&mut self, item: &mut Item, spaces: bool) {
        while let Some((at, cluster, class)) = self.peek_cluster() {
            match class {
                // A visible zero-width cluster after spaces must not be dropped with them at a
                // break: it becomes an item of its own that stays glued to the spaces.
                Class::ZeroWidth(tail) if !spaces || is_removed_cluster(cluster) => {
                    item.tail = item.tail.max(tail);
                }
                Class::Tab if spaces => {
                    let w = tab_width(self.col);
                    self.col += w;
                    item.width += w;
                }
                Class::Space(w) if spaces => {
                    self.col += w;
                    item.width += w;
                }
                _ => return,
            }
            self.peeked = None;
            item.end = at + cluster.len();
            item.single = false;
        }
    }

    fn next_item(&mut self) -> Option<Item> {
        let (start, mut cluster, mut class) = self.next_cluster()?;
        let mut end = start + cluster.len();
        let mut single = true;
        if self.prev.is_none() {
            // Zero-width clusters at the very start have no text before them to stay with.
            while let Class::ZeroWidth(_) = class {
                let Some((at, next, next_class)) = self.next_cluster() else {
                    break;
                };
                (cluster, class, end, single) = (next, next_class, at + next.len(), false);
            }
        }
        let base = cluster.chars().next().unwrap_or(' ');
        let mut item = Item {
            start,
            end,
            width: 0,
            col: self.col,
            kind: Kind::Text,
            subst: Subst::None,
            base,
            tail: Tail::Plain,
            glued: false,
            kinsoku: false,
            unit_width: 0,
            single,
        };
        let natural = match class {
            Class::Tab => tab_width(self.col),
            Class::Space(w) | Class::Visible(w) => w,
            Class::ZeroWidth(_) => 0,
        };
        self.col += natural;
        item.width = natural;
        match class {
            Class::Tab | Class::Space(_) if !self.indenting => {
                item.kind = Kind::Space;
                self.absorb(&mut item, true);
            }
            _ => {
                if matches!(class, Class::Visible(_)) {
                    self.indenting = false;
                }
                if natural > self.width {
                    if matches!(class, Class::Visible(_)) {
                        item.subst = Subst::TooWide;
                        item.width = 1;
                    } else {
                        item.subst = Subst::Indent;
                        item.width = self.width;
                    }
                }
                self.absorb(&mut item, false);
            }
        }
        if let Some(prev) = &self.prev {
            // Zero-width clusters stay with the text before them.
            item.glued = item.width == 0 || glued(prev, item.kind, item.base);
        }
        if item.kind == Kind::Text {
            item.kinsoku = self.prev.is_some()
                && (is_no_start(base) || self.last_text_base.is_some_and(is_no_end));
            self.last_text_base = Some(base);
        }
        item.unit_width = match &self.prev {
            Some(prev) if item.glued => prev.unit_width.saturating_add(item.width),
            _ => item.width,
        };
        self.prev = Some(Prev {
            kind: item.kind,
            base: item.base,
            tail: item.tail,
            unit_width: item.unit_width,
        });
        Some(item)
    }
}

struct Wrapper<'a> {
    text: &'a str,
    width: usize,
    ambiguous: AmbiguousWidth,
    /// Columns available on the next line (less on the first line when indented).
    avail: usize,
    lines: Vec<ScreenLine>,
}

impl Wrapper<'_> {
    /// Wraps one piece between forced breaks.
    fn piece(&mut self, range: Range<usize>) {
        let piece = self.text.get(range.clone()).unwrap_or("");
        let mut lexer = Lexer::new(piece, range.start, self.ambiguous, self.width);
        let mut window: VecDeque<Item> = VecDeque::new();
        let mut produced = false;
        loop {
            while window.front().is_some_and(|it| it.kind == Kind::Space) {
                window.pop_front();
            }
            let Some(overflow) = self.find_overflow(&mut window, &mut lexer) else {
                if !window.is_empty() || !produced {
                    self.push_line(&window, window.len(), range.start);
                }
                return;
            };
            let at = match overflow {
                // Only when the first cluster does not fit beside the first-line indent.
                0 if self.avail < self.width => 0,
                0 => 1,
                f => self.choose_break(&mut window, &mut lexer, f),
            };
            self.push_line(&window, at, range.start);
            window.drain(..at);
            produced = true;
        }
    }

    /// Index of the first visible item that does not fit on a line starting at `window[0]`,
    /// pulling items from the lexer as needed; `None` if the rest of the piece fits.
    fn find_overflow(&self, window: &mut VecDeque<Item>, lexer: &mut Lexer<'_>) -> Option<usize> {
        let mut used = 0usize;
        let mut i = 0;
        loop {
            if i == window.len() {
                window.push_back(lexer.next_item()?);
            }
            let item = &window[i];
            // Spaces never overflow: if the line breaks after them they are dropped.
            if item.kind == Kind::Text && used.saturating_add(item.width) > self.avail {
                return Some(i);
            }
            used = used.saturating_add(item.width);
            i += 1;
        }
    }

    /// Where to break a line that starts at `window[0]` and overflows at `window[f]`; the
    /// fallback order of the module documentation. Always in `1..=f`.
    fn choose_break(&self, window: &mut VecDeque<Item>, lexer: &mut Lexer<'_>, f: usize) -> usize {
        let text_at = |w: &VecDeque<Item>, p: usize| w[p].kind == Kind::Text;
        if let Some(p) = (1..=f)
            .rev()
            .find(|&p| text_at(window, p) && !window[p].glued && !window[p].kinsoku)
        {
            return p;
        }
        let mut wide = window[f].glued && self.unit_is_wide(window, lexer, f);
        for p in (1..=f).rev() {
            let item = &window[p];
            if item.kind == Kind::Text && !item.kinsoku && (!item.glued || wide) {
                return p;
            }
            if !item.glued {
                // window[p - 1] ends its unit, so its running width is the unit's width.
                wide = window[p - 1].unit_width > self.width;
            }
        }
        if let Some(p) = (1..=f)
            .rev()
            .find(|&p| text_at(window, p) && !window[p].glued)
        {
            return p;
        }
        f
    }

    /// Whether the unit containing `window[at]` is wider than a whole line, looking ahead as
    /// far as needed (at most one line's worth of items).
    fn unit_is_wide(&self, window: &mut VecDeque<Item>, lexer: &mut Lexer<'_>, at: usize) -> bool {
        let mut j = at;
        loop {
            if window[j].unit_width > self.width {
                return true;
            }
            if j + 1 == window.len() {
                match lexer.next_item() {
                    Some(item) => window.push_back(item),
                    None => return false,
                }
            }
            if !window[j + 1].glued {
                return false;
            }
            j += 1;
        }
    }

    /// Draws `window[..at]`, minus the spaces at its end, as one line.
    fn push_line(&mut self, window: &VecDeque<Item>, at: usize, piece_start: usize) {
        let mut end = at;
        while end > 0 && window[end - 1].kind == Kind::Space {
            end -= 1;
        }
        let source = match (window.front(), end) {
            (Some(first), 1..) => first.start..window[end - 1].end,
            (Some(first), 0) => first.start..first.start,
            (None, _) => piece_start..piece_start,
        };
        let mut line = ScreenLine {
            source,
            text: String::with_capacity(window.iter().take(end).map(|it| it.end - it.start).sum()),
            width: 0,
            clusters: Vec::with_capacity(end),
        };
        for item in window.iter().take(end) {
            self.draw_item(item, &mut line);
        }
        debug_assert!(line.width <= self.avail);
        self.lines.push(line);
        self.avail = self.width;
    }

    fn draw_item(&self, item: &Item, line: &mut ScreenLine) {
        let Some(src) = self.text.get(item.start..item.end) else {
            return;
        };
        let mut col = item.col;
        if item.single {
            self.draw_cluster(item, item.start, src, &mut col, line);
        } else {
            for (off, cluster) in cluster_indices(src) {
                self.draw_cluster(item, item.start + off, cluster, &mut col, line);
            }
        }
    }

    /// Draws one cluster of `item` that starts at byte `at` of the input; `col` is the paragraph
    /// column, kept for tabs.
    fn draw_cluster(
        &self,
        item: &Item,
        at: usize,
        cluster: &str,
        col: &mut usize,
        line: &mut ScreenLine,
    ) {
        let g = glyph(cluster);
        match (classify_glyph(cluster, &g, self.ambiguous), item.subst) {
            (Class::ZeroWidth(_), _) => push_cluster(line, at, &g, 0),
            (Class::Visible(w), Subst::TooWide) => {
                *col += w;
                push_cluster(line, at, &Glyph::Char('>'), 1);
            }
            (Class::Tab | Class::Space(_), Subst::Indent) => {
                *col += match g {
                    Glyph::Tab => tab_width(*col),
                    other => other.width(self.ambiguous),
                };
                push_spaces(line, at, item.width);
            }
            (Class::Tab, _) => {
                let w = tab_width(*col);
                *col += w;
                push_spaces(line, at, w);
            }
            (Class::Space(w) | Class::Visible(w), _) => {
                *col += w;
                push_cluster(line, at, &g, w);
            }
        }
    }
}

fn offset_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn push_cluster(line: &mut ScreenLine, at: usize, g: &Glyph<'_>, width: usize) {
    if matches!(g, Glyph::Removed) {
        return;
    }
    line.clusters
        .push((offset_u32(line.text.len()), offset_u32(at)));
    g.push_to(&mut line.text);
    line.width += width;
}

fn push_spaces(line: &mut ScreenLine, at: usize, n: usize) {
    line.clusters
        .push((offset_u32(line.text.len()), offset_u32(at)));
    line.text.extend(std::iter::repeat_n(' ', n));
    line.width += n;
}
