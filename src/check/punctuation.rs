//! Punctuation, repeated words and placeholders, read off the text.
//!
//! Hand-written rather than through the `autocorrect` crate: autocorrect is made for web
//! copy, and its rules come as one pass that also puts spaces between Chinese and Latin
//! letters or digits, which official documents do not want; its lint reports a line's
//! before and after, not a rule and an offset. Here each rule is a few lines, reports the
//! span it found with its code, and the same functions give `--fix` its replacements.

use std::ops::Range;

use super::{Code, Finding};
use crate::document::{Block, BlockRole, Document};
use crate::parse::is_han;

/// Marks that end or split a clause: two of them side by side are one too many.
const CLAUSE_MARKS: &[char] = &['，', '。', '、', '；', '：', '？', '！'];

/// Characters that are function words on their own: doubled, they are a typing mistake
/// (的的, 了了), unlike content characters that reduplicate (常常, 人人, 天天).
const FUNCTION_CHARACTERS: &[char] = &[
    '的', '了', '是', '在', '和', '与', '及', '把', '被', '将', '从', '并', '而', '对', '就',
];

/// The pairs that must close within a paragraph.
const PAIRS: &[(char, char)] = &[
    ('“', '”'),
    ('‘', '’'),
    ('《', '》'),
    ('（', '）'),
    ('【', '】'),
    ('〔', '〕'),
];

/// A character of Chinese text: a Han character, or CJK or full-width punctuation.
fn is_chinese(c: char) -> bool {
    is_han(c)
        || matches!(c, '\u{3000}'..='\u{303F}' | '\u{FF01}'..='\u{FF60}' | '“' | '”' | '‘' | '’' | '…' | '—')
}

/// The full-width form of a half-width mark.
fn full_width(c: char) -> Option<char> {
    Some(match c {
        ',' => '，',
        ';' => '；',
        ':' => '：',
        '!' => '！',
        '?' => '？',
        '(' => '（',
        ')' => '）',
        _ => return None,
    })
}

fn finding(text: &str, span: Range<usize>, code: Code, suggestion: Option<String>) -> Finding {
    Finding {
        found: text.get(span.clone()).unwrap_or_default().to_owned(),
        span,
        code,
        expected: None,
        suggestion,
    }
}

/// The text as characters with their offsets, for rules that look at neighbours.
struct Scan<'t> {
    text: &'t str,
    chars: Vec<(usize, char)>,
}

impl Scan<'_> {
    fn char_at(&self, i: usize) -> Option<char> {
        self.chars.get(i).map(|&(_, c)| c)
    }

    /// The byte offset of character `i`, or the end of the text.
    fn offset(&self, i: usize) -> usize {
        self.chars.get(i).map_or(self.text.len(), |&(at, _)| at)
    }

    /// How many characters from `i` on are `c`.
    fn run(&self, i: usize, c: char) -> usize {
        self.chars
            .get(i..)
            .map_or(0, |rest| rest.iter().take_while(|&&(_, d)| d == c).count())
    }

    /// A finding over characters `i..end` with a replacement.
    fn finding(&self, i: usize, end: usize, code: Code, suggestion: &str) -> Finding {
        finding(
            self.text,
            self.offset(i)..self.offset(end),
            code,
            Some(suggestion.to_owned()),
        )
    }
}

/// The findings of the text-level rules (half-width marks, doubled marks, ellipses,
/// dashes, doubled function characters): each has the replacement `--fix` makes. Line by
/// line: no rule reaches over a line end, and a line's characters are few enough to
/// hold at once where the text's would not be (a 100 MB document has 35 million).
pub fn fixable(text: &str) -> Vec<Finding> {
    let mut found = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let scan = Scan {
            text: line,
            chars: line.char_indices().collect(),
        };
        let mut i = 0;
        while let Some(c) = scan.char_at(i) {
            let (finding, consumed) = ellipsis_or_dash(&scan, i, c)
                .or_else(|| half_width(&scan, i, c))
                .or_else(|| doubled_marks(&scan, i, c))
                .or_else(|| doubled_character(&scan, i, c))
                .unwrap_or((None, 1));
            found.extend(finding.map(|finding| Finding {
                span: start + finding.span.start..start + finding.span.end,
                ..finding
            }));
            i += consumed.max(1);
        }
        start += line.len();
    }
    found
}

/// What a rule found at a character, and how many characters it looked at (a run is
/// looked at once, from its first character).
type Found = Option<(Option<Finding>, usize)>;

/// 。。。 and ... for an ellipsis, a single … or —, -- between Chinese characters.
fn ellipsis_or_dash(scan: &Scan, i: usize, c: char) -> Found {
    let run = scan.run(i, c);
    let chinese_before = i
        .checked_sub(1)
        .and_then(|p| scan.char_at(p))
        .is_some_and(is_chinese);
    let chinese_after = scan.char_at(i + run).is_some_and(is_chinese);
    let found = match c {
        '。' if run >= 3 => Some(scan.finding(i, i + run, Code::PunctEllipsis, "……")),
        '.' if run >= 3 && (chinese_before || chinese_after) => {
            Some(scan.finding(i, i + run, Code::PunctEllipsis, "……"))
        }
        '…' if run == 1 => Some(scan.finding(i, i + 1, Code::PunctEllipsis, "……")),
        '—' | '-' if run == usize::from(c == '-') + 1 && chinese_before && chinese_after => {
            Some(scan.finding(i, i + run, Code::PunctDash, "——"))
        }
        // ……and —— are whole, and so are other runs of dots and hyphens (a row of
        // dots in a table of contents, a rule of hyphens); 。。 is a doubled mark.
        '…' | '—' => None,
        '.' | '-' if run >= 2 => None,
        _ => return None,
    };
    Some((found, run))
}

/// A half-width , ; : ! ? ( ) in Chinese text.
fn half_width(scan: &Scan, i: usize, c: char) -> Found {
    let previous = i.checked_sub(1).and_then(|p| scan.char_at(p));
    let next = scan.char_at(i + 1);
    let in_chinese = match c {
        ',' | ';' | ':' | '!' | '?' => {
            previous.is_some_and(is_chinese)
                || (next.is_some_and(is_han)
                    && !previous.is_some_and(|p| p.is_ascii_alphanumeric()))
        }
        '(' => next.is_some_and(is_han),
        ')' => previous.is_some_and(is_han),
        _ => false,
    };
    let full = full_width(c).filter(|_| in_chinese)?;
    Some((
        Some(scan.finding(i, i + 1, Code::PunctHalfwidth, &full.to_string())),
        1,
    ))
}

/// Clause marks side by side: ，， 。。 ，。; the sentence's end mark is kept if there is
/// one. ？！ and ！？ are a question said with force, not doubled.
fn doubled_marks(scan: &Scan, i: usize, c: char) -> Found {
    let next = scan.char_at(i + 1)?;
    if !CLAUSE_MARKS.contains(&c)
        || !CLAUSE_MARKS.contains(&next)
        || matches!((c, next), ('？', '！') | ('！', '？'))
    {
        return None;
    }
    let marks: Vec<char> = scan
        .chars
        .get(i..)?
        .iter()
        .map(|&(_, d)| d)
        .take_while(|d| CLAUSE_MARKS.contains(d))
        .collect();
    let kept = marks
        .iter()
        .rev()
        .find(|d| matches!(d, '。' | '？' | '！'))
        .copied()
        .unwrap_or(c);
    let end = i + marks.len();
    Some((
        Some(scan.finding(i, end, Code::PunctDoubled, &kept.to_string())),
        marks.len(),
    ))
}

/// A function character typed twice: 的的, 了了 (not 是是非非).
fn doubled_character(scan: &Scan, i: usize, c: char) -> Found {
    if !FUNCTION_CHARACTERS.contains(&c) {
        return None;
    }
    let run = scan.run(i, c);
    let previous = i.checked_sub(1).and_then(|p| scan.char_at(p));
    if run != 2 || previous == Some(c) || (c == '是' && scan.char_at(i + 2) == Some('非')) {
        return None;
    }
    Some((
        Some(scan.finding(i, i + 2, Code::RepeatedWord, &c.to_string())),
        2,
    ))
}

/// Every finding of punctuation, words and placeholders in a document.
pub fn findings(doc: &Document) -> Vec<Finding> {
    let mut found = fixable(&doc.text);
    for block in doc.blocks.iter().filter(|block| is_prose(block.role)) {
        unbalanced(&doc.text, block, &mut found);
    }
    found.extend(
        crate::terms::placeholders(doc)
            .into_iter()
            .map(|placeholder| finding(&doc.text, placeholder.span, Code::Placeholder, None)),
    );
    template_slots(&doc.text, &mut found);
    found
}

/// Paragraphs whose pairs of marks must close: the text, not its notes or footer, where
/// a URL or a citation may be cut.
fn is_prose(role: BlockRole) -> bool {
    matches!(
        role,
        BlockRole::Title
            | BlockRole::Subtitle
            | BlockRole::Salutation
            | BlockRole::Preamble
            | BlockRole::Heading
            | BlockRole::Body
            | BlockRole::Closing
    )
}

/// Quotation marks, brackets and parentheses of a paragraph that open and never close,
/// or close what was not opened.
fn unbalanced(text: &str, block: &Block, found: &mut Vec<Finding>) {
    let Some(paragraph) = text.get(block.span.clone()) else {
        return;
    };
    let mut open: Vec<(usize, char)> = Vec::new();
    let mut previous: Option<char> = None;
    for (offset, c) in paragraph.char_indices() {
        let at = block.span.start + offset;
        // ’ after a Latin letter is an apostrophe (don’t), not a closing quote.
        let apostrophe = c == '’' && previous.is_some_and(|p| p.is_ascii_alphabetic());
        previous = Some(c);
        if apostrophe {
            continue;
        }
        if PAIRS.iter().any(|&(opening, _)| opening == c) {
            open.push((at, c));
        } else if let Some(&(opening, _)) = PAIRS.iter().find(|&&(_, closing)| closing == c) {
            if open.last().is_some_and(|&(_, top)| top == opening) {
                open.pop();
            } else {
                found.push(finding(
                    text,
                    at..at + c.len_utf8(),
                    Code::PunctUnbalanced,
                    None,
                ));
            }
        }
    }
    for (at, c) in open {
        found.push(finding(
            text,
            at..at + c.len_utf8(),
            Code::PunctUnbalanced,
            None,
        ));
    }
}

/// Words that say a bracket is a slot to fill in (【单位名称】, 【时间】), not a label of
/// the text such as 【编者按】.
const SLOT_WORDS: &[&str] = &[
    "名称", "姓名", "时间", "日期", "单位", "地点", "金额", "数量", "某", "填写",
];

/// Template slots left in a draft: 【单位名称】, and □□ (boxes where a figure goes).
fn template_slots(text: &str, found: &mut Vec<Finding>) {
    /// The longest slot description: a slot names what goes there, in a few words.
    const SLOT_CHARS: usize = 8;
    let mut rest = text;
    let mut base = 0;
    while let Some(open) = rest.find(['【', '□']) {
        let at = base + open;
        let Some(after) = rest.get(open..) else {
            break;
        };
        let advance = if after.starts_with('□') {
            let run = after.chars().take_while(|&c| c == '□').count();
            if run >= 2 {
                found.push(finding(
                    text,
                    at..at + run * '□'.len_utf8(),
                    Code::Placeholder,
                    None,
                ));
            }
            run * '□'.len_utf8()
        } else {
            let slot = after
                .find('】')
                .and_then(|close| after.get(..close + '】'.len_utf8()));
            match slot {
                Some(slot)
                    if slot.chars().count() - 2 <= SLOT_CHARS
                        && !slot.contains(['，', '。', '\n', '：'])
                        && SLOT_WORDS.iter().any(|word| slot.contains(word)) =>
                {
                    found.push(finding(text, at..at + slot.len(), Code::Placeholder, None));
                    slot.len()
                }
                _ => '【'.len_utf8(),
            }
        };
        base = at + advance;
        rest = text.get(base..).unwrap_or_default();
    }
}
