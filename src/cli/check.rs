//! `briefing check`: the findings of each FILE printed like a compiler's, or as JSON, or
//! the safe fixes made.

use std::io::{self, Write};
use std::path::PathBuf;

use super::{Cli, FileArg, Format, load_document};
use crate::check::Finding;
use crate::check::{
    JsonFinding, Positions, Profile, Severity, caret_lines, check, fix_text, write_fixed,
};
use crate::decode::decode;
use crate::document::Document;
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

/// The documents checked, each with its name and findings.
type Checked = Vec<(String, Document, Vec<Finding>)>;

/// `check --format json`: `{"findings": [...]}`, each finding's line, column and message
/// worked out as it is written rather than all held at once (a large document has
/// millions).
struct JsonReport<'a> {
    checked: &'a Checked,
    strings: Strings,
}

struct JsonFindings<'a>(&'a JsonReport<'a>);

impl serde::Serialize for JsonReport<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(1))?;
        map.serialize_entry("findings", &JsonFindings(self))?;
        map.end()
    }
}

impl serde::Serialize for JsonFindings<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let count = self
            .0
            .checked
            .iter()
            .map(|(_, _, findings)| findings.len())
            .sum();
        let mut seq = serializer.serialize_seq(Some(count))?;
        for (name, doc, findings) in self.0.checked {
            let mut positions = Positions::new(doc);
            for finding in findings {
                let at = positions.of(finding.span.start);
                let message = self.0.strings.finding(finding);
                seq.serialize_element(&JsonFinding::new(name, at, finding, message))?;
            }
        }
        seq.end()
    }
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
    let mut checked: Checked = Vec::new();
    for source in &sources {
        let doc = load_document(cli, source, false)?;
        let findings = check(&doc, request.profile);
        checked.push((strings.source_name(source), doc, findings));
    }
    let count = |severity| {
        checked
            .iter()
            .flat_map(|(_, _, findings)| findings)
            .filter(|finding| finding.code.severity() == severity)
            .count()
    };
    let (errors, warnings, notes) = (
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info),
    );
    let written = if request.format == Format::Json {
        // Compact: a large document's findings run to millions.
        crate::json::write_compact(
            &mut out,
            &JsonReport {
                checked: &checked,
                strings,
            },
        )
    } else {
        write_text(&mut out, &checked, strings)
            .and_then(|()| writeln!(out, "{}", strings.findings_summary(errors, warnings, notes)))
    };
    written
        .and_then(|()| out.flush())
        .map_err(CommandError::Output)?;
    Ok(if errors + warnings + notes == 0 {
        0
    } else {
        EXIT_NOT_FOUND
    })
}

/// The findings as a compiler prints them: `FILE:LINE:COL: level code: message`, then the
/// line and a caret under the spot.
fn write_text(out: &mut impl Write, checked: &Checked, strings: Strings) -> io::Result<()> {
    for (name, doc, findings) in checked {
        let mut positions = Positions::new(doc);
        for finding in findings {
            let (line, column) = positions.of(finding.span.start);
            let level = strings.severity(finding.code.severity());
            let code = finding.code.name();
            let message = strings.finding(finding);
            writeln!(out, "{name}:{line}:{column}: {level} {code}: {message}")?;
            let (text, caret) = caret_lines(doc, finding);
            writeln!(out, "    {text}\n    {caret}")?;
        }
    }
    Ok(())
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
