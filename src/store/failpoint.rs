//! Simulated crashes, for proving that an interrupted write leaves a state the next command can
//! finish. Every step that changes the disk (make a folder, create, write, sync, rename, remove a
//! file) asks [`step`] first. In a debug build a test can arm a folder: from the N-th step on
//! under that folder, every step fails as if the process had died at that instant, so nothing
//! after it reaches the disk (not even clean-up). Release builds compile the check away.

use std::io;
use std::path::Path;

/// The error an armed step returns.
pub const CRASH: &str = "simulated failure (failpoint)";

#[cfg(debug_assertions)]
mod armed {
    use std::path::PathBuf;
    use std::sync::Mutex;

    pub(super) struct Armed {
        pub root: PathBuf,
        /// The step (from 1) that fails, and every one after it unless `once`.
        pub at: usize,
        pub once: bool,
        pub seen: usize,
    }

    pub(super) static ARMED: Mutex<Vec<Armed>> = Mutex::new(Vec::new());
}

/// Whether the step about to change `path` may go ahead.
pub fn step(path: &Path) -> io::Result<()> {
    #[cfg(debug_assertions)]
    {
        let mut armed = armed::ARMED.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(a) = armed.iter_mut().find(|a| path.starts_with(&a.root)) {
            a.seen += 1;
            if a.seen == a.at || (a.seen > a.at && !a.once) {
                return Err(io::Error::other(CRASH));
            }
        }
    }
    #[cfg(not(debug_assertions))]
    let _ = path;
    Ok(())
}

/// Debug builds: make the `at`-th step (from 1) under `root` and every later one fail, as a
/// crash at that instant would.
#[cfg(debug_assertions)]
pub fn arm(root: &Path, at: usize) {
    arm_with(root, at, false);
}

/// Debug builds: make only the `at`-th step under `root` fail, as a full disk or an I/O error
/// would, while the program carries on.
#[cfg(debug_assertions)]
pub fn arm_once(root: &Path, at: usize) {
    arm_with(root, at, true);
}

#[cfg(debug_assertions)]
fn arm_with(root: &Path, at: usize, once: bool) {
    let mut armed = armed::ARMED.lock().unwrap_or_else(|e| e.into_inner());
    armed.retain(|a| a.root != root);
    armed.push(armed::Armed {
        root: root.to_path_buf(),
        at,
        once,
        seen: 0,
    });
}

/// Debug builds: stop failing steps under `root`; returns how many steps were seen there.
#[cfg(debug_assertions)]
pub fn disarm(root: &Path) -> usize {
    let mut armed = armed::ARMED.lock().unwrap_or_else(|e| e.into_inner());
    let seen = armed.iter().find(|a| a.root == root).map_or(0, |a| a.seen);
    armed.retain(|a| a.root != root);
    seen
}

#[cfg(all(test, debug_assertions))]
mod tests {
    use super::*;

    #[test]
    fn only_steps_under_the_armed_folder_count() {
        let root = Path::new("/nowhere/armed-for-a-test");
        arm(root, 2);
        assert!(step(Path::new("/nowhere/else")).is_ok());
        assert!(step(&root.join("a")).is_ok());
        assert!(step(&root.join("b")).is_err());
        assert!(step(&root.join("c")).is_err());
        assert_eq!(disarm(root), 3);
        assert!(step(&root.join("d")).is_ok());
        arm_once(root, 1);
        assert!(step(&root.join("e")).is_err());
        assert!(step(&root.join("f")).is_ok());
        disarm(root);
    }
}
