//! The next meeting: the latest date the procedure allows, and what a later date still needs.

use ratatui::text::{Line, Span};

use crate::tui::meeting::app::MeetingModel;
use crate::tui::meeting::steps;
use crate::tui::widgets::layout::safe;

pub fn info(m: &MeetingModel) -> Vec<Line<'static>> {
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
    let Some(date) = n.date else {
        return out;
    };
    if let Some(w) = steps::day_warning(&ctx, date) {
        out.push(Line::from(Span::styled(format!("⚠ {w}"), m.theme.warning)));
    }
    // What a later date still needs is what the rules still ask for, so a reason recorded (or a
    // countersignature, where the policy asks) clears it here as in the close checklist.
    let mut need = Vec::new();
    let mut before = false;
    for w in steps::next_meeting::rule_warnings(&ctx, n) {
        match w.rule {
            "gap-needs-reason" => need.push("a reason for the longer gap".to_string()),
            "gap-needs-countersign" => need.push(format!(
                "the countersignature of {}",
                safe(crate::agenda::rules::countersigner(&m.agenda.policy))
            )),
            "next-meeting-before" => before = true,
            _ => {}
        }
    }
    if !need.is_empty() {
        out.push(Line::from(Span::styled(
            format!("⚠ Later than allowed: record {}.", need.join(" and ")),
            m.theme.missing,
        )));
    }
    if before {
        out.push(Line::from(Span::styled(
            "⚠ The next meeting is before this one.",
            m.theme.missing,
        )));
    }
    out
}
