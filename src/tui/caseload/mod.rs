//! The caseload screen (`coregroup caseload` in a terminal): one line a case, most urgent first,
//! filtered by what is typed; the chosen case's drift and errors below. Enter opens the case
//! screen, `ctrl-o` a meeting on the case. The rows are worked out once; `update` only filters
//! and moves; `view` draws.

pub mod live;
mod view;

#[cfg(test)]
mod tests;

use std::path::PathBuf;

use chrono::NaiveDate;
use ratatui::crossterm::event::KeyEvent;

pub use view::view;

use super::keymap::{Chord, ChordKey, KeyCommand, Keymap, Mode};
use super::widgets::help::Help;
use super::widgets::theme::Theme;
use crate::cases::caseload::CaseloadRow;

pub struct CaseloadScreen {
    pub rows: Vec<CaseloadRow>,
    pub today: NaiveDate,
    /// What has been typed: only cases whose reference, children, lead worker or folder hold it
    /// (in any case) are listed.
    pub filter: String,
    /// The chosen line among those listed.
    pub selected: usize,
    pub help: Option<Help>,
    pub theme: Theme,
    /// The keys (`caseload` in the keymap), which the help and the hints show.
    pub keymap: Keymap,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CaseloadMessage {
    Type(char),
    /// Text pasted (bracketed paste): into the filter.
    Paste(String),
    Backspace,
    ClearFilter,
    Down(usize),
    Up(usize),
    OpenCase,
    OpenMeeting,
    OpenHelp,
    /// A key of the keymap's `help` section while the help is open.
    Help(KeyCommand),
    Quit,
}

/// What the screen asks of the command after a message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CaseloadEffect {
    Stay,
    Quit,
    /// Show the case screen of this case, then come back.
    Case(PathBuf),
    /// Open a meeting on this case.
    Meeting(PathBuf),
}

impl CaseloadScreen {
    pub fn new(rows: Vec<CaseloadRow>, today: NaiveDate, theme: Theme) -> CaseloadScreen {
        CaseloadScreen {
            rows,
            today,
            filter: String::new(),
            selected: 0,
            help: None,
            theme,
            keymap: Keymap::default_keymap(),
        }
    }

    /// The user's keymap in place of the built-in one.
    pub fn with_keymap(mut self, keymap: Keymap) -> CaseloadScreen {
        self.keymap = keymap;
        self
    }

    /// The rows the filter lets through, in order.
    pub fn listed(&self) -> Vec<&CaseloadRow> {
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

    pub fn chosen(&self) -> Option<&CaseloadRow> {
        self.listed().get(self.selected).copied()
    }

    /// Where the chosen row is in `rows`.
    pub fn chosen_index(&self) -> Option<usize> {
        let chosen = self.chosen()?;
        self.rows.iter().position(|r| std::ptr::eq(r, chosen))
    }
}

/// The message a key means on this screen, as the keymap's `caseload` section binds it; other
/// characters type into the filter (the keys are listed by `help`).
pub fn message_for_key(m: &CaseloadScreen, key: KeyEvent) -> Option<CaseloadMessage> {
    let chord = Chord::from_event(&key)?;
    if m.help.is_some() {
        return m
            .keymap
            .lookup(&[Mode::Help], &chord)
            .map(CaseloadMessage::Help);
    }
    let Some(action) = m.keymap.lookup(&[Mode::Caseload], &chord) else {
        return match chord.code {
            ChordKey::Char(c) if chord.types_a_character() => Some(CaseloadMessage::Type(c)),
            ChordKey::Backspace => Some(CaseloadMessage::Backspace),
            _ => None,
        };
    };
    Some(match action {
        KeyCommand::Quit => CaseloadMessage::Quit,
        KeyCommand::OpenMeeting => CaseloadMessage::OpenMeeting,
        KeyCommand::ClearFilter => CaseloadMessage::ClearFilter,
        KeyCommand::Down => CaseloadMessage::Down(1),
        KeyCommand::Up => CaseloadMessage::Up(1),
        KeyCommand::PageDown => CaseloadMessage::Down(10),
        KeyCommand::PageUp => CaseloadMessage::Up(10),
        KeyCommand::OpenCase => CaseloadMessage::OpenCase,
        KeyCommand::Help => CaseloadMessage::OpenHelp,
        _ => return None,
    })
}

/// Apply a message.
pub fn update(m: &mut CaseloadScreen, msg: CaseloadMessage) -> CaseloadEffect {
    match msg {
        CaseloadMessage::Help(a) => {
            if let Some(h) = &mut m.help
                && !h.act(a)
            {
                m.help = None;
            }
        }
        CaseloadMessage::Paste(text) => {
            // The filter is one line: the first line pasted, without control characters.
            let line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
            m.filter.extend(line.chars().filter(|c| !c.is_control()));
            m.selected = 0;
        }
        // Keys wait while the help is open; a paste still reaches the filter.
        _ if m.help.is_some() => {}
        CaseloadMessage::Quit if !m.filter.is_empty() => {
            m.filter.clear();
            m.selected = 0;
        }
        CaseloadMessage::Quit => return CaseloadEffect::Quit,
        CaseloadMessage::OpenHelp => m.help = Some(Help::new()),
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
                return CaseloadEffect::Case(r.path.clone());
            }
        }
        CaseloadMessage::OpenMeeting => {
            if let Some(r) = m.chosen().filter(|r| !r.children.is_empty()) {
                return CaseloadEffect::Meeting(r.path.clone());
            }
        }
    }
    CaseloadEffect::Stay
}
