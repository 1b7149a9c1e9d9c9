//! A meeting stopped without warning (kill -9, a closed window) resumes exactly where it was.

use super::Harness;
use crate::domain::agenda::StepKind;
use crate::domain::plan::ActionStatus;
use crate::tui::meeting::overlay::OverlayKind;

#[test]
fn every_choice_of_a_half_filled_action_comes_back_and_saves_as_chosen() {
    let mut h = Harness::new();
    h.goto(StepKind::ChildViews);
    h.press("ctrl-a");
    h.type_text("Book Kayla's dental check-up.");
    // Who: Tom Ridley; by Friday; serves o3; already in progress.
    h.press("tab");
    h.type_text("tom");
    h.press("tab");
    h.type_text("3");
    h.type_text("fri");
    h.press("tab right");
    assert_eq!(h.focus(), Some("status"));
    h.tick(1);

    let mut h = h.resumed();
    let o = h.model.overlay.as_ref().expect("the form is open again");
    assert_eq!(o.kind, OverlayKind::Action(None));
    assert_eq!(h.focus(), Some("status"));
    h.press("f2");
    assert!(h.model.overlay.is_none());
    let a = h.model.draft.plan.action("a13").expect("a13 saved");
    assert_eq!(a.what, "Book Kayla's dental check-up.");
    assert_eq!(a.owner.as_deref(), Some("school"));
    assert_eq!(a.outcome, "o3");
    assert_eq!(a.status, ActionStatus::InProgress);
    assert_eq!(a.due, chrono::NaiveDate::from_ymd_opt(2026, 11, 27));
}

#[test]
fn the_step_focus_selected_row_clocks_and_visits_come_back() {
    let mut h = Harness::new();
    h.tick(100);
    // Through the previous record quickly, agreeing it, with no time passing on the clock.
    h.goto(StepKind::PreviousRecord);
    h.type_text("a");
    h.goto(StepKind::Attendance);
    h.press("down down");
    h.focus_on("substitute");
    h.tick(160);
    let attendance = h.model.draft.step;
    assert_eq!(h.model.step_seconds(attendance), 60);

    let h = h.resumed();
    let m = &h.model;
    assert_eq!(m.draft.step, attendance);
    assert_eq!(h.focus(), Some("substitute"));
    assert_eq!(m.selection(attendance, "people"), 2);
    assert_eq!(m.step_seconds(0), 100);
    assert_eq!(m.step_seconds(attendance), 60);
    assert_eq!(m.clock.earlier, 160);
    let previous = m
        .agenda
        .step_index(StepKind::PreviousRecord)
        .expect("the step");
    assert!(m.visited[previous]);
    let missing = m.missing();
    assert!(
        !missing
            .iter()
            .any(|x| x.contains("\"Previous record\" was not done")),
        "{missing:?}"
    );
    assert!(
        missing
            .iter()
            .any(|x| x.contains("\"Progress of the plan\" was not done"))
    );
}

#[test]
fn a_required_step_with_saved_content_is_not_called_undone() {
    let mut h = Harness::new();
    // An action captured during the introductions: the plan was revised, the step never opened.
    h.press("ctrl-a");
    h.type_text("Book Kayla's dental check-up.");
    h.press("tab");
    h.type_text("h");
    h.press("tab");
    h.type_text("fri");
    h.press("f2");
    assert!(h.model.overlay.is_none());
    let missing = h.resumed().model.missing();
    assert!(
        !missing
            .iter()
            .any(|m| m.contains("\"Revisions to the plan\" was not done")),
        "{missing:?}"
    );
    assert!(
        missing
            .iter()
            .any(|m| m.contains("\"The family's views\" was not done"))
    );
}
