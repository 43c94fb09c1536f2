//! Rehearsal: a speech read aloud at a pace, line by line, against a clock that stops
//! while paused; each section's budget and the time actually spent in it; and what is
//! kept of a rehearsal afterwards.
//!
//! No clock of its own: every moment comes in as an `Instant` the caller read, so a test
//! drives a rehearsal through minutes in microseconds. Times on the rehearsal's clock are
//! `Duration`s since it started, paused time not counted: a line's due time is one of
//! them, and pausing moves no due time, only the moment the clock reaches it.

use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::speaking::RATE_RANGE;

/// The pause after a sentence (。！？), in characters' worth of time: a breath.
const SENTENCE_PAUSE: usize = 2;
/// The pause at the end of a paragraph, on top of its sentence's.
const PARAGRAPH_PAUSE: usize = 3;
/// The pause at the end of a section (the next paragraph is a heading), on top of the
/// paragraph's: where a speaker looks up before the next part.
const SECTION_PAUSE: usize = 6;
/// A rehearsal shorter than this is a false start, not kept.
pub const KEPT_FROM: Duration = Duration::from_secs(10);
/// How many rehearsals of a document are kept, the latest last.
pub const KEPT_AT_MOST: usize = 20;
/// Characters of a section's name kept in a record: enough to know it again.
const LABEL_CHARS: usize = 40;

/// Extra characters' worth of time a line of `text` takes beyond its characters: the
/// sentences it ends, and whether it ends a paragraph or a section.
pub fn pause_units(text: &str, ends_paragraph: bool, ends_section: bool) -> usize {
    let sentences = text
        .chars()
        .filter(|c| matches!(c, '。' | '！' | '？' | '!' | '?'))
        .count();
    sentences * SENTENCE_PAUSE
        + usize::from(ends_paragraph) * PARAGRAPH_PAUSE
        + usize::from(ends_section) * SECTION_PAUSE
}

/// The rehearsal's clock: what it read when last paused, and since when it has run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Clock {
    counted: Duration,
    since: Option<Instant>,
}

impl Clock {
    /// A clock started at `now`.
    pub fn started(now: Instant) -> Self {
        Self {
            counted: Duration::ZERO,
            since: Some(now),
        }
    }

    pub fn elapsed(&self, now: Instant) -> Duration {
        self.counted
            + self
                .since
                .map_or(Duration::ZERO, |since| now.saturating_duration_since(since))
    }

    pub fn is_running(&self) -> bool {
        self.since.is_some()
    }

    pub fn pause(&mut self, now: Instant) {
        self.counted = self.elapsed(now);
        self.since = None;
    }

    pub fn resume(&mut self, now: Instant) {
        self.since.get_or_insert(now);
    }

    /// When the clock reads `reading`: never while it is paused.
    pub fn when(&self, reading: Duration) -> Option<Instant> {
        let since = self.since?;
        Some(since + reading.saturating_sub(self.counted))
    }
}

/// How fast the band goes: `rate` characters a minute, with the pauses taking their
/// share of the same time, so that the whole speech takes what `briefing stats` says
/// at that rate and a rehearsal left to run measures that rate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pace {
    pub rate: u32,
    /// Spoken characters of the whole speech, and the pause units in it.
    spoken: usize,
    pauses: usize,
}

impl Pace {
    pub fn new(rate: u32, spoken: usize, pauses: usize) -> Self {
        Self {
            rate,
            spoken,
            pauses,
        }
    }

    /// The same speech at another rate.
    #[must_use]
    pub fn with_rate(self, rate: u32) -> Self {
        Self { rate, ..self }
    }

    /// How long a line of `chars` spoken characters and `pauses` pause units takes.
    pub fn line_time(&self, chars: usize, pauses: usize) -> Duration {
        let wide = |n: usize| u128::try_from(n).unwrap_or(u128::MAX);
        let units = wide(chars + pauses);
        let whole = wide(self.spoken.max(1));
        let with_pauses = wide(self.spoken + self.pauses).max(1);
        let nanos = units.saturating_mul(60_000_000_000).saturating_mul(whole)
            / (with_pauses * u128::from(self.rate.max(1)));
        Duration::from_nanos(u64::try_from(nanos).unwrap_or(u64::MAX))
    }
}

/// A part of the speech that is timed: the opening, a top-level heading, the closing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    /// As the summary and the status line name it (一、认清形势…).
    pub label: String,
    pub line: usize,
    /// Byte offset where it starts.
    pub start: usize,
    /// Its seconds in the plan: its share of `--minutes`, else its speaking time at
    /// the rate the rehearsal started at.
    pub budget: u64,
}

/// Each section's share of `minutes` by its characters, in seconds; shares that add
/// up to the whole to the second (the running total is divided, not each part).
pub fn budgets_of(chars: &[usize], minutes: u32) -> Vec<u64> {
    let total = chars.iter().sum::<usize>().max(1);
    let seconds = u128::from(minutes) * 60;
    let wide = |n: usize| u128::try_from(n).unwrap_or(u128::MAX);
    let mut before = 0;
    chars
        .iter()
        .map(|&chars| {
            let share = |upto: usize| seconds * wide(upto) / wide(total);
            let part = share(before + chars) - share(before);
            before += chars;
            u64::try_from(part).unwrap_or(u64::MAX)
        })
        .collect()
}

/// A rehearsal under way.
#[derive(Clone, Debug)]
pub struct Rehearsal {
    pub clock: Clock,
    pub pace: Pace,
    pub sections: Vec<Section>,
    /// Time spent in each section, up to `accounted` on the clock.
    spent: Vec<Duration>,
    accounted: Duration,
    /// The section the band is in.
    current: usize,
    /// When, on the clock, the band came to its line, and how long the line takes.
    band_since: Duration,
    band_time: Duration,
    /// Spoken characters the band went over line by line (not jumped), for the rate
    /// measured.
    read: usize,
    /// Seconds since 1970 (UTC) when it started.
    started: u64,
}

impl Rehearsal {
    /// A rehearsal starting at `now` (`unix` seconds since 1970) on a line of section
    /// `current` that takes `line_time`.
    pub fn start(
        now: Instant,
        unix: u64,
        pace: Pace,
        sections: Vec<Section>,
        current: usize,
        line_time: Duration,
    ) -> Self {
        Self {
            clock: Clock::started(now),
            pace,
            spent: vec![Duration::ZERO; sections.len()],
            sections,
            accounted: Duration::ZERO,
            current,
            band_since: Duration::ZERO,
            band_time: line_time,
            read: 0,
            started: unix,
        }
    }

    /// The clock's reading at `now`.
    pub fn elapsed(&self, now: Instant) -> Duration {
        self.clock.elapsed(now)
    }

    /// The section the band is in.
    pub fn current(&self) -> usize {
        self.current
    }

    /// When the band's line is done: None while paused.
    pub fn due(&self) -> Option<Instant> {
        self.clock.when(self.band_since + self.band_time)
    }

    /// True when the band's line is done at `now`.
    pub fn is_due(&self, now: Instant) -> bool {
        self.clock.is_running() && self.elapsed(now) >= self.band_since + self.band_time
    }

    /// Adds the time up to `reading` on the clock to the current section.
    fn account_until(&mut self, reading: Duration) {
        if let Some(spent) = self.spent.get_mut(self.current) {
            *spent += reading.saturating_sub(self.accounted);
        }
        self.accounted = self.accounted.max(reading);
    }

    /// The band goes on to the next line when its line is done (at its due time, not
    /// whenever the caller came to it, so lateness does not add up): a line of `chars`
    /// read, in `section`, taking `line_time`.
    pub fn step_on(&mut self, chars_read: usize, section: usize, line_time: Duration) {
        let due = self.band_since + self.band_time;
        self.account_until(due);
        self.read += chars_read;
        self.current = section;
        self.band_since = due;
        self.band_time = line_time;
    }

    /// The band is moved by hand at `now` (a jump, a nudge) to a line of `section`
    /// taking `line_time`; `read` changes by the characters stepped over (a nudge back
    /// gives back the line it steps onto).
    pub fn move_band(&mut self, now: Instant, section: usize, line_time: Duration, read: isize) {
        let reading = self.elapsed(now);
        self.account_until(reading);
        self.read = self.read.saturating_add_signed(read);
        self.current = section;
        self.band_since = reading;
        self.band_time = line_time;
    }

    /// Pauses or resumes the clock at `now`.
    pub fn toggle_pause(&mut self, now: Instant) {
        if self.clock.is_running() {
            let reading = self.elapsed(now);
            self.account_until(reading);
            self.clock.pause(now);
        } else {
            self.clock.resume(now);
        }
    }

    /// A new rate at `now`, the band's line now taking `line_time`: as much of the line
    /// stays done as was done, so the band neither jumps nor starts the line again.
    pub fn set_rate(&mut self, now: Instant, rate: u32, line_time: Duration) {
        let reading = self.elapsed(now);
        let done = reading.saturating_sub(self.band_since);
        let share = if self.band_time.is_zero() {
            1.0
        } else {
            (done.as_secs_f64() / self.band_time.as_secs_f64()).min(1.0)
        };
        self.pace.rate = rate;
        self.band_time = line_time;
        self.band_since = reading.saturating_sub(line_time.mul_f64(share));
    }

    /// Time spent in section `index` up to `now`.
    pub fn spent(&self, index: usize, now: Instant) -> Duration {
        let spent = self.spent.get(index).copied().unwrap_or_default();
        if index == self.current {
            spent + self.elapsed(now).saturating_sub(self.accounted)
        } else {
            spent
        }
    }

    /// Seconds ahead of the current section's budget (negative: behind) at `now`, the
    /// band `done` of the way through its `chars` characters: where the plan would have
    /// the speaker by now against where they are.
    pub fn ahead(&self, now: Instant, done: usize, chars: usize) -> i64 {
        let budget = self.sections.get(self.current).map_or(0, |s| s.budget);
        let planned = u128::from(budget) * 1000 * u128::try_from(done).unwrap_or(0)
            / u128::try_from(chars.max(1)).unwrap_or(1);
        let planned = i128::try_from(planned).unwrap_or(i128::MAX);
        let spent = i128::try_from(self.spent(self.current, now).as_millis()).unwrap_or(0);
        i64::try_from((planned - spent) / 1000).unwrap_or(0)
    }

    /// Ends the rehearsal at `now`: every section's budget and time, and the record to
    /// keep when it ran long enough.
    pub fn finish(mut self, now: Instant) -> Summary {
        let reading = self.elapsed(now);
        self.account_until(reading);
        let rows = self
            .sections
            .iter()
            .zip(&self.spent)
            .map(|(section, spent)| SummaryRow {
                label: section.label.clone(),
                line: section.line,
                budget: section.budget,
                seconds: rounded(*spent),
            })
            .collect::<Vec<_>>();
        let measured = measured_rate(self.read, reading).unwrap_or(self.pace.rate);
        let record = (reading >= KEPT_FROM).then(|| Record {
            started: self.started,
            seconds: rounded(reading),
            rate: measured,
            sections: rows
                .iter()
                .zip(&self.spent)
                .filter(|(_, spent)| !spent.is_zero())
                .map(|(row, _)| SectionTime {
                    label: row.label.chars().take(LABEL_CHARS).collect(),
                    line: row.line,
                    seconds: row.seconds,
                })
                .collect(),
        });
        Summary {
            budget: self.sections.iter().map(|s| s.budget).sum(),
            seconds: rounded(reading),
            rows,
            record,
        }
    }
}

/// Whole seconds, to the nearest.
fn rounded(duration: Duration) -> u64 {
    (duration + Duration::from_millis(500)).as_secs()
}

/// Characters a minute of `read` characters in `time`, within the rates `--rate` takes;
/// None when nothing was read.
fn measured_rate(read: usize, time: Duration) -> Option<u32> {
    let millis = time.as_millis();
    if read == 0 || millis == 0 {
        return None;
    }
    let rate = u128::try_from(read).unwrap_or(u128::MAX) * 60_000 / millis;
    Some(
        u32::try_from(rate)
            .unwrap_or(u32::MAX)
            .clamp(*RATE_RANGE.start(), *RATE_RANGE.end()),
    )
}

/// A section in the summary: its budget and the seconds spent in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SummaryRow {
    pub label: String,
    pub line: usize,
    pub budget: u64,
    pub seconds: u64,
}

/// What the summary screen shows once a rehearsal ends.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Summary {
    pub rows: Vec<SummaryRow>,
    pub budget: u64,
    pub seconds: u64,
    /// What is kept of it: None for a rehearsal under [`KEPT_FROM`].
    pub record: Option<Record>,
}

/// A rehearsal as kept with the document's saved state and listed by `stats`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    /// Seconds since 1970 (UTC).
    pub started: u64,
    pub seconds: u64,
    /// The rate measured: spoken characters the band went over a minute of the clock.
    pub rate: u32,
    /// The sections it spent time in.
    pub sections: Vec<SectionTime>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionTime {
    pub label: String,
    pub line: usize,
    pub seconds: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn section(label: &str, start: usize, budget: u64) -> Section {
        Section {
            label: label.to_owned(),
            line: start + 1,
            start,
            budget,
        }
    }

    fn seconds(n: f64) -> Duration {
        Duration::from_secs_f64(n)
    }

    #[test]
    fn pauses_follow_sentences_paragraphs_and_sections() {
        assert_eq!(pause_units("我们要抓落实", false, false), 0);
        assert_eq!(pause_units("抓落实。抓进度！", false, false), 4);
        assert_eq!(pause_units("抓落实。", true, false), 5);
        assert_eq!(pause_units("抓落实。", true, true), 11);
    }

    #[test]
    fn a_line_takes_its_share_of_the_speaking_time() {
        // 600 characters and 60 pause units: at 60 a minute the speech takes 600 s,
        // the pauses included; a line of 10 characters and 1 pause unit, 10 s of it.
        let pace = Pace::new(60, 600, 60);
        assert_eq!(pace.line_time(10, 1), seconds(10.0));
        assert_eq!(pace.line_time(11, 0), seconds(10.0));
        let faster = Pace::new(120, 600, 60);
        assert_eq!(faster.line_time(10, 1), seconds(5.0));
        // Without pauses a line takes what the rate says.
        assert_eq!(Pace::new(220, 2200, 0).line_time(22, 0), seconds(6.0));
    }

    #[test]
    fn the_clock_stops_while_paused_and_due_times_wait_for_it() {
        let t0 = Instant::now();
        let mut clock = Clock::started(t0);
        assert_eq!(clock.elapsed(t0 + seconds(3.0)), seconds(3.0));
        clock.pause(t0 + seconds(3.0));
        assert_eq!(clock.elapsed(t0 + seconds(60.0)), seconds(3.0));
        assert_eq!(clock.when(seconds(5.0)), None);
        clock.resume(t0 + seconds(60.0));
        assert_eq!(clock.elapsed(t0 + seconds(61.0)), seconds(4.0));
        assert_eq!(clock.when(seconds(5.0)), Some(t0 + seconds(62.0)));
    }

    fn rehearsal(t0: Instant, budgets: [u64; 2]) -> Rehearsal {
        Rehearsal::start(
            t0,
            1_700_000_000,
            Pace::new(60, 100, 0),
            vec![
                section("开场", 0, budgets[0]),
                section("一、甲", 50, budgets[1]),
            ],
            0,
            seconds(2.0),
        )
    }

    #[test]
    fn lines_fall_due_one_after_another_from_their_due_times() {
        let t0 = Instant::now();
        let mut run = rehearsal(t0, [10, 10]);
        assert_eq!(run.due(), Some(t0 + seconds(2.0)));
        assert!(!run.is_due(t0 + seconds(1.9)));
        assert!(run.is_due(t0 + seconds(2.3)));
        // Stepping on late does not push the next line later.
        run.step_on(2, 0, seconds(3.0));
        assert_eq!(run.due(), Some(t0 + seconds(5.0)));
    }

    #[test]
    fn a_pause_holds_the_band_and_the_clock() {
        let t0 = Instant::now();
        let mut run = rehearsal(t0, [10, 10]);
        run.toggle_pause(t0 + seconds(1.0));
        assert_eq!(run.due(), None);
        assert!(!run.is_due(t0 + seconds(100.0)));
        assert_eq!(run.elapsed(t0 + seconds(100.0)), seconds(1.0));
        run.toggle_pause(t0 + seconds(100.0));
        // One second of the line's two was left.
        assert_eq!(run.due(), Some(t0 + seconds(101.0)));
        assert_eq!(run.spent(0, t0 + seconds(100.5)), seconds(1.5));
    }

    #[test]
    fn a_new_rate_keeps_what_was_done_of_the_line() {
        let t0 = Instant::now();
        let mut run = rehearsal(t0, [10, 10]);
        // Half of a 2 s line done; at twice the rate it takes 1 s, half of it left.
        run.set_rate(t0 + seconds(1.0), 120, seconds(1.0));
        assert_eq!(run.pace.rate, 120);
        assert_eq!(run.due(), Some(t0 + seconds(1.5)));
    }

    #[test]
    fn a_jump_moves_the_band_and_the_clock_runs_on() {
        let t0 = Instant::now();
        let mut run = rehearsal(t0, [10, 10]);
        run.move_band(t0 + seconds(1.5), 1, seconds(4.0), 0);
        assert_eq!(run.current(), 1);
        assert_eq!(run.due(), Some(t0 + seconds(5.5)));
        assert_eq!(run.elapsed(t0 + seconds(3.0)), seconds(3.0));
        assert_eq!(run.spent(0, t0 + seconds(3.0)), seconds(1.5));
        assert_eq!(run.spent(1, t0 + seconds(3.0)), seconds(1.5));
    }

    #[test]
    fn budgets_are_shares_of_the_minutes_that_add_up() {
        assert_eq!(budgets_of(&[100, 200, 100], 4), [60, 120, 60]);
        let odd = budgets_of(&[1, 1, 1], 1);
        assert_eq!(odd.iter().sum::<u64>(), 60);
        assert_eq!(budgets_of(&[], 5), Vec::<u64>::new());
    }

    #[test]
    fn ahead_or_behind_is_the_plan_against_the_time_spent() {
        let t0 = Instant::now();
        let run = rehearsal(t0, [20, 10]);
        // Half way through a 20 s budget after 4 s: 6 s ahead; after 13 s, 3 s behind.
        assert_eq!(run.ahead(t0 + seconds(4.0), 25, 50), 6);
        assert_eq!(run.ahead(t0 + seconds(13.0), 25, 50), -3);
    }

    #[test]
    fn the_summary_has_every_section_and_a_long_enough_rehearsal_is_kept() {
        let t0 = Instant::now();
        let mut run = rehearsal(t0, [20, 10]);
        run.step_on(30, 0, seconds(4.0));
        run.step_on(30, 1, seconds(4.0));
        let short = run.clone().finish(t0 + seconds(7.0));
        assert_eq!(short.record, None);
        assert_eq!(short.seconds, 7);
        let summary = run.finish(t0 + seconds(12.0));
        assert_eq!(
            summary
                .rows
                .iter()
                .map(|row| (row.label.as_str(), row.budget, row.seconds))
                .collect::<Vec<_>>(),
            [("开场", 20, 6), ("一、甲", 10, 6)]
        );
        assert_eq!((summary.budget, summary.seconds), (30, 12));
        let record = summary.record.expect("kept");
        // 60 characters in 12 s: 300 a minute.
        assert_eq!((record.seconds, record.rate), (12, 300));
        assert_eq!(record.sections.len(), 2);
    }
}
