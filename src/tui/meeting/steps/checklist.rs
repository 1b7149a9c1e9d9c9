//! A checklist step of local additions: the agenda's items, ticked.

use super::{Ctx, StepReply};
use crate::domain::meeting::{Change, ChecklistTick};
use crate::domain::status;
use crate::domain::timescale::Judge;
use crate::tui::widgets::field::{Field, FieldId};
use crate::tui::widgets::forms::Form;

pub fn is_ticked(ctx: &Ctx, item: &str) -> bool {
    ctx.draft
        .meeting
        .checklist
        .iter()
        .any(|t| t.item == item && t.done)
}

pub fn build(ctx: &Ctx, sel: &dyn Fn(FieldId) -> usize) -> Vec<Field> {
    let n = ctx.step_def().map_or(0, |s| s.items.len());
    vec![Field::table(
        "items",
        "Items (space ticks)",
        n,
        sel("items"),
        16,
    )]
}

pub fn activate(ctx: &Ctx, form: &Form) -> StepReply {
    let Some(item) = ctx
        .step_def()
        .and_then(|s| s.items.get(form.choice("items")))
    else {
        return StepReply::Nothing;
    };
    StepReply::Changes(vec![Change::Checklist(ChecklistTick {
        item: item.clone(),
        done: !is_ticked(ctx, item),
    })])
}

pub fn missing(ctx: &Ctx) -> Vec<String> {
    let Some(step) = ctx.step_def() else {
        return Vec::new();
    };
    step.items
        .iter()
        .filter(|i| !is_ticked(ctx, i))
        .map(|i| format!("not ticked: {i}"))
        .collect()
}

/// On the core assessment's step, when it is due and how it stands on the meeting's date, as
/// the step's guidance promises.
pub fn core_assessment(ctx: &Ctx) -> Option<String> {
    let step = ctx.step_def()?;
    let about =
        step.key() == "core-assessment" || step.title.to_lowercase().contains("core assessment");
    if !about {
        return None;
    }
    let judge = Judge {
        cal: ctx.calendar,
        today: ctx.meeting_date(),
    };
    let t = status::core_assessment(&ctx.draft.plan, &ctx.agenda.policy, &judge);
    Some(match t.due {
        Some(due) => format!(
            "Core assessment due {}: {} ({})",
            due.format("%a %-d %b %Y"),
            t.state.label(),
            t.detail
        ),
        None => format!("Core assessment due date unknown: {}", t.detail),
    })
}
