//! An email address that is not one mailbox (`gp@x, someone@y` would become two recipients of
//! one email, and the invitation would drop the member) is refused wherever an address comes
//! in: plan.yaml (check and every command), a member joining through the log, and the case
//! screen's member form (through `cases::edit_plan`, which its save runs). The set-up screen's
//! own test is in `src/tui/setup/tests.rs`.

use std::path::Path;
use std::process::Command;

const TWO: &str = "gp@x, someone@y";

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

fn example_case() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let case = dir.path().join("case");
    let case = case.to_str().unwrap().to_string();
    let (code, _, err) = coregroup(&["new", &case, "--example", "--today", "2026-11-24"]);
    assert_eq!(code, 0, "{err}");
    (dir, case)
}

#[test]
fn two_addresses_in_the_plan_are_refused_with_the_field_and_a_hint() {
    let (_dir, case) = example_case();
    let plan = Path::new(&case).join("plan.yaml");
    let text = std::fs::read_to_string(&plan).unwrap();
    let text = text.replacen(
        "email: school@example.org.uk",
        &format!("email: \"{TWO}\""),
        1,
    );
    assert!(text.contains(TWO));
    std::fs::write(&plan, text).unwrap();
    let (code, out, _) = coregroup(&["check", &case]);
    assert_ne!(code, 0, "{out}");
    let line = out
        .lines()
        .find(|l| l.contains(TWO))
        .unwrap_or_else(|| panic!("{out}"));
    assert!(line.contains(".email: "), "{line}");
    assert!(line.contains("more than one email address"), "{line}");
    assert!(out.contains("hint: give one address per member"), "{out}");
    // And nothing uses the plan meanwhile.
    for command in ["status", "circulate", "export"] {
        let (code, _, err) = coregroup(&[command, &case]);
        assert_ne!(code, 0, "{command}");
        assert!(
            err.contains("more than one email address"),
            "{command}: {err}"
        );
    }
}

#[test]
fn a_member_joining_through_the_log_with_two_addresses_is_refused() {
    let (_dir, case) = example_case();
    let (code, _, err) = coregroup(&[
        "log",
        &case,
        "member-joins",
        "Dr Imran Ahmed",
        "--role",
        "GP",
        "--email",
        TWO,
    ]);
    assert_ne!(code, 0);
    assert!(err.contains("member.email"), "{err}");
    assert!(err.contains("more than one email address"), "{err}");
    assert!(err.contains("hint:"), "{err}");
    assert!(
        !Path::new(&case).join("log.yaml").exists(),
        "nothing logged"
    );
    let (code, _, err) = coregroup(&[
        "log",
        &case,
        "member-joins",
        "Dr Imran Ahmed",
        "--role",
        "GP",
        "--email",
        "imran.ahmed@alder-surgery.example.org",
    ]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn the_case_screen_s_member_form_cannot_save_two_addresses() {
    use coregroup::cases::edit_plan::{MemberDetails, PlanEdit, edit_plan};
    use coregroup::store::CaseFolder;
    let (_dir, case) = example_case();
    let case = CaseFolder::open(Path::new(&case)).unwrap();
    let before = std::fs::read(case.plan_path()).unwrap();
    let school = case
        .load_plan()
        .unwrap()
        .members
        .into_iter()
        .find(|m| m.email.is_some() && !m.family)
        .unwrap();
    let edit = PlanEdit::Member(MemberDetails {
        id: school.id.clone(),
        role: school.role.clone(),
        agency: school.agency.clone(),
        family: false,
        email: Some(TWO.into()),
        phone: None,
        title: None,
        preferred_name: None,
        language: None,
        address: None,
        withhold_address: false,
    });
    let e = edit_plan(
        &case,
        &coregroup::cases::edit_plan::basis(&case).unwrap(),
        &edit,
    )
    .unwrap_err()
    .to_string();
    assert!(e.contains(".email: "), "{e}");
    assert!(e.contains("more than one email address"), "{e}");
    assert!(e.contains("hint:"), "{e}");
    assert_eq!(std::fs::read(case.plan_path()).unwrap(), before);
}
