//! `coregroup check`: validate a case folder, a plan, an agenda or a keymap file, listing every
//! problem. The commands that use a case refuse its plan through [`valid_plan`], with the very
//! lines `check` prints, so what `check` rejects nothing else accepts.

use std::path::Path;
use std::process::ExitCode;

use serde::de::DeserializeOwned;

use super::CliError;
use super::args::CheckArgs;
use crate::domain::placeholders::placeholders;
use crate::domain::plan::Plan;
use crate::domain::validate::{Problem, Severity, validate, validate_meeting};
use crate::store::calendar_files::{self, load_calendar_warning};
use crate::store::case::{MINUTES_FILE, PLAN_FILE, is_meeting_id};
use crate::store::meeting_files::MinutesFile;
use crate::store::plan_cache::Source;
use crate::store::yaml_sweep::further_errors;
use crate::store::{CaseFolder, LoadError, case_log, recovery, yaml};
use crate::text::sanitize;
use crate::tui::keymap::{Keymap, Mode};

/// What a file is, judged by its top-level keys so a misnamed file is still checked properly.
enum Kind {
    Plan,
    Agenda,
    Keymap,
}

pub fn run(a: &CheckArgs) -> Result<ExitCode, CliError> {
    let mut report = Report::default();
    if a.path.is_dir() {
        check_case(&a.path, &mut report);
    } else {
        check_file(&a.path, &mut report);
    }
    Ok(report.finish())
}

/// The case's plan, and the bytes it was read from, refused when `check` would list an error
/// in it (the plan's own problems and an agenda that cannot be found), with the same lines.
pub fn valid_plan(case: &CaseFolder) -> Result<(Plan, Source), CliError> {
    let (plan, source) = case.open_plan()?;
    let path = case.plan_path();
    let mut errors: Vec<String> = validate(&plan)
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .map(|p| problem_line(&path, p))
        .collect();
    errors.extend(agenda_error(&path, &plan));
    if errors.is_empty() {
        return Ok((plan, source));
    }
    Err(CliError(format!(
        "the plan has problems to fix before it can be used:\n{}\n  (`coregroup check {}` lists them all)",
        errors.join("\n"),
        shown(case.root())
    )))
}

/// One problem of a file, as `check` prints it.
fn problem_line(file: &Path, p: &Problem) -> String {
    format!("{}: {p}", shown(file))
}

/// The line `check` prints when the plan's agenda cannot be loaded.
fn agenda_error(plan_path: &Path, plan: &Plan) -> Option<String> {
    super::load_agenda(&plan.case.agenda)
        .err()
        .map(|e| format!("{}: error: case.agenda: {e}", shown(plan_path)))
}

/// A path as the user's terminal can show it safely.
fn shown(path: &Path) -> String {
    sanitize(&path.display().to_string()).into_owned()
}

#[derive(Default)]
struct Report {
    errors: usize,
    warnings: usize,
    checked: Vec<String>,
}

impl Report {
    fn load_error(&mut self, e: &LoadError) {
        println!("error: {e}");
        self.errors += 1;
        self.checked.push(e.file.display().to_string());
    }

    fn problems(&mut self, file: &Path, problems: &[Problem]) {
        for p in problems {
            match p.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
            }
            println!("{}", problem_line(file, p));
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
            println!("error: {more}");
            self.errors += 1;
        }
    }

    /// Problems already said in full, one error each.
    fn errors(&mut self, file: &Path, problems: &[String]) {
        for p in problems {
            self.errors += 1;
            println!("error: {p}");
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
        println!("{summary}");
        if self.errors == 0 {
            ExitCode::SUCCESS
        } else {
            ExitCode::FAILURE
        }
    }
}

fn kind_of(text: &str) -> Option<Kind> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value: yaml_serde::Value = yaml_serde::from_str(text).ok()?;
    let map = value.as_mapping()?;
    if map.contains_key("steps") {
        Some(Kind::Agenda)
    } else if map.contains_key("case") || map.contains_key("children") {
        Some(Kind::Plan)
    } else if !map.is_empty()
        && map.keys().all(|k| {
            k.as_str()
                .is_some_and(|k| Mode::ALL.iter().any(|m| m.name() == k))
        })
    {
        Some(Kind::Keymap)
    } else {
        None
    }
}

fn check_file(path: &Path, report: &mut Report) {
    let bytes = match yaml::read(path) {
        Ok(b) => b,
        Err(e) => return report.load_error(&e),
    };
    let kind = std::str::from_utf8(&bytes).ok().and_then(kind_of);
    match kind {
        Some(Kind::Agenda) => match crate::store::agenda_files::check_bytes(&bytes, path) {
            Ok(_) => report.checked.push(path.display().to_string()),
            Err(problems) => report.errors(path, &problems),
        },
        Some(Kind::Keymap) => check_keymap(path, report),
        // Anything else is read as a plan, so its errors say what a plan needs.
        Some(Kind::Plan) | None => match yaml::parse_bytes::<Plan>(&bytes, path) {
            Ok(plan) => report.plan(path, &plan),
            Err(e) => report.unreadable::<Plan>(&e, Some(&bytes)),
        },
    }
}

fn check_keymap(path: &Path, report: &mut Report) {
    match Keymap::load_file(path) {
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
                println!("{e}");
                report.errors += 1;
            }
            // The case's bank holidays and closures, as every count of working days reads them.
            // A file that does not read is reported once, by `check_files` below.
            if let Ok((_, warnings)) = load_calendar_warning(Some(case.root()), plan.case.division)
            {
                for w in warnings {
                    println!("warning: {}", sanitize(&w));
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
        && std::fs::symlink_metadata(&path).is_ok()
    {
        check_keymap(&path, report);
    }
}

/// A meeting's folder: its record and the plan as the meeting left it.
fn check_meeting(case: &CaseFolder, id: &str, case_plan: Option<&Plan>, report: &mut Report) {
    let dir = case.meeting_dir(id);
    let minutes = dir.join(MINUTES_FILE);
    if !is_meeting_id(id) {
        println!(
            "error: {}: this folder's name is not a meeting's id (a date, perhaps with -2)\n  hint: \
             rename the folder to the meeting's id, or move it out of meetings/",
            shown(&dir)
        );
        report.errors += 1;
        return;
    }
    let plan_path = dir.join(PLAN_FILE);
    let meeting_plan = if !plan_path.exists() {
        // Meetings from before the case used coregroup may have no plan snapshot.
        println!(
            "warning: {}: the plan as this meeting left it is not kept here\n  hint: `coregroup export` cannot write this meeting's plan.md without it",
            shown(&plan_path)
        );
        report.warnings += 1;
        None
    } else {
        match case.load_meeting_plan(id) {
            Ok(plan) => {
                report.plan(&plan_path, &plan);
                Some(plan)
            }
            Err(e) => {
                report.load_error(&e);
                None
            }
        }
    };
    match case.load_meeting(id) {
        Ok(meeting) => {
            let plans: Vec<&Plan> = meeting_plan.iter().chain(case_plan).collect();
            report.problems(&minutes, &validate_meeting(&meeting, id, &plans));
        }
        Err(e) => report.unreadable::<MinutesFile>(&e, yaml::read(&minutes).ok().as_deref()),
    }
}

/// A close cut short is an error (the case's plan may be out of date) until a command that
/// opens the case finishes it; temporary files a crash left are removed.
fn check_interrupted(case: &CaseFolder, report: &mut Report) {
    match recovery::unfinished_close(case) {
        Ok(Some((id, what))) => {
            println!(
                "error: the meeting {id} was interrupted while closing: {what}\n  hint: run \
                 `coregroup status {0}` (or `coregroup meeting {0}`) to finish closing it",
                shown(case.root())
            );
            report.errors += 1;
        }
        Ok(None) => {}
        Err(e) => {
            println!("error: {e}");
            report.errors += 1;
        }
    }
    if let Ok((_lock, _)) = crate::store::Lock::acquire(case) {
        let removed = recovery::remove_temporary_files(case);
        if removed > 0 {
            println!("Removed {removed} temporary file(s) left by an interrupted write.");
        }
    }
}

/// The case log, when the case has one: read, and checked against the plan.
fn check_log(case: &CaseFolder, plan: &Plan, report: &mut Report) {
    let path = case_log::path(case);
    if !path.exists() {
        return;
    }
    match case_log::load(case) {
        Ok(log) => {
            for p in crate::domain::case_log::validate(&log, plan) {
                report.errors += 1;
                // A problem makes its own parts printable; the hint keeps its own line.
                println!("{}: {p}", shown(&path));
            }
            report.checked.push(path.display().to_string());
        }
        Err(e) => report.load_error(&e),
    }
}
