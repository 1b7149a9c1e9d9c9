//! The list of steps, over the screen: type to find, Enter goes.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use crate::tui::meeting::app::MeetingModel;
use crate::tui::widgets::layout::{centred, position, safe};
use crate::tui::widgets::picker::Picker;
use crate::tui::widgets::picker_view::match_lines;

/// The list of steps, over the screen: type to find, Enter goes.
pub fn step_list(m: &MeetingModel, p: &Picker, frame: &mut Frame, area: Rect) {
    let n = p.options.len() as u16;
    let rect = centred(
        area,
        area.width.saturating_sub(4).min(60),
        (n + 4).min(area.height),
    );
    frame.render_widget(Clear, rect);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(m.theme.focus)
        .title(Span::styled(
            " Go to step · type to find, Enter goes, Esc stays ",
            m.theme.title,
        ))
        .style(m.theme.base);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let rows = usize::from(inner.height.saturating_sub(2));
    let (lines, first, total) = match_lines(&m.theme, p, rows, usize::from(inner.width));
    let shown = lines.len();
    let typed = Line::from(vec![
        Span::styled("⌕ ", m.theme.dim),
        Span::styled(safe(&p.filter), m.theme.focus),
    ]);
    let mut all = vec![typed];
    all.extend(lines);
    if total == 0 {
        all.push(Line::from(Span::styled(
            "  nothing matches",
            m.theme.missing,
        )));
    }
    frame.render_widget(Paragraph::new(all), inner);
    let foot = Rect {
        y: inner.y + inner.height.saturating_sub(1),
        height: 1.min(inner.height),
        ..inner
    };
    frame.render_widget(
        Paragraph::new(Span::styled(position(first, shown, total), m.theme.dim)).right_aligned(),
        foot,
    );
}
