//! `briefing check`: the findings of each FILE printed like a compiler's, or as JSON, or
//! the safe fixes made.

use std::io::{self, Write};
use std::path::PathBuf;

use super::{Cli, FileArg, Format, load_document};
use crate::check::{
    JsonFinding, Profile, Severity, caret_lines, check, fix_text, position, write_fixed,
};
use crate::decode::decode;
use crate::error::{CommandError, EXIT_NOT_FOUND};
use crate::source::{Source, SourceError, read_bytes};
use crate::strings::Strings;

/// What `check` was asked to do.
pub struct CheckRequest<'a> {
    pub files: &'a [PathBuf],
    pub format: Format,
    pub profile: Profile,
    pub fix: bool,
    pub in_place: bool,
}

#[derive(serde::Serialize)]
struct JsonReport {
    findings: Vec<JsonFinding>,
}

/// Runs `check`; 0 when nothing is found, 1 when something is.
pub fn run(cli: &Cli, request: &CheckRequest) -> Result<u8, CommandError> {
    let strings = Strings(cli.lang());
    let sources: Vec<Source> = if request.files.is_empty() {
        vec![FileArg::default().source()?]
    } else {
        request
            .files
            .iter()
            .map(|file| Source::from_arg(Some(file), false))
            .collect()
    };
    if request.fix {
        return fix(cli, &sources, request.in_place, strings);
    }
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut json = Vec::new();
    let (mut errors, mut warnings, mut notes) = (0, 0, 0);
    for source in &sources {
        let name = strings.source_name(source);
        let doc = load_document(cli, source, false)?;
        let doc = &doc;
        let mut write = || -> io::Result<()> {
            for finding in check(doc, request.profile) {
                let message = strings.finding(&finding);
                match finding.code.severity() {
                    Severity::Error => errors += 1,
                    Severity::Warning => warnings += 1,
                    Severity::Info => notes += 1,
                }
                if request.format == Format::Json {
                    json.push(JsonFinding::new(&name, doc, &finding, message));
                    continue;
                }
                let (line, column) = position(doc, finding.span.start);
                let level = strings.severity(finding.code.severity());
                let code = finding.code.name();
                writeln!(out, "{name}:{line}:{column}: {level} {code}: {message}")?;
                let (text, caret) = caret_lines(doc, &finding);
                writeln!(out, "    {text}\n    {caret}")?;
            }
            Ok(())
        };
        write().map_err(CommandError::Output)?;
    }
    if request.format == Format::Json {
        crate::json::write_pretty(&mut out, &JsonReport { findings: json })
            .map_err(CommandError::Output)?;
    } else {
        writeln!(out, "{}", strings.findings_summary(errors, warnings, notes))
            .map_err(CommandError::Output)?;
    }
    out.flush().map_err(CommandError::Output)?;
    Ok(if errors + warnings + notes == 0 {
        0
    } else {
        EXIT_NOT_FOUND
    })
}

/// `--fix`: each source's text with the safe fixes made, to standard output, or with
/// `--in-place` written back over the file (its old bytes kept in `FILE.orig`).
fn fix(
    cli: &Cli,
    sources: &[Source],
    in_place: bool,
    strings: Strings,
) -> Result<u8, CommandError> {
    let options = cli.load_options().map_err(CommandError::Load)?;
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    for source in sources {
        let bytes = read_bytes(source)
            .map_err(|error| CommandError::Load(SourceError::on(source, error)))?;
        let decoded = decode(&bytes, options.encoding);
        let fixed = fix_text(&decoded.text);
        match (in_place, source) {
            (true, Source::File(path)) => {
                let mut kept = path.clone().into_os_string();
                kept.push(".orig");
                let written = std::fs::write(&kept, &bytes).and_then(|()| {
                    std::fs::write(path, write_fixed(&fixed, &bytes, decoded.encoding))
                });
                written
                    .map_err(|error| CommandError::Load(SourceError::on(source, error.into())))?;
            }
            (true, _) => {
                return Err(CommandError::Usage(
                    strings.in_place_needs_a_file().to_owned(),
                ));
            }
            (false, _) => out
                .write_all(fixed.as_bytes())
                .map_err(CommandError::Output)?,
        }
    }
    out.flush().map_err(CommandError::Output)?;
    Ok(0)
}
