//! A disagreement is carried from meeting to meeting until it ends: `status` lists it with its
//! age, the next meeting's minutes carry it with its history, it can be resolved at a meeting
//! or from the case log between meetings, the meeting after and the review report say how it
//! ended, and a disagreement not for the father is in none of his copies.

use std::path::Path;
use std::process::Command;

use chrono::NaiveDate;

use coregroup::cases::close::write_closed;
use coregroup::cases::new_case::create_case;
use coregroup::domain::case_log::current_plan;
use coregroup::domain::close::close;
use coregroup::domain::disagreements::{DisagreementReview, Route, Standing, carried_into};
use coregroup::domain::meeting::{Change, Disagreement, Draft, Meeting};
use coregroup::domain::privacy::Privacy;
use coregroup::store::{CaseFolder, case_log};

mod common;

const CONTACT: &str = "How often Kayla sees her father";
const HOW_CONTACT: &str = "Contact moved to Saturdays at the family centre";
const FOR_MUM: &str = "Whether the refuge address can be shared with the school";
const HOW_REFUGE: &str = "The school is told only the refuge's postal box";

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn coregroup(config: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_coregroup"))
        .args(args)
        .env("COREGROUP_CONFIG_DIR", config)
        .output()
        .expect("the binary runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Hold a meeting on `on` on the case as it stands (the log applied), make `changes`, close it
/// and write it; the meeting's id.
fn meeting(case: &CaseFolder, on: &str, changes: Vec<Change>) -> String {
    let (file_plan, read_from) = case.open_plan().unwrap();
    let plan = current_plan(&file_plan, &case_log::load(case).unwrap());
    let m = Meeting::new(on.into(), "core-group".into(), day(on), &plan);
    let mut draft = Draft::new(m, plan.clone());
    for c in changes {
        draft.apply(c).unwrap();
    }
    let agenda = common::agenda();
    let closed = close(&plan, &draft, &agenda, &[]);
    write_closed(case, &file_plan, Some(read_from), &closed, &agenda).unwrap();
    on.to_string()
}

fn read(case: &CaseFolder, id: &str, file: &str) -> String {
    std::fs::read_to_string(case.meeting_dir(id).join(file))
        .unwrap_or_else(|e| panic!("{id}/{file}: {e}"))
}

#[test]
fn a_disagreement_is_carried_until_it_ends_and_every_later_record_says_how() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config");
    let root = dir.path().join("case");
    let root_s = root.to_str().unwrap();
    create_case(&root, true, day("2026-11-24")).unwrap();
    let case = CaseFolder::open(&root).unwrap();
    let dad_may_not = Privacy {
        confidential: false,
        not_for: vec!["dad".into()],
    };

    // Meeting 1 records two, both left open; the second is not for the father.
    let first = meeting(
        &case,
        "2026-11-24",
        vec![
            Change::Disagreement(Disagreement {
                id: "d1".into(),
                who: "Shauna Brennan".into(),
                about: CONTACT.into(),
                reasons: String::new(),
                route: Route::Managers,
                resolved: false,
                privacy: Privacy::default(),
            }),
            Change::Disagreement(Disagreement {
                id: "d2".into(),
                who: "Shauna Brennan".into(),
                about: FOR_MUM.into(),
                reasons: String::new(),
                route: Route::CoreGroup,
                resolved: false,
                privacy: dad_may_not.clone(),
            }),
        ],
    );
    assert!(read(&case, &first, "minutes.md").contains(CONTACT));

    // Between meetings, status lists both with their age.
    let status = coregroup(&config, &["status", root_s, "--today", "2026-12-01"]);
    assert!(status.contains("Open disagreements (2)"), "{status}");
    assert!(
        status.contains("open 7 days") && status.contains(CONTACT),
        "{status}"
    );

    // Meeting 2 carries both in, and resolves the first.
    let plan = current_plan(&case.load_plan().unwrap(), &case_log::load(&case).unwrap());
    let carried: Vec<&str> = carried_into(&plan, "2026-12-08", day("2026-12-08"))
        .iter()
        .map(|d| d.id.as_str())
        .collect();
    assert_eq!(carried, ["d1", "d2"]);
    let second = meeting(
        &case,
        "2026-12-08",
        vec![Change::DisagreementReview(DisagreementReview {
            disagreement: "d1".into(),
            standing: Standing::Resolved,
            route: None,
            note: HOW_CONTACT.into(),
            by: "sw".into(),
            on: None,
            privacy: Privacy::default(),
        })],
    );
    let minutes = read(&case, &second, "minutes.md");
    assert!(
        minutes.contains("Disagreements carried forward")
            && minutes.contains(CONTACT)
            && minutes.contains(FOR_MUM),
        "{minutes}"
    );
    assert!(
        !minutes.contains("No disagreements were recorded"),
        "{minutes}"
    );
    for copy in ["minutes-family-dad.md", "minutes-family.md"] {
        let text = read(&case, &second, copy);
        assert!(
            text.contains(CONTACT) && !text.contains(FOR_MUM),
            "{copy}: {text}"
        );
    }
    assert!(read(&case, &second, "minutes-family-mum.md").contains(FOR_MUM));

    // The second is resolved between meetings, from the log.
    coregroup(
        &config,
        &[
            "log",
            root_s,
            "disagreement-resolved",
            "d2",
            HOW_REFUGE,
            "--by",
            "Team manager",
            "--date",
            "2026-12-10",
            "--today",
            "2026-12-11",
        ],
    );
    let status = coregroup(&config, &["status", root_s, "--today", "2026-12-11"]);
    assert!(!status.contains("Open disagreements"), "{status}");
    // Once ended, it is not resolved again.
    let again = Command::new(env!("CARGO_BIN_EXE_coregroup"))
        .args([
            "log",
            root_s,
            "disagreement-resolved",
            "d2",
            "Agreed again",
            "--today",
            "2026-12-11",
        ])
        .env("COREGROUP_CONFIG_DIR", &config)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&again.stderr);
    assert!(
        !again.status.success() && err.contains("has already ended: Thu 10 Dec 2026"),
        "{err}"
    );

    // Meeting 3 says how each ended; the father's copies still never mention the second.
    let third = meeting(&case, "2026-12-22", Vec::new());
    let minutes = read(&case, &third, "minutes.md");
    assert!(
        minutes.contains("Tue 8 Dec 2026, at the core group: resolved by Hannah Mercer")
            && minutes.contains(HOW_CONTACT),
        "{minutes}"
    );
    assert!(
        minutes.contains("Thu 10 Dec 2026, logged between meetings: resolved by Team manager")
            && minutes.contains(HOW_REFUGE),
        "{minutes}"
    );
    let dad = read(&case, &third, "minutes-family-dad.md");
    assert!(
        dad.contains(HOW_CONTACT) && !dad.contains(FOR_MUM) && !dad.contains(HOW_REFUGE),
        "{dad}"
    );
    assert!(read(&case, &third, "minutes-family-mum.md").contains(HOW_REFUGE));

    // A fourth meeting carries neither.
    let plan = current_plan(&case.load_plan().unwrap(), &case_log::load(&case).unwrap());
    assert!(carried_into(&plan, "2027-01-05", day("2027-01-05")).is_empty());

    // The review report says how each ended; its family version leaves the second out.
    let files = coregroup::cases::review_report::write(&root, day("2026-12-23")).unwrap();
    let report = |suffix: &str| {
        let f = files
            .iter()
            .find(|f| f.to_string_lossy().ends_with(suffix))
            .unwrap_or_else(|| panic!("no {suffix} in {files:?}"));
        std::fs::read_to_string(f).unwrap()
    };
    let full = report("2026-12-23.md");
    assert!(
        full.contains("resolved by Hannah Mercer: Contact moved to Saturdays")
            && full.contains("resolved by Team manager: The school is told"),
        "{full}"
    );
    let family = report("family.md");
    assert!(
        !family.contains(FOR_MUM) && !family.contains(HOW_REFUGE),
        "{family}"
    );
}

#[test]
fn the_log_refuses_a_disagreement_the_case_does_not_have() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("case");
    create_case(&root, true, day("2026-11-24")).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_coregroup"))
        .args([
            "log",
            root.to_str().unwrap(),
            "disagreement-resolved",
            "d9",
            "Agreed",
        ])
        .env("COREGROUP_CONFIG_DIR", dir.path().join("config"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no disagreement `d9`") && err.contains("hint"),
        "{err}"
    );
}
