//! Old case folders keep opening. A meeting folder written before the record gained substitutes'
//! attribution, several points per member, each child's views, guests' "here as", notes'
//! subjects and the plan's next core group still loads, and its documents are still written; a
//! case folder of today's format opens with every command; a newer format is refused clearly.

use std::path::Path;

use coregroup::agenda::AgendaSnapshot;
use coregroup::domain::calendar::{Calendar, Division};
use coregroup::export;
use coregroup::store::CaseFolder;

#[test]
fn a_record_and_plan_from_before_load_and_render() {
    let case =
        CaseFolder::at(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/old-record"));
    let meeting = case
        .load_meeting("2026-11-24")
        .expect("the old record loads");
    let plan = case
        .load_meeting_plan("2026-11-24")
        .expect("the old plan loads");
    assert!(meeting.children_views.is_empty());
    assert!(meeting.child_views.is_recorded());
    assert!(meeting.views_missing(&plan).is_empty());
    assert!(meeting.contributions.iter().all(|c| c.outcomes.is_empty()));
    assert!(
        meeting
            .guests
            .iter()
            .all(|g| g.here_as.is_empty() && !g.joins)
    );
    assert_eq!(plan.key_dates.next_core_group, None);
    let agenda: coregroup::domain::agenda::Agenda =
        yaml_serde::from_str(coregroup::agenda::builtin("core-group").unwrap()).unwrap();
    let docs = export::render_all(
        coregroup::export::Case::at_close(&meeting, &plan),
        &AgendaSnapshot::of(&agenda),
        &Calendar::new(Division::EnglandAndWales),
    );
    let minutes = &docs
        .iter()
        .find(|d| d.name == export::MINUTES_MD)
        .unwrap()
        .text;
    assert!(minutes.contains(&meeting.child_views.wishes_and_feelings));
}

/// A case folder exactly as today's coregroup leaves it (`tests/fixtures/format-1`: the plan,
/// the log, two meetings' records and plans, written before records carried a format version)
/// keeps opening with every command, and its records read as the first format.
#[test]
fn a_case_folder_of_the_first_format_keeps_opening() {
    use std::process::Command;
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/format-1");
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("case");
    copy_dir(&fixture, &root);
    let case = CaseFolder::open(&root).unwrap();
    let file: coregroup::store::meeting_files::MinutesFile =
        coregroup::store::yaml::load(&case.meeting_dir("2026-11-24").join("minutes.yaml")).unwrap();
    assert_eq!(file.format.version(), 1);
    assert_eq!(case.load_plan().unwrap().format.version(), 1);
    let r = root.to_str().unwrap();
    let config = dir.path().join("config");
    for args in [
        vec!["check", r],
        vec!["status", r, "--today", "2026-11-30"],
        vec!["log", r],
        vec!["export", r, "--meeting", "2026-10-15"],
        vec!["export", r, "--meeting", "2026-11-24"],
        vec!["circulate", r, "--date", "2026-11-30"],
        vec!["review-report", r, "--today", "2026-11-30"],
        vec![
            "caseload",
            dir.path().to_str().unwrap(),
            "--today",
            "2026-11-30",
        ],
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_coregroup"))
            .args(&args)
            .env("COREGROUP_CONFIG_DIR", &config)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    // The plan carries its version only once it is past the first.
    let plan = std::fs::read_to_string(root.join("plan.yaml")).unwrap();
    assert!(!plan.contains("format:"), "{plan}");
}

/// A record or plan from a newer coregroup is refused with its file, line and a hint, never
/// read wrongly.
#[test]
fn a_record_or_plan_of_a_newer_format_is_refused_clearly() {
    use std::process::Command;
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/format-1");
    for (file, text) in [
        ("meetings/2026-11-24/minutes.yaml", "format: 2\n"),
        ("plan.yaml", "format: 7\n"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("case");
        copy_dir(&fixture, &root);
        let path = root.join(file);
        let old = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, format!("{text}{old}")).unwrap();
        for command in ["check", "export"] {
            let out = Command::new(env!("CARGO_BIN_EXE_coregroup"))
                .args([command, root.to_str().unwrap()])
                .env("COREGROUP_CONFIG_DIR", dir.path())
                .output()
                .unwrap();
            let all = format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
            assert!(!out.status.success(), "{file} {command}: {all}");
            assert!(
                all.contains(&format!("{}:1:", path.display())),
                "{file} {command}: {all}"
            );
            assert!(
                all.contains("written by a newer coregroup"),
                "{file} {command}: {all}"
            );
            assert!(all.contains("hint: open it with the coregroup"), "{all}");
        }
        // Nothing was written over it.
        assert!(std::fs::read_to_string(&path).unwrap().starts_with(text));
    }
}

/// A case folder as coregroup wrote it before every typed text carried its privacy and the
/// table of changes named its source (its rows hold their words, review notes copied into
/// them and into the actions' history): it opens, renders and circulates, and what was ticked
/// then is kept from whom it was kept from, the copies included.
#[test]
fn a_case_folder_in_the_previous_format_opens_renders_and_circulates() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/main-format");
    let dir = tempfile::tempdir().unwrap();
    let case = dir.path().join("case");
    copy_dir(&fixture, &case);
    let run = |args: &[&str]| {
        let config = tempfile::tempdir().unwrap();
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_coregroup"))
            .args(args)
            .env("COREGROUP_CONFIG_DIR", config.path())
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(out.status.success(), "{args:?}: {err}");
    };
    let c = case.to_str().unwrap();
    run(&["check", c]);
    run(&["export", c]);
    run(&["circulate", c, "--date", "2026-11-25"]);
    let meeting = case.join("meetings/2026-11-24");
    let read = |n: &str| std::fs::read_to_string(meeting.join(n)).unwrap();
    let confidential = "Alfie's speech is a little behind";
    let not_for_dad = "charity application";
    let minutes = read("minutes.md");
    assert!(minutes.contains(confidential) && minutes.contains(not_for_dad));
    // The rows of the table of changes keep their words for professionals.
    assert!(minutes.contains("in progress → achieved: Review done"));
    for name in [
        "minutes-family-dad.md",
        "minutes-family-mum.md",
        "minutes-family.md",
        "plan.md",
    ] {
        assert!(!read(name).contains(confidential), "{name}");
    }
    assert!(!read("minutes-family-dad.md").contains(not_for_dad));
    assert!(read("minutes-family-mum.md").contains(not_for_dad));
    let eml = std::fs::read(meeting.join("outbox/dad.eml")).unwrap();
    let msg = mail_parser::MessageParser::default().parse(&eml).unwrap();
    for a in msg.attachments() {
        let text = String::from_utf8_lossy(a.contents());
        assert!(!text.contains(confidential) && !text.contains(not_for_dad));
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
}
