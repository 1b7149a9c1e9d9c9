//! The case screen in a real pseudo-terminal: it opens on a case, shows what `log` recorded, moves
//! between panes and leaves cleanly.

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
