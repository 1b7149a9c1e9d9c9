//! The family's views: only fields; nothing listed.

use crate::tui::view::form::TableSpec;

pub fn rows() -> TableSpec {
    super::empty_table()
}
