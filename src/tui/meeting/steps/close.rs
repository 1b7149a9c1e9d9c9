//! Close: what is missing, the passages going to a family copy that look as if they should not,
//! and the button that closes the meeting anyway.

use super::{Commit, Ctx, StepReply};
use crate::domain::family_check::{Concern, Place, concerns};
use crate::domain::meeting::{Change, Details};
use crate::domain::privacy::Privacy;
use crate::tui::meeting::confirm::MeetingOnYes;
use crate::tui::meeting::overlay::{Overlay, OverlayKind};
use crate::tui::widgets::dialog::Confirm;
use crate::tui::widgets::field::{Field, FieldId};
use crate::tui::widgets::forms::Form;

/// The family-copy check, as it stands now.
pub fn flags(ctx: &Ctx) -> Vec<Concern> {
    concerns(&ctx.draft.meeting, &ctx.draft.plan)
}

pub fn build(ctx: &Ctx, sel: &dyn Fn(FieldId) -> usize) -> Vec<Field> {
    let mut fields = Vec::new();
    let n = flags(ctx).len();
    if n > 0 {
        fields.push(Field::table(
            "flags",
            "Check the family's copy",
            n,
            sel("flags"),
            6,
        ));
    }
    fields.push(Field::button(
        "close",
        "Close the meeting and write the minutes",
    ));
    // Below the button, so Enter on arriving still closes: the times to correct, if need be.
    let d = &ctx.draft.meeting.details;
    fields.push(Field::time("start", "Started", d.time));
    fields.push(Field::time(
        "end",
        "Ended (blank: when you close)",
        d.end_time,
    ));
    fields
}

/// The start and end times corrected at the close.
pub fn commit(ctx: &Ctx, form: &Form) -> Commit {
    let old = &ctx.draft.meeting.details;
    let mut problems = Vec::new();
    let mut time = |id: &'static str, was: Option<chrono::NaiveTime>| {
        form.time(id).unwrap_or_else(|e| {
            problems.push(e.to_string());
            was
        })
    };
    let details = Details {
        time: time("start", old.time),
        end_time: time("end", old.end_time),
        ..old.clone()
    };
    let changes = if &details == old {
        Vec::new()
    } else {
        vec![Change::Details(details)]
    };
    Commit { changes, problems }
}

pub fn activate(ctx: &Ctx, form: &Form) -> StepReply {
    match form.focus_id() {
        Some("close") => StepReply::Close,
        // Enter on a flagged passage opens the passage itself: an item's form over the close
        // step, or the field on its step; else the step where it was written.
        Some("flags") => {
            let Some(c) = flags(ctx).into_iter().nth(form.choice("flags")) else {
                return StepReply::Nothing;
            };
            let over = |kind| StepReply::Overlay(Box::new(Overlay::open(ctx, kind)));
            match &c.place {
                Place::Note(id) => return over(OverlayKind::Note(Some(id.clone()))),
                Place::Circumstance(id) => {
                    return over(OverlayKind::Circumstance(Some(id.clone())));
                }
                Place::Disagreement(id) => {
                    return over(OverlayKind::Disagreement(Some(id.clone())));
                }
                Place::DisagreementReview(id) => {
                    return over(OverlayKind::CarriedDisagreement(id.clone()));
                }
                Place::Action(id) => return over(OverlayKind::Action(Some(id.clone()))),
                _ => {}
            }
            let field = match &c.place {
                Place::Exclusions => Some("exclusions"),
                Place::Venue | Place::NextVenue => Some("venue"),
                Place::Amendments => Some("amendments"),
                Place::FamilyViews => Some("views"),
                Place::ChildViews => Some("wishes"),
                Place::Escalation => Some("reason"),
                _ => None,
            };
            match ctx
                .agenda
                .steps
                .iter()
                .position(|s| s.kind == c.place.step())
            {
                Some(i) => match field {
                    Some(f) => StepReply::GotoField(i, f),
                    None => StepReply::Goto(i),
                },
                None => StepReply::Status("this agenda has no step for that passage".into()),
            }
        }
        _ => StepReply::Nothing,
    }
}

/// The privacy key on a flagged passage: its item becomes confidential, then not for each
/// family member in turn, as everywhere else.
/// Who may read the selected flagged passage now; `Err` with what to tell the chair when its
/// text always goes to the family.
pub fn flag_privacy(ctx: &Ctx, form: &Form) -> Result<Privacy, StepReply> {
    let Some(c) = flags(ctx).into_iter().nth(form.choice("flags")) else {
        return Err(StepReply::Nothing);
    };
    c.place.privacy(&ctx.draft.meeting).cloned().ok_or_else(|| {
        StepReply::Status("this text is always in the family's copy: Enter to edit it".into())
    })
}

/// The privacy ticked for the selected flagged passage.
pub fn set_privacy(ctx: &Ctx, form: &Form, privacy: Privacy) -> StepReply {
    let Some(c) = flags(ctx).into_iter().nth(form.choice("flags")) else {
        return StepReply::Nothing;
    };
    match c.place.with_privacy(&ctx.draft.meeting, privacy) {
        Some(change) => StepReply::Changes(vec![change]),
        None => StepReply::Nothing,
    }
}

/// The question asked before closing with things missing or passages flagged.
pub fn confirm_close(missing: Vec<String>, flagged: usize) -> StepReply {
    if missing.is_empty() && flagged == 0 {
        return StepReply::Close;
    }
    let mut detail = missing.clone();
    if flagged > 0 {
        detail.push(format!(
            "{flagged} {} going to the family {} flagged: the list is recorded",
            if flagged == 1 { "passage" } else { "passages" },
            if flagged == 1 { "is" } else { "are" },
        ));
    }
    let things = |n: usize| if n == 1 { "thing is" } else { "things are" };
    let question = match (missing.len(), flagged) {
        (n, 0) => format!(
            "{n} {} missing. Close anyway? What is missing will be recorded in the minutes.",
            things(n)
        ),
        (0, _) => "Passages going to the family are flagged. Close anyway? The list will be \
                   recorded in the minutes."
            .to_string(),
        (n, _) => format!(
            "{n} {} missing and passages going to the family are flagged. Close anyway? Both \
             lists will be recorded in the minutes.",
            things(n)
        ),
    };
    StepReply::confirm(
        Confirm::new(question, MeetingOnYes::CloseAnyway(missing)).with_detail(detail),
    )
}
