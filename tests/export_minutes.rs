//! What the minutes hold besides the meeting's own sections: when it started and ended and the
//! time each item took, who took the minutes, which issue they are, the written agreement page,
//! when the children were last seen, and the next review conference.

use chrono::{NaiveDate, NaiveTime};

use coregroup::agenda::AgendaSnapshot;
use coregroup::domain::calendar::{Calendar, Division};
use coregroup::domain::example;
use coregroup::domain::meeting::{Meeting, StepTime};
use coregroup::domain::plan::{KeyVisit, Plan};
use coregroup::domain::reader::{Reader, view};
use coregroup::export::document::{Block, Document, Inline, Issue, Section};
use coregroup::export::{Record, minutes};

mod common;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
}

fn render(m: &Meeting, plan: &Plan, issue: Issue) -> Document {
    let agenda = AgendaSnapshot::of(&common::agenda());
    let calendar = Calendar::new(Division::EnglandAndWales);
    let v = view(m, plan, plan, Reader::CaseFile).unwrap();
    minutes::minutes_issued(Record::of(&v, &agenda, &calendar), issue)
}

fn section<'a>(doc: &'a Document, heading: &str) -> &'a Section {
    doc.sections
        .iter()
        .find(|s| s.heading == heading)
        .unwrap_or_else(|| panic!("no section {heading}"))
}

fn field(s: &Section, label: &str) -> String {
    s.blocks
        .iter()
        .find_map(|b| match b {
            Block::Fields(f) => f.iter().find(|(l, _)| l == label).map(|(_, v)| v.plain()),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no field {label}"))
}

#[test]
fn the_minutes_say_when_the_meeting_started_and_ended_and_who_took_them() {
    let plan = example::plan(today());
    let mut m = example::past_meeting(today());
    let held = m.details.date.unwrap();
    m.ended = Some(held.and_time(NaiveTime::from_hms_opt(11, 25, 0).unwrap()));
    let doc = render(&m, &plan, Issue::FIRST_DRAFT);
    let details = section(&doc, "Meeting details");
    assert_eq!(field(details, "Started"), "10:00");
    assert_eq!(field(details, "Ended"), "11:25");
    assert!(field(details, "Minutes taken by").starts_with("Rachel Ives"));

    // Closed after midnight: the day is said too.
    m.ended = Some(
        held.succ_opt()
            .unwrap()
            .and_time(NaiveTime::from_hms_opt(0, 10, 0).unwrap()),
    );
    let doc = render(&m, &plan, Issue::FIRST_DRAFT);
    assert_eq!(
        field(section(&doc, "Meeting details"), "Ended"),
        format!(
            "00:10 on {}",
            held.succ_opt().unwrap().format("%A %-d %B %Y")
        )
    );
}

#[test]
fn the_time_spent_on_each_item_is_shown_against_its_time_box() {
    let plan = example::plan(today());
    let mut m = example::past_meeting(today());
    m.step_times = vec![
        StepTime {
            step: "introductions".into(),
            seconds: 250,
        },
        StepTime {
            step: "agency-progress".into(),
            seconds: 1500,
        },
        StepTime {
            step: "introductions".into(),
            seconds: 60,
        },
    ];
    let doc = render(&m, &plan, Issue::FIRST_DRAFT);
    let s = section(&doc, "Time spent on each item");
    let Block::Table(t) = &s.blocks[0] else {
        panic!("a table")
    };
    let rows: Vec<Vec<String>> = t
        .rows
        .iter()
        .map(|r| r.iter().map(Inline::plain).collect())
        .collect();
    let intro = rows.iter().find(|r| r[0] == "Introductions").unwrap();
    assert_eq!(intro[1..], ["5 min".to_string(), "5 min".to_string()]);
    let progress = rows
        .iter()
        .find(|r| r[0] == "Progress of the plan")
        .unwrap();
    assert_eq!(progress[2], "25 min");
    let total = rows.last().unwrap();
    assert_eq!(total[0], "Total");
    assert_eq!(total[2], "30 min");
}

#[test]
fn no_item_timed_no_table_of_time_in_any_format() {
    let plan = example::plan(today());
    for times in [
        Vec::new(),
        // Steps passed through but never timed: nothing to show either.
        vec![
            StepTime {
                step: "introductions".into(),
                seconds: 0,
            },
            StepTime {
                step: "agency-progress".into(),
                seconds: 0,
            },
        ],
    ] {
        let mut m = example::past_meeting(today());
        m.step_times = times;
        let files = coregroup::export::render_files(
            coregroup::export::Case::at_close(&m, &plan),
            &AgendaSnapshot::of(&common::agenda()),
            &Calendar::new(Division::EnglandAndWales),
            Issue::FIRST_DRAFT,
        )
        .unwrap();
        for f in &files {
            let text = if f.name.ends_with(".docx") {
                use std::io::Read;
                let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&f.bytes)).unwrap();
                let mut xml = String::new();
                zip.by_name("word/document.xml")
                    .unwrap()
                    .read_to_string(&mut xml)
                    .unwrap();
                xml
            } else {
                String::from_utf8_lossy(&f.bytes).into_owned()
            };
            assert!(
                !text.contains("Time spent") && !text.contains("Time box"),
                "{}",
                f.name
            );
        }
    }
}

#[test]
fn the_minutes_say_which_issue_they_are() {
    let plan = example::plan(today());
    let m = example::past_meeting(today());
    let draft = render(&m, &plan, Issue::FIRST_DRAFT);
    let lines: Vec<String> = draft.subtitle.iter().map(Inline::plain).collect();
    assert!(lines.contains(&"Draft, version 1: not yet circulated".to_string()));
    let circulated = Issue::circulated_on(&[NaiveDate::from_ymd_opt(2026, 10, 20).unwrap()]);
    let final_ = render(&m, &plan, circulated);
    let lines: Vec<String> = final_.subtitle.iter().map(Inline::plain).collect();
    assert!(
        lines.contains(&"Final, version 1, circulated on Tuesday 20 October 2026".to_string()),
        "{lines:?}"
    );
}

#[test]
fn the_written_agreement_lists_what_each_member_agreed_with_room_to_sign() {
    let plan = example::plan(today());
    let m = example::past_meeting(today());
    let doc = render(&m, &plan, Issue::FIRST_DRAFT);
    let s = section(&doc, "Written agreement");
    assert!(s.new_page, "it is a page of its own, to sign and send back");
    assert!(!s.confidential);
    let signatures: Vec<_> = s
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Signature(sign) => Some(sign),
            _ => None,
        })
        .collect();
    assert_eq!(signatures.len(), plan.members.len());
    for (sign, member) in signatures.iter().zip(&plan.members) {
        assert!(sign.who.starts_with(&member.name));
        assert!(sign.lines.iter().any(|l| l == "Signed"));
        assert!(sign.lines.iter().any(|l| l == "Date"));
        // Each member's own open actions are listed under their name, and nobody else's.
        let theirs: Vec<_> = plan
            .actions
            .iter()
            .filter(|a| a.status.is_open() && a.owner.as_deref() == Some(member.id.as_str()))
            .collect();
        let listed: Vec<String> = sign.agreed.iter().map(Inline::plain).collect();
        if theirs.is_empty() {
            assert_eq!(listed.len(), 1);
            assert!(listed[0].starts_with("No action of their own"));
        } else {
            assert_eq!(listed.len(), theirs.len(), "{}", member.name);
        }
        for a in theirs {
            assert!(
                listed.iter().any(|l| l.contains(a.what.trim())),
                "{}: {}",
                member.name,
                a.what
            );
        }
    }
}

#[test]
fn the_minutes_say_when_the_children_were_last_seen_and_the_next_review_conference() {
    let mut plan = example::plan(today());
    let m = example::past_meeting(today());
    let held = m.details.date.unwrap();
    plan.key_dates.visits = vec![
        KeyVisit {
            date: held - chrono::Days::new(20),
            seen_alone: true,
            children: Vec::new(),
            by: None,
            each: Vec::new(),
        },
        KeyVisit {
            date: held - chrono::Days::new(6),
            seen_alone: false,
            children: Vec::new(),
            by: None,
            each: Vec::new(),
        },
        // After the meeting: not what the meeting knew.
        KeyVisit {
            date: held + chrono::Days::new(3),
            seen_alone: true,
            children: Vec::new(),
            by: None,
            each: Vec::new(),
        },
    ];
    plan.key_dates.next_review_conference = NaiveDate::from_ymd_opt(2027, 1, 7);
    let doc = render(&m, &plan, Issue::FIRST_DRAFT);
    let details = section(&doc, "Meeting details");
    let long = |d: NaiveDate| d.format("%A %-d %B %Y").to_string();
    assert_eq!(
        field(details, "The children last seen"),
        long(held - chrono::Days::new(6))
    );
    assert_eq!(
        field(details, "The children last seen alone"),
        long(held - chrono::Days::new(20))
    );
    assert_eq!(
        field(section(&doc, "Next meeting"), "Next review conference"),
        "Thursday 7 January 2027"
    );
}

#[test]
fn the_minutes_say_when_each_child_was_last_seen_when_their_visits_differ() {
    let mut plan = example::plan(today());
    let m = example::past_meeting(today());
    let held = m.details.date.unwrap();
    let kayla = plan.children[0].clone();
    let alfie = plan.children[1].clone();
    plan.key_dates.visits = vec![
        KeyVisit {
            date: held - chrono::Days::new(20),
            seen_alone: true,
            children: Vec::new(),
            by: None,
            each: Vec::new(),
        },
        KeyVisit {
            date: held - chrono::Days::new(6),
            seen_alone: false,
            children: vec![kayla.id.clone()],
            by: None,
            each: Vec::new(),
        },
    ];
    let doc = render(&m, &plan, Issue::FIRST_DRAFT);
    let details = section(&doc, "Meeting details");
    let long = |d: NaiveDate| d.format("%A %-d %B %Y").to_string();
    assert_eq!(
        field(details, &format!("{} last seen", kayla.name)),
        long(held - chrono::Days::new(6))
    );
    assert_eq!(
        field(details, &format!("{} last seen", alfie.name)),
        long(held - chrono::Days::new(20))
    );
    assert_eq!(
        field(details, &format!("{} last seen alone", alfie.name)),
        long(held - chrono::Days::new(20))
    );
}

/// The family's copy says everyone scored each goal only when every goal has a score.
#[test]
fn the_family_copy_never_says_everyone_scored_above_a_goal_without_a_score() {
    let plan = example::plan(today());
    let mut m = example::past_meeting(today());
    let first = m.outcome_progress[0].outcome.clone();
    m.outcome_progress.retain(|p| p.outcome == first);
    let agenda = AgendaSnapshot::of(&common::agenda());
    let calendar = Calendar::new(Division::EnglandAndWales);
    let v = view(&m, &plan, &plan, Reader::EveryFamilyMember).unwrap();
    let doc = coregroup::export::family::family_minutes(Record::of(&v, &agenda, &calendar));
    let text: String = doc
        .sections
        .iter()
        .flat_map(|s| &s.blocks)
        .map(|b| format!("{b:?}"))
        .collect();
    assert!(text.contains("no score given"), "{text}");
    assert!(!text.contains("Everyone gave a score"), "{text}");
    assert!(
        text.contains(&format!(
            "A score was given for 1 of the {} goals",
            plan.outcomes.len()
        )),
        "{text}"
    );
}

/// The family's copy of the example's meeting, made with `agenda`.
fn family_copy(agenda: &coregroup::domain::agenda::Agenda) -> Document {
    let plan = example::plan(today());
    let m = example::past_meeting(today());
    let snap = AgendaSnapshot::of(agenda);
    let calendar = Calendar::new(Division::EnglandAndWales);
    let v = view(&m, &plan, &plan, Reader::EveryFamilyMember).unwrap();
    coregroup::export::family::family_minutes(Record::of(&v, &snap, &calendar))
}

#[test]
fn the_family_copy_says_when_the_next_meeting_is_and_what_the_review_conference_does() {
    use coregroup::domain::agenda::StepKind;
    let plan = example::plan(today());
    let m = example::past_meeting(today());
    let agenda = common::agenda();
    // The review conference's date as `status` works it out.
    let due = coregroup::domain::case_dates::review_due(
        &plan,
        &agenda.policy,
        &Calendar::new(Division::EnglandAndWales),
    );
    let by = due
        .due
        .unwrap()
        .in_practice()
        .format("%A %-d %B %Y")
        .to_string();
    let mut without = agenda.clone();
    without.steps.retain(|s| s.kind != StepKind::Escalation);
    for agenda in [agenda, without] {
        let doc = family_copy(&agenda);
        let next = section(&doc, "The next meeting");
        let when = field(next, "When");
        let day = m
            .next_meeting
            .date
            .unwrap()
            .format("%A %-d %B %Y")
            .to_string();
        assert!(when.starts_with(&day), "{when}");
        assert!(when.ends_with("10:00"), "{when}");
        assert_eq!(field(next, "Where"), m.next_meeting.venue);

        let review = section(&doc, "The review conference");
        let text: Vec<String> = review
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Heading(h) => Some(h.clone()),
                Block::Para(p) => Some(p.plain()),
                _ => None,
            })
            .collect();
        let at = text
            .iter()
            .position(|t| t == "What happens at the review conference")
            .unwrap_or_else(|| panic!("{text:?}"));
        assert!(text[at + 1].contains("decides if the children still need"));
        assert_eq!(
            text[at + 2],
            format!("The next review conference will be held by {by}. You will be told the date.")
        );
        // Before the notes' last words.
        let pos = |h: &str| doc.sections.iter().position(|s| s.heading == h).unwrap();
        assert!(pos("The review conference") < pos("About these notes"));
    }
}
