//! What was being typed in a case-screen form when its window closed
//! (`.coregroup/case-draft-<name>.yaml`, one file a form), so a closed window loses nothing: written
//! atomically and owner-only like every file of the case, read back by the next `coregroup case`
//! (or the caseload's), removed once the form is saved or the user drops it. A draft is never a
//! record: nothing here touches the plan or the log. What it holds is the screen's business;
//! here it is only stored.

use std::io;
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::case::{CaseFolder, write_yaml};
use super::files::{self, EntryKind, create_dir_private, remove_file, sync_dir};
use super::yaml::{self, LoadError};

const PREFIX: &str = "case-draft-";
const SUFFIX: &str = ".yaml";

/// Where the draft `name` of the case at `dir` is kept.
pub fn path(dir: &Path, name: &str) -> PathBuf {
    CaseFolder::at(dir)
        .state_dir()
        .join(format!("{PREFIX}{name}{SUFFIX}"))
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

/// Keep `draft` under `name` (in place of what it held), or under a new name; the name it went
/// under.
pub fn keep<T: Serialize>(dir: &Path, name: Option<&str>, draft: &T) -> io::Result<String> {
    create_dir_private(&CaseFolder::at(dir).state_dir())?;
    let name = name.map_or_else(|| new_name(dir), str::to_string);
    write_yaml(&path(dir, &name), draft)?;
    Ok(name)
}

/// One kept draft: its name, its file and what it holds, or why it does not read.
pub struct Kept<T> {
    pub name: String,
    pub file: PathBuf,
    pub draft: Result<T, LoadError>,
}

/// Every draft kept for the case at `dir`, oldest first; none when the case has none. A file
/// that does not read is given with its error (naming the file and how to be rid of it), never
/// left out.
pub fn read_all<T: DeserializeOwned>(dir: &Path) -> io::Result<Vec<Kept<T>>> {
    let state = CaseFolder::at(dir).state_dir();
    if !files::is_dir(&state) {
        return Ok(Vec::new());
    }
    let mut names: Vec<String> = files::read_dir(&state)?
        .into_iter()
        .filter(|e| e.kind == EntryKind::File)
        .filter_map(|e| {
            let n = e.name.to_str()?;
            Some(n.strip_prefix(PREFIX)?.strip_suffix(SUFFIX)?.to_string())
        })
        .collect();
    names.sort();
    Ok(names
        .into_iter()
        .map(|name| {
            let file = path(dir, &name);
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
            Kept { name, file, draft }
        })
        .collect())
}

/// Remove the draft `name`, durably; one already gone is no error.
pub fn discard(dir: &Path, name: &str) -> io::Result<()> {
    match remove_file(&path(dir, name)) {
        Ok(()) => sync_dir(&CaseFolder::at(dir).state_dir()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn drafts_are_kept_owner_only_each_in_its_own_file_read_back_oldest_first_and_removed() {
        use std::os::unix::fs::PermissionsExt;
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        assert!(read_all::<Vec<String>>(dir).unwrap().is_empty());
        let first = keep(dir, None, &vec!["a visit".to_string()]).unwrap();
        let second = keep(dir, None, &vec!["an action".to_string()]).unwrap();
        assert_ne!(
            first, second,
            "a second window's draft does not replace the first"
        );
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&path(dir, &first)), 0o600);
        assert_eq!(mode(&dir.join(".coregroup")), 0o700);
        // Kept again under its name: in place of what it held.
        keep(dir, Some(&first), &vec!["a visit, more".to_string()]).unwrap();
        let all = read_all::<Vec<String>>(dir).unwrap();
        let read: Vec<(String, Vec<String>)> = all
            .into_iter()
            .map(|k| (k.name, k.draft.unwrap()))
            .collect();
        assert_eq!(
            read,
            vec![
                (first.clone(), vec!["a visit, more".to_string()]),
                (second.clone(), vec!["an action".to_string()])
            ]
        );
        discard(dir, &first).unwrap();
        discard(dir, &first).unwrap();
        let left: Vec<String> = read_all::<Vec<String>>(dir)
            .unwrap()
            .into_iter()
            .map(|k| k.name)
            .collect();
        assert_eq!(left, vec![second]);
    }

    #[test]
    fn a_draft_that_does_not_read_is_listed_with_its_file_and_how_to_be_rid_of_it() {
        let tmp = tempfile::tempdir().unwrap();
        let name = keep(tmp.path(), None, &1).unwrap();
        std::fs::write(path(tmp.path(), &name), "[\n").unwrap();
        let all = read_all::<Vec<String>>(tmp.path()).unwrap();
        assert_eq!(all.len(), 1);
        let e = all[0].draft.as_ref().unwrap_err().to_string();
        assert!(e.contains(&format!("{PREFIX}{name}{SUFFIX}")), "{e}");
        assert!(e.contains("to be rid of what it kept"), "{e}");
    }
}
