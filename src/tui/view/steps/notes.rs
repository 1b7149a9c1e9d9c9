//! Free notes, with the step each was written under and whether it is confidential.

use std::ops::Range;

use ratatui::text::Span;
use ratatui::widgets::{Cell, Row};

use super::{cell, widths};
use crate::tui::app::Model;
use crate::tui::view::form::TableSpec;

pub fn rows(m: &Model, range: Range<usize>, w: usize) -> TableSpec {
    let items = &m.draft.meeting.notes;
    let rows = items[range.start.min(items.len())..range.end.min(items.len())]
        .iter()
        .map(|n| {
            let (mark, style) = if n.privacy.confidential {
                ("confidential", m.theme.confidential)
            } else {
                ("", m.theme.base)
            };
            Row::new(vec![
                Cell::from(cell(&n.step, 16)),
                Cell::from(Span::styled(mark, style)),
                Cell::from(cell(&n.text, w.saturating_sub(32))),
            ])
        })
        .collect();
    TableSpec {
        header: vec!["Step", "", "Note"],
        widths: widths(&[16, 12]),
        rows,
        empty: "no notes yet: + adds one (ctrl-n from any step adds a confidential one)".into(),
    }
}
