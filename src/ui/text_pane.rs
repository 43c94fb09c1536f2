//! The text pane: the laid-out lines of the document in view, styled by role, with the
//! current marker, search matches, placeholders and `check`'s findings marked.

use crate::app::{App, Rect, geometry};
use crate::layout::{
    DisplayLine, Emphasis, Near, emphasis_at, emphasis_spans, span_at, spans_over,
};
use crate::term::Plan;
use ratatui::buffer::Buffer;
use ratatui::widgets::Widget;
use std::ops::Range;

use super::theme::{BAND, Mark, style_of};
use super::{Area, from_area};
use super::{in_sorted, is_carried, put_str, to_u16};
use ratatui::style::Style;

/// What can mark text in the lines on screen.
pub(super) struct Marks<'a> {
    pub(super) spans: Vec<(Range<usize>, Emphasis)>,
    pub(super) highlight: Option<&'a Range<usize>>,
    pub(super) matches: &'a [Range<usize>],
    pub(super) placeholders: &'a [crate::terms::Placeholder],
    pub(super) findings: &'a [crate::check::Finding],
}

impl<'a> Marks<'a> {
    pub(super) fn of(app: &'a App) -> Self {
        let shown = app.window().first().map_or(0, |line| line.source().start)
            ..app.window().last().map_or(0, |line| line.source().end);
        Self {
            spans: emphasis_spans(
                app.doc(),
                shown,
                Near {
                    block: app.window_block(),
                    node: app.selected_node(),
                },
            ),
            highlight: app.highlight(),
            matches: app.search().map_or(&[], |search| &search.matches),
            placeholders: app.placeholders(),
            findings: app.findings(),
        }
    }

    /// True when anything marks text in `drawn`.
    pub(super) fn on(&self, drawn: &Range<usize>) -> bool {
        self.highlight
            .is_some_and(|range| range.start < drawn.end && drawn.start < range.end)
            || !spans_over(self.matches, |range| range, drawn).is_empty()
            || !spans_over(self.placeholders, |placeholder| &placeholder.span, drawn).is_empty()
            || !spans_over(self.findings, |finding| &finding.span, drawn).is_empty()
            || !spans_over(&self.spans, |(range, _)| range, drawn).is_empty()
    }
}

/// Where a line's drawn text starts in it, and the document bytes it draws; None for a
/// line that draws nothing.
pub(super) fn drawn_range(line: &DisplayLine) -> Option<(usize, Range<usize>)> {
    let (&(first_text, first_source), &(_, last_source)) =
        (line.screen.clusters.first()?, line.screen.clusters.last()?);
    let drawn = line.base + first_source as usize..line.base + last_source as usize + 1;
    Some((first_text as usize, drawn))
}

/// True for the line a rehearsal's band is on.
pub(super) fn is_band(app: &App, line: &DisplayLine) -> bool {
    app.band()
        .is_some_and(|(block, start)| line.block == Some(block) && line.source().start == start)
}

fn draw_text(app: &App, buf: &mut Buffer, pane: Rect, plan: &Plan) {
    let ambiguous = app.settings().ambiguous;
    let text = geometry::text_columns(&pane);
    let left = text.x;
    let end = to_u16(left + text.width);
    let columns = pane.x..pane.x + pane.width;
    let marks = Marks::of(app);
    let visible = app.window().iter().take(pane.height);
    for (screen_row, line) in visible.enumerate() {
        let y = pane.y + screen_row;
        if is_carried(plan, y, &columns) {
            continue;
        }
        let y = to_u16(y);
        let mut x = to_u16(left + line.pad);
        let Some((first_text, drawn)) = drawn_range(line) else {
            continue;
        };
        // The band: the whole row of the text pane, so the eye finds it at a glance.
        let band = is_band(app, line);
        if band {
            let row = Rect {
                y: usize::from(y),
                height: 1,
                ..pane
            };
            super::fill(buf, row, BAND);
        }
        let band_style = |style: Style| if band { style.patch(BAND) } else { style };
        // Most lines hold nothing marked: they are drawn in one piece, without asking
        // about every cluster.
        if !marks.on(&drawn) {
            let text = line.screen.text.get(first_text..).unwrap_or_default();
            let style = band_style(Mark::None.patch(style_of(Emphasis::Plain)));
            put_str(buf, x, y, end, text, style, ambiguous);
            continue;
        }
        let Marks {
            spans,
            highlight,
            matches,
            placeholders,
            findings,
        } = &marks;
        let segments = line.segments_by(|offset| {
            let mark = if highlight.is_some_and(|range| range.contains(&offset)) {
                Mark::Current
            } else if in_sorted(matches, offset) {
                Mark::Match
            } else if span_at(placeholders, |p| &p.span, offset).is_some() {
                Mark::Placeholder
            } else if span_at(findings, |f| &f.span, offset).is_some() {
                Mark::Finding
            } else {
                Mark::None
            };
            (emphasis_at(spans, offset), mark)
        });
        for (text, (emphasis, mark)) in segments {
            x = put_str(
                buf,
                x,
                y,
                end,
                text,
                band_style(mark.patch(style_of(emphasis))),
                ambiguous,
            );
        }
    }
}

/// The text pane as a widget: the lines in view, but those the plan carries over from
/// the frame on screen.
pub struct TextPane<'a> {
    pub app: &'a App,
    pub plan: &'a Plan,
}

impl Widget for &TextPane<'_> {
    fn render(self, area: Area, buf: &mut Buffer) {
        draw_text(self.app, buf, from_area(area), self.plan);
    }
}
