//! A large fictional case for measuring speed: a long-running plan for four siblings with forty
//! members, sixty outcomes, five thousand actions with histories and 120 past meetings.
//! Deterministic: the same day gives the same case. Every name is made up from word lists.

use chrono::{Days, NaiveDate, NaiveTime};

use super::calendar::Division;
use super::meeting::*;
use super::plan::*;
use super::privacy::Privacy;

pub const CHILDREN: usize = 4;
pub const MEMBERS: usize = 40;
pub const OUTCOMES: usize = 60;
pub const ACTIONS: usize = 5000;
pub const MEETINGS: usize = 120;

pub(super) const FIRST: [&str; 16] = [
    "Ada", "Bryn", "Cora", "Dev", "Elin", "Finn", "Gwen", "Hari", "Isla", "Jory", "Kit", "Lowri",
    "Milo", "Nia", "Otto", "Pia",
];
pub(super) const LAST: [&str; 10] = [
    "Ashgrove",
    "Brackley",
    "Cotterell",
    "Dunmore",
    "Elsworth",
    "Fairlie",
    "Glenholm",
    "Hartwell",
    "Inchcape",
    "Juniper",
];
pub(super) const AGENCIES: [&str; 8] = [
    "Northmoor Children's Services",
    "Northmoor Primary School",
    "Northmoor Community Health",
    "Hillside Surgery",
    "Northmoor Police",
    "Compass Recovery Service",
    "Northmoor Housing",
    "Family Support Team",
];

pub(super) fn name(i: usize) -> String {
    format!(
        "{} {}",
        FIRST[i % FIRST.len()],
        LAST[(i / FIRST.len()) % LAST.len()]
    )
}

/// The large case's plan, with the plan started `MEETINGS * 6` weeks before `today`.
pub fn plan(today: NaiveDate) -> Plan {
    let started = today - Days::new((MEETINGS as u64) * 42 + 14);
    let children: Vec<Child> = (0..CHILDREN)
        .map(|i| Child {
            id: format!("child{}", i + 1),
            name: format!("{} Quarrendon", FIRST[(i * 5) % FIRST.len()]),
            date_of_birth: Some(started - Days::new(365 * (2 + 3 * i as u64))),
            expected_date_of_birth: None,
            categories: vec![Category::Neglect, Category::Emotional],
            plan_started: started,
        })
        .collect();
    let members: Vec<Member> = (0..MEMBERS)
        .map(|i| Member {
            privacy: Default::default(),
            id: format!("m{}", i + 1),
            name: name(i),
            role: if i < 2 {
                "Parent".into()
            } else {
                format!("Practitioner {}", i + 1)
            },
            agency: if i < 2 {
                String::new()
            } else {
                AGENCIES[i % AGENCIES.len()].into()
            },
            family: i < 2,
            email: Some(format!("m{}@example.org.uk", i + 1)),
            phone: None,
            title: None,
            preferred_name: None,
            language: None,
            address: None,
            withhold_address: i == 0,
            joined: None,
            left: None,
        })
        .collect();
    let outcomes: Vec<Outcome> = (0..OUTCOMES)
        .map(|i| Outcome {
            id: format!("o{}", i + 1),
            also_for: Vec::new(),
            child: children[i % CHILDREN].id.clone(),
            text: format!(
                "Outcome {} for {}: the child's needs in this area are met every day.",
                i + 1,
                children[i % CHILDREN].name
            ),
            origin: if i < 20 {
                Origin::Conference
            } else {
                Origin::CoreGroup
            },
            added: (i >= 20).then(|| started + Days::new(42 * (i as u64 - 19))),
        })
        .collect();
    let actions: Vec<Action> = (0..ACTIONS)
        .map(|i| {
            let set = started + Days::new((i as u64 * 42 * MEETINGS as u64) / ACTIONS as u64);
            let due = set + Days::new(28);
            let status = match i % 10 {
                0..=5 => ActionStatus::Achieved,
                6 => ActionStatus::NotAchieved,
                7 => ActionStatus::NoLongerNeeded,
                8 => ActionStatus::InProgress,
                _ => ActionStatus::NotStarted,
            };
            let status = if due < today {
                status
            } else {
                ActionStatus::InProgress
            };
            Action {
                privacy: Default::default(),
                id: format!("a{}", i + 1),
                outcome: format!("o{}", i % OUTCOMES + 1),
                owner: Some(format!("m{}", i % MEMBERS + 1)),
                what: format!(
                    "Action {}: visit, check and report back to the core group on progress.",
                    i + 1
                ),
                due: Some(due),
                status,
                history: vec![
                    ActionUpdate {
                        privacy: Default::default(),
                        date: set + Days::new(14),
                        status: ActionStatus::InProgress,
                        by: None,
                        changed: Vec::new(),
                        made: Default::default(),
                        note: "Started.".into(),
                    },
                    ActionUpdate {
                        privacy: Default::default(),
                        date: set + Days::new(42),
                        status,
                        note: "Reviewed at the core group.".into(),
                        by: None,
                        changed: Vec::new(),
                        made: Default::default(),
                    },
                ]
                .into_iter()
                .filter(|u| u.date <= today)
                .collect(),
            }
        })
        .collect();
    let core_groups = meeting_dates(today)
        .into_iter()
        .map(|date| CoreGroupHeld {
            date,
            minutes_circulated: Some(date + Days::new(3)),
            agreements_returned: Some(date + Days::new(8)),
            chair: Some(name(2)),
            minute_taker: None,
            events_shown: Vec::new(),
        })
        .collect();
    Plan {
        format: Default::default(),
        case: CaseInfo {
            reference: "NM-CP-2012-0001".into(),
            local_authority: "Northmoor Borough Council".into(),
            division: Division::EnglandAndWales,
            agenda: default_agenda(),
            lead_worker: Some("m3".into()),
            family_address: Some("1 Example Row, Northmoor NM1 1AA".into()),
            withhold_family_address: true,
        },
        children,
        members,
        outcomes,
        actions,
        key_dates: KeyDates {
            strategy_discussion: Some(started - Days::new(14)),
            initial_conference: Some(started),
            review_conferences: (1..=(MEETINGS as u64 * 42 / 182))
                .map(|i| started + Days::new(182 * i))
                .collect(),
            next_review_conference: None,
            core_groups,
            next_core_group: None,
            core_assessment_completed: Some(started + Days::new(40)),
            visits: (0..200)
                .map(|i| KeyVisit {
                    date: today - Days::new(28 * (200 - i)),
                    seen_alone: i % 2 == 0,
                    children: Vec::new(),
                    by: None,
                    each: Vec::new(),
                })
                .collect(),
            resolution_requested: None,
            tier1_meeting: None,
            tier2_meeting: None,
        },
        contingency_plan: "Legal planning meeting if the plan is not working.".into(),
        child_seen_every: None,
        why: Default::default(),
        disagreements: Vec::new(),
    }
}

fn meeting_dates(today: NaiveDate) -> Vec<NaiveDate> {
    (0..MEETINGS)
        .map(|i| today - Days::new(42 * (MEETINGS - i) as u64))
        .collect()
}

/// The records of the 120 past meetings.
pub fn meetings(today: NaiveDate, plan: &Plan) -> Vec<Meeting> {
    meeting_dates(today)
        .into_iter()
        .enumerate()
        .map(|(n, date)| {
            let mut m = Meeting::new(
                date.format("%Y-%m-%d").to_string(),
                default_agenda(),
                date,
                plan,
            );
            m.details.time = NaiveTime::from_hms_opt(10, 0, 0);
            m.details.venue = "Northmoor Family Centre".into();
            m.details.chair = Some("m3".into());
            for (i, a) in m.attendance.iter_mut().enumerate() {
                a.presence = Some(if i % 7 == 6 {
                    Presence::Apologies
                } else {
                    Presence::Present
                });
                a.written_update = i % 7 == 6;
            }
            m.contributions = (0..MEMBERS)
                .map(|i| Contribution {
                    id: format!("c{}", i + 1),
                    member: format!("m{}", i + 1),
                    text: format!("Update {} at meeting {}: steady progress.", i + 1, n + 1),
                    tag: Some(Tag::Observation),
                    outcomes: Vec::new(),
                    privacy: Privacy::marked(i == 4),
                })
                .collect();
            m.child_views.wishes_and_feelings = "Wants to stay at the same school.".into();
            m.next_meeting.date = Some(date + Days::new(42));
            m
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::validate::{Severity, validate};

    #[test]
    fn the_large_case_has_the_promised_size_and_is_valid() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        let p = plan(today);
        assert_eq!(p.children.len(), CHILDREN);
        assert_eq!(p.members.len(), MEMBERS);
        assert_eq!(p.outcomes.len(), OUTCOMES);
        assert_eq!(p.actions.len(), ACTIONS);
        assert_eq!(p.key_dates.core_groups.len(), MEETINGS);
        let errors: Vec<_> = validate(&p)
            .into_iter()
            .filter(|p| p.severity == Severity::Error)
            .collect();
        assert_eq!(errors, vec![]);
        assert_eq!(meetings(today, &p).len(), MEETINGS);
    }
}
