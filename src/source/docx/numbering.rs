//! Word's automatic numbering, rendered as the text Word shows: the 一、 of a heading
//! that exists only in `numbering.xml` (ECMA-376 part 1, 17.9), found through the
//! paragraph's `numPr` or its style chain, counted per list and level.

use std::collections::{HashMap, HashSet};

use roxmltree::{Document, Node};

use crate::parse::{CHINESE_DIGITS as DIGITS, chinese_counting, digit};

use super::{W, child, val};
use crate::source::xml::name_in;

/// Word has nine levels, 0 to 8.
const LEVELS: usize = 9;

/// One level of a list: how its number is written.
#[derive(Clone, Debug, Default)]
struct Level {
    start: u32,
    /// `numFmt`: decimal, chineseCounting, …
    format: String,
    /// `lvlText`: `%1、`, `（%2）`, `%1.%2`, …
    text: String,
    /// `lvlRestart`: 0 means this level never restarts.
    restart: Option<u32>,
    /// `isLgl`: every number in the text written in decimal (1.1.2 under 一、).
    legal: bool,
    /// `suff`: what stands between the number and the text (tab, space or nothing).
    suffix: Suffix,
    /// `pStyle`: the paragraph style this level belongs to.
    style: Option<String>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Suffix {
    #[default]
    Tab,
    Space,
    Nothing,
}

/// A `w:num`: a list instance, pointing to its abstract definition, with overrides.
#[derive(Debug, Default)]
struct Num {
    abstract_id: String,
    start_overrides: HashMap<usize, u32>,
    level_overrides: HashMap<usize, Level>,
}

/// The lists of a document and the counters as the text is read.
#[derive(Debug, Default)]
pub struct Numbering {
    abstracts: HashMap<String, Vec<Level>>,
    nums: HashMap<String, Num>,
    /// The counters, per list: lists that share an abstract definition continue each
    /// other, as in Word, unless a `w:num` restarts them with a `startOverride`.
    counters: HashMap<String, [Option<u32>; LEVELS]>,
    /// The `w:num`s with a start override that have been used: the override applies
    /// once, when the list is first used.
    started: HashSet<String>,
}

impl Numbering {
    /// Reads `word/numbering.xml`.
    pub fn read(xml: &Document<'_>) -> Self {
        let mut numbering = Self::default();
        for node in xml.root_element().children() {
            match name_in(node, W) {
                Some("abstractNum") => {
                    let Some(id) = val_of(node, "abstractNumId") else {
                        continue;
                    };
                    let mut levels = vec![Level::default(); LEVELS];
                    for lvl in node.children().filter(|n| name_in(*n, W) == Some("lvl")) {
                        if let Some((index, level)) = read_level(lvl)
                            && let Some(slot) = levels.get_mut(index)
                        {
                            *slot = level;
                        }
                    }
                    numbering.abstracts.insert(id.to_owned(), levels);
                }
                Some("num") => {
                    let Some(id) = val_of(node, "numId") else {
                        continue;
                    };
                    let mut num = Num {
                        abstract_id: child(node, "abstractNumId")
                            .and_then(val)
                            .unwrap_or_default()
                            .to_owned(),
                        ..Num::default()
                    };
                    for over in node
                        .children()
                        .filter(|n| name_in(*n, W) == Some("lvlOverride"))
                    {
                        let Some(index) = val_of(over, "ilvl").and_then(|v| v.parse().ok()) else {
                            continue;
                        };
                        if let Some(start) = child(over, "startOverride")
                            .and_then(val)
                            .and_then(|v| v.parse().ok())
                        {
                            num.start_overrides.insert(index, start);
                        }
                        if let Some((_, level)) = child(over, "lvl").and_then(read_level) {
                            num.level_overrides.insert(index, level);
                        }
                    }
                    numbering.nums.insert(id.to_owned(), num);
                }
                _ => {}
            }
        }
        numbering
    }

    /// The level of list `num_id` that belongs to paragraph style `style` (a level's
    /// `pStyle`), for a style that names the list but not the level.
    pub fn level_of_style(&self, num_id: &str, style: &str) -> Option<usize> {
        let num = self.nums.get(num_id)?;
        self.abstracts
            .get(&num.abstract_id)?
            .iter()
            .position(|level| level.style.as_deref() == Some(style))
    }

    /// Counts the next paragraph of list `num_id` at `level` and returns the number as
    /// Word shows it before the text (`三、`, `（二）`, `1.2 `); `None` when the list
    /// does not exist or its level shows no number.
    pub fn next_label(&mut self, num_id: &str, level: usize) -> Option<String> {
        let num = self.nums.get(num_id)?;
        let abstract_levels = self.abstracts.get(&num.abstract_id)?;
        let level = level.min(LEVELS - 1);
        let level_at = |index: usize| {
            num.level_overrides
                .get(&index)
                .or_else(|| abstract_levels.get(index))
                .cloned()
                .unwrap_or_default()
        };
        let levels: Vec<Level> = (0..LEVELS).map(level_at).collect();
        let key = if num.start_overrides.is_empty() && num.level_overrides.is_empty() {
            num.abstract_id.clone()
        } else {
            format!("num {num_id}")
        };
        let counters = self.counters.entry(key).or_insert([None; LEVELS]);
        if !num.start_overrides.is_empty() && self.started.insert(num_id.to_owned()) {
            *counters = [None; LEVELS];
        }
        let start_of = |index: usize| {
            num.start_overrides
                .get(&index)
                .copied()
                .unwrap_or_else(|| levels.get(index).map_or(1, |l| l.start))
        };
        let current = counters.get(level).copied().flatten();
        let value = current.map_or_else(|| start_of(level), |value| value.saturating_add(1));
        if let Some(slot) = counters.get_mut(level) {
            *slot = Some(value);
        }
        // Deeper levels start again under a new number here, unless told never to
        // (lvlRestart 0) or to restart only under a shallower level than this one.
        for (index, slot) in counters.iter_mut().enumerate().skip(level + 1) {
            let restarts = match levels.get(index).and_then(|l| l.restart) {
                None => true,
                Some(after) => usize::try_from(after).is_ok_and(|after| after > level),
            };
            if restarts {
                *slot = None;
            }
        }
        let this = levels.get(level)?;
        if this.format == "none" {
            return None;
        }
        let mut label = String::new();
        let mut chars = this.text.chars().peekable();
        while let Some(c) = chars.next() {
            let digit = chars.peek().and_then(|d| d.to_digit(10));
            match digit {
                Some(digit @ 1..=9) if c == '%' => {
                    chars.next();
                    let index = usize::try_from(digit - 1).unwrap_or(0);
                    let value = counters
                        .get(index)
                        .copied()
                        .flatten()
                        .unwrap_or_else(|| start_of(index));
                    let format = if this.legal {
                        "decimal"
                    } else {
                        levels.get(index).map_or("decimal", |l| l.format.as_str())
                    };
                    label.push_str(&format_number(value, format));
                }
                _ => label.push(bullet_glyph(c)),
            }
        }
        if label.is_empty() {
            return None;
        }
        // Word puts a tab after the number by default; in running text that is the
        // space a typist would put after 第一章 or a bare 1, and nothing after 一、,
        // （一） or ①, which stand apart from the text by themselves.
        let ends_in_word = label
            .chars()
            .last()
            .is_some_and(|c| c.is_ascii_alphanumeric() || ('\u{4E00}'..='\u{9FFF}').contains(&c));
        if this.suffix != Suffix::Nothing && ends_in_word {
            label.push(' ');
        }
        Some(label)
    }
}

fn val_of<'a>(node: Node<'a, '_>, name: &str) -> Option<&'a str> {
    crate::source::xml::attribute(node, W, name)
}

fn read_level(lvl: Node<'_, '_>) -> Option<(usize, Level)> {
    let index: usize = val_of(lvl, "ilvl")?.parse().ok()?;
    let level = Level {
        start: child(lvl, "start")
            .and_then(val)
            .and_then(|v| v.parse().ok())
            .unwrap_or(0),
        format: child(lvl, "numFmt")
            .and_then(val)
            .unwrap_or("decimal")
            .to_owned(),
        text: child(lvl, "lvlText")
            .and_then(val)
            .unwrap_or_default()
            .to_owned(),
        restart: child(lvl, "lvlRestart")
            .and_then(val)
            .and_then(|v| v.parse().ok()),
        legal: child(lvl, "isLgl").is_some_and(|n| val(n) != Some("0") && val(n) != Some("false")),
        suffix: match child(lvl, "suff").and_then(val) {
            Some("space") => Suffix::Space,
            Some("nothing") => Suffix::Nothing,
            _ => Suffix::Tab,
        },
        style: child(lvl, "pStyle").and_then(val).map(str::to_owned),
    };
    Some((index, level))
}

/// A bullet from a symbol font (Wingdings, Symbol) is stored as a private-use
/// character that shows as nothing without that font: it is shown as a bullet.
fn bullet_glyph(c: char) -> char {
    if ('\u{E000}'..='\u{F8FF}').contains(&c) {
        '•'
    } else {
        c
    }
}

const LEGAL_DIGITS: [char; 10] = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];

/// A number in one of Word's formats (ECMA-376 part 1, 17.18.59 `ST_NumberFormat`); a
/// format not listed is written in decimal, which is what Word falls back to.
pub fn format_number(value: u32, format: &str) -> String {
    match format {
        "chineseCounting"
        | "chineseCountingThousand"
        | "japaneseCounting"
        | "taiwaneseCounting"
        | "taiwaneseCountingThousand" => chinese_counting(value, &DIGITS, ['十', '百', '千']),
        "chineseLegalSimplified" => chinese_counting(value, &LEGAL_DIGITS, ['拾', '佰', '仟']),
        "ideographDigital" | "taiwaneseDigital" | "japaneseDigitalTenThousand" => value
            .to_string()
            .chars()
            .map(|d| d.to_digit(10).map_or(d, |d| digit(&DIGITS, d)))
            .collect(),
        "ideographTraditional" => cycle(value, "甲乙丙丁戊己庚辛壬癸"),
        "ideographZodiac" => cycle(value, "子丑寅卯辰巳午未申酉戌亥"),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" | "ideographEnclosedCircle" => {
            enclosed(value, 20, '\u{2460}').unwrap_or_else(|| value.to_string())
        }
        "decimalEnclosedParen" => {
            enclosed(value, 20, '\u{2474}').unwrap_or_else(|| format!("({value})"))
        }
        "decimalEnclosedFullstop" => {
            enclosed(value, 20, '\u{2488}').unwrap_or_else(|| format!("{value}."))
        }
        "decimalFullWidth" | "decimalFullWidth2" => value
            .to_string()
            .chars()
            .map(|d| char::from_u32(u32::from(d) + 0xFEE0).unwrap_or(d))
            .collect(),
        "decimalZero" if value < 10 => format!("0{value}"),
        "upperRoman" => roman(value),
        "lowerRoman" => roman(value).to_lowercase(),
        "upperLetter" => letters(value, b'A'),
        "lowerLetter" => letters(value, b'a'),
        "none" => String::new(),
        _ => value.to_string(),
    }
}

fn cycle(value: u32, signs: &str) -> String {
    let signs: Vec<char> = signs.chars().collect();
    let count = u32::try_from(signs.len()).unwrap_or(1);
    let index = usize::try_from((value.max(1) - 1) % count).unwrap_or(0);
    signs.get(index).map(char::to_string).unwrap_or_default()
}

/// ① to ⑳ and the like: characters in a run from `first` for 1 to `last`.
fn enclosed(value: u32, last: u32, first: char) -> Option<String> {
    (1..=last)
        .contains(&value)
        .then(|| char::from_u32(u32::from(first) + value - 1))
        .flatten()
        .map(|c| c.to_string())
}

fn roman(mut value: u32) -> String {
    const NUMERALS: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    if value == 0 || value > 3999 {
        return value.to_string();
    }
    let mut out = String::new();
    for (size, numeral) in NUMERALS {
        while value >= size {
            out.push_str(numeral);
            value -= size;
        }
    }
    out
}

/// A, B, … Z, AA, BB: Word repeats the letter past Z.
fn letters(value: u32, first: u8) -> String {
    if value == 0 {
        return String::new();
    }
    let letter = char::from(first + u8::try_from((value - 1) % 26).unwrap_or(0));
    let times = usize::try_from((value - 1) / 26 + 1).unwrap_or(1).min(50);
    std::iter::repeat_n(letter, times).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_as_word_writes_them() {
        let counting: Vec<String> = [1, 2, 10, 11, 20, 21, 99, 100, 105, 110, 1010]
            .iter()
            .map(|&n| format_number(n, "chineseCounting"))
            .collect();
        assert_eq!(
            counting,
            [
                "一",
                "二",
                "十",
                "十一",
                "二十",
                "二十一",
                "九十九",
                "一百",
                "一百〇五",
                "一百一十",
                "一千〇一十"
            ]
        );
        assert_eq!(format_number(3, "chineseLegalSimplified"), "叁");
        assert_eq!(format_number(12, "chineseLegalSimplified"), "拾贰");
        assert_eq!(format_number(10, "ideographDigital"), "一〇");
        assert_eq!(format_number(3, "decimalEnclosedCircle"), "③");
        assert_eq!(format_number(21, "decimalEnclosedCircle"), "21");
        assert_eq!(format_number(2, "decimalEnclosedParen"), "⑵");
        assert_eq!(format_number(12, "decimalFullWidth"), "１２");
        assert_eq!(format_number(3, "ideographTraditional"), "丙");
        assert_eq!(format_number(14, "upperRoman"), "XIV");
        assert_eq!(format_number(28, "lowerLetter"), "bb");
        assert_eq!(format_number(7, "decimalZero"), "07");
        assert_eq!(format_number(7, "someFutureFormat"), "7");
    }
}
