//! The rules of `check`, each on a small text of its own.

use super::*;
use crate::parse::parse_text;

fn codes(text: &str) -> Vec<(Code, String)> {
    check(&parse_text(text), Profile::default())
        .into_iter()
        .map(|finding| (finding.code, finding.found))
        .collect()
}

fn has(text: &str, code: Code, found: &str) -> bool {
    codes(text).iter().any(|(c, f)| *c == code && f == found)
}

#[test]
fn a_heading_number_skipped_repeated_or_out_of_order() {
    let doc = "讲话\n\n一、甲\n正文。\n二、乙\n正文。\n四、丁\n正文。\n";
    assert!(has(doc, Code::NumberingGap, "四、"), "{:?}", codes(doc));
    let doc = "讲话\n\n一、甲\n正文。\n二、乙\n正文。\n二、丙\n正文。\n三、丁\n正文。\n";
    assert!(
        has(doc, Code::NumberingDuplicate, "二、"),
        "{:?}",
        codes(doc)
    );
    let doc = "讲话\n\n一、甲\n正文。\n三、丙\n正文。\n二、乙\n正文。\n";
    assert!(has(doc, Code::NumberingOrder, "二、"), "{:?}", codes(doc));
    // A copy that starts at 二、 is not a gap.
    let doc = "二、乙\n正文。\n三、丙\n正文。\n四、丁\n正文。\n";
    assert!(
        codes(doc).iter().all(|(c, _)| !c.is_structural()),
        "{:?}",
        codes(doc)
    );
}

#[test]
fn marker_forms_mixed_in_one_level_and_a_stray_mark() {
    let doc = "讲话\n\n一、甲\n（一）子\n正文。\n（二）丑\n正文。\n（三）、寅\n正文。\n";
    assert!(has(doc, Code::MarkerStyle, "（三）、"), "{:?}", codes(doc));
    let doc = "讲话\n\n一、甲\n1.子项\n正文。\n2.丑项\n正文。\n3、寅项\n正文。\n";
    assert!(has(doc, Code::MarkerStyle, "3、"), "{:?}", codes(doc));
    let gbt = check(&parse_text(doc), Profile { gbt9704: true });
    assert!(
        gbt.iter()
            .any(|f| f.code == Code::MarkerNonstandard && f.found == "3、")
    );
}

#[test]
fn a_point_lost_or_said_twice_in_a_run() {
    let doc = "讲话\n\n一、甲\n要做好三件事。一是抓学习。三是抓落实。\n";
    assert!(has(doc, Code::PointsGap, "三是"), "{:?}", codes(doc));
    let doc = "讲话\n\n一、甲\n一是抓学习。二是抓作风。二是抓落实。\n";
    assert!(has(doc, Code::PointsDuplicate, "二是"), "{:?}", codes(doc));
    let doc = "讲话\n\n一、甲\n一是抓学习。二是抓作风。三是抓落实。\n";
    assert!(
        codes(doc).iter().all(|(c, _)| !c.is_structural()),
        "{:?}",
        codes(doc)
    );
}

#[test]
fn an_announced_count_against_what_follows() {
    let doc = "讲话\n\n下面，我讲三点意见。\n一、甲\n正文。\n二、乙\n正文。\n三、丙\n正文。\n四、丁\n正文。\n";
    assert!(
        has(doc, Code::CountMismatch, "三点意见"),
        "{:?}",
        codes(doc)
    );
    let doc = "讲话\n\n下面，我讲三点意见。\n一、甲\n正文。\n二、乙\n正文。\n三、丙\n正文。\n";
    assert!(!codes(doc).iter().any(|(c, _)| *c == Code::CountMismatch));
    let doc = "讲话\n\n一、甲\n要抓好两个方面：一是抓学习；二是抓作风；三是抓落实。\n";
    assert!(
        has(doc, Code::CountMismatch, "两个方面"),
        "{:?}",
        codes(doc)
    );
    // 第三个方面 names the third, it counts nothing.
    let doc = "讲话\n\n一、甲\n这是第三个方面的工作，要抓紧。\n";
    assert!(!codes(doc).iter().any(|(c, _)| *c == Code::CountMismatch));
}

#[test]
fn half_width_marks_in_chinese_text() {
    let found = codes("同志们,大家好!今天(上午)开会:讨论问题?\n");
    let marks: Vec<&str> = found
        .iter()
        .filter(|(c, _)| *c == Code::PunctHalfwidth)
        .map(|(_, f)| f.as_str())
        .collect();
    assert_eq!(marks, [",", "!", "(", ")", ":", "?"]);
    // Not in Latin text, numbers or URLs.
    assert!(codes("see http://a.cn/x?y=1, 12:30 and 1,000 (ok)\n").is_empty());
}

#[test]
fn doubled_marks_ellipses_dashes_and_doubled_words() {
    assert!(has("我们，，要努力。\n", Code::PunctDoubled, "，，"));
    assert!(has("我们要努力。。\n", Code::PunctDoubled, "。。"));
    assert!(has("我们要努力，。\n", Code::PunctDoubled, "，。"));
    assert!(
        !codes("真的吗？！\n")
            .iter()
            .any(|(c, _)| *c == Code::PunctDoubled)
    );
    assert!(has("等等。。。\n", Code::PunctEllipsis, "。。。"));
    assert!(has("等等...\n", Code::PunctEllipsis, "..."));
    assert!(has("等等…\n", Code::PunctEllipsis, "…"));
    assert!(
        !codes("等等……\n")
            .iter()
            .any(|(c, _)| *c == Code::PunctEllipsis)
    );
    assert!(has("改革—发展\n", Code::PunctDash, "—"));
    assert!(has("改革--发展\n", Code::PunctDash, "--"));
    assert!(
        !codes("改革——发展，2019—2020年\n")
            .iter()
            .any(|(c, _)| *c == Code::PunctDash)
    );
    assert!(has("我们的的目标\n", Code::RepeatedWord, "的的"));
    assert!(codes("我们常常说人人天天讲是是非非\n").is_empty());
}

#[test]
fn unbalanced_pairs_within_a_paragraph_and_placeholders() {
    assert!(has("他说：“要努力。\n", Code::PunctUnbalanced, "“"));
    assert!(has("学习《决定。\n", Code::PunctUnbalanced, "《"));
    assert!(
        !codes("他说：“要学习《决定》。”\n")
            .iter()
            .any(|(c, _)| *c == Code::PunctUnbalanced)
    );
    let found = codes("XX年XX月召开会议。\n");
    let blanks = found
        .iter()
        .filter(|(c, f)| *c == Code::Placeholder && f.starts_with("XX"));
    assert_eq!(blanks.count(), 2, "{found:?}");
    assert!(has(
        "由【单位名称】负责。\n",
        Code::Placeholder,
        "【单位名称】"
    ));
    assert!(has("共□□人参加。\n", Code::Placeholder, "□□"));
    assert!(
        !codes("【编者按】本文。\n")
            .iter()
            .any(|(c, _)| *c == Code::Placeholder)
    );
}

#[test]
fn fixing_makes_the_safe_changes_and_a_second_fix_changes_nothing() {
    let text = "同志们,大家好!我们，，要努力。。。改革--发展，我们的的目标…\n一、总体要求\n";
    let fixed = fix_text(text);
    assert_eq!(
        fixed,
        "同志们，大家好！我们，要努力……改革——发展，我们的目标……\n一、总体要求\n"
    );
    assert_eq!(fix_text(&fixed), fixed);
}

#[test]
fn fixed_text_keeps_the_files_encoding_and_line_ends() {
    let (gb, _, _) = encoding_rs::GB18030.encode("同志们,好\r\n");
    let decoded = crate::decode::decode(&gb, None);
    let fixed = fix_text(&decoded.text);
    let bytes = write_fixed(&fixed, &gb, decoded.encoding);
    let (expected, _, _) = encoding_rs::GB18030.encode("同志们，好\r\n");
    assert_eq!(bytes, expected.into_owned());
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain("甲,乙\n".encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let decoded = crate::decode::decode(&utf16, None);
    let bytes = write_fixed(&fix_text(&decoded.text), &utf16, decoded.encoding);
    let expected: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain("甲，乙\n".encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    assert_eq!(bytes, expected);
}
