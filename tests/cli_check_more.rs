//! `coregroup check` refuses the untouched template, and reports every problem of a plan that
//! does not read in one run, and checks the case log.

use std::process::Command;

fn coregroup(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_coregroup"))
        .args(args)
        .env("COREGROUP_CONFIG_DIR", "/nonexistent-coregroup-config")
        .output()
        .expect("the binary runs");
    (
        out.status.code().unwrap_or(-1),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

#[test]
fn the_untouched_template_is_refused_naming_each_placeholder() {
    let dir = tempfile::tempdir().unwrap();
    let case = dir.path().join("case");
    let case = case.to_str().unwrap();
    assert_eq!(coregroup(&["new", case, "--today", "2026-11-24"]).0, 0);
    let (code, out) = coregroup(&["check", case]);
    assert_eq!(code, 1, "{out}");
    for field in [
        "case.reference: still holds the template's \"NEW-CASE-REF\"",
        "children[0].name: still holds the template's \"Child's full name\"",
        "members[0].name",
        "actions[0].what",
    ] {
        assert!(out.contains(field), "{field} in {out}");
    }
    // Filling them in is enough.
    let plan_path = dir.path().join("case/plan.yaml");
    let filled = std::fs::read_to_string(&plan_path)
        .unwrap()
        .replace("NEW-CASE-REF", "EB-CP-2026-0999")
        .replace("Your Local Authority", "Eastbrook Council")
        .replace("Child's full name", "Poppy Example")
        .replace("Lead social worker's name", "Sam Example")
        .replace("Parent's name", "Jo Example")
        .replace(
            "What must be true for the child to be safe, as the conference set it.",
            "Poppy is safe at home.",
        )
        .replace("What the person will do.", "Visit weekly.");
    std::fs::write(&plan_path, filled).unwrap();
    let (code, out) = coregroup(&["check", case]);
    assert_eq!(code, 0, "{out}");
}

#[test]
fn every_problem_of_a_plan_that_does_not_read_is_reported_in_one_run() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.yaml");
    std::fs::write(
        &path,
        "case:\n  reference: X\n  local_authority: Y\n  colour: red\nchildren:\n  - id: c1\n    name: A\n    categories: [neglect]\n    plan_started: 2026-01-01\n    hair: brown\n  - id: c2\n    name: B\n    categories: [neglec]\n    plan_started: 2026-02-30\n  - id: c3\n    name: C\n    categories: [neglect]\nmembers: []\noutcomes: []\n",
    )
    .unwrap();
    let (code, out) = coregroup(&["check", path.to_str().unwrap()]);
    assert_eq!(code, 1);
    for problem in [
        "plan.yaml:4:3: case: unknown field `colour`",
        "children[0].hair: unknown field `hair`",
        "children[1].categories[0]: unknown variant `neglec`",
        "children[1].plan_started: input is out of range",
        "children[2]: missing field `plan_started`",
    ] {
        assert!(out.contains(problem), "{problem} in {out}");
    }
    assert!(out.contains("5 errors"), "{out}");
    // Each problem's hint is on a line of its own, never folded into the message.
    assert!(!out.contains('⏎'), "{out}");
    assert_eq!(out.matches("\n  hint: ").count(), 5, "{out}");
}

#[test]
fn the_case_log_is_checked_against_the_plan() {
    let dir = tempfile::tempdir().unwrap();
    let case = dir.path().join("case");
    let case = case.to_str().unwrap();
    coregroup(&["new", case, "--example", "--today", "2026-11-24"]);
    let log = dir.path().join("case/log.yaml");
    std::fs::write(
        &log,
        "- lead-worker:\n    date: 2026-11-20\n    member: nobody\n",
    )
    .unwrap();
    let (code, out) = coregroup(&["check", case]);
    assert_eq!(code, 1);
    assert!(
        out.contains("[0].lead-worker.member: no member has the id `nobody`"),
        "{out}"
    );
    assert!(
        out.contains("\n  hint: use an id from the plan's members") && !out.contains('⏎'),
        "{out}"
    );
    std::fs::write(
        &log,
        "- lead-worker:\n    date: 2026-11-20\n    membr: sw\n",
    )
    .unwrap();
    let (code, out) = coregroup(&["check", case]);
    assert_eq!(code, 1);
    assert!(out.contains("log.yaml:3:5"), "{out}");
}

#[test]
fn every_problem_of_a_meeting_record_is_reported_in_one_run() {
    let dir = tempfile::tempdir().unwrap();
    let case = dir.path().join("case");
    let case = case.to_str().unwrap();
    coregroup(&["new", case, "--example", "--today", "2026-11-24"]);
    let minutes = dir.path().join("case/meetings/2026-10-15/minutes.yaml");
    let text = std::fs::read_to_string(&minutes).unwrap().replacen(
        "  agenda: core-group\n",
        "  agendaa: x\n  agenda: core-group\n  colour: red\n",
        1,
    );
    std::fs::write(&minutes, text).unwrap();
    let (code, out) = coregroup(&["check", case]);
    assert_eq!(code, 1);
    assert!(
        out.contains("minutes.yaml:4:3: meeting: unknown field `agendaa`"),
        "{out}"
    );
    assert!(
        out.contains("meeting.colour: unknown field `colour`"),
        "{out}"
    );
}
