//! Close: the checklist of what is missing.

use ratatui::text::{Line, Span};

use crate::tui::app::Model;
use crate::tui::view::safe;

pub fn info(m: &Model) -> Vec<Line<'static>> {
    let missing = m.missing();
    let mut out = Vec::new();
    if missing.is_empty() {
        out.push(Line::from(Span::styled(
            "✓ Nothing is missing.",
            m.theme.ok,
        )));
    } else {
        out.push(Line::from(Span::styled(
            format!(
                "Missing ({}): the chair may close anyway, and this list is recorded.",
                missing.len()
            ),
            m.theme.warning,
        )));
        for item in missing {
            out.push(Line::from(vec![
                Span::styled("  ! ", m.theme.missing),
                Span::raw(safe(&item)),
            ]));
        }
    }
    out
}
