//! The procedures' rules, warned about where they apply.

use super::{Harness, agenda};
use crate::domain::agenda::{Agenda, StepKind};
use crate::store::agenda_files::Catalog;

fn shipped(name: &str) -> Agenda {
    Catalog::new(None)
        .load(name)
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn a_family_member_chosen_to_chair_is_warned_about_on_every_agenda() {
    for a in [agenda(), shipped("core-group-monthly")] {
        let mut h = Harness::with_agenda(a);
        h.focus_on("chair");
        h.type_text("shauna");
        h.press("enter");
        assert_eq!(h.model.draft.meeting.details.chair.as_deref(), Some("mum"));
        let warning = "Shauna Brennan is a family member and should not chair";
        assert!(h.screen(160, 48).contains(warning));
        assert!(h.model.missing().iter().any(|m| m.starts_with(warning)));
    }
}

#[test]
fn the_welsh_rotation_warns_when_the_same_agency_would_chair_again() {
    let mut h = Harness::with_agenda(shipped("wales-core-group"));
    // Hannah Mercer (Eastbrook Children's Services) chaired last time; her manager comes today.
    h.goto(StepKind::Attendance);
    h.press("+");
    h.type_text("Jo Marsh");
    h.press("tab right right right right right tab");
    h.type_text("Team manager");
    h.press("tab");
    h.type_text("Eastbrook Children's Services");
    h.press("f2");
    assert!(h.model.overlay.is_none());
    h.goto(StepKind::Introductions);
    h.focus_on("chair");
    h.type_text("jo marsh");
    h.press("enter");
    assert_eq!(h.model.draft.meeting.details.chair.as_deref(), Some("g1"));
    let warning = "Eastbrook Children's Services chaired the last core group (Hannah Mercer";
    assert!(
        h.model.missing().iter().any(|m| m.starts_with(warning)),
        "{:?}",
        h.model.missing()
    );
    // Another agency may chair.
    h.focus_on("chair");
    h.type_text("tom");
    h.press("enter");
    assert_eq!(
        h.model.draft.meeting.details.chair.as_deref(),
        Some("school")
    );
    assert!(!h.model.missing().iter().any(|m| m.starts_with(warning)));
}

#[test]
fn the_first_core_group_agenda_on_a_case_that_had_one_is_warned_about() {
    let h = Harness::with_agenda(shipped("first-core-group"));
    let missing = h.model.missing();
    assert!(
        missing
            .iter()
            .any(|m| m.starts_with("this case had its first core group on Thu 15 Oct 2026")),
        "{missing:?}"
    );
    assert!(missing.iter().any(|m| m.starts_with(
        "the first core group should be held by Fri 16 Oct 2026 (10 working days after"
    )));
    assert!(
        h.screen(160, 48)
            .contains("this case had its first core group")
    );
}

#[test]
fn the_core_assessment_step_shows_its_due_date_and_state() {
    let mut h = Harness::with_agenda(shipped("first-core-group"));
    let step = h
        .model
        .agenda
        .steps
        .iter()
        .position(|s| s.key() == "core-assessment")
        .expect("the first core group has a core assessment step");
    while h.model.draft.step < step {
        h.press("f8");
    }
    // 35 working days after the initial conference on Fri 2 Oct 2026.
    let screen = h.screen(160, 48);
    assert!(
        screen.contains("Core assessment due Fri 20 Nov 2026: overdue"),
        "{screen}"
    );
}

#[test]
fn the_agreed_next_date_becomes_the_cases_next_core_group() {
    let mut h = Harness::new();
    h.goto(StepKind::NextMeeting);
    h.type_text("5/1/2027 10:00");
    h.press("tab");
    let (closed, _) = h.close_and_render();
    let next = chrono::NaiveDate::from_ymd_opt(2027, 1, 5);
    assert_eq!(closed.plan.key_dates.next_core_group, next);
    let cal = crate::domain::calendar::Calendar::new(closed.plan.case.division);
    let status =
        crate::domain::status::status(&closed.plan, &h.model.agenda.policy, &cal, super::today());
    let t = status
        .timescales
        .iter()
        .find(|t| t.key == "next-core-group")
        .expect("next core group");
    assert!(
        t.detail.contains("agreed for Tue 5 Jan 2027"),
        "{}",
        t.detail
    );
}

#[test]
fn starting_the_welsh_resolution_process_records_the_request_for_status() {
    let mut h = Harness::with_agenda(shipped("wales-core-group"));
    h.goto(StepKind::Escalation);
    h.focus_on("decisions");
    h.press("space");
    assert_eq!(
        h.model.draft.meeting.escalation.decisions,
        ["start-resolution"]
    );
    let (closed, _) = h.close_and_render();
    assert_eq!(
        closed.plan.key_dates.resolution_requested,
        Some(super::today())
    );
    let cal = crate::domain::calendar::Calendar::new(closed.plan.case.division);
    let status =
        crate::domain::status::status(&closed.plan, &h.model.agenda.policy, &cal, super::today());
    let tier1 = status
        .timescales
        .iter()
        .find(|t| t.key == "resolution-tier1-meeting")
        .expect("the Tier 1 meeting");
    assert!(tier1.due.is_some_and(|d| d > super::today()), "{tier1:?}");
}
