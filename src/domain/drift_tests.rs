//! Each drift flag on crafted records: raised exactly when its rule says, with its evidence, and
//! not one meeting (or one day) earlier.

use chrono::NaiveDate;

use super::*;
use crate::domain::agenda::ResolutionPolicy;
use crate::domain::calendar::Division;
use crate::domain::meeting::{ActionReview, Attendance, OutcomeProgress};
use crate::domain::plan::CoreGroupHeld;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

const PLAN: &str = "
case: {reference: TEST-1, local_authority: Fictional Borough}
children:
- {id: c1, name: Test Child, categories: [neglect], plan_started: 2026-01-05}
members:
- {id: sw, name: Sam Social, role: social worker, agency: Children's Services}
- {id: hv, name: Hal Visitor, role: health visitor, agency: Health}
- {id: sch, name: Sue Teacher, role: teacher, agency: School}
- {id: mum, name: Mum Parent, role: mother, family: true}
outcomes:
- {id: o1, child: c1, text: Safe at home, origin: conference}
actions:
- {id: a1, outcome: o1, owner: hv, what: Weigh the baby, due: 2026-02-01}
";

fn plan() -> Plan {
    yaml_serde::from_str(PLAN).unwrap()
}

fn cal() -> Calendar {
    Calendar::new(Division::EnglandAndWales)
}

fn meeting(date: &str) -> Meeting {
    let mut m = Meeting::new(date.to_string(), "core-group".into(), d(date), &plan());
    m.attendance.clear();
    m
}

fn scored(date: &str, score: u8) -> Meeting {
    let mut m = meeting(date);
    m.outcome_progress.push(OutcomeProgress {
        outcome: "o1".into(),
        score: Some(score),
        note: format!("note {score}"),
        privacy: Default::default(),
    });
    m
}

fn held(ms: &[Meeting]) -> Vec<MeetingFacts> {
    ms.iter()
        .map(|m| MeetingFacts::of(&m.id, m, None))
        .collect()
}

fn flags(p: &Plan, ms: &[Meeting], policy: &Policy, today: &str) -> Vec<Flag> {
    drift(p, &held(ms), policy, &cal(), d(today))
}

fn of(flags: &[Flag], kind: DriftKind) -> Vec<&Flag> {
    flags.iter().filter(|f| f.kind == kind).collect()
}

/// A policy with only the rule under test able to fire.
fn quiet() -> Policy {
    Policy {
        child_seen_alone_every: None,
        ..Policy::default()
    }
}

#[test]
fn an_outcome_not_rising_over_three_core_groups_is_flagged_at_the_third_not_the_second() {
    let p = plan();
    let ms = vec![scored("2026-02-01", 4), scored("2026-03-01", 4)];
    assert!(flags(&p, &ms, &quiet(), "2026-03-02").is_empty());
    let mut ms = ms;
    ms.push(scored("2026-04-01", 4));
    let f = flags(&p, &ms, &quiet(), "2026-04-02");
    let f = of(&f, DriftKind::OutcomeNotRising);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].subject, "o1");
    let sources: Vec<&str> = f[0].evidence.iter().map(|e| e.source.as_str()).collect();
    assert_eq!(sources, ["2026-02-01", "2026-03-01", "2026-04-01"]);
    assert_eq!(f[0].evidence[2].detail, "scored 4: note 4");
}

#[test]
fn an_outcome_that_rose_over_the_window_is_not_flagged() {
    let p = plan();
    let ms = vec![
        scored("2026-02-01", 3),
        scored("2026-03-01", 4),
        scored("2026-04-01", 4),
    ];
    assert!(flags(&p, &ms, &quiet(), "2026-04-02").is_empty());
}

#[test]
fn an_outcome_that_fell_is_flagged_with_both_scores() {
    let p = plan();
    let ms = vec![scored("2026-02-01", 5), scored("2026-03-01", 3)];
    let f = flags(&p, &ms, &quiet(), "2026-03-02");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].kind, DriftKind::OutcomeFallen);
    assert_eq!(f[0].summary, "outcome o1 has fallen from 5 to 3");
    assert_eq!(f[0].evidence.len(), 2);
}

#[test]
fn the_outcome_window_is_the_agendas() {
    let p = plan();
    let ms = vec![scored("2026-02-01", 4), scored("2026-03-01", 4)];
    let mut policy = quiet();
    policy.drift.outcome_not_rising_over = 2;
    assert_eq!(
        of(
            &flags(&p, &ms, &policy, "2026-03-02"),
            DriftKind::OutcomeNotRising
        )
        .len(),
        1
    );
}

fn reviewed(date: &str, status: ActionStatus) -> Meeting {
    let mut m = meeting(date);
    m.action_reviews.push(ActionReview {
        action: "a1".into(),
        status,
        note: String::new(),
        privacy: Default::default(),
    });
    m
}

#[test]
fn an_action_carried_over_twice_is_flagged_at_the_second_meeting() {
    let p = plan();
    let one = vec![reviewed("2026-02-01", ActionStatus::InProgress)];
    assert!(flags(&p, &one, &quiet(), "2026-02-02").is_empty());
    let two = vec![
        reviewed("2026-02-01", ActionStatus::InProgress),
        reviewed("2026-03-01", ActionStatus::NotAchieved),
    ];
    let f = flags(&p, &two, &quiet(), "2026-03-02");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].kind, DriftKind::ActionCarriedOver);
    assert_eq!(f[0].subject, "a1");
    assert_eq!(f[0].evidence[1].detail, "not achieved");
}

#[test]
fn an_action_achieved_since_is_not_drifting() {
    let mut p = plan();
    p.actions[0].status = ActionStatus::Achieved;
    let two = vec![
        reviewed("2026-02-01", ActionStatus::InProgress),
        reviewed("2026-03-01", ActionStatus::InProgress),
    ];
    assert!(flags(&p, &two, &quiet(), "2026-03-02").is_empty());
}

#[test]
fn an_action_redated_twice_is_flagged_with_each_move() {
    let mut plans = Vec::new();
    for due in ["2026-02-01", "2026-03-01", "2026-04-01"] {
        let mut p = plan();
        p.actions[0].due = Some(d(due));
        plans.push(p);
    }
    let ms = [
        meeting("2026-01-20"),
        meeting("2026-02-20"),
        meeting("2026-03-20"),
    ];
    let hs = |n: usize| -> Vec<MeetingFacts> {
        ms.iter()
            .zip(&plans)
            .take(n)
            .map(|(m, p)| MeetingFacts::of(&m.id, m, Some(p)))
            .collect()
    };
    // The current plan keeps the last meeting's date.
    let current = plans[2].clone();
    let once = drift(&plans[1], &hs(2), &quiet(), &cal(), d("2026-02-21"));
    assert!(once.is_empty(), "{once:?}");
    let f = drift(&current, &hs(3), &quiet(), &cal(), d("2026-03-21"));
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].kind, DriftKind::ActionRedated);
    let moves: Vec<&str> = f[0].evidence.iter().map(|e| e.detail.as_str()).collect();
    assert_eq!(
        moves,
        ["due 1 Feb 2026 → 1 Mar 2026", "due 1 Mar 2026 → 1 Apr 2026"]
    );
}

fn attended(date: &str, hv: Option<Presence>, update: bool) -> Meeting {
    let mut m = meeting(date);
    m.attendance.push(Attendance {
        member: "sw".into(),
        presence: Some(Presence::Present),
        substitute: String::new(),
        written_update: false,
        written_update_summary: String::new(),
        privacy: Default::default(),
    });
    m.attendance.push(Attendance {
        member: "hv".into(),
        presence: hv,
        substitute: String::new(),
        written_update: update,
        written_update_summary: String::new(),
        privacy: Default::default(),
    });
    m
}

#[test]
fn an_agency_absent_without_update_twice_in_a_row_is_flagged_at_the_second() {
    let p = plan();
    let mut ms = vec![
        attended("2026-02-01", Some(Presence::Apologies), false),
        attended("2026-03-01", Some(Presence::Present), false),
        attended("2026-04-01", Some(Presence::DidNotAttend), false),
    ];
    // Absent twice, but not in a row.
    assert!(flags(&p, &ms, &quiet(), "2026-04-02").is_empty());
    ms.push(attended("2026-05-01", Some(Presence::Apologies), false));
    let f = flags(&p, &ms, &quiet(), "2026-05-02");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].kind, DriftKind::AgencyAbsent);
    assert_eq!(f[0].subject, "Health");
    let ev: Vec<(&str, &str)> = f[0]
        .evidence
        .iter()
        .map(|e| (e.source.as_str(), e.detail.as_str()))
        .collect();
    assert_eq!(
        ev,
        [
            (
                "2026-04-01",
                "Hal Visitor did not attend, no written update"
            ),
            ("2026-05-01", "Hal Visitor apologies, no written update"),
        ]
    );
}

#[test]
fn a_written_update_means_the_agency_is_not_absent() {
    let p = plan();
    let ms = vec![
        attended("2026-02-01", Some(Presence::Apologies), false),
        attended("2026-03-01", Some(Presence::Apologies), true),
    ];
    assert!(flags(&p, &ms, &quiet(), "2026-03-02").is_empty());
}

#[test]
fn the_child_not_seen_alone_is_flagged_the_day_after_the_interval() {
    let mut p = plan();
    p.key_dates.visits.push(crate::domain::plan::KeyVisit {
        date: d("2026-03-02"),
        seen_alone: true,
        children: Vec::new(),
        by: None,
        each: Vec::new(),
    });
    let policy = Policy::default(); // every 6 weeks: due Mon 13 April 2026
    assert!(flags(&p, &[], &policy, "2026-04-13").is_empty());
    let f = flags(&p, &[], &policy, "2026-04-14");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].kind, DriftKind::ChildNotSeenAlone);
    assert_eq!(f[0].evidence[0].date, Some(d("2026-03-02")));
}

#[test]
fn minutes_circulated_late_are_flagged_with_the_meeting() {
    let mut p = plan();
    // 5 working days after Mon 2 March 2026 is Mon 9 March.
    p.key_dates.core_groups.push(CoreGroupHeld {
        date: d("2026-03-02"),
        minutes_circulated: Some(d("2026-03-09")),
        agreements_returned: None,
        chair: None,
        minute_taker: None,
        events_shown: Vec::new(),
    });
    assert!(flags(&p, &[], &quiet(), "2026-04-01").is_empty());
    p.key_dates.core_groups[0].minutes_circulated = Some(d("2026-03-10"));
    let f = flags(&p, &[], &quiet(), "2026-04-01");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].kind, DriftKind::MinutesLate);
    assert_eq!(
        f[0].evidence[0].detail,
        "circulated 10 Mar 2026, due by 9 Mar 2026"
    );
    // Not circulated: late from the day after it was due, not before.
    p.key_dates.core_groups[0].minutes_circulated = None;
    assert!(flags(&p, &[], &quiet(), "2026-03-09").is_empty());
    assert_eq!(flags(&p, &[], &quiet(), "2026-03-10").len(), 1);
}

fn wales() -> Policy {
    Policy {
        child_seen_alone_every: None,
        resolution: Some(ResolutionPolicy::default()),
        ..Policy::default()
    }
}

#[test]
fn wales_fifteen_months_on_the_register_triggers_resolution_not_a_day_before() {
    let mut p = plan();
    p.key_dates.initial_conference = Some(d("2026-01-05"));
    // Reviews held as due so the third is not yet reached.
    p.key_dates.review_conferences = vec![d("2026-04-01"), d("2026-10-01")];
    p.key_dates.next_review_conference = Some(d("2027-04-30"));
    let before = flags(&p, &[], &wales(), "2027-04-04");
    assert!(
        of(&before, DriftKind::ResolutionTrigger).is_empty(),
        "{before:?}"
    );
    let f = flags(&p, &[], &wales(), "2027-04-05");
    let f = of(&f, DriftKind::ResolutionTrigger);
    assert_eq!(f.len(), 1);
    assert!(f[0].evidence[0].detail.contains("15 months"));
}

#[test]
fn wales_the_third_review_conference_triggers_resolution() {
    let mut p = plan();
    p.key_dates.initial_conference = Some(d("2026-01-05"));
    p.key_dates.review_conferences = vec![d("2026-02-01"), d("2026-03-01")];
    p.key_dates.next_review_conference = Some(d("2026-04-01"));
    assert!(
        of(
            &flags(&p, &[], &wales(), "2026-03-15"),
            DriftKind::ResolutionTrigger
        )
        .is_empty()
    );
    p.key_dates.review_conferences.push(d("2026-04-01"));
    let f = flags(&p, &[], &wales(), "2026-04-02");
    let f = of(&f, DriftKind::ResolutionTrigger);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].evidence[0].detail, "review conference 3 held");
    // England has no resolution process.
    assert!(
        of(
            &flags(&p, &[], &quiet(), "2026-04-02"),
            DriftKind::ResolutionTrigger
        )
        .is_empty()
    );
}

#[test]
fn the_thresholds_are_read_from_the_agenda_file_and_a_misspelt_one_is_refused() {
    let policy: Policy = yaml_serde::from_str("drift: {action_carried_over: 3}\n").unwrap();
    assert_eq!(policy.drift.action_carried_over, 3);
    assert_eq!(
        policy.drift.action_redated, 2,
        "the others keep their defaults"
    );
    let p = plan();
    let two = vec![
        reviewed("2026-02-01", ActionStatus::InProgress),
        reviewed("2026-03-01", ActionStatus::InProgress),
    ];
    let quiet3 = Policy {
        child_seen_alone_every: None,
        ..policy
    };
    assert!(flags(&p, &two, &quiet3, "2026-03-02").is_empty());
    let e = yaml_serde::from_str::<Policy>("drift: {action_carried: 3}\n").unwrap_err();
    assert!(e.to_string().contains("unknown field"), "{e}");
}

#[test]
fn flags_from_the_figures_alone_with_their_notes_put_back_are_the_flags_from_the_records() {
    let p = plan();
    let ms = vec![
        scored("2026-02-01", 5),
        scored("2026-03-01", 5),
        scored("2026-04-01", 3),
        scored("2026-05-01", 3),
        scored("2026-06-01", 3),
    ];
    let full = flags(&p, &ms, &quiet(), "2026-06-02");
    assert!(!full.is_empty());
    let figures: Vec<MeetingFacts> = held(&ms).into_iter().map(|h| h.figures()).collect();
    let mut bare = drift(&p, &figures, &quiet(), &cal(), d("2026-06-02"));
    assert_eq!(bare.len(), full.len());
    assert_ne!(bare, full, "the figures keep no note");
    add_notes(&mut bare, &mut |meeting, outcome| {
        let m = ms.iter().find(|m| m.id == meeting)?;
        let p = m.outcome_progress.iter().find(|p| p.outcome == outcome)?;
        Some(p.note.clone())
    });
    assert_eq!(bare, full);
}

#[test]
fn only_the_latest_meetings_count_and_the_window_follows_the_agenda() {
    let p = plan();
    let policy = quiet();
    let window = meetings_looked_at(&policy);
    assert_eq!(
        window, 5,
        "the longest default run is 3 (an outcome's scores, or due dates)"
    );
    // Carried over at every one of eight meetings: counted over the latest five.
    let ms: Vec<Meeting> = (1..=8)
        .map(|m| reviewed(&format!("2026-{m:02}-01"), ActionStatus::InProgress))
        .collect();
    let f = flags(&p, &ms, &policy, "2026-08-02");
    let carried = of(&f, DriftKind::ActionCarriedOver);
    assert_eq!(carried.len(), 1);
    assert_eq!(carried[0].evidence.len(), window);
    assert_eq!(carried[0].evidence[0].source, "2026-04-01");
    // A fall before the latest five meetings is not read.
    let mut ms = vec![scored("2026-01-01", 6), scored("2026-02-01", 2)];
    assert_eq!(
        of(
            &flags(&p, &ms, &policy, "2026-02-02"),
            DriftKind::OutcomeFallen
        )
        .len(),
        1
    );
    ms.extend((3..=7).map(|m| meeting(&format!("2026-{m:02}-01"))));
    assert!(flags(&p, &ms, &policy, "2026-07-02").is_empty());
    // A longer rule in the agenda looks further back.
    let mut longer = quiet();
    longer.drift.outcome_not_rising_over = 6;
    assert_eq!(meetings_looked_at(&longer), 8);
}

#[test]
fn the_last_score_of_each_outcome_is_the_latest_meeting_that_gave_one() {
    let facts = |id: &str, scores: &[(&str, Option<u8>)]| MeetingFacts {
        id: id.into(),
        date: None,
        progress: scores
            .iter()
            .map(|(o, s)| OutcomeProgress {
                outcome: o.to_string(),
                score: *s,
                note: String::new(),
                privacy: Default::default(),
            })
            .collect(),
        reviews: Vec::new(),
        attendance: Vec::new(),
        dues: None,
    };
    let last = last_scores(&[
        facts("2026-10-01", &[("o1", Some(3)), ("o2", Some(4))]),
        facts("2026-10-29", &[("o1", Some(5)), ("o2", None)]),
    ]);
    assert_eq!(last.get("o1"), Some(&5));
    // Not scored last time: the score before stands.
    assert_eq!(last.get("o2"), Some(&4));
    assert_eq!(last.get("o3"), None);
}
