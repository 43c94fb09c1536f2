//! Command-line interface: argument definitions and the non-interactive commands
//! (outline, render, wrap, search, stats). Exit codes and error lines: [`crate::error`].

use std::io::{self, Write};
use std::ops::RangeInclusive;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

use crate::check::Profile;
use crate::document::Document;
use crate::error::{CommandError, EXIT_ERROR, EXIT_NOT_FOUND, finish, report, warn};
use crate::layout::{RenderOptions, render};
use crate::outline;
use crate::rehearsal::Record;
use crate::report::{Stats, search_hits, write_search_json, write_search_text};
use crate::resume::Saved;
use crate::source::{
    ErrorSite, LoadOptions, Source, SourceError, decode_bytes, escape_for_display, load,
    read_bytes, stdin_brings_input,
};
use crate::strings::{Lang, Strings, Unit, ValueProblem};
use crate::text::{AmbiguousWidth, wrap_lines};

/// A terminal reader for Chinese briefings and speeches.
#[derive(Debug, Parser)]
#[command(
    name = "briefing",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(flatten)]
    pub file: FileArg,
    #[command(flatten)]
    pub options: GlobalOptions,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Options every command takes.
#[derive(Debug, Args, Clone)]
// A command line's switches are booleans by nature, each its own flag.
#[allow(clippy::struct_excessive_bools)]
pub struct GlobalOptions {
    /// Text encoding of the file (utf-8, gb18030, gbk, utf-16le…); detected when omitted.
    #[arg(long, global = true, value_name = "NAME")]
    pub encoding: Option<String>,
    /// Open files that look binary, showing NUL bytes as ␀.
    #[arg(long, global = true)]
    pub force: bool,
    /// Width of East Asian Ambiguous characters (“ ” … ①): auto asks the terminal.
    #[arg(long, global = true, value_enum, default_value_t = AmbiguousArg::Auto)]
    pub ambiguous_width: AmbiguousArg,
    /// First-line indent of paragraphs in columns, 0 to 40 (0 turns it off).
    #[arg(long, global = true, default_value_t = 4, value_name = "COLS", value_parser = parse_indent)]
    pub indent: usize,
    /// Longest text line in columns (1 to 1000), however wide the terminal.
    #[arg(long, global = true, default_value_t = 80, value_name = "COLS", value_parser = parse_columns)]
    pub measure: usize,
    /// Speaking rate in characters a minute (1 to 2000), for the time left and per
    /// section; auto: the rate measured in the document's last rehearsal.
    #[arg(long, global = true, default_value_t = Rate::Chars(DEFAULT_RATE), value_name = "CHARS", value_parser = parse_rate)]
    pub rate: Rate,
    /// Start at the top instead of where you left off (marks are still kept).
    #[arg(long, global = true)]
    pub no_resume: bool,
    /// Open the reader at line N (as `outline` and `search` number lines), not where you
    /// left off.
    #[arg(long, global = true, value_name = "N", value_parser = parse_line)]
    pub line: Option<usize>,
    /// Language of the interface: zh or en (default: from the locale, LANG etc.).
    #[arg(long, global = true, value_name = "LANG", value_parser = parse_lang)]
    pub lang: Option<Lang>,
    /// Leave the mouse to the terminal (to select text without Shift); no clicks or wheel.
    #[arg(long, global = true)]
    pub no_mouse: bool,
    /// Colours on screen: set from the config file or `NO_COLOR`, not an option.
    #[arg(skip = true)]
    pub colour: bool,
    /// The tree's share of the width in percent: set from the config file.
    #[arg(skip = crate::app::DEFAULT_TREE_PERCENT)]
    pub tree_percent: usize,
}

/// Widths a text is laid out at (`--width`, `--measure`, `$COLUMNS`): at least one
/// column, and no more than any screen holds; a width of 0 would set every character
/// alone on a line as `>`.
pub const COLUMNS_RANGE: RangeInclusive<usize> = 1..=1000;
/// First-line indents (`--indent`): up to twenty full-width characters, already more
/// than any typesetting asks for.
pub const INDENT_RANGE: RangeInclusive<usize> = 0..=40;
use crate::speaking::DEFAULT_RATE;
pub use crate::speaking::RATE_RANGE;

/// `--rate`: characters a minute, or the rate the last rehearsal of the document
/// measured, which only the document's saved state knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rate {
    Chars(u32),
    Auto,
}

impl Rate {
    /// The rate in characters a minute, `auto` taking the last of `rehearsals` (else
    /// the default rate).
    pub fn resolve(self, rehearsals: &[Record]) -> u32 {
        match self {
            Self::Chars(rate) => rate,
            Self::Auto => rehearsals.last().map_or(DEFAULT_RATE, |last| last.rate),
        }
    }
}

/// As a user writes it: `220`, `auto` (clap shows the default so, and `briefing config`
/// the setting).
impl std::fmt::Display for Rate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Chars(rate) => write!(f, "{rate}"),
            Self::Auto => f.write_str("auto"),
        }
    }
}

/// Target lengths of a rehearsal (`--minutes`): up to ten hours.
pub const MINUTES_RANGE: RangeInclusive<u32> = 1..=600;

fn parse_columns(text: &str) -> Result<usize, ValueProblem> {
    number_in(text, &COLUMNS_RANGE, Unit::Columns)
}

fn parse_indent(text: &str) -> Result<usize, ValueProblem> {
    number_in(text, &INDENT_RANGE, Unit::Columns)
}

fn parse_lang(text: &str) -> Result<Lang, ValueProblem> {
    Lang::parse(text).ok_or(ValueProblem::Lang)
}

/// Lines are numbered from 1, as `outline` and `search` print them.
fn parse_line(text: &str) -> Result<usize, ValueProblem> {
    text.trim()
        .parse()
        .ok()
        .filter(|&line: &usize| line >= 1)
        .ok_or(ValueProblem::LineNumber)
}

fn parse_rate(text: &str) -> Result<Rate, ValueProblem> {
    if text.trim().eq_ignore_ascii_case("auto") {
        return Ok(Rate::Auto);
    }
    number_in(text, &RATE_RANGE, Unit::CharsPerMinute).map(Rate::Chars)
}

fn parse_minutes(text: &str) -> Result<u32, ValueProblem> {
    number_in(text, &MINUTES_RANGE, Unit::Minutes)
}

/// Reads a whole number within `range`; the error names the range, and clap puts the
/// option and the value before it.
fn number_in<N>(text: &str, range: &RangeInclusive<N>, unit: Unit) -> Result<N, ValueProblem>
where
    N: std::str::FromStr + PartialOrd + Copy + TryInto<u64>,
{
    let bound = |n: N| n.try_into().unwrap_or(u64::MAX);
    text.trim()
        .parse()
        .ok()
        .filter(|number| range.contains(number))
        .ok_or(ValueProblem::Range {
            low: bound(*range.start()),
            high: bound(*range.end()),
            unit,
        })
}

/// The FILE of the reader and of the commands that read a document.
#[derive(Debug, Args, Clone, Default)]
pub struct FileArg {
    /// The document: a path, or `-` for standard input. When omitted: standard input if
    /// it is a pipe or a file, else the built-in briefing.
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// Any further FILE, taken only to be refused with a clear message: without it, a
    /// second file is read as the name of a subcommand.
    #[arg(hide = true)]
    pub more: Vec<PathBuf>,
}

impl FileArg {
    /// Where the document comes from: the FILE, or with none standard input when it
    /// brings a document, else the built-in briefing. More than one FILE is refused.
    pub fn source(&self) -> Result<Source, CommandError> {
        let file = one_file(self.file.as_deref(), &self.more)?;
        Ok(Source::from_arg(
            file,
            file.is_none() && stdin_brings_input(),
        ))
    }
}

/// The one FILE given, if any; more than one is a usage error naming them.
fn one_file<'a>(
    file: Option<&'a Path>,
    more: &[PathBuf],
) -> Result<Option<&'a Path>, CommandError> {
    let (Some(first), Some(second)) = (file, more.first()) else {
        return Ok(file);
    };
    let name = |path: &Path| escape_for_display(&path.to_string_lossy());
    Err(CommandError::TooManyFiles {
        first: name(first),
        second: name(second),
        more: more.len() - 1,
    })
}

/// Reports a command line clap could not read as one error line (exit 2) in the
/// interface's language, the way every other error is reported; `--help` and
/// `--version` print as usual (exit 0).
pub fn parse_error_exit(error: &clap::Error, lang: Lang) -> ExitCode {
    if !error.use_stderr() {
        let _ = error.print();
        return ExitCode::SUCCESS;
    }
    let strings = Strings(lang);
    report(&clap_error_message(error, strings), strings);
    ExitCode::from(EXIT_ERROR)
}

/// One line for what clap found wrong, from the parts of its error.
fn clap_error_message(error: &clap::Error, strings: Strings) -> String {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let context = |kind| match error.get(kind) {
        Some(ContextValue::String(text)) => text.clone(),
        Some(ContextValue::Strings(texts)) => texts.join(" "),
        _ => String::new(),
    };
    let values = |kind| match error.get(kind) {
        Some(ContextValue::Strings(texts)) => texts.clone(),
        _ => Vec::new(),
    };
    let (option, value) = (
        context(ContextKind::InvalidArg),
        context(ContextKind::InvalidValue),
    );
    match error.kind() {
        ErrorKind::ValueValidation => {
            // Our value parsers say what to give; in the interface's language here.
            let why = std::error::Error::source(error)
                .and_then(|source| source.downcast_ref::<ValueProblem>())
                .map_or_else(String::new, |problem| strings.value_problem(problem));
            strings.bad_value(&option, &value, &why)
        }
        ErrorKind::InvalidValue => {
            strings.not_one_of(&option, &value, &values(ContextKind::ValidValue))
        }
        ErrorKind::UnknownArgument | ErrorKind::InvalidSubcommand => {
            strings.unknown_option(&option)
        }
        ErrorKind::MissingRequiredArgument => strings.missing_argument(&option),
        _ => {
            // clap's message is its first paragraph; the usage and tips after the blank
            // line would make one mistake several lines.
            let rendered = error.render().to_string();
            let paragraph: Vec<&str> = rendered
                .lines()
                .map(str::trim)
                .take_while(|line| !line.is_empty())
                .collect();
            let joined = paragraph.join(" ");
            strings.command_line_wrong(joined.strip_prefix("error: ").unwrap_or(&joined))
        }
    }
}

/// `--ambiguous-width`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AmbiguousArg {
    Narrow,
    Wide,
    Auto,
}

impl AmbiguousArg {
    /// The width when no terminal is asked (non-interactive commands): auto means narrow.
    pub fn without_terminal(self) -> AmbiguousWidth {
        match self {
            Self::Wide => AmbiguousWidth::Wide,
            Self::Narrow | Self::Auto => AmbiguousWidth::Narrow,
        }
    }
}

/// `check --profile`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckProfile {
    Gbt9704,
}

/// Output format of `outline`, `search` and `stats`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Format {
    #[default]
    Text,
    Json,
}

/// Output format of `export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ExportFormat {
    // Clean text: one paragraph a line with its markers. (Plain comments: a doc comment
    // would be shown in English in the Chinese help's list of values.)
    #[default]
    Txt,
    // Markdown: headings as #, ##, …
    Md,
    // The structure and the paragraphs.
    Json,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the structure: title, salutation, headings, points, closing, footer.
    Outline {
        #[command(flatten)]
        file: FileArg,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
        /// After the outline, why each line was read as it was: the evidence for every
        /// heading, point and region boundary, and the markers that were not taken.
        #[arg(long)]
        explain: bool,
    },
    /// Print the document laid out as the reader's text pane shows it.
    Render {
        #[command(flatten)]
        file: FileArg,
        /// Inner width of the text pane in columns, 1 to 1000 (default: $COLUMNS or 80).
        #[arg(long, value_name = "COLS", value_parser = parse_columns)]
        width: Option<usize>,
    },
    /// Wrap each line of a text with Chinese line breaking: a CJK-correct `fold`.
    Wrap {
        /// The text to wrap; standard input when omitted or `-`.
        file: Option<PathBuf>,
        /// Any further FILE, taken only to be refused with a clear message.
        #[arg(hide = true)]
        more: Vec<PathBuf>,
        /// Columns per line, 1 to 1000 (default: $COLUMNS or 80).
        #[arg(long, value_name = "COLS", value_parser = parse_columns)]
        width: Option<usize>,
    },
    /// Print every match with its line and heading › point path; exit 1 when none.
    Search {
        pattern: String,
        #[command(flatten)]
        file: FileArg,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Rehearse: the text paced line by line at the rate, a clock, each section timed
    /// against its budget; the times kept for `stats`.
    Rehearse {
        #[command(flatten)]
        file: FileArg,
        /// Target length in minutes (1 to 600), shared among the sections by length.
        #[arg(long, value_name = "N", value_parser = parse_minutes)]
        minutes: Option<u32>,
    },
    /// Print the document as clean text, Markdown or JSON (also how a .docx, a web page
    /// or a PDF becomes a .txt).
    Export {
        #[command(flatten)]
        file: FileArg,
        #[arg(long, value_enum, default_value_t)]
        format: ExportFormat,
    },
    /// Print characters and speaking time per heading and in total.
    Stats {
        #[command(flatten)]
        file: FileArg,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Find the mechanical mistakes of a draft: numbering, announced counts, points,
    /// punctuation, repeated words, placeholders; exit 1 when something is found.
    Check {
        /// The documents; standard input when none.
        files: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
        /// Add the rules of a standard: gbt9704 (GB/T 9704, the layout of official documents).
        #[arg(long, value_enum)]
        profile: Option<CheckProfile>,
        /// Print the text with the safe fixes made (punctuation, doubled characters).
        #[arg(long)]
        fix: bool,
        /// With --fix: rewrite the file in its own encoding, keeping FILE.orig.
        #[arg(long, requires = "fix")]
        in_place: bool,
    },
    /// Print the settings in effect and where each came from (the command line, the
    /// config file, the environment, the defaults).
    Config,
    /// Print a completion script for a shell (bash, zsh, fish, powershell, elvish).
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), for `man -l -` or a man directory.
    Man,
}

/// The width to lay text out at when none is given: `$COLUMNS` when it is a width
/// `--width` would take, else 80.
fn default_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|columns| parse_columns(&columns).ok())
        .unwrap_or(80)
}

/// The language asked for by `--lang` in `args`, read before clap, so that `--help`
/// and clap's errors are given in it.
pub fn lang_in_args(args: &[std::ffi::OsString]) -> Option<Lang> {
    let mut words = args.iter().skip(1).map(|arg| arg.to_string_lossy());
    while let Some(word) = words.next() {
        if word == "--" {
            break;
        }
        if let Some(value) = word.strip_prefix("--lang=") {
            return Lang::parse(value);
        }
        if word == "--lang" {
            return words.next().and_then(|value| Lang::parse(&value));
        }
    }
    None
}

/// The language of the locale this process runs in.
pub fn locale_lang() -> Lang {
    Lang::from_locale(|name| std::env::var(name).ok())
}

impl Cli {
    /// The interface's language: `--lang`, else the locale.
    pub fn lang(&self) -> Lang {
        self.options.lang.unwrap_or_else(locale_lang)
    }

    /// How to turn the file's bytes into text.
    pub fn load_options(&self) -> Result<LoadOptions, SourceError> {
        LoadOptions {
            force: self.options.force,
            ..LoadOptions::default()
        }
        .with_encoding_label(self.options.encoding.as_deref())
        .map_err(|error| SourceError {
            site: ErrorSite::Option("--encoding"),
            error,
        })
    }
}

/// Runs a non-interactive command and returns the exit code. Errors are printed here
/// as one line; a closed output pipe ends the command quietly with success.
pub fn run_command(cli: &Cli, command: &Command) -> ExitCode {
    let strings = Strings(cli.lang());
    let result = match command {
        // Written by the caller, which knows where the settings came from.
        Command::Config => Ok(0),
        Command::Check {
            files,
            format,
            profile,
            fix,
            in_place,
        } => check::run(
            cli,
            &check::CheckRequest {
                files,
                format: *format,
                profile: Profile {
                    gbt9704: *profile == Some(CheckProfile::Gbt9704),
                },
                fix: *fix,
                in_place: *in_place,
            },
        ),
        Command::Completions { shell } => write_out(|out| {
            clap_complete::generate(*shell, &mut Cli::command(), "briefing", out);
            Ok(())
        }),
        // In English, as manual pages are: their section names are clap_mangen's.
        Command::Man => write_out(|out| clap_mangen::Man::new(Cli::command()).render(out)),
        Command::Outline {
            file,
            format,
            explain,
        } => with_document_explained(cli, file, *explain, |doc, out| match format {
            Format::Text => {
                outline::write_text(out, doc, strings)?;
                if *explain {
                    outline::write_explanations(out, doc, strings)?;
                }
                Ok(0)
            }
            Format::Json => outline::write_json(out, doc).map(|()| 0),
        }),
        Command::Render { file, width } => with_document(cli, file, |doc, out| {
            write_render(out, doc, cli, width.unwrap_or_else(default_width)).map(|()| 0)
        }),
        Command::Wrap { file, more, width } => one_file(file.as_deref(), more)
            .and_then(|file| wrap_command(cli, file, width.unwrap_or_else(default_width))),
        Command::Search {
            pattern,
            file,
            format,
        } => with_document(cli, file, |doc, out| {
            // JSON is the same in every language: nodes named in the document's own.
            let names = match format {
                Format::Text => strings,
                Format::Json => Strings(Lang::Zh),
            };
            let hits = search_hits(doc, pattern, &|kind| names.unnamed_node(kind));
            match format {
                Format::Text => write_search_text(out, &hits)?,
                Format::Json => write_search_json(out, pattern, &hits)?,
            }
            Ok(if hits.is_empty() { EXIT_NOT_FOUND } else { 0 })
        }),
        // Here only without a terminal: with one, the reader runs it.
        Command::Rehearse { .. } => Err(CommandError::NoTerminal),
        Command::Export { file, format } => with_document(cli, file, |doc, out| {
            match format {
                ExportFormat::Txt => crate::export::write_txt(out, doc)?,
                ExportFormat::Md => crate::export::write_md(out, doc)?,
                ExportFormat::Json => crate::export::write_json(out, doc)?,
            }
            Ok(0)
        }),
        Command::Stats { file, format } => with_document(cli, file, |doc, out| {
            // The rehearsals kept with the reading state; an unreadable state has none.
            let rehearsals = match Saved::of(doc).state {
                Ok(Some(state)) => state.rehearsals,
                _ => Vec::new(),
            };
            let mut stats = Stats::new(doc, cli.options.rate.resolve(&rehearsals));
            stats.rehearsals = rehearsals;
            match format {
                Format::Text => stats.write_text(out, strings)?,
                Format::Json => crate::json::write_pretty(out, &stats)?,
            }
            Ok(0)
        }),
    };
    finish(result, strings)
}

/// Hands `write` a locked, buffered standard output.
fn write_out(write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<u8, CommandError> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    write(&mut out).map_err(CommandError::Output)?;
    out.flush().map_err(CommandError::Output)?;
    Ok(0)
}

/// Loads the document named by `file` and hands it to `write` with a locked stdout.
fn with_document(
    cli: &Cli,
    file: &FileArg,
    write: impl FnOnce(&Document, &mut dyn Write) -> io::Result<u8>,
) -> Result<u8, CommandError> {
    with_document_explained(cli, file, false, write)
}

/// [`with_document`], keeping why each line was read as it was when `explain` is set.
fn with_document_explained(
    cli: &Cli,
    file: &FileArg,
    explain: bool,
    write: impl FnOnce(&Document, &mut dyn Write) -> io::Result<u8>,
) -> Result<u8, CommandError> {
    let doc = load_document(cli, &file.source()?, explain)?;
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let code = write(&doc, &mut out).map_err(CommandError::Output)?;
    out.flush().map_err(CommandError::Output)?;
    Ok(code)
}

/// The document of `source`, read with the options given; an empty one is said to be
/// empty (a warning: the command goes on).
fn load_document(cli: &Cli, source: &Source, explain: bool) -> Result<Document, CommandError> {
    let options = LoadOptions {
        explain,
        ..cli.load_options().map_err(CommandError::Load)?
    };
    let doc = load(source, options).map_err(CommandError::Load)?;
    if doc.is_empty() {
        let strings = Strings(cli.lang());
        warn(
            &strings.source_name(source),
            strings.empty_document(),
            strings,
        );
    }
    Ok(doc)
}

/// The render settings the options ask for, at a text width.
fn render_options(cli: &Cli, width: usize, ambiguous: AmbiguousWidth) -> RenderOptions {
    RenderOptions {
        width,
        indent: cli.options.indent,
        measure: cli.options.measure,
        ambiguous,
    }
}

fn write_render(out: &mut dyn Write, doc: &Document, cli: &Cli, width: usize) -> io::Result<()> {
    let options = render_options(cli, width, cli.options.ambiguous_width.without_terminal());
    for line in render(doc, &options) {
        writeln!(out, "{}", line.plain())?;
    }
    Ok(())
}

/// `briefing wrap`: each input line wrapped on its own, one output line per screen line.
fn wrap_command(cli: &Cli, file: Option<&Path>, width: usize) -> Result<u8, CommandError> {
    // Like `fold`, wrap reads standard input without a FILE, whatever it is.
    let source = Source::from_arg(file, true);
    let options = cli.load_options().map_err(CommandError::Load)?;
    let with_source = |error| CommandError::Load(SourceError::on(&source, error));
    let bytes = read_bytes(&source).map_err(with_source)?;
    let decoded = decode_bytes(bytes, options).map_err(with_source)?;
    let ambiguous = cli.options.ambiguous_width.without_terminal();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let text = decoded.text.strip_suffix('\n').unwrap_or(&decoded.text);
    if !text.is_empty() {
        for line in text.split('\n') {
            // An empty input line wraps to one empty line, so blank lines are kept.
            for piece in wrap_lines(line, width, ambiguous) {
                writeln!(out, "{piece}").map_err(CommandError::Output)?;
            }
        }
    }
    out.flush().map_err(CommandError::Output)?;
    Ok(0)
}

mod check;
pub mod help;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rate_is_a_number_or_auto_the_last_rehearsals() {
        assert_eq!(parse_rate(" AUTO "), Ok(Rate::Auto));
        assert_eq!(parse_rate("180"), Ok(Rate::Chars(180)));
        assert!(parse_rate("0").is_err());
        let record = |rate| Record {
            started: 0,
            seconds: 60,
            rate,
            sections: Vec::new(),
        };
        assert_eq!(Rate::Auto.resolve(&[]), DEFAULT_RATE);
        assert_eq!(Rate::Auto.resolve(&[record(150), record(250)]), 250);
        assert_eq!(Rate::Chars(180).resolve(&[record(250)]), 180);
        assert_eq!(parse_minutes("15"), Ok(15));
        assert!(parse_minutes("0").is_err());
    }
}
