//! The case log in the minutes: "since the last meeting" in the professionals' minutes only, and
//! a member who left still named in the minutes of the meetings they attended.

use std::path::Path;
use std::process::Command;

use chrono::NaiveDate;
use coregroup::agenda::AgendaSnapshot;
use coregroup::domain::calendar::{Calendar, Division};
use coregroup::domain::case_log::{
    CaseLog, ChangeReported, Dated, Event, MemberChange, current_plan, since_last_meeting,
};
use coregroup::domain::example;
use coregroup::domain::meeting::Meeting;
use coregroup::export::render_all;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn snapshot() -> AgendaSnapshot {
    let agenda: coregroup::domain::agenda::Agenda = coregroup::store::yaml::parse_str(
        coregroup::agenda::builtin("core-group").unwrap(),
        Path::new("core-group.yaml"),
    )
    .unwrap();
    AgendaSnapshot::of(&agenda)
}

#[test]
fn the_minutes_show_what_happened_since_the_last_meeting_and_the_family_copy_does_not() {
    let today = d("2026-11-24");
    let plan = example::plan(today);
    let last = plan.key_dates.core_groups[0].date;
    let log = CaseLog::new(vec![
        Event::ChangeReported(ChangeReported {
            date: last + chrono::Days::new(5),
            what: "Police told the chair of a new incident at the flat".into(),
            by: Some("police".into()),
            circumstance: None,
        }),
        Event::CoreAssessment(Dated {
            date: last + chrono::Days::new(9),
        }),
    ]);
    let current = current_plan(&plan, &log);
    let mut meeting = Meeting::new("2026-11-24".into(), "core-group".into(), today, &current);
    meeting.since_last_meeting = since_last_meeting(&current, &log, today);
    let cal = Calendar::new(Division::EnglandAndWales);
    let docs = render_all(
        coregroup::export::Case::at_close(&meeting, &current),
        &snapshot(),
        &cal,
    );
    let doc = |name: &str| &docs.iter().find(|r| r.name == name).unwrap().text;
    let minutes = doc("minutes.md");
    assert!(minutes.contains("Since the last meeting"), "{minutes}");
    assert!(minutes.contains("new incident at the flat"));
    assert!(minutes.contains("Core assessment completed"));
    for family in ["minutes-family.md", "minutes-family.html"] {
        assert!(
            !doc(family).contains("new incident at the flat"),
            "{family}"
        );
    }
}

#[test]
fn a_member_who_left_is_not_expected_at_the_next_meeting_but_named_in_the_old_minutes() {
    let today = d("2026-11-24");
    let plan = example::plan(today);
    let log = CaseLog::new(vec![Event::MemberLeaves(MemberChange {
        date: d("2026-11-02"),
        member: "dad".into(),
    })]);
    let current = current_plan(&plan, &log);
    let next = Meeting::new(
        "2026-11-26".into(),
        "core-group".into(),
        d("2026-11-26"),
        &current,
    );
    assert!(
        next.attendance_of("dad").is_none(),
        "not listed for attendance"
    );
    assert_eq!(current.member_name("dad"), "Dean Walsh");

    // The old minutes, written again after he left, still name him.
    let dir = tempfile::tempdir().unwrap();
    let case = dir.path().join("case");
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_coregroup"))
            .args(args)
            .env("COREGROUP_CONFIG_DIR", dir.path().join("config"))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    let c = case.to_str().unwrap();
    run(&["new", c, "--example", "--today", "2026-11-24"]);
    run(&[
        "log",
        c,
        "member-leaves",
        "Dean",
        "--date",
        "2026-11-02",
        "--today",
        "2026-11-24",
    ]);
    run(&["export", c, "--meeting", "2026-10-15"]);
    let minutes = std::fs::read_to_string(case.join("meetings/2026-10-15/minutes.md")).unwrap();
    assert!(minutes.contains("Dean Walsh"), "{minutes}");
    assert!(!minutes.contains("| dad |"), "named, not shown by id");
}
