//! Where the reader was in each document, and its marks, kept between sessions.
//!
//! One small JSON file per document in the platform's state directory
//! (`$XDG_STATE_HOME/briefing/`, else `~/.local/state/briefing/` on Linux), named by a
//! hash of the document's text so a renamed copy resumes too. Files are written whole:
//! a temporary file in the same directory, fsync, rename, fsync of the directory; a
//! damaged, oversized or unreadable file is ignored with a warning, never trusted.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::rehearsal::{KEPT_AT_MOST, Record};

/// State files larger than this are not read: a reading position and 26 marks are tiny,
/// and the rehearsals kept (each a line per section it timed) a few kilobytes; a save
/// that would pass it lets go of the oldest rehearsals.
const MAX_STATE_BYTES: u64 = 256 * 1024;
const STATE_VERSION: u32 = 1;

/// What is kept for one document.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedState {
    pub version: u32,
    /// Byte offset of the top line.
    pub position: usize,
    /// Mark letter → byte offset.
    pub marks: BTreeMap<char, usize>,
    /// The searches entered, oldest first (absent from files of earlier versions).
    #[serde(default)]
    pub searches: Vec<String>,
    /// The rehearsals kept, oldest first, at most [`KEPT_AT_MOST`] (absent from files
    /// of earlier versions).
    #[serde(default)]
    pub rehearsals: Vec<Record>,
}

/// Why a saved reading position was not used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StateProblem {
    Unreadable,
    Damaged,
    TooLarge,
    OtherVersion,
}

/// The state file of one document.
#[derive(Clone, Debug)]
pub struct StateFile {
    path: PathBuf,
}

/// The directory state files live in, if the platform has one.
pub fn state_dir() -> Option<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "briefing")?;
    Some(
        dirs.state_dir()
            .unwrap_or_else(|| dirs.data_local_dir())
            .to_path_buf(),
    )
}

impl StateFile {
    /// The state file for a document's text in `dir`.
    pub fn for_text(dir: &Path, text: &str) -> Self {
        let digest = Sha256::digest(text.as_bytes());
        let name = digest
            .iter()
            .take(16)
            .fold(String::new(), |mut name, byte| {
                let _ = write!(name, "{byte:02x}");
                name
            });
        Self {
            path: dir.join(format!("{name}.json")),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Reads the saved state. `Ok(None)` when there is none yet; `Err` with why when the
    /// file is there but cannot be trusted (the reader says so in its language).
    pub fn load(&self) -> Result<Option<SavedState>, StateProblem> {
        let metadata = match fs::metadata(&self.path) {
            Ok(metadata) => metadata,
            Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(_) => return Err(StateProblem::Unreadable),
        };
        if metadata.len() > MAX_STATE_BYTES {
            return Err(StateProblem::TooLarge);
        }
        let bytes = fs::read(&self.path).map_err(|_| StateProblem::Unreadable)?;
        let state: SavedState =
            serde_json::from_slice(&bytes).map_err(|_| StateProblem::Damaged)?;
        if state.version != STATE_VERSION {
            return Err(StateProblem::OtherVersion);
        }
        Ok(Some(state))
    }

    /// Writes the state atomically (its version set to this program's). A failure is
    /// returned as the system's one-line reason.
    pub fn save(&self, state: SavedState) -> Result<(), String> {
        let state = SavedState {
            version: STATE_VERSION,
            ..state
        };
        self.write_atomically(&state)
            .map_err(|error| error.to_string())
    }

    fn write_atomically(&self, state: &SavedState) -> io::Result<()> {
        let dir = self.path.parent().unwrap_or(Path::new("."));
        fs::create_dir_all(dir)?;
        let mut temporary = tempfile::NamedTempFile::new_in(dir)?;
        // Serialised first: serde_json writes a file token by token, 20 writes for one
        // small state.
        let json = fitting_json(state)?;
        temporary.write_all(&json)?;
        temporary.as_file().sync_all()?;
        temporary.persist(&self.path).map_err(|error| error.error)?;
        // The rename is durable only once the directory itself is synced.
        fs::File::open(dir)?.sync_all()
    }
}

/// The state as JSON no larger than a load accepts: the oldest rehearsals go first,
/// and beyond [`KEPT_AT_MOST`] whatever the size.
fn fitting_json(state: &SavedState) -> io::Result<Vec<u8>> {
    let mut rehearsals = state.rehearsals.as_slice();
    rehearsals = &rehearsals[rehearsals.len().saturating_sub(KEPT_AT_MOST)..];
    loop {
        let json = serde_json::to_vec(&SavedState {
            rehearsals: rehearsals.to_vec(),
            ..state.clone()
        })
        .map_err(io::Error::other)?;
        match rehearsals.split_first() {
            Some((_, later)) if u64::try_from(json.len()).unwrap_or(u64::MAX) > MAX_STATE_BYTES => {
                rehearsals = later;
            }
            _ => return Ok(json),
        }
    }
}

/// The saved state of a document as read from its state file: where it was left and its
/// marks, or why the file could not be read; and the file to save to.
#[derive(Debug)]
pub struct Saved {
    pub file: Option<StateFile>,
    pub state: Result<Option<SavedState>, StateProblem>,
}

impl Saved {
    /// Reads the saved state of the document with this text.
    pub fn of(doc: &crate::document::Document) -> Self {
        let file = state_dir().map(|dir| StateFile::for_text(&dir, &doc.text));
        let state = file.as_ref().map_or(Ok(None), StateFile::load);
        Self { file, state }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marks(pairs: &[(char, usize)]) -> BTreeMap<char, usize> {
        pairs.iter().copied().collect()
    }

    fn state_at(position: usize, marks: BTreeMap<char, usize>) -> SavedState {
        SavedState {
            position,
            marks,
            ..SavedState::default()
        }
    }

    #[test]
    fn searches_are_kept_and_files_without_them_still_load() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = StateFile::for_text(dir.path(), "同志们：今天开会。");
        let searches = vec!["三连冠".to_owned(), "双拥".to_owned()];
        file.save(SavedState {
            searches: searches.clone(),
            ..state_at(1, BTreeMap::new())
        })
        .expect("saved");
        assert_eq!(
            file.load().expect("readable").expect("present").searches,
            searches
        );
        std::fs::write(file.path(), br#"{"version":1,"position":4,"marks":{}}"#).expect("written");
        let older = file.load().expect("readable").expect("present");
        assert_eq!((older.position, older.searches.len()), (4, 0));
    }

    #[test]
    fn saves_and_loads_by_content() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = StateFile::for_text(dir.path(), "同志们：今天开会。");
        assert_eq!(file.load(), Ok(None));
        file.save(state_at(42, marks(&[('a', 7)]))).expect("saved");
        let again = StateFile::for_text(dir.path(), "同志们：今天开会。");
        let state = again.load().expect("readable").expect("present");
        assert_eq!((state.position, state.marks), (42, marks(&[('a', 7)])));
        assert_ne!(
            StateFile::for_text(dir.path(), "别的文件").path(),
            file.path()
        );
    }

    #[test]
    fn a_truncated_or_invalid_file_is_ignored_with_a_warning_and_replaced() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = StateFile::for_text(dir.path(), "正文");
        file.save(state_at(5, BTreeMap::new())).expect("saved");
        let full = fs::read(file.path()).expect("written");
        fs::write(file.path(), &full[..full.len() / 2]).expect("truncated");
        assert_eq!(file.load(), Err(StateProblem::Damaged));
        for junk in ["", "[", "{\"version\": 1}", &"[".repeat(10_000)] {
            fs::write(file.path(), junk).expect("written");
            assert!(file.load().is_err(), "{junk:?}");
        }
        file.save(state_at(9, BTreeMap::new()))
            .expect("the next save replaces it");
        assert_eq!(file.load().expect("readable").map(|s| s.position), Some(9));
    }

    #[test]
    fn a_leftover_temporary_file_does_not_matter() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = StateFile::for_text(dir.path(), "正文");
        fs::write(dir.path().join(".tmpABC123"), "{\"version\":1,\"posi")
            .expect("a crash left this");
        assert_eq!(file.load(), Ok(None));
        file.save(state_at(3, BTreeMap::new())).expect("saved");
        assert_eq!(file.load().expect("readable").map(|s| s.position), Some(3));
    }

    #[test]
    fn an_oversized_file_is_ignored() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = StateFile::for_text(dir.path(), "正文");
        fs::write(file.path(), " ".repeat(300_000)).expect("written");
        assert_eq!(file.load(), Err(StateProblem::TooLarge));
    }

    fn record(started: u64, label: &str) -> Record {
        Record {
            started,
            seconds: 60,
            rate: 230,
            sections: vec![crate::rehearsal::SectionTime {
                label: label.to_owned(),
                line: 3,
                seconds: 60,
            }],
        }
    }

    #[test]
    fn the_last_twenty_rehearsals_are_kept_and_never_make_the_file_too_large() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = StateFile::for_text(dir.path(), "同志们：今天开会。");
        let rehearsals: Vec<Record> = (0..25).map(|n| record(n, "一、认清形势")).collect();
        file.save(SavedState {
            rehearsals,
            ..state_at(1, BTreeMap::new())
        })
        .expect("saved");
        let kept = file.load().expect("readable").expect("present").rehearsals;
        assert_eq!(kept.len(), KEPT_AT_MOST);
        assert_eq!(kept.first().map(|r| r.started), Some(5));
        // Rehearsals of a document with very many sections: the oldest give way.
        let huge: Vec<Record> = (0..20).map(|n| record(n, &"长".repeat(8000))).collect();
        file.save(SavedState {
            rehearsals: huge,
            ..state_at(2, BTreeMap::new())
        })
        .expect("saved");
        let state = file.load().expect("readable").expect("present");
        assert_eq!(state.position, 2);
        assert!(!state.rehearsals.is_empty() && state.rehearsals.len() < 20);
        assert_eq!(state.rehearsals.last().map(|r| r.started), Some(19));
    }

    #[test]
    fn an_unwritable_directory_is_a_warning() {
        let dir = tempfile::tempdir().expect("tempdir");
        let blocker = dir.path().join("file");
        fs::write(&blocker, "").expect("written");
        let file = StateFile::for_text(&blocker.join("sub"), "正文");
        assert!(file.save(state_at(1, BTreeMap::new())).is_err());
    }
}
