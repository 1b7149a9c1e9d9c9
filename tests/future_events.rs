//! A logged event has already happened: one rule (`cases::log_event::happened`), worded once,
//! for `coregroup log`, the case screen's forms and every other way an event reaches the log.

use std::process::Command;

use chrono::NaiveDate;
use coregroup::cases::error::{LogError, StillToCome};
use coregroup::cases::log_event::log_event;
use coregroup::domain::case_log::{Dated, Event};
use coregroup::store::CaseFolder;

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn example() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("case");
    coregroup::cases::new_case::create_case(&root, true, day("2026-11-24")).unwrap();
    (dir, root)
}

/// The words every path refuses a day still to come with.
fn still_to_come() -> String {
    StillToCome {
        day: day("2026-11-25"),
        today: day("2026-11-24"),
    }
    .to_string()
}

#[test]
fn the_command_line_refuses_a_day_still_to_come_in_the_shared_words() {
    let (_dir, root) = example();
    let config = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_coregroup"))
        .args(["log", root.to_str().unwrap(), "core-assessment"])
        .args(["--date", "25/11/2026", "--today", "2026-11-24"])
        .env("COREGROUP_CONFIG_DIR", config.path())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        err.contains(&format!("--date: {}\n  hint: ", still_to_come())),
        "{err}"
    );
}

#[test]
fn an_event_made_anywhere_is_refused_when_its_day_is_still_to_come() {
    let (_dir, root) = example();
    let case = CaseFolder::open(&root).unwrap();
    let plan = case.load_plan().unwrap();
    let event = Event::CoreAssessment(Dated {
        date: day("2026-11-25"),
    });
    let refused = log_event(&case, &plan, event, day("2026-11-24"));
    match refused {
        Err(e @ LogError::StillToCome(_)) => assert_eq!(e.to_string(), still_to_come()),
        other => panic!("{other:?}"),
    }
    let log = coregroup::store::case_log::load(&case).unwrap();
    assert!(log.entries().is_empty(), "nothing was written");
}
