//! The agenda down the left: each step's state and its time against its time box.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::safe;
use crate::domain::agenda::StepKind;
use crate::tui::meeting::app::MeetingModel;
use crate::tui::meeting::steps;

pub fn draw(m: &MeetingModel, frame: &mut Frame, area: Rect) {
    let block = Block::default()
        .borders(Borders::RIGHT)
        .border_style(m.theme.border)
        .title(Span::styled(" Agenda ", m.theme.title));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    let ctx = m.ctx();
    let current = m.draft.step;
    // Keep the current step in view on a short screen.
    let rows = usize::from(inner.height);
    let first = current.saturating_sub(rows.saturating_sub(2));
    let mut lines = Vec::new();
    for (i, step) in m.agenda.steps.iter().enumerate().skip(first).take(rows) {
        let visited = m.visited.get(i).copied().unwrap_or(false);
        let missing = step.kind != StepKind::Close
            && (i < current || visited)
            && step.required
            && (!visited || !steps::missing(&ctx, i).is_empty());
        let (mark, style) = if i == current {
            ("▶", m.theme.current)
        } else if missing {
            ("!", m.theme.missing)
        } else if visited {
            ("✓", m.theme.done)
        } else {
            ("·", m.theme.dim)
        };
        let spent = m.step_seconds(i);
        let over = spent > u64::from(step.minutes) * 60;
        let time = format!("{}/{}m", spent / 60, step.minutes);
        let title_room = width.saturating_sub(time.chars().count() + 3);
        let mut title: String = safe(&step.title).chars().take(title_room).collect();
        if safe(&step.title).chars().count() > title_room && title_room > 0 {
            title.pop();
            title.push('…');
        }
        let pad = width.saturating_sub(2 + title.chars().count() + time.chars().count());
        let time_style = if over { m.theme.warning } else { m.theme.dim };
        lines.push(Line::from(vec![
            Span::styled(format!("{mark} "), style),
            Span::styled(
                title,
                if i == current {
                    m.theme.current
                } else {
                    m.theme.base
                },
            ),
            Span::raw(" ".repeat(pad)),
            Span::styled(time, time_style),
        ]));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
