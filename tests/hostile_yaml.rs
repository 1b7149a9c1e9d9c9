//! YAML that would exhaust the machine (anchors repeated by alias until an 8 MB file stands for
//! hundreds of gigabytes) and YAML that is not YAML at all (a system file): each command refuses
//! it quickly with the file and line, quotes nothing past that line, and the caseload lists such
//! a case as broken and goes on with the others.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Run the binary with its memory capped (so a bomb that gets through fails rather than taking
/// the machine), and a time limit after which it is killed and the test fails.
fn coregroup(config: &Path, args: &[&str]) -> (i32, String, String) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_coregroup"));
    command
        .args(args)
        .env("COREGROUP_CONFIG_DIR", config)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        // SAFETY: setrlimit is async-signal-safe and touches only the child being started.
        unsafe {
            command.pre_exec(|| {
                let limit = libc::rlimit {
                    rlim_cur: 3 << 30,
                    rlim_max: 3 << 30,
                };
                libc::setrlimit(libc::RLIMIT_AS, &limit);
                Ok(())
            });
        }
    }
    let mut child = command.spawn().expect("the binary runs");
    let started = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if started.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{args:?} was still running after a minute");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// About 7 MB: an anchor on a list of 2,000 words, and a list of that anchor repeated by alias
/// hundreds of thousands of times: some 10^9 words once expanded.
fn bomb() -> String {
    let words = vec!["yyyyyyyyyy"; 2_000].join(", ");
    let aliases = vec!["*a"; 1_200_000].join(", ");
    format!("x: &a [{words}]\ny: [{aliases}]\n")
}

/// A nested bomb: each level repeats the one before ten times, 10^12 values in a few lines.
fn nested_bomb() -> String {
    let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..13 {
        let refs = vec![format!("*a{}", i - 1); 10].join(", ");
        text.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
    }
    text
}

fn example(dir: &Path, name: &str, config: &Path) -> std::path::PathBuf {
    let case = dir.join(name);
    let (code, _, err) = coregroup(
        config,
        &[
            "new",
            case.to_str().unwrap(),
            "--example",
            "--today",
            "2026-11-24",
        ],
    );
    assert_eq!(code, 0, "{err}");
    case
}

#[test]
fn alias_bombs_are_refused_quickly_with_their_file_and_line_by_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config");
    std::fs::create_dir(&config).unwrap();
    for (file, text) in [
        ("plan.yaml", bomb()),
        ("log.yaml", nested_bomb()),
        ("meetings/2026-10-15/minutes.yaml", nested_bomb()),
        ("closures.yaml", bomb()),
    ] {
        let cases = dir.path().join(file.replace('/', "-"));
        let case = example(&cases, "case", &config);
        let path = case.join(file);
        std::fs::write(&path, &text).unwrap();
        let c = case.to_str().unwrap();
        let commands = match file {
            "meetings/2026-10-15/minutes.yaml" => vec![vec!["check", c], vec!["export", c]],
            // A calendar that does not read stops no meeting or document (the rules stand in).
            "closures.yaml" => vec![
                vec!["check", c],
                vec!["status", c],
                vec!["holidays", "2026", "--case", c],
            ],
            "plan.yaml" => vec![
                vec!["check", c],
                vec!["export", c],
                vec!["status", c],
                vec!["log", c],
                vec!["meeting", c],
            ],
            _ => vec![
                vec!["check", c],
                vec!["export", c],
                vec!["status", c],
                vec!["log", c],
            ],
        };
        for args in commands {
            let (code, out, err) = coregroup(&config, &args);
            let all = format!("{out}{err}");
            assert_ne!(code, 0, "{file} {args:?}: {all}");
            assert!(
                all.contains(&format!("{}:", path.display())) && all.contains("alias"),
                "{file} {args:?}: {all}"
            );
            assert!(all.contains("hint:"), "{file} {args:?}: {all}");
        }
    }
}

#[test]
fn the_caseload_lists_a_bombed_case_as_broken_and_goes_on_with_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config");
    std::fs::create_dir(&config).unwrap();
    let root = dir.path().join("cases");
    let bombed = example(&root, "bombed", &config);
    example(&root, "sound", &config);
    std::fs::write(bombed.join("plan.yaml"), bomb()).unwrap();
    let (code, out, err) = coregroup(
        &config,
        &[
            "caseload",
            root.to_str().unwrap(),
            "--format",
            "yaml",
            "--today",
            "2026-11-24",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let rows: yaml_serde::Value =
        coregroup::store::yaml::parse_str(&out, Path::new("caseload.yaml")).unwrap();
    let rows = rows.as_sequence().unwrap();
    assert_eq!(rows.len(), 2, "{out}");
    let broken = rows
        .iter()
        .find(|r| r["path"].as_str().is_some_and(|p| p.ends_with("bombed")))
        .expect("the bombed case is listed");
    let error = broken["error"].as_str().unwrap_or_default();
    assert!(
        error.contains("plan.yaml:") && error.contains("alias"),
        "{out}"
    );
    let sound = rows
        .iter()
        .find(|r| r["path"].as_str().is_some_and(|p| p.ends_with("sound")))
        .expect("the sound case is listed");
    assert!(sound["error"].is_null(), "{out}");
    assert_eq!(sound["case"].as_str(), Some("EB-CP-2026-0417"));
}

#[test]
fn an_error_never_quotes_a_file_past_its_offending_line() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config");
    std::fs::create_dir(&config).unwrap();
    let case = example(dir.path(), "case", &config);
    // A system file put where the log goes (a copy: a link out is refused before reading).
    std::fs::write(
        case.join("log.yaml"),
        "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n\
         SECRET:x:3:3:secret:/home/secret:/bin/sh\n",
    )
    .unwrap();
    let c = case.to_str().unwrap();
    for args in [vec!["status", c], vec!["check", c], vec!["log", c]] {
        let (code, out, err) = coregroup(&config, &args);
        let all = format!("{out}{err}");
        assert_ne!(code, 0, "{args:?}");
        assert!(all.contains("log.yaml:1:"), "{args:?}: {all}");
        assert!(
            !all.contains("daemon") && !all.contains("SECRET"),
            "{args:?} quoted past the line: {all}"
        );
    }
}
