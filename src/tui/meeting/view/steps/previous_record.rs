//! The previous record: each action open at the start, with its review.

use std::ops::Range;

use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Row};

use super::table::{cell, widths};
use crate::tui::meeting::app::MeetingModel;
use crate::tui::widgets::form_view::TableSpec;

pub fn info(m: &MeetingModel) -> Vec<Line<'static>> {
    let open = m.draft.start.open_actions.len();
    let reviewed = m.draft.meeting.action_reviews.len();
    vec![Line::from(Span::styled(
        format!("{reviewed} of {open} open actions reviewed"),
        if reviewed >= open {
            m.theme.ok
        } else {
            m.theme.dim
        },
    ))]
}

pub fn rows(m: &MeetingModel, range: Range<usize>, w: usize) -> TableSpec {
    let plan = &m.draft.plan;
    let owner_w = 16;
    let what_w = w.saturating_sub(5 + owner_w + 18 + 3);
    let rows = m.draft.start.open_actions[range.start.min(m.draft.start.open_actions.len())
        ..range.end.min(m.draft.start.open_actions.len())]
        .iter()
        .filter_map(|id| plan.action(id))
        .map(|a| {
            let review = m
                .draft
                .meeting
                .action_reviews
                .iter()
                .find(|r| r.action == a.id);
            let (status, style) = match review {
                Some(r) => (format!("→ {}", r.status.label()), m.theme.ok),
                None => ("not reviewed".to_string(), m.theme.dim),
            };
            Row::new(vec![
                Cell::from(cell(&a.id, 5)),
                Cell::from(cell(
                    a.owner.as_deref().map_or("nobody", |o| plan.member_name(o)),
                    owner_w,
                )),
                Cell::from(Span::styled(status, style)),
                Cell::from(cell(&a.what, what_w)),
            ])
        })
        .collect();
    TableSpec {
        header: vec!["Id", "Who", "Review", "What"],
        widths: widths(&[5, owner_w as u16, 18]),
        rows,
        empty: "no actions were open".into(),
    }
}
