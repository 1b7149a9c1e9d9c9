//! Draws a picker's matches under the choice being typed into.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::layout::{position, safe};
use crate::tui::widgets::picker::Picker;
use crate::tui::widgets::theme::Theme;

/// The first row shown so that the highlighted match is in view.
pub fn first_shown(highlight: usize, rows: usize) -> usize {
    (highlight + 1).saturating_sub(rows.max(1))
}

/// The matches as lines `width` wide (inside a box), the one Enter takes marked, from `first`
/// on; a match too long ends "…".
pub fn match_lines(
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
            let label = super::layout::cut(&safe(&p.label(*i)), width.saturating_sub(3));
            if k == p.highlight {
                Line::from(Span::styled(format!("› {label}"), m.selected))
            } else {
                Line::from(format!("  {label}"))
            }
        })
        .collect();
    (lines, first, matches.len())
}

/// What was typed and its matches, in a box just below the field (or above it at the bottom),
/// for any screen: only the theme is needed.
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
    let (mut lines, first, total) =
        match_lines(m, p, rows, usize::from(field.width.saturating_sub(2)));
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::widgets::theme::{Theme, ThemeName};

    /// A match longer than the box ends "…" inside it, so the chair sees it goes on.
    #[test]
    fn a_long_match_is_cut_with_an_ellipsis_inside_its_box() {
        let long = "Why the children are on a plan (the concerns, danger statement, safety goals)";
        let p = Picker::new(vec![long.to_string(), "Action a1".to_string()], 0);
        let theme = Theme::new(ThemeName::Monochrome);
        let (lines, _, total) = match_lines(&theme, &p, 5, 40);
        assert_eq!(total, 2);
        let first: String = lines[0].spans.iter().map(|s| s.content.as_ref()).collect();
        assert!(
            first.chars().count() <= 40,
            "{first:?} is wider than the box"
        );
        assert!(first.ends_with('…'), "{first:?} does not say it goes on");
        let second: String = lines[1].spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(second, "  Action a1");
    }
}
