//! Rules and traps of structure recognition, each on a small text of its own.

use crate::document::{BlockRole, Document, NodeKind};
use crate::parse::parse_text;

/// (kind, depth, marker, label) of every node.
fn entries(doc: &Document) -> Vec<(&'static str, usize, String, String)> {
    doc.nodes
        .iter()
        .map(|n| {
            (
                n.kind.name(),
                n.depth,
                n.marker.clone().unwrap_or_default(),
                n.label.clone(),
            )
        })
        .collect()
}

fn headings(doc: &Document) -> Vec<(usize, String, String)> {
    doc.nodes
        .iter()
        .filter(|n| n.kind == NodeKind::Heading)
        .map(|n| {
            (
                n.depth,
                n.marker.clone().unwrap_or_default(),
                n.label.clone(),
            )
        })
        .collect()
}

fn points(doc: &Document) -> Vec<String> {
    doc.nodes
        .iter()
        .filter(|n| n.kind == NodeKind::Point)
        .map(|n| format!("{}{}", n.marker.as_deref().unwrap_or_default(), n.label))
        .collect()
}

fn kinds(doc: &Document, kind: NodeKind) -> Vec<String> {
    doc.nodes
        .iter()
        .filter(|n| n.kind == kind)
        .map(|n| n.label.clone())
        .collect()
}

fn h(depth: usize, marker: &str, label: &str) -> (usize, String, String) {
    (depth, marker.to_owned(), label.to_owned())
}

#[test]
fn title_over_two_lines_is_one_title() {
    // Chinese lines run on without a space; Latin words keep one.
    let doc = parse_text("Annual Report of the\nCity Council\n正文。\n");
    assert_eq!(
        doc.title.as_deref(),
        Some("Annual Report of the City Council")
    );
    let doc = parse_text(
        "国务院关于促进综合保税区\n高水平开放高质量发展的若干意见\n国发〔2019〕3号\n正文。\n",
    );
    assert_eq!(
        doc.title.as_deref(),
        Some("国务院关于促进综合保税区高水平开放高质量发展的若干意见")
    );
    assert_eq!(doc.blocks[2].role, BlockRole::DocNumber);
}

#[test]
fn a_title_hard_wrapped_with_its_text_runs_on_without_a_space() {
    // A copy wrapped at 20 characters breaks the title mid-phrase inside one paragraph.
    let wrapped = |line: &str| -> String {
        let chars: Vec<char> = line.chars().collect();
        chars
            .chunks(20)
            .map(|piece| piece.iter().collect::<String>())
            .collect::<Vec<_>>()
            .join("\n")
    };
    let title = "中共中央国务院关于进一步加强基层治理体系和治理能力现代化建设的意见";
    let body = "各地区各部门要认真贯彻落实党中央、国务院决策部署，坚持以人民为中心的发展思想，\
        扎实推进基层治理体系和治理能力现代化建设，切实提高基层治理水平，不断增强人民群众获得感。"
        .repeat(3);
    let text = [
        title,
        "",
        "各省、自治区、直辖市党委和人民政府：",
        "",
        &body,
        "",
        &body,
    ]
    .map(wrapped)
    .join("\n");
    let doc = parse_text(&text);
    assert_eq!(doc.title.as_deref(), Some(title));
    assert!(
        doc.blocks[0].role == BlockRole::Title && doc.slice(&doc.blocks[0].span).contains('\n')
    );
}

#[test]
fn subtitle_byline_and_date_are_kept_as_such() {
    let doc =
        parse_text("团结奋斗\n ——在全会上的讲话\n习近平\n 2022.10.23\n这次全会完成了任务。\n");
    assert_eq!(doc.title.as_deref(), Some("团结奋斗"));
    assert_eq!(doc.subtitle.as_deref(), Some("——在全会上的讲话"));
    let roles: Vec<BlockRole> = doc.blocks.iter().map(|b| b.role).collect();
    assert_eq!(
        roles,
        [
            BlockRole::Title,
            BlockRole::Subtitle,
            BlockRole::Byline,
            BlockRole::Byline,
            BlockRole::Preamble
        ]
    );
}

#[test]
fn a_complete_title_does_not_swallow_the_next_line() {
    let doc = parse_text("在全市工作会议上的讲话\n市委办公室\n同志们：\n");
    assert_eq!(doc.title.as_deref(), Some("在全市工作会议上的讲话"));
}

#[test]
fn no_title_when_the_text_starts_with_a_sentence() {
    let doc = parse_text("今天，我们召开会议。\n一、认清形势\n正文。\n");
    assert_eq!(doc.title, None);
}

#[test]
fn salutation_forms() {
    for salutation in [
        "同志们:",
        "同志们：",
        "同志们，朋友们：",
        "尊敬的各位领导、各位来宾：",
    ] {
        let doc = parse_text(&format!("讲话\n{salutation}\n今天开会。\n"));
        assert_eq!(
            kinds(&doc, NodeKind::Salutation),
            [salutation],
            "{salutation}"
        );
    }
}

#[test]
fn addressee_line_of_an_official_document_is_the_salutation() {
    let doc = parse_text(
        "关于做好工作的通知\n各省、自治区、直辖市人民政府，国务院各部委、各直属机构：\n现就有关事项通知如下。\n",
    );
    assert_eq!(
        kinds(&doc, NodeKind::Salutation),
        ["各省、自治区、直辖市人民政府，国务院各部委、各直属机构："]
    );
}

#[test]
fn the_salutation_holds_the_opening_remarks_up_to_the_first_heading() {
    let text = "讲话\n同志们：\n今天我们召开会议。\n下面讲三点意见。\n一、提高认识\n正文。\n";
    let doc = parse_text(text);
    let node = doc
        .nodes
        .iter()
        .find(|n| n.kind == NodeKind::Salutation)
        .expect("salutation");
    let held = doc.slice(&node.span);
    assert!(held.starts_with("同志们："), "{held:?}");
    assert!(held.ends_with("下面讲三点意见。"), "{held:?}");
    assert!(!held.contains("提高认识"), "{held:?}");
}

#[test]
fn salutation_running_into_the_first_paragraph() {
    let doc = parse_text("讲话\n同志们！今天我们召开会议。\n");
    let node = doc
        .nodes
        .iter()
        .find(|n| n.kind == NodeKind::Salutation)
        .expect("salutation");
    assert_eq!(node.label, "同志们！");
    assert!(node.run_in);
}

#[test]
fn salutation_in_the_middle_is_not_a_salutation() {
    let doc =
        parse_text("讲话\n今天开会。\n同志们！历史接力是一棒接着一棒。\n一、认清形势\n正文。\n");
    assert!(kinds(&doc, NodeKind::Salutation).is_empty());
}

#[test]
fn four_gb_levels_nest() {
    let doc = parse_text(
        "标题\n\n一、总体要求\n（一）指导思想\n1.坚持原则\n（1）第一项\n（2）第二项\n2.明确目标\n（二）基本原则\n二、主要任务\n",
    );
    assert_eq!(
        headings(&doc),
        [
            h(0, "一、", "总体要求"),
            h(1, "（一）", "指导思想"),
            h(2, "1.", "坚持原则"),
            h(3, "（1）", "第一项"),
            h(3, "（2）", "第二项"),
            h(2, "2.", "明确目标"),
            h(1, "（二）", "基本原则"),
            h(0, "二、", "主要任务"),
        ]
    );
}

#[test]
fn half_width_and_other_variants() {
    let doc =
        parse_text("标题\n\n一.总体要求\n(一)指导思想\n1、坚持原则\n(1)第一项\n二．主要任务\n");
    assert_eq!(
        headings(&doc),
        [
            h(0, "一.", "总体要求"),
            h(1, "(一)", "指导思想"),
            h(2, "1、", "坚持原则"),
            h(3, "(1)", "第一项"),
            h(0, "二．", "主要任务"),
        ]
    );
}

#[test]
fn numeral_with_a_space_and_numeral_alone() {
    let doc = parse_text("标题\n\n一 重工业的发展\n正文。\n二\n正文。\n");
    assert_eq!(headings(&doc), [h(0, "一", "重工业的发展"), h(0, "二", "")]);
}

#[test]
fn unnumbered_heading_line() {
    let doc = parse_text("标题\n\n引　　言\n近年来，工作取得了进展。\n一、认清形势\n正文。\n");
    assert_eq!(
        headings(&doc),
        [h(0, "", "引　　言"), h(0, "一、", "认清形势")]
    );
}

#[test]
fn skipped_levels_nest_by_this_documents_order() {
    let doc = parse_text("标题\n\n一、总体要求\n1.坚持原则\n2.明确目标\n二、主要任务\n");
    assert_eq!(
        headings(&doc),
        [
            h(0, "一、", "总体要求"),
            h(1, "1.", "坚持原则"),
            h(1, "2.", "明确目标"),
            h(0, "二、", "主要任务")
        ]
    );
}

#[test]
fn numbering_straight_through_parents() {
    let doc =
        parse_text("标题\n\n（一）甲组\n1.第一条\n2.第二条\n（二）乙组\n3.第三条\n4.第四条\n");
    assert_eq!(
        headings(&doc),
        [
            h(0, "（一）", "甲组"),
            h(1, "1.", "第一条"),
            h(1, "2.", "第二条"),
            h(0, "（二）", "乙组"),
            h(1, "3.", "第三条"),
            h(1, "4.", "第四条"),
        ]
    );
}

#[test]
fn run_in_headings_end_at_the_first_stop() {
    let doc = parse_text(
        "标题\n\n一、认清形势。XX是革命老区。\n（一）坚持改革，简政放权。党政军民。\n二、元旦：2018年元旦放假。\n三、独立标题。\n",
    );
    let found: Vec<(String, bool)> = doc
        .nodes
        .iter()
        .filter(|n| n.kind == NodeKind::Heading)
        .map(|n| (n.label.clone(), n.run_in))
        .collect();
    assert_eq!(
        found,
        [
            ("认清形势".to_owned(), true),
            ("坚持改革，简政放权".to_owned(), true),
            ("元旦".to_owned(), true),
            ("独立标题".to_owned(), false),
        ]
    );
}

#[test]
fn a_stop_inside_quotes_does_not_end_a_heading() {
    let doc = parse_text("标题\n\n一、学会“弹钢琴！”的方法。正文。\n");
    assert_eq!(headings(&doc), [h(0, "一、", "学会“弹钢琴！”的方法")]);
}

#[test]
fn points_belong_to_the_heading_whose_own_text_holds_them() {
    let doc = parse_text(
        "标题\n\n一、认清形势\n存在困难。一是要求高。二是难度大。\n（一）具体问题\n一要学习，二要落实。\n二、突出重点\n第一，统一思想。第二，明确任务。\n",
    );
    assert_eq!(
        entries(&doc),
        [
            ("heading", 0, "一、".to_owned(), "认清形势".to_owned()),
            ("point", 1, "一是".to_owned(), "要求高".to_owned()),
            ("point", 1, "二是".to_owned(), "难度大".to_owned()),
            ("heading", 1, "（一）".to_owned(), "具体问题".to_owned()),
            ("point", 2, "一要".to_owned(), "学习".to_owned()),
            ("point", 2, "二要".to_owned(), "落实".to_owned()),
            ("heading", 0, "二、".to_owned(), "突出重点".to_owned()),
            ("point", 1, "第一".to_owned(), "统一思想".to_owned()),
            ("point", 1, "第二".to_owned(), "明确任务".to_owned()),
        ]
    );
}

#[test]
fn points_outside_headings_have_depth_zero() {
    let doc = parse_text("讲话\n今天讲两点。一是学习。二是落实。\n");
    let depths: Vec<usize> = doc
        .nodes
        .iter()
        .filter(|n| n.kind == NodeKind::Point)
        .map(|n| n.depth)
        .collect();
    assert_eq!(depths, [0, 0]);
}

#[test]
fn points_in_a_run_in_headings_body() {
    let doc = parse_text(
        "标题\n\n一、划清界限。首先，是革命还是反革命？其次，在革命的队伍中，要分清是非。\n",
    );
    assert_eq!(points(&doc), ["首先是革命还是反革命", "其次在革命的队伍中"]);
}

#[test]
fn points_at_paragraph_starts_and_sequence_words() {
    let doc = parse_text(
        "讲话\n首先要提高认识。\n其次要加强领导。\n再其次，要狠抓落实。\n最后，加强督查。\n",
    );
    assert_eq!(
        points(&doc),
        [
            "首先要提高认识",
            "其次要加强领导",
            "再其次要狠抓落实",
            "最后加强督查"
        ]
    );
}

#[test]
fn inline_parenthesised_points() {
    let doc = parse_text("讲话\n主要包括：（1）加强领导；（2）完善制度；（3）狠抓落实。\n");
    assert_eq!(
        points(&doc),
        ["（1）加强领导", "（2）完善制度", "（3）狠抓落实"]
    );
}

#[test]
fn ordinal_point_with_shi() {
    let doc = parse_text("讲话\n第一是思想认识。第二是工作方法。\n");
    assert_eq!(points(&doc), ["第一是思想认识", "第二是工作方法"]);
}

#[test]
fn traps_are_not_structure() {
    let text = "讲话\n\
        坚持党的领导、人民当家作主、依法治国有机统一是根本。\n\
        我国经济总量稳居世界第二，人均收入提高。\n\
        这有两面，一是优点，一是缺点。\n\
        他说“一是学习，二是落实”，很好。\n\
        第一个问题是学习，第二个问题是落实。第一步，第二步。\n\
        （一九四九年三月十三日）\n\
        1997年，香港回归祖国。\n\
        推动“1231”总量目标，增长1.94个百分点，编号415X。\n";
    let doc = parse_text(text);
    let structure: Vec<_> = doc
        .nodes
        .iter()
        .filter(|n| matches!(n.kind, NodeKind::Heading | NodeKind::Point))
        .collect();
    assert!(structure.is_empty(), "{structure:#?}");
}

#[test]
fn heading_numbers_out_of_sequence_are_body_text() {
    let doc = parse_text(
        "标题\n\n一、认清形势\n正文。\n5.3亿元的投资已经到位。\n七、这行不是标题\n二、突出重点\n",
    );
    assert_eq!(
        headings(&doc),
        [h(0, "一、", "认清形势"), h(0, "二、", "突出重点")]
    );
}

#[test]
fn closing_and_footer() {
    let doc = parse_text(
        "讲话\n同志们：\n一、认清形势\n正文。\n同志们，让我们团结起来，谢谢大家。\n\n讲话》由互联网用户分享整理。文章地址:http://www.example.com/news/1.html\n",
    );
    assert_eq!(kinds(&doc, NodeKind::Closing), ["同志们，让我们团结起来，"]);
    assert_eq!(kinds(&doc, NodeKind::Footer).len(), 1);
    assert_eq!(
        doc.footer_url.as_deref(),
        Some("http://www.example.com/news/1.html")
    );
}

#[test]
fn source_and_signature_lines_are_the_footer() {
    let doc = parse_text(
        "意见\n各有关单位：\n一、总则\n正文。\n国务院\n2019年1月12日\n（此件公开发布）\n",
    );
    assert_eq!(
        kinds(&doc, NodeKind::Footer),
        ["国务院\n2019年1月12日\n（此件公开发布）"]
    );
    let doc = parse_text("讲话\n正文。\n（来源：新华社）\n");
    assert_eq!(kinds(&doc, NodeKind::Footer), ["（来源：新华社）"]);
    let doc = parse_text("讲话\n正文。\n作者：张三\n");
    assert_eq!(kinds(&doc, NodeKind::Footer), ["作者：张三"]);
}

#[test]
fn the_last_section_text_is_not_a_closing() {
    let doc = parse_text("意见\n一、总则\n正文。\n二、要求\n各地区要认真落实。\n");
    assert!(kinds(&doc, NodeKind::Closing).is_empty());
}

#[test]
fn signature_block_before_an_attachment_is_not_structure() {
    let doc = parse_text(
        "通知\n各单位：\n一、总则\n正文。\n二、要求\n认真落实。\nXX市人民政府办公室\n2020年3月1日\n附件\n1.报名表\n2.日程安排\n",
    );
    assert_eq!(headings(&doc), [h(0, "一、", "总则"), h(0, "二、", "要求")]);
    assert_eq!(
        kinds(&doc, NodeKind::Footer),
        ["XX市人民政府办公室\n2020年3月1日"]
    );
    assert!(doc.blocks.iter().any(|b| b.role == BlockRole::Backmatter));
}

#[test]
fn notes_after_a_rule_are_backmatter() {
    let doc = parse_text(
        "方法\n一、班长。正文。\n二、开会。正文。\n\n------------------\n注　　释\n〔1〕见《老子》。\n",
    );
    assert_eq!(headings(&doc).len(), 2);
    assert_eq!(
        doc.blocks.last().map(|b| b.role),
        Some(BlockRole::Backmatter)
    );
}

#[test]
fn lines_are_one_based() {
    let doc = parse_text("标题\n\n同志们：\n\n一、认清形势\n");
    let lines: Vec<usize> = doc.nodes.iter().map(|n| n.line).collect();
    assert_eq!(lines, [3, 5]);
}

#[test]
fn heading_spans_nest_and_end_before_the_closing() {
    let doc = parse_text("讲话\n一、甲\n（一）乙\n正文。\n二、丙\n正文。\n同志们，让我们努力。\n");
    let spans: Vec<&str> = doc
        .nodes
        .iter()
        .filter(|n| n.kind == NodeKind::Heading)
        .map(|n| doc.slice(&n.span))
        .collect();
    assert_eq!(
        spans,
        [
            "一、甲\n（一）乙\n正文。",
            "（一）乙\n正文。",
            "二、丙\n正文。"
        ]
    );
}

#[test]
fn empty_and_whitespace_documents_have_no_structure() {
    for text in ["", "\n\n", "   \u{3000}\n\t\n"] {
        let doc = parse_text(text);
        assert!(doc.nodes.is_empty() && doc.title.is_none(), "{text:?}");
    }
}

#[test]
fn controls_are_made_visible_at_load() {
    let doc = parse_text("标题\n一、\u{1b}[2J认清\u{202e}形势\n");
    assert_eq!(headings(&doc), [h(0, "一、", "\u{241b}[2J认清形势")]);
}

#[test]
fn a_very_long_paragraph_is_split_into_pieces_that_continue_it() {
    let sentence = "我们要深入学习，认真贯彻落实。";
    let text = format!("标题\n\n{}\n", sentence.repeat(10_000));
    let doc = parse_text(&text);
    let pieces: Vec<&crate::document::Block> = doc.blocks.iter().skip(1).collect();
    assert!(pieces.len() > 2);
    assert!(!pieces[0].continues && pieces[1..].iter().all(|b| b.continues));
    assert!(pieces.iter().all(|b| b.span.len() <= 64 * 1024));
    assert!(
        pieces.iter().all(|b| doc.slice(&b.span).ends_with('。')),
        "pieces end after a sentence"
    );
    let joined: String = pieces.iter().map(|b| doc.slice(&b.span)).collect();
    assert_eq!(joined, sentence.repeat(10_000));
}

#[test]
fn a_split_never_separates_combining_marks_from_their_letter() {
    let text = format!("标题\n\n{}\n", "e\u{301}".repeat(40_000));
    let doc = parse_text(&text);
    for block in doc.blocks.iter().skip(1) {
        assert!(
            doc.slice(&block.span).starts_with('e'),
            "a piece starts with a mark"
        );
    }
}

#[test]
fn a_dateline_above_the_title_is_not_the_title() {
    let doc = parse_text(
        "新华社北京3月5日电\n政府工作报告\n——2023年3月5日在第十四届全国人民代表大会第一次会议上\n国务院总理 李克强\n各位代表：\n现在，我代表国务院作报告。\n",
    );
    assert_eq!(doc.title.as_deref(), Some("政府工作报告"));
    assert_eq!(doc.blocks[0].role, BlockRole::Byline);
    assert_eq!(doc.blocks[3].role, BlockRole::Byline, "the speaker line");
    assert_eq!(kinds(&doc, NodeKind::Salutation), ["各位代表："]);
}

#[test]
fn a_lone_short_line_is_not_a_heading_but_several_are() {
    let lone = parse_text("讲话\n今天开会。\n张三\n正文在这里。\n");
    assert!(headings(&lone).is_empty());
    let several = parse_text(
        "讲话\n今天开会。\n坚持党的领导\n正文。\n加强作风建设\n正文。\n推动高质量发展\n正文。\n",
    );
    assert_eq!(
        headings(&several),
        [
            h(0, "", "坚持党的领导"),
            h(0, "", "加强作风建设"),
            h(0, "", "推动高质量发展")
        ]
    );
}

#[test]
fn lines_under_the_title_before_the_salutation() {
    let doc = parse_text(
        "在全省工作推进会上的讲话\n2024-03-05 09:12　来源：北方日报\n副省长　周立群\n同志们：\n今天开会。\n",
    );
    assert_eq!(kinds(&doc, NodeKind::Salutation), ["同志们："]);
    assert!(
        headings(&doc).is_empty(),
        "the speaker line is not a heading"
    );
    let doc = parse_text(
        "主旨演讲\n（2024年3月24日，北京）\n县委副书记、县长　张　伟\n尊敬的各位嘉宾，女士们，先生们：\n今天。\n",
    );
    assert_eq!(
        kinds(&doc, NodeKind::Salutation),
        ["尊敬的各位嘉宾，女士们，先生们："]
    );
}

#[test]
fn a_single_addressee_is_a_salutation() {
    let doc = parse_text("关于报送材料的函\n市人大常委会：\n现将有关情况报告如下。\n");
    assert_eq!(kinds(&doc, NodeKind::Salutation), ["市人大常委会："]);
}

#[test]
fn a_closing_may_start_a_few_paragraphs_before_the_end() {
    let doc = parse_text(
        "演讲\n一、形势\n正文。\n女士们、先生们、朋友们！\n中国发展离不开世界。\n预祝论坛圆满成功！\n谢谢大家。\n",
    );
    assert_eq!(kinds(&doc, NodeKind::Closing), ["女士们、先生们、朋友们！"]);
    let doc = parse_text("报告\n一、形势\n正文。\n各位代表！新征程上，让我们团结奋斗。\n");
    assert_eq!(kinds(&doc, NodeKind::Closing), ["各位代表！新征程上，让我"]);
}

#[test]
fn let_us_inside_a_sentence_is_not_a_closing() {
    let doc = parse_text("讲话\n一、安全\n今年发生的几起事故，让我们深刻认识到问题所在。\n");
    assert!(kinds(&doc, NodeKind::Closing).is_empty());
}

#[test]
fn an_attachment_after_the_signature_is_body_with_its_own_sections() {
    let doc = parse_text(
        "关于印发实施方案的通知\n各单位：\n现将方案印发给你们，请认真贯彻执行。\n中共东平市委办公室\n2023年12月25日\n附件\n东平市重点项目\n实施方案\n为推进项目建设，制定本方案。\n一、总体要求\n正文。\n（一）指导思想\n正文。\n二、重点任务\n一是抓交通；二是抓水利。\n抄送：市人大常委会办公室。\n东平市人民政府办公室2023年12月26日印发\n",
    );
    assert_eq!(
        entries(&doc),
        [
            ("salutation", 0, String::new(), "各单位：".to_owned()),
            (
                "attachment",
                0,
                "附件".to_owned(),
                "东平市重点项目实施方案".to_owned()
            ),
            ("heading", 0, "一、".to_owned(), "总体要求".to_owned()),
            ("heading", 1, "（一）".to_owned(), "指导思想".to_owned()),
            ("heading", 0, "二、".to_owned(), "重点任务".to_owned()),
            ("point", 1, "一是".to_owned(), "抓交通".to_owned()),
            ("point", 1, "二是".to_owned(), "抓水利".to_owned()),
            (
                "footer",
                0,
                String::new(),
                "抄送：市人大常委会办公室。\n东平市人民政府办公室2023年12月26日印发".to_owned()
            ),
        ]
    );
    // The signature above the attachment closes the main text: not speech, not the footer.
    let signature = doc
        .blocks
        .iter()
        .find(|b| doc.slice(&b.span) == "中共东平市委办公室")
        .map(|b| b.role);
    assert_eq!(signature, Some(BlockRole::Signature));
    assert_eq!(doc.title.as_deref(), Some("关于印发实施方案的通知"));
}

#[test]
fn the_signature_and_its_date_are_told_from_the_notes_at_the_end() {
    let doc = parse_text(
        "关于开展检查的通知\n各单位：\n一、总则\n正文。\n二、要求\n正文。\n某某县人民政府办公室\n2019年1月12日\n（此件公开发布）\n",
    );
    let roles: Vec<BlockRole> = doc.blocks.iter().rev().take(3).map(|b| b.role).collect();
    assert_eq!(
        roles,
        [
            BlockRole::Footer,
            BlockRole::Signature,
            BlockRole::Signature
        ]
    );
    // One footer all the same: the signature is part of it.
    assert_eq!(
        kinds(&doc, NodeKind::Footer),
        ["某某县人民政府办公室\n2019年1月12日\n（此件公开发布）"]
    );
    let doc = parse_text("在全市工作会议上的讲话\n同志们：\n今天开会。\n（来源：新华社）\n");
    assert_eq!(doc.blocks.last().map(|b| b.role), Some(BlockRole::Footer));
    let doc = parse_text("在全市工作会议上的讲话\n同志们：\n今天开会。\n谢谢大家。\n张三\n");
    assert_eq!(
        doc.blocks.last().map(|b| b.role),
        Some(BlockRole::Signature)
    );
}

#[test]
fn attachments_restart_the_numbering_and_follow_one_another() {
    let doc = parse_text(
        "通知\n各单位：\n一、总则\n正文。\n二、要求\n正文。\n某某办公室\n2024年1月5日\n附件1：工作安排\n一、时间\n正文。\n二、地点\n正文。\n附件2：报名办法\n一、条件\n正文。\n",
    );
    let tops: Vec<(&str, String)> = doc
        .nodes
        .iter()
        .filter(|n| n.depth == 0 && n.kind.is_section())
        .map(|n| {
            (
                n.kind.name(),
                n.marker.clone().unwrap_or_default() + &n.label,
            )
        })
        .collect();
    assert_eq!(
        tops,
        [
            ("heading", "一、总则".to_owned()),
            ("heading", "二、要求".to_owned()),
            ("attachment", "附件1工作安排".to_owned()),
            ("heading", "一、时间".to_owned()),
            ("heading", "二、地点".to_owned()),
            ("attachment", "附件2报名办法".to_owned()),
            ("heading", "一、条件".to_owned()),
        ]
    );
    assert!(kinds(&doc, NodeKind::Footer).is_empty());
}

#[test]
fn the_attachment_list_before_the_signature_is_not_headings() {
    let doc = parse_text(
        "通知\n各单位：\n一、总则\n正文。\n附件：\n1.项目表\n2.线路图\n东平市人民政府\n2021年9月30日\n",
    );
    assert_eq!(headings(&doc), [h(0, "一、", "总则")]);
    assert_eq!(
        kinds(&doc, NodeKind::Footer),
        ["东平市人民政府\n2021年9月30日"]
    );
}

#[test]
fn one_missing_number_does_not_drop_later_headings() {
    let doc = parse_text("标题\n\n一、甲\n正文。\n三、丙\n正文。\n四、丁\n正文。\n");
    assert_eq!(
        headings(&doc),
        [h(0, "一、", "甲"), h(0, "三、", "丙"), h(0, "四、", "丁")]
    );
}

#[test]
fn editor_lines_belong_to_the_footer() {
    let doc = parse_text("讲话\n正文。\n来源：北方日报\n（责编：王磊、陈静）\n");
    assert_eq!(
        kinds(&doc, NodeKind::Footer),
        ["来源：北方日报\n（责编：王磊、陈静）"]
    );
}

#[test]
fn a_hard_wrapped_text_is_read_by_paragraph() {
    let line = |text: &str| format!("{text}\n");
    let mut text = line("在全区推进大会上的讲话");
    text += &line("同志们：");
    text += &line("　　今天召开全区优化营商环境推进大会，主要任务是贯彻");
    text += &line("落实省、市关于优化营商环境的决策部署，总结去年工作，");
    text += &line("动员全区上下以更大力度打造一流营商环境。");
    text += &line("一、充分认识优化营商环境的重大意义");
    text += &line("　　与先进地区相比还有差距：一是政务服务便利度还不够");
    text += &line("高，部分事项仍需企业多头跑；二是要素保障能力还不够强");
    text += &line("，土地、资金等要素制约依然突出；三是部分干部服务意识");
    text += &line("还不够到位，存在“门好进、脸好看，事难办”的现象。");
    text += &line("　　同志们，优化营商环境只有进行时，没有完成时。让我们");
    text += &line("齐心协力，为全区高质量发展提供有力支撑！");
    let doc = parse_text(&text);
    assert_eq!(
        points(&doc),
        [
            "一是政务服务便利度还不够高",
            "二是要素保障能力还不够强",
            "三是部分干部服务意识还不够到位"
        ]
    );
    assert_eq!(kinds(&doc, NodeKind::Closing), ["同志们，优化营商环境只有"]);
    assert_eq!(
        headings(&doc),
        [h(0, "一、", "充分认识优化营商环境的重大意义")]
    );
}

#[test]
fn nodes_are_in_document_order_with_parents_first() {
    let texts = [
        include_str!("../../data/briefing.txt").to_owned(),
        "讲话\n同志们：\n今天讲两点。一是甲。二是乙。\n一、总则\n（一）目标\n一要学习，二要落实。\n1.细则\n二、要求\n首先，统一。其次，落实。\n同志们，让我们努力。\n（来源：新华社）\n".to_owned(),
        "讲话\n第一，提高认识。\n第二，突出重点。一是甲。二是乙。三是丙。\n第三，压实责任。\n".to_owned(),
    ];
    for text in &texts {
        let doc = parse_text(text);
        for (index, node) in doc.nodes.iter().enumerate() {
            if let Some(previous) = index.checked_sub(1).map(|i| &doc.nodes[i]) {
                assert!(
                    previous.head.start < node.head.start,
                    "{previous:?} then {node:?}"
                );
            }
            assert!(node.parent.is_none_or(|parent| parent < index));
        }
    }
}

#[test]
fn a_copy_that_starts_mid_way_keeps_its_part_headings() {
    // The copy starts inside part 一: its items (三)(四) come first, then 二、 and 三、.
    let doc = parse_text(
        "（三）深化改革。\n正文。\n（四）扩大开放。\n正文。\n二、今年的工作\n正文。\n（一）稳增长。\n正文。\n（二）惠民生。\n正文。\n三、加强自身建设\n正文。\n",
    );
    assert_eq!(
        headings(&doc),
        [
            h(0, "（三）", "深化改革"),
            h(0, "（四）", "扩大开放"),
            h(0, "二、", "今年的工作"),
            h(1, "（一）", "稳增长"),
            h(1, "（二）", "惠民生"),
            h(0, "三、", "加强自身建设"),
        ]
    );
}

#[test]
fn a_number_out_of_any_sequence_stays_text() {
    // 五、 with no 四、 before it and no 六、 after it is a sentence that starts with a number.
    let doc = parse_text("标题\n一、形势\n正文。\n五、六年来的变化很大。\n二、任务\n正文。\n");
    assert_eq!(headings(&doc), [h(0, "一、", "形势"), h(0, "二、", "任务")]);
}

#[test]
fn decimal_numbering_nests_by_its_levels() {
    let doc = parse_text(
        "技术规范\n1 总则\n本规范适用于全市。\n1.1 目的\n为了统一要求，制定本规范。\n1.2 适用范围\n正文。\n1.2.1 新建项目\n正文。\n1.2.2 改建项目\n正文。\n2 职责分工\n正文。\n2.1牵头部门\n正文。\n",
    );
    assert_eq!(
        headings(&doc),
        [
            h(0, "1", "总则"),
            h(1, "1.1", "目的"),
            h(1, "1.2", "适用范围"),
            h(2, "1.2.1", "新建项目"),
            h(2, "1.2.2", "改建项目"),
            h(0, "2", "职责分工"),
            h(1, "2.1", "牵头部门"),
        ]
    );
}

#[test]
fn an_amount_at_a_line_start_is_not_decimal_numbering() {
    let doc = parse_text("报告\n一、成绩\n1.5亿元投向农村，惠及群众。\n正文。\n");
    assert_eq!(headings(&doc), [h(0, "一、", "成绩")]);
}

#[test]
fn articles_and_chapters_of_rules() {
    let doc = parse_text(
        "管理办法\n第一章　总　则\n第一条　为了加强管理，制定本办法。\n第二条　本办法适用于全市。\n第二章　职责\n第三条　市政府负责统筹。有关部门：\n（一）制定规划；\n（二）组织实施。\n",
    );
    assert_eq!(
        headings(&doc),
        [
            h(0, "第一章", "总　则"),
            h(1, "第一条", "为了加强管理，制定本办法"),
            h(1, "第二条", "本办法适用于全市"),
            h(0, "第二章", "职责"),
            h(1, "第三条", "市政府负责统筹"),
            h(2, "（一）", "制定规划"),
            h(2, "（二）", "组织实施"),
        ]
    );
}

#[test]
fn an_unnumbered_heading_holds_the_bare_numerals_after_it() {
    let doc = parse_text(
        "论文\n一、问题的提出\n正文。\n二、分析\n正文。\n结　　论\n综上所述，有五点结论。\n一\n第一点的说明。\n二\n第二点的说明。\n三\n第三点的说明。\n",
    );
    assert_eq!(
        headings(&doc),
        [
            h(0, "一、", "问题的提出"),
            h(0, "二、", "分析"),
            h(0, "", "结　　论"),
            h(1, "一", ""),
            h(1, "二", ""),
            h(1, "三", ""),
        ]
    );
}

#[test]
fn an_introduction_before_numbered_parts_is_their_sibling() {
    let doc = parse_text("报告\n引　　言\n正文。\n一、形势\n正文。\n二、任务\n正文。\n");
    assert_eq!(
        headings(&doc),
        [
            h(0, "", "引　　言"),
            h(0, "一、", "形势"),
            h(0, "二、", "任务")
        ]
    );
}

#[test]
fn verse_and_flattened_tables_are_not_headings() {
    let doc = parse_text(
        "讲话\n同志们：\n一、形势\n正文。\n最后，我用一首诗结束讲话。\n春风又绿江南岸\n明月何时照我还\n不尽长江滚滚来\n无边落木萧萧下\n谢谢大家。\n附表\n地区\n人数\n江苏\n100\n上海\n105\n",
    );
    assert_eq!(headings(&doc), [h(0, "一、", "形势")]);
}

#[test]
fn a_table_of_contents_is_not_headings() {
    let doc = parse_text(
        "政府工作报告\n目　录\n一、过去一年的工作……………1\n二、今年的主要任务……………5\n三、加强政府自身建设……………9\n一、过去一年的工作\n过去一年，我们攻坚克难。\n二、今年的主要任务\n正文。\n三、加强政府自身建设\n正文。\n",
    );
    assert_eq!(
        headings(&doc),
        [
            h(0, "一、", "过去一年的工作"),
            h(0, "二、", "今年的主要任务"),
            h(0, "三、", "加强政府自身建设"),
        ]
    );
    assert_eq!(
        doc.nodes
            .iter()
            .find(|n| n.kind == NodeKind::Heading)
            .map(|n| n.line),
        Some(6)
    );
    let contents = doc
        .blocks
        .iter()
        .filter(|b| b.role == BlockRole::Contents)
        .count();
    assert_eq!(contents, 4);
}

#[test]
fn a_glossary_after_the_text_is_not_headings() {
    let doc = parse_text(
        "政府工作报告\n各位代表：\n一、工作回顾\n正文。\n二、主要任务\n正文。\n名词解释：\n1.“三农”：农业、农村、农民。\n2.“放管服”：简政放权、放管结合、优化服务。\n",
    );
    assert_eq!(
        headings(&doc),
        [h(0, "一、", "工作回顾"), h(0, "二、", "主要任务")]
    );
    assert!(doc.blocks.iter().any(|b| b.role == BlockRole::Backmatter));
}

#[test]
fn an_inline_list_after_a_headings_words_ends_the_heading() {
    let doc = parse_text(
        "方案\n一、工作要求（1）加强组织领导，明确责任分工；（2）强化督促检查，确保按期完成；（3）做好宣传引导。\n二、保障措施\n正文。\n",
    );
    assert_eq!(
        headings(&doc),
        [h(0, "一、", "工作要求"), h(0, "二、", "保障措施")]
    );
    assert_eq!(
        points(&doc),
        [
            "（1）加强组织领导",
            "（2）强化督促检查",
            "（3）做好宣传引导"
        ]
    );
}

#[test]
fn circled_numbers_and_other_point_forms() {
    let doc = parse_text(
        "报告\n一、民生实事\n今年办好十件实事：①新建学校10所；②改造危房500户；③新增就业2万人。\n二、开放\n第一要开放电信；第二要开放金融；第三要开放服务业。\n三、方法\n首先，要统一思想。其次，要抓住重点。再其次，要形成合力。\n",
    );
    assert_eq!(
        points(&doc),
        [
            "①新建学校10所",
            "②改造危房500户",
            "③新增就业2万人",
            "第一要开放电信",
            "第二要开放金融",
            "第三要开放服务业",
            "首先要统一思想",
            "其次要抓住重点",
            "再其次要形成合力",
        ]
    );
}

#[test]
fn footnote_marks_are_not_points() {
    let doc = parse_text("讲话\n一、形势\n他引用了这句话⑴，又讲了一个故事⑵。\n");
    assert!(points(&doc).is_empty());
}

#[test]
fn greeting_forms() {
    let cases = [
        (
            "讲话\n同志们，朋友们：\n今天我们在这里开会。\n",
            "同志们，朋友们：",
        ),
        (
            "讲话\n各位代表：\n现在，我代表市人民政府作报告。\n",
            "各位代表：",
        ),
        (
            "讲话\n各位家长大家好！\n首先欢迎大家。\n",
            "各位家长大家好！",
        ),
        (
            "讲话\n全国同胞们，\n尊敬的各位来宾，\n同志们、朋友们：\n今天，我们隆重集会。\n",
            "全国同胞们，\n尊敬的各位来宾，\n同志们、朋友们：",
        ),
        (
            "批复\n武警总部：\n你部来文收悉。现批复如下：\n",
            "武警总部：",
        ),
        (
            "贺词\n辛勤工作在全球各个岗位的公司全体员工：\n新年好！\n",
            "辛勤工作在全球各个岗位的公司全体员工：",
        ),
        (
            "东海医院全体职工同志们：\n今天，职工代表大会胜利召开了。\n",
            "东海医院全体职工同志们：",
        ),
    ];
    for (text, salutation) in cases {
        let doc = parse_text(text);
        assert_eq!(kinds(&doc, NodeKind::Salutation), [salutation], "{text}");
    }
}

#[test]
fn lines_between_the_title_and_the_salutation() {
    // A source, the printed title again and the sentence that dates the speech.
    let doc = parse_text(
        "2025年政府工作报告\n来源：某某日报\n政府工作报告\n2025年1月14日在市人民代表大会上市长作报告。\n各位代表：\n现在，我代表市人民政府作报告。\n",
    );
    assert_eq!(kinds(&doc, NodeKind::Salutation), ["各位代表："]);
    // An editor's note.
    let doc = parse_text(
        "新年祝词\n【导  读】这一年，公司销售额突破160亿美元，同比增长45%，员工超过七万人，业务遍及全球一百多个国家和地区。\n全体员工：\n新年好！\n",
    );
    assert_eq!(kinds(&doc, NodeKind::Salutation), ["全体员工："]);
    // An announcement is not an address.
    let doc = parse_text("通知\n现将有关事项通知如下：\n一、时间\n正文。\n");
    assert!(kinds(&doc, NodeKind::Salutation).is_empty());
}

#[test]
fn a_title_that_ends_in_yinfa_and_dates_under_titles() {
    let doc = parse_text(
        "国务院关于印发\n《国务院工作规则》的通知\n国发〔2004〕18号\n各省、自治区、直辖市人民政府：\n正文。\n",
    );
    assert_eq!(
        doc.title.as_deref(),
        Some("国务院关于印发《国务院工作规则》的通知")
    );
    let doc = parse_text("家长开放日讲话稿\n2020年10月29日上午\n各位家长大家好！\n正文。\n");
    assert_eq!(doc.title.as_deref(), Some("家长开放日讲话稿"));
}

#[test]
fn footer_forms() {
    let cases = [
        ("讲话\n一、形势\n正文。\n谢谢大家！\n张三\n", "张三"),
        (
            "通知\n一、要求\n正文。\n国务院办公厅 2004年1月12日\n",
            "国务院办公厅 2004年1月12日",
        ),
        (
            "讲话\n一、形势\n正文。\n上海东海医院职工代表大会\n二O一O年十月\n",
            "上海东海医院职工代表大会\n二O一O年十月",
        ),
        (
            "文章\n一、形势\n正文。\n（《邓小平文选》第三卷，人民出版社1993年版）\n",
            "（《邓小平文选》第三卷，人民出版社1993年版）",
        ),
        ("文章\n一、形势\n正文。\n作者：李四\n", "作者：李四"),
    ];
    for (text, footer) in cases {
        let doc = parse_text(text);
        assert_eq!(kinds(&doc, NodeKind::Footer), [footer], "{text}");
    }
    // Thanks on the last line close the speech; they sign nothing.
    let doc = parse_text("讲话\n一、形势\n正文。\n谢谢大家\n");
    assert!(kinds(&doc, NodeKind::Footer).is_empty());
}

#[test]
fn closings_after_items_of_one_paragraph_and_repeated_thanks() {
    let doc = parse_text(
        "通知\n各地区：\n一、关于基数问题。有关地区应按规定执行。\n二、关于价格问题。一律按统购价执行。\n以上规定必须认真执行，不得擅自变通。\n国务院\n1981年5月23日\n",
    );
    assert_eq!(kinds(&doc, NodeKind::Closing), ["以上规定必须认真执行，不"]);
    let doc = parse_text(
        "讲话\n一、形势\n正文。\n二、任务\n正文。\n再次感谢大家，不当之处请批评指正。\n",
    );
    assert_eq!(kinds(&doc, NodeKind::Closing), ["再次感谢大家，不当之处请"]);
    // A section with a second paragraph keeps it: the last paragraph is more of it.
    let doc = parse_text(
        "通知\n一、基数。按规定执行。\n补充说明。\n二、价格。按统购价执行。\n具体办法另行通知。\n",
    );
    assert!(kinds(&doc, NodeKind::Closing).is_empty());
}

#[test]
fn header_fields_of_a_copied_page_come_before_the_title() {
    let doc = parse_text(
        "索 引 号：\n000014349/2018-00221\n发文机关：\n国务院办公厅\n发文字号：国办发〔2018〕123号\n主 题 词：\n国务院办公厅关于推进\n政务新媒体健康有序发展的意见\n国办发〔2018〕123号\n各省、自治区、直辖市人民政府，国务院各部委、各直属机构：\n政务新媒体是移动互联网时代党和政府联系群众、服务群众、凝聚群众的重要渠道，是加快转变政府职能、建设服务型政府的重要手段，是引导网上舆论、构建清朗网络空间的重要阵地。\n一、总体要求\n以习近平新时代中国特色社会主义思想为指导，全面贯彻党的十九大和十九届二中、三中全会精神，持续提升政务新媒体的传播力、引导力、影响力、公信力。\n",
    );
    assert_eq!(
        doc.title.as_deref(),
        Some("国务院办公厅关于推进政务新媒体健康有序发展的意见")
    );
    assert_eq!(
        kinds(&doc, NodeKind::Salutation),
        ["各省、自治区、直辖市人民政府，国务院各部委、各直属机构："]
    );
    assert_eq!(headings(&doc), [h(0, "一、", "总体要求")]);
}

#[test]
fn a_label_above_a_value_is_not_an_addressee() {
    let doc = parse_text("通知\n发文单位：\n某某局\n一、总体要求\n正文。\n");
    assert!(kinds(&doc, NodeKind::Salutation).is_empty());
}

#[test]
fn a_lone_number_needs_the_form_of_a_heading() {
    // 一、二月份 is a range of months; 1. with no 2. after it opens a long sentence.
    let doc = parse_text(
        "经济运行情况\n一、二月份，全市经济运行总体平稳，主要指标好于预期。\n1.全市规模以上工业增加值同比增长百分之六点五，增速比去年同期加快一点二个百分点，比全省平均水平高出零点八个百分点。\n",
    );
    assert!(headings(&doc).is_empty(), "{:?}", headings(&doc));
    // A short line of its own is a heading even alone.
    let doc = parse_text("讲话\n一、认清形势\n正文。\n");
    assert_eq!(headings(&doc), [h(0, "一、", "认清形势")]);
}

#[test]
fn a_copy_that_starts_at_part_two() {
    let doc = parse_text(
        "二、今年的工作安排\n正文。\n（一）稳增长\n正文。\n（二）惠民生\n正文。\n三、加强政府自身建设\n正文。\n",
    );
    assert_eq!(
        headings(&doc),
        [
            h(0, "二、", "今年的工作安排"),
            h(1, "（一）", "稳增长"),
            h(1, "（二）", "惠民生"),
            h(0, "三、", "加强政府自身建设"),
        ]
    );
}

#[test]
fn a_title_over_three_lines() {
    let doc = parse_text(
        "国务院办公厅转发国家教委\n关于内地西藏班（校）扩大规模\n有关问题请示的通知\n国办发〔1996〕32号\n各省人民政府：\n正文。\n",
    );
    assert_eq!(
        doc.title.as_deref(),
        Some("国务院办公厅转发国家教委关于内地西藏班（校）扩大规模有关问题请示的通知")
    );
}

#[test]
fn a_topic_label_at_the_top_is_not_an_addressee() {
    let doc =
        parse_text("工作总结\n基本情况：\n今年以来，我们认真贯彻落实各项部署，取得了明显成效。\n");
    assert!(kinds(&doc, NodeKind::Salutation).is_empty());
}

#[test]
fn an_unnumbered_heading_may_stand_right_above_its_numbered_headings() {
    let doc = parse_text(
        "论文\n一、问题\n正文。\n二、分析\n正文。\n结　　论\n一\n第一点的说明。\n二\n第二点的说明。\n",
    );
    assert_eq!(
        headings(&doc),
        [
            h(0, "一、", "问题"),
            h(0, "二、", "分析"),
            h(0, "", "结　　论"),
            h(1, "一", ""),
            h(1, "二", ""),
        ]
    );
}

#[test]
fn the_usual_endings_of_a_speech_are_its_closing() {
    let cases = [
        (
            "最后，祝大家新春愉快、身体健康！",
            "最后，祝大家新春愉快、身",
        ),
        ("预祝本次大会取得圆满成功！", "预祝本次大会取得圆满成功"),
        ("我就讲这些，谢谢大家！", "我就讲这些，谢谢大家！"),
        (
            "新的一年，让我们携手并进，共创辉煌！",
            "新的一年，让我们携手并进",
        ),
    ];
    for (ending, closing) in cases {
        let text = format!("讲话\n同志们：\n一、形势\n正文。\n二、任务\n正文。\n{ending}\n");
        let doc = parse_text(&text);
        assert_eq!(kinds(&doc, NodeKind::Closing), [closing], "{text}");
    }
    // A wish then thanks: the closing starts at the wish.
    let doc = parse_text("讲话\n一、形势\n正文。\n祝各位代表身体健康、工作顺利！\n谢谢大家！\n");
    assert_eq!(kinds(&doc, NodeKind::Closing), ["祝各位代表身体健康、工作"]);
}

#[test]
fn first_and_finally_alone_frame_a_speech_and_are_not_points() {
    let doc = parse_text(
        "致辞\n各位来宾：\n首先，我代表市委向大家表示祝贺！\n公司十年来发展很快。\n最后，祝公司事业蒸蒸日上！\n",
    );
    assert!(points(&doc).is_empty(), "{:?}", points(&doc));
}

#[test]
fn a_chapter_right_under_the_title_is_a_heading_and_a_word_is_not_a_name() {
    let doc = parse_text(
        "物业管理条例\n第一章　一般规定\n第一条　为了规范物业管理活动，制定本条例。\n第二条　本条例适用于本市。\n第二章　业主大会\n第三条　业主大会由全体业主组成。\n",
    );
    assert_eq!(
        headings(&doc),
        [
            h(0, "第一章", "一般规定"),
            h(1, "第一条", "为了规范物业管理活动，制定本条例"),
            h(1, "第二条", "本条例适用于本市"),
            h(0, "第二章", "业主大会"),
            h(1, "第三条", "业主大会由全体业主组成"),
        ]
    );
    let doc = parse_text(
        "工作总结\n工作回顾\n今年以来，我们扎实推进各项工作。\n存在问题\n一些工作还不到位，需要改进。\n下步打算\n明年我们将继续努力，做好各项工作。\n",
    );
    assert_eq!(
        headings(&doc),
        [
            h(0, "", "工作回顾"),
            h(0, "", "存在问题"),
            h(0, "", "下步打算")
        ]
    );
}

#[test]
fn page_chrome_and_bracketed_attributions_at_the_end() {
    let doc = parse_text(
        "乡村振兴\n一、优先发展\n要把农业农村优先发展落到实处。\n二、产业振兴\n产业兴旺是前提。\n（作者系省农业农村厅厅长）\n【责任编辑：王五】\n来源 | 人民日报\n分享到：\n扫一扫在手机打开当前页\n（完）\n",
    );
    assert_eq!(
        kinds(&doc, NodeKind::Footer),
        ["（作者系省农业农村厅厅长）\n【责任编辑：王五】\n来源 | 人民日报"]
    );
}

#[test]
fn dates_with_what_follows_them_close_a_signature() {
    for date in [
        "2024年3月5日于北京",
        "2024年3月5日（星期二）",
        "2024年3月5日 星期二",
        "2024年元月8日",
        "2024年3月5日印发",
    ] {
        let text = format!("通知\n一、要求\n正文。\n二、时间\n正文。\n某某县人民政府\n{date}\n");
        let doc = parse_text(&text);
        assert_eq!(
            kinds(&doc, NodeKind::Footer),
            [format!("某某县人民政府\n{date}")],
            "{text}"
        );
    }
}

#[test]
fn a_text_of_one_paragraph_a_line_is_not_hard_wrapped() {
    // Items of about one length, each a sentence: not a wrapped text, so the signature
    // is not glued to the last item.
    let doc = parse_text(
        "关于设立经济开发区的批复\n某县人民政府：\n你县请示收悉。经研究，现批复如下：\n一、同意设立经济开发区，规划面积为十平方公里。\n二、开发区要坚持规划引领，严格落实生态环境保护要求。\n三、你县要加强对开发区建设的组织领导，确保规范有序。\n四、市直有关部门要按照各自职责，积极支持开发区建设。\n某市人民政府\n2024年3月5日\n",
    );
    assert_eq!(
        kinds(&doc, NodeKind::Footer),
        ["某市人民政府\n2024年3月5日"]
    );
    assert_eq!(headings(&doc).len(), 4);
}

#[test]
fn what_may_stand_above_a_title() {
    let cases = [
        "国发〔2024〕5号\n国务院关于优化政务服务的指导意见\n各省人民政府：\n正文。\n",
        "某市人民政府文件\n某政发〔2024〕3号\n\n国务院关于优化政务服务的指导意见\n\n各省人民政府：\n正文。\n",
        "当前位置：首页 > 政务公开 > 政策文件\n国务院关于优化政务服务的指导意见\n各省人民政府：\n正文。\n",
        "发布时间：2024-03-05　来源：市政府办公室　浏览次数：1234\n国务院关于优化政务服务的指导意见\n各省人民政府：\n正文。\n",
    ];
    for text in cases {
        let doc = parse_text(text);
        assert_eq!(
            doc.title.as_deref(),
            Some("国务院关于优化政务服务的指导意见"),
            "{text}"
        );
        assert_eq!(
            kinds(&doc, NodeKind::Salutation),
            ["各省人民政府："],
            "{text}"
        );
    }
    // A long 转发 title above its 文号.
    let title = "国务院办公厅转发国家发展改革委、财政部、人力资源社会保障部关于进一步做好新形势下高校毕业生等重点群体就业创业工作若干措施的通知";
    let doc = parse_text(&format!(
        "{title}\n国办发〔2024〕9号\n各省人民政府：\n正文。\n"
    ));
    assert_eq!(doc.title.as_deref(), Some(title));
}

#[test]
fn a_copy_that_starts_mid_sentence_has_no_title() {
    let doc = parse_text(
        "展的新局面，为全面建设国家作出新的更大贡献\n。我们要坚定信心，勇毅前行。\n三、加强组织领导\n正文。\n四、营造良好氛围\n正文。\n",
    );
    assert_eq!(doc.title, None);
    assert_eq!(headings(&doc).len(), 2);
}

#[test]
fn more_greeting_and_addressee_forms() {
    let cases = [
        ("讲话\n同事们：\n今天我们开会。\n", "同事们："),
        ("讲话\n战友们！\n今天我们开会。\n", "战友们！"),
        (
            "讲话\n同志们，今天我们召开全市工作会议。\n一、形势\n正文。\n",
            "同志们，",
        ),
        (
            "报告\n各位代表，现在，我代表市人民政府作报告。\n",
            "各位代表，",
        ),
        (
            "通知\n各相关企业：\n为做好安全生产工作，现通知如下。\n",
            "各相关企业：",
        ),
        (
            "通知\n各市（州）教育局，各高等院校：\n为做好招生工作，现通知如下。\n",
            "各市（州）教育局，各高等院校：",
        ),
        (
            "通知\n中央和国家机关各部委，各人民团体：\n为做好有关工作，现通知如下。\n",
            "中央和国家机关各部委，各人民团体：",
        ),
        (
            "通知\n各县区委，市直各单位党组（党委）：\n为做好有关工作，现通知如下。\n",
            "各县区委，市直各单位党组（党委）：",
        ),
    ];
    for (text, salutation) in cases {
        let doc = parse_text(text);
        assert_eq!(kinds(&doc, NodeKind::Salutation), [salutation], "{text}");
    }
}

#[test]
fn an_address_word_inside_a_sentence_or_a_list_of_attendees_is_no_salutation() {
    for text in [
        "讲话\n下面，我就各位关心的几个问题讲三点意见：\n一、形势\n正文。\n",
        "讲话\n非常感谢你们，给了我这个机会。\n一、形势\n正文。\n",
        "会议纪要\n参加单位：\n县发改局、县财政局、县自然资源局、县住建局、县交通运输局、县农业农村局。\n",
    ] {
        let doc = parse_text(text);
        assert!(kinds(&doc, NodeKind::Salutation).is_empty(), "{text}");
    }
}

#[test]
fn more_heading_forms_of_real_documents() {
    // Parts of a 规划纲要, and a time in a run-in heading.
    let doc = parse_text(
        "规划纲要\n第一篇　发展基础\n“十三五”时期成就显著。\n第二篇　发展环境\n当前仍处于重要战略机遇期。\n",
    );
    assert_eq!(
        headings(&doc),
        [h(0, "第一篇", "发展基础"), h(0, "第二篇", "发展环境")]
    );
    let doc = parse_text("通知\n一、会议时间\n（一）上午8:30至12:00\n（二）下午14:00至17:30\n");
    assert_eq!(
        headings(&doc)[1..],
        [
            h(1, "（一）", "上午8:30至12:00"),
            h(1, "（二）", "下午14:00至17:30")
        ]
    );
}

#[test]
fn decimal_codes_of_standards_and_what_is_not_decimal_numbering() {
    let doc = parse_text(
        "技术规程\n1 总则\n1.0.1 为规范管理，制定本规程。\n1.0.2 本规程适用于城镇供水管网。\n2 术语\n2.0.1 供水管网\n3.2.1 巡查周期应符合下列规定：\n1 主干管每周不应少于1次；\n2 配水管每月不应少于1次。\n",
    );
    let found = headings(&doc);
    assert!(
        found.contains(&h(1, "1.0.1", "为规范管理，制定本规程")),
        "{found:?}"
    );
    assert!(found.contains(&h(0, "2", "术语")), "{found:?}");
    assert!(
        !found
            .iter()
            .any(|(_, _, label)| label.starts_with("主干管")),
        "{found:?}"
    );
    // Outside a document numbered in decimals, a digit and a space is a number.
    let doc = parse_text(
        "工作总结\n一、主要成效\n3 月 15 日，全县召开优化营商环境大会。\n4 月 20 日，县政府与集团签订协议。\n二、存在问题\n正文。\n",
    );
    assert_eq!(
        headings(&doc),
        [h(0, "一、", "主要成效"), h(0, "二、", "存在问题")]
    );
}

#[test]
fn headings_of_a_copy_that_starts_mid_way_and_unnumbered_ones_inside_a_part() {
    let doc = parse_text(
        "（三）强化监督检查。各地要加强日常监督。\n要建立健全长效机制。\n四、保障措施\n（一）加强组织领导。各级要高度重视。\n（二）强化宣传引导。要营造良好氛围。\n",
    );
    assert_eq!(
        headings(&doc),
        [
            h(0, "（三）", "强化监督检查"),
            h(0, "四、", "保障措施"),
            h(1, "（一）", "加强组织领导"),
            h(1, "（二）", "强化宣传引导"),
        ]
    );
    let doc = parse_text(
        "讲话\n一、过去一年的成绩\n过去一年，我们攻坚克难。\n经济运行稳中向好\n全市生产总值增长百分之六。\n改革开放持续深化\n重点领域改革取得突破。\n民生福祉不断增进\n城乡居民收入稳步增长。\n二、今年的工作\n正文。\n",
    );
    assert_eq!(
        headings(&doc),
        [
            h(0, "一、", "过去一年的成绩"),
            h(1, "", "经济运行稳中向好"),
            h(1, "", "改革开放持续深化"),
            h(1, "", "民生福祉不断增进"),
            h(0, "二、", "今年的工作"),
        ]
    );
}

#[test]
fn numerals_in_a_flattened_table_are_cells() {
    let doc = parse_text(
        "预算报告\n一、执行情况\n收入完成情况如下表。\n序号\n项目\n金额\n一\n税收收入\n52000\n二\n非税收入\n18000\n二、预算安排\n正文。\n",
    );
    assert_eq!(
        headings(&doc),
        [h(0, "一、", "执行情况"), h(0, "二、", "预算安排")]
    );
}

#[test]
fn notes_printed_without_a_heading_after_the_text() {
    let doc = parse_text(
        "学习体会\n一、内涵\n中国式现代化是人口规模巨大的现代化。①\n二、要求\n坚持中国共产党领导。②\n①习近平：《高举中国特色社会主义伟大旗帜》，人民出版社2022年版，第22页。\n②《习近平谈治国理政》第四卷，外文出版社2022年版，第10页。\n",
    );
    assert_eq!(headings(&doc), [h(0, "一、", "内涵"), h(0, "二、", "要求")]);
    assert_eq!(
        doc.blocks
            .iter()
            .filter(|b| b.role == BlockRole::Backmatter)
            .count(),
        2
    );
}

#[test]
fn an_attachments_title_stops_where_a_title_ends() {
    let doc = parse_text(
        "通知\n各单位：\n正文。\n某某办公室\n2024年1月5日\n附件\n重点任务分工表\n序号\n任务\n牵头单位\n1\n优化营商环境\n市发改委\n",
    );
    assert_eq!(kinds(&doc, NodeKind::Attachment), ["重点任务分工表"]);
}

#[test]
fn page_numbers_and_public_notes_do_not_hide_the_footer() {
    for tail in [
        "— 4 —",
        "- 4 -",
        "第4页",
        "（信息公开形式：主动公开）",
        "（本件主动公开）",
    ] {
        let text = format!(
            "关于做好工作的通知\n各有关单位：\n现将有关事项通知如下：\n一、总体要求\n要提高认识，这很重要。\n二、工作任务\n要抓好落实，这很重要。\nXX市人民政府办公室\n2024年3月5日\n{tail}\n"
        );
        let doc = parse_text(&text);
        let footer = kinds(&doc, NodeKind::Footer);
        assert!(
            footer
                .first()
                .is_some_and(|f| f.starts_with("XX市人民政府办公室\n2024年3月5日")),
            "{text}: {footer:?}"
        );
        assert_eq!(
            kinds(&doc, NodeKind::Salutation),
            ["各有关单位："],
            "{text}"
        );
    }
}

#[test]
fn formal_closings_joint_signatures_and_reporters() {
    let doc = parse_text(
        "关于做好工作的通知\n各有关单位：\n一、总体要求\n要提高认识。\n二、工作任务\n要抓好落实。\n特此通知。\nXX市人民政府办公室\n2024年3月5日\n",
    );
    assert_eq!(kinds(&doc, NodeKind::Closing), ["特此通知。"]);
    let doc = parse_text(
        "致全市教师的慰问信\n全市广大教师：\n值此教师节到来之际，向你们致以节日的问候！\n祝全市教师节日快乐！\n中共XX市委\nXX市人民政府\n2024年9月10日\n",
    );
    assert_eq!(
        kinds(&doc, NodeKind::Footer),
        ["中共XX市委\nXX市人民政府\n2024年9月10日"]
    );
    assert_eq!(kinds(&doc, NodeKind::Closing), ["祝全市教师节日快乐！"]);
    let doc = parse_text(
        "坚持以人民为中心\n一、意义\n要深刻认识。\n二、要求\n要抓好落实。\n（记者 张三）\n【责任编辑：王五】\n",
    );
    assert_eq!(
        kinds(&doc, NodeKind::Footer),
        ["（记者 张三）\n【责任编辑：王五】"]
    );
}

#[test]
fn addresses_that_hold_attribution_words_and_more_organs() {
    for (text, salutation) in [
        (
            "致全市广大科技工作者的慰问信\n全市广大科技工作者：\n值此节日到来之际，向你们致以问候！\n",
            "全市广大科技工作者：",
        ),
        (
            "关于合作的函\nXX大学：\n为深化合作，现将有关事项函告如下。\n",
            "XX大学：",
        ),
    ] {
        let doc = parse_text(text);
        assert_eq!(kinds(&doc, NodeKind::Salutation), [salutation], "{text}");
    }
}

#[test]
fn a_copy_with_a_blank_line_after_every_line() {
    let doc = parse_text(
        "XX市人民政府办公室关于做好\n\n有关工作的通知\n\n各有关单位：\n\n现将有关事项通知如下。\n\n一、总体要求\n\n要提高认识。\n\n二、工作任务\n\n要抓好落实。\n",
    );
    assert_eq!(
        doc.title.as_deref(),
        Some("XX市人民政府办公室关于做好有关工作的通知")
    );
    assert_eq!(kinds(&doc, NodeKind::Salutation), ["各有关单位："]);
}

#[test]
fn a_list_of_names_of_one_length_is_not_hard_wrapped_text() {
    let names = (1..=10)
        .map(|n| format!("XX区应急管理局安全生产监督管理第{n}科室"))
        .collect::<Vec<_>>()
        .join("\n")
        + "\n";
    let doc = parse_text(&format!(
        "关于表彰先进单位的通报\n各区人民政府，市政府各部门：\n2023年，全市各级各部门认真贯彻落实决策部署，涌现出一批先进典型。\n一、先进单位\n{names}二、先进个人\n张三　XX区应急管理局\n特此通报。\nXX市人民政府\n2024年2月1日\n"
    ));
    assert_eq!(doc.title.as_deref(), Some("关于表彰先进单位的通报"));
    assert_eq!(
        headings(&doc),
        [h(0, "一、", "先进单位"), h(0, "二、", "先进个人")]
    );
}

#[test]
fn a_range_of_numbers_at_a_line_start_is_no_heading_and_a_table_row_is_none() {
    let doc = parse_text(
        "报告\n一、经济运行\n全市经济运行平稳，\n一、二季度分别增长5%和6%。\n二、产业发展\n正文。\n",
    );
    assert_eq!(
        headings(&doc),
        [h(0, "一、", "经济运行"), h(0, "二、", "产业发展")]
    );
    let doc = parse_text(
        "预算报告\n一、执行情况\n收入完成情况如下表，单位万元。\n税收收入 52000\n非税收入 18000\n合计 70000\n二、预算安排\n正文。\n",
    );
    assert_eq!(
        headings(&doc),
        [h(0, "一、", "执行情况"), h(0, "二、", "预算安排")]
    );
}

#[test]
fn a_point_marker_broken_by_a_hard_wrap_is_still_a_marker() {
    // A PDF's copy: each paragraph cut into lines of 30 characters, wherever they fall.
    let wrap = |paragraph: &str| -> String {
        let chars: Vec<char> = paragraph.chars().collect();
        chars
            .chunks(30)
            .map(|piece| piece.iter().collect::<String>())
            .collect::<Vec<_>>()
            .join("\n")
    };
    // The line breaks between 二 and 是.
    let body = "我们要清醒认识当前面临的形势和任务，做好以下工作：一是创建要求越来越高，各项标准更严，要求更细，落实到位，考核要从严；二是创建难度越来越大，各方面的压力更多，任务更重；三是创建竞争越来越激烈，各地你追我赶，不进则退，必须付出艰苦努力才能取得成效。";
    let doc = parse_text(&format!(
        "讲话\n一、形势\n{}\n二、任务\n{}\n",
        wrap(body),
        wrap(body)
    ));
    let found = points(&doc);
    assert_eq!(
        found
            .iter()
            .filter(|p| p.starts_with("二是创建难度"))
            .count(),
        2,
        "{found:?}"
    );
    // Spaces without a line break do not join a numeral to 是.
    let doc = parse_text("讲话\n一、形势\n一是甲，二 是乙，三是丙。\n");
    assert!(!points(&doc).iter().any(|p| p.starts_with('二')));
}

#[test]
fn an_inline_list_continued_on_the_next_lines_is_points_not_headings() {
    let doc = parse_text(
        "讲话\n一、准确把握形势\n过去一年，经济运行稳中有进，主要有以下三个特点：（1）工业经济稳步回升，增长7.5%；\n（2）项目建设成效明显，投资增长12%；\n（3）民生保障持续加强，支出占80%。\n二、做好今年工作\n正文。\n",
    );
    assert_eq!(
        headings(&doc),
        [h(0, "一、", "准确把握形势"), h(0, "二、", "做好今年工作")]
    );
    assert_eq!(
        points(&doc),
        [
            "（1）工业经济稳步回升",
            "（2）项目建设成效明显",
            "（3）民生保障持续加强"
        ]
    );
}

#[test]
fn a_main_addressee_list_wrapped_over_two_lines() {
    let doc = parse_text(
        "关于做好工作的通知\n国办发〔1996〕32号\n北京、天津、上海、河北、辽宁、江苏、浙江、福建、山东、河南、湖南、湖\n北、广东、四川、西藏、陕西省（自治区、直辖市）人民政府：\n现将有关事项通知如下，请认真贯彻执行。\n",
    );
    assert_eq!(
        kinds(&doc, NodeKind::Salutation),
        [
            "北京、天津、上海、河北、辽宁、江苏、浙江、福建、山东、河南、湖南、湖\n北、广东、四川、西藏、陕西省（自治区、直辖市）人民政府："
        ]
    );
}
