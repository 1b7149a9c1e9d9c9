//! A local authority's own agenda, end to end through the real binary: one YAML file in the
//! config folder's `agendas/` passes `coregroup check`, is listed by `coregroup agendas` as the
//! user's, and is shown by `coregroup agendas show`. The config folder is set on the child
//! process only, so tests never change this process's environment.

use std::path::Path;
use std::process::Command;

fn coregroup(config: &Path, args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_coregroup"))
        .args(args)
        .env("COREGROUP_CONFIG_DIR", config)
        .output()
        .expect("the binary runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!text.contains("panicked"), "{text}");
    (out.status.code().unwrap_or(-1), text)
}

/// The built-in `core-group` agenda as `coregroup agendas show` prints it, renamed, with a
/// 3-week interval and a checklist step of local checks before the close.
fn local_agenda(config: &Path) -> String {
    let (code, text) = coregroup(config, &["agendas", "show", "core-group"]);
    assert_eq!(code, 0, "{text}");
    let edits = [
        ("name: core-group", "name: eastbrook-core-group"),
        (
            "description: England, meetings at least every 6 weeks",
            "description: Eastbrook, meetings at least every 3 weeks",
        ),
        ("meeting_interval: 6 weeks", "meeting_interval: 3 weeks"),
        (
            "  - kind: close\n",
            "  - kind: checklist\n    key: eastbrook-checks\n    title: Eastbrook local checks\n    \
             guidance: The checks Eastbrook adds to every meeting.\n    required: true\n    \
             items:\n      - Contingency plan read out\n  - kind: close\n",
        ),
    ];
    edits.iter().fold(text, |text, (from, to)| {
        assert!(text.contains(from), "core-group has {from:?}");
        text.replacen(from, to, 1)
    })
}

#[test]
fn a_users_agenda_is_checked_listed_and_shown() {
    let config = tempfile::tempdir().expect("temp dir");
    let agendas = config.path().join("agendas");
    std::fs::create_dir_all(&agendas).expect("agendas folder");
    let file = agendas.join("eastbrook-core-group.yaml");
    std::fs::write(&file, local_agenda(config.path())).expect("write the agenda");

    let (code, text) = coregroup(
        config.path(),
        &["check", file.to_str().expect("utf-8 path")],
    );
    assert_eq!(code, 0, "{text}");

    let (code, text) = coregroup(config.path(), &["agendas"]);
    assert_eq!(code, 0, "{text}");
    let line = text
        .lines()
        .find(|l| l.starts_with("eastbrook-core-group "))
        .unwrap_or_else(|| panic!("listed: {text}"));
    assert!(
        line.contains("Eastbrook, meetings at least every 3 weeks"),
        "{line}"
    );
    assert!(
        line.contains(&file.display().to_string()),
        "from the user's file: {line}"
    );
    // The built-ins are still there, and marked as such.
    assert!(
        text.lines()
            .any(|l| l.starts_with("core-group ") && l.contains("(built in)")),
        "{text}"
    );

    let (code, text) = coregroup(config.path(), &["agendas", "show", "eastbrook-core-group"]);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("meeting_interval: 3 weeks"), "{text}");
    assert!(text.contains("Eastbrook local checks"), "{text}");
}

#[test]
fn a_mistake_in_a_users_agenda_is_named_by_check_and_by_the_list() {
    let config = tempfile::tempdir().expect("temp dir");
    let agendas = config.path().join("agendas");
    std::fs::create_dir_all(&agendas).expect("agendas folder");
    let file = agendas.join("eastbrook-core-group.yaml");
    let text = local_agenda(config.path()).replacen(
        "meeting_interval: 3 weeks",
        "meeting_interval: 3 weekz",
        1,
    );
    std::fs::write(&file, text).expect("write the agenda");

    let (code, text) = coregroup(
        config.path(),
        &["check", file.to_str().expect("utf-8 path")],
    );
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("policy.meeting_interval"), "{text}");
    assert!(text.contains("3 weekz"), "{text}");

    let (code, text) = coregroup(config.path(), &["agendas"]);
    assert_eq!(code, 0, "{text}");
    assert!(
        text.lines()
            .any(|l| l.starts_with("eastbrook-core-group ") && l.contains("CANNOT BE USED")),
        "{text}"
    );
}
