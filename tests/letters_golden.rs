//! Golden files of what a parent receives, made with the example council's settings
//! (`examples/council.yaml`): each parent's own copy and own plan (each ending with who to
//! contact and their own page to sign), each family member's letter in HTML and Markdown,
//! and the covering note of each email, a professional's too. Compared byte for byte;
//! `UPDATE_GOLDEN=1 cargo test --test letters_golden` rewrites them (review the diff by eye).
//! Made from the pure export functions, so the config folder of whoever runs them plays no part.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use coregroup::agenda::{AgendaSnapshot, shipped};
use coregroup::domain::calendar::Calendar;
use coregroup::domain::case_dates::{first_circulated, meeting_dates};
use coregroup::domain::example;
use coregroup::domain::reader::addressed_to;
use coregroup::export::circulation::{Attachment, Letter, cover_letter, cover_note};
use coregroup::export::document::Issue;
use coregroup::export::{self, Case, html, markdown};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
}

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/letters")
}

/// Every file the example's family and one professional get, by its golden name.
fn made() -> Vec<(String, String)> {
    let plan = example::plan(today());
    let meeting = example::past_meeting(today());
    let agenda = shipped("core-group").unwrap();
    let snapshot = AgendaSnapshot::of(&agenda);
    let cal = Calendar::new(plan.case.division);
    let council = example::council();
    let mut out = Vec::new();
    let files = export::render_files_for(
        Case::at_close(&meeting, &plan),
        &snapshot,
        &cal,
        Issue::FIRST_DRAFT,
        Some(&council),
    )
    .unwrap();
    let parents: Vec<String> = ["mum", "dad"]
        .iter()
        .flat_map(|id| ["md", "html"].map(|ext| (id, ext)))
        .flat_map(|(id, ext)| {
            [
                export::own_copy_name(id, ext),
                export::own_plan_name(id, ext),
            ]
        })
        .collect();
    for f in files {
        if parents.contains(&f.name) {
            out.push((f.name, String::from_utf8(f.bytes).unwrap()));
        }
    }
    let held = meeting.details.date.unwrap();
    let day = held + chrono::Days::new(1);
    let due = meeting_dates(
        held,
        first_circulated(&plan, held, Some(day)),
        (&agenda.policy).into(),
        &cal,
    )
    .agreements_by
    .in_practice();
    for id in ["mum", "dad", "nan", "school"] {
        let view = addressed_to(&plan, id).unwrap();
        let seen = view.plan();
        let recipient = seen.member(id).unwrap();
        let family = recipient.family;
        let names: &[&str] = if family {
            &[
                "minutes-family.html",
                "minutes-family.docx",
                "plan.html",
                "plan.docx",
            ]
        } else {
            &["minutes.html", "plan.html", "next-meeting.ics"]
        };
        let letter = Letter {
            case_reference: &seen.case.reference,
            meeting: &meeting.id,
            meeting_day: held,
            circulated: day,
            agreement_due: Some(due),
            owes_agreement: true,
            recipient,
            sender: seen
                .case
                .lead_worker
                .as_deref()
                .and_then(|l| seen.member(l)),
            next_meeting: meeting
                .next_meeting
                .date
                .map(|d| (d, meeting.next_meeting.time)),
            attachments: names
                .iter()
                .map(|n| Attachment {
                    name: (*n).into(),
                    bytes: Vec::new(),
                })
                .collect(),
            council: &council,
        };
        out.push((format!("note-{id}.txt"), cover_note(&letter)));
        if family {
            // The view holds the address only where it may be printed.
            let doc = cover_letter(&letter, recipient.address.as_deref());
            out.push((format!("letter-{id}.html"), html::render(&doc)));
            out.push((format!("letter-{id}.md"), markdown::render(&doc)));
        }
    }
    out
}

#[test]
fn what_a_parent_receives_matches_its_golden_files() {
    let golden = golden_dir();
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let made = made();
    if update {
        fs::create_dir_all(&golden).unwrap();
        for (name, text) in &made {
            fs::write(golden.join(name), text).unwrap();
        }
        return;
    }
    let mut expected: Vec<String> = fs::read_dir(&golden)
        .map(|d| {
            d.map(|e| e.unwrap().file_name().into_string().unwrap())
                .collect()
        })
        .unwrap_or_default();
    expected.sort();
    let mut names: Vec<String> = made.iter().map(|(n, _)| n.clone()).collect();
    names.sort();
    assert_eq!(
        names, expected,
        "the set of files differs from the golden set"
    );
    for (name, got) in &made {
        let path = golden.join(name);
        let want = fs::read_to_string(&path).unwrap_or_else(|_| {
            panic!(
                "no golden file {}; run with UPDATE_GOLDEN=1",
                path.display()
            )
        });
        assert!(
            *got == want,
            "{name} differs from {}; run with UPDATE_GOLDEN=1 and review the diff",
            path.display()
        );
    }
}

/// What the golden files hold, said once in words, so a refresh that loses it fails here too.
#[test]
fn every_family_document_ends_with_who_to_contact_and_the_reader_s_page_to_sign() {
    let members = [
        ("mum", "Shauna Brennan"),
        ("dad", "Dean Walsh"),
        ("nan", "Maureen Brennan"),
    ];
    for (name, text) in made() {
        let family = !name.ends_with("-school.txt");
        if !family {
            assert!(!text.contains("Who to contact"), "{name}");
            continue;
        }
        for want in [
            "Who to contact",
            "01632 960100",
            "01632 960999",
            "01632 960123",
        ] {
            assert!(text.contains(want), "{name}: {want}");
        }
        // Each parent's own plan is marked as their copy of the notes is.
        assert!(text.contains("PRIVATE \u{2013} for you"), "{name}");
        assert!(!text.contains("&#39;"), "{name}: escaped twice");
        if name.starts_with("minutes-family") || name.starts_with("plan") {
            // Their own page, and no one else's.
            for (id, who) in members {
                let own = name.contains(&format!("-{id}."));
                assert_eq!(
                    text.contains(&format!("Your written agreement: {who}")),
                    own,
                    "{name}: {who}"
                );
            }
            assert_eq!(
                text.matches("Your written agreement: ").count(),
                1,
                "{name}"
            );
            assert!(text.contains("What the professionals will do"), "{name}");
        }
    }
}
