//! `meeting` without a terminal fails before making anything: no journal is left for the
//! caseload to show as a meeting in progress.

use std::process::{Command, Stdio};

#[test]
fn a_meeting_without_a_terminal_makes_nothing_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config");
    let case = dir.path().join("case");
    let run = |args: &[&std::ffi::OsStr]| {
        Command::new(env!("CARGO_BIN_EXE_coregroup"))
            .args(args)
            .env("COREGROUP_CONFIG_DIR", &config)
            .env("COREGROUP_DATA_DIR", dir.path().join("data"))
            .stdin(Stdio::null())
            .output()
            .unwrap()
    };
    let out = run(&[
        "new".as_ref(),
        case.as_os_str(),
        "--example".as_ref(),
        "--today".as_ref(),
        "2026-11-24".as_ref(),
    ]);
    assert!(out.status.success());
    let out = run(&["meeting".as_ref(), case.as_os_str()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(err.contains("needs a terminal"), "{err}");
    assert!(err.contains("hint:"), "{err}");
    assert!(!err.contains("os error"), "{err}");
    assert!(!case.join(".coregroup/journal.jsonl").exists());
    let caseload = run(&["caseload".as_ref(), dir.path().as_os_str()]);
    let listed = String::from_utf8_lossy(&caseload.stdout);
    assert!(!listed.to_lowercase().contains("in progress"), "{listed}");
}
