//! Introductions: who chaired before (so chairing can rotate) and warnings about the chair.

use ratatui::text::{Line, Span};

use crate::tui::app::Model;
use crate::tui::steps;
use crate::tui::view::safe;

pub fn info(m: &Model) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for w in steps::chair_warnings(&m.ctx()) {
        out.push(Line::from(Span::styled(format!("⚠ {w}"), m.theme.warning)));
    }
    let chairs: Vec<String> = m
        .draft
        .plan
        .key_dates
        .core_groups
        .iter()
        .rev()
        .take(4)
        .map(|c| {
            format!(
                "{} {}",
                c.date.format("%-d %b"),
                c.chair
                    .as_deref()
                    .map_or_else(|| "not recorded".to_string(), safe)
            )
        })
        .collect();
    if !chairs.is_empty() {
        out.push(Line::from(Span::styled(
            format!("Chaired before: {}", chairs.join("; ")),
            m.theme.dim,
        )));
    }
    out
}
