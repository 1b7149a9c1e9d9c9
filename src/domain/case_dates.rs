//! The dates a core group sets running, worked out once from the case's facts. Every document,
//! email, letter, screen and `status` prints these values, so one fact never has two dates.

use chrono::NaiveDate;

use super::agenda::Policy;
use super::calendar::Calendar;
use super::period::{Due, Period};
use super::plan::Plan;

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
}
