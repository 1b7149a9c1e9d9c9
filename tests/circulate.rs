//! `coregroup circulate`: each `.eml` parsed back, its attachments checked against whom it goes
//! to; letters for those without email; the circulation logged and seen by `status`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::NaiveDate;
use mail_parser::{MessageParser, MimeHeaders};

const CONFIDENTIAL: &str = "was seen near Ms Brennan";
const WITHHELD_ADDRESS: &str = "Larkspur Court";
const MEETING: &str = "2026-10-15";

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

fn example() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let case = dir.path().join("case");
    let (code, _, err) = coregroup(&["new", s(&case), "--example", "--today", "2026-11-24"]);
    assert_eq!(code, 0, "{err}");
    (dir, case)
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn circulate(case: &Path, day: &str) -> String {
    let (code, out, err) = coregroup(&["circulate", s(case), "--date", day]);
    assert_eq!(code, 0, "{err}");
    out
}

/// Circulate the minutes again on `day`, saying why.
fn reissue(case: &Path, day: &str, reason: &str) -> String {
    let (code, out, err) = coregroup(&["circulate", s(case), "--date", day, "--reason", reason]);
    assert_eq!(code, 0, "{err}");
    out
}

fn outbox(case: &Path) -> PathBuf {
    case.join("meetings").join(MEETING).join("outbox")
}

struct Sent {
    to: String,
    subject: String,
    note: String,
    attachments: Vec<(String, Vec<u8>)>,
}

fn read(path: &Path) -> Sent {
    let bytes = std::fs::read(path).unwrap();
    let m = MessageParser::default()
        .parse(&bytes)
        .expect("an RFC 5322 message");
    Sent {
        to: m
            .to()
            .and_then(|a| a.first())
            .and_then(|a| a.address())
            .unwrap()
            .to_string(),
        subject: m.subject().unwrap().to_string(),
        note: m.body_text(0).unwrap().into_owned(),
        attachments: m
            .attachments()
            .map(|a| {
                (
                    a.attachment_name().unwrap().to_string(),
                    a.contents().to_vec(),
                )
            })
            .collect(),
    }
}

fn names(sent: &Sent) -> BTreeSet<&str> {
    sent.attachments.iter().map(|(n, _)| n.as_str()).collect()
}

#[test]
fn each_member_gets_the_copy_meant_for_them() {
    let (_dir, case) = example();
    let out = circulate(&case, "2026-10-16");
    let meeting = case.join("meetings").join(MEETING);
    let plan = std::fs::read_to_string(case.join("plan.yaml")).unwrap();
    let professional = ["sw", "school", "hv", "gp", "police", "recovery"];
    for id in professional {
        let sent = read(&outbox(&case).join(format!("{id}.eml")));
        assert_eq!(sent.to, format!("{id}@example.org.uk"));
        // Each document once, in Word.
        assert_eq!(
            names(&sent),
            BTreeSet::from(["minutes.docx", "plan.docx", "next-meeting.ics"])
        );
        let minutes = &sent
            .attachments
            .iter()
            .find(|(n, _)| n == "minutes.docx")
            .unwrap()
            .1;
        assert_eq!(
            minutes,
            &std::fs::read(meeting.join("minutes.docx")).unwrap()
        );
        assert!(text("minutes.docx", minutes).contains(CONFIDENTIAL));
    }
    // The father: his family copy and the plan, nothing confidential, no withheld address.
    let dad = read(&outbox(&case).join("dad.eml"));
    assert_eq!(dad.to, "dean.walsh@example.com");
    assert_eq!(
        names(&dad),
        BTreeSet::from(["minutes-family.docx", "plan.docx"])
    );
    let professionals_minutes = std::fs::read(meeting.join("minutes.docx")).unwrap();
    for (name, bytes) in &dad.attachments {
        let text = text(name, bytes);
        assert_ne!(bytes, &professionals_minutes, "{name}");
        assert!(
            !text.contains(CONFIDENTIAL),
            "{name} carries the confidential note"
        );
        assert!(
            !text.contains(WITHHELD_ADDRESS),
            "{name} carries a withheld address"
        );
    }
    assert!(dad.note.contains("your copy"), "{}", dad.note);
    // Every message: marked, the case's reference, no child's name anywhere outside the copies.
    for entry in std::fs::read_dir(outbox(&case)).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "eml") {
            let sent = read(&path);
            // Marked as the copy it carries: private to a family member, official to the rest.
            let stem = path.file_stem().unwrap().to_string_lossy().to_string();
            let family = ["mum", "dad", "nan"].contains(&stem.as_str());
            let (marking, other) = if family {
                ("PRIVATE", "OFFICIAL")
            } else {
                ("OFFICIAL-SENSITIVE", "PRIVATE")
            };
            assert!(sent.subject.starts_with(marking), "{}", sent.subject);
            assert!(
                !sent.subject.contains(other) && !sent.note.contains(other),
                "{}: {}",
                sent.subject,
                sent.note
            );
            assert!(sent.subject.contains("EB-CP-2026-0417"), "{}", sent.subject);
            for child in ["Kayla", "Alfie"] {
                assert!(!sent.subject.contains(child) && !sent.note.contains(child));
            }
        }
    }
    // No email: a printable letter, never with a withheld address.
    for id in ["mum", "nan"] {
        assert!(!outbox(&case).join(format!("{id}.eml")).exists());
        let letter =
            std::fs::read_to_string(outbox(&case).join(format!("{id}-letter.html"))).unwrap();
        assert!(
            letter.contains("Your copy of the notes of the meeting") && letter.contains("PRIVATE")
        );
        // Each document once, by what it is, never by its file's name.
        assert_eq!(
            letter.matches("The plan: who is doing what").count(),
            1,
            "{letter}"
        );
        assert!(
            !letter.contains(".html") && !letter.contains(".docx"),
            "{letter}"
        );
        assert!(!letter.contains("OFFICIAL-SENSITIVE"), "{id}: {letter}");
        assert!(!letter.contains(WITHHELD_ADDRESS), "{id}");
        assert!(!letter.contains(CONFIDENTIAL), "{id}");
    }
    assert!(out.contains("By post or by hand (2)"), "{out}");
    assert!(!plan.is_empty());
}

#[test]
fn circulating_again_writes_the_same_bytes_and_logs_once() {
    let (_dir, case) = example();
    circulate(&case, "2026-10-16");
    let first: Vec<(PathBuf, Vec<u8>)> = std::fs::read_dir(outbox(&case))
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            let b = std::fs::read(&p).unwrap();
            (p, b)
        })
        .collect();
    circulate(&case, "2026-10-16");
    for (p, b) in &first {
        assert_eq!(&std::fs::read(p).unwrap(), b, "{}", p.display());
    }
    let log = std::fs::read_to_string(case.join("log.yaml")).unwrap();
    assert_eq!(log.matches("- circulated:").count(), 1, "{log}");
    assert!(log.contains(&format!("meeting: {MEETING}")));
}

/// Every file of the case folder and its bytes, but the caches in `.coregroup/`.
fn every_file(case: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut dirs = vec![case.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                if !p.ends_with(".coregroup") {
                    dirs.push(p);
                }
            } else {
                let b = std::fs::read(&p).unwrap();
                out.push((p, b));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn a_fresh_example_circulates_as_it_is_and_a_re_issue_without_its_reason_is_refused() {
    // The example as made on 7 Dec: its meeting of 28 Oct closed, its minutes not yet out.
    let dir = tempfile::tempdir().unwrap();
    let case = dir.path().join("case");
    let (code, _, err) = coregroup(&["new", s(&case), "--example", "--today", "2026-12-07"]);
    assert_eq!(code, 0, "{err}");
    let meeting = case.join("meetings").join("2026-10-28");
    assert!(says(&meeting, "minutes.md", DRAFT));
    // An officer circulates it as it is, with no reason to give.
    circulate(&case, "2026-12-07");
    assert!(says(
        &meeting,
        "minutes.md",
        "Final, version 1, circulated on Monday 7 December 2026"
    ));
    // Sent again the same day (a send that failed, tried again): the same issue, no reason.
    circulate(&case, "2026-12-07");
    // Another day without a reason: refused, naming the issue before it; nothing written.
    let before = every_file(&case);
    let (code, out, err) = coregroup(&["circulate", s(&case), "--date", "2026-12-09"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        err.contains("already went out on Mon 7 Dec 2026 (version 1)")
            && err.contains("is a re-issue")
            && err.contains("hint: say why they go out again with --reason \"…\""),
        "{err}"
    );
    let blank = coregroup(&[
        "circulate",
        s(&case),
        "--date",
        "2026-12-09",
        "--reason",
        " ",
    ]);
    assert_eq!(blank.0, 1, "a reason of blanks is none: {}", blank.1);
    assert!(
        before == every_file(&case),
        "a refused re-issue wrote something"
    );
    // With its reason it goes out as version 2, the reason in the log and the versions.
    reissue(
        &case,
        "2026-12-09",
        "The venue of the next meeting was wrong",
    );
    let log = std::fs::read_to_string(case.join("log.yaml")).unwrap();
    assert_eq!(log.matches("- circulated:").count(), 2, "{log}");
    assert!(says(
        &meeting,
        "minutes.md",
        "Final, version 2: re-issued on Wed 9 Dec 2026: The venue of the next meeting was wrong"
    ));
}

#[test]
fn circulating_is_what_status_counts_the_minutes_and_the_agreement_from() {
    let (_dir, case) = example();
    // The example's minutes are closed, not yet circulated: this is their first issue.
    circulate(&case, "2026-10-21");
    let (_, out, _) = coregroup(&[
        "status",
        s(&case),
        "--format",
        "yaml",
        "--today",
        "2026-11-24",
    ]);
    let v: yaml_serde::Value = yaml_serde::from_str(&out).unwrap();
    let t = |key: &str| {
        v["timescales"]
            .as_sequence()
            .unwrap()
            .iter()
            .find(|t| t["key"].as_str() == Some(key))
            .unwrap()
            .clone()
    };
    assert_eq!(t("minutes-circulated")["state"].as_str(), Some("met"));
    assert!(
        t("minutes-circulated")["detail"]
            .as_str()
            .unwrap()
            .contains("done Wed 21 Oct 2026")
    );
    assert_eq!(t("agreement-returned")["due"].as_str(), Some("2026-10-28"));
}

#[test]
fn a_copy_left_by_hand_goes_and_a_member_who_left_gets_nothing() {
    let (_dir, case) = example();
    let meeting = case.join("meetings").join(MEETING);
    // The documents are written again from the record before they go out: a file put in the
    // folder by hand is never sent in place of the copy the record makes.
    std::fs::write(
        meeting.join("minutes-family-dad.html"),
        "<p>Dean's own copy</p>",
    )
    .unwrap();
    circulate(&case, "2026-10-16");
    let own = std::fs::read_to_string(meeting.join("minutes-family-dad.html")).unwrap();
    assert!(!own.contains("Dean's own copy"), "{own}");
    let dad = read(&outbox(&case).join("dad.eml"));
    assert_eq!(
        names(&dad),
        BTreeSet::from(["minutes-family.docx", "plan.docx"])
    );
    assert!(
        dad.attachments[0].1 == std::fs::read(meeting.join("minutes-family-dad.docx")).unwrap(),
        "the record's own copy goes"
    );
    let nan = std::fs::read_to_string(outbox(&case).join("nan-letter.html")).unwrap();
    assert!(
        nan.contains("Your copy of the notes of the meeting"),
        "{nan}"
    );

    let (code, _, err) = coregroup(&[
        "log",
        s(&case),
        "member-leaves",
        "school",
        "--date",
        "2026-10-20",
        "--today",
        "2026-11-24",
    ]);
    assert_eq!(code, 0, "{err}");
    reissue(&case, "2026-10-21", "The school left the core group");
    assert!(
        !outbox(&case).join("school.eml").exists(),
        "left before: not sent, stale one gone"
    );
    assert!(outbox(&case).join("gp.eml").exists());
}

#[test]
fn a_family_member_with_a_copy_of_their_own_gets_it_under_the_family_s_name() {
    let (_dir, case) = example();
    let meeting = case.join("meetings").join(MEETING);
    // Something kept from the mother only: it is in every family member's own copy but hers.
    let path = meeting.join("minutes.yaml");
    let mut file: coregroup::store::meeting_files::MinutesFile =
        coregroup::store::yaml::load(&path).unwrap();
    file.meeting.family_views.views = "Dean has found work KEPTFROMMUM.".into();
    file.meeting.family_views.privacy.not_for = vec!["mum".into()];
    coregroup::store::case::write_yaml(&path, &file).unwrap();
    let (code, _, err) = coregroup(&["export", s(&case), "--meeting", MEETING]);
    assert_eq!(code, 0, "{err}");
    let out = circulate(&case, "2026-10-16");
    let dad = read(&outbox(&case).join("dad.eml"));
    // Their own copy, attached under a name that holds no id the case knows them by.
    assert_eq!(
        names(&dad),
        BTreeSet::from(["minutes-family.docx", "plan.docx"])
    );
    assert!(
        dad.attachments[0].1 == std::fs::read(meeting.join("minutes-family-dad.docx")).unwrap()
    );
    assert!(dad.attachments[1].1 == std::fs::read(meeting.join("plan-dad.docx")).unwrap());
    // The mother has no email: whoever posts it is told to enclose her own copy, and her letter
    // lists it by what it is.
    let to_post = &out[out.find("mum-letter.html").unwrap()..];
    let to_post = to_post.lines().nth(1).unwrap_or_default();
    assert!(
        to_post.contains("minutes-family-mum.docx, plan-mum.docx")
            && !to_post.contains("minutes-family.")
            && !to_post.contains("plan."),
        "{out}"
    );
    let mum = std::fs::read_to_string(outbox(&case).join("mum-letter.html")).unwrap();
    assert!(
        mum.contains("Your copy of the notes of the meeting"),
        "{mum}"
    );
    let own = |who: &str| {
        std::fs::read_to_string(meeting.join(format!("minutes-family-{who}.html"))).unwrap()
    };
    assert!(own("dad").contains("KEPTFROMMUM"));
    assert!(!own("mum").contains("KEPTFROMMUM"));
}

#[test]
fn a_missing_copy_is_written_again_and_a_missing_meeting_or_record_is_a_clear_error() {
    let (_dir, case) = example();
    let (code, _, err) = coregroup(&["circulate", s(&case), "--meeting", "2026-01-01"]);
    assert_eq!(code, 1);
    assert!(err.contains(MEETING) && err.contains("hint"), "{err}");
    let meeting = case.join("meetings").join(MEETING);
    std::fs::write(meeting.join("minutes.yaml"), "meeting: [not a record\n").unwrap();
    let (code, _, err) = coregroup(&["circulate", s(&case)]);
    assert_eq!(code, 1);
    assert!(err.contains("minutes.yaml:1:"), "{err}");
    assert!(!case.join("log.yaml").exists(), "nothing logged");
    assert!(!outbox(&case).exists(), "nothing written to send");

    // A copy missing from a sound meeting folder is made again from the record and sent.
    let (_dir, case) = example();
    let meeting = case.join("meetings").join(MEETING);
    std::fs::remove_file(meeting.join("minutes-family.html")).unwrap();
    std::fs::remove_file(meeting.join("minutes-family.docx")).unwrap();
    circulate(&case, "2026-10-16");
    let dad = read(&outbox(&case).join("dad.eml"));
    assert!(names(&dad).contains("minutes-family.docx"));
    assert!(meeting.join("minutes-family.html").is_file());
    assert!(meeting.join("minutes-family.docx").is_file());
}

const DRAFT: &str = "Draft, version 1: not yet circulated";
const FIRST: &str = "Final, version 1, circulated on Friday 16 October 2026";
const FIRST_PLAIN: &str = "Final, version 1, sent out on Friday 16 October 2026";
const SECOND: &str = "Final, version 2, re-issued on Wednesday 21 October 2026";
const SECOND_PLAIN: &str = "Final, version 2, sent out on Wednesday 21 October 2026";

/// The text of a file as a reader sees it: a Word file's paragraphs, else the file itself.
fn text(name: &str, bytes: &[u8]) -> String {
    if !name.ends_with(".docx") {
        return String::from_utf8_lossy(bytes).into_owned();
    }
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml
}

fn says(meeting: &Path, name: &str, line: &str) -> bool {
    text(name, &std::fs::read(meeting.join(name)).unwrap()).contains(line)
}

#[test]
fn circulated_minutes_say_final_with_the_day_and_a_later_circulation_raises_the_version() {
    let (_dir, case) = example();
    // The example's minutes are a draft until circulated (the documents follow the record:
    // `export` writes them again).
    let (code, _, err) = coregroup(&["export", s(&case)]);
    assert_eq!(code, 0, "{err}");
    let meeting = case.join("meetings").join(MEETING);
    let minutes = ["minutes.md", "minutes.html", "minutes.docx"];
    let family = [
        "minutes-family.md",
        "minutes-family.html",
        "minutes-family.docx",
    ];
    for name in minutes {
        assert!(says(&meeting, name, DRAFT), "{name} before circulating");
    }
    circulate(&case, "2026-10-16");
    for name in minutes {
        assert!(says(&meeting, name, FIRST), "{name}");
        assert!(!says(&meeting, name, DRAFT), "{name}");
    }
    for name in family {
        assert!(says(&meeting, name, FIRST_PLAIN), "{name}");
    }
    // What is attached says so too: the professionals' minutes and the family's copy.
    let sw = read(&outbox(&case).join("sw.eml"));
    for (name, bytes) in sw
        .attachments
        .iter()
        .filter(|(n, _)| n.starts_with("minutes"))
    {
        assert!(text(name, bytes).contains(FIRST), "sw: {name}");
    }
    let dad = read(&outbox(&case).join("dad.eml"));
    let copies: Vec<_> = dad
        .attachments
        .iter()
        .filter(|(n, _)| n.starts_with("minutes-family"))
        .collect();
    assert_eq!(copies.len(), 1);
    for (name, bytes) in copies {
        assert!(text(name, bytes).contains(FIRST_PLAIN), "dad: {name}");
    }

    // `export` writes them as the log says: the same bytes again.
    let before: Vec<Vec<u8>> = minutes
        .iter()
        .chain(&family)
        .map(|n| std::fs::read(meeting.join(n)).unwrap())
        .collect();
    let (code, _, err) = coregroup(&["export", s(&case)]);
    assert_eq!(code, 0, "{err}");
    let after: Vec<Vec<u8>> = minutes
        .iter()
        .chain(&family)
        .map(|n| std::fs::read(meeting.join(n)).unwrap())
        .collect();
    assert!(before == after, "export changed the circulated documents");

    reissue(
        &case,
        "2026-10-21",
        "The date of the next meeting was wrong",
    );
    for name in minutes {
        assert!(says(&meeting, name, SECOND), "{name}");
    }
    for name in family {
        assert!(says(&meeting, name, SECOND_PLAIN), "{name}");
    }
    let sw = read(&outbox(&case).join("sw.eml"));
    let (name, bytes) = sw
        .attachments
        .iter()
        .find(|(n, _)| n == "minutes.docx")
        .unwrap();
    assert!(text(name, bytes).contains(SECOND));
}

#[test]
fn a_circulation_logged_by_hand_makes_the_exported_minutes_final() {
    let (_dir, case) = example();
    let (code, _, err) = coregroup(&[
        "log",
        s(&case),
        "circulated",
        "--meeting",
        MEETING,
        "--date",
        "2026-10-16",
        "--today",
        "2026-11-24",
    ]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = coregroup(&["export", s(&case)]);
    assert_eq!(code, 0, "{err}");
    let meeting = case.join("meetings").join(MEETING);
    assert!(says(&meeting, "minutes.html", FIRST));
    assert!(says(&meeting, "minutes-family.docx", FIRST_PLAIN));
}

#[test]
fn a_case_reference_holding_the_family_name_is_warned_of_and_left_out_of_subjects_and_calendars() {
    let (_dir, case) = example();
    let plan = case.join("plan.yaml");
    let yaml = std::fs::read_to_string(&plan).unwrap();
    assert!(yaml.contains("EB-CP-2026-0417"));
    std::fs::write(&plan, yaml.replace("EB-CP-2026-0417", "EB-CP-Brennan-0417")).unwrap();
    let (code, out, err) = coregroup(&["check", s(&case)]);
    let said = format!("{out}{err}");
    assert_eq!(code, 0, "a warning, not an error: {said}");
    assert!(said.contains("case.reference"), "{said}");
    assert!(said.contains("EB-CP-…-0417"), "{said}");
    circulate(&case, "2026-10-16");
    let mut emails = 0;
    for entry in std::fs::read_dir(outbox(&case)).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "eml") {
            continue;
        }
        emails += 1;
        let sent = read(&path);
        assert!(sent.subject.contains("EB-CP-…-0417"), "{}", sent.subject);
        assert!(!sent.subject.contains("Brennan"), "{}", sent.subject);
        for (name, bytes) in &sent.attachments {
            if name.ends_with(".ics") {
                let ics = String::from_utf8_lossy(bytes).replace("\r\n ", "");
                assert!(!ics.contains("Brennan"), "{ics}");
            }
        }
    }
    assert!(emails > 3);
}

#[test]
fn ids_that_would_share_a_file_name_are_refused_with_the_field() {
    let (_dir, case) = example();
    let plan = case.join("plan.yaml");
    let yaml = std::fs::read_to_string(&plan).unwrap();
    // The grandmother's id made to differ from the father's only by punctuation.
    let edited = yaml
        .replace("id: dad\n", "id: dad.w\n")
        .replace("id: nan\n", "id: dad-w\n")
        .replace("owner: dad\n", "owner: dad.w\n")
        .replace("owner: nan\n", "owner: dad-w\n");
    assert_ne!(edited, yaml);
    std::fs::write(&plan, edited).unwrap();
    let (code, out, err) = coregroup(&["check", s(&case)]);
    let said = format!("{out}{err}");
    assert_ne!(code, 0, "{said}");
    assert!(said.contains("members[") && said.contains("].id"), "{said}");
    assert!(
        said.contains("`dad-w`") && said.contains("`dad.w`"),
        "{said}"
    );
    assert!(said.contains("hint:"), "{said}");
}

/// The text of XML: its markup left out.
fn words_of(xml: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in xml.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// The words of a name or a text, split at anything not a letter or digit.
fn tokens(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(str::to_lowercase)
        .collect()
}

#[test]
fn every_message_carries_each_document_once_named_without_an_id_and_opens_as_a_draft() {
    let (_dir, case) = example();
    let meeting = case.join("meetings").join(MEETING);
    // Something kept from the mother: the father gets a copy of his own, which is where an id
    // would find its way into a name.
    let path = meeting.join("minutes.yaml");
    let mut file: coregroup::store::meeting_files::MinutesFile =
        coregroup::store::yaml::load(&path).unwrap();
    file.meeting.family_views.privacy.not_for = vec!["mum".into()];
    coregroup::store::case::write_yaml(&path, &file).unwrap();
    let (code, _, err) = coregroup(&["export", s(&case), "--meeting", MEETING]);
    assert_eq!(code, 0, "{err}");
    circulate(&case, "2026-10-16");
    assert!(meeting.join("minutes-family-dad.docx").exists());

    let plan = coregroup::domain::example::plan(NaiveDate::from_ymd_opt(2026, 11, 24).unwrap());
    let ids: Vec<String> = plan
        .members
        .iter()
        .map(|m| m.id.clone())
        .chain(plan.outcomes.iter().map(|o| o.id.clone()))
        .chain(plan.actions.iter().map(|a| a.id.clone()))
        .chain(plan.children.iter().map(|c| c.id.clone()))
        .map(|id| id.to_lowercase())
        .collect();
    let code = |t: &str| {
        let mut c = t.chars();
        matches!(c.next(), Some('o' | 'a' | 'm')) && c.as_str().parse::<u32>().is_ok()
    };
    let mut checked = 0;
    for entry in std::fs::read_dir(outbox(&case)).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "eml") {
            continue;
        }
        checked += 1;
        let raw = std::fs::read(&path).unwrap();
        let m = MessageParser::default().parse(&raw).unwrap();
        let who = path.display().to_string();
        // Outlook opens a message marked unsent as a draft to send.
        assert_eq!(m.header_raw("X-Unsent").map(str::trim), Some("1"), "{who}");
        // The note is plain text, the message's first part, and the only text.
        assert_eq!(m.text_body.len(), 1, "{who}");
        assert!(
            !String::from_utf8_lossy(&raw).contains("text/html"),
            "{who}: no HTML body or attachment"
        );
        let note = m.body_text(0).unwrap();
        assert!(
            note.contains("The next meeting is on Thursday 26 November 2026 at 10:00."),
            "{who}: {note}"
        );
        // Each document once: no name, no content and no kind of document twice.
        let sent: Vec<(String, Vec<u8>)> = m
            .attachments()
            .map(|a| {
                (
                    a.attachment_name().unwrap().to_string(),
                    a.contents().to_vec(),
                )
            })
            .collect();
        assert!(!sent.is_empty(), "{who}");
        for (i, (name, bytes)) in sent.iter().enumerate() {
            for (other, other_bytes) in &sent[i + 1..] {
                assert_ne!(name, other, "{who}");
                assert_ne!(bytes, other_bytes, "{who}: {name} and {other}");
                assert_ne!(
                    coregroup::export::circulation::enclosure_title(name),
                    coregroup::export::circulation::enclosure_title(other),
                    "{who}: {name} and {other} are the same document"
                );
            }
            for t in tokens(name) {
                assert!(
                    !ids.contains(&t) && !code(&t),
                    "{who}: {name} holds the id or code {t}"
                );
            }
        }
        for t in tokens(&note) {
            assert!(!code(&t), "{who}: the note holds the code {t}: {note}");
        }
        // What a family member reads names outcomes and actions in words, never by code.
        if path.file_stem().is_some_and(|s| s == "dad") {
            for (name, bytes) in &sent {
                let words = words_of(&text(name, bytes));
                for t in tokens(&words) {
                    assert!(!code(&t), "{who}: {name} holds the code {t}");
                }
            }
        }
    }
    assert!(checked >= 7, "{checked}");
}

/// Every part of a Word file parsed as XML: each element closed in order, one root, nothing
/// after it; the package read back by docx-rs's own reader.
/// Gives the properties part and the body.
fn word_file_reads_back(who: &str, name: &str, bytes: &[u8]) -> (String, String) {
    use std::io::Read;
    docx_rs::read_docx(bytes).unwrap_or_else(|e| panic!("{who}: {name}: {e:?}"));
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let (mut core, mut body) = (String::new(), String::new());
    let mut parts = Vec::new();
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let part = entry.name().to_string();
        let mut xml = String::new();
        entry.read_to_string(&mut xml).unwrap();
        if part.ends_with('/') {
            continue;
        }
        assert!(
            part.ends_with(".xml") || part.ends_with(".rels"),
            "{who}: {name}: {part}"
        );
        let mut reader = docx_rs::EventReader::new(xml.as_bytes());
        let (mut depth, mut roots) = (0usize, 0);
        loop {
            match reader.next_event() {
                Ok(docx_rs::XmlEvent::StartElement { .. }) => {
                    if depth == 0 {
                        roots += 1;
                    }
                    depth += 1;
                }
                Ok(docx_rs::XmlEvent::EndElement { .. }) => depth -= 1,
                Ok(docx_rs::XmlEvent::EndDocument) => break,
                Ok(_) => {}
                Err(e) => panic!("{who}: {name}: {part}: {e}"),
            }
        }
        assert_eq!((depth, roots), (0, 1), "{who}: {name}: {part}");
        match part.as_str() {
            "docProps/core.xml" => core = xml,
            "word/document.xml" => body = xml,
            _ => {}
        }
        parts.push(part);
    }
    for wanted in [
        "[Content_Types].xml",
        "_rels/.rels",
        "word/document.xml",
        "word/styles.xml",
        "word/header1.xml",
        "word/footer1.xml",
        "docProps/core.xml",
    ] {
        assert!(
            parts.iter().any(|p| p == wanted),
            "{who}: {name}: {parts:?}"
        );
    }
    (core, body)
}

#[test]
fn every_word_file_of_the_pack_reads_back_part_by_part_and_says_what_it_is() {
    let (_dir, case) = example();
    circulate(&case, "2026-10-16");
    let plan = coregroup::domain::example::plan(NaiveDate::from_ymd_opt(2026, 11, 24).unwrap());
    let mut word = 0;
    for entry in std::fs::read_dir(outbox(&case)).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "eml") {
            continue;
        }
        let who = path.display().to_string();
        for (name, bytes) in read(&path).attachments {
            if !name.ends_with(".docx") {
                continue;
            }
            word += 1;
            let (core, body) = word_file_reads_back(&who, &name, &bytes);
            let value = |tag: &str| {
                let open = format!("<{tag}");
                let at = core.find(&open).unwrap_or_else(|| panic!("{name}: {tag}"));
                let from = at + core[at..].find('>').unwrap() + 1;
                let to = from + core[from..].find('<').unwrap();
                core[from..to].to_string()
            };
            // The title Word shows is the document's own, in its Title paragraph.
            let title = value("dc:title");
            let shown = &body[body.find("w:val=\"Title\"").unwrap()..];
            let shown = &shown[shown.find("<w:t ").unwrap()..];
            let shown = &shown[shown.find('>').unwrap() + 1..shown.find("</w:t>").unwrap()];
            assert!(!title.is_empty(), "{who}: {name}");
            assert_eq!(title, shown, "{who}: {name}");
            assert_eq!(
                value("dc:creator").replace("&apos;", "'"),
                plan.case.local_authority,
                "{who}: {name}"
            );
            assert_eq!(value("dcterms:created"), format!("{MEETING}T00:00:00Z"));
            assert_eq!(value("dc:language"), "en-GB");
        }
    }
    // Minutes and plan to six professionals, the family copy and the plan to the father.
    assert_eq!(word, 14);
}

#[test]
fn the_council_s_letterhead_image_heads_each_letter_and_a_bad_one_is_said_and_left_out() {
    let (dir, case) = example();
    let config = dir.path().join("config");
    std::fs::create_dir_all(&config).unwrap();
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let settings = std::fs::read_to_string(example.join("council.yaml"))
        .unwrap()
        .replace("# letterhead_image:", "letterhead_image:");
    std::fs::write(config.join("council.yaml"), settings).unwrap();
    let png = std::fs::read(example.join("letterhead.png")).unwrap();
    std::fs::write(config.join("letterhead.png"), &png).unwrap();
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_coregroup"))
            .args(args)
            .env("COREGROUP_CONFIG_DIR", &config)
            .output()
            .unwrap();
        let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
        (out.status.code(), text(&out.stdout), text(&out.stderr))
    };
    let letters = || {
        let mut pages = Vec::new();
        for e in std::fs::read_dir(outbox(&case)).unwrap() {
            let p = e.unwrap().path();
            if p.to_string_lossy().ends_with("-letter.html") {
                pages.push(std::fs::read_to_string(p).unwrap());
            }
        }
        assert!(!pages.is_empty(), "the example has members to write to");
        pages
    };

    let (code, out, err) = run(&["check", s(&config.join("council.yaml"))]);
    assert_eq!(code, Some(0), "{out}{err}");
    let (code, out, err) = run(&["circulate", s(&case), "--date", "2026-10-16"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(!out.contains("Not as the council's settings ask"), "{out}");
    for page in letters() {
        assert!(page.contains("<img src=\"data:image/png;base64,"), "{page}");
    }

    // A GIF named .png: `check` refuses it by its field; a circulation goes without it, and says so.
    std::fs::write(config.join("letterhead.png"), b"GIF89a\x01\x00\x01\x00").unwrap();
    let (code, out, err) = run(&["check", s(&config.join("council.yaml"))]);
    assert_eq!(code, Some(1), "{out}");
    let said = format!("{out}{err}");
    assert!(
        said.contains("letterhead_image: \"letterhead.png\"")
            && said.contains("not a PNG or JPEG")
            && said.contains("hint:"),
        "{said}"
    );
    let (code, out, err) = run(&["circulate", s(&case), "--date", "2026-10-16"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        out.contains(
            "Not as the council's settings ask:\n  the letters go without the letterhead image"
        ),
        "{out}"
    );
    for page in letters() {
        assert!(!page.contains("<img"), "{page}");
    }
}

/// The agreement pages a document holds, by whose they are ("Your written agreement: <name>").
fn agreement_pages(text: &str) -> Vec<&str> {
    const PAGE: &str = "Your written agreement: ";
    text.match_indices(PAGE)
        .map(|(at, _)| {
            let name = &text[at + PAGE.len()..];
            let end = name
                .find(|c: char| !(c.is_alphanumeric() || c == ' '))
                .unwrap_or(name.len());
            name[..end].trim_end()
        })
        .collect()
}

/// Two parents by email, a grandmother by post: each family member's copy and plan, in every
/// format made and as attached, end with their own agreement page and no one else's.
#[test]
fn each_parent_s_copy_and_plan_end_with_their_own_agreement_page_only() {
    let (_dir, case) = example();
    let plan = case.join("plan.yaml");
    let yaml = std::fs::read_to_string(&plan).unwrap();
    let with_email = yaml.replace(
        "  name: Shauna Brennan\n",
        "  name: Shauna Brennan\n  email: shauna.brennan@example.com\n",
    );
    assert_ne!(yaml, with_email);
    std::fs::write(&plan, with_email).unwrap();
    let out = circulate(&case, "2026-10-16");
    let family = [
        ("mum", "Shauna Brennan"),
        ("dad", "Dean Walsh"),
        ("nan", "Maureen Brennan"),
    ];
    for (id, name) in &family[..2] {
        let sent = read(&outbox(&case).join(format!("{id}.eml")));
        // Under names that hold no id: the family's copy and the plan, each once.
        assert_eq!(
            names(&sent),
            BTreeSet::from(["minutes-family.docx", "plan.docx"]),
            "{id}"
        );
        for (attached, bytes) in &sent.attachments {
            assert_eq!(
                agreement_pages(&text(attached, bytes)),
                [*name],
                "{id}'s {attached}"
            );
        }
    }
    // On disk, in every format made: each member's own files, and the grandmother's letter
    // encloses hers.
    let meeting = case.join("meetings").join(MEETING);
    for (id, name) in family {
        for file in [format!("minutes-family-{id}"), format!("plan-{id}")] {
            for ext in ["md", "html", "docx"] {
                let file = format!("{file}.{ext}");
                let bytes =
                    std::fs::read(meeting.join(&file)).unwrap_or_else(|e| panic!("{file}: {e}"));
                assert_eq!(agreement_pages(&text(&file, &bytes)), [name], "{file}");
            }
        }
    }
    assert!(
        out.contains("nan-letter.html\n    enclose minutes-family-nan.docx, plan-nan.docx"),
        "{out}"
    );
    // A professional's plan holds no family member's page: each has theirs in their own.
    let school = read(&outbox(&case).join("school.eml"));
    for (attached, bytes) in &school.attachments {
        assert!(
            agreement_pages(&text(attached, bytes)).is_empty(),
            "school's {attached}"
        );
    }
}
