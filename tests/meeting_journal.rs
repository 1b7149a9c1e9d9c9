//! The journal of a meeting in progress, driven the way the meeting screen drives it: create,
//! record, sync, crash, recover, replay, resume, set aside, finish, and writes that fail.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use coregroup::domain::example;
use coregroup::domain::meeting::{
    Attendance, Change, ChildViews, Contribution, Note, Presence, Tag,
};
use coregroup::domain::plan::{Action, ActionStatus};
use coregroup::store::journal::{self, Header, JOURNAL_FILE, Journal};
use coregroup::store::{CaseFolder, Health, MeetingStore};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
}

fn header() -> Header {
    Header::new("2026-11-24", "core-group", today(), "CP/2026/0417")
}

fn case() -> (tempfile::TempDir, CaseFolder) {
    let dir = tempfile::tempdir().unwrap();
    let case = CaseFolder::at(dir.path());
    (dir, case)
}

/// A varied change; text holds newlines, quotes, escapes, Welsh and right-to-left letters.
fn change(i: usize) -> Change {
    let text = format!(
        "Note {i}: said \"fine\"\nline two \u{1b}[31m ŵ ŷ שלום \u{202e} {}",
        "x".repeat(i % 50)
    );
    match i % 5 {
        0 => Change::Note(Note {
            id: format!("n{i}"),
            subject: String::new(),
            step: "progress".into(),
            text,
            privacy: coregroup::domain::privacy::Privacy::marked(i.is_multiple_of(2)),
        }),
        1 => Change::Contribution(Contribution {
            id: format!("c{i}"),
            member: "sw".into(),
            text,
            tag: Some(Tag::Observation),
            outcomes: Vec::new(),
            privacy: Default::default(),
        }),
        2 => Change::ChildViews(ChildViews {
            wishes_and_feelings: text,
            ..ChildViews::default()
        }),
        3 => Change::Attendance(Attendance {
            privacy: Default::default(),
            member: "sw".into(),
            presence: Some(Presence::Present),
            substitute: String::new(),
            written_update: false,
            written_update_summary: String::new(),
        }),
        _ => Change::Step(i % 12),
    }
}

fn journal_path(case: &CaseFolder) -> PathBuf {
    case.state_dir().join(JOURNAL_FILE)
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[cfg(unix)]
fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}

#[test]
fn a_thousand_changes_come_back_exactly() {
    let (_dir, case) = case();
    let mut j = Journal::create(&case, &header()).unwrap();
    let changes: Vec<Change> = (0..1000).map(change).collect();
    for c in &changes {
        j.append(c).unwrap();
    }
    j.sync().unwrap();
    let path = Journal::find(&case).expect("an unfinished meeting");
    let r = journal::recover(&path).unwrap();
    assert_eq!(r.header, header_with(&r.header));
    assert_eq!(r.changes, changes);
    assert!(!r.torn_tail);
    #[cfg(unix)]
    {
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(&case.state_dir()), 0o700);
    }
}

/// The header as written, with its start time (set at creation) taken from `r`.
fn header_with(r: &Header) -> Header {
    Header {
        started_at: r.started_at,
        ..header()
    }
}

#[test]
fn a_new_meeting_never_overwrites_an_unfinished_one() {
    let (_dir, case) = case();
    let mut j = Journal::create(&case, &header()).unwrap();
    j.append(&change(0)).unwrap();
    let err = Journal::create(&case, &header()).unwrap_err();
    assert_eq!(err.kind(), std::io::ErrorKind::AlreadyExists);
    assert_eq!(
        journal::recover(&journal_path(&case))
            .unwrap()
            .changes
            .len(),
        1
    );
}

#[test]
fn a_torn_last_line_is_dropped_reported_and_the_rest_recovered() {
    let (_dir, case) = case();
    let mut j = Journal::create(&case, &header()).unwrap();
    for i in 0..20 {
        j.append(&change(i)).unwrap();
    }
    drop(j);
    let path = journal_path(&case);
    let full = fs::read(&path).unwrap();
    // Cut the file in the middle of the last line, as a crash during a write would.
    let last_start = full[..full.len() - 1]
        .iter()
        .rposition(|b| *b == b'\n')
        .unwrap()
        + 1;
    let cut = last_start + (full.len() - last_start) / 2;
    fs::OpenOptions::new()
        .write(true)
        .open(&path)
        .unwrap()
        .set_len(cut as u64)
        .unwrap();

    let r = journal::recover(&path).unwrap();
    assert!(r.torn_tail);
    assert_eq!(r.changes, (0..19).map(change).collect::<Vec<_>>());

    // Resuming cuts the torn bytes off (keeping them aside) and appends after the last whole line.
    let mut store = MeetingStore::resume(&case, &r).unwrap();
    store.record(&change(100)).unwrap();
    store.sync().unwrap();
    assert_eq!(store.health(), Health::Saved);
    let again = journal::recover(&path).unwrap();
    assert!(!again.torn_tail);
    assert_eq!(again.changes.len(), 20);
    assert_eq!(again.changes[19], change(100));
    let kept: Vec<_> = fs::read_dir(case.state_dir())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with("torn-tail-"))
        .collect();
    assert_eq!(kept.len(), 1);
    assert_eq!(fs::read(kept[0].path()).unwrap(), &full[last_start..cut]);
    #[cfg(unix)]
    assert_eq!(mode(&kept[0].path()), 0o600);
}

#[test]
fn zeros_left_by_the_file_system_after_a_crash_count_as_a_torn_tail() {
    let (_dir, case) = case();
    let mut j = Journal::create(&case, &header()).unwrap();
    j.append(&change(1)).unwrap();
    drop(j);
    let path = journal_path(&case);
    let mut bytes = fs::read(&path).unwrap();
    bytes.extend_from_slice(&[0; 4096]);
    fs::write(&path, &bytes).unwrap();
    let r = journal::recover(&path).unwrap();
    assert!(r.torn_tail);
    assert_eq!(r.changes, vec![change(1)]);
}

#[test]
fn a_whole_last_line_missing_only_its_newline_is_kept() {
    let (_dir, case) = case();
    let mut j = Journal::create(&case, &header()).unwrap();
    j.append(&change(1)).unwrap();
    j.append(&change(2)).unwrap();
    drop(j);
    let path = journal_path(&case);
    let bytes = fs::read(&path).unwrap();
    fs::write(&path, &bytes[..bytes.len() - 1]).unwrap();
    let r = journal::recover(&path).unwrap();
    assert!(!r.torn_tail);
    assert_eq!(r.changes, vec![change(1), change(2)]);
    let mut store = MeetingStore::resume(&case, &r).unwrap();
    store.record(&change(3)).unwrap();
    drop(store);
    let r = journal::recover(&path).unwrap();
    assert_eq!(r.changes, vec![change(1), change(2), change(3)]);
}

#[test]
fn a_damaged_line_in_the_middle_is_an_error_naming_the_line() {
    let (_dir, case) = case();
    let mut j = Journal::create(&case, &header()).unwrap();
    for i in 0..10 {
        j.append(&change(i)).unwrap();
    }
    drop(j);
    let path = journal_path(&case);
    let text = fs::read_to_string(&path).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    let damaged = lines[5].replacen('{', "{{", 1);
    lines[5] = &damaged;
    let before = format!("{}\n", lines.join("\n"));
    fs::write(&path, &before).unwrap();
    let err = journal::recover(&path).unwrap_err();
    assert_eq!(err.line, Some(6));
    assert!(err.message.contains("line 6"), "{err}");
    assert!(!err.hint.is_empty());
    // Reading never changes the file.
    assert_eq!(fs::read_to_string(&path).unwrap(), before);
}

#[test]
fn a_file_that_is_not_a_journal_or_from_a_newer_version_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("j.jsonl");
    fs::write(&path, "{\"hello\":1}\n").unwrap();
    let e = journal::recover(&path).unwrap_err();
    assert!(e.message.contains("not a coregroup journal"), "{e}");
    fs::write(&path, "{\"coregroup_journal\":99,\"meeting_id\":\"x\"}\n").unwrap();
    let e = journal::recover(&path).unwrap_err();
    assert!(e.message.contains("newer coregroup"), "{e}");
    fs::write(&path, "").unwrap();
    assert!(
        journal::recover(&path)
            .unwrap_err()
            .message
            .contains("empty")
    );
}

#[test]
fn setting_aside_keeps_the_file_under_a_dated_name() {
    let (_dir, case) = case();
    let mut j = Journal::create(&case, &header()).unwrap();
    j.append(&change(1)).unwrap();
    drop(j);
    let aside = journal::set_aside(&case).unwrap();
    let name = aside.file_name().unwrap().to_string_lossy().to_string();
    assert!(name.starts_with("journal-set-aside-20"), "{name}");
    assert!(name.ends_with(".jsonl"), "{name}");
    assert!(Journal::find(&case).is_none());
    assert_eq!(journal::recover(&aside).unwrap().changes, vec![change(1)]);
    // A second set-aside in the same second gets its own name.
    Journal::create(&case, &header()).unwrap();
    let second = journal::set_aside(&case).unwrap();
    assert_ne!(second, aside);
    assert!(aside.exists() && second.exists());
}

#[test]
fn finishing_keeps_the_journal_in_closed() {
    let (_dir, case) = case();
    let mut store = MeetingStore::create(&case, header()).unwrap();
    store.record(&change(1)).unwrap();
    let kept = store.finish().unwrap();
    assert_eq!(
        kept,
        case.state_dir().join("closed").join("2026-11-24.jsonl")
    );
    assert!(Journal::find(&case).is_none());
    assert_eq!(journal::recover(&kept).unwrap().changes, vec![change(1)]);
    #[cfg(unix)]
    {
        assert_eq!(mode(&kept), 0o600);
        assert_eq!(mode(kept.parent().unwrap()), 0o700);
    }
    assert!(store.record(&change(2)).is_err());
}

#[test]
fn replay_rebuilds_the_draft_and_reports_refused_changes() {
    let (_dir, case) = case();
    let plan = example::plan(today());
    let outcome = plan.outcomes[0].id.clone();
    let mut store = MeetingStore::create(&case, header()).unwrap();
    let good = Change::Action(Action {
        privacy: Default::default(),
        id: "a-new".into(),
        outcome,
        owner: Some("sw".into()),
        what: "Arrange a visit".into(),
        due: Some(today()),
        status: ActionStatus::NotStarted,
        history: Vec::new(),
    });
    let bad = Change::Action(Action {
        privacy: Default::default(),
        id: "a-bad".into(),
        outcome: "no-such-outcome".into(),
        owner: None,
        what: "x".into(),
        due: None,
        status: ActionStatus::NotStarted,
        history: Vec::new(),
    });
    for c in [change(0), good, bad, change(1), Change::Step(4)] {
        store.record(&c).unwrap();
    }
    drop(store);
    let r = journal::recover(&journal_path(&case)).unwrap();
    let replayed = journal::replay(plan.clone(), &r);
    let d = &replayed.draft;
    assert_eq!(d.step, 4);
    assert_eq!(d.meeting.id, "2026-11-24");
    assert_eq!(d.meeting.details.date, Some(today()));
    assert_eq!(d.meeting.notes.len(), 1);
    assert_eq!(d.meeting.contributions.len(), 1);
    assert!(d.plan.action("a-new").is_some());
    assert!(d.plan.action("a-bad").is_none());
    assert_eq!(replayed.refused.len(), 1);
    assert_eq!(replayed.refused[0].line, 4);
    assert!(replayed.refused[0].reason.contains("no-such-outcome"));
}

#[test]
fn health_follows_record_and_sync() {
    let (_dir, case) = case();
    let mut store = MeetingStore::create(&case, header()).unwrap();
    assert_eq!(store.health(), Health::Saved);
    store.record(&change(1)).unwrap();
    assert_eq!(store.health(), Health::Unsynced);
    assert_eq!(store.unsaved(), 1);
    store.sync().unwrap();
    assert_eq!(store.health(), Health::Saved);
    assert_eq!(store.unsaved(), 0);
}

/// A journal deleted mid-meeting (by a user, a clean-up tool) is written again, whole, at the
/// next tick, even when nothing new was typed.
#[test]
fn a_deleted_journal_is_written_again_at_the_next_sync() {
    let (_dir, case) = case();
    let mut store = MeetingStore::create(&case, header()).unwrap();
    for i in 0..4 {
        store.record(&change(i)).unwrap();
    }
    store.sync().unwrap();
    fs::remove_file(journal_path(&case)).unwrap();
    store.sync().unwrap();
    assert_eq!(store.health(), Health::Saved);
    let r = journal::recover(&journal_path(&case)).unwrap();
    assert_eq!(r.changes, (0..4).map(change).collect::<Vec<_>>());
}

/// The emergency copy's lines after the header.
fn emergency_changes(path: &Path) -> Vec<Change> {
    journal::recover(path).unwrap().changes
}

/// Mid-meeting the journal's path stops being writable, in a way that fails even for root: the
/// file is replaced by a folder (as a user or a sync tool might). The meeting goes on in memory,
/// an emergency copy is written, and once the fault is gone everything reaches the journal.
#[test]
fn when_the_journal_cannot_be_written_nothing_is_lost() {
    let (_dir, case) = case();
    let data = tempfile::tempdir().unwrap();
    let mut store = MeetingStore::create(&case, header()).unwrap();
    store.set_emergency_dir(data.path().join("emergency"));
    for i in 0..3 {
        store.record(&change(i)).unwrap();
    }
    store.sync().unwrap();

    let path = journal_path(&case);
    fs::remove_file(&path).unwrap();
    fs::create_dir(&path).unwrap();

    assert!(store.record(&change(3)).is_err());
    assert!(store.record(&change(4)).is_err());
    assert!(store.sync().is_err());
    let Health::Failing {
        since_change,
        emergency_copy,
        error,
    } = store.health()
    else {
        panic!("expected Failing, got {:?}", store.health());
    };
    assert_eq!(since_change, 0, "the journal on disk is gone, so all of it");
    assert!(!error.is_empty());
    let copy = emergency_copy.expect("an emergency copy");
    assert_eq!(
        copy,
        data.path()
            .join("emergency")
            .join("CP_2026_0417-2026-11-24.jsonl")
    );
    assert_eq!(
        emergency_changes(&copy),
        (0..5).map(change).collect::<Vec<_>>()
    );
    assert_eq!(store.unsaved(), 5);
    #[cfg(unix)]
    {
        assert_eq!(mode(&copy), 0o600);
        assert_eq!(mode(copy.parent().unwrap()), 0o700);
    }

    // Later changes keep the copy complete.
    assert!(store.record(&change(5)).is_err());
    assert_eq!(emergency_changes(&copy).len(), 6);

    // The fault goes away: the next record writes everything to the journal.
    fs::remove_dir(&path).unwrap();
    store.record(&change(6)).unwrap();
    store.sync().unwrap();
    assert_eq!(store.health(), Health::Saved);
    assert_eq!(store.unsaved(), 0);
    let r = journal::recover(&path).unwrap();
    assert_eq!(r.changes, (0..7).map(change).collect::<Vec<_>>());
    #[cfg(unix)]
    assert_eq!(mode(&path), 0o600);
    // The emergency copy is kept.
    assert!(copy.exists());
}

/// The same with a read-only `.coregroup` folder, for a user who is not root (root ignores
/// permissions, so there the test has nothing to show).
#[cfg(unix)]
#[test]
fn a_read_only_case_folder_mid_meeting_loses_nothing() {
    use std::os::unix::fs::PermissionsExt;
    if is_root() {
        return;
    }
    let (_dir, case) = case();
    let data = tempfile::tempdir().unwrap();
    let mut store = MeetingStore::create(&case, header()).unwrap();
    store.set_emergency_dir(data.path().join("emergency"));
    store.record(&change(0)).unwrap();
    // The file disappears and the folder turns read-only: it cannot be re-created.
    fs::remove_file(journal_path(&case)).unwrap();
    fs::set_permissions(case.state_dir(), fs::Permissions::from_mode(0o500)).unwrap();
    assert!(store.record(&change(1)).is_err());
    assert!(matches!(store.health(), Health::Failing { .. }));
    let Health::Failing { emergency_copy, .. } = store.health() else {
        unreachable!()
    };
    assert_eq!(emergency_changes(&emergency_copy.unwrap()).len(), 2);
    fs::set_permissions(case.state_dir(), fs::Permissions::from_mode(0o700)).unwrap();
    store.sync().unwrap();
    assert_eq!(store.health(), Health::Saved);
    assert_eq!(
        journal::recover(&journal_path(&case))
            .unwrap()
            .changes
            .len(),
        2
    );
}

/// A file that is not ours, put where the journal was, is moved aside and kept, not overwritten.
#[test]
fn a_stranger_file_in_place_of_the_journal_is_kept() {
    let (_dir, case) = case();
    let mut store = MeetingStore::create(&case, header()).unwrap();
    store.record(&change(0)).unwrap();
    let path = journal_path(&case);
    fs::remove_file(&path).unwrap();
    fs::write(&path, "someone else's words").unwrap();
    store.record(&change(1)).unwrap();
    assert_eq!(journal::recover(&path).unwrap().changes.len(), 2);
    let displaced: Vec<_> = fs::read_dir(case.state_dir())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("journal-displaced-")
        })
        .collect();
    assert_eq!(displaced.len(), 1);
    assert_eq!(
        fs::read_to_string(displaced[0].path()).unwrap(),
        "someone else's words"
    );
}

/// A link put where the journal was is moved aside, never written through.
#[cfg(unix)]
#[test]
fn a_link_in_place_of_the_journal_is_not_followed() {
    let (_dir, case) = case();
    let elsewhere = tempfile::tempdir().unwrap();
    let target = elsewhere.path().join("target.txt");
    fs::write(&target, "untouched").unwrap();
    let mut store = MeetingStore::create(&case, header()).unwrap();
    store.record(&change(0)).unwrap();
    let path = journal_path(&case);
    fs::remove_file(&path).unwrap();
    std::os::unix::fs::symlink(&target, &path).unwrap();
    store.record(&change(1)).unwrap();
    assert!(
        !fs::symlink_metadata(&path)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(journal::recover(&path).unwrap().changes.len(), 2);
    assert_eq!(fs::read_to_string(&target).unwrap(), "untouched");
}

/// An action typed while the journal could not be written (the disk full, say): the user left,
/// so the emergency copy is the newest record. It is found, the meeting carries on from it with
/// the action, and the shorter journal is kept beside it.
#[test]
fn after_leaving_while_saving_failed_the_emergency_copy_is_resumed_from() {
    let (_dir, case) = case();
    let data = tempfile::tempdir().unwrap();
    let copies = data.path().join("emergency");
    let mut store = MeetingStore::create(&case, header()).unwrap();
    store.set_emergency_dir(copies.clone());
    store.record(&change(0)).unwrap();
    store.record(&change(1)).unwrap();
    store.sync().unwrap();
    let path = journal_path(&case);
    let on_disk = fs::read(&path).unwrap();

    // Saving fails; an action is typed; the user leaves.
    fs::remove_file(&path).unwrap();
    fs::create_dir(&path).unwrap();
    let action = Change::Action(Action {
        privacy: Default::default(),
        id: "a20".into(),
        outcome: "o1".into(),
        owner: Some("sw".into()),
        what: "Typed while the disk was full.".into(),
        due: None,
        status: ActionStatus::NotStarted,
        history: Vec::new(),
    });
    assert!(store.record(&action).is_err());
    store.crash();
    // What the full disk kept: the journal as it was before the fault.
    fs::remove_dir(&path).unwrap();
    fs::write(&path, &on_disk).unwrap();

    let journal = journal::recover(&path).unwrap();
    assert_eq!(journal.changes.len(), 2);
    let reference = &header().case_reference;
    let (copy, newer) = coregroup::store::meeting_store::newer_emergency_copy(
        &case,
        reference,
        Some(&journal),
        &copies,
    )
    .expect("the emergency copy is newer");
    assert!(copy.starts_with(&copies));
    assert_eq!(newer.changes.last(), Some(&action));
    coregroup::store::meeting_store::adopt_emergency_copy(&case, &newer).unwrap();
    let resumed = journal::recover(&path).unwrap();
    assert_eq!(resumed.changes, vec![change(0), change(1), action.clone()]);
    assert_eq!(resumed.header, journal.header);
    #[cfg(unix)]
    assert_eq!(mode(&path), 0o600);
    // The journal it replaced is kept.
    let kept: Vec<_> = fs::read_dir(case.state_dir())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("journal-superseded-")
        })
        .collect();
    assert_eq!(kept.len(), 1);
    assert_eq!(fs::read(kept[0].path()).unwrap(), on_disk);

    // Now the journal holds everything the copy does: the copy is not newer any more.
    let store = MeetingStore::resume(&case, &resumed).unwrap();
    assert_eq!(store.len(), 3);
    assert!(
        coregroup::store::meeting_store::newer_emergency_copy(
            &case,
            reference,
            Some(&resumed),
            &copies
        )
        .is_none()
    );
    // Without a journal, a copy whose meeting's journal is kept in the case (set aside) is old.
    drop(store);
    journal::set_aside(&case).unwrap();
    assert!(
        coregroup::store::meeting_store::newer_emergency_copy(&case, reference, None, &copies)
            .is_none()
    );
}

/// A copy of another meeting, or one that lacks changes the journal has, is never taken.
#[test]
fn an_emergency_copy_of_another_meeting_or_an_older_one_is_not_taken() {
    let (_dir, case) = case();
    let data = tempfile::tempdir().unwrap();
    let copies = data.path().join("emergency");
    fs::create_dir_all(&copies).unwrap();
    let mut store = MeetingStore::create(&case, header()).unwrap();
    for i in 0..3 {
        store.record(&change(i)).unwrap();
    }
    store.sync().unwrap();
    drop(store);
    let path = journal_path(&case);
    let journal = journal::recover(&path).unwrap();
    let text = fs::read_to_string(&path).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    // Fewer changes; the same number; more changes but not the journal's.
    fs::write(
        copies.join("CP_2026_0417-2026-11-24.jsonl"),
        lines[..3].join("\n") + "\n",
    )
    .unwrap();
    fs::write(copies.join("CP_2026_0417-2026-11-24-2.jsonl"), text.clone()).unwrap();
    let mut other = vec![lines[0], lines[1], lines[3], lines[2]];
    let extra = serde_json::to_string(&change(7)).unwrap();
    other.push(&extra);
    fs::write(
        copies.join("CP_2026_0417-2026-11-24-3.jsonl"),
        other.join("\n") + "\n",
    )
    .unwrap();
    let reference = &header().case_reference;
    assert!(
        coregroup::store::meeting_store::newer_emergency_copy(
            &case,
            reference,
            Some(&journal),
            &copies
        )
        .is_none()
    );
}
