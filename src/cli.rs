//! Command-line interface: argument definitions and the non-interactive commands
//! (outline, render, wrap, search, stats). Exit codes and error lines: [`crate::error`].

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::document::Document;
use crate::error::{CommandError, EXIT_NOT_FOUND, finish};
use crate::layout::{RenderOptions, render};
use crate::outline;
use crate::report::{Stats, search_hits, write_search_json, write_search_text};
use crate::source::{LoadOptions, Source, SourceError, decode_bytes, load, read_bytes};
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
    /// The document to read (`-` for standard input); the built-in briefing when omitted.
    pub file: Option<PathBuf>,
    #[command(flatten)]
    pub options: GlobalOptions,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Options every command takes.
#[derive(Debug, Args, Clone)]
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
    /// First-line indent of paragraphs in columns (0 turns it off).
    #[arg(long, global = true, default_value_t = 4, value_name = "COLS")]
    pub indent: usize,
    /// Longest text line in columns, however wide the terminal.
    #[arg(long, global = true, default_value_t = 80, value_name = "COLS")]
    pub measure: usize,
    /// Speaking rate in characters a minute, for the time left and per section.
    #[arg(long, global = true, default_value_t = 220, value_name = "CHARS")]
    pub rate: u32,
    /// Start at the top instead of where you left off (marks are still kept).
    #[arg(long, global = true)]
    pub no_resume: bool,
    /// Open the reader at line N (as `outline` and `search` number lines), not where you
    /// left off.
    #[arg(long, global = true, value_name = "N")]
    pub line: Option<usize>,
    /// Leave the mouse to the terminal (to select text without Shift); no clicks or wheel.
    #[arg(long, global = true)]
    pub no_mouse: bool,
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

/// Output format of `outline`, `search` and `stats`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Format {
    #[default]
    Text,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the structure: title, salutation, headings, points, closing, footer.
    Outline {
        file: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
        /// After the outline, why each line was read as it was: the evidence for every
        /// heading, point and region boundary, and the markers that were not taken.
        #[arg(long)]
        explain: bool,
    },
    /// Print the document laid out as the reader's text pane shows it.
    Render {
        file: Option<PathBuf>,
        /// Inner width of the text pane in columns (default: $COLUMNS or 80).
        #[arg(long, value_name = "COLS")]
        width: Option<usize>,
    },
    /// Wrap each line of a text with Chinese line breaking: a CJK-correct `fold`.
    Wrap {
        /// The text to wrap; standard input when omitted or `-`.
        file: Option<PathBuf>,
        /// Columns per line (default: $COLUMNS or 80).
        #[arg(long, value_name = "COLS")]
        width: Option<usize>,
    },
    /// Print every match with its line and heading › point path; exit 1 when none.
    Search {
        pattern: String,
        file: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Print characters and speaking time per heading and in total.
    Stats {
        file: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
}

/// The width to lay text out at when none is given: `$COLUMNS`, else 80.
fn default_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|columns| columns.trim().parse().ok())
        .filter(|&columns: &usize| columns > 0)
        .unwrap_or(80)
}

impl Cli {
    /// How to turn the file's bytes into text.
    pub fn load_options(&self) -> Result<LoadOptions, SourceError> {
        LoadOptions {
            force: self.options.force,
            ..LoadOptions::default()
        }
        .with_encoding_label(self.options.encoding.as_deref())
        .map_err(|error| SourceError {
            source_name: "--encoding".to_owned(),
            error,
        })
    }
}

/// Runs a non-interactive command and returns the exit code. Errors are printed here
/// as one line; a closed output pipe ends the command quietly with success.
pub fn run_command(cli: &Cli, command: &Command) -> ExitCode {
    let result = match command {
        Command::Outline {
            file,
            format,
            explain,
        } => with_document_explained(cli, file.as_ref(), *explain, |doc, out| match format {
            Format::Text => {
                outline::write_text(out, doc)?;
                if *explain {
                    outline::write_explanations(out, doc)?;
                }
                Ok(0)
            }
            Format::Json => outline::write_json(out, doc).map(|()| 0),
        }),
        Command::Render { file, width } => with_document(cli, file.as_ref(), |doc, out| {
            write_render(out, doc, cli, width.unwrap_or_else(default_width)).map(|()| 0)
        }),
        Command::Wrap { file, width } => {
            wrap_command(cli, file.as_ref(), width.unwrap_or_else(default_width))
        }
        Command::Search {
            pattern,
            file,
            format,
        } => with_document(cli, file.as_ref(), |doc, out| {
            let hits = search_hits(doc, pattern);
            match format {
                Format::Text => write_search_text(out, &hits)?,
                Format::Json => write_search_json(out, pattern, &hits)?,
            }
            Ok(if hits.is_empty() { EXIT_NOT_FOUND } else { 0 })
        }),
        Command::Stats { file, format } => with_document(cli, file.as_ref(), |doc, out| {
            let stats = Stats::new(doc, cli.options.rate);
            match format {
                Format::Text => stats.write_text(out)?,
                Format::Json => crate::json::write_pretty(out, &stats)?,
            }
            Ok(0)
        }),
    };
    finish(result)
}

/// Loads the document named by `file` and hands it to `write` with a locked stdout.
fn with_document(
    cli: &Cli,
    file: Option<&PathBuf>,
    write: impl FnOnce(&Document, &mut dyn Write) -> io::Result<u8>,
) -> Result<u8, CommandError> {
    with_document_explained(cli, file, false, write)
}

/// [`with_document`], keeping why each line was read as it was when `explain` is set.
fn with_document_explained(
    cli: &Cli,
    file: Option<&PathBuf>,
    explain: bool,
    write: impl FnOnce(&Document, &mut dyn Write) -> io::Result<u8>,
) -> Result<u8, CommandError> {
    let options = LoadOptions {
        explain,
        ..cli.load_options().map_err(CommandError::Load)?
    };
    let doc =
        load(&Source::from_arg(file.map(PathBuf::as_path)), options).map_err(CommandError::Load)?;
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let code = write(&doc, &mut out).map_err(CommandError::Output)?;
    out.flush().map_err(CommandError::Output)?;
    Ok(code)
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
fn wrap_command(cli: &Cli, file: Option<&PathBuf>, width: usize) -> Result<u8, CommandError> {
    let source = match file {
        None => Source::Stdin,
        Some(path) => Source::from_arg(Some(path)),
    };
    let options = cli.load_options().map_err(CommandError::Load)?;
    let with_source = |error| {
        CommandError::Load(SourceError {
            source_name: source.display_name(),
            error,
        })
    };
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
