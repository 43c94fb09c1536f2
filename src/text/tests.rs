//! Width, sanitising and Chinese line breaking, each rule on small cases of its own and
//! as properties over generated text.

use super::breaking::{is_breaking_space, offset_u32};
use super::*;
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

const N: AmbiguousWidth = AmbiguousWidth::Narrow;
const W: AmbiguousWidth = AmbiguousWidth::Wide;

fn cases() -> serde_json::Value {
    serde_json::from_str(include_str!("../../tests/data/cjk-cases.json"))
        .expect("tests/data/cjk-cases.json parses")
}

fn field<'a>(case: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    case.get(name)
        .unwrap_or_else(|| panic!("case {case} has no {name}"))
}

fn text_field<'a>(case: &'a serde_json::Value, name: &str) -> &'a str {
    field(case, name)
        .as_str()
        .unwrap_or_else(|| panic!("{name} of {case} is not a string"))
}

fn usize_field(case: &serde_json::Value, name: &str) -> usize {
    field(case, name)
        .as_u64()
        .and_then(|n| usize::try_from(n).ok())
        .unwrap_or_else(|| panic!("{name} of {case} is not a count"))
}

/// Characters that must never reach the screen raw.
fn is_raw(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{1F}' | '\u{7F}'..='\u{9F}')
        || is_removed(c)
        || c == ZWSP
        || c == WORD_JOINER
}

/// Whether `gap` (between the source ranges of consecutive lines) holds only spaces, line
/// ends and clusters that draw nothing.
fn is_gap(gap: &str) -> bool {
    gap.graphemes(true).all(|g| {
        matches!(glyph(g), Glyph::Removed)
            || g.chars()
                .all(|c| is_breaking_space(c) || matches!(c, '\t' | '\n' | '\r'))
    })
}

fn slice(text: &str, range: Range<usize>) -> Result<&str, String> {
    text.get(range.clone())
        .ok_or_else(|| format!("{range:?} is not a char range of {text:?}"))
}

/// The invariants every wrap result must satisfy, whatever the input.
fn check_wrap(
    text: &str,
    width: usize,
    indent: usize,
    ambiguous: AmbiguousWidth,
    out: &[ScreenLine],
) -> Result<(), String> {
    let width = width.max(1);
    if out.is_empty() {
        return Err("no lines".into());
    }
    let mut covered = 0;
    for (i, line) in out.iter().enumerate() {
        let avail = if i == 0 && indent < width {
            width - indent
        } else {
            width
        };
        if line.width > avail {
            return Err(format!("line {i} {line:?} wider than {avail}"));
        }
        if str_width(&line.text, ambiguous) != line.width {
            return Err(format!(
                "line {i} {line:?}: width field disagrees with str_width"
            ));
        }
        if let Some(c) = line.text.chars().find(|&c| is_raw(c)) {
            return Err(format!("line {i} {line:?} draws raw {c:?}"));
        }
        if line.source.start < covered {
            return Err(format!("line {i} {line:?} overlaps the line before"));
        }
        let gap = slice(text, covered..line.source.start)?;
        if !is_gap(gap) {
            return Err(format!("{gap:?} before line {i} {line:?} is shown nowhere"));
        }
        // Every cluster of the source range that is not removed is drawn, in order.
        let src = slice(text, line.source.clone())?;
        let expected: Vec<u32> = src
            .grapheme_indices(true)
            .filter(|(_, g)| !matches!(glyph(g), Glyph::Removed))
            .map(|(at, _)| offset_u32(line.source.start + at))
            .collect();
        let drawn: Vec<u32> = line.clusters.iter().map(|&(_, s)| s).collect();
        if drawn != expected {
            return Err(format!(
                "line {i} {line:?}: clusters {drawn:?}, expected {expected:?}"
            ));
        }
        let mut last_text = None;
        for &(t, _) in &line.clusters {
            let t = t as usize;
            if last_text.is_some_and(|l| l >= t) || !line.text.is_char_boundary(t) {
                return Err(format!("line {i} {line:?}: bad text offset {t}"));
            }
            last_text = Some(t);
        }
        if line.clusters.first().is_some_and(|&(t, _)| t != 0)
            || (line.clusters.is_empty() && !line.text.is_empty())
        {
            return Err(format!("line {i} {line:?}: text not covered by clusters"));
        }
        covered = line.source.end;
    }
    let tail = slice(text, covered..text.len())?;
    if !is_gap(tail) {
        return Err(format!("{tail:?} after the last line is shown nowhere"));
    }
    Ok(())
}

fn checked_wrap(
    text: &str,
    width: usize,
    indent: usize,
    ambiguous: AmbiguousWidth,
) -> Vec<ScreenLine> {
    let out = wrap(text, width, indent, ambiguous);
    if let Err(e) = check_wrap(text, width, indent, ambiguous, &out) {
        panic!("wrap({text:?}, {width}, {indent}, {ambiguous:?}): {e}");
    }
    out
}

fn checked_lines(text: &str, width: usize, ambiguous: AmbiguousWidth) -> Vec<String> {
    checked_wrap(text, width, 0, ambiguous)
        .into_iter()
        .map(|l| l.text)
        .collect()
}

// ---------------------------------------------------------------- the shared case file

#[test]
fn every_shared_case_passes() {
    let all = cases();
    let list = field(&all, "cases").as_array().expect("cases is an array");
    let mut failures = Vec::new();
    for case in list {
        let text = text_field(case, "text");
        match text_field(case, "kind") {
            "width" => {
                for (mode, name) in [(N, "narrow"), (W, "wide")] {
                    let want = usize_field(case, name);
                    let got = str_width(text, mode);
                    if got != want {
                        failures.push(format!("{text:?} {name}: {got} != {want}"));
                    }
                }
            }
            "wrap" => {
                let width = usize_field(case, "width");
                let mode = match text_field(case, "ambiguous") {
                    "narrow" => N,
                    "wide" => W,
                    other => panic!("unknown ambiguous mode {other}"),
                };
                let want: Vec<&str> = field(case, "lines")
                    .as_array()
                    .expect("lines is an array")
                    .iter()
                    .map(|l| l.as_str().expect("line is a string"))
                    .collect();
                let got = checked_lines(text, width, mode);
                if got != want {
                    failures.push(format!("{text:?} at {width} {mode:?}: {got:?} != {want:?}"));
                }
            }
            other => failures.push(format!("unknown case kind {other}")),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases fail:\n{}",
        failures.len(),
        list.len(),
        failures.join("\n")
    );
    assert_eq!(
        list.len(),
        32,
        "the case file changed; review the new cases"
    );
}

#[test]
fn conventions_match_the_code() {
    let all = cases();
    let conventions = field(&all, "conventions");
    assert_eq!(usize_field(conventions, "tab_stop"), TAB_STOP);
    // "，。… and ASCII , . ; …": every listed character, full-width and ASCII.
    let listed = |name: &str| -> Vec<char> {
        text_field(conventions, name)
            .replace(" and ASCII ", " ")
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect()
    };
    let no_start = listed("no_start");
    let no_end = listed("no_end");
    assert!(no_start.len() > 30 && no_end.len() > 14);
    for c in no_start {
        assert!(is_no_start(c), "{c} should be no-start");
    }
    for c in no_end {
        assert!(is_no_end(c), "{c} should be no-end");
    }
}

// ---------------------------------------------------------------- widths

#[test]
fn cluster_widths() {
    assert_eq!(cluster_width("中", N), 2);
    assert_eq!(cluster_width("a", W), 1);
    assert_eq!(cluster_width("\t", N), 0);
    assert_eq!(cluster_width("\u{1}", W), 1, "control picture");
    assert_eq!(cluster_width("\u{7F}", W), 1, "DEL picture");
    assert_eq!(cluster_width("\u{85}", N), 1, "C1 as U+FFFD, ambiguous");
    assert_eq!(cluster_width("\u{85}", W), 2, "C1 as U+FFFD, ambiguous");
    assert_eq!(cluster_width("\u{200B}", N), 0);
    assert_eq!(cluster_width("\u{202E}", N), 0, "bidi override removed");
    assert_eq!(cluster_width("…", N), 1);
    assert_eq!(cluster_width("…", W), 2);
    assert_eq!(cluster_width("👍🏽", N), 2, "emoji with modifier");
    assert_eq!(
        cluster_width("❤\u{FE0F}", N),
        2,
        "emoji presentation selector"
    );
    assert_eq!(cluster_width("e\u{301}", N), 1);
    assert_eq!(cluster_width("", N), 0);
}

#[test]
fn str_width_expands_tabs_and_pictures_controls() {
    assert_eq!(str_width("ab\tc", N), 5);
    assert_eq!(str_width("abcd\tc", N), 9);
    assert_eq!(str_width("a\u{1}b", N), 3);
    assert_eq!(str_width("\u{FEFF}\u{200E}中\u{AD}", N), 2);
    assert_eq!(str_width("", W), 0);
}

// ---------------------------------------------------------------- sanitize

#[test]
fn sanitize_leaves_clean_text_borrowed() {
    for text in [
        "",
        "同志们：“1231”总量目标……——",
        "a\tb\nc",
        "中\u{200B}文\u{2060}字",
        "①※·",
    ] {
        assert!(matches!(sanitize(text), Cow::Borrowed(_)), "{text:?}");
    }
}

#[test]
fn sanitize_maps_controls_and_removes_invisibles() {
    assert_eq!(
        sanitize("a\u{0}b\u{1B}[31m\u{7F}"),
        "a\u{2400}b\u{241B}[31m\u{2421}"
    );
    assert_eq!(sanitize("x\u{85}y\u{9F}"), "x\u{FFFD}y\u{FFFD}");
    assert_eq!(sanitize("\u{FEFF}标题\u{AD}"), "标题");
    assert_eq!(
        sanitize("\u{200E}a\u{200F}\u{202A}b\u{202E}\u{2066}c\u{2069}"),
        "abc"
    );
    assert_eq!(sanitize("一\r\n二\r三\n"), "一\n二\n三\n");
    assert_eq!(
        sanitize("\t\u{200B}\u{2060}\u{2028}\u{E000}\u{FFFD}"),
        "\t\u{200B}\u{2060}\u{2028}\u{E000}\u{FFFD}"
    );
}

#[test]
fn sanitize_is_idempotent() {
    let text = "\u{FEFF}\u{1}\r\r\n\u{85}中\u{AD}\u{202E}“好”\u{7F}\t\n";
    let once = sanitize(text).into_owned();
    assert!(matches!(sanitize(&once), Cow::Borrowed(_)));
    assert_eq!(sanitize(&once), once);
}

// ---------------------------------------------------------------- truncate

#[test]
fn truncate_cuts_with_an_ellipsis() {
    assert_eq!(truncate("中华人民共和国", 7, N), "中华人…");
    assert_eq!(truncate("中华人民共和国", 7, W), "中华…");
    assert_eq!(truncate("中华人民共和国", 14, W), "中华人民共和国");
    assert_eq!(truncate("中文", 4, N), "中文");
    assert_eq!(truncate("中文", 0, N), "");
    assert_eq!(truncate("中文", 1, W), "", "no room for a wide ellipsis");
    assert_eq!(truncate("中文", 1, N), "…");
    assert_eq!(truncate("👨‍👩‍👧👨‍👩‍👧", 3, N), "👨‍👩‍👧…");
    assert_eq!(truncate("a\u{1}\tb", 9, N), "a\u{2401}  b");
    assert_eq!(truncate("e\u{301}\u{301}xyz", 2, N), "e\u{301}\u{301}…");
}

// ---------------------------------------------------------------- wrap rules

#[test]
fn ideographs_break_anywhere() {
    assert_eq!(
        checked_lines("我们在北京开会", 4, N),
        ["我们", "在北", "京开", "会"]
    );
}

#[test]
fn full_width_comma_does_not_start_a_line() {
    assert_eq!(checked_lines("你好，世界", 4, N), ["你", "好，", "世界"]);
}

#[test]
fn closing_quote_does_not_start_a_line() {
    assert_eq!(checked_lines("我说好”。", 6, N), ["我说", "好”。"]);
}

#[test]
fn book_title_mark_does_not_end_a_line() {
    assert_eq!(
        checked_lines("请看《人民日报》", 6, N),
        ["请看", "《人民", "日报》"]
    );
}

#[test]
fn ascii_colon_does_not_start_a_line() {
    assert_eq!(
        checked_lines("同志们:大家好", 6, N),
        ["同志", "们:大", "家好"]
    );
}

#[test]
fn ascii_parenthesis_does_not_end_a_line() {
    assert_eq!(
        checked_lines("见附件(一)说明", 7, N),
        ["见附件", "(一)说", "明"]
    );
}

#[test]
fn latin_word_is_one_unit() {
    assert_eq!(
        checked_lines("使用Rust语言", 5, N),
        ["使用", "Rust", "语言"]
    );
}

#[test]
fn joined_lines_keep_a_space_only_between_latin_ends() {
    assert!(!joins_with_space("关于进一步加强", "基层治理工作的意见"));
    assert!(joins_with_space("Annual Report of the", "City Council"));
    assert!(joins_with_space("2024", "Q1"));
    assert!(!joins_with_space("Report", "（2024）"));
    assert!(!joins_with_space("", "City"));
}

#[test]
fn number_is_one_unit() {
    assert_eq!(checked_lines("共计12345元", 6, N), ["共计", "12345", "元"]);
}

#[test]
fn a_number_keeps_its_unit_when_the_line_allows() {
    assert_eq!(
        checked_lines("完成投资总额3.5亿元", 16, N),
        ["完成投资总额", "3.5亿元"]
    );
    assert_eq!(
        checked_lines("上半年同比增长85‰以上", 16, N),
        ["上半年同比增长", "85‰以上"]
    );
    assert_eq!(
        checked_lines("全年各项任务在第3季度完成", 16, N),
        ["全年各项任务在", "第3季度完成"]
    );
    assert_eq!(
        checked_lines("全省新增城镇就业12.3万人次", 20, N),
        ["全省新增城镇就业", "12.3万人次"]
    );
    assert_eq!(
        checked_lines("全省新增就业岗位３００余个", 24, N),
        ["全省新增就业岗位", "３００余个"]
    );
}

#[test]
fn a_date_stays_whole_when_the_line_allows() {
    assert_eq!(
        checked_lines("今天会议决定定于2019年1月1日召开", 24, N),
        ["今天会议决定定于", "2019年1月1日召开"]
    );
    assert_eq!(
        checked_lines("自本规定发布之日起至2020年12月31日止", 28, N),
        ["自本规定发布之日起至", "2020年12月31日止"]
    );
}

#[test]
fn a_character_after_a_number_that_counts_nothing_still_breaks() {
    // 大 is no unit: 12 / 大项 breaks like any two characters.
    assert_eq!(
        checked_lines("各地完成任务共计12大项", 18, N),
        ["各地完成任务共计12", "大项"]
    );
    // A year holds on to a number only when it is the date's month: 2019年 / 10项.
    assert_eq!(
        checked_lines("计划在2019年10项工作", 14, N),
        ["计划在2019年", "10项工作"]
    );
}

#[test]
fn the_unit_rule_gives_way_first_when_the_line_is_narrow() {
    // Moving 15个 down would leave 共 alone on a line of five columns.
    assert_eq!(checked_lines("共15个单位", 5, N), ["共15", "个单", "位"]);
    // A date wider than the line is split like any text.
    assert_eq!(
        checked_lines("2024年12月31日", 6, N),
        ["2024年", "12月31", "日"]
    );
}

#[test]
fn url_breaks_after_a_slash_but_not_inside_double_slash() {
    assert_eq!(
        checked_lines("网址http://www.gov.cn/zhengce/content", 20, N),
        ["网址http://", "www.gov.cn/zhengce/", "content"]
    );
    assert_eq!(
        checked_lines("http://x", 6, N),
        ["http:/", "/x"],
        "an over-long unit is cut at the width"
    );
}

#[test]
fn ascii_comma_before_a_letter_allows_a_break() {
    assert_eq!(
        checked_lines("他说yes,no可以", 8, N),
        ["他说yes,", "no可以"]
    );
    assert_eq!(
        checked_lines("共3,000元", 6, N),
        ["共", "3,000", "元"],
        "not before a digit"
    );
}

#[test]
fn em_dash_pair_is_one_unit() {
    assert_eq!(checked_lines("他说——好的", 5, N), ["他说", "——好", "的"]);
}

#[test]
fn ellipsis_pair_is_one_unit_and_does_not_start_a_line() {
    assert_eq!(checked_lines("好吧……算了", 5, N), ["好", "吧……", "算了"]);
}

#[test]
fn word_joiner_glues_both_sides_and_is_not_drawn() {
    assert_eq!(
        checked_lines("我AB\u{2060}中国", 5, N),
        ["我", "AB中", "国"]
    );
}

#[test]
fn zero_width_space_is_a_break_opportunity_and_is_not_drawn() {
    assert_eq!(checked_lines("abc\u{200B}def", 4, N), ["abc", "def"]);
}

#[test]
fn zero_width_cluster_stays_with_the_text_before_it() {
    assert_eq!(
        checked_lines("中文\u{2061}，", 4, N),
        ["中", "文\u{2061}，"]
    );
}

#[test]
fn spaces_at_a_break_are_dropped_and_not_counted() {
    let out = checked_wrap("经济 发展", 4, 0, N);
    let texts: Vec<&str> = out.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(texts, ["经济", "发展"]);
    assert_eq!(out[0].source, 0..6);
    assert_eq!(out[1].source, 7..13);
    assert_eq!(checked_lines("hello     world", 7, N), ["hello", "world"]);
    assert_eq!(
        checked_lines("中　　　　　文", 3, N),
        ["中", "文"],
        "ideographic spaces too"
    );
    assert_eq!(
        checked_lines("a b", 10, N),
        ["a b"],
        "spaces inside a line stay"
    );
}

#[test]
fn leading_indentation_is_kept() {
    assert_eq!(checked_lines("  中文", 10, N), ["  中文"]);
    assert_eq!(checked_lines("　　中文", 4, N), ["　　", "中文"]);
    assert_eq!(checked_lines("\t中文", 10, N), ["    中文"]);
    assert_eq!(
        checked_lines("\t中", 2, N),
        ["  ", "中"],
        "indentation wider than the line is clipped"
    );
}

#[test]
fn tabs_expand_from_the_paragraph_start() {
    assert_eq!(checked_lines("ab\tc", 10, N), ["ab  c"]);
    // The tab sits at paragraph column 7, so it is 1 column wide wherever it is drawn.
    assert_eq!(checked_lines("中文 ab\tc", 4, N), ["中文", "ab c"]);
}

#[test]
fn controls_are_drawn_as_pictures() {
    assert_eq!(
        checked_lines("a\u{1}b\u{7F}", 10, N),
        ["a\u{2401}b\u{2421}"]
    );
    assert_eq!(checked_lines("\u{85}中", 10, W), ["\u{FFFD}中"]);
    assert_eq!(checked_lines("\u{FEFF}\u{202E}中\u{AD}文", 10, N), ["中文"]);
}

#[test]
fn a_cluster_wider_than_the_line_is_a_placeholder() {
    assert_eq!(checked_lines("a中b", 1, N), ["a", ">", "b"]);
    assert_eq!(checked_lines("“", 1, W), [">"]);
    assert_eq!(
        checked_lines("中文", 0, N),
        [">", ">"],
        "width 0 is width 1"
    );
}

#[test]
fn huge_clusters_draw_a_capped_prefix() {
    let text = format!("e{}中", "\u{301}".repeat(100));
    let out = checked_wrap(&text, 5, 0, N);
    assert_eq!(out.len(), 1);
    assert_eq!(out[0].text.chars().count(), MAX_CLUSTER_CHARS + 1);
    assert_eq!(out[0].width, 3);
    assert_eq!(out[0].source, 0..text.len());
    assert_eq!(out[0].clusters, [(0, 0), (63, 201)]);
}

#[test]
fn removed_characters_never_fuse_their_neighbours() {
    let out = checked_wrap("😀\u{200D}\u{200B}😀", 10, 0, N);
    assert_eq!((out[0].text.as_str(), out[0].width), ("😀😀", 4));
    let out = checked_wrap("❤\u{200B}\u{FE0F}好", 10, 0, N);
    assert_eq!((out[0].text.as_str(), out[0].width), ("❤好", 3));
    assert_eq!(
        checked_lines("\u{301}中\u{1}\u{301}", 10, N),
        ["中\u{2401}"]
    );
    assert_eq!(str_width("❤\u{200B}\u{FE0F}", N), 1);
    assert_eq!(truncate("😀\u{200D}\u{2060}😀x", 5, N), "😀😀x");
}

#[test]
fn line_ends_force_breaks() {
    assert_eq!(checked_lines("中\n文", 10, N), ["中", "文"]);
    assert_eq!(checked_lines("中\r\n文\r好", 10, N), ["中", "文", "好"]);
    assert_eq!(checked_lines("a\n\nb\n", 10, N), ["a", "", "b", ""]);
    assert_eq!(checked_lines("", 10, N), [""]);
}

#[test]
fn first_line_indent_reserves_columns_on_the_first_line() {
    let texts = |out: Vec<ScreenLine>| out.into_iter().map(|l| l.text).collect::<Vec<_>>();
    assert_eq!(
        texts(checked_wrap("我们在北京", 4, 2, N)),
        ["我", "们在", "北京"]
    );
    assert_eq!(
        texts(checked_wrap("我们在北京", 4, 4, N)),
        ["我们", "在北", "京"],
        "indent >= width is ignored"
    );
    assert_eq!(
        texts(checked_wrap("中", 2, 1, N)),
        ["", "中"],
        "nothing fits beside the indent"
    );
}

#[test]
fn emoji_sequences_are_one_cluster() {
    assert_eq!(checked_lines("👨‍👩‍👧好🇨🇳", 2, N), ["👨‍👩‍👧", "好", "🇨🇳"]);
}

#[test]
fn clusters_map_drawn_text_to_source() {
    let text = "\u{FEFF}甲\t乙\u{200B}丙";
    let out = checked_wrap(text, 20, 0, N);
    assert_eq!(out.len(), 1);
    assert_eq!(out[0].text, "甲  乙丙");
    assert_eq!(out[0].source, 0..text.len());
    assert_eq!(out[0].clusters, [(0, 3), (3, 6), (5, 7), (8, 13)]);
}

// ---------------------------------------------------------------- scale

#[test]
fn long_inputs_stay_linear() {
    let word = "a".repeat(400_000);
    let out = checked_wrap(&word, 80, 0, N);
    assert_eq!(out.len(), 5_000);
    assert!(out.iter().all(|l| l.width == 80));

    let marks = format!("a{}b", "\u{301}".repeat(20_000));
    let out = checked_wrap(&marks, 1, 0, N);
    assert_eq!(out.len(), 2);
    assert_eq!(out[0].source, 0..marks.len() - 1);

    let commas = "，".repeat(100_000);
    assert_eq!(checked_wrap(&commas, 7, 0, W).len(), 100_000 / 3 + 1);

    let joined = "中\u{2060}".repeat(100_000);
    assert_eq!(checked_wrap(&joined, 10, 0, N).len(), 20_000);

    let spaces = format!("甲{}乙", " ".repeat(1_000_000));
    assert_eq!(checked_lines(&spaces, 10, N), ["甲", "乙"]);

    let invisible = format!("甲{}乙", "\u{200B}".repeat(100_000));
    assert_eq!(checked_lines(&invisible, 1, N), [">", ">"]);
}

/// `cargo test --release --lib layout -- --ignored` to run.
#[test]
#[ignore = "50 MB: slow in debug builds"]
fn fifty_megabytes_without_a_break() {
    let text = "x".repeat(50 << 20);
    let out = wrap(&text, 100, 0, N);
    assert_eq!(out.len(), (50 << 20) / 100 + 1);
}

// ---------------------------------------------------------------- properties

const IDEOGRAPHS: &[&str] = &[
    "中", "国", "我", "们", "会", "议", "双", "拥", "あ", "カ", "한",
];
const FULL_PUNCT: &[&str] = &[
    "，", "。", "、", "；", "：", "？", "！", "）", "》", "」", "』", "】", "％", "～", "（", "《",
    "「", "『", "【", "·", "・", "…", "——", "……", "　",
];
const QUOTES: &[&str] = &["“", "”", "‘", "’"];
const EMOJI: &[&str] = &["😀", "👍🏽", "👨‍👩‍👧", "🇨🇳", "❤", "❤\u{FE0F}", "👩‍🔬"];
const MARKS: &[&str] = &["\u{301}", "\u{304}", "\u{20DD}", "\u{200D}", "\u{FE0F}"];
const INVISIBLE: &[&str] = &[
    "\u{200B}", "\u{2060}", "\u{FEFF}", "\u{AD}", "\u{200E}", "\u{202E}", "\u{2066}", "\u{2061}",
];
const ASCII_PUNCT: &[&str] = &[
    ",", ".", ";", ":", "?", "!", "(", ")", "[", "]", "{", "}", "%", "/", "//", "-",
];

fn pick(list: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop::sample::select(list).prop_map(String::from)
}

fn control() -> impl Strategy<Value = String> {
    prop_oneof![0u32..0x20, Just(0x7F), 0x80u32..0xA0]
        .prop_map(|c| char::from_u32(c).map(String::from).unwrap_or_default())
}

/// A control that does not end a line.
fn inline_control() -> impl Strategy<Value = String> {
    control().prop_filter("no line end", |c| c != "\n" && c != "\r")
}

fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => pick(IDEOGRAPHS),
        3 => "[a-zA-Z0-9]{1,12}",
        3 => pick(FULL_PUNCT),
        2 => pick(QUOTES),
        2 => pick(ASCII_PUNCT),
        2 => pick(EMOJI),
        2 => pick(MARKS),
        1 => pick(INVISIBLE),
        2 => prop_oneof![Just(" ".to_string()), Just("   ".to_string()), Just("\t".to_string())],
        1 => control(),
        1 => (1usize..50).prop_map(|n| format!("o{}", "\u{301}".repeat(n))),
    ]
}

fn mode() -> impl Strategy<Value = AmbiguousWidth> {
    prop_oneof![Just(N), Just(W)]
}

/// Text whose every run of forbidden breaks is at most 8 columns wide: phrases of an optional
/// opening mark, content that never puts two ASCII words side by side, and at most two
/// closing marks, separated by nothing, a space or a tab.
fn phrases() -> impl Strategy<Value = String> {
    let opener = prop::option::of(pick(&["“", "‘", "（", "《", "「", "『", "【"]));
    let content = prop_oneof![
        4 => pick(IDEOGRAPHS),
        2 => (pick(IDEOGRAPHS), "[a-z0-9]{1,3}").prop_map(|(a, b)| a + &b),
        1 => pick(EMOJI),
        1 => (pick(IDEOGRAPHS), pick(MARKS)).prop_map(|(a, b)| a + &b),
        1 => inline_control(),
    ];
    let closers = prop::collection::vec(
        pick(&[
            "，", "。", "、", "”", "’", "）", "》", "」", "！", "？", "：", "；",
        ]),
        0..=2,
    );
    let separator = prop_oneof![
        Just(String::new()),
        Just(" ".to_string()),
        Just("\t".to_string())
    ];
    let phrase = (
        opener,
        prop::collection::vec(content, 1..5),
        closers,
        separator,
    )
        .prop_map(|(o, c, cl, sep)| o.unwrap_or_default() + &c.concat() + &cl.concat() + &sep);
    prop::collection::vec(phrase, 0..30).prop_map(|v| v.concat())
}

#[test]
fn a_cell_of_a_character_that_stands_alone_is_as_wide_as_ratatui_says() {
    use ratatui::buffer::{Cell, CellWidth};
    let mut checked = 0;
    for c in (' '..='\u{FFFF}').filter(|c| stands_alone(*c)) {
        let mut cell = Cell::default();
        cell.set_char(c);
        assert_eq!(
            standalone_width(cell.symbol()),
            Some(usize::from(cell.cell_width())),
            "{c:?}"
        );
        checked += 1;
    }
    assert!(checked > 20_000);
}

#[test]
fn widths_answered_without_the_table_agree_with_it() {
    for c in (' '..='~').chain('\u{4E00}'..='\u{9FFF}') {
        for ambiguous in [AmbiguousWidth::Narrow, AmbiguousWidth::Wide] {
            let table = match ambiguous {
                AmbiguousWidth::Narrow => c.width(),
                AmbiguousWidth::Wide => c.width_cjk(),
            };
            assert_eq!(Some(char_width(c, ambiguous)), table, "{c:?}");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 400,
        // Shrunk failures are reported in the test output; the tree is not ours to write to.
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// The shortcut for characters that stand alone cuts and measures exactly as the
    /// segmenter and the general width do, next to marks, emoji, Hangul and controls too.
    #[test]
    fn cluster_shortcuts_agree_with_the_segmenter(
        text in prop::collection::vec(
            prop_oneof![
                token(),
                Just("\u{302A}".to_owned()),
                Just("\u{301C}\u{3099}".to_owned()),
                Just("1\u{FE0F}\u{20E3}".to_owned()),
                Just("\u{200D}".to_owned()),
                Just("\r\n".to_owned()),
                Just("\u{1100}\u{1161}".to_owned()),
                "\\PC{0,3}",
                "[\u{2000}-\u{206F}\u{3000}-\u{303F}\u{FF00}-\u{FF70}]{0,3}",
            ],
            0..40,
        ).prop_map(|v| v.concat()),
        ambiguous in mode(),
    ) {
        let ours: Vec<&str> = clusters(&text).collect();
        let segmenter: Vec<&str> = text.graphemes(true).collect();
        prop_assert_eq!(&ours, &segmenter);
        let indexed: Vec<(usize, &str)> = cluster_indices(&text).collect();
        let segmenter_indexed: Vec<(usize, &str)> = text.grapheme_indices(true).collect();
        prop_assert_eq!(indexed, segmenter_indexed);
        for cluster in ours {
            prop_assert_eq!(
                drawn_and_natural_width(cluster, ambiguous),
                (cluster_width(cluster, ambiguous), cluster.width()),
                "{:?}", cluster
            );
            let unicode = match ambiguous {
                AmbiguousWidth::Narrow => cluster.width(),
                AmbiguousWidth::Wide => cluster.width_cjk(),
            };
            prop_assert_eq!(text_width(cluster, ambiguous), unicode, "{:?}", cluster);
        }
    }

    #[test]
    fn wrap_invariants_hold(
        text in prop::collection::vec(token(), 0..80).prop_map(|v| v.concat()),
        width in 1usize..=200,
        indent in prop_oneof![Just(0usize), 0usize..8],
        ambiguous in mode(),
    ) {
        let out = wrap(&text, width, indent, ambiguous);
        check_wrap(&text, width, indent, ambiguous, &out).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn narrow_wraps_are_exercised_too(
        text in prop::collection::vec(token(), 0..40).prop_map(|v| v.concat()),
        width in 1usize..=8,
        ambiguous in mode(),
    ) {
        let out = wrap(&text, width, 0, ambiguous);
        check_wrap(&text, width, 0, ambiguous, &out).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn no_forbidden_starts_or_ends_when_every_unit_fits(
        text in phrases(),
        width in 16usize..=200,
        ambiguous in mode(),
    ) {
        let out = wrap(&text, width, 0, ambiguous);
        check_wrap(&text, width, 0, ambiguous, &out).map_err(TestCaseError::fail)?;
        for pair in out.windows(2) {
            let end = pair[0].text.chars().next_back();
            let start = pair[1].text.chars().next();
            prop_assert!(!end.is_some_and(is_no_end), "{:?} ends with {:?}", pair[0].text, end);
            prop_assert!(!start.is_some_and(is_no_start), "{:?} starts with {:?}", pair[1].text, start);
        }
    }

    /// A number and its unit that fit on a line are never parted when a line of 40
    /// columns or more leaves at least half of itself behind them.
    #[test]
    fn numbers_with_their_units_stay_whole_on_wide_lines(
        tokens in prop::collection::vec(
            prop_oneof![
                2 => prop::collection::vec(pick(&["的", "和", "在", "是", "为", "中", "推", "进"]), 1..6)
                    .prop_map(|v| (v.concat(), false)),
                1 => ("[1-9][0-9]{0,3}(\\.[0-9])?", pick(&["亿", "万元", "个", "年", "人次", "公里", "个百分点", "‰"]))
                    .prop_map(|(n, u)| (n + &u, true)),
            ],
            0..60,
        ),
        width in 40usize..=120,
        ambiguous in mode(),
    ) {
        let mut text = String::new();
        let mut numbers = Vec::new();
        for (token, is_number) in tokens {
            if is_number {
                numbers.push(text.len()..text.len() + token.len());
            }
            text.push_str(&token);
        }
        let out = wrap(&text, width, 0, ambiguous);
        check_wrap(&text, width, 0, ambiguous, &out).map_err(TestCaseError::fail)?;
        for line in &out {
            for number in &numbers {
                prop_assert!(
                    !(number.start < line.source.end && line.source.end < number.end),
                    "{:?} splits {:?}", line.text, text.get(number.clone())
                );
            }
        }
    }

    #[test]
    fn str_width_is_the_sum_of_wrapped_widths_without_tabs_or_spaces(
        text in prop::collection::vec(token(), 0..40).prop_map(|v| v.concat().replace([' ', '\t', '　', '\n', '\r'], "")),
        ambiguous in mode(),
    ) {
        // Unbroken, the only line is the whole drawn text.
        let out = wrap(&text, usize::MAX / 4, 0, ambiguous);
        prop_assert_eq!(out.len(), 1);
        prop_assert_eq!(out[0].width, str_width(&text, ambiguous));
    }

    #[test]
    fn truncate_never_exceeds_and_keeps_short_text(
        text in prop::collection::vec(token(), 0..30).prop_map(|v| v.concat()),
        max in 0usize..60,
        ambiguous in mode(),
    ) {
        let cut = truncate(&text, max, ambiguous);
        prop_assert!(str_width(&cut, ambiguous) <= max);
        prop_assert!(!cut.chars().any(is_raw));
        if str_width(&text, ambiguous) <= max {
            prop_assert_eq!(str_width(&cut, ambiguous), str_width(&text, ambiguous));
        } else if !cut.is_empty() {
            prop_assert!(cut.ends_with('…'));
        }
    }

    #[test]
    fn sanitize_is_idempotent_and_inert(
        text in prop::collection::vec(token(), 0..40).prop_map(|v| v.concat()),
    ) {
        let once = sanitize(&text).into_owned();
        prop_assert!(matches!(sanitize(&once), Cow::Borrowed(_)));
        prop_assert!(!once.chars().any(|c| is_raw(c) && !matches!(c, '\t' | '\n' | ZWSP | WORD_JOINER)));
    }
}
