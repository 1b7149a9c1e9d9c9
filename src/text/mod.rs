//! Text from users and files on its way to a terminal: the screen and the plain-text output of
//! every command go through the same sanitizer, so nothing in a name or a note can drive the
//! terminal.

pub mod sanitize;

pub use sanitize::{json_for_terminal, sanitize, sanitize_input, sanitize_lines};
