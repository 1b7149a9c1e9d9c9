//! A case folder whose files or folders are links leading out of it: every command refuses to
//! read or write through them, names the link, never quotes what it leads to, and leaves the
//! place it leads to untouched.
#![cfg(unix)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

fn coregroup(config: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_coregroup"))
        .args(args)
        .env("COREGROUP_CONFIG_DIR", config)
        .env("COREGROUP_DATA_DIR", config.join("data"))
        .output()
        .expect("the binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Every file under `dir` with its bytes (links not followed), to see that nothing changed.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let e = e.unwrap();
            let t = e.file_type().unwrap();
            if t.is_dir() {
                stack.push(e.path());
                out.insert(e.path(), b"<folder>".to_vec());
            } else if t.is_file() {
                out.insert(e.path(), std::fs::read(e.path()).unwrap());
            } else {
                out.insert(e.path(), b"<link>".to_vec());
            }
        }
    }
    out
}

struct Setup {
    _tmp: tempfile::TempDir,
    config: PathBuf,
    case: PathBuf,
    other: PathBuf,
    elsewhere: PathBuf,
    meeting: String,
}

/// A case, another case beside it (with a logged event of its own), and a world-writable folder
/// elsewhere holding a copy of every file and folder the links will lead to.
fn setup() -> Setup {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("config");
    std::fs::create_dir(&config).unwrap();
    let case = tmp.path().join("case");
    let other = tmp.path().join("other");
    for c in [&case, &other] {
        let (code, _, err) = coregroup(
            &config,
            &[
                "new",
                c.to_str().unwrap(),
                "--example",
                "--today",
                "2026-11-24",
            ],
        );
        assert_eq!(code, 0, "{err}");
    }
    let (code, _, err) = coregroup(
        &config,
        &[
            "log",
            other.to_str().unwrap(),
            "change-reported",
            "--date",
            "2026-11-20",
            "OTHER-CASE-SECRET moved house",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let meeting = std::fs::read_dir(case.join("meetings"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .file_name()
        .into_string()
        .unwrap();
    let elsewhere = tmp.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    std::fs::set_permissions(&elsewhere, std::fs::Permissions::from_mode(0o777)).unwrap();
    Setup {
        _tmp: tmp,
        config,
        case,
        other,
        elsewhere,
        meeting,
    }
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Replace `path` in the case by a link to `target`.
fn link(path: &Path, target: &Path) {
    if path.is_dir() {
        std::fs::remove_dir_all(path).unwrap();
    } else {
        let _ = std::fs::remove_file(path);
    }
    std::os::unix::fs::symlink(target, path).unwrap();
}

/// Copy a folder (files only, one level of folders deep is enough for a case's parts).
fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &to.join(e.file_name()));
        } else if e.file_type().unwrap().is_file() {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

/// Run every command that reads or writes the case; each must refuse the link (or work without
/// going through it), never quote the words behind it, and change nothing where it leads.
fn every_command_keeps_out(t: &Setup, what: &str, secret: &str, must_refuse: &[&str]) {
    let before = snapshot(&t.elsewhere);
    let case = s(&t.case);
    let runs: Vec<(&str, Vec<&str>)> = vec![
        ("check", vec!["check", case]),
        ("status", vec!["status", case, "--today", "2026-11-24"]),
        ("log", vec!["log", case]),
        (
            "log visit",
            vec!["log", case, "visit", "--date", "2026-11-23", "--seen-alone"],
        ),
        ("export", vec!["export", case]),
        ("circulate", vec!["circulate", case, "--date", "2026-11-24"]),
        (
            "review-report",
            vec!["review-report", case, "--today", "2026-11-24"],
        ),
        ("holidays", vec!["holidays", "2026", "--case", case]),
        (
            "deadline",
            vec![
                "deadline",
                "2026-11-24",
                "--working-days",
                "10",
                "--case",
                case,
            ],
        ),
        ("resolution-request", vec!["resolution-request", case]),
        ("caseload", vec!["caseload", s(t.case.parent().unwrap())]),
    ];
    let mut refused = Vec::new();
    for (name, args) in runs {
        let (code, out, err) = coregroup(&t.config, &args);
        let all = format!("{out}{err}");
        assert!(
            !all.contains(secret),
            "{what}: `{name}` quoted what the link leads to:\n{all}"
        );
        assert!(!all.contains("panicked"), "{what}: `{name}`:\n{all}");
        if code != 0 && all.contains("outside the case folder") {
            refused.push(name);
        }
        assert_eq!(
            snapshot(&t.elsewhere),
            before,
            "{what}: `{name}` changed what the link leads to:\n{all}"
        );
    }
    for name in must_refuse {
        assert!(
            refused.contains(name),
            "{what}: `{name}` did not refuse the link; refused: {refused:?}"
        );
    }
}

#[test]
fn a_log_linked_to_another_case_is_never_read_nor_written() {
    let t = setup();
    let theirs = t.elsewhere.join("log.yaml");
    std::fs::copy(t.other.join("log.yaml"), &theirs).unwrap();
    link(&t.case.join("log.yaml"), &theirs);
    every_command_keeps_out(
        &t,
        "log.yaml",
        "OTHER-CASE-SECRET",
        &["check", "status", "log", "log visit", "circulate"],
    );
}

#[test]
fn a_log_linked_to_a_system_file_is_refused_without_printing_it() {
    let t = setup();
    let secret = t.elsewhere.join("passwd");
    std::fs::write(
        &secret,
        "root:x:0:0:root:/root:/bin/bash\nSYSTEM-SECRET:x:1:1::/:/bin/sh\n",
    )
    .unwrap();
    link(&t.case.join("log.yaml"), &secret);
    every_command_keeps_out(&t, "log.yaml", "SYSTEM-SECRET", &["check", "status", "log"]);
}

#[test]
fn closures_linked_out_of_the_case_are_refused() {
    let t = setup();
    let target = t.elsewhere.join("closures.yaml");
    std::fs::write(&target, "- date: 2026-12-29\n  title: CLOSURE-SECRET\n").unwrap();
    link(&t.case.join("closures.yaml"), &target);
    every_command_keeps_out(
        &t,
        "closures.yaml",
        "CLOSURE-SECRET",
        &["check", "status", "holidays", "deadline"],
    );
}

#[test]
fn a_state_folder_linked_out_of_the_case_is_never_written() {
    let t = setup();
    let target = t.elsewhere.join("state");
    std::fs::create_dir(&target).unwrap();
    std::fs::write(target.join("closing.json"), "STATE-SECRET").unwrap();
    std::fs::create_dir_all(t.case.join(".coregroup")).unwrap();
    link(&t.case.join(".coregroup"), &target);
    every_command_keeps_out(&t, ".coregroup", "STATE-SECRET", &["check", "log visit"]);
}

#[test]
fn a_meetings_folder_linked_to_another_case_is_refused() {
    let t = setup();
    let target = t.elsewhere.join("meetings");
    copy_dir(&t.other.join("meetings"), &target);
    link(&t.case.join("meetings"), &target);
    every_command_keeps_out(
        &t,
        "meetings/",
        "OTHER-CASE-SECRET",
        &["check", "export", "circulate", "review-report"],
    );
}

#[test]
fn an_outbox_or_reports_folder_linked_out_is_never_written() {
    let t = setup();
    let outbox = t.elsewhere.join("outbox");
    let reports = t.elsewhere.join("reports");
    std::fs::create_dir(&outbox).unwrap();
    std::fs::create_dir(&reports).unwrap();
    link(
        &t.case.join("meetings").join(&t.meeting).join("outbox"),
        &outbox,
    );
    link(&t.case.join("reports"), &reports);
    every_command_keeps_out(
        &t,
        "outbox/ and reports/",
        "NO-SECRET-HERE",
        &["circulate", "review-report"],
    );
}

#[test]
fn links_within_the_case_are_followed() {
    let t = setup();
    let plan = t.case.join("plan.yaml");
    std::fs::rename(&plan, t.case.join("plan-real.yaml")).unwrap();
    std::os::unix::fs::symlink("plan-real.yaml", &plan).unwrap();
    let (code, out, err) = coregroup(&t.config, &["status", s(&t.case), "--today", "2026-11-24"]);
    assert_eq!(code, 0, "{out}{err}");
}
