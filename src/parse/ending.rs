//! The end of a document: back matter after a rule or under 注释, the footer (source,
//! signature and date lines), and the closing (the final exhortation or thanks).

use super::markers::{is_date_line, is_name_line, is_punctuation, is_space, mentions_date};
use super::salutation::starts_with_address;
use super::{FoundHeading, Parser, markers};
use crate::document::BlockRole;
use std::ops::Range;

impl Parser<'_> {
    /// Claims notes after the speech: from a rule line (------), a stand-alone 注释, or
    /// a 附件 line with no title (a list of names) on. Returns where the text ends.
    pub(super) fn backmatter(&mut self, body_start: usize) -> usize {
        // Attachments follow the signature and its date (GB/T 9704); a 附件 list before
        // the signature is the 附件说明 and stays in the text.
        let notes = self.trailing_notes(body_start);
        let Some(start) = (body_start + 1..self.paragraphs.len()).find(|&i| {
            let text = self.para_text(i);
            is_backmatter_start(text)
                || notes == Some(i)
                || (is_attachment_line(text)
                    && self.after_signature(i)
                    && self.attachment_at(i, self.paragraphs.len()).is_none())
        }) else {
            return self.paragraphs.len();
        };
        for role in self.roles.iter_mut().skip(start) {
            *role = Some(BlockRole::Backmatter);
        }
        self.note(start, || {
            "back matter from here: a rule, notes (注释), a glossary (名词解释) or a list of attachments; not speech"
                .to_owned()
        });
        start
    }

    /// Whether paragraph `index` follows a signature's date or another line that closes
    /// a text (a date line is a footer line; one ending in 印发 too).
    pub(super) fn after_signature(&self, index: usize) -> bool {
        index > 0 && is_footer_line(self.para_text(index - 1))
    }

    /// Where notes printed without a heading begin: a run of lines at the end, each
    /// opening with a note mark (① ②), at least one of them a citation (《…》, 出版社,
    /// 年版, 第…页).
    fn trailing_notes(&self, body_start: usize) -> Option<usize> {
        let is_note = |text: &str| markers::circled_numeral(text).is_some();
        let mut start = self.paragraphs.len();
        while start > body_start + 1 && is_note(self.para_text(start - 1)) {
            start -= 1;
        }
        let cites = (start..self.paragraphs.len()).any(|i| {
            let text = self.para_text(i);
            text.contains('《') && ["出版社", "年版", "页"].iter().any(|w| text.contains(w))
        });
        (start < self.paragraphs.len() && cites).then_some(start)
    }

    /// Claims trailing source, attribution, signature and date lines; returns the new end.
    pub(super) fn footer(&mut self, body_start: usize, body_end: usize) -> usize {
        // A copied page ends with its chrome (扫一扫…, 【打印本页】, 分享到：) or an end mark
        // (（完）): not speech, and not what signs the text.
        let mut body_end = body_end;
        while body_end > body_start + 1 && is_page_chrome(self.para_text(body_end - 1)) {
            body_end -= 1;
            self.roles[body_end] = Some(BlockRole::Backmatter);
            self.note(body_end, || {
                "page chrome or an end mark after the text".to_owned()
            });
        }
        let start = self.signature_start(body_start, body_end);
        self.claim_footer(start..body_end);
        for index in start..body_end {
            self.note(index, || {
                let why = self.footer_reason(index, body_end).unwrap_or_default();
                format!("footer: {why}")
            });
        }
        start
    }

    /// Gives the footer lines of `range` their role: the signature and its date, or
    /// a note at the end.
    pub(super) fn claim_footer(&mut self, range: Range<usize>) {
        let end = range.end;
        for index in range {
            let role = if self.signs(index, end) {
                BlockRole::Signature
            } else {
                BlockRole::Footer
            };
            self.roles[index] = Some(role);
        }
    }

    /// Whether footer line `index` (of the footer ending before `end`) signs the text:
    /// the organ or the name and the date, what print sets flush right; not a source,
    /// attribution or note line.
    fn signs(&self, index: usize, end: usize) -> bool {
        let text = self.para_text(index).trim_start_matches(is_space);
        is_date_line(text)
            || is_signed_date(text)
            || matches!(
                self.footer_reason(index, end),
                Some(SIGNATURE_ABOVE_DATE | NAME_ALONE)
            )
    }

    /// Where the source, attribution, signature and date lines before `end` begin.
    pub(super) fn signature_start(&self, body_start: usize, end: usize) -> usize {
        let mut start = end;
        while start > body_start + 1 && self.footer_reason(start - 1, end).is_some() {
            start -= 1;
        }
        start
    }

    /// Why paragraph `index`, read up from `end`, closes the text: a source, attribution
    /// or date line, a signature above its date, or a name alone on the last line.
    fn footer_reason(&self, index: usize, end: usize) -> Option<&'static str> {
        let text = self.para_text(index);
        let below = self.para_text(index + 1);
        let below_is_date = index + 1 < end && is_date_line(below);
        if is_footer_line(text) {
            Some("a source, attribution, date, 印发 or citation line")
        } else if below_is_date && is_signature_line(text) {
            Some(SIGNATURE_ABOVE_DATE)
        } else if index + 1 < end
            && is_organ_signature(text)
            && self.footer_reason(index + 1, end) == Some(SIGNATURE_ABOVE_DATE)
        {
            // Two organs sign together, one line each (中共XX市委 / XX市人民政府 / date).
            Some(SIGNATURE_ABOVE_DATE)
        } else if index + 1 == end && is_name_line(text) && !is_closing_paragraph(text) {
            // A speaker's or author's name alone on the last line signs the text.
            Some(NAME_ALONE)
        } else {
            None
        }
    }

    /// The final exhortation or thanks after the last section.
    pub(super) fn closing(
        &mut self,
        body_start: usize,
        body_end: usize,
        headings: &[FoundHeading],
    ) -> Option<usize> {
        let last = body_end.checked_sub(1)?;
        if last <= body_start || self.roles[last].is_some() {
            return None;
        }
        if headings.last().is_some_and(|h| h.paragraph >= last) {
            return None;
        }
        // The closing starts with an address (同志们，… / 女士们、先生们！…) among the last
        // few paragraphs, or is a final exhortation or thanks.
        let after_last_heading = headings.last().map_or(body_start, |h| h.paragraph + 1);
        let first_candidate = last
            .saturating_sub(CLOSING_LOOKBACK - 1)
            .max(after_last_heading)
            .max(body_start + 1);
        // An address may open the last section's own first paragraph (三、…\n同志们，抓落实
        //是…): that paragraph is the section's, not the closing.
        let opens_last_section =
            |i: usize| i == after_last_heading && headings.last().is_some_and(|h| !h.run_in);
        let addressed = (first_candidate..=last).rev().find(|&i| {
            self.roles[i].is_none()
                && starts_with_address(self.para_text(i))
                && !opens_last_section(i)
        });
        let (start, why) = match addressed {
            Some(start) => (
                start,
                "turns to the audience (同志们，…) after the last section",
            ),
            None if is_closing_paragraph(self.para_text(last)) => {
                // A wish and then thanks (祝大家新春愉快！ / 谢谢大家！): the closing starts
                // at the first of the parting paragraphs.
                let mut start = last;
                while start > first_candidate
                    && self.roles[start - 1].is_none()
                    && is_closing_paragraph(self.para_text(start - 1))
                {
                    start -= 1;
                }
                (
                    start,
                    "the last paragraphs exhort (让我们…), wish (祝…) or thank (谢谢, 再次感谢…)",
                )
            }
            None if after_last_heading == last && items_are_single_paragraphs(headings) => (
                last,
                "follows items of one paragraph each, so it is not more of the last",
            ),
            None => return None,
        };
        if (start..=last).any(|i| self.roles[i].is_some()) {
            return None;
        }
        for role in &mut self.roles[start..body_end] {
            *role = Some(BlockRole::Closing);
        }
        self.note(start, || format!("closing: {why}"));
        Some(start)
    }
}

/// How many paragraphs from the end a closing that starts with an address may begin.
pub(super) const CLOSING_LOOKBACK: usize = 5;

pub(super) fn is_backmatter_start(text: &str) -> bool {
    let compact: String = text.chars().filter(|c| !is_space(*c)).collect();
    let is_rule = compact.chars().count() >= 5
        && compact.chars().all(|c| {
            matches!(
                c,
                '-' | '—' | '─' | '━' | '_' | '＿' | '=' | '＝' | '*' | '＊' | '·'
            )
        });
    // Notes and a glossary explain the text; they are not part of what is spoken.
    let is_notes = matches!(
        compact.trim_end_matches(['：', ':']),
        "注释" | "注" | "参考文献" | "附注" | "名词解释" | "术语解释" | "名词解释和说明"
    );
    is_rule || is_notes
}

/// 附件 / 附件1 / 附件：清单: the start of an attachment or of the attachment list.
pub(super) fn is_attachment_line(text: &str) -> bool {
    text.trim_start_matches(is_space)
        .strip_prefix("附件")
        .is_some_and(|rest| {
            rest.is_empty()
                || rest.starts_with(['：', ':', ' ', '\u{3000}'])
                || rest.starts_with(|c: char| {
                    c.is_ascii_digit() || markers::chinese_numeral(&c.to_string()).is_some()
                })
        })
}

/// Source, attribution, link and date lines that close a published text.
pub(super) fn is_footer_line(text: &str) -> bool {
    const PREFIXES: &[&str] = &[
        "（来源",
        "(来源",
        "来源：",
        "来源:",
        "作者：",
        "作者:",
        "（作者",
        "(作者",
        "责任编辑",
        "编辑：",
        "编辑:",
        "原标题",
        "文章来源",
        "出处",
        "（责编",
        "(责编",
        "责编：",
        "责编:",
        "（此件",
        "(此件",
        "抄送",
        "（根据",
        "(根据",
        "（本文",
        "(本文",
        "本文来源",
        "转载",
    ];
    let trimmed = text.trim_start_matches(is_space);
    // 【责任编辑：王五】, （联系人：张三，电话：…）, 来源 | 人民日报.
    let unbracketed = trimmed.trim_start_matches(['【', '（', '(', '[', '［']);
    let labelled = ATTRIBUTION_LABELS.iter().any(|label| {
        unbracketed.strip_prefix(label).is_some_and(|rest| {
            rest.trim_start_matches(is_space)
                .starts_with(['：', ':', '|', '丨', '｜'])
        })
    });
    find_url(trimmed).is_some()
        || (PREFIXES.iter().any(|prefix| trimmed.starts_with(prefix)) || labelled)
            && trimmed.chars().count() <= 120
        || is_date_line(trimmed)
        || is_signed_date(trimmed)
        || is_citation(trimmed)
        || is_bracketed_note(trimmed)
        // The 版记's 印发 line names the office and the date it printed the document
        // (市委办公室 2023年12月25日印发); a title may end in 印发 too (国务院关于印发).
        || trimmed.ends_with("印发") && trimmed.chars().count() <= 40 && mentions_date(trimmed)
}

/// Why a line signs the text: above its date, or above another organ's signature.
const SIGNATURE_ABOVE_DATE: &str = "a signature above its date";

/// Why a line signs the text: the name of who spoke or wrote it, alone at the end.
const NAME_ALONE: &str = "a name alone on the last line";

/// An organ's name alone on a line: a signature line ending in an organ's word.
fn is_organ_signature(text: &str) -> bool {
    let text = text.trim_end_matches(is_space);
    is_signature_line(text)
        && super::salutation::ORGANISATION_SUFFIXES
            .iter()
            .any(|suffix| text.ends_with(suffix))
}

/// Labels of the lines that say where a published text comes from and who handled it,
/// and of the 版记 under an official document.
const ATTRIBUTION_LABELS: &[&str] = &[
    "来源",
    "作者",
    "责任编辑",
    "编辑",
    "责编",
    "审核",
    "校对",
    "供稿",
    "撰稿",
    "摄影",
    "联系人",
    "联系电话",
    "主题词",
    "抄送",
    "发布单位",
    "发布时间",
    "信息来源",
];

/// What a copied page puts after its text, and end marks: 扫一扫在手机打开当前页,
/// 【打印本页】【关闭窗口】, 分享到：, （完）, （全文完）, END.
pub(super) fn is_page_chrome(text: &str) -> bool {
    const CHROME: &[&str] = &[
        "扫一扫",
        "打印本页",
        "关闭窗口",
        "打印",
        "关闭",
        "分享到",
        "相关新闻",
        "相关链接",
        "相关文章",
        "纠错",
        "收藏",
        "返回顶部",
        "【字体",
        "字号",
    ];
    let compact: String = text.chars().filter(|c| !is_space(*c)).collect();
    let inner = compact.trim_matches(['（', '）', '(', ')', '【', '】', '[', ']', '—', '-']);
    matches!(inner, "完" | "全文完" | "END" | "end" | "End")
        || is_page_number(&compact)
        || compact.chars().count() <= 30 && CHROME.iter().any(|word| compact.contains(word))
}

/// A page number left in a copy of a printed document: — 12 —, - 3 -, 第3页, 第 3 页 共
/// 10 页.
pub(super) fn is_page_number(compact: &str) -> bool {
    let inner = compact.trim_matches(|c: char| matches!(c, '—' | '-' | '－' | '–' | '·'));
    let digits = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
    };
    // A number between dashes; a number alone may as well be the last cell of a table.
    let dashed = inner.len() < compact.len();
    dashed && digits(inner) && inner.chars().count() <= 4
        || inner
            .strip_prefix('第')
            .and_then(|rest| rest.split_once('页'))
            .is_some_and(|(number, rest)| {
                digits(number)
                    && (rest.is_empty()
                        || rest
                            .strip_prefix('共')
                            .and_then(|r| r.strip_suffix('页'))
                            .is_some_and(digits))
            })
}

/// An organ and its date on one line: 国务院办公厅 2004年1月12日, 某某县人民政府2020年3月1日.
fn is_signed_date(text: &str) -> bool {
    let Some(at) = text.find(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c)) else {
        return false;
    };
    let (organ, date) = text.split_at(at);
    let organ = organ.trim_end_matches(is_space);
    organ.chars().count() >= 2 && is_signature_line(organ) && is_date_line(date)
}

/// A short note in brackets after the signature: who reported it (（记者 张三）, （据新华社）)
/// or how it is made public (（本件主动公开）, （信息公开形式：主动公开）).
fn is_bracketed_note(text: &str) -> bool {
    let Some(inner) = text
        .strip_prefix(['（', '('])
        .and_then(|rest| rest.strip_suffix(['）', ')']))
    else {
        return false;
    };
    inner.chars().count() <= 24
        && (inner.contains("公开")
            || ["记者", "通讯员", "本报记者", "据"]
                .iter()
                .any(|w| inner.starts_with(w)))
}

/// The source of a quoted text in brackets: （《邓小平文选》第三卷，人民出版社1993年版）.
fn is_citation(text: &str) -> bool {
    text.strip_prefix(['（', '('])
        .is_some_and(|inner| inner.starts_with('《'))
        && text.ends_with(['）', ')'])
        && text.chars().count() <= 80
}

/// A signature line above a date: 国务院, XX市人民政府办公室.
pub(super) fn is_signature_line(text: &str) -> bool {
    let count = text.chars().count();
    (2..=30).contains(&count)
        && text
            .chars()
            .all(|c| !is_punctuation(c) || matches!(c, '（' | '）' | '(' | ')'))
}

pub(super) fn find_url(text: &str) -> Option<String> {
    let start = ["http://", "https://", "www."]
        .iter()
        .filter_map(|p| text.find(p))
        .min()?;
    let rest = text.get(start..)?;
    let end = rest
        .char_indices()
        .find(|(_, c)| !c.is_ascii_graphic() || matches!(c, '"' | '<' | '>'))
        .map_or(rest.len(), |(offset, _)| offset);
    let url = rest.get(..end)?.trim_end_matches(['.', ',', ';', ')', ']']);
    (!url.is_empty()).then(|| url.to_owned())
}

/// A final exhortation (a paragraph that opens with 让我们) or thanks; an address at
/// the start counts too.
pub(super) fn is_closing_paragraph(text: &str) -> bool {
    starts_with_address(text)
        || is_exhortation(text)
        || is_wish(text)
        || is_thanks_only(text)
        || is_formal_close(text)
}

/// The closing formula of an official document: 特此通知。, 此复。, 以上报告，请予审议。,
/// 以上请示妥否，请批示。
fn is_formal_close(text: &str) -> bool {
    text.chars().count() <= 40
        && (text.starts_with("特此")
            || text.starts_with("此复")
            || text.starts_with("以上") && text.contains('请')
            || text.contains("妥否")
            || text.contains("为盼"))
}

/// 让我们… at the start, or after a short opening phrase in a call that ends in ！
/// (新的一年，让我们携手并进，共创辉煌！); 几起事故，让我们认识到… is a statement.
fn is_exhortation(text: &str) -> bool {
    text.starts_with("让我们")
        || text.ends_with(['！', '!'])
            && text.split_once(['，', ',']).is_some_and(|(opening, rest)| {
                opening.chars().count() <= 10 && rest.starts_with("让我们")
            })
}

/// The words that open a speech's parting wish.
const WISHES: &[&str] = &["祝", "预祝", "祝愿", "衷心祝愿", "敬祝", "恭祝", "谨祝"];

/// A parting wish: 祝大家新春愉快！, 预祝大会圆满成功！, 最后，祝…; short, and ending in
/// an exclamation or a full stop.
fn is_wish(text: &str) -> bool {
    let wish = text
        .trim_start_matches("最后")
        .trim_start_matches("在此")
        .trim_start_matches(['，', ','])
        .trim_start_matches("我");
    WISHES.iter().any(|word| wish.starts_with(word))
        && text.chars().count() <= 80
        && text.ends_with(['！', '!', '。'])
}

/// Thanks that end a speech: 谢谢大家！, a short paragraph that ends in thanks (我就讲这些，
/// 谢谢大家！), or one that opens by thanking the audience again (再次感谢大家，…).
pub(super) fn is_thanks_only(text: &str) -> bool {
    let thanks = text.trim_start_matches("再次").trim_start_matches("最后，");
    let ends_in_thanks = text.chars().count() <= 30
        && text
            .trim_end_matches(['！', '!', '。'])
            .rsplit(['，', ',', '。', '！'])
            .next()
            .is_some_and(|last| last.starts_with("谢谢"));
    text.starts_with("谢谢") && text.chars().count() <= 12
        || ends_in_thanks
        || thanks.len() < text.len() && (thanks.starts_with("感谢") || thanks.starts_with("谢谢"))
}

/// Whether the top-level headings are items of one paragraph each (一、关于…问题。…
/// run in, the next item on the next line): then a paragraph after the last item is
/// not more of it, as none of its siblings has a second paragraph, but the closing.
fn items_are_single_paragraphs(headings: &[FoundHeading]) -> bool {
    let top: Vec<&FoundHeading> = headings.iter().filter(|h| h.depth == 0).collect();
    top.len() >= 2
        && top.iter().all(|h| h.run_in)
        && headings
            .windows(2)
            .all(|pair| pair[1].paragraph == pair[0].paragraph + 1)
        && headings.iter().all(|h| h.depth == 0)
}
