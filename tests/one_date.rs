//! One fact, one date: for any history of circulations, every date the minutes, the family's
//! copy, the emails, the letters and `status` give for the same fact is the same date.

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::{Days, NaiveDate};
use mail_parser::MessageParser;
use proptest::prelude::*;

const MEETING: &str = "2026-10-15";

fn coregroup(config: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_coregroup"))
        .args(args)
        .env("COREGROUP_CONFIG_DIR", config)
        .output()
        .expect("the binary runs");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn day(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// Every long date ("Friday 23 October 2026") within a short reach after each anchor.
fn dates_after(text: &str, anchors: &[&str]) -> Vec<NaiveDate> {
    let plain: String = strip_markup(text);
    let mut out = Vec::new();
    for anchor in anchors {
        for (at, _) in plain.match_indices(anchor) {
            let rest = &plain[at + anchor.len()..];
            let reach: String = rest.chars().take(60).collect();
            if let Some(d) = first_long_date(&reach) {
                out.push(d);
            }
        }
    }
    out
}

fn strip_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            '*' if !in_tag => {}
            '\n' | '\r' if !in_tag => out.push(' '),
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn first_long_date(text: &str) -> Option<NaiveDate> {
    const DAYS: [&str; 7] = [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ];
    let words: Vec<String> = text
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string())
        .collect();
    words.windows(4).find_map(|w| {
        DAYS.contains(&w[0].as_str())
            .then(|| {
                NaiveDate::parse_from_str(&format!("{} {} {}", w[1], w[2], w[3]), "%d %B %Y").ok()
            })
            .flatten()
    })
}

/// The date by which `key` must in practice be done, from `status --format yaml`.
fn status_date(yaml: &str, key: &str) -> NaiveDate {
    let block = yaml
        .split("- key: ")
        .find(|b| b.starts_with(key))
        .unwrap_or_else(|| panic!("no {key} in {yaml}"));
    let field = |name: &str| {
        block.lines().find_map(|l| {
            l.trim()
                .strip_prefix(name)
                .and_then(|v| v.trim().parse::<NaiveDate>().ok())
        })
    };
    field("latest_working_day:")
        .or_else(|| field("due:"))
        .unwrap_or_else(|| panic!("{key} has no date: {block}"))
}

struct Printed {
    /// (where, date) for each place the fact is printed.
    agreements: Vec<(String, NaiveDate)>,
    circulation: Vec<(String, NaiveDate)>,
    next_meeting: Vec<(String, NaiveDate)>,
}

const AGREEMENT: [&str; 4] = [
    "return it by",
    "are to be returned by",
    "return your signed written agreement by",
    "return your written agreement by",
];
const FAMILY_AGREEMENT: [&str; 1] = ["give it back by"];
const CIRCULATION: [&str; 2] = ["are to be circulated by", "should reach you by"];
const NEXT_MEETING: [&str; 2] = ["Latest date the procedure allows", "must be held by"];

fn printed(case: &Path) -> Printed {
    let dir = case.join("meetings").join(MEETING);
    let mut p = Printed {
        agreements: Vec::new(),
        circulation: Vec::new(),
        next_meeting: Vec::new(),
    };
    let mut files: Vec<PathBuf> = ["minutes.md", "minutes-family.md", "minutes-case-file.md"]
        .iter()
        .map(|f| dir.join(f))
        .collect();
    files.extend(
        std::fs::read_dir(dir.join("outbox"))
            .map(|r| r.map(|e| e.unwrap().path()).collect::<Vec<_>>())
            .unwrap_or_default(),
    );
    for f in files {
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(&f).unwrap();
        let text = if name.ends_with(".eml") {
            let m = MessageParser::default().parse(&bytes).unwrap();
            m.body_text(0).unwrap().into_owned()
        } else {
            String::from_utf8(bytes).unwrap()
        };
        let tag = |v: Vec<NaiveDate>| v.into_iter().map(|d| (name.clone(), d));
        p.agreements.extend(tag(dates_after(&text, &AGREEMENT)));
        p.agreements
            .extend(tag(dates_after(&text, &FAMILY_AGREEMENT)));
        p.circulation.extend(tag(dates_after(&text, &CIRCULATION)));
        p.next_meeting
            .extend(tag(dates_after(&text, &NEXT_MEETING)));
    }
    p
}

/// A case whose meeting of 15 Oct went out on `first` (and again on `again`), with or without
/// the plan's own record of an earlier circulation, and its status on `today`.
fn history(plan_recorded: bool, first: u64, again: Option<u64>, later: u64) {
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("config");
    let case = tmp.path().join("case");
    coregroup(
        &config,
        &["new", s(&case), "--example", "--today", "2026-11-24"],
    );
    if !plan_recorded {
        let plan = std::fs::read_to_string(case.join("plan.yaml")).unwrap();
        let plan = plan.replace("    minutes_circulated: 2026-10-16\n", "");
        std::fs::write(case.join("plan.yaml"), plan).unwrap();
    }
    let held: NaiveDate = MEETING.parse().unwrap();
    let on = |n: u64| held.checked_add_days(Days::new(n)).unwrap();
    let mut last = on(first);
    coregroup(&config, &["circulate", s(&case), "--date", &day(last)]);
    if let Some(n) = again {
        last = on(first + n);
        coregroup(&config, &["circulate", s(&case), "--date", &day(last)]);
    }
    let today = last.checked_add_days(Days::new(later)).unwrap();
    let status = coregroup(
        &config,
        &[
            "status",
            s(&case),
            "--today",
            &day(today),
            "--format",
            "yaml",
        ],
    );
    let p = printed(&case);
    versions_agree(&case, &config, today);
    for (fact, key, found) in [
        ("agreement return", "agreement-returned", &p.agreements),
        ("circulation", "minutes-circulated", &p.circulation),
        ("next core group", "next-core-group", &p.next_meeting),
    ] {
        let want = status_date(&status, key);
        assert!(!found.is_empty(), "no {fact} date found in the documents");
        for (file, d) in found {
            assert_eq!(
                *d, want,
                "{fact}: {file} says {d}, status says {want} (plan recorded {plan_recorded}, \
                 circulated on day {first}, again {again:?})"
            );
        }
    }
    // Every email and letter names the date, not only some.
    let sent = std::fs::read_dir(case.join("meetings").join(MEETING).join("outbox"))
        .unwrap()
        .count();
    let named: std::collections::BTreeSet<&str> = p
        .agreements
        .iter()
        .filter(|(f, _)| f.ends_with(".eml") || f.contains("letter"))
        .map(|(f, _)| f.as_str())
        .collect();
    assert_eq!(named.len(), sent, "{named:?}");
}

/// The minutes list the same versions as `status`, and say when the first went out late.
fn versions_agree(case: &Path, config: &Path, today: NaiveDate) {
    let text = coregroup(config, &["status", s(case), "--today", &day(today)]);
    let in_status: Vec<String> = text
        .lines()
        .skip_while(|l| !l.starts_with("Minutes of the last core group"))
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .map(|l| l.trim().to_string())
        .collect();
    let minutes =
        std::fs::read_to_string(case.join("meetings").join(MEETING).join("minutes.md")).unwrap();
    let in_minutes: Vec<String> = minutes
        .lines()
        .skip_while(|l| !l.starts_with("### Versions"))
        .skip(2)
        .take_while(|l| l.starts_with("- "))
        .map(|l| l[2..].trim().to_string())
        .collect();
    assert!(in_status.len() >= 2, "{text}");
    assert_eq!(in_minutes, in_status);
}

#[test]
fn a_late_circulation_says_so_in_the_minutes_and_in_status() {
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("config");
    let case = tmp.path().join("case");
    coregroup(
        &config,
        &["new", s(&case), "--example", "--today", "2026-11-24"],
    );
    let plan = std::fs::read_to_string(case.join("plan.yaml")).unwrap();
    let plan = plan.replace("    minutes_circulated: 2026-10-16\n", "");
    std::fs::write(case.join("plan.yaml"), plan).unwrap();
    coregroup(&config, &["circulate", s(&case), "--date", "2026-11-02"]);
    coregroup(
        &config,
        &[
            "circulate",
            s(&case),
            "--date",
            "2026-12-07",
            "--reason",
            "Wrong date of the next meeting",
        ],
    );
    let status = coregroup(&config, &["status", s(&case), "--today", "2026-12-08"]);
    let minutes =
        std::fs::read_to_string(case.join("meetings").join(MEETING).join("minutes.md")).unwrap();
    for text in [&status, &minutes] {
        assert!(
            text.contains(
                "Final, version 1: circulated on Mon 2 Nov 2026, late (due by Thu 22 Oct 2026)"
            ),
            "{text}"
        );
        assert!(
            text.contains(
                "Final, version 2: re-issued on Mon 7 Dec 2026: Wrong date of the next meeting"
            ),
            "{text}"
        );
    }
    assert!(minutes.contains("Final, version 2, re-issued on Monday 7 December 2026"));
    versions_agree(&case, &config, "2026-12-08".parse().unwrap());
}

#[test]
fn a_late_circulation_gives_one_agreement_date_everywhere() {
    // Minutes due out by 22 Oct, sent on 2 Nov: every document counts from 2 Nov.
    history(false, 18, None, 3);
}

#[test]
fn a_plan_that_records_an_earlier_circulation_is_counted_from_by_every_document() {
    // The plan says the minutes went out on 16 Oct; a later circulation is a re-issue.
    history(true, 18, None, 3);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 8, ..ProptestConfig::default() })]

    #[test]
    fn every_document_gives_the_same_date_for_the_same_fact(
        plan_recorded in any::<bool>(),
        first in 0u64..30,
        again in proptest::option::of(1u64..20),
        later in 0u64..10,
    ) {
        history(plan_recorded, first, again, later);
    }
}
