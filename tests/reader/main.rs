//! End-to-end: the real binary in a pseudo-terminal, the screen read back as a user sees it.

mod harness;

use harness::Session;

/// Where the text pane starts at 100 columns: a 30-column tree, then one column of padding.
const TEXT_X: u16 = 31;

#[test]
fn reading_the_shipped_briefing_by_keyboard() {
    let mut session = Session::start(&[], 100, 30, &[]);
    session.wait_for_text("区委书记在全区创建全国双拥模范城推进会上的讲话");
    let screen = session.rows().join("\n");
    assert!(
        screen.contains("一是 创建要求越来越高"),
        "the tree shows points:\n{screen}"
    );
    assert!(
        screen.contains("二、突出重点"),
        "the tree shows headings:\n{screen}"
    );

    session.send("}");
    wait_top_row(&session, "一、认清形势");

    session.send("]]");
    wait_top_row_contains(&session, "二是");
    session.wait_for("the tree highlights 二是", |screen| {
        let rows: Vec<String> = screen.rows(0, 30).collect();
        rows.iter()
            .position(|row| row.contains("二是 创建难度越来越大"))
            .is_some_and(|row| {
                let cell = screen.cell(u16::try_from(row).unwrap_or(0), 6);
                cell.is_some_and(|cell| cell.bgcolor() != vt100::Color::Default || cell.inverse())
            })
    });

    session.send("2");
    wait_top_row(&session, "二、突出重点");

    session.send("q");
    assert_eq!(session.wait_exit(), 0);
    assert!(!session.alternate_screen(), "the alternate screen is left");
}

fn wait_top_row(session: &Session, start: &str) {
    session.wait_for(start, |screen| {
        screen
            .rows(TEXT_X, 100 - TEXT_X)
            .next()
            .is_some_and(|row| row.trim_start().starts_with(start))
    });
}

fn wait_top_row_contains(session: &Session, text: &str) {
    session.wait_for(text, |screen| {
        screen
            .rows(TEXT_X, 100 - TEXT_X)
            .next()
            .is_some_and(|row| row.contains(text))
    });
}
