//! An event logged on the day of a meeting, after it, is "since the last meeting" for `status`
//! and for the next meeting's minutes: nothing falls between two meetings.

use std::path::Path;
use std::process::Command;

use coregroup::domain::case_log::{CaseLog, ChangeReported, Event, since_last_meeting};
use coregroup::domain::example;

fn coregroup(config: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_coregroup"))
        .args(args)
        .env("COREGROUP_CONFIG_DIR", config)
        .output()
        .expect("the binary runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

const ORDER: &str = "Non-molestation order granted against Mr Walsh";

#[test]
fn status_lists_an_event_logged_on_the_meeting_day() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config");
    let case = dir.path().join("case");
    let case_s = case.to_str().unwrap();
    coregroup(
        &config,
        &["new", case_s, "--example", "--today", "2026-11-24"],
    );
    // The meeting was held on 15 October; the order came that afternoon.
    coregroup(
        &config,
        &[
            "log",
            case_s,
            "change-reported",
            ORDER,
            "--date",
            "2026-10-15",
            "--today",
            "2026-11-24",
        ],
    );
    let status = coregroup(&config, &["status", case_s, "--today", "2026-11-24"]);
    let since = status
        .split("Logged since the last meeting:")
        .nth(1)
        .unwrap_or_else(|| panic!("nothing since the last meeting: {status}"));
    assert!(since.contains(ORDER), "{status}");
}

#[test]
fn the_next_minutes_show_it_unless_the_meeting_was_shown_it() {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    let mut plan = example::plan(today);
    let held = plan.key_dates.core_groups[0].date;
    let log = CaseLog::new(vec![Event::ChangeReported(ChangeReported {
        date: held,
        what: ORDER.into(),
        by: None,
        circumstance: None,
    })]);
    let next = held + chrono::Days::new(42);
    let shown = since_last_meeting(&plan, &log, next);
    assert!(shown.iter().any(|e| e.text.contains(ORDER)), "{shown:?}");
    // The meeting of that day was shown it (logged before it): not again.
    plan.key_dates.core_groups[0]
        .events_shown
        .push(log.entries()[0].id());
    let shown = since_last_meeting(&plan, &log, next);
    assert!(!shown.iter().any(|e| e.text.contains(ORDER)), "{shown:?}");
}
