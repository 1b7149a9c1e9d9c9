//! What happens to the screen (messages in) and what the screen asks the runtime to do
//! (effects out). `update` turns one into the other without touching the disk or the clock.

use std::time::Duration;

use ratatui::crossterm::event::KeyEvent;

use crate::domain::conflict_words::ConflictWords;
use crate::domain::meeting::Change;
use crate::store::fingerprint::Fingerprint;
use crate::store::plan_write::Chosen;
use crate::tui::keymap::KeyCommand;

#[derive(Debug)]
pub enum MeetingMessage {
    /// A key the keymap named.
    Act(KeyCommand),
    /// Go to the step with this number (1 is the first), from the go-to-step keys.
    GoToStep(usize),
    /// A key for the focused text field (typing, arrows, backspace ...).
    Input(KeyEvent),
    /// Text pasted into the terminal (bracketed paste).
    Paste(String),
    /// Time since the meeting screen opened; sent at least every 250 ms.
    Tick(Duration),
    /// What the runtime managed to save, as running totals of the changes it was given.
    Saved(SaveReport),
    /// The answer of [`super::persist::Persist::close`].
    Closed(Result<CloseReply, crate::cases::error::CaseError>),
}

/// What a close came to, when it did not fail.
#[derive(Clone, Debug, PartialEq)]
pub enum CloseReply {
    /// Closed; where the record went, and anything the chair should know.
    Closed(String),
    /// Not closed yet: plan.yaml was changed by hand while the meeting was open, in fields the
    /// meeting changed too. The chair chooses, then the close is asked for again.
    Ask(AtClose),
}

/// The fields changed both by hand and by the meeting, as the close found them.
#[derive(Clone, Debug, PartialEq)]
pub struct AtClose {
    /// The fingerprint of plan.yaml as found: the choices hold for those bytes only.
    pub against: Fingerprint,
    pub conflicts: Vec<AtCloseField>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct AtCloseField {
    /// As `Conflict::path` names it.
    pub path: String,
    pub words: ConflictWords,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SaveReport {
    /// How many of the recorded changes have been written, counting from the first.
    pub recorded: u64,
    /// How many of them have been flushed to disk.
    pub synced: u64,
    /// The latest failure, if saving is failing now.
    pub error: Option<String>,
    /// Where every change is kept while the case folder cannot be written, if anywhere.
    pub emergency_copy: Option<std::path::PathBuf>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum MeetingEffect {
    /// Write this change to the journal, in order.
    Record(Change),
    /// Flush what was recorded.
    Sync,
    /// The chair closed the meeting; `missing` is what the close checklist found, `chosen` what
    /// the chair chose where plan.yaml was changed in the same place (asked first).
    Close {
        missing: Vec<String>,
        chosen: Option<Chosen>,
    },
    /// Leave the screen.
    Quit,
}

/// Why the screen ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RunOutcome {
    /// The meeting was closed; the message says where the record went.
    Closed(String),
    /// The user left without closing; the meeting can be resumed from what was recorded.
    Left { unsaved: Vec<String> },
    /// A signal (the window closed, SIGTERM) stopped the screen after saving what it could.
    Stopped { unsaved: Vec<String> },
}
