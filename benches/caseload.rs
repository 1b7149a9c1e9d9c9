//! The caseload over 500 generated cases (`coregroup generate-large --caseload 500`), warm (the
//! copies in each case's `.coregroup/` present) and cold (none anywhere: a folder copied or
//! restored without them); `status` on one case with no copy; and the report to the review
//! conference over 20 meetings.
//!
//! `cargo bench --bench caseload`. Plain `cargo test` never builds this; run any other way (as
//! `cargo test --benches` does) it uses 20 cases instead of 500, so no test run generates the
//! whole caseload.

mod support;

use std::hint::black_box;
use std::path::{Path, PathBuf};

use coregroup::cases::caseload::{caseload, generate};
use coregroup::cases::records::CaseRecords;
use coregroup::cases::review_report::documents;
use coregroup::domain::large_caseload;
use coregroup::domain::status::case_status;
use coregroup::export::{docx, html, markdown};
use coregroup::store::agenda_files as catalog;
use coregroup::store::case::STATE_DIR;
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use support::today;

fn cases() -> usize {
    if std::env::args().any(|a| a == "--bench") {
        500
    } else {
        20
    }
}

/// Remove every case's `.coregroup/` under `root`: the caseload is then read from the files.
fn forget_copies(root: &Path) {
    for entry in std::fs::read_dir(root).expect("the caseload folder") {
        let state = entry.expect("a case").path().join(STATE_DIR);
        if state.exists() {
            std::fs::remove_dir_all(&state).expect("the copies are removed");
        }
    }
}

fn list(c: &mut Criterion) {
    let n = cases();
    let dir = support::temp_dir();
    let root = dir.path().join("caseload");
    let agenda = catalog::load("core-group").expect("the agenda");
    generate(&root, n, 1, today(), &agenda).expect("the caseload is written");
    let roots = [root.clone()];
    // The first listing makes the copies, as the first run after generating does.
    assert_eq!(caseload(&roots, today()).len(), n);
    let mut g = c.benchmark_group("caseload");
    g.sample_size(10);
    g.bench_function(format!("{n}-cases-warm"), |b| {
        b.iter(|| black_box(caseload(&roots, today())).len())
    });
    g.bench_function(format!("{n}-cases-cold"), |b| {
        b.iter_batched(
            || forget_copies(&root),
            |()| black_box(caseload(&roots, today())).len(),
            BatchSize::PerIteration,
        )
    });
    g.finish();
}

/// The first generated case with `meetings` past meetings, written alone under `dir`.
fn case_with(dir: &Path, meetings: usize) -> PathBuf {
    let root = dir.join("caseload");
    let agenda = catalog::load("core-group").expect("the agenda");
    let n = (0..1000)
        .find(|n| large_caseload::case(*n, today(), 1).meetings.len() == meetings)
        .expect("a case with that many meetings");
    generate(&root, n + 1, 1, today(), &agenda).expect("the cases are written");
    root.join(format!("case-{:04}", n + 1))
}

/// What `coregroup status` reads and works out, on a case with no copies.
fn status_cold(c: &mut Criterion) {
    let dir = support::temp_dir();
    let case = case_with(dir.path(), 12);
    let mut g = c.benchmark_group("status");
    g.sample_size(20);
    g.bench_function("one-case-cold", |b| {
        b.iter_batched(
            || {
                let _ = std::fs::remove_dir_all(case.join(STATE_DIR));
            },
            |()| {
                let r = CaseRecords::load_facts(&case, &catalog::load, false).expect("reads");
                black_box(case_status(
                    &r.plan,
                    &r.log,
                    &r.agenda.policy,
                    &r.cal,
                    today(),
                ))
            },
            BatchSize::PerIteration,
        )
    });
    g.finish();
}

fn report(c: &mut Criterion) {
    let dir = support::temp_dir();
    let case = case_with(dir.path(), 20);
    let mut g = c.benchmark_group("review-report");
    g.sample_size(20);
    g.bench_function("20-meetings", |b| {
        b.iter(|| {
            let r = CaseRecords::load(&case, &catalog::load).expect("the case reads");
            let (full, family) = documents(&r, today());
            let family = family.expect("the family version");
            let full = full.expect("the report");
            black_box(
                markdown::render(&full).len()
                    + html::render(&full).len()
                    + markdown::render(&family).len()
                    + html::render(&family).len()
                    + docx::render(&full).expect("Word").len()
                    + docx::render(&family).expect("Word").len(),
            )
        })
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = support::criterion();
    targets = list, status_cold, report
}
criterion_main!(benches);
