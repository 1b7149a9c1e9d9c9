//! Closing is all-or-nothing and always finishes: a crash at every step of a close, then what the
//! next command does, gives exactly the case a clean close gives. (The crashes come from the
//! failpoint of debug builds.)
#![cfg(debug_assertions)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::{Days, NaiveDate};
use coregroup::cases::close::write_closed;
use coregroup::cases::new_case::create_case;
use coregroup::domain::agenda::Agenda;
use coregroup::domain::close::close;
use coregroup::domain::meeting::{ActionReview, Change, ChildViews, NextMeeting};
use coregroup::domain::plan::{Action, ActionStatus, Plan};
use coregroup::store::journal::{self, CLOSED_DIR, Header, Journal};
use coregroup::store::{CaseFolder, MeetingStore, failpoint, plan_cache, recovery, temporary};

mod common;
#[cfg(unix)]
mod support;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
}

const MEETING: &str = "2026-11-24";

/// What the minute-taker records: a new action, a review, the child's views, the next date.
fn changes(before: &Plan) -> Vec<Change> {
    let mut a2 = before.action("a2").unwrap().clone();
    a2.due = NaiveDate::from_ymd_opt(2027, 1, 5);
    vec![
        Change::Action(Action {
            privacy: Default::default(),
            id: "a13".into(),
            outcome: "o1".into(),
            owner: Some("school".into()),
            what: "Offer Kayla a place at breakfast club.".into(),
            due: today().checked_add_days(Days::new(14)),
            status: ActionStatus::NotStarted,
            history: Vec::new(),
        }),
        Change::ActionReview(ActionReview {
            action: "a1".into(),
            status: ActionStatus::Achieved,
            note: "Kayla has been walked to school every day.".into(),
            privacy: Default::default(),
        }),
        Change::Action(a2),
        Change::ChildViews(ChildViews {
            child: Some("kayla".into()),
            wishes_and_feelings: "Kayla wants Nan to keep staying over.".into(),
            feels_safe: None,
            daily_life_improved: None,
            how_gathered: "Seen alone at school.".into(),
            privacy: Default::default(),
        }),
        Change::NextMeeting(NextMeeting {
            privacy: Default::default(),
            date: NaiveDate::from_ymd_opt(2027, 1, 5),
            time: None,
            venue: "Millbrook Family Centre".into(),
            reason_for_gap: String::new(),
            countersigned_by: String::new(),
            later: Vec::new(),
        }),
    ]
}

/// A case with a meeting in progress, everything recorded and synced.
fn meeting_in_progress(root: &Path) -> (CaseFolder, MeetingStore) {
    create_case(root, true, today()).unwrap();
    let case = CaseFolder::open(root).unwrap();
    let plan = case.load_plan().unwrap();
    let header = Header::new(MEETING, "core-group", today(), &plan.case.reference);
    let mut store = MeetingStore::create(&case, header).unwrap();
    for c in changes(&plan) {
        store.record(&c).unwrap();
    }
    store.sync().unwrap();
    (case, store)
}

/// What the meeting command does when the chair closes: the record from the journal, the
/// meeting's files and the case's plan, the parsed copy of the plan, the journal filed away.
fn close_meeting(
    case: &CaseFolder,
    store: &mut MeetingStore,
    agenda: &Agenda,
) -> std::io::Result<()> {
    let (before, read_from) = case.open_plan().unwrap();
    let recovered = journal::recover(store.journal_path()).unwrap();
    let draft = journal::replay(before.clone(), &recovered).draft;
    let closed = close(&before, &draft, agenda, &[]);
    let (_, text, _) = write_closed(case, &before, Some(read_from), &closed, agenda)?;
    plan_cache::remember(case.root(), text.as_bytes(), &closed.plan);
    store.finish()?;
    Ok(())
}

/// Every file under `dir` (relative path → bytes), leaving out the parsed copy of the plan,
/// which is only a cache, and the closed journal, whose header holds the time it started.
fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let e = e.unwrap();
            let path = e.path();
            if e.file_type().unwrap().is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(dir).unwrap().to_path_buf();
                let name = rel.to_string_lossy();
                if name.ends_with("plan-cache.json") || name.contains(CLOSED_DIR) {
                    continue;
                }
                out.insert(rel, fs::read(&path).unwrap());
            }
        }
    }
    out
}

#[cfg(unix)]
fn modes_are_owner_only(dir: &Path, at: usize) {
    use std::os::unix::fs::PermissionsExt;
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let e = e.unwrap();
            let meta = fs::symlink_metadata(e.path()).unwrap();
            let mode = meta.permissions().mode() & 0o777;
            if meta.is_dir() {
                assert_eq!(mode, 0o700, "step {at}: {}", e.path().display());
                stack.push(e.path());
            } else {
                assert_eq!(mode, 0o600, "step {at}: {}", e.path().display());
            }
        }
    }
}

fn closed_journals(case: &CaseFolder) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(case.state_dir().join(CLOSED_DIR))
        .map(|d| {
            d.filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// The case after a close that nothing interrupted.
fn clean_close(agenda: &Agenda) -> BTreeMap<PathBuf, Vec<u8>> {
    let dir = tempfile::tempdir().unwrap();
    let (case, mut store) = meeting_in_progress(dir.path());
    close_meeting(&case, &mut store, agenda).unwrap();
    drop(store);
    files(dir.path())
}

/// The sweep: crash at step 1, 2, 3… of the close until a close runs to its end; after each
/// crash every file is owner-only, and after what the next command does (finish the close, or
/// resume the meeting and close it again) the case is exactly what a clean close leaves.
#[test]
fn a_close_cut_short_at_any_step_ends_as_a_clean_close() {
    let agenda = common::agenda();
    let clean = clean_close(&agenda);
    assert!(clean.contains_key(Path::new("meetings/2026-11-24/minutes.yaml")));
    let mut finished_by_recovery = 0;
    let mut resumed = 0;
    for at in 1.. {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        let (case, mut store) = meeting_in_progress(&root);
        let plan_before = fs::read(case.plan_path()).unwrap();
        // The parsed copy is made on opening, before the chair closes.
        case.open_plan().unwrap();

        failpoint::arm(&root, at);
        let result = close_meeting(&case, &mut store, &agenda);
        let seen = failpoint::disarm(&root);
        if result.is_ok() {
            assert!(seen < at, "step {at} failed but the close said it worked");
            break;
        }
        assert!(at < 500, "the close never completes");
        // The process is dead: nothing of it runs any more.
        store.crash();
        #[cfg(unix)]
        modes_are_owner_only(&root, at);

        // The next command on the case.
        let notices = recovery::finish(&case).unwrap();
        if Journal::find(&case).is_some() {
            // Not closed: the meeting resumes as it was and is closed again.
            assert_eq!(
                fs::read(case.plan_path()).unwrap(),
                plan_before,
                "step {at}"
            );
            assert!(case.meeting_ids().unwrap().iter().all(|id| id != MEETING));
            let recovered = journal::recover(&Journal::path_in(&case)).unwrap();
            assert_eq!(
                recovered.changes.len(),
                changes(&case.load_plan().unwrap()).len()
            );
            let mut store = MeetingStore::resume(&case, &recovered).unwrap();
            close_meeting(&case, &mut store, &agenda).unwrap();
            resumed += 1;
        } else {
            // Said in one line, once.
            assert!(
                notices
                    .iter()
                    .filter(|n| n.contains("Finished closing"))
                    .count()
                    <= 1,
                "{notices:?}"
            );
            finished_by_recovery += 1;
        }

        assert_eq!(
            files(&root),
            clean,
            "step {at}: the case differs from a clean close"
        );
        assert_eq!(
            closed_journals(&case),
            [format!("{MEETING}.jsonl")],
            "step {at}"
        );
        assert!(temporary::temporary_files(&case).is_empty(), "step {at}");
        let plan = case.load_plan().unwrap();
        let mut dates: Vec<_> = plan.key_dates.core_groups.iter().map(|c| c.date).collect();
        dates.dedup();
        assert_eq!(dates.len(), plan.key_dates.core_groups.len(), "step {at}");
        assert!(plan.action("a13").is_some(), "step {at}");
        assert_eq!(
            plan.action("a1").unwrap().status,
            ActionStatus::Achieved,
            "step {at}"
        );
    }
    assert!(resumed > 0, "no crash left the meeting open");
    assert!(finished_by_recovery > 0, "no crash needed finishing");
}

/// The other sweep: one step of the close fails (a full disk, an I/O error) and the program
/// carries on. Before the record is in place the close says so and the meeting stays open, with
/// nothing of the close in place and no temporary file left; closing again gives a clean close.
/// After it the meeting is closed, and what is left (the plan, the journal) the next command
/// finishes.
#[test]
fn a_close_that_fails_at_any_one_step_stays_open_or_is_finished_later() {
    let agenda = common::agenda();
    let clean = clean_close(&agenda);
    let (mut stayed_open, mut closed_late) = (0, 0);
    for at in 1.. {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        let (case, mut store) = meeting_in_progress(&root);
        let plan_before = fs::read(case.plan_path()).unwrap();
        let (before, read_from) = case.open_plan().unwrap();
        let recovered = journal::recover(store.journal_path()).unwrap();
        let draft = journal::replay(before.clone(), &recovered).draft;
        let closed = close(&before, &draft, &agenda, &[]);

        failpoint::arm_once(&root, at);
        let written = write_closed(&case, &before, Some(read_from), &closed, &agenda);
        let filed = written.as_ref().ok().map(|_| store.finish());
        let seen = failpoint::disarm(&root);
        if seen < at {
            assert!(written.is_ok() && filed.is_some_and(|f| f.is_ok()));
            break;
        }
        assert!(at < 500, "the close never completes");
        if written.is_err() {
            assert!(
                case.meeting_ids().unwrap().iter().all(|id| id != MEETING),
                "step {at}"
            );
            assert_eq!(
                fs::read(case.plan_path()).unwrap(),
                plan_before,
                "step {at}"
            );
            assert!(Journal::find(&case).is_some(), "step {at}");
            assert!(temporary::temporary_files(&case).is_empty(), "step {at}");
            close_meeting(&case, &mut store, &agenda).unwrap();
            stayed_open += 1;
        } else {
            assert!(
                case.meeting_ids().unwrap().iter().any(|id| id == MEETING),
                "step {at}"
            );
            if !recovery::plan_pending(&case) {
                assert_eq!(
                    fs::read(case.plan_path()).unwrap(),
                    fs::read(case.meeting_dir(MEETING).join("plan.yaml")).unwrap(),
                    "step {at}"
                );
            }
            drop(store);
            recovery::finish(&case).unwrap();
            closed_late += 1;
        }
        assert_eq!(
            files(&root),
            clean,
            "step {at}: the case differs from a clean close"
        );
        assert_eq!(
            closed_journals(&case),
            [format!("{MEETING}.jsonl")],
            "step {at}"
        );
        assert!(temporary::temporary_files(&case).is_empty(), "step {at}");
    }
    assert!(stayed_open > 0 && closed_late > 0);
}

fn coregroup(args: &[&str]) -> (i32, String, String) {
    let config = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_coregroup"))
        .args(args)
        .env("COREGROUP_CONFIG_DIR", config.path())
        .output()
        .expect("the binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A case whose close was cut short just after its record went in place: the case's plan is
/// still the old one. Returns the case and the plan's bytes before the close.
fn half_closed_case(root: &Path, agenda: &Agenda) -> (CaseFolder, Vec<u8>) {
    let (case, mut store) = meeting_in_progress(root);
    let plan_before = fs::read(case.plan_path()).unwrap();
    // Find the step that puts the record in place, on a case of its own, and crash there.
    let mut at = 1;
    loop {
        let probe = tempfile::tempdir().unwrap();
        let probe_root = probe.path().canonicalize().unwrap();
        let (probe_case, mut probe_store) = meeting_in_progress(&probe_root);
        failpoint::arm(&probe_root, at);
        let _ = close_meeting(&probe_case, &mut probe_store, agenda);
        failpoint::disarm(&probe_root);
        probe_store.crash();
        if probe_case
            .meeting_ids()
            .unwrap()
            .iter()
            .any(|id| id == MEETING)
        {
            break;
        }
        at += 1;
    }
    failpoint::arm(root, at);
    assert!(close_meeting(&case, &mut store, agenda).is_err());
    failpoint::disarm(root);
    store.crash();
    assert_eq!(fs::read(case.plan_path()).unwrap(), plan_before);
    assert!(case.meeting_ids().unwrap().iter().any(|id| id == MEETING));
    (case, plan_before)
}

/// `check` says a close was cut short and names the command that finishes it; `status`
/// finishes it in one line and then reports on the new plan.
#[test]
fn check_reports_a_half_closed_meeting_and_status_finishes_it() {
    let agenda = common::agenda();
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let (case, _) = half_closed_case(&root, &agenda);
    let root_arg = root.to_str().unwrap();

    let (code, out, _) = coregroup(&["check", root_arg]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("the meeting 2026-11-24 was interrupted while closing"),
        "{out}"
    );
    assert!(
        out.contains(&format!("run `coregroup status {root_arg}`")),
        "{out}"
    );

    let (code, _, err) = coregroup(&["status", root_arg, "--today", "2026-11-24"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        err.lines()
            .filter(|l| l.starts_with("Finished closing the meeting 2026-11-24"))
            .count(),
        1,
        "{err}"
    );
    assert_eq!(
        fs::read(case.plan_path()).unwrap(),
        fs::read(case.meeting_dir(MEETING).join("plan.yaml")).unwrap()
    );
    assert!(Journal::find(&case).is_none());
    let (code, out, _) = coregroup(&["check", root_arg]);
    assert!(!out.contains("interrupted"), "{out}");
    assert_eq!(code, 0, "{out}");
}

/// `meeting` on a half-closed case finishes the close, says so, and opens a new meeting on the
/// plan the closed one left; it never offers to resume or starts over the old plan.
#[cfg(unix)]
#[test]
fn meeting_finishes_a_half_closed_meeting_before_anything_else() {
    let agenda = common::agenda();
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("case");
    fs::create_dir(&root).unwrap();
    let root = root.canonicalize().unwrap();
    let (case, _) = half_closed_case(&root, &agenda);
    let config = dir.path().join("config");
    let data = dir.path().join("data");
    fs::create_dir(&config).unwrap();
    fs::create_dir(&data).unwrap();
    let envs = [
        ("COREGROUP_CONFIG_DIR", config.as_path()),
        ("COREGROUP_DATA_DIR", data.as_path()),
    ];
    let mut s = support::pty::Session::start(&["meeting", root.to_str().unwrap()], &envs, 100, 30);
    s.wait_for("1/12 Introductions");
    let screen = String::from_utf8_lossy(&s.raw()).into_owned();
    assert!(
        screen.contains("Finished closing the meeting 2026-11-24"),
        "{screen}"
    );
    assert!(
        !screen.contains("An unfinished meeting was found"),
        "{screen}"
    );
    assert_eq!(
        fs::read(case.plan_path()).unwrap(),
        fs::read(case.meeting_dir(MEETING).join("plan.yaml")).unwrap()
    );
    assert_eq!(closed_journals(&case), [format!("{MEETING}.jsonl")]);
    s.send(b"\x18");
    assert_eq!(s.wait_exit(), Some(0));
}

/// A temporary file a crash left, holding confidential words, is gone after the next command.
#[test]
fn a_stray_temporary_file_is_removed_by_the_next_command() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("case");
    create_case(&root, true, today()).unwrap();
    let strays = [
        root.join(".stageXy12Ab"),
        root.join("meetings/2026-10-15/.minutes.md.aB3xY9"),
        root.join(".coregroup/.journal-Qw3rTy"),
    ];
    fs::create_dir_all(root.join(".coregroup")).unwrap();
    for s in &strays {
        fs::write(s, "CONFIDENTIAL: police call-out to the family home").unwrap();
    }
    let (code, _, err) = coregroup(&["status", root.to_str().unwrap(), "--today", "2026-11-24"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("Removed 3 temporary files"), "{err}");
    for s in &strays {
        assert!(!s.exists(), "{} is still there", s.display());
    }
    // Files that are not ours stay.
    assert!(root.join("plan.yaml").is_file());

    // `check` changes nothing of the case, but removes a leftover temporary file too.
    let stray = root.join(".coregroup/.stageQ1w2E3");
    fs::write(&stray, "CONFIDENTIAL").unwrap();
    let (code, out, _) = coregroup(&["check", root.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains(".stageQ1w2E3: left by an interrupted write, and removed"),
        "{out}"
    );
    assert!(!stray.exists());
}

/// Edit the case's plan.yaml as a person would by hand (the text written again, not by
/// coregroup's own writer): `change` applied to the plan it holds.
fn hand_edit(case: &CaseFolder, change: impl FnOnce(&mut Plan)) {
    let mut plan: Plan = coregroup::store::yaml::parse_bytes(
        &fs::read(case.plan_path()).unwrap(),
        &case.plan_path(),
    )
    .unwrap();
    change(&mut plan);
    let text = coregroup::store::plan_yaml::to_string(&plan).unwrap();
    fs::write(case.plan_path(), format!("# edited by hand\n{text}")).unwrap();
}

fn case_plan(case: &CaseFolder) -> Plan {
    coregroup::store::yaml::parse_bytes(&fs::read(case.plan_path()).unwrap(), &case.plan_path())
        .unwrap()
}

/// A close killed once its record is in place; then the worker withholds the father's address
/// in plan.yaml. The next `status` finishes the close by merging: the hand edit and the
/// meeting's decisions are both in the plan, and nothing conflicts.
#[test]
fn a_hand_edit_after_a_crashed_close_survives_its_finishing() {
    let agenda = common::agenda();
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let (case, _) = half_closed_case(&root, &agenda);
    hand_edit(&case, |p| {
        let dad = p.members.iter_mut().find(|m| m.id == "dad").unwrap();
        dad.address = Some("2 Quarry Lane, Eastbrook EB2 7LP".into());
        dad.withhold_address = true;
    });
    let (code, _, err) = coregroup(&["status", root.to_str().unwrap(), "--today", "2026-11-24"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("Finished closing the meeting 2026-11-24"),
        "{err}"
    );
    assert!(err.contains("both sets of changes are in it"), "{err}");
    let plan = case_plan(&case);
    let dad = plan.member("dad").unwrap();
    assert!(dad.withhold_address, "the hand edit was lost");
    assert_eq!(
        dad.address.as_deref(),
        Some("2 Quarry Lane, Eastbrook EB2 7LP")
    );
    assert!(
        plan.action("a13").is_some(),
        "the meeting's new action was lost"
    );
    assert_eq!(plan.action("a1").unwrap().status, ActionStatus::Achieved);
    assert!(!recovery::plan_pending(&case));
    assert!(coregroup::store::plan_write::conflict_files(&case).is_empty());
}

/// plan.yaml edited by hand while the meeting is open: the close merges. A field both changed
/// (the due date of a2) keeps the hand edit; the meeting's date goes in a conflict file, named
/// when the meeting closes and by every command (and `check`) until it is removed.
#[test]
fn a_hand_edit_while_the_meeting_is_open_is_kept_at_the_close() {
    let agenda = common::agenda();
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let (case, mut store) = meeting_in_progress(&root);
    let (before, read_from) = case.open_plan().unwrap();
    let hand_due = NaiveDate::from_ymd_opt(2027, 2, 1);
    hand_edit(&case, |p| {
        p.case.family_address = Some("9 Mill Lane, Eastbrook EB9 9ZZ".into());
        p.actions.iter_mut().find(|a| a.id == "a2").unwrap().due = hand_due;
    });
    let recovered = journal::recover(store.journal_path()).unwrap();
    let draft = journal::replay(before.clone(), &recovered).draft;
    let closed = close(&before, &draft, &agenda, &[]);
    let (_, _, said) = write_closed(&case, &before, Some(read_from), &closed, &agenda).unwrap();
    store.finish().unwrap();
    let said = said.expect("the close says the plan had changed");
    // The field in words a chair reads, not as a path into the file.
    assert!(said.contains("Action a2 (Phone Ms Brennan"), "{said}");
    assert!(said.contains("by when"), "{said}");
    assert!(!said.contains("actions[a2]"), "{said}");
    assert!(said.contains("plan.conflict-2026-11-24.yaml"), "{said}");

    let plan = case_plan(&case);
    assert_eq!(
        plan.case.family_address.as_deref(),
        Some("9 Mill Lane, Eastbrook EB9 9ZZ")
    );
    assert_eq!(
        plan.action("a2").unwrap().due,
        hand_due,
        "the hand edit is kept"
    );
    assert!(plan.action("a13").is_some());
    let conflict = fs::read_to_string(root.join("plan.conflict-2026-11-24.yaml")).unwrap();
    assert!(conflict.contains("actions[a2].due"), "{conflict}");
    assert!(
        conflict.contains("2027-01-05"),
        "the meeting's date is kept: {conflict}"
    );

    let root_arg = root.to_str().unwrap();
    let (_, _, err) = coregroup(&["status", root_arg, "--today", "2026-11-24"]);
    assert!(err.contains("plan.conflict-2026-11-24.yaml"), "{err}");
    let (_, out, _) = coregroup(&["check", root_arg]);
    assert!(out.contains("plan.conflict-2026-11-24.yaml"), "{out}");
    fs::remove_file(root.join("plan.conflict-2026-11-24.yaml")).unwrap();
    let (_, _, err) = coregroup(&["status", root_arg, "--today", "2026-11-24"]);
    assert!(!err.contains("plan.conflict"), "{err}");
}

/// Two closes of the same meeting (two processes that carried on one journal): the second
/// never replaces the record the first wrote, and says why.
#[test]
fn a_close_never_replaces_the_minutes_another_close_wrote() {
    let agenda = common::agenda();
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let (case, store) = meeting_in_progress(&root);
    let (before, read_from) = case.open_plan().unwrap();
    let recovered = journal::recover(store.journal_path()).unwrap();
    let draft = journal::replay(before.clone(), &recovered).draft;
    let closed = close(&before, &draft, &agenda, &[]);
    write_closed(&case, &before, Some(read_from), &closed, &agenda).unwrap();
    let minutes = case.meeting_dir(MEETING).join("minutes.yaml");
    let first = fs::read(&minutes).unwrap();
    let plan_after = fs::read(case.plan_path()).unwrap();

    let mut other = closed.clone();
    other.meeting.details.venue = "Another room".into();
    let e = write_closed(&case, &before, Some(read_from), &other, &agenda).unwrap_err();
    assert!(e.to_string().contains("was closed already"), "{e}");
    assert_eq!(fs::read(&minutes).unwrap(), first);
    assert_eq!(fs::read(case.plan_path()).unwrap(), plan_after);
    assert!(!recovery::plan_pending(&case));
    store.crash();
}
