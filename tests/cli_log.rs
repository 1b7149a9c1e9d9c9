//! `coregroup log`: every event, as a user types it, reflected by `status --format yaml` at once.

use std::path::{Path, PathBuf};
use std::process::Command;

const TODAY: &str = "2026-11-24";

fn coregroup(args: &[&str]) -> (i32, String, String) {
    let config = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_coregroup"))
        .args(args)
        .env("COREGROUP_CONFIG_DIR", config.path())
        .output()
        .expect("the binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

struct Case {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

impl Case {
    /// The example case (last core group Thu 15 Oct 2026, minutes out Fri 16 Oct), with its
    /// plan edited by `edit`.
    fn example(edit: impl Fn(String) -> String) -> Case {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("case");
        let (code, _, err) = coregroup(&["new", s(&path), "--example", "--today", TODAY]);
        assert_eq!(code, 0, "{err}");
        let plan = path.join("plan.yaml");
        let text = std::fs::read_to_string(&plan).unwrap();
        std::fs::write(&plan, edit(text)).unwrap();
        Case { _dir: dir, path }
    }

    fn log(&self, event: &[&str]) -> String {
        let mut args = vec!["log", s(&self.path)];
        args.extend_from_slice(event);
        args.extend_from_slice(&["--today", TODAY]);
        let (code, out, err) = coregroup(&args);
        assert_eq!(code, 0, "log {event:?}: {err}");
        out
    }

    fn log_fails(&self, event: &[&str]) -> String {
        let mut args = vec!["log", s(&self.path)];
        args.extend_from_slice(event);
        args.extend_from_slice(&["--today", TODAY]);
        let (code, _, err) = coregroup(&args);
        assert_ne!(code, 0, "log {event:?} should fail");
        err
    }

    /// `status --format yaml`, read, and as printed.
    fn status(&self) -> (yaml_serde::Value, String) {
        let (code, out, err) = coregroup(&[
            "status",
            s(&self.path),
            "--format",
            "yaml",
            "--today",
            TODAY,
        ]);
        assert_eq!(code, 0, "{err}");
        (yaml_serde::from_str(&out).unwrap(), out)
    }

    /// One timescale of `status --format yaml`, as (due, state, detail).
    fn timescale(&self, key: &str) -> (String, String, String) {
        let (v, out) = self.status();
        let t = v["timescales"]
            .as_sequence()
            .unwrap()
            .iter()
            .find(|t| t["key"].as_str() == Some(key))
            .unwrap_or_else(|| panic!("no timescale {key} in {out}"));
        let text = |k: &str| t[k].as_str().unwrap_or_default().to_string();
        (text("due"), text("state"), text("detail"))
    }

    fn log_file(&self) -> String {
        std::fs::read_to_string(self.path.join("log.yaml")).unwrap_or_default()
    }
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn unchanged(text: String) -> String {
    text
}

#[test]
fn a_visit_moves_the_next_visit_and_seen_alone_the_next_visit_alone() {
    let case = Case::example(unchanged);
    let (alone_before, _, _) = case.timescale("next-visit-alone");
    // Mon 23 Nov: "mon" on Tue 24 Nov is the day before, not next week.
    case.log(&["visit", "--date", "mon", "--child", "kayla"]);
    let (due, state, detail) = case.timescale("next-visit");
    assert_eq!(
        due, "2026-12-10",
        "Alfie, last seen with Kayla on Thu 12 Nov, is due first"
    );
    assert_eq!(state, "on-track");
    assert!(detail.contains("Alfie Walsh was last seen"), "{detail}");
    assert!(
        detail.contains("Kayla Brennan next due Mon 21 Dec 2026"),
        "4 weeks after Mon 23 Nov: {detail}"
    );
    case.log(&["visit", "--date", "mon", "--child", "alfie"]);
    let (due, _, detail) = case.timescale("next-visit");
    assert_eq!(due, "2026-12-21", "both seen on Mon 23 Nov");
    assert!(
        detail.contains("after the last visit (Mon 23 Nov 2026)"),
        "{detail}"
    );
    assert_eq!(case.timescale("next-visit-alone").0, alone_before);

    case.log(&[
        "visit",
        "--date",
        "2026-11-24",
        "--seen-alone",
        "--bedroom-seen",
    ]);
    assert_eq!(case.timescale("next-visit-alone").0, "2027-01-05");
    assert!(case.log_file().contains("bedroom_seen: true"));
}

/// The plan's text without its `visits:` list, so the children are seen only as the log says.
fn no_visits(text: String) -> String {
    let mut out = String::new();
    let mut skipping = false;
    for line in text.lines() {
        let indent = line.len() - line.trim_start().len();
        if line.trim_start().starts_with("visits:") {
            skipping = true;
            continue;
        }
        if skipping && (indent > 2 || line.trim_start().starts_with("- ") && indent == 2) {
            continue;
        }
        skipping = false;
        out.push_str(line);
        out.push('\n');
    }
    assert!(
        !out.contains("visits:") && text.contains("visits:"),
        "{out}"
    );
    out
}

#[test]
fn a_visit_to_one_of_two_children_leaves_the_other_overdue() {
    let case = Case::example(no_visits);
    assert_eq!(case.timescale("next-visit").1, "overdue");
    case.log(&[
        "visit",
        "--date",
        "2026-11-23",
        "--child",
        "kayla",
        "--seen-alone",
    ]);
    let (due, state, detail) = case.timescale("next-visit");
    assert_eq!(state, "overdue", "Alfie has not been seen: {detail}");
    assert!(due.as_str() < TODAY, "{due}");
    assert!(detail.contains("Alfie Walsh not seen"), "{detail}");
    // Alfie is two: too young to be seen alone, so seen alone is Kayla's alone.
    let (due, state, detail) = case.timescale("next-visit-alone");
    assert_eq!(state, "on-track", "{detail}");
    assert_eq!(
        due, "2027-01-04",
        "6 weeks after Kayla was seen alone: {detail}"
    );
    assert!(
        detail.contains("Alfie Walsh not expected to be seen alone"),
        "{detail}"
    );
    case.log(&["visit", "--date", "2026-11-24", "--child", "Alfie"]);
    let (due, state, detail) = case.timescale("next-visit");
    assert_eq!(state, "on-track", "{detail}");
    assert_eq!(due, "2026-12-21", "4 weeks after Kayla was seen: {detail}");
    assert!(detail.contains("Kayla Brennan was last seen"), "{detail}");
}

#[test]
fn each_child_of_a_visit_is_recorded_seen_alone_or_why_not_and_printed() {
    let case = Case::example(no_visits);
    let out = case.log(&[
        "visit",
        "--date",
        "2026-11-23",
        "--child",
        "kayla=alone",
        "--child",
        "alfie=too-young",
    ]);
    let line = "Kayla Brennan seen alone; Alfie Walsh seen, not alone (too young to be seen alone)";
    assert!(out.contains(line), "{out}");
    let file = case.log_file();
    assert!(
        file.contains("each:") && file.contains("why_not: too young to be seen alone"),
        "{file}"
    );
    let (code, listed, err) = coregroup(&["log", s(&case.path)]);
    assert_eq!(code, 0, "{err}");
    assert!(listed.contains(line), "{listed}");
    let (due, state, detail) = case.timescale("next-visit-alone");
    assert_eq!(
        (due.as_str(), state.as_str()),
        ("2027-01-04", "on-track"),
        "{detail}"
    );
    assert!(detail.contains("Alfie Walsh not expected"), "{detail}");
    // A child not seen needs the reason; a word that is not a way of being seen is named.
    let err = case.log_fails(&["visit", "--child", "alfie=not-seen"]);
    assert!(err.contains("needs the reason"), "{err}");
    let err = case.log_fails(&["visit", "--child", "kayla=sometimes"]);
    assert!(err.contains("alone, seen, too-young or not-seen"), "{err}");
    let err = case.log_fails(&["visit", "--child", "kayla=alone", "--seen-alone"]);
    assert!(err.contains("--child NAME=HOW"), "{err}");
    case.log(&[
        "visit",
        "--date",
        "2026-11-24",
        "--child",
        "kayla=alone",
        "--child",
        "alfie=not-seen:at nursery",
    ]);
    let (code, listed, _) = coregroup(&["log", s(&case.path)]);
    assert_eq!(code, 0);
    assert!(
        listed.contains("Kayla Brennan seen alone; Alfie Walsh not seen (at nursery)"),
        "{listed}"
    );
}

#[test]
fn a_health_visitors_visit_is_not_the_social_workers() {
    let case = Case::example(no_visits);
    let before = case.timescale("next-visit");
    assert_eq!(before.1, "overdue");
    let out = case.log(&["visit", "--date", "2026-11-23", "--by", "hv"]);
    assert!(
        out.contains("Not counted as the lead worker's visit"),
        "{out}"
    );
    assert_eq!(case.timescale("next-visit"), before);
    // The social worker's own visit moves it.
    case.log(&["visit", "--date", "2026-11-23", "--by", "sw"]);
    assert_eq!(case.timescale("next-visit").0, "2026-12-21");
}

#[test]
fn the_bedroom_seen_on_a_visit_meets_its_once_between_conferences_timescale() {
    let case = Case::example(unchanged);
    let (due, state, _) = case.timescale("bedroom-seen");
    assert_eq!(due, "2027-01-02", "by the first review conference");
    assert_ne!(state, "met");
    case.log(&[
        "visit",
        "--date",
        "2026-11-23",
        "--bedroom-not-seen",
        "--why-not",
        "locked",
    ]);
    assert_ne!(case.timescale("bedroom-seen").1, "met");
    case.log(&["visit", "--date", "2026-11-24", "--bedroom-seen"]);
    let (_, state, detail) = case.timescale("bedroom-seen");
    assert_eq!(state, "met");
    assert!(detail.contains("seen Tue 24 Nov 2026"), "{detail}");
}

#[test]
fn two_failed_visits_in_a_row_are_flagged() {
    let case = Case::example(unchanged);
    case.log(&[
        "visit",
        "--date",
        "2026-11-20",
        "--not-seen",
        "--why-not",
        "no answer",
    ]);
    assert!(!case.timescale("next-visit").2.contains("last two visits"));
    case.log(&[
        "visit",
        "--date",
        "2026-11-23",
        "--not-seen",
        "--why-not",
        "no answer",
    ]);
    let (_, _, detail) = case.timescale("next-visit");
    assert!(
        detail.contains("the last two visits did not see the child"),
        "{detail}"
    );
    case.log(&["visit", "--date", "2026-11-24"]);
    assert!(!case.timescale("next-visit").2.contains("last two visits"));
}

#[test]
fn a_visit_where_the_child_was_not_seen_moves_nothing_and_needs_a_reason() {
    let case = Case::example(unchanged);
    let before = case.timescale("next-visit");
    let err = case.log_fails(&["visit", "--not-seen"]);
    assert!(err.contains("--why-not"), "{err}");
    case.log(&["visit", "--not-seen", "--why-not", "no answer at the door"]);
    assert_eq!(case.timescale("next-visit"), before);
    assert!(case.log_file().contains("no answer at the door"));
}

#[test]
fn circulating_meets_the_minutes_timescale_and_starts_the_agreement_clock() {
    // The example's minutes are not yet circulated.
    let case = Case::example(|t| t);
    assert_eq!(case.timescale("minutes-circulated").1, "overdue");
    case.log(&["circulated", "--date", "2026-10-20"]);
    let (_, state, detail) = case.timescale("minutes-circulated");
    assert_eq!(state, "met");
    assert!(detail.contains("done Tue 20 Oct 2026"), "{detail}");
    let (due, _, detail) = case.timescale("agreement-returned");
    assert_eq!(due, "2026-10-27", "5 working days after Tue 20 Oct");
    assert!(detail.contains("the minutes were circulated"), "{detail}");
    assert!(case.log_file().contains("meeting: 2026-10-15"));
}

#[test]
fn minutes_sent_to_some_members_count_as_circulated_and_name_who_is_still_to_get_them() {
    // The example's minutes are not yet circulated.
    let case = Case::example(|t| t);
    case.log(&[
        "circulated",
        "--date",
        "2026-10-20",
        "--to",
        "sw",
        "--to",
        "Maureen",
    ]);
    let (_, state, detail) = case.timescale("minutes-circulated");
    assert_eq!(state, "met", "{detail}");
    assert!(detail.contains("; not yet sent to "), "{detail}");
    let not_sent = detail.split("not yet sent to ").nth(1).unwrap();
    assert!(not_sent.contains("Shauna Brennan") && not_sent.contains("Dean Walsh"));
    assert!(!not_sent.contains("Hannah Mercer") && !not_sent.contains("Maureen Brennan"));
    let (due, _, _) = case.timescale("agreement-returned");
    assert_eq!(due, "2026-10-27", "the agreement clock starts all the same");
    let (_, out, _) = coregroup(&["log", s(&case.path)]);
    assert!(
        out.contains("Minutes of 2026-10-15 circulated to Hannah Mercer, Maureen Brennan"),
        "{out}"
    );
    // The rest sent them the next day: nobody is waiting.
    case.log(&["circulated", "--date", "2026-10-21"]);
    let (_, state, detail) = case.timescale("minutes-circulated");
    assert_eq!(state, "met");
    assert!(!detail.contains("not yet sent"), "{detail}");
    assert!(detail.contains("done Tue 20 Oct 2026"), "{detail}");
}

#[test]
fn the_agreement_is_returned_when_every_member_has_returned_it() {
    let case = Case::example(unchanged);
    let members = [
        "sw", "mum", "dad", "nan", "school", "hv", "gp", "police", "recovery",
    ];
    let plan = std::fs::read_to_string(case.path.join("plan.yaml")).unwrap();
    let all: Vec<&str> = members
        .iter()
        .copied()
        .filter(|m| plan.contains(&format!("id: {m}\n")))
        .collect();
    assert!(all.len() >= 8, "the example's members are known: {all:?}");
    // By a unique part of the name, then by id.
    case.log(&["agreement-returned", "Maureen", "--date", "2026-10-20"]);
    let (_, state, detail) = case.timescale("agreement-returned");
    assert_eq!(state, "overdue");
    assert!(detail.contains("returned by 1 of"), "{detail}");
    assert!(
        detail.contains("Hannah Mercer"),
        "waiting for the lead worker: {detail}"
    );
    for m in all.iter().filter(|m| **m != "nan") {
        case.log(&["agreement-returned", m, "--date", "2026-10-21"]);
    }
    let (_, state, detail) = case.timescale("agreement-returned");
    assert_eq!(state, "met", "{detail}");
    assert!(detail.contains("done Wed 21 Oct 2026"), "{detail}");
}

#[test]
fn a_review_conference_sets_the_next_and_an_ending_lapses_what_looks_forward() {
    let case = Case::example(unchanged);
    case.log(&[
        "review-conference",
        "--date",
        "2026-11-20",
        "--decision",
        "continue",
        "--next",
        "2027-05-14",
    ]);
    let (due, _, detail) = case.timescale("next-review-conference");
    assert_eq!(due, "2027-05-20", "6 months after Fri 20 Nov");
    assert!(detail.contains("the last review conference"), "{detail}");
    assert!(detail.contains("booked for Fri 14 May 2027"), "{detail}");

    case.log(&[
        "review-conference",
        "--date",
        "2026-11-23",
        "--decision",
        "end",
    ]);
    for key in ["next-core-group", "next-visit", "next-review-conference"] {
        let (_, state, detail) = case.timescale(key);
        assert_eq!(state, "met", "{key}");
        assert!(detail.contains("ended the plan"), "{key}: {detail}");
    }
}

#[test]
fn a_review_conference_rewords_a_conference_outcome_and_sets_a_new_one() {
    let case = Case::example(unchanged);
    let e = case.log_fails(&[
        "review-conference",
        "--decision",
        "continue",
        "--outcome",
        "o9=x",
    ]);
    assert!(e.contains("the plan has no outcome `o9`"), "{e}");
    assert!(e.contains("hint: its outcomes are o1, o2"), "{e}");
    let e = case.log_fails(&[
        "review-conference",
        "--decision",
        "continue",
        "--outcome",
        "o1",
    ]);
    assert!(e.contains("is not KEY=TEXT"), "{e}");
    assert_eq!(case.log_file(), "", "nothing is written on a refusal");
    case.log(&[
        "review-conference",
        "--date",
        "2026-11-20",
        "--decision",
        "continue",
        "--outcome",
        "o1=Kayla is at school every day, on time",
        "--new-outcome",
        "Alfie=Alfie has a trusted adult at nursery",
    ]);
    let log = case.log_file();
    assert!(log.contains("id: o6"), "{log}");
    assert!(log.contains("child: alfie"), "{log}");
    let (code, listing, err) = coregroup(&["log", s(&case.path)]);
    assert_eq!(code, 0, "{err}");
    assert!(
        listing.contains("outcome o1 now reads: Kayla is at school every day, on time"),
        "{listing}"
    );
    assert!(
        listing.contains("new outcome o6 for Alfie Walsh: Alfie has a trusted adult at nursery"),
        "{listing}"
    );
    // The next new outcome takes the next id, counting the one the log added.
    case.log(&[
        "review-conference",
        "--date",
        "2026-11-23",
        "--decision",
        "continue",
        "--new-outcome",
        "kayla=Kayla has her own bed",
    ]);
    assert!(case.log_file().contains("id: o7"), "{}", case.log_file());
}

#[test]
fn the_core_assessment_completed_meets_its_timescale() {
    let case = Case::example(unchanged);
    assert_eq!(case.timescale("core-assessment").1, "overdue");
    let out = case.log(&["core-assessment", "--date", "2026-11-19"]);
    assert!(
        out.contains("Core assessment completed: met"),
        "it says what changed: {out}"
    );
    let (_, state, detail) = case.timescale("core-assessment");
    assert_eq!(state, "met");
    assert!(detail.contains("done Thu 19 Nov 2026"), "{detail}");
}

#[test]
fn people_joining_leaving_and_a_new_lead_worker_are_kept_and_named() {
    let case = Case::example(unchanged);
    case.log(&[
        "member-joins",
        "Priya Shah",
        "--role",
        "School nurse",
        "--agency",
        "Eastbrook Community Health",
        "--date",
        "2026-11-02",
    ]);
    case.log(&["lead-worker", "Priya Shah", "--date", "2026-11-03"]);
    case.log(&["change-reported", "Dad has moved out", "--by", "Priya"]);
    case.log(&["member-leaves", "Dean", "--date", "2026-11-04"]);
    let (_, out, _) = coregroup(&["log", s(&case.path)]);
    for line in [
        "Priya Shah (School nurse) joined the core group",
        "Priya Shah became the lead social worker",
        "by Priya Shah: Dad has moved out",
        "Dean Walsh left the core group",
    ] {
        assert!(out.contains(line), "{line} in {out}");
    }
    // Every other member returns the agreement of 15 Oct: Priya joined after it, so she is not
    // waited for; Dean left after it, so he still is.
    for m in [
        "sw", "mum", "nan", "school", "hv", "gp", "police", "recovery",
    ] {
        case.log(&["agreement-returned", m, "--date", "2026-10-21"]);
    }
    let (_, state, detail) = case.timescale("agreement-returned");
    assert_eq!(state, "overdue", "{detail}");
    assert!(detail.ends_with("waiting for Dean Walsh"), "{detail}");
    // The left member is still a member: he can be named, and his return counts.
    case.log(&["agreement-returned", "dad", "--date", "2026-10-22"]);
    assert_eq!(case.timescale("agreement-returned").1, "met");
}

#[test]
fn the_welsh_resolution_steps_meet_their_timescales() {
    let case = Case::example(|t| t.replace("agenda: core-group", "agenda: wales-core-group"));
    assert_eq!(case.timescale("resolution-tier1-meeting").1, "unknown");
    case.log(&[
        "resolution-request",
        "--by",
        "school",
        "--date",
        "2026-11-02",
    ]);
    let (due, _, detail) = case.timescale("resolution-tier1-meeting");
    assert!(!due.is_empty(), "{detail}");
    assert!(detail.contains("the resolution request"), "{detail}");
    case.log(&["tier1-meeting", "--date", "2026-11-09"]);
    assert_eq!(case.timescale("resolution-tier1-meeting").1, "met");
    assert_ne!(case.timescale("resolution-tier2-meeting").1, "met");
    case.log(&["tier2-meeting", "--date", "2026-11-23"]);
    let (_, _, detail) = case.timescale("resolution-tier2-meeting");
    assert!(detail.contains("Mon 23 Nov 2026"), "{detail}");
}

#[test]
fn bad_input_is_refused_with_a_hint_and_nothing_is_written() {
    let case = Case::example(unchanged);
    let err = case.log_fails(&["agreement-returned", "brennan"]);
    assert!(
        err.contains("more than one") && err.contains("hint"),
        "{err}"
    );
    let err = case.log_fails(&["agreement-returned", "nobody"]);
    assert!(err.contains("sw (Hannah Mercer)"), "{err}");
    let err = case.log_fails(&["core-assessment", "--date", "tomorrow"]);
    assert!(
        err.contains("still to come") && err.contains("hint"),
        "{err}"
    );
    let err = case.log_fails(&["circulated", "--meeting", "2026-01-01"]);
    assert!(
        err.contains("2026-10-15"),
        "the hint lists the meetings: {err}"
    );
    let err = case.log_fails(&[
        "review-conference",
        "--decision",
        "end",
        "--outcome-changed",
        "o99",
    ]);
    assert!(err.contains("o99"), "{err}");
    let err = case.log_fails(&["visit", "--child", "nobody"]);
    assert!(err.contains("kayla"), "{err}");
    assert_eq!(case.log_file(), "", "nothing was written");
}

#[test]
fn log_help_lists_every_event() {
    let (code, out, _) = coregroup(&["log", "--help"]);
    assert_eq!(code, 0);
    for e in [
        "visit",
        "circulated",
        "agreement-returned",
        "review-conference",
        "core-assessment",
        "change-reported",
        "member-joins",
        "member-leaves",
        "lead-worker",
        "resolution-request",
        "tier1-meeting",
        "tier2-meeting",
        "disagreement-resolved",
    ] {
        assert!(out.contains(&format!("  {e} ")), "{e} in {out}");
    }
}

/// Every event `log --help` lists, logged in turn: each is in `status --format yaml` at once,
/// under `since_last_meeting`, and those that move a timescale move it.
#[test]
fn every_event_is_reflected_in_status() {
    let case = Case::example(|t| {
        t.replace("agenda: core-group", "agenda: wales-core-group")
            // Alfie on a pre-birth plan, so his birth can be logged.
            .replace(
                "date_of_birth: 2024-06-02",
                "expected_date_of_birth: 2026-11-20",
            )
            // A disagreement the last meeting left open, so its resolution can be logged.
            + "disagreements:\n- id: d1\n  who: Shauna Brennan\n  about: Contact at weekends\n  \
               route: core-group\n  raised_at: 2026-10-15\n  raised: 2026-10-15\n"
    });
    let (code, help, _) = coregroup(&["log", "--help"]);
    assert_eq!(code, 0);
    let kinds: Vec<&str> = help
        .split("Commands:")
        .nth(1)
        .unwrap()
        .lines()
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .filter_map(|l| l.split_whitespace().next())
        // `withdraw` takes an entry back; it is tested on its own below.
        .filter(|k| *k != "help" && *k != "withdraw")
        .collect();
    assert!(kinds.len() >= 12, "{kinds:?}");
    // Each event, its arguments, and the timescale it moves (if any).
    let events: [(&str, &[&str], Option<&str>); 15] = [
        (
            "action",
            &[
                "a9",
                "achieved",
                "--note",
                "Grant approved",
                "--date",
                "2026-10-19",
            ],
            None,
        ),
        (
            "circulated",
            &["--date", "2026-10-20"],
            Some("minutes-circulated"),
        ),
        (
            "agreement-returned",
            &["sw", "--date", "2026-10-21"],
            Some("agreement-returned"),
        ),
        (
            "resolution-request",
            &["--by", "school", "--date", "2026-11-02"],
            Some("resolution-tier1-meeting"),
        ),
        (
            "core-assessment",
            &["--date", "2026-11-03"],
            Some("core-assessment"),
        ),
        (
            "change-reported",
            &["Dad has moved out", "--date", "2026-11-04"],
            None,
        ),
        (
            "birth",
            &[
                "--child",
                "alfie",
                "--name",
                "Alfie Walsh",
                "--date",
                "2026-11-04",
            ],
            None,
        ),
        (
            "member-joins",
            &[
                "Priya Shah",
                "--role",
                "School nurse",
                "--date",
                "2026-11-05",
            ],
            None,
        ),
        ("member-leaves", &["Dean", "--date", "2026-11-06"], None),
        (
            "disagreement-resolved",
            &[
                "d1",
                "Agreed at a meeting",
                "--by",
                "Team manager",
                "--date",
                "2026-11-06",
            ],
            None,
        ),
        ("lead-worker", &["Priya Shah", "--date", "2026-11-07"], None),
        (
            "tier1-meeting",
            &["--date", "2026-11-09"],
            Some("resolution-tier1-meeting"),
        ),
        (
            "review-conference",
            &[
                "--date",
                "2026-11-20",
                "--decision",
                "continue",
                "--next",
                "2027-05-14",
            ],
            Some("next-review-conference"),
        ),
        (
            "tier2-meeting",
            &["--date", "2026-11-23"],
            Some("resolution-tier2-meeting"),
        ),
        (
            "visit",
            &["--date", "2026-11-23", "--bedroom-seen"],
            Some("next-visit"),
        ),
    ];
    for k in &kinds {
        assert!(
            events.iter().any(|(e, _, _)| e == k),
            "`log --help` lists {k}: add it to this test"
        );
    }
    let since = |case: &Case| -> Vec<(String, String, String)> {
        let (v, _) = case.status();
        v["since_last_meeting"]
            .as_sequence()
            .map(|l| {
                l.iter()
                    .map(|e| {
                        let t = |k: &str| e[k].as_str().unwrap_or_default().to_string();
                        (t("date"), t("kind"), t("text"))
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    assert!(since(&case).is_empty(), "nothing logged yet");
    for (kind, args, moves) in events {
        let before = moves.map(|key| case.timescale(key));
        let mut event = vec![kind];
        event.extend_from_slice(args);
        case.log(&event);
        let date = args[args.iter().position(|a| *a == "--date").unwrap() + 1];
        let listed = since(&case);
        assert!(
            listed.iter().any(|(d, k, _)| d == date && k == kind),
            "{kind} on {date} in {listed:?}"
        );
        if let (Some(key), Some(before)) = (moves, before) {
            assert_ne!(case.timescale(key), before, "{kind} moves {key}");
        }
    }
    let listed = since(&case);
    assert_eq!(listed.len(), events.len(), "{listed:?}");
    let text = |kind: &str| &listed.iter().find(|(_, k, _)| k == kind).unwrap().2;
    assert!(text("action").contains("achieved (was not started)"));
    assert!(text("action").ends_with("Grant approved"));
    assert_eq!(
        text("lead-worker"),
        "Priya Shah became the lead social worker"
    );
    assert!(text("change-reported").ends_with("Dad has moved out"));
    assert_eq!(text("member-leaves"), "Dean Walsh left the core group");
    assert_eq!(text("birth"), "Alfie Walsh was born");
    assert_eq!(
        text("disagreement-resolved"),
        "Disagreement d1 (about Contact at weekends) resolved by Team manager: Agreed at a meeting"
    );
    // The text report lists them too.
    let (_, out, _) = coregroup(&["status", s(&case.path), "--today", TODAY]);
    assert!(out.contains("Logged since the last meeting:"), "{out}");
    assert!(
        out.contains("Priya Shah became the lead social worker"),
        "{out}"
    );
}

/// The id `coregroup log DIR` lists for the entry whose line contains `text`.
fn listed_id(case: &Case, text: &str) -> String {
    let (code, out, err) = coregroup(&["log", s(&case.path)]);
    assert_eq!(code, 0, "{err}");
    let line = out
        .lines()
        .find(|l| l.contains(text))
        .unwrap_or_else(|| panic!("no entry with {text:?} in {out}"));
    line.split_whitespace().next().unwrap().to_string()
}

#[test]
fn a_wrong_visit_withdrawn_counts_nowhere_and_is_listed_as_withdrawn() {
    let case = Case::example(no_visits);
    let (before, _, _) = case.timescale("next-visit");
    case.log(&["visit", "--date", "mon", "--by", "sw"]);
    let (visited, _, _) = case.timescale("next-visit");
    assert_ne!(visited, before, "the visit counts");
    let id = listed_id(&case, "home visit");
    let logged = case.log_file();

    let out = case.log(&[
        "withdraw",
        &id,
        "--reason",
        "logged on the wrong case",
        "--by",
        "sw",
    ]);
    assert!(out.contains("stays in the log, marked withdrawn"), "{out}");
    // The entry is kept as written, so its id (and what refers to it) does not change.
    assert!(case.log_file().starts_with(&logged), "{}", case.log_file());
    assert!(case.log_file().contains(&format!("entry: {id}")));
    assert_eq!(listed_id(&case, "home visit"), id);
    // Status no longer counts it, in the timescales or under "since the last meeting".
    assert_eq!(case.timescale("next-visit").0, before);
    let (v, yaml) = case.status();
    assert!(
        v["since_last_meeting"]
            .as_sequence()
            .is_none_or(|l| l.iter().all(|e| e["kind"].as_str() != Some("visit"))),
        "{yaml}"
    );
    let (_, list, _) = coregroup(&["log", s(&case.path)]);
    assert!(
        list.contains("WITHDRAWN Tue 24 Nov 2026 by Hannah Mercer: logged on the wrong case"),
        "{list}"
    );
    // `check` finds the log sound.
    let (code, out, err) = coregroup(&["check", s(&case.path)]);
    assert_eq!(code, 0, "{out}{err}");

    // Twice, or an id the log does not have: a clear error, the hint, nothing written.
    let now = case.log_file();
    let twice = case.log_fails(&["withdraw", &id, "--reason", "again"]);
    assert!(twice.contains("was withdrawn already"), "{twice}");
    assert!(
        twice.contains(&format!("`coregroup log {}`", s(&case.path))),
        "{twice}"
    );
    let unknown = case.log_fails(&["withdraw", "e0000000000", "--reason", "no such"]);
    assert!(unknown.contains("has no entry `e0000000000`"), "{unknown}");
    assert!(
        unknown.contains("lists the entries with their ids"),
        "{unknown}"
    );
    let blank = case.log_fails(&["withdraw", &id, "--reason", "  "]);
    assert!(blank.contains("--reason"), "{blank}");
    assert_eq!(case.log_file(), now);
    // The same visit logged again is not quietly taken as logged.
    let again = case.log_fails(&["visit", "--date", "mon", "--by", "sw"]);
    assert!(again.contains("withdrawn on Tue 24 Nov 2026"), "{again}");
}

#[test]
fn a_logged_event_says_which_timescales_it_moved_and_how_they_stand() {
    let case = Case::example(no_visits);
    let out = case.log(&["visit", "--date", "2026-11-23", "--by", "sw"]);
    // The lead worker's visit moves the next visit, and only the timescales it moved are said.
    assert!(out.contains("Timescales now:\n"), "{out}");
    assert!(out.contains("(due Mon 21 Dec 2026)"), "{out}");
    assert_eq!(case.timescale("next-visit").0, "2026-12-21");
    assert_eq!(out.matches("(due ").count(), 1, "{out}");
    // The same visit again changes nothing the status shows.
    let again = case.log(&["visit", "--date", "2026-11-23", "--by", "sw"]);
    assert!(again.contains("No timescale changed."), "{again}");
}
