//! The family's views: only fields; nothing listed.

use crate::tui::widgets::form_view::TableSpec;

pub fn rows() -> TableSpec {
    super::table::empty_table()
}
