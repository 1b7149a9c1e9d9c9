//! Every screen ends when its window is closed, even with SIGHUP ignored (`nohup`, some
//! terminals): the terminal then reads as empty for ever, and a screen that only waits for the
//! next key would spin on it and never let go of the case. Also when the window closes while
//! the screen is busy with keys typed an instant before: the next read of the terminal comes
//! after the hang-up, and it must not be the loop's to wait on (crossterm spins on it).

#![cfg(unix)]

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use support::pty::Session;

struct Place {
    tmp: tempfile::TempDir,
}

impl Place {
    fn new() -> Place {
        let tmp = tempfile::tempdir().expect("a temporary folder");
        for d in ["config", "data", "cases"] {
            std::fs::create_dir(tmp.path().join(d)).unwrap();
        }
        Place { tmp }
    }

    fn cases(&self) -> PathBuf {
        self.tmp.path().join("cases")
    }

    fn case(&self) -> PathBuf {
        self.cases().join("case")
    }

    fn envs(&self) -> Vec<(&'static str, PathBuf)> {
        vec![
            ("COREGROUP_CONFIG_DIR", self.tmp.path().join("config")),
            ("COREGROUP_DATA_DIR", self.tmp.path().join("data")),
        ]
    }

    fn example(&self) {
        let out = Command::new(env!("CARGO_BIN_EXE_coregroup"))
            .args(["new", "--example", "--today", "2026-11-24"])
            .arg(self.case())
            .envs(self.envs())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// The screen started with SIGHUP ignored, shown `text`, then its window closed: it must
    /// exit on its own.
    fn closed_under(&self, args: &[&str], text: &str, keys: &[u8], then: &str) {
        let envs = self.envs();
        let envs: Vec<(&str, &Path)> = envs.iter().map(|(k, v)| (*k, v.as_path())).collect();
        let mut s = Session::start_ignoring_hangup(args, &envs, 100, 30);
        s.wait_for(text);
        if !keys.is_empty() {
            s.send(keys);
            s.wait_for(then);
        }
        s.hang_up();
        // Panics (and kills it) if the program is still running after a long wait.
        s.wait_exit();
    }
}

/// About what the terminal takes in at once (4 KiB), so the screen is still at the keys when its
/// window closes.
const BURST: usize = 3600;
const ROUNDS: usize = 4;

/// In a new place each round (what a closed window leaves behind would be asked about on the
/// next start): the screen of `args` started as in [`Place::closed_under`], shown `text`, then a
/// burst of arrow keys and the window closed at once, while the screen is still at them. A few
/// rounds, as where the close lands in the screen's work is up to the machine. `check` looks at
/// the place after each.
fn closed_while_busy(args: impl Fn(&Place) -> Vec<String>, text: &str, check: impl Fn(&Place)) {
    // Down and up: nothing is chosen, opened or changed, on any screen.
    let burst = b"\x1b[B\x1b[A".repeat(BURST / 6);
    for _ in 0..ROUNDS {
        let place = Place::new();
        place.example();
        let args = args(&place);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let envs = place.envs();
        let envs: Vec<(&str, &Path)> = envs.iter().map(|(k, v)| (*k, v.as_path())).collect();
        let mut s = Session::start_ignoring_hangup(&args, &envs, 100, 30);
        s.wait_for(text);
        s.send(&burst);
        s.hang_up();
        // Panics (and kills it) if the program is still running after a long wait.
        s.wait_exit();
        drop(s);
        check(&place);
    }
}

fn path(p: PathBuf) -> String {
    p.to_str().expect("a UTF-8 temporary path").to_string()
}

#[test]
fn the_meeting_ends_when_its_window_is_closed() {
    let place = Place::new();
    place.example();
    let case = place.case();
    place.closed_under(
        &["meeting", case.to_str().unwrap(), "--date", "2026-11-24"],
        "Introductions",
        b"",
        "",
    );
    assert!(
        coregroup::store::Lock::acquire(&coregroup::store::CaseFolder::at(&case)).is_ok(),
        "the lock is let go"
    );
}

#[test]
fn the_set_up_ends_when_its_window_is_closed() {
    let place = Place::new();
    let case = place.case();
    place.closed_under(
        &["new", case.to_str().unwrap()],
        "Setting up a case",
        b"",
        "",
    );
}

#[test]
fn the_case_screen_ends_when_its_window_is_closed() {
    let place = Place::new();
    place.example();
    let case = place.case();
    place.closed_under(
        &["case", case.to_str().unwrap(), "--today", "2026-11-24"],
        "overdue",
        b"",
        "",
    );
}

#[test]
fn the_caseload_ends_when_its_window_is_closed() {
    let place = Place::new();
    place.example();
    let cases = place.cases();
    place.closed_under(
        &["caseload", cases.to_str().unwrap(), "--today", "2026-11-24"],
        "Caseload",
        b"",
        "",
    );
}

#[test]
fn a_case_opened_from_the_caseload_ends_when_its_window_is_closed() {
    let place = Place::new();
    place.example();
    let cases = place.cases();
    place.closed_under(
        &["caseload", cases.to_str().unwrap(), "--today", "2026-11-24"],
        "Caseload",
        b"\r",
        "overdue",
    );
}

#[test]
fn the_meeting_ends_when_its_window_is_closed_while_keys_are_handled() {
    closed_while_busy(
        |p| {
            vec![
                "meeting".into(),
                path(p.case()),
                "--date".into(),
                "2026-11-24".into(),
            ]
        },
        "Introductions",
        |p| {
            assert!(
                coregroup::store::Lock::acquire(&coregroup::store::CaseFolder::at(&p.case()))
                    .is_ok(),
                "the lock is let go"
            );
        },
    );
}

#[test]
fn the_set_up_ends_when_its_window_is_closed_while_keys_are_handled() {
    // A new case beside the example.
    closed_while_busy(
        |p| vec!["new".into(), path(p.cases().join("new"))],
        "Setting up a case",
        |_| {},
    );
}

#[test]
fn the_case_screen_ends_when_its_window_is_closed_while_keys_are_handled() {
    closed_while_busy(
        |p| {
            vec![
                "case".into(),
                path(p.case()),
                "--today".into(),
                "2026-11-24".into(),
            ]
        },
        "overdue",
        |_| {},
    );
}

#[test]
fn the_caseload_ends_when_its_window_is_closed_while_keys_are_handled() {
    closed_while_busy(
        |p| {
            vec![
                "caseload".into(),
                path(p.cases()),
                "--today".into(),
                "2026-11-24".into(),
            ]
        },
        "Caseload",
        |_| {},
    );
}
