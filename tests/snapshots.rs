//! Whole-screen snapshots of the reader on the shipped briefing (and on a short notice
//! for its title and signature), drawn on ratatui's `TestBackend` from states reached by
//! action scripts.

use briefing::app::{Action, App, Settings};
use briefing::source::{LoadOptions, Source, load};
use briefing::ui::draw;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn app(width: u16, height: u16) -> App {
    let doc = load(&Source::Embedded, LoadOptions::default()).expect("embedded briefing loads");
    App::new(
        doc,
        Settings::default(),
        usize::from(width),
        usize::from(height),
    )
}

/// The reader with its interface in English.
fn english_app(width: u16, height: u16) -> App {
    let doc = load(&Source::Embedded, LoadOptions::default()).expect("embedded briefing loads");
    let settings = Settings {
        lang: briefing::lang::Lang::En,
        ..Settings::default()
    };
    App::new(doc, settings, usize::from(width), usize::from(height))
}

#[test]
fn the_reader_in_english_and_in_chinese() {
    for (name, mut app) in [("english", english_app(80, 24)), ("chinese", app(80, 24))] {
        insta::assert_snapshot!(format!("{name}_open_80x24"), screen(&app, 80, 24));
        app.update(Action::NextPoint);
        app.update(Action::NextPoint);
        app.update(Action::Help);
        insta::assert_snapshot!(format!("{name}_help_80x24"), screen(&app, 80, 24));
    }
}

fn screen(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    terminal
        .draw(|frame| draw(app, frame.buffer_mut()))
        .expect("draws");
    terminal.backend().to_string()
}

fn after(width: u16, height: u16, actions: &[Action]) -> String {
    let mut app = app(width, height);
    for action in actions {
        app.update(*action);
    }
    screen(&app, width, height)
}

const SIZES: [(u16, u16); 3] = [(80, 24), (120, 40), (50, 20)];

#[test]
fn on_open() {
    for (width, height) in SIZES {
        insta::assert_snapshot!(format!("open_{width}x{height}"), after(width, height, &[]));
    }
}

#[test]
fn after_next_point_twice() {
    for (width, height) in SIZES {
        insta::assert_snapshot!(
            format!("next_point_twice_{width}x{height}"),
            after(width, height, &[Action::NextPoint, Action::NextPoint])
        );
    }
}

#[test]
fn after_next_heading() {
    for (width, height) in SIZES {
        insta::assert_snapshot!(
            format!("next_heading_{width}x{height}"),
            after(width, height, &[Action::NextHeading])
        );
    }
}

#[test]
fn with_help_overlay() {
    for (width, height) in SIZES {
        insta::assert_snapshot!(
            format!("help_{width}x{height}"),
            after(width, height, &[Action::Help])
        );
    }
}

#[test]
fn tree_focused_with_a_node_folded() {
    // Tab focuses the tree (on 50 columns, `t` shows it over the text); the selection
    // moves to 一、 and `h` folds it.
    for (width, height) in SIZES {
        let open_tree = if width < 60 {
            Action::ToggleTree
        } else {
            Action::ToggleFocus
        };
        let script = [open_tree, Action::Down, Action::Down, Action::Fold];
        insta::assert_snapshot!(
            format!("tree_folded_{width}x{height}"),
            after(width, height, &script)
        );
    }
}

#[test]
fn too_small_terminal_shows_a_notice() {
    for (width, height) in [(1, 1), (10, 3), (19, 10)] {
        let text = after(width, height, &[Action::NextPoint, Action::Bottom]);
        assert!(!text.contains("区委"), "{text}");
    }
    insta::assert_snapshot!("too_small_19x3", after(19, 3, &[]));
    // Narrower than the notice: it wraps instead of being cut.
    let narrow = screen(&english_app(10, 3), 10, 3);
    for piece in ["terminal", "too", "small"] {
        assert!(narrow.contains(piece), "{piece} missing from\n{narrow}");
    }
    assert!(after(5, 3, &[]).contains("终端"));
}

#[test]
fn the_help_wraps_its_lines_on_a_narrow_terminal() {
    insta::assert_snapshot!("help_40x15", after(40, 15, &[Action::Help]));
    // Scrolled to its end, every description's last word is there, never cut.
    let mut app = english_app(40, 15);
    app.update(Action::Help);
    let lines = app.help_layout().lines;
    let text = lines
        .iter()
        .map(|(keys, help)| format!("{keys} {help}"))
        .collect::<Vec<_>>()
        .join(" ");
    for word in ["parent", "jump", "last", "50%"] {
        assert!(
            text.contains(word),
            "{word} missing from the help at 40 columns"
        );
    }
    let inner = app.help_layout().area.width - 4;
    for (keys, help) in &lines {
        assert!(keys.chars().count() <= inner && help.chars().count() <= inner);
    }
}

fn typed(text: &str) -> Vec<Action> {
    text.chars().map(Action::Input).collect()
}

#[test]
fn searching_highlights_matches_and_counts_them() {
    let mut script = vec![Action::Search];
    script.extend(typed("三连冠"));
    insta::assert_snapshot!("search_typing_80x24", after(80, 24, &script));
    script.extend([Action::Accept, Action::SearchNext]);
    insta::assert_snapshot!("search_next_120x40", after(120, 40, &script));
}

#[test]
fn formulations_panel() {
    insta::assert_snapshot!(
        "formulations_80x24",
        after(80, 24, &[Action::Formulations, Action::Down])
    );
}

#[test]
fn next_placeholder() {
    insta::assert_snapshot!(
        "placeholder_80x24",
        after(80, 24, &[Action::NextPlaceholder, Action::NextPlaceholder])
    );
}

/// A notice as print sets it: its title over two lines centred in the text pane, the
/// signature and the date flush right, the note after them flush left.
#[test]
fn title_centred_and_signature_flush_right() {
    let doc = briefing::parse::parse_text(
        "关于进一步加强\n基层治理工作的意见\n\n各乡镇人民政府，县直各单位：\n\n\
         为进一步加强基层治理工作，现提出如下意见。\n\n\
         一、总体要求\n\n坚持问题导向，到2025年底前完成85%以上的村（社区）建设任务。\n\n\
         二、工作措施\n\n各地要在2024年1月1日前制定方案，新增投入3.5亿元。\n\n\
         XX县人民政府\n2024年1月5日\n（此件公开发布）\n",
    );
    let (width, height) = (80, 24);
    let app = App::new(
        doc,
        Settings::default(),
        usize::from(width),
        usize::from(height),
    );
    insta::assert_snapshot!(
        "notice_title_and_signature_80x24",
        screen(&app, width, height)
    );
}

#[test]
fn findings_panel() {
    insta::assert_snapshot!(
        "findings_80x24",
        after(80, 24, &[Action::Findings, Action::Down])
    );
}

#[test]
fn a_rehearsal_and_its_summary() {
    use briefing::action::Msg;
    use std::time::{Duration, Instant};
    let t0 = Instant::now();
    let mut app = app(80, 24);
    let tick = |app: &mut App, seconds: u64| {
        app.receive(Msg::Tick {
            at: t0 + Duration::from_secs(seconds),
            unix: 1_700_000_000 + seconds,
        })
    };
    tick(&mut app, 0);
    app.update(Action::Rehearse);
    for second in 1..=20 {
        tick(&mut app, second);
    }
    insta::assert_snapshot!("rehearsal_80x24", screen(&app, 80, 24));
    // Esc or r ends the rehearsal: both are the key that started it.
    app.update(Action::Rehearse);
    insta::assert_snapshot!("rehearsal_summary_80x24", screen(&app, 80, 24));
}
