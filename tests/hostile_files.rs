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
