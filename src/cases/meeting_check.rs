//! One validation path for a closed meeting's folder: `check` prints what [`check_meeting`]
//! finds, and `export` and `circulate` refuse a meeting it finds an error in ([`valid_meeting`]),
//! with the very same lines. So nothing uses a meeting `check` rejects: a record naming people
//! the case does not have, a folder named for another meeting, or a folder copied in from
//! another case.

use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use crate::cases::error::{CaseError, MeetingError};
use crate::domain::placeholders::placeholders;
use crate::domain::plan::Plan;
use crate::domain::validate::{Problem, Severity, same_case, validate, validate_meeting};
use crate::store::case::{MINUTES_FILE, PLAN_FILE, is_meeting_id};
use crate::store::meeting_files::MinutesFile;
use crate::store::yaml_sweep::further_errors;
use crate::store::{CaseFolder, LoadError, files, yaml};
use crate::text::sanitize;

/// One line `check` prints, and whether it is an error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub severity: Severity,
    pub line: String,
}

/// What checking a meeting's folder found, and the files it read.
#[derive(Debug, Default)]
pub struct MeetingReport {
    pub findings: Vec<Finding>,
    pub checked: Vec<PathBuf>,
}

impl MeetingReport {
    fn error(&mut self, line: String) {
        self.findings.push(Finding {
            severity: Severity::Error,
            line,
        });
    }

    fn problems(&mut self, file: &Path, problems: &[Problem]) {
        for p in problems {
            self.findings.push(Finding {
                severity: p.severity,
                line: problem_line(file, p),
            });
        }
    }

    /// A file that did not read: its first error, then every further one the sweep finds.
    fn unreadable<T: DeserializeOwned>(&mut self, e: &LoadError) {
        self.error(format!("error: {e}"));
        let bytes = yaml::read(&e.file).ok();
        let text = bytes.as_deref().and_then(|b| std::str::from_utf8(b).ok());
        for more in text
            .map(|t| further_errors::<T>(t, &e.file))
            .unwrap_or_default()
        {
            self.error(format!("error: {more}"));
        }
    }

    pub fn errors(&self) -> impl Iterator<Item = &str> {
        self.findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .map(|f| f.line.as_str())
    }
}

/// One problem of a file, as `check` prints it.
pub fn problem_line(file: &Path, p: &Problem) -> String {
    format!("{}: {p}", shown(file))
}

/// A path as the user's terminal can show it safely.
pub fn shown(path: &Path) -> String {
    sanitize(&path.display().to_string()).into_owned()
}

/// Check a meeting's folder: its name, its record and the plan it left, against the case's plan
/// (`None` when that does not read).
pub fn check_meeting(case: &CaseFolder, id: &str, case_plan: Option<&Plan>) -> MeetingReport {
    let mut r = MeetingReport::default();
    let dir = case.meeting_dir(id);
    let minutes = dir.join(MINUTES_FILE);
    if !is_meeting_id(id) {
        r.error(format!(
            "error: {}: this folder's name is not a meeting's id (a date, perhaps with -2)\n  \
             hint: rename the folder to the meeting's id, or move it out of meetings/",
            shown(&dir)
        ));
        return r;
    }
    let plan_path = dir.join(PLAN_FILE);
    let meeting_plan = if !files::exists(&plan_path) {
        // Meetings from before the case used coregroup may have no plan snapshot.
        r.findings.push(Finding {
            severity: Severity::Warning,
            line: format!(
                "warning: {}: the plan as this meeting left it is not kept here\n  hint: \
                 `coregroup export` cannot write this meeting's plan.md without it",
                shown(&plan_path)
            ),
        });
        None
    } else {
        match case.load_meeting_plan(id) {
            Ok(plan) => {
                let mut problems = validate(&plan);
                problems.extend(placeholders(&plan));
                problems.extend(case_plan.and_then(|c| same_case(c, &plan)));
                r.problems(&plan_path, &problems);
                r.checked.push(plan_path);
                Some(plan)
            }
            Err(e) => {
                r.error(format!("error: {e}"));
                r.checked.push(plan_path);
                None
            }
        }
    };
    match case.load_meeting(id) {
        Ok(meeting) => {
            let plans: Vec<&Plan> = meeting_plan.iter().chain(case_plan).collect();
            r.problems(&minutes, &validate_meeting(&meeting, id, &plans));
        }
        Err(e) => r.unreadable::<MinutesFile>(&e),
    }
    r.checked.push(minutes);
    r
}

/// Refuse a meeting that `check` finds an error in, with the lines `check` prints.
pub fn valid_meeting(case: &CaseFolder, id: &str) -> Result<(), CaseError> {
    let plan = case.load_plan().ok();
    let report = check_meeting(case, id, plan.as_ref());
    let errors: Vec<&str> = report.errors().collect();
    if errors.is_empty() {
        return Ok(());
    }
    Err(MeetingError::Problems {
        id: id.to_string(),
        lines: errors.iter().map(|e| e.to_string()).collect(),
        root: shown(case.root()),
    }
    .into())
}
