//! A rehearsal in the real binary: `briefing rehearse` at a high rate, read off the screen
//! as a speaker sees it, then the rehearsal kept for `stats`.

use std::time::{Duration, Instant};

use crate::harness::{Session, program};

const ROWS: u16 = 30;

/// The row of the band: the text row with a background colour (the status line is in
/// reverse video instead).
fn band_row(screen: &vt100::Screen) -> Option<(u16, String)> {
    (0..ROWS - 1).find_map(|row| {
        screen
            .cell(row, 0)
            .filter(|cell| cell.bgcolor() != vt100::Color::Default)
            .map(|_| {
                (
                    row,
                    screen
                        .rows(0, 100)
                        .nth(usize::from(row))
                        .unwrap_or_default(),
                )
            })
    })
}

fn status_line(screen: &vt100::Screen) -> String {
    screen
        .rows(0, 100)
        .nth(usize::from(ROWS - 1))
        .unwrap_or_default()
}

/// The rehearsal's clock on the status line (用时1分05秒), in seconds.
fn clock(screen: &vt100::Screen) -> Option<u64> {
    let status = status_line(screen);
    let (_, after) = status.split_once("用时")?;
    let (minutes, rest) = after.split_once('分')?;
    let (seconds, _) = rest.split_once('秒')?;
    Some(minutes.trim().parse::<u64>().ok()? * 60 + seconds.trim().parse::<u64>().ok()?)
}

#[test]
fn a_rehearsal_paces_the_briefing_pauses_times_and_is_kept() {
    let state = tempfile::tempdir().expect("state dir");
    let state_home = state.path().to_string_lossy().into_owned();
    let mut session = Session::start(
        &["rehearse", "--rate", "1200"],
        100,
        ROWS,
        &[("XDG_STATE_HOME", &state_home)],
    );
    session.wait_for("the band and the rate", |screen| {
        band_row(screen).is_some() && status_line(screen).contains("1200字/分")
    });
    let started = Instant::now();
    let first = session.screen(band_row).expect("a band");
    assert!(
        first.1.contains("同志们"),
        "the band starts on the salutation: {first:?}"
    );

    session.wait_for("the band to move on", |screen| {
        band_row(screen).is_some_and(|band| band.1 != first.1)
    });
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );

    std::thread::sleep(Duration::from_secs(3).saturating_sub(started.elapsed()));
    let at_three = session.screen(clock).expect("a clock");
    assert!(
        (2..=4).contains(&at_three),
        "the clock at 3 s reads {at_three} s"
    );

    session.send(" ");
    session.wait_for_text("已暂停");
    let paused = session.rows();
    std::thread::sleep(Duration::from_millis(2500));
    assert_eq!(session.rows(), paused, "the screen is frozen while paused");

    session.send(" ");
    session.send("+");
    session.wait_for_text("1210字/分");
    session.wait_for("11 s on the clock", |screen| {
        clock(screen).is_some_and(|seconds| seconds >= 11)
    });
    // The band stays a third of the way down once the text scrolls under it.
    session.wait_for("the band a third down", |screen| {
        band_row(screen).is_some_and(|(row, _)| row == (ROWS - 1) / 3)
    });

    session.send("\x1b");
    session.wait_for_text("排练小结");
    let summary = session.rows().join("\n");
    for part in [
        "开场：同志们",
        "一、认清形势",
        "二、突出重点",
        "三、营造氛围",
        "结束语",
        "预计",
        "实际",
        "合计",
    ] {
        assert!(
            summary.contains(part),
            "the summary lacks {part}:\n{summary}"
        );
    }
    session.send("q");
    assert_eq!(session.wait_exit(), 0);

    let output = program::briefing_command()
        .args(["stats", "--format", "json"])
        .env("XDG_STATE_HOME", &state_home)
        .output()
        .expect("stats runs");
    assert!(output.status.success());
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let rehearsals = report["rehearsals"].as_array().expect("a list");
    assert_eq!(rehearsals.len(), 1, "{report}");
    let kept = &rehearsals[0];
    assert!(kept["seconds"].as_u64().is_some_and(|s| s >= 11), "{kept}");
    assert!(kept["rate"].as_u64().is_some_and(|rate| rate > 0), "{kept}");
    assert!(kept["started"].as_u64().is_some_and(|s| s > 1_600_000_000));
    let sections = kept["sections"].as_array().expect("sections");
    assert!(
        sections
            .iter()
            .all(|s| s["label"].is_string() && s["line"].is_u64() && s["seconds"].is_u64()),
        "{kept}"
    );
    assert!(
        sections[0]["label"]
            .as_str()
            .is_some_and(|l| l.contains("同志们"))
    );
}
