//! Progress of the plan: each member's update in turn, tagged fact / observation / hearsay /
//! allegation / opinion, and progress against each outcome on the 0–10 scale.

use super::{Commit, Ctx, index_of, pick, with_none};
use crate::domain::meeting::{Change, Contribution, OutcomeProgress, SCALE_MAX, Tag};
use crate::domain::plan::Plan;
use crate::tui::field::{Field, FieldId};
use crate::tui::forms::Form;

/// The person on a row of the members list: members, then guests.
pub fn person(ctx: &Ctx, i: usize) -> Option<String> {
    let m = &ctx.draft.meeting;
    ctx.draft
        .plan
        .members
        .get(i)
        .map(|p| p.id.clone())
        .or_else(|| {
            m.guests
                .get(i - ctx.draft.plan.members.len())
                .map(|g| g.id.clone())
        })
}

pub fn contribution_of<'a>(ctx: &'a Ctx, person: &str) -> Option<&'a Contribution> {
    ctx.draft
        .meeting
        .contributions
        .iter()
        .find(|c| c.member == person)
}

fn scores() -> Vec<String> {
    with_none(
        "not scored",
        (0..=SCALE_MAX).map(|n| format!("{n} / {SCALE_MAX}")),
    )
}

pub fn build(ctx: &Ctx, sel: &dyn Fn(FieldId) -> usize) -> Vec<Field> {
    let plan = &ctx.draft.plan;
    let people = plan.members.len() + ctx.draft.meeting.guests.len();
    let mut fields = Vec::new();
    if people > 0 {
        let selected = sel("people").min(people - 1);
        fields.push(Field::table(
            "people",
            "Members in turn",
            people,
            selected,
            6,
        ));
        let c = person(ctx, selected).and_then(|p| contribution_of(ctx, &p));
        fields.push(
            Field::note("update", "Their update", c.map_or("", |c| c.text.as_str()))
                .private(&c.map(|c| c.privacy.clone()).unwrap_or_default()),
        );
        fields.push(Field::choice(
            "tag",
            "This is",
            with_none("not said", Tag::ALL.iter().map(|t| t.label().to_string())),
            index_of(&Tag::ALL, c.and_then(|c| c.tag.as_ref())),
        ));
    }
    if !plan.outcomes.is_empty() {
        let selected = sel("outcomes").min(plan.outcomes.len() - 1);
        fields.push(Field::table(
            "outcomes",
            super::capitalised(&ctx.agenda.terms.outcomes),
            plan.outcomes.len(),
            selected,
            5,
        ));
        let p = plan.outcomes.get(selected).and_then(|o| {
            ctx.draft
                .meeting
                .outcome_progress
                .iter()
                .find(|p| p.outcome == o.id)
        });
        let score = p.and_then(|p| p.score).map_or(0, |s| usize::from(s) + 1);
        fields.push(Field::choice("score", "Progress 0–10", scores(), score));
        fields.push(Field::text("why", "Why", p.map_or("", |p| p.note.as_str())));
    }
    fields
}

pub fn commit(ctx: &Ctx, form: &Form) -> Commit {
    let mut out = Commit::default();
    let m = &ctx.draft.meeting;
    if (form.is_dirty("update") || form.is_dirty("tag"))
        && let Some(who) = person(ctx, form.choice("people"))
    {
        let old = contribution_of(ctx, &who);
        let text = form.text("update");
        if text.trim().is_empty() {
            if let Some(old) = old {
                out.changes.push(Change::Remove(old.id.clone()));
            } else if form.is_dirty("tag") {
                out.problems.push("type the update first".into());
            }
        } else {
            let id = old.map_or_else(|| Plan::next_id("c", m.item_ids()), |c| c.id.clone());
            let new = Contribution {
                id,
                member: who,
                text,
                tag: pick(&Tag::ALL, form.choice("tag")),
                privacy: form.privacy("update"),
            };
            if old != Some(&new) {
                out.changes.push(Change::Contribution(new));
            }
        }
    }
    if (form.is_dirty("score") || form.is_dirty("why"))
        && let Some(o) = ctx.draft.plan.outcomes.get(form.choice("outcomes"))
    {
        let new = OutcomeProgress {
            outcome: o.id.clone(),
            score: form
                .choice("score")
                .checked_sub(1)
                .and_then(|s| u8::try_from(s).ok()),
            note: form.text("why").trim().to_string(),
            privacy: form.privacy("why"),
        };
        if m.outcome_progress.iter().find(|p| p.outcome == o.id) != Some(&new) {
            out.changes.push(Change::OutcomeProgress(new));
        }
    }
    out
}

pub fn missing(ctx: &Ctx) -> Vec<String> {
    if ctx.draft.meeting.contributions.is_empty() {
        vec!["no member's update on the progress of the plan was recorded".into()]
    } else {
        Vec::new()
    }
}
