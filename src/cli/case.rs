//! `coregroup case`: the case screen: every timescale (overdue first), the plan, the people and
//! the case log; its forms log events and edit the plan through the use cases, and the case is
//! read again after each write.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;

use super::args::CaseArgs;
use super::{CliError, day_or_today};
use crate::cases::case_write::{CaseWrite, case_overview, write_case};
use crate::cases::edit_plan::Basis;
use crate::cases::error::CaseError;
use crate::store::CaseFolder;
use crate::store::case_drafts;
use crate::tui::case::CaseScreen;
use crate::tui::case::draft::{CaseDraft, KeptDraft};
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
    let o = case_overview(dir, today)?;
    let mut screen = CaseScreen::new(o.current, &o.log, o.status, theme)
        .with_drift(o.drift, o.unread)
        .on(today, o.meetings);
    if !o.notices.is_empty() {
        screen.notice = Some(o.notices.join(" "));
    }
    Ok((screen, o.basis))
}

/// What the case screen of `dir` writes with: a saved form written by [`write_case`], then the
/// case read again. `basis` is the plan the screen shows (and its forms open on), from
/// [`screen`].
pub fn writer(
    dir: PathBuf,
    today: NaiveDate,
    theme: Theme,
    basis: Basis,
) -> impl FnMut(&CaseWrite) -> SaveOutcome {
    let mut basis = basis;
    move |w| {
        let mut said = write_case(&dir, &basis, w, today)?;
        let (fresh, now) = screen(&dir, today, theme)?;
        if let Some(n) = &fresh.notice {
            said = format!("{said}. {n}");
        }
        basis = now;
        Ok((said, fresh))
    }
}
