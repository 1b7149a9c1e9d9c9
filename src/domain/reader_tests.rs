use super::*;
use crate::domain::example;
use crate::domain::meeting::{ActionReview, Circumstance, Guest};
use crate::domain::plan::ActionStatus;

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
}

fn json(v: &View) -> String {
    serde_json::to_string(&(v.meeting(), v.plan())).unwrap()
}

fn dad() -> Reader {
    Reader::Family("dad".into())
}

#[test]
fn a_withheld_address_typed_anywhere_is_replaced_for_every_reader_but_the_case_file() {
    let plan = example::plan(today());
    let mut meeting = example::past_meeting(today());
    meeting.family_views.views = "Mum has moved to 12 Larkspur Court.".into();
    for reader in [dad(), Reader::EveryFamilyMember, Reader::Professionals] {
        let v = view(&meeting, &plan, &plan, reader.clone()).expect("the example scrubs");
        assert_eq!(
            v.meeting().family_views.views,
            "Mum has moved to [address withheld].",
            "{reader:?}"
        );
        assert!(v.plan().case.family_address.is_none(), "{reader:?}");
        assert!(!json(&v).contains("Larkspur"), "{reader:?}");
    }
    let file = view(&meeting, &plan, &plan, Reader::CaseFile).unwrap();
    assert!(json(&file).contains("12 Larkspur Court"));
}

/// The usual order: the meeting, then the mother flees, then her new address is withheld,
/// then the minutes go out. The documents are made with the case as it stands now.
#[test]
fn an_address_withheld_after_the_meeting_is_kept_from_every_circulated_copy() {
    let left = example::plan(today());
    let mut meeting = example::past_meeting(today());
    meeting.notes[0].text = "Dad still lives at 27 Foundry Lane.".into();
    meeting.notes[0].privacy = Privacy::default();
    let mut now = left.clone();
    now.members
        .iter_mut()
        .find(|m| m.id == "dad")
        .unwrap()
        .withhold_address = true;
    for reader in [Reader::Family("mum".into()), Reader::Professionals] {
        let v = view(&meeting, &left, &now, reader.clone()).unwrap();
        assert!(!json(&v).contains("Foundry"), "{reader:?}");
    }
    assert!(json(&view(&meeting, &left, &now, Reader::CaseFile).unwrap()).contains("Foundry"));
}

/// A change of address was shown to the family unless the family's own address was withheld;
/// a parent's own withheld address counts the same.
#[test]
fn a_change_of_address_is_blanked_while_any_address_of_the_case_is_withheld() {
    let mut plan = example::plan(today());
    plan.case.withhold_family_address = false;
    let mut meeting = example::past_meeting(today());
    meeting.circumstances.push(Circumstance {
        id: "ch9".into(),
        kind: CircumstanceKind::Address,
        detail: "Mum is now at the flat above the chemist on Kiln Row.".into(),
        tell_conference_chair: true,
        privacy: Privacy::default(),
    });
    let v = view(&meeting, &plan, &plan, dad()).unwrap();
    assert!(!json(&v).contains("Kiln Row"));
    let c = v.meeting().circumstances.iter().find(|c| c.id == "ch9");
    assert_eq!(c.map(|c| c.detail.as_str()), Some(ADDRESS_CHANGE_WITHHELD));
}

#[test]
fn a_confidential_guest_who_owns_an_action_stays_unnamed_for_the_family() {
    let mut plan = example::plan(today());
    let mut meeting = example::past_meeting(today());
    let mut g = Guest::new(
        "g7".into(),
        "Priya Castellano".into(),
        "Support worker".into(),
        "Harbour Women's Refuge".into(),
    );
    g.privacy = Privacy::marked(true);
    meeting.guests.push(g.clone());
    plan.members.push(crate::domain::plan::Member {
        id: "g7".into(),
        name: g.name.clone(),
        role: g.role.clone(),
        agency: g.agency.clone(),
        family: false,
        email: None,
        phone: None,
        title: None,
        preferred_name: None,
        language: None,
        address: None,
        withhold_address: false,
        joined: None,
        left: None,
        privacy: g.privacy.clone(),
    });
    plan.actions[0].owner = Some("g7".into());
    plan.key_dates
        .core_groups
        .push(crate::domain::plan::CoreGroupHeld {
            date: today(),
            minutes_circulated: None,
            agreements_returned: None,
            chair: Some("Priya Castellano".into()),
            minute_taker: None,
            events_shown: Vec::new(),
        });
    for reader in [dad(), Reader::EveryFamilyMember] {
        let v = view(&meeting, &plan, &plan, reader).unwrap();
        let text = json(&v);
        assert!(
            !text.contains("Castellano") && !text.contains("Harbour"),
            "{text}"
        );
        assert_eq!(v.meeting().person_name(v.plan(), "g7"), UNNAMED);
    }
    let prof = view(&meeting, &plan, &plan, Reader::Professionals).unwrap();
    assert!(json(&prof).contains("Harbour Women's Refuge"));
}

#[test]
fn an_action_and_its_notes_go_only_to_whom_they_are_for() {
    let mut plan = example::plan(today());
    let mut meeting = example::past_meeting(today());
    let id = plan.actions[0].id.clone();
    plan.actions[0].privacy = Privacy {
        confidential: false,
        not_for: vec!["dad".into()],
    };
    plan.actions[1]
        .history
        .push(crate::domain::plan::ActionUpdate {
            date: today(),
            status: ActionStatus::Achieved,
            by: None,
            changed: Vec::new(),
            made: Default::default(),
            note: "Seen at the refuge".into(),
            privacy: Privacy::marked(true),
        });
    meeting.action_reviews.push(ActionReview {
        action: id.clone(),
        status: ActionStatus::InProgress,
        note: String::new(),
        privacy: Privacy::default(),
    });
    let for_dad = view(&meeting, &plan, &plan, dad()).unwrap();
    assert!(for_dad.plan().action(&id).is_none());
    assert!(
        for_dad
            .meeting()
            .action_reviews
            .iter()
            .all(|r| r.action != id)
    );
    assert!(!json(&for_dad).contains("Seen at the refuge"));
    let for_mum = view(&meeting, &plan, &plan, Reader::Family("mum".into())).unwrap();
    assert!(for_mum.plan().action(&id).is_some());
}

#[test]
fn family_guests_and_members_read_as_family_and_never_as_professionals() {
    let mut plan = example::plan(today());
    let mut meeting = example::past_meeting(today());
    let mut aunt = Guest::new("g8".into(), "Rita Brennan".into(), "Aunt".into(), "".into());
    aunt.here_as = crate::domain::meeting::FAMILY_GUEST.into();
    meeting.guests.push(aunt);
    assert!(!is_professional_reader(Some(&meeting), &plan, "g8"));
    assert!(!is_professional_reader(Some(&meeting), &plan, "dad"));
    assert!(is_professional_reader(Some(&meeting), &plan, "gp"));
    assert_eq!(reader_of(&plan, "gp"), Reader::Professionals);
    // Ticked family after the meeting: what the meeting sends follows the case now.
    plan.members
        .iter_mut()
        .find(|m| m.id == "gp")
        .unwrap()
        .family = true;
    assert!(reader_of(&plan, "gp").is_family());
    plan.members.iter_mut().find(|m| m.id == "gp").unwrap().left = Some(today());
    assert!(!is_professional_reader(Some(&meeting), &plan, "gp"));
}

#[test]
fn an_item_is_hidden_from_whom_it_is_not_for() {
    let p = Privacy {
        confidential: false,
        not_for: vec!["dad".into()],
    };
    assert!(dad().hides(&p));
    assert!(!Reader::Family("mum".into()).hides(&p));
    assert!(Reader::EveryFamilyMember.hides(&p));
    assert!(!Reader::Professionals.hides(&Privacy::marked(true)));
    assert!(!Reader::CaseFile.hides(&Privacy::marked(true)));
}

/// What only the chair uses (the checklist's ticks, the time spent on each step) is not in a
/// family reader's view, whatever the copy's layout: it is taken out here, not left to the
/// family's copy to skip.
#[test]
fn the_chairs_checklist_and_step_times_are_not_in_a_family_view() {
    use crate::domain::meeting::{ChecklistTick, StepTime};
    let plan = example::plan(today());
    let mut meeting = example::past_meeting(today());
    meeting.checklist = vec![ChecklistTick {
        item: "Home conditions seen".into(),
        done: true,
    }];
    meeting.step_times = vec![StepTime {
        step: "progress".into(),
        seconds: 600,
    }];
    for reader in [dad(), Reader::EveryFamilyMember] {
        let v = view(&meeting, &plan, &plan, reader.clone()).unwrap();
        assert!(v.meeting().checklist.is_empty(), "{reader:?}");
        assert!(v.meeting().step_times.is_empty(), "{reader:?}");
    }
    for reader in [Reader::Professionals, Reader::CaseFile] {
        let v = view(&meeting, &plan, &plan, reader.clone()).unwrap();
        assert_eq!(v.meeting().checklist.len(), 1, "{reader:?}");
        assert_eq!(v.meeting().step_times.len(), 1, "{reader:?}");
    }
}
