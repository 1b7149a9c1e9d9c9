use chrono::{Days, NaiveDate};

use super::*;
use crate::cases::new_case::create_case;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// A team folder: a fresh example case, one made two months earlier (so overdue by now), a
/// case whose plan does not read, and a folder that is no case at all.
fn team() -> (tempfile::TempDir, NaiveDate) {
    let today = d("2026-11-24");
    let dir = tempfile::tempdir().unwrap();
    create_case(&dir.path().join("team-a/fresh"), true, today).unwrap();
    create_case(
        &dir.path().join("team-b/old"),
        true,
        today.checked_sub_days(Days::new(70)).unwrap(),
    )
    .unwrap();
    let broken = dir.path().join("team-a/broken");
    std::fs::create_dir_all(&broken).unwrap();
    std::fs::write(broken.join("plan.yaml"), "case: [not, a, case\n").unwrap();
    std::fs::create_dir_all(dir.path().join("team-a/notes")).unwrap();
    (dir, today)
}

#[test]
fn a_case_still_being_set_up_is_listed_as_such() {
    let (dir, today) = team();
    let new = dir.path().join("team-b/new");
    crate::store::setup_draft::keep(&new, &"typed so far").unwrap();
    let rows = caseload(&[dir.path().to_path_buf()], today);
    assert_eq!(rows.len(), 4, "{rows:#?}");
    let row = rows.iter().find(|r| r.path == new).unwrap();
    let said = row.error.as_deref().unwrap();
    assert!(
        said.contains("being set up") && said.contains("coregroup new"),
        "{said}"
    );
}

#[test]
fn a_broken_case_is_listed_with_its_error_and_the_others_still_read() {
    let (dir, today) = team();
    let rows = caseload(&[dir.path().to_path_buf()], today);
    assert_eq!(rows.len(), 3, "{rows:#?}");
    let broken = rows.iter().find(|r| r.path.ends_with("broken")).unwrap();
    let error = broken.error.as_deref().unwrap();
    assert!(error.contains("plan.yaml"), "{error}");
    let good: Vec<&CaseloadRow> = rows.iter().filter(|r| r.error.is_none()).collect();
    assert_eq!(good.len(), 2);
    assert!(good.iter().all(|r| !r.children.is_empty()));
}

#[test]
fn the_most_urgent_case_comes_first() {
    let (dir, today) = team();
    let rows = caseload(&[dir.path().to_path_buf()], today);
    let order: Vec<&str> = rows
        .iter()
        .map(|r| r.path.file_name().unwrap().to_str().unwrap())
        .collect();
    // Unreadable first (someone must look), then the case with overdue timescales.
    assert_eq!(order, ["broken", "old", "fresh"]);
    let old = &rows[1];
    assert_eq!(
        old.next_core_group.as_ref().map(|d| d.state),
        Some(State::Overdue)
    );
    assert_ne!(
        rows[2].next_core_group.as_ref().map(|d| d.state),
        Some(State::Overdue)
    );
}

#[test]
fn a_meeting_record_that_does_not_read_is_an_error_on_a_listed_case() {
    let (dir, today) = team();
    let fresh = dir.path().join("team-a/fresh");
    let meetings = fresh.join("meetings");
    let id = std::fs::read_dir(&meetings)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .file_name();
    std::fs::write(meetings.join(&id).join("minutes.yaml"), "meeting: 3\n").unwrap();
    let rows = caseload(std::slice::from_ref(&fresh), today);
    assert_eq!(rows.len(), 1);
    assert!(!rows[0].children.is_empty());
    assert!(rows[0].error.as_deref().unwrap().contains("minutes.yaml"));
}

#[test]
fn the_yaml_keys_are_fixed() {
    let (dir, today) = team();
    let rows = caseload(&[dir.path().join("team-a/fresh")], today);
    let yaml = crate::store::yaml::to_string(&rows).unwrap();
    let value: yaml_serde::Value = yaml_serde::from_str(&yaml).unwrap();
    let row = value.as_sequence().unwrap()[0].as_mapping().unwrap();
    let keys: Vec<&str> = row.keys().map(|k| k.as_str().unwrap()).collect();
    assert_eq!(
        keys,
        [
            "path",
            "case",
            "children",
            "lead_worker",
            "next_core_group",
            "meeting_in_progress",
            "minutes_to_circulate",
            "agreements_outstanding",
            "next_visit",
            "next_visit_alone",
            "review_conference",
            "overdue_actions",
            "drift",
            "last_meeting",
            "error",
        ]
    );
}

#[test]
fn the_roots_come_from_the_config_file_relative_to_it() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(configured_roots(Some(dir.path())).unwrap(), None);
    std::fs::write(dir.path().join(CONFIG_FILE), "roots: [cases, /srv/team]\n").unwrap();
    assert_eq!(
        configured_roots(Some(dir.path())).unwrap(),
        Some(vec![dir.path().join("cases"), PathBuf::from("/srv/team")])
    );
    std::fs::write(dir.path().join(CONFIG_FILE), "root: [cases]\n").unwrap();
    let e = configured_roots(Some(dir.path())).unwrap_err().to_string();
    assert!(e.contains("caseload.yaml"), "{e}");
}

#[test]
fn a_generated_caseload_lists_every_case_without_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let today = d("2026-11-24");
    let agenda = crate::store::agenda_files::load("core-group").unwrap();
    let root = dir.path().join("team");
    let (meetings, _) = generate(&root, 5, 1, today, &agenda).unwrap();
    assert!(meetings >= 10);
    let rows = caseload(std::slice::from_ref(&root), today);
    assert_eq!(rows.len(), 5);
    assert!(rows.iter().all(|r| r.error.is_none()), "{rows:#?}");
    // Never over cases already there.
    assert!(
        generate(&root, 1, 1, today, &agenda)
            .unwrap_err()
            .to_string()
            .contains("not empty")
    );
}

#[test]
fn a_withdrawn_visit_and_agreement_count_for_nothing_in_the_caseload() {
    use crate::domain::case_log::{AgreementReturned, Event, Visit, Withdrawn};
    let today = d("2026-11-24");
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("case");
    create_case(&root, true, today).unwrap();
    let case = crate::store::CaseFolder::open(&root).unwrap();
    let plan = case.load_plan().unwrap();
    let row = || caseload(&[dir.path().to_path_buf()], today).remove(0);
    let before = row();
    let returned = Event::AgreementReturned(AgreementReturned {
        date: d("2026-10-20"),
        member: "sw".into(),
        meeting: "2026-10-15".into(),
    });
    let visit = Event::Visit(Visit {
        date: d("2026-11-23"),
        by: None,
        children: Vec::new(),
        seen: true,
        seen_alone: true,
        bedroom_seen: None,
        why_not: String::new(),
        each: Vec::new(),
    });
    for e in [returned.clone(), visit.clone()] {
        crate::cases::log_event::log_event(&case, &plan, e, today).unwrap();
    }
    let logged = row();
    assert_eq!(
        logged.agreements_outstanding,
        before.agreements_outstanding - 1
    );
    assert_ne!(logged.next_visit, before.next_visit);
    for e in [&returned, &visit] {
        let w = Event::Withdrawn(Withdrawn {
            date: today,
            entry: e.id(),
            by: None,
            reason: "logged on the wrong case".into(),
        });
        crate::cases::log_event::log_event(&case, &plan, w, today).unwrap();
    }
    let withdrawn = row();
    assert_eq!(
        withdrawn.agreements_outstanding,
        before.agreements_outstanding
    );
    assert_eq!(withdrawn.next_visit, before.next_visit);
}

/// The caseload read from the files' figures, cold (no copies anywhere) and then warm, says
/// what reading every record of every case in full says: the same rows, the same drift with
/// the same evidence.
#[test]
fn cold_and_warm_rows_are_those_of_reading_every_record_in_full() {
    let dir = tempfile::tempdir().unwrap();
    let today = d("2026-11-24");
    let agenda = crate::store::agenda_files::load("core-group").unwrap();
    let root = dir.path().join("team");
    generate(&root, 30, 1, today, &agenda).unwrap();
    let roots = [root.clone()];
    let (cases, _) = find_cases(&roots);
    let mut full: Vec<CaseloadRow> = cases
        .iter()
        .map(|p| {
            let records = CaseRecords::load(p, &crate::store::agenda_files::load).unwrap();
            CaseloadRow {
                explained: true,
                ..row(&records, today)
            }
        })
        .collect();
    full.sort_by_cached_key(|r| r.urgency());
    let kinds: std::collections::BTreeSet<_> = full
        .iter()
        .flat_map(|r| r.drift.iter().map(|f| f.kind))
        .collect();
    use crate::domain::drift::DriftKind;
    for k in [
        DriftKind::OutcomeFallen,
        DriftKind::OutcomeNotRising,
        DriftKind::ActionCarriedOver,
        DriftKind::ActionRedated,
    ] {
        assert!(kinds.contains(&k), "{k:?} among {kinds:?}");
    }
    for case in &cases {
        std::fs::remove_dir_all(case.join(crate::store::case::STATE_DIR)).unwrap();
    }
    for run in ["cold", "warm"] {
        let mut rows = caseload(&roots, today);
        explain_all(&mut rows);
        assert_eq!(rows.len(), full.len());
        for (got, want) in rows.iter().zip(&full) {
            assert_eq!(got, want, "{run}");
        }
    }
}
