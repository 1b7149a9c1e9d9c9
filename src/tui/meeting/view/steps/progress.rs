//! Progress of the plan: who has given an update, and the score on each outcome.

use std::ops::Range;

use ratatui::text::Span;
use ratatui::widgets::{Cell, Row};

use super::table::{cell, widths};
use crate::tui::meeting::app::MeetingModel;
use crate::tui::meeting::steps;
use crate::tui::widgets::field::{FieldId, privacy_mark};
use crate::tui::widgets::form_view::TableSpec;

pub fn rows(m: &MeetingModel, id: FieldId, range: Range<usize>, w: usize) -> TableSpec {
    let ctx = m.ctx();
    if id == "outcomes" {
        let rows = m.draft.plan.outcomes[range.start.min(m.draft.plan.outcomes.len())
            ..range.end.min(m.draft.plan.outcomes.len())]
            .iter()
            .map(|o| {
                let p = m
                    .draft
                    .meeting
                    .outcome_progress
                    .iter()
                    .find(|p| p.outcome == o.id);
                let score = p
                    .and_then(|p| p.score)
                    .map_or_else(|| "—".to_string(), |s| format!("{s}/10"));
                Row::new(vec![
                    Cell::from(cell(&o.id, 4)),
                    Cell::from(score),
                    Cell::from(cell(&o.text, w.saturating_sub(14))),
                ])
            })
            .collect();
        return TableSpec {
            header: vec!["Id", "Score", "Outcome"],
            widths: widths(&[4, 6]),
            rows,
            empty: "the plan has no outcomes".into(),
        };
    }
    if id == "said" {
        let said = steps::progress::person(&ctx, m.form.choice("people"))
            .map_or_else(Vec::new, |p| steps::contributions_of(&ctx, &p));
        let n = said.len();
        let rows = range
            .filter(|i| *i <= n)
            .map(|i| match said.get(i) {
                Some(c) => {
                    let style = if c.privacy.is_open() {
                        m.theme.base
                    } else {
                        m.theme.confidential
                    };
                    let text = format!("{}{}", privacy_mark(&c.privacy, &m.draft.plan), c.text);
                    Row::new(vec![
                        Cell::from(c.tag.map_or("", |t| t.label())),
                        Cell::from(cell(&c.outcomes.join(" "), 10)),
                        Cell::from(Span::styled(cell(&text, w.saturating_sub(24)), style)),
                    ])
                }
                None => Row::new(vec![
                    Cell::from(""),
                    Cell::from(""),
                    Cell::from(Span::styled("+ something else they said", m.theme.dim)),
                ]),
            })
            .collect();
        return TableSpec {
            header: vec!["Tag", "Outcomes", "Said"],
            widths: widths(&[11, 10]),
            rows,
            empty: String::new(),
        };
    }
    let name_w = (w / 3).clamp(12, 26);
    let rows = range
        .filter_map(|i| steps::progress::person(&ctx, i))
        .map(|p| {
            let all = steps::contributions_of(&ctx, &p);
            let c = all.first().copied();
            let name = m.draft.meeting.person_name(&m.draft.plan, &p);
            let (said, style) = match c {
                Some(c) if !c.privacy.is_open() => (
                    format!(
                        "{}{}",
                        privacy_mark(&c.privacy, &m.draft.plan),
                        cell(&c.text, w)
                    ),
                    m.theme.confidential,
                ),
                Some(c) => (cell(&c.text, w), m.theme.base),
                None => ("not heard yet".to_string(), m.theme.dim),
            };
            let said = match all.len() {
                0 | 1 => said,
                n => format!("({n}) {said}"),
            };
            let tag = c.and_then(|c| c.tag).map_or("", |t| t.label());
            Row::new(vec![
                Cell::from(cell(name, name_w)),
                Cell::from(tag),
                Cell::from(Span::styled(said, style)),
            ])
        })
        .collect();
    TableSpec {
        header: vec!["Member", "Tag", "Update"],
        widths: widths(&[name_w as u16, 11]),
        rows,
        empty: "nobody is listed".into(),
    }
}
