//! What a yes does to the meeting. Its questions are `widgets::dialog::Confirm<MeetingOnYes>`, asked
//! and drawn as every screen's are.

use crate::domain::id::Id;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MeetingOnYes {
    Quit,
    CloseAnyway(Vec<String>),
    Remove(Id),
    /// Nothing to decide: a notice the chair reads and dismisses.
    Dismiss,
    RemoveOutcome(Id),
    /// Close the form over the step and lose what was typed in it.
    DiscardForm,
}
