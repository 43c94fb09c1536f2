//! The one table that turns keys into actions. The help overlay and README's key list
//! are generated from it, so they cannot drift from what the keys do.

use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use crate::action::{Action, Edit, InputMode};
use crate::lang::{Lang, Localized};

/// A key as written in the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    Char(char),
    Ctrl(char),
    Code(KeyCode),
    /// Any of 1–9; the action gets the digit.
    Digit,
}

/// One line of the keymap: keys, the action they trigger, and what the help says.
#[derive(Clone, Copy, Debug)]
pub struct Binding {
    pub keys: &'static [Key],
    pub action: Action,
    pub help: Localized,
}

/// `?`, the same in the reader and while rehearsing.
const HELP_KEY: Binding = Binding {
    keys: &[Key::Char('?')],
    action: Action::Help,
    help: Localized {
        zh: "本帮助",
        en: "this help",
    },
};

/// Every key of the reader.
pub const KEYMAP: &[Binding] = &[
    Binding {
        keys: &[Key::Char('j'), Key::Code(KeyCode::Down)],
        action: Action::Down,
        help: Localized {
            zh: "下移一行（目录中：下一项）",
            en: "down a line (tree: next row)",
        },
    },
    Binding {
        keys: &[Key::Char('k'), Key::Code(KeyCode::Up)],
        action: Action::Up,
        help: Localized {
            zh: "上移一行（目录中：上一项）",
            en: "up a line (tree: previous row)",
        },
    },
    Binding {
        keys: &[Key::Char(' '), Key::Code(KeyCode::PageDown)],
        action: Action::PageDown,
        help: Localized {
            zh: "下翻一页",
            en: "down a page",
        },
    },
    Binding {
        keys: &[Key::Char('b'), Key::Code(KeyCode::PageUp)],
        action: Action::PageUp,
        help: Localized {
            zh: "上翻一页",
            en: "up a page",
        },
    },
    Binding {
        keys: &[Key::Ctrl('d')],
        action: Action::HalfPageDown,
        help: Localized {
            zh: "下翻半页",
            en: "down half a page",
        },
    },
    Binding {
        keys: &[Key::Ctrl('u')],
        action: Action::HalfPageUp,
        help: Localized {
            zh: "上翻半页",
            en: "up half a page",
        },
    },
    Binding {
        keys: &[Key::Char('g'), Key::Code(KeyCode::Home)],
        action: Action::Top,
        help: Localized {
            zh: "到开头",
            en: "top",
        },
    },
    Binding {
        keys: &[Key::Char('G'), Key::Code(KeyCode::End)],
        action: Action::Bottom,
        help: Localized {
            zh: "到末尾",
            en: "bottom",
        },
    },
    Binding {
        keys: &[Key::Char(']')],
        action: Action::NextPoint,
        help: Localized {
            zh: "下一个要点（一是…），可跨标题",
            en: "next point (一是…), across headings",
        },
    },
    Binding {
        keys: &[Key::Char('[')],
        action: Action::PreviousPoint,
        help: Localized {
            zh: "上一个要点",
            en: "previous point",
        },
    },
    Binding {
        keys: &[Key::Char('}')],
        action: Action::NextHeading,
        help: Localized {
            zh: "下一个标题（任一级）",
            en: "next heading, any depth",
        },
    },
    Binding {
        keys: &[Key::Char('{')],
        action: Action::PreviousHeading,
        help: Localized {
            zh: "上一个标题",
            en: "previous heading",
        },
    },
    Binding {
        keys: &[Key::Digit],
        action: Action::TopLevelHeading(0),
        help: Localized {
            zh: "第 N 个一级标题（一、二、…）",
            en: "the N-th top-level heading (一、二、…)",
        },
    },
    Binding {
        keys: &[Key::Char('/')],
        action: Action::Search,
        help: Localized {
            zh: "边输边搜（Enter 确定，Esc 返回；/ 后直接 Enter 重复上次搜索）",
            en: "search as you type (Enter keeps it, Esc goes back; / Enter repeats the last)",
        },
    },
    Binding {
        keys: &[Key::Char(':')],
        action: Action::GoTo,
        help: Localized {
            zh: "跳转：12 或 十二（一级标题）、L120（行）、50%",
            en: "go to: 12 or 十二 (a top-level heading), L120 (a line), 50%",
        },
    },
    Binding {
        keys: &[Key::Char('n')],
        action: Action::SearchNext,
        help: Localized {
            zh: "下一处匹配",
            en: "next match",
        },
    },
    Binding {
        keys: &[Key::Char('N')],
        action: Action::SearchPrevious,
        help: Localized {
            zh: "上一处匹配",
            en: "previous match",
        },
    },
    Binding {
        keys: &[Key::Char('m')],
        action: Action::SetMark,
        help: Localized {
            zh: "m 加字母：在此设标记",
            en: "m + letter: set a mark here",
        },
    },
    Binding {
        keys: &[Key::Char('\'')],
        action: Action::GoToMark,
        help: Localized {
            zh: "' 加字母：跳到标记；'' 回到上次跳转前",
            en: "' + letter: go to a mark; '' back to before the last jump",
        },
    },
    Binding {
        keys: &[Key::Char('f')],
        action: Action::Formulations,
        help: Localized {
            zh: "提法一览；Enter 逐个查看",
            en: "key formulations (提法); Enter steps through one",
        },
    },
    Binding {
        keys: &[Key::Char('!')],
        action: Action::Findings,
        help: Localized {
            zh: "校对结果（同 briefing check）；Enter 跳到该处",
            en: "findings of briefing check; Enter goes to one",
        },
    },
    Binding {
        keys: &[Key::Char('e')],
        action: Action::NextFinding,
        help: Localized {
            zh: "下一处校对问题",
            en: "next finding",
        },
    },
    Binding {
        keys: &[Key::Char('E')],
        action: Action::PreviousFinding,
        help: Localized {
            zh: "上一处校对问题",
            en: "previous finding",
        },
    },
    Binding {
        keys: &[Key::Char('x')],
        action: Action::NextPlaceholder,
        help: Localized {
            zh: "下一个待填空白（XX、××、○○）",
            en: "next placeholder (XX, ××, ○○)",
        },
    },
    Binding {
        keys: &[Key::Char('X')],
        action: Action::PreviousPlaceholder,
        help: Localized {
            zh: "上一个待填空白",
            en: "previous placeholder",
        },
    },
    Binding {
        keys: &[Key::Code(KeyCode::Tab)],
        action: Action::ToggleFocus,
        help: Localized {
            zh: "在目录与正文间切换",
            en: "focus tree / text",
        },
    },
    Binding {
        keys: &[
            Key::Code(KeyCode::Enter),
            Key::Char('l'),
            Key::Code(KeyCode::Right),
        ],
        action: Action::Open,
        help: Localized {
            zh: "目录中：展开并跳到该项",
            en: "tree: open the node and jump to it",
        },
    },
    Binding {
        keys: &[Key::Char('h'), Key::Code(KeyCode::Left)],
        action: Action::Fold,
        help: Localized {
            zh: "目录中：折叠该项，或回到上一级",
            en: "tree: fold the node, or go to its parent",
        },
    },
    Binding {
        keys: &[Key::Char('t')],
        action: Action::ToggleTree,
        help: Localized {
            zh: "在正文上显示目录（窄终端）",
            en: "show the tree over the text (narrow terminals)",
        },
    },
    Binding {
        keys: &[Key::Char('<')],
        action: Action::TreeNarrower,
        help: Localized {
            zh: "目录变窄",
            en: "narrower tree",
        },
    },
    Binding {
        keys: &[Key::Char('>')],
        action: Action::TreeWider,
        help: Localized {
            zh: "目录变宽",
            en: "wider tree",
        },
    },
    Binding {
        keys: &[Key::Char('r')],
        action: Action::Rehearse,
        help: Localized {
            zh: "从这里开始排练：按语速逐行走读、计时",
            en: "rehearse from here: paced line by line, timed",
        },
    },
    HELP_KEY,
    Binding {
        keys: &[Key::Code(KeyCode::Esc)],
        action: Action::Escape,
        help: Localized {
            zh: "关闭浮层，取消输入",
            en: "close an overlay, cancel a prompt",
        },
    },
    Binding {
        keys: &[Key::Ctrl('z')],
        action: Action::Suspend,
        help: Localized {
            zh: "挂起到 shell（fg 返回）",
            en: "suspend to the shell (fg to come back)",
        },
    },
    Binding {
        keys: &[Key::Char('q'), Key::Ctrl('c')],
        action: Action::Quit,
        help: Localized {
            zh: "退出",
            en: "quit",
        },
    },
];

impl Key {
    /// The action this key triggers for `event`, given the binding's action.
    fn resolve(self, action: Action, event: &KeyEvent) -> Option<Action> {
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        let hit = match (self, event.code) {
            (Self::Ctrl(expected), KeyCode::Char(c)) => ctrl && c.eq_ignore_ascii_case(&expected),
            (Self::Char(expected), KeyCode::Char(c)) => !ctrl && c == expected,
            (Self::Digit, KeyCode::Char(c @ '1'..='9')) if !ctrl => {
                let digit = c.to_digit(10).and_then(|d| usize::try_from(d).ok())?;
                return Some(match action {
                    Action::TopLevelHeading(_) => Action::TopLevelHeading(digit),
                    other => other,
                });
            }
            (Self::Code(expected), code) => !ctrl && code == expected,
            _ => false,
        };
        hit.then_some(action)
    }

    /// How the key is written in the help: `j`, `Ctrl-d`, `PageDown`, `1–9`.
    pub fn label(self) -> String {
        match self {
            Self::Char(' ') => "Space".to_owned(),
            Self::Char(c) => c.to_string(),
            Self::Ctrl(c) => format!("Ctrl-{c}"),
            Self::Digit => "1–9".to_owned(),
            Self::Code(code) => match code {
                KeyCode::Down => "↓".to_owned(),
                KeyCode::Up => "↑".to_owned(),
                KeyCode::Left => "←".to_owned(),
                KeyCode::Right => "→".to_owned(),
                KeyCode::PageDown => "PageDown".to_owned(),
                KeyCode::PageUp => "PageUp".to_owned(),
                KeyCode::Home => "Home".to_owned(),
                KeyCode::End => "End".to_owned(),
                KeyCode::Tab => "Tab".to_owned(),
                KeyCode::Enter => "Enter".to_owned(),
                KeyCode::Esc => "Esc".to_owned(),
                other => format!("{other:?}"),
            },
        }
    }
}

/// Keys of the prompts (search, go to); any other character is typed into them. Each
/// editing key also has the Ctrl key a shell's line gives it.
pub const PROMPT_KEYMAP: &[Binding] = &[
    Binding {
        // A line end typed before the reader took the terminal arrives as Ctrl-J.
        keys: &[Key::Code(KeyCode::Enter), Key::Ctrl('j'), Key::Ctrl('m')],
        action: Action::Accept,
        help: Localized {
            zh: "搜索，或跳转",
            en: "search, or go",
        },
    },
    Binding {
        keys: &[Key::Code(KeyCode::Esc), Key::Ctrl('g')],
        action: Action::Escape,
        help: Localized {
            zh: "取消并返回",
            en: "cancel and go back",
        },
    },
    Binding {
        keys: &[Key::Code(KeyCode::Left), Key::Ctrl('b')],
        action: Action::Edit(Edit::Left),
        help: Localized {
            zh: "光标左移",
            en: "cursor left",
        },
    },
    Binding {
        keys: &[Key::Code(KeyCode::Right), Key::Ctrl('f')],
        action: Action::Edit(Edit::Right),
        help: Localized {
            zh: "光标右移",
            en: "cursor right",
        },
    },
    Binding {
        keys: &[Key::Code(KeyCode::Home), Key::Ctrl('a')],
        action: Action::Edit(Edit::Home),
        help: Localized {
            zh: "到行首",
            en: "to the start",
        },
    },
    Binding {
        keys: &[Key::Code(KeyCode::End), Key::Ctrl('e')],
        action: Action::Edit(Edit::End),
        help: Localized {
            zh: "到行尾",
            en: "to the end",
        },
    },
    Binding {
        keys: &[Key::Code(KeyCode::Backspace), Key::Ctrl('h')],
        action: Action::Edit(Edit::DeleteBack),
        help: Localized {
            zh: "删除光标前一字",
            en: "delete before the cursor",
        },
    },
    Binding {
        keys: &[Key::Code(KeyCode::Delete), Key::Ctrl('d')],
        action: Action::Edit(Edit::DeleteForward),
        help: Localized {
            zh: "删除光标处一字",
            en: "delete at the cursor",
        },
    },
    Binding {
        keys: &[Key::Ctrl('u')],
        action: Action::Edit(Edit::DeleteToStart),
        help: Localized {
            zh: "删除到行首",
            en: "delete to the start",
        },
    },
    Binding {
        keys: &[Key::Ctrl('k')],
        action: Action::Edit(Edit::DeleteToEnd),
        help: Localized {
            zh: "删除到行尾",
            en: "delete to the end",
        },
    },
    Binding {
        keys: &[Key::Ctrl('w')],
        action: Action::Edit(Edit::DeleteWordBack),
        help: Localized {
            zh: "删除光标前一词",
            en: "delete the word before",
        },
    },
    Binding {
        keys: &[Key::Code(KeyCode::Up), Key::Ctrl('p')],
        action: Action::HistoryPrevious,
        help: Localized {
            zh: "搜索：上一条历史",
            en: "search: an earlier search",
        },
    },
    Binding {
        keys: &[Key::Code(KeyCode::Down), Key::Ctrl('n')],
        action: Action::HistoryNext,
        help: Localized {
            zh: "搜索：下一条历史",
            en: "search: a later search",
        },
    },
    Binding {
        keys: &[Key::Ctrl('c')],
        action: Action::Quit,
        help: Localized {
            zh: "退出",
            en: "quit",
        },
    },
];

/// Keys while rehearsing: the band, the clock and the rate; the moves of the reader
/// that make sense while reading aloud.
pub const REHEARSAL_KEYMAP: &[Binding] = &[
    Binding {
        keys: &[Key::Char(' ')],
        action: Action::Pause,
        help: Localized {
            zh: "暂停或继续（时钟随之停走）",
            en: "pause or go on (the clock stops with it)",
        },
    },
    Binding {
        keys: &[Key::Char('+'), Key::Char('=')],
        action: Action::Faster,
        help: Localized {
            zh: "语速加快 10 字/分",
            en: "rate up by 10 a minute",
        },
    },
    Binding {
        keys: &[Key::Char('-')],
        action: Action::Slower,
        help: Localized {
            zh: "语速放慢 10 字/分",
            en: "rate down by 10 a minute",
        },
    },
    Binding {
        keys: &[Key::Char('j'), Key::Code(KeyCode::Down)],
        action: Action::Down,
        help: Localized {
            zh: "读带下移一行（讲得快了）",
            en: "band down a line (you are ahead of it)",
        },
    },
    Binding {
        keys: &[Key::Char('k'), Key::Code(KeyCode::Up)],
        action: Action::Up,
        help: Localized {
            zh: "读带上移一行（讲得慢了）",
            en: "band up a line (you are behind it)",
        },
    },
    Binding {
        keys: &[Key::Char(']')],
        action: Action::NextPoint,
        help: Localized {
            zh: "读带跳到下一个要点，时钟照走",
            en: "band to the next point, the clock runs on",
        },
    },
    Binding {
        keys: &[Key::Char('[')],
        action: Action::PreviousPoint,
        help: Localized {
            zh: "读带跳到上一个要点",
            en: "band to the previous point",
        },
    },
    Binding {
        keys: &[Key::Char('}')],
        action: Action::NextHeading,
        help: Localized {
            zh: "读带跳到下一个标题",
            en: "band to the next heading",
        },
    },
    Binding {
        keys: &[Key::Char('{')],
        action: Action::PreviousHeading,
        help: Localized {
            zh: "读带跳到上一个标题",
            en: "band to the previous heading",
        },
    },
    Binding {
        keys: &[Key::Char('t')],
        action: Action::ToggleTree,
        help: Localized {
            zh: "显示或隐藏目录",
            en: "show or hide the tree",
        },
    },
    Binding {
        keys: &[Key::Code(KeyCode::Esc), Key::Char('r')],
        action: Action::Rehearse,
        help: Localized {
            zh: "结束排练，看各部分用时小结",
            en: "end the rehearsal: each section's times",
        },
    },
    HELP_KEY,
    Binding {
        keys: &[Key::Ctrl('z')],
        action: Action::Suspend,
        help: Localized {
            zh: "挂起到 shell（时钟照走）",
            en: "suspend to the shell (the clock runs on)",
        },
    },
    Binding {
        keys: &[Key::Char('q'), Key::Ctrl('c')],
        action: Action::Quit,
        help: Localized {
            zh: "退出（排练记入记录）",
            en: "quit (the rehearsal is kept)",
        },
    },
];

/// Lines the mouse wheel scrolls a notch.
const WHEEL_LINES: isize = 3;

/// The actions for a terminal event in an input mode: pasted text (bracketed paste, or
/// Chinese from an input method that pastes) types each of its characters into a prompt;
/// a key, a resize, a click or the wheel gives at most one.
pub fn actions_for_event(mode: InputMode, event: &Event) -> Vec<Action> {
    match event {
        Event::Paste(text) if mode == InputMode::Text => text
            .chars()
            .filter(|c| !c.is_control())
            .map(Action::Input)
            .collect(),
        other => action_for_event(mode, other).into_iter().collect(),
    }
}

/// The action for a terminal event, if it has one.
fn action_for_event(mode: InputMode, event: &Event) -> Option<Action> {
    match event {
        Event::Key(key) => action_for(mode, key),
        Event::Resize(width, height) => Some(Action::Resize {
            width: usize::from(*width),
            height: usize::from(*height),
        }),
        Event::Mouse(mouse) => action_for_mouse(*mouse),
        _ => None,
    }
}

fn action_for_mouse(mouse: MouseEvent) -> Option<Action> {
    let (column, row) = (usize::from(mouse.column), usize::from(mouse.row));
    match mouse.kind {
        MouseEventKind::ScrollDown => Some(Action::Scroll {
            column,
            row,
            lines: WHEEL_LINES,
        }),
        MouseEventKind::ScrollUp => Some(Action::Scroll {
            column,
            row,
            lines: -WHEEL_LINES,
        }),
        MouseEventKind::Down(MouseButton::Left) => Some(Action::Click { column, row }),
        _ => None,
    }
}

/// The action a key press triggers in an input mode, if any. Key releases are ignored.
pub fn action_for(mode: InputMode, event: &KeyEvent) -> Option<Action> {
    if event.kind == KeyEventKind::Release {
        return None;
    }
    let plain_char = match event.code {
        KeyCode::Char(c) if !event.modifiers.contains(KeyModifiers::CONTROL) => Some(c),
        _ => None,
    };
    match mode {
        InputMode::Normal => find(KEYMAP, event),
        InputMode::Text => find(PROMPT_KEYMAP, event).or(plain_char.map(Action::Input)),
        InputMode::Rehearsal => find(REHEARSAL_KEYMAP, event),
        InputMode::Letter => match event.code {
            KeyCode::Esc => Some(Action::Escape),
            _ => plain_char.map(Action::Letter),
        },
    }
}

fn find(keymap: &[Binding], event: &KeyEvent) -> Option<Action> {
    keymap.iter().find_map(|binding| {
        binding
            .keys
            .iter()
            .find_map(|key| key.resolve(binding.action, event))
    })
}

/// The help as (keys, what they do) rows, in table order.
/// The first key that triggers `action`, as the help writes it (`/` for the search):
/// what a message names when it tells the user which key to press.
pub fn key_for(action: Action) -> Option<String> {
    KEYMAP
        .iter()
        .find(|binding| binding.action == action)
        .and_then(|binding| binding.keys.first())
        .map(|key| key.label())
}

/// The first key that triggers `action` while rehearsing, as the help writes it.
pub fn rehearsal_key_for(action: Action) -> Option<String> {
    REHEARSAL_KEYMAP
        .iter()
        .find(|binding| binding.action == action)
        .and_then(|binding| binding.keys.first())
        .map(|key| key.label())
}

/// The help's rows: the reader's keys, then a row naming the prompts, then their keys,
/// then the same for a rehearsal.
pub fn help_rows(lang: Lang) -> Vec<(String, &'static str)> {
    let row = |binding: &Binding| {
        let keys: Vec<String> = binding.keys.iter().map(|key| key.label()).collect();
        (keys.join(" "), binding.help.get(lang))
    };
    KEYMAP
        .iter()
        .map(row)
        .chain(std::iter::once((
            String::new(),
            PROMPT_KEYS_HEADING.get(lang),
        )))
        .chain(PROMPT_KEYMAP.iter().map(row))
        .chain(std::iter::once((
            String::new(),
            REHEARSAL_KEYS_HEADING.get(lang),
        )))
        .chain(REHEARSAL_KEYMAP.iter().map(row))
        .collect()
}

/// The help's row above the keys of a rehearsal.
pub const REHEARSAL_KEYS_HEADING: Localized = Localized {
    zh: "排练中（r）：",
    en: "while rehearsing (r):",
};

/// The help's row above the keys of the prompts.
pub const PROMPT_KEYS_HEADING: Localized = Localized {
    zh: "提示行中（/ 与 :）：",
    en: "in a prompt (/ and :):",
};

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, modifiers: KeyModifiers) -> Option<Action> {
        action_for(InputMode::Normal, &KeyEvent::new(code, modifiers))
    }

    #[test]
    fn the_prompt_takes_text_and_its_own_keys() {
        let key = |code| action_for(InputMode::Text, &KeyEvent::new(code, KeyModifiers::NONE));
        assert_eq!(key(KeyCode::Char('三')), Some(Action::Input('三')));
        assert_eq!(key(KeyCode::Char('q')), Some(Action::Input('q')));
        assert_eq!(key(KeyCode::Enter), Some(Action::Accept));
        assert_eq!(
            key(KeyCode::Backspace),
            Some(Action::Edit(Edit::DeleteBack))
        );
        assert_eq!(key(KeyCode::Esc), Some(Action::Escape));
    }

    #[test]
    fn a_mark_letter_follows_m_or_quote() {
        let key = |code| action_for(InputMode::Letter, &KeyEvent::new(code, KeyModifiers::NONE));
        assert_eq!(key(KeyCode::Char('a')), Some(Action::Letter('a')));
        assert_eq!(key(KeyCode::Char('\'')), Some(Action::Letter('\'')));
        assert_eq!(key(KeyCode::Esc), Some(Action::Escape));
    }

    #[test]
    fn keys_of_the_reader() {
        assert_eq!(
            press(KeyCode::Char('j'), KeyModifiers::NONE),
            Some(Action::Down)
        );
        assert_eq!(press(KeyCode::Down, KeyModifiers::NONE), Some(Action::Down));
        assert_eq!(
            press(KeyCode::Char(' '), KeyModifiers::NONE),
            Some(Action::PageDown)
        );
        assert_eq!(
            press(KeyCode::Char('d'), KeyModifiers::CONTROL),
            Some(Action::HalfPageDown)
        );
        assert_eq!(
            press(KeyCode::Char('G'), KeyModifiers::SHIFT),
            Some(Action::Bottom)
        );
        assert_eq!(
            press(KeyCode::Char('3'), KeyModifiers::NONE),
            Some(Action::TopLevelHeading(3))
        );
        assert_eq!(
            press(KeyCode::Char('c'), KeyModifiers::CONTROL),
            Some(Action::Quit)
        );
        assert_eq!(
            press(KeyCode::Char('q'), KeyModifiers::NONE),
            Some(Action::Quit)
        );
        assert_eq!(press(KeyCode::Char('0'), KeyModifiers::NONE), None);
        assert_eq!(press(KeyCode::Char('x'), KeyModifiers::CONTROL), None);
    }

    #[test]
    fn readme_lists_every_key() {
        let readme = include_str!("../README.md");
        for binding in KEYMAP.iter().chain(PROMPT_KEYMAP).chain(REHEARSAL_KEYMAP) {
            let keys: Vec<String> = binding
                .keys
                .iter()
                .map(|key| format!("`{}`", key.label()))
                .collect();
            let row = format!("| {} | {} |", keys.join(" "), binding.help.en);
            assert!(readme.contains(&row), "README lacks the row {row}");
        }
    }

    #[test]
    fn the_chinese_help_has_no_english_sentence() {
        let is_han = |c: char| ('\u{4E00}'..='\u{9FFF}').contains(&c);
        for (_, help) in help_rows(Lang::Zh) {
            assert!(help.chars().any(is_han), "no Chinese in “{help}”");
            for word in help.split(|c: char| !c.is_ascii_alphabetic()) {
                // Keys and what a user types, as printed on them.
                let typed = word.len() < 2
                    || [
                        "Enter", "Esc", "Shift", "XX", "fg", "shell", "L", "briefing", "check",
                    ]
                    .contains(&word);
                assert!(typed, "English “{word}” in “{help}”");
            }
        }
        for (_, help) in help_rows(Lang::En) {
            assert!(
                help.chars()
                    .all(|c| !is_han(c) || "一是二三十提法".contains(c)),
                "{help}"
            );
        }
    }

    #[test]
    fn every_binding_is_in_the_help_and_reachable() {
        let rows = help_rows(Lang::En);
        assert_eq!(
            rows.len(),
            KEYMAP.len() + 1 + PROMPT_KEYMAP.len() + 1 + REHEARSAL_KEYMAP.len()
        );
        for (keymap, mode) in [
            (KEYMAP, InputMode::Normal),
            (PROMPT_KEYMAP, InputMode::Text),
            (REHEARSAL_KEYMAP, InputMode::Rehearsal),
        ] {
            for binding in keymap {
                for key in binding.keys {
                    let event = match *key {
                        Key::Char(c) => KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
                        Key::Ctrl(c) => KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL),
                        Key::Code(code) => KeyEvent::new(code, KeyModifiers::NONE),
                        Key::Digit => KeyEvent::new(KeyCode::Char('1'), KeyModifiers::NONE),
                    };
                    let expected = match binding.action {
                        Action::TopLevelHeading(_) => Action::TopLevelHeading(1),
                        other => other,
                    };
                    assert_eq!(action_for(mode, &event), Some(expected), "{key:?}");
                }
            }
        }
    }

    #[test]
    fn the_mouse_becomes_actions_here_like_keys() {
        let mouse = |kind| {
            Event::Mouse(MouseEvent {
                kind,
                column: 7,
                row: 3,
                modifiers: KeyModifiers::NONE,
            })
        };
        assert_eq!(
            actions_for_event(InputMode::Normal, &mouse(MouseEventKind::ScrollDown)),
            [Action::Scroll {
                column: 7,
                row: 3,
                lines: WHEEL_LINES
            }]
        );
        assert_eq!(
            actions_for_event(
                InputMode::Normal,
                &mouse(MouseEventKind::Down(MouseButton::Left))
            ),
            [Action::Click { column: 7, row: 3 }]
        );
        assert!(actions_for_event(InputMode::Normal, &mouse(MouseEventKind::Moved)).is_empty());
        assert_eq!(
            actions_for_event(InputMode::Text, &Event::Paste("三连冠".into())),
            [
                Action::Input('三'),
                Action::Input('连'),
                Action::Input('冠')
            ]
        );
    }
}
