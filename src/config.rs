//! The defaults a user sets once, in `$XDG_CONFIG_HOME/briefing/config.toml`
//! (`~/.config/briefing/config.toml`): language, speaking rate, indent, measure, the
//! ambiguous width, mouse, colour and the tree's width.
//!
//! A file is used whole or not at all: an unknown key, a value of the wrong type or out
//! of its range, or text that is not TOML rejects the file with one [`ConfigError`] line
//! naming the file, the line and the key, so a typo is never silently half-applied. The
//! ranges are the command-line options' own, so a value that works in the file works
//! after `--rate` too, and the other way round.

use std::ffi::OsString;
use std::fmt;
use std::fs::File;
use std::io::{self, Read};
use std::ops::RangeInclusive;
use std::path::{Path, PathBuf};

use clap::ValueEnum;
use serde::Deserialize;
use toml::{Spanned, Value};

use crate::cli::{AmbiguousArg, COLUMNS_RANGE, INDENT_RANGE, RATE_RANGE};
use crate::strings::Lang;

/// Defaults a user sets once, read from `$XDG_CONFIG_HOME/briefing/config.toml`
/// (`~/.config/briefing/config.toml`); `None` where the file says nothing, so the
/// command line and the built-in defaults decide.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Config {
    /// `lang`: the interface's language, `"zh"` or `"en"`.
    pub lang: Option<Lang>,
    /// `rate`: speaking rate in characters a minute, within [`RATE_RANGE`].
    pub rate: Option<u32>,
    /// `indent`: first-line indent in columns, within [`INDENT_RANGE`].
    pub indent: Option<usize>,
    /// `measure`: the widest text line in columns, within [`COLUMNS_RANGE`].
    pub measure: Option<usize>,
    /// `ambiguous-width`: `"narrow"`, `"wide"` or `"auto"`.
    pub ambiguous_width: Option<AmbiguousArg>,
    /// `mouse`: whether the reader takes the mouse.
    pub mouse: Option<bool>,
    /// `color`: whether the reader uses colour.
    pub color: Option<bool>,
    /// `tree-width`: the percentage of the width the tree takes, within
    /// [`TREE_WIDTH_RANGE`].
    pub tree_width: Option<usize>,
}

/// The tree's share of the width, in percent: the range the reader's keys for a
/// narrower or wider tree keep it in (`App::update`), so a configured width is one the
/// keys could have reached.
pub const TREE_WIDTH_RANGE: RangeInclusive<usize> = 10..=60;

/// The largest config file read: a complete one is under 1 KiB, and anything far larger
/// is not a config file (a log or a document saved under the wrong name), so it is
/// refused before it is read whole.
pub const MAX_CONFIG_BYTES: u64 = 64 * 1024;

/// A complete config file with every key, each with a comment saying what it sets (the
/// example README shows; a test checks that it parses and sets every field).
pub const EXAMPLE: &str = r#"# briefing's defaults: ~/.config/briefing/config.toml ($XDG_CONFIG_HOME/briefing/config.toml).
# Every key is optional; an option on the command line wins over the file.

# The interface's language: "zh" or "en" (without it, the locale decides).
lang = "zh"

# Speaking rate, in characters a minute (1 to 2000), for speaking times.
rate = 240

# First-line indent of a paragraph, in columns (0 to 40; 4 is two Chinese characters).
indent = 4

# The widest a line of text is set, in columns (1 to 1000).
measure = 72

# Width of characters such as “ ” and ……: "narrow", "wide", or "auto" to ask the terminal.
ambiguous-width = "auto"

# Whether the reader takes the mouse (clicks, wheel): true or false.
mouse = true

# Whether the reader uses colour: true or false.
color = true

# How much of the width the tree of headings takes, in percent (10 to 60).
tree-width = 30
"#;

/// Why a config file was not used: one line a user can act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// The config file.
    pub file: PathBuf,
    /// The line the trouble is on (from 1), when there is one.
    pub line: Option<usize>,
    /// The key the trouble is with, when there is one.
    pub key: Option<String>,
    /// What is wrong, or what to write instead.
    pub what: String,
}

impl fmt::Display for ConfigError {
    /// `<file>[:<line>]: [<key>: ]<what>; the file is ignored`, on one line whatever the
    /// path, key or parser's message hold.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&without_controls(&self.file.display().to_string()))?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        f.write_str(": ")?;
        if let Some(key) = &self.key {
            write!(f, "{}: ", without_controls(key))?;
        }
        let what: Vec<&str> = self.what.split_whitespace().collect();
        write!(
            f,
            "{}; the file is ignored",
            without_controls(&what.join(" "))
        )
    }
}

impl std::error::Error for ConfigError {}

/// `text` with each control character (a newline, an escape) as U+FFFD, so a strange
/// path or key can neither break the line nor drive the terminal.
fn without_controls(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { '\u{FFFD}' } else { c })
        .collect()
}

/// Where the config file is: `$XDG_CONFIG_HOME/briefing/config.toml`, else
/// `$HOME/.config/briefing/config.toml`; `None` when neither is set. `variable` reads
/// the environment (`|name| std::env::var_os(name)`), so tests need set none.
///
/// As the XDG base directory specification asks, an empty or relative
/// `XDG_CONFIG_HOME` is ignored (a relative one would name a different file in every
/// directory the program is run from), and so is an empty `HOME`.
pub fn config_path(variable: impl Fn(&str) -> Option<OsString>) -> Option<PathBuf> {
    let set = |name: &str| variable(name).filter(|value| !value.is_empty());
    let base = set("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .filter(|path| path.is_absolute())
        .or_else(|| set("HOME").map(|home| PathBuf::from(home).join(".config")))?;
    Some(base.join("briefing").join("config.toml"))
}

/// Reads the config file at `path`: `Ok(Config::default())` when there is none; `Err`
/// when it cannot be read, is over [`MAX_CONFIG_BYTES`], is not UTF-8 or not TOML, has
/// an unknown key, or a value of the wrong type or out of its range.
pub fn load(path: &Path) -> Result<Config, ConfigError> {
    let fail = |what: String| ConfigError {
        file: path.to_path_buf(),
        line: None,
        key: None,
        what,
    };
    let cannot_read = |error: &io::Error| fail(format!("cannot read it: {}", error.kind()));
    let file = match File::open(path) {
        Ok(file) => file,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(Config::default()),
        Err(error) => return Err(cannot_read(&error)),
    };
    // One byte past the limit tells an oversized file (or /dev/zero) without reading
    // the rest of it.
    let mut bytes = Vec::new();
    file.take(MAX_CONFIG_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|error| cannot_read(&error))?;
    if bytes.len() as u64 > MAX_CONFIG_BYTES {
        return Err(fail(format!(
            "the file is over {} KiB, too large for a config file",
            MAX_CONFIG_BYTES / 1024
        )));
    }
    let text = String::from_utf8(bytes)
        .map_err(|_| fail("the file is not UTF-8 text; save it as UTF-8".to_owned()))?;
    parse(&text, path)
}

/// The file as TOML gives it, before the types and ranges are checked. Every value is
/// taken as any TOML value, so that a wrong type gets the same message as a value out of
/// range (what to write), and with its span, so the message can name its line.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Raw {
    lang: Option<Spanned<Value>>,
    rate: Option<Spanned<Value>>,
    indent: Option<Spanned<Value>>,
    measure: Option<Spanned<Value>>,
    ambiguous_width: Option<Spanned<Value>>,
    mouse: Option<Spanned<Value>>,
    color: Option<Spanned<Value>>,
    tree_width: Option<Spanned<Value>>,
}

/// Parses the text of a config file (what [`load`] does after reading it); `file` is
/// only named in errors.
pub fn parse(text: &str, file: &Path) -> Result<Config, ConfigError> {
    // Editors on Windows may begin a UTF-8 file with a byte order mark; it is not TOML.
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let raw: Raw = toml::from_str(text).map_err(|error| {
        let line = error.span().map(|span| line_of(text, span.start));
        ConfigError {
            file: file.to_path_buf(),
            line,
            key: line.and_then(|line| key_on_line(text, line)),
            what: error.message().to_owned(),
        }
    })?;
    let check = Check { text, file };
    Ok(Config {
        lang: check.value(raw.lang, "lang", |value| {
            match value {
                Value::String(name) => Lang::parse(name),
                _ => None,
            }
            .ok_or_else(|| r#"give "zh" or "en""#.to_owned())
        })?,
        rate: check.value(raw.rate, "rate", |value| whole_number(value, &RATE_RANGE))?,
        indent: check.value(raw.indent, "indent", |value| {
            whole_number(value, &INDENT_RANGE)
        })?,
        measure: check.value(raw.measure, "measure", |value| {
            whole_number(value, &COLUMNS_RANGE)
        })?,
        ambiguous_width: check.value(raw.ambiguous_width, "ambiguous-width", |value| {
            match value {
                Value::String(name) => AmbiguousArg::from_str(name.trim(), true).ok(),
                _ => None,
            }
            .ok_or_else(|| r#"give "narrow", "wide" or "auto""#.to_owned())
        })?,
        mouse: check.value(raw.mouse, "mouse", truth)?,
        color: check.value(raw.color, "color", truth)?,
        tree_width: check.value(raw.tree_width, "tree-width", |value| {
            whole_number(value, &TREE_WIDTH_RANGE)
        })?,
    })
}

/// The text and the file, for errors found after TOML has been read.
struct Check<'a> {
    text: &'a str,
    file: &'a Path,
}

impl Check<'_> {
    /// The value of `key` read by `read`, or the error naming `key` and the line of the
    /// value (which is the key's line: TOML puts a value on its key's line).
    fn value<T>(
        &self,
        value: Option<Spanned<Value>>,
        key: &str,
        read: impl Fn(&Value) -> Result<T, String>,
    ) -> Result<Option<T>, ConfigError> {
        let Some(value) = value else {
            return Ok(None);
        };
        read(value.get_ref()).map(Some).map_err(|what| ConfigError {
            file: self.file.to_path_buf(),
            line: Some(line_of(self.text, value.span().start)),
            key: Some(key.to_owned()),
            what,
        })
    }
}

/// A whole number within `range`; the error names the range, as the command-line
/// option's does, and says to drop the quotes when the number was quoted.
fn whole_number<N>(value: &Value, range: &RangeInclusive<N>) -> Result<N, String>
where
    N: TryFrom<i64> + PartialOrd + fmt::Display,
{
    let wanted = format!(
        "give a whole number from {} to {}",
        range.start(),
        range.end()
    );
    match value {
        Value::Integer(number) => N::try_from(*number)
            .ok()
            .filter(|number| range.contains(number))
            .ok_or(wanted),
        Value::String(text) if text.trim().parse::<i64>().is_ok() => {
            Err(format!("{wanted}, without quotes"))
        }
        _ => Err(wanted),
    }
}

/// `true` or `false`; says to drop the quotes when the word was quoted.
fn truth(value: &Value) -> Result<bool, String> {
    match value {
        Value::Boolean(truth) => Ok(*truth),
        Value::String(text) if matches!(text.trim(), "true" | "false") => {
            Err("give true or false, without quotes".to_owned())
        }
        _ => Err("give true or false".to_owned()),
    }
}

/// The line (from 1) that byte `at` of `text` is on.
fn line_of(text: &str, at: usize) -> usize {
    let before = text.as_bytes().get(..at).unwrap_or(text.as_bytes());
    1 + memchr::memchr_iter(b'\n', before).count()
}

/// The key that line `line` of `text` sets (`rate = 3`, `"rate" = 3`) or opens as a
/// table (`[rate]`), when the line has one; for a parser's error, which gives only a
/// place.
fn key_on_line(text: &str, line: usize) -> Option<String> {
    let content = text.lines().nth(line.checked_sub(1)?)?.trim();
    let key = if let Some(header) = content.strip_prefix('[') {
        header.trim_start_matches('[').split(']').next()?
    } else {
        content
            .split('=')
            .next()
            .filter(|_| content.contains('='))?
    };
    let key = key.trim().trim_matches(['"', '\'']);
    let bare = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.');
    (!key.is_empty() && key.chars().all(bare)).then(|| key.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readme_shows_the_example() {
        assert!(include_str!("../README.md").contains(EXAMPLE));
    }

    fn file() -> PathBuf {
        PathBuf::from("/home/u/.config/briefing/config.toml")
    }

    fn error_of(text: &str) -> ConfigError {
        match parse(text, &file()) {
            Ok(config) => panic!("{text:?} was accepted as {config:?}"),
            Err(error) => error,
        }
    }

    /// The error names the file, the line and the key, on one line.
    fn assert_names(error: &ConfigError, line: usize, key: &str) {
        let shown = error.to_string();
        assert!(!shown.contains('\n') && !shown.contains('\r'), "{shown:?}");
        assert_eq!(error.line, Some(line), "{shown}");
        assert_eq!(error.key.as_deref(), Some(key), "{shown}");
        let start = format!("/home/u/.config/briefing/config.toml:{line}: {key}: ");
        assert!(shown.starts_with(&start), "{shown}");
        assert!(shown.ends_with("; the file is ignored"), "{shown}");
    }

    #[test]
    fn every_key_is_read() {
        let text = "lang = \"en\"\nrate = 300\nindent = 0\nmeasure = 1000\n\
                    ambiguous-width = \"wide\"\nmouse = false\ncolor = false\ntree-width = 60\n";
        assert_eq!(
            parse(text, &file()),
            Ok(Config {
                lang: Some(Lang::En),
                rate: Some(300),
                indent: Some(0),
                measure: Some(1000),
                ambiguous_width: Some(AmbiguousArg::Wide),
                mouse: Some(false),
                color: Some(false),
                tree_width: Some(60),
            })
        );
    }

    #[test]
    fn the_example_sets_every_key() {
        let config = parse(EXAMPLE, &file()).expect("accepted");
        assert_eq!(
            config,
            Config {
                lang: Some(Lang::Zh),
                rate: Some(240),
                indent: Some(4),
                measure: Some(72),
                ambiguous_width: Some(AmbiguousArg::Auto),
                mouse: Some(true),
                color: Some(true),
                tree_width: Some(30),
            }
        );
        // Each key has a comment line just above it.
        for (number, line) in EXAMPLE.lines().enumerate() {
            if line.contains('=') && !line.starts_with('#') {
                let above = EXAMPLE.lines().nth(number - 1).expect("a line above");
                assert!(above.starts_with("# "), "no comment above {line:?}");
            }
        }
    }

    #[test]
    fn an_empty_file_or_comments_only_set_nothing() {
        assert_eq!(parse("", &file()), Ok(Config::default()));
        assert_eq!(parse("# nothing yet\n\n", &file()), Ok(Config::default()));
        assert_eq!(
            parse("\u{FEFF}rate = 200\n", &file())
                .expect("accepted")
                .rate,
            Some(200)
        );
    }

    #[test]
    fn names_are_read_as_the_command_line_reads_them() {
        let config =
            parse("lang = \"zh-CN\"\nambiguous-width = \"Narrow\"\n", &file()).expect("accepted");
        assert_eq!(config.lang, Some(Lang::Zh));
        assert_eq!(config.ambiguous_width, Some(AmbiguousArg::Narrow));
    }

    #[test]
    fn an_unknown_key_is_named_with_its_line() {
        let error = error_of("rate = 200\ncolour = false\n");
        assert_names(&error, 2, "colour");
        assert!(error.what.contains("colour"), "{error}");
        let error = error_of("mouse = true\n\n[colours]\nx = 1\n");
        assert_names(&error, 3, "colours");
    }

    #[test]
    fn a_wrong_type_is_named_with_its_line_and_what_to_write() {
        let error = error_of("lang = \"en\"\nrate = \"fast\"\n");
        assert_names(&error, 2, "rate");
        assert_eq!(error.what, "give a whole number from 1 to 2000");
        let error = error_of("\n\nmouse = \"yes\"\n");
        assert_names(&error, 3, "mouse");
        assert_eq!(error.what, "give true or false");
        let error = error_of("color = \"false\"\n");
        assert_names(&error, 1, "color");
        assert_eq!(error.what, "give true or false, without quotes");
        let error = error_of("indent = \"4\"\n");
        assert_eq!(
            error.what,
            "give a whole number from 0 to 40, without quotes"
        );
        let error = error_of("measure = 7.5\n");
        assert_names(&error, 1, "measure");
        let error = error_of("lang = 1\n");
        assert_names(&error, 1, "lang");
        assert_eq!(error.what, r#"give "zh" or "en""#);
        let error = error_of("[tree-width]\nx = 1\n");
        assert_names(&error, 1, "tree-width");
    }

    #[test]
    fn a_value_out_of_range_is_named_with_its_line() {
        let error = error_of("# speaking\n\nrate = 0\n");
        assert_names(&error, 3, "rate");
        assert_eq!(
            error.to_string(),
            "/home/u/.config/briefing/config.toml:3: rate: give a whole number from 1 to 2000; \
             the file is ignored"
        );
        assert_names(&error_of("indent = 41\n"), 1, "indent");
        assert_names(&error_of("indent = -1\n"), 1, "indent");
        assert_names(&error_of("measure = 0\n"), 1, "measure");
        assert_names(&error_of("rate = 99999999999\n"), 1, "rate");
        assert_names(&error_of("rate = 100\ntree-width = 61\n"), 2, "tree-width");
        assert_names(&error_of("tree-width = 9\n"), 1, "tree-width");
        assert_names(&error_of("lang = \"fr\"\n"), 1, "lang");
        assert_names(
            &error_of("ambiguous-width = \"half\"\n"),
            1,
            "ambiguous-width",
        );
    }

    #[test]
    fn the_ranges_are_the_command_lines() {
        assert!(
            parse(
                "rate = 2000\nindent = 40\nmeasure = 1\ntree-width = 10\n",
                &file()
            )
            .is_ok()
        );
        assert!(parse("rate = 2001\n", &file()).is_err());
        assert!(parse("measure = 1001\n", &file()).is_err());
    }

    #[test]
    fn invalid_toml_is_named_with_its_line_on_one_line() {
        for (text, line) in [
            ("lang = \"en\"\nrate = 200 300\n", 2),
            ("lang = \"en\"\nrate = \n", 2),
            ("lang = \"en\"\nrate = \"200\nindent = 2\n", 2),
            ("rate = 200\nmouse = True\n", 2),
            ("rate = 200\nrate = 300\n", 2),
        ] {
            let error = error_of(text);
            let key = if text.contains("mouse") {
                "mouse"
            } else {
                "rate"
            };
            assert_names(&error, line, key);
        }
        // A line with no key in it: the file and the line still.
        let error = error_of("rate = 200\n[unclosed\n");
        assert_eq!(error.line, Some(2), "{error}");
        assert!(
            error
                .to_string()
                .starts_with("/home/u/.config/briefing/config.toml:2: ")
        );
    }

    #[test]
    fn the_error_line_holds_no_control_characters() {
        let error = ConfigError {
            file: PathBuf::from("/tmp/a\nb/config.toml"),
            line: Some(1),
            key: Some("k\u{1b}[2J".to_owned()),
            what: "first\nsecond\r\n  third".to_owned(),
        };
        assert_eq!(
            error.to_string(),
            "/tmp/a\u{FFFD}b/config.toml:1: k\u{FFFD}[2J: first second third; the file is ignored"
        );
        let without_line = ConfigError {
            line: None,
            key: None,
            ..error
        };
        assert!(
            without_line
                .to_string()
                .starts_with("/tmp/a\u{FFFD}b/config.toml: first")
        );
    }

    #[test]
    fn a_missing_file_gives_the_defaults() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        assert_eq!(load(&dir.path().join("config.toml")), Ok(Config::default()));
        assert_eq!(
            load(&dir.path().join("no/such/config.toml")),
            Ok(Config::default())
        );
    }

    #[test]
    fn a_file_is_read() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let path = dir.path().join("config.toml");
        std::fs::write(&path, "rate = 180\n").expect("written");
        assert_eq!(load(&path).expect("accepted").rate, Some(180));
        std::fs::write(&path, "rate = 0\n").expect("written");
        let error = load(&path).expect_err("refused");
        assert_eq!(error.file, path);
        assert_names_in(&error, &path);
    }

    fn assert_names_in(error: &ConfigError, path: &Path) {
        let shown = error.to_string();
        assert!(
            shown.starts_with(&format!("{}:1: rate: ", path.display())),
            "{shown}"
        );
    }

    #[test]
    fn a_file_over_64_kib_is_refused() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let path = dir.path().join("config.toml");
        // Valid TOML all the same: the size alone refuses it.
        let mut text = "rate = 200\n".to_owned();
        text.push_str(&"#".repeat(64 * 1024));
        text.push('\n');
        std::fs::write(&path, &text).expect("written");
        let error = load(&path).expect_err("refused");
        let shown = error.to_string();
        assert!(!shown.contains('\n'));
        assert!(
            shown.starts_with(&format!("{}: ", path.display())),
            "{shown}"
        );
        assert!(error.what.contains("64 KiB"), "{shown}");
        // Exactly the limit is still read.
        let mut text = "rate = 200\n".to_owned();
        text.push_str(&"#".repeat(64 * 1024 - text.len()));
        std::fs::write(&path, &text).expect("written");
        assert_eq!(load(&path).expect("accepted").rate, Some(200));
    }

    #[test]
    fn an_unreadable_or_undecodable_file_is_refused() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let error = load(dir.path()).expect_err("refused");
        assert!(error.what.starts_with("cannot read it: "), "{error}");
        let path = dir.path().join("config.toml");
        std::fs::write(&path, b"rate = 200 # \xff\n").expect("written");
        assert!(load(&path).expect_err("refused").what.contains("UTF-8"));
    }

    #[test]
    fn the_path_follows_xdg_then_home() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(key, _)| *key == name)
                    .map(|(_, value)| OsString::from(value))
            }
        };
        assert_eq!(
            config_path(env(&[("XDG_CONFIG_HOME", "/xdg"), ("HOME", "/home/u")])),
            Some(PathBuf::from("/xdg/briefing/config.toml"))
        );
        assert_eq!(
            config_path(env(&[("HOME", "/home/u")])),
            Some(PathBuf::from("/home/u/.config/briefing/config.toml"))
        );
        assert_eq!(config_path(env(&[])), None);
        // An empty or relative XDG_CONFIG_HOME is not used; an empty HOME neither.
        for pairs in [
            &[("XDG_CONFIG_HOME", ""), ("HOME", "/home/u")],
            &[("XDG_CONFIG_HOME", "relative/dir"), ("HOME", "/home/u")],
        ] {
            assert_eq!(
                config_path(env(pairs)),
                Some(PathBuf::from("/home/u/.config/briefing/config.toml"))
            );
        }
        assert_eq!(config_path(env(&[("HOME", "")])), None);
    }

    #[test]
    fn an_unknown_keys_span_is_the_key() {
        // What the line of an unknown key rests on: the parser's span covers the key.
        let text = "rate = 200\ncolour = 1\n";
        let Err(error) = toml::from_str::<Raw>(text) else {
            panic!("accepted");
        };
        let span = error.span().expect("a span");
        assert_eq!(text.get(span), Some("colour"));
    }
}
