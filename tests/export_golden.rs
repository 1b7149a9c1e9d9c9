//! Golden files: the documents of the example case's past meeting and of a second meeting
//! closed on it, compared byte for byte. `UPDATE_GOLDEN=1 cargo test --test export_golden`
//! rewrites them; review the diff by eye before committing.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use coregroup::cases::close::write_closed;
use coregroup::cases::documents::export_meeting;
use coregroup::cases::new_case::create_case;
use coregroup::store::CaseFolder;

mod common;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
}

fn golden_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name)
}

/// Compare every file of a meeting folder with its golden copy (or rewrite them).
fn check(meeting_dir: &Path, name: &str) {
    check_with(
        meeting_dir,
        name,
        &["minutes.docx", "minutes-family.docx", "plan.docx"],
    );
}

/// Compare every file of a folder but its Word files (each of `word` must be there) with its
/// golden copy (or rewrite them).
fn check_with(meeting_dir: &Path, name: &str, word: &[&str]) {
    let golden = golden_dir(name);
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    if update {
        fs::create_dir_all(&golden).unwrap();
    }
    // Word files are checked by reading them back (tests/export_word.rs), not byte for byte
    // here, where a diff could not be reviewed.
    let mut names: Vec<String> = fs::read_dir(meeting_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| !n.ends_with(".docx"))
        .collect();
    for word in word {
        assert!(meeting_dir.join(word).exists(), "{word} was not written");
    }
    names.sort();
    let mut expected: Vec<String> = fs::read_dir(&golden)
        .map(|d| {
            d.map(|e| e.unwrap().file_name().into_string().unwrap())
                .collect()
        })
        .unwrap_or_default();
    expected.sort();
    for n in &names {
        let got = fs::read_to_string(meeting_dir.join(n)).unwrap();
        let path = golden.join(n);
        if update {
            fs::write(&path, &got).unwrap();
            continue;
        }
        let want = fs::read_to_string(&path).unwrap_or_else(|_| {
            panic!(
                "no golden file {}; run with UPDATE_GOLDEN=1",
                path.display()
            )
        });
        assert!(
            got == want,
            "{n} differs from {}; run with UPDATE_GOLDEN=1 and review the diff",
            path.display()
        );
    }
    if !update {
        assert_eq!(
            names, expected,
            "the set of files differs from the golden set"
        );
    }
}

#[test]
fn the_example_meeting_matches_its_golden_files() {
    let dir = tempfile::tempdir().unwrap();
    create_case(dir.path(), true, today()).unwrap();
    let case = CaseFolder::open(dir.path()).unwrap();
    let id = case.meeting_ids().unwrap().pop().unwrap();
    check(&case.meeting_dir(&id), "example");

    // Re-rendering from minutes.yaml gives the same bytes.
    let before: Vec<Vec<u8>> = read_all(&case.meeting_dir(&id));
    export_meeting(&case, None).unwrap();
    assert_eq!(before, read_all(&case.meeting_dir(&id)));
}

#[test]
fn a_second_meeting_matches_its_golden_files() {
    let dir = tempfile::tempdir().unwrap();
    create_case(dir.path(), true, today()).unwrap();
    let case = CaseFolder::open(dir.path()).unwrap();
    let (before, read_from) = case.open_plan().unwrap();
    let (closed, agenda) = common::second_meeting(&before, today());
    let (folder, _, _) = write_closed(&case, &before, Some(read_from), &closed, &agenda).unwrap();
    check(&folder, "second-meeting");
}

/// The report to the review conference, and its family version, on the example case after a
/// second meeting, with the signed agreements of the first coming back over a week.
#[test]
fn the_review_report_matches_its_golden_files() {
    use coregroup::domain::case_log::{AgreementReturned, CaseLog, Event};
    let dir = tempfile::tempdir().unwrap();
    create_case(dir.path(), true, today()).unwrap();
    let case = CaseFolder::open(dir.path()).unwrap();
    let first = case.meeting_ids().unwrap().pop().unwrap();
    let (before, read_from) = case.open_plan().unwrap();
    let (closed, agenda) = common::second_meeting(&before, today());
    write_closed(&case, &before, Some(read_from), &closed, &agenda).unwrap();
    let back = |days: i64, member: &str| {
        Event::AgreementReturned(AgreementReturned {
            date: today() - chrono::Duration::days(days),
            member: member.into(),
            meeting: first.clone(),
        })
    };
    let log = CaseLog::new(vec![
        back(30, "mum"),
        back(30, "nan"),
        back(29, "gp"),
        back(28, "dad"),
        back(26, "sw"),
    ]);
    coregroup::store::case_log::save(&case, &log).unwrap();
    let later = today() + chrono::Duration::days(3);
    coregroup::cases::review_report::write(dir.path(), later).unwrap();
    let stem = format!("review-report-{later}");
    check_with(
        &case.reports_dir(),
        "review-report",
        &[&format!("{stem}.docx"), &format!("{stem}-family.docx")],
    );
}

fn read_all(dir: &Path) -> Vec<Vec<u8>> {
    let mut names: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    names.iter().map(|p| fs::read(p).unwrap()).collect()
}
