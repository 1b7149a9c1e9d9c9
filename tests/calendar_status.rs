//! A bank holiday of the case's division moves `status`'s working-day deadlines: Scotland's
//! World Cup bank holiday (Monday 15 June 2026), which the rules lacked until the second check
//! found it, pushes the minutes' deadline back a day in Scotland and nowhere else.

use chrono::NaiveDate;
use coregroup::domain::agenda::Policy;
use coregroup::domain::calendar::{Calendar, Division};
use coregroup::domain::example;
use coregroup::domain::status::{Status, status};
use coregroup::domain::timescale::{State, Timescale};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("test dates are valid")
}

/// The example case in `division`, its last core group held on Wednesday 10 June 2026 and its
/// minutes not yet circulated, as `status` sees it on `today`.
fn status_on(division: Division, today: NaiveDate) -> Status {
    let mut plan = example::plan(today);
    plan.case.division = division;
    let last = plan
        .key_dates
        .core_groups
        .last_mut()
        .expect("the example has held a core group");
    last.date = d(2026, 6, 10);
    last.minutes_circulated = None;
    last.agreements_returned = None;
    status(&plan, &Policy::default(), &Calendar::new(division), today)
}

fn timescale<'a>(status: &'a Status, key: &str) -> &'a Timescale {
    status
        .timescales
        .iter()
        .find(|t| t.key == key)
        .unwrap_or_else(|| panic!("no {key} timescale"))
}

#[test]
fn status_counts_the_world_cup_bank_holiday_in_scotland_only() {
    let today = d(2026, 6, 18);
    let scotland = status_on(Division::Scotland, today);
    let minutes = timescale(&scotland, "minutes-circulated");
    // 5 working days after Wednesday 10 June, skipping Monday 15th: Thursday 18th, due today.
    assert_eq!(minutes.due, Some(d(2026, 6, 18)));
    assert_eq!(minutes.state, State::DueSoon);
    assert!(
        minutes.detail.contains("World Cup bank holiday (15 Jun)"),
        "{}",
        minutes.detail
    );

    for division in [Division::EnglandAndWales, Division::NorthernIreland] {
        let elsewhere = status_on(division, today);
        let minutes = timescale(&elsewhere, "minutes-circulated");
        assert_eq!(minutes.due, Some(d(2026, 6, 17)), "{division}");
        assert_eq!(minutes.state, State::Overdue, "{division}");
        assert!(!minutes.detail.contains("World Cup"), "{}", minutes.detail);
    }
}
