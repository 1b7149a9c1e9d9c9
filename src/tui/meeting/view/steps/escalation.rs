//! Escalation: the agenda's other decisions, ticked or not.

use std::ops::Range;

use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Row};

use super::table::{cell, widths};
use crate::tui::meeting::app::Model;
use crate::tui::widgets::form_view::TableSpec;

pub fn info(m: &Model) -> Vec<Line<'static>> {
    match m.draft.plan.key_dates.next_review_conference {
        Some(d) => vec![Line::from(Span::styled(
            format!(
                "The next review conference is due {}.",
                d.format("%a %-d %b %Y")
            ),
            m.theme.dim,
        ))],
        None => Vec::new(),
    }
}

pub fn rows(m: &Model, range: Range<usize>, w: usize) -> TableSpec {
    let ds = &m.agenda.decisions;
    let chosen = &m.draft.meeting.escalation.decisions;
    let rows = ds[range.start.min(ds.len())..range.end.min(ds.len())]
        .iter()
        .map(|d| {
            let mark = if chosen.contains(&d.key) {
                "[x]"
            } else {
                "[ ]"
            };
            Row::new(vec![
                Cell::from(mark),
                Cell::from(cell(&d.label, w.saturating_sub(4))),
            ])
        })
        .collect();
    TableSpec {
        header: vec!["", "Decision"],
        widths: widths(&[3]),
        rows,
        empty: String::new(),
    }
}
