//! What every screen draws and edits with: fields and text fields, forms and the keys into
//! them, pickers typed into, lists of ticks, the themes, and the chrome round every screen: the
//! help, the footer, boxes and questions.

pub mod dialog;
pub mod field;
pub mod footer;
pub mod form_input;
pub mod form_view;
pub mod forms;
pub mod help;
pub mod layout;
pub mod picker;
pub mod picker_view;
pub mod text_field;
pub mod theme;
pub mod ticks;
pub mod wrap;
