//! A PDF with a text layer to the text of its paragraphs.
//!
//! pdf-extract reads the glyphs (it was exact on real files with CID fonts, where
//! another reader put lines out of order); what it gives is where each glyph stands, and
//! a PDF knows no paragraphs: every visual line is a line of its own. The lines are
//! joined again here as a reader joins them: a line that reaches the right margin runs
//! on into the next unless that one is indented; a shorter line or an indented one
//! ends a paragraph, also across a page break. Page numbers (— 1 —, 第1页) are dropped.

use std::cell::Cell;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Once;

use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};

use super::LoadError;
use super::format::DocFormat;

/// Reads the PDF in `bytes`.
pub fn text(bytes: &[u8]) -> Result<String, LoadError> {
    let damaged = |detail: String| LoadError::Damaged {
        format: DocFormat::Pdf,
        detail,
    };
    let pages = quietly(|| glyphs_of(bytes))
        .ok_or_else(|| damaged("the PDF reader could not follow it".to_owned()))?
        .map_err(|error| damaged(error.to_string()))?;
    let lines: Vec<Vec<Line>> = pages.iter().map(|page| lines_of(page)).collect();
    let readable = lines
        .iter()
        .flatten()
        .flat_map(|line| line.text.chars())
        .filter(|c| !c.is_whitespace())
        .fold((0usize, 0usize), |(all, unmapped), c| {
            let unmapped_glyph =
                c == '\u{FFFD}' || ('\u{E000}'..='\u{F8FF}').contains(&c) || c.is_control();
            (all + 1, unmapped + usize::from(unmapped_glyph))
        });
    // No text, or text whose fonts map to no Unicode (shown as private-use characters
    // or U+FFFD): a scan, or a file made to be printed, not read.
    if readable.0 == 0 || readable.1 * 2 > readable.0 {
        return Err(LoadError::NoTextLayer);
    }
    let mut out = paragraphs(&lines).join("\n\n");
    out.push('\n');
    Ok(out)
}

thread_local! {
    /// Set while the PDF reader runs on this thread: a panic in it is caught and told
    /// as a damaged file, so its message is not printed.
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

/// Runs `read`, catching a panic. pdf-extract and lopdf index into what the file says
/// and panic on some malformed files; a damaged file must be one error line, never a
/// crash. Other panics are reported as before.
fn quietly<T>(read: impl FnOnce() -> T) -> Option<T> {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(Cell::get) {
                previous(info);
            }
        }));
    });
    QUIET.with(|quiet| quiet.set(true));
    let result = catch_unwind(AssertUnwindSafe(read));
    QUIET.with(|quiet| quiet.set(false));
    result.ok()
}

/// One glyph where it stands on its page: `y` grows downwards, from the top. OFD pages
/// are glyphs at positions too (`super::ofd`), and become lines and paragraphs the same
/// way.
#[derive(Clone, Debug)]
pub(super) struct Glyph {
    pub(super) x: f64,
    pub(super) y: f64,
    pub(super) end: f64,
    pub(super) size: f64,
    pub(super) text: String,
}

/// The glyphs of each page, in the order the page draws them.
#[derive(Default)]
struct Pages {
    pages: Vec<Vec<Glyph>>,
    top: f64,
}

impl OutputDev for Pages {
    fn begin_page(
        &mut self,
        _: u32,
        media_box: &MediaBox,
        _: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.top = media_box.ury;
        self.pages.push(Vec::new());
        Ok(())
    }
    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), OutputError> {
        // The glyph's size on the page: the font size scaled by the text matrix.
        let scale = (trm.m11 * trm.m22 - trm.m12 * trm.m21).abs().sqrt();
        let size = (font_size * scale).abs().max(0.1);
        let x = trm.m31;
        if let Some(page) = self.pages.last_mut() {
            page.push(Glyph {
                x,
                y: self.top - trm.m32,
                end: x + width * size,
                size,
                text: text.to_owned(),
            });
        }
        Ok(())
    }
    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

fn glyphs_of(bytes: &[u8]) -> Result<Vec<Vec<Glyph>>, OutputError> {
    let mut document = pdf_extract::Document::load_mem(bytes)?;
    if document.is_encrypted() {
        // Files that are "encrypted" only against editing open with the empty password.
        document.decrypt("")?;
    }
    let mut pages = Pages::default();
    pdf_extract::output_doc(&document, &mut pages)?;
    Ok(pages.pages)
}

/// A visual line of a page.
#[derive(Clone, Debug)]
pub(super) struct Line {
    text: String,
    x: f64,
    end: f64,
    y: f64,
    size: f64,
    /// Gaps wider than a character inside the line: two or more make it a table's row.
    gaps: usize,
}

/// The glyphs of a page gathered into lines: a glyph lower than the line by half its
/// size, or back to the left of where the line began, starts a new line.
pub(super) fn lines_of(glyphs: &[Glyph]) -> Vec<Line> {
    let mut lines: Vec<Line> = Vec::new();
    for glyph in glyphs {
        let continues = lines.last().is_some_and(|line| {
            (glyph.y - line.y).abs() < glyph.size * 0.5 && glyph.x >= line.x - glyph.size * 0.1
        });
        if continues {
            if let Some(line) = lines.last_mut() {
                let gap = glyph.x - line.end;
                let wide = |c: Option<char>| c.is_some_and(|c| !c.is_ascii());
                let both_wide = wide(line.text.chars().last()) && wide(glyph.text.chars().next());
                // A word space in Latin text; between Chinese characters only a gap
                // wider than a character (a signature's spacing) is kept.
                let threshold = if both_wide { 1.0 } else { 0.2 };
                if gap > glyph.size * threshold && !line.text.ends_with(' ') {
                    line.text.push(' ');
                }
                if gap > glyph.size {
                    line.gaps += 1;
                }
                line.text.push_str(&glyph.text);
                line.end = line.end.max(glyph.end);
                line.size = line.size.max(glyph.size);
            }
        } else {
            lines.push(Line {
                text: glyph.text.clone(),
                x: glyph.x,
                end: glyph.end,
                y: glyph.y,
                size: glyph.size,
                gaps: 0,
            });
        }
    }
    for line in &mut lines {
        line.text = line.text.trim().to_owned();
    }
    lines.retain(|line| !line.text.is_empty() && !is_page_number(&line.text));
    lines
}

/// — 1 —, -2-, 3, 第4页, 第4页 共24页, 4/24: a page's number, not its text.
fn is_page_number(text: &str) -> bool {
    let squeezed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let bare = squeezed.trim_matches(|c: char| matches!(c, '-' | '—' | '–' | '－' | '·'));
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    if digits(bare) {
        return true;
    }
    if let Some((page, of)) = bare.split_once('/') {
        return digits(page) && digits(of);
    }
    let Some(inner) = bare.strip_prefix('第') else {
        return false;
    };
    let (page, rest) = inner.split_once('页').unwrap_or((inner, "x"));
    let total = rest
        .strip_prefix('共')
        .and_then(|rest| rest.strip_suffix('页'));
    digits(page) && (rest.is_empty() || total.is_some_and(digits))
}

/// Whether a line begins with a heading's number (一、 （二） 第三部分): a heading
/// starts a line of its own in a document, so it does not continue the line above it
/// even when that one is full (a long entry in a table of contents).
fn begins_with_heading(text: &str) -> bool {
    const NUMERALS: &str = "一二三四五六七八九十百零〇";
    let rest = text.strip_prefix(['（', '(']).unwrap_or(text);
    let count = rest.chars().take_while(|c| NUMERALS.contains(*c)).count();
    let after = rest.chars().nth(count);
    let bracketed = rest.len() < text.len();
    let numbered = count > 0
        && match after {
            Some('、') => !bracketed,
            Some('）' | ')') => bracketed,
            _ => false,
        };
    let part = text.strip_prefix('第').is_some_and(|rest| {
        let count = rest.chars().take_while(|c| NUMERALS.contains(*c)).count();
        count > 0 && matches!(rest.chars().nth(count), Some('部' | '章' | '节'))
    });
    numbered || part
}

/// The lines joined into paragraphs (see the module's note).
pub(super) fn paragraphs(pages: &[Vec<Line>]) -> Vec<String> {
    let mut paragraphs: Vec<String> = Vec::new();
    let mut open: Option<(String, bool)> = None;
    for lines in pages {
        // The page's text block: where most lines start and how far the longest run.
        let Some(left) = lines.iter().map(|line| line.x).reduce(f64::min) else {
            continue;
        };
        let right = lines.iter().map(|line| line.end).fold(left, f64::max);
        let mut previous_y: Option<f64> = None;
        for line in lines {
            let indented = line.x > left + line.size * 0.8;
            let after_gap = previous_y.is_some_and(|y| line.y - y > line.size * 2.5);
            let row = line.gaps >= 2;
            let full = line.end >= right - line.size * 1.5 && !row;
            let starts_anew = indented || after_gap || row || begins_with_heading(&line.text);
            match &mut open {
                Some((text, runs_on)) if *runs_on && !starts_anew => {
                    let ascii_join = text
                        .chars()
                        .last()
                        .is_some_and(|c| c.is_ascii_alphanumeric())
                        && line
                            .text
                            .chars()
                            .next()
                            .is_some_and(|c| c.is_ascii_alphanumeric());
                    if ascii_join {
                        text.push(' ');
                    }
                    text.push_str(&line.text);
                    *runs_on = full;
                }
                _ => {
                    if let Some((text, _)) = open.take() {
                        paragraphs.push(text);
                    }
                    open = Some((line.text.clone(), full));
                }
            }
            previous_y = Some(line.y);
        }
    }
    if let Some((text, _)) = open {
        paragraphs.push(text);
    }
    paragraphs
}

#[cfg(test)]
mod tests;
