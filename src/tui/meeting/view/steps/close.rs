//! Close: the checklist of what is missing (scrolled with the page keys when it is long), and
//! the passages going to a family copy that look as if they should not.

use std::ops::Range;

use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Row};

use super::table::{cell, widths};
use crate::domain::family_check::concerns;
use crate::tui::meeting::app::MeetingModel;
use crate::tui::widgets::field::privacy_words;
use crate::tui::widgets::form_view::TableSpec;
use crate::tui::widgets::layout::{position, safe, wrapped_rows};

/// The family-copy check: where, who may read it now, and why it was flagged.
pub fn rows(m: &MeetingModel, range: Range<usize>, w: usize) -> TableSpec {
    let (meeting, plan) = (&m.draft.meeting, &m.draft.plan);
    let flags = concerns(meeting, plan);
    let rows = flags[range.start.min(flags.len())..range.end.min(flags.len())]
        .iter()
        .map(|c| {
            let privacy = c.place.privacy(meeting);
            let (mark, style) = match privacy {
                Some(p) if !p.is_open() => (privacy_words(Some(p), plan), m.theme.confidential),
                Some(_) => ("open".to_string(), m.theme.base),
                None => ("always in".to_string(), m.theme.base),
            };
            Row::new(vec![
                Cell::from(cell(&c.place.label(meeting, plan), 18)),
                Cell::from(Span::styled(cell(&mark, 10), style)),
                Cell::from(cell(
                    &format!("{}: {}", c.why, c.excerpt),
                    w.saturating_sub(30),
                )),
            ])
        })
        .collect();
    TableSpec {
        header: vec!["Where", "Who reads", "Why it is flagged"],
        widths: widths(&[18, 10]),
        rows,
        empty: String::new(),
    }
}

/// The checklist in at most `rows` rows of `width` columns, from the scrolled item on, then a
/// word on the family-copy check when it flagged anything.
pub fn info(m: &MeetingModel, rows: usize, width: usize) -> Vec<Line<'static>> {
    let check = (!concerns(&m.draft.meeting, &m.draft.plan).is_empty()).then_some(
        "Family's copy: ctrl-p on a passage sets who may read its item, Enter edits it; the \
         list is recorded.",
    );
    let kept = check.map_or(0, |c| wrapped_rows(c, width.max(1)));
    let mut out = checklist(m, rows.saturating_sub(kept).max(1), width);
    if let Some(c) = check {
        out.push(Line::from(Span::styled(c, m.theme.warning)));
    }
    out
}

fn checklist(m: &MeetingModel, rows: usize, width: usize) -> Vec<Line<'static>> {
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
