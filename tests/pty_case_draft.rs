//! What is typed into a case-screen form is not lost when the window closes (SIGHUP) or the
//! program is told to stop (SIGTERM): the form is kept beside the case and put back, with the
//! text in it, on the next `coregroup case` (directly or from the caseload); saving it removes
//! what was kept.

#![cfg(unix)]

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use support::pty::Session;

struct Place {
    tmp: tempfile::TempDir,
}

impl Place {
    fn new() -> Place {
        let tmp = tempfile::tempdir().expect("a temporary folder");
        for d in ["config", "data", "cases"] {
            std::fs::create_dir(tmp.path().join(d)).unwrap();
        }
        let place = Place { tmp };
        let out = Command::new(env!("CARGO_BIN_EXE_coregroup"))
            .args(["new", "--example", "--today", "2026-11-24"])
            .arg(place.case())
            .envs(place.envs())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        place
    }

    fn cases(&self) -> PathBuf {
        self.tmp.path().join("cases")
    }

    fn case(&self) -> PathBuf {
        self.cases().join("case")
    }

    fn envs(&self) -> Vec<(&'static str, PathBuf)> {
        vec![
            ("COREGROUP_CONFIG_DIR", self.tmp.path().join("config")),
            ("COREGROUP_DATA_DIR", self.tmp.path().join("data")),
        ]
    }

    fn start(&self, args: &[&str]) -> Session {
        let envs = self.envs();
        let envs: Vec<(&str, &Path)> = envs.iter().map(|(k, v)| (*k, v.as_path())).collect();
        Session::start(args, &envs, 100, 30)
    }

    /// The drafts kept beside the case, as their files' text.
    fn kept(&self) -> Vec<String> {
        let state = self.case().join(".coregroup");
        let mut out: Vec<String> = std::fs::read_dir(&state)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with("case-draft-") && n.ends_with(".yaml"))
            })
            .map(|p| std::fs::read_to_string(p).unwrap())
            .collect();
        out.sort();
        out
    }
}

const WHY: &str = "Kayla was at her nan's until six";

/// The visit form opened on the case screen and words typed into its last field, "Why not".
fn type_into_a_visit(s: &mut Session) {
    s.wait_for("overdue");
    s.send(b"l");
    s.wait_for("What happened");
    s.send(b"\r");
    s.wait_for("Visited on");
    // The date, who visited, each child, the bedroom: to "Why not".
    s.send(b"\t\t\t\t\t");
    s.type_text(WHY);
    s.wait_for(WHY);
}

#[test]
fn a_visit_typed_when_the_window_closed_is_put_back_on_the_next_case_and_saving_it_removes_it() {
    let place = Place::new();
    let case = place.case();
    let c = case.to_str().unwrap();
    let mut s = place.start(&["case", c, "--today", "2026-11-24"]);
    type_into_a_visit(&mut s);
    s.hang_up();
    s.wait_exit();
    drop(s);
    let kept = place.kept();
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert!(kept[0].contains(WHY), "{}", kept[0]);
    let log = std::fs::read_to_string(case.join("log.yaml")).unwrap_or_default();
    assert!(!log.contains(WHY), "a draft is not a record: {log}");

    // Opened again: the visit form, with what was typed in it, and a line saying why.
    let mut s = place.start(&["case", c, "--today", "2026-11-24"]);
    s.wait_for("when the window closed");
    s.wait_for("A visit");
    s.wait_for(WHY);
    // Saved: logged, and nothing is kept any more.
    s.send(b"\x13");
    s.wait_for("logged");
    s.send(b"q");
    assert_eq!(s.wait_exit(), Some(0));
    assert_eq!(place.kept(), Vec::<String>::new());
    let log = std::fs::read_to_string(case.join("log.yaml")).unwrap();
    assert!(log.contains(WHY), "{log}");
}

#[test]
fn a_form_of_a_case_opened_from_the_caseload_is_kept_on_sigterm_and_put_back_from_the_caseload() {
    let place = Place::new();
    let cases = place.cases();
    let dir = cases.to_str().unwrap();
    let mut s = place.start(&["caseload", dir, "--today", "2026-11-24"]);
    s.wait_for("Caseload");
    s.send(b"\r");
    type_into_a_visit(&mut s);
    s.signal(libc::SIGTERM);
    s.wait_exit();
    drop(s);
    assert_eq!(place.kept().len(), 1);

    let mut s = place.start(&["caseload", dir, "--today", "2026-11-24"]);
    s.wait_for("Caseload");
    s.send(b"\r");
    s.wait_for("when the window closed");
    s.wait_for(WHY);
    // Esc asks before dropping it; yes drops it, and the file with it.
    s.send(b"\x1b");
    s.wait_for("lose what you typed");
    s.send(b"y");
    s.wait_for("overdue");
    // Back to the list (which the screen below is drawn again as), and out with ctrl-x.
    s.send(b"q");
    s.wait_for("Caseload");
    s.send(b"\x18");
    assert_eq!(s.wait_exit(), Some(0));
    assert_eq!(place.kept(), Vec::<String>::new());
}

/// Until the drafts beside the case hold `text`; panics if they never do.
fn until_kept(place: &Place, text: &str) {
    let start = std::time::Instant::now();
    while start.elapsed() < support::pty::PATIENCE {
        if place.kept().iter().any(|k| k.contains(text)) {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    panic!("never kept: {:?}", place.kept());
}

#[test]
fn what_is_typed_is_kept_as_it_is_typed_so_a_window_closed_with_two_hang_ups_loses_nothing() {
    // A shell forwards SIGHUP to the screen and the kernel sends its own as the shell goes: the
    // second ends the program at once, before it can stop. What was typed is kept already.
    let place = Place::new();
    let case = place.case();
    let c = case.to_str().unwrap();
    let mut s = place.start(&["case", c, "--today", "2026-11-24"]);
    type_into_a_visit(&mut s);
    until_kept(&place, WHY);

    // A second window on the same case leaves the form the first is typing alone.
    let mut other = place.start(&["case", c, "--today", "2026-11-24"]);
    other.wait_for("overdue");
    assert!(!other.contents().contains(WHY), "{}", other.contents());
    other.send(b"q");
    assert_eq!(other.wait_exit(), Some(0));

    s.signal(libc::SIGHUP);
    s.signal(libc::SIGHUP);
    s.wait_exit();
    drop(s);
    let s = place.start(&["case", c, "--today", "2026-11-24"]);
    s.wait_for("when the window closed");
    s.wait_for(WHY);
}
