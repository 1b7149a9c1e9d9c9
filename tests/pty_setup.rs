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

/// On the children section: Sam, then on the core group section his mother, Ann.
fn child_and_mother(s: &mut Session) {
    s.send(b"+");
    s.wait_for("A new child");
    fields(
        s,
        &["Sam Lowe", "1/2/2020", "", "[x]", "", "", "", "12/10/2026"],
    );
    s.send(ENTER);
    s.wait_for("child added");
    s.send(F8);
    s.send(b"+");
    fields(s, &["Ann Lowe", "mother", "", "[x]"]);
    s.send(F2);
    s.wait_for("1 in all");
}

/// On the outcomes section: one outcome for the only child (typed straight in), then one action
/// for it, owned by Joe, due Friday.
fn outcome_and_action(s: &mut Session) {
    s.send(b"+");
    s.type_text("Sam is safe at home");
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
    child_and_mother(&mut s);
    s.send(b"+");
    fields(&mut s, &["Joe Marsh", "social worker", "Eastbrook Council"]);
    s.send(F2);
    s.wait_for("2 in all");
    s.send(F8);
    outcome_and_action(&mut s);
    s.send(F2);
    assert_eq!(s.wait_exit(), Some(0), "{}", s.contents());

    let plan = case.join("plan.yaml");
    let mode = fs::metadata(&plan).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "owner only");
    let text = fs::read_to_string(&plan).unwrap();
    assert!(text.contains("Sam Lowe") && text.contains("See Sam alone every week"));
    assert!(text.contains("text: Sam is safe at home\n"), "{text}");
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
    // Leaving keeps the draft, to go on with later.
    s.send(CTRL_X);
    s.wait_for("Leave and keep the draft?");
    s.send(b"y");
    assert_eq!(s.wait_exit(), Some(0));
    assert!(!case.join("plan.yaml").exists(), "no case was written");
    let draft = std::fs::read_to_string(case.join(".coregroup/setup-draft.yaml")).unwrap();
    assert!(draft.contains("EB-2026-0078"), "{draft}");
    // Back in, the leave key twice throws the draft away and leaves nothing behind.
    let mut s = place.start(&["new", case.to_str().unwrap()], 160, 48);
    s.wait_for("EB-2026-0078");
    s.send(CTRL_X);
    s.wait_for("Leave and keep the draft?");
    s.send(CTRL_X);
    s.wait_for("Throw the draft away?");
    s.send(b"y");
    assert_eq!(s.wait_exit(), Some(0));
    assert!(!case.exists(), "nothing was written");

    // Outside a terminal `new` writes the template, as it always did.
    let out = place.command(&["new"]).output().unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(case.join("plan.yaml").exists());
}

#[test]
fn a_second_set_up_of_the_same_folder_is_refused_while_the_first_runs() {
    let place = Place::new();
    let case = place.case();
    let case_s = case.to_str().unwrap();
    let mut first = place.start(&["new", case_s], 80, 24);
    first.wait_for("Setting up a case");
    first.type_text("EB-2026-0081");
    wait_for_file(&case.join(".coregroup/setup-draft.yaml"), "EB-2026-0081");
    let mut second = place.start(&["new", case_s], 80, 24);
    second.wait_for("open in another coregroup");
    assert_ne!(second.wait_exit(), Some(0));
    // The first goes on untouched; left without saving, it leaves nothing behind.
    first.type_text("-X");
    wait_for_file(&case.join(".coregroup/setup-draft.yaml"), "EB-2026-0081-X");
    first.send(CTRL_X);
    first.wait_for("Leave and keep the draft?");
    first.send(CTRL_X);
    first.wait_for("Throw the draft away?");
    first.send(b"y");
    assert_eq!(first.wait_exit(), Some(0));
    assert!(!case.exists(), "{:?}", files_under(&case));
}

/// Wait until `path` holds `text` (the draft is kept on the screen's tick).
fn wait_for_file(path: &std::path::Path, text: &str) {
    for _ in 0..200 {
        if fs::read_to_string(path).is_ok_and(|t| t.contains(text)) {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    panic!("{} never held {text:?}", path.display());
}

/// Every file under `dir`, by path.
fn files_under(dir: &std::path::Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(files_under(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn a_set_up_killed_mid_field_goes_on_where_it_was_with_nothing_lost() {
    let place = Place::new();
    let case = place.case();
    let case_s = case.to_str().unwrap();
    let draft = case.join(".coregroup/setup-draft.yaml");
    let mut s = place.start(&["new", case_s, "--today", "2026-11-30"], 80, 24);
    s.wait_for("Setting up a case");
    fields(&mut s, &["EB-2026-0079", "Eastbrook Council"]);
    s.send(F8);
    child_and_mother(&mut s);
    // Half a name typed into a new row, then the process is killed outright.
    s.send(b"+");
    s.type_text("Joe Ma");
    wait_for_file(&draft, "Joe Ma");
    s.signal(libc::SIGKILL);
    s.wait_exit();

    // Kept owner-only, like every file of the case.
    let mode = |p: &std::path::Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&draft), 0o600);
    assert_eq!(mode(&case.join(".coregroup")), 0o700);
    assert_eq!(mode(&case), 0o700);
    assert!(!case.join("plan.yaml").exists());

    // The commands on a case say a set-up is in progress and how to go on with it.
    for command in ["check", "meeting", "status"] {
        let out = place.command(&[command]).output().unwrap();
        assert!(!out.status.success(), "{command}: {out:?}");
        let said = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(said.contains("still being set up"), "{command}: {said}");
        assert!(
            said.contains(&format!("coregroup new {case_s}")),
            "{command}: {said}"
        );
    }
    // Outside a terminal `new` does not write the template over what was typed.
    let out = place.command(&["new"]).output().unwrap();
    assert!(!out.status.success(), "{out:?}");
    assert!(!case.join("plan.yaml").exists());

    // `new` goes on with it: the rows saved, and the half-typed one open where it was left.
    let mut s = place.start(&["new", case_s, "--today", "2026-11-30"], 80, 24);
    s.wait_for("Went on with the set-up left unsaved");
    s.wait_for("Joe Ma");
    s.type_text("rsh");
    fields(&mut s, &["", "social worker", "Eastbrook Council"]);
    s.send(F2);
    s.wait_for("2 in all");
    s.send(F8);
    outcome_and_action(&mut s);
    s.send(F2);
    assert_eq!(s.wait_exit(), Some(0), "{}", s.contents());

    let text = fs::read_to_string(case.join("plan.yaml")).unwrap();
    for typed in [
        "EB-2026-0079",
        "Sam Lowe",
        "Ann Lowe",
        "Joe Marsh",
        "See Sam alone",
    ] {
        assert!(text.contains(typed), "{typed} missing from\n{text}");
    }
    // No draft and no temporary file outlives the save.
    for f in files_under(&case) {
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        assert!(
            name != "setup-draft.yaml" && !name.starts_with(".stage"),
            "{} was left",
            f.display()
        );
        assert_eq!(mode(&f) & 0o077, 0, "{} is readable by others", f.display());
    }
    let check = place.command(&["check"]).output().unwrap();
    assert!(check.status.success(), "{check:?}");
}
