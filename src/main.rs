//! The `briefing` binary: parses arguments and hands over to the library: a command,
//! or the reader (the rendered text when standard output is not a terminal).

use std::io::IsTerminal;
use std::process::ExitCode;

use briefing::cli::{Cli, Command, parse_error_exit, run_command};
use clap::Parser;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => return parse_error_exit(&error),
    };
    match &cli.command {
        Some(command) => run_command(&cli, command),
        None if std::io::stdout().is_terminal() => briefing::launch::run(&cli),
        None => run_command(
            &cli,
            &Command::Render {
                file: cli.file.clone(),
                width: None,
            },
        ),
    }
}
