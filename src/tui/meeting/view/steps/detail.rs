//! The row the chair is on, in full: an action with its owner, dates, history and outcome; a
//! change of circumstances; a disagreement; a note; an update; an outcome; a passage the close
//! check flagged. Drawn beside the
//! form on a wide screen and below it otherwise, wrapping, so any row can be read at 80×24.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::domain::action_history;
use crate::domain::agenda::StepKind;
use crate::domain::plan::Action;
use crate::tui::keymap::{KeyCommand, Mode};
use crate::tui::meeting::app::MeetingModel;
use crate::tui::widgets::field::privacy_words;
use crate::tui::widgets::layout::safe;
use crate::tui::widgets::wrap::wrap_line;

/// A title and the lines of the selected row, when the step has rows to read.
pub fn lines(m: &MeetingModel) -> Option<(String, Vec<Line<'static>>)> {
    let form = &m.form;
    let meeting = &m.draft.meeting;
    let plan = &m.draft.plan;
    let on = |id| form.get(id).is_some() && form.focus_id() == Some(id);
    match m.current_kind()? {
        StepKind::PreviousRecord => {
            let id = m.draft.start.open_actions.get(form.choice("actions"))?;
            plan.action(id).map(|a| action(m, a))
        }
        StepKind::PlanRevisions if on("outcomes") => {
            let o = plan.outcomes.get(form.choice("outcomes"))?;
            Some((format!("Outcome {}", o.id), vec![Line::from(safe(&o.text))]))
        }
        StepKind::PlanRevisions => plan
            .actions
            .get(form.choice("actions"))
            .map(|a| action(m, a)),
        StepKind::AgencyProgress if on("outcomes") || on("score") || on("why") => {
            let o = plan.outcomes.get(form.choice("outcomes"))?;
            let mut out = vec![Line::from(safe(&o.text))];
            if let Some(p) = meeting.outcome_progress.iter().find(|p| p.outcome == o.id)
                && !p.note.is_empty()
            {
                out.push(Line::from(Span::styled(
                    format!("Why: {}", safe(&p.note)),
                    m.theme.dim,
                )));
            }
            Some((format!("Outcome {}", o.id), out))
        }
        StepKind::AgencyProgress if on("people") || on("update") => {
            let ctx = m.ctx();
            let who = crate::tui::meeting::steps::progress::person(&ctx, form.choice("people"))?;
            let said = crate::tui::meeting::steps::contributions_of(&ctx, &who);
            let c = said.get(form.choice("said")).or(said.last())?;
            let name = meeting.person_name(plan, &who).to_string();
            let tag = c.tag.map_or("not tagged", |t| t.label());
            Some((name, with_head(m, tag, &c.text)))
        }
        StepKind::Circumstances => {
            let c = meeting.circumstances.get(form.choice("items"))?;
            let mut head = vec![c.kind.label().to_string()];
            if c.tell_conference_chair {
                head.push("tell the conference chair".into());
            }
            if !c.privacy.is_open() {
                head.push(privacy_words(Some(&c.privacy), plan));
            }
            Some((c.id.clone(), with_head(m, &head.join(" · "), &c.detail)))
        }
        StepKind::Disagreements => {
            let ctx = m.ctx();
            let carried = ctx.carried();
            let i = form.choice("items");
            if let Some(d) = carried.get(i) {
                use crate::domain::disagreements as dis;
                let head = format!(
                    "{} disagrees · raised {} · {}",
                    d.who,
                    dis::raised_words(d),
                    dis::standing_words(d)
                );
                let mut out = with_head(m, &head, &format!("About: {}", d.about));
                if !d.reasons.is_empty() {
                    out.push(Line::from(format!("Reasons: {}", safe(&d.reasons))));
                }
                for u in &d.history {
                    out.push(Line::from(format!("· {}", safe(&dis::describe(plan, u)))));
                }
                if let Some(r) = meeting
                    .disagreement_reviews
                    .iter()
                    .find(|r| r.disagreement == d.id)
                {
                    let today = r.update(&meeting.id, ctx.meeting_date());
                    out.push(Line::from(Span::styled(
                        format!("Today: {}", safe(&dis::describe(plan, &today))),
                        m.theme.dim,
                    )));
                }
                return Some((format!("Carried: disagreement {}", d.id), out));
            }
            let d = meeting.disagreements.get(i - carried.len())?;
            let head = format!(
                "{} disagrees · {} · {}",
                d.who,
                d.route.label(),
                if d.resolved {
                    "resolved"
                } else {
                    "not resolved"
                }
            );
            let mut out = with_head(m, &head, &format!("About: {}", d.about));
            if !d.reasons.is_empty() {
                out.push(Line::from(format!("Reasons: {}", safe(&d.reasons))));
            }
            Some((d.id.clone(), out))
        }
        StepKind::Notes => {
            let n = meeting.notes.get(form.choice("items"))?;
            let mut head = vec![if n.subject.trim().is_empty() {
                "note".to_string()
            } else {
                n.subject.clone()
            }];
            if !n.privacy.is_open() {
                head.push(privacy_words(Some(&n.privacy), plan));
            }
            Some((n.id.clone(), with_head(m, &head.join(" · "), &n.text)))
        }
        StepKind::Close if on("flags") => {
            let flags = crate::domain::family_check::concerns(meeting, plan);
            let c = flags.get(form.choice("flags"))?;
            let who = match c.place.privacy(meeting) {
                Some(p) if !p.is_open() => privacy_words(Some(p), plan),
                Some(_) => "open".to_string(),
                None => "always in".to_string(),
            };
            let head = format!("{} · {who}", c.why);
            Some((
                c.place.label(meeting, plan),
                with_head(m, &head, &c.passage),
            ))
        }
        _ => None,
    }
}

/// A dim first line, then the text, one line per paragraph.
fn with_head(m: &MeetingModel, head: &str, text: &str) -> Vec<Line<'static>> {
    let mut out = vec![Line::from(Span::styled(safe(head), m.theme.dim))];
    out.extend(text.lines().map(|l| Line::from(safe(l))));
    out
}

fn action(m: &MeetingModel, a: &Action) -> (String, Vec<Line<'static>>) {
    let plan = &m.draft.plan;
    let owner = a.owner.as_deref().map_or("nobody yet".to_string(), |o| {
        plan.member(o)
            .map_or(o.to_string(), |p| format!("{} ({})", p.name, p.role))
    });
    let due = a.due.map_or("no date".to_string(), |d| {
        format!("by {}", d.format("%a %-d %b %Y"))
    });
    let mut out = vec![
        Line::from(Span::styled(
            safe(&format!("{owner} · {due} · {}", a.status.label())),
            m.theme.dim,
        )),
        Line::from(safe(&a.what)),
    ];
    if let Some(o) = plan.outcome(&a.outcome) {
        out.push(Line::from(Span::styled(
            format!("Serves {}: {}", o.id, safe(&o.text)),
            m.theme.dim,
        )));
    }
    // What was changed since the last meeting (on the case screen, by `log`, by hand) is
    // said first, with who, when and why.
    let day = crate::domain::close::meeting_date(&m.draft.meeting);
    let last = plan
        .key_dates
        .core_groups
        .iter()
        .map(|c| c.date)
        .filter(|d| day.is_none_or(|day| *d < day))
        .max();
    let since = day.map_or_else(Vec::new, |day| action_history::since(a, last, day));
    if !since.is_empty() {
        out.push(Line::from(Span::styled(
            "Changed since the last meeting:",
            m.theme.dim,
        )));
        for h in &since {
            out.push(Line::from(safe(&format!(
                "{} {} · {}{}",
                h.date.format("%d/%m/%Y"),
                action_history::describe(h, plan),
                action_history::who(h, plan),
                if h.note.is_empty() {
                    String::new()
                } else {
                    format!(": {}", h.note)
                }
            ))));
        }
        out.push(Line::from(Span::styled("History:", m.theme.dim)));
    }
    for h in &a.history {
        let note = if h.note.is_empty() {
            String::new()
        } else {
            format!(": {}", safe(&h.note))
        };
        let what = if h.changed.is_empty() {
            h.status.label().to_string()
        } else {
            safe(&action_history::describe(h, plan))
        };
        out.push(Line::from(format!(
            "{} {what}{note}",
            h.date.format("%d/%m/%Y")
        )));
    }
    (format!("Action {}", a.id), out)
}

/// Rows the lines take at this width.
pub fn rows_for(lines: &[Line<'static>], width: u16) -> u16 {
    let n: usize = lines.iter().map(|l| wrap_line(l, width, 0).len()).sum();
    u16::try_from(n).unwrap_or(u16::MAX)
}

/// The pane, scrolled to `m.detail_scroll`; when the row is longer than the pane its title says
/// which rows show ("lines 9–16 of 30") and ctrl-↑/↓ bring the rest into view.
pub fn draw(
    m: &MeetingModel,
    title: &str,
    lines: Vec<Line<'static>>,
    frame: &mut Frame,
    area: Rect,
    beside: bool,
) {
    let block = Block::default()
        .borders(if beside { Borders::LEFT } else { Borders::TOP })
        .border_style(m.theme.border);
    let inner = block.inner(area);
    let rows: Vec<Line<'static>> = lines
        .iter()
        .flat_map(|l| wrap_line(l, inner.width, 0))
        .collect();
    let room = usize::from(inner.height);
    m.detail_rows.set((rows.len(), room));
    let first = m.detail_scroll.min(rows.len().saturating_sub(room));
    let mut title = format!(" {} ", safe(title));
    if rows.len() > room {
        let up = m.keymap.key_label(Mode::Global, KeyCommand::DetailUp);
        let down = m.keymap.key_label(Mode::Global, KeyCommand::DetailDown);
        title.push_str(&format!(
            "· lines {} · {up}/{down} ",
            crate::tui::widgets::layout::position(first, room, rows.len())
        ));
    }
    let block = block.title(Span::styled(title, m.theme.title));
    let shown: Vec<Line<'static>> = rows.into_iter().skip(first).take(room).collect();
    frame.render_widget(Paragraph::new(shown).block(block), area);
}
