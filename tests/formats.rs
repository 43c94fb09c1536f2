//! The files people receive, read by the real binary: Word files, web pages and PDFs
//! from the shared samples (real or third-party files, which the repository does not
//! hold). Point `BRIEFING_FORMATS` at the samples folder (the one with `docx/`, `html/`,
//! `pdf/`) and run `cargo test --test formats -- --ignored`; `.ci/run` does this when
//! the samples sit beside the clone. Files built by the tests themselves are read on
//! every `cargo test`.

#[path = "support/program.rs"]
mod program;
use program::briefing_command;

use std::path::PathBuf;

use serde_json::Value;

fn sample(path: &str) -> PathBuf {
    PathBuf::from(std::env::var("BRIEFING_FORMATS").expect("BRIEFING_FORMATS names the samples"))
        .join(path)
}

/// The outline's entries as (kind, depth, marker, label).
fn outline_of(path: &std::path::Path) -> Vec<(String, u64, String, String)> {
    let output = briefing_command()
        .args(["outline", "--format", "json"])
        .arg(path)
        .output()
        .expect("runs");
    assert!(
        output.status.success(),
        "{}: {}",
        path.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    let json: Value = serde_json::from_slice(&output.stdout).expect("valid JSON");
    let field = |entry: &Value, name: &str| entry[name].as_str().unwrap_or_default().to_owned();
    json["entries"]
        .as_array()
        .expect("entries")
        .iter()
        .map(|entry| {
            (
                field(entry, "kind"),
                entry["depth"].as_u64().unwrap_or(99),
                field(entry, "marker"),
                field(entry, "label"),
            )
        })
        .collect()
}

fn shipped_outline() -> Vec<(String, u64, String, String)> {
    outline_of(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/briefing.txt"))
}

#[test]
#[ignore = "needs the samples folder in BRIEFING_FORMATS"]
fn word_with_automatic_numbering_gives_the_text_files_outline() {
    let expected = shipped_outline();
    assert!(expected.iter().any(|(_, _, marker, _)| marker == "三、"));
    assert_eq!(
        outline_of(&sample("docx/b_auto_numbering_chineseCounting.docx")),
        expected
    );
}

#[test]
#[ignore = "needs the samples folder in BRIEFING_FORMATS"]
fn word_with_typed_markers_gives_the_text_files_outline() {
    assert_eq!(
        outline_of(&sample("docx/a_typed_markers_heading_styles.docx")),
        shipped_outline()
    );
}

#[test]
#[ignore = "needs the samples folder in BRIEFING_FORMATS"]
fn word_fixtures_keep_their_text_and_leave_revisions_and_comments_out() {
    let render = |name: &str| {
        let output = briefing_command()
            .arg("render")
            .arg(sample(name))
            .output()
            .expect("runs");
        assert!(output.status.success(), "{name}");
        String::from_utf8(output.stdout).expect("UTF-8")
    };
    let revised = render("docx/fixture_08-comments-revisions.docx");
    assert!(revised.contains("插入的修订文字"), "{revised}");
    assert!(!revised.contains("删除的修订文字"), "{revised}");
    assert!(revised.contains("注释"), "{revised}");
    let numbered = render("docx/fixture_06-auto-numbering.docx");
    assert!(numbered.contains("1.自动编号第一项"), "{numbered}");
    assert!(numbered.contains("3.自动编号第三项"), "{numbered}");
    let table = render("docx/fixture_02-table.docx");
    assert!(table.contains("事项 | 责任部门 | 完成情况"), "{table}");
}

fn rendered(name: &str) -> String {
    let output = briefing_command()
        .arg("render")
        .arg(sample(name))
        .output()
        .expect("runs");
    assert!(
        output.status.success(),
        "{name}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8")
}

/// Words of a site's chrome: navigation, share buttons, the footer.
const CHROME: &[&str] = &[
    "版权所有",
    "ICP",
    "网站地图",
    "首页",
    "分享",
    "扫一扫",
    "责任编辑",
    "打印",
    "关闭",
    "网站标识码",
    "相关链接",
    "Copyright",
];

#[test]
#[ignore = "needs the samples folder in BRIEFING_FORMATS"]
fn web_pages_give_their_article_without_the_sites_chrome() {
    for (name, title, last_words) in [
        (
            "html/gne_shanxi.html",
            "山西品牌丝路行（南美站）正式启动",
            "（张巨峰）",
        ),
        (
            "html/govcn_5352666_zhengwu_xinmeiti_fragment.html",
            "国务院办公厅关于推进政务新媒体健康有序发展的意见",
            "（此件公开发布）",
        ),
        (
            "html/readability_youth.html",
            "海外留学生看两会：出国前后关注点大不同",
            "卢宇恳切地",
        ),
    ] {
        let text = rendered(name);
        let first = text.lines().next().unwrap_or_default().trim();
        assert_eq!(first, title, "{name}");
        assert!(
            text.trim_end().ends_with(last_words) || text.contains(last_words),
            "{name}"
        );
        for chrome in CHROME {
            assert!(!text.contains(chrome), "{name}: {chrome}");
        }
    }
}

#[test]
#[ignore = "needs the samples folder in BRIEFING_FORMATS"]
fn a_govcn_page_gives_its_headings() {
    let outline = outline_of(&sample("html/govcn_5352666_zhengwu_xinmeiti_fragment.html"));
    let headings: Vec<String> = outline
        .iter()
        .filter(|(kind, depth, ..)| kind == "heading" && *depth == 0)
        .map(|(_, _, marker, label)| format!("{marker}{label}"))
        .collect();
    assert_eq!(
        headings,
        [
            "一、总体要求",
            "二、明确工作职责",
            "三、加强功能建设",
            "四、规范运维管理",
            "五、强化保障措施"
        ]
    );
    assert_eq!(
        outline
            .iter()
            .filter(|(kind, depth, ..)| kind == "heading" && *depth == 1)
            .count(),
        13
    );
}

#[test]
#[ignore = "needs the samples folder in BRIEFING_FORMATS"]
fn a_pdf_gives_whole_sentences_and_no_page_numbers() {
    let text = rendered("pdf/putuo_shehuigongzuobu_2024_juesuan.pdf");
    // Set over three visual lines in the file.
    let paragraph: String = text
        .split("\n\n")
        .find(|p| p.contains("中共上海市普陀区委社会工作部负责贯彻落实"))
        .expect("the paragraph")
        .replace('\n', "");
    assert!(
        paragraph.contains("区委有关工作要求，在履行职责过程中坚持和加强党中央的集中统一领导。主要职责是：统筹指导人民信访工作"),
        "{paragraph}"
    );
    for line in text.lines() {
        let bare = line.trim().trim_matches(|c| matches!(c, '-' | '—' | ' '));
        assert!(
            bare.is_empty() || !bare.chars().all(|c| c.is_ascii_digit()),
            "a page number: {line:?}"
        );
    }
}

#[test]
#[ignore = "needs the samples folder in BRIEFING_FORMATS"]
fn an_ofd_reads_as_its_paragraphs_with_its_title_and_signature() {
    let path = sample("ofd/ofdrw_n_luqiao_weishengju.ofd");
    let output = briefing_command()
        .args(["export", "--format", "txt"])
        .arg(&path)
        .output()
        .expect("runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = String::from_utf8_lossy(&output.stdout);
    // A sentence drawn over two visual lines comes back whole.
    assert!(
        text.contains("你院《关于给张阿三同志辞职的请示》（路中医发〔2011〕10号）收悉。"),
        "{text}"
    );
    let outline = outline_of(&path);
    assert!(
        outline.iter().any(|(kind, ..)| kind == "salutation"),
        "{outline:?}"
    );
    let json = briefing_command()
        .args(["outline", "--format", "json"])
        .arg(&path)
        .output()
        .expect("runs");
    let json: Value = serde_json::from_slice(&json.stdout).expect("valid JSON");
    assert_eq!(json["title"], "关于同意张阿三同志辞职的批复");
    assert_eq!(json["encoding"], "OFD");
}
