//! The command line's help in the interface's language. clap writes `--help` from the
//! doc comments of `Cli`, in English; for Chinese every piece of it is given here: the
//! about lines, each option's help, the value names, the headings and the usage line,
//! and the help and version flags themselves, so that no English word is left in a
//! Chinese help (defaults and possible values are said in the help text).

use clap::{Arg, ArgAction, Command};

use crate::strings::Lang;

/// The command line as `lang` shows it.
pub fn localized(command: Command, lang: Lang) -> Command {
    match lang {
        Lang::En => command,
        Lang::Zh => chinese(command),
    }
}

/// Help of the options every command takes: id, help, value name.
const GLOBAL_OPTIONS: &[(&str, &str, Option<&str>)] = &[
    (
        "encoding",
        "文件的编码（utf-8、gb18030、gbk、utf-16le…）；不给则自动识别",
        Some("编码"),
    ),
    ("force", "打开看似二进制的文件，NUL 字节显示为 ␀", None),
    (
        "ambiguous_width",
        "东亚宽度不定字符（“ ” … ①）占几列：narrow、wide 或 auto（默认 auto，询问终端）",
        Some("宽度"),
    ),
    (
        "indent",
        "段落首行缩进的列数，0 到 40（默认 4；0 为不缩进）",
        Some("列数"),
    ),
    (
        "measure",
        "正文每行最多的列数，1 到 1000（默认 80），不论终端多宽",
        Some("列数"),
    ),
    (
        "rate",
        "语速，每分钟字数，1 到 2000（默认 220），用于估算讲话时间；auto 为上次排练测得的语速",
        Some("字数"),
    ),
    (
        "no_resume",
        "从开头读起，不回到上次的位置（标记仍保留）",
        None,
    ),
    (
        "line",
        "打开阅读器时直接到第 N 行（行号同 outline、search 所列）",
        Some("行号"),
    ),
    (
        "lang",
        "界面语言：zh 或 en（默认按 LANG 等区域设置）",
        Some("语言"),
    ),
    (
        "no_mouse",
        "不接管鼠标（不按 Shift 也能选中文字复制）；不用点击与滚轮",
        None,
    ),
];

/// The reader's own argument, and each command's: command, id, help, value name.
const COMMAND_ARGS: &[(&str, &str, &str, Option<&str>)] = &[
    (
        "",
        "file",
        "要读的文件；- 为标准输入。不给时：标准输入是管道或文件则读它，否则打开内置讲话稿",
        Some("文件"),
    ),
    ("outline", "file", "要读的文件；- 为标准输入", Some("文件")),
    (
        "outline",
        "format",
        "输出格式：text 或 json（默认 text）",
        Some("格式"),
    ),
    (
        "outline",
        "explain",
        "在提纲之后列出每行为何这样识别：每个标题、要点和分界的依据，以及没有采用的序号",
        None,
    ),
    ("render", "file", "要读的文件；- 为标准输入", Some("文件")),
    (
        "render",
        "width",
        "正文栏的列数，1 到 1000（默认 $COLUMNS 或 80）",
        Some("列数"),
    ),
    (
        "wrap",
        "file",
        "要折行的文本；不给或为 - 时读标准输入",
        Some("文件"),
    ),
    (
        "wrap",
        "width",
        "每行列数，1 到 1000（默认 $COLUMNS 或 80）",
        Some("列数"),
    ),
    ("search", "pattern", "要找的词语", Some("词语")),
    ("search", "file", "要读的文件；- 为标准输入", Some("文件")),
    (
        "search",
        "format",
        "输出格式：text 或 json（默认 text）",
        Some("格式"),
    ),
    (
        "rehearse",
        "file",
        "要排练的文件；- 为标准输入",
        Some("文件"),
    ),
    (
        "rehearse",
        "minutes",
        "目标时长（分钟，1 到 600），按篇幅分给各部分作为预算",
        Some("分钟"),
    ),
    ("export", "file", "要读的文件；- 为标准输入", Some("文件")),
    (
        "export",
        "format",
        "输出格式：txt、md 或 json（默认 txt）",
        Some("格式"),
    ),
    ("stats", "file", "要读的文件；- 为标准输入", Some("文件")),
    (
        "stats",
        "format",
        "输出格式：text 或 json（默认 text）",
        Some("格式"),
    ),
    (
        "check",
        "files",
        "要校对的文件，可以多个；不给时读标准输入",
        Some("文件"),
    ),
    (
        "check",
        "format",
        "输出格式：text 或 json（默认 text）",
        Some("格式"),
    ),
    (
        "check",
        "profile",
        "加用某一标准的规则：gbt9704（GB/T 9704 党政机关公文格式）",
        Some("标准"),
    ),
    (
        "check",
        "fix",
        "输出改好的全文：只改不会改变字句的标点和重字",
        None,
    ),
    (
        "check",
        "in_place",
        "与 --fix 同用：按原编码改写文件，原文件保存为 文件.orig",
        None,
    ),
    (
        "completions",
        "shell",
        "哪种 shell：bash、zsh、fish、powershell 或 elvish",
        Some("SHELL"),
    ),
];

/// What each command does.
const COMMAND_ABOUT: &[(&str, &str)] = &[
    (
        "outline",
        "列出结构：标题、称谓、各级标题、要点、结束语、文末",
    ),
    ("render", "按阅读器正文栏的排法输出全文"),
    ("wrap", "按中文断行规则折行：一个懂中文的 fold"),
    (
        "search",
        "列出每一处匹配及其行号和所在标题 › 要点；找不到时退出码为 1",
    ),
    (
        "rehearse",
        "排练：按语速逐行走读正文，计时，各部分对照预算；用时记入记录，stats 可见",
    ),
    (
        "export",
        "把文档输出为干净的文本、Markdown 或 JSON（也可把 .docx、网页或 PDF 转成 .txt）",
    ),
    ("stats", "按讲出的正文，列出各部分的字数和讲话时间"),
    (
        "check",
        "校对稿子的硬伤：序号、所说的条数、要点、标点、重字、待填空白；有问题时退出码为 1",
    ),
    (
        "config",
        "列出生效的设置及各自的来源（命令行、配置文件、环境变量、默认）",
    ),
    (
        "completions",
        "输出 shell 的补全脚本（bash、zsh、fish、powershell、elvish）",
    ),
    (
        "man",
        "输出手册页（roff 格式），可用 man -l - 查看或放入手册目录",
    ),
];

const USAGE_ZH: &str = "\
用法：{usage}

{before-help}{all-args}{after-help}";

fn chinese(command: Command) -> Command {
    // `mut_args` keeps the arguments in place: positional ones are numbered by it.
    let chinese_arg = |of: &str, arg: Arg| {
        let id = arg.get_id().as_str().to_owned();
        let global = GLOBAL_OPTIONS
            .iter()
            .find(|(option, ..)| *option == id)
            .map(|(_, help, value_name)| (*help, *value_name));
        let own = COMMAND_ARGS
            .iter()
            .find(|(command, argument, ..)| *command == of && *argument == id)
            .map(|(_, _, help, value_name)| (*help, *value_name));
        match global.or(own) {
            Some((help, value_name)) => option_in_chinese(arg, help, value_name),
            None => arg,
        }
    };
    let mut command = with_chinese_frame(command)
        .about("中文讲话稿、工作报告的终端阅读器")
        .override_usage("briefing [选项] [文件]\n       briefing <命令> [选项] [文件]")
        .subcommand_help_heading("命令")
        .subcommand_value_name("命令")
        .mut_args(|arg| chinese_arg("", arg));
    for (name, about) in COMMAND_ABOUT {
        command = command.mut_subcommand(*name, |sub| {
            let usage = format!("briefing {name} [选项]{}", arguments_of(name));
            with_chinese_frame(sub)
                .about(*about)
                .override_usage(usage)
                .mut_args(|arg| chinese_arg(name, arg))
        });
    }
    command
}

/// The positional arguments of a command, as its usage line names them.
fn arguments_of(name: &str) -> &'static str {
    match name {
        "search" => " <词语> [文件]",
        "completions" => " <SHELL>",
        "check" => " [文件]...",
        "config" | "man" => "",
        _ => " [文件]",
    }
}

/// The parts every command's help shares: the template, and the help and version flags
/// in Chinese (clap's own are in English).
fn with_chinese_frame(command: Command) -> Command {
    let with_version = command.get_version().is_some();
    let command = command
        .help_template(USAGE_ZH)
        .disable_help_flag(true)
        .disable_help_subcommand(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("显示本帮助")
                .help_heading("选项"),
        );
    if with_version {
        command.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("显示版本")
                .help_heading("选项"),
        )
    } else {
        command
    }
}

fn option_in_chinese(arg: Arg, help: &'static str, value_name: Option<&'static str>) -> Arg {
    let heading = if arg.is_positional() {
        "参数"
    } else {
        "选项"
    };
    let arg = arg.help(help).help_heading(heading);
    // Said in the help text itself: clap would add them in English.
    let arg = if arg.get_action().takes_values() {
        arg.hide_default_value(true).hide_possible_values(true)
    } else {
        arg
    };
    match value_name {
        Some(name) => arg.value_name(name),
        None => arg,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// Every line of the Chinese help of `args`' command.
    fn help_lines(args: &[&str]) -> String {
        let mut command = localized(crate::cli::Cli::command(), Lang::Zh);
        let mut target = &mut command;
        for name in args {
            target = target.find_subcommand_mut(name).expect("a command");
        }
        target.render_help().to_string()
    }

    #[test]
    fn the_chinese_help_has_no_english_word() {
        for args in [
            &[][..],
            &["outline"],
            &["render"],
            &["wrap"],
            &["search"],
            &["stats"],
            &["check"],
            &["rehearse"],
            &["export"],
            &["config"],
            &["completions"],
            &["man"],
        ] {
            let help = help_lines(args);
            assert!(help.starts_with("用法："), "{help}");
            for word in help.split(|c: char| !c.is_ascii_alphabetic()) {
                // Names a user types stay as they are: the program, its commands and
                // options, the values they take, the encodings, variables.
                let typed = help.contains(&format!("--{word}"))
                    || help.contains(&format!("-{word}"))
                    || [
                        "briefing",
                        "outline",
                        "render",
                        "wrap",
                        "search",
                        "stats",
                        "rehearse",
                        "export",
                        "txt",
                        "md",
                        "docx",
                        "PDF",
                        "Markdown",
                        "JSON",
                        "utf",
                        "gb",
                        "gbk",
                        "le",
                        "narrow",
                        "wide",
                        "auto",
                        "zh",
                        "en",
                        "text",
                        "json",
                        "fold",
                        "COLUMNS",
                        "LANG",
                        "NUL",
                        "N",
                        "SHELL",
                        "bash",
                        "zsh",
                        "fish",
                        "powershell",
                        "elvish",
                        "man",
                        "roff",
                        "config",
                        "completions",
                        "shell",
                        "check",
                        "gbt",
                        "orig",
                        "GB",
                        "T",
                        // Keys, as printed on them.
                        "Shift",
                    ]
                    .contains(&word);
                assert!(word.len() < 2 || typed, "English “{word}” in\n{help}");
            }
        }
    }
}
