//! Hostile input for every loader: arbitrary bytes, arbitrary text, and structured mutations of
//! real files (the example plan and meeting, a shipped agenda, the bank-holiday JSON, a journal).
//! Whatever comes in, a loader returns a value or an error with a message; it never panics.
//! Inputs are bounded so each case runs in bounded time.

use std::fs;
use std::path::Path;

use chrono::NaiveDate;
use proptest::prelude::*;

use coregroup::agenda::builtin;

use coregroup::domain::agenda::Agenda;
use coregroup::domain::calendar::parse_official;
use coregroup::domain::example;
use coregroup::domain::meeting::{Change, Meeting, Note};
use coregroup::domain::plan::Plan;
use coregroup::store::journal::{self, Header, Journal};
use coregroup::store::{CaseFolder, LoadError, yaml};

const LOG_YAML: &str = "- visit:\n    date: 2026-11-27\n    by: sw\n    seen_alone: true\n- member-joins:\n    date: 2026-11-28\n    member:\n      id: pshah\n      name: Priya Shah\n      role: School nurse\n- review-conference:\n    date: 2026-11-29\n    decision: continue\n    next: 2027-05-29\n";

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
}

fn plan_yaml() -> String {
    yaml::to_string(&example::plan(today())).unwrap()
}

fn meeting_yaml() -> String {
    yaml::to_string(&example::past_meeting(today())).unwrap()
}

fn agenda_yaml() -> String {
    builtin("core-group").unwrap().to_string()
}

fn holidays_json() -> String {
    fs::read_to_string("tests/fixtures/bank-holidays-2020-2028.json").unwrap()
}

fn journal_text() -> String {
    let dir = tempfile::tempdir().unwrap();
    let case = CaseFolder::at(dir.path());
    let header = Header::new("2026-11-24", "core-group", today(), "CP/2026/0417");
    let mut j = Journal::create(&case, &header).unwrap();
    for i in 0..8 {
        j.append(&Change::Note(Note {
            id: format!("n{i}"),
            subject: String::new(),
            step: "progress".into(),
            text: format!("note {i}\nsecond line"),
            privacy: Default::default(),
        }))
        .unwrap();
        j.append(&Change::Step(i)).unwrap();
    }
    fs::read_to_string(Journal::path_in(&case)).unwrap()
}

/// Every loader, on the same bytes. Each must return Ok or an error that says something.
fn every_loader(bytes: &[u8]) {
    let p = Path::new("input");
    check(yaml::parse_bytes::<Plan>(bytes, p));
    check(yaml::parse_bytes::<Meeting>(bytes, p));
    check(yaml::parse_bytes::<Agenda>(bytes, p));
    let text = String::from_utf8_lossy(bytes);
    if let Err(e) = parse_official(&text) {
        assert!(!e.to_string().trim().is_empty());
    }
    check(journal::parse(bytes, p));
    check(coregroup::store::case_log::parse_bytes(bytes, p));
    // The sweep that lists every problem of a plan reads on past each: it must end too.
    if let Ok(text) = std::str::from_utf8(bytes) {
        for e in coregroup::store::yaml_sweep::further_errors::<Plan>(text, p) {
            assert!(!e.message.trim().is_empty());
        }
    }
}

fn check<T>(result: Result<T, LoadError>) {
    if let Err(e) = result {
        assert!(!e.message.trim().is_empty(), "an error without a message");
        assert!(!e.to_string().is_empty());
    }
}

/// Text that tends to upset YAML and JSON readers.
const NASTY: &[&str] = &[
    "&a ",
    "*a",
    "<<: *a",
    "[",
    "]",
    "{",
    "}",
    "\t",
    ": ",
    "- ",
    "? ",
    "!!binary ",
    "!!python/object ",
    "~",
    "null",
    "2026-02-30",
    "'",
    "\"",
    "\\",
    "#",
    "\u{0}",
    "\u{1b}[2J",
    "\u{202e}",
    "\u{feff}",
    "\u{200b}",
    "99999999999999999999999",
    "-1",
    "1e400",
    "yes",
    "---\n",
    "...\n",
    "%YAML 1.1\n",
    "|\n",
    ">-\n",
    "\n",
    "\r\n",
    ",",
    "{\"a\":",
    "\"events\": 5",
];

#[derive(Clone, Debug)]
enum Mutation {
    DeleteLine(usize),
    DuplicateLine(usize),
    SwapLines(usize, usize),
    Truncate(usize),
    Insert(usize, usize),
    ReplaceValue(usize, usize),
    Indent(usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let any = any::<usize>();
    prop_oneof![
        any.prop_map(Mutation::DeleteLine),
        any.prop_map(Mutation::DuplicateLine),
        (any, any).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        any.prop_map(Mutation::Truncate),
        (any, 0..NASTY.len()).prop_map(|(a, b)| Mutation::Insert(a, b)),
        (any, 0..NASTY.len()).prop_map(|(a, b)| Mutation::ReplaceValue(a, b)),
        (any, 0usize..6).prop_map(|(a, b)| Mutation::Indent(a, b)),
    ]
}

fn mutate(text: &str, mutations: &[Mutation]) -> String {
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    for m in mutations {
        let n = lines.len().max(1);
        match *m {
            Mutation::DeleteLine(i) if !lines.is_empty() => {
                lines.remove(i % n);
            }
            Mutation::DuplicateLine(i) if !lines.is_empty() => {
                let line = lines[i % n].clone();
                lines.insert(i % n, line);
            }
            Mutation::SwapLines(a, b) if !lines.is_empty() => lines.swap(a % n, b % n),
            Mutation::Truncate(at) => {
                let joined = lines.join("\n");
                let mut cut = at % (joined.len() + 1);
                while !joined.is_char_boundary(cut) {
                    cut -= 1;
                }
                lines = joined[..cut].split('\n').map(str::to_string).collect();
            }
            Mutation::Insert(at, what) if !lines.is_empty() => {
                let line = &mut lines[at % n];
                let mut col = (at / n) % (line.len() + 1);
                while !line.is_char_boundary(col) {
                    col -= 1;
                }
                line.insert_str(col, NASTY[what]);
            }
            Mutation::ReplaceValue(at, what) if !lines.is_empty() => {
                let line = &mut lines[at % n];
                if let Some(i) = line.find(": ") {
                    line.truncate(i + 2);
                    line.push_str(NASTY[what]);
                }
            }
            Mutation::Indent(at, by) if !lines.is_empty() => {
                let line = &mut lines[at % n];
                *line = format!("{}{line}", " ".repeat(by));
            }
            _ => {}
        }
    }
    lines.join("\n")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 192, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..4096)) {
        every_loader(&bytes);
    }

    #[test]
    fn arbitrary_text(text in any::<String>()) {
        every_loader(text.as_bytes());
    }

    #[test]
    fn arbitrary_yaml_like_text(parts in prop::collection::vec(prop::sample::select(NASTY), 0..200)) {
        every_loader(parts.concat().as_bytes());
    }

    #[test]
    fn mutated_plan(ms in prop::collection::vec(mutation(), 1..6)) {
        every_loader(mutate(&plan_yaml(), &ms).as_bytes());
    }

    #[test]
    fn mutated_case_log(ms in prop::collection::vec(mutation(), 1..6)) {
        every_loader(mutate(LOG_YAML, &ms).as_bytes());
    }

    #[test]
    fn mutated_meeting(ms in prop::collection::vec(mutation(), 1..6)) {
        every_loader(mutate(&meeting_yaml(), &ms).as_bytes());
    }

    #[test]
    fn mutated_agenda(ms in prop::collection::vec(mutation(), 1..6)) {
        every_loader(mutate(&agenda_yaml(), &ms).as_bytes());
    }

    #[test]
    fn mutated_bank_holidays(ms in prop::collection::vec(mutation(), 1..6)) {
        let text = mutate(&holidays_json(), &ms);
        if let Err(e) = parse_official(&text) {
            prop_assert!(e.to_string().starts_with("line "), "{e}");
        }
    }

    /// A damaged journal is never read as fewer changes without saying so: it either loads with
    /// no more changes than it has lines, or fails with a line number.
    #[test]
    fn mutated_journal(ms in prop::collection::vec(mutation(), 1..6)) {
        let text = mutate(&journal_text(), &ms);
        match journal::parse(text.as_bytes(), Path::new("journal.jsonl")) {
            Ok(r) => prop_assert!(r.changes.len() < text.split('\n').count()),
            Err(e) => prop_assert!(e.line.is_some() || e.message.contains("empty"), "{e}"),
        }
    }
}

#[test]
fn the_unmutated_files_load() {
    let p = Path::new("input");
    yaml::parse_str::<Plan>(&plan_yaml(), p).unwrap();
    coregroup::store::case_log::parse_bytes(LOG_YAML.as_bytes(), p).unwrap();
    yaml::parse_str::<Meeting>(&meeting_yaml(), p).unwrap();
    yaml::parse_str::<Agenda>(&agenda_yaml(), p).unwrap();
    parse_official(&holidays_json()).unwrap();
    assert_eq!(
        journal::parse(journal_text().as_bytes(), p)
            .unwrap()
            .changes
            .len(),
        16
    );
}

#[test]
fn a_50_mb_file_is_refused_without_reading_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.yaml");
    // Sparse: no 50 MB is written or read.
    fs::File::create(&path)
        .unwrap()
        .set_len(50 * 1024 * 1024)
        .unwrap();
    let e = yaml::load::<Plan>(&path).unwrap_err();
    assert!(e.message.contains("50 MB"), "{e}");
    assert!(e.message.contains("at most 8 MB"), "{e}");
}

#[test]
fn a_journal_past_its_limit_is_refused_without_reading_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.jsonl");
    fs::File::create(&path)
        .unwrap()
        .set_len(journal::MAX_JOURNAL_BYTES + 1)
        .unwrap();
    let e = journal::recover(&path).unwrap_err();
    assert!(e.message.contains("at most"), "{e}");
    assert!(e.hint.contains("has not been changed"), "{e}");
}

#[test]
fn an_alias_bomb_fails_cleanly() {
    let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..16 {
        let p = i - 1;
        let refs = vec![format!("*a{p}"); 10].join(", ");
        text.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
    }
    text.push_str("case: *a15\n");
    for e in [
        yaml::parse_str::<Plan>(&text, Path::new("p")).unwrap_err(),
        yaml::parse_str::<Meeting>(&text, Path::new("p")).unwrap_err(),
        yaml::parse_str::<Agenda>(&text, Path::new("p")).unwrap_err(),
    ] {
        assert!(!e.message.is_empty());
    }
}

#[test]
fn nesting_100_000_deep_fails_cleanly() {
    let n = 100_000;
    let flow = format!("case: {}{}", "[".repeat(n), "]".repeat(n));
    let flow_maps = format!("case: {}", "{a: ".repeat(n));
    let block = format!("case:\n  {}x\n", "- ".repeat(n));
    for text in [flow, flow_maps, block] {
        let e = yaml::parse_str::<Plan>(&text, Path::new("p")).unwrap_err();
        assert!(!e.message.is_empty());
        assert!(!e.hint.is_empty());
    }
    let json = format!("{}{}", "[".repeat(n), "]".repeat(n));
    assert!(parse_official(&json).is_err());
}

#[cfg(unix)]
#[test]
fn a_pipe_is_refused_instead_of_waiting_forever() {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.yaml");
    let c = CString::new(path.as_os_str().as_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    let e = yaml::load::<Plan>(&path).unwrap_err();
    assert!(e.message.contains("a named pipe, not a file"), "{e}");
}
