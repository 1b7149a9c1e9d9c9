//! A meeting closed after plan.yaml was edited by hand, while it was open, in a field the
//! meeting changed too. The chair's choice is written (and only for the bytes they saw), the
//! value not kept is in one named conflict file however often the close is cut short and
//! finished, and a merge that would break a rule is not written. Real case folders.
#![cfg(debug_assertions)]

mod common;

use std::fs;
use std::path::Path;

use chrono::NaiveDate;
use coregroup::cases::close::{pending_at_close, write_closed, write_closed_from};
use coregroup::cases::new_case::create_case;
use coregroup::domain::close::{Closed, close};
use coregroup::domain::meeting::{ActionReview, Change, Draft, Meeting};
use coregroup::domain::plan::{ActionStatus, Plan};
use coregroup::store::meeting_files::Before;
use coregroup::store::plan_cache::PlanSource;
use coregroup::store::plan_write::{self, Chosen};
use coregroup::store::{CaseFolder, failpoint, recovery};

const MEETING: &str = "2026-11-24";
const STATUS: &str = "actions[a1].status";

fn today() -> NaiveDate {
    MEETING.parse().unwrap()
}

fn plan_of(root: &Path) -> Plan {
    let path = root.join("plan.yaml");
    coregroup::store::yaml::parse_bytes(&fs::read(&path).unwrap(), &path).unwrap()
}

/// plan.yaml changed by hand: `edit` applied to the plan as it is.
fn by_hand(root: &Path, edit: impl FnOnce(&mut Plan)) {
    let mut plan = plan_of(root);
    edit(&mut plan);
    let text = coregroup::store::plan_yaml::to_string(&plan).unwrap();
    fs::write(root.join("plan.yaml"), format!("# by hand\n{text}")).unwrap();
}

fn a1_status(root: &Path) -> ActionStatus {
    plan_of(root).action("a1").unwrap().status
}

/// The example case, and a meeting on it that reviewed a1 as achieved: the plan it began
/// from, where that was read from, and what closing it makes.
fn meeting(root: &Path) -> (CaseFolder, Plan, PlanSource, Closed) {
    create_case(root, true, today()).unwrap();
    let case = CaseFolder::open(root).unwrap();
    let (before, read_from) = case.open_plan().unwrap();
    let agenda = common::agenda();
    let mut draft = Draft::new(
        Meeting::new(MEETING.into(), "core-group".into(), today(), &before),
        before.clone(),
    );
    draft
        .apply(Change::ActionReview(ActionReview {
            action: "a1".into(),
            status: ActionStatus::Achieved,
            note: "Walked to school every day.".into(),
            privacy: Default::default(),
        }))
        .unwrap();
    let closed = close(&before, &draft, &agenda, &[]);
    (case, before, read_from, closed)
}

/// While the meeting was open, a1 was marked no longer needed by hand.
fn a1_dropped_by_hand(root: &Path) {
    by_hand(root, |p| {
        p.actions.iter_mut().find(|a| a.id == "a1").unwrap().status = ActionStatus::NoLongerNeeded
    });
}

/// What the chair is asked at the close, as the meeting command asks it.
fn asked(case: &CaseFolder, before: &Plan, read_from: PlanSource) -> plan_write::Pending {
    let agenda = common::agenda();
    let mut draft = Draft::new(
        Meeting::new(MEETING.into(), "core-group".into(), today(), before),
        before.clone(),
    );
    draft
        .apply(Change::ActionReview(ActionReview {
            action: "a1".into(),
            status: ActionStatus::Achieved,
            note: "Walked to school every day.".into(),
            privacy: Default::default(),
        }))
        .unwrap();
    let began = Before {
        plan: before,
        read_from: Some(read_from),
        chosen: None,
    };
    pending_at_close(case, began, &draft, &agenda, &[])
        .unwrap()
        .expect("a question")
}

fn only_conflict_file(case: &CaseFolder) -> String {
    let files = plan_write::conflict_files(case);
    assert_eq!(files.len(), 1, "{files:?}");
    fs::read_to_string(&files[0]).unwrap()
}

#[test]
fn the_meeting_s_value_chosen_at_the_close_is_written_and_the_hand_value_kept_beside_it() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("case");
    let (case, before, read_from, closed) = meeting(&root);
    a1_dropped_by_hand(&root);
    let pending = asked(&case, &before, read_from);
    assert_eq!(
        pending
            .conflicts
            .iter()
            .map(|c| c.path.as_str())
            .collect::<Vec<_>>(),
        vec![STATUS]
    );
    let chosen = Chosen {
        against: pending.against,
        take_ours: vec![STATUS.into()],
    };
    let before = Before {
        plan: &before,
        read_from: Some(read_from),
        chosen: Some(&chosen),
    };
    let (_, _, said) = write_closed_from(&case, before, &closed, &common::agenda()).unwrap();
    let said = said.expect("the chair is told");
    assert!(!said.contains('\n'), "one line: {said}");
    assert!(said.contains("as chosen"), "{said}");
    assert_eq!(a1_status(&root), ActionStatus::Achieved);
    // The hand's value is not lost: it is in the file the notice names.
    let file = only_conflict_file(&case);
    assert!(said.contains("plan.conflict-2026-11-24.yaml"), "{said}");
    assert!(file.contains("not_applied: no-longer-needed"), "{file}");
    assert!(file.contains("in_plan: achieved"), "{file}");
    assert!(file.contains("the chair chose"), "{file}");
}

#[test]
fn the_hand_edit_kept_at_the_close_leaves_the_meeting_s_value_in_the_conflict_file() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("case");
    let (case, before, read_from, closed) = meeting(&root);
    a1_dropped_by_hand(&root);
    let pending = asked(&case, &before, read_from);
    let chosen = Chosen {
        against: pending.against,
        take_ours: vec![],
    };
    let before = Before {
        plan: &before,
        read_from: Some(read_from),
        chosen: Some(&chosen),
    };
    write_closed_from(&case, before, &closed, &common::agenda()).unwrap();
    assert_eq!(a1_status(&root), ActionStatus::NoLongerNeeded);
    let file = only_conflict_file(&case);
    assert!(file.contains("not_applied: achieved"), "{file}");
    assert!(file.contains("in_plan: no-longer-needed"), "{file}");
    assert!(file.contains("the chair kept plan.yaml's value"), "{file}");
}

/// The chair chose the meeting's value for the plan they were shown; it was edited again
/// before the close wrote. The newest hand edit stays; the meeting's value goes beside it.
#[test]
fn a_choice_made_for_a_plan_since_edited_again_never_writes_over_the_new_edit() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("case");
    let (case, before, read_from, closed) = meeting(&root);
    a1_dropped_by_hand(&root);
    let pending = asked(&case, &before, read_from);
    by_hand(&root, |p| {
        p.actions.iter_mut().find(|a| a.id == "a1").unwrap().status = ActionStatus::NotAchieved
    });
    let chosen = Chosen {
        against: pending.against,
        take_ours: vec![STATUS.into()],
    };
    let before = Before {
        plan: &before,
        read_from: Some(read_from),
        chosen: Some(&chosen),
    };
    write_closed_from(&case, before, &closed, &common::agenda()).unwrap();
    assert_eq!(a1_status(&root), ActionStatus::NotAchieved);
    let file = only_conflict_file(&case);
    assert!(file.contains("not_applied: achieved"), "{file}");
    assert!(
        !file.contains("the chair"),
        "not what the chair was shown: {file}"
    );
}

/// A close with a real conflict cut short at every disk step in turn, then finished by the
/// next command (twice): one conflict file, never a `-2`, and neither value lost.
#[test]
fn a_close_cut_short_anywhere_and_finished_writes_one_conflict_file() {
    for take_meeting in [false, true] {
        let mut at = 1;
        loop {
            let tmp = tempfile::tempdir().unwrap();
            let root = tmp.path().join("case");
            let (case, before, read_from, closed) = meeting(&root);
            a1_dropped_by_hand(&root);
            let pending = asked(&case, &before, read_from);
            let chosen = Chosen {
                against: pending.against,
                take_ours: if take_meeting {
                    vec![STATUS.into()]
                } else {
                    vec![]
                },
            };
            let b = Before {
                plan: &before,
                read_from: Some(read_from),
                chosen: Some(&chosen),
            };
            failpoint::arm(&root, at);
            let result = write_closed_from(&case, b, &closed, &common::agenda());
            let seen = failpoint::disarm(&root);
            recovery::finish(&case).unwrap();
            recovery::finish(&case).unwrap();
            let what = format!("crash at step {at}, meeting's value chosen: {take_meeting}");
            if case.meeting_ids().unwrap().iter().any(|id| id == MEETING) {
                let files = plan_write::conflict_files(&case);
                assert_eq!(files.len(), 1, "{what}: {files:?}");
                let file = fs::read_to_string(&files[0]).unwrap();
                let (kept, other) = if take_meeting {
                    (ActionStatus::Achieved, "no-longer-needed")
                } else {
                    (ActionStatus::NoLongerNeeded, "achieved")
                };
                assert_eq!(a1_status(&root), kept, "{what}");
                assert!(
                    file.contains(&format!("not_applied: {other}")),
                    "{what}: {file}"
                );
            } else {
                assert!(result.is_err(), "{what}");
                assert!(plan_write::conflict_files(&case).is_empty(), "{what}");
            }
            if seen < at {
                // The close ran to its end without reaching the armed step: every step tried.
                assert!(result.is_ok(), "{what}");
                break;
            }
            at += 1;
        }
    }
}

/// A merge whose result breaks a rule neither side broke: the meeting moved a1 under the
/// outcome o5; by hand, o5 and its action were taken out of the plan. plan.yaml stays as
/// edited, the meeting's plan goes beside it whole, and the one line names the rule.
#[test]
fn a_merge_that_would_break_a_rule_is_not_written_and_neither_side_is_lost() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("case");
    let (case, before, read_from, mut closed) = meeting(&root);
    closed
        .plan
        .actions
        .iter_mut()
        .find(|a| a.id == "a1")
        .unwrap()
        .outcome = "o5".into();
    by_hand(&root, |p| {
        p.outcomes.retain(|o| o.id != "o5");
        p.actions.retain(|a| a.outcome != "o5");
    });
    let hand = fs::read(root.join("plan.yaml")).unwrap();
    let (_, _, said) =
        write_closed(&case, &before, Some(read_from), &closed, &common::agenda()).unwrap();
    let said = said.expect("the chair is told");
    assert!(!said.contains('\n'), "one line: {said}");
    assert!(said.contains("would break a rule"), "{said}");
    assert!(said.contains("`o5` is not an outcome"), "{said}");
    assert_eq!(
        fs::read(root.join("plan.yaml")).unwrap(),
        hand,
        "plan.yaml as edited"
    );
    let file = only_conflict_file(&case);
    assert!(file.contains("(the whole plan)"), "{file}");
    assert!(file.contains("outcome: o5"), "{file}");
    // Finishing again changes nothing and writes no second file.
    recovery::finish(&case).unwrap();
    assert_eq!(fs::read(root.join("plan.yaml")).unwrap(), hand);
    assert_eq!(plan_write::conflict_files(&case).len(), 1);
}
