//! The user's settings are read by the command line alone: the library, used in-process as
//! every test but those running the binary uses it, reads no config folder, so a developer's own
//! `council.yaml` (or agendas, holidays, keymap) never changes what a test makes.

use std::path::Path;
use std::process::Command;

use chrono::NaiveDate;

/// Settings a council would have: its name and its own marking, neither the example's.
const COUNCIL: &str = "name: Westmoor Borough Council\nmarking: WESTMOOR RESTRICTED\n";

fn report(case: &Path, day: &str) -> String {
    std::fs::read_to_string(case.join(format!("reports/review-report-{day}.md"))).unwrap()
}

#[test]
fn a_council_yaml_in_the_config_folder_changes_what_the_command_makes_and_nothing_in_process() {
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("config");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("council.yaml"), COUNCIL).unwrap();
    // As a developer's shell would have it. SAFETY: the only test of this binary, and set
    // before anything reads the environment.
    unsafe { std::env::set_var("COREGROUP_CONFIG_DIR", &config) };

    // In-process: the library reads no settings, whatever the environment names.
    let day = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    let here = tmp.path().join("in-process");
    coregroup::cases::new_case::create_case(&here, true, day).unwrap();
    coregroup::cases::review_report::write(&here, day).unwrap();
    let made = report(&here, "2026-11-24");
    assert!(!made.contains("Westmoor"), "{made}");
    assert!(!made.contains("WESTMOOR RESTRICTED"), "{made}");
    assert!(made.contains("OFFICIAL-SENSITIVE"), "{made}");

    // The command reads them from the folder the environment names.
    let there = tmp.path().join("by-command");
    for args in [
        vec![
            "new",
            there.to_str().unwrap(),
            "--example",
            "--today",
            "2026-11-24",
        ],
        vec![
            "review-report",
            there.to_str().unwrap(),
            "--today",
            "2026-11-24",
        ],
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_coregroup"))
            .args(&args)
            .env("COREGROUP_CONFIG_DIR", &config)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let made = report(&there, "2026-11-24");
    assert!(made.contains("WESTMOOR RESTRICTED"), "{made}");
}
