//! What the commands print: hostile text in every field of a case never reaches the terminal
//! raw, machine-readable output stays valid and keeps every character, and a reader that goes
//! away (`| head`) ends the output quietly.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use coregroup::domain::plan::Plan;
use coregroup::domain::validate::{Severity, validate, validate_meeting};
use coregroup::store::meeting_files::MinutesFile;
use coregroup::store::yaml;

/// Escape sequences (CSI, OSC with a bell), a carriage return, a direction override and C1
/// controls (CSI and NEL as single characters).
const HOSTILE: &str = "\u{1b}[31m\u{1b}]0;pwned\u{7}\r\u{202e}\u{9b}2J\u{85}";

fn coregroup(config: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_coregroup"))
        .args(args)
        .env("COREGROUP_CONFIG_DIR", config)
        .env("COREGROUP_DATA_DIR", config.join("data"))
        .stdin(Stdio::null())
        .output()
        .expect("the binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Anything that could drive a terminal: a control character but the line break, a C1
/// control, a direction override or isolate, a line or paragraph separator.
fn raw(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| {
            l.chars().any(|c| {
                c.is_control()
                    || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
                    || matches!(c, '\u{2028}' | '\u{2029}')
            })
        })
        .map(|l| format!("{l:?}"))
        .collect()
}

/// Append [`HOSTILE`] to every string of `value` for which `keeps` still holds (so ids, dates,
/// choices and emails stay as they must); how many took it.
fn poison(value: &mut yaml_serde::Value, keeps: &dyn Fn(&yaml_serde::Value) -> bool) -> usize {
    let mut paths = Vec::new();
    strings(value, &mut Vec::new(), &mut paths);
    let mut taken = 0;
    for path in paths {
        let Some(s) = at(value, &path) else { continue };
        let before = s.clone();
        *s = format!("{before}{HOSTILE}");
        if keeps(value) {
            taken += 1;
        } else if let Some(s) = at(value, &path) {
            *s = before;
        }
    }
    taken
}

#[derive(Clone)]
enum Step {
    Key(yaml_serde::Value),
    Index(usize),
}

fn strings(v: &yaml_serde::Value, here: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
    match v {
        yaml_serde::Value::String(_) => out.push(here.clone()),
        yaml_serde::Value::Sequence(items) => {
            for (i, item) in items.iter().enumerate() {
                here.push(Step::Index(i));
                strings(item, here, out);
                here.pop();
            }
        }
        yaml_serde::Value::Mapping(map) => {
            for (k, item) in map {
                here.push(Step::Key(k.clone()));
                strings(item, here, out);
                here.pop();
            }
        }
        yaml_serde::Value::Tagged(t) => strings(&t.value, here, out),
        _ => {}
    }
}

fn at<'a>(mut v: &'a mut yaml_serde::Value, path: &[Step]) -> Option<&'a mut String> {
    for step in path {
        if let yaml_serde::Value::Tagged(t) = v {
            v = &mut t.value;
        }
        v = match (step, v) {
            (Step::Key(k), yaml_serde::Value::Mapping(m)) => m.get_mut(k)?,
            (Step::Index(i), yaml_serde::Value::Sequence(s)) => s.get_mut(*i)?,
            _ => return None,
        };
    }
    match v {
        yaml_serde::Value::String(s) => Some(s),
        yaml_serde::Value::Tagged(t) => match &mut t.value {
            yaml_serde::Value::String(s) => Some(s),
            _ => None,
        },
        _ => None,
    }
}

fn read_value(path: &Path) -> yaml_serde::Value {
    let text = std::fs::read_to_string(path).unwrap();
    yaml::parse_str(&text, path).unwrap()
}

fn write_value(path: &Path, v: &yaml_serde::Value) {
    std::fs::write(path, yaml::to_string(v).unwrap()).unwrap();
}

fn as_plan(v: &yaml_serde::Value) -> Option<Plan> {
    yaml::parse_str(&yaml::to_string(v).ok()?, Path::new("plan.yaml")).ok()
}

fn no_errors(problems: &[coregroup::domain::validate::Problem]) -> bool {
    problems.iter().all(|p| p.severity != Severity::Error)
}

struct HostileCase {
    _tmp: tempfile::TempDir,
    config: PathBuf,
    root: PathBuf,
    case: PathBuf,
}

/// The example case with [`HOSTILE`] in every free-text field of its plan, its log and its
/// meeting's record, its closures, and a meeting folder whose name carries it too.
fn hostile_case() -> HostileCase {
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("config");
    std::fs::create_dir(&config).unwrap();
    let root = tmp.path().join("cases");
    let case = root.join("case");
    let c = case.to_str().unwrap();
    let (code, _, err) = coregroup(&config, &["new", c, "--example", "--today", "2026-11-24"]);
    assert_eq!(code, 0, "{err}");
    // Events with free text of their own.
    for event in [
        vec![
            "visit",
            "--date",
            "2026-11-20",
            "--not-seen",
            "--why-not",
            "away",
        ],
        vec![
            "change-reported",
            "--date",
            "2026-11-21",
            "moved to a new flat",
        ],
    ] {
        let mut args = vec!["log", c];
        args.extend(event);
        let (code, _, err) = coregroup(&config, &args);
        assert_eq!(code, 0, "{err}");
    }

    let plan_path = case.join("plan.yaml");
    let mut plan = read_value(&plan_path);
    // The agenda must still be found, or every command would stop at that.
    let taken = poison(&mut plan, &|v| {
        as_plan(v).is_some_and(|p| {
            no_errors(&validate(&p)) && coregroup::agenda::shipped(&p.case.agenda).is_ok()
        })
    });
    assert!(taken > 20, "only {taken} fields of the plan took the text");
    write_value(&plan_path, &plan);
    let plan = as_plan(&plan).unwrap();

    let log_path = case.join("log.yaml");
    let mut log = read_value(&log_path);
    let taken = poison(&mut log, &|v| {
        let text = yaml::to_string(v).unwrap();
        coregroup::store::case_log::parse_bytes(text.as_bytes(), &log_path)
            .is_ok_and(|l| coregroup::domain::case_log::validate(&l, &plan).is_empty())
    });
    assert!(taken >= 2, "only {taken} fields of the log took the text");
    write_value(&log_path, &log);

    let meeting_dir = std::fs::read_dir(case.join("meetings"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let id = meeting_dir
        .file_name()
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    let meeting_plan = as_plan(&read_value(&meeting_dir.join("plan.yaml"))).unwrap();
    let minutes_path = meeting_dir.join("minutes.yaml");
    let mut minutes = read_value(&minutes_path);
    let taken = poison(&mut minutes, &|v| {
        let Ok(text) = yaml::to_string(v) else {
            return false;
        };
        yaml::parse_str::<MinutesFile>(&text, &minutes_path)
            .is_ok_and(|f| no_errors(&validate_meeting(&f.meeting, &id, &[&meeting_plan, &plan])))
    });
    assert!(
        taken > 20,
        "only {taken} fields of the record took the text"
    );
    write_value(&minutes_path, &minutes);

    std::fs::write(
        case.join("closures.yaml"),
        format!(
            "- date: 2026-12-29\n  title: \"Closed{}\"\n",
            escaped(HOSTILE)
        ),
    )
    .unwrap();
    // A folder beside the meetings, named with it.
    std::fs::create_dir(case.join("meetings").join(format!("2026-01-01{HOSTILE}"))).unwrap();
    HostileCase {
        _tmp: tmp,
        config,
        root,
        case,
    }
}

/// `text` as the inside of a YAML double-quoted string.
fn escaped(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            c if c.is_control() || !c.is_ascii() => format!("\\u{:04X}", c as u32),
            c => c.to_string(),
        })
        .collect()
}

#[test]
fn hostile_text_in_every_field_never_reaches_the_terminal_raw() {
    let h = hostile_case();
    let c = h.case.to_str().unwrap();
    let r = h.root.to_str().unwrap();
    let hostile_path = format!("{c}{HOSTILE}");
    // Each command, and whether it must succeed (so the hostile text is really used, not
    // stopped at the door).
    let runs: Vec<(Vec<&str>, bool)> = vec![
        (vec!["check", c], false),
        (vec!["status", c, "--today", "2026-11-24"], true),
        (
            vec!["status", c, "--today", "2026-11-24", "--format", "yaml"],
            true,
        ),
        (vec!["log", c], true),
        (
            vec![
                "log",
                c,
                "change-reported",
                "--date",
                "2026-11-22",
                "the words\u{1b}[2J\r\u{202e}\u{9b}here",
            ],
            true,
        ),
        (vec!["export", c], true),
        (vec!["circulate", c, "--date", "2026-11-24"], true),
        (vec!["caseload", r, "--today", "2026-11-24"], true),
        (
            vec!["caseload", r, "--today", "2026-11-24", "--format", "yaml"],
            true,
        ),
        (
            vec!["caseload", r, "--today", "2026-11-24", "--format", "json"],
            true,
        ),
        (vec!["holidays", "2026", "--case", c], true),
        (
            vec!["deadline", "2026-12-24", "--working-days", "5", "--case", c],
            true,
        ),
        (vec!["review-report", c, "--today", "2026-11-24"], true),
        (vec!["resolution-request", c], false),
        (vec!["agendas"], true),
        (vec!["status", &hostile_path], false),
    ];
    let mut problems = Vec::new();
    for (args, succeeds) in &runs {
        let (code, out, err) = coregroup(&h.config, args);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        if *succeeds {
            assert_eq!(code, 0, "{args:?}: {err}");
        }
        for (stream, text) in [("stdout", &out), ("stderr", &err)] {
            for line in raw(text) {
                problems.push(format!("{args:?} {stream}: {line}"));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "raw control text reached the terminal:\n{}",
        problems.join("\n")
    );
}

#[test]
fn machine_readable_output_stays_valid_and_keeps_every_character() {
    let h = hostile_case();
    let r = h.root.to_str().unwrap();
    let (code, json, err) = coregroup(
        &h.config,
        &["caseload", r, "--today", "2026-11-24", "--format", "json"],
    );
    assert_eq!(code, 0, "{err}");
    assert!(raw(&json).is_empty(), "{:?}", raw(&json));
    let back: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    let back: yaml_serde::Value = yaml_serde::to_value(&back).unwrap();
    assert!(holds_hostile(&back), "{json}");

    let (code, text, err) = coregroup(
        &h.config,
        &["caseload", r, "--today", "2026-11-24", "--format", "yaml"],
    );
    assert_eq!(code, 0, "{err}");
    assert!(raw(&text).is_empty(), "{:?}", raw(&text));
    let back: yaml_serde::Value = yaml::parse_str(&text, Path::new("caseload.yaml")).unwrap();
    assert!(holds_hostile(&back), "{text}");
}

/// Whether a string in `v` holds [`HOSTILE`] whole.
fn holds_hostile(v: &yaml_serde::Value) -> bool {
    let mut paths = Vec::new();
    strings(v, &mut Vec::new(), &mut paths);
    let mut v = v.clone();
    paths
        .iter()
        .any(|p| at(&mut v, p).is_some_and(|s| s.contains(HOSTILE)))
}

/// Run the binary with standard output a pipe nobody reads any more.
#[cfg(unix)]
fn into_closed_pipe(config: &Path, args: &[&str]) -> (i32, String) {
    use std::os::fd::FromRawFd;
    let mut fds = [0; 2];
    assert_eq!(unsafe { libc::pipe(fds.as_mut_ptr()) }, 0);
    // SAFETY: both descriptors were just made by pipe() and are owned here once each.
    let (read, write) = unsafe {
        (
            std::os::fd::OwnedFd::from_raw_fd(fds[0]),
            std::os::fd::OwnedFd::from_raw_fd(fds[1]),
        )
    };
    drop(read);
    let out = Command::new(env!("CARGO_BIN_EXE_coregroup"))
        .args(args)
        .env("COREGROUP_CONFIG_DIR", config)
        .env("COREGROUP_DATA_DIR", config.join("data"))
        .env("RUST_BACKTRACE", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::from(write))
        .output()
        .expect("the binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[cfg(unix)]
#[test]
fn piping_any_command_into_a_reader_that_stops_ends_quietly() {
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("config");
    std::fs::create_dir(&config).unwrap();
    let root = tmp.path().join("cases");
    let case = root.join("case");
    let c = case.to_str().unwrap();
    let (code, _, err) = coregroup(&config, &["new", c, "--example", "--today", "2026-11-24"]);
    assert_eq!(code, 0, "{err}");
    let fresh = tmp.path().join("fresh");
    let template = tmp.path().join("template");
    let runs: Vec<Vec<&str>> = vec![
        vec!["--help"],
        vec!["log", "--help"],
        vec!["check", c],
        vec!["status", c],
        vec!["status", c, "--format", "yaml"],
        vec!["log", c],
        vec!["log", c, "visit", "--date", "2026-11-20", "--seen-alone"],
        vec!["export", c],
        vec!["circulate", c],
        vec!["caseload", root.to_str().unwrap()],
        vec!["caseload", root.to_str().unwrap(), "--format", "json"],
        vec!["caseload", root.to_str().unwrap(), "--format", "yaml"],
        vec!["holidays", "2026"],
        vec!["deadline", "2026-11-24", "--weeks", "6"],
        vec!["agendas"],
        vec!["agendas", "show", "core-group"],
        vec!["review-report", c],
        vec!["resolution-request", c],
        vec!["new", fresh.to_str().unwrap(), "--example"],
        vec!["new", template.to_str().unwrap()],
        vec!["case", c],
        vec!["meeting", c],
        vec!["status", "/no/such/case"],
    ];
    for args in runs {
        let (code, err) = into_closed_pipe(&config, &args);
        assert_ne!(code, 101, "{args:?} panicked: {err}");
        for bad in ["panicked", "Broken pipe", "stack backtrace"] {
            assert!(!err.contains(bad), "{args:?}: {err}");
        }
    }
}
