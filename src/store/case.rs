//! Where everything lives in a case folder:
//!
//! ```text
//! <case>/plan.yaml                    the current plan
//! <case>/meetings/<id>/minutes.yaml   the record of each meeting, and its documents
//! <case>/meetings/<id>/outbox/         the meeting's circulation pack
//! <case>/reports/                     the reports to the review conference
//! <case>/.coregroup/                  the live-meeting journal and lock (never circulated)
//! ```

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::files::{self, write_atomic};
use super::yaml;

pub const PLAN_FILE: &str = "plan.yaml";
pub const MINUTES_FILE: &str = "minutes.yaml";
/// In a meeting's folder: the plan as it stood when the meeting opened, so it stays
/// recoverable.
pub const PLAN_BEFORE_FILE: &str = "plan-before.yaml";
pub const MEETINGS_DIR: &str = "meetings";
pub const STATE_DIR: &str = ".coregroup";
/// In `.coregroup/`, while a close is under way: names the meeting being closed (see
/// `store::recovery`).
pub const CLOSING_FILE: &str = "closing.json";
pub const OUTBOX_DIR: &str = "outbox";
pub const REPORTS_DIR: &str = "reports";

/// A case folder: where each of its files lives. Opened with [`CaseFolder::open`] and read
/// (the plan, the meetings' records) in `store::opening`.
#[derive(Clone, Debug)]
pub struct CaseFolder {
    root: PathBuf,
}

impl CaseFolder {
    /// A case folder that may not exist yet (for `new`).
    pub fn at(root: &Path) -> CaseFolder {
        files::confine(root);
        CaseFolder {
            root: root.to_path_buf(),
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn plan_path(&self) -> PathBuf {
        self.root.join(PLAN_FILE)
    }

    pub fn meetings_dir(&self) -> PathBuf {
        self.root.join(MEETINGS_DIR)
    }

    pub fn meeting_dir(&self, id: &str) -> PathBuf {
        self.meetings_dir().join(id)
    }

    pub fn state_dir(&self) -> PathBuf {
        self.root.join(STATE_DIR)
    }

    /// Where a meeting's circulation pack is written.
    pub fn outbox_dir(&self, id: &str) -> PathBuf {
        self.meeting_dir(id).join(OUTBOX_DIR)
    }

    /// Where the reports to the review conference are written.
    pub fn reports_dir(&self) -> PathBuf {
        self.root.join(REPORTS_DIR)
    }

    /// The ids of the meetings recorded in the case, oldest first.
    pub fn meeting_ids(&self) -> std::io::Result<Vec<String>> {
        let dir = self.meetings_dir();
        if !files::exists(&dir) {
            return Ok(Vec::new());
        }
        // A folder whose record is there in any form counts, so a record that is a link out of
        // the case, or a folder, is refused when it is read rather than silently skipped.
        let mut ids: Vec<String> = files::read_dir(&dir)?
            .into_iter()
            .filter(|e| matches!(e.kind, files::EntryKind::Dir | files::EntryKind::Link))
            .filter(|e| files::exists(&e.path.join(MINUTES_FILE)))
            .filter_map(|e| e.name.into_string().ok())
            .collect();
        ids.sort_by_key(|a| meeting_sort_key(a));
        Ok(ids)
    }

    /// The id a new meeting on `date` gets: the date, or the date with `-2`, `-3`... when the
    /// folder is taken.
    pub fn new_meeting_id(&self, date: NaiveDate) -> String {
        let base = date.format("%Y-%m-%d").to_string();
        if !files::exists(&self.meeting_dir(&base)) {
            return base;
        }
        (2..)
            .map(|n| format!("{base}-{n}"))
            .find(|id| !files::exists(&self.meeting_dir(id)))
            .unwrap_or(base)
    }
}

/// Whether `id` can name a meeting's folder: one plain name of letters, digits, `-` and `_` (the
/// program makes `2026-10-20` and `2026-10-20-2`), never a path.
pub fn is_meeting_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// A meeting id that cannot name a meeting's folder.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` cannot name a meeting folder: use letters, digits and dashes, like 2026-11-24")]
pub struct BadMeetingId(pub String);

/// [`is_meeting_id`], with what to do when it is not.
pub(crate) fn check_id(id: &str) -> Result<(), BadMeetingId> {
    if is_meeting_id(id) {
        Ok(())
    } else {
        Err(BadMeetingId(id.to_string()))
    }
}

/// `2026-10-20-2` sorts after `2026-10-20` and before `2026-10-21`, and `-10` after `-9`.
fn meeting_sort_key(id: &str) -> (String, u32) {
    match id.get(10..).and_then(|rest| rest.strip_prefix('-')) {
        Some(n) => (id[..10].to_string(), n.parse().unwrap_or(u32::MAX)),
        None => (id.to_string(), 0),
    }
}

/// Serialize and write atomically, owner-only.
pub fn write_yaml<T: serde::Serialize>(path: &Path, value: &T) -> std::io::Result<()> {
    let text = yaml::to_string(value).map_err(std::io::Error::other)?;
    write_atomic(path, text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meetings_on_the_same_day_get_numbered_ids() {
        let dir = tempfile::tempdir().unwrap();
        let case = CaseFolder::at(dir.path());
        let date = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        assert_eq!(case.new_meeting_id(date), "2026-11-24");
        std::fs::create_dir_all(case.meeting_dir("2026-11-24")).unwrap();
        assert_eq!(case.new_meeting_id(date), "2026-11-24-2");
    }

    #[test]
    fn meeting_ids_sort_by_date_then_number() {
        let mut ids = vec!["2026-10-20-10", "2026-10-21", "2026-10-20-2", "2026-10-20"];
        ids.sort_by_key(|a| meeting_sort_key(a));
        assert_eq!(
            ids,
            ["2026-10-20", "2026-10-20-2", "2026-10-20-10", "2026-10-21"]
        );
    }

    #[test]
    fn a_folder_without_a_plan_is_not_a_case() {
        let dir = tempfile::tempdir().unwrap();
        let e = CaseFolder::open(dir.path()).unwrap_err();
        assert!(e.message.contains("not a case"));
        assert!(e.hint.contains("coregroup new"));
    }
}
