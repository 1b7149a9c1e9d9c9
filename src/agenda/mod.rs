//! Agenda files: a meeting type and a local procedure's policy in one. The steps say what the
//! chair walks through; the policy holds every number and rule that differs between procedures,
//! so none of them is a constant in code.

mod builtin;
pub mod rules;
pub mod snapshot;

#[cfg(test)]
mod shipped_tests;

pub use builtin::{BUILTIN, ShippedError, builtin, shipped};
pub use snapshot::AgendaSnapshot;
