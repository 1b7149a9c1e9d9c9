//! Free notes, with what each is about and whether it is confidential.

use std::ops::Range;

use ratatui::text::Span;
use ratatui::widgets::{Cell, Row};

use super::table::{cell, widths};
use crate::tui::meeting::app::MeetingModel;
use crate::tui::widgets::field::privacy_mark;
use crate::tui::widgets::form_view::TableSpec;

pub fn rows(m: &MeetingModel, range: Range<usize>, w: usize) -> TableSpec {
    let items = &m.draft.meeting.notes;
    let rows = items[range.start.min(items.len())..range.end.min(items.len())]
        .iter()
        .map(|n| {
            let (mark, style) = if n.privacy.is_open() {
                (String::new(), m.theme.base)
            } else {
                (
                    privacy_mark(&n.privacy, &m.draft.plan),
                    m.theme.confidential,
                )
            };
            Row::new(vec![
                Cell::from(cell(&n.subject, 16)),
                Cell::from(Span::styled(cell(&mark, 12), style)),
                Cell::from(cell(&n.text, w.saturating_sub(32))),
            ])
        })
        .collect();
    TableSpec {
        header: vec!["About", "", "Note"],
        widths: widths(&[16, 12]),
        rows,
        empty: "no notes yet: + adds one (ctrl-n from any step adds a confidential one)".into(),
    }
}
