//! Escalation: the agenda's other decisions, ticked or not.

use std::ops::Range;

use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Row};

use super::table::{cell, widths};
use crate::domain::case_dates::{last_before_review, review_due};
use crate::tui::meeting::app::MeetingModel;
use crate::tui::widgets::form_view::TableSpec;

pub fn info(m: &MeetingModel) -> Vec<Line<'static>> {
    let plan = &m.draft.plan;
    let policy = &m.agenda.policy;
    let held = m.draft.meeting.details.date.unwrap_or(m.today);
    let line = |t: String| Line::from(Span::styled(t, m.theme.dim));
    let mut out = Vec::new();
    let review = review_due(plan, policy, &m.calendar);
    if review.booked.is_some() || review.due.is_some() {
        // In the words the minutes use.
        out.push(line(format!(
            "Next review conference: {}.",
            crate::export::wording::review_conference(&review)
        )));
    }
    if last_before_review(plan, policy, &m.calendar, held).is_some() {
        out.push(line(
            "This is the last core group before it: record the core group's recommendation.".into(),
        ));
    }
    out
}

pub fn rows(m: &MeetingModel, range: Range<usize>, w: usize) -> TableSpec {
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
