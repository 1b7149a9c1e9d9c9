//! Who owes a meeting's signed agreement: a member who joined after the meeting does not
//! (however they were added), and the lead social worker does only where the agenda's policy
//! says so. `status` and the caseload count by the same rule.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use chrono::NaiveDate;
use coregroup::cases::caseload::row;
use coregroup::cases::records::CaseRecords;

const TODAY: &str = "2026-11-24";
/// Everyone in the example's core group but the lead worker (`sw`).
const NOT_LEAD: [&str; 9] = [
    "mum", "dad", "nan", "school", "hv", "gp", "police", "recovery", "fsw",
];

struct Folder {
    _dir: tempfile::TempDir,
    config: PathBuf,
    case: PathBuf,
}

impl Folder {
    fn example() -> Folder {
        let dir = tempfile::tempdir().unwrap();
        let f = Folder {
            config: dir.path().join("config"),
            case: dir.path().join("case"),
            _dir: dir,
        };
        f.ok(&["new", "CASE", "--example", "--today", TODAY]);
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
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// A family support worker added to plan.yaml by hand (as an editor or another tool would),
    /// who joined on `joined`.
    fn add_by_hand(&self, joined: &str) {
        let path = self.case.join("plan.yaml");
        let text = std::fs::read_to_string(&path).unwrap();
        let at = text.find("- id: mum\n").unwrap();
        let member = format!(
            "- id: fsw\n  name: Priya Shah\n  role: Family support worker\n  agency: Eastbrook \
             Council\n  joined: {joined}\n"
        );
        let mut edited = text.clone();
        edited.insert_str(at, &member);
        std::fs::write(&path, edited).unwrap();
    }

    fn returned_by_all_but_the_lead(&self) {
        for m in NOT_LEAD {
            self.ok(&[
                "log",
                "CASE",
                "agreement-returned",
                m,
                "--date",
                "2026-10-20",
                "--today",
                TODAY,
            ]);
        }
    }

    fn owed(&self, agenda: &coregroup::domain::agenda::Agenda) -> usize {
        let a = agenda.clone();
        let records = CaseRecords::load(&self.case, &move |_| Ok(a.clone())).unwrap();
        row(&records, TODAY.parse::<NaiveDate>().unwrap()).agreements_outstanding
    }
}

fn agenda(lead_signs: bool) -> coregroup::domain::agenda::Agenda {
    let mut a: coregroup::domain::agenda::Agenda = coregroup::store::yaml::parse_str(
        coregroup::agenda::builtin("core-group").unwrap(),
        Path::new("core-group.yaml"),
    )
    .unwrap();
    a.policy.lead_worker_signs_agreement = lead_signs;
    a
}

fn agreement_line(status: &str) -> &str {
    status
        .lines()
        .find(|l| l.contains("Signed agreement returned"))
        .unwrap()
}

#[test]
fn a_member_added_by_hand_after_the_meeting_owes_no_agreement_for_it() {
    let f = Folder::example();
    // The last core group was on Thu 15 Oct 2026; Priya joined after it.
    f.add_by_hand("2026-11-02");
    f.returned_by_all_but_the_lead();
    let status = f.ok(&["status", "CASE", "--today", TODAY]);
    let line = agreement_line(&status);
    assert!(line.contains("waiting for Hannah Mercer"), "{line}");
    assert!(!line.contains("Priya Shah"), "{line}");
    assert_eq!(f.owed(&agenda(true)), 1, "the lead worker only");
}

#[test]
fn the_lead_worker_s_agreement_is_owed_only_where_the_policy_asks_for_it() {
    let f = Folder::example();
    f.add_by_hand("2026-11-02");
    f.returned_by_all_but_the_lead();
    assert_eq!(f.owed(&agenda(true)), 1);
    assert_eq!(f.owed(&agenda(false)), 0);

    // A user agenda that makes the lead worker's signature optional: status counts it back.
    let mut text = coregroup::agenda::builtin("core-group")
        .unwrap()
        .to_string();
    text = text.replace("name: core-group\n", "name: lead-optional\n");
    text = text.replace(
        "policy:\n",
        "policy:\n  lead_worker_signs_agreement: false\n",
    );
    std::fs::create_dir_all(f.config.join("agendas")).unwrap();
    std::fs::write(f.config.join("agendas/lead-optional.yaml"), text).unwrap();
    let plan = f.case.join("plan.yaml");
    let yaml = std::fs::read_to_string(&plan).unwrap();
    let yaml = if yaml.contains("agenda: core-group") {
        yaml.replace("agenda: core-group", "agenda: lead-optional")
    } else {
        yaml.replace(
            "  lead_worker: sw\n",
            "  agenda: lead-optional\n  lead_worker: sw\n",
        )
    };
    std::fs::write(&plan, yaml).unwrap();
    let status = f.ok(&["status", "CASE", "--today", TODAY]);
    let line = agreement_line(&status);
    assert!(!line.contains("waiting for"), "{line}");
    assert!(!line.to_lowercase().contains("overdue"), "{line}");
}

#[test]
fn the_agreement_page_marks_the_lead_worker_s_box_optional_where_the_policy_does() {
    use coregroup::agenda::AgendaSnapshot;
    use coregroup::domain::calendar::{Calendar, Division};
    use coregroup::domain::example;
    use coregroup::domain::meeting::Meeting;
    use coregroup::export::{Case, render_all};
    let today: NaiveDate = "2026-11-24".parse().unwrap();
    let plan = example::plan(today);
    let meeting = Meeting::new("2026-11-24".into(), "core-group".into(), today, &plan);
    let minutes = |lead_signs: bool| {
        let docs = render_all(
            Case::at_close(&meeting, &plan),
            &AgendaSnapshot::of(&agenda(lead_signs)),
            &Calendar::new(Division::EnglandAndWales),
        );
        docs.into_iter()
            .find(|r| r.name == "minutes.md")
            .unwrap()
            .text
    };
    let optional = "Signing is optional for the lead social worker";
    assert!(!minutes(true).contains(optional));
    let text = minutes(false);
    let page = &text[text.find("Written agreement").unwrap()..];
    assert!(page.contains("Hannah Mercer"), "{page}");
    assert!(page.contains(optional), "{page}");
}
