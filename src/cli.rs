//! Command-line interface: argument definitions and the non-interactive commands.
//!
//! Exit codes (documented in README): 0 success; 1 `search` found nothing; 2 bad
//! arguments or a document that cannot be opened; 128+n when a signal ends the reader.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::input::{LoadOptions, Source, SourceError, load};
use crate::layout::AmbiguousWidth;
use crate::outline;

/// Exit code for a search that found nothing.
pub const EXIT_NOT_FOUND: u8 = 1;
/// Exit code for bad arguments or a document that cannot be opened.
pub const EXIT_ERROR: u8 = 2;

/// A terminal reader for Chinese briefings and speeches.
#[derive(Debug, Parser)]
#[command(name = "briefing", version, about, args_conflicts_with_subcommands = true)]
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
    /// Start at the top instead of where you left off.
    #[arg(long, global = true)]
    pub no_resume: bool,
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
    },
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
        Command::Outline { file, format } => with_document(cli, file.as_ref(), |doc, out| match format {
            Format::Text => outline::write_text(out, doc).map(|()| 0),
            Format::Json => outline::write_json(out, doc).map(|()| 0),
        }),
    };
    finish(result)
}

/// Loads the document named by `file` and hands it to `write` with a locked stdout.
fn with_document(
    cli: &Cli,
    file: Option<&PathBuf>,
    write: impl FnOnce(&crate::document::Document, &mut dyn Write) -> io::Result<u8>,
) -> Result<u8, CommandError> {
    let options = cli.load_options().map_err(CommandError::Load)?;
    let doc = load(&Source::from_arg(file.map(PathBuf::as_path)), options).map_err(CommandError::Load)?;
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let code = write(&doc, &mut out).map_err(CommandError::Output)?;
    out.flush().map_err(CommandError::Output)?;
    Ok(code)
}

/// A command's failure.
#[derive(Debug)]
pub enum CommandError {
    Load(SourceError),
    Output(io::Error),
}

/// Prints an error as one line and picks the exit code.
pub fn finish(result: Result<u8, CommandError>) -> ExitCode {
    match result {
        Ok(code) => ExitCode::from(code),
        // `briefing outline | head -1`: the reader of our output has gone; not an error.
        Err(CommandError::Output(error)) if error.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(CommandError::Output(error)) => {
            report(&format!("cannot write output: {error}"));
            ExitCode::from(EXIT_ERROR)
        }
        Err(CommandError::Load(error)) => {
            report(&error.to_string());
            ExitCode::from(EXIT_ERROR)
        }
    }
}

/// Prints `briefing: error: …` on stderr as one line.
pub fn report(message: &str) {
    let line = message.replace(['\n', '\r'], " ");
    let _ = writeln!(io::stderr().lock(), "briefing: error: {line}");
}

/// True when standard output is a terminal (the reader runs) rather than a pipe or file.
pub fn stdout_is_terminal() -> bool {
    io::stdout().is_terminal()
}

/// Runs the program: a command, or the reader (rendered text when output is not a terminal).
pub fn run(cli: &Cli) -> ExitCode {
    match &cli.command {
        Some(command) => run_command(cli, command),
        None => run_command(
            cli,
            &Command::Outline {
                file: cli.file.clone(),
                format: Format::Text,
            },
        ),
    }
}
