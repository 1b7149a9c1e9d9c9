//! A meeting resumed after `plan.yaml` was edited by hand, or with a journal that is not this
//! case's: the screen says what no longer applies, nothing deleted comes back, the minutes never
//! show a bare member id, and a foreign journal is refused.

#![cfg(unix)]

mod support;

use std::path::Path;
use std::process::Command;

use coregroup::agenda::AgendaSnapshot;
use coregroup::domain::close::close;
use coregroup::domain::meeting::{Attendance, Change, Contribution, Presence};
use coregroup::domain::plan::{NOT_IN_PLAN, Plan};
use coregroup::domain::validate::{Severity, validate};
use coregroup::export::render_all;
use coregroup::store::CaseFolder;
use coregroup::store::journal::{self, Header, Journal};
use coregroup::store::meeting_store::MeetingStore;
use support::pty::Session;

const ENTER: &[u8] = b"\r";
const CTRL_X: &[u8] = b"\x18";

fn date() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
}

fn new_example(dir: &Path) -> CaseFolder {
    let case = dir.join("case");
    let out = Command::new(env!("CARGO_BIN_EXE_coregroup"))
        .args(["new", "--example", "--today", "2026-11-24"])
        .arg(&case)
        .env("COREGROUP_CONFIG_DIR", dir.join("config"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    CaseFolder::open(&case).unwrap()
}

fn is_valid(plan: &Plan) -> bool {
    validate(plan).iter().all(|p| p.severity != Severity::Error)
}

/// A meeting stopped part way: its journal, made against the case's plan as it is, holds the
/// attendance and an update of `member` and an edit and a review of `action`.
fn stopped_meeting(case: &CaseFolder, member: &str, action: &str) {
    let (plan, source) = case.open_plan().unwrap();
    let header = Header::new("2026-11-24", "core-group", date(), &plan.case.reference)
        .made_against(source.print, &plan);
    let mut store = MeetingStore::create(case, header).unwrap();
    let mut edited = plan.action(action).unwrap().clone();
    edited.what = "Edited during the meeting".into();
    let changes = [
        Change::Attendance(Attendance {
            member: member.into(),
            presence: Some(Presence::Present),
            substitute: String::new(),
            written_update: false,
            written_update_summary: String::new(),
            privacy: Default::default(),
        }),
        Change::Contribution(Contribution {
            id: "c1".into(),
            member: member.into(),
            text: "Said something worth keeping".into(),
            tag: None,
            outcomes: Vec::new(),
            privacy: Default::default(),
        }),
        Change::Action(edited),
        Change::ActionReview(coregroup::domain::meeting::ActionReview {
            action: action.into(),
            status: coregroup::domain::plan::ActionStatus::InProgress,
            note: "Reviewed".into(),
            privacy: Default::default(),
        }),
    ];
    for c in &changes {
        store.record(c).unwrap();
    }
    store.sync().unwrap();
}

/// Remove a member and an action from the plan, as a hand edit would, keeping it valid.
fn edit_by_hand(case: &CaseFolder) -> (String, String, String) {
    let plan = case.load_plan().unwrap();
    for (mi, m) in plan.members.iter().enumerate() {
        for (ai, a) in plan.actions.iter().enumerate() {
            let mut edited = plan.clone();
            edited.members.remove(mi);
            edited.actions.remove(ai);
            if is_valid(&edited) {
                return (m.id.clone(), m.name.clone(), a.id.clone());
            }
        }
    }
    panic!("no member and action can be removed from the example and leave it valid");
}

#[test]
fn a_hand_edit_between_a_stop_and_the_resume_is_shown_on_the_screen_and_undoes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("config")).unwrap();
    std::fs::create_dir(dir.path().join("data")).unwrap();
    let case = new_example(dir.path());
    let (member, name, action) = edit_by_hand(&case);
    stopped_meeting(&case, &member, &action);
    let mut plan = case.load_plan().unwrap();
    plan.members.retain(|m| m.id != member);
    plan.actions.retain(|a| a.id != action);
    std::fs::write(
        case.plan_path(),
        coregroup::store::plan_yaml::to_string(&plan).unwrap(),
    )
    .unwrap();

    let config = dir.path().join("config");
    let data = dir.path().join("data");
    let mut s = Session::start(
        &["meeting", case.root().to_str().unwrap()],
        &[
            ("COREGROUP_CONFIG_DIR", config.as_path()),
            ("COREGROUP_DATA_DIR", data.as_path()),
        ],
        100,
        30,
    );
    s.wait_for("[R/s/d]");
    s.send(ENTER);
    // On the screen itself, over the meeting.
    s.wait_for("1/12 Introductions");
    s.wait_for("plan.yaml was edited since this meeting began");
    s.wait_for(&format!("{name} is no longer a member"));
    s.wait_for(&format!("action {action} was deleted"));
    s.send(b"y");
    s.send(CTRL_X);
    s.wait_exit();

    // The deleted action stays deleted; the member's words are kept, never under a bare id.
    let recovered = journal::recover(&Journal::path_in(&case)).unwrap();
    let replayed = journal::replay(plan.clone(), &recovered);
    let draft = &replayed.draft;
    assert!(draft.plan.action(&action).is_none());
    assert!(
        draft
            .meeting
            .action_reviews
            .iter()
            .all(|r| r.action != action)
    );
    assert!(draft.meeting.attendance.iter().all(|a| a.member != member));
    assert_eq!(draft.meeting.contributions.len(), 1);
    let agenda = coregroup::store::agenda_files::load("core-group").unwrap();
    let closed = close(&plan, draft, &agenda, &[]);
    let calendar = coregroup::domain::calendar::Calendar::new(plan.case.division);
    let docs = render_all(
        coregroup::export::Case::at_close(&closed.meeting, &closed.plan),
        &AgendaSnapshot::of(&agenda),
        &calendar,
    );
    let minutes = &docs[0].text;
    assert!(
        minutes.contains("Said something worth keeping"),
        "{minutes}"
    );
    assert!(minutes.contains(NOT_IN_PLAN), "{minutes}");
    let line = minutes
        .lines()
        .find(|l| l.contains("Said something worth keeping"))
        .unwrap();
    assert!(
        !line
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| w == member),
        "{line}"
    );
}

fn meeting_refused(case: &CaseFolder) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_coregroup"))
        .args(["meeting"])
        .arg(case.root())
        .env("COREGROUP_CONFIG_DIR", case.root().join("no-config"))
        .output()
        .unwrap();
    assert!(!out.status.success(), "{out:?}");
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn a_journal_from_another_case_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let case = new_example(dir.path());
    let header = Header::new("2026-11-24", "core-group", date(), "OTHER-CASE-1");
    drop(MeetingStore::create(&case, header).unwrap());
    let err = meeting_refused(&case);
    assert!(err.contains("belongs to the case OTHER-CASE-1"), "{err}");
    assert!(err.contains("journal.jsonl"), "{err}");
    // Left exactly where it was.
    assert!(Journal::path_in(&case).exists());
}

#[test]
fn a_journal_whose_meeting_id_is_a_path_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let case = new_example(dir.path());
    let reference = case.load_plan().unwrap().case.reference;
    for id in ["../x", "/etc", "a/b", "..", ".hidden", ""] {
        let header = Header::new(id, "core-group", date(), &reference);
        let path = Journal::path_in(&case);
        let _ = std::fs::remove_file(&path);
        std::fs::create_dir_all(case.state_dir()).unwrap();
        std::fs::write(
            &path,
            format!("{}\n", serde_json::to_string(&header).unwrap()),
        )
        .unwrap();
        let err = meeting_refused(&case);
        assert!(err.contains("is not a meeting's name"), "{id}: {err}");
        assert!(!dir.path().join("x").exists());
    }
}
