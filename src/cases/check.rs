//! Checking a case folder, a plan, an agenda, a keymap or the council's settings, listing every
//! problem as a [`Report`]: what `coregroup check` prints. The commands that use a case refuse
//! its plan through [`crate::cases::open_case::checked_plan`], with the very lines this finds, so
//! what `check` rejects nothing else accepts.

use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use crate::cases::meeting_check::{self, Finding, problem_line, shown};
use crate::domain::placeholders::placeholders;
use crate::domain::plan::Plan;
use crate::domain::validate::{Problem, Severity, validate};
use crate::store::calendar_files::{self, load_calendar_warning};
use crate::store::keymap_file::KeymapFile;
use crate::store::yaml_sweep::further_errors;
use crate::store::{CaseFolder, LoadError, case_log, files, recovery, temporary, yaml};
use crate::text::sanitize;

/// How a keymap file is judged. Its keys are the screens' (`tui::keymap`), which this layer does
/// not import, so the command hands them in.
pub struct Keys<'a> {
    /// The top-level keys a keymap file has: the screens' modes.
    pub modes: &'a [&'a str],
    /// The screens' error, kept whole, when the file's keys do not make a keymap.
    pub check: &'a dyn Fn(&KeymapFile) -> Result<(), KeysRefused>,
}

/// Why the screens refuse a keymap file's keys, in their words: their error kept whole.
pub type KeysRefused = Box<dyn std::error::Error + Send + Sync>;

/// Everything a check found, each finding a line as it is shown (its file, line and column where
/// known, and its hint on a line of its own), in the order found; and the files it read.
#[derive(Debug, Default)]
pub struct Report {
    pub findings: Vec<Finding>,
    pub checked: Vec<PathBuf>,
}

impl Report {
    pub fn errors(&self) -> usize {
        self.count(Severity::Error)
    }

    pub fn warnings(&self) -> usize {
        self.count(Severity::Warning)
    }

    fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }

    fn error(&mut self, line: String) {
        self.findings.push(Finding {
            severity: Severity::Error,
            line,
        });
    }

    fn warning(&mut self, line: String) {
        self.findings.push(Finding {
            severity: Severity::Warning,
            line,
        });
    }

    fn load_error(&mut self, e: &LoadError) {
        self.error(format!("error: {e}"));
        self.checked.push(e.file.clone());
    }

    fn problems(&mut self, file: &Path, problems: &[Problem]) {
        for p in problems {
            self.findings.push(Finding {
                severity: p.severity,
                line: problem_line(file, p),
            });
        }
        self.checked.push(file.to_path_buf());
    }

    fn plan(&mut self, file: &Path, plan: &Plan) {
        let mut problems = validate(plan);
        problems.extend(placeholders(plan));
        self.problems(file, &problems);
    }

    /// A file that did not read: its first error, then every further one the sweep finds.
    fn unreadable<T: DeserializeOwned>(&mut self, e: &LoadError, bytes: Option<&[u8]>) {
        self.load_error(e);
        let text = bytes.and_then(|b| std::str::from_utf8(b).ok());
        for more in text
            .map(|t| further_errors::<T>(t, &e.file))
            .unwrap_or_default()
        {
            // Its parts are made printable as it is shown; the hint keeps its own line.
            self.error(format!("error: {more}"));
        }
    }

    /// Problems already said in full, one error each.
    fn errors_in(&mut self, file: &Path, problems: &[String]) {
        for p in problems {
            self.error(format!("error: {p}"));
        }
        self.checked.push(file.to_path_buf());
    }
}

/// Check a case folder (with its meetings, log, calendars, and the config folder's keymap and
/// council settings) or, given a file, that file by what it is.
pub fn check(path: &Path, keys: &Keys) -> Report {
    let mut report = Report::default();
    if files::is_dir(path) {
        check_case(path, keys, &mut report);
    } else {
        check_file(path, keys, &mut report);
    }
    report
}

/// What a file is, judged by its top-level keys so a misnamed file is still checked properly.
#[derive(Debug, PartialEq, Eq)]
enum FileKind {
    Plan,
    Agenda,
    Keymap,
    Council,
}

fn kind_of(text: &str, path: &Path, keys: &Keys) -> Option<FileKind> {
    let value = yaml::parse_value(text, path).ok()?;
    let map = value.as_mapping()?;
    if map.contains_key("steps") {
        Some(FileKind::Agenda)
    } else if path
        .file_name()
        .is_some_and(|n| n == crate::store::council_file::COUNCIL_FILE)
        || (map.contains_key("name") && map.contains_key("marking"))
    {
        Some(FileKind::Council)
    } else if map.contains_key("case") || map.contains_key("children") {
        Some(FileKind::Plan)
    } else if !map.is_empty()
        && map
            .keys()
            .all(|k| k.as_str().is_some_and(|k| keys.modes.contains(&k)))
    {
        Some(FileKind::Keymap)
    } else {
        None
    }
}

fn check_file(path: &Path, keys: &Keys, report: &mut Report) {
    let bytes = match yaml::read(path) {
        Ok(b) => b,
        Err(e) => return report.load_error(&e),
    };
    let kind = std::str::from_utf8(&bytes)
        .ok()
        .and_then(|text| kind_of(text, path, keys));
    match kind {
        Some(FileKind::Agenda) => match crate::store::agenda_files::check_bytes(&bytes, path) {
            Ok(_) => report.checked.push(path.to_path_buf()),
            Err(problems) => report.errors_in(path, &problems),
        },
        Some(FileKind::Keymap) => check_keymap(path, keys, report),
        Some(FileKind::Council) => check_council(path, report),
        // Anything else is read as a plan, so its errors say what a plan needs.
        Some(FileKind::Plan) | None => match yaml::parse_bytes::<Plan>(&bytes, path) {
            Ok(plan) => report.plan(path, &plan),
            Err(e) => report.unreadable::<Plan>(&e, Some(&bytes)),
        },
    }
}

/// The line shown when the plan's agenda cannot be loaded.
fn agenda_error(plan_path: &Path, plan: &Plan) -> Option<String> {
    crate::store::agenda_files::load(&plan.case.agenda)
        .err()
        .map(|e| crate::cases::open_case::agenda_line(plan_path, &e.to_string()))
}

/// The council's settings file: its problems are errors.
fn check_council(path: &Path, report: &mut Report) {
    match crate::store::council_file::load_from(path) {
        Ok(Some(council)) => {
            let folder = path.parent().unwrap_or(Path::new("."));
            match crate::store::council_file::letterhead_picture(&council, folder) {
                Ok(_) => report.checked.push(path.to_path_buf()),
                Err(e) => report.errors_in(
                    path,
                    &[format!("{}: {}", sanitize(&path.display().to_string()), e)],
                ),
            }
        }
        Ok(None) => report.errors_in(path, &[format!("{}: no such file", path.display())]),
        Err(problems) => report.errors_in(path, &problems),
    }
}

/// The council's settings in the config folder, which every document and letter is made with:
/// missing is a warning (the plan's local authority and the default marking stand in).
fn check_council_settings(report: &mut Report) {
    let Some(path) = crate::store::council_file::council_path() else {
        return;
    };
    if files::exists(&path) {
        check_council(&path, report);
    } else {
        report.warning(format!(
            "warning: {}: no council settings: letters have no letterhead or return address and \
             family documents no duty or out-of-hours number\n  hint: copy examples/council.yaml \
             there and fill it in (see the README, \"Council settings\")",
            sanitize(&path.display().to_string())
        ));
    }
}

fn check_keymap(path: &Path, keys: &Keys, report: &mut Report) {
    let problem = match crate::store::keymap_file::read(path) {
        Ok(file) => (keys.check)(&file).err().map(|e| e.to_string()),
        Err(e) => Some(e.to_string()),
    };
    match problem {
        None => report.checked.push(path.to_path_buf()),
        Some(e) => report.errors_in(path, &[e]),
    }
}

fn check_case(dir: &Path, keys: &Keys, report: &mut Report) {
    let case = match CaseFolder::open(dir) {
        Ok(c) => c,
        Err(e) => return report.load_error(&e),
    };
    let plan_path = case.plan_path();
    let plan = match case.load_plan() {
        Ok(plan) => {
            report.plan(&plan_path, &plan);
            if let Some(e) = agenda_error(&plan_path, &plan) {
                report.error(e);
            }
            // The case's bank holidays and closures, as every count of working days reads them.
            // A file that does not read is reported once, by `check_files` below.
            if let Ok((_, warnings)) = load_calendar_warning(Some(case.root()), plan.case.division)
            {
                for w in warnings {
                    report.warning(format!("warning: {}", sanitize(&w)));
                }
            }
            check_log(&case, &plan, report);
            Some(plan)
        }
        Err(e) => {
            report.unreadable::<Plan>(&e, yaml::read(&plan_path).ok().as_deref());
            None
        }
    };
    let (calendars, problems) = calendar_files::check_files(Some(case.root()));
    for e in &problems {
        report.load_error(e);
    }
    for file in calendars
        .iter()
        .filter(|f| problems.iter().all(|e| &e.file != *f))
    {
        report.checked.push(file.clone());
    }
    check_interrupted(&case, report);
    match case.meeting_ids() {
        Ok(ids) => {
            for id in ids {
                check_meeting(&case, &id, plan.as_ref(), report);
            }
        }
        Err(e) => report.load_error(&LoadError::new(&case.meetings_dir(), e.to_string(), "")),
    }
    // The keys the meeting screen will use (the config folder's keymap.yaml).
    if let Some(path) = crate::store::agenda_files::config_dir().map(|d| d.join("keymap.yaml"))
        && files::exists(&path)
    {
        check_keymap(&path, keys, report);
    }
    check_council_settings(report);
}

/// A meeting's folder: its record and the plan as the meeting left it, through the one check
/// `export` and `circulate` refuse a meeting by.
fn check_meeting(case: &CaseFolder, id: &str, case_plan: Option<&Plan>, report: &mut Report) {
    let found = meeting_check::check_meeting(case, id, case_plan);
    report.findings.extend(found.findings);
    report.checked.extend(found.checked);
}

/// A close cut short is an error (the case's plan may be out of date) until a command that
/// opens the case finishes it; temporary files a crash left are removed.
fn check_interrupted(case: &CaseFolder, report: &mut Report) {
    match recovery::unfinished_close(case) {
        Ok(Some((id, what))) => {
            report.error(format!(
                "error: the meeting {id} was interrupted while closing: {what}\n  hint: run \
                 `coregroup status {0}` (or `coregroup meeting {0}`) to finish closing it",
                shown(case.root())
            ));
        }
        Ok(None) => {}
        Err(e) => report.error(format!("error: {e}")),
    }
    for path in crate::store::plan_write::conflict_files(case) {
        report.warning(format!(
            "warning: {}: {}",
            shown(&path),
            crate::store::plan_write::CONFLICT_HINT
        ));
    }
    if let Ok((_lock, _)) = crate::store::Lock::acquire(case) {
        // Each can hold a whole document (an email with the minutes for professionals).
        for path in temporary::remove_temporary_files(case) {
            report.warning(format!(
                "warning: {}: left by an interrupted write, and removed",
                shown(&path)
            ));
        }
    }
}

/// The case log, when the case has one: read, and checked against the plan.
fn check_log(case: &CaseFolder, plan: &Plan, report: &mut Report) {
    let path = case_log::path(case);
    if !files::exists(&path) {
        return;
    }
    match case_log::load(case) {
        Ok(log) => {
            for p in crate::domain::case_log::validate(&log, plan) {
                // A problem makes its own parts printable; the hint keeps its own line.
                report.error(format!("{}: {p}", shown(&path)));
            }
            report.checked.push(path);
        }
        Err(e) => report.load_error(&e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file whose top-level keys are all the screens' modes is judged by the keys handed in,
    /// and what they say is the report's error, with the file among those read.
    #[test]
    fn a_keymap_file_is_judged_by_the_keys_handed_in() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("keys.yaml");
        std::fs::write(&path, "global: {}\n").expect("write");
        let refuse = |_: &KeymapFile| Err("keys.yaml: refused".into());
        let keys = Keys {
            modes: &["global"],
            check: &refuse,
        };
        let report = check(&path, &keys);
        assert_eq!(report.errors(), 1);
        assert_eq!(report.warnings(), 0);
        assert_eq!(report.findings[0].line, "error: keys.yaml: refused");
        assert_eq!(report.checked, vec![path.clone()]);

        // With no such mode it is no keymap, and is read as a plan.
        let keys = Keys {
            modes: &["form"],
            check: &refuse,
        };
        let report = check(&path, &keys);
        assert!(report.findings.iter().all(|f| !f.line.contains("refused")));
        assert!(report.errors() > 0);
    }
}
