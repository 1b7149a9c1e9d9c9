//! Every writer against every interference: the close, its roll-forward, a case-screen form,
//! `log`, `circulate`, `export`, `review-report` and set-up, each run while plan.yaml is edited
//! by hand, while a second writer saves a form, killed at a disk step, or with one disk step
//! failing (a full disk). After it, and the next command on the case, every edit is in the
//! plan or in a named conflict file; a writer that did not finish said so, and running it
//! again finishes it. Kills and full disks are tried at a few steps spread over each writer's
//! run, to keep the time modest (`close_interrupted.rs` and `interrupted_writers.rs` try every
//! step of the close and the circulation).
#![cfg(debug_assertions)]

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use coregroup::cases::edit_plan::{PlanEdit, basis, edit_plan};
use coregroup::cases::new_case::{create_case, create_case_with};
use coregroup::domain::case_log::{Event, MemberJoins};
use coregroup::domain::close::close;
use coregroup::domain::meeting::{ActionReview, Change};
use coregroup::domain::plan::{ActionStatus, Plan};
use coregroup::store::journal::{self, Header, Journal};
use coregroup::store::{CaseFolder, MeetingStore, case_log, failpoint, plan_write, recovery};

const MEETING: &str = "2026-11-24";
const HAND_ADDRESS: &str = "2 Quarry Lane, Eastbrook EB2 7LP";
const SECOND_ADDRESS: &str = "9 Mill Lane, Eastbrook EB9 9ZZ";
const FORM_PLAN: &str = "Call the duty team at once.";

fn today() -> NaiveDate {
    MEETING.parse().unwrap()
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Writer {
    Close,
    RollForward,
    CaseForm,
    Log,
    Circulate,
    Export,
    ReviewReport,
    SetUp,
}

const WRITERS: [Writer; 8] = [
    Writer::Close,
    Writer::RollForward,
    Writer::CaseForm,
    Writer::Log,
    Writer::Circulate,
    Writer::Export,
    Writer::ReviewReport,
    Writer::SetUp,
];

#[derive(Clone, Copy, Debug)]
enum Interference {
    HandEdit,
    SecondWriter,
    Kill(usize),
    FullDisk(usize),
}

fn plan_of(root: &Path) -> Plan {
    let path = root.join("plan.yaml");
    coregroup::store::yaml::parse_bytes(&fs::read(&path).unwrap(), &path).unwrap()
}

/// The father's address withheld, in plan.yaml by hand.
fn hand_edit(root: &Path) {
    let mut plan = plan_of(root);
    let dad = plan.members.iter_mut().find(|m| m.id == "dad").unwrap();
    dad.address = Some(HAND_ADDRESS.into());
    dad.withhold_address = true;
    let text = coregroup::store::plan_yaml::to_string(&plan).unwrap();
    fs::write(root.join("plan.yaml"), format!("# by hand\n{text}")).unwrap();
}

fn hand_edit_kept(root: &Path) -> bool {
    let dad = plan_of(root).member("dad").unwrap().clone();
    dad.withhold_address && dad.address.as_deref() == Some(HAND_ADDRESS)
}

fn second_edit_kept(root: &Path) -> bool {
    plan_of(root).case.family_address.as_deref() == Some(SECOND_ADDRESS)
}

/// The case each writer starts from: the example case; for the close a meeting in progress in
/// its journal; for the roll-forward a close cut short once its record was in place; for
/// set-up an empty folder.
fn prepare(dir: &Path, w: Writer) -> PathBuf {
    let root = dir.join("case");
    if w == Writer::SetUp {
        fs::create_dir_all(&root).unwrap();
        return root;
    }
    create_case(&root, true, today()).unwrap();
    if matches!(w, Writer::Close | Writer::RollForward) {
        let case = CaseFolder::open(&root).unwrap();
        let plan = case.load_plan().unwrap();
        let header = Header::new(MEETING, "core-group", today(), &plan.case.reference);
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
    }
    if w == Writer::RollForward {
        let at = record_step();
        let case = CaseFolder::open(&root).unwrap();
        failpoint::arm(&root, at);
        let _ = close_from_journal(&case, &mut || {});
        failpoint::disarm(&root);
        assert!(recovery::plan_pending(&case));
    }
    root
}

/// The first step of a close at which a crash leaves its record in place (found once).
fn record_step() -> usize {
    static AT: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *AT.get_or_init(|| {
        (1..)
            .find(|&at| {
                let probe = tempfile::tempdir().unwrap();
                let root = prepare(probe.path(), Writer::Close);
                let case = CaseFolder::open(&root).unwrap();
                failpoint::arm(&root, at);
                let _ = close_from_journal(&case, &mut || {});
                failpoint::disarm(&root);
                case.meeting_ids().unwrap().iter().any(|id| id == MEETING)
            })
            .unwrap()
    })
}

/// What the meeting command does at close, from the journal on disk; `between` runs after the
/// plan is read, before anything is written.
fn close_from_journal(case: &CaseFolder, between: &mut dyn FnMut()) -> Result<String, String> {
    let agenda = common::agenda();
    let (before, read_from) = case.open_plan().map_err(|e| e.to_string())?;
    let recovered = journal::recover(&Journal::path_in(case)).map_err(|e| e.to_string())?;
    let mut store = MeetingStore::resume(case, &recovered).map_err(|e| e.to_string())?;
    let draft = journal::replay(before.clone(), &recovered).draft;
    let closed = close(&before, &draft, &agenda, &[]);
    between();
    let written =
        coregroup::cases::close::write_closed(case, &before, Some(read_from), &closed, &agenda);
    match written {
        Ok((dir, _, merged)) => {
            let filed = store.finish();
            store.crash();
            filed.map_err(|e| e.to_string())?;
            Ok(format!(
                "closed in {}{}",
                dir.display(),
                merged.unwrap_or_default()
            ))
        }
        Err(e) => {
            store.crash();
            Err(e.to_string())
        }
    }
}

/// Run the writer; `between` is where another edit lands (after the writer read the plan).
fn run(root: &Path, w: Writer, between: &mut dyn FnMut()) -> Result<String, String> {
    if w == Writer::SetUp {
        between();
        let plan = coregroup::domain::example::plan(today());
        return create_case_with(root, &plan)
            .map(|p| p.display().to_string())
            .map_err(|e| e.to_string());
    }
    let case = CaseFolder::open(root).map_err(|e| e.to_string())?;
    match w {
        Writer::Close => close_from_journal(&case, between),
        Writer::RollForward => {
            between();
            recovery::finish(&case)
                .map(|n| n.join(" "))
                .map_err(|e| e.to_string())
        }
        Writer::CaseForm => {
            let b = basis(&case).map_err(|e| e.to_string())?;
            between();
            edit_plan(&case, &b, &PlanEdit::Contingency(FORM_PLAN.into()))
                .map_err(|e| e.to_string())
        }
        Writer::Log => {
            let plan = case.load_plan().map_err(|e| e.to_string())?;
            between();
            let mut member = plan.members.iter().find(|m| !m.family).unwrap().clone();
            member.id = "fsw".into();
            member.name = "Priya Shah".into();
            member.email = None;
            coregroup::cases::log_event::log_event(
                &case,
                &plan,
                Event::MemberJoins(MemberJoins {
                    date: today(),
                    member,
                }),
                today(),
            )
            .map_err(|e| e.to_string())
        }
        Writer::Circulate => {
            let plan = case.load_plan().map_err(|e| e.to_string())?;
            between();
            let agenda =
                coregroup::agenda::shipped(&plan.case.agenda).map_err(|e| e.to_string())?;
            let cal =
                coregroup::store::calendar_files::load_calendar(Some(root), plan.case.division)
                    .map_err(|e| e.to_string())?;
            let now = today()
                .and_hms_opt(10, 0, 0)
                .unwrap()
                .and_utc()
                .fixed_offset();
            let request = coregroup::cases::circulate::Circulation {
                meeting: None,
                day: today(),
                reason: None,
            };
            coregroup::cases::circulate::circulate(&case, &plan, request, now, &agenda.policy, &cal)
                .map(|_| "circulated".into())
                .map_err(|e| e.to_string())
        }
        Writer::Export => {
            between();
            let now = today().and_hms_opt(10, 0, 0).unwrap();
            coregroup::cases::documents::export_meeting_at(&case, None, now)
                .map(|(id, _)| id)
                .map_err(|e| e.to_string())
        }
        Writer::ReviewReport => {
            between();
            coregroup::cases::review_report::write(root, today())
                .map(|f| format!("{f:?}"))
                .map_err(|e| e.to_string())
        }
        Writer::SetUp => unreachable!(),
    }
}

/// Whether what the writer was to do is done.
fn done(root: &Path, w: Writer) -> bool {
    let case = || CaseFolder::open(root).unwrap();
    match w {
        Writer::Close | Writer::RollForward => {
            let case = case();
            case.meeting_ids().unwrap().iter().any(|id| id == MEETING)
                && !recovery::plan_pending(&case)
                && plan_of(root).action("a1").unwrap().status == ActionStatus::Achieved
        }
        Writer::CaseForm => plan_of(root).contingency_plan == FORM_PLAN,
        Writer::Log => case_log::load(&case())
            .unwrap()
            .events()
            .any(|e| matches!(e, Event::MemberJoins(j) if j.member.id == "fsw")),
        Writer::Circulate => !case_log::load(&case())
            .unwrap()
            .circulated_days("2026-10-15")
            .is_empty(),
        Writer::Export => root.join("meetings/2026-10-15/minutes.md").is_file(),
        Writer::ReviewReport => fs::read_dir(root.join("reports"))
            .map(|d| d.count() > 0)
            .unwrap_or(false),
        Writer::SetUp => root.join("plan.yaml").is_file(),
    }
}

/// The next command on the case: what a crash left is finished.
fn next_command(root: &Path) {
    if let Ok(case) = CaseFolder::open(root) {
        recovery::finish(&case).unwrap();
    }
}

/// How many disk steps the writer takes on a clean run.
fn steps(w: Writer) -> usize {
    let dir = tempfile::tempdir().unwrap();
    let root = prepare(dir.path(), w);
    failpoint::arm(&root, usize::MAX);
    run(&root, w, &mut || {}).unwrap();
    failpoint::disarm(&root)
}

/// A few steps spread over `n`, first and last included.
fn spread(n: usize) -> Vec<usize> {
    let mut at: Vec<usize> = (0..4).map(|i| 1 + i * n.saturating_sub(1) / 3).collect();
    at.dedup();
    at
}

fn try_one(w: Writer, how: Interference) {
    let what = format!("{w:?} × {how:?}");
    let dir = tempfile::tempdir().unwrap();
    let root = prepare(dir.path(), w);
    let mut hand_made = false;
    let mut second_made = false;
    let result = match how {
        Interference::HandEdit => run(&root, w, &mut || {
            if root.join("plan.yaml").is_file() {
                hand_edit(&root);
                hand_made = true;
            } else {
                // Set-up: someone made the case meanwhile; theirs must stand.
                create_case(&root, false, today()).unwrap();
            }
        }),
        Interference::SecondWriter => {
            let case = CaseFolder::open(&root).ok();
            let b = case.as_ref().and_then(|c| basis(c).ok());
            run(&root, w, &mut || {
                if let (Some(case), Some(b)) = (&case, &b) {
                    // A form opened before the writer began, saved while it runs.
                    edit_plan(
                        case,
                        b,
                        &PlanEdit::FamilyAddress {
                            address: Some(SECOND_ADDRESS.into()),
                            withhold: true,
                        },
                    )
                    .unwrap();
                    second_made = true;
                }
            })
        }
        Interference::Kill(at) | Interference::FullDisk(at) => {
            if root.join("plan.yaml").is_file() {
                hand_edit(&root);
                hand_made = true;
            }
            match how {
                Interference::Kill(_) => failpoint::arm(&root, at),
                _ => failpoint::arm_once(&root, at),
            }
            let r = run(&root, w, &mut || {});
            failpoint::disarm(&root);
            r
        }
    };
    // The user was told: a writer that did not finish said why.
    if let Err(e) = &result {
        assert!(!e.trim().is_empty(), "{what}: failed without a word");
    }
    next_command(&root);
    if result.is_ok() {
        assert!(
            done(&root, w),
            "{what}: said it worked but did not: {result:?}"
        );
    }
    if !done(&root, w) {
        // Running it again finishes it.
        let again = run(&root, w, &mut || {});
        next_command(&root);
        assert!(
            done(&root, w),
            "{what}: not finished by running it again: {again:?} (first: {result:?})"
        );
    }
    if hand_made {
        let conflicts = CaseFolder::open(&root)
            .map(|c| plan_write::conflict_files(&c))
            .unwrap_or_default();
        assert!(
            hand_edit_kept(&root)
                || conflicts
                    .iter()
                    .any(|f| fs::read_to_string(f).unwrap().contains(HAND_ADDRESS)),
            "{what}: the hand edit was lost"
        );
    }
    if second_made {
        assert!(
            second_edit_kept(&root),
            "{what}: the second writer's edit was lost"
        );
    }
    if let Interference::HandEdit = how
        && w == Writer::SetUp
    {
        assert!(result.is_err(), "{what}: set-up wrote over a case");
        assert!(
            fs::read_to_string(root.join("plan.yaml"))
                .unwrap()
                .starts_with("# The plan of one case"),
            "{what}: the case made meanwhile was replaced"
        );
    }
}

#[test]
fn no_writer_loses_an_edit_whatever_interferes() {
    for w in WRITERS {
        try_one(w, Interference::HandEdit);
        try_one(w, Interference::SecondWriter);
        let n = steps(w);
        assert!(n > 0, "{w:?} writes nothing?");
        for at in spread(n) {
            try_one(w, Interference::Kill(at));
            try_one(w, Interference::FullDisk(at));
        }
    }
}
