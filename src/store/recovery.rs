//! Finishing what a crash interrupted, from what is on disk.
//!
//! Closing a meeting rolls forward. Its folder is written first (every document, the plan it
//! left, the plan before); then `.coregroup/closing.json` names the meeting; then `minutes.yaml`
//! is renamed into place (the meeting is closed from here on), then the case's `plan.yaml`; then
//! `closing.json` is removed and the journal is filed away. So whatever a crash leaves:
//!
//! - `closing.json` and no `minutes.yaml`: the close never happened; the marker goes and the
//!   meeting resumes from its journal.
//! - `closing.json` and `minutes.yaml`: the case's plan may be the old one; it is replaced by the
//!   meeting folder's `plan.yaml` (written and synced before the marker), then the rest follows.
//! - a journal whose meeting has `minutes.yaml` and no marker: only the filing away is left.
//!
//! Commands that open a case call [`finish`] while holding the case's lock; `check` only asks
//! [`unfinished_close`]. Both also deal with temporary files a crash left (they can hold the
//! whole minutes): [`finish`] removes them.

use super::StoreError;
use super::error::Cause;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::case::{CLOSING_FILE, CaseFolder, MINUTES_FILE, PLAN_BEFORE_FILE, PLAN_FILE};
use super::files::{self, read_limited, remove_file, sync_dir, write_atomic};
use super::fingerprint::Fingerprint;
use super::journal::{self, Journal};
use super::plan_write::{Chosen, OnConflict, PlanWrite, write_plan_held};
use super::yaml;

use super::temporary::remove_temporary_files;
use crate::domain::plan::Plan;

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct CloseMarker {
    meeting_id: String,
    /// The case's `plan.yaml` as the meeting read it: while the file holds those bytes it is
    /// replaced; else the meeting's changes are merged into it (markers from before this was
    /// kept: the plan before the meeting is compared instead).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    expect: Option<Fingerprint>,
    /// What the chair chose where plan.yaml had changed in the same place, so a close finished
    /// after a crash writes what the chair chose (markers from before this was kept: nothing).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    chosen: Option<Chosen>,
}

fn marker_path(case: &CaseFolder) -> PathBuf {
    case.state_dir().join(CLOSING_FILE)
}

/// Say that the meeting `id` is being closed: written before its record is put in place.
pub fn begin_close(
    case: &CaseFolder,
    id: &str,
    expect: Option<Fingerprint>,
    chosen: Option<&Chosen>,
) -> io::Result<()> {
    super::files::create_dir_private(&case.state_dir())?;
    let json = serde_json::to_vec(&CloseMarker {
        meeting_id: id.to_string(),
        expect,
        chosen: chosen.cloned(),
    })
    .map_err(io::Error::other)?;
    write_atomic(&marker_path(case), &json)
}

/// The case's plan is the meeting's: the close needs no finishing any more.
pub fn end_close(case: &CaseFolder) -> io::Result<()> {
    remove_file(&marker_path(case))?;
    sync_dir(&case.state_dir())
}

/// Whether a close has put its record in place but not yet the case's plan (or not yet said
/// so): the next command on the case finishes it.
pub fn plan_pending(case: &CaseFolder) -> bool {
    files::exists(&marker_path(case))
}

fn read_marker(case: &CaseFolder) -> Result<Option<CloseMarker>, StoreError> {
    let path = marker_path(case);
    if !files::exists(&path) {
        return Ok(None);
    }
    let unreadable = |reason: Cause| StoreError::Marker {
        path: path.clone(),
        reason,
    };
    let bytes = read_limited(&path).map_err(|e| unreadable(e.into()))?;
    let closing: CloseMarker = serde_json::from_slice(&bytes).map_err(|e| unreadable(e.into()))?;
    super::case::check_id(&closing.meeting_id).map_err(|e| unreadable(e.into()))?;
    Ok(Some(closing))
}

fn is_closed(case: &CaseFolder, id: &str) -> bool {
    super::case::check_id(id).is_ok() && files::is_file(&case.meeting_dir(id).join(MINUTES_FILE))
}

/// The id of the unfinished meeting's journal, when it can be read.
fn journal_meeting(case: &CaseFolder) -> Option<String> {
    let path = Journal::find(case)?;
    journal::recover(&path).ok().map(|r| r.header.meeting_id)
}

/// A meeting whose record is written but whose close was cut short, and what is left to do;
/// `None` when there is none. For `check`, which changes nothing.
pub fn unfinished_close(case: &CaseFolder) -> Result<Option<(String, &'static str)>, StoreError> {
    if let Some(closing) = read_marker(case)?
        && is_closed(case, &closing.meeting_id)
    {
        return Ok(Some((
            closing.meeting_id,
            "the case's plan.yaml may not have been updated from it",
        )));
    }
    Ok(journal_meeting(case)
        .filter(|id| is_closed(case, id))
        .map(|id| (id, "its journal was not filed away")))
}

/// Finish whatever a crash left half-done on the case (the caller holds its `lock`). Returns one
/// line for each thing done, to show the user.
pub fn finish(case: &CaseFolder) -> Result<Vec<String>, StoreError> {
    let mut notices = Vec::new();
    let io = |what: &Path, error: io::Error| StoreError::At {
        path: what.to_path_buf(),
        error,
    };
    if let Some(closing) = read_marker(case)? {
        let id = closing.meeting_id;
        if is_closed(case, &id) {
            let said = roll_forward(case, &id, closing.expect, closing.chosen)?;
            if journal_meeting(case).as_deref() == Some(id.as_str()) {
                journal::finish(case, &id).map_err(|e| io(&case.state_dir(), e))?;
            }
            end_close(case).map_err(|e| io(&marker_path(case), e))?;
            notices.push(match said {
                Some(merged) => {
                    format!("Finished closing the meeting {id}, which was interrupted. {merged}")
                }
                None => format!(
                    "Finished closing the meeting {id}, which was interrupted: the case's plan is \
                     now the plan it left."
                ),
            });
        } else {
            // Nothing of the close is in place: the meeting is still open in its journal.
            end_close(case).map_err(|e| io(&marker_path(case), e))?;
        }
    }
    if let Some(id) = journal_meeting(case).filter(|id| is_closed(case, id)) {
        journal::finish(case, &id).map_err(|e| io(&case.state_dir(), e))?;
        notices.push(format!(
            "Filed away the journal of the meeting {id}, which had closed."
        ));
    }
    if let Some(dir) = super::meeting_store::default_emergency_dir() {
        let n = super::emergency_copies::remove_spent(case, &dir).len();
        if n > 0 {
            notices.push(format!(
                "Removed {n} emergency cop{} of meetings now closed and kept in the case.",
                if n == 1 { "y" } else { "ies" }
            ));
        }
    }
    if super::making::left_over(case.root()) {
        // The example case was made whole; only its marker was left.
        super::making::end(case).map_err(|e| io(case.root(), e))?;
    }
    let removed = remove_temporary_files(case).len();
    if removed > 0 {
        notices.push(format!(
            "Removed {removed} temporary file{} left by an interrupted write.",
            if removed == 1 { "" } else { "s" }
        ));
    }
    Ok(notices)
}

/// Make the closed meeting `id`'s plan the case's plan, merged with any change made to
/// `plan.yaml` since the meeting read it; what to say of the merge, if anything.
fn roll_forward(
    case: &CaseFolder,
    id: &str,
    expect: Option<Fingerprint>,
    chosen: Option<Chosen>,
) -> Result<Option<String>, StoreError> {
    let cannot = |reason: Cause| StoreError::Unfinished {
        id: id.to_string(),
        reason,
    };
    let dir = case.meeting_dir(id);
    let from = dir.join(PLAN_FILE);
    // Written and synced before the marker; loading it proves it whole.
    let ours = yaml::load::<Plan>(&from).map_err(|e| cannot(e.into()))?;
    let text = read_limited(&from).map_err(|e| cannot(e.into()))?;
    let text = String::from_utf8(text).map_err(|e| cannot(e.into()))?;
    let before_path = dir.join(PLAN_BEFORE_FILE);
    let (base, before_print) = if files::exists(&before_path) {
        let bytes = read_limited(&before_path).map_err(|e| cannot(e.into()))?;
        let plan = yaml::parse_bytes::<Plan>(&bytes, &before_path).map_err(|e| cannot(e.into()))?;
        (plan, Some(Fingerprint::of(&bytes)))
    } else {
        (ours.clone(), None)
    };
    let written = write_plan_held(
        case,
        PlanWrite {
            base: &base,
            read: expect.or(before_print),
            ours: &ours,
            text: Some(&text),
            staged: None,
            on_conflict: OnConflict::KeepBoth {
                label: id.to_string(),
                from: format!("the meeting {id}"),
                chosen,
            },
            check: None,
        },
    )
    .map_err(|e| cannot(e.into()))?;
    Ok(written.notice())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_marker_that_does_not_read_is_named_with_what_is_wrong_and_what_to_do() {
        let dir = tempfile::tempdir().unwrap();
        let case = CaseFolder::at(dir.path());
        files::create_dir_private(&case.state_dir()).unwrap();
        let path = marker_path(&case);
        for (text, why) in [
            ("not json", "expected ident"),
            ("{\"meeting_id\": \"../x\"}", "cannot name a meeting folder"),
        ] {
            std::fs::write(&path, text).unwrap();
            let e = unfinished_close(&case).unwrap_err();
            let StoreError::Marker { path: named, .. } = &e else {
                panic!("{e:?}");
            };
            assert_eq!(named, &path);
            let said = e.to_string();
            assert!(
                said.starts_with(&format!("{} cannot be read (", path.display())),
                "{said}"
            );
            assert!(said.contains(why), "{said}");
            assert!(
                said.ends_with(
                    ")\n  hint: it says which meeting was being closed; if you know the close \
                     finished, delete it"
                ),
                "{said}"
            );
        }
    }
}
