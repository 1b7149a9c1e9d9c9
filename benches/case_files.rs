//! The case on disk: load and validate, one journal append, close a meeting writing every
//! document, and the status report; on the example case and the large generated one.
//!
//! `cargo bench --bench case_files`; under `cargo test` criterion runs each once.

mod support;

use std::hint::black_box;
use std::path::Path;

use coregroup::cases::close::write_closed;
use coregroup::cases::new_case::create_case;
use coregroup::domain::calendar::Calendar;
use coregroup::domain::close::close;
use coregroup::domain::meeting::{Change, Draft, Note};
use coregroup::domain::status::status;
use coregroup::domain::validate::validate;
use coregroup::store::plan_cache::CACHE_FILE;
use coregroup::store::{CaseFolder, Header, MeetingStore};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use support::{Case, today};

/// A case folder as `coregroup new --example` or `coregroup generate-large` leaves it (the plan
/// is what is loaded; past meetings are not read by load, validate or status).
fn write_case(case: Case, dir: &Path) {
    match case {
        Case::Example => create_case(dir, true, today()).expect("the example case is written"),
        Case::Large => {
            coregroup::store::plan_write::create_plan(&CaseFolder::at(dir), &case.plan())
                .expect("the large case is written")
        }
    }
}

/// What opening a case costs: the folder, its plan, and validating it.
fn load_and_validate(dir: &Path) -> usize {
    let folder = CaseFolder::open(dir).expect("a case");
    let plan = folder.load_plan().expect("the plan loads");
    black_box(validate(&plan)).len()
}

fn load(c: &mut Criterion) {
    let mut g = c.benchmark_group("load-validate");
    g.sample_size(20);
    for case in Case::ALL {
        let dir = support::temp_dir();
        write_case(case, dir.path());
        // The usual path: plan.yaml unchanged since it was last read, so the parsed copy in
        // .coregroup/ is used.
        g.bench_function(format!("{}/cached", case.name()), |b| {
            b.iter(|| load_and_validate(dir.path()))
        });
        // The first open after one action was edited by hand: the parsed copy of the plan
        // before the edit gives every other action; only the rest of the plan and the edited
        // action are parsed (and the copy written again for next time).
        let cache = dir.path().join(".coregroup").join(CACHE_FILE);
        let plan_path = dir.path().join("plan.yaml");
        let copy = std::fs::read(&cache).expect("the parsed copy");
        let edited = std::fs::read_to_string(&plan_path)
            .expect("the plan")
            .replacen("\n  what: ", "\n  # edited by hand\n  what: ", 1);
        g.bench_function(format!("{}/edited", case.name()), |b| {
            b.iter_batched(
                || {
                    std::fs::write(&cache, &copy).expect("the copy put back");
                    std::fs::write(&plan_path, edited.as_bytes()).expect("the plan edited");
                },
                |()| load_and_validate(dir.path()),
                BatchSize::PerIteration,
            )
        });
        // No parsed copy at all (a case folder copied without .coregroup/): all of the YAML is
        // parsed.
        g.bench_function(format!("{}/yaml", case.name()), |b| {
            b.iter_batched(
                || {
                    let _ = std::fs::remove_file(&cache);
                },
                |()| load_and_validate(dir.path()),
                BatchSize::PerIteration,
            )
        });
    }
    g.finish();
}

fn journal(c: &mut Criterion) {
    let mut g = c.benchmark_group("journal-append");
    for case in Case::ALL {
        let dir = support::temp_dir();
        write_case(case, dir.path());
        let folder = CaseFolder::open(dir.path()).expect("a case");
        let plan = case.plan();
        let mut store = MeetingStore::create(
            &folder,
            Header::new(
                "2026-11-24",
                "core-group",
                today(),
                plan.case.reference.clone(),
            ),
        )
        .expect("the journal opens");
        // What a tick records after typing: the whole of a note a chair is writing.
        let note = Change::Note(Note {
            id: "n1".into(),
            step: "notes".into(),
            subject: String::new(),
            text: "Typed during the meeting. ".repeat(40),
            privacy: Default::default(),
        });
        let action = plan
            .actions
            .last()
            .cloned()
            .map(Change::Action)
            .unwrap_or(note.clone());
        g.bench_function(format!("{}/note", case.name()), |b| {
            b.iter(|| store.record(&note).expect("recorded"))
        });
        g.bench_function(format!("{}/action", case.name()), |b| {
            b.iter(|| store.record(&action).expect("recorded"))
        });
    }
    g.finish();
}

fn close_meeting(c: &mut Criterion) {
    let mut g = c.benchmark_group("close-write");
    g.sample_size(10);
    let agenda = support::agenda();
    for case in Case::ALL {
        let dir = support::temp_dir();
        write_case(case, dir.path());
        let folder = CaseFolder::open(dir.path()).expect("a case");
        let (before, read_from) = folder.open_plan().expect("the plan loads");
        let before_text = std::fs::read(folder.plan_path()).expect("the plan reads");
        let mut meeting = case.past_meeting(&before);
        meeting.id = "2026-11-24".into();
        meeting.details.date = Some(today());
        let draft = Draft::new(meeting, before.clone());
        // Each run writes the same meeting folder again; nothing accumulates. Before each, the
        // meeting's folder is taken away (a close never replaces a closed meeting) and the
        // case's plan.yaml is put back as the meeting found it (not timed, and not synced: a
        // synced write of 1.6 MB just before would keep the disk busy, which a real close never
        // follows).
        let meeting_dir = folder.meeting_dir(&draft.meeting.id);
        g.bench_function(case.name(), |b| {
            b.iter_batched(
                || {
                    let _ = std::fs::remove_dir_all(&meeting_dir);
                    std::fs::write(folder.plan_path(), &before_text).expect("restored")
                },
                |()| {
                    let closed = close(&before, &draft, &agenda, &[]);
                    write_closed(&folder, &before, Some(read_from), &closed, &agenda)
                        .expect("written")
                },
                BatchSize::PerIteration,
            )
        });
    }
    g.finish();
}

fn status_report(c: &mut Criterion) {
    let mut g = c.benchmark_group("status");
    let agenda = support::agenda();
    for case in Case::ALL {
        let plan = case.plan();
        let cal = Calendar::new(plan.case.division);
        g.bench_function(case.name(), |b| {
            b.iter(|| black_box(status(&plan, &agenda.policy, &cal, today())))
        });
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = support::criterion();
    targets = load, journal, close_meeting, status_report
}
criterion_main!(benches);
