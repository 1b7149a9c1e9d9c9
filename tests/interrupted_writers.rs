//! Writers other than the close, interrupted or running at once: no command removes the
//! temporary files of another still writing; what a crash leaves is removed by the next command
//! and named by `check`; a circulation that fails part way marks nothing final, logs nothing and
//! leaves the outbox as it was (or, failing after it is logged, is finished by running it again).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::NaiveDate;
use coregroup::store::{CaseFolder, case_log, failpoint, temporary};

fn coregroup(config: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_coregroup"))
        .args(args)
        .env("COREGROUP_CONFIG_DIR", config)
        .env("COREGROUP_DATA_DIR", config.join("data"))
        .output()
        .expect("the binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
}

fn example(dir: &Path) -> PathBuf {
    let root = dir.join("case");
    coregroup::cases::new_case::create_case(&root, true, today()).unwrap();
    root
}

/// `log` writing events while `status` and `check` run on the same case, as three people at
/// their desks would: the clean-up of each `status` and `check` used to remove the temporary
/// file of a `log` writing at that moment, and the `log` failed ("No such file").
#[test]
fn cleaning_up_never_takes_the_temporary_file_of_another_writer() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config");
    std::fs::create_dir(&config).unwrap();
    let root = example(dir.path());
    let case = root.to_str().unwrap().to_string();
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let cleaners: Vec<_> = ["status", "check"]
        .into_iter()
        .map(|command| {
            let (done, case, config) = (done.clone(), case.clone(), config.clone());
            std::thread::spawn(move || {
                let mut runs = 0;
                while !done.load(std::sync::atomic::Ordering::Relaxed) {
                    coregroup(&config, &[command, &case]);
                    runs += 1;
                }
                runs
            })
        })
        .collect();
    let mut failed = Vec::new();
    const LOGS: usize = 60;
    for i in 0..LOGS {
        // A different visit each time: the same visit logged again is recorded once.
        let day = (chrono::NaiveDate::from_ymd_opt(2026, 8, 1).unwrap()
            + chrono::Days::new(i as u64))
        .format("%Y-%m-%d")
        .to_string();
        let (code, _, err) = coregroup(
            &config,
            &["log", &case, "visit", "--date", &day, "--seen-alone"],
        );
        if code != 0 {
            failed.push(err);
        }
    }
    done.store(true, std::sync::atomic::Ordering::Relaxed);
    let cleanups: usize = cleaners.into_iter().map(|t| t.join().unwrap()).sum();
    assert!(
        cleanups > 10,
        "only {cleanups} clean-ups ran beside the log"
    );
    assert!(
        failed.is_empty(),
        "{} of {LOGS} `log` runs failed:\n{}",
        failed.len(),
        failed.join("\n")
    );
    let log = case_log::load(&CaseFolder::open(&root).unwrap()).unwrap();
    assert_eq!(log.entries().len(), LOGS);
}

/// What an interrupted `circulate` or `review-report` leaves (a whole email with the minutes for
/// professionals, a report) in `outbox/` or `reports/`, or a whole staged pack: `check` names
/// each and removes it; any other command on the case removes it.
#[test]
fn what_an_interrupted_circulation_or_report_leaves_is_named_and_removed() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config");
    std::fs::create_dir(&config).unwrap();
    let root = example(dir.path());
    let case = root.to_str().unwrap();
    let meeting = root.join("meetings/2026-10-15");
    let leave = || {
        let outbox = meeting.join("outbox");
        let reports = root.join("reports");
        let pack = meeting.join(".stageP4ck00");
        for d in [&outbox, &reports, &pack] {
            std::fs::create_dir_all(d).unwrap();
        }
        let left = vec![
            outbox.join(".stageAb12Cd"),
            reports.join(".stageEf34Gh"),
            pack.clone(),
        ];
        std::fs::write(&left[0], "To: school\nCONFIDENTIAL minutes").unwrap();
        std::fs::write(&left[1], "CONFIDENTIAL report").unwrap();
        std::fs::write(pack.join("school.eml"), "CONFIDENTIAL minutes").unwrap();
        left
    };
    let left = leave();
    let (code, out, _) = coregroup(&config, &["check", case]);
    assert_eq!(code, 0, "{out}");
    for p in &left {
        assert!(
            out.contains(&format!("{}: left by an interrupted write", p.display())),
            "{out}"
        );
        assert!(!p.exists(), "{} is still there", p.display());
    }
    for command in ["status", "review-report", "circulate", "export", "log"] {
        let left = leave();
        let (code, _, err) = coregroup(&config, &[command, case]);
        assert_eq!(code, 0, "{command}: {err}");
        for p in &left {
            assert!(!p.exists(), "{command} left {}", p.display());
        }
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &to.join(e.file_name()));
        } else {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

/// Two snapshots hold the same files with the same bytes; the message names those that differ.
fn same(a: &BTreeMap<PathBuf, Vec<u8>>, b: &BTreeMap<PathBuf, Vec<u8>>, what: &str) {
    let differ: Vec<_> = a
        .keys()
        .chain(b.keys())
        .filter(|k| a.get(*k) != b.get(*k))
        .collect();
    assert!(differ.is_empty(), "{what}: {differ:?} differ");
}

/// Every file under `dir` with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    if !dir.exists() {
        return out;
    }
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let e = e.unwrap();
            if e.file_type().unwrap().is_dir() {
                stack.push(e.path());
            } else {
                out.insert(
                    e.path().strip_prefix(dir).unwrap().to_path_buf(),
                    std::fs::read(e.path()).unwrap(),
                );
            }
        }
    }
    out
}

fn circulate(root: &Path) -> Result<coregroup::cases::circulate::Pack, String> {
    let case = CaseFolder::open(root).unwrap();
    let plan = case.load_plan().unwrap();
    let agenda = coregroup::agenda::shipped(&plan.case.agenda).unwrap();
    let cal =
        coregroup::store::calendar_files::load_calendar(Some(root), plan.case.division).unwrap();
    let now = today()
        .and_hms_opt(10, 0, 0)
        .unwrap()
        .and_utc()
        .fixed_offset();
    let request = coregroup::cases::circulate::Circulation {
        meeting: None,
        day: today(),
        reason: None,
    };
    coregroup::cases::circulate::circulate(&case, &plan, request, now, &agenda.policy, &cal)
        .map_err(|e| e.to_string())
}

fn same_state(root: &Path, want: &(BTreeMap<PathBuf, Vec<u8>>, bool), what: &str) {
    let got = state(root);
    same(&got.0, &want.0, what);
    assert_eq!(got.1, want.1, "{what}: logged");
}

fn circulated(root: &Path) -> bool {
    let log = case_log::load(&CaseFolder::open(root).unwrap()).unwrap();
    !log.circulated_days("2026-10-15").is_empty()
}

/// The state a whole circulation leaves: the meeting's folder (documents and outbox) and the log.
fn state(root: &Path) -> (BTreeMap<PathBuf, Vec<u8>>, bool) {
    (
        snapshot(&root.join("meetings/2026-10-15")),
        circulated(root),
    )
}

/// Fail each disk step of a circulation in turn, once (a full disk, an I/O error) or from
/// there on (a crash): before the circulation is logged nothing has changed, not a document
/// marked final, not the outbox, not the log; after, running it again finishes it, exactly as
/// an uninterrupted circulation would have left the case. Nothing temporary outlives the next
/// command.
#[test]
fn a_circulation_that_fails_at_any_step_marks_nothing_final_or_is_finished_by_the_next() {
    let dir = tempfile::tempdir().unwrap();
    let made = dir.path().join("made");
    std::fs::create_dir(&made).unwrap();
    let made = example(&made);
    let fresh = |name: &str| {
        let root = dir.path().join(name).join("case");
        copy_dir(&made, &root);
        root
    };
    let clean = fresh("clean");
    circulate(&clean).unwrap();
    let whole = state(&clean);
    assert!(whole.1);

    // How many disk steps a circulation takes; the steps tried are spread over the making of
    // the pack, and close together from the log on (where the outcome changes).
    let probe = fresh("probe");
    failpoint::arm(&probe, usize::MAX);
    circulate(&probe).unwrap();
    let steps = failpoint::disarm(&probe);
    assert!(steps > 50, "{steps}");
    let tail = steps.saturating_sub(45);
    let mut tried: Vec<usize> = (0..10).map(|k| 1 + k * tail / 10).collect();
    tried.extend((tail..=steps + 1).step_by(3));
    tried.push(steps + 1);
    for crash in [false, true] {
        for &at in &tried {
            let root = fresh(&format!("run-{crash}-{at}"));
            let before = state(&root);
            if crash {
                failpoint::arm(&root, at);
            } else {
                failpoint::arm_once(&root, at);
            }
            let result = circulate(&root);
            failpoint::disarm(&root);
            let case = CaseFolder::open(&root).unwrap();
            // The next command clears what a crash left.
            temporary::remove_temporary_files(&case);
            assert!(
                temporary::temporary_files(&case).is_empty(),
                "step {at}: {:?}",
                temporary::temporary_files(&case)
            );
            match result {
                Ok(_) => {
                    // Whole, whether or not a step failed (a folder not synced after a rename
                    // that went through is no loss).
                    same_state(
                        &root,
                        &whole,
                        &format!("step {at}: circulate said it was done"),
                    );
                }
                Err(e) if !circulated(&root) => {
                    same_state(
                        &root,
                        &before,
                        &format!("step {at} (crash: {crash}) failed before logging: {e}"),
                    );
                    if !crash {
                        assert!(e.contains("nothing was circulated"), "step {at}: {e}");
                    }
                }
                Err(e) => {
                    if !crash {
                        assert!(e.contains("run `coregroup circulate"), "step {at}: {e}");
                    }
                    circulate(&root).unwrap();
                    same_state(
                        &root,
                        &whole,
                        &format!("step {at}: finished by running again"),
                    );
                }
            }
        }
    }
}

/// `new DIR --example` killed at a step of its writing: every other command says the making
/// was cut short and how to go on (never "not a case" while `new` says there is one), and the
/// next `new` starts it again and makes the whole example case.
#[test]
fn a_killed_new_example_leaves_a_folder_every_command_agrees_about() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config");
    std::fs::create_dir(&config).unwrap();
    let clean = dir.path().join("clean");
    coregroup::cases::new_case::create_case(&clean, true, today()).unwrap();
    let probe = dir.path().join("probe");
    failpoint::arm(&probe, usize::MAX);
    coregroup::cases::new_case::create_case(&probe, true, today()).unwrap();
    let steps = failpoint::disarm(&probe);
    let kept = |root: &Path| {
        let mut s = snapshot(root);
        s.retain(|p, _| !p.starts_with(".coregroup"));
        s
    };
    for at in (1..=steps)
        .step_by(steps / 12 + 1)
        .chain([steps - 1, steps])
    {
        let root = dir.path().join(format!("case-{at}"));
        failpoint::arm(&root, at);
        let made = coregroup::cases::new_case::create_case(&root, true, today());
        failpoint::disarm(&root);
        if made.is_ok() {
            continue;
        }
        let r = root.to_str().unwrap();
        let is_case = root.join("plan.yaml").exists();
        let cut_short = root.join(".coregroup/making-example.json").exists() && !is_case;
        let commands = if root.exists() {
            vec![
                vec!["status", r],
                vec!["check", r],
                vec!["log", r],
                vec!["export", r],
            ]
        } else {
            Vec::new()
        };
        for args in commands {
            let (code, out, err) = coregroup(&config, &args);
            let all = format!("{out}{err}");
            if cut_short {
                assert_ne!(code, 0, "step {at}: {args:?}: {all}");
                assert!(
                    all.contains("was cut short")
                        && all.contains(&format!("coregroup new {r} --example")),
                    "step {at}: {args:?}: {all}"
                );
            } else if !is_case {
                assert!(all.contains("not a case"), "step {at}: {args:?}: {all}");
            }
        }
        let (code, _, err) = coregroup(&config, &["new", r, "--example", "--today", "2026-11-24"]);
        if is_case {
            // The plan went in last: the case is whole, and the next command tidies up.
            assert_ne!(code, 0, "step {at}: a second new over a whole case");
            let (code, _, err) = coregroup(&config, &["status", r]);
            assert_eq!(code, 0, "step {at}: {err}");
        } else {
            assert_eq!(code, 0, "step {at}: {err}");
        }
        same(
            &kept(&root),
            &kept(&clean),
            &format!("step {at}: the case made again"),
        );
        assert!(!root.join(".coregroup/making-example.json").exists());
    }
}
