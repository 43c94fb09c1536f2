//! .docx files built here, small, each for one thing the reader must get right.

use std::io::Write;

use zip::ZipWriter;
use zip::write::SimpleFileOptions;

use crate::source::{DocFormat, LoadError, LoadOptions, decode_bytes};

const NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-microsoft-com:vml""#;

/// A zip of these parts.
pub fn zip_of(parts: &[(&str, &str)]) -> Vec<u8> {
    let mut zip = ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, text) in parts {
        zip.start_file(*name, SimpleFileOptions::default())
            .expect("entry");
        zip.write_all(text.as_bytes()).expect("written");
    }
    zip.finish().expect("finished").into_inner()
}

/// A .docx whose body is `body`, with a numbering and a styles part when given.
pub fn docx(body: &str, numbering: Option<&str>, styles: Option<&str>) -> Vec<u8> {
    let document =
        format!(r#"<?xml version="1.0"?><w:document {NS}><w:body>{body}</w:body></w:document>"#);
    let numbering = numbering.map(|levels| format!(r"<w:numbering {NS}>{levels}</w:numbering>"));
    let styles = styles.map(|styles| format!(r"<w:styles {NS}>{styles}</w:styles>"));
    let mut parts = vec![("word/document.xml", document.as_str())];
    if let Some(numbering) = &numbering {
        parts.push(("word/numbering.xml", numbering));
    }
    if let Some(styles) = &styles {
        parts.push(("word/styles.xml", styles));
    }
    zip_of(&parts)
}

fn text_of(bytes: Vec<u8>) -> String {
    let decoded = decode_bytes(bytes, LoadOptions::default()).expect("read");
    assert_eq!(decoded.encoding, DocFormat::Docx.name());
    decoded.text
}

fn p(text: &str) -> String {
    format!("<w:p><w:r><w:t>{text}</w:t></w:r></w:p>")
}

fn numbered(num: u32, level: u32, text: &str) -> String {
    format!(
        r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num}"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
    )
}

/// Three levels as 公文 number them: 一、 （一） 1.
const GONGWEN_LEVELS: &str = r#"<w:abstractNum w:abstractNumId="0">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>"#;

#[test]
fn automatic_numbers_are_written_into_the_text() {
    let body = [
        numbered(1, 0, "总体要求"),
        numbered(1, 1, "指导思想"),
        numbered(1, 2, "坚持稳中求进"),
        numbered(1, 2, "坚持守正创新"),
        numbered(1, 1, "工作目标"),
        numbered(1, 0, "重点任务"),
        // Deeper levels start again under a new 二、.
        numbered(1, 1, "抓好项目"),
        numbered(1, 2, "谋划一批"),
    ]
    .concat();
    let text = text_of(docx(&body, Some(GONGWEN_LEVELS), None));
    assert_eq!(
        text,
        "一、总体要求\n\n（一）指导思想\n\n1.坚持稳中求进\n\n2.坚持守正创新\n\n（二）工作目标\n\n二、重点任务\n\n（一）抓好项目\n\n1.谋划一批\n"
    );
}

#[test]
fn a_style_carries_its_number_through_its_chain() {
    // Heading 1 is based on a style that names the list; the level comes from the
    // level's pStyle.
    let numbering = r#"<w:abstractNum w:abstractNumId="7">
      <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
      <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimalEnclosedCircle"/><w:lvlText w:val="%2"/><w:pStyle w:val="Sub"/></w:lvl>
    </w:abstractNum>
    <w:num w:numId="3"><w:abstractNumId w:val="7"/></w:num>"#;
    let styles = r#"<w:style w:styleId="Base"><w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style>
      <w:style w:styleId="Heading1"><w:basedOn w:val="Base"/></w:style>
      <w:style w:styleId="Sub"><w:basedOn w:val="Base"/></w:style>
      <w:style w:styleId="Loop1"><w:basedOn w:val="Loop2"/></w:style>
      <w:style w:styleId="Loop2"><w:basedOn w:val="Loop1"/></w:style>"#;
    let paragraph_in = |style: &str, text: &str| {
        format!(
            r#"<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
        )
    };
    let body = [
        paragraph_in("Heading1", "形势"),
        paragraph_in("Sub", "要求高"),
        paragraph_in("Sub", "难度大"),
        paragraph_in("Heading1", "任务"),
        paragraph_in("Loop1", "正文"),
    ]
    .concat();
    let text = text_of(docx(&body, Some(numbering), Some(styles)));
    assert_eq!(text, "一、形势\n\n①要求高\n\n②难度大\n\n二、任务\n\n正文\n");
}

#[test]
fn a_start_override_restarts_a_list_and_number_zero_takes_it_away() {
    let numbering = format!(
        r#"{GONGWEN_LEVELS}<w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>"#
    );
    let body = [
        numbered(1, 0, "甲"),
        numbered(1, 0, "乙"),
        numbered(2, 0, "丙"),
        numbered(0, 0, "丁"),
        numbered(9, 0, "戊"),
    ]
    .concat();
    let text = text_of(docx(&body, Some(&numbering), None));
    assert_eq!(text, "一、甲\n\n二、乙\n\n一、丙\n\n丁\n\n戊\n");
}

#[test]
fn tables_are_lines_with_their_cells_parted() {
    let cell = |text: &str| format!("<w:tc><w:tcPr/>{}</w:tc>", p(text));
    let body = format!(
        "{}<w:tbl><w:tblPr/><w:tr>{}{}</w:tr><w:tr>{}<w:tc>{}{}</w:tc></w:tr></w:tbl>{}",
        p("表一"),
        cell("事项"),
        cell("部门"),
        cell("汇总"),
        p("办公室"),
        p("综合处"),
        p("完")
    );
    assert_eq!(
        text_of(docx(&body, None, None)),
        "表一\n\n事项 | 部门\n\n汇总 | 办公室 综合处\n\n完\n"
    );
}

#[test]
fn a_text_box_is_read_once() {
    let text_box = format!(
        r#"<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>{}</w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>{}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>正文</w:t></w:r></w:p>"#,
        p("框内文字"),
        p("框内文字")
    );
    assert_eq!(text_of(docx(&text_box, None, None)), "框内文字\n\n正文\n");
}

#[test]
fn revisions_are_accepted_and_fields_comments_and_hidden_text_left_out() {
    let body = concat!(
        // A table of contents: a field over several paragraphs.
        r#"<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> TOC \o "1-3" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>一、总体要求 ……… 1</w:t></w:r></w:p>"#,
        r#"<w:p><w:r><w:t>二、重点任务 ……… 2</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>"#,
        r#"<w:p><w:commentRangeStart w:id="0"/><w:r><w:t>会议</w:t></w:r><w:del w:id="1"><w:r><w:delText>删去的</w:delText></w:r></w:del><w:ins w:id="2"><w:r><w:t>要求</w:t></w:r></w:ins><w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r></w:p>"#,
        // A field whose result is text (a date) stays; a page number does not.
        r#"<w:p><w:fldSimple w:instr=" DATE "><w:r><w:t>2024年</w:t></w:r></w:fldSimple><w:fldSimple w:instr=" PAGE "><w:r><w:t>7</w:t></w:r></w:fldSimple></w:p>"#,
        r#"<w:sectPr><w:headerReference w:type="default" w:id="rId1"/></w:sectPr>"#,
    );
    assert_eq!(text_of(docx(body, None, None)), "会议要求\n\n2024年\n");
}

#[test]
fn notes_come_after_the_text_under_a_heading_of_their_own() {
    let body = r#"<w:p><w:r><w:t>正文</w:t></w:r><w:r><w:footnoteReference w:id="2"/></w:r><w:r><w:t>。</w:t></w:r></w:p>"#;
    let document = format!(r"<w:document {NS}><w:body>{body}</w:body></w:document>");
    let footnotes = format!(
        r#"<w:footnotes {NS}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:id="2"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t>见某文件。</w:t></w:r></w:p></w:footnote></w:footnotes>"#
    );
    let bytes = zip_of(&[
        ("word/document.xml", &document),
        ("word/footnotes.xml", &footnotes),
    ]);
    assert_eq!(text_of(bytes), "正文[1]。\n\n注释\n\n[1] 见某文件。\n");
}

#[test]
fn any_namespace_prefix_reads_the_same() {
    let document = r#"<ns0:document xmlns:ns0="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><ns0:body><ns0:p><ns0:r><ns0:t>同志们：</ns0:t></ns0:r></ns0:p></ns0:body></ns0:document>"#;
    assert_eq!(
        text_of(zip_of(&[("word/document.xml", document)])),
        "同志们：\n"
    );
}

#[test]
fn damaged_and_crafted_files_are_refused_in_one_error() {
    let whole = docx(&p("正文"), None, None);
    let cut = whole.get(..whole.len() / 2).expect("half").to_vec();
    assert!(matches!(
        decode_bytes(cut, LoadOptions::default()),
        Err(LoadError::Damaged { .. })
    ));
    // Entity expansion needs a DTD, which is refused.
    let laughs = r#"<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "哈哈哈哈哈哈哈哈"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>"#;
    assert!(matches!(
        decode_bytes(
            zip_of(&[("word/document.xml", laughs)]),
            LoadOptions::default()
        ),
        Err(LoadError::Damaged { .. })
    ));
    // Nesting far deeper than any document: read as far as it goes, without a crash.
    let deep = format!(
        r"<w:document {NS}><w:body><w:p>{}<w:r><w:t>深</w:t></w:r>{}</w:p>{}</w:body></w:document>",
        "<w:hyperlink>".repeat(100_000),
        "</w:hyperlink>".repeat(100_000),
        p("浅")
    );
    assert_eq!(text_of(zip_of(&[("word/document.xml", &deep)])), "浅\n");
}

#[test]
fn a_zip_bomb_stops_at_the_cap() {
    // 100 MiB of spaces inside a paragraph compress to about 100 KiB.
    let mut zip = ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let deflated =
        SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("word/document.xml", deflated)
        .expect("entry");
    zip.write_all(format!("<w:document {NS}><w:body><w:p><w:r><w:t>").as_bytes())
        .expect("written");
    let spaces = vec![b' '; 1024 * 1024];
    for _ in 0..100 {
        zip.write_all(&spaces).expect("written");
    }
    zip.write_all(b"</w:t></w:r></w:p></w:body></w:document>")
        .expect("written");
    let bytes = zip.finish().expect("finished").into_inner();
    assert!(bytes.len() < 1024 * 1024, "{}", bytes.len());
    assert!(matches!(
        decode_bytes(bytes, LoadOptions::default()),
        Err(LoadError::Unpacks {
            format: DocFormat::Docx,
            ..
        })
    ));
}

#[test]
fn old_word_files_are_named_and_other_zips_are_binary() {
    let mut doc = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    doc.extend_from_slice(&[0; 512]);
    assert!(matches!(
        decode_bytes(doc, LoadOptions::default()),
        Err(LoadError::CompoundFile)
    ));
    let spreadsheet = zip_of(&[("xl/workbook.xml", "<workbook/>")]);
    assert!(matches!(
        decode_bytes(spreadsheet, LoadOptions::default()),
        Err(LoadError::Binary)
    ));
}
