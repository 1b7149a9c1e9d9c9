//! Disagreements recorded so far.

use std::ops::Range;

use ratatui::widgets::{Cell, Row};

use super::{cell, widths};
use crate::tui::app::Model;
use crate::tui::view::form::TableSpec;

pub fn rows(m: &Model, range: Range<usize>, w: usize) -> TableSpec {
    let items = &m.draft.meeting.disagreements;
    let rows = items[range.start.min(items.len())..range.end.min(items.len())]
        .iter()
        .map(|d| {
            Row::new(vec![
                Cell::from(cell(&d.who, 18)),
                Cell::from(if d.resolved { "resolved" } else { "open" }),
                Cell::from(cell(&d.about, w.saturating_sub(30))),
            ])
        })
        .collect();
    TableSpec {
        header: vec!["Who", "", "About"],
        widths: widths(&[18, 8]),
        rows,
        empty: "none recorded yet: + adds one (or ctrl-d from any step)".into(),
    }
}
