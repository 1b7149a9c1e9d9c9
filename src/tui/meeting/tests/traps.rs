//! Keys that used to record the wrong thing without a word: each test presses what a new chair
//! pressed and checks the meeting holds what the chair meant.

use super::Harness;
use crate::domain::agenda::StepKind;
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

#[test]
fn scoring_shows_the_last_score_beside_the_new_one() {
    let mut h = Harness::new();
    h.model.last_scores.insert("o1".into(), 5);
    h.goto(StepKind::AgencyProgress);
    h.focus_on("outcomes");
    let label = h
        .model
        .form
        .get("score")
        .map(|f| f.label.clone())
        .expect("a score field");
    assert_eq!(label, "Score (was 5)");
    h.press("tab");
    assert_eq!(h.focus(), Some("score"));
    let screen = h.screen(80, 24);
    assert!(screen.contains("Score (was 5)"), "{screen}");
}

#[test]
fn a_substitute_is_not_flagged_as_a_missing_written_update() {
    let mut h = Harness::new();
    h.goto(StepKind::Attendance);
    h.focus_on("people");
    // Apologies for the first member; the selection moves on, so back up to open the row.
    h.press("a up enter");
    h.focus_on("substitute");
    h.type_text("Sam Okafor");
    h.press("tab");
    h.tick(1);
    let screen = h.screen(160, 48);
    assert!(!screen.contains("no update !"), "{screen}");
}

#[test]
fn a_disagreement_can_go_to_the_review_conference_or_a_parents_complaints_route() {
    use crate::domain::disagreements::Route;
    for (typed, route) in [
        ("review", Route::ReviewConference),
        ("complaints", Route::Complaints),
        ("chair", Route::ConferenceChair),
    ] {
        let mut h = Harness::new();
        h.press("ctrl-d");
        h.type_text("Shauna Brennan");
        h.press("tab");
        h.type_text("Contact at the family centre");
        let o = h.model.overlay.as_mut().expect("the form");
        o.form.focus_on("route");
        h.type_text(typed);
        h.press("tab f2");
        let d = h
            .model
            .draft
            .meeting
            .disagreements
            .last()
            .expect("recorded");
        assert_eq!(d.route, route, "{typed}");
    }
}

#[test]
fn the_contingency_plan_is_read_in_full_and_agreed_anew_at_the_meeting() {
    let mut h = Harness::new();
    h.goto(StepKind::PlanRevisions);
    h.focus_on("contingency");
    let long = "If Ms Brennan drinks while caring for the children, or Mr Walsh comes to the house, \
                the social worker will call a legal planning meeting within five working days.";
    let old = h.model.draft.plan.contingency_plan.clone();
    assert!(!old.is_empty(), "the example has a contingency plan");
    let screen = h.screen(160, 48);
    // Shown in full, not cut at 64 characters.
    let last_word = old.split_whitespace().last().expect("words");
    assert!(screen.contains(last_word), "{screen}");
    for _ in 0..200 {
        h.press("ctrl-w");
    }
    h.type_text(long);
    h.press("tab");
    assert_eq!(h.model.draft.plan.contingency_plan, long);
    let (closed, docs) = h.close_and_render();
    assert_eq!(closed.plan.contingency_plan, long);
    assert!(
        closed
            .meeting
            .plan_changes
            .iter()
            .any(|c| c.change == crate::domain::meeting::ChangeKind::ContingencyChanged)
    );
    let minutes = docs
        .iter()
        .find(|d| d.name.ends_with("minutes.md"))
        .expect("the minutes");
    assert!(
        minutes.text.contains("Contingency plan"),
        "{}",
        minutes.text
    );
}

#[test]
fn enter_on_a_member_in_turn_goes_to_what_they_said() {
    let mut h = Harness::new();
    h.goto(StepKind::AgencyProgress);
    h.focus_on("people");
    h.press("down enter");
    assert_eq!(h.focus(), Some("update"));
    h.type_text("Kayla was in school every day this fortnight");
    h.press("tab");
    h.tick(1);
    let second = h.model.draft.plan.members[1].id.clone();
    let c = h
        .model
        .draft
        .meeting
        .contributions
        .iter()
        .find(|c| c.text.starts_with("Kayla was in school"))
        .expect("recorded");
    assert_eq!(c.member, second);
}

#[test]
fn a_name_typed_on_members_in_turn_finds_them() {
    let mut h = Harness::new();
    h.goto(StepKind::AgencyProgress);
    h.focus_on("people");
    // "Tom" is found by name, "recov" by role: the letters find, never mark or move.
    h.type_text("tom");
    let tom = h
        .model
        .draft
        .plan
        .members
        .iter()
        .position(|m| m.id == "school");
    assert_eq!(h.model.form.choice("people"), tom.expect("Tom Ridley"));
    let screen = h.screen(80, 24);
    assert!(screen.contains("⌕ tom"), "{screen}");
    h.press("down up");
    h.type_text("recov");
    let lewis = h
        .model
        .draft
        .plan
        .members
        .iter()
        .position(|m| m.id == "recovery");
    assert_eq!(h.model.form.choice("people"), lewis.expect("Lewis Carter"));
    // Enter: they speak now.
    h.press("enter");
    assert_eq!(h.focus(), Some("update"));
    assert!(h.model.find.is_empty());
}

#[test]
fn a_point_put_under_the_wrong_member_is_moved_to_the_one_who_said_it() {
    let mut h = Harness::new();
    h.goto(StepKind::AgencyProgress);
    h.focus_on("people");
    // Under the lead social worker by mistake: the school said it.
    h.press("enter");
    h.type_text("Kayla was in school every day this fortnight");
    h.press("tab");
    h.tick(1);
    let c = h
        .model
        .draft
        .meeting
        .contributions
        .iter()
        .find(|c| c.text.starts_with("Kayla was in school"))
        .expect("recorded")
        .clone();
    assert_eq!(c.member, "sw");
    h.focus_on("said");
    h.press("m");
    assert_eq!(h.focus(), Some("people"));
    let screen = h.screen(80, 24);
    assert!(screen.contains("Move \"Kayla was in sch…\" to"), "{screen}");
    h.type_text("ridley");
    h.press("enter");
    h.tick(1);
    let moved: Vec<_> = h
        .model
        .draft
        .meeting
        .contributions
        .iter()
        .filter(|c| c.text.starts_with("Kayla was in school"))
        .collect();
    assert_eq!(moved.len(), 1, "moved, not copied");
    assert_eq!(moved[0].member, "school");
    assert_eq!(moved[0].id, c.id, "the same point, as if they had said it");
    assert!(h.model.moving.is_none());
    // And the record that goes out says so: the school's update, not the social worker's.
    let (closed, _) = h.close_and_render();
    let c = closed
        .meeting
        .contributions
        .iter()
        .find(|c| c.text.starts_with("Kayla was in school"))
        .expect("kept");
    assert_eq!(c.member, "school");
}

#[test]
fn esc_while_moving_a_point_leaves_it_where_it_was() {
    let mut h = Harness::new();
    h.goto(StepKind::AgencyProgress);
    h.focus_on("people");
    h.press("enter");
    h.type_text("Attendance is 96% this term");
    h.press("tab");
    h.focus_on("said");
    h.press("m");
    h.type_text("gemma");
    h.press("esc");
    assert!(h.model.moving.is_none());
    // Enter on a member now only gives them the word.
    h.press("enter");
    assert_eq!(h.focus(), Some("update"));
    let c = h
        .model
        .draft
        .meeting
        .contributions
        .last()
        .expect("recorded");
    assert_eq!(c.member, "sw");
}

#[test]
fn a_minute_taker_who_is_not_at_the_meeting_is_typed_in_and_offered_next_time() {
    let mut h = Harness::new();
    let guests = h.model.draft.meeting.guests.len();
    h.focus_on("minute_taker");
    h.type_text("Jo Pike, business support");
    h.press("tab");
    h.tick(1);
    let d = &h.model.draft.meeting.details;
    assert_eq!(d.minute_taker, None);
    assert_eq!(d.minute_taker_name, "Jo Pike, business support");
    assert_eq!(h.model.draft.meeting.guests.len(), guests, "no guest added");
    assert!(
        !h.model
            .missing()
            .iter()
            .any(|m| m.contains("no minute-taker")),
        "{:?}",
        h.model.missing()
    );
    let (closed, docs) = h.close_and_render();
    let minutes = docs
        .iter()
        .find(|d| d.name.ends_with("minutes.md"))
        .expect("the minutes");
    assert!(
        minutes.text.contains("Jo Pike, business support"),
        "{}",
        minutes.text
    );
    // The next meeting offers her by name: two letters and Tab.
    let next_day = super::today() + chrono::Days::new(42);
    let mut next = Harness::on_plan(super::agenda(), closed.plan, next_day);
    next.focus_on("minute_taker");
    next.type_text("jo");
    let screen = next.screen(80, 24);
    assert!(
        screen.contains("Jo Pike, business support (usual"),
        "{screen}"
    );
    next.press("tab");
    next.tick(1);
    let d = &next.model.draft.meeting.details;
    assert_eq!(d.minute_taker_name, "Jo Pike, business support");
    assert_eq!(d.minute_taker, None);
}

#[test]
fn a_long_why_grows_to_show_all_that_is_typed() {
    let mut h = Harness::new();
    h.goto(StepKind::AgencyProgress);
    h.focus_on("why");
    let why = "Attendance is up to ninety-six per cent this half term and Kayla has not been \
               late once since the walking bus began";
    h.type_text(why);
    // Typed into and read back whole, at the start as at the end, focused or not.
    for screen in [h.screen(80, 24), h.screen(160, 48)] {
        assert!(screen.contains("Attendance is up to"), "{screen}");
        assert!(screen.contains("walking bus began"), "{screen}");
    }
    h.press("shift-tab");
    let screen = h.screen(160, 48);
    assert!(screen.contains("Attendance is up to"), "{screen}");
    assert!(screen.contains("walking bus began"), "{screen}");
}

#[test]
fn a_core_group_outcome_for_both_children_stays_theirs_when_edited() {
    let mut h = Harness::new();
    h.goto(StepKind::PlanRevisions);
    h.focus_on("outcomes");
    h.press("+");
    h.type_text("both");
    h.press("tab");
    h.type_text("Kayla and Alfie are collected on time from school and nursery.");
    h.press("f2");
    let o = h
        .model
        .draft
        .plan
        .outcome("o6")
        .expect("new outcome")
        .clone();
    assert_eq!(o.children().collect::<Vec<_>>(), ["kayla", "alfie"]);
    // Opened again and reworded: still for both, never quietly for the first alone.
    let row = h.model.draft.plan.outcomes.len() - 1;
    h.model
        .selections
        .insert((h.model.draft.step, "outcomes"), row);
    h.model.rebuild_form();
    h.focus_on("outcomes");
    h.press("enter");
    assert!(h.model.overlay.is_some(), "the outcome opens");
    let o = h.model.overlay.as_mut().expect("the form");
    o.form.focus_on("text");
    h.type_text(" Every day.");
    h.press("f2");
    let o = h.model.draft.plan.outcome("o6").expect("kept");
    assert!(o.text.ends_with("Every day."), "{}", o.text);
    assert_eq!(o.children().collect::<Vec<_>>(), ["kayla", "alfie"]);
    // The minutes name both children.
    let (_, docs) = h.close_and_render();
    let minutes = docs
        .iter()
        .find(|d| d.name.ends_with("minutes.md"))
        .expect("the minutes");
    assert!(
        minutes.text.contains("Kayla Brennan and Alfie Walsh"),
        "{}",
        minutes.text
    );
}
