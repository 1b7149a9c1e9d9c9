//! The keystroke budgets of capture at the speed of speech: each counts the key events it
//! sends through the keymap and `update` on the example case, and checks the record.

use super::Harness;
use crate::domain::agenda::StepKind;
use crate::domain::meeting::Presence;
use crate::domain::plan::ActionStatus;

/// Keys sent by `f`, less the characters of `text` typed in it.
fn counted(h: &mut Harness, text: &str, f: impl FnOnce(&mut Harness)) -> usize {
    let before = h.keys;
    f(h);
    h.keys - before - text.chars().count()
}

#[test]
fn attendance_for_nine_members_takes_at_most_ten_keys() {
    let mut h = Harness::new();
    h.goto(StepKind::Attendance);
    assert_eq!(h.focus(), Some("people"));
    let marks = "p p a p p d p p p";
    let keys = counted(&mut h, "", |h| h.press(marks));
    assert!(keys <= 10, "{keys} keys");
    let got: Vec<Option<Presence>> = h
        .model
        .draft
        .meeting
        .attendance
        .iter()
        .map(|a| a.presence)
        .collect();
    let want: Vec<Option<Presence>> = marks
        .split(' ')
        .map(|k| match k {
            "p" => Some(Presence::Present),
            "a" => Some(Presence::Apologies),
            _ => Some(Presence::DidNotAttend),
        })
        .collect();
    assert_eq!(got, want);
}

#[test]
fn adding_an_action_with_owner_due_date_and_outcome_takes_at_most_nine_keys_and_its_text() {
    let mut h = Harness::new();
    h.goto(StepKind::AgencyProgress);
    let what = "Ring the school on Monday";
    let before = h.model.draft.plan.actions.len();
    let keys = counted(&mut h, what, |h| {
        h.press("ctrl-a");
        h.type_text(what);
        // The owner among nine by the first letter of Aisha; outcome o2 by its number.
        h.press("tab a tab 2 f r i f2");
    });
    assert!(keys <= 9, "{keys} keys");
    let plan = &h.model.draft.plan;
    assert_eq!(plan.actions.len(), before + 1);
    let a = plan.actions.last().expect("the new action");
    assert_eq!(a.what, what);
    assert_eq!(a.owner.as_deref(), Some("gp"));
    assert_eq!(a.outcome, "o2");
    // Tuesday 24 November: "fri" is the 27th.
    assert_eq!(a.due.map(|d| d.to_string()).as_deref(), Some("2026-11-27"));
}

#[test]
fn reviewing_one_open_action_takes_at_most_four_keys_and_its_note() {
    let mut h = Harness::new();
    h.goto(StepKind::PreviousRecord);
    h.focus_on("actions");
    let note = "Walked her in every day but two";
    let keys = counted(&mut h, note, |h| {
        h.press("tab p tab");
        h.type_text(note);
        h.press("tab");
    });
    assert!(keys <= 4, "{keys} keys");
    let r = h
        .model
        .draft
        .meeting
        .action_reviews
        .iter()
        .find(|r| r.action == "a1")
        .expect("a1 reviewed");
    assert_eq!(r.status, ActionStatus::InProgress);
    assert_eq!(r.note, note);
}

#[test]
fn a_score_of_seven_with_its_reason_takes_at_most_two_keys_and_the_reason() {
    let mut h = Harness::new();
    h.goto(StepKind::AgencyProgress);
    h.focus_on("outcomes");
    let why = "At school every day since the last meeting";
    let keys = counted(&mut h, why, |h| {
        h.press("tab 7");
        h.type_text(why);
    });
    assert!(keys <= 2, "{keys} keys");
    h.tick(1);
    let p = h
        .model
        .draft
        .meeting
        .outcome_progress
        .iter()
        .find(|p| p.outcome == "o1")
        .expect("o1 scored");
    assert_eq!(p.score, Some(7));
    assert_eq!(p.note, why);
}

#[test]
fn from_step_one_to_step_eleven_takes_at_most_two_keys() {
    let mut h = Harness::new();
    assert_eq!(h.model.draft.step, 0);
    let keys = counted(&mut h, "", |h| h.press("alt-1 alt-1"));
    assert!(keys <= 2, "{keys} keys");
    assert_eq!(h.model.draft.step, 10);
    assert_eq!(h.model.current_kind(), Some(StepKind::NextMeeting));
}

#[test]
fn after_one_review_the_next_open_action_follows_with_three_keys_and_its_note() {
    let mut h = Harness::new();
    h.goto(StepKind::PreviousRecord);
    h.focus_on("actions");
    h.press("tab p tab");
    h.type_text("Walked her in every day but two");
    // Tab from the note goes on to the next action's status, never back to "Last record".
    let keys = counted(&mut h, "Booked for 3 December", |h| {
        h.press("tab");
        h.type_text("a");
        h.press("tab");
        h.type_text("Booked for 3 December");
    });
    assert!(keys <= 3, "{keys} keys");
    assert_eq!(h.model.draft.meeting.previous_record.accuracy, None);
    h.press("tab");
    let second = &h.model.draft.meeting.action_reviews[1];
    assert_eq!(second.status, ActionStatus::Achieved);
    assert_eq!(second.note, "Booked for 3 December");
    assert_ne!(second.action, "a1");
    assert_eq!(h.focus(), Some("status"));
}
