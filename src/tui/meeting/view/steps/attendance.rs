//! Attendance: the list of members and guests with their answers.

use std::ops::Range;

use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Row};

use super::table::{cell, widths};
use crate::domain::meeting::Presence;
use crate::tui::meeting::app::MeetingModel;
use crate::tui::meeting::steps::{self, attendance};
use crate::tui::widgets::field::privacy_mark;
use crate::tui::widgets::form_view::TableSpec;
use crate::tui::widgets::layout::safe;

pub fn info(m: &MeetingModel) -> Vec<Line<'static>> {
    let ctx = m.ctx();
    steps::family_warnings(&ctx)
        .into_iter()
        .map(|w| Line::from(Span::styled(format!("⚠ {}", safe(&w)), m.theme.warning)))
        .collect()
}

pub fn rows(m: &MeetingModel, range: Range<usize>, w: usize) -> TableSpec {
    let ctx = m.ctx();
    let name_w = (w / 3).clamp(12, 30);
    let role_w = w.saturating_sub(name_w + 16 + 4).clamp(0, 30);
    let mut rows = Vec::new();
    for i in range {
        let row = match attendance::row(&ctx, i) {
            Some(attendance::AttendanceRow::Member(a)) => {
                let member = m.draft.plan.member(&a.member);
                let name = member.map_or(a.member.as_str(), |p| p.name.as_str());
                let role = member.map_or("", |p| p.role.as_str());
                let (answer, style) = match a.presence {
                    None => ("—".to_string(), m.theme.dim),
                    // A substitute speaks for the agency: no written update is owed.
                    Some(Presence::Apologies) if !a.written_update && !a.agency_attended() => {
                        ("apologies, no update !".to_string(), m.theme.missing)
                    }
                    Some(p) => (p.label().to_string(), m.theme.base),
                };
                let mut role_text = cell(role, role_w);
                if !a.substitute.is_empty() {
                    role_text = cell(&format!("sub: {}", a.substitute), role_w);
                }
                Row::new(vec![
                    Cell::from(cell(name, name_w)),
                    Cell::from(role_text),
                    Cell::from(Span::styled(answer, style)),
                ])
            }
            Some(attendance::AttendanceRow::Guest(g)) => {
                // Who may read it goes before the name, as on every list.
                let name = format!("{}{}", privacy_mark(&g.privacy, &m.draft.plan), g.name);
                let style = if g.privacy.is_open() {
                    m.theme.base
                } else {
                    m.theme.confidential
                };
                Row::new(vec![
                    Cell::from(Span::styled(cell(&name, name_w), style)),
                    Cell::from(cell(&format!("guest: {}", g.role), role_w)),
                    Cell::from("present"),
                ])
            }
            None => continue,
        };
        rows.push(row);
    }
    TableSpec {
        header: vec!["Name", "Role", "Attendance"],
        widths: widths(&[name_w as u16, role_w as u16]),
        rows,
        empty: "nobody is listed".into(),
    }
}
