//! A checklist step: the agenda's items, ticked or not.

use std::ops::Range;

use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Row};

use super::table::{cell, widths};
use crate::tui::meeting::app::MeetingModel;
use crate::tui::meeting::steps;
use crate::tui::widgets::form_view::TableSpec;
use crate::tui::widgets::layout::safe;

/// The core assessment's due date and state, on its step.
pub fn info(m: &MeetingModel) -> Vec<Line<'static>> {
    steps::core_assessment(&m.ctx())
        .map(|t| Line::from(Span::styled(safe(&t), m.theme.warning)))
        .into_iter()
        .collect()
}

pub fn rows(m: &MeetingModel, range: Range<usize>, w: usize) -> TableSpec {
    let ctx = m.ctx();
    let items = m
        .agenda
        .steps
        .get(m.draft.step)
        .map_or(&[][..], |s| s.items.as_slice());
    let rows = items[range.start.min(items.len())..range.end.min(items.len())]
        .iter()
        .map(|i| {
            let mark = if steps::is_ticked(&ctx, i) {
                "[x]"
            } else {
                "[ ]"
            };
            Row::new(vec![
                Cell::from(mark),
                Cell::from(cell(i, w.saturating_sub(4))),
            ])
        })
        .collect();
    TableSpec {
        header: vec!["", "Item"],
        widths: widths(&[3]),
        rows,
        empty: "the agenda lists no items".into(),
    }
}
