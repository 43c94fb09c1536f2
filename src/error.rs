//! How the program fails: the exit codes, a command's error, and the one line a user
//! sees on standard error (`briefing: error: <file>: <what is wrong>; <what to do>`).
//!
//! Exit codes (documented in README): 0 success; 1 `search` found nothing; 2 bad
//! arguments or a document that cannot be opened; 128+n when a signal ends the reader.

use std::io::{self, Write};
use std::process::ExitCode;

use crate::source::SourceError;

/// Exit code for a search that found nothing.
pub const EXIT_NOT_FOUND: u8 = 1;
/// Exit code for bad arguments or a document that cannot be opened.
pub const EXIT_ERROR: u8 = 2;

/// A command's failure.
#[derive(Debug, thiserror::Error)]
pub enum CommandError {
    /// The command line asks for something that cannot be done (two FILEs at once).
    #[error("{0}")]
    Usage(String),
    /// The document could not be read, decoded or opened.
    #[error(transparent)]
    Load(SourceError),
    /// Standard output could not be written.
    #[error("cannot write output: {0}")]
    Output(io::Error),
}

/// Prints an error as one line and picks the exit code.
pub fn finish(result: Result<u8, CommandError>) -> ExitCode {
    match result {
        Ok(code) => ExitCode::from(code),
        // `briefing outline | head -1`: the reader of our output has gone; not an error.
        Err(CommandError::Output(error)) if error.kind() == io::ErrorKind::BrokenPipe => {
            ExitCode::SUCCESS
        }
        Err(error) => {
            report(&error.to_string());
            ExitCode::from(EXIT_ERROR)
        }
    }
}

/// Prints `briefing: error: …` on stderr as one line.
/// Prints a warning a user should see but that does not stop the command: one line on
/// standard error, `briefing: warning: <file>: <what>`.
pub fn warn(file: &str, message: &str) {
    let line = format!("{file}: {message}").replace(['\n', '\r'], " ");
    let _ = writeln!(io::stderr().lock(), "briefing: warning: {line}");
}

pub fn report(message: &str) {
    let line = message.replace(['\n', '\r'], " ");
    let _ = writeln!(io::stderr().lock(), "briefing: error: {line}");
}
