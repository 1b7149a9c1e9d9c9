//! The live meeting screen, in The Elm Architecture: a [`app::MeetingModel`], [`message::MeetingMessage`]s
//! from keys and ticks, a pure [`update::update`] that returns [`message::MeetingEffect`]s, and a
//! [`view::view`] that draws the model. [`run::run`] is the real terminal loop; everything else
//! is testable without a terminal. Its help, footer and questions are the widgets every screen
//! uses (`widgets::help`, `widgets::footer`, `widgets::dialog`).

pub mod app;
pub mod confirm;
pub mod message;
pub mod overlay;
pub mod persist;
pub mod run;
pub mod steps;
pub mod update;
pub mod view;

#[cfg(test)]
mod tests;
