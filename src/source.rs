//! Where a document comes from: the embedded briefing, standard input or a file; and the
//! checks made before any byte is decoded (regular file, size cap, binary content).
//!
//! Nothing here touches the terminal: every refusal is a [`LoadError`] that the binary
//! prints as one line before the reader starts.
//!
//! The files people receive are not all text: a Word file, a saved web page, a PDF.
//! Their format is told from the bytes ([`format`]), before the binary check, and each
//! is turned into the text of its paragraphs by its own reader (`docx`, `html`, `pdf`),
//! which the parser then reads as it reads a typed briefing.

mod docx;
pub mod format;
mod html;
mod ofd;
mod pdf;
mod xml;
mod zipped;

pub use format::DocFormat;
use format::Sniffed;

use std::fmt;
use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use encoding_rs::Encoding;

use crate::decode::{Decoded, decode_owned, encoding_for_label, normalise_line_ends};
use crate::document::Document;
use crate::parse::{parse, parse_explained};

/// The briefing shipped with the program, opened when no file is given.
pub const EMBEDDED_BRIEFING: &[u8] = include_bytes!("../data/briefing.txt");

/// The largest document read: 256 MiB. Larger files are refused before they are read so
/// that memory stays a small multiple of what is shown.
pub const MAX_DOCUMENT_BYTES: u64 = 256 * 1024 * 1024;

/// How many leading bytes are looked at for NUL bytes that mark a binary file.
const BINARY_PROBE_BYTES: usize = 8 * 1024;

/// Where to read the document from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    Embedded,
    Stdin,
    File(PathBuf),
}

impl Source {
    /// `-` is standard input; with no FILE, standard input when it brings a document
    /// (`stdin_brings_input`, see [`stdin_brings_input`]), else the embedded briefing.
    pub fn from_arg(arg: Option<&Path>, stdin_brings_input: bool) -> Self {
        match arg {
            None if stdin_brings_input => Self::Stdin,
            None => Self::Embedded,
            Some(path) if path.as_os_str() == "-" => Self::Stdin,
            Some(path) => Self::File(path.to_path_buf()),
        }
    }

    /// The name shown in messages and the status line, control characters escaped.
    pub fn display_name(&self) -> String {
        match self {
            Self::Embedded => "briefing.txt (built in)".to_owned(),
            Self::Stdin => "standard input".to_owned(),
            Self::File(path) => escape_for_display(&path.to_string_lossy()),
        }
    }

    /// The name without its directories, for the status line.
    pub fn short_name(&self) -> String {
        match self {
            Self::File(path) => path.file_name().map_or_else(
                || self.display_name(),
                |name| escape_for_display(&name.to_string_lossy()),
            ),
            other => other.display_name(),
        }
    }
}

/// Whether standard input carries a document to read when no FILE is named: a pipe
/// (`cat speech.txt | briefing`), a socket or a redirected file (`briefing < speech.txt`).
/// Not a terminal, where a user would have to type the document, and not a character
/// device: cron, test harnesses and `nohup` start programs on /dev/null, and they must
/// still open the built-in briefing rather than an empty document.
#[cfg(unix)]
pub fn stdin_brings_input() -> bool {
    use std::os::fd::AsFd;
    use std::os::unix::fs::FileTypeExt;
    // A duplicate of the descriptor, to ask its type without taking standard input over.
    let Ok(descriptor) = io::stdin().as_fd().try_clone_to_owned() else {
        // Standard input closed: nothing to read.
        return false;
    };
    File::from(descriptor).metadata().is_ok_and(|metadata| {
        let file_type = metadata.file_type();
        file_type.is_fifo() || file_type.is_socket() || file_type.is_file()
    })
}

/// Whether standard input carries a document to read when no FILE is named: anything
/// but a terminal (the type of a handle is not asked where there is no `fstat`).
#[cfg(not(unix))]
pub fn stdin_brings_input() -> bool {
    use std::io::IsTerminal;
    !io::stdin().is_terminal()
}

/// Options that change how bytes become a document.
#[derive(Clone, Copy, Debug, Default)]
pub struct LoadOptions {
    pub encoding: Option<&'static Encoding>,
    /// Open files that look binary (NUL bytes), showing NUL as ␀.
    pub force: bool,
    /// Keep why each line was read as it was (`outline --explain`).
    pub explain: bool,
}

impl LoadOptions {
    /// Reads `--encoding NAME`.
    pub fn with_encoding_label(mut self, label: Option<&str>) -> Result<Self, LoadError> {
        if let Some(label) = label {
            self.encoding = Some(
                encoding_for_label(label)
                    .ok_or_else(|| LoadError::UnknownEncoding(label.to_owned()))?,
            );
        }
        Ok(self)
    }
}

/// Why a document could not be opened. Each prints as one line with what to do.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("no such file; check the path")]
    NotFound,
    #[error("is a directory; give a text file")]
    Directory,
    #[error("not a regular file ({}); save the text to a file first", .0.name())]
    NotRegular(SpecialFile),
    #[error("permission denied; check the file's permissions")]
    PermissionDenied,
    #[error("file is {size} bytes, more than the {cap} byte limit; split it first")]
    TooLarge { size: u64, cap: u64 },
    #[error("looks like a binary file (NUL bytes); use --force to open it anyway")]
    Binary,
    #[error("unknown encoding {0:?}; try utf-8, gb18030, gbk, utf-16le or utf-16be")]
    UnknownEncoding(String),
    #[error("cannot read: {0}")]
    Io(io::Error),
    #[error(
        "a Word 97-2003 or WPS file (.doc, .wps), which briefing does not read; save it as .docx in Word or WPS, or run libreoffice --headless --convert-to docx on it"
    )]
    CompoundFile,
    #[error("a damaged {} file ({detail}); save it again from the program that made it, or ask for another copy", .format.name())]
    Damaged { format: DocFormat, detail: String },
    #[error("a {} file that unpacks to more than {cap} bytes; ask for a smaller copy or a .txt", .format.name())]
    Unpacks { format: DocFormat, cap: u64 },
    #[error(
        "a PDF without a text layer (a scan, or fonts that do not map to characters); run OCR on it (ocrmypdf) or ask for the .docx"
    )]
    NoTextLayer,
}

impl From<io::Error> for LoadError {
    fn from(error: io::Error) -> Self {
        match error.kind() {
            io::ErrorKind::NotFound => Self::NotFound,
            io::ErrorKind::PermissionDenied => Self::PermissionDenied,
            io::ErrorKind::IsADirectory => Self::Directory,
            _ => Self::Io(error),
        }
    }
}

/// What a load error happened on: a document's source, or the option that named
/// something wrong (`--encoding`).
#[derive(Clone, Debug)]
pub enum ErrorSite {
    Document(Source),
    Option(&'static str),
}

/// A load error with the source it happened on: `<path>: <reason>`.
#[derive(Debug)]
pub struct SourceError {
    pub site: ErrorSite,
    pub error: LoadError,
}

impl SourceError {
    pub fn on(source: &Source, error: LoadError) -> Self {
        Self {
            site: ErrorSite::Document(source.clone()),
            error,
        }
    }
}

impl fmt::Display for SourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.site {
            ErrorSite::Document(source) => write!(f, "{}: {}", source.display_name(), self.error),
            ErrorSite::Option(option) => write!(f, "{option}: {}", self.error),
        }
    }
}

impl std::error::Error for SourceError {}

/// Reads, checks, decodes and parses a document.
pub fn load(source: &Source, options: LoadOptions) -> Result<Document, SourceError> {
    let with_source = |error| SourceError::on(source, error);
    let bytes = read_bytes(source).map_err(with_source)?;
    document_from_bytes(bytes, options).map_err(with_source)
}

/// Decodes and parses bytes that have been read, refusing binary content unless forced.
pub fn document_from_bytes(bytes: Vec<u8>, options: LoadOptions) -> Result<Document, LoadError> {
    let explain = options.explain;
    let decoded = decode_bytes(bytes, options)?;
    Ok(if explain {
        parse_explained(decoded)
    } else {
        parse(decoded)
    })
}

/// Decodes bytes that have been read, refusing binary content unless forced: the check
/// every command makes before it shows anything, `wrap` included.
pub fn decode_bytes(bytes: Vec<u8>, options: LoadOptions) -> Result<Decoded, LoadError> {
    match format::sniff(&bytes) {
        Sniffed::CompoundFile => return Err(LoadError::CompoundFile),
        Sniffed::Document(format) => {
            if let Some(decoded) = convert(&bytes, format, options.encoding)? {
                return Ok(decoded);
            }
        }
        Sniffed::Text => {}
    }
    if !options.force && looks_binary(&bytes, options.encoding) {
        return Err(LoadError::Binary);
    }
    Ok(decode_owned(bytes, options.encoding))
}

/// The text of a document in `format`, `None` for a zip that is neither a .docx nor an
/// OFD (a spreadsheet, an e-book), which is then refused as binary as before.
fn convert(
    bytes: &[u8],
    format: DocFormat,
    encoding: Option<&'static Encoding>,
) -> Result<Option<Decoded>, LoadError> {
    let (text, format) = match format {
        DocFormat::Zip | DocFormat::Docx | DocFormat::Ofd => {
            let mut archive = zipped::Archive::open(bytes, DocFormat::Zip)?;
            if archive.has(docx::DOCUMENT_PART) {
                archive.set_format(DocFormat::Docx);
                (docx::text(&mut archive)?, DocFormat::Docx)
            } else if archive.has(ofd::ENTRY_PART) {
                archive.set_format(DocFormat::Ofd);
                (ofd::text(&mut archive)?, DocFormat::Ofd)
            } else {
                return Ok(None);
            }
        }
        DocFormat::Html => (html::text(bytes, encoding)?, DocFormat::Html),
        DocFormat::Pdf => (pdf::text(bytes)?, DocFormat::Pdf),
    };
    Ok(Some(Decoded {
        text: normalise_line_ends(text),
        encoding: format.name(),
        replaced: 0,
    }))
}

/// NUL bytes near the start mean binary, except in UTF-16 text (named by its byte-order
/// mark or by `--encoding`), where every other byte of Chinese or ASCII text is NUL.
/// Naming another encoding does not skip the check: `--encoding gbk` on a binary file
/// would show it as well as without.
fn looks_binary(bytes: &[u8], forced: Option<&'static Encoding>) -> bool {
    let is_utf16 = |encoding: &'static Encoding| {
        encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE
    };
    let utf16 = match forced {
        Some(encoding) => is_utf16(encoding),
        None => matches!(Encoding::for_bom(bytes), Some((encoding, _)) if is_utf16(encoding)),
    };
    let probe = bytes.get(..BINARY_PROBE_BYTES).unwrap_or(bytes);
    !utf16 && memchr::memchr(0, probe).is_some()
}

/// The raw bytes of a source. Files are checked before they are opened: a FIFO or a
/// device would block or never end.
pub fn read_bytes(source: &Source) -> Result<Vec<u8>, LoadError> {
    match source {
        Source::Embedded => Ok(EMBEDDED_BRIEFING.to_vec()),
        Source::Stdin => read_capped(io::stdin().lock()),
        Source::File(path) => {
            let metadata = std::fs::metadata(path)?;
            let file_type = metadata.file_type();
            if file_type.is_dir() {
                return Err(LoadError::Directory);
            }
            if !file_type.is_file() {
                return Err(LoadError::NotRegular(special_file_kind(file_type)));
            }
            if metadata.len() > MAX_DOCUMENT_BYTES {
                return Err(LoadError::TooLarge {
                    size: metadata.len(),
                    cap: MAX_DOCUMENT_BYTES,
                });
            }
            // Sized from the metadata so a large file is not copied while the buffer grows.
            let expected = usize::try_from(metadata.len()).unwrap_or(0);
            read_capped_into(
                File::open(path)?,
                Vec::with_capacity(expected.saturating_add(1)),
            )
        }
    }
}

/// Files larger than this open in two steps: the start is shown at once, the whole
/// file is read and parsed while the reader already runs.
pub const PREVIEW_ABOVE_BYTES: u64 = 2 * 1024 * 1024;
/// How much of a large file the first frame is made from.
const PREVIEW_BYTES: u64 = 64 * 1024;

/// The first part of a large file, cut after its last complete line, for the first
/// frame; `None` when the file is small, or not a file, or UTF-16 (whose lines cannot
/// be cut by byte). The same checks as [`read_bytes`] come first.
pub fn read_preview(source: &Source) -> Result<Option<Vec<u8>>, LoadError> {
    let Source::File(path) = source else {
        return Ok(None);
    };
    let metadata = std::fs::metadata(path)?;
    if metadata.is_dir() {
        return Err(LoadError::Directory);
    }
    if !metadata.file_type().is_file() {
        return Err(LoadError::NotRegular(special_file_kind(
            metadata.file_type(),
        )));
    }
    if metadata.len() > MAX_DOCUMENT_BYTES {
        return Err(LoadError::TooLarge {
            size: metadata.len(),
            cap: MAX_DOCUMENT_BYTES,
        });
    }
    if metadata.len() <= PREVIEW_ABOVE_BYTES {
        return Ok(None);
    }
    // Room for all of it: from an empty vector, reading would probe with reads of 32,
    // 64, 128… bytes.
    let mut start = Vec::with_capacity(usize::try_from(PREVIEW_BYTES).unwrap_or(0));
    File::open(path)?
        .take(PREVIEW_BYTES)
        .read_to_end(&mut start)?;
    // A Word file, a page or a PDF is read whole: its start is not a document.
    if format::sniff(&start) != Sniffed::Text {
        return Ok(None);
    }
    let is_utf16 =
        matches!(Encoding::for_bom(&start), Some((encoding, _)) if encoding != encoding_rs::UTF_8);
    // NUL bytes mean UTF-16 without a BOM (or binary): a 0x0A byte there may be half of a
    // character, so such a file is read whole, and a binary one refused as usual.
    let has_nul = memchr::memchr(0, &start).is_some();
    let Some(last_line_end) = memchr::memrchr(b'\n', &start).filter(|_| !is_utf16 && !has_nul)
    else {
        return Ok(None);
    };
    start.truncate(last_line_end + 1);
    Ok(Some(start))
}

fn read_capped(reader: impl Read) -> Result<Vec<u8>, LoadError> {
    read_capped_into(reader, Vec::new())
}

fn read_capped_into(reader: impl Read, mut bytes: Vec<u8>) -> Result<Vec<u8>, LoadError> {
    reader
        .take(MAX_DOCUMENT_BYTES + 1)
        .read_to_end(&mut bytes)?;
    let size = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    if size > MAX_DOCUMENT_BYTES {
        return Err(LoadError::TooLarge {
            size,
            cap: MAX_DOCUMENT_BYTES,
        });
    }
    Ok(bytes)
}

/// A file that is not a regular file, refused as a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SpecialFile {
    Fifo,
    CharacterDevice,
    BlockDevice,
    Socket,
    Other,
}

impl SpecialFile {
    /// Its name in an English message.
    pub fn name(self) -> &'static str {
        match self {
            Self::Fifo => "a FIFO",
            Self::CharacterDevice => "a character device",
            Self::BlockDevice => "a block device",
            Self::Socket => "a socket",
            Self::Other => "a special file",
        }
    }
}

#[cfg(unix)]
fn special_file_kind(file_type: std::fs::FileType) -> SpecialFile {
    use std::os::unix::fs::FileTypeExt;
    if file_type.is_fifo() {
        SpecialFile::Fifo
    } else if file_type.is_char_device() {
        SpecialFile::CharacterDevice
    } else if file_type.is_block_device() {
        SpecialFile::BlockDevice
    } else if file_type.is_socket() {
        SpecialFile::Socket
    } else {
        SpecialFile::Other
    }
}

#[cfg(not(unix))]
fn special_file_kind(_: std::fs::FileType) -> SpecialFile {
    SpecialFile::Other
}

/// Escapes control characters in a name (a file name can hold ESC or a newline) so that
/// printing it cannot act on the terminal.
pub fn escape_for_display(name: &str) -> String {
    name.chars()
        .flat_map(|c| {
            let escape = c.is_control() || matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
            let shown: Vec<char> = if escape { c.escape_unicode().collect() } else { vec![c] };
            shown
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_briefing_is_the_default() {
        assert_eq!(Source::from_arg(None, false), Source::Embedded);
        assert_eq!(Source::from_arg(None, true), Source::Stdin);
        assert_eq!(Source::from_arg(Some(Path::new("-")), false), Source::Stdin);
        assert_eq!(
            Source::from_arg(Some(Path::new("a.txt")), true),
            Source::File(PathBuf::from("a.txt"))
        );
        let doc = load(&Source::Embedded, LoadOptions::default()).expect("embedded loads");
        assert!(doc.title.is_some());
    }

    #[test]
    fn missing_file_and_directory_are_clear_errors() {
        let dir = tempfile::tempdir().expect("tempdir");
        let missing = load(
            &Source::File(dir.path().join("nope.txt")),
            LoadOptions::default(),
        );
        assert!(matches!(
            missing,
            Err(SourceError {
                error: LoadError::NotFound,
                ..
            })
        ));
        let directory = load(
            &Source::File(dir.path().to_path_buf()),
            LoadOptions::default(),
        );
        let message = directory.expect_err("a directory is refused").to_string();
        assert!(
            message.ends_with("is a directory; give a text file"),
            "{message}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn fifo_and_devices_are_refused_without_blocking() {
        let refused = read_bytes(&Source::File(PathBuf::from("/dev/zero")));
        assert!(matches!(
            refused,
            Err(LoadError::NotRegular(SpecialFile::CharacterDevice))
        ));
    }

    #[test]
    fn nul_bytes_mean_binary_unless_forced() {
        let bytes = b"abc\0def";
        assert!(matches!(
            document_from_bytes(bytes.to_vec(), LoadOptions::default()),
            Err(LoadError::Binary)
        ));
        let forced = document_from_bytes(
            bytes.to_vec(),
            LoadOptions {
                force: true,
                ..LoadOptions::default()
            },
        )
        .expect("forced");
        assert_eq!(forced.text, "abc\u{2400}def");
    }

    #[test]
    fn utf16_is_not_binary() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "一、标题".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        assert!(document_from_bytes(bytes.clone(), LoadOptions::default()).is_ok());
        let without_bom = bytes.get(2..).expect("text after the BOM").to_vec();
        let utf16le = LoadOptions::default()
            .with_encoding_label(Some("utf-16le"))
            .expect("a known label");
        let doc = document_from_bytes(without_bom, utf16le).expect("named UTF-16 opens");
        assert_eq!(doc.text.trim_end(), "一、标题");
    }

    #[test]
    fn a_large_file_with_nul_bytes_is_not_cut_into_a_preview() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut utf16 = Vec::new();
        for unit in "一、标题\n正文。\n".repeat(200_000).encode_utf16() {
            utf16.extend_from_slice(&unit.to_le_bytes());
        }
        let path = dir.path().join("utf16-without-bom.txt");
        std::fs::write(&path, &utf16).expect("written");
        assert!(matches!(read_preview(&Source::File(path)), Ok(None)));
    }

    #[test]
    fn naming_another_encoding_does_not_skip_the_binary_check() {
        let gbk = LoadOptions::default()
            .with_encoding_label(Some("gbk"))
            .expect("a known label");
        assert!(matches!(
            decode_bytes(b"abc\0def".to_vec(), gbk),
            Err(LoadError::Binary)
        ));
    }

    #[test]
    fn names_with_escapes_are_shown_inert() {
        assert_eq!(escape_for_display("a\u{1b}[2Jb\n"), "a\\u{1b}[2Jb\\u{a}");
    }

    #[test]
    fn unknown_encoding_label_is_an_error() {
        assert!(
            LoadOptions::default()
                .with_encoding_label(Some("klingon"))
                .is_err()
        );
        assert!(
            LoadOptions::default()
                .with_encoding_label(Some("gbk"))
                .is_ok()
        );
    }
}
