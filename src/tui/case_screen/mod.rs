//! The case screen (`coregroup case DIR`), read-only for now: every timescale with what is
//! overdue first, the plan, the people and the case log, one pane at a time. The model is built
//! once from the case; `update` only moves between panes and scrolls; `view` draws.

mod view;

#[cfg(test)]
mod tests;

use chrono::NaiveDate;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

pub use view::view;

use super::theme::Theme;
use crate::domain::case_log::CaseLog;
use crate::domain::drift::Flag;
use crate::domain::plan::Plan;
use crate::domain::status::{State, Status};

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

    fn index(self) -> usize {
        Pane::ALL.iter().position(|p| *p == self).unwrap_or(0)
    }
}

/// One event of the log as the screen lists it.
#[derive(Clone, Debug, PartialEq)]
pub struct LogLine {
    pub date: NaiveDate,
    pub kind: &'static str,
    pub text: String,
}

pub struct CaseScreen {
    /// The plan with the log applied.
    pub plan: Plan,
    /// Timescales in the order they need attention: overdue first.
    pub status: Status,
    pub log: Vec<LogLine>,
    pub pane: Pane,
    /// How far each pane is scrolled, in lines.
    pub scroll: [u16; 4],
    pub help: bool,
    pub theme: Theme,
    /// The case's drift, shown first in the timescales pane with its evidence.
    pub drift: Vec<Flag>,
    /// Meetings' files that could not be read, so drift may be missing something.
    pub unread: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CaseMessage {
    NextPane,
    PreviousPane,
    Show(Pane),
    Down(u16),
    Up(u16),
    Top,
    ToggleHelp,
    Quit,
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
            .by_date()
            .into_iter()
            .rev()
            .map(|e| LogLine {
                date: e.date(),
                kind: e.kind(),
                text: e.describe(&plan),
            })
            .collect();
        CaseScreen {
            plan,
            status,
            log,
            pane: Pane::Timescales,
            scroll: [0; 4],
            help: false,
            theme,
            drift: Vec::new(),
            unread: Vec::new(),
        }
    }

    /// The drift, and what could not be read in working it out.
    pub fn with_drift(mut self, drift: Vec<Flag>, unread: Vec<String>) -> CaseScreen {
        self.drift = drift;
        self.unread = unread;
        self
    }
}

/// The message a key means on this screen (the keys are listed by `?`).
pub fn message_for_key(key: KeyEvent) -> Option<CaseMessage> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    Some(match key.code {
        KeyCode::Char('x') if ctrl => CaseMessage::Quit,
        KeyCode::Char('c') if ctrl => CaseMessage::Quit,
        KeyCode::Char('q') | KeyCode::Esc | KeyCode::F(10) => CaseMessage::Quit,
        KeyCode::Tab | KeyCode::Right => CaseMessage::NextPane,
        KeyCode::BackTab | KeyCode::Left => CaseMessage::PreviousPane,
        KeyCode::Char(c @ '1'..='4') => CaseMessage::Show(Pane::ALL[(c as u8 - b'1') as usize]),
        KeyCode::Down | KeyCode::Char('j') => CaseMessage::Down(1),
        KeyCode::Up | KeyCode::Char('k') => CaseMessage::Up(1),
        KeyCode::PageDown | KeyCode::Char(' ') => CaseMessage::Down(10),
        KeyCode::PageUp => CaseMessage::Up(10),
        KeyCode::Home => CaseMessage::Top,
        KeyCode::Char('?') | KeyCode::F(1) => CaseMessage::ToggleHelp,
        _ => return None,
    })
}

/// Apply a message; true when the screen should end.
pub fn update(m: &mut CaseScreen, msg: CaseMessage) -> bool {
    let i = m.pane.index();
    match msg {
        CaseMessage::Quit if m.help => m.help = false,
        CaseMessage::Quit => return true,
        CaseMessage::NextPane => m.pane = Pane::ALL[(i + 1) % Pane::ALL.len()],
        CaseMessage::PreviousPane => {
            m.pane = Pane::ALL[(i + Pane::ALL.len() - 1) % Pane::ALL.len()]
        }
        CaseMessage::Show(p) => m.pane = p,
        CaseMessage::Down(n) => {
            // Lines are not wrapped, so how many there are does not depend on the screen.
            let last = view::lines(m, m.pane).len().saturating_sub(1);
            let last = u16::try_from(last).unwrap_or(u16::MAX);
            m.scroll[i] = m.scroll[i].saturating_add(n).min(last);
        }
        CaseMessage::Up(n) => m.scroll[i] = m.scroll[i].saturating_sub(n),
        CaseMessage::Top => m.scroll[i] = 0,
        CaseMessage::ToggleHelp => m.help = !m.help,
    }
    false
}
