//! Draws the case screen: a header with the case and the panes, the current pane, and the keys.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use ratatui::layout::Rect;

use super::edit::CaseForm;
use super::{CaseScreen, Pane};
use crate::domain::plan::Origin;
use crate::domain::timescale::State;
use crate::tui::keymap::{KeyCommand, Mode};
use crate::tui::widgets::dialog;
use crate::tui::widgets::field::FieldId;
use crate::tui::widgets::footer::{self, Hint};
use crate::tui::widgets::form_view::{TableSpec, draw_themed as draw_form};
use crate::tui::widgets::help::{self, HelpPage, HelpSection, keys_label};
use crate::tui::widgets::layout::{centred, safe};
use crate::tui::widgets::wrap::{wrap_line, wrap_lines};

fn day(d: chrono::NaiveDate) -> String {
    d.format("%a %-d %b %Y").to_string()
}

fn state_style(m: &CaseScreen, s: State) -> Style {
    match s {
        State::Overdue => m.theme.missing,
        State::DueSoon => m.theme.warning,
        State::Met | State::MetLate => m.theme.ok,
        State::OnTrack => m.theme.base,
        State::Unknown => m.theme.dim,
    }
}

pub fn view(m: &CaseScreen, frame: &mut Frame) {
    let area = frame.area();
    frame.render_widget(Clear, area);
    frame.render_widget(Block::default().style(m.theme.base), area);
    // A notice takes a line of its own above the keys, so the keys stay in view.
    let [head, body, foot] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(1),
        Constraint::Length(1 + u16::from(m.notice.is_some())),
    ])
    .areas(area);

    let case = &m.plan.case;
    let children: Vec<String> = m.plan.children.iter().map(|c| safe(&c.name)).collect();
    let title = Line::from(vec![Span::styled(
        // The date before the names, so a narrow screen cuts names, never the date.
        format!(
            " {} · as on {} · {} · {}",
            safe(&case.reference),
            day(m.status.today),
            children.join(", "),
            safe(&case.local_authority),
        ),
        m.theme.header,
    )]);
    let mut tabs = vec![Span::raw(" ")];
    for (i, p) in Pane::ALL.iter().enumerate() {
        let style = if *p == m.pane {
            m.theme.focus
        } else {
            m.theme.dim
        };
        tabs.push(Span::styled(format!("{} {}", i + 1, p.title()), style));
        tabs.push(Span::raw("   "));
    }
    let overdue = m
        .status
        .timescales
        .iter()
        .filter(|t| t.state == State::Overdue)
        .count();
    if overdue > 0 {
        tabs.push(Span::styled(format!("{overdue} overdue"), m.theme.missing));
    }
    frame.render_widget(
        Paragraph::new(vec![title, Line::from(tabs)]).style(m.theme.header),
        head,
    );

    let i = m.pane as usize;
    m.width.set(body.width);
    let pane = Paragraph::new(rows(m, m.pane, body.width))
        .block(
            Block::default()
                .borders(Borders::TOP)
                .border_style(m.theme.border)
                .title(Span::styled(format!(" {} ", m.pane.title()), m.theme.title)),
        )
        .scroll((m.scroll[i], 0));
    frame.render_widget(pane, body);

    let mut foot_lines = Vec::new();
    match &m.notice {
        Some(n) if n.starts_with('✗') => {
            foot_lines.push(Line::from(Span::styled(
                format!(" {}", safe(n)),
                m.theme.missing,
            )));
        }
        Some(n) => foot_lines.push(Line::from(Span::styled(
            format!(" {}", safe(n)),
            m.theme.ok,
        ))),
        None => {}
    }
    foot_lines.push(footer::line(&m.theme, &hints(m), foot.width));
    frame.render_widget(Paragraph::new(foot_lines), foot);
    if let Some(h) = &m.help {
        help::draw(frame, area, &m.theme, &m.keymap, &help_page(m), h);
    }
    if let Some(e) = &m.editing {
        form(m, e, frame);
    }
    if let Some(c) = &m.confirm {
        c.draw(frame, area, &m.theme, &m.keymap);
    }
}

/// The open form, boxed over the panes, with its keys or why it was not saved at its foot.
fn form(m: &CaseScreen, e: &CaseForm, frame: &mut Frame) {
    let area = frame.area();
    let rows: u16 = e.form.fields.iter().map(|f| f.rows.unwrap_or(1)).sum();
    // Room under the fields for a choice's matches.
    let h = rows + 11;
    let w = area
        .width
        .saturating_sub(4)
        .min(if area.width >= 120 { 96 } else { 76 });
    let inner = dialog::boxed(frame, centred(area, w, h), &m.theme, &e.title());
    // Why a save failed can be long (who holds the case, and a hint): three lines, wrapped.
    let foot_rows = if e.error.is_some() { 3 } else { 1 };
    let body = Rect {
        height: inner.height.saturating_sub(foot_rows + 1),
        ..inner
    };
    let no_rows = |_: FieldId, _: std::ops::Range<usize>| TableSpec {
        header: vec![],
        widths: vec![],
        rows: vec![],
        empty: String::new(),
    };
    draw_form(&m.theme, &e.form, frame, body, &no_rows, true);
    let foot = Rect {
        y: inner.y + inner.height.saturating_sub(foot_rows),
        height: foot_rows.min(inner.height),
        ..inner
    };
    let lines: Vec<Line> = match &e.error {
        Some(err) => err
            .lines()
            .enumerate()
            .map(|(i, l)| {
                let mark = if i == 0 { "✗ " } else { "" };
                Line::from(Span::styled(format!("{mark}{}", safe(l)), m.theme.missing))
            })
            .collect(),
        None => vec![Line::from(Span::styled(form_keys(m), m.theme.dim))],
    };
    frame.render_widget(
        Paragraph::new(lines).wrap(ratatui::widgets::Wrap { trim: false }),
        foot,
    );
}

/// The first key of an action in `mode`, or `None` when the keymap leaves it without one.
fn key(m: &CaseScreen, mode: Mode, action: KeyCommand) -> Option<String> {
    m.keymap.key_for(mode, action).map(|k| k.glyph())
}

/// The hints at the foot of a pane, most useful first, from the keymap, so a key the user moved
/// shows where it is.
pub fn hints(m: &CaseScreen) -> Vec<Hint> {
    if m.help.is_some() {
        return Hint::close_help(&m.keymap);
    }
    if let Some(c) = &m.confirm {
        return [(KeyCommand::Yes, &c.yes), (KeyCommand::No, &c.no)]
            .into_iter()
            .filter_map(|(a, what)| Hint::of(&m.keymap, Mode::Confirm, a, what))
            .collect();
    }
    let k = |a| key(m, Mode::Case, a);
    let panes = m
        .keymap
        .bindings(Mode::Case)
        .iter()
        .find(|b| b.action == KeyCommand::ShowPane)
        .and_then(|b| Some((b.keys.first()?, b.keys.get(Pane::ALL.len() - 1)?)))
        .map(|(first, last)| format!("/{}-{}", first.glyph(), last.glyph()));
    let pane = k(KeyCommand::NextPane)
        .map(|n| Hint::new(format!("{n}{}", panes.unwrap_or_default()), "pane"));
    let mut scroll = match (k(KeyCommand::Up), k(KeyCommand::Down)) {
        (Some(u), Some(d)) => Some(format!("{u}{d}")),
        _ => None,
    };
    if m.pane == Pane::Timescales
        && let (Some(s), Some(u), Some(d)) =
            (&mut scroll, k(KeyCommand::PageUp), k(KeyCommand::PageDown))
    {
        s.push_str(&format!(" {u}/{d}"));
    }
    let scroll = scroll.map(|s| Hint::new(s, "scroll"));
    let with = |a, what: &str| Hint::of(&m.keymap, Mode::Case, a, what);
    let hints = match m.pane {
        Pane::Plan => vec![
            with(KeyCommand::EditPlan, "edit the plan"),
            with(KeyCommand::LogEvent, "log"),
            pane,
            scroll,
        ],
        Pane::Log => vec![
            with(KeyCommand::LogEvent, "log"),
            with(KeyCommand::WithdrawEntry, "withdraw an entry"),
            pane,
            scroll,
        ],
        Pane::People => vec![
            with(KeyCommand::EditPlan, "details"),
            with(KeyCommand::MemberJoins, "joins"),
            with(KeyCommand::MemberLeaves, "leaves"),
            with(KeyCommand::LeadWorker, "lead"),
            with(KeyCommand::LogEvent, "log"),
            pane,
        ],
        Pane::Timescales => vec![with(KeyCommand::LogEvent, "log an event"), pane, scroll],
    };
    hints
        .into_iter()
        .chain([
            with(KeyCommand::Help, "help"),
            with(KeyCommand::Quit, "leave"),
        ])
        .flatten()
        .collect()
}

/// The keys of an open form, from the keymap's `case_form`.
fn form_keys(m: &CaseScreen) -> String {
    let k = |a| key(m, Mode::CaseForm, a).unwrap_or_else(|| "(no key)".into());
    let (next, save, cancel) = (
        k(KeyCommand::Activate),
        k(KeyCommand::Save),
        k(KeyCommand::Cancel),
    );
    format!("{next} next · {next} on the last field or {save} saves · {cancel} cancels")
}

/// The case screen's actions in the order the help lists them.
const HELP_ORDER: [KeyCommand; 16] = [
    KeyCommand::NextPane,
    KeyCommand::PrevPane,
    KeyCommand::ShowPane,
    KeyCommand::Up,
    KeyCommand::Down,
    KeyCommand::PageUp,
    KeyCommand::PageDown,
    KeyCommand::Top,
    KeyCommand::LogEvent,
    KeyCommand::EditPlan,
    KeyCommand::MemberJoins,
    KeyCommand::MemberLeaves,
    KeyCommand::LeadWorker,
    KeyCommand::WithdrawEntry,
    KeyCommand::Help,
    KeyCommand::Quit,
];

/// The case screen's help: its keys, then those of its forms.
pub fn help_page(m: &CaseScreen) -> HelpPage {
    let case = HelpSection::of_actions(
        &m.keymap,
        Mode::Case,
        Mode::Case.title(),
        &HELP_ORDER,
        |b| {
            let keys = match b.action {
                KeyCommand::ShowPane if !b.keys.is_empty() => b
                    .keys
                    .iter()
                    .map(|k| k.glyph())
                    .collect::<Vec<_>>()
                    .join(" "),
                _ => keys_label(&b.keys),
            };
            (keys, b.desc.clone())
        },
    );
    HelpPage {
        title: format!("Keys — the case {}", m.plan.case.reference),
        intro: None,
        here: vec![case],
        elsewhere: vec![HelpSection::of_mode(&m.keymap, Mode::CaseForm)],
    }
}

/// The lines of a pane, unwrapped.
/// A pane's lines as the screen shows them, wrapped to `width` (the log's text hangs under its
/// own column), so scrolling reaches every row.
pub fn rows(m: &CaseScreen, pane: Pane, width: u16) -> Vec<Line<'static>> {
    let lines = lines(m, pane);
    match pane {
        Pane::Log if !m.log.is_empty() => lines
            .iter()
            .flat_map(|l| wrap_line(l, width, LOG_TEXT_COLUMN))
            .collect(),
        _ => wrap_lines(&lines, width),
    }
}

/// Where a log line's text starts: after the day and the kind of event.
const LOG_TEXT_COLUMN: usize = 18 + 19;

pub fn lines(m: &CaseScreen, pane: Pane) -> Vec<Line<'static>> {
    match pane {
        Pane::Timescales => timescales(m),
        Pane::Plan => plan(m),
        Pane::People => people(m),
        Pane::Log => log(m),
    }
}

fn timescales(m: &CaseScreen) -> Vec<Line<'static>> {
    let width = m
        .status
        .timescales
        .iter()
        .map(|t| t.label.chars().count())
        .max()
        .unwrap_or(0);
    let mut out = Vec::new();
    for u in &m.unread {
        for (i, l) in u.lines().enumerate() {
            let lead = if i == 0 { " Not read: " } else { "   " };
            out.push(Line::from(Span::styled(
                format!("{lead}{}", safe(l)),
                m.theme.error,
            )));
        }
    }
    if !m.drift.is_empty() {
        out.push(Line::from(Span::styled(
            format!(" Drift ({})", m.drift.len()),
            m.theme.warning,
        )));
        for f in &m.drift {
            out.push(Line::from(Span::styled(
                format!("  {}", safe(&f.summary)),
                m.theme.warning,
            )));
            for e in &f.evidence {
                let date = match e.date {
                    Some(d) if !e.source.starts_with(&d.to_string()) => format!(" {d}"),
                    _ => String::new(),
                };
                out.push(Line::from(Span::styled(
                    format!("    {}{date}: {}", safe(&e.source), safe(&e.detail)),
                    m.theme.dim,
                )));
            }
        }
        out.push(Line::default());
    }
    for t in &m.status.timescales {
        let due = t.due.map(day).unwrap_or_else(|| "—".into());
        out.push(Line::from(vec![
            Span::styled(format!(" {:<9}", t.state.label()), state_style(m, t.state)),
            Span::styled(format!("{:<width$}  ", t.label), m.theme.title),
            Span::raw(due),
        ]));
        out.push(Line::from(Span::styled(
            format!("           {}", t.detail),
            m.theme.dim,
        )));
    }
    if !m.status.minutes_versions.is_empty() {
        out.push(Line::default());
        out.push(Line::from(Span::styled(
            " Minutes of the last core group",
            m.theme.title,
        )));
        for l in &m.status.minutes_versions {
            out.push(Line::from(format!("  {}", safe(l))));
        }
    }
    out.push(Line::default());
    if m.status.overdue_actions.is_empty() {
        out.push(Line::from(" No actions are overdue."));
    } else {
        out.push(Line::from(Span::styled(
            format!(" Overdue actions ({})", m.status.overdue_actions.len()),
            m.theme.missing,
        )));
        for a in &m.status.overdue_actions {
            out.push(Line::from(format!(
                "  {:<5} due {}  {}  {}: {}",
                safe(&a.id),
                day(a.due),
                a.lateness(),
                safe(&a.owner),
                safe(&a.what)
            )));
        }
    }
    out
}

fn plan(m: &CaseScreen) -> Vec<Line<'static>> {
    let p = &m.plan;
    let k = |a| key(m, Mode::Case, a).unwrap_or_else(|| "(no key)".into());
    let mut out = vec![Line::from(Span::styled(
        format!(
            " {} edits an action, a core group outcome, the contingency plan or why the children \
             are on a plan; conference outcomes are changed only by a review conference ({} \
             logs one).",
            k(KeyCommand::EditPlan),
            k(KeyCommand::LogEvent)
        ),
        m.theme.dim,
    ))];
    for child in &p.children {
        out.push(Line::from(Span::styled(
            format!(" {}", safe(&child.name)),
            m.theme.title,
        )));
        for o in p.outcomes.iter().filter(|o| o.is_for(&child.id)) {
            let origin = match o.origin {
                Origin::Conference => "  (conference)",
                Origin::CoreGroup => "  (core group)",
            };
            out.push(Line::from(vec![
                Span::styled(format!("  {:<4}", safe(&o.id)), m.theme.label),
                Span::raw(safe(&o.text)),
                Span::styled(origin, m.theme.dim),
            ]));
            for a in p.actions.iter().filter(|a| a.outcome == o.id) {
                let owner = a
                    .owner
                    .as_deref()
                    .map(|o| safe(p.member_name(o)))
                    .unwrap_or_else(|| "no owner".into());
                let due = a.due.map(day).unwrap_or_else(|| "no date".into());
                out.push(Line::from(vec![
                    Span::styled(format!("      {:<5}", safe(&a.id)), m.theme.dim),
                    Span::raw(format!(
                        "{:<12} {owner}, by {due}: {}",
                        a.status.label(),
                        safe(&a.what)
                    )),
                ]));
                // Changed since the last meeting: who, when, what and why, as the next meeting
                // will be shown it.
                let last = p.last_core_group().map(|c| c.date);
                for h in crate::domain::action_history::since(a, last, m.today) {
                    let why = if h.note.trim().is_empty() {
                        String::new()
                    } else {
                        format!(": {}", h.note.trim())
                    };
                    out.push(Line::from(Span::styled(
                        safe(&format!(
                            "        changed {} by {}: {}{why}",
                            day(h.date),
                            crate::domain::action_history::who(h, p),
                            crate::domain::action_history::describe(h, p),
                        )),
                        m.theme.dim,
                    )));
                }
            }
        }
        out.push(Line::default());
    }
    let open = crate::domain::disagreements::open(p);
    if !open.is_empty() {
        out.push(Line::from(Span::styled(
            format!(" Open disagreements ({})", open.len()),
            m.theme.title,
        )));
        for d in open {
            out.push(Line::from(vec![
                Span::styled(format!("  {:<4}", safe(&d.id)), m.theme.label),
                Span::raw(format!(
                    "{}: {} (raised {}, open {} days; {})",
                    safe(&d.who),
                    safe(&d.about),
                    crate::domain::disagreements::raised_words(d),
                    d.age(m.today),
                    crate::domain::disagreements::standing_words(d)
                )),
            ]));
            for u in &d.history {
                out.push(Line::from(Span::styled(
                    format!(
                        "      {}",
                        safe(&crate::domain::disagreements::describe(p, u))
                    ),
                    m.theme.dim,
                )));
            }
        }
        out.push(Line::default());
    }
    // Why the children are on a plan, marked with who may read it as every form marks an item.
    let mark = crate::tui::widgets::field::privacy_mark(&p.why.privacy, p);
    out.push(Line::from(Span::styled(
        format!(" {mark}Why the children are on a plan"),
        m.theme.title,
    )));
    if p.why.is_empty() {
        out.push(Line::from(Span::styled("  not recorded", m.theme.dim)));
    }
    for (heading, text) in p.why.parts() {
        out.push(Line::from(Span::styled(
            format!("  {heading}"),
            m.theme.label,
        )));
        for line in text.lines() {
            out.push(Line::from(format!("    {}", safe(line))));
        }
    }
    out.push(Line::default());
    if !p.contingency_plan.is_empty() {
        out.push(Line::from(Span::styled(" Contingency plan", m.theme.title)));
        // Each line of it on a line of its own, as it was typed, not joined by "⏎".
        for line in p.contingency_plan.lines() {
            out.push(Line::from(format!("  {}", safe(line))));
        }
    }
    out
}

fn people(m: &CaseScreen) -> Vec<Line<'static>> {
    let p = &m.plan;
    let lead = p.case.lead_worker.as_deref();
    let mut out = Vec::new();
    // The address as the professionals see it; whether the family's copies may show it.
    let (address, kept) = match &p.case.family_address {
        Some(a) if p.case.withhold_family_address => {
            (safe(a), "  [withheld from every circulated copy]")
        }
        Some(a) => (safe(a), ""),
        None => ("none recorded".to_string(), ""),
    };
    out.push(Line::from(vec![
        Span::styled(" The family's address: ", m.theme.label),
        Span::raw(address),
        Span::styled(kept, m.theme.dim),
    ]));
    for member in &p.members {
        let mut notes = Vec::new();
        if Some(member.id.as_str()) == lead {
            notes.push("lead worker".to_string());
        }
        if member.family {
            notes.push("family".into());
        }
        if member.email.is_none() {
            notes.push("no email: by post or hand".into());
        }
        if member.withhold_address {
            notes.push("address withheld".into());
        }
        if let Some(l) = member.left {
            notes.push(format!("left {}", day(l)));
        }
        let style = if member.left.is_some() {
            m.theme.dim
        } else {
            m.theme.base
        };
        let agency = if member.agency.is_empty() {
            String::new()
        } else {
            format!(", {}", safe(&member.agency))
        };
        out.push(Line::from(vec![
            Span::styled(format!(" {:<9}", safe(&member.id)), m.theme.label),
            Span::styled(
                format!("{} ({}{agency})", safe(&member.name), safe(&member.role)),
                style,
            ),
            Span::styled(
                if notes.is_empty() {
                    String::new()
                } else {
                    format!("  [{}]", notes.join("; "))
                },
                m.theme.dim,
            ),
        ]));
    }
    out
}

fn log(m: &CaseScreen) -> Vec<Line<'static>> {
    if m.log.is_empty() {
        return vec![Line::from(
            " Nothing logged yet: `coregroup log DIR --help` lists what can be recorded.",
        )];
    }
    let mut out = Vec::new();
    for l in &m.log {
        let text = match l.withdrawn {
            // Struck through where the terminal can, and marked in words on the next row.
            Some(_) => Span::styled(
                safe(&l.text),
                m.theme
                    .dim
                    .add_modifier(ratatui::style::Modifier::CROSSED_OUT),
            ),
            None => Span::raw(safe(&l.text)),
        };
        out.push(Line::from(vec![
            Span::styled(format!(" {:<15}  ", day(l.date)), m.theme.label),
            Span::styled(format!("{:<19}", l.kind), m.theme.dim),
            text,
        ]));
        if let Some(w) = &l.withdrawn {
            out.push(Line::from(vec![
                Span::raw(" ".repeat(LOG_TEXT_COLUMN)),
                Span::styled(safe(w), m.theme.warning),
            ]));
        }
    }
    out
}
