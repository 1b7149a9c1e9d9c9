//! A panic mid-meeting: the terminal is restored, the journal holds every change, and the user
//! reads where the data is and how to resume, with no stack trace unless asked for. The panic
//! happens in a child process (this test binary run again), since a panic hook is process-wide.

use std::path::Path;
use std::process::Command;

use chrono::NaiveDate;
use coregroup::domain::meeting::{Change, Note};
use coregroup::store::journal::{self, Header, Journal};
use coregroup::store::{CaseFolder, MeetingStore, safety};

const CHILD: &str = "COREGROUP_TEST_PANIC_CASE";

fn restore() {
    eprintln!("[terminal restored]");
}

/// Runs only as the child: opens a meeting in the given case, records a change, panics.
#[test]
fn child_meeting_that_panics() {
    let Some(dir) = std::env::var_os(CHILD) else {
        return;
    };
    safety::install_panic_hook(restore);
    let case = CaseFolder::at(Path::new(&dir));
    let date = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    let header = Header::new("2026-11-24", "core-group", date, "CP/2026/0417");
    let mut store = MeetingStore::create(&case, header).unwrap();
    store
        .record(&Change::Note(Note {
            id: "n1".into(),
            subject: String::new(),
            step: "progress".into(),
            text: "Said before the crash".into(),
            privacy: Default::default(),
        }))
        .unwrap();
    // Keep the store alive through the panic, as the screen's loop would.
    let _keep = &store;
    panic!("injected for the test");
}

fn run_child(dir: &Path, backtrace: Option<&str>) -> String {
    let mut cmd = Command::new(std::env::current_exe().unwrap());
    cmd.args(["child_meeting_that_panics", "--exact", "--nocapture"])
        .env(CHILD, dir)
        .env_remove("RUST_BACKTRACE");
    if let Some(v) = backtrace {
        cmd.env("RUST_BACKTRACE", v);
    }
    let out = cmd.output().unwrap();
    assert!(!out.status.success());
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn a_panic_restores_the_terminal_and_says_how_to_resume() {
    if std::env::var_os(CHILD).is_some() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let err = run_child(dir.path(), None);
    let restored = err.find("[terminal restored]").expect(&err);
    let message = err.find("coregroup stopped").expect(&err);
    assert!(
        restored < message,
        "the terminal comes back before the message:\n{err}"
    );
    let case = CaseFolder::at(dir.path());
    let journal = Journal::path_in(&case);
    assert!(err.contains(&journal.display().to_string()), "{err}");
    assert!(err.contains("again and choose Resume"), "{err}");
    assert!(!err.contains("stack backtrace"), "{err}");
    assert!(!err.contains("panicked at"), "{err}");
    let r = journal::recover(&journal).unwrap();
    assert_eq!(r.changes.len(), 1);
}

#[test]
fn with_rust_backtrace_set_the_default_report_follows() {
    if std::env::var_os(CHILD).is_some() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let err = run_child(dir.path(), Some("1"));
    assert!(err.contains("choose Resume"), "{err}");
    assert!(err.contains("panicked at"), "{err}");
    assert!(err.contains("injected for the test"), "{err}");
}
