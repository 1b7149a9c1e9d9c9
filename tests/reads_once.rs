//! A command opens its case once: `log … visit` reads `log.yaml` and the agenda once each,
//! though it judges the timescales before and after the visit and whether the visit counts.
//! Debug builds count every whole-file read (`store::files::reads`).

#![cfg(debug_assertions)]

use std::path::Path;
use std::process::ExitCode;

use clap::Parser;
use coregroup::cli::{Cli, run};
use coregroup::domain::case_log::{Dated, Event};
use coregroup::store::CaseFolder;
use coregroup::store::files::reads;

const TODAY: &str = "2026-11-24";

fn day(s: &str) -> chrono::NaiveDate {
    s.parse().unwrap()
}

/// The example case with a log, following an agenda kept in a file (a built-in one is never
/// read from disk), and the paths of its log and its agenda.
fn case(dir: &Path) -> (std::path::PathBuf, std::path::PathBuf, std::path::PathBuf) {
    let root = dir.join("case");
    coregroup::cases::new_case::create_case(&root, true, day(TODAY)).unwrap();
    let agenda = dir.join("our-core-group.yaml");
    std::fs::write(
        &agenda,
        coregroup::store::agenda_files::show("core-group").unwrap(),
    )
    .unwrap();
    let plan = root.join("plan.yaml");
    let text = std::fs::read_to_string(&plan).unwrap();
    assert!(text.contains("agenda: core-group"), "{text}");
    let text = text.replace(
        "agenda: core-group",
        &format!("agenda: {}", agenda.display()),
    );
    std::fs::write(&plan, text).unwrap();
    let case = CaseFolder::open(&root).unwrap();
    let log = coregroup::store::case_log::path(&case);
    coregroup::cases::log_event::log_event(
        &case,
        &case.load_plan().unwrap(),
        Event::CoreAssessment(Dated {
            date: day("2026-11-02"),
        }),
        day(TODAY),
    )
    .unwrap();
    (root, log, agenda)
}

fn coregroup(args: &[&str]) -> ExitCode {
    let mut all = vec!["coregroup"];
    all.extend_from_slice(args);
    run(Cli::parse_from(all))
}

#[test]
fn logging_a_visit_reads_the_log_and_the_agenda_once() {
    let dir = tempfile::tempdir().unwrap();
    let (root, log, agenda) = case(dir.path());
    let root = root.to_str().unwrap();
    let (log_before, agenda_before) = (reads::of(&log), reads::of(&agenda));
    let code = coregroup(&[
        "log",
        root,
        "visit",
        "--seen-alone",
        "--date",
        "2026-11-23",
        "--today",
        TODAY,
    ]);
    assert_eq!(code, ExitCode::SUCCESS);
    let logged = std::fs::read_to_string(&log).unwrap();
    assert!(logged.contains("visit"), "the visit is logged: {logged}");
    assert_eq!(reads::of(&log) - log_before, 1, "log.yaml read once");
    assert_eq!(
        reads::of(&agenda) - agenda_before,
        1,
        "the agenda read once"
    );
}

#[test]
fn status_reads_the_log_and_the_agenda_once() {
    let dir = tempfile::tempdir().unwrap();
    let (root, log, agenda) = case(dir.path());
    let root = root.to_str().unwrap();
    let (log_before, agenda_before) = (reads::of(&log), reads::of(&agenda));
    let code = coregroup(&["status", root, "--today", TODAY]);
    assert_eq!(code, ExitCode::SUCCESS);
    assert_eq!(reads::of(&log) - log_before, 1, "log.yaml read once");
    assert_eq!(
        reads::of(&agenda) - agenda_before,
        1,
        "the agenda read once"
    );
}
