//! Introductions: warnings about the chair, and, where chairing rotates between agencies, who
//! chaired the previous meetings so the group can see whose turn it is.

use ratatui::text::{Line, Span};

use crate::agenda::rules;
use crate::tui::meeting::app::MeetingModel;
use crate::tui::meeting::steps;
use crate::tui::widgets::layout::safe;

pub fn info(m: &MeetingModel) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for w in steps::chair_warnings(&m.ctx()) {
        out.push(Line::from(Span::styled(
            format!("⚠ {}", safe(&w)),
            m.theme.warning,
        )));
    }
    if !m.agenda.policy.chair_rotates {
        return out;
    }
    let chairs: Vec<String> = rules::previous_chairs(&m.draft.plan)
        .into_iter()
        .take(4)
        .map(|(date, who)| format!("{} {}", date.format("%-d %b"), safe(who)))
        .collect();
    let text = if chairs.is_empty() {
        "Chaired before: no earlier chair recorded".to_string()
    } else {
        format!("Chaired before: {}", chairs.join("; "))
    };
    out.push(Line::from(Span::styled(text, m.theme.dim)));
    out
}
