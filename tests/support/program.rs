//! The program under test, started the same way by every test crate: in the language
//! the test expects, with no config file of the user's, whatever the machine's locale
//! and home hold.

// Shared by several test crates, each using a part.
#![allow(dead_code)]

use std::process::Command;

/// `briefing` in English, with no config file.
pub fn briefing_command() -> Command {
    briefing_command_in("en_US.UTF-8")
}

/// `briefing` under the locale `lang` (`LANG`), with no config file.
pub fn briefing_command_in(lang: &str) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_briefing"));
    for (name, value) in test_environment(lang) {
        command.env(name, value);
    }
    command
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("NO_COLOR");
    command
}

/// The variables every run of the program under test gets: the locale, and a config
/// directory that holds no config file.
pub fn test_environment(lang: &str) -> Vec<(&'static str, String)> {
    let no_config = std::env::temp_dir().join("briefing-tests-without-config");
    vec![
        ("LANG", lang.to_owned()),
        ("XDG_CONFIG_HOME", no_config.to_string_lossy().into_owned()),
    ]
}
