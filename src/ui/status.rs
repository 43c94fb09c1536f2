//! The status line: where the reader is (the point, then the heading it is in), how far
//! through the text, the speaking time left, the help key; or the prompt being typed,
//! with the terminal's cursor at its input point.

use super::theme::STATUS;
use crate::app::{App, PromptKind, Rect, RehearsalStatus, TreeRow};
use crate::speaking::{push_duration, push_number};
use std::cell::RefCell;

use super::cache::DrawCache;
use crate::text::{AmbiguousWidth, str_width, truncate};
use ratatui::buffer::Buffer;
use ratatui::widgets::Widget;
use std::rc::Rc;
use unicode_segmentation::UnicodeSegmentation;

use super::{Area, from_area};
use super::{fill, put_str, to_u16};

/// Columns the location keeps before the right part's items give way.
const LEFT_AT_LEAST: usize = 16;
/// Columns the location keeps before the file's name gives way, the first to go.
const LEFT_BESIDE_SOURCE: usize = 40;

/// The items of the right part in their order on screen, each with how much it is
/// needed (0 most): on a narrow line the least needed give way first.
fn right_items(app: &App) -> Vec<(u8, String)> {
    if let Some(status) = app.rehearsal_status() {
        return rehearsal_items(app, &status);
    }
    let mut items = Vec::new();
    if app.prompt().is_none()
        && let Some(source) = app.source_label()
    {
        items.push((SOURCE_NEED, source.to_owned()));
    }
    if let Some(search) = app.search() {
        let mut count = String::new();
        push_number(&mut count, search.current.map_or(0, |i| i + 1));
        count.push('/');
        push_number(&mut count, search.matches.len());
        items.push((0, count));
    }
    if app.prompt().is_some() {
        return items;
    }
    if app.loading() {
        items.push((1, app.strings().loading().to_owned()));
    }
    let blanks = app.placeholders().len();
    if blanks > 0 {
        let mut placeholders = app.strings().placeholders_label().to_owned();
        if let Some(current) = app.current_placeholder() {
            push_number(&mut placeholders, current + 1);
            placeholders.push('/');
        }
        push_number(&mut placeholders, blanks);
        items.push((4, placeholders));
    }
    let findings = app.findings().len();
    if findings > 0 {
        let mut count = app.strings().findings_label().to_owned();
        if let Some(current) = app.current_finding() {
            push_number(&mut count, current + 1);
            count.push('/');
        }
        push_number(&mut count, findings);
        items.push((4, count));
    }
    let mut percent = String::new();
    push_number(&mut percent, app.percent());
    percent.push('%');
    items.push((2, percent));
    let mut left = app.strings().time_left_label().to_owned();
    push_duration(&mut left, app.seconds_left(), app.settings().lang);
    items.push((3, left));
    items.push((5, app.strings().help_hint().to_owned()));
    items
}

/// While rehearsing: the clock (or that it is paused), the time left, the rate; the
/// section and its budget come first on the left.
fn rehearsal_items(app: &App, status: &RehearsalStatus) -> Vec<(u8, String)> {
    let strings = app.strings();
    let lang = app.settings().lang;
    let mut clock = strings.rehearsal_clock_label().to_owned();
    push_duration(&mut clock, status.clock, lang);
    let mut left = strings.time_left_label().to_owned();
    push_duration(&mut left, status.left, lang);
    let mut items = Vec::new();
    if !status.running {
        items.push((1, strings.rehearsal_paused()));
    }
    items.extend([
        (0, clock),
        (2, left),
        (0, strings.rate_per_minute(status.rate)),
        (5, strings.help_hint().to_owned()),
    ]);
    items
}

/// The left part while rehearsing: the section's budget, ahead or behind, and the
/// section, whose name is what gives way on a narrow line.
fn rehearsal_location(app: &App, status: &RehearsalStatus) -> String {
    let strings = app.strings();
    let mut text = format!(" {}", strings.budget_label());
    push_duration(&mut text, status.budget, app.settings().lang);
    text.push(' ');
    text.push_str(&strings.ahead_or_behind(status.ahead));
    text.push_str("  ");
    text.push_str(&status.section);
    text
}

/// How much the file's name is needed: the least.
const SOURCE_NEED: u8 = 6;

/// The right part: the items that leave the left part room for `left_wants` columns
/// (a notice or a prompt in full), or at least `LEFT_AT_LEAST`.
fn right_part(app: &App, width: usize, left_wants: usize, ambiguous: AmbiguousWidth) -> String {
    let mut items = right_items(app);
    let fits = |items: &[(u8, String)]| {
        let used: usize = items
            .iter()
            .map(|(_, item)| str_width(item, ambiguous) + 2)
            .sum();
        let with_source = items.iter().any(|(need, _)| *need == SOURCE_NEED);
        let left = left_wants.max(if with_source {
            LEFT_BESIDE_SOURCE
        } else {
            LEFT_AT_LEAST
        });
        used + 1 + left <= width
    };
    while !fits(&items) {
        let Some(least) = items
            .iter()
            .enumerate()
            .max_by_key(|(_, (need, _))| *need)
            .map(|(at, _)| at)
        else {
            break;
        };
        items.remove(least);
    }
    let mut right = String::new();
    for (_, item) in &items {
        right.push_str("  ");
        right.push_str(item);
    }
    if !right.is_empty() {
        right.push(' ');
    }
    right
}

/// The prompt as it fits in `width` columns, and the column of its input point. A long
/// line is cut at its start, so that what was just typed stays in sight.
fn prompt_text(
    prefix: char,
    line: &str,
    before_cursor: &str,
    width: usize,
    ambiguous: AmbiguousWidth,
) -> (String, usize) {
    let lead = format!(" {prefix}");
    let lead_width = str_width(&lead, ambiguous);
    let ellipsis = "…";
    // Graphemes leave the front until the text before the cursor, and the cursor's own
    // cell, fit.
    let mut kept = before_cursor;
    let mut graphemes = before_cursor.graphemes(true);
    while !kept.is_empty()
        && lead_width
            + usize::from(kept.len() < before_cursor.len()) * str_width(ellipsis, ambiguous)
            + str_width(kept, ambiguous)
            + 1
            > width
    {
        graphemes.next();
        kept = graphemes.as_str();
    }
    let cut = before_cursor.len() - kept.len();
    let mut shown = lead;
    if cut > 0 {
        shown.push_str(ellipsis);
    }
    let cursor = str_width(&shown, ambiguous) + str_width(kept, ambiguous);
    shown.push_str(line.get(cut..).unwrap_or_default());
    (truncate(&shown, width, ambiguous), cursor)
}

/// What the left part says instead of the location: the letter `m` or `'` waits for,
/// a notice; or, while a prompt is open, the room it wants (its line, or the hint).
fn left_message(app: &App) -> Option<String> {
    if let Some(prompt) = app.prompt() {
        return Some(
            if prompt.kind == PromptKind::GoTo && prompt.line.text().is_empty() {
                format!(":  {}", app.strings().go_to_hint())
            } else {
                format!("/{}", prompt.line.text())
            },
        );
    }
    app.pending_prompt()
        .or_else(|| app.notice().map(str::to_owned))
}

/// Columns the left part would like: a message or prompt in full; else the node the
/// reader is in (the point), so that the items on the right give way before it is cut,
/// up to `POINT_AT_MOST` columns.
fn left_wants(app: &App, message: Option<&str>, ambiguous: AmbiguousWidth) -> usize {
    /// A point's lead phrase is short; a longer node name may be cut rather than the
    /// speaking time left.
    const POINT_AT_MOST: usize = 28;
    match (message, app.selected()) {
        (Some(message), _) => str_width(message, ambiguous) + 1,
        (None, TreeRow::Node(index)) => {
            (str_width(&app.node_title(index), ambiguous) + 1).min(POINT_AT_MOST)
        }
        (None, TreeRow::Title) => 0,
    }
}

fn draw_status(app: &App, buf: &mut Buffer, status: Rect, cache: &RefCell<DrawCache>) {
    let ambiguous = app.settings().ambiguous;
    if status.height == 0 {
        return;
    }
    let style = STATUS;
    fill(buf, status, style);
    let message = left_message(app);
    let left_wants = left_wants(app, message.as_deref(), ambiguous);
    let right = right_part(app, status.width, left_wants, ambiguous);
    let right_width = str_width(&right, ambiguous);
    let width = status.width.saturating_sub(right_width);
    let left: Rc<str> = if let Some(prompt) = app.prompt() {
        let prefix = match prompt.kind {
            PromptKind::Search => '/',
            PromptKind::GoTo => ':',
        };
        let (text, _) = prompt_text(
            prefix,
            prompt.line.text(),
            prompt.line.before_cursor(),
            width,
            ambiguous,
        );
        if prompt.kind == PromptKind::GoTo && prompt.line.text().is_empty() {
            truncate(
                &format!("{text}  {}", app.strings().go_to_hint()),
                width,
                ambiguous,
            )
            .into()
        } else {
            text.into()
        }
    } else if let Some(message) = message {
        truncate(&format!(" {message}"), width, ambiguous).into()
    } else if let Some(rehearsal) = app.rehearsal_status() {
        truncate(&rehearsal_location(app, &rehearsal), width, ambiguous).into()
    } else {
        cache.borrow_mut().status_location(app, width)
    };
    let y = to_u16(status.y);
    let end = to_u16(status.x + status.width);
    put_str(buf, to_u16(status.x), y, end, &left, style, ambiguous);
    put_str(
        buf,
        to_u16(status.x + width),
        y,
        end,
        &right,
        style,
        ambiguous,
    );
}

/// Where the terminal's cursor stands: at the input point of a prompt being typed (an
/// input method opens its window there), else nowhere (hidden).
pub fn prompt_cursor(app: &App) -> Option<(u16, u16)> {
    let prompt = app.prompt()?;
    let status = app.panes().status;
    if status.height == 0 || app.panes().too_small {
        return None;
    }
    let ambiguous = app.settings().ambiguous;
    let left_wants = left_wants(app, left_message(app).as_deref(), ambiguous);
    let right_width = str_width(
        &right_part(app, status.width, left_wants, ambiguous),
        ambiguous,
    );
    let width = status.width.saturating_sub(right_width);
    let (_, column) = prompt_text(
        ':',
        prompt.line.text(),
        prompt.line.before_cursor(),
        width,
        ambiguous,
    );
    let column = (status.x + column).min(status.x + status.width.saturating_sub(1));
    Some((to_u16(column), to_u16(status.y)))
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
