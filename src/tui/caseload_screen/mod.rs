//! The caseload screen (`coregroup caseload` in a terminal): one line a case, most urgent first,
//! filtered by what is typed; the chosen case's drift and errors below. Enter opens the case
//! screen, `ctrl-o` a meeting on the case. The rows are worked out once; `update` only filters
//! and moves; `view` draws.

mod view;

#[cfg(test)]
mod tests;

use std::path::PathBuf;

use chrono::NaiveDate;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

pub use view::view;

use super::theme::Theme;
use crate::cases::caseload::Row;

pub struct CaseloadScreen {
    pub rows: Vec<Row>,
    pub today: NaiveDate,
    /// What has been typed: only cases whose reference, children, lead worker or folder hold it
    /// (in any case) are listed.
    pub filter: String,
    /// The chosen line among those listed.
    pub selected: usize,
    pub help: bool,
    pub theme: Theme,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CaseloadMessage {
    Type(char),
    Backspace,
    ClearFilter,
    Down(usize),
    Up(usize),
    OpenCase,
    OpenMeeting,
    ToggleHelp,
    Quit,
}

/// What the screen asks of the command after a message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Next {
    Stay,
    Quit,
    /// Show the case screen of this case, then come back.
    Case(PathBuf),
    /// Open a meeting on this case.
    Meeting(PathBuf),
}

impl CaseloadScreen {
    pub fn new(rows: Vec<Row>, today: NaiveDate, theme: Theme) -> CaseloadScreen {
        CaseloadScreen {
            rows,
            today,
            filter: String::new(),
            selected: 0,
            help: false,
            theme,
        }
    }

    /// The rows the filter lets through, in order.
    pub fn listed(&self) -> Vec<&Row> {
        let needle = self.filter.to_lowercase();
        self.rows
            .iter()
            .filter(|r| {
                needle.is_empty()
                    || [
                        r.case.as_str(),
                        &r.children.join(", "),
                        r.lead_worker.as_deref().unwrap_or(""),
                        &r.path.to_string_lossy(),
                    ]
                    .iter()
                    .any(|s| s.to_lowercase().contains(&needle))
            })
            .collect()
    }

    pub fn chosen(&self) -> Option<&Row> {
        self.listed().get(self.selected).copied()
    }
}

/// The message a key means on this screen (the keys are listed by F1).
pub fn message_for_key(key: KeyEvent) -> Option<CaseloadMessage> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    Some(match key.code {
        KeyCode::Char('x' | 'c') if ctrl => CaseloadMessage::Quit,
        KeyCode::Char('o') if ctrl => CaseloadMessage::OpenMeeting,
        KeyCode::Char('u') if ctrl => CaseloadMessage::ClearFilter,
        KeyCode::Char(c) if !ctrl => CaseloadMessage::Type(c),
        KeyCode::Backspace => CaseloadMessage::Backspace,
        KeyCode::Esc | KeyCode::F(10) => CaseloadMessage::Quit,
        KeyCode::Down => CaseloadMessage::Down(1),
        KeyCode::Up => CaseloadMessage::Up(1),
        KeyCode::PageDown => CaseloadMessage::Down(10),
        KeyCode::PageUp => CaseloadMessage::Up(10),
        KeyCode::Enter => CaseloadMessage::OpenCase,
        KeyCode::F(1) => CaseloadMessage::ToggleHelp,
        _ => return None,
    })
}

/// Apply a message.
pub fn update(m: &mut CaseloadScreen, msg: CaseloadMessage) -> Next {
    match msg {
        CaseloadMessage::Quit if m.help => m.help = false,
        CaseloadMessage::Quit if !m.filter.is_empty() => {
            m.filter.clear();
            m.selected = 0;
        }
        CaseloadMessage::Quit => return Next::Quit,
        CaseloadMessage::ToggleHelp => m.help = !m.help,
        CaseloadMessage::Type(c) => {
            m.filter.push(c);
            m.selected = 0;
        }
        CaseloadMessage::Backspace => {
            m.filter.pop();
            m.selected = 0;
        }
        CaseloadMessage::ClearFilter => {
            m.filter.clear();
            m.selected = 0;
        }
        CaseloadMessage::Down(n) => {
            let last = m.listed().len().saturating_sub(1);
            m.selected = (m.selected + n).min(last);
        }
        CaseloadMessage::Up(n) => m.selected = m.selected.saturating_sub(n),
        CaseloadMessage::OpenCase => {
            // A case that does not read has no screen; its error is shown below the list.
            if let Some(r) = m.chosen().filter(|r| !r.children.is_empty()) {
                return Next::Case(r.path.clone());
            }
        }
        CaseloadMessage::OpenMeeting => {
            if let Some(r) = m.chosen().filter(|r| !r.children.is_empty()) {
                return Next::Meeting(r.path.clone());
            }
        }
    }
    Next::Stay
}
