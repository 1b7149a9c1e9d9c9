//! What is being typed in a case-screen form (`.coregroup/case-draft-<name>.yaml`, one file a
//! form), so a closed window loses nothing: written atomically and owner-only like every file of
//! the case, read back by the next `coregroup case` (or the caseload's), removed once the form
//! is saved or the user drops it. A draft is never a record: nothing here touches the plan or
//! the log. What it holds is the screen's business; here it is only stored.
//!
//! The screen that has a draft open holds its [`Claim`] (a lock the kernel lets go of when the
//! process ends, on `case-draft-<name>.lock`), so a second window on the same case leaves it be
//! while the first is still writing it.

use std::io;
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::case::{CaseFolder, write_yaml};
use super::files::{self, EntryKind, create_dir_private, remove_file, sync_dir};
use super::yaml::{self, LoadError};

const PREFIX: &str = "case-draft-";
const SUFFIX: &str = ".yaml";
const LOCK_SUFFIX: &str = ".lock";

/// Where the draft `name` of the case at `dir` is kept.
pub fn path(dir: &Path, name: &str) -> PathBuf {
    CaseFolder::at(dir)
        .state_dir()
        .join(format!("{PREFIX}{name}{SUFFIX}"))
}

fn lock_path(dir: &Path, name: &str) -> PathBuf {
    CaseFolder::at(dir)
        .state_dir()
        .join(format!("{PREFIX}{name}{LOCK_SUFFIX}"))
}

/// A draft held open by this process: no other screen puts it back meanwhile. Let go when
/// dropped, or when the process ends however it ends.
#[derive(Debug)]
pub struct Claim {
    _lock: std::fs::File,
}

/// The draft `name` claimed for this process; `None` while another holds it.
fn claim(dir: &Path, name: &str) -> io::Result<Option<Claim>> {
    let file = files::open_lock_file(&lock_path(dir, name))?;
    match file.try_lock() {
        Ok(()) => Ok(Some(Claim { _lock: file })),
        Err(std::fs::TryLockError::WouldBlock) => Ok(None),
        Err(std::fs::TryLockError::Error(e)) => Err(e),
    }
}

/// A name no other draft of this case has: the time to the nanosecond, and this process.
fn new_name(dir: &Path) -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    let base = format!("{:020}-{}", now.as_nanos(), std::process::id());
    let mut name = base.clone();
    let mut n = 1;
    while files::exists(&path(dir, &name)) {
        n += 1;
        name = format!("{base}-{n}");
    }
    name
}

/// Keep `draft` in place of the draft `name` this process claimed; the name.
pub fn keep<T: Serialize>(dir: &Path, name: &str, draft: &T) -> io::Result<()> {
    write_yaml(&path(dir, name), draft)
}

/// Keep `draft` under a new name, claimed for this process: the name and the claim to hold
/// while the form is open.
pub fn keep_new<T: Serialize>(dir: &Path, draft: &T) -> io::Result<(String, Claim)> {
    create_dir_private(&CaseFolder::at(dir).state_dir())?;
    let name = new_name(dir);
    let claimed = claim(dir, &name)?
        .ok_or_else(|| io::Error::other(format!("the draft {name} is held by another")))?;
    write_yaml(&path(dir, &name), draft)?;
    Ok((name, claimed))
}

/// One kept draft, claimed for this process: its name, its file and what it holds, or why it
/// does not read.
pub struct ClaimedDraft<T> {
    pub name: String,
    pub file: PathBuf,
    pub draft: Result<T, LoadError>,
    pub claim: Claim,
}

/// Every draft kept for the case at `dir` and held by no other process, oldest first, each
/// claimed for this one; none when the case has none. A file that does not read is given with
/// its error (naming the file and how to be rid of it), never left out.
pub fn read_all<T: DeserializeOwned>(dir: &Path) -> io::Result<Vec<ClaimedDraft<T>>> {
    let state = CaseFolder::at(dir).state_dir();
    if !files::is_dir(&state) {
        return Ok(Vec::new());
    }
    let entries = files::read_dir(&state)?;
    let named = |suffix: &str| -> Vec<String> {
        entries
            .iter()
            .filter(|e| e.kind == EntryKind::File)
            .filter_map(|e| {
                let n = e.name.to_str()?;
                Some(n.strip_prefix(PREFIX)?.strip_suffix(suffix)?.to_string())
            })
            .collect()
    };
    let mut names = named(SUFFIX);
    names.sort();
    // A lock with no draft beside it: its writer ended before writing one. Gone unless held.
    for name in named(LOCK_SUFFIX) {
        if !names.contains(&name)
            && let Some(_held) = claim(dir, &name)?
        {
            remove_file(&lock_path(dir, &name))?;
        }
    }
    let mut out = Vec::new();
    for name in names {
        // Open in another window: its screen keeps it.
        let Some(claim) = claim(dir, &name)? else {
            continue;
        };
        let file = path(dir, &name);
        // Saved or dropped in another window a moment ago.
        if !files::exists(&file) {
            continue;
        }
        let draft = yaml::read(&file)
            .and_then(|bytes| yaml::parse_bytes(&bytes, &file))
            .map_err(|mut e| {
                e.hint = format!(
                    "{}; or remove {} to be rid of what it kept",
                    e.hint,
                    file.display()
                );
                e
            });
        out.push(ClaimedDraft {
            name,
            file,
            draft,
            claim,
        });
    }
    Ok(out)
}

/// Remove the draft `name` this process claimed, durably, and its lock; one already gone is
/// no error. The claim is let go by dropping it after.
pub fn discard(dir: &Path, name: &str) -> io::Result<()> {
    for file in [lock_path(dir, name), path(dir, name)] {
        match remove_file(&file) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
    }
    sync_dir(&CaseFolder::at(dir).state_dir())
}

#[cfg(test)]
mod tests {
    use super::*;

    // Used by the test of owner-only files, which is Unix's.
    #[cfg(unix)]
    fn names(dir: &Path) -> Vec<(String, Vec<String>)> {
        read_all::<Vec<String>>(dir)
            .unwrap()
            .into_iter()
            .map(|k| (k.name, k.draft.unwrap()))
            .collect()
    }

    #[cfg(unix)]
    #[test]
    fn drafts_are_kept_owner_only_each_in_its_own_file_read_back_oldest_first_and_removed() {
        use std::os::unix::fs::PermissionsExt;
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        assert!(read_all::<Vec<String>>(dir).unwrap().is_empty());
        let (first, held) = keep_new(dir, &vec!["a visit".to_string()]).unwrap();
        let (second, _) = keep_new(dir, &vec!["an action".to_string()]).unwrap();
        assert_ne!(
            first, second,
            "a second window's draft does not replace the first"
        );
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&path(dir, &first)), 0o600);
        assert_eq!(mode(&dir.join(".coregroup")), 0o700);
        // Kept again under its name: in place of what it held.
        keep(dir, &first, &vec!["a visit, more".to_string()]).unwrap();
        drop(held);
        assert_eq!(
            names(dir),
            vec![
                (first.clone(), vec!["a visit, more".to_string()]),
                (second.clone(), vec!["an action".to_string()])
            ]
        );
        discard(dir, &first).unwrap();
        discard(dir, &first).unwrap();
        assert_eq!(names(dir), vec![(second, vec!["an action".to_string()])]);
        let left: Vec<String> = std::fs::read_dir(dir.join(".coregroup"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains(&first))
            .collect();
        assert!(left.is_empty(), "{left:?}");
    }

    #[test]
    fn a_draft_held_open_by_a_screen_is_left_to_it_and_read_once_let_go() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        let (name, held) = keep_new(dir, &vec!["typing".to_string()]).unwrap();
        // The screen typing it is still open (a claim of another process is the same lock).
        assert!(read_all::<Vec<String>>(dir).unwrap().is_empty());
        drop(held);
        let all = read_all::<Vec<String>>(dir).unwrap();
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].name, name);
        // Now claimed by that reader: a second reader leaves it.
        assert!(read_all::<Vec<String>>(dir).unwrap().is_empty());
    }

    #[test]
    fn a_lock_left_with_no_draft_beside_it_is_removed_unless_held() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        let (name, held) = keep_new(dir, &1).unwrap();
        std::fs::remove_file(path(dir, &name)).unwrap();
        assert!(read_all::<u32>(dir).unwrap().is_empty());
        assert!(lock_path(dir, &name).exists(), "held: left to its writer");
        drop(held);
        assert!(read_all::<u32>(dir).unwrap().is_empty());
        assert!(!lock_path(dir, &name).exists());
    }

    #[test]
    fn a_draft_that_does_not_read_is_listed_with_its_file_and_how_to_be_rid_of_it() {
        let tmp = tempfile::tempdir().unwrap();
        let (name, held) = keep_new(tmp.path(), &1).unwrap();
        drop(held);
        std::fs::write(path(tmp.path(), &name), "[\n").unwrap();
        let all = read_all::<Vec<String>>(tmp.path()).unwrap();
        assert_eq!(all.len(), 1);
        let e = all[0].draft.as_ref().unwrap_err().to_string();
        assert!(e.contains(&format!("{PREFIX}{name}{SUFFIX}")), "{e}");
        assert!(e.contains("to be rid of what it kept"), "{e}");
    }
}
