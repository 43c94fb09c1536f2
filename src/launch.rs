//! Opening the interactive reader: the document (a large one in two steps, so the first
//! frame does not wait for the whole file), the saved reading position, and the
//! terminal session.

use std::process::ExitCode;
use std::sync::mpsc;

use crate::action::{Action, Msg};
use crate::app::{App, Settings};
use crate::check::{Profile, check};
use crate::cli::{AmbiguousArg, Cli, FileArg, Rate};
use crate::document::Document;
use crate::error::{CommandError, EXIT_ERROR, finish, report};
use crate::resume::Saved;
use crate::source::{LoadOptions, Source, SourceError, document_from_bytes, load, read_preview};
use crate::strings::Strings;
use crate::tui::{self, Background};

/// A rehearsal to start as the reader opens (`briefing rehearse`).
#[derive(Clone, Copy, Debug)]
pub struct Rehearse {
    /// `--minutes`: the target length.
    pub minutes: Option<u32>,
}

/// Opens the reader full-screen on the terminal on `file`, saying `notice` once when it
/// opens, rehearsing from the start if `rehearse` says so.
pub fn run(
    cli: &Cli,
    file: &FileArg,
    notice: Option<String>,
    rehearse: Option<Rehearse>,
) -> ExitCode {
    let source = match file.source() {
        Ok(source) => source,
        Err(error) => return finish(Err(error), Strings(cli.lang())),
    };
    let options = match cli.load_options() {
        Ok(options) => options,
        Err(error) => return finish(Err(CommandError::Load(error)), Strings(cli.lang())),
    };
    // A rehearsal starts at the top, not where reading was left.
    let resume = !cli.options.no_resume && cli.options.line.is_none() && rehearse.is_none();
    let (doc, background) = match open(&source, options, resume, Strings(cli.lang())) {
        Ok(opened) => opened,
        Err(error) => return finish(Err(CommandError::Load(error)), Strings(cli.lang())),
    };
    let loading = background.is_some();
    let saved = (!loading).then(|| Saved::of(&doc));
    let probe = cli.options.ambiguous_width == AmbiguousArg::Auto;
    let fixed = cli.options.ambiguous_width.without_terminal();
    let result = tui::run(
        probe,
        !cli.options.no_mouse,
        |probed, width, height| {
            let settings = Settings {
                indent: cli.options.indent,
                measure: cli.options.measure,
                ambiguous: if probe { probed } else { fixed },
                rate: cli.options.rate.resolve(&[]),
                colour: cli.options.colour,
                lang: cli.lang(),
                tree_percent: cli.options.tree_percent,
                rate_auto: cli.options.rate == Rate::Auto,
                minutes: rehearse.and_then(|rehearse| rehearse.minutes),
            };
            let mut app = App::new(doc, settings, width, height);
            app.set_source(&source.short_name());
            if loading {
                app.receive(Msg::Loading);
            }
            if let Some(saved) = saved {
                app.receive(Msg::Resume { saved, resume });
            }
            if let Some(line) = cli.options.line {
                app.go_to_line(line);
            }
            if let Some(notice) = notice {
                app.receive(Msg::Notice(notice));
            }
            if rehearse.is_some() {
                app.receive(tui::tick());
                app.update(Action::Rehearse);
            }
            app
        },
        |app, quitting| {
            if let Some(file) = app.state_file().cloned()
                && (quitting || app.take_state_changed())
                && let Err(warning) = file.save(app.saved_state())
            {
                app.receive(Msg::SaveFailed(warning));
            }
        },
        background,
    );
    match result {
        Ok(tui::Exit::Quit) => ExitCode::SUCCESS,
        Ok(tui::Exit::Signal(signal)) => {
            ExitCode::from(u8::try_from(128 + signal).unwrap_or(u8::MAX))
        }
        Err(error) => {
            report(
                &Strings(cli.lang()).terminal_failed(&error),
                Strings(cli.lang()),
            );
            ExitCode::from(EXIT_ERROR)
        }
    }
}

/// The document to show first, and for a large file the work that brings in the whole
/// of it, read and parsed in the background, and then puts the reader where it was left
/// if `resume`.
fn open(
    source: &Source,
    options: LoadOptions,
    resume: bool,
    strings: Strings,
) -> Result<(Document, Option<Background>), SourceError> {
    let with_source = |error| SourceError::on(source, error);
    let Some(preview) = read_preview(source).map_err(with_source)? else {
        return Ok((load(source, options)?, None));
    };
    let first = document_from_bytes(preview, options).map_err(with_source)?;
    let whole_source = source.clone();
    let background: Background = Box::new(move || {
        let (sender, receiver) = mpsc::channel::<Msg>();
        std::thread::spawn(move || match load(&whole_source, options) {
            Ok(doc) => {
                // Checked here, off the reader's thread: a second in 100 MB. The document
                // is not copied to be checked while the reader has it: that would hold
                // it twice.
                let findings = check(&doc, Profile::default());
                let saved = Saved::of(&doc);
                let loaded = Msg::Loaded {
                    doc: Box::new(doc),
                    saved,
                    resume,
                };
                if sender.send(loaded).is_ok() {
                    let _ = sender.send(Msg::Checked(findings));
                }
            }
            Err(error) => {
                let _ = sender.send(Msg::LoadFailed(strings.source_error(&error)));
            }
        });
        receiver
    });
    Ok((first, Some(background)))
}
