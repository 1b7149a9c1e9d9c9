//! Keys that used to record the wrong thing without a word: each test presses what a new chair
//! pressed and checks the meeting holds what the chair meant.

use super::Harness;
use crate::agenda::StepKind;
use crate::domain::meeting::{Answer, Presence};

#[test]
fn enter_on_an_attendance_row_opens_it_and_never_changes_who_attended() {
    let mut h = Harness::new();
    h.goto(StepKind::Attendance);
    h.press("p");
    let before: Vec<Option<Presence>> = h
        .model
        .draft
        .meeting
        .attendance
        .iter()
        .map(|a| a.presence)
        .collect();
    h.focus_on("people");
    h.press("enter");
    let after: Vec<Option<Presence>> = h
        .model
        .draft
        .meeting
        .attendance
        .iter()
        .map(|a| a.presence)
        .collect();
    assert_eq!(before, after, "enter changed who attended");
    // The row is open: its first field has the focus, ready to edit.
    assert_eq!(h.focus(), Some("presence"));
}

#[test]
fn typing_no_on_do_they_feel_safe_records_no() {
    let mut h = Harness::new();
    h.goto(StepKind::ChildViews);
    h.focus_on("safe");
    h.type_text("no");
    h.press("tab");
    h.tick(1);
    let m = &h.model.draft.meeting;
    let answers: Vec<Option<Answer>> = std::iter::once(&m.child_views)
        .chain(&m.children_views)
        .map(|v| v.feels_safe)
        .filter(Option::is_some)
        .collect();
    assert_eq!(answers, vec![Some(Answer::No)]);
}

#[test]
fn a_tab_after_a_number_took_a_choice_does_not_skip_the_next_field() {
    let mut h = Harness::new();
    h.goto(StepKind::AgencyProgress);
    h.press("ctrl-a");
    h.type_text("Ring the school on Monday");
    // The outcome by its number moves on to the date at once; the chair's Tab out of habit
    // must leave the focus there, as it does after letters and Tab.
    h.press("tab a tab 2 tab");
    h.type_text("fri");
    h.press("f2");
    let a = h.model.draft.plan.actions.last().expect("the new action");
    assert_eq!(a.what, "Ring the school on Monday");
    assert_eq!(a.outcome, "o2");
    assert_eq!(a.due.map(|d| d.to_string()).as_deref(), Some("2026-11-27"));
}

#[test]
fn esc_on_a_form_with_typed_text_asks_before_throwing_it_away() {
    let mut h = Harness::new();
    h.goto(StepKind::AgencyProgress);
    let before = h.model.draft.plan.actions.len();
    h.press("ctrl-a");
    h.type_text("Ring the school on Monday");
    h.press("esc");
    assert!(h.model.overlay.is_some(), "the form closed without asking");
    let asked = h.model.confirm.as_ref().expect("a question");
    assert!(
        asked.question.contains("lose what you typed"),
        "{}",
        asked.question
    );
    // No (or esc again) keeps the form with its text.
    h.press("n");
    let o = h.model.overlay.as_ref().expect("the form stays open");
    assert_eq!(o.form.text("what"), "Ring the school on Monday");
    // Yes throws it away, and nothing was added.
    h.press("esc y");
    assert!(h.model.overlay.is_none());
    assert_eq!(h.model.draft.plan.actions.len(), before);
    // An untouched form closes at once, as before.
    h.press("ctrl-a esc");
    assert!(h.model.overlay.is_none() && h.model.confirm.is_none());
}
