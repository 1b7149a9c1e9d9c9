//! What the group decided is what the record says, whatever order it was typed in.

use super::{Harness, today};
use crate::domain::agenda::StepKind;
use crate::domain::meeting::ChangeKind;
use crate::domain::plan::{ActionStatus, Origin};
use crate::export::Rendered;

fn doc<'a>(docs: &'a [Rendered], name: &str) -> &'a str {
    &docs
        .iter()
        .find(|d| d.name == name)
        .unwrap_or_else(|| panic!("no {name}"))
        .text
}

#[test]
fn a_status_changed_in_revisions_after_its_review_closes_as_the_latest() {
    let mut h = Harness::new();
    h.goto(StepKind::PreviousRecord);
    h.focus_on("actions");
    assert_eq!(h.model.draft.start.open_actions[0], "a1");
    // Reviewed as in progress, with a note.
    h.focus_on("status");
    h.press("right right");
    h.press("tab");
    h.type_text("Most mornings now.");
    h.press("tab");
    assert_eq!(
        h.model.draft.plan.action("a1").map(|a| a.status),
        Some(ActionStatus::InProgress)
    );
    // Later the group agrees it is achieved.
    h.goto(StepKind::PlanRevisions);
    h.focus_on("actions");
    h.press("enter");
    h.focus_on("status");
    h.press("right");
    h.press("tab");
    h.type_text("On time every day for three weeks.");
    h.press("f2");
    assert!(h.model.overlay.is_none());
    assert_eq!(
        h.model.draft.plan.action("a1").map(|a| a.status),
        Some(ActionStatus::Achieved)
    );
    // The previous record's screen shows the current status too.
    h.goto(StepKind::PreviousRecord);
    h.focus_on("status");
    assert!(h.screen(160, 48).contains("achieved"));
    let review = &h.model.draft.meeting.action_reviews[0];
    assert_eq!(review.status, ActionStatus::Achieved);
    assert_eq!(review.note, "On time every day for three weeks.");

    let before = crate::domain::example::plan(today());
    let old_history = before.action("a1").expect("a1").history.clone();
    let (closed, docs) = h.close_and_render();
    let a1 = closed.plan.action("a1").expect("a1");
    assert_eq!(a1.status, ActionStatus::Achieved);
    // One entry for this meeting, no flip back.
    assert_eq!(a1.history.len(), old_history.len() + 1);
    let last = a1.history.last().expect("an entry");
    assert_eq!(
        (last.status, last.note.as_str()),
        (ActionStatus::Achieved, "On time every day for three weeks.")
    );
    let status_changes: Vec<_> = closed
        .meeting
        .plan_changes
        .iter()
        .filter(|c| c.item == "a1")
        .collect();
    assert_eq!(status_changes.len(), 1);
    assert_eq!(status_changes[0].change, ChangeKind::ActionStatus);
    let minutes = doc(&docs, "minutes.md");
    assert!(
        minutes.contains("in progress → achieved: On time every day for three weeks."),
        "{minutes}"
    );
    assert!(!minutes.contains("Most mornings now."), "{minutes}");
    assert_eq!(minutes.matches("in progress → achieved").count(), 1);
}

#[test]
fn actions_added_in_the_meeting_are_not_open_at_the_last_meeting_after_a_resume() {
    let mut h = Harness::new();
    h.press("ctrl-a");
    h.type_text("Book Kayla's dental check-up.");
    h.press("tab right tab");
    h.type_text("fri");
    h.press("f2");
    assert!(h.model.draft.plan.action("a13").is_some());
    let mut h = h.resumed();
    assert!(
        !h.model
            .draft
            .start
            .open_actions
            .contains(&"a13".to_string())
    );
    h.goto(StepKind::Close);
    let missing = h.model.missing();
    let unreviewed = missing
        .iter()
        .find(|m| m.starts_with("open actions not reviewed"))
        .expect("the open actions are not reviewed");
    assert!(!unreviewed.contains("a13"), "{unreviewed}");
}

#[test]
fn a_core_group_outcome_added_by_mistake_can_be_removed_but_not_a_conference_one() {
    let mut h = Harness::new();
    h.goto(StepKind::PlanRevisions);
    h.focus_on("outcomes");
    h.press("-");
    assert!(h.model.confirm.is_none());
    assert!(h.status_text().contains("only a review conference"));
    h.press("+ tab");
    h.type_text("Kayla goes to the wrong club.");
    h.press("f2");
    assert!(h.model.draft.plan.outcome("o6").is_some());
    for _ in 0..5 {
        h.press("down");
    }
    h.press("-");
    assert!(h.model.confirm.is_some(), "{}", h.status_text());
    h.press("y");
    assert!(h.model.draft.plan.outcome("o6").is_none());
    assert_eq!(
        h.model
            .draft
            .plan
            .outcomes
            .iter()
            .filter(|o| o.origin == Origin::Conference)
            .count(),
        5
    );
    // Gone after a resume too.
    assert!(h.resumed().model.draft.plan.outcome("o6").is_none());
}

#[test]
fn letters_on_a_choice_filter_it_and_nothing_changes_until_a_match_is_taken() {
    let mut h = Harness::new();
    h.goto(StepKind::PreviousRecord);
    assert_eq!(h.focus(), Some("accuracy"));
    let before = h.model.draft.meeting.previous_record.accuracy;
    // Letters are never dropped: they narrow the choice, shown on the screen, and change
    // nothing in the record until a match is taken.
    h.type_text("am");
    assert_eq!(h.model.draft.meeting.previous_record.accuracy, before);
    assert!(h.screen(160, 48).contains("am"), "{}", h.screen(160, 48));
    h.press("enter");
    assert_eq!(
        h.model.draft.meeting.previous_record.accuracy,
        Some(crate::domain::meeting::Accuracy::Amended)
    );
    // Text that matches no answer changes nothing, and says so.
    h.focus_on("accuracy");
    h.type_text("xq");
    h.press("enter");
    assert_eq!(
        h.model.draft.meeting.previous_record.accuracy,
        Some(crate::domain::meeting::Accuracy::Amended)
    );
    assert_eq!(h.focus(), Some("accuracy"));

    // In a capture form: the owner by a few letters of the name.
    h.press("esc");
    h.press("ctrl-a");
    h.type_text("Phone the school.");
    h.press("tab");
    h.type_text("tom");
    h.press("f2");
    let a = h.model.draft.plan.action("a13").expect("a13");
    assert_eq!(a.owner.as_deref(), Some("school"));
}

#[test]
fn overdue_open_actions_are_asked_about_at_close_and_marked_in_every_copy() {
    let mut h = Harness::new();
    let plan = &h.model.draft.plan;
    let a5 = plan.action("a5").expect("a5");
    assert_eq!(a5.status, ActionStatus::NotStarted);
    let due = a5.due.expect("a5 has a date");
    assert!(due < today());
    let question = format!(
        "a5 was due {} and is not started: keep, re-date or close it?",
        due.format("%-d %b")
    );
    h.goto(StepKind::Close);
    assert!(
        h.model.missing().contains(&question),
        "{:?}",
        h.model.missing()
    );
    // An achieved action is not overdue, however old its date.
    assert!(!h.model.missing().iter().any(|m| m.starts_with("a3 ")));
    // Reviewed and kept open: decided, so no longer asked; still overdue in the documents.
    h.goto(StepKind::PreviousRecord);
    h.focus_on("actions");
    let row = h
        .model
        .draft
        .start
        .open_actions
        .iter()
        .position(|a| a == "a5");
    for _ in 0..row.expect("a5 is open") {
        h.press("down");
    }
    h.focus_on("status");
    h.press("right");
    assert!(!h.model.missing().contains(&question));
    let (_, docs) = h.close_and_render();
    let short = due.format("%a %-d %b %Y").to_string();
    for name in ["minutes.md", "minutes-family.md", "plan.md"] {
        let text = doc(&docs, name);
        assert!(
            text.contains(&format!("{short} (overdue)")),
            "{name} does not mark a5 overdue:\n{text}"
        );
    }
}
