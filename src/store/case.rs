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
use super::plan_cache::Source;
use super::yaml::{self, LoadError};
use crate::domain::meeting::Meeting;
use crate::domain::plan::Plan;

pub const PLAN_FILE: &str = "plan.yaml";
pub const MINUTES_FILE: &str = "minutes.yaml";
pub const MEETINGS_DIR: &str = "meetings";
pub const STATE_DIR: &str = ".coregroup";
pub const OUTBOX_DIR: &str = "outbox";
pub const REPORTS_DIR: &str = "reports";

#[derive(Clone, Debug)]
pub struct CaseFolder {
    root: PathBuf,
}

impl CaseFolder {
    /// A case folder that must already hold a plan.
    pub fn open(root: &Path) -> Result<CaseFolder, LoadError> {
        files::confine(root);
        if !files::is_dir(root) {
            return Err(LoadError::new(
                root,
                "there is no such folder",
                "give the path of a case folder, or make one with `coregroup new DIR`",
            ));
        }
        let case = CaseFolder {
            root: root.to_path_buf(),
        };
        let plan = case.plan_path();
        if !files::exists(&plan) && super::setup_draft::in_progress(root) {
            return Err(LoadError::new(
                root,
                "this case is still being set up: its set-up was begun and not saved yet, so \
                 there is no plan.yaml",
                format!(
                    "go on with the set-up with `coregroup new {}` in a terminal, and save it",
                    root.display()
                ),
            ));
        }
        if super::making::cut_short(root) {
            let (message, hint) = super::making::cut_short_message(root);
            return Err(LoadError::new(root, message, hint));
        }
        if !files::exists(&plan) {
            return Err(LoadError::new(
                root,
                "this folder is not a case: it has no plan.yaml",
                "make a case with `coregroup new DIR` (add --example for a filled-in one)",
            ));
        }
        yaml::check_within(&plan, root)?;
        yaml::check_kind(&plan)?;
        Ok(case)
    }

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

    /// The case's plan (through the parsed copy in `.coregroup/` when it matches the file).
    pub fn load_plan(&self) -> Result<Plan, LoadError> {
        Ok(self.open_plan()?.0)
    }

    /// The case's plan and which bytes of `plan.yaml` it was read from, so closing a meeting
    /// can tell whether the file still holds the plan the meeting began with.
    pub fn open_plan(&self) -> Result<(Plan, Source), LoadError> {
        super::plan_cache::load_plan(self)
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
            .filter(|e| matches!(e.kind, files::Kind::Dir | files::Kind::Link))
            .filter(|e| files::exists(&e.path.join(MINUTES_FILE)))
            .filter_map(|e| e.name.into_string().ok())
            .collect();
        ids.sort_by_key(|a| meeting_sort_key(a));
        Ok(ids)
    }

    /// The record of a closed meeting, from its `minutes.yaml`.
    pub fn load_meeting(&self, id: &str) -> Result<Meeting, LoadError> {
        let file: super::meeting_files::MinutesFile =
            yaml::load_within(&self.meeting_dir(id).join(MINUTES_FILE), &self.root)?;
        Ok(file.meeting)
    }

    /// The plan as it stood after a meeting (kept in the meeting's folder).
    pub fn load_meeting_plan(&self, id: &str) -> Result<Plan, LoadError> {
        yaml::load_within(&self.meeting_dir(id).join(PLAN_FILE), &self.root)
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
