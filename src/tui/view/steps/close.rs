//! Close: the checklist of what is missing, and the passages going to a family copy that look
//! as if they should not.

use std::ops::Range;

use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Row};

use super::{cell, widths};
use crate::domain::family_check::concerns;
use crate::tui::app::Model;
use crate::tui::field::privacy_words;
use crate::tui::view::form::TableSpec;
use crate::tui::view::safe;

/// The family-copy check: where, who may read it now, and why it was flagged.
pub fn rows(m: &Model, range: Range<usize>, w: usize) -> TableSpec {
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
    if !concerns(&m.draft.meeting, &m.draft.plan).is_empty() {
        out.push(Line::from(Span::styled(
            "Check the family's copy: ctrl-p makes a passage's item confidential or not for \
             someone, Enter opens it to edit. The chair may close anyway; the list is recorded.",
            m.theme.warning,
        )));
    }
    out
}
