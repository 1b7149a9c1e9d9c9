//! Escalation: bring the review conference forward (and why), and the agenda's own decisions.

use super::{Commit, Ctx, StepReply, index_of, pick, with_none};
use crate::domain::case_dates::last_before_review;
use crate::domain::meeting::{Change, Escalation, Recommend, Recommendation};
use crate::tui::widgets::field::{Field, FieldId};
use crate::tui::widgets::forms::Form;

pub fn build(ctx: &Ctx, sel: &dyn Fn(FieldId) -> usize) -> Vec<Field> {
    let e = &ctx.draft.meeting.escalation;
    let mut fields = vec![
        Field::toggle(
            "forward",
            "Recommend bringing the review conference forward",
            e.bring_review_forward,
        ),
        Field::note("reason", "Why", &e.reason).private(&e.privacy),
    ];
    if asks_recommendation(ctx) {
        let r = &ctx.draft.meeting.recommendation;
        fields.push(Field::choice(
            "recommend",
            "Recommendation to the review conference",
            with_none(
                "not yet decided",
                Recommend::ALL.iter().map(|c| c.label().to_string()),
            ),
            index_of(&Recommend::ALL, r.choice.as_ref()),
        ));
        fields.push(
            Field::note("recommend_why", "The core group's reasons", &r.reasons)
                .private(&r.privacy),
        );
    }
    if !ctx.agenda.decisions.is_empty() {
        fields.push(Field::table(
            "decisions",
            "Other decisions (space ticks)",
            ctx.agenda.decisions.len(),
            sel("decisions"),
            6,
        ));
    }
    fields
}

/// The recommendation is asked at the last core group before the review conference, and
/// wherever one was already recorded.
fn asks_recommendation(ctx: &Ctx) -> bool {
    let held = ctx.draft.meeting.details.date.unwrap_or(ctx.today);
    !ctx.draft.meeting.recommendation.is_empty()
        || last_before_review(&ctx.draft.plan, &ctx.agenda.policy, ctx.calendar, held).is_some()
}

pub fn commit(ctx: &Ctx, form: &Form) -> Commit {
    let old = &ctx.draft.meeting.escalation;
    let new = Escalation {
        bring_review_forward: form.toggle("forward"),
        reason: form.text("reason"),
        privacy: form.privacy("reason"),
        decisions: old.decisions.clone(),
    };
    let mut out = Commit::default();
    if new.bring_review_forward && new.reason.trim().is_empty() && form.is_dirty("reason") {
        out.problems
            .push("say why the review conference should be brought forward".into());
    }
    if &new != old {
        out.changes.push(Change::Escalation(new));
    }
    if form.get("recommend").is_some() {
        let rec = Recommendation {
            choice: pick(&Recommend::ALL, form.choice("recommend")),
            reasons: form.text("recommend_why"),
            privacy: form.privacy("recommend_why"),
        };
        if rec.choice.is_some() && rec.reasons.trim().is_empty() && form.is_dirty("recommend_why") {
            out.problems
                .push("say why the core group makes its recommendation".into());
        }
        if rec != ctx.draft.meeting.recommendation {
            out.changes.push(Change::Recommendation(rec));
        }
    }
    out
}

/// Space or Enter on a decision ticks it.
pub fn activate(ctx: &Ctx, form: &Form) -> StepReply {
    if form.focus_id() != Some("decisions") {
        return StepReply::Nothing;
    }
    let Some(d) = ctx.agenda.decisions.get(form.choice("decisions")) else {
        return StepReply::Nothing;
    };
    let mut e = ctx.draft.meeting.escalation.clone();
    if let Some(i) = e.decisions.iter().position(|k| k == &d.key) {
        e.decisions.remove(i);
    } else {
        e.decisions.push(d.key.clone());
    }
    StepReply::Changes(vec![Change::Escalation(e)])
}
