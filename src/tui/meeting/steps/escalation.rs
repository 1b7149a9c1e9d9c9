//! Escalation: bring the review conference forward (and why), and the agenda's own decisions.

use super::{Commit, Ctx, StepReply};
use crate::domain::meeting::{Change, Escalation};
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
