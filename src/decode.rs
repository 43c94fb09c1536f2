//! Bytes to text: encoding detection, decoding and line-end normalisation.
//!
//! Invariants of [`Decoded::text`]: valid UTF-8 (it is a `String`), every line ends in
//! `\n` or at the end of the text (CRLF, lone CR, U+2028 and U+2029 are turned into
//! `\n`), and every byte that could not be decoded is one U+FFFD, counted in
//! [`Decoded::replaced`].

use encoding_rs::{DecoderResult, Encoding, GB18030, UTF_8};

/// The decoded text of a document and how it was obtained.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    /// Text with normalised line ends, not yet sanitised.
    pub text: String,
    /// The encoding used, as shown to users: `UTF-8`, `GB18030`, `UTF-16LE`, …
    pub encoding: &'static str,
    /// How many malformed byte sequences became U+FFFD.
    pub replaced: usize,
}

/// Looks up an encoding given on the command line (`--encoding gbk`), by its WHATWG label.
pub fn encoding_for_label(label: &str) -> Option<&'static Encoding> {
    Encoding::for_label(label.trim().as_bytes())
}

/// Decodes `bytes`, detecting the encoding unless `forced` names one.
///
/// Detection order: a byte-order mark wins (UTF-8, UTF-16LE, UTF-16BE); then text that
/// is valid UTF-8 is UTF-8; otherwise chardetng guesses, and GBK is widened to its
/// superset GB18030 so four-byte characters decode too.
pub fn decode(bytes: &[u8], forced: Option<&'static Encoding>) -> Decoded {
    let (encoding, body) = match forced {
        Some(encoding) => (encoding, strip_bom_of(bytes, encoding)),
        None => detect(bytes),
    };
    let (text, replaced) = decode_counting(body, encoding);
    Decoded {
        text: normalise_line_ends(text),
        encoding: display_name(encoding),
        replaced,
    }
}

/// Like [`decode`], but takes the bytes: valid UTF-8 (the common case) becomes the text
/// without a copy, so a large file is held in memory once, not twice.
pub fn decode_owned(mut bytes: Vec<u8>, forced: Option<&'static Encoding>) -> Decoded {
    let (encoding, body_len) = if let Some(encoding) = forced {
        (encoding, strip_bom_of(&bytes, encoding).len())
    } else {
        // Valid UTF-8 without a byte-order mark is the common case: checked once here,
        // not again by `detect` and then by `String::from_utf8`.
        if Encoding::for_bom(&bytes).is_none() {
            match String::from_utf8(bytes) {
                Ok(text) => return utf8_text(text),
                Err(error) => bytes = error.into_bytes(),
            }
        }
        let (encoding, body) = detect(&bytes);
        (encoding, body.len())
    };
    if encoding != UTF_8 {
        // Decoded as detected: `decode` would run the detection again.
        return decode(&bytes, Some(encoding));
    }
    bytes.drain(..bytes.len() - body_len);
    match String::from_utf8(bytes) {
        Ok(text) => utf8_text(text),
        Err(error) => decode(error.as_bytes(), Some(UTF_8)),
    }
}

fn utf8_text(text: String) -> Decoded {
    Decoded {
        text: normalise_line_ends(text),
        encoding: display_name(UTF_8),
        replaced: 0,
    }
}

fn strip_bom_of<'a>(bytes: &'a [u8], encoding: &'static Encoding) -> &'a [u8] {
    match Encoding::for_bom(bytes) {
        Some((bom_encoding, len)) if bom_encoding == encoding => bytes.get(len..).unwrap_or(&[]),
        _ => bytes,
    }
}

fn detect(bytes: &[u8]) -> (&'static Encoding, &[u8]) {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return (encoding, bytes.get(bom_len..).unwrap_or(&[]));
    }
    if std::str::from_utf8(bytes).is_ok() {
        return (UTF_8, bytes);
    }
    // Mostly-UTF-8 text with a few broken bytes (a file cut mid-character, a stray
    // Latin-1 byte) is still UTF-8: guessing a legacy encoding would garble all of it.
    if mostly_utf8(bytes) {
        return (UTF_8, bytes);
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    let guess = detector.guess(None, true);
    let encoding = if guess == encoding_rs::GBK {
        GB18030
    } else {
        guess
    };
    (encoding, bytes)
}

/// True when broken stretches are rare next to valid multi-byte characters: text that is
/// UTF-8 with a few damaged places, not text in a legacy encoding.
///
/// Broken bytes are counted by stretch, not one by one: a pasted escape of eleven bad bytes
/// (`F8 88 80 80 80 FC 84 80 80 80 80`) is one damaged place in a UTF-8 briefing, and
/// counting it as eleven would hand the whole file to a legacy decoder and garble every
/// character. Legacy text is not mistaken for UTF-8 this way: in GBK, a multi-byte character
/// that happens to be valid UTF-8 sits between two broken stretches, so there are about as
/// many stretches as valid characters (the shipped briefing in GBK: 751 valid characters,
/// 674 stretches), far above the one stretch in four characters allowed here.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let mut broken_stretches = 0usize;
    let mut multibyte = 0usize;
    let mut in_stretch = false;
    for chunk in bytes.utf8_chunks() {
        let valid = chunk.valid();
        multibyte += valid.chars().filter(|c| !c.is_ascii()).count();
        if !valid.is_empty() {
            in_stretch = false;
        }
        if !chunk.invalid().is_empty() {
            if !in_stretch {
                broken_stretches += 1;
            }
            in_stretch = true;
        }
    }
    multibyte > 0 && broken_stretches * 4 <= multibyte
}

fn decode_counting(bytes: &[u8], encoding: &'static Encoding) -> (String, usize) {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let capacity = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(bytes.len().saturating_mul(3));
    let mut text = String::with_capacity(capacity);
    let mut rest = bytes;
    let mut replaced = 0usize;
    loop {
        let (result, read) = decoder.decode_to_string_without_replacement(rest, &mut text, true);
        rest = rest.get(read..).unwrap_or(&[]);
        match result {
            DecoderResult::InputEmpty => break,
            DecoderResult::Malformed(_, _) => {
                replaced += 1;
                text.push('\u{FFFD}');
            }
            DecoderResult::OutputFull => {
                text.reserve(rest.len().saturating_mul(3).max(16));
            }
        }
    }
    (text, replaced)
}

fn display_name(encoding: &'static Encoding) -> &'static str {
    match encoding.name() {
        "gb18030" => "GB18030",
        "GBK" => "GBK",
        "Big5" => "Big5",
        "windows-1252" => "windows-1252",
        other => other,
    }
}

/// CRLF, lone CR, LINE SEPARATOR and PARAGRAPH SEPARATOR all end a line.
pub fn normalise_line_ends(text: String) -> String {
    if !text.contains(['\r', '\u{2028}', '\u{2029}']) {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            '\u{2028}' | '\u{2029}' => out.push('\n'),
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "区委书记讲话\n同志们：\n一、认清形势\n䶮𠀀\n";

    fn encode(text: &str, encoding: &'static Encoding) -> Vec<u8> {
        let (bytes, _, unmappable) = encoding.encode(text);
        assert!(!unmappable, "sample must be encodable");
        bytes.into_owned()
    }

    #[test]
    fn utf8_without_bom() {
        let decoded = decode(SAMPLE.as_bytes(), None);
        assert_eq!(decoded.text, SAMPLE);
        assert_eq!(decoded.encoding, "UTF-8");
        assert_eq!(decoded.replaced, 0);
    }

    #[test]
    fn utf8_with_bom_drops_the_bom() {
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice(SAMPLE.as_bytes());
        let decoded = decode(&bytes, None);
        assert_eq!(decoded.text, SAMPLE);
        assert_eq!(decoded.encoding, "UTF-8");
    }

    #[test]
    fn utf16_both_orders_with_bom() {
        let units: Vec<u16> = SAMPLE.encode_utf16().collect();
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for unit in units {
            le.extend_from_slice(&unit.to_le_bytes());
            be.extend_from_slice(&unit.to_be_bytes());
        }
        let little = decode(&le, None);
        assert_eq!(
            (little.text.as_str(), little.encoding),
            (SAMPLE, "UTF-16LE")
        );
        let big = decode(&be, None);
        assert_eq!((big.text.as_str(), big.encoding), (SAMPLE, "UTF-16BE"));
    }

    #[test]
    fn utf16_lone_surrogate_is_replaced_and_counted() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in [0x4E2D_u16, 0xD800, 0x6587] {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        let decoded = decode(&bytes, None);
        assert_eq!(decoded.text, "中\u{FFFD}文");
        assert_eq!(decoded.replaced, 1);
    }

    #[test]
    fn gb18030_is_detected_including_four_byte_characters() {
        let text = "同志们：\n今天，我们在这里召开全区创建全国双拥模范城工作推进会，主要目的是传达贯彻精神。𠀀\n";
        let decoded = decode(&encode(text, GB18030), None);
        assert_eq!(decoded.text, text);
        assert_eq!(decoded.encoding, "GB18030");
        assert_eq!(decoded.replaced, 0);
    }

    #[test]
    fn gbk_bytes_are_read_as_gb18030() {
        let text = "关于表彰全区双拥工作先进单位和先进个人的决定，请认真贯彻落实。";
        let decoded = decode(&encode(text, encoding_rs::GBK), None);
        assert_eq!(decoded.text, text);
        assert_eq!(decoded.encoding, "GB18030");
    }

    #[test]
    fn forced_encoding_overrides_detection() {
        let bytes = encode("中文", GB18030);
        let decoded = decode(&bytes, encoding_for_label("gbk"));
        assert_eq!(decoded.text, "中文");
        assert_eq!(decoded.encoding, "GBK");
    }

    #[test]
    fn line_ends_are_normalised() {
        let decoded = decode("一\r\n二\r三\u{2028}四\n".as_bytes(), None);
        assert_eq!(decoded.text, "一\n二\n三\n四\n");
    }

    #[test]
    fn truncated_utf8_is_replaced_and_counted() {
        let mut bytes = "同志们：今天开会".as_bytes().to_vec();
        bytes.extend_from_slice(&"中".as_bytes()[..2]);
        let decoded = decode(&bytes, None);
        assert_eq!(decoded.encoding, "UTF-8");
        assert_eq!(decoded.text, "同志们：今天开会\u{FFFD}");
        assert_eq!(decoded.replaced, 1);
    }

    #[test]
    fn owned_decoding_agrees_with_borrowed() {
        let mut with_bom = vec![0xEF, 0xBB, 0xBF];
        with_bom.extend_from_slice(SAMPLE.as_bytes());
        let mut broken = SAMPLE.as_bytes().to_vec();
        broken.push(0xFF);
        let (gb, _, _) =
            GB18030.encode("同志们：今天，我们在这里召开全区创建全国双拥模范城工作推进会。");
        for bytes in [
            SAMPLE.as_bytes().to_vec(),
            with_bom,
            broken,
            gb.into_owned(),
            b"a\r\nb".to_vec(),
        ] {
            assert_eq!(decode_owned(bytes.clone(), None), decode(&bytes, None));
        }
    }

    #[test]
    fn long_broken_stretches_in_utf8_do_not_make_it_legacy() {
        let mut bytes = Vec::new();
        for _ in 0..4 {
            bytes.extend_from_slice("区委书记讲话同志们今天开会".as_bytes());
            bytes.extend_from_slice(b"\xf8\x88\x80\x80\x80\xfc\x84\x80\x80\x80\x80");
        }
        let decoded = decode(&bytes, None);
        assert_eq!(decoded.encoding, "UTF-8");
        assert!(decoded.text.starts_with("区委书记讲话"), "{}", decoded.text);
    }

    #[test]
    fn the_shipped_briefing_in_gbk_is_not_taken_for_damaged_utf8() {
        let text = include_str!("../data/briefing.txt");
        let decoded = decode(&encode(text, encoding_rs::GBK), None);
        assert_eq!(decoded.encoding, "GB18030");
        assert_eq!(decoded.text, text);
    }

    #[test]
    fn empty_input_is_empty_text() {
        let decoded = decode(b"", None);
        assert_eq!(decoded.text, "");
        assert_eq!(decoded.replaced, 0);
    }
}
