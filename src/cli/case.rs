//! `coregroup case`: the case screen: every timescale (overdue first), the plan, the people and
//! the case log; its forms log events and edit the plan through the use cases, and the case is
//! read again after each write.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;

use super::args::CaseArgs;
use super::{CliError, day_or_today};
use crate::cases::edit_plan::edit_plan;
use crate::cases::log_event::log_event;
use crate::cases::records::CaseRecords;
use crate::domain::status::case_status;
use crate::store::CaseFolder;
use crate::tui::case::CaseScreen;
use crate::tui::case::edit::Write;
use crate::tui::case::live::{LiveCase, Written};
use crate::tui::widgets::theme::{Theme, ThemeName};

pub fn run(a: &CaseArgs) -> Result<ExitCode, CliError> {
    let today = day_or_today(a.today.as_deref(), "--today")?;
    let theme =
        ThemeName::from(a.theme).respecting_no_color(std::env::var_os("NO_COLOR").as_deref());
    let keymap = crate::tui::Keymap::load_user()?;
    let screen = screen(&a.dir, today, Theme::new(theme))?.with_keymap(keymap);
    if !super::output::stdout_is_terminal() {
        return Err(CliError(format!(
            "the case screen needs a terminal\n  hint: `coregroup status {0}` and `coregroup log {0}` print the same",
            a.dir.display()
        )));
    }
    let write = writer(a.dir.clone(), today, Theme::new(theme));
    crate::tui::terminal::run(&mut LiveCase::new(screen, Box::new(write)), None)?;
    Ok(ExitCode::SUCCESS)
}

/// The case screen of the case at `dir` on `today`, with its drift.
pub fn screen(dir: &Path, today: NaiveDate, theme: Theme) -> Result<CaseScreen, CliError> {
    // Like every command on one case: a close cut short is finished, a plan `check` rejects refused.
    let case = CaseFolder::open(dir)?;
    super::finish_interrupted(&case)?;
    super::check::valid_plan(&case)?;
    let r =
        CaseRecords::load_facts(dir, &crate::store::agenda_files::load, true).map_err(CliError)?;
    let status = case_status(&r.plan, &r.log, &r.agenda.policy, &r.cal, today);
    let current = r.current();
    let drift = r.drift(&current, today);
    let mut meetings = case.meeting_ids().map_err(|e| {
        CliError(format!(
            "cannot read {}: {e}",
            case.meetings_dir().display()
        ))
    })?;
    for g in &r.plan.key_dates.core_groups {
        let id = g.date.format("%Y-%m-%d").to_string();
        if !meetings.contains(&id) {
            meetings.push(id);
        }
    }
    meetings.sort();
    Ok(CaseScreen::new(current, &r.log, status, theme)
        .with_drift(drift, r.problems.clone())
        .on(today, meetings))
}

/// What the case screen of `dir` writes with: a saved form performed, then the case read again.
pub fn writer(dir: PathBuf, today: NaiveDate, theme: Theme) -> impl FnMut(&Write) -> Written {
    move |w| {
        let said = write(&dir, w)?;
        let fresh = screen(&dir, today, theme).map_err(|e| e.0)?;
        Ok((said, fresh))
    }
}

/// Write what a form saved: an event through `log_event` (as `coregroup log` does), a plan edit
/// through `edit_plan` (under the case's lock). The line to show, or why nothing was written.
pub fn write(dir: &Path, w: &Write) -> Result<String, String> {
    let case = CaseFolder::open(dir).map_err(|e| e.to_string())?;
    match w {
        Write::Log(event) => {
            let plan = case.load_plan().map_err(|e| e.to_string())?;
            log_event(&case, &plan, event.clone()).map(|line| format!("logged: {line}"))
        }
        Write::Plan(edit) => edit_plan(&case, edit),
    }
}
