//! Revisions to the plan: actions added, edited and closed; core group outcomes added.
//! Conference outcomes are shown but only a review conference may change them.

use super::{Ctx, StepReply};
use crate::domain::agenda::StepKind;
use crate::domain::plan::Origin;
use crate::tui::meeting::confirm::MeetingOnYes;
use crate::tui::meeting::overlay::{Overlay, OverlayKind};
use crate::tui::widgets::dialog::Confirm;
use crate::tui::widgets::field::{Field, FieldId};
use crate::tui::widgets::forms::Form;

pub fn build(ctx: &Ctx, sel: &dyn Fn(FieldId) -> usize) -> Vec<Field> {
    let plan = &ctx.draft.plan;
    vec![
        Field::table("actions", "Actions", plan.actions.len(), sel("actions"), 12),
        Field::table(
            "outcomes",
            crate::tui::widgets::layout::capitalised(&ctx.agenda.terms.outcomes),
            plan.outcomes.len(),
            sel("outcomes"),
            6,
        ),
        // The agenda asks the group to agree it: read in full and changed here.
        Field::note("contingency", "Contingency plan", &plan.contingency_plan),
    ]
}

pub fn commit(ctx: &Ctx, form: &Form) -> super::Commit {
    let text = form.text("contingency");
    let changes =
        if form.is_dirty("contingency") && text.trim_end() != ctx.draft.plan.contingency_plan {
            vec![crate::domain::meeting::Change::Contingency(text)]
        } else {
            Vec::new()
        };
    super::Commit {
        changes,
        problems: Vec::new(),
    }
}

pub fn activate(ctx: &Ctx, form: &Form) -> StepReply {
    let plan = &ctx.draft.plan;
    match form.focus_id() {
        Some("actions") => match plan.actions.get(form.choice("actions")) {
            Some(a) => StepReply::Overlay(Box::new(Overlay::open(
                ctx,
                OverlayKind::Action(Some(a.id.clone())),
            ))),
            None => add(ctx, form),
        },
        Some("outcomes") => match plan.outcomes.get(form.choice("outcomes")) {
            Some(o) if o.origin == Origin::Conference => StepReply::Status(format!(
                "Outcome {} was set by the conference: only a review conference may change or remove it. \
                 The core group can add its own ({} on this list).",
                o.id, "+"
            )),
            Some(o) => StepReply::Overlay(Box::new(Overlay::open(
                ctx,
                OverlayKind::Outcome(Some(o.id.clone())),
            ))),
            None => add(ctx, form),
        },
        _ => StepReply::Nothing,
    }
}

pub fn add(ctx: &Ctx, form: &Form) -> StepReply {
    let kind = if form.focus_id() == Some("outcomes") {
        OverlayKind::Outcome(None)
    } else {
        OverlayKind::Action(None)
    };
    StepReply::Overlay(Box::new(Overlay::open(ctx, kind)))
}

/// Take out a core group outcome added by mistake in this meeting; nothing else leaves the plan.
pub fn remove(ctx: &Ctx, form: &Form) -> StepReply {
    if form.focus_id() != Some("outcomes") {
        return StepReply::Status(
            "actions stay in the plan: open it with Enter and mark it no longer needed".into(),
        );
    }
    let Some(o) = ctx.draft.plan.outcomes.get(form.choice("outcomes")) else {
        return StepReply::Status("the list is empty".into());
    };
    if o.origin == Origin::Conference || !ctx.draft.start.added_outcome(&o.id) {
        return StepReply::Status(format!(
            "Outcome {} was in the plan before this meeting: only a review conference may remove it.",
            o.id
        ));
    }
    StepReply::confirm(
        Confirm::new(
            format!("Remove outcome {}, added in this meeting?", o.id),
            MeetingOnYes::RemoveOutcome(o.id.clone()),
        )
        .with_detail(vec![o.text.clone()]),
    )
}

/// Open actions that nobody owns or that have no date: the plan must say who and by when.
pub fn missing(ctx: &Ctx) -> Vec<String> {
    let mut no_owner = Vec::new();
    let mut no_due = Vec::new();
    for a in ctx.draft.plan.actions.iter().filter(|a| a.status.is_open()) {
        if a.owner.is_none() {
            no_owner.push(a.id.as_str());
        }
        if a.due.is_none() {
            no_due.push(a.id.as_str());
        }
    }
    let mut out = Vec::new();
    if !no_owner.is_empty() {
        out.push(format!("actions with no owner: {}", no_owner.join(", ")));
    }
    if !no_due.is_empty() {
        out.push(format!("actions with no due date: {}", no_due.join(", ")));
    }
    out
}

/// Open actions whose date passed before the meeting and that the meeting has not decided on:
/// the group must keep (review it), re-date or close each one, so the close checklist asks.
/// Only agendas that review the previous record ask: that is where an action is kept.
pub fn overdue(ctx: &Ctx) -> Vec<String> {
    if ctx.agenda.step_index(StepKind::PreviousRecord).is_none() {
        return Vec::new();
    }
    let held = ctx.meeting_date();
    let reviewed = |id: &str| {
        ctx.draft
            .meeting
            .action_reviews
            .iter()
            .any(|r| r.action == id)
    };
    ctx.draft
        .plan
        .actions
        .iter()
        .filter(|a| a.status.is_open() && !reviewed(&a.id))
        .filter_map(|a| {
            let due = a.due.filter(|d| *d < held)?;
            Some(format!(
                "{} was due {} and is {}: keep, re-date or close it?",
                a.id,
                due.format("%-d %b"),
                a.status.label()
            ))
        })
        .collect()
}
