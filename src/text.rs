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
//! Beyond these rules, a number stays with its unit (`85‰`, `3.5亿`, `12.3万元`, `第3季度`)
//! and a date written with 年月日 stays whole (`2019年1月1日`) when the line allows: see
//! `UNITS` in `breaking.rs` for what counts as a unit.
//!
//! When the next cluster does not fit, the break is chosen by the first of these that exists:
//!
//! 1. the last position allowed by all rules and the number–unit preference, taken when
//!    the number and its unit fit on a line and the line left behind is at least half full
//!    (`完成投资总额3.5亿元` at 16 columns: `完成投资总额` / `3.5亿元`; `共15个单位` at 5
//!    columns keeps `共15` rather than leave `共` alone);
//! 2. the last position allowed by all rules (`推动“1231”总量目标` at 10 columns breaks
//!    between `”` and `总`);
//! 3. the last fitting position that respects no-start/no-end, breaking inside a unit only if
//!    that unit alone is wider than the line (`Zhōngwén中文` at 4 columns: `Zhōn` / `gwén` /
//!    `中文`);
//! 4. the last fitting position that keeps units whole, no-start/no-end relaxed (`中，中` at
//!    3 columns: `中` / `，` / `中`);
//! 5. the last fitting position (`……` at 2 columns with wide ambiguous characters: `…` / `…`).
//!
//! TAB expands to spaces up to the next multiple of [`TAB_STOP`] columns counted from the start
//! of the paragraph, before wrapping (so a tab keeps its size whichever line it lands on).
//! LF, CR LF and a lone CR inside a text given to [`wrap`] force a break.

use std::borrow::Cow;
use std::collections::VecDeque;
use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

mod breaking;

pub use breaking::{is_no_end, is_no_start, wrap, wrap_lines};

#[cfg(test)]
mod tests;

/// Whether two lines of one paragraph or title, joined again as one, need a space
/// between them: only between two Latin letters or digits (`Annual Report of the` /
/// `City Council`); Chinese runs on without one (`关于进一步加强` / `基层治理工作的意见`
/// is one phrase). The one rule for every join of lines a copy broke.
pub fn joins_with_space(before: &str, after: &str) -> bool {
    before.ends_with(|c: char| c.is_ascii_alphanumeric())
        && after.starts_with(|c: char| c.is_ascii_alphanumeric())
}

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
