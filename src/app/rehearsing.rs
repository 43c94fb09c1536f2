//! The reader rehearsing: the band (the line being spoken) moved line by line at each
//! line's due time, kept a third of the way down the text at full width; its keys;
//! the summary at the end and the rehearsals kept. The pacing and timing themselves are
//! [`crate::rehearsal`]'s; here they meet the laid-out lines. Time comes in by
//! [`Msg::Tick`](super::Msg::Tick) only.

use std::time::Instant;

use super::{Action, App, Effect, Focus, LinePos, Overlay};
use crate::action::RATE_STEP;
use crate::document::BlockRole;
use crate::rehearsal::{KEPT_AT_MOST, Pace, Record, Rehearsal, Section, budgets_of, pause_units};
use crate::report::Stats;
use crate::speaking::{RATE_RANGE, is_spoken, seconds_for};

/// A rehearsal in the reader: the run and where its band is.
#[derive(Clone, Debug)]
pub(super) struct Rehearsing {
    run: Rehearsal,
    /// The line being spoken, where its text starts (to find it again after the text is
    /// laid out anew), and its spoken characters.
    band: LinePos,
    band_at: usize,
    band_chars: usize,
    /// `t` showed the tree beside the text.
    tree: bool,
}

/// What of a rehearsal decides what is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct View {
    band: LinePos,
    clock: u64,
    rate: u32,
    running: bool,
    tree: bool,
}

/// What the status line shows while rehearsing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RehearsalStatus {
    /// Seconds on the clock.
    pub clock: u64,
    pub running: bool,
    pub rate: u32,
    /// Seconds of speaking left from the band at the rate.
    pub left: u64,
    pub section: String,
    pub budget: u64,
    /// Seconds ahead of the section's budget (negative: behind).
    pub ahead: i64,
}

/// What a line means to the pace: its spoken characters and pause units.
struct LineFacts {
    start: usize,
    chars: usize,
    pauses: usize,
}

/// A third of the way down: where the eye rests when reading ahead.
const BAND_ROW_SHARE: usize = 3;

impl App {
    /// True while a rehearsal is under way.
    pub fn rehearsing(&self) -> bool {
        self.rehearsing.is_some()
    }

    /// The band's line, as its block and where its text starts, for drawing.
    pub fn band(&self) -> Option<(usize, usize)> {
        self.rehearsing
            .as_ref()
            .map(|rehearsing| (rehearsing.band.block, rehearsing.band_at))
    }

    /// When the band's line is done: the event loop sleeps until then. None when no
    /// rehearsal runs, or it is paused: then nothing wakes the reader but the user.
    pub fn next_due(&self) -> Option<Instant> {
        self.rehearsing.as_ref().and_then(|r| r.run.due())
    }

    /// The summary of the rehearsal that just ended, while it is shown.
    pub fn summary(&self) -> Option<&crate::rehearsal::Summary> {
        self.summary
            .as_ref()
            .filter(|_| self.overlay == Some(Overlay::Summary))
    }

    /// The tree's share of the width: none while rehearsing unless `t` showed it.
    pub(super) fn shown_tree_percent(&self) -> usize {
        match &self.rehearsing {
            Some(rehearsing) if !rehearsing.tree => 0,
            _ => self.tree_percent,
        }
    }

    pub(super) fn rehearsal_view(&self) -> Option<View> {
        let rehearsing = self.rehearsing.as_ref()?;
        let clock = self
            .now
            .map_or(0, |(now, _)| rehearsing.run.elapsed(now).as_secs());
        Some(View {
            band: rehearsing.band,
            clock,
            rate: rehearsing.run.pace.rate,
            running: rehearsing.run.clock.is_running(),
            tree: rehearsing.tree,
        })
    }

    /// Takes back the rehearsals of earlier sessions; with `--rate auto`, the rate the
    /// last of them measured.
    pub(super) fn restore_rehearsals(&mut self, rehearsals: Vec<Record>) {
        if self.settings.rate_auto
            && let Some(last) = rehearsals.last()
        {
            self.settings.rate = last.rate;
            // The tree's times are kept between frames: at the old rate until told.
            self.generation += 1;
        }
        self.rehearsals = rehearsals;
    }

    /// The time: the band goes on by every line that fell due by `at`; the rehearsal
    /// ends when the speech does.
    pub(super) fn tick(&mut self, at: Instant, unix: u64) -> Effect {
        let before = self.rehearsal_view();
        self.now = Some((at, unix));
        while let Some(rehearsing) = &self.rehearsing
            && rehearsing.run.is_due(at)
        {
            let from = rehearsing.band;
            let Some((pos, facts)) = self
                .pages
                .next(&self.doc, from)
                .and_then(|next| self.spoken_line(next, true))
            else {
                self.end_rehearsal();
                return Effect::Redraw;
            };
            let section = self.section_of(facts.start);
            if let Some(rehearsing) = &mut self.rehearsing {
                let time = rehearsing.run.pace.line_time(facts.chars, facts.pauses);
                rehearsing.run.step_on(rehearsing.band_chars, section, time);
                rehearsing.band = pos;
                rehearsing.band_at = facts.start;
                rehearsing.band_chars = facts.chars;
            }
        }
        if self.rehearsal_view() == before {
            return Effect::None;
        }
        self.place_band();
        Effect::Redraw
    }

    /// `r`: a rehearsal from the first spoken line at or after the top line (from the
    /// start when there is none after it).
    pub(super) fn start_rehearsal(&mut self) {
        let Some((now, unix)) = self.now else {
            return;
        };
        let top = self.top;
        let Some((band, facts)) = self
            .spoken_line(top, true)
            .or_else(|| self.spoken_line(LinePos::default(), true))
        else {
            self.aids.notice = Some(self.strings().nothing_to_rehearse().to_owned());
            return;
        };
        let rate = self.settings.rate;
        let pace = Pace::new(rate, self.spoken.total(), self.pause_units());
        let sections = self.sections(rate);
        let current = sections
            .partition_point(|section| section.start <= facts.start)
            .saturating_sub(1);
        let time = pace.line_time(facts.chars, facts.pauses);
        self.rehearsing = Some(Rehearsing {
            run: Rehearsal::start(now, unix, pace, sections, current, time),
            band,
            band_at: facts.start,
            band_chars: facts.chars,
            tree: false,
        });
        self.overlay = None;
        self.focus = Focus::Text;
        self.highlight = None;
        let (width, height) = self.size;
        self.resize(width, height);
    }

    /// The keys of a rehearsal; false for those it leaves to the reader (resize,
    /// suspend, quit: a rehearsal quit is kept first).
    pub(super) fn update_rehearsal(&mut self, action: Action) -> bool {
        let (Some(rehearsing), Some((now, _))) = (&mut self.rehearsing, self.now) else {
            return false;
        };
        match action {
            Action::Pause => rehearsing.run.toggle_pause(now),
            Action::Faster | Action::Slower => {
                let rate = rehearsing.run.pace.rate;
                let rate = if action == Action::Faster {
                    rate.saturating_add(RATE_STEP)
                } else {
                    rate.saturating_sub(RATE_STEP)
                }
                .clamp(*RATE_RANGE.start(), *RATE_RANGE.end());
                let band = rehearsing.band;
                if let Some(facts) = self.line_facts(band)
                    && let Some(rehearsing) = &mut self.rehearsing
                {
                    let time = rehearsing
                        .run
                        .pace
                        .with_rate(rate)
                        .line_time(facts.chars, facts.pauses);
                    rehearsing.run.set_rate(now, rate, time);
                }
            }
            Action::Down | Action::Up => self.nudge(now, action == Action::Down),
            Action::NextPoint
            | Action::PreviousPoint
            | Action::NextHeading
            | Action::PreviousHeading => {
                self.jump_by(action);
                let position = self.current_position();
                self.highlight = None;
                let line = self.line_at(position);
                if let Some((pos, facts)) = self.spoken_line(line, true) {
                    self.move_band(now, pos, &facts, 0);
                }
            }
            Action::ToggleTree => {
                rehearsing.tree = !rehearsing.tree;
                let (width, height) = self.size;
                self.resize(width, height);
            }
            Action::Rehearse => self.end_rehearsal(),
            Action::Quit => {
                self.end_rehearsal();
                return false;
            }
            Action::Resize { .. } | Action::Suspend | Action::Help => return false,
            // The band sets the text's place: the wheel and clicks would only fight it.
            _ => {}
        }
        self.place_band();
        true
    }

    /// While the summary is shown: any key but quit (and a resize or suspend) closes it.
    pub(super) fn update_summary(&mut self, action: Action) -> bool {
        if self.overlay != Some(Overlay::Summary) {
            return false;
        }
        match action {
            Action::Resize { .. } | Action::Quit | Action::Suspend => false,
            _ => {
                self.overlay = None;
                self.summary = None;
                true
            }
        }
    }

    /// `j` and `k`: the band a spoken line on or back, the clock running on; the line
    /// stepped over counts as read, and one stepped back onto as not.
    fn nudge(&mut self, now: Instant, forward: bool) {
        let Some(rehearsing) = &self.rehearsing else {
            return;
        };
        let (from, chars) = (rehearsing.band, rehearsing.band_chars);
        let step = if forward {
            self.pages.next(&self.doc, from)
        } else {
            self.pages.previous(&self.doc, from)
        };
        if let Some((pos, facts)) = step.and_then(|pos| self.spoken_line(pos, forward)) {
            let read = if forward {
                isize::try_from(chars).unwrap_or(0)
            } else {
                -isize::try_from(facts.chars).unwrap_or(0)
            };
            self.move_band(now, pos, &facts, read);
        }
    }

    fn move_band(&mut self, now: Instant, pos: LinePos, facts: &LineFacts, read: isize) {
        let section = self.section_of(facts.start);
        if let Some(rehearsing) = &mut self.rehearsing {
            let time = rehearsing.run.pace.line_time(facts.chars, facts.pauses);
            rehearsing.run.move_band(now, section, time, read);
            rehearsing.band = pos;
            rehearsing.band_at = facts.start;
            rehearsing.band_chars = facts.chars;
        }
    }

    /// Ends the rehearsal with its summary shown; one of [`KEPT_FROM`] or more is kept
    /// with the saved state.
    ///
    /// [`KEPT_FROM`]: crate::rehearsal::KEPT_FROM
    fn end_rehearsal(&mut self) {
        // A rehearsal starts only at a known time, so there is one to end it at.
        let (Some((now, _)), Some(rehearsing)) = (self.now, self.rehearsing.take()) else {
            return;
        };
        let summary = rehearsing.run.finish(now);
        if let Some(record) = summary.record.clone() {
            self.rehearsals.push(record);
            let over = self.rehearsals.len().saturating_sub(KEPT_AT_MOST);
            self.rehearsals.drain(..over);
            self.mark_state_changed();
        }
        self.summary = Some(summary);
        self.overlay = Some(Overlay::Summary);
        let (width, height) = self.size;
        self.resize(width, height);
    }

    /// After the text is laid out anew: the band's line found again by its text.
    pub(super) fn find_band_again(&mut self) {
        let Some(at) = self.rehearsing.as_ref().map(|r| r.band_at) else {
            return;
        };
        let line = self.line_at(at);
        if let Some(rehearsing) = &mut self.rehearsing {
            rehearsing.band = line;
        }
        self.place_band();
    }

    /// The text placed with the band a third of the way down the pane.
    fn place_band(&mut self) {
        let Some(band) = self.rehearsing.as_ref().map(|r| r.band) else {
            return;
        };
        let above = isize::try_from(self.page() / BAND_ROW_SHARE).unwrap_or(0);
        let top = self.pages.advance(&self.doc, band, -above);
        self.top = self.clamp_top(top);
        self.refresh_window();
        self.follow_tree();
    }

    /// The first line from `pos` on (or back, unless `forward`) with spoken text.
    fn spoken_line(&mut self, mut pos: LinePos, forward: bool) -> Option<(LinePos, LineFacts)> {
        loop {
            let facts = self.line_facts(pos)?;
            if facts.chars > 0 {
                return Some((pos, facts));
            }
            if forward && facts.start >= self.spoken.end() {
                return None;
            }
            pos = if forward {
                self.pages.next(&self.doc, pos)?
            } else {
                self.pages.previous(&self.doc, pos)?
            };
        }
    }

    /// A line's spoken characters and pauses (none on a blank or unspoken line).
    fn line_facts(&mut self, pos: LinePos) -> Option<LineFacts> {
        let line = self.pages.get(&self.doc, pos)?;
        let (block, source) = (line.block, line.source());
        let Some(block) = block else {
            return Some(LineFacts {
                start: source.start,
                chars: 0,
                pauses: 0,
            });
        };
        let before = |offset| self.spoken.before(&self.doc, offset);
        let chars = before(source.end).saturating_sub(before(source.start));
        if chars == 0 {
            return Some(LineFacts {
                start: source.start,
                chars,
                pauses: 0,
            });
        }
        let next = self.pages.next(&self.doc, pos);
        let ends_paragraph = next
            .and_then(|next| self.pages.get(&self.doc, next))
            .is_none_or(|line| line.block != Some(block));
        let ends_section = ends_paragraph && self.block_ends_section(block);
        Some(LineFacts {
            start: source.start,
            chars,
            pauses: pause_units(self.doc.slice(&source), ends_paragraph, ends_section),
        })
    }

    /// True when the spoken paragraph after block `index` is a heading, or there is none.
    fn block_ends_section(&self, index: usize) -> bool {
        let end = self.spoken.end();
        self.doc
            .blocks
            .iter()
            .skip(index + 1)
            .take_while(|block| block.span.start < end)
            .find(|block| is_spoken(block.role))
            .is_none_or(|block| block.role == BlockRole::Heading)
    }

    /// The pause units of the whole speech, for its pace.
    fn pause_units(&self) -> usize {
        let end = self.spoken.end();
        self.doc
            .blocks
            .iter()
            .enumerate()
            .take_while(|(_, block)| block.span.start < end)
            .filter(|(_, block)| is_spoken(block.role))
            .map(|(index, block)| {
                pause_units(
                    self.doc.slice(&block.span),
                    true,
                    self.block_ends_section(index),
                )
            })
            .sum()
    }

    /// The sections timed: the rows of `stats` that add up to the whole, each with its
    /// budget at `rate` or as its share of `--minutes`.
    fn sections(&self, rate: u32) -> Vec<Section> {
        let stats = Stats::new(&self.doc, rate);
        let rows: Vec<_> = stats.rows.iter().filter(|row| row.depth == 0).collect();
        let budgets = match self.settings.minutes {
            Some(minutes) => {
                let chars: Vec<usize> = rows.iter().map(|row| row.chars).collect();
                budgets_of(&chars, minutes)
            }
            None => rows.iter().map(|row| row.seconds).collect(),
        };
        rows.iter()
            .zip(budgets)
            .map(|(row, budget)| Section {
                label: row.part(self.strings()),
                line: row.line,
                start: row.start,
                budget,
            })
            .collect()
    }

    /// The section that holds byte `offset`.
    fn section_of(&self, offset: usize) -> usize {
        self.rehearsing.as_ref().map_or(0, |rehearsing| {
            rehearsing
                .run
                .sections
                .partition_point(|section| section.start <= offset)
                .saturating_sub(1)
        })
    }

    /// The clock, the time left, the section and its budget, the rate: for the status
    /// line.
    pub fn rehearsal_status(&self) -> Option<RehearsalStatus> {
        let rehearsing = self.rehearsing.as_ref()?;
        let now = self.now.map(|(now, _)| now)?;
        let run = &rehearsing.run;
        let before = |offset| self.spoken.before(&self.doc, offset);
        let current = run.current();
        let section = run.sections.get(current)?;
        let section_end = run
            .sections
            .get(current + 1)
            .map_or(self.spoken.end(), |next| next.start);
        let start = before(section.start);
        let done = before(rehearsing.band_at).saturating_sub(start);
        let chars = before(section_end).saturating_sub(start);
        let rate = run.pace.rate;
        Some(RehearsalStatus {
            clock: run.elapsed(now).as_secs(),
            running: run.clock.is_running(),
            rate,
            left: seconds_for(
                self.spoken
                    .total()
                    .saturating_sub(before(rehearsing.band_at)),
                rate,
            ),
            section: section.label.clone(),
            budget: section.budget,
            ahead: run.ahead(now, done, chars),
        })
    }
}
