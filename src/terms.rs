//! Two things a briefing's users look for besides its structure: its key formulations
//! (提法: quoted terms such as “三连冠” and 《关于…的决定》, numbered slogans such as
//! 四个意识) and the blanks of a draft still to be filled in (XX日, ××, ＸＸ, ○○).

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use crate::document::Document;
use crate::parse::chinese_numeral;

/// A key formulation with how often it occurs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Formulation {
    /// As printed, quotes included: “三连冠”, 《关于表彰…的决定》, 四个意识.
    pub text: String,
    /// The words to search for: without the quotes.
    pub term: String,
    /// Occurrences of `term` anywhere in the text.
    pub count: usize,
    /// Byte offset of the first occurrence.
    pub first: usize,
}

/// Longest quoted text taken as a formulation, in characters.
const MAX_QUOTED_CHARS: usize = 24;

/// The document's formulations, sorted by first appearance: text in “ ” and 《 》, and
/// numbered slogans (a numeral, 个, two Han characters: 四个意识, 两个维护) that occur
/// in quotes or at least twice.
pub fn formulations(doc: &Document) -> Vec<Formulation> {
    let text = doc.text.as_str();
    let mut found: Vec<(usize, String, String)> = Vec::new();
    for (open, close) in [('“', '”'), ('《', '》')] {
        let mut from = 0;
        while let Some(start) = text
            .get(from..)
            .and_then(|rest| rest.find(open))
            .map(|at| from + at)
        {
            let inner_start = start + open.len_utf8();
            let rest = text.get(inner_start..).unwrap_or_default();
            let Some(inner_len) = rest
                .char_indices()
                .take(MAX_QUOTED_CHARS + 1)
                .find(|&(_, c)| c == close || c == open || c == '\n')
                .filter(|&(_, c)| c == close)
                .map(|(offset, _)| offset)
            else {
                from = inner_start;
                continue;
            };
            let inner = rest.get(..inner_len).unwrap_or_default();
            if !inner.trim().is_empty() {
                found.push((start, format!("{open}{inner}{close}"), inner.to_owned()));
            }
            from = inner_start + inner_len + close.len_utf8();
        }
    }
    found.extend(numbered_slogans(text));
    found.sort_by_key(|(start, _, _)| *start);
    let mut seen: HashSet<String> = HashSet::new();
    let mut result: Vec<Formulation> = Vec::new();
    for (start, printed, term) in found {
        if !seen.insert(term.clone()) {
            continue;
        }
        let count = text.matches(term.as_str()).count();
        result.push(Formulation {
            text: printed,
            term,
            count,
            first: start,
        });
    }
    result
}

/// 四个意识, 两个维护: a numeral, 个 and two Han characters, kept when it occurs twice or more.
fn numbered_slogans(text: &str) -> Vec<(usize, String, String)> {
    let mut counts: HashMap<&str, (usize, usize)> = HashMap::new();
    for (at, _) in text.match_indices('个') {
        let before = text.get(..at).unwrap_or_default();
        let Some((numeral_start, numeral)) = before.char_indices().next_back() else {
            continue;
        };
        let is_numeral =
            numeral == '两' || chinese_numeral(&numeral.to_string()).is_some_and(|(n, _)| n <= 10);
        let after: Vec<char> = text
            .get(at + '个'.len_utf8()..)
            .unwrap_or_default()
            .chars()
            .take(3)
            .collect();
        let two_han = after.len() >= 2 && after.iter().take(2).all(|c| crate::parse::is_han(*c));
        if !is_numeral || !two_han {
            continue;
        }
        let end = at + '个'.len_utf8() + after.iter().take(2).map(|c| c.len_utf8()).sum::<usize>();
        if let Some(slogan) = text.get(numeral_start..end) {
            let entry = counts.entry(slogan).or_insert((numeral_start, 0));
            entry.1 += 1;
        }
    }
    counts
        .into_iter()
        .filter(|(_, (_, count))| *count >= 2)
        .map(|(slogan, (first, _))| (first, slogan.to_owned(), slogan.to_owned()))
        .collect()
}

/// A blank of a draft: XX日, ××, ＸＸ区长, ○○.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Placeholder {
    /// The blank and the unit or title after it, as printed: XX日, XX区长, XX周年.
    pub span: Range<usize>,
    pub line: usize,
}

impl Placeholder {
    /// The placeholder as printed.
    pub fn text<'d>(&self, doc: &'d Document) -> &'d str {
        doc.slice(&self.span)
    }
}

/// What usually follows a blank and tells what it stands for.
const PLACEHOLDER_UNITS: &[&str] = &[
    "周年", "区长", "市长", "县长", "省长", "政委", "书记", "主任", "部长", "局长", "同志", "年",
    "月", "日", "号", "名", "个", "万", "亿", "家", "人", "项", "次", "区", "市", "县", "镇", "村",
];

fn is_blank_char(c: char) -> bool {
    matches!(c, 'X' | '×' | 'Ｘ' | '○' | 'x')
}

/// Every blank in the text: a run of two or more X × Ｘ ○ that is not part of a longer
/// ASCII word (XXL, 415X are not blanks), with the unit after it.
pub fn placeholders(doc: &Document) -> Vec<Placeholder> {
    let text = doc.text.as_str();
    let mut found = Vec::new();
    let mut chars = text.char_indices().peekable();
    let mut previous: Option<char> = None;
    while let Some((start, c)) = chars.next() {
        if !is_blank_char(c)
            || previous.is_some_and(|p| p.is_ascii_alphanumeric() || is_blank_char(p))
        {
            previous = Some(c);
            continue;
        }
        let mut end = start + c.len_utf8();
        let mut run = 1;
        let mut last = c;
        while let Some(&(at, next)) = chars.peek() {
            if next != c {
                break;
            }
            chars.next();
            end = at + next.len_utf8();
            run += 1;
            last = next;
        }
        previous = Some(last);
        let after = text.get(end..).unwrap_or_default();
        let glued_to_word = after
            .chars()
            .next()
            .is_some_and(|n| n.is_ascii_alphanumeric());
        // A lower-case run is only a blank in Chinese context (xx日), never in English words.
        if run < 2
            || glued_to_word
            || (c == 'x' && !after.starts_with(|n: char| crate::parse::is_han(n)))
        {
            continue;
        }
        let unit = PLACEHOLDER_UNITS
            .iter()
            .find(|unit| after.starts_with(**unit))
            .map_or(0, |unit| unit.len());
        let span = start..end + unit;
        found.push(Placeholder {
            line: doc.line_of(start),
            span,
        });
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse_text;

    #[test]
    fn quoted_terms_and_titles_with_counts_in_order() {
        let doc = parse_text(
            "讲话\n争创“三连冠”，宣读了《关于表彰的决定》。实现三连冠，树立“四个意识”。\n",
        );
        let found: Vec<(String, usize)> = formulations(&doc)
            .into_iter()
            .map(|f| (f.text, f.count))
            .collect();
        assert_eq!(
            found,
            [
                ("“三连冠”".to_owned(), 2),
                ("《关于表彰的决定》".to_owned(), 1),
                ("“四个意识”".to_owned(), 1)
            ]
        );
    }

    #[test]
    fn numbered_slogans_repeated_outside_quotes() {
        let doc = parse_text("讲话\n增强四个意识，坚定四个自信，增强四个意识。讲三个方面。\n");
        let found: Vec<String> = formulations(&doc).into_iter().map(|f| f.text).collect();
        assert_eq!(found, ["四个意识"]);
    }

    #[test]
    fn unclosed_or_long_quotes_are_not_terms() {
        let doc = parse_text(&format!("讲话\n他说“{}”。又说“未完\n", "很".repeat(40)));
        assert!(formulations(&doc).is_empty());
    }

    #[test]
    fn placeholders_with_their_units() {
        let doc = parse_text(
            "讲话\nXX日,市委召开会议。XX区长传达了精神，胜利XX周年，××同志，ＸＸ市，○○。\n",
        );
        let found: Vec<(String, usize)> = placeholders(&doc)
            .into_iter()
            .map(|p| (p.text(&doc).to_owned(), p.line))
            .collect();
        assert_eq!(
            found,
            [
                ("XX日".to_owned(), 2),
                ("XX区长".to_owned(), 2),
                ("XX周年".to_owned(), 2),
                ("××同志".to_owned(), 2),
                ("ＸＸ市".to_owned(), 2),
                ("○○".to_owned(), 2)
            ]
        );
    }

    #[test]
    fn words_and_codes_are_not_placeholders() {
        let doc = parse_text("讲话\n尺码XXL，编号415X，3×4=12，box，text。\n");
        assert!(placeholders(&doc).is_empty(), "{:?}", placeholders(&doc));
    }
}
