//! coregroup: run UK child-protection core group meetings in the terminal.

pub mod agenda;
pub mod cases;
pub mod cli;
pub mod domain;
pub mod export;
pub mod store;
pub mod text;
pub mod tui;
