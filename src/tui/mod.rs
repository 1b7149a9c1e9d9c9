//! The live meeting screen, in The Elm Architecture: a [`Model`], [`Message`]s from keys and
//! ticks, a pure [`update`] that returns [`Effect`]s, and a [`view`] that draws the model.
//! [`run`] is the real terminal loop; everything else is testable without a terminal.
//! The set-up screen of `coregroup new` ([`setup`]) and the case screen ([`case`]) sit beside
//! it in the same shape, drawing and editing with the same fields, forms, pickers and keymap.
//!
//! Entry points for `main`: build a [`Model`] with [`Model::new`], then call [`run`] with
//! something that implements [`Persist`].

pub mod case;
pub mod caseload;
pub mod keymap;
pub mod meeting;
pub mod setup;
pub mod terminal;
pub mod widgets;

// The meeting screen's modules `cli` names by their old paths.
pub use meeting::{app, message, persist, run};

pub use crate::text::sanitize;
pub use app::{Model, Options};
pub use keymap::{Keymap, KeymapError};
pub use meeting::update::{message_for_key, update};
pub use meeting::view::view;
pub use message::{Effect, Message, RunOutcome, SaveReport};
pub use persist::{MemoryPersist, Persist};
pub use run::{Runner, restore, run, run_until};
pub use widgets::theme::ThemeName;
