//! `coregroup check` on good and bad input: every bad input gets a clear message and exit 1,
//! never a panic, a hang or silently dropped data.

use std::path::Path;
use std::process::Command;

use chrono::NaiveDate;
use coregroup::domain::example;

fn coregroup(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_coregroup"))
        .args(args)
        .env("COREGROUP_CONFIG_DIR", "/nonexistent-coregroup-config")
        .output()
        .expect("the binary runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!text.contains("panicked"), "{text}");
    assert!(!text.contains("RUST_BACKTRACE"), "{text}");
    (out.status.code().unwrap_or(-1), text)
}

fn example_yaml() -> String {
    let plan = example::plan(NaiveDate::from_ymd_opt(2026, 11, 24).unwrap());
    coregroup::store::yaml::to_string(&plan).unwrap()
}

fn check_text(dir: &Path, text: &[u8]) -> (i32, String) {
    let path = dir.join("plan.yaml");
    std::fs::write(&path, text).unwrap();
    coregroup(&["check", path.to_str().unwrap()])
}

#[test]
fn the_example_plan_is_valid() {
    let dir = tempfile::tempdir().unwrap();
    let (code, text) = check_text(dir.path(), example_yaml().as_bytes());
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("0 errors"), "{text}");
}

#[test]
fn an_empty_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (code, text) = check_text(dir.path(), b"");
    assert_eq!(code, 1);
    assert!(text.contains("empty"), "{text}");
}

#[test]
fn tabs_for_indentation_are_named_with_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let yaml = example_yaml().replacen("\n  reference", "\n\treference", 1);
    let (code, text) = check_text(dir.path(), yaml.as_bytes());
    assert_eq!(code, 1);
    assert!(text.contains("plan.yaml:2:1"), "{text}");
    assert!(text.contains("tab"), "{text}");
}

#[test]
fn a_field_of_the_wrong_type_gives_its_path_and_place() {
    let dir = tempfile::tempdir().unwrap();
    let yaml = example_yaml().replacen("categories:\n", "categories: 7\nx_categories:\n", 1);
    let (code, text) = check_text(dir.path(), yaml.as_bytes());
    assert_eq!(code, 1);
    assert!(text.contains("children[0].categories"), "{text}");
    assert!(text.contains("plan.yaml:"), "{text}");
}

#[test]
fn an_unknown_field_is_named_not_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let yaml = example_yaml().replacen("  local_authority:", "  local_authorty:", 1);
    let (code, text) = check_text(dir.path(), yaml.as_bytes());
    assert_eq!(code, 1);
    assert!(text.contains("unknown field `local_authorty`"), "{text}");
    assert!(text.contains("hint"), "{text}");
}

#[test]
fn an_impossible_date_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let plan = example::plan(NaiveDate::from_ymd_opt(2026, 11, 24).unwrap());
    let icpc = plan.key_dates.initial_conference.unwrap().to_string();
    let yaml = example_yaml().replacen(
        &format!("initial_conference: {icpc}"),
        "initial_conference: 2026-02-30",
        1,
    );
    let (code, text) = check_text(dir.path(), yaml.as_bytes());
    assert_eq!(code, 1);
    assert!(text.contains("key_dates.initial_conference"), "{text}");
}

#[test]
fn a_reference_to_a_missing_member_is_reported_with_its_path() {
    let dir = tempfile::tempdir().unwrap();
    let yaml = example_yaml().replacen("owner: police", "owner: detective", 1);
    let (code, text) = check_text(dir.path(), yaml.as_bytes());
    assert_eq!(code, 1);
    assert!(text.contains("actions[3].owner"), "{text}");
    assert!(text.contains("`detective` is not a member"), "{text}");
}

#[test]
fn bytes_that_are_not_utf8_are_refused_with_their_line() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = example_yaml().into_bytes();
    let at = bytes.iter().position(|b| *b == b'\n').unwrap() + 3;
    bytes.insert(at, 0xff);
    let (code, text) = check_text(dir.path(), &bytes);
    assert_eq!(code, 1);
    assert!(text.contains("UTF-8"), "{text}");
    assert!(text.contains("plan.yaml:2:"), "{text}");
}

#[test]
fn a_50_mb_file_is_refused_without_reading_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.yaml");
    let f = std::fs::File::create(&path).unwrap();
    f.set_len(50 * 1024 * 1024).unwrap();
    let (code, text) = coregroup(&["check", path.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(text.contains("50 MB"), "{text}");
}

#[test]
fn an_alias_bomb_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut yaml = String::from("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..10 {
        let p = i - 1;
        yaml.push_str(&format!(
            "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        ));
    }
    yaml.push_str("case: *a9\n");
    let (code, text) = check_text(dir.path(), yaml.as_bytes());
    assert_eq!(code, 1, "{text}");
}

#[test]
fn a_folder_that_is_not_a_case_is_refused_with_a_hint() {
    let dir = tempfile::tempdir().unwrap();
    let (code, text) = coregroup(&["check", dir.path().to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(text.contains("not a case"), "{text}");
    assert!(text.contains("coregroup new"), "{text}");
}

#[test]
fn every_problem_is_listed_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let yaml = example_yaml()
        .replacen("owner: police", "owner: detective", 1)
        .replacen("outcome: o5", "outcome: o9", 1);
    let (code, text) = check_text(dir.path(), yaml.as_bytes());
    assert_eq!(code, 1);
    assert!(text.contains("detective"), "{text}");
    assert!(text.contains("`o9` is not an outcome"), "{text}");
    assert!(text.contains("2 errors"), "{text}");
}

#[test]
fn a_bad_agenda_file_is_checked_as_an_agenda() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("local.yaml");
    std::fs::write(
        &path,
        "name: local\ntitle: Local\ndescription: x\nsteps:\n  - kind: introductions\n    title: Hello\n  - kind: singing\n    title: Song\n",
    )
    .unwrap();
    let (code, text) = coregroup(&["check", path.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(text.contains("unknown variant `singing`"), "{text}");
    assert!(text.contains("local.yaml:7:"), "{text}");
}

#[test]
fn a_withheld_address_given_openly_as_another_is_named() {
    let dir = tempfile::tempdir().unwrap();
    // The example withholds the family's address, which is also Ms Brennan's; here the family's
    // is left open, so the minutes would print the withheld home.
    let yaml = example_yaml().replace(
        "withhold_family_address: true",
        "withhold_family_address: false",
    );
    assert_ne!(yaml, example_yaml());
    let (code, text) = check_text(dir.path(), yaml.as_bytes());
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("case.family_address"), "{text}");
    assert!(text.contains("withheld"), "{text}");
    assert!(text.contains("hint:"), "{text}");
}
