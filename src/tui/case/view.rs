//! Draws the case screen: the parts down the left, the part shown in the middle, scrolled, and
//! the keys at the foot. The same lines, without colour, are what `coregroup case` prints
//! when it has no terminal.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::model::{Model, Tab};
use crate::domain::status::State;
use crate::tui::keymap::{Action, Mode};
use crate::tui::view::{MIN_HEIGHT, MIN_WIDTH, centred, position, safe, wrapped_rows};

fn day(d: chrono::NaiveDate) -> String {
    d.format("%a %-d %b %Y").to_string()
}

fn state_style(m: &Model, s: State) -> Style {
    match s {
        State::Overdue => m.theme.missing,
        State::DueSoon => m.theme.warning,
        State::Met | State::OnTrack => m.theme.ok,
        State::MetLate | State::Unknown => m.theme.dim,
    }
}

/// The lines of one part of the case.
pub fn lines(m: &Model, tab: Tab) -> Vec<Line<'static>> {
    match tab {
        Tab::Timescales => timescales(m),
        Tab::Plan => plan(m),
        Tab::People => people(m),
    }
}

fn heading(m: &Model, text: String) -> Line<'static> {
    Line::from(Span::styled(text, m.theme.title))
}

fn timescales(m: &Model) -> Vec<Line<'static>> {
    let s = &m.status;
    let mut out = vec![heading(
        m,
        format!("Timescales as on {} (overdue first)", day(s.today)),
    )];
    for t in &s.timescales {
        let due = t.due.map_or_else(|| "—".to_string(), day);
        out.push(Line::from(vec![
            Span::styled(
                format!("  {:<9} ", t.state.label()),
                state_style(m, t.state),
            ),
            Span::styled(safe(&t.label), m.theme.label),
            Span::raw(format!("  {due}")),
        ]));
        if !t.detail.is_empty() {
            out.push(Line::from(Span::styled(
                format!("            {}", safe(&t.detail)),
                m.theme.dim,
            )));
        }
    }
    out.push(Line::from(""));
    if s.overdue_actions.is_empty() {
        out.push(Line::from(Span::styled(
            "No actions are overdue.",
            m.theme.ok,
        )));
    } else {
        out.push(heading(
            m,
            format!("Overdue actions ({})", s.overdue_actions.len()),
        ));
        for a in &s.overdue_actions {
            out.push(Line::from(vec![
                Span::styled(
                    format!("  {} working days over ", a.working_days_overdue),
                    m.theme.missing,
                ),
                Span::raw(format!(
                    "{} · {}: {} (due {})",
                    safe(&a.id),
                    safe(&a.owner),
                    safe(&a.what),
                    day(a.due)
                )),
            ]));
        }
    }
    out
}

fn plan(m: &Model) -> Vec<Line<'static>> {
    let p = &m.plan;
    let today = m.today();
    let mut out = Vec::new();
    for child in &p.children {
        let cats: Vec<&str> = child.categories.iter().map(|c| c.label()).collect();
        out.push(heading(
            m,
            format!(
                "{} · {} · plan since {}",
                safe(&child.name),
                cats.join(", "),
                day(child.plan_started)
            ),
        ));
        for (n, o) in p
            .outcomes
            .iter()
            .enumerate()
            .filter(|(_, o)| o.child == child.id)
        {
            out.push(Line::from(vec![
                Span::styled(format!("  Outcome {} ", n + 1), m.theme.label),
                Span::raw(safe(&o.text)),
            ]));
            let open: Vec<_> = p
                .actions
                .iter()
                .filter(|a| a.outcome == o.id && a.status.is_open())
                .collect();
            if open.is_empty() {
                out.push(Line::from(Span::styled("    no open actions", m.theme.dim)));
            }
            for a in open {
                let late = a.due.is_some_and(|d| d < today);
                let due = a.due.map_or_else(|| "no due date".to_string(), day);
                let owner = a
                    .owner
                    .as_deref()
                    .map_or_else(|| "nobody yet".to_string(), |o| safe(p.member_name(o)));
                out.push(Line::from(vec![
                    Span::raw(format!("    · {} — {owner}, ", safe(&a.what))),
                    Span::styled(
                        if late {
                            format!("{due} (overdue)")
                        } else {
                            due
                        },
                        if late { m.theme.missing } else { m.theme.base },
                    ),
                ]));
            }
        }
        out.push(Line::from(""));
    }
    let closed = p.actions.iter().filter(|a| !a.status.is_open()).count();
    out.push(Line::from(Span::styled(
        format!("{} open actions, {closed} closed", p.actions.len() - closed),
        m.theme.dim,
    )));
    out.push(Line::from(""));
    out.push(heading(m, "Contingency plan".into()));
    let contingency = if p.contingency_plan.is_empty() {
        "none recorded".to_string()
    } else {
        safe(&p.contingency_plan)
    };
    for l in contingency.lines() {
        out.push(Line::from(format!("  {l}")));
    }
    out
}

fn people(m: &Model) -> Vec<Line<'static>> {
    let p = &m.plan;
    let mut out = vec![heading(m, format!("The core group ({})", p.members.len()))];
    for mb in &p.members {
        let mut tags = Vec::new();
        if p.case.lead_worker.as_deref() == Some(mb.id.as_str()) {
            tags.push("lead worker".to_string());
        }
        if mb.family {
            tags.push("family".to_string());
        }
        if let Some(l) = &mb.language {
            tags.push(format!("speaks {}", safe(l)));
        }
        let agency = if mb.agency.is_empty() {
            String::new()
        } else {
            format!(", {}", safe(&mb.agency))
        };
        out.push(Line::from(vec![
            Span::styled(format!("  {}", safe(&mb.name)), m.theme.label),
            Span::raw(format!(" — {}{agency}", safe(&mb.role))),
            Span::styled(
                if tags.is_empty() {
                    String::new()
                } else {
                    format!("  ({})", tags.join(", "))
                },
                m.theme.dim,
            ),
        ]));
        let mut contact = Vec::new();
        if let Some(e) = &mb.email {
            contact.push(safe(e));
        }
        if mb.withhold_address {
            contact.push("address withheld".into());
        } else if let Some(a) = &mb.address {
            contact.push(safe(a));
        }
        if !contact.is_empty() {
            out.push(Line::from(Span::styled(
                format!("      {}", contact.join(" · ")),
                m.theme.dim,
            )));
        }
    }
    out
}

pub fn view(m: &Model, frame: &mut Frame) {
    let area = frame.area();
    frame.render_widget(Clear, area);
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        frame.render_widget(
            Paragraph::new(format!(
                "The terminal is too small ({}×{}). coregroup needs at least {MIN_WIDTH}×{MIN_HEIGHT}.",
                area.width, area.height
            ))
            .wrap(Wrap { trim: true }),
            area,
        );
        return;
    }
    frame.render_widget(Block::default().style(m.theme.base), area);
    let [head, body, foot] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let names: Vec<String> = m.plan.children.iter().map(|c| safe(&c.name)).collect();
    frame.render_widget(
        Paragraph::new(format!(
            " {} · {} · {} · as on {}",
            safe(&m.plan.case.reference),
            names.join(", "),
            safe(&m.agenda_title),
            day(m.today())
        ))
        .style(m.theme.header),
        head,
    );
    let [left, middle] =
        Layout::horizontal([Constraint::Length(29), Constraint::Min(20)]).areas(body);
    let block = Block::default()
        .borders(Borders::RIGHT)
        .border_style(m.theme.border)
        .title(Span::styled(" The case ", m.theme.title));
    let inner = block.inner(left);
    frame.render_widget(block, left);
    let mut tabs = Vec::new();
    for (i, t) in Tab::ALL.iter().enumerate() {
        let note = match t {
            Tab::Timescales if m.overdue() > 0 => format!(" ({} overdue)", m.overdue()),
            Tab::Plan => format!(" ({})", m.plan.outcomes.len()),
            Tab::People => format!(" ({})", m.plan.members.len()),
            _ => String::new(),
        };
        let current = *t == m.tab;
        tabs.push(Line::from(vec![
            Span::styled(if current { "▶ " } else { "  " }, m.theme.current),
            Span::styled(
                format!("{} {}{note}", i + 1, t.title()),
                if current {
                    m.theme.current
                } else {
                    m.theme.base
                },
            ),
        ]));
    }
    frame.render_widget(Paragraph::new(tabs).wrap(Wrap { trim: false }), inner);
    let middle = Rect {
        x: middle.x + 1,
        width: middle.width.saturating_sub(1),
        ..middle
    };
    let lines = lines(m, m.tab);
    // Rows as wrapped, so the page keys and the position reach the last of a long line.
    let total: usize = lines
        .iter()
        .map(|l| wrapped_rows(&l.to_string(), usize::from(middle.width)))
        .sum();
    let rows = middle.height;
    m.page.set(rows);
    let first = m.scroll.min(
        u16::try_from(total)
            .unwrap_or(u16::MAX)
            .saturating_sub(rows),
    );
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((first, 0)),
        middle,
    );
    let k = |mode: Mode, a: Action| m.keymap.key_label(mode, a);
    let mut spans = Vec::new();
    for (key, desc) in [
        (k(Mode::Global, Action::NextStep), "next part".to_string()),
        (k(Mode::List, Action::Down), "scroll".to_string()),
        (
            k(Mode::List, Action::PageDown),
            format!(
                "page ({})",
                position(usize::from(first), usize::from(rows), total)
            ),
        ),
        (k(Mode::Global, Action::Help), "help".to_string()),
        (k(Mode::Global, Action::Quit), "leave".to_string()),
    ] {
        spans.push(Span::styled(format!(" {key} "), m.theme.key));
        spans.push(Span::styled(format!("{desc} "), m.theme.dim));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), foot);
    if m.help {
        let rect = centred(body, 60, 12);
        frame.render_widget(Clear, rect);
        let text = vec![
            Line::from(format!(
                "  {:<16} next / previous part",
                format!(
                    "{} / {}",
                    k(Mode::Global, Action::NextStep),
                    k(Mode::Global, Action::PrevStep)
                )
            )),
            Line::from("  alt-1 … alt-3    straight to a part"),
            Line::from(format!("  {:<16} scroll", "up, down")),
            Line::from(format!("  {:<16} page", "pgup, pgdn")),
            Line::from(format!("  {:<16} leave", k(Mode::Global, Action::Quit))),
            Line::from(""),
            Line::from(Span::styled(
                "The timescales are what `coregroup status` reports.",
                m.theme.dim,
            )),
        ];
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(m.theme.border)
            .title(Span::styled(" Help — Esc closes ", m.theme.title))
            .style(m.theme.base);
        frame.render_widget(Paragraph::new(text).block(block), rect);
    }
}
