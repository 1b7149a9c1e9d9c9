//! The form of each kind of step: which fields it has, built from the draft, and the changes
//! its fields make. The view draws them; `update` calls these when fields are left or pressed.

pub mod attendance;
mod checklist;
pub mod close;
mod context;
mod escalation;
mod introductions;
mod items;
pub mod next_meeting;
mod plan_revisions;
mod previous_record;
pub mod progress;
pub mod reply;
mod views;

pub use attendance::{PRESENCE, family_warnings};
pub use checklist::{core_assessment, is_ticked};
pub use close::confirm_close;
pub use context::{Commit, Ctx, index_of, number_of, pick, with_none};
pub use introductions::chair_warnings;
pub use next_meeting::{Limit, day_warning, limit};
pub use previous_record::review_change;
pub use progress::contributions_of;
pub use reply::StepReply;

use crate::agenda::rules;

use crate::domain::agenda::StepKind;
use crate::tui::keymap::KeyCommand;
use crate::tui::widgets::field::{Field, FieldId};
use crate::tui::widgets::forms::Form;

pub fn build(ctx: &Ctx, sel: &dyn Fn(FieldId) -> usize) -> Vec<Field> {
    let Some(kind) = ctx.kind() else {
        return Vec::new();
    };
    match kind {
        StepKind::Introductions => introductions::build(ctx),
        StepKind::Attendance => attendance::build(ctx, sel),
        StepKind::PreviousRecord => previous_record::build(ctx, sel),
        StepKind::AgencyProgress => progress::build(ctx, sel),
        StepKind::ChildViews => views::build_child(ctx, sel),
        StepKind::FamilyViews => views::build_family(ctx),
        StepKind::Circumstances => items::build_circumstances(ctx, sel),
        StepKind::PlanRevisions => plan_revisions::build(ctx, sel),
        StepKind::Disagreements => items::build_disagreements(ctx, sel),
        StepKind::Escalation => escalation::build(ctx, sel),
        StepKind::NextMeeting => next_meeting::build(ctx),
        StepKind::Notes => items::build_notes(ctx, sel),
        StepKind::Checklist => checklist::build(ctx, sel),
        StepKind::Close => close::build(ctx, sel),
    }
}

/// The changes the form's dirty fields make.
pub fn commit(ctx: &Ctx, form: &Form) -> Commit {
    if !form.any_dirty() {
        return Commit::default();
    }
    match ctx.kind() {
        Some(StepKind::Introductions) => introductions::commit(ctx, form),
        Some(StepKind::Attendance) => attendance::commit(ctx, form),
        Some(StepKind::PreviousRecord) => previous_record::commit(ctx, form),
        Some(StepKind::AgencyProgress) => progress::commit(ctx, form),
        Some(StepKind::ChildViews) => views::commit_child(ctx, form),
        Some(StepKind::FamilyViews) => views::commit_family(ctx, form),
        Some(StepKind::Escalation) => escalation::commit(ctx, form),
        Some(StepKind::NextMeeting) => next_meeting::commit(ctx, form),
        Some(StepKind::Close) => close::commit(ctx, form),
        Some(StepKind::PlanRevisions) => plan_revisions::commit(ctx, form),
        _ => Commit::default(),
    }
}

/// Enter on the focused field, or space on a list that ticks.
pub fn activate(ctx: &Ctx, form: &Form) -> StepReply {
    match ctx.kind() {
        Some(StepKind::Attendance) => attendance::activate(ctx, form),
        Some(StepKind::Circumstances | StepKind::Disagreements | StepKind::Notes) => {
            items::activate(ctx, form)
        }
        Some(StepKind::PlanRevisions) => plan_revisions::activate(ctx, form),
        Some(StepKind::Escalation) => escalation::activate(ctx, form),
        Some(StepKind::Checklist) => checklist::activate(ctx, form),
        Some(StepKind::Close) => close::activate(ctx, form),
        Some(StepKind::AgencyProgress) => progress::activate(ctx, form),
        _ => StepReply::Nothing,
    }
}

pub fn add(ctx: &Ctx, form: &Form) -> StepReply {
    match ctx.kind() {
        Some(StepKind::Attendance) => attendance::add(ctx),
        Some(StepKind::Circumstances | StepKind::Disagreements | StepKind::Notes) => {
            items::add(ctx)
        }
        Some(StepKind::PlanRevisions) => plan_revisions::add(ctx, form),
        _ => StepReply::Status("nothing to add here".into()),
    }
}

pub fn remove(ctx: &Ctx, form: &Form) -> StepReply {
    match ctx.kind() {
        Some(StepKind::Attendance) => attendance::remove(ctx, form),
        Some(StepKind::Circumstances | StepKind::Disagreements | StepKind::Notes) => {
            items::remove(ctx, form)
        }
        Some(StepKind::PlanRevisions) => plan_revisions::remove(ctx, form),
        Some(StepKind::AgencyProgress) => progress::remove(ctx, form),
        _ => StepReply::Status("nothing to remove here".into()),
    }
}

/// Lists that show the details of another list's selected row, and so start again at their
/// first row when it moves.
pub fn lists_following(ctx: &Ctx, list: FieldId) -> &'static [FieldId] {
    match (ctx.kind(), list) {
        (Some(StepKind::AgencyProgress), "people") => &["said"],
        _ => &[],
    }
}

/// Single-key shortcuts on a list (present / apologies / did not attend).
pub fn quick(ctx: &Ctx, form: &Form, action: KeyCommand) -> StepReply {
    match ctx.kind() {
        Some(StepKind::Attendance) => attendance::quick(ctx, form, action),
        _ => StepReply::Status("that key works on the attendance list".into()),
    }
}

/// What a step still lacks, in words the close checklist shows.
pub fn missing(ctx: &Ctx, step: usize) -> Vec<String> {
    let Some(def) = ctx.agenda.steps.get(step) else {
        return Vec::new();
    };
    let ctx = Ctx { step, ..*ctx };
    match def.kind {
        StepKind::Introductions => introductions::missing(&ctx),
        StepKind::Attendance => attendance::missing(&ctx),
        StepKind::PreviousRecord => previous_record::missing(&ctx),
        StepKind::AgencyProgress => progress::missing(&ctx),
        StepKind::ChildViews => views::missing_child(&ctx),
        StepKind::FamilyViews => views::missing_family(&ctx),
        StepKind::PlanRevisions => plan_revisions::missing(&ctx),
        StepKind::NextMeeting => next_meeting::missing(&ctx),
        StepKind::Checklist => checklist::missing(&ctx),
        _ => Vec::new(),
    }
}

/// Whether the record holds something for a step, however it got there (captured from another
/// step, or before a stop): such a step was done, visited or not.
fn has_content(ctx: &Ctx, step: usize) -> bool {
    let Some(def) = ctx.agenda.steps.get(step) else {
        return false;
    };
    let m = &ctx.draft.meeting;
    let start = &ctx.draft.start;
    match def.kind {
        StepKind::Introductions => {
            m.details.chair.is_some()
                || m.details.minute_taker.is_some()
                || !m.details.minute_taker_name.is_empty()
                || !m.details.venue.is_empty()
        }
        StepKind::Attendance => m.attendance.iter().any(|a| a.presence.is_some()),
        StepKind::PreviousRecord => {
            m.previous_record.accuracy.is_some() || !m.action_reviews.is_empty()
        }
        StepKind::AgencyProgress => !m.contributions.is_empty() || !m.outcome_progress.is_empty(),
        StepKind::ChildViews => m.child_views != Default::default() || !m.children_views.is_empty(),
        StepKind::FamilyViews => m.family_views != Default::default(),
        StepKind::Circumstances => !m.circumstances.is_empty(),
        StepKind::PlanRevisions => {
            let plan = &ctx.draft.plan;
            plan.actions
                .iter()
                .any(|a| !start.history_len.contains_key(&a.id))
                || plan.outcomes.iter().any(|o| start.added_outcome(&o.id))
        }
        StepKind::Disagreements => {
            !m.disagreements.is_empty() || !m.disagreement_reviews.is_empty()
        }
        StepKind::Escalation => m.escalation != Default::default(),
        StepKind::NextMeeting => m.next_meeting.date.is_some(),
        StepKind::Notes => m.notes.iter().any(|n| n.step == def.key()),
        StepKind::Checklist => def.items.iter().any(|i| checklist::is_ticked(ctx, i)),
        StepKind::Close => false,
    }
}

/// Everything the close checklist lists: required steps not done, then each step's gaps, and
/// the gaps the procedures always check even when the agenda has no step for them.
pub fn close_missing(ctx: &Ctx, visited: &[bool]) -> Vec<String> {
    let mut out = Vec::new();
    for (i, step) in ctx.agenda.steps.iter().enumerate() {
        if step.kind == StepKind::Close {
            continue;
        }
        if step.required && !visited.get(i).copied().unwrap_or(false) && !has_content(ctx, i) {
            out.push(format!("the step \"{}\" was not done", step.title));
        }
        out.extend(missing(ctx, i));
    }
    out.extend(plan_revisions::overdue(ctx));
    // A disagreement carried in open is said at every meeting until it ends.
    let reviews = &ctx.draft.meeting.disagreement_reviews;
    let unreviewed: Vec<&str> = ctx
        .carried()
        .into_iter()
        .filter(|d| d.is_open() && !reviews.iter().any(|r| r.disagreement == d.id))
        .map(|d| d.id.as_str())
        .collect();
    if !unreviewed.is_empty() {
        out.push(format!(
            "disagreements carried forward and not reviewed: {}",
            unreviewed.join(", ")
        ));
    }
    let has = |k: StepKind| ctx.agenda.step_index(k).is_some();
    if !has(StepKind::PlanRevisions) {
        out.extend(plan_revisions::missing(ctx));
    }
    if !has(StepKind::Attendance) {
        out.extend(attendance::missing(ctx));
    }
    // What the record would say twice, differently.
    out.extend(crate::domain::contradictions::contradictions(
        &ctx.draft.meeting,
        &ctx.draft.plan,
        ctx.draft.meeting.details.date,
        has(StepKind::AgencyProgress),
        (&ctx.agenda.policy).into(),
    ));
    out.extend(crate::domain::close::times_missing(
        &ctx.draft.meeting.details,
    ));
    if !has(StepKind::NextMeeting) && ctx.draft.meeting.next_meeting.date.is_none() {
        out.push("no date for the next meeting".into());
    }
    if !has(StepKind::ChildViews) {
        out.extend(ctx.draft.meeting.views_missing(&ctx.draft.plan));
    }
    // The procedure's rules (who chairs, the family, the next date) even where the agenda has
    // no step that shows them; a poor day for the next meeting is shown there, not listed.
    out.extend(
        rules::check_meeting(
            &ctx.agenda.policy,
            &ctx.draft.plan,
            &ctx.draft.meeting,
            ctx.calendar,
        )
        .into_iter()
        .filter(|w| w.rule != "next-meeting-day-off")
        .map(|w| w.message),
    );
    let mut seen = std::collections::HashSet::new();
    out.retain(|m| seen.insert(m.clone()));
    out
}
