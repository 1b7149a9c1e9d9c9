//! The minutes' times: the end is never before the start, and both can be corrected at the close.

use chrono::{NaiveDate, NaiveTime, TimeZone};
use coregroup::cases::close::close_meeting;
use coregroup::cases::new_case::create_case;
use coregroup::domain::meeting::{Change, Details};
use coregroup::store::journal::{self, Header};
use coregroup::store::meeting_files::Before;
use coregroup::store::{CaseFolder, MeetingStore};

mod common;

const MEETING: &str = "2026-11-24";

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
}

/// Close a meeting whose start was typed as 10:00 (and its end as `end`), at 04:32 by the clock
/// of the day after the meeting's: what the close says, and the minutes if it wrote them.
fn close_at_half_past_four(end: Option<NaiveTime>) -> (Result<String, String>, Option<String>) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    create_case(&root, true, today()).unwrap();
    let case = CaseFolder::open(&root).unwrap();
    let (before, read_from) = case.open_plan().unwrap();
    let header = Header::new(MEETING, "core-group", today(), &before.case.reference);
    let mut store = MeetingStore::create(&case, header).unwrap();
    store
        .record(&Change::Details(Details {
            date: Some(today()),
            time: NaiveTime::from_hms_opt(10, 0, 0),
            end_time: end,
            chair: Some("sw".into()),
            ..Details::default()
        }))
        .unwrap();
    store.sync().unwrap();
    let recovered = journal::recover(store.journal_path()).unwrap();
    let draft = journal::replay(before.clone(), &recovered).draft;
    let agenda = common::agenda();
    // 04:32 local time, on the meeting's own day: the chair corrected the start by hand to a
    // time after the clock.
    let now = chrono::Local
        .from_local_datetime(&today().and_hms_opt(4, 32, 0).unwrap())
        .unwrap()
        .with_timezone(&chrono::Utc);
    let said = close_meeting(
        &case,
        &mut store,
        Before {
            plan: &before,
            read_from: Some(read_from),
            chosen: None,
        },
        &draft,
        &agenda,
        &[],
        now,
    )
    .map(|c| c.said)
    .map_err(|e| e.to_string());
    let minutes =
        std::fs::read_to_string(root.join("meetings").join(MEETING).join("minutes.md")).ok();
    (said, minutes)
}

#[test]
fn a_close_whose_clock_is_before_the_start_keeps_the_meeting_open_and_says_what_to_correct() {
    let (said, minutes) = close_at_half_past_four(None);
    let e = said.unwrap_err();
    assert!(
        e.contains("end at 04:32, before it started at 10:00"),
        "{e}"
    );
    assert!(e.contains("close step"), "{e}");
    assert_eq!(minutes, None, "no minutes with an end before the start");
}

#[test]
fn an_end_time_given_at_the_close_is_the_minutes_end() {
    let (said, minutes) = close_at_half_past_four(NaiveTime::from_hms_opt(11, 30, 0));
    said.unwrap();
    let minutes = minutes.unwrap();
    assert!(minutes.contains("**Started:** 10:00"), "{minutes}");
    assert!(minutes.contains("**Ended:** 11:30"), "{minutes}");
}

#[test]
fn an_end_given_before_the_start_is_listed_before_the_close() {
    let details = Details {
        date: Some(today()),
        time: NaiveTime::from_hms_opt(10, 0, 0),
        end_time: NaiveTime::from_hms_opt(9, 15, 0),
        ..Details::default()
    };
    let said = coregroup::domain::close::times_missing(&details).unwrap();
    assert!(
        said.contains("end at 09:15, before it started at 10:00"),
        "{said}"
    );
}
