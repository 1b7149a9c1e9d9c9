//! The live meeting screen, in The Elm Architecture: a [`Model`], [`Message`]s from keys and
//! ticks, a pure [`update`] that returns [`Effect`]s, and a [`view`] that draws the model.
//! [`run`] is the real terminal loop; everything else is testable without a terminal.
//! The set-up screen of `coregroup new` ([`setup`]) and the case screen ([`case`]) sit beside
//! it in the same shape, drawing and editing with the same fields, forms, pickers and keymap.
//!
//! Entry points for `main`: build a [`Model`] with [`Model::new`], then call [`run`] with
//! something that implements [`Persist`].

pub mod app;
pub mod case;
pub mod caseload;
pub mod keymap;
pub mod message;
pub mod overlay;
pub mod persist;
pub mod run;
pub mod setup;
pub mod steps;
pub mod terminal;
pub mod update;
pub mod view;
pub mod widgets;

#[cfg(test)]
mod tests;

pub use crate::text::sanitize;
pub use app::{Model, Options};
pub use keymap::{Keymap, KeymapError};
pub use message::{Effect, Message, RunOutcome, SaveReport};
pub use persist::{MemoryPersist, Persist};
pub use run::{Runner, restore, run, run_until};
pub use update::{message_for_key, update};
pub use view::view;
pub use widgets::theme::ThemeName;
