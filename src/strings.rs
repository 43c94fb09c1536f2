//! Every sentence the reader shows a user, in one place, so that the interface reads
//! the same everywhere and can be given in another language as one table. Each is given
//! in Chinese and English today; key names come from the keymap, never typed here.

use crate::action::Action;
use crate::keymap::key_for;

/// The language of the interface. Machine-readable output (JSON) is the same in both.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    /// 中文.
    #[default]
    Zh,
    En,
}

impl Lang {
    /// `zh` or `en` (also `zh-CN`, `zh_TW`, `en_US.UTF-8`, any case): the language a
    /// locale or a `--lang` value names, if it is one of the two.
    pub fn parse(name: &str) -> Option<Self> {
        let lower = name.trim().to_ascii_lowercase();
        if lower.starts_with("zh") {
            Some(Self::Zh)
        } else if lower.starts_with("en") {
            Some(Self::En)
        } else {
            None
        }
    }

    /// The language of the locale, as POSIX orders its variables: the first of
    /// `LC_ALL`, `LC_MESSAGES`, `LANG` that is set and not empty decides; Chinese when it
    /// begins with `zh`, else English.
    pub fn from_locale(variable: impl Fn(&str) -> Option<String>) -> Self {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .into_iter()
            .find_map(|name| variable(name).filter(|value| !value.is_empty()))
            .map_or(Self::En, |value| {
                if value.to_ascii_lowercase().starts_with("zh") {
                    Self::Zh
                } else {
                    Self::En
                }
            })
    }

    /// How the language is written in settings: `zh`, `en`.
    pub fn code(self) -> &'static str {
        match self {
            Self::Zh => "zh",
            Self::En => "en",
        }
    }
}

/// Shown alone when the terminal is smaller than the reader can use.
pub const TOO_SMALL: &str = "终端太小 terminal too small";
/// The title of the tree drawn over the text on a narrow terminal.
pub const TREE_OVERLAY_TITLE: &str = "目录 contents";
/// The title of the key formulations overlay.
pub const FORMULATIONS_TITLE: &str = "提法 formulations — Enter 逐个查看";
/// An overlay's list with nothing in it.
pub const NOTHING: &str = "（无）none";
/// The title of the help when all of it fits.
pub const HELP_TITLE: &str = "按键 keys — Esc 关闭";
/// The title of the help when it scrolls.
pub const HELP_TITLE_SCROLLING: &str = "按键 keys — j/k 滚动 scroll, Esc 关闭";
/// On the status line while the rest of a large document loads.
pub const LOADING: &str = "载入中 loading…";
pub const SEARCH_WRAPPED_TO_TOP: &str = "已到末尾，从头继续 search wrapped to the top";
pub const SEARCH_WRAPPED_TO_BOTTOM: &str = "已到开头，从尾继续 search wrapped to the bottom";
pub const MARKS_ARE_LETTERS: &str = "标记须为字母 marks are letters a–z";
pub const NO_PLACEHOLDERS: &str = "没有待填空白 no placeholders";
pub const NO_MORE_PLACEHOLDERS: &str = "前后再无空白 no more placeholders this way";

pub const TREE_ALREADY_SHOWN: &str = "目录已在左侧 the tree is shown already";

/// `n` with no search made yet: which key starts one.
pub fn no_search() -> String {
    let key = key_for(Action::Search).unwrap_or_default();
    format!("没有搜索 no search: press {key} to search")
}

pub fn mark_set(letter: char) -> String {
    format!("已设标记 mark {letter} set")
}

pub fn no_mark(letter: char) -> String {
    format!("没有标记 no mark {letter}")
}

/// `n`, `N` or Enter with a search that finds nothing.
pub fn not_found(query: &str) -> String {
    format!("找不到“{query}” not found")
}

/// `]` after the last point, `[` before the first.
pub fn no_point(forward: bool) -> String {
    if forward {
        "后面没有要点 no point after this".to_owned()
    } else {
        "前面没有要点 no point before this".to_owned()
    }
}

/// `}` after the last heading, `{` before the first.
pub fn no_heading(forward: bool) -> String {
    if forward {
        "后面没有标题 no heading after this".to_owned()
    } else {
        "前面没有标题 no heading before this".to_owned()
    }
}

/// A digit (or `:` with a number) beyond the top-level headings there are.
pub fn no_top_level_heading(asked: usize, count: usize) -> String {
    if count == 0 {
        "本文没有一级标题 no top-level headings".to_owned()
    } else {
        format!("一级标题只有{count}个 only {count} top-level headings, not {asked}")
    }
}

/// Enter, l, →, h, ← while the text has the focus.
pub fn tree_keys_need_the_tree(tree_shown: bool) -> String {
    let key = if tree_shown {
        key_for(Action::ToggleFocus)
    } else {
        key_for(Action::ToggleTree)
    }
    .unwrap_or_default();
    format!("此键用于目录 this key works in the tree: {key}")
}

/// Tab while the tree is not shown.
pub fn tree_hidden() -> String {
    let key = key_for(Action::ToggleTree).unwrap_or_default();
    format!("目录未显示 the tree is hidden: {key} shows it")
}

/// After `m`, waiting for the letter.
pub fn set_mark_prompt() -> String {
    "设标记：按一个字母 set a mark: type a letter a–z".to_owned()
}

/// After `'`, waiting for the letter.
pub fn go_to_mark_prompt() -> String {
    "跳到标记：按字母，' 回到跳转前 go to mark: a letter, or ' for the last jump".to_owned()
}

/// The go-to prompt, before anything is typed: what it takes.
pub const GO_TO_HINT: &str = "12 或 十二 标题 heading · L120 行 line · 50%";

/// The go-to prompt could not read what was typed.
pub fn go_to_not_understood(typed: &str) -> String {
    format!("看不懂“{typed}” not understood: {GO_TO_HINT}")
}

/// A line number beyond the document's end.
pub fn no_such_line(asked: usize, lines: usize) -> String {
    format!("没有第{asked}行 no line {asked}: the text has {lines} lines")
}

/// Once, on opening where the last session left off.
pub fn resumed() -> String {
    let key = key_for(Action::Top).unwrap_or_default();
    format!("从上次位置继续 resumed where you left off — {key} 回到开头 to the top")
}

/// The saved state could not be used (`why` says how).
pub fn state_ignored(why: &str) -> String {
    format!("未恢复阅读位置 {why}")
}

/// The document has no text at all.
pub const EMPTY_DOCUMENT: &str = "文件是空的 the file is empty";

/// The rest of a large document could not be read.
pub fn only_the_start_is_shown(why: &str) -> String {
    format!("only the start is shown: {why}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_locale_and_names_choose_the_language() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(key, _)| *key == name)
                    .map(|(_, value)| (*value).to_owned())
            }
        };
        assert_eq!(Lang::from_locale(env(&[("LANG", "zh_CN.UTF-8")])), Lang::Zh);
        assert_eq!(Lang::from_locale(env(&[("LANG", "en_US.UTF-8")])), Lang::En);
        assert_eq!(Lang::from_locale(env(&[])), Lang::En);
        let overridden = env(&[("LC_ALL", "en_GB.UTF-8"), ("LANG", "zh_CN.UTF-8")]);
        assert_eq!(Lang::from_locale(overridden), Lang::En);
        let empty_first = env(&[("LC_ALL", ""), ("LC_MESSAGES", "zh_TW"), ("LANG", "C")]);
        assert_eq!(Lang::from_locale(empty_first), Lang::Zh);
        assert_eq!(Lang::parse("ZH-cn"), Some(Lang::Zh));
        assert_eq!(Lang::parse("en"), Some(Lang::En));
        assert_eq!(Lang::parse("fr"), None);
    }

    #[test]
    fn key_names_come_from_the_keymap() {
        assert_eq!(no_search(), "没有搜索 no search: press / to search");
    }
}
