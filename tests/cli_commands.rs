//! The commands as a user runs them: new, status, deadline, export, agendas.

use std::process::Command;

fn coregroup(args: &[&str]) -> (i32, String, String) {
    let config = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_coregroup"))
        .args(args)
        .env("COREGROUP_CONFIG_DIR", config.path())
        .output()
        .expect("the binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn example_case() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let case = dir.path().join("case");
    let (code, _, err) = coregroup(&[
        "new",
        case.to_str().unwrap(),
        "--example",
        "--today",
        "2026-11-24",
    ]);
    assert_eq!(code, 0, "{err}");
    dir
}

#[test]
fn deadline_prints_the_iso_date_first_and_the_holidays_it_skipped() {
    let (code, out, _) = coregroup(&["deadline", "2026-12-17", "--working-days", "10"]);
    assert_eq!(code, 0);
    assert_eq!(out.split_whitespace().next(), Some("2027-01-05"));
    assert!(out.contains("Tuesday"), "{out}");
    for day in ["2026-12-25", "2026-12-28", "2027-01-01"] {
        assert!(out.contains(day), "{out}");
    }
}

#[test]
fn deadline_follows_the_division() {
    // 2 January is a holiday in Scotland only.
    let (_, ew, _) = coregroup(&["deadline", "2026-12-31", "--working-days", "1"]);
    let (_, sc, _) = coregroup(&[
        "deadline",
        "2026-12-31",
        "--working-days",
        "1",
        "--division",
        "scotland",
    ]);
    assert!(ew.starts_with("2027-01-04"), "{ew}");
    assert!(sc.starts_with("2027-01-05"), "{sc}");
}

#[test]
fn deadline_gives_the_last_working_day_when_a_calendar_date_is_a_holiday() {
    let (code, out, _) = coregroup(&["deadline", "2026-11-16", "--weeks", "6"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("2026-12-28"), "{out}");
    assert!(out.contains("2026-12-24"), "{out}");
}

#[test]
fn deadline_refuses_a_bad_division_with_the_valid_ones() {
    let (code, _, err) = coregroup(&[
        "deadline",
        "2026-11-16",
        "--weeks",
        "6",
        "--division",
        "wales",
    ]);
    assert_ne!(code, 0);
    assert!(err.contains("england-and-wales"), "{err}");
}

#[test]
fn status_yaml_has_the_documented_keys() {
    let dir = example_case();
    let case = dir.path().join("case");
    let (code, out, err) = coregroup(&[
        "status",
        case.to_str().unwrap(),
        "--format",
        "yaml",
        "--today",
        "2026-11-24",
    ]);
    assert_eq!(code, 0, "{err}");
    let v: yaml_serde::Value = yaml_serde::from_str(&out).unwrap();
    assert_eq!(v["case"].as_str(), Some("EB-CP-2026-0417"));
    assert_eq!(v["today"].as_str(), Some("2026-11-24"));
    let keys: Vec<&str> = v["timescales"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|t| t["key"].as_str().unwrap())
        .collect();
    for key in [
        "first-core-group",
        "next-core-group",
        "minutes-circulated",
        "agreement-returned",
        "core-assessment",
        "next-review-conference",
        "next-visit",
    ] {
        assert!(keys.contains(&key), "{key} missing from {keys:?}");
    }
    let next = v["timescales"]
        .as_sequence()
        .unwrap()
        .iter()
        .find(|t| t["key"].as_str() == Some("next-core-group"))
        .unwrap();
    // The example laid out around Tue 24 Nov had its last core group on Thu 15 Oct: six weeks on
    // is Thu 26 Nov, two working days away.
    assert_eq!(next["due"].as_str(), Some("2026-11-26"));
    assert_eq!(next["state"].as_str(), Some("due-soon"));
    assert!(v["overdue_actions"].as_sequence().is_some());
}

#[test]
fn new_refuses_to_overwrite_a_case() {
    let dir = example_case();
    let case = dir.path().join("case");
    let (code, _, err) = coregroup(&["new", case.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(!err.is_empty());
}

#[test]
fn a_new_empty_case_says_what_to_fill_in() {
    let dir = tempfile::tempdir().unwrap();
    let case = dir.path().join("fresh");
    let (code, out, err) = coregroup(&["new", case.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("plan.yaml"), "{out}");
    assert!(case.join("plan.yaml").is_file());
}

#[test]
fn export_rewrites_the_documents_identically() {
    let dir = example_case();
    let case = dir.path().join("case");
    let meetings: Vec<_> = std::fs::read_dir(case.join("meetings"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    let family = meetings[0].join("minutes-family.md");
    let before = std::fs::read(&family).unwrap();
    std::fs::remove_file(&family).unwrap();
    let (code, out, err) = coregroup(&["export", case.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("minutes-family.md"), "{out}");
    assert_eq!(std::fs::read(&family).unwrap(), before);
}

#[test]
fn export_of_an_unknown_meeting_lists_the_real_ones() {
    let dir = example_case();
    let case = dir.path().join("case");
    let (code, _, err) = coregroup(&["export", case.to_str().unwrap(), "--meeting", "1999-01-01"]);
    assert_eq!(code, 1);
    assert!(err.contains("2026-"), "{err}");
}

#[test]
fn agendas_lists_every_shipped_agenda() {
    let (code, out, _) = coregroup(&["agendas"]);
    assert_eq!(code, 0);
    for name in [
        "core-group",
        "core-group-4-weekly",
        "core-group-monthly",
        "first-core-group",
        "wales-core-group",
        "wales-resolution-tier1",
        "wales-resolution-tier2",
    ] {
        assert!(out.lines().any(|l| l.starts_with(name)), "{name}: {out}");
    }
}

#[test]
fn every_command_has_help() {
    for cmd in [
        "demo",
        "meeting",
        "new",
        "check",
        "deadline",
        "status",
        "export",
        "agendas",
        "resolution-request",
    ] {
        let (code, out, _) = coregroup(&[cmd, "--help"]);
        assert_eq!(code, 0, "{cmd}");
        assert!(out.contains("Usage"), "{cmd}: {out}");
    }
}
