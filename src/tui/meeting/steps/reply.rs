//! What pressing something in a step asks of the meeting screen.

use crate::domain::meeting::Change;
use crate::tui::meeting::confirm::MeetingOnYes;
use crate::tui::meeting::overlay::Overlay;
use crate::tui::widgets::dialog::Confirm;
use crate::tui::widgets::field::FieldId;

/// What pressing something in a step asks for.
pub enum StepReply {
    Nothing,
    Overlay(Box<Overlay>),
    Status(String),
    Confirm(Box<Confirm<MeetingOnYes>>),
    Changes(Vec<Change>),
    /// Close the meeting with nothing missing.
    Close,
    /// Go to the step at this index.
    Goto(usize),
    /// Lines to tick over the step.
    Ticks(Box<crate::tui::widgets::ticks::Ticks>),
    /// Move the focus to this field of the step (a row's details, opened to edit).
    Focus(FieldId),
    /// Go to the step at this index, with the focus on this field of it.
    GotoField(usize, FieldId),
}

impl StepReply {
    /// Ask this before acting.
    pub fn confirm(c: Confirm<MeetingOnYes>) -> StepReply {
        StepReply::Confirm(Box::new(c))
    }
}
