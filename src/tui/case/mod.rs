//! The case screen of `coregroup case`: the case between meetings, read from its plan and its
//! status. Every timescale with its state (overdue first), the plan (outcomes and their open
//! actions, the contingency plan) and the people. Read-only for now; the same Elm shape and
//! widgets as the other screens.

pub mod model;
pub mod run;
pub mod update;
pub mod view;

#[cfg(test)]
mod tests;

pub use model::{Model, Tab};
pub use run::run;
pub use update::{Message, message_for_key, update};
pub use view::{lines, view};
