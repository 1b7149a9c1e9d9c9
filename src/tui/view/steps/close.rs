//! Close: the checklist of what is missing, scrolled with the page keys when it is long.

use ratatui::text::{Line, Span};

use crate::tui::app::Model;
use crate::tui::view::{position, safe, wrapped_rows};

/// The checklist in at most `rows` rows of `width` columns, from the scrolled item on.
pub fn info(m: &Model, rows: usize, width: usize) -> Vec<Line<'static>> {
    let missing = m.missing();
    if missing.is_empty() {
        return vec![Line::from(Span::styled(
            "✓ Nothing is missing.",
            m.theme.ok,
        ))];
    }
    let header = format!(
        "Missing ({}): the chair may close anyway, and this list is recorded.",
        missing.len()
    );
    let width = width.max(1);
    // Keep a row for the position when not everything fits.
    let room = rows.saturating_sub(wrapped_rows(&header, width) + 1).max(1);
    let mut out = vec![Line::from(Span::styled(header, m.theme.warning))];
    let first = m.scroll.min(missing.len() - 1);
    let mut used = 0;
    let mut shown = 0;
    for item in &missing[first..] {
        let h = wrapped_rows(&format!("! {item}"), width);
        if used + h > room && shown > 0 {
            break;
        }
        used += h;
        shown += 1;
        out.push(Line::from(vec![
            Span::styled("  ! ", m.theme.missing),
            Span::raw(safe(item)),
        ]));
    }
    m.page.set(shown);
    if shown < missing.len() {
        out.push(Line::from(Span::styled(
            format!(
                "  {} · PgUp/PgDn scroll",
                position(first, shown, missing.len())
            ),
            m.theme.dim,
        )));
    }
    out
}
