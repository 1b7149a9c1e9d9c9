//! `coregroup case` without a terminal prints the case: its timescales as `status` judges them,
//! the overdue first, then the plan and the people.

use std::process::Command;

fn coregroup(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_coregroup"))
        .args(args)
        .env_remove("RUST_BACKTRACE")
        .output()
        .expect("runs")
}

#[test]
fn the_case_printed_lists_the_overdue_timescales_first_then_the_plan_and_people() {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let case = tmp.path().join("case");
    let case = case.to_str().unwrap();
    let made = coregroup(&["new", case, "--example", "--today", "2026-11-30"]);
    assert!(made.status.success(), "{made:?}");
    let out = coregroup(&["case", case, "--today", "2027-01-20"]);
    assert!(out.status.success(), "{out:?}");
    let text = String::from_utf8(out.stdout).unwrap();
    let states: Vec<&str> = text
        .lines()
        .filter_map(|l| l.strip_prefix("  "))
        .filter(|l| !l.starts_with(' '))
        .map_while(|l| l.split_whitespace().next())
        .take_while(|w| ["overdue", "met", "due", "on", "unknown"].contains(w))
        .collect();
    let first_other = states.iter().position(|s| *s != "overdue").unwrap();
    assert!(first_other > 0, "{text}");
    assert!(!states[first_other..].contains(&"overdue"), "{text}");
    for part in [
        "== The plan",
        "Contingency plan",
        "== People",
        "Shauna Brennan — Mother",
    ] {
        assert!(text.contains(part), "{part} missing:\n{text}");
    }
    // A withheld address is never printed.
    assert!(text.contains("address withheld"), "{text}");

    let missing = coregroup(&["case", tmp.path().join("nowhere").to_str().unwrap()]);
    assert!(!missing.status.success());
    assert!(!String::from_utf8_lossy(&missing.stderr).is_empty());
}
