//! Edits made on the case screen are never lost to another writer: a second screen, a form
//! left open while the plan changed, a close cut short and finished by the screen's own
//! refresh. Real case folders, the real binary in a pseudo-terminal.
#![cfg(all(unix, debug_assertions))]

mod common;
mod support;

use std::fs;
use std::path::Path;

use chrono::NaiveDate;
use coregroup::cases::close::write_closed;
use coregroup::cases::new_case::create_case;
use coregroup::domain::close::close;
use coregroup::domain::meeting::{ActionReview, Change};
use coregroup::domain::plan::{ActionStatus, Plan};
use coregroup::store::journal::{self, Header};
use coregroup::store::{CaseFolder, MeetingStore, failpoint};
use support::pty::Session;

const TODAY: &str = "2026-11-24";

fn today() -> NaiveDate {
    TODAY.parse().unwrap()
}

fn plan_of(case: &Path) -> Plan {
    let path = case.join("plan.yaml");
    coregroup::store::yaml::parse_bytes(&fs::read(&path).unwrap(), &path).unwrap()
}

fn screen(case: &Path, config: &Path) -> Session {
    let s = Session::start(
        &["case", case.to_str().unwrap(), "--today", TODAY],
        &[("COREGROUP_CONFIG_DIR", config)],
        100,
        30,
    );
    s.wait_for("overdue");
    s
}

/// Open Dean Walsh's details from the people pane.
fn open_dean(s: &mut Session) {
    s.send(b"3");
    s.send(b"e");
    s.type_text("dean");
    s.send(b"\r");
    s.wait_for("Role");
}

/// In the open details form: tick "withhold address" and save (past the phone, the title and
/// the preferred name, the last fields).
fn withhold(s: &mut Session) {
    s.send(b"\r\r\r\r\r\r ");
    s.send(b"\r\r\r\r");
}

/// Two case screens: the second withholds Dean's address; the first, whose form opened before
/// that, saves his details untouched. The address stays withheld (the save wrote only what its
/// user changed: nothing).
#[test]
fn a_form_left_open_while_the_plan_changed_does_not_undo_the_change() {
    let tmp = tempfile::tempdir().unwrap();
    let case = tmp.path().join("case");
    let config = tmp.path().join("config");
    create_case(&case, true, today()).unwrap();
    assert!(!plan_of(&case).member("dad").unwrap().withhold_address);

    let mut a = screen(&case, &config);
    open_dean(&mut a);
    let mut b = screen(&case, &config);
    open_dean(&mut b);
    withhold(&mut b);
    b.wait_for("details changed");
    assert!(plan_of(&case).member("dad").unwrap().withhold_address);

    // The stale form, saved as it is (ctrl-s).
    a.send(b"\x13");
    a.wait_for("details changed");
    let dad = plan_of(&case).member("dad").unwrap().clone();
    assert!(dad.withhold_address, "the other screen's change was undone");

    for s in [&mut a, &mut b] {
        s.send(b"q");
        assert_eq!(s.wait_exit(), Some(0));
    }
}

/// The same field changed underneath an open form: the save is refused, on the screen, and
/// the file keeps the other change.
#[test]
fn a_save_over_the_same_field_changed_underneath_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let case = tmp.path().join("case");
    let config = tmp.path().join("config");
    create_case(&case, true, today()).unwrap();
    let mut a = screen(&case, &config);
    open_dean(&mut a);
    // By hand meanwhile: Dean's address withheld.
    let text = fs::read_to_string(case.join("plan.yaml")).unwrap();
    let mut plan = plan_of(&case);
    plan.members
        .iter_mut()
        .find(|m| m.id == "dad")
        .unwrap()
        .withhold_address = true;
    let edited = coregroup::store::plan_yaml::to_string(&plan).unwrap();
    assert_ne!(text, edited);
    fs::write(case.join("plan.yaml"), &edited).unwrap();
    // And his role.
    fs::write(
        case.join("plan.yaml"),
        edited.replace("role: Father", "role: Birth father"),
    )
    .unwrap();
    a.send(b"\x7f\x7f\x7f\x7f\x7f\x7fStepfather");
    a.send(b"\x13");
    a.wait_for("not saved");
    // The field named in words, as the form shows it.
    a.wait_for("(Dean Walsh)'s role changed");
    let dad = plan_of(&case).member("dad").unwrap().clone();
    assert_eq!(dad.role, "Birth father");
    assert!(dad.withhold_address);
    // The screen is left as it is: dropping the session ends it.
}

/// What the minute-taker records.
fn record(store: &mut MeetingStore) {
    store
        .record(&Change::ActionReview(ActionReview {
            action: "a1".into(),
            status: ActionStatus::Achieved,
            note: "Kayla has been walked to school every day.".into(),
            privacy: Default::default(),
        }))
        .unwrap();
    store.sync().unwrap();
}

/// Close the meeting `store` holds, crashing at step `at` (0: no crash). Whether the record is
/// in place afterwards.
fn close_crashing_at(case: &CaseFolder, store: &mut MeetingStore, at: usize) -> bool {
    let agenda = common::agenda();
    let (before, read_from) = case.open_plan().unwrap();
    let recovered = journal::recover(store.journal_path()).unwrap();
    let draft = journal::replay(before.clone(), &recovered).draft;
    let closed = close(&before, &draft, &agenda, &[]);
    failpoint::arm(case.root(), at);
    let _ = write_closed(case, &before, Some(read_from), &closed, &agenda);
    failpoint::disarm(case.root());
    case.meeting_ids().unwrap().iter().any(|id| id == TODAY)
}

fn meeting_in_progress(root: &Path) -> (CaseFolder, MeetingStore) {
    create_case(root, true, today()).unwrap();
    let case = CaseFolder::open(root).unwrap();
    let plan = case.load_plan().unwrap();
    let header = Header::new(TODAY, "core-group", today(), &plan.case.reference);
    let mut store = MeetingStore::create(&case, header).unwrap();
    record(&mut store);
    (case, store)
}

/// The first step of a close at which a crash leaves its record in place.
fn record_step() -> usize {
    (1..)
        .find(|&at| {
            let probe = tempfile::tempdir().unwrap();
            let root = probe.path().canonicalize().unwrap();
            let (case, mut store) = meeting_in_progress(&root);
            let placed = close_crashing_at(&case, &mut store, at);
            store.crash();
            placed
        })
        .unwrap()
}

/// The case screen is open while a meeting closes and is cut short once its record is in
/// place. A detail then saved on the screen stays when the screen's refresh finishes the close
/// (the meeting's decisions merged in), and what the finishing did is said on the screen, not
/// printed over it.
#[test]
fn a_case_screen_edit_after_a_crashed_close_survives_the_screen_s_refresh() {
    let at = record_step();
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("case");
    let config = tmp.path().join("config");
    let data = tmp.path().join("data");
    fs::create_dir_all(&data).unwrap();
    let (case, mut store) = meeting_in_progress(&root);
    let mut s = Session::start(
        &["case", root.to_str().unwrap(), "--today", TODAY],
        &[
            ("COREGROUP_CONFIG_DIR", &config),
            ("COREGROUP_DATA_DIR", &data),
        ],
        100,
        30,
    );
    s.wait_for("overdue");
    assert!(close_crashing_at(&case, &mut store, at));
    // The meeting's process is gone: its lock with it.
    drop(store);
    open_dean(&mut s);
    withhold(&mut s);
    s.wait_for("details changed");
    let plan = plan_of(&root);
    assert!(
        plan.member("dad").unwrap().withhold_address,
        "the confirmed edit was wiped"
    );
    assert_eq!(plan.action("a1").unwrap().status, ActionStatus::Achieved);
    s.wait_for("Finished closing");
    let raw = String::from_utf8_lossy(&s.raw()).into_owned();
    let at = raw.find("Finished closing").unwrap();
    let rest = &raw[at..];
    let line = &rest[..rest.find('\x1b').unwrap_or(rest.len())];
    assert!(
        !line.contains('\n'),
        "the notice was printed over the screen: {line:?}"
    );
    s.send(b"q");
    assert_eq!(s.wait_exit(), Some(0));
}
