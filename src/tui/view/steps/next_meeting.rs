//! The next meeting: the latest date the procedure allows, and what a later date needs.

use ratatui::text::{Line, Span};

use crate::tui::app::Model;
use crate::tui::steps;

pub fn info(m: &Model) -> Vec<Line<'static>> {
    let ctx = m.ctx();
    let limit = steps::limit(&ctx);
    let mut text = format!(
        "Latest date allowed: {} ({} after {})",
        limit.latest().format("%a %-d %b %Y"),
        limit.interval,
        ctx.meeting_date().format("%-d %b"),
    );
    if limit.due.latest_working_day.is_some() {
        text.push_str(&format!(
            "; {} itself is not a working day",
            limit.due.date.format("%a %-d %b")
        ));
    }
    let mut out = vec![Line::from(Span::styled(text, m.theme.label))];
    let n = &m.draft.meeting.next_meeting;
    if let Some(date) = n.date {
        if let Some(w) = steps::day_warning(&ctx, date) {
            out.push(Line::from(Span::styled(format!("⚠ {w}"), m.theme.warning)));
        }
        if date > limit.latest() {
            let policy = &m.agenda.policy;
            let mut need = vec!["a reason for the longer gap"];
            if policy.longer_gap_needs_countersign {
                need.push("a manager's countersignature");
            }
            out.push(Line::from(Span::styled(
                format!("⚠ Later than allowed: record {}.", need.join(" and ")),
                m.theme.missing,
            )));
        }
    }
    out
}
