//! The hostile documents of the terminal-safety checklist, generated at test time, and the
//! checks of what may reach a terminal. Shared by `tests/hostile.rs` (every command with
//! its output piped), `tests/terminal/` (the reader in a pseudo-terminal) and the fuzz seeds.
//!
//! Each document carries its payload in the places a parser treats differently: the title,
//! a heading, a point (一是…) and body text, so a sequence cannot slip through one path.

// Each test crate that includes this file uses a different part of it.
#![allow(dead_code)]

use encoding_rs::{GB18030, GBK};

/// What a command is expected to do with a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expect {
    /// Shown: exit 0.
    Shown,
    /// NUL bytes: refused as binary (exit 2) unless `--force`, which shows ␀.
    Binary,
}

/// One generated document.
pub struct Hostile {
    pub name: String,
    pub bytes: Vec<u8>,
    pub expect: Expect,
    /// Text the rendered output must contain (a control picture, a heading, …).
    pub shows: Vec<&'static str>,
}

impl Hostile {
    fn new(name: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        Self {
            name: name.into(),
            bytes: bytes.into(),
            expect: Expect::Shown,
            shows: Vec::new(),
        }
    }

    fn showing(mut self, shows: &[&'static str]) -> Self {
        self.shows.extend_from_slice(shows);
        self
    }
}

/// A small briefing with `payload` in its title, a heading, a point and the body.
pub fn briefing_with(payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    for part in [
        &b"\xe5\x8c\xba\xe5\xa7\x94\xe4\xb9\xa6\xe8\xae\xb0\xe8\xae\xb2\xe8\xaf\x9d"[..], // 区委书记讲话
        payload,
        "\n\n同志们：\n\n一、认清形势".as_bytes(),
        payload,
        "\n    今天我们开会。一是".as_bytes(),
        payload,
        "提高认识。二是加强领导。\n二、".as_bytes(),
        payload,
        "突出重点\n    正文".as_bytes(),
        payload,
        "内容。\n".as_bytes(),
    ] {
        out.extend_from_slice(part);
    }
    out
}

/// Escape sequences a document might carry to act on a terminal, by name.
pub fn escape_payloads() -> Vec<(&'static str, Vec<u8>)> {
    let mut payloads: Vec<(&'static str, Vec<u8>)> = [
        ("csi-clear-screen", &b"\x1b[2J\x1b[H"[..]),
        ("csi-clear-scrollback", b"\x1b[3J"),
        (
            "csi-cursor-moves",
            b"\x1b[10;10H\x1b[5A\x1b[2K\x1b7\x1b8\x1b[s\x1b[u\x1b[1;1r",
        ),
        ("csi-sgr-hide", b"\x1b[8m\x1b[30;40m"),
        ("osc0-title-bel", b"\x1b]0;pwned\x07"),
        ("osc1-icon-st", b"\x1b]1;icon\x1b\\"),
        ("osc2-title-st", b"\x1b]2;title\x1b\\"),
        ("osc52-clipboard-write", b"\x1b]52;c;cm0gLXJmIH4=\x07"),
        ("osc52-clipboard-read", b"\x1b]52;c;?\x07"),
        (
            "osc8-link",
            b"\x1b]8;;https://example.com/\x1b\\link\x1b]8;;\x1b\\",
        ),
        (
            "osc8-embedded-esc",
            b"\x1b]8;;https://a\x1b[2Jb/\x07text\x1b]8;;\x07",
        ),
        (
            "decset-modes",
            b"\x1b[?1049h\x1b[?25l\x1b[?1000h\x1b[?1006h\x1b[?2004h\x1b[?1h\x1b=",
        ),
        (
            "decrst-modes",
            b"\x1b[?1049l\x1b[?25h\x1b[?1000l\x1b[?2004l",
        ),
        ("charset-dec-graphics", b"\x1b(0lqqk\x1b)0\x0e"),
        ("ris-reset", b"\x1bc"),
        ("dsr-query", b"\x1b[6n\x1b[5n"),
        ("da-query", b"\x1b[c\x1b[>c\x1b[=c"),
        ("decrqss-query", b"\x1bP$q\"p\x1b\\"),
        (
            "osc10-11-50-query",
            b"\x1b]10;?\x07\x1b]11;?\x1b\\\x1b]50;?\x07",
        ),
        (
            "dcs-apc-pm-sos",
            b"\x1bPq#0;2;0;0;0\x1b\\\x1b_Gf=24;AAAA\x1b\\\x1b^pm\x1b\\\x1bXsos\x1b\\",
        ),
        ("xtwinops", b"\x1b[21t\x1b[22;0t\x1b[8;1;1t"),
        (
            "c1-as-utf8",
            "\u{9b}2J\u{9d}0;t\u{7}\u{90}q\u{9c}\u{85}\u{8e}".as_bytes(),
        ),
        ("bell-x1000", &[0x07; 1000]),
        ("cr-bs-del-vt-ff", b"hidden\rshown\x08\x08\x7f\x0b\x0c"),
    ]
    .into_iter()
    .map(|(name, bytes)| (name, bytes.to_vec()))
    .collect();
    // Every C0 control but TAB and LF, and DEL.
    let c0: Vec<u8> = (0x01..=0x1f_u8)
        .filter(|b| !matches!(b, b'\t' | b'\n'))
        .chain([0x7f])
        .collect();
    payloads.push(("every-c0-and-del", c0));
    // Every C1 control as UTF-8.
    let c1: String = ('\u{80}'..='\u{9f}').collect();
    payloads.push(("every-c1-as-utf8", c1.into_bytes()));
    payloads
}

/// The small hostile documents: escapes, controls, encodings, invisibles, emoji, line ends.
pub fn documents() -> Vec<Hostile> {
    let mut docs = Vec::new();
    for (name, payload) in escape_payloads() {
        let shows: &[&str] = if payload.contains(&0x1b) {
            &["␛", "一、认清形势"]
        } else {
            &["一、认清形势"]
        };
        docs.push(Hostile::new(format!("esc-{name}"), briefing_with(&payload)).showing(shows));
    }
    docs.push(
        Hostile::new(
            "osc8-unterminated-at-end",
            [
                briefing_with(b""),
                b"\x1b]8;;https://example.com/ no end".to_vec(),
            ]
            .concat(),
        )
        .showing(&["␛]8;;"]),
    );
    docs.push(Hostile::new(
        "osc52-alone",
        b"\x1b]52;c;cm0gLXJmIH4=\x07".to_vec(),
    ));
    docs.push(Hostile::new("bell-x1000-only", vec![0x07; 1000]).showing(&["␇"]));
    docs.push(
        Hostile::new(
            "c1-shown-as-replacement",
            briefing_with("\u{9b}".as_bytes()),
        )
        .showing(&["\u{FFFD}"]),
    );
    docs.extend(nul_documents());
    docs.extend(invalid_utf8_documents());
    docs.extend(encoding_documents());
    docs.extend(invisible_documents());
    docs.extend(emoji_documents());
    docs.extend(line_end_documents());
    docs.extend(empty_documents());
    docs
}

fn nul_documents() -> Vec<Hostile> {
    let mut nul = Hostile::new("nul-bytes", briefing_with(b"\0"));
    nul.expect = Expect::Binary;
    nul.shows.push("␀");
    let mut nul_late = Hostile::new(
        "nul-after-probe",
        [briefing_with(b""), vec![b' '; 9000], b"\0\0tail\n".to_vec()].concat(),
    );
    // Past the 8 KiB probe a NUL is shown, not refused.
    nul_late.shows.push("␀");
    vec![nul, nul_late]
}

fn invalid_utf8_documents() -> Vec<Hostile> {
    let broken: &[(&str, &[u8])] = &[
        ("lone-continuation", b"\x80\xbf"),
        ("overlong-2", b"\xc0\x80\xc1\xbf"),
        ("overlong-3", b"\xe0\x80\x80\xe0\x9f\xbf"),
        ("overlong-4", b"\xf0\x80\x80\x80\xf0\x8f\xbf\xbf"),
        ("surrogate-utf8", b"\xed\xa0\x80\xed\xbf\xbf"),
        ("above-10ffff", b"\xf4\x90\x80\x80\xf7\xbf\xbf\xbf"),
        ("bytes-f5-ff", b"\xf5\xf8\xfb\xfc\xfe\xff"),
        (
            "five-six-byte-forms",
            b"\xf8\x88\x80\x80\x80\xfc\x84\x80\x80\x80\x80",
        ),
        ("truncated-in-middle", b"\xe4\xb8\xe4\xb8\xad"),
        ("c1-raw-bytes", b"\x80\x85\x8d\x9b\x9c\x9d\x9f"),
    ];
    let mut docs: Vec<Hostile> = broken
        .iter()
        .map(|(name, bytes)| {
            // Still read as UTF-8: the damage shows as U+FFFD, the rest as written.
            Hostile::new(format!("invalid-utf8-{name}"), briefing_with(bytes))
                .showing(&["\u{FFFD}", "一、认清形势"])
        })
        .collect();
    // Raw C1 bytes with no valid multi-byte text around them: a legacy-encoding guess.
    docs.push(Hostile::new(
        "c1-raw-bytes-ascii-only",
        b"Title \x9b2J\x9d0;t\x07 \x85\x8d\x81\x8f\x90\n1. text\n".to_vec(),
    ));
    let full = "同志们：今天开会中".as_bytes();
    let cut = full.get(..full.len() - 1).unwrap_or(full).to_vec();
    docs.push(Hostile::new("cut-mid-character", cut).showing(&["\u{FFFD}"]));
    docs
}

fn utf16(text: &str, little: bool, bom: bool) -> Vec<u8> {
    let mut out = Vec::new();
    if bom {
        out.extend_from_slice(if little { &[0xff, 0xfe] } else { &[0xfe, 0xff] });
    }
    for unit in text.encode_utf16() {
        out.extend_from_slice(&if little {
            unit.to_le_bytes()
        } else {
            unit.to_be_bytes()
        });
    }
    out
}

fn encoding_documents() -> Vec<Hostile> {
    let text = "区委书记讲话\n\n同志们：\n\n一、认清形势\n今天开会。一是提高认识。𠀀䶮\n";
    let mut lone = utf16("区委书记讲话\n\n一、认清", true, true);
    lone.extend_from_slice(&0xd800_u16.to_le_bytes()); // high surrogate alone
    lone.extend_from_slice(&utf16("形势\n正文", true, false));
    lone.extend_from_slice(&0xdc00_u16.to_le_bytes()); // low surrogate alone
    lone.extend_from_slice(&0xd83d_u16.to_le_bytes()); // high surrogate at the end
    lone.push(b'x'); // and an odd byte
    let (gb18030, _, _) = GB18030.encode(text);
    let (gbk, _, _) = GBK.encode("区委书记讲话\n\n同志们：\n\n一、认清形势\n今天开会。\n");
    let mut bom_utf8 = b"\xef\xbb\xbf".to_vec();
    bom_utf8.extend_from_slice("一、第一部分\n正文。\n二、第二部分\n正文。\n".as_bytes());
    vec![
        Hostile::new("utf16le-bom", utf16(text, true, true)).showing(&["一、认清形势"]),
        Hostile::new("utf16be-bom", utf16(text, false, true)).showing(&["一、认清形势"]),
        Hostile::new("utf16le-lone-surrogates", lone).showing(&["\u{FFFD}", "一、认清"]),
        Hostile::new(
            "utf16le-escapes",
            utf16("标题\u{1b}]0;t\u{7}\n一、\u{1b}[2J甲\n", true, true),
        )
        .showing(&["␛"]),
        Hostile::new("gb18030-four-byte", gb18030.into_owned()).showing(&["𠀀", "一、认清形势"]),
        Hostile::new("gbk", gbk.into_owned()).showing(&["一、认清形势"]),
        Hostile::new("utf8-bom-first-heading", bom_utf8).showing(&["一、第一部分"]),
    ]
}

fn invisible_documents() -> Vec<Hostile> {
    let bidi: String = "\u{202a}\u{202b}\u{202c}\u{202d}\u{202e}\u{2066}\u{2067}\u{2068}\u{2069}\u{200e}\u{200f}\u{61c}"
        .to_owned();
    vec![
        Hostile::new("bidi-controls", briefing_with(bidi.as_bytes())),
        Hostile::new(
            "bidi-override-filename-trick",
            briefing_with("abc\u{202e}txt.exe\u{202c}".as_bytes()),
        ),
        Hostile::new(
            "feff-mid-text-and-heading-start",
            "标题\n\n同志们：\n\n\u{feff}一、认清形势\n正文\u{feff}内容。\n\u{feff}二、突出重点\n正文。\n"
                .as_bytes()
                .to_vec(),
        )
        .showing(&["一、认清形势", "二、突出重点"]),
        Hostile::new(
            "soft-hyphen-zwsp-wj",
            briefing_with("a\u{ad}b\u{200b}c\u{2060}d".as_bytes()),
        ),
    ]
}

fn emoji_documents() -> Vec<Hostile> {
    let zwj_flood = format!("😀{}😀", "\u{200d}".repeat(10_000));
    let marks = format!("a{}b", "\u{301}".repeat(20_000));
    vec![
        Hostile::new(
            "emoji-sequences",
            briefing_with(
                "👨\u{200d}👩\u{200d}👧\u{200d}👦🇨🇳🇺🇸🇦1\u{fe0f}\u{20e3}#\u{fe0f}\u{20e3}👍🏽🏳\u{fe0f}\u{200d}🌈"
                    .as_bytes(),
            ),
        ),
        Hostile::new("zwj-x10000", briefing_with(zwj_flood.as_bytes())),
        Hostile::new("combining-x20000", briefing_with(marks.as_bytes())),
        Hostile::new(
            "combining-after-control",
            briefing_with("\u{1b}\u{301}\u{7}\u{20e3}".as_bytes()),
        ),
    ]
}

fn line_end_documents() -> Vec<Hostile> {
    vec![
        Hostile::new(
            "tabs",
            "标题\n\n\t一、\t认清形势\n\t正文\t内容。\tab\n"
                .as_bytes()
                .to_vec(),
        ),
        Hostile::new(
            "cr-only",
            "标题\r\r同志们：\r\r一、认清形势\r正文。\r二、突出重点\r"
                .as_bytes()
                .to_vec(),
        )
        .showing(&["一、认清形势", "二、突出重点"]),
        Hostile::new(
            "crlf",
            "标题\r\n\r\n同志们：\r\n\r\n一、认清形势\r\n正文。\r\n"
                .as_bytes()
                .to_vec(),
        )
        .showing(&["一、认清形势"]),
        Hostile::new(
            "line-paragraph-separators",
            "标题\u{2029}\u{2029}一、认清形势\u{2028}正文。\u{2029}二、突出重点\u{2028}"
                .as_bytes()
                .to_vec(),
        )
        .showing(&["一、认清形势"]),
        Hostile::new("mixed-line-ends", b"a\r\nb\rc\nd\n\r\r\n\n".to_vec()),
    ]
}

fn empty_documents() -> Vec<Hostile> {
    vec![
        Hostile::new("zero-bytes", Vec::new()),
        Hostile::new("bom-only-utf8", b"\xef\xbb\xbf".to_vec()),
        Hostile::new("bom-only-utf16le", b"\xff\xfe".to_vec()),
        Hostile::new("bom-only-utf16be", b"\xfe\xff".to_vec()),
        Hostile::new(
            "whitespace-only",
            " \n\t\n\u{3000}\u{3000}\n\r\n   ".as_bytes().to_vec(),
        ),
        Hostile::new("newline-only", b"\n".to_vec()),
    ]
}

/// One line of 50 MB with no line end.
pub fn one_long_line() -> Hostile {
    let unit = "中文测试abc，".as_bytes();
    Hostile::new("scale-50mb-one-line", unit.repeat(50_000_000 / unit.len()))
}

/// 1,000,000 empty lines.
pub fn empty_lines() -> Hostile {
    Hostile::new("scale-1m-empty-lines", vec![b'\n'; 1_000_000])
}

/// 100,000 headings, each with a line of body: 一、 … 一万、 ten times over. (The parser
/// reads 一万 but not 一万零一 as a marker, and a list must count up by one, so one run
/// cannot reach 十万.)
pub fn many_headings() -> Hostile {
    let mut text = String::from("区委书记讲话\n\n同志们：\n\n");
    for n in 0..100_000 {
        text.push_str(&chinese_number(n % 10_000 + 1));
        text.push_str("、标题\n正文。\n");
    }
    Hostile::new("scale-100k-headings", text.into_bytes()).showing(&["一万、标题"])
}

/// Markers of every level nested eight deep, a few thousand times over.
pub fn deep_nesting() -> Hostile {
    let mut text = String::from("区委书记讲话\n\n");
    for _ in 0..3000 {
        text.push_str(
            "一、甲\n（一）乙\n1.丙\n（1）丁\n①戊\n一是己，第一，庚。首先，辛；其次，壬。\n",
        );
    }
    Hostile::new("scale-nested-markers", text.into_bytes())
}

/// 100,000 （ in a row, then a 600 KB heading.
pub fn bracket_flood_and_huge_heading() -> Vec<Hostile> {
    let brackets = "（".repeat(100_000);
    let heading = format!("标题\n\n一、{}\n正文。\n", "标".repeat(200_000));
    vec![
        Hostile::new("scale-100k-open-brackets", brackets.into_bytes()),
        Hostile::new("scale-600kb-heading", heading.into_bytes()).showing(&["一、标标标"]),
    ]
}

/// 一 … 十万 as written in heading markers.
pub fn chinese_number(n: u32) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    const UNITS: [(u32, &str); 4] = [(10_000, "万"), (1000, "千"), (100, "百"), (10, "十")];
    let digit = |d: u32| DIGITS.get(d as usize).copied().unwrap_or("零");
    let mut out = String::new();
    let mut rest = n;
    let mut zero_pending = false;
    for (unit, name) in UNITS {
        let d = rest / unit;
        rest %= unit;
        if d == 0 {
            zero_pending = !out.is_empty();
            continue;
        }
        if zero_pending {
            out.push('零');
            zero_pending = false;
        }
        if d >= 10 {
            out.push_str(&chinese_number(d));
        } else if !(d == 1 && unit == 10 && out.is_empty()) {
            out.push_str(digit(d));
        }
        out.push_str(name);
    }
    if rest > 0 {
        if zero_pending {
            out.push('零');
        }
        out.push_str(digit(rest));
    }
    out
}

/// The first character in command output that must never reach a terminal, with its byte
/// offset: ESC, BEL, every other C0 control but LF and TAB, DEL, C1 controls (as UTF-8 or as
/// raw bytes: output must be UTF-8), the bidi controls. `None` when the output is clean.
pub fn forbidden_in_output(bytes: &[u8]) -> Option<String> {
    let mut offset = 0;
    for chunk in bytes.utf8_chunks() {
        for (at, c) in chunk.valid().char_indices() {
            if is_forbidden_char(c) {
                return Some(format!("U+{:04X} at byte {}", u32::from(c), offset + at));
            }
        }
        offset += chunk.valid().len();
        if let Some(&byte) = chunk.invalid().first() {
            return Some(format!("invalid UTF-8 byte {byte:#04x} at byte {offset}"));
        }
    }
    None
}

/// Characters no output of ours may hold raw.
pub fn is_forbidden_char(c: char) -> bool {
    (c.is_control() && !matches!(c, '\n' | '\t')) || is_bidi_control(c)
}

/// The bidi embeddings, overrides, isolates and marks.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}')
}

/// The DEC private modes the reader itself sets and resets: alternate screen, cursor, the
/// mouse reporting modes crossterm uses, bracketed paste.
pub const OWN_PRIVATE_MODES: [u32; 8] = [1049, 25, 1000, 1002, 1003, 1006, 1015, 2004];

/// Every violation of checklist rule 3 in the bytes a program wrote to its terminal. The
/// one cursor-position query (CSI 6n) of the ambiguous-width probe is the program's own and
/// allowed once, on the alternate screen (nothing of the probe shows on the main one).
pub fn forbidden_in_terminal_stream(bytes: &[u8]) -> Vec<String> {
    let mut found = Vec::new();
    let mut dsr_seen = 0;
    let mut alternate_entered = false;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            0x1b => {
                let (len, verdict) = classify_escape(bytes.get(i..).unwrap_or_default());
                match verdict {
                    Escape::Fine => {}
                    Escape::EnterAlternate => alternate_entered = true,
                    Escape::CursorQuery => {
                        dsr_seen += 1;
                        if dsr_seen > 1 || !alternate_entered {
                            found.push(format!(
                                "a second CSI 6n, or one off the alternate screen, at byte {i}"
                            ));
                        }
                    }
                    Escape::Forbidden(what) => found.push(format!("{what} at byte {i}")),
                }
                i += len.max(1);
            }
            0x07 => {
                found.push(format!("BEL at byte {i}"));
                i += 1;
            }
            _ => i += 1,
        }
    }
    let text = String::from_utf8_lossy(bytes);
    for (at, c) in text.char_indices() {
        if matches!(c, '\u{80}'..='\u{9f}') || is_bidi_control(c) {
            found.push(format!("U+{:04X} near byte {at}", u32::from(c)));
        }
    }
    for chunk in bytes.utf8_chunks() {
        if let Some(&byte) = chunk.invalid().first() {
            found.push(format!("raw byte {byte:#04x} outside UTF-8"));
        }
    }
    found
}

enum Escape {
    Fine,
    EnterAlternate,
    CursorQuery,
    Forbidden(String),
}

/// Length and verdict of the escape sequence at the start of `seq` (which starts with ESC).
fn classify_escape(seq: &[u8]) -> (usize, Escape) {
    match seq.get(1) {
        Some(b'[') => classify_csi(seq),
        Some(b']') => (2, Escape::Forbidden("OSC".into())),
        Some(b'P') => (2, Escape::Forbidden("DCS".into())),
        Some(b'_') => (2, Escape::Forbidden("APC".into())),
        Some(b'^') => (2, Escape::Forbidden("PM".into())),
        Some(b'X') => (2, Escape::Forbidden("SOS".into())),
        Some(b'c') => (2, Escape::Forbidden("RIS (ESC c)".into())),
        Some(b'(' | b')' | b'*' | b'+') => match seq.get(2) {
            Some(b'B') | None => (3, Escape::Fine),
            Some(&set) => (
                3,
                Escape::Forbidden(format!("charset switch to {:?}", char::from(set))),
            ),
        },
        _ => (2, Escape::Fine),
    }
}

fn classify_csi(seq: &[u8]) -> (usize, Escape) {
    let body = seq.get(2..).unwrap_or_default();
    let Some(end) = body.iter().position(|b| (0x40..=0x7e).contains(b)) else {
        return (seq.len(), Escape::Fine);
    };
    let params = String::from_utf8_lossy(body.get(..end).unwrap_or_default()).into_owned();
    let last = body.get(end).copied().unwrap_or(b'm');
    let len = 2 + end + 1;
    let verdict = match last {
        b'J' if params == "3" => Escape::Forbidden("CSI 3J (clear scrollback)".into()),
        b'n' if params == "6" => Escape::CursorQuery,
        b'n' => Escape::Forbidden(format!("DSR CSI {params}n")),
        b'c' => Escape::Forbidden(format!("DA CSI {params}c")),
        b't' => Escape::Forbidden(format!("window operation CSI {params}t")),
        b'p' if params.contains('$') || params.ends_with('"') => {
            Escape::Forbidden(format!("mode query CSI {params}p"))
        }
        b'h' | b'l' if params.starts_with('?') => {
            let modes: Vec<u32> = params
                .trim_start_matches('?')
                .split(';')
                .filter_map(|m| m.parse().ok())
                .collect();
            if let Some(mode) = modes.iter().find(|m| !OWN_PRIVATE_MODES.contains(m)) {
                Escape::Forbidden(format!("DECSET/DECRST ?{mode}"))
            } else if last == b'h' && modes.contains(&1049) {
                Escape::EnterAlternate
            } else {
                Escape::Fine
            }
        }
        _ => Escape::Fine,
    };
    (len, verdict)
}
