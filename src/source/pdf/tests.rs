//! Lines joined into paragraphs, on lines laid out here, and PDFs written here.

use std::fmt::Write;

use super::{Line, is_page_number, paragraphs};
use crate::source::{DocFormat, LoadError, LoadOptions, decode_bytes};

/// A line of 12-point text from `x` to `end`, `row` lines down the page.
fn line(text: &str, x: f64, end: f64, row: u32) -> Line {
    Line {
        text: text.to_owned(),
        x,
        end,
        y: 72.0 + f64::from(row) * 28.0,
        size: 12.0,
        gaps: text.matches("  ").count(),
    }
}

#[test]
fn visual_lines_are_joined_into_paragraphs_across_pages() {
    let first_page = vec![
        // Centred title: short, ends its paragraph.
        line("关于做好工作的通知", 200.0, 420.0, 0),
        // An indented first line running to the margin, a full line, a short last one.
        line("为进一步做好工作，现将有关", 96.0, 520.0, 2),
        line("事项通知如下，请认真贯彻", 72.0, 520.0, 3),
        line("落实。", 72.0, 110.0, 4),
        line("一、总体要求", 96.0, 200.0, 5),
        line("要坚持稳中求进工作总基调，", 96.0, 520.0, 6),
    ];
    // The sentence goes on at the top of the next page.
    let second_page = vec![
        line("完整准确全面贯彻新发展理念。", 72.0, 400.0, 0),
        line("二、重点任务", 96.0, 200.0, 1),
        // A full entry of a table of contents, and the next one under it.
        line("三、财政拨款收入支出决算总体情况说明", 72.0, 520.0, 2),
        line("四、预算绩效管理情况", 72.0, 300.0, 3),
        // Rows of a table reach the margin and stay rows.
        line("2101101  行政单位医疗  2.22", 72.0, 520.0, 4),
        line("2101102  事业单位医疗  0.49", 72.0, 520.0, 5),
    ];
    assert_eq!(
        paragraphs(&[first_page, second_page]),
        [
            "关于做好工作的通知",
            "为进一步做好工作，现将有关事项通知如下，请认真贯彻落实。",
            "一、总体要求",
            "要坚持稳中求进工作总基调，完整准确全面贯彻新发展理念。",
            "二、重点任务",
            "三、财政拨款收入支出决算总体情况说明",
            "四、预算绩效管理情况",
            "2101101  行政单位医疗  2.22",
            "2101102  事业单位医疗  0.49",
        ]
    );
}

#[test]
fn page_numbers_are_told_from_text() {
    for number in [
        "— 1 —",
        "-2-",
        "3",
        "第4页",
        "第 4 页 共 24 页",
        "4/24",
        "－ 12 －",
    ] {
        assert!(is_page_number(number), "{number}");
    }
    for text in ["2024年", "一、总体要求", "第一条", "第4页的表格", "1.5"] {
        assert!(!is_page_number(text), "{text}");
    }
}

/// A PDF of one page per entry of `pages`, each line of text set in Helvetica at the
/// given position (x, y from the bottom), with a correct cross-reference table.
fn pdf_of(pages: &[&[(f64, f64, &str)]]) -> Vec<u8> {
    let mut objects: Vec<String> = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        String::new(),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
            .to_owned(),
    ];
    let mut kids = Vec::new();
    for lines in pages {
        let mut content = String::new();
        for (x, y, text) in *lines {
            writeln!(content, "BT /F1 12 Tf {x} {y} Td ({text}) Tj ET").expect("written");
        }
        objects.push(format!(
            "<< /Length {} >>\nstream\n{content}endstream",
            content.len()
        ));
        let content_id = objects.len();
        objects.push(format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents {content_id} 0 R >>"
        ));
        kids.push(format!("{} 0 R", objects.len()));
    }
    if let Some(pages_object) = objects.get_mut(1) {
        *pages_object = format!(
            "<< /Type /Pages /Kids [{}] /Count {} >>",
            kids.join(" "),
            kids.len()
        );
    }
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (index, object) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n{object}\nendobj\n", index + 1).as_bytes());
    }
    let xref = pdf.len();
    pdf.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for offset in offsets {
        pdf.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    pdf
}

#[test]
fn a_pdf_gives_its_sentences_whole_and_no_page_numbers() {
    let pdf = pdf_of(&[
        &[
            (72.0, 700.0, "The meeting asked every department to carry"),
            (72.0, 686.0, "the plan through."),
            (300.0, 60.0, "- 1 -"),
        ],
        &[(72.0, 700.0, "Second paragraph."), (300.0, 60.0, "- 2 -")],
    ]);
    let decoded = decode_bytes(pdf, LoadOptions::default()).expect("read");
    assert_eq!(decoded.encoding, DocFormat::Pdf.name());
    assert_eq!(
        decoded.text,
        "The meeting asked every department to carry the plan through.\n\nSecond paragraph.\n"
    );
}

#[test]
fn a_pdf_without_text_says_so() {
    let scan = pdf_of(&[&[], &[]]);
    assert!(matches!(
        decode_bytes(scan, LoadOptions::default()),
        Err(LoadError::NoTextLayer)
    ));
}

#[test]
fn a_damaged_pdf_is_one_error() {
    let whole = pdf_of(&[&[(72.0, 700.0, "Text.")]]);
    // The cross-reference table points nowhere, then the file is cut short.
    let text = String::from_utf8(whole).expect("ASCII");
    let broken_xref = text.replace("startxref\n", "startxref\n9").into_bytes();
    let cut = broken_xref
        .get(..broken_xref.len() / 3)
        .expect("a third")
        .to_vec();
    for bytes in [broken_xref, cut, b"%PDF-1.7\n".to_vec()] {
        match decode_bytes(bytes, LoadOptions::default()) {
            Err(LoadError::Damaged { .. } | LoadError::NoTextLayer) | Ok(_) => {}
            Err(other) => panic!("{other}"),
        }
    }
}
