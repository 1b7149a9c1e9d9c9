//! Emergency copies (see `store::meeting_store`) hold a whole meeting in the user's data folder
//! while the case folder cannot be written. Once their meeting is closed and its record is in
//! the case (the journal filed away in `.coregroup/closed/` holds every change the copy holds),
//! a copy is only a second, unguarded copy of confidential minutes outside the case: it goes.
//! Removed at the close itself, and by the next command on the case for a close that finished
//! another way (rolled forward after a crash).

use std::path::{Path, PathBuf};

use super::case::{CaseFolder, MINUTES_FILE};
use super::files::{self, EntryKind};
use super::journal::{self, CLOSED_DIR, Header, Recovered};

/// Remove from `dir` every emergency copy whose meeting of this case is closed and whose every
/// change is in the journal the close filed away; the copies removed. A copy holding anything
/// more stays (it may be the only place a change is).
pub fn remove_spent(case: &CaseFolder, dir: &Path) -> Vec<PathBuf> {
    let Ok(copies) = files::read_dir(dir) else {
        return Vec::new();
    };
    let mut closed: Option<Vec<Recovered>> = None;
    let mut removed = Vec::new();
    for copy in copies {
        if copy.kind != EntryKind::File || !copy.name.to_string_lossy().ends_with(".jsonl") {
            continue;
        }
        let Ok(held) = journal::recover(&copy.path) else {
            continue;
        };
        let id = &held.header.meeting_id;
        if super::case::check_id(id).is_err()
            || !files::is_file(&case.meeting_dir(id).join(MINUTES_FILE))
        {
            continue;
        }
        let filed = closed.get_or_insert_with(|| closed_journals(case));
        let kept = filed
            .iter()
            .any(|j| j.header == held.header && j.changes.starts_with(&held.changes));
        if kept && files::remove_file(&copy.path).is_ok() {
            removed.push(copy.path);
        }
    }
    if !removed.is_empty() {
        let _ = files::sync_dir(dir);
    }
    removed
}

/// Remove from `dir` every emergency copy of the meeting `header` names, discarded: nothing may
/// carry it on, and a copy would (the next meeting on the case adopts a copy no journal holds).
pub fn remove_discarded(dir: &Path, header: &Header) -> Vec<PathBuf> {
    let removed: Vec<PathBuf> = files::read_dir(dir)
        .unwrap_or_default()
        .into_iter()
        .filter(|e| e.kind == EntryKind::File && e.name.to_string_lossy().ends_with(".jsonl"))
        .filter(|e| journal::recover(&e.path).is_ok_and(|r| &r.header == header))
        .filter(|e| files::remove_file(&e.path).is_ok())
        .map(|e| e.path)
        .collect();
    if !removed.is_empty() {
        let _ = files::sync_dir(dir);
    }
    removed
}

fn closed_journals(case: &CaseFolder) -> Vec<Recovered> {
    files::read_dir(&case.state_dir().join(CLOSED_DIR))
        .unwrap_or_default()
        .into_iter()
        .filter(|e| e.kind == EntryKind::File)
        .filter_map(|e| journal::recover(&e.path).ok())
        .collect()
}
