//! The overlays drawn over the panes: the help (the keymap's table), the key
//! formulations, and the box each sits in.

use super::Area;
use super::theme::{BORDER, BOX_TITLE, HELP_KEYS, HIGHLIGHT};
use crate::app::{App, Rect, geometry};
use crate::speaking::format_duration;
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
    let area = geometry::list_box(app.panes(), widest, rows.len());
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

/// The lines of a rehearsal's summary: a head, a row a section (its estimate, the time
/// it took, the difference, its name), the total, and whether it was kept.
fn summary_lines(app: &App) -> Vec<String> {
    let Some(summary) = app.summary() else {
        return Vec::new();
    };
    let strings = app.strings();
    let lang = app.settings().lang;
    let ambiguous = app.settings().ambiguous;
    let time = |seconds| format_duration(seconds, lang);
    let difference = |seconds: u64, budget: u64| {
        let signed = |n: u64| i64::try_from(n).unwrap_or(i64::MAX);
        strings.difference(signed(seconds) - signed(budget))
    };
    let mut cells: Vec<[String; 4]> = vec![strings.summary_heads().map(str::to_owned)];
    cells.extend(summary.rows.iter().map(|row| {
        [
            time(row.budget),
            time(row.seconds),
            difference(row.seconds, row.budget),
            row.label.clone(),
        ]
    }));
    cells.push([
        time(summary.budget),
        time(summary.seconds),
        difference(summary.seconds, summary.budget),
        strings.stats_total().to_owned(),
    ]);
    let widths: Vec<usize> = (0..3)
        .map(|column| {
            cells
                .iter()
                .map(|row| str_width(&row[column], ambiguous))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut lines: Vec<String> = cells
        .iter()
        .map(|row| {
            let mut line = String::new();
            for (cell, width) in row.iter().zip(&widths) {
                line.push_str(&" ".repeat(width - str_width(cell, ambiguous)));
                line.push_str(cell);
                line.push_str("  ");
            }
            line.push_str(&row[3]);
            line
        })
        .collect();
    if summary.record.is_none() {
        lines.push(strings.rehearsal_not_kept().to_owned());
    }
    lines
}

fn draw_summary(app: &App, buf: &mut Buffer) {
    let ambiguous = app.settings().ambiguous;
    let lines = summary_lines(app);
    let widest = lines
        .iter()
        .map(|line| str_width(line, ambiguous))
        .max()
        .unwrap_or(0);
    let area = geometry::list_box(app.panes(), widest, lines.len());
    let inner = draw_box(buf, area, app.strings().summary_title(), ambiguous);
    let end = to_u16(inner.x + inner.width);
    // The total and the note stay in sight: the sections give way from the bottom.
    let tail = if lines.len() > inner.height { 2 } else { 0 };
    let shown = lines
        .iter()
        .take(inner.height.saturating_sub(tail))
        .chain(lines.iter().skip(lines.len().saturating_sub(tail)));
    for (y, line) in (inner.y..).zip(shown) {
        let text = truncate(line, inner.width.saturating_sub(2), ambiguous);
        put_str(
            buf,
            to_u16(inner.x + 1),
            to_u16(y),
            end,
            &text,
            Style::new(),
            ambiguous,
        );
    }
}

/// Which panel an overlay is: each draws itself in a box above the status line.
#[derive(Clone, Copy)]
pub enum Panel {
    Help,
    Formulations,
    Findings,
    /// A rehearsal's summary: every section's estimate and time, and the total.
    Summary,
}

/// An overlay panel as a widget: the keymap's help, the key formulations, `check`'s
/// findings, a rehearsal's summary.
pub struct PanelOverlay<'a> {
    pub app: &'a App,
    pub panel: Panel,
}

impl Widget for &PanelOverlay<'_> {
    fn render(self, _area: Area, buf: &mut Buffer) {
        let draw = match self.panel {
            Panel::Help => draw_help,
            Panel::Formulations => draw_formulations,
            Panel::Findings => draw_findings,
            Panel::Summary => draw_summary,
        };
        draw(self.app, buf);
    }
}
