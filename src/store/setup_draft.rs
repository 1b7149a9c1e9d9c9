//! The set-up of a new case kept while it is typed (`.coregroup/setup-draft.yaml`), so a crash
//! or a closed terminal loses nothing: written atomically and owner-only like every file of the
//! case, read back by `coregroup new DIR`, removed once the case is saved or the user discards
//! it. What it holds is the screen's business; here it is only stored.

use std::io;
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::case::{CaseFolder, write_yaml};
use super::files::{self, create_dir_private, remove_file, sync_dir};
use super::yaml::{self, LoadError};

pub const SETUP_DRAFT_FILE: &str = "setup-draft.yaml";

/// Where the set-up of the case at `dir` is kept.
pub fn path(dir: &Path) -> PathBuf {
    CaseFolder::at(dir).state_dir().join(SETUP_DRAFT_FILE)
}

/// Whether a set-up of `dir` was begun and not saved or discarded.
pub fn in_progress(dir: &Path) -> bool {
    files::exists(&path(dir))
}

/// Keep `draft` in place of the last one (the folder and `.coregroup` made 0700 if new).
pub fn keep<T: Serialize>(dir: &Path, draft: &T) -> io::Result<()> {
    create_dir_private(dir)?;
    create_dir_private(&CaseFolder::at(dir).state_dir())?;
    write_yaml(&path(dir), draft)
}

/// The set-up kept for `dir`, if there is one; a file that does not read is an error naming it.
pub fn read<T: DeserializeOwned>(dir: &Path) -> Result<Option<T>, LoadError> {
    let file = path(dir);
    if !files::exists(&file) {
        return Ok(None);
    }
    let bytes = yaml::read(&file)?;
    yaml::parse_bytes(&bytes, &file).map(Some).map_err(|mut e| {
        e.hint = format!(
            "{}; or remove {} to start the set-up again",
            e.hint,
            file.display()
        );
        e
    })
}

/// Remove the kept set-up, if any, durably. With `tidy`, `.coregroup` and then `dir` go too when
/// that leaves them empty (a set-up left unsaved leaves no trace of itself).
pub fn discard(dir: &Path, tidy: bool) -> io::Result<()> {
    let file = path(dir);
    let state = CaseFolder::at(dir).state_dir();
    match remove_file(&file) {
        Ok(()) => sync_dir(&state)?,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    if tidy && files::remove_dir(&state).is_ok() {
        // Not empty (the user's own files): kept, as it should be.
        let _ = files::remove_dir(dir);
    }
    Ok(())
}

/// After a set-up left unsaved and discarded: the lock's empty file, then `.coregroup` and
/// `dir` when that leaves them empty. Anything else in them stays.
pub fn remove_traces(dir: &Path) -> io::Result<()> {
    let state = CaseFolder::at(dir).state_dir();
    let lock = state.join(super::lock::LOCK_FILE);
    if files::symlink_metadata(&lock).is_ok_and(|m| m.is_file() && m.len() == 0) {
        remove_file(&lock)?;
    }
    if files::remove_dir(&state).is_ok() {
        let _ = files::remove_dir(dir);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_draft_is_kept_owner_only_read_back_and_discarded_with_the_folders_it_made() {
        use std::os::unix::fs::PermissionsExt;
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("new-case");
        assert_eq!(read::<Vec<String>>(&dir).unwrap(), None);
        keep(&dir, &vec!["typed".to_string()]).unwrap();
        assert!(in_progress(&dir));
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&path(&dir)), 0o600);
        assert_eq!(mode(&dir), 0o700);
        assert_eq!(mode(&dir.join(".coregroup")), 0o700);
        assert_eq!(
            read::<Vec<String>>(&dir).unwrap(),
            Some(vec!["typed".to_string()])
        );
        // Nothing else is left beside it.
        let names: Vec<_> = std::fs::read_dir(dir.join(".coregroup"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from(SETUP_DRAFT_FILE)]);
        discard(&dir, true).unwrap();
        assert!(!dir.exists());
    }

    #[test]
    fn a_draft_that_does_not_read_names_its_file_and_how_to_start_again() {
        let tmp = tempfile::tempdir().unwrap();
        keep(tmp.path(), &1).unwrap();
        std::fs::write(path(tmp.path()), "plan: [\n").unwrap();
        let e = read::<Vec<String>>(tmp.path()).unwrap_err().to_string();
        assert!(e.contains(SETUP_DRAFT_FILE), "{e}");
        assert!(e.contains("to start the set-up again"), "{e}");
        // Discarding keeps a folder that holds anything else.
        std::fs::write(tmp.path().join("notes.txt"), "mine").unwrap();
        discard(tmp.path(), true).unwrap();
        assert!(tmp.path().join("notes.txt").exists());
        assert!(!in_progress(tmp.path()));
    }
}
