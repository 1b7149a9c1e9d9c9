//! A local authority's caseload of fictional cases, for measuring speed: each case of a
//! realistic size (1–4 children, 6–14 members, 3–8 outcomes, 10–60 actions, 2–20 past meetings,
//! each meeting with the plan it left), its sizes and dates drawn from its number, so the same
//! number and day always give the same case. Every name is made up from word lists.

use chrono::{Days, NaiveDate, NaiveTime};

use super::calendar::Division;
use super::large_case::{AGENCIES, FIRST, LAST, name};
use super::meeting::*;
use super::plan::*;

/// One generated case: its plan as it stands, and each past meeting with the plan it left.
pub struct GeneratedCase {
    pub plan: Plan,
    pub meetings: Vec<(Meeting, Plan)>,
}

/// A small deterministic generator (SplitMix64): the case's sizes and scores from its number.
struct Draw(u64);

impl Draw {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number from `lo` to `hi`, both included.
    fn between(&mut self, lo: usize, hi: usize) -> usize {
        lo + (self.next() % (hi - lo + 1) as u64) as usize
    }
}

/// The `n`th case of the caseload, as on `today`.
pub fn case(n: usize, today: NaiveDate) -> GeneratedCase {
    let mut draw = Draw(n as u64 + 1);
    let children_n = draw.between(1, 4);
    let members_n = draw.between(6, 14);
    let outcomes_n = draw.between(3, 8);
    let actions_n = draw.between(10, 60);
    let meetings_n = draw.between(2, 20);
    // Some cases are behind: their last meeting was longer ago than the interval.
    let behind = draw.between(0, 60) as u64;
    let last_meeting = today - Days::new(7 + behind);
    let dates: Vec<NaiveDate> = (0..meetings_n)
        .map(|i| last_meeting - Days::new(42 * (meetings_n - 1 - i) as u64))
        .collect();
    let started = dates[0] - Days::new(10);
    let surname = LAST[n % LAST.len()];
    let children: Vec<Child> = (0..children_n)
        .map(|i| Child {
            id: format!("c{}", i + 1),
            name: format!("{} {surname}", FIRST[(n + i * 5) % FIRST.len()]),
            date_of_birth: Some(started - Days::new(365 * (1 + 3 * i as u64))),
            expected_date_of_birth: None,
            categories: vec![Category::Neglect],
            plan_started: started,
        })
        .collect();
    let members: Vec<Member> = (0..members_n)
        .map(|i| Member {
            privacy: Default::default(),
            id: format!("m{}", i + 1),
            name: if i < 2 {
                format!("{} {surname}", FIRST[(n + 7 + i) % FIRST.len()])
            } else {
                name(n * 3 + i)
            },
            role: match i {
                0 => "Mother".into(),
                1 => "Father".into(),
                2 => "Social worker".into(),
                _ => format!("Practitioner {}", i + 1),
            },
            agency: match i {
                0 | 1 => String::new(),
                2 => AGENCIES[0].into(),
                _ => AGENCIES[1 + i % (AGENCIES.len() - 1)].into(),
            },
            family: i < 2,
            email: Some(format!("m{}@example.org.uk", i + 1)),
            language: None,
            address: None,
            withhold_address: false,
            left: None,
        })
        .collect();
    let outcomes: Vec<Outcome> = (0..outcomes_n)
        .map(|i| Outcome {
            id: format!("o{}", i + 1),
            child: children[i % children_n].id.clone(),
            text: format!(
                "Outcome {}: the child's needs in this area are met every day.",
                i + 1
            ),
            origin: Origin::Conference,
            added: None,
        })
        .collect();
    // Each action is set at one meeting and due before the next.
    let actions: Vec<Action> = (0..actions_n)
        .map(|i| {
            let set = dates[i * meetings_n / actions_n];
            let status = match draw.between(0, 9) {
                0..=4 => ActionStatus::Achieved,
                5 => ActionStatus::NotAchieved,
                6 => ActionStatus::InProgress,
                _ => ActionStatus::NotStarted,
            };
            Action {
                privacy: Default::default(),
                id: format!("a{}", i + 1),
                outcome: format!("o{}", i % outcomes_n + 1),
                owner: Some(format!("m{}", i % members_n + 1)),
                what: format!(
                    "Action {}: visit, check and report back to the core group.",
                    i + 1
                ),
                due: Some(set + Days::new(28)),
                status,
                history: Vec::new(),
            }
        })
        .collect();
    let core_groups = dates
        .iter()
        .map(|d| CoreGroupHeld {
            date: *d,
            minutes_circulated: Some(*d + Days::new(draw.between(1, 9) as u64)),
            agreements_returned: Some(*d + Days::new(8)),
            chair: None,
            events_shown: Vec::new(),
        })
        .collect();
    let plan = Plan {
        format: Default::default(),
        case: CaseInfo {
            reference: format!("NM-CP-2026-{:04}", n + 1),
            local_authority: "Northmoor Borough Council".into(),
            division: Division::EnglandAndWales,
            agenda: default_agenda(),
            lead_worker: Some("m3".into()),
            family_address: Some(format!("{} Example Row, Northmoor", n + 1)),
            withhold_family_address: false,
        },
        children,
        members,
        outcomes,
        actions,
        key_dates: KeyDates {
            strategy_discussion: Some(started - Days::new(10)),
            initial_conference: Some(started),
            review_conferences: Vec::new(),
            next_core_group: None,
            next_review_conference: Some(today + Days::new(draw.between(0, 90) as u64)),
            core_groups,
            core_assessment_completed: Some(started + Days::new(30)),
            visits: (0..meetings_n * 2)
                .map(|i| Visit {
                    date: last_meeting - Days::new(21 * i as u64),
                    seen_alone: i % 2 == 1,
                    children: Vec::new(),
                })
                .collect(),
            resolution_requested: None,
            tier1_meeting: None,
            tier2_meeting: None,
        },
        contingency_plan: "Legal planning meeting if the plan is not working.".into(),
        child_seen_every: None,
    };
    let mut score: Vec<u8> = (0..outcomes_n).map(|_| draw.between(2, 5) as u8).collect();
    let meetings = dates
        .iter()
        .enumerate()
        .map(|(k, date)| {
            let mut m = Meeting::new(date.to_string(), default_agenda(), *date, &plan);
            m.details.time = NaiveTime::from_hms_opt(10, 0, 0);
            m.details.venue = "Northmoor Family Centre".into();
            m.details.chair = Some("m3".into());
            for (i, a) in m.attendance.iter_mut().enumerate() {
                let away = draw.between(0, 9) == 0;
                a.presence = Some(if away {
                    Presence::Apologies
                } else {
                    Presence::Present
                });
                a.written_update = away && i % 2 == 0;
            }
            for (i, s) in score.iter_mut().enumerate() {
                *s = (*s as i32 + draw.between(0, 3) as i32 - 1).clamp(0, 10) as u8;
                m.outcome_progress.push(OutcomeProgress {
                    outcome: format!("o{}", i + 1),
                    score: Some(*s),
                    note: "Reviewed with the family.".into(),
                    privacy: Default::default(),
                });
            }
            m.action_reviews = plan
                .actions
                .iter()
                .filter(|a| a.due.is_some_and(|d| d - Days::new(28) < *date))
                .map(|a| ActionReview {
                    action: a.id.clone(),
                    status: if a.status.is_open() || k + 1 < meetings_n {
                        ActionStatus::InProgress
                    } else {
                        a.status
                    },
                    note: String::new(),
                    privacy: Default::default(),
                })
                .collect();
            m.contributions = (0..members_n)
                .map(|i| Contribution {
                    id: format!("u{}", i + 1),
                    member: format!("m{}", i + 1),
                    text: format!("Update at meeting {}: steady progress.", k + 1),
                    tag: Some(Tag::Observation),
                    outcomes: Vec::new(),
                    privacy: Default::default(),
                })
                .collect();
            m.child_views.wishes_and_feelings = "Wants to stay at the same school.".into();
            m.next_meeting.date = Some(*date + Days::new(42));
            let mut left = plan.clone();
            left.key_dates.core_groups.truncate(k + 1);
            (m, left)
        })
        .collect();
    GeneratedCase { plan, meetings }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::validate::{Severity, validate};

    #[test]
    fn each_case_is_of_a_realistic_size_valid_and_the_same_each_time() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        let mut sizes = std::collections::BTreeSet::new();
        for n in 0..40 {
            let c = case(n, today);
            let p = &c.plan;
            assert!((1..=4).contains(&p.children.len()));
            assert!((6..=14).contains(&p.members.len()));
            assert!((3..=8).contains(&p.outcomes.len()));
            assert!((10..=60).contains(&p.actions.len()));
            assert!((2..=20).contains(&c.meetings.len()));
            assert_eq!(p.key_dates.core_groups.len(), c.meetings.len());
            let errors: Vec<_> = validate(p)
                .into_iter()
                .filter(|p| p.severity == Severity::Error)
                .collect();
            assert_eq!(errors, vec![], "case {n}");
            sizes.insert(c.meetings.len());
        }
        assert!(sizes.len() > 5, "sizes vary: {sizes:?}");
        assert_eq!(case(7, today).plan, case(7, today).plan);
    }
}
