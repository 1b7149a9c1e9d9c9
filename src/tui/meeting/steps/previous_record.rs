//! The previous record: accuracy confirmed or amended, then every action open at the start of
//! the meeting reviewed in turn. A review is recorded twice over: in the meeting's record and as
//! the action's new status (with one dated history entry) in the plan.

use super::{Commit, Ctx, index_of, pick, with_none};
use crate::domain::meeting::{Accuracy, ActionReview, Change, PreviousRecord};
use crate::domain::plan::{ActionStatus, ActionUpdate};
use crate::domain::privacy::Privacy;
use crate::tui::widgets::field::{Field, FieldId};
use crate::tui::widgets::forms::Form;

const ACCURACY: [Accuracy; 2] = [Accuracy::Confirmed, Accuracy::Amended];

pub fn build(ctx: &Ctx, sel: &dyn Fn(FieldId) -> usize) -> Vec<Field> {
    let p = &ctx.draft.meeting.previous_record;
    let mut fields = vec![
        Field::choice(
            "accuracy",
            "Last record",
            with_none(
                "not yet agreed",
                ["accurate".to_string(), "amended".to_string()],
            ),
            index_of(&ACCURACY, p.accuracy.as_ref()),
        ),
        Field::note("amendments", "Amendments", &p.amendments).private(&p.privacy),
    ];
    let open = &ctx.start.open_actions;
    if !open.is_empty() {
        let selected = sel("actions").min(open.len() - 1);
        fields.push(Field::table(
            "actions",
            "Actions open at the last meeting",
            open.len(),
            selected,
            8,
        ));
        let id = &open[selected];
        let review = ctx
            .draft
            .meeting
            .action_reviews
            .iter()
            .find(|r| &r.action == id);
        fields.push(Field::choice(
            "status",
            "Status now",
            with_none(
                "not reviewed",
                ActionStatus::ALL.iter().map(|s| s.label().to_string()),
            ),
            index_of(&ActionStatus::ALL, review.map(|r| &r.status)),
        ));
        fields.push(
            Field::note(
                "note",
                "What happened",
                review.map_or("", |r| r.note.as_str()),
            )
            .private(&review.map(|r| r.privacy.clone()).unwrap_or_default())
            .then_next_row("actions", "status"),
        );
    }
    fields
}

/// The two changes one review makes: the record's review, and the action's status in the plan.
pub fn review_change(
    ctx: &Ctx,
    action: &str,
    status: ActionStatus,
    note: String,
    privacy: Privacy,
) -> Vec<Change> {
    let Some(current) = ctx.draft.plan.action(action) else {
        return Vec::new();
    };
    let mut updated = current.clone();
    let keep = ctx
        .start
        .history_len
        .get(action)
        .copied()
        .unwrap_or(updated.history.len());
    updated.history.truncate(keep);
    updated.status = status;
    updated.history.push(ActionUpdate {
        date: ctx.meeting_date(),
        status,
        note: note.clone(),
        by: None,
        changed: Vec::new(),
        made: Default::default(),
        privacy: privacy.clone(),
    });
    vec![
        Change::ActionReview(ActionReview {
            action: action.to_string(),
            status,
            note,
            privacy,
        }),
        Change::Action(updated),
    ]
}

pub fn commit(ctx: &Ctx, form: &Form) -> Commit {
    let mut out = Commit::default();
    if form.is_dirty("accuracy") || form.is_dirty("amendments") {
        let p = PreviousRecord {
            accuracy: pick(&ACCURACY, form.choice("accuracy")),
            amendments: form.text("amendments"),
            privacy: form.privacy("amendments"),
        };
        if p != ctx.draft.meeting.previous_record {
            out.changes.push(Change::PreviousRecord(p));
        }
    }
    if (form.is_dirty("status") || form.is_dirty("note"))
        && let Some(id) = ctx.start.open_actions.get(form.choice("actions"))
    {
        match pick(&ActionStatus::ALL, form.choice("status")) {
            Some(status) => {
                let note = form.text("note");
                let old = ctx
                    .draft
                    .meeting
                    .action_reviews
                    .iter()
                    .find(|r| &r.action == id);
                let privacy = form.privacy("note");
                if old.is_none_or(|r| r.status != status || r.note != note || r.privacy != privacy)
                {
                    out.changes
                        .extend(review_change(ctx, id, status, note, privacy));
                }
            }
            None => out.problems.push(format!(
                "choose a status for action {id} to record its review"
            )),
        }
    }
    out
}

pub fn missing(ctx: &Ctx) -> Vec<String> {
    let mut out = Vec::new();
    if ctx.draft.meeting.previous_record.accuracy.is_none()
        && !ctx.draft.plan.key_dates.core_groups.is_empty()
    {
        out.push("the last record's accuracy was not agreed".into());
    }
    let unreviewed: Vec<&str> = ctx
        .start
        .open_actions
        .iter()
        .filter(|id| {
            !ctx.draft
                .meeting
                .action_reviews
                .iter()
                .any(|r| &r.action == *id)
        })
        .map(|s| s.as_str())
        .collect();
    if !unreviewed.is_empty() {
        out.push(format!(
            "open actions not reviewed: {}",
            unreviewed.join(", ")
        ));
    }
    out
}
