//! Attendance: each member present, sent apologies or did not attend, with substitutes and the
//! written updates of those absent; guests added on the spot.

use super::{Commit, Ctx, StepReply, index_of, pick, with_none};
use crate::agenda::rules;
use crate::domain::meeting::{Attendance, Change, Guest, Presence};
use crate::tui::keymap::KeyCommand;
use crate::tui::meeting::confirm::MeetingOnYes;
use crate::tui::meeting::overlay::Overlay;
use crate::tui::widgets::dialog::Confirm;
use crate::tui::widgets::field::{Field, FieldId};
use crate::tui::widgets::forms::Form;

pub const PRESENCE: [Presence; 3] = [
    Presence::Present,
    Presence::Apologies,
    Presence::DidNotAttend,
];

/// A row of the list: a member's attendance, or a guest.
pub enum AttendanceRow<'a> {
    Member(&'a Attendance),
    Guest(&'a Guest),
}

pub fn row<'a>(ctx: &'a Ctx, i: usize) -> Option<AttendanceRow<'a>> {
    let m = &ctx.draft.meeting;
    match m.attendance.get(i) {
        Some(a) => Some(AttendanceRow::Member(a)),
        None => m
            .guests
            .get(i - m.attendance.len())
            .map(AttendanceRow::Guest),
    }
}

pub fn build(ctx: &Ctx, sel: &dyn Fn(FieldId) -> usize) -> Vec<Field> {
    let m = &ctx.draft.meeting;
    let len = m.attendance.len() + m.guests.len();
    let selected = sel("people").min(len.saturating_sub(1));
    let mut fields = vec![Field::table("people", "Who is here", len, selected, 12)];
    match row(ctx, selected) {
        Some(AttendanceRow::Member(a)) => {
            fields.push(Field::choice(
                "presence",
                "Attendance",
                with_none(
                    "not recorded",
                    PRESENCE.iter().map(|p| p.label().to_string()),
                ),
                index_of(&PRESENCE, a.presence.as_ref()),
            ));
            fields.push(Field::text("substitute", "Substitute", &a.substitute));
            fields.push(Field::toggle(
                "written_update",
                "Written update in",
                a.written_update,
            ));
            fields.push(
                Field::note(
                    "summary",
                    "Summary of their written update",
                    &a.written_update_summary,
                )
                .private(&a.privacy),
            );
        }
        Some(AttendanceRow::Guest(_)) | None => {}
    }
    fields
}

fn selected_member<'a>(ctx: &'a Ctx, form: &Form) -> Option<&'a Attendance> {
    match row(ctx, form.choice("people")) {
        Some(AttendanceRow::Member(a)) => Some(a),
        _ => None,
    }
}

pub fn commit(ctx: &Ctx, form: &Form) -> Commit {
    let Some(old) = selected_member(ctx, form) else {
        return Commit::default();
    };
    let new = Attendance {
        member: old.member.clone(),
        presence: pick(&PRESENCE, form.choice("presence")),
        substitute: form.text("substitute").trim().to_string(),
        written_update: form.toggle("written_update"),
        written_update_summary: form.text("summary"),
        privacy: form.privacy("summary"),
    };
    Commit {
        changes: if &new == old {
            Vec::new()
        } else {
            vec![Change::Attendance(new)]
        },
        problems: Vec::new(),
    }
}

pub fn activate(ctx: &Ctx, form: &Form) -> StepReply {
    if form.focus_id() != Some("people") {
        return StepReply::Nothing;
    }
    match row(ctx, form.choice("people")) {
        Some(AttendanceRow::Guest(g)) => StepReply::Overlay(Box::new(Overlay::guest(ctx, Some(g)))),
        // Enter opens the row: the footer says "edit the row", so it must never change who
        // attended (p, a and d mark a member at a key each).
        Some(AttendanceRow::Member(_)) => StepReply::Focus("presence"),
        None => StepReply::Nothing,
    }
}

pub fn add(ctx: &Ctx) -> StepReply {
    StepReply::Overlay(Box::new(Overlay::guest(ctx, None)))
}

pub fn remove(ctx: &Ctx, form: &Form) -> StepReply {
    match row(ctx, form.choice("people")) {
        Some(AttendanceRow::Guest(g)) => StepReply::confirm(
            Confirm::new(
                format!("Remove {} from the meeting?", g.name),
                MeetingOnYes::Remove(g.id.clone()),
            )
            .with_detail(vec![format!(
                "{} ({}) was added as a guest.",
                g.name, g.role
            )]),
        ),
        _ => StepReply::Status(
            "members of the core group stay on the list; mark them instead".into(),
        ),
    }
}

pub fn quick(ctx: &Ctx, form: &Form, action: KeyCommand) -> StepReply {
    let presence = match action {
        KeyCommand::MarkPresent => Presence::Present,
        KeyCommand::MarkApologies => Presence::Apologies,
        KeyCommand::MarkAbsent => Presence::DidNotAttend,
        _ => return StepReply::Nothing,
    };
    match selected_member(ctx, form) {
        Some(a) => StepReply::Changes(vec![Change::Attendance(Attendance {
            presence: Some(presence),
            ..a.clone()
        })]),
        None => StepReply::Status("guests are present by being added".into()),
    }
}

/// A family member marked present where the procedure says the family does not attend, as
/// `agenda::rules` judges it.
pub fn family_warnings(ctx: &Ctx) -> Vec<String> {
    rules::check_family(&ctx.agenda.policy, &ctx.draft.plan, &ctx.draft.meeting)
        .into_iter()
        .map(|w| w.message)
        .collect()
}

pub fn missing(ctx: &Ctx) -> Vec<String> {
    let plan = &ctx.draft.plan;
    let mut out = Vec::new();
    let unrecorded: Vec<&str> = ctx
        .draft
        .meeting
        .attendance
        .iter()
        .filter(|a| a.presence.is_none())
        .map(|a| plan.member_name(&a.member))
        .collect();
    if !unrecorded.is_empty() {
        out.push(format!(
            "attendance not recorded for {}",
            unrecorded.join(", ")
        ));
    }
    for a in &ctx.draft.meeting.attendance {
        // A substitute speaks for the agency: no written update is owed.
        if a.presence == Some(Presence::Apologies) && !a.written_update && !a.agency_attended() {
            out.push(format!(
                "{} sent apologies without a written update",
                plan.member_name(&a.member)
            ));
        }
    }
    out.extend(family_warnings(ctx));
    out
}
