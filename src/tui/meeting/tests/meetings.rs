//! Whole meetings, and parts of them, typed through the keymap on the example case.

use chrono::NaiveDate;

use super::{Harness, agenda};
use crate::domain::agenda::StepKind;
use crate::domain::meeting::{Change, Presence};
use crate::domain::plan::{ActionStatus, Origin};
use crate::tui::meeting::confirm::MeetingOnYes;
use crate::tui::meeting::message::RunOutcome;
use crate::tui::meeting::steps;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

#[test]
fn attendance_is_recorded_from_the_list_with_guests_added_on_the_spot() {
    let mut h = Harness::new();
    h.goto(StepKind::Attendance);
    assert_eq!(h.focus(), Some("people"));
    // sw, mum, dad, nan, school, hv, gp, police, recovery: each mark moves to the next row.
    h.press("p a d p p p a p p");
    let att = &h.model.draft.meeting.attendance;
    let of = |id: &str| att.iter().find(|a| a.member == id).and_then(|a| a.presence);
    assert_eq!(of("sw"), Some(Presence::Present));
    assert_eq!(of("mum"), Some(Presence::Apologies));
    assert_eq!(of("dad"), Some(Presence::DidNotAttend));
    assert_eq!(of("gp"), Some(Presence::Apologies));
    assert!(
        h.persist
            .recorded
            .iter()
            .any(|c| matches!(c, Change::Attendance(a) if a.member == "gp"))
    );
    let missing = h.model.missing();
    assert!(
        missing
            .iter()
            .any(|m| m == "Dr Aisha Rahman sent apologies without a written update"),
        "{missing:?}"
    );

    // The GP's written update arrived: tick it and summarise it.
    h.press("up");
    assert_eq!(h.model.selection(1, "people"), 7);
    h.press("up");
    assert_eq!(h.model.selection(1, "people"), 6);
    h.focus_on("written_update");
    h.press("space tab");
    h.type_text("Immunisations given on 12 November.");
    h.press("tab");
    let gp = h.model.draft.meeting.attendance_of("gp").expect("gp");
    assert!(gp.written_update);
    assert_eq!(
        gp.written_update_summary,
        "Immunisations given on 12 November."
    );
    assert!(
        !h.model
            .missing()
            .iter()
            .any(|m| m.contains("Dr Aisha Rahman sent apologies"))
    );

    // An interpreter who is not on the list.
    h.focus_on("people");
    h.press("+");
    assert!(h.model.overlay.is_some());
    h.type_text("Priya Nair");
    h.press("tab right tab tab");
    h.type_text("Eastbrook Language Line");
    h.press("f2");
    assert!(
        h.model.overlay.is_none(),
        "{:?}",
        h.model.overlay.as_ref().and_then(|o| o.error.clone())
    );
    let g = &h.model.draft.meeting.guests;
    assert_eq!(g.len(), 1);
    assert_eq!(
        (g[0].name.as_str(), g[0].role.as_str()),
        ("Priya Nair", "advocate")
    );
    // Everything recorded was also flushed.
    assert_eq!(h.persist.synced, h.persist.recorded.len());
    assert!(h.model.is_saved());
}

#[test]
fn a_family_member_present_is_flagged_where_the_family_does_not_attend() {
    let mut a = agenda();
    a.policy.family_may_attend = false;
    let mut h = Harness::with_agenda(a);
    h.goto(StepKind::Attendance);
    h.press("down p");
    let warnings = steps::family_warnings(&h.model.ctx());
    assert_eq!(warnings.len(), 1);
    assert!(warnings[0].contains("Shauna Brennan"));
    let s = h.screen(100, 30);
    assert!(s.contains("held without the family"), "{s}");
}

#[test]
fn an_action_captured_during_another_step_returns_to_where_the_chair_was() {
    let mut h = Harness::new();
    h.goto(StepKind::ChildViews);
    h.type_text("Kayla said she wants to");
    let step = h.model.draft.step;
    h.press("ctrl-a");
    assert!(h.model.overlay.is_some());
    h.type_text("Book Kayla's dental check-up.");
    h.press("tab right tab right tab");
    h.type_text("fri");
    h.press("f2");
    assert!(
        h.model.overlay.is_none(),
        "{:?}",
        h.model.overlay.as_ref().and_then(|o| o.error.clone())
    );
    let a = h.model.draft.plan.action("a13").expect("new action a13");
    assert_eq!(a.owner.as_deref(), Some("sw"));
    assert_eq!(a.due, Some(date(2026, 11, 27)));
    assert_eq!(a.outcome, "o2");
    assert_eq!(a.what, "Book Kayla's dental check-up.");
    assert!(
        h.persist
            .recorded
            .iter()
            .any(|c| matches!(c, Change::Action(x) if x.id == "a13"))
    );
    // Back exactly where we were, and the sentence goes on.
    assert_eq!(h.model.draft.step, step);
    assert_eq!(h.focus(), Some("wishes"));
    h.type_text(" keep going to after-school club.");
    h.tick(1);
    assert_eq!(
        h.model
            .draft
            .meeting
            .views_of("kayla")
            .map(|v| v.wishes_and_feelings.as_str()),
        Some("Kayla said she wants to keep going to after-school club.")
    );
}

#[test]
fn a_confidential_note_is_captured_from_any_step() {
    let mut h = Harness::new();
    h.goto(StepKind::AgencyProgress);
    h.press("ctrl-n");
    h.type_text("Police enquiries continue; not for the family.");
    h.press("f2");
    let n = &h.model.draft.meeting.notes;
    assert_eq!(n.len(), 1);
    assert!(n[0].privacy.confidential);
    assert_eq!(n[0].step, "agency-progress");
    assert!(
        h.persist
            .recorded
            .iter()
            .any(|c| matches!(c, Change::Note(x) if x.privacy.confidential))
    );
}

#[test]
fn a_next_meeting_beyond_the_interval_is_flagged_until_a_reason_is_recorded() {
    let mut h = Harness::new();
    h.goto(StepKind::NextMeeting);
    let limit = steps::limit(&h.model.ctx());
    // Six weeks after Tuesday 24 November 2026.
    assert_eq!(limit.latest(), date(2027, 1, 5));
    h.type_text("12/1/2027 10:00");
    h.press("tab");
    assert_eq!(
        h.model.draft.meeting.next_meeting.date,
        Some(date(2027, 1, 12))
    );
    let status = h
        .model
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default();
    assert!(status.contains("record the reason"), "{status}");
    assert!(h.model.missing().iter().any(|m| m.contains("later than")));
    assert!(h.screen(80, 24).contains("Later than allowed"));
    h.focus_on("reason");
    h.type_text("The school holidays: the family are away until 10 January.");
    h.press("tab");
    assert!(!h.model.missing().iter().any(|m| m.contains("later than")));
}

#[test]
fn a_countersignature_is_asked_for_where_the_policy_needs_one() {
    let mut a = agenda();
    a.policy.longer_gap_needs_countersign = true;
    let mut h = Harness::with_agenda(a);
    h.goto(StepKind::NextMeeting);
    h.type_text("12/1/2027");
    h.focus_on("reason");
    h.type_text("Holidays.");
    h.press("tab");
    assert!(
        h.model
            .missing()
            .iter()
            .any(|m| m.contains("countersigned"))
    );
    h.focus_on("countersigned");
    h.type_text("Jo Marsh, team manager");
    h.press("tab");
    assert!(
        !h.model
            .missing()
            .iter()
            .any(|m| m.contains("countersigned"))
    );
}

#[test]
fn weekend_dates_are_flagged() {
    let h = Harness::new();
    let ctx = h.model.ctx();
    assert!(steps::day_warning(&ctx, date(2026, 11, 28)).is_some_and(|w| w.contains("weekend")));
    assert!(
        steps::day_warning(&ctx, date(2026, 12, 25)).is_some_and(|w| w.contains("Christmas Day"))
    );
    assert!(steps::day_warning(&ctx, date(2026, 12, 1)).is_none());
}

#[test]
fn open_actions_are_reviewed_in_turn_and_the_plan_follows() {
    let mut h = Harness::new();
    h.goto(StepKind::PreviousRecord);
    h.press("right");
    assert!(
        h.persist
            .recorded
            .iter()
            .any(|c| matches!(c, Change::PreviousRecord(_)))
    );
    h.focus_on("actions");
    let first = h.model.draft.start.open_actions[0].clone();
    let before = h
        .model
        .draft
        .plan
        .action(&first)
        .expect("action")
        .history
        .len();
    h.press("tab right right right");
    h.press("tab");
    h.type_text("Kayla has been on time every day for three weeks.");
    h.press("tab");
    let a = h.model.draft.plan.action(&first).expect("action");
    assert_eq!(a.status, ActionStatus::Achieved);
    assert_eq!(a.history.len(), before + 1);
    assert_eq!(
        a.history.last().map(|u| u.note.as_str()),
        Some("Kayla has been on time every day for three weeks.")
    );
    let r = &h.model.draft.meeting.action_reviews;
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].status, ActionStatus::Achieved);
    // Tab went on to the next action; changing the first's review again replaces its history
    // entry, never adds a second.
    h.focus_on("actions");
    h.press("up");
    h.focus_on("status");
    h.press("left");
    let a = h.model.draft.plan.action(&first).expect("action");
    assert_eq!(a.status, ActionStatus::InProgress);
    assert_eq!(a.history.len(), before + 1);
    // The reviewed action stays on the list though it is no longer open.
    assert_eq!(h.model.draft.start.open_actions[0], first);
}

#[test]
fn conference_outcomes_cannot_be_edited_but_core_group_ones_can_be_added() {
    let mut h = Harness::new();
    h.goto(StepKind::PlanRevisions);
    h.focus_on("outcomes");
    h.press("enter");
    assert!(h.model.overlay.is_none());
    let status = h
        .model
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default();
    assert!(status.contains("set by the conference"), "{status}");
    h.press("+");
    h.press("right tab");
    h.type_text("Alfie goes to nursery three mornings a week.");
    h.press("f2");
    let o = h.model.draft.plan.outcome("o6").expect("new outcome");
    assert_eq!(o.origin, Origin::CoreGroup);
    assert_eq!(o.child, "alfie");
    assert_eq!(o.added, Some(super::today()));
}

#[test]
fn an_action_is_marked_achieved_with_a_note_from_the_plan_list() {
    let mut h = Harness::new();
    h.goto(StepKind::PlanRevisions);
    h.press("down enter");
    assert!(h.model.overlay.is_some());
    h.focus_on("status");
    h.press("right right");
    h.press("tab");
    h.type_text("Absence calls made every time.");
    h.press("f2");
    let a = h.model.draft.plan.action("a2").expect("a2");
    assert_eq!(a.status, ActionStatus::Achieved);
    assert_eq!(
        a.history.last().map(|u| u.note.as_str()),
        Some("Absence calls made every time.")
    );
}

#[test]
fn time_on_a_step_is_recorded_when_leaving_it() {
    let mut h = Harness::new();
    h.tick(400);
    h.press("f8");
    assert!(
        h.persist
            .recorded
            .contains(&Change::StepTime(crate::domain::meeting::StepTime {
                step: "introductions".into(),
                seconds: 400,
            }))
    );
    // Over its 5-minute time box.
    assert!(h.model.step_seconds(0) > 300);
    h.tick(460);
    assert_eq!(h.model.step_seconds(1), 60);
}

#[test]
fn typing_makes_no_change_until_the_field_is_left_or_the_tick() {
    let mut h = Harness::new();
    h.goto(StepKind::FamilyViews);
    let before = h.persist.recorded.len();
    h.type_text("Ms Brennan agrees with the plan.");
    assert_eq!(h.persist.recorded.len(), before);
    assert!(!h.model.is_saved());
    h.tick(5);
    assert_eq!(h.persist.recorded.len(), before + 1);
    assert_eq!(
        h.model.draft.meeting.family_views.views,
        "Ms Brennan agrees with the plan."
    );
    assert!(h.model.is_saved());
}

#[test]
fn closing_with_things_missing_passes_the_list_to_persist() {
    let mut h = Harness::new();
    h.goto(StepKind::ChildViews);
    h.type_text("Kayla feels safer.");
    h.goto(StepKind::Close);
    let expected = h.model.missing();
    assert!(
        expected
            .iter()
            .any(|m| m.contains("attendance not recorded"))
    );
    assert!(expected.iter().any(|m| m == "no date for the next meeting"));
    // Kayla's views are recorded; Alfie's are not, and each child's count.
    assert!(!expected.iter().any(|m| m.contains("Kayla")));
    assert!(
        expected
            .iter()
            .any(|m| m == "the views of Alfie Walsh are not recorded")
    );
    h.press("enter");
    let Some(c) = &h.model.confirm else {
        panic!("closing with gaps asks first");
    };
    assert_eq!(c.on_yes, MeetingOnYes::CloseAnyway(expected.clone()));
    h.press("y");
    let (draft, missing) = h.persist.closed.clone().expect("closed");
    assert_eq!(missing, expected);
    assert_eq!(draft.meeting.missing_at_close, expected);
    assert_eq!(
        draft
            .meeting
            .views_of("kayla")
            .map(|v| v.wishes_and_feelings.as_str()),
        Some("Kayla feels safer.")
    );
    assert!(h.screen(80, 24).contains("kept in memory"));
    h.press("enter");
    assert_eq!(
        h.outcome,
        Some(RunOutcome::Closed(
            "kept in memory (nothing written)".into()
        ))
    );
}

/// With an emergency copy holding every change, leaving while saving fails loses nothing, and
/// the question says where the changes are instead of that they will be lost.
#[test]
fn leaving_while_saving_fails_says_the_emergency_copy_has_the_changes() {
    let mut h = Harness::new();
    h.persist.fail_record = true;
    h.persist.emergency_copy = Some("/data/emergency/CP-2026-11-24.jsonl".into());
    h.goto(StepKind::FamilyViews);
    h.type_text("They want Nan to stay over more.");
    h.tick(1);
    h.press("ctrl-x");
    let Some(c) = &h.model.confirm else {
        panic!("quitting with unsaved work asks first");
    };
    assert!(
        c.question.contains("only in the emergency copy"),
        "{}",
        c.question
    );
    assert!(c.question.contains("carries on from it"), "{}", c.question);
    assert!(!c.question.contains("will be lost"), "{}", c.question);
    assert!(
        c.question.contains("/data/emergency/CP-2026-11-24.jsonl"),
        "{}",
        c.question
    );
    h.press("n");
    // Without a copy, the warning stays.
    h.persist.emergency_copy = None;
    h.tick(1);
    h.press("ctrl-x");
    let Some(c) = &h.model.confirm else {
        panic!("quitting with unsaved work asks first");
    };
    assert!(c.question.contains("will be lost"), "{}", c.question);
}

#[test]
fn failing_saves_keep_the_meeting_going_and_quitting_names_what_would_be_lost() {
    let mut h = Harness::new();
    h.persist.fail_record = true;
    h.goto(StepKind::FamilyViews);
    h.type_text("They want Nan to stay over more.");
    h.tick(1);
    assert_eq!(
        h.model.draft.meeting.family_views.views,
        "They want Nan to stay over more."
    );
    assert!(h.model.save.error.is_some());
    let screen = h.screen(80, 24);
    assert!(screen.contains("Saving is failing"), "{screen}");
    assert!(screen.contains("NOT SAVED"));
    h.press("ctrl-x");
    let Some(c) = &h.model.confirm else {
        panic!("quitting with unsaved work asks first");
    };
    assert_eq!(c.on_yes, MeetingOnYes::Quit);
    assert!(
        c.detail.iter().any(|d| d == "the family's views"),
        "{:?}",
        c.detail
    );
    h.press("n");
    assert!(h.outcome.is_none());
    // The disk comes back: the queued changes are written in order and quitting just leaves.
    h.persist.fail_record = false;
    h.tick(2);
    assert!(h.model.save.error.is_none());
    assert!(
        h.persist
            .recorded
            .iter()
            .any(|c| matches!(c, Change::FamilyViews(_)))
    );
    h.press("ctrl-x");
    assert_eq!(h.outcome, Some(RunOutcome::Left { unsaved: vec![] }));
}

#[test]
fn the_chair_is_warned_when_the_policy_says_the_social_worker_must_not_chair() {
    let mut a = agenda();
    a.policy.social_worker_may_chair = false;
    a.policy.chair_rotates = true;
    let mut h = Harness::with_agenda(a);
    h.focus_on("chair");
    h.press("right");
    assert_eq!(h.model.draft.meeting.details.chair.as_deref(), Some("sw"));
    let screen = h.screen(100, 30);
    assert!(screen.contains("should not chair"), "{screen}");
    assert!(screen.contains("Chaired before"));
}

#[test]
fn a_whole_meeting_on_the_example_case() {
    let mut h = Harness::new();
    // Introductions: the offered time is recorded on the first tick.
    h.focus_on("venue");
    h.type_text("Millbrook Family Centre, Room 2");
    h.focus_on("chair");
    h.press("right");
    h.press("tab right right right right right right right right right");
    h.tick(240);
    let d = &h.model.draft.meeting.details;
    assert_eq!(d.venue, "Millbrook Family Centre, Room 2");
    assert_eq!(d.time, chrono::NaiveTime::from_hms_opt(10, 0, 0));
    assert_eq!(d.minute_taker.as_deref(), Some("recovery"));
    // Attendance: everyone present.
    h.press("f8");
    for _ in 0..9 {
        h.press("p");
    }
    // Previous record: accurate; review every open action as in progress.
    h.press("f8 right");
    h.focus_on("actions");
    let open = h.model.draft.start.open_actions.len();
    for _ in 0..open {
        h.focus_on("status");
        h.press("right right");
        h.focus_on("actions");
        h.press("down");
    }
    assert_eq!(h.model.draft.meeting.action_reviews.len(), open);
    // Progress: the social worker's update, tagged as fact.
    h.press("f8");
    h.press("tab");
    h.type_text("Both children seen at home this week; the flat was warm.");
    h.press("tab right");
    assert_eq!(h.model.draft.meeting.contributions.len(), 1);
    // Each child's views, then the family's.
    h.press("f8");
    h.type_text("Kayla says home is calmer.");
    h.focus_on("children");
    h.press("down");
    h.focus_on("wishes");
    h.type_text("Alfie was settled and played happily.");
    h.press("f8");
    h.type_text("Ms Brennan wants the plan to continue.");
    // Circumstances: a new frequent visitor, through the step's own list.
    h.press("f8 +");
    h.press("right right tab");
    h.type_text("Mr Walsh's brother visits most weekends.");
    h.press("f2");
    assert_eq!(h.model.draft.meeting.circumstances.len(), 1);
    assert!(h.model.draft.meeting.circumstances[0].tell_conference_chair);
    // Plan revisions, disagreements, escalation.
    h.press("f8 f8 ctrl-d");
    h.type_text("Shauna Brennan");
    h.press("tab");
    h.type_text("Contact with Mr Walsh");
    h.press("f2 f8 space");
    assert!(h.model.draft.meeting.escalation.bring_review_forward);
    // Next meeting, in time.
    h.press("f8");
    h.type_text("5/1/2027 10:00");
    h.focus_on("venue");
    h.type_text("Millbrook Family Centre");
    h.press("tab");
    // Close: nothing missing but what we left out on purpose.
    h.press("f8");
    let missing = h.model.missing();
    assert!(missing.is_empty(), "{missing:?}");
    h.press("enter");
    let (draft, missing) = h.persist.closed.clone().expect("closed without asking");
    assert!(missing.is_empty());
    assert_eq!(draft.meeting.next_meeting.date, Some(date(2027, 1, 5)));
    assert_eq!(draft.meeting.disagreements.len(), 1);
    // The journal holds every change the record was built from.
    let mut replay = crate::domain::meeting::Draft::new(
        crate::domain::meeting::Meeting::new(
            "2026-11-24".into(),
            "core-group".into(),
            super::today(),
            &crate::domain::example::plan(super::today()),
        ),
        crate::domain::example::plan(super::today()),
    );
    for c in &h.persist.recorded {
        replay
            .apply(c.clone())
            .expect("every recorded change applies");
    }
    assert_eq!(replay.meeting.children_views, draft.meeting.children_views);
    assert_eq!(replay.plan, draft.plan);
}

#[test]
fn a_resumed_meeting_keeps_its_visited_steps_and_goes_on_counting_time() {
    use crate::domain::meeting::{Draft, Meeting, StepTime};
    use crate::tui::meeting::app::{MeetingModel, Options};
    let agenda = super::agenda();
    let plan = crate::domain::example::plan(super::today());
    let meeting = Meeting::new(
        "2026-11-24".into(),
        agenda.name.clone(),
        super::today(),
        &plan,
    );
    let mut draft = Draft::new(meeting, plan);
    for (step, seconds) in [("introductions", 120), ("attendance", 300)] {
        draft
            .apply(Change::StepTime(StepTime {
                step: step.into(),
                seconds,
            }))
            .unwrap();
    }
    draft.apply(Change::Step(2)).unwrap();
    let ten = chrono::NaiveTime::from_hms_opt(10, 0, 0).unwrap();
    let model = MeetingModel::new(draft, agenda, super::today(), ten, Options::default());
    assert_eq!(model.visited[..3], [true, true, true]);
    assert!(!model.visited[3]);
    assert_eq!(model.clock.earlier, 420);
}

fn resumed(h: &Harness) -> Harness {
    h.resumed()
}

#[test]
fn a_note_being_typed_survives_a_crash_and_is_cleared_once_saved() {
    use crate::tui::meeting::overlay::OverlayKind;
    let mut h = Harness::new();
    h.goto(StepKind::AgencyProgress);
    h.press("ctrl-n");
    h.type_text("Police enquiries continue;\nnot for the family.");
    h.tick(1);
    let scratch = h.persist.recorded.iter().find_map(|c| match c {
        Change::Scratch(Some(s)) => Some(s.clone()),
        _ => None,
    });
    let scratch = scratch.expect("the typing was journaled");
    assert_eq!(scratch.form, "note");
    assert_eq!(scratch.step, "agency-progress");
    assert!(scratch.fields.contains(&(
        "text".to_string(),
        "Police enquiries continue;\nnot for the family.".to_string()
    )));
    // Nothing new typed: the next tick records nothing more.
    let n = h.persist.recorded.len();
    h.tick(2);
    assert_eq!(h.persist.recorded.len(), n);

    // The program dies here; the meeting is resumed from what was recorded.
    let mut h = resumed(&h);
    let o = h.model.overlay.as_ref().expect("the note is open again");
    assert_eq!(o.kind, OverlayKind::Note(None));
    assert_eq!(
        o.form.text("text"),
        "Police enquiries continue;\nnot for the family."
    );
    let status = h.model.status.as_ref().map(|s| s.text.clone());
    assert_eq!(
        status.as_deref(),
        Some("Restored what you were typing in confidential note before the stop.")
    );
    h.type_text(" Strategy meeting next week.");
    h.press("f2");
    assert!(h.model.overlay.is_none());
    let notes = &h.model.draft.meeting.notes;
    assert_eq!(notes.len(), 1);
    assert_eq!(
        notes[0].text,
        "Police enquiries continue;\nnot for the family. Strategy meeting next week."
    );
    assert_eq!(notes[0].step, "agency-progress");
    assert_eq!(h.model.draft.scratch, None);
    assert_eq!(h.persist.recorded.last(), Some(&Change::Scratch(None)));
    // Resumed again, nothing reopens.
    assert!(resumed(&h).model.overlay.is_none());
}

#[test]
fn cancelling_a_form_clears_what_was_being_typed_in_it() {
    let mut h = Harness::new();
    h.press("ctrl-d");
    h.type_text("Mum");
    h.press("tab");
    h.type_text("contact");
    h.tick(1);
    let scratch = h
        .persist
        .recorded
        .iter()
        .rev()
        .find(|c| matches!(c, Change::Scratch(_)));
    let Some(Change::Scratch(Some(s))) = scratch else {
        panic!("no scratch in {:?}", h.persist.recorded);
    };
    assert_eq!(s.form, "disagreement");
    assert!(s.fields.contains(&("who".into(), "Mum".into())));
    assert!(s.fields.contains(&("about".into(), "contact".into())));
    h.press("esc y");
    assert!(h.model.overlay.is_none());
    assert_eq!(h.model.draft.scratch, None);
    assert_eq!(h.persist.recorded.last(), Some(&Change::Scratch(None)));
    assert!(h.model.draft.meeting.disagreements.is_empty());
    assert!(resumed(&h).model.overlay.is_none());
    // A form cancelled before anything was journaled leaves no trace in the journal.
    let n = h.persist.recorded.len();
    h.press("ctrl-n esc");
    h.tick(2);
    assert_eq!(h.persist.recorded.len(), n);
}

#[test]
fn the_privacy_key_ticks_confidential_or_any_family_members_in_a_few_keys() {
    let mut h = Harness::new();
    let family: Vec<String> = h
        .model
        .draft
        .plan
        .members
        .iter()
        .filter(|m| m.family)
        .map(|m| m.id.clone())
        .collect();
    assert_eq!(family.len(), 3, "mum, dad and nan");
    h.goto(StepKind::Escalation);
    h.press("tab");
    h.type_text("A conviction was disclosed.");
    // Confidential: three keys.
    let keys = h.keys;
    h.press("ctrl-p c enter");
    assert_eq!(h.keys - keys, 3);
    assert!(h.model.draft.meeting.escalation.privacy.confidential);
    assert_eq!(
        h.model.draft.meeting.escalation.reason,
        "A conviction was disclosed."
    );
    assert!(
        h.persist
            .recorded
            .iter()
            .any(|c| matches!(c, Change::Escalation(e) if e.privacy.confidential))
    );
    // The dialog shows what is set; c unticks it, 1 and 2 keep it from two people at once.
    h.press("ctrl-p");
    assert!(h.model.ticks.is_some());
    assert!(h.screen(80, 24).contains("[x] confidential"));
    h.press("c 1 2 enter");
    let p = &h.model.draft.meeting.escalation.privacy;
    assert!(!p.confidential);
    assert_eq!(p.not_for, family[..2].to_vec());
    assert!(
        h.screen(160, 48).contains("not for Shauna"),
        "{}",
        h.screen(160, 48)
    );
    // Esc leaves it as it was; the arrows and space tick too.
    h.press("ctrl-p down down space esc");
    assert_eq!(
        h.model.draft.meeting.escalation.privacy.not_for,
        family[..2].to_vec()
    );
    assert!(h.model.ticks.is_none());
    h.press("ctrl-p down space down space enter");
    assert!(h.model.draft.meeting.escalation.privacy.is_open());

    // The same key on a note's text in a capture form.
    h.goto(StepKind::AgencyProgress);
    h.press("ctrl-n");
    h.type_text("Staying with her sister.");
    // A note starts confidential: c unticks that, 3 keeps it from the third family member.
    h.press("ctrl-p c 3 enter");
    h.press("f2");
    let n = h.model.draft.meeting.notes.last().unwrap();
    assert!(!n.privacy.confidential);
    assert_eq!(n.privacy.not_for, [family[2].clone()]);
}

#[test]
fn an_item_kept_from_two_family_members_reaches_only_the_third() {
    let mut h = Harness::new();
    let family: Vec<String> = h
        .model
        .draft
        .plan
        .members
        .iter()
        .filter(|m| m.family)
        .map(|m| m.id.clone())
        .collect();
    h.goto(StepKind::AgencyProgress);
    h.focus_on("update");
    h.type_text("Nan is now going to the Juniper family group.");
    h.press("ctrl-p 1 2 enter");
    h.press("tab");
    let (_, docs) = h.close_and_render();
    let copy = |id: &str| {
        let name = format!("minutes-family-{id}.md");
        docs.iter()
            .find(|d| d.name == name)
            .map(|d| d.text.clone())
            .unwrap_or_else(|| panic!("{name} is written"))
    };
    assert!(!copy(&family[0]).contains("Juniper"));
    assert!(!copy(&family[1]).contains("Juniper"));
    assert!(copy(&family[2]).contains("Juniper"), "{}", copy(&family[2]));
}

/// An update saying a child was seen alone, on a plan with no visit, would put "no visit
/// recorded" beside it in the minutes: the close checklist lists it, so the record cannot say
/// both and "found nothing missing".
#[test]
fn an_update_contradicting_the_visits_is_listed_before_the_close() {
    let mut h = Harness::new();
    h.model.draft.plan.key_dates.visits.clear();
    h.model
        .draft
        .meeting
        .contributions
        .push(crate::domain::meeting::Contribution {
            id: "c1".into(),
            member: "school".into(),
            text: "Kayla was seen alone at school on Monday.".into(),
            tag: None,
            outcomes: Vec::new(),
            privacy: Default::default(),
        });
    let missing = h.model.missing();
    assert!(
        missing
            .iter()
            .any(|m| m.contains("Kayla Brennan was not seen alone") && m.contains("Tom Ridley")),
        "{missing:?}"
    );
}

/// A meeting whose venue was typed at the introductions.
fn at_millbrook() -> Harness {
    let mut h = Harness::new();
    h.goto(StepKind::Introductions);
    h.focus_on("venue");
    h.type_text("Millbrook Family Centre, Room 2");
    h.press("tab");
    assert_eq!(
        h.model.draft.meeting.details.venue,
        "Millbrook Family Centre, Room 2"
    );
    h
}

#[test]
fn the_next_meeting_s_venue_starts_as_this_meeting_s() {
    let mut h = at_millbrook();
    h.goto(StepKind::NextMeeting);
    h.type_text("15/12/2026 10:00");
    h.focus_on("reason");
    h.press("tab");
    let next = &h.model.draft.meeting.next_meeting;
    assert_eq!(next.venue, "Millbrook Family Centre, Room 2");
    assert!(next.privacy.is_open());

    // A venue typed for the next meeting is kept, whatever this meeting's was.
    let mut h = at_millbrook();
    h.goto(StepKind::NextMeeting);
    h.type_text("15/12/2026 10:00");
    h.focus_on("venue");
    // One key clears what was offered.
    h.press("ctrl-u");
    h.type_text("Eastbrook School, Room 4");
    h.press("tab");
    assert_eq!(
        h.model.draft.meeting.next_meeting.venue,
        "Eastbrook School, Room 4"
    );
}

#[test]
fn a_restricted_venue_stays_restricted_when_it_is_offered_again() {
    let mut h = at_millbrook();
    h.goto(StepKind::Escalation);
    // As the introductions step records a venue marked confidential.
    h.model.draft.meeting.details.venue = "The refuge".into();
    h.model.draft.meeting.details.venue_privacy.confidential = true;
    h.goto(StepKind::NextMeeting);
    h.type_text("15/12/2026 10:00");
    h.focus_on("reason");
    h.press("tab");
    let next = &h.model.draft.meeting.next_meeting;
    assert_eq!(next.venue, "The refuge");
    assert!(next.privacy.confidential);
}

#[test]
fn the_dates_agreed_for_later_meetings_are_recorded_in_order() {
    let mut h = Harness::new();
    h.goto(StepKind::NextMeeting);
    h.type_text("5/1/2027");
    h.focus_on("later");
    h.type_text("30/3/2027, 16/2/2027");
    h.press("tab");
    assert_eq!(
        h.model.draft.meeting.next_meeting.later,
        [date(2027, 2, 16), date(2027, 3, 30)]
    );
    // A date that cannot be read is said, and nothing agreed before is lost.
    h.focus_on("later");
    h.press("ctrl-u");
    h.type_text("16/2/2027, 31/2/2027");
    h.press("tab");
    assert_eq!(
        h.model.draft.meeting.next_meeting.later,
        [date(2027, 2, 16), date(2027, 3, 30)]
    );
    assert!(h.status_text().contains("31/2/2027"), "{}", h.status_text());
    // One before the next meeting is flagged at the close.
    h.focus_on("later");
    h.press("ctrl-u");
    h.type_text("4/1/2027");
    h.press("tab");
    assert!(
        h.model
            .missing()
            .iter()
            .any(|m| m.contains("later meeting")),
        "{:?}",
        h.model.missing()
    );
}

#[test]
fn the_last_core_group_before_the_review_conference_records_its_recommendation() {
    // On 24 November the example's review conference is due by 31 December, before the next
    // core group would have to be held: this meeting is asked for the recommendation.
    let mut h = Harness::new();
    h.goto(StepKind::Escalation);
    h.press("tab tab");
    h.type_text("step");
    h.press("tab");
    h.type_text("Kayla's attendance is good and the home is safe.");
    h.press("shift-tab");
    h.tick(2);
    let r = &h.model.draft.meeting.recommendation;
    assert_eq!(
        r.choice,
        Some(crate::domain::meeting::Recommend::StepDown),
        "{r:?}"
    );
    assert_eq!(
        r.reasons,
        "Kayla's attendance is good and the home is safe."
    );
    assert!(
        h.persist
            .recorded
            .iter()
            .any(|c| matches!(c, Change::Recommendation(r) if r.choice.is_some()))
    );
}

#[test]
fn an_action_saved_without_its_words_names_the_field_in_the_words_it_had() {
    use crate::tui::widgets::forms::FormError;
    let mut h = Harness::new();
    h.goto(StepKind::ChildViews);
    h.press("ctrl-a");
    let overlay = h.model.overlay.as_ref().expect("the action's form is open");
    let e = overlay.submit(&h.model.ctx()).unwrap_err();
    assert_eq!(e, FormError::needs("what", "what is to be done is needed"));
    assert_eq!(e.field(), Some("what"));
    h.press("f2");
    assert_eq!(
        h.model.overlay.as_ref().and_then(|o| o.error.clone()),
        Some("what is to be done is needed".to_string())
    );
}
