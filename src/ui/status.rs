//! The status line: where the reader is (heading › point), placeholders, how far through
//! the text, the speaking time left, the help key.

use super::theme::STATUS;
use crate::app::{App, Rect};
use crate::speaking::{push_duration, push_number};
use std::cell::RefCell;

use super::cache::DrawCache;
use crate::strings;
use crate::text::{str_width, truncate};
use ratatui::buffer::Buffer;
use ratatui::widgets::Widget;
use std::rc::Rc;

use super::{Area, from_area};
use super::{fill, put_str, to_u16};

fn draw_status(app: &App, buf: &mut Buffer, status: Rect, cache: &RefCell<DrawCache>) {
    let ambiguous = app.settings().ambiguous;
    if status.height == 0 {
        return;
    }
    let style = STATUS;
    fill(buf, status, style);
    let mut right = String::new();
    if let Some(search) = app.search() {
        right.push(' ');
        push_number(&mut right, search.current.map_or(0, |i| i + 1));
        right.push('/');
        push_number(&mut right, search.matches.len());
    }
    if app.loading() {
        right.push_str("  ");
        right.push_str(strings::LOADING);
    }
    let blanks = app.placeholders().len();
    if blanks > 0 {
        right.push_str("  空白");
        push_number(&mut right, blanks);
    }
    right.push_str("  ");
    push_number(&mut right, app.percent());
    right.push_str("%  余");
    push_duration(&mut right, app.seconds_left());
    right.push_str("  ?帮助 ");
    let right_width = str_width(&right, ambiguous);
    let y = to_u16(status.y);
    let end = to_u16(status.x + status.width);
    if right_width + 8 <= status.width {
        let width = status.width - right_width;
        let left: Rc<str> = match (app.search(), app.notice()) {
            (Some(search), _) if search.editing => {
                truncate(&format!(" /{}", search.query), width, ambiguous).into()
            }
            (_, Some(notice)) => truncate(&format!(" {notice}"), width, ambiguous).into(),
            _ => cache.borrow_mut().status_location(app, width),
        };
        put_str(buf, to_u16(status.x), y, end, &left, style, ambiguous);
        put_str(
            buf,
            to_u16(status.x + status.width - right_width),
            y,
            end,
            &right,
            style,
            ambiguous,
        );
    } else {
        let short = truncate(&right, status.width, ambiguous);
        put_str(buf, to_u16(status.x), y, end, &short, style, ambiguous);
    }
}

/// The status line as a widget.
pub struct StatusBar<'a> {
    pub app: &'a App,
    pub cache: &'a RefCell<DrawCache>,
}

impl Widget for &StatusBar<'_> {
    fn render(self, area: Area, buf: &mut Buffer) {
        draw_status(self.app, buf, from_area(area), self.cache);
    }
}
