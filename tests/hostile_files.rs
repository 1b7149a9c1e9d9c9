//! Hand edits and foreign files in a case folder, and absurd arguments: each gets a clear
//! error naming the file, never a hang, a quote of what it points to, or a wrong answer.

use std::path::Path;
use std::process::Command;

fn coregroup_in(config: &Path, args: &[&str]) -> (i32, String, String) {
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

fn coregroup(args: &[&str]) -> (i32, String, String) {
    let config = tempfile::tempdir().unwrap();
    coregroup_in(config.path(), args)
}

/// A fictional example case in `<tmp>/case`.
fn example_case() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let case = dir.path().join("case");
    let case_arg = case.to_str().unwrap().to_string();
    let (code, _, err) = coregroup(&["new", &case_arg, "--example", "--today", "2026-11-24"]);
    assert_eq!(code, 0, "{err}");
    (dir, case_arg)
}

#[test]
fn a_byte_order_mark_before_the_plan_is_accepted() {
    let (_dir, case) = example_case();
    let plan = Path::new(&case).join("plan.yaml");
    let text = std::fs::read(&plan).unwrap();
    let mut marked = b"\xef\xbb\xbf".to_vec();
    marked.extend_from_slice(&text);
    std::fs::write(&plan, marked).unwrap();
    let (code, out, err) = coregroup(&["status", &case, "--today", "2026-11-24"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Next core group"), "{out}");
    let (code, out, _) = coregroup(&["check", plan.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
}

#[cfg(unix)]
#[test]
fn a_plan_that_is_a_pipe_a_folder_or_a_link_out_is_refused_by_every_command() {
    let (dir, case) = example_case();
    let plan = Path::new(&case).join("plan.yaml");
    let outside = dir.path().join("elsewhere.txt");
    std::fs::write(&outside, "words-from-the-target: 1\n").unwrap();

    let fifo = |p: &Path| {
        let c = std::ffi::CString::new(p.as_os_str().as_encoded_bytes()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    };
    type Make = Box<dyn Fn(&Path)>;
    let cases: Vec<(Make, &str)> = vec![
        (Box::new(fifo), "a named pipe, not a file"),
        (
            Box::new(|p: &Path| std::fs::create_dir(p).unwrap()),
            "a folder, not a file",
        ),
        (
            Box::new(|p: &Path| std::os::unix::fs::symlink("/dev/zero", p).unwrap()),
            "outside the case folder",
        ),
        (
            Box::new(move |p: &Path| std::os::unix::fs::symlink(&outside, p).unwrap()),
            "outside the case folder",
        ),
    ];
    for (make, expected) in cases {
        let _ = std::fs::remove_file(&plan);
        let _ = std::fs::remove_dir(&plan);
        make(&plan);
        for args in [
            vec!["status", case.as_str()],
            vec!["check", case.as_str()],
            vec!["export", case.as_str()],
            vec!["meeting", case.as_str()],
        ] {
            let (code, out, err) = coregroup(&args);
            let all = format!("{out}{err}");
            assert_ne!(code, 0, "{args:?}: {all}");
            assert!(all.contains(expected), "{args:?}: {all}");
            assert!(all.contains("plan.yaml"), "{args:?}: {all}");
            assert!(!all.contains("words-from-the-target"), "{args:?}: {all}");
            assert!(!all.contains("elsewhere"), "{args:?}: {all}");
        }
    }
}

#[cfg(unix)]
#[test]
fn folders_the_user_set_keep_their_modes_and_a_failed_write_names_its_file() {
    use std::os::unix::fs::PermissionsExt;
    let (_dir, case) = example_case();
    let root = Path::new(&case);
    let state = root.join(".coregroup");
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    // A hand edit, so the parsed copy of the plan is written again into .coregroup/.
    let mut text = std::fs::read_to_string(root.join("plan.yaml")).unwrap();
    text.push_str("# edited by hand\n");
    std::fs::write(root.join("plan.yaml"), text).unwrap();
    for p in [root, state.as_path()] {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(0o750)).unwrap();
    }
    let (code, _, err) = coregroup(&["status", &case]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(mode(root), 0o750);
    assert_eq!(mode(&state), 0o750);

    // A document that cannot be written is named.
    let meeting = std::fs::read_dir(root.join("meetings"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    std::fs::remove_file(meeting.join("minutes.md")).unwrap();
    std::fs::create_dir(meeting.join("minutes.md")).unwrap();
    let (code, _, err) = coregroup(&["export", &case]);
    assert_ne!(code, 0);
    assert!(err.contains("minutes.md could not be written"), "{err}");
}

#[test]
fn an_absurd_period_is_an_error_not_a_capped_date() {
    let (code, out, err) = coregroup(&["deadline", "2026-01-01", "--working-days", "1000000000"]);
    assert_ne!(code, 0, "{out}");
    assert!(out.is_empty(), "{out}");
    assert!(
        err.contains("1000000000 working days is longer than"),
        "{err}"
    );
    assert!(err.contains("hint:"), "{err}");
    let (code, out, _) = coregroup(&["deadline", "2026-01-01", "--weeks", "520"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("2035-12-20"), "{out}");
}

#[test]
fn an_agenda_interval_of_zero_or_a_billion_weeks_is_refused_with_its_field() {
    let config = tempfile::tempdir().unwrap();
    let (_, shipped, _) = coregroup_in(config.path(), &["agendas", "show", "core-group"]);
    for (bad, expected) in [
        ("0 weeks", "an interval of 0"),
        ("1000000000 weeks", "is longer than coregroup counts"),
    ] {
        let text = shipped.replace(
            "meeting_interval: 6 weeks",
            &format!("meeting_interval: {bad}"),
        );
        assert_ne!(text, shipped);
        let file = config.path().join("odd.yaml");
        std::fs::write(&file, text).unwrap();
        let (code, out, err) = coregroup_in(config.path(), &["check", file.to_str().unwrap()]);
        assert_ne!(code, 0, "{out}{err}");
        assert!(out.contains("policy.meeting_interval"), "{out}");
        assert!(out.contains(expected), "{out}");
        assert!(out.contains("hint:"), "{out}");
    }
}

/// Anything that could drive a terminal: escape sequences, a bidi override, a line break.
fn drives_a_terminal(text: &str) -> bool {
    text.chars().any(|c| {
        (c.is_control() && c != '\n')
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    })
}

#[test]
fn names_and_notes_never_reach_the_terminal_raw_in_plain_text_output() {
    let (_dir, case) = example_case();
    let plan_path = Path::new(&case).join("plan.yaml");
    let hostile = "Shauna\u{1b}]0;pwned\u{7} Bren\u{202e}nan\nX";
    let text = std::fs::read_to_string(&plan_path)
        .unwrap()
        .replace(
            "  name: Shauna Brennan",
            "  name: \"Shauna\\e]0;pwned\\a Bren\\u202Enan\\nX\"",
        )
        .replace(
            "  reference: EB-CP-2026-0417",
            "  reference: \"EB\\e[2J-0417\"",
        );
    std::fs::write(&plan_path, &text).unwrap();

    let (code, out, err) = coregroup(&["status", &case, "--today", "2026-12-24"]);
    assert_eq!(code, 0, "{err}");
    assert!(!drives_a_terminal(&out), "{out:?}");
    // The name stays on its action's line.
    let line = out.lines().find(|l| l.contains("Walk Kayla")).unwrap();
    assert!(line.contains("Shauna") && line.contains("nan⏎X"), "{line}");

    // YAML keeps every character, escaped, and stays valid.
    let (code, yaml, err) =
        coregroup(&["status", &case, "--today", "2026-12-24", "--format", "yaml"]);
    assert_eq!(code, 0, "{err}");
    assert!(!drives_a_terminal(&yaml.replace('\n', "")), "{yaml:?}");
    let back: yaml_serde::Value =
        coregroup::store::yaml::parse_str(&yaml, Path::new("status.yaml"))
            .unwrap_or_else(|e| panic!("{e}\n{yaml}"));
    assert_eq!(back["case"].as_str(), Some("EB\u{1b}[2J-0417"));
    let actions = back["overdue_actions"].as_sequence().unwrap();
    assert!(
        actions.iter().any(|a| a["owner"].as_str() == Some(hostile)),
        "{yaml}"
    );

    // check quotes the plan in its messages: an owner who is not a member.
    let text = text.replace("owner: sw", "owner: \"n\\e[2J\\u202Eobody\"");
    std::fs::write(&plan_path, &text).unwrap();
    let (code, out, err) = coregroup(&["check", &case]);
    assert_ne!(code, 0);
    assert!(out.contains("is not a member"), "{out}");
    assert!(
        !drives_a_terminal(&out) && !drives_a_terminal(&err),
        "{out:?}{err:?}"
    );

    // Errors quote paths.
    let (code, _, err) = coregroup(&["status", "/nonexistent/\u{1b}[2J\u{202e}case"]);
    assert_ne!(code, 0);
    assert!(!drives_a_terminal(&err), "{err:?}");
}

#[test]
fn an_agendas_name_and_description_never_reach_the_terminal_raw() {
    let config = tempfile::tempdir().unwrap();
    let (_, shipped, _) = coregroup_in(config.path(), &["agendas", "show", "core-group"]);
    let agendas = config.path().join("agendas");
    std::fs::create_dir(&agendas).unwrap();
    let text = shipped
        .replacen("name: core-group", "name: odd-one", 1)
        .replacen(
            "description:",
            "description: \"Odd\\e[31m \\u202Eone\" #",
            1,
        );
    std::fs::write(agendas.join("odd-one.yaml"), &text).unwrap();
    std::fs::write(agendas.join("bad\u{1b}[2J.yaml"), "steps: [\n").unwrap();
    let (_, out, err) = coregroup_in(config.path(), &["agendas"]);
    assert!(out.contains("odd-one"), "{out}{err}");
    assert!(out.contains("CANNOT BE USED"), "{out}");
    assert!(!drives_a_terminal(&out), "{out:?}");
    let (_, out, _) = coregroup_in(config.path(), &["agendas", "show", "odd-one"]);
    assert!(!drives_a_terminal(&out), "{out:?}");
}

#[test]
fn a_keymap_that_would_trap_the_user_or_quit_on_a_letter_is_refused_before_the_meeting_opens() {
    let (_dir, case) = example_case();
    let config = tempfile::tempdir().unwrap();
    let keymap = config.path().join("keymap.yaml");
    std::fs::write(&keymap, "global:\n  quit: { keys: [a] }\n").unwrap();
    let (code, _, err) = coregroup_in(config.path(), &["meeting", &case]);
    assert_ne!(code, 0);
    assert!(err.contains(keymap.to_str().unwrap()), "{err}");
    assert!(err.contains("`a`") && err.contains("quit"), "{err}");
    assert!(err.contains("hint:"), "{err}");
    // Nothing was started.
    assert!(!Path::new(&case).join(".coregroup/journal.jsonl").exists());
}

#[test]
fn status_meeting_and_export_refuse_what_check_rejects_with_the_same_lines() {
    let (_dir, case) = example_case();
    let plan_path = Path::new(&case).join("plan.yaml");
    let text = std::fs::read_to_string(&plan_path).unwrap();
    let text = text.replacen("owner: sw", "owner: nobody-here", 1);
    std::fs::write(&plan_path, text).unwrap();
    let (code, out, _) = coregroup(&["check", &case]);
    assert_ne!(code, 0);
    let lines: Vec<&str> = out.lines().filter(|l| l.contains(": error: ")).collect();
    assert!(!lines.is_empty(), "{out}");
    assert!(out.contains("nobody-here"), "{out}");
    for command in ["status", "export", "meeting"] {
        let (code, got, err) = coregroup(&[command, &case]);
        assert_ne!(code, 0, "{command}: {got}");
        for line in &lines {
            assert!(
                err.contains(line),
                "{command}: {line:?} missing from\n{err}"
            );
        }
    }
}

#[test]
fn check_reads_every_file_of_the_case_and_the_users_keymap() {
    let (_dir, case) = example_case();
    let root = Path::new(&case);
    let config = tempfile::tempdir().unwrap();
    let (code, out, _) = coregroup_in(config.path(), &["check", &case]);
    assert_eq!(code, 0, "{out}");

    std::fs::write(root.join("bank-holidays.json"), "{ not json").unwrap();
    std::fs::write(
        root.join("closures.yaml"),
        "- date: 2026-02-30\n  title: x\n",
    )
    .unwrap();
    let meeting = std::fs::read_dir(root.join("meetings"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let id = meeting.file_name().unwrap().to_str().unwrap().to_string();
    let minutes = meeting.join("minutes.yaml");
    let text = std::fs::read_to_string(&minutes).unwrap();
    let text = text
        .replacen(&format!("id: {id}"), "id: 1999-01-01", 1)
        .replacen("- member: dad", "- member: ghost", 1);
    assert!(text.contains("ghost"), "{text}");
    std::fs::write(&minutes, text).unwrap();
    std::fs::write(
        config.path().join("keymap.yaml"),
        "global:\n  quit: { keys: [q] }\n",
    )
    .unwrap();

    let (code, out, _) = coregroup_in(config.path(), &["check", &case]);
    assert_ne!(code, 0);
    assert!(out.contains("bank-holidays.json"), "{out}");
    assert!(out.contains("closures.yaml:1"), "{out}");
    assert!(out.contains("minutes.yaml: error: id:"), "{out}");
    assert!(out.contains("`ghost` is not a member"), "{out}");
    assert!(out.contains("keymap.yaml:2: the key `q`"), "{out}");

    // check FILE takes a keymap file too.
    let keymap = config.path().join("keymap.yaml");
    let (code, out, _) = coregroup_in(config.path(), &["check", keymap.to_str().unwrap()]);
    assert_ne!(code, 0);
    assert!(out.contains("the key `q`"), "{out}");
    std::fs::write(&keymap, "global:\n  quit: { keys: [ctrl-q, f10] }\n").unwrap();
    let (code, out, _) = coregroup_in(config.path(), &["check", keymap.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("0 errors"), "{out}");
}

#[cfg(unix)]
#[test]
fn a_meetings_files_may_not_lead_out_of_the_case_folder() {
    let (dir, case) = example_case();
    let outside = dir.path().join("elsewhere.yaml");
    std::fs::write(&outside, "words-from-the-target: 1\n").unwrap();
    let meeting = std::fs::read_dir(Path::new(&case).join("meetings"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let minutes = meeting.join("minutes.yaml");
    std::fs::remove_file(&minutes).unwrap();
    std::os::unix::fs::symlink(&outside, &minutes).unwrap();
    for command in ["check", "export"] {
        let (code, out, err) = coregroup(&[command, &case]);
        let all = format!("{out}{err}");
        assert_ne!(code, 0, "{all}");
        assert!(
            all.contains("minutes.yaml") && all.contains("outside the case folder"),
            "{all}"
        );
        assert!(!all.contains("words-from-the-target"), "{all}");
    }
}

#[test]
fn check_refuses_a_keymap_that_traps_the_user_on_the_case_screen_with_its_line_and_a_hint() {
    let config = tempfile::tempdir().unwrap();
    let keymap = config.path().join("keymap.yaml");
    std::fs::write(
        &keymap,
        "case_screen:\n  log_event: { keys: [n] }\n  quit: { keys: [] }\n",
    )
    .unwrap();
    let (code, out, _) = coregroup_in(config.path(), &["check", keymap.to_str().unwrap()]);
    assert_ne!(code, 0);
    assert!(
        out.contains(&format!(
            "{}:3: `quit` in `case_screen` has no key",
            keymap.display()
        )),
        "{out}"
    );
    assert!(out.contains("hint:"), "{out}");
}

#[test]
fn check_refuses_a_keymap_whose_only_way_out_is_a_key_terminals_send_as_another() {
    let config = tempfile::tempdir().unwrap();
    let keymap = config.path().join("keymap.yaml");
    std::fs::write(&keymap, "# mine\nglobal:\n  quit: { keys: [ctrl-m] }\n").unwrap();
    let (code, out, _) = coregroup_in(config.path(), &["check", keymap.to_str().unwrap()]);
    assert_ne!(code, 0, "{out}");
    assert!(
        out.contains(&format!(
            "{}:3: the key `ctrl-m` is bound to `quit` in `global`, but terminals send it as enter",
            keymap.display()
        )),
        "{out}"
    );
    assert!(out.contains("hint:"), "{out}");
    // Nor does a meeting open with it.
    let (_dir, case) = example_case();
    let (code, _, err) = coregroup_in(config.path(), &["meeting", &case]);
    assert_ne!(code, 0);
    assert!(err.contains("ctrl-m"), "{err}");
}

/// A meeting folder copied in from another case (its own plan, its own members) passes for
/// nothing: check names it, and export and circulate refuse it with check's very lines, as they
/// refuse any meeting check rejects.
#[test]
fn a_meeting_copied_from_another_case_or_rejected_by_check_is_never_circulated() {
    let (_dir, case) = example_case();
    let (_other_dir, other) = example_case();
    // The other case is another family: another reference, other children.
    let other_plan = Path::new(&other).join("plan.yaml");
    let text = std::fs::read_to_string(&other_plan)
        .unwrap()
        .replace("EB-CP-2026-0417", "WB-CP-2025-0999")
        .replace("Kayla Brennan", "Jodie Marsh")
        .replace("Alfie Walsh", "Ryan Marsh")
        .replace("date_of_birth: 2017-03-14", "date_of_birth: 2018-05-01")
        .replace("date_of_birth: 2024-06-02", "date_of_birth: 2023-01-09");
    std::fs::write(&other_plan, &text).unwrap();
    let from = Path::new(&other).join("meetings/2026-10-15");
    std::fs::write(from.join("plan.yaml"), &text).unwrap();
    let to = Path::new(&case).join("meetings/2026-11-20");
    std::fs::create_dir(&to).unwrap();
    for name in [
        "plan.yaml",
        "minutes.yaml",
        "minutes.html",
        "minutes.md",
        "plan.html",
    ] {
        let bytes = std::fs::read(from.join(name)).unwrap();
        let bytes = String::from_utf8(bytes)
            .unwrap()
            .replace("id: 2026-10-15", "id: 2026-11-20");
        std::fs::write(to.join(name), bytes).unwrap();
    }
    let (code, out, _) = coregroup(&["check", &other]);
    assert_eq!(code, 0, "the other case is sound on its own: {out}");
    let (code, out, _) = coregroup(&["check", &case]);
    assert_ne!(code, 0, "{out}");
    let errors: Vec<&str> = out.lines().filter(|l| l.contains(": error: ")).collect();
    assert_eq!(
        errors.len(),
        1,
        "only its being of another case is wrong: {out}"
    );
    let line = errors[0];
    assert!(
        line.contains("2026-11-20/plan.yaml") && line.contains("WB-CP-2025-0999"),
        "{line}"
    );
    assert!(line.contains("not of this case"), "{line}");
    assert!(out.contains("copied from another case"), "{out}");
    for command in ["circulate", "export"] {
        let (code, got, err) = coregroup(&[command, &case, "--meeting", "2026-11-20"]);
        assert_ne!(code, 0, "{command}: {got}");
        assert!(err.contains(line), "{command}: {err}");
        assert!(
            !Path::new(&case).join("meetings/2026-11-20/outbox").exists(),
            "{command} wrote a pack"
        );
    }

    // A meeting of this case that check rejects (a record naming someone the case never had).
    std::fs::remove_dir_all(&to).unwrap();
    let minutes = Path::new(&case).join("meetings/2026-10-15/minutes.yaml");
    let text = std::fs::read_to_string(&minutes).unwrap();
    std::fs::write(
        &minutes,
        text.replacen("- member: dad", "- member: ghost", 1),
    )
    .unwrap();
    let (_, out, _) = coregroup(&["check", &case]);
    let line = out
        .lines()
        .find(|l| l.contains("`ghost` is not a member"))
        .unwrap_or_else(|| panic!("{out}"));
    let (code, _, err) = coregroup(&["circulate", &case]);
    assert_ne!(code, 0);
    assert!(err.contains(line), "{err}");
}
