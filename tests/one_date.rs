//! One fact, one date: for any history of a case after its meeting (the minutes out on time or
//! late, re-issued, signed agreements coming back, visits, a review conference), every date the
//! minutes, the family's copies, the case file's copy (Markdown, HTML and Word), the emails, the
//! letters, the invitation, `status` (text and YAML) and the case screen give for the same fact
//! is the same date.

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

/// Run coregroup expecting it to refuse, saying `words`.
fn refused(config: &Path, args: &[&str], words: &str) {
    let out = Command::new(env!("CARGO_BIN_EXE_coregroup"))
        .args(args)
        .env("COREGROUP_CONFIG_DIR", config)
        .output()
        .expect("the binary runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{args:?} was not refused");
    assert!(err.contains(words), "{args:?}: {err}");
}

/// Record in the case's plan that the minutes of the meeting went out on 16 Oct, as a plan
/// written by hand may.
fn record_in_plan(case: &Path) {
    let plan = std::fs::read_to_string(case.join("plan.yaml")).unwrap();
    let at = format!("  core_groups:\n  - date: {MEETING}\n");
    assert!(plan.contains(&at), "{plan}");
    let plan = plan.replace(&at, &format!("{at}    minutes_circulated: 2026-10-16\n"));
    std::fs::write(case.join("plan.yaml"), plan).unwrap();
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
            let reach: String = rest.chars().take(40).collect();
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
            // A tag parts words, as a cell or a line does on the page.
            '>' => {
                in_tag = false;
                out.push(' ');
            }
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

/// Where each fact is printed: (file, date) for every place it appears.
#[derive(Default)]
struct Printed {
    agreements: Vec<(String, NaiveDate)>,
    circulation: Vec<(String, NaiveDate)>,
    next_meeting: Vec<(String, NaiveDate)>,
    /// The day agreed for the next meeting.
    agreed: Vec<(String, NaiveDate)>,
}

const AGREEMENT: [&str; 7] = [
    "return it by",
    "are to be returned by",
    "return your signed written agreement by",
    "return your written agreement by",
    // An issue sent after the day.
    "signed written agreement was due back by",
    "it was due back by",
    "were due back by",
];
/// The family's copy, and the agreement pages of it and of the plan.
const FAMILY_AGREEMENT: [&str; 2] = [
    "give it back by",
    "give it back to your lead social worker by",
];
/// The phrases that ask for the agreement back, or the minutes out, by a day: never a day gone
/// by when the issue goes out.
const ASKING: [&str; 8] = [
    "return it by",
    "are to be returned by",
    "return your signed written agreement by",
    "return your written agreement by",
    "give it back by",
    "give it back to your lead social worker by",
    "are to be circulated by",
    "should reach you by",
];
const CIRCULATION: [&str; 4] = [
    "are to be circulated by",
    "should reach you by",
    // An issue sent after the day.
    "were due to be circulated by",
    "were due to reach you by",
];
/// Where a document says the day it was due out has gone: the day this issue went out.
const ISSUED: [&str; 2] = ["this issue went out on", "they were sent on"];
const NEXT_MEETING: [&str; 2] = ["Latest date the procedure allows", "must be held by"];
/// The next meeting's day: under the minutes' and the family's heading, and the plan's line.
const AGREED: [&str; 3] = [
    "Next meeting",
    "The next meeting",
    "Next core group meeting",
];

/// A document's text: an email's body, a Word file's paragraphs, or the file as it is.
fn text_of(f: &Path) -> String {
    let name = f.file_name().unwrap().to_string_lossy().into_owned();
    let bytes = std::fs::read(f).unwrap();
    if name.ends_with(".eml") {
        let m = MessageParser::default().parse(&bytes).unwrap();
        m.body_text(0).unwrap().into_owned()
    } else if name.ends_with(".docx") {
        use std::io::Read;
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut xml = String::new();
        zip.by_name("word/document.xml")
            .unwrap()
            .read_to_string(&mut xml)
            .unwrap();
        // A paragraph ends with a space, so words of two paragraphs do not run together.
        xml.replace("</w:p>", " </w:p>")
    } else {
        String::from_utf8(bytes).unwrap()
    }
}

/// The documents of the meeting: its minutes in every copy and format, its plan, and the pack.
fn documents(case: &Path) -> Vec<PathBuf> {
    let dir = case.join("meetings").join(MEETING);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let n = p.file_name().unwrap().to_string_lossy();
            (n.starts_with("minutes") || n.starts_with("plan"))
                && [".md", ".html", ".docx"].iter().any(|x| n.ends_with(x))
        })
        .collect();
    files.extend(
        std::fs::read_dir(dir.join("outbox"))
            .map(|r| r.map(|e| e.unwrap().path()).collect::<Vec<_>>())
            .unwrap_or_default(),
    );
    files.sort();
    files
}

fn printed(case: &Path) -> Printed {
    let mut p = Printed::default();
    for f in documents(case) {
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        let text = text_of(&f);
        let tag = |v: Vec<NaiveDate>| v.into_iter().map(|d| (name.clone(), d));
        p.agreements.extend(tag(dates_after(&text, &AGREEMENT)));
        p.agreements
            .extend(tag(dates_after(&text, &FAMILY_AGREEMENT)));
        p.circulation.extend(tag(dates_after(&text, &CIRCULATION)));
        p.next_meeting
            .extend(tag(dates_after(&text, &NEXT_MEETING)));
        p.agreed.extend(tag(dates_after(&text, &AGREED)));
    }
    // The invitation: the day it is for.
    let ics = case.join("meetings").join(MEETING).join("next-meeting.ics");
    if let Ok(text) = std::fs::read_to_string(&ics) {
        for line in text.lines().filter(|l| l.starts_with("DTSTART;TZID")) {
            let day = line.rsplit(':').next().unwrap().get(..8).unwrap();
            let day = NaiveDate::parse_from_str(day, "%Y%m%d").unwrap();
            p.agreed.push(("next-meeting.ics".into(), day));
        }
    }
    p
}

/// One history of the case after its meeting of 15 Oct. Days count from the meeting.
#[derive(Clone, Debug)]
struct Story {
    /// Whether `plan.yaml` keeps its own record of the minutes going out on 16 Oct.
    plan_recorded: bool,
    /// The day the minutes first went out through `circulate`.
    first: u64,
    /// Each later circulation: days after the one before, and whether a reason is given.
    reissues: Vec<(u64, bool)>,
    /// Members returning the signed agreement: which (an index into [`MEMBERS`]) and how many
    /// days after the first circulation.
    returned: Vec<(usize, u64)>,
    /// Visits logged (days after the meeting), each seen alone or not.
    visits: Vec<(u64, bool)>,
    /// A review conference (days after the meeting) and the next review it set (days after it).
    review: Option<(u64, Option<u64>)>,
    /// `status` is asked this many days after the last event.
    later: u64,
}

/// The example's members, by id.
const MEMBERS: [&str; 9] = [
    "sw", "mum", "nan", "school", "hv", "police", "recovery", "gp", "dad",
];

fn story() -> impl Strategy<Value = Story> {
    (
        any::<bool>(),
        0u64..30,
        proptest::collection::vec((1u64..10, any::<bool>()), 0..3),
        proptest::collection::vec((0usize..MEMBERS.len(), 0u64..15), 0..10),
        proptest::collection::vec((1u64..45, any::<bool>()), 0..3),
        proptest::option::of((1u64..45, proptest::option::of(60u64..200))),
        0u64..10,
    )
        .prop_map(
            |(plan_recorded, first, reissues, returned, visits, review, later)| Story {
                plan_recorded,
                first,
                reissues,
                returned,
                visits,
                review,
                later,
            },
        )
}

fn held() -> NaiveDate {
    MEETING.parse().unwrap()
}

fn on(n: u64) -> NaiveDate {
    held().checked_add_days(Days::new(n)).unwrap()
}

/// Make the case the story tells; the day `status` is asked on.
fn tell(config: &Path, case: &Path, story: &Story) -> NaiveDate {
    coregroup(
        config,
        &["new", s(case), "--example", "--today", "2026-11-24"],
    );
    // The example's minutes are not yet circulated; a plan may record them going out.
    if story.plan_recorded {
        record_in_plan(case);
    }
    // Each circulation, whether it is a re-issue (after the plan's own record, or another), and
    // its reason.
    let first = on(story.first);
    let mut circulations = vec![(first, story.plan_recorded && first > on(1), None)];
    let mut last = on(story.first);
    for (i, (gap, why)) in story.reissues.iter().enumerate() {
        last = last.checked_add_days(Days::new(*gap)).unwrap();
        circulations.push((last, true, why.then(|| format!("Correction {}", i + 1))));
    }
    let mut events: Vec<(NaiveDate, Vec<String>)> = Vec::new();
    for (m, n) in &story.returned {
        let day = on(story.first + n);
        events.push((day, vec!["agreement-returned".into(), MEMBERS[*m].into()]));
    }
    for (n, alone) in &story.visits {
        let mut e = vec!["visit".to_string()];
        if *alone {
            e.push("--seen-alone".into());
        }
        events.push((on(*n), e));
    }
    if let Some((n, next)) = story.review {
        let mut e = vec![
            "review-conference".into(),
            "--decision".into(),
            "continue".into(),
        ];
        if let Some(k) = next {
            e.extend(["--next".into(), day(on(n + k))]);
        }
        events.push((on(n), e));
    }
    let end = events.iter().map(|(d, _)| *d).chain([last]).max().unwrap();
    let today = end.checked_add_days(Days::new(story.later)).unwrap();
    // Logged in the order things happened, each circulation when it happened.
    events.sort_by_key(|(d, _)| *d);
    let mut events = events.into_iter().peekable();
    for (date, reissue, reason) in circulations {
        while let Some((d, e)) = events.next_if(|(d, _)| *d < date) {
            log(config, case, d, &e, today);
        }
        let mut args = vec!["circulate", s(case), "--date"];
        let date = day(date);
        args.push(&date);
        // A re-issue without its reason is refused; it goes with one.
        let reason = match reason {
            None if reissue => {
                refused(config, &args, "is a re-issue, which needs its reason");
                Some("Sent again".to_string())
            }
            r => r,
        };
        if let Some(r) = &reason {
            args.extend(["--reason", r]);
        }
        coregroup(config, &args);
    }
    for (d, e) in events {
        log(config, case, d, &e, today);
    }
    today
}

fn log(config: &Path, case: &Path, on: NaiveDate, event: &[String], today: NaiveDate) {
    let mut args: Vec<String> = vec!["log".into(), s(case).into()];
    args.extend(event.iter().cloned());
    args.extend(["--date".into(), day(on), "--today".into(), day(today)]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    coregroup(config, &args);
}

/// Each timescale of `status --format yaml`: key, then (due, latest working day).
fn yaml_timescales(yaml: &str) -> Vec<(String, NaiveDate, Option<NaiveDate>)> {
    let v: yaml_serde::Value = yaml_serde::from_str(yaml).unwrap();
    let date = |t: &yaml_serde::Value, k: &str| t[k].as_str().map(|d| d.parse().unwrap());
    v["timescales"]
        .as_sequence()
        .unwrap()
        .iter()
        .filter_map(|t| {
            Some((
                t["key"].as_str()?.to_string(),
                date(t, "due")?,
                date(t, "latest_working_day"),
            ))
        })
        .collect()
}

/// The same timescales as `status` prints them: label, then (due, "act by" when it is given).
/// A timescale with no date (`—`) is left out, as the YAML leaves out its `due`.
fn text_timescales(text: &str) -> Vec<(String, NaiveDate, Option<NaiveDate>)> {
    const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    let short = |w: &[&str]| NaiveDate::parse_from_str(&w.join(" "), "%a %d %b %Y").ok();
    let mut out: Vec<(String, NaiveDate, Option<NaiveDate>)> = Vec::new();
    for line in text.lines().skip(2).take_while(|l| !l.trim().is_empty()) {
        let words: Vec<&str> = line.split_whitespace().collect();
        if let Some(rest) = line
            .trim()
            .strip_prefix("(falls on a non-working day: act by ")
        {
            let w: Vec<&str> = rest.trim_end_matches(')').split_whitespace().collect();
            out.last_mut().expect("a timescale before it").2 = short(&w);
            continue;
        }
        // The state's tag, the label, then the due date or a dash.
        let at = words
            .iter()
            .position(|w| DAYS.contains(w) || *w == "—")
            .unwrap_or_else(|| panic!("no due column in {line:?}"));
        if words[at] == "—" {
            continue;
        }
        let due = short(&words[at..at + 4]).unwrap_or_else(|| panic!("{line:?}"));
        out.push((words[1..at].join(" "), due, None));
    }
    out
}

/// Tell the story, then check every printed date against `status`, and `status`'s text, YAML
/// and the case screen against each other.
fn check(story: &Story) {
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("config");
    let case = tmp.path().join("case");
    let today = tell(&config, &case, story);
    let today_s = day(today);
    no_past_day_asked(&case, last_issue(story));
    let yaml = coregroup(
        &config,
        &["status", s(&case), "--today", &today_s, "--format", "yaml"],
    );
    let text = coregroup(&config, &["status", s(&case), "--today", &today_s]);
    let p = printed(&case);
    versions_agree(&case, &config, today);
    let in_yaml = yaml_timescales(&yaml);
    let want = |key: &str| {
        in_yaml
            .iter()
            .find(|(k, _, _)| k == key)
            .map(|(_, due, lwd)| lwd.unwrap_or(*due))
            .unwrap_or_else(|| panic!("no {key} in {yaml}"))
    };
    for (fact, key, found) in [
        ("agreement return", "agreement-returned", &p.agreements),
        ("circulation", "minutes-circulated", &p.circulation),
        ("next core group", "next-core-group", &p.next_meeting),
    ] {
        let want = want(key);
        assert!(!found.is_empty(), "no {fact} date found in the documents");
        for (file, d) in found {
            assert_eq!(
                *d, want,
                "{fact}: {file} says {d}, status says {want} ({story:?})"
            );
        }
    }
    // Every copy of the minutes in every format, and every email and letter, names the day the
    // agreements are due back, not only some.
    let named: std::collections::BTreeSet<&str> =
        p.agreements.iter().map(|(f, _)| f.as_str()).collect();
    for f in documents(&case) {
        let n = f.file_name().unwrap().to_string_lossy().into_owned();
        if !n.starts_with("plan") {
            assert!(
                named.contains(n.as_str()),
                "{n} gives no agreement date: {named:?}"
            );
        }
    }
    // The day agreed for the next meeting: the same in every document, the invitation and
    // `status`.
    let agreed: std::collections::BTreeSet<NaiveDate> = p.agreed.iter().map(|(_, d)| *d).collect();
    assert_eq!(agreed.len(), 1, "{:?}", p.agreed);
    assert!(
        p.agreed.iter().any(|(f, _)| f.ends_with(".ics")),
        "{:?}",
        p.agreed
    );
    let agreed = *agreed.first().unwrap();
    let said = text
        .split("agreed for ")
        .nth(1)
        .unwrap_or_else(|| panic!("status does not say the day agreed: {text}"));
    let w: Vec<&str> = said.split_whitespace().take(4).collect();
    let said = NaiveDate::parse_from_str(&w.join(" ").replace([',', ';'], ""), "%a %d %b %Y");
    assert_eq!(said.ok(), Some(agreed), "{text}");
    // `status` as text gives each timescale the dates its YAML does.
    let in_text = text_timescales(&text);
    assert_eq!(in_text.len(), in_yaml.len(), "{text}\n{yaml}");
    for ((label, due, act), (key, ydue, ylwd)) in in_text.iter().zip(&in_yaml) {
        assert_eq!((due, act), (ydue, ylwd), "{label} / {key}: {text}\n{yaml}");
    }
    // The case screen is built on the same status.
    screen_agrees(&case, today, &in_yaml);
}

/// The day the story's last circulation went out: the issue the documents are.
fn last_issue(story: &Story) -> NaiveDate {
    on(story.first + story.reissues.iter().map(|(gap, _)| gap).sum::<u64>())
}

/// No document of the issue that went out on `issued` asks for the agreement back, or the
/// minutes out, by a day before it: each says the day as past ("was due back by", "were due to
/// be circulated by") instead, as its covering note does, and then the day it went out.
fn no_past_day_asked(case: &Path, issued: NaiveDate) {
    for f in documents(case) {
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        let text = text_of(&f);
        for d in dates_after(&text, &ASKING) {
            assert!(
                d >= issued,
                "{name}, issued on {issued}, asks for something by {d}, a day gone by"
            );
        }
        for d in agreed_by(&text) {
            assert!(
                d >= issued,
                "{name}, issued on {issued}, has an agreement to do something by {d}, a day gone by"
            );
        }
        let said_past = dates_after(&text, &CIRCULATION[2..]);
        let went_out = dates_after(&text, &ISSUED);
        assert_eq!(went_out.len(), said_past.len(), "{name}: {text}");
        for d in went_out {
            assert_eq!(d, issued, "{name} says it went out on {d}, not {issued}");
        }
    }
}

/// The days an agreement page asks something to be done by ("… by Wed 9 Dec 2026"), not those
/// it says were due ("it was due by Wed 25 Nov 2026").
fn agreed_by(text: &str) -> Vec<NaiveDate> {
    let mut out = Vec::new();
    for page in text.split("Your written agreement:").skip(1) {
        let words: Vec<String> = page
            .split_whitespace()
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string())
            .collect();
        for (i, w) in words.windows(5).enumerate() {
            let due = i > 0 && words[i - 1] == "due";
            if w[0] == "by"
                && !due
                && let Ok(d) = NaiveDate::parse_from_str(
                    &format!("{} {} {} {}", w[1], w[2], w[3], w[4]),
                    "%a %d %b %Y",
                )
            {
                out.push(d);
            }
        }
    }
    out
}

/// The case screen's model of the case on `today`: its timescales carry the same dates.
fn screen_agrees(
    case: &Path,
    today: NaiveDate,
    in_yaml: &[(String, NaiveDate, Option<NaiveDate>)],
) {
    use coregroup::cases::records::CaseRecords;
    use coregroup::domain::status::case_status;
    use coregroup::tui::case::CaseScreen;
    use coregroup::tui::widgets::theme::{Theme, ThemeName};
    let r = CaseRecords::load_facts(case, &coregroup::store::agenda_files::load, true).unwrap();
    let status = case_status(&r.plan, &r.log, &r.agenda.policy, &r.cal, today);
    let screen = CaseScreen::new(r.current(), &r.log, status, Theme::new(ThemeName::Default));
    for (key, due, lwd) in in_yaml {
        let t = screen
            .status
            .timescales
            .iter()
            .find(|t| t.key == key)
            .unwrap_or_else(|| panic!("{key} is not on the case screen"));
        assert_eq!((t.due, t.latest_working_day), (Some(*due), *lwd), "{key}");
    }
}

/// A case whose meeting of 15 Oct went out on `first` (and again `again` days later), with or
/// without the plan's own record of an earlier circulation, and its status `later` days on.
fn history(plan_recorded: bool, first: u64, again: Option<u64>, later: u64) {
    check(&Story {
        plan_recorded,
        first,
        reissues: again.map(|n| (n, false)).into_iter().collect(),
        returned: Vec::new(),
        visits: Vec::new(),
        review: None,
        later,
    });
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
    // Issued after the day they were due out: the day said as gone, and this issue's own day.
    assert!(
        minutes.contains(
            "These minutes and the updated Child Protection Plan were due to be circulated by \
             **Thursday 22 October 2026** (5 working days after the meeting); this issue went out \
             on **Monday 7 December 2026**."
        ),
        "{minutes}"
    );
    versions_agree(&case, &config, "2026-12-08".parse().unwrap());
}

#[test]
fn a_re_issue_after_the_return_day_says_it_was_due_in_every_document() {
    // The plan records the minutes going out on 16 Oct, so the agreements were due back by
    // 23 Oct; the minutes go out again on 24 Nov and 1 Dec: no document of either issue asks
    // for them back by 23 Oct.
    history(true, 40, Some(7), 0);
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
    // Each case runs the program a dozen times: a few cases keep the test to seconds.
    #![proptest_config(ProptestConfig { cases: 6, ..ProptestConfig::default() })]

    #[test]
    fn every_document_gives_the_same_date_for_the_same_fact(story in story()) {
        check(&story);
    }
}

#[test]
fn minutes_sent_on_the_day_of_the_meeting_before_the_plan_s_own_record_are_one_version() {
    // The plan records the minutes going out on 16 Oct, the log on 15 Oct: the same first
    // version, which the minutes and `status` both list once.
    history(true, 0, None, 0);
}
