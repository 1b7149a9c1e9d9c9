//! Every screen ends when its window is closed, even with SIGHUP ignored (`nohup`, some
//! terminals): the terminal then reads as empty for ever, and a screen that only waits for the
//! next key would spin on it and never let go of the case.

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
