//! The real binary in a pseudo-terminal: a meeting is open while plan.yaml is edited by hand in
//! the field the meeting changed. The close asks the chair, and writes what they chose.
#![cfg(all(unix, debug_assertions))]

mod support;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use coregroup::domain::meeting::{ActionReview, Change};
use coregroup::domain::plan::{ActionStatus, Plan};
use coregroup::store::journal::Header;
use coregroup::store::{CaseFolder, MeetingStore, plan_write};
use support::pty::Session;

const ENTER: &[u8] = b"\r";
const F8: &[u8] = b"\x1b[19~";

struct Place {
    tmp: tempfile::TempDir,
}

impl Place {
    /// The example case, and a meeting on it (in its journal) that reviewed a1 as achieved.
    fn new() -> Place {
        let tmp = tempfile::tempdir().unwrap();
        for d in ["config", "data"] {
            fs::create_dir(tmp.path().join(d)).unwrap();
        }
        let place = Place { tmp };
        let out = place.command(&["new", "--example"]).output().unwrap();
        assert!(out.status.success(), "{out:?}");
        let case = CaseFolder::open(&place.case()).unwrap();
        let (plan, read_from) = case.open_plan().unwrap();
        let header = Header::new(
            "2026-11-24",
            "core-group",
            "2026-11-24".parse().unwrap(),
            &plan.case.reference,
        )
        .made_against(read_from.print, &plan);
        let mut store = MeetingStore::create(&case, header).unwrap();
        store
            .record(&Change::ActionReview(ActionReview {
                action: "a1".into(),
                status: ActionStatus::Achieved,
                note: "Walked to school every day.".into(),
                privacy: Default::default(),
            }))
            .unwrap();
        store.sync().unwrap();
        store.crash();
        place
    }

    fn case(&self) -> PathBuf {
        self.tmp.path().join("case")
    }

    fn envs(&self) -> Vec<(&'static str, PathBuf)> {
        vec![
            ("COREGROUP_CONFIG_DIR", self.tmp.path().join("config")),
            ("COREGROUP_DATA_DIR", self.tmp.path().join("data")),
        ]
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_coregroup"));
        cmd.args(args).arg(self.case()).env_remove("RUST_BACKTRACE");
        for (k, v) in self.envs() {
            cmd.env(k, v);
        }
        cmd
    }

    /// The meeting resumed on the screen, at its first step.
    fn resume(&self) -> Session {
        let envs = self.envs();
        let envs: Vec<(&str, &Path)> = envs.iter().map(|(k, v)| (*k, v.as_path())).collect();
        let case = self.case();
        let mut s = Session::start(&["meeting", case.to_str().unwrap()], &envs, 100, 30);
        s.wait_for("[R/s/d]");
        s.send(ENTER);
        s.wait_for("1/12 Introductions");
        s
    }

    fn plan(&self) -> Plan {
        let path = self.case().join("plan.yaml");
        coregroup::store::yaml::parse_bytes(&fs::read(&path).unwrap(), &path).unwrap()
    }

    /// plan.yaml edited by hand: a1 is no longer needed.
    fn a1_dropped_by_hand(&self) {
        let mut plan = self.plan();
        plan.actions
            .iter_mut()
            .find(|a| a.id == "a1")
            .unwrap()
            .status = ActionStatus::NoLongerNeeded;
        let text = coregroup::store::plan_yaml::to_string(&plan).unwrap();
        fs::write(self.case().join("plan.yaml"), format!("# by hand\n{text}")).unwrap();
    }

    fn a1_status(&self) -> ActionStatus {
        self.plan().action("a1").unwrap().status
    }

    fn conflict_file(&self) -> String {
        let files = plan_write::conflict_files(&CaseFolder::at(&self.case()));
        assert_eq!(files.len(), 1, "{files:?}");
        fs::read_to_string(&files[0]).unwrap()
    }
}

/// From the first step to the close, the close asked for and confirmed: the question shows.
fn close_and_be_asked(s: &mut Session) {
    for _ in 0..11 {
        s.send(F8);
    }
    s.wait_for("12/12 Close");
    s.wait_for("[ Close the meeting and write the minutes ]");
    s.send(ENTER);
    s.wait_for("Close anyway?");
    s.send(b"y");
    s.wait_for("plan.yaml was changed in the same place");
    s.wait_for("Action a1 (Walk Kayla to school");
    s.wait_for("(•) by hand:        no longer needed");
    s.wait_for("( ) by the meeting: achieved");
}

fn leave(s: &mut Session) {
    s.wait_for("Press any key to leave.");
    s.send(b"q");
    assert_eq!(s.wait_exit(), Some(0));
}

#[test]
fn the_chair_takes_the_meeting_s_value_and_the_hand_value_is_kept_beside_the_plan() {
    let place = Place::new();
    let mut s = place.resume();
    place.a1_dropped_by_hand();
    close_and_be_asked(&mut s);
    s.send(b"m");
    s.wait_for("(•) by the meeting: achieved");
    s.send(ENTER);
    s.wait_for("The meeting is closed");
    s.wait_for("as chosen");
    s.wait_for("plan.conflict-2026-11-24.yaml");
    leave(&mut s);
    assert_eq!(place.a1_status(), ActionStatus::Achieved);
    let file = place.conflict_file();
    assert!(file.contains("not_applied: no-longer-needed"), "{file}");
    assert!(file.contains("the chair chose the meeting"), "{file}");
}

#[test]
fn the_chair_keeps_the_hand_edit_and_the_meeting_s_value_goes_to_the_conflict_file() {
    let place = Place::new();
    let mut s = place.resume();
    place.a1_dropped_by_hand();
    close_and_be_asked(&mut s);
    s.send(ENTER);
    s.wait_for("The meeting is closed");
    leave(&mut s);
    assert_eq!(place.a1_status(), ActionStatus::NoLongerNeeded);
    let file = place.conflict_file();
    assert!(file.contains("field: actions[a1].status"), "{file}");
    assert!(file.contains("not_applied: achieved"), "{file}");
    assert!(file.contains("in_plan: no-longer-needed"), "{file}");
    assert!(file.contains("the chair kept plan.yaml's value"), "{file}");
}
