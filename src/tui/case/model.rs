//! What the case screen shows and where the user is on it: the case (its plan, timescales,
//! log and drift), the pane, the scroll, a form open over the panes.

use chrono::NaiveDate;

use super::draft::KeptDraft;
use super::edit::CaseForm;
use crate::domain::case_log::CaseLog;
use crate::domain::drift::Flag;
use crate::domain::plan::Plan;
use crate::domain::status::Status;
use crate::domain::timescale::State;
use crate::tui::keymap::{KeyCommand, Keymap, Mode};
use crate::tui::widgets::dialog::Confirm;
use crate::tui::widgets::theme::Theme;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pane {
    Timescales,
    Plan,
    People,
    Log,
}

impl Pane {
    pub const ALL: [Pane; 4] = [Pane::Timescales, Pane::Plan, Pane::People, Pane::Log];

    pub fn title(self) -> &'static str {
        match self {
            Pane::Timescales => "Timescales",
            Pane::Plan => "Plan",
            Pane::People => "People",
            Pane::Log => "Log",
        }
    }

    pub(super) fn index(self) -> usize {
        Pane::ALL.iter().position(|p| *p == self).unwrap_or(0)
    }
}

/// One event of the log as the screen lists it.
#[derive(Clone, Debug, PartialEq)]
pub struct LogLine {
    /// The entry's id, as `coregroup log` lists it.
    pub id: String,
    pub date: NaiveDate,
    pub kind: &'static str,
    pub text: String,
    /// When the entry was withdrawn: the day, who, and why.
    pub withdrawn: Option<String>,
}

/// What a yes to the case screen's question does.
#[derive(Clone, Debug, PartialEq)]
pub enum CaseOnYes {
    /// Close the open form and lose what was typed in it.
    DiscardForm,
    /// Write the withdrawal of a wrong entry.
    Withdraw(crate::domain::case_log::Withdrawn),
    /// Remove the draft of this name, kept when a window closed, that cannot reopen its form.
    DropDraft(String),
}

pub struct CaseScreen {
    /// The plan with the log applied.
    pub plan: Plan,
    /// Timescales in the order they need attention: overdue first.
    pub status: Status,
    pub log: Vec<LogLine>,
    pub pane: Pane,
    /// How far each pane is scrolled, in rows.
    pub scroll: [u16; 4],
    /// The panes' width when last drawn: long lines wrap, so it sets how many rows there are.
    pub width: std::cell::Cell<u16>,
    pub help: Option<crate::tui::widgets::help::Help>,
    pub theme: Theme,
    /// The case's drift, shown first in the timescales pane with its evidence.
    pub drift: Vec<Flag>,
    /// Meetings' files that could not be read, so drift may be missing something.
    pub unread: Vec<String>,
    /// The day the screen dates events and reads natural dates from.
    pub today: NaiveDate,
    /// The meetings an event can be about (folders and core groups the plan records), oldest
    /// first.
    pub meetings: Vec<String>,
    /// A form open over the panes.
    pub editing: Option<CaseForm>,
    /// A question over the form: lose what was typed, withdraw an entry.
    pub confirm: Option<Confirm<CaseOnYes>>,
    /// What the last save came to, shown above the keys.
    pub notice: Option<String>,
    /// The keys (`case` and `case_form` in the keymap), which the help and hints show.
    pub keymap: Keymap,
    /// Forms kept when a window closed, still to be put back (the first is shown first).
    pub kept: Vec<KeptDraft>,
    /// The name the open form is kept under (put back from, or kept as it was typed): kept
    /// again in its place, removed once the form is saved or dropped.
    pub kept_as: Option<String>,
    /// What was last kept of the open form, so a tick keeps it again only when it changed.
    pub last_kept: Option<super::draft::CaseDraft>,
}

/// How urgent a state is, most urgent first.
fn urgency(s: State) -> u8 {
    match s {
        State::Overdue => 0,
        State::DueSoon => 1,
        State::Unknown => 2,
        State::OnTrack => 3,
        State::MetLate => 4,
        State::Met => 5,
    }
}

impl CaseScreen {
    pub fn new(plan: Plan, log: &CaseLog, mut status: Status, theme: Theme) -> CaseScreen {
        status
            .timescales
            .sort_by_key(|t| (urgency(t.state), t.due.unwrap_or(NaiveDate::MAX)));
        let log = log
            .listing()
            .into_iter()
            .rev()
            .map(|(e, withdrawn)| LogLine {
                id: e.id(),
                date: e.date(),
                kind: e.kind(),
                text: e.describe(&plan),
                withdrawn: withdrawn.map(|w| w.line(&plan)),
            })
            .collect();
        CaseScreen {
            plan,
            status,
            log,
            pane: Pane::Timescales,
            scroll: [0; 4],
            width: std::cell::Cell::new(80),
            help: None,
            theme,
            drift: Vec::new(),
            unread: Vec::new(),
            today: NaiveDate::MIN,
            meetings: Vec::new(),
            editing: None,
            confirm: None,
            notice: None,
            keymap: Keymap::default_keymap(),
            kept: Vec::new(),
            kept_as: None,
            last_kept: None,
        }
    }

    /// The user's keymap in place of the built-in one.
    pub fn with_keymap(mut self, keymap: Keymap) -> CaseScreen {
        self.keymap = keymap;
        self
    }

    /// The day natural dates are read from, and the meetings events can be about.
    pub fn on(mut self, today: NaiveDate, meetings: Vec<String>) -> CaseScreen {
        self.today = today;
        self.meetings = meetings;
        self
    }

    /// The case read again after a write: what is shown changes, where the user is does not.
    pub fn refresh(&mut self, fresh: CaseScreen) {
        let CaseScreen {
            plan,
            status,
            log,
            drift,
            unread,
            meetings,
            ..
        } = fresh;
        self.plan = plan;
        self.status = status;
        self.log = log;
        self.drift = drift;
        self.unread = unread;
        self.meetings = meetings;
    }

    /// The key that shows a pane (the keymap's `show_pane`, one key a pane in order).
    pub fn pane_key(&self, pane: Pane) -> String {
        self.keymap
            .bindings(Mode::Case)
            .iter()
            .find(|b| b.action == KeyCommand::ShowPane)
            .and_then(|b| b.keys.get(pane.index()))
            .map_or_else(|| "no key".to_string(), |k| k.to_string())
    }

    /// The drift, and what could not be read in working it out.
    pub fn with_drift(mut self, drift: Vec<Flag>, unread: Vec<String>) -> CaseScreen {
        self.drift = drift;
        self.unread = unread;
        self
    }
}
