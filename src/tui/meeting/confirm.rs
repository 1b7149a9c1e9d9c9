//! A question the meeting screen asks before it acts: the words, and what a yes does.

use crate::domain::id::Id;

/// A question that needs a yes or no.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Confirm {
    pub question: String,
    pub detail: Vec<String>,
    pub on_yes: OnYes,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OnYes {
    Quit,
    CloseAnyway(Vec<String>),
    Remove(Id),
    /// Nothing to decide: a notice the chair reads and dismisses.
    Dismiss,
    RemoveOutcome(Id),
    /// Close the form over the step and lose what was typed in it.
    DiscardForm,
}
