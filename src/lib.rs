//! `briefing`: a terminal reader for Chinese official briefings and speeches.
//!
//! The pipeline: bytes → [`decode`] → [`parse`] → [`document::Document`] → [`layout`] /
//! [`render`] → the reader's view, or a non-interactive command in [`cli`].

pub mod action;
pub mod app;
pub mod cli;
pub mod decode;
pub mod document;
pub mod error;
pub mod input;
pub mod json;
pub mod keymap;
pub mod layout;
pub mod outline;
pub mod parse;
pub mod reader;
pub mod render;
pub mod report;
pub mod screen;
pub mod search;
pub mod speaking;
pub mod state;
pub mod terms;
pub mod tui;
pub mod view;
