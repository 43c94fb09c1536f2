//! The salutation: the address at the top of the body, in the forms real documents
//! print it (同志们：, a 主送机关 line, a greeting over several lines, 同志们！ run into the
//! first paragraph), and the words that mark an address.

use super::headings::is_prose;
use super::markers::{is_han, is_punctuation, is_space, mentions_date};
use super::{Parser, markers};
use crate::document::{BlockRole, Node, NodeKind};

impl Parser<'_> {
    /// The address at the top of the body: a line of its own, several lines that build
    /// one address (全国同胞们， / 尊敬的各位来宾， / 同志们、朋友们：), or the start of the
    /// first paragraph (同志们！今天…).
    pub(super) fn salutation(&mut self, body_start: usize, body_end: usize) -> Option<Node> {
        // Short lines under the title (a source, a place and date, a repeated heading,
        // the sentence saying who spoke where) may come before it.
        let window = body_end.min(body_start + MAX_LINES_ABOVE_SALUTATION + 1);
        let (first, last, len) = (body_start..window)
            .take_while(|&i| i == body_start || may_stand_above_salutation(self.para_text(i - 1)))
            .find_map(|i| self.greeting(i, body_end).map(|(last, len)| (i, last, len)))?;
        for index in body_start..first {
            self.roles[index] = Some(BlockRole::Byline);
            self.note(index, || {
                "above the salutation: a short line that is not speech (source, date, editor's note)"
                    .to_owned()
            });
        }
        let last_text = self.para_text(last);
        self.note(first, || {
            let head = last_text.get(..len).unwrap_or(last_text);
            let form = if ADDRESS_WORDS.iter().any(|w| head.contains(w))
                || head.trim_end_matches(|c: char| !is_han(c)).ends_with('们')
            {
                "an address (同志们, 各位…, 尊敬的…, …们)"
            } else {
                "a line naming its addressees (主送机关), ending in ："
            };
            let lines = if last > first {
                format!(" over {} lines", last - first + 1)
            } else {
                String::new()
            };
            let run_in = if len < last_text.len() {
                ", run into the paragraph"
            } else {
                ""
            };
            format!("salutation: {form}{lines}{run_in}, at the top of the body")
        });
        let start = self.paragraphs[first].span.start;
        let head = start..self.paragraphs[last].span.start + len;
        for role in &mut self.roles[first..last] {
            *role = Some(BlockRole::Salutation);
        }
        if len == last_text.len() {
            self.roles[last] = Some(BlockRole::Salutation);
        }
        let label = (first..=last)
            .map(|i| {
                let text = self.para_text(i);
                if i == last {
                    text.get(..len).unwrap_or(text)
                } else {
                    text
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        Some(Node {
            kind: NodeKind::Salutation,
            depth: 0,
            marker: None,
            label,
            span: head.clone(),
            head,
            line: self.paragraphs[first].line,
            run_in: len < last_text.len(),
            parent: None,
        })
    }

    /// The greeting that starts at paragraph `first`: the paragraph where it ends and
    /// the byte length of the greeting in that paragraph.
    pub(super) fn greeting(&self, first: usize, body_end: usize) -> Option<(usize, usize)> {
        let mut index = first;
        while index < body_end {
            let text = self.para_text(index);
            if let Some(len) = salutation_len(text) {
                return Some((index, len));
            }
            // A line naming addressees has no address word to go by: it must introduce
            // the text (索 引 号： above a value is a field of a page's header, not one).
            let introduces_text = index + 1 < body_end
                && (is_prose(self.para_text(index + 1))
                    || markers::heading_marker(self.para_text(index + 1)).is_some());
            if let Some(len) = addressee_line_len(text).filter(|_| introduces_text) {
                return Some((index, len));
            }
            // A 主送 list wrapped over two lines (北京、天津…湖 / 北、广东…人民政府：): the
            // two lines make the addressee line together.
            let next = self.para_text(index + 1);
            let list_fragment =
                text.contains('、') && !text.contains(['。', '！', '？', '：', ':', '；']);
            if list_fragment
                && index + 2 < body_end
                && addressee_line_len(&format!("{text}{next}")).is_some()
                && is_prose(self.para_text(index + 2))
            {
                return Some((index + 1, next.len()));
            }
            if !is_greeting_part(text) {
                return None;
            }
            index += 1;
        }
        None
    }
}

/// Short lines that may stand between the title and the salutation.
pub(super) const MAX_LINES_ABOVE_SALUTATION: usize = 6;

/// Characters such a line may have (a dateline sentence: 2025年1月14日在…上作报告。).
pub(super) const MAX_LINE_ABOVE_SALUTATION: usize = 60;

pub(super) const ADDRESS_WORDS: &[&str] = &[
    "同志们",
    "朋友们",
    "女士们",
    "先生们",
    "同学们",
    "老师们",
    "代表们",
    "各位",
    "尊敬的",
    "亲爱的",
    "来宾",
];

/// Words for the people a text may be addressed to, as an address ends with them.
const PEOPLE: &[&str] = &[
    "员工", "职工", "同志", "同仁", "干部", "群众", "党员", "同胞", "将士", "官兵", "战士", "同学",
    "老师", "教师", "家长", "校友", "师生", "代表", "委员", "嘉宾", "来宾", "朋友", "青年", "团员",
    "队员", "会员", "乡亲", "市民", "居民", "村民", "者",
];

pub(super) const ORGANISATION_SUFFIXES: &[&str] = &[
    "大学",
    "集团",
    "银行",
    "分行",
    "支行",
    "电视台",
    "报社",
    "支队",
    "大队",
    "站",
    "馆",
    "联",
    "团体",
    "组织",
    "企业",
    "院校",
    "机关",
    "总部",
    "部",
    "人民政府",
    "政府",
    "机构",
    "部门",
    "单位",
    "委员会",
    "党委",
    "党组",
    "各部委",
    "厅",
    "局",
    "委",
    "办",
    "公司",
    "学校",
    "院",
    "所",
    "处",
    "室",
    "组",
    "中心",
    "会",
    "省",
    "市",
    "区",
    "县",
    "州",
    "旗",
    "镇",
    "乡",
    "街道",
];

/// Byte length of a salutation at the start of `text`: the whole line (同志们：, a 主送机关
/// line) or an address that runs into the paragraph (同志们！今天…).
pub(super) fn salutation_len(text: &str) -> Option<usize> {
    address_before_stop(text).or_else(|| address_before_comma(text))
}

/// 同志们： or 同志们！今天…: an address up to its colon or exclamation mark.
fn address_before_stop(text: &str) -> Option<usize> {
    let end_mark = |c: char| matches!(c, '：' | ':' | '！' | '!');
    let (offset, mark) = text
        .char_indices()
        .find(|(_, c)| end_mark(*c) || matches!(c, '。' | '？' | '?'))?;
    if !end_mark(mark) {
        return None;
    }
    let head = text.get(..offset)?;
    let len = offset + mark.len_utf8();
    // A line of its own may describe its audience at length (东海老年护理医院全体职工同志们：);
    // one that runs into the paragraph is a few words.
    let longest_part = if len == text.len() { 24 } else { 12 };
    let is_address = head.chars().count() <= 40
        && opens_as_address(head)
        && head
            .split(['，', '、', ',', ' ', '\u{3000}'])
            .all(|part| part.is_empty() || part.chars().count() <= longest_part);
    is_address.then_some(len)
}

/// 同志们，今天我们…: an address of a few words run into the paragraph by a comma.
fn address_before_comma(text: &str) -> Option<usize> {
    let (offset, mark) = text.char_indices().find(|(_, c)| matches!(c, '，' | ','))?;
    let head = text.get(..offset)?;
    let len = offset + mark.len_utf8();
    (len < text.len() && head.chars().count() <= 8 && opens_as_address(head)).then_some(len)
}
/// Whether a phrase is a vocative: its first part opens or ends with an address word
/// (尊敬的各位领导, 各位代表, 全体职工同志们) or names people in the plural (同事们, 战友们;
/// not a pronoun: 非常感谢你们，… thanks).
/// An address word inside a clause (下面，我就各位关心的问题讲三点：) is not one.
fn opens_as_address(head: &str) -> bool {
    let Some(first) = head
        .split(['，', '、', ',', ' ', '\u{3000}'])
        .find(|part| !part.is_empty())
    else {
        return false;
    };
    ADDRESS_WORDS
        .iter()
        .any(|word| first.starts_with(word) || first.ends_with(word))
        || first.ends_with('们')
            && !["你们", "我们", "他们", "她们", "咱们", "它们"]
                .iter()
                .any(|pronoun| first.ends_with(pronoun))
            && first.chars().count() <= 12
            && first.chars().all(is_han)
}
/// A line that names its addressees and nothing else, standing alone at the top of the
/// body and ending in a colon: 武警总部：, 辛勤工作在全球各个岗位的公司全体员工：. It is a
/// noun phrase: no clause inside it (a sentence such as 现将有关事项通知如下： has a verb
/// that announces what follows).
pub(super) fn addressee_line_len(text: &str) -> Option<usize> {
    let head = text.strip_suffix(['：', ':'])?;
    // 各县区委，市直各单位党组（党委）: the bracket names the same organs again.
    let head = head
        .strip_suffix(['）', ')'])
        .and_then(|inner| inner.rsplit_once(['（', '(']).map(|(before, _)| before))
        .unwrap_or(head)
        .trim_end();
    let count = head.chars().count();
    // Lines that list who attended a meeting (参加单位：, 出席：) are a 纪要's fields.
    let attendance = ["参加", "出席", "列席", "参会", "与会"]
        .iter()
        .any(|w| head.starts_with(w));
    // A 主送机关 line lists organs: 各省、自治区、直辖市人民政府，国务院各部委：; each
    // part an organ (…人民政府, …团体) or a class of them (各相关企业, 有关单位).
    let is_organ = |part: &str| {
        let part = part.trim();
        part.starts_with('各')
            || part.starts_with("有关")
            || ORGANISATION_SUFFIXES
                .iter()
                .any(|suffix| part.ends_with(suffix))
    };
    let lists_organs = count <= 120
        && !attendance
        && head
            .split(['、', '，', ','])
            .all(|part| part.chars().count() <= 20)
        && head
            .split(['，', ','])
            .all(|part| !part.trim().is_empty() && is_organ(part))
        && !head.contains(['。', '；', '！', '？']);
    let announces = ["如下", "以下", "为", "是", "有"]
        .iter()
        .any(|w| head.ends_with(w));
    // Whom it names: people (…员工, …代表, …同学) or an organ (武警总部); a topic
    // label at the top of a text (基本情况：) names neither.
    let names_whom = ORGANISATION_SUFFIXES
        .iter()
        .chain(PEOPLE)
        .any(|suffix| head.trim_end().ends_with(suffix));
    let names_addressees = (2..=30).contains(&count)
        && !announces
        && !attendance
        && names_whom
        && head
            .chars()
            .all(|c| !is_punctuation(c) || matches!(c, '、' | '（' | '）' | '(' | ')'))
        && head.chars().any(is_han);
    (lists_organs || names_addressees).then_some(text.len())
}

/// What may come between the title and the salutation: an editor's note, or a short
/// line that is not speech: a source, a heading repeated, a sentence that dates the
/// speech (2025年1月14日在…上作报告。). A sentence of the speech (今天开会。) or a
/// numbered heading means the salutation, if any, was before.
pub(super) fn may_stand_above_salutation(text: &str) -> bool {
    let short = text.chars().nth(MAX_LINE_ABOVE_SALUTATION).is_none();
    is_editorial_note(text)
        || short
            && markers::heading_marker(text).is_none()
            && (!text.contains(['。', '！', '？', '!', '?']) || mentions_date(text))
}

/// An editor's note put above a published speech: 【导  读】…, 编者按：….
pub(super) fn is_editorial_note(text: &str) -> bool {
    let labelled = text
        .strip_prefix('【')
        .and_then(|rest| rest.split_once('】'))
        .is_some_and(|(label, _)| {
            (1..=6).contains(&label.chars().filter(|c| !is_space(*c)).count())
        });
    labelled
        || ["编者按", "内容提要", "摘要：", "导读："]
            .iter()
            .any(|w| text.starts_with(w))
}

/// One line of a greeting printed over several (全国同胞们， / 尊敬的各位来宾，): a
/// short address ending in a comma.
pub(super) fn is_greeting_part(text: &str) -> bool {
    let Some(head) = text.strip_suffix(['，', '、', ',']) else {
        return false;
    };
    head.chars().count() <= 40
        && !head.contains(['。', '！', '？', '：'])
        && (ADDRESS_WORDS.iter().any(|w| head.contains(w)) || head.ends_with('们'))
}

/// 同志们，… / 女士们、先生们！… / 各位代表！…: a paragraph that turns to the audience:
/// a few words before the first mark, one of them an address.
pub(super) fn starts_with_address(text: &str) -> bool {
    let Some((offset, _)) = text
        .char_indices()
        .find(|(_, c)| matches!(c, '，' | '、' | '！' | ',' | '!' | '：' | ':' | '。'))
    else {
        return false;
    };
    let head = text.get(..offset).unwrap_or_default();
    head.chars().count() <= 8 && ADDRESS_WORDS.iter().any(|word| head.contains(word))
}
