//! The meeting store: the journal plus an in-memory copy of every change, so that when the case
//! folder cannot be written (made read-only, disk full, removed) the meeting goes on, nothing is
//! lost, writing is retried, and an emergency copy of the whole journal goes to the user's data
//! folder.
//!
//! How the meeting screen drives it:
//! - start: [`crate::store::Lock::acquire`] (show its notice), then [`crate::store::Journal::find`];
//!   none: `MeetingStore::create`; found: offer Resume (default) or Set aside
//!   ([`crate::store::journal::set_aside`], then create).
//! - before that: [`crate::store::recovery::finish`] (a close a crash cut short), then
//!   [`newer_emergency_copy`] (left while saving was failing): say so, [`adopt_emergency_copy`].
//! - resume: [`crate::store::recover`] → [`crate::store::replay`] (show refused changes and a
//!   torn tail) → `MeetingStore::resume`.
//! - every change: `Draft::apply`, and when it is accepted, `record` (an `Err` means "show the
//!   banner", never "stop").
//! - every tick (≤ 250 ms) and on leaving a field or step: `sync`; draw `health()` in the header.
//! - close: write the record and plan, then `finish`.
//! - quit without closing: `sync`; if `unsaved() > 0`, confirm, naming the number of changes and
//!   the emergency copy from `health()`.
//! - SIGTERM/SIGHUP ([`crate::store::safety::watch_signals`]): `sync`, restore the terminal, print
//!   [`crate::store::safety::resume_message`].

use std::io;
use std::path::{Path, PathBuf};

use super::case::CaseFolder;
use super::journal::{self, Header, Journal, Recovered, encode, file_safe};
use super::safety::{self, Whereabouts};
use crate::domain::meeting::Change;

/// Overrides the data folder that holds emergency copies (tests, unusual setups).
pub const DATA_DIR_ENV: &str = "COREGROUP_DATA_DIR";

/// What the header shows about saving.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Health {
    /// Every change is in the journal and on the disk.
    Saved,
    /// Every change is in the journal; the next `sync` puts it on the disk.
    Unsynced,
    /// The journal cannot be written. The changes are kept in memory and written at each retry.
    Failing {
        /// Index (from 0, in the order recorded this session) of the first change not in the
        /// journal on disk.
        since_change: usize,
        /// Where the emergency copy of the whole journal is, if it could be written.
        emergency_copy: Option<PathBuf>,
        /// What went wrong, for the banner.
        error: String,
    },
}

#[derive(Debug)]
struct Failure {
    since_change: usize,
    error: String,
}

#[derive(Debug)]
struct Emergency {
    path: PathBuf,
    file: Option<Journal>,
    /// How many changes the copy holds.
    written: usize,
}

#[derive(Debug)]
pub struct MeetingStore {
    case: CaseFolder,
    journal_path: PathBuf,
    header: Header,
    header_line: String,
    /// Every change of the meeting, serialized, in order.
    lines: Vec<String>,
    journal: Option<Journal>,
    /// How many of `lines` are in the journal file, and how many of those are synced.
    written: usize,
    synced: usize,
    failure: Option<Failure>,
    emergency: Option<Emergency>,
    emergency_dir: Option<PathBuf>,
    finished: bool,
}

impl MeetingStore {
    /// Start the journal of a new meeting (refused if the case has an unfinished one).
    pub fn create(case: &CaseFolder, header: Header) -> io::Result<MeetingStore> {
        let journal = Journal::create(case, &header)?;
        Ok(MeetingStore::with(case, header, Vec::new(), journal))
    }

    /// Let go of everything at once, writing nothing more: what a process that dies does (for
    /// tests of crashes).
    #[doc(hidden)]
    pub fn crash(mut self) {
        self.finished = true;
    }

    /// Carry on a recovered meeting in its own journal (see [`Journal::reopen`]).
    pub fn resume(case: &CaseFolder, recovered: &Recovered) -> io::Result<MeetingStore> {
        let journal = Journal::reopen(&Journal::path_in(case), recovered)?;
        let lines = recovered
            .changes
            .iter()
            .map(encode)
            .collect::<io::Result<Vec<_>>>()?;
        Ok(MeetingStore::with(
            case,
            recovered.header.clone(),
            lines,
            journal,
        ))
    }

    fn with(
        case: &CaseFolder,
        header: Header,
        lines: Vec<String>,
        journal: Journal,
    ) -> MeetingStore {
        let header_line = encode(&header).unwrap_or_default();
        let store = MeetingStore {
            case: case.clone(),
            journal_path: journal.path().to_path_buf(),
            header,
            header_line,
            written: lines.len(),
            synced: lines.len(),
            lines,
            journal: Some(journal),
            failure: None,
            emergency: None,
            emergency_dir: default_emergency_dir(),
            finished: false,
        };
        store.publish_whereabouts();
        store
    }

    /// Put emergency copies in `dir` instead of the user's data folder.
    pub fn set_emergency_dir(&mut self, dir: PathBuf) {
        self.emergency_dir = Some(dir);
    }

    pub fn header(&self) -> &Header {
        &self.header
    }

    pub fn journal_path(&self) -> &Path {
        &self.journal_path
    }

    /// How many changes this session holds (recovered ones included).
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// Record one change: kept in memory, and written to the journal at once. On an error the
    /// change is still kept and will be written by the next `record` or `sync`.
    pub fn record(&mut self, change: &Change) -> io::Result<()> {
        if self.finished {
            return Err(io::Error::other(
                "the meeting is closed; nothing more can be recorded",
            ));
        }
        self.lines.push(encode(change)?);
        self.write_pending()
    }

    /// Make everything durable: retry what could not be written, then fdatasync.
    pub fn sync(&mut self) -> io::Result<()> {
        if self.finished {
            return Ok(());
        }
        self.write_pending()?;
        if self.synced == self.lines.len() {
            // Nothing new: the tick while nobody types costs one `stat` (in `write_pending`).
            return Ok(());
        }
        let result = match self.journal.as_mut() {
            Some(j) => j.sync(),
            None => Err(io::Error::other("the journal is not open")),
        };
        match result {
            Ok(()) => {
                self.synced = self.written;
                if let Some(e) = self.emergency.as_mut().and_then(|e| e.file.as_mut()) {
                    let _ = e.sync();
                }
                Ok(())
            }
            Err(e) => {
                // After a failed fsync the kernel may have dropped the dirty pages: only a fresh,
                // complete copy of the journal can be trusted.
                self.journal = None;
                self.written = self.synced;
                self.fail(&e);
                Err(e)
            }
        }
    }

    pub fn health(&self) -> Health {
        match &self.failure {
            Some(f) => Health::Failing {
                since_change: f.since_change,
                emergency_copy: self.emergency_copy().map(Path::to_path_buf),
                error: f.error.clone(),
            },
            None if self.synced < self.lines.len() => Health::Unsynced,
            None => Health::Saved,
        }
    }

    /// How many changes are not yet safely on the disk in the case folder. (While failing, they
    /// may be in the emergency copy: see [`Health::Failing`].)
    pub fn unsaved(&self) -> usize {
        self.lines.len() - self.synced.min(self.lines.len())
    }

    /// The emergency copy, when one is complete up to the latest change.
    pub fn emergency_copy(&self) -> Option<&Path> {
        self.emergency
            .as_ref()
            .filter(|e| e.written == self.lines.len() && e.file.is_some())
            .map(|e| e.path.as_path())
    }

    /// After the meeting closed and its record was written: sync, then keep the journal as
    /// `.coregroup/closed/<meeting-id>.jsonl`. Returns where it went.
    pub fn finish(&mut self) -> io::Result<PathBuf> {
        self.sync()?;
        self.journal = None;
        // Everything is on the disk: nothing may re-create the journal once it is filed away.
        self.finished = true;
        let to = journal::finish(&self.case, &self.header.meeting_id)?;
        safety::set_whereabouts(None);
        // The record is in the case: a copy kept outside it while saving failed goes.
        self.emergency = None;
        if let Some(dir) = &self.emergency_dir {
            super::emergency_copies::remove_spent(&self.case, dir);
        }
        Ok(to)
    }

    /// Write every change not yet in the journal, re-creating the journal file if it was lost.
    fn write_pending(&mut self) -> io::Result<()> {
        match self.try_write_pending() {
            Ok(()) => {
                if self.failure.take().is_some() {
                    self.publish_whereabouts();
                }
                Ok(())
            }
            Err(e) => {
                self.fail(&e);
                Err(e)
            }
        }
    }

    fn try_write_pending(&mut self) -> io::Result<()> {
        if self.journal.as_ref().is_some_and(|j| !j.is_in_place()) {
            // Removed, moved or replaced under us: what we wrote is no longer where anyone looks.
            self.journal = None;
            self.written = 0;
            self.synced = 0;
        }
        let journal = match self.journal.as_mut() {
            Some(j) => j,
            None => {
                make_way(&self.journal_path)?;
                let j =
                    Journal::write_new(&self.journal_path, &self.header_line, &self.lines, true)?;
                j.register_for_panic();
                // `write_new` is atomic and synced: everything is on the disk.
                self.written = self.lines.len();
                self.synced = self.lines.len();
                self.journal.insert(j)
            }
        };
        while self.written < self.lines.len() {
            journal.append_line(&self.lines[self.written])?;
            self.written += 1;
        }
        Ok(())
    }

    fn fail(&mut self, e: &io::Error) {
        let since = self.written;
        match &mut self.failure {
            Some(f) => f.error = e.to_string(),
            None => {
                self.failure = Some(Failure {
                    since_change: since,
                    error: e.to_string(),
                })
            }
        }
        if let Err(e) = self.write_emergency()
            && let Some(f) = &mut self.failure
        {
            f.error = format!("{}; the emergency copy failed too: {e}", f.error);
        }
        self.publish_whereabouts();
    }

    /// Bring the emergency copy up to date: appended to while that works, else rewritten whole.
    fn write_emergency(&mut self) -> io::Result<()> {
        if self.emergency.is_none() {
            let dir = self
                .emergency_dir
                .clone()
                .ok_or_else(|| io::Error::other("there is no data folder for an emergency copy"))?;
            super::files::create_dir_private(&dir)?;
            let stem = format!(
                "{}-{}",
                file_safe(&self.header.case_reference),
                file_safe(&self.header.meeting_id)
            );
            // Never over an older copy: it may hold changes no journal has.
            let path = (1..)
                .map(|n| match n {
                    1 => dir.join(format!("{stem}.jsonl")),
                    n => dir.join(format!("{stem}-{n}.jsonl")),
                })
                .find(|p| !super::files::exists(p))
                .unwrap_or_else(|| dir.join(format!("{stem}.jsonl")));
            self.emergency = Some(Emergency {
                path,
                file: None,
                written: 0,
            });
        }
        let Some(em) = self.emergency.as_mut() else {
            return Ok(());
        };
        if let Some(file) = em.file.as_mut() {
            let mut result = Ok(());
            while em.written < self.lines.len() {
                result = file.append_line(&self.lines[em.written]);
                if result.is_err() {
                    break;
                }
                em.written += 1;
            }
            if result.is_ok() && file.is_in_place() {
                return Ok(());
            }
            em.file = None;
        }
        let file = Journal::write_new(&em.path, &self.header_line, &self.lines, true);
        match file {
            Ok(f) => {
                em.file = Some(f);
                em.written = self.lines.len();
                Ok(())
            }
            Err(e) => {
                em.written = 0;
                Err(e)
            }
        }
    }

    fn publish_whereabouts(&self) {
        safety::set_whereabouts(Some(Whereabouts {
            case: self.case.root().to_path_buf(),
            journal: self.journal_path.clone(),
            emergency_copy: self
                .emergency
                .as_ref()
                .filter(|e| e.file.is_some())
                .map(|e| e.path.clone()),
        }));
    }
}

impl Drop for MeetingStore {
    fn drop(&mut self) {
        // Best effort: whatever can still reach the disk should.
        if !self.finished {
            let _ = self.sync();
        }
    }
}

/// The folder for emergency copies: `$COREGROUP_DATA_DIR/emergency`, else the user's data folder.
pub fn default_emergency_dir() -> Option<PathBuf> {
    let base = match std::env::var_os(DATA_DIR_ENV).filter(|v| !v.is_empty()) {
        Some(dir) => PathBuf::from(dir),
        None => directories::ProjectDirs::from("uk", "coregroup", "coregroup")?
            .data_dir()
            .to_path_buf(),
    };
    Some(base.join("emergency"))
}

/// Remove an unfinished meeting's journal: the meeting was opened by mistake and is discarded
/// (the case log says so).
/// Its emergency copies go too, so nothing carries it on.
pub fn discard(case: &CaseFolder, header: &Header) -> io::Result<()> {
    super::files::remove_file(&Journal::path_in(case))?;
    super::files::sync_dir(&case.state_dir())?;
    if let Some(dir) = default_emergency_dir() {
        super::emergency_copies::remove_discarded(&dir, header);
    }
    Ok(())
}

/// An emergency copy holding more of a meeting on this case than the case folder does: the
/// newest record when the user left while saving was failing. With the case's journal, a copy
/// of the same meeting (same header) that holds every change the journal does and more; without
/// one, a copy of an unfinished meeting of the case (`reference`) that no journal kept in the
/// case holds (closed, set aside). The copy with the most changes wins.
pub fn newer_emergency_copy(
    case: &CaseFolder,
    reference: &str,
    journal: Option<&Recovered>,
    dir: &Path,
) -> Option<(PathBuf, Recovered)> {
    let stem = file_safe(journal.map_or(reference, |j| j.header.case_reference.as_str()));
    let kept = || kept_headers(case);
    let mut kept_cache: Option<Vec<Header>> = None;
    let mut best: Option<(PathBuf, Recovered)> = None;
    for entry in super::files::read_dir(dir).ok()? {
        let name = entry.name.to_string_lossy().into_owned();
        if !name.starts_with(&stem) || entry.kind != super::files::EntryKind::File {
            continue;
        }
        let Ok(copy) = journal::recover(&entry.path) else {
            continue;
        };
        let newer = match journal {
            Some(j) => {
                copy.header == j.header
                    && copy.changes.len() > j.changes.len()
                    && copy.changes.starts_with(&j.changes)
            }
            None => {
                let id = &copy.header.meeting_id;
                copy.header.case_reference == reference
                    && super::case::check_id(id).is_ok()
                    && !super::files::exists(&case.meeting_dir(id).join(super::case::MINUTES_FILE))
                    && !kept_cache.get_or_insert_with(kept).contains(&copy.header)
            }
        };
        if newer
            && best
                .as_ref()
                .is_none_or(|(_, b)| copy.changes.len() > b.changes.len())
        {
            best = Some((entry.path, copy));
        }
    }
    best
}

/// The headers of every journal kept in the case's `.coregroup/` (set aside, displaced, closed).
fn kept_headers(case: &CaseFolder) -> Vec<Header> {
    let dirs = [case.state_dir(), case.state_dir().join(journal::CLOSED_DIR)];
    dirs.iter()
        .filter_map(|d| super::files::read_dir(d).ok())
        .flatten()
        .filter(|e| e.name.to_string_lossy().ends_with(".jsonl"))
        .filter_map(|e| journal::recover(&e.path).ok())
        .map(|r| r.header)
        .collect()
}

/// Make `copy` (an emergency copy, see [`newer_emergency_copy`]) the case's journal, so the
/// meeting carries on from it. A journal already there is kept beside it, never deleted.
pub fn adopt_emergency_copy(case: &CaseFolder, copy: &Recovered) -> io::Result<()> {
    let path = Journal::path_in(case);
    super::files::create_dir_private(&case.state_dir())?;
    if super::files::exists(&path) {
        let aside = journal::free_name(&case.state_dir(), "journal-superseded", "jsonl");
        super::files::rename(&path, &aside)?;
    }
    let lines = copy
        .changes
        .iter()
        .map(encode)
        .collect::<io::Result<Vec<_>>>()?;
    Journal::write_new(&path, &encode(&copy.header)?, &lines, false).map(drop)
}

/// A regular file at the journal's path that is not ours is moved aside, never overwritten.
fn make_way(path: &Path) -> io::Result<()> {
    match super::files::symlink_metadata(path).map(|m| m.file_type()) {
        Ok(t) if t.is_file() || t.is_symlink() => {
            let dir = path.parent().unwrap_or(Path::new("."));
            let aside = journal::free_name(dir, "journal-displaced", "jsonl");
            super::files::rename(path, &aside)
        }
        Ok(_) => Err(io::Error::other(format!(
            "{} is in the way of the journal and is not a file",
            path.display()
        ))),
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            // Only `.coregroup` itself is re-made: if the whole case folder has gone, re-creating
            // it elsewhere would hide the meeting where nobody looks; the emergency copy takes over.
            let dir = path.parent().unwrap_or(Path::new("."));
            match super::files::metadata(dir) {
                Ok(m) if m.is_dir() => Ok(()),
                _ => super::files::create_one_dir_private(dir),
            }
        }
        Err(e) => Err(e),
    }
}
