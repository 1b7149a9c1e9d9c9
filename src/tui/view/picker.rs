//! Draws a picker's matches under the choice being typed into, and the list of steps.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::{centred, position, safe};
use crate::tui::app::Model;
use crate::tui::widgets::picker::Picker;
use crate::tui::widgets::theme::Theme;

/// The first row shown so that the highlighted match is in view.
fn first_shown(highlight: usize, rows: usize) -> usize {
    (highlight + 1).saturating_sub(rows.max(1))
}

/// The matches as lines, the one Enter takes marked, from `first` on.
fn match_lines(
    m: &Theme,
    p: &Picker,
    rows: usize,
    width: usize,
) -> (Vec<Line<'static>>, usize, usize) {
    let matches = p.matches();
    let first = first_shown(p.highlight, rows);
    let lines = matches
        .iter()
        .enumerate()
        .skip(first)
        .take(rows)
        .map(|(k, i)| {
            let label: String = safe(&p.options[*i])
                .chars()
                .take(width.saturating_sub(3))
                .collect();
            if k == p.highlight {
                Line::from(Span::styled(format!("› {label}"), m.selected))
            } else {
                Line::from(format!("  {label}"))
            }
        })
        .collect();
    (lines, first, matches.len())
}

/// What was typed and its matches, in a box just below the field (or above it at the bottom).
pub fn popup(m: &Model, p: &Picker, frame: &mut Frame, field: Rect, bounds: Rect) {
    popup_themed(&m.theme, p, frame, field, bounds);
}

/// [`popup`] for any screen: only the theme is needed.
pub fn popup_themed(m: &Theme, p: &Picker, frame: &mut Frame, field: Rect, bounds: Rect) {
    let below = (bounds.y + bounds.height).saturating_sub(field.y + 1);
    let above = field.y.saturating_sub(bounds.y);
    let room = below.max(above);
    if room < 3 {
        return;
    }
    let n = p.matches().len().max(1);
    let h = (n as u16 + 2).min(room).min(10);
    let y = if below >= h { field.y + 1 } else { field.y - h };
    let rect = Rect {
        x: field.x,
        y,
        width: field.width,
        height: h,
    };
    let rows = usize::from(h - 2);
    let (mut lines, first, total) = match_lines(m, p, rows, usize::from(field.width));
    if total == 0 {
        lines.push(Line::from(Span::styled("  nothing matches", m.missing)));
    }
    let title = format!(" ⌕ {} ", safe(&p.filter));
    let pos = format!(" {} ", position(first, lines.len().min(total), total));
    frame.render_widget(Clear, rect);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(m.focus)
        .title(Span::styled(title, m.focus))
        .title_bottom(Line::from(Span::styled(pos, m.dim)).right_aligned())
        .style(m.base);
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}

/// The list of steps, over the screen: type to find, Enter goes.
pub fn step_list(m: &Model, p: &Picker, frame: &mut Frame, area: Rect) {
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
