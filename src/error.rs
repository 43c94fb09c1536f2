//! How the program fails: the exit codes, a command's error, and the one line a user
//! sees on standard error (`briefing: error: <file>: <what is wrong>; <what to do>`).
//!
//! Exit codes (documented in README): 0 success; 1 `search` found nothing; 2 bad
//! arguments or a document that cannot be opened; 128+n when a signal ends the reader.

use std::io::{self, Write};
use std::process::ExitCode;

use crate::source::SourceError;
use crate::strings::Strings;

/// Exit code for a search that found nothing.
pub const EXIT_NOT_FOUND: u8 = 1;
/// Exit code for bad arguments or a document that cannot be opened.
pub const EXIT_ERROR: u8 = 2;

/// A command's failure.
#[derive(Debug, thiserror::Error)]
pub enum CommandError {
    /// The command line asks for what cannot be done, said in the interface's language.
    #[error("{0}")]
    Usage(String),
    /// More than one FILE: the first two, and how many more.
    #[error("one FILE at a time: got {first} and {second}")]
    TooManyFiles {
        first: String,
        second: String,
        more: usize,
    },
    /// The document could not be read, decoded or opened.
    #[error(transparent)]
    Load(SourceError),
    /// Standard output could not be written.
    #[error("cannot write output: {0}")]
    Output(io::Error),
    /// A command that runs on the terminal (`rehearse`) was given none.
    #[error("rehearse needs a terminal")]
    NoTerminal,
}

impl CommandError {
    /// The error's message in the interface's language.
    pub fn message(&self, strings: Strings) -> String {
        match self {
            Self::Usage(message) => message.clone(),
            Self::TooManyFiles {
                first,
                second,
                more,
            } => strings.one_file_at_a_time(first, second, *more),
            Self::Load(error) => strings.source_error(error),
            Self::Output(error) => strings.output_failed(error),
            Self::NoTerminal => strings.rehearse_needs_a_terminal().to_owned(),
        }
    }
}

/// Prints an error as one line and picks the exit code.
pub fn finish(result: Result<u8, CommandError>, strings: Strings) -> ExitCode {
    match result {
        Ok(code) => ExitCode::from(code),
        // `briefing outline | head -1`: the reader of our output has gone; not an error.
        Err(CommandError::Output(error)) if error.kind() == io::ErrorKind::BrokenPipe => {
            ExitCode::SUCCESS
        }
        Err(error) => {
            report(&error.message(strings), strings);
            ExitCode::from(EXIT_ERROR)
        }
    }
}

/// Prints a warning a user should see but that does not stop the command: one line on
/// standard error, `briefing: warning: <file>: <what>`.
pub fn warn(file: &str, message: &str, strings: Strings) {
    let line = format!("{file}: {message}").replace(['\n', '\r'], " ");
    let label = strings.warning_label();
    let _ = writeln!(io::stderr().lock(), "briefing: {label}: {line}");
}

/// Prints `briefing: error: …` (`briefing: 错误: …`) on stderr as one line.
pub fn report(message: &str, strings: Strings) {
    let line = message.replace(['\n', '\r'], " ");
    let label = strings.error_label();
    let _ = writeln!(io::stderr().lock(), "briefing: {label}: {line}");
}
