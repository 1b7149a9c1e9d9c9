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
pub fn case(n: usize, today: NaiveDate, seed: u64) -> GeneratedCase {
    let mut draw = Draw((n as u64 + 1).wrapping_add(seed.wrapping_mul(0x2545_F491_4F6C_DD1D)));
    let children_n = draw.between(1, 4);
    let members_n = draw.between(6, 14);
    let outcomes_n = draw.between(3, 8);
    let actions_n = draw.between(10, 60);
    let meetings_n = draw.between(2, 20);
    // Most cases are on time; some are behind: their last meeting was longer ago than the
    // interval.
    let behind = if draw.between(0, 3) == 0 {
        draw.between(31, 70)
    } else {
        draw.between(0, 30)
    } as u64;
    let last_meeting = today - Days::new(7 + behind);
    let dates: Vec<NaiveDate> = (0..meetings_n)
        .map(|i| last_meeting - Days::new(42 * (meetings_n - 1 - i) as u64))
        .collect();
    let started = dates[0] - Days::new(10);
    // Review conferences three months after the first and every six months after that.
    let reviews: Vec<NaiveDate> =
        std::iter::successors(Some(started + Days::new(91)), |d| Some(*d + Days::new(182)))
            .take_while(|d| *d <= last_meeting)
            .collect();
    // Booked a little inside the six months.
    let next_review = reviews
        .last()
        .map_or(started + Days::new(84), |d| *d + Days::new(175));
    // A visit every ten days or so, the child seen alone at every third; in some cases not
    // alone for the last two months.
    let last_visit = today - Days::new(draw.between(1, 9) as u64);
    let alone_until = if draw.between(0, 6) == 0 {
        last_visit - Days::new(60)
    } else {
        last_visit
    };
    let visits: Vec<KeyVisit> = (0..)
        .map(|i| (i, last_visit - Days::new(10 * i as u64)))
        .take_while(|(_, d)| *d >= started)
        .map(|(i, date)| KeyVisit {
            date,
            by: None,
            seen_alone: i % 3 == 0 && date <= alone_until,
            children: Vec::new(),
            each: Vec::new(),
        })
        .collect();
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
            phone: None,
            title: None,
            preferred_name: None,
            language: None,
            address: None,
            withhold_address: false,
            joined: None,
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
            also_for: Vec::new(),
            added: None,
        })
        .collect();
    // Each action is set at one meeting, due before the next, and has a history of its own.
    // About a third of the cases go well: every outcome rising, no action carried or re-dated.
    let well = draw.between(0, 2) == 0;
    let fates: Vec<Fate> = (0..actions_n)
        .map(|i| Fate::draw(&mut draw, i * meetings_n / actions_n, well))
        .collect();
    let action_at = |i: usize, k: usize| -> Option<Action> {
        let f = &fates[i];
        let (status, due) = f.at(k, &dates)?;
        Some(Action {
            privacy: Default::default(),
            id: format!("a{}", i + 1),
            outcome: format!("o{}", i % outcomes_n + 1),
            owner: Some(format!("m{}", i % members_n + 1)),
            what: format!(
                "Action {}: visit, check and report back to the core group.",
                i + 1
            ),
            due: Some(due),
            status,
            history: Vec::new(),
        })
    };
    let core_groups: Vec<CoreGroupHeld> = dates
        .iter()
        .map(|d| CoreGroupHeld {
            date: *d,
            minutes_circulated: Some(
                *d + Days::new(draw.between(1, if well { 5 } else { 9 }) as u64),
            ),
            agreements_returned: Some(*d + Days::new(8)),
            chair: None,
            minute_taker: None,
            events_shown: Vec::new(),
        })
        .collect();
    let last = meetings_n - 1;
    let plan_at = |k: usize| Plan {
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
        children: children.clone(),
        members: members.clone(),
        outcomes: outcomes.clone(),
        actions: (0..actions_n).filter_map(|i| action_at(i, k)).collect(),
        key_dates: KeyDates {
            strategy_discussion: Some(started - Days::new(10)),
            initial_conference: Some(started),
            review_conferences: reviews
                .iter()
                .filter(|d| **d <= dates[k])
                .copied()
                .collect(),
            next_core_group: None,
            next_review_conference: Some(next_review),
            core_groups: core_groups[..=k].to_vec(),
            core_assessment_completed: Some(started + Days::new(30)),
            // Those after the last meeting are in its plan too: the log is not generated.
            visits: visits
                .iter()
                .filter(|v| k == last || v.date <= dates[k])
                .cloned()
                .collect(),
            resolution_requested: None,
            tier1_meeting: None,
            tier2_meeting: None,
        },
        contingency_plan: "Legal planning meeting if the plan is not working.".into(),
        child_seen_every: None,
        why: Default::default(),
        disagreements: Vec::new(),
    };
    let plan = plan_at(last);
    // Each outcome has a course: rising, stalling or falling, with a step now and then against it.
    let courses: Vec<i32> = (0..outcomes_n)
        .map(|_| match draw.between(0, 19) {
            _ if well => 1,
            0..=10 => 1,
            11..=15 => 0,
            _ => -1,
        })
        .collect();
    let mut score: Vec<u8> = (0..outcomes_n).map(|_| draw.between(1, 4) as u8).collect();
    // Most members come nearly always; in some cases one agency often sends apologies.
    let often_away = (draw.between(0, 2) == 0).then(|| draw.between(2, members_n - 1));
    let meetings = dates
        .iter()
        .enumerate()
        .map(|(k, date)| {
            let mut m = Meeting::new(date.to_string(), default_agenda(), *date, &plan);
            m.details.time = NaiveTime::from_hms_opt(10, 0, 0);
            m.details.venue = "Northmoor Family Centre".into();
            m.details.chair = Some("m3".into());
            for (i, a) in m.attendance.iter_mut().enumerate() {
                let away = if often_away == Some(i) {
                    draw.between(0, 1) == 0
                } else {
                    draw.between(0, 11) == 0
                };
                a.presence = Some(if away {
                    Presence::Apologies
                } else {
                    Presence::Present
                });
                a.written_update = away && draw.between(0, 1) == 0;
            }
            for (i, s) in score.iter_mut().enumerate() {
                // An outcome scored 10 is met: the meetings after it no longer score it.
                if k > 0 && *s == 10 {
                    continue;
                }
                if k > 0 {
                    let step = match draw.between(0, 9) {
                        _ if well => 1,
                        0..=6 => courses[i],
                        7 => 0,
                        8 => 1,
                        _ => -1,
                    };
                    *s = (*s as i32 + step).clamp(0, 10) as u8;
                }
                m.outcome_progress.push(OutcomeProgress {
                    outcome: format!("o{}", i + 1),
                    score: Some(*s),
                    note: "Reviewed with the family.".into(),
                    privacy: Default::default(),
                });
            }
            // Every action set at an earlier meeting and not settled before this one.
            m.action_reviews = (0..actions_n)
                .filter(|i| fates[*i].reviewed_at(k))
                .filter_map(|i| action_at(i, k))
                .map(|a| ActionReview {
                    action: a.id,
                    status: a.status,
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
            (m, plan_at(k))
        })
        .collect();
    GeneratedCase { plan, meetings }
}

/// What becomes of one action: set at one meeting, reviewed at the next ones until it is
/// settled (most within one to three meetings; some carried on for longer, some re-dated).
struct Fate {
    /// The meeting it was set at.
    set: usize,
    /// How many meetings review it before it is settled (the last of them settles it).
    settled_after: usize,
    settled: ActionStatus,
    /// The reviews (counted from 1) at which its due date was moved on.
    redated: Vec<usize>,
    /// Whether the reviews before it is settled call it not achieved rather than in progress.
    behind: bool,
}

impl Fate {
    fn draw(draw: &mut Draw, set: usize, well: bool) -> Fate {
        let (settled_after, redates, behind) = match draw.between(0, if well { 15 } else { 19 }) {
            // Achieved within one to three meetings, most at the first or second.
            0..=15 => ([1, 1, 1, 2, 2, 3][draw.between(0, 5)], 0, false),
            // Carried on unachieved.
            16..=17 => (draw.between(3, 5), 0, draw.between(0, 1) == 0),
            // Re-dated once or more.
            _ => (draw.between(2, 4), draw.between(1, 2), false),
        };
        let mut redated: Vec<usize> = (0..redates)
            .map(|_| draw.between(1, settled_after.saturating_sub(1).max(1)))
            .collect();
        redated.sort_unstable();
        redated.dedup();
        let settled = if draw.between(0, 9) == 0 {
            ActionStatus::NoLongerNeeded
        } else {
            ActionStatus::Achieved
        };
        Fate {
            set,
            settled_after,
            settled,
            redated,
            behind,
        }
    }

    /// Whether the meeting `k` reviews it: set earlier, not settled before.
    fn reviewed_at(&self, k: usize) -> bool {
        k > self.set && k - self.set <= self.settled_after
    }

    /// Its status and due date in the plan the meeting `k` left (`None` before it was set).
    fn at(&self, k: usize, dates: &[NaiveDate]) -> Option<(ActionStatus, NaiveDate)> {
        let j = k.checked_sub(self.set)?;
        let status = if j == 0 {
            ActionStatus::NotStarted
        } else if j >= self.settled_after {
            self.settled
        } else if self.behind {
            ActionStatus::NotAchieved
        } else {
            ActionStatus::InProgress
        };
        let moved = self.redated.iter().filter(|r| **r <= j).max().copied();
        let from = dates[self.set + moved.unwrap_or(0).min(j)];
        Some((status, from + Days::new(28)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::validate::{Severity, validate};

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
    }

    #[test]
    fn each_case_is_of_a_realistic_size_valid_and_the_same_each_time() {
        let mut sizes = std::collections::BTreeSet::new();
        for n in 0..40 {
            let c = case(n, today(), 1);
            let p = &c.plan;
            assert!((1..=4).contains(&p.children.len()));
            assert!((6..=14).contains(&p.members.len()));
            assert!((3..=8).contains(&p.outcomes.len()));
            assert!((10..=60).contains(&p.actions.len()));
            assert!((2..=20).contains(&c.meetings.len()));
            assert_eq!(p.key_dates.core_groups.len(), c.meetings.len());
            for (_, left) in &c.meetings {
                let errors: Vec<_> = validate(left)
                    .into_iter()
                    .filter(|p| p.severity == Severity::Error)
                    .collect();
                assert_eq!(errors, vec![], "case {n}");
            }
            assert_eq!(
                &c.meetings.last().unwrap().1,
                p,
                "the plan is the last one left"
            );
            sizes.insert(c.meetings.len());
        }
        assert!(sizes.len() > 5, "sizes vary: {sizes:?}");
        assert_eq!(case(7, today(), 1).plan, case(7, today(), 1).plan);
        assert_eq!(case(7, today(), 1).meetings, case(7, today(), 1).meetings);
        assert_ne!(case(7, today(), 1).meetings, case(7, today(), 2).meetings);
    }

    /// Over a caseload, actions and scores go as real ones do: most actions settled within one
    /// to three meetings, some carried on, some re-dated; scores that rise, stall and fall.
    #[test]
    fn the_histories_vary_as_real_ones_do() {
        let (mut settled, mut quick, mut carried, mut redated) = (0, 0, 0, 0);
        let (mut rising, mut flat, mut falling) = (0, 0, 0);
        for n in 0..60 {
            let c = case(n, today(), 1);
            let reviews = |id: &str| -> Vec<ActionStatus> {
                c.meetings
                    .iter()
                    .filter_map(|(m, _)| m.action_reviews.iter().find(|r| r.action == id))
                    .map(|r| r.status)
                    .collect()
            };
            for a in &c.plan.actions {
                let seen = reviews(&a.id);
                if let Some(last) = seen.last()
                    && !last.is_open()
                    && *last != ActionStatus::NotAchieved
                {
                    settled += 1;
                    quick += usize::from(seen.len() <= 3);
                }
                let unachieved = seen
                    .iter()
                    .filter(|s| s.is_open() || **s == ActionStatus::NotAchieved)
                    .count();
                carried += usize::from(unachieved >= 3);
                let mut dues: Vec<_> = c
                    .meetings
                    .iter()
                    .filter_map(|(_, p)| p.action(&a.id).and_then(|x| x.due))
                    .collect();
                dues.dedup();
                redated += usize::from(dues.len() > 1);
            }
            for o in &c.plan.outcomes {
                let scores: Vec<u8> = c
                    .meetings
                    .iter()
                    .filter_map(|(m, _)| {
                        m.outcome_progress.iter().find(|p| p.outcome == o.id)?.score
                    })
                    .collect();
                let (first, last) = (scores[0], *scores.last().unwrap());
                match last.cmp(&first) {
                    std::cmp::Ordering::Greater => rising += 1,
                    std::cmp::Ordering::Equal => flat += 1,
                    std::cmp::Ordering::Less => falling += 1,
                }
            }
        }
        assert!(settled > 500, "{settled}");
        assert!(
            quick * 10 >= settled * 6,
            "most settled within 3: {quick} of {settled}"
        );
        assert!(
            carried > 50 && redated > 50,
            "carried {carried}, re-dated {redated}"
        );
        assert!(
            rising > flat && flat > 0 && falling > 0,
            "{rising} {flat} {falling}"
        );
    }
}
