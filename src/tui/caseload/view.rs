//! Draws the caseload: a header with the filter, one line a case, the chosen case's drift and
//! errors, and the keys.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::CaseloadScreen;
use crate::cases::caseload::{CaseloadRow, TimescaleDue};
use crate::domain::timescale::State;
use crate::tui::keymap::{KeyCommand, Mode};
use crate::tui::widgets::footer::{self, Hint};
use crate::tui::widgets::help::{self, HelpPage, HelpSection, keys_label};
use crate::tui::widgets::layout::safe;

fn state_style(m: &CaseloadScreen, d: &Option<TimescaleDue>) -> Style {
    match d.as_ref().map(|d| d.state) {
        Some(State::Overdue) => m.theme.missing,
        Some(State::DueSoon) => m.theme.warning,
        _ => m.theme.base,
    }
}

fn due(d: &Option<TimescaleDue>) -> String {
    match d {
        None => "—".into(),
        Some(d) => {
            let date = d
                .due
                .map(|x| x.format("%-d %b").to_string())
                .unwrap_or_else(|| "—".into());
            match d.state {
                State::Overdue => format!("{date} !"),
                _ => date,
            }
        }
    }
}

/// A column `n` wide: cut with "…", or padded.
fn cut(s: &str, n: usize) -> String {
    let s = crate::tui::widgets::layout::cut(&safe(s), n);
    format!("{s:<n$}")
}

/// One case on one line; the columns that do not fit a narrow screen are left off.
fn line(m: &CaseloadScreen, r: &CaseloadRow, width: u16, chosen: bool) -> Line<'static> {
    let wide = width >= 120;
    let mut spans = vec![
        Span::styled(cut(&r.case, 18), m.theme.title),
        Span::raw(" "),
        Span::raw(cut(&r.children.join(", "), if wide { 30 } else { 18 })),
        Span::raw(" "),
    ];
    if wide {
        spans.push(Span::raw(cut(r.lead_worker.as_deref().unwrap_or("—"), 18)));
        spans.push(Span::raw(" "));
    }
    let cg = format!(
        "{}{}",
        due(&r.next_core_group),
        if r.meeting_in_progress { " open" } else { "" }
    );
    spans.push(Span::styled(
        cut(&cg, 11),
        state_style(m, &r.next_core_group),
    ));
    spans.push(Span::raw(" "));
    if wide {
        spans.push(Span::raw(cut(
            if r.minutes_to_circulate.is_some() {
                "to send"
            } else {
                ""
            },
            8,
        )));
        spans.push(Span::raw(format!("{:>8} ", r.agreements_outstanding)));
        spans.push(Span::styled(
            cut(&due(&r.next_visit), 9),
            state_style(m, &r.next_visit),
        ));
        spans.push(Span::raw(" "));
    }
    spans.push(Span::styled(
        cut(&due(&r.next_visit_alone), 9),
        state_style(m, &r.next_visit_alone),
    ));
    spans.push(Span::raw(" "));
    if wide {
        spans.push(Span::styled(
            cut(&due(&r.review_conference), 9),
            state_style(m, &r.review_conference),
        ));
        spans.push(Span::raw(" "));
    }
    let overdue = if r.overdue_actions > 0 {
        m.theme.missing
    } else {
        m.theme.base
    };
    spans.push(Span::styled(format!("{:>4} ", r.overdue_actions), overdue));
    let drift = if r.drift.is_empty() {
        m.theme.base
    } else {
        m.theme.warning
    };
    spans.push(Span::styled(format!("{:>5}", r.drift.len()), drift));
    if r.error.is_some() {
        spans.push(Span::styled(" error", m.theme.error));
    }
    let mut l = Line::from(spans);
    if chosen {
        l = l.style(m.theme.selected);
    }
    l
}

fn heading(width: u16) -> String {
    if width >= 120 {
        format!(
            "{:<18} {:<30} {:<18} {:<11} {:<8}{:>8} {:<9} {:<9} {:<9} {:>4} {:>5}",
            "case",
            "children",
            "lead worker",
            "core group",
            "minutes",
            "unsigned",
            "visit",
            "alone",
            "review",
            "late",
            "drift"
        )
    } else {
        format!(
            "{:<18} {:<18} {:<11} {:<9} {:>4} {:>5}",
            "case", "children", "core group", "alone", "late", "drift"
        )
    }
}

pub fn view(m: &CaseloadScreen, frame: &mut Frame) {
    let area = frame.area();
    frame.render_widget(Clear, area);
    frame.render_widget(Block::default().style(m.theme.base), area);
    let detail_height = (area.height / 3).max(4);
    let [head, list, detail, foot] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(3),
        Constraint::Length(detail_height),
        Constraint::Length(1),
    ])
    .areas(area);

    let listed = m.listed();
    let filter = if m.filter.is_empty() {
        "type to filter".to_string()
    } else {
        format!("filter: {}▏", safe(&m.filter))
    };
    let header = vec![
        Line::from(Span::styled(
            format!(
                " Caseload · {} of {} cases · as on {}",
                listed.len(),
                m.rows.len(),
                m.today.format("%a %-d %b %Y")
            ),
            m.theme.header,
        )),
        Line::from(Span::styled(format!(" {filter}"), m.theme.label)),
    ];
    frame.render_widget(Paragraph::new(header), head);

    let rows_fit = list.height.saturating_sub(1) as usize;
    let first = m.selected.saturating_sub(rows_fit.saturating_sub(1));
    let mut lines = vec![Line::from(Span::styled(heading(list.width), m.theme.dim))];
    for (i, r) in listed.iter().enumerate().skip(first).take(rows_fit) {
        lines.push(line(m, r, list.width, i == m.selected));
    }
    if listed.is_empty() {
        lines.push(Line::from(Span::styled(" No case matches.", m.theme.dim)));
    }
    frame.render_widget(Paragraph::new(lines), list);

    frame.render_widget(
        Paragraph::new(chosen_lines(m))
            .wrap(Wrap { trim: false })
            .block(
                Block::default()
                    .borders(Borders::TOP)
                    .border_style(m.theme.border),
            ),
        detail,
    );
    footer::draw(frame, foot, &m.theme, &hints(m));
    if let Some(h) = &m.help {
        help::draw(frame, area, &m.theme, &m.keymap, &help_page(m), h);
    }
}

/// The chosen case: where it is, its drift with the evidence, and what did not read.
fn chosen_lines(m: &CaseloadScreen) -> Vec<Line<'static>> {
    let Some(r) = m.chosen() else {
        return Vec::new();
    };
    let mut out = vec![Line::from(Span::styled(
        format!(" {}", safe(&r.path.to_string_lossy())),
        m.theme.dim,
    ))];
    if r.drift.is_empty() && r.error.is_none() {
        out.push(Line::from(" No drift."));
    }
    for f in &r.drift {
        out.push(Line::from(vec![
            Span::styled(" drift ", m.theme.warning),
            Span::raw(safe(&f.with_evidence())),
        ]));
    }
    if let Some(e) = &r.error {
        for l in e.lines() {
            out.push(Line::from(Span::styled(
                format!(" {}", safe(l)),
                m.theme.error,
            )));
        }
    }
    out
}

/// The hints at the foot, most useful first, from the keymap, so a key the user moved shows
/// where it is.
pub fn hints(m: &CaseloadScreen) -> Vec<Hint> {
    if m.help.is_some() {
        return Hint::close_help(&m.keymap);
    }
    let k = |a| m.keymap.key_for(Mode::Caseload, a).map(|k| k.glyph());
    let choose = match (k(KeyCommand::Up), k(KeyCommand::Down)) {
        (Some(u), Some(d)) => Some(Hint::new(format!("{u}{d}"), "choose")),
        _ => None,
    };
    let with = |a, what: &str| Hint::of(&m.keymap, Mode::Caseload, a, what);
    [
        choose,
        with(KeyCommand::OpenCase, "case"),
        with(KeyCommand::OpenMeeting, "meeting"),
        Some(Hint::new("type", "to filter")),
        with(KeyCommand::Quit, "leave"),
        with(KeyCommand::Help, "keys"),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// The caseload's help: every key as the keymap gives it, in a fixed order, and the filter.
pub fn help_page(m: &CaseloadScreen) -> HelpPage {
    let keys = HelpSection::of_actions(
        &m.keymap,
        Mode::Caseload,
        Mode::Caseload.title(),
        &[
            KeyCommand::Up,
            KeyCommand::Down,
            KeyCommand::PageUp,
            KeyCommand::PageDown,
            KeyCommand::OpenCase,
            KeyCommand::OpenMeeting,
            KeyCommand::ClearFilter,
            KeyCommand::Help,
            KeyCommand::Quit,
        ],
        |b| (keys_label(&b.keys), b.desc.clone()),
    )
    .row(
        "letters, backspace",
        "filter by case, child, lead worker or folder",
    );
    HelpPage {
        title: "Keys — the caseload".into(),
        intro: None,
        here: vec![keys],
        elsewhere: Vec::new(),
    }
}
