//! The set-up screen of `coregroup new`: a case typed in section by section (the case, the
//! children, the core group, the outcomes, the first actions, the key dates, the contingency
//! plan) and saved as `plan.yaml` once `check` would pass it. The same Elm shape as the meeting
//! screen, and the same widgets (`forms`, `field`, `picker`, `form_view`, the help, footer and
//! questions), keymap and natural dates. It keeps no journal: what is typed is kept as a draft
//! on a tick and after each saved row (`draft.rs`, written by the runtime), until the case is
//! saved or discarded.

pub mod draft;
pub mod message;
pub mod model;
pub mod run;
pub mod update;
pub mod view;

#[cfg(test)]
mod tests;

pub use draft::SetupDraft;
pub use message::{SetupEffect, SetupMessage};
pub use model::{SetupModel, SetupSection};
pub use run::run;
pub use update::{message_for_key, update};
pub use view::view;
