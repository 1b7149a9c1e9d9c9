//! Each event of the case log has an id, and the same event is recorded once: a `log` run again
//! after it was cut short, two `circulate` at once. Logs written before ids have them too.

use std::path::{Path, PathBuf};
use std::process::Command;

fn coregroup(config: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_coregroup"))
        .args(args)
        .env("COREGROUP_CONFIG_DIR", config)
        .output()
        .expect("the binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn example() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config");
    let case = dir.path().join("case");
    let (code, _, err) = coregroup(
        &config,
        &["new", s(&case), "--example", "--today", "2026-11-24"],
    );
    assert_eq!(code, 0, "{err}");
    (dir, config, case)
}

fn count(case: &Path, kind: &str) -> usize {
    std::fs::read_to_string(case.join("log.yaml"))
        .unwrap_or_default()
        .lines()
        .filter(|l| l.trim_start_matches("- ") == format!("{kind}:"))
        .count()
}

#[test]
fn a_log_run_again_records_the_event_once_and_says_so() {
    let (_dir, config, case) = example();
    let args = [
        "log",
        s(&case),
        "visit",
        "--date",
        "2026-11-20",
        "--today",
        "2026-11-24",
    ];
    let (code, _, err) = coregroup(&config, &args);
    assert_eq!(code, 0, "{err}");
    // Run again, as a worker would after the first was cut short before it answered.
    let (code, out, err) = coregroup(&config, &args);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("nothing was added"), "{out}");
    assert_eq!(count(&case, "visit"), 1);
}

#[test]
fn two_circulations_at_once_log_once() {
    for _ in 0..3 {
        let (_dir, config, case) = example();
        let run = || {
            Command::new(env!("CARGO_BIN_EXE_coregroup"))
                .args(["circulate", s(&case), "--date", "2026-11-02"])
                .env("COREGROUP_CONFIG_DIR", &config)
                .spawn()
                .unwrap()
        };
        let (mut a, mut b) = (run(), run());
        a.wait().unwrap();
        b.wait().unwrap();
        assert_eq!(count(&case, "circulated"), 1);
    }
}

#[test]
fn every_event_of_an_old_log_has_a_stable_id_in_the_listing() {
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("config");
    let fixture = tmp.path().join("case");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/format-1"),
        &fixture,
    );
    let list = || {
        let (code, out, err) = coregroup(&config, &["log", s(&fixture)]);
        assert_eq!(code, 0, "{err}");
        out
    };
    let first = list();
    let events: Vec<&str> = first.lines().skip(1).collect();
    assert!(!events.is_empty(), "{first}");
    let ids: Vec<&str> = events
        .iter()
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    for id in &ids {
        assert!(id.starts_with('e') && id.len() == 11, "{first}");
    }
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "{first}");
    assert_eq!(list(), first, "the ids are the same every time");
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
