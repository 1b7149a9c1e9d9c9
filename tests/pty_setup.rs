//! `coregroup new` in a real pseudo-terminal: a small case set up on the screen and saved, then
//! a meeting and the case screen opened on it; and leaving without saving, which writes
//! nothing. Fictional names.

#![cfg(unix)]

mod support;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::PathBuf;
use std::process::Command;

use support::pty::Session;

const F2: &[u8] = b"\x1bOQ";
const F8: &[u8] = b"\x1b[19~";
const TAB: &[u8] = b"\t";
const ENTER: &[u8] = b"\r";
const CTRL_X: &[u8] = b"\x18";

struct Place {
    tmp: tempfile::TempDir,
}

impl Place {
    fn new() -> Place {
        let tmp = tempfile::tempdir().expect("a temporary folder");
        fs::create_dir(tmp.path().join("config")).unwrap();
        fs::create_dir(tmp.path().join("data")).unwrap();
        Place { tmp }
    }

    fn case(&self) -> PathBuf {
        self.tmp.path().join("case")
    }

    fn envs(&self) -> Vec<(&'static str, PathBuf)> {
        vec![
            ("COREGROUP_CONFIG_DIR", self.tmp.path().join("config")),
            ("COREGROUP_DATA_DIR", self.tmp.path().join("data")),
        ]
    }

    fn start(&self, args: &[&str], cols: u16, rows: u16) -> Session {
        let envs = self.envs();
        let all: Vec<(&str, &std::path::Path)> =
            envs.iter().map(|(k, v)| (*k, v.as_path())).collect();
        Session::start(args, &all, cols, rows)
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_coregroup"));
        cmd.args(args).arg(self.case()).env_remove("RUST_BACKTRACE");
        for (k, v) in self.envs() {
            cmd.env(k, v);
        }
        cmd
    }
}

fn fields(s: &mut Session, values: &[&str]) {
    for (i, v) in values.iter().enumerate() {
        if i > 0 {
            s.send(TAB);
        }
        match *v {
            "[x]" => s.send(b" "),
            v => s.type_text(v),
        }
    }
}

#[test]
fn a_small_case_set_up_on_the_screen_opens_a_meeting() {
    let place = Place::new();
    let case = place.case();
    let case_s = case.to_str().unwrap();
    let mut s = place.start(&["new", case_s, "--today", "2026-11-30"], 80, 24);
    s.wait_for("Setting up a case");
    fields(&mut s, &["EB-2026-0077", "Eastbrook Council"]);
    s.send(F8);
    s.wait_for("no children yet");
    s.send(b"+");
    s.wait_for("A new child");
    fields(
        &mut s,
        &["Sam Lowe", "1/2/2020", "", "[x]", "", "", "", "12/10/2026"],
    );
    s.send(ENTER);
    s.wait_for("child added");
    s.send(F8);
    s.send(b"+");
    fields(&mut s, &["Ann Lowe", "mother", "", "[x]"]);
    s.send(F2);
    s.wait_for("1 in all");
    s.send(b"+");
    fields(&mut s, &["Joe Marsh", "social worker", "Eastbrook Council"]);
    s.send(F2);
    s.wait_for("2 in all");
    s.send(F8);
    s.send(b"+");
    s.type_text("1Sam is safe at home");
    s.send(ENTER);
    s.wait_for("outcome added");
    s.send(F8);
    s.send(b"+");
    s.type_text("See Sam alone every week");
    s.send(TAB);
    s.type_text("1joe");
    s.send(TAB);
    s.type_text("fri");
    s.send(ENTER);
    s.wait_for("action added");
    s.send(F2);
    assert_eq!(s.wait_exit(), Some(0), "{}", s.contents());

    let plan = case.join("plan.yaml");
    let mode = fs::metadata(&plan).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "owner only");
    let text = fs::read_to_string(&plan).unwrap();
    assert!(text.contains("Sam Lowe") && text.contains("See Sam alone every week"));
    let check = place.command(&["check"]).output().unwrap();
    assert!(check.status.success(), "{check:?}");

    // The case set up on the screen runs a meeting.
    let mut m = place.start(&["meeting", case_s], 100, 30);
    m.wait_for("EB-2026-0077");
    m.wait_for("Sam Lowe");
    m.send(CTRL_X);
    m.wait_exit();

    // And the case screen shows it between meetings.
    let mut c = place.start(&["case", case_s, "--today", "2026-11-30"], 80, 24);
    c.wait_for("as on Mon 30 Nov 2026");
    c.send(b"2");
    c.wait_for("See Sam alone every week");
    c.send(b"q");
    assert_eq!(c.wait_exit(), Some(0));
}

#[test]
fn leaving_the_set_up_without_saving_writes_nothing() {
    let place = Place::new();
    let case = place.case();
    let mut s = place.start(&["new", case.to_str().unwrap()], 160, 48);
    s.wait_for("Setting up a case");
    s.type_text("EB-2026-0078");
    s.send(CTRL_X);
    s.wait_for("Leave without saving?");
    s.send(b"y");
    assert_eq!(s.wait_exit(), Some(0));
    assert!(!case.exists(), "nothing was written");

    // Outside a terminal `new` writes the template, as it always did.
    let out = place.command(&["new"]).output().unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(case.join("plan.yaml").exists());
}
