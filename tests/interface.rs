//! The interface in either language, the config file beneath the command line, and the
//! completion scripts and manual page: the real binary, its output read back.

#[path = "support/program.rs"]
mod program;

use std::path::Path;
use std::process::{Command, Output, Stdio};

use program::briefing_command_in;

fn run_in(lang: &str, args: &[&str]) -> Output {
    briefing_command_in(lang)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("briefing runs")
}

/// `briefing ARGS` with `config` as its config file.
fn run_with_config(config: &str, args: &[&str]) -> (Output, tempfile::TempDir) {
    let home = tempfile::tempdir().expect("tempdir");
    let dir = home.path().join("briefing");
    std::fs::create_dir_all(&dir).expect("config dir");
    std::fs::write(dir.join("config.toml"), config).expect("config written");
    let output = briefing_command_in("en_US.UTF-8")
        .env("XDG_CONFIG_HOME", home.path())
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("briefing runs");
    (output, home)
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn help_is_in_the_locales_language_and_lang_overrides_it() {
    let chinese = stdout(&run_in("zh_CN.UTF-8", &["--help"]));
    assert!(chinese.starts_with("用法："), "{chinese}");
    assert!(!chinese.contains("Usage") && !chinese.contains("Options"));
    let english = stdout(&run_in("en_US.UTF-8", &["--help"]));
    assert!(english.contains("Usage: briefing"), "{english}");
    assert!(!english.contains("用法"));
    let overridden = stdout(&run_in("zh_CN.UTF-8", &["--lang", "en", "--help"]));
    assert!(overridden.contains("Usage: briefing"), "{overridden}");
    let overridden = stdout(&run_in("C", &["stats", "--help", "--lang", "zh"]));
    assert!(
        overridden.starts_with("用法：briefing stats"),
        "{overridden}"
    );
}

#[test]
fn errors_are_one_line_in_the_interfaces_language() {
    let missing = "/no/such/briefing.txt";
    let chinese = run_in("zh_CN.UTF-8", &["outline", missing]);
    assert_eq!(chinese.status.code(), Some(2));
    assert_eq!(
        stderr(&chinese),
        format!("briefing: 错误: {missing}: 找不到这个文件；请检查路径\n")
    );
    let english = run_in("en_US.UTF-8", &["outline", missing]);
    assert_eq!(
        stderr(&english),
        format!("briefing: error: {missing}: no such file; check the path\n")
    );
    let overridden = run_in("en_US.UTF-8", &["outline", missing, "--lang", "zh"]);
    assert!(stderr(&overridden).starts_with("briefing: 错误: "));
    // clap's own errors too.
    let bad = run_in("zh_CN.UTF-8", &["render", "--width", "0"]);
    assert_eq!(
        stderr(&bad),
        "briefing: 错误: --width <列数> 的值“0”不可用：列数须为 1 到 1000 之间的整数\n"
    );
    let unknown = run_in("zh_CN.UTF-8", &["--bogus"]);
    assert_eq!(
        stderr(&unknown),
        "briefing: 错误: 没有 --bogus 这个选项；见 briefing --help\n"
    );
}

#[test]
fn text_output_follows_the_language_and_json_does_not() {
    let chinese = stdout(&run_in("zh_CN.UTF-8", &["stats"]));
    assert!(
        chinese
            .lines()
            .next()
            .is_some_and(|head| head.contains("字数")),
        "{chinese}"
    );
    assert!(
        chinese.contains("合计") && chinese.contains("10分07秒"),
        "{chinese}"
    );
    let english = stdout(&run_in("en_US.UTF-8", &["stats"]));
    assert!(
        english.contains("total") && english.contains("10m07s"),
        "{english}"
    );
    for command in ["stats", "outline"] {
        let zh = stdout(&run_in("zh_CN.UTF-8", &[command, "--format", "json"]));
        let en = stdout(&run_in("en_US.UTF-8", &[command, "--format", "json"]));
        assert_eq!(zh, en, "{command} --format json changes with the language");
    }
    let zh = stdout(&run_in(
        "zh_CN.UTF-8",
        &["search", "同志们", "--format", "json"],
    ));
    let en = stdout(&run_in(
        "en_US.UTF-8",
        &["search", "同志们", "--format", "json"],
    ));
    assert_eq!(zh, en);
}

#[test]
fn the_config_file_sets_defaults_and_the_command_line_wins() {
    let (output, _home) = run_with_config("rate = 100\nlang = \"en\"\n", &["stats"]);
    assert!(
        stdout(&output).contains("at 100 characters a minute"),
        "{}",
        stdout(&output)
    );
    let (output, _home) = run_with_config("rate = 100\n", &["stats", "--rate", "300"]);
    assert!(stdout(&output).contains("at 300 characters a minute"));
    let (output, _home) = run_with_config("rate = 100\nlang = \"zh\"\n", &["config"]);
    let settings = stdout(&output);
    assert!(
        settings.contains("rate            = 100      # 配置文件"),
        "{settings}"
    );
    assert!(
        settings.contains("lang            = zh       # 配置文件"),
        "{settings}"
    );
    assert!(
        settings.contains("indent          = 4        # 默认"),
        "{settings}"
    );
}

#[test]
fn no_color_turns_colour_off_unless_the_config_file_turns_it_on() {
    let settings = |config: &str| {
        let home = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir_all(home.path().join("briefing")).expect("dir");
        std::fs::write(home.path().join("briefing/config.toml"), config).expect("written");
        let output = briefing_command_in("en_US.UTF-8")
            .env("XDG_CONFIG_HOME", home.path())
            .env("NO_COLOR", "1")
            .arg("config")
            .output()
            .expect("briefing runs");
        stdout(&output)
    };
    assert!(settings("").contains("color           = false    # environment"));
    assert!(settings("color = true\n").contains("color           = true     # config file"));
}

#[test]
fn a_broken_config_file_is_reported_in_one_line_and_ignored() {
    let (output, home) = run_with_config("# defaults\nrate = 0\n", &["stats"]);
    assert_eq!(output.status.code(), Some(0));
    let warning = stderr(&output);
    assert_eq!(warning.lines().count(), 1, "{warning}");
    let file = home.path().join("briefing").join("config.toml");
    assert!(warning.starts_with("briefing: warning: "), "{warning}");
    assert!(
        warning.contains(&format!("{}:2: rate: ", file.display())),
        "{warning}"
    );
    assert!(
        stdout(&output).contains("at 220 characters a minute"),
        "the default rate"
    );
    let (output, _home) = run_with_config("rate = [\n", &["config"]);
    assert!(
        stdout(&output).contains("config.toml:1"),
        "{}",
        stdout(&output)
    );
}

/// `program` with `input` on its standard input, and its status.
fn feed(program: &mut Command, input: &[u8]) -> Output {
    use std::io::Write;
    let mut child = program
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the program starts");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input)
        .expect("input written");
    child.wait_with_output().expect("the program ends")
}

#[test]
fn completions_load_in_bash() {
    let script = run_in("en_US.UTF-8", &["completions", "bash"]);
    assert_eq!(script.status.code(), Some(0));
    assert!(stdout(&script).contains("briefing"));
    let checked = feed(Command::new("bash").arg("-n"), &script.stdout);
    assert!(checked.status.success(), "{}", stderr(&checked));
    for shell in ["zsh", "fish", "powershell", "elvish"] {
        let script = run_in("en_US.UTF-8", &["completions", shell]);
        assert!(
            script.status.success() && !script.stdout.is_empty(),
            "{shell}"
        );
    }
}

#[test]
fn the_manual_page_renders_with_man() {
    let page = run_in("en_US.UTF-8", &["man"]);
    assert_eq!(page.status.code(), Some(0));
    assert!(stdout(&page).starts_with(".ie"), "roff");
    // `man` is installed by .ci/run; without it, groff's nroff renders the same roff.
    let man = ["/usr/bin/man", "/bin/man"]
        .into_iter()
        .find(|path| Path::new(path).exists());
    let rendered = match man {
        Some(man) => feed(
            Command::new(man).args(["-l", "-"]).env("MANWIDTH", "80"),
            &page.stdout,
        ),
        None => feed(Command::new("nroff").arg("-man"), &page.stdout),
    };
    assert!(rendered.status.success(), "{}", stderr(&rendered));
    let text = stdout(&rendered);
    assert!(text.contains("NAME") && text.contains("--rate"), "{text}");
}
