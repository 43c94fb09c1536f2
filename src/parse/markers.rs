//! Recognisers for the small pieces of a briefing's structure: Chinese numerals, heading
//! markers at the start of a paragraph, point markers inside one, dates and names.
//!
//! Every function takes a `&str` and returns byte lengths that end on char boundaries.

/// The numbering styles of headings, in their conventional order of nesting (GB/T 9704:
/// 一、 then （一） then 1. then （1）; 第一部分/第一章/第一条 above them).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HeadingFamily {
    /// 第一部分, 第一编, 第一篇.
    Part,
    /// 第一章.
    Chapter,
    /// 第一节.
    Section,
    /// 第一条: the articles of rules and regulations.
    Article,
    /// 一、 一． 一.
    NumeralComma,
    /// 一 重工业… (numeral and a space) or a numeral alone on its line.
    NumeralSpace,
    /// （一） (一).
    NumeralParen,
    /// 1. 1、 1．
    DigitDot,
    /// Decimal numbering with this many levels: 1 总则 (one, a digit and a space),
    /// 1.1 目的 (two), 1.2.1 (three).
    Decimal(u8),
    /// （1） (1) 1）.
    DigitParen,
    /// ① ②.
    Circled,
    /// A short stand-alone line with no number: 引　　言.
    Unnumbered,
}

impl HeadingFamily {
    /// The family as `outline --explain` names it, by an example of its marker.
    pub fn example(self) -> &'static str {
        match self {
            Self::Part => "第一部分",
            Self::Chapter => "第一章",
            Self::Section => "第一节",
            Self::Article => "第一条",
            Self::NumeralComma => "一、",
            Self::NumeralSpace => "一 (a numeral and a space, or alone)",
            Self::NumeralParen => "（一）",
            Self::DigitDot => "1.",
            Self::Decimal(1) => "1 (a digit and a space)",
            Self::Decimal(_) => "1.1 (decimal)",
            Self::DigitParen => "（1）",
            Self::Circled => "①",
            Self::Unnumbered => "an unnumbered line",
        }
    }

    /// Conventional nesting rank: a heading never nests inside one of a lower or equal
    /// rank. Gaps leave room for the levels of decimal numbering (1.1 under 1.).
    pub fn rank(self) -> u8 {
        match self {
            Self::Part => 0,
            Self::Chapter => 10,
            Self::Section => 20,
            Self::Article => 30,
            Self::NumeralComma | Self::NumeralSpace | Self::Unnumbered => 40,
            Self::NumeralParen => 50,
            Self::DigitDot => 60,
            Self::Decimal(levels) => 60 + levels.min(9) - 1,
            Self::DigitParen => 70,
            Self::Circled => 80,
        }
    }
}

/// A heading marker found at the start of a paragraph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HeadingMarker {
    pub family: HeadingFamily,
    pub number: u32,
    /// Bytes of the marker as printed (一、 （一） 1. 一), trailing spaces excluded.
    pub len: usize,
}

/// The enumeration styles of points inside a paragraph.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PointFamily {
    /// 一是 二是.
    Shi,
    /// 一要 二要.
    Yao,
    /// 第一， 第二， 第一是.
    Ordinal,
    /// 首先 其次 再次 最后.
    Sequence,
    /// Inline （1）（2）.
    DigitParen,
    /// Inline ①②③.
    Circled,
}

impl PointFamily {
    /// The family as `outline --explain` names it, by an example of its marker.
    pub fn example(self) -> &'static str {
        match self {
            Self::Shi => "一是",
            Self::Yao => "一要",
            Self::Ordinal => "第一",
            Self::Sequence => "首先/其次",
            Self::DigitParen => "（1）",
            Self::Circled => "①",
        }
    }
}

/// A point marker found inside a paragraph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PointMarker {
    pub family: PointFamily,
    /// Position in its enumeration; [`LAST`] for 最后.
    pub number: u32,
    /// Bytes of the marker as printed (一是 第一 首先 （1）).
    pub len: usize,
    /// Bytes of the marker and the punctuation that follows it (第一， → 第一 and ，).
    pub len_with_punctuation: usize,
}

/// The number given to 最后 ("finally"): it ends whatever run it follows.
pub const LAST: u32 = u32::MAX;

/// Spaces that separate a marker from its text, half- and full-width.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}'
}

/// Marks that end a sentence or a clause: 。，、；：？！ and their ASCII forms.
pub fn is_clause_mark(c: char) -> bool {
    matches!(
        c,
        '。' | '，' | '、' | '；' | '：' | '？' | '！' | ';' | ':' | '?' | '!' | ','
    )
}

/// Sentence and clause punctuation, quotes and brackets, full-width and ASCII.
pub fn is_punctuation(c: char) -> bool {
    is_clause_mark(c)
        || c.is_ascii_punctuation()
        || matches!(
            c,
            '…' | '—'
                | '“'
                | '”'
                | '‘'
                | '’'
                | '（'
                | '）'
                | '《'
                | '》'
                | '〈'
                | '〉'
                | '「'
                | '」'
                | '『'
                | '』'
                | '【'
                | '】'
                | '〔'
                | '〕'
                | '·'
                | '．'
        )
}

fn chinese_digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '零' | '○' => 0,
        '一' => 1,
        '二' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

fn chinese_unit(c: char) -> Option<u32> {
    Some(match c {
        '十' => 10,
        '百' => 100,
        '千' => 1000,
        _ => return None,
    })
}

/// The digits of Chinese counting, 〇 to 九.
pub const CHINESE_DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/// Digit `d` written with `digits` (〇一二… or 零壹贰…); `?` for what is not a digit.
pub fn digit(digits: &[char; 10], d: u32) -> char {
    usize::try_from(d)
        .ok()
        .and_then(|d| digits.get(d))
        .copied()
        .unwrap_or('?')
}

/// 1 一, 10 十, 11 十一, 20 二十, 105 一百〇五, 1010 一千〇一十: the way Chinese counts, as
/// Word's chineseCounting writes it, up to 9999; past that digit by digit.
pub fn chinese_counting(value: u32, digits: &[char; 10], units: [char; 3]) -> String {
    if value == 0 || value > 9999 {
        return value
            .to_string()
            .chars()
            .map(|d| d.to_digit(10).map_or(d, |d| digit(digits, d)))
            .collect();
    }
    let places = [value / 1000, value / 100 % 10, value / 10 % 10, value % 10];
    let unit_of = [Some(units[2]), Some(units[1]), Some(units[0]), None];
    let mut out = String::new();
    let mut zero_pending = false;
    for (place, (&d, unit)) in places.iter().zip(unit_of).enumerate() {
        if d == 0 {
            zero_pending = !out.is_empty();
            continue;
        }
        if zero_pending {
            out.push(digit(digits, 0));
            zero_pending = false;
        }
        // 十一, not 一十一, when the number starts at the tens.
        if !(place == 2 && d == 1 && out.is_empty()) {
            out.push(digit(digits, d));
        }
        if let Some(unit) = unit {
            out.push(unit);
        }
    }
    out
}

/// `value` written as Chinese counts it (十二, 二十一, 一百〇五): what [`chinese_numeral`]
/// reads back.
pub fn counted(value: u32) -> String {
    chinese_counting(value, &CHINESE_DIGITS, ['十', '百', '千'])
}

/// Reads a Chinese numeral written the way numbers are (十二, 二十一, 一百零五) at the start
/// of `text`: its value and byte length. Digit-by-digit forms such as 一九四九 (a year)
/// are not numbers of a list and give `None`.
pub fn chinese_numeral(text: &str) -> Option<(u32, usize)> {
    // `high` holds the 万 part once read: 一万零一 is 1 × 10 000 + 1.
    let mut high: u32 = 0;
    let mut total: u32 = 0;
    let mut pending: Option<u32> = None;
    let mut len = 0;
    let mut after_zero = false;
    for c in text.chars() {
        if let Some(digit) = chinese_digit(c) {
            if digit == 0 {
                if pending.is_some() || (total == 0 && high == 0) {
                    return None;
                }
                after_zero = true;
            } else {
                if pending.is_some() {
                    return None;
                }
                pending = Some(digit);
            }
        } else if let Some(unit) = chinese_unit(c) {
            let multiplier = match pending.take() {
                Some(digit) => digit,
                None if unit == 10 && total == 0 => 1,
                None => return None,
            };
            total = total.checked_add(multiplier.checked_mul(unit)?)?;
            after_zero = false;
        } else if c == '万' && high == 0 {
            let value = total.checked_add(pending.take().unwrap_or(0))?;
            if value == 0 {
                return None;
            }
            high = value.checked_mul(10_000)?;
            total = 0;
        } else {
            break;
        }
        len += c.len_utf8();
    }
    if after_zero && pending.is_none() {
        return None;
    }
    let value = high.checked_add(total)?.checked_add(pending.unwrap_or(0))?;
    (len > 0 && value > 0).then_some((value, len))
}

/// Reads 1 to 4 ASCII or full-width digits at the start of `text`.
fn arabic_numeral(text: &str) -> Option<(u32, usize)> {
    let mut value: u32 = 0;
    let mut len = 0;
    for c in text.chars().take(5) {
        let digit = match c {
            '0'..='9' => u32::from(c) - u32::from('0'),
            '０'..='９' => u32::from(c) - u32::from('０'),
            _ => break,
        };
        value = value * 10 + digit;
        len += c.len_utf8();
    }
    let digits = text.get(..len).map_or(0, |s| s.chars().count());
    (len > 0 && digits <= 4 && value > 0).then_some((value, len))
}

/// Reads a circled number at the start of `text`: ① to ⑳. (⑴ ⑵ mark the notes of
/// the texts that use them, not lists.)
pub fn circled_numeral(text: &str) -> Option<(u32, usize)> {
    let c = text.chars().next()?;
    ('①'..='⑳')
        .contains(&c)
        .then(|| (u32::from(c) - u32::from('①') + 1, c.len_utf8()))
}

fn starts_with_any(text: &str, prefixes: &[char]) -> Option<usize> {
    let c = text.chars().next()?;
    prefixes.contains(&c).then(|| c.len_utf8())
}

const OPEN_PARENS: &[char] = &['（', '('];
const CLOSE_PARENS: &[char] = &['）', ')'];

/// Reads `（n）` / `(n)` with a numeral reader: value and byte length.
fn parenthesised(text: &str, numeral: fn(&str) -> Option<(u32, usize)>) -> Option<(u32, usize)> {
    let open = starts_with_any(text, OPEN_PARENS)?;
    let (value, digits) = numeral(text.get(open..)?)?;
    let close = starts_with_any(text.get(open + digits..)?, CLOSE_PARENS)?;
    Some((value, open + digits + close))
}

/// Recognises a heading marker at the start of a paragraph (leading spaces already gone).
pub fn heading_marker(text: &str) -> Option<HeadingMarker> {
    let found = |family, number, len| {
        Some(HeadingMarker {
            family,
            number,
            len,
        })
    };
    if let Some((number, len)) = parenthesised(text, chinese_numeral) {
        return found(HeadingFamily::NumeralParen, number, len);
    }
    if let Some((number, len)) = parenthesised(text, arabic_numeral) {
        return found(HeadingFamily::DigitParen, number, len);
    }
    if let Some(marker) = ordinal_heading(text) {
        return Some(marker);
    }
    if let Some((number, len)) = circled_numeral(text) {
        return found(HeadingFamily::Circled, number, len);
    }
    if let Some((number, digits)) = chinese_numeral(text) {
        let rest = text.get(digits..)?;
        let next = rest.chars().next();
        return match next {
            Some('、' | '．') => found(HeadingFamily::NumeralComma, number, digits + 3),
            Some('.') if !rest.get(1..)?.starts_with(|c: char| c.is_ascii_digit()) => {
                found(HeadingFamily::NumeralComma, number, digits + 1)
            }
            None => found(HeadingFamily::NumeralSpace, number, digits),
            Some(c) if is_space(c) => found(HeadingFamily::NumeralSpace, number, digits),
            _ => None,
        };
    }
    if let Some(marker) = decimal_heading(text) {
        return Some(marker);
    }
    if let Some((number, digits)) = arabic_numeral(text) {
        let rest = text.get(digits..)?;
        let mut chars = rest.chars();
        let punctuation = chars.next()?;
        let after = chars.next();
        // 1.94 and 2019.1.12 are numbers, not markers.
        let continues_number = after.is_some_and(|c| c.is_ascii_digit() || c == '０');
        return match punctuation {
            '.' | '．' | '、' if !continues_number && after.is_some() => found(
                HeadingFamily::DigitDot,
                number,
                digits + punctuation.len_utf8(),
            ),
            '）' | ')' if after.is_some() => found(
                HeadingFamily::DigitParen,
                number,
                digits + punctuation.len_utf8(),
            ),
            _ => None,
        };
    }
    None
}

/// Decimal numbering: 1.1 目的, 1.2.1 适用范围 (levels of one or two digits joined by
/// dots, then a space or the heading's text), and 1 总则 (a digit and a space). 1.5亿
/// at a line start reads the same; the sequence the headings form decides (see the
/// headings pass).
fn decimal_heading(text: &str) -> Option<HeadingMarker> {
    const MAX_DECIMAL_SUBLEVEL: u32 = 30;
    let mut len = 0;
    let mut levels: u8 = 0;
    let mut number;
    loop {
        let rest = text.get(len..)?;
        // A level below the first may be 0: 1.0.1 in the codes of national standards.
        let zero = levels > 0
            && rest.starts_with('0')
            && !rest
                .get(1..)
                .is_some_and(|more| more.starts_with(|c: char| c.is_ascii_digit()));
        let (value, digits) = arabic_numeral(rest).or(zero.then_some((0, 1)))?;
        if rest.get(..digits)?.chars().count() > 2 {
            return None;
        }
        // Sub-levels of a numbering rarely run past a few dozen: 1.94亿 is an amount.
        if levels > 0 && value > MAX_DECIMAL_SUBLEVEL {
            return None;
        }
        levels += 1;
        number = value;
        len += digits;
        let after = text.get(len..)?;
        let mut chars = after.chars();
        match (chars.next(), chars.next()) {
            (Some(dot @ ('.' | '．')), Some(next))
                if next.is_ascii_digit() || ('０'..='９').contains(&next) =>
            {
                len += dot.len_utf8();
            }
            _ => break,
        }
        if levels >= 6 {
            return None;
        }
    }
    let after = text.get(len..)?;
    let next = after.chars().next()?;
    let starts_text =
        is_space(next) || (levels >= 2 && (is_han(next) || matches!(next, '“' | '《')));
    // The rest of the line must hold text: 1 2 3 in a table row is not a heading.
    let has_text = after.chars().any(is_han);
    // 3 月 15 日 or 1.5 亿元 typed with spaces: a number and its unit, not a heading.
    let unit_follows = after.trim_start_matches(is_space).starts_with([
        '年', '月', '日', '时', '点', '分', '万', '亿', '千', '百', '个', '元', '%', '％', '倍',
        '名', '人', '家', '项', '次', '至',
    ]);
    (starts_text && has_text && !unit_follows).then_some(HeadingMarker {
        family: HeadingFamily::Decimal(levels),
        number,
        len,
    })
}

/// 第一部分 / 第一篇 / 第一章 / 第一节 / 第一条, followed by a space, the end of the line or the text.
fn ordinal_heading(text: &str) -> Option<HeadingMarker> {
    let rest = text.strip_prefix('第')?;
    let (number, digits) = chinese_numeral(rest).or_else(|| arabic_numeral(rest))?;
    let after = rest.get(digits..)?;
    let (family, unit) = [
        (HeadingFamily::Part, "部分"),
        (HeadingFamily::Part, "编"),
        (HeadingFamily::Part, "篇"),
        (HeadingFamily::Chapter, "章"),
        (HeadingFamily::Section, "节"),
        (HeadingFamily::Article, "条"),
    ]
    .into_iter()
    .find(|(_, unit)| after.starts_with(unit))?;
    let tail = after.get(unit.len()..)?;
    // 第一章程 or 第二节课 are words, not markers.
    let ends_marker = tail
        .chars()
        .next()
        .is_none_or(|c| is_space(c) || is_punctuation(c));
    ends_marker.then_some(HeadingMarker {
        family,
        number,
        len: '第'.len_utf8() + digits + unit.len(),
    })
}

/// Recognises a point marker starting at the beginning of `text`. The caller checks that
/// the position is a clause boundary and outside quotes.
pub fn point_marker(text: &str) -> Option<PointMarker> {
    if let Some((number, len)) = parenthesised(text, arabic_numeral) {
        return Some(PointMarker {
            family: PointFamily::DigitParen,
            number,
            len,
            len_with_punctuation: len,
        });
    }
    if let Some((number, len)) = circled_numeral(text) {
        return Some(PointMarker {
            family: PointFamily::Circled,
            number,
            len,
            len_with_punctuation: len,
        });
    }
    if let Some(marker) = sequence_marker(text) {
        return Some(marker);
    }
    if let Some(rest) = text.strip_prefix('第') {
        let (number, digits) = chinese_numeral(rest)?;
        if number > 30 {
            return None;
        }
        let (gap, after) = line_break_gap(rest.get(digits..)?)?;
        let base = '第'.len_utf8() + digits + gap;
        let next = after.chars().next()?;
        return match next {
            // 第一是…, 第一要…
            '是' | '要' => Some(PointMarker {
                family: PointFamily::Ordinal,
                number,
                len: base + next.len_utf8(),
                len_with_punctuation: base + next.len_utf8(),
            }),
            '，' | '、' | ',' | '：' | ':' => Some(PointMarker {
                family: PointFamily::Ordinal,
                number,
                len: base,
                len_with_punctuation: base + next.len_utf8(),
            }),
            _ => None,
        };
    }
    let (number, digits) = chinese_numeral(text)?;
    if number > 30 {
        return None;
    }
    let (gap, wrapped) = line_break_gap(text.get(digits..)?)?;
    let family = match wrapped.chars().next()? {
        '是' => PointFamily::Shi,
        '要' => PointFamily::Yao,
        _ => return None,
    };
    let len = digits + gap + '是'.len_utf8();
    Some(PointMarker {
        family,
        number,
        len,
        len_with_punctuation: len,
    })
}

/// A hard-wrapped copy may break the line inside a marker (二 / 是, 第一 / 要): the bytes
/// of such a break at the start of `text` (0 when there is none) and what follows it.
/// `None` when spaces stand there without a line break: 二 是 is not a marker.
fn line_break_gap(text: &str) -> Option<(usize, &str)> {
    let rest = text.trim_start_matches(is_space);
    let gap = text.len() - rest.len();
    (gap == 0 || text.get(..gap).is_some_and(|g| g.contains('\n'))).then_some((gap, rest))
}

/// 首先 / 其次 / 再次 / 再其次 / 最后, when followed by a comma or by 要/是 (首先要…).
fn sequence_marker(text: &str) -> Option<PointMarker> {
    let (word, number) = [
        ("首先", 1),
        ("其次", 2),
        ("再其次", 3),
        ("再次", 3),
        ("最后", LAST),
    ]
    .into_iter()
    .find(|(word, _)| text.starts_with(word))?;
    let after = text.get(word.len()..)?;
    let next = after.chars().next()?;
    let len_with_punctuation = match next {
        '，' | '、' | ',' | '：' | ':' => word.len() + next.len_utf8(),
        '要' | '是' => word.len(),
        _ => return None,
    };
    Some(PointMarker {
        family: PointFamily::Sequence,
        number,
        len: word.len(),
        len_with_punctuation,
    })
}

/// True when a point marker may start right after `previous` (None: paragraph start):
/// 有机统一是 is a word, not the point 一是.
pub fn is_clause_boundary(previous: Option<char>) -> bool {
    previous.is_none_or(|c| is_space(c) || is_clause_mark(c) || matches!(c, '）' | ')'))
}

/// A date line, possibly in brackets: 2019年1月12日, （一九四九年三月十三日）, 2022.10.23.
pub fn is_date_line(text: &str) -> bool {
    let inner = text.trim_matches(|c: char| {
        is_space(c) || matches!(c, '（' | '）' | '(' | ')' | '〔' | '〕' | '[' | ']')
    });
    // What may follow a date: the time of day (2020年10月29日上午), the weekday (（星期二）),
    // the place (于北京), the act (印发, 发布).
    let inner = strip_after_date(inner);
    let is_digit = is_date_digit;
    let mut digits = 0;
    let mut separators = 0;
    let mut year_seen = false;
    for c in inner.chars() {
        if is_digit(c) {
            digits += 1;
        } else if matches!(c, '年' | '月' | '日' | '.' | '-' | '/' | '．') {
            if c == '年' {
                year_seen = true;
            }
            separators += 1;
        } else if !is_space(c) {
            return false;
        }
    }
    digits >= 4 && (year_seen || separators >= 2) && inner.chars().count() <= 20
}

/// A digit as dates write it: Arabic or full-width, a Chinese digit or 十, the letter O
/// that typed copies put for 〇 (二O一O年十月), and 元/正 for the first month (元月).
pub fn is_date_digit(c: char) -> bool {
    c.is_ascii_digit()
        || ('０'..='９').contains(&c)
        || chinese_digit(c).is_some()
        || matches!(c, '十' | 'O' | 'Ｏ' | '元' | '正')
}

/// A date somewhere in the text: a year and a month (2023年12月, 二〇〇四年六月).
pub fn mentions_date(text: &str) -> bool {
    text.split_once('年')
        .is_some_and(|(before, after)| before.ends_with(is_date_digit) && after.contains('月'))
}

/// A date's text without what may follow it on its line: the time of day, the weekday
/// in brackets or not, 于 and a place, 印发 or 发布.
fn strip_after_date(date: &str) -> &str {
    let mut rest = date.trim_end_matches(is_space);
    for suffix in ["印发", "发布", "上午", "下午", "中午", "晚上", "早上"] {
        rest = rest
            .strip_suffix(suffix)
            .unwrap_or(rest)
            .trim_end_matches(is_space);
    }
    let unbracketed = rest.trim_end_matches(['）', ')']);
    for weekday in ["星期", "礼拜", "周"] {
        if let Some((before, day)) = unbracketed.rsplit_once(weekday)
            && day.chars().count() == 1
            && matches!(day, "一" | "二" | "三" | "四" | "五" | "六" | "日" | "天")
        {
            rest = before
                .trim_end_matches(['（', '('])
                .trim_end_matches(is_space);
        }
    }
    // 2024年3月5日于北京: a place of a few characters after 于.
    if let Some((before, place)) = rest.rsplit_once('于')
        && before.ends_with('日')
        && (1..=6).contains(&place.chars().count())
        && place.chars().all(is_han)
    {
        rest = before;
    }
    rest
}

/// A line that is only a personal name: 2 or 3 Han characters (张三, 习近平), or up to
/// 4 when spaced out or joined by · as names are printed (习 近 平, 司马 相如). Four Han
/// characters in a row are far more often a word (工作回顾, 一般规定) than a name.
pub fn is_name_line(text: &str) -> bool {
    let trimmed = text.trim_matches(is_space);
    let han: String = trimmed
        .chars()
        .filter(|c| !is_space(*c) && *c != '·')
        .collect();
    let count = han.chars().count();
    let spaced = trimmed.chars().count() > count;
    let fits = (2..=3).contains(&count) || (count == 4 && spaced);
    fits && han.chars().all(is_han) && !SECTION_WORDS.contains(&han.as_str())
}
/// True for the words that title an unnumbered section: 引言, 结束语, 附则.
pub fn is_section_word(compact: &str) -> bool {
    SECTION_WORDS.contains(&compact)
}

/// Unnumbered section headings that are short enough to pass for a name.
const SECTION_WORDS: &[&str] = &[
    "引言",
    "前言",
    "序言",
    "导言",
    "绪论",
    "总论",
    "概述",
    "结语",
    "结束语",
    "后记",
    "附录",
    "总则",
    "附则",
    "分则",
    "目录",
    "目次",
];

/// CJK unified ideographs, the extensions included.
pub fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{20000}'..='\u{3134F}' | '\u{F900}'..='\u{FAFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numerals_read_as_numbers() {
        assert_eq!(chinese_numeral("一、"), Some((1, 3)));
        assert_eq!(chinese_numeral("十、"), Some((10, 3)));
        assert_eq!(chinese_numeral("十二、").map(|n| n.0), Some(12));
        assert_eq!(chinese_numeral("二十一是").map(|n| n.0), Some(21));
        assert_eq!(chinese_numeral("一百零五").map(|n| n.0), Some(105));
        assert_eq!(chinese_numeral("十万、").map(|n| n.0), Some(100_000));
        assert_eq!(chinese_numeral("一万零一、").map(|n| n.0), Some(10_001));
        assert_eq!(
            chinese_numeral("九万九千九百九十九").map(|n| n.0),
            Some(99_999)
        );
    }

    #[test]
    fn year_written_digit_by_digit_is_not_a_numeral() {
        assert_eq!(chinese_numeral("一九四九年"), None);
        assert_eq!(chinese_numeral("一九六0年"), None);
        assert_eq!(chinese_numeral("二〇二〇"), None);
    }

    #[test]
    fn heading_markers_of_every_level_and_variant() {
        let family = |text: &str| heading_marker(text).map(|m| (m.family, m.number));
        assert_eq!(
            family("一、认清形势"),
            Some((HeadingFamily::NumeralComma, 1))
        );
        assert_eq!(
            family("三．营造氛围"),
            Some((HeadingFamily::NumeralComma, 3))
        );
        assert_eq!(
            family("二.突出重点"),
            Some((HeadingFamily::NumeralComma, 2))
        );
        assert_eq!(family("（一）坚持"), Some((HeadingFamily::NumeralParen, 1)));
        assert_eq!(family("(二)坚持"), Some((HeadingFamily::NumeralParen, 2)));
        assert_eq!(family("1.拓展两个市场"), Some((HeadingFamily::DigitDot, 1)));
        assert_eq!(family("12、试行"), Some((HeadingFamily::DigitDot, 12)));
        assert_eq!(family("３．提高"), Some((HeadingFamily::DigitDot, 3)));
        assert_eq!(family("（1）加强"), Some((HeadingFamily::DigitParen, 1)));
        assert_eq!(family("(2)加强"), Some((HeadingFamily::DigitParen, 2)));
        assert_eq!(family("一 重工业"), Some((HeadingFamily::NumeralSpace, 1)));
        assert_eq!(family("二"), Some((HeadingFamily::NumeralSpace, 2)));
        assert_eq!(family("第一部分　总体要求"), Some((HeadingFamily::Part, 1)));
        assert_eq!(family("第三章 附则"), Some((HeadingFamily::Chapter, 3)));
    }

    #[test]
    fn dates_and_numbers_are_not_heading_markers() {
        assert_eq!(heading_marker("（一九四九年三月十三日）"), None);
        assert_eq!(heading_marker("1997年，香港回归"), None);
        assert_eq!(heading_marker("1.94亿元"), None);
        assert_eq!(heading_marker("2019.1.12"), None);
        assert_eq!(heading_marker("1231总量目标"), None);
        assert_eq!(heading_marker("一九六一年，美国"), None);
        assert_eq!(heading_marker("一是创建要求越来越高"), None);
        assert_eq!(heading_marker("第一章程"), None);
    }

    #[test]
    fn point_markers_and_their_punctuation() {
        let marker = |text: &str| {
            point_marker(text).map(|m| (m.family, m.number, m.len, m.len_with_punctuation))
        };
        assert_eq!(marker("一是创建"), Some((PointFamily::Shi, 1, 6, 6)));
        assert_eq!(marker("二要加强"), Some((PointFamily::Yao, 2, 6, 6)));
        assert_eq!(marker("第一，深刻"), Some((PointFamily::Ordinal, 1, 6, 9)));
        assert_eq!(marker("第二是加强"), Some((PointFamily::Ordinal, 2, 9, 9)));
        assert_eq!(
            marker("首先，是革命"),
            Some((PointFamily::Sequence, 1, 6, 9))
        );
        assert_eq!(marker("再其次，"), Some((PointFamily::Sequence, 3, 9, 12)));
        assert_eq!(marker("最后要"), Some((PointFamily::Sequence, LAST, 6, 6)));
        assert_eq!(
            marker("（2）加强"),
            Some((PointFamily::DigitParen, 2, 7, 7))
        );
    }

    #[test]
    fn ordinal_nouns_are_not_points() {
        assert_eq!(point_marker("第一个问题"), None);
        assert_eq!(point_marker("第一步"), None);
        assert_eq!(point_marker("首先进入"), None);
        assert_eq!(point_marker("⑴见"), None);
    }

    #[test]
    fn clause_boundaries() {
        assert!(is_clause_boundary(None));
        assert!(is_clause_boundary(Some('。')));
        assert!(is_clause_boundary(Some(',')));
        assert!(!is_clause_boundary(Some('统')));
        assert!(!is_clause_boundary(Some('界')));
    }

    #[test]
    fn date_lines() {
        assert!(is_date_line("2019年1月12日"));
        assert!(is_date_line("（一九四九年三月十三日）"));
        assert!(is_date_line(" 2022.10.23"));
        assert!(is_date_line("1991年8月26日"));
        assert!(!is_date_line("1997年香港回归"));
        assert!(!is_date_line("国务院"));
    }

    #[test]
    fn name_lines() {
        assert!(is_name_line("习近平"));
        assert!(is_name_line("习 近 平"));
        assert!(!is_name_line("国务院关于促进综合保税区"));
        assert!(!is_name_line("X"));
        assert!(!is_name_line("引　　言"));
    }
}
