//! Chinese line breaking: the text cut into items (clusters, words, numbers, dashes),
//! classed by the rules of 禁则 (no 。，、” at a line start, no “（《 at a line end), and
//! laid into lines of a width that is never exceeded.

use super::{
    AmbiguousWidth, ClusterIndices, Glyph, Range, ScreenLine, VecDeque, cluster_indices, glyph,
    stands_alone, tab_width,
};
use unicode_width::UnicodeWidthChar;

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
pub(super) enum Kind {
    /// A run of breaking spaces inside the paragraph: dropped at a break.
    Space,
    /// Anything else, including the paragraph's leading indentation.
    Text,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Subst {
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
// glued, kinsoku and tied are the rules a break before the item would break, each given
// way to on its own turn; single is a drawing shortcut: no state machine hides in them.
#[allow(clippy::struct_excessive_bools)]
#[derive(Clone, Debug)]
pub(super) struct Item {
    pub(super) start: usize,
    pub(super) end: usize,
    /// Columns as laid out (after substitution).
    pub(super) width: usize,
    /// Paragraph column where the item starts, before wrapping; fixes tab widths.
    pub(super) col: usize,
    pub(super) kind: Kind,
    pub(super) subst: Subst,
    /// First character of the visible cluster: decides its classes.
    pub(super) base: char,
    /// What its trailing zero-width clusters say about a break after it.
    pub(super) tail: Tail,
    /// A break before this item would split a unit.
    pub(super) glued: bool,
    /// A break before this item would start a line with a no-start mark or end one with a
    /// no-end mark.
    pub(super) kinsoku: bool,
    /// Width of the unit this item belongs to, from its start through this item (saturating).
    pub(super) unit_width: usize,
    /// A break before this item would part a number from its unit or split a date
    /// (`3.5` / `亿`, `2019年` / `1月1日`): avoided first, while the line allows.
    pub(super) tied: bool,
    /// Width of the run of glued and tied items this item belongs to, from its start
    /// through this item (saturating): `12.3万元` is 8 columns.
    pub(super) run_width: usize,
    /// Exactly one cluster, so drawing need not segment it again.
    pub(super) single: bool,
}

/// Whether `wrap` draws nothing for this cluster.
pub(super) fn is_removed_cluster(cluster: &str) -> bool {
    matches!(glyph(cluster), Glyph::Removed)
}

/// What zero-width clusters say about a break after them; the strongest one wins.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Tail {
    Plain,
    /// U+200B: a break is allowed, even inside a unit.
    Zwsp,
    /// U+2060: no break.
    Glue,
}

/// How a cluster takes part in breaking.
#[derive(Clone, Copy)]
pub(super) enum Class {
    Tab,
    Space(usize),
    ZeroWidth(Tail),
    Visible(usize),
}

pub(super) fn is_breaking_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\u{3000}' | '\u{1680}' | '\u{2000}'..='\u{2006}' | '\u{2008}'..='\u{200A}' | '\u{205F}'
    )
}

pub(super) fn classify(cluster: &str, ambiguous: AmbiguousWidth) -> Class {
    classify_glyph(cluster, &glyph(cluster), ambiguous)
}

/// [`classify`] for a cluster whose glyph is already known.
pub(super) fn classify_glyph(cluster: &str, g: &Glyph<'_>, ambiguous: AmbiguousWidth) -> Class {
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
pub(super) fn is_word_char(c: char) -> bool {
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
pub(super) fn is_doubled_mark(c: char) -> bool {
    matches!(c, '\u{2014}' | '\u{2015}' | '\u{2026}' | '\u{22EF}')
}

/// Characters that count the number before them, as a careful typesetter keeps them
/// with it: `85‰`, `3.5亿`, `12.3万元`, `2019年`, `第3季度`, `300余人`. Only after Arabic
/// digits (ASCII or full-width): after a digit these are units or classifiers, whereas
/// the same characters after another character are ordinary words (人民, 年轻, 日常), so
/// the list never keeps Chinese text from breaking. A multi-character unit is listed
/// whole (公里, 平方米) so that it is not cut in the middle; the longest match is taken.
/// Reviewed: each entry is a unit of measure, money or time, or a counting word
/// (量词) that official texts put after a figure.
// One row per kind of unit, so that the list reads as the reviewed set it is.
#[rustfmt::skip]
const UNITS: &[&str] = &[
    // Symbols (％ is also a no-start mark; ASCII % is part of the number already).
    "％", "‰", "℃", "℉", "°",
    // Time and age.
    "年", "年度", "年代", "周年", "月", "日", "号", "天", "周", "季度", "世纪", "时", "小时",
    "点", "分", "分钟", "秒", "岁",
    // Money.
    "元", "角", "块", "美元", "欧元", "日元", "英镑", "港元", "澳元",
    // Measures.
    "米", "厘米", "毫米", "公里", "平方米", "平方公里", "平方千米", "立方米", "公顷", "亩",
    "吨", "公斤", "克", "斤", "升", "毫升", "瓦", "瓦时", "兆瓦", "度", "伏",
    // Counting words (量词).
    "个", "个百分点", "百分点", "人", "人次", "次", "项", "条", "家", "户", "名", "位", "倍",
    "件", "批", "所", "座", "台", "辆", "艘", "架", "套", "篇", "部", "场", "届", "期", "轮",
    "种", "类", "支", "株", "棵", "头", "只", "张", "本", "册", "页", "处", "间", "栋", "层",
    "起", "例", "宗",
];

/// Orders of magnitude that may stand between a number and its unit (`12.3万元`,
/// `5千万美元`), or be its unit (`3.5亿`).
const MAGNITUDES: &[char] = &['百', '千', '万', '亿'];

/// An Arabic digit, ASCII or full-width.
fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// Bytes at the start of `rest` that are a number's unit: an optional 多 or 余 (`20多万`,
/// `300余人`), orders of magnitude, then a unit of [`UNITS`]; 0 when none follows.
fn unit_len(rest: &str) -> usize {
    let approximate = rest
        .chars()
        .next()
        .filter(|c| matches!(c, '多' | '余'))
        .map_or(0, char::len_utf8);
    let mut at = approximate;
    while let Some(c) = rest.get(at..).and_then(|r| r.chars().next()) {
        if !MAGNITUDES.contains(&c) {
            break;
        }
        at += c.len_utf8();
    }
    let after = rest.get(at..).unwrap_or_default();
    at += UNITS
        .iter()
        .filter(|unit| after.starts_with(*unit))
        .map(|unit| unit.len())
        .max()
        .unwrap_or(0);
    // 多 or 余 alone counts nothing.
    if at == approximate { 0 } else { at }
}

/// Bytes at the start of `rest` that stay on the line with the item before them, whose
/// character is `before` (`before_tied`: that item was itself tied to a number): a
/// number's next digit or its unit (`２０` `１９`, `3.5` `亿`), the number after 第 (`第`
/// `3`), and the rest of a date after its year or month (`2019年` `1月`, `1月` `1日`).
fn tie_after(before: char, before_tied: bool, rest: &str) -> usize {
    let Some(first) = rest.chars().next() else {
        return 0;
    };
    if is_digit(before) {
        return if is_digit(first) {
            first.len_utf8()
        } else {
            unit_len(rest)
        };
    }
    if before == '第' && is_digit(first) {
        return first.len_utf8();
    }
    let date_part: &[char] = match before {
        '年' if before_tied => &['月'],
        '月' if before_tied => &['日', '号'],
        _ => return 0,
    };
    let digits = rest.len() - rest.trim_start_matches(is_digit).len();
    match rest.get(digits..).and_then(|r| r.chars().next()) {
        Some(c) if digits > 0 && date_part.contains(&c) => digits + c.len_utf8(),
        _ => 0,
    }
}

/// What the lexer remembers of the previous item to classify the break before the next one.
#[derive(Clone, Copy)]
pub(super) struct Prev {
    pub(super) kind: Kind,
    pub(super) base: char,
    pub(super) tail: Tail,
    pub(super) unit_width: usize,
    pub(super) tied: bool,
    pub(super) run_width: usize,
}

pub(super) fn glued(prev: &Prev, kind: Kind, base: char) -> bool {
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
pub(super) struct Lexer<'a> {
    /// The piece being read, for looking ahead at a number's unit.
    pub(super) piece: &'a str,
    pub(super) offset: usize,
    pub(super) clusters: ClusterIndices<'a>,
    /// The next cluster, already classified (classifying is the costly part).
    pub(super) peeked: Option<(usize, &'a str, Class)>,
    pub(super) ambiguous: AmbiguousWidth,
    pub(super) width: usize,
    pub(super) col: usize,
    /// Still inside the paragraph's leading indentation.
    pub(super) indenting: bool,
    pub(super) prev: Option<Prev>,
    pub(super) last_text_base: Option<char>,
    /// Offset in the text up to which items are tied to the number before them.
    pub(super) tied_until: usize,
}

impl<'a> Lexer<'a> {
    pub(super) fn new(
        piece: &'a str,
        offset: usize,
        ambiguous: AmbiguousWidth,
        width: usize,
    ) -> Self {
        Lexer {
            piece,
            offset,
            clusters: cluster_indices(piece),
            peeked: None,
            ambiguous,
            width,
            col: 0,
            indenting: true,
            prev: None,
            last_text_base: None,
            tied_until: 0,
        }
    }

    pub(super) fn next_cluster(&mut self) -> Option<(usize, &'a str, Class)> {
        self.peeked.take().or_else(|| self.read_cluster())
    }

    pub(super) fn peek_cluster(&mut self) -> Option<(usize, &'a str, Class)> {
        if self.peeked.is_none() {
            self.peeked = self.read_cluster();
        }
        self.peeked
    }

    pub(super) fn read_cluster(&mut self) -> Option<(usize, &'a str, Class)> {
        let (at, cluster) = self.clusters.next()?;
        Some((self.offset + at, cluster, classify(cluster, self.ambiguous)))
    }

    /// Consumes the clusters that ride along with the item just started.
    pub(super) fn absorb(&mut self, item: &mut Item, spaces: bool) {
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

    pub(super) fn next_item(&mut self) -> Option<Item> {
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
            tied: false,
            run_width: 0,
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
        if let Some(prev) = self.prev.filter(|prev| {
            prev.kind == Kind::Text && item.kind == Kind::Text && prev.tail != Tail::Zwsp
        }) {
            item.tied = item.start < self.tied_until || {
                let rest = self
                    .piece
                    .get(item.start.saturating_sub(self.offset)..)
                    .unwrap_or_default();
                let tie = tie_after(prev.base, prev.tied, rest);
                self.tied_until = item.start + tie;
                tie > 0
            };
        }
        item.run_width = match &self.prev {
            Some(prev) if item.glued || item.tied => prev.run_width.saturating_add(item.width),
            _ => item.width,
        };
        self.prev = Some(Prev {
            kind: item.kind,
            base: item.base,
            tail: item.tail,
            unit_width: item.unit_width,
            tied: item.tied,
            run_width: item.run_width,
        });
        Some(item)
    }
}

pub(super) struct Wrapper<'a> {
    pub(super) text: &'a str,
    pub(super) width: usize,
    pub(super) ambiguous: AmbiguousWidth,
    /// Columns available on the next line (less on the first line when indented).
    pub(super) avail: usize,
    pub(super) lines: Vec<ScreenLine>,
}

impl Wrapper<'_> {
    /// Wraps one piece between forced breaks.
    pub(super) fn piece(&mut self, range: Range<usize>) {
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
    pub(super) fn find_overflow(
        &self,
        window: &mut VecDeque<Item>,
        lexer: &mut Lexer<'_>,
    ) -> Option<usize> {
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
    pub(super) fn choose_break(
        &self,
        window: &mut VecDeque<Item>,
        lexer: &mut Lexer<'_>,
        f: usize,
    ) -> usize {
        let text_at = |w: &VecDeque<Item>, p: usize| w[p].kind == Kind::Text;
        let free = |w: &VecDeque<Item>, p: usize| text_at(w, p) && !w[p].glued && !w[p].kinsoku;
        if let Some(p) = (1..=f).rev().find(|&p| free(window, p)) {
            // A break that parts a number from its unit or splits a date gives way to one
            // before the number, if the number and its unit fit on a line and the line
            // left behind stays at least half full: `增长` / `85%`, not a line of `共` alone.
            let run_fits = |window: &mut VecDeque<Item>, lexer: &mut Lexer<'_>| {
                !self.run_is_wide(
                    window,
                    lexer,
                    p,
                    |item| item.glued || item.tied,
                    |item| item.run_width,
                )
            };
            if window[p].tied
                && run_fits(window, lexer)
                && let Some(q) = (1..p).rev().find(|&q| free(window, q) && !window[q].tied)
                && 2 * line_width(window, q) >= self.avail
            {
                return q;
            }
            return p;
        }
        let mut wide = window[f].glued
            && self.run_is_wide(window, lexer, f, |item| item.glued, |item| item.unit_width);
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

    /// Whether the run containing `window[at]` (items joined to the one before them as
    /// `joined` says, `run_width` their running width) is wider than a whole line,
    /// looking ahead as far as needed (at most one line's worth of items).
    pub(super) fn run_is_wide(
        &self,
        window: &mut VecDeque<Item>,
        lexer: &mut Lexer<'_>,
        at: usize,
        joined: impl Fn(&Item) -> bool,
        run_width: impl Fn(&Item) -> usize,
    ) -> bool {
        let mut j = at;
        loop {
            if run_width(&window[j]) > self.width {
                return true;
            }
            if j + 1 == window.len() {
                match lexer.next_item() {
                    Some(item) => window.push_back(item),
                    None => return false,
                }
            }
            if !joined(&window[j + 1]) {
                return false;
            }
            j += 1;
        }
    }

    /// Draws `window[..at]`, minus the spaces at its end, as one line.
    pub(super) fn push_line(&mut self, window: &VecDeque<Item>, at: usize, piece_start: usize) {
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

    pub(super) fn draw_item(&self, item: &Item, line: &mut ScreenLine) {
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
    pub(super) fn draw_cluster(
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

/// Columns of `window[..at]` drawn as a line: the spaces at its end are dropped.
fn line_width(window: &VecDeque<Item>, at: usize) -> usize {
    let mut end = at;
    while end > 0 && window[end - 1].kind == Kind::Space {
        end -= 1;
    }
    window.iter().take(end).map(|item| item.width).sum()
}

pub(super) fn offset_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

pub(super) fn push_cluster(line: &mut ScreenLine, at: usize, g: &Glyph<'_>, width: usize) {
    if matches!(g, Glyph::Removed) {
        return;
    }
    line.clusters
        .push((offset_u32(line.text.len()), offset_u32(at)));
    g.push_to(&mut line.text);
    line.width += width;
}

pub(super) fn push_spaces(line: &mut ScreenLine, at: usize, n: usize) {
    line.clusters
        .push((offset_u32(line.text.len()), offset_u32(at)));
    line.text.extend(std::iter::repeat_n(' ', n));
    line.width += n;
}
