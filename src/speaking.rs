//! Speaking time: which text is spoken, how long it takes to deliver at a rate in
//! characters a minute, and how a duration is written (2′10″, 2h24′49″). Used by the
//! reader's tree and status line and by `briefing stats`, so that they agree.

use crate::document::{BlockRole, Document, NodeKind, chars_before_blocks, visible_chars};
use crate::lang::Lang;

/// Whether a paragraph is spoken when the speech is delivered: the salutation, the
/// remarks, headings and body, and the closing are; the title and the lines under it,
/// editor's notes, a table of contents, notes and back matter, and the footer are not.
pub fn is_spoken(role: BlockRole) -> bool {
    match role {
        BlockRole::Salutation
        | BlockRole::Preamble
        | BlockRole::Heading
        | BlockRole::Body
        | BlockRole::Closing => true,
        BlockRole::Title
        | BlockRole::Subtitle
        | BlockRole::Byline
        | BlockRole::DocNumber
        | BlockRole::Footer
        | BlockRole::Signature
        | BlockRole::Backmatter
        | BlockRole::Contents => false,
    }
}

/// The spoken characters of a document before any offset: a row's count is the
/// difference at its two ends, so rows that follow one another add up exactly.
pub struct SpokenText {
    /// Where spoken text stops: the first attachment (附件, papers handed out with the
    /// speech rather than read), else the end of the text.
    end: usize,
    /// Spoken characters before each block, and after the last one.
    before_block: Vec<usize>,
}

impl SpokenText {
    pub fn new(doc: &Document) -> Self {
        Self::from_block_chars(doc, &chars_before_blocks(doc))
    }

    /// From the characters before each block of `doc` (and the total after them), as
    /// the reader counts them already: a large document is not counted twice.
    pub fn from_block_chars(doc: &Document, block_chars: &[usize]) -> Self {
        let end = doc
            .nodes
            .iter()
            .find(|node| node.kind == NodeKind::Attachment)
            .map_or(doc.text.len(), |attachment| attachment.span.start);
        let mut before_block = Vec::with_capacity(doc.blocks.len() + 1);
        let mut running = 0;
        for (index, block) in doc.blocks.iter().enumerate() {
            before_block.push(running);
            if is_spoken(block.role) && block.span.start < end {
                let chars = block_chars
                    .get(index + 1)
                    .copied()
                    .unwrap_or_default()
                    .saturating_sub(block_chars.get(index).copied().unwrap_or_default());
                running += chars;
            }
        }
        before_block.push(running);
        Self { end, before_block }
    }

    /// Where spoken text stops: the first attachment, else the end of the text.
    pub fn end(&self) -> usize {
        self.end
    }

    pub fn total(&self) -> usize {
        self.before_block.last().copied().unwrap_or_default()
    }

    /// Spoken characters of `doc` (the document this was made for) before byte `offset`.
    pub fn before(&self, doc: &Document, offset: usize) -> usize {
        let offset = offset.min(self.end);
        let blocks = &doc.blocks;
        // The block that holds `offset` or comes after it: the ones before are counted.
        let index = blocks.partition_point(|block| block.span.end <= offset);
        let whole = self.before_block.get(index).copied().unwrap_or_default();
        let part = blocks
            .get(index)
            .filter(|block| is_spoken(block.role) && block.span.start < offset)
            .map_or(0, |block| {
                visible_chars(doc.slice(&(block.span.start..offset)))
            });
        whole + part
    }
}

/// The speaking rate without `--rate` or the config file, characters a minute.
pub const DEFAULT_RATE: u32 = 220;

/// Speaking rates (`--rate`) in characters a minute: people speak Chinese at 150 to 300;
/// 2000 leaves room for reading aloud at speed, and a rate of 0 would never finish.
pub const RATE_RANGE: std::ops::RangeInclusive<u32> = 1..=2000;

/// Seconds to speak `chars` characters at `rate` characters a minute.
pub fn seconds_for(chars: usize, rate: u32) -> u64 {
    let chars = u64::try_from(chars).unwrap_or(u64::MAX);
    chars.saturating_mul(60) / u64::from(rate.max(1))
}

/// A duration as the interface writes it: 3分05秒 or 3m05s; from an hour on, to the
/// minute, 1小时12分 or 1h12m.
pub fn format_duration(seconds: u64, lang: Lang) -> String {
    let mut text = String::new();
    push_duration(&mut text, seconds, lang);
    text
}

/// Appends [`format_duration`] to `text`. Not `format!`: the status line and the tree
/// write it at every move, and the formatting machinery is much code to bring back into
/// the processor's caches for each key.
pub fn push_duration(text: &mut String, seconds: u64, lang: Lang) {
    let minutes = seconds / 60;
    let (hour, minute, second) = match lang {
        Lang::Zh => ("小时", "分", "秒"),
        Lang::En => ("h", "m", "s"),
    };
    if minutes >= 60 {
        push_number(text, minutes / 60);
        text.push_str(hour);
        push_two_digits(text, minutes % 60);
        text.push_str(minute);
    } else {
        push_number(text, minutes);
        text.push_str(minute);
        push_two_digits(text, seconds % 60);
        text.push_str(second);
    }
}

fn push_two_digits(text: &mut String, number: u64) {
    if number < 10 {
        text.push('0');
    }
    push_number(text, number);
}

/// Appends `number` in decimal to `text`.
pub fn push_number(text: &mut String, number: impl itoa::Integer) {
    text.push_str(itoa::Buffer::new().format(number));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_are_minutes_and_two_digit_seconds_in_either_language() {
        for (seconds, zh, en) in [
            (0, "0分00秒", "0m00s"),
            (5, "0分05秒", "0m05s"),
            (60, "1分00秒", "1m00s"),
            (130, "2分10秒", "2m10s"),
            (3599, "59分59秒", "59m59s"),
        ] {
            assert_eq!(format_duration(seconds, Lang::Zh), zh);
            assert_eq!(format_duration(seconds, Lang::En), en);
        }
    }

    #[test]
    fn durations_from_an_hour_on_have_hours_and_two_digit_minutes() {
        for (seconds, zh, en) in [
            (3600, "1小时00分", "1h00m"),
            (3600 + 12 * 60 + 7, "1小时12分", "1h12m"),
            (144 * 60 + 49, "2小时24分", "2h24m"),
            (163_999 * 60 + 52, "2733小时19分", "2733h19m"),
        ] {
            assert_eq!(format_duration(seconds, Lang::Zh), zh);
            assert_eq!(format_duration(seconds, Lang::En), en);
        }
    }

    #[test]
    fn speaking_time_at_a_rate() {
        assert_eq!(seconds_for(220, 220), 60);
        assert_eq!(seconds_for(110, 220), 30);
        // A rate of 0 is read as 1 a minute rather than dividing by zero.
        assert_eq!(seconds_for(2, 0), 120);
    }
}
