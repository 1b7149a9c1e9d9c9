//! Revisions to the plan: actions added, edited and closed; core group outcomes added.
//! Conference outcomes are shown but only a review conference may change them.

use super::{Ctx, Outcome};
use crate::domain::plan::Origin;
use crate::tui::field::{Field, FieldId};
use crate::tui::forms::Form;
use crate::tui::overlay::{Overlay, OverlayKind};

pub fn build(ctx: &Ctx, sel: &dyn Fn(FieldId) -> usize) -> Vec<Field> {
    let plan = &ctx.draft.plan;
    vec![
        Field::table("actions", "Actions", plan.actions.len(), sel("actions"), 12),
        Field::table(
            "outcomes",
            super::capitalised(&ctx.agenda.terms.outcomes),
            plan.outcomes.len(),
            sel("outcomes"),
            6,
        ),
    ]
}

pub fn activate(ctx: &Ctx, form: &Form) -> Outcome {
    let plan = &ctx.draft.plan;
    match form.focus_id() {
        Some("actions") => match plan.actions.get(form.choice("actions")) {
            Some(a) => Outcome::Overlay(Box::new(Overlay::open(
                ctx,
                OverlayKind::Action(Some(a.id.clone())),
            ))),
            None => add(ctx, form),
        },
        Some("outcomes") => match plan.outcomes.get(form.choice("outcomes")) {
            Some(o) if o.origin == Origin::Conference => Outcome::Status(format!(
                "Outcome {} was set by the conference: only a review conference may change or remove it. \
                 The core group can add its own ({} on this list).",
                o.id, "+"
            )),
            Some(o) => Outcome::Overlay(Box::new(Overlay::open(
                ctx,
                OverlayKind::Outcome(Some(o.id.clone())),
            ))),
            None => add(ctx, form),
        },
        _ => Outcome::Nothing,
    }
}

pub fn add(ctx: &Ctx, form: &Form) -> Outcome {
    let kind = if form.focus_id() == Some("outcomes") {
        OverlayKind::Outcome(None)
    } else {
        OverlayKind::Action(None)
    };
    Outcome::Overlay(Box::new(Overlay::open(ctx, kind)))
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
