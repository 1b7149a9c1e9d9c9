//! Revisions to the plan: every action (only the visible rows are drawn) and every outcome.

use std::ops::Range;

use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Row};

use super::table::{cell, widths};
use crate::domain::plan::Origin;
use crate::tui::meeting::app::MeetingModel;
use crate::tui::widgets::field::FieldId;
use crate::tui::widgets::form_view::TableSpec;
use crate::tui::widgets::layout::safe;

pub fn info(m: &MeetingModel) -> Vec<Line<'static>> {
    vec![Line::from(Span::styled(
        format!(
            "Actions of the {}. Conference {} are read-only.",
            safe(&m.agenda.terms.plan),
            safe(&m.agenda.terms.outcomes)
        ),
        m.theme.dim,
    ))]
}

pub fn rows(m: &MeetingModel, id: FieldId, range: Range<usize>, w: usize) -> TableSpec {
    let plan = &m.draft.plan;
    if id == "outcomes" {
        let rows = plan.outcomes
            [range.start.min(plan.outcomes.len())..range.end.min(plan.outcomes.len())]
            .iter()
            .map(|o| {
                let origin = match o.origin {
                    Origin::Conference => "conference",
                    Origin::CoreGroup => "core group",
                };
                Row::new(vec![
                    Cell::from(cell(&o.id, 4)),
                    Cell::from(origin),
                    Cell::from(cell(&o.text, w.saturating_sub(17))),
                ])
            })
            .collect();
        return TableSpec {
            header: vec!["Id", "Set by", "Outcome"],
            widths: widths(&[4, 10]),
            rows,
            empty: "no outcomes".into(),
        };
    }
    // Narrow screens give the room to what the action is rather than to who owns it.
    let owner_w = if w < 70 { 10 } else { 15 };
    let rows = plan.actions[range.start.min(plan.actions.len())..range.end.min(plan.actions.len())]
        .iter()
        .map(|a| {
            let owner = a.owner.as_deref().map(|o| plan.member_name(o));
            let due = a.due.map(|d| d.format("%d/%m/%y").to_string());
            let missing = a.status.is_open() && (owner.is_none() || due.is_none());
            Row::new(vec![
                Cell::from(cell(&a.id, 4)),
                Cell::from(Span::styled(
                    cell(owner.unwrap_or("nobody!"), owner_w),
                    if owner.is_none() {
                        m.theme.missing
                    } else {
                        m.theme.base
                    },
                )),
                Cell::from(Span::styled(
                    due.unwrap_or_else(|| "no date!".into()),
                    if missing {
                        m.theme.missing
                    } else {
                        m.theme.base
                    },
                )),
                Cell::from(cell(a.status.label(), 12)),
                Cell::from(cell(&a.what, w.saturating_sub(4 + owner_w + 8 + 12 + 4))),
            ])
        })
        .collect();
    TableSpec {
        header: vec!["Id", "Who", "By", "Status", "What"],
        widths: widths(&[4, owner_w as u16, 8, 12]),
        rows,
        empty: "no actions yet: + adds one".into(),
    }
}
