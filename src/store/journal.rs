//! The journal of a meeting in progress: `<case>/.coregroup/journal.jsonl`, one JSON header line
//! then one JSON line per [`Change`], appended as the minute-taker works.
//!
//! Appending one line costs the same whatever the size of the case, and each append is a single
//! `write` straight to the file, so once it returns the words survive the process dying; `sync`
//! makes them survive the machine dying too. A crash can leave only the last line half-written:
//! [`recover`] drops that line and says so, and treats any other damage as an error with its line
//! number, because silently skipping a line would silently lose part of the minutes.
//!
//! A journal is never deleted: setting it aside renames it under a dated name, and closing the
//! meeting moves it to `.coregroup/closed/<meeting-id>.jsonl`.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, Local, NaiveDate};
use serde::{Deserialize, Serialize};

use super::case::CaseFolder;
use super::files::{create_dir_private, naming, read_limited_to, sync_dir, write_atomic};
use super::fingerprint::Fingerprint;
use super::yaml::LoadError;
use crate::domain::meeting::{Change, Draft, Meeting};
use crate::domain::plan::Plan;
use crate::domain::plan_edits::{PlanIds, Removed};

pub const JOURNAL_FILE: &str = "journal.jsonl";
pub const CLOSED_DIR: &str = "closed";
/// The journal format this program writes; a newer one is refused rather than misread.
pub const FORMAT_VERSION: u32 = 2;
/// Journals are our own files and grow with the meeting (a long meeting is a few MB); the limit
/// only stops a damaged or hostile file from exhausting memory, so it is far above any meeting.
pub const MAX_JOURNAL_BYTES: u64 = 1 << 30;

/// The first line of a journal: which meeting it rebuilds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Header {
    /// The format version; the field's name also marks the file as a coregroup journal.
    pub coregroup_journal: u32,
    pub meeting_id: String,
    pub agenda: String,
    pub meeting_date: NaiveDate,
    pub started_at: DateTime<FixedOffset>,
    pub case_reference: String,
    /// The bytes of the case's `plan.yaml` the meeting began with (format 2 on).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan_print: Option<Fingerprint>,
    /// What that plan held, so a resume after a hand edit can say what no longer applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan_ids: Option<PlanIds>,
}

impl Header {
    /// A header for a meeting starting now.
    pub fn new(
        meeting_id: impl Into<String>,
        agenda: impl Into<String>,
        meeting_date: NaiveDate,
        case_reference: impl Into<String>,
    ) -> Header {
        Header {
            coregroup_journal: FORMAT_VERSION,
            meeting_id: meeting_id.into(),
            agenda: agenda.into(),
            meeting_date,
            started_at: Local::now().fixed_offset(),
            case_reference: case_reference.into(),
            plan_print: None,
            plan_ids: None,
        }
    }

    /// The header of a meeting begun on `plan`, read from `plan.yaml` bytes with `print`.
    pub fn made_against(mut self, print: Fingerprint, plan: &Plan) -> Header {
        self.plan_print = Some(print);
        self.plan_ids = Some(PlanIds::of(plan));
        self
    }

    /// Whether `plan.yaml` (now with `print`) was edited since the meeting began. Unknown for
    /// journals that do not say.
    pub fn plan_edited(&self, print: Fingerprint) -> bool {
        self.plan_print.is_some_and(|p| p != print)
    }

    /// Refuse a journal that belongs to another case.
    pub fn check_case(&self, path: &Path, reference: &str) -> Result<(), LoadError> {
        if self.case_reference == reference {
            return Ok(());
        }
        Err(LoadError::new(
            path,
            format!(
                "this journal belongs to the case {}, not to this case ({reference})",
                self.case_reference
            ),
            "it was copied here from another case folder: move it back there, or set it aside \
             (move it out of .coregroup/) to start a new meeting",
        ))
    }
}

/// An open journal file, appended to.
#[derive(Debug)]
pub struct Journal {
    path: PathBuf,
    file: File,
    /// Bytes of whole lines in the file. A failed write is cut back to here before the next one,
    /// so a half-written line never ends up in the middle of the journal.
    len: u64,
    /// A write failed part-way and the file may hold a partial line past `len`.
    needs_cut: bool,
    /// Device and inode of the file we opened, to notice it being moved, removed or replaced.
    identity: (u64, u64),
}

impl Journal {
    /// Where a case's journal lives.
    pub fn path_in(case: &CaseFolder) -> PathBuf {
        case.state_dir().join(JOURNAL_FILE)
    }

    /// Start the journal of a new meeting. Refuses (`AlreadyExists`) when the case already has
    /// one: an unfinished meeting must be resumed or set aside, never overwritten.
    pub fn create(case: &CaseFolder, header: &Header) -> io::Result<Journal> {
        create_dir_private(&case.state_dir())?;
        let line = encode(header)?;
        let path = Journal::path_in(case);
        let journal = Journal::write_new(&path, &line, &[], false).map_err(naming(&path))?;
        journal.register_for_panic();
        Ok(journal)
    }

    /// Let the panic hook sync this file (see [`crate::store::safety::sync_journal_now`]).
    pub(crate) fn register_for_panic(&self) {
        crate::store::safety::note_journal_fd(Some(&self.file));
    }

    /// Write a complete journal (header and lines) at `path` in one atomic step and open it for
    /// appending. With `replace`, an existing file is replaced; otherwise it is an error.
    pub(crate) fn write_new(
        path: &Path,
        header_line: &str,
        lines: &[String],
        replace: bool,
    ) -> io::Result<Journal> {
        let mut contents = String::with_capacity(
            header_line.len() + 1 + lines.iter().map(|l| l.len() + 1).sum::<usize>(),
        );
        for line in std::iter::once(header_line).chain(lines.iter().map(String::as_str)) {
            contents.push_str(line);
            contents.push('\n');
        }
        if replace {
            write_atomic(path, contents.as_bytes())?;
        } else {
            // The header goes in through a temporary file, so a journal never exists without it.
            super::files::write_new(path, contents.as_bytes())?;
        }
        Journal::open_append(path, contents.len() as u64)
    }

    fn open_append(path: &Path, len: u64) -> io::Result<Journal> {
        // Made owner-only there, should it not be.
        let file = super::files::open_append(path)?;
        // The meeting holds its journal, not only the case's lock file: with that file deleted
        // by hand, a second `meeting` still cannot carry on (and fork) the same journal.
        // A lock seen for a moment only is not another meeting: a process forked elsewhere in
        // this one (a terminal, a helper program) holds copies of open files until it starts
        // its program, the file just written among them. A meeting holds its lock for hours.
        let mut tries = 0;
        loop {
            match file.try_lock() {
                Ok(()) => break,
                Err(std::fs::TryLockError::WouldBlock) if tries < 50 => {
                    tries += 1;
                    std::thread::sleep(std::time::Duration::from_millis(10));
                }
                Err(std::fs::TryLockError::WouldBlock) => return Err(held_error(path)),
                Err(std::fs::TryLockError::Error(e)) if e.kind() == io::ErrorKind::Unsupported => {
                    break;
                }
                Err(std::fs::TryLockError::Error(e)) => return Err(e),
            }
        }
        let identity = identity(&file.metadata()?);
        Ok(Journal {
            path: path.to_path_buf(),
            file,
            len,
            needs_cut: false,
            identity,
        })
    }

    /// Open an existing journal to carry on a meeting after [`recover`]: a torn last line is cut
    /// off (its bytes are kept beside the journal as `torn-tail-<time>.txt`), and a last line
    /// that lacks only its newline gets one.
    pub fn reopen(path: &Path, recovered: &Recovered) -> io::Result<Journal> {
        let mut journal = Journal::open_append(path, recovered.whole_len)?;
        let on_disk = journal.file.metadata()?.len();
        if on_disk < recovered.whole_len {
            return Err(io::Error::other(
                "the journal became shorter after it was read; open the meeting again",
            ));
        }
        if on_disk > recovered.whole_len {
            let bytes = super::files::read_limited_to(path, u64::MAX)?;
            let torn = bytes
                .get(recovered.whole_len as usize..)
                .unwrap_or_default();
            let aside = free_name(parent(path), "torn-tail", "txt");
            write_atomic(&aside, torn)?;
            journal.file.set_len(recovered.whole_len)?;
        }
        if recovered.missing_newline {
            journal.file.write_all(b"\n")?;
            journal.len += 1;
        }
        journal.file.sync_data()?;
        journal.register_for_panic();
        Ok(journal)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Append one change: serialized and handed to the kernel in one write, at once.
    pub fn append(&mut self, change: &Change) -> io::Result<()> {
        let line = encode(change)?;
        self.append_line(&line)
    }

    /// Append one line (without its newline; JSON escapes every newline inside it).
    pub(crate) fn append_line(&mut self, line: &str) -> io::Result<()> {
        if self.needs_cut {
            self.file.set_len(self.len)?;
            self.needs_cut = false;
        }
        let mut bytes = Vec::with_capacity(line.len() + 1);
        bytes.extend_from_slice(line.as_bytes());
        bytes.push(b'\n');
        if let Err(e) = self.file.write_all(&bytes) {
            // Part of the line may be in the file; cut it off now, or before the next write.
            self.needs_cut = self.file.set_len(self.len).is_err();
            return Err(e);
        }
        self.len += bytes.len() as u64;
        Ok(())
    }

    /// Make everything appended so far durable (fdatasync).
    pub fn sync(&mut self) -> io::Result<()> {
        self.file.sync_data()
    }

    /// Whether the journal's path still names the file we are writing. If the file was removed,
    /// moved or replaced, writes would go to a file nobody will find.
    pub fn is_in_place(&self) -> bool {
        super::files::symlink_metadata(&self.path)
            .is_ok_and(|m| m.is_file() && identity(&m) == self.identity)
    }

    /// The journal of an unfinished meeting on this case, if there is one.
    pub fn find(case: &CaseFolder) -> Option<PathBuf> {
        let path = Journal::path_in(case);
        super::files::exists(&path).then_some(path)
    }
}

fn held_error(path: &Path) -> io::Error {
    io::Error::new(
        io::ErrorKind::WouldBlock,
        format!(
            "{} is open in another coregroup, which is running this meeting\n  hint: carry on \
             there; the case's lock file may have been deleted, but the meeting still holds its \
             journal",
            path.display()
        ),
    )
}

/// Whether another process holds the journal at `path` (a meeting running on it). `Err` says so
/// as an error to show.
pub fn check_free(path: &Path) -> io::Result<()> {
    let file = super::files::open_append(path)?;
    match file.try_lock() {
        Ok(()) => Ok(()),
        Err(std::fs::TryLockError::WouldBlock) => Err(held_error(path)),
        Err(std::fs::TryLockError::Error(_)) => Ok(()),
    }
}

impl Drop for Journal {
    fn drop(&mut self) {
        crate::store::safety::forget_journal_fd(&self.file);
    }
}

/// What a journal holds.
#[derive(Clone, Debug, PartialEq)]
pub struct Recovered {
    pub header: Header,
    pub changes: Vec<Change>,
    /// The last line was cut short by a crash and has been left out.
    pub torn_tail: bool,
    /// Bytes of the file up to the end of the last whole line.
    whole_len: u64,
    /// The last line is whole but its newline was never written.
    missing_newline: bool,
}

/// Read a journal back. A torn last line is dropped and reported in `torn_tail`; any other line
/// that cannot be read is an error naming its line.
pub fn recover(path: &Path) -> Result<Recovered, LoadError> {
    let bytes = read_limited_to(path, MAX_JOURNAL_BYTES).map_err(|e| {
        LoadError::new(
            path,
            format!("the journal cannot be read: {e}"),
            "check the folder and the file's permissions; the journal has not been changed",
        )
    })?;
    parse(&bytes, path)
}

/// Parse journal bytes; `path` only names where they came from.
pub fn parse(bytes: &[u8], path: &Path) -> Result<Recovered, LoadError> {
    let damaged = |line: usize, column: usize, what: String| {
        LoadError::new(
            path,
            format!("line {line} of the journal cannot be read: {what}"),
            "the journal is left exactly as it is; keep a copy and ask for help restoring the \
             meeting from it, or set it aside to start again",
        )
        .at(line, column.max(1))
    };

    let mut lines = Lines { bytes, pos: 0 };
    let Some(first) = lines.next() else {
        return Err(LoadError::new(
            path,
            "the journal is empty",
            "nothing was recorded in it; set it aside to start the meeting again",
        ));
    };
    if !first.terminated {
        return Err(LoadError::new(
            path,
            "the journal's first line is incomplete",
            "nothing was recorded in it; set it aside to start the meeting again",
        )
        .at(1, 1));
    }
    let header = parse_header(first.text, path)?;

    let mut changes = Vec::new();
    let mut torn_tail = false;
    let mut whole_len = first.end as u64;
    let mut missing_newline = false;
    let mut number = 1;
    for line in lines {
        number += 1;
        if line.text.iter().all(u8::is_ascii_whitespace) {
            // Blank lines hold nothing; a crash can leave an unfinished empty one at the end.
            if line.terminated {
                whole_len = line.end as u64;
            }
            continue;
        }
        let parsed = std::str::from_utf8(line.text)
            .map_err(|e| (e.valid_up_to() + 1, "it is not valid UTF-8".to_string()))
            .and_then(|text| {
                serde_json::from_str::<Change>(text).map_err(|e| (e.column(), e.to_string()))
            });
        match parsed {
            Ok(change) => {
                changes.push(change);
                whole_len = line.end as u64;
                missing_newline = !line.terminated;
            }
            Err(_) if is_torn(&line, bytes) => {
                torn_tail = true;
                break;
            }
            Err((column, what)) => return Err(damaged(number, column, what)),
        }
    }
    Ok(Recovered {
        header,
        changes,
        torn_tail,
        whole_len,
        missing_newline,
    })
}

/// A bad line is the torn end of the journal when nothing but zero bytes and newlines follows it
/// (file systems can leave zeros where unsynced data was), and it is either unfinished or holds
/// such zeros itself.
fn is_torn(line: &Line, bytes: &[u8]) -> bool {
    let rest = bytes.get(line.end..).unwrap_or_default();
    rest.iter().all(|b| *b == 0 || *b == b'\n') && (!line.terminated || line.text.contains(&0))
}

fn parse_header(text: &[u8], path: &Path) -> Result<Header, LoadError> {
    #[derive(Deserialize)]
    struct Version {
        coregroup_journal: u32,
    }
    let not_journal = || {
        LoadError::new(
            path,
            "this is not a coregroup journal (its first line is not a journal header)",
            "the file has not been changed; set it aside to start the meeting again",
        )
        .at(1, 1)
    };
    let version: Version = serde_json::from_slice(text).map_err(|_| not_journal())?;
    if version.coregroup_journal > FORMAT_VERSION {
        return Err(LoadError::new(
            path,
            format!(
                "the journal was written by a newer coregroup (format {}, this one reads up to {})",
                version.coregroup_journal, FORMAT_VERSION
            ),
            "resume the meeting with the newer coregroup",
        )
        .at(1, 1));
    }
    let header: Header = serde_json::from_slice(text).map_err(|e| {
        LoadError::new(
            path,
            format!("the journal's header cannot be read: {e}"),
            "the file has not been changed; set it aside to start the meeting again",
        )
        .at(1, e.column().max(1))
    })?;
    // The id names the meeting's folder: one that is a path could write anywhere.
    if !super::case::is_meeting_id(&header.meeting_id) {
        return Err(LoadError::new(
            path,
            format!(
                "the journal's meeting id {:?} is not a meeting's name (a date, perhaps with -2)",
                header.meeting_id
            ),
            "the journal was not written by coregroup; move it out of .coregroup/ to start a new \
             meeting",
        )
        .at(1, 1));
    }
    Ok(header)
}

struct Line<'a> {
    text: &'a [u8],
    /// Offset just past the line, including its newline when it has one.
    end: usize,
    terminated: bool,
}

struct Lines<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Iterator for Lines<'a> {
    type Item = Line<'a>;

    fn next(&mut self) -> Option<Line<'a>> {
        let rest = self.bytes.get(self.pos..).filter(|r| !r.is_empty())?;
        let line = match rest.iter().position(|b| *b == b'\n') {
            Some(i) => Line {
                text: &rest[..i],
                end: self.pos + i + 1,
                terminated: true,
            },
            None => Line {
                text: rest,
                end: self.bytes.len(),
                terminated: false,
            },
        };
        self.pos = line.end;
        Some(line)
    }
}

/// Put an unfinished meeting's journal aside under a dated name, so a new meeting can start.
/// The file is kept, never deleted.
pub fn set_aside(case: &CaseFolder) -> io::Result<PathBuf> {
    let from = Journal::path_in(case);
    let to = free_name(&case.state_dir(), "journal-set-aside", "jsonl");
    super::files::rename(&from, &to)?;
    sync_dir(&case.state_dir())?;
    Ok(to)
}

/// After a meeting has closed and its record is written, keep its journal as
/// `.coregroup/closed/<meeting-id>.jsonl`.
pub fn finish(case: &CaseFolder, meeting_id: &str) -> io::Result<PathBuf> {
    let from = Journal::path_in(case);
    let closed = case.state_dir().join(CLOSED_DIR);
    create_dir_private(&closed)?;
    let base = file_safe(meeting_id);
    let to = (1..)
        .map(|n| match n {
            1 => closed.join(format!("{base}.jsonl")),
            n => closed.join(format!("{base}-{n}.jsonl")),
        })
        .find(|p| !super::files::exists(p))
        .unwrap_or_else(|| closed.join(format!("{base}.jsonl")));
    super::files::rename(&from, &to)?;
    sync_dir(&closed)?;
    sync_dir(&case.state_dir())?;
    Ok(to)
}

/// A meeting rebuilt from its journal.
#[derive(Clone, Debug, PartialEq)]
pub struct Replayed {
    pub draft: Draft,
    /// Changes the draft refused (the plan changed since, say), with their journal line.
    pub refused: Vec<RefusedChange>,
    /// What `plan.yaml` lost since the meeting began (by a hand edit), when the journal says.
    pub removed: Removed,
    /// What of the meeting was left out or changed because of that, once each, in order.
    pub no_longer_applies: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RefusedChange {
    /// The change's line in the journal (the header is line 1).
    pub line: usize,
    pub reason: String,
}

/// Rebuild a meeting in progress: a fresh meeting on `plan` (the case's plan as it was when the
/// meeting started), then every recovered change in order.
pub fn replay(plan: Plan, recovered: &Recovered) -> Replayed {
    let h = &recovered.header;
    let meeting = Meeting::new(
        h.meeting_id.clone(),
        h.agenda.clone(),
        h.meeting_date,
        &plan,
    );
    let removed = h
        .plan_ids
        .as_ref()
        .map(|ids| ids.removed_from(&plan))
        .unwrap_or_default();
    let mut draft = Draft::new(meeting, plan);
    let mut refused = Vec::new();
    let mut no_longer_applies: Vec<String> = Vec::new();
    for (i, change) in recovered.changes.iter().enumerate() {
        // Never brought back: an item deleted from the plan by hand stays deleted.
        let mut note = |what: String| {
            if !no_longer_applies.contains(&what) {
                no_longer_applies.push(what);
            }
        };
        if let Some(why) = removed.stale(change, &draft.plan) {
            note(why);
            continue;
        }
        let (change, refitted) = removed.refit(change.clone());
        if let Some(what) = refitted {
            note(what);
        }
        if let Err(r) = draft.apply(change) {
            refused.push(RefusedChange {
                line: i + 2,
                reason: r.0,
            });
        }
    }
    Replayed {
        draft,
        refused,
        removed,
        no_longer_applies,
    }
}

/// One JSON line. Our types always serialize; a failure is reported, never a panic.
pub(crate) fn encode<T: Serialize>(value: &T) -> io::Result<String> {
    serde_json::to_string(value).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
}

/// `<dir>/<stem>-2026-11-24T10-31-05.<ext>`, with `-2`, `-3`… if that name is taken.
pub(crate) fn free_name(dir: &Path, stem: &str, ext: &str) -> PathBuf {
    let stamp = Local::now().format("%Y-%m-%dT%H-%M-%S");
    (1..)
        .map(|n| match n {
            1 => dir.join(format!("{stem}-{stamp}.{ext}")),
            n => dir.join(format!("{stem}-{stamp}-{n}.{ext}")),
        })
        .find(|p| !super::files::exists(p))
        .unwrap_or_else(|| dir.join(format!("{stem}-{stamp}.{ext}")))
}

/// A name that is safe as one file-name component whatever a user typed as a reference.
pub(crate) fn file_safe(text: &str) -> String {
    let safe: String = text
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .take(80)
        .collect();
    if safe.is_empty() {
        "meeting".into()
    } else {
        safe
    }
}

fn parent(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

#[cfg(unix)]
fn identity(meta: &fs::Metadata) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    (meta.dev(), meta.ino())
}

#[cfg(not(unix))]
fn identity(_meta: &fs::Metadata) -> (u64, u64) {
    (0, 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::meeting::Change;

    /// A write that failed part-way leaves a partial line; the next append cuts it off first, so
    /// the journal holds whole lines only.
    #[test]
    fn a_half_written_line_is_cut_off_before_the_next_append() {
        let dir = tempfile::tempdir().unwrap();
        let case = CaseFolder::at(dir.path());
        let date = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        let mut j = Journal::create(&case, &Header::new("m", "core-group", date, "R")).unwrap();
        j.append(&Change::Step(1)).unwrap();
        // What a failed write could have left behind.
        let mut other = std::fs::OpenOptions::new()
            .append(true)
            .open(j.path())
            .unwrap();
        other.write_all(b"{\"step\":").unwrap();
        j.needs_cut = true;
        j.append(&Change::Step(2)).unwrap();
        let r = recover(j.path()).unwrap();
        assert_eq!(r.changes, vec![Change::Step(1), Change::Step(2)]);
        assert!(!r.torn_tail);
    }

    #[test]
    fn file_names_from_user_text_are_one_safe_component() {
        assert_eq!(file_safe("CP/2026/../0417"), "CP_2026____0417");
        assert_eq!(file_safe(""), "meeting");
        assert_eq!(file_safe("\u{1b}[2J"), "__2J");
    }
}
