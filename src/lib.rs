//! `briefing`: a terminal reader for Chinese official briefings and speeches.
//!
//! The data path, from the leaves up (docs/ARCHITECTURE.md has the diagram):
//!
//! - the document: [`source`] reads bytes (a file, standard input, the embedded briefing)
//!   and turns a Word file, a web page or a PDF into text, [`decode`] turns bytes of
//!   text into text, [`parse`] finds the structure, giving the immutable
//!   [`document::Document`];
//! - the text: [`text`] measures display widths and breaks Chinese lines; [`layout`] lays
//!   the document out as screen lines for one pane width;
//! - what users ask of it: [`search`], [`terms`] (key formulations, placeholders),
//!   [`speaking`] (speaking time), [`outline`], [`report`] and [`export`] (the commands'
//!   output);
//! - the reader: [`keymap`] turns keys into [`action`]s, [`app`] is the state and the one
//!   place it changes, [`ui`] draws it, [`term`] turns frames into terminal bytes,
//!   [`tui`] runs the terminal and the event loop, [`launch`] opens a document in it,
//!   [`resume`] keeps the reading position between sessions, [`rehearsal`] paces and
//!   times a speech read aloud;
//! - the words: [`lang`] the interface's language, [`strings`] every sentence shown to a
//!   user, in Chinese and in English;
//! - the edges: [`cli`] defines the arguments and runs the non-interactive commands,
//!   [`config`] reads the defaults a user sets in a config file,
//!   [`error`] the exit codes and error lines, [`json`] safe JSON output.

pub mod action;
pub mod app;
pub mod check;
pub mod cli;
pub mod config;
pub mod decode;
pub mod document;
pub mod error;
pub mod export;
pub mod json;
pub mod keymap;
pub mod lang;
pub mod launch;
pub mod layout;
pub mod outline;
pub mod parse;
pub mod rehearsal;
pub mod report;
pub mod resume;
pub mod search;
pub mod settings;
pub mod source;
pub mod speaking;
pub mod strings;
pub mod term;
pub mod terms;
pub mod text;
pub mod tui;
pub mod ui;
