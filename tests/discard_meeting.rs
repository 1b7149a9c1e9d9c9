//! A meeting opened by mistake is discarded: from the command line (asked y/N on a terminal,
//! `--yes` without one) and from the resume question. The case log records it, the journal
//! goes (so no meeting is in progress), and a closed meeting is never discarded. The real
//! binary, on real case folders.
#![cfg(unix)]

mod common;
mod support;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use chrono::NaiveDate;
use coregroup::cases::close::write_closed;
use coregroup::cases::discard_meeting::{Unfinished, discard_meeting};
use coregroup::domain::close::close;
use coregroup::domain::meeting::{ActionReview, Change, Draft, Meeting};
use coregroup::domain::plan::ActionStatus;
use coregroup::store::journal::{Header, Journal};
use coregroup::store::{CaseFolder, Lock, MeetingStore};
use support::pty::Session;

struct Place {
    tmp: tempfile::TempDir,
}

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

impl Place {
    /// The example case with a meeting of today left unfinished in its journal, two changes
    /// recorded.
    fn new() -> Place {
        let tmp = tempfile::tempdir().unwrap();
        for d in ["config", "data"] {
            fs::create_dir(tmp.path().join(d)).unwrap();
        }
        let place = Place { tmp };
        let out = place.run(&["new", "--example"]);
        assert!(out.status.success(), "{out:?}");
        let case = place.folder();
        let plan = case.load_plan().unwrap();
        let id = today().format("%Y-%m-%d").to_string();
        let header = Header::new(id, "core-group", today(), &plan.case.reference);
        let mut store = MeetingStore::create(&case, header).unwrap();
        for status in [ActionStatus::InProgress, ActionStatus::Achieved] {
            store
                .record(&Change::ActionReview(ActionReview {
                    action: "a1".into(),
                    status,
                    note: String::new(),
                    privacy: Default::default(),
                }))
                .unwrap();
        }
        store.sync().unwrap();
        store.crash();
        place
    }

    fn case(&self) -> PathBuf {
        self.tmp.path().join("case")
    }

    fn folder(&self) -> CaseFolder {
        CaseFolder::open(&self.case()).unwrap()
    }

    fn envs(&self) -> Vec<(&'static str, PathBuf)> {
        vec![
            ("COREGROUP_CONFIG_DIR", self.tmp.path().join("config")),
            ("COREGROUP_DATA_DIR", self.tmp.path().join("data")),
        ]
    }

    /// `coregroup ARGS DIR [MORE]` with no terminal.
    fn run_with(&self, args: &[&str], more: &[&str]) -> Output {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_coregroup"));
        cmd.args(args)
            .arg(self.case())
            .args(more)
            .stdin(Stdio::null())
            .env_remove("RUST_BACKTRACE");
        for (k, v) in self.envs() {
            cmd.env(k, v);
        }
        cmd.output().unwrap()
    }

    fn run(&self, args: &[&str]) -> Output {
        self.run_with(args, &[])
    }

    fn on_terminal(&self, args: &[&str]) -> Session {
        let envs = self.envs();
        let envs: Vec<(&str, &Path)> = envs.iter().map(|(k, v)| (*k, v.as_path())).collect();
        let case = self.case();
        let mut all = args.to_vec();
        all.insert(1, case.to_str().unwrap());
        Session::start(&all, &envs, 100, 30)
    }

    fn in_progress(&self) -> bool {
        Journal::find(&self.folder()).is_some()
    }

    fn log_listing(&self) -> String {
        let out = self.run(&["log"]);
        assert!(out.status.success(), "{out:?}");
        String::from_utf8(out.stdout).unwrap()
    }
}

fn discarded_line() -> String {
    format!(
        "Meeting of {} opened by mistake and discarded",
        today().format("%-d %b")
    )
}

#[test]
fn without_a_terminal_discarding_needs_yes_then_is_logged_and_the_meeting_is_gone() {
    let place = Place::new();
    let out = place.run_with(&["meeting"], &["--discard"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--yes"), "{err}");
    assert!(place.in_progress(), "discarded without a yes");

    // Saving had failed at some point: an emergency copy of the meeting is in the data folder.
    let copies = place.tmp.path().join("data").join("emergency");
    fs::create_dir_all(&copies).unwrap();
    let reference = place.folder().load_plan().unwrap().case.reference;
    let copy = copies.join(format!("{reference}-copy.jsonl"));
    fs::copy(Journal::path_in(&place.folder()), &copy).unwrap();
    let out = place.run_with(
        &["meeting"],
        &["--discard", "--reason", "Opened on the wrong case", "--yes"],
    );
    assert!(out.status.success(), "{out:?}");
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("2 changes recorded"), "{said}");
    assert!(
        !place.in_progress(),
        "the caseload would still show a meeting in progress"
    );
    assert!(
        !copy.exists(),
        "the next meeting would carry the discarded one on from its copy"
    );
    assert!(place.log_listing().contains(&discarded_line()));
    let log = fs::read_to_string(place.case().join("log.yaml")).unwrap();
    assert!(log.contains("meeting-discarded"), "{log}");
    assert!(log.contains("Opened on the wrong case"), "{log}");
    // Nothing left to discard.
    let out = place.run_with(&["meeting"], &["--discard", "--yes"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no unfinished meeting"));
}

/// A meeting whose record was written when its close was cut short: closed, never discarded.
#[test]
fn a_closed_meeting_is_never_discarded() {
    let place = Place::new();
    let case = place.folder();
    let (before, read_from) = case.open_plan().unwrap();
    let agenda = common::agenda();
    let id = today().format("%Y-%m-%d").to_string();
    let draft = Draft::new(
        Meeting::new(id.clone(), "core-group".into(), today(), &before),
        before.clone(),
    );
    let closed = close(&before, &draft, &agenda, &[]);
    write_closed(&case, &before, Some(read_from), &closed, &agenda).unwrap();
    // The journal is still there, as a crash before filing it away leaves it.
    assert!(place.in_progress());
    let lock = Lock::acquire(&case).unwrap().0;
    let which = Unfinished {
        id,
        date: today(),
        changes: 2,
    };
    let e = discard_meeting(&case, &lock, &which, today(), "")
        .unwrap_err()
        .to_string();
    assert!(e.contains("cannot be discarded"), "{e}");
    drop(lock);
    let out = place.run_with(&["meeting"], &["--discard", "--yes"]);
    assert!(!out.status.success(), "{out:?}");
    assert!(!place.log_listing().contains("discarded"));
    assert!(case.meeting_ids().unwrap().contains(&which.id));
}

#[test]
fn on_a_terminal_discarding_asks_first_and_no_keeps_the_meeting() {
    let place = Place::new();
    let mut s = place.on_terminal(&["meeting", "--discard"]);
    s.wait_for("2 changes recorded? What was typed in it is removed");
    s.wait_for("[y/N]");
    s.send(b"\r");
    s.wait_for("Nothing was discarded.");
    assert_eq!(s.wait_exit(), Some(0));
    assert!(place.in_progress());

    let mut s = place.on_terminal(&["meeting", "--discard"]);
    s.wait_for("[y/N]");
    s.send(b"y\r");
    s.wait_for("Discarded the meeting of");
    assert_eq!(s.wait_exit(), Some(0));
    assert!(!place.in_progress());
    assert!(place.log_listing().contains(&discarded_line()));
}

#[test]
fn the_resume_question_offers_to_discard_a_meeting_opened_by_mistake() {
    let place = Place::new();
    let mut s = place.on_terminal(&["meeting"]);
    s.wait_for("[R/s/d]");
    s.send(b"d\r");
    s.wait_for("[y/N]");
    s.send(b"y\r");
    s.wait_for("Discarded the meeting of");
    assert_eq!(s.wait_exit(), Some(0));
    assert!(!place.in_progress());
    assert!(place.log_listing().contains(&discarded_line()));
}
