//! Disagreements: those carried in from earlier meetings first, then those raised today.

use std::ops::Range;

use ratatui::widgets::{Cell, Row};

use super::table::{cell, widths};
use crate::tui::meeting::app::MeetingModel;
use crate::tui::widgets::form_view::TableSpec;

pub fn rows(m: &MeetingModel, range: Range<usize>, w: usize) -> TableSpec {
    let ctx = m.ctx();
    let carried = ctx.carried();
    let reviews = &m.draft.meeting.disagreement_reviews;
    // Wider where carried ones say how long they have been open.
    let state_w = if carried.is_empty() { 8 } else { 12 };
    let row = |who: &str, state: String, about: &str| {
        Row::new(vec![
            Cell::from(cell(who, 18)),
            Cell::from(cell(&state, state_w)),
            Cell::from(cell(about, w.saturating_sub(22 + state_w))),
        ])
    };
    let mut all: Vec<Row> = carried
        .iter()
        .map(|d| {
            // What this meeting said, else where it stood when the meeting opened.
            let state = match reviews.iter().find(|r| r.disagreement == d.id) {
                Some(r) => format!("→ {}", short(r.standing)),
                None if d.is_open() => {
                    format!("{} · {}d", short(d.standing()), d.age(ctx.meeting_date()))
                }
                None => short(d.standing()).to_string(),
            };
            row(&d.who, state, &format!("{}: {}", d.id, d.about))
        })
        .collect();
    all.extend(m.draft.meeting.disagreements.iter().map(|d| {
        let state = match (carried.is_empty(), d.resolved) {
            (true, true) => "resolved",
            (true, false) => "open",
            (false, true) => "new, resolved",
            (false, false) => "new",
        };
        row(&d.who, state.into(), &d.about)
    }));
    let rows = all
        .into_iter()
        .skip(range.start)
        .take(range.end.saturating_sub(range.start))
        .collect();
    TableSpec {
        header: vec!["Who", "", "About"],
        widths: widths(&[18, u16::try_from(state_w).unwrap_or(8)]),
        rows,
        empty: "none recorded yet: + adds one (or ctrl-d from any step)".into(),
    }
}

fn short(s: crate::domain::disagreements::Standing) -> &'static str {
    use crate::domain::disagreements::Standing;
    match s {
        Standing::Open => "open",
        Standing::Escalated => "escalated",
        Standing::Resolved => "resolved",
        Standing::Ended => "ended",
    }
}
