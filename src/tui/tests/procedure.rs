//! The procedures' rules, warned about where they apply.

use super::{Harness, agenda};
use crate::agenda::catalog::Catalog;
use crate::agenda::{Agenda, StepKind};

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
        h.type_text("s");
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
    h.type_text("j");
    assert_eq!(h.model.draft.meeting.details.chair.as_deref(), Some("g1"));
    let warning = "Eastbrook Children's Services chaired the last core group (Hannah Mercer";
    assert!(
        h.model.missing().iter().any(|m| m.starts_with(warning)),
        "{:?}",
        h.model.missing()
    );
    // Another agency may chair.
    h.type_text("t");
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
