//! The dates a core group sets running, worked out once from the case's facts. Every document,
//! email, letter, screen and `status` prints these values, so one fact never has two dates.

use chrono::NaiveDate;

use super::agenda::Policy;
use super::calendar::Calendar;
use super::period::{Due, Period};
use super::plan::{Child, Plan};
use super::visits;

/// The policy numbers the dates count by: from the agenda's policy, or from the snapshot a
/// meeting's record keeps of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Timescales {
    pub minutes_circulated_within: Period,
    pub agreement_returned_within: Period,
    pub meeting_interval: Period,
}

impl From<&Policy> for Timescales {
    fn from(p: &Policy) -> Self {
        Timescales {
            minutes_circulated_within: p.minutes_circulated_within,
            agreement_returned_within: p.agreement_returned_within,
            meeting_interval: p.meeting_interval,
        }
    }
}

/// The dates one core group sets running.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MeetingDates {
    pub held: NaiveDate,
    /// When the minutes and plan must be out.
    pub circulate_by: Due,
    /// When they first went out, once logged.
    pub circulated: Option<NaiveDate>,
    /// The day the agreement's period counts from: the first circulation, or the day the
    /// minutes were due out while they have not gone.
    pub agreements_from: NaiveDate,
    /// When the signed written agreements are to be back.
    pub agreements_by: Due,
    /// The latest day the next core group may be held.
    pub next_meeting_by: Due,
}

impl MeetingDates {
    /// Whether the minutes went out after they were due.
    pub fn circulated_late(&self) -> bool {
        self.circulated
            .is_some_and(|c| c > self.circulate_by.in_practice())
    }
}

/// What one issue of a meeting's documents says of a day something was to be done by (the
/// minutes and plan circulated, the signed written agreements back): asked for while that day
/// is still to come on the day of the issue, said as past once it has gone. Every document of
/// one issue (the covering email or letter, the minutes, the family's copy, the plan and their
/// agreement pages) words each such day from this one decision.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DueAsIssued {
    /// Still to come: "are to be circulated by", "please give it back by" the day.
    By(NaiveDate),
    /// Gone by the day of the issue: "were due to be circulated by", "it was due back by" the
    /// day.
    WasDue(NaiveDate),
}

/// [`DueAsIssued`] for a day `due`, in an issue going out on `issued` (`None`: a draft, not
/// yet circulated, which asks for the day).
pub fn as_issued(due: NaiveDate, issued: Option<NaiveDate>) -> DueAsIssued {
    match issued {
        Some(day) if day > due => DueAsIssued::WasDue(due),
        _ => DueAsIssued::By(due),
    }
}

impl DueAsIssued {
    /// The day it was due, past or not.
    pub fn day(self) -> NaiveDate {
        match self {
            DueAsIssued::By(d) | DueAsIssued::WasDue(d) => d,
        }
    }
}

/// When the minutes of the core group held on `held` first went out: the earliest of what the
/// plan records and the log's circulations (`current` is the plan with the log applied), or
/// `now` when they are going out for the first time.
pub fn first_circulated(
    current: &Plan,
    held: NaiveDate,
    now: Option<NaiveDate>,
) -> Option<NaiveDate> {
    current
        .key_dates
        .core_groups
        .iter()
        .filter(|g| g.date == held)
        .filter_map(|g| g.minutes_circulated)
        .chain(now)
        .min()
}

/// The dates of a core group held on `held` whose minutes first went out on `circulated`.
/// "Signed written agreement returned: 5 further working days" counts from the circulation that
/// happened, or from the day it was due while it has not.
pub fn meeting_dates(
    held: NaiveDate,
    circulated: Option<NaiveDate>,
    t: Timescales,
    cal: &Calendar,
) -> MeetingDates {
    let circulate_by = t.minutes_circulated_within.due_from(held, cal);
    let agreements_from = circulated.unwrap_or_else(|| circulate_by.in_practice());
    MeetingDates {
        held,
        agreements_by: t.agreement_returned_within.due_from(agreements_from, cal),
        next_meeting_by: t.meeting_interval.due_from(held, cal),
        circulate_by,
        circulated,
        agreements_from,
    }
}

/// When the next review conference is due: the latest day the rules allow, counted from the
/// last review conference held (or the initial conference, or for a pre-birth plan the expected
/// birth), and the day booked for it, if one is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReviewDue {
    /// The day the period counts from, and what it is.
    pub from: Option<(NaiveDate, &'static str)>,
    pub period: Period,
    pub due: Option<Due>,
    pub booked: Option<NaiveDate>,
}

impl ReviewDue {
    /// The day it must be held by: the booked day when that comes first, else the latest day
    /// the rules allow.
    pub fn by(&self) -> Option<NaiveDate> {
        match (self.due.as_ref().map(|d| d.date), self.booked) {
            (Some(r), Some(b)) => Some(r.min(b)),
            (r, b) => r.or(b),
        }
    }
}

/// The day the first review conference counts from: the expected birth of a child not yet
/// born, else the initial conference.
pub fn first_review_from(plan: &Plan) -> Option<(NaiveDate, &'static str)> {
    let unborn = plan
        .children
        .iter()
        .filter(|c| c.date_of_birth.is_none())
        .find_map(|c| c.expected_date_of_birth);
    match unborn {
        Some(edd) => Some((edd, "the expected birth")),
        None => plan
            .key_dates
            .initial_conference
            .map(|d| (d, "the initial conference")),
    }
}

/// The review conference a core group held on `held` is the last before, when the next core
/// group would fall on or after it (the latest day the interval allows): the core group then
/// records its recommendation to it. `None` when another core group comes first, or no review
/// conference is known.
pub fn last_before_review(
    plan: &Plan,
    policy: &Policy,
    cal: &Calendar,
    held: NaiveDate,
) -> Option<NaiveDate> {
    // The day it must in practice be held by: the day booked, or the last working day.
    let r = review_due(plan, policy, cal);
    let review = r
        .booked
        .into_iter()
        .chain(r.due.as_ref().map(Due::in_practice))
        .min()?;
    let next = policy.meeting_interval.due_from(held, cal).in_practice();
    (held <= review && next >= review).then_some(review)
}

/// The next review conference of `plan` (the plan as the log leaves it).
pub fn review_due(plan: &Plan, policy: &Policy, cal: &Calendar) -> ReviewDue {
    let kd = &plan.key_dates;
    let (from, period) = match kd.review_conferences.iter().max() {
        Some(d) => (
            Some((*d, "the last review conference")),
            policy.later_reviews_within,
        ),
        None => (first_review_from(plan), policy.first_review_within),
    };
    ReviewDue {
        from,
        period,
        due: from.map(|(d, _)| period.due_from(d, cal)),
        booked: kd.next_review_conference,
    }
}

/// When a child must next be seen by the lead worker (alone, when `alone`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VisitDue {
    /// The last time the lead worker saw the child (alone, when `alone`).
    pub last: Option<NaiveDate>,
    /// The day the period counts from: the last visit, or the initial conference.
    pub from: Option<(NaiveDate, &'static str)>,
    pub period: Period,
    pub due: Option<Due>,
    /// Why the child is not expected to be seen alone (too young, not yet born): then nothing
    /// is due.
    pub not_expected: Option<String>,
}

/// The period between visits (alone, when `alone`): the plan's own, else the policy's; `None`
/// when the policy sets no period for being seen alone.
pub fn visit_period(plan: &Plan, policy: &Policy, alone: bool) -> Option<Period> {
    if alone {
        policy.child_seen_alone_every
    } else {
        Some(plan.child_seen_every.unwrap_or(policy.child_seen_every))
    }
}

/// When `child` must next be seen (alone, when `alone`) on `today`, from the visits of `plan`
/// (the plan as the log leaves it) that count toward the lead worker's.
pub fn visit_due(
    plan: &Plan,
    policy: &Policy,
    cal: &Calendar,
    child: &Child,
    alone: bool,
    today: NaiveDate,
) -> VisitDue {
    let period = visit_period(plan, policy, alone).unwrap_or(policy.child_seen_every);
    let last = visits::last_seen(plan, policy.into(), child, alone, None);
    let not_expected = alone
        .then(|| visits::not_expected_alone(plan, policy.into(), child, today))
        .flatten();
    let what = if alone {
        "the child was last seen alone"
    } else {
        "the last visit"
    };
    let from = last
        .map(|d| (d, what))
        .or(plan
            .key_dates
            .initial_conference
            .map(|d| (d, "the initial conference")))
        .or(Some((child.plan_started, "the start of the plan")));
    VisitDue {
        last,
        from,
        period,
        due: match (&not_expected, from) {
            (None, Some((d, _))) => Some(period.due_from(d, cal)),
            _ => None,
        },
        not_expected,
    }
}

/// When a case without children on its plan must next be seen: from any visit of the lead
/// worker's.
pub fn visit_due_without_children(
    plan: &Plan,
    policy: &Policy,
    cal: &Calendar,
    alone: bool,
) -> VisitDue {
    let period = visit_period(plan, policy, alone).unwrap_or(policy.child_seen_every);
    let last = plan
        .key_dates
        .visits
        .iter()
        .filter(|v| visits::counts(plan, policy.into(), v.by.as_deref()))
        .filter(|v| !alone || v.seen_alone)
        .map(|v| v.date)
        .max();
    let what = if alone {
        "the child was last seen alone"
    } else {
        "the last visit"
    };
    let from = last.map(|d| (d, what)).or(plan
        .key_dates
        .initial_conference
        .map(|d| (d, "the initial conference")));
    VisitDue {
        last,
        from,
        period,
        due: from.map(|(d, _)| period.due_from(d, cal)),
        not_expected: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::Division;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn t() -> Timescales {
        Timescales {
            minutes_circulated_within: Period::WorkingDays(5),
            agreement_returned_within: Period::WorkingDays(5),
            meeting_interval: Period::Weeks(6),
        }
    }

    #[test]
    fn an_issue_after_the_return_day_says_it_was_due() {
        let due = d("2026-11-06");
        assert_eq!(as_issued(due, None), DueAsIssued::By(due));
        assert_eq!(as_issued(due, Some(d("2026-11-05"))), DueAsIssued::By(due));
        // On the day itself it is still asked for.
        assert_eq!(as_issued(due, Some(due)), DueAsIssued::By(due));
        assert_eq!(
            as_issued(due, Some(d("2026-12-07"))),
            DueAsIssued::WasDue(due)
        );
    }

    #[test]
    fn agreements_count_from_the_circulation_that_happened() {
        let cal = Calendar::new(Division::EnglandAndWales);
        let on_time = meeting_dates(d("2026-10-15"), None, t(), &cal);
        assert_eq!(on_time.circulate_by.date, d("2026-10-22"));
        assert_eq!(on_time.agreements_by.date, d("2026-10-29"));
        let late = meeting_dates(d("2026-10-15"), Some(d("2026-11-02")), t(), &cal);
        assert!(late.circulated_late());
        assert_eq!(late.agreements_by.date, d("2026-11-09"));
        assert_eq!(late.next_meeting_by.date, d("2026-11-26"));
    }

    #[test]
    fn the_core_group_whose_next_would_come_after_the_review_is_the_last_before_it() {
        let plan = crate::domain::example::plan(NaiveDate::from_ymd_opt(2026, 12, 7).unwrap());
        let policy = Policy::default();
        let cal = Calendar::new(crate::domain::calendar::Division::EnglandAndWales);
        // The example's review conference is due by Fri 15 Jan 2027; core groups are 6 weeks
        // apart at most.
        let review = review_due(&plan, &policy, &cal).due.unwrap().in_practice();
        let day = |s: &str| s.parse::<NaiveDate>().unwrap();
        assert_eq!(
            last_before_review(&plan, &policy, &cal, day("2026-12-09")),
            Some(review)
        );
        assert_eq!(
            last_before_review(&plan, &policy, &cal, day("2026-11-20")),
            None
        );
        assert_eq!(
            last_before_review(&plan, &policy, &cal, day("2027-02-01")),
            None
        );
    }
}
