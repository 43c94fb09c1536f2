//! Opening the interactive reader: the document (a large one in two steps, so the first
//! frame does not wait for the whole file), the saved reading position, and the
//! terminal session.

use std::process::ExitCode;
use std::sync::mpsc;

use crate::app::{App, Settings};
use crate::cli::{AmbiguousArg, Cli};
use crate::document::Document;
use crate::error::{CommandError, EXIT_ERROR, finish, report};
use crate::resume::{SavedState, StateFile, state_dir};
use crate::source::{LoadOptions, Source, SourceError, document_from_bytes, load, read_preview};
use crate::tui::{self, AppUpdate, Background};

/// The saved state of a document, read from its state file.
struct Saved {
    file: Option<StateFile>,
    state: Result<Option<SavedState>, String>,
}

impl Saved {
    fn of(doc: &Document) -> Self {
        let file = state_dir().map(|dir| StateFile::for_text(&dir, &doc.text));
        let state = file.as_ref().map_or(Ok(None), StateFile::load);
        Self { file, state }
    }

    /// Puts the reader where it was left (unless `--no-resume`) with its marks.
    fn apply(self, app: &mut App, resume: bool) {
        match self.state {
            Ok(Some(state)) => {
                let position = if resume { state.position } else { 0 };
                app.restore(position, state.marks);
            }
            Err(warning) => app.set_warning(Some(warning)),
            Ok(None) => {}
        }
        app.set_state_file(self.file);
    }
}

/// Opens the reader full-screen on the terminal.
pub fn run(cli: &Cli) -> ExitCode {
    let source = Source::from_arg(cli.file.as_deref());
    let options = match cli.load_options() {
        Ok(options) => options,
        Err(error) => return finish(Err(CommandError::Load(error))),
    };
    let resume = !cli.options.no_resume;
    let (doc, background) = match open(&source, options, resume) {
        Ok(opened) => opened,
        Err(error) => return finish(Err(CommandError::Load(error))),
    };
    let loading = background.is_some();
    let saved = (!loading).then(|| Saved::of(&doc));
    let probe = cli.options.ambiguous_width == AmbiguousArg::Auto;
    let fixed = cli.options.ambiguous_width.without_terminal();
    let result = tui::run(
        probe,
        |probed, width, height| {
            let settings = Settings {
                indent: cli.options.indent,
                measure: cli.options.measure,
                ambiguous: if probe { probed } else { fixed },
                rate: cli.options.rate,
            };
            let mut app = App::new(doc, settings, width, height);
            app.set_loading(loading);
            if let Some(saved) = saved {
                saved.apply(&mut app, resume);
            }
            app
        },
        |app, quitting| {
            if let Some(file) = app.state_file().cloned()
                && (quitting || app.take_state_changed())
                && let Err(warning) = file.save(app.position(), app.marks())
            {
                app.set_warning(Some(warning));
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
            report(&format!("terminal: {error}"));
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
) -> Result<(Document, Option<Background>), SourceError> {
    let with_source = |error| SourceError {
        source_name: source.display_name(),
        error,
    };
    let Some(preview) = read_preview(source).map_err(with_source)? else {
        return Ok((load(source, options)?, None));
    };
    let first = document_from_bytes(preview, options).map_err(with_source)?;
    let whole_source = source.clone();
    let background: Background = Box::new(move || {
        let (sender, receiver) = mpsc::channel::<AppUpdate>();
        std::thread::spawn(move || {
            let update: AppUpdate = match load(&whole_source, options) {
                Ok(doc) => {
                    let saved = Saved::of(&doc);
                    Box::new(move |app: &mut App| {
                        let at_start = app.position() == 0;
                        app.replace_document(doc);
                        app.set_loading(false);
                        // Resume only if the reader has not moved while the file loaded.
                        saved.apply(app, resume && at_start);
                    })
                }
                Err(error) => {
                    let message = error.to_string();
                    Box::new(move |app: &mut App| {
                        app.set_loading(false);
                        app.set_warning(Some(format!("only the start is shown: {message}")));
                    })
                }
            };
            let _ = sender.send(update);
        });
        receiver
    });
    Ok((first, Some(background)))
}
