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
fn deadline_skips_scotlands_world_cup_bank_holiday() {
    let args = ["deadline", "2026-06-10", "--working-days", "5"];
    let (code, sc, err) = coregroup(&[&args[..], &["--division", "scotland"]].concat());
    assert_eq!(code, 0, "{err}");
    assert!(sc.starts_with("2026-06-18 Thursday"), "{sc}");
    assert!(
        sc.contains("skipped Mon 2026-06-15 (World Cup bank holiday)"),
        "{sc}"
    );
    // Not a bank holiday in England and Wales or Northern Ireland.
    let (_, ew, _) = coregroup(&args);
    assert!(ew.starts_with("2026-06-17 Wednesday"), "{ew}");
    assert!(!ew.contains("skipped"), "{ew}");
    let (_, ni, _) = coregroup(&[&args[..], &["--division", "northern-ireland"]].concat());
    assert!(ni.starts_with("2026-06-17"), "{ni}");
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

#[test]
fn holidays_lists_a_years_bank_holidays_for_a_division() {
    let (code, out, err) = coregroup(&["holidays", "2026", "--division", "scotland"]);
    assert_eq!(code, 0, "{err}");
    let dates: Vec<&str> = out
        .lines()
        .skip(1)
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert_eq!(
        dates,
        [
            "2026-01-01",
            "2026-01-02",
            "2026-04-03",
            "2026-05-04",
            "2026-05-25",
            "2026-06-15",
            "2026-08-03",
            "2026-11-30",
            "2026-12-25",
            "2026-12-28"
        ]
    );
    assert!(out.contains("St Andrew’s Day"), "{out}");
    assert!(out.contains("World Cup bank holiday"), "{out}");
    let (code, _, err) = coregroup(&["holidays", "1066"]);
    assert_eq!(code, 1);
    assert!(err.contains("hint:"), "{err}");
}

/// The case folder of `example_case`, with a bank-holidays.json holding `events` for England
/// and Wales.
fn with_holidays(dir: &tempfile::TempDir, events: &[(&str, &str)]) -> String {
    let case = dir.path().join("case");
    let listed: Vec<String> = events
        .iter()
        .map(|(date, title)| {
            format!(r#"{{"title":"{title}","date":"{date}","notes":"","bunting":true}}"#)
        })
        .collect();
    std::fs::write(
        case.join("bank-holidays.json"),
        format!(
            r#"{{"england-and-wales":{{"division":"england-and-wales","events":[{}]}}}}"#,
            listed.join(",")
        ),
    )
    .unwrap();
    case.to_str().unwrap().to_string()
}

#[test]
fn deadline_with_a_case_counts_that_cases_bank_holidays() {
    let dir = example_case();
    // The whole of 2026 as published, and an extra (fictional) day on Tuesday 29 December.
    let case = with_holidays(
        &dir,
        &[
            ("2026-01-01", "New Year’s Day"),
            ("2026-04-03", "Good Friday"),
            ("2026-04-06", "Easter Monday"),
            ("2026-05-04", "Early May bank holiday"),
            ("2026-05-25", "Spring bank holiday"),
            ("2026-08-31", "Summer bank holiday"),
            ("2026-12-25", "Christmas Day"),
            ("2026-12-28", "Boxing Day"),
            ("2026-12-29", "Extra day"),
        ],
    );
    let args = ["deadline", "2026-12-24", "--working-days", "2"];
    let (_, plain, _) = coregroup(&args);
    assert_eq!(
        plain.split_whitespace().next(),
        Some("2026-12-30"),
        "{plain}"
    );
    let mut with_case = args.to_vec();
    with_case.extend(["--case", &case]);
    let (code, out, err) = coregroup(&with_case);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.split_whitespace().next(), Some("2026-12-31"), "{out}");
    assert!(out.contains("Extra day"), "{out}");
    assert!(
        !err.contains("warning"),
        "a whole year is not partial: {err}"
    );
    // `holidays --case` lists it too.
    let (_, out, _) = coregroup(&["holidays", "2026", "--case", &case]);
    assert!(out.contains("2026-12-29 Tue  Extra day"), "{out}");
}

#[test]
fn a_holidays_file_listing_part_of_a_year_is_warned_about() {
    let dir = example_case();
    let case = with_holidays(&dir, &[("2026-12-25", "Christmas Day")]);
    let (code, out, err) = coregroup(&["holidays", "2026", "--case", &case]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("warning:") && err.contains("bank-holidays.json"),
        "{err}"
    );
    assert!(
        err.contains("Good Friday") && err.contains("hint:"),
        "{err}"
    );
    // What it does is what it says: only the listed day counts.
    assert_eq!(out.lines().count(), 2, "{out}");
    let (_, _, err) = coregroup(&[
        "deadline",
        "2026-04-01",
        "--working-days",
        "3",
        "--case",
        &case,
    ]);
    assert!(err.contains("warning:"), "{err}");
    // `check` counts it as a warning, not an error.
    let (code, out, _) = coregroup(&["check", &case]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("warning:") && out.contains("Good Friday"),
        "{out}"
    );
}
