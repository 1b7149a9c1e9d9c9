//! A statutory timescale judged on a day: its due date, counted by the division's working-day
//! calendar, and whether it was met, is on track, due soon or overdue. `status` judges every
//! timescale of a case with it, and the Welsh resolution process its own.

use chrono::NaiveDate;
use serde::Serialize;

use super::calendar::{Calendar, Holiday};
use super::period::{Due, Period};

/// How close a deadline is, or whether it was met.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum State {
    /// Done on or before the deadline.
    Met,
    /// Done, but after the deadline.
    MetLate,
    OnTrack,
    /// Within [`DUE_SOON_WORKING_DAYS`] working days.
    DueSoon,
    Overdue,
    /// Cannot be worked out yet (the date it counts from is missing).
    Unknown,
}

impl State {
    pub fn label(self) -> &'static str {
        match self {
            State::Met => "met",
            State::MetLate => "met late",
            State::OnTrack => "on track",
            State::DueSoon => "due soon",
            State::Overdue => "overdue",
            State::Unknown => "unknown",
        }
    }
}

/// A deadline this close (in working days) is "due soon".
pub const DUE_SOON_WORKING_DAYS: i64 = 5;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Timescale {
    /// Fixed key, documented in the README (`next-core-group`, ...).
    pub key: &'static str,
    pub label: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
    /// When a calendar deadline falls on a weekend or holiday: the last working day before it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub latest_working_day: Option<NaiveDate>,
    pub state: State,
    /// What the deadline counts from and what happened, in words.
    pub detail: String,
}

/// Judges one deadline against the day it was done (if it was) and today.
pub struct Judge<'a> {
    pub cal: &'a Calendar,
    pub today: NaiveDate,
}

impl Judge<'_> {
    pub fn state(&self, due: NaiveDate, done: Option<NaiveDate>) -> State {
        match done {
            Some(d) if d <= due => State::Met,
            Some(_) => State::MetLate,
            None if due < self.today => State::Overdue,
            None if self.cal.working_days_between(self.today, due) <= DUE_SOON_WORKING_DAYS => {
                State::DueSoon
            }
            None => State::OnTrack,
        }
    }

    /// A timescale counted `period` from `from`, done on `done`.
    pub fn timescale(
        &self,
        key: &'static str,
        label: impl Into<String>,
        from: Option<(NaiveDate, &str)>,
        period: Period,
        done: Option<NaiveDate>,
    ) -> Timescale {
        let label = label.into();
        let Some((from, from_what)) = from else {
            return Timescale {
                key,
                label,
                due: None,
                latest_working_day: None,
                state: State::Unknown,
                detail: "the date it counts from is not recorded".into(),
            };
        };
        self.judged(
            key,
            label,
            (from, from_what),
            period,
            period.due_from(from, self.cal),
            done,
        )
    }

    /// A timescale whose due date was worked out already (by [`super::case_dates`]).
    pub fn judged(
        &self,
        key: &'static str,
        label: impl Into<String>,
        (from, from_what): (NaiveDate, &str),
        period: Period,
        due: Due,
        done: Option<NaiveDate>,
    ) -> Timescale {
        let label = label.into();
        let Due {
            date,
            latest_working_day,
            skipped,
        } = due;
        let state = self.state(date, done);
        let mut detail = format!(
            "{period} after {from_what} ({})",
            from.format("%a %-d %b %Y")
        );
        if !skipped.is_empty() {
            detail.push_str(&format!("; skips {}", holiday_list(&skipped)));
        }
        if let Some(d) = done {
            detail.push_str(&format!("; done {}", d.format("%a %-d %b %Y")));
        }
        Timescale {
            key,
            label,
            due: Some(date),
            latest_working_day,
            state,
            detail,
        }
    }
}

fn holiday_list(h: &[Holiday]) -> String {
    h.iter()
        .map(|h| format!("{} ({})", h.title, h.date.format("%-d %b")))
        .collect::<Vec<_>>()
        .join(", ")
}
