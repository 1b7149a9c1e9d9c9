//! Actions changed between meetings leave a trace: a status or a new due date recorded by
//! `coregroup log DIR action`, with who and why, is what `status` and the caseload read, and
//! the next meeting's minutes and the review report print each change (a confidential reason
//! never in a family copy).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use chrono::NaiveDate;
use coregroup::agenda::AgendaSnapshot;
use coregroup::cases::caseload::row;
use coregroup::cases::records::CaseRecords;
use coregroup::domain::agenda::Agenda;
use coregroup::domain::calendar::{Calendar, Division};
use coregroup::domain::case_log::current_plan;
use coregroup::domain::close::close;
use coregroup::domain::meeting::{Draft, Meeting};
use coregroup::export::{Case, render_all};
use coregroup::store::CaseFolder;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

struct Folder {
    _dir: tempfile::TempDir,
    config: PathBuf,
    case: PathBuf,
}

impl Folder {
    /// The example case, as on Tue 24 Nov 2026 (its last core group was on 15 Oct).
    fn example() -> Folder {
        let dir = tempfile::tempdir().unwrap();
        let f = Folder {
            config: dir.path().join("config"),
            case: dir.path().join("case"),
            _dir: dir,
        };
        let out = f.run(&["new", "CASE", "--example", "--today", "2026-11-24"]);
        assert!(out.status.success(), "{}", stderr(&out));
        f
    }

    fn run(&self, args: &[&str]) -> Output {
        let case = self.case.to_str().unwrap();
        let args: Vec<&str> = args
            .iter()
            .map(|a| if *a == "CASE" { case } else { a })
            .collect();
        Command::new(env!("CARGO_BIN_EXE_coregroup"))
            .args(&args)
            .env("COREGROUP_CONFIG_DIR", &self.config)
            .env("NO_COLOR", "1")
            .output()
            .unwrap()
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        String::from_utf8_lossy(&out.stdout).into_owned()
    }
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn agenda() -> Agenda {
    coregroup::store::yaml::parse_str(
        coregroup::agenda::builtin("core-group").unwrap(),
        Path::new("core-group.yaml"),
    )
    .unwrap()
}

fn overdue_in_caseload(case: &Path, today: NaiveDate) -> usize {
    let records = CaseRecords::load(case, &|_| Ok(agenda())).unwrap();
    row(&records, today).overdue_actions
}

#[test]
fn an_action_s_status_logged_between_meetings_is_what_status_and_the_caseload_read() {
    let f = Folder::example();
    let status = f.ok(&["status", "CASE", "--today", "2026-11-24"]);
    assert!(status.contains("a9    due"), "{status}");
    let before = overdue_in_caseload(&f.case, d("2026-11-24"));

    // A new status between meetings needs its reason.
    let refused = f.run(&[
        "log",
        "CASE",
        "action",
        "a9",
        "achieved",
        "--today",
        "2026-11-24",
    ]);
    assert!(!refused.status.success());
    assert!(
        stderr(&refused).contains("needs its reason"),
        "{}",
        stderr(&refused)
    );

    let said = f.ok(&[
        "log",
        "CASE",
        "action",
        "a9",
        "achieved",
        "--note",
        "Grant approved; the gate was fitted on 20 Nov",
        "--by",
        "Hannah",
        "--today",
        "2026-11-24",
    ]);
    assert!(said.contains("achieved (was not started)"), "{said}");
    let status = f.ok(&["status", "CASE", "--today", "2026-11-24"]);
    assert!(!status.contains("a9    due"), "{status}");
    assert_eq!(overdue_in_caseload(&f.case, d("2026-11-24")), before - 1);

    // One record: the action's history in plan.yaml, with who, when and why.
    let plan = CaseFolder::open(&f.case).unwrap().load_plan().unwrap();
    let a9 = plan.action("a9").unwrap();
    let h = a9.history.last().unwrap();
    assert_eq!(h.date, d("2026-11-24"));
    assert_eq!(
        h.by.as_deref(),
        Some("sw"),
        "Hannah is the lead worker, by id"
    );
    assert_eq!(h.note, "Grant approved; the gate was fitted on 20 Nov");
    assert!(!f.case.join("log.yaml").exists(), "not kept twice");
}

#[test]
fn a_re_date_between_meetings_is_in_the_next_minutes_and_the_review_report() {
    let f = Folder::example();
    let redate = |action: &str, due: &str, note: &str, extra: &[&str]| {
        let mut args = vec![
            "log",
            "CASE",
            "action",
            action,
            "--due",
            due,
            "--note",
            note,
            "--today",
            "2026-11-24",
        ];
        args.extend(extra);
        f.ok(&args)
    };
    // Without a reason a new due date is refused.
    let refused = f.run(&[
        "log",
        "CASE",
        "action",
        "a1",
        "--due",
        "11/12/2026",
        "--today",
        "2026-11-24",
    ]);
    assert!(
        stderr(&refused).contains("needs its reason"),
        "{}",
        stderr(&refused)
    );
    redate(
        "a1",
        "11/12/2026",
        "School start moved after the half-term review",
        &[],
    );
    redate(
        "a11",
        "18/12/2026",
        "Zephyrine clinic notes",
        &["--confidential"],
    );

    // The next meeting, closed as the screen closes it.
    let case = CaseFolder::open(&f.case).unwrap();
    let plan = current_plan(&case.load_plan().unwrap(), &Default::default());
    let today = d("2026-11-26");
    let meeting = Meeting::new("2026-11-26".into(), "core-group".into(), today, &plan);
    let draft = Draft::new(meeting, plan.clone());
    let agenda = agenda();
    let closed = close(&plan, &draft, &agenda, &[]);
    let a1 = closed.plan.action("a1").unwrap();
    assert!(
        a1.history
            .iter()
            .any(|h| h.note == "School start moved after the half-term review"),
        "the close keeps the change"
    );
    let docs = render_all(
        Case::at_close(&closed.meeting, &closed.plan),
        &AgendaSnapshot::of(&agenda),
        &Calendar::new(Division::EnglandAndWales),
    );
    let doc = |name: &str| &docs.iter().find(|r| r.name == name).unwrap().text;
    let minutes = doc("minutes.md");
    assert!(
        minutes.contains("Actions changed since the last meeting"),
        "{minutes}"
    );
    assert!(
        minutes.contains("due 29 Oct 2026 → 11 Dec 2026"),
        "{minutes}"
    );
    assert!(minutes.contains("School start moved after the half-term review"));
    assert!(minutes.contains("Hannah Mercer"));
    // The confidential reason is in the confidential section, never in a family copy.
    assert!(minutes.contains("Zephyrine"), "{minutes}");
    for family in ["minutes-family.md", "minutes-family.html"] {
        assert!(!doc(family).contains("Zephyrine"), "{family}");
    }
    // The family's copy tells them of the change in its own words, the open reason with it.
    let family = doc("minutes-family.md");
    assert!(
        family.contains("Jobs changed since the last meeting"),
        "{family}"
    );
    assert!(family.contains("School start moved after the half-term review"));

    f.ok(&["review-report", "CASE", "--today", "2026-11-26"]);
    let report =
        std::fs::read_to_string(f.case.join("reports/review-report-2026-11-26.md")).unwrap();
    assert!(
        report.contains("Changes to actions in this period"),
        "{report}"
    );
    let rows: Vec<&str> = report
        .lines()
        .filter(|l| l.contains("29 Oct 2026 → 11 Dec 2026"))
        .collect();
    assert_eq!(
        rows.len(),
        2,
        "the action section and the chronology: {report}"
    );
    assert!(
        rows.iter()
            .all(|r| r.contains("School start moved") && r.contains("Hannah Mercer"))
    );
    let family =
        std::fs::read_to_string(f.case.join("reports/review-report-2026-11-26-family.md")).unwrap();
    assert!(family.contains("School start moved"), "{family}");
    assert!(!family.contains("Zephyrine"), "{family}");
}
