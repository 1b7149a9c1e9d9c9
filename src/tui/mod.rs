//! The four screens and what they share. `terminal.rs` is the one loop every screen runs in
//! (the [`terminal::Screen`] trait); `keymap.rs` the keys of every screen; `widgets/` what they
//! edit and draw with, the help, footer and questions too. The screens are `meeting/` (the live
//! meeting), `setup/` (`coregroup new`), `case/` (`coregroup case`) and `caseload/`; none
//! imports another.

pub mod case;
pub mod caseload;
pub mod keymap;
pub mod meeting;
pub mod setup;
pub mod terminal;
pub mod widgets;
