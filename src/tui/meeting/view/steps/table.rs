//! What every step's table is made with: a cell of user text, column widths, an empty table.

use ratatui::layout::Constraint;

use super::super::form::TableSpec;
use super::super::safe;

/// A cell of user text, made safe, cut to `width` characters.
pub fn cell(text: &str, width: usize) -> String {
    let clean = safe(text.lines().next().unwrap_or(""));
    if clean.chars().count() > width && width > 0 {
        clean
            .chars()
            .take(width.saturating_sub(1))
            .collect::<String>()
            + "…"
    } else {
        clean
    }
}

pub fn empty_table() -> TableSpec {
    TableSpec {
        header: Vec::new(),
        widths: Vec::new(),
        rows: Vec::new(),
        empty: String::new(),
    }
}

/// Column widths from a list of fixed widths, the last taking the rest.
pub fn widths(fixed: &[u16]) -> Vec<Constraint> {
    let mut out: Vec<Constraint> = fixed.iter().map(|w| Constraint::Length(*w)).collect();
    out.push(Constraint::Min(4));
    out
}
