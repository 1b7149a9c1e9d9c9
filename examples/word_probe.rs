//! Rough timing of the large case's documents in Word and in HTML, each on one thread, and of
//! all of a meeting's files (`export::render_files`, Word on threads of its own). Not a test:
//! run with `cargo run --release --example word_probe`.

use std::hint::black_box;
use std::time::Instant;

use chrono::NaiveDate;
use coregroup::agenda::{AgendaSnapshot, builtin};
use coregroup::domain::agenda::Agenda;
use coregroup::domain::calendar::Calendar;
use coregroup::domain::large_case;
use coregroup::domain::reader::{Reader, view};
use coregroup::export::document::Issue;
use coregroup::export::{Case, Record, docx, family, html, minutes, plan, render_files};

/// The best of seven runs, in milliseconds.
fn best(mut run: impl FnMut()) -> f64 {
    (0..7)
        .map(|_| {
            let t = Instant::now();
            run();
            t.elapsed().as_secs_f64() * 1e3
        })
        .fold(f64::MAX, f64::min)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let today = NaiveDate::from_ymd_opt(2026, 11, 24).ok_or("date")?;
    let agenda: Agenda = yaml_serde::from_str(builtin("core-group").ok_or("agenda")?)?;
    let agenda = AgendaSnapshot::of(&agenda);
    let case_plan = large_case::plan(today);
    let meeting = large_case::meetings(today, &case_plan)
        .pop()
        .ok_or("no meeting")?;
    let calendar = Calendar::new(case_plan.case.division);
    let pro = view(&meeting, &case_plan, &case_plan, Reader::Professionals).ok_or("view")?;
    let full = Record::of(&pro, &agenda, &calendar);
    let fam = view(&meeting, &case_plan, &case_plan, Reader::EveryFamilyMember).ok_or("family")?;
    let for_family = Record::of(&fam, &agenda, &calendar);
    for (name, doc) in [
        ("minutes", minutes::minutes(full)),
        ("minutes-family", family::family_minutes(for_family)),
        ("plan", plan::plan_document(for_family)),
    ] {
        let size = docx::render(&doc)?.len();
        let word = best(|| {
            black_box(docx::render(&doc).ok());
        });
        let page = best(|| {
            black_box(html::render(&doc));
        });
        println!("{name}: Word {word:.1} ms ({size} bytes), HTML {page:.1} ms");
    }
    let all = best(|| {
        black_box(
            render_files(
                Case::at_close(&meeting, &case_plan),
                &agenda,
                &calendar,
                Issue::FIRST_DRAFT,
            )
            .ok(),
        );
    });
    println!("every file of the meeting (render_files): {all:.1} ms");
    Ok(())
}
