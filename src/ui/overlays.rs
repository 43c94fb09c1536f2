//! The overlays drawn over the panes: the help (the keymap's table), the key
//! formulations, and the box each sits in.

use super::Area;
use super::theme::{BORDER, BOX_TITLE, HELP_KEYS, HIGHLIGHT};
use crate::app::{App, Rect, geometry};
use crate::text::{AmbiguousWidth, str_width, truncate};
use ratatui::buffer::Buffer;
use ratatui::style::Style;
use ratatui::widgets::Widget;

use super::{fill, put_str, to_u16};

/// Clears `area`, draws a border with a title and returns the inside. ASCII corners on
/// wide-ambiguous terminals, for the same reason as the separator.
pub(super) fn draw_box(
    buf: &mut Buffer,
    area: Rect,
    title: &str,
    ambiguous: AmbiguousWidth,
) -> Rect {
    fill(buf, area, Style::new());
    if area.width < 2 || area.height < 2 {
        return Rect::default();
    }
    let (horizontal, vertical, corners) = match ambiguous {
        AmbiguousWidth::Narrow => ("─", "│", ["┌", "┐", "└", "┘"]),
        AmbiguousWidth::Wide => ("-", "|", ["+", "+", "+", "+"]),
    };
    let border = BORDER;
    let (left, right) = (to_u16(area.x), to_u16(area.x + area.width - 1));
    let (top, bottom) = (to_u16(area.y), to_u16(area.y + area.height - 1));
    for column in left + 1..right {
        put_str(buf, column, top, column + 1, horizontal, border, ambiguous);
        put_str(
            buf,
            column,
            bottom,
            column + 1,
            horizontal,
            border,
            ambiguous,
        );
    }
    for row in top + 1..bottom {
        put_str(buf, left, row, left + 1, vertical, border, ambiguous);
        put_str(buf, right, row, right + 1, vertical, border, ambiguous);
    }
    for (corner, (x, y)) in
        corners
            .iter()
            .zip([(left, top), (right, top), (left, bottom), (right, bottom)])
    {
        put_str(buf, x, y, x + 1, corner, border, ambiguous);
    }
    let title = truncate(
        &format!(" {title} "),
        area.width.saturating_sub(4),
        ambiguous,
    );
    put_str(buf, left + 2, top, right, &title, BOX_TITLE, ambiguous);
    geometry::inside_border(area)
}

fn draw_formulations(app: &App, buf: &mut Buffer) {
    let rows: Vec<String> = app
        .formulations()
        .iter()
        .map(|f| format!("{} ×{}", f.text, f.count))
        .collect();
    draw_list(
        app,
        buf,
        app.strings().formulations_title(),
        &rows,
        app.formulation_selected(),
    );
}

/// The findings of `check`: where each is, its level and what it says.
fn draw_findings(app: &App, buf: &mut Buffer) {
    let strings = app.strings();
    let rows: Vec<String> = app
        .findings()
        .iter()
        .map(|finding| {
            let (line, column) = crate::check::position(app.doc(), finding.span.start);
            let level = strings.severity(finding.code.severity());
            format!("{line}:{column} {level} {}", strings.finding(finding))
        })
        .collect();
    draw_list(
        app,
        buf,
        strings.findings_title(),
        &rows,
        app.finding_selected(),
    );
}

/// A panel of rows in a box above the status line, the selected one highlighted and in
/// view.
fn draw_list(app: &App, buf: &mut Buffer, title: &str, rows: &[String], selected: usize) {
    let ambiguous = app.settings().ambiguous;
    let widest = rows
        .iter()
        .map(|r| str_width(r, ambiguous))
        .max()
        .unwrap_or(0);
    let area = geometry::formulations_box(app.panes(), widest, rows.len());
    let inner = draw_box(buf, area, title, ambiguous);
    let end = to_u16(inner.x + inner.width);
    if rows.is_empty() {
        put_str(
            buf,
            to_u16(inner.x + 1),
            to_u16(inner.y),
            end,
            app.strings().nothing(),
            Style::new(),
            ambiguous,
        );
        return;
    }
    let first = selected.saturating_sub(inner.height.saturating_sub(1));
    for (i, row) in rows.iter().enumerate().skip(first).take(inner.height) {
        let y = inner.y + i - first;
        let style = if i == selected {
            HIGHLIGHT
        } else {
            Style::new()
        };
        if i == selected {
            fill(
                buf,
                Rect {
                    y,
                    height: 1,
                    ..inner
                },
                style,
            );
        }
        let text = truncate(row, inner.width.saturating_sub(2), ambiguous);
        put_str(
            buf,
            to_u16(inner.x + 1),
            to_u16(y),
            end,
            &text,
            style,
            ambiguous,
        );
    }
}

fn draw_help(app: &App, buf: &mut Buffer) {
    let ambiguous = app.settings().ambiguous;
    let layout = app.help_layout();
    let rows = &layout.lines;
    let more = rows.len() > layout.area.height.saturating_sub(2);
    let title = if more {
        app.strings().help_title_scrolling()
    } else {
        app.strings().help_title()
    };
    let inner = draw_box(buf, layout.area, title, ambiguous);
    let end = to_u16(inner.x + inner.width.saturating_sub(1));
    let first = app.help_top().min(rows.len().saturating_sub(inner.height));
    for (i, (keys, help)) in rows.iter().skip(first).take(inner.height).enumerate() {
        let y = to_u16(inner.y + i);
        let x = to_u16(inner.x + 1);
        put_str(buf, x, y, end, keys, HELP_KEYS, ambiguous);
        put_str(
            buf,
            to_u16(inner.x + layout.text_x),
            y,
            end,
            help,
            Style::new(),
            ambiguous,
        );
    }
}

/// The help overlay as a widget: the keymap's table in a box centred in the area above
/// the status line, from the row the help is scrolled to.
pub struct HelpOverlay<'a> {
    pub app: &'a App,
}

impl Widget for &HelpOverlay<'_> {
    fn render(self, _area: Area, buf: &mut Buffer) {
        draw_help(self.app, buf);
    }
}

/// The findings panel as a widget.
pub struct FindingsOverlay<'a> {
    pub app: &'a App,
}

impl Widget for &FindingsOverlay<'_> {
    fn render(self, _area: Area, buf: &mut Buffer) {
        draw_findings(self.app, buf);
    }
}

/// The key formulations overlay as a widget.
pub struct FormulationsOverlay<'a> {
    pub app: &'a App,
}

impl Widget for &FormulationsOverlay<'_> {
    fn render(self, _area: Area, buf: &mut Buffer) {
        draw_formulations(self.app, buf);
    }
}
