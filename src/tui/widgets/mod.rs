//! What every screen draws and edits with: fields and text fields, forms and the keys into
//! them, pickers typed into, lists of ticks, and the themes.

pub mod field;
pub mod form_input;
pub mod form_view;
pub mod forms;
pub mod layout;
pub mod picker;
pub mod picker_view;
pub mod text_field;
pub mod theme;
pub mod ticks;
pub mod wrap;
