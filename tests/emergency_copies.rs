//! An emergency copy written while the case folder could not be written holds confidential
//! minutes outside the case. Once its meeting is closed and its record is in the case, it goes:
//! at the close, or by the next command for a close that finished another way. A copy holding
//! anything the case does not is kept.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::NaiveDate;
use coregroup::domain::meeting::{Change, Note};
use coregroup::domain::privacy::Privacy;
use coregroup::store::journal::{self, Header, Journal};
use coregroup::store::{CaseFolder, MeetingStore};

const MEETING: &str = "2026-11-24";

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
}

fn note(i: usize) -> Change {
    Change::Note(Note {
        id: format!("n{i}"),
        subject: String::new(),
        step: "progress".into(),
        text: format!("CONFIDENTIAL note {i}"),
        privacy: Privacy::marked(true),
    })
}

/// The example case, and a meeting on it whose saving failed part way, so an emergency copy
/// of it is in `copies`; the store is returned with the fault gone and every change saved.
fn meeting_that_failed_to_save(root: &Path, copies: &Path) -> (CaseFolder, MeetingStore, PathBuf) {
    coregroup::cases::new_case::create_case(root, true, today()).unwrap();
    let case = CaseFolder::open(root).unwrap();
    let plan = case.load_plan().unwrap();
    let header = Header::new(MEETING, "core-group", today(), &plan.case.reference);
    let mut store = MeetingStore::create(&case, header).unwrap();
    store.set_emergency_dir(copies.to_path_buf());
    store.record(&note(0)).unwrap();
    store.sync().unwrap();
    let path = Journal::path_in(&case);
    fs::remove_file(&path).unwrap();
    fs::create_dir(&path).unwrap();
    assert!(store.record(&note(1)).is_err());
    let copy = store
        .emergency_copy()
        .expect("an emergency copy")
        .to_path_buf();
    fs::remove_dir(&path).unwrap();
    store.record(&note(2)).unwrap();
    store.sync().unwrap();
    (case, store, copy)
}

/// The meeting's record in place, as the close puts it (the example's past record, renamed).
fn record_in_place(case: &CaseFolder) {
    let past = case.meeting_ids().unwrap().pop().unwrap();
    let text = fs::read_to_string(case.meeting_dir(&past).join("minutes.yaml")).unwrap();
    let dir = case.meeting_dir(MEETING);
    fs::create_dir_all(&dir).unwrap();
    fs::write(
        dir.join("minutes.yaml"),
        text.replace(&format!("id: {past}"), &format!("id: {MEETING}")),
    )
    .unwrap();
}

#[test]
fn the_copy_goes_when_its_meeting_closes() {
    let dir = tempfile::tempdir().unwrap();
    let copies = dir.path().join("emergency");
    let (case, mut store, copy) = meeting_that_failed_to_save(&dir.path().join("case"), &copies);
    assert!(copy.exists());
    record_in_place(&case);
    store.finish().unwrap();
    assert!(
        !copy.exists(),
        "the emergency copy outlived its meeting's close"
    );
}

#[test]
fn the_next_command_removes_a_copy_of_a_meeting_closed_another_way_and_keeps_one_holding_more() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let copies = data.join("emergency");
    let (case, store, copy) = meeting_that_failed_to_save(&dir.path().join("case"), &copies);
    // The process ends without filing the journal away; a roll-forward does it later.
    store.crash();
    record_in_place(&case);
    journal::finish(&case, MEETING).unwrap();
    // A second copy holding a change the case never got.
    let more = copies.join("more.jsonl");
    let mut text = fs::read_to_string(&copy).unwrap();
    text.push_str(&serde_json::to_string(&note(9)).unwrap());
    text.push('\n');
    fs::write(&more, text).unwrap();

    let out = Command::new(env!("CARGO_BIN_EXE_coregroup"))
        .args(["status", case.root().to_str().unwrap()])
        .env("COREGROUP_DATA_DIR", &data)
        .env("COREGROUP_CONFIG_DIR", dir.path())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(!copy.exists(), "{err}");
    assert!(err.contains("Removed 1 emergency copy"), "{err}");
    assert!(
        more.exists(),
        "a copy holding more than the case was removed"
    );
}
