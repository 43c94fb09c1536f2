//! The settings in effect for one run: the command line over the config file over the
//! locale and the built-in defaults, and where each came from (`briefing config`). Above
//! `cli` and `config`, which it joins: the config file names the command line's types
//! and ranges, and the command line is read in the language the file may set.

use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::parser::ValueSource;
use clap::{ArgMatches, CommandFactory, FromArgMatches};

use crate::cli::{Cli, help, lang_in_args, locale_lang, parse_error_exit};
use crate::config::{self, Config, ConfigError};
use crate::error::warn;
use crate::strings::{Lang, Origin, Strings};

/// What the run was started with, besides the parsed command line: the config file
/// (its path, and why it was not used if it was not) and where each setting came from.
#[derive(Debug)]
pub struct Started {
    pub cli: Cli,
    pub config_path: Option<PathBuf>,
    pub config_problem: Option<ConfigError>,
    /// Each setting with its value as a user writes it, and where it came from.
    pub origins: Vec<(&'static str, String, Origin)>,
}

/// Reads the command line (`args`, the program's name first) with the config file
/// beneath it. A command line clap cannot read is reported here, in the interface's
/// language, and gives the exit code to end with.
pub fn start(args: &[OsString]) -> Result<Started, ExitCode> {
    let config_path = config::config_path(|name| std::env::var_os(name));
    let (config, config_problem) = match config_path.as_deref().map(config::load) {
        Some(Ok(config)) => (config, None),
        Some(Err(problem)) => (Config::default(), Some(problem)),
        None => (Config::default(), None),
    };
    // The language of `--help` and of clap's errors is known before clap reads them.
    let lang = lang_in_args(args)
        .or(config.lang)
        .unwrap_or_else(locale_lang);
    let command = help::localized(Cli::command(), lang);
    let matches = command
        .try_get_matches_from(args)
        .map_err(|error| parse_error_exit(&error, lang))?;
    let mut cli =
        Cli::from_arg_matches(&matches).map_err(|error| parse_error_exit(&error, lang))?;
    let origins = apply(&mut cli, &config, deepest(&matches));
    Ok(Started {
        cli,
        config_path,
        config_problem,
        origins,
    })
}

/// The matches of the command given (global options are seen there too).
fn deepest(matches: &ArgMatches) -> &ArgMatches {
    match matches.subcommand() {
        Some((_, sub)) => deepest(sub),
        None => matches,
    }
}

/// Fills in from `config` what the command line left to its defaults, and says where
/// every setting came from.
fn apply(
    cli: &mut Cli,
    config: &Config,
    matches: &ArgMatches,
) -> Vec<(&'static str, String, Origin)> {
    let given = |id: &str| {
        matches.try_contains_id(id).unwrap_or(false)
            && matches.value_source(id) == Some(ValueSource::CommandLine)
    };
    let origin_of = |id: &str, in_file: bool| {
        if given(id) {
            Origin::CommandLine
        } else if in_file {
            Origin::ConfigFile
        } else {
            Origin::Default
        }
    };
    let options = &mut cli.options;
    let mut origins = Vec::new();

    let lang_origin = if given("lang") {
        Origin::CommandLine
    } else if let Some(lang) = config.lang {
        options.lang = Some(lang);
        Origin::ConfigFile
    } else {
        Origin::Environment
    };
    let lang = options.lang.unwrap_or_else(locale_lang);
    origins.push(("lang", lang.code().to_owned(), lang_origin));

    macro_rules! from_file {
        ($key:literal, $id:literal, $field:ident) => {
            let origin = origin_of($id, config.$field.is_some());
            if origin == Origin::ConfigFile
                && let Some(value) = config.$field
            {
                options.$field = value;
            }
            origins.push(($key, format!("{:?}", options.$field).to_lowercase(), origin));
        };
    }
    let rate_origin = origin_of("rate", config.rate.is_some());
    if rate_origin == Origin::ConfigFile
        && let Some(rate) = config.rate
    {
        options.rate = crate::cli::Rate::Chars(rate);
    }
    origins.push(("rate", options.rate.to_string(), rate_origin));
    from_file!("indent", "indent", indent);
    from_file!("measure", "measure", measure);
    from_file!("ambiguous-width", "ambiguous_width", ambiguous_width);

    let mouse_origin = origin_of("no_mouse", config.mouse.is_some());
    if mouse_origin == Origin::ConfigFile {
        options.no_mouse = config.mouse == Some(false);
    }
    origins.push(("mouse", (!options.no_mouse).to_string(), mouse_origin));

    // A colour setting in the file wins over NO_COLOR (no-color.org: a user's
    // configuration may override it); with neither, colour.
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty());
    let (colour, colour_origin) = match config.color {
        Some(colour) => (colour, Origin::ConfigFile),
        None if no_color => (false, Origin::Environment),
        None => (true, Origin::Default),
    };
    options.colour = colour;
    origins.push(("color", colour.to_string(), colour_origin));

    let (tree, tree_origin) = match config.tree_width {
        Some(percent) => (percent, Origin::ConfigFile),
        None => (crate::app::DEFAULT_TREE_PERCENT, Origin::Default),
    };
    options.tree_percent = tree;
    origins.push(("tree-width", tree.to_string(), tree_origin));
    origins
}

impl Started {
    /// Why the config file was not used, for the reader to say once.
    pub fn config_notice(&self) -> Option<String> {
        let strings = Strings(self.cli.lang());
        self.config_problem
            .as_ref()
            .map(|problem| config_problem_message(problem, strings))
    }

    /// Says once, on standard error, that the config file was not used and why.
    pub fn warn_about_config(&self) {
        if let Some(problem) = &self.config_problem {
            let strings = Strings(self.cli.lang());
            warn(
                &problem.file.display().to_string(),
                &config_problem_message(problem, strings),
                strings,
            );
        }
    }

    /// `briefing config`: each setting in effect and where it came from, then the
    /// config file's path and whether it was used.
    pub fn write_settings(&self, out: &mut dyn Write) -> std::io::Result<()> {
        let strings = Strings(self.cli.lang());
        let width = self
            .origins
            .iter()
            .map(|(key, ..)| key.len())
            .max()
            .unwrap_or(0);
        for (key, value, origin) in &self.origins {
            writeln!(
                out,
                "{key:<width$} = {value:<8} # {}",
                strings.origin(*origin)
            )?;
        }
        writeln!(out)?;
        let line = match (&self.config_problem, &self.config_path) {
            (Some(problem), _) => config_problem_message(problem, strings),
            (None, Some(path)) => {
                strings.config_file_is(&path.display().to_string(), path.is_file())
            }
            (None, None) => strings.no_config_path().to_owned(),
        };
        writeln!(out, "{line}")
    }
}

/// Why the config file was not used, in the interface's language: its line and key,
/// and that the whole file was set aside.
fn config_problem_message(problem: &ConfigError, strings: Strings) -> String {
    match strings.lang() {
        Lang::En => problem.to_string(),
        Lang::Zh => strings.config_ignored(
            &problem.file.display().to_string(),
            problem.line,
            problem.key.as_deref(),
        ),
    }
}

/// `briefing config`: the settings written on standard output.
pub fn print_settings(started: &Started) -> ExitCode {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match started.write_settings(&mut out).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => crate::error::finish(
            Err(crate::error::CommandError::Output(error)),
            Strings(started.cli.lang()),
        ),
    }
}
