//! The child's views: where the plan has several children, whose views are shown, and whether
//! each child's are recorded.

use std::ops::Range;

use ratatui::text::Span;
use ratatui::widgets::{Cell, Row};

use super::table::{cell, widths};
use crate::tui::meeting::app::MeetingModel;
use crate::tui::widgets::form_view::TableSpec;

pub fn rows(m: &MeetingModel, range: Range<usize>, w: usize) -> TableSpec {
    let children = &m.draft.plan.children;
    let rows = children[range.start.min(children.len())..range.end.min(children.len())]
        .iter()
        .map(|c| {
            let recorded = m
                .draft
                .meeting
                .views_of(&c.id)
                .is_some_and(|v| v.is_recorded());
            let (mark, style) = if recorded {
                ("recorded", m.theme.base)
            } else {
                ("not yet", m.theme.dim)
            };
            Row::new(vec![
                Cell::from(cell(&c.name, w.saturating_sub(12))),
                Cell::from(Span::styled(mark, style)),
            ])
        })
        .collect();
    TableSpec {
        header: vec!["Child", "Views"],
        widths: widths(&[(w.saturating_sub(12)) as u16]),
        rows,
        empty: "the plan names no child".into(),
    }
}
