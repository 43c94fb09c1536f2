//! Front matter: a dateline above the title, the title over one to three lines, and
//! the lines under it (subtitle ——…, 文号, speaker, date, source).

use super::ending::{is_footer_line, is_page_chrome};
use super::markers::{is_date_line, is_han, is_name_line, is_space};
use super::salutation::{addressee_line_len, salutation_len};
use super::{Parser, markers};
use crate::document::BlockRole;

impl Parser<'_> {
    /// Claims the title and the lines under it; returns the first paragraph of the body.
    pub(super) fn front_matter(&mut self) -> usize {
        // A page's header fields (索引号：…, 发文机关：…) may come before everything.
        let fields_end = self.header_fields();
        let mut index = fields_end;
        let Some(first) = self.paragraphs.get(index) else {
            return 0;
        };
        // A dateline above the title (新华社北京3月5日电) is kept with the byline.
        if is_dateline(self.para_text(index))
            && self.paragraphs.len() > index + 2
            && first.span.len() <= 200
        {
            self.roles[index] = Some(BlockRole::Byline);
            self.note(index, || "dateline above the title (…电, …讯)".to_owned());
            index += 1;
        }
        // The 版头 (XX市人民政府文件), a breadcrumb or a line of page fields, and the 文号
        // may come before the title; none of them is part of it.
        while index + 1 < self.paragraphs.len() {
            let text = self.para_text(index);
            let role = if is_doc_number(text) {
                BlockRole::DocNumber
            } else if is_masthead(text) || is_breadcrumb(text) || is_field_line(text) {
                BlockRole::Byline
            } else {
                break;
            };
            self.roles[index] = Some(role);
            self.note(index, || {
                "above the title: a 版头, 文号, breadcrumb or page fields".to_owned()
            });
            index += 1;
        }
        let Some(first) = self.paragraphs.get(index) else {
            return fields_end;
        };
        let first_text = self.para_text(index);
        let first_len = first.span.len();
        // A title above its 文号 may be long (a 转发 title names every office).
        let above_doc_number = index + 1 < self.paragraphs.len()
            && is_doc_number(self.para_text(index + 1))
            && first_text.chars().count() <= MAX_LONG_TITLE_CHARS
            && !first_text.contains(['。', '；']);
        // A copy that starts mid-sentence: its first line runs on into a line that opens
        // with the rest of the sentence's punctuation (。我们要…).
        let runs_on = self
            .para_text(index + 1)
            .starts_with(['。', '，', '、', '；', '：', '？', '！', '”', '）']);
        // So may one that names its 文种 above the salutation (…若干措施的通知 / 各省…：).
        let above_salutation = index + 1 < self.paragraphs.len()
            && ends_title(first_text)
            && first_text.chars().count() <= MAX_LONG_TITLE_CHARS
            && !first_text.contains(['。', '；'])
            && {
                let next = self.para_text(index + 1);
                salutation_len(next).is_some() || addressee_line_len(next).is_some()
            };
        let title_like =
            (looks_like_title(first_text) || above_doc_number || above_salutation) && !runs_on;
        if !title_like || self.paragraphs.len() < index + 2 || first_len > 400 {
            for role in &mut self.roles[fields_end..index] {
                *role = None;
            }
            return fields_end;
        }
        let title_start = index;
        self.roles[index] = Some(BlockRole::Title);
        self.note(index, || {
            "title: the first line, short and no sentence (no 。；, no closing ：，！？)".to_owned()
        });
        index += 1;
        while index < (title_start + MAX_TITLE_LINES).min(self.paragraphs.len()) {
            let candidate = self.para_text(index);
            let previous = self.para_text(index - 1);
            let continues = !self.paragraphs[index].gap_before
                && !ends_title(previous)
                && looks_like_title(candidate)
                && under_title_role(candidate).is_none()
                && candidate.chars().count() <= 30
                && index + 1 < self.paragraphs.len();
            if !continues {
                break;
            }
            self.roles[index] = Some(BlockRole::Title);
            self.note(index, || {
                "title continued: the line above does not end a title, this one is short".to_owned()
            });
            index += 1;
        }
        while let Some(role) = (index < self.paragraphs.len())
            .then(|| under_title_role(self.para_text(index)))
            .flatten()
        {
            self.roles[index] = Some(role);
            self.note(index, || {
                let what = match role {
                    BlockRole::Subtitle => "subtitle (——…)",
                    BlockRole::DocNumber => "document number (〔year〕…号)",
                    _ => "byline under the title (a name, date, source or speaker)",
                };
                what.to_owned()
            });
            index += 1;
        }
        index
    }
}

/// Characters of a title written above its 文号.
const MAX_LONG_TITLE_CHARS: usize = 120;

/// The 版头 of an official document: the issuing organ's name and 文件 (XX市人民政府文件).
fn is_masthead(text: &str) -> bool {
    let compact: String = text.chars().filter(|c| !is_space(*c)).collect();
    compact.ends_with("文件")
        && (4..=30).contains(&compact.chars().count())
        && compact
            .chars()
            .all(|c| !markers::is_punctuation(c) || matches!(c, '、' | '（' | '）'))
}

/// Where a copied page sat on its site: 当前位置：首页 > 政务公开 > 政策文件.
fn is_breadcrumb(text: &str) -> bool {
    text.chars().count() <= 80
        && (text.contains(" > ")
            || text.contains('>') && text.contains("首页")
            || text.contains('»')
            || text.starts_with("当前位置"))
}

/// A line of page fields: 发布时间：2024-03-05　来源：市政府办公室　浏览次数：1234.
fn is_field_line(text: &str) -> bool {
    let fields = text
        .split([' ', '\u{3000}'])
        .filter(|part| !part.is_empty())
        .filter(|part| {
            part.split_once(['：', ':'])
                .is_some_and(|(label, value)| is_field_label(label) && !value.is_empty())
        })
        .count();
    fields >= 2 && text.chars().count() <= 80 && !text.contains(['。', '！', '？'])
}

/// Lines a title may be printed over.
pub(super) const MAX_TITLE_LINES: usize = 3;

pub(super) fn looks_like_title(text: &str) -> bool {
    let chars = text.chars().count();
    (2..=60).contains(&chars)
        && !text.contains(['。', '；'])
        && !text.ends_with(['：', ':', '，', ',', '！', '!', '？', '?'])
        && markers::heading_marker(text).is_none()
        && salutation_len(text).is_none()
        && !is_date_line(text)
        && !is_footer_line(text)
}

/// Words a complete title ends with: a second line after them is not part of the title.
pub(super) fn ends_title(text: &str) -> bool {
    const FINAL_WORDS: &[&str] = &[
        "讲话", "报告", "意见", "通知", "决定", "方案", "办法", "规定", "纲要", "致辞", "发言",
        "总结", "计划", "要点", "方法", "批复", "公告", "通告", "决议", "纪要", "贺信", "讲稿",
        "说明", "指引", "细则", "条例", "表", "清单", "名单", "目录", "名录",
    ];
    let text = text.trim_end_matches(|c: char| is_space(c) || matches!(c, '》' | '”' | '）' | ')'));
    FINAL_WORDS.iter().any(|word| text.ends_with(word))
}

/// Lines that belong under the title: ——subtitle, speaker, date, 文号.
pub(super) fn front_matter_role(text: &str) -> Option<BlockRole> {
    let trimmed = text.trim_start_matches(is_space);
    if trimmed.starts_with("——") || trimmed.starts_with("--") || trimmed.starts_with('—') {
        return Some(BlockRole::Subtitle);
    }
    if is_doc_number(trimmed) {
        return Some(BlockRole::DocNumber);
    }
    if is_date_line(trimmed) || is_name_line(trimmed) {
        return Some(BlockRole::Byline);
    }
    let author = ["作者：", "作者:", "来源：", "来源:", "文/", "记者"];
    if author.iter().any(|a| trimmed.starts_with(a)) && trimmed.chars().count() <= 40 {
        return Some(BlockRole::Byline);
    }
    None
}

/// The role of a line printed under a title, if it is one: subtitle, 文号, date,
/// speaker, source line.
pub(super) fn under_title_role(text: &str) -> Option<BlockRole> {
    // A line that opens with a heading marker (第一章　总则) starts the body, and an
    // address (全市广大科技工作者：) is the salutation.
    if markers::heading_marker(text.trim_start_matches(is_space)).is_some()
        || salutation_len(text).is_some()
        || addressee_line_len(text).is_some()
    {
        return None;
    }
    front_matter_role(text).or_else(|| {
        (is_speaker_line(text) || is_front_matter_like(text) || is_page_chrome(text))
            .then_some(BlockRole::Byline)
    })
}

/// An attribution line printed above a title: 新华社北京3月5日电, （本报讯）.
pub(super) fn is_dateline(text: &str) -> bool {
    let inner = text.trim_matches(|c: char| is_space(c) || matches!(c, '（' | '）' | '(' | ')'));
    let count = inner.chars().count();
    (4..=40).contains(&count)
        && !inner.contains(['。', '，', '！', '？'])
        && (inner.ends_with('电') || inner.ends_with('讯'))
        && ["新华社", "记者", "本报", "日电", "网"]
            .iter()
            .any(|word| inner.contains(word))
}

/// A speaker line under a title: 国务院总理 李克强 (an office, a space, a name).
pub(super) fn is_speaker_line(text: &str) -> bool {
    let trimmed = text.trim();
    let Some((office, name)) = trimmed.split_once([' ', '\u{3000}']) else {
        return false;
    };
    let office = office.trim();
    !office.is_empty()
        && office.chars().count() <= 20
        && office.chars().all(|c| is_han(c) || c == '、')
        && is_name_line(name)
}

/// A short line that is not a sentence: what may stand between a title and the
/// salutation (（2024年3月24日，北京）, 2024-03-05 09:12　来源：北方日报).
pub(super) fn is_front_matter_like(text: &str) -> bool {
    let dated = text.contains('年') && text.contains('日')
        || text.chars().filter(char::is_ascii_digit).count() >= 6 && text.contains(['-', '/', '.']);
    text.chars().count() <= 40
        && !text.contains(['。', '！', '？'])
        && markers::heading_marker(text.trim_start_matches(is_space)).is_none()
        && (dated || has_attribution_label(text))
}

/// 来源：…, 作者：…, 记者 张三: a word of attribution used as a label, followed by a colon
/// or a space (工作者 holds 作者 and is no label).
fn has_attribution_label(text: &str) -> bool {
    ["来源", "作者", "记者", "编辑"].iter().any(|label| {
        text.match_indices(label).any(|(at, _)| {
            let before = text.get(..at).unwrap_or_default();
            let after = text.get(at + label.len()..).unwrap_or_default();
            (before.is_empty() || before.ends_with(|c: char| is_space(c) || !is_han(c)))
                && after.starts_with(|c: char| is_space(c) || matches!(c, '：' | ':' | '|' | '丨'))
        })
    })
}

/// 国发〔2019〕3号.
pub(super) fn is_doc_number(text: &str) -> bool {
    let has_year_brackets = ["〔", "[", "［", "【"].iter().any(|open| {
        text.split_once(open)
            .is_some_and(|(_, rest)| rest.chars().take(4).filter(char::is_ascii_digit).count() == 4)
    });
    has_year_brackets && text.ends_with('号') && text.chars().count() <= 30
}

impl Parser<'_> {
    /// Claims the header fields a copied web page or a form starts with: a label and
    /// its value on one line (发文字号：国办发〔2018〕123号) or on two (索 引 号： then
    /// 000014349/2018-00221). Two fields at least; a label whose next line is not
    /// followed by another field keeps that line (主 题 词： above the title). Returns
    /// the first paragraph after them.
    fn header_fields(&mut self) -> usize {
        let is_label =
            |index: usize| index < self.paragraphs.len() && is_label_line(self.para_text(index));
        let is_field =
            |index: usize| index < self.paragraphs.len() && is_inline_field(self.para_text(index));
        let mut index = 0;
        let mut fields = 0;
        loop {
            if is_field(index) {
                index += 1;
            } else if is_label(index) && (is_label(index + 2) || is_field(index + 2)) {
                index += 2;
            } else if is_label(index) && fields > 0 {
                index += 1;
                fields += 1;
                break;
            } else {
                break;
            }
            fields += 1;
        }
        if fields < 2 {
            return 0;
        }
        for i in 0..index {
            self.roles[i] = Some(BlockRole::Byline);
        }
        self.note(0, || {
            format!("{fields} header fields (label：value) above the text")
        });
        index
    }

    /// Claims a table of contents (目录 and its entries) from paragraph `from` on, if one
    /// starts there, and returns the first paragraph after it. Entries are short lines
    /// (often with leader dots and a page number); they end where the text begins: at
    /// prose, or at the first entry printed again as the text's own heading.
    pub(super) fn contents(&mut self, from: usize, end: usize) -> usize {
        let is_contents_line = |text: &str| {
            let compact: String = text.chars().filter(|c| !is_space(*c)).collect();
            matches!(compact.as_str(), "目录" | "目次")
        };
        if from >= end || !is_contents_line(self.para_text(from)) {
            return from;
        }
        let mut entries: Vec<String> = Vec::new();
        let mut index = from + 1;
        while index < end {
            let text = self.para_text(index);
            let entry = contents_entry(text);
            let is_entry = text.chars().count() <= 60 && !text.contains(['。', '；', '！', '？']);
            if !is_entry || entries.contains(&entry) {
                break;
            }
            entries.push(entry);
            index += 1;
        }
        if entries.is_empty() {
            return from;
        }
        for role in &mut self.roles[from..index] {
            *role = Some(BlockRole::Contents);
        }
        self.note(from, || {
            format!(
                "table of contents: 目录 and {} entries, not headings",
                entries.len()
            )
        });
        index
    }
}

/// An entry of a table of contents as its heading reads: leader dots, the page number
/// and spaces taken off (一、总体要求……………3 → 一、总体要求).
fn contents_entry(text: &str) -> String {
    text.trim_end_matches(|c: char| {
        c.is_ascii_digit() || is_space(c) || matches!(c, '.' | '…' | '·' | '-' | '－' | '—' | '．')
    })
    .chars()
    .filter(|c| !is_space(*c))
    .collect()
}

/// Characters a header field's label may have (发文机关, 索 引 号 with its spaces).
const MAX_LABEL_CHARS: usize = 6;

/// A field's label: 2 to 6 Han characters, perhaps spaced out (索 引 号, 发文机关).
fn is_field_label(label: &str) -> bool {
    let visible = label.chars().filter(|c| !is_space(*c)).count();
    (2..=MAX_LABEL_CHARS).contains(&visible) && label.chars().all(|c| is_han(c) || is_space(c))
}

/// A field label alone on its line, ending in a colon: 索 引 号：.
fn is_label_line(text: &str) -> bool {
    text.strip_suffix(['：', ':']).is_some_and(is_field_label)
}

/// A field with its value on one line: 发文字号：国办发〔2018〕123号.
fn is_inline_field(text: &str) -> bool {
    text.split_once(['：', ':']).is_some_and(|(label, value)| {
        is_field_label(label)
            && !value.trim().is_empty()
            && text.chars().count() <= 50
            && !value.contains(['。', '！', '？'])
    })
}
