//! Changes of circumstances recorded so far.

use std::ops::Range;

use ratatui::widgets::{Cell, Row};

use super::table::{cell, widths};
use crate::tui::meeting::app::MeetingModel;
use crate::tui::widgets::field::privacy_mark;
use crate::tui::widgets::form_view::TableSpec;

pub fn rows(m: &MeetingModel, range: Range<usize>, w: usize) -> TableSpec {
    let items = &m.draft.meeting.circumstances;
    let rows = items[range.start.min(items.len())..range.end.min(items.len())]
        .iter()
        .map(|c| {
            let flags = format!(
                "{}{}",
                if c.tell_conference_chair {
                    "tell chair"
                } else {
                    ""
                },
                privacy_mark(&c.privacy, &m.draft.plan).trim_end()
            );
            Row::new(vec![
                Cell::from(cell(c.kind.label(), 22)),
                Cell::from(flags),
                Cell::from(cell(&c.detail, w.saturating_sub(38))),
            ])
        })
        .collect();
    TableSpec {
        header: vec!["Kind", "", "Detail"],
        widths: widths(&[22, 13]),
        rows,
        empty: "none recorded yet: + adds one (or ctrl-g from any step)".into(),
    }
}
