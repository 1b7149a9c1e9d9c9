//! The caseload over 500 generated cases (`coregroup generate-large --caseload 500`) and the
//! report to the review conference over 20 meetings.
//!
//! `cargo bench --bench caseload`. Run any other way (as `cargo test --benches` does) it uses 20
//! cases instead of 500, so a test run never generates the whole caseload.

mod support;

use std::hint::black_box;

use coregroup::cases::caseload::{caseload, generate};
use coregroup::cases::records::CaseRecords;
use coregroup::cases::review_report::documents;
use coregroup::domain::large_caseload;
use coregroup::export::{docx, html, markdown};
use coregroup::store::agenda_files as catalog;
use criterion::{Criterion, criterion_group, criterion_main};
use support::today;

fn cases() -> usize {
    if std::env::args().any(|a| a == "--bench") {
        500
    } else {
        20
    }
}

fn list(c: &mut Criterion) {
    let n = cases();
    let dir = support::temp_dir();
    let root = dir.path().join("caseload");
    let agenda = catalog::load("core-group").expect("the agenda");
    generate(&root, n, 1, today(), &agenda).expect("the caseload is written");
    let roots = [root];
    // The first listing makes the parsed copies, as the first run after generating does.
    assert_eq!(caseload(&roots, today()).len(), n);
    let mut g = c.benchmark_group("caseload");
    g.sample_size(10);
    g.bench_function(format!("{n}-cases"), |b| {
        b.iter(|| black_box(caseload(&roots, today())).len())
    });
    g.finish();
}

fn report(c: &mut Criterion) {
    let dir = support::temp_dir();
    let root = dir.path().join("caseload");
    let agenda = catalog::load("core-group").expect("the agenda");
    // The first generated case with 20 past meetings.
    let n = (0..1000)
        .find(|n| large_caseload::case(*n, today(), 1).meetings.len() == 20)
        .expect("a case with 20 meetings");
    generate(&root, n + 1, 1, today(), &agenda).expect("the cases are written");
    let case = root.join(format!("case-{:04}", n + 1));
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
    targets = list, report
}
criterion_main!(benches);
