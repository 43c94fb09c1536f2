//! The zip archives that .docx and OFD files are: opened from bytes in memory, each part
//! read as text with a cap on what it inflates to, so a small file that claims
//! gigabytes (a zip bomb) costs at most the cap.

use std::io::{Cursor, Read};

use zip::ZipArchive;
use zip::result::ZipError;

use super::LoadError;
use super::format::DocFormat;

/// The most one part may inflate to. A 100-page report's `word/document.xml` is a few
/// MiB; an XML tree costs several times its text, so this keeps memory bounded too.
pub const PART_CAP: u64 = 32 * 1024 * 1024;
/// The most all the parts read from one archive may inflate to together.
pub const ARCHIVE_CAP: u64 = 64 * 1024 * 1024;

/// An open archive and what may still be inflated from it.
pub struct Archive<'a> {
    zip: ZipArchive<Cursor<&'a [u8]>>,
    left: u64,
    format: DocFormat,
}

impl<'a> Archive<'a> {
    /// Opens the archive: its central directory must be whole (a file cut short is
    /// refused here, with `format` named in the message).
    pub fn open(bytes: &'a [u8], format: DocFormat) -> Result<Self, LoadError> {
        let zip = ZipArchive::new(Cursor::new(bytes)).map_err(|error| damaged(format, &error))?;
        Ok(Self {
            zip,
            left: ARCHIVE_CAP,
            format,
        })
    }

    /// Whether the archive holds a part of this name.
    pub fn has(&self, name: &str) -> bool {
        self.zip.index_for_name(name).is_some()
    }

    /// Says which format the archive is, now that its entries are known.
    pub fn set_format(&mut self, format: DocFormat) {
        self.format = format;
    }

    /// The part's text (UTF-8, or UTF-16 with a byte-order mark as XML allows), `None`
    /// when there is no such part.
    pub fn text(&mut self, name: &str) -> Result<Option<String>, LoadError> {
        let format = self.format;
        let cap = self.left.min(PART_CAP);
        let mut part = match self.zip.by_name(name) {
            Ok(part) => part,
            Err(ZipError::FileNotFound) => return Ok(None),
            Err(error) => return Err(damaged(format, &error)),
        };
        // The declared size is not trusted: what is read is capped whatever it says.
        let mut bytes = Vec::with_capacity(usize::try_from(part.size().min(cap)).unwrap_or(0));
        (&mut part)
            .take(cap + 1)
            .read_to_end(&mut bytes)
            .map_err(|error| LoadError::Damaged {
                format,
                detail: error.to_string(),
            })?;
        let read = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
        if read > cap {
            return Err(LoadError::Unpacks { format, cap });
        }
        self.left -= read;
        Ok(Some(crate::decode::decode(&bytes, None).text))
    }
}

fn damaged(format: DocFormat, error: &ZipError) -> LoadError {
    LoadError::Damaged {
        format,
        detail: error.to_string(),
    }
}
