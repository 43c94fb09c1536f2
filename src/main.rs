//! The `briefing` binary: parses arguments and hands over to the library: a command,
//! or the reader (the rendered text when standard output is not a terminal).

use std::io::IsTerminal;
use std::process::ExitCode;

use briefing::cli::{Command, run_command};
use briefing::launch::Rehearse;
use briefing::settings;

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let started = match settings::start(&args) {
        Ok(started) => started,
        Err(exit) => return exit,
    };
    if matches!(started.cli.command, Some(Command::Config)) {
        return settings::print_settings(&started);
    }
    started.warn_about_config();
    let cli = &started.cli;
    let terminal = std::io::stdout().is_terminal();
    match &cli.command {
        Some(Command::Rehearse { file, minutes }) if terminal => briefing::launch::run(
            cli,
            file,
            started.config_notice(),
            Some(Rehearse { minutes: *minutes }),
        ),
        Some(command) => run_command(cli, command),
        None if terminal => briefing::launch::run(cli, &cli.file, started.config_notice(), None),
        None => run_command(
            cli,
            &Command::Render {
                file: cli.file.clone(),
                width: None,
            },
        ),
    }
}
