//! The shipped agendas: each parses cleanly, covers what its procedure requires, and differs from
//! the others for the reason its procedure gives.

use std::path::Path;

use chrono::{Months, NaiveDate};

use super::rules::{check_chair, check_family, check_next_meeting};
use super::*;
use crate::domain::agenda::{Agenda, ResolutionPolicy, Step, StepKind, Terms};
use crate::domain::calendar::{Calendar, Division};
use crate::domain::example;
use crate::domain::meeting::{Guest, Meeting, NextMeeting, Presence};
use crate::domain::period::Period;
use crate::domain::plan::Plan;
use crate::domain::status::{Status, status};
use crate::domain::timescale::Timescale;

fn d(s: &str) -> NaiveDate {
    s.parse().expect("test dates are valid")
}

fn shipped(name: &str) -> Agenda {
    super::shipped(name).unwrap_or_else(|e| panic!("{e}"))
}

fn kinds(a: &Agenda) -> Vec<StepKind> {
    a.steps.iter().map(|s| s.kind).collect()
}

fn step<'a>(a: &'a Agenda, key: &str) -> &'a Step {
    a.steps
        .iter()
        .find(|s| s.key() == key)
        .unwrap_or_else(|| panic!("{} has a step `{key}`", a.name))
}

fn due(s: &Status, key: &str) -> Option<NaiveDate> {
    find(s, key).due
}

fn find<'a>(s: &'a Status, key: &str) -> &'a Timescale {
    s.timescales
        .iter()
        .find(|t| t.key == key)
        .unwrap_or_else(|| panic!("status has `{key}`"))
}

const TODAY: &str = "2026-11-24";

fn case() -> Plan {
    example::plan(d(TODAY))
}

fn england() -> Calendar {
    Calendar::new(Division::EnglandAndWales)
}

fn status_under(name: &str) -> Status {
    status(&case(), &shipped(name).policy, &england(), d(TODAY))
}

fn meeting(plan: &Plan) -> Meeting {
    Meeting::new(TODAY.into(), "x".into(), d(TODAY), plan)
}

const CORE_GROUPS: [&str; 5] = [
    "core-group",
    "core-group-4-weekly",
    "core-group-monthly",
    "first-core-group",
    "wales-core-group",
];

#[test]
fn every_shipped_agenda_parses_has_no_problems_and_is_documented() {
    assert_eq!(BUILTIN.len(), 7);
    for (name, text) in BUILTIN {
        let a = super::shipped(name).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(a.name, *name);
        assert!(!a.title.is_empty() && !a.description.is_empty(), "{name}");
        assert!(a.source.contains('§'), "{name} cites its sections");
        assert!(
            text.starts_with('#'),
            "{name} opens with a comment on its procedure"
        );
        for (i, s) in a.steps.iter().enumerate() {
            assert!(!s.guidance.is_empty(), "{name}: steps[{i}] has guidance");
        }
        assert_eq!(a.steps.last().map(|s| s.kind), Some(StepKind::Close));
        // What we write is what we read.
        let again: Agenda = yaml_serde::from_str(&yaml_serde::to_string(&a).expect("serialises"))
            .expect("parses back");
        assert_eq!(again, a, "{name}");
    }
}

#[test]
fn every_file_in_agendas_is_embedded() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("agendas");
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .expect("agendas/ exists")
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            e.file_name()
                .to_str()?
                .strip_suffix(".yaml")
                .map(String::from)
        })
        .collect();
    files.sort();
    let mut names: Vec<String> = BUILTIN.iter().map(|(n, _)| n.to_string()).collect();
    names.sort();
    assert_eq!(files, names);
}

#[test]
fn core_groups_have_every_part_of_the_meeting_the_procedures_require() {
    use StepKind::*;
    for name in CORE_GROUPS {
        let a = shipped(name);
        let mut needed = vec![
            Introductions,
            Attendance,
            AgencyProgress,
            ChildViews,
            FamilyViews,
            PlanRevisions,
            NextMeeting,
            Close,
        ];
        // The first meeting has no previous record to review.
        if name != "first-core-group" {
            needed.push(PreviousRecord);
        }
        for kind in needed {
            let s = a.steps.iter().find(|s| s.kind == kind);
            assert!(s.is_some_and(|s| s.required), "{name}: required {kind:?}");
        }
        for kind in [Circumstances, Disagreements] {
            assert!(kinds(&a).contains(&kind), "{name}: {kind:?}");
        }
        assert_eq!(a.policy.first_core_group, Period::WorkingDays(10), "{name}");
        assert_eq!(a.policy.minutes_circulated_within, Period::WorkingDays(5));
        assert!(a.policy.family_may_attend, "{name}");
    }
}

#[test]
fn the_interval_sets_the_next_core_group_due_date() {
    let last = case().last_core_group().expect("the example has met").date;
    assert_eq!(
        due(&status_under("core-group"), "next-core-group"),
        Some(last + chrono::Days::new(42))
    );
    assert_eq!(
        due(&status_under("core-group-4-weekly"), "next-core-group"),
        Some(last + chrono::Days::new(28))
    );
    assert_eq!(
        due(&status_under("core-group-monthly"), "next-core-group"),
        Some(last + Months::new(1))
    );
    assert_eq!(
        due(&status_under("wales-core-group"), "next-core-group"),
        Some(last + chrono::Days::new(42))
    );
}

#[test]
fn monthly_counts_the_core_assessment_from_the_strategy_discussion_and_sees_the_child_alone_every_14_working_days()
 {
    let plan = case();
    let cal = england();
    let sd = plan.key_dates.strategy_discussion.expect("example has one");
    let icpc = plan.key_dates.initial_conference.expect("example has one");
    let monthly = status_under("core-group-monthly");
    assert_eq!(
        due(&monthly, "core-assessment"),
        Some(cal.add_working_days(sd, 35))
    );
    assert_eq!(
        due(&status_under("core-group"), "core-assessment"),
        Some(cal.add_working_days(icpc, 35))
    );
    let alone = find(&monthly, "next-visit-alone");
    assert!(
        alone.detail.starts_with("14 working days"),
        "{}",
        alone.detail
    );
    let default = status_under("core-group");
    let default = find(&default, "next-visit-alone");
    assert!(default.detail.starts_with("6 weeks"), "{}", default.detail);
}

#[test]
fn a_longer_gap_is_countersigned_only_under_the_monthly_procedure() {
    let cal = england();
    let held = d("2026-11-24");
    // Seven weeks on, with a reason: beyond both intervals.
    let mut next = NextMeeting {
        date: Some(d("2027-01-12")),
        reason_for_gap: "The family is away over the school holiday".into(),
        ..NextMeeting::default()
    };
    let default = shipped("core-group").policy;
    let monthly = shipped("core-group-monthly").policy;
    assert_eq!(check_next_meeting(&default, held, &next, &cal), []);
    let w = check_next_meeting(&monthly, held, &next, &cal);
    assert_eq!(w.len(), 1, "{w:?}");
    assert_eq!(w[0].rule, "gap-needs-countersign");
    assert!(
        w[0].message.contains("key worker's manager"),
        "{}",
        w[0].message
    );
    next.countersigned_by = "Team manager, Eastbrook".into();
    assert_eq!(check_next_meeting(&monthly, held, &next, &cal), []);

    // Five weeks on, with no reason: within 6 weeks, beyond a month.
    let next = NextMeeting {
        date: Some(d("2026-12-29")),
        ..NextMeeting::default()
    };
    assert_eq!(check_next_meeting(&default, held, &next, &cal), []);
    let rules: Vec<_> = check_next_meeting(&monthly, held, &next, &cal)
        .into_iter()
        .map(|w| w.rule)
        .collect();
    assert_eq!(rules, ["gap-needs-reason", "gap-needs-countersign"]);
    // Four-weekly: the same date is late, and needs a reason but no countersignature.
    let four = shipped("core-group-4-weekly").policy;
    let rules: Vec<_> = check_next_meeting(&four, held, &next, &cal)
        .into_iter()
        .map(|w| w.rule)
        .collect();
    assert_eq!(rules, ["gap-needs-reason"]);
}

#[test]
fn the_social_worker_may_chair_in_england_but_not_in_wales() {
    let plan = case();
    let lead = plan
        .case
        .lead_worker
        .clone()
        .expect("example has a lead worker");
    let mut m = meeting(&plan);
    m.details.chair = Some(lead);
    assert_eq!(check_chair(&shipped("core-group").policy, &plan, &m), []);
    let wales = shipped("wales-core-group");
    let w = check_chair(&wales.policy, &plan, &m);
    let rules: Vec<_> = w.iter().map(|w| w.rule).collect();
    // She chaired the last meeting too, and rotation is by agency.
    assert_eq!(rules, ["chair-agency-repeats", "social-worker-chairs"]);
    // Another agency's member may chair in Wales.
    m.details.chair = Some("school".into());
    assert_eq!(check_chair(&wales.policy, &plan, &m), []);
    assert!(wales.policy.chair_rotates && !shipped("core-group").policy.chair_rotates);
}

#[test]
fn resolution_meetings_are_held_without_the_family() {
    let plan = case();
    let mut m = meeting(&plan);
    for a in &mut m.attendance {
        a.presence = Some(Presence::Present);
    }
    let family = plan.members.iter().filter(|m| m.family).count();
    assert!(family >= 2);
    for name in ["core-group", "wales-core-group"] {
        assert_eq!(check_family(&shipped(name).policy, &plan, &m), [], "{name}");
    }
    for name in ["wales-resolution-tier1", "wales-resolution-tier2"] {
        let w = check_family(&shipped(name).policy, &plan, &m);
        assert_eq!(w.len(), family, "{name}");
        assert!(w.iter().all(|w| w.rule == "family-present"));
    }
    // Apologies from the family are no breach.
    for a in &mut m.attendance {
        a.presence = Some(Presence::Apologies);
    }
    assert_eq!(
        check_family(&shipped("wales-resolution-tier1").policy, &plan, &m),
        []
    );
}

#[test]
fn each_tier_is_chaired_by_its_own_role() {
    let plan = case();
    let mut m = meeting(&plan);
    m.guests.push(Guest {
        id: "tm".into(),
        name: "Rhian Example".into(),
        role: "Children's Services Team Manager".into(),
        agency: "Children's Services".into(),
        here_as: String::new(),
        for_whom: None,
        joins: false,
        privacy: Default::default(),
    });
    m.guests.push(Guest {
        id: "sm".into(),
        name: "Gethin Example".into(),
        role: "Service Manager".into(),
        agency: "Children's Services".into(),
        here_as: String::new(),
        for_whom: None,
        joins: false,
        privacy: Default::default(),
    });
    let tier1 = shipped("wales-resolution-tier1").policy;
    let tier2 = shipped("wales-resolution-tier2").policy;
    m.details.chair = Some("tm".into());
    assert_eq!(check_chair(&tier1, &plan, &m), []);
    let w = check_chair(&tier2, &plan, &m);
    assert_eq!(w.len(), 1);
    assert_eq!(w[0].rule, "chair-role");
    assert!(
        w[0].message
            .contains("principal officer or service manager")
    );
    m.details.chair = Some("sm".into());
    assert_eq!(check_chair(&tier2, &plan, &m), []);
    assert_eq!(check_chair(&tier1, &plan, &m).len(), 1);
    // The default core group asks for no particular role.
    assert_eq!(check_chair(&shipped("core-group").policy, &plan, &m), []);
}

#[test]
fn the_welsh_agendas_use_the_welsh_terms() {
    let england = shipped("core-group").terms;
    assert_eq!(england, Terms::default());
    for name in [
        "wales-core-group",
        "wales-resolution-tier1",
        "wales-resolution-tier2",
    ] {
        let t = shipped(name).terms;
        assert_eq!(t.plan, "Care and Support Protection Plan", "{name}");
        assert_eq!(t.register, "Child Protection Register");
        assert_eq!(t.outcomes, "personal outcomes");
        assert_eq!(t.lead_worker, "social worker");
        assert_ne!(t.plan, england.plan);
    }
    assert_eq!(
        shipped("wales-resolution-tier1").terms.meeting,
        "Tier 1 resolution meeting"
    );
    assert_eq!(
        shipped("wales-resolution-tier2").terms.meeting,
        "Tier 2 resolution meeting"
    );
    assert_eq!(
        shipped("core-group-monthly").terms.lead_worker,
        "key worker"
    );
}

#[test]
fn the_welsh_record_follows_the_guidance_order() {
    let a = shipped("wales-core-group");
    // §4 "Record of the Core Group Meeting": attendance, previous record, actions and progress
    // towards personal outcomes, evaluation, revisions and the work before the next meeting,
    // date of the next meeting.
    let order = [
        "attendance",
        "previous-record",
        "agency-progress",
        "evaluation",
        "plan-revisions",
        "next-meeting",
    ];
    let at: Vec<usize> = order
        .iter()
        .map(|k| {
            a.steps
                .iter()
                .position(|s| s.key() == *k)
                .unwrap_or_else(|| panic!("{k}"))
        })
        .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{at:?}");
    assert!(step(&a, "evaluation").required);
    assert!(
        a.steps
            .iter()
            .flat_map(|s| &s.prompts)
            .any(|p| p.contains("feigned compliance")),
        "feigned compliance is a prompt"
    );
    assert!(a.decisions.iter().any(|d| d.key == "start-resolution"));
    assert!(!a.family_details);
}

#[test]
fn the_welsh_agendas_carry_the_resolution_numbers() {
    let expected = ResolutionPolicy {
        trigger_after: Period::Months(15),
        trigger_review_conference: 3,
        tier1_within: Period::WorkingDays(10),
        core_group_after_tier1: Period::Weeks(6),
        tier2_after: Period::Weeks(12),
        tier2_within: Period::WorkingDays(10),
    };
    for name in [
        "wales-core-group",
        "wales-resolution-tier1",
        "wales-resolution-tier2",
    ] {
        assert_eq!(shipped(name).policy.resolution, Some(expected.clone()));
    }
    for name in ["core-group", "core-group-4-weekly", "core-group-monthly"] {
        assert_eq!(shipped(name).policy.resolution, None, "{name}");
    }
    // Only the Welsh case's status shows the resolution dates.
    let keys = |s: &Status| s.timescales.iter().any(|t| t.key == "resolution-trigger");
    assert!(keys(&status_under("wales-core-group")));
    assert!(!keys(&status_under("core-group")));
}

#[test]
fn resolution_meetings_follow_appendix_4_and_end_in_a_revised_plan() {
    use StepKind::*;
    for (name, role) in [
        ("wales-resolution-tier1", "team manager"),
        (
            "wales-resolution-tier2",
            "principal officer or service manager",
        ),
    ] {
        let a = shipped(name);
        assert_eq!(
            kinds(&a),
            [
                Introductions,
                Attendance,
                Notes,
                AgencyProgress,
                ChildViews,
                FamilyViews,
                Notes,
                PlanRevisions,
                Checklist,
                NextMeeting,
                Close
            ],
            "{name}"
        );
        assert!(step(&a, "plan-revisions").required);
        assert!(
            step(&a, "risk-analysis")
                .title
                .contains("protective factors")
        );
        assert!(step(&a, "communication").items.len() >= 4);
        assert!(a.family_details, "Appendix 5 opens with the family details");
        assert!(!a.policy.family_may_attend);
        assert!(!a.policy.social_worker_may_chair);
        assert_eq!(a.policy.chair_role.as_deref(), Some(role));
        assert_eq!(a.policy.meeting_interval, Period::Weeks(6));
    }
}

#[test]
fn the_first_core_group_plans_the_core_assessment() {
    let a = shipped("first-core-group");
    let ca = step(&a, "core-assessment");
    assert_eq!(ca.kind, StepKind::Checklist);
    assert!(ca.required);
    assert!(ca.items.iter().any(|i| i.contains("35 working days")));
    assert!(ca.items.iter().any(|i| i.contains("contribution")));
    assert!(step(&a, "outline-plan").required);
    assert!(step(&a, "plan-revisions").guidance.contains("contingency"));
    assert!(!kinds(&a).contains(&StepKind::PreviousRecord));
    assert_eq!(a.policy.core_assessment_within, Period::WorkingDays(35));
}

#[test]
fn a_welsh_case_shows_the_five_resolution_dates() {
    let s = status_under("wales-core-group");
    let keys: Vec<&str> = s
        .timescales
        .iter()
        .map(|t| t.key)
        .filter(|k| k.starts_with("resolution-"))
        .collect();
    assert_eq!(
        keys,
        [
            "resolution-trigger",
            "resolution-tier1-meeting",
            "resolution-core-group-after-tier1",
            "resolution-tier2-point",
            "resolution-tier2-meeting"
        ]
    );
    let trigger = find(&s, "resolution-trigger");
    let icpc = case()
        .key_dates
        .initial_conference
        .expect("example has one");
    assert!(trigger.due.is_some_and(|d| d <= icpc + Months::new(15)));
    assert!(
        trigger.detail.contains("15 months on the register"),
        "{}",
        trigger.detail
    );
}
