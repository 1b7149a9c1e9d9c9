//! `coregroup check`: validate a case folder, a plan, or an agenda file, listing every problem.

use std::path::Path;
use std::process::ExitCode;

use super::CliError;
use super::args::CheckArgs;
use crate::domain::plan::Plan;
use crate::domain::validate::{Severity, validate};
use crate::store::calendar_files::load_calendar_warning;
use crate::store::case::{MINUTES_FILE, PLAN_FILE};
use crate::store::{CaseFolder, LoadError, yaml};

/// What a file is, judged by its top-level keys so a misnamed file is still checked properly.
enum Kind {
    Plan,
    Agenda,
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

    fn plan(&mut self, file: &Path, plan: &Plan) {
        for p in validate(plan) {
            match p.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
            }
            println!("{}: {p}", file.display());
        }
        self.checked.push(file.display().to_string());
    }

    fn agenda_problems(&mut self, file: &Path, problems: &[String]) {
        for p in problems {
            self.errors += 1;
            println!("error: {p}");
        }
        self.checked.push(file.display().to_string());
    }

    fn finish(self) -> ExitCode {
        let summary = format!(
            "{} error{}, {} warning{} in {}",
            self.errors,
            if self.errors == 1 { "" } else { "s" },
            self.warnings,
            if self.warnings == 1 { "" } else { "s" },
            match self.checked.len() {
                0 => "nothing checked".to_string(),
                1..=3 => self.checked.join(", "),
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
    let value: yaml_serde::Value = yaml_serde::from_str(text).ok()?;
    let map = value.as_mapping()?;
    if map.contains_key("steps") {
        Some(Kind::Agenda)
    } else if map.contains_key("case") || map.contains_key("children") {
        Some(Kind::Plan)
    } else {
        None
    }
}

fn check_file(path: &Path, report: &mut Report) {
    let bytes = match crate::store::files::read_limited(path) {
        Ok(b) => b,
        Err(e) => {
            let hint = if path.exists() { "" } else { "check the path" };
            return report.load_error(&LoadError::new(path, e.to_string(), hint));
        }
    };
    let is_agenda = std::str::from_utf8(&bytes)
        .ok()
        .and_then(kind_of)
        .is_some_and(|k| matches!(k, Kind::Agenda));
    if is_agenda {
        match crate::agenda::catalog::check_bytes(&bytes, path) {
            Ok(_) => report.checked.push(path.display().to_string()),
            Err(problems) => report.agenda_problems(path, &problems),
        }
    } else {
        // Anything else is read as a plan, so its errors say what a plan needs.
        match yaml::parse_bytes::<Plan>(&bytes, path) {
            Ok(plan) => report.plan(path, &plan),
            Err(e) => report.load_error(&e),
        }
    }
}

fn check_case(dir: &Path, report: &mut Report) {
    let case = match CaseFolder::open(dir) {
        Ok(c) => c,
        Err(e) => return report.load_error(&e),
    };
    let plan_path = case.plan_path();
    match case.load_plan() {
        Ok(plan) => {
            report.plan(&plan_path, &plan);
            if let Err(e) = super::load_agenda(&plan.case.agenda) {
                println!("{}: error: case.agenda: {e}", plan_path.display());
                report.errors += 1;
            }
            // The case's bank holidays and closures, as every count of working days reads them.
            match load_calendar_warning(Some(case.root()), plan.case.division) {
                Ok((_, warnings)) => {
                    for w in warnings {
                        println!("warning: {w}");
                        report.warnings += 1;
                    }
                }
                Err(e) => report.load_error(&e),
            }
        }
        Err(e) => report.load_error(&e),
    }
    match case.meeting_ids() {
        Ok(ids) => {
            for id in ids {
                let dir = case.meeting_dir(&id);
                for file in [MINUTES_FILE, PLAN_FILE] {
                    let path = dir.join(file);
                    if file == PLAN_FILE && !path.exists() {
                        // Meetings from before the case used coregroup may have no plan snapshot.
                        println!(
                            "warning: {}: the plan as this meeting left it is not kept here\n  hint: `coregroup export` cannot write this meeting's plan.md without it",
                            path.display()
                        );
                        report.warnings += 1;
                    } else if file == PLAN_FILE {
                        match yaml::load::<Plan>(&path) {
                            Ok(plan) => report.plan(&path, &plan),
                            Err(e) => report.load_error(&e),
                        }
                    } else {
                        match case.load_meeting(&id) {
                            Ok(_) => report.checked.push(path.display().to_string()),
                            Err(e) => report.load_error(&e),
                        }
                    }
                }
            }
        }
        Err(e) => report.load_error(&LoadError::new(&case.meetings_dir(), e.to_string(), "")),
    }
}
