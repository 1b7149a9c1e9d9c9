//! `coregroup meeting` and `coregroup demo`: everything around the meeting screen. The lock,
//! resuming or setting aside an unfinished meeting, the journal behind every change, and
//! writing the record when the chair closes the meeting.

use std::io::BufRead;
use std::path::Path;

use chrono::Timelike;
use std::process::ExitCode;

use super::args::{DemoArgs, MeetingArgs, ThemeChoice};
use super::{CliError, day_or_today, output};
use crate::cases::close::{close_meeting, pending_at_close};
use crate::cases::discard_meeting::{Unfinished, discard_meeting, unfinished};
use crate::cases::error::CaseError;
use crate::cases::meeting_open::{
    Chair, Found, MeetingOpenError, Opened, Ready, Request, open_meeting,
};
use crate::cases::new_case::example_case;
use crate::cases::records::earlier_meetings;
use crate::domain::agenda::Agenda;
use crate::domain::conflict_words::describe;
use crate::domain::meeting::{Change, Draft};
use crate::domain::plan::Plan;
use crate::store::CaseFolder;
use crate::store::calendar_files::load_calendar;
use crate::store::journal::Header;
use crate::store::lock::Lock;
use crate::store::meeting_files::Before;
use crate::store::meeting_store::MeetingStore;
use crate::store::plan_cache::PlanSource;
use crate::store::plan_write::Chosen;
use crate::store::recovery;
use crate::store::safety::{self, Whereabouts};
use crate::tui::meeting::app::{MeetingModel, Options};
use crate::tui::meeting::message::{AtClose, AtCloseField, CloseReply, RunOutcome};
use crate::tui::meeting::persist::Persist;
use crate::tui::meeting::run::run_until;
use crate::tui::terminal::restore;
use crate::tui::widgets::theme::ThemeName;

/// The journal behind the screen, and the writing of the record at close.
struct CasePersist {
    case: CaseFolder,
    before: Plan,
    /// Which bytes of the case's plan.yaml `before` was read from.
    read_from: PlanSource,
    store: MeetingStore,
    /// The case's lock, held while the meeting runs.
    lock: Lock,
    /// Whether the chair was told the lock file had gone.
    warned: bool,
    /// Writing the parsed copy of the new plan, after closing; joined before the program ends.
    caching: Option<std::thread::JoinHandle<()>>,
}

impl Persist for CasePersist {
    fn record(&mut self, change: &Change) -> std::io::Result<()> {
        let result = self.store.record(change);
        note_whereabouts(&self.case, &self.store);
        result.map_err(|e| self.naming_the_emergency_copy(e))
    }

    fn sync(&mut self) -> std::io::Result<()> {
        let result = self.store.sync();
        note_whereabouts(&self.case, &self.store);
        result.map_err(|e| self.naming_the_emergency_copy(e))
    }

    fn lost_hold(&mut self) -> Option<(String, Vec<String>)> {
        if self.warned || self.lock.still_named() {
            return None;
        }
        self.warned = true;
        Some((
            "The case's lock file was deleted or replaced".into(),
            vec![
                format!(
                    "{} no longer names the lock this meeting holds.",
                    self.lock.path().display()
                ),
                "This meeting keeps its journal, and another `coregroup meeting` cannot carry \
                 it on; but other commands may now change the case. Close the meeting here."
                    .into(),
            ],
        ))
    }

    fn close(
        &mut self,
        draft: &Draft,
        agenda: &Agenda,
        missing: &[String],
        chosen: Option<&Chosen>,
    ) -> Result<CloseReply, CaseError> {
        let began = Before {
            plan: &self.before,
            read_from: Some(self.read_from),
            chosen: None,
        };
        // Asked now, under the case's lock this meeting holds: plan.yaml as it is at the
        // moment of closing. An answer given for other bytes (edited again while the chair
        // chose) is asked again.
        let pending = pending_at_close(&self.case, began, draft, agenda, missing)?;
        let chosen = match pending {
            None => None,
            Some(p) if chosen.is_some_and(|c| c.against == p.against) => chosen,
            Some(p) => {
                let conflicts = p
                    .conflicts
                    .iter()
                    .map(|c| AtCloseField {
                        path: c.path.clone(),
                        words: describe(c, &p.now),
                    })
                    .collect();
                return Ok(CloseReply::Ask(AtClose {
                    against: p.against,
                    conflicts,
                }));
            }
        };
        let now = chrono::Utc::now().with_nanosecond(0).unwrap_or_default();
        let closing = close_meeting(
            &self.case,
            &mut self.store,
            Before { chosen, ..began },
            draft,
            agenda,
            missing,
            now,
        )?;
        self.caching = closing.caching;
        Ok(CloseReply::Closed(closing.said))
    }

    fn emergency_copy(&self) -> Option<std::path::PathBuf> {
        self.store.emergency_copy().map(Path::to_path_buf)
    }
}

impl CasePersist {
    /// The screen shows a failing save's error in its banner: put where the meeting is safe
    /// first, so the chair sees it even when the cause is cut off.
    fn naming_the_emergency_copy(&self, e: std::io::Error) -> std::io::Error {
        match self.store.emergency_copy() {
            Some(copy) => std::io::Error::new(
                e.kind(),
                format!("an emergency copy is in {}; {e}", copy.display()),
            ),
            None => e,
        }
    }
}

fn note_whereabouts(case: &CaseFolder, store: &MeetingStore) {
    safety::set_whereabouts(Some(Whereabouts {
        case: case.root().to_path_buf(),
        journal: store.journal_path().to_path_buf(),
        emergency_copy: store.emergency_copy().map(Path::to_path_buf),
    }));
}

pub fn meeting(a: &MeetingArgs) -> Result<ExitCode, CliError> {
    if a.discard {
        return discard(&a.dir, a.reason.as_deref().unwrap_or(""), a.yes);
    }
    run(
        &a.dir,
        a.agenda.as_deref(),
        a.date.as_deref(),
        a.theme,
        a.take_over,
    )
}

pub fn demo(a: &DemoArgs) -> Result<ExitCode, CliError> {
    let today = day_or_today(None, "today")?;
    let dir = example_case(a.dir.as_deref(), today)?;
    let code = run(&dir, None, None, a.theme, false);
    say(&format!("The example case is in {}\n", dir.display()));
    code
}

/// The meeting screen needs a terminal for its keys and its drawing.
fn need_terminal(dir: &Path) -> Result<(), AtTerminal> {
    if output::stdin_is_terminal() && output::stdout_is_terminal() {
        return Ok(());
    }
    Err(AtTerminal::NoScreen(
        crate::text::sanitize(&dir.display().to_string()).into_owned(),
    ))
}

/// Why the chair could not be shown the meeting or asked a question at the terminal.
#[derive(Debug, thiserror::Error)]
enum AtTerminal {
    /// The case folder as given (sanitised) is named in the hint.
    #[error(
        "the meeting screen needs a terminal, and this is not one: nothing was started\n  hint: \
         run `coregroup meeting {0}` in a terminal window; `coregroup status` prints the case"
    )]
    NoScreen(String),
    #[error(
        "discarding a meeting needs a yes, and this is not a terminal to ask on: nothing \
         was discarded\n  hint: add --yes"
    )]
    NoOneToAsk,
    /// The answer could not be read.
    #[error(transparent)]
    Read(#[from] std::io::Error),
}

/// `coregroup meeting DIR --discard`: the unfinished meeting discarded, once confirmed.
fn discard(dir: &Path, reason: &str, yes: bool) -> Result<ExitCode, CliError> {
    let case = CaseFolder::open(dir)?;
    let (lock, notice) = Lock::acquire(&case).map_err(|e| CliError::Said(e.to_string()))?;
    if let Some(notice) = notice {
        output::eline(&notice);
    }
    // A close cut short is finished first: its meeting is closed, never discarded.
    for notice in recovery::finish(&case)? {
        output::eline(&notice);
    }
    let Some(which) = unfinished(&case).map_err(CliError::from)? else {
        return Err(CliError::Said(format!(
            "{} has no unfinished meeting, so nothing was discarded\n  hint: a closed meeting \
             is never discarded; its record is in meetings/",
            crate::text::sanitize(&dir.display().to_string())
        )));
    };
    if !yes && !confirm_discard(&which)? {
        output::line("Nothing was discarded.");
        return Ok(ExitCode::SUCCESS);
    }
    let today = day_or_today(None, "today")?;
    let said = discard_meeting(&case, &lock, &which, today, reason).map_err(CliError::from)?;
    output::line(&said);
    Ok(ExitCode::SUCCESS)
}

/// Ask on the terminal before discarding; No is the default. Without a terminal there is no
/// one to ask: `--yes` says it.
fn confirm_discard(which: &Unfinished) -> Result<bool, AtTerminal> {
    if !output::stdin_is_terminal() {
        return Err(AtTerminal::NoOneToAsk);
    }
    output::print(&format!(
        "Discard {}? What was typed in it is removed, and the case log records that it was \
         discarded. [y/N] ",
        which.describe()
    ));
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    let answer = line.trim().to_ascii_lowercase();
    Ok(answer == "y" || answer == "yes")
}

/// The chair at the terminal: asked whether to resume, told what was done.
struct Terminal<'a> {
    dir: &'a Path,
}

impl Chair for Terminal<'_> {
    /// Ask on the terminal whether to resume; Resume is the default (Enter, or no terminal).
    fn found(&mut self, header: &Header, changes: usize) -> Result<Found, MeetingOpenError> {
        output::line(&format!(
            "An unfinished meeting was found: {} on {}, started {}, {changes} change{} recorded.",
            header.meeting_id,
            header.meeting_date.format("%a %-d %b %Y"),
            header.started_at.format("%H:%M on %a %-d %b"),
            if changes == 1 { "" } else { "s" }
        ));
        if !output::stdin_is_terminal() {
            output::line("Resuming it.");
            return Ok(Found::Resume);
        }
        output::print(
            "[R]esume it, [s]et it aside and start a new meeting, or [d]iscard it (opened by \
             mistake)? [R/s/d] ",
        );
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line)?;
        Ok(match line.trim().to_ascii_lowercase().as_str() {
            "s" => Found::SetAside,
            "d" => Found::Discard,
            _ => Found::Resume,
        })
    }

    fn confirm_discard(&mut self, which: &Unfinished) -> Result<bool, MeetingOpenError> {
        confirm_discard(which).map_err(|e| MeetingOpenError::Chair(Box::new(e)))
    }

    fn before_new(&mut self) -> Result<(), MeetingOpenError> {
        need_terminal(self.dir).map_err(|e| MeetingOpenError::Chair(Box::new(e)))
    }

    fn say(&mut self, line: &str) {
        output::line(line);
    }

    fn warn(&mut self, line: &str) {
        output::eline(line);
    }
}

fn run(
    dir: &Path,
    agenda_arg: Option<&str>,
    date_arg: Option<&str>,
    theme: ThemeChoice,
    take_over: bool,
) -> Result<ExitCode, CliError> {
    safety::install_panic_hook(restore);
    let stop = safety::watch_signals()?;
    // The keymap first: one that cannot be used is refused before anything is opened or made.
    let mut options =
        Options::for_terminal(theme.into()).map_err(|e| CliError::Said(e.to_string()))?;
    let request = Request {
        agenda: agenda_arg,
        date: day_or_today(date_arg, "--date")?,
        today: day_or_today(None, "today")?,
        take_over,
    };
    let today = request.today;
    let ready = match open_meeting(dir, request, &mut Terminal { dir })? {
        Opened::Ready(ready) => *ready,
        Opened::Discarded => return Ok(ExitCode::SUCCESS),
    };
    need_terminal(dir)?;
    let Ready {
        case,
        lock,
        draft,
        agenda,
        store,
        plan,
        read_from,
        notice,
        by_hand,
    } = ready;
    note_whereabouts(&case, &store);

    options.calendar = Some(load_calendar(Some(case.root()), plan.case.division)?);
    let now = chrono::Local::now().time();
    let mut model = MeetingModel::new(draft, agenda, today, now, options);
    if let Some(notice) = notice {
        model.notify(notice.title, notice.lines);
    }
    if !by_hand.is_empty() {
        model.notify(
            "Changed by hand since the last meeting",
            vec![format!(
                "plan.yaml was changed by hand since the last meeting (action {}): the change is now in each action's history, shown on the review of the actions as changed since the last meeting. Who changed it, and why, is not recorded: ask.",
                by_hand.join(", ")
            )],
        );
    }
    (model.drift, model.last_scores) = before_meeting(dir, today);
    let mut persist = CasePersist {
        case,
        before: plan,
        read_from,
        store,
        lock,
        warned: false,
        caching: None,
    };
    let outcome = run_until(model, &mut persist, Some(&stop))?;
    let journal = persist.store.journal_path().to_path_buf();
    let emergency = persist.store.emergency_copy().map(Path::to_path_buf);
    if let Some(caching) = persist.caching.take() {
        let _ = caching.join();
    }
    drop(persist);
    report(&outcome, dir, &journal, emergency.as_deref());
    Ok(ExitCode::SUCCESS)
}

/// What happened, on standard output. Written without `println!`, which panics when the
/// terminal has gone (a closed window): by then everything is saved and the message has no
/// reader, so a failed write is not worth a crash.
fn report(outcome: &RunOutcome, dir: &Path, journal: &Path, emergency: Option<&Path>) {
    let mut text = String::new();
    match outcome {
        RunOutcome::Closed(message) => text.push_str(&format!("{message}\n")),
        RunOutcome::Left { unsaved } | RunOutcome::Stopped { unsaved } => {
            if let RunOutcome::Stopped { .. } = outcome {
                text.push_str("The meeting was stopped.\n");
            }
            if unsaved.is_empty() {
                text.push_str(&format!(
                    "The meeting is not closed; everything typed is saved in {}.\nRun `coregroup meeting {}` to carry on.\n",
                    journal.display(),
                    dir.display()
                ));
            } else {
                text.push_str("These could not be saved to the case folder:\n");
                for u in unsaved {
                    text.push_str(&format!("  {u}\n"));
                }
                if let Some(e) = emergency {
                    text.push_str(&format!(
                        "An emergency copy of the meeting is in {}\nRun `coregroup meeting {}` to carry on from it.\n",
                        e.display(),
                        dir.display()
                    ));
                }
            }
        }
    }
    say(&text);
}

/// Print to standard output, ignoring a terminal that is no longer there.
fn say(text: &str) {
    output::print(text);
}

impl From<ThemeChoice> for ThemeName {
    fn from(t: ThemeChoice) -> ThemeName {
        match t {
            ThemeChoice::Default => ThemeName::Default,
            ThemeChoice::HighContrast => ThemeName::HighContrast,
        }
    }
}

/// What the chair needs from the meetings before ([`earlier_meetings`]). A record that does not
/// read must not stop the meeting: it is said on the terminal and the meeting opens without it.
fn before_meeting(
    dir: &Path,
    today: chrono::NaiveDate,
) -> (Vec<String>, std::collections::HashMap<String, u8>) {
    match earlier_meetings(dir, today) {
        Ok(e) => {
            for p in &e.unread {
                output::eline(&format!(
                    "coregroup: drift leaves out what does not read: {p}"
                ));
            }
            (e.drift, e.last_scores)
        }
        Err(e) => {
            output::eline(&format!("coregroup: drift is not shown: {e}"));
            Default::default()
        }
    }
}
