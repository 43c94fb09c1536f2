//! `update` driven by action scripts, with no terminal.

use super::*;
use crate::action::Edit;
use crate::parse::parse_text;

const BRIEFING: &str = include_str!("../../data/briefing.txt");

fn app(width: usize, height: usize) -> App {
    App::new(parse_text(BRIEFING), Settings::default(), width, height)
}

fn run(app: &mut App, actions: &[Action]) {
    for action in actions {
        app.update(*action);
    }
}

/// The node the tree has selected, as marker + label.
fn selected_label(app: &App) -> String {
    match app.selected() {
        TreeRow::Title => "<title>".to_owned(),
        TreeRow::Node(index) => {
            let node = &app.doc().nodes[index];
            format!(
                "{}{}",
                node.marker.as_deref().unwrap_or_default(),
                node.label
            )
        }
    }
}

fn top_line_text(app: &App) -> String {
    app.window()[0].screen.text.clone()
}

/// Screen lines from the start of the document to the top of the pane.
fn lines_above(app: &mut App) -> usize {
    let top = app.top();
    let mut count = 0;
    let mut at = LinePos::default();
    while at < top {
        at = app.pages.next(&app.doc, at).expect("the top is a line");
        count += 1;
    }
    count
}

fn node_index(app: &App, marker: &str, nth: usize) -> usize {
    app.doc()
        .nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| n.marker.as_deref() == Some(marker))
        .nth(nth)
        .map(|(i, _)| i)
        .expect("node exists")
}

#[test]
fn jumps_land_on_the_markers_line() {
    let mut app = app(100, 30);
    run(&mut app, &[Action::NextHeading]);
    assert!(
        top_line_text(&app).starts_with("一、认清形势"),
        "{}",
        top_line_text(&app)
    );
    assert_eq!(selected_label(&app), "一、认清形势、凝心聚力争创“三连冠”");
    run(&mut app, &[Action::NextPoint, Action::NextPoint]);
    assert!(top_line_text(&app).contains("二是"));
    assert_eq!(selected_label(&app), "二是创建难度越来越大");
    let highlight = app.highlight().cloned().expect("the marker is highlighted");
    assert_eq!(app.doc().slice(&highlight), "二是");
    run(&mut app, &[Action::TopLevelHeading(2)]);
    assert!(top_line_text(&app).starts_with("二、突出重点"));
    run(&mut app, &[Action::PreviousPoint]);
    assert_eq!(selected_label(&app), "三是创建竞争越来越激烈");
    run(&mut app, &[Action::PreviousHeading]);
    assert_eq!(selected_label(&app), "一、认清形势、凝心聚力争创“三连冠”");
}

#[test]
fn points_are_crossed_across_headings() {
    let mut app = app(100, 30);
    let first_of_second = node_index(&app, "一是", 1);
    app.jump_to(node_index(&app, "三是", 0));
    run(&mut app, &[Action::NextPoint]);
    assert_eq!(app.selected(), TreeRow::Node(first_of_second));
}

#[test]
fn a_jump_near_the_end_stops_where_the_text_ends() {
    let mut app = app(100, 30);
    run(
        &mut app,
        &[
            Action::TopLevelHeading(3),
            Action::NextPoint,
            Action::NextPoint,
            Action::NextPoint,
        ],
    );
    let bottom = app.max_top();
    assert_eq!(app.top(), bottom);
    assert_eq!(selected_label(&app), "三是强化监督检查");
}

#[test]
fn scrolling_clamps_at_both_ends() {
    let mut app = app(100, 30);
    assert_eq!(app.update(Action::Up), Effect::None);
    assert_eq!(app.top(), LinePos::default());
    run(&mut app, &[Action::Bottom]);
    let bottom = app.top();
    assert_eq!(bottom, app.max_top());
    assert_eq!(app.window().len(), app.page(), "the last page is full");
    assert_eq!(app.update(Action::PageDown), Effect::None);
    assert_eq!(app.top(), bottom);
    run(&mut app, &[Action::Top, Action::HalfPageDown]);
    assert_eq!(lines_above(&mut app), app.page().div_ceil(2));
    run(&mut app, &[Action::PageUp]);
    assert_eq!(app.top(), LinePos::default());
}

#[test]
fn scroll_spy_follows_the_top_line() {
    let mut app = app(100, 30);
    assert_eq!(app.selected(), TreeRow::Title);
    let heading = node_index(&app, "二、", 0);
    let start = app.doc().nodes[heading].head.start;
    while app.position() <= start {
        app.update(Action::Down);
    }
    assert_eq!(
        app.selected(),
        TreeRow::Node(heading),
        "inside 二、 before its first point"
    );
    while !top_line_text(&app).contains("二是") {
        app.update(Action::Down);
    }
    app.update(Action::Down);
    assert_eq!(selected_label(&app), "二是加强政策落实");
}

#[test]
fn resize_keeps_the_same_text_at_the_top() {
    let mut app = app(100, 30);
    run(
        &mut app,
        &[Action::TopLevelHeading(2), Action::Down, Action::Down],
    );
    let offset = app.position();
    app.update(Action::Resize {
        width: 70,
        height: 20,
    });
    let range = app.window()[0].source();
    assert!(
        range.start <= offset && offset < range.end.max(range.start + 1),
        "{offset} in {range:?}"
    );
    app.update(Action::Resize {
        width: 140,
        height: 24,
    });
    let range = app.window()[0].source();
    assert!(
        range.start <= offset && offset < range.end.max(range.start + 1),
        "{offset} in {range:?}"
    );
}

#[test]
fn tiny_sizes_never_panic() {
    for (width, height) in [
        (0, 0),
        (1, 1),
        (2, 1),
        (1, 5),
        (19, 3),
        (20, 4),
        (59, 10),
        (60, 10),
    ] {
        let mut app = app(width, height);
        run(
            &mut app,
            &[
                Action::Bottom,
                Action::NextPoint,
                Action::PreviousHeading,
                Action::ToggleTree,
                Action::Down,
                Action::Open,
                Action::Click { column: 0, row: 0 },
                Action::Scroll {
                    column: 0,
                    row: 0,
                    lines: 5,
                },
            ],
        );
        assert!(app.window().len() <= app.page());
    }
}

#[test]
fn tree_focus_moves_the_selection_and_opens_nodes() {
    let mut app = app(100, 30);
    run(&mut app, &[Action::ToggleFocus, Action::Down, Action::Down]);
    assert_eq!(app.focus(), Focus::Tree);
    assert_eq!(selected_label(&app), "一、认清形势、凝心聚力争创“三连冠”");
    assert_eq!(
        app.top(),
        LinePos::default(),
        "moving in the tree does not scroll the text"
    );
    run(&mut app, &[Action::Fold]);
    let heading = node_index(&app, "一、", 0);
    assert!(app.is_collapsed(heading));
    assert!(
        !app.tree_rows().contains(&TreeRow::Node(heading + 1)),
        "its points are hidden"
    );
    run(&mut app, &[Action::Down]);
    assert_eq!(selected_label(&app), "二、突出重点、精准发力推进双拥创建");
    run(&mut app, &[Action::Open]);
    assert!(top_line_text(&app).starts_with("二、突出重点"));
    run(&mut app, &[Action::Fold, Action::Fold]);
    assert_eq!(
        app.selected(),
        TreeRow::Title,
        "h on a folded node goes to its parent"
    );
}

#[test]
fn narrow_terminal_hides_the_tree_and_t_shows_it() {
    let mut app = app(50, 20);
    assert_eq!(app.panes().tree.width, 0);
    assert!(!app.tree_visible());
    run(&mut app, &[Action::ToggleTree]);
    assert_eq!(app.overlay(), Some(Overlay::Tree));
    assert_eq!(app.focus(), Focus::Tree);
    run(&mut app, &[Action::Down, Action::Down, Action::Open]);
    assert_eq!(app.overlay(), None);
    assert!(top_line_text(&app).starts_with("一、认清形势"));
}

#[test]
fn tree_width_changes_with_angle_brackets() {
    let mut app = app(120, 40);
    let before = app.panes().tree.width;
    run(&mut app, &[Action::TreeWider]);
    assert!(app.panes().tree.width > before);
    run(&mut app, &[Action::TreeNarrower, Action::TreeNarrower]);
    assert!(app.panes().tree.width < before);
}

#[test]
fn help_opens_and_esc_closes_it() {
    let mut app = app(100, 30);
    assert_eq!(app.update(Action::Help), Effect::Redraw);
    assert_eq!(app.overlay(), Some(Overlay::Help));
    run(&mut app, &[Action::Escape]);
    assert_eq!(app.overlay(), None);
}

#[test]
fn mouse_wheel_scrolls_the_pane_under_the_pointer_and_click_jumps() {
    let mut app = app(100, 30);
    run(
        &mut app,
        &[Action::Scroll {
            column: 60,
            row: 5,
            lines: 3,
        }],
    );
    assert_eq!(lines_above(&mut app), 3);
    let heading_row = app
        .tree_rows()
        .iter()
        .position(|row| *row == TreeRow::Node(node_index(&app, "三、", 0)));
    let row = heading_row.expect("三、 is in the tree") - app.tree_top();
    run(&mut app, &[Action::Click { column: 3, row }]);
    assert_eq!(selected_label(&app), "三、营造氛围、汇聚合力共创双拥佳绩");
    let heading = &app.doc().nodes[node_index(&app, "三、", 0)];
    let start = heading.head.start;
    let expected = app.line_at(start).min(app.max_top());
    assert_eq!(app.top(), expected);
}

#[test]
fn status_shows_location_percent_and_time_left() {
    let mut app = app(100, 30);
    let total = app.total_seconds();
    assert_eq!(app.seconds_left(), total);
    run(&mut app, &[Action::NextHeading, Action::NextPoint]);
    assert_eq!(
        app.location(),
        "一、认清形势、凝心聚力争创“三连冠” › 一是 创建要求越来越高"
    );
    assert!(app.seconds_left() < total);
    run(&mut app, &[Action::Bottom]);
    assert_eq!(app.percent(), 100);
}

#[test]
fn the_status_location_follows_the_selection_and_the_width() {
    let mut app = app(100, 30);
    run(&mut app, &[Action::NextHeading]);
    assert_eq!(
        &*app.status_location(80),
        " 一、认清形势、凝心聚力争创“三连冠”"
    );
    assert_eq!(&*app.status_location(8), " 一、认…");
    run(&mut app, &[Action::NextPoint]);
    assert_eq!(
        &*app.status_location(80),
        " 一是 创建要求越来越高 ‹ 一、认清形势、凝心聚力争创“三连冠”"
    );
    // Narrow: the heading is shortened, the point kept whole.
    assert_eq!(
        &*app.status_location(40),
        " 一是 创建要求越来越高 ‹ 一、认清形势、…"
    );
    // Narrower still: no stub of a heading.
    assert_eq!(&*app.status_location(26), " 一是 创建要求越来越高");
}

#[test]
fn quit_and_suspend_are_effects() {
    let mut app = app(100, 30);
    assert_eq!(app.update(Action::Quit), Effect::Quit);
    assert_eq!(app.update(Action::Suspend), Effect::Suspend);
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(Action::Input(c));
    }
}

#[test]
fn search_as_you_type_counts_and_moves_with_n() {
    let mut app = app(100, 30);
    let expected = app.doc().text.matches("三连冠").count();
    run(&mut app, &[Action::Search]);
    assert_eq!(app.input_mode(), InputMode::Text);
    type_text(&mut app, "三连");
    assert!(app.search().is_some_and(|s| s.matches.len() >= expected));
    type_text(&mut app, "冠");
    let search = app.search().expect("searching");
    assert_eq!((search.matches.len(), search.current), (expected, Some(0)));
    let first = search.matches[0].clone();
    assert_eq!(app.highlight(), Some(&first));
    run(&mut app, &[Action::Accept]);
    assert_eq!(app.input_mode(), InputMode::Normal);
    run(&mut app, &[Action::SearchNext]);
    assert_eq!(app.search().and_then(|s| s.current), Some(1));
    let second = app.search().expect("kept").matches[1].clone();
    assert!(app.position() <= second.start);
    run(&mut app, &[Action::SearchPrevious, Action::SearchPrevious]);
    assert_eq!(
        app.search().and_then(|s| s.current),
        Some(expected - 1),
        "wraps to the last"
    );
    assert_eq!(app.notice(), Some(app.strings().search_wrapped_to_bottom()));
}

#[test]
fn search_marks_the_tree_nodes_that_hold_matches() {
    let mut app = app(100, 30);
    run(&mut app, &[Action::Search]);
    type_text(&mut app, "强化监督检查");
    let point = node_index(&app, "三是", 2);
    assert!(app.node_has_match(point));
    assert!(
        app.node_has_match(node_index(&app, "三、", 0)),
        "its heading too"
    );
    assert!(!app.node_has_match(node_index(&app, "一、", 0)));
    run(&mut app, &[Action::Escape]);
    assert!(!app.node_has_match(point), "no search, no marks");
}

#[test]
fn escape_cancels_a_search_and_returns() {
    let mut app = app(100, 30);
    run(&mut app, &[Action::Down, Action::Down, Action::Search]);
    type_text(&mut app, "强化监督检查");
    assert!(lines_above(&mut app) > 2);
    run(&mut app, &[Action::Escape]);
    assert_eq!(lines_above(&mut app), 2);
    assert!(app.search().is_none());
}

#[test]
fn pasted_and_full_width_queries_match() {
    let mut app = app(100, 30);
    run(&mut app, &[Action::Search]);
    type_text(&mut app, "１２３１");
    assert_eq!(app.search().map(|s| s.matches.len()), Some(1));
    run(
        &mut app,
        &[
            Action::Edit(Edit::DeleteBack),
            Action::Edit(Edit::DeleteBack),
            Action::Edit(Edit::DeleteBack),
            Action::Edit(Edit::DeleteBack),
        ],
    );
    type_text(&mut app, "xx");
    let count = app.search().map_or(0, |s| s.matches.len());
    assert_eq!(count, app.doc().text.matches("XX").count());
}

#[test]
fn marks_return_and_quote_quote_goes_back() {
    let mut app = app(100, 30);
    run(
        &mut app,
        &[Action::NextHeading, Action::SetMark, Action::Letter('a')],
    );
    assert!(app.take_state_changed());
    let marked = app.marks()[&'a'];
    run(
        &mut app,
        &[Action::Bottom, Action::GoToMark, Action::Letter('a')],
    );
    let marked_line = app.line_at(marked);
    assert_eq!(app.top(), marked_line);
    run(&mut app, &[Action::TopLevelHeading(3)]);
    let before_jump = app.position();
    run(
        &mut app,
        &[
            Action::TopLevelHeading(1),
            Action::GoToMark,
            Action::Letter('\''),
        ],
    );
    assert_eq!(app.position(), before_jump);
    run(&mut app, &[Action::GoToMark, Action::Letter('z')]);
    assert!(app.notice().is_some_and(|n| n.starts_with("没有标记")));
}

#[test]
fn restore_clamps_to_the_document() {
    let mut app = app(100, 30);
    let end = app.doc().text.len();
    app.restore(
        usize::MAX,
        [('a', 10), ('b', end + 100)].into_iter().collect(),
    );
    let bottom = app.max_top();
    assert_eq!(app.top(), bottom);
    assert_eq!(app.marks().keys().copied().collect::<Vec<_>>(), ['a']);
}

#[test]
fn placeholders_are_jumped_to_with_x() {
    let mut app = app(100, 30);
    let placeholders: Vec<Range<usize>> =
        app.placeholders().iter().map(|p| p.span.clone()).collect();
    assert!(placeholders.len() >= 2);
    run(&mut app, &[Action::NextPlaceholder]);
    assert_eq!(app.highlight(), Some(&placeholders[0]));
    assert_eq!(app.doc().slice(&placeholders[0]), "XX日");
    run(&mut app, &[Action::NextPlaceholder]);
    assert_eq!(app.highlight(), Some(&placeholders[1]));
    run(&mut app, &[Action::PreviousPlaceholder]);
    assert_eq!(app.highlight(), Some(&placeholders[0]));
}

#[test]
fn formulations_panel_steps_through_a_term() {
    let mut app = app(100, 30);
    run(&mut app, &[Action::Formulations]);
    assert_eq!(app.overlay(), Some(Overlay::Formulations));
    assert_eq!(app.formulations()[0].text, "“三连冠”");
    run(&mut app, &[Action::Down, Action::Up, Action::Open]);
    assert_eq!(app.overlay(), None);
    let search = app.search().expect("stepping is a search");
    assert_eq!(search.query, "三连冠");
    assert_eq!(search.matches.len(), app.formulations()[0].count);
    run(&mut app, &[Action::SearchNext]);
    assert_eq!(app.search().and_then(|s| s.current), Some(1));
}

#[test]
fn help_scrolls_when_taller_than_the_screen() {
    let mut app = app(80, 12);
    run(&mut app, &[Action::Help, Action::Down, Action::Down]);
    assert_eq!(app.overlay(), Some(Overlay::Help));
    assert_eq!(app.help_top(), 2);
    run(&mut app, &[Action::PageDown; 20]);
    assert_eq!(
        app.help_top(),
        app.help_layout().lines.len() - app.help_height()
    );
    run(&mut app, &[Action::Escape]);
    assert_eq!(app.overlay(), None);
}

#[test]
fn a_window_moved_line_by_line_is_the_window_laid_out_afresh() {
    let mut app = app(90, 20);
    let steps = [
        (Action::Down, 45),
        (Action::Up, 3),
        (Action::PageDown, 1),
        (Action::Down, 12),
        (Action::NextHeading, 1),
        (Action::Down, 200),
    ];
    let mut checked = 0;
    for (action, times) in steps {
        for _ in 0..times {
            app.update(action);
            let mut fresh = self::app(90, 20);
            fresh.top = app.top;
            fresh.window_at = None;
            fresh.refresh_window();
            assert_eq!(
                app.window(),
                fresh.window(),
                "after {action:?} at {:?}",
                app.top
            );
            checked += 1;
        }
    }
    assert!(checked > 250);
}

#[test]
fn reading_down_the_opening_the_tree_never_goes_back_to_the_title() {
    let mut app = app(100, 20);
    let first_heading = node_index(&app, "一、", 0);
    let mut selected = vec![selected_label(&app)];
    while app.selected() != TreeRow::Node(first_heading) {
        assert_ne!(app.update(Action::Down), Effect::None, "the end came first");
        let now = selected_label(&app);
        if selected.last() != Some(&now) {
            selected.push(now);
        }
    }
    assert_eq!(
        selected,
        ["<title>", "同志们:", "一、认清形势、凝心聚力争创“三连冠”"]
    );
}

#[test]
fn a_blank_top_line_stays_on_top_through_a_resize() {
    let mut app = app(100, 20);
    app.update(Action::Down);
    assert!(app.window()[0].block.is_none(), "the top line is blank");
    let shown: Vec<String> = app
        .window()
        .iter()
        .map(|line| line.screen.text.clone())
        .collect();
    app.update(Action::Resize {
        width: 100,
        height: 20,
    });
    let again: Vec<String> = app
        .window()
        .iter()
        .map(|line| line.screen.text.clone())
        .collect();
    assert_eq!(again, shown);
    app.update(Action::Resize {
        width: 90,
        height: 20,
    });
    assert!(app.window()[0].block.is_none(), "the top line is blank");
    assert!(app.window()[1].screen.text.contains("同志们"));
}

#[test]
fn an_attachment_and_its_sections_are_reached_by_number_and_by_section_keys() {
    let text = "关于印发实施方案的通知\n各单位：\n现将方案印发给你们。\n一、总体安排\n正文。\n二、工作要求\n正文。\n中共东平市委办公室\n2023年12月25日\n附件\n东平市重点项目实施方案\n为推进项目建设，制定本方案。\n一、总体要求\n正文。\n二、重点任务\n一是抓交通；二是抓水利。\n";
    let mut app = App::new(parse_text(text), Settings::default(), 100, 8);
    run(&mut app, &[Action::TopLevelHeading(3)]);
    assert_eq!(selected_label(&app), "附件东平市重点项目实施方案");
    assert!(
        top_line_text(&app).starts_with("附件"),
        "{}",
        top_line_text(&app)
    );
    run(&mut app, &[Action::NextHeading]);
    assert_eq!(selected_label(&app), "一、总体要求");
    run(&mut app, &[Action::TopLevelHeading(5)]);
    assert_eq!(selected_label(&app), "二、重点任务");
    run(&mut app, &[Action::NextPoint]);
    assert_eq!(selected_label(&app), "一是抓交通");
    run(
        &mut app,
        &[
            Action::PreviousHeading,
            Action::PreviousHeading,
            Action::PreviousHeading,
        ],
    );
    assert_eq!(selected_label(&app), "附件东平市重点项目实施方案");
}

#[test]
fn a_click_on_the_tree_overlays_border_selects_nothing() {
    let mut app = app(50, 20);
    run(&mut app, &[Action::ToggleTree]);
    assert_eq!(app.overlay(), Some(Overlay::Tree));
    let overlay = geometry::tree_overlay_box(app.panes());
    let inside = geometry::inside_border(overlay);
    let before = (selected_label(&app), app.top());
    // The left border, on the row of the second tree row; then the top border.
    run(
        &mut app,
        &[
            Action::Click {
                column: overlay.x,
                row: inside.y + 1,
            },
            Action::Click {
                column: inside.x + 2,
                row: overlay.y,
            },
        ],
    );
    assert_eq!((selected_label(&app), app.top()), before);
    assert_eq!(app.overlay(), Some(Overlay::Tree));
    // Inside, the same row opens its node.
    run(
        &mut app,
        &[Action::Click {
            column: inside.x,
            row: inside.y + 1,
        }],
    );
    assert_ne!(selected_label(&app), before.0);
}

#[test]
fn what_happens_besides_actions_comes_in_through_receive() {
    let mut app = app(100, 30);
    assert_eq!(app.receive(Msg::Loading), Effect::Redraw);
    assert!(app.loading());
    run(&mut app, &[Action::Down, Action::Down]);
    let moved = app.position();
    let saved = crate::resume::Saved {
        file: None,
        state: Ok(Some(crate::resume::SavedState {
            version: 1,
            position: 0,
            ..crate::resume::SavedState::default()
        })),
    };
    // The whole document arrives after the reader moved: it stays where it is.
    app.receive(Msg::Loaded {
        doc: Box::new(parse_text(BRIEFING)),
        saved,
        resume: true,
    });
    assert!(!app.loading());
    assert_eq!(app.position(), moved);
    app.receive(Msg::WidthProbed(AmbiguousWidth::Wide));
    assert_eq!(app.settings().ambiguous, AmbiguousWidth::Wide);
    app.receive(Msg::LoadFailed("disk gone".into()));
    assert!(app.notice().is_some_and(|n| n.contains("disk gone")));
}

#[test]
fn any_run_of_resizes_back_to_the_same_size_shows_the_same_top_line() {
    let mut app = app(80, 24);
    run(&mut app, &[Action::TopLevelHeading(2)]);
    run(&mut app, &[Action::Down; 15]);
    let top = top_line_text(&app);
    for _ in 0..6 {
        run(
            &mut app,
            &[
                Action::Resize {
                    width: 120,
                    height: 40,
                },
                Action::Resize {
                    width: 80,
                    height: 24,
                },
            ],
        );
        assert_eq!(top_line_text(&app), top);
    }
    for _ in 0..6 {
        run(&mut app, &[Action::TreeWider, Action::TreeNarrower]);
        assert_eq!(top_line_text(&app), top);
    }
    // A move of the reader's own sets where later resizes start from.
    run(&mut app, &[Action::Down]);
    let moved = top_line_text(&app);
    assert_ne!(moved, top);
    run(
        &mut app,
        &[
            Action::Resize {
                width: 57,
                height: 20,
            },
            Action::Resize {
                width: 80,
                height: 24,
            },
        ],
    );
    assert_eq!(top_line_text(&app), moved);
}

#[test]
fn the_search_prompt_edits_its_line() {
    let mut app = app(100, 30);
    run(&mut app, &[Action::Search]);
    type_text(&mut app, "三冠");
    run(&mut app, &[Action::Edit(Edit::Left)]);
    type_text(&mut app, "连");
    let prompt = app.prompt().expect("the prompt is open");
    assert_eq!(
        (prompt.line.text(), prompt.line.before_cursor()),
        ("三连冠", "三连")
    );
    assert_eq!(app.search().map(|s| s.query.as_str()), Some("三连冠"));
    assert!(!app.search().expect("a search").matches.is_empty());
    run(&mut app, &[Action::Edit(Edit::DeleteToStart)]);
    assert_eq!(app.prompt().map(|p| p.line.text()), Some("冠"));
}

#[test]
fn a_search_that_finds_nothing_says_so_and_stays_for_n() {
    let mut app = app(100, 30);
    run(&mut app, &[Action::Search]);
    type_text(&mut app, "没有这句话");
    run(&mut app, &[Action::Accept]);
    assert_eq!(app.notice(), Some("找不到“没有这句话”"));
    assert_eq!(app.input_mode(), InputMode::Normal);
    run(&mut app, &[Action::SearchNext]);
    assert_eq!(app.notice(), Some("找不到“没有这句话”"));
}

#[test]
fn slash_enter_repeats_the_last_search_and_up_recalls_it() {
    let mut app = app(100, 30);
    run(&mut app, &[Action::Search]);
    type_text(&mut app, "三连冠");
    run(&mut app, &[Action::Accept, Action::Escape]);
    assert!(app.search().is_none(), "Esc ended the search");
    run(&mut app, &[Action::Search, Action::Accept]);
    let search = app.search().expect("the last search again");
    assert_eq!(search.query, "三连冠");
    assert!(search.current.is_some());
    run(&mut app, &[Action::Search, Action::HistoryPrevious]);
    assert_eq!(app.prompt().map(|p| p.line.text()), Some("三连冠"));
    run(&mut app, &[Action::HistoryNext]);
    assert_eq!(app.prompt().map(|p| p.line.text()), Some(""));
    // Esc gives back the search there was before the prompt opened.
    run(&mut app, &[Action::Escape]);
    assert_eq!(app.search().map(|s| s.query.as_str()), Some("三连冠"));
    assert_eq!(app.saved_state().searches, ["三连冠"]);
}

fn go_to(app: &mut App, typed: &str) {
    run(app, &[Action::GoTo]);
    type_text(app, typed);
    run(app, &[Action::Accept]);
}

#[test]
fn go_to_takes_a_heading_number_a_line_or_a_share() {
    // A short pane, so that no line gone to is below the last full page.
    let mut app = app(100, 8);
    for typed in ["3", "三", "三、", "３"] {
        run(&mut app, &[Action::Top]);
        go_to(&mut app, typed);
        assert_eq!(
            selected_label(&app),
            "三、营造氛围、汇聚合力共创双拥佳绩",
            "{typed}"
        );
    }
    // Lines as `outline` numbers them: those of two headings, and of a point.
    let line_of = |app: &App, marker: &str| {
        let node = &app.doc().nodes[node_index(app, marker, 0)];
        app.doc().line_of(node.head.start)
    };
    let (second, third) = (line_of(&app, "二、"), line_of(&app, "三、"));
    for typed in [
        format!("L{second}"),
        format!("{third}行"),
        format!("第{second}行"),
    ] {
        go_to(&mut app, &typed);
        let line: usize = typed
            .trim_start_matches(['L', '第'])
            .trim_end_matches('行')
            .parse()
            .expect("a number");
        assert_eq!(app.doc().line_of(app.position()), line, "{typed}");
    }
    // A number beyond the headings is a line.
    go_to(&mut app, &third.to_string());
    assert_eq!(app.doc().line_of(app.position()), third);
    go_to(&mut app, "50%");
    assert!((45..=60).contains(&app.percent()), "{}", app.percent());
    go_to(&mut app, "100%");
    assert_eq!(app.percent(), 100);
    go_to(&mut app, "abc");
    assert!(app.notice().is_some_and(|n| n.starts_with("看不懂“abc”")));
    go_to(&mut app, "L99999");
    assert!(app.notice().is_some_and(|n| n.starts_with("没有第99999行")));
    go_to(&mut app, "十");
    assert!(
        app.notice()
            .is_some_and(|n| n.starts_with("一级标题只有3个"))
    );
}

#[test]
fn keys_that_cannot_act_say_why() {
    let mut app = app(100, 30);
    run(&mut app, &[Action::PreviousPoint]);
    assert_eq!(app.notice(), Some("前面没有要点了"));
    run(&mut app, &[Action::PreviousHeading]);
    assert_eq!(app.notice(), Some("前面没有标题了"));
    run(&mut app, &[Action::TopLevelHeading(9)]);
    assert!(
        app.notice()
            .is_some_and(|n| n.starts_with("一级标题只有3个"))
    );
    let points = app
        .doc()
        .nodes
        .iter()
        .filter(|n| n.kind == NodeKind::Point)
        .count();
    run(&mut app, &vec![Action::NextPoint; points]);
    assert_eq!(app.notice(), None);
    run(&mut app, &[Action::NextPoint]);
    assert_eq!(app.notice(), Some("后面没有要点了"));
    run(&mut app, &[Action::NextHeading]);
    assert_eq!(app.notice(), Some("后面没有标题了"));
    // Keys of the tree, pressed in the text, leave the reader where it is.
    let top = app.top();
    for action in [Action::Open, Action::Fold] {
        run(&mut app, &[action]);
        assert!(app.notice().is_some_and(|n| n.starts_with("此键用于目录")));
        assert_eq!(app.top(), top);
    }
    run(&mut app, &[Action::SetMark]);
    assert!(
        app.pending_prompt()
            .is_some_and(|p| p.starts_with("设标记"))
    );
    run(&mut app, &[Action::Letter('a'), Action::GoToMark]);
    assert!(
        app.pending_prompt()
            .is_some_and(|p| p.starts_with("跳到标记"))
    );

    let mut bare = App::new(parse_text("只有一段话。"), Settings::default(), 100, 30);
    run(&mut bare, &[Action::TopLevelHeading(1)]);
    assert_eq!(bare.notice(), Some("本文没有一级标题"));
}

#[test]
fn tab_never_focuses_a_hidden_tree() {
    let mut app = app(50, 20);
    run(&mut app, &[Action::ToggleFocus]);
    assert_eq!(app.focus(), Focus::Text);
    assert_eq!(app.notice(), Some(app.strings().tree_hidden().as_str()));
    run(&mut app, &[Action::ToggleTree]);
    assert_eq!(app.focus(), Focus::Tree);
}

#[test]
fn the_placeholder_stepped_to_is_counted_among_all() {
    let mut app = app(100, 30);
    let total = app.placeholders().len();
    assert!(total >= 3);
    assert_eq!(app.current_placeholder(), None);
    run(
        &mut app,
        &[Action::NextPlaceholder, Action::NextPlaceholder],
    );
    assert_eq!(app.current_placeholder(), Some(1));
    run(&mut app, &[Action::Down]);
    assert_eq!(app.current_placeholder(), None, "moved on from it");
}

fn saved(state: Result<Option<crate::resume::SavedState>, crate::resume::StateProblem>) -> Msg {
    Msg::Resume {
        saved: crate::resume::Saved { file: None, state },
        resume: true,
    }
}

#[test]
fn a_damaged_state_file_is_said_once() {
    let mut app = app(100, 30);
    app.receive(saved(Err(crate::resume::StateProblem::Damaged)));
    assert_eq!(app.notice(), Some("上次的阅读位置已损坏，已忽略"));
    run(&mut app, &[Action::Down]);
    assert_eq!(app.notice(), None);
}

#[test]
fn a_resumed_session_says_so_once() {
    let mut app = app(100, 30);
    app.receive(saved(Ok(Some(crate::resume::SavedState {
        position: 2000,
        searches: vec!["双拥".into()],
        ..crate::resume::SavedState::default()
    }))));
    assert!(app.position() > 0);
    assert_eq!(app.notice(), Some(app.strings().resumed().as_str()));
    run(&mut app, &[Action::Search, Action::HistoryPrevious]);
    assert_eq!(app.prompt().map(|p| p.line.text()), Some("双拥"));
    let mut fresh = self::app(100, 30);
    fresh.receive(saved(Ok(None)));
    assert_eq!(fresh.notice(), None);
}

#[test]
fn an_empty_document_says_it_is_empty() {
    let app = App::new(parse_text(""), Settings::default(), 80, 24);
    assert_eq!(app.notice(), Some(app.strings().empty_document()));
    let blank = App::new(parse_text("\n\u{3000}\n  \n"), Settings::default(), 80, 24);
    assert_eq!(blank.notice(), Some(app.strings().empty_document()));
}

#[test]
fn the_readers_times_are_those_of_stats() {
    let app = app(100, 30);
    let stats = crate::report::Stats::new(app.doc(), app.settings().rate);
    assert_eq!(app.total_seconds(), stats.seconds);
    // The footer is not spoken: its row takes no time.
    let footer = app
        .doc()
        .nodes
        .iter()
        .position(|node| node.kind == NodeKind::Footer)
        .expect("a footer");
    assert_eq!(app.node_chars(footer), Some(0));
}

#[test]
fn findings_are_counted_listed_and_stepped_through() {
    let mut app = app(100, 30);
    let count = app.findings().len();
    assert!(count > 100, "the shipped briefing's half-width commas");
    run(&mut app, &[Action::NextFinding]);
    assert_eq!(app.current_finding(), Some(0));
    run(&mut app, &[Action::NextFinding, Action::PreviousFinding]);
    assert_eq!(app.current_finding(), Some(0));
    run(&mut app, &[Action::PreviousFinding]);
    assert_eq!(app.notice(), Some(app.strings().no_more_findings()));
    run(&mut app, &[Action::Findings]);
    assert_eq!(app.overlay(), Some(Overlay::Findings));
    run(&mut app, &[Action::Down, Action::Down, Action::Open]);
    assert_eq!(app.overlay(), None);
    assert_eq!(app.current_finding(), Some(2));
    let spot = &app.findings()[2].span;
    assert_eq!(app.highlight(), Some(spot));
    let mut clean = App::new(
        parse_text("讲话\n\n同志们，大家好。\n"),
        Settings::default(),
        80,
        24,
    );
    run(&mut clean, &[Action::NextFinding]);
    assert_eq!(clean.notice(), Some(clean.strings().no_findings()));
}

mod rehearsal {
    use super::*;
    use crate::rehearsal::Record;
    use crate::resume::SavedState;
    use std::time::{Duration, Instant};

    fn tick(app: &mut App, at: Instant) -> Effect {
        app.receive(Msg::Tick {
            at,
            unix: 1_700_000_000,
        })
    }

    /// The text of the band's line, from its start.
    fn band_text(app: &App) -> String {
        let (_, start) = app.band().expect("a band");
        app.doc()
            .text
            .get(start..)
            .unwrap_or_default()
            .chars()
            .take(8)
            .collect()
    }

    fn rehearsing_app(settings: Settings, t0: Instant) -> App {
        let mut app = App::new(parse_text(BRIEFING), settings, 100, 30);
        tick(&mut app, t0);
        app.update(Action::Rehearse);
        app
    }

    fn status(app: &App) -> RehearsalStatus {
        app.rehearsal_status().expect("rehearsing")
    }

    #[test]
    fn r_starts_at_the_first_spoken_line_with_the_text_at_full_width() {
        let t0 = Instant::now();
        let app = rehearsing_app(Settings::default(), t0);
        assert!(app.rehearsing());
        assert_eq!(app.input_mode(), InputMode::Rehearsal);
        assert_eq!(app.panes().tree.width, 0);
        // The title is not spoken: the band starts on the salutation.
        assert!(band_text(&app).starts_with("同志们"), "{}", band_text(&app));
        assert!(app.next_due().is_some_and(|due| due > t0));
        assert_eq!(status(&app).clock, 0);
        assert_eq!(status(&app).rate, 220);
    }

    #[test]
    fn without_a_time_or_spoken_text_there_is_no_rehearsal() {
        let mut app = app(100, 30);
        app.update(Action::Rehearse);
        assert!(!app.rehearsing());
        let mut empty = App::new(parse_text(""), Settings::default(), 100, 30);
        tick(&mut empty, Instant::now());
        empty.update(Action::Rehearse);
        assert!(!empty.rehearsing());
        assert_eq!(empty.notice(), Some("没有要讲的正文可排练"));
        // And no rehearsal, no wake-up.
        assert_eq!(tick(&mut empty, Instant::now()), Effect::None);
        assert_eq!(empty.next_due(), None);
    }

    #[test]
    fn the_band_moves_on_at_each_lines_due_time_and_stays_a_third_down() {
        let t0 = Instant::now();
        let mut app = rehearsing_app(Settings::default(), t0);
        let first = app.band();
        let due = app.next_due().expect("due");
        assert_eq!(tick(&mut app, t0), Effect::None);
        tick(
            &mut app,
            due.checked_sub(Duration::from_millis(1)).expect("later"),
        );
        assert_eq!(app.band(), first);
        assert_eq!(tick(&mut app, due), Effect::Redraw);
        assert_ne!(app.band(), first);
        let mut now = due;
        for _ in 0..20 {
            now = app.next_due().expect("due");
            tick(&mut app, now);
        }
        let (block, start) = app.band().expect("a band");
        let row = app
            .window()
            .iter()
            .position(|line| line.block == Some(block) && line.source().start == start)
            .expect("the band is on screen");
        assert_eq!(row, app.page() / 3);
        // Each line takes its time at the rate: at 220 a minute, a line of 40
        // characters about 11 s, a short one less.
        let took = now - t0;
        assert!(
            took > Duration::from_secs(21 * 5) && took < Duration::from_secs(21 * 15),
            "{took:?}"
        );
    }

    #[test]
    fn a_pause_stops_the_clock_and_the_band_and_nothing_wakes_the_reader() {
        let t0 = Instant::now();
        let mut app = rehearsing_app(Settings::default(), t0);
        tick(&mut app, t0 + Duration::from_secs(2));
        let band = app.band();
        app.update(Action::Pause);
        assert_eq!(app.next_due(), None);
        assert_eq!(tick(&mut app, t0 + Duration::from_secs(600)), Effect::None);
        assert_eq!(app.band(), band);
        assert_eq!(status(&app).clock, 2);
        assert!(!status(&app).running);
        app.update(Action::Pause);
        assert!(status(&app).running);
        assert!(
            app.next_due()
                .is_some_and(|due| due > t0 + Duration::from_secs(600))
        );
    }

    #[test]
    fn plus_and_minus_change_the_rate_and_the_lines_time_at_once() {
        let t0 = Instant::now();
        let mut app = rehearsing_app(Settings::default(), t0);
        let due = app.next_due().expect("due");
        assert_eq!(app.update(Action::Faster), Effect::Redraw);
        assert_eq!(status(&app).rate, 230);
        assert!(app.next_due().expect("due") < due);
        app.update(Action::Slower);
        app.update(Action::Slower);
        assert_eq!(status(&app).rate, 210);
        assert!(app.next_due().expect("due") > due);
    }

    #[test]
    fn jumps_and_nudges_move_the_band_and_the_clock_runs_on() {
        let t0 = Instant::now();
        let mut app = rehearsing_app(Settings::default(), t0);
        tick(&mut app, t0 + Duration::from_secs(3));
        app.update(Action::NextHeading);
        assert!(
            band_text(&app).starts_with("一、认清形势"),
            "{}",
            band_text(&app)
        );
        assert!(status(&app).section.starts_with("一、认清形势"));
        assert_eq!(status(&app).clock, 3);
        app.update(Action::NextPoint);
        // The band is the line the point's marker is on.
        let (_, start) = app.band().expect("a band");
        let line: String = app
            .doc()
            .text
            .get(start..)
            .unwrap_or_default()
            .chars()
            .take(40)
            .collect();
        assert!(line.contains("一是"), "{line}");
        let on_point = app.band();
        app.update(Action::Down);
        assert_ne!(app.band(), on_point);
        app.update(Action::Up);
        assert_eq!(app.band(), on_point);
        app.update(Action::PreviousHeading);
        assert!(band_text(&app).starts_with("一、认清形势"));
        // The tree comes back with t, and goes again.
        app.update(Action::ToggleTree);
        assert!(app.panes().tree.width > 0);
        app.update(Action::ToggleTree);
        assert_eq!(app.panes().tree.width, 0);
    }

    #[test]
    fn budgets_are_shares_of_the_minutes_and_show_ahead_or_behind() {
        let t0 = Instant::now();
        let settings = Settings {
            minutes: Some(10),
            ..Settings::default()
        };
        let app = rehearsing_app(settings, t0);
        let stats = crate::report::Stats::new(app.doc(), 220);
        let opening = stats.rows[0].chars * 600 / stats.chars;
        assert_eq!(status(&app).budget, u64::try_from(opening).expect("small"));
        // Paced at 220 a minute for 20 s: behind a plan of one minute for the speech,
        // ahead of one of an hour.
        for (minutes, behind) in [(1, true), (60, false)] {
            let settings = Settings {
                minutes: Some(minutes),
                ..Settings::default()
            };
            let mut app = rehearsing_app(settings, t0);
            let mut now = t0;
            while now < t0 + Duration::from_secs(20) {
                now = app.next_due().expect("due");
                tick(&mut app, now);
            }
            let ahead = status(&app).ahead;
            assert_eq!(ahead < 0, behind, "{minutes} minutes: {ahead}");
        }
    }

    #[test]
    fn the_end_shows_every_section_and_keeps_a_rehearsal_of_ten_seconds() {
        let t0 = Instant::now();
        let mut app = rehearsing_app(Settings::default(), t0);
        let mut now = t0;
        while now < t0 + Duration::from_secs(12) {
            now = app.next_due().expect("due");
            tick(&mut app, now);
        }
        app.update(Action::Rehearse);
        assert!(!app.rehearsing());
        assert_eq!(app.overlay(), Some(Overlay::Summary));
        let summary = app.summary().expect("shown");
        assert_eq!(summary.rows.len(), 5);
        assert!(summary.rows[1].label.starts_with("一、认清形势"));
        assert!(summary.seconds >= 12);
        assert!(app.take_state_changed());
        let kept = app.saved_state().rehearsals;
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].sections[0].label, "开场：同志们:");
        // Any key closes the summary; the tree is back.
        app.update(Action::Down);
        assert_eq!(app.overlay(), None);
        assert!(app.panes().tree.width > 0);
    }

    #[test]
    fn a_short_rehearsal_is_not_kept_and_the_speech_ends_it() {
        let t0 = Instant::now();
        let mut app = rehearsing_app(Settings::default(), t0);
        app.update(Action::TopLevelHeading(3));
        app.update(Action::Rehearse);
        assert!(app.summary().is_some_and(|s| s.record.is_none()));
        assert!(!app.take_state_changed());
        app.update(Action::Escape);
        // From the closing, run to the end: the last line's due time ends it.
        app.update(Action::Bottom);
        app.update(Action::Rehearse);
        while app.rehearsing() {
            let due = app.next_due().expect("due");
            tick(&mut app, due);
        }
        assert_eq!(app.overlay(), Some(Overlay::Summary));
    }

    #[test]
    fn rate_auto_takes_the_rate_the_last_rehearsal_measured() {
        let settings = Settings {
            rate_auto: true,
            ..Settings::default()
        };
        let mut app = App::new(parse_text(BRIEFING), settings, 100, 30);
        let record = |rate| Record {
            started: 1,
            seconds: 60,
            rate,
            sections: Vec::new(),
        };
        app.receive(Msg::Resume {
            saved: crate::resume::Saved {
                file: None,
                state: Ok(Some(SavedState {
                    rehearsals: vec![record(180), record(250)],
                    ..SavedState::default()
                })),
            },
            resume: false,
        });
        assert_eq!(app.settings().rate, 250);
        assert_eq!(app.saved_state().rehearsals.len(), 2);
    }
}
