//! The case screen in a real pseudo-terminal: it opens on a case, shows what `log` recorded, moves
//! between panes, logs a visit from a form and leaves cleanly.

#![cfg(unix)]

mod support;

use std::process::Command;

use support::pty::Session;

#[test]
fn the_case_screen_shows_the_log_and_leaves_on_q() {
    let tmp = tempfile::tempdir().unwrap();
    let case = tmp.path().join("case");
    let config = tmp.path().join("config");
    let c = case.to_str().unwrap();
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_coregroup"))
            .args(args)
            .env("COREGROUP_CONFIG_DIR", &config)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    run(&["new", c, "--example", "--today", "2026-11-24"]);
    run(&[
        "log",
        c,
        "member-leaves",
        "police",
        "--date",
        "2026-11-20",
        "--today",
        "2026-11-24",
    ]);

    let mut s = Session::start(
        &["case", c, "--today", "2026-11-24"],
        &[("COREGROUP_CONFIG_DIR", &config)],
        100,
        30,
    );
    s.wait_for("overdue");
    s.wait_for("Signed agreement returned");
    s.send(b"4");
    s.wait_for("DC Mark Fenton left the core group");
    s.send(b"3");
    s.wait_for("left Fri 20 Nov 2026");
    s.send(b"q");
    assert_eq!(s.wait_exit(), Some(0));
}

#[test]
fn a_visit_logged_from_the_case_screen_is_in_status_at_once() {
    let tmp = tempfile::tempdir().unwrap();
    let case = tmp.path().join("case");
    let config = tmp.path().join("config");
    let c = case.to_str().unwrap();
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_coregroup"))
            .args(args)
            .env("COREGROUP_CONFIG_DIR", &config)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    run(&["new", c, "--example", "--today", "2026-11-24"]);
    let before = run(&["status", c, "--format", "yaml", "--today", "2026-11-24"]);
    let seen_alone = "after Kayla Brennan was last seen alone (Mon 23 Nov 2026)";
    assert!(!before.contains(seen_alone), "{before}");

    let mut s = Session::start(
        &["case", c, "--today", "2026-11-24"],
        &[("COREGROUP_CONFIG_DIR", &config)],
        80,
        24,
    );
    s.wait_for("overdue");
    s.send(b"l");
    s.wait_for("What happened");
    s.send(b"\r");
    s.wait_for("Visited on");
    // Yesterday, by the lead worker, Kayla seen alone (left), Alfie seen but too young to be
    // seen alone (tab, right), saved (ctrl-s).
    s.send(b"yesterday\t\t\x1b[D");
    s.wait_for("seen alone");
    s.send(b"\t\x1b[C");
    s.wait_for("too young");
    s.send(b"\x13");
    s.wait_for("seen alone");
    s.send(b"4");
    s.wait_for("Mon 23 Nov 2026");
    s.send(b"q");
    assert_eq!(s.wait_exit(), Some(0));

    let after = run(&["status", c, "--format", "yaml", "--today", "2026-11-24"]);
    assert!(after.contains(seen_alone), "{after}");
    let log = std::fs::read_to_string(case.join("log.yaml")).unwrap();
    assert!(
        log.contains("visit")
            && log.contains("2026-11-23")
            && log.contains("alone: true")
            && log.contains("why_not: too young to be seen alone"),
        "{log}"
    );
}
