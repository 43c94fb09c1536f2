//! Pages built here, each shaped like a kind of site a briefing is published on.

use crate::document::Document;
use crate::source::{DocFormat, LoadOptions, decode_bytes, document_from_bytes};

fn text_of(page: &[u8]) -> String {
    let decoded = decode_bytes(page.to_vec(), LoadOptions::default()).expect("read");
    assert_eq!(decoded.encoding, DocFormat::Html.name());
    decoded.text
}

/// (kind, depth, marker, label) of each node.
fn outline(doc: &Document) -> Vec<(&'static str, usize, Option<String>, String)> {
    doc.nodes
        .iter()
        .map(|node| {
            (
                node.kind.name(),
                node.depth,
                node.marker.clone(),
                node.label.clone(),
            )
        })
        .collect()
}

const PLAIN: &str = "国务院办公厅关于推进政务新媒体健康有序发展的意见

国办发〔2018〕123号

各省、自治区、直辖市人民政府，国务院各部委、各直属机构：

为推进政务新媒体健康有序发展，经国务院同意，现提出以下意见。

一、总体要求

（一）指导思想。以习近平新时代中国特色社会主义思想为指导，全面贯彻党的十九大精神。

（二）工作目标。到2022年，建成以领先的新媒体平台为支撑的政务新媒体体系。

二、主要任务

（一）明确工作职责。推进政务新媒体健康有序发展。

（二）加强内容建设。政务新媒体发布的信息应当权威、准确。

国务院办公厅

2018年12月7日
";

/// The same document as a gov.cn page serves it: the site's header and menus, the
/// metadata table, the title split over two centred lines, indented paragraphs, a
/// share bar and the site's footer.
fn govcn_page() -> String {
    let body: String = PLAIN
        .lines()
        .skip(4)
        .filter(|line| !line.is_empty())
        .flat_map(|line| {
            [
                "<p style=\"text-indent: 2em; font-family: 宋体;\">\u{3000}\u{3000}",
                line,
                "</p>\n",
            ]
        })
        .collect();
    format!(
        r#"<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>国务院办公厅关于推进政务新媒体健康有序发展的意见_政府信息公开专栏</title>
<script>var share = "分享到微信";</script><style>p {{ margin: 0 }}</style></head>
<body>
<div class="header"><a href="/">首页</a> | <a href="/zhengce/">政策</a> | <a href="/sitemap">网站地图</a></div>
<nav><ul><li><a href="/a">国务院</a></li><li><a href="/b">总理</a></li></ul></nav>
<table class="bd1"><tr><td><b>索 引 号：</b></td><td>000014349/2018-00221</td></tr>
<tr><td><b>发文字号：</b></td><td>国办发〔2018〕123号</td></tr></table>
<table><tr><td id="UCAP-CONTENT">
<p style="text-align: center;"><span style="font-weight: bold;">国务院办公厅关于推进</span></p>
<p style="text-align: center;"><span style="font-weight: bold;">政务新媒体健康有序发展的意见</span></p>
<p style="text-align: center;">国办发〔2018〕123号</p>
<p style="text-indent: 2em;"><br> </p>
<p>各省、自治区、直辖市人民政府，
国务院各部委、各直属机构：</p>
{body}</td></tr></table>
<div class="share">分享到：<a href="javascript:share('weixin')">微信</a><a>微博</a></div>
<div class="related"><a href="/1">相关链接</a></div>
<footer>版权所有：中国政府网 | 京ICP备05070218号 | <a href="/map">网站地图</a></footer>
</body></html>"#
    )
}

#[test]
fn a_govcn_page_gives_the_outline_of_the_same_document_as_text() {
    let page = govcn_page();
    let text = text_of(page.as_bytes());
    for chrome in [
        "首页",
        "网站地图",
        "版权所有",
        "ICP",
        "分享",
        "相关链接",
        "索 引 号",
        "\u{3000}",
    ] {
        assert!(!text.contains(chrome), "{chrome} in {text}");
    }
    assert!(
        text.starts_with(
            "国务院办公厅关于推进政务新媒体健康有序发展的意见\n\n国办发〔2018〕123号\n"
        ),
        "{text}"
    );
    let from_page = document_from_bytes(page.into_bytes(), LoadOptions::default()).expect("page");
    let from_text =
        document_from_bytes(PLAIN.as_bytes().to_vec(), LoadOptions::default()).expect("text");
    assert_eq!(from_page.title, from_text.title);
    assert!(
        outline(&from_text)
            .iter()
            .any(|(kind, ..)| *kind == "heading")
    );
    assert_eq!(outline(&from_page), outline(&from_text));
}

#[test]
fn a_trs_page_gives_its_editor_box_and_its_title_from_the_meta_tag() {
    let page = r#"<html><head><meta name="ArticleTitle" content="全省工作会议召开">
<title>全省工作会议召开 - 某省人民政府门户网站</title></head><body>
<h1><a href="/"><span class="hide">某省人民政府网站</span></a></h1>
<div class="menu"><a href="/1">要闻</a><a href="/2">政务公开</a></div>
<div class="article-body"><div class="TRS_Editor"><p>　　会议指出，要抓好落实。</p><p>&nbsp;&nbsp;会议强调，要守住底线。</p>
<table><tbody><tr><td>地区</td><td>增速<table><tr><td>内表</td></tr></table></td></tr></tbody></table></div></div>
<div class="footer">主办：某省人民政府办公厅 版权所有 网站标识码 1400000001</div></body></html>"#;
    assert_eq!(
        text_of(page.as_bytes()),
        "全省工作会议召开\n\n会议指出，要抓好落实。\n\n会议强调，要守住底线。\n\n地区 | 增速 内表\n"
    );
}

#[test]
fn a_page_without_a_known_container_is_read_for_its_article() {
    let paragraph = "会议要求，各地各部门要提高政治站位，切实把思想和行动统一到决策部署上来，确保各项任务落地见效。";
    let article = format!("<p>{paragraph}</p>\n").repeat(8);
    let page = format!(
        r#"<!DOCTYPE html><html><head><title>某市召开全市工作会议_新闻频道_某某网</title></head><body>
<div id="nav"><a href="/">首页</a> <a href="/news">新闻</a> <a href="/video">视频</a></div>
<div id="main"><h1>某市召开全市工作会议</h1><div class="content">{article}</div></div>
<div id="sidebar"><ul><li><a href="/x">热门文章一</a></li><li><a href="/y">热门文章二</a></li></ul></div>
<div id="footer">Copyright 某某网 版权所有 网站地图</div></body></html>"#
    );
    let text = text_of(page.as_bytes());
    assert!(text.starts_with("某市召开全市工作会议\n\n"), "{text}");
    assert_eq!(text.matches(paragraph).count(), 8, "{text}");
    for chrome in ["首页", "热门文章", "版权所有", "网站地图"] {
        assert!(!text.contains(chrome), "{chrome} in {text}");
    }
}

#[test]
fn the_declared_charset_is_honoured() {
    let page = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"></head><body><div id=\"zoom\"><p>一、总体要求</p><p>同志们：</p></div></body></html>";
    let (gbk, _, _) = encoding_rs::GBK.encode(page);
    assert_eq!(text_of(&gbk), "一、总体要求\n\n同志们：\n");
}

#[test]
fn a_page_nested_deeper_than_any_real_one_is_refused_at_once() {
    let page = format!(
        "<html><body>{}<p>深</p>{}<p>浅</p></body></html>",
        "<div>".repeat(100_000),
        "</div>".repeat(100_000)
    );
    let start = std::time::Instant::now();
    assert!(matches!(
        decode_bytes(page.into_bytes(), LoadOptions::default()),
        Err(crate::source::LoadError::Damaged {
            format: DocFormat::Html,
            ..
        })
    ));
    assert!(start.elapsed() < std::time::Duration::from_secs(5));
    // Untidy nesting of a real page: paragraphs and list items left open, void tags.
    let untidy = format!(
        "<html><body><div id=\"zoom\">{}</div></body></html>",
        "<p>一段<br><img src=x><li>一项<td>格<span/>".repeat(5000)
    );
    assert!(text_of(untidy.as_bytes()).contains("一段"));
}
