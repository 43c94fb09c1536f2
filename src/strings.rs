//! Every sentence the reader shows a user, in one place, so that the interface reads
//! the same everywhere and can be given in another language as one table. Each is given
//! in Chinese and English today; key names come from the keymap, never typed here.

use crate::action::Action;
use crate::keymap::key_for;

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

/// The rest of a large document could not be read.
pub fn only_the_start_is_shown(why: &str) -> String {
    format!("only the start is shown: {why}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_names_come_from_the_keymap() {
        assert_eq!(no_search(), "没有搜索 no search: press / to search");
    }
}
