//! The one-editor lock as processes really use it: many racing for one case, and a holder that
//! is killed.

#[cfg(unix)]
use std::io::{BufRead, BufReader};
#[cfg(unix)]
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Barrier, Mutex};

use coregroup::store::{CaseFolder, Lock, LockError};

/// Set in the child process of `a_lock_held_by_a_killed_process_is_free_afterwards`: the case it
/// is to lock.
const CHILD_CASE: &str = "COREGROUP_TEST_LOCK_CHILD_CASE";

/// Racers taking and letting go of the case over and over: never two at once, and a loser is
/// always told the case is held (never that the lock file cannot be read).
#[test]
fn racing_editors_never_hold_the_case_together() {
    let dir = tempfile::tempdir().unwrap();
    let case = CaseFolder::at(dir.path());
    let racers = 6;
    let rounds = 150;
    let barrier = Arc::new(Barrier::new(racers));
    let inside = Arc::new(AtomicUsize::new(0));
    let wins = Arc::new(AtomicUsize::new(0));
    let problems = Arc::new(Mutex::new(Vec::<String>::new()));
    let handles: Vec<_> = (0..racers)
        .map(|_| {
            let (case, barrier, inside, wins, problems) = (
                case.clone(),
                Arc::clone(&barrier),
                Arc::clone(&inside),
                Arc::clone(&wins),
                Arc::clone(&problems),
            );
            std::thread::spawn(move || {
                for _ in 0..rounds {
                    barrier.wait();
                    // Problems are collected, not panicked on: a panic here would leave the
                    // other racers waiting at the barrier for ever.
                    match Lock::acquire(&case) {
                        Ok((lock, notice)) => {
                            if let Some(n) = notice {
                                problems.lock().unwrap().push(format!("a notice: {n}"));
                            }
                            if inside.fetch_add(1, Ordering::SeqCst) != 0 {
                                problems.lock().unwrap().push("two holders at once".into());
                            }
                            wins.fetch_add(1, Ordering::SeqCst);
                            std::thread::yield_now();
                            inside.fetch_sub(1, Ordering::SeqCst);
                            drop(lock);
                        }
                        Err(LockError::Held { .. }) => {}
                        Err(e) => problems
                            .lock()
                            .unwrap()
                            .push(format!("a loser was told: {e}")),
                    }
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    let problems = problems.lock().unwrap();
    assert!(
        problems.is_empty(),
        "{} problems, first: {:?}",
        problems.len(),
        problems.first()
    );
    // Every round somebody won (the others lost to a holder, not to an error).
    assert!(wins.load(Ordering::SeqCst) >= rounds);
}

/// The body of the child process: take the case, say so, and wait to be killed.
#[test]
#[ignore = "run as a child process by a_lock_held_by_a_killed_process_is_free_afterwards"]
fn child_holds_the_lock() {
    let Some(dir) = std::env::var_os(CHILD_CASE) else {
        return;
    };
    let case = CaseFolder::at(std::path::Path::new(&dir));
    let (_lock, _) = Lock::acquire(&case).unwrap();
    println!("LOCKED");
    std::thread::sleep(std::time::Duration::from_secs(120));
}

/// A holder killed outright (no clean-up runs) leaves the case free: the kernel let go of it.
#[cfg(unix)]
#[test]
fn a_lock_held_by_a_killed_process_is_free_afterwards() {
    let dir = tempfile::tempdir().unwrap();
    let case = CaseFolder::at(dir.path());
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "child_holds_the_lock",
            "--exact",
            "--ignored",
            "--nocapture",
        ])
        .env(CHILD_CASE, dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    while !line.contains("LOCKED") {
        line.clear();
        assert!(
            out.read_line(&mut line).unwrap() > 0,
            "the child ended early"
        );
    }
    let err = Lock::acquire(&case).unwrap_err();
    let LockError::Held {
        holder: Some(holder),
        ..
    } = &err
    else {
        panic!("expected the child to hold the case: {err:?}");
    };
    assert_eq!(holder.pid, child.id());

    child.kill().unwrap();
    child.wait().unwrap();
    let (lock, notice) = Lock::acquire(&case).unwrap();
    let notice = notice.expect("a notice naming the holder that ended");
    assert!(
        notice.contains(&format!("process {}", holder.pid)),
        "{notice}"
    );
    assert_eq!(lock.holder().pid, std::process::id());
}
