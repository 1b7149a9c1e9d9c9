//! The case log on disk: `<case>/log.yaml`, a list of dated events, each written as a one-key
//! mapping (`- visit: {date: 2026-11-27, seen_alone: true}`). A case without the file has an
//! empty log. Adding an event rewrites the file atomically, so a crash leaves the old log or the
//! new one, never half of either.

use super::StoreError;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::CaseFolder;
use super::files::{self, create_dir_private, write_atomic};
use super::yaml::{self, LoadError};
use crate::domain::case_log::{CaseLog, Event};

pub const LOG_FILE: &str = "log.yaml";

/// The file's shape: the enum's variant is the one key of each list item, not a YAML `!tag`.
#[derive(Serialize, Deserialize)]
#[serde(transparent)]
struct LogFile(#[serde(with = "yaml_serde::with::singleton_map_recursive")] Vec<Event>);

pub fn path(case: &CaseFolder) -> PathBuf {
    case.root().join(LOG_FILE)
}

/// The case's log; empty when the case has none yet.
pub fn load(case: &CaseFolder) -> Result<CaseLog, LoadError> {
    let file = path(case);
    if !files::exists(&file) {
        return Ok(CaseLog::default());
    }
    parse_bytes(&yaml::read(&file)?, &file)
}

/// Parse a log's text; `file` only names where it came from. An empty file is an empty log.
pub fn parse_bytes(bytes: &[u8], file: &Path) -> Result<CaseLog, LoadError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(CaseLog::default());
    }
    let LogFile(events) = yaml::parse_bytes(bytes, file)?;
    Ok(CaseLog::new(events))
}

pub fn to_string(log: &CaseLog) -> Result<String, yaml::SerializeError> {
    yaml::to_string(&LogFile(log.entries().to_vec()))
}

/// Write the whole log atomically (0600).
pub fn save(case: &CaseFolder, log: &CaseLog) -> std::io::Result<()> {
    let text = to_string(log).map_err(std::io::Error::other)?;
    write_atomic(&path(case), text.as_bytes())
}

/// The case's log read under its lock, which is kept until this is dropped: what is written
/// back with [`Held::save`] is the log as read plus what was added, with no other coregroup
/// adding meanwhile. A command that reads the log to judge the case and then adds to it holds
/// it from the start, so the file is read once.
#[derive(Debug)]
pub struct Held {
    case: CaseFolder,
    _guard: std::fs::File,
}

impl Held {
    /// Lock the log (waiting for another writer to finish) and read it.
    pub fn read(case: &CaseFolder) -> Result<(Held, CaseLog), StoreError> {
        let guard = exclusive(case).map_err(StoreError::LogLock)?;
        let log = load(case)?;
        let held = Held {
            case: case.clone(),
            _guard: guard,
        };
        Ok((held, log))
    }

    /// Write the whole log atomically (0600), still under the lock.
    pub fn save(&self, log: &CaseLog) -> Result<(), StoreError> {
        save(&self.case, log).map_err(|error| StoreError::Write {
            path: path(&self.case),
            error,
        })
    }
}

/// Held while the log is read and rewritten; the lock ends when the file closes.
fn exclusive(case: &CaseFolder) -> std::io::Result<std::fs::File> {
    create_dir_private(&case.state_dir())?;
    let file = files::open_lock_file(&case.state_dir().join(LOCK_FILE))?;
    // The standard library's lock: flock on Unix, LockFileEx on Windows. Blocks until free.
    file.lock()?;
    Ok(file)
}

const LOCK_FILE: &str = "log.lock";

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<CaseLog, LoadError> {
        parse_bytes(text.as_bytes(), Path::new("log.yaml"))
    }

    #[test]
    fn the_file_form_reads_back_as_written() {
        let text = "- visit:\n    date: 2026-11-27\n    by: sw\n    seen_alone: true\n    bedroom_seen: false\n    why_not: asleep\n- core-assessment:\n    date: 2026-11-28\n- review-conference:\n    date: 2026-11-29\n    decision: continue\n";
        let log = parse(text).unwrap();
        assert_eq!(log.entries().len(), 3);
        assert_eq!(log.entries()[1].kind(), "core-assessment");
        let again = to_string(&log).unwrap();
        assert_eq!(again, text);
        assert_eq!(parse(&again).unwrap(), log);
    }

    #[test]
    fn a_misspelt_field_is_named_with_its_line_and_column() {
        let e = parse("- core-assessment:\n    date: 2026-11-28\n- visit:\n    date: 2026-11-27\n    seen_aloen: true\n")
            .unwrap_err();
        assert!(e.message.contains("seen_aloen"), "{e}");
        assert_eq!(e.line, Some(5), "{e}");
        assert!(e.column.is_some());
    }

    #[test]
    fn an_unknown_event_is_refused() {
        let e = parse("- vist:\n    date: 2026-11-27\n").unwrap_err();
        assert!(e.message.contains("vist"), "{e}");
        assert_eq!(e.line, Some(1), "{e}");
    }

    #[test]
    fn a_case_without_a_log_has_an_empty_one_and_saving_is_owner_only() {
        let dir = tempfile::tempdir().unwrap();
        let case = CaseFolder::at(dir.path());
        assert_eq!(load(&case).unwrap(), CaseLog::default());
        let log = parse("- tier1-meeting:\n    date: 2026-11-27\n").unwrap();
        save(&case, &log).unwrap();
        assert_eq!(load(&case).unwrap(), log);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(path(&case)).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "no temporary file is left");
    }
}
