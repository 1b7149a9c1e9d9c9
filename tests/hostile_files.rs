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
