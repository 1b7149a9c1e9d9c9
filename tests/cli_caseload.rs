//! `coregroup caseload` and `coregroup review-report` through the binary: the roots from the
//! config file, JSON and plain text when not in a terminal, a broken case listed, and the report
//! written beside the case.

use std::path::Path;
use std::process::Command;

fn coregroup(config: &Path, cwd: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_coregroup"))
        .args(args)
        .current_dir(cwd)
        .env("COREGROUP_CONFIG_DIR", config)
        .output()
        .expect("the binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn the_caseload_lists_the_configured_roots_with_a_broken_case_and_the_report_is_written() {
    let config = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let cases = config.path().join("team");
    let case = cases.join("kb");
    let (code, _, err) = coregroup(
        config.path(),
        work.path(),
        &[
            "new",
            case.to_str().unwrap(),
            "--example",
            "--today",
            "2026-11-24",
        ],
    );
    assert_eq!(code, 0, "{err}");
    std::fs::create_dir_all(cases.join("broken")).unwrap();
    std::fs::write(cases.join("broken/plan.yaml"), "case: {\n").unwrap();
    std::fs::write(config.path().join("caseload.yaml"), "roots: [team]\n").unwrap();

    let (code, out, err) = coregroup(
        config.path(),
        work.path(),
        &["caseload", "--format", "json", "--today", "2026-11-24"],
    );
    assert_eq!(code, 0, "{err}");
    let rows: serde_json::Value = serde_json::from_str(&out).unwrap();
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 2);
    assert!(rows[0]["error"].as_str().unwrap().contains("plan.yaml"));
    assert_eq!(rows[1]["case"], "EB-CP-2026-0417");
    assert_eq!(rows[1]["lead_worker"], "Hannah Mercer");

    // Not a terminal: the plain list.
    let (code, out, _) = coregroup(
        config.path(),
        work.path(),
        &["caseload", "--today", "2026-11-24"],
    );
    assert_eq!(code, 0);
    assert!(
        out.contains("2 cases") && out.contains("EB-CP-2026-0417"),
        "{out}"
    );

    // A misspelt config file is an error naming the file.
    std::fs::write(config.path().join("caseload.yaml"), "root: [team]\n").unwrap();
    let (code, _, err) = coregroup(config.path(), work.path(), &["caseload"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("caseload.yaml") && err.contains("root"),
        "{err}"
    );

    let (code, out, err) = coregroup(
        config.path(),
        work.path(),
        &[
            "review-report",
            case.to_str().unwrap(),
            "--today",
            "2026-11-24",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("review-report-2026-11-24-family.html"),
        "{out}"
    );
    let report = case.join("reports/review-report-2026-11-24.md");
    assert!(report.is_file());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&report), 0o600);
        assert_eq!(mode(&case.join("reports")), 0o700);
    }
}

#[test]
fn the_report_is_written_by_the_lead_worker_unless_another_author_is_named() {
    let config = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let case = work.path().join("kb");
    let dir = case.to_str().unwrap();
    let (code, _, err) = coregroup(
        config.path(),
        work.path(),
        &["new", dir, "--example", "--today", "2026-11-24"],
    );
    assert_eq!(code, 0, "{err}");
    let written_by = |stem: &str| {
        let md = std::fs::read_to_string(case.join(format!("reports/{stem}.md"))).unwrap();
        md.lines()
            .find(|l| l.contains("**Written by:**"))
            .map(str::to_string)
            .unwrap_or_else(|| panic!("no author in\n{md}"))
    };
    let report = ["review-report", dir, "--today", "2026-11-24"];
    let (code, _, err) = coregroup(config.path(), work.path(), &report);
    assert_eq!(code, 0, "{err}");
    assert!(
        written_by("review-report-2026-11-24").contains("Hannah Mercer"),
        "the lead worker by default"
    );

    let by = [&report[..], &["--author", " Sam Okafor, team manager "]].concat();
    let (code, _, err) = coregroup(config.path(), work.path(), &by);
    assert_eq!(code, 0, "{err}");
    for stem in [
        "review-report-2026-11-24",
        "review-report-2026-11-24-family",
    ] {
        let line = written_by(stem);
        assert!(
            line.ends_with("**Written by:** Sam Okafor, team manager"),
            "{stem}: {line}"
        );
    }

    for bad in ["  ", "Sam Okafor\nteam manager"] {
        let by = [&report[..], &["--author", bad]].concat();
        let (code, _, err) = coregroup(config.path(), work.path(), &by);
        assert_eq!(code, 1, "{bad:?}");
        assert!(
            err.contains("--author") && err.contains("hint:"),
            "{bad:?}: {err}"
        );
    }
}
