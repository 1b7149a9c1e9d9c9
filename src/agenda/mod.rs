//! Agenda files: a meeting type and a local procedure's policy in one. The steps say what the
//! chair walks through; the policy holds every number and rule that differs between procedures,
//! so none of them is a constant in code.

mod builtin;
pub mod catalog;
mod model;
pub mod rules;

#[cfg(test)]
mod shipped_tests;

pub use builtin::{BUILTIN, builtin};
pub use model::*;
