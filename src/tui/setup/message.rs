//! What reaches the set-up screen and what it asks of the runtime.

use ratatui::crossterm::event::KeyEvent;

use super::draft::SetupDraft;
use crate::domain::plan::Plan;
use crate::tui::keymap::KeyCommand;

#[derive(Debug)]
pub enum SetupMessage {
    /// A key the keymap named.
    Act(KeyCommand),
    /// Go to the section with this number (1 is the first), from the go-to keys.
    GoToSection(usize),
    /// A key for the focused field (typing, backspace …).
    Input(KeyEvent),
    /// Text pasted into the terminal.
    Paste(String),
    /// What writing the plan came to: where it went, or why it failed.
    Written(Result<String, crate::cases::error::CaseError>),
    /// Time passed: what changed since the last draft is kept.
    Tick,
    /// Keeping the draft failed: why.
    DraftFailed(std::io::Error),
}

#[derive(Clone, Debug, PartialEq)]
pub enum SetupEffect {
    /// Write this plan as the new case's `plan.yaml`.
    Write(Box<Plan>),
    /// Keep this set-up in progress in place of the last one.
    KeepDraft(Box<SetupDraft>),
    /// The set-up was saved or discarded: remove what was kept of it.
    DiscardDraft,
    /// Leave the screen.
    Quit,
}
