//! The temporary files coregroup writes beside its own (`.stage…`, every one 0600 from
//! creation): where they are, how they are told from the case's files, and removing those a
//! crash left (never one its writer still holds locked).

use std::path::PathBuf;

use super::case::{CaseFolder, OUTBOX_DIR};
use super::files::{self, EntryKind, TEMP_PREFIX, remove_if_abandoned, sync_dir};
use super::journal::CLOSED_DIR;

/// The folders coregroup writes temporary files in: the case folder, `.coregroup/` and its
/// `closed/`, each meeting's folder and its `outbox/`, and `reports/`.
fn our_folders(case: &CaseFolder) -> Vec<PathBuf> {
    let mut dirs = vec![
        case.root().to_path_buf(),
        case.state_dir(),
        case.state_dir().join(CLOSED_DIR),
        case.reports_dir(),
    ];
    if let Ok(entries) = files::read_dir(&case.meetings_dir()) {
        for e in entries.into_iter().filter(|e| e.kind == EntryKind::Dir) {
            dirs.push(e.path.join(OUTBOX_DIR));
            dirs.push(e.path);
        }
    }
    dirs
}

/// Whether a file name is one of our temporary files: `.stage…`, or what earlier versions left
/// (`.journal-…`, `.lock-…`, and `.<file>.XXXXXX` beside one of our files).
pub fn is_temporary(name: &str) -> bool {
    if [TEMP_PREFIX, ".journal-", ".lock-"]
        .iter()
        .any(|p| name.starts_with(p))
    {
        return true;
    }
    let Some((base, suffix)) = name.strip_prefix('.').and_then(|n| n.rsplit_once('.')) else {
        return false;
    };
    suffix.len() == 6
        && suffix.chars().all(|c| c.is_ascii_alphanumeric())
        && [".yaml", ".md", ".html", ".ics", ".json", ".jsonl", ".txt"]
            .iter()
            .any(|ext| base.ends_with(ext))
}

/// The temporary files a crash left in the case (and the temporary folders a circulation
/// stages its pack in): never through a link. A file another command is still writing is
/// listed too; [`remove_temporary_files`] leaves it alone.
pub fn temporary_files(case: &CaseFolder) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for dir in our_folders(case) {
        let Ok(entries) = files::read_dir(&dir) else {
            continue;
        };
        for e in entries {
            let name = e.name.to_string_lossy();
            let ours = match e.kind {
                EntryKind::File => is_temporary(&name),
                EntryKind::Dir => name.starts_with(TEMP_PREFIX),
                _ => false,
            };
            if ours {
                found.push(e.path);
            }
        }
    }
    found.sort();
    found
}

/// Remove the temporary files a crash left; the ones that went. A file another command is still
/// writing (it holds the file's lock) is left to it; one that cannot be removed stays for the
/// next command.
pub fn remove_temporary_files(case: &CaseFolder) -> Vec<PathBuf> {
    let mut removed = Vec::new();
    let mut touched = Vec::new();
    for path in temporary_files(case) {
        if remove_if_abandoned(&path).unwrap_or(false) {
            if let Some(dir) = path.parent()
                && !touched.iter().any(|d: &PathBuf| d == dir)
            {
                touched.push(dir.to_path_buf());
            }
            removed.push(path);
        }
    }
    for dir in touched {
        let _ = sync_dir(&dir);
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporary_files_are_told_from_the_case_files() {
        for name in [
            ".stageAb12Cd",
            ".journal-x1",
            ".lock-9",
            ".minutes.md.aB3xY9",
            ".plan.yaml.000000",
        ] {
            assert!(is_temporary(name), "{name}");
        }
        for name in [
            "plan.yaml",
            ".coregroup",
            ".minutes.md",
            ".notes.txt.bak",
            ".minutes.md.toolong7",
            "stage",
        ] {
            assert!(!is_temporary(name), "{name}");
        }
    }
}
