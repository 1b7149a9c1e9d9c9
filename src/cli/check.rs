//! `coregroup check`: validate a case folder, a plan, an agenda or a keymap file, listing every
//! problem. The commands that use a case refuse its plan through
//! [`crate::cases::open_case::checked_plan`], with the very lines `check` prints, so what `check`
//! rejects nothing else accepts.

use std::path::Path;
use std::process::ExitCode;

use serde::de::DeserializeOwned;

use super::args::CheckArgs;
use super::{CliError, output};
use crate::cases::meeting_check::{self, problem_line, shown};
use crate::domain::placeholders::placeholders;
use crate::domain::plan::Plan;
use crate::domain::validate::{Problem, Severity, validate};
use crate::store::calendar_files::{self, load_calendar_warning};
use crate::store::yaml_sweep::further_errors;
use crate::store::{CaseFolder, LoadError, case_log, files, recovery, temporary, yaml};
use crate::text::sanitize;
use crate::tui::keymap::{Keymap, KeymapError, Mode};

/// What a file is, judged by its top-level keys so a misnamed file is still checked properly.
enum FileKind {
    Plan,
    Agenda,
    Keymap,
    Council,
}

pub fn run(a: &CheckArgs) -> Result<ExitCode, CliError> {
    let mut report = Report::default();
    if files::is_dir(&a.path) {
        check_case(&a.path, &mut report);
    } else {
        check_file(&a.path, &mut report);
    }
    Ok(report.finish())
}

/// The line `check` prints when the plan's agenda cannot be loaded.
fn agenda_error(plan_path: &Path, plan: &Plan) -> Option<String> {
    super::load_agenda(&plan.case.agenda)
        .err()
        .map(|e| crate::cases::open_case::agenda_line(plan_path, &e.to_string()))
}

#[derive(Default)]
struct Report {
    errors: usize,
    warnings: usize,
    checked: Vec<String>,
}

impl Report {
    fn load_error(&mut self, e: &LoadError) {
        output::line(&format!("error: {e}"));
        self.errors += 1;
        self.checked.push(e.file.display().to_string());
    }

    fn problems(&mut self, file: &Path, problems: &[Problem]) {
        for p in problems {
            match p.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
            }
            output::line(&problem_line(file, p));
        }
        self.checked.push(file.display().to_string());
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
            output::line(&format!("error: {more}"));
            self.errors += 1;
        }
    }

    /// Problems already said in full, one error each.
    fn errors(&mut self, file: &Path, problems: &[String]) {
        for p in problems {
            self.errors += 1;
            output::line(&format!("error: {p}"));
        }
        self.checked.push(file.display().to_string());
    }

    fn finish(self) -> ExitCode {
        let checked: Vec<String> = self
            .checked
            .iter()
            .map(|f| sanitize(f).into_owned())
            .collect();
        let summary = format!(
            "{} error{}, {} warning{} in {}",
            self.errors,
            if self.errors == 1 { "" } else { "s" },
            self.warnings,
            if self.warnings == 1 { "" } else { "s" },
            match checked.len() {
                0 => "nothing checked".to_string(),
                1..=3 => checked.join(", "),
                n => format!("{n} files"),
            }
        );
        output::line(&summary);
        if self.errors == 0 {
            ExitCode::SUCCESS
        } else {
            ExitCode::FAILURE
        }
    }
}

fn kind_of(text: &str, path: &Path) -> Option<FileKind> {
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
        && map.keys().all(|k| {
            k.as_str()
                .is_some_and(|k| Mode::ALL.iter().any(|m| m.name() == k))
        })
    {
        Some(FileKind::Keymap)
    } else {
        None
    }
}

fn check_file(path: &Path, report: &mut Report) {
    let bytes = match yaml::read(path) {
        Ok(b) => b,
        Err(e) => return report.load_error(&e),
    };
    let kind = std::str::from_utf8(&bytes)
        .ok()
        .and_then(|text| kind_of(text, path));
    match kind {
        Some(FileKind::Agenda) => match crate::store::agenda_files::check_bytes(&bytes, path) {
            Ok(_) => report.checked.push(path.display().to_string()),
            Err(problems) => report.errors(path, &problems),
        },
        Some(FileKind::Keymap) => check_keymap(path, report),
        Some(FileKind::Council) => check_council(path, report),
        // Anything else is read as a plan, so its errors say what a plan needs.
        Some(FileKind::Plan) | None => match yaml::parse_bytes::<Plan>(&bytes, path) {
            Ok(plan) => report.plan(path, &plan),
            Err(e) => report.unreadable::<Plan>(&e, Some(&bytes)),
        },
    }
}

/// The council's settings file: its problems are errors.
fn check_council(path: &Path, report: &mut Report) {
    match crate::store::council_file::load_from(path) {
        Ok(Some(council)) => {
            let folder = path.parent().unwrap_or(Path::new("."));
            match crate::store::council_file::letterhead_picture(&council, folder) {
                Ok(_) => report.checked.push(path.display().to_string()),
                Err(e) => report.errors(
                    path,
                    &[format!("{}: {}", sanitize(&path.display().to_string()), e)],
                ),
            }
        }
        Ok(None) => report.errors(path, &[format!("{}: no such file", path.display())]),
        Err(problems) => report.errors(path, &problems),
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
        output::line(&format!(
            "warning: {}: no council settings: letters have no letterhead or return address and \
             family documents no duty or out-of-hours number\n  hint: copy examples/council.yaml \
             there and fill it in (see the README, \"Council settings\")",
            sanitize(&path.display().to_string())
        ));
        report.warnings += 1;
    }
}

fn check_keymap(path: &Path, report: &mut Report) {
    let keys = crate::store::keymap_file::read(path)
        .map_err(|e| KeymapError(e.to_string()))
        .and_then(|file| Keymap::with_file(Some(&file)));
    match keys {
        Ok(_) => report.checked.push(path.display().to_string()),
        Err(e) => report.errors(path, &[e.to_string()]),
    }
}

fn check_case(dir: &Path, report: &mut Report) {
    let case = match CaseFolder::open(dir) {
        Ok(c) => c,
        Err(e) => return report.load_error(&e),
    };
    let plan_path = case.plan_path();
    let plan = match case.load_plan() {
        Ok(plan) => {
            report.plan(&plan_path, &plan);
            if let Some(e) = agenda_error(&plan_path, &plan) {
                output::line(&e);
                report.errors += 1;
            }
            // The case's bank holidays and closures, as every count of working days reads them.
            // A file that does not read is reported once, by `check_files` below.
            if let Ok((_, warnings)) = load_calendar_warning(Some(case.root()), plan.case.division)
            {
                for w in warnings {
                    output::line(&format!("warning: {}", sanitize(&w)));
                    report.warnings += 1;
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
        report.checked.push(file.display().to_string());
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
        check_keymap(&path, report);
    }
    check_council_settings(report);
}

/// A meeting's folder: its record and the plan as the meeting left it, through the one check
/// `export` and `circulate` refuse a meeting by.
fn check_meeting(case: &CaseFolder, id: &str, case_plan: Option<&Plan>, report: &mut Report) {
    let found = meeting_check::check_meeting(case, id, case_plan);
    for f in &found.findings {
        match f.severity {
            Severity::Error => report.errors += 1,
            Severity::Warning => report.warnings += 1,
        }
        output::line(&f.line);
    }
    report
        .checked
        .extend(found.checked.iter().map(|p| p.display().to_string()));
}

/// A close cut short is an error (the case's plan may be out of date) until a command that
/// opens the case finishes it; temporary files a crash left are removed.
fn check_interrupted(case: &CaseFolder, report: &mut Report) {
    match recovery::unfinished_close(case) {
        Ok(Some((id, what))) => {
            output::line(&format!(
                "error: the meeting {id} was interrupted while closing: {what}\n  hint: run \
                 `coregroup status {0}` (or `coregroup meeting {0}`) to finish closing it",
                shown(case.root())
            ));
            report.errors += 1;
        }
        Ok(None) => {}
        Err(e) => {
            output::line(&format!("error: {e}"));
            report.errors += 1;
        }
    }
    for path in crate::store::plan_write::conflict_files(case) {
        output::line(&format!(
            "warning: {}: {}",
            shown(&path),
            crate::store::plan_write::CONFLICT_HINT
        ));
        report.warnings += 1;
    }
    if let Ok((_lock, _)) = crate::store::Lock::acquire(case) {
        // Each can hold a whole document (an email with the minutes for professionals).
        for path in temporary::remove_temporary_files(case) {
            output::line(&format!(
                "warning: {}: left by an interrupted write, and removed",
                shown(&path)
            ));
            report.warnings += 1;
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
                report.errors += 1;
                // A problem makes its own parts printable; the hint keeps its own line.
                output::line(&format!("{}: {p}", shown(&path)));
            }
            report.checked.push(path.display().to_string());
        }
        Err(e) => report.load_error(&e),
    }
}
