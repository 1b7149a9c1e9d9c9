//! Opening a case folder (refusing one that is not a case yet, and saying why) and reading what
//! it holds: the plan, through its parsed copy, and each meeting's record. Where each file lives
//! is `store::case`'s; everything in `store` may use that, and this reads through the plan's
//! parsed copy and the records' own file format, which use it too.

use std::path::Path;

use super::case::{CaseFolder, MINUTES_FILE, PLAN_FILE};
use super::files;
use super::meeting_files::MinutesFile;
use super::plan_cache::{self, PlanSource};
use super::yaml::{self, LoadError};
use super::{making, setup_draft};
use crate::domain::meeting::Meeting;
use crate::domain::plan::Plan;

impl CaseFolder {
    /// A case folder that must already hold a plan.
    pub fn open(root: &Path) -> Result<CaseFolder, LoadError> {
        // Confined first, as every case folder is, before anything below it is looked at.
        let case = CaseFolder::at(root);
        if !files::is_dir(root) {
            return Err(LoadError::new(
                root,
                "there is no such folder",
                "give the path of a case folder, or make one with `coregroup new DIR`",
            ));
        }
        let plan = case.plan_path();
        if !files::exists(&plan) && setup_draft::in_progress(root) {
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
        if making::cut_short(root) {
            let (message, hint) = making::cut_short_message(root);
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

    /// The case's plan (through the parsed copy in `.coregroup/` when it matches the file).
    pub fn load_plan(&self) -> Result<Plan, LoadError> {
        Ok(self.open_plan()?.0)
    }

    /// The case's plan and which bytes of `plan.yaml` it was read from, so closing a meeting
    /// can tell whether the file still holds the plan the meeting began with.
    pub fn open_plan(&self) -> Result<(Plan, PlanSource), LoadError> {
        plan_cache::load_plan(self)
    }

    /// The record of a closed meeting, from its `minutes.yaml`.
    pub fn load_meeting(&self, id: &str) -> Result<Meeting, LoadError> {
        let file: MinutesFile =
            yaml::load_within(&self.meeting_dir(id).join(MINUTES_FILE), self.root())?;
        Ok(file.meeting)
    }

    /// The plan as it stood after a meeting (kept in the meeting's folder).
    pub fn load_meeting_plan(&self, id: &str) -> Result<Plan, LoadError> {
        yaml::load_within(&self.meeting_dir(id).join(PLAN_FILE), self.root())
    }
}
