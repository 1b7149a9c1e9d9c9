//! `coregroup case`: the case screen: every timescale (overdue first), the plan, the people and
//! the case log; its forms log events and edit the plan through the use cases, and the case is
//! read again after each write.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;

use super::args::CaseArgs;
use super::{CliError, day_or_today};
use crate::cases::edit_plan::{Basis, edit_plan};
use crate::cases::error::CaseError;
use crate::cases::log_event::log_event;
use crate::cases::open_case::{Log, OpenCase};
use crate::cases::records::CaseRecords;
use crate::store::CaseFolder;
use crate::store::case_drafts;
use crate::tui::case::CaseScreen;
use crate::tui::case::draft::{CaseDraft, KeptDraft};
use crate::tui::case::edit::Write;
use crate::tui::case::live::{Drafts, LiveCase, SaveOutcome};
use crate::tui::widgets::theme::{Theme, ThemeName};

pub fn run(a: &CaseArgs) -> Result<ExitCode, CliError> {
    let today = day_or_today(a.today.as_deref(), "--today")?;
    let theme =
        ThemeName::from(a.theme).respecting_no_color(std::env::var_os("NO_COLOR").as_deref());
    let keymap = crate::tui::keymap::Keymap::load_user()?;
    let (screen, basis) = screen(&a.dir, today, Theme::new(theme))?;
    let screen = screen.with_keymap(keymap);
    if !super::output::stdout_is_terminal() {
        return Err(CliError::Said(format!(
            "the case screen needs a terminal\n  hint: `coregroup status {0}` and `coregroup log {0}` print the same",
            a.dir.display()
        )));
    }
    let mut screen = screen;
    let (kept, drafts) = kept(&a.dir)?;
    screen.resume(kept);
    let write = writer(a.dir.clone(), today, Theme::new(theme), basis);
    let mut live = LiveCase::new(screen, Box::new(write), Box::new(drafts));
    // A closed window (SIGHUP) or SIGTERM stops the screen, which keeps an open form.
    let stop = crate::store::safety::watch_signals()?;
    crate::tui::terminal::run(&mut live, Some(&stop))?;
    match live.kept_at_stop {
        Some(Ok(title)) => super::output::eline(&format!(
            "What you were writing in \"{title}\" is kept: `coregroup case {}` puts it back.",
            a.dir.display()
        )),
        Some(Err(why)) => {
            super::output::eline(&format!("What you were writing could not be kept: {why}"))
        }
        None => {}
    }
    Ok(ExitCode::SUCCESS)
}

/// The forms kept for the case at `dir` and open in no other window, oldest first, for the
/// screen to put back (one whose file does not read comes with why); and where the screen
/// keeps its forms, holding those drafts for it.
pub fn kept(dir: &Path) -> Result<(Vec<KeptDraft>, FolderDrafts), CaseError> {
    let all = case_drafts::read_all::<CaseDraft>(dir).map_err(|error| {
        crate::store::StoreError::Read {
            path: CaseFolder::at(dir).state_dir(),
            error,
        }
    })?;
    let mut drafts = FolderDrafts {
        dir: dir.to_path_buf(),
        held: HashMap::new(),
    };
    let kept = all
        .into_iter()
        .map(|k| {
            drafts.held.insert(k.name.clone(), k.claim);
            KeptDraft {
                name: k.name,
                file: k.file.display().to_string(),
                draft: k.draft,
            }
        })
        .collect();
    Ok((kept, drafts))
}

/// The case screen's open forms kept beside the case (`store::case_drafts`), each held for this
/// screen while it may write it.
pub struct FolderDrafts {
    dir: PathBuf,
    held: HashMap<String, case_drafts::Claim>,
}

impl Drafts for FolderDrafts {
    fn keep(&mut self, name: Option<&str>, draft: &CaseDraft) -> std::io::Result<String> {
        match name {
            Some(name) => case_drafts::keep(&self.dir, name, draft).map(|()| name.to_string()),
            None => {
                let (name, claim) = case_drafts::keep_new(&self.dir, draft)?;
                self.held.insert(name.clone(), claim);
                Ok(name)
            }
        }
    }

    fn discard(&mut self, name: &str) -> std::io::Result<()> {
        let done = case_drafts::discard(&self.dir, name);
        self.held.remove(name);
        done
    }
}

/// The case screen of the case at `dir` on `today`, with its drift, and the plan its forms open
/// on. What finishing an interrupted close did is said on the screen, never printed under it.
pub fn screen(
    dir: &Path,
    today: NaiveDate,
    theme: Theme,
) -> Result<(CaseScreen, Basis), CaseError> {
    // Like every command on one case: a close cut short is finished, a plan `check` rejects
    // refused; the plan the forms open on is the one the screen shows.
    let open = OpenCase::open(dir, &crate::store::agenda_files::load, Log::Read)?;
    let notices = open.notices.clone();
    let basis = Basis {
        plan: open.plan.clone(),
        read: open.source.print,
    };
    let status = open.status(today);
    let r = CaseRecords::of(open, true);
    let case = &r.case;
    let current = r.current();
    let drift = r.drift(&current, today);
    let mut meetings = case
        .meeting_ids()
        .map_err(|error| crate::store::StoreError::Read {
            path: case.meetings_dir(),
            error,
        })?;
    for g in &r.plan.key_dates.core_groups {
        let id = g.date.format("%Y-%m-%d").to_string();
        if !meetings.contains(&id) {
            meetings.push(id);
        }
    }
    meetings.sort();
    let mut screen = CaseScreen::new(current, &r.log, status, theme)
        .with_drift(drift, r.problems.clone())
        .on(today, meetings);
    if !notices.is_empty() {
        screen.notice = Some(notices.join(" "));
    }
    Ok((screen, basis))
}

/// What the case screen of `dir` writes with: a saved form performed, then the case read again.
/// `basis` is the plan the screen shows (and its forms open on), from [`screen`].
pub fn writer(
    dir: PathBuf,
    today: NaiveDate,
    theme: Theme,
    basis: Basis,
) -> impl FnMut(&Write) -> SaveOutcome {
    let mut basis = basis;
    move |w| {
        let mut said = write(&dir, &basis, w, today)?;
        let (fresh, now) = screen(&dir, today, theme)?;
        if let Some(n) = &fresh.notice {
            said = format!("{said}. {n}");
        }
        basis = now;
        Ok((said, fresh))
    }
}

/// Write what a form saved: an event through `log_event` (as `coregroup log` does), a plan edit
/// through `edit_plan` (under the case's lock, only what the form changed from `basis`). The
/// line to show, or why nothing was written.
pub fn write(dir: &Path, basis: &Basis, w: &Write, today: NaiveDate) -> Result<String, CaseError> {
    let case = CaseFolder::open(dir)?;
    match w {
        Write::Log(event) => {
            let plan = case.load_plan()?;
            let line = log_event(&case, &plan, event.clone(), today)?;
            Ok(format!("logged: {line}"))
        }
        Write::Plan(edit) => edit_plan(&case, basis, edit),
    }
}
