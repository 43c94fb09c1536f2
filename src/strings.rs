//! Every sentence shown to a user, in Chinese and in English, in one place: the reader's
//! notices, prompts and titles, the labels of the status line and the tree, the
//! commands' text output and error lines. Each message is a method of [`Strings`] with
//! one arm per language, so that a message cannot be missing in either; key names come
//! from the keymap, never typed here. JSON output does not come from here: it is the same
//! in both languages.

use crate::action::Action;
use crate::check::{Code, Finding, Severity};
use crate::document::NodeKind;
use crate::keymap::key_for;
pub use crate::lang::Lang;
use crate::resume::StateProblem;
use crate::source::{ErrorSite, LoadError, Source, SourceError, SpecialFile};

/// An I/O error as a Chinese message can carry it: the system's error number, whose
/// English text would break the line's language.
fn os_error(error: &std::io::Error) -> String {
    error
        .raw_os_error()
        .map_or_else(|| "系统错误".to_owned(), |code| format!("系统错误 {code}"))
}

/// The sentences of one language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Strings(pub Lang);

/// Picks the arm of the interface's language.
macro_rules! either {
    ($self:ident, $zh:expr, $en:expr $(,)?) => {
        match $self.0 {
            Lang::Zh => $zh,
            Lang::En => $en,
        }
    };
}

impl Strings {
    pub fn lang(self) -> Lang {
        self.0
    }

    // The reader's frame.

    /// Shown alone when the terminal is smaller than the reader can use.
    pub fn too_small(self) -> &'static str {
        either!(self, "终端太小", "terminal too small")
    }
    /// The title of the tree drawn over the text on a narrow terminal.
    pub fn tree_overlay_title(self) -> &'static str {
        either!(self, "目录", "contents")
    }
    /// The title of the key formulations overlay.
    pub fn formulations_title(self) -> &'static str {
        either!(
            self,
            "提法 — Enter 逐个查看",
            "formulations — Enter steps through one"
        )
    }
    /// An overlay's list with nothing in it.
    pub fn nothing(self) -> &'static str {
        either!(self, "（无）", "(none)")
    }
    /// The title of the help when all of it fits.
    pub fn help_title(self) -> &'static str {
        either!(self, "按键 — Esc 关闭", "keys — Esc closes")
    }
    /// The title of the help when it scrolls.
    pub fn help_title_scrolling(self) -> &'static str {
        either!(
            self,
            "按键 — j/k 滚动，Esc 关闭",
            "keys — j/k scroll, Esc closes"
        )
    }
    /// The help's rows that explain the status line's abbreviations.
    pub fn status_legend(self) -> [(&'static str, &'static str); 3] {
        either!(
            self,
            [
                ("", "状态行："),
                ("空白", "待填的空白（XX、××）：当前第几个/共几个"),
                ("余", "按语速读完余下正文所需的时间"),
            ],
            [
                ("", "the status line:"),
                ("blanks", "placeholders to fill (XX, ××): this one/all"),
                ("left", "speaking time left at the rate"),
            ],
        )
    }

    // The status line.

    /// On the status line while the rest of a large document loads.
    pub fn loading(self) -> &'static str {
        either!(self, "载入中…", "loading…")
    }
    /// Before the count of placeholders.
    pub fn placeholders_label(self) -> &'static str {
        either!(self, "空白", "blanks ")
    }
    /// Before the speaking time left.
    pub fn time_left_label(self) -> &'static str {
        either!(self, "余", "left ")
    }
    /// The help key's reminder.
    pub fn help_hint(self) -> &'static str {
        either!(self, "?帮助", "?help")
    }

    // The tree.

    /// A document without a title.
    pub fn untitled(self) -> &'static str {
        either!(self, "（无标题）", "(untitled)")
    }
    /// The tree's name of a node that has no words of its own (the closing, the footer).
    pub fn unnamed_node(self, kind: NodeKind) -> &'static str {
        match kind {
            NodeKind::Closing => either!(self, "结束语", "Closing"),
            NodeKind::Footer => either!(self, "文末", "Footer"),
            _ => "",
        }
    }

    // Notices.

    pub fn search_wrapped_to_top(self) -> &'static str {
        either!(self, "已到末尾，从头继续", "search wrapped to the top")
    }
    pub fn search_wrapped_to_bottom(self) -> &'static str {
        either!(self, "已到开头，从尾继续", "search wrapped to the bottom")
    }
    pub fn marks_are_letters(self) -> &'static str {
        either!(self, "标记须为字母 a–z", "marks are letters a–z")
    }
    pub fn no_placeholders(self) -> &'static str {
        either!(self, "没有待填的空白", "no placeholders")
    }
    pub fn no_more_placeholders(self) -> &'static str {
        either!(self, "这个方向再没有空白", "no more placeholders this way")
    }
    pub fn tree_already_shown(self) -> &'static str {
        either!(self, "目录已在左侧", "the tree is shown already")
    }
    /// The document has no text at all.
    pub fn empty_document(self) -> &'static str {
        either!(self, "文件是空的", "the file is empty")
    }
    /// `n` with no search made yet: which key starts one.
    pub fn no_search(self) -> String {
        let key = key_for(Action::Search).unwrap_or_default();
        either!(
            self,
            format!("还没有搜索：按 {key} 搜索"),
            format!("no search yet: press {key} to search"),
        )
    }
    pub fn mark_set(self, letter: char) -> String {
        either!(
            self,
            format!("已设标记 {letter}"),
            format!("mark {letter} set")
        )
    }
    pub fn no_mark(self, letter: char) -> String {
        either!(
            self,
            format!("没有标记 {letter}"),
            format!("no mark {letter}")
        )
    }
    /// `n`, `N` or Enter with a search that finds nothing.
    pub fn not_found(self, query: &str) -> String {
        either!(
            self,
            format!("找不到“{query}”"),
            format!("not found: “{query}”")
        )
    }
    /// `]` after the last point, `[` before the first.
    pub fn no_point(self, forward: bool) -> String {
        match (self.0, forward) {
            (Lang::Zh, true) => "后面没有要点了",
            (Lang::Zh, false) => "前面没有要点了",
            (Lang::En, true) => "no point after this",
            (Lang::En, false) => "no point before this",
        }
        .to_owned()
    }
    /// `}` after the last heading, `{` before the first.
    pub fn no_heading(self, forward: bool) -> String {
        match (self.0, forward) {
            (Lang::Zh, true) => "后面没有标题了",
            (Lang::Zh, false) => "前面没有标题了",
            (Lang::En, true) => "no heading after this",
            (Lang::En, false) => "no heading before this",
        }
        .to_owned()
    }
    /// A digit (or `:` with a number) beyond the top-level headings there are.
    pub fn no_top_level_heading(self, asked: usize, count: usize) -> String {
        match (self.0, count) {
            (Lang::Zh, 0) => "本文没有一级标题".to_owned(),
            (Lang::Zh, _) => format!("一级标题只有{count}个，没有第{asked}个"),
            (Lang::En, 0) => "no top-level headings".to_owned(),
            (Lang::En, _) => format!("only {count} top-level headings, not {asked}"),
        }
    }
    /// Enter, l, →, h, ← while the text has the focus.
    pub fn tree_keys_need_the_tree(self, tree_shown: bool) -> String {
        let key = if tree_shown {
            key_for(Action::ToggleFocus)
        } else {
            key_for(Action::ToggleTree)
        }
        .unwrap_or_default();
        either!(
            self,
            format!("此键用于目录：先按 {key}"),
            format!("this key works in the tree: press {key} first"),
        )
    }
    /// Tab while the tree is not shown.
    pub fn tree_hidden(self) -> String {
        let key = key_for(Action::ToggleTree).unwrap_or_default();
        either!(
            self,
            format!("目录没有显示：按 {key} 显示"),
            format!("the tree is hidden: {key} shows it"),
        )
    }
    /// After `m`, waiting for the letter.
    pub fn set_mark_prompt(self) -> &'static str {
        either!(
            self,
            "设标记：按一个字母 a–z",
            "set a mark: type a letter a–z"
        )
    }
    /// After `'`, waiting for the letter.
    pub fn go_to_mark_prompt(self) -> &'static str {
        either!(
            self,
            "跳到标记：按字母，' 回到跳转前",
            "go to a mark: a letter, or ' for before the last jump",
        )
    }
    /// The go-to prompt, before anything is typed: what it takes.
    pub fn go_to_hint(self) -> &'static str {
        either!(
            self,
            "12 或 十二：一级标题 · L120：行 · 50%",
            "12 or 十二: a heading · L120: a line · 50%",
        )
    }
    /// The go-to prompt could not read what was typed.
    pub fn go_to_not_understood(self, typed: &str) -> String {
        let hint = self.go_to_hint();
        either!(
            self,
            format!("看不懂“{typed}”：{hint}"),
            format!("not understood: “{typed}”; {hint}"),
        )
    }
    /// A line number beyond the document's end.
    pub fn no_such_line(self, asked: usize, lines: usize) -> String {
        either!(
            self,
            format!("没有第{asked}行：全文共{lines}行"),
            format!("no line {asked}: the text has {lines} lines"),
        )
    }
    /// Once, on opening where the last session left off.
    pub fn resumed(self) -> String {
        let key = key_for(Action::Top).unwrap_or_default();
        either!(
            self,
            format!("从上次的位置继续 — 按 {key} 回到开头"),
            format!("resumed where you left off — {key} goes to the top"),
        )
    }
    /// The saved reading position could not be used.
    pub fn state_ignored(self, problem: StateProblem) -> String {
        match (self.0, problem) {
            (Lang::Zh, StateProblem::Unreadable) => "读不出上次的阅读位置，从开头读起",
            (Lang::Zh, StateProblem::Damaged) => "上次的阅读位置已损坏，已忽略",
            (Lang::Zh, StateProblem::TooLarge) => "上次的阅读位置文件过大，已忽略",
            (Lang::Zh, StateProblem::OtherVersion) => "上次的阅读位置来自其他版本，已忽略",
            (Lang::En, StateProblem::Unreadable) => "cannot read the saved reading position",
            (Lang::En, StateProblem::Damaged) => {
                "the saved reading position is damaged and was ignored"
            }
            (Lang::En, StateProblem::TooLarge) => {
                "the saved reading position is too large and was ignored"
            }
            (Lang::En, StateProblem::OtherVersion) => {
                "the saved reading position is from another version and was ignored"
            }
        }
        .to_owned()
    }
    /// The reading position could not be saved.
    pub fn state_not_saved(self, why: &str) -> String {
        either!(
            self,
            format!("无法保存阅读位置：{why}"),
            format!("cannot save the reading position: {why}"),
        )
    }
    // Errors.

    /// Between `briefing:` and an error's message.
    pub fn error_label(self) -> &'static str {
        either!(self, "错误", "error")
    }
    /// Between `briefing:` and a warning's message.
    pub fn warning_label(self) -> &'static str {
        either!(self, "注意", "warning")
    }
    /// The name of a document's source in messages, control characters escaped.
    pub fn source_name(self, source: &Source) -> String {
        match source {
            Source::File(_) => source.display_name(),
            Source::Embedded => {
                either!(self, "内置的 briefing.txt", "briefing.txt (built in)").to_owned()
            }
            Source::Stdin => either!(self, "标准输入", "standard input").to_owned(),
        }
    }
    /// A document that cannot be opened: where, what is wrong, what to do.
    pub fn source_error(self, error: &SourceError) -> String {
        let site = match &error.site {
            ErrorSite::Document(source) => self.source_name(source),
            ErrorSite::Option(option) => (*option).to_owned(),
        };
        format!("{site}: {}", self.load_error(&error.error))
    }
    /// What is wrong with a document and what to do about it.
    pub fn load_error(self, error: &LoadError) -> String {
        if self.0 == Lang::En {
            return error.to_string();
        }
        match error {
            LoadError::NotFound => "找不到这个文件；请检查路径".to_owned(),
            LoadError::Directory => "这是一个目录；请给出文本文件".to_owned(),
            LoadError::NotRegular(kind) => {
                let kind = match kind {
                    SpecialFile::Fifo => "管道",
                    SpecialFile::CharacterDevice => "字符设备",
                    SpecialFile::BlockDevice => "块设备",
                    SpecialFile::Socket => "套接字",
                    SpecialFile::Other => "特殊文件",
                };
                format!("不是普通文件（{kind}）；请先把文本存成文件")
            }
            LoadError::PermissionDenied => "没有读取权限；请检查文件的权限".to_owned(),
            LoadError::TooLarge { size, cap } => {
                format!("文件有{size}字节，超过{cap}字节的上限；请先拆分")
            }
            LoadError::Binary => "像是二进制文件（含 NUL 字节）；仍要打开请加 --force".to_owned(),
            LoadError::UnknownEncoding(name) => {
                format!("不认识的编码“{name}”；可用 utf-8、gb18030、gbk、utf-16le 或 utf-16be")
            }
            LoadError::Io(error) => format!("读取失败（{}）；请检查文件", os_error(error)),
            LoadError::CompoundFile => "这是 Word 97-2003 或 WPS 文件（.doc、.wps），本程序读不了；请在 Word 或 WPS 中另存为 .docx，或用 libreoffice --headless --convert-to docx 转换".to_owned(),
            // The library's own words (English) are left out of the Chinese line.
            LoadError::Damaged { format, .. } => format!(
                "{} 文件已损坏，读不出内容；请用生成它的程序重新保存，或索取一份完好的文件",
                format.name()
            ),
            LoadError::NoTextLayer => "这个 PDF 没有文字层（是扫描件，或字体无法对应到文字）；请先做 OCR 文字识别（如 ocrmypdf），或索取 .docx 原件".to_owned(),
            LoadError::Unpacks { format, cap } => format!(
                "{} 文件解压后超过{cap}字节；请索取小一些的文件或 .txt 文本",
                format.name()
            ),
        }
    }
    /// Standard output could not be written.
    pub fn output_failed(self, error: &std::io::Error) -> String {
        either!(
            self,
            format!("无法写出结果（{}）", os_error(error)),
            format!("cannot write output: {error}"),
        )
    }
    /// The terminal could not be used by the reader.
    pub fn terminal_failed(self, error: &std::io::Error) -> String {
        either!(
            self,
            format!("终端出错（{}）", os_error(error)),
            format!("terminal: {error}"),
        )
    }
    /// More than one FILE given.
    pub fn one_file_at_a_time(self, first: &str, second: &str, more: usize) -> String {
        match (self.0, more) {
            (Lang::Zh, 0) => {
                format!("一次只能打开一个文件：收到了 {first} 和 {second}；请分别运行")
            }
            (Lang::Zh, _) => format!(
                "一次只能打开一个文件：收到了 {first}、{second} 等{}个；请分别运行",
                more + 2
            ),
            (Lang::En, 0) => {
                format!("one FILE at a time: got {first} and {second}; run briefing once for each")
            }
            (Lang::En, _) => format!(
                "one FILE at a time: got {first}, {second} and {more} more; run briefing once for each"
            ),
        }
    }

    // The command line.

    /// Why an option's value was refused.
    pub fn value_problem(self, problem: &ValueProblem) -> String {
        match (self.0, problem) {
            (Lang::Zh, ValueProblem::Range { low, high, unit }) => {
                let unit = match unit {
                    Unit::Columns => "列数",
                    Unit::CharsPerMinute => "每分钟字数",
                    Unit::Minutes => "分钟数",
                };
                format!("{unit}须为 {low} 到 {high} 之间的整数")
            }
            (Lang::Zh, ValueProblem::LineNumber) => "行号须为 1 或更大的整数".to_owned(),
            (Lang::Zh, ValueProblem::Lang) => "可用 zh 或 en".to_owned(),
            (Lang::En, ValueProblem::Range { low, high, unit }) => {
                let unit = match unit {
                    Unit::Columns => "columns",
                    Unit::CharsPerMinute => "characters a minute",
                    Unit::Minutes => "minutes",
                };
                format!("give a whole number of {unit} from {low} to {high}")
            }
            (Lang::En, ValueProblem::LineNumber) => "give a line number, 1 or more".to_owned(),
            (Lang::En, ValueProblem::Lang) => "give zh or en".to_owned(),
        }
    }
    /// An option's value that cannot be used, and why.
    pub fn bad_value(self, option: &str, value: &str, why: &str) -> String {
        either!(
            self,
            format!("{option} 的值“{value}”不可用：{why}"),
            format!("invalid value '{value}' for '{option}': {why}"),
        )
    }
    /// A value not among those an option takes.
    pub fn not_one_of(self, option: &str, value: &str, valid: &[String]) -> String {
        either!(
            self,
            format!(
                "{option} 不接受“{value}”；可用：{}；见 briefing --help",
                valid.join("、")
            ),
            format!(
                "invalid value '{value}' for '{option}': give one of {}; see briefing --help",
                valid.join(", ")
            ),
        )
    }
    pub fn unknown_option(self, option: &str) -> String {
        either!(
            self,
            format!("没有 {option} 这个选项；见 briefing --help"),
            format!("unexpected argument '{option}' found; see briefing --help"),
        )
    }
    pub fn missing_argument(self, what: &str) -> String {
        either!(
            self,
            format!("缺少 {what}；见 briefing --help"),
            format!(
                "the following required arguments were not provided: {what}; see briefing --help"
            ),
        )
    }
    /// What clap found wrong, when no message above says it: its own English message
    /// in English, a pointer to the help in Chinese.
    pub fn command_line_wrong(self, english: &str) -> String {
        either!(
            self,
            "命令行有误；见 briefing --help".to_owned(),
            format!("{english}; see briefing --help"),
        )
    }

    // The config file.

    /// Where a setting came from, after it in `briefing config`.
    pub fn origin(self, origin: Origin) -> &'static str {
        match (self.0, origin) {
            (Lang::Zh, Origin::CommandLine) => "命令行",
            (Lang::Zh, Origin::ConfigFile) => "配置文件",
            (Lang::Zh, Origin::Environment) => "环境变量",
            (Lang::Zh, Origin::Default) => "默认",
            (Lang::En, Origin::CommandLine) => "command line",
            (Lang::En, Origin::ConfigFile) => "config file",
            (Lang::En, Origin::Environment) => "environment",
            (Lang::En, Origin::Default) => "default",
        }
    }
    /// Neither `XDG_CONFIG_HOME` nor `HOME` is set.
    pub fn no_config_path(self) -> &'static str {
        either!(
            self,
            "（没有 HOME，不读配置文件）",
            "(no HOME: no config file read)"
        )
    }
    /// Where the config file is read from, and whether there is one.
    pub fn config_file_is(self, path: &str, present: bool) -> String {
        match (self.0, present) {
            (Lang::Zh, true) => format!("配置文件：{path}"),
            (Lang::Zh, false) => format!("配置文件：{path}（尚未建立；示例见 README）"),
            (Lang::En, true) => format!("config file: {path}"),
            (Lang::En, false) => format!("config file: {path} (none yet; README has an example)"),
        }
    }
    /// The config file was not used: where the trouble is.
    pub fn config_ignored(self, file: &str, line: Option<usize>, key: Option<&str>) -> String {
        let at = line.map_or_else(String::new, |line| format!(":{line}"));
        let key = key.map_or_else(String::new, |key| format!("{key}："));
        either!(
            self,
            format!("{file}{at}: {key}这一项有误，整个配置文件未采用；请对照 README 中的示例修改"),
            format!("{file}{at}: {key}not understood; the file is ignored"),
        )
    }

    // check.

    /// A finding's level, as a compiler prints it.
    pub fn severity(self, severity: Severity) -> &'static str {
        match (self.0, severity) {
            (Lang::Zh, Severity::Error) => "错误",
            (Lang::Zh, Severity::Warning) => "警告",
            (Lang::Zh, Severity::Info) => "提示",
            (Lang::En, Severity::Error) => "error",
            (Lang::En, Severity::Warning) => "warning",
            (Lang::En, Severity::Info) => "note",
        }
    }
    /// What a finding says: its code's sentence with what was found and expected.
    pub fn finding(self, finding: &Finding) -> String {
        let found = &finding.found;
        let expected = finding.expected.as_deref().unwrap_or_default();
        let suggestion = finding.suggestion.as_deref().unwrap_or_default();
        match (self.0, finding.code) {
            (Lang::Zh, Code::NumberingGap) => format!("标题序号跳号：{found}之前缺少{expected}"),
            (Lang::Zh, Code::NumberingDuplicate) => format!("标题序号重复：{found}应为{expected}"),
            (Lang::Zh, Code::NumberingOrder) => {
                format!("标题序号颠倒：{found}在更大的序号之后，此处应为{expected}")
            }
            (Lang::Zh, Code::MarkerStyle) if finding.suggestion.is_some() => {
                format!("序号后多了标点：{found}应为{expected}")
            }
            (Lang::Zh, Code::MarkerStyle) => {
                format!("同级序号写法不一：{found}，本级其余写作{expected}")
            }
            (Lang::Zh, Code::MarkerNonstandard) => format!("GB/T 9704 不用这种序号：{found}"),
            (Lang::Zh, Code::PointsGap) => format!("要点跳号：{found}之前缺少{expected}"),
            (Lang::Zh, Code::PointsDuplicate) => format!("要点序号重复：{found}应为{expected}"),
            (Lang::Zh, Code::CountMismatch) => format!("说了“{found}”，后面实有{expected}个"),
            (Lang::Zh, Code::PunctHalfwidth) => {
                format!("中文里的半角标点“{found}”应为“{suggestion}”")
            }
            (Lang::Zh, Code::PunctUnbalanced) => format!("“{found}”没有配对"),
            (Lang::Zh, Code::PunctDoubled) => format!("标点重复“{found}”，应为“{suggestion}”"),
            (Lang::Zh, Code::PunctEllipsis) => format!("省略号“{found}”应为“……”"),
            (Lang::Zh, Code::PunctDash) => format!("破折号“{found}”应为“——”"),
            (Lang::Zh, Code::RepeatedWord) => format!("多打了一个字：“{found}”应为“{suggestion}”"),
            (Lang::Zh, Code::Placeholder) => format!("还有待填的空白“{found}”"),
            (Lang::En, Code::NumberingGap) => {
                format!("heading number skipped: {expected} is missing before {found}")
            }
            (Lang::En, Code::NumberingDuplicate) => {
                format!("heading number repeated: {found} should be {expected}")
            }
            (Lang::En, Code::NumberingOrder) => {
                format!(
                    "heading numbers out of order: {found} after a higher number, {expected} expected"
                )
            }
            (Lang::En, Code::MarkerStyle) if finding.suggestion.is_some() => {
                format!("a stray mark after the marker: {found} should be {expected}")
            }
            (Lang::En, Code::MarkerStyle) => {
                format!(
                    "marker forms mixed in one level: {found}, the others are written {expected}"
                )
            }
            (Lang::En, Code::MarkerNonstandard) => {
                format!("GB/T 9704 does not use this marker: {found}")
            }
            (Lang::En, Code::PointsGap) => {
                format!("point number skipped: {expected} is missing before {found}")
            }
            (Lang::En, Code::PointsDuplicate) => {
                format!("point number repeated: {found} should be {expected}")
            }
            (Lang::En, Code::CountMismatch) => format!("announces “{found}” but {expected} follow"),
            (Lang::En, Code::PunctHalfwidth) => {
                format!("half-width “{found}” in Chinese text: “{suggestion}” expected")
            }
            (Lang::En, Code::PunctUnbalanced) => {
                format!("“{found}” has no partner in its paragraph")
            }
            (Lang::En, Code::PunctDoubled) => {
                format!("doubled marks “{found}”: “{suggestion}” expected")
            }
            (Lang::En, Code::PunctEllipsis) => format!("ellipsis “{found}”: “……” expected"),
            (Lang::En, Code::PunctDash) => format!("dash “{found}”: “——” expected"),
            (Lang::En, Code::RepeatedWord) => format!("a character typed twice: “{found}”"),
            (Lang::En, Code::Placeholder) => format!("a blank still to fill: “{found}”"),
        }
    }
    /// The count of findings after `check`'s list.
    pub fn findings_summary(self, errors: usize, warnings: usize, notes: usize) -> String {
        let total = errors + warnings + notes;
        match (self.0, total) {
            (Lang::Zh, 0) => "没有发现问题".to_owned(),
            (Lang::Zh, _) => {
                format!("共{total}处：{errors}个错误，{warnings}个警告，{notes}个提示")
            }
            (Lang::En, 0) => "no findings".to_owned(),
            (Lang::En, _) => {
                format!("{total} findings: {errors} errors, {warnings} warnings, {notes} notes")
            }
        }
    }
    /// `--in-place` on standard input.
    pub fn in_place_needs_a_file(self) -> &'static str {
        either!(
            self,
            "--in-place 需要文件：标准输入无法原地改写；请给出文件，或不加 --in-place",
            "--in-place needs a FILE: standard input cannot be rewritten; give a file, or drop --in-place",
        )
    }
    pub fn no_findings(self) -> &'static str {
        either!(self, "校对没有发现问题", "no findings")
    }
    pub fn no_more_findings(self) -> &'static str {
        either!(self, "这个方向再没有校对问题", "no more findings this way")
    }
    /// The status line's count of findings, and the findings panel's title.
    pub fn findings_label(self) -> &'static str {
        either!(self, "校对", "check ")
    }
    pub fn findings_title(self) -> &'static str {
        either!(self, "校对 — Enter 跳到该处", "findings — Enter goes there")
    }

    // Rehearsal.

    /// Before the rehearsal's running clock on the status line.
    pub fn rehearsal_clock_label(self) -> &'static str {
        either!(self, "用时", "time ")
    }
    /// The speaking rate on the status line: 220字/分.
    pub fn rate_per_minute(self, rate: u32) -> String {
        either!(self, format!("{rate}字/分"), format!("{rate}/min"))
    }
    /// On the status line while the rehearsal's clock is stopped.
    pub fn rehearsal_paused(self) -> String {
        let key = crate::keymap::rehearsal_key_for(Action::Pause).unwrap_or_default();
        either!(
            self,
            format!("已暂停（{key} 继续）"),
            format!("paused ({key} goes on)")
        )
    }
    /// Before a section's budget on the status line.
    pub fn budget_label(self) -> &'static str {
        either!(self, "预算", "budget ")
    }
    /// How far ahead (positive) or behind (negative) the plan, in seconds.
    pub fn ahead_or_behind(self, seconds: i64) -> String {
        let time = crate::speaking::format_duration(seconds.unsigned_abs(), self.0);
        match (self.0, seconds < 0) {
            (Lang::Zh, false) => format!("提前{time}"),
            (Lang::Zh, true) => format!("落后{time}"),
            (Lang::En, false) => format!("ahead {time}"),
            (Lang::En, true) => format!("behind {time}"),
        }
    }
    /// The title of the summary at the end of a rehearsal.
    pub fn summary_title(self) -> &'static str {
        either!(self, "排练小结 — Esc 关闭", "rehearsal — Esc closes")
    }
    /// The heads of the summary's columns: the plan, the time taken, the difference,
    /// and the part.
    pub fn summary_heads(self) -> [&'static str; 4] {
        either!(
            self,
            ["预计", "实际", "相差", "部分"],
            ["estimate", "actual", "difference", "part"]
        )
    }
    /// A difference between the time taken and the plan: +0分05秒 over, -0分05秒 under.
    pub fn difference(self, seconds: i64) -> String {
        let sign = if seconds < 0 { '-' } else { '+' };
        format!(
            "{sign}{}",
            crate::speaking::format_duration(seconds.unsigned_abs(), self.0)
        )
    }
    /// Under the summary of a rehearsal too short to keep.
    pub fn rehearsal_not_kept(self) -> &'static str {
        either!(
            self,
            "不足10秒，不记入排练记录",
            "under 10 seconds: not kept in the history"
        )
    }
    /// Asked to rehearse a document with nothing to be spoken.
    pub fn nothing_to_rehearse(self) -> &'static str {
        either!(
            self,
            "没有要讲的正文可排练",
            "nothing here is spoken to rehearse"
        )
    }
    /// `briefing rehearse` without a terminal to show it on.
    pub fn rehearse_needs_a_terminal(self) -> &'static str {
        either!(
            self,
            "排练需要终端：请在终端中运行 briefing rehearse",
            "rehearse needs a terminal: run briefing rehearse in one"
        )
    }

    // The commands' text output.

    /// The heads of `stats`' columns: time, characters, and the part (with the rate).
    pub fn stats_heads(self, rate: u32) -> [String; 3] {
        either!(
            self,
            [
                "时间".to_owned(),
                "字数".to_owned(),
                format!("部分（每分钟{rate}字）")
            ],
            [
                "time".to_owned(),
                "chars".to_owned(),
                format!("part (at {rate} characters a minute)")
            ],
        )
    }
    /// `stats`' row of the salutation and the remarks before the first heading.
    pub fn stats_opening(self, label: &str) -> String {
        match (self.0, label.is_empty()) {
            (Lang::Zh, true) => "开场".to_owned(),
            (Lang::Zh, false) => format!("开场：{label}"),
            (Lang::En, true) => "opening".to_owned(),
            (Lang::En, false) => format!("opening: {label}"),
        }
    }
    /// `stats`' row of the closing, by its first words.
    pub fn stats_closing(self, label: &str) -> String {
        either!(
            self,
            format!("结束语：{label}…"),
            format!("closing: {label}…")
        )
    }
    pub fn stats_total(self) -> &'static str {
        either!(self, "合计", "total")
    }
    /// The head of `stats`' column of the last rehearsal's times.
    pub fn stats_rehearsed_head(self) -> String {
        either!(self, "排练", "rehearsed").to_owned()
    }
    /// Under `stats`' table: the last rehearsal, its time and the rate it measured.
    pub fn stats_last_rehearsal(self, seconds: u64, rate: u32) -> String {
        let time = crate::speaking::format_duration(seconds, self.0);
        either!(
            self,
            format!("排练一栏为上次排练：用时{time}，每分钟{rate}字。"),
            format!(
                "The rehearsed column is the last rehearsal: {time} at {rate} characters a minute."
            )
        )
    }
    /// Under `stats`' table: what was counted.
    pub fn stats_counted(self, spoken: usize, all: usize) -> String {
        either!(
            self,
            format!(
                "只计讲出的正文：全文{all}字中的{spoken}字；不计标题及其下各行、编者按、注释、\
                 附注、文末和附件。缩进的行是上一行的组成部分。"
            ),
            format!(
                "Counted: the spoken text, {spoken} of the document's {all} characters; not the \
                 title and the lines under it, editor's notes, notes, back matter, the footer \
                 or attachments. Indented rows are parts of the row above."
            ),
        )
    }
    /// `outline`'s line of the closing, by its first words.
    pub fn outline_closing(self, label: &str) -> String {
        either!(
            self,
            format!("〔结束语〕{label}…"),
            format!("[closing] {label}…")
        )
    }
    /// `outline`'s line of the footer.
    pub fn outline_footer(self, label: &str) -> String {
        either!(
            self,
            format!("〔文末〕{label}"),
            format!("[footer] {label}")
        )
    }
    /// Above `outline --explain`'s lines.
    pub fn why_heading(self) -> &'static str {
        either!(self, "依据：", "Why:")
    }

    /// The rest of a large document could not be read.
    pub fn only_the_start_is_shown(self, why: &str) -> String {
        either!(
            self,
            format!("只显示了开头：{why}"),
            format!("only the start is shown: {why}"),
        )
    }
}

/// Where a setting's value came from (`briefing config`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    CommandLine,
    ConfigFile,
    /// The locale's variables (the language) or `NO_COLOR` (colour).
    Environment,
    Default,
}

/// Why an option's value was refused; said in the interface's language when the
/// command line is reported (English through `Display`, as clap shows it otherwise).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueProblem {
    Range { low: u64, high: u64, unit: Unit },
    LineNumber,
    Lang,
}

/// What an option's number counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Columns,
    CharsPerMinute,
    Minutes,
}

impl std::fmt::Display for ValueProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&Strings(Lang::En).value_problem(self))
    }
}

impl std::error::Error for ValueProblem {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::DocFormat;

    /// Every message, with sample arguments: a message added to `Strings` is added here,
    /// and so checked in both languages. One list, however long, so that a reader sees
    /// at once whether a message is in it.
    #[allow(clippy::too_many_lines)]
    fn every_message(strings: Strings) -> Vec<String> {
        use crate::document::NodeKind;
        let io = std::io::Error::from_raw_os_error(5);
        let mut all: Vec<String> = [
            strings.too_small(),
            strings.tree_overlay_title(),
            strings.formulations_title(),
            strings.nothing(),
            strings.help_title(),
            strings.help_title_scrolling(),
            strings.loading(),
            strings.placeholders_label(),
            strings.time_left_label(),
            strings.help_hint(),
            strings.untitled(),
            strings.unnamed_node(NodeKind::Closing),
            strings.unnamed_node(NodeKind::Footer),
            strings.search_wrapped_to_top(),
            strings.search_wrapped_to_bottom(),
            strings.marks_are_letters(),
            strings.no_placeholders(),
            strings.no_findings(),
            strings.no_more_findings(),
            strings.findings_label(),
            strings.findings_title(),
            strings.in_place_needs_a_file(),
            strings.severity(Severity::Error),
            strings.no_more_placeholders(),
            strings.tree_already_shown(),
            strings.empty_document(),
            strings.set_mark_prompt(),
            strings.go_to_mark_prompt(),
            strings.go_to_hint(),
            strings.error_label(),
            strings.warning_label(),
            strings.origin(Origin::CommandLine),
            strings.origin(Origin::ConfigFile),
            strings.origin(Origin::Environment),
            strings.origin(Origin::Default),
            strings.no_config_path(),
            strings.stats_total(),
            strings.why_heading(),
            strings.rehearsal_clock_label(),
            strings.budget_label(),
            strings.summary_title(),
            strings.rehearsal_not_kept(),
            strings.nothing_to_rehearse(),
            strings.rehearse_needs_a_terminal(),
        ]
        .into_iter()
        .map(str::to_owned)
        .collect();
        all.extend(
            strings
                .status_legend()
                .iter()
                .map(|(_, meaning)| (*meaning).to_owned()),
        );
        all.extend(strings.stats_heads(220));
        all.extend(strings.summary_heads().map(str::to_owned));
        all.extend([
            strings.no_search(),
            strings.mark_set('a'),
            strings.no_mark('a'),
            strings.not_found("双拥"),
            strings.no_point(true),
            strings.no_point(false),
            strings.no_heading(true),
            strings.no_heading(false),
            strings.no_top_level_heading(9, 3),
            strings.no_top_level_heading(1, 0),
            strings.tree_keys_need_the_tree(true),
            strings.tree_keys_need_the_tree(false),
            strings.tree_hidden(),
            strings.go_to_not_understood("x"),
            strings.no_such_line(9, 3),
            strings.resumed(),
            strings.state_ignored(StateProblem::Unreadable),
            strings.state_ignored(StateProblem::Damaged),
            strings.state_ignored(StateProblem::TooLarge),
            strings.state_ignored(StateProblem::OtherVersion),
            strings.state_not_saved("disk full"),
            strings.source_name(&Source::Embedded),
            strings.source_name(&Source::Stdin),
            strings.load_error(&LoadError::NotFound),
            strings.load_error(&LoadError::Directory),
            strings.load_error(&LoadError::NotRegular(SpecialFile::Fifo)),
            strings.load_error(&LoadError::PermissionDenied),
            strings.load_error(&LoadError::TooLarge { size: 2, cap: 1 }),
            strings.load_error(&LoadError::Binary),
            strings.load_error(&LoadError::UnknownEncoding("x".into())),
            strings.load_error(&LoadError::CompoundFile),
            strings.load_error(&LoadError::NoTextLayer),
            strings.load_error(&LoadError::Damaged {
                format: DocFormat::Docx,
                detail: "why".into(),
            }),
            strings.load_error(&LoadError::Unpacks {
                format: DocFormat::Ofd,
                cap: 1,
            }),
            strings.output_failed(&io),
            strings.terminal_failed(&io),
            strings.one_file_at_a_time("a", "b", 0),
            strings.one_file_at_a_time("a", "b", 2),
            strings.value_problem(&ValueProblem::Range {
                low: 1,
                high: 2,
                unit: Unit::Columns,
            }),
            strings.value_problem(&ValueProblem::Range {
                low: 1,
                high: 2,
                unit: Unit::CharsPerMinute,
            }),
            strings.value_problem(&ValueProblem::LineNumber),
            strings.value_problem(&ValueProblem::Lang),
            strings.bad_value("--rate", "0", "why"),
            strings.not_one_of("--format", "xml", &["text".into()]),
            strings.unknown_option("--bogus"),
            strings.missing_argument("<PATTERN>"),
            strings.config_file_is("f", true),
            strings.config_file_is("f", false),
            strings.config_ignored("f", Some(1), Some("rate")),
            strings.stats_opening(""),
            strings.stats_opening("同志们"),
            strings.stats_closing("同志们"),
            strings.stats_counted(1, 2),
            strings.outline_closing("同志们"),
            strings.outline_footer("同志们"),
            strings.only_the_start_is_shown("why"),
            strings.findings_summary(1, 2, 3),
            strings.findings_summary(0, 0, 0),
            strings.rate_per_minute(220),
            strings.rehearsal_paused(),
            strings.ahead_or_behind(5),
            strings.ahead_or_behind(-5),
            strings.difference(-65),
            strings.stats_rehearsed_head(),
            strings.stats_last_rehearsal(75, 230),
            strings.value_problem(&ValueProblem::Range {
                low: 1,
                high: 2,
                unit: Unit::Minutes,
            }),
        ]);
        all.extend(Code::ALL.iter().map(|&code| {
            strings.finding(&Finding {
                span: 0..1,
                code,
                found: "，".into(),
                expected: Some("二、".into()),
                suggestion: Some("，".into()),
            })
        }));
        all
    }

    /// Words a Chinese line may hold in Latin letters: what a user types or reads on a
    /// key, options and their values, names of encodings and formats.
    fn typed_or_named(word: &str) -> bool {
        word.len() < 2
            || [
                "Enter", "Esc", "Tab", "Space", "README", "HOME", "NUL", "force", "utf", "gbk",
                "gb", "txt", "le", "be", "zh", "en", "briefing", "help", "in", "place", "orig",
                "GB", "T", "roff", "rate", "format", "xml", "text", "bogus", "PATTERN", "XX",
                "disk", "full", "why", "rehearse",
            ]
            .contains(&word)
            // Formats and the programs that convert them, as a user sees their names.
            || "Word WPS doc wps docx libreoffice headless convert to OFD PDF HTML ofd zip OCR ocrmypdf"
                .split(' ')
                .any(|named| named == word)
    }

    #[test]
    fn every_message_is_in_both_languages_and_only_in_its_own() {
        let chinese = every_message(Strings(Lang::Zh));
        let english = every_message(Strings(Lang::En));
        assert_eq!(chinese.len(), english.len());
        let is_han = |c: char| ('\u{4E00}'..='\u{9FFF}').contains(&c);
        for (zh, en) in chinese.iter().zip(&english) {
            assert!(!zh.is_empty() && !en.is_empty());
            assert!(zh.chars().any(is_han), "no Chinese in “{zh}”");
            for word in zh.split(|c: char| !c.is_ascii_alphabetic()) {
                assert!(typed_or_named(word), "English “{word}” in “{zh}”");
            }
            // English lines name Chinese only as what a user types or reads in the
            // document: the samples above, and 十二 as a heading's number.
            let own: String = en.replace(['双', '拥', '同', '志', '们', '十', '二'], "");
            assert!(!own.chars().any(is_han), "Chinese in “{en}”");
        }
    }

    #[test]
    fn key_names_come_from_the_keymap() {
        assert_eq!(Strings(Lang::Zh).no_search(), "还没有搜索：按 / 搜索");
        assert_eq!(
            Strings(Lang::En).no_search(),
            "no search yet: press / to search"
        );
    }
}
