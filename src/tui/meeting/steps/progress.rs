//! Progress of the plan: each member's update in turn, tagged fact / observation / hearsay /
//! allegation / opinion, and progress against each outcome on the 0–10 scale.

use super::{Commit, Ctx, StepReply, index_of, pick, with_none};
use crate::domain::id::Id;
use crate::domain::meeting::{Change, Contribution, OutcomeProgress, SCALE_MAX, Tag};
use crate::domain::plan::Plan;
use crate::tui::meeting::confirm::MeetingOnYes;
use crate::tui::widgets::dialog::Confirm;
use crate::tui::widgets::field::{Field, FieldId};
use crate::tui::widgets::forms::Form;
use crate::tui::widgets::ticks::Ticks;

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

/// Everything a person said, in the order it was recorded.
pub fn contributions_of<'a>(ctx: &'a Ctx, person: &str) -> Vec<&'a Contribution> {
    ctx.draft
        .meeting
        .contributions
        .iter()
        .filter(|c| c.member == person)
        .collect()
}

/// The contribution the "said" list has selected; `None` on its last row, a new one.
fn selected<'a>(ctx: &'a Ctx, form: &Form, person: &str) -> Option<&'a Contribution> {
    contributions_of(ctx, person)
        .get(form.choice("said"))
        .copied()
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
        // Three people in view even at 80×24: the one speaking and those either side.
        fields.push(
            Field::table("people", people_label(ctx), people, selected, 6)
                .with_rows(3)
                .findable(ctx.people_search()),
        );
        let said = person(ctx, selected).map_or_else(Vec::new, |p| contributions_of(ctx, &p));
        // The last row of "said" is a new contribution; the fields edit the selected row.
        let row = sel("said").min(said.len());
        let c = said.get(row).copied();
        fields.push(
            Field::note(
                "update",
                "What they said",
                c.map_or("", |c| c.text.as_str()),
            )
            .private(&c.map(|c| c.privacy.clone()).unwrap_or_default()),
        );
        fields.push(Field::choice(
            "tag",
            "This is",
            with_none("not said", Tag::ALL.iter().map(|t| t.label().to_string())),
            index_of(&Tag::ALL, c.and_then(|c| c.tag.as_ref())),
        ));
        fields.push(Field::button("speaks_to", speaks_to_label(c)));
        fields.push(Field::table(
            "said",
            "All they said (last row: say more)",
            said.len() + 1,
            row,
            4,
        ));
    }
    if !plan.outcomes.is_empty() {
        let selected = sel("outcomes").min(plan.outcomes.len() - 1);
        fields.push(Field::table(
            "outcomes",
            crate::tui::widgets::layout::capitalised(&ctx.agenda.terms.outcomes),
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
        let numbers = std::iter::once(None)
            .chain((0..=u32::from(SCALE_MAX)).map(Some))
            .collect();
        // "Score (was 5)": the chair asks "and now?" without leafing back through the minutes.
        let label = match plan
            .outcomes
            .get(selected)
            .and_then(|o| ctx.last_scores.get(&o.id))
        {
            Some(last) => format!("Score (was {last})"),
            None => "Progress 0–10".to_string(),
        };
        fields.push(Field::choice("score", label, scores(), score).with_numbers(numbers));
        fields.push(
            Field::text("why", "Why", p.map_or("", |p| p.note.as_str()))
                .private(&p.map(|p| p.privacy.clone()).unwrap_or_default()),
        );
    }
    fields
}

pub fn commit(ctx: &Ctx, form: &Form) -> Commit {
    let mut out = Commit::default();
    let m = &ctx.draft.meeting;
    let edited = ["update", "tag"];
    if edited.iter().any(|f| form.is_dirty(f))
        && let Some(who) = person(ctx, form.choice("people"))
    {
        let old = selected(ctx, form, &who);
        let text = form.text("update");
        let outcomes = old.map(|c| c.outcomes.clone()).unwrap_or_default();
        if text.trim().is_empty() {
            if let Some(old) = old {
                out.changes.push(Change::Remove(old.id.clone()));
            } else if !form.is_dirty("update") {
                out.problems.push("type what they said first".into());
            }
        } else {
            let id = old.map_or_else(|| Plan::next_id("c", m.item_ids()), |c| c.id.clone());
            let new = Contribution {
                id,
                member: who,
                text,
                tag: pick(&Tag::ALL, form.choice("tag")),
                outcomes,
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

/// "Speaks to: o1, o3", the outcomes chosen with Enter on it.
fn speaks_to_label(c: Option<&Contribution>) -> String {
    match c.map(|c| c.outcomes.as_slice()) {
        Some(ids) if !ids.is_empty() => format!("Speaks to: {}", ids.join(", ")),
        _ => "Speaks to: no outcome yet (Enter to choose)".into(),
    }
}

/// "Members in turn", or what is being moved while a point goes to another member; with the
/// letters typed to find someone.
fn people_label(ctx: &Ctx) -> String {
    let moving = ctx
        .moving
        .and_then(|id| ctx.draft.meeting.contributions.iter().find(|c| &c.id == id));
    let label = match moving {
        Some(c) => {
            let text = crate::text::sanitize::sanitize(&c.text);
            let mut words: String = text.chars().take(16).collect();
            if words.len() < text.len() {
                words.push('…');
            }
            format!("Move \"{words}\" to")
        }
        None => "Members in turn".to_string(),
    };
    if ctx.find.is_empty() {
        label
    } else {
        format!("{label} ⌕ {}", crate::text::sanitize::sanitize(ctx.find))
    }
}

/// Why the move key moved nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum NoMove {
    /// Not the step of the members' updates.
    #[error("that key moves what a member said, on the step of their updates")]
    NotThisStep,
    /// No point of a member's chosen in their list.
    #[error("choose what they said in the list \"All they said\", then this key moves it")]
    NothingChosen,
}

/// The move key on the list of what a member said: the point to move to another member.
pub fn start_move(ctx: &Ctx, form: &Form) -> Result<Id, NoMove> {
    if ctx.kind() != Some(crate::domain::agenda::StepKind::AgencyProgress) {
        return Err(NoMove::NotThisStep);
    }
    let Some(who) = person(ctx, form.choice("people")) else {
        return Err(NoMove::NothingChosen);
    };
    match (form.focus_id(), selected(ctx, form, &who)) {
        (Some("said"), Some(c)) => Ok(c.id.clone()),
        _ => Err(NoMove::NothingChosen),
    }
}

/// Enter on a member while a point is being moved: it is theirs, as if they had said it.
pub fn move_to(ctx: &Ctx, form: &Form, id: &str) -> StepReply {
    let Some(c) = ctx.draft.meeting.contributions.iter().find(|c| c.id == id) else {
        return StepReply::Nothing;
    };
    let Some(who) = person(ctx, form.choice("people")) else {
        return StepReply::Nothing;
    };
    if c.member == who {
        return StepReply::Status("that is who it is under already".into());
    }
    StepReply::Changes(vec![Change::Contribution(Contribution {
        member: who,
        ..c.clone()
    })])
}

/// Enter on "Speaks to": tick the outcomes the selected contribution speaks to.
pub fn activate(ctx: &Ctx, form: &Form) -> StepReply {
    // Enter on a member: they speak now, so the focus goes to what they said; or what was
    // said under the wrong member is theirs now.
    if form.focus_id() == Some("people")
        && let Some(id) = ctx.moving
    {
        return move_to(ctx, form, id);
    }
    if form.focus_id() == Some("people") {
        return StepReply::Focus("update");
    }
    if form.focus_id() != Some("speaks_to") {
        return StepReply::Nothing;
    }
    let Some(who) = person(ctx, form.choice("people")) else {
        return StepReply::Nothing;
    };
    if ctx.draft.plan.outcomes.is_empty() {
        return StepReply::Status("the plan has no outcomes yet".into());
    }
    match selected(ctx, form, &who) {
        Some(c) => StepReply::Ticks(Box::new(Ticks::outcomes(&c.outcomes, &ctx.draft.plan))),
        None => {
            StepReply::Status("type what they said first, then choose what it speaks to".into())
        }
    }
}

/// The outcomes ticked for the selected contribution.
pub fn speaks_to(ctx: &Ctx, form: &Form, outcomes: Vec<Id>) -> StepReply {
    let Some(who) = person(ctx, form.choice("people")) else {
        return StepReply::Nothing;
    };
    match selected(ctx, form, &who) {
        Some(c) if c.outcomes != outcomes => {
            StepReply::Changes(vec![Change::Contribution(Contribution {
                outcomes,
                ..c.clone()
            })])
        }
        Some(_) => StepReply::Nothing,
        None => {
            StepReply::Status("type what they said first, then choose what it speaks to".into())
        }
    }
}

pub fn missing(ctx: &Ctx) -> Vec<String> {
    if ctx.draft.meeting.contributions.is_empty() {
        vec!["no member's update on the progress of the plan was recorded".into()]
    } else {
        Vec::new()
    }
}

/// `-` on the list of what a person said: take the selected contribution out.
pub fn remove(ctx: &Ctx, form: &Form) -> StepReply {
    let Some(who) = person(ctx, form.choice("people")) else {
        return StepReply::Nothing;
    };
    match (form.focus_id(), selected(ctx, form, &who)) {
        (Some("said"), Some(c)) => StepReply::confirm(
            Confirm::new("Remove what they said?", MeetingOnYes::Remove(c.id.clone()))
                .with_detail(vec![c.text.clone()]),
        ),
        _ => StepReply::Status("choose what they said in the list below to remove it".into()),
    }
}
