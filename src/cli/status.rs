//! `coregroup status`: every timescale of a case with its state, as text or YAML.

use super::args::{StatusArgs, StatusFormat};
use super::{CliError, day_or_today};
use crate::cases::open_case::Log;
use crate::domain::agenda::Agenda;
use crate::domain::status::Status;
use crate::domain::timescale::State;
use crate::text::sanitize;

pub fn run(a: &StatusArgs) -> Result<String, CliError> {
    let today = day_or_today(a.today.as_deref(), "--today")?;
    let open = super::open_case(&a.dir, Log::Read)?;
    let s = open.status(today);
    Ok(match a.format {
        StatusFormat::Yaml => crate::store::yaml::to_terminal_string(&s)?,
        StatusFormat::Text => text(&s, &open.agenda, open.plan.case.division.label()),
    })
}

fn mark(state: State) -> &'static str {
    match state {
        State::Met => "ok",
        State::MetLate => "late",
        State::OnTrack => "..",
        State::DueSoon => "soon",
        State::Overdue => "OVERDUE",
        State::Unknown => "?",
    }
}

/// The text report: one line a timescale, then the overdue actions.
pub fn text(s: &Status, agenda: &Agenda, division: &str) -> String {
    let mut out = format!(
        "{} · {} · as on {} ({division} bank holidays)\n\n",
        sanitize(&s.case),
        sanitize(&agenda.title),
        s.today.format("%a %-d %b %Y")
    );
    let width = s
        .timescales
        .iter()
        .map(|t| t.label.chars().count())
        .max()
        .unwrap_or(0);
    for t in &s.timescales {
        let due = t
            .due
            .map(|d| d.format("%a %-d %b %Y").to_string())
            .unwrap_or_else(|| "—".into());
        out.push_str(&format!(
            "  {:<7} {:<width$}  {:<16} {:<9} {}\n",
            mark(t.state),
            t.label,
            due,
            t.state.label(),
            sanitize(&t.detail)
        ));
        if let Some(l) = t.latest_working_day {
            out.push_str(&format!(
                "  {:<7} {:<width$}  (falls on a non-working day: act by {})\n",
                "",
                "",
                l.format("%a %-d %b %Y")
            ));
        }
    }
    if s.overdue_actions.is_empty() {
        out.push_str("\nNo actions are overdue.\n");
    } else {
        out.push_str(&format!(
            "\nOverdue actions ({}):\n",
            s.overdue_actions.len()
        ));
        for a in &s.overdue_actions {
            out.push_str(&format!(
                "  {:<5} due {}  {}  {}: {}\n",
                sanitize(&a.id),
                a.due.format("%a %-d %b %Y"),
                a.lateness(),
                sanitize(&a.owner),
                sanitize(&a.what)
            ));
        }
    }
    if !s.open_disagreements.is_empty() {
        out.push_str(&format!(
            "\nOpen disagreements ({}):\n",
            s.open_disagreements.len()
        ));
        for d in &s.open_disagreements {
            out.push_str(&format!(
                "  {:<5} raised {}, open {} days  {}: {}; {}\n",
                sanitize(&d.id),
                d.raised.format("%a %-d %b %Y"),
                d.age_days,
                sanitize(&d.who),
                sanitize(&d.about),
                sanitize(&d.standing)
            ));
            if let Some(l) = &d.latest {
                out.push_str(&format!("        latest: {}\n", sanitize(l)));
            }
        }
    }
    if !s.minutes_versions.is_empty() {
        out.push_str("\nMinutes of the last core group:\n");
        for l in &s.minutes_versions {
            out.push_str(&format!("  {}\n", sanitize(l)));
        }
    }
    if !s.since_last_meeting.is_empty() {
        out.push_str("\nLogged since the last meeting:\n");
        for e in &s.since_last_meeting {
            out.push_str(&format!(
                "  {}  {}\n",
                e.date.format("%a %-d %b %Y"),
                sanitize(&e.text)
            ));
        }
    }
    out
}
