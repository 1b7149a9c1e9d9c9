//! The header: case, children, date, elapsed time and whether everything is saved.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::tui::meeting::app::MeetingModel;
use crate::tui::widgets::layout::{clock, safe};

pub fn draw(m: &MeetingModel, frame: &mut Frame, area: Rect) {
    let plan = &m.draft.plan;
    let date = m.draft.meeting.details.date.map_or_else(
        || "no date".to_string(),
        |d| d.format("%a %-d %b %Y").to_string(),
    );
    let (saved, saved_style) = if m.save.error.is_some() {
        ("⚠ NOT SAVED", m.theme.error)
    } else if m.is_saved() {
        ("✓ saved", m.theme.header)
    } else {
        ("○ unsaved", m.theme.header)
    };
    let elapsed = clock(m.clock.earlier + m.clock.now.as_secs());
    let fixed = format!(" {date} │ {elapsed} │ {saved} ");
    let reference = safe(&plan.case.reference);
    let full: Vec<String> = plan.children.iter().map(|c| safe(&c.name)).collect();
    let room = usize::from(area.width)
        .saturating_sub(fixed.chars().count() + reference.chars().count() + 6);
    let mut children = full.join(", ");
    if children.chars().count() > room {
        // First names first; then cut.
        children = plan
            .children
            .iter()
            .map(|c| safe(c.name.split_whitespace().next().unwrap_or(&c.name)))
            .collect::<Vec<_>>()
            .join(", ");
        if children.chars().count() > room {
            children = children
                .chars()
                .take(room.saturating_sub(1))
                .collect::<String>()
                + "…";
        }
    }
    let left = format!(" {reference} │ {children}");
    let pad = usize::from(area.width).saturating_sub(left.chars().count() + fixed.chars().count());
    let line = Line::from(vec![
        Span::styled(left, m.theme.header),
        Span::styled(" ".repeat(pad), m.theme.header),
        Span::styled(format!(" {date} │ {elapsed} │ "), m.theme.header),
        Span::styled(format!("{saved} "), saved_style),
    ]);
    frame.render_widget(Paragraph::new(line).style(m.theme.header), area);
}
